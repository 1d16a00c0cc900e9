"""`notice-tasks compare` end to end and its DVC stage."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline.cli import main
from tests.conftest import ROOT


def test_compare_command_writes_tables_trends_and_report(bundled_outputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "compare"
    memo = tmp_path / "memo"
    assert main(["--params", str(ROOT / "params.yaml"), "compare", "--outputs", str(bundled_outputs), "--out", str(out), "--cache", str(memo)]) == 0
    assert len(list(memo.glob("*.json"))) == 1  # cuts and themes kept for the next run
    assert "5 notices" in capsys.readouterr().out
    tables = {p.stem for p in (out / "tables").glob("*.csv")}
    assert {"panel", "notices", "themes", "task_themes", "keywords", "changes", "task_changes", "theme_changes", "units"} <= tables
    trend = pd.read_csv(out / "trends" / "tasks_by_year.csv")
    assert list(trend.columns[:3]) == ["year", "series", "tasks"]
    assert trend["tasks"].sum() == pd.read_csv(out / "tables" / "panel.csv")["tasks"].sum()
    shares = pd.read_csv(out / "trends" / "theme_shares_by_year.csv")
    assert shares.groupby("year")["share"].sum().round(2).eq(1.0).all()
    assert (out / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_compare_command_explains_missing_outputs_and_unknown_regions(bundled_outputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--params", str(ROOT / "params.yaml"), "compare", "--outputs", str(tmp_path / "none"), "--out", str(tmp_path / "c"), "--no-cache"]) == 2
    assert "run `notice-tasks run` first" in capsys.readouterr().err
    args = ["--params", str(ROOT / "params.yaml"), "compare", "--outputs", str(bundled_outputs), "--out", str(tmp_path / "c"), "--region", "火星市", "--no-cache"]
    assert main(args) == 2
    assert "火星市" in capsys.readouterr().err


def test_dvc_stage_declares_the_comparisons_inputs_outputs_and_plots() -> None:
    stage = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]["run"]
    assert "--compare" in stage["cmd"].split()
    assert {"corpus/themes.yaml", "corpus/stopwords.txt", "pipeline/compare", "extractors"} <= set(stage["deps"])
    outs = {next(iter(entry)) if isinstance(entry, dict) else entry for entry in stage["outs"]}
    assert {"outputs/compare/report.html", "outputs/compare/tables"} <= outs
    plots = {name: props for entry in stage["plots"] for name, props in entry.items() if name.startswith("outputs/compare/")}
    assert set(plots) == {"outputs/compare/trends/tasks_by_year.csv", "outputs/compare/trends/theme_shares_by_year.csv"}
    for props in plots.values():
        assert props["cache"] is False and props["x"] == "year"
        assert (ROOT / props["template"]).is_file()
