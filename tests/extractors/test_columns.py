"""Column roles of task tables from their header words."""

from __future__ import annotations

import pytest

from extractors.columns import ColumnRole, header_role, layout_from_header

# A header with a short qualifier in brackets is read by its header word.
QUALIFIED_HEADERS = {
    "office-qualified-by-unit": ("责任处室（单位）", ColumnRole.RESPONSIBLE),
    "unit-qualified-by-department": ("责任单位(部门)", ColumnRole.RESPONSIBLE),
    "lead-qualified-by-department": ("牵头单位（部门）", ColumnRole.LEAD),
    "cooperate-qualified": ("配合单位（部门）", ColumnRole.COOPERATE),
    "deadline-qualified-by-month": ("完成时限（月）", ColumnRole.DEADLINE),
    "plain-header-unchanged": ("责任单位", ColumnRole.RESPONSIBLE),
    "unit-sign-is-not-stripped": ("完成进度（%）", None),
    "a-cell-with-brackets-stays-a-cell": ("各县（市、区）", None),
    "a-long-qualifier-is-not-stripped": ("责任单位（由市政府确定的牵头部门）", None),
    "the-year-a-column-is-about": ("主要建设内容及2024年目标", ColumnRole.REQUIREMENT),
    "a-date-is-a-cell": ("2024年6月底前", None),
}


@pytest.mark.parametrize(("text", "role"), list(QUALIFIED_HEADERS.values()), ids=list(QUALIFIED_HEADERS))
def test_a_bracketed_qualifier_after_the_header_word_is_read_past(text: str, role: ColumnRole | None) -> None:
    assert header_role(text) is role


def test_a_table_with_a_qualified_unit_header_has_a_unit_column() -> None:
    """y09: 责任处室（单位） was the only unit column; without it no row had units."""
    layout = layout_from_header(["序号", "重点任务", "具体措施", "责任处室（单位）", "完成时限"])
    assert layout is not None
    assert layout.roles[3] is ColumnRole.RESPONSIBLE


# Of several requirement-like columns the work is the most specific (措施, 要求 over 内容 over 目标);
# text columns before it group the rows, but a target column is said of each row.
REQUIREMENT_CHOICES = {
    "measures-over-content": (["序号", "工作内容", "具体措施", "责任单位", "时间节点"], ["seq", "group", "requirement", "responsible", "deadline"]),
    "measures-over-target": (["问题描述", "整改目标", "整改措施", "牵头单位", "整改时限"], ["other", "other", "requirement", "lead", "deadline"]),
    "requirement-after-content": (["工作内容", "工作要求", "责任单位"], ["group", "requirement", "responsible"]),
    "target-after-measures": (["具体措施", "工作目标", "责任单位"], ["requirement", "other", "responsible"]),
    "a-lone-target-is-the-work": (["工作任务", "工作目标", "责任单位"], ["group", "requirement", "responsible"]),
    "task-and-requirement": (["工作任务", "工作要求", "责任单位", "完成时限"], ["group", "requirement", "responsible", "deadline"]),
}  # fmt: skip


@pytest.mark.parametrize(("headers", "roles"), list(REQUIREMENT_CHOICES.values()), ids=list(REQUIREMENT_CHOICES))
def test_the_requirement_is_the_most_specific_work_column(headers: list[str], roles: list[str]) -> None:
    layout = layout_from_header(headers)
    assert layout is not None
    assert [role.value for role in layout.roles] == roles
    assert layout.requirement == roles.index("requirement")
