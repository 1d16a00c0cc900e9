"""Extraction of one file: a pure per-notice function that never raises on bad input."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from extractors.notice import ExtractionSettings, document_to_notice
from extractors.readers import ReaderError, detect_format, read_document
from pipeline.notice_json import Source, notice_to_json, source_of

logger = logging.getLogger(__name__)


class Status(str, Enum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class FileResult:
    """What became of one input file: its notice JSON, or why there is none."""

    path: str
    status: Status
    message: str
    notice: dict[str, Any] | None = None


def extract_file(path: Path, corpus: Path, settings: ExtractionSettings) -> FileResult:
    """Read and extract one file; a ``ReaderError`` becomes an error result, not an exception."""
    try:
        document_format = detect_format(path)
        source: Source = source_of(path, corpus, document_format.value)
        document = read_document(path)
    except ReaderError as error:
        logger.warning("%s", error)
        try:
            relative = path.resolve().relative_to(corpus.resolve()).as_posix()
        except ValueError:
            relative = path.as_posix()
        return FileResult(relative, Status.ERROR, error.reason)
    notice = document_to_notice(document, settings)
    notice_json = notice_to_json(notice, source, document.attachments)
    status = Status.WARNING if notice.warnings else Status.OK
    return FileResult(source.path, status, "; ".join(notice.warnings), notice_json)
