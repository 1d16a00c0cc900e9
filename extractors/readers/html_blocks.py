"""Walking an HTML subtree into paragraphs and tables, in reading order.

Whitespace follows what a browser shows a Chinese reader: runs of spaces collapse to one, and a
source line break next to a CJK character vanishes (Word's HTML export wraps lines anywhere:
``工作\\n任务`` reads 工作任务). ``&nbsp;`` and ideographic spaces are text and stay, except at
the edges of a paragraph where they are only indentation.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.etree import _Element

from extractors.document import Align, Block, Paragraph, Table
from extractors.readers.html_page import BLOCK_TAGS, P_LIKE, TextStats, is_chrome_line
from extractors.readers.html_tables import RawCell, raw_cells_to_table, row_cells, span, table_rows
from extractors.readers.text import lines_to_blocks

# Stands for a <br> until a paragraph's text is complete; the input never holds NUL.
BR = "\x00"

_ASCII_SPACE = re.compile(r"[ \t\n\r\f]+")
# East Asian wide characters, plus the curly quotes, dash and ellipsis of Chinese prose.
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60"
    "\uffe0-\uffe6\u2018-\u201f\u2014\u2026\u00b7\U00020000-\U0003fffd]"
)
_EDGE_SPACE = " \t\n\r\f\v\xa0\u3000\u2002\u2003\u2009\u200b\ufeff"
# Text after a <br> that starts a new paragraph: an item number or 附件.
# 一、 / （一） / (1) / 1． / 1、 / 第三条 / 附件
_NUMBERED = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百\d]+[)）]|\d+[、．.]"
    r"|第[一二三四五六七八九十百\d]+[章节条款]|附件)"
)
_SENTENCE_END = frozenset("。！？；：!?;:")
_CLOSING_QUOTES = "”’」』\"'"
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*([a-z]+)", re.IGNORECASE)
_ALIGNS = {"center": Align.CENTER, "middle": Align.CENTER, "right": Align.RIGHT,
           "left": Align.LEFT, "justify": Align.LEFT}  # fmt: skip


def collapse_space(text: str) -> str:
    """Collapse HTML whitespace: ``工作\\n任务`` → ``工作任务``, ``a \\n b`` → ``a b``."""

    def replace(match: re.Match[str]) -> str:
        run = match.group()
        if "\n" in run or "\r" in run:
            source, start, end = match.string, match.start(), match.end()
            if (start and _WIDE.match(source[start - 1])) or (
                end < len(source) and _WIDE.match(source[end])
            ):
                return ""
        return " "

    return _ASCII_SPACE.sub(replace, text)


def strip_edges(text: str) -> str:
    return text.strip(_EDGE_SPACE)


def plain_text(element: _Element) -> str:
    """All text under ``element`` on one line, for short things: labels, titles, link text."""
    return strip_edges(collapse_space("".join(element.itertext())))


def split_at_breaks(raw: str, loose: bool, in_cell: bool) -> list[str]:
    """Cut a paragraph's raw text at its <br>s into paragraphs, or keep a break as ``\\n``.

    In a table cell every <br> is a ``\\n``. Elsewhere a <br> separates paragraphs when the
    source uses it so: two in a row, any in a loose container (text straight inside a
    ``<div>``), before an indent or an item number, or after a sentence end. Otherwise it is a
    line break inside the paragraph: ``<p align=center>关于印发…<br>的通知</p>``.
    """
    paragraphs: list[str] = []
    lines: list[str] = []
    gap = 0
    for segment in raw.split(BR):
        collapsed = collapse_space(segment)
        line = strip_edges(collapsed)
        if not line:
            gap += 1
            continue
        if (
            lines
            and not in_cell
            and (gap or loose or _starts_paragraph(collapsed, line, lines[-1]))
        ):
            paragraphs.append("\n".join(lines))
            lines = []
        lines.append(line)
        gap = 0
    if lines:
        paragraphs.append("\n".join(lines))
    return paragraphs


def _starts_paragraph(collapsed: str, line: str, previous: str) -> bool:
    indented = collapsed.lstrip(" ")[:1] in ("\u3000", "\xa0")
    ends_sentence = previous.rstrip(_CLOSING_QUOTES)[-1:] in _SENTENCE_END
    return indented or ends_sentence or bool(_NUMBERED.match(line))


def own_align(element: _Element) -> Align | None:
    """The alignment an element states: ``align=center``, ``text-align:right``, ``<center>``."""
    if element.tag == "center":
        return Align.CENTER
    style = element.get("style")
    if style:
        match = _TEXT_ALIGN.search(style)
        if match and match.group(1).lower() in _ALIGNS:
            return _ALIGNS[match.group(1).lower()]
    value = (element.get("align") or "").strip().lower()
    return _ALIGNS.get(value)


class BlockWriter:
    """Turns one subtree into blocks, leaving out paragraphs that are page furniture.

    In a cell (``in_cell``) paragraphs become lines of the cell's text; data tables nested in
    the cell come out as separate ``Table`` blocks."""

    def __init__(self, stats: TextStats, in_cell: bool = False) -> None:
        self.stats = stats
        self.in_cell = in_cell
        self.blocks: list[Block] = []
        self._pieces: list[str] = []
        self._contexts: list[tuple[bool, Align | None]] = []  # (loose, align)

    def write(self, root: _Element) -> list[Block]:
        pieces, contexts, flush = self._pieces, self._contexts, self._flush
        contexts[:] = [(root.tag not in P_LIKE, None if self.in_cell else own_align(root))]
        if root.text:
            pieces.append(root.text)
        walker = etree.iterwalk(root, events=("start", "end"))
        for event, element in walker:
            if element is root:
                continue
            tag = element.tag
            if event == "end":
                if tag in BLOCK_TAGS:
                    flush()
                    contexts.pop()
                if element.tail:
                    pieces.append(element.tail)
            elif tag == "br":
                pieces.append(BR)
            elif tag in BLOCK_TAGS:
                flush()
                align = None if self.in_cell else own_align(element) or contexts[-1][1]
                contexts.append((tag not in P_LIKE, align))
                if tag == "table" and self.stats.is_data_table(element):
                    self._table(element)
                    walker.skip_subtree()
                elif tag == "pre" and not self.in_cell:
                    self._preformatted(element)
                    walker.skip_subtree()
                elif element.text:
                    pieces.append(element.text)
            elif not isinstance(tag, str):
                walker.skip_subtree()  # comments and processing instructions
            elif element.text:
                pieces.append(element.text)
        flush()
        return self.blocks

    def _flush(self) -> None:
        if not self._pieces:
            return
        raw = "".join(self._pieces)
        self._pieces.clear()
        if raw.isspace():
            return
        loose, align = self._contexts[-1]
        texts = split_at_breaks(raw, loose, self.in_cell)
        if self.in_cell:
            self.blocks.extend(Paragraph(text) for text in texts)
        elif not is_chrome_line(" ".join(texts)):  # a footer cell: 主办单位…<br>网站标识码…
            self.blocks.extend(Paragraph(text, align) for text in texts if not is_chrome_line(text))

    def _preformatted(self, pre: _Element) -> None:
        """A ``<pre>`` block as a browser shows it, line for line: a notice pasted as plain
        text, read as a text file is, its space-aligned tables included."""
        parts: list[str] = [pre.text or ""]
        for element in pre.iterdescendants():
            parts.append("\n" if element.tag == "br" else element.text or "" if isinstance(element.tag, str) else "")
            parts.append(element.tail or "")
        lines = [line for line in "".join(parts).splitlines() if line.strip() and not is_chrome_line(line.strip())]
        self.blocks.extend(lines_to_blocks(lines))

    def _table(self, table: _Element) -> None:
        """Emit a data table, then any data tables nested in its cells (a cell's text cannot
        hold a table, and flattening one into a string would lose its grid)."""
        for caption in table.iterchildren("caption"):
            text, _ = self._cell(caption)
            if text:
                self.blocks.append(Paragraph(text, Align.CENTER))
        rows: list[list[RawCell]] = []
        header_flags: list[bool] = []
        nested: list[Table] = []
        for row, in_head in table_rows(table):
            cells: list[RawCell] = []
            for cell in row_cells(row):
                text, inner = self._cell(cell)
                nested.extend(inner)
                cells.append(
                    RawCell(text, span(cell, "rowspan"), span(cell, "colspan"), cell.tag == "th")
                )
            rows.append(cells)
            header_flags.append(in_head or (bool(cells) and all(c.header for c in cells)))
        built = raw_cells_to_table(rows, header_flags)
        if built is not None:
            self.blocks.append(built)
        self.blocks.extend(nested)

    def _cell(self, cell: _Element) -> tuple[str, list[Table]]:
        blocks = BlockWriter(self.stats, in_cell=True).write(cell)
        lines = [block.text for block in blocks if isinstance(block, Paragraph)]
        return "\n".join(lines), [block for block in blocks if isinstance(block, Table)]
