"""Fixtures of the comparison tests: the bundled corpus's outputs, and small synthetic corpora."""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from pipeline.run import run_corpus
from pipeline.settings import load_settings
from tests.conftest import CORPUS, NOTICES, ROOT

THEMES = CORPUS / "themes.yaml"
STOPWORDS = CORPUS / "stopwords.txt"


@pytest.fixture(scope="session")
def bundled_outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``notices.parquet`` and ``tasks.parquet`` of the bundled corpus, made the way `dvc repro` makes them."""
    outputs = tmp_path_factory.mktemp("bundled-outputs")
    with contextlib.chdir(ROOT):  # params.yaml names corpus/unit_aliases.csv relative to the repository
        settings = dataclasses.replace(load_settings(ROOT / "params.yaml"), corpus=NOTICES, outputs=outputs, cache=None)
        run_corpus(settings)
    return outputs


def task_row(task_id: str, requirement: str, section: list[str] | None = None, units: list[dict[str, Any]] | None = None,
             kind: str = "none", due: str | None = None) -> dict[str, Any]:  # fmt: skip
    """One row of tasks.parquet with defaults for what a test does not care about."""
    return {"task_id": task_id, "requirement": requirement, "section": section or [], "units": units or [],
            "deadline_raw": None, "deadline_kind": kind, "deadline_due": pd.Timestamp(due).date() if due else None,
            "deadline_start": None, "origin": "text"}  # fmt: skip


@pytest.fixture
def frames() -> Callable[..., tuple[pd.DataFrame, pd.DataFrame]]:
    """Build (notices, tasks) frames from ``{(notice_id, region, year, title, signed): [task rows]}``."""

    def build(spec: dict[tuple[str, str, int, str | None, str | None], list[dict[str, Any]]]) -> tuple[pd.DataFrame, pd.DataFrame]:
        notices, tasks = [], []
        for (notice_id, region, year, title, signed), rows in spec.items():
            notices.append({"notice_id": notice_id, "path": f"{notice_id}.txt", "format": "txt", "status": "ok", "title": title,
                            "region": region, "year": year, "signed": pd.Timestamp(signed).date() if signed else None,
                            "n_tasks": len(rows)})  # fmt: skip
            tasks += [{**row, "task_id": f"{notice_id}-{row['task_id']}", "notice_id": notice_id, "region": region, "year": year}
                      for row in rows]  # fmt: skip
        return pd.DataFrame(notices), pd.DataFrame(tasks)

    return build
