"""Ten hand-annotated notices from places, years and layouts the pipeline was not tuned on.

Each ``tests/fixtures/variety/<name>.txt`` has a gold file ``<name>.json`` written by hand after
``corpus/gold/README.md`` (never from the pipeline's output). Every fixture is extracted the way
``dvc repro`` extracts a corpus file, with ``tests/fixtures`` as the corpus, so that its source path
is ``variety/<name>.txt``, and scored with ``pipeline.evaluate.score_notice``.

A case the pipeline does not pass today is marked ``xfail(strict=True)`` with the precise
difference, so that a fix shows up as an XPASS and the mark has to be removed. Do not weaken the
gold to make a case pass.
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

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
VARIETY = FIXTURES / "variety"
SETTINGS = ExtractionSettings()

NAMES = sorted(path.stem for path in VARIETY.glob("*.txt"))

TASK_F1 = 0.9
UNIT_F1 = 0.9
DEADLINE_ACCURACY = 0.95
METADATA_TEXT = ("title", "issuer", "doc_number", "region")
METADATA_EXACT = ("year", "signed")

# Known failures of the scores test: fixture -> what differs from the gold and why.
SCORE_XFAILS: dict[str, str] = {
}

# Known failures of the metadata test: fixture -> which fields differ and why.
METADATA_XFAILS: dict[str, str] = {
}


def _cases(xfails: dict[str, str]) -> list[Any]:
    return [
        pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=True, reason=xfails[name])] if name in xfails else [])
        for name in NAMES
    ]


def _gold(name: str) -> dict[str, Any]:
    return json.loads((VARIETY / f"{name}.json").read_text(encoding="utf-8"))


@cache
def _extracted(name: str) -> dict[str, Any]:
    result = extract_file(VARIETY / f"{name}.txt", FIXTURES, SETTINGS)
    assert result.notice is not None, result.message
    return result.notice


def test_there_are_ten_fixtures_each_with_its_gold() -> None:
    assert len(NAMES) == 10
    for name in NAMES:
        assert (VARIETY / f"{name}.json").exists(), name


@pytest.mark.parametrize("name", NAMES)
def test_gold_follows_the_gold_readme(name: str) -> None:
    """The hand-made gold is well formed: kinds, roles and due dates as corpus/gold/README.md says."""
    gold = _gold(name)
    assert gold["files"] == [f"variety/{name}.txt"]
    lines = (VARIETY / f"{name}.txt").read_text(encoding="utf-8").splitlines()
    assert 40 <= len(lines) <= 150
    year = gold["notice"]["year"]
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
            assert due is not None
            date.fromisoformat(due)
        else:
            assert due is None
        if kind == "year_round":
            assert due == f"{year}-12-31"
        if kind == "none":
            assert deadline["raw"] == ""


@pytest.mark.parametrize("name", _cases(SCORE_XFAILS))
def test_tasks_units_and_deadlines_against_gold(name: str) -> None:
    score = score_notice(_extracted(name)["tasks"], _gold(name)["tasks"]).as_dict()
    assert score["tasks"]["f1"] >= TASK_F1, score
    assert score["units"]["f1"] >= UNIT_F1, score
    assert score["deadlines"]["accuracy"] >= DEADLINE_ACCURACY, score


@pytest.mark.parametrize("name", _cases(METADATA_XFAILS))
def test_metadata_against_gold(name: str) -> None:
    expected, notice = _gold(name)["notice"], _extracted(name)
    differences = {
        key: (expected[key], notice[key])
        for key in METADATA_TEXT
        if (expected[key] is None) != (notice[key] is None) or comparable(expected[key]) != comparable(notice[key])
    }
    differences.update({key: (expected[key], notice[key]) for key in METADATA_EXACT if expected[key] != notice[key]})
    assert not differences, differences
