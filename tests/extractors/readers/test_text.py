"""The plain-text reader on small files in the encodings Chinese notices come in."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extractors.document import InputFormat, Paragraph, Table
from extractors.readers.errors import ReaderError
from extractors.readers.text import lines_to_blocks, read_text

SIMPLIFIED = (
    "临沂市人民政府办公室关于印发2023年临沂市政务公开工作要点的通知\n"
    "一、聚焦绿色低碳高质量发展深化公开\n"
    "各县区政府(管委会)要落实责任单位的工作。"
)
TRADITIONAL = (
    "臨海市人民政府辦公室關於印發《臨海市全面推進基層政務公開標準化規範化工作實施方案》的通知\n"
    "各鎮人民政府、街道辦事處,市政府直屬各單位:\n"
    "請結合實際,認真組織實施。"
)
# 𠮷 (U+20BB7) and 䶮 (U+4DAE) are in GB18030 but not in GBK: names of people and places use them.
OUTSIDE_GBK = SIMPLIFIED + "\n联系人:𠮷䶮"

ENCODED = [
    ("utf-8", SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
    ("utf-8-bom", codecs.BOM_UTF8 + SIMPLIFIED.encode("utf-8"), SIMPLIFIED),
    ("gb18030-outside-gbk", OUTSIDE_GBK.encode("gb18030"), OUTSIDE_GBK),
    ("gbk", SIMPLIFIED.encode("gbk"), SIMPLIFIED),
    ("big5-traditional", TRADITIONAL.encode("big5"), TRADITIONAL),
    ("utf-16-le-bom", SIMPLIFIED.encode("utf-16"), SIMPLIFIED),
    ("utf-16-be-bom", codecs.BOM_UTF16_BE + SIMPLIFIED.encode("utf-16-be"), SIMPLIFIED),
    ("utf-16-be-no-bom", SIMPLIFIED.replace("\n", "\r\n").encode("utf-16-be"), SIMPLIFIED),
    ("utf-16-le-no-bom", SIMPLIFIED.replace("\n", "\r\n").encode("utf-16-le"), SIMPLIFIED),
]


def lines_of(path: Path) -> list[str]:
    return [paragraph.text for paragraph in read_text(path).paragraphs()]


@pytest.mark.parametrize(("data", "text"), [c[1:] for c in ENCODED], ids=[c[0] for c in ENCODED])
def test_read_text_decodes_the_encodings_of_real_notices(tmp_path: Path, data: bytes, text: str) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(data)
    document = read_text(path)
    assert document.format is InputFormat.TXT
    assert [p.text for p in document.paragraphs()] == text.split("\n")
    assert document.warnings == ()


def test_gbk_file_with_a_character_outside_gbk_is_not_assumed_damaged(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(OUTSIDE_GBK.encode("gb18030"))
    assert lines_of(path)[-1] == "联系人:𠮷䶮"


def test_blank_lines_are_dropped_and_each_line_is_a_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("一、总体要求\n\n\u3000\u3000\n(一)指导思想  \r\n\xa0\n坚持以人民为中心。\n", encoding="utf-8")
    assert lines_of(path) == ["一、总体要求", "(一)指导思想", "坚持以人民为中心。"]


def test_leading_indent_is_kept_for_the_normalizers(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("\u3000\u3000一、总体要求", encoding="utf-8")
    assert lines_of(path) == ["\u3000\u3000一、总体要求"]


def test_undecodable_bytes_become_a_warning_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_bytes(SIMPLIFIED.encode("gb18030") + b"\xff\xff\xff")
    document = read_text(path)
    assert [p.text for p in document.paragraphs()][0] == SIMPLIFIED.split("\n")[0]
    assert len(document.warnings) == 1


@pytest.mark.parametrize(
    "data",
    [b"", b" \n\t\r\n", "\u3000\u3000\n\n".encode("utf-8"), codecs.BOM_UTF8],
    ids=["empty", "whitespace", "ideographic-spaces", "bom-only"],
)
def test_file_without_text_is_a_reader_error_naming_the_path(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "empty-notice.txt"
    path.write_bytes(data)
    with pytest.raises(ReaderError) as error:
        read_text(path)
    assert error.value.path == path
    assert str(path) in str(error.value)


def test_missing_file_is_a_reader_error(tmp_path: Path) -> None:
    path = tmp_path / "missing.txt"
    with pytest.raises(ReaderError) as error:
        read_text(path)
    assert error.value.path == path


# --- tab-separated tables copied from web pages ------------------------------------------------

HEADER = "序号\t工作任务\t牵头单位\t责任单位\t完成时限"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"

# (lines after the header, the table's body rows, the paragraphs after the table)
WRAPPED_ROWS = {
    "task-cell-wrapped-without-leading-tabs": (
        ["1\t开展隐患排查，重点对林区坟头、", "林农交错区开展排查。\t县林业局\t各乡镇\t3月底前"],
        [["1", "开展隐患排查，重点对林区坟头、\n林农交错区开展排查。", "县林业局", "各乡镇", "3月底前"]],
        [],
    ),
    "continuation-with-an-empty-cell": (
        ["4\t加强重点区域巡护，", "落实网格化管理。\t\t保护区管理处\t常态化"],
        [["4", "加强重点区域巡护，\n落实网格化管理。", "", "保护区管理处", "常态化"]],
        [],
    ),
    "cell-broken-over-three-lines": (
        ["2\t第一行，", "第二行，", "第三行。\t县林业局\t各乡镇\t全年"],
        [["2", "第一行，\n第二行，\n第三行。", "县林业局", "各乡镇", "全年"]],
        [],
    ),
    "two-cells-broken-in-one-row": (
        ["3\t查处火灾案件，", "公开曝光。\t县公安局、", "县检察院\t县林业局\t长期坚持"],
        [["3", "查处火灾案件，\n公开曝光。", "县公安局、\n县检察院", "县林业局", "长期坚持"]],
        [],
    ),
    "full-rows-stay-rows": (
        ["1\t任务甲\t县林业局\t各乡镇\t3月底前", "2\t任务乙\t县公安局\t各乡镇\t全年"],
        [["1", "任务甲", "县林业局", "各乡镇", "3月底前"], ["2", "任务乙", "县公安局", "各乡镇", "全年"]],
        [],
    ),
    "prose-after-a-full-last-row-ends-the-table": (
        ["1\t任务甲\t县林业局\t各乡镇\t3月底前", "各单位要严格落实责任。"],
        [["1", "任务甲", "县林业局", "各乡镇", "3月底前"]],
        ["各单位要严格落实责任。"],
    ),
    "prose-after-a-short-last-row-is-not-glued-to-it": (
        ["1\t任务甲\t县林业局", "各单位要严格落实责任。", "金寨县人民政府办公室", "2025年1月22日"],
        [["1", "任务甲", "县林业局"]],
        ["各单位要严格落实责任。", "金寨县人民政府办公室", "2025年1月22日"],
    ),
    "a-numbered-line-starts-a-new-row-even-when-the-widths-add-up": (
        ["1\t任务甲\t县林业局", "2\t任务乙\t县公安局"],
        [["1", "任务甲", "县林业局"], ["2", "任务乙", "县公安局"]],
        [],
    ),
    "a-chinese-numbered-line-starts-a-new-row": (
        ["（一）\t任务甲\t县林业局", "（二）\t任务乙\t县公安局"],
        [["（一）", "任务甲", "县林业局"], ["（二）", "任务乙", "县公安局"]],
        [],
    ),
    "a-full-row-after-a-short-one-stays-a-row": (
        ["1\t任务甲", "任务乙\t县公安局\t各乡镇\t全年\t备注"],
        [["1", "任务甲"], ["任务乙", "县公安局", "各乡镇", "全年", "备注"]],
        [],
    ),
    "a-tail-that-overshoots-the-width-is-a-row-of-its-own": (
        ["1\t任务甲，", "续文\t县林业局\t各乡镇\t全年\t多余"],
        [["1", "任务甲，"], ["续文", "县林业局", "各乡镇", "全年", "多余"]],
        [],
    ),
}


@pytest.mark.parametrize(
    ("lines", "rows", "after"), list(WRAPPED_ROWS.values()), ids=list(WRAPPED_ROWS)
)
def test_rows_broken_by_a_line_break_in_a_cell_are_rebuilt_to_the_header_width(
    lines: list[str], rows: list[list[str]], after: list[str]
) -> None:
    table, *rest = lines_to_blocks([HEADER, *lines])
    assert isinstance(table, Table)
    assert table.text_rows() == [HEADER.split("\t"), *[row + [""] * (table.n_cols - len(row)) for row in rows]]
    assert [block.text for block in rest if isinstance(block, Paragraph)] == after
    assert all(isinstance(block, Paragraph) for block in rest)


def test_copied_web_table_in_utf16_keeps_one_row_per_task() -> None:
    """x12: nine task rows, four of them with the 工作任务 cell broken onto a second line."""
    document = read_text(FIXTURES / "variety3" / "x12_jinzhai_2025_senlin.txt")
    (table,) = [block for block in document.blocks if isinstance(block, Table)]
    rows = table.text_rows()
    assert rows[0] == HEADER.split("\t")
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 10)]
    assert rows[2][1] == (
        "开展森林火灾风险隐患排查整治，重点对林区坟头、\n"
        "林农交错区、景区景点、电力线路等开展拉网式排查，建立隐患台账并限期整改销号。"
    )
    assert rows[2][2:] == ["县林业局", "县应急管理局、国网金寨县供电公司、各乡镇人民政府", "2025年3月底前"]
    # An empty 牵头单位 may be a flattened merge or really empty: the reader does not guess.
    assert rows[3][2] == ""


# (lines after the header, the first table's body rows, the blocks after it as (kind, text))
LAST_CELL_TAILS = {
    "deadline-wrapped-after-a-row-cut-earlier": (
        ["6\t做强家居产业，", "推动项目投产。\t县商务局\t各乡镇\t2023年6月底前启动，", "11月底前完成",
         "7\t壮大特色种植。\t县农业农村局\t各乡镇\t9月底前"],
        [["6", "做强家居产业，\n推动项目投产。", "县商务局", "各乡镇", "2023年6月底前启动，\n11月底前完成"],
         ["7", "壮大特色种植。", "县农业农村局", "各乡镇", "9月底前"]],
        [],
    ),
    "deadline-wrapped-after-a-full-first-line": (
        ["11\t实施饮水工程。\t县水利局\t各乡镇\t汛期前完成主体工程，", "年底前全部完工",
         "12\t创建示范村。\t县乡村振兴局\t各乡镇\t全年"],
        [["11", "实施饮水工程。", "县水利局", "各乡镇", "汛期前完成主体工程，\n年底前全部完工"],
         ["12", "创建示范村。", "县乡村振兴局", "各乡镇", "全年"]],
        [],
    ),
    "deadline-wrapped-before-a-row-whose-serial-is-merged": (
        ["3\t上线一网通办平台。\t区政务服务中心\t区大数据局\t2022年6月底前上线，", "12月底前全面达标",
         "\t推行帮办代办。\t区政务服务中心\t各镇街\t全年"],
        [["3", "上线一网通办平台。", "区政务服务中心", "区大数据局", "2022年6月底前上线，\n12月底前全面达标"],
         ["", "推行帮办代办。", "区政务服务中心", "各镇街", "全年"]],
        [],
    ),
    "lines-after-the-last-row-stay-prose": (
        ["1\t任务甲\t县林业局\t各乡镇\t3月底前", "县人民政府办公室", "2023年3月6日"],
        [["1", "任务甲", "县林业局", "各乡镇", "3月底前"]],
        [("Paragraph", "县人民政府办公室"), ("Paragraph", "2023年3月6日")],
    ),
    "a-heading-between-rows-is-a-group-row-not-a-tail": (
        ["1\t任务甲\t县林业局\t各乡镇\t3月底前", "二、产业发展", "2\t任务乙\t县公安局\t各乡镇\t全年",
         "3\t任务丙\t县公安局\t各乡镇\t全年"],
        [["1", "任务甲", "县林业局", "各乡镇", "3月底前"], ["二、产业发展"] * 5,  # one cell across the table
         ["2", "任务乙", "县公安局", "各乡镇", "全年"], ["3", "任务丙", "县公安局", "各乡镇", "全年"]],
        [],
    ),
    "a-heading-over-prose-ends-the-table": (
        ["1\t任务甲\t县林业局\t各乡镇\t3月底前", "二、保障措施", "各单位要加强组织领导。"],
        [["1", "任务甲", "县林业局", "各乡镇", "3月底前"]],
        [("Paragraph", "二、保障措施"), ("Paragraph", "各单位要加强组织领导。")],
    ),
    "a-requirement-cut-mid-sentence-takes-the-tail": (
        ["3\t实施古村落保护工程，每年推动10个以上古村落完成\t市住房城乡建设局\t各乡镇\t每年", "环境整治和风貌提升。",
         "4\t加强历史建筑测绘建档。\t市住房城乡建设局\t各乡镇\t2025年9月底前"],
        [["3", "实施古村落保护工程，每年推动10个以上古村落完成\n环境整治和风貌提升。", "市住房城乡建设局", "各乡镇", "每年"],
         ["4", "加强历史建筑测绘建档。", "市住房城乡建设局", "各乡镇", "2025年9月底前"]],
        [],
    ),
    "a-line-before-a-new-header-is-no-tail": (
        ["1\t任务甲\t县林业局\t各乡镇\t3月底前", "附表2", "序号\t事项\t单位", "1\t事项甲\t县林业局"],
        [["1", "任务甲", "县林业局", "各乡镇", "3月底前"]],
        [("Paragraph", "附表2"), ("Table", "序号 事项 单位")],
    ),
    "a-row-without-a-serial-takes-no-tail": (
        ["任务甲\t县林业局\t各乡镇\t3月底前\t备注", "说明文字", "2\t任务乙\t县公安局\t各乡镇\t全年",
         "3\t任务丙\t县公安局\t各乡镇\t全年"],
        [["任务甲", "县林业局", "各乡镇", "3月底前", "备注"]],
        [("Paragraph", "说明文字"), ("Table", "2 任务乙 县公安局 各乡镇 全年")],
    ),
}


@pytest.mark.parametrize(("lines", "rows", "after"), list(LAST_CELL_TAILS.values()), ids=list(LAST_CELL_TAILS))
def test_tab_less_lines_between_numbered_rows_continue_the_last_cell(
    lines: list[str], rows: list[list[str]], after: list[tuple[str, str]]
) -> None:
    table, *rest = lines_to_blocks([HEADER, *lines])
    assert isinstance(table, Table)
    assert table.text_rows() == [HEADER.split("\t"), *rows]
    first = [" ".join(b.text_rows()[0]) if isinstance(b, Table) else b.text for b in rest]
    assert [(type(b).__name__, text) for b, text in zip(rest, first)] == after


def test_tab_pasted_table_with_wrapped_deadlines_keeps_all_eighteen_rows() -> None:
    """y08: rows 6 and 11 wrap their 完成时限 onto a tab-less line; the table must go on."""
    document = read_text(FIXTURES / "variety4" / "y08_lankao_2023_xiangcunzhenxing.txt")
    (table,) = [block for block in document.blocks if isinstance(block, Table)]
    rows = table.text_rows()
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 19)]
    assert rows[6][3] == "2023年6月底前启动，\n11月底前完成"
    assert rows[11][3] == "汛期前完成主体工程，\n年底前全部完工"


# A table copied from a spreadsheet: a cell holding a line break or a quote is quoted, "" inside.
QUOTED = [
    "序号\t工作任务\t责任单位\t完成时限",
    '1\t"实施学前教育扩容工程,',
    '新增公办学位4500个。"\t"市教育和体育局(牵头)',
    "市发展改革委",
    '各县(市、区)人民政府"\t2024年9月',
    '2\t"深化""双减""工作"\t市教育和体育局\t全年',
    '3\t推进"县管校聘"改革\t市教育和体育局\t12月底前',
    "二、保障措施",
]


def test_quoted_cells_of_a_copied_spreadsheet_keep_their_rows_and_lose_their_quotes() -> None:
    table, after = lines_to_blocks(QUOTED)
    assert isinstance(table, Table)
    assert table.text_rows()[1:] == [
        ["1", "实施学前教育扩容工程,\n新增公办学位4500个。", "市教育和体育局(牵头)\n市发展改革委\n各县(市、区)人民政府", "2024年9月"],
        ["2", '深化"双减"工作', "市教育和体育局", "全年"],
        ["3", '推进"县管校聘"改革', "市教育和体育局", "12月底前"],  # never quoted whole: as written
    ]
    assert isinstance(after, Paragraph) and after.text == "二、保障措施"


def test_a_quote_that_never_closes_joins_no_lines() -> None:
    lines = ["序号\t工作任务\t完成时限", '1\t"开展排查\t6月底前', *(f"第{n}段说明文字" for n in range(30))]
    table, *rest = lines_to_blocks(lines)
    assert isinstance(table, Table)
    assert len(rest) == 30
