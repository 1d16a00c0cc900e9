"""Fixed-width tables in plain text (columns lined up with spaces) read as tables, and indented
prose, signature blocks and lines that merely contain wide gaps left as paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import Paragraph, Table
from extractors.readers.text import lines_to_blocks, read_text
from extractors.readers.text_columns import line_segments, width
from extractors.task_tables import find_task_table, task_table_to_tasks

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

HEADER = "序号  工作任务                    责任单位          完成时限"
ROW_1 = "1     开展现状排查，建立台账。    县生态环境局      2023年6月底前"
ROW_2 = "2     编制专项规划，明确治理模    县生态环境局、县  2023年8月底前"
ROW_2_TAIL = "      式和建设时序。              住建局"
ROW_3 = "3     完成管网建设。              县住建局          全年"
ROWS = [["1", "开展现状排查，建立台账。", "县生态环境局", "2023年6月底前"],
        ["2", "编制专项规划，明确治理模式和建设时序。", "县生态环境局、县住建局", "2023年8月底前"],
        ["3", "完成管网建设。", "县住建局", "全年"]]  # fmt: skip

# (lines, the table's rows as text, the paragraphs before and after it)
TABLES = {
    "wrapped-cells-continue-cell-by-cell": (
        [HEADER, ROW_1, ROW_2, ROW_2_TAIL, ROW_3],
        [["序号", "工作任务", "责任单位", "完成时限"], *ROWS],
        [],
    ),
    "a-rule-under-the-header-is-no-row": (
        [HEADER, "-" * 60, ROW_1, ROW_2, ROW_2_TAIL, ROW_3],
        [["序号", "工作任务", "责任单位", "完成时限"], *ROWS],
        [],
    ),
    "prose-and-signature-around-the-table-stay-paragraphs": (
        ["附件", HEADER, ROW_1, ROW_2, ROW_2_TAIL, ROW_3, "　　各责任单位要按时报送进展情况，确保各项任务落到实处。",
         "平和县人民政府办公室　　　　　　2023年5月22日印发"],
        [["序号", "工作任务", "责任单位", "完成时限"], *ROWS],
        ["附件", "　　各责任单位要按时报送进展情况，确保各项任务落到实处。", "平和县人民政府办公室　　　　　　2023年5月22日印发"],
    ),
    "an-indented-table-whose-columns-are-padded-with-ideographic-spaces": (
        ["　序号　工作任务　　　　责任单位　　完成时限",
         "　１　　开展排查。　　　县林业局　　３月底前",
         "　２　　组织验收。　　　县财政局　　全年"],
        [["序号", "工作任务", "责任单位", "完成时限"], ["１", "开展排查。", "县林业局", "３月底前"],
         ["２", "组织验收。", "县财政局", "全年"]],
        [],
    ),
}


@pytest.mark.parametrize(("lines", "rows", "paragraphs"), list(TABLES.values()), ids=list(TABLES))
def test_fixed_width_table_is_read_as_a_table(lines: list[str], rows: list[list[str]], paragraphs: list[str]) -> None:
    blocks = lines_to_blocks(lines)
    (table,) = [block for block in blocks if isinstance(block, Table)]
    assert table.text_rows() == rows
    assert [block.text for block in blocks if isinstance(block, Paragraph)] == paragraphs


# Lines that must all stay paragraphs.
NOT_TABLES = {
    "indented-prose-with-wide-gaps": [
        "　　一、工作目标  到2023年底  全县新增完成28个行政村治理。",
        "　　1  加强组织领导  成立工作专班  统筹推进治理工作。",
        "　　2  强化督查考评  定期督查  结果通报。",
    ],
    "signature-block": [
        "联系人：张三    电话：0596-5230000    传真：0596-5231111",
        "平和县人民政府办公室　　　　　　　　　　　　2023年5月22日印发",
        "抄送：县委办、县人大办、县政协办。",
    ],
    "a-header-without-numbered-rows": [
        "单位  姓名  职务",
        "县生态环境局  张三  局长",
        "县住建局  李四  副局长",
    ],
    "a-single-numbered-row": [HEADER, ROW_1, "　　各责任单位要按时报送进展情况。"],
    "numbered-lines-whose-text-runs-across-the-columns": [
        HEADER,
        "1     开展现状排查，建立台账，并于每月25日前将工作进展情况报送县生态环境局，确保按期完成。",
        "2     编制专项规划，明确治理模式和建设时序，报县政府审定后印发实施，各乡镇抓好落实工作。",
    ],
}


@pytest.mark.parametrize("lines", list(NOT_TABLES.values()), ids=list(NOT_TABLES))
def test_prose_and_signatures_stay_paragraphs(lines: list[str]) -> None:
    blocks = lines_to_blocks(lines)
    assert [block.text for block in blocks if isinstance(block, Paragraph)] == lines


@pytest.mark.parametrize(
    ("line", "segments"),
    [
        ("1     县生态环境局  全年", [(0, "1"), (6, "县生态环境局"), (20, "全年")]),
        ("Word 2010  导出", [(0, "Word 2010"), (11, "导出")]),
        ("　　附件：分解表", [(4, "附件：分解表")]),
        ("序号　任务", [(0, "序号"), (6, "任务")]),
    ],
)
def test_segments_split_at_wide_gaps_and_count_wide_characters_twice(line: str, segments: list[tuple[int, str]]) -> None:
    assert [(s.start, s.text) for s in line_segments(line)] == segments


def test_width_counts_east_asian_wide_and_fullwidth_characters_as_two() -> None:
    assert (width("abc"), width("县局"), width("２０"), width("“")) == (3, 4, 4, 1)


def test_pinghe_fixed_width_table_yields_eighteen_tasks() -> None:
    """z08: GBK, CRLF, 18 numbered rows, long cells wrapped onto continuation lines."""
    document = read_text(FIXTURES / "variety5" / "z08_pinghe_2023_wushui.txt")
    (table,) = document.tables()
    assert (table.n_rows, table.n_cols) == (19, 4)
    assert table.text_rows()[2][2] == "县生态环境局、县自然资源局、县住建局"
    task_table = find_task_table(table)
    assert task_table is not None
    assert len(task_table_to_tasks(task_table, 2023)) == 18
