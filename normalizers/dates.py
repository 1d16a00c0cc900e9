"""Calendar expressions in notice text, resolved to real dates against the notice's year.

Handles what real notices write: 2023年6月底前, 2020年7月10日, 10月底前, 第三季度, 上半年,
年底前, 年初, 2023年3月至6月, 2016—2017年底前, 2024—2025年, 2024.6, 次年1月底前 (the year after
the notice's), 二〇二三年十月底前, and dates whose 年/月 the source lost (2020710日前 → 2020-07-10, 20209月底前 → 2020-09-30, 202010月底前 → 2020-10-31).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from normalizers.numerals import chinese_to_int


@dataclass(frozen=True, slots=True)
class DateMention:
    """One calendar expression found in a text: where it stands and the day it resolves to."""

    text: str
    start: int
    end: int
    due: date
    begin: date | None = None
    explicit_year: bool = True
    precision: str = "day"  # day | month | quarter | half | year


_ZH_DIGIT = "〇○零一二三四五六七八九"
# 二〇二三年 → 2023年; 十月, 十二月, 三十一日 → 10月, 12月, 31日 (only before 年/月/日).
_ZH_YEAR = re.compile(f"(?<![{_ZH_DIGIT}十])([{_ZH_DIGIT}]{{4}})(?=年)")
_ZH_DATE_HINT = re.compile(f"[{_ZH_DIGIT}十][年月日号]")
_ZH_MONTH_DAY = re.compile(f"(?<![{_ZH_DIGIT}十第])([{_ZH_DIGIT}十]{{1,3}})(?=[月日号])")


def digitize_dates(text: str) -> str:
    """Rewrite Chinese-numeral years, months and days as digits, keeping everything else.

    >>> digitize_dates("二〇二三年十月底前,十二月三十一日前,第三季度")
    '2023年10月底前,12月31日前,第三季度'
    """
    if not _ZH_DATE_HINT.search(text):
        return text  # no Chinese numeral right before 年/月/日/号: nothing to rewrite
    return _digitize(text)


def _year_digits(match: re.Match[str]) -> str:
    return str(chinese_to_int(match.group(1)))


def _month_day_digits(match: re.Match[str]) -> str:
    value = chinese_to_int(match.group(1))
    return str(value) if 1 <= value <= 31 else match.group(1)


def _digitize(text: str) -> str:
    return _ZH_MONTH_DAY.sub(_month_day_digits, _ZH_YEAR.sub(_year_digits, text))


def month_end(year: int, month: int) -> date:
    """The last day of a month.

    >>> month_end(2024, 2)
    datetime.date(2024, 2, 29)
    """
    return date(year, month, calendar.monthrange(year, month)[1])


def _day(year: int, month: int, day: int) -> date | None:
    if not 1 <= month <= 12 or not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day)


def split_month_day(digits: str) -> tuple[int, int] | None:
    """Split the digits of a date whose 月 was lost: 710 → (7, 10), 1230 → (12, 30).

    A one-digit month is tried first: sites drop 月 from dates written without zero padding,
    so 111 is read as 1月11日 (it might have been 11月1日; the source does not say).
    """
    for cut in (1, 2):
        month, day = digits[:cut], digits[cut:]
        if day and not day.startswith("0") and 1 <= int(month) <= 12 and 1 <= int(day) <= 31:
            return int(month), int(day)
    return None


_YEAR = r"(?P<y>(?:19|20)\d{2})"
_MONTH = r"(?P<m>1[0-2]|0?[1-9])"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9])"
# 初 and 年中 only as time words: not 初步 (2025年初步建成), 初级, 年中央 (2024年中央财政).
_NOT_INITIAL = "(?![步级次始期心衷见稿审选创具])"
_PART = rf"(?P<part>上旬|中旬|下旬|底|末|初{_NOT_INITIAL})?"
# 第三季度, 三季度, Q3 (2024年Q3, 2024Q3 in a spreadsheet)
_QUARTER = r"(?:第?(?P<q>[一二三四1-4])季度|(?P<q2>[一二三四1-4])季度|(?<![A-Za-z])[Qq](?P<q3>[1-4])(?!\d))"
_HALF = rf"(?P<h>上半年|下半年|年中(?![央国心期小学医华层共])|年底|年末|年终|年初{_NOT_INITIAL})"
_SPAN_DASH = "-—–~～"

_PART_DAY = {"上旬": 10, "中旬": 20, "初": 10}


Builder = Callable[[re.Match[str], int], tuple[date, str, bool] | None]


def _full_date(match: re.Match[str], year: int) -> tuple[date, str, bool] | None:
    """A day written one way throughout (年…月…日, 2020-7-10, 2020.7.10); not a span of months
    after a year (2024年5-9月, 2019年11-12月, 2024.4-2024.6), whose "day" is the span's end."""
    first, second = match["s1"], match["s2"]
    if (first == "年") != (second == "月") or (first != "年" and first != second):
        return None
    if not match["unit"] and match.string[match.end() : match.end() + 1] in ("月", "季"):
        return None
    found = _day(int(match["y"]), int(match["m"]), int(match["d"]))
    return (found, "day", True) if found else None


def _lost_month(match: re.Match[str], year: int) -> tuple[date, str, bool] | None:
    split = split_month_day(match["md"])
    if split is None:
        return None
    explicit = match["y"] is not None
    found = _day(int(match["y"]) if explicit else year, *split)
    return (found, "day", explicit) if found else None


def _month(match: re.Match[str], year: int) -> tuple[date, str, bool] | None:
    explicit = match["y"] is not None
    the_year, month = (int(match["y"]) if explicit else year), int(match["m"])
    part = match["part"]
    if part in _PART_DAY:
        return date(the_year, month, _PART_DAY[part]), "day", explicit
    return month_end(the_year, month), "month", explicit


def _month_day(match: re.Match[str], year: int) -> tuple[date, str, bool] | None:
    found = _day(year, int(match["m"]), int(match["d"]))
    return (found, "day", False) if found else None


def _quarter(match: re.Match[str], year: int) -> tuple[date, str, bool] | None:
    explicit = match["y"] is not None
    quarter = chinese_to_int(match["q"] or match["q2"] or match["q3"])
    return month_end(int(match["y"]) if explicit else year, quarter * 3), "quarter", explicit


def _half(match: re.Match[str], year: int) -> tuple[date, str, bool] | None:
    explicit = match["y"] is not None
    the_year = int(match["y"]) if explicit else year
    if match["h"] == "年初":  # the year's first month: the strictest reading of "early in the year"
        return month_end(the_year, 1), "month", explicit
    month = 6 if match["h"] in {"上半年", "年中"} else 12
    return month_end(the_year, month), "half" if month == 6 else "year", explicit


def _year_month(match: re.Match[str], year: int) -> tuple[date, str, bool] | None:
    return month_end(int(match["y"]), int(match["m"])), "month", True


def _year_end(match: re.Match[str], year: int) -> tuple[date, str, bool] | None:
    return date(int(match["y"] or match["y2"]), 12, 31), "year", True


# Longer, more specific patterns first; overlapping later matches are dropped.
_PATTERNS: tuple[tuple[re.Pattern[str], Builder], ...] = (
    # 2020年7月10日, 2020-07-10, 2020.7.10, 2020/7/10
    (re.compile(rf"{_YEAR}(?P<s1>年|[-./])\s*{_MONTH}(?P<s2>月|[-./])\s*{_DAY}(?P<unit>日|号)?"), _full_date),
    # 2020710日 (年 and 月 lost), 今年710日前 (月 lost)
    (re.compile(rf"(?<!\d)(?:{_YEAR}年?)?(?P<md>\d{{3,4}})日"), _lost_month),
    # 2023年6月底, 20209月底 (年 lost), 6月中旬
    (re.compile(rf"(?<!\d)(?:{_YEAR}年?)?{_MONTH}月份?{_PART}"), _month),
    # 7月10日 (the notice's year)
    (re.compile(rf"(?<!\d){_MONTH}月{_DAY}[日号]"), _month_day),
    # 2023年第三季度, 三季度末
    (re.compile(rf"(?:{_YEAR}(?:年|(?=[Qq])))?{_QUARTER}末?"), _quarter),
    # 2023年上半年, 年中, 年底
    (re.compile(rf"(?:{_YEAR}年?)?{_HALF}"), _half),
    # 2024.6, 2024-06 (a month written with a separator and no day; not 2023.5万元)
    (re.compile(rf"(?<!\d){_YEAR}[./-]{_MONTH}(?![\d./-]|\s*[万亿千百元%％个件家人户所项公里米吨倍])"), _year_month),
    # 2017年年底, 2018年底, 2021年末; 到2018年 (a target year); the end of 2024—2025年, 2024年-2025年
    (re.compile(rf"{_YEAR}年(?:年?底|年?末|终)|(?:(?<=[到至])|(?<=\d[{_SPAN_DASH}])|(?<=\d年[{_SPAN_DASH}]))(?P<y2>(?:19|20)\d{{2}})年"), _year_end),
)
# A pattern that opens with a lookbehind or an optional group gets no first-character scan from
# the regex engine and costs ten times more per line than one that opens with a digit. So each
# pattern is tried only where it can start: at a run of digits (the three ``(?<!\d)`` patterns
# must start at one), or anywhere once a cheap hint shows the words it needs are present.
_DIGIT_RUN = re.compile(r"\d+")
_AT_DIGIT_RUNS = frozenset({_lost_month, _month, _month_day, _year_month})
_HINTS: dict[Builder, re.Pattern[str]] = {
    _quarter: re.compile("季度|[Qq][1-4]"),
    _half: re.compile("年[中底末终初]|半年"),
    _year_end: re.compile(f"年年?[底末]|年终|到1|到2|至1|至2|[{_SPAN_DASH}][12]\\d{{3}}年"),
}

# Every pattern above needs one of these: a 年/月/日/号/季, or digits around a date separator.
_DATE_HINT = re.compile(r"[年月日号季]|\d\s*[-./]\s*\d|[Qq][1-4]")


def _matches(pattern: re.Pattern[str], build: Builder, text: str, digit_runs: list[int]) -> Iterator[re.Match[str]]:
    """What ``pattern.finditer(text)`` finds, trying only the positions where it can match."""
    if build in _AT_DIGIT_RUNS:
        end = 0
        for start in digit_runs:
            match = pattern.match(text, start) if start >= end else None
            if match:
                end = match.end()
                yield match
        return
    hint = _HINTS.get(build)
    if hint is None or hint.search(text):
        yield from pattern.finditer(text)


def find_dates(text: str, year: int) -> list[DateMention]:
    """Every calendar expression in ``text``, in order, resolved against ``year``.

    >>> [(m.text, m.due.isoformat()) for m in find_dates("6月底前启动,2020710日前完成", 2020)]
    [('6月底', '2020-06-30'), ('2020710日', '2020-07-10')]
    """
    if not _DATE_HINT.search(text):
        return []  # most sentences: nothing any pattern could match
    return _find_dates(text, year)


def _find_dates(text: str, year: int) -> list[DateMention]:
    text = digitize_dates(text)
    candidates: list[DateMention] = []
    digit_runs = [run.start() for run in _DIGIT_RUN.finditer(text)]
    for pattern, build in _PATTERNS:
        for match in _matches(pattern, build, text, digit_runs):
            built = build(match, year)
            if built is None:
                continue
            due, precision, explicit = built
            candidates.append(
                DateMention(match.group(0), match.start(), match.end(), due, None, explicit, precision)
            )
    chosen: list[DateMention] = []
    for mention in sorted(candidates, key=lambda m: (m.start, -(m.end - m.start))):
        if chosen and mention.start < chosen[-1].end:
            continue
        chosen.append(mention)
    return _with_range_starts(text, [_in_next_year(text, mention, year) for mention in chosen], year)


# 次年1月底前, 明年上半年, 翌年底: the year after the notice's. A mention that starts with 年
# (年底, 年初) shares its 年 with the prefix: 明年底 is 明 + 年底.
_NEXT_YEAR = re.compile(r"(?:次|明|翌|下一)年$")
_NEXT_YEAR_SHARED = re.compile(r"(?:次|明|翌|下一)$")


def _in_next_year(text: str, mention: DateMention, year: int) -> DateMention:
    if mention.explicit_year:
        return mention
    before = text[max(0, mention.start - 3) : mention.start]
    prefix = (_NEXT_YEAR_SHARED if mention.text.startswith("年") else _NEXT_YEAR).search(before)
    if prefix is None:
        return mention
    return DateMention(
        prefix.group(0) + mention.text,
        mention.start - len(prefix.group(0)),
        mention.end,
        _in_year(mention, year + 1),
        None,
        False,
        mention.precision,
    )


_RANGE_START = re.compile(
    rf"(?:{_YEAR}年?)?(?:(?P<m>1[0-2]|0?[1-9])月?)?(?:(?P<d>3[01]|[12]\d|0?[1-9])日)?\s*(?:至|到|—|–|-|~|～)\s*$"
)


def _in_year(mention: DateMention, year: int) -> date:
    """The same calendar position in another year (month ends stay month ends)."""
    if mention.precision == "day":
        return _day(year, mention.due.month, mention.due.day) or month_end(year, mention.due.month)
    return month_end(year, mention.due.month)


def _with_range_starts(text: str, mentions: list[DateMention], year: int) -> list[DateMention]:
    """Give 2023年3月至6月 and 2016—2017年底 their start: the part before 至/—."""
    result: list[DateMention] = []
    for mention in mentions:
        before = text[max(0, mention.start - 16) : mention.start]
        match = _RANGE_START.search(before)
        if match and (match["y"] or match["m"]):
            start_year = int(match["y"]) if match["y"] else mention.due.year
            start_month = int(match["m"]) if match["m"] else 1
            start_day = int(match["d"]) if match["d"] else 1
            begin = _day(start_year, start_month, start_day)
            due = mention.due
            if match["y"] and not mention.explicit_year:
                due = _in_year(mention, start_year)  # 2023年3月至6月: the end shares the start's year
            if begin and begin <= due:
                if match["y"] is None and not mention.explicit_year:
                    begin = _day(year, start_month, start_day)
                while result and result[-1].start >= mention.start - len(match.group(0)):
                    result.pop()  # 2023年3月 of 2023年3月至6月 is the range's start, not a date of its own
                mention = DateMention(
                    match.group(0) + mention.text,
                    mention.start - len(match.group(0)),
                    mention.end,
                    due,
                    begin,
                    mention.explicit_year or bool(match["y"]),
                    mention.precision,
                )
        result.append(mention)
    return result


def parse_iso_like(text: str) -> date | None:
    """A single date written as 2023-06-20, 2023年6月20日 or 2023.6.20, else None.

    >>> parse_iso_like("成文日期:2023年6月20日"), parse_iso_like("2023年")
    (datetime.date(2023, 6, 20), None)
    """
    match = _PATTERNS[0][0].search(digitize_dates(text))
    if not match:
        return None
    return _day(int(match["y"]), int(match["m"]), int(match["d"]))
