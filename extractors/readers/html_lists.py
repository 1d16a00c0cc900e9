"""The numbers a browser draws before the items of an ordered list (``<ol><li>``).

A CMS editor that numbers work points with a list leaves the numbers out of the text: the
browser draws them. They are written into the items, as the reader would see them, so that
the extractors find numbered work points: ``1.`` at the outer level, ``(1)`` in a list nested
in another, counted from ``start``. An item that already opens with a typed number, and a list
styled to show none (``list-style-type: none``), are left as they are.

A bulleted list (``<ul>``) nested in a numbered item is that item's next level of work points,
its bullets drawn where a typed notice would number them: under (一) they are 1., 2., under
1. they are (1), (2), under 一、 they are (一), (二). A bulleted list anywhere else (a menu, a
list of links) is left alone.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

from normalizers.numerals import int_to_chinese

# A number typed at the start of an item: 1. / (1) / 一、 / (一) / 第一
_TYPED_NUMBER = re.compile(r"^\s*(?:[(（]\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[)）]|(?:\d{1,3}|[一二三四五六七八九十]{1,3})\s*[.、．]|第)")
_NO_MARKER = re.compile(r"list-style(?:-type)?\s*:\s*none")


def number_ordered_lists(root: _Element) -> None:
    """Write the drawn number into each item of every ordered list under ``root``."""
    for ordered in root.iter("ol"):
        if _NO_MARKER.search(ordered.get("style") or "") or ordered.get("type") == "none":
            continue
        nested = any(True for _ in ordered.iterancestors("ol"))
        start = ordered.get("start") or "1"
        number = int(start) if start.isdigit() else 1
        for item in ordered.iterchildren("li"):
            if not _TYPED_NUMBER.match("".join(item.itertext())):
                item.text = (f"({number})" if nested else f"{number}.") + (item.text or "")
            number += 1


# The number a nested list's parent item opens with, and how the level below it is numbered
_NEXT_LEVEL: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^\s*[(（]\s*[一二三四五六七八九十]{1,3}\s*[)）]"), "{arabic}."),
    (re.compile(r"^\s*\d{1,3}\s*[.、．](?!\d)"), "({arabic})"),
    (re.compile(r"^\s*[一二三四五六七八九十]{1,3}\s*[、.．]"), "({chinese})"),
)


def number_nested_bullet_lists(root: _Element) -> None:
    """Write the next level's numbers into the items of every ``<ul>`` nested in a numbered
    ``<li>`` (call after ``number_ordered_lists``, whose numbers the parents may carry)."""
    for bulleted in root.iter("ul"):
        parent = bulleted.getparent()
        if parent is None or parent.tag != "li" or _NO_MARKER.search(bulleted.get("style") or ""):
            continue
        opening = "".join(parent.itertext())
        style = next((style for pattern, style in _NEXT_LEVEL if pattern.match(opening)), None)
        if style is None:
            continue
        for number, item in enumerate(bulleted.iterchildren("li"), start=1):
            if not _TYPED_NUMBER.match("".join(item.itertext())):
                item.text = style.format(arabic=number, chinese=int_to_chinese(number)) + (item.text or "")
