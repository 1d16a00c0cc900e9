"""Task tables printed without ruling lines, found from how their text lines up."""

from __future__ import annotations

from extractors.readers.pdf_borderless import find_borderless_table
from extractors.readers.pdf_glyphs import Glyph
from extractors.readers.pdf_tables import DraftTable, fill_tables

SIZE = 10.0
COLUMNS = (72.0, 112.0, 262.0, 372.0)  # 序号 | 工作任务 | 牵头单位 | 完成时限


def line(baseline: float, *runs: tuple[float, str]) -> list[Glyph]:
    """Glyphs of one printed line: each run of text set from its x, one character a glyph."""
    return [Glyph(char, x0 + SIZE * i, x0 + SIZE * (i + 1), baseline, SIZE) for x0, text in runs for i, char in enumerate(text)]


HEADER = line(100, (72, "序号"), (152, "工作任务"), (282, "牵头单位"), (382, "完成时限"))
ROWS = [
    *line(120, (72, "1"), (112, "推进政务服务"), (262, "市行政审批局"), (372, "6月底前")),
    *line(134, (112, "一网通办。")),
    *line(154, (72, "一、优化营商环境")),
    *line(174, (72, "2"), (112, "压缩开办时间。"), (262, "市市场监管局"), (372, "全年")),
]


def text_rows(table: DraftTable) -> list[list[str]]:
    rows = [[""] * table.n_cols for _ in range(table.n_rows)]
    for cell in table.cells:
        for col in range(cell.col, cell.col + cell.col_span):
            rows[cell.row][col] = cell.text
    return rows


def table_of(glyphs: list[Glyph], carried: tuple[float, ...] | None = None) -> tuple[list[list[str]] | None, tuple[float, ...] | None]:
    draft, columns = find_borderless_table(glyphs, 1, carried)
    if draft is None:
        return None, columns
    fill_tables([draft], glyphs)
    return text_rows(draft), columns


def test_a_header_of_task_columns_opens_a_table_of_the_lines_that_line_up() -> None:
    table, columns = table_of([*HEADER, *ROWS, *line(260, (150, "抄送:市委办公室"))])
    assert table == [
        ["序号", "工作任务", "牵头单位", "完成时限"],
        ["1", "推进政务服务\n一网通办。", "市行政审批局", "6月底前"],
        ["一、优化营商环境"] * 4,
        ["2", "压缩开办时间。", "市市场监管局", "全年"],
    ]
    assert columns is None  # a line that lines up with no column ended it on this page


def test_a_table_running_to_the_page_s_end_keeps_its_columns_for_the_next_page() -> None:
    _, columns = table_of([*HEADER, *ROWS])
    assert columns == COLUMNS
    following = [*line(60, (72, "3"), (112, "推行帮办代办。"), (262, "市政务服务中心"), (372, "年底前")),
                 *line(80, (72, "4"), (112, "优化纳税服务。"), (262, "市税务局"), (372, "每季度"))]  # fmt: skip
    table, _ = table_of(following, columns)
    assert table is not None and [row[0] for row in table] == ["3", "4"]


def test_prose_naming_the_columns_is_no_header() -> None:
    prose = line(100, (72, "请各牵头单位、责任单位按完成时限要求抓好落实。"))
    assert table_of([*prose, *ROWS]) == (None, None)


def test_a_page_of_prose_after_a_table_takes_no_columns() -> None:
    prose = [*line(60, (90, "各县区要加强组织领导。")), *line(80, (72, "二、保障措施"))]
    assert table_of(prose, COLUMNS) == (None, None)


def test_a_group_heading_in_the_task_column_spans_its_row() -> None:
    heading = line(154, (112, "一、优化营商环境"))  # 序号 empty, the heading under 工作任务
    rows = [*line(120, (72, "1"), (112, "推进政务服务。"), (262, "市行政审批局"), (372, "6月底前")), *heading,
            *line(174, (72, "2"), (112, "压缩开办时间。"), (262, "市市场监管局"), (372, "全年"))]  # fmt: skip
    table, _ = table_of([*HEADER, *rows])
    assert table is not None and table[2] == ["一、优化营商环境"] * 4
