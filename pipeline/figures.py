"""The small summaries DVC shows: run counts (``dvc metrics``) and tasks per region-year (``dvc plots``)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pipeline.extract import FileResult, Status

if TYPE_CHECKING:
    from pipeline.parts import NoticeParts

PLOT_FIELDS = ("region_year", "region", "year", "tasks")


def run_counts(results: Sequence[FileResult]) -> dict[str, int]:
    """Files by status, notices and tasks of one run: what ``dvc metrics diff`` compares between commits."""
    notices = [r.notice for r in results if r.notice is not None]
    by_status = Counter(r.status for r in results)
    return {
        "files": len(results),
        "ok": by_status[Status.OK],
        "warning": by_status[Status.WARNING],
        "error": by_status[Status.ERROR],
        "notices": len(notices),
        "sections": sum(len(n["sections"]) for n in notices),
        "tasks": sum(len(n["tasks"]) for n in notices),
        "tasks_with_due_date": sum(1 for n in notices for t in n["tasks"] if t["deadline"]["due"]),
        "tasks_with_units": sum(1 for n in notices for t in n["tasks"] if t["units"]),
    }


class RunCounter:
    """``run_counts`` and ``tasks_per_region_year`` kept up as files stream past, from each
    file's summary: the run never holds its notices."""

    def __init__(self) -> None:
        self.by_status: Counter[Status] = Counter()
        self.totals: Counter[str] = Counter()
        self.region_years: Counter[tuple[str, str]] = Counter()

    def add(self, parts: NoticeParts) -> None:
        self.by_status[parts.status] += 1
        notice = parts.summary
        if notice is None:
            return
        self.totals.update({"notices": 1, "sections": notice["n_sections"], "tasks": notice["n_tasks"],
                            "tasks_with_due_date": notice["tasks_with_due_date"],
                            "tasks_with_units": notice["tasks_with_units"]})  # fmt: skip
        self.region_years[(notice.get("region") or "?", str(notice.get("year") or "?"))] += notice["n_tasks"]

    def counts(self) -> dict[str, int]:
        """The same figures, in the same order, as ``run_counts``."""
        return {
            "files": sum(self.by_status.values()),
            "ok": self.by_status[Status.OK],
            "warning": self.by_status[Status.WARNING],
            "error": self.by_status[Status.ERROR],
            **{key: self.totals[key] for key in ("notices", "sections", "tasks", "tasks_with_due_date", "tasks_with_units")},
        }

    def plot_rows(self) -> list[dict[str, Any]]:
        """The same rows as ``tasks_per_region_year``."""
        return [
            {"region_year": f"{region} {year}", "region": region, "year": year, "tasks": tasks}
            for (region, year), tasks in sorted(self.region_years.items())
        ]


def tasks_per_region_year(notices: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per (region, year) with its task count, sorted; an unknown region or year is '?'.

    >>> tasks_per_region_year([{"region": "临沂市", "year": 2023, "tasks": [{}, {}]}])
    [{'region_year': '临沂市 2023', 'region': '临沂市', 'year': '2023', 'tasks': 2}]
    """
    counts: Counter[tuple[str, str]] = Counter()
    for notice in notices:
        key = (notice.get("region") or "?", str(notice.get("year") or "?"))
        counts[key] += len(notice["tasks"])
    return [
        {"region_year": f"{region} {year}", "region": region, "year": year, "tasks": tasks}
        for (region, year), tasks in sorted(counts.items())
    ]


def rows_to_csv(rows: Sequence[dict[str, Any]], fields: Sequence[str] = PLOT_FIELDS) -> str:
    stream = io.StringIO()
    writer = csv.DictWriter(stream, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return stream.getvalue()
