"""Format detection by magic bytes and markup first, the file suffix second."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest

from extractors.document import InputFormat
from extractors.readers.detect import detect_format
from extractors.readers.errors import ReaderError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def zip_bytes(*members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for member in members:
            archive.writestr(member, "<x/>")
    return buffer.getvalue()


DOCX = zip_bytes("word/document.xml")
XLSX = zip_bytes("xl/workbook.xml")
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"
HTML = "<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><p>一、总体要求</p></body></html>"
NOISE = random.Random(20230620).randbytes(4096)

FORMATS = [
    ("notice.docx", DOCX, InputFormat.DOCX, "docx"),
    ("notice.pdf", DOCX, InputFormat.DOCX, "docx-named-pdf"),
    ("table.txt", XLSX, InputFormat.XLSX, "xlsx-named-txt"),
    ("notice.pdf", PDF, InputFormat.PDF, "pdf"),
    ("notice.html", PDF, InputFormat.PDF, "pdf-named-html"),
    ("notice.txt", b"\r\n" + PDF, InputFormat.PDF, "pdf-after-a-blank-line"),
    ("notice.html", HTML.encode("utf-8"), InputFormat.HTML, "html"),
    ("notice.txt", HTML.encode("utf-8"), InputFormat.HTML, "html-markup-in-txt"),
    ("notice.txt", "<p>一、总体要求</p>".encode("gbk"), InputFormat.HTML, "html-fragment-in-gbk"),
    ("notice.html", "一、总体要求\n各部门要抓好落实。".encode("utf-8"), InputFormat.HTML, "html-suffix-without-markup"),
    ("notice.txt", "一、总体要求\n各部门要抓好落实。".encode("gbk"), InputFormat.TXT, "gbk-text"),
    ("notice.txt", "一、总体要求".encode("utf-16"), InputFormat.TXT, "utf-16-text-with-nuls"),
    ("notice.txt", "一、总体要求\r\n2024年3月1日\r\n".encode("utf-16-be"), InputFormat.TXT, "utf-16-be-text-without-a-bom"),
    ("notice", "一、总体要求".encode("utf-8"), InputFormat.TXT, "no-suffix"),
    ("notice.ofd", zip_bytes("OFD.xml"), InputFormat.OFD, "ofd"),
    ("scan.png", b"\x89PNG\r\n\x1a\n" + bytes(64), InputFormat.IMAGE, "png"),
    ("scan.pdf", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(64), InputFormat.IMAGE, "jpeg-named-pdf"),
    ("scan.tif", b"II*\x00" + bytes(64), InputFormat.IMAGE, "tiff-little-endian"),
    ("scan.tiff", b"MM\x00*" + bytes(64), InputFormat.IMAGE, "tiff-big-endian"),
    ("notice.doc", b"{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}", InputFormat.RTF, "rtf-named-doc"),
    ("notice.doc", HTML.encode("utf-8"), InputFormat.HTML, "html-saved-as-doc"),
]


@pytest.mark.parametrize(("name", "data", "expected"), [c[:3] for c in FORMATS], ids=[c[3] for c in FORMATS])
def test_detect_format_by_content_before_suffix(tmp_path: Path, name: str, data: bytes, expected: InputFormat) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert detect_format(path) is expected


UNREADABLE = [
    ("noise.html", NOISE, "binary", "binary-noise-named-html"),
    ("notice.doc", OLE_MAGIC + bytes(504), "damaged Office (OLE) file", "damaged-ole"),
    ("notice.wps", "一、总体要求".encode("utf-8"), "legacy", "wps-suffix"),
    ("notice.docx", b"PK\x03\x04 truncated", "damaged", "damaged-zip"),
    ("notice.zip", zip_bytes("readme.txt"), "neither", "zip-of-something-else"),
    ("notice.txt", b"", "empty", "empty"),
    ("notice.html", b" \r\n\t\n", "empty", "whitespace-only"),
]


@pytest.mark.parametrize(("name", "data", "reason"), [c[:3] for c in UNREADABLE], ids=[c[3] for c in UNREADABLE])
def test_unreadable_files_are_reader_errors(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReaderError) as error:
        detect_format(path)
    assert error.value.path == path
    assert reason in error.value.reason


def test_missing_file_is_a_reader_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError) as error:
        detect_format(tmp_path / "missing.pdf")
    assert "cannot open" in error.value.reason
