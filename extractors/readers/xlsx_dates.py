"""Date cells of a workbook rendered at the precision their number format shows.

Excel stores every date as a day serial; what a reader sees is set by the cell's number
format. A 完成时限 typed as "2021年10月" becomes the serial of 2021-10-01 formatted
yyyy"年"m"月": read as a day it would be a deadline a month early, so a month format is
rendered as the month ("2021年10月"), which the deadline rules resolve to the month's end.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from functools import lru_cache

# Quoted text ("年"), escaped characters (\-), padding (_) and fill (*) codes, and bracketed
# codes ([$-804], [Red], [DBNum1], [h]) show no date part of their own.
_LITERALS = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
# Locale codes for the system's long date (星期五, 2021年10月1日) and time formats.
_SYSTEM_LONG_DATE = "[$-f800]"
_SYSTEM_TIME = "[$-f400]"
# Elapsed time: [h]:mm, [mm]:ss.
_ELAPSED = re.compile(r"\[(?:h+|m+|s+)\]")
# Runs of date and time codes, in a format with its literals removed: yyyy, m, dd, hh, ss, AM/PM.
_CODE_RUN = re.compile(r"am/pm|a/p|y+|m+|d+|h+|s+")

# Built-in formats of East Asian Excel that a workbook names by id alone (ECMA-376 §18.8.30,
# zh-CN): openpyxl does not know them and reads such a cell as its day serial (44470).
CJK_BUILTIN_DATE_FORMATS = {
    27: 'yyyy"年"m"月"',
    28: 'm"月"d"日"',
    29: 'm"月"d"日"',
    30: "m-d-yy",
    31: 'yyyy"年"m"月"d"日"',
    32: 'h"时"mm"分"',
    33: 'h"时"mm"分"ss"秒"',
    34: '上午/下午h"时"mm"分"',
    35: '上午/下午h"时"mm"分"ss"秒"',
    36: 'yyyy"年"m"月"',
    50: 'yyyy"年"m"月"',
    51: 'm"月"d"日"',
    52: 'yyyy"年"m"月"',
    53: 'm"月"d"日"',
    54: 'm"月"d"日"',
    55: '上午/下午h"时"mm"分"',
    56: '上午/下午h"时"mm"分"ss"秒"',
    57: 'yyyy"年"m"月"',
    58: 'm"月"d"日"',
}


class DatePrecision(str, Enum):
    """The smallest date part a number format shows."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    TIME = "time"  # a time of day only: no date at all
    NONE = "none"  # no date or time code (General, 0.00)


@lru_cache(maxsize=256)  # a workbook uses a handful of formats over many cells
def format_precision(number_format: str) -> DatePrecision:
    """What a number format shows of a date.

    >>> [format_precision(f).value for f in ('yyyy"年"m"月"', "yyyy-mm", "yyyy/m/d", "h:mm", "[$-F800]dddd")]
    ['month', 'month', 'day', 'time', 'day']
    """
    lowered = number_format.lower()
    if _SYSTEM_LONG_DATE in lowered:
        return DatePrecision.DAY
    if _SYSTEM_TIME in lowered or _ELAPSED.search(lowered):
        return DatePrecision.TIME
    section = _LITERALS.sub("", lowered).split(";")[0]  # the format of positive numbers
    codes = _CODE_RUN.findall(section)
    months = [code for i, code in enumerate(codes) if code[0] == "m" and not _is_minutes(codes, i)]
    if any(code[0] == "d" for code in codes):
        return DatePrecision.DAY
    if months:
        return DatePrecision.MONTH
    if any(code[0] == "y" for code in codes):
        return DatePrecision.YEAR
    if codes:
        return DatePrecision.TIME
    return DatePrecision.NONE


def _is_minutes(codes: list[str], i: int) -> bool:
    """An m right after an hour code or right before a seconds code counts minutes (h:mm, mm:ss)."""
    before = codes[i - 1][0] if i > 0 else ""
    after = codes[i + 1][0] if i + 1 < len(codes) else ""
    return before == "h" or after == "s"


def temporal_to_text(value: dt.date | dt.time, number_format: str) -> str:
    """A date or time cell as the text its number format shows, at that precision.

    >>> temporal_to_text(dt.datetime(2021, 10, 1), 'yyyy"年"m"月"')
    '2021年10月'
    >>> temporal_to_text(dt.datetime(2021, 9, 30), 'yyyy"年"m"月"d"日"')
    '2021-09-30'
    >>> temporal_to_text(dt.datetime(2021, 9, 30, 17, 30), "h:mm")
    '17:30'

    A format without the year shows the day of the notice's year, whatever year is stored
    (a cell typed 11月30日 a year before the notice): it is read as the text 11月30日 would be.

    >>> temporal_to_text(dt.datetime(2023, 11, 30), 'm"月"d"日"')
    '11月30日'
    """
    if isinstance(value, dt.time):
        return _time_text(value, number_format)
    precision = format_precision(number_format)
    if precision is DatePrecision.MONTH:
        return f"{value.year}年{value.month}月"
    if precision is DatePrecision.YEAR:
        return f"{value.year}年"
    if precision is DatePrecision.TIME and isinstance(value, dt.datetime):
        return _time_text(value.time(), number_format)
    if precision is DatePrecision.DAY and not _shows_year(number_format):
        return f"{value.month}月{value.day}日"
    day = value.date() if isinstance(value, dt.datetime) else value
    return day.isoformat()


def _shows_year(number_format: str) -> bool:
    lowered = number_format.lower()
    return _SYSTEM_LONG_DATE in lowered or any(code[0] == "y" for code in _CODE_RUN.findall(_LITERALS.sub("", lowered).split(";")[0]))


def _time_text(value: dt.time, number_format: str) -> str:
    shows_seconds = "s" in _LITERALS.sub("", number_format.lower())
    return value.strftime("%H:%M:%S" if shows_seconds or value.second else "%H:%M")
