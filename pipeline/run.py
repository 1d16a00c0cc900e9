"""Processing a corpus folder into ``outputs/``: what ``dvc repro`` runs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract import FileResult, Status, extract_file
from pipeline.settings import Settings
from pipeline.writers import write_outputs

logger = logging.getLogger(__name__)

_IGNORED_NAMES = {"README.md", ".gitkeep", ".DS_Store", "Thumbs.db"}


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


def run_corpus(settings: Settings) -> tuple[list[FileResult], RunSummary]:
    """Extract every file of the corpus and write all outputs; bad files become error rows."""
    if not settings.corpus.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {settings.corpus}")
    results = [extract_file(path, settings.corpus, settings.extraction) for path in corpus_files(settings.corpus)]
    write_outputs(results, settings.outputs)
    summary = RunSummary(
        files=len(results),
        tasks=sum(len(r.notice["tasks"]) for r in results if r.notice),
        warnings=sum(r.status is Status.WARNING for r in results),
        errors=sum(r.status is Status.ERROR for r in results),
    )
    logger.info("run finished: %s", summary)
    return results, summary
