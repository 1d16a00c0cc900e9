"""Every bundled notice file against its gold file, through the same code `dvc repro` runs,
and every rendition of one notice (txt, html, docx, pdf, xlsx) against the others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.notice import ExtractionSettings
from pipeline.evaluate import comparable, score_notice
from pipeline.extract import extract_file
from tests.conftest import GOLD, NOTICES

GOLD_FILES = sorted(GOLD.glob("*.json"))
CASES = [
    pytest.param(gold_path, file, id=file)
    for gold_path in GOLD_FILES
    for file in json.loads(gold_path.read_text(encoding="utf-8"))["files"]
]
SETTINGS = ExtractionSettings()


@pytest.mark.parametrize(("gold_path", "file"), CASES)
def test_file_scores_against_gold(gold_path: Path, file: str) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = extract_file(NOTICES / file, NOTICES, SETTINGS)
    assert result.notice is not None, result.message
    score = score_notice(result.notice["tasks"], gold["tasks"]).as_dict()
    assert score["tasks"]["f1"] >= 0.95, score
    assert score["units"]["f1"] >= 0.90, score
    assert score["deadlines"]["accuracy"] >= 0.95, score


@pytest.mark.parametrize(("gold_path", "file"), CASES)
def test_file_metadata_matches_gold(gold_path: Path, file: str) -> None:
    expected = json.loads(gold_path.read_text(encoding="utf-8"))["notice"]
    notice = extract_file(NOTICES / file, NOTICES, SETTINGS).notice
    assert notice is not None
    # A table-only spreadsheet carries no title, signature or number of its own.
    keys = ("region", "year") if file.endswith(".xlsx") else ("title", "issuer", "doc_number", "region", "year", "signed")
    for key in keys:
        assert notice[key] == expected[key], key


def _task_view(notice: dict) -> list[tuple]:
    return [
        (
            comparable(task["requirement"]),
            tuple(comparable(part) for part in task["section"]),
            frozenset((comparable(unit["name"]), unit["role"]) for unit in task["units"]),
            (task["deadline"]["kind"], task["deadline"]["due"]),
        )
        for task in notice["tasks"]
    ]


PARITY_CASES = [
    pytest.param(gold_path, id=gold_path.stem)
    for gold_path in GOLD_FILES
    if len(json.loads(gold_path.read_text(encoding="utf-8"))["files"]) > 1
]


@pytest.mark.parametrize("gold_path", PARITY_CASES)
def test_every_format_of_a_notice_gives_the_same_tasks(gold_path: Path) -> None:
    files = json.loads(gold_path.read_text(encoding="utf-8"))["files"]
    views = {file: _task_view(extract_file(NOTICES / file, NOTICES, SETTINGS).notice or {"tasks": []}) for file in files}
    first, reference = files[0], views[files[0]]
    for file, view in views.items():
        assert [v[0] for v in view] == [r[0] for r in reference], f"{file} vs {first}: requirements"
        assert [v[1:] for v in view] == [r[1:] for r in reference], f"{file} vs {first}: sections, units, deadlines"
