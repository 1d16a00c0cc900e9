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


def days_to_due(tasks: pd.DataFrame) -> pd.Series:
    """Days from the notice's signing to a dated task's due date; missing where either is unknown."""
    dated = tasks["deadline_kind"] == "date"
    due = pd.to_datetime(tasks["deadline_due"], errors="coerce")
    signed = pd.to_datetime(tasks["signed"], errors="coerce")
    return (due - signed).dt.days.where(dated)


def region_year_panel(files: pd.DataFrame, tasks: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per region-year with a usable notice, in region then year order; ``mentions`` are
    the units the tasks name (``CompareInputs.mentions``)."""
    base = files.groupby(["region", "year"]).agg(files=("notice_id", "size"), notices=("notice_key", "nunique"))
    work = tasks.assign(dated=tasks["deadline_kind"] == "date", year_round=tasks["deadline_kind"] == "year_round", days=days_to_due(tasks))
    grouped = work.groupby(["region", "year"])
    counts = pd.DataFrame({
        "tasks": grouped.size(), "dated_tasks": grouped["dated"].sum(), "year_round_tasks": grouped["year_round"].sum(),
        "median_days_to_due": grouped["days"].median(),
    })  # fmt: skip
    by_region_year = mentions.groupby(["region", "year"])
    units = pd.DataFrame({"unit_mentions": by_region_year.size(), "collective_share": by_region_year["collective"].mean().round(4)})
    panel = base.join(counts, how="left").join(units, how="left").reset_index()
    for column in ("tasks", "dated_tasks", "year_round_tasks", "unit_mentions"):
        panel[column] = panel[column].fillna(0).astype(int)
    return panel[COLUMNS].sort_values(["region", "year"], ignore_index=True)
