"""The task list as an Excel workbook (``outputs/tasks.xlsx``), because that is what analysts pass around.

Sheets: 全部任务 (every task), 说明 (every input file with its status and message, and the sheet
that holds its tasks), then one sheet per notice. Headers are Chinese, the header row is frozen
and filtered, 截止日期 and 成文日期 are real date cells.

The workbook's SpreadsheetML is written directly (``pipeline/zipwriter.py``) instead of through openpyxl:
openpyxl's write-only mode took 9 s for the 78,000 rows of a 1,000-notice corpus (about 10 µs per
cell), more than half of a full run and far more than an incremental one may take; string
templates take well under a second. Only the parts Excel, LibreOffice, WPS and openpyxl need are
written (workbook, sheets, styles, relationships), with inline strings so that each notice's rows
are rendered once, by the worker that extracted it (``pipeline/parts.py``, kept in the per-notice
cache), and reused in its own sheet (kept deflated) and in 全部任务. Entries carry a fixed timestamp, so the same
tasks give the same bytes and DVC sees no change.
"""

from __future__ import annotations

import logging
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from pipeline.zipwriter import Deflated, ZipWriter, deflate

if TYPE_CHECKING:
    from pipeline.parts import NoticeParts

logger = logging.getLogger(__name__)

ALL_TASKS_SHEET = "全部任务"
NOTICES_SHEET = "说明"
MAX_ROWS = 1_048_576  # Excel's limit per sheet, header included
MAX_CELL_CHARS = 32_767  # Excel's limit per cell
MAX_SHEET_NAME = 31
# Characters Excel refuses in a sheet name: 临沂市[2023] → 临沂市2023.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
# Characters XML 1.0 cannot carry at all (control characters a PDF or a web page may leave behind).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_EPOCH = date(1899, 12, 30)
SHEET_LEVEL = 6  # per-notice sheets: deflated once per notice and cached, so the smaller the better
STREAMED_LEVEL = 1  # 全部任务, deflated on every run
_ROW = "\x00"  # placeholder for the row number in a rendered row; never left in a text (see _text)

ROLE_COLUMNS = {"lead": "牵头单位", "responsible": "责任单位", "cooperate": "配合单位"}
DEADLINE_KINDS = {"date": "日期", "year_round": "全年", "ongoing": "长期", "periodic": "定期", "relative": "相对期限", "none": "无"}
ORIGINS = {"table": "任务分解表", "text": "正文"}
STATUSES = {"ok": "正常", "warning": "警告", "error": "错误"}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a sheet: its Chinese header, its width in characters and how a value is written."""

    header: str
    width: float
    kind: str = "text"  # text | number | date


TASK_COLUMNS = (
    Column("任务编号", 22), Column("地区", 12), Column("年份", 7, "number"), Column("章节", 36),
    Column("工作任务/要求", 80), Column("牵头单位", 28), Column("责任单位", 28), Column("配合单位", 28),
    Column("完成时限", 20), Column("截止日期", 12, "date"), Column("时限类型", 10), Column("来源", 11),
    Column("通知标题", 40), Column("文件", 36),
)  # fmt: skip
NOTICE_COLUMNS = (
    Column("文件", 36), Column("格式", 6), Column("状态", 6), Column("说明", 50), Column("通知编号", 18),
    Column("标题", 50), Column("发文单位", 24), Column("文号", 22), Column("地区", 12), Column("年份", 7, "number"),
    Column("成文日期", 12, "date"), Column("任务数", 8, "number"), Column("工作表", 24),
)  # fmt: skip


def _letters(index: int) -> str:
    """Excel's column letters: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _text(value: str) -> str:
    if _XML_ILLEGAL.search(value):
        value = _XML_ILLEGAL.sub("", value)
    value = value[:MAX_CELL_CHARS].replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    return f"<is><t{space}>{value}</t></is>"


_LETTERS = tuple(_letters(i) for i in range(64))


def _cell(letter: str, column: Column, value: Any, style: int = 0) -> str:
    """One ``<c>`` element with the row number left as a placeholder, or '' for an empty value."""
    if value is None or value == "":
        return ""
    styled = f' s="{style}"' if style else ""
    if column.kind == "date":
        serial = (date.fromisoformat(value) if isinstance(value, str) else value) - _EXCEL_EPOCH
        return f'<c r="{letter}{_ROW}" s="2"><v>{serial.days}</v></c>'
    if column.kind == "number":
        return f'<c r="{letter}{_ROW}"{styled}><v>{int(value)}</v></c>'
    return f'<c r="{letter}{_ROW}"{styled} t="inlineStr">{_text(str(value))}</c>'


def render_row(columns: Sequence[Column], values: Sequence[Any], style: int = 0) -> str:
    """A ``<row>`` whose row number is filled in by ``_place``, so one rendering serves two sheets."""
    cells = "".join([_cell(_LETTERS[i], column, value, style) for i, (column, value) in enumerate(zip(columns, values))])
    return f'<row r="{_ROW}">{cells}</row>'


def _place(row: str, number: int) -> str:
    return row.replace(_ROW, str(number))


def task_values(task: dict[str, Any], notice: dict[str, Any], path: str) -> list[Any]:
    """The cells of one task, in ``TASK_COLUMNS`` order."""
    units: dict[str, list[str]] = {role: [] for role in ROLE_COLUMNS}
    for unit in task["units"]:
        units.setdefault(unit["role"], []).append(unit["name"])
    deadline = task["deadline"]
    return [
        task["task_id"], notice.get("region"), notice.get("year"), " > ".join(task["section"]), task["requirement"],
        "、".join(units["lead"]), "、".join(units["responsible"]), "、".join(units["cooperate"]),
        deadline["raw"], deadline["due"], DEADLINE_KINDS.get(deadline["kind"], deadline["kind"]),
        ORIGINS.get(task["origin"], task["origin"]), notice.get("title"), path,
    ]  # fmt: skip


class SheetNamer:
    """Hands out a unique, valid sheet name per notice, one notice at a time (the workbook is
    written as notices stream in)."""

    def __init__(self) -> None:
        self._taken = {ALL_TASKS_SHEET.casefold(), NOTICES_SHEET.casefold(), "history"}

    def name(self, notice: dict[str, Any]) -> str:
        region = _SHEET_NAME_FORBIDDEN.sub("", notice.get("region") or "") or "未知地区"
        tail = f"{notice.get('year') or ''}-{notice['notice_id'][:6]}"
        base = region[: MAX_SHEET_NAME - len(tail)].strip("'") + tail
        name, copy = base, 1
        while name.casefold() in self._taken:  # the same file twice in the corpus has the same id
            copy += 1
            suffix = f"({copy})"
            name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        self._taken.add(name.casefold())
        return name


def sheet_names(notices: Iterable[dict[str, Any]]) -> list[str]:
    """A unique, valid sheet name per notice from its region, year and id, never its title.

    >>> sheet_names([{"region": "临沂市", "year": 2023, "notice_id": "0a1b2c3d4e5f6789"}] * 2)
    ['临沂市2023-0a1b2c', '临沂市2023-0a1b2c(2)']
    """
    namer = SheetNamer()
    return [namer.name(notice) for notice in notices]


def _sheet_head(columns: Sequence[Column], rows: int, selected: bool) -> str:
    """A worksheet up to its first data row: frozen, filtered header row and column widths."""
    header = _place(render_row([Column(c.header, c.width) for c in columns], [c.header for c in columns], style=1), 1)
    widths = "".join(f'<col min="{i}" max="{i}" width="{c.width}" customWidth="1"/>' for i, c in enumerate(columns, start=1))
    tab = ' tabSelected="1"' if selected else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<dimension ref="{_range(columns, rows)}"/>'
        f'<sheetViews><sheetView workbookViewId="0"{tab}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols>'
        f"<sheetData>{header}"
    )


def _sheet_tail(columns: Sequence[Column], rows: int) -> str:
    return f'</sheetData><autoFilter ref="{_range(columns, rows)}"/></worksheet>'


def _range(columns: Sequence[Column], rows: int) -> str:
    """The header and ``rows`` data rows: A1:N79."""
    return f"A1:{_letters(len(columns) - 1)}{rows + 1}"


_ROW_START = f'<row r="{_ROW}">'.encode()


def numbered_rows(rendered: bytes, first: int, limit: int = MAX_ROWS) -> tuple[bytes, int]:
    """Rows rendered by ``render_row`` (UTF-8, back to back) numbered from ``first``; at most ``limit``.

    >>> numbered_rows(render_row([Column("a", 1)], ["x"]).encode() * 2, 5)[0].decode()
    '<row r="5"><c r="A5" t="inlineStr"><is><t>x</t></is></c></row><row r="6"><c r="A6" t="inlineStr"><is><t>x</t></is></c></row>'
    """
    pieces = rendered.split(_ROW_START)[1 : limit + 1]
    out = []
    for number, piece in enumerate(pieces, start=first):
        digits = b"%d" % number
        out.append(b'<row r="' + digits + b'">' + piece.replace(_ROW.encode(), digits))
    return b"".join(out), len(pieces)


_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="等线"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>'
)
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def _workbook_parts(names: Sequence[str], filter_ranges: Sequence[str]) -> dict[str, str]:
    sheets = "".join(f'<sheet name={quoteattr(n)} sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, start=1))
    # Excel wants the hidden _FilterDatabase name beside every autoFilter, or it offers to repair the file.
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
        f"{escape(_quoted_sheet(n))}!{_absolute(r)}</definedName>"
        for i, (n, r) in enumerate(zip(names, filter_ranges))
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets>'
        f"<definedNames>{filters}</definedNames></workbook>"
    )
    relations = "".join(
        f'<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        f'Target="worksheets/sheet{i}.xml"/>'
        for i in range(1, len(names) + 1)
    )
    styles_id = len(names) + 1
    workbook_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'{relations}<Relationship Id="rId{styles_id}" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    )
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>' for i in range(1, len(names) + 1)
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        f"{overrides}</Types>"
    )
    return {
        "[Content_Types].xml": content_types,
        "_rels/.rels": _ROOT_RELS,
        "xl/workbook.xml": workbook,
        "xl/_rels/workbook.xml.rels": workbook_rels,
        "xl/styles.xml": _STYLES,
    }


def _quoted_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def _absolute(reference: str) -> str:
    """A1:N20 → $A$1:$N$20."""
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in reference.split(":"))


def _notice_row(parts: NoticeParts, sheet: str | None) -> list[Any]:
    notice = parts.summary or {}
    return [
        parts.path, notice.get("format"), STATUSES.get(parts.status.value, parts.status.value), parts.message,
        notice.get("notice_id"), notice.get("title"), notice.get("issuer"), notice.get("doc_number"),
        notice.get("region"), notice.get("year"), notice.get("signed"), notice.get("n_tasks"), sheet,
    ]  # fmt: skip


def notice_sheet(rendered: bytes) -> tuple[Deflated, int]:
    """A notice's own sheet from its rendered rows, deflated, and its number of rows.

    Done once per notice, by the worker that extracted it, and cached with the notice's other
    parts: the sheet does not depend on the other notices (its name, which does, is in the
    workbook part), so a later run copies it into the zip as it is.
    """
    body, rows = numbered_rows(rendered, 2)
    text = _sheet_head(TASK_COLUMNS, rows, selected=False).encode() + body + _sheet_tail(TASK_COLUMNS, rows).encode()
    return deflate(text, SHEET_LEVEL), rows


class WorkbookWriter:
    """Writes ``tasks.xlsx`` as files stream in, in memory that does not grow with the corpus.

    Each notice's own sheet, deflated beforehand (``notice_sheet``), goes into the zip as soon as
    the notice arrives; the rows of 全部任务 and 说明 are appended to two temporary files and
    become sheets 1 and 2 when the writer is closed, followed by the workbook part naming all
    sheets (the order of zip entries does not matter to readers). 全部任务 is deflated at level 1
    as the run ends: about 10 % larger than level 6 in a third of the time.
    """

    def __init__(self, path: Path, scratch: Path) -> None:
        self._archive = ZipWriter(path)
        self._all_tasks = tempfile.TemporaryFile(dir=scratch)
        self._files = tempfile.TemporaryFile(dir=scratch)
        self._namer = SheetNamer()
        self._sheets: list[tuple[str, int]] = []  # per-notice sheets: name and rows
        self._all_rows = self._file_rows = self._left_out = 0

    def add(self, parts: NoticeParts) -> None:
        """One file: its notice's sheet, its tasks in 全部任务 and its line in 说明."""
        sheet = None
        if parts.summary is not None and parts.sheet is not None:
            sheet = self._namer.name(parts.summary)
            self._archive.write_deflated(f"xl/worksheets/sheet{len(self._sheets) + 3}.xml", parts.sheet)
            rows = parts.sheet_rows
            self._sheets.append((sheet, rows))
            room = MAX_ROWS - 1 - self._all_rows
            kept, added = numbered_rows(bytes(parts.part("rows")), self._all_rows + 2, limit=room) if room > 0 else (b"", 0)
            self._all_tasks.write(kept)
            self._all_rows += added
            self._left_out += rows - added
        if self._file_rows < MAX_ROWS - 1:
            row = _place(render_row(NOTICE_COLUMNS, _notice_row(parts, sheet)), self._file_rows + 2)
            self._files.write(row.encode("utf-8"))
            self._file_rows += 1

    def close(self) -> None:
        """Write 全部任务, 说明 and the workbook parts, and close the file."""
        if self._left_out:
            logger.warning("tasks.xlsx: %d more tasks than one sheet holds; 全部任务 keeps the first %d",
                           self._left_out, MAX_ROWS - 1)  # fmt: skip
        self._copy_entry("xl/worksheets/sheet1.xml", TASK_COLUMNS, self._all_tasks, self._all_rows, selected=True)
        self._copy_entry("xl/worksheets/sheet2.xml", NOTICE_COLUMNS, self._files, self._file_rows, selected=False)
        names = [ALL_TASKS_SHEET, NOTICES_SHEET, *(name for name, _ in self._sheets)]
        ranges = [_range(TASK_COLUMNS, self._all_rows), _range(NOTICE_COLUMNS, self._file_rows)]
        ranges += [_range(TASK_COLUMNS, rows) for _, rows in self._sheets]
        for part, text in _workbook_parts(names, ranges).items():
            self._archive.write(part, text.encode("utf-8"))
        self._archive.close()
        self._close_scratch()

    def abort(self) -> None:
        """Close every file without finishing the workbook (a failed run deletes it)."""
        self._archive.abort()
        self._close_scratch()

    def _close_scratch(self) -> None:
        self._all_tasks.close()
        self._files.close()

    def _copy_entry(self, name: str, columns: Sequence[Column], rows: IO[bytes], count: int, selected: bool) -> None:
        head, tail = _sheet_head(columns, count, selected).encode(), _sheet_tail(columns, count).encode()
        size = len(head) + rows.tell() + len(tail)
        rows.seek(0)
        self._archive.write_chunks(name, _chunks(head, rows, tail), size, level=STREAMED_LEVEL)


def _chunks(head: bytes, body: IO[bytes], tail: bytes) -> Iterator[bytes]:
    yield head
    while chunk := body.read(1 << 20):
        yield chunk
    yield tail
