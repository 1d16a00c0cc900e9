"""What the comparison keeps between runs: the jieba cut and the theme of each distinct text, and
the matched tasks of each pair of consecutive years of a region.

Segmenting every requirement with jieba and matching it against the theme lexicon is most of the
comparison's work, and it is the same work on every run but for the notices just added; so is
matching a region's tasks year against year. The memo keeps these results, keyed by the text (by
the two years' requirements for a year pair, ``changes.pair_key``), in one file per *version*: a
hash of what decides them (the theme taxonomy, which is also the segmenter's added lexicon, the
code of the segmenter, the theme rules and the matching, jieba's version). A run after adding one
notice segments only that notice and matches only the years it joined. Year pairs are kept as of
the last run (they are many and change as notices arrive); cuts and themes of every text seen.

The file is JSON (no code is ever loaded from a cache), written to a temporary name and renamed,
so an interrupted run leaves the previous memo whole; files of other versions are deleted when a
new version is saved, so the folder holds one memo. An unreadable memo is a warning and a run
that starts from an empty one: the results never depend on the memo, only the time.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.compare.themes import Theme

logger = logging.getLogger(__name__)

# The modules whose code decides a cut or a theme; a change to any of them starts a new memo.
_DECIDING_MODULES = ("segment.py", "themes.py", "changes.py")
_FORMAT = 2
_MEMO_NAME = re.compile(r"[0-9a-f]{16}\.json")


def memo_version(taxonomy: Sequence[Theme]) -> str:
    """16 hex digits naming what the memo's entries depend on."""
    from extractors import segmenter

    jieba = segmenter.import_jieba()  # without the 0.15 s of pkg_resources a bare `import jieba` costs
    digest = hashlib.sha256(f"{_FORMAT}|jieba {jieba.__version__}|".encode())
    for theme in taxonomy:
        digest.update(json.dumps([theme.id, sorted(theme.keywords.items())], ensure_ascii=False).encode())
    here = Path(__file__).parent
    for path in (*(here / name for name in _DECIDING_MODULES), Path(segmenter.__file__)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class CompareMemo:
    """Cuts (text → tokens), themes (``themes.theme_key`` → theme id) and year pairs
    (``changes.pair_key`` → matched (previous, current, similarity)) of one version; ``folder``
    None keeps them in memory only."""

    version: str
    folder: Path | None = None
    cuts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    themes: dict[str, str] = field(default_factory=dict)
    pairs: dict[str, list[tuple[int, int, float]]] = field(default_factory=dict)
    _saved: tuple[int, int, frozenset[str]] = (0, 0, frozenset())

    def _state(self) -> tuple[int, int, frozenset[str]]:
        """Enough to tell whether the memo changed since it was read or saved (entries are never edited)."""
        return len(self.cuts), len(self.themes), frozenset(self.pairs)

    @property
    def path(self) -> Path | None:
        return self.folder / f"{self.version}.json" if self.folder is not None else None

    @classmethod
    def open(cls, folder: Path | None, version: str) -> CompareMemo:
        """The memo of ``version`` in ``folder``, empty when there is none (or it cannot be read)."""
        memo = cls(version, folder)
        path = memo.path
        if path is None or not path.exists():
            return memo
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("version") != version:
                raise ValueError(f"holds version {data.get('version')!r}")
            memo.cuts = {text: tuple(tokens) for text, tokens in data["cuts"].items()}
            memo.themes = dict(data["themes"])
            memo.pairs = {key: [(int(i), int(j), float(score)) for i, j, score in found] for key, found in data["pairs"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            logger.warning("%s: comparison memo unusable, starting an empty one (%s)", path, error)
            memo.cuts, memo.themes, memo.pairs = {}, {}, {}
        memo._saved = memo._state()
        return memo

    def save(self) -> None:
        """Write the memo if it changed, and delete the memos of other versions."""
        path = self.path
        if path is None or self._state() == self._saved:
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = {"version": self.version, "cuts": self.cuts, "themes": self.themes, "pairs": self.pairs}
            handle, temporary = tempfile.mkstemp(prefix=f".{path.name}-", dir=path.parent)
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    # dumps, not dump: json.dump to a stream encodes in pure Python, 3-4 times slower
                    stream.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
            for other in path.parent.glob("*.json"):
                if other != path and _MEMO_NAME.fullmatch(other.name):
                    other.unlink(missing_ok=True)
        except OSError as error:  # a read-only or full disk costs the next run time, nothing else
            logger.warning("%s: comparison memo not saved (%s)", path, error)
            return
        self._saved = self._state()
