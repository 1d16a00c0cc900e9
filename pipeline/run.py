"""Processing a corpus folder into ``outputs/``: what ``dvc repro`` runs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract import FileResult, Status
from pipeline.forkserver import default_jobs, start_fork_server
from pipeline.parallel import FILES_PER_CHUNK, InProcess, OrderedExtraction, ProcessPool, make_engine
from pipeline.settings import Settings
from pipeline.writers import json_index_path, output_writer, recover_outputs

logger = logging.getLogger(__name__)

_IGNORED_NAMES = {"README.md", ".gitkeep", ".DS_Store", "Thumbs.db"}


def count_corpus_files(corpus: Path) -> int:
    return sum(1 for _ in corpus_files(corpus))


def corpus_files(corpus: Path) -> Iterator[Path]:
    """Every input under ``corpus``, in a stable order; hidden files and READMEs excepted.

    Folders are walked, whatever their name (a folder called 通知.pdf is a folder); anything
    else that is not a regular file (a named pipe, a broken link) is yielded too, so that it is
    reported as an error row rather than silently left out.
    """
    for path in sorted(corpus.rglob("*")):
        relative = path.relative_to(corpus)
        if any(part.startswith(".") for part in relative.parts) or path.name in _IGNORED_NAMES:
            continue
        if not path.is_dir():
            yield path


@dataclass(frozen=True, slots=True)
class RunSummary:
    files: int
    tasks: int
    warnings: int
    errors: int

    def __str__(self) -> str:
        return f"{self.files} files, {self.tasks} tasks, {self.warnings} warnings, {self.errors} errors"


class CorpusError(Exception):
    """The corpus folder itself is unusable (missing, not a folder)."""


class StoppedAtFailure(Exception):
    """``--strict``: the run stopped at its first failed file and wrote no outputs."""

    def __init__(self, result: FileResult) -> None:
        self.result = result
        stage = f" [{result.stage.value}]" if result.stage else ""
        super().__init__(f"{result.path}{stage}: {result.message}")


Progress = Callable[[FileResult], None]


def run_corpus(
    settings: Settings, progress: Progress | None = None, *, strict: bool = False,
    before_commit: Callable[[Path], None] | None = None,
) -> tuple[list[FileResult], RunSummary]:
    """Extract every file of the corpus and write all outputs; bad files become error rows.

    Files are extracted by ``settings.jobs`` processes (0: one per core), or by the workers of
    the Dask scheduler ``settings.scheduler``; the outputs are the same bytes whichever runs them.
    Results stream from extraction to the writers in corpus order, so memory does not grow with
    the corpus; what is returned is the files that were not ``ok`` (for the command line to list)
    and the run's totals.

    ``progress`` is called after each file, for a progress bar. ``before_commit`` is called with
    the folder holding the new outputs before they replace the previous ones, once their Parquet
    tables are complete, while the workbook is still being written: ``notice-tasks run
    --compare`` computes the comparison then. ``strict`` is for debugging:
    the first file that fails raises ``StoppedAtFailure`` (a bug raises its own exception, with
    its traceback) and no outputs are written.
    """
    if not settings.corpus.is_dir():
        raise CorpusError(f"corpus folder not found: {settings.corpus}")
    recover_outputs(settings.outputs)  # a killed run's leftovers go first, whatever happens to this one
    jobs = settings.jobs or default_jobs()
    local_workers = jobs > 1 and not settings.scheduler
    extraction = OrderedExtraction(
        settings.corpus, settings.extraction, settings.limits, settings.cache,
        lambda: make_engine(jobs, settings.scheduler), files_per_chunk=FILES_PER_CHUNK if local_workers or settings.scheduler else 1,
        strict=strict,
        # A few new files (one notice added): one worker extracts them while this process writes
        # the cached notices before them in corpus order, the second core no longer idle.
        few_misses_engine=(lambda: ProcessPool(1)) if local_workers else InProcess,
        on_first_miss=start_fork_server if local_workers else None,
    )  # fmt: skip
    problems: list[FileResult] = []
    with output_writer(settings.outputs, before_commit, json_index=json_index_path(settings.cache, settings.outputs)) as writer:
        for parts in extraction.run(corpus_files(settings.corpus)):
            if strict and parts.status is Status.ERROR:
                raise StoppedAtFailure(parts.result())
            result = writer.add(parts).result()  # a second copy of a notice becomes a warning here
            if result.status is not Status.OK:
                logger.info("%s: %s: %s", result.status.value, result.path, result.message)
                problems.append(result)
            if progress:
                progress(result)
        counts = writer.counter.counts()
    summary = RunSummary(files=counts["files"], tasks=counts["tasks"], warnings=counts["warning"], errors=counts["error"])
    logger.info("run finished: %s (%d extracted, the rest from the cache)", summary, extraction.extracted)
    return problems, summary
