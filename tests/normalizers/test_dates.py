"""Calendar expressions of real notices, resolved against the notice's year."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.dates import digitize_dates, find_dates, month_end, parse_iso_like, split_month_day

D = date

# (text, notice year, [(due, begin), ...] one per mention, in order)
CASES = [
    ("2023年6月底前", 2023, [(D(2023, 6, 30), None)], "month-end"),
    ("2020年7月10日前", 2020, [(D(2020, 7, 10), None)], "full-date"),
    ("10月底前", 2021, [(D(2021, 10, 31), None)], "month-takes-notice-year"),
    ("12月31日前", 2019, [(D(2019, 12, 31), None)], "month-day-takes-notice-year"),
    ("2020710日前", 2023, [(D(2020, 7, 10), None)], "lost-year-and-month-characters"),
    ("20209月底前", 2023, [(D(2020, 9, 30), None)], "lost-year-character"),
    ("202010月底前", 2023, [(D(2020, 10, 31), None)], "lost-year-character-two-digit-month"),
    ("二〇二三年十月底前", 2020, [(D(2023, 10, 31), None)], "chinese-numeral-year-and-month"),
    ("十二月三十一日前", 2022, [(D(2022, 12, 31), None)], "chinese-numeral-month-and-day"),
    ("第三季度", 2023, [(D(2023, 9, 30), None)], "third-quarter"),
    ("2024年Q3", 2023, [(D(2024, 9, 30), None)], "quarter-as-q-with-year"),
    ("2024Q2", 2023, [(D(2024, 6, 30), None)], "quarter-as-q-after-digits"),
    ("Q1", 2023, [(D(2023, 3, 31), None)], "quarter-as-q-alone"),
    ("APPQ3版本", 2023, [], "q-inside-a-word-is-no-quarter"),
    ("一季度末", 2023, [(D(2023, 3, 31), None)], "end-of-first-quarter"),
    ("2023年第四季度", 2020, [(D(2023, 12, 31), None)], "quarter-with-year"),
    ("上半年", 2023, [(D(2023, 6, 30), None)], "first-half"),
    ("年中", 2023, [(D(2023, 6, 30), None)], "mid-year"),
    ("下半年", 2023, [(D(2023, 12, 31), None)], "second-half"),
    ("年底前", 2023, [(D(2023, 12, 31), None)], "year-end"),
    ("2017年年底前", 2016, [(D(2017, 12, 31), None)], "explicit-year-end"),
    ("2023年3月至6月", 2023, [(D(2023, 6, 30), D(2023, 3, 1))], "month-span"),
    ("3月至6月底", 2021, [(D(2021, 6, 30), D(2021, 3, 1))], "month-span-notice-year"),
    ("2022年10月至2023年6月", 2022, [(D(2023, 6, 30), D(2022, 10, 1))], "span-over-new-year"),
    ("2016—2017年底前", 2016, [(D(2017, 12, 31), D(2016, 1, 1))], "year-span-with-em-dash"),
    ("6月底前启动,12月底前完成", 2023, [(D(2023, 6, 30), None), (D(2023, 12, 31), None)], "two-mentions"),
    ("2024年2月底", 2024, [(D(2024, 2, 29), None)], "leap-year-february"),
    ("2023年2月底", 2023, [(D(2023, 2, 28), None)], "common-year-february"),
    ("7月上旬", 2023, [(D(2023, 7, 10), None)], "early-month"),
    ("7月中旬", 2023, [(D(2023, 7, 20), None)], "mid-month"),
    ("7月下旬", 2023, [(D(2023, 7, 31), None)], "late-month"),
    ("9月投入使用", 2023, [(D(2023, 9, 30), None)], "month-named-alone"),
    ("2020-07-10", 2023, [(D(2020, 7, 10), None)], "iso"),
    ("2020.7.10", 2023, [(D(2020, 7, 10), None)], "dotted"),
    ("2024—2025年", 2024, [(D(2025, 12, 31), D(2024, 1, 1))], "year-span-without-first-nian"),
    ("2024年-2025年", 2024, [(D(2025, 12, 31), D(2024, 1, 1))], "year-span-with-hyphen"),
    ("2024.6", 2023, [(D(2024, 6, 30), None)], "dotted-year-month"),
    ("2024-06前", 2023, [(D(2024, 6, 30), None)], "iso-year-month"),
    ("投资2023.5万元", 2023, [], "decimal-amount-is-no-date"),
    ("年初", 2023, [(D(2023, 1, 31), None)], "early-year-is-its-first-month"),
    ("2025年初前", 2023, [(D(2025, 1, 31), None)], "early-in-a-written-year"),
    ("2025年初步建成", 2023, [], "initial-step-is-no-date"),
    ("6月初步完成", 2023, [(D(2023, 6, 30), None)], "month-then-initial-step"),
    ("2024年中央财政资金", 2024, [], "central-government-is-no-mid-year"),
    ("次年1月底前", 2023, [(D(2024, 1, 31), None)], "next-year-month"),
    ("明年上半年", 2023, [(D(2024, 6, 30), None)], "next-year-half"),
    ("明年底前", 2023, [(D(2024, 12, 31), None)], "next-year-end-shares-its-nian"),
    ("次年2月底", 2023, [(D(2024, 2, 29), None)], "next-year-keeps-month-ends"),
    ("2019年", 2019, [], "bare-year-is-no-date"),
    ("郑办〔2017〕15号", 2017, [], "document-number-is-no-date"),
    ("十四五规划", 2021, [], "plan-name-is-no-date"),
]


@pytest.mark.parametrize(
    ("text", "year", "expected"), [case[:3] for case in CASES], ids=[case[3] for case in CASES]
)
def test_find_dates(text: str, year: int, expected: list[tuple[date, date | None]]) -> None:
    assert [(m.due, m.begin) for m in find_dates(text, year)] == expected


def test_find_dates_reports_positions_in_text() -> None:
    text = "6月底前启动,12月底前完成"
    mentions = find_dates(text, 2023)
    assert [text[m.start : m.end] for m in mentions] == ["6月底", "12月底"]
    assert [m.text for m in mentions] == ["6月底", "12月底"]


@pytest.mark.parametrize(
    ("text", "explicit"),
    [("2023年6月底前", True), ("6月底前", False), ("第三季度", False), ("2023年第三季度", True)],
    ids=["with-year", "without-year", "quarter", "quarter-with-year"],
)
def test_find_dates_tells_whether_the_year_was_written(text: str, explicit: bool) -> None:
    (mention,) = find_dates(text, 2023)
    assert mention.explicit_year is explicit


def test_span_text_covers_start_and_end() -> None:
    (mention,) = find_dates("于2023年3月至6月开展专项检查", 2023)
    assert mention.text == "2023年3月至6月"


def test_span_end_takes_the_year_of_its_start() -> None:
    mentions = find_dates("2023年3月至6月", 2022)
    assert [(m.due, m.begin) for m in mentions] == [(D(2023, 6, 30), D(2023, 3, 1))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("二〇二三年十月底前", "2023年10月底前"),
        ("十二月三十一日前", "12月31日前"),
        ("第三季度", "第三季度"),
        ("十四五规划", "十四五规划"),
    ],
    ids=["year-and-month", "month-and-day", "quarter-untouched", "plan-name-untouched"],
)
def test_digitize_dates(text: str, expected: str) -> None:
    assert digitize_dates(text) == expected


@pytest.mark.parametrize(
    ("digits", "expected"),
    [("710", (7, 10)), ("1230", (12, 30)), ("111", (1, 11)), ("105", (10, 5)), ("1301", None)],
    ids=["one-digit-month", "two-digit-month", "ambiguous-reads-one-digit-month", "day-without-zero", "no-month-13"],
)
def test_split_month_day(digits: str, expected: tuple[int, int] | None) -> None:
    assert split_month_day(digits) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("成文日期:2023年6月20日", D(2023, 6, 20)),
        ("二〇二三年六月二十日", D(2023, 6, 20)),
        ("2023-06-20", D(2023, 6, 20)),
        ("2023年", None),
        ("2023年2月30日", None),
    ],
    ids=["labelled", "chinese-numerals", "iso", "bare-year", "impossible-day"],
)
def test_parse_iso_like(text: str, expected: date | None) -> None:
    assert parse_iso_like(text) == expected


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2035, 12, 31)))
def test_any_written_full_date_resolves_to_itself(day: date) -> None:
    mentions = find_dates(f"{day.year}年{day.month}月{day.day}日前", 2000)
    assert len(mentions) == 1
    assert mentions[0].due == day


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2035, 12, 31)))
def test_month_day_without_year_takes_the_notice_year(day: date) -> None:
    mentions = find_dates(f"{day.month}月{day.day}日前", day.year)
    assert [m.due for m in mentions] == [day]


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=1, max_value=12))
def test_month_end_is_the_last_day_of_its_month(year: int, month: int) -> None:
    last = month_end(year, month)
    assert (last.year, last.month) == (year, month)
    assert (last + timedelta(days=1)).day == 1


@given(st.integers(min_value=2000, max_value=2035), st.integers(min_value=1, max_value=12))
def test_month_end_written_in_text_resolves_to_month_end(year: int, month: int) -> None:
    mentions = find_dates(f"{year}年{month}月底前", 2000)
    assert [m.due for m in mentions] == [month_end(year, month)]
