"""Tables that only hang numbered text from its numbers read as the paragraphs they stand for."""

from __future__ import annotations

from extractors.document import Cell, Document, InputFormat, Paragraph, Table
from extractors.layout_tables import is_layout_table, unroll_layout_tables


def two_columns(*rows: tuple[str, str]) -> Table:
    cells = tuple(Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row))
    return Table(cells, len(rows), 2)


LAYOUT = two_columns(
    ("一、", "重点任务"),
    ("(一)", "推进经营主体登记便利化,全面推行企业开办一网通办,压缩开办时间至1个工作日以内(牵头科室:登记注册科;完成"),
    ("", "时限:第三季度)"),
    ("(二)", "强化食品安全监管,开展校园食品安全守护行动,实现学校食堂明厨亮灶全覆盖。"),
)


def test_a_table_of_numbers_and_prose_is_read_as_its_paragraphs() -> None:
    document = unroll_layout_tables(Document((Paragraph("前言"), LAYOUT), InputFormat.DOCX))
    assert [p.text for p in document.paragraphs()] == [
        "前言",
        "一、重点任务",
        "(一)推进经营主体登记便利化,全面推行企业开办一网通办,压缩开办时间至1个工作日以内(牵头科室:登记注册科;完成时限:第三季度)",
        "(二)强化食品安全监管,开展校园食品安全守护行动,实现学校食堂明厨亮灶全覆盖。",
    ]
    assert list(document.tables()) == []


def test_a_task_table_stays_a_table() -> None:
    data = two_columns(("序号", "工作任务"), ("1", "推进经营主体登记便利化,全面推行企业开办一网通办,压缩开办时间。"), ("2", "强化食品安全监管。"))
    assert not is_layout_table(data)


def test_a_table_of_short_labels_stays_a_table() -> None:
    short = two_columns(("1.", "市财政局"), ("2.", "市税务局"), ("3.", "市审计局"))
    assert not is_layout_table(short)
