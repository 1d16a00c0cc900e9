"""The tables of one comparison, as the report and the writer see them."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(slots=True)
class CompareResult:
    """All tables of one comparison; ``timings`` holds seconds per step for the benchmark."""

    files: pd.DataFrame
    tasks: pd.DataFrame
    panel: pd.DataFrame
    themes: pd.DataFrame
    keywords: pd.DataFrame
    task_changes: pd.DataFrame
    theme_changes: pd.DataFrame
    changes: pd.DataFrame
    units_by_region: pd.DataFrame
    units_across: pd.DataFrame
    labels: dict[str, str]
    descriptions: dict[str, str]
    focus_region: str | None
    skipped: int
    timings: dict[str, float] = field(default_factory=dict)

    def tables(self) -> dict[str, pd.DataFrame]:
        """The CSV files under ``tables/``, by name."""
        task_themes = self.tasks[["task_id", "notice_id", "region", "year", "theme"]].assign(label=lambda t: t["theme"].map(self.labels))
        return {
            "panel": self.panel, "notices": self.files, "themes": self.themes, "task_themes": task_themes,
            "keywords": self.keywords, "changes": self.changes, "task_changes": self.task_changes,
            "theme_changes": self.theme_changes, "units_by_region": self.units_by_region, "units": self.units_across,
        }  # fmt: skip

    def trends(self) -> dict[str, pd.DataFrame]:
        """Long tables with a ``series`` column, one line per series in `dvc plots show`."""
        by_year = self.panel.rename(columns={"region": "series"})[["year", "series", "tasks", "notices", "dated_tasks"]]
        pooled = self.themes.groupby(["year", "theme", "label"], as_index=False)["tasks"].sum()
        pooled["share"] = (pooled["tasks"] / pooled.groupby("year")["tasks"].transform("sum")).round(4)
        shares = pooled.rename(columns={"label": "series"})[["year", "series", "share", "tasks"]]
        return {"tasks_by_year": by_year.sort_values(["series", "year"]), "theme_shares_by_year": shares.sort_values(["series", "year"])}
