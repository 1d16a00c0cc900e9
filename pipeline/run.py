"""Processing a corpus folder into ``outputs/``: what ``dvc repro`` runs."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.cache import NoticeCache
from pipeline.extract import FileResult, Status, extract_file
from pipeline.settings import Settings
from pipeline.writers import recover_outputs, write_outputs

logger = logging.getLogger(__name__)

_IGNORED_NAMES = {"README.md", ".gitkeep", ".DS_Store", "Thumbs.db"}


def count_corpus_files(corpus: Path) -> int:
    return sum(1 for _ in corpus_files(corpus))


def corpus_files(corpus: Path) -> Iterator[Path]:
    """Every input under ``corpus``, in a stable order; hidden files and READMEs excepted."""
    for path in sorted(corpus.rglob("*")):
        relative = path.relative_to(corpus)
        if any(part.startswith(".") for part in relative.parts) or path.name in _IGNORED_NAMES:
            continue
        if path.is_file():
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


Progress = Callable[[FileResult], None]


def run_corpus(settings: Settings, progress: Progress | None = None) -> tuple[list[FileResult], RunSummary]:
    """Extract every file of the corpus and write all outputs; bad files become error rows.

    ``progress`` is called after each file, for a progress bar.
    """
    if not settings.corpus.is_dir():
        raise CorpusError(f"corpus folder not found: {settings.corpus}")
    recover_outputs(settings.outputs)  # a killed run's leftovers go first, whatever happens to this one
    cache = NoticeCache(settings.cache, settings.extraction) if settings.cache else None
    results = []
    for path in corpus_files(settings.corpus):
        result = extract_file(path, settings.corpus, settings.extraction, cache)
        if result.status is not Status.OK:
            logger.info("%s: %s: %s", result.status.value, result.path, result.message)
        results.append(result)
        if progress:
            progress(result)
    write_outputs(results, settings.outputs)
    summary = RunSummary(
        files=len(results),
        tasks=sum(len(r.notice["tasks"]) for r in results if r.notice),
        warnings=sum(r.status is Status.WARNING for r in results),
        errors=sum(r.status is Status.ERROR for r in results),
    )
    logger.info("run finished: %s", summary)
    return results, summary
