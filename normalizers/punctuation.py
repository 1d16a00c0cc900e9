"""Punctuation in one convention: ASCII for , ( ) : ; ! ? and digits, Chinese for 、。“”《》〔〕."""

from __future__ import annotations

import re

# Full-width ASCII forms (U+FF01–U+FF5E) map to ASCII, as NFKC would; the Chinese marks that
# have no ASCII twin (、。“”《》〔〕【】) are kept. This is the convention of the gold files.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_VARIANTS = {
    ord("﹙"): "(",
    ord("﹚"): ")",
    ord("﹐"): ",",
    ord("﹔"): ";",
    ord("﹕"): ":",
    ord("︰"): ":",
    ord("∶"): ":",
    ord("〜"): "~",
    ord("﹝"): "〔",
    ord("﹞"): "〕",
    ord("［"): "[",
    ord("］"): "]",
    ord("‧"): "·",
    ord("・"): "·",
}
# Parenthesised and full-stop numbers (⑴ ⒈) are item markers; spell them the usual way.
_ENCLOSED = {0x2474 + n: f"({n + 1})" for n in range(20)} | {0x2488 + n: f"{n + 1}." for n in range(20)}
_TABLE: dict[int, int | str] = {**_FULLWIDTH, **_VARIANTS, **_ENCLOSED}
_REPLACEMENTS = {chr(code): value if isinstance(value, str) else chr(value) for code, value in _TABLE.items()}
# ``str.translate`` looks up every character of a CJK line in the table; a character class
# finds the few that change about ten times faster.
_TO_REPLACE = re.compile("[" + re.escape("".join(_REPLACEMENTS)) + "]")


def normalize_punctuation(text: str) -> str:
    """Map full-width and variant punctuation to the one convention the pipeline uses.

    >>> normalize_punctuation("（一）加强领导，市发改局（牵头）；２０２３年⑴")
    '(一)加强领导,市发改局(牵头);2023年(1)'
    """
    return _TO_REPLACE.sub(lambda match: _REPLACEMENTS[match.group()], text)
