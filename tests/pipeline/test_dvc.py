"""dvc.yaml and params.yaml stay in step with the code."""

from __future__ import annotations

import yaml

from tests.conftest import ROOT


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


def test_extract_stage_declares_the_contract_outputs() -> None:
    stages = yaml.safe_load((ROOT / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    outs = set(stages["extract"]["outs"])
    assert {"outputs/notices.parquet", "outputs/sections.parquet", "outputs/tasks.parquet",
            "outputs/tasks.jsonl", "outputs/json"} <= outs  # fmt: skip
    assert any("outputs/metrics.json" in metric for metric in stages["evaluate"]["metrics"])
