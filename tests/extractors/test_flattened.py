"""Task tables that a web page or text export flattened to one cell per line, rebuilt.

Each test draws the table the lines came from; the lines are what the flattened text holds.
"""

from __future__ import annotations

from datetime import date

import pytest

from extractors.document import Cell, Paragraph, Table
from extractors.flattened import rebuild_flattened_tables
from extractors.model import DeadlineKind, Task, UnitRole
from extractors.task_tables import find_task_table, task_table_to_tasks
from normalizers.text import normalize_line


def paragraphs(text: str, *, normalize: bool = False) -> list[Paragraph]:
    lines = text.strip("\n").split("\n")
    return [Paragraph(normalize_line(line) if normalize else line) for line in lines]


def only_table(text: str, *, normalize: bool = False) -> Table:
    tables = rebuild_flattened_tables(paragraphs(text, normalize=normalize))
    assert len(tables) == 1
    return tables[0]


def tasks_of(table: Table, year: int) -> list[Task]:
    task_table = find_task_table(table)
    assert task_table is not None
    return task_table_to_tasks(task_table, year)


def units_of(task: Task) -> list[tuple[str, UnitRole]]:
    return [(unit.name, unit.role) for unit in task.units]


# --- 要点任务 / 工作要求 / 责任单位 / 完成时限 with group rows ----------------------------------

WORK_POINTS = """
附件
2023年政务公开工作要点任务分解表
要点任务
工作要求
责任单位
完成时限
一、聚焦高质量发展深化公开
(一)加强高质量发展信息公开
聚焦市委、市政府重点工作任务,强化信息公开和解读。
各县区政府(管委会),市政府各部门(单位)
全年
围绕优化营商环境,及时发布惠企政策。
市发改委、市财政局
2023年
6月底前
(二)做好就业信息公开
加大稳就业政策公开力度。
市人力资源社会保障局
长期坚持
二、聚焦政务公开标准化
(一)完善公开目录
动态调整公开目录。
市政务公开办
每季度
"""


def test_work_point_table_rebuilds_group_rows_and_spans() -> None:
    """
    +----------------------+----------------------+----------------------+-------------+
    | 要点任务             | 工作要求             | 责任单位             | 完成时限    |
    +----------------------+----------------------+----------------------+-------------+
    | 一、聚焦高质量发展深化公开 (group row across every column)                       |
    +----------------------+----------------------+----------------------+-------------+
    | (一)加强高质量发展   | 聚焦市委、市政府…    | 各县区政府(管委会),  | 全年        |
    | 信息公开             |                      | 市政府各部门(单位)   |             |
    |                      +----------------------+----------------------+-------------+
    |   (spans two rows)   | 围绕优化营商环境…    | 市发改委、市财政局   | 2023年      |
    |                      |                      |                      | 6月底前     |
    +----------------------+----------------------+----------------------+-------------+
    | (二)做好就业信息公开 | 加大稳就业政策…      | 市人力资源社会保障局 | 长期坚持    |
    +----------------------+----------------------+----------------------+-------------+
    | 二、聚焦政务公开标准化 (group row)                                               |
    +----------------------+----------------------+----------------------+-------------+
    | (一)完善公开目录     | 动态调整公开目录。   | 市政务公开办         | 每季度      |
    +----------------------+----------------------+----------------------+-------------+
    """
    table = only_table(WORK_POINTS)
    assert (table.n_rows, table.n_cols) == (7, 4)
    assert Cell(1, 0, "一、聚焦高质量发展深化公开", col_span=4) in table.cells
    assert Cell(2, 0, "(一)加强高质量发展信息公开", row_span=2) in table.cells
    assert Cell(5, 0, "二、聚焦政务公开标准化", col_span=4) in table.cells
    rows = table.text_rows()
    assert rows[3] == ["(一)加强高质量发展信息公开", "围绕优化营商环境,及时发布惠企政策。", "市发改委、市财政局", "2023年\n6月底前"]
    assert rows[4] == ["(二)做好就业信息公开", "加大稳就业政策公开力度。", "市人力资源社会保障局", "长期坚持"]


def test_work_point_table_gives_one_task_per_body_row() -> None:
    tasks = tasks_of(only_table(WORK_POINTS), 2023)
    assert [task.section for task in tasks] == [
        ("一、聚焦高质量发展深化公开", "(一)加强高质量发展信息公开"),
        ("一、聚焦高质量发展深化公开", "(一)加强高质量发展信息公开"),
        ("一、聚焦高质量发展深化公开", "(二)做好就业信息公开"),
        ("二、聚焦政务公开标准化", "(一)完善公开目录"),
    ]
    assert [task.requirement for task in tasks] == [
        "聚焦市委、市政府重点工作任务,强化信息公开和解读。",
        "围绕优化营商环境,及时发布惠企政策。",
        "加大稳就业政策公开力度。",
        "动态调整公开目录。",
    ]
    assert units_of(tasks[0]) == [("各县区政府(管委会)", UnitRole.RESPONSIBLE), ("市政府各部门(单位)", UnitRole.RESPONSIBLE)]
    assert all(unit.collective for unit in tasks[0].units)
    assert units_of(tasks[1]) == [("市发改委", UnitRole.RESPONSIBLE), ("市财政局", UnitRole.RESPONSIBLE)]
    assert [(t.deadline.kind, t.deadline.due) for t in tasks] == [
        (DeadlineKind.YEAR_ROUND, date(2023, 12, 31)),
        (DeadlineKind.DATE, date(2023, 6, 30)),
        (DeadlineKind.ONGOING, None),
        (DeadlineKind.PERIODIC, None),
    ]
    assert tasks[1].deadline.raw == "2023年6月底前"


# --- 序号 / 工作任务 / 责任单位 / 时间进度 with a task cell over three lines ----------------------

NUMBERED_ROWS = """
序号
工作任务
责任单位
时间进度
1
建立政务公开事项清单,
明确公开内容、公开时限,
定期更新发布。
市政务公开办
2023年6月底前
2
开展政策解读。
市发改委牵头,市财政局配合
6月底前启动,
12月底前完成
3
加强平台建设。
市大数据局
长期坚持
"""


def test_numbered_table_keeps_a_task_cell_broken_over_three_lines() -> None:
    """
    +------+--------------------------+----------------------------+----------------+
    | 序号 | 工作任务                 | 责任单位                   | 时间进度       |
    +------+--------------------------+----------------------------+----------------+
    | 1    | 建立政务公开事项清单,    | 市政务公开办               | 2023年6月底前  |
    |      | 明确公开内容、公开时限,  |                            |                |
    |      | 定期更新发布。           |                            |                |
    +------+--------------------------+----------------------------+----------------+
    | 2    | 开展政策解读。           | 市发改委牵头,市财政局配合  | 6月底前启动,   |
    |      |                          |                            | 12月底前完成   |
    +------+--------------------------+----------------------------+----------------+
    | 3    | 加强平台建设。           | 市大数据局                 | 长期坚持       |
    +------+--------------------------+----------------------------+----------------+
    """
    table = only_table(NUMBERED_ROWS)
    assert table.text_rows()[1:] == [
        ["1", "建立政务公开事项清单,\n明确公开内容、公开时限,\n定期更新发布。", "市政务公开办", "2023年6月底前"],
        ["2", "开展政策解读。", "市发改委牵头,市财政局配合", "6月底前启动,\n12月底前完成"],
        ["3", "加强平台建设。", "市大数据局", "长期坚持"],
    ]
    tasks = tasks_of(table, 2023)
    assert [task.section for task in tasks] == [(), (), ()]
    assert tasks[0].requirement == "建立政务公开事项清单,明确公开内容、公开时限,定期更新发布。"
    assert units_of(tasks[1]) == [("市发改委", UnitRole.LEAD), ("市财政局", UnitRole.COOPERATE)]
    assert tasks[1].deadline.due == date(2023, 12, 31)
    assert tasks[1].deadline.all_due == (date(2023, 6, 30), date(2023, 12, 31))


# --- two columns whose rows open with 一、 --------------------------------------------------

PILOT_FIELDS = """
试点领域名称
责任单位
一、重大建设项目领域
市发改委
二、公共资源交易领域
市公共资源交易中心
三、财政预算领域
市财政局
"""


def test_numbered_rows_of_a_two_column_table_are_rows_not_group_rows() -> None:
    """
    +------------------------+----------------------+
    | 试点领域名称           | 责任单位             |
    +------------------------+----------------------+
    | 一、重大建设项目领域   | 市发改委             |
    | 二、公共资源交易领域   | 市公共资源交易中心   |
    | 三、财政预算领域       | 市财政局             |
    +------------------------+----------------------+
    """
    table = only_table(PILOT_FIELDS)
    assert (table.n_rows, table.n_cols) == (4, 2)
    assert all(cell.col_span == 1 for cell in table.cells)
    tasks = tasks_of(table, 2020)
    assert [(task.section, task.requirement) for task in tasks] == [
        ((), "重大建设项目领域"),
        ((), "公共资源交易领域"),
        ((), "财政预算领域"),
    ]
    assert [units_of(task) for task in tasks] == [
        [("市发改委", UnitRole.RESPONSIBLE)],
        [("市公共资源交易中心", UnitRole.RESPONSIBLE)],
        [("市财政局", UnitRole.RESPONSIBLE)],
    ]
    assert {task.deadline.kind for task in tasks} == {DeadlineKind.NONE}


# --- header quirks --------------------------------------------------------------------------

BROKEN_HEADER = """
工作任务
责任单位
完成
时限
推进决策公开。
市司法局
2023年10月底前
做好政策解读。
市政府办公室
全年
"""


def test_header_word_broken_over_two_lines_is_joined() -> None:
    """
    +----------------+--------------+------------------+
    | 工作任务       | 责任单位     | 完成             |
    |                |              | 时限             |
    +----------------+--------------+------------------+
    | 推进决策公开。 | 市司法局     | 2023年10月底前   |
    | 做好政策解读。 | 市政府办公室 | 全年             |
    +----------------+--------------+------------------+
    """
    table = only_table(BROKEN_HEADER)
    assert table.n_cols == 3
    assert table.text_rows()[1:] == [
        ["推进决策公开。", "市司法局", "2023年10月底前"],
        ["做好政策解读。", "市政府办公室", "全年"],
    ]
    tasks = tasks_of(table, 2023)
    assert [(t.deadline.kind, t.deadline.due) for t in tasks] == [
        (DeadlineKind.DATE, date(2023, 10, 31)),
        (DeadlineKind.YEAR_ROUND, date(2023, 12, 31)),
    ]


SPACED_HEADER = """
序\u3000号
主 要 工 作 任 务
责 任 单 位
完 成 时 限
1
完善政务公开平台。
市大数据局、市政务公开办
2023年9月底前
2
加强基层政务公开标准化规范化建设。
各县区政府(管委会)
全年
"""


def test_spaced_out_header_cells_are_read_after_normalization() -> None:
    """
    +--------+----------------------------------+--------------------------+----------------+
    | 序　号 | 主 要 工 作 任 务                | 责 任 单 位              | 完 成 时 限    |
    +--------+----------------------------------+--------------------------+----------------+
    | 1      | 完善政务公开平台。               | 市大数据局、市政务公开办 | 2023年9月底前  |
    | 2      | 加强基层政务公开标准化规范化建设 | 各县区政府(管委会)       | 全年           |
    +--------+----------------------------------+--------------------------+----------------+
    """
    table = only_table(SPACED_HEADER, normalize=True)
    assert table.n_cols == 4
    tasks = tasks_of(table, 2023)
    assert [task.requirement for task in tasks] == ["完善政务公开平台。", "加强基层政务公开标准化规范化建设。"]
    assert units_of(tasks[0]) == [("市大数据局", UnitRole.RESPONSIBLE), ("市政务公开办", UnitRole.RESPONSIBLE)]
    assert tasks[0].deadline.due == date(2023, 9, 30)
    assert tasks[1].deadline.kind is DeadlineKind.YEAR_ROUND


def test_header_repeated_on_a_new_page_is_skipped() -> None:
    lines = """
序号
工作任务
责任单位
完成时限
1
编制政务公开事项目录。
市政务公开办
2023年6月底前
序号
工作任务
责任单位
完成时限
2
开展政务公开业务培训。
市司法局
每季度
"""
    table = only_table(lines)
    assert [row[1] for row in table.text_rows()[1:]] == ["编制政务公开事项目录。", "开展政务公开业务培训。"]


def test_table_ends_at_the_next_attachment_heading() -> None:
    lines = """
工作任务
责任单位
完成时限
推进决策公开。
市司法局
2023年10月底前
附件2
政务公开工作联系人名单
"""
    table = only_table(lines)
    assert table.n_rows == 2
    assert "政务公开工作联系人名单" not in [cell.text for cell in table.cells]


@pytest.mark.parametrize(
    "text",
    ["一、总体要求\n各部门要加强领导。\n二、重点任务", "姓名\n职务\n张三\n主任"],
    ids=["work-points-in-prose", "table-that-is-no-task-table"],
)
def test_no_table_is_rebuilt_without_a_task_table_header(text: str) -> None:
    assert rebuild_flattened_tables(paragraphs(text)) == []
