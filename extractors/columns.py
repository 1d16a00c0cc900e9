"""What the columns of a task table hold, told from their header words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from normalizers.whitespace import remove_whitespace


class ColumnRole(str, Enum):
    SEQ = "seq"  # 序号
    GROUP = "group"  # 要点任务, 重点任务, 类别: a heading shared by several rows
    TASK = "task"  # 工作任务, 试点领域名称
    REQUIREMENT = "requirement"  # 工作要求, 具体措施
    LEAD = "lead"  # 牵头单位
    RESPONSIBLE = "responsible"  # 责任单位
    COOPERATE = "cooperate"  # 配合单位
    DEADLINE = "deadline"  # 完成时限, 时间进度
    OTHER = "other"  # 责任领导 (persons, not units), 进展情况 (dates, not deadlines), 备注


# Checked in order: 责任领导 must be OTHER before 责任 makes it RESPONSIBLE. Each pattern must end
# the header text: a header is a noun phrase (主要工作任务, 试点领域名称), never a sentence.
_HEADER_WORDS: tuple[tuple[ColumnRole, re.Pattern[str]], ...] = (
    (ColumnRole.SEQ, re.compile(r"^(序号|编号|序|项次|No\.?)$", re.IGNORECASE)),
    (ColumnRole.OTHER, re.compile(r"(领导|责任人|联系人|分管|进展情况?|完成情况|落实情况|备注|说明|推进情况|督办|评估|指标值|分值|资金|投资|金额)$")),
    # 开始时间 beside 完成时间 (both under a merged 时间安排): when work starts is no deadline.
    (ColumnRole.OTHER, re.compile(r"^(开始|起始|启动|开工)(时间|日期|时限)$")),
    (ColumnRole.LEAD, re.compile(r"(牵头|主责|主办)(单位|部门|处室|科室)?$")),
    (ColumnRole.COOPERATE, re.compile(r"(配合|协办|协助|参与|协同)(单位|部门|处室|科室)?$")),
    (ColumnRole.RESPONSIBLE, re.compile(r"(责任|承办|实施|落实|主体|负责)(单位|部门|主体|处室|科室)$|^(单位|部门)$")),
    (ColumnRole.DEADLINE, re.compile(r"(时限|时间|进度|期限|节点|截止日期|时序|完成时间|进度安排|时间安排)$")),
    (ColumnRole.REQUIREMENT, re.compile(r"(要求|措施|具体内容|主要内容|工作内容|目标|举措|标准|内容)$")),
    (ColumnRole.GROUP, re.compile(r"(要点|类别|分类|板块|方面|重点任务|主要任务|任务类型|项目类别|要点任务)$|^项目$")),
    (ColumnRole.TASK, re.compile(r"(任务|事项|名称|工作|领域|项目|清单)$")),
)
# The columns of a schedule split by period (进度安排 over 一季度 | 二季度 …, 1月 … 12月, 上半年 | 下半年)
PERIOD_LABEL = re.compile(r"^(?:第?[一二三四1-4]季度|Q[1-4]|(?:1[0-2]|[1-9]|十[一二]?|[一二三四五六七八九])月份?|上半年|下半年)$")
_MAX_HEADER_LENGTH = 14
# A short qualifier in words after the header word: 责任处室（单位）, 牵头单位(部门), 资金（万元）.
# Stripped only when the whole header names no role; a unit sign such as 完成进度（%） stays, so
# a progress column is not read as a deadline.
_QUALIFIER = re.compile(r"[(（][\u4e00-\u9fff]{1,6}[)）]$")


def header_role(text: str) -> ColumnRole | None:
    """The role of a column from its header text (spaced-out headers included).

    >>> [header_role(s) for s in ("主 要 工 作 任 务", "责任领导", "完成时限", "牵头单位（部门）")]
    [<ColumnRole.TASK: 'task'>, <ColumnRole.OTHER: 'other'>, <ColumnRole.DEADLINE: 'deadline'>, <ColumnRole.LEAD: 'lead'>]
    """
    compact = remove_whitespace(text)
    role = _plain_header_role(compact)
    if role is None and (qualifier := _QUALIFIER.search(compact)):
        role = _plain_header_role(compact[: qualifier.start()])
    if role is None and _YEAR_QUALIFIER.search(compact):
        role = _plain_header_role(_YEAR_QUALIFIER.sub("", compact))  # 主要建设内容及2024年目标
    return role


# The year a column is about, inside its header: 2024年目标, 2023年度计划投资 (not 2024年6月底前)
_YEAR_QUALIFIER = re.compile(r"(?:19|20)\d{2}年度?(?!\d|底|末|前|内)")


def _plain_header_role(compact: str) -> ColumnRole | None:
    if not compact or len(compact) > _MAX_HEADER_LENGTH or re.search(r"[。,;:、]", compact):
        return None
    if PERIOD_LABEL.match(compact):
        return ColumnRole.DEADLINE
    if compact.endswith(("表", "一览")) or compact.startswith(("各", "市", "区", "县")) or re.search(r"\d", compact):
        return None  # a table's title (任务分工和进度安排表) or a cell, not a column header
    for role, pattern in _HEADER_WORDS:
        if pattern.search(compact):
            return role
    return None


_UNIT_ROLES = {ColumnRole.LEAD, ColumnRole.RESPONSIBLE, ColumnRole.COOPERATE}
_TEXT_ROLES = {ColumnRole.TASK, ColumnRole.REQUIREMENT, ColumnRole.GROUP}


@dataclass(frozen=True, slots=True)
class ColumnLayout:
    """The roles of a task table's columns, with the one that holds each task's requirement."""

    roles: tuple[ColumnRole, ...]
    requirement: int

    @property
    def group_columns(self) -> tuple[int, ...]:
        return tuple(i for i, role in enumerate(self.roles) if role in _TEXT_ROLES and i < self.requirement)


def layout_from_header(headers: list[str]) -> ColumnLayout | None:
    """A column layout if ``headers`` read as the header of a task table, else None.

    A task table names the work (任务/要求) and who or when (单位/时限). Where it has both a
    task and a requirement column, the requirement holds the task and the columns before it
    group the rows (the 要点任务 of a 工作要点 table).

    >>> layout_from_header(["要点任务", "工作要求", "责任单位", "完成时限"]).group_columns
    (0,)
    >>> layout_from_header(["姓名", "职务"]) is None
    True
    """
    roles = [header_role(text) for text in headers]
    if sum(role is not None for role in roles) < max(2, len(roles) - 1):
        return None
    resolved = [role or ColumnRole.OTHER for role in roles]
    if not any(role in _UNIT_ROLES or role is ColumnRole.DEADLINE for role in resolved):
        return None
    text_columns = [i for i, role in enumerate(resolved) if role in _TEXT_ROLES]
    if not text_columns:
        return None
    candidates = [i for i, role in enumerate(resolved) if role is ColumnRole.REQUIREMENT]
    requirement = max(candidates, key=lambda i: (_requirement_rank(headers[i]), -i)) if candidates else text_columns[-1]
    resolved = [_role_beside_requirement(i, role, requirement, headers[i]) for i, role in enumerate(resolved)]
    resolved[requirement] = ColumnRole.REQUIREMENT
    return ColumnLayout(tuple(resolved), requirement)


# Of several requirement columns the work is the most specific one: 具体措施 over 工作内容, and
# either over 整改目标 or 工作标准, which say what the work must reach (ties: the first).
_MOST_SPECIFIC = re.compile(r"(措施|举措|要求|具体内容|具体任务)$")
_TARGET = re.compile(r"(目标|标准)$")


def _requirement_rank(header: str) -> int:
    compact = remove_whitespace(header)
    return 3 if _MOST_SPECIFIC.search(compact) else 1 if _TARGET.search(compact) else 2


def _role_beside_requirement(index: int, role: ColumnRole, requirement: int, header: str) -> ColumnRole:
    """Text columns before the requirement group its rows (要点任务 | 工作要求), but for a target
    column (整改目标 | 整改措施), which is said of each row; other requirement columns are no work."""
    if index == requirement or role not in _TEXT_ROLES:
        return role
    if role is ColumnRole.REQUIREMENT and (index > requirement or _requirement_rank(header) == 1):
        return ColumnRole.OTHER
    return ColumnRole.GROUP if index < requirement else role


def is_unit_role(role: ColumnRole) -> bool:
    return role in _UNIT_ROLES
