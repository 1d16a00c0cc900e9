"""The fast t2s path must convert exactly as OpenCC does."""

from __future__ import annotations

import random

import opencc
import pytest

from extractors.readers import read_document
from normalizers.script import SIMPLIFYING_CONFIGS, _convert_t2s, _fast_t2s, to_simplified
from tests.conftest import NOTICES

TRADITIONAL_FILES = ["seeds/001_071c6a9f0edf7a19.txt", "samples/linhai-2020.docx", "samples/linhai-2020.pdf"]


@pytest.mark.parametrize("name", TRADITIONAL_FILES)
def test_fast_t2s_equals_opencc_on_real_notices(name: str) -> None:
    text = "\n".join(read_document(NOTICES / name).texts())
    assert _convert_t2s(text) == opencc.OpenCC("t2s").convert(text)


def test_fast_t2s_equals_opencc_on_every_dictionary_entry_in_context() -> None:
    _, phrases, characters = _fast_t2s()
    entries = [*phrases, *(chr(code) for code in characters)]
    rng = random.Random(20231122)
    text = "".join(rng.choice(entries) + rng.choice(["的", "了", ",", "。", " ", "a1", ""]) for _ in range(30000))
    assert _convert_t2s(text) == opencc.OpenCC("t2s").convert(text)


def test_phrase_configs_still_use_opencc() -> None:
    assert to_simplified("網際網路最佳化", "tw2sp") == opencc.OpenCC("tw2sp").convert("網際網路最佳化")


@pytest.mark.parametrize(
    ("text", "simplified"),
    [("区衞生健康局", "区卫生健康局"), ("龍崗區衞生健康局", "龙岗区卫生健康局"), ("敍述", "叙述"), ("显著提高", "显著提高"), ("抬高", "抬高")],
    ids=["variant-alone", "variant-among-traditional", "another-variant", "zhu-is-simplified-too", "tai-is-simplified-too"],
)
def test_hong_kong_and_taiwan_variants_become_simplified_under_every_config(text: str, simplified: str) -> None:
    for config in SIMPLIFYING_CONFIGS:
        assert to_simplified(text, config) == simplified
