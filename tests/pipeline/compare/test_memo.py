"""The comparison's memo: the same tables with or without it, jieba not loaded when it knows every text."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline.compare import segment
from pipeline.compare.inputs import load_inputs
from pipeline.compare.memo import CompareMemo, memo_version
from pipeline.compare.result import CompareResult
from pipeline.compare.stage import compare_inputs
from pipeline.compare.themes import Theme, load_themes
from tests.pipeline.compare.conftest import STOPWORDS, THEMES


def _compare(outputs: Path, memo_folder: Path | None) -> CompareResult:
    return compare_inputs(load_inputs(outputs), THEMES, STOPWORDS, memo_folder=memo_folder)


def _assert_same_tables(a: CompareResult, b: CompareResult) -> None:
    tables_a, tables_b = a.tables(), b.tables()
    assert tables_a.keys() == tables_b.keys()
    for name in tables_a:
        pd.testing.assert_frame_equal(tables_a[name], tables_b[name], obj=name)


def test_a_run_from_the_memo_gives_the_same_tables_without_loading_jieba(bundled_outputs: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    without = _compare(bundled_outputs, None)
    first = _compare(bundled_outputs, tmp_path)
    [memo_file] = tmp_path.glob("*.json")
    assert memo_file.name == f"{memo_version(load_themes(THEMES))}.json"

    def no_jieba() -> None:
        raise AssertionError("jieba loaded although the memo knows every text")

    monkeypatch.setattr(segment, "new_tokenizer", no_jieba)
    second = _compare(bundled_outputs, tmp_path)
    _assert_same_tables(without, first)
    _assert_same_tables(first, second)


def test_the_memo_is_rewritten_only_when_it_gains_entries(bundled_outputs: Path, tmp_path: Path) -> None:
    _compare(bundled_outputs, tmp_path)
    [memo_file] = tmp_path.glob("*.json")
    os.utime(memo_file, (1_000_000, 1_000_000))
    _compare(bundled_outputs, tmp_path)
    assert memo_file.stat().st_mtime == 1_000_000


def test_another_taxonomy_is_another_version_and_replaces_the_old_memo(tmp_path: Path) -> None:
    themes = [Theme("platform", "平台建设", "", {"政府网站": 3.0})]
    reweighted = [Theme("platform", "平台建设", "", {"政府网站": 2.0})]
    assert memo_version(themes) != memo_version(reweighted)
    unrelated = tmp_path / "notes.json"
    unrelated.write_text("{}", encoding="utf-8")
    for taxonomy in (themes, reweighted):
        memo = CompareMemo.open(tmp_path, memo_version(taxonomy))
        memo.cuts["推进政府网站建设"] = ("推进", "政府网站", "建设")
        memo.save()
    assert sorted(p.name for p in tmp_path.glob("*.json")) == sorted([f"{memo_version(reweighted)}.json", "notes.json"])
    reopened = CompareMemo.open(tmp_path, memo_version(reweighted))
    assert reopened.cuts == {"推进政府网站建设": ("推进", "政府网站", "建设")}


@pytest.mark.parametrize("content", ["{not json", '{"version": "0000000000000000", "cuts": {}, "themes": {}}', '{"version": null}', "[]"])
def test_an_unusable_memo_is_a_warning_and_an_empty_start(tmp_path: Path, content: str, caplog: pytest.LogCaptureFixture) -> None:
    version = memo_version(load_themes(THEMES))
    (tmp_path / f"{version}.json").write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        memo = CompareMemo.open(tmp_path, version)
    assert (memo.cuts, memo.themes) == ({}, {})
    assert "memo unusable" in caplog.text


def test_a_damaged_memo_does_not_change_the_tables(bundled_outputs: Path, tmp_path: Path) -> None:
    reference = _compare(bundled_outputs, None)
    version = memo_version(load_themes(THEMES))
    (tmp_path / f"{version}.json").write_bytes(b'{"version": "' + version.encode() + b'", "cuts": {"x": ')
    _assert_same_tables(reference, _compare(bundled_outputs, tmp_path))
    assert CompareMemo.open(tmp_path, version).cuts  # replaced by a sound one


def test_no_folder_keeps_nothing(tmp_path: Path) -> None:
    memo = CompareMemo.open(None, "0123456789abcdef")
    memo.cuts["文本"] = ("文本",)
    memo.save()
    assert memo.path is None
    assert not list(tmp_path.iterdir())


def test_year_pairs_are_saved_and_read_back(tmp_path: Path) -> None:
    memo = CompareMemo.open(tmp_path, "0123456789abcdef")
    memo.pairs["f" * 32] = [(0, 1, 0.706), (2, 0, 1.0)]
    memo.save()
    assert CompareMemo.open(tmp_path, "0123456789abcdef").pairs == {"f" * 32: [(0, 1, 0.706), (2, 0, 1.0)]}
    memo.pairs.clear()  # a run whose years all changed: the file follows
    memo.save()
    assert CompareMemo.open(tmp_path, "0123456789abcdef").pairs == {}
