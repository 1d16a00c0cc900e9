"""Item numbers of Chinese work points: 第一部分 → 一、 → (一) → 1. → (1) → ①."""

from __future__ import annotations

import pytest

from extractors.numbering import Marker, parse_item_number, strip_item_number

NUMBERED = [
    ("第一部分 总体要求", Marker.PART, "第一部分", "总体要求", "part"),
    ("第二章 工作任务", Marker.PART, "第二章", "工作任务", "chapter"),
    ("一、总体要求", Marker.CHINESE, "一、", "总体要求", "chinese"),
    ("十二、其他事项", Marker.CHINESE, "十二、", "其他事项", "chinese-two-characters"),
    ("一.聚焦重点领域", Marker.CHINESE, "一.", "聚焦重点领域", "chinese-full-stop"),
    ("(一)推进决策公开。按照要求", Marker.PAREN_CHINESE, "(一)", "推进决策公开。按照要求", "paren-chinese"),
    ("(一)、推进决策公开", Marker.PAREN_CHINESE, "(一)、", "推进决策公开", "paren-chinese-with-comma"),
    ("(十一) 加强培训", Marker.PAREN_CHINESE, "(十一)", "加强培训", "paren-chinese-then-space"),
    ("1.加强高质量发展信息公开", Marker.ARABIC, "1.", "加强高质量发展信息公开", "arabic-full-stop"),
    ("1、加强信息公开", Marker.ARABIC, "1、", "加强信息公开", "arabic-comma"),
    ("12 . 做好解读", Marker.ARABIC, "12 .", "做好解读", "arabic-spaced"),
    ("(1)明确解读范围", Marker.PAREN_ARABIC, "(1)", "明确解读范围", "paren-arabic"),
    ("1)明确解读范围", Marker.PAREN_ARABIC, "1)", "明确解读范围", "half-paren-arabic"),
    ("①公开目录", Marker.CIRCLED, "①", "公开目录", "circled"),
    ("⑳公开目录", Marker.CIRCLED, "⑳", "公开目录", "circled-twenty"),
    ("专项行动一:产业扶贫行动", Marker.NAMED, "专项行动一:", "产业扶贫行动", "named-action"),
    ("重点任务三、优化营商环境", Marker.NAMED, "重点任务三、", "优化营商环境", "named-task"),
    ("第一条 全面完成危旧房改造", Marker.ARTICLE, "第一条", "全面完成危旧房改造", "article"),
    ("第十二条全面完成危旧房改造", Marker.ARTICLE, "第十二条", "全面完成危旧房改造", "article-space-lost"),
    ("3.2023年底前,编辑出版红色故事丛书", Marker.ARABIC, "3.", "2023年底前,编辑出版红色故事丛书", "arabic-opening-with-a-deadline"),
    ("4.6月底前完成评估", Marker.ARABIC, "4.", "6月底前完成评估", "arabic-opening-with-a-month-deadline"),
]


@pytest.mark.parametrize(("line", "marker", "number", "rest"), [c[:4] for c in NUMBERED], ids=[c[4] for c in NUMBERED])
def test_parse_item_number(line: str, marker: Marker, number: str, rest: str) -> None:
    item = parse_item_number(line)
    assert item is not None
    assert (item.marker, item.number, item.rest) == (marker, number, rest)


NOT_NUMBERED = [
    ("2023年,临沂市推进政务公开", "year"),
    ("1.5亿元专项资金", "decimal-amount"),
    ("1.2025年临平区重点任务分工表.docx", "an-attachments-name"),
    ("3.2023年,全市接待游客", "a-decimal-like-year-without-a-time-word"),
    ("第一条高速公路建成通车", "a-first-road"),
    ("行动计划", "a-word-with-xingdong"),
    ("十四五规划编制", "plan-name"),
    ("2023.6.30前完成", "dotted-date"),
    ("10月底前完成", "month"),
    ("一是加强领导", "enumeration-word"),
    ("第一,加强领导", "ordinal-word"),
    ("一、", "number-without-text"),
    ("(一)", "paren-number-without-text"),
    ("加强领导(一)", "number-not-at-start"),
]


@pytest.mark.parametrize("line", [c[0] for c in NOT_NUMBERED], ids=[c[1] for c in NOT_NUMBERED])
def test_lines_that_open_with_no_item_number(line: str) -> None:
    assert parse_item_number(line) is None


def test_half_paren_chinese_number_is_parsed() -> None:
    item = parse_item_number("一)推进决策公开")
    assert item is not None
    assert item.marker is Marker.PAREN_CHINESE


@pytest.mark.parametrize(
    ("text", "expected"),
    [("一、重大建设项目领域", "重大建设项目领域"), ("(2)推行决策预公开", "推行决策预公开"), ("2023年工作要点", "2023年工作要点")],
    ids=["numbered", "paren-arabic", "not-numbered-unchanged"],
)
def test_strip_item_number(text: str, expected: str) -> None:
    assert strip_item_number(text) == expected
