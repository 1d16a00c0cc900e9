"""Ten more hand-annotated notices, this time in the formats they are published in.

Each ``tests/fixtures/variety2/<name>.json`` is a gold file written by hand after
``corpus/gold/README.md`` (never from the pipeline's output); its ``files`` entry names the one input
it describes, ``variety2/<name>.<ext>``: Word files with real (merged, split, repeated-header)
tables, a spreadsheet, GBK and UTF-8 web pages, and plain text. Every fixture is extracted the way
``dvc repro`` extracts a corpus file, with ``tests/fixtures`` as the corpus, and scored with
``pipeline.evaluate.score_notice``, exactly as ``test_variety.py`` does for the first round.

A case the pipeline does not pass today is marked ``xfail(strict=True)`` with the precise
difference, so that a fix shows up as an XPASS and the mark has to be removed. Do not weaken the
gold to make a case pass.
"""

from __future__ import annotations

import json
import re
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
VARIETY2 = FIXTURES / "variety2"
SETTINGS = ExtractionSettings()

NAMES = sorted(path.stem for path in VARIETY2.glob("*.json"))
FORMATS = {".txt", ".html", ".docx", ".xlsx"}

TASK_F1 = 0.9
UNIT_F1 = 0.9
DEADLINE_ACCURACY = 0.95
METADATA_TEXT = ("title", "issuer", "doc_number", "region")
METADATA_EXACT = ("year", "signed")
# A spreadsheet that carries only the task table has no title block, issuer, number or signature:
# only the region and year it covers are compared, and only where the gold sets them.
TABLE_ONLY_METADATA = ("region", "year")

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
    return json.loads((VARIETY2 / f"{name}.json").read_text(encoding="utf-8"))


def _source(name: str) -> Path:
    (file,) = _gold(name)["files"]
    return FIXTURES / file


@cache
def _extracted(name: str) -> dict[str, Any]:
    result = extract_file(_source(name), FIXTURES, SETTINGS)
    assert result.notice is not None, result.message
    return result.notice


def _text_lines(path: Path) -> list[str]:
    """The non-empty lines of text a reader sees in the file (paragraphs, cells, page text),
    counted with the format's own library rather than with the pipeline's readers."""
    if path.suffix == ".txt":
        lines = path.read_text(encoding="utf-8").splitlines()
    elif path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        lines = [p.text for p in document.paragraphs]
        seen: list[Any] = []  # the cells' XML elements, kept alive so that identity is stable
        for table in document.tables:
            for row in table.rows:
                for cell in row.cells:
                    if not any(cell._tc is other for other in seen):  # a merged cell is listed per slot
                        seen.append(cell._tc)
                        lines.append(cell.text)
    elif path.suffix == ".xlsx":
        import openpyxl

        workbook = openpyxl.load_workbook(path, read_only=True)
        lines = [str(value) for sheet in workbook for row in sheet.iter_rows(values_only=True) for value in row if value is not None]
    else:
        from bs4 import BeautifulSoup

        raw = path.read_bytes()
        charset = re.search(rb'charset="?([\w-]+)', raw)
        soup = BeautifulSoup(raw.decode(charset.group(1).decode() if charset else "utf-8"), "html.parser")
        for tag in soup(["script", "style", "head"]):
            tag.decompose()
        lines = soup.get_text("\n").splitlines()
    return [line for line in lines if line.strip()]


def test_there_are_ten_fixtures_each_with_its_gold_and_its_file() -> None:
    assert len(NAMES) == 10
    assert {path.stem for path in VARIETY2.iterdir() if path.suffix != ".json"} == set(NAMES)
    for name in NAMES:
        source = _source(name)
        assert source.exists(), source
        assert source.stem == name and source.suffix in FORMATS, source


@pytest.mark.parametrize("name", NAMES)
def test_gold_follows_the_gold_readme(name: str) -> None:
    """The hand-made gold is well formed: kinds, roles and due dates as corpus/gold/README.md says."""
    gold = _gold(name)
    assert gold["files"] == [f"variety2/{_source(name).name}"]
    assert 30 <= len(_text_lines(_source(name))) <= 150
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
    text_keys, exact_keys = METADATA_TEXT, METADATA_EXACT
    if _source(name).suffix == ".xlsx":
        text_keys = tuple(key for key in METADATA_TEXT if key in TABLE_ONLY_METADATA and expected[key] is not None)
        exact_keys = tuple(key for key in METADATA_EXACT if key in TABLE_ONLY_METADATA and expected[key] is not None)
    differences = {
        key: (expected[key], notice[key])
        for key in text_keys
        if (expected[key] is None) != (notice[key] is None) or comparable(expected[key]) != comparable(notice[key])
    }
    differences.update({key: (expected[key], notice[key]) for key in exact_keys if expected[key] != notice[key]})
    assert not differences, differences
