"""Text normalizers: punctuation, whitespace, web-page noise, script, and the whole line."""

from __future__ import annotations

import pytest

from normalizers.noise import repair_lost_characters, strip_pinyin_annotations
from normalizers.punctuation import normalize_punctuation
from normalizers.script import SIMPLIFYING_CONFIGS, has_traditional, to_simplified
from normalizers.text import normalize_line, normalize_multiline
from normalizers.whitespace import normalize_whitespace, remove_whitespace

# --- punctuation ----------------------------------------------------------------------------

PUNCTUATION = [
    ("（一）加强领导，市发改局（牵头）；", "(一)加强领导,市发改局(牵头);", "fullwidth-parens-comma-semicolon"),
    ("责任单位：市财政局", "责任单位:市财政局", "fullwidth-colon"),
    ("是否公开！？", "是否公开!?", "fullwidth-exclamation-question"),
    ("２０２３年６月底前", "2023年6月底前", "fullwidth-digits"),
    ("ＡＰＰ", "APP", "fullwidth-latin"),
    ("各县区、各部门。", "各县区、各部门。", "enumeration-comma-and-full-stop-kept"),
    ("“放管服”改革", "“放管服”改革", "chinese-quotes-kept"),
    ("《政府信息公开条例》", "《政府信息公开条例》", "book-title-marks-kept"),
    ("临政办字〔2023〕45号", "临政办字〔2023〕45号", "tortoise-shell-brackets-kept"),
    ("﹝2023﹞", "〔2023〕", "small-tortoise-shell-brackets-unified"),
    ("⑴明确解读范围", "(1)明确解读范围", "parenthesized-number"),
    ("⒉加强培训", "2.加强培训", "full-stop-number"),
    ("∶", ":", "ratio-colon"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in PUNCTUATION], ids=[c[2] for c in PUNCTUATION])
def test_normalize_punctuation(text: str, expected: str) -> None:
    assert normalize_punctuation(text) == expected


# --- whitespace -----------------------------------------------------------------------------

WHITESPACE = [
    ("\u3000\u3000一、总体要求", "一、总体要求", "ideographic-indent"),
    ("各县区\xa0政府", "各县区政府", "nbsp-between-cjk"),
    ("市\u200b财政局", "市财政局", "zero-width-space"),
    ("\ufeff临沂市", "临沂市", "bom-inside-text"),
    ("市 发改 委", "市发改委", "spaces-between-cjk"),
    ("主 要 工 作 任 务", "主要工作任务", "spaced-out-header"),
    ("2023 年 6 月 底前", "2023年6月底前", "spaces-between-digits-and-cjk"),
    ("APP 2.0 版", "APP 2.0版", "space-kept-between-latin-and-digits"),
    ("Windows  10", "Windows 10", "run-of-spaces-folds-to-one"),
    ("  前后  ", "前后", "stripped"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in WHITESPACE], ids=[c[2] for c in WHITESPACE])
def test_normalize_whitespace(text: str, expected: str) -> None:
    assert normalize_whitespace(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" 主 要 工 作 任 务 ", "主要工作任务"),
        ("APP 2.0 版", "APP2.0版"),
        ("\u3000各县区\xa0政府\u200b\n(管委会)\t", "各县区政府(管委会)"),
    ],
    ids=["spaced-out", "latin-too", "every-kind"],
)
def test_remove_whitespace_removes_every_kind(text: str, expected: str) -> None:
    assert remove_whitespace(text) == expected


# --- web-page noise -------------------------------------------------------------------------

LOST = [
    ("?对照试点领域", " 对照试点领域", "leading-question-mark"),
    ("???对照试点领域", " 对照试点领域", "leading-run"),
    ("访问次数:??信息来源", "访问次数: 信息来源", "run-in-the-middle"),
    ("2020-07-10?09:50", "2020-07-10 09:50", "between-date-and-time"),
    ("市政府?办公室", "市政府 办公室", "between-characters"),
    ("是否已完成?", "是否已完成?", "real-question-mark-at-line-end"),
    ("是否已完成?”", "是否已完成?”", "real-question-mark-before-closing-quote"),
    ("是否已完成？请核实", "是否已完成？请核实", "fullwidth-question-mark-untouched"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in LOST], ids=[c[2] for c in LOST])
def test_repair_lost_characters(text: str, expected: str) -> None:
    assert repair_lost_characters(text) == expected


PINYIN = [
    ("促进经济發(fā)展", "促进经济發展", "after-traditional-character"),
    ("发展（zhǎn）", "发展", "fullwidth-parentheses"),
    ("绿(lǜ)色", "绿色", "u-umlaut"),
    ("(一)加强领导", "(一)加强领导", "item-number-kept"),
    ("政务公开办法(试行)", "政务公开办法(试行)", "chinese-annotation-kept"),
    ("采用(PPP)模式", "采用(PPP)模式", "acronym-kept"),
    ("合作(hezuo)", "合作(hezuo)", "no-tone-mark-kept"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in PINYIN], ids=[c[2] for c in PINYIN])
def test_strip_pinyin_annotations(text: str, expected: str) -> None:
    assert strip_pinyin_annotations(text) == expected


# --- script ---------------------------------------------------------------------------------

TRADITIONAL = [
    ("臨海市人民政府辦公室", "临海市人民政府办公室", "issuer"),
    ("推進政務公開標準化規範化", "推进政务公开标准化规范化", "title-words"),
    ("責任單位:各鎮人民政府、街道辦事處", "责任单位:各镇人民政府、街道办事处", "unit-line"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in TRADITIONAL], ids=[c[2] for c in TRADITIONAL])
def test_traditional_text_is_converted(text: str, expected: str) -> None:
    assert has_traditional(text)
    assert to_simplified(text) == expected


@pytest.mark.parametrize(
    "text",
    ["临海市人民政府办公室", "一、总体要求", "APP 2.0", ""],
    ids=["simplified", "item-heading", "latin", "empty"],
)
def test_simplified_text_is_returned_unchanged(text: str) -> None:
    assert not has_traditional(text)
    assert to_simplified(text) == text


def test_taiwan_phrase_config_maps_taiwan_words() -> None:
    assert to_simplified("網際網路最佳化", "tw2sp") == "互联网优化"


def test_invalid_config_raises_naming_the_allowed_configs() -> None:
    with pytest.raises(ValueError) as error:
        to_simplified("臨海市", "s2t")
    message = str(error.value)
    assert "s2t" in message
    assert all(config in message for config in SIMPLIFYING_CONFIGS)


def test_invalid_config_raises_even_for_simplified_text() -> None:
    with pytest.raises(ValueError):
        to_simplified("临海市", "s2t")


# --- the whole line -------------------------------------------------------------------------

LINES = [
    ("?（一）完善政務公開?事項，發(fā)展", "(一)完善政务公开事项,发展", "web-page-line"),
    ("\u3000\u3000（二）市發改委（牵头）；２０２３年６月底前", "(二)市发改委(牵头);2023年6月底前", "indented-fullwidth"),
    ("??責任單位：市財政局", "责任单位:市财政局", "lost-characters-then-label"),
    ("是否完成？", "是否完成?", "real-question-mark-survives"),
    ("主 要 工 作 任 务", "主要工作任务", "spaced-out-header"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in LINES], ids=[c[2] for c in LINES])
def test_normalize_line(text: str, expected: str) -> None:
    assert normalize_line(text) == expected


def test_normalize_line_keeps_traditional_script_when_told_not_to_simplify() -> None:
    assert normalize_line("（一）完善政務公開", simplify=False) == "(一)完善政務公開"


def test_normalize_multiline_keeps_breaks_and_drops_blank_lines() -> None:
    assert normalize_multiline("2023年\n\n\u3000\n 6月底前 ") == "2023年\n6月底前"
