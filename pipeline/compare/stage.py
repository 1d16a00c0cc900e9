"""``notice-tasks compare``: every comparison table, the trend files DVC plots, and the HTML report.

Everything is written to a scratch folder beside ``outputs/compare`` and renamed into place, so an
interrupted run leaves the previous comparison whole.

    outputs/compare/report.html            the self-contained report
    outputs/compare/tables/*.csv           the tables behind it (UTF-8, one header line)
    outputs/compare/trends/*.csv           long tables for `dvc plots show` (year, series, value)
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from pipeline.compare.changes import SIMILARITY, change_summary, year_over_year
from pipeline.compare.inputs import CompareInputs, load_inputs
from pipeline.compare.keywords import distinctive_keywords, load_stopwords
from pipeline.compare.memo import CompareMemo, memo_version
from pipeline.compare.panel import region_year_panel
from pipeline.compare.report import render_report
from pipeline.compare.result import CompareResult
from pipeline.compare.segment import Segmenter
from pipeline.compare.themes import ThemeRules, assign_themes, lexicon, load_themes, theme_shares
from pipeline.compare.units import unit_load

logger = logging.getLogger(__name__)


class CompareError(ValueError):
    """The comparison cannot run on these inputs (no outputs yet, unknown region); the message says why."""


def choose_focus_region(panel: pd.DataFrame, wanted: str | None) -> str | None:
    """The region whose years the report details: ``wanted``, else the one with most years, then most tasks."""
    if wanted:
        if wanted not in set(panel["region"]):
            known = "、".join(sorted(panel["region"].unique())[:20])
            raise CompareError(f"region {wanted!r} is not in the outputs (regions: {known})")
        return wanted
    if panel.empty:
        return None
    ranking = panel.groupby("region").agg(years=("year", "nunique"), tasks=("tasks", "sum")).reset_index()
    ranking = ranking.sort_values(["years", "tasks", "region"], ascending=[False, False, True])
    return str(ranking.iloc[0]["region"])


def compare_inputs(inputs: CompareInputs, themes_path: Path, stopwords_path: Path, *, region: str | None = None,
                   similarity: float = SIMILARITY, memo_folder: Path | None = None) -> CompareResult:  # fmt: skip
    """Compute every table from loaded inputs (no files written but the memo in ``memo_folder``)."""
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = round(now - clock, 3)
        clock = now

    taxonomy = load_themes(themes_path)
    stopwords = load_stopwords(stopwords_path)
    memo = CompareMemo.open(memo_folder, memo_version(taxonomy))
    rules = ThemeRules(taxonomy, Segmenter(lexicon(taxonomy), memo.cuts))
    tasks = inputs.tasks.copy()
    labels = rules.labels()
    mentions = inputs.mentions
    panel = region_year_panel(inputs.files, tasks, mentions)
    focus = choose_focus_region(panel, region)
    lap("panel")
    tasks["theme"] = assign_themes(tasks, rules, memo.themes)
    shares = theme_shares(tasks, labels) if not tasks.empty else pd.DataFrame(columns=["region", "year", "theme", "label", "tasks", "share"])
    lap("themes")
    keywords = distinctive_keywords(tasks, rules.segmenter, stopwords)
    lap("keywords")
    task_changes, theme_changes = year_over_year(tasks, labels, similarity, memo.pairs)
    memo.save()
    lap("changes")
    by_region, across = unit_load(tasks, mentions)
    lap("units")
    descriptions = {t.id: t.description for t in taxonomy}
    return CompareResult(inputs.files, tasks, panel, shares, keywords, task_changes, theme_changes, change_summary(task_changes),
                         by_region, across, labels, descriptions, focus, inputs.skipped, timings)  # fmt: skip


def write_compare(result: CompareResult, out_dir: Path) -> None:
    """Write tables, trends and report.html into ``out_dir``, replacing it whole."""
    started = time.perf_counter()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for folder, frames in (("tables", result.tables()), ("trends", result.trends())):
            (staging / folder).mkdir()
            for name, frame in frames.items():
                frame.to_csv(staging / folder / f"{name}.csv", index=False, encoding="utf-8")
        (staging / "report.html").write_text(render_report(result), encoding="utf-8")
        old = out_dir.with_name(f".old-{out_dir.name}-{os.getpid()}")
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.timings["write"] = round(time.perf_counter() - started, 3)


def compare_outputs(outputs: Path, themes_path: Path, stopwords_path: Path, *, region: str | None = None,
                    similarity: float = SIMILARITY, memo_folder: Path | None = None) -> CompareResult:  # fmt: skip
    """Read ``outputs/*.parquet`` and compare (nothing written but the memo in ``memo_folder``)."""
    missing = [name for name in ("notices.parquet", "tasks.parquet") if not (outputs / name).exists()]
    if missing:
        raise CompareError(f"no {', '.join(str(outputs / m) for m in missing)}; run `notice-tasks run` first")
    started = time.perf_counter()
    inputs = load_inputs(outputs)
    loaded = round(time.perf_counter() - started, 3)
    result = compare_inputs(inputs, themes_path, stopwords_path, region=region, similarity=similarity, memo_folder=memo_folder)
    result.timings = {"load": loaded, **result.timings}
    return result


def run_compare(outputs: Path, out_dir: Path, themes_path: Path, stopwords_path: Path, *, region: str | None = None,
                similarity: float = SIMILARITY, memo_folder: Path | None = None) -> CompareResult:  # fmt: skip
    """Read ``outputs/*.parquet``, compare, and write ``out_dir``: what `notice-tasks compare` runs.
    ``memo_folder`` keeps cuts and themes for the next run (``pipeline.compare.memo``)."""
    result = compare_outputs(outputs, themes_path, stopwords_path, region=region, similarity=similarity, memo_folder=memo_folder)
    write_compare(result, out_dir)
    return result
