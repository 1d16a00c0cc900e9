"""jieba segmentation for the comparison, on a private tokenizer with the theme lexicon added.

A private ``jieba.Tokenizer`` keeps the lexicon out of the global one the extractors use, so
``compare`` can never change what ``run`` extracts. HMM guessing of unknown words is off: it
glues verbs to objects (出台重大) and would make keywords and theme matches depend on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from extractors.segmenter import new_tokenizer

if TYPE_CHECKING:
    from jieba import Tokenizer

_CJK = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"[0-9０-９]")


class Segmenter:
    """Cut texts into words, each distinct text once (one corpus repeats many sentences).

    ``cuts`` is where cuts are kept (a ``CompareMemo``'s, to keep them between runs); jieba's
    tables are loaded on the first text not in it, so a run whose texts are all known never loads them.
    """

    def __init__(self, lexicon: Iterable[str] = (), cuts: dict[str, tuple[str, ...]] | None = None) -> None:
        self._lexicon = sorted(set(lexicon))
        self._tokenizer: Tokenizer | None = None
        self._cuts: dict[str, tuple[str, ...]] = {} if cuts is None else cuts
        self._words: dict[str, tuple[str, ...]] = {}

    def _loaded(self) -> Tokenizer:
        if self._tokenizer is None:
            tokenizer = new_tokenizer()
            for word in self._lexicon:
                tokenizer.add_word(word)
            self._tokenizer = tokenizer
        return self._tokenizer

    def cut(self, text: str) -> tuple[str, ...]:
        """Every token of ``text``, punctuation included, so that they join back to ``text``."""
        cached = self._cuts.get(text)
        if cached is None:
            cached = tuple(self._loaded().cut(text, HMM=False)) if text else ()
            self._cuts[text] = cached
        return cached

    def words(self, text: str) -> tuple[str, ...]:
        """The Chinese words of ``text``: ``推进决策公开。`` → ``("推进", "决策公开")``; no digits or punctuation."""
        cached = self._words.get(text)
        if cached is None:
            cached = tuple(w for w in self.cut(text) if _CJK.search(w) and not _DIGIT.search(w))
            self._words[text] = cached
        return cached
