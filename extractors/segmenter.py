"""jieba for the extractors: one place that sets it up, and a dictionary that loads in ~0.2 s.

Stock jieba spends ~0.7 s before its first cut: ``jieba.initialize`` unmarshals a prefix
dictionary of ~498,000 words (~0.5 s) and ``import jieba.posseg`` parses dict.txt again for the
part-of-speech tags (~0.2 s). Here the two tables come from a cache file holding the words once,
as UTF-8 text, with their frequencies and tags as arrays: rebuilding the dicts from it is about
three times faster than ``marshal``. The file is built by jieba's own parsers (``gen_pfdict``,
``load_word_tag``), so the tables are jieba's, and tagging runs on jieba's own ``POSTokenizer``
code: the words and flags equal ``jieba.posseg.cut(text, HMM=False)``.

The words in the cache file are grouped by their first character, and the tables read from it
are filled one first character at a time, when a lookup first needs it (``LazyTable``): a notice
tags a few names and sentences, which touch a small part of the 498,000 words, so a worker that
extracts one new notice does not build the whole tables (~0.3 s) before its first cut. Anything
that reads a table whole (iterating, comparing, copying) fills it first. The place names
(tag ``ns``, what ``extractors.regions`` looks for) are a section of their own.

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
_FORMAT = 2
_MAGIC = b"NTJIEBA\x02"
_UNTAGGED = 255  # the tag byte of a word without a tag
_LENGTH = struct.Struct("<I")
_log = logging.getLogger(__name__)
_lock = threading.Lock()
_tagger: POSTokenizer | None = None
_tables: Tables | None = None  # the shared tagger's
# The table of jieba's global tagger from the import of jieba.posseg here to the first load.
_UNFILLED: dict[str, str] = {}


class Tables(NamedTuple):
    """jieba's prefix dictionary (``FREQ``, ``total``) and its word → tag table (``word_tag_tab``)."""

    freq: dict[str, int]
    total: int
    word_tags: dict[str, str]

    def place_names(self) -> frozenset[str]:
        """The words tagged ``ns``."""
        if isinstance(self.word_tags, LazyTable):
            return self.word_tags.source.places
        return frozenset(word for word, tag in self.word_tags.items() if tag == "ns")


class _Sections:
    """A cache file's words, counts and tags by first character, decoded a character at a time."""

    def __init__(self, body: memoryview, text: tuple[int, int], counts: array, tags: memoryview, names: list[str],
                 buckets: dict[str, tuple[int, int, int, int]], places: frozenset[str]) -> None:  # fmt: skip
        self._body, self._text, self._counts, self._tags, self._names = body, text, counts, tags, names
        self.buckets, self.places = buckets, places

    def entries(self, first: str, kind: str) -> list[tuple[str, object]]:
        """The (word, count) or (word, tag) pairs of the words starting with ``first``."""
        first_word, end_word, start, end = self.buckets[first]
        text_start = self._text[0]
        words = str(self._body[text_start + start : text_start + end], "utf-8").split("\n")
        if kind == "freq":
            return list(zip(words, self._counts[first_word:end_word], strict=True))
        names, tags = self._names, self._tags[first_word:end_word]
        return [(word, names[tag]) for word, tag in zip(words, tags, strict=True) if tag != _UNTAGGED]


class LazyTable(dict):  # type: ignore[type-arg]
    """A dict filled one first character at a time from a cache file (``_Sections``), on the first
    lookup that needs that character; iterating, measuring, comparing or copying it fills it whole.

    Thread-safe: a character's words are inserted (one C-level ``dict.update``) before it is marked
    loaded, under a lock, so no thread ever sees a half-filled character.
    """

    def __init__(self, source: _Sections, kind: str) -> None:
        super().__init__()
        self.source, self._kind = source, kind
        self._pending = set(source.buckets)
        self._loading = threading.Lock()

    def _fill(self, key: object) -> None:
        first = key[:1] if isinstance(key, str) else None
        if first in self._pending:
            with self._loading:
                if first in self._pending:
                    dict.update(self, self.source.entries(first, self._kind))
                    self._pending.discard(first)

    def fill_all(self) -> LazyTable:
        for first in sorted(self._pending):
            self._fill(first)
        return self

    def __contains__(self, key: object) -> bool:
        self._fill(key)
        return dict.__contains__(self, key)

    def __getitem__(self, key: str) -> object:
        self._fill(key)
        return dict.__getitem__(self, key)

    def get(self, key: str, default: object = None) -> object:
        self._fill(key)
        return dict.get(self, key, default)

    def __setitem__(self, key: str, value: object) -> None:
        self._fill(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: str) -> None:
        self._fill(key)
        dict.__delitem__(self, key)

    def setdefault(self, key: str, default: object = None) -> object:
        self._fill(key)
        return dict.setdefault(self, key, default)

    def pop(self, key: str, *default: object) -> object:
        self._fill(key)
        return dict.pop(self, key, *default)

    def __iter__(self):  # noqa: ANN204
        return dict.__iter__(self.fill_all())

    def __len__(self) -> int:
        return dict.__len__(self.fill_all())

    def keys(self):  # noqa: ANN201
        return dict.keys(self.fill_all())

    def values(self):  # noqa: ANN201
        return dict.values(self.fill_all())

    def items(self):  # noqa: ANN201
        return dict.items(self.fill_all())

    def copy(self) -> dict:  # type: ignore[type-arg]
        return dict(dict.items(self.fill_all()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyTable):
            other.fill_all()
        return dict.__eq__(self.fill_all(), other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return dict.__repr__(self.fill_all())

    def __reduce__(self):  # noqa: ANN204 -- pickled as the plain dict it stands for
        return (dict, (self.copy(),))


def tag(text: str) -> list[tuple[str, str]]:
    """The words of ``text`` with their part-of-speech flags, as ``jieba.posseg.cut(text, HMM=False)``.

    >>> tag("临沂市人民政府办公室")
    [('临沂市', 'ns'), ('人民政府', 'nt'), ('办公室', 'n')]
    """
    return [(pair.word, pair.flag) for pair in tagger().cut(text, HMM=False)]


def word_tags() -> Mapping[str, str]:
    """jieba's dictionary tag of each word (``ns`` for place names); read-only by convention."""
    return tagger().word_tag_tab


def place_names() -> frozenset[str]:
    """The words jieba's dictionary tags ``ns`` (place names), without filling the tag table."""
    tagger()
    assert _tables is not None
    return _tables.place_names()


def tagger() -> POSTokenizer:
    """The shared tagger, loaded on first use; the lock keeps concurrent threads to one load."""
    global _tagger, _tables
    if _tagger is None:
        with _lock:
            if _tagger is None:
                _tagger, _tables = _load(cache_folder())
    return _tagger


def new_tokenizer() -> Tokenizer:
    """A jieba tokenizer of its own on the default dictionary, its table copied from the shared
    one (0.05 s instead of jieba's 0.5 s load): for callers that add words (the comparison's theme
    lexicon) without changing what the extractors segment."""
    import jieba

    shared = tagger().tokenizer
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = _plain(shared.FREQ), shared.total, True
    return tokenizer


def cache_folder() -> Path | None:
    """``$NOTICE_TASKS_JIEBA_CACHE`` if set (empty: None, no cache), else jieba's own cache folder."""
    value = os.environ.get(CACHE_ENV)
    if value is None:
        return Path(tempfile.gettempdir())
    return Path(value) if value else None


def load_tagger(folder: Path | None) -> POSTokenizer:
    """A new tagger on jieba's default dictionary, its tables read from (or cached into) ``folder``."""
    return _load(folder)[0]


def _load(folder: Path | None) -> tuple[POSTokenizer, Tables]:
    jieba = import_jieba()
    posseg = _import_posseg()
    tokenizer = jieba.Tokenizer()
    tables = load_tables(tokenizer, folder)
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = tables.freq, tables.total, True
    tagger = posseg.POSTokenizer.__new__(posseg.POSTokenizer)  # __init__ would parse dict.txt
    tagger.tokenizer = tokenizer
    tagger.word_tag_tab = tables.word_tags
    if posseg.dt.word_tag_tab is _UNFILLED:
        # A table of its own: global changes stay out of ours (a lazy one over the same file, or a copy).
        own = tables.word_tags
        posseg.dt.word_tag_tab = LazyTable(own.source, "tags") if isinstance(own, LazyTable) else dict(own)
    return tagger, tables


def _plain(table: dict) -> dict:  # type: ignore[type-arg]
    """A plain dict copy of a table, lazy or not."""
    return table.copy() if isinstance(table, LazyTable) else dict(table)


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

    Layout: magic, JSON header (its length first), the words joined by newlines and grouped by
    their first character (the header's ``buckets``: each character's first and end word and
    byte offsets), their counts (``array("I")``), one tag byte per word (255: untagged), the place
    names (tag ``ns``) joined by newlines, and a CRC-32 of all that.
    """
    freq, word_tags = dict(tables.freq), dict(tables.word_tags)
    names = sorted(set(word_tags.values()))
    if len(names) >= _UNTAGGED or not word_tags.keys() <= freq.keys() or any(not word or "\n" in word for word in freq):
        return None
    words = sorted(freq, key=lambda word: word[0])  # stable: grouped by first character
    index = {name: number for number, name in enumerate(names)}
    try:
        counts = array("I", map(freq.__getitem__, words)).tobytes()
    except OverflowError:  # a negative or huge count in a custom dictionary
        return None
    tags = bytes(index[word_tags[word]] if word in word_tags else _UNTAGGED for word in words)
    buckets: list[list[object]] = []
    offset = 0
    for number, word in enumerate(words):
        size = len(word.encode("utf-8"))
        if not buckets or buckets[-1][0] != word[0]:
            buckets.append([word[0], number, number, offset, offset])
        bucket = buckets[-1]
        bucket[2], bucket[4] = number + 1, offset + size
        offset += size + 1
    places = "\n".join(sorted(word for word, tag in word_tags.items() if tag == "ns")).encode("utf-8")
    sections = ["\n".join(words).encode("utf-8"), counts, tags, places]
    header = {"total": tables.total, "tags": names, "words": len(words), "itemsize": _count_size(), "buckets": buckets,
              "sizes": [len(section) for section in sections]}  # fmt: skip
    head = json.dumps(header, ensure_ascii=False).encode("utf-8")
    body = b"".join([_MAGIC, _LENGTH.pack(len(head)), head, *sections])
    return body + _LENGTH.pack(zlib.crc32(body))


def _count_size() -> int:
    """The byte size of a count: a cache written where it differs is not read."""
    return array("I").itemsize


def _decode(data: bytes) -> Tables:
    """The tables in a cache file's bytes, filled lazily (``LazyTable``); ValueError when it is
    truncated or corrupt."""
    body = memoryview(data)[: -_LENGTH.size]
    if not data.startswith(_MAGIC) or _LENGTH.unpack_from(data, len(body)) != (zlib.crc32(body),):
        raise ValueError("truncated or corrupt tag cache")
    start = len(_MAGIC) + _LENGTH.size
    (head_size,) = _LENGTH.unpack_from(data, len(_MAGIC))
    header = json.loads(bytes(body[start : start + head_size]))
    text_size, counts_size, tags_size, places_size = header["sizes"]
    text_start = start + head_size
    counts_start = text_start + text_size
    tags_start = counts_start + counts_size
    places_start = tags_start + tags_size
    words = header["words"]
    if places_start + places_size != len(body) or header["itemsize"] != _count_size():
        raise ValueError("inconsistent tag cache")
    counts = array("I")
    counts.frombytes(body[counts_start:tags_start])
    buckets = {first: (first_word, end_word, begin, end) for first, first_word, end_word, begin, end in header["buckets"]}
    if len(counts) != words or tags_size != words or (header["buckets"] and header["buckets"][-1][2] != words):
        raise ValueError("inconsistent tag cache")
    places = frozenset(str(body[places_start:], "utf-8").split("\n")) if places_size else frozenset()
    sections = _Sections(body, (text_start, counts_start), counts, body[tags_start:places_start], header["tags"], buckets, places)
    return Tables(LazyTable(sections, "freq"), header["total"], LazyTable(sections, "tags"))


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
