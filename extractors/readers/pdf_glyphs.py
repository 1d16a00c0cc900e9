"""Glyphs of a PDF page from either backend: pdfplumber (careful) or pypdfium2 (fast).

Both backends are reduced to the same small record, positioned by the glyph's origin (baseline)
rather than its box: pdfminer and PDFium agree on where a glyph starts and on its baseline, but
not on the height of its box, and everything after this module must not care which one ran.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# pdfminer writes a glyph without a Unicode mapping as its character id: "(cid:1234)".
CID_GLYPH = re.compile(r"^\(cid:\d+\)$")
UNMAPPED = "\ufffd"

# A path this thin (pt) is a ruling line, not a box.
THIN = 3.0


@dataclass(frozen=True, slots=True)
class Glyph:
    """One drawn character; ``baseline`` is measured from the top of the page."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    bold: bool = False
    score: float | None = None  # OCR's confidence in the glyph's line; None for a PDF's own text

    @property
    def top(self) -> float:
        return self.baseline - self.size

    @property
    def mid_x(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def mid_y(self) -> float:
        # Roughly the middle of a CJK ideograph, whose body sits a little above the baseline.
        return self.baseline - self.size * 0.4


@dataclass(frozen=True, slots=True)
class PageProbe:
    """What PDFium sees on a page without parsing its text: enough to pick a path."""

    upright: bool
    images: int
    paths: int
    may_have_table: bool

    @property
    def has_graphics(self) -> bool:
        """Anything drawn: a scan, or text converted to outlines (转曲), needs OCR to be read."""
        return self.images + self.paths > 0


def plumber_glyphs(chars: list[dict[str, Any]]) -> tuple[list[Glyph], int]:
    """pdfplumber chars as glyphs; also how many had no Unicode mapping (shown as U+FFFD)."""
    glyphs: list[Glyph] = []
    unmapped = 0
    for char in chars:
        text = char["text"]
        if CID_GLYPH.match(text):
            text = UNMAPPED
            unmapped += 1
        # The matrix holds the origin in PDF space; shift the box bottom by the same offset.
        baseline = char["bottom"] + char["y0"] - char["matrix"][5]
        glyphs.append(
            Glyph(
                text=text,
                x0=char["x0"],
                x1=char["x1"],
                baseline=baseline,
                size=char["size"],
                bold="bold" in char["fontname"].lower(),
            )
        )
    return glyphs, unmapped


def pdfium_glyphs(page: pdfium.PdfPage) -> list[Glyph] | None:
    """PDFium's glyphs of an upright page, or None when a glyph lacks a Unicode mapping.

    PDFium's own text order and its generated spaces are not used: only each glyph's code
    point, origin and advance box, which match pdfminer's. A page with unmapped glyphs goes to
    the careful path so that both paths report them the same way.
    """
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        return _textpage_glyphs(textpage, height)
    finally:
        textpage.close()


def _textpage_glyphs(textpage: pdfium.PdfTextPage, height: float) -> list[Glyph] | None:
    glyphs: list[Glyph] = []
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    font_name = ctypes.create_string_buffer(128)
    font_bold: dict[bytes, bool] = {}
    for index in range(textpage.count_chars()):
        if pdfium_c.FPDFText_IsGenerated(textpage, index) == 1:
            continue
        code = pdfium_c.FPDFText_GetUnicode(textpage, index)
        if not _plain_code(code) or pdfium_c.FPDFText_HasUnicodeMapError(textpage, index) == 1:
            return None
        if not pdfium_c.FPDFText_GetMatrix(textpage, index, matrix):
            return None
        if abs(matrix.b) > 1e-3 or abs(matrix.c) > 1e-3:
            return None  # rotated or skewed text: pdfminer boxes it differently
        pdfium_c.FPDFText_GetLooseCharBox(textpage, index, rect)
        pdfium_c.FPDFText_GetCharOrigin(textpage, index, origin_x, origin_y)
        pdfium_c.FPDFText_GetFontInfo(textpage, index, font_name, 128, None)
        name = font_name.value
        if name not in font_bold:
            font_bold[name] = b"bold" in name.lower()
        glyphs.append(
            Glyph(
                text=chr(code),
                x0=origin_x.value,
                x1=rect.right,
                baseline=height - origin_y.value,
                # The font size scaled by the text matrix, as pdfminer reports it.
                size=pdfium_c.FPDFText_GetFontSize(textpage, index) * abs(matrix.d),
                bold=font_bold[name],
            )
        )
    return glyphs


def _plain_code(code: int) -> bool:
    """A code point pdfminer would give too: not a missing mapping, not half a surrogate pair."""
    return code not in (0, 0xFFFE, 0xFFFF, 0xFFFD) and not 0xD800 <= code <= 0xDFFF


def probe_page(page: pdfium.PdfPage) -> PageProbe:
    """Count images and decide cheaply whether ruling lines could form a table on the page.

    A table needs two crossing horizontal and two vertical edges, or a box (a rectangle or a
    multi-segment path). Pages without either cannot hold a lines-strategy table, so they skip
    pdfplumber's layout parse.
    """
    media = page.get_mediabox()
    upright = (
        page.get_rotation() == 0
        and media[0] == 0
        and media[1] == 0
        and tuple(page.get_cropbox()) == tuple(media)
    )
    counts = {"h": 0, "v": 0, "box": 0, "path": 0, "image": 0}
    _count_objects(page, counts, depth=0)
    may_have_table = counts["box"] > 0 or (counts["h"] >= 2 and counts["v"] >= 2)
    return PageProbe(
        upright=upright, images=counts["image"], paths=counts["path"], may_have_table=may_have_table
    )


def _count_objects(container: Any, counts: dict[str, int], depth: int) -> None:
    """Walk page objects (and form XObjects inside them) counting paths and images."""
    is_form = depth > 0
    total = (
        pdfium_c.FPDFFormObj_CountObjects(container)
        if is_form
        else pdfium_c.FPDFPage_CountObjects(container)
    )
    left, bottom = ctypes.c_float(), ctypes.c_float()
    right, top = ctypes.c_float(), ctypes.c_float()
    for index in range(max(total, 0)):
        obj = (
            pdfium_c.FPDFFormObj_GetObject(container, index)
            if is_form
            else pdfium_c.FPDFPage_GetObject(container, index)
        )
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            counts["image"] += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            _count_objects(obj, counts, depth + 1)
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            counts["path"] += 1
            pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top)
            width, height = right.value - left.value, top.value - bottom.value
            if height <= THIN and width > THIN:
                counts["h"] += 1
            elif width <= THIN and height > THIN:
                counts["v"] += 1
            elif width > THIN and height > THIN:
                counts["box"] += 1
