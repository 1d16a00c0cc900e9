"""The analysts' workbook: sheets, Chinese headers, row counts equal to tasks.parquet, real dates."""

from __future__ import annotations

import dataclasses
import shutil
from datetime import datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

import pipeline.settings
from pipeline.cli import main
from pipeline.excel import ALL_TASKS_SHEET, NOTICE_COLUMNS, NOTICES_SHEET, TASK_COLUMNS, sheet_names
from tests.conftest import NOTICES


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One run over the whole bundled corpus plus a damaged file."""
    root = tmp_path_factory.mktemp("excel")
    corpus = root / "corpus"
    shutil.copytree(NOTICES, corpus)
    (corpus / "seeds" / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    with pytest.MonkeyPatch.context() as patch:
        real = pipeline.settings.load_settings
        patch.setattr(pipeline.settings, "load_settings", lambda path: dataclasses.replace(real(path), cache=root / "cache"))
        assert main(["run", "--corpus", str(corpus), "--outputs", str(root / "out"), "--quiet"]) == 1  # the damaged file fails; outputs are written all the same
    return root / "out"


@pytest.fixture(scope="module")
def workbook(outputs: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(outputs / "tasks.xlsx")


def _rows(sheet: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[object, ...]]:
    return list(sheet.iter_rows(values_only=True))


def test_sheets_are_all_tasks_then_files_then_one_per_notice(workbook: openpyxl.Workbook, outputs: Path) -> None:
    notices = pd.read_parquet(outputs / "notices.parquet")
    read = notices[notices["status"] != "error"]
    assert workbook.sheetnames[:2] == [ALL_TASKS_SHEET, NOTICES_SHEET]
    per_notice = workbook.sheetnames[2:]
    assert len(per_notice) == len(read) == 12
    assert len({name.casefold() for name in workbook.sheetnames}) == len(workbook.sheetnames)
    for name in per_notice:
        assert len(name) <= 31 and not set(name) & set("[]:*?/\\")


def test_headers_are_chinese_frozen_and_filtered(workbook: openpyxl.Workbook) -> None:
    tasks = workbook[ALL_TASKS_SHEET]
    headers = _rows(tasks)[0]
    assert headers == tuple(c.header for c in TASK_COLUMNS)
    assert {"任务编号", "地区", "年份", "章节", "工作任务/要求", "牵头单位", "责任单位", "配合单位", "完成时限", "截止日期", "来源"} <= set(headers)
    assert _rows(workbook[NOTICES_SHEET])[0] == tuple(c.header for c in NOTICE_COLUMNS)
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["A"].width >= 6


def test_task_rows_equal_tasks_parquet(workbook: openpyxl.Workbook, outputs: Path) -> None:
    tasks = pd.read_parquet(outputs / "tasks.parquet")
    all_rows = _rows(workbook[ALL_TASKS_SHEET])[1:]
    assert [row[0] for row in all_rows] == list(tasks["task_id"])
    assert [row[4] for row in all_rows] == list(tasks["requirement"])
    per_notice = [row for sheet in workbook.worksheets[2:] for row in _rows(sheet)[1:]]
    assert per_notice == all_rows


def test_each_notice_sheet_holds_its_notice_tasks(workbook: openpyxl.Workbook, outputs: Path) -> None:
    notices = pd.read_parquet(outputs / "notices.parquet")
    listed = {row[0]: row for row in _rows(workbook[NOTICES_SHEET])[1:]}
    for notice in notices[notices["status"] != "error"].itertuples():
        sheet = workbook[listed[notice.path][-1]]
        ids = [row[0] for row in _rows(sheet)[1:]]
        assert len(ids) == notice.n_tasks
        assert all(task_id.startswith(notice.notice_id) for task_id in ids)


def test_deadlines_are_date_cells_equal_to_parquet(workbook: openpyxl.Workbook, outputs: Path) -> None:
    tasks = pd.read_parquet(outputs / "tasks.parquet")
    column = [c.header for c in TASK_COLUMNS].index("截止日期")
    sheet = workbook[ALL_TASKS_SHEET]
    cells = [row[column] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.is_date for cell in cells if cell.value is not None)
    values = [cell.value.date() if isinstance(cell.value, datetime) else cell.value for cell in cells]
    assert values == [None if pd.isna(due) else due for due in tasks["deadline_due"]]
    assert sum(value is not None for value in values) > 100


def test_units_land_in_their_role_columns(workbook: openpyxl.Workbook, outputs: Path) -> None:
    tasks = pd.read_parquet(outputs / "tasks.parquet")
    headers = [c.header for c in TASK_COLUMNS]
    rows = _rows(workbook[ALL_TASKS_SHEET])[1:]
    for row, units in zip(rows, tasks["units"]):
        for role, header in (("lead", "牵头单位"), ("responsible", "责任单位"), ("cooperate", "配合单位")):
            names = [u["name"] for u in units if u["role"] == role]
            assert (row[headers.index(header)] or "") == "、".join(names)


def test_files_sheet_lists_every_file_with_its_status(workbook: openpyxl.Workbook, outputs: Path) -> None:
    notices = pd.read_parquet(outputs / "notices.parquet")
    rows = _rows(workbook[NOTICES_SHEET])[1:]
    assert [row[0] for row in rows] == list(notices["path"])
    broken = next(row for row in rows if row[0] == "seeds/broken.pdf")
    assert broken[2] == "错误" and broken[3] and broken[-1] is None


def test_sheet_names_never_trust_the_region_text() -> None:
    notices = [
        {"region": "临沂市[试点]:*?/\\区", "year": 2023, "notice_id": "0123456789abcdef"},
        {"region": "某" * 40, "year": None, "notice_id": "fedcba9876543210"},
        {"region": None, "year": 2020, "notice_id": "aaaaaa0000000000"},
        {"region": "'全部任务'", "year": None, "notice_id": "bbbbbb0000000000"},
    ]
    names = sheet_names(notices)
    assert names[0] == "临沂市试点区2023-012345"
    assert len(names[1]) == 31 and names[1].endswith("-fedcba")
    assert names[2] == "未知地区2020-aaaaaa"
    assert not names[3].startswith("'")
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
