"""Who carries the work: canonical units by the tasks they lead, are responsible for or cooperate on.

A unit's ``canonical`` name is its name within its region (see the README), so 临沂's 市财政局 and
青岛's 市财政局 are different bodies in ``by_region`` but one kind of body in ``across_regions``,
which is what a comparison of cities asks (does the finance bureau carry more work here or there?).
A task naming a unit twice counts once per role.
"""

from __future__ import annotations

import pandas as pd

ROLES = ("lead", "responsible", "cooperate")


def _role_table(mentions: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    distinct = mentions.drop_duplicates([*keys, "task_id", "role"])
    roles = distinct.groupby([*keys, "role"])["task_id"].nunique().unstack("role", fill_value=0)
    roles = roles.reindex(columns=list(ROLES), fill_value=0)
    grouped = mentions.groupby(keys)
    table = pd.DataFrame({"tasks": grouped["task_id"].nunique(), "collective": grouped["collective"].any()}).join(roles)
    return table.reset_index()


def unit_load(tasks: pd.DataFrame, mentions: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(by_region, across_regions): tasks per canonical unit with lead / responsible / cooperate
    counts, from the units the tasks name (``CompareInputs.mentions``).

    ``share`` in ``by_region`` is the unit's tasks over the region's tasks (all years); in
    ``across_regions`` ``regions`` counts the regions naming the unit.
    """
    columns = ["region", "canonical", "tasks", *ROLES, "collective", "share"]
    if mentions.empty:
        return pd.DataFrame(columns=columns), pd.DataFrame(columns=["canonical", "tasks", *ROLES, "collective", "regions"])
    by_region = _role_table(mentions, ["region", "canonical"])
    region_tasks = tasks.groupby("region")["task_id"].nunique()
    by_region["share"] = (by_region["tasks"] / by_region["region"].map(region_tasks)).round(4)
    by_region = by_region[columns].sort_values(["region", "tasks", "canonical"], ascending=[True, False, True], ignore_index=True)
    across = _role_table(mentions.assign(task_id=mentions["region"] + "/" + mentions["task_id"]), ["canonical"])
    across["regions"] = across["canonical"].map(mentions.groupby("canonical")["region"].nunique())
    across = across[["canonical", "tasks", *ROLES, "collective", "regions"]]
    return by_region, across.sort_values(["tasks", "canonical"], ascending=[False, True], ignore_index=True)
