"""The zip container that .docx and .xlsx share: opening it safely, or saying why not."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from extractors.readers.errors import ReaderError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office keeps a password-protected .docx/.xlsx as an OLE container holding this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_OLE_SCAN_BYTES = 8 * 1024 * 1024
# The parts of a notice are a few megabytes; a zip claiming more than this is a zip bomb.
MAX_UNPACKED_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class OfficeKind:
    """What one Office format calls things, for its error messages."""

    suffix: str  # .docx
    a_suffix: str  # a .docx
    noun: str  # Word document
    a_noun: str  # a Word document
    application: str  # Word
    main_part: str  # word/document.xml
    legacy: str  # a legacy Word 97-2003 (.doc) file


WORD = OfficeKind(".docx", "a .docx", "Word document", "a Word document", "Word", "word/document.xml", "a legacy Word 97-2003 (.doc) file")
EXCEL = OfficeKind(".xlsx", "an .xlsx", "Excel workbook", "an Excel workbook", "Excel", "xl/workbook.xml", "a legacy Excel 97-2003 (.xls) file")
_OTHER_MAIN_PARTS = {WORD.main_part: WORD.a_noun, EXCEL.main_part: EXCEL.a_noun}


def is_encrypted_ole(path: Path) -> bool:
    """Whether an OLE file is a password-protected .docx/.xlsx rather than a legacy .doc/.xls."""
    with path.open("rb") as handle:
        return _ENCRYPTED_STREAM in handle.read(_OLE_SCAN_BYTES)


def _ole_reason(path: Path, kind: OfficeKind) -> str:
    try:
        encrypted = is_encrypted_ole(path)
    except OSError as error:
        return f"cannot read the file ({error.strerror or error})"
    if encrypted:
        return f"password-protected (encrypted) {kind.noun}; remove the password in {kind.application} and save again"
    return f"{kind.legacy}; save it as {kind.suffix} to read it"


def open_container(path: Path, kind: OfficeKind) -> zipfile.ZipFile:
    """The open zip of a .docx/.xlsx, checked to hold ``kind``'s main part and no zip bomb.

    Raises ``ReaderError`` for a legacy or encrypted OLE file, a non-zip, a damaged zip, the
    other Office format, or a container that would unpack to more than 512 MB.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(len(OLE_MAGIC))
    except OSError as error:
        raise ReaderError(path, f"cannot open the file ({error.strerror or error})") from error
    if head.startswith(OLE_MAGIC):
        raise ReaderError(path, _ole_reason(path, kind))
    if not head.startswith(b"PK"):
        raise ReaderError(path, f"not {kind.a_suffix}: {kind.a_noun} is a zip container and this file is not one")
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
        raise ReaderError(
            path, f"not a readable {kind.suffix} file: the zip container is damaged or truncated ({error}); "
            f"re-download the file or re-save it in {kind.application}"
        ) from error
    infos = archive.infolist()
    names = {info.filename for info in infos}
    if kind.main_part not in names:
        archive.close()
        other = next((label for part, label in _OTHER_MAIN_PARTS.items() if part in names), "a zip archive")
        raise ReaderError(path, f"{other} without {kind.main_part}, not {kind.a_noun}")
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        archive.close()
        raise ReaderError(path, "the zip unpacks to more than 512 MB; refusing a possible zip bomb")
    return archive
