"""Telling a file's format from its bytes first and its suffix second."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from extractors.document import InputFormat
from extractors.readers.errors import ReaderError
from extractors.readers.ooxml import OLE_MAGIC, is_encrypted_ole

_SNIFF_BYTES = 4096
_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_MARKUP = re.compile(
    rb"<\s*(!doctype\s+html|html|head|body|meta|div|p|table|title)[\s>/]", re.IGNORECASE
)
_SUFFIXES = {
    ".txt": InputFormat.TXT,
    ".text": InputFormat.TXT,
    ".htm": InputFormat.HTML,
    ".html": InputFormat.HTML,
    ".shtml": InputFormat.HTML,
    ".xhtml": InputFormat.HTML,
    ".docx": InputFormat.DOCX,
    ".pdf": InputFormat.PDF,
    ".xlsx": InputFormat.XLSX,
    ".xlsm": InputFormat.XLSX,
}
_LEGACY = {".doc", ".xls", ".wps", ".et", ".ofd", ".rtf"}


def _zip_format(path: Path) -> InputFormat:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except zipfile.BadZipFile as error:
        raise ReaderError(path, f"damaged zip container ({error}); re-save or re-download the file") from error
    if "word/document.xml" in names:
        return InputFormat.DOCX
    if "xl/workbook.xml" in names:
        return InputFormat.XLSX
    if "OFD.xml" in names:
        raise ReaderError(path, "OFD documents are not supported yet; convert it to PDF")
    raise ReaderError(path, "a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file")


def detect_format(path: Path) -> InputFormat:
    """The format of ``path``, judged by magic bytes and markup before the suffix.

    A DOCX named ``.pdf`` is read as DOCX; an unknown binary is a ``ReaderError``.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as error:
        raise ReaderError(path, f"cannot open the file ({error.strerror or error})") from error
    if not head.strip():
        raise ReaderError(path, "the file is empty")
    if head.startswith(_ZIP_MAGIC):
        return _zip_format(path)
    if head.lstrip().startswith(_PDF_MAGIC) or _PDF_MAGIC in head[:1024]:
        return InputFormat.PDF
    if head.startswith(OLE_MAGIC):
        if is_encrypted_ole(path):
            raise ReaderError(path, "a password-protected Office file; remove the password and save it again")
        raise ReaderError(
            path, "a legacy Office file (.doc/.xls/.wps); save it as .docx/.xlsx to read it"
        )
    suffix = path.suffix.lower()
    if suffix in _LEGACY:
        raise ReaderError(path, f"unsupported legacy format {suffix}")
    if _looks_binary(head):
        raise ReaderError(path, "binary content that is none of HTML, DOCX, PDF, XLSX or text")
    if _MARKUP.search(head):
        return InputFormat.HTML
    if suffix in _SUFFIXES and _SUFFIXES[suffix] is InputFormat.HTML:
        return InputFormat.HTML
    return InputFormat.TXT


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text carries NULs by design
    if b"\x00" in head:
        return True
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return control > len(head) * 0.05
