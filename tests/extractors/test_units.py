"""Responsible units: splitting unit lists, role marks and labels, collective units, units in prose."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors import units
from extractors.model import Unit, UnitRole
from extractors.units import (
    ListConvention,
    is_collective,
    is_unit_list,
    list_convention,
    looks_like_unit,
    parse_unit,
    parse_unit_list,
    role_of_label,
    split_unit_list,
    units_in_prose,
)

LEAD, RESPONSIBLE, COOPERATE = UnitRole.LEAD, UnitRole.RESPONSIBLE, UnitRole.COOPERATE


def roles(units: list[Unit]) -> list[tuple[str, str]]:
    return [(unit.name, unit.role.value) for unit in units]


# --- splitting ------------------------------------------------------------------------------

SPLITS = [
    ("区投资促进中心\n区文旅局", ["区投资促进中心", "区文旅局"], "a-body-s-ending-then-a-level-parts-two-names"),
    ("市发改委、市财政局", ["市发改委", "市财政局"], "enumeration-comma"),
    ("市发改委,市财政局;市统计局", ["市发改委", "市财政局", "市统计局"], "comma-and-semicolon"),
    ("市大数据局\n市财政局", ["市大数据局", "市财政局"], "line-break"),
    ("市教育局和市民政局", ["市教育局", "市民政局"], "he-between-names"),
    ("市卫生健康委及市医保局", ["市卫生健康委", "市医保局"], "ji-between-names"),
    ("中共临沂市委宣传部", ["中共临沂市委宣传部"], "party-department-kept-whole"),
    ("市委网信办", ["市委网信办"], "party-office-kept-whole"),
    ("市自然资源和规划局", ["市自然资源和规划局"], "he-inside-a-name"),
    ("市文化和旅游局", ["市文化和旅游局"], "he-inside-another-name"),
    ("市住房和城乡建设局、市自然资源和规划局", ["市住房和城乡建设局", "市自然资源和规划局"], "names-with-he-in-a-list"),
    ("市委宣传部、市委网信办和市政府办公室", ["市委宣传部", "市委网信办", "市政府办公室"], "mixed-separators"),
    ("各县区政府(管委会),市政府各部门(单位)", ["各县区政府(管委会)", "市政府各部门(单位)"], "parentheses-kept"),
    ("各县区政府(含开发区、高新区),市财政局", ["各县区政府(含开发区、高新区)", "市财政局"], "no-split-inside-parentheses"),
    ("各县\n(市、区)人民政府", ["各县(市、区)人民政府"], "parenthesis-wrapped-to-the-next-line"),
    ("区人力资源社\n会保障局", ["区人力资源社会保障局"], "break-inside-a-word"),
    ("市住房城乡建设局(市城市\n更新办)", ["市住房城乡建设局(市城市更新办)"], "break-inside-a-parenthesis"),
    ("市民政局\n市场监管局", ["市民政局", "市场监管局"], "break-between-two-names"),
    ("市发改委市财政局县林业局", ["市发改委", "市财政局", "县林业局"], "names-that-lost-their-spaces"),
    ("市委市政府督查室", ["市委市政府督查室"], "joint-office-of-party-and-government"),
    ("市政府办公室", ["市政府办公室"], "government-office-is-one-name"),
    ("区委区政府", ["区委区政府"], "party-and-government-prefix-kept"),
    ("市商务局、各区、县(市)政府", ["市商务局", "各区、县(市)政府"], "levels-sharing-one-body"),
    ("省农业技术推广总站、各市(州)\n农业农村局", ["省农业技术推广总站", "各市(州)农业农村局"], "levels-wrapped-before-their-body"),
    ("各市(州)\n各县(市、区)", ["各市(州)", "各县(市、区)"], "two-collective-levels"),
    ("各镇(街道)、区级各部门", ["各镇(街道)", "区级各部门"], "levels-before-another-collective"),
    ("市住房城乡\n建设局", ["市住房城乡建设局"], "cut-after-a-word-that-looks-like-a-place"),
    ("柳林镇\n石楼镇", ["柳林镇", "石楼镇"], "two-towns"),
    ("各县(市、区)政府\n嘉兴经济技术开\n发区(国际商务\n区)管委会\n嘉兴港区管委会",
     ["各县(市、区)政府", "嘉兴经济技术开发区(国际商务区)管委会", "嘉兴港区管委会"], "a-long-name-wrapped-after-a-whole-one"),  # fmt: skip
    ("市税务局、国家金融监督管理总局\n安庆监管分局", ["市税务局", "国家金融监督管理总局安庆监管分局"], "a-branch-wrapped-after-its-parent"),
    ("国网天水供电\n公司", ["国网天水供电公司"], "a-generic-ending-wrapped-alone"),
    ("海港区政府、山海关\n区政府", ["海港区政府", "山海关区政府"], "a-place-name-cut-where-it-looks-like-a-body"),
    ("市发改委\n财政局", ["市发改委", "财政局"], "whole-name-before-a-name-without-level"),
    ("市地方金融监管局、人行\n遵义市中心支行", ["市地方金融监管局", "人行遵义市中心支行"], "wrap-in-a-list-parted-by-marks"),
    ("市发改委、市财政局\n市统计局", ["市发改委", "市财政局", "市统计局"], "line-after-a-whole-name-in-a-list"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in SPLITS], ids=[c[2] for c in SPLITS])
def test_split_unit_list(text: str, expected: list[str]) -> None:
    assert split_unit_list(text) == expected


# --- roles ----------------------------------------------------------------------------------

PARSED = [
    ("市发改委(牵头)、市财政局", [("市发改委", "lead"), ("市财政局", "responsible")], "paren-lead-mark"),
    ("市发改委牵头,市财政局配合", [("市发改委", "lead"), ("市财政局", "cooperate")], "trailing-marks"),
    ("市发改委(牵头),市财政局(配合)", [("市发改委", "lead"), ("市财政局", "cooperate")], "paren-marks"),
    ("市教育局负责", [("市教育局", "responsible")], "responsible-mark"),
    ("市财政局参与", [("市财政局", "cooperate")], "participate-mark"),
    ("牵头单位:市发改委;配合单位:市财政局、市统计局",
     [("市发改委", "lead"), ("市财政局", "cooperate"), ("市统计局", "cooperate")], "labels"),
    ("牵头单位:市政府办公室;责任单位:各县区政府",
     [("市政府办公室", "lead"), ("各县区政府", "responsible")], "lead-and-responsible-labels"),
    ("市民政局、市文化和旅游局等部门(单位)",
     [("市民政局", "responsible"), ("市文化和旅游局", "responsible")], "trailing-etc-departments-units"),
    ("市民政局、市文化和旅游局等单位", [("市民政局", "responsible"), ("市文化和旅游局", "responsible")], "trailing-etc-units"),
    ("市民政局、市商务局等", [("市民政局", "responsible"), ("市商务局", "responsible")], "trailing-etc"),
    ("市发改委、市发改委", [("市发改委", "responsible")], "duplicate-listed-once"),
    ("有关部门", [], "generic-name-is-no-unit"),
    ("市卫生健康委牵头,市疫情防控指挥部各成员单位配合", [("市卫生健康委", "lead"), ("市疫情防控指挥部各成员单位", "cooperate")],
     "the-members-of-a-body-are-one-collective"),
    ("——", [], "dash-in-an-empty-cell"),
    ("市财政局、--", [("市财政局", "responsible")], "dashes-after-a-name"),
    ("暂无", [], "none-yet"),
    ("中国移动株洲分公司、ABC集团", [("中国移动株洲分公司", "responsible"), ("ABC集团", "responsible")], "latin-letters-name"),
    ("(州文化广播电视和旅游局牵头,州发展改革委配合", [("州文化广播电视和旅游局", "lead"), ("州发展改革委", "cooperate")],
     "a-bracket-left-from-the-clause"),  # fmt: skip
    ("各县(市、区)政府、市财政局)", [("各县(市、区)政府", "responsible"), ("市财政局", "responsible")], "a-closing-bracket-left-over"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in PARSED], ids=[c[2] for c in PARSED])
def test_parse_unit_list(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(parse_unit_list(text)) == expected


def test_cooperate_mark_applies_to_every_name_of_its_clause() -> None:
    units = parse_unit_list("市委宣传部牵头,市委网信办、市广电局配合")
    assert roles(units) == [("市委宣传部", "lead"), ("市委网信办", "cooperate"), ("市广电局", "cooperate")]


@pytest.mark.parametrize(
    ("label", "role"),
    [("牵头单位", LEAD), ("主责部门", LEAD), ("配合单位", COOPERATE), ("协办单位", COOPERATE),
     ("参与单位", COOPERATE), ("责任单位", RESPONSIBLE), ("实施单位", RESPONSIBLE)],
    ids=["lead", "main-responsibility", "cooperate", "assist", "participate", "responsible", "implementing"],
)  # fmt: skip
def test_role_of_label(label: str, role: UnitRole) -> None:
    assert role_of_label(label) is role


def test_column_role_applies_unless_a_mark_overrides_it() -> None:
    units = parse_unit_list("市财政局、市统计局(牵头)", COOPERATE)
    assert roles(units) == [("市财政局", "cooperate"), ("市统计局", "lead")]


def test_parse_unit_drops_role_mark_and_generic_names() -> None:
    assert parse_unit("市发改局(牵头)", RESPONSIBLE) == Unit("市发改局", LEAD, False)
    assert parse_unit("相关部门", RESPONSIBLE) is None


# --- the first listed unit leads ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市发改委、市财政局", [("市发改委", "lead"), ("市财政局", "responsible")]),
        ("市发改委", [("市发改委", "lead")]),
        ("各县区政府(管委会)", [("各县区政府(管委会)", "lead")]),
        ("市发改委、市财政局(牵头)", [("市发改委", "responsible"), ("市财政局", "lead")]),
    ],
    ids=["first-of-list", "unit-standing-alone", "collective-standing-alone", "explicit-mark-wins"],
)
def test_first_leads_makes_the_first_unit_lead(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(parse_unit_list(text, convention=ListConvention.FIRST_LEADS)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市发改委、市财政局、市统计局", [("市发改委", "lead"), ("市财政局", "cooperate"), ("市统计局", "cooperate")]),
        ("市发改委", [("市发改委", "lead")]),
        ("市发改委、市财政局(牵头)", [("市发改委", "responsible"), ("市财政局", "lead")]),
    ],
    ids=["others-cooperate", "unit-standing-alone", "explicit-mark-wins"],
)
def test_the_others_cooperate_when_the_notice_says_so(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(parse_unit_list(text, convention=ListConvention.FIRST_LEADS_OTHERS_COOPERATE)) == expected


def test_without_first_leads_every_unit_is_responsible() -> None:
    assert {unit.role for unit in parse_unit_list("市发改委、市财政局")} == {RESPONSIBLE}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("注:责任单位中列第一位的为牵头单位。", ListConvention.FIRST_LEADS),
        ("排在首位的为牵头部门", ListConvention.FIRST_LEADS),
        ("排名第一的为牵头单位,其他为责任单位", ListConvention.FIRST_LEADS),
        ("填报说明:1.责任单位中列第一位的为牵头单位,其余为配合单位;2.完成时限…", ListConvention.FIRST_LEADS_OTHERS_COOPERATE),
        ("列第一位的为牵头单位、其他单位为协办单位", ListConvention.FIRST_LEADS_OTHERS_COOPERATE),
        ("各牵头单位要加强统筹,其余单位要积极配合。", ListConvention.ALL_RESPONSIBLE),
        ("其余为配合单位", ListConvention.ALL_RESPONSIBLE),  # only as the rest of the first-leads rule
        ("市发改委牵头,市财政局配合", ListConvention.ALL_RESPONSIBLE),
        ("注:责任单位中标“★”的为牵头单位,其他为责任单位。", ListConvention.MARKED_LEAD),
        ("注:标注「*」符号的单位为牵头单位", ListConvention.MARKED_LEAD),
    ],
)
def test_the_list_convention_a_notice_states(text: str, expected: ListConvention) -> None:
    assert list_convention(text) is expected


# --- collective units -----------------------------------------------------------------------

COLLECTIVE = [
    ("各县区政府(管委会)", True),
    ("市政府各部门(单位)", True),
    ("各有关单位", True),
    ("市直各部门", True),
    ("各级政府", True),
    ("有关部门", True),
    ("市财政局", False),
    ("中共临沂市委宣传部", False),
]


@pytest.mark.parametrize(("name", "expected"), COLLECTIVE, ids=[name for name, _ in COLLECTIVE])
def test_is_collective(name: str, expected: bool) -> None:
    assert is_collective(name) is expected


def test_parsed_collective_units_are_flagged() -> None:
    units = parse_unit_list("各县区政府(管委会),市政府各部门(单位),市民政局")
    assert [(unit.name, unit.collective) for unit in units] == [
        ("各县区政府(管委会)", True),
        ("市政府各部门(单位)", True),
        ("市民政局", False),
    ]


# --- telling names from work ----------------------------------------------------------------

LOOKS_LIKE_UNIT = [
    ("市政务公开办", True, "office"),
    ("市大数据发展中心", True, "centre"),
    ("市水务集团", True, "group"),
    ("临沂市人民政府办公室", True, "government-office"),
    ("市财政局配合", True, "with-role-mark"),
    ("市文化和旅游局等部门(单位)", True, "with-trailing-etc"),
    ("召开协调会", False, "work-verb-phrase"),
    ("明确标准和范围", False, "work-ending-in-noun"),
    ("建立健全工作机制", False, "work-with-mechanism"),
    ("2023年6月底前", False, "deadline"),
    ("全年", False, "year-round"),
]


@pytest.mark.parametrize(("name", "expected"), [c[:2] for c in LOOKS_LIKE_UNIT], ids=[c[2] for c in LOOKS_LIKE_UNIT])
def test_looks_like_unit(name: str, expected: bool) -> None:
    assert looks_like_unit(name) is expected


UNIT_LISTS = [
    ("市政务公开办、市大数据发展中心、各责任单位", True, "list-with-collective"),
    ("各县区政府(管委会),市政府各部门(单位)", True, "collectives"),
    ("市发改委牵头,市财政局配合", True, "with-marks"),
    ("市发改委", True, "single"),
    ("网络技术规范,平台整合升级", False, "work-items"),
    ("加强政务公开工作。", False, "sentence"),
    ("2023年6月底前", False, "deadline"),
    ("", False, "empty"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in UNIT_LISTS], ids=[c[2] for c in UNIT_LISTS])
def test_is_unit_list(text: str, expected: bool) -> None:
    assert is_unit_list(text) is expected


def test_labelled_unit_cell_is_a_unit_list() -> None:
    assert is_unit_list("牵头单位:市发改委;配合单位:市财政局")


# --- units in prose -------------------------------------------------------------------------

PROSE = [
    ("党政办要做好政务公开工作。", ["党政办"], "office-as-subject"),
    ("市财政局负责做好资金保障。", ["市财政局"], "bureau-responsible-for"),
    ("各部门要加强管理。办公室设在党政办,具体负责推进。", ["党政办"], "named-office-after-collective"),
    ("各部门要加强管理。", [], "collective-subject"),
    ("各县区政府要落实责任。", [], "collective-governments"),
    ("牵头部门负责统筹协调。", [], "generic-lead-department"),
    ("主要负责人要亲自抓。", [], "person-not-unit"),
    ("行业主管部门要加强监管。", [], "descriptive-body"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in PROSE], ids=[c[2] for c in PROSE])
def test_units_in_prose(text: str, expected: list[str]) -> None:
    assert [unit.name for unit in units_in_prose(text)] == expected


def test_units_in_prose_are_responsible() -> None:
    assert roles(units_in_prose("市财政局负责做好资金保障。")) == [("市财政局", "responsible")]


PROSE_NAMES = [
    ("市发改委牵头制定方案。", ["市发改委"]),
    ("市政务服务管理局负责平台运维。", ["市政务服务管理局"]),
    ("市大数据局会同市财政局推进平台建设。", ["市大数据局", "市财政局"]),
    ("市发展改革委会同市财政局、市统计局制定办法。", ["市发展改革委", "市财政局"]),
    ("市工业和信息化局牵头制定方案。", ["市工业和信息化局"]),
    ("市自然资源和规划局要加强统筹。", ["市自然资源和规划局"]),
    ("市财政局和市审计局要加强监督。", ["市财政局", "市审计局"]),
    ("市财政局、市审计局按职责分工负责。", ["市财政局", "市审计局"]),
    ("市委编办要加强统筹。", ["市委编办"]),
    ("市总工会牵头开展培训。", ["市总工会"]),
    ("市民政局联合市卫健委开展检查。", ["市民政局", "市卫健委"]),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(text, expected)
        for text, expected in PROSE_NAMES
    ],
    ids=["fa-gai-wei-leads", "name-with-service", "joint-doer-after-huitong", "abbreviation-jieba-cuts-wrongly",
         "he-inside-a-name", "he-inside-another-name", "he-between-two-names", "list-before-a-shared-verb", "bianban", "trade-union", "joint-doer-after-lianhe"],
)
def test_units_in_prose_keep_the_whole_name(text: str, expected: list[str]) -> None:
    assert [unit.name for unit in units_in_prose(text)] == expected


@given(st.text(alphabet="市局办委、,;\n/()〔〕[]【】《》“”和及 ", max_size=30), st.sampled_from(["、,;\n/", ",;\n"]))
def test_splitting_by_tokens_equals_the_character_walk(text: str, separators: str) -> None:
    assert units._split_top_level(text, separators) == _split_character_by_character(text, separators)
    assert units._split_outside_brackets(text, separators) == _split_character_by_character(text, separators)


def _split_character_by_character(text: str, separators: str) -> list[str]:
    """The plain definition: a separator splits where no bracket is open."""
    parts, depth, current = [], 0, ""
    for char in text:
        if char in "(〔[【《“":
            depth += 1
        elif char in ")〕]】》”":
            depth = max(0, depth - 1)
        if depth == 0 and char in separators:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return [part.strip() for part in parts if part.strip()]


def test_an_office_named_alone_in_a_list_is_the_issuers_office() -> None:
    assert [unit.name for unit in parse_unit_list("办公室、规划处、有关部门")] == ["办公室", "规划处"]


# --- role clauses, subjects and level collectives in prose ------------------------------------

# A clause that is a unit list closed by a role word gives those units that role; a role word
# that is part of other words (牵头抓总) or follows work (负责组织实施) marks no clause.
PROSE_ROLES = [
    ("改扩建学生宿舍,由县教育局牵头,县发展和改革局、县住房和城乡建设局配合,确保年底前投入使用。",
     [("县教育局", "lead"), ("县发展和改革局", "cooperate"), ("县住房和城乡建设局", "cooperate")], "lead-then-cooperating-list"),
    ("完成台账整改。县人民政府教育督导室牵头,县教育局配合。",
     [("县人民政府教育督导室", "lead"), ("县教育局", "cooperate")], "sentence-without-you"),
    ("完成入学核查,各镇人民政府、县教育局按职责负责。",
     [("各镇人民政府", "responsible"), ("县教育局", "responsible")], "by-duty-responsible"),
    ("开展隐患排查。各镇人民政府、县教育局负责,6月底前完成排查。",
     [("各镇人民政府", "responsible"), ("县教育局", "responsible")], "level-collective-responsible"),
    ("由市发改委、市财政局分别负责。", [("市发改委", "responsible"), ("市财政局", "responsible")], "separately-responsible"),
    ("由市卫健委主责,市医保局协助。", [("市卫健委", "lead"), ("市医保局", "cooperate")], "zhuze-and-xiezhu"),
    ("此项工作由市民政局牵头负责。", [("市民政局", "lead")], "lead-and-responsible"),
    ("市政府主要领导牵头抓总,定期研究。", [], "qiantou-inside-a-phrase"),
    ("建立牵头协调机制,各部门按职责负责。", [], "generic-collective-with-role"),
    ("县财政局负责资金保障,县教育局负责组织实施。",
     [("县财政局", "responsible"), ("县教育局", "responsible")], "role-word-followed-by-work"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in PROSE_ROLES], ids=[c[2] for c in PROSE_ROLES])
def test_units_in_prose_read_role_clauses(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(units_in_prose(text)) == expected


# A unit opening its clause is the doer when a verb or 将/把/对 follows, whatever the verb;
# it must open with a level or a place, and a list it ends must open the clause.
PROSE_SUBJECTS = [
    ("县人民政府教育督导室组织开展县级督导评估。", [("县人民政府教育督导室", "responsible")], "subject-before-any-verb"),
    ("严格督查问责。县政府督查室将创建工作纳入考核。", [("县政府督查室", "responsible")], "subject-before-jiang"),
    ("岚皋县教育局对未达标学校下达整改通知书。", [("岚皋县教育局", "responsible")], "place-named-subject-before-dui"),
    ("按照市委、市政府作出的部署,做好公开工作。", [], "names-after-anzhao-are-no-subject"),
    ("市政府及各区(市)政府门户网站要搭建互动平台。", [], "website-is-no-body"),
    ("会议由县政府办公室组织。", [], "unit-inside-the-clause"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in PROSE_SUBJECTS], ids=[c[2] for c in PROSE_SUBJECTS])
def test_units_in_prose_take_clause_subjects(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(units_in_prose(text)) == expected


# 各 + a level is part of the name it opens (never a bare 人民政府), kept where a role word assigns
# it work; generic collectives (各部门, 各单位) never count.
PROSE_COLLECTIVES = [
    ("各镇人民政府配合县教育局做好入学保障工作。",
     [("各镇人民政府", "cooperate"), ("县教育局", "responsible")], "level-collective-cooperates"),
    ("各县(市、区)人民政府负责组织实施。", [("各县(市、区)人民政府", "responsible")], "bracketed-levels"),
    ("各街道办事处牵头,各社区配合。", [("各街道办事处", "lead")], "subdistrict-offices-lead"),
    ("各部门负责,各单位配合。", [], "generic-collectives"),
    ("各县区政府要落实责任。", [], "exhortation-assigns-no-role"),
    ("人民政府负责统筹。", [], "bare-head"),
    ("由区综合执法局牵头,各街道配合,年底前完成。", [("区综合执法局", "lead"), ("各街道", "cooperate")], "bare-level-cooperates"),
    ("各乡镇负责组织实施。", [("各乡镇", "responsible")], "bare-level-responsible-for-work"),
    ("各街道要加强宣传。", [], "bare-level-exhorted"),
    ("各乡镇负责人要亲自抓。", [], "the-heads-of-the-level-are-no-body"),
    ("区级各部门配合。", [("区级各部门", "cooperate")], "a-level-s-departments"),
    ("领导小组办公室(设在区综合执法局)负责统筹协调。", [("领导小组办公室", "responsible")], "aside-on-where-it-sits"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in PROSE_COLLECTIVES], ids=[c[2] for c in PROSE_COLLECTIVES])
def test_units_in_prose_keep_level_collectives(text: str, expected: list[tuple[str, str]]) -> None:
    assert roles(units_in_prose(text)) == expected


@pytest.mark.parametrize("text", ["按照市委、市政府作出的部署,做好公开工作。", "加强内部管理,局部要调整。"], ids=["bushu", "jubu"])
def test_words_ending_in_a_unit_character_are_no_units(text: str) -> None:
    assert units_in_prose(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市司法局牵头,市直各行政执法部门配合,推行执法公示。", [("市司法局", "lead"), ("市直各行政执法部门", "cooperate")]),
        ("市发改委牵头,市政府各部门按职责分工负责。", [("市发改委", "lead"), ("市政府各部门", "responsible")]),
        ("市政府各部门要加强管理。", []),
        ("由市发改委牵头,有关部门配合。", [("市发改委", "lead")]),
    ],
    ids=["level-group-cooperates", "level-group-shares", "level-group-as-mere-subject", "generic-bodies-cooperate"],
)
def test_a_levels_bodies_taken_together_count_where_a_role_word_gives_them_work(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(unit.name, unit.role.value) for unit in units_in_prose(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各市交通运输局要全面落实路长制。", ["各市交通运输局"]),
        ("实施养护工程,各市交通运输局按月报送进度。", ["各市交通运输局"]),
        ("各市交通运输局于每年12月10日前报送总结。", ["各市交通运输局"]),
        ("厅运输服务处定期调度。", ["厅运输服务处"]),
        ("各县区政府要落实责任。", []),
        ("各部门要加强管理。", []),
    ],
    ids=["bureaus-of-each-city", "bureaus-after-a-clause", "bureaus-before-their-date", "the-departments-own-office",
         "governments-at-large", "departments-at-large"],
)
def test_the_kind_of_body_a_clause_sets_to_work(text: str, expected: list[str]) -> None:
    assert [unit.name for unit in units_in_prose(text)] == expected


def test_a_unit_marked_with_the_symbol_the_note_names_leads() -> None:
    assert list_convention("注:标★的为牵头单位,其他为责任单位。") is ListConvention.MARKED_LEAD
    marked = parse_unit_list("★区文旅局\n区财政局\n★区商务局", convention=ListConvention.MARKED_LEAD)
    assert roles(marked) == [("区文旅局", "lead"), ("区财政局", "responsible"), ("区商务局", "lead")]
    assert roles(parse_unit_list("★区文旅局、区财政局")) == [("区文旅局", "responsible"), ("区财政局", "responsible")]  # no note: no role
