"""Every notice JSON the pipeline writes validates against the versioned schema."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest

from extractors.notice import ExtractionSettings
from pipeline.extract import extract_file
from pipeline.notice_json import SCHEMA_VERSION
from pipeline.run import corpus_files
from tests.conftest import NOTICES

SCHEMA = json.loads(resources.files("pipeline").joinpath(f"schemas/notice-{SCHEMA_VERSION}.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def test_schema_is_itself_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", list(corpus_files(NOTICES)), ids=lambda p: p.name)
def test_every_bundled_notice_validates(path) -> None:
    notice = extract_file(path, NOTICES, ExtractionSettings()).notice
    assert notice is not None
    errors = sorted(VALIDATOR.iter_errors(notice), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_schema_rejects_a_dated_deadline_without_due() -> None:
    notice = extract_file(NOTICES / "seeds" / "002_02085f7e2344a83a.txt", NOTICES, ExtractionSettings()).notice
    assert notice is not None
    notice["tasks"][0]["deadline"] = {"raw": "全年", "kind": "year_round", "due": None}
    assert not VALIDATOR.is_valid(notice)
