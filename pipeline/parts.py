"""One file's share of every output, rendered once: in the worker that extracted it, then cached.

A run's outputs are the concatenation, in corpus order, of each file's parts: its notice JSON
(``outputs/json/<id>.json``), its ``tasks.jsonl`` lines, its workbook rows (SpreadsheetML with the
row number left as a placeholder, for 全部任务), its own workbook sheet (deflated), its rows of
``sections.parquet`` and ``tasks.parquet`` (Arrow IPC record batches, label columns as plain strings),
and a small summary for ``notices.parquet``, the
workbook's 说明 sheet and the run counts. Rendering them in the workers keeps the writing process
(one per run, whatever the number of workers) from becoming the bottleneck; caching them means a
run that adds one notice to 1,000 concatenates 999 ready-made pieces instead of parsing 43 MB of
JSON and rendering 78,000 rows again.

Layout (also the per-notice cache entry): one line of JSON (path, status, stage, message,
summary, the sheet's CRC-32, size and rows, the notice JSON's SHA-256, sizes of the parts), then
the parts back to back.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from pipeline.excel import TASK_COLUMNS, notice_sheet, render_row, task_values
from pipeline.extract import FileResult, Stage, Status
from pipeline.notice_json import notice_text
from pipeline.tables import SECTIONS_SCHEMA, TASKS_SCHEMA, arrow_table, dense_schema, notice_summary, section_rows, task_rows
from pipeline.zipwriter import Deflated

PART_NAMES = ("json", "jsonl", "rows", "sheet", "sections", "tasks")
SECTIONS_DENSE = dense_schema(SECTIONS_SCHEMA)
TASKS_DENSE = dense_schema(TASKS_SCHEMA)


class PartsError(ValueError):
    """Bytes that are not a complete parts record (a damaged cache entry: extract again)."""


@dataclass(frozen=True, slots=True)
class NoticeParts:
    """A parsed parts record; the parts themselves stay in ``data`` until a writer copies them."""

    path: str
    status: Status
    stage: Stage | None
    message: str
    summary: dict[str, Any] | None  # None when the file gave no notice
    data: bytes
    spans: dict[str, tuple[int, int]]
    sheet_info: tuple[int, int, int] | None = None  # the deflated sheet's CRC-32, size and rows
    json_sha256: str | None = None  # of the notice JSON part, so a writer can tell an unchanged file without reading it

    @property
    def sheet(self) -> Deflated | None:
        """The notice's own workbook sheet, deflated (``pipeline.excel.notice_sheet``)."""
        if self.sheet_info is None:
            return None
        crc, size, _ = self.sheet_info
        return Deflated(self.part("sheet"), crc, size)

    @property
    def sheet_rows(self) -> int:
        return self.sheet_info[2] if self.sheet_info else 0

    def part(self, name: str) -> memoryview:
        start, end = self.spans[name]
        return memoryview(self.data)[start:end]

    def result(self) -> FileResult:
        """The file's outcome without its notice: what the command line reports."""
        return FileResult(self.path, self.status, self.message, stage=self.stage)


def _batches(rows: list[dict[str, Any]], schema: pa.Schema) -> bytes:
    """The rows as Arrow IPC record batch messages, without the schema message that starts a
    stream: the writer puts one schema before the pieces of many notices and reads them as one
    stream, instead of opening a stream per notice."""
    if not rows:
        return b""
    return b"".join(batch.serialize().to_pybytes() for batch in arrow_table(rows, schema).to_batches())


def result_to_parts(result: FileResult) -> bytes:
    """Render one file's outputs; the bytes are what workers send back and what the cache keeps."""
    notice = result.notice
    parts = dict.fromkeys(PART_NAMES, b"")
    summary, sheet_info = None, None
    if notice is not None:
        summary = notice_summary(notice)
        parts["json"] = (result.text or notice_text(notice)).encode("utf-8")
        line_head = {"notice_id": notice["notice_id"], "region": notice["region"], "year": notice["year"]}
        parts["jsonl"] = "".join(
            json.dumps({**line_head, **task}, ensure_ascii=False) + "\n" for task in notice["tasks"]
        ).encode("utf-8")
        parts["rows"] = "".join(
            render_row(TASK_COLUMNS, task_values(task, notice, result.path)) for task in notice["tasks"]
        ).encode("utf-8")
        sheet, rows = notice_sheet(parts["rows"])
        parts["sheet"], sheet_info = bytes(sheet.data), (sheet.crc, sheet.size, rows)
        parts["sections"] = _batches(section_rows([notice]), SECTIONS_DENSE)
        parts["tasks"] = _batches(task_rows([notice]), TASKS_DENSE)
    header = {
        "path": result.path, "status": result.status.value, "stage": result.stage.value if result.stage else None,
        "message": result.message, "summary": summary, "sheet": sheet_info,
        "json_sha256": hashlib.sha256(parts["json"]).hexdigest() if notice is not None else None,
        "sizes": [len(parts[name]) for name in PART_NAMES],
    }  # fmt: skip
    return b"".join([json.dumps(header, ensure_ascii=False).encode("utf-8"), b"\n", *parts.values()])


def parts_from_bytes(data: bytes) -> NoticeParts:
    """Parse a parts record; ``PartsError`` if it is not whole."""
    end = data.find(b"\n")
    try:
        header = json.loads(data[:end]) if end >= 0 else None
        sizes = header["sizes"] if isinstance(header, dict) else None
        if not isinstance(sizes, list) or len(sizes) != len(PART_NAMES) or end + 1 + sum(sizes) != len(data):
            raise PartsError("truncated or malformed parts record")
        spans, start = {}, end + 1
        for name, size in zip(PART_NAMES, sizes):
            spans[name] = (start, start + size)
            start += size
        stage = Stage(header["stage"]) if header["stage"] else None
        sheet_info = tuple(header["sheet"]) if header["sheet"] is not None else None
        if sheet_info is not None and len(sheet_info) != 3:
            raise PartsError("malformed sheet description")
        return NoticeParts(header["path"], Status(header["status"]), stage, header["message"], header["summary"], data,
                           spans, sheet_info, header["json_sha256"])  # fmt: skip
    except (ValueError, KeyError, TypeError) as error:
        raise PartsError(str(error)) from error


def moved(parts: NoticeParts, path: str) -> NoticeParts:
    """The parts of the same content found under another path (renamed, or a second copy in the
    corpus): the notice JSON and the workbook rows name the file, so they are rendered again."""
    if parts.path == path:
        return parts
    notice = json.loads(bytes(parts.part("json"))) if parts.summary is not None else None
    if notice is not None:
        notice["source"]["path"] = path
    result = FileResult(path, parts.status, parts.message, notice, None, parts.stage)
    return parts_from_bytes(result_to_parts(result))
