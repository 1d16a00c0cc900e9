"""The plain-text reader on small files in the encodings Chinese notices come in."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from extractors.document import InputFormat
from extractors.readers.errors import ReaderError
from extractors.readers.text import read_text

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
