"""Paragraph boundaries: manual breaks joined, run-on bodies split, hard wraps undone."""

from __future__ import annotations

import pytest

from extractors.document import Paragraph
from extractors.paragraphs import reflow_hard_wraps, restore_paragraphs, split_run_on, unwrap_paragraph


def texts(paragraphs: list[Paragraph]) -> list[str]:
    return [paragraph.text for paragraph in paragraphs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("临沂市人民政府办公室\n关于印发工作要点的通知", ["临沂市人民政府办公室关于印发工作要点的通知"]),
        ("加强政策解读,\n做好舆情回应。", ["加强政策解读,做好舆情回应。"]),
        ("一、推进决策公开\n(一)完善目录。", ["一、推进决策公开", "(一)完善目录。"]),
        ("没有换行的段落。", ["没有换行的段落。"]),
    ],
    ids=["title-over-two-lines", "sentence-broken-by-hand", "break-before-an-item-kept", "no-break"],
)
def test_unwrap_paragraph(text: str, expected: list[str]) -> None:
    assert texts(unwrap_paragraph(Paragraph(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("要点如下:一、公开。(一)决策公开。二、解读。", ["要点如下:", "一、公开。", "(一)决策公开。", "二、解读。"]),
        ("一、公开。计划投资1.5亿元。", ["一、公开。计划投资1.5亿元。"]),
        ("全年完成(一)类项目10个。", ["全年完成(一)类项目10个。"]),
    ],
    ids=["body-on-one-line", "one-item-is-left-alone", "a-parenthesis-without-two-top-items"],
)
def test_split_run_on(text: str, expected: list[str]) -> None:
    assert texts(split_run_on(Paragraph(text))) == expected


# Paragraphs cut every 20 characters, as a PDF copy or an old mail leaves them.
FIRST = "全面摸清全市城镇老旧小区底数,逐小区建立改造项目库,6月底前完成摸底调查,10月底前完成年度改造项目的申报审核工作,确保按期开工建设。"
SECOND = "统筹做好城中村改造项目资金平衡,积极争取中央预算内投资和专项债券资金支持,按时完成项目储备和申报工作。"
WIDTH = 20


def cut(text: str) -> list[str]:
    return [text[i : i + WIDTH] for i in range(0, len(text), WIDTH)]


WRAPPED = ["一、推进老旧小区改造", *cut(FIRST), "二、推进城中村改造", *cut(SECOND)]


def test_hard_wrapped_lines_are_joined_into_their_paragraphs() -> None:
    reflowed = texts(reflow_hard_wraps([Paragraph(line) for line in WRAPPED]))
    assert reflowed == ["一、推进老旧小区改造", FIRST, "二、推进城中村改造", SECOND]


@pytest.mark.parametrize(
    "label_line",
    ["责任单位:市住房城乡建设局、市财政局", "完成时限:2025年10月底前", "时间节点:6月底前启动"],
    ids=["unit-label", "deadline-label", "time-node-label"],
)
def test_a_labelled_line_after_a_line_of_the_wrap_width_stays_its_own(label_line: str) -> None:
    item = "加强城市更新项目谋划储备工作,建立项目库"  # exactly the wrap width, no sentence end
    assert len(item) == WIDTH
    lines = [*WRAPPED, "三、加强项目储备", item, label_line]
    reflowed = texts(reflow_hard_wraps([Paragraph(line) for line in lines]))
    assert reflowed[-2:] == [item, label_line]


def test_text_without_a_wrap_width_is_left_as_it_is() -> None:
    lines = ["一、总体要求", "坚持以人民为中心。", "二、重点任务", "(一)推进城市更新。"]
    assert texts(restore_paragraphs([Paragraph(line) for line in lines])) == lines


# A signature broken by <br> inside one <p>: the date and the body above it each stand apart.
SIGNATURE_BREAKS = {
    "issuer-over-date": ("九江市人民政府办公厅\n2020年4月10日", ["九江市人民政府办公厅", "2020年4月10日"]),
    "closing-issuer-date-note": (
        "请认真贯彻执行。\n九江市人民政府办公厅\n二〇二〇年四月十日\n(此件公开发布)",
        ["请认真贯彻执行。", "九江市人民政府办公厅", "二〇二〇年四月十日", "(此件公开发布)"],
    ),
    "issuer-over-title-still-joins": ("临沂市人民政府办公室\n关于印发工作要点的通知", ["临沂市人民政府办公室关于印发工作要点的通知"]),
    "issuer-without-a-date-still-joins": ("请认真贯彻执行。\n九江市人民政府办公厅", ["请认真贯彻执行。九江市人民政府办公厅"]),
    "a-date-after-a-label-is-its-value": ("完成时限:\n2023年6月30日", ["完成时限:2023年6月30日"]),
    "a-date-inside-a-sentence-joins": ("到2020年底,全市\n2020年完成改造。", ["到2020年底,全市2020年完成改造。"]),
}


@pytest.mark.parametrize(("text", "expected"), list(SIGNATURE_BREAKS.values()), ids=list(SIGNATURE_BREAKS))
def test_a_signature_broken_inside_one_paragraph_keeps_its_lines(text: str, expected: list[str]) -> None:
    assert texts(unwrap_paragraph(Paragraph(text))) == expected
