"""The one intermediate document model every reader produces.

A notice, whatever format it came in, is an ordered list of blocks: paragraphs and tables.
A table stores each cell once, at its top-left slot with its row/column span, and derives the
full grid on demand. Nothing downstream of the readers knows which format a notice came from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from types import MappingProxyType


class InputFormat(str, Enum):
    """Formats the pipeline reads; the value is what the notice JSON calls it."""

    TXT = "txt"
    HTML = "html"
    DOCX = "docx"
    PDF = "pdf"
    XLSX = "xlsx"
    # Legacy and other formats, each told from its bytes (readers/detect.py).
    DOC = "doc"  # Word 97-2003, and Kingsoft WPS Writer files (.wps) that use its format
    XLS = "xls"  # Excel 97-2003 (BIFF), and Kingsoft ET (.et) workbooks
    RTF = "rtf"
    WORKS = "works"  # Microsoft Works word processor (.wps)
    OFD = "ofd"  # GB/T 33190 fixed-layout documents
    IMAGE = "image"  # PNG, JPEG or TIFF scans, read by OCR


class Align(str, Enum):
    """Paragraph alignment, where the source states it: titles are centred, signatures right."""

    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A run of text the source presents as one paragraph (or one line, for plain text)."""

    text: str
    align: Align | None = None
    page: int | None = None
    # OCR's confidence in the text (0–1, the lowest of its lines); None when the source had text.
    confidence: float | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell, stored once at its top-left slot.

    A cell merged over two rows of one column is ``Cell(row=3, col=0, row_span=2, ...)``.
    """

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    confidence: float | None = None  # as Paragraph.confidence


@dataclass(frozen=True, slots=True)
class Table:
    """A table as a set of spanning cells; ``header_rows`` counts the leading rows the source
    marks as header (``<th>``, ``w:tblHeader``, print titles), 0 when it does not say."""

    cells: tuple[Cell, ...]
    n_rows: int
    n_cols: int
    header_rows: int = 0
    page: int | None = None

    def grid(self) -> list[list[Cell | None]]:
        """Every slot of the table, each holding the cell that covers it (None for holes)."""
        slots: list[list[Cell | None]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    slots[r][c] = cell
        return slots

    def text_rows(self, grid: list[list[Cell | None]] | None = None) -> list[list[str]]:
        """The grid as text, a merged cell's text repeated in every slot it covers (``grid``:
        this table's grid, when the caller already built it)."""
        return [[cell.text if cell else "" for cell in row] for row in (grid or self.grid())]


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Attachment:
    """A link to an attached file (附件) found in the notice, kept with its title."""

    title: str
    url: str


class MetaKey(str, Enum):
    """Metadata a reader may find outside the body text (a CMS info table, document
    properties); extractors prefer these to guesses from the text."""

    TITLE = "title"
    ISSUER = "issuer"
    DOC_NUMBER = "doc_number"
    SIGNED = "signed"
    PUBLISHED = "published"
    INDEX_NUMBER = "index_number"
    TEXT_BOXES = "text_boxes"  # floating text, one box a line: out of the reading order (a 文号 in a box)
    PAGE_HEADER = "page_header"  # the first page's running header, one line a paragraph (a 文号 set there)


@dataclass(frozen=True, slots=True)
class Document:
    """A notice as read from one file: its blocks in reading order, plus what the reader
    learned about it that is not body text."""

    blocks: tuple[Block, ...]
    format: InputFormat
    meta: Mapping[MetaKey, str] = field(default_factory=lambda: MappingProxyType({}))
    attachments: tuple[Attachment, ...] = ()
    warnings: tuple[str, ...] = ()

    def paragraphs(self) -> Iterator[Paragraph]:
        return (block for block in self.blocks if isinstance(block, Paragraph))

    def tables(self) -> Iterator[Table]:
        return (block for block in self.blocks if isinstance(block, Table))

    def texts(self) -> Iterator[str]:
        """Every text of the document in the order ``map_text`` visits them."""
        for block in self.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            else:
                yield from (cell.text for cell in block.cells)
        yield from self.meta.values()
        yield from (attachment.title for attachment in self.attachments)

    def map_text(self, convert: Callable[[str], str]) -> Document:
        """The same document with ``convert`` applied to every paragraph, cell and meta value."""
        blocks: list[Block] = []
        for block in self.blocks:  # constructors, not ``replace``: this runs on every line
            if isinstance(block, Paragraph):
                blocks.append(Paragraph(convert(block.text), block.align, block.page, block.confidence))
            else:
                cells = tuple(
                    Cell(cell.row, cell.col, convert(cell.text), cell.row_span, cell.col_span, cell.confidence)
                    for cell in block.cells
                )
                blocks.append(replace(block, cells=cells))
        meta = MappingProxyType({key: convert(value) for key, value in self.meta.items()})
        attachments = tuple(
            replace(attachment, title=convert(attachment.title)) for attachment in self.attachments
        )
        return replace(self, blocks=tuple(blocks), meta=meta, attachments=attachments)


def document_to_dict(document: Document) -> dict[str, object]:
    """A plain, JSON-ready view of a document, for golden files and debugging."""
    blocks: list[dict[str, object]] = []
    for block in document.blocks:
        if isinstance(block, Paragraph):
            item: dict[str, object] = {"type": "paragraph", "text": block.text}
            if block.align:
                item["align"] = block.align.value
            if block.page is not None:
                item["page"] = block.page
            if block.confidence is not None:
                item["confidence"] = round(block.confidence, 3)
        else:
            item = {
                "type": "table",
                "n_rows": block.n_rows,
                "n_cols": block.n_cols,
                "header_rows": block.header_rows,
                "cells": [
                    [cell.row, cell.col, cell.row_span, cell.col_span, cell.text]
                    for cell in block.cells
                ],
            }
            confidences = [cell.confidence for cell in block.cells if cell.confidence is not None]
            if confidences:
                item["confidence"] = round(min(confidences), 3)
            if block.page is not None:
                item["page"] = block.page
        blocks.append(item)
    return {
        "format": document.format.value,
        "meta": {key.value: value for key, value in sorted(document.meta.items())},
        "attachments": [{"title": a.title, "url": a.url} for a in document.attachments],
        "warnings": list(document.warnings),
        "blocks": blocks,
    }
