"""Numbers a browser draws before ordered-list items become part of their text."""

from __future__ import annotations

import lxml.html

from extractors.readers.html_lists import number_ordered_lists


def _items(markup: str) -> list[str]:
    root = lxml.html.fromstring(markup)
    number_ordered_lists(root)
    return [item.text_content() for item in root.iter("li")]


def test_outer_and_nested_items_get_the_numbers_the_browser_draws() -> None:
    markup = "<div><ol><li>扩大边贸<ol><li>建设互市点</li><li>培育市场主体</li></ol></li><li>优化通关</li></ol></div>"
    assert _items(markup) == ["1.扩大边贸(1)建设互市点(2)培育市场主体", "(1)建设互市点", "(2)培育市场主体", "2.优化通关"]


def test_start_typed_numbers_and_unmarked_lists() -> None:
    assert _items("<div><ol start='3'><li>甲</li><li>乙</li></ol></div>") == ["3.甲", "4.乙"]
    assert _items("<div><ol><li>一、总体要求</li><li>二、重点任务</li></ol></div>") == ["一、总体要求", "二、重点任务"]
    assert _items("<div><ol style='list-style-type: none'><li>甲</li></ol><ul><li>乙</li></ul></div>") == ["甲", "乙"]
