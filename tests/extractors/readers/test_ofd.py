"""OFD notices (GB/T 33190): text and ruled tables read from the package XML.

The test packages are written here the way a PDF-to-OFD converter writes them: every printed
line a ``TextObject`` with per-glyph ``DeltaX`` advances, every ruling line a ``PathObject``,
millimetres throughout, pages listed in ``Document.xml`` and fonts in ``PublicRes.xml``.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pdfplumber
import pytest

from extractors.document import Align, InputFormat, Paragraph
from extractors.notice import ExtractionSettings
from extractors.readers import ReaderError, detect_format, read_document
from extractors.readers.ofd import _delta_x
from pipeline.evaluate import comparable, score_notice
from pipeline.extract import extract_file
from tests.conftest import GOLD, NOTICES

NS = "http://www.ofdspec.org/2016"
MM_PER_PT = 25.4 / 72


def _mm(value: float) -> str:
    return f"{value * MM_PER_PT:.3f}"


def ofd_package(target: Path, pages: list[str], size_mm: tuple[float, float] = (210.0, 297.0),
                doc_root: str | None = "Doc_0/Document.xml", bold_font: bool = True) -> Path:  # fmt: skip
    """Write an OFD zip whose pages have the given ``<ofd:Layer>`` contents."""
    page_refs = "".join(f'<ofd:Page ID="{i + 10}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(len(pages)))
    root = f"<ofd:DocRoot>{doc_root}</ofd:DocRoot>" if doc_root else ""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{NS}" Version="1.1" DocType="OFD">'
                         f"<ofd:DocBody><ofd:DocInfo><ofd:DocID>0a1b2c</ofd:DocID><ofd:Title>通知</ofd:Title></ofd:DocInfo>{root}"
                         "</ofd:DocBody></ofd:OFD>")  # fmt: skip
        archive.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{NS}">'
                         f"<ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 {size_mm[0]} {size_mm[1]}"
                         "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
                         f"<ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>")  # fmt: skip
        bold = ' Bold="true"' if bold_font else ""
        archive.writestr("Doc_0/PublicRes.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{NS}" BaseLoc="Res">'
                         '<ofd:Fonts><ofd:Font ID="1" FontName="宋体" FamilyName="宋体"/>'
                         f'<ofd:Font ID="2" FontName="黑体" FamilyName="黑体"{bold}/></ofd:Fonts></ofd:Res>')  # fmt: skip
        for i, layer in enumerate(pages):
            archive.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="{NS}">'
                             f'<ofd:Content><ofd:Layer ID="{i + 100}">{layer}</ofd:Layer></ofd:Content></ofd:Page>')  # fmt: skip
    return target


def text_object(text: str, x_mm: float, baseline_mm: float, size_mm: float, advances: list[float] | str, font: int = 1) -> str:
    """One printed line: its boundary box, and a TextCode placed on the baseline."""
    delta = advances if isinstance(advances, str) else " ".join(f"{a:.3f}" for a in advances)
    top = baseline_mm - size_mm
    return (f'<ofd:TextObject ID="1" Boundary="{x_mm:.3f} {top:.3f} 180 {size_mm * 1.2:.3f}" Font="{font}" Size="{size_mm:.3f}">'
            f'<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="{size_mm:.3f}" DeltaX="{delta}">{escape(text)}</ofd:TextCode>'
            "</ofd:TextObject>")  # fmt: skip


def rule(x0_mm: float, top_mm: float, x1_mm: float, bottom_mm: float) -> str:
    width, height = max(x1_mm - x0_mm, 0.0), max(bottom_mm - top_mm, 0.0)
    return (f'<ofd:PathObject ID="2" Boundary="{x0_mm:.3f} {top_mm:.3f} {max(width, 0.3):.3f} {max(height, 0.3):.3f}" LineWidth="0.25">'
            f"<ofd:AbbreviatedData>M 0 0 L {width:.3f} {height:.3f}</ofd:AbbreviatedData></ofd:PathObject>")  # fmt: skip


def pdf_to_ofd(pdf: Path, target: Path) -> Path:
    """The PDF's lines of text and its ruling edges, page by page, as an OFD package."""
    pages = []
    with pdfplumber.open(pdf) as document:
        width, height = (float(v) * MM_PER_PT for v in (document.pages[0].width, document.pages[0].height))
        for page in document.pages:
            objects = []
            for line in page.extract_text_lines(return_chars=True, strip=True):
                chars = [c for c in line["chars"] if c["text"].strip()]
                if not chars:
                    continue
                x0 = chars[0]["x0"]
                baseline = page.height - chars[0]["matrix"][5]
                size = chars[0]["size"]
                advances = [(b["x0"] - a["x0"]) * MM_PER_PT for a, b in zip(chars, chars[1:])]
                text = "".join(c["text"] for c in chars)
                bold = "bold" in chars[0]["fontname"].lower()
                top = (baseline - size) * MM_PER_PT
                objects.append(
                    f'<ofd:TextObject ID="1" Boundary="{_mm(x0)} {top:.3f} {_mm(page.width - x0)} {_mm(size * 1.3)}" '
                    f'Font="{2 if bold else 1}" Size="{_mm(size)}"><ofd:TextCode X="0" Y="{_mm(size)}" '
                    f'DeltaX="{" ".join(f"{a:.3f}" for a in advances)}">{escape(text)}</ofd:TextCode></ofd:TextObject>'
                )
            for edge in page.edges:
                objects.append(rule(*(float(edge[k]) * MM_PER_PT for k in ("x0", "top", "x1", "bottom"))))
            pages.append("".join(objects))
    return ofd_package(target, pages, (width, height))


def test_ofd_of_a_sample_pdf_gives_its_tasks(tmp_path: Path) -> None:
    """linhai-2020 as OFD: title, paragraphs across pages, and both ruled tables (one continued
    over two pages) read as from the PDF, and scored against gold."""
    path = pdf_to_ofd(NOTICES / "samples" / "linhai-2020.pdf", tmp_path / "linhai-2020.ofd")
    assert detect_format(path) is InputFormat.OFD
    result = extract_file(path, tmp_path, ExtractionSettings())
    assert result.notice is not None, result.message
    assert result.notice["source"]["format"] == "ofd"
    gold = json.loads((GOLD / "001_071c6a9f0edf7a19.json").read_text(encoding="utf-8"))
    score = score_notice(result.notice["tasks"], gold["tasks"]).as_dict()
    assert score["tasks"]["f1"] >= 0.95 and score["units"]["f1"] >= 0.90, score
    assert result.notice["title"] == gold["notice"]["title"]
    pdf = extract_file(NOTICES / "samples" / "linhai-2020.pdf", NOTICES, ExtractionSettings()).notice
    assert pdf is not None
    assert [comparable(t["requirement"]) for t in result.notice["tasks"]] == [comparable(t["requirement"]) for t in pdf["tasks"]]
    assert "ocr_confidence" not in result.notice["tasks"][0]


def test_ofd_text_objects_become_paragraphs(tmp_path: Path) -> None:
    """A centred title, then paragraphs of 16 pt text (5.6 mm): one wrapped at the column's end."""
    em = 5.6
    body = [
        ("关于做好政务公开工作的通知", 67.0, 40.0),  # centred on the 28-character column 25–181.8 mm
        ("各县区人民政府，市政府各部门：", 25.0, 60.0),
        ("为深入贯彻落实政务公开工作要求，进一步提高政府透明度", 36.2, 70.0),
        ("和公信力，现就有关事项通知如下。", 25.0, 80.0),
        ("一、加强组织领导", 36.2, 90.0),
    ]
    layer = "".join(text_object(t, x, y, em, f"g {len(t) - 1} {em}") for t, x, y in body)
    path = ofd_package(tmp_path / "notice.ofd", [layer])
    document = read_document(path)
    texts = [p.text for p in document.paragraphs()]
    assert texts == [
        "关于做好政务公开工作的通知",
        "各县区人民政府，市政府各部门：",
        "为深入贯彻落实政务公开工作要求，进一步提高政府透明度和公信力，现就有关事项通知如下。",
        "一、加强组织领导",
    ]
    assert isinstance(document.blocks[0], Paragraph) and document.blocks[0].align is Align.CENTER


@pytest.mark.parametrize(("delta", "expected"), [("g 3 4.2", [4.2, 4.2, 4.2]), ("1 g 2 3.5 2", [1.0, 3.5, 3.5, 2.0]), ("", []), ("x 2", [2.0])])
def test_delta_x_run_length_form(delta: str, expected: list[float]) -> None:
    assert _delta_x(delta) == expected


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (lambda p: ofd_package(p, [text_object("一、总体要求", 30, 40, 5.6, "")], doc_root=None), "names no document"),
        (lambda p: ofd_package(p, [text_object("一、总体要求", 30, 40, 5.6, "")], doc_root="Doc_1/Document.xml"), "lacks its part Doc_1/Document.xml"),
        (lambda p: ofd_package(p, [rule(20, 20, 190, 20)]), "holds no text"),
        (lambda p: ofd_package(p, ["<ofd:TextObject"]), "damaged OFD part"),
        (lambda p: ofd_package(p, []), "has no pages"),
    ],
    ids=["no-doc-root", "missing-document", "no-text", "broken-xml", "no-pages"],
)
def test_bad_ofd_is_a_reader_error(tmp_path: Path, build: object, reason: str) -> None:
    path = build(tmp_path / "bad.ofd")  # type: ignore[operator]
    with pytest.raises(ReaderError, match=reason):
        read_document(path)
