"""The numbering of Chinese work points: 一、 → (一) → 1. → (1) → ①.

Text reaching this module is normalized: parentheses and full stops are ASCII.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from normalizers.numerals import CHINESE_NUMERAL


class Marker(str, Enum):
    """Kinds of item number, in the order notices usually nest them."""

    PART = "part"  # 第一部分 / 第一章
    CHINESE = "chinese"  # 一、
    PAREN_CHINESE = "paren_chinese"  # (一)
    ARABIC = "arabic"  # 1. / 1、
    PAREN_ARABIC = "paren_arabic"  # (1)
    CIRCLED = "circled"  # ①
    NAMED = "named"  # 专项行动一:产业扶贫 / 行动二: / 重点任务三:
    ARTICLE = "article"  # 第一条 (with a space or a mark after it, as articles are set)
    # 第一,… / 一是… opening paragraphs of an item: never a numbered line by itself, only the
    # parts an item is split into when each names its own units (``extractors.sections``)
    ENUMERATED = "enumerated"


_CN = CHINESE_NUMERAL
# Each pattern matches the number at the start of a line and the separator after it.
_DEADLINE_OPENING = r"\d{4}年(?:\d{1,2}月)?(?:底|末|前|内|起|上半年|下半年)|\d{1,2}月(?:底|末|前|上旬|中旬|下旬)"
MARKER_PATTERNS: tuple[tuple[Marker, re.Pattern[str]], ...] = (
    # 第一部分 总体要求 / 第二章
    (Marker.PART, re.compile(rf"^第({_CN}|\d+)(?:部分|章|篇)\s*")),
    # 一、聚焦重点领域信息公开 (also 一. and 一,)
    (Marker.CHINESE, re.compile(rf"^({_CN})\s*[、.,]\s*")),
    # (一)推进决策公开。 (also 一) and (一)、)
    (Marker.PAREN_CHINESE, re.compile(rf"^(?:\(\s*({_CN})\s*\)|({_CN})\))\s*[、.]?\s*")),
    # 1.加强高质量发展信息公开 / 1、/ 1 . — but not 1.5亿 or 2023年
    # 1.5亿 is a decimal, 3.2023年底前 an item that opens with its deadline (a year or month and a
    # time word; a bare 2025年 may be a file name: 1.2025年…分工表.docx)
    (Marker.ARABIC, re.compile(r"^(\d{1,3})\s*(?:[、]|\.(?!\d)|\.(?=" + _DEADLINE_OPENING + r"))\s*")),
    # (1)明确解读范围 / 1)
    (Marker.PAREN_ARABIC, re.compile(r"^\(\s*(\d{1,3})\s*\)\s*[、.]?\s*|^(\d{1,3})\)\s*")),
    # ①公开目录
    (Marker.CIRCLED, re.compile(r"^([\u2460-\u2473])\s*")),
    # 专项行动一:产业扶贫行动 / 行动二:… — a heading named by its kind and its number
    (Marker.NAMED, re.compile(rf"^(?:专项行动|重点行动|行动|重点工程|工程|重点任务|专项任务|任务|专题|板块)({_CN})\s*[:、]\s*")),
    # 第一条　全面完成… — an article (the space after it is often lost); 第一条道路 is a sentence
    (Marker.ARTICLE, re.compile(rf"^第({_CN}|\d+)条(?![路道线街河渠堤桥隧轨]|高速|公路|铁路|地铁|生产线|航线)\s*[:、.]?\s*")),
)


@dataclass(frozen=True, slots=True)
class ItemNumber:
    """The number that opens a line: its kind, as written, and the text after it."""

    marker: Marker
    number: str
    rest: str


def parse_item_number(line: str) -> ItemNumber | None:
    """The item number at the start of ``line``, if any.

    >>> parse_item_number("(一)推进决策公开。按照…")
    ItemNumber(marker=<Marker.PAREN_CHINESE: 'paren_chinese'>, number='(一)', rest='推进决策公开。按照…')
    >>> parse_item_number("2023年,临沂市") is None
    True
    """
    for marker, pattern in MARKER_PATTERNS:
        match = pattern.match(line)
        if match and match.end() < len(line):
            return ItemNumber(marker, match.group(0).strip(), line[match.end() :])
    return None


def strip_item_number(text: str) -> str:
    """``text`` without the item number that opens it.

    >>> strip_item_number("一、重大建设项目领域")
    '重大建设项目领域'
    """
    item = parse_item_number(text)
    return item.rest if item else text


# List bullets that Word numbering or a web page puts before a line: ● 对照… / • 确定…
_BULLET = re.compile(r"^[●•·▪◆◇■□○►▶√✓※\-–]\s*")


def strip_bullets(text: str) -> str:
    r"""Every line of ``text`` without the list bullet that opens it.

    >>> strip_bullets("●对照目录\n●确定范围")
    '对照目录\n确定范围'
    """
    return "\n".join(_BULLET.sub("", line) for line in text.split("\n"))
