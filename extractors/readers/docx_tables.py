"""Word tables (``w:tbl``) as spanning cells, built from the XML cell elements themselves.

Word stores a horizontal merge as one ``w:tc`` with ``w:gridSpan`` and a vertical merge as a
``w:tc`` with ``w:vMerge="restart"`` followed, row by row, by empty ``w:tc`` marked
``w:vMerge`` (continue) at the same grid column. python-docx hands back a merged cell once per
grid slot, so equal text would be the only clue there; here each ``w:tc`` is read once and a
continuation cell extends the cell above it, so two neighbours with the same text stay two cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from lxml import etree

from extractors.document import Cell, Table
from extractors.readers.docx_numbering import W

_VAL = f"{W}val"
_MAX_SPAN = 63  # Word's column limit; a larger gridSpan is damage, not layout
_WRAPPERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml")
_TC_PR, _GRID_SPAN, _V_MERGE, _H_MERGE = f"{W}tcPr", f"{W}gridSpan", f"{W}vMerge", f"{W}hMerge"



@dataclass(slots=True)
class CellContent:
    """A cell's content: the texts of its paragraphs that show something, the tables nested in
    it (already blocks), and its texts with each nested table's rows as lines where it stands."""

    texts: list[str]
    nested: list[Table]
    with_nested: list[str]


ReadCell = Callable[[etree._Element], CellContent]
# A row with this many other cells showing text is a row of data, not a frame around a table
_DATA_ROW_OTHER_CELLS = 2


@dataclass(slots=True)
class _Span:
    row: int
    col: int
    col_span: int
    row_span: int = 1
    texts: list[str] = field(default_factory=list)


def _children(parent: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Rows of a table or cells of a row, looking through content controls and custom XML."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _int_val(parent: etree._Element | None, path: str, default: int) -> int:
    if parent is None:
        return default
    found = parent.find(path)
    if found is None:
        return default
    try:
        return int(found.get(_VAL, default))
    except ValueError:
        return default


def _on(element: etree._Element | None) -> bool:
    return element is not None and element.get(_VAL, "1") not in ("0", "false", "off")


def _cell_props(tc_pr: etree._Element | None) -> tuple[int, bool, bool]:
    """A cell's grid width and whether it continues a vertical or a (legacy) horizontal merge.

    ``w:vMerge`` without a value continues the merge above; ``w:val="restart"`` begins one.
    """
    width, v_continue, h_continue = 1, False, False
    if tc_pr is None:
        return width, v_continue, h_continue
    for child in tc_pr:
        tag = child.tag
        if tag == _GRID_SPAN:
            try:
                width = max(1, min(int(child.get(_VAL, "1")), _MAX_SPAN))
            except ValueError:
                width = 1
        elif tag == _V_MERGE:
            v_continue = child.get(_VAL) != "restart"
        elif tag == _H_MERGE:
            h_continue = child.get(_VAL) != "restart"
    return width, v_continue, h_continue


def _reads_nested_as_text(content: CellContent, others_showing: int) -> bool:
    """Whether the tables nested in a cell are read as its lines: in a row of data (a small
    阶段 | 时间 table inside a 工作要求 cell is part of that requirement, not a table of its own)."""
    return bool(content.nested) and others_showing >= _DATA_ROW_OTHER_CELLS


def table_to_blocks(tbl: etree._Element, read_cell: ReadCell) -> list[Table]:
    """The table, then every table nested in its cells (in document order), as blocks.

    Trailing rows with no text are dropped; an outer table with no text at all (a layout frame
    around a nested table) yields only the nested ones. A table nested in a cell of a row of
    data is that cell's text instead (``_reads_nested_as_text``).
    """
    spans: list[_Span] = []
    nested: list[Table] = []
    header_rows = 0
    counting_header = True
    above: dict[int, _Span] = {}  # cells whose bottom row is the previous row, by start column
    n_rows = 0
    for r, tr in enumerate(_children(tbl, f"{W}tr")):
        n_rows = r + 1
        tr_pr = tr.find(f"{W}trPr")
        if counting_header and tr_pr is not None and _on(tr_pr.find(f"{W}tblHeader")):
            header_rows += 1
        else:
            counting_header = False
        col = max(0, min(_int_val(tr_pr, f"{W}gridBefore", 0), _MAX_SPAN))
        current: dict[int, _Span] = {}
        previous: _Span | None = None
        cells = list(_children(tr, f"{W}tc"))
        contents = [read_cell(tc) for tc in cells]  # in document order: list counters run on
        showing = sum(1 for content in contents if content.texts)
        for tc, content in zip(cells, contents, strict=True):
            width, v_continue, h_continue = _cell_props(tc.find(_TC_PR))
            inline = _reads_nested_as_text(content, others_showing=showing - bool(content.texts))
            texts = content.with_nested if inline else content.texts
            if not inline:
                nested.extend(content.nested)
            if h_continue and previous is not None:
                # Legacy horizontal merge: this slot belongs to the cell on its left.
                previous.col_span += width
                previous.texts.extend(texts)
                col += width
                continue
            upper = above.get(col)
            if v_continue and upper is not None:
                upper.row_span += 1
                upper.texts.extend(texts)  # Word hides such text; keeping it loses nothing
                span = upper
            else:
                span = _Span(r, col, width, texts=list(texts))
                spans.append(span)
            current[col] = span
            previous = span
            col += width
        above = current
    table = _spans_to_table(spans, n_rows, header_rows)
    return ([table] if table is not None else []) + nested


def _spans_to_table(spans: list[_Span], n_rows: int, header_rows: int) -> Table | None:
    last_row = max((s.row + s.row_span - 1 for s in spans if any(t.strip() for t in s.texts)), default=-1)
    if last_row < 0:
        return None
    n_rows = min(n_rows, last_row + 1)
    cells = tuple(
        Cell(
            row=s.row,
            col=s.col,
            text="\n".join(s.texts),
            row_span=min(s.row_span, n_rows - s.row),
            col_span=s.col_span,
        )
        for s in sorted(spans, key=lambda s: (s.row, s.col))
        if s.row < n_rows
    )
    n_cols = max(cell.col + cell.col_span for cell in cells)
    return Table(cells=cells, n_rows=n_rows, n_cols=n_cols, header_rows=min(header_rows, n_rows))
