"""The DOCX reader on the two sample notices (against goldens) and on small built documents."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.parser import parse_xml

from extractors.document import Align, Cell, Document, MetaKey, Paragraph, Table, document_to_dict
from extractors.readers.docx import read_docx
from extractors.readers.docx_numbering import chinese_counting, format_number
from extractors.readers.errors import ReaderError
from tests.conftest import GOLDEN, NOTICES, assert_matches_golden

SAMPLES = NOTICES / "samples"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --- building small documents -------------------------------------------------------------


def p(text: str, props: str = "") -> str:
    return f"<w:p><w:pPr>{props}</w:pPr><w:r><w:t xml:space='preserve'>{text}</w:t></w:r></w:p>"


def numbered(text: str, num_id: int, ilvl: int = 0) -> str:
    return p(text, f"<w:numPr><w:ilvl w:val='{ilvl}'/><w:numId w:val='{num_id}'/></w:numPr>")


def lvl(ilvl: int, num_fmt: str, text: str, start: int = 1, suff: str = "nothing") -> str:
    return (
        f"<w:lvl w:ilvl='{ilvl}'><w:start w:val='{start}'/><w:numFmt w:val='{num_fmt}'/>"
        f"<w:suff w:val='{suff}'/><w:lvlText w:val='{text}'/></w:lvl>"
    )


def abstract(abstract_id: int, *levels: str) -> str:
    return f"<w:abstractNum w:abstractNumId='{abstract_id}'>{''.join(levels)}</w:abstractNum>"


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f"<w:num w:numId='{num_id}'><w:abstractNumId w:val='{abstract_id}'/>{overrides}</w:num>"


def tc(text: str, props: str = "") -> str:
    paragraphs = "".join(p(line) for line in text.split("|")) if text else "<w:p/>"
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/><w:tblGrid/>{''.join(rows)}</w:tbl>"


def build_docx(
    path: Path, body: str, numbering: str = "", document: docx.document.Document | None = None
) -> Path:
    """A .docx made by python-docx whose body (and numbering definitions) are the given XML."""
    document = document or docx.Document()
    body_element = document.element.body
    sect_pr = body_element.sectPr
    for child in list(body_element):
        if child is not sect_pr:
            body_element.remove(child)
    for child in parse_xml(f"<w:body {W_NS}>{body}</w:body>"):
        sect_pr.addprevious(child)
    if numbering:
        definitions = document.part.numbering_part.element
        parsed = parse_xml(f"<w:numbering {W_NS}>{numbering}</w:numbering>")
        for position, child in enumerate(parsed):
            definitions.insert(position, child)
    document.save(str(path))
    return path


def texts(document: Document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs()]


def only_table(document: Document) -> Table:
    tables = list(document.tables())
    assert len(tables) == 1
    return tables[0]


# --- the sample notices -------------------------------------------------------------------


@pytest.mark.parametrize("name", ["linyi-2023.docx", "linhai-2020.docx"])
def test_sample_matches_golden(name: str) -> None:
    document = read_docx(SAMPLES / name)
    assert_matches_golden(document_to_dict(document), GOLDEN / "readers" / f"{name}.json")


def test_linyi_items_are_numbered_one_to_seventeen_across_the_headings() -> None:
    paragraphs = texts(read_docx(SAMPLES / "linyi-2023.docx"))
    items = [text for text in paragraphs if text[:1].isdigit() and "." in text[:3]]
    assert [text.split(".")[0] for text in items] == [str(n) for n in range(1, 18)]
    assert items[0].startswith("1.加强高质量发展信息公开。")
    # the count runs on over the typed 二、 heading between items 3 and 4
    assert paragraphs.index("二、聚焦更高水平决策深化公开") == paragraphs.index(items[2]) + 1
    assert paragraphs.index(items[3]) == paragraphs.index(items[2]) + 2


def test_linyi_title_is_one_paragraph_and_footer_page_numbers_are_left_out() -> None:
    document = read_docx(SAMPLES / "linyi-2023.docx")
    first = next(document.paragraphs())
    assert first == Paragraph("临沂市人民政府办公室\n关于印发2023年临沂市政务公开\n工作要点的通知", Align.CENTER)
    assert not any("—" in text for text in texts(document))
    assert Paragraph("2023年6月20日", Align.RIGHT) in list(document.paragraphs())


def test_linyi_table_keeps_merges_header_and_two_paragraph_cells() -> None:
    table = only_table(read_docx(SAMPLES / "linyi-2023.docx"))
    assert (table.n_rows, table.n_cols, table.header_rows) == (71, 4, 1)
    assert table.text_rows()[0] == ["要点任务", "工作要求", "责任单位", "完成时限"]
    assert Cell(1, 0, "一、聚焦绿色低碳高质量发展深化公开", row_span=1, col_span=4) in table.cells
    assert Cell(2, 0, "（一）加强高质量发展信息公开。", row_span=5) in table.cells
    assert "2023年\n6月底前" in {cell.text for cell in table.cells}


def test_linhai_bullet_list_in_table_row_three_renders_the_bullets() -> None:
    first_table = next(read_docx(SAMPLES / "linhai-2020.docx").tables())
    task = first_table.text_rows()[3][1]
    lines = task.split("\n")
    assert len(lines) == 3
    assert all(line.startswith("● ") for line in lines)
    assert first_table.header_rows == 1


# --- numbering ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("num_fmt", "lvl_text", "start", "expected"),
    [
        ("decimal", "%1.", 1, ["1.", "2.", "3."]),
        ("decimal", "%1．", 1, ["1．", "2．", "3．"]),
        ("chineseCounting", "%1、", 1, ["一、", "二、", "三、"]),
        ("chineseCounting", "（%1）", 9, ["（九）", "（十）", "（十一）"]),
        ("chineseCountingThousand", "%1、", 19, ["十九、", "二十、", "二十一、"]),
        ("ideographTraditional", "%1、", 1, ["甲、", "乙、", "丙、"]),
        ("ideographDigital", "%1", 9, ["九", "一〇", "一一"]),
        ("japaneseCounting", "%1.", 10, ["十.", "十一.", "十二."]),
        ("decimalEnclosedCircle", "%1", 1, ["①", "②", "③"]),
        ("upperLetter", "%1)", 25, ["Y)", "Z)", "AA)"]),
        ("lowerLetter", "(%1)", 1, ["(a)", "(b)", "(c)"]),
        ("upperRoman", "%1.", 3, ["III.", "IV.", "V."]),
        ("lowerRoman", "%1)", 1, ["i)", "ii)", "iii)"]),
        ("bullet", "●", 1, ["●", "●", "●"]),
        ("bullet", "\uf0b7", 1, ["•", "•", "•"]),  # Symbol-font bullet, stored in private use
    ],
)
def test_numbering_formats_render_as_word_shows_them(
    tmp_path: Path, num_fmt: str, lvl_text: str, start: int, expected: list[str]
) -> None:
    numbering = abstract(100, lvl(0, num_fmt, lvl_text, start)) + num(100, 100)
    body = "".join(numbered(f"项{i}", 100) for i in range(3))
    document = read_docx(build_docx(tmp_path / "n.docx", body, numbering))
    assert texts(document) == [f"{label}项{i}" for i, label in enumerate(expected)]


@pytest.mark.parametrize(
    ("n", "expected"),
    [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (99, "九十九"), (100, "一百"),
     (101, "一百零一"), (110, "一百一十"), (1010, "一千零一十")],
)  # fmt: skip
def test_chinese_counting(n: int, expected: str) -> None:
    assert chinese_counting(n) == expected


def test_unknown_number_format_falls_back_to_decimal() -> None:
    assert format_number(7, "someFutureFormat") == "7"


def test_lower_level_restarts_after_a_higher_one_and_templates_combine_levels(tmp_path: Path) -> None:
    numbering = abstract(
        100,
        lvl(0, "chineseCounting", "%1、"),
        lvl(1, "chineseCounting", "（%2）"),
        lvl(2, "decimal", "%2.%3"),  # a template shows other levels' counts in their formats
    ) + num(100, 100)
    body = "".join(
        numbered(text, 100, ilvl)
        for text, ilvl in [("总体要求", 0), ("甲", 1), ("乙", 1), ("细则", 2), ("主要任务", 0), ("丙", 1)]
    )
    document = read_docx(build_docx(tmp_path / "n.docx", body, numbering))
    assert texts(document) == ["一、总体要求", "（一）甲", "（二）乙", "二.1细则", "二、主要任务", "（一）丙"]


def test_an_item_deleted_with_tracked_changes_is_gone_and_not_counted(tmp_path: Path) -> None:
    numbering = abstract(100, lvl(0, "decimal", "%1.")) + num(100, 100)
    deleted = (
        "<w:p><w:pPr><w:numPr><w:ilvl w:val='0'/><w:numId w:val='100'/></w:numPr><w:rPr><w:del w:id='1' w:author='a'/></w:rPr></w:pPr>"
        "<w:del w:id='2' w:author='a'><w:r><w:delText>删去的一项</w:delText></w:r></w:del></w:p>"
    )
    body = numbered("甲", 100) + deleted + numbered("乙", 100)
    assert texts(read_docx(build_docx(tmp_path / "d.docx", body, numbering))) == ["1.甲", "2.乙"]


def test_count_runs_on_over_unnumbered_paragraphs_and_instances_of_one_list(tmp_path: Path) -> None:
    restart = "<w:lvlOverride w:ilvl='0'><w:startOverride w:val='1'/></w:lvlOverride>"
    numbering = (
        abstract(100, lvl(0, "decimal", "%1."))
        + num(100, 100)
        + num(101, 100)  # a second instance of the same list continues its count
        + num(102, 100, restart)  # an instance with startOverride restarts it
    )
    body = (
        numbered("甲", 100) + p("一、标题") + numbered("乙", 100) + numbered("丙", 101)
        + numbered("丁", 102) + numbered("戊", 100)
    )  # fmt: skip
    document = read_docx(build_docx(tmp_path / "n.docx", body, numbering))
    assert texts(document) == ["1.甲", "一、标题", "2.乙", "3.丙", "1.丁", "2.戊"]


def test_separator_after_the_label_follows_the_level_suffix(tmp_path: Path) -> None:
    numbering = (
        abstract(100, lvl(0, "decimal", "%1.", suff="tab"))
        + abstract(101, lvl(0, "bullet", "●", suff="space"))
        + num(100, 100)
        + num(101, 101)
    )
    body = numbered("甲", 100) + numbered("乙", 101)
    assert texts(read_docx(build_docx(tmp_path / "n.docx", body, numbering))) == ["1.\t甲", "● 乙"]


def test_numbering_and_alignment_inherited_from_the_paragraph_style(tmp_path: Path) -> None:
    document = docx.Document()
    # python-docx's template ties "List Number" to a decimal list through the style's numPr
    document.add_paragraph("第一项", style="List Number")
    document.add_paragraph("第二项", style="List Number")
    document.add_paragraph("标题", style="Title")
    document.styles["Title"].paragraph_format.alignment = 1  # centred in the style only
    path = tmp_path / "styled.docx"
    document.save(str(path))
    paragraphs = list(read_docx(path).paragraphs())
    assert [paragraph.text for paragraph in paragraphs] == ["1.\t第一项", "2.\t第二项", "标题"]
    assert paragraphs[2].align is Align.CENTER


def test_numid_zero_switches_style_numbering_off(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("第一项", style="List Number")
    plain = document.add_paragraph("不编号", style="List Number")
    plain._p.get_or_add_pPr().append(
        parse_xml(f"<w:numPr {W_NS}><w:ilvl w:val='0'/><w:numId w:val='0'/></w:numPr>")
    )
    path = tmp_path / "off.docx"
    document.save(str(path))
    assert texts(read_docx(path)) == ["1.\t第一项", "不编号"]


# --- paragraphs ---------------------------------------------------------------------------


def test_runs_breaks_fields_revisions_and_content_controls(tmp_path: Path) -> None:
    body = (
        "<w:p><w:pPr><w:jc w:val='center'/></w:pPr><w:r><w:t>第一行</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删去</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>插入</w:t></w:r></w:ins><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r></w:p>"
        "<w:p><w:r><w:fldChar w:fldCharType='begin'/></w:r><w:r><w:instrText> DATE </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r><w:r><w:t>2023年6月20日</w:t></w:r>"
        "<w:r><w:fldChar w:fldCharType='end'/></w:r></w:p>"
        "<w:sdt><w:sdtPr/><w:sdtContent>" + p("控件内的段落") + "</w:sdtContent></w:sdt>"
        "<w:p><w:hyperlink><w:r><w:t>链接文字</w:t></w:r></w:hyperlink></w:p>"
        "<w:p><w:r><w:br w:type='page'/></w:r></w:p>"
        + p("\u3000") + p("落款", "<w:jc w:val='right'/>")
    )
    paragraphs = list(read_docx(build_docx(tmp_path / "p.docx", body)).paragraphs())
    assert paragraphs == [
        Paragraph("第一行\n第二行", Align.CENTER),
        Paragraph("保留插入"),
        Paragraph("2023年6月20日"),
        Paragraph("控件内的段落"),
        Paragraph("链接文字"),
        Paragraph("落款", Align.RIGHT),
    ]


def test_header_footer_and_footnote_text_is_left_out(tmp_path: Path) -> None:
    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "页眉文字"
    section.footer.paragraphs[0].text = "— 1 —"
    document.add_paragraph("正文")
    path = tmp_path / "hf.docx"
    document.save(str(path))
    assert texts(read_docx(path)) == ["正文"]


@pytest.mark.parametrize("first_page", [True, False], ids=["first-page-header", "default-header"])
def test_the_first_page_s_header_is_kept_as_meta(tmp_path: Path, first_page: bool) -> None:
    """A template that sets the 文号 in the header: its lines are meta, never body text."""
    document = docx.Document()
    section = document.sections[0]
    section.different_first_page_header_footer = first_page
    header = section.first_page_header if first_page else section.header
    header.paragraphs[0].text = "丽政办发〔2023〕35号"
    header.add_paragraph("丽江市人民政府办公室")
    document.add_paragraph("正文")
    path = tmp_path / "header.docx"
    document.save(str(path))
    read = read_docx(path)
    assert texts(read) == ["正文"]
    assert read.meta[MetaKey.PAGE_HEADER] == "丽政办发〔2023〕35号\n丽江市人民政府办公室"


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("临沂市政务公开工作要点", {MetaKey.TITLE: "临沂市政务公开工作要点"}),
        ("新建xx项目建设工作通知", {MetaKey.TITLE: "新建xx项目建设工作通知"}),
        ("Microsoft Word - 通知.doc", {}),
        ("新建 Microsoft Word 文档", {}),
        ("文档1", {}),
        ("Report", {}),
        ("", {}),
    ],
)
def test_core_title_becomes_meta_only_when_it_is_a_chinese_title(
    tmp_path: Path, title: str, expected: dict[MetaKey, str]
) -> None:
    document = docx.Document()
    document.core_properties.title = title
    document.add_paragraph("正文")
    path = tmp_path / "meta.docx"
    document.save(str(path))
    assert dict(read_docx(path).meta) == expected


# --- tables -------------------------------------------------------------------------------


def test_grid_span_and_vertical_merge_are_told_apart_by_cell_element(tmp_path: Path) -> None:
    """Row 0's two 全年 cells have equal text but are two cells; 任务 spans two rows.

        +------+------+------+
        | 任务 | 全年 | 全年 |
        |      +------+------+
        |      |   说明要求   |
        +------+------+------+
        | 一、总体要求         |
        +------+------+------+
    """
    vmerge_start = "<w:vMerge w:val='restart'/>"
    body = tbl(
        tr(tc("任务", vmerge_start), tc("全年"), tc("全年")),
        tr(tc("", "<w:vMerge/>"), tc("说明要求", "<w:gridSpan w:val='2'/>")),
        tr(tc("一、总体要求", "<w:gridSpan w:val='3'/>")),
    )
    table = only_table(read_docx(build_docx(tmp_path / "t.docx", body)))
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert table.cells == (
        Cell(0, 0, "任务", row_span=2),
        Cell(0, 1, "全年"),
        Cell(0, 2, "全年"),
        Cell(1, 1, "说明要求", col_span=2),
        Cell(2, 0, "一、总体要求", col_span=3),
    )


def test_python_docx_merges_read_back_as_spans(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 2)).text = "标题行"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "（一）"
    for row in (1, 2):
        table.cell(row, 1).text = f"要求{row}"
        table.cell(row, 2).text = "全年"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    read = only_table(read_docx(path))
    assert Cell(0, 0, "标题行", col_span=3) in read.cells
    assert Cell(1, 0, "（一）", row_span=2) in read.cells
    assert read.text_rows()[2] == ["（一）", "要求2", "全年"]


def test_repeated_header_rows_are_counted_and_trailing_empty_rows_dropped(tmp_path: Path) -> None:
    header = "<w:tblHeader/>"
    body = tbl(
        tr(tc("任务分解表", "<w:gridSpan w:val='2'/>"), props=header),
        tr(tc("工作任务"), tc("责任单位"), props=header),
        tr(tc("召开协调会"), tc("市政府")),
        tr(tc("备注行"), tc(""), props=header),  # tblHeader after a body row does not count
        tr(tc(""), tc("")),
        tr(tc(""), tc("")),
    )
    table = only_table(read_docx(build_docx(tmp_path / "h.docx", body)))
    assert (table.n_rows, table.header_rows) == (4, 2)
    assert table.text_rows()[-1] == ["备注行", ""]


def test_cell_paragraphs_join_with_newlines_and_nested_table_follows_the_outer(tmp_path: Path) -> None:
    inner = tbl(tr(tc("内表甲"), tc("内表乙")))
    body = (
        p("前文")
        + tbl(tr(tc("外表"), f"<w:tc><w:tcPr/>{p('说明')}{inner}{p('2023年')}{p('6月底前')}</w:tc>"))
        + p("后文")
    )
    document = read_docx(build_docx(tmp_path / "nested.docx", body))
    kinds = [type(block).__name__ for block in document.blocks]
    assert kinds == ["Paragraph", "Table", "Table", "Paragraph"]
    outer, nested = document.tables()
    assert outer.text_rows() == [["外表", "说明\n2023年\n6月底前"]]
    assert nested.text_rows() == [["内表甲", "内表乙"]]


def test_a_table_nested_in_a_cell_of_a_row_of_data_is_that_cell_s_text(tmp_path: Path) -> None:
    """A 阶段 | 时间 table inside a 工作要求 cell: part of the requirement, where it stands."""
    inner = tbl(tr(tc("阶段"), tc("时间安排")), tr(tc("摸底调研"), tc("2024年3月—4月")))
    requirement = f"<w:tc><w:tcPr/>{p('全面推行网格化管理。')}{p('进度安排:')}{inner}{p('年底前验收。')}</w:tc>"
    body = tbl(tr(tc("序号"), tc("工作要求"), tc("牵头单位"), tc("完成时限")), tr(tc("1"), requirement, tc("区委政法委"), tc("2024年12月底前")))
    document = read_docx(build_docx(tmp_path / "data.docx", body))
    assert only_table(document).text_rows()[1] == [
        "1", "全面推行网格化管理。\n进度安排:\n阶段 时间安排\n摸底调研 2024年3月—4月\n年底前验收。", "区委政法委", "2024年12月底前",
    ]  # fmt: skip


def test_numbering_in_cells_counts_in_document_order(tmp_path: Path) -> None:
    numbering = abstract(100, lvl(0, "decimal", "%1.")) + num(100, 100)
    cell = f"<w:tc><w:tcPr/>{numbered('甲', 100)}{numbered('乙', 100)}</w:tc>"
    body = numbered("前", 100) + tbl(tr(tc("说明"), cell)) + numbered("后", 100)
    document = read_docx(build_docx(tmp_path / "cells.docx", body, numbering))
    assert texts(document) == ["1.前", "4.后"]
    assert only_table(document).text_rows() == [["说明", "2.甲\n3.乙"]]


def test_a_one_cell_table_around_the_text_is_a_frame_and_its_content_the_body(tmp_path: Path) -> None:
    """Some templates draw the whole notice in a 1×1 table: 文号, title, the task table, 落款."""
    tasks = tbl(tr(tc("序号"), tc("工作任务"), tc("牵头单位")), tr(tc("1"), tc("开展黑土地保护"), tc("市农业农村局")))
    frame = f"<w:tc><w:tcPr/>{p('佳政办发〔2020〕6号')}{p('关于印发黑土地保护工作方案的通知')}{tasks}{p('2020 年 3 月 5 日')}</w:tc>"
    document = read_docx(build_docx(tmp_path / "frame.docx", tbl(tr(frame))))
    assert texts(document) == ["佳政办发〔2020〕6号", "关于印发黑土地保护工作方案的通知", "2020 年 3 月 5 日"]
    assert only_table(document).text_rows() == [["序号", "工作任务", "牵头单位"], ["1", "开展黑土地保护", "市农业农村局"]]
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Paragraph", "Table", "Paragraph"]


# --- bad input ----------------------------------------------------------------------------


def test_truncated_docx_is_a_reader_error_naming_the_file(tmp_path: Path) -> None:
    data = (SAMPLES / "linyi-2023.docx").read_bytes()
    path = tmp_path / "truncated.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReaderError) as caught:
        read_docx(path)
    assert caught.value.path == path
    assert str(path) in str(caught.value)
    assert "damaged or truncated" in caught.value.reason


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _with_document_xml(path: Path, document_xml: bytes) -> Path:
    with zipfile.ZipFile(SAMPLES / "linhai-2020.docx") as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["word/document.xml"] = document_xml
    return _zip(path, members)


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
BAD_FILES = {
    "not-zip": (lambda tmp: _bytes(tmp / "plain.docx", b"not a zip at all"), "not a .docx"),
    "no-document-xml": (lambda tmp: _zip(tmp / "a.docx", {"a.txt": b"hi"}), "without word/document.xml"),
    "xlsx": (lambda tmp: _zip(tmp / "b.docx", {"xl/workbook.xml": b"<workbook/>"}), "Excel workbook"),
    "encrypted": (
        lambda tmp: _bytes(tmp / "enc.docx", OLE + "EncryptedPackage".encode("utf-16-le")),
        "password-protected",
    ),
    "legacy-doc": (lambda tmp: _bytes(tmp / "old.doc", OLE), "legacy Word 97-2003"),
    "malformed-xml": (lambda tmp: _with_document_xml(tmp / "bad.docx", b"<w:document"), "damaged .docx"),
    "not-a-body": (lambda tmp: _with_document_xml(tmp / "nobody.docx", b"<d/>"), "no Word body"),
    "no-text": (
        lambda tmp: build_docx(tmp / "blank.docx", "<w:p/>" + tbl(tr(tc(""), tc("")))),
        "holds no text",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_unreadable_files_raise_reader_error(tmp_path: Path, case: str) -> None:
    make, reason = BAD_FILES[case]
    path = make(tmp_path)
    with pytest.raises(ReaderError) as caught:
        read_docx(path)
    assert reason in caught.value.reason
    assert caught.value.path == path


def test_entities_are_neither_expanded_nor_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    document_xml = (
        f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "笑笑笑笑笑笑笑笑">'
        f'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY ext SYSTEM "{secret.as_uri()}">]>'
        f"<w:document {W_NS}><w:body><w:p><w:r><w:t>正文&b;&ext;</w:t></w:r></w:p></w:body></w:document>"
    ).encode()
    path = _with_document_xml(tmp_path / "entities.docx", document_xml)
    try:
        paragraphs = texts(read_docx(path))
    except ReaderError:
        return  # refusing the file is as safe as reading it without the entities
    assert not any("SECRET" in text or "笑" in text for text in paragraphs)


def test_damaged_attribute_values_do_not_crash(tmp_path: Path) -> None:
    numbering = abstract(100, lvl(0, "decimal", "%1.", start=10**12)) + num(100, 100)
    body = (
        "<w:p><w:pPr><w:numPr><w:ilvl w:val='x'/><w:numId w:val='100'/></w:numPr></w:pPr>"
        "<w:r><w:t>甲</w:t><w:sym w:char='zz'/></w:r></w:p>"
        + numbered("无定义", 999)
        + tbl(tr(tc("甲", "<w:gridSpan w:val='abc'/>"), tc("乙", "<w:gridSpan w:val='100000'/>")))
    )
    document = read_docx(build_docx(tmp_path / "odd.docx", body, numbering))
    assert texts(document) == ["99999.甲", "无定义"]
    assert only_table(document).n_cols == 64


def test_text_boxes_are_kept_apart_as_meta(tmp_path: Path) -> None:
    """A 红头 template's 文号 floating in a text box (with its VML fallback): out of the reading
    order, but the box's text is kept for the metadata, once."""
    box = "<w:txbxContent><w:p><w:r><w:t>忻河长办发〔2019〕6号</w:t></w:r></w:p></w:txbxContent>"
    ns = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"'
    floating = (
        f"<w:p><w:r><mc:AlternateContent {ns}><mc:Choice Requires='wps'><wps:txbx>{box}</wps:txbx></mc:Choice>"
        f"<mc:Fallback><v:textbox>{box}</v:textbox></mc:Fallback></mc:AlternateContent></w:r></w:p>"
    )
    document = read_docx(build_docx(tmp_path / "box.docx", floating + p("关于开展河湖清四乱专项整治的通知")))
    assert texts(document) == ["关于开展河湖清四乱专项整治的通知"]
    assert document.meta[MetaKey.TEXT_BOXES] == "忻河长办发〔2019〕6号"
