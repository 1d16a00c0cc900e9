"""PDF notices: paragraphs and ruled tables in reading order, from the PDF's text layer.

pdfplumber (pdfminer) is the careful path and the reference: it is the only one that finds
tables. It is also slow (about 17 pages/s), so a page that PDFium shows to have no ruling
lines that could form a table takes a fast path: PDFium's glyphs, fed to the same line and
paragraph code. Only glyph codes and positions are taken from PDFium, never its text order,
and a test checks that both paths give the same document for the sample PDFs.

Scanned pages (no text layer) are read by OCR (``ocr.py``) from a rendering of the page when the
``ocr`` extra is installed, and reported otherwise; encrypted and broken files raise
``ReaderError``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pdfplumber
import pypdfium2 as pdfium
from pdfminer.pdfdocument import PDFEncryptionError
from pdfplumber.utils.exceptions import PdfminerException

from extractors.document import Block, Document, InputFormat
from extractors.readers.errors import ReaderError
from extractors.readers.ocr_install import INSTALL_HINT, ocr_available
from extractors.readers.limits import DEFAULT_LIMITS, Limits
from extractors.readers.pdf_borderless import find_borderless_table
from extractors.readers.pdf_glyphs import (
    Glyph,
    PageProbe,
    pdfium_glyphs,
    plumber_glyphs,
    probe_page,
)
from extractors.readers.pdf_tables import (
    DraftTable,
    draft_to_table,
    fill_tables,
    find_page_tables,
    stitch_tables,
)
from extractors.readers.pdf_text import (
    Line,
    PageLines,
    drop_page_furniture,
    estimate_columns,
    glyphs_to_lines,
    lines_to_paragraphs,
    typical_pitches,
)

logger = logging.getLogger(__name__)

# PDFium and pdfminer keep every object they have parsed until the document is closed;
# reopening the file every so many pages keeps memory flat on long files.
REOPEN_EVERY = 100


@dataclass(slots=True)
class PageContent:
    """What one page yielded: its lines outside tables, its tables, and what went wrong."""

    page: int
    width: float
    height: float
    lines: tuple[Line, ...] = ()
    tables: list[DraftTable] = field(default_factory=list)
    has_text: bool = False
    has_graphics: bool = False
    unmapped: int = 0
    error: str | None = None
    ocr: bool = False  # the text was recognised from the page's image
    columns: tuple[float, ...] | None = None  # a borderless table's columns, going on to the next page


def read_pdf(path: Path, *, fast_text: bool = True, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a PDF notice into paragraphs and tables, or raise ``ReaderError``.

    ``fast_text=False`` reads every page with pdfplumber, the reference the fast path is
    tested against. A PDF of more than ``limits.max_pages`` pages is refused before any page
    is read.
    """
    pages = list(_read_pages(path, fast_text, limits.max_pages))
    if all(page.error for page in pages):
        raise ReaderError(path, f"broken PDF: no page could be read ({pages[0].error}); re-download it or find another copy")
    return pages_to_document(pages)


# ---------------------------------------------------------------------------------------
# Opening the file and reading pages.


def _read_pages(path: Path, fast_text: bool, max_pages: int) -> Iterator[PageContent]:
    """Every page in order, the file reopened every ``REOPEN_EVERY`` pages."""
    start = 0
    columns: tuple[float, ...] | None = None  # of a borderless table that may go on
    while True:
        with ExitStack() as stack:
            plumber_pdf = _open_plumber(path)
            stack.callback(_close_plumber, plumber_pdf)
            pdfium_pdf = _open_pdfium(path)
            if pdfium_pdf is not None:
                stack.callback(pdfium_pdf.close)
                # PDFium counts pages without building them; pdfplumber builds every page object.
                _check_pages(path, len(pdfium_pdf), max_pages)
            try:
                plumber_pages = plumber_pdf.pages
            except Exception as error:  # pdfminer raises anything on a broken page tree
                reason = f"broken PDF: cannot read its page tree ({error}); re-download it or find another copy"
                raise ReaderError(path, reason) from error
            if not plumber_pages:
                raise ReaderError(path, "the PDF has no pages")
            _check_pages(path, len(plumber_pages), max_pages)
            for index in range(start, min(start + REOPEN_EVERY, len(plumber_pages))):
                plumber_page = plumber_pages[index]
                pdfium_page = _pdfium_page(pdfium_pdf, index)
                try:
                    content = _read_page(index + 1, plumber_page, pdfium_page, fast_text, columns)
                    columns = content.columns
                    yield content
                finally:
                    plumber_page.close()
                    if pdfium_page is not None:
                        pdfium_page.close()
            start += REOPEN_EVERY
            if start >= len(plumber_pages):
                return


def _check_pages(path: Path, pages: int, max_pages: int) -> None:
    if pages > max_pages:
        raise ReaderError(
            path,
            f"the PDF has {pages:,} pages, above limits.max_pages = {max_pages:,}; a notice is never "
            "that long: check it is the right file, or raise the limit in params.yaml",
        )


def _open_plumber(path: Path) -> Any:
    """pdfplumber's PDF, with pdfminer's reasons for refusing it turned into ReaderError."""
    try:
        return pdfplumber.open(path)
    except PdfminerException as wrapped:
        cause = wrapped.args[0] if wrapped.args else wrapped
        if isinstance(cause, PDFEncryptionError):
            raise ReaderError(
                path, "encrypted PDF: it needs a password to open; save a copy without the password and add that"
            ) from wrapped
        reason = str(cause) or type(cause).__name__
        raise ReaderError(path, f"broken or truncated PDF ({reason}); re-download it or find another copy") from wrapped
    except OSError as error:
        raise ReaderError(path, f"cannot read the file ({error.strerror or error})") from error


def _close_plumber(plumber_pdf: Any) -> None:
    """Close even a PDF whose page tree is broken: pdfplumber's close() walks the pages."""
    try:
        plumber_pdf.close()
    except Exception:  # the same error the page tree raised while reading
        plumber_pdf.stream.close()


def _open_pdfium(path: Path) -> pdfium.PdfDocument | None:
    """PDFium's view of the same file, for probing pages; None when it will not open it."""
    try:
        return pdfium.PdfDocument(path)
    except pdfium.PdfiumError as error:
        logger.info("%s: PDFium cannot open it (%s); pdfplumber reads every page", path, error)
        return None


def _pdfium_page(document: pdfium.PdfDocument | None, index: int) -> pdfium.PdfPage | None:
    if document is None or index >= len(document):
        return None
    try:
        return document[index]
    except pdfium.PdfiumError:
        return None


def _read_page(
    number: int, plumber_page: Any, pdfium_page: pdfium.PdfPage | None, fast_text: bool,
    columns: tuple[float, ...] | None = None,
) -> PageContent:
    """One page: by PDFium when it cannot hold a ruled table, else by pdfplumber; a page without
    a ruled table may hold a borderless one (``pdf_borderless``), ``columns`` its columns from the
    page before."""
    content = PageContent(page=number, width=plumber_page.width, height=plumber_page.height)
    probe = _probe(pdfium_page)
    glyphs: list[Glyph] | None = None
    tables: list[DraftTable] = []
    try:
        if fast_text and pdfium_page is not None and probe and _fast_path_fits(probe):
            glyphs = _fast_glyphs(pdfium_page)
        if glyphs is None:
            glyphs, content.unmapped = plumber_glyphs(plumber_page.chars)
            if glyphs and (probe is None or probe.may_have_table or not fast_text):
                tables = find_page_tables(plumber_page, number)
        content.has_graphics = probe.has_graphics if probe else _plumber_graphics(plumber_page)
    except Exception as error:  # pdfminer raises anything on a broken content stream
        logger.warning("page %d: cannot be read (%s)", number, error)
        content.error = f"{type(error).__name__}: {error}"
        return content
    if not tables and glyphs:
        borderless, content.columns = find_borderless_table(glyphs, number, columns)
        tables = [borderless] if borderless is not None else []
    _set_text(content, glyphs, tables)
    if not content.has_text and content.has_graphics and pdfium_page is not None and ocr_available():
        _ocr_page(content, pdfium_page)
    return content


def _ocr_page(content: PageContent, pdfium_page: pdfium.PdfPage) -> None:
    """Read a page without a text layer (a scan, or text turned into outlines) by OCR."""
    from extractors.readers.ocr import OCR_DPI, ocr_page

    try:
        bitmap = pdfium_page.render(scale=OCR_DPI / 72)
    except pdfium.PdfiumError as error:
        logger.warning("page %d: cannot be rendered for OCR (%s)", content.page, error)
        return
    image = np.asarray(bitmap.to_pil().convert("RGB"))
    page = ocr_page(image, OCR_DPI, content.page)
    content.ocr = True
    _set_text(content, page.glyphs, page.tables)


def _fast_path_fits(probe: PageProbe) -> bool:
    """No table can be on the page, and PDFium's coordinates are pdfplumber's: an unrotated
    page without a crop box."""
    return probe.upright and not probe.may_have_table


def _fast_glyphs(pdfium_page: pdfium.PdfPage) -> list[Glyph] | None:
    """PDFium's glyphs, or None to send the page down the careful path."""
    try:
        return pdfium_glyphs(pdfium_page)
    except pdfium.PdfiumError:
        return None


def _plumber_graphics(plumber_page: Any) -> bool:
    page = plumber_page
    return bool(page.images or page.curves or page.rects or page.lines)


def _probe(pdfium_page: pdfium.PdfPage | None) -> PageProbe | None:
    if pdfium_page is None:
        return None
    try:
        return probe_page(pdfium_page)
    except pdfium.PdfiumError:
        return None


def _set_text(content: PageContent, glyphs: list[Glyph], tables: list[DraftTable]) -> None:
    content.has_text = any(glyph.text.strip() for glyph in glyphs)
    outside = fill_tables(tables, glyphs) if tables else glyphs
    content.tables = [table for table in tables if any(cell.text for cell in table.cells)]
    content.lines = tuple(glyphs_to_lines(outside, content.page))


# ---------------------------------------------------------------------------------------
# From pages to the document.


def pages_to_document(pages: Sequence[PageContent]) -> Document:
    """Lay the pages out as one flow: drop page furniture, join paragraphs across page ends,
    stitch tables continued on the next page, and report what could not be read."""
    layout = drop_page_furniture(
        [
            PageLines(
                page=page.page,
                width=page.width,
                height=page.height,
                lines=page.lines,
                table_spans=tuple((t.bbox[0], t.bbox[2]) for t in page.tables),
            )
            for page in pages
        ]
    )
    columns = estimate_columns(layout)
    pitches = typical_pitches(layout)
    blocks: list[Block | DraftTable] = []
    run: list[Line] = []
    continuable: DraftTable | None = None
    for page, laid in zip(pages, layout):
        # a page set in two columns is read column by column, each from the top
        split = column_split(page.tables)
        placed = sorted(
            ((0 if split is None else int(_left(item) >= split - 1), item) for item in [*laid.lines, *page.tables]),
            key=lambda placed_item: (placed_item[0], placed_item[1].top),
        )
        items: list[Line | DraftTable] = [item for _, item in placed]
        margin = _margin_lines(items)
        opened = False  # the page (or its column) has shown something other than its margins
        column = 0
        for item_column, item in placed:
            if item_column != column:
                column, opened = item_column, False  # the top of a column, like the top of a page
            if isinstance(item, Line):
                run.append(item)
                if id(item) not in margin:
                    continuable, opened = None, True
                continue
            blocks.extend(lines_to_paragraphs(run, columns, pitches))
            run = []
            if not opened and continuable is not None and stitch_tables(continuable, _under(item, continuable)):
                opened = True
                continue
            blocks.append(item)
            continuable, opened = item, True
        if not items:
            continuable = None
    blocks.extend(lines_to_paragraphs(run, columns, pitches))
    return Document(
        blocks=tuple(draft_to_table(b) if isinstance(b, DraftTable) else b for b in blocks),
        format=InputFormat.PDF,
        warnings=_warnings(pages),
    )


def column_split(tables: Sequence[DraftTable]) -> float | None:
    """Where a page set in two columns splits: the left edge of a table that stands beside
    another (right of where it ends, overlapping it in height); None on a page of one column."""
    split = None
    for left in tables:
        for right in tables:
            beside = right.bbox[0] >= left.bbox[2] - 1 and right.bbox[1] < left.bbox[3] and left.bbox[1] < right.bbox[3]
            if right is not left and beside:
                split = right.bbox[0] if split is None else min(split, right.bbox[0])
    return split


def _left(item: Line | DraftTable) -> float:
    return item.x0 if isinstance(item, Line) else item.bbox[0]


def _under(part: DraftTable, first: DraftTable) -> DraftTable:
    """``part`` moved under ``first`` when it heads the next column of the same page, so that
    their column boundaries can be compared as a table's on the next page would be."""
    shift = first.bbox[0] - part.bbox[0]
    if part.page != first.page or abs(shift) <= 1:
        return part
    x0, top, x1, bottom = part.bbox
    return replace(part, col_xs=[x + shift for x in part.col_xs], bbox=(x0 + shift, top, x1 + shift, bottom))


def _margin_lines(items: Sequence[Line | DraftTable]) -> set[int]:
    """Ids of the lines above a table open at its top, or below one open at its bottom.

    An open row runs to the edge of the page's text area, so whatever is printed beyond it
    (a running head, a page number in an unusual form) is page margin and must not keep the
    table from being stitched to its other part.
    """
    tables = [index for index, item in enumerate(items) if isinstance(item, DraftTable)]
    if not tables:
        return set()
    first, last = items[tables[0]], items[tables[-1]]
    margin: list[Line | DraftTable] = []
    if isinstance(first, DraftTable) and first.open_top:
        margin.extend(items[: tables[0]])
    if isinstance(last, DraftTable) and last.open_bottom:
        margin.extend(items[tables[-1] + 1 :])
    return {id(item) for item in margin}


def _warnings(pages: Sequence[PageContent]) -> tuple[str, ...]:
    warnings: list[str] = []
    scanned = [p.page for p in pages if not p.has_text and p.has_graphics and not p.ocr and p.error is None]
    if scanned:
        hint = "" if ocr_available() else f"; {INSTALL_HINT}"
        warnings.append(f"needs_ocr: no text layer on {len(scanned)} of {len(pages)} pages{hint}")
    recognised = [p.page for p in pages if p.ocr]
    if recognised:
        warnings.append(
            f"ocr: {len(recognised)} of {len(pages)} pages had no text layer and were read by OCR; "
            "check tasks whose ocr_confidence is low"
        )
    unmapped = [p for p in pages if p.unmapped]
    if unmapped:
        count = sum(p.unmapped for p in unmapped)
        numbers = ", ".join(str(p.page) for p in unmapped)
        where = f"pages {numbers}" if len(unmapped) > 1 else f"page {numbers}"
        warnings.append(
            f"unmapped_glyphs: {count} glyphs without a Unicode mapping ((cid:N)) on {where}, "
            "kept as U+FFFD"
        )
    for page in pages:
        if page.error:
            warnings.append(f"unreadable_page: page {page.page} could not be read ({page.error})")
    return tuple(warnings)
