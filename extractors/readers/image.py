"""Scanned notices as image files (PNG, JPEG, TIFF; a TIFF may hold one page per frame), read by OCR.

Each page goes through the same OCR as a scanned PDF page (``ocr.py``) and the pages through the
same layout as a PDF (``pdf.pages_to_document``): page numbers dropped, paragraphs joined over
page ends, a table continued on the next page stitched to its first part.
"""

from __future__ import annotations

import dataclasses
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from extractors.document import Document, InputFormat
from extractors.readers.errors import ReaderError
from extractors.readers.limits import DEFAULT_LIMITS, Limits
from extractors.readers.ocr import OCR_DPI, ocr_page, require_ocr
from extractors.readers.pdf import PageContent, pages_to_document
from extractors.readers.pdf_text import glyphs_to_lines
from extractors.readers.pdf_tables import fill_tables

# The page an image shows when it does not say its resolution: its short side is A4's (210 mm).
A4_SHORT_SIDE_INCH = 210 / 25.4
# Resolutions a scanner writes, and the short sides (inch) of pages, A6 to A3: a stated
# resolution outside them (a camera's 72 dpi) is not the scan's.
_PLAUSIBLE_DPI = (50.0, 1200.0)
_PLAUSIBLE_SHORT_SIDE = (4.0, 12.0)
# A page image is never more than this many pixels (a 600 dpi A3 scan is 70 million).
MAX_PIXELS = 100_000_000


def read_image(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a scanned notice from an image file by OCR, or raise ``ReaderError``.

    A TIFF of more than ``limits.max_pages`` frames is refused; an image without any text
    recognised is an error, not an empty notice.
    """
    require_ocr(path, "a scanned image needs OCR")
    pages = [_read_frame(frame, dpi, number) for number, (frame, dpi) in enumerate(_frames(path, limits), start=1)]
    if not any(page.has_text for page in pages):
        raise ReaderError(path, "no text was recognised in the image; is it a scan of a notice?")
    document = pages_to_document(pages)
    # The format says the text was recognised; the PDF reader's note that pages were OCR'd is noise here.
    kept = tuple(warning for warning in document.warnings if not warning.startswith("ocr:"))
    return dataclasses.replace(document, format=InputFormat.IMAGE, warnings=kept)


def _frames(path: Path, limits: Limits) -> Iterator[tuple[np.ndarray, float]]:
    """Each page of the file as an RGB array scaled to ``OCR_DPI``, with that resolution."""
    try:
        with warnings.catch_warnings():
            # Pillow warns, then refuses, past its own pixel limit; ours is checked below.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                n_frames = getattr(image, "n_frames", 1)
                if n_frames > limits.max_pages:
                    raise ReaderError(
                        path,
                        f"the image has {n_frames:,} pages, above limits.max_pages = {limits.max_pages:,}; "
                        "check it is the right file, or raise the limit in params.yaml",
                    )
                for frame in ImageSequence.Iterator(image):
                    if frame.width * frame.height > MAX_PIXELS:
                        raise ReaderError(
                            path, f"a page of {frame.width}×{frame.height} pixels is too large to be a scanned page"
                        )
                    dpi = _resolution(frame)
                    frame = ImageOps.exif_transpose(frame).convert("RGB")
                    if dpi > OCR_DPI * 1.2:  # more pixels than OCR needs only cost time
                        size = (round(frame.width * OCR_DPI / dpi), round(frame.height * OCR_DPI / dpi))
                        frame, dpi = frame.resize(size, Image.Resampling.LANCZOS), float(OCR_DPI)
                    yield np.asarray(frame), dpi
    except ReaderError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError) as error:
        raise ReaderError(path, f"not a readable image ({error})") from error
    except (OSError, SyntaxError, ValueError, EOFError) as error:  # Pillow's words for a damaged file
        raise ReaderError(path, f"damaged or truncated image ({error}); re-scan or re-download it") from error


def _resolution(frame: Image.Image) -> float:
    """The scan's resolution from its metadata, else the one that makes its short side A4's."""
    stated = frame.info.get("dpi")
    if isinstance(stated, tuple) and stated and isinstance(stated[0], (int, float)):
        dpi = float(stated[0])
        short_side = min(frame.width, frame.height) / dpi if dpi else 0.0
        if _PLAUSIBLE_DPI[0] <= dpi <= _PLAUSIBLE_DPI[1] and _PLAUSIBLE_SHORT_SIDE[0] <= short_side <= _PLAUSIBLE_SHORT_SIDE[1]:
            return dpi
    return min(frame.width, frame.height) / A4_SHORT_SIDE_INCH


def _read_frame(image: np.ndarray, dpi: float, number: int) -> PageContent:
    page = ocr_page(image, dpi, number)
    content = PageContent(page=number, width=page.width, height=page.height, ocr=True)
    outside = fill_tables(page.tables, page.glyphs) if page.tables else page.glyphs
    content.tables = [table for table in page.tables if any(cell.text for cell in table.cells)]
    content.lines = tuple(glyphs_to_lines(outside, number))
    content.has_text = bool(page.glyphs)
    return content
