"""Shared fixtures: paths into the bundled corpus and the golden-file switch."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NOTICES = CORPUS / "notices"
GOLD = CORPUS / "gold"
GOLDEN = Path(__file__).resolve().parent / "golden"

# REGEN_GOLDEN=1 rewrites golden files instead of comparing; tests/test_golden_switch.py
# makes sure it is never on in CI.
REGEN_GOLDEN = os.environ.get("REGEN_GOLDEN") == "1"


def assert_matches_golden(actual: Any, golden_path: Path) -> None:
    """Compare ``actual`` (JSON-ready) with a checked-in golden file, or rewrite it on request."""
    rendered = json.dumps(actual, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if REGEN_GOLDEN:
        golden_path.parent.mkdir(parents=True, exist_ok=True)
        golden_path.write_text(rendered, encoding="utf-8")
        return
    if not golden_path.exists():
        pytest.fail(f"missing golden file {golden_path}; create it with REGEN_GOLDEN=1 and review it")
    expected = json.loads(golden_path.read_text(encoding="utf-8"))
    assert json.loads(rendered) == expected


@pytest.fixture
def notices_dir() -> Path:
    return NOTICES
