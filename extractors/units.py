"""Responsible units: splitting unit lists, reading role marks, finding units named in prose."""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from extractors.model import Unit, UnitRole
from extractors.regions import find_regions
from extractors.segmenter import tagger
from extractors.unit_mentions import EACH_LEVEL, doer_mentions

# Endings of the names of bodies that take on work: 市发展改革委, 市大数据发展中心, 市水务集团 …
UNIT_SUFFIX = re.compile(
    r"(局|委|办|厅|院|中心|政府|管委会|管委|集团|公司|部|署|所|站|队|委员会|室|处|科|组|社|馆|台|团|校|大学|"
    r"单位|部门|机关|街道|办事处|镇|乡|分局|支队|大队|总队|银行|协会|联合会|联|工会|商会|学会|红十字会|科协|党委|党组|工委|海关|法院|"
    r"检察院|医院|分中心|指挥部|公安|消防|武警|人行|供电|管理处|基地|园区|新区|开发区|县区|区|县|市|支行|分行|总行)"
    r"(\((?:管委会|单位|部门|街道|镇街|乡镇|市|区|县|牵头|[\u4e00-\u9fff]{1,6})\))?$"
)
# Symbols set beside a unit's name to mark it (★区文旅局): no part of the name
LEAD_SYMBOLS = "★☆※▲△●◆"
# Role marks written after a name: 市发改局(牵头), 市财政局配合, 市教育局负责.
# How a list says its units share the work: …省交通运输厅按职责分工负责 / 分别负责 / 共同牵头
_SHARING_WORDS = "按照?职责分工|按职能分工|按照?职责|依职责|根据职责|各自|分别|共同|具体|主要"
_ROLE_MARK = re.compile(rf"(?:{_SHARING_WORDS})?\(?(牵头|主责|负责|落实|实施|承办|指导|督导|配合|协助|协办|参与|参加)\)?$")
_ROLE_OF_MARK = {
    "牵头": UnitRole.LEAD,
    "主责": UnitRole.LEAD,
    "负责": UnitRole.RESPONSIBLE,
    "落实": UnitRole.RESPONSIBLE,
    "实施": UnitRole.RESPONSIBLE,
    "承办": UnitRole.RESPONSIBLE,
    "指导": UnitRole.RESPONSIBLE,  # (各县(市、区)人民政府负责,市卫健委指导): it answers for the work too
    "督导": UnitRole.RESPONSIBLE,
    "配合": UnitRole.COOPERATE,
    "协助": UnitRole.COOPERATE,
    "协办": UnitRole.COOPERATE,
    "参与": UnitRole.COOPERATE,
    "参加": UnitRole.COOPERATE,
}
# Labels that assign a role to the names after them: 牵头单位:X;责任单位:Y
ROLE_LABEL = re.compile(
    r"(牵头单位|牵头部门|主责单位|主责部门|牵头领导单位|责任单位|责任部门|责任主体|主办单位|承办单位|实施单位|落实单位|"
    r"配合单位|配合部门|协办单位|协助单位|参与单位|参加单位|协同单位"
    r"|(?:牵头|主责|主办|责任|承办|配合|协办|协助|参与)(?:处室|科室)"  # a department's own offices: 责任科室:医保股
    # 牵头:镇建设办;配合:各村 — not after a name, closing bracket included: 各镇(街道)配合:… says who cooperates
    r"|(?<![\u4e00-\u9fff)])(?:牵头|主责|责任|配合|协办|协助))\s*[:]"
)
_ROLE_OF_LABEL_PREFIX = (("牵头", UnitRole.LEAD), ("主责", UnitRole.LEAD), ("配合", UnitRole.COOPERATE),
                         ("协", UnitRole.COOPERATE), ("参", UnitRole.COOPERATE))  # fmt: skip
# A trailing 等 is not part of the last name: …市文化和旅游局等部门(单位)
_TRAILING_ETC = re.compile(
    r"(等(\d+个|[一二三四五六七八九十]+个)?(有关|相关)?(部门|单位|机构|地区)?(\((部门|单位)\))?|等)$"
)
_COLLECTIVE = re.compile(r"^各|各(部门|单位|有关|相关|级|成员)|^(有关|相关|其他)(单位|部门|地区)|^市直(各)?(单位|部门)")
_SEPARATORS = "、,;\n/"
_CLAUSE_SEPARATORS = ",;\n"
_CONJUNCTIONS = re.compile(r"(以及|和|及|与|会同)")
# Words that name no particular body when they stand alone.
_GENERIC_NAMES = frozenset(
    "部门 单位 机关 政府 办公室 机构 中心 小组 委员会 管委会 领导小组 主管部门 职能部门 责任部门 牵头部门 "
    "责任单位 牵头单位 配合单位 相关部门 有关部门 相关单位 有关单位 市 区 县".split()
)
# A list of units names 办公室 alone for the issuing body's own office (省农业农村厅 tables:
# 办公室, 规划处, 财务处); in prose (办公室设在…) it names no one.
_PLACEHOLDER_NAMES = _GENERIC_NAMES - {"办公室"}
# What an empty unit cell holds: ——, --, 暂无, 不涉及 (a name has a letter, a CJK one or another)
_NO_UNIT = frozenset("暂无 不涉及 无需 待定".split())
_LETTER = re.compile(r"[^\W\d_]")


def role_of_label(label: str) -> UnitRole:
    """The role a column header or label gives its units.

    >>> role_of_label("牵头单位"), role_of_label("配合单位"), role_of_label("责任单位")
    (<UnitRole.LEAD: 'lead'>, <UnitRole.COOPERATE: 'cooperate'>, <UnitRole.RESPONSIBLE: 'responsible'>)
    """
    for prefix, role in _ROLE_OF_LABEL_PREFIX:
        if label.startswith(prefix):
            return role
    return UnitRole.RESPONSIBLE


_OPENING, _CLOSING = "(〔[【《“", ")〕]】》”"
_BRACKET = re.compile("[" + re.escape(_OPENING + _CLOSING) + "]")


_OPENING_SET, _CLOSING_SET = frozenset(_OPENING), frozenset(_CLOSING)


@lru_cache(maxsize=None)
def _separator_pattern(separators: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(separators) + "]")


@lru_cache(maxsize=None)
def _bracket_or_separator(separators: str) -> re.Pattern[str]:
    """Splits text into single brackets, single separators and the runs between them."""
    return re.compile("([" + re.escape(_OPENING + _CLOSING + separators) + "])")


def _split_top_level(text: str, separators: str = _SEPARATORS) -> list[str]:
    """Split on list separators that stand outside parentheses."""
    if not _BRACKET.search(text):  # most cells: no brackets, so every separator is top level
        return [part.strip() for part in _separator_pattern(separators).split(text) if part.strip()]
    return _split_outside_brackets(text, separators)


def _split_outside_brackets(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, []
    for token in _bracket_or_separator(separators).split(text):
        if token in _OPENING_SET:
            depth += 1
        elif token in _CLOSING_SET:
            depth = max(0, depth - 1)
        if depth == 0 and len(token) == 1 and token in separators:
            parts.append("".join(current))
            current = []
        else:
            current.append(token)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def _split_conjunctions(part: str) -> list[str]:
    """Split 市教育局和市民政局, but not 市自然资源和规划局: both sides must be whole names."""
    for match in _CONJUNCTIONS.finditer(part):
        left, right = part[: match.start()], part[match.end() :]
        if looks_like_unit(left) and looks_like_unit(right):
            return [left, *_split_conjunctions(right)]
    return [part]


def _join_wrapped_lines(text: str) -> str:
    """Undo line breaks that wrap a name inside a cell (市住房城乡建设 + 换行 + 局), keeping the ones
    that separate whole names (a cell with one unit per line).

    >>> _join_wrapped_lines("各县\\n(市、区)人民政府"), _join_wrapped_lines("区人力资源社\\n会保障局")
    ('各县(市、区)人民政府', '区人力资源社会保障局')
    >>> _join_wrapped_lines("市委宣传部\\n市财政局")
    '市委宣传部\\n市财政局'
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return lines[0] if lines else ""
    joined = lines[0]
    listed = bool(re.search("[、,;]", _BRACKETED.sub("", text)))  # names parted by marks, not by lines
    for index, line in enumerate(lines[1:], start=1):
        separated = joined[-1] in _SEPARATORS or line[0] in _SEPARATORS
        if joined.endswith("等") or line[0] in _CLOSING_SET or line[0] == "(" or _open_bracket(joined):
            joined += line  # 市体育局等 + 部门(单位), 各县 + (市、区)人民政府: one name, wrapped
            continue
        if _GENERIC_ENDING.match(line) and not separated:
            joined += line  # 国网天水供电 + 公司: an ending alone names no body of its own
            continue
        if _LEVELS_ONLY.match(re.split("[、,]", joined)[-1]) and not _opens_with_a_level(line):
            joined += line  # 各市(州) + 农业农村局: the levels wait for their body
            continue
        before, after = joined.split("、")[-1].split(",")[-1], line.split("、")[0].split(",")[0]
        if listed and not separated and not _opens_with_a_level(after) and (not _STRONG_END.search(before) or _BRANCH_END.search(after)):
            joined += line  # 人行 + 遵义市中心支行, 国家金融监督管理总局 + 安庆监管分局 in a list parted by 、: a wrap
            continue
        # 区投资促进中心 | 区文旅局: a body's ending, then a level opening the next name, parts two
        # names even where jieba reads the two sides as one word (中心区)
        parted = bool(_STRONG_END.search(before)) and _opens_with_a_level(after)
        whole = (
            looks_like_unit(before)
            and (looks_like_unit(after) or (not separated and _completes_a_name(lines, index, before)))
            and (parted or not _breaks_a_word(before, after))
            and not _cut_after_a_place_word(before, after)
            and not _cuts_a_place_name(before, after)
        )
        joined += ("\n" if whole and not separated else "") + line
    return joined


# A line that is only the generic ending of a body's name
_GENERIC_ENDING = re.compile(r"^(?:有限(?:责任)?)?(?:分?公司|集团(?:公司)?|中心|局|委员会|办公室|管委会|研究院|分行|支行)$")
# A branch named after its parent body: 国家金融监督管理总局安庆监管分局, 农业银行某某支行
_BRANCH_END = re.compile(r"(?:分局|分行|支行|分公司|分中心|分院|分所)$")


def _completes_a_name(lines: list[str], index: int, before: str) -> bool:
    """Whether a complete name ends the text before line ``index`` and the lines from ``index``
    wrap one long name of their own (各县(市、区)政府 | 嘉兴经济技术开 | 发区(国际商务 | 区)管委会)."""
    if not _STRONG_END.search(before):
        return False
    run = ""
    for line in lines[index : index + 4]:
        run += line
        if looks_like_unit(run):
            return True
    return False


def _cut_after_a_place_word(before: str, after: str) -> bool:
    """市住房城乡 | 建设局: a name that opens with its level and ends on a word that only looks
    like a place (乡, 区, 县), before a piece that opens with no level of its own, is one name cut."""
    return bool(
        _LEVEL_START.match(before)
        and not _STRONG_END.search(before)
        and not after.startswith("各")
        and not _LEVEL_START.match(after)
    )


def _cuts_a_place_name(before: str, after: str) -> bool:
    """山海关 | 区政府: the break cuts a place's name (山海关区) that the piece before opens with,
    however much that piece looks like a body of its own (海关)."""
    if _LEVEL_START.match(before) or not _LEVEL_START.match(after):
        return False  # 市财政局 | 市税务局: a name opening with its level is no place cut short
    places = find_regions(before + after)
    return bool(places) and (before + after).startswith(places[0]) and len(places[0]) > len(before)


def _opens_with_a_level(text: str) -> bool:
    """县林业局, 各县(市、区)…: a piece that opens a name of its own with its level."""
    return bool(_LEVEL_START.match(text.removeprefix("各")))


_BRACKETED = re.compile(r"\([^()]*\)")


def _open_bracket(text: str) -> bool:
    return sum(c in _OPENING_SET for c in text) > sum(c in _CLOSING_SET for c in text)


@lru_cache(maxsize=4096)
def _breaks_a_word(before: str, after: str) -> bool:
    """Whether the line break between two lines falls inside a word of the text they make
    together (区人力资源社 | 会保障局: 社会保障), so it wraps one name rather than parting two."""
    end = 0
    for word in tagger().tokenizer.cut(before + after, HMM=False):
        end += len(word)
        if end >= len(before):
            return end > len(before)
    return False


def split_unit_list(text: str) -> list[str]:
    """The names in a list of units, with their role marks still attached.

    >>> split_unit_list("各县区政府(管委会),市民政局、市文化和旅游局等部门(单位)")
    ['各县区政府(管委会)', '市民政局', '市文化和旅游局等部门(单位)']
    >>> split_unit_list("市民政局、市住房城乡建设\\n局、市商务局\\n市教育局")
    ['市民政局', '市住房城乡建设局', '市商务局', '市教育局']
    """
    names: list[str] = []
    for part in _split_top_level(_join_wrapped_lines(text)):
        for name in _split_conjunctions(part):
            names.extend(split_glued_names(name))
    return _join_shared_levels(names)


# 各区 before 县(市)政府: levels listed before the body they share (各区、县(市)政府)
_LEVELS_ONLY = re.compile(r"^各?(?:省|市|县|区|州|乡|镇|乡镇|街道|县区|县市区|市县|市区)(?:\([^)]{1,8}\))?$")
_LEVEL_START = re.compile(r"^(?:省|市|县|区|州|乡|镇|街道)")
# 县(市)政府, 县农业农村局: a level and its body, no 各 or 级 (not 区级各部门)
_LEVEL_BODY = re.compile(r"^(?:省|市|县|区|州|乡|镇|街道)(?:\([^)]{1,8}\))?[^各级()]{1,10}$")


def _join_shared_levels(names: list[str]) -> list[str]:
    """各区、县(市)政府 is one collective name: a part that is only levels shares the body
    the next part names, so the two are read as one."""
    joined: list[str] = []
    for name in names:
        if joined and _LEVELS_ONLY.match(joined[-1]) and _LEVEL_BODY.match(name) and looks_like_unit(name):
            joined[-1] = f"{joined[-1]}、{name}"
        else:
            joined.append(name)
    return joined


# Where one name ends and the next begins in names that lost the space between them
# (市发改委 市财政局 → 市发改委市财政局): a body's ending, then a level that opens a name.
_GLUED_END = re.compile(r"(局|委|办|厅|院|中心|政府|管委会|集团|公司|部|所|站|队|委员会|室|处|科|馆|银行|协会|工会|海关|法院|检察院|医院|分局|支队|大队)")
_STRONG_END = re.compile(f"{_GLUED_END.pattern}(?:\\([^)]{{1,8}}\\))?$")
_NAME_START = "市县区省各镇乡"
_MAX_GLUED = 48  # three names of 16 characters
_JOINT_PREFIX = re.compile(r"^[省市县区]委$")  # 市委市政府督查室: one office of both
# 市安委会各成员单位, 市疫情防控指挥部各成员单位: the bodies of the name before, one collective
_MEMBERS = re.compile(r"^各(?:成员单位|成员部门|部门|单位|直属单位|下属单位|处室|科室)(?:\([^)]{1,8}\))?(?:牵头|负责|落实|配合|协助|协办|参与)?$")


def split_glued_names(name: str) -> list[str]:
    """Names run together where a cell had only a space between them, split where each side is
    a whole name and the right one opens with its level.

    >>> split_glued_names("市发改委市财政局县林业局"), split_glued_names("市委市政府督查室")
    (['市发改委', '市财政局', '县林业局'], ['市委市政府督查室'])
    >>> split_glued_names("市政府办公室"), split_glued_names("区人力资源社会保障局")
    (['市政府办公室'], ['区人力资源社会保障局'])
    >>> split_glued_names("市疫情防控指挥部各成员单位")
    ['市疫情防控指挥部各成员单位']
    """
    if len(name) > _MAX_GLUED:
        return [name]  # a clause of prose, not names run together: and each cut below costs a scan
    for match in _GLUED_END.finditer(name, 2):
        cut = match.end()
        left, right = name[:cut], name[cut:]
        if (len(right) >= 3 and right[0] in _NAME_START and not _JOINT_PREFIX.match(left) and not _MEMBERS.match(right)
                and looks_like_unit(left) and looks_like_unit(right) and not _breaks_a_word(left, right)):  # fmt: skip
            return [left, *split_glued_names(right)]
    return [name]


_SHARING = re.compile(rf"({_SHARING_WORDS})$")


# 由市民政局负责: the 由 that introduces the doer; 市城管委*: a footnote mark.
_LEADING_BY = re.compile(r"^由(?=.)")
_FOOTNOTE_MARK = re.compile(rf"[*{LEAD_SYMBOLS}]+$")
_LEADING_MARK = re.compile(rf"^[{LEAD_SYMBOLS}]+")


def _bare_name(name: str) -> str:
    name = _FOOTNOTE_MARK.sub("", _LEADING_BY.sub("", _LEADING_MARK.sub("", name.strip())))
    name = _ROLE_MARK.sub("", name)
    name = _SHARING.sub("", name)
    return _TRAILING_ETC.sub("", name).strip()


_SENTENCE_MARK = re.compile(r"[。:;!?]")
_MAX_MARKED_NAME = 64  # a name of 40 characters and its marks (按职责分工负责, 等部门(单位))
# A phrase that opens with an action is a piece of work (召开协调会), not a body.
_ACTION_START = re.compile(r"(召开|制定|开展|推进|加强|建立|完善|做好|组织|落实|确定|明确|优化|健全|深化|强化|提升|推动)")


def looks_like_unit(name: str) -> bool:
    """Whether a phrase names a body (市财政局, 各县区政府(管委会)) rather than a piece of work.

    >>> looks_like_unit("市政务公开办"), looks_like_unit("召开协调会"), looks_like_unit("明确标准和范围")
    (True, False, False)
    """
    if len(name) > _MAX_MARKED_NAME:
        return False  # no marks make a clause of prose a name; and stripping them scans it five times
    bare = _bare_name(name)
    if not 2 <= len(bare) <= 40 or _SENTENCE_MARK.search(bare) or _ACTION_START.match(bare):
        return False
    return bool(UNIT_SUFFIX.search(bare)) and not _NOT_A_BODY_END.search(bare)


# Words ending in a body's last character that name no body: 按上级部署 (署 as in 工务署), 局部
_NOT_A_BODY_END = re.compile(r"(部署|局部)$")


@lru_cache(maxsize=8192)  # table rebuilding and reflow ask about the same lines repeatedly
def is_unit_list(text: str) -> bool:
    """Whether a cell or line is a list of units (most of its parts name bodies).

    >>> is_unit_list("市政务公开办、市大数据发展中心、各责任单位"), is_unit_list("网络技术规范,平台整合升级")
    (True, False)
    """
    if "。" in text or len(text) > 400:
        return False
    names = [name for _, segment in _labelled_segments(text, UnitRole.RESPONSIBLE) for name in split_unit_list(segment)]
    return bool(names) and sum(looks_like_unit(name) for name in names) >= 0.6 * len(names)


def is_collective(name: str) -> bool:
    """Whether a name stands for many bodies at once.

    >>> is_collective("各县区政府(管委会)"), is_collective("市政府各部门(单位)"), is_collective("市财政局")
    (True, True, False)
    """
    return bool(_COLLECTIVE.search(name))


def _without_unbalanced_brackets(name: str) -> str:
    """A name without a bracket left over from the clause around it: ``(州文化旅游局`` → 州文化旅游局,
    ``市财政局)`` → 市财政局; a name's own parenthesis (各县(市、区)) is balanced and stays."""
    while name.startswith("(") and name.count("(") > name.count(")"):
        name = name[1:]
    while name.endswith(")") and name.count(")") > name.count("("):
        name = name[:-1]
    return name


def parse_unit(name: str, role: UnitRole) -> Unit | None:
    """One unit with its role, a role mark on the name overriding the column's role.

    >>> parse_unit("市发改局(牵头)", UnitRole.RESPONSIBLE)
    Unit(name='市发改局', role=<UnitRole.LEAD: 'lead'>, collective=False, canonical='')
    """
    name = _without_unbalanced_brackets(name.strip(" ,。;:"))
    mark = _ROLE_MARK.search(name)
    if mark and len(name) > len(mark.group(0)) + 1:
        role = _ROLE_OF_MARK[mark.group(1)]
    bare = _bare_name(name)
    if len(bare) < 2 or bare in _PLACEHOLDER_NAMES or bare in _NO_UNIT or not _LETTER.search(bare):
        return None
    return Unit(bare, role, is_collective(bare))


class ListConvention(Enum):
    """What a notice says a plain list of units (市发改委、市财政局) means: all responsible (the
    rule), its first unit leading (列第一位的为牵头单位), or also the others cooperating (…,其余为配合单位)."""

    ALL_RESPONSIBLE = "all_responsible"
    FIRST_LEADS = "first_leads"
    FIRST_LEADS_OTHERS_COOPERATE = "first_leads_others_cooperate"
    MARKED_LEAD = "marked_lead"  # 注:标★的为牵头单位: a unit marked with the symbol leads

    @property
    def first_leads(self) -> bool:
        """Whether the first unit of a plain list leads."""
        return self in (ListConvention.FIRST_LEADS, ListConvention.FIRST_LEADS_OTHERS_COOPERATE)


# 列第一位的为牵头单位 / 排在首位的为牵头部门 / 排名第一的为牵头单位, and after it 其余为配合单位
_FIRST_UNIT_LEADS = re.compile(
    r"(?:列|排|位)(?:在|名|序)?(?:第一|首)(?:位|个|名)?的?(?:单位|部门)?(?:为|是)牵头(?:单位|部门)?"
    r"(?P<others>[,;、]?(?:其余|其他|其它|后面)的?(?:单位|部门)?(?:为|是)(?:配合|协办|协助|参与))?"
)


# The note that says what a symbol beside a unit's name means (注:标★的为牵头单位)
_MARKED_LEAD = re.compile(rf"标(?:有|注|记)?[\"“”'‘’「『(]?[{LEAD_SYMBOLS}*][\"“”'‘’」』)]?(?:符?号)?的?(?:单位|部门)?(?:为|是)牵头")


def list_convention(text: str) -> ListConvention:
    """The convention a notice states for its unit lists, anywhere in ``text`` (normalized).

    >>> list_convention("注:责任单位中列第一位的为牵头单位,其余为配合单位。").value
    'first_leads_others_cooperate'
    """
    match = _FIRST_UNIT_LEADS.search(text)
    if match is None:
        return ListConvention.MARKED_LEAD if _MARKED_LEAD.search(text) else ListConvention.ALL_RESPONSIBLE
    return ListConvention.FIRST_LEADS_OTHERS_COOPERATE if match["others"] else ListConvention.FIRST_LEADS


def parse_unit_list(text: str, role: UnitRole = UnitRole.RESPONSIBLE, *,
                    convention: ListConvention = ListConvention.ALL_RESPONSIBLE) -> list[Unit]:  # fmt: skip
    """Units of a cell or clause, with labels (牵头单位:…) and marks (…牵头) applied.

    >>> [(u.name, u.role.value) for u in parse_unit_list("牵头单位:市发改委;配合单位:市财政局、市统计局")]
    [('市发改委', 'lead'), ('市财政局', 'cooperate'), ('市统计局', 'cooperate')]
    """
    return list(_parse_unit_list(_without_unbalanced_brackets(text.strip()), role, convention))


@lru_cache(maxsize=4096)
def _parse_unit_list(text: str, role: UnitRole, convention: ListConvention) -> tuple[Unit, ...]:
    """Cached: a task table repeats the same unit cell on many rows."""
    units: list[Unit] = []
    for segment_role, segment in _labelled_segments(_join_wrapped_lines(text), role):
        for clause in _split_top_level(segment, _CLAUSE_SEPARATORS):
            for unit in _clause_units(clause, segment_role, marked_lead=convention is ListConvention.MARKED_LEAD):
                if all(existing.name != unit.name for existing in units):
                    units.append(unit)
    if convention.first_leads and units and all(unit.role is UnitRole.RESPONSIBLE for unit in units):
        units[0] = Unit(units[0].name, UnitRole.LEAD, units[0].collective)
        if convention is ListConvention.FIRST_LEADS_OTHERS_COOPERATE:
            units[1:] = [Unit(unit.name, UnitRole.COOPERATE, unit.collective) for unit in units[1:]]
    return tuple(units)


_TRAILING_MARK = re.compile(rf"(?<![()])(?:{_SHARING_WORDS})?(牵头|配合|协助|协办|参与|负责|落实|指导|督导)$")


def _clause_units(clause: str, role: UnitRole, *, marked_lead: bool = False) -> list[Unit]:
    """Units of one clause; a mark closing the clause covers every name of it
    (市委网信办、市广电局配合: both cooperate), a mark in parentheses only its own name;
    ``marked_lead``: a name marked with a symbol (★区文旅局) leads."""
    names = split_unit_list(clause)
    shared = _TRAILING_MARK.search(names[-1]) if names else None
    if shared and len(names) > 1 and not any(_ROLE_MARK.search(name) for name in names[:-1]):
        role = _ROLE_OF_MARK[shared.group(1)]
        names = [*names[:-1], names[-1][: shared.start()]]
    units = []
    for name in names:
        marked = marked_lead and bool(_SYMBOL_MARK.search(name.strip()))
        if (unit := parse_unit(name, UnitRole.LEAD if marked else role)) is not None:
            units.append(unit)
    return units


_SYMBOL_MARK = re.compile(rf"^[{LEAD_SYMBOLS}]|[{LEAD_SYMBOLS}]$")


def _labelled_segments(text: str, role: UnitRole) -> list[tuple[UnitRole, str]]:
    matches = list(ROLE_LABEL.finditer(text))
    if not matches:
        return [(role, text)]
    segments = [(role, text[: matches[0].start()])] if matches[0].start() else []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        segments.append((role_of_label(match.group(1)), text[match.end() : end]))
    return segments


_NOT_NAME_START = re.compile(r"^(各|有关|相关|涉事|负责|牵头|主管|其他|本|该|所属|上级|下级|全)")
# Descriptions of a kind of body (行业主管部门, 政府门户网站) rather than a name.
_DESCRIPTIVE_END = re.compile(r"(部门|单位|机构|机关|网站|平台|窗口)$")
_QUANTIFIERS = frozenset("各 各级 有关 相关 所有 全部 本级 各类 涉事 其他 下级 上级".split())


def units_in_prose(text: str) -> list[Unit]:
    """Named bodies that a sentence makes the doer of its work (党政办要做好…), as the spaCy
    pipeline of ``extractors.unit_mentions`` finds them, and the units of its role clauses
    (由县教育局牵头,县财政局配合: lead, cooperate); other doers are responsible.

    Generic subjects (各部门要…, 牵头部门负责…) are not named bodies; a collective of a level
    (各镇人民政府) counts only where a role word assigns it work.

    >>> [u.name for u in units_in_prose("各部门要加强管理。办公室设在党政办,具体负责推进。")]
    ['党政办']
    >>> [(u.name, u.role.value) for u in units_in_prose("由市教育局牵头,市财政局配合,年底前完成。")]
    [('市教育局', 'lead'), ('市财政局', 'cooperate')]
    """
    found: list[Unit] = []
    for sentence in re.split(r"[。;!?]", _LOCATING_ASIDE.sub("", text)):
        candidates = [unit for clause in sentence.split(",") for unit in _role_clause_units(clause)]
        candidates += [Unit(match["name"], _ROLE_OF_MARK[match["mark"]], True) for match in _LEVEL_DOER.finditer(sentence)]
        candidates += [Unit(name, UnitRole.RESPONSIBLE, is_collective(name)) for name in _addressed_bodies(sentence)]
        for name, before, verb in doer_mentions(sentence):
            role = _ROLE_OF_MARK.get(verb, UnitRole.RESPONSIBLE)
            if before not in _QUANTIFIERS and _is_prose_name(name, assigned=verb in _ROLE_OF_MARK):
                candidates.append(Unit(name, role, is_collective(name)))
        for unit in candidates:
            if all(unit.name != other.name and not other.name.endswith(unit.name) for other in found):
                found.append(unit)
    return found


# An aside on where a body sits, between it and its verb: 领导小组办公室(设在区综合执法局)负责…
_LOCATING_ASIDE = re.compile(r"(?<=[\u4e00-\u9fff])\((?:设在|设于|挂靠|挂靠在|下设|简称)[^()]{1,20}\)")
# A clause that opens with 各 and a level, which a role word sets to a part of the work:
# 各街道负责组织实施, 各乡镇配合 (its governments). Without a role word (各街道要…) it only exhorts.
_LEVEL_DOER = re.compile(
    rf"(?:^|(?<=[,:]))由?(?P<name>{EACH_LEVEL})(?:{_SHARING_WORDS})?(?P<mark>牵头|主责|负责|落实|配合|协助|协办|参与)(?!人|同志)"
)
# A clause that is a unit list closed by a role word: 由县教育局牵头 / 县发改局、县住建局配合 /
# 各镇人民政府、县教育局按职责负责 (after an optional leading 由).
_ROLE_CLAUSE = re.compile(
    rf"^(?:此项工作|该项工作|并|均|具体)?由?(?P<names>.+?)(?:{_SHARING_WORDS})?"
    r"(?P<mark>牵头|主责|负责|落实|配合|协助|协办|参与)$"
)
# 各 + a level opens a collective that is still a named kind of body (各镇人民政府, 各县(市、区)人民政府),
# or is one by itself (各街道配合, 各乡镇负责: the governments of that level).
_LEVEL_COLLECTIVE = re.compile(rf"^{EACH_LEVEL}(?:\([^)]*\))?(?:[\u4e00-\u9fff]|$)")
# 市直各行政执法部门, 市政府各部门, 县直各单位, 区级各部门: a level's bodies taken together
_LEVEL_GROUP = re.compile(r"^(?:省|市|县|区|州|旗)(?:直|级|政府|委)?各[\u4e00-\u9fff]{0,8}?(?:部门|单位)(?:\((?:单位|部门)\))?$")
# The head of a name alone (人民政府, 办公室) says whose body it is no more than 部门 does.
_BARE_HEADS = frozenset("人民政府 政府 办公室 办事处 管委会 委员会 党委 党组".split())


# A clause that opens with the kind of body it sets to work, before the act or its time:
# 各市交通运输局要…, 各市交通运输局按月报送…, 厅运输服务处定期调度… (a department's own office).
_ADDRESSED_BODY = re.compile(
    rf"(?:^|(?<=[,:]))((?:{EACH_LEVEL}(?:\([^)]{{1,8}}\))?|厅|局|委)"
    r"[\u4e00-\u9fff]{1,12}?(?:局|委|办|厅|中心|处|站|所|院|队|室|科))"
    r"(?=要|将|按|于|应|须|定期|每|对|把|负责|组织|开展|建立|制定|加强|做好|落实)"
)


def _addressed_bodies(sentence: str) -> list[str]:
    """The kinds of bodies that clauses open with as the ones who do the work (各市交通运输局要…):
    a notice sent to them. 各县区政府要… exhorts the governments at large and names no body."""
    return [
        name
        for match in _ADDRESSED_BODY.finditer(sentence)
        if looks_like_unit(name := match.group(1)) and not _NOT_ONE_BODY.search(name)
    ]


# 各镇人民政府配合县教育局: two bodies and a role, read by the role clauses instead
_NOT_ONE_BODY = re.compile(r"配合|牵头|负责|会同|协助|联合|政府|、")


def _role_clause_units(clause: str) -> list[Unit]:
    """The units of a clause that is only a unit list and its role word (由县教育局牵头), each
    with that role; nothing for any other clause (牵头抓总, 县教育局负责组织实施)."""
    match = _ROLE_CLAUSE.match(clause.strip())
    if not match or not all(looks_like_unit(name) for name in split_unit_list(match.group("names"))):
        return []
    units = parse_unit_list(match.group("names"), _ROLE_OF_MARK[match.group("mark")])
    return [unit for unit in units if _is_prose_name(unit.name, assigned=True)]


def _is_prose_name(name: str, *, assigned: bool) -> bool:
    """Whether a name met in prose names a body; ``assigned``: a role word gives it its work,
    the only place a level collective (各镇人民政府负责) is taken for one."""
    if assigned and _LEVEL_GROUP.match(name):
        return True  # 市直各行政执法部门配合: the bodies of one level, given a part of the work
    if _NOT_NAME_START.match(name) and not (assigned and _LEVEL_COLLECTIVE.match(name)):
        return False
    return (not _DESCRIPTIVE_END.search(name) and looks_like_unit(name)
            and name not in _GENERIC_NAMES and name not in _BARE_HEADS)  # fmt: skip
