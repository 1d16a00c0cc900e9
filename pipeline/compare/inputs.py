"""The pipeline's Parquet outputs, reduced to one file per notice, as the comparison's input.

The corpus holds the same notice in several files (a web page, its Word and PDF attachments, the
task table as a spreadsheet). Counting files would count that notice's tasks several times, so
every comparison counts **notices**: files of one region and year are one notice when

- their titles are equal once spaces, quotes and brackets are ignored, or
- their task requirements overlap (Dice ≥ ``SAME_NOTICE_OVERLAP`` over the set of requirement
  openings): a table-only spreadsheet, untitled or titled by its caption (…任务分解表), joins the
  notice it was attached to.

A notice's title is that of a file titled as a notice, before a table's caption (…表, …台账).

Each notice is then represented by one of its files, the one with most tasks (then one with a
title and a signing date, then the first path): its tasks are the notice's tasks. A notice's
signing date is its representative's, or any of its files' when the representative has none.
Files that failed (status ``error``) or whose region or year is unknown cannot be placed in the
region × year panel and are left out; ``CompareInputs.skipped`` counts them.

The units the representatives' tasks name come as one row per mention (``CompareInputs.mentions``),
read from the nested ``units`` column by Arrow itself: turning that column into Python lists of
dicts was the slowest step of loading (~0.25 s for 50,000 tasks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

SAME_NOTICE_OVERLAP = 0.5
# Characters that differ between renditions of one title: 《…》, “…”, (…), spaces.
_TITLE_NOISE = re.compile(r"[\s《》〈〉“”\"'‘’()()\[\]【】·,,、]")
# Requirement openings compare renditions: punctuation and digits vary with the reader.
_REQUIREMENT_NOISE = re.compile(r"[\W\d_a-zA-Z]+")
_OPENING = 24
# What the comparison reads of the tables (the rest of their columns are left on disk).
NOTICE_COLUMNS = ["notice_id", "path", "format", "status", "title", "region", "year", "signed", "n_tasks"]
TASK_COLUMNS = ["task_id", "notice_id", "section", "requirement", "units", "deadline_kind", "deadline_due"]
# One row per unit a task names: the task's row in the tasks table, then the unit's fields.
UNIT_COLUMNS = ["row", "canonical", "name", "role", "collective"]
MENTION_COLUMNS = ["region", "year", "task_id", "canonical", "name", "role", "collective"]


@dataclass(frozen=True, slots=True)
class CompareInputs:
    """Files with their notice identity, the tasks of each notice's representative file, and the
    units those tasks name (``MENTION_COLUMNS``, in task order then the order each task names them)."""

    files: pd.DataFrame
    tasks: pd.DataFrame
    mentions: pd.DataFrame
    skipped: int


def normalize_title(title: str | None) -> str:
    """A title as compared across renditions: ``《临海市…方案》的通知`` → ``临海市…方案的通知``."""
    return _TITLE_NOISE.sub("", title) if isinstance(title, str) else ""


def requirement_opening(text: str | None) -> str:
    """A requirement's first characters without punctuation or digits: what its renditions share."""
    return _REQUIREMENT_NOISE.sub("", text if isinstance(text, str) else "")[:_OPENING]


def requirement_fingerprint(requirements: list[str], openings: dict[str, str] | None = None) -> frozenset[str]:
    """The set of requirement openings, to tell one notice's files; ``openings`` keeps each text's
    opening for the next notice (the files of one notice repeat its requirements)."""
    known: dict[str, str] = {} if openings is None else openings
    found = set()
    for text in requirements:
        opening = known.get(text) if isinstance(text, str) else None
        if opening is None:
            opening = requirement_opening(text)
            if isinstance(text, str):
                known[text] = opening
        if opening:
            found.add(opening)
    return frozenset(found)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


# A table's own caption, the title of a spreadsheet published beside its notice: …任务分解表, …整改台账
_TABLE_CAPTION = re.compile(r"(表|台账)$")


def title_rank(title_key: str) -> int:
    """0 for a notice's title, 1 for a table's caption, 2 for none: the order titles name a notice in."""
    return 2 if not title_key else 1 if _TABLE_CAPTION.search(title_key) else 0


def _cluster_group(group: list[dict[str, Any]], prints: dict[str, frozenset[str]]) -> tuple[dict[str, int], list[str]]:
    """Cluster the files of one region-year into notices, same title or overlapping tasks: each
    file's cluster, and each cluster's title (its first member's, notices' titles first; "" for none)."""
    titles: list[str] = []
    unions: list[set[str]] = []
    assignment: dict[str, int] = {}
    for row in sorted(group, key=lambda row: (title_rank(row["title_key"]), row["path"])):
        fingerprint = prints.get(row["notice_id"], frozenset())
        chosen = next((i for i, title in enumerate(titles) if row["title_key"] and title == row["title_key"]), None)
        if chosen is None:
            best = max(((_dice(fingerprint, frozenset(union)), i) for i, union in enumerate(unions)), default=(0.0, -1))
            chosen = best[1] if best[0] >= SAME_NOTICE_OVERLAP else None
        if chosen is None:
            titles.append(row["title_key"])
            unions.append(set())
            chosen = len(titles) - 1
        unions[chosen].update(fingerprint)
        assignment[row["notice_id"]] = chosen
    return assignment, titles


def _notice_keys(files: pd.DataFrame, prints: dict[str, frozenset[str]]) -> dict[str, str]:
    """``region|year|title`` (or ``region|year|untitled:<first file's id>``) of each file's notice.

    Plain Python over the files' records: per-group DataFrame operations cost ~5 ms a region-year,
    seconds for a corpus of a thousand notices.
    """
    groups: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for row in files[["notice_id", "path", "region", "year", "title_key"]].to_dict("records"):
        groups.setdefault((row["region"], row["year"]), []).append(row)
    keys: dict[str, str] = {}
    for (region, year), group in sorted(groups.items(), key=lambda item: item[0]):
        assignment, titles = _cluster_group(group, prints)
        anchors: dict[int, str] = {}  # an untitled notice is named by its first file's id, by path
        for row in sorted(group, key=lambda row: row["path"]):
            anchors.setdefault(assignment[row["notice_id"]], row["notice_id"])
        for notice_id, cluster in assignment.items():
            keys[notice_id] = f"{region}|{year}|{titles[cluster] or f'untitled:{anchors[cluster]}'}"
    return keys


def notice_identities(notices: pd.DataFrame, tasks: pd.DataFrame) -> pd.DataFrame:
    """One row per usable file: its ``notice_key``, whether it represents the notice, the notice's signing date."""
    usable = notices[(notices["status"].astype(str) != "error") & notices["region"].notna() & notices["year"].notna()]
    files = usable[["notice_id", "path", "format", "title", "region", "year", "signed", "n_tasks"]].copy()
    files["format"] = files["format"].astype(str)
    files["year"] = files["year"].astype(int)
    files["title_key"] = [normalize_title(t) for t in files["title"].tolist()]
    by_notice: dict[str, list[str]] = {}
    for notice_id, requirement in zip(tasks["notice_id"].tolist(), tasks["requirement"].tolist(), strict=True):
        by_notice.setdefault(notice_id, []).append(requirement)
    openings: dict[str, str] = {}
    prints = {nid: requirement_fingerprint(reqs, openings) for nid, reqs in by_notice.items()}
    files["notice_key"] = files["notice_id"].map(_notice_keys(files, prints))
    files["has_title"] = files["title_key"] != ""
    files["has_signed"] = files["signed"].notna()
    ranked = files.sort_values(["notice_key", "n_tasks", "has_title", "has_signed", "path"], ascending=[True, False, False, False, True])
    representatives = set(ranked.drop_duplicates("notice_key")["notice_id"])
    files["representative"] = files["notice_id"].isin(representatives)
    rep_signed = ranked.drop_duplicates("notice_key").set_index("notice_key")["signed"]
    any_signed = files.dropna(subset=["signed"]).sort_values("path").drop_duplicates("notice_key").set_index("notice_key")["signed"]
    files["notice_signed"] = files["notice_key"].map(rep_signed.fillna(any_signed.reindex(rep_signed.index)))
    files["title_rank"] = [title_rank(key) for key in files["title_key"].tolist()]
    titled = files[files["has_title"]].sort_values(["title_rank", "path"]).drop_duplicates("notice_key").set_index("notice_key")["title"]
    files["notice_title"] = files["notice_key"].map(titled)
    columns = ["notice_key", "region", "year", "notice_title", "notice_signed", "notice_id", "path", "format", "n_tasks", "representative"]
    return files[columns].sort_values(["region", "year", "notice_key", "path"], ignore_index=True)


def load_inputs(outputs: Path) -> CompareInputs:
    """Read ``notices.parquet`` and ``tasks.parquet`` from ``outputs`` and keep one file per notice."""
    notices = pd.read_parquet(outputs / "notices.parquet", columns=NOTICE_COLUMNS)
    table = pq.read_table(outputs / "tasks.parquet", columns=TASK_COLUMNS)
    tasks = table.drop_columns(["units"]).to_pandas()
    return inputs_from_frames(notices, tasks, unit_rows(table.column("units")))


def unit_rows(units: pa.ChunkedArray | pa.Array) -> pd.DataFrame:
    """The ``units`` column of tasks.parquet as one row per mention (``UNIT_COLUMNS``), by Arrow;
    ``canonical`` is the unit's name where it has no canonical name."""
    column = units.combine_chunks() if isinstance(units, pa.ChunkedArray) else units
    flat = pc.list_flatten(column)
    name, canonical = flat.field("name"), flat.field("canonical")
    return pd.DataFrame({
        "row": pc.list_parent_indices(column).to_numpy(),
        "canonical": pc.if_else(pc.equal(canonical, ""), name, canonical).to_pandas(),
        "name": name.to_pandas(),
        "role": flat.field("role").cast(pa.string()).to_pandas(),
        "collective": flat.field("collective").to_numpy(zero_copy_only=False),
    })  # fmt: skip


def unit_rows_from_lists(units: list[Any]) -> pd.DataFrame:
    """``unit_rows`` for a column of lists of dicts (frames built in memory)."""
    rows = [
        (row, unit.get("canonical") or unit.get("name"), unit.get("name"), str(unit.get("role")), bool(unit.get("collective")))
        for row, listed in enumerate(units) if listed is not None for unit in listed
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=UNIT_COLUMNS).astype({"row": "int64", "collective": "bool"})


def inputs_from_frames(notices: pd.DataFrame, tasks: pd.DataFrame, units: pd.DataFrame | None = None) -> CompareInputs:
    """The same as ``load_inputs`` on frames already in memory (tests, the synthetic benchmark):
    ``units`` as ``unit_rows`` gives them, else from the ``units`` column of ``tasks``."""
    if units is None:
        units = unit_rows_from_lists(tasks["units"].tolist())
    tasks = tasks.drop(columns=["units"], errors="ignore").reset_index(drop=True)
    files = notice_identities(notices, tasks)
    reps = files[files["representative"]].set_index("notice_id")
    kept = tasks[tasks["notice_id"].isin(reps.index)].copy()
    kept["notice_key"] = kept["notice_id"].map(reps["notice_key"])
    kept["signed"] = kept["notice_id"].map(reps["notice_signed"])
    kept["region"] = kept["notice_id"].map(reps["region"])
    kept["year"] = kept["notice_id"].map(reps["year"]).astype(int)
    kept["deadline_kind"] = kept["deadline_kind"].astype(str)
    kept["section"] = [list(s) if s is not None else [] for s in kept["section"].tolist()]
    mentions = units[units["row"].isin(kept.index)]
    by_row = kept[["region", "year", "task_id"]]
    mentions = pd.concat([by_row.loc[mentions["row"]].reset_index(drop=True),
                          mentions.drop(columns=["row"]).reset_index(drop=True)], axis=1)  # fmt: skip
    return CompareInputs(files=files, tasks=kept.reset_index(drop=True), mentions=mentions[MENTION_COLUMNS], skipped=len(notices) - len(files))
