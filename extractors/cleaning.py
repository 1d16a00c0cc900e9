"""Normalizing a whole document before extraction, whatever reader produced it."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from extractors.document import Document, Paragraph
from normalizers.script import DEFAULT_CONFIG, has_traditional
from normalizers.text import normalize_multiline


def _document_text(document: Document) -> str:
    parts = [block.text for block in document.paragraphs()]
    parts += [cell.text for table in document.tables() for cell in table.cells]
    parts += list(document.meta.values())
    return "\n".join(parts)


def normalize_document(document: Document, opencc_config: str = DEFAULT_CONFIG) -> Document:
    """Every paragraph, cell and meta value normalized; paragraphs left empty are dropped.

    Script conversion is decided once for the whole document: OpenCC is slow, and a Taiwan
    text needs its phrase table applied to every line, including lines whose characters
    happen to be shared by both scripts.

    >>> from extractors.document import InputFormat
    >>> doc = Document((Paragraph("（一）完善政務公開"), Paragraph("\u3000")), InputFormat.TXT)
    >>> [p.text for p in normalize_document(doc).paragraphs()]
    ['(一)完善政务公开']
    """
    simplify = has_traditional(_document_text(document))
    normalized = document.map_text(
        partial(normalize_multiline, simplify=simplify, opencc_config=opencc_config)
    )
    blocks = tuple(
        block for block in normalized.blocks if not isinstance(block, Paragraph) or block.text
    )
    return replace(normalized, blocks=blocks)
