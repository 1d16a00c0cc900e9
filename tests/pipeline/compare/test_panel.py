"""The region × year panel on the bundled corpus agrees with tasks.parquet, counting notices not files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest

from pipeline.compare.inputs import unit_rows_from_lists, inputs_from_frames, load_inputs, normalize_title, unit_rows
from pipeline.compare.panel import region_year_panel
from pipeline.tables import UNIT_TYPE
from tests.pipeline.compare.conftest import task_row


@pytest.fixture(scope="module")
def bundled(bundled_outputs: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    inputs = load_inputs(bundled_outputs)
    panel = region_year_panel(inputs.files, inputs.tasks, inputs.mentions)
    notices = pd.read_parquet(bundled_outputs / "notices.parquet")
    tasks = pd.read_parquet(bundled_outputs / "tasks.parquet")
    return panel, inputs.files, notices, tasks


def test_panel_counts_match_tasks_parquet(bundled) -> None:
    panel, files, notices, tasks = bundled
    usable = notices[notices["status"].astype(str) != "error"]
    per_file = tasks.groupby("notice_id").size()
    for row in panel.itertuples(index=False):
        mine = usable[(usable["region"] == row.region) & (usable["year"] == row.year)]
        assert row.files == len(mine)
        reps = files[(files["region"] == row.region) & (files["year"] == row.year) & files["representative"]]["notice_id"]
        rep_tasks = tasks[tasks["notice_id"].isin(reps)]
        assert row.notices == len(reps)
        assert row.tasks == len(rep_tasks)
        # Every rendition of a bundled notice yields the same tasks, so a region-year's tasks are
        # any one of its files' tasks, never their sum.
        assert row.notices == 1 and row.tasks == per_file.reindex(mine["notice_id"]).fillna(0).max()
        assert row.dated_tasks == int((rep_tasks["deadline_kind"].astype(str) == "date").sum())
        assert row.year_round_tasks == int((rep_tasks["deadline_kind"].astype(str) == "year_round").sum())
        mentions = [u for units in rep_tasks["units"] for u in units]
        assert row.unit_mentions == len(mentions)
        if mentions:
            assert row.collective_share == pytest.approx(sum(bool(u["collective"]) for u in mentions) / len(mentions), abs=1e-4)
    assert panel["tasks"].sum() == sum(per_file[files[files["representative"]]["notice_id"]])


def test_bundled_renditions_are_one_notice_each(bundled) -> None:
    panel, files, _, _ = bundled
    counts = panel.set_index("region")[["files", "notices"]].to_dict("index")
    assert counts["临沂市"] == {"files": 5, "notices": 1}  # txt, html, docx, pdf and the table-only xlsx
    assert counts["临海市"] == {"files": 3, "notices": 1}
    assert counts["青岛市"] == {"files": 2, "notices": 1}
    xlsx = files[files["path"].str.endswith(".xlsx")].iloc[0]
    assert xlsx["notice_title"] == "临沂市人民政府办公室关于印发2023年临沂市政务公开工作要点的通知", "the untitled table joins its notice"


def test_median_days_from_signing_to_due(bundled) -> None:
    panel, files, _, tasks = bundled
    rep = files[(files["region"] == "临海市") & files["representative"]].iloc[0]
    dated = tasks[(tasks["notice_id"] == rep["notice_id"]) & (tasks["deadline_kind"].astype(str) == "date")]
    days = (pd.to_datetime(dated["deadline_due"]) - pd.Timestamp(rep["notice_signed"])).dt.days
    assert len(days) > 2
    assert panel.set_index("region").loc["临海市", "median_days_to_due"] == days.median()


def test_titles_compare_without_quotes_and_spaces() -> None:
    assert normalize_title("关于印发《临海市 实施方案》的通知") == normalize_title("关于印发临海市实施方案的通知")


def test_identity_of_notices(frames) -> None:
    """Same title → one notice; untitled with the same tasks → joins it; another title or other tasks → another notice."""
    same = [task_row("001", "加强政府网站建设", kind="date", due="2022-06-30"), task_row("002", "推进决策公开")]
    notices, tasks = frames({
        ("html", "潍坊市", 2022, "潍坊市2022年政务公开工作要点", "2022-04-01"): same,
        ("docx", "潍坊市", 2022, "潍坊市2022年政务公开工作要点", None): same,
        ("xlsx", "潍坊市", 2022, None, None): same,
        ("a-table", "潍坊市", 2022, "潍坊市2022年政务公开工作要点任务分解表", None): same,
        ("plan", "潍坊市", 2022, "潍坊市基层政务公开实施方案", "2022-05-01"): [task_row("001", "推进村务公开")],
        ("loose", "潍坊市", 2022, None, None): [task_row("001", "做好疫情防控信息发布")],
    })  # fmt: skip
    inputs = inputs_from_frames(notices, tasks)
    keys = inputs.files.set_index("notice_id")["notice_key"]
    assert keys["html"] == keys["docx"] == keys["xlsx"] == keys["a-table"]  # the captioned table joins by its tasks
    assert len({keys["html"], keys["plan"], keys["loose"]}) == 3
    titles = inputs.files.set_index("notice_id")["notice_title"]
    assert titles["a-table"] == "潍坊市2022年政务公开工作要点", "the notice's title, not the table's caption"
    panel = region_year_panel(inputs.files, inputs.tasks, inputs.mentions)
    assert panel[["files", "notices", "tasks", "dated_tasks"]].values.tolist() == [[6, 3, 4, 1]]
    assert panel["median_days_to_due"].tolist() == [90.0]  # signed 1 April, due 30 June


def test_failed_files_and_unknown_regions_are_left_out(frames) -> None:
    notices, tasks = frames({("a", "潍坊市", 2022, "要点", None): [task_row("001", "加强政府网站建设")]})
    broken = pd.DataFrame([{"notice_id": None, "path": "bad.doc", "format": None, "status": "error", "title": None,
                            "region": None, "year": None, "signed": None, "n_tasks": 0}])  # fmt: skip
    inputs = inputs_from_frames(pd.concat([notices, broken], ignore_index=True), tasks)
    assert inputs.skipped == 1 and len(inputs.files) == 1


_UNITS = [
    [],
    [{"name": "市财政局", "role": "lead", "collective": False, "canonical": "市财政局"}],
    [{"name": "财政局", "role": "responsible", "collective": False, "canonical": ""},  # no canonical name: its name
     {"name": "各县区政府", "role": "cooperate", "collective": True, "canonical": "各县区政府"}],
]


@pytest.mark.parametrize("units", [_UNITS, _UNITS[::-1], [[]], []], ids=["mixed", "reversed", "none named", "no tasks"])
def test_mentions_read_by_arrow_equal_those_read_from_lists(units: list[list[dict]]) -> None:
    column = pa.array(units, type=pa.list_(UNIT_TYPE))
    expected = [(row, u["canonical"] or u["name"], u["name"], u["role"], u["collective"]) for row, listed in enumerate(units) for u in listed]

    by_arrow, by_lists = unit_rows(column), unit_rows_from_lists(units)

    assert list(by_arrow.itertuples(index=False, name=None)) == expected
    pd.testing.assert_frame_equal(by_arrow, by_lists, check_dtype=False)


def test_mentions_of_the_bundled_outputs_are_the_representatives_units(bundled_outputs: Path) -> None:
    inputs = load_inputs(bundled_outputs)
    tasks = pd.read_parquet(bundled_outputs / "tasks.parquet").set_index("task_id")
    expected = [
        (row.region, row.year, row.task_id, unit["canonical"] or unit["name"], unit["name"], str(unit["role"]), bool(unit["collective"]))
        for row in inputs.tasks.itertuples() for unit in tasks.loc[row.task_id, "units"]
    ]  # fmt: skip
    assert expected and list(inputs.mentions.itertuples(index=False, name=None)) == expected
