"""Content hashes kept between runs with the signature of the file each was taken from, in one
JSON file per folder in the per-notice cache folder: what the corpus's digest index
(``pipeline.digests``) and the outputs' JSON index (``pipeline.writers.JsonIndex``) share.

A file's signature is its size, modification and change times in nanoseconds, inode and device:
any write changes the change time, which no tool can set back, and a replaced file has another
inode, so a hash whose signature still matches is the file's. A missing, unreadable or malformed
index file reads as empty: it only costs hashing or reading again.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from pipeline.cache import write_atomic

Signature = tuple[int, int, int, int, int]  # size, mtime_ns, ctime_ns, inode, device
Entries = dict[str, tuple[Signature, str]]  # file → (its signature when hashed, SHA-256)
_FORMAT = 1


def file_signature(info: os.stat_result) -> Signature:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)


def index_file(cache: Path, kind: str, folder: Path) -> Path:
    """Where the index ``kind`` of ``folder`` is kept in the cache folder ``cache``."""
    return cache / f"{kind}-{hashlib.sha256(os.fsencode(folder.absolute())).hexdigest()[:16]}.json"


def read_index(path: Path) -> Entries:
    try:
        stored = json.loads(path.read_bytes())
        if stored.get("format") != _FORMAT:
            return {}
        return {key: (tuple(value[:5]), value[5]) for key, value in stored["files"].items()  # type: ignore[misc]
                if len(value) == 6 and all(isinstance(n, int) for n in value[:5]) and isinstance(value[5], str)}  # fmt: skip
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        return {}


def write_index(path: Path, entries: Entries) -> None:
    """Write the index atomically; OSError when the cache folder refuses it (callers carry on)."""
    files = {key: [*signature, digest] for key, (signature, digest) in sorted(entries.items())}
    data = json.dumps({"format": _FORMAT, "files": files}, ensure_ascii=False, separators=(",", ":"))
    write_atomic(path, data.encode("utf-8"))
