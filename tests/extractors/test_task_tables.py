"""Task tables whose header takes two rows: a merged 责任单位 over 牵头单位 | 配合单位, and the like.

Each case draws the table in the document model every reader produces (a merged cell stored
once with its spans), so one case covers DOCX gridSpan/vMerge, HTML colspan/rowspan, XLSX merged
ranges and ruled PDF cells alike.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.columns import ColumnRole
from extractors.document import Cell, Document, InputFormat, Paragraph, Table
from extractors.model import DeadlineKind, Task, UnitRole
from extractors.notice import document_to_notice
from extractors.readers import read_document
from extractors.task_tables import find_task_table, infer_task_table, task_table_to_tasks

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"

S, G, R, L, C, P, D, O = (
    ColumnRole.SEQ,
    ColumnRole.GROUP,
    ColumnRole.REQUIREMENT,
    ColumnRole.LEAD,
    ColumnRole.COOPERATE,
    ColumnRole.RESPONSIBLE,
    ColumnRole.DEADLINE,
    ColumnRole.OTHER,
)


def table(*cells: tuple[int, int, str] | tuple[int, int, str, int, int]) -> Table:
    """A table from (row, col, text[, row_span, col_span]) cells."""
    built = tuple(Cell(*cell) for cell in cells)
    n_rows = max(cell.row + cell.row_span for cell in built)
    n_cols = max(cell.col + cell.col_span for cell in built)
    return Table(built, n_rows, n_cols)


def tasks_of(source: Table) -> list[Task]:
    found = find_task_table(source)
    assert found is not None
    return task_table_to_tasks(found, 2024)


def units_of(task: Task) -> list[tuple[str, UnitRole]]:
    return [(unit.name, unit.role) for unit in task.units]


# +----+------+------+-----------------+------+
# | 序号 | 重点任务 | 具体措施 |     责任单位      | 完成时限 |
# |    |      |      +--------+--------+      |
# |    |      |      | 牵头单位 | 配合单位 |      |
# +----+------+------+--------+--------+------+
# | 1  | 老旧小区 | 新开工…  | 市住建局  | 市财政局… | 6月底前 |
MERGED_OVER_BOTH_ROWS = table(
    (0, 0, "序号", 2, 1),
    (0, 1, "重点任务", 2, 1),
    (0, 2, "具体措施", 2, 1),
    (0, 3, "责任单位", 1, 2),
    (0, 5, "完成时限", 2, 1),
    (1, 3, "牵头单位"),
    (1, 4, "配合单位"),
    (2, 0, "1"),
    (2, 1, "老旧小区改造提质", 2, 1),
    (2, 2, "新开工改造城镇老旧小区120个。"),
    (2, 3, "市住房城乡建设局", 2, 1),
    (2, 4, "市发展改革委、市财政局"),
    (2, 5, "2024年6月底前"),
    (3, 0, "2"),
    (3, 2, "推动老旧小区加装电梯。"),
    (3, 4, "市市场监管局"),
    (3, 5, "2024年底前"),
)

# The lower header row as separate cells that repeat the upper text (a reader or an author
# that wrote no vertical merge), and 责任单位 over three columns, the middle one 责任单位 again.
REPEATED_TEXT_THREE_UNITS = table(
    (0, 0, "序号"),
    (0, 1, "工作任务"),
    (0, 2, "责任单位", 1, 3),
    (0, 5, "完成时限"),
    (1, 0, "序号"),
    (1, 1, "工作任务"),
    (1, 2, "牵头单位"),
    (1, 3, "责任单位"),
    (1, 4, "配合单位"),
    (1, 5, "完成时限"),
    (2, 0, "1"),
    (2, 1, "完善养老服务体系。"),
    (2, 2, "市民政局"),
    (2, 3, "各县区政府"),
    (2, 4, "市财政局"),
    (2, 5, "全年"),
)

# 时间安排 over 开始时间 | 完成时间: the deadline is when the work ends.
TIME_SPAN = table(
    (0, 0, "序号", 2, 1),
    (0, 1, "工作任务", 2, 1),
    (0, 2, "责任单位", 2, 1),
    (0, 3, "时间安排", 1, 2),
    (1, 3, "开始时间"),
    (1, 4, "完成时间"),
    (2, 0, "1"),
    (2, 1, "建成智慧停车平台。"),
    (2, 2, "市城管局"),
    (2, 3, "2024年3月"),
    (2, 4, "2024年9月底前"),
)

# A merge flattened by a text export: the spanning header leaves its second slot empty, and
# the rows under the vertically merged headers are empty.
FLATTENED_MERGE = table(
    (0, 0, "序号"),
    (0, 1, "工作任务"),
    (0, 2, "责任单位"),
    (0, 3, ""),
    (0, 4, "完成时限"),
    (1, 0, ""),
    (1, 1, ""),
    (1, 2, "牵头单位"),
    (1, 3, "配合单位"),
    (1, 4, ""),
    (2, 0, "1"),
    (2, 1, "开展森林防火巡查。"),
    (2, 2, "县林业局"),
    (2, 3, "各乡镇人民政府"),
    (2, 4, "2024年3月底前"),
)

# A title row over the whole table, then a two-row header.
TITLE_ABOVE = table(
    (0, 0, "重点任务分解表", 1, 4),
    (1, 0, "序号", 2, 1),
    (1, 1, "工作任务", 2, 1),
    (1, 2, "责任单位", 1, 2),
    (2, 2, "牵头单位"),
    (2, 3, "配合单位"),
    (3, 0, "1"),
    (3, 1, "推进城市更新。"),
    (3, 2, "市住建局"),
    (3, 3, "市财政局"),
)


@pytest.mark.parametrize(
    ("source", "roles", "body_row"),
    [
        pytest.param(MERGED_OVER_BOTH_ROWS, (S, G, R, L, C, D), 2, id="merged-over-both-rows"),
        pytest.param(REPEATED_TEXT_THREE_UNITS, (S, R, L, P, C, D), 2, id="repeated-text-three-units"),
        pytest.param(TIME_SPAN, (S, R, P, O, D), 2, id="start-and-end-time"),
        pytest.param(FLATTENED_MERGE, (S, R, L, C, D), 2, id="flattened-merge"),
        pytest.param(TITLE_ABOVE, (S, R, L, C), 3, id="title-row-above"),
    ],
)
def test_sub_header_labels_decide_the_column_roles(source: Table, roles: tuple[ColumnRole, ...], body_row: int) -> None:
    found = find_task_table(source)
    assert found is not None
    assert found.layout.roles == roles
    assert found.body_row == body_row


def test_two_row_header_gives_lead_and_cooperating_units_and_no_header_task() -> None:
    first, second = tasks_of(MERGED_OVER_BOTH_ROWS)
    assert first.requirement == "新开工改造城镇老旧小区120个。"
    assert first.section == ("老旧小区改造提质",)
    assert units_of(first) == [
        ("市住房城乡建设局", UnitRole.LEAD),
        ("市发展改革委", UnitRole.COOPERATE),
        ("市财政局", UnitRole.COOPERATE),
    ]
    assert units_of(second) == [("市住房城乡建设局", UnitRole.LEAD), ("市市场监管局", UnitRole.COOPERATE)]


def test_lower_label_equal_to_the_spanning_one_keeps_its_role() -> None:
    (task,) = tasks_of(REPEATED_TEXT_THREE_UNITS)
    assert units_of(task) == [
        ("市民政局", UnitRole.LEAD),
        ("各县区政府", UnitRole.RESPONSIBLE),
        ("市财政局", UnitRole.COOPERATE),
    ]


def test_start_time_column_is_no_deadline() -> None:
    (task,) = tasks_of(TIME_SPAN)
    assert task.deadline.kind is DeadlineKind.DATE
    assert task.deadline.due is not None and task.deadline.due.isoformat() == "2024-09-30"


def test_repeated_two_row_header_on_a_new_page_is_no_task() -> None:
    repeated = table(
        *[(c.row, c.col, c.text, c.row_span, c.col_span) for c in REPEATED_TEXT_THREE_UNITS.cells],
        *[(c.row + 3, c.col, c.text, c.row_span, c.col_span) for c in REPEATED_TEXT_THREE_UNITS.cells],
    )
    assert [task.requirement for task in tasks_of(repeated)] == ["完善养老服务体系。", "完善养老服务体系。"]


# --- what is not a sub-header -------------------------------------------------------------------

# One header row; the first body row has short cells, none of them a header word.
SHORT_BODY_ROW = table(
    (0, 0, "序号"),
    (0, 1, "工作任务"),
    (0, 2, "责任单位", 1, 2),
    (0, 4, "完成时限"),
    (1, 0, ""),
    (1, 1, "绿化"),
    (1, 2, "林业局"),
    (1, 3, "财政局"),
    (1, 4, "年底前"),
)

# One header row, then a group row merged across the table whose heading ends in a header word.
GROUP_ROW_FIRST = table(
    (0, 0, "序号"),
    (0, 1, "工作任务"),
    (0, 2, "牵头单位"),
    (0, 3, "配合单位"),
    (1, 0, "(一)重点任务", 1, 4),
    (2, 0, "1"),
    (2, 1, "推进老旧小区改造。"),
    (2, 2, "市住建局"),
    (2, 3, "市财政局"),
)

# The group heading in the group column only, under a header cell that spans two columns.
GROUP_CELL_FIRST = table(
    (0, 0, "重点任务", 1, 2),
    (0, 2, "责任单位"),
    (0, 3, "完成时限"),
    (1, 0, "一、重点任务", 1, 2),
    (2, 0, "城市更新"),
    (2, 1, "推进老旧小区改造。"),
    (2, 2, "市住建局"),
    (2, 3, "年底前"),
)


@pytest.mark.parametrize(
    ("source", "roles", "first_section"),
    [
        pytest.param(SHORT_BODY_ROW, (S, R, P, P, D), (), id="short-body-row"),
        pytest.param(GROUP_ROW_FIRST, (S, R, L, C), ("(一)重点任务",), id="group-row-first"),
        pytest.param(GROUP_CELL_FIRST, (R, R, P, D), ("一、重点任务",), id="group-cell-first"),
    ],
)
def test_a_body_or_group_row_under_a_one_row_header_stays_in_the_body(
    source: Table, roles: tuple[ColumnRole, ...], first_section: tuple[str, ...]
) -> None:
    found = find_task_table(source)
    assert found is not None
    assert found.layout.roles == roles
    assert found.body_row == 1
    (task,) = task_table_to_tasks(found, 2024)
    assert task.section == first_section


# --- a real notice ------------------------------------------------------------------------------


def test_tongling_decomposition_table_reads_lead_and_cooperating_units() -> None:
    """铜陵 2024 城市更新: 责任单位 merged over 牵头单位 | 配合单位 in a DOCX (gridSpan, vMerge)."""
    path = FIXTURES / "variety3" / "x01_tongling_2024_chengshigengxin.docx"
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    tasks = document_to_notice(read_document(path)).tasks
    assert "具体措施" not in [task.requirement for task in tasks]
    assert [[(u.name, u.role.value) for u in task.units] for task in tasks] == [
        [(u["name"], u["role"]) for u in task["units"]] for task in gold["tasks"]
    ]


# +----+----------------------------------------------+----------+
# | 序号 | 工作任务                                        | 责任单位   |
# | 填报说明:1.责任单位中列第一位的为牵头单位,其余为配合单位。(across) |
# | 一、加快数字基础设施建设 (across)                                |
# | 1  | 新建5G基站1500个。                                | 市通信管理办、中国移动株洲分公司 |
NOTE_UNDER_THE_HEADER = table(
    (0, 0, "序号"),
    (0, 1, "工作任务"),
    (0, 2, "责任单位"),
    (1, 0, "填报说明:1.责任单位中列第一位的为牵头单位,其余为配合单位;2.请于每季度末报送进展。", 1, 3),
    (2, 0, "一、加快数字基础设施建设", 1, 3),
    (3, 0, "1"),
    (3, 1, "新建5G基站1500个。"),
    (3, 2, "市通信管理办、中国移动株洲分公司、中国电信株洲分公司"),
    (4, 0, "注:本表由市数字经济办汇总。", 1, 3),
)


def test_a_note_across_the_table_is_neither_a_heading_nor_a_task() -> None:
    (task,) = tasks_of(NOTE_UNDER_THE_HEADER)
    assert task.section == ("一、加快数字基础设施建设",)
    assert task.requirement == "新建5G基站1500个。"


def test_the_convention_stated_in_a_note_row_reads_the_unit_lists() -> None:
    notice = document_to_notice(Document(blocks=(NOTE_UNDER_THE_HEADER,), format=InputFormat.XLSX))
    (task,) = notice.tasks
    assert units_of(task) == [("市通信管理办", UnitRole.LEAD), ("中国移动株洲分公司", UnitRole.COOPERATE),
                              ("中国电信株洲分公司", UnitRole.COOPERATE)]  # fmt: skip


def _page_of_rows(*rows: tuple[str, str, str]) -> Table:
    """A table with the 任务类别 | 工作任务 | 责任单位 header over ``rows``; a category cell spans its group."""
    cells = [(0, 0, "任务类别"), (0, 1, "工作任务"), (0, 2, "责任单位")]
    for number, (group, work, units) in enumerate(rows, start=1):
        if group:
            cells.append((number, 0, group))
        cells += [(number, 1, work), (number, 2, units)]
    return table(*cells)


def test_a_table_continued_after_a_page_break_keeps_the_group_of_its_first_rows() -> None:
    first = _page_of_rows(("人居环境", "实施农村人居环境整治提升行动。", "区农业农村局"))
    second = _page_of_rows(("", "推进四好农村路建设。", "区交通运输局"), ("乡村治理", "深化三治融合。", "区委组织部"))
    notice = document_to_notice(Document(blocks=(first, second), format=InputFormat.HTML))
    assert [task.section for task in notice.tasks] == [("人居环境",), ("人居环境",), ("乡村治理",)]


def test_a_table_under_another_header_is_no_continuation() -> None:
    first = _page_of_rows(("人居环境", "实施农村人居环境整治提升行动。", "区农业农村局"))
    other = table((0, 0, "序号"), (0, 1, "重点项目"), (0, 2, "责任单位"), (1, 0, "1"), (1, 1, "建设污水处理厂。"), (1, 2, "区住建局"))
    notice = document_to_notice(Document(blocks=(first, other), format=InputFormat.HTML))
    assert [task.section for task in notice.tasks] == [("人居环境",), ()]


def test_a_numbered_heading_alone_in_the_work_column_is_a_group_row() -> None:
    """A table pasted from a spreadsheet: the heading in 工作任务, 序号, units and deadline empty."""
    source = table(
        (0, 0, "序号"), (0, 1, "工作任务"), (0, 2, "责任单位"), (0, 3, "完成时限"),
        (1, 1, "一、坚持立德树人,加强教育系统党的建设"),
        (2, 0, "1"), (2, 1, "深化思政课一体化建设。"), (2, 2, "市教育和体育局"), (2, 3, "全年"),
        (3, 0, "2"), (3, 1, "(一)学前教育"), (3, 2, "市教育和体育局"), (3, 3, "9月底前"),
    )  # fmt: skip
    tasks = tasks_of(source)
    assert [(task.section, task.requirement) for task in tasks] == [
        (("一、坚持立德树人,加强教育系统党的建设",), "深化思政课一体化建设。"),
        (("一、坚持立德树人,加强教育系统党的建设",), "学前教育"),  # a numbered row with units is work
    ]


def test_a_group_s_number_and_its_title_merged_across_the_row_is_a_heading() -> None:
    """1 | 优化政务服务环境 over the rows 1-1 and 1-2 of its tasks."""
    source = table(
        (0, 0, "序号"), (0, 1, "工作任务"), (0, 2, "责任单位"), (0, 3, "完成时限"),
        (1, 0, "1"), (1, 1, "优化政务服务环境", 1, 3),
        (2, 0, "1-1"), (2, 1, "推进“一件事一次办”。"), (2, 2, "区行政审批局"), (2, 3, "6月底前"),
        (3, 0, "1-2"), (3, 1, "推行“帮办代办”服务。"), (3, 2, "区政务服务中心"), (3, 3, "全年"),
    )  # fmt: skip
    assert [(task.section, task.requirement) for task in tasks_of(source)] == [
        (("优化政务服务环境",), "推进“一件事一次办”。"),
        (("优化政务服务环境",), "推行“帮办代办”服务。"),
    ]


def test_a_task_written_over_two_rows_is_one_task_and_a_total_row_is_none() -> None:
    """The second row holds only the rest of the text (序号, units, deadline merged or empty)."""
    source = table(
        (0, 0, "序号"), (0, 1, "工作措施"), (0, 2, "责任单位"), (0, 3, "完成时限"),
        (1, 0, "1", 2, 1), (1, 1, "开展危险化学品企业安全隐患排查,"), (1, 2, "市应急管理局", 2, 1), (1, 3, "6月底前", 2, 1),
        (2, 1, "建立隐患台账并限期整改。"),
        (3, 0, "2"), (3, 1, "开展燃气安全专项整治,"), (3, 2, "市住房城乡建设局"), (3, 3, "9月底前"),
        (4, 1, "对瓶装液化气站逐一检查。"),
        (5, 0, "3", 2, 1), (5, 1, "开展道路交通隐患排查。"), (5, 2, "市公安局", 2, 1), (5, 3, "全年", 2, 1),
        (6, 1, "开展校车安全专项检查。"),  # the text above ends its sentence: a second measure
        (7, 0, "合计"), (7, 1, "共3项任务", 1, 3),
    )  # fmt: skip
    assert [task.requirement for task in tasks_of(source)] == [
        "开展危险化学品企业安全隐患排查,建立隐患台账并限期整改。",
        "开展燃气安全专项整治,对瓶装液化气站逐一检查。",
        "开展道路交通隐患排查。",
        "开展校车安全专项检查。",
    ]


@pytest.mark.parametrize("numbers", [("1", "2", "3", "4"), ("(1)", "(2)", "(3)", "(4)")], ids=["plain", "in-parentheses"])
def test_a_row_numbering_the_columns_under_the_header_is_no_task(numbers: tuple[str, ...]) -> None:
    source = table(
        (0, 0, "序号"), (0, 1, "工作任务"), (0, 2, "责任单位"), (0, 3, "完成时限"),
        *((1, column, number) for column, number in enumerate(numbers)),
        (2, 0, "1"), (2, 1, "开展农村房屋安全隐患排查。"), (2, 2, "市住房城乡建设局"), (2, 3, "6月底前"),
    )  # fmt: skip
    assert [task.requirement for task in tasks_of(source)] == ["开展农村房屋安全隐患排查。"]


def test_under_a_first_leads_note_a_lead_column_listing_several_bodies_has_one_lead() -> None:
    source = table(
        (0, 0, "序号"), (0, 1, "工作任务"), (0, 2, "牵头单位"), (0, 3, "完成时限"),
        (1, 0, "1"), (1, 1, "推进城乡公交一体化。"), (1, 2, "市交通运输局、市财政局、各县(市、区)政府"), (1, 3, "年底前"),
        (2, 0, "注:排名第一的为牵头单位,其他为责任单位。", 1, 4),
    )  # fmt: skip
    (task,) = document_to_notice(Document(blocks=(source,), format=InputFormat.PDF)).tasks
    assert units_of(task) == [("市交通运输局", UnitRole.LEAD), ("市财政局", UnitRole.RESPONSIBLE), ("各县(市、区)政府", UnitRole.RESPONSIBLE)]
    (without_note,) = tasks_of(Table(tuple(cell for cell in source.cells if cell.row < 2), 2, 4))
    assert {unit.role for unit in without_note.units} == {UnitRole.LEAD}


# +----+--------+-------------------------------+
# | 序号 | 具体工作 |           进度安排              |
# |    |        | 一季度 | 二季度 | 三季度 | 四季度 |
SCHEDULE_HEADER = ((0, 0, "序号", 2, 1), (0, 1, "具体工作", 2, 1), (0, 2, "牵头单位", 2, 1), (0, 3, "进度安排", 1, 4),
                   (1, 3, "一季度"), (1, 4, "二季度"), (1, 5, "三季度"), (1, 6, "四季度"))  # fmt: skip


@pytest.mark.parametrize(
    ("marks", "kind", "due"),
    [
        ({3: "✓", 4: "✓"}, DeadlineKind.DATE, "2024-06-30"),
        ({3: "完成立项", 5: "开工建设"}, DeadlineKind.DATE, "2024-09-30"),
        ({4: "8月底前完成招标"}, DeadlineKind.DATE, "2024-08-31"),
        ({3: "√", 4: "√", 5: "√", 6: "√"}, DeadlineKind.DATE, "2024-12-31"),
        ({}, DeadlineKind.NONE, None),
    ],
    ids=["ticks", "milestones", "a-date-in-the-milestone-wins", "every-quarter", "no-mark"],
)
def test_a_schedule_in_period_columns_is_due_at_the_end_of_the_last_marked_period(marks: dict[int, str], kind: DeadlineKind, due: str | None) -> None:
    row = [(2, 0, "1"), (2, 1, "推进城市更新项目建设。"), (2, 2, "区住建局"), *((2, column, text) for column, text in marks.items())]
    (task,) = tasks_of(table(*SCHEDULE_HEADER, *row))
    assert (task.deadline.kind, task.deadline.due.isoformat() if task.deadline.due else None) == (kind, due)


def test_one_text_across_every_period_column_is_read_as_a_deadline() -> None:
    (task,) = tasks_of(table(*SCHEDULE_HEADER, (2, 0, "1"), (2, 1, "深化放管服改革。"), (2, 2, "区行政审批局"), (2, 3, "长期坚持", 1, 4)))
    assert task.deadline.kind is DeadlineKind.ONGOING


def test_a_ditto_cell_repeats_that_column_of_the_task_row_above() -> None:
    source = table(
        (0, 0, "序号"), (0, 1, "目标任务"), (0, 2, "牵头单位"), (0, 3, "完成时间"),
        (1, 0, "1"), (1, 1, "推行企业开办全程网办。"), (1, 2, "市市场监管局"), (1, 3, "2020年6月"),
        (2, 0, "2"), (2, 1, "压减企业开办时间。"), (2, 2, "同上"), (2, 3, "同上"),
    )  # fmt: skip
    second = tasks_of(source)[1]
    assert units_of(second) == [("市市场监管局", UnitRole.LEAD)]
    assert second.deadline.due is not None and second.deadline.due.isoformat() == "2020-06-30"


HEADERLESS = table(
    (0, 0, "一、推进依法行政", 1, 4),
    (1, 0, "1"), (1, 1, "全面落实重大行政决策程序规定,严格执行公众参与、专家论证等程序。"), (1, 2, "市司法局(牵头)、市政府办公室"), (1, 3, "上半年"),
    (2, 0, "2"), (2, 1, "深化行政执法体制改革,推进综合行政执法向基层延伸。"), (2, 2, "市委编办、市司法局"), (2, 3, "三季度末"),
    (3, 0, "3"), (3, 1, "开展行政规范性文件合法性审核,做到应审尽审。"), (3, 2, "市司法局"), (3, 3, "持续推进"),
)  # fmt: skip


def test_a_table_of_work_without_a_header_row_is_read_from_its_cells() -> None:
    found = infer_task_table(HEADERLESS)
    assert found is not None
    assert [role.value for role in found.layout.roles] == ["seq", "requirement", "responsible", "deadline"]
    tasks = task_table_to_tasks(found, 2022)
    assert [task.section for task in tasks] == [("一、推进依法行政",)] * 3
    assert units_of(tasks[0]) == [("市司法局", UnitRole.LEAD), ("市政府办公室", UnitRole.RESPONSIBLE)]
    assert tasks[1].deadline.due is not None and tasks[1].deadline.due.isoformat() == "2022-09-30"


def test_a_headerless_list_of_names_is_no_task_table() -> None:
    members = table(
        (0, 0, "组长"), (0, 1, "张三"), (0, 2, "市人民政府副市长"),
        (1, 0, "副组长"), (1, 1, "李四"), (1, 2, "市人民政府办公室"),
        (2, 0, "成员"), (2, 1, "王五"), (2, 2, "市司法局"),
    )  # fmt: skip
    assert infer_task_table(members) is None


def test_a_table_under_a_numbered_heading_paragraph_puts_its_tasks_under_that_heading() -> None:
    """Each group's tasks in a table of their own, the group's heading a paragraph above it."""
    def group_table(task: str) -> Table:
        return table((0, 0, "序号"), (0, 1, "工作任务"), (0, 2, "责任单位"), (1, 0, "1"), (1, 1, task), (1, 2, "市大数据局"))

    blocks = (Paragraph("一、加快数字产业化发展"), group_table("发展电子信息制造业。"), Paragraph("二、推进产业数字化转型"),
              group_table("推动工业互联网应用。"))  # fmt: skip
    notice = document_to_notice(Document(blocks=blocks, format=InputFormat.HTML))
    assert [task.section for task in notice.tasks] == [("一、加快数字产业化发展",), ("二、推进产业数字化转型",)]
