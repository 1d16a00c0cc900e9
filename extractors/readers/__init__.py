"""One reader per input format, chosen by the file's bytes; every reader returns a ``Document``.

A new format is one module and one line in ``READERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from extractors.document import Document, InputFormat, Table
from extractors.readers.detect import detect_format
from extractors.readers.errors import ReaderError
from extractors.readers.limits import DEFAULT_LIMITS, Limits, check_file_size, check_table_rows

Reader = Callable[[Path, Limits], Document]


def _lazy(module: str, function: str, *args: object, limits: bool = True) -> Reader:
    """The reader ``extractors.readers.<module>.<function>``, imported on its first file."""

    def read(path: Path, file_limits: Limits) -> Document:
        reader = getattr(import_module(f"extractors.readers.{module}"), function)
        return reader(path, *args, limits=file_limits) if limits else reader(path, *args)

    return read


# Imported lazily: a text-only run never pays for pdfplumber or python-docx.
READERS: dict[InputFormat, Reader] = {
    InputFormat.TXT: _lazy("text", "read_text", limits=False),
    InputFormat.HTML: _lazy("html", "read_html"),
    InputFormat.DOCX: _lazy("docx", "read_docx"),
    InputFormat.PDF: _lazy("pdf", "read_pdf"),
    InputFormat.XLSX: _lazy("xlsx", "read_xlsx"),
    InputFormat.DOC: _lazy("legacy", "read_legacy", InputFormat.DOC),  # LibreOffice → .docx
    InputFormat.RTF: _lazy("legacy", "read_legacy", InputFormat.RTF),
    InputFormat.WORKS: _lazy("legacy", "read_legacy", InputFormat.WORKS),
    InputFormat.XLS: _lazy("xls", "read_xls"),  # xlrd; LibreOffice only when xlrd fails
    InputFormat.OFD: _lazy("ofd", "read_ofd"),
    InputFormat.IMAGE: _lazy("image", "read_image"),  # OCR (the ocr extra)
}


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS, document_format: InputFormat | None = None) -> Document:
    """Read any supported file into the document model, or raise ``ReaderError``.

    A file over ``limits.max_file_mb`` is refused before it is opened; each reader checks the
    limits of its format as early as it can (pages, unpacked size, rows), and every table is
    checked again here, whatever reader built it. ``document_format``: the file's format when
    the caller already ran ``detect_format`` (it reads the file's head, and a zip's directory).
    """
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ReaderError(path, f"cannot open the file ({error.strerror or error})") from error
    if not path.is_file():
        raise ReaderError(path, "not a regular file")
    check_file_size(path, size, limits)
    document = READERS[document_format or detect_format(path)](path, limits)
    for block in document.blocks:
        if isinstance(block, Table):
            check_table_rows(path, block.n_rows, limits)
    return document


def optional_tools() -> str:
    """Which optional readers this machine has ("ocr=1 libreoffice=0"): they change what a scan
    or a .doc gives, so a cached result made without them must not be served once they exist."""
    from extractors.readers.legacy import find_soffice
    from extractors.readers.ocr_install import ocr_available

    return f"ocr={int(ocr_available())} libreoffice={int(find_soffice() is not None)}"


__all__ = ["READERS", "Limits", "ReaderError", "detect_format", "optional_tools", "read_document"]
