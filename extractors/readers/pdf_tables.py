"""Ruled tables: found from the page's lines, cut into spanning cells, stitched across pages.

pdfplumber's lines strategy finds each table's cell rectangles; the distinct x and y edges of
those rectangles are the table's column and row boundaries, so a rectangle covering two column
gaps is a cell with ``col_span=2``. Word and LibreOffice print a long table page by page, so
one table of the notice becomes a part per page: the header row repeated, a row cut in two at
the page end, a vertically merged group label printed only on its first page. Stitching undoes
all three.

A row cut by the page end is often left open: Chromium and some Word exports draw its side
rules down to the page's bottom margin (and from the next page's top margin) without a rule to
close it, so pdfplumber sees no cell there and the row's text would fall out of the table. The
vertical rules that carry on past the table's last (or before its first) closed row give that
row back, cell by cell, and mark the table as open at that edge for stitching.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from extractors.document import Cell, Table
from extractors.readers.pdf_glyphs import Glyph
from extractors.readers.pdf_text import NUMBERED_ITEM, glyphs_to_lines, lowest_confidence

# Word and LibreOffice draw borders as separate strokes that meet within a point or two.
TABLE_SETTINGS: dict[str, Any] = {
    "vertical_strategy": "lines",
    "horizontal_strategy": "lines",
    "snap_tolerance": 3,
    "join_tolerance": 3,
    "intersection_tolerance": 3,
    "edge_min_length": 3,
}
# Cell edges closer than this (pt) are one boundary.
EDGE_TOLERANCE = 2.0
# At most this many leading rows are taken for a repeated header.
MAX_HEADER_ROWS = 3
# Side rules must run on at least this far (pt) past a table's closed rows to hold an open row;
# shorter overshoots are sloppy joins, not a row.
MIN_OPEN_ROW = 6.0
# Cell text that ends a task statement; a cell of such a column ending otherwise is cut.
STATEMENT_END = "。；;！!？?"


@dataclass(slots=True)
class DraftCell:
    row: int
    col: int
    row_span: int
    col_span: int
    text: str = ""
    bold: bool = False
    confidence: float | None = None  # OCR's, for a scanned page

    @property
    def end_row(self) -> int:
        return self.row + self.row_span


@dataclass(slots=True)
class DraftTable:
    """A table while it is being read and stitched; ``bbox`` is that of its last page part."""

    page: int
    bbox: tuple[float, float, float, float]
    col_xs: list[float]
    row_ys: list[float]
    cells: list[DraftCell]
    n_rows: int
    n_cols: int
    header_rows: int = 0
    open_bottom: bool = False  # its last row runs on past the page end, no rule below it
    open_top: bool = False  # its first row comes from the page before, no rule above it

    @property
    def top(self) -> float:
        return self.bbox[1]


class _Layout:
    """Which cell covers each slot and which cells start on each row, built once per step."""

    def __init__(self, table: DraftTable) -> None:
        self.slots: dict[tuple[int, int], DraftCell] = {}
        self.rows: dict[int, list[DraftCell]] = {}
        for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
            self.rows.setdefault(cell.row, []).append(cell)
            for row in range(cell.row, cell.end_row):
                for col in range(cell.col, cell.col + cell.col_span):
                    self.slots[(row, col)] = cell

    def at(self, row: int, col: int) -> DraftCell | None:
        return self.slots.get((row, col))

    def text(self, row: int, col: int) -> str:
        cell = self.slots.get((row, col))
        return cell.text if cell else ""

    def row(self, row: int) -> list[DraftCell]:
        return self.rows.get(row, [])


# ---------------------------------------------------------------------------------------
# Finding tables on one page.


def find_page_tables(page: Any, page_number: int) -> list[DraftTable]:
    """The ruled tables of a pdfplumber page, top to bottom, without their text yet.

    A single ruled box is a frame around text, not a table, and is left to the paragraphs.
    Shading (rows filled grey with no rule drawn) is no ruling: such a table is borderless.
    """
    finder = page.filter(_not_shading).debug_tablefinder(TABLE_SETTINGS)
    verticals = [
        (float(edge["x0"]), float(edge["top"]), float(edge["bottom"]))
        for edge in finder.edges
        if edge["orientation"] == "v"
    ]
    tables: list[DraftTable] = []
    for found in finder.tables:
        table = rects_to_table([tuple(rect) for rect in found.cells], page_number)
        if table is not None and len(table.cells) > 1:
            add_open_rows(table, verticals)
            tables.append(table)
    tables = [table for table in tables if not any(_inside(table, other) for other in tables)]
    return sorted(tables, key=lambda table: table.top)


_RULE_WIDTH = 2.0  # points: a filled rectangle thinner than this one way is a rule drawn as a box


def _not_shading(drawn: dict[str, Any]) -> bool:
    """Whether a drawn object may rule a table: not a filled, unstroked area wider than a rule
    both ways (a zebra row, a header's fill)."""
    if drawn.get("object_type") != "rect" or not drawn.get("fill") or drawn.get("stroke"):
        return True
    return drawn["x1"] - drawn["x0"] <= _RULE_WIDTH or drawn["bottom"] - drawn["top"] <= _RULE_WIDTH


def _inside(table: DraftTable, other: DraftTable) -> bool:
    if table is other:
        return False
    x0, top, x1, bottom = table.bbox
    ox0, otop, ox1, obottom = other.bbox
    return ox0 <= x0 + 1 and otop <= top + 1 and x1 <= ox1 + 1 and bottom <= obottom + 1


def rects_to_table(rects: list[tuple[float, ...]], page_number: int) -> DraftTable | None:
    """Derive spans from where each rectangle starts and ends among the table's boundaries
    (``rects``: cell rectangles, ``(x0, top, x1, bottom)`` in points)."""
    if not rects:
        return None
    col_xs = _cluster([x for rect in rects for x in (rect[0], rect[2])])
    row_ys = _cluster([y for rect in rects for y in (rect[1], rect[3])])
    cells: list[DraftCell] = []
    taken: set[tuple[int, int]] = set()
    for x0, top, x1, bottom in rects:
        col, end_col = _nearest(col_xs, x0), _nearest(col_xs, x1)
        row, end_row = _nearest(row_ys, top), _nearest(row_ys, bottom)
        if end_col <= col or end_row <= row:
            continue
        slots = {(r, c) for r in range(row, end_row) for c in range(col, end_col)}
        if slots & taken:
            continue
        taken |= slots
        cells.append(DraftCell(row, col, end_row - row, end_col - col))
    if not cells:
        return None
    cells.sort(key=lambda cell: (cell.row, cell.col))
    bbox = (col_xs[0], row_ys[0], col_xs[-1], row_ys[-1])
    return DraftTable(
        page=page_number,
        bbox=bbox,
        col_xs=col_xs,
        row_ys=row_ys,
        cells=cells,
        n_rows=len(row_ys) - 1,
        n_cols=len(col_xs) - 1,
    )


def add_open_rows(table: DraftTable, verticals: Sequence[tuple[float, float, float]]) -> None:
    """Give back a row the page edge left open below or above the closed rows.

    ``verticals`` are the page's vertical rules as ``(x, top, bottom)``. Both outer rules must
    run on past the closed rows; an inner rule that stops with them makes the open cell span
    the columns on either side, as a merged cell would.
    """
    bottom = table.row_ys[-1]
    below = [_reach(verticals, x, bottom, down=True) for x in table.col_xs]
    end = min(below[0], below[-1])
    if end - bottom >= MIN_OPEN_ROW:
        _append_open_row(table, [x for x, reach in zip(table.col_xs, below) if reach >= end - EDGE_TOLERANCE], end)
    top = table.row_ys[0]
    above = [_reach(verticals, x, top, down=False) for x in table.col_xs]
    start = max(above[0], above[-1])
    if top - start >= MIN_OPEN_ROW:
        _prepend_open_row(table, [x for x, reach in zip(table.col_xs, above) if reach <= start + EDGE_TOLERANCE], start)


def _reach(verticals: Sequence[tuple[float, float, float]], x: float, y: float, *, down: bool) -> float:
    """How far down (or up) from ``y`` a vertical rule at ``x`` runs on; ``y`` when none does."""
    reach = y
    for rule_x, top, bottom in verticals:
        if abs(rule_x - x) > EDGE_TOLERANCE + 1 or not top - EDGE_TOLERANCE <= y <= bottom + EDGE_TOLERANCE:
            continue
        reach = max(reach, bottom) if down else min(reach, top)
    return reach


def _open_row_cells(table: DraftTable, bounds: list[float], row: int) -> list[DraftCell]:
    edges = [_nearest(table.col_xs, x) for x in bounds]
    return [DraftCell(row, start, 1, end - start) for start, end in zip(edges, edges[1:])]


def _append_open_row(table: DraftTable, bounds: list[float], end: float) -> None:
    table.cells.extend(_open_row_cells(table, bounds, table.n_rows))
    table.row_ys.append(end)
    table.n_rows += 1
    table.bbox = (table.bbox[0], table.bbox[1], table.bbox[2], end)
    table.open_bottom = True


def _prepend_open_row(table: DraftTable, bounds: list[float], start: float) -> None:
    for cell in table.cells:
        cell.row += 1
    table.cells[:0] = _open_row_cells(table, bounds, 0)
    table.row_ys.insert(0, start)
    table.n_rows += 1
    table.bbox = (table.bbox[0], start, table.bbox[2], table.bbox[3])
    table.open_top = True


def _drop_empty_open_rows(table: DraftTable) -> bool:
    """Rules that run on past the last rule with nothing between them hold no row."""
    dropped = False
    if table.open_bottom and not any(c.text for c in table.cells if c.row == table.n_rows - 1):
        table.cells = [c for c in table.cells if c.row != table.n_rows - 1]
        table.row_ys.pop()
        table.n_rows -= 1
        table.bbox = (table.bbox[0], table.bbox[1], table.bbox[2], table.row_ys[-1])
        table.open_bottom = False
        dropped = True
    if table.open_top and not any(c.text for c in table.cells if c.row == 0):
        _drop_rows(table, 1)
        table.row_ys.pop(0)
        table.bbox = (table.bbox[0], table.row_ys[0], table.bbox[2], table.bbox[3])
        table.open_top = False
        dropped = True
    return dropped


def _cluster(values: Iterable[float], tolerance: float = EDGE_TOLERANCE) -> list[float]:
    clusters: list[list[float]] = []
    for value in sorted(values):
        if clusters and value - clusters[-1][-1] <= tolerance:
            clusters[-1].append(value)
        else:
            clusters.append([value])
    return [sum(cluster) / len(cluster) for cluster in clusters]


def _nearest(bounds: Sequence[float], value: float) -> int:
    index = bisect.bisect_left(bounds, value)
    if index == len(bounds) or (index > 0 and value - bounds[index - 1] < bounds[index] - value):
        index -= 1
    return index


# ---------------------------------------------------------------------------------------
# Filling cells with text.


def fill_tables(tables: Sequence[DraftTable], glyphs: Iterable[Glyph]) -> list[Glyph]:
    """Put every glyph inside a table into its cell; return the glyphs outside all tables."""
    outside: list[Glyph] = []
    layouts = [_Layout(table) for table in tables]
    per_cell: list[dict[int, list[Glyph]]] = [{} for _ in tables]
    for glyph in glyphs:
        x, y = glyph.mid_x, glyph.mid_y
        for index, table in enumerate(tables):
            x0, top, x1, bottom = table.bbox
            if x0 <= x <= x1 and top <= y <= bottom:
                cell = _cell_at(table, layouts[index], x, y)
                per_cell[index].setdefault(id(cell), []).append(glyph)
                break
        else:
            outside.append(glyph)
    for table, layout, cell_glyphs in zip(tables, layouts, per_cell):
        for cell in table.cells:
            glyphs_in_cell = cell_glyphs.get(id(cell), [])
            lines = glyphs_to_lines(glyphs_in_cell, table.page)
            cell.text = "\n".join(line.text for line in lines)
            cell.bold = bool(lines) and all(line.bold for line in lines)
            cell.confidence = lowest_confidence(lines)
        if _drop_empty_open_rows(table):
            layout = _Layout(table)
        table.header_rows = _bold_header_rows(table, layout)
    return outside


def _cell_at(table: DraftTable, layout: _Layout, x: float, y: float) -> DraftCell:
    col = min(max(bisect.bisect_right(table.col_xs, x) - 1, 0), table.n_cols - 1)
    row = min(max(bisect.bisect_right(table.row_ys, y) - 1, 0), table.n_rows - 1)
    cell = layout.at(row, col)
    if cell is not None:
        return cell

    def distance(other: DraftCell) -> float:
        middle_row = (other.row + other.end_row - 1) / 2
        middle_col = other.col + (other.col_span - 1) / 2
        return abs(row - middle_row) + abs(col - middle_col)

    # A hole in the ruling: the text belongs to the nearest cell rather than to nowhere.
    return min(table.cells, key=distance)


def _bold_header_rows(table: DraftTable, layout: _Layout) -> int:
    """Leading rows set in bold above rows that are not: the header, when nothing else says so."""

    def bold(row: int) -> bool:
        texts = [cell for cell in layout.row(row) if cell.text]
        return bool(texts) and all(cell.bold for cell in texts)

    def heading(row: int) -> bool:
        """One cell across the whole width: a group heading ((一)…), not column labels."""
        texts = [cell for cell in layout.row(row) if cell.text]
        return len(texts) == 1 and texts[0].col_span == table.n_cols

    count = 0
    while count < table.n_rows and bold(count):
        if count and heading(count) and not heading(count - 1):
            break  # the body's first group heading, bold as headings are, under the column labels
        count += 1
    # An all-bold table, or a long bold run, says nothing about a header.
    return count if count < table.n_rows and count <= MAX_HEADER_ROWS else 0


# ---------------------------------------------------------------------------------------
# Stitching a table continued on the next page.


def stitch_tables(first: DraftTable, part: DraftTable) -> bool:
    """Append ``part`` (the top of the next page) to ``first`` if it continues it.

    It continues it when the column boundaries agree (one set may refine the other). The
    repeated header is dropped, a row cut by the page end is joined back, and a merged group
    label that was not reprinted has its span extended. A last row left open at the page end
    is cut for sure; otherwise the cells' text tells. Returns False, leaving both alone, when
    the columns differ.
    """
    columns = _merge_columns(first.col_xs, part.col_xs)
    if columns is None:
        return False
    merged_xs, first_map, part_map = columns
    _remap_columns(first, first_map, len(merged_xs) - 1)
    _remap_columns(part, part_map, len(merged_xs) - 1)
    first.col_xs = merged_xs
    _drop_repeated_header(first, part)
    if part.n_rows == 0:
        return True
    offset = first.n_rows
    first_layout, part_layout = _Layout(first), _Layout(part)
    cut = first.open_bottom or _row_is_cut(first, first_layout, part, part_layout)
    if cut and _join_cut_row(
        first, first_layout, part, part_layout
    ):
        offset -= 1
    else:
        _extend_group_labels(first, first_layout, part, part_layout)
    for cell in part.cells:
        cell.row += offset
        first.cells.append(cell)
    first.n_rows = offset + part.n_rows
    first.bbox = part.bbox
    first.open_bottom = part.open_bottom
    return True


def _merge_columns(
    a_xs: list[float], b_xs: list[float]
) -> tuple[list[float], list[int], list[int]] | None:
    """Union of two column boundary lists whose outer edges agree and one contains the other."""
    tolerance = max(3.0, 0.01 * (a_xs[-1] - a_xs[0]))
    if abs(a_xs[0] - b_xs[0]) > tolerance or abs(a_xs[-1] - b_xs[-1]) > tolerance:
        return None
    fine, coarse = (a_xs, b_xs) if len(a_xs) >= len(b_xs) else (b_xs, a_xs)
    coarse_map = [_nearest(fine, x) for x in coarse]
    if any(abs(fine[i] - x) > tolerance for i, x in zip(coarse_map, coarse)):
        return None
    if len(set(coarse_map)) != len(coarse_map):
        return None
    fine_map = list(range(len(fine)))
    if fine is a_xs:
        return fine, fine_map, coarse_map
    return fine, coarse_map, fine_map


def _remap_columns(table: DraftTable, boundary_map: list[int], n_cols: int) -> None:
    for cell in table.cells:
        start = boundary_map[cell.col]
        cell.col, cell.col_span = start, boundary_map[cell.col + cell.col_span] - start
    table.n_cols = n_cols


def _signature(layout: _Layout, row: int) -> tuple[tuple[int, int, int, str], ...]:
    return tuple((c.col, c.col_span, c.row_span, c.text) for c in layout.row(row))


def _drop_repeated_header(first: DraftTable, part: DraftTable) -> None:
    """Drop the leading rows of ``part`` that repeat the header of ``first``."""
    first_layout, part_layout = _Layout(first), _Layout(part)
    # Longest first: a two-row header also matches on its first row. A header guessed from bold
    # type may have taken a bold first row of the body along: shorter ones are tried too.
    for rows in range(first.header_rows or MAX_HEADER_ROWS, 0, -1):
        if rows >= part.n_rows or rows >= first.n_rows:
            continue
        if all(_signature(first_layout, r) == _signature(part_layout, r) for r in range(rows)):
            if any(cell.end_row > rows for cell in part.cells if cell.row < rows):
                continue
            first.header_rows = rows
            _drop_rows(part, rows)
            return


def _drop_rows(table: DraftTable, rows: int) -> None:
    table.cells = [cell for cell in table.cells if cell.row >= rows]
    for cell in table.cells:
        cell.row -= rows
    table.n_rows -= rows
    table.header_rows = max(table.header_rows - rows, 0)


def _body_rows(table: DraftTable, layout: _Layout) -> list[int]:
    """Rows below the header that are not a heading spanning the whole width."""
    return [
        row
        for row in range(table.header_rows, table.n_rows)
        if not any(c.col_span == table.n_cols for c in layout.row(row))
    ]


def _group_columns(table: DraftTable) -> set[int]:
    """Columns holding vertically merged labels (a 要点任务 cell spanning several tasks)."""
    return {
        cell.col
        for cell in table.cells
        if cell.row >= table.header_rows and cell.row_span > 1 and cell.col_span == 1
    }


def _row_is_cut(
    first: DraftTable, first_layout: _Layout, part: DraftTable, part_layout: _Layout
) -> bool:
    """Whether the first row of ``part`` is the rest of the last row of ``first``.

    It is when a column that every body row of ``first`` fills is empty in it, or when a
    column of sentences ends mid-sentence in ``first`` and goes on in ``part``.
    """
    body = _body_rows(first, first_layout)
    top = part_layout.row(0)
    if first.n_rows - 1 not in body or not any(cell.text for cell in top):
        return False
    if any(cell.col_span == part.n_cols for cell in top):
        return False
    free = [c for c in range(first.n_cols) if c not in _group_columns(first)]
    key = [c for c in free if all(first_layout.text(row, c) for row in body)]
    if any(not part_layout.text(0, c) for c in key):
        return True
    for col in key:
        texts = [first_layout.text(row, col) for row in body]
        ended = sum(text.endswith(tuple(STATEMENT_END)) for text in texts)
        if ended >= 0.6 * len(texts) and not texts[-1].endswith(tuple(STATEMENT_END)):
            following = part_layout.text(0, col)
            if following and not NUMBERED_ITEM.match(following):
                return True
    return False


def _join_cut_row(
    first: DraftTable, first_layout: _Layout, part: DraftTable, part_layout: _Layout
) -> bool:
    """Append the first row of ``part`` cell by cell to the last row of ``first``."""
    last = first.n_rows - 1
    pairs: list[tuple[DraftCell, DraftCell]] = []
    for cell in part_layout.row(0):
        target = first_layout.at(last, cell.col)
        if (
            target is None
            or target.col != cell.col
            or target.col_span != cell.col_span
            or target.end_row != first.n_rows
        ):
            return False
        pairs.append((target, cell))
    for target, cell in pairs:
        if cell.text:
            target.text = f"{target.text}\n{cell.text}" if target.text else cell.text
        if cell.confidence is not None:
            target.confidence = cell.confidence if target.confidence is None else min(cell.confidence, target.confidence)
        target.row_span += cell.row_span - 1
        part.cells.remove(cell)
    return True


def _extend_group_labels(
    first: DraftTable, first_layout: _Layout, part: DraftTable, part_layout: _Layout
) -> None:
    """A merged label printed only on the group's first page: extend it over the empty cell."""
    last = first.n_rows - 1
    for col in _group_columns(first):
        cell = part_layout.at(0, col)
        target = first_layout.at(last, col)
        if (
            cell is None
            or cell.row != 0
            or cell.text
            or cell.col_span != 1
            or target is None
            or target.col != col
            or target.col_span != 1
            or target.end_row != first.n_rows
        ):
            continue
        target.row_span += cell.row_span
        part.cells.remove(cell)


def draft_to_table(draft: DraftTable) -> Table:
    cells = tuple(
        Cell(row=c.row, col=c.col, text=c.text, row_span=c.row_span, col_span=c.col_span, confidence=c.confidence)
        for c in sorted(draft.cells, key=lambda cell: (cell.row, cell.col))
    )
    return Table(
        cells=cells,
        n_rows=draft.n_rows,
        n_cols=draft.n_cols,
        header_rows=draft.header_rows,
        page=draft.page,
    )
