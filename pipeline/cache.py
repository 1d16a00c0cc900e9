"""A per-notice cache, so that a run after adding one notice re-extracts only that notice.

An entry is keyed by the file's content (SHA-256), the pipeline's code (a hash of the source of
the three packages, so any change to a rule invalidates every entry) and the extraction settings.
Entries are written to a temporary name and renamed, so parallel workers never see half an entry
and a crash leaves none behind.

An entry is one line of status and message, then the notice JSON exactly as ``outputs/json``
holds it: a run that takes 999 notices from the cache copies their text instead of rendering
it again, and parses it once for the tables.
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


class NoticeCache:
    """Extraction results on disk, one file per (content, code, settings)."""

    def __init__(self, folder: Path, settings: ExtractionSettings) -> None:
        self.folder = folder
        self._version = f"{code_fingerprint()}-{settings_fingerprint(settings)}"

    def _path(self, sha256: str) -> Path:
        return self.folder / self._version / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> CachedResult | None:
        """The entry of a file's content, or None when missing or unreadable (extract again)."""
        try:
            head, _, text = self._path(sha256).read_text(encoding="utf-8").partition("\n")
            header = json.loads(head)
            notice = json.loads(text) if text else None
            return CachedResult(header["status"], header["message"], text or None, notice)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, sha256: str, status: str, message: str, text: str | None) -> None:
        path = self._path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{sha256[:8]}.", dir=path.parent)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(json.dumps({"status": status, "message": message}, ensure_ascii=False) + "\n")
                stream.write(text or "")
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
