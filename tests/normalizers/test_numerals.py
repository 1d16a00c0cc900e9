"""Chinese numerals as integers: item numbers (二十六), years (二〇二三), financial forms (壹拾)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from normalizers.numerals import chinese_to_int, int_to_chinese, is_chinese_numeral

COUNTING = [
    ("一", 1),
    ("二", 2),
    ("九", 9),
    ("十", 10),
    ("十一", 11),
    ("十九", 19),
    ("二十", 20),
    ("二十一", 21),
    ("二十六", 26),
]


@pytest.mark.parametrize(("text", "value"), COUNTING, ids=[text for text, _ in COUNTING])
def test_item_numbers_read_as_counting_numbers(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


NUMERALS = [
    ("〇", 0, "ling-circle"),
    ("零", 0, "ling"),
    ("二〇二三", 2023, "year-digit-by-digit"),
    ("二○二○", 2020, "year-with-white-circle"),
    ("一百零五", 105, "hundred-with-zero"),
    ("一百一十", 110, "hundred-ten"),
    ("两千", 2000, "liang-thousand"),
    ("两千零二十三", 2023, "year-as-counting-number"),
    ("壹拾", 10, "financial-ten"),
    ("叁佰伍拾", 350, "financial-hundreds"),
    ("一万零五", 10005, "myriad-with-zero"),
    ("12", 12, "ascii-digits"),
    (" 十五 ", 15, "surrounding-spaces"),
]


@pytest.mark.parametrize(("text", "value"), [(t, v) for t, v, _ in NUMERALS], ids=[i for *_, i in NUMERALS])
def test_chinese_to_int(text: str, value: int) -> None:
    assert chinese_to_int(text) == value


@pytest.mark.parametrize(
    "text", ["", "二十六个", "第一", "十四五规划", "abc"], ids=["empty", "counter", "ordinal", "plan-name", "latin"]
)
def test_chinese_to_int_rejects_what_is_not_a_numeral(text: str) -> None:
    with pytest.raises(ValueError):
        chinese_to_int(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("二十六", True), ("二〇二三", True), ("壹拾", True), ("二十六个", False), ("第三", False), ("", False)],
    ids=["counting", "year", "financial", "with-counter", "ordinal", "empty"],
)
def test_is_chinese_numeral_accepts_only_a_whole_numeral(text: str, expected: bool) -> None:
    assert is_chinese_numeral(text) is expected


SPELLED = [(0, "零"), (1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (26, "二十六"), (105, "一百零五"),
           (110, "一百一十"), (1001, "一千零一"), (10010, "一万零一十")]  # fmt: skip


@pytest.mark.parametrize(("value", "text"), SPELLED, ids=[str(v) for v, _ in SPELLED])
def test_int_to_chinese_spells_item_numbers(value: int, text: str) -> None:
    assert int_to_chinese(value) == text


@pytest.mark.parametrize("value", [-1, 100_000], ids=["negative", "too-large"])
def test_int_to_chinese_rejects_out_of_range(value: int) -> None:
    with pytest.raises(ValueError):
        int_to_chinese(value)


@given(st.integers(min_value=0, max_value=99_999))
def test_chinese_to_int_inverts_int_to_chinese(n: int) -> None:
    assert chinese_to_int(int_to_chinese(n)) == n


@given(st.integers(min_value=1900, max_value=2099))
def test_years_written_digit_by_digit_read_back(year: int) -> None:
    digits = "〇一二三四五六七八九"
    assert chinese_to_int("".join(digits[int(d)] for d in str(year))) == year
