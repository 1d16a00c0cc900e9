"""The document model: grids of spanning cells, and mapping every text without losing the rest."""

from __future__ import annotations

from dataclasses import fields
from types import MappingProxyType

from extractors.document import Align, Attachment, Cell, Document, InputFormat, MetaKey, Paragraph, Table

TABLE = Table(
    (Cell(0, 0, "任务", col_span=2, confidence=0.93), Cell(1, 0, "甲", row_span=2), Cell(1, 1, "乙"), Cell(2, 1, "丙")),
    n_rows=3,
    n_cols=2,
    header_rows=1,
    page=4,
)
DOCUMENT = Document(
    (Paragraph("标题", Align.CENTER, 1, 0.88), TABLE, Paragraph("落款", Align.RIGHT, 5)),
    InputFormat.PDF,
    MappingProxyType({MetaKey.TITLE: "标题"}),
    (Attachment("附件1", "a.xlsx"),),
    ("warning",),
)


def _non_default(instance: object) -> set[str]:
    return {f.name for f in fields(instance) if getattr(instance, f.name) != f.default}  # type: ignore[arg-type]


def test_the_example_sets_every_field_so_map_text_is_checked_on_all_of_them() -> None:
    for instance in (DOCUMENT.blocks[0], TABLE, TABLE.cells[0]):
        assert _non_default(instance) | {"col_span", "row_span"} >= {f.name for f in fields(instance)}  # type: ignore[arg-type]
    assert TABLE.cells[1].row_span == 2 and TABLE.cells[0].col_span == 2


def test_map_text_with_identity_gives_an_equal_document() -> None:
    assert DOCUMENT.map_text(lambda text: text) == DOCUMENT


def test_map_text_converts_every_text_and_keeps_layout() -> None:
    mapped = DOCUMENT.map_text(lambda text: text + "!")
    assert list(mapped.texts()) == [text + "!" for text in DOCUMENT.texts()]
    assert [(c.row, c.col, c.row_span, c.col_span) for c in next(mapped.tables()).cells] == [
        (c.row, c.col, c.row_span, c.col_span) for c in TABLE.cells
    ]


def test_grid_repeats_a_merged_cell_in_every_slot_it_covers() -> None:
    assert TABLE.text_rows() == [["任务", "任务"], ["甲", "乙"], ["甲", "丙"]]
