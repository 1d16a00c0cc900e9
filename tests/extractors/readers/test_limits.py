"""Limits on one file: each is checked by its reader before the expensive part, and breaking
one is a ``ReaderError`` naming the limit; crafted OOXML (DTDs, bombs) is refused up front."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from extractors.readers import read_document
from extractors.readers.errors import ReaderError
from extractors.readers.limits import Limits, limits_from_mapping
from extractors.readers.ooxml import WORD, open_container
from tests.conftest import NOTICES
from tests.hostile.corpus import _pdf_hello

SAMPLES = NOTICES / "samples"


def _copy_with(path: Path, source: Path, member: str, data: bytes) -> Path:
    with zipfile.ZipFile(source) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members[member] = data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return path


def test_limits_from_params_accept_numbers_and_name_bad_keys() -> None:
    assert limits_from_mapping({"max_pages": 20, "max_file_mb": 0.5}) == Limits(max_file_mb=0.5, max_pages=20)
    with pytest.raises(ValueError, match="max_page"):
        limits_from_mapping({"max_page": 20})
    for bad in (0, -1, "ten", True, None):
        with pytest.raises(ValueError, match="max_pages"):
            limits_from_mapping({"max_pages": bad})
    with pytest.raises(ValueError, match="whole number"):
        limits_from_mapping({"max_table_rows": 10.5})


def test_settings_name_the_key_of_a_bad_limit() -> None:
    from pipeline.settings import SettingsError, settings_from_params

    assert settings_from_params({"limits": {"max_pages": 3}}).limits.max_pages == 3
    with pytest.raises(SettingsError, match="limits: max_pages"):
        settings_from_params({"limits": {"max_pages": -3}})


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes("通知".encode() * 100_000)
    with pytest.raises(ReaderError, match="max_file_mb = 0.1"):
        read_document(path, Limits(max_file_mb=0.1))
    assert read_document(path, Limits(max_file_mb=1)).blocks


@pytest.mark.parametrize("name", ["linyi-2023.html", "linyi-2023.docx", "linyi-2023-table.xlsx", "linyi-2023.pdf"])
def test_a_table_over_the_row_limit_is_refused_in_every_format(name: str) -> None:
    with pytest.raises(ReaderError, match="max_table_rows"):
        read_document(SAMPLES / name, Limits(max_table_rows=5))


def test_a_pdf_over_the_page_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pages.pdf"
    _pdf_hello(4)(path, "")
    with pytest.raises(ReaderError, match="4 pages, above limits.max_pages = 3"):
        read_document(path, Limits(max_pages=3))
    read_document(path, Limits(max_pages=4))  # at the limit is within it


def test_an_office_file_over_the_unpacked_limit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="max_decompressed_mb = 0.5"):
        read_document(SAMPLES / "linhai-2020.docx", Limits(max_decompressed_mb=0.5))


def test_a_part_packed_implausibly_tight_is_refused(tmp_path: Path) -> None:
    path = _copy_with(tmp_path / "tight.docx", SAMPLES / "linhai-2020.docx", "word/webSettings.xml", b" " * (3 << 20))
    with pytest.raises(ReaderError, match="word/webSettings.xml packs .* zip bomb"):
        open_container(path, WORD, Limits())
    open_container(path, WORD, Limits(max_compression_ratio=10_000)).close()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
BODY = f"<w:document {W}><w:body><w:p><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>"
DTDS = {
    "doctype": '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "x">]>' + BODY,
    "after a BOM": "\ufeff<!DOCTYPE w:document SYSTEM 'http://127.0.0.1:9/x.dtd'>" + BODY,
    "after a comment": "<?xml version='1.0'?><!-- <w:p> --><!doctype w:document>" + BODY,
    "entity only": '<!ENTITY x SYSTEM "file:///etc/passwd">' + BODY,
    "endless comment": "<!--" + "x" * 70_000 + "-->" + BODY,
}


@pytest.mark.parametrize("case", DTDS, ids=list(DTDS))
def test_office_parts_declaring_a_dtd_are_refused(tmp_path: Path, case: str) -> None:
    path = _copy_with(tmp_path / "dtd.docx", SAMPLES / "linhai-2020.docx", "word/document.xml", DTDS[case].encode())
    with pytest.raises(ReaderError, match="DTD|entities"):
        read_document(path)


def test_a_dtd_in_utf16_is_refused(tmp_path: Path) -> None:
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document [<!ENTITY a "x">]>' + BODY).encode("utf-16")
    path = _copy_with(tmp_path / "utf16.docx", SAMPLES / "linhai-2020.docx", "word/document.xml", xml)
    with pytest.raises(ReaderError, match="DTD"):
        read_document(path)


def test_doctype_inside_text_is_not_a_dtd(tmp_path: Path) -> None:
    xml = f"<?xml version='1.0'?><w:document {W}><w:body><w:p><w:r><w:t>&lt;!DOCTYPE html&gt; 正文</w:t></w:r></w:p></w:body></w:document>"
    path = _copy_with(tmp_path / "text.docx", SAMPLES / "linhai-2020.docx", "word/document.xml", xml.encode())
    assert [p.text for p in read_document(path).paragraphs()] == ["<!DOCTYPE html> 正文"]


def test_a_workbook_named_docx_is_read_as_a_workbook(tmp_path: Path) -> None:
    path = tmp_path / "任务表.docx"
    path.write_bytes((SAMPLES / "linyi-2023-table.xlsx").read_bytes())
    assert read_document(path) == read_document(SAMPLES / "linyi-2023-table.xlsx")
