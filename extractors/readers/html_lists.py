"""The numbers a browser draws before the items of an ordered list (``<ol><li>``).

A CMS editor that numbers work points with a list leaves the numbers out of the text: the
browser draws them. They are written into the items, as the reader would see them, so that
the extractors find numbered work points: ``1.`` at the outer level, ``(1)`` in a list nested
in another, counted from ``start``. An item that already opens with a typed number, and a list
styled to show none (``list-style-type: none``), are left as they are.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

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
