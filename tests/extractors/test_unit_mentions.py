"""The spaCy unit pipeline sees only the stretches of a sentence that can name a doer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.readers.encoding import decode_bytes
from extractors.unit_mentions import doer_mentions, doer_windows
from extractors.unit_pipeline import unit_pipeline

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "corpus/notices/seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures").rglob("*.txt"))


def _sentences() -> list[str]:
    texts = [decode_bytes(path.read_bytes())[0] for path in TEXTS]  # fixtures come in GB18030, Big5, UTF-16…
    return [s for text in texts for s in re.split(r"[。;!?\n]", text) if s.strip()]


def _whole_sentence_doers(sentence: str) -> list[str]:
    doc = unit_pipeline()(sentence)
    return [ent.text for ent in doc.ents if ent._.doer]


def test_windows_find_the_same_doers_as_the_whole_sentence() -> None:
    sentences = _sentences()
    assert len(sentences) > 500
    with_doers = 0
    for sentence in sentences:
        expected = _whole_sentence_doers(sentence)
        assert [name for name, _ in doer_mentions(sentence)] == expected, sentence
        with_doers += bool(expected)
    assert with_doers > 20  # the comparison covered real doers, not only empty answers


@pytest.mark.parametrize(
    ("sentence", "windows"),
    [
        ("市财政局负责做好资金保障", ["市财政局负责做好资金保障"]),
        ("各部门要加强管理,办公室设在党政办,具体负责推进", ["办公室设在党政办,具体负责推进"]),
        ("强化统筹协调,市发改委牵头,市财政局配合", ["市发改委牵头"]),
        ("加强政策解读,提升回应实效", []),
        ("市委办要抓好落实,市政府办要做好保障", ["市委办要抓好落实", "市政府办要做好保障"]),
        ("市财政局、市审计局要加强监督", ["市财政局、市审计局要加强监督"]),
    ],
)
def test_doer_windows(sentence: str, windows: list[str]) -> None:
    assert doer_windows(sentence) == windows
