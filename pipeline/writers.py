"""Output tables and files, written to a temporary path and renamed into place.

An interrupted run leaves the previous outputs intact: nothing in ``outputs/`` is ever half-written.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.extract import FileResult

UNIT_TYPE = pa.struct([
    ("name", pa.string()), ("role", pa.dictionary(pa.int8(), pa.string())), ("collective", pa.bool_()),
    ("canonical", pa.string()),
])  # fmt: skip
NOTICES_SCHEMA = pa.schema([
    ("notice_id", pa.string()), ("path", pa.string()), ("format", pa.dictionary(pa.int8(), pa.string())),
    ("status", pa.dictionary(pa.int8(), pa.string())), ("message", pa.string()), ("sha256", pa.string()),
    ("title", pa.string()), ("issuer", pa.string()), ("doc_number", pa.string()), ("region", pa.string()),
    ("year", pa.int32()), ("signed", pa.date32()), ("published", pa.date32()),
    ("region_level", pa.dictionary(pa.int8(), pa.string())), ("province", pa.string()),
    ("n_sections", pa.int32()), ("n_tasks", pa.int32()),
])  # fmt: skip
SECTIONS_SCHEMA = pa.schema([
    ("notice_id", pa.string()), ("position", pa.int32()), ("number", pa.string()), ("level", pa.int8()),
    ("title", pa.string()), ("path", pa.list_(pa.string())), ("text", pa.string()),
])  # fmt: skip
TASKS_SCHEMA = pa.schema([
    ("task_id", pa.string()), ("notice_id", pa.string()), ("region", pa.string()), ("year", pa.int32()),
    ("section", pa.list_(pa.string())), ("requirement", pa.string()), ("units", pa.list_(UNIT_TYPE)),
    ("deadline_raw", pa.string()), ("deadline_kind", pa.dictionary(pa.int8(), pa.string())),
    ("deadline_due", pa.date32()), ("deadline_start", pa.date32()), ("origin", pa.dictionary(pa.int8(), pa.string())),
])  # fmt: skip


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
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)


@contextmanager
def staging_dir(outputs: Path) -> Iterator[Path]:
    """A scratch folder beside ``outputs`` (same file system, so renames are atomic)."""
    outputs.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=outputs))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _replace_dir(source: Path, target: Path) -> None:
    old = target.with_name(f".old-{target.name}-{os.getpid()}")
    if target.exists():
        os.replace(target, old)
    os.replace(source, target)
    shutil.rmtree(old, ignore_errors=True)


def write_outputs(results: list[FileResult], outputs: Path) -> None:
    """Write notices/sections/tasks Parquet, per-notice JSON and tasks.jsonl, all or nothing."""
    notices = [r.notice for r in results if r.notice is not None]
    with staging_dir(outputs) as staging:
        _write_parquet(notice_rows(results), NOTICES_SCHEMA, staging / "notices.parquet")
        _write_parquet(section_rows(notices), SECTIONS_SCHEMA, staging / "sections.parquet")
        _write_parquet(task_rows(notices), TASKS_SCHEMA, staging / "tasks.parquet")
        json_dir = staging / "json"
        json_dir.mkdir()
        with (staging / "tasks.jsonl").open("w", encoding="utf-8") as jsonl:
            for notice in notices:
                text = json.dumps(notice, ensure_ascii=False, indent=1)
                (json_dir / f"{notice['notice_id']}.json").write_text(text + "\n", encoding="utf-8")
                for task in notice["tasks"]:
                    record = {"notice_id": notice["notice_id"], "region": notice["region"], "year": notice["year"], **task}
                    jsonl.write(json.dumps(record, ensure_ascii=False) + "\n")
        for name in ("notices.parquet", "sections.parquet", "tasks.parquet", "tasks.jsonl"):
            os.replace(staging / name, outputs / name)
        _replace_dir(json_dir, outputs / "json")


def write_json_atomic(data: Any, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        json.dump(data, stream, ensure_ascii=False, indent=1)
        stream.write("\n")
    os.replace(temporary, path)
