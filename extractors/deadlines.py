"""Typed deadlines: from a deadline cell, or written inline in a work point's prose."""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.model import NO_DEADLINE, Deadline, DeadlineKind
from normalizers.dates import DateMention, digitize_dates, find_dates, month_end
from normalizers.whitespace import remove_whitespace

# The label of a deadline written after a work point: 完成时限:2023年6月底前 / 时间节点: / 时间:
DEADLINE_LABEL = re.compile(
    r"[,;]?\s*(?:完成时限|完成时间|时间节点|时限要求|办结时限|完成期限|时间要求|时间安排"
    r"|(?<![\u4e00-\u9fff])(?:时间|时限))\s*[:]"
)
_COUNT = "(?:\\d+|[一二两三四五六七八九十]+)"
# 收到通知后10个工作日内, 省出台文件后2个月内, 24小时内
RELATIVE = re.compile(
    rf"(?:(?:后|起|之日起|之后)\s*)?{_COUNT}\s*个?(?:工作日|自然日|日|天|小时|周|个月|月)(?:内|以内|之内)"
)
# 一是…;二是…;三是每季度…: an enumerator opens its clause as a comma would
_ENUMERATOR = re.compile(r"(?:^|(?<=[,;:。]))(?:[一二三四五六七八九十]+是|其[一二三四五六七八九十]|首先|其次|再次|最后)(?=[\u4e00-\u9fff\d])")
# 办理时限压缩在1个工作日以内, 缩短至3天内: the size of a time being cut, a target, not a due date
_MEASURED_SPAN = re.compile(r"(?:压缩|缩短|减少|降低|降至|控制|不超过|不多于|提速)(?:在|至|到|为)?$")
_RELATIVE_EVENT = re.compile(
    r"(收到|接到|出台|印发|发布|下达|批复|完成|结束|成立|通知)[^,。;]{0,12}后"
    # 根据上级部署, 按省统一部署, 按照省里要求, 视疫情情况: the time is set by someone else
    r"|^(根据|按照|依照|依据|按|视|依)(上级|中央|国家|省里|市里|省|市|县|区)?(的)?(统一)?(部署|安排|要求|进度|情况|时间|时限)"
    # 按住房城乡建设部通知要求, 根据国家统一安排, 根据省级资金下达情况及时拨付: someone else or
    # something else sets the time (not 按季度, periodic)
    r"|^(根据|按照|依照|依据|按)(?!年|季|月|周|期)[^,。;\d]{1,20}?(部署|安排|要求|规定|通知|情况|进度)"
    r"(?:及时|适时|同步)?[\u4e00-\u9fff]{0,4}$"
    # 立行立改 / 即知即改 in a 整改时限 column: at once, counted from the notice or the finding
    r"|^(立行立改|立查立改|即知即改|即查即改|立即整改)"
    # 立即 / 即时 / 马上 alone in a time cell: at once, as above
    r"|^(?:立即|即时|马上)(?:开展|启动|执行|落实)?$"
)
# 省人大常委会审议前, 汛期前, 2025年春季学期开学前: a cell that times the work by an event
_BEFORE_EVENT = re.compile(
    r"^(?:(?:19|20)\d{2}年)?[^,。;\d]{1,24}?(?:之前|以前|前)"
    r"(?:全面|基本|全部)?(?:完成|建成|到位|实现|投入使用|投用|完工|竣工|办结)?$"  # 汛期前完成
)
# 雪顿节期间, 春运期间, 汛期内: a cell that times the work by an event's own period (not 年内, 月内)
_DURING_EVENT = re.compile(r"^[^,。;\d年月日]{2,16}?(?:期间|期内)(?:完成|开展|落实)?$")
# 2024年启动,2025年完成 / 2025年建成: a year the work ends in (not 2024年起, the year it starts)
_YEAR_OF_COMPLETION = re.compile(
    r"((?:19|20)\d{2})年(?:度)?(?:基本|全面|全部)?(?:完成|建成|实现|达到|到位|见效|投用|投入使用)"
)
# 2023年内, 2023年全年: year round in a year the cell names
_NAMED_YEAR_ROUND = re.compile(r"((?:19|20)\d{2})年(?:度)?(?:内|全年)")
# 每季度, 每月, 每年, 按季度, 定期
PERIODIC = re.compile(
    r"每(?:个)?(?:年度|年|半年|季度|季|月|旬|周|星期|学期|日|天)|按(?:年|季度|季|月|周)|逐月|逐季|定期"
)
ONGOING = re.compile(r"长期|持续|常态化|长效|经常性|坚持|动态(?:更新|调整)?|随时|适时")
YEAR_ROUND = re.compile(r"全年|年内|本年度|年度内|当年|今年")
_BARE_YEAR = re.compile(r"^((?:19|20)\d{2})(?:年|年度)?$")
# What makes a date in prose a deadline: 2021年底前, 10月底前, 到2018年, 力争2018年底
_DEADLINE_AFTER = re.compile(r"^(?:前|之前|以前|内|止|为止|完成(?!了))")
_FREQUENCY = re.compile(rf"{_COUNT}\s*次|一次|两次|[一二两三四五六七八九十]+期")


_NO_YEAR = 1900  # placeholder year; mentions resolved against it are dropped


def _resolvable(mentions: list[DateMention], year: int | None) -> list[DateMention]:
    """Without the notice's year only dates that state their own year can be resolved."""
    return mentions if year is not None else [m for m in mentions if m.explicit_year]


def _dated(raw: str, mentions: list[DateMention]) -> Deadline:
    last = mentions[-1]
    return Deadline(
        raw=raw,
        kind=DeadlineKind.DATE,
        due=last.due,
        start=mentions[0].begin or last.begin,
        all_due=tuple(m.due for m in mentions),
    )


# Whether a text times the work matters, not when: 6月底前 names no year, so it is read against any.
_ANY_YEAR = 2000


def cell_states_a_time(text: str) -> bool:
    """Whether a cell says when the work is due (6月底前, 长期坚持, 按上级部署), in any year."""
    return deadline_from_cell(text, _ANY_YEAR).kind is not DeadlineKind.NONE


def prose_states_a_time(text: str) -> bool:
    """Whether a sentence says when its work is due, in any year."""
    return deadline_from_prose(text, _ANY_YEAR).kind is not DeadlineKind.NONE


_SERIAL_DAY = re.compile(r"^(\d{5})(?:\.0+)?$")
_SPREADSHEET_EPOCH = date(1899, 12, 30)


def _spreadsheet_serial_day(raw: str, year: int | None) -> date | None:
    """The day a bare five-digit number stands for in a time cell: a spreadsheet's date whose
    format was lost in a paste (45838 is 2025-06-30), when it falls near the notice's year."""
    match = _SERIAL_DAY.match(raw)
    if not match:
        return None
    day = _SPREADSHEET_EPOCH + timedelta(days=int(match.group(1)))
    low, high = (year - 1, year + 5) if year else (2000, 2099)
    return day if low <= day.year <= high else None


def deadline_from_cell(text: str, year: int | None) -> Deadline:
    """The deadline a 完成时限 cell states; several dates resolve to the last.

    >>> d = deadline_from_cell("2023年\\n6月底前", 2023); d.kind.value, d.due.isoformat()
    ('date', '2023-06-30')
    >>> [deadline_from_cell(s, 2023).kind.value for s in ("全年", "长期坚持", "每季度", "")]
    ['year_round', 'ongoing', 'periodic', 'none']
    """
    raw = remove_whitespace(text)
    if not raw:
        return NO_DEADLINE
    if serial := _spreadsheet_serial_day(raw, year):
        return Deadline(raw, DeadlineKind.DATE, serial)
    mentions = _resolvable(find_dates(raw, year or _NO_YEAR), year)
    if mentions and not _repeats_yearly(raw, mentions):
        return _dated(raw, mentions)
    digits = digitize_dates(raw)
    bare = _BARE_YEAR.match(digits)
    if bare:
        return Deadline(raw, DeadlineKind.DATE, month_end(int(bare.group(1)), 12))
    if completed := list(_YEAR_OF_COMPLETION.finditer(digits)):
        due = month_end(int(completed[-1].group(1)), 12)
        return Deadline(raw, DeadlineKind.DATE, due, all_due=tuple(month_end(int(m.group(1)), 12) for m in completed))
    if RELATIVE.search(raw) or _RELATIVE_EVENT.search(raw):
        return Deadline(raw, DeadlineKind.RELATIVE)
    if (_BEFORE_EVENT.match(raw) or _DURING_EVENT.match(raw)) and not (PERIODIC.search(raw) or YEAR_ROUND.search(raw)):
        return Deadline(raw, DeadlineKind.RELATIVE)
    if PERIODIC.search(raw):
        return Deadline(raw, DeadlineKind.PERIODIC)
    if ONGOING.search(raw):
        return Deadline(raw, DeadlineKind.ONGOING)
    if YEAR_ROUND.search(raw):
        named = _NAMED_YEAR_ROUND.search(digits)
        covered = int(named.group(1)) if named else year
        return Deadline(raw, DeadlineKind.YEAR_ROUND, month_end(covered, 12) if covered is not None else None)
    return Deadline(raw, DeadlineKind.NONE)


def _repeats_yearly(raw: str, mentions: list[DateMention]) -> bool:
    """每年12月底前, 每季度末: a cell that opens with 每 sets a recurring date, not one day;
    a year written out (每月报送,2023年底前完成) still makes it dated."""
    return bool(PERIODIC.match(raw)) and not any(mention.explicit_year for mention in mentions)


_CLAUSE_BREAKS = ",;:。!?"  # what ends the clause before a time word


def _opens_clause(text: str, position: int) -> bool:
    """Whether ``position`` starts a clause: a time word there is the clause's time adverbial
    (全年开展…, 上半年组织…, 每月公布…) rather than a modifier (常态化督导体系, 对每年自查的信息)."""
    return position == 0 or text[position - 1] in _CLAUSE_BREAKS


# 组织实施阶段(2025年5月—2026年10月): the period a stage of the work takes
_STAGE_BEFORE = re.compile(r"(?:阶段|步骤|时期|期间)\($")


def _times_a_stage(text: str, mention: DateMention) -> bool:
    """Whether the date is the whole parenthesis after a stage's name, the stage's period."""
    return bool(_STAGE_BEFORE.search(text[max(0, mention.start - 3) : mention.start])) and text[mention.end :].startswith(")")


def _deadline_mentions(text: str, year: int) -> list[tuple[DateMention, str]]:
    """Dates that prose (``digitize_dates`` already applied) states as deadlines, each with its
    raw text (2021年底前)."""
    found = []
    for mention in find_dates(text, year):
        after = _DEADLINE_AFTER.match(text[mention.end :])
        before = text[max(0, mention.start - 2) : mention.start]
        if (
            after
            or mention.text.endswith(("底", "末"))
            or before.endswith(("到", "至", "于", "截至", "力争"))
            or _opens_clause(text, mention.start)
            or _times_a_stage(text, mention)
        ):
            found.append((mention, mention.text + (after.group(0) if after else "")))
    return found


def _recurring_date(digits: str, mentions: list[DateMention]) -> str | None:
    """每年12月10日前 when it is the item's only date: a yearly date, not one day (a date
    elsewhere in the item, 12月底前完成全部任务, still makes the item dated). ``digits``: the
    prose with ``digitize_dates`` applied, where the mentions' positions are."""
    recurring = _RECURRING_BEFORE.search(digits)
    if recurring is None:
        return None
    inside = all(recurring.start() <= mention.start and mention.end <= recurring.end() for mention in mentions)
    return recurring.group(0) if inside else None


def _periodic_mention(text: str) -> str | None:
    """每年/每季度 that sets a frequency: with a count (每季度公开1次), or opening its clause
    (每月向社会公布…); not one that only qualifies a noun (对每年自查不予公开的信息)."""
    for clause in re.split(r"[,;。]", text):
        for match in PERIODIC.finditer(clause):
            if match.group(0) == "定期":
                continue
            if _FREQUENCY.search(clause[match.end() :]) or match.start() == 0 or _PERIODIC_ACTION.match(clause, match.end()):
                return match.group(0)
    return None


# 每学期足额发放, 每月通报: the frequency right before the act it repeats
_PERIODIC_ACTION = re.compile(
    r"(?:足额|按时|及时|至少|集中|全面|统一|按期|定时)?"
    r"(?:发放|通报|报送|公布|召开|调度|更新|上报|考核|评估|督查|拨付|兑付|会商|研判|巡查|抽查|抽检)"
)
# 确保2026年春季学期开学前投入使用, 在项目开工前完成环评: finished before an event, not a date
_BEFORE_EVENT_IN_PROSE = re.compile(
    r"(?:^|(?<=[,;:。(]))(?:确保|力争|争取|务必)?(?:于|在)?"
    r"((?:(?:19|20)\d{2}年)?[^,;:。()\d]{2,12}?(?:之前|以前|前))"
    r"(?=(?:全面|基本|全部)?(?:完成|投入使用|投用|建成|到位|实现|出台|印发|上线|开工|竣工|发放))"
)


# 全年开展… / 年内完成… (year round), 长期坚持… (ongoing), when they open a clause or come
# right before the action they time (在批发市场全年开展抽检).
_ACTIONS = "开展|推进|实施|组织|做好|完成|落实|坚持|持续|不间断|滚动|动态|常态化|举办|召开|监测|抽检|巡查|检查"
# A parenthesis opens one too where it times the item: …机制(长期坚持), …(全年推进)
_CLAUSE_YEAR_ROUND = re.compile(rf"(?:^|(?<=[{_CLAUSE_BREAKS}(]))(全年|年内)(?!度)|(全年|年内)(?=(?:{_ACTIONS}))")
# …等问题常态化整治, 长期开展巡查: right before the act it times, as 全年 above; before a noun
# (常态化疫情防控, 长期护理保险) it only qualifies the noun.
_ONGOING_ACTS = "开展|推进|实施|整治|治理|排查|检查|巡查|督查|监测|监管|执法|抽检|清理|整改|落实"
_CLAUSE_ONGOING = re.compile(
    rf"(?:^|(?<=[{_CLAUSE_BREAKS}(]))(?:此项工作|该项工作|本项工作)?(长期坚持|长期|持续推进|常态化)|(常态化|长期)(?=(?:{_ONGOING_ACTS}))"
)
# 于每年12月10日前报送, 每年汛前完成: a date or an event that comes back every year, term, month
_RECURRING_BEFORE = re.compile(
    r"每(?:年|年度|季度|月|学期)(?:\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?|\d{1,2}(?:日|号)|[^,;:。\d]{1,6}?)(?:之前|以前|前)"
)


def deadline_from_prose(text: str, year: int | None) -> Deadline:
    """The deadline written inside a work point: a dated one first, then relative, periodic,
    ongoing and year-round ones.

    Time words count where they open a clause; adjectives such as 常态化 or 持续 inside a
    sentence are not deadlines.

    >>> d = deadline_from_prose("2021年底前,网站支持IPv6。每年至少培训1次。", 2021); d.raw, d.due.isoformat()
    ('2021年底前', '2021-12-31')
    >>> deadline_from_prose("最迟在5小时内发布权威信息,在24小时内举行新闻发布会", 2018).raw
    '24小时内'
    >>> [deadline_from_prose(s, 2022).kind.value for s in ("全年开展专项行动。", "完善常态化督导体系。")]
    ['year_round', 'none']
    """
    text = _ENUMERATOR.sub(",", text)
    digits = digitize_dates(text)
    mentions = [(m, raw) for m, raw in _deadline_mentions(digits, year or _NO_YEAR) if year is not None or m.explicit_year]
    if recurring := _recurring_date(digits, [mention for mention, _ in mentions]):
        return Deadline(recurring, DeadlineKind.PERIODIC)
    if mentions:
        return _dated(mentions[-1][1], [mention for mention, _ in mentions])
    relative = [match for match in RELATIVE.finditer(text) if not _MEASURED_SPAN.search(text, 0, match.start())]
    if relative:
        return Deadline(relative[-1].group(0).lstrip("后起之日"), DeadlineKind.RELATIVE)
    if event := _BEFORE_EVENT_IN_PROSE.search(text) or _BEFORE_SEASON.search(text) or _DURING_SEASON.search(text):
        return Deadline(event.group(1), DeadlineKind.RELATIVE)
    periodic = _periodic_mention(text)
    if periodic:
        return Deadline(periodic, DeadlineKind.PERIODIC)
    if ongoing := _CLAUSE_ONGOING.search(text):
        return Deadline(ongoing.group(1) or ongoing.group(2), DeadlineKind.ONGOING)
    if year_round := _CLAUSE_YEAR_ROUND.search(text):
        raw = year_round.group(1) or year_round.group(2)
        return Deadline(raw, DeadlineKind.YEAR_ROUND, month_end(year, 12) if year else None)
    if scheduled := _SCHEDULED_BY_OTHERS.search(text):
        return Deadline(scheduled.group(1), DeadlineKind.RELATIVE)
    return NO_DEADLINE


# 按市人大常委会立法计划提请审议, 根据省统一部署做好…: another body's schedule sets the time.
# A deployment only where the act follows at once: 按照省委统一部署,深化… says whose policy it is.
# The body may be named: 按省应急管理厅部署完成…, 根据自治区党委统一安排开展….
_SCHEDULING_BODY = r"(?:[\u4e00-\u9fff]{1,12}?(?:厅|部|局|委员会|委|办公室|办|政府|党委|指挥部|领导小组))"
_SCHEDULED_BY_OTHERS = re.compile(
    r"(?:^|(?<=[,;:。]))((?:按照?|根据|依据)[^,;。]{1,16}?(?:立法计划|工作计划|时间安排|进度安排|时间要求|进度要求|时间节点)"
    rf"|(?:按照?|根据|依据)(?:上级|中央|国家|自治区|省|市|州|盟|县|区){_SCHEDULING_BODY}?(?:的)?(?:统一)?(?:部署|安排)(?=[\u4e00-\u9fff]))"
)
# 主汛期加强值守…, 汛期内每日巡查…: the work runs while an event lasts, the event sets its time
_DURING_SEASON = re.compile(r"(?:^|(?<=[,;:。]))((?:主|全)汛期(?:内|期间)?|汛期(?:内|期间|中))(?=[\u4e00-\u9fff])")
# 春节前组织开展…, 汛期前完成…: a time of year that comes round, opening its clause
_BEFORE_SEASON = re.compile(
    r"(?:^|(?<=[,;:。]))((?:春节|元旦|国庆节?|中秋节?|端午节?|清明节?|五一|汛期|汛|开学|入冬|入汛|冬季|夏季|秋季|春季)(?:之前|以前|前))"
)
