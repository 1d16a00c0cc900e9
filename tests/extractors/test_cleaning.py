"""Whole-document normalization: names spaced apart in a table cell keep apart."""

from __future__ import annotations

import pytest

from extractors.cleaning import break_at_spaces, colon_labels, normalize_document
from extractors.document import Cell, Document, InputFormat, Paragraph, Table
from extractors.model import UnitRole
from extractors.units import parse_unit_list
from normalizers.whitespace import remove_whitespace

# (cell text, after normalize_document, the units a unit column reads from it)
SPACED_CELLS = {
    "two-offices-parted-by-a-space": ("大气环境处 科技与财务处", "大气环境处\n科技与财务处", ["大气环境处", "科技与财务处"]),
    "ideographic-space": ("大气环境处\u3000省生态环境监测中心", "大气环境处\n省生态环境监测中心", ["大气环境处", "省生态环境监测中心"]),
    "after-a-role-mark": ("县农业农村局（牵头） 县财政局", "县农业农村局(牵头)\n县财政局", ["县农业农村局", "县财政局"]),
    "letter-spaced-name-stays-one": ("市 财 政 局", "市财政局", ["市财政局"]),
    "name-wrapped-at-a-space-is-one": ("市发展 改革委", "市发展\n改革委", ["市发展改革委"]),
    "latin-and-digits-keep-their-space": ("APP 2.0 版", "APP 2.0版", None),
}


@pytest.mark.parametrize(("text", "normalized", "units"), list(SPACED_CELLS.values()), ids=list(SPACED_CELLS))
def test_spaces_between_names_in_a_cell_become_line_breaks(text: str, normalized: str, units: list[str] | None) -> None:
    document = Document((Table((Cell(0, 0, text),), 1, 1),), InputFormat.HTML)
    (table,) = normalize_document(document).tables()
    assert table.cells[0].text == normalized
    if units is not None:
        assert [unit.name for unit in parse_unit_list(normalized, UnitRole.RESPONSIBLE)] == units


@pytest.mark.parametrize(
    "text",
    ["加强 大气污染 联防联控，推进 重点行业 超低排放改造。", "主 要 任 务", "2023年 6月底前", "上半年 完成"],
    ids=["requirement-with-stray-spaces", "letter-spaced-header", "deadline-with-a-space", "deadline-words"],
)
def test_text_cells_read_the_same_once_whitespace_is_removed(text: str) -> None:
    """Requirement, header and deadline cells are compared and parsed without whitespace."""
    assert remove_whitespace(break_at_spaces(text)) == remove_whitespace(text)


def test_paragraph_spaces_are_not_line_breaks() -> None:
    document = Document((Paragraph("大气环境处 科技与财务处"),), InputFormat.TXT)
    assert [p.text for p in normalize_document(document).paragraphs()] == ["大气环境处科技与财务处"]


BRACKETED_LABELS = [
    ("逐项销号。【牵头单位】市生态环境局【配合单位】各旗县区人民政府", "逐项销号。牵头单位:市生态环境局;配合单位:各旗县区人民政府"),
    ("【完成时限】2020年12月底前", "完成时限:2020年12月底前"),
    ("[责任单位]市水利局", "责任单位:市水利局"),
    ("开展【护苗2020】专项行动", "开展【护苗2020】专项行动"),
    ("开展【清源】行动", "开展【清源】行动"),
]


@pytest.mark.parametrize(("text", "labelled"), BRACKETED_LABELS, ids=["after-a-sentence-and-a-name", "opening-the-line", "square-brackets", "a-campaign-name", "a-word-no-label"])
def test_bracketed_labels_read_as_labels(text: str, labelled: str) -> None:
    assert colon_labels(text) == labelled


def test_a_document_s_bracketed_labels_become_labels_and_units() -> None:
    document = Document((Paragraph("1.整改排污口。"), Paragraph("【牵头单位】市生态环境局【配合单位】市水利局")), InputFormat.TXT)
    assert [p.text for p in normalize_document(document).paragraphs()][1] == "牵头单位:市生态环境局;配合单位:市水利局"


def test_translation_paragraphs_of_a_bilingual_notice_are_left_out_with_a_warning() -> None:
    document = Document(
        (Paragraph("(一)加快重点项目建设"), Paragraph("(1)중점프로젝트 건설을 다그친다"), Paragraph("1.推进长白山(장백산)北坡旅游。")),
        InputFormat.HTML,
    )
    normalized = normalize_document(document)
    assert [p.text for p in normalized.paragraphs()] == ["(一)加快重点项目建设", "1.推进长白山(장백산)北坡旅游。"]
    assert normalized.warnings == ("1 paragraph(s) in another script than Chinese (a translation) left out",)
