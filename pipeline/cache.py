"""A per-notice cache, so that a run after adding one notice re-extracts only that notice.

An entry is keyed by the file's content (SHA-256), the pipeline's code (a hash of the source of
the three packages, so any change to a rule invalidates every entry) and the extraction settings.
Entries are written to a temporary name and renamed, so parallel workers never see half an entry
and a crash leaves none behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
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


class NoticeCache:
    """Extraction results on disk, one JSON file per (content, code, settings)."""

    def __init__(self, folder: Path, settings: ExtractionSettings) -> None:
        self.folder = folder
        self._version = f"{code_fingerprint()}-{settings_fingerprint(settings)}"

    def _path(self, sha256: str) -> Path:
        return self.folder / self._version / sha256[:2] / f"{sha256}.json"

    def get(self, sha256: str) -> dict[str, Any] | None:
        path = self._path(sha256)
        try:
            return json.loads(path.read_text(encoding="utf-8"))  # type: ignore[no-any-return]
        except (OSError, ValueError):
            return None  # missing, or unreadable: extract again

    def put(self, sha256: str, entry: dict[str, Any]) -> None:
        path = self._path(sha256)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{sha256[:8]}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(entry, stream, ensure_ascii=False)
        os.replace(temporary, path)
