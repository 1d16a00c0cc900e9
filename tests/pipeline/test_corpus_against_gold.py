"""Every bundled notice against its gold file, through the same code `dvc repro` runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.notice import ExtractionSettings
from pipeline.evaluate import score_notice
from pipeline.extract import extract_file
from tests.conftest import GOLD, NOTICES

GOLD_FILES = sorted(GOLD.glob("*.json"))
SEED_CASES = [
    pytest.param(gold_path, file, id=file)
    for gold_path in GOLD_FILES
    for file in json.loads(gold_path.read_text(encoding="utf-8"))["files"]
    if file.startswith("seeds/")
]


@pytest.mark.parametrize(("gold_path", "file"), SEED_CASES)
def test_seed_scores_against_gold(gold_path: Path, file: str) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    result = extract_file(NOTICES / file, NOTICES, ExtractionSettings())
    assert result.notice is not None, result.message
    score = score_notice(result.notice["tasks"], gold["tasks"]).as_dict()
    assert score["tasks"]["f1"] >= 0.95, score
    assert score["units"]["f1"] >= 0.90, score
    assert score["deadlines"]["accuracy"] >= 0.95, score


@pytest.mark.parametrize(("gold_path", "file"), SEED_CASES)
def test_seed_metadata_matches_gold(gold_path: Path, file: str) -> None:
    expected = json.loads(gold_path.read_text(encoding="utf-8"))["notice"]
    notice = extract_file(NOTICES / file, NOTICES, ExtractionSettings()).notice
    assert notice is not None
    for key in ("title", "issuer", "doc_number", "region", "year", "signed"):
        assert notice[key] == expected[key], key
