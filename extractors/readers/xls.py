"""Excel 97-2003 (.xls) and Kingsoft ET (.et) workbooks, read natively with xlrd.

xlrd reads the BIFF format completely, merged ranges and print titles included, so a legacy
task table needs no LibreOffice: its cells, merges and header rows go through the same
``sheet_to_blocks`` as an .xlsx sheet and give the same blocks. A workbook xlrd cannot read
(a rare BIFF variant) is converted to .xlsx by LibreOffice when it is installed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import xlrd

from extractors.document import Block, Document, InputFormat
from extractors.readers.errors import ReaderError
from extractors.readers.legacy import convert_and_read, find_soffice
from extractors.readers.limits import DEFAULT_LIMITS, Limits, too_many_rows
from extractors.readers.xlsx import Coord, _Merge, read_xlsx, sheet_to_blocks, value_to_text

_PRINT_TITLES = "Print_Titles"


def read_xls(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read every visible worksheet of a .xls/.et workbook, as ``read_xlsx`` reads an .xlsx."""
    try:
        book = _open(path)
    except ReaderError as error:
        if error.reason.startswith("password") or find_soffice() is None:
            raise
        return convert_and_read(path, InputFormat.XLS, "xlsx", lambda converted: read_xlsx(converted, limits=limits))
    try:
        return _book_to_document(path, book, limits)
    finally:
        book.release_resources()


def _open(path: Path) -> Any:
    try:
        with open(os.devnull, "w") as quiet:  # xlrd writes its warnings to a log file, stdout by default
            return xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=quiet)
    except xlrd.XLRDError as error:
        if "encrypt" in str(error).lower():
            raise ReaderError(path, "password-protected (encrypted) workbook; remove the password and save again") from error
        raise ReaderError(path, f"damaged .xls workbook ({error}); re-save it in Excel") from error
    except Exception as error:  # noqa: BLE001 -- xlrd parses untrusted bytes; whatever it trips on is the file's
        raise ReaderError(path, f"damaged .xls workbook ({type(error).__name__}: {error}); re-save it in Excel") from error


def _book_to_document(path: Path, book: Any, limits: Limits) -> Document:
    print_rows = _print_rows(book)
    blocks: list[Block] = []
    notes: list[str] = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if sheet.visibility != 0:
            notes.append(f"hidden sheet {sheet.name!r} skipped")
            continue
        if sheet.nrows > limits.max_table_rows:
            raise too_many_rows(path, limits, f"worksheet {sheet.name!r}")
        cells = _sheet_cells(sheet, book.datemode)
        if cells:
            merges = [_Merge(rlo + 1, clo + 1, rhi, chi) for rlo, rhi, clo, chi in sheet.merged_cells]
            blocks.extend(sheet_to_blocks(cells, merges, print_rows.get(index)))
        book.unload_sheet(index)
    if not blocks:
        hidden = f" ({'; '.join(notes)})" if notes else ""
        raise ReaderError(path, f"no visible worksheet holds any value{hidden}")
    return Document(blocks=tuple(blocks), format=InputFormat.XLS, warnings=tuple(notes))


def _sheet_cells(sheet: Any, datemode: int) -> dict[Coord, str]:
    """Non-empty cells as display text, keyed (row, column) from 1 as in ``xlsx.py``."""
    cells: dict[Coord, str] = {}
    for r in range(sheet.nrows):
        for c, cell in enumerate(sheet.row(r)):
            text = value_to_text(_value(cell, datemode))
            if text.strip():
                cells[(r + 1, c + 1)] = text
    return cells


def _value(cell: Any, datemode: int) -> object:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError, ValueError):
            return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return None
    return cell.value


def _print_rows(book: Any) -> dict[int, tuple[int, int]]:
    """Print-title rows per sheet index, 1-based inclusive, as ``xlsx.py`` reads them."""
    rows: dict[int, tuple[int, int]] = {}
    for name in book.name_obj_list:
        if not name.builtin or _PRINT_TITLES not in name.name or name.scope < 0:
            continue
        try:
            _, rlo, rhi, _, _ = name.area2d(clipped=False)
        except Exception:  # noqa: BLE001 -- titles over several areas or columns only: not rows
            continue
        if rhi > rlo:
            rows[name.scope] = (rlo + 1, rhi)
    return rows

