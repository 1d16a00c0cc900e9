"""OFD notices (GB/T 33190, China's fixed-layout format): text and ruled tables from the package XML.

An OFD file is a zip: ``OFD.xml`` names the document (``DocBody/DocRoot``), whose
``Document.xml`` lists the pages, each a ``Content.xml`` of layers holding ``TextObject``s
(a boundary box, a font size, and ``TextCode`` runs placed by ``X``/``Y`` with per-glyph
advances ``DeltaX``) and ``PathObject``s (ruling lines). Units are millimetres. Like a PDF, it
has glyphs at positions and no paragraphs, so each page becomes glyphs and ruling edges in
points and goes through the PDF reader's layout and table code.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree

from extractors.document import Document, InputFormat
from extractors.readers.errors import ReaderError
from extractors.readers.limits import DEFAULT_LIMITS, Limits
from extractors.readers.ocr_tables import edges_to_tables, rule_edge
from extractors.readers.ooxml import OfficeKind, open_container
from extractors.readers.pdf import PageContent, pages_to_document
from extractors.readers.pdf_glyphs import Glyph
from extractors.readers.pdf_tables import fill_tables
from extractors.readers.pdf_text import glyphs_to_lines

OFD = OfficeKind(".ofd", "an .ofd", "OFD document", "an OFD document", "an OFD reader", "OFD.xml", "an OFD file")
PT_PER_MM = 72 / 25.4
_A4 = (0.0, 0.0, 210.0, 297.0)
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
# A path segment this thin (mm) across is a ruling line; this long (mm) along, not a tick.
_THIN_MM = 0.6
_MIN_RULE_MM = 1.5
# Characters set one em wide; the rest at most 0.6 em.
_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uff60]")
_NUMBER = re.compile(r"-?\d+(?:\.\d*)?(?:[eE]-?\d+)?|-?\.\d+")


def read_ofd(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read an OFD notice into paragraphs and tables, or raise ``ReaderError``."""
    archive = open_container(path, OFD, limits)
    with archive:
        package = _Package(path, archive)
        root = package.xml("OFD.xml")
        doc_root = _first_text(root, "DocBody/DocRoot")
        if not doc_root:
            raise ReaderError(path, "OFD.xml names no document (DocBody/DocRoot); the file is damaged")
        doc_part = package.resolve("", doc_root)
        document = package.xml(doc_part)
        base = posixpath.dirname(doc_part)
        default_box = _box(_first_text(document, "CommonData/PageArea/PhysicalBox")) or _A4
        bold_fonts = _bold_fonts(package, base, document)
        page_refs = [page.get("BaseLoc", "") for page in _children(document, "Pages/Page")]
        if not page_refs:
            raise ReaderError(path, "the OFD document has no pages")
        if len(page_refs) > limits.max_pages:
            raise ReaderError(
                path,
                f"the OFD document has {len(page_refs):,} pages, above limits.max_pages = {limits.max_pages:,}; "
                "check it is the right file, or raise the limit in params.yaml",
            )
        pages = [
            _read_page(package.xml(package.resolve(base, ref)), number, default_box, bold_fonts)
            for number, ref in enumerate(page_refs, start=1)
        ]
    if not any(page.has_text for page in pages):
        raise ReaderError(path, "the OFD document holds no text (a scan?); print it to PDF to have it read by OCR")
    return dataclasses.replace(pages_to_document(pages), format=InputFormat.OFD)


class _Package:
    """Parts of the zip, parsed safely, with OFD's relative and absolute locations resolved."""

    def __init__(self, path: Path, archive: zipfile.ZipFile) -> None:
        self.path = path
        self.archive = archive
        self.names = {name.lstrip("/"): name for name in archive.namelist()}

    def resolve(self, base: str, location: str) -> str:
        location = location.strip().replace("\\", "/")
        if location.startswith("/"):
            return posixpath.normpath(location.lstrip("/"))
        joined = posixpath.normpath(posixpath.join(base, location))
        # Writers disagree on whether BaseLoc is relative to the document or to the package.
        return joined if joined in self.names or location not in self.names else location

    def xml(self, part: str) -> etree._Element:
        name = self.names.get(part)
        if name is None:
            raise ReaderError(self.path, f"the OFD package lacks its part {part}; the file is damaged")
        try:
            return etree.fromstring(self.archive.read(name), _SAFE_PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
            raise ReaderError(self.path, f"damaged OFD part {part} ({error})") from error


def _local(element: Any) -> str:
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element: etree._Element, steps: str) -> list[etree._Element]:
    """Descendants along ``steps`` (local names separated by /), whatever their namespace."""
    found = [element]
    for step in steps.split("/"):
        found = [child for parent in found for child in parent if _local(child) == step]
    return found


def _first_text(element: etree._Element, steps: str) -> str:
    found = _children(element, steps)
    return (found[0].text or "").strip() if found else ""


def _numbers(text: str | None) -> list[float]:
    return [float(token) for token in _NUMBER.findall(text or "")]


def _box(text: str | None) -> tuple[float, float, float, float] | None:
    values = _numbers(text)
    return (values[0], values[1], values[2], values[3]) if len(values) == 4 else None


def _bold_fonts(package: _Package, base: str, document: etree._Element) -> set[str]:
    """IDs of fonts declared bold in the document's resource files."""
    bold: set[str] = set()
    for tag in ("PublicRes", "DocumentRes"):
        for reference in _children(document, f"CommonData/{tag}"):
            resource = package.xml(package.resolve(base, reference.text or ""))
            for font in resource.iter():
                if _local(font) != "Font":
                    continue
                name = f"{font.get('FontName', '')} {font.get('FamilyName', '')}".lower()
                if font.get("Bold", "false").lower() == "true" or "bold" in name:
                    bold.add(font.get("ID", ""))
    return bold


def _read_page(
    page: etree._Element, number: int, default_box: tuple[float, float, float, float], bold_fonts: set[str]
) -> PageContent:
    box = _box(_first_text(page, "Area/PhysicalBox")) or default_box
    glyphs: list[Glyph] = []
    edges: list[dict[str, Any]] = []
    for element in page.iter():
        name = _local(element)
        if name == "TextObject":
            glyphs.extend(_text_glyphs(element, bold_fonts))
        elif name == "PathObject":
            edges.extend(_path_edges(element))
    tables = edges_to_tables(edges, number)
    content = PageContent(page=number, width=box[2] * PT_PER_MM, height=box[3] * PT_PER_MM)
    outside = fill_tables(tables, glyphs) if tables else glyphs
    content.tables = [table for table in tables if any(cell.text for cell in table.cells)]
    content.lines = tuple(glyphs_to_lines(outside, number))
    content.has_text = any(glyph.text.strip() for glyph in glyphs)
    return content


def _transform(element: etree._Element) -> tuple[float, float, float, float, float, float]:
    """The object's CTM (a b c d e f), identity when absent or malformed."""
    values = _numbers(element.get("CTM"))
    return (values[0], values[1], values[2], values[3], values[4], values[5]) if len(values) == 6 else (1, 0, 0, 1, 0, 0)


def _text_glyphs(element: etree._Element, bold_fonts: set[str]) -> Iterator[Glyph]:
    """Each character of a TextObject's TextCode runs as a glyph in page points."""
    boundary = _box(element.get("Boundary")) or (0.0, 0.0, 0.0, 0.0)
    a, _, _, d, e, f = _transform(element)
    size_mm = (_numbers(element.get("Size")) or [3.5])[0] * abs(d or 1)
    bold = element.get("Font", "") in bold_fonts or int((_numbers(element.get("Weight")) or [400])[0]) >= 700
    x = y = 0.0
    for code in element:
        if _local(code) != "TextCode" or not code.text:
            continue
        x = (_numbers(code.get("X")) or [x])[0]
        y = (_numbers(code.get("Y")) or [y])[0]
        advances = _delta_x(code.get("DeltaX"))
        for index, char in enumerate(code.text):
            nominal = (1.0 if _WIDE.match(char) else 0.6) * size_mm / abs(a or 1)
            advance = advances[index] if index < len(advances) else nominal
            # DeltaX places the next glyph, so it spans any gap after this one (into the next
            # table cell); the glyph itself is no wider than its font makes it.
            left = boundary[0] + a * x + e
            right = boundary[0] + a * (x + min(advance, nominal)) + e
            baseline = boundary[1] + d * y + f
            if not char.isspace():
                yield Glyph(char, left * PT_PER_MM, right * PT_PER_MM, baseline * PT_PER_MM, size_mm * PT_PER_MM, bold)
            x += advance


def _delta_x(text: str | None) -> list[float]:
    """DeltaX advances, with OFD's run-length form: "g 3 4.2" is three advances of 4.2."""
    tokens = (text or "").split()
    advances: list[float] = []
    index = 0
    while index < len(tokens):
        try:
            if tokens[index] == "g" and index + 2 < len(tokens):
                advances.extend([float(tokens[index + 2])] * min(int(tokens[index + 1]), 100_000))
                index += 3
                continue
            advances.append(float(tokens[index]))
        except ValueError:
            pass
        index += 1
    return advances


def _path_edges(element: etree._Element) -> Iterator[dict[str, Any]]:
    """Horizontal and vertical strokes of a PathObject (or the object itself when it is a thin
    filled box), as table edges in page points."""
    boundary = _box(element.get("Boundary"))
    if boundary is None:
        return
    x0, top, width, height = boundary
    if min(width, height) <= _THIN_MM and max(width, height) >= _MIN_RULE_MM:
        orientation = "h" if width > height else "v"
        yield rule_edge(orientation, *(v * PT_PER_MM for v in (x0, top, x0 + width, top + height)))
        return
    if element.get("Stroke", "true").lower() == "false":
        return
    a, b, c, d, e, f = _transform(element)
    for (sx, sy), (ex, ey) in _segments(_first_text(element, "AbbreviatedData")):
        start = (x0 + a * sx + c * sy + e, top + b * sx + d * sy + f)
        end = (x0 + a * ex + c * ey + e, top + b * ex + d * ey + f)
        dx, dy = abs(end[0] - start[0]), abs(end[1] - start[1])
        if dy <= _THIN_MM and dx >= _MIN_RULE_MM:
            orientation = "h"
        elif dx <= _THIN_MM and dy >= _MIN_RULE_MM:
            orientation = "v"
        else:
            continue
        left, right = sorted((start[0], end[0]))
        upper, lower = sorted((start[1], end[1]))
        yield rule_edge(orientation, left * PT_PER_MM, upper * PT_PER_MM, right * PT_PER_MM, lower * PT_PER_MM)


def _segments(data: str) -> Iterator[tuple[tuple[float, float], tuple[float, float]]]:
    """Straight segments of OFD abbreviated path data: M (move), L (line), Z (close); curves
    (B, Q, A) only move the pen, since no table rule is curved."""
    tokens = data.split()
    pen = start = (0.0, 0.0)
    index = 0
    arity = {"M": 2, "L": 2, "S": 2, "B": 6, "Q": 4, "A": 7, "Z": 0, "C": 0}
    while index < len(tokens):
        command = tokens[index]
        count = arity.get(command)
        if count is None:
            index += 1
            continue
        try:
            values = [float(v) for v in tokens[index + 1 : index + 1 + count]]
        except ValueError:
            return
        index += 1 + count
        if len(values) < count:
            return
        if command in ("M", "S"):
            pen = start = (values[0], values[1])
        elif command == "L":
            yield pen, (values[0], values[1])
            pen = (values[0], values[1])
        elif command in ("Z", "C"):
            if pen != start:
                yield pen, start
            pen = start
        else:
            pen = (values[-2], values[-1])
