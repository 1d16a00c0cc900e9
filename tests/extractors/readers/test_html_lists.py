"""Numbers a browser draws before ordered-list items become part of their text."""

from __future__ import annotations

import lxml.html
import pytest

from extractors.readers.html_lists import number_nested_bullet_lists, number_ordered_lists


def _items(markup: str) -> list[str]:
    root = lxml.html.fromstring(markup)
    number_ordered_lists(root)
    number_nested_bullet_lists(root)
    return [item.text_content() for item in root.iter("li")]


def test_outer_and_nested_items_get_the_numbers_the_browser_draws() -> None:
    markup = "<div><ol><li>扩大边贸<ol><li>建设互市点</li><li>培育市场主体</li></ol></li><li>优化通关</li></ol></div>"
    assert _items(markup) == ["1.扩大边贸(1)建设互市点(2)培育市场主体", "(1)建设互市点", "(2)培育市场主体", "2.优化通关"]


def test_start_typed_numbers_and_unmarked_lists() -> None:
    assert _items("<div><ol start='3'><li>甲</li><li>乙</li></ol></div>") == ["3.甲", "4.乙"]
    assert _items("<div><ol><li>一、总体要求</li><li>二、重点任务</li></ol></div>") == ["一、总体要求", "二、重点任务"]
    assert _items("<div><ol style='list-style-type: none'><li>甲</li></ol><ul><li>乙</li></ul></div>") == ["甲", "乙"]


NESTED_BULLETS = [
    # (markup, the nested items as read): bullets under a numbered item are its next level
    ("<ul><li><strong>(一)深化服务专员制度。</strong><ul><li>建立专员名录</li><li>每月走访</li></ul></li></ul>",
     ["1.建立专员名录", "2.每月走访"]),  # fmt: skip
    ("<ol><li>优化审批<ul><li>压缩时限</li><li>减少材料</li></ul></li></ol>", ["(1)压缩时限", "(2)减少材料"]),
    ("<div><p>一、重点任务</p><ul><li>二、保障措施<ul><li>加强领导</li></ul></li></ul></div>", ["(一)加强领导"]),
    ("<ul><li>首页<ul><li>政务公开</li><li>政策文件</li></ul></li></ul>", ["政务公开", "政策文件"]),
    ("<ul><li>(一)优化审批<ul style='list-style: none'><li>压缩时限</li></ul></li></ul>", ["压缩时限"]),
]


@pytest.mark.parametrize(("markup", "nested"), NESTED_BULLETS, ids=["under-paren-chinese", "under-a-drawn-number", "under-chinese", "a-menu", "no-marker"])
def test_bullets_nested_in_a_numbered_item_are_its_next_level(markup: str, nested: list[str]) -> None:
    root = lxml.html.fromstring(markup)
    number_ordered_lists(root)
    number_nested_bullet_lists(root)
    assert [item.text_content() for item in root.xpath("//li/ul/li")] == nested
