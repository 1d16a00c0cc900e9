"""Task tables printed without ruling lines: columns held by white space alone.

A Word table whose borders were removed prints as text whose cells line up: pdfplumber's ruled
tables find nothing, and read line by line every row mixes its columns ("3 提升基层政务服 推动
县、乡、村 市行政审批局 …"). Such a table is told by its header: a line of three or more runs
of text (a run ends where the gap to the next glyph is wider than half a character) that name
task-table columns (序号, 牵头单位, 完成时限…). Its columns start where the body's runs start
under those labels (a label may be centred over its column); a row starts at a serial number
in the first column, or is a heading (一、 / (一)) alone on its line, which spans the row; the
table ends at the first line with a run that starts at no column. A table running on to the
next page keeps its columns there, while that page's lines start at them.

The table is handed over as cell rectangles, so filling, header rows and page stitching are the
same as for a ruled table.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from extractors.readers.pdf_glyphs import Glyph
from extractors.readers.pdf_tables import DraftTable, rects_to_table

# Column labels of task tables: three of them on one line make a header.
_LABELS = ("序号", "牵头单位", "责任单位", "配合单位", "协办单位", "完成时限", "完成时间", "时间节点", "具体措施",
           "工作措施", "重点任务", "工作任务", "主要任务", "工作内容", "工作要求", "责任领导", "牵头领导")  # fmt: skip
_MIN_LABELS = 3
_SERIAL = re.compile(r"^\d{1,3}(?:[-.]\d{1,3})*$")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\))")
_RUN_GAP = 0.45  # of a character: a wider gap between two glyphs ends a run
_ALIGN = 4.0  # points: a run starting this close to a column's start is in it
_SAME_LINE = 2.0  # points between baselines of one printed line

Run = list[Glyph]


def find_borderless_table(
    glyphs: Sequence[Glyph], page: int, carried: tuple[float, ...] | None
) -> tuple[DraftTable | None, tuple[float, ...] | None]:
    """The page's borderless task table, and the column starts for the next page (None when
    the table ends on this page). ``carried`` is the previous page's, for a table that goes on."""
    if carried is None and sum(label in "".join(g.text for g in glyphs) for label in _LABELS) < _MIN_LABELS:
        return None, None  # the common page, answered without grouping its glyphs
    lines = _lines(glyphs)
    header = next((index for index, line in enumerate(lines) if _is_header(_runs(line))), None)
    if header is not None:
        body = lines[header:]
        columns = _column_starts(_runs(body[0]), [run for line in body[1:] for run in _runs(line)])
    elif carried is not None:
        first = next((index for index, line in enumerate(lines) if _fits(_runs(line), carried)), None)
        if first is None or first > 2:  # a running header or page number may stand above it
            return None, None
        body, columns = lines[first:], carried
    else:
        return None, None
    end = next((index for index, line in enumerate(body) if index and not _fits(_runs(line), columns)), len(body))
    rows = _row_starts(body[:end], columns, has_header=header is not None)
    if len(rows) < 2:
        return None, None
    table = rects_to_table(_cell_rects(body[:end], rows, columns), page)
    return table, (columns if end == len(body) else None)


def _lines(glyphs: Sequence[Glyph]) -> list[Run]:
    lines: list[Run] = []
    for glyph in sorted((g for g in glyphs if not g.text.isspace()), key=lambda g: (round(g.baseline), g.x0)):
        if lines and abs(lines[-1][0].baseline - glyph.baseline) <= _SAME_LINE:
            lines[-1].append(glyph)
        else:
            lines.append([glyph])
    return [sorted(line, key=lambda g: g.x0) for line in lines]


def _runs(line: Run) -> list[Run]:
    runs: list[Run] = [[line[0]]]
    for before, glyph in zip(line, line[1:], strict=False):
        if glyph.x0 - before.x1 > _RUN_GAP * max(before.size, glyph.size):
            runs.append([glyph])
        else:
            runs[-1].append(glyph)
    return runs


def _text(run: Run) -> str:
    return "".join(glyph.text for glyph in run)


def _is_header(runs: list[Run]) -> bool:
    return len(runs) >= _MIN_LABELS and sum(any(label in _text(run) for label in _LABELS) for run in runs) >= _MIN_LABELS


def _column_starts(header: list[Run], body: list[Run]) -> tuple[float, ...]:
    """Where each column starts: where most body runs start between its label and the next
    one, not right of its label (a label centred over a column starts inside it), the nearest
    to the label among equals; else the label's own start."""
    labels = [run[0].x0 for run in header]
    starts = Counter(round(run[0].x0) for run in body)
    columns: list[float] = []
    for index, label in enumerate(labels):
        low = columns[-1] + _ALIGN if columns else float("-inf")
        high = labels[index + 1] if index + 1 < len(labels) else float("inf")
        near = [x for x in starts if low < x < high and x <= label + _ALIGN]
        columns.append(float(max(near, key=lambda x: (starts[x], -abs(x - label)))) if near else label)
    return tuple(columns)


def _fits(runs: list[Run], columns: tuple[float, ...]) -> bool:
    return all(any(abs(run[0].x0 - column) <= _ALIGN for column in columns) for run in runs)


def _row_starts(body: list[Run], columns: tuple[float, ...], *, has_header: bool) -> list[tuple[int, bool]]:
    """The lines that start a row, each with whether it is a heading spanning the row."""
    rows: list[tuple[int, bool]] = []
    for index, line in enumerate(body):
        runs = _runs(line)
        first = _text(runs[0])
        heading = len(runs) == 1 and bool(_HEADING.match(first))  # in whichever column it stands
        serial = abs(runs[0][0].x0 - columns[0]) <= _ALIGN and bool(_SERIAL.match(first))
        if (index == 0 and has_header) or serial or heading:
            rows.append((index, heading))
        elif index == int(has_header):
            rows.append((index, False))  # a row carried over from the page before goes on here
    return rows


def _cell_rects(body: list[Run], rows: list[tuple[int, bool]], columns: tuple[float, ...]) -> list[tuple[float, ...]]:
    right = max(glyph.x1 for line in body for glyph in line) + 1
    edges = [*columns, right]
    rects: list[tuple[float, ...]] = []
    for number, (index, heading) in enumerate(rows):
        top = min(glyph.top for glyph in body[index]) - 1
        if number + 1 < len(rows):
            bottom = min(glyph.top for glyph in body[rows[number + 1][0]]) - 1
        else:
            bottom = max(glyph.baseline for glyph in body[-1]) + 2
        if heading:
            rects.append((edges[0] - 1, top, edges[-1], bottom))
        else:
            rects += [(edges[k] - 1, top, edges[k + 1] - 1, bottom) for k in range(len(columns))]
    return rects
