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
import dataclasses
import json
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.excel import WorkbookWriter
from pipeline.extract import FileResult, Status
from pipeline.figures import RunCounter, rows_to_csv
from pipeline.hash_index import file_signature, index_file, read_index, write_index
from pipeline.json_files import write_json as _write_json
from pipeline.json_files import write_json_atomic  # noqa: F401 -- part of this module's interface
from pipeline.parts import NoticeParts, parts_from_bytes, result_to_parts
from pipeline.tables import (  # noqa: F401 -- the schemas are part of this module's interface
    NOTICES_SCHEMA,
    SCHEMAS,
    SECTIONS_SCHEMA,
    TASKS_SCHEMA,
    UNIT_TYPE,
    arrow_table,
    dense_schema,
    notice_row,
    section_rows,
    task_rows,
    type_name,
)

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

# Rows per Parquet row group: groups are cut at fixed row counts, whatever batches the rows came
# in, so a serial and a parallel run write the same bytes; a group this size keeps the writer's
# buffer to a few tens of MB while readers still get few, large groups.
ROW_GROUP_ROWS = 32_768
_ROWS_PER_BATCH = 1024  # notices rows gathered as dicts before becoming an Arrow table
_END_OF_STREAM = b"\xff\xff\xff\xff\x00\x00\x00\x00"  # Arrow IPC: continuation marker, zero length


class TableWriter:
    """One Parquet table, written a row group at a time as rows arrive."""

    def __init__(self, path: Path, schema: pa.Schema) -> None:
        self.path, self.schema = path, schema
        self._dense = dense_schema(schema)
        self._stream_head = self._dense.serialize().to_pybytes()
        self._writer = pq.ParquetWriter(path, schema)
        self._tables: list[pa.Table] = []
        self._batches: list[bytes] = []  # notices' record batch messages, not yet read
        self._rows: list[dict[str, Any]] = []
        self._buffered = 0

    def add_row(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        self._buffered += 1
        if len(self._rows) >= _ROWS_PER_BATCH:
            self._tables.append(arrow_table(self._rows, self._dense))
            self._rows = []
        self._write_if_full()

    def add_batches(self, data: memoryview, rows: int) -> None:
        """``rows`` rows as one notice's record batch messages (``pipeline.parts``), read later,
        all the pieces of a row group in one stream."""
        if rows:
            self._batches.append(bytes(data))
            self._buffered += rows
            self._write_if_full()

    def _write_if_full(self) -> None:
        if self._buffered >= ROW_GROUP_ROWS:
            self._write_groups(final=False)

    def _gather(self) -> None:
        if self._rows:
            self._tables.append(arrow_table(self._rows, self._dense))
            self._rows = []
        if self._batches:
            stream = b"".join([self._stream_head, *self._batches, _END_OF_STREAM])
            self._tables.append(pa.ipc.open_stream(pa.py_buffer(stream)).read_all())
            self._batches = []

    def _write_groups(self, final: bool) -> None:
        self._gather()
        if not self._tables:
            return
        table = pa.concat_tables(self._tables)
        while table.num_rows >= ROW_GROUP_ROWS or (final and table.num_rows):
            self._write_group(table.slice(0, ROW_GROUP_ROWS))
            table = table.slice(ROW_GROUP_ROWS)
        self._tables = [table] if table.num_rows else []
        self._buffered = table.num_rows

    def _write_group(self, group: pa.Table) -> None:
        # Labels are dictionary-encoded here, once per group, in the order values first appear.
        group = group.combine_chunks().cast(self.schema)
        for field in self.schema:
            # Arrow does not check nullability on construction; a null here is a bug upstream.
            if not field.nullable and group.column(field.name).null_count:
                raise ValueError(f"{self.path.name}: column {field.name} is declared non-null but holds nulls")
        self._writer.write_table(group, row_group_size=ROW_GROUP_ROWS)

    def close(self) -> None:
        self._write_groups(final=True)
        self._writer.close()


class OutputWriter:
    """Every output of one run, written into ``staging`` as files arrive, in memory that does not
    grow with the corpus: Parquet by row groups, JSON files and ``tasks.jsonl`` line by line, the
    workbook sheet by sheet (``pipeline.excel.WorkbookWriter``), counts as running totals."""

    def __init__(self, staging: Path, previous: Path | None = None, json_index: JsonIndex | None = None) -> None:
        self.staging = staging
        self._previous_json = previous / "json" if previous else None
        self.json_index = json_index or JsonIndex(None)
        (staging / "plots").mkdir()
        (staging / "json").mkdir()
        self._notices = TableWriter(staging / "notices.parquet", NOTICES_SCHEMA)
        self._sections = TableWriter(staging / "sections.parquet", SECTIONS_SCHEMA)
        self._tasks = TableWriter(staging / "tasks.parquet", TASKS_SCHEMA)
        self._jsonl = (staging / "tasks.jsonl").open("wb")
        self._workbook = WorkbookWriter(staging / "tasks.xlsx", staging)
        self.counter = RunCounter()
        self._first_paths: dict[str, str] = {}  # notice id → the file that lists it

    def add(self, parts: NoticeParts) -> NoticeParts:
        """One file's share of every output; files must come in corpus order. Returns the file as
        recorded: a copy of a notice met before is a warning (``_add_copy``)."""
        summary = parts.summary
        if summary is not None and (first := self._first_paths.get(summary["notice_id"])) is not None:
            return self._add_copy(parts, first)
        self._notices.add_row(notice_row(parts.path, parts.status.value, parts.stage.value if parts.stage else None,
                                         parts.message, summary))  # fmt: skip
        if summary is not None:
            self._first_paths[summary["notice_id"]] = parts.path
            self._sections.add_batches(parts.part("sections"), summary["n_sections"])
            self._tasks.add_batches(parts.part("tasks"), summary["n_tasks"])
            self._write_notice_json(f"{summary['notice_id']}.json", parts.part("json"), parts.json_sha256)
            self._jsonl.write(parts.part("jsonl"))
        self._workbook.add(parts)
        self.counter.add(parts)
        return parts

    def _add_copy(self, parts: NoticeParts, first: str) -> NoticeParts:
        """A file with the same bytes as an earlier one (the same notice saved twice): it has the
        same notice and task ids, so its tasks are listed once, under the first file, and the copy
        is a warning row in notices.parquet (with the notice's fields) and the workbook's 说明."""
        message = "; ".join(
            [f"same content as {first}: its notice and tasks are listed once, under that file", *filter(None, [parts.message])]
        )
        copy = dataclasses.replace(parts, status=Status.WARNING, message=message)
        self._notices.add_row(notice_row(copy.path, copy.status.value, None, message, parts.summary))
        listed_nowhere = dataclasses.replace(copy, summary=None, sheet_info=None)
        self._workbook.add(listed_nowhere)
        self.counter.add(listed_nowhere)
        return copy

    def _write_notice_json(self, name: str, data: memoryview, digest: str | None) -> None:
        """Write a notice's JSON, or hard-link the previous run's file when it holds the same bytes.

        A link keeps the file's inode and modification time, so DVC (whose state is keyed by
        both) and rsync-like tools see the 999 unchanged notices of an incremental run as
        unchanged instead of hashing and copying them again; it also writes nothing. Whether the
        previous file holds these bytes is known from the JSON index when it has the file as it
        is now, else by reading it.
        """
        target = self.staging / "json" / name
        previous = self._previous_json / name if self._previous_json is not None else None
        self.json_index.written(name, digest)
        if previous is not None and (self.json_index.unchanged(previous, digest) or _same_bytes(previous, data)):
            try:
                os.link(previous, target)
                return
            except OSError:  # no hard links here (another file system, FAT): write
                pass
        target.write_bytes(data)

    def finish(self, meanwhile: Callable[[Path], None] | None = None) -> None:
        """Close every file and write the run's counts and plot data.

        The workbook is closed on a thread meanwhile: most of its closing is deflating 全部任务, and
        most of the tables' is encoding their last row groups, which both run without the GIL.
        ``meanwhile`` is called with the staging folder once the Parquet tables there are complete,
        while the workbook is still being closed (the comparison reads the tables then).
        """
        with ThreadPoolExecutor(1, thread_name_prefix="tasks.xlsx") as pool:
            workbook = pool.submit(self._workbook.close)
            for table in (self._notices, self._sections, self._tasks):
                table.close()
            self._jsonl.close()
            _write_json(self.counter.counts(), self.staging / "counts.json")
            (self.staging / "plots" / "tasks_per_region_year.csv").write_text(
                rows_to_csv(self.counter.plot_rows()), encoding="utf-8"
            )
            if meanwhile is not None:
                meanwhile(self.staging)
            workbook.result()

    def abort(self) -> None:
        """Close what is open; the staging folder is deleted by the caller."""
        for close in (self._jsonl.close, self._workbook.abort, *(t._writer.close for t in (self._notices, self._sections, self._tasks))):
            try:
                close()
            except Exception:  # noqa: BLE001 -- already failing; the first error is the one to report
                pass


class JsonIndex:
    """The SHA-256 of each notice JSON in ``outputs/json`` with the signature of its file as the
    last run left it (``pipeline.hash_index``), kept in ``path`` in the per-notice cache folder: a
    run then links the 999 unchanged files of an incremental run without reading them (~50 MB per
    1,000 notices, a fifth of writing the outputs).

    A file is taken as unchanged only when its signature is the one recorded after the last run
    and its recorded SHA-256 is that of the new bytes. (A write within the same clock tick, a few
    ms, as the end of the run that recorded it would go unseen: DVC's own record of an output's
    hash trusts less, its inode, size and modification time.) Without an index (or for a file it
    does not know) the previous file is read and compared. ``path=None``: no index.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._known = read_index(path) if path is not None else {}
        self._digests: dict[str, str] = {}

    def written(self, name: str, digest: str | None) -> None:
        if digest is not None:
            self._digests[name] = digest

    def unchanged(self, previous: Path, digest: str | None) -> bool:
        known = self._known.get(previous.name)
        if digest is None or known is None or known[1] != digest:
            return False
        try:
            return file_signature(os.lstat(previous)) == known[0]
        except OSError:
            return False

    def save(self, json_dir: Path) -> None:
        """Record the files of ``json_dir`` as this run left them; best effort (a missing index only costs reading)."""
        if self.path is None:
            return
        entries = {}
        for name, digest in self._digests.items():
            try:
                entries[name] = (file_signature(os.lstat(json_dir / name)), digest)
            except OSError:
                continue
        try:
            write_index(self.path, entries)
        except OSError:
            return


def json_index_path(cache: Path | None, outputs: Path) -> Path | None:
    """Where the ``JsonIndex`` of ``outputs/json`` is kept in the per-notice cache folder ``cache`` (None: no index)."""
    return index_file(cache, "json-index", outputs) if cache is not None else None


def _same_bytes(path: Path, data: memoryview) -> bool:
    """Whether the regular file ``path`` holds exactly ``data`` (size first: most changes show there)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with path.open("rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # our own leftovers, from an earlier run in this process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _zombie(pid)


def _zombie(pid: int) -> bool:
    """A killed run whose parent was killed too stays a zombie until init reaps it, which some
    container inits never do: it has exited, and its staging folder is a leftover."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False  # no /proc (not Linux): trust kill()
    return stat.rsplit(")", 1)[-1].split()[:1] == ["Z"]


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


@contextmanager
def output_writer(outputs: Path, before_commit: Callable[[Path], None] | None = None,
                  json_index: Path | None = None) -> Iterator[OutputWriter]:  # fmt: skip
    """An ``OutputWriter`` whose outputs replace those in ``outputs`` all at once when the block
    ends without an exception, and are thrown away otherwise (previous outputs untouched).

    The outputs depend on what is added alone, never on what ``outputs`` held before: a notice
    removed from the corpus leaves no trace. ``before_commit`` is called with the staging folder
    once its tables are complete (``OutputWriter.finish``); an exception it raises discards the
    outputs like any other. ``json_index``: where the ``JsonIndex`` of ``outputs/json`` is kept.
    """
    recover_outputs(outputs)
    with staging_dir(outputs) as staging:
        writer = OutputWriter(staging, previous=outputs, json_index=JsonIndex(json_index))
        try:
            yield writer
            writer.finish(meanwhile=before_commit)
        except BaseException:
            writer.abort()
            raise
        journal = {"files": list(OUTPUT_FILES), "dirs": {name: (staging / name).stat().st_ino for name in OUTPUT_DIRS}}
        _write_json(journal, staging / f".{_JOURNAL}")
        os.replace(staging / f".{_JOURNAL}", staging / _JOURNAL)  # the commit point
        _commit(staging, outputs)
    # After the staging folder is gone: deleting the previous json/ in it unlinked every file
    # linked into the new one, which changed their change times.
    writer.json_index.save(outputs / "json")


def write_outputs(results: Iterable[FileResult], outputs: Path) -> None:
    """Write every output of a run (tables, JSON, task list, workbook, counts, plot data), all or nothing."""
    with output_writer(outputs) as writer:
        for result in results:
            writer.add(parts_from_bytes(result_to_parts(result)))
