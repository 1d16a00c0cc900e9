"""The ``notice-tasks`` command: argument parsing and printing over library functions."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib
import json
import logging
import os
import sys
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pipeline.compare.result import CompareResult
    from pipeline.extract import FileResult
    from pipeline.settings import Settings

# Each command imports what it needs when it runs: `eval` and `compare` on their own do not pay for
# the run's imports (pyarrow, the writers), nor a bare `run` for the comparison's (pandas). Even the
# settings (which import the extractors) wait until `run` has started its workers' fork server.


def _settings(args: argparse.Namespace) -> Settings:
    from pipeline.settings import load_settings

    settings = load_settings(Path(args.params))
    changes = {}
    if getattr(args, "corpus", None):
        changes["corpus"] = Path(args.corpus)
    if getattr(args, "outputs", None):
        changes["outputs"] = Path(args.outputs)
    if getattr(args, "gold", None):
        changes["gold"] = Path(args.gold)
    if getattr(args, "cache", None):
        changes["cache"] = Path(args.cache)
    if getattr(args, "no_cache", False):
        changes["cache"] = None
    if getattr(args, "jobs", None) is not None:
        changes["jobs"] = args.jobs
    if getattr(args, "scheduler", None) is not None:
        changes["scheduler"] = args.scheduler or None
    return dataclasses.replace(settings, **changes)


def _extract(args: argparse.Namespace) -> int:
    from pipeline.extract import extract_file

    settings = _settings(args)
    failed = 0
    for name in args.files:
        path = Path(name)
        result = extract_file(path, path.parent, settings.extraction, limits=settings.limits)
        if result.notice is None:
            print(f"notice-tasks: {name}: {result.message}", file=sys.stderr)
            failed += 1
            continue
        indent = 1 if len(args.files) == 1 else None
        print(json.dumps(result.notice, ensure_ascii=False, indent=indent))
    return 1 if failed else 0


def _run(args: argparse.Namespace) -> int:
    """Extract, then (``--evaluate``, ``--compare``) score and compare in the same process: what
    `dvc repro` runs, one Python start and one DVC stage instead of three (README: "Incremental runs")."""
    settings = _settings(args)
    comparison = _RunComparison(settings, args) if args.compare else None
    with _log_file(args.log):
        code, written = _run_with_progress(settings, args, comparison)
        if written and args.evaluate:
            _score(settings, settings.outputs / "metrics.json", quiet=args.quiet)
        if written and comparison is not None:
            code = max(code, comparison.write(settings.outputs / "compare"))
        return code


class _RunComparison:
    """``run --compare``: the comparison of the new tables, worked out while the run's workbook is
    still being written (``run_corpus(before_commit=…)``), written once the outputs are in place.

    Its imports (pandas, ~0.5 s) load on a thread while the run waits on its workers, from the
    first file written on: the walk of the corpus, which finds the files to extract, is over by
    then, and an import holding the GIL would have slowed it and delayed the extraction.
    """

    def __init__(self, settings: Settings, args: argparse.Namespace) -> None:
        self.settings, self.args = settings, args
        self._imports: threading.Thread | None = None
        self._result: CompareResult | None = None
        self._failure: Exception | None = None

    def file_written(self) -> None:
        if self._imports is None:
            self._imports = _import_in_background("pipeline.compare.stage")

    def compute(self, staging: Path) -> None:
        """Compare the tables in ``staging``. A failure is kept for ``write`` to report: the run's
        own outputs are committed whatever happens to the comparison."""
        from pipeline.compare.stage import compare_outputs

        if self._imports is not None:
            self._imports.join()
        try:
            self._result = compare_outputs(staging, **_comparison_options(self.settings, self.args))
        except Exception as failure:  # noqa: BLE001 -- reported (or raised again) by write()
            self._failure = failure

    def write(self, out_dir: Path) -> int:
        from pipeline.compare.stage import write_compare

        if self._failure is not None:
            return _comparison_failed("notice-tasks run --compare", self._failure)
        if self._result is None:  # no outputs were staged
            return 0
        write_compare(self._result, out_dir)
        _print_comparison("notice-tasks run --compare", self._result, out_dir, self.args.quiet)
        return 0


def _import_in_background(module: str) -> threading.Thread:
    """Import ``module`` on a daemon thread; a failure is left for the import that needs it to raise."""

    def load() -> None:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 -- raised again, with its traceback, where the module is used
            pass

    thread = threading.Thread(target=load, name=f"import {module}", daemon=True)
    thread.start()
    return thread


@contextmanager
def _log_file(path: str | None) -> Iterator[None]:
    """Send the pipeline's log records to ``path`` for the duration of a run."""
    if not path:
        yield
        return
    root = logging.getLogger()
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        yield
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)
        handler.close()


def _run_with_progress(settings: Settings, args: argparse.Namespace, comparison: _RunComparison | None = None) -> tuple[int, bool]:
    """The exit code, and whether the outputs were written (and ``comparison`` computed on them)."""
    from tqdm import tqdm

    from pipeline.extract import Status
    from pipeline.run import CorpusError, StoppedAtFailure, count_corpus_files, run_corpus

    try:
        total = count_corpus_files(settings.corpus) if settings.corpus.is_dir() and not args.quiet else None
        # tqdm shows files done, rate and time left on a terminal, and stays silent in logs.
        with tqdm(total=total, unit="file", disable=args.quiet or None, file=sys.stderr, dynamic_ncols=True) as bar:
            def progress(_: FileResult) -> None:
                bar.update()
                if comparison is not None:
                    comparison.file_written()

            results, summary = run_corpus(settings, progress=progress, strict=args.strict,
                                          before_commit=comparison.compute if comparison else None)  # fmt: skip
    except CorpusError as error:
        print(f"notice-tasks run: {error}", file=sys.stderr)
        return 2, False
    except StoppedAtFailure as stop:
        print(f"notice-tasks run --strict: stopped at the first failure, no outputs written: {stop}", file=sys.stderr)
        return 1, False
    if not args.quiet:
        for result in results:
            if result.status is not Status.OK:
                stage = f" [{result.stage.value}]" if result.stage else ""
                print(f"{result.status.value}: {result.path}{stage}: {result.message}", file=sys.stderr)
        print(f"notice-tasks run: {summary}")
    # Outputs are written either way; the exit code tells a script whether any file failed.
    return (1 if summary.errors and not args.allow_errors else 0), True


def _eval(args: argparse.Namespace) -> int:
    settings = _settings(args)
    json_dir = settings.outputs / "json"
    if not json_dir.is_dir():
        print(f"notice-tasks eval: no outputs in {json_dir}; run `notice-tasks run` first", file=sys.stderr)
        return 2
    _score(settings, Path(args.metrics) if args.metrics else settings.outputs / "metrics.json", quiet=False)
    return 0


def _score(settings: Settings, metrics: Path, *, quiet: bool) -> None:
    """Score ``outputs/json`` against the gold folder into ``metrics``; print the table unless quiet."""
    from pipeline.evaluate import evaluate_outputs
    from pipeline.json_files import write_json_atomic

    report = evaluate_outputs(settings.outputs / "json", settings.gold)
    write_json_atomic(report, metrics)
    if quiet:
        return
    overall = report["overall"]
    print(f"{'file':44} {'task F1':>8} {'unit F1':>8} {'deadline':>9}")
    for path, score in report["files"].items():
        print(f"{path:44} {score['tasks']['f1']:8.3f} {score['units']['f1']:8.3f} {score['deadlines']['accuracy']:9.3f}")
    print(f"{'overall':44} {overall['tasks']['f1']:8.3f} {overall['units']['f1']:8.3f} {overall['deadlines']['accuracy']:9.3f}")
    for path in report["missing"]:
        print(f"not scored (no output): {path}", file=sys.stderr)


def _units(args: argparse.Namespace) -> int:
    from pipeline.unit_report import unit_table  # pandas: only for this command

    settings = _settings(args)
    tasks = settings.outputs / "tasks.parquet"
    if not tasks.exists():
        print(f"notice-tasks units: no {tasks}; run `notice-tasks run` first", file=sys.stderr)
        return 2
    table = unit_table(tasks, args.region)
    if table.empty:
        print(f"notice-tasks units: no units found{f' for region {args.region}' if args.region else ''}", file=sys.stderr)
        return 1
    print("region\tunit\ttasks\tlead\tcooperate\tcollective\tspellings")
    for row in table.itertuples(index=False):
        merged = "、".join(row.spellings)
        print(f"{row.region or '-'}\t{row.canonical}\t{row.tasks}\t{row.lead}\t{row.cooperate}\t{str(row.collective).lower()}\t{merged}")
    return 0


def _compare(args: argparse.Namespace) -> int:
    settings = _settings(args)
    return _write_comparison(settings, args, Path(args.out) if args.out else settings.outputs / "compare", "notice-tasks compare")


def _write_comparison(settings: Settings, args: argparse.Namespace, out_dir: Path, command: str) -> int:
    """Compare the outputs' regions and years into ``out_dir``, with the options of ``compare``."""
    from pipeline.compare.stage import run_compare

    try:
        result = run_compare(settings.outputs, out_dir, **_comparison_options(settings, args))
    except Exception as failure:  # noqa: BLE001 -- bugs are raised again
        return _comparison_failed(command, failure)
    _print_comparison(command, result, out_dir, args.quiet)
    return 0


def _comparison_options(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    from pipeline.compare.changes import SIMILARITY  # pandas and jieba: only when comparing

    return {
        "themes_path": Path(args.themes), "stopwords_path": Path(args.stopwords), "region": args.region,
        "similarity": SIMILARITY if args.similarity is None else args.similarity,
        "memo_folder": None if args.no_memo else Path(args.memo) if args.memo else settings.compare_cache,
    }  # fmt: skip


def _comparison_failed(command: str, failure: Exception) -> int:
    """Exit code 2 and the reason, for inputs the comparison cannot use; anything else is a bug."""
    from pipeline.compare.stage import CompareError
    from pipeline.compare.themes import ThemeFileError

    if isinstance(failure, CompareError | ThemeFileError):
        print(f"{command}: {failure}", file=sys.stderr)
    elif isinstance(failure, OSError):  # the stopwords file
        print(f"{command}: {failure.filename}: {failure.strerror}", file=sys.stderr)
    else:
        raise failure
    return 2


def _print_comparison(command: str, result: CompareResult, out_dir: Path, quiet: bool) -> None:
    if quiet:
        return
    panel = result.panel
    print(f"{command}: {len(result.files)} files, {panel['notices'].sum()} notices, {panel['tasks'].sum()} tasks, "
          f"{panel['region'].nunique()} regions, {panel['year'].nunique()} years; report: {out_dir / 'report.html'}")  # fmt: skip


def _jobs(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 0 (0 = one per core), got {value!r}")
    return int(value)


def _add_comparison_options(parser: argparse.ArgumentParser, prefix: str = "") -> None:
    parser.add_argument("--themes", default="corpus/themes.yaml", help=f"{prefix}theme taxonomy (default: corpus/themes.yaml)")
    parser.add_argument("--stopwords", default="corpus/stopwords.txt", help=f"{prefix}keyword stopwords (default: corpus/stopwords.txt)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="notice-tasks", description="Chinese government notices to structured task lists.")
    parser.add_argument("--params", default="params.yaml", help="settings file (default: params.yaml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="print the notice JSON of files (one object per line for several)")
    extract.add_argument("files", nargs="+")
    extract.set_defaults(handler=_extract)

    run = commands.add_parser("run", help="process a corpus folder into outputs/")
    run.add_argument("--corpus", help="input folder (default: paths.corpus in params.yaml)")
    run.add_argument("--outputs", help="output folder (default: paths.outputs in params.yaml)")
    run.add_argument("--cache", help="per-notice cache folder (default: paths.cache in params.yaml)")
    run.add_argument("--no-cache", action="store_true", help="extract every file again, ignoring the per-notice cache")
    run.add_argument("--jobs", type=_jobs, metavar="N",
                     help="extraction processes on this machine (default: run.jobs in params.yaml; 0 = one per core)")
    run.add_argument("--scheduler", metavar="ADDRESS",
                     help="extract on the workers of this Dask scheduler, e.g. tcp://host:8786 (default: run.scheduler; '' = this machine)")
    run.add_argument("--quiet", action="store_true", help="no progress bar, no per-file messages, no summary")
    run.add_argument("--log", help="append every warning and error, one line per file, to this log file")
    run.add_argument("--strict", action="store_true",
                     help="debugging: stop at the first file that fails (with the traceback of a bug), write no outputs, exit 1")
    run.add_argument("--allow-errors", action="store_true",
                     help="exit 0 even when some files failed (they stay error rows); what `dvc repro` runs")
    run.add_argument("--evaluate", action="store_true",
                     help="then score the outputs against the gold folder into <outputs>/metrics.json, as `eval` does")
    run.add_argument("--compare", action="store_true", help="then compare regions and years into <outputs>/compare, as `compare` does")
    run.add_argument("--gold", help="with --evaluate: gold folder (default: paths.gold)")
    _add_comparison_options(run, prefix="with --compare: ")
    run.set_defaults(handler=_run, region=None, similarity=None, memo=None, no_memo=False)

    score = commands.add_parser("eval", help="score outputs against gold files")
    score.add_argument("--outputs", help="folder holding json/ (default: paths.outputs)")
    score.add_argument("--gold", help="gold folder (default: paths.gold)")
    score.add_argument("--metrics", help="where to write the scores (default: outputs/metrics.json)")
    score.set_defaults(handler=_eval)

    units = commands.add_parser("units", help="canonical units with their task counts and merged spellings")
    units.add_argument("--region", help="only this region (as in notices.parquet, e.g. 临沂市)")
    units.add_argument("--outputs", help="folder holding tasks.parquet (default: paths.outputs)")
    units.set_defaults(handler=_units)

    compare = commands.add_parser("compare", help="compare regions and years: panel, themes, keywords, changes, units, HTML report")
    compare.add_argument("--outputs", help="folder holding notices.parquet and tasks.parquet (default: paths.outputs)")
    compare.add_argument("--out", help="where to write the comparison (default: <outputs>/compare)")
    _add_comparison_options(compare)
    compare.add_argument("--region", help="region whose year-over-year changes the report details (default: the one with most years)")
    compare.add_argument("--similarity", type=float, help="text similarity for a task to count as carried over (default: 0.5)")
    compare.add_argument("--cache", dest="memo", metavar="FOLDER",
                         help="where cuts and themes are kept between runs (default: paths.compare_cache in params.yaml)")
    compare.add_argument("--no-cache", dest="no_memo", action="store_true", help="segment every text again, keeping nothing")
    compare.add_argument("--quiet", action="store_true", help="print nothing on success")
    compare.set_defaults(handler=_compare)
    return parser


def _start_workers_early(args: argparse.Namespace) -> None:
    """Start the fork server of `run`'s local workers before anything else is imported, so that it
    imports the pipeline on another core meanwhile (``pipeline.forkserver``). Decided from the
    arguments and params.yaml's ``run`` section as they stand; when in doubt (an unreadable
    params.yaml, which the settings will report), it is not started."""
    import yaml

    from pipeline import yaml_files

    try:
        params = yaml_files.safe_load(Path(args.params).read_text(encoding="utf-8")) or {}
        run = params.get("run") or {}
        jobs = args.jobs if args.jobs is not None else int(run.get("jobs") or 0)
        scheduler = args.scheduler if args.scheduler is not None else run.get("scheduler")
    except (OSError, ValueError, TypeError, AttributeError, yaml.YAMLError):
        return
    from pipeline.forkserver import default_jobs, start_fork_server

    if not scheduler and (jobs or default_jobs()) > 1:
        start_fork_server()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.handler is _run:
        _start_workers_early(args)
    from pipeline.settings import SettingsError

    try:
        return int(args.handler(args))
    except SettingsError as error:
        print(f"notice-tasks: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `notice-tasks units | head`: the reader left; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


# A run allocates millions of short-lived objects (rows, cells, tokens) and makes few reference cycles:
# with Python's default thresholds (700, 10, 10) the collector ran ~600 times in a run adding one
# notice to 1,000 (0.25 s, 6 % of it), with these a few times.
_GC_THRESHOLDS = (100_000, 50, 100)


def entry() -> None:
    """The `notice-tasks` console script: ``main`` in a process of its own.

    At exit the interpreter would collect once more over every object the run made (~0.2 s for a
    thousand notices) to free what the process is about to give back anyway; freezing them skips
    that. Only here: ``main`` called in a longer-lived process (the tests) keeps the defaults.
    """
    gc.set_threshold(*_GC_THRESHOLDS)
    code = main()
    gc.freeze()
    sys.exit(code)


if __name__ == "__main__":
    entry()
