"""Fixed-width tables in plain text: columns lined up with runs of spaces, no tabs.

Word's "save as text" and old mail clients lay a table out this way, wrapping a long cell onto
the next lines in the same column::

    序号  工作任务                          责任单位            完成时限
    1     编制专项规划，明确治理模式        县生态环境局、县住  2023年8月底前
          和建设时序。                      建局
    2     完成管网建设。                    县住建局            2023年12月底前

Columns are the stretches of display positions with text in some line of the table, separated
by positions blank in every line (at least two wide: a single space is part of a cell). A
character of East Asian width W or F takes two positions, as in the fixed-pitch fonts these
tables were typed in. A row opens with a serial number in the first column; a line whose first
column is blank continues the row above it, cell by cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A bare serial number, the whole of a 序号 cell: 3, 12., 4、, 七, （二）.
SERIAL = re.compile(
    r"(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.．、]?|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[)）]"
)
# A cell is text with at most single ASCII spaces inside; two spaces or an ideographic space
# (U+3000, which Word uses to pad Chinese text) end it.
_SEGMENT = re.compile(r"[^ \u3000]+(?: [^ \u3000]+)*")
_MIN_COLUMNS = 3
_MIN_ROWS = 2
# Header cells are labels (序号, 工作任务, 责任单位（牵头单位列第一位）), not sentences.
_MAX_LABEL_CHARS = 20
# A row wraps onto at most this many further lines; more is prose that happens to line up.
_MAX_CONTINUATIONS = 8


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of a line between gaps, at display positions ``[start, end)``."""

    start: int
    end: int
    text: str


def width(text: str) -> int:
    """Display width in a fixed-pitch CJK font: 2 for wide and full-width characters.

    >>> width("县局 2023")
    9
    """
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


@lru_cache(maxsize=4096)
def line_segments(line: str) -> tuple[Segment, ...]:
    """The line cut at runs of two or more spaces or at ideographic spaces.

    >>> [(s.start, s.text) for s in line_segments("1     县生态环境局  全年")]
    [(0, '1'), (6, '县生态环境局'), (20, '全年')]
    """
    segments = []
    position, last = 0, 0
    for match in _SEGMENT.finditer(line):
        position += width(line[last : match.start()])
        text = match.group()
        segments.append(Segment(position, position + width(text), text))
        position += width(text)
        last = match.end()
    return tuple(segments)


def may_open_table(line: str) -> bool:
    """Cheap test before the real one: a tab-free line with a gap after its first text."""
    if "\t" in line:
        return False
    text = line.lstrip(" \u3000")  # substring tests: faster than a regex on every line
    return "  " in text or "\u3000" in text


def spaced_table_run(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """The rows of a fixed-width table whose header is ``lines[start]`` (header first) and
    the index of the line after it, or None when no such table opens there.

    >>> spaced_table_run(["序号  任务        单位", "1     排查，    县局", "      建台账。", "2     验收      县局"], 0)
    ([['序号', '任务', '单位'], ['1', '排查，建台账。', '县局'], ['2', '验收', '县局']], 4)
    """
    labels = _SEGMENT.findall(lines[start])  # before measuring widths: most lines fail here
    if len(labels) < _MIN_COLUMNS or any(len(label) > _MAX_LABEL_CHARS for label in labels):
        return None
    header = line_segments(lines[start])
    end, row_lines = _run_end(lines, start, header)
    if len(row_lines) < _MIN_ROWS:
        return None
    columns = _columns([header, *(line_segments(lines[i]) for i in row_lines)])
    if len(columns) != len(header):
        return None
    rows = [_cells(header, columns)]
    serial_end = max(line_segments(lines[i])[0].end for i in row_lines)
    for index in range(start + 1, end):
        if _RULE.match(lines[index].strip()):
            continue  # ------ under the header, or between rows
        segments = line_segments(lines[index])
        if index in row_lines:
            rows.append(_cells(segments, columns))
            continue
        if segments[0].start <= serial_end or not _fits(segments, columns):
            end = index  # neither a row nor a continuation: the table ends here
            break
        rows[-1] = [_join(a, b) for a, b in zip(rows[-1], _cells(segments, columns))]
    if sum(1 for row in rows[1:] if SERIAL.fullmatch(row[0])) < _MIN_ROWS:
        return None
    return rows, end


# A line that only draws a rule: ------, ======, ──────
_RULE = re.compile(r"^[-=_—─━＝－·.…]{3,}$")


def _run_end(lines: list[str], start: int, header: tuple[Segment, ...]) -> tuple[int, set[int]]:
    """The index after the run of rows and continuation lines under ``header``, and the
    indexes of its row lines (those opening with a serial number before the second column)."""
    rows: set[int] = set()
    index, continuations = start + 1, 0
    while index < len(lines):
        if _RULE.match(lines[index].strip()):
            index += 1
            continue
        segments = line_segments(lines[index])
        if not segments or "\t" in lines[index]:
            break
        first = segments[0]
        if len(segments) >= 2 and first.start < header[1].start and SERIAL.fullmatch(first.text):
            rows.add(index)
            continuations = 0
        elif rows and first.start > 0 and continuations < _MAX_CONTINUATIONS:
            continuations += 1
        else:
            break
        index += 1
    return index, rows


def _columns(lines: list[tuple[Segment, ...]]) -> list[tuple[int, int]]:
    """``[start, end)`` of each column: runs of positions inked in some line, split where at
    least two positions are blank in every line."""
    spans = sorted((s.start, s.end) for segments in lines for s in segments)
    columns: list[tuple[int, int]] = []
    for first, last in spans:
        if columns and first < columns[-1][1] + 2:
            columns[-1] = (columns[-1][0], max(columns[-1][1], last))
        else:
            columns.append((first, last))
    return columns


def _column_of(segment: Segment, columns: list[tuple[int, int]]) -> int:
    for index in range(len(columns) - 1, -1, -1):
        if columns[index][0] <= segment.start:
            return index
    return 0


def _fits(segments: tuple[Segment, ...], columns: list[tuple[int, int]]) -> bool:
    """Whether each segment of a continuation line keeps to one column, a blank position
    clear of its neighbours: indented prose runs across the columns and does not."""
    for segment in segments:
        index = _column_of(segment, columns)
        low = columns[index - 1][1] + 1 if index else 0
        high = columns[index + 1][0] - 1 if index + 1 < len(columns) else None
        if segment.start < low or (high is not None and segment.end > high):
            return False
    return True


def _cells(segments: tuple[Segment, ...], columns: list[tuple[int, int]]) -> list[str]:
    cells = [""] * len(columns)
    for segment in segments:
        index = _column_of(segment, columns)
        cells[index] = f"{cells[index]} {segment.text}" if cells[index] else segment.text
    return cells


def _join(head: str, tail: str) -> str:
    """A cell wrapped at the column's width: the pieces join without a break, with a space
    only between two words of Latin script (CJK text has no spaces to restore)."""
    if not head or not tail:
        return head or tail
    if head[-1].isascii() and head[-1].isalnum() and tail[0].isascii() and tail[0].isalnum():
        return f"{head} {tail}"
    return head + tail
