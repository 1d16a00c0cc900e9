"""HTML tables: telling data tables from layout tables, and laying cells out on a grid.

Government sites use ``<table>`` both for real tables (任务分解表) and for page layout (a
one-cell table wrapping the article, a row of navigation links). Only the first kind becomes a
``Table``; the walker in ``html_blocks`` descends into the second kind as ordinary containers.
This module knows nothing about text: the walker hands it each cell's text.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from lxml.etree import _Element

from extractors.document import Cell, Table

# The HTML standard's limits for spans; beyond them browsers clamp too.
_MAX_COL_SPAN = 1000
_MAX_ROW_SPAN = 65534

# A cell holding this share of a table's text is the article wrapped in a layout cell.
_DOMINANT_CELL = 0.8
_FORM_CONTROLS = frozenset({"input", "select", "textarea", "button", "form"})


@dataclass(frozen=True, slots=True)
class RawCell:
    """A ``<td>``/``<th>`` before grid layout: its text and the spans it asks for."""

    text: str
    row_span: int = 1
    col_span: int = 1
    header: bool = False


def table_rows(table: _Element) -> list[tuple[_Element, bool]]:
    """The table's own ``<tr>`` elements in display order, each with whether it sits in
    ``<thead>``; rows of nested tables are not included. ``<tfoot>`` renders last."""
    head: list[tuple[_Element, bool]] = []
    body: list[tuple[_Element, bool]] = []
    foot: list[tuple[_Element, bool]] = []
    for child in table:
        if child.tag == "tr":
            body.append((child, False))
        elif child.tag in ("thead", "tbody", "tfoot"):
            target = head if child.tag == "thead" else foot if child.tag == "tfoot" else body
            target.extend((row, child.tag == "thead") for row in child if row.tag == "tr")
    return head + body + foot


def row_cells(row: _Element) -> Iterator[_Element]:
    return (cell for cell in row if cell.tag in ("td", "th"))


def span(cell: _Element, name: str) -> int:
    """A ``rowspan``/``colspan`` as browsers read it: leading digits, 0 kept for rowspan
    ("to the end of the table"), anything unreadable as 1."""
    raw = (cell.get(name) or "").strip()
    digits = ""
    for char in raw:
        if not char.isdigit():
            break
        digits += char
    if not digits:
        return 1
    value = int(digits[:6])
    if name == "colspan":
        return min(max(value, 1), _MAX_COL_SPAN)
    return min(value, _MAX_ROW_SPAN)


def is_data_table(
    table: _Element, text_len: Mapping[_Element, int], link_len: Mapping[_Element, int]
) -> bool:
    """Whether ``table`` holds data (rows × columns of cells) rather than page layout.

    Layout tables: marked presentational, a single row or column, mostly links, holding form
    controls, one cell carrying most of the text, or wrapping a nested table that carries most
    of it while at most one row has two cells with text ([menu | content] around the article).
    """
    if (table.get("role") or "").lower() in ("presentation", "none"):
        return False
    rows = table_rows(table)
    if len(rows) < 2:
        return False
    total = text_len.get(table, 0)
    if total == 0 or link_len.get(table, 0) * 2 > total:
        return False
    widest = biggest = grid_rows = 0
    for row, _ in rows:
        width = filled = 0
        for cell in row_cells(row):
            width += span(cell, "colspan")
            biggest = max(biggest, _own_text_len(cell, table, text_len))
            filled += text_len.get(cell, 0) > 0
        widest = max(widest, width)
        grid_rows += filled >= 2
    if widest < 2 or (total > 200 and biggest >= _DOMINANT_CELL * total):
        return False
    for element in table.iterdescendants():
        if element.tag in _FORM_CONTROLS:
            return False
        if element.tag == "table" and text_len.get(element, 0) * 2 >= total and grid_rows < 2:
            return False
    return True


def _own_text_len(cell: _Element, table: _Element, text_len: Mapping[_Element, int]) -> int:
    """A cell's text without that of tables nested in it: a cell holding a sub-table is not
    a layout cell wrapping the article."""
    nested = (inner for inner in cell.iter("table") if next(inner.iterancestors("table")) is table)
    return text_len.get(cell, 0) - sum(text_len.get(inner, 0) for inner in nested)


def raw_cells_to_table(
    rows: Sequence[Sequence[RawCell]], header_flags: Sequence[bool]
) -> Table | None:
    """Lay cells out on the HTML table grid and drop what carries no text.

    Each cell takes the first slot of its row not covered by a ``rowspan`` from above, as the
    HTML table algorithm does. Rows and columns in which no cell with text starts are then
    removed and spans shrunk across them: that drops Word's zero-height
    ``supportMisalignedColumns`` row, blank spacer rows and columns, and columns that exist only
    because one cell's ``colspan`` overshoots. ``header_flags[i]`` says row ``i`` is a header row
    (``<thead>`` or all ``<th>``). None when no cell has text.
    """
    cells, n_rows, n_cols = _layout(rows)
    keep_row = [False] * n_rows
    keep_col = [False] * n_cols
    for cell in cells:
        if cell.text:
            keep_row[cell.row] = True
            keep_col[cell.col] = True
    if not any(keep_row):
        return None
    row_before = _kept_before(keep_row)
    col_before = _kept_before(keep_col)
    kept: list[Cell] = []
    for cell in cells:
        row_span = row_before[cell.row + cell.row_span] - row_before[cell.row]
        col_span = col_before[cell.col + cell.col_span] - col_before[cell.col]
        if row_span and col_span:
            kept.append(
                Cell(row_before[cell.row], col_before[cell.col], cell.text, row_span, col_span)
            )
    header_rows = 0
    for index, is_header in enumerate(header_flags):
        if not is_header:
            break
        header_rows += keep_row[index]
    return Table(
        cells=tuple(kept), n_rows=row_before[-1], n_cols=col_before[-1], header_rows=header_rows
    )


def _layout(rows: Sequence[Sequence[RawCell]]) -> tuple[list[Cell], int, int]:
    """Positions per the HTML table model. Row-spanning cells are kept as column intervals
    rather than marked slot by slot, so a hostile ``colspan=1000 rowspan=65534`` costs nothing."""
    n_rows = len(rows)
    cells: list[Cell] = []
    spanning: list[tuple[int, int, int]] = []  # (first col, end col, last row) from rows above
    n_cols = 0
    for row_index, row in enumerate(rows):
        spanning = [item for item in spanning if item[2] >= row_index]
        col = 0
        for raw in row:
            col = _next_free(spanning, col)
            remaining = n_rows - row_index
            row_span = remaining if raw.row_span == 0 else min(raw.row_span, remaining)
            cells.append(Cell(row_index, col, raw.text, row_span, raw.col_span))
            if row_span > 1:
                spanning.append((col, col + raw.col_span, row_index + row_span - 1))
            col += raw.col_span
            n_cols = max(n_cols, col)
    return cells, n_rows, n_cols


def _next_free(spanning: list[tuple[int, int, int]], col: int) -> int:
    moved = True
    while moved:
        moved = False
        for first, end, _ in spanning:
            if first <= col < end:
                col, moved = end, True
    return col


def _kept_before(keep: list[bool]) -> list[int]:
    """``result[i]`` = how many kept lines precede line ``i`` (``result[-1]`` = all kept)."""
    counts = [0]
    for flag in keep:
        counts.append(counts[-1] + flag)
    return counts
