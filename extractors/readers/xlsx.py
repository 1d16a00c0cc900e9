"""Excel (.xlsx) notices: each visible worksheet as title paragraphs, a table and note paragraphs.

Task tables published as spreadsheets put the title in a merged first row, repeat the header
with print titles, merge a group label down a column and end with a 注： line. openpyxl reads
the cell values (shared strings, dates, cached formula results) in read-only mode, which
streams rows and keeps memory bounded; merged ranges and print titles, which read-only mode
does not expose, are read from the sheet and workbook XML with a parser that resolves no
entities and reads no network. Loading with read_only=False would expose them too, but it
restyles every merged cell on load and costs several times the whole read.
"""

from __future__ import annotations

import bisect
import datetime as dt
import posixpath
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import openpyxl
from lxml import etree
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import from_excel

from extractors.document import Align, Block, Cell, Document, InputFormat, MetaKey, Paragraph, Table
from extractors.readers.errors import ReaderError
from extractors.readers.html_meta import labelled_values
from extractors.readers.limits import DEFAULT_LIMITS, Limits, too_many_rows
from extractors.readers.ooxml import EXCEL, open_container
from extractors.readers.xlsx_dates import CJK_BUILTIN_DATE_FORMATS, temporal_to_text

# A 说明 sheet of label | value rows is short; a task table is not read for metadata.
_MAX_LABEL_ROWS = 20
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_WORKBOOK = "xl/workbook.xml"
_WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
_MAX_TITLE_ROWS = 3
# Excel stores control characters such as CR as _x000D_; openpyxl leaves them escaped.
_ESCAPED_CHAR = re.compile(r"_x([0-9A-Fa-f]{4})_")
# Print titles as Excel writes them: 'Sheet 1'!$2:$3 (possibly followed by columns).
_PRINT_ROWS = re.compile(r"!\$?(\d+):\$?(\d+)\s*(?:,|$)")
# A note under a table: 注：…, 注1.…, 备注：…, 说明：…, 填表说明：…
_NOTE = re.compile(r"^\s*(?:注|备注|附注|说明|填表说明)\s*[0-9０-９一二三四五六七八九十]*\s*[:：.．、]")

# Excel's last day, 9999-12-31: a larger serial in a date format shows as ####.
_MAX_DAY_SERIAL = 2958466

_SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

Coord = tuple[int, int]  # (row, column), 1-based as in the sheet


@dataclass(frozen=True, slots=True)
class _SheetInfo:
    """What workbook.xml says about a sheet: its name, part, visibility and print-title rows."""

    name: str
    part: str
    hidden: bool
    print_rows: tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class _Merge:
    top: int
    left: int
    bottom: int
    right: int


def read_xlsx(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read every visible worksheet of a workbook into paragraphs and tables, sheet by sheet.

    A title row merged over the table width ("2023年临沂市政务公开工作要点任务分解表") becomes a
    centred paragraph, the rows below a table whose group label merged down column A is one
    cell with a row span, and a trailing "注：…" row a paragraph after the table.
    """
    archive = open_container(path, EXCEL, limits)
    with archive:
        sheets = _read_sheet_infos(path, archive)
        values = _read_values(path, [sheet.name for sheet in sheets if not sheet.hidden], limits)
        blocks: list[Block] = []
        notes: list[str] = []
        for sheet in sheets:
            if sheet.hidden:
                notes.append(f"hidden sheet {sheet.name!r} skipped")
                continue
            cells = values.get(sheet.name, {})
            if not cells:
                continue
            merges = _read_merges(path, archive, sheet.part)
            blocks.extend(sheet_to_blocks(cells, merges, sheet.print_rows))
    if not blocks:
        hidden = f" ({'; '.join(notes)})" if notes else ""
        raise ReaderError(path, f"no visible worksheet holds any value{hidden}")
    return Document(blocks=tuple(blocks), format=InputFormat.XLSX, meta=_sheet_meta(blocks), warnings=tuple(notes))


def _sheet_meta(blocks: Sequence[Block]) -> dict[MetaKey, str]:
    """文号, 成文日期, 发文机关… from the first narrow table of label | value rows (a 说明 sheet
    beside the task sheet); the table stays in the document."""
    for block in blocks:
        if isinstance(block, Table) and 2 <= block.n_cols <= 4 and block.n_rows <= _MAX_LABEL_ROWS:
            rows = [[cell.text if cell is not None else "" for cell in row] for row in block.grid()]
            if found := labelled_values(rows):
                return found
    return {}


def _parse_part(path: Path, archive: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        return etree.fromstring(archive.read(name), _SAFE_PARSER)
    except KeyError as error:
        raise ReaderError(path, f"the workbook lacks its part {name}; re-save it in Excel") from error
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise ReaderError(path, f"damaged workbook part {name} ({error}); re-save it in Excel") from error


def _read_sheet_infos(path: Path, archive: zipfile.ZipFile) -> list[_SheetInfo]:
    workbook = _parse_part(path, archive, _WORKBOOK)
    targets: dict[str, str] = {}
    if _WORKBOOK_RELS in archive.NameToInfo:
        for rel in _parse_part(path, archive, _WORKBOOK_RELS).iterfind(f"{_PKG_REL}Relationship"):
            if not rel.get("Type", "").endswith("/worksheet"):
                continue  # chart and dialog sheets hold no cells
            target = rel.get("Target", "")
            part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
            targets[rel.get("Id", "")] = posixpath.normpath(part)
    print_rows: dict[str, tuple[int, int]] = {}
    for name in workbook.iterfind(f"{_MAIN}definedNames/{_MAIN}definedName"):
        match = _PRINT_ROWS.search(name.text or "")
        if name.get("name") == "_xlnm.Print_Titles" and match and name.get("localSheetId"):
            print_rows[name.get("localSheetId", "")] = (int(match[1]), int(match[2]))
    sheets = []
    for index, sheet in enumerate(workbook.iterfind(f"{_MAIN}sheets/{_MAIN}sheet")):
        part = targets.get(sheet.get(f"{_REL}id", ""))
        if part is None:
            continue
        sheets.append(
            _SheetInfo(
                name=sheet.get("name", ""),
                part=part,
                hidden=sheet.get("state", "visible") != "visible",
                print_rows=print_rows.get(str(index)),
            )
        )
    return sheets


def _read_values(path: Path, names: list[str], limits: Limits) -> dict[str, dict[Coord, str]]:
    """Each named sheet's non-empty cells as display text, read by openpyxl in one pass."""
    raw = _read_raw_values(path, names, limits)
    values: dict[str, dict[Coord, str]] = {}
    for name, cells in raw.items():
        texts = {coord: value_to_text(value) for coord, value in cells.items()}
        values[name] = {coord: text for coord, text in texts.items() if text.strip()}
    return values


class _TooManyRows(Exception):
    """A sheet ran past ``limits.max_table_rows``; raised inside openpyxl's read, re-raised outside."""

    def __init__(self, sheet: str) -> None:
        self.sheet = sheet


def _read_raw_values(path: Path, names: list[str], limits: Limits) -> dict[str, dict[Coord, object]]:
    if not names:
        return {}
    try:
        # A file object, not the path: openpyxl refuses a workbook by its name's suffix, and the
        # format was told from the bytes (a workbook saved as 任务表.docx is still a workbook).
        with warnings.catch_warnings(), path.open("rb") as stream:
            # openpyxl warns about features it drops (data validation, slicers …): not our concern.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
            try:
                return {
                    name: _sheet_raw_values(workbook[name], limits.max_table_rows)
                    for name in names
                    if name in workbook
                }
            finally:
                workbook.close()
    except _TooManyRows as error:
        raise too_many_rows(path, limits, f"worksheet {error.sheet!r}") from None
    except Exception as error:  # noqa: BLE001
        # openpyxl parses untrusted bytes; whatever it trips on is a property of the file.
        raise ReaderError(
            path, f"damaged workbook ({type(error).__name__}: {error}); re-save it in Excel"
        ) from error


def _sheet_raw_values(sheet: object, max_rows: int) -> dict[Coord, object]:
    # Stated dimensions are often wrong (A1:XFD1048576); without them openpyxl yields only the
    # rows the sheet stores, each as wide as its last cell.
    sheet.reset_dimensions()  # type: ignore[attr-defined]
    epoch = sheet.parent.epoch  # type: ignore[attr-defined]
    cells: dict[Coord, object] = {}
    stored = 0
    # Cells, not values_only: a date's number format says whether it shows a day or a month.
    for r, row in enumerate(sheet.iter_rows(), start=1):  # type: ignore[attr-defined]
        stored += 1
        if stored > max_rows:  # streamed rows are counted, so a million-row sheet stops here
            raise _TooManyRows(sheet.title)  # type: ignore[attr-defined]
        for c, cell in enumerate(row, start=1):
            value = cell.value
            if value is None or isinstance(value, str):
                if value is not None:
                    cells[(r, c)] = value
            else:
                cells[(r, c)] = _typed_cell_value(cell, value, epoch)
    return cells


def _typed_cell_value(cell: Any, value: object, epoch: dt.datetime) -> object:
    """A number, date or time cell's value, with a date rendered as its number format shows it."""
    if isinstance(value, (dt.date, dt.time)):
        return temporal_to_text(value, cell.number_format)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and cell.has_style:
        # openpyxl leaves a date in an East Asian built-in format as its day serial.
        cjk_format = CJK_BUILTIN_DATE_FORMATS.get(cell.style_array.numFmtId)
        if cjk_format is not None and 0 <= value < _MAX_DAY_SERIAL:
            return temporal_to_text(from_excel(value, epoch), cjk_format)
    return value


def value_to_text(value: object) -> str:
    """A cell value as the text a reader of the sheet sees.

    ``2023.0`` → "2023", ``datetime(2023, 6, 30)`` → "2023-06-30", "2023年_x000D_\\n6月底前" →
    "2023年\\n6月底前".
    """
    if value is None:
        return ""
    if isinstance(value, str):
        if "_x" in value:
            value = _ESCAPED_CHAR.sub(lambda m: chr(int(m[1], 16)), value)
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}"  # the 15 significant digits Excel shows
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _read_merges(path: Path, archive: zipfile.ZipFile, part: str) -> list[_Merge]:
    """The sheet's merged ranges, streamed so a large sheet is never held as one tree."""
    try:
        with archive.open(part) as stream:
            return list(_merges_from_stream(stream))
    except KeyError as error:
        raise ReaderError(path, f"the workbook lacks its sheet part {part}; re-save it in Excel") from error
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise ReaderError(path, f"damaged sheet {part} ({error}); re-save it in Excel") from error


def _merges_from_stream(stream: IO[bytes]) -> Iterable[_Merge]:
    events = etree.iterparse(
        stream,
        events=("end",),
        tag=(f"{_MAIN}row", f"{_MAIN}mergeCell"),
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
    )
    for _, element in events:
        if element.tag == f"{_MAIN}mergeCell":
            try:
                left, top, right, bottom = range_boundaries(element.get("ref", ""))
            except (ValueError, TypeError):
                continue
            if None not in (left, top, right, bottom):
                yield _Merge(top, left, bottom, right)  # type: ignore[arg-type]
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]


def sheet_to_blocks(
    cells: dict[Coord, str], merges: list[_Merge], print_rows: tuple[int, int] | None = None
) -> list[Block]:
    """Title paragraphs, the table, then note paragraphs, from a sheet's non-empty cells.

    Only the top-left cell of a merged range shows a value in Excel, so values hidden under a
    merge are ignored; rows and columns with no value are dropped and the table re-indexed.
    """
    merges = _usable_merges(cells, merges)
    by_anchor = {(m.top, m.left): m for m in merges}
    covered = {
        (r, c)
        for m in merges
        for r in range(m.top, m.bottom + 1)
        for c in range(m.left, m.right + 1)
        if (r, c) != (m.top, m.left)
    }
    cells = {coord: text for coord, text in cells.items() if coord not in covered}
    if not cells:
        return []
    by_row: dict[int, list[int]] = {}
    for r, c in sorted(cells):
        by_row.setdefault(r, []).append(c)
    rows = sorted(by_row)
    if all(len(columns) == 1 for columns in by_row.values()):
        # One value a row: a sheet of prose (a 说明 sheet, a notice typed into column A), not a table.
        return [Paragraph(cells[(r, by_row[r][0])]) for r in rows]
    multi_column = len({c for _, c in cells}) > 1

    def lone(r: int) -> tuple[int, _Merge | None] | None:
        """The column of a row's only value, and the merge it anchors, if the row has one value."""
        if len(by_row[r]) != 1:
            return None
        return by_row[r][0], by_anchor.get((r, by_row[r][0]))

    titles: list[int] = []
    for r in rows[:_MAX_TITLE_ROWS]:
        single = lone(r)
        # A lone value above a table of several columns is its title (merged over it or not).
        if not multi_column or len(rows) - len(titles) < 2 or single is None:
            break
        if single[1] is not None and single[1].bottom > r:
            break
        titles.append(r)
    body = rows[len(titles):]
    notes: list[int] = []
    while len(body) > 1:
        single = lone(body[-1])
        if single is None or not _is_note(cells[(body[-1], single[0])], single[1]):
            break
        notes.insert(0, body.pop())

    blocks: list[Block] = [Paragraph(cells[(r, by_row[r][0])], align=Align.CENTER) for r in titles]
    table = _rows_to_table(cells, by_anchor, body, print_rows)
    if table is not None:
        blocks.append(table)
    blocks.extend(Paragraph(cells[(r, by_row[r][0])]) for r in notes)
    return blocks


def _is_note(text: str, merge: _Merge | None) -> bool:
    """A row under the table that is prose: 注：…, or one value merged across columns."""
    if merge is not None and merge.bottom == merge.top and merge.right > merge.left:
        return True
    return bool(_NOTE.match(text))


def _usable_merges(cells: dict[Coord, str], merges: list[_Merge]) -> list[_Merge]:
    """Merges clipped to the cells in use, without overlaps (which Excel refuses to open)."""
    if not cells:
        return []
    max_row = max(r for r, _ in cells)
    max_col = max(c for _, c in cells)
    taken: set[Coord] = set()
    usable = []
    for m in sorted(merges, key=lambda m: (m.top, m.left)):
        if not (1 <= m.top <= max_row and 1 <= m.left <= max_col):
            continue
        clipped = _Merge(m.top, m.left, min(m.bottom, max_row), min(m.right, max_col))
        slots = {
            (r, c)
            for r in range(clipped.top, clipped.bottom + 1)
            for c in range(clipped.left, clipped.right + 1)
        }
        if len(slots) == 1 or slots & taken:
            continue
        taken |= slots
        usable.append(clipped)
    return usable


def _count_between(sorted_values: list[int], low: int, high: int) -> int:
    return bisect.bisect_right(sorted_values, high) - bisect.bisect_left(sorted_values, low)


def _rows_to_table(
    cells: dict[Coord, str],
    by_anchor: dict[Coord, _Merge],
    rows: list[int],
    print_rows: tuple[int, int] | None,
) -> Table | None:
    """The body rows as a compact table: spans count only the rows and columns kept."""
    kept = set(rows)
    body = {(r, c): text for (r, c), text in cells.items() if r in kept}
    if not body:
        return None
    row_index = {r: i for i, r in enumerate(rows)}
    columns = sorted({c for _, c in body})
    col_index = {c: i for i, c in enumerate(columns)}
    table_cells = []
    for (r, c), text in sorted(body.items()):
        merge = by_anchor.get((r, c))
        row_span = col_span = 1
        if merge is not None:
            row_span = _count_between(rows, merge.top, merge.bottom)
            col_span = _count_between(columns, merge.left, merge.right)
        table_cells.append(Cell(row_index[r], col_index[c], text, row_span, col_span))
    header_rows = 0
    if print_rows is not None:
        for r in rows:
            if not print_rows[0] <= r <= print_rows[1]:
                break
            header_rows += 1
    return Table(
        cells=tuple(table_cells), n_rows=len(rows), n_cols=len(columns), header_rows=header_rows
    )
