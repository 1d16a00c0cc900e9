"""A per-notice cache, so that a run after adding one notice re-extracts only that notice.

An entry is keyed by the file's content (SHA-256), the pipeline's code (a hash of the source that
decides what an entry holds, ``code_fingerprint``) and the extraction settings and limits. Entries
are written to a temporary name and renamed, so parallel workers never see half an entry and a
crash leaves none behind.

Two kinds of entry share the key. ``<sha256>.parts`` is what ``notice-tasks run`` uses: the
file's share of every output, ready to concatenate (``pipeline/parts.py``), so a run that takes
999 notices from the cache neither parses nor renders them. ``<sha256>.json`` (``get``/``put``) is
one line of status and message, then the notice JSON, for callers of ``extract_file`` with a cache.

Parallel runs: the parent process hands each content to one worker only, and a worker writes its
entry under a temporary name in the entry's folder and renames it, so no reader ever sees half an
entry and a worker killed mid-write leaves only a temporary file (never read, as it is no entry).

Layout: ``<cache>/<version>/<sha256[:2]>/<sha256>.{parts,json}``, ``<version>`` being
``<code 16 hex>-<settings 16 hex>-<limits 8 hex>``. Each time a ``NoticeCache`` is opened it
touches its version folder (sets its modification time: the folder is its own "last used" marker,
so the cache holds nothing but entries); version folders left by an older code or other settings
and unused for ``STALE_VERSION_DAYS`` are deleted then (``prune_stale_versions``), so the cache
does not grow by a full copy per code version.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from extractors.notice import ExtractionSettings
from extractors.readers import optional_tools
from extractors.readers.limits import DEFAULT_LIMITS, Limits
from pipeline.import_closure import SOURCE_ROOT, import_closure

# Hashed whole, modules and data files: readers and OCR are imported lazily, and a rule table may
# live in a data file, so following imports would miss some of what decides a notice.
WHOLE_PACKAGES = ("extractors", "normalizers")
DATA_SUFFIXES = (".json", ".csv", ".tsv", ".txt", ".yaml", ".yml")
# What a cache entry holds: ``extract_file``'s result and its rendered parts (``result_to_parts``).
ENTRY_MODULES = ("pipeline.extract", "pipeline.parts")


def fingerprint_files(root: Path = SOURCE_ROOT) -> list[Path]:
    """The files ``code_fingerprint`` hashes: every module and data file of ``WHOLE_PACKAGES`` and
    the import closure of ``ENTRY_MODULES`` within ``pipeline``."""
    files: list[Path] = []
    for package in WHOLE_PACKAGES:
        files.extend(
            path for path in (root / package).rglob("*")
            if path.suffix in (".py", *DATA_SUFFIXES) and "__pycache__" not in path.parts and path.is_file()
        )
    files.extend(import_closure(ENTRY_MODULES, root=root).values())
    return sorted(set(files), key=lambda path: path.relative_to(root).as_posix())


def _code_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in fingerprint_files(root):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    digest.update(optional_tools().encode())  # installing OCR or LibreOffice changes results
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """A hash of exactly the code that decides what a cache entry holds.

    An entry is ``pipeline.extract.extract_file``'s result and its parts
    (``pipeline.parts.result_to_parts``), so the hash covers: all of ``extractors`` and
    ``normalizers`` (modules and data files, as readers and OCR are imported lazily, and both
    packages are nothing but extraction), and of ``pipeline`` only the modules ``extract.py`` and
    ``parts.py`` import, followed transitively and found statically with ``ast`` (so the set follows
    the code, with no list to keep by hand; imports inside functions and under TYPE_CHECKING
    count too, which can only invalidate more, never serve a stale entry). Editing the CLI, the
    writers, the run loop or ``pipeline/compare`` keeps every entry valid, so the next run does not
    extract the whole corpus again. Plus which optional tools (OCR, LibreOffice) are installed.

    Computed once per process (each worker too): about 15 ms, reading ~70 files and parsing the
    ~10 pipeline modules of the closure (``ast.parse`` is most of it); hashing whole packages took
    about 3 ms, a price worth not re-extracting the corpus after an edit to the CLI or the writers.
    """
    return _code_fingerprint(SOURCE_ROOT)


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


# A version folder unused for this long (see ``last_used``) is deleted when a cache is opened.
STALE_VERSION_DAYS = 7
VERSION_NAME = re.compile(r"[0-9a-f]{16}-[0-9a-f]{16}-[0-9a-f]{8}")  # code-settings-limits
_opened: set[tuple[str, str]] = set()  # (cache folder, version) this process has marked and pruned


class NoticeCache:
    """Extraction results on disk, one file per (content, code, settings, limits).

    Opening one marks its version folder as used and, once per process, deletes the version
    folders beside it that were not used for ``STALE_VERSION_DAYS`` (``prune_stale_versions``).
    """

    def __init__(self, folder: Path, settings: ExtractionSettings, limits: Limits = DEFAULT_LIMITS) -> None:
        self.folder = folder
        # Limits decide whether a file is an error row (a 600-page PDF under max_pages 500).
        limits_hash = hashlib.sha256(json.dumps(limits.as_dict(), sort_keys=True).encode()).hexdigest()[:8]
        self._version = f"{code_fingerprint()}-{settings_fingerprint(settings)}-{limits_hash}"
        key = (str(folder.absolute()), self._version)
        if key not in _opened:  # workers open the cache once per chunk: do this once per process
            _opened.add(key)
            self.mark_used()
            prune_stale_versions(folder, keep=self._version)

    @property
    def version(self) -> str:
        """The name of this cache's version folder: ``<code>-<settings>-<limits>``."""
        return self._version

    def mark_used(self) -> None:
        """Touch this version's folder (create it, set its modification time to now), so no other
        run prunes it while it is in use. Best effort: a cache folder that cannot be written is no
        reason to fail a run (writing entries would fail the same way, as before)."""
        version = self.folder / self._version
        try:
            version.mkdir(parents=True, exist_ok=True)
            os.utime(version)
        except OSError:
            pass

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


def last_used(version: Path) -> float:
    """When a version folder was last used: the newest modification time of the folder (set each
    time a process opens that version, ``NoticeCache.mark_used``) and of its entry folders (each
    changes when an entry is written into it, which also dates folders made before the marking)."""
    try:
        newest = version.stat().st_mtime
        with os.scandir(version) as children:
            for child in children:
                if child.is_dir(follow_symlinks=False):
                    newest = max(newest, child.stat(follow_symlinks=False).st_mtime)
    except OSError:
        return time.time()  # vanished or unreadable: count it as in use, leave it alone
    return newest


def prune_stale_versions(folder: Path, keep: str, days: float = STALE_VERSION_DAYS) -> list[Path]:
    """Delete the version folders in the cache ``folder``, other than ``keep``, unused for ``days``.

    Only folders named exactly like a version (``<16 hex>-<16 hex>-<8 hex>``) are candidates;
    nothing else in ``folder`` is touched, nor symbolic links. Safe beside concurrent runs: a run
    touches its version's folder when it opens the cache, so a version in use is never that old;
    in the unlikely race with a run opening a stale version just now, deleting its entries only
    costs that run cache misses (entries are whole files; ``write_atomic`` recreates folders).
    Returns the folders deleted."""
    cutoff = time.time() - days * 86400
    removed: list[Path] = []
    try:
        with os.scandir(folder) as children:
            candidates = [Path(child.path) for child in children
                          if child.name != keep and VERSION_NAME.fullmatch(child.name) and child.is_dir(follow_symlinks=False)]
    except OSError:
        return removed  # no cache folder yet
    for version in sorted(candidates):
        if last_used(version) < cutoff:
            shutil.rmtree(version, ignore_errors=True)
            removed.append(version)
    return removed


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path`` and rename it over ``path``: readers see
    the old entry or the new one, never a mix, whoever else writes the same entry meanwhile.
    Tried twice should the folder vanish meanwhile (a concurrent prune of a stale version)."""
    for attempt in (1, 2):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            handle, temporary = tempfile.mkstemp(prefix=f".{path.stem[:8]}.", dir=path.parent)
        except FileNotFoundError:
            if attempt == 2:
                raise
            continue
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
            os.replace(temporary, path)
            return
        except FileNotFoundError:
            Path(temporary).unlink(missing_ok=True)
            if attempt == 2:
                raise
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
