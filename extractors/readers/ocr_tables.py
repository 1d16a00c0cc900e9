"""Ruled tables of a page image: ruling lines found by morphology, cells by pdfplumber's geometry.

A scanned table has no drawing operators, only dark pixels. Opening the ink mask with a long
thin rectangle keeps the runs of ink at least that long in one direction: the table's rules,
not the strokes of characters, which are far shorter than a cell is wide (horizontal) or tall
(vertical). Each surviving run becomes an edge in page points, and from there the table is built
exactly as for a PDF page: pdfplumber's own edge merging, intersection and cell finding (a
missing rule between two slots is a merged cell), then ``rects_to_table`` for spans. OFD pages
(``ofd.py``), whose rules are drawn paths, use the same ``edges_to_tables``; OpenCV (the ``ocr``
extra) is imported only by the functions that look at pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from pdfplumber import table as plumber_table

from extractors.readers.pdf_tables import DraftTable, rects_to_table

# A horizontal rule is at least this long (inch): longer than a dash (——) in 16 pt body text.
MIN_RULE_WIDTH = 0.4
# A vertical rule is at least this long (inch): taller than the strokes of table text (≤ 12 pt),
# shorter than a one-line row.
MIN_RULE_HEIGHT = 0.2
# A rule is at most this thick (inch); thicker runs are filled shapes (a seal, a shaded block).
MAX_RULE_THICKNESS = 0.06
# Broken or slightly skewed rules of a scan: ends this close (pt) join, as pdfplumber's defaults.
SNAP_TOLERANCE = 3.0


@dataclass(frozen=True, slots=True)
class Rulings:
    """The rules found on a page image: edges in points, and the pixels they cover."""

    edges: list[dict[str, Any]]
    mask: np.ndarray  # uint8, 255 where a rule is drawn


def ink_mask(gray: np.ndarray, dpi: float) -> np.ndarray:
    """Dark pixels against their neighbourhood, so uneven scan lighting and grey header shading
    are not ink."""
    import cv2

    block = max(15, int(dpi / 6) | 1)
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 15)


def find_rulings(gray: np.ndarray, dpi: float) -> Rulings:
    """Horizontal and vertical rules of a greyscale page image rendered at ``dpi``."""
    import cv2

    ink = ink_mask(gray, dpi)
    scale = 72.0 / dpi
    thickness = max(2, round(MAX_RULE_THICKNESS * dpi))
    edges: list[dict[str, Any]] = []
    mask = np.zeros_like(ink)
    for orientation, length in (("h", MIN_RULE_WIDTH), ("v", MIN_RULE_HEIGHT)):
        size = max(8, round(length * dpi))
        kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (size, 1) if orientation == "h" else (1, size))
        runs = cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)
        count, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
        keep = np.zeros(count, dtype=bool)
        for label in range(1, count):
            x, y, w, h, area = (int(v) for v in stats[label][:5])
            # Mean thickness rather than the box's: a rule scanned a little askew has a tall box.
            if area / (w if orientation == "h" else h) > thickness:
                continue
            keep[label] = True
            edges.append(rule_edge(orientation, x * scale, y * scale, (x + w) * scale, (y + h) * scale))
        mask[keep[labels]] = 255
    return Rulings(edges=edges, mask=mask)


def rule_edge(orientation: str, x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    """A rule as pdfplumber describes an edge: a zero-thickness segment through the run's middle."""
    if orientation == "h":
        middle = (top + bottom) / 2
        top = bottom = middle
    else:
        middle = (x0 + x1) / 2
        x0 = x1 = middle
    return {
        "object_type": "line",
        "orientation": orientation,
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "doctop": top,
        "width": x1 - x0,
        "height": bottom - top,
    }


def rulings_to_tables(rulings: Rulings, page_number: int) -> list[DraftTable]:
    """The ruled tables the rules of a page image form, top to bottom."""
    return edges_to_tables(rulings.edges, page_number)


def edges_to_tables(edges: list[dict[str, Any]], page_number: int) -> list[DraftTable]:
    """The ruled tables that edges (pdfplumber's form, in points) form, top to bottom; a single
    box is a frame around text, not a table."""
    if not edges:
        return []
    edges = plumber_table.merge_edges(edges, SNAP_TOLERANCE, SNAP_TOLERANCE, SNAP_TOLERANCE, SNAP_TOLERANCE)
    intersections = plumber_table.edges_to_intersections(edges, SNAP_TOLERANCE, SNAP_TOLERANCE)
    cells = plumber_table.intersections_to_cells(intersections)
    tables: list[DraftTable] = []
    for group in plumber_table.cells_to_tables(cells):
        table = rects_to_table([tuple(rect) for rect in group], page_number)
        if table is not None and len(table.cells) > 1:
            tables.append(table)
    return sorted(tables, key=lambda table: table.top)


def table_rules(rulings: Rulings, tables: list[DraftTable], dpi: float) -> np.ndarray:
    """The rule pixels inside the tables, widened a little: what to whiten before OCR, so
    that a rule touching a character is not read as part of it (丨, 一, 1)."""
    import cv2

    inside = np.zeros_like(rulings.mask)
    pad = max(2, round(0.02 * dpi))
    to_px = dpi / 72.0
    height, width = inside.shape
    for table in tables:
        x0, top, x1, bottom = table.bbox
        left, upper = max(0, int(x0 * to_px) - pad), max(0, int(top * to_px) - pad)
        right, lower = min(width, int(x1 * to_px) + pad + 1), min(height, int(bottom * to_px) + pad + 1)
        inside[upper:lower, left:right] = rulings.mask[upper:lower, left:right]
    return cv2.dilate(inside, np.ones((3, 3), np.uint8), iterations=1)
