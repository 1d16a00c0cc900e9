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
taken could keep its signature. A hash is therefore only kept when the file's times are at least
``SETTLED_SECONDS`` older than the moment it was taken; a file written just before the run is
hashed again next time.

One index per corpus folder (``pipeline.hash_index``), rewritten at the end of a run that changed
it and holding only the files that run met, so a removed file leaves it.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from extractors.readers import ReaderError
from extractors.readers.limits import Limits
from pipeline.extract import check_openable, file_digest
from pipeline.hash_index import Entries, file_signature, index_file, read_index, write_index

SETTLED_SECONDS = 2.0


class DigestIndex:
    """The SHA-256 of files by their signature; ``path=None`` keeps nothing (every file hashed)."""

    def __init__(self, path: Path | None, known: Entries | None = None,
                 settled_seconds: float = SETTLED_SECONDS) -> None:  # fmt: skip
        self.path = path
        self._settled_ns = int(settled_seconds * 1e9)
        self._known = known or {}
        self._seen: Entries = {}
        self.hashed = 0  # files hashed by this index (not found, or changed)

    @classmethod
    def for_corpus(cls, cache: Path | None, corpus: Path, settled_seconds: float = SETTLED_SECONDS) -> DigestIndex:
        """The index of ``corpus`` kept in the cache folder ``cache`` (None: no index)."""
        if cache is None:
            return cls(None, settled_seconds=settled_seconds)
        path = index_path(cache, corpus)
        return cls(path, read_index(path), settled_seconds)

    def digest(self, path: Path, limits: Limits) -> str | None:
        """The SHA-256 of a regular file within the size limit; None for anything else
        (``extract_file`` then turns it into an error row, as it opens nothing unsafe)."""
        try:
            info = check_openable(path, limits)
        except ReaderError:
            return None
        key = os.fsdecode(path.absolute())
        signature = file_signature(info)
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
        try:
            write_index(self.path, self._seen)
        except OSError:
            return
        self._known = dict(self._seen)


def index_path(cache: Path, corpus: Path) -> Path:
    """Where the index of ``corpus`` is kept in the cache folder ``cache``."""
    return index_file(cache, "digests", corpus)
