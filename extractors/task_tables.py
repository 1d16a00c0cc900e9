"""Tasks from a task decomposition table (任务分解表): one task per body row that states work."""

from __future__ import annotations

from dataclasses import dataclass

from extractors.columns import ColumnLayout, ColumnRole, is_unit_role, layout_from_header
from extractors.deadlines import deadline_from_cell, deadline_from_prose
from extractors.document import Cell, Table
from extractors.model import NO_DEADLINE, Deadline, Task, TaskOrigin, Unit, UnitRole
from extractors.numbering import parse_item_number, strip_bullets, strip_item_number
from extractors.units import parse_unit_list
from normalizers.whitespace import remove_whitespace

_MAX_HEADER_SEARCH = 4


@dataclass(frozen=True, slots=True)
class TaskTable:
    """A table recognised as a task table: where its header ends and what its columns hold."""

    table: Table
    header_row: int
    layout: ColumnLayout


def find_task_table(table: Table) -> TaskTable | None:
    """The table as a task table if one of its first rows is a task-table header."""
    grid = table.grid()
    for index, row in enumerate(table.text_rows(grid)[:_MAX_HEADER_SEARCH]):
        layout = layout_from_header(_distinct_texts(row))
        if layout and len(layout.roles) == len(_distinct_texts(row)):
            return TaskTable(table, index, _expand_layout(layout, grid[index]))
    return None


def _distinct_texts(row: list[str]) -> list[str]:
    """Header texts with a header merged over several columns counted once."""
    texts: list[str] = []
    previous = None
    for text in row:
        if text != previous or not text:
            texts.append(text)
        previous = text
    return texts


def _expand_layout(layout: ColumnLayout, header: list[Cell | None]) -> ColumnLayout:
    """Map a layout over distinct header cells back onto every grid column."""
    roles: list[ColumnRole] = []
    requirement = 0
    distinct_index, previous = -1, None
    for cell in header:
        if cell is None or cell is not previous or not cell.text:
            distinct_index += 1
        previous = cell
        role = layout.roles[min(distinct_index, len(layout.roles) - 1)]
        if role is ColumnRole.REQUIREMENT and ColumnRole.REQUIREMENT not in roles:
            requirement = len(roles)
        roles.append(role)
    return ColumnLayout(tuple(roles), requirement)


def _is_group_row(cells: list[Cell | None], layout: ColumnLayout) -> bool:
    """A row that only names a heading: one cell merged across the row, or text in group
    columns only (the work, unit and deadline columns empty)."""
    filled = {id(cell): cell for cell in cells if cell is not None and cell.text}
    if not filled:
        return False
    if len(filled) == 1 and next(iter(filled.values())).col_span > 1:
        return True
    work_columns = [i for i, role in enumerate(layout.roles) if role not in {ColumnRole.GROUP, ColumnRole.SEQ}]
    return all(cells[i] is None or not cells[i].text for i in work_columns)


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


def _header_signature(rows: list[list[str]], header_row: int) -> tuple[str, ...]:
    return tuple(remove_whitespace(text) for text in rows[header_row])


def _repeats_header(texts: list[str], header: tuple[str, ...]) -> bool:
    return len(texts) == len(header) and all(remove_whitespace(t) == h for t, h in zip(texts, header, strict=True))


def task_table_to_tasks(task_table: TaskTable, year: int | None, *, first_unit_leads: bool = False) -> list[Task]:
    """Every body row that states work, with group rows and group columns as its section."""
    table, layout = task_table.table, task_table.layout
    grid = table.grid()
    rows = table.text_rows(grid)
    header = _header_signature(rows, task_table.header_row)
    sections = _SectionStack()
    carried: dict[int, str] = {}
    tasks: list[Task] = []
    for index in range(task_table.header_row + 1, table.n_rows):
        cells, texts = grid[index], rows[index]
        if not any(texts) or _repeats_header(texts, header):
            continue  # a header repeated on a new page, or an empty row
        if _is_group_row(cells, layout):
            sections.push(remove_whitespace(next(t for t in texts if t)))
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
                units=_row_units(texts, layout, first_unit_leads),
                deadline=_row_deadline(texts, layout, requirement, year),
                origin=TaskOrigin.TABLE,
            )
        )
    return tasks


def _row_units(texts: list[str], layout: ColumnLayout, first_unit_leads: bool) -> tuple[Unit, ...]:
    units: list[Unit] = []
    seen_columns: set[str] = set()
    for column, role in enumerate(layout.roles):
        if not is_unit_role(role) or texts[column] in seen_columns:
            continue
        seen_columns.add(texts[column])
        unit_role = UnitRole(role.value)
        listed = parse_unit_list(texts[column], unit_role, first_leads=first_unit_leads and unit_role is UnitRole.RESPONSIBLE)
        units.extend(unit for unit in listed if all(unit.name != u.name for u in units))
    return tuple(units)


def _row_deadline(texts: list[str], layout: ColumnLayout, requirement: str, year: int | None) -> Deadline:
    columns = [i for i, role in enumerate(layout.roles) if role is ColumnRole.DEADLINE]
    if not columns:
        return deadline_from_prose(requirement, year)
    cell_text = "\n".join(dict.fromkeys(texts[i] for i in columns if texts[i]))
    return deadline_from_cell(cell_text, year) if cell_text else NO_DEADLINE
