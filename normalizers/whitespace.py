"""Whitespace as Chinese text wants it: none between CJK characters, one space between words."""

from __future__ import annotations

import re

_SPACES = re.compile(r"[\s\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\ufeff]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\u00ad]")
_ANY_SPACE = re.compile(rf"{_SPACES.pattern}|{_INVISIBLE.pattern}")
# A space is kept only between two Latin letters or digits ("APP 2.0", "Windows 10").
_CJK_SIDE_SPACE = re.compile(r"(?<![A-Za-z0-9.%]) | (?![A-Za-z0-9])")


def normalize_whitespace(text: str) -> str:
    """Fold every kind of space; drop the ones next to CJK text, keep one between words.

    >>> normalize_whitespace("\u3000\u3000各县区 政府\xa0(管委会)  APP 2.0 版")
    '各县区政府(管委会)APP 2.0版'
    """
    if not _ANY_SPACE.search(text):
        return text  # most lines of Chinese text: one search instead of three substitutions
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text).strip()
    return _CJK_SIDE_SPACE.sub("", text)


def remove_whitespace(text: str) -> str:
    """All whitespace removed, the form in which texts are compared.

    >>> remove_whitespace(" 主 要 工 作 任 务 ")
    '主要工作任务'
    """
    return _ANY_SPACE.sub("", text)
