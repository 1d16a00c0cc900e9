"""Real web text is noisier than the seeds: the same notices, damaged the ways published pages are.

Each case transforms a seed the way real pages do (hard line breaks every 30 characters, the whole
body on one line, pinyin after characters, spaced-out table headers) and checks that extraction
still finds the gold tasks.
"""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable

import pytest

from extractors.document import Document, InputFormat, Paragraph
from extractors.notice import document_to_notice
from pipeline.evaluate import score_notice
from pipeline.notice_json import Source, notice_to_json
from tests.conftest import GOLD, NOTICES

SEEDS = ["000_82450aaeb76714db", "001_071c6a9f0edf7a19", "002_02085f7e2344a83a", "003_95bf96e3b49f5e43", "004_4496c5e18f9a504a"]


def _lines(seed: str) -> list[str]:
    text = (NOTICES / "seeds" / f"{seed}.txt").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _scores(lines: list[str], seed: str) -> dict:
    document = Document(tuple(Paragraph(line) for line in lines), InputFormat.TXT)
    notice = notice_to_json(document_to_notice(document), Source("x.txt", "txt", "0" * 64))
    gold = json.loads((GOLD / f"{seed}.json").read_text(encoding="utf-8"))
    return score_notice(notice["tasks"], gold["tasks"]).as_dict()


def hard_wrapped(lines: list[str]) -> list[str]:
    return [piece for line in lines for piece in textwrap.wrap(line, 30)]


def with_pinyin(lines: list[str]) -> list[str]:
    return [line.replace("发展", "发(fā)展").replace("公开", "公(gōng)开") for line in lines]


def spaced_headers(lines: list[str]) -> list[str]:
    headers = {"要点任务", "工作要求", "责任单位", "完成时限", "工作任务", "时间进度"}
    return [" ".join(line) if line in headers else line for line in lines]


def lost_indents(lines: list[str]) -> list[str]:
    return [f"??{line}" if re.match(r"[(一二三四五六七八九十]", line) else line for line in lines]


@pytest.mark.parametrize("damage", [hard_wrapped, with_pinyin, spaced_headers, lost_indents], ids=lambda f: f.__name__)
@pytest.mark.parametrize("seed", SEEDS)
def test_damaged_seed_keeps_its_tasks(seed: str, damage: Callable[[list[str]], list[str]]) -> None:
    scores = _scores(damage(_lines(seed)), seed)
    assert scores["tasks"]["f1"] >= 0.95, scores
    assert scores["units"]["f1"] >= 0.90, scores
    assert scores["deadlines"]["accuracy"] >= 0.95, scores


@pytest.mark.parametrize("seed", ["000_82450aaeb76714db", "003_95bf96e3b49f5e43", "004_4496c5e18f9a504a"])
def test_body_on_one_line_is_split_at_its_items(seed: str) -> None:
    scores = _scores(["".join(_lines(seed))], seed)
    assert scores["tasks"]["f1"] >= 0.9, scores
