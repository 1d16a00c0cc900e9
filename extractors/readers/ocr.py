"""OCR of page images into the glyphs and ruled tables the PDF layout code already reads.

A scanned page (an image, or a PDF page without a text layer) is recognised by RapidOCR: the
PP-OCR Chinese detection and recognition models in ONNX, shipped inside the ``rapidocr`` wheel
and loaded from there by path, so nothing is ever downloaded. It is the optional extra ``ocr``
(``pip install 'notice-tasks[ocr]'``); without it a scan is reported, not read.

Each recognised line becomes glyphs (one per character, placed by the recogniser's character
boxes) carrying the line's confidence, and the page's rules become ``DraftTable``s
(``ocr_tables``): from there paragraphs, cells, page furniture and tables continued over pages
are handled by the same code as a PDF's text layer, so a scanned notice and its PDF read alike.
"""

from __future__ import annotations

import functools
import logging
import re
import signal
import statistics
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from extractors.readers.errors import ReaderError
from extractors.readers.ocr_install import INSTALL_HINT, MODELS, ocr_available
from extractors.readers.pdf_glyphs import Glyph
from extractors.readers.pdf_tables import DraftTable

logger = logging.getLogger(__name__)

# Pages are rendered for OCR at this resolution: 16 pt body text is 33 px high, 10.5 pt table
# text 22 px, which the recogniser reads reliably; more pixels cost time and read no better.
OCR_DPI = 150
# What the pipeline extracts after OCR is not slow; OCR is (seconds per page on two cores). Time
# spent in it is given back to the per-notice alarm (see ``_off_the_clock``), up to this much
# per page, so a long scan is bounded by its page count rather than failing the time limit.
PAGE_SECONDS = 120.0

# A page number printed between dashes that OCR reads as 一 (the numeral one): 一 12 一.
_DASHED_NUMBER = re.compile(r"^[一\-—–－―~～]+\s*([0-9]{1,4})\s*[一\-—–－―~～]+$")
# Characters set one em wide; the others (Latin, digits, ASCII signs) about half an em.
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uff60\u2014\u2026\u201c-\u201d]")
# Lines with fewer em of text than this say little about their font size.
_MIN_EMS_FOR_SIZE = 3.0
# Sizes within this ratio of each other are one font size read with noise.
_SIZE_TOLERANCE = 1.1
# A scan fed askew: angles searched (degrees), and the least worth straightening (below it, rows
# and rules still line up within the layout's tolerances, and resampling would only blur).
MAX_SKEW = 5.0
MIN_SKEW = 0.3


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One recognised line, in pixels of the image it was read from."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    score: float
    # The horizontal extent of each character, when the recogniser gave one per character.
    chars: tuple[tuple[float, float], ...] | None = None

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class OcrPage:
    """A recognised page: its glyphs and ruled tables in points, as a PDF page's would be."""

    glyphs: list[Glyph]
    tables: list[DraftTable]
    width: float
    height: float


@functools.cache
def _engine() -> Any:
    """The RapidOCR engine, built once per process (loading the models takes about a second)."""
    import rapidocr

    models = Path(rapidocr.__file__).resolve().parent / "models"
    params: dict[str, Any] = {
        "Global.log_level": "warning",
        # Pages are upright (a skewed scan is straightened first); the 180° line classifier
        # would only cost time and flip short lines.
        "Global.use_cls": False,
        # One thread per engine: runs spread notices over processes (--jobs), so more threads
        # would only oversubscribe the cores, and each thread's scratch buffers add to the
        # process's peak memory (seen here: 330–470 MB for one page with the default).
        "EngineConfig.onnxruntime.intra_op_num_threads": 1,
        "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        # Memory, not time, sets these: the detector's activations grow with the page's pixels
        # (+400 MB for a 150-dpi A4 page at full size, +110 MB at 960 px) and the recogniser's
        # with the batch of line images (+190 MB for six long lines). Lines are found on the
        # page shrunk to 960 px (about 80 dpi for A4; the samples read the same but for bracket
        # widths) and read one at a time from the full-resolution image, at the same speed.
        "Det.limit_type": "max",
        "Det.limit_side_len": 960,
        "Rec.rec_batch_num": 1,
    }
    for key, name in MODELS.items():
        model = models / name
        if not model.is_file():
            # Another rapidocr version names its bundled models differently: fail, never fetch.
            raise RuntimeError(f"RapidOCR's bundled model {model} is missing; reinstall the ocr extra")
        params[key] = str(model)
    return rapidocr.RapidOCR(params=params)


def recognise(image: np.ndarray) -> list[OcrLine]:
    """The text lines of a BGR page image, top to bottom, each with its confidence."""
    result = _engine()(image, return_word_box=True, return_single_char_box=True)
    if result.boxes is None or not len(result.boxes):
        return []
    words = result.word_results if result.word_results and len(result.word_results) == len(result.boxes) else None
    lines: list[OcrLine] = []
    for index, (box, text, score) in enumerate(zip(result.boxes, result.txts, result.scores)):
        text = _fix_page_number(str(text).strip())
        if not text:
            continue
        xs, ys = [float(p[0]) for p in box], [float(p[1]) for p in box]
        chars = _char_extents(text, words[index]) if words else None
        lines.append(OcrLine(text, min(xs), min(ys), max(xs), max(ys), float(score), chars))
    return sorted(lines, key=lambda line: (line.top, line.x0))


def _fix_page_number(text: str) -> str:
    """"一12一" → "—12—": the dashes around a page number, read as the numeral 一."""
    match = _DASHED_NUMBER.match(text)
    return f"—{match[1]}—" if match else text


def _char_extents(text: str, words: Sequence[Any]) -> tuple[tuple[float, float], ...] | None:
    """Per-character x extents from the recogniser's character boxes, when they spell ``text``."""
    try:
        pieces = [(str(word[0]), [float(p[0]) for p in word[2]]) for word in words]
    except (TypeError, IndexError, ValueError):
        return None
    if "".join(piece for piece, _ in pieces) != text.replace(" ", ""):
        return None
    extents: list[tuple[float, float]] = []
    for piece, xs in pieces:
        if len(piece) != 1:
            return None  # a word box for several letters: spread evenly instead
        extents.append((min(xs), max(xs)))
    return tuple(extents)


# ---------------------------------------------------------------------------------------
# From recognised lines to glyphs.


def _weight(char: str) -> float:
    return 1.0 if _WIDE.match(char) else 0.5


def _line_em(line: OcrLine) -> float | None:
    """The font size of a line (px), from its width and characters: CJK text is set one
    character per em, which a box's height (padded by the detector) does not tell as well."""
    ems = sum(_weight(char) for char in line.text if not char.isspace())
    if ems < _MIN_EMS_FOR_SIZE:
        return None
    return (line.x1 - line.x0) / ems


def snap_sizes(lines: Sequence[OcrLine]) -> list[float]:
    """One font size per line, equal for lines of one size: the layout code compares sizes
    and line pitches per size, which OCR's per-line noise would otherwise break up.

    Measured sizes are grouped where each is within 10 % of the group's smallest; each line
    gets its group's median. A short line ("全年") is sized from its height, by the page's
    ratio of height to size, and joins the nearest group within 20 %.
    """
    measured = [_line_em(line) for line in lines]
    known = sorted(size for size in measured if size)
    groups: list[list[float]] = []
    for size in known:
        if groups and size <= groups[-1][0] * _SIZE_TOLERANCE:
            groups[-1].append(size)
        else:
            groups.append([size])
    centres = [statistics.median(group) for group in groups]
    ratios = [line.height / size for line, size in zip(lines, measured) if size]
    ratio = statistics.median(ratios) if ratios else 1.25
    sizes: list[float] = []
    for line, size in zip(lines, measured):
        estimate = size or line.height / ratio
        nearest = min(centres, key=lambda centre: abs(centre - estimate), default=None)
        tolerance = 0.1 if size else 0.2
        if nearest is not None and abs(nearest - estimate) <= tolerance * nearest:
            estimate = nearest
        sizes.append(estimate)
    return sizes


def lines_to_glyphs(lines: Sequence[OcrLine], scale: float) -> list[Glyph]:
    """Glyphs in points (``scale``: points per pixel), one per character, each carrying its
    line's confidence; the em box is centred on the line so that cells take it by its middle."""
    glyphs: list[Glyph] = []
    for line, size in zip(lines, snap_sizes(lines)):
        em = size * scale
        baseline = (line.top + line.bottom) / 2 * scale + 0.4 * em
        for char, (x0, x1) in zip(line.text.replace(" ", "") if line.chars else line.text, _extents(line)):
            glyphs.append(Glyph(char, x0 * scale, x1 * scale, baseline, em, score=line.score))
    return glyphs


def _extents(line: OcrLine) -> Sequence[tuple[float, float]]:
    """Where each character sits: the recogniser's boxes, else the width shared by weight."""
    if line.chars:
        return line.chars
    weights = [_weight(char) if not char.isspace() else 0.3 for char in line.text]
    unit = (line.x1 - line.x0) / (sum(weights) or 1.0)
    extents, x = [], line.x0
    for weight in weights:
        extents.append((x, x + weight * unit))
        x += weight * unit
    return extents


# ---------------------------------------------------------------------------------------
# A page image.


def ocr_page(image: np.ndarray, dpi: float, page: int) -> OcrPage:
    """Recognise one page image (RGB or greyscale array) rendered or scanned at ``dpi``.

    The table rules are found first and whitened before recognition: a rule touching a
    character is otherwise read as part of it.
    """
    import cv2

    from extractors.readers.ocr_tables import find_rulings, rulings_to_tables, table_rules

    if image.ndim == 2:
        gray, bgr = image, cv2.cvtColor(image, cv2.COLOR_GRAY2BGR)
    else:
        bgr = cv2.cvtColor(image[:, :, :3], cv2.COLOR_RGB2BGR)
        gray = cv2.cvtColor(bgr, cv2.COLOR_BGR2GRAY)
    angle = skew_angle(gray)
    if abs(angle) >= MIN_SKEW:
        bgr, gray = (_rotate(array, angle) for array in (bgr, gray))
    rulings = find_rulings(gray, dpi)
    tables = rulings_to_tables(rulings, page)
    if tables:
        bgr = bgr.copy()
        bgr[table_rules(rulings, tables, dpi) > 0] = 255
    with _off_the_clock():
        lines = recognise(bgr)
    scale = 72.0 / dpi
    return OcrPage(
        glyphs=lines_to_glyphs(lines, scale),
        tables=tables,
        width=image.shape[1] * scale,
        height=image.shape[0] * scale,
    )


def skew_angle(gray: np.ndarray) -> float:
    """The angle (degrees) that turns a page's lines level: the one whose rows of ink are
    sharpest (the horizontal projection profile changes most from row to row), searched at
    half resolution, by 0.5° and then by 0.1° around the best."""
    import cv2

    small = cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA)
    ink = cv2.threshold(small, 0, 1, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)[1]
    if ink.mean() < 0.001:
        return 0.0

    def sharpness(angle: float) -> float:
        rotated = _rotate(ink, angle, border=0, nearest=True)
        return float(np.square(np.diff(rotated.sum(axis=1, dtype=np.float64))).sum())

    best = max(np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 0.5), key=sharpness)
    best = max(np.arange(best - 0.4, best + 0.41, 0.1), key=sharpness)
    return round(float(best), 2)


def _rotate(image: np.ndarray, angle: float, border: int = 255, nearest: bool = False) -> np.ndarray:
    import cv2

    height, width = image.shape[:2]
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    flags = cv2.INTER_NEAREST if nearest else cv2.INTER_LINEAR
    fill = border if image.ndim == 2 else (border,) * image.shape[2]
    return cv2.warpAffine(image, matrix, (width, height), flags=flags, borderValue=fill)


def require_ocr(path: Path, what: str) -> None:
    """Raise ``ReaderError`` saying how to install OCR, when it is not installed."""
    if not ocr_available():
        raise ReaderError(path, f"{what}; {INSTALL_HINT}")


@contextmanager
def _off_the_clock() -> Iterator[None]:
    """Give the time spent inside back to a running per-notice alarm (``ITIMER_REAL``, set by
    the pipeline's guard), up to ``PAGE_SECONDS``: the alarm stops parsers that loop, and OCR
    is slow by nature but bounded by the page limit. The budget is added before, so the alarm
    cannot fire inside a page that is merely slow, and what was not used is taken back after."""
    if not hasattr(signal, "getitimer") or signal.getitimer(signal.ITIMER_REAL)[0] <= 0:
        yield
        return
    _shift_alarm(PAGE_SECONDS)
    start = time.monotonic()
    try:
        yield
    finally:
        _shift_alarm(time.monotonic() - start - PAGE_SECONDS)


def _shift_alarm(seconds: float) -> None:
    remaining, interval = signal.getitimer(signal.ITIMER_REAL)
    if remaining > 0:
        signal.setitimer(signal.ITIMER_REAL, max(remaining + seconds, 1e-3), interval)
