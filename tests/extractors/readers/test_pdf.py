"""The PDF reader on the two sample notices (against goldens) and on small built files."""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
import struct
import unicodedata
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest

from extractors.document import Align, Document, Paragraph, Table, document_to_dict
from extractors.readers.errors import ReaderError
from extractors.readers import pdf as pdf_reader
from extractors.readers import pdf_tables
from extractors.readers.pdf import PageContent, column_split, pages_to_document, read_pdf
from extractors.readers.pdf_glyphs import Glyph, pdfium_glyphs, plumber_glyphs
from extractors.readers.pdf_tables import DraftCell, DraftTable, _bold_header_rows, _Layout, add_open_rows, draft_to_table, stitch_tables
from extractors.readers.pdf_text import (
    Column,
    Line,
    LineKind,
    PageLines,
    classify_line,
    drop_page_furniture,
    estimate_columns,
    glyphs_to_lines,
    lines_to_paragraphs,
)
from pipeline.evaluate import comparable
from tests.conftest import GOLD, GOLDEN, NOTICES, assert_matches_golden

SAMPLES = NOTICES / "samples"
LINYI = SAMPLES / "linyi-2023.pdf"
LINHAI = SAMPLES / "linhai-2020.pdf"
LAYOUTS = Path(__file__).resolve().parents[2] / "fixtures" / "pdf_layouts"


@pytest.fixture(scope="module")
def linyi() -> Document:
    return read_pdf(LINYI)


@pytest.fixture(scope="module")
def linhai() -> Document:
    return read_pdf(LINHAI)


def body_rows(table: Table) -> list[list[str]]:
    """Rows under the header that are not a heading merged across the whole width."""
    grid = table.grid()
    return [
        row
        for index, row in enumerate(table.text_rows())
        if index >= table.header_rows and len({id(cell) for cell in grid[index]}) > 1
    ]


def plain(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


# --- the samples --------------------------------------------------------------------------


@pytest.mark.parametrize("path", [LINYI, LINHAI], ids=lambda path: path.name)
def test_sample_matches_golden(path: Path) -> None:
    golden = GOLDEN / "readers" / f"{path.name}.json"
    assert_matches_golden(document_to_dict(read_pdf(path)), golden)


@pytest.mark.parametrize("path", [LINYI, LINHAI], ids=lambda path: path.name)
def test_fast_path_gives_the_same_document_as_pdfplumber(path: Path) -> None:
    assert document_to_dict(read_pdf(path)) == document_to_dict(read_pdf(path, fast_text=False))


@pytest.mark.parametrize("path", [LINYI, LINHAI], ids=lambda path: path.name)
def test_pdfium_glyphs_read_as_the_same_lines_as_pdfplumber_on_every_page(path: Path) -> None:
    """Table pages included: curly quotes and mixed CJK/Latin runs must land in the same place."""
    with pdfplumber.open(path) as plumber_pdf:
        document = pdfium.PdfDocument(path)
        try:
            for index, plumber_page in enumerate(plumber_pdf.pages):
                careful, _ = plumber_glyphs(plumber_page.chars)
                fast = pdfium_glyphs(document[index])
                assert fast is not None
                as_text = [line.text for line in glyphs_to_lines(careful)]
                assert [line.text for line in glyphs_to_lines(fast)] == as_text, f"page {index + 1}"
        finally:
            document.close()


def test_linyi_body_paragraphs_are_joined_and_numbered_items_separate(linyi: Document) -> None:
    paragraphs = [p.text for p in linyi.paragraphs()]
    items = [text for text in paragraphs if re.match(r"\d+\.", text)]
    assert [int(text.split(".")[0]) for text in items] == list(range(1, 18))
    headings = [text for text in paragraphs if re.match(r"[一二三四五]、", text)]
    assert [text[0] for text in headings] == list("一二三四五")
    # Item 2 runs from page 2 onto page 3; the page break does not cut it.
    second = next(p for p in linyi.paragraphs() if p.text.startswith("2.加强优化营商环境"))
    assert second.page == 2
    assert "深入落实逾期未支付中小企业账款强制披露制度" in second.text
    assert second.text.endswith("推动政策“精准匹配、快速直达、一键兑现”。")


def test_linyi_title_signature_and_date_keep_their_alignment(linyi: Document) -> None:
    aligned = [(p.align, p.text) for p in linyi.paragraphs() if p.align is not None][:4]
    assert aligned == [
        (Align.CENTER, "临沂市人民政府办公室\n关于印发2023年临沂市政务公开\n工作要点的通知"),
        (Align.CENTER, "临政办字〔2023〕45号"),
        (Align.RIGHT, "临沂市人民政府办公室"),
        (Align.RIGHT, "2023年6月20日"),
    ]


def test_cjk_text_has_no_spaces_from_latin_autospacing(linyi: Document, linhai: Document) -> None:
    texts = [p.text for doc in (linyi, linhai) for p in doc.paragraphs()]
    assert not [text for text in texts if " " in text]
    assert "动态公开9类困难群众救助标准" in next(t for t in texts if t.startswith("3."))


@pytest.mark.parametrize("path", [LINYI, LINHAI], ids=lambda path: path.name)
def test_no_page_numbers_are_left(path: Path) -> None:
    document = read_pdf(path)
    texts = [p.text for p in document.paragraphs()]
    texts += [cell.text for table in document.tables() for cell in table.cells]
    assert not [text for text in texts if re.search(r"[—-]\s*\d+\s*[—-]", text)]


def test_linyi_attachment_is_one_table_with_a_row_per_task(linyi: Document) -> None:
    tables = list(linyi.tables())
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_cols, table.header_rows, table.page) == (4, 1, 11)
    assert table.text_rows()[0] == ["要点任务", "工作要求", "责任单位", "完成时限"]
    rows = body_rows(table)
    groups = [row for row in table.text_rows() if len(set(row)) == 1 and row[0]]
    assert len(rows) == 65 and len(groups) == 5
    assert table.n_rows == 1 + 5 + 65  # the header once, no repeats
    gold = json.loads(next(GOLD.glob("002_*.json")).read_text(encoding="utf-8"))
    assert [plain(row[1]) for row in rows] == [plain(task["requirement"]) for task in gold["tasks"]]
    assert all(row[3] for row in rows), "a row cut at a page end was left unjoined"
    assert any(cell.text == "2023年\n6月底前" for cell in table.cells)


def test_linyi_group_label_spans_the_rows_on_the_next_page(linyi: Document) -> None:
    """（二） is printed on page 11 only; its merged cell covers its five tasks on two pages."""
    table = next(linyi.tables())
    label = next(cell for cell in table.cells if cell.text.startswith("（二）"))
    assert (label.col, label.row_span) == (0, 5)
    covered = [table.text_rows()[row][1] for row in range(label.row, label.row + label.row_span)]
    assert covered[1] == "有序推进国有企业创新驱动高质量发展“十条”政\n策落实情况和成效公开。"
    assert covered[-1].startswith("强化政策集成供给")


def test_linhai_attachment_tables_are_stitched(linhai: Document) -> None:
    first, second = linhai.tables()
    assert [len(body_rows(first)), len(body_rows(second))] == [7, 26]
    assert (first.header_rows, second.header_rows) == (1, 1)
    assert first.text_rows()[0] == ["序號", "工作任務", "責任單位", "時間進度"]
    assert [row[0] for row in body_rows(first)] == [str(n) for n in range(1, 8)]
    names = [plain(row[0]) for row in body_rows(second)]
    assert names[22] == "二十三、救災生產領域"  # cut by the page end, joined back
    assert second.text_rows()[23] == ["二十三、救災生產\n領域", "市應急局"]
    assert "試點領域名稱" not in names


# --- bad input -----------------------------------------------------------------------------

PADDING = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def write_pdf(
    path: Path,
    content: bytes,
    font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    extra: dict[int, bytes] | None = None,
    user_password: str | None = None,
) -> Path:
    """A one-page PDF; with ``user_password``, encrypted with the standard handler (RC4, R2)."""
    file_id = hashlib.md5(path.name.encode()).digest()
    resources = b"<< /Font << /F1 5 0 R >> >>"
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources "
        + resources
        + b" /Contents 4 0 R >>",
        5: font,
        **(extra or {}),
    }
    encrypt = b""
    if user_password is not None:
        user = (user_password.encode() + PADDING)[:32]
        o_entry = rc4(hashlib.md5((b"owner" + PADDING)[:32]).digest()[:5], user)
        key = hashlib.md5(user + o_entry + struct.pack("<i", -4) + file_id).digest()[:5]
        u_entry = rc4(key, PADDING)
        content = rc4(hashlib.md5(key + b"\x04\x00\x00\x00\x00").digest()[:10], content)
        objects[6] = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -4 >>" % (
            o_entry.hex().encode(),
            u_entry.hex().encode(),
        )
        encrypt = b" /Encrypt 6 0 R"
    objects[4] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    out = bytearray(b"%PDF-1.4\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        free = b"0000000000 65535 f \n"
        out += b"%010d 00000 n \n" % offsets[number] if number in offsets else free
    out += b"trailer\n<< /Size %d /Root 1 0 R /ID [<%s> <%s>]%s >>\n" % (
        size,
        file_id.hex().encode(),
        file_id.hex().encode(),
        encrypt,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


HELLO = b"BT /F1 24 Tf 72 720 Td (Hello World) Tj ET"


def test_built_pdf_reads(tmp_path: Path) -> None:
    document = read_pdf(write_pdf(tmp_path / "hello.pdf", HELLO))
    assert [p.text for p in document.paragraphs()] == ["Hello World"]
    assert document.warnings == ()


def test_encrypted_pdf_raises_reader_error(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "locked.pdf", HELLO, user_password="secret")
    with pdfplumber.open(path, password="secret") as pdf:  # a real encrypted file, not junk
        assert pdf.pages[0].extract_text() == "Hello World"
    with pytest.raises(ReaderError, match="encrypted") as raised:
        read_pdf(path)
    assert raised.value.path == path


def test_truncated_pdf_raises_reader_error_naming_the_file(tmp_path: Path) -> None:
    data = LINYI.read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ReaderError) as raised:
        read_pdf(path)
    assert str(path) in str(raised.value)
    assert "truncated" in raised.value.reason


def test_bytes_that_are_not_a_pdf_raise_reader_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    with pytest.raises(ReaderError):
        read_pdf(path)


def scanned_pages(path: Path, source: Path, pages: list[int]) -> Path:
    """Pages of ``source`` rendered to images and saved as an image-only PDF."""
    document = pdfium.PdfDocument(source)
    try:
        images = [document[index].render(scale=1).to_pil().convert("RGB") for index in pages]
    finally:
        document.close()
    images[0].save(path, save_all=True, append_images=images[1:])
    return path


def test_scanned_pdf_without_ocr_warns_needs_ocr_and_invents_no_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "ocr_available", lambda: False)  # a machine without the ocr extra
    path = scanned_pages(tmp_path / "scan.pdf", LINYI, [0, 1])
    document = read_pdf(path)
    assert document.blocks == ()
    assert document.warnings == (
        "needs_ocr: no text layer on 2 of 2 pages; install the OCR extra to read it: pip install 'notice-tasks[ocr]'",
    )


def test_partly_scanned_pdf_keeps_the_text_pages(tmp_path: Path) -> None:
    scan = scanned_pages(tmp_path / "scan.pdf", LINYI, [1])
    mixed = pdfium.PdfDocument.new()
    for source, pages in ((LINYI, [0]), (scan, [0])):
        document = pdfium.PdfDocument(source)
        mixed.import_pages(document, pages)
        document.close()
    path = tmp_path / "mixed.pdf"
    mixed.save(path)
    mixed.close()
    document = read_pdf(path)
    assert document.warnings == (
        "ocr: 1 of 2 pages had no text layer and were read by OCR; check tasks whose ocr_confidence is low",
    )
    text_page = [p for p in document.paragraphs() if p.page == 1]
    scanned_page = [p for p in document.paragraphs() if p.page == 2]
    assert text_page[0].text.startswith("临沂市人民政府办公室")
    assert all(p.confidence is None for p in text_page)  # the text layer is kept as it is
    assert scanned_page and all(p.confidence is not None for p in scanned_page)
    expected = [p.text for p in read_pdf(LINYI).paragraphs() if p.page == 2]
    assert len(scanned_page) == len(expected)
    # Recognised text differs in bracket and comma widths, which normalization evens out; the
    # PDF's last paragraph goes on to page 3, which the mixed file does not have.
    read, printed = ("".join(comparable(text) for text in texts) for texts in ([p.text for p in scanned_page], expected))
    assert difflib.SequenceMatcher(None, read, printed[: len(read)], autojunk=False).ratio() >= 0.97


def test_glyphs_without_unicode_warn_and_show_as_replacement_characters(tmp_path: Path) -> None:
    """A CID font without a ToUnicode map: pdfminer can only say (cid:65)."""
    font = (
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Foo /Encoding /Identity-H "
        b"/DescendantFonts [7 0 R] >>"
    )
    descendant = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Foo /CIDSystemInfo "
        b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    content = b"BT /F1 24 Tf 72 720 Td <00410042> Tj ET"
    path = write_pdf(tmp_path / "cid.pdf", content, font=font, extra={7: descendant})
    for fast_text in (True, False):
        document = read_pdf(path, fast_text=fast_text)
        assert [p.text for p in document.paragraphs()] == ["\ufffd\ufffd"]
        assert document.warnings[0].startswith("unmapped_glyphs: 2 glyphs")


def test_reopening_the_file_midway_changes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Long files are read in slices of pages; a table and a paragraph cross a slice edge here."""
    whole = document_to_dict(read_pdf(LINYI))
    monkeypatch.setattr("extractors.readers.pdf.REOPEN_EVERY", 7)
    assert document_to_dict(read_pdf(LINYI)) == whole


def test_reading_closes_the_file(tmp_path: Path) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(3):
        read_pdf(LINHAI)
    assert len(os.listdir("/proc/self/fd")) == before


# --- lines and page furniture --------------------------------------------------------------


def glyphs(text: str, x: float = 100.0, baseline: float = 100.0, size: float = 16.0) -> list[Glyph]:
    """Glyphs set solid, CJK a full em wide, Latin half; "|" leaves an autospace gap of 0.25 em."""
    out: list[Glyph] = []
    for char in text:
        if char == "|":
            x += size / 4
            continue
        width = size / 2 if char.isascii() else size
        out.append(Glyph(char, x, x + width, baseline, size))
        x += width
    return out


def test_line_drops_the_autospace_between_cjk_and_latin_but_keeps_word_spaces() -> None:
    (line,) = glyphs_to_lines(glyphs("采用|APP|、2023|年|and|Windows|10"))
    assert line.text == "采用APP、2023年and Windows 10"


def test_line_keeps_a_drawn_space_only_between_latin_words() -> None:
    (line,) = glyphs_to_lines(glyphs("● 对照 Hello World"))
    assert line.text == "●对照Hello World"


def test_lines_read_left_to_right_whatever_the_drawing_order() -> None:
    drawn = glyphs("第二行", baseline=130) + list(reversed(glyphs("第一行“引号”")))
    assert [line.text for line in glyphs_to_lines(drawn)] == ["第一行“引号”", "第二行"]


def test_glyph_drawn_twice_for_fake_bold_is_read_once() -> None:
    once = glyphs("加粗")
    twice = once + [Glyph(g.text, g.x0 + 0.4, g.x1 + 0.4, g.baseline, g.size) for g in once]
    assert [line.text for line in glyphs_to_lines(twice)] == ["加粗"]


def page_lines(page: int, *texts: tuple[str, float]) -> PageLines:
    lines = tuple(
        Line(text, 80, 80 + 16 * len(text), baseline, 16, page, 16) for text, baseline in texts
    )
    return PageLines(page=page, width=595, height=842, lines=lines)


def test_running_header_and_page_numbers_are_dropped_but_body_lines_kept() -> None:
    pages = [
        page_lines(n, ("临沂市人民政府办公室文件", 60), (f"正文第{n}页的内容", 400), (f"第{n}页", 800))
        for n in range(1, 5)
    ]
    kept = drop_page_furniture(pages)
    assert [[line.text for line in page.lines] for page in kept] == [
        [f"正文第{n}页的内容"] for n in range(1, 5)
    ]


# --- stitching -----------------------------------------------------------------------------


def draft(page: int, rows: list[list[tuple[str, int]]], header_rows: int = 0) -> DraftTable:
    """A two-column table part; each row lists (text, row_span) per starting cell, col 0 first.

    A row given a single cell after a spanning one starts in column 1.
    """
    cells: list[DraftCell] = []
    covered: set[tuple[int, int]] = set()
    for r, row in enumerate(rows):
        col = 0
        for text, span in row:
            while (r, col) in covered:
                col += 1
            cells.append(DraftCell(r, col, span, 1, text))
            covered |= {(r + k, col) for k in range(span)}
            col += 1
    return DraftTable(
        page=page,
        bbox=(100, 100, 500, 700),
        col_xs=[100, 200, 500],
        row_ys=[100 + 20 * r for r in range(len(rows) + 1)],
        cells=cells,
        n_rows=len(rows),
        n_cols=2,
        header_rows=header_rows,
    )


def test_stitching_drops_the_repeated_header_and_extends_the_group_label() -> None:
    """
    page 1                    page 2
    +------+-----------+      +------+-----------+
    | 任务 | 要求      |      | 任务 | 要求      |
    +------+-----------+      +------+-----------+
    | (一) | 甲。      |      |      | 丙。      |
    |      +-----------+      |      +-----------+
    |      | 乙。      |      |      | 丁。      |
    +------+-----------+      +------+-----------+
    """
    first = draft(1, [[("任务", 1), ("要求", 1)], [("(一)", 2), ("甲。", 1)], [("乙。", 1)]], 1)
    part = draft(2, [[("任务", 1), ("要求", 1)], [("", 2), ("丙。", 1)], [("丁。", 1)]])
    assert stitch_tables(first, part)
    table = draft_to_table(first)
    assert (table.n_rows, table.header_rows) == (5, 1)
    assert [row[0] for row in table.text_rows()] == ["任务", "(一)", "(一)", "(一)", "(一)"]
    assert [row[1] for row in table.text_rows()][1:] == ["甲。", "乙。", "丙。", "丁。"]


def test_stitching_joins_a_row_cut_by_the_page_end() -> None:
    """
    page 1                         page 2
    | 一、重大建设 | 市发改局 |     | 项目领域 |          |
    """
    first = draft(1, [[("名称", 1), ("单位", 1)], [("一、重大建设", 1), ("市发改局", 1)]], 1)
    part = draft(2, [[("名称", 1), ("单位", 1)], [("项目领域", 1), ("", 1)], [("二、教育", 1), ("市教育局", 1)]])
    assert stitch_tables(first, part)
    assert draft_to_table(first).text_rows() == [
        ["名称", "单位"],
        ["一、重大建设\n项目领域", "市发改局"],
        ["二、教育", "市教育局"],
    ]


def test_stitching_refuses_a_table_with_other_columns() -> None:
    first = draft(1, [[("名称", 1), ("单位", 1)], [("甲", 1), ("乙", 1)]], 1)
    part = draft(2, [[("丙", 1), ("丁", 1)]])
    part.col_xs = [100, 300, 560]
    assert not stitch_tables(first, part)
    assert first.n_rows == 2


def test_paragraph_objects_carry_their_page(linhai: Document) -> None:
    pages = [block.page for block in linhai.blocks]
    assert pages == sorted(pages)
    assert isinstance(linhai.blocks[0], Paragraph) and linhai.blocks[0].page == 1


# --- rows left open by the page end ---------------------------------------------------------

# Side rules of a 3-column table closed from y=100 to y=200 (rules at x = 100, 200, 300, 400).
CLOSED = [(x, 100.0, 200.0) for x in (100.0, 200.0, 300.0, 400.0)]


@pytest.mark.parametrize(
    ("verticals", "rows", "cells_of_open_row", "open_bottom", "open_top"),
    [
        pytest.param(CLOSED, 2, None, False, False, id="closed table"),
        pytest.param(
            [(x, 100.0, 260.0) for x in (100.0, 200.0, 300.0, 400.0)],
            3, [(0, 1), (1, 1), (2, 1)], True, False, id="every rule runs on to the page end",
        ),
        pytest.param(
            [(100.0, 100.0, 260.0), (200.0, 100.0, 200.0), (300.0, 100.0, 260.0), (400.0, 100.0, 260.0)],
            3, [(0, 2), (2, 1)], True, False, id="an inner rule stops: the open cell spans",
        ),
        pytest.param(
            [(x, 40.0, 200.0) for x in (100.0, 200.0, 300.0, 400.0)],
            3, [(0, 1), (1, 1), (2, 1)], False, True, id="rules come down from the page top",
        ),
        pytest.param(
            [(x, 100.0, 203.0) for x in (100.0, 200.0, 300.0, 400.0)],
            2, None, False, False, id="a few points of overshoot are no row",
        ),
        pytest.param(
            [(100.0, 100.0, 260.0), *CLOSED[1:]],
            2, None, False, False, id="one outer rule alone is no row",
        ),
    ],
)
def test_open_rows_are_recovered_from_the_rules_that_run_on(
    verticals: list[tuple[float, float, float]],
    rows: int,
    cells_of_open_row: list[tuple[int, int]] | None,
    open_bottom: bool,
    open_top: bool,
) -> None:
    table = DraftTable(
        page=1, bbox=(100, 100, 400, 200), col_xs=[100, 200, 300, 400], row_ys=[100, 150, 200],
        cells=[DraftCell(r, c, 1, 1) for r in range(2) for c in range(3)], n_rows=2, n_cols=3,
    )
    add_open_rows(table, verticals)
    assert (table.n_rows, table.open_bottom, table.open_top) == (rows, open_bottom, open_top)
    if cells_of_open_row is not None:
        open_row = 0 if open_top else rows - 1
        assert [(c.col, c.col_span) for c in table.cells if c.row == open_row] == cells_of_open_row
        assert {c.row for c in table.cells} == set(range(rows))


def test_a_row_open_at_the_page_end_is_joined_even_when_every_cell_has_text() -> None:
    first = draft(1, [[("名称", 1), ("单位", 1)], [("开展专项整治，完成转", 1), ("市场监管局（牵", 1)]], 1)
    first.open_bottom = True
    part = draft(2, [[("供电环节清理工作。", 1), ("头）、供电公司", 1)], [("二、教育", 1), ("市教育局", 1)]])
    part.open_top = True
    assert stitch_tables(first, part)
    assert draft_to_table(first).text_rows()[1:] == [
        ["开展专项整治，完成转\n供电环节清理工作。", "市场监管局（牵\n头）、供电公司"],
        ["二、教育", "市教育局"],
    ]


def test_table_with_a_row_cut_by_the_page_end_reads_as_one_table() -> None:
    """Chromium cuts row 6 at the end of page 1 and draws no rule under it or above its rest."""
    document = read_pdf(LAYOUTS / "table_row_cut_at_page_end.pdf")
    tables = [block for block in document.blocks if isinstance(block, Table)]
    assert len(tables) == 1
    rows = tables[0].text_rows()
    assert [plain(row[0]) for row in rows] == ["序号", *map(str, range(1, 21))]
    sixth = [plain(cell) for cell in rows[6]]
    assert sixth[1].startswith("深化银政企合作") and sixth[1].endswith("10亿元以上。")
    assert sixth[2] == "市金融工作局(牵头)、各银行业金融机构"
    assert not any("深化银政企" in block.text for block in document.blocks if isinstance(block, Paragraph))


# --- centred titles ------------------------------------------------------------------------------


def title_line(text: str, x0: float, baseline: float, size: float = 20.0, x1: float | None = None) -> Line:
    return Line(text, x0, x1 if x1 is not None else x0 + size * len(text), baseline, size, 1, size)


COLUMN = {1: Column(85.5, 516.0)}


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        pytest.param(
            [
                title_line("叙州区人民政府办公室", 200.8, 250.5),
                title_line("关于印发《叙州区2022年优化营商环境工作要", 97.1, 285.8, x1=504.8),
                title_line("点》的通知", 250.8, 320.2),
            ],
            ["叙州区人民政府办公室\n关于印发《叙州区2022年优化营商环境工作要点》的通知"],
            id="a full line between two centred lines is one title",
        ),
        pytest.param(
            [
                title_line("一、总体要求", 252.8, 250.5, 16.0),
                title_line("坚持以人民为中心，统筹推进各项改革任务落实落地见效。", 85.5, 278.5, 16.0, x1=516.0),
                title_line("二、重点任务", 252.8, 306.5, 16.0),
            ],
            ["一、总体要求", "坚持以人民为中心，统筹推进各项改革任务落实落地见效。", "二、重点任务"],
            id="a full body line ending a sentence is not a title line",
        ),
        pytest.param(
            [
                title_line("关于做好养老服务工作的通知", 170.8, 250.5),
                title_line("为贯彻落实国务院办公厅关于推进养老服务发展的意", 117.5, 285.8, 16.0, x1=516.0),
                title_line("见，现就有关事项通知如下。", 85.5, 313.8, 16.0),
            ],
            ["关于做好养老服务工作的通知", "为贯彻落实国务院办公厅关于推进养老服务发展的意见，现就有关事项通知如下。"],
            id="body text after a title stays body",
        ),
        pytest.param(
            [
                title_line("张掖市人民政府办公室文件", 180.8, 200.5),
                title_line("甘张政办发〔2023〕21号", 210.8, 235.8, x1=390.7),
                title_line("关于印发张掖市绿色发展工作要点的通知", 120.8, 271.1),
            ],
            ["张掖市人民政府办公室文件", "甘张政办发〔2023〕21号", "关于印发张掖市绿色发展工作要点的通知"],
            id="a document number between centred lines of one size is a line of its own",
        ),
        pytest.param(
            [
                title_line("牵头单位：市大数据局；配合单位：市公安", 109.5, 300.0, 16.0, x1=492.0),
                title_line("局；完成时限：2027年。", 85.5, 328.0, 16.0),
            ],
            ["牵头单位：市大数据局；配合单位：市公安局；完成时限：2027年。"],
            id="an indented first line that only looks centred goes on from the margin",
        ),
        pytest.param(
            [
                title_line("（一）加强组织领导", 117.5, 300.0, 16.0, x1=484.0),
                title_line("成立工作专班。", 85.5, 328.0, 16.0),
            ],
            ["（一）加强组织领导", "成立工作专班。"],
            id="a numbered heading stays a line of its own",
        ),
    ],
)
def test_title_lines_join_and_body_lines_do_not(lines: list[Line], expected: list[str]) -> None:
    assert [p.text for p in lines_to_paragraphs(lines, COLUMN, {})] == expected


def test_a_centred_document_number_never_opens_the_title_under_it() -> None:
    """LibreOffice's 红头 layout (a 2026 notice): masthead, number, then a title wrapped to the
    full width and centred on its last line, all at 14 pt and the body's pitch."""
    lines = [  # as pdfplumber reads them; the centred lines share x = 306.15, the column's axis
        title_line("安顺市人民政府文件", 243.1, 85.0, 14.0, x1=369.1),
        title_line("安府发〔2026〕5号", 240.5, 113.7, 14.0, x1=371.8),
        title_line("安顺市人民政府关于印发安顺市数字政府建设实施方案（2026—", 104.7, 142.4, 14.0, x1=507.6),
        title_line("2028年）的通知", 250.3, 161.1, 14.0, x1=362.0),
    ]
    column = {1: Column(90.1, 510.1, axis=306.15)}
    paragraphs = [p.text for p in lines_to_paragraphs(lines, column, {14.0: 28.7})]
    assert paragraphs[-2:] == ["安府发〔2026〕5号", "安顺市人民政府关于印发安顺市数字政府建设实施方案（2026—2028年）的通知"]


def test_centring_is_measured_from_the_middle_centred_lines_share() -> None:
    """On a CJK grid the body stops 9 pt short of the margin; the title and number share x = 309."""
    body = [Line("正" * 30, 79.5, 529.5, 200 + 28 * n, 15.0, 1, 15.0) for n in range(4)]
    title = Line("系建设工作的通知", 229.0, 389.0, 155.3, 20.0, 1, 20.0)
    number = Line("德办发〔2019〕21号", 238.6, 379.3, 183.3, 15.0, 1, 15.0)
    page = PageLines(page=1, width=612, height=792, lines=(title, number, *body))
    column = estimate_columns([page])[1]
    assert column.center == pytest.approx(309.0, abs=0.1)
    assert classify_line(title, column) is LineKind.CENTER
    assert classify_line(number, column) is LineKind.CENTER


def test_lines_of_one_width_show_no_centre_of_their_own() -> None:
    """Indented body lines of one length share a middle without being centred."""
    body = [Line("正" * 30, 79.5, 529.5, 200 + 28 * n, 15.0, 1, 15.0) for n in range(4)]
    short = [Line("正" * 27, 109.5, 514.5, 400 + 56 * n, 15.0, 1, 15.0) for n in range(2)]
    page = PageLines(page=1, width=612, height=792, lines=(*body, *short))
    assert estimate_columns([page])[1].center == pytest.approx((79.5 + 529.5) / 2)


def test_title_on_letter_paper_is_whole() -> None:
    """LibreOffice on Letter paper: body lines end 9 pt short of the margin, the title is centred."""
    document = read_pdf(LAYOUTS / "centred_title_on_letter_paper.pdf")
    first, second = document.blocks[:2]
    assert isinstance(first, Paragraph) and isinstance(second, Paragraph)
    assert plain(first.text) == "德阳市人民政府办公室关于做好2019年养老服务体系建设工作的通知"
    assert first.align is Align.CENTER
    assert plain(second.text) == "德办发〔2019〕21号" and second.align is Align.CENTER


def test_a_bold_group_heading_under_a_bold_header_is_body_and_the_repeated_header_still_drops() -> None:
    """
    page 1 (bold: the labels and the heading)      page 2
    | 任务 | 要求 |                                 | 任务 | 要求 |
    | (一)强化工业源治理 (across)   |               | 丙。 | 丁。 |
    | 甲。 | 乙。 |
    """
    first = DraftTable(page=1, bbox=(100, 100, 500, 700), col_xs=[100, 200, 500], row_ys=[100, 120, 140, 160], n_rows=3, n_cols=2,
                       cells=[DraftCell(0, 0, 1, 1, "任务", bold=True), DraftCell(0, 1, 1, 1, "要求", bold=True),
                              DraftCell(1, 0, 1, 2, "(一)强化工业源治理", bold=True), DraftCell(2, 0, 1, 1, "甲。"), DraftCell(2, 1, 1, 1, "乙。")])  # fmt: skip
    assert _bold_header_rows(first, _Layout(first)) == 1
    first.header_rows = 2  # as a header guessed too long would leave it
    part = draft(2, [[("任务", 1), ("要求", 1)], [("丙。", 1), ("丁。", 1)]])
    assert stitch_tables(first, part)
    assert [row[0] for row in draft_to_table(first).text_rows()] == ["任务", "(一)强化工业源治理", "甲。", "丙。"]


@pytest.mark.parametrize(
    ("drawn", "rules"),
    [
        ({"object_type": "rect", "fill": True, "stroke": False, "x0": 72, "x1": 520, "top": 100, "bottom": 118}, False),
        ({"object_type": "rect", "fill": True, "stroke": False, "x0": 72, "x1": 520, "top": 100, "bottom": 100.5}, True),
        ({"object_type": "rect", "fill": False, "stroke": True, "x0": 72, "x1": 520, "top": 100, "bottom": 118}, True),
        ({"object_type": "line", "x0": 72, "x1": 520, "top": 100, "bottom": 100}, True),
    ],
    ids=["a-grey-row-is-shading", "a-thin-filled-box-is-a-rule", "a-stroked-box-rules", "a-line-rules"],
)
def test_shading_is_no_ruling(drawn: dict[str, object], rules: bool) -> None:
    assert pdf_tables._not_shading(drawn) is rules


def _placed(table: DraftTable, x0: float, top: float, x1: float, bottom: float) -> DraftTable:
    width = (x1 - x0) / (len(table.col_xs) - 1)
    table.bbox, table.col_xs = (x0, top, x1, bottom), [x0 + width * n for n in range(len(table.col_xs))]
    return table


@pytest.mark.parametrize(
    ("boxes", "split"),
    [
        ([(60, 100, 290, 740), (320, 80, 550, 400)], 320),  # a table going on at the top of the right column
        ([(60, 100, 550, 400), (60, 450, 550, 740)], None),  # two tables one under the other
        ([(60, 100, 290, 300), (320, 400, 550, 600)], None),  # side by side in x, apart in height
        ([(60, 100, 550, 740)], None),
    ],
    ids=["two-columns", "one-under-the-other", "no-overlap-in-height", "one-table"],
)
def test_a_page_set_in_two_columns_splits_where_a_table_stands_beside_another(
    boxes: list[tuple[float, float, float, float]], split: float | None
) -> None:
    tables = [_placed(draft(1, [[("甲", 1), ("乙", 1)]]), *box) for box in boxes]
    assert column_split(tables) == split


def test_a_table_at_the_top_of_the_right_column_continues_the_left_columns() -> None:
    """Read column by column, the right column's part (its header not repeated) joins the table."""
    left = _placed(draft(1, [[("序号", 1), ("工作任务", 1)], [("1", 1), ("任务甲", 1)]], header_rows=1), 60, 100, 290, 740)
    right = _placed(draft(1, [[("2", 1), ("任务乙", 1)], [("3", 1), ("任务丙", 1)]]), 320, 80, 550, 400)
    document = pages_to_document([PageContent(page=1, width=612, height=792, lines=(), tables=[left, right])])
    (table,) = list(document.tables())
    assert [row[0] for row in table.text_rows()] == ["序号", "1", "2", "3"]
