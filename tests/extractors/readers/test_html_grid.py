"""Tables drawn with CSS (``<div>`` rows of ``<span>`` cells) read as tables, and the menus,
link lists and footers of the same shape left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import Document, Table
from extractors.readers.html import read_html
from extractors.task_tables import find_task_table, task_table_to_tasks

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
INTRO = "<p>各县区人民政府，市直有关部门：现将任务分解表印发给你们，请认真贯彻执行。</p>"


def read(tmp_path: Path, body: str) -> Document:
    path = tmp_path / "page.html"
    page = f"<html><head><meta charset='utf-8'></head><body>{INTRO}{body}</body></html>"
    path.write_text(page, encoding="utf-8")
    return read_html(path)


def row(*cells: str, cls: str = "table-row") -> str:
    return f"<div class='{cls}'>" + "".join(f"<span class='cell'>{c}</span>" for c in cells) + "</div>"


HEAD = row("序号", "工作任务", "牵头单位", "完成时限", cls="table-row table-head")
TASK_1 = row("1", "开展高层建筑消防安全综合治理。", "市住房城乡建设局", "2019年12月底前")
TASK_2 = row("2", "开展大型商业综合体消防安全检查。", "市消防救援支队", "2019年11月30日前")

# (body, the table's rows as text, its header_rows)
GRIDS = {
    "div-rows-of-span-cells-with-a-head-row-named-head": (
        f"<div class='task-table'>{HEAD}{TASK_1}{TASK_2}</div>",
        [["序号", "工作任务", "牵头单位", "完成时限"],
         ["1", "开展高层建筑消防安全综合治理。", "市住房城乡建设局", "2019年12月底前"],
         ["2", "开展大型商业综合体消防安全检查。", "市消防救援支队", "2019年11月30日前"]],
        1,
    ),
    "a-one-cell-group-row-spans-the-table": (
        f"<div>{HEAD}{row('一、开展隐患排查整治', cls='table-row row-group')}{TASK_1}{TASK_2}</div>",
        [["序号", "工作任务", "牵头单位", "完成时限"], ["一、开展隐患排查整治"] * 4,
         ["1", "开展高层建筑消防安全综合治理。", "市住房城乡建设局", "2019年12月底前"],
         ["2", "开展大型商业综合体消防安全检查。", "市消防救援支队", "2019年11月30日前"]],
        1,
    ),
    "list-items-of-div-cells": (
        "<ul><li><div>序号</div><div>任务</div><div>责任单位</div></li>"
        "<li><div>1</div><div>完善应急预案。</div><div>县应急局</div></li>"
        "<li><div>2</div><div>开展应急演练。</div><div>各乡镇</div></li></ul>",
        [["序号", "任务", "责任单位"], ["1", "完善应急预案。", "县应急局"], ["2", "开展应急演练。", "各乡镇"]],
        0,
    ),
}


@pytest.mark.parametrize(("body", "rows", "header_rows"), list(GRIDS.values()), ids=list(GRIDS))
def test_css_grid_reads_as_a_table(tmp_path: Path, body: str, rows: list[list[str]], header_rows: int) -> None:
    table = next(read(tmp_path, body).tables())
    assert table.text_rows() == rows
    assert table.header_rows == header_rows


# (body, a text that must still be read, or None when the block is chrome and may go)
NOT_GRIDS = {
    "nav-menu-of-divs-of-links": (
        "<div class='x'>" + "".join(
            f"<div><span><a href='/{i}1'>栏目{i}一</a></span><span><a href='/{i}2'>栏目{i}二</a></span>"
            f"<span><a href='/{i}3'>栏目{i}三</a></span></div>" for i in range(3)) + "</div>",
        None,
    ),
    "nav-list-of-links": (
        "<ul>" + "".join(f"<li><a href='/{i}'>政务公开{i}</a></li>" for i in range(5)) + "</ul>",
        None,
    ),
    "footer-of-divs-without-chrome-names": (
        "<div>" + row("主办：鹤壁市人民政府办公室", "承办：鹤壁市大数据局", "网站标识码：4106000001", cls="f")
        + row("地址：鹤壁市淇滨区", "邮编：458030", "电话：0392-3311111", cls="f")
        + row("豫ICP备05008367号", "豫公网安备41060202000101号", "技术支持：某公司", cls="f") + "</div>",
        None,
    ),
    "rows-of-unequal-width": (
        "<div>" + row("甲", "乙") + row("丙", "丁", "戊") + row("己", "庚") + row("辛", "壬") + "</div>",
        "甲乙",
    ),
    "cells-holding-paragraphs-are-layout-boxes": (
        "<div>" + "".join(
            f"<div><div><p>第{i}段甲</p></div><div><p>第{i}段乙</p></div><div><p>第{i}段丙</p></div></div>"
            for i in range(3)) + "</div>",
        "第0段甲",
    ),
    "rows-with-text-of-their-own": (
        "<div>" + "".join(f"<div>说明<span>甲{i}</span><span>乙{i}</span><span>丙{i}</span></div>" for i in range(3))
        + "</div>",
        "说明甲0乙0丙0",
    ),
}


@pytest.mark.parametrize(("body", "kept"), list(NOT_GRIDS.values()), ids=list(NOT_GRIDS))
def test_menus_lists_and_footers_are_not_grids(tmp_path: Path, body: str, kept: str | None) -> None:
    document = read(tmp_path, body)
    assert list(document.tables()) == []
    if kept is not None:
        assert any(kept in "".join(p.text.split()) for p in document.paragraphs())


def test_hebi_task_grid_yields_sixteen_tasks() -> None:
    """z07: a 任务分解表 of div.table-row/span cells under four one-cell group rows."""
    document = read_html(FIXTURES / "variety5" / "z07_hebi_2019_xiaofang.html")
    table = next(t for t in document.tables() if t.n_cols == 5)
    assert isinstance(table, Table) and (table.n_rows, table.header_rows) == (21, 1)
    task_table = find_task_table(table)
    assert task_table is not None
    assert len(task_table_to_tasks(task_table, 2019)) == 16
