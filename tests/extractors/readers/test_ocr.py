"""Scanned notices read by OCR: the sample PDFs rendered to 150-dpi images score against gold.

The scans are made here from the bundled PDFs (pypdfium2 renders each page at 150 dpi, Pillow
saves the pages as an image-only PDF), so nothing large is checked in. Each scan is read once
per session: OCR takes seconds per page.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image, ImageDraw

from extractors.document import InputFormat, Paragraph, Table
from extractors.notice import ExtractionSettings
from extractors.readers import ReaderError, read_document
from extractors.readers import image as image_reader
from extractors.readers import pdf as pdf_reader
from extractors.readers.ocr import OcrLine, _fix_page_number, _rotate, lines_to_glyphs, ocr_available, skew_angle, snap_sizes
from extractors.readers.ocr_tables import find_rulings, rulings_to_tables
from extractors.readers.pdf_text import glyphs_to_lines
from pipeline.evaluate import evaluate
from pipeline.extract import FileResult, extract_file
from tests.conftest import GOLD, NOTICES

DPI = 150
SCANNED = {"linyi-2023": "002_02085f7e2344a83a.json", "linhai-2020": "001_071c6a9f0edf7a19.json"}


def render_pages(pdf: Path, dpi: int = DPI, pages: list[int] | None = None) -> list[Image.Image]:
    document = pdfium.PdfDocument(pdf)
    try:
        numbers = pages if pages is not None else list(range(len(document)))
        return [document[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in numbers]
    finally:
        document.close()


def write_image_pdf(images: list[Image.Image], path: Path, dpi: int = DPI) -> Path:
    """An image-only PDF, as a scanner writes: one picture per page, no text layer."""
    images[0].save(path, save_all=True, append_images=images[1:], resolution=dpi)
    return path


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[str, FileResult]:
    """Each sample PDF as a 150-dpi image-only PDF, extracted once (the pipeline's own path)."""
    assert ocr_available(), "the ocr extra is needed: pip install -e '.[test,ocr]'"
    corpus = tmp_path_factory.mktemp("scans")
    results = {}
    for name in SCANNED:
        scan = write_image_pdf(render_pages(NOTICES / "samples" / f"{name}.pdf"), corpus / f"{name}-scan.pdf")
        results[name] = extract_file(scan, corpus, ExtractionSettings())
    return results


def test_scanned_pdfs_have_no_text_layer(tmp_path: Path) -> None:
    """The test scans are real scans: without OCR the reader finds nothing to read."""
    scan = write_image_pdf(render_pages(NOTICES / "samples" / "linhai-2020.pdf", pages=[0]), tmp_path / "scan.pdf")
    document = pdfium.PdfDocument(scan)
    try:
        assert document[0].get_textpage().get_text_range() == ""
    finally:
        document.close()


@pytest.mark.parametrize("name", SCANNED)
def test_scanned_notice_scores_against_gold(scans: dict[str, FileResult], name: str, tmp_path: Path) -> None:
    """Scored by the eval of `notice-tasks eval`, with gold files pointing at the scans."""
    result = scans[name]
    assert result.notice is not None, result.message
    assert result.notice["source"]["format"] == "pdf"
    gold = json.loads((GOLD / SCANNED[name]).read_text(encoding="utf-8"))
    gold["files"] = [result.path]
    (tmp_path / SCANNED[name]).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    scores = evaluate([result.notice], tmp_path)["files"][result.path]
    assert scores["tasks"]["f1"] >= 0.85, scores
    assert scores["units"]["f1"] >= 0.80, scores


@pytest.mark.parametrize("name", SCANNED)
def test_scanned_notice_metadata_and_confidence(scans: dict[str, FileResult], name: str) -> None:
    notice = scans[name].notice
    assert notice is not None
    expected = json.loads((GOLD / SCANNED[name]).read_text(encoding="utf-8"))["notice"]
    for key in ("region", "year", "doc_number", "signed"):
        assert notice[key] == expected[key], key
    assert any(warning.startswith("ocr:") for warning in notice["warnings"])
    confidences = [task["ocr_confidence"] for task in notice["tasks"] if "ocr_confidence" in task]
    assert len(confidences) >= 0.9 * len(notice["tasks"])
    assert all(0.5 <= value <= 1.0 for value in confidences)


# ---------------------------------------------------------------------------------------
# Image files.


@pytest.mark.parametrize("skew", [0.0, 1.5], ids=["straight", "fed-askew-1.5-degrees"])
def test_tiff_table_over_two_pages_reads_like_the_pdf(tmp_path: Path, skew: float) -> None:
    """Pages 7–8 of linhai-2020 as one two-page TIFF: a titled table continued on the next
    page, whose cells OCR must place by position and whose parts must be stitched; a page fed
    askew into the scanner is straightened first."""
    pages = [page.rotate(skew, resample=Image.Resampling.BILINEAR, fillcolor="white")
             for page in render_pages(NOTICES / "samples" / "linhai-2020.pdf", pages=[6, 7])]  # fmt: skip
    path = tmp_path / "pages.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], dpi=(DPI, DPI), compression="tiff_lzw")
    document = read_document(path)
    assert document.format is InputFormat.IMAGE
    [table] = document.tables()
    expected = next(read_document(NOTICES / "samples" / "linhai-2020.pdf").tables())
    assert (table.n_rows, table.n_cols) == (expected.n_rows, expected.n_cols)
    spans = lambda t: [(c.row, c.col, c.row_span, c.col_span) for c in t.cells]  # noqa: E731
    assert spans(table) == spans(expected)
    same = sum(a.text.replace("\n", "") == b.text.replace("\n", "") for a, b in zip(table.cells, expected.cells))
    assert same >= 0.9 * len(expected.cells)
    assert all(cell.confidence is not None for cell in table.cells if cell.text)


def test_jpeg_without_resolution_is_sized_as_a4(tmp_path: Path) -> None:
    """A photo-like JPEG at 200 dpi with no resolution stated: the title still reads centred."""
    [page] = render_pages(NOTICES / "samples" / "linhai-2020.pdf", dpi=200, pages=[0])
    path = tmp_path / "notice.jpg"
    page.save(path, quality=90)
    document = read_document(path)
    paragraphs = list(document.paragraphs())
    assert paragraphs[0].align is not None and paragraphs[0].align.value == "center"
    assert "臨海市人民政府辦公室" in paragraphs[0].text
    assert all(p.confidence is not None and p.confidence > 0.5 for p in paragraphs)


def test_blank_image_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.png"
    Image.new("RGB", (1240, 1754), "white").save(path)
    with pytest.raises(ReaderError, match="no text was recognised"):
        read_document(path)


def test_truncated_image_is_an_error(tmp_path: Path) -> None:
    [page] = render_pages(NOTICES / "samples" / "linhai-2020.pdf", pages=[0])
    whole = tmp_path / "whole.png"
    page.save(whole)
    path = tmp_path / "cut.png"
    path.write_bytes(whole.read_bytes()[:5000])
    with pytest.raises(ReaderError, match="damaged or truncated image"):
        read_document(path)


def test_image_without_the_ocr_extra_says_how_to_install_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("extractors.readers.ocr.ocr_available", lambda: False)
    path = tmp_path / "scan.tif"
    Image.new("L", (100, 100), 255).save(path)
    with pytest.raises(ReaderError, match=r"pip install 'notice-tasks\[ocr\]'"):
        image_reader.read_image(path)


def test_tiff_with_more_pages_than_the_limit_is_refused(tmp_path: Path) -> None:
    from extractors.readers.limits import Limits

    path = tmp_path / "scan.tif"
    frames = [Image.new("L", (60, 80), 255) for _ in range(3)]
    frames[0].save(path, save_all=True, append_images=frames[1:])
    with pytest.raises(ReaderError, match="3 pages, above limits.max_pages = 2"):
        read_document(path, Limits(max_pages=2))


# ---------------------------------------------------------------------------------------
# Ruling lines and glyphs, on drawn images and hand-made lines (no OCR model involved).


def test_rulings_make_a_grid_with_a_merged_cell() -> None:
    """
    +--------+--------+--------+
    | a      | b      | c      |
    +--------+--------+--------+
    | d      | e               |      e spans two columns: no rule between them
    +--------+                 +
    | f      |                 |      and two rows: no rule below it
    +--------+--------+--------+
    """
    image = Image.new("L", (900, 500), 255)
    draw = ImageDraw.Draw(image)
    xs, ys = [100, 350, 600, 850], [100, 200, 300, 400]
    for y in ys:
        draw.line([(xs[0], y), (xs[-1], y)], fill=0, width=2)
    for x in xs:
        draw.line([(x, ys[0]), (x, ys[-1])], fill=0, width=2)
    draw.rectangle([352, 202, 848, 398], fill=255)  # erase the rules inside e
    draw.text((120, 140), "一二三", fill=0)  # text is never a rule
    [table] = rulings_to_tables(find_rulings(np.asarray(image), 150.0), page_number=1)
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert [(c.row, c.col, c.row_span, c.col_span) for c in table.cells] == [
        (0, 0, 1, 1), (0, 1, 1, 1), (0, 2, 1, 1), (1, 0, 1, 1), (1, 1, 2, 2), (2, 0, 1, 1),
    ]  # fmt: skip


def test_a_single_box_is_a_frame_not_a_table() -> None:
    image = Image.new("L", (900, 500), 255)
    ImageDraw.Draw(image).rectangle([100, 100, 800, 400], outline=0, width=2)
    assert rulings_to_tables(find_rulings(np.asarray(image), 150.0), page_number=1) == []


def _line(text: str, x0: float, top: float, x1: float, bottom: float, score: float = 0.99) -> OcrLine:
    return OcrLine(text, x0, top, x1, bottom, score)


def test_sizes_of_one_font_snap_to_one_value() -> None:
    """Three 16 pt lines read with noise, one short line sized from its height, one title."""
    lines = [
        _line("各县区政府要建立健全常态化政策评价机制", 100, 100, 100 + 19 * 33.5, 135),
        _line("选取本单位重点政策，围绕执行标准、适用范围", 100, 160, 100 + 21 * 32.0, 196),
        _line("开展实施效果评价，全面掌握政策落地情况。", 100, 220, 100 + 20 * 33.0, 254),
        _line("全年", 100, 280, 166, 315),
        _line("关于印发工作要点的通知", 200, 20, 200 + 11 * 46.0, 70),
    ]
    sizes = snap_sizes(lines)
    assert sizes[0] == sizes[1] == sizes[2] == sizes[3]
    assert sizes[4] > 1.3 * sizes[0]


def test_glyphs_of_a_line_read_back_as_the_line() -> None:
    lines = [_line("2023年6月底前完成", 100, 100, 100 + 6 * 33 + 5 * 16.5, 135, score=0.72)]
    [line] = glyphs_to_lines(lines_to_glyphs(lines, 72 / 150), page=1)
    assert line.text == "2023年6月底前完成"
    assert line.confidence == pytest.approx(0.72)
    assert line.size == pytest.approx(33 * 72 / 150, rel=0.05)


@pytest.mark.parametrize("angle", [0.0, 0.8, -2.5])
def test_skew_of_a_page_is_measured(angle: float) -> None:
    [page] = render_pages(NOTICES / "samples" / "linyi-2023.pdf", pages=[4])
    gray = np.asarray(page.convert("L"))
    turned = _rotate(gray, angle) if angle else gray
    assert skew_angle(turned) == pytest.approx(-angle, abs=0.15)


@pytest.mark.parametrize(("read", "fixed"), [("一12一", "—12—"), ("-3-", "—3—"), ("一、总体要求", "一、总体要求"), ("12", "12")])
def test_dashes_of_a_page_number_read_as_one_are_dashes(read: str, fixed: str) -> None:
    assert _fix_page_number(read) == fixed


def test_ocr_models_ship_inside_the_package_and_load_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing is downloaded at run time: with every connection refused, a fresh engine loads
    the models from the wheel and reads a title."""
    import socket

    import rapidocr

    from extractors.readers.ocr import _engine, recognise
    from extractors.readers.ocr_install import MODELS

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    package = Path(rapidocr.__file__).resolve().parent
    assert all((package / "models" / name).is_file() for name in MODELS.values())
    [page] = render_pages(NOTICES / "samples" / "linhai-2020.pdf", pages=[0])
    title = np.asarray(page)[150:400, :, ::-1].copy()  # the title lines, as BGR
    _engine.cache_clear()
    try:
        lines = recognise(title)
    finally:
        _engine.cache_clear()
    assert "印發" in "".join(line.text for line in lines)


def test_paragraph_confidence_is_the_lowest_of_its_lines() -> None:
    lines = [
        _line("（一）完善政务公开事项标准目录。对照试点领域标准指引和", 100, 100, 100 + 27 * 33, 135, 0.98),
        _line("四级政府信息主动公开基本目录进行梳理。", 34, 160, 34 + 19 * 33, 195, 0.71),
    ]
    glyphs = lines_to_glyphs(lines, 72 / 150)
    content = pdf_reader.PageContent(page=1, width=595, height=842, lines=tuple(glyphs_to_lines(glyphs, 1)), has_text=True)
    document = pdf_reader.pages_to_document([content])
    [paragraph] = [b for b in document.blocks if isinstance(b, Paragraph)]
    assert paragraph.confidence == pytest.approx(0.71)
    assert not any(isinstance(b, Table) for b in document.blocks)
