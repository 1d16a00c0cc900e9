"""From a read document to a notice: metadata, section tree and tasks."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.cleaning import normalize_document
from extractors.document import Document, Paragraph, Table
from extractors.flattened import rebuild_flattened_tables
from extractors.garbage import WITHHOLD_SHARE, garbage_warning, is_garbled, is_garbled_task_text, measure_garbage
from extractors.layout import strip_chrome
from extractors.metadata import extract_metadata
from extractors.model import Notice, Task
from extractors.paragraphs import restore_paragraphs
from extractors.sections import build_section_tree
from extractors.task_tables import (
    continues,
    find_task_table,
    headed_by,
    infer_task_table,
    is_group_heading,
    task_table_to_tasks,
    under_heading,
)
from extractors.unit_names import UnitAliases, with_canonical_names
from extractors.units import list_convention
from normalizers.script import DEFAULT_CONFIG

@dataclass(frozen=True)
class ExtractionSettings:
    """Options that change what extraction produces (params.yaml ``extract``)."""

    opencc_config: str = DEFAULT_CONFIG
    unit_aliases: UnitAliases = field(default_factory=UnitAliases)


def _headings_over_tables(document: Document) -> dict[int, str]:
    """The numbered heading paragraph right above each table (by the table's id), where a notice
    sets each group's tasks in a table of their own under the group's heading."""
    headings: dict[int, str] = {}
    for above, block in zip(document.blocks, document.blocks[1:], strict=False):
        if isinstance(block, Table) and isinstance(above, Paragraph) and is_group_heading(above.text):
            headings[id(block)] = above.text
    return headings


def document_to_notice(document: Document, settings: ExtractionSettings = ExtractionSettings()) -> Notice:
    """Extract a notice; tasks come from its task tables, or from its work points if it has none."""
    garbage = measure_garbage("\n".join(document.texts()))  # before normalizing hides any of it
    normalized = normalize_document(document, settings.opencc_config)
    paragraphs: list[Paragraph] = restore_paragraphs(list(normalized.paragraphs()))
    layout = strip_chrome(paragraphs)
    document_tables = list(normalized.tables())
    metadata = extract_metadata(layout, normalized.meta, document_tables)
    tree = build_section_tree(layout.body)
    tables = [*document_tables, *rebuild_flattened_tables(layout.body)]
    # 列第一位的为牵头单位: stated in the text, or in a note row of the task table itself
    convention = list_convention("\n".join([*(p.text for p in layout.body), *(cell.text for table in tables for cell in table.cells)]))
    task_tables = [found for found in map(find_task_table, tables) if found is not None]
    tasks: list[Task] = []
    headings = _headings_over_tables(normalized)
    for previous, task_table in zip([None, *task_tables], task_tables, strict=False):
        table_tasks = task_table_to_tasks(task_table, metadata.year, unit_convention=convention)
        if (heading := headings.get(id(task_table.table))) is not None:
            table_tasks = headed_by(table_tasks, heading)
        elif previous is not None and tasks and continues(task_table, previous):
            table_tasks = under_heading(table_tasks, tasks[-1].section)
        tasks.extend(table_tasks)
    if not tasks:
        tasks = tree.tasks(metadata.year, unit_convention=convention)
    if not tasks:  # last: a table of work whose header row was left out (任务分工如下: then the rows)
        inferred = [found for found in map(infer_task_table, tables) if found is not None]
        tasks = [task for found in inferred for task in task_table_to_tasks(found, metadata.year, unit_convention=convention)]
    tasks = with_canonical_names(tasks, metadata.region, settings.unit_aliases)
    # Garbage text never becomes tasks: all of them when the text is unusable, else one by one.
    unusable = is_garbled(garbage, WITHHOLD_SHARE)
    kept = [] if unusable else [task for task in tasks if not is_garbled_task_text(task.requirement)]
    garbled = garbage_warning(garbage, len(tasks) - len(kept), unusable)
    tasks = kept

    warnings = list(normalized.warnings)
    if metadata.year is None:
        warnings.append("no year found: dates without a year are left unresolved")
    if garbled:
        warnings.append(garbled)
    if not tasks and not unusable:
        warnings.append("no tasks found: neither a task table nor numbered work points")
    return Notice(
        metadata=metadata,
        sections=tuple(tree.sections()),
        tasks=tuple(tasks),
        warnings=tuple(warnings),
    )
