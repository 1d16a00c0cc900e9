"""Paragraph boundaries as the notice meant them, whatever the source did to its lines.

Sources break text in two wrong ways: hard line breaks every N characters in the middle of words
(and Word's manual breaks inside a title), or the whole body on one line. Both are undone here so
the section parser sees one paragraph per work point.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from extractors.document import Paragraph
from extractors.numbering import parse_item_number

_SENTENCE_END = re.compile(r"[。:;!?”」』)]$")
# Where a run-on body hides an item: 一、 after a sentence end, (一) anywhere, 1. between
# Chinese text (not 1.5亿), (1) after a sentence end.
_INLINE_ITEM = re.compile(
    r"(?<=[。;:!?])(?=[一二三四五六七八九十]+、)"
    r"|(?<=.)(?=\([一二三四五六七八九十]+\))"
    r"|(?<=[。;:!?\u4e00-\u9fff])(?=\d{1,2}[.、][\u4e00-\u9fff])"
    r"|(?<=[。;:!?])(?=\(\d{1,2}\))"
)
_INLINE_TOP_ITEM = re.compile(r"(?:^|(?<=[。;:!?]))[一二三四五六七八九十]+、")
_MIN_WRAPPED_LINES = 8


def unwrap_paragraph(paragraph: Paragraph) -> list[Paragraph]:
    """Join a paragraph's manual line breaks, except before a line that opens a new item.

    >>> [p.text for p in unwrap_paragraph(Paragraph("临沂市人民政府办公室\\n关于印发工作要点的通知"))]
    ['临沂市人民政府办公室关于印发工作要点的通知']
    """
    if "\n" not in paragraph.text:
        return [paragraph]
    pieces: list[str] = []
    for line in paragraph.text.split("\n"):
        if pieces and not parse_item_number(line):
            pieces[-1] += line
        else:
            pieces.append(line)
    return [replace(paragraph, text=piece) for piece in pieces if piece]


def split_run_on(paragraph: Paragraph) -> list[Paragraph]:
    """Split a paragraph holding several top-level work points (一、…。二、…) at each item.

    >>> [p.text for p in split_run_on(Paragraph("要点如下:一、公开。(一)决策公开。二、解读。"))]
    ['要点如下:', '一、公开。', '(一)决策公开。', '二、解读。']
    """
    if len(_INLINE_TOP_ITEM.findall(paragraph.text)) < 2:
        return [paragraph]
    return [replace(paragraph, text=piece) for piece in _INLINE_ITEM.split(paragraph.text) if piece]


def _wrap_width(paragraphs: Sequence[Paragraph]) -> int | None:
    """The line width of hard-wrapped text: most long lines share one length."""
    lengths = Counter(len(p.text) for p in paragraphs if len(p.text) >= 15)
    if not lengths:
        return None
    width, count = lengths.most_common(1)[0]
    wrapped = count + lengths.get(width - 1, 0) + lengths.get(width + 1, 0)
    if count >= _MIN_WRAPPED_LINES and wrapped >= 0.4 * sum(lengths.values()):
        return width
    return None


def reflow_hard_wraps(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """Join lines cut at a fixed width back into their paragraphs."""
    width = _wrap_width(paragraphs)
    if width is None:
        return list(paragraphs)
    joined: list[Paragraph] = []
    last_line = ""  # the physical line that ended the paragraph being built
    for paragraph in paragraphs:
        if (
            joined
            and len(last_line) >= width - 1
            and not _SENTENCE_END.search(last_line)
            and not parse_item_number(paragraph.text)
        ):
            joined[-1] = replace(joined[-1], text=joined[-1].text + paragraph.text)
        else:
            joined.append(paragraph)
        last_line = paragraph.text
    return joined


def restore_paragraphs(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """Manual breaks joined, run-on bodies split, hard wraps undone."""
    unwrapped = [piece for paragraph in paragraphs for piece in unwrap_paragraph(paragraph)]
    split = [piece for paragraph in unwrapped for piece in split_run_on(paragraph)]
    return reflow_hard_wraps(split)
