"""Responsible units: splitting unit lists, role marks and labels, collective units, units in prose."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors import units
from extractors.model import Unit, UnitRole
from extractors.units import (
    is_collective,
    is_unit_list,
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
    assert roles(parse_unit_list(text, first_leads=True)) == expected


def test_without_first_leads_every_unit_is_responsible() -> None:
    assert {unit.role for unit in parse_unit_list("市发改委、市财政局")} == {RESPONSIBLE}


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
