"""Extraction of one file: a pure per-notice function that never raises on bad input."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from extractors.notice import ExtractionSettings, document_to_notice
from extractors.readers import ReaderError, detect_format, read_document
from pipeline.cache import CachedResult, NoticeCache
from pipeline.notice_json import Source, notice_text, notice_to_json

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
    # The notice JSON as written to outputs/json, when already rendered (by the cache): rendering
    # 1,000 notices with indentation costs more than all the rest of an incremental run's writing.
    text: str | None = field(default=None, compare=False, repr=False)


def _relative(path: Path, corpus: Path) -> str:
    try:
        return path.resolve().relative_to(corpus.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def extract_file(path: Path, corpus: Path, settings: ExtractionSettings, cache: NoticeCache | None = None) -> FileResult:
    """Read and extract one file; a ``ReaderError`` becomes an error result, not an exception.

    With a ``cache``, a file whose content, pipeline code and settings were seen before is not
    read again: its result comes from the cache, under its current path.
    """
    relative = _relative(path, corpus)
    digest = _file_digest(path)
    if cache and digest and (entry := cache.get(digest)):
        return _from_entry(entry, relative)
    result = _extract(path, relative, digest or "", settings)
    if cache and digest:
        text = notice_text(result.notice) if result.notice is not None else None
        cache.put(digest, result.status.value, result.message, text)
        result = FileResult(result.path, result.status, result.message, result.notice, text)
    return result


def _extract(path: Path, relative: str, digest: str, settings: ExtractionSettings) -> FileResult:
    try:
        document_format = detect_format(path)
        document = read_document(path)
    except ReaderError as error:
        logger.info("%s", error)
        return FileResult(relative, Status.ERROR, error.reason)
    source = Source(relative, document_format.value, digest)
    notice = document_to_notice(document, settings)
    notice_json = notice_to_json(notice, source, document.attachments)
    status = Status.WARNING if notice.warnings else Status.OK
    return FileResult(relative, status, "; ".join(notice.warnings), notice_json)


def _from_entry(entry: CachedResult, relative: str) -> FileResult:
    notice, text = entry.notice, entry.text
    if notice is not None and notice["source"]["path"] != relative:
        notice["source"]["path"] = relative  # the same content may have moved or been renamed
        text = None
    return FileResult(relative, Status(entry.status), entry.message, notice, text)
