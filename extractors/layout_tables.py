"""Tables that only indent numbered text: their rows read as the paragraphs they stand for.

A Word notice sometimes sets its work points in a borderless table of two columns, the number
in the left cell (一、 / (一) / 1.) and the text in the right one, to hang the text from its
number. Such a table holds no data: it is read row by row as "number + text" paragraphs, and a
row with an empty number cell goes on with the paragraph above it (an item wrapped onto the next
row) unless that paragraph ended its sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.document import Block, Document, Paragraph, Table

# A cell holding nothing but a list number
_LIST_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.]|\([一二三四五六七八九十]{1,3}\)|\d{1,3}[.、]?|\(\d{1,3}\)|[\u2460-\u2473])$")
# Short labels of a data table's header row (序号 | 工作任务 | 牵头单位 …)
_HEADER_WORD = re.compile(r"序号|牵头|责任|完成|时限|任务|单位|措施|内容|要求|时间")
_MIN_ROWS = 3
_PROSE = 30  # characters: a cell this long holds prose, not a label
_SENTENCE_END = re.compile(r"[。;:!?]$")


def is_layout_table(table: Table) -> bool:
    """Whether a table only hangs numbered text from its numbers (see the module's docstring)."""
    rows = table.text_rows()
    if table.n_cols < 2 or len(rows) < _MIN_ROWS:
        return False
    if sum(bool(_HEADER_WORD.search(cell)) and len(cell) <= 6 for cell in rows[0]) >= 2:
        return False  # a header of column labels: a table of data
    numbers = [row[0].strip() for row in rows if row[0].strip()]
    texts = [" ".join(cell for cell in row[1:] if cell) for row in rows]
    return (
        2 * len(numbers) >= len(rows)
        and all(_LIST_NUMBER.match(number) for number in numbers)
        and any(len(text) > _PROSE for text in texts)
    )


def _paragraphs(table: Table) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    for row in table.text_rows():
        number, text = row[0].strip(), "".join(cell for cell in row[1:] if cell)
        if not (number or text):
            continue
        if not number and paragraphs and not _SENTENCE_END.search(paragraphs[-1].text):
            paragraphs[-1] = replace(paragraphs[-1], text=paragraphs[-1].text + text)  # the item wrapped
        else:
            paragraphs.append(Paragraph(number + text))
    return paragraphs


def unroll_layout_tables(document: Document) -> Document:
    """The document with each layout table replaced by the paragraphs it stands for."""
    if not any(isinstance(block, Table) and is_layout_table(block) for block in document.blocks):
        return document
    blocks: list[Block] = []
    for block in document.blocks:
        blocks.extend(_paragraphs(block) if isinstance(block, Table) and is_layout_table(block) else [block])
    return replace(document, blocks=tuple(blocks))
