"""Tables drawn with box characters in plain text."""

from __future__ import annotations

import pytest

from extractors.document import Paragraph, Table
from extractors.readers.text import lines_to_blocks

BOXES = {
    "single-line": [
        "┌──┬──────────┬──────┐",
        "│序号│工作任务        │责任单位  │",
        "├──┴──────────┴──────┤",
        "│一、产业振兴(2项)              │",
        "├──┬──────────┬──────┤",
        "│1 │新建高标准农田1.2万│区农业农村局、区自│",
        "│  │亩。              │然资源局          │",
        "├──┼──────────┼──────┤",
        "│2 │建设冷链物流中心。│区商务局      │",
        "└──┴──────────┴──────┘",
    ],
    "double-line": [
        "╔══╦══════════╦══════╗",
        "║序号║工作任务        ║责任单位  ║",
        "╠══╩══════════╩══════╣",
        "║一、产业振兴(2项)              ║",
        "╠══╦══════════╦══════╣",
        "║1 ║新建高标准农田1.2万║区农业农村局、区自║",
        "║  ║亩。              ║然资源局          ║",
        "╠══╬══════════╬══════╣",
        "║2 ║建设冷链物流中心。║区商务局      ║",
        "╚══╩══════════╩══════╝",
    ],
    "ascii": [
        "+----+------------+--------+",
        "|序号|工作任务    |责任单位|",
        "+----+------------+--------+",
        "|一、产业振兴(2项)         |",
        "+----+------------+--------+",
        "|1   |新建高标准农田1.2万|区农业农村局、区自|",
        "|    |亩。        |然资源局|",
        "+----+------------+--------+",
        "|2   |建设冷链物流中心。|区商务局|",
        "+----+------------+--------+",
    ],
}


@pytest.mark.parametrize("lines", list(BOXES.values()), ids=list(BOXES))
def test_a_box_drawn_table_is_a_table_with_wrapped_cells_joined(lines: list[str]) -> None:
    table, after = lines_to_blocks([*lines, "注:以上任务年底前完成。"])
    assert isinstance(table, Table)
    rows = table.text_rows()
    assert rows[0] == ["序号", "工作任务", "责任单位"]
    assert rows[1][0] == "一、产业振兴(2项)"  # a heading across the table
    assert rows[2] == ["1", "新建高标准农田1.2万亩。", "区农业农村局、区自然资源局"]
    assert rows[3] == ["2", "建设冷链物流中心。", "区商务局"]
    assert isinstance(after, Paragraph) and after.text == "注:以上任务年底前完成。"


def test_a_lone_rule_is_no_table() -> None:
    blocks = lines_to_blocks(["一、总体要求", "+--------+", "坚持问题导向。"])
    assert [type(block) for block in blocks] == [Paragraph, Paragraph, Paragraph]
