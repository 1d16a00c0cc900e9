"""One reader per input format, chosen by the file's bytes; every reader returns a ``Document``.

A new format is one module and one line in ``READERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractors.document import Document, InputFormat, Table
from extractors.readers.detect import detect_format
from extractors.readers.errors import ReaderError
from extractors.readers.limits import DEFAULT_LIMITS, Limits, check_file_size, check_table_rows

Reader = Callable[[Path, Limits], Document]


def _text(path: Path, limits: Limits) -> Document:
    from extractors.readers.text import read_text

    return read_text(path)


def _html(path: Path, limits: Limits) -> Document:
    from extractors.readers.html import read_html

    return read_html(path, limits=limits)


def _docx(path: Path, limits: Limits) -> Document:
    from extractors.readers.docx import read_docx

    return read_docx(path, limits=limits)


def _pdf(path: Path, limits: Limits) -> Document:
    from extractors.readers.pdf import read_pdf

    return read_pdf(path, limits=limits)


def _xlsx(path: Path, limits: Limits) -> Document:
    from extractors.readers.xlsx import read_xlsx

    return read_xlsx(path, limits=limits)


def _legacy(source: InputFormat) -> Reader:
    def read(path: Path, limits: Limits) -> Document:
        from extractors.readers.legacy import read_legacy

        return read_legacy(path, source, limits=limits)

    return read


def _xls(path: Path, limits: Limits) -> Document:
    from extractors.readers.xls import read_xls

    return read_xls(path, limits=limits)


def _ofd(path: Path, limits: Limits) -> Document:
    from extractors.readers.ofd import read_ofd

    return read_ofd(path, limits=limits)


def _image(path: Path, limits: Limits) -> Document:
    from extractors.readers.image import read_image

    return read_image(path, limits=limits)


# Imported lazily: a text-only run never pays for pdfplumber or python-docx.
READERS: dict[InputFormat, Reader] = {
    InputFormat.TXT: _text,
    InputFormat.HTML: _html,
    InputFormat.DOCX: _docx,
    InputFormat.PDF: _pdf,
    InputFormat.XLSX: _xlsx,
    InputFormat.DOC: _legacy(InputFormat.DOC),  # LibreOffice → .docx
    InputFormat.RTF: _legacy(InputFormat.RTF),
    InputFormat.WORKS: _legacy(InputFormat.WORKS),
    InputFormat.XLS: _xls,  # xlrd; LibreOffice only when xlrd fails
    InputFormat.OFD: _ofd,
    InputFormat.IMAGE: _image,  # OCR (the ocr extra)
}


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read any supported file into the document model, or raise ``ReaderError``.

    A file over ``limits.max_file_mb`` is refused before it is opened; each reader checks the
    limits of its format as early as it can (pages, unpacked size, rows), and every table is
    checked again here, whatever reader built it.
    """
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReaderError(path, f"cannot open the file ({error.strerror or error})") from error
    if not path.is_file():
        raise ReaderError(path, "not a regular file")
    check_file_size(path, size, limits)
    document = READERS[detect_format(path)](path, limits)
    for block in document.blocks:
        if isinstance(block, Table):
            check_table_rows(path, block.n_rows, limits)
    return document


def optional_tools() -> str:
    """Which optional readers this machine has ("ocr=1 libreoffice=0"): they change what a scan
    or a .doc gives, so a cached result made without them must not be served once they exist."""
    from extractors.readers.legacy import find_soffice
    from extractors.readers.ocr import ocr_available

    return f"ocr={int(ocr_available())} libreoffice={int(find_soffice() is not None)}"


__all__ = ["READERS", "Limits", "ReaderError", "detect_format", "optional_tools", "read_document"]
