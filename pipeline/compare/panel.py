"""The region × year panel: how many notices and tasks, how many dated, who is named, how tight.

Counts are of notices, not files (see ``pipeline.compare.inputs``): ``files`` says how many files
carried them. A task has a *dated* deadline when its kind is ``date`` (an explicit day or month
such as 6月底前); 全年 (``year_round``) resolves to 31 December but says only "this year", so it is
counted apart. ``median_days_to_due`` is over dated tasks whose notice has a signing date: days from
signing to the due date (negative when a task was due before the notice was signed).
``collective_share`` is the share of unit mentions that stand for many bodies (各县区政府).
"""

from __future__ import annotations

import pandas as pd

COLUMNS = ["region", "year", "files", "notices", "tasks", "dated_tasks", "year_round_tasks", "unit_mentions",
           "collective_share", "median_days_to_due"]  # fmt: skip


def unit_mentions(tasks: pd.DataFrame) -> pd.DataFrame:
    """One row per unit named by a task: region, year, task_id, canonical, name, role, collective."""
    columns = (tasks[name].tolist() for name in ("region", "year", "task_id", "units"))  # lists: iterating a Series is slower
    rows = [
        (region, year, task_id, unit.get("canonical") or unit.get("name"), unit.get("name"), str(unit.get("role")), bool(unit.get("collective")))
        for region, year, task_id, units in zip(*columns, strict=True)
        for unit in units
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=["region", "year", "task_id", "canonical", "name", "role", "collective"])


def days_to_due(tasks: pd.DataFrame) -> pd.Series:
    """Days from the notice's signing to a dated task's due date; missing where either is unknown."""
    dated = tasks["deadline_kind"] == "date"
    due = pd.to_datetime(tasks["deadline_due"], errors="coerce")
    signed = pd.to_datetime(tasks["signed"], errors="coerce")
    return (due - signed).dt.days.where(dated)


def region_year_panel(files: pd.DataFrame, tasks: pd.DataFrame, mentions: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per region-year with a usable notice, in region then year order; ``mentions`` is
    ``unit_mentions(tasks)`` when the caller has it already."""
    base = files.groupby(["region", "year"]).agg(files=("notice_id", "size"), notices=("notice_key", "nunique"))
    work = tasks.assign(dated=tasks["deadline_kind"] == "date", year_round=tasks["deadline_kind"] == "year_round", days=days_to_due(tasks))
    grouped = work.groupby(["region", "year"])
    counts = pd.DataFrame({
        "tasks": grouped.size(), "dated_tasks": grouped["dated"].sum(), "year_round_tasks": grouped["year_round"].sum(),
        "median_days_to_due": grouped["days"].median(),
    })  # fmt: skip
    by_region_year = (unit_mentions(tasks) if mentions is None else mentions).groupby(["region", "year"])
    units = pd.DataFrame({"unit_mentions": by_region_year.size(), "collective_share": by_region_year["collective"].mean().round(4)})
    panel = base.join(counts, how="left").join(units, how="left").reset_index()
    for column in ("tasks", "dated_tasks", "year_round_tasks", "unit_mentions"):
        panel[column] = panel[column].fillna(0).astype(int)
    return panel[COLUMNS].sort_values(["region", "year"], ignore_index=True)
