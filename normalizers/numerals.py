"""Chinese numerals as integers: counting numbers (二十六) and digit strings (二〇二三)."""

from __future__ import annotations

import re

_DIGITS = {
    "〇": 0, "○": 0, "零": 0, "O": 0,
    "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}  # fmt: skip
_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_MYRIAD = {"万": 10_000, "萬": 10_000, "亿": 100_000_000}

# One Chinese numeral, counting or digit-by-digit: 二十六, 一百零五, 二〇二三.
CHINESE_NUMERAL = "[〇○零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+"
_CHINESE_NUMERAL_RE = re.compile(f"^{CHINESE_NUMERAL}$")


def is_chinese_numeral(text: str) -> bool:
    """Whether ``text`` is one Chinese numeral and nothing else.

    >>> is_chinese_numeral("二十六"), is_chinese_numeral("二十六个")
    (True, False)
    """
    return bool(_CHINESE_NUMERAL_RE.match(text))


def chinese_to_int(text: str) -> int:
    """The value of a Chinese numeral, or of ASCII digits.

    Strings without any unit character are read digit by digit, as years are written.

    >>> [chinese_to_int(s) for s in ("十", "十一", "二十六", "一百零五", "二〇二三", "两千", "12")]
    [10, 11, 26, 105, 2023, 2000, 12]
    """
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(char not in _DIGITS and char not in _UNITS and char not in _MYRIAD for char in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if not any(char in _UNITS or char in _MYRIAD for char in text):
        return int("".join(str(_DIGITS[char]) for char in text))
    total, section, digit = 0, 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _UNITS:
            section += (digit or 1) * _UNITS[char]
            digit = 0
        else:
            total = (total + section + digit) * _MYRIAD[char]
            section, digit = 0, 0
    return total + section + digit


def int_to_chinese(value: int) -> str:
    """The counting numeral for 0–99 999, as item numbers are written.

    >>> [int_to_chinese(n) for n in (1, 10, 11, 20, 26, 105)]
    ['一', '十', '十一', '二十', '二十六', '一百零五']
    """
    if not 0 <= value < 100_000:
        raise ValueError(f"out of range: {value}")
    if value == 0:
        return "零"
    names = "零一二三四五六七八九"
    parts: list[str] = []
    zero_pending = False
    for unit, name in ((10_000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = value // unit % 10
        if digit:
            if zero_pending and parts:
                parts.append("零")
            parts.append(names[digit] + name)
            zero_pending = False
        elif parts:
            zero_pending = True
    result = "".join(parts)
    return result[1:] if result.startswith("一十") else result
