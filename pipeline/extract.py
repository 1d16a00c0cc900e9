"""Extraction of one file: a pure per-notice function that never raises on bad input."""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any

from extractors.notice import ExtractionSettings, document_to_notice
from extractors.readers import ReaderError, detect_format, read_document
from extractors.readers.limits import DEFAULT_LIMITS, Limits, check_file_size
from pipeline.cache import CachedResult, NoticeCache
from pipeline.guard import NoticeTimeout, time_limit
from pipeline.notice_json import Source, notice_text, notice_to_json
from pipeline.ocr_confidence import mark_ocr_confidence

logger = logging.getLogger(__name__)


class Status(str, Enum):
    OK = "ok"
    WARNING = "warning"
    ERROR = "error"


class Stage(str, Enum):
    """Where a file failed: opening it, telling its format, reading it, or extracting the notice."""

    OPEN = "open"
    DETECT = "detect"
    READ = "read"
    EXTRACT = "extract"


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
    stage: Stage | None = None  # set for errors only
    # A result that depends on the moment (a timeout on a busy machine) is never cached.
    transient: bool = field(default=False, compare=False, repr=False)


def _relative(path: Path, corpus: Path) -> str:
    """The path under the corpus as listed: a symbolic link is named, not its target."""
    try:
        relative = path.relative_to(corpus).as_posix()
    except ValueError:
        try:
            relative = path.resolve().relative_to(corpus.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # outside the corpus, or a symlink loop
            relative = path.as_posix()
    return printable(relative)


def printable(text: str) -> str:
    """Text every output can hold: bytes of a file name that is not UTF-8 (a GBK name unpacked
    on Linux) are shown as ``\\xd5`` escapes instead of lone surrogates that Parquet and JSON refuse."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def file_digest(path: Path) -> str | None:
    """The SHA-256 of the file at ``path``; None when it cannot be read."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def extract_file(
    path: Path,
    corpus: Path,
    settings: ExtractionSettings,
    cache: NoticeCache | None = None,
    limits: Limits = DEFAULT_LIMITS,
    *,
    raise_bugs: bool = False,
) -> FileResult:
    """Read and extract one file; bad input becomes an error result, not an exception.

    A file that cannot be opened, is not a regular file, breaks a limit, takes longer than
    ``limits.seconds_per_notice`` or cannot be read is an error row saying at which stage and
    why. An exception that is none of these is a bug met on this input: it is logged with its
    traceback and recorded as an error row too, so one file never stops an overnight run, or
    re-raised with ``raise_bugs`` (``--strict``, for debugging).

    With a ``cache``, a file whose content, pipeline code and settings were seen before is not
    read again: its result comes from the cache, under its current path.
    """
    relative = _relative(path, corpus)
    try:
        check_openable(path, limits)  # before hashing: a FIFO would block, a huge file take long
    except ReaderError as error:
        logger.info("%s", error)
        return FileResult(relative, Status.ERROR, printable(error.reason), stage=Stage.OPEN)
    digest = file_digest(path)
    if cache and digest and (entry := cache.get(digest)):
        return _from_entry(entry, relative)
    result = _extract(path, relative, digest or "", settings, limits, raise_bugs)
    if cache and digest and not result.transient:
        text = notice_text(result.notice) if result.notice is not None else None
        cache.put(digest, result.status.value, result.message, text, result.stage.value if result.stage else None)
        result = FileResult(result.path, result.status, result.message, result.notice, text, result.stage)
    return result


def check_openable(path: Path, limits: Limits) -> os.stat_result:
    """The status of a regular file within the size limit (ReaderError for anything else); never
    opens it (a named pipe would block)."""
    try:
        info = os.stat(path)
    except OSError as error:
        if path.is_symlink():
            raise ReaderError(path, "a symbolic link to a file that does not exist; fix or remove the link") from error
        raise ReaderError(path, f"cannot open the file ({error.strerror or error}); check it exists and is readable") from error
    if not stat.S_ISREG(info.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "a device"
        raise ReaderError(path, f"not a regular file ({kind}); only files are read, remove it from the corpus")
    check_file_size(path, info.st_size, limits)
    return info


def _extract(
    path: Path, relative: str, digest: str, settings: ExtractionSettings, limits: Limits, raise_bugs: bool
) -> FileResult:
    stage = Stage.DETECT
    try:
        with time_limit(limits.seconds_per_notice):
            document_format = detect_format(path)
            stage = Stage.READ
            document = read_document(path, limits, document_format)
            stage = Stage.EXTRACT
            source = Source(relative, document_format.value, digest)
            notice = document_to_notice(document, settings)
            notice_json = notice_to_json(notice, source, document.attachments)
            mark_ocr_confidence(notice_json, document)
    except ReaderError as error:
        logger.info("%s", error)
        return FileResult(relative, Status.ERROR, printable(error.reason), stage=stage)
    except NoticeTimeout:
        message = (
            f"stopped after limits.seconds_per_notice = {limits.seconds_per_notice:g} s while at the {stage.value} "
            "stage; the file is unusually large or complex: check it, or raise the limit in params.yaml"
        )
        logger.warning("%s: %s", relative, message)
        return FileResult(relative, Status.ERROR, message, stage=stage, transient=True)
    except Exception as error:  # noqa: BLE001 -- a bug met on this input; see the docstring
        if raise_bugs:
            raise
        logger.exception("%s: internal error at the %s stage", relative, stage.value)
        message = (
            f"internal error at the {stage.value} stage ({type(error).__name__}: {printable(str(error))}); this is a bug in "
            "notice-tasks, not in the file: please report it with the file attached"
        )
        return FileResult(relative, Status.ERROR, message, stage=stage)
    warnings = notice_json["warnings"]  # the notice's, and any about OCR confidence
    status = Status.WARNING if warnings else Status.OK
    return FileResult(relative, status, "; ".join(warnings), notice_json)


def _from_entry(entry: CachedResult, relative: str) -> FileResult:
    notice, text = entry.notice, entry.text
    if notice is not None and notice["source"]["path"] != relative:
        notice["source"]["path"] = relative  # the same content may have moved or been renamed
        text = None
    stage = Stage(entry.stage) if entry.stage else None
    return FileResult(relative, Status(entry.status), entry.message, notice, text, stage)
