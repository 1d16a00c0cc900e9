"""Output tables and files, written to a staging folder and renamed into place all together.

An interrupted run leaves the previous outputs intact. Every output of a run is first written in
``outputs/.staging-<pid>-…/``; then a journal listing them is written there, and only then are
they renamed over the previous ones (files with ``os.replace``, the ``json/`` folder swapped
atomically). A run killed before the journal exists leaves the previous outputs untouched and its
staging folder is deleted by the next run; a run killed during the renames (a millisecond) leaves a
journal, and the next run completes them before doing anything else, so the outputs are always
one run's, never a mix once a run has started.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.excel import write_workbook
from pipeline.extract import FileResult
from pipeline.figures import rows_to_csv, run_counts, tasks_per_region_year
from pipeline.notice_json import notice_text

logger = logging.getLogger(__name__)

# Every file of one run, relative to outputs/; json/ is a folder replaced as a whole, so that a
# notice removed from the corpus disappears from it.
OUTPUT_FILES = (
    "notices.parquet", "sections.parquet", "tasks.parquet", "tasks.jsonl", "tasks.xlsx", "counts.json",
    "plots/tasks_per_region_year.csv",
)  # fmt: skip
OUTPUT_DIRS = ("json",)
_STAGING_PREFIX = ".staging-"
_JOURNAL = "journal.json"
# .staging-<pid>-<random> (a run's scratch folder); .old-json-<pid> (left by an earlier version).
_SCRATCH = re.compile(r"^(?:\.staging-|\.old-json-)(\d+)")
# .<name>.<pid>.tmp: a file of write_json_atomic (metrics.json of `notice-tasks eval`).
_TEMPORARY_FILE = re.compile(r"^\..+\.(\d+)\.tmp$")

def _field(name: str, kind: pa.DataType, nullable: bool = True) -> pa.Field:
    return pa.field(name, kind, nullable=nullable)


_LABEL = pa.dictionary(pa.int8(), pa.string())  # a few distinct values (status, format, role …)
# Every column, its type and whether it may be null; outputs/README.md documents each one, and
# tests/pipeline/test_writers.py keeps that data dictionary equal to these schemas.
UNIT_TYPE = pa.struct([
    _field("name", pa.string(), False), _field("role", _LABEL, False), _field("collective", pa.bool_(), False),
    _field("canonical", pa.string(), False),
])  # fmt: skip
NOTICES_SCHEMA = pa.schema([
    _field("notice_id", pa.string()), _field("path", pa.string(), False), _field("format", _LABEL),
    _field("status", _LABEL, False), _field("message", pa.string(), False), _field("sha256", pa.string()),
    _field("title", pa.string()), _field("issuer", pa.string()), _field("doc_number", pa.string()),
    _field("region", pa.string()), _field("year", pa.int32()), _field("signed", pa.date32()),
    _field("published", pa.date32()), _field("region_level", _LABEL), _field("province", pa.string()),
    _field("n_sections", pa.int32(), False), _field("n_tasks", pa.int32(), False),
])  # fmt: skip
SECTIONS_SCHEMA = pa.schema([
    _field("notice_id", pa.string(), False), _field("position", pa.int32(), False), _field("number", pa.string(), False),
    _field("level", pa.int8(), False), _field("title", pa.string(), False),
    _field("path", pa.list_(pa.string()), False), _field("text", pa.string(), False),
])  # fmt: skip
TASKS_SCHEMA = pa.schema([
    _field("task_id", pa.string(), False), _field("notice_id", pa.string(), False), _field("region", pa.string()),
    _field("year", pa.int32()), _field("section", pa.list_(pa.string()), False),
    _field("requirement", pa.string(), False), _field("units", pa.list_(UNIT_TYPE), False),
    _field("deadline_raw", pa.string(), False), _field("deadline_kind", _LABEL, False),
    _field("deadline_due", pa.date32()), _field("deadline_start", pa.date32()), _field("origin", _LABEL, False),
])  # fmt: skip
SCHEMAS = {"notices.parquet": NOTICES_SCHEMA, "sections.parquet": SECTIONS_SCHEMA, "tasks.parquet": TASKS_SCHEMA}


def type_name(kind: pa.DataType) -> str:
    """A column type as the data dictionary spells it: string, int32, date32, label, list<string> …"""
    if pa.types.is_dictionary(kind):
        return "label"
    if pa.types.is_list(kind):
        return f"list<{type_name(kind.value_type)}>"
    if pa.types.is_struct(kind):
        return "struct<" + ", ".join(f"{f.name}: {type_name(f.type)}" for f in kind) + ">"
    if pa.types.is_date32(kind):
        return "date"
    return str(kind)


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def notice_rows(results: Iterable[FileResult]) -> list[dict[str, Any]]:
    rows = []
    for result in results:
        notice = result.notice or {}
        source = notice.get("source", {})
        rows.append({
            "notice_id": notice.get("notice_id"), "path": result.path, "format": source.get("format"),
            "status": result.status.value, "message": result.message, "sha256": source.get("sha256"),
            "title": notice.get("title"), "issuer": notice.get("issuer"), "doc_number": notice.get("doc_number"),
            "region": notice.get("region"), "year": notice.get("year"), "signed": _date(notice.get("signed")),
            "published": _date(notice.get("published")), "region_level": notice.get("region_level"),
            "province": notice.get("province"), "n_sections": len(notice.get("sections", [])),
            "n_tasks": len(notice.get("tasks", [])),
        })  # fmt: skip
    return rows


def section_rows(notices: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"notice_id": n["notice_id"], "position": i, **{k: s[k] for k in ("number", "level", "title", "path", "text")}}
        for n in notices
        for i, s in enumerate(n["sections"])
    ]


def task_rows(notices: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for notice in notices:
        for task in notice["tasks"]:
            deadline = task["deadline"]
            rows.append({
                "task_id": task["task_id"], "notice_id": notice["notice_id"], "region": notice["region"],
                "year": notice["year"], "section": task["section"], "requirement": task["requirement"],
                "units": task["units"], "deadline_raw": deadline["raw"], "deadline_kind": deadline["kind"],
                "deadline_due": _date(deadline["due"]), "deadline_start": _date(deadline["start"]),
                "origin": task["origin"],
            })  # fmt: skip
    return rows


def _write_parquet(rows: list[dict[str, Any]], schema: pa.Schema, path: Path) -> None:
    table = pa.Table.from_pylist(rows, schema=schema)
    for field in schema:
        # Arrow does not check nullability on construction; a null here is a bug upstream.
        if not field.nullable and table.column(field.name).null_count:
            raise ValueError(f"{path.name}: column {field.name} is declared non-null but holds nulls")
    pq.write_table(table, path)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers, from an earlier run in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover_outputs(outputs: Path) -> None:
    """Finish or discard what killed runs left in ``outputs``: complete a journaled commit, delete
    staging folders and temporary files of runs that are no longer alive."""
    if not outputs.is_dir():
        return
    for entry in outputs.iterdir():
        scratch = _SCRATCH.match(entry.name)
        temporary = _TEMPORARY_FILE.match(entry.name)
        if scratch and entry.is_dir() and not _pid_alive(int(scratch.group(1))):
            if (entry / _JOURNAL).exists():
                logger.warning("completing the outputs of an interrupted run (%s)", entry.name)
                _commit(entry, outputs)
            shutil.rmtree(entry, ignore_errors=True)
        elif temporary and entry.is_file() and not _pid_alive(int(temporary.group(1))):
            entry.unlink(missing_ok=True)


@contextmanager
def staging_dir(outputs: Path) -> Iterator[Path]:
    """A scratch folder inside ``outputs`` (same file system, so renames are atomic), named with
    our process id so that a later run can tell a dead run's leftovers from a live run's."""
    outputs.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING_PREFIX}{os.getpid()}-", dir=outputs))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _renameat2() -> Any:
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return None
    function = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None)
    if function is not None:
        function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    return function


_RENAMEAT2 = _renameat2()
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def _swap_dirs(new: Path, target: Path) -> None:
    """Put folder ``new`` at ``target``; the previous ``target`` ends up at ``new``.

    On Linux one ``renameat2(RENAME_EXCHANGE)`` call, so ``target`` never stops existing; elsewhere
    (or on file systems without it) two renames.
    """
    if _RENAMEAT2 is not None:
        done = _RENAMEAT2(_AT_FDCWD, os.fsencode(new), _AT_FDCWD, os.fsencode(target), _RENAME_EXCHANGE)
        if done == 0:
            return
    old = new.with_name(new.name + ".old")
    os.rename(target, old)
    os.rename(new, target)


def _commit(staging: Path, outputs: Path) -> None:
    """Move the staged outputs listed in the journal into place; safe to repeat after a kill."""
    journal = json.loads((staging / _JOURNAL).read_text(encoding="utf-8"))
    for name in journal["files"]:
        if (staging / name).exists():
            (outputs / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / name, outputs / name)
    for name, inode in journal["dirs"].items():
        target = outputs / name
        if target.is_dir() and target.stat().st_ino == inode:
            continue  # swapped already; the folder in staging is the previous one
        if target.exists():
            _swap_dirs(staging / name, target)
        else:
            os.rename(staging / name, target)


def _write_text_files(notices: Sequence[FileResult], json_dir: Path, jsonl_path: Path) -> None:
    json_dir.mkdir()
    with jsonl_path.open("w", encoding="utf-8") as jsonl:
        for result in notices:
            notice = result.notice
            assert notice is not None
            (json_dir / f"{notice['notice_id']}.json").write_text(result.text or notice_text(notice), encoding="utf-8")
            header = {"notice_id": notice["notice_id"], "region": notice["region"], "year": notice["year"]}
            jsonl.writelines(json.dumps({**header, **task}, ensure_ascii=False) + "\n" for task in notice["tasks"])


def write_outputs(results: list[FileResult], outputs: Path) -> None:
    """Write every output of a run (tables, JSON, task list, workbook, counts, plot data), all or nothing.

    The outputs depend on ``results`` alone, never on what ``outputs`` held before: a notice
    removed from the corpus leaves no trace.
    """
    recover_outputs(outputs)
    with_notice = [r for r in results if r.notice is not None]
    notices = [r.notice for r in with_notice if r.notice is not None]
    with staging_dir(outputs) as staging:
        (staging / "plots").mkdir()
        _write_parquet(notice_rows(results), NOTICES_SCHEMA, staging / "notices.parquet")
        _write_parquet(section_rows(notices), SECTIONS_SCHEMA, staging / "sections.parquet")
        _write_parquet(task_rows(notices), TASKS_SCHEMA, staging / "tasks.parquet")
        _write_text_files(with_notice, staging / "json", staging / "tasks.jsonl")
        write_workbook(results, staging / "tasks.xlsx")
        _write_json(run_counts(results), staging / "counts.json")
        (staging / "plots" / "tasks_per_region_year.csv").write_text(
            rows_to_csv(tasks_per_region_year(notices)), encoding="utf-8"
        )
        journal = {"files": list(OUTPUT_FILES), "dirs": {name: (staging / name).stat().st_ino for name in OUTPUT_DIRS}}
        _write_json(journal, staging / f".{_JOURNAL}")
        os.replace(staging / f".{_JOURNAL}", staging / _JOURNAL)  # the commit point
        _commit(staging, outputs)


def _write_json(data: Any, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_json_atomic(data: Any, path: Path) -> None:
    """Write JSON to a temporary file beside ``path`` and rename it; ``recover_outputs`` deletes
    the temporary file of a killed process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        _write_json(data, temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
