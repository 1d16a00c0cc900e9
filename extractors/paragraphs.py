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

from extractors.deadlines import DEADLINE_LABEL
from extractors.document import Paragraph
from extractors.layout import is_date_line, is_org_name
from extractors.numbering import parse_item_number
from extractors.units import is_unit_list

_SENTENCE_END = re.compile(r"[。:;!?”」』)]$")
# Where a run-on body hides an item: 一、 after a sentence end, (一) anywhere, 1. between
# Chinese text (not 1.5亿), (1) after a sentence end.
_INLINE_ITEM = re.compile(
    r"(?<=[。;:!?)])(?=[一二三四五六七八九十]+、)"
    r"|(?<=.)(?=\([一二三四五六七八九十]+\))"
    r"|(?<=[。;:!?)\u4e00-\u9fff])(?=\d{1,2}[.、][\u4e00-\u9fff])"
    r"|(?<=[。;:!?])(?=\(\d{1,2}\))"
)
_INLINE_TOP_ITEM = re.compile(r"(?:^|(?<=[。;:!?)]))[一二三四五六七八九十]+、")
_MIN_WRAPPED_RUNS = 3


def unwrap_paragraph(paragraph: Paragraph) -> list[Paragraph]:
    """Join a paragraph's manual line breaks, except before a line that opens a new item or
    belongs to a signature.

    >>> [p.text for p in unwrap_paragraph(Paragraph("临沂市人民政府办公室\\n关于印发工作要点的通知"))]
    ['临沂市人民政府办公室关于印发工作要点的通知']
    """
    if "\n" not in paragraph.text:
        return [paragraph]
    lines = paragraph.text.split("\n")
    pieces: list[str] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if pieces and not parse_item_number(line) and not _is_signature_line(pieces[-1], line, following):
            pieces[-1] += line
        else:
            pieces.append(line)
    return [replace(paragraph, text=piece) for piece in pieces if piece]


_OPEN_CLAUSE_END = (":", "：", ",", "，", "、", "(", "（", "至", "—", "-")


def _is_signature_line(previous: str, line: str, following: str) -> bool:
    """Whether ``line`` stands apart as part of a signature, which a break inside one ``<p>``
    often holds (九江市人民政府办公厅⏎2020年4月10日): a date line, the line after one, or an
    organisation name with a date line under it. Joined, neither would read as a signature.
    A date after a label or an open clause (完成时限：⏎2023年6月30日) is that line's value."""
    return (
        (is_date_line(line) and not previous.rstrip().endswith(_OPEN_CLAUSE_END))
        or is_date_line(previous)
        or (is_org_name(line) and bool(following) and is_date_line(following))
    )


def split_run_on(paragraph: Paragraph) -> list[Paragraph]:
    """Split a paragraph holding several top-level work points (一、…。二、…) at each item.

    >>> [p.text for p in split_run_on(Paragraph("要点如下:一、公开。(一)决策公开。二、解读。"))]
    ['要点如下:', '一、公开。', '(一)决策公开。', '二、解读。']
    """
    if len(_INLINE_TOP_ITEM.findall(paragraph.text)) < 2:
        return [paragraph]
    return [replace(paragraph, text=piece) for piece in _INLINE_ITEM.split(paragraph.text) if piece]


# 完成时限:… / 时间节点:… / 完成时间:…, a line of its own under an item
_DEADLINE_LABEL_LINE = re.compile(f"^{DEADLINE_LABEL.pattern}")


def _is_table_cell(text: str) -> bool:
    """A line that reads as a cell of a flattened table (a row number, a list of units) or as a
    labelled line (责任单位:…, 完成时限:…), which a line of the wrap width before it does not continue."""
    return bool(re.fullmatch(r"\d{1,3}", text) or _DEADLINE_LABEL_LINE.match(text)) or is_unit_list(text)


def _is_cut_line(paragraph: Paragraph) -> bool:
    """A line that may have been cut mid-paragraph: long, not ending a sentence, not an item."""
    text = paragraph.text
    return len(text) >= 15 and not _SENTENCE_END.search(text) and not parse_item_number(text)


def _wrap_width(paragraphs: Sequence[Paragraph]) -> int | None:
    """The line width of hard-wrapped text: runs of lines cut mid-sentence at one length.

    Real paragraphs end their sentences and headings open with item numbers; a table flattened
    to one cell per line has cells of many lengths. Consecutive lines that do neither and share
    a length are the mark of a fixed wrap width (PDF copies, old mail).
    """
    runs = Counter(
        len(line.text)
        for line, following in zip(paragraphs, paragraphs[1:])
        if _is_cut_line(line) and _is_cut_line(following) and abs(len(line.text) - len(following.text)) <= 1
    )
    if not runs:
        return None
    width, count = runs.most_common(1)[0]
    wrapped = count + runs.get(width - 1, 0) + runs.get(width + 1, 0)
    return width if wrapped >= _MIN_WRAPPED_RUNS else None


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
            and width - 1 <= len(last_line) <= width + 1
            and not _SENTENCE_END.search(last_line)
            and not parse_item_number(paragraph.text)
            and not _is_table_cell(paragraph.text)
        ):
            joined[-1] = replace(joined[-1], text=joined[-1].text + paragraph.text)
        else:
            joined.append(paragraph)
        last_line = paragraph.text
    return joined


# (1)…;(2)…;(3)… written inside one paragraph, each after the clause before it ends
_INLINE_SUB_ITEM = re.compile(r"(?<=[。;:])\((\d{1,2})\)")


def split_inline_sub_items(paragraph: Paragraph) -> list[Paragraph]:
    """Split a paragraph at sub-items written one after another in it ((1)…;(2)…), when at
    least two of them count 1, 2, 3… in order: a lone (2) is a reference, not an item.

    >>> [p.text for p in split_inline_sub_items(Paragraph("(一)提升质量。(1)延时服务;(2)课后托管。"))]
    ['(一)提升质量。', '(1)延时服务;', '(2)课后托管。']
    """
    counted = []
    for match in _INLINE_SUB_ITEM.finditer(paragraph.text):
        if int(match.group(1)) == len(counted) + 1:
            counted.append(match.start())
    if len(counted) < 2:
        return [paragraph]
    cuts = [0, *counted, len(paragraph.text)]
    return [replace(paragraph, text=paragraph.text[a:b]) for a, b in zip(cuts, cuts[1:]) if paragraph.text[a:b]]


def restore_paragraphs(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """Manual breaks joined, run-on bodies and inline sub-items split, hard wraps undone."""
    unwrapped = [piece for paragraph in paragraphs for piece in unwrap_paragraph(paragraph)]
    split = [part for paragraph in unwrapped for piece in split_run_on(paragraph) for part in split_inline_sub_items(piece)]
    return reflow_hard_wraps(split)
