"""One reader per input format, chosen by the file's bytes; every reader returns a ``Document``.

A new format is one module and one line in ``READERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from extractors.document import Document, InputFormat
from extractors.readers.detect import detect_format
from extractors.readers.errors import ReaderError

Reader = Callable[[Path], Document]


def _text(path: Path) -> Document:
    from extractors.readers.text import read_text

    return read_text(path)


def _html(path: Path) -> Document:
    from extractors.readers.html import read_html

    return read_html(path)


def _docx(path: Path) -> Document:
    from extractors.readers.docx import read_docx

    return read_docx(path)


def _pdf(path: Path) -> Document:
    from extractors.readers.pdf import read_pdf

    return read_pdf(path)


def _xlsx(path: Path) -> Document:
    from extractors.readers.xlsx import read_xlsx

    return read_xlsx(path)


# Imported lazily: a text-only run never pays for pdfplumber or python-docx.
READERS: dict[InputFormat, Reader] = {
    InputFormat.TXT: _text,
    InputFormat.HTML: _html,
    InputFormat.DOCX: _docx,
    InputFormat.PDF: _pdf,
    InputFormat.XLSX: _xlsx,
}


def read_document(path: Path) -> Document:
    """Read any supported file into the document model, or raise ``ReaderError``."""
    if not path.is_file():
        raise ReaderError(path, "not a regular file")
    return READERS[detect_format(path)](path)


__all__ = ["READERS", "ReaderError", "detect_format", "read_document"]
