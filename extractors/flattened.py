"""Rebuilding task tables that a web page or text export flattened to one cell per line.

Such text keeps the header (要点任务 / 工作要求 / 责任单位 / 完成时限, one word a line) and then
the cells in row order. Merged cells appear only on the first row of their group, a cell may be
broken over several lines (2023年 / 6月底前), and group rows (一、…) stand alone. Each line is
placed by what it can be: a number, a numbered heading, a unit list, a deadline, or prose.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.columns import ColumnLayout, ColumnRole, header_role, is_unit_role, layout_from_header
from extractors.deadlines import deadline_from_cell
from extractors.document import Cell, Paragraph, Table
from extractors.layout import ATTACHMENT_HEADING, is_chrome
from extractors.model import DeadlineKind
from extractors.numbering import Marker, parse_item_number
from extractors.units import is_unit_list
from normalizers.whitespace import remove_whitespace

_SEQ = re.compile(r"^\d{1,3}\.?$")
_MAX_DEADLINE_LENGTH = 30
_HEADINGS = {Marker.PART, Marker.CHINESE, Marker.PAREN_CHINESE, Marker.ARABIC, Marker.PAREN_ARABIC}


_MAX_WORDY_DEADLINE = 12


@lru_cache(maxsize=8192)
def _is_deadline(line: str) -> bool:
    """A deadline cell: a date or span (2023年6月底前, 6月底前启动,12月底前完成), or a short
    phrase such as 全年 / 长期坚持 / 每季度; never a sentence."""
    if len(line) > _MAX_DEADLINE_LENGTH or "。" in line or _is_numbered(line) or is_unit_list(line):
        return False
    kind = deadline_from_cell(line, 2000).kind
    if kind in {DeadlineKind.DATE, DeadlineKind.RELATIVE}:
        return True
    return kind is not DeadlineKind.NONE and len(line) <= _MAX_WORDY_DEADLINE


@lru_cache(maxsize=8192)
def _is_numbered(line: str) -> bool:
    item = parse_item_number(line)
    return item is not None and item.marker in _HEADINGS


@dataclass(slots=True)
class _Row:
    cells: dict[int, list[str]] = field(default_factory=dict)
    inherited: set[int] = field(default_factory=set)
    last: int = -1

    def put(self, column: int, line: str) -> None:
        self.cells.setdefault(column, []).append(line)
        self.last = column


class _Rebuilder:
    """Places the lines after a header into rows and columns."""

    def __init__(self, layout: ColumnLayout) -> None:
        self.layout = layout
        self.roles = layout.roles
        self.first_text = next(i for i, role in enumerate(self.roles) if role in {ColumnRole.GROUP, ColumnRole.REQUIREMENT, ColumnRole.TASK})
        self.rows: list[_Row | str] = []  # a str is a group row
        self.row: _Row | None = None

    def fits(self, column: int, line: str) -> bool:
        role = self.roles[column]
        if role is ColumnRole.SEQ:
            return bool(_SEQ.match(line))
        if role is ColumnRole.GROUP:
            return _is_numbered(line)
        if role is ColumnRole.REQUIREMENT:
            if _SEQ.match(line) or _is_deadline(line) or is_unit_list(line):
                return False
            return column == self.first_text or not _is_numbered(line)
        if is_unit_role(role):
            return is_unit_list(line)
        if role is ColumnRole.DEADLINE:
            return _is_deadline(line)
        return not _SEQ.match(line)

    def _continues(self, column: int, line: str) -> bool:
        """Whether ``line`` is more of the cell in ``column`` (a cell broken over lines)."""
        role = self.roles[column]
        if role is ColumnRole.REQUIREMENT:
            return not _SEQ.match(line) and not _is_numbered(line) and not is_unit_list(line) and not _is_deadline(line)
        if role in {ColumnRole.DEADLINE} or is_unit_role(role):
            return self.fits(column, line)
        return False

    def _row_start_column(self, line: str) -> int | None:
        for column, role in enumerate(self.roles):
            if self.fits(column, line):
                return column
            if role not in {ColumnRole.SEQ, ColumnRole.GROUP}:
                return None
        return None

    def feed(self, line: str, following: str | None) -> None:
        row = self.row
        if row is not None and row.last >= 0:
            next_column = self._next_fitting(row.last, line)
            if next_column is not None and not (self._continues(row.last, line) and next_column > row.last + 1):
                row.put(next_column, line)
                return
            if self._continues(row.last, line) and not self._opens_row(row, line):
                row.cells[row.last].append(line)
                return
        self._start_row(line, following)

    def _next_fitting(self, last: int, line: str) -> int | None:
        return next((c for c in range(last + 1, len(self.roles)) if self.fits(c, line)), None)

    def _opens_row(self, row: _Row, line: str) -> bool:
        """Whether ``line`` begins the next row rather than continuing the current cell: it
        carries the row's number or group heading, or the current row is already complete."""
        if self.roles[0] in {ColumnRole.SEQ, ColumnRole.GROUP} and self.fits(0, line):
            return True
        if self.first_text == 0 and _is_numbered(line):
            return True
        complete = row.last == len(self.roles) - 1
        return complete and self._row_start_column(line) not in {None, len(self.roles) - 1}

    def _start_row(self, line: str, following: str | None) -> None:
        column = self._row_start_column(line)
        if column is None:
            if _SEQ.match(line) and ColumnRole.SEQ not in self.roles:
                return  # a number column the header does not name
            column = self.layout.requirement
        if _is_numbered(line) and following is not None and self._is_group_line(column, following):
            self.rows.append(line)
            self.row = None
            return
        row = _Row()
        row.inherited = {c for c in range(column) if self.roles[c] is ColumnRole.GROUP}
        row.put(column, line)
        self.rows.append(row)
        self.row = row

    def _is_group_line(self, column: int, following: str) -> bool:
        """A numbered line is a group row when the line after it cannot be the next cell."""
        if column + 1 >= len(self.roles):
            return False
        return not any(self.fits(c, following) for c in range(column + 1, len(self.roles)))


def _header_at(lines: Sequence[str], start: int) -> tuple[ColumnLayout, int] | None:
    if len(lines[start]) > _MAX_HEADER_LINE:
        return None  # prose: neither the line nor the line joined to the next can be a header
    if _header_role(lines[start]) is None and (start + 1 >= len(lines) or _header_role(lines[start] + lines[start + 1]) is None):
        return None  # the common case, answered without building anything
    return _header_run(lines, start)


_MAX_HEADER_LINE = 30


@lru_cache(maxsize=8192)
def _header_role(text: str) -> ColumnRole | None:
    return header_role(text) if len(text) <= _MAX_HEADER_LINE else None


def _header_run(lines: Sequence[str], start: int) -> tuple[ColumnLayout, int] | None:
    """The task-table header that begins at ``lines[start]``, and where it ends.

    Header words broken over lines (完成 / 时限) are joined back.
    """
    headers: list[str] = []
    index = start
    while index < len(lines) and len(headers) < 12:
        word = remove_whitespace(lines[index])
        if header_role(word) is not None:
            headers.append(word)
            index += 1
        elif index + 1 < len(lines) and header_role(word + remove_whitespace(lines[index + 1])) is not None:
            headers.append(word + remove_whitespace(lines[index + 1]))
            index += 2
        else:
            break
    if len(headers) < 2:
        return None
    layout = layout_from_header(headers)
    return (layout, index) if layout else None


def _is_table_end(line: str) -> bool:
    return bool(ATTACHMENT_HEADING.match(line)) or is_chrome(line)


def rebuild_flattened_tables(paragraphs: Sequence[Paragraph]) -> list[Table]:
    """Every task table found flattened among ``paragraphs``, rebuilt with its spans."""
    lines = [p.text for p in paragraphs]
    tables: list[Table] = []
    index = 0
    while index < len(lines):
        found = _header_at(lines, index)
        if found is None:
            index += 1
            continue
        layout, index = found
        rebuilder = _Rebuilder(layout)
        while index < len(lines) and not _is_table_end(lines[index]):
            repeated = _header_at(lines, index)
            if repeated is not None:
                if repeated[0].roles != layout.roles:
                    break  # another table starts
                index = repeated[1]  # the header repeated on a new page
                continue
            following = lines[index + 1] if index + 1 < len(lines) else None
            rebuilder.feed(lines[index], following)
            index += 1
        if rebuilder.rows:
            tables.append(_to_table(layout, rebuilder.rows))
    return tables


def _to_table(layout: ColumnLayout, rows: list[_Row | str]) -> Table:
    """The placed rows as a table: group rows span every column, inherited group cells span down."""
    n_cols = len(layout.roles)
    cells: list[Cell] = [Cell(0, c, _HEADER_TEXT[layout.roles[c]]) for c in range(n_cols)]
    open_group: dict[int, int] = {}  # column -> position in ``cells`` of the cell spanning down
    for row_index, row in enumerate(rows, start=1):
        if isinstance(row, str):
            cells.append(Cell(row_index, 0, row, col_span=n_cols))
            open_group.clear()
            continue
        for column in range(n_cols):
            if column in row.inherited and column not in row.cells and column in open_group:
                spanning = cells[open_group[column]]
                cells[open_group[column]] = Cell(spanning.row, spanning.col, spanning.text, spanning.row_span + 1)
            elif column in row.cells:
                cells.append(Cell(row_index, column, "\n".join(row.cells[column])))
                if layout.roles[column] is ColumnRole.GROUP:
                    open_group[column] = len(cells) - 1
    return Table(tuple(cells), n_rows=len(rows) + 1, n_cols=n_cols, header_rows=1)


# The rebuilt table gets a canonical header, so that it reads back as the same layout.
_HEADER_TEXT = {
    ColumnRole.SEQ: "序号",
    ColumnRole.GROUP: "要点任务",
    ColumnRole.TASK: "工作任务",
    ColumnRole.REQUIREMENT: "工作要求",
    ColumnRole.LEAD: "牵头单位",
    ColumnRole.RESPONSIBLE: "责任单位",
    ColumnRole.COOPERATE: "配合单位",
    ColumnRole.DEADLINE: "完成时限",
    ColumnRole.OTHER: "备注",
}
