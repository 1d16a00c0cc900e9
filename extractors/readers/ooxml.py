"""The zip container that .docx and .xlsx share: opening it safely, or saying why not."""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from extractors.readers.errors import ReaderError
from extractors.readers.limits import DEFAULT_LIMITS, Limits, size_mb

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Office keeps a password-protected .docx/.xlsx as an OLE container holding this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_OLE_SCAN_BYTES = 8 * 1024 * 1024
# Parts this small are never a bomb whatever their ratio (an empty styles part packs 100:1).
_RATIO_MIN_BYTES = 1024 * 1024
# Office writes no DTD: a DOCTYPE or ENTITY in a part is a crafted file (billion laughs, XXE).
# The declaration must come before the root element, so the head of a part is enough.
_XML_HEAD_BYTES = 64 * 1024
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


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


def open_container(path: Path, kind: OfficeKind, limits: Limits = DEFAULT_LIMITS) -> zipfile.ZipFile:
    """The open zip of a .docx/.xlsx, checked to hold ``kind``'s main part and no zip bomb.

    Raises ``ReaderError`` for a legacy or encrypted OLE file, a non-zip, a damaged zip, the
    other Office format, a container that would unpack to more than
    ``limits.max_decompressed_mb`` or packs a large part implausibly tight, and XML parts that
    declare a DTD. Python's zipfile never unpacks more than a part's declared size, so checking
    the declared sizes bounds what python-docx and openpyxl will unpack.
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
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError, RuntimeError) as error:
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
    try:
        _check_unpacked_sizes(path, infos, kind, limits)
        _check_no_dtd(path, archive, infos, kind)
    except BaseException:
        archive.close()
        raise
    return archive


def _check_unpacked_sizes(path: Path, infos: list[zipfile.ZipInfo], kind: OfficeKind, limits: Limits) -> None:
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_decompressed_bytes:
        raise ReaderError(
            path,
            f"the {kind.suffix} zip unpacks to {size_mb(unpacked)}, above limits.max_decompressed_mb = "
            f"{limits.max_decompressed_mb:g} MB; refusing a possible zip bomb (raise the limit in params.yaml "
            "if the file is genuine)",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _RATIO_MIN_BYTES and ratio > limits.max_compression_ratio:
            raise ReaderError(
                path,
                f"part {info.filename} packs {size_mb(info.file_size)} into {size_mb(info.compress_size)} "
                f"(ratio {ratio:,.0f}, above limits.max_compression_ratio = {limits.max_compression_ratio:g}); "
                "refusing a possible zip bomb",
            )


def _as_utf8(head: bytes) -> bytes:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return head.removeprefix(b"\xef\xbb\xbf")


def _after_prolog(head: bytes) -> bytes:
    """What follows the XML declaration, processing instructions, comments and white space that
    open a part: its root element, or a DTD; an unterminated comment or instruction is returned
    as it stands. Only the prolog is read, not the whole head (a part's first 64 kB)."""
    position = 0
    while True:
        while position < len(head) and head[position] in _XML_SPACE:
            position += 1
        if head.startswith(b"<?", position):
            end = head.find(b"?>", position + 2)
        elif head.startswith(b"<!--", position):
            end = head.find(b"-->", position + 4)
        else:
            return head[position:]
        if end < 0:
            return head[position:]
        position = end + (2 if head[position + 1] == ord("?") else 3)


def _unfinished(rest: bytes) -> bool:
    return not rest or rest.startswith((b"<!--", b"<?"))


_XML_SPACE = frozenset(b" \t\r\n")
_FIRST_READ = 4096  # bytes: a part's prolog is a line; read on only when it is not over by then


def _check_no_dtd(path: Path, archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo], kind: OfficeKind) -> None:
    """Refuse XML parts that declare a DTD, before python-docx or openpyxl parse them."""
    for info in infos:
        if not info.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        try:
            with archive.open(info) as stream:
                head = stream.read(_FIRST_READ)
                if len(head) == _FIRST_READ and _unfinished(_after_prolog(_as_utf8(head))):
                    head += stream.read(_XML_HEAD_BYTES - _FIRST_READ)  # a long prolog: read on
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError, RuntimeError) as error:
            raise ReaderError(
                path, f"not a readable {kind.suffix} file: part {info.filename} is damaged ({error}); "
                f"re-download the file or re-save it in {kind.application}"
            ) from error
        prolog = _after_prolog(_as_utf8(head))
        # A prolog longer than the head (an unterminated comment) is as suspect as a DTD.
        if _DTD.match(prolog) or prolog.startswith((b"<!--", b"<?")):
            raise ReaderError(
                path,
                f"part {info.filename} declares an XML DTD or entities, which {kind.application} never writes; "
                "refusing a possibly crafted file (entity expansion, external entities)",
            )
