"""Word (.docx) notices: body paragraphs and tables in reading order, list numbers rendered.

python-docx opens the package (its lxml parser resolves no entities, reads no network and
keeps libxml2's limits on huge trees); the body is then walked as XML, because python-docx
skips content controls, leaves out automatic list numbers and reports a merged table cell
once per grid slot it covers. Headers, footers, footnotes and comments are not body text.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from lxml import etree

from extractors.document import Align, Block, Document, InputFormat, MetaKey, Paragraph
from extractors.readers.docx_numbering import W, ListNumbering, symbol_font_char
from extractors.readers.docx_styles import ParagraphStyles
from extractors.readers.docx_tables import CellContent, table_to_blocks
from extractors.readers.errors import ReaderError
from extractors.readers.limits import DEFAULT_LIMITS, Limits, check_table_rows
from extractors.readers.ooxml import WORD, open_container

_VAL = f"{W}val"

_P, _TBL, _R, _T = f"{W}p", f"{W}tbl", f"{W}r", f"{W}t"
_P_PR, _P_STYLE, _NUM_PR, _JC = f"{W}pPr", f"{W}pStyle", f"{W}numPr", f"{W}jc"
# Elements whose children are body blocks, or runs, in their own right.
_BLOCK_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml"}
_RUN_WRAPPERS = {
    f"{W}{tag}"
    for tag in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "sdt",
                "sdtContent", "bdo", "dir")
}  # fmt: skip
_RUN_TEXT = {
    _T: None,
    f"{W}tab": "\t",
    f"{W}ptab": "\t",
    f"{W}br": "\n",
    f"{W}cr": "\n",
    f"{W}noBreakHyphen": "-",
}
# Justified body text ("both") reads as left-aligned, as the HTML reader takes text-align:justify;
# distributed (分散对齐) text fills the line and says nothing about where it sits.
_ALIGN = {"center": Align.CENTER, "right": Align.RIGHT, "end": Align.RIGHT, "left": Align.LEFT,
          "start": Align.LEFT, "both": Align.LEFT, "justify": Align.LEFT}  # fmt: skip
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ROW_TAG = re.compile(rb"<w:tr[\s>/]")  # not <w:trPr>; the prefix Word always writes
# Titles that word processors fill in themselves ("Microsoft Word - 通知.doc", 新建文档, 标题).
_TEMPLATE_TITLE = re.compile(
    r"^(?:microsoft|wps|新建\s*(?:microsoft|wps))|^(?:新建)?\s*(?:文档|标题|文件)\s*\d*(?:\.\w+)?$",
    re.IGNORECASE,
)


def read_docx(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a .docx notice: every body paragraph and table in order, list numbers in the text.

    The title set over three lines with manual breaks stays one paragraph ("…办公室\\n关于…");
    automatically numbered items carry the label Word shows ("1.加强…", "（一）…"); a table
    cell holding several paragraphs reads "2023年\\n6月底前".
    """
    package = _open_package(path, limits)
    body = package.element.find(f"{W}body")
    if package.element.tag != f"{W}document" or body is None:
        raise ReaderError(path, "word/document.xml holds no Word body (w:document/w:body)")
    # Counted before the walk, so that a crafted table of a million rows costs one pass in C.
    for table in body.iter(_TBL):
        check_table_rows(path, sum(1 for _ in table.iterchildren(f"{W}tr")), limits)
    blocks = _BodyReader(package).blocks(body)
    if not blocks:
        raise ReaderError(path, "the document body holds no text")
    return Document(
        blocks=tuple(blocks),
        format=InputFormat.DOCX,
        meta=MappingProxyType({**_core_meta(package), **_text_box_meta(body), **_page_header_meta(package)}),
        warnings=tuple(_left_out_warnings(body)),
    )


def _open_package(path: Path, limits: Limits) -> DocxDocument:
    """The python-docx document, or a ``ReaderError`` saying what is wrong and what to do."""
    with open_container(path, WORD, limits) as archive:
        _check_row_tags(path, archive, limits)
    try:
        return docx.Document(str(path))
    except Exception as error:  # noqa: BLE001
        # python-docx parses untrusted bytes; whatever it trips on (bad CRC, malformed XML,
        # a missing part, a macro-enabled content type) is a property of the file.
        raise ReaderError(
            path, f"damaged .docx package ({type(error).__name__}: {error}); re-save it in Word"
        ) from error


def _check_row_tags(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Refuse a body with more ``w:tr`` rows than a table may have, before python-docx builds
    its tree (100,000 rows cost 150 MB); the rows of each table are counted after it."""
    try:
        rows = len(_ROW_TAG.findall(archive.read(WORD.main_part)))
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise ReaderError(path, f"damaged .docx package ({error}); re-save it in Word") from error
    if rows > limits.max_table_rows:
        check_table_rows(path, rows, limits, "the document's tables")


def _core_meta(package: DocxDocument) -> Mapping[MetaKey, str]:
    """The document-properties title, when it is a real Chinese title and not a template's."""
    title = (package.core_properties.title or "").strip()
    if _CJK.search(title) and not _TEMPLATE_TITLE.search(title):
        return MappingProxyType({MetaKey.TITLE: title})
    return MappingProxyType({})


def _text_boxes(body: etree._Element) -> list[etree._Element]:
    """The body's text boxes. A box appears twice when Word adds a VML fallback: the modern copy only."""
    return [
        box for box in body.iter(f"{W}txbxContent")
        if not any(etree.QName(a).localname == "Fallback" for a in box.iterancestors())
    ]  # fmt: skip


def _text_box_meta(body: etree._Element) -> Mapping[MetaKey, str]:
    """The text of the text boxes, one box a line, for what a template puts in one (its 文号)."""
    texts = ["".join(_paragraph_text(p) for p in box.iter(f"{W}p")).strip() for box in _text_boxes(body)]
    texts = [text for text in texts if text]
    return {MetaKey.TEXT_BOXES: "\n".join(texts)} if texts else {}


def _page_header_meta(package: DocxDocument) -> Mapping[MetaKey, str]:
    """The lines of the first page's header (the first-page header where the file sets one, and
    the default one), for a template that sets the 文号 there; later sections' headers belong to
    attachments."""
    if not package.sections:
        return {}
    section = package.sections[0]
    headers = [section.first_page_header, section.header] if section.different_first_page_header_footer else [section.header]
    lines: list[str] = []
    for header in headers:
        if header.is_linked_to_previous:
            continue  # the first section has nothing to link to: no header of its own
        lines += [_paragraph_text(paragraph).strip() for paragraph in header._element.iter(f"{W}p")]
    texts = [line for line in lines if line]
    return {MetaKey.PAGE_HEADER: "\n".join(texts)} if texts else {}


def _left_out_warnings(body: etree._Element) -> list[str]:
    warnings = []
    # Text boxes float beside the text flow; their position says nothing about reading order.
    boxes = len(_text_boxes(body))
    if boxes:
        warnings.append(f"{boxes} text box(es) left out: floating text is not in the reading order")
    chunks = sum(1 for _ in body.iter(f"{W}altChunk"))
    if chunks:
        warnings.append(f"{chunks} embedded document chunk(s) (w:altChunk) left out")
    return warnings


class _BodyReader:
    """Walks the body in document order, counting list numbers as Word does on the way."""

    def __init__(self, package: DocxDocument) -> None:
        part = package.part
        self.styles = ParagraphStyles(_related_element(part, RT.STYLES))
        self.numbering = ListNumbering(
            _related_element(part, RT.NUMBERING), self.styles.numbering_style_num_id
        )

    def blocks(self, container: etree._Element) -> list[Block]:
        blocks: list[Block] = []
        for child in container:
            if child.tag == _P:
                paragraph = self.paragraph(child)
                if paragraph is not None:
                    blocks.append(paragraph)
            elif child.tag == _TBL:
                frame = _frame_cell(child)
                blocks.extend(self.blocks(frame) if frame is not None else table_to_blocks(child, self.cell))
            elif child.tag in _BLOCK_WRAPPERS:
                blocks.extend(self.blocks(child))
        return blocks

    def paragraph(self, p: etree._Element) -> Paragraph | None:
        """The paragraph with its list label, or None when it shows no text. A paragraph deleted
        with tracked changes (its mark and all its text in w:del) is gone, number and all, as
        Word shows the final text: its list does not count it."""
        p_pr = p.find(_P_PR)
        style_id, num_pr, jc = _paragraph_props(p_pr)
        body = _paragraph_text(p).strip("\n")
        if p_pr is not None and p_pr.find(f"{W}rPr/{W}del") is not None and not body.strip():
            return None
        text = self._label(num_pr, style_id) + body
        if not text.strip():
            return None
        return Paragraph(text, align=_ALIGN.get(jc or self.styles.jc(style_id) or ""))

    def cell(self, tc: etree._Element) -> CellContent:
        """A table cell's paragraph texts and nested tables, counted in document order."""
        content = CellContent([], [], [])
        for child in tc:
            if child.tag == _P:
                paragraph = self.paragraph(child)
                if paragraph is not None:
                    content.texts.append(paragraph.text)
                    content.with_nested.append(paragraph.text)
            elif child.tag == _TBL:
                tables = table_to_blocks(child, self.cell)
                content.nested.extend(tables)
                content.with_nested.extend(" ".join(cell for cell in row if cell) for table in tables for row in table.text_rows())
            elif child.tag in _BLOCK_WRAPPERS:
                inner = self.cell(child)
                content.texts.extend(inner.texts)
                content.nested.extend(inner.nested)
                content.with_nested.extend(inner.with_nested)
        return content

    def _label(self, num_pr: etree._Element | None, style_id: str | None) -> str:
        """Advance the paragraph's list, if it is in one, and return the label Word shows."""
        inherited = self.styles.numbering(style_id)
        num_id = _child_val(num_pr, "numId")
        ilvl_text = _child_val(num_pr, "ilvl")
        if num_id is None and inherited is not None:
            num_id = inherited.num_id
        if num_id is None or num_id == "0":  # numId 0 switches a style's numbering off
            return ""
        if ilvl_text is None and inherited is not None and inherited.num_id == num_id:
            level = inherited.ilvl
            if level is None:
                level = self.numbering.level_for_style(num_id, style_id or inherited.style_id)
            if level is None:
                level = self.numbering.level_for_style(num_id, inherited.style_id)
            ilvl = level or 0
        else:
            try:
                ilvl = int(ilvl_text) if ilvl_text is not None else 0
            except ValueError:
                ilvl = 0
        return self.numbering.next_label(num_id, ilvl)


def _frame_cell(table: etree._Element) -> etree._Element | None:
    """The one cell of a table of one row and one cell: a frame some templates draw around the
    whole text (文号, title, body, signature), not a table of data; its content is the body."""
    rows = table.findall(f"{W}tr")
    cells = rows[0].findall(f"{W}tc") if len(rows) == 1 else []
    return cells[0] if len(cells) == 1 else None


def _paragraph_props(p_pr: etree._Element | None) -> tuple[str | None, etree._Element | None, str | None]:
    """The paragraph's own style id, list reference (``w:numPr``) and alignment, in one pass."""
    style_id = jc = None
    num_pr = None
    if p_pr is not None:
        for child in p_pr:
            tag = child.tag
            if tag == _P_STYLE:
                style_id = child.get(_VAL)
            elif tag == _NUM_PR:
                num_pr = child
            elif tag == _JC:
                jc = child.get(_VAL)
    return style_id, num_pr, jc


def _related_element(part: object, reltype: str) -> etree._Element | None:
    """The parsed XML of a part the document relates to, or None (python-docx would invent one)."""
    try:
        related = part.part_related_by(reltype)  # type: ignore[attr-defined]
    except KeyError:
        return None
    element = getattr(related, "element", None)
    return element if isinstance(element, etree._Element) else None


def _child_val(parent: etree._Element | None, tag: str) -> str | None:
    if parent is None:
        return None
    child = parent.find(f"{W}{tag}")
    return None if child is None else child.get(_VAL)


def _paragraph_text(p: etree._Element) -> str:
    parts: list[str] = []
    _collect_runs(p, parts)
    return "".join(parts)


def _collect_runs(container: etree._Element, parts: list[str]) -> None:
    """Visible text of runs, through hyperlinks, insertions, fields and content controls.

    Deleted text (``w:del``), field codes (``w:instrText``) and note references are not shown
    by Word, so they are not text here either.
    """
    for child in container:
        if child.tag == _R:
            _run_text(child, parts)
        elif child.tag in _RUN_WRAPPERS:
            _collect_runs(child, parts)


def _run_text(run: etree._Element, parts: list[str]) -> None:
    r_pr = run.find(f"{W}rPr")
    if r_pr is not None:
        vanish = r_pr.find(f"{W}vanish")
        if vanish is not None and vanish.get(_VAL, "1") not in ("0", "false", "off"):
            return
    for child in run:
        tag = child.tag
        if tag not in _RUN_TEXT:
            if tag == f"{W}sym":
                parts.append(_sym_char(child))
            continue
        fixed = _RUN_TEXT[tag]
        parts.append(child.text or "" if fixed is None else fixed)


def _sym_char(sym: etree._Element) -> str:
    try:
        return symbol_font_char(chr(int(sym.get(f"{W}char", ""), 16)))
    except (ValueError, OverflowError):
        return ""
