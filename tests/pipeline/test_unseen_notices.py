"""Hand-annotated notices from places, years, topics and layouts the rules were not written on.

Each ``tests/fixtures/variety*/<name>.json`` is a gold file written by hand after
``corpus/gold/README.md`` (never from the pipeline's output); its ``files`` entry names the one
input it describes (plain text, Word, spreadsheet, web page). Every fixture is extracted the way
``dvc repro`` extracts a corpus file, with ``tests/fixtures`` as the corpus, and scored with
``pipeline.evaluate.score_notice``.

A case the pipeline does not pass is marked ``xfail(strict=True)`` in ``KNOWN_FAILURES`` with the
precise difference, so a fix shows up as an XPASS and the mark has to go. Never weaken the gold
to make a case pass.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from extractors.notice import ExtractionSettings
from pipeline.evaluate import comparable, score_notice
from pipeline.extract import extract_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GOLD_FILES = sorted(FIXTURES.glob("variety*/*.json"))
SETTINGS = ExtractionSettings()
FORMATS = {".txt", ".html", ".docx", ".xlsx", ".xls", ".pdf"}
SPREADSHEETS = {".xlsx", ".xls"}  # a table with no letter around it: only what it states is checked

TASK_F1 = 0.9
UNIT_F1 = 0.9
DEADLINE_ACCURACY = 0.95
METADATA_TEXT = ("title", "issuer", "doc_number", "region")
METADATA_EXACT = ("year", "signed")
# A spreadsheet that carries only the task table has no title block, issuer, number or signature:
# only the region and year it covers are compared, and only where the gold sets them.
TABLE_ONLY_METADATA = ("region", "year")

# "<folder>/<name>:<test>" -> what differs from the gold and why.
KNOWN_FAILURES: dict[str, str] = {}


def _key(gold_path: Path) -> str:
    return f"{gold_path.parent.name}/{gold_path.stem}"


def _cases(test: str) -> list[Any]:
    cases = []
    for gold_path in GOLD_FILES:
        reason = KNOWN_FAILURES.get(f"{_key(gold_path)}:{test}")
        marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
        cases.append(pytest.param(gold_path, id=_key(gold_path), marks=marks))
    return cases


@cache
def _gold(gold_path: Path) -> dict[str, Any]:
    return json.loads(gold_path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _source(gold_path: Path) -> Path:
    (file,) = _gold(gold_path)["files"]
    return FIXTURES / file


@cache
def _extracted(gold_path: Path) -> dict[str, Any]:
    result = extract_file(_source(gold_path), FIXTURES, SETTINGS)
    assert result.notice is not None, result.message
    return result.notice


def test_every_fixture_has_its_gold_and_its_file() -> None:
    assert len(GOLD_FILES) >= 20
    for gold_path in GOLD_FILES:
        source = _source(gold_path)
        assert source.exists() and source.suffix in FORMATS, source
        assert source.parent == gold_path.parent and source.stem == gold_path.stem, source


@pytest.mark.parametrize("gold_path", _cases("gold"))
def test_gold_follows_the_gold_readme(gold_path: Path) -> None:
    """The hand-made gold is well formed: kinds, roles and due dates as corpus/gold/README.md says."""
    gold = _gold(gold_path)
    assert gold["tasks"]
    for task in gold["tasks"]:
        assert task["requirement"] == comparable(task["requirement"])
        for unit in task["units"]:
            assert unit["role"] in {"lead", "responsible", "cooperate"}
            assert not unit["name"].endswith(("等部门", "等单位", "等")), unit
        deadline = task["deadline"]
        kind, due = deadline["kind"], deadline["due"]
        assert kind in {"date", "year_round", "ongoing", "periodic", "relative", "none"}
        if kind in {"date", "year_round"}:
            date.fromisoformat(due)
        else:
            assert due is None
        if kind == "year_round":
            assert due == f"{gold['notice']['year']}-12-31"


@pytest.mark.parametrize("gold_path", _cases("scores"))
def test_tasks_units_and_deadlines_against_gold(gold_path: Path) -> None:
    score = score_notice(_extracted(gold_path)["tasks"], _gold(gold_path)["tasks"]).as_dict()
    assert score["tasks"]["f1"] >= TASK_F1, score
    assert score["units"]["f1"] >= UNIT_F1, score
    assert score["deadlines"]["accuracy"] >= DEADLINE_ACCURACY, score


@pytest.mark.parametrize("gold_path", _cases("metadata"))
def test_metadata_against_gold(gold_path: Path) -> None:
    expected, notice = _gold(gold_path)["notice"], _extracted(gold_path)
    table_only = _source(gold_path).suffix in SPREADSHEETS
    text_keys = [k for k in METADATA_TEXT if not table_only or (k in TABLE_ONLY_METADATA and expected.get(k))]
    exact_keys = [k for k in METADATA_EXACT if not table_only or (k in TABLE_ONLY_METADATA and expected.get(k))]
    differences = {
        key: (expected[key], notice[key])
        for key in text_keys
        if (expected[key] is None) != (notice[key] is None) or comparable(expected[key]) != comparable(notice[key])
    }
    differences.update({key: (expected[key], notice[key]) for key in exact_keys if expected[key] != notice[key]})
    assert not differences, differences
