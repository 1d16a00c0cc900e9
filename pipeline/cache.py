"""A per-notice cache, so that a run after adding one notice re-extracts only that notice.

An entry is keyed by the file's content (SHA-256), the pipeline's code (a hash of the source of
the three packages, so any change to a rule invalidates every entry) and the extraction settings.
Entries are written to a temporary name and renamed, so parallel workers never see half an entry
and a crash leaves none behind.

Two kinds of entry share the key. ``<sha256>.parts`` is what ``notice-tasks run`` uses: the
file's share of every output, ready to concatenate (``pipeline/parts.py``), so a run that takes
999 notices from the cache neither parses nor renders them. ``<sha256>.json`` (``get``/``put``) is
one line of status and message, then the notice JSON, for callers of ``extract_file`` with a cache.

Parallel runs: the parent process hands each content to one worker only, and a worker writes its
entry under a temporary name in the entry's folder and renames it, so no reader ever sees half an
entry and a worker killed mid-write leaves only a temporary file (never read, as it is no entry).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import extractors
import normalizers
import pipeline
from extractors.notice import ExtractionSettings
from extractors.readers import optional_tools
from extractors.readers.limits import DEFAULT_LIMITS, Limits

_PACKAGES = (extractors, normalizers, pipeline)


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of every source file of the pipeline's packages."""
    digest = hashlib.sha256()
    for package in _PACKAGES:
        root = Path(package.__file__).parent
        for path in sorted(root.rglob("*.py")) + sorted(root.rglob("*.json")):
            digest.update(path.relative_to(root.parent).as_posix().encode())
            digest.update(path.read_bytes())
    digest.update(optional_tools().encode())  # installing OCR or LibreOffice changes results
    return digest.hexdigest()[:16]


def settings_fingerprint(settings: ExtractionSettings) -> str:
    """A hash of what the settings change in the output (the alias table's rows included)."""
    described = json.dumps(
        {"opencc_config": settings.opencc_config, "aliases": [asdict(e) for e in settings.unit_aliases.entries]},
        ensure_ascii=False,
        sort_keys=True,
    )
    return hashlib.sha256(described.encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class CachedResult:
    """One file's extraction as the cache holds it: ``text`` is the rendered notice JSON, if any."""

    status: str
    message: str
    text: str | None
    notice: dict[str, Any] | None
    stage: str | None = None  # where an error happened (pipeline.extract.Stage)


class NoticeCache:
    """Extraction results on disk, one file per (content, code, settings, limits)."""

    def __init__(self, folder: Path, settings: ExtractionSettings, limits: Limits = DEFAULT_LIMITS) -> None:
        self.folder = folder
        # Limits decide whether a file is an error row (a 600-page PDF under max_pages 500).
        limits_hash = hashlib.sha256(json.dumps(limits.as_dict(), sort_keys=True).encode()).hexdigest()[:8]
        self._version = f"{code_fingerprint()}-{settings_fingerprint(settings)}-{limits_hash}"

    def _path(self, sha256: str) -> Path:
        return self.folder / self._version / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> CachedResult | None:
        """The entry of a file's content, or None when missing or unreadable (extract again)."""
        try:
            head, _, text = self._path(sha256).read_text(encoding="utf-8").partition("\n")
            header = json.loads(head)
            notice = json.loads(text) if text else None
            return CachedResult(header["status"], header["message"], text or None, notice, header.get("stage"))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, sha256: str, status: str, message: str, text: str | None, stage: str | None = None) -> None:
        header = {"status": status, "message": message, **({"stage": stage} if stage else {})}
        data = (json.dumps(header, ensure_ascii=False) + "\n" + (text or "")).encode("utf-8")
        write_atomic(self._path(sha256), data)

    def parts_path(self, sha256: str) -> Path:
        return self.folder / self._version / sha256[:2] / f"{sha256}.parts"

    def get_parts(self, sha256: str) -> bytes | None:
        """The parts record of a file's content (``pipeline.parts``), or None when there is none."""
        try:
            return self.parts_path(sha256).read_bytes()
        except OSError:
            return None

    def put_parts(self, sha256: str, data: bytes) -> None:
        write_atomic(self.parts_path(sha256), data)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``: readers see
    the old entry or the new one, never a mix, whoever else writes the same entry meanwhile."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem[:8]}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
