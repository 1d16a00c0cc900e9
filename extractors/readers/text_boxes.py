"""Tables drawn with box characters in plain text (┌─┬─┐ │ ├─┼─┤ └─┴─┘, ╔═╗ ║, +---+ |).

A border line closes a row; the lines between two borders are one row, split at the bars, each
cell's pieces joined without a separator: a cell wraps onto the next line inside its box
(区自│ over 然资源局 is one name). A row of one cell, between borders that lose their inner
junctions (├┴┤ … ├┬┤), is a heading across the table, as ``rows_to_table`` reads it.
"""

from __future__ import annotations

import re

_CORNERS_LEFT = "┌├└╔╠╚┏┣┗╒╞╘╓╟╙+"
_CORNERS_RIGHT = "┐┤┘╗╣╝┓┫┛╕╡╛╖╢╜+"
_RULES = r"─━═\-=┬┼┴╤╪╧╦╬╩┳╋┻╥╫╨+"
_BORDER = re.compile(rf"^[{_CORNERS_LEFT}][{_RULES}\s]*[{_CORNERS_RIGHT}]$")
_HORIZONTAL = re.compile(r"[─━═\-=]")
_BARS = "│┃║|"
_BAR = re.compile(f"[{_BARS}]")
_EDGE = " \u3000"


def is_border(line: str) -> bool:
    """A line that only draws a table's rule: ┌──┬──┐, ├──┼──┤, +----+----+."""
    text = line.strip(_EDGE)
    return bool(_BORDER.match(text)) and bool(_HORIZONTAL.search(text))


def _is_boxed(line: str) -> bool:
    text = line.strip(_EDGE)
    return len(text) >= 2 and text[0] in _BARS and text[-1] in _BARS


def box_table_run(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """The rows of the box-drawn table whose first border is ``lines[start]``, and the index of
    the first line after it; None unless it holds two rows or more.

    >>> box_table_run(["┌──┬────┐", "│序号│任务 │", "├──┼────┤", "│1 │开展排│", "│  │查。  │", "└──┴────┘"], 0)
    ([['序号', '任务'], ['1', '开展排查。']], 6)
    """
    if not is_border(lines[start]):
        return None
    rows: list[list[str]] = []
    pieces: list[list[str]] = []
    end = start + 1
    while end < len(lines) and (is_border(lines[end]) or _is_boxed(lines[end])):
        if is_border(lines[end]):
            if pieces:
                rows.append(_joined_cells(pieces))
            pieces = []
        else:
            pieces.append(_BAR.split(lines[end].strip(_EDGE)[1:-1]))
        end += 1
    if pieces:
        rows.append(_joined_cells(pieces))
    return (rows, end) if len(rows) >= 2 else None


def _joined_cells(pieces: list[list[str]]) -> list[str]:
    """One row from the lines of its box: each column's pieces joined, top to bottom."""
    width = max(len(line) for line in pieces)
    return ["".join(line[column].strip(_EDGE) for line in pieces if column < len(line)) for column in range(width)]
