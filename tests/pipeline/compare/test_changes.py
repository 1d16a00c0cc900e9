"""Year over year: tasks matched across years by text, themes new, dropped or carried."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.compare.changes import bigrams, change_summary, match_tasks, year_over_year
from pipeline.compare.inputs import inputs_from_frames
from pipeline.compare.themes import ThemeRules, assign_themes, load_themes
from tests.pipeline.compare.conftest import THEMES, task_row


def test_matching_ignores_years_and_numbers() -> None:
    assert bigrams("2023年推进决策公开") == bigrams("2024年推进决策公开")
    assert match_tasks(["2022年底前完成政府网站集约化建设"], ["2023年底前完成政府网站集约化建设"]) == [(0, 0, 1.0)]


def test_matching_is_one_to_one_best_first() -> None:
    previous = ["加强政府网站内容建设", "加强政府网站内容建设和管理"]
    current = ["加强政府网站内容建设和管理"]
    assert match_tasks(previous, current) == [(1, 0, 1.0)]


def test_unrelated_tasks_do_not_match() -> None:
    assert match_tasks(["做好疫情防控信息发布"], ["推进村务公开标准化"]) == []


def test_two_year_case(frames) -> None:
    """2022 → 2023 in one region: one task kept verbatim, one reworded, one dropped, two new."""
    notices, tasks = frames({
        ("a", "潍坊市", 2022, "潍坊市2022年政务公开工作要点", "2022-04-01"): [
            task_row("001", "推进重大行政决策事项目录管理,向社会公开征求意见", ["一、推进决策公开"]),
            task_row("002", "加强政府网站集约化建设,提升网站搜索精准度", ["二、加强平台建设"]),
            task_row("003", "做好疫情防控信息发布和政策解读", ["三、加强政策解读回应"]),
        ],
        ("b", "潍坊市", 2023, "潍坊市2023年政务公开工作要点", "2023-04-01"): [
            task_row("001", "推进重大行政决策事项目录管理,向社会公开征求意见", ["一、推进决策公开"]),
            task_row("002", "加强政府网站集约化建设,提升网站搜索精准度和服务能力", ["二、加强平台建设"]),
            task_row("003", "持续优化营商环境,公开涉企收费目录清单", ["三、优化营商环境"]),
            task_row("004", "推进村务公开,规范公开栏建设", ["四、推进基层政务公开"]),
        ],
        ("c", "烟台市", 2023, "烟台市2023年政务公开工作要点", "2023-03-01"): [task_row("001", "加强政府公报建设")],
    })  # fmt: skip
    inputs = inputs_from_frames(notices, tasks)
    rules = ThemeRules(load_themes(THEMES))
    work = inputs.tasks.assign(theme=assign_themes(inputs.tasks, rules))
    task_changes, theme_changes = year_over_year(work, rules.labels())

    assert set(task_changes["region"]) == {"潍坊市"}, "a region with one year has no changes"
    status = task_changes.set_index("task_id")["status"].to_dict()
    assert status == {"b-001": "carried", "b-002": "carried", "b-003": "new", "b-004": "new", "a-003": "dropped"}
    carried = task_changes.set_index("task_id")
    assert carried.loc["b-002", "matched_task_id"] == "a-002" and 0.5 <= carried.loc["b-002", "similarity"] < 1

    themes = theme_changes.set_index("theme")["status"].to_dict()
    assert themes["business"] == "new" and themes["grassroots"] == "new"
    assert themes["interpretation"] == "dropped"
    assert themes["decision"] == "carried" and themes["platform"] == "carried"
    assert theme_changes["previous_year"].eq(2022).all()

    summary = change_summary(task_changes)
    assert summary[["region", "year", "previous_year", "new", "carried", "dropped"]].values.tolist() == [["潍坊市", 2023, 2022, 2, 2, 1]]


def test_a_missing_year_compares_with_the_last_year_present(frames) -> None:
    notices, tasks = frames({
        ("a", "威海市", 2019, "威海市2019年要点", None): [task_row("001", "加强政府网站建设")],
        ("b", "威海市", 2021, "威海市2021年要点", None): [task_row("001", "加强政府网站建设")],
    })  # fmt: skip
    inputs = inputs_from_frames(notices, tasks)
    changes, _ = year_over_year(inputs.tasks.assign(theme="platform"), {"platform": "平台建设"})
    assert changes[["year", "previous_year", "status"]].values.tolist() == [[2021, 2019, "carried"]]


def test_no_region_with_two_years_gives_empty_tables() -> None:
    tasks = pd.DataFrame({"region": ["甲市"], "year": [2020], "notice_key": ["k"], "task_id": ["t"], "requirement": ["x"], "theme": ["other"]})
    task_changes, theme_changes = year_over_year(tasks, {"other": "其他"})
    assert task_changes.empty and theme_changes.empty and change_summary(task_changes).empty


def test_year_pairs_known_from_an_earlier_run_are_reused_and_only_changed_ones_matched(monkeypatch: pytest.MonkeyPatch) -> None:
    import pipeline.compare.changes as changes

    rows = [("甲市", 2021, "加强政府网站建设"), ("甲市", 2022, "加强政府网站集约化建设"), ("甲市", 2023, "推进决策公开"),
            ("乙市", 2022, "做好疫情防控信息发布"), ("乙市", 2023, "做好疫情防控信息发布工作")]  # fmt: skip
    tasks = pd.DataFrame([{"region": r, "year": y, "notice_key": f"{r}{y}", "task_id": f"{r}{y}", "requirement": t, "theme": "other"}
                          for r, y, t in rows])  # fmt: skip
    labels = {"other": "其他"}
    fresh = year_over_year(tasks, labels)
    pairs: dict = {}
    first = year_over_year(tasks, labels, pairs=pairs)
    assert len(pairs) == 3  # 甲市 2021→2022, 2022→2023; 乙市 2022→2023
    for a, b in zip(fresh, first, strict=True):
        pd.testing.assert_frame_equal(a, b)

    matched: list[int] = []
    real = changes._match_years
    monkeypatch.setattr(changes, "_match_years", lambda year_pairs, threshold: matched.append(len(year_pairs)) or real(year_pairs, threshold))
    year_over_year(tasks, labels, pairs=pairs)
    added = pd.concat([tasks, pd.DataFrame([{"region": "乙市", "year": 2023, "notice_key": "乙市2023", "task_id": "乙市2023b",
                                            "requirement": "加强政府网站建设", "theme": "other"}])])  # fmt: skip
    again = year_over_year(added, labels, pairs=pairs)
    assert matched == [0, 1]  # nothing new, then only 乙市's changed pair
    for a, b in zip(year_over_year(added, labels), again, strict=True):
        pd.testing.assert_frame_equal(a, b)
    assert len(pairs) == 3  # this run's pairs only: 乙市's earlier key is gone
