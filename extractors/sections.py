"""The section tree of a notice's work points (一、 → (一) → 1. → (1)) and the tasks in prose."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.deadlines import DEADLINE_LABEL, cell_states_a_time, deadline_from_cell, deadline_from_prose, prose_states_a_time
from extractors.document import Paragraph
from extractors.layout import ATTACHMENT_HEADING, CLOSING_REMARK, DISTRIBUTION_LINE, is_signature_part
from extractors.model import Deadline, DeadlineKind, Section, Task, TaskOrigin, Unit, UnitRole
from extractors.numbering import ItemNumber, Marker, parse_item_number, strip_bullets
from extractors.units import ROLE_LABEL, ListConvention, is_unit_list, looks_like_unit, parse_unit_list, units_in_prose
from normalizers.numerals import CHINESE_NUMERAL, chinese_to_int
from normalizers.whitespace import remove_whitespace

# Headings whose items describe the notice rather than assign work.
PREAMBLE = re.compile(r"总体要求|指导思想|基本原则|工作原则|工作目标|主要目标|总体目标|总体思路|目标任务$|适用范围|编制依据")
# A heading's title ends at its first full stop when the body follows on the same line.
_TITLE_END = re.compile(r"[。:]")
_MAX_TITLE = 40
_UNIT_LINE = re.compile(rf"^{ROLE_LABEL.pattern}")
# A labelled clause closing an item: …抓好落实。责任单位:市发改委、市财政局;完成时限:6月底前
_LABELLED_TAIL = re.compile(rf"(?<=[。;!?)])\s*((?:{ROLE_LABEL.pattern}).*)$")
# Its value, up to the end of the clause: 完成时限:2019年5月底前 / 时间节点:6月底前启动,12月底前完成
_LABELLED_DEADLINE = re.compile(rf"{DEADLINE_LABEL.pattern}\s*([^;。]*)")
_DEADLINE_LINE = re.compile(rf"^{DEADLINE_LABEL.pattern}")
# 联系人:张三,电话:… after the last work point: whom to ask, no part of the work
_CONTACT_LINE = re.compile(r"^(?:联\s*系\s*人|联系电话|联系方式|咨询电话|联系单位)\s*[:]")
# 注:本方案… / 备注: / 注1. — a note closing the text, never part of its last item
_NOTE_LINE = re.compile(r"^(?:注|备注|附注)\s*\d?\s*[:.]")
# A table of contents' entry: a numbered heading, a dot leader (or Word's tab) and its page
# number: 一、总体要求……………………2. It names a work point; the work point itself comes later.
_CONTENTS_ENTRY = re.compile(r"^\S.{0,60}?(?:[.．…·・‥]{3,}|…{2,}|\t)\s*\d{1,3}$")
# A line that only draws a rule, as above a 版记: ――――――, ______
_RULE_LINE = re.compile(r"^[―—─━\-_=＿–~·.]{5,}$")
# The name of an attached document, as listed under 附件: (no sentence in it)
_DOCUMENT_NAME = re.compile(
    r"^[^。;!?:]{2,60}(方案|要点|细则|办法|表|清单|名单|意见|规划|计划|通知|目录|指南|标准|规范|制度|说明|台账)(\([^)]{1,20}\))?$"
)
_FORM_TITLE = re.compile(r"(表|名单|样表|模板|格式|申请书|承诺书|登记册)(\([^)]{1,20}\))?$")
# A 完成时限:… clause closing the item's text: …达到98%。完成时限:每季度通报进展
_DEADLINE_TAIL = re.compile(rf"(?<=[。;!?])\s*{DEADLINE_LABEL.pattern}[^。]*。?$")
# A paragraph ending as a clause does, the next one continuing its sentence: …(责任单位:市民政局);
_CLAUSE_END = re.compile(r"[;,、]\s*$")
# A paragraph opening with an enumerator word: 第一,… / 第二、… / 一是…
_ENUMERATED_LINE = re.compile(rf"^(?:第({CHINESE_NUMERAL})\s*[,、:]|({CHINESE_NUMERAL})是(?=[\u4e00-\u9fff]))\s*")


@dataclass(slots=True)
class _Node:
    item: ItemNumber
    lines: list[str] = field(default_factory=list)
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None

    @property
    def heading(self) -> str:
        return self.item.number + self.item.rest

    def title(self) -> str:
        rest = self.item.rest
        match = _TITLE_END.search(rest)
        if match and match.start() <= _MAX_TITLE:
            return rest[: match.start()]
        return rest if len(rest) <= _MAX_TITLE else ""

    def own_text(self) -> str:
        """The item's text without its number: heading line plus body paragraphs."""
        return "".join([self.item.rest, *self.lines])

    def path(self) -> tuple[str, ...]:
        ancestors: list[str] = []
        node = self.parent
        while node is not None:
            ancestors.insert(0, node.heading)
            node = node.parent
        return tuple(ancestors)


@lru_cache(maxsize=1024)
def _number_value(item: ItemNumber) -> int | None:
    digits = re.sub(r"[^\d〇○零一二两三四五六七八九十百千]", "", item.number)
    if item.marker is Marker.CIRCLED:
        return ord(item.number[0]) - 0x245F
    try:
        return chinese_to_int(digits) if digits else None
    except ValueError:
        return None


class _TreeBuilder:
    """Nests numbered lines by the order in which their kinds of number first appear."""

    def __init__(self) -> None:
        self.roots: list[_Node] = []
        self.stack: list[_Node] = []
        self.last_value: dict[Marker, int] = {}

    def accepts(self, item: ItemNumber) -> bool:
        """A plausible next number: a sibling counts on, a new level starts at 1 (or runs on,
        as Word's list numbering does across headings)."""
        value = _number_value(item)
        if value is None:
            return False
        in_stack = [node for node in self.stack if node.item.marker is item.marker]
        if in_stack:
            previous = _number_value(in_stack[-1].item) or 0
            return previous < value <= previous + 3
        return value == 1 or value == self.last_value.get(item.marker, -1) + 1

    def add(self, item: ItemNumber) -> _Node:
        markers = [node.item.marker for node in self.stack]
        if item.marker in markers:
            del self.stack[markers.index(item.marker) :]
        node = _Node(item, parent=self.stack[-1] if self.stack else None)
        (node.parent.children if node.parent else self.roots).append(node)
        self.stack.append(node)
        self.last_value[item.marker] = _number_value(item) or 0
        return node


def _work_point_segments(paragraphs: Sequence[Paragraph]) -> list[list[Paragraph]]:
    """The notice's text and each attachment's, up to the 版记 (抄送:…, …印发), each numbered
    on its own: an attached 实施方案 restarts at 一、.

    The cover letter's list of attachments (附件:1.某某方案 2.某某表) and attachments that are
    forms or lists (…汇总表, …名单) hold no work points; rules (―――) are no text.
    """
    segments: list[list[Paragraph]] = [[]]
    in_list = in_form = False
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if DISTRIBUTION_LINE.match(text):
            break
        if _RULE_LINE.match(text) or (_CONTENTS_ENTRY.match(text) and parse_item_number(text) is not None):
            continue
        if _NOTE_LINE.match(text):
            in_form = True  # 注:…, a note on the whole notice or table: nothing after it is a work point
            continue
        if ATTACHMENT_HEADING.match(text):
            named = ATTACHMENT_HEADING.sub("", text, count=1).strip()
            following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
            in_list = _is_listed_attachment(named) or (
                not named and parse_item_number(following) is not None and _is_listed_attachment(following)
            )
            if not in_list:
                in_form = _is_form(named or following)
                segments.append([])
            continue
        if in_list and _is_listed_attachment(text):
            continue
        in_list = False
        if not in_form:
            segments[-1].append(paragraph)
    return [segment for segment in segments if segment]


def _is_listed_attachment(text: str) -> bool:
    """An entry of the cover letter's list of attachments: 1.某某市2024年工作要点."""
    item = parse_item_number(text)
    return bool(_DOCUMENT_NAME.match(item.rest if item else text))


def _is_form(title: str) -> bool:
    """An attachment that is a form or a list to fill in (…汇总表, …名单, 申请书), not a plan."""
    return bool(_FORM_TITLE.search(remove_whitespace(title)))


def _build_tree(paragraphs: Sequence[Paragraph]) -> list[_Node]:
    return [node for segment in _work_point_segments(paragraphs) for node in _build_segment_tree(segment)]


def _split_enumerated_parts(node: _Node) -> None:
    """An item whose paragraphs open 第一,/第二, (一是/二是), each a sentence of its own naming
    its own units ((责任单位:…) closing it, or a 责任单位:… line), holds one task per paragraph:
    they become its children, its heading line heads them. Enumerated paragraphs that name no
    units of their own, or are clauses of one sentence (一是…;二是…;三是…。 over three lines),
    stay parts of the item, as enumerators inside a paragraph always do."""
    matches = [(index, _ENUMERATED_LINE.match(line)) for index, line in enumerate(node.lines)]
    starts = [(index, match) for index, match in matches if match]
    if len(starts) < 2 or starts[0][0] != 0:
        return
    values = [chinese_to_int(match.group(1) or match.group(2)) for _, match in starts]
    if values != list(range(1, len(starts) + 1)):
        return
    ends = [index for index, _ in starts[1:]] + [len(node.lines)]
    parts = [node.lines[start:end] for (start, _), end in zip(starts, ends, strict=True)]
    if any(_CLAUSE_END.search(part[-1]) for part in parts[:-1]) or not all(_names_own_units(part) for part in parts):
        return
    for (_, match), part in zip(starts, parts, strict=True):
        item = ItemNumber(Marker.ENUMERATED, match.group(0).strip(), part[0][match.end() :])
        node.children.append(_Node(item, lines=part[1:], parent=node))
    node.lines = []


def _names_own_units(lines: Sequence[str]) -> bool:
    """Whether a paragraph (and its label lines) assigns units: a 责任单位:… line or a closing unit parenthesis."""
    if any(_UNIT_LINE.match(line) for line in lines[1:]):
        return True
    return bool(_closing_parentheses(_without_deadline_tail(remove_whitespace(lines[0])), ListConvention.ALL_RESPONSIBLE)[1])


def _build_segment_tree(lines: Sequence[Paragraph]) -> list[_Node]:
    builder = _TreeBuilder()
    last_numbered = max((i for i, p in enumerate(lines) if parse_item_number(p.text)), default=-1)
    current: _Node | None = None
    for index, paragraph in enumerate(lines):
        item = parse_item_number(paragraph.text)
        if item and builder.accepts(item):
            current = builder.add(item)
            continue
        if current is None:
            continue
        if is_signature_part(paragraph):
            current = None if index > last_numbered else current
            continue
        has_body = bool(current.lines) or len(current.item.rest) > _MAX_TITLE
        if index > last_numbered and ((has_body and CLOSING_REMARK.match(paragraph.text)) or _CONTACT_LINE.match(paragraph.text)):
            current = None  # the closing remark, or whom to ask, after the last work point
            continue
        current.lines.append(paragraph.text)
    for node in _walk(builder.roots):
        if not node.children:
            _split_enumerated_parts(node)
    return builder.roots


def _walk(nodes: Sequence[_Node]) -> list[_Node]:
    ordered: list[_Node] = []
    for node in nodes:
        ordered.append(node)
        ordered.extend(_walk(node.children))
    return ordered


def _level(node: _Node) -> int:
    return len(node.path()) + 1


@dataclass(frozen=True, slots=True)
class SectionTree:
    """The work points of a notice, parsed once for both its sections and its prose tasks."""

    roots: tuple[_Node, ...]

    def sections(self) -> list[Section]:
        return _nodes_to_sections(_walk(self.roots))

    def tasks(self, year: int | None, *, unit_convention: ListConvention = ListConvention.ALL_RESPONSIBLE) -> list[Task]:
        return _nodes_to_tasks(_walk(self.roots), year, unit_convention)


def build_section_tree(paragraphs: Sequence[Paragraph]) -> SectionTree:
    return SectionTree(tuple(_build_tree(paragraphs)))


def document_to_sections(paragraphs: Sequence[Paragraph]) -> list[Section]:
    """The numbered work points in document order, each with its ancestors' headings."""
    return build_section_tree(paragraphs).sections()


def _nodes_to_sections(nodes: Sequence[_Node]) -> list[Section]:
    return [
        Section(
            number=node.item.number,
            level=_level(node),
            title=node.title(),
            path=node.path(),
            text=remove_whitespace("".join([node.item.rest[len(node.title()) :].lstrip("。:"), *node.lines])),
        )
        for node in nodes
    ]


def _is_preamble(node: _Node) -> bool:
    chain: list[_Node] = [node]
    while chain[-1].parent is not None:
        chain.append(chain[-1].parent)  # type: ignore[arg-type]
    return any(PREAMBLE.search(n.title() or n.item.rest[:_MAX_TITLE]) for n in chain)


def _labelled_units(text: str, convention: ListConvention) -> list[Unit]:
    """Units of a labelled clause (责任单位:A、B;完成时限:…), the deadline part left out."""
    return parse_unit_list(DEADLINE_LABEL.split(text, maxsplit=1)[0], convention=convention)


def _trailing_parenthesis(text: str) -> tuple[int, str] | None:
    """The parenthesis that closes ``text`` (nested ones included: (责任单位:各镇(街道))), or
    its last sentence (…工作(区教育局牵头,区直有关部门配合)。), as its start and its content."""
    text = text.rstrip("。;,")
    if not text.endswith(")"):
        return None
    depth = 0
    for index in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[index], 0)
        if depth == 0:
            content = text[index + 1 : -1]
            return (index, content) if 2 <= len(content) <= 200 else None
    return None


def labelled_deadline(text: str) -> str | None:
    """The value of the last 完成时限:… (时间节点:, 完成时间: …) clause in ``text``, if any.

    A value that closes the parenthesis holding its label (…;完成时限:按省统一部署)) ends before it.

    >>> labelled_deadline("责任单位:市财政局;完成时限:2019年5月底前"), labelled_deadline("加强监管。")
    ('2019年5月底前', None)
    >>> labelled_deadline("(责任科室:医保股;完成时限:按自治区统一部署)"), labelled_deadline("完成时限:6月底前(上半年)")
    ('按自治区统一部署', '6月底前(上半年)')
    """
    values = [match.group(1) for match in _LABELLED_DEADLINE.finditer(text)]
    return _before_unopened_close(values[-1]) if values else None


def _before_unopened_close(value: str) -> str:
    """``value`` up to the first ")" that no "(" in it opens: the close of the label's own parenthesis."""
    depth = 0
    for index, char in enumerate(value):
        if char == "(":
            depth += 1
        elif char == ")":
            if not depth:
                return value[:index]
            depth -= 1
    return value


def _without_deadline_tail(requirement: str) -> str:
    """The requirement without a closing 完成时限:… clause, unless that clause sits inside a
    parenthesis (…(责任单位:市民政局;完成时限:全年)), which is read whole."""
    tail = _DEADLINE_TAIL.search(requirement)
    if tail is None or tail.group(0).count(")") > tail.group(0).count("("):
        return requirement
    return requirement[: tail.start()]


def _only_times_the_work(content: str) -> bool:
    """A short parenthesis that only says when: (2024年6月底前完成), (长期坚持), (每季度),
    (6月底前提出调整方案,9月底前组织实施): each of its clauses times the work."""
    clauses = re.split(r"[,;]", content)
    return len(content) <= 40 and not re.search(r"[。()]", content) and all(
        0 < len(clause) <= 20 and not is_unit_list(clause)
        and cell_states_a_time(clause)
        for clause in clauses
    )


def _units_and_times(content: str) -> bool:
    """A parenthesis of unit lists and times only, one list at least: (市文化广电和旅游局;按自治区统一部署)."""
    clauses = [clause for clause in re.split(r"[,;]", content) if clause]
    kinds = ["unit" if is_unit_list(clause) else "time" if cell_states_a_time(clause) else "other" for clause in clauses]
    return "unit" in kinds and "other" not in kinds


def _unit_clauses(content: str) -> tuple[str, str]:
    """The clauses of a unit parenthesis that name units, and the others: (市发改委牵头,
    市财政局按职责分工负责,持续推进) names two bodies, and 持续推进 times the work."""
    units, others = [], []
    for clause in re.split(r"[,;]", _LABELLED_DEADLINE.sub("", content)):  # (完成时限:…;责任单位:…) too
        (units if ROLE_LABEL.search(clause) or is_unit_list(clause) else others).append(clause)
    return ";".join(units), ",".join(others)


def _join_wrapped_labels(lines: list[str]) -> list[str]:
    """Lines with a 牵头单位:…;责任单位:… line wrapped onto the next one joined back: the next line
    goes on with it when the label line stops at 、 or , or the next line opens with unit names."""
    joined: list[str] = []
    for line in lines:
        if joined and _UNIT_LINE.match(joined[-1]) and not (_UNIT_LINE.match(line) or _DEADLINE_LINE.match(line)):
            label = ROLE_LABEL.search(line)
            opening = re.split(r"[;]", line[: label.start()] if label else line)[0]
            if joined[-1].endswith(("、", ",")) or (opening and is_unit_list(opening)):
                joined[-1] += line
                continue
        joined.append(line)
    return joined


# 一是…(市发展改革委负责);二是…(市住建局负责)。: a role-marked parenthesis closing a clause inside the item
_CLAUSE_PARENTHESIS = re.compile(r"\(([^()]{2,80})\)(?=[;。])")
_ROLE_VERB = "(?:牵头|负责|配合|协助|参与)"  # closing a list of bodies: 市财政局负责, 各镇配合
_ROLE_MARKED = re.compile(rf"{ROLE_LABEL.pattern}|{_ROLE_VERB}$")


def _clause_parenthesis_units(requirement: str, convention: ListConvention) -> list[Unit]:
    """The units of role-marked parentheses closing clauses inside the requirement (一是…(市财政局负责);)."""
    return [
        unit
        for match in _CLAUSE_PARENTHESIS.finditer(requirement)
        if _ROLE_MARKED.search(match[1])
        for unit in parse_unit_list(match[1], convention=convention)
    ]


def _first_of_each_name(units: list[Unit]) -> list[Unit]:
    kept: dict[str, Unit] = {}
    for unit in units:
        kept.setdefault(unit.name, unit)
    return list(kept.values())


def _ends_a_labelled_name(text: str, start: int, content: str) -> bool:
    """Whether the parenthesis at ``start``, holding ``content``, is part of the name before it: in
    a labelled unit clause (…责任单位:区农粮局,各镇(街道)), or a body's other name (…市能源局(市煤炭局)。)."""
    if start == 0 or not "\u4e00" <= text[start - 1] <= "\u9fff":
        return False
    if ROLE_LABEL.search(re.split(r"[。;!?]", text[:start])[-1]):
        return True
    before = re.split(r"[。;,、:!?]", text[:start])[-1]
    return looks_like_unit(before) and looks_like_unit(content) and not _LIST_OR_ROLE.search(content)


# What a unit parenthesis holds and one body's other name does not: a list, a label, a role
_LIST_OR_ROLE = re.compile(rf"[、,;:]|{ROLE_LABEL.pattern}|牵头|负责|配合|协助|参与|落实")


def _closing_parentheses(requirement: str, convention: ListConvention) -> tuple[str, list[Unit], list[str]]:
    """The requirement without the parentheses that close it, read from the end while each names
    units ((市医保局牵头,市卫健委参与)) or only times the work ((6月底前完成), (按上级部署)), in any
    order and number; with the units they name, in the notice's order, and what times the work."""
    units: list[Unit] = []
    timings: list[str] = []
    while (paren := _trailing_parenthesis(requirement)) is not None:
        start, content = paren
        if _ends_a_labelled_name(requirement, start, content):
            break  # …。责任单位:区农粮局,各镇(街道): the parenthesis is part of the last name
        if ROLE_LABEL.search(content) or re.search(r"(牵头|负责|配合)", content) or is_unit_list(content) or _units_and_times(content):
            unit_text, timing = _unit_clauses(content)
            listed = parse_unit_list(unit_text, convention=convention)
            if not listed:
                break
            units[:0] = listed
            timings[:0] = [timing] if timing else []
        elif _only_times_the_work(content):
            timings.insert(0, content)  # …机制(2024年6月底前完成): its deadline, no part of the work
        else:
            break
        requirement = requirement[:start]
    return requirement, units, timings


# An item opening with who does it: 区水利局牵头,各镇(街道)配合:… / 各镇(街道)负责:…
_OPENING_UNIT_CLAUSE = re.compile(rf"^([^:。;]{{2,80}}?{_ROLE_VERB})\s*:")
_ROLE_VERB_END = re.compile(rf"{_ROLE_VERB}$")


def _opening_unit_clause(requirement: str, convention: ListConvention) -> tuple[str, list[Unit]]:
    """The requirement without a clause naming its units before a colon, as a label line would
    (区水利局牵头,各镇(街道)配合:对全区水库…), and those units; unchanged when any part of
    the clause is not a list of bodies with its role (加强领导,压实责任:… is the work itself)."""
    match = _OPENING_UNIT_CLAUSE.match(requirement)
    if not match:
        return requirement, []
    parts = re.split(r"[,]", match.group(1))
    if not all(_ROLE_VERB_END.search(part) for part in parts):
        return requirement, []
    units = [unit for part in parts for unit in parse_unit_list(part, convention=convention)]
    if not units or not all(looks_like_unit(unit.name) for unit in units):
        return requirement, []
    return requirement[match.end() :], units


def _split_units(node: _Node, convention: ListConvention) -> tuple[str, list[Unit], str, str]:
    """The item's requirement, the units it names, the text to read its deadline from, and the
    clauses of its unit parenthesis that name no unit (2024年9月底前完成, 按省统一部署推进).

    Units come from 责任单位:… lines or a 责任单位:… clause closing the item, from a trailing
    parenthesis ((市发改委牵头,市财政局配合) or (牵头单位:…;…,6月底前完成)), else from the named
    bodies its sentences make doers. The deadline text keeps those parts: they often hold it.
    A 完成时限:… line or closing clause is no part of the requirement.
    """
    kept: list[str] = []
    units: list[Unit] = []
    for line in _join_wrapped_labels([node.item.rest, *node.lines]):
        if _UNIT_LINE.match(line):
            units.extend(_labelled_units(line, convention))
        elif not _DEADLINE_LINE.match(line) or line is node.item.rest:
            kept.append(line)
    requirement = remove_whitespace("".join(strip_bullets(line) for line in kept))
    labelled_lines = [line for line in _join_wrapped_labels(node.lines) if _UNIT_LINE.match(line) or _DEADLINE_LINE.match(line)]
    deadline_text = ";".join([requirement, *labelled_lines]) if labelled_lines else requirement
    requirement = _without_deadline_tail(requirement)
    requirement, closing, timings = _closing_parentheses(requirement, convention)
    units.extend(closing)
    tail = _LABELLED_TAIL.search(requirement)
    if tail and tail.group(1).count("(") == tail.group(1).count(")"):
        units.extend(_labelled_units(tail.group(1), convention))
        requirement, before_label, timed = _closing_parentheses(requirement[: tail.start()], convention)
        units.extend(before_label)
        timings = timed + timings  # (6月底前…,9月底前…)责任单位:…
    timing = ",".join(timings)
    requirement, opening = _opening_unit_clause(requirement, convention)
    units = _first_of_each_name([*opening, *_clause_parenthesis_units(requirement, convention), *units])
    if not units:
        units = units_in_prose(requirement)
    return requirement, units, deadline_text, timing


def sections_to_tasks(paragraphs: Sequence[Paragraph], year: int | None, *,
                      unit_convention: ListConvention = ListConvention.ALL_RESPONSIBLE) -> list[Task]:  # fmt: skip
    """One task per lowest-level work point, skipping the notice's own preamble
    (总体要求, 指导思想 …) unless such an item names its own responsible units."""
    return build_section_tree(paragraphs).tasks(year, unit_convention=unit_convention)


def _share_group_deadlines(nodes: Sequence[_Node]) -> None:
    """A 完成时限:… line after the last item of a group times the whole group: it goes to the
    items before that have no time of their own. Not when that last item has a 责任单位:… line:
    then the lines are its own label block."""
    for node in nodes:
        items = node.children
        if len(items) < 2 or any(item.children for item in items):
            continue
        lines = [[line for line in item.lines if _DEADLINE_LINE.match(line)] for item in items]
        if not lines[-1] or any(lines[:-1]) or any(_UNIT_LINE.match(line) for line in items[-1].lines):
            continue
        for item in items[:-1]:
            if not prose_states_a_time("".join([item.item.rest, *item.lines])):
                item.lines.append(lines[-1][-1])


# A labelled unit clause inside an item's text: …目标。(责任单位:市文明办) / …。责任单位:…
_LABEL_IN_TEXT = re.compile(rf"\(\s*(?:{ROLE_LABEL.pattern})|(?<=[。;!?)])\s*(?:{ROLE_LABEL.pattern})")


def _assigns_labelled_units(node: _Node) -> bool:
    """Whether an item names its units with a label (a 责任单位:… line, a closing (责任单位:…)):
    a preamble item (工作目标) that does assigns work; doers found in its prose do not count."""
    return any(_UNIT_LINE.match(line) for line in node.lines) or bool(_LABEL_IN_TEXT.search(node.own_text()))


def _heading_units(node: _Node, convention: ListConvention) -> list[Unit]:
    """The labelled units of the nearest heading above an item that names none of its own: units
    stated once for a whole group ((一)强化责任落实(责任单位:市应急管理局、各区人民政府)) are
    those of each of its items. Bodies a heading only mentions are no one's units."""
    heading = node.parent
    while heading is not None:
        if _assigns_labelled_units(heading):
            return _split_units(heading, convention)[1]
        heading = heading.parent
    return []


def _nodes_to_tasks(nodes: Sequence[_Node], year: int | None, unit_convention: ListConvention) -> list[Task]:
    _share_group_deadlines(nodes)
    tasks: list[Task] = []
    for node in nodes:
        if node.children:
            continue
        requirement, units, deadline_text, timing = _split_units(node, unit_convention)
        if _is_preamble(node) and not _assigns_labelled_units(node):
            continue
        if not requirement:
            continue
        if not units:
            units = _heading_units(node, unit_convention)
        tasks.append(
            Task(
                section=node.path(),
                requirement=requirement,
                units=tuple(units),
                deadline=_deadline(deadline_text, timing, year),
                origin=TaskOrigin.TEXT,
            )
        )
    return tasks


def _deadline(text: str, timing: str, year: int | None) -> Deadline:
    """A 完成时限:… label first; else the prose's deadline, unless the unit parenthesis times
    the work itself: with a date, where the prose has none (按省统一部署推进), or where the
    prose only says how often a step recurs (每半年通报一次…(…;长期坚持))."""
    if labelled := labelled_deadline(text):
        return deadline_from_cell(labelled, year)
    prose = deadline_from_prose(text, year)
    if not timing:
        return prose
    stated = deadline_from_cell(timing, year)
    if stated.kind is DeadlineKind.DATE or prose.kind is DeadlineKind.NONE:
        return stated
    return stated if prose.kind is DeadlineKind.PERIODIC and stated.kind is not DeadlineKind.NONE else prose


__all__ = ["PREAMBLE", "UnitRole", "document_to_sections", "sections_to_tasks"]
