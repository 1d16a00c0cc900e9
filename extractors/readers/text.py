"""Plain-text notices: one paragraph per non-empty line, in any common Chinese encoding.

Tab-separated runs of lines (a Word table pasted as text) become tables.
"""

from __future__ import annotations

import re
from pathlib import Path

from extractors.document import Block, Cell, Document, InputFormat, Paragraph, Table
from extractors.readers.encoding import decode_bytes
from extractors.readers.errors import ReaderError

_BLANK = " \t\u3000\xa0\ufeff"
# A tab between two pieces of text, or after text at the end of a row whose last cells are empty.
_TABBED = re.compile(r"[^\s]\t+(?:[^\s]|$)")
_MIN_TABLE_ROWS = 2


def read_text(path: Path) -> Document:
    """Read a text file; blank lines are dropped, every other line becomes a paragraph, and
    runs of tab-separated lines become tables.

    Web-page text keeps its chrome (字体大小, 打印, 分享到 …): telling chrome from body is the
    extractors' job, the same for every format.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReaderError(path, f"cannot read the file ({error.strerror or error})") from error
    text, codec = decode_bytes(data)
    if not text.strip():
        raise ReaderError(path, "the file holds no text")
    lines = [line.rstrip("\r\n ") for line in text.splitlines() if line.strip(_BLANK)]
    warnings: tuple[str, ...] = ()
    if "\ufffd" in text:
        warnings = (f"{text.count(chr(0xFFFD))} bytes could not be decoded as {codec}",)
    return Document(blocks=tuple(lines_to_blocks(lines)), format=InputFormat.TXT, warnings=warnings)


def lines_to_blocks(lines: list[str]) -> list[Block]:
    """Paragraphs, with each run of two or more tab-separated lines turned into a table."""
    blocks: list[Block] = []
    run: list[list[str]] = []
    for line in lines:
        if _TABBED.search(line.strip(" \u3000")):
            run.append([cell.strip(_BLANK) for cell in line.strip(" \u3000").split("\t")])
            continue
        blocks.extend(_flush(run))
        run = []
        blocks.append(Paragraph(line))
    blocks.extend(_flush(run))
    return blocks


def _flush(rows: list[list[str]]) -> list[Block]:
    if not rows:
        return []
    if len(rows) < _MIN_TABLE_ROWS:
        return [Paragraph(" ".join(cell for cell in row if cell)) for row in rows]
    return [rows_to_table(rows)]


def rows_to_table(rows: list[list[str]]) -> Table:
    """A table from rows of cell texts; a row with text in its first cell only is a heading
    merged across the table (一、推进文旅项目建设 followed by empty cells).

    >>> table = rows_to_table([["序号", "工作任务"], ["一、总体", "", ""], ["1", "召开会议"]])
    >>> [(c.row, c.col, c.col_span, c.text) for c in table.cells]
    [(0, 0, 1, '序号'), (0, 1, 1, '工作任务'), (1, 0, 3, '一、总体'), (2, 0, 1, '1'), (2, 1, 1, '召开会议')]
    """
    n_cols = max(len(row) for row in rows)
    cells: list[Cell] = []
    for r, row in enumerate(rows):
        filled = [c for c, text in enumerate(row) if text]
        if filled == [0] and n_cols > 1:
            cells.append(Cell(r, 0, row[0], col_span=n_cols))
            continue
        cells.extend(Cell(r, c, text) for c, text in enumerate(row) if text)
    return Table(tuple(cells), n_rows=len(rows), n_cols=n_cols)
