"""The per-notice cache: keyed by content, code and settings; entries written whole."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from extractors.notice import ExtractionSettings
from extractors.unit_names import AliasEntry, UnitAliases
from pipeline.cache import (
    ENTRY_MODULES,
    STALE_VERSION_DAYS,
    CachedResult,
    NoticeCache,
    _code_fingerprint,
    code_fingerprint,
    fingerprint_files,
    prune_stale_versions,
    settings_fingerprint,
)
from pipeline.import_closure import SOURCE_ROOT, import_closure


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


# --- what the code fingerprint covers -------------------------------------------------------


def test_the_fingerprint_covers_what_extract_and_parts_import_and_nothing_else_of_pipeline() -> None:
    closure = set(import_closure(ENTRY_MODULES))
    # extract.py imports cache, guard, notice_json, ocr_confidence (which imports evaluate's
    # `comparable`); parts.py imports excel (which writes through zipwriter), extract, notice_json, tables.
    assert {"pipeline", "pipeline.extract", "pipeline.parts", "pipeline.excel", "pipeline.tables",
            "pipeline.notice_json", "pipeline.cache", "pipeline.guard", "pipeline.ocr_confidence",
            "pipeline.evaluate"} <= closure  # fmt: skip
    # The CLI, the run loop, the writers and the comparison decide no entry's content.
    assert not closure & {"pipeline.cli", "pipeline.run", "pipeline.writers", "pipeline.parallel",
                          "pipeline.settings", "pipeline.figures", "pipeline.unit_report"}  # fmt: skip
    assert not {name for name in closure if name.startswith("pipeline.compare")}
    hashed = {path.relative_to(SOURCE_ROOT).as_posix() for path in fingerprint_files()}
    assert {p.relative_to(SOURCE_ROOT).as_posix() for p in (SOURCE_ROOT / "extractors").rglob("*.py")} <= hashed
    assert {p.relative_to(SOURCE_ROOT).as_posix() for p in (SOURCE_ROOT / "normalizers").rglob("*.py")} <= hashed
    assert "extractors/readers/ocr.py" in hashed  # imported lazily, hashed all the same
    assert not {path for path in hashed if path.startswith("pipeline/compare/")}


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    """A copy of the three packages, to edit."""
    for package in ("extractors", "normalizers", "pipeline"):
        shutil.copytree(SOURCE_ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__"))
    return tmp_path


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_copy_hashes_like_the_real_packages(sources: Path) -> None:
    assert _code_fingerprint(sources) == _code_fingerprint(SOURCE_ROOT)


@pytest.mark.parametrize("module", ["pipeline/compare/report.py", "pipeline/cli.py", "pipeline/writers.py",
                                    "pipeline/run.py", "pipeline/unit_report.py", "pipeline/schemas/notice-1.0.schema.json"])
def test_editing_code_outside_the_entries_keeps_the_fingerprint(sources: Path, module: str) -> None:
    before = _code_fingerprint(sources)
    _append(sources / module, "\n" if module.endswith(".json") else "\n# an edit\n")
    assert _code_fingerprint(sources) == before


@pytest.mark.parametrize("module", ["pipeline/excel.py", "pipeline/parts.py", "pipeline/extract.py", "pipeline/tables.py",
                                    "pipeline/evaluate.py", "pipeline/__init__.py", "extractors/notice.py",
                                    "extractors/readers/ocr.py", "normalizers/script.py"])
def test_editing_code_that_decides_an_entry_changes_the_fingerprint(sources: Path, module: str) -> None:
    before = _code_fingerprint(sources)
    _append(sources / module, "\n# an edit\n")
    assert _code_fingerprint(sources) != before


def test_data_files_of_the_extraction_packages_count(sources: Path) -> None:
    before = _code_fingerprint(sources)
    (sources / "extractors" / "rules.json").write_text("{}", encoding="utf-8")
    assert _code_fingerprint(sources) != before


@pytest.mark.parametrize("statement", [
    "\ndef _later():\n    from pipeline.helper import THING\n    return THING\n",   # inside a function
    "\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pipeline.helper\n",
    "\nfrom pipeline import helper\n",
    "\nfrom . import helper\n",
    "\nimport importlib\nhelper = importlib.import_module('pipeline.helper')\n",
])
def test_a_module_joins_the_fingerprint_once_the_closure_imports_it(sources: Path, statement: str) -> None:
    (sources / "pipeline" / "helper.py").write_text("THING = 1\n", encoding="utf-8")
    before = _code_fingerprint(sources)
    _append(sources / "pipeline" / "helper.py", "THING = 2\n")
    assert _code_fingerprint(sources) == before  # imported by nothing yet
    _append(sources / "pipeline" / "tables.py", statement)  # tables.py: reached through parts.py
    assert "pipeline.helper" in import_closure(ENTRY_MODULES, root=sources)
    with_import = _code_fingerprint(sources)
    _append(sources / "pipeline" / "helper.py", "THING = 3\n")
    assert _code_fingerprint(sources) != with_import


def test_the_fingerprint_is_quick() -> None:
    _code_fingerprint(SOURCE_ROOT)  # warm: optional_tools() probes once per process
    started = time.perf_counter()
    _code_fingerprint(SOURCE_ROOT)
    assert time.perf_counter() - started < 0.5  # ~20 ms; a generous bound for loaded CI machines


# --- old version folders ----------------------------------------------------------------------

CURRENT = "0123456789abcdef-0123456789abcdef-01234567"
OLD = "fedcba9876543210-0123456789abcdef-01234567"
OTHER = "aaaaaaaaaaaaaaaa-bbbbbbbbbbbbbbbb-cccccccc"


def _age(path: Path, days: float) -> None:
    moment = time.time() - days * 86400
    os.utime(path, (moment, moment))


def _version(root: Path, name: str, days: float) -> Path:
    """A version folder with one entry, last used (opened, and written to) ``days`` ago."""
    folder = root / name
    (folder / "ab").mkdir(parents=True)
    (folder / "ab" / f"{'ab' * 32}.parts").write_bytes(b"entry")
    for path in (folder / "ab" / f"{'ab' * 32}.parts", folder / "ab", folder):
        _age(path, days)
    return folder


def test_versions_unused_for_longer_than_the_threshold_are_deleted(tmp_path: Path) -> None:
    old = _version(tmp_path, OLD, days=STALE_VERSION_DAYS + 1)
    recent = _version(tmp_path, OTHER, days=STALE_VERSION_DAYS - 1)
    current = _version(tmp_path, CURRENT, days=100)  # the version in use: never
    assert prune_stale_versions(tmp_path, keep=CURRENT) == [old]
    assert not old.exists() and recent.exists() and current.exists()
    assert prune_stale_versions(tmp_path, keep=CURRENT, days=0.5) == [recent]


def test_a_version_counts_as_used_when_an_entry_was_last_written(tmp_path: Path) -> None:
    """A version opened long ago but written to yesterday (a long run, or a folder from before
    versions were touched on opening) is in use."""
    written = _version(tmp_path, OTHER, days=30)
    _age(written / "ab", 1)
    assert prune_stale_versions(tmp_path, keep=CURRENT) == []
    assert (written / "ab" / f"{'ab' * 32}.parts").exists()


def test_nothing_but_version_folders_is_ever_deleted(tmp_path: Path) -> None:
    keep = [
        tmp_path / "notes",                                             # not a version name
        tmp_path / "0123456789ABCDEF-0123456789abcdef-01234567",        # upper case: not ours
        tmp_path / "0123456789abcdef-0123456789abcdef-0123456",         # one digit short
        tmp_path / "x0123456789abcdef-0123456789abcdef-01234567",
    ]
    for folder in keep:
        folder.mkdir()
    as_file = tmp_path / OLD
    as_file.write_text("not a folder", encoding="utf-8")
    target = _version(tmp_path / "elsewhere", OTHER, days=30)
    (tmp_path / OTHER).symlink_to(target, target_is_directory=True)
    for path in [*keep, as_file, tmp_path / OTHER]:
        os.utime(path, (0, 0), follow_symlinks=False)
    assert prune_stale_versions(tmp_path, keep=CURRENT) == []
    assert all(path.exists() for path in [*keep, as_file, target / "ab" / f"{'ab' * 32}.parts"])


def test_opening_the_cache_marks_its_version_and_prunes_stale_ones(tmp_path: Path) -> None:
    old = _version(tmp_path, OLD, days=STALE_VERSION_DAYS * 2)
    cache = NoticeCache(tmp_path, ExtractionSettings())
    version = tmp_path / cache.version
    assert version.is_dir() and time.time() - version.stat().st_mtime < 60
    assert not old.exists()
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]  # the cache holds entries only
    _age(version, STALE_VERSION_DAYS * 2)
    cache.mark_used()
    assert time.time() - version.stat().st_mtime < 60
    # Another process opening an old version keeps it: nothing but staleness deletes a version.
    assert prune_stale_versions(tmp_path, keep="ffffffffffffffff-ffffffffffffffff-ffffffff") == []


def test_a_missing_cache_folder_is_no_error(tmp_path: Path) -> None:
    assert prune_stale_versions(tmp_path / "none", keep=CURRENT) == []
