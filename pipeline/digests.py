"""The content hashes of a corpus's files, kept between runs, so that a run hashes only the files
that changed.

A run needs every file's SHA-256 to find its cache entry; hashing a thousand notices (tens of MB
of PDFs) took ~0.4 s of a run that adds one. The index keeps each file's hash with the signature
of the file it was taken from (size, modification and change times in nanoseconds, inode,
device), as git's index and DVC's state do: a file whose signature is unchanged has not been
written since, and its hash is reused. Any write changes the change time (ctime), which no tool
can set back, and a file replaced by another has another inode.

Racy files: a time stamp has a granularity (a few ms on most file systems, 1 s on ext3 and HFS+,
2 s for FAT's modification time), so a file written again within the same tick as the hash was
taken could keep its signature. A hash is therefore
only kept when the file's times are at least ``SETTLED_SECONDS`` older than the moment it was
taken; a file written just before the run is hashed again next time.

One index per corpus folder, ``<cache>/digests-<corpus hash>.json``, rewritten (atomically) at the
end of a run that changed it and holding only the files that run met, so a removed file leaves
it. A missing, unreadable or malformed index is an empty one: it only costs hashing.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from extractors.readers import ReaderError
from extractors.readers.limits import Limits
from pipeline.cache import write_atomic
from pipeline.extract import check_openable, file_digest

SETTLED_SECONDS = 2.0
_FORMAT = 1

Signature = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device


def _signature(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


class DigestIndex:
    """The SHA-256 of files by their signature; ``path=None`` keeps nothing (every file hashed)."""

    def __init__(self, path: Path | None, known: dict[str, tuple[Signature, str]] | None = None,
                 settled_seconds: float = SETTLED_SECONDS) -> None:  # fmt: skip
        self.path = path
        self._settled_ns = int(settled_seconds * 1e9)
        self._known = known or {}
        self._seen: dict[str, tuple[Signature, str]] = {}
        self.hashed = 0  # files hashed by this index (not found, or changed)

    @classmethod
    def for_corpus(cls, cache: Path | None, corpus: Path, settled_seconds: float = SETTLED_SECONDS) -> DigestIndex:
        """The index of ``corpus`` kept in the cache folder ``cache`` (None: no index)."""
        if cache is None:
            return cls(None, settled_seconds=settled_seconds)
        return cls(index_path(cache, corpus), _load(index_path(cache, corpus)), settled_seconds)

    def digest(self, path: Path, limits: Limits) -> str | None:
        """The SHA-256 of a regular file within the size limit; None for anything else
        (``extract_file`` then turns it into an error row, as it opens nothing unsafe)."""
        try:
            info = check_openable(path, limits)
        except ReaderError:
            return None
        key = os.fsdecode(path.absolute())
        signature = _signature(info)
        known = self._known.get(key)
        if known is not None and known[0] == signature:
            self._seen[key] = known
            return known[1]
        hashed_at = time.time_ns()
        digest = file_digest(path)
        self.hashed += 1
        settled = max(info.st_mtime_ns, info.st_ctime_ns) <= hashed_at - self._settled_ns
        if digest is not None and settled:
            self._seen[key] = (signature, digest)
        return digest

    def save(self) -> None:
        """Keep what this run met for the next one; best effort (a read-only cache only costs hashing)."""
        if self.path is None or self._seen == self._known:
            return
        entries = {key: [*signature, digest] for key, (signature, digest) in sorted(self._seen.items())}
        data = json.dumps({"format": _FORMAT, "files": entries}, ensure_ascii=False, separators=(",", ":"))
        try:
            write_atomic(self.path, data.encode("utf-8"))
        except OSError:
            return
        self._known = dict(self._seen)


def index_path(cache: Path, corpus: Path) -> Path:
    """Where the index of ``corpus`` is kept in the cache folder ``cache``."""
    return cache / f"digests-{hashlib.sha256(os.fsencode(corpus.absolute())).hexdigest()[:16]}.json"


def _load(path: Path) -> dict[str, tuple[Signature, str]]:
    try:
        stored = json.loads(path.read_bytes())
        if stored.get("format") != _FORMAT:
            return {}
        return {key: (tuple(value[:5]), value[5]) for key, value in stored["files"].items()
                if len(value) == 6 and all(isinstance(n, int) for n in value[:5]) and isinstance(value[5], str)}  # fmt: skip
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}
