"""The three tables' schemas and how a notice becomes their rows.

Shared by the writers (``pipeline/writers.py``) and the per-notice parts (``pipeline/parts.py``),
which render each notice's rows once, in the worker that extracted it.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import date
from typing import Any

import pyarrow as pa
import pyarrow.json as pa_json


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
    _field("status", _LABEL, False), _field("stage", _LABEL), _field("message", pa.string(), False),
    _field("sha256", pa.string()),
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


def notice_summary(notice: dict[str, Any]) -> dict[str, Any]:
    """What the notices table, the workbook's 说明 sheet and the run counts need of a notice: small,
    so that a run served from the cache never parses the notice JSON itself."""
    tasks = notice.get("tasks", [])
    return {
        **{key: notice.get(key) for key in _SUMMARY_KEYS},
        "format": notice.get("source", {}).get("format"), "sha256": notice.get("source", {}).get("sha256"),
        "n_sections": len(notice.get("sections", [])), "n_tasks": len(tasks),
        "tasks_with_due_date": sum(1 for t in tasks if t["deadline"]["due"]),
        "tasks_with_units": sum(1 for t in tasks if t["units"]),
    }  # fmt: skip


_SUMMARY_KEYS = (
    "notice_id", "title", "issuer", "doc_number", "region", "year", "signed", "published", "region_level", "province",
)  # fmt: skip


def notice_row(path: str, status: str, stage: str | None, message: str, summary: dict[str, Any] | None) -> dict[str, Any]:
    """One row of notices.parquet: a file, with its notice's summary when it has one."""
    notice = summary or {}
    return {
        "notice_id": notice.get("notice_id"), "path": path, "format": notice.get("format"), "status": status,
        "stage": stage, "message": message, "sha256": notice.get("sha256"), "title": notice.get("title"),
        "issuer": notice.get("issuer"), "doc_number": notice.get("doc_number"), "region": notice.get("region"),
        "year": notice.get("year"), "signed": _date(notice.get("signed")), "published": _date(notice.get("published")),
        "region_level": notice.get("region_level"), "province": notice.get("province"),
        "n_sections": notice.get("n_sections", 0), "n_tasks": notice.get("n_tasks", 0),
    }  # fmt: skip


def dense_schema(schema: pa.Schema) -> pa.Schema:
    """``schema`` with every label (dictionary) column as plain strings: per-notice pieces are
    stored dense and encoded once per row group, so that pieces with different dictionaries join."""
    return pa.schema([pa.field(f.name, _dense(f.type), f.nullable) for f in schema])


def _dense(kind: pa.DataType) -> pa.DataType:
    if pa.types.is_dictionary(kind):
        return kind.value_type
    if pa.types.is_list(kind):
        return pa.list_(_dense(kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _dense(f.type), f.nullable) for f in kind])
    return kind


_EPOCH = date(1970, 1, 1)


def _days(value: Any) -> int:
    if isinstance(value, date):
        return (value - _EPOCH).days  # date32: days since 1970-01-01
    raise TypeError(f"{type(value).__name__} is not a table value")


def arrow_table(rows: list[dict[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows (dicts, dates as ``date``) as an Arrow table of ``schema``, through Arrow's JSON reader.

    ``pa.Table.from_pylist`` would do, but any Python list pyarrow converts makes it import pandas
    to ask whether the list is a pandas object: 0.2-0.3 s, once per process, that every run (and
    each worker) paid for nothing. The JSON reader is C++ and as fast; keys the schema does not
    name are ignored, as ``from_pylist`` does.
    """
    if not rows:
        return pa.Table.from_batches([], schema=schema)  # not schema.empty_table(): it imports pandas
    data = "".join([json.dumps(row, ensure_ascii=False, default=_days) + "\n" for row in rows]).encode("utf-8")
    table = pa_json.read_json(
        io.BytesIO(data),
        read_options=pa_json.ReadOptions(use_threads=False, block_size=max(len(data), 1 << 20)),
        parse_options=pa_json.ParseOptions(explicit_schema=_nullable(schema), unexpected_field_behavior="ignore"),
    )
    # Back to the declared nullability; a null where none may be is reported, with its column,
    # by the writer (the reader would only say "a required field was null").
    return table.cast(schema)


def _nullable(schema: pa.Schema) -> pa.Schema:
    return pa.schema([pa.field(f.name, _nullable_type(f.type)) for f in schema])


def _nullable_type(kind: pa.DataType) -> pa.DataType:
    if pa.types.is_list(kind):
        return pa.list_(_nullable_type(kind.value_type))
    if pa.types.is_struct(kind):
        return pa.struct([pa.field(f.name, _nullable_type(f.type)) for f in kind])
    return kind


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
