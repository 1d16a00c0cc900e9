"""Which canonical units carry the tasks of a region, and which spellings were merged into each."""

from __future__ import annotations

from pathlib import Path

import pandas as pd


def unit_table(tasks_parquet: Path, region: str | None = None) -> pd.DataFrame:
    """One row per (region, canonical unit): tasks, tasks led, spellings merged, collective flag."""
    tasks = pd.read_parquet(tasks_parquet, columns=["task_id", "region", "units"])
    if region:
        tasks = tasks[tasks["region"] == region]
    units = tasks.explode("units").dropna(subset=["units"])
    if units.empty:
        return pd.DataFrame(columns=["region", "canonical", "tasks", "lead", "cooperate", "collective", "spellings"])
    flat = pd.DataFrame(
        {
            "region": units["region"].to_numpy(),
            "task_id": units["task_id"].to_numpy(),
            "canonical": [u["canonical"] or u["name"] for u in units["units"]],
            "name": [u["name"] for u in units["units"]],
            "role": [u["role"] for u in units["units"]],
            "collective": [bool(u["collective"]) for u in units["units"]],
        }
    )
    grouped = flat.groupby(["region", "canonical"], dropna=False)
    table = pd.DataFrame(
        {
            "tasks": grouped["task_id"].nunique(),
            "lead": grouped["role"].agg(lambda roles: int((roles == "lead").sum())),
            "cooperate": grouped["role"].agg(lambda roles: int((roles == "cooperate").sum())),
            "collective": grouped["collective"].any(),
            "spellings": grouped["name"].agg(lambda names: sorted(set(names))),
        }
    ).reset_index()
    return table.sort_values(["region", "tasks", "canonical"], ascending=[True, False, True], ignore_index=True)
