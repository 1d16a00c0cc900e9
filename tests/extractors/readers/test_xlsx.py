"""The XLSX reader on the sample task table (against its golden) and on small built workbooks."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest

from extractors.document import Align, Cell, MetaKey, Paragraph, Table, document_to_dict
from extractors.readers.errors import ReaderError
from extractors.readers.xlsx import read_xlsx, value_to_text
from tests.conftest import GOLDEN, NOTICES, assert_matches_golden

SAMPLE = NOTICES / "samples" / "linyi-2023-table.xlsx"
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def save(workbook: openpyxl.Workbook, path: Path) -> Path:
    workbook.save(path)
    return path


def rewrite_member(path: Path, member: str, edit) -> Path:  # type: ignore[no-untyped-def]
    """Rewrite one part of a saved workbook, for what openpyxl cannot write (cached values)."""
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[member] = edit(members[member])
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


# --- the sample ---------------------------------------------------------------------------


def test_sample_matches_golden() -> None:
    assert_matches_golden(
        document_to_dict(read_xlsx(SAMPLE)), GOLDEN / "readers" / "linyi-2023-table.xlsx.json"
    )


def test_sample_title_header_merges_and_line_breaks() -> None:
    document = read_xlsx(SAMPLE)
    title, table = document.blocks
    assert title == Paragraph("2023年临沂市政务公开工作要点任务分解表", Align.CENTER)
    assert isinstance(table, Table)
    assert (table.n_rows, table.n_cols, table.header_rows) == (71, 4, 1)
    assert table.text_rows()[0] == ["要点任务", "工作要求", "责任单位", "完成时限"]
    assert Cell(1, 0, "一、聚焦绿色低碳高质量发展深化公开", col_span=4) in table.cells
    assert Cell(2, 0, "（一）加强高质量发展信息公开。", row_span=5) in table.cells
    assert "2023年\n6月底前" in {cell.text for cell in table.cells}
    assert document.warnings == ()


# --- layout -------------------------------------------------------------------------------


def test_title_header_merged_group_and_note_rows(tmp_path: Path) -> None:
    """The sheet, with print titles on row 3 (an empty row 2 and column C are dropped):

        row 1  | 任务分解表 (merged A1:D1)                  |
        row 3  | 要点任务 | 工作要求 |   | 完成时限          |
        row 4  | 一、总体要求 (merged A4:D4)               |
        row 5  | （一）   | 要求甲   |   | 全年              |
        row 6  | (merged  | 要求乙   |   | 2023年\\n6月底前   |
        row 7  |  A5:A7)  | 要求丙   |   | 全年              |
        row 8  | 注：各单位按时报送。 (merged A8:D8)      |
    """
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"] = "任务分解表"
    sheet.merge_cells("A1:D1")
    for column, text in zip("ABD", ["要点任务", "工作要求", "完成时限"]):
        sheet[f"{column}3"] = text
    sheet["A4"] = "一、总体要求"
    sheet.merge_cells("A4:D4")
    sheet["A5"] = "（一）"
    sheet.merge_cells("A5:A7")
    for row, (task, due) in enumerate([("要求甲", "全年"), ("要求乙", "2023年\n6月底前"), ("要求丙", "全年")], 5):
        sheet[f"B{row}"], sheet[f"D{row}"] = task, due
    sheet["A8"] = "注：各单位按时报送。"
    sheet.merge_cells("A8:D8")
    sheet.print_title_rows = "3:3"
    document = read_xlsx(save(workbook, tmp_path / "layout.xlsx"))
    assert document.blocks == (
        Paragraph("任务分解表", Align.CENTER),
        Table(
            cells=(
                Cell(0, 0, "要点任务"),
                Cell(0, 1, "工作要求"),
                Cell(0, 2, "完成时限"),
                Cell(1, 0, "一、总体要求", col_span=3),
                Cell(2, 0, "（一）", row_span=3),
                Cell(2, 1, "要求甲"),
                Cell(2, 2, "全年"),
                Cell(3, 1, "要求乙"),
                Cell(3, 2, "2023年\n6月底前"),
                Cell(4, 1, "要求丙"),
                Cell(4, 2, "全年"),
            ),
            n_rows=5,
            n_cols=3,
            header_rows=1,
        ),
        Paragraph("注：各单位按时报送。"),
    )


def test_lone_title_cell_without_merge_or_print_titles(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["2020年任务清单"])
    sheet.append(["序号", "工作任务", "责任单位"])
    sheet.append([1, "召开协调会", "市政府"])
    sheet.append(["备注：时间以通知为准"])
    title, table, note = read_xlsx(save(workbook, tmp_path / "lone.xlsx")).blocks
    assert title == Paragraph("2020年任务清单", Align.CENTER)
    assert isinstance(table, Table)
    assert table.header_rows == 0  # no print titles: the extractors tell the header by its words
    assert table.text_rows() == [["序号", "工作任务", "责任单位"], ["1", "召开协调会", "市政府"]]
    assert note == Paragraph("备注：时间以通知为准")


def test_single_value_last_row_that_is_no_note_stays_in_the_table(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["工作任务", "责任单位"])
    sheet.append(["召开协调会", "市政府"])
    sheet.append(["制定实施方案"])
    (table,) = read_xlsx(save(workbook, tmp_path / "last.xlsx")).blocks
    assert isinstance(table, Table)
    assert table.text_rows()[-1] == ["制定实施方案", ""]


def test_empty_rows_and_columns_are_dropped_and_spans_shrink(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B2"], sheet["D2"] = "任务", "时限"
    sheet["B3"], sheet["C3"], sheet["D3"] = "（一）", "要求甲", "全年"
    sheet["D5"] = "年底前"
    # A value left under a merge, as other writers leave it: Excel shows only B3's over B3:B5,
    # so row 4 holds nothing visible and is dropped.
    sheet["B4"] = "合并区内的残留值"
    sheet.merged_cells.add("B3:B5")  # add the range without openpyxl clearing B4
    (table,) = read_xlsx(save(workbook, tmp_path / "sparse.xlsx")).blocks
    assert isinstance(table, Table)
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert Cell(1, 0, "（一）", row_span=2) in table.cells
    assert table.text_rows() == [
        ["任务", "", "时限"],
        ["（一）", "要求甲", "全年"],
        ["（一）", "", "年底前"],
    ]


# --- values -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("2023年\n6月底前", "2023年\n6月底前"),
        ("2023年_x000D_\n6月底前", "2023年\n6月底前"),
        ("甲\r\n乙", "甲\n乙"),
        (17, "17"),
        (2023.0, "2023"),
        (3.5, "3.5"),
        (0.1 + 0.2, "0.3"),
        (dt.datetime(2023, 6, 30, 0, 0), "2023-06-30"),
        (dt.datetime(2023, 6, 30, 17, 30), "2023-06-30"),
        (dt.date(2020, 7, 10), "2020-07-10"),
        (True, "TRUE"),
        (None, ""),
    ],
)
def test_value_to_text(value: object, text: str) -> None:
    assert value_to_text(value) == text


def test_numbers_dates_and_cached_formula_values_in_a_workbook(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["序号", "完成时限", "数量", "合计"])
    sheet.append([1, dt.date(2023, 6, 30), 2.0, 0])
    sheet["D2"].number_format = "General"
    path = save(workbook, tmp_path / "values.xlsx")

    def cached_formula(xml: bytes) -> bytes:
        # what Excel saves: the formula and its last computed value
        return xml.replace(b'<c r="D2" t="n"><v>0</v></c>', b'<c r="D2"><f>C2*2</f><v>4</v></c>')

    rewrite_member(path, "xl/worksheets/sheet1.xml", cached_formula)
    (table,) = read_xlsx(path).blocks
    assert isinstance(table, Table)
    assert table.text_rows()[1] == ["1", "2023-06-30", "2", "4"]


# --- dates at the precision their number format shows -----------------------------------

DATE_FORMATS = {
    "month-in-chinese": (dt.datetime(2021, 10, 1), 'yyyy"年"m"月"', "2021年10月"),
    "month-iso": (dt.datetime(2021, 10, 1), "yyyy-mm", "2021年10月"),
    "month-name-and-year": (dt.datetime(2021, 10, 1), "mmm-yy", "2021年10月"),
    "month-with-locale-code": (dt.datetime(2021, 10, 1), '[$-804]yyyy"年"m"月";@', "2021年10月"),
    "year-only": (dt.datetime(2021, 1, 1), 'yyyy"年"', "2021年"),
    "full-date-chinese": (dt.datetime(2021, 9, 30), 'yyyy"年"m"月"d"日"', "2021-09-30"),
    "full-date-slashes": (dt.datetime(2021, 6, 30), "yyyy/m/d", "2021-06-30"),
    # shown without a year: the stored year is only the year it was typed, the notice's year decides
    "month-and-day-only": (dt.datetime(2021, 6, 30), 'm"月"d"日"', "6月30日"),
    "month-and-day-dashes": (dt.datetime(2023, 11, 30), "mm-dd", "11月30日"),
    "system-long-date": (dt.datetime(2021, 10, 1), "[$-F800]dddd, mmmm dd, yyyy", "2021-10-01"),
    "date-and-time": (dt.datetime(2021, 6, 30, 17, 30), "yyyy/m/d h:mm", "2021-06-30"),
    "time-only-is-no-date": (dt.datetime(2021, 6, 30, 17, 30), "h:mm", "17:30"),
    "minutes-are-no-month": (dt.datetime(2021, 6, 30, 9, 5, 7), "hh:mm:ss", "09:05:07"),
    "chinese-time": (dt.datetime(2021, 6, 30, 9, 5), '上午/下午h"时"mm"分"', "09:05"),
}


@pytest.mark.parametrize(("value", "number_format", "text"), list(DATE_FORMATS.values()), ids=list(DATE_FORMATS))
def test_date_cell_reads_at_the_precision_of_its_number_format(
    tmp_path: Path, value: dt.datetime, number_format: str, text: str
) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["工作任务", "完成时限"])
    sheet.append(["推进报装接入", value])
    sheet["B2"].number_format = number_format
    (table,) = read_xlsx(save(workbook, tmp_path / "dates.xlsx")).blocks
    assert isinstance(table, Table)
    assert table.text_rows()[1] == ["推进报装接入", text]


@pytest.mark.parametrize(
    ("format_id", "text"),
    [(57, "2021年10月"), (31, "2021-10-01"), (58, "10月1日"), (0, "44470")],
    ids=["cjk-month", "cjk-full-date", "cjk-month-day", "general-number-stays-a-number"],
)
def test_day_serial_in_an_east_asian_builtin_date_format_is_a_date(
    tmp_path: Path, format_id: int, text: str
) -> None:
    """Chinese Excel names 2021年10月 by the built-in id 57 alone, which openpyxl reads as 44470."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["工作任务", "完成时限"])
    sheet.append(["推进报装接入", 44470])  # the serial of 2021-10-01
    sheet["B2"].number_format = "0.00"  # a custom-free format openpyxl gives an xf of its own
    path = save(workbook, tmp_path / "builtin.xlsx")
    rewrite_member(path, "xl/styles.xml", lambda xml: xml.replace(b'numFmtId="2"', f'numFmtId="{format_id}"'.encode()))
    (table,) = read_xlsx(path).blocks
    assert isinstance(table, Table)
    assert table.text_rows()[1] == ["推进报装接入", text]


def test_month_typed_into_a_deadline_column_reads_as_the_month() -> None:
    """x05: a 完成时限 cell that Excel shows as 2021年10月 (the serial of 2021-10-01)."""
    document = read_xlsx(FIXTURES / "variety3" / "x05_wuhu_2021_yingshang.xlsx")
    *_, table = [block for block in document.blocks if isinstance(block, Table)]  # after 填表说明
    deadlines = [row[-1] for row in table.text_rows()]
    assert "2021年10月" in deadlines
    assert {"2021-06-30", "2021-09-30", "2021-12-31", "2021-08-31", "2021-12-20"} <= set(deadlines)
    assert "2021-10-01" not in deadlines


# --- sheets -------------------------------------------------------------------------------


def test_each_visible_sheet_in_order_hidden_skipped_with_warning_empty_skipped(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "附件1"
    workbook.active.append(["任务", "单位"])
    workbook.create_sheet("空表")
    hidden = workbook.create_sheet("草稿")
    hidden.append(["不应读出", "x"])
    hidden.sheet_state = "hidden"
    second = workbook.create_sheet("附件2")
    second.append(["领域", "牵头单位"])
    document = read_xlsx(save(workbook, tmp_path / "sheets.xlsx"))
    assert [table.text_rows() for table in document.tables()] == [[["任务", "单位"]], [["领域", "牵头单位"]]]
    assert document.warnings == ("hidden sheet '草稿' skipped",)


def test_workbook_without_visible_values_is_a_reader_error(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.create_sheet("隐藏").append(["x"])
    workbook["隐藏"].sheet_state = "hidden"
    path = save(workbook, tmp_path / "empty.xlsx")
    with pytest.raises(ReaderError, match="no visible worksheet holds any value.*'隐藏'"):
        read_xlsx(path)


# --- bad input ----------------------------------------------------------------------------


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _sample_with(path: Path, member: str, data: bytes) -> Path:
    path.write_bytes(SAMPLE.read_bytes())
    return rewrite_member(path, member, lambda _: data)


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100
BAD_FILES = {
    "truncated": (
        lambda tmp: _bytes(tmp / "cut.xlsx", SAMPLE.read_bytes()[:3000]),
        "damaged or truncated",
    ),
    "not-zip": (lambda tmp: _bytes(tmp / "text.xlsx", b"just text"), "not an .xlsx"),
    "encrypted": (
        lambda tmp: _bytes(tmp / "enc.xlsx", OLE + "EncryptedPackage".encode("utf-16-le")),
        "password-protected",
    ),
    "legacy-xls": (lambda tmp: _bytes(tmp / "old.xls", OLE), "legacy Excel 97-2003"),
    "docx": (lambda tmp: _zip(tmp / "doc.xlsx", {"word/document.xml": b"<w/>"}), "Word document"),
    "bad-workbook-xml": (lambda tmp: _sample_with(tmp / "wb.xlsx", "xl/workbook.xml", b"<workbook"), "damaged"),
    "bad-sheet-xml": (
        lambda tmp: _sample_with(tmp / "ws.xlsx", "xl/worksheets/sheet1.xml", b"<worksheet><sheetData>"),
        "damaged",
    ),
}


@pytest.mark.parametrize("case", BAD_FILES, ids=list(BAD_FILES))
def test_unreadable_files_raise_reader_error(tmp_path: Path, case: str) -> None:
    make, reason = BAD_FILES[case]
    path = make(tmp_path)
    with pytest.raises(ReaderError) as caught:
        read_xlsx(path)
    assert reason in caught.value.reason
    assert caught.value.path == path
    assert str(path) in str(caught.value)


def test_a_sheet_of_one_value_a_row_is_prose(tmp_path: Path) -> None:
    """A 说明 sheet before the task table: its lines are paragraphs (a signature among them), not a table."""
    workbook = openpyxl.Workbook()
    note = workbook.active
    note.title = "说明"
    for row, text in ((1, "遂宁市2024年节水型社会建设重点任务清单"), (3, "一、本清单由市节水办汇总。"), (5, "遂宁市节约用水办公室")):
        note.cell(row=row, column=1, value=text)
    note.cell(row=6, column=4, value="2024年2月26日")  # set to the right, as a signature's date is
    tasks = workbook.create_sheet("任务清单")
    tasks.append(["序号", "重点任务", "责任单位"])
    tasks.append([1, "推进农业节水增效。", "市水利局"])
    blocks = read_xlsx(save(workbook, tmp_path / "prose.xlsx")).blocks
    texts = [block.text for block in blocks if isinstance(block, Paragraph)]
    assert texts[:4] == ["遂宁市2024年节水型社会建设重点任务清单", "一、本清单由市节水办汇总。", "遂宁市节约用水办公室", "2024年2月26日"]
    assert sum(isinstance(block, Table) for block in blocks) == 1


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("文号", "舟政办发〔2023〕21号"), ("发文机关", "舟山市人民政府办公室"), ("成文日期", dt.date(2023, 4, 17)), ("主送", "各县（区）人民政府")],
         {MetaKey.DOC_NUMBER: "舟政办发〔2023〕21号", MetaKey.ISSUER: "舟山市人民政府办公室", MetaKey.SIGNED: "2023-04-17"}),
        ([("文号：", "舟政办发〔2023〕21号"), ("说明", "现将任务清单印发给你们。")], {}),  # one known label is not a 说明 sheet
        ([("序号", "工作任务"), ("1", "推进港口建设"), ("2", "发展海洋牧场")], {}),  # a task table
    ],
    ids=["label-value-rows", "one-label", "task-table"],
)
def test_a_sheet_of_labelled_values_gives_the_notices_metadata(tmp_path: Path, rows: list[tuple[object, object]],
                                                               expected: dict[MetaKey, str]) -> None:  # fmt: skip
    workbook = openpyxl.Workbook()
    about = workbook.active
    about.title = "说明"
    for row in rows:
        about.append(list(row))
    tasks = workbook.create_sheet("任务清单")
    tasks.append(["序号", "重点任务", "牵头单位", "完成时限"])
    tasks.append([1, "推进港口建设", "市交通运输局", "2023年底前"])
    document = read_xlsx(save(workbook, tmp_path / "book.xlsx"))
    assert dict(document.meta) == expected
    assert sum(isinstance(block, Table) for block in document.blocks) == 2  # the 说明 table stays
