"""The benchmark's synthetic corpus: many regions and years, renditions de-duplicated, years compared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.compare_synthetic import build_corpus, main
from pipeline.compare.inputs import load_inputs
from pipeline.compare.panel import region_year_panel


def test_synthetic_corpus_has_series_of_years_and_duplicate_files(bundled_outputs: Path, tmp_path: Path) -> None:
    built = build_corpus(bundled_outputs, tmp_path, notices=30, regions=3, seed=1, duplicate_share=0.5)
    assert built["notices"] == 30 and built["files"] > 30
    inputs = load_inputs(tmp_path)
    panel = region_year_panel(inputs.files, inputs.tasks, inputs.mentions)
    assert panel["notices"].sum() == 30 and panel["files"].sum() == built["files"]
    assert panel.groupby("region")["year"].nunique().tolist() == [10, 10, 10]
    assert not inputs.tasks["requirement"].str.contains("临沂|青岛|临海|宿迁").any(), "region names are replaced"


def test_benchmark_prints_its_measurements(bundled_outputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--source", str(bundled_outputs), "--notices", "12", "--regions", "2", "--out", str(tmp_path / "m.json")]) == 0
    measured = json.loads((tmp_path / "m.json").read_text(encoding="utf-8"))
    assert measured["notices"] == 12 and measured["region_years"] == 12
    for run in ("cold", "warm"):  # an empty memo, then the memo the cold run left
        assert {"load", "panel", "themes", "keywords", "changes", "units", "write"} <= set(measured[f"{run}_steps_s"])
    assert measured["year_over_year"]["carried"] > 0
    assert '"cold_wall_s"' in capsys.readouterr().out
