"""The per-notice cache: keyed by content, code and settings; entries written whole."""

from __future__ import annotations

from pathlib import Path

from extractors.notice import ExtractionSettings
from extractors.unit_names import AliasEntry, UnitAliases
from pipeline.cache import CachedResult, NoticeCache, code_fingerprint, settings_fingerprint


def test_settings_that_change_output_change_the_key() -> None:
    plain = ExtractionSettings()
    assert settings_fingerprint(plain) == settings_fingerprint(ExtractionSettings())
    assert settings_fingerprint(plain) != settings_fingerprint(ExtractionSettings(opencc_config="tw2sp"))
    aliased = ExtractionSettings(unit_aliases=UnitAliases((AliasEntry("*", "人社局", "人力资源社会保障局"),)))
    assert settings_fingerprint(plain) != settings_fingerprint(aliased)


def test_code_fingerprint_is_stable_within_a_run() -> None:
    assert code_fingerprint() == code_fingerprint() and len(code_fingerprint()) == 16


def test_entries_round_trip_and_leave_no_temporary_files(tmp_path: Path) -> None:
    cache = NoticeCache(tmp_path, ExtractionSettings())
    sha = "ab" * 32
    assert cache.get(sha) is None
    cache.put(sha, "warning", "no tasks", '{\n "tasks": []\n}\n')
    assert cache.get(sha) == CachedResult("warning", "no tasks", '{\n "tasks": []\n}\n', {"tasks": []})
    cache.put(sha, "error", "empty file", None)
    assert cache.get(sha) == CachedResult("error", "empty file", None, None)
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == [f"{sha}.json"]


def test_an_unreadable_entry_counts_as_missing(tmp_path: Path) -> None:
    cache = NoticeCache(tmp_path, ExtractionSettings())
    sha = "cd" * 32
    cache.put(sha, "ok", "", '{"tasks": []}')
    next(tmp_path.rglob(f"{sha}.json")).write_text("{half", encoding="utf-8")
    assert cache.get(sha) is None


def test_other_settings_do_not_see_each_others_entries(tmp_path: Path) -> None:
    sha = "ef" * 32
    NoticeCache(tmp_path, ExtractionSettings()).put(sha, "error", "empty file", None)
    assert NoticeCache(tmp_path, ExtractionSettings(opencc_config="hk2s")).get(sha) is None
