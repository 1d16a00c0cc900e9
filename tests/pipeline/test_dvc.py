"""dvc.yaml and params.yaml stay in step with the code."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

import pipeline.settings
from pipeline.cli import main
from tests.conftest import GOLD, NOTICES, ROOT


def _flatten(params: dict, prefix: str = "") -> set[str]:
    keys: set[str] = set()
    for key, value in params.items():
        name = f"{prefix}{key}"
        keys |= _flatten(value, f"{name}.") if isinstance(value, dict) else {name}
    return keys


def test_every_param_is_declared_by_a_stage() -> None:
    params = _flatten(yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8")))
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    declared = {param for stage in stages.values() for param in stage.get("params", [])}
    assert params <= declared, f"params no stage re-runs on: {params - declared}"


def _stage() -> dict:
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    assert list(stages) == ["run"], "one stage: README 'Incremental runs' says why"
    return stages["run"]


def test_stage_declares_the_contract_outputs_and_runs_every_step() -> None:
    stage = _stage()
    outs = set(_declared(stage, "outs"))
    assert {"outputs/notices.parquet", "outputs/sections.parquet", "outputs/tasks.parquet",
            "outputs/tasks.jsonl", "outputs/json", "outputs/compare/report.html", "outputs/compare/tables"} <= outs  # fmt: skip
    assert "outputs/metrics.json" in _declared(stage, "metrics")
    command = stage["cmd"].split()
    assert command[:2] == ["notice-tasks", "run"] and {"--evaluate", "--compare", "--allow-errors"} <= set(command)


def _declared(stage: dict, *kinds: str) -> dict[str, dict]:
    """Paths a stage declares under ``kinds`` (outs, metrics, plots), with their options."""
    declared: dict[str, dict] = {}
    for kind in kinds:
        for entry in stage.get(kind, []):
            path, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
            declared[path] = options or {}
    return declared


def test_the_stage_command_produces_every_file_it_declares(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stage = _stage()
    real = pipeline.settings.load_settings
    monkeypatch.setattr(pipeline.settings, "load_settings",
                        lambda path: dataclasses.replace(real(path), cache=tmp_path / "cache", compare_cache=tmp_path / "memo"))  # fmt: skip
    corpus = tmp_path / "corpus"
    shutil.copytree(NOTICES / "seeds", corpus / "seeds")
    outputs = tmp_path / "outputs"
    arguments = stage["cmd"].split()[1:]
    themes, stopwords = ROOT / "corpus" / "themes.yaml", ROOT / "corpus" / "stopwords.txt"
    assert main([*arguments, "--corpus", str(corpus), "--outputs", str(outputs), "--gold", str(GOLD),
                 "--themes", str(themes), "--stopwords", str(stopwords)]) == 0  # fmt: skip
    for path in _declared(stage, "outs", "metrics", "plots"):
        produced = outputs / Path(path).relative_to("outputs")
        assert produced.exists(), f"the stage declares {path} but its command does not write it"


def test_outputs_survive_a_killed_repro_and_small_files_live_in_git() -> None:
    declared = _declared(_stage(), "outs", "metrics", "plots")
    assert "outputs/tasks.xlsx" in declared
    # Without persist DVC deletes the outputs before running the command, so a killed run would
    # leave none; the command replaces them all at once instead.
    assert all(options.get("persist") for options in declared.values())
    metrics, plots = _declared(_stage(), "metrics"), _declared(_stage(), "plots")
    assert "outputs/counts.json" in metrics and "outputs/plots/tasks_per_region_year.csv" in plots
    assert all(options.get("cache") is False for options in {**metrics, **plots}.values())
    assert {"x", "y", "template"} <= set(plots["outputs/plots/tasks_per_region_year.csv"])
