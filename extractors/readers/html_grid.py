"""Tables drawn with CSS: ``<div>`` rows of ``<span>`` cells, as some CMSs render a 任务分解表.

Such a grid has no ``<table>`` markup, so the walker would read each row as one paragraph. It is
recognised by its shape alone, before formatting tags are unwrapped (the cells are often bare
``<span>`` elements), and rewritten in place as ``<table><tr><td>`` so that the table reader lays
it out like any other table::

    <div class="task-table">                                  序号 | 工作任务 | 牵头单位
      <div class="table-row table-head"><span>序号</span>…    ----------------------------
      <div class="table-row"><span>一、排查整治</span></div>  一、排查整治 (spans the row)
      <div class="table-row"><span>1</span><span>…</span>…    1    | 开展…   | 市消防救援支队

Navigation menus, share bars and footers share the shape "container of rows of small
elements", so a grid must also carry text that is not link text, in at least two cells of every
full row, and no cell may be page furniture (网站标识码, 版权所有, 分享到 …).
"""

from __future__ import annotations

from collections import Counter

from lxml import etree
from lxml.etree import _Element

from extractors.readers.html_page import is_chrome_line

# Containers with at least three element children; the rest of the tests run in Python.
_CONTAINERS = etree.XPath(
    "(.//div | .//section | .//ul | .//ol)[count(*) >= $min_rows]", smart_strings=False
)
_MIN_ROWS = 3
_MIN_COLUMNS = 3
_ROW_TAGS = frozenset({"div", "li"})
_CELL_TAGS = frozenset({"span", "div", "p", "dd", "dt", "label", "font"})
# A cell holds only inline content: any block inside it means a layout box, not a cell.
_BLOCK_INSIDE = frozenset(
    "div p table ul ol li dl dd dt section article header footer nav aside form "
    "h1 h2 h3 h4 h5 h6 blockquote pre".split()
)
# Most rows have the full width; the others (group headings 一、…) are shorter.
_FULL_ROW_SHARE = 0.6
# Link text may be at most this share of a grid's text: a menu of links is not a table.
_MAX_LINK_SHARE = 0.5
_MIN_FILLED_CELLS = 2
_HEADER_WORDS = ("head", "thead", "title")


def div_grids_to_tables(body: _Element) -> None:
    """Rewrite every CSS grid under ``body`` as a ``<table>`` of ``<tr>``/``<td>`` (``<th>`` in
    a row named a head); anything that is not clearly a grid is left alone."""
    for box in _CONTAINERS(body, min_rows=_MIN_ROWS):
        grid = _grid_rows(box)
        if grid is not None:
            _rewrite_as_table(box, grid)


def _grid_rows(box: _Element) -> list[list[_Element]] | None:
    """The cells of each row of ``box`` if it is a grid, else None."""
    if (box.text or "").strip():
        return None
    rows = [child for child in box if isinstance(child.tag, str)]
    tag = rows[0].tag
    if tag not in _ROW_TAGS or any(row.tag != tag or (row.tail or "").strip() for row in rows):
        return None
    grid: list[list[_Element]] = []
    for row in rows:
        cells = _row_cells(row)
        if cells is None:
            return None
        grid.append(cells)
    widths = Counter(len(cells) for cells in grid)
    width, full = widths.most_common(1)[0]
    if width < _MIN_COLUMNS or max(widths) > width or full < _FULL_ROW_SHARE * len(grid):
        return None
    return grid if _carries_text(grid, width) else None


def _row_cells(row: _Element) -> list[_Element] | None:
    """The row's cells: leaf elements and no text between them, else None."""
    if (row.text or "").strip():
        return None
    cells = [child for child in row if isinstance(child.tag, str)]
    if not cells:
        return None
    for cell in cells:
        if cell.tag not in _CELL_TAGS or (cell.tail or "").strip():
            return None
        if any(inner.tag in _BLOCK_INSIDE for inner in cell.iterdescendants()):
            return None
    return cells


def _carries_text(grid: list[list[_Element]], width: int) -> bool:
    """Whether the grid reads as data: mostly non-link text, every full row with at least two
    cells of text (a link menu fails), and no cell of site furniture (a footer fails)."""
    total = links = 0
    for cells in grid:
        # The row as one line: a lone cell such as 中 or / would look like a page tool.
        if is_chrome_line(" ".join("".join(cell.itertext()).strip() for cell in cells)):
            return False
        filled = 0
        for cell in cells:
            text = _visible(cell)
            link = sum(_visible(a) for a in cell.iter("a"))
            total += text
            links += link
            filled += text > link
        if len(cells) == width and filled < _MIN_FILLED_CELLS:
            return False
    return total > 0 and links <= _MAX_LINK_SHARE * total


def _visible(element: _Element) -> int:
    return sum(len("".join(piece.split())) for piece in element.itertext())


def _rewrite_as_table(box: _Element, grid: list[list[_Element]]) -> None:
    """Turn ``box`` into a table in place. Row and cell class/id names describe layout
    (``table-head``, ``cell-span``), not page chrome, so they are moved out of the chrome
    filter's sight; the box keeps its own names."""
    width = max(len(cells) for cells in grid)
    box.tag = "table"
    for row, cells in zip(box.iterchildren(etree.Element), grid):
        cell_tag = "th" if _names_a_head(row) else "td"
        row.tag = "tr"
        _hide_names(row)
        for cell in cells:
            cell.tag = cell_tag
            _hide_names(cell)
        if len(cells) < width:
            cells[-1].set("colspan", str(width - len(cells) + 1))


def _names_a_head(row: _Element) -> bool:
    names = f"{row.get('class') or ''} {row.get('id') or ''}".lower()
    return any(word in names for word in _HEADER_WORDS)


def _hide_names(element: _Element) -> None:
    for name in ("class", "id"):
        value = element.attrib.pop(name, None)
        if value is not None:
            element.set(f"data-{name}", value)
