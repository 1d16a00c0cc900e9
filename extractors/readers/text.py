"""Plain-text notices: one paragraph per non-empty line, in any common Chinese encoding.

Tab-separated runs of lines (a Word or web table pasted as text) become tables, and so do
fixed-width tables lined up with spaces (see ``text_columns``) and tables drawn with box
characters (``text_boxes``).
"""

from __future__ import annotations

import re
from pathlib import Path

from extractors.document import Block, Cell, Document, InputFormat, Paragraph, Table
from extractors.readers.encoding import decode_bytes
from extractors.readers.errors import ReaderError
from extractors.readers.text_columns import SERIAL as _SERIAL
from extractors.readers.text_boxes import box_table_run, is_border
from extractors.readers.text_columns import may_open_table, spaced_table_run

_BLANK = " \t\u3000\xa0\ufeff"
_MAX_GROUP_ROW = 40
# A cell that ends a sentence (or a bracket or quote that closes one)
_SENTENCE_END = re.compile(r"[。；;！!？?）)”]$")
# A tab between two pieces of text, or after text at the end of a row whose last cells are empty.
_TABBED = re.compile(r"[^\s]\t+(?:[^\s]|$)")
_MIN_TABLE_ROWS = 2
# A copied row is broken over at most this many lines; a longer search is prose, not a row.
# (A wrapped cell's tail is never just a serial number, ``_SERIAL``: 3, 12., 七, （二）, so a
# line opening with one starts a row of its own.)
_MAX_ROW_LINES = 6
# A line opening a numbered item (二、产业发展, （三）, 4．) heads something of its own; it never
# continues a cell (11月底前完成 and 1.5亿元 open with digits but no item mark).
_ITEM_OPENING = re.compile(r"[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]|(?:\d{1,3}|[一二三四五六七八九十]{1,3})[、.．](?!\d)")


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
    """Paragraphs, with each run of two or more tab-separated lines, and each fixed-width
    table lined up with spaces, turned into a table.

    >>> table, after = lines_to_blocks(["序号\\t任务\\t时限", "1\\t开展排查，", "建立台账。\\t6月底前", "完"])
    >>> table.text_rows(), after.text
    ([['序号', '任务', '时限'], ['1', '开展排查，\\n建立台账。', '6月底前']], '完')
    """
    blocks: list[Block] = []
    lines = join_quoted_cells(lines)
    i = 0
    while i < len(lines):
        if is_border(lines[i]) and (boxed := box_table_run(lines, i)):
            rows, i = boxed
            blocks.append(rows_to_table(rows))
        elif _is_tabbed(lines[i]):
            rows, i = _table_run(lines, i)
            blocks.extend(_flush(rows))
        elif may_open_table(lines[i]) and (spaced := spaced_table_run(lines, i)):
            rows, i = spaced
            blocks.append(rows_to_table(rows))
        else:
            blocks.append(Paragraph(lines[i]))
            i += 1
    return blocks


def _is_tabbed(line: str) -> bool:
    return "\t" in line and _TABBED.search(line.strip(" \u3000")) is not None


def _cells(line: str) -> list[str]:
    return [_unquoted(cell.strip(_BLANK)) for cell in line.strip(" \u3000").split("\t")]


def join_quoted_cells(lines: list[str]) -> list[str]:
    """The lines with every quoted cell that holds line breaks joined back into its row.

    A spreadsheet copied as text writes a cell holding a line break or a double quote in
    quotes, inner quotes doubled ("第一行⏎第二行", "深化""双减""工作"), as CSV does. The lines of
    one such row become one line, its breaks kept as "\\n"; a quote left open for more than
    ``_MAX_QUOTED_LINES`` lines is no quoted cell, and the lines stay as they are.

    >>> join_quoted_cells(['1\\t"开展排查,', '建立台账。"\\t6月底前', "完"])
    ['1\\t"开展排查,\\n建立台账。"\\t6月底前', '完']
    """
    joined: list[str] = []
    i = 0
    while i < len(lines):
        end = _quoted_row_end(lines, i) if "\t" in lines[i] else None
        joined.append("\n".join(lines[i:end]) if end else lines[i])
        i = end or i + 1
    return joined


_MAX_QUOTED_LINES = 20


def _quoted_row_end(lines: list[str], start: int) -> int | None:
    """The index after the line that closes a quote left open by ``lines[start]``, if one does."""
    inside = _quote_open_after(lines[start], inside=False)
    end = start + 1
    while inside and end < len(lines) and end - start <= _MAX_QUOTED_LINES:
        inside = _quote_open_after(lines[end], inside=True)
        end += 1
    return end if end > start + 1 and not inside else None


def _quote_open_after(line: str, *, inside: bool) -> bool:
    """Whether a quoted cell is open at the end of ``line`` (``inside``: one was open at its
    start). A cell's quote opens at the start of the line or right after a tab; "" inside is a quote."""
    i = 0
    while i < len(line):
        if inside and line[i] == '"':
            if line.startswith('""', i):
                i += 2
                continue
            inside = False
        elif not inside and line[i] == '"' and (i == 0 or line[i - 1] == "\t"):
            inside = True
        i += 1
    return inside


def _unquoted(cell: str) -> str:
    """A cell's text without the quotes a spreadsheet put around it: only a cell holding a line
    break or "" was quoted, so "示范区" in quotes of its own stays as written."""
    if len(cell) >= 2 and cell[0] == cell[-1] == '"' and ("\n" in cell or '""' in cell):
        return cell[1:-1].replace('""', '"')
    return cell


def _table_run(lines: list[str], start: int) -> tuple[list[list[str]], int]:
    """The rows of the tab-separated run opening at ``lines[start]`` (its header), and the
    index of the first line after the run.

    A cell holding a line break splits its row over several lines, so the row is rebuilt from
    the lines whose cells add up to the header's width.
    """
    header = _cells(lines[start])
    width = len(header)
    rows = [header]
    tails: list[tuple[int, str]] = []  # (row, a tab-less line after it that continues one of its cells)
    i = start + 1
    while i < len(lines):
        if not _is_tabbed(lines[i]):
            if not _is_group_row(lines, i):
                break
            rows.append([lines[i].strip(_BLANK), *[""] * (width - 1)])
            i += 1
            continue
        row = _cells(lines[i])
        end = _wrapped_row_end(lines, i, len(row), width)
        for piece in lines[i + 1 : end]:
            row = join_wrapped_row(row, _cells(piece))
        tail_end = _last_cell_tail_end(lines, end, row, width)
        rows.append(row)
        tails += [(len(rows) - 1, piece.strip(_BLANK)) for piece in lines[end:tail_end]]
        i = tail_end
    _place_tails(rows, tails, width)
    return rows, i


def _is_group_row(lines: list[str], index: int) -> bool:
    """A tab-less heading inside the table (二、加强侨批档案保护) above a row that opens with its
    serial number: a group row across the table, which a pasted table loses its tabs in."""
    text = lines[index].strip(_BLANK)
    if not text or len(text) > _MAX_GROUP_ROW or "。" in text[:-1] or not _ITEM_OPENING.match(text):
        return False
    following = index + 1
    return following < len(lines) and _is_tabbed(lines[following]) and bool(_SERIAL.fullmatch(_cells(lines[following])[0]))


def _place_tails(rows: list[list[str]], tails: list[tuple[int, str]], width: int) -> None:
    """Put each tab-less tail where it was cut off: in the table's prose column (the one whose
    cells end sentences) when that row's cell there breaks off mid-sentence, as a pasted
    requirement wrapped by its cell does; else at the end of the row's last cell, as a
    deadline does (2023年6月底前启动，⏎11月底前完成)."""
    if not tails:
        return
    full = [row for row in rows[1:] if len(row) == width]
    ends = [sum(1 for row in full if _SENTENCE_END.search(row[column])) for column in range(width)]
    prose = max(range(width), key=ends.__getitem__)
    for index, tail in tails:
        row = rows[index]
        if ends[prose] and prose < len(row) - 1 and row[prose] and not _SENTENCE_END.search(row[prose]):
            row[prose] = f"{row[prose]}\n{tail}"
        else:
            rows[index] = join_wrapped_row(row, [tail])


def _wrapped_row_end(lines: list[str], start: int, n_cells: int, width: int) -> int:
    """The index after the last line of the row opening at ``lines[start]``.

    A line short of the header's width is a cut row when the lines after it, each continuing
    the cell the line before broke off, make up exactly that width. A line that opens with a
    serial number (序号) always starts a new row, and a line of prose never completes one.
    """
    count = n_cells
    end = start + 1
    while count < width and end < len(lines) and end - start < _MAX_ROW_LINES:
        cells = _cells(lines[end])
        if _SERIAL.fullmatch(cells[0]):
            break
        count += len(cells) - 1
        end += 1
        if count == width:
            return end
    return start + 1


def _last_cell_tail_end(lines: list[str], start: int, row: list[str], width: int) -> int:
    """The index after the tab-less lines from ``lines[start]`` that continue a full numbered
    row's last cell (2023年6月底前启动，⏎11月底前完成), or ``start`` when there are none.

    Such a tail has no tab to show it belongs to the table, so it is taken only between two
    rows of the table: the next tabbed line must open with a serial number, or be a row of the
    table's width whose serial is merged from above (an empty first cell). Prose or a signature
    after the table's last row, a new table's header and an item heading (二、…) all stay out.
    """
    if len(row) < width or not row[-1] or not _SERIAL.fullmatch(row[0]):
        return start
    end = start
    while end < len(lines) and not _is_tabbed(lines[end]):
        if end - start >= _MAX_ROW_LINES - 1 or _ITEM_OPENING.match(lines[end].strip(_BLANK)):
            return start
        end += 1
    if end == start or end == len(lines):
        return start
    following = _cells(lines[end])
    merged_serial = len(following) == width and not following[0] and not _ITEM_OPENING.match(following[1] if width > 1 else "")
    return end if _SERIAL.fullmatch(following[0]) or merged_serial else start


def join_wrapped_row(row: list[str], continuation: list[str]) -> list[str]:
    """A row cut by a line break inside a cell, joined with the line that continues it: the
    continuation's first cell is the rest of the row's last cell.

    >>> join_wrapped_row(["2", "开展隐患排查整治，重点对林区坟头、"], ["林农交错区开展排查。", "县林业局"])
    ['2', '开展隐患排查整治，重点对林区坟头、\\n林农交错区开展排查。', '县林业局']
    """
    head, rest = row[-1], continuation[0]
    joined = f"{head}\n{rest}" if head and rest else head or rest
    return [*row[:-1], joined, *continuation[1:]]


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
