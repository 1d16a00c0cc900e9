"""jieba for the extractors: one place that sets it up, and a dictionary that loads in ~0.2 s.

Stock jieba spends ~0.7 s before its first cut: ``jieba.initialize`` unmarshals a prefix
dictionary of ~498,000 words (~0.5 s) and ``import jieba.posseg`` parses dict.txt again for the
part-of-speech tags (~0.2 s). Here the two tables come from a cache file holding the words once,
as UTF-8 text, with their frequencies and tags as arrays: rebuilding the dicts from it is about
three times faster than ``marshal``. The file is built by jieba's own parsers (``gen_pfdict``,
``load_word_tag``), so the tables are jieba's, and tagging runs on jieba's own ``POSTokenizer``
code: the words and flags equal ``jieba.posseg.cut(text, HMM=False)``.

The tagger is private, so nothing depends on jieba's globals, and loads on the first :func:`tag`,
once, under a lock: Dask extracts in threads. (jieba's global tagger still tags as stock: when
``jieba.posseg`` is imported here, it gets a copy of the tag table instead of parsing dict.txt.)
The cache sits in jieba's own folder (the temp dir) unless ``$NOTICE_TASKS_JIEBA_CACHE`` names
another one (empty: no cache file). Its name holds jieba's version and dict.txt's size and
mtime, its header the section lengths, and a CRC closes it: a missing, stale, corrupt or
unwritable cache costs one load with jieba's parsers (~0.65 s, plus ~0.5 s to write a new
cache), never a wrong table.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import struct
import sys
import tempfile
import threading
import zlib
from array import array
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from jieba import Tokenizer
    from jieba.posseg import POSTokenizer

CACHE_ENV = "NOTICE_TASKS_JIEBA_CACHE"
_FORMAT = 1
_MAGIC = b"NTJIEBA\x01"
_LENGTH = struct.Struct("<I")
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_tagger: POSTokenizer | None = None
# The table of jieba's global tagger from the import of jieba.posseg here to the first load.
_UNFILLED: dict[str, str] = {}


class Tables(NamedTuple):
    """jieba's prefix dictionary (``FREQ``, ``total``) and its word → tag table (``word_tag_tab``)."""

    freq: dict[str, int]
    total: int
    word_tags: dict[str, str]


def tag(text: str) -> list[tuple[str, str]]:
    """The words of ``text`` with their part-of-speech flags, as ``jieba.posseg.cut(text, HMM=False)``.

    >>> tag("临沂市人民政府办公室")
    [('临沂市', 'ns'), ('人民政府', 'nt'), ('办公室', 'n')]
    """
    return [(pair.word, pair.flag) for pair in tagger().cut(text, HMM=False)]


def word_tags() -> Mapping[str, str]:
    """jieba's dictionary tag of each word (``ns`` for place names); read-only by convention."""
    return tagger().word_tag_tab


def tagger() -> POSTokenizer:
    """The shared tagger, loaded on first use; the lock keeps concurrent threads to one load."""
    global _tagger
    if _tagger is None:
        with _lock:
            if _tagger is None:
                _tagger = load_tagger(cache_folder())
    return _tagger


def new_tokenizer() -> Tokenizer:
    """A jieba tokenizer of its own on the default dictionary, its table copied from the shared
    one (0.05 s instead of jieba's 0.5 s load): for callers that add words (the comparison's theme
    lexicon) without changing what the extractors segment."""
    import jieba

    shared = tagger().tokenizer
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(shared.FREQ), shared.total, True
    return tokenizer


def cache_folder() -> Path | None:
    """``$NOTICE_TASKS_JIEBA_CACHE`` if set (empty: None, no cache), else jieba's own cache folder."""
    value = os.environ.get(CACHE_ENV)
    if value is None:
        return Path(tempfile.gettempdir())
    return Path(value) if value else None


def load_tagger(folder: Path | None) -> POSTokenizer:
    """A new tagger on jieba's default dictionary, its tables read from (or cached into) ``folder``."""
    jieba = import_jieba()
    posseg = _import_posseg()
    tokenizer = jieba.Tokenizer()
    tables = load_tables(tokenizer, folder)
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = tables.freq, tables.total, True
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)  # __init__ would parse dict.txt
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = tables.word_tags
    if posseg.dt.word_tag_tab is _UNFILLED:
        posseg.dt.word_tag_tab = dict(tables.word_tags)  # a copy: global changes stay out of ours
    return tagger


def load_tables(tokenizer: Tokenizer, folder: Path | None) -> Tables:
    """The tables of ``tokenizer``'s dictionary: from the cache when it is sound, else built and cached."""
    path = _cache_path(tokenizer, folder) if folder is not None else None
    tables = _read(path) if path is not None else None
    if tables is None:
        tables = build_tables(tokenizer)
        if path is not None:
            _write(path, tables)
    return tables


def build_tables(tokenizer: Tokenizer) -> Tables:
    """The tables as stock jieba builds them, by its own parsers of the dictionary file."""
    from jieba.posseg import POSTokenizer

    freq, total = tokenizer.gen_pfdict(tokenizer.get_dict_file())
    holder = POSTokenizer.__new__(POSTokenizer)
    holder.tokenizer = tokenizer
    holder.load_word_tag(tokenizer.get_dict_file())
    return Tables(freq, total, holder.word_tag_tab)


def import_jieba() -> ModuleType:
    """``jieba``, without the 0.13 s import of ``pkg_resources`` it makes only to open its own data
    files: when that import fails, jieba opens the same files by their path (``jieba._compat``).
    ``pkg_resources`` is hidden for the length of this one import (under the loading lock), so an
    import of it elsewhere, before or after, works as usual."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # `import pkg_resources` raises ImportError
    try:
        import jieba
    finally:
        if sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    return jieba


def _import_posseg() -> ModuleType:
    """``jieba.posseg``, without the 0.2 s parse of dict.txt its import runs for its global tagger.

    That tagger is built over an empty file; :func:`load_tagger` then gives it a copy of the
    table it loads, so ``jieba.posseg.cut`` elsewhere still tags as stock jieba.
    """
    import jieba

    jieba.setLogLevel(logging.WARNING)
    if "jieba.posseg" in sys.modules or jieba.dt.dictionary != jieba.DEFAULT_DICT:
        import jieba.posseg  # already paid for, or on another dictionary: leave it stock

        return jieba.posseg
    jieba.dt.get_dict_file = lambda: io.BytesIO(b"")
    try:
        import jieba.posseg
    finally:
        del jieba.dt.get_dict_file
    jieba.posseg.dt.word_tag_tab = _UNFILLED
    return jieba.posseg


def _cache_path(tokenizer: Tokenizer, folder: Path) -> Path | None:
    """The cache file for this jieba and this dict.txt; None when dict.txt has no file to stat."""
    import jieba

    try:
        with tokenizer.get_dict_file() as dict_file:
            stat = os.fstat(dict_file.fileno())
            name = getattr(dict_file, "name", "")
    except (OSError, AttributeError, io.UnsupportedOperation):
        return None
    key = f"{_FORMAT}|{jieba.__version__}|{name}|{stat.st_size}|{stat.st_mtime_ns}|{sys.byteorder}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return folder / f"jieba-{jieba.__version__}-{digest}.tags"


def _encode(tables: Tables) -> bytes | None:
    """The cache file's bytes; None when the tables do not fit the format (jieba's always do).

    Layout: magic, JSON header (its length first), the words joined by newlines with the tagged
    ones first (both tables share one word list), the counts (``array("I")``), one byte per tag,
    and a CRC-32 of all that.
    """
    freq, word_tags = tables.freq, tables.word_tags
    names = sorted(set(word_tags.values()))
    if len(names) > 256 or not word_tags.keys() <= freq.keys() or any("\n" in word for word in freq):
        return None
    words = list(word_tags) + [word for word in freq if word not in word_tags]
    index = {name: number for number, name in enumerate(names)}
    try:
        counts = array("I", map(freq.__getitem__, words)).tobytes()
    except OverflowError:  # a negative or huge count in a custom dictionary
        return None
    sections = ["\n".join(words).encode("utf-8"), counts, bytes(index[tag] for tag in word_tags.values())]
    header = {"total": tables.total, "tags": names, "words": len(words), "tagged": len(word_tags),
              "itemsize": _count_size(), "sizes": [len(section) for section in sections]}  # fmt: skip
    head = json.dumps(header).encode()
    body = b"".join([_MAGIC, _LENGTH.pack(len(head)), head, *sections])
    return body + _LENGTH.pack(zlib.crc32(body))


def _count_size() -> int:
    """The byte size of a count: a cache written where it differs is not read."""
    return array("I").itemsize


def _decode(data: bytes) -> Tables:
    """The tables in a cache file's bytes; ValueError when it is truncated or corrupt."""
    body = memoryview(data)[: -_LENGTH.size]
    if not data.startswith(_MAGIC) or _LENGTH.unpack_from(data, len(body)) != (zlib.crc32(body),):
        raise ValueError("truncated or corrupt tag cache")
    start = len(_MAGIC) + _LENGTH.size
    (head_size,) = _LENGTH.unpack_from(data, len(_MAGIC))
    header = json.loads(bytes(body[start : start + head_size]))
    text_size, counts_size, tags_size = header["sizes"]
    text_end = start + head_size + text_size
    if text_end + counts_size + tags_size != len(body) or header["itemsize"] != _count_size():
        raise ValueError("inconsistent tag cache")
    words = str(body[start + head_size : text_end], "utf-8").split("\n")
    counts = array("I")
    counts.frombytes(body[text_end : text_end + counts_size])
    tags, names = body[text_end + counts_size :], header["tags"]
    if not len(words) == len(counts) == header["words"] or len(tags) != header["tagged"]:
        raise ValueError("inconsistent tag cache")
    freq = dict(zip(words, counts, strict=True))
    word_tags = dict(zip(words[: len(tags)], map(names.__getitem__, tags), strict=True))
    return Tables(freq, header["total"], word_tags)


def _read(path: Path) -> Tables | None:
    """The cached tables, or None when the file is missing, unreadable or unsound."""
    try:
        with path.open("rb") as stream:
            if hasattr(os, "getuid") and os.fstat(stream.fileno()).st_uid != os.getuid():
                raise ValueError("owned by another user")  # the temp dir is shared
            return _decode(stream.read())
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, IndexError, struct.error) as error:
        _log.debug("jieba tag cache %s unusable, rebuilding: %s", path, error)
        return None


def _write(path: Path, tables: Tables) -> None:
    """Write the cache atomically (temp file, then rename); a folder that refuses it only costs speed."""
    data = _encode(tables)
    if data is None:
        return
    temporary: Path | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as stream:
            temporary = Path(stream.name)
            stream.write(data)
        os.replace(temporary, path)
    except OSError as error:
        _log.debug("jieba tag cache %s not written: %s", path, error)
        if temporary is not None:
            with contextlib.suppress(OSError):
                temporary.unlink()
