"""Telling a file's format from its bytes first and its suffix second."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from extractors.document import InputFormat
from extractors.readers.encoding import bomless_utf16
from extractors.readers.errors import ReaderError
from extractors.readers.legacy import ole_format
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
_RTF_MAGIC = b"{\\rtf"
# Scans: PNG, JPEG (any JFIF/EXIF variant), TIFF in either byte order.
_IMAGE_MAGICS = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def _zip_format(path: Path) -> InputFormat:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    # A crafted central directory raises more than BadZipFile (an unknown zip version: NotImplementedError).
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as error:
        raise ReaderError(path, f"damaged zip container ({error}); re-save or re-download the file") from error
    if "word/document.xml" in names:
        return InputFormat.DOCX
    if "xl/workbook.xml" in names:
        return InputFormat.XLSX
    if "OFD.xml" in names or "/OFD.xml" in names:
        return InputFormat.OFD
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
        raise ReaderError(path, "the file is empty; re-download it, or remove it from the corpus")
    if head.startswith(_ZIP_MAGIC):
        return _zip_format(path)
    if head.lstrip().startswith(_PDF_MAGIC) or _PDF_MAGIC in head[:1024]:
        return InputFormat.PDF
    if head.startswith(OLE_MAGIC):
        if is_encrypted_ole(path):
            raise ReaderError(path, "a password-protected Office file; remove the password and save it again")
        return ole_format(path)  # .doc, .xls, Kingsoft .wps/.et, Works .wps: told by their streams
    if head.startswith(_IMAGE_MAGICS):
        return InputFormat.IMAGE
    if head.lstrip().startswith(_RTF_MAGIC):
        return InputFormat.RTF
    suffix = path.suffix.lower()
    # Word saves web pages as .doc too: markup is read as HTML whatever the name.
    if suffix in _LEGACY and not _MARKUP.search(head):
        raise ReaderError(
            path, f"named {suffix}, a legacy format, but its bytes are not one (no Word, Excel, WPS, RTF or OFD "
            "signature); check the file"
        )
    if _looks_binary(head):
        raise ReaderError(
            path,
            "binary content that is none of HTML, DOCX, PDF, XLSX or text; check that it is a notice, "
            "or convert it to one of these formats",
        )
    if _MARKUP.search(head):
        return InputFormat.HTML
    if suffix in _SUFFIXES and _SUFFIXES[suffix] is InputFormat.HTML:
        return InputFormat.HTML
    return InputFormat.TXT


_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32)])


def _looks_binary(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or bomless_utf16(head):
        return False  # UTF-16 text carries NULs by design
    if b"\x00" in head:
        return True
    control = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return control > len(head) * 0.05
