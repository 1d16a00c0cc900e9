"""The task list as an Excel workbook (``outputs/tasks.xlsx``), because that is what analysts pass around.

Sheets: 全部任务 (every task), 说明 (every input file with its status and message, and the sheet
that holds its tasks), then one sheet per notice. Headers are Chinese, the header row is frozen
and filtered, 截止日期 and 成文日期 are real date cells.

The workbook's SpreadsheetML is written directly with ``zipfile`` instead of through openpyxl:
openpyxl's write-only mode took 9 s for the 78,000 rows of a 1,000-notice corpus (about 10 µs per
cell), more than half of a full run and far more than an incremental one may take; string
templates take well under a second. Only the parts Excel, LibreOffice, WPS and openpyxl need are
written (workbook, sheets, styles, relationships), with inline strings so that each notice's rows
are rendered once and reused in its own sheet and in 全部任务. Entries carry a fixed timestamp, so
the same tasks give the same bytes and DVC sees no change.
"""

from __future__ import annotations

import logging
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from pipeline.extract import FileResult

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


def sheet_names(notices: Iterable[dict[str, Any]]) -> list[str]:
    """A unique, valid sheet name per notice from its region, year and id, never its title.

    >>> sheet_names([{"region": "临沂市", "year": 2023, "notice_id": "0a1b2c3d4e5f6789"}] * 2)
    ['临沂市2023-0a1b2c', '临沂市2023-0a1b2c(2)']
    """
    taken = {ALL_TASKS_SHEET.casefold(), NOTICES_SHEET.casefold(), "history"}
    names = []
    for notice in notices:
        region = _SHEET_NAME_FORBIDDEN.sub("", notice.get("region") or "") or "未知地区"
        tail = f"{notice.get('year') or ''}-{notice['notice_id'][:6]}"
        base = region[: MAX_SHEET_NAME - len(tail)].strip("'") + tail
        name, copy = base, 1
        while name.casefold() in taken:  # the same file twice in the corpus has the same id
            copy += 1
            suffix = f"({copy})"
            name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _sheet_xml(columns: Sequence[Column], rows: Iterable[str], selected: bool) -> str:
    """A worksheet: frozen, filtered header row, column widths, then the rendered rows numbered from 2."""
    header = _place(render_row([Column(c.header, c.width) for c in columns], [c.header for c in columns], style=1), 1)
    body = [_place(row, number) for number, row in enumerate(rows, start=2)]
    last = f"{_letters(len(columns) - 1)}{len(body) + 1}"
    widths = "".join(f'<col min="{i}" max="{i}" width="{c.width}" customWidth="1"/>' for i, c in enumerate(columns, start=1))
    tab = ' tabSelected="1"' if selected else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<dimension ref="A1:{last}"/>'
        f'<sheetViews><sheetView workbookViewId="0"{tab}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols>'
        f"<sheetData>{header}{''.join(body)}</sheetData>"
        f'<autoFilter ref="A1:{last}"/></worksheet>'
    )


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


def _notice_row(result: FileResult, sheet: str | None) -> list[Any]:
    notice = result.notice or {}
    source = notice.get("source", {})
    return [
        result.path, source.get("format"), STATUSES.get(result.status.value, result.status.value), result.message,
        notice.get("notice_id"), notice.get("title"), notice.get("issuer"), notice.get("doc_number"),
        notice.get("region"), notice.get("year"), notice.get("signed"),
        len(notice.get("tasks", [])) if result.notice else None, sheet,
    ]  # fmt: skip


def write_workbook(results: Sequence[FileResult], path: Path, compresslevel: int = 1) -> None:
    """Write the task workbook of ``results`` to ``path`` (the caller renames it into place).

    ``compresslevel`` 1 makes a file about 10 % larger than level 6 in a third of the time.
    """
    with_notice = [r for r in results if r.notice is not None]
    names = sheet_names(r.notice for r in with_notice if r.notice is not None)
    sheet_of = {id(r): n for r, n in zip(with_notice, names)}
    rendered: list[list[str]] = []
    for result in with_notice:
        notice = result.notice
        assert notice is not None
        rendered.append([render_row(TASK_COLUMNS, task_values(t, notice, result.path)) for t in notice["tasks"]])
    all_rows = [row for rows in rendered for row in rows]
    if len(all_rows) >= MAX_ROWS:
        logger.warning("tasks.xlsx: %d tasks, more than one sheet holds; 全部任务 keeps the first %d", len(all_rows), MAX_ROWS - 1)
        all_rows = all_rows[: MAX_ROWS - 1]
    notice_rows = [render_row(NOTICE_COLUMNS, _notice_row(r, sheet_of.get(id(r)))) for r in results]

    sheets: list[tuple[str, Callable[[], str], int]] = [
        (ALL_TASKS_SHEET, lambda: _sheet_xml(TASK_COLUMNS, all_rows, selected=True), len(all_rows)),
        (NOTICES_SHEET, lambda: _sheet_xml(NOTICE_COLUMNS, notice_rows, selected=False), len(notice_rows)),
    ]
    for name, rows in zip(names, rendered):
        sheets.append((name, lambda rows=rows: _sheet_xml(TASK_COLUMNS, rows, selected=False), len(rows)))  # type: ignore[misc]
    widths = [len(TASK_COLUMNS), len(NOTICE_COLUMNS)] + [len(TASK_COLUMNS)] * len(names)
    ranges = [f"A1:{_letters(w - 1)}{n + 1}" for w, (_, _, n) in zip(widths, sheets)]

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as archive:
        for part, text in _workbook_parts([s[0] for s in sheets], ranges).items():
            _write_entry(archive, part, text)
        for index, (_, render, _) in enumerate(sheets, start=1):
            _write_entry(archive, f"xl/worksheets/sheet{index}.xml", render())


def _write_entry(archive: zipfile.ZipFile, name: str, text: str) -> None:
    info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))  # fixed: same tasks, same bytes
    info.compress_type = zipfile.ZIP_DEFLATED
    archive.writestr(info, text.encode("utf-8"), compresslevel=archive.compresslevel)
