"""Normalizing a whole document before extraction, whatever reader produced it."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from extractors.document import Document, Paragraph
from normalizers.noise import repair_lost_characters
from normalizers.script import DEFAULT_CONFIG, has_traditional, to_simplified
from normalizers.text import normalize_multiline

# Joins texts for one OpenCC call; OpenCC treats it as a separator and keeps it.
_TEXT_SEPARATOR = "\u2029"


def _simplified(document: Document, opencc_config: str) -> Document:
    """The document converted to simplified script in one OpenCC call (a call per line costs
    several times more). Lost-character marks are repaired first, as ``normalize_line`` does."""
    joined = _TEXT_SEPARATOR.join(repair_lost_characters(text) for text in document.texts())
    converted = iter(to_simplified(joined, opencc_config).split(_TEXT_SEPARATOR))
    return document.map_text(lambda _: next(converted))


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
    if has_traditional("\n".join(document.texts())):
        document = _simplified(document, opencc_config)
    normalized = document.map_text(partial(normalize_multiline, simplify=False))
    blocks = tuple(
        block for block in normalized.blocks if not isinstance(block, Paragraph) or block.text
    )
    return replace(normalized, blocks=blocks)
