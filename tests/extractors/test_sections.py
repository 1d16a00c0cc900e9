"""The section tree of a notice's work points and the tasks written in its prose."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.document import Align, Paragraph
from extractors.model import DeadlineKind, Task, UnitRole
from extractors.sections import document_to_sections, sections_to_tasks


def paragraphs(text: str) -> list[Paragraph]:
    return [Paragraph(line) for line in text.strip("\n").split("\n")]


def units_of(task: Task) -> list[tuple[str, UnitRole]]:
    return [(unit.name, unit.role) for unit in task.units]


NESTED = """
一、重点任务
(一)推进决策公开
1.完善决策目录
(1)编制重大行政决策事项目录,2021年底前向社会公布。
(2)推行重大决策预公开。
2.加强政策解读。
(二)推进执行公开
二、保障措施
(一)加强组织领导
"""


def test_sections_nest_chinese_paren_arabic_and_paren_arabic_numbers() -> None:
    sections = document_to_sections(paragraphs(NESTED))
    assert [(s.number, s.level) for s in sections] == [
        ("一、", 1), ("(一)", 2), ("1.", 3), ("(1)", 4), ("(2)", 4), ("2.", 3), ("(二)", 2), ("二、", 1), ("(一)", 2),
    ]  # fmt: skip
    by_number = {(s.number, s.level): s for s in sections}
    assert by_number[("(2)", 4)].path == ("一、重点任务", "(一)推进决策公开", "1.完善决策目录")
    assert by_number[("(二)", 2)].path == ("一、重点任务",)
    assert sections[-1].path == ("二、保障措施",)


def test_section_title_ends_at_its_first_full_stop() -> None:
    (section,) = [s for s in document_to_sections(paragraphs(NESTED)) if s.number == "(1)"]
    assert section.title == "编制重大行政决策事项目录,2021年底前向社会公布"


def test_one_task_per_lowest_level_item() -> None:
    tasks = sections_to_tasks(paragraphs(NESTED), 2021)
    assert [(task.section[-1], task.requirement) for task in tasks] == [
        ("1.完善决策目录", "编制重大行政决策事项目录,2021年底前向社会公布。"),
        ("1.完善决策目录", "推行重大决策预公开。"),
        ("(一)推进决策公开", "加强政策解读。"),
        ("一、重点任务", "推进执行公开"),
        ("二、保障措施", "加强组织领导"),
    ]


def test_inline_deadline_in_an_item() -> None:
    task = sections_to_tasks(paragraphs(NESTED), 2021)[0]
    deadline = task.deadline
    assert (deadline.kind, deadline.raw, deadline.due) == (DeadlineKind.DATE, "2021年底前", date(2021, 12, 31))


def test_heading_only_line_takes_the_body_paragraphs_after_it() -> None:
    text = """
一、推进决策公开
完善重大行政决策公开制度。
对涉及群众切身利益的决策,广泛听取意见。
二、推进执行公开
加强执行公开,每季度公开1次进展。
"""
    sections = document_to_sections(paragraphs(text))
    assert [(s.title, s.text) for s in sections] == [
        ("推进决策公开", "完善重大行政决策公开制度。对涉及群众切身利益的决策,广泛听取意见。"),
        ("推进执行公开", "加强执行公开,每季度公开1次进展。"),
    ]
    tasks = sections_to_tasks(paragraphs(text), 2021)
    assert tasks[0].requirement == "推进决策公开完善重大行政决策公开制度。对涉及群众切身利益的决策,广泛听取意见。"
    assert tasks[1].deadline.kind is DeadlineKind.PERIODIC


# --- the preamble ---------------------------------------------------------------------------

PREAMBLE = """
一、总体要求
(一)指导思想
以习近平新时代中国特色社会主义思想为指导,全面推进政务公开。
(二)工作目标
到2021年底,基本建成政务公开标准体系。
二、重点任务
(一)推进决策公开
完善决策公开制度。
"""


@pytest.mark.parametrize("heading", ["总体要求", "指导思想", "工作目标", "基本原则", "主要目标"])
def test_items_under_preamble_headings_are_not_tasks(heading: str) -> None:
    text = f"一、{heading}\n(一)坚持以人民为中心\n依法公开。\n二、重点任务\n(一)推进决策公开\n完善决策公开制度。"
    tasks = sections_to_tasks(paragraphs(text), 2021)
    assert [task.section for task in tasks] == [("二、重点任务",)]


def test_preamble_items_are_sections_but_not_tasks() -> None:
    assert [s.title for s in document_to_sections(paragraphs(PREAMBLE))][:3] == ["总体要求", "指导思想", "工作目标"]
    assert [task.requirement for task in sections_to_tasks(paragraphs(PREAMBLE), 2021)] == ["推进决策公开完善决策公开制度。"]


@pytest.mark.parametrize(
    "labelled",
    ["基本建成政务公开标准体系。\n责任单位:市政务公开办\n", "基本建成政务公开标准体系。(责任单位:市政务公开办)\n",
     "基本建成政务公开标准体系。责任单位:市政务公开办\n"],
    ids=["unit-line", "closing-parenthesis", "closing-clause"],
)  # fmt: skip
def test_preamble_item_with_labelled_units_is_a_task(labelled: str) -> None:
    text = PREAMBLE.replace("基本建成政务公开标准体系。\n", labelled)
    tasks = sections_to_tasks(paragraphs(text), 2021)
    assert [task.section for task in tasks] == [("一、总体要求",), ("二、重点任务",)]
    assert tasks[0].requirement == "工作目标到2021年底,基本建成政务公开标准体系。"
    assert units_of(tasks[0]) == [("市政务公开办", UnitRole.RESPONSIBLE)]


def test_preamble_item_naming_doers_in_its_prose_is_no_task() -> None:
    text = PREAMBLE.replace("基本建成政务公开标准体系。", "市政务公开办牵头基本建成政务公开标准体系。")
    assert [task.section for task in sections_to_tasks(paragraphs(text), 2021)] == [("二、重点任务",)]


# --- where the work points end --------------------------------------------------------------

ENDING = """
一、推进决策公开
完善决策公开制度。
二、推进执行公开
加强执行公开。
各区(市)、各部门要结合实际,认真抓好贯彻落实。
附件:2021年政务公开工作任务分解表
1.政务公开事项目录
临沂市人民政府办公室
2021年3月1日
"""


def test_closing_remark_after_the_last_item_is_not_part_of_it() -> None:
    tasks = sections_to_tasks(paragraphs(ENDING), 2021)
    assert tasks[-1].requirement == "推进执行公开加强执行公开。"


@pytest.mark.parametrize("contact", ["联系人:王敏,电话:8226615", "联 系 人:王敏", "联系电话:0475-8226615"])
def test_whom_to_ask_after_the_last_item_is_not_part_of_it(contact: str) -> None:
    (task,) = sections_to_tasks(paragraphs(f"一、强化隐患排查\n(一)开展燃气安全专项整治。\n{contact}"), 2022)
    assert task.requirement == "开展燃气安全专项整治。"


def test_attachment_heading_ends_the_work_points() -> None:
    sections = document_to_sections(paragraphs(ENDING))
    assert [s.number for s in sections] == ["一、", "二、"]
    assert all("政务公开事项目录" not in s.text for s in sections)


def test_signature_is_not_part_of_the_last_item() -> None:
    text = "一、推进决策公开\n完善决策公开制度。\n临沂市人民政府办公室\n2021年3月1日"
    body = [*paragraphs(text)[:2], Paragraph("临沂市人民政府办公室", Align.RIGHT), Paragraph("2021年3月1日", Align.RIGHT)]
    (task,) = sections_to_tasks(body, 2021)
    assert task.requirement == "推进决策公开完善决策公开制度。"


def test_body_of_a_heading_only_last_item_is_kept_even_when_it_opens_with_ge() -> None:
    text = "一、重点任务\n(一)推进决策公开\n完善决策公开制度。\n二、保障措施\n(一)加强组织领导\n各部门要高度重视,明确专人负责。"
    tasks = sections_to_tasks(paragraphs(text), 2021)
    assert tasks[-1].requirement == "加强组织领导各部门要高度重视,明确专人负责。"


# --- units ----------------------------------------------------------------------------------

UNITS = """
一、推进决策公开
(一)编制重大行政决策事项目录。(市发展改革委牵头,市财政局配合)
(二)推行重大决策预公开。
责任单位:市司法局、各县区政府
(三)做好政策解读。(牵头单位:市政府办公室;责任单位:各县区政府)
(四)加强政务公开培训。
市政府办公室要做好政务公开业务培训。
"""


def test_units_from_a_trailing_parenthesis_leave_the_requirement() -> None:
    task = sections_to_tasks(paragraphs(UNITS), 2021)[0]
    assert task.requirement == "编制重大行政决策事项目录。"
    assert units_of(task) == [("市发展改革委", UnitRole.LEAD), ("市财政局", UnitRole.COOPERATE)]


def test_units_from_a_responsible_unit_line() -> None:
    task = sections_to_tasks(paragraphs(UNITS), 2021)[1]
    assert task.requirement == "推行重大决策预公开。"
    assert units_of(task) == [("市司法局", UnitRole.RESPONSIBLE), ("各县区政府", UnitRole.RESPONSIBLE)]
    assert task.units[1].collective


def test_units_from_labels_in_a_trailing_parenthesis() -> None:
    task = sections_to_tasks(paragraphs(UNITS), 2021)[2]
    assert task.requirement == "做好政策解读。"
    assert units_of(task) == [("市政府办公室", UnitRole.LEAD), ("各县区政府", UnitRole.RESPONSIBLE)]


def test_units_named_as_doers_in_the_prose() -> None:
    task = sections_to_tasks(paragraphs(UNITS), 2021)[3]
    assert units_of(task) == [("市政府办公室", UnitRole.RESPONSIBLE)]


def test_deadline_inside_the_trailing_unit_parenthesis_is_kept() -> None:
    text = "一、推进决策公开\n(一)编制重大行政决策事项目录。(市发展改革委牵头,市财政局配合,2021年6月底前完成)"
    (task,) = sections_to_tasks(paragraphs(text), 2021)
    assert units_of(task) == [("市发展改革委", UnitRole.LEAD), ("市财政局", UnitRole.COOPERATE)]
    assert (task.deadline.kind, task.deadline.due) == (DeadlineKind.DATE, date(2021, 6, 30))


@pytest.mark.parametrize(
    ("item", "requirement", "units", "due"),
    [
        ("(一)做好就业信息公开。责任单位:市人社局、市财政局", "做好就业信息公开。",
         [("市人社局", "responsible"), ("市财政局", "responsible")], None),
        ("(一)做好就业信息公开。牵头单位:市人社局;配合单位:市财政局;完成时限:2023年6月底前", "做好就业信息公开。",
         [("市人社局", "lead"), ("市财政局", "cooperate")], "2023-06-30"),
        ("(一)做好社保信息公开(牵头单位:市人社局;责任单位:各县区政府,9月底前完成)", "做好社保信息公开",
         [("市人社局", "lead"), ("各县区政府", "responsible")], "2023-09-30"),
    ],
    ids=["closing-label", "labels-with-deadline", "labels-in-parenthesis"],
)
def test_labelled_units_closing_an_item(item: str, requirement: str, units: list[tuple[str, str]], due: str | None) -> None:
    tasks = sections_to_tasks([Paragraph("一、加强信息公开"), Paragraph(item)], 2023)
    assert len(tasks) == 1
    assert tasks[0].requirement == requirement
    assert [(u.name, u.role.value) for u in tasks[0].units] == units
    assert (tasks[0].deadline.due.isoformat() if tasks[0].deadline.due else None) == due


def test_distribution_lines_of_the_closing_record_end_the_work_points() -> None:
    text = """一、推进决策公开
(一)完善决策公开制度。
抄送:市委各部门,市人大常委会办公室。
铜陵市人民政府办公室 2024年3月19日印发"""
    (task,) = sections_to_tasks(paragraphs(text), 2024)
    assert task.requirement == "完善决策公开制度。"


@pytest.mark.parametrize(
    ("lines", "requirement", "raw", "due"),
    [
        (["(一)推进老旧小区改造。", "完成时限:2024年9月底前"], "推进老旧小区改造。", "2024年9月底前", "2024-09-30"),
        (["(一)推进老旧小区改造。完成时限:每季度通报进展。"], "推进老旧小区改造。", "每季度通报进展", None),
        (["(一)推进老旧小区改造,10月底前开工。", "时间节点:6月底前启动"], "推进老旧小区改造,10月底前开工。", "6月底前启动",
         "2024-06-30"),
    ],
    ids=["deadline-line", "closing-deadline-clause", "label-beats-the-prose"],
)
def test_a_labelled_deadline_leaves_the_requirement_and_sets_the_deadline(
    lines: list[str], requirement: str, raw: str, due: str | None
) -> None:
    (task,) = sections_to_tasks([Paragraph("一、城市更新"), *(Paragraph(line) for line in lines)], 2024)
    assert task.requirement == requirement
    assert task.deadline.raw == raw
    assert (task.deadline.due.isoformat() if task.deadline.due else None) == due


COVER_WITH_ATTACHMENTS = """关于印发2024年工作要点的通知
各单位:
现将《2024年工作要点》印发给你们,请认真贯彻落实。
附件:1.2024年工作要点
2.2024年重点项目汇总表
某某县人民政府办公室
2024年3月1日
附件1
2024年工作要点
一、推进城市更新
(一)完成老旧小区改造10个。
(二)新建公园2个。
附件2
2024年重点项目汇总表
1.填表说明:按要求填写。
——————————
抄送:县委办。"""


def test_an_attached_plan_holds_the_work_points_of_a_cover_letter() -> None:
    tasks = sections_to_tasks(paragraphs(COVER_WITH_ATTACHMENTS), 2024)
    assert [(t.section, t.requirement) for t in tasks] == [
        (("一、推进城市更新",), "完成老旧小区改造10个。"),
        (("一、推进城市更新",), "新建公园2个。"),
    ]


def test_an_attachment_restarts_the_numbering_after_the_cover_letters_own_items() -> None:
    text = """一、提高思想认识
各单位要高度重视。
附件
某某县城市更新实施细则
一、推进城市更新
(一)完成老旧小区改造10个。"""
    tasks = sections_to_tasks(paragraphs(text), 2024)
    assert [(t.section, t.requirement) for t in tasks] == [
        ((), "提高思想认识各单位要高度重视。"),
        (("一、推进城市更新",), "完成老旧小区改造10个。"),
    ]


def test_a_rule_above_the_closing_record_is_no_text() -> None:
    text = "一、推进决策公开\n(一)完善决策公开制度。\n——————————————"
    (task,) = sections_to_tasks(paragraphs(text), 2024)
    assert task.requirement == "完善决策公开制度。"


def test_bare_lead_cooperate_and_time_labels_under_an_item() -> None:
    lines = ["1、开展农房风貌整治,完成示范村改造3个。", "牵头:镇建设办;配合:各村(社区)", "时间:3月至5月"]
    (task,) = sections_to_tasks([Paragraph("一、人居环境"), *(Paragraph(line) for line in lines)], 2025)
    assert task.requirement == "开展农房风貌整治,完成示范村改造3个。"
    assert units_of(task) == [("镇建设办", UnitRole.LEAD), ("各村(社区)", UnitRole.COOPERATE)]
    assert (task.deadline.kind, task.deadline.due) == (DeadlineKind.DATE, date(2025, 5, 31))


@pytest.mark.parametrize(
    ("item", "units", "kind"),
    [
        ("(一)探索农户付费制度。(市发展改革委牵头,市财政局配合,按省统一部署推进)",
         [("市发展改革委", UnitRole.LEAD), ("市财政局", UnitRole.COOPERATE)], DeadlineKind.RELATIVE),
        ("(一)提升夜间经济。(市商务局牵头,各区、县(市)政府按职责分工负责,持续推进)",
         [("市商务局", UnitRole.LEAD), ("各区、县(市)政府", UnitRole.RESPONSIBLE)], DeadlineKind.ONGOING),
        ("(一)做好社保信息公开。(责任单位:市人社局、市财政局;完成时限:全年)",
         [("市人社局", UnitRole.RESPONSIBLE), ("市财政局", UnitRole.RESPONSIBLE)], DeadlineKind.YEAR_ROUND),
        ("(一)纳入考核,每半年通报一次工作进展。(牵头单位:市政府督查室;责任单位:市文广新旅局;长期坚持)",
         [("市政府督查室", UnitRole.LEAD), ("市文广新旅局", UnitRole.RESPONSIBLE)], DeadlineKind.ONGOING),
    ],
    ids=["relative-clause", "ongoing-clause", "labelled-deadline-inside", "the-item-s-time-over-a-step-s-frequency"],
)
def test_a_unit_parenthesis_times_the_work_with_its_other_clauses(
    item: str, units: list[tuple[str, UnitRole]], kind: DeadlineKind
) -> None:
    (task,) = sections_to_tasks([Paragraph("一、重点任务"), Paragraph(item)], 2024)
    assert task.requirement == item[3:].split("。(")[0] + "。"
    assert units_of(task) == units
    assert task.deadline.kind is kind


@pytest.mark.parametrize(
    ("item", "units", "kind"),
    [
        ("(一)推进医保信息化建设(责任科室:规划财务科;配合科室:医药服务管理科;完成时限:按自治区医保局统一部署)",
         [("规划财务科", "responsible"), ("医药服务管理科", "cooperate")], DeadlineKind.RELATIVE),
        ("(一)完善医保支付方式。牵头处室:医药服务管理处;完成时限:2023年6月底前",
         [("医药服务管理处", "lead")], DeadlineKind.DATE),
    ],
    ids=["office-labels-in-a-parenthesis-closed-by-the-deadline", "office-lead-label"],
)
def test_labels_of_a_department_s_own_offices(item: str, units: list[tuple[str, str]], kind: DeadlineKind) -> None:
    (task,) = sections_to_tasks([Paragraph("一、深化医保改革"), Paragraph(item)], 2023)
    assert [(u.name, u.role.value) for u in task.units] == units
    assert task.deadline.kind is kind
    assert task.requirement.startswith(("推进医保信息化建设", "完善医保支付方式"))
    assert "科室" not in task.requirement and "处室" not in task.requirement


@pytest.mark.parametrize(
    ("item", "requirement", "units", "kind", "due"),
    [
        ("(一)推动医保支付方式改革落地执行。(市医保局牵头,市卫健委、市财政局参与)(6月底前完成)", "推动医保支付方式改革落地执行。",
         [("市医保局", "lead"), ("市卫健委", "cooperate"), ("市财政局", "cooperate")], DeadlineKind.DATE, "2020-06-30"),
        ("(一)完善家庭医生签约服务。(6月底前完成)(市卫健委负责)", "完善家庭医生签约服务。",
         [("市卫健委", "responsible")], DeadlineKind.DATE, "2020-06-30"),
        ("(一)深化公立医院综合改革。(市医改领导小组秘书处负责)(按上级部署)", "深化公立医院综合改革。",
         [("市医改领导小组秘书处", "responsible")], DeadlineKind.RELATIVE, None),
        ("(一)调整医疗服务价格。(6月底前提出调整方案,9月底前组织实施)责任单位:市医保局、市卫健委。", "调整医疗服务价格。",
         [("市医保局", "responsible"), ("市卫健委", "responsible")], DeadlineKind.DATE, "2020-09-30"),
        ("(一)加强基层医疗卫生服务能力建设。(各县(市、区)人民政府负责,市卫健委指导)", "加强基层医疗卫生服务能力建设。",
         [("各县(市、区)人民政府", "responsible"), ("市卫健委", "responsible")], DeadlineKind.NONE, None),
        ("(一)加强市政道路维修。(完成时限:2020年9月—10月;责任单位:区市政管理中心)", "加强市政道路维修。",
         [("区市政管理中心", "responsible")], DeadlineKind.DATE, "2020-10-31"),
        ("(一)扩大文旅消费。(市文化广电和旅游局;按自治区统一部署)", "扩大文旅消费。",
         [("市文化广电和旅游局", "responsible")], DeadlineKind.RELATIVE, None),
    ],
    ids=["units-then-timing", "timing-then-units", "units-then-as-deployed", "timing-then-unit-label", "guiding-body",
         "deadline-label-before-the-units", "one-unit-and-a-time"],
)
def test_closing_parentheses_in_any_order_and_number(item: str, requirement: str, units: list[tuple[str, str]],
                                                       kind: DeadlineKind, due: str | None) -> None:  # fmt: skip
    (task,) = sections_to_tasks([Paragraph("一、深化医药卫生体制改革"), Paragraph(item)], 2020)
    assert task.requirement == requirement
    assert [(u.name, u.role.value) for u in task.units] == units
    assert (task.deadline.kind, task.deadline.due.isoformat() if task.deadline.due else None) == (kind, due)


@pytest.mark.parametrize(
    "lines",
    [["牵头单位:区行政审批局;责任单位:区发展和改革局、", "区医疗保障局、区税务局;配合单位:各街道办事处"],
     ["牵头单位:区行政审批局;责任单位:区发展和改革局", "区医疗保障局、区税务局;配合单位:各街道办事处"]],
    ids=["wrapped-after-a-comma", "wrapped-between-names"],
)
def test_a_label_line_wrapped_onto_the_next_goes_on_there(lines: list[str]) -> None:
    (task,) = sections_to_tasks([Paragraph("一、优化政务服务"), Paragraph("(一)推进“一件事一次办”改革。"), *map(Paragraph, lines)], 2022)
    assert task.requirement == "推进“一件事一次办”改革。"
    assert [(u.name, u.role.value) for u in task.units] == [
        ("区行政审批局", "lead"), ("区发展和改革局", "responsible"), ("区医疗保障局", "responsible"),
        ("区税务局", "responsible"), ("各街道办事处", "cooperate")]  # fmt: skip


def test_named_headings_restart_the_articles_under_them() -> None:
    text = """专项行动一:产业扶贫行动
第一条 做大做强蔬菜主导产业。责任单位:区农粮局,各镇(街道)。
第二条 发展光伏扶贫。责任单位:区发改委。
行动二:安居扶贫行动
第一条 全面完成危旧土坯房改造。责任单位:区住建局。"""
    tasks = sections_to_tasks(paragraphs(text), 2018)
    assert [(task.section, task.requirement) for task in tasks] == [
        (("专项行动一:产业扶贫行动",), "做大做强蔬菜主导产业。"),
        (("专项行动一:产业扶贫行动",), "发展光伏扶贫。"),
        (("行动二:安居扶贫行动",), "全面完成危旧土坯房改造。"),
    ]
    assert [(u.name, u.role.value) for u in tasks[0].units] == [("区农粮局", "responsible"), ("各镇(街道)", "responsible")]


def test_units_closing_the_clauses_of_an_item_and_its_enumerated_frequency() -> None:
    item = "(一)推进重点领域信息公开。一是做好财政信息公开(市财政局负责);二是做好重大项目信息公开(市发展改革委负责);三是每季度对公开情况开展检查。"
    (task,) = sections_to_tasks([Paragraph("一、聚焦重点领域"), Paragraph(item)], 2021)
    assert [(u.name, u.role.value) for u in task.units] == [("市财政局", "responsible"), ("市发展改革委", "responsible")]
    assert task.deadline.kind is DeadlineKind.PERIODIC


def test_a_body_s_other_name_in_parentheses_stays_with_it() -> None:
    (task,) = sections_to_tasks(paragraphs("一、强化监管\n(一)开展煤矿安全专项检查,由市能源局(市煤炭局)负责。"), 2019)
    assert task.requirement == "开展煤矿安全专项检查,由市能源局(市煤炭局)负责。"


@pytest.mark.parametrize("item", ["领导小组办公室设在市能源局(市煤炭局)。", "领导小组办公室设在市能源局(市煤炭局)"], ids=["full-stop", "no-stop"])
def test_a_body_s_other_name_closing_the_item_names_no_unit_of_it(item: str) -> None:
    (task,) = sections_to_tasks(paragraphs(f"一、保障措施\n(一)加强组织领导。成立煤矿安全专项整治领导小组,{item}"), 2019)
    assert task.requirement.endswith(item)
    assert task.units == ()  # where an office sits names no one to do the work


def test_a_deadline_line_after_a_group_s_last_item_times_the_whole_group() -> None:
    text = """一、集中整治
(一)开展隐患排查
1.全面排查煤矿重大灾害隐患。
2.建立隐患整改台账。
完成时限:2019年6月底前"""
    tasks = sections_to_tasks(paragraphs(text), 2019)
    assert [task.deadline.due.isoformat() if task.deadline.due else None for task in tasks] == ["2019-06-30", "2019-06-30"]


ENUMERATED_PARAGRAPHS = [
    # (item lines, the tasks' requirements): 第一,/一是 paragraphs are tasks only when each is a
    # sentence of its own naming its own units
    ("(一)严格安全准入。\n第一,严禁批准新建小煤矿。(责任单位:市能源局)\n第二,严格竣工验收。(责任单位:市应急管理局)",
     ["严禁批准新建小煤矿。", "严格竣工验收。"]),  # fmt: skip
    ("(一)严格安全准入。\n一是严禁批准新建小煤矿。\n责任单位:市能源局\n二是严格竣工验收。\n责任单位:市应急管理局",
     ["严禁批准新建小煤矿。", "严格竣工验收。"]),  # fmt: skip
    ("(一)加强信息公开。\n一是公开救助政策(责任单位:市民政局);\n二是公开补贴政策(责任单位:市人社局)。",
     ["加强信息公开。一是公开救助政策(责任单位:市民政局);二是公开补贴政策"]),  # fmt: skip
    ("(一)加强信息公开。\n第一,公开救助政策。\n第二,公开补贴政策。(责任单位:市民政局)",
     ["加强信息公开。第一,公开救助政策。第二,公开补贴政策。"]),  # fmt: skip
]


@pytest.mark.parametrize(("item", "requirements"), ENUMERATED_PARAGRAPHS, ids=["ordinal-with-units", "enumerator-with-unit-lines", "clauses-of-one-sentence", "units-for-the-whole-item"])
def test_enumerated_paragraphs_naming_their_own_units_are_tasks(item: str, requirements: list[str]) -> None:
    tasks = sections_to_tasks(paragraphs(f"一、整治重点\n{item}"), 2019)
    assert [task.requirement for task in tasks] == requirements


def test_enumerated_tasks_are_headed_by_their_item_and_share_its_closing_deadline() -> None:
    text = "一、整治重点\n(一)严格安全准入。\n第一,严禁批准新建小煤矿。(责任单位:市能源局)\n第二,严格竣工验收。(责任单位:市应急管理局)\n完成时限:2019年12月31日前。"
    tasks = sections_to_tasks(paragraphs(text), 2019)
    assert [task.section for task in tasks] == [("一、整治重点", "(一)严格安全准入。")] * 2
    assert [[u.name for u in task.units] for task in tasks] == [["市能源局"], ["市应急管理局"]]
    assert [task.deadline.due.isoformat() for task in tasks] == ["2019-12-31", "2019-12-31"]


OPENING_UNIT_CLAUSES = [
    # (item, requirement, units): who does the work, named before a colon, as a label line would
    ("区水利局牵头,各镇(街道)配合:对全区小型水库开展汛前检查。", "对全区小型水库开展汛前检查。",
     [("区水利局", "lead"), ("各镇(街道)", "cooperate")]),  # fmt: skip
    ("各镇(街道)负责:修订完善防汛预案。", "修订完善防汛预案。", [("各镇(街道)", "responsible")]),
    ("压实责任,加强领导负责:做好防汛工作。", "压实责任,加强领导负责:做好防汛工作。", []),
]


@pytest.mark.parametrize(("item", "requirement", "units"), OPENING_UNIT_CLAUSES, ids=["lead-and-cooperate", "responsible", "work-not-bodies"])
def test_units_named_before_a_colon_opening_the_item(item: str, requirement: str, units: list[tuple[str, str]]) -> None:
    (task,) = sections_to_tasks(paragraphs(f"一、重点任务\n1.{item}"), 2021)
    assert task.requirement == requirement
    assert [(u.name, u.role.value) for u in task.units] == units


def test_items_naming_no_units_take_those_labelled_on_their_group_s_heading() -> None:
    text = """一、重点任务
(一)强化责任落实(责任单位:市应急管理局、各区人民政府)
1.严格落实安全生产责任制。
2.开展安全生产大检查。(责任单位:市住房城乡建设局)
(二)加强宣传教育
1.市委宣传部要组织安全生产月活动。"""
    tasks = sections_to_tasks(paragraphs(text), 2021)
    assert [[u.name for u in task.units] for task in tasks] == [
        ["市应急管理局", "各区人民政府"],  # the group's units
        ["市住房城乡建设局"],  # its own, not the group's too
        ["市委宣传部"],  # named in its prose; its heading labels none
    ]


@pytest.mark.parametrize(
    "contents",
    [
        ["目  录", "一、总体要求……………………2", "二、重点任务……………………3", "三、保障措施……………………5"],
        ["目录", "一、总体要求\t2", "二、重点任务\t3", "三、保障措施\t5"],
        ["一、总体要求 ......... 2", "二、重点任务 ......... 3"],
    ],
    ids=["ellipsis-leaders", "word-tab-leaders", "dot-leaders"],
)
def test_a_table_of_contents_names_the_work_points_but_holds_none(contents: list[str]) -> None:
    body = [
        "一、总体要求", "坚持问题导向。",
        "二、重点任务", "(一)保障热源供应。责任单位:市发展改革委。", "(二)加强管网改造。责任单位:市住房城乡建设局。",
        "三、保障措施", "(三)强化督查考核。责任单位:市政府督查室。",
    ]  # fmt: skip
    tasks = sections_to_tasks([Paragraph(text) for text in [*contents, *body]], 2024)
    assert [(task.section, task.requirement) for task in tasks] == [
        (("二、重点任务",), "保障热源供应。"), (("二、重点任务",), "加强管网改造。"), (("三、保障措施",), "强化督查考核。"),
    ]  # fmt: skip
