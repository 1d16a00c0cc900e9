"""Tasks from a task decomposition table (任务分解表): one task per body row that states work."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from extractors.columns import PERIOD_LABEL, ColumnLayout, ColumnRole, header_role, is_unit_role, layout_from_header
from extractors.deadlines import cell_states_a_time, deadline_from_cell, deadline_from_prose
from extractors.document import Cell, Table
from extractors.model import NO_DEADLINE, Deadline, DeadlineKind, Task, TaskOrigin, Unit, UnitRole
from extractors.numbering import Marker, parse_item_number, strip_bullets, strip_item_number
from extractors.units import ListConvention, is_unit_list, parse_unit_list
from normalizers.whitespace import remove_whitespace

_MAX_HEADER_SEARCH = 4
_MAX_SUB_HEADER_ROWS = 2  # 责任单位 over 牵头单位 | 配合单位; rarely a third level


@dataclass(frozen=True, slots=True)
class TaskTable:
    """A table recognised as a task table: where its header starts and ends (``body_row``, the
    first row under a header of one or more rows) and what its columns hold."""

    table: Table
    header_row: int
    layout: ColumnLayout
    body_row: int


def find_task_table(table: Table) -> TaskTable | None:
    """The table as a task table if one of its first rows is a task-table header, with the
    sub-header rows under it (牵头单位 | 配合单位 under a merged 责任单位) read as part of it."""
    grid = table.grid()
    for index in range(min(_MAX_HEADER_SEARCH, table.n_rows)):
        header, body_row = _combined_header(grid, index)
        layout = _header_layout(header)
        if layout is None and body_row > index + 1:
            layout = _header_layout(grid[index])  # sub-labels that make no layout: the top row's
        if layout is not None:
            return TaskTable(table, index, layout, body_row)
    return None


# A 序号 cell: 1, 12, 1-1, 2.3
_SERIAL = re.compile(r"^\d{1,3}(?:[-.]\d{1,3})?$")
_MIN_INFERRED_ROWS = 3
_MIN_REQUIREMENT_LENGTH = 15  # the mean length of a requirement column's cells: sentences, not names


def infer_task_table(table: Table) -> TaskTable | None:
    """A task table without a header row (任务分工如下: then rows of work), its column roles told
    from the cells: mostly serial numbers (序号), mostly deadlines, mostly unit lists
    (责任单位), and the longest of the rest, the work. None unless it has three rows of two
    cells or more, a unit or deadline column and a work column of sentences."""
    rows = [[remove_whitespace(cell.text) if cell else "" for cell in row] for row in table.grid()]
    body = [row for row in rows if sum(1 for text in dict.fromkeys(row) if text) >= 2]
    if len(body) < _MIN_INFERRED_ROWS or table.n_cols < 3:
        return None

    def share(column: int, test: Callable[[str], bool]) -> float:
        texts = [row[column] for row in body if row[column]]
        return sum(map(test, texts)) / len(texts) if texts else 0.0

    roles = [ColumnRole.OTHER] * table.n_cols
    for column in range(table.n_cols):
        if share(column, lambda text: bool(_SERIAL.match(text))) >= 0.9:
            roles[column] = ColumnRole.SEQ
        elif share(column, lambda text: len(text) <= 30 and cell_states_a_time(text)) >= 0.7:
            roles[column] = ColumnRole.DEADLINE
        elif share(column, is_unit_list) >= 0.7:
            roles[column] = ColumnRole.RESPONSIBLE
    rest = [column for column, role in enumerate(roles) if role is ColumnRole.OTHER]
    if not rest or not any(role in (ColumnRole.DEADLINE, ColumnRole.RESPONSIBLE) for role in roles):
        return None
    lengths = {column: sum(len(row[column]) for row in body) / len(body) for column in rest}
    requirement = max(rest, key=lambda column: lengths[column])
    if lengths[requirement] < _MIN_REQUIREMENT_LENGTH:
        return None
    roles[requirement] = ColumnRole.REQUIREMENT
    return TaskTable(table, 0, ColumnLayout(tuple(roles), requirement), 0)


def _header_layout(header: list[Cell | None]) -> ColumnLayout | None:
    """The layout of every grid column if ``header`` reads as a task-table header."""
    groups = _header_groups(header)
    layout = layout_from_header([text for text, _ in groups])
    if layout is None or len(layout.roles) != len(groups):
        return None
    return _expand_layout(layout, groups, len(header))


def _combined_header(grid: list[list[Cell | None]], index: int) -> tuple[list[Cell | None], int]:
    """The header cell of every grid column, the lowest label under a spanning header cell
    winning, and the first row after the header.

    ::

        +----+------+-----------------+------+
        | 序号 | 具体措施 |     责任单位      | 完成时限 |
        |    |      +--------+--------+      |     -> 序号 | 具体措施 | 牵头单位 | 配合单位 | 完成时限
        |    |      | 牵头单位 | 配合单位 |      |
        +----+------+--------+--------+------+
    """
    header = list(grid[index])
    row = index + 1
    while row < len(grid) and row <= index + _MAX_SUB_HEADER_ROWS:
        labels = _sub_header_labels(header, grid[row], row)
        if labels is None:
            break
        for column, cell in labels.items():
            header[column] = cell
        row += 1
    return header, row


def _sub_header_labels(header: list[Cell | None], cells: list[Cell | None], row: int) -> dict[int, Cell] | None:
    """The new labels of ``cells`` by column if the row only names the columns under spanning
    header cells (every new text a header word inside one header group, at least one of them
    narrower than its group), else None: a body row, a group row (一、…) or an empty row."""
    group_of = _column_groups(header)
    labels: dict[int, Cell] = {}
    splits = False
    for column, cell in enumerate(cells):
        above = header[column]
        if cell is None or cell is above or not cell.text.strip():
            continue  # a hole, the header cell merged down, or an empty slot
        if above is not None and cell.row < row:
            return None  # a cell from above the header row: not a header layout we know
        if above is not None and remove_whitespace(cell.text) == remove_whitespace(above.text):
            labels[column] = cell  # the lower cell repeats the upper text: it keeps its role
            continue
        start, end = group_of[column]
        if header_role(cell.text) is None or cell.col < start or cell.col + cell.col_span > end:
            return None
        splits = splits or cell.col_span < end - start
        labels[column] = cell
    return labels if splits else None


def _column_groups(header: list[Cell | None]) -> list[tuple[int, int]]:
    """Each column's header group as a (start, end) column range: the columns one header cell
    spans, or that repeat its text, or that it leaves empty to its right (a merge flattened)."""
    groups: list[tuple[int, int]] = []
    start = 0
    for column in range(1, len(header) + 1):
        if column < len(header) and _continues(header[start], header[column]):
            continue
        groups.extend([(start, column)] * (column - start))
        start = column
    return groups


def _continues(anchor: Cell | None, cell: Cell | None) -> bool:
    """Whether a header slot belongs to the group that ``anchor`` (its first slot) starts."""
    if anchor is None or not anchor.text.strip():
        return False
    return cell is anchor or cell is None or remove_whitespace(cell.text) in {"", remove_whitespace(anchor.text)}


def _header_groups(header: list[Cell | None]) -> list[tuple[str, list[int]]]:
    """The distinct header texts with the columns each covers: a cell merged over several
    columns, or one text repeated over them, counted once."""
    groups: list[tuple[str, list[int]]] = []
    previous: Cell | None = None
    for column, cell in enumerate(header):
        text = cell.text if cell else ""
        if groups and text and (cell is previous or remove_whitespace(text) == remove_whitespace(groups[-1][0])):
            groups[-1][1].append(column)
        else:
            groups.append((text, [column]))
        previous = cell
    return groups


def _expand_layout(layout: ColumnLayout, groups: list[tuple[str, list[int]]], n_cols: int) -> ColumnLayout:
    """Map a layout over distinct header groups back onto every grid column."""
    roles = [ColumnRole.OTHER] * n_cols
    for role, (_, columns) in zip(layout.roles, groups, strict=True):
        for column in columns:
            roles[column] = role
    return ColumnLayout(tuple(roles), roles.index(ColumnRole.REQUIREMENT))


# A note written across a table, under its header or at its foot: 填报说明:1.… / 注:…
_NOTE_ROW = re.compile(r"^(?:注|备注|附注|说明|填报说明|填表说明)\s*\d*\s*[:.、]")


def _is_note_row(texts: list[str]) -> bool:
    filled = {text for text in texts if text}
    return len(filled) == 1 and bool(_NOTE_ROW.match(next(iter(filled))))


def _is_group_row(cells: list[Cell | None], layout: ColumnLayout) -> bool:
    """A row that only names a heading: one cell merged across the row, or text in group
    columns only (the work, unit and deadline columns empty)."""
    filled = {id(cell): cell for cell in cells if cell is not None and cell.text}
    if not filled:
        return False
    if len(filled) == 1 and next(iter(filled.values())).col_span > 1:
        return True
    if _is_numbered_title_row(cells, layout):
        return True
    work_columns = [i for i, role in enumerate(layout.roles) if role not in {ColumnRole.GROUP, ColumnRole.SEQ}]
    return all(cells[i] is None or not cells[i].text for i in work_columns) or _is_numbered_heading_alone(filled)


def _heading_text(texts: list[str], layout: ColumnLayout) -> str:
    """A group row's heading: its first text outside the 序号 column (1 | 优化政务服务环境), else its first."""
    outside = (text for text, role in zip(texts, layout.roles, strict=True) if text and role is not ColumnRole.SEQ)
    return remove_whitespace(next(outside, None) or next(text for text in texts if text))


def _is_numbered_title_row(cells: list[Cell | None], layout: ColumnLayout) -> bool:
    """1 | 优化政务服务环境 (merged over the work, unit and deadline columns): a group's number and
    title, over the rows 1-1, 1-2 of its tasks."""
    rest = {
        id(cell): cell
        for cell, role in zip(cells, layout.roles, strict=True)
        if cell is not None and cell.text and role is not ColumnRole.SEQ
    }
    if len(rest) != 1:
        return False
    cell = next(iter(rest.values()))
    return cell.col_span > 1 and cells[layout.requirement] is cell


# Headings a group row carries: 第一部分, 一、, (一); a 1. opens a task.
_HEADING_MARKERS = {Marker.PART, Marker.CHINESE, Marker.PAREN_CHINESE}


def _is_numbered_heading_alone(filled: dict[int, Cell]) -> bool:
    """One numbered heading is the row's only text, in whichever column (一、坚持立德树人… in the
    工作任务 column of a row whose number, unit and deadline cells are empty)."""
    return len(filled) == 1 and _opens_with_a_heading_number(next(iter(filled.values())).text)


def _opens_with_a_heading_number(text: str) -> bool:
    item = parse_item_number(remove_whitespace(text))
    return item is not None and item.marker in _HEADING_MARKERS


class _SectionStack:
    """Group-row headings by numbering level: a new 一、 closes the previous 一、 and its (一)."""

    def __init__(self) -> None:
        self._stack: list[tuple[str, str]] = []

    def push(self, text: str) -> None:
        item = parse_item_number(text)
        marker = item.marker.value if item else "plain"
        for index, (existing, _) in enumerate(self._stack):
            if existing == marker:
                del self._stack[index:]
                break
        self._stack.append((marker, text))

    def path(self) -> tuple[str, ...]:
        return tuple(text for _, text in self._stack)


def _repeats_header(texts: list[str], headers: set[tuple[str, ...]]) -> bool:
    """A header row printed again (on a new page): every text equal to one header row's."""
    return tuple(remove_whitespace(text) for text in texts) in headers


def _header_texts(task_table: TaskTable) -> tuple[tuple[str, ...], ...]:
    rows = task_table.table.text_rows()[task_table.header_row : task_table.body_row]
    return tuple(tuple(remove_whitespace(text) for text in row) for row in rows)


def continues(task_table: TaskTable, previous: TaskTable) -> bool:
    """Whether a task table goes on from the one before it: the same header printed again over
    the rest of the rows (a web page or a Word file cut into one table per printed page)."""
    return _header_texts(task_table) == _header_texts(previous)


def under_heading(tasks: list[Task], section: tuple[str, ...]) -> list[Task]:
    """The tasks of a continued table, those before its first heading put under ``section``,
    the previous table's last heading: the group those rows belong to began on the page before."""
    placed: list[Task] = []
    for index, task in enumerate(tasks):
        if task.section:
            return [*placed, *tasks[index:]]
        placed.append(replace(task, section=section))
    return placed


def is_group_heading(text: str) -> bool:
    """A numbered heading line (一、… / (一)… / 第一部分…), as a group row or the paragraph
    standing over a table of its group's tasks; not a sentence."""
    return _opens_with_a_heading_number(text) and len(text) <= _MAX_HEADING and "。" not in text[:-1]


_MAX_HEADING = 40


def headed_by(tasks: list[Task], heading: str) -> list[Task]:
    """The tasks of a table that stands under a heading paragraph (一、… then the table of that
    group's tasks), the heading first in each one's section."""
    return [task if task.section[:1] == (heading,) else replace(task, section=(heading, *task.section)) for task in tasks]


def task_table_to_tasks(task_table: TaskTable, year: int | None, *,
                        unit_convention: ListConvention = ListConvention.ALL_RESPONSIBLE) -> list[Task]:  # fmt: skip
    """Every body row that states work, with group rows and group columns as its section."""
    table, layout = task_table.table, task_table.layout
    grid = table.grid()
    rows = table.text_rows(grid)
    header_rows = range(task_table.header_row, task_table.body_row)
    headers = {tuple(remove_whitespace(text) for text in rows[index]) for index in header_rows}
    header_requirement = grid[task_table.body_row - 1][layout.requirement] if task_table.body_row else None
    periods = _period_columns(task_table, grid)
    sections = _SectionStack()
    carried: dict[int, str] = {}
    tasks: list[Task] = []
    task_row: tuple[int, list[str]] | None = None  # the last task's row: its index and texts so far
    for index in range(task_table.body_row, table.n_rows):
        cells, texts = grid[index], rows[index]
        if not any(texts) or _repeats_header(texts, headers) or _is_total_row(texts) or _numbers_the_columns(texts):
            continue  # a header repeated on a new page, an empty row, 合计 | 共18项, or 1 | 2 | 3 under the header
        if task_row is not None:
            texts = _dittos_filled(texts, task_row[1])
        if task_row is not None and _continues_the_task(grid, index, *task_row, layout):
            above, above_texts = task_row
            merged = [*above_texts]
            merged[layout.requirement] = above_texts[layout.requirement] + texts[layout.requirement]
            requirement = remove_whitespace(strip_bullets(merged[layout.requirement]))
            tasks[-1] = replace(tasks[-1], requirement=strip_item_number(requirement),
                                deadline=_row_deadline(merged, layout, requirement, year, periods))  # fmt: skip
            task_row = (above, merged)
            continue
        if header_requirement is not None and cells[layout.requirement] is header_requirement:
            continue  # the header's requirement cell merged down: a header row we did not read
        if _is_note_row(texts):
            continue  # 填报说明:… / 注:… across the table: about the table, no work and no heading
        if _is_group_row(cells, layout):
            sections.push(_heading_text(texts, layout))
            carried.clear()
            continue
        requirement = remove_whitespace(strip_bullets(texts[layout.requirement]))
        if not requirement:
            continue
        for column in layout.group_columns:
            if texts[column]:
                carried[column] = remove_whitespace(texts[column])
        group_path = tuple(carried[c] for c in layout.group_columns if c in carried)
        tasks.append(
            Task(
                section=sections.path() + group_path,
                requirement=strip_item_number(requirement),
                units=_row_units(texts, layout, unit_convention),
                deadline=_row_deadline(texts, layout, requirement, year, periods),
                origin=TaskOrigin.TABLE,
            )
        )
        task_row = (index, texts)
    return tasks


# A cell that repeats the one above it: 同上 (the same lead unit, the same deadline)
_DITTO = re.compile(r"^(?:同上|同上栏|同前|〃|″)$")


def _dittos_filled(texts: list[str], above: list[str]) -> list[str]:
    """The row with each 同上 cell read as that column of the task row above."""
    return [
        above_text if _DITTO.match(remove_whitespace(text)) and above_text else text
        for text, above_text in zip(texts, above, strict=True)
    ]


_TOTAL = re.compile(r"^(?:合计|小计|总计|共计)[:]?$")
# The text of a task row stops mid-sentence where the next row carries it on: …整治,
_OPEN_END = (",", "、", ":")


def _is_total_row(texts: list[str]) -> bool:
    return any(_TOTAL.match(remove_whitespace(text)) for text in texts if text)


_COLUMN_NUMBER = re.compile(r"^\(?(\d{1,2})\)?$")


def _numbers_the_columns(texts: list[str]) -> bool:
    """A row that numbers the columns (1 | 2 | 3 | 4, or (1) | (2) | …), as forms print under
    their header for reference: three or more cells, every one a number, counting up by one."""
    filled = [remove_whitespace(text) for text in texts if text and text.strip()]
    numbers = [match for text in filled if (match := _COLUMN_NUMBER.match(text))]
    if len(filled) < 3 or len(numbers) != len(filled):
        return False
    values = [int(match.group(1)) for match in numbers]
    return values == list(range(values[0], values[0] + len(values)))


def _continues_the_task(grid: list[list[Cell | None]], index: int, above: int, above_texts: list[str], layout: ColumnLayout) -> bool:
    """A row that carries on the work of the task row above (a task written over two rows): its
    序号, unit and deadline cells empty or merged from above, a requirement cell of its own, and
    the text above stopping mid-sentence, which keeps apart two measures under one merged number."""
    cells, above_cells = grid[index], grid[above]
    requirement = layout.requirement
    seq = [i for i, role in enumerate(layout.roles) if role is ColumnRole.SEQ]
    if not seq or not above_texts[seq[0]] or cells[requirement] is None or cells[requirement] is above_cells[requirement]:
        return False
    if not cells[requirement].text:
        return False
    fixed = [i for i, role in enumerate(layout.roles) if i != requirement and role not in {ColumnRole.GROUP, ColumnRole.OTHER}]
    if any(cells[i] is not None and cells[i].text and cells[i] is not above_cells[i] for i in fixed):
        return False
    return remove_whitespace(above_texts[requirement]).endswith(_OPEN_END)


def _row_units(texts: list[str], layout: ColumnLayout, convention: ListConvention) -> tuple[Unit, ...]:
    units: list[Unit] = []
    seen_columns: set[str] = set()
    for column, role in enumerate(layout.roles):
        if not is_unit_role(role) or texts[column] in seen_columns:
            continue
        seen_columns.add(texts[column])
        unit_role = UnitRole(role.value)
        listed = _column_units(texts[column], unit_role, convention)
        units.extend(unit for unit in listed if all(unit.name != u.name for u in units))
    return tuple(units)


def _column_units(text: str, role: UnitRole, convention: ListConvention) -> list[Unit]:
    """The units of one unit column. A first-leads convention reads a plain 责任单位 list, and a
    牵头单位 cell listing several bodies, which has one lead, its first; a 配合单位 column says its
    role. A unit marked ★ under 注:标★的为牵头单位 leads in any column."""
    if role is UnitRole.LEAD and convention.first_leads:
        return parse_unit_list(text, UnitRole.RESPONSIBLE, convention=convention)
    applies = convention if role is UnitRole.RESPONSIBLE or not convention.first_leads else ListConvention.ALL_RESPONSIBLE
    return parse_unit_list(text, role, convention=applies)


# A schedule split into period columns under one header (进度安排: 一季度 | 二季度 | 三季度 | 四季度,
# 1月 … 12月, 上半年 | 下半年), each cell marked (✓) or holding the period's milestone.
_TICK = re.compile(r"^[✓√✔●○★☆▲△■□*]+$")


def _period_columns(task_table: TaskTable, grid: list[list[Cell | None]]) -> dict[int, str]:
    """The deadline columns labelled with a period, by column, when there are two or more."""
    periods: dict[int, str] = {}
    for row in grid[task_table.header_row : task_table.body_row]:
        for column, cell in enumerate(row):
            label = remove_whitespace(cell.text) if cell is not None else ""
            if task_table.layout.roles[column] is ColumnRole.DEADLINE and PERIOD_LABEL.match(label):
                periods[column] = label
    return periods if len(periods) >= 2 else {}


def _schedule_deadline(texts: list[str], periods: dict[int, str], year: int | None) -> Deadline:
    """Due at the end of the last period a row marks, unless its milestone there names a date; one
    text merged across every period (全年推进, 长期坚持) is read as a deadline cell."""
    marked = [(column, remove_whitespace(texts[column])) for column in sorted(periods) if texts[column].strip()]
    if not marked:
        return NO_DEADLINE
    if len(marked) == len(periods) and len({text for _, text in marked}) == 1 and not _TICK.match(marked[0][1]):
        return deadline_from_cell(marked[0][1], year)
    column, mark = marked[-1]
    milestone = None if _TICK.match(mark) else deadline_from_cell(mark, year)
    if milestone is not None and milestone.kind is DeadlineKind.DATE:
        return milestone
    period = deadline_from_cell(periods[column], year)
    if period.kind is not DeadlineKind.DATE or period.due is None:
        return milestone or period
    return Deadline(periods[column] + ("" if milestone is None else mark), DeadlineKind.DATE, period.due, all_due=(period.due,))


def _row_deadline(texts: list[str], layout: ColumnLayout, requirement: str, year: int | None,
                  periods: dict[int, str] | None = None) -> Deadline:  # fmt: skip
    if periods:
        return _schedule_deadline(texts, periods, year)
    columns = [i for i, role in enumerate(layout.roles) if role is ColumnRole.DEADLINE]
    if not columns:
        return deadline_from_prose(requirement, year)
    cell_text = "\n".join(dict.fromkeys(texts[i] for i in columns if texts[i]))
    return deadline_from_cell(cell_text, year) if cell_text else NO_DEADLINE
