"""Paragraph properties a Word style passes down: alignment and list numbering.

A centred title or a numbered item often says nothing in its own ``w:pPr``: it names a style
(``w:pStyle``), which may be based on another style (``w:basedOn``), and the first style in that
chain that sets ``w:jc`` or ``w:numPr`` decides. Paragraphs naming no style use the default one.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from extractors.readers.docx_numbering import W

_VAL = f"{W}val"
_STYLE_ID = f"{W}styleId"
_MAX_CHAIN = 16  # a basedOn loop in a damaged file must not hang the reader


@dataclass(frozen=True, slots=True)
class StyleNumbering:
    """The ``w:numPr`` a style carries; ``ilvl`` None when the style leaves the level open."""

    num_id: str
    ilvl: int | None
    style_id: str


class ParagraphStyles:
    """Looks up inherited paragraph properties in styles.xml."""

    def __init__(self, styles: etree._Element | None) -> None:
        self._paragraph: dict[str, etree._Element] = {}
        self._numbering: dict[str, etree._Element] = {}
        self.default_id: str | None = None
        self._default_jc: str | None = None
        self._jc_cache: dict[str | None, str | None] = {}
        self._num_cache: dict[str | None, StyleNumbering | None] = {}
        if styles is None:
            return
        for style in styles.iterfind(f"{W}style"):
            kind = style.get(f"{W}type")
            style_id = style.get(_STYLE_ID)
            if style_id is None:
                continue
            if kind == "paragraph":
                self._paragraph[style_id] = style
                if style.get(f"{W}default") in ("1", "true", "on"):
                    self.default_id = style_id
            elif kind == "numbering":
                self._numbering[style_id] = style
        jc = styles.find(f"{W}docDefaults/{W}pPrDefault/{W}pPr/{W}jc")
        self._default_jc = None if jc is None else jc.get(_VAL)

    def jc(self, style_id: str | None) -> str | None:
        """The alignment value (``w:jc``) a paragraph of this style inherits, if any."""
        if style_id not in self._jc_cache:
            found = self._first_in_chain(style_id, f"{W}pPr/{W}jc")
            self._jc_cache[style_id] = self._default_jc if found is None else found[1].get(_VAL)
        return self._jc_cache[style_id]

    def numbering(self, style_id: str | None) -> StyleNumbering | None:
        """The list a paragraph of this style belongs to, if its style chain names one."""
        if style_id not in self._num_cache:
            self._num_cache[style_id] = self._style_numbering(style_id)
        return self._num_cache[style_id]

    def numbering_style_num_id(self, style_id: str) -> str | None:
        """The ``numId`` of a numbering style, for lists linked with ``w:numStyleLink``."""
        style = self._numbering.get(style_id)
        if style is None:
            return None
        num_id = style.find(f"{W}pPr/{W}numPr/{W}numId")
        return None if num_id is None else num_id.get(_VAL)

    def _style_numbering(self, style_id: str | None) -> StyleNumbering | None:
        # numId and ilvl may come from different styles of the chain: each is inherited alone.
        num_id: str | None = None
        ilvl: str | None = None
        owner: str | None = None
        for current_id, style in self._chain(style_id):
            num_pr = style.find(f"{W}pPr/{W}numPr")
            if num_pr is None:
                continue
            if num_id is None:
                found = num_pr.find(f"{W}numId")
                if found is not None:
                    num_id, owner = found.get(_VAL), current_id
            if ilvl is None:
                found = num_pr.find(f"{W}ilvl")
                if found is not None:
                    ilvl = found.get(_VAL)
        if num_id is None or num_id == "0" or owner is None:
            return None
        try:
            level = int(ilvl) if ilvl is not None else None
        except ValueError:
            level = None
        return StyleNumbering(num_id, level, owner)

    def _first_in_chain(self, style_id: str | None, path: str) -> tuple[str, etree._Element] | None:
        for current_id, style in self._chain(style_id):
            found = style.find(path)
            if found is not None:
                return current_id, found
        return None

    def _chain(self, style_id: str | None) -> list[tuple[str, etree._Element]]:
        chain: list[tuple[str, etree._Element]] = []
        current = style_id if style_id is not None else self.default_id
        while current is not None and len(chain) < _MAX_CHAIN:
            style = self._paragraph.get(current)
            if style is None or any(current == seen for seen, _ in chain):
                break
            chain.append((current, style))
            based_on = style.find(f"{W}basedOn")
            current = None if based_on is None else based_on.get(_VAL)
        return chain
