"""Output writers: the data dictionary matches the schemas; commits are all or nothing, even across a crash."""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest

import pipeline.writers
from extractors.notice import ExtractionSettings
from pipeline.extract import FileResult, Status, extract_file
from pipeline.parts import parts_from_bytes, result_to_parts
from pipeline.writers import OUTPUT_FILES, SCHEMAS, output_writer, recover_outputs, type_name, write_outputs
from tests.conftest import NOTICES, ROOT

DICTIONARY = ROOT / "outputs" / "README.md"
_ROW = re.compile(r"^\| `([a-z_0-9]+)` \| (.+?) \| (yes|no) \| (.+?) \| (.+?) \|$")


def _documented(table: str) -> list[tuple[str, str, bool]]:
    """(column, type, nullable) of each row under the ``### <table>`` heading of the dictionary."""
    text = DICTIONARY.read_text(encoding="utf-8")
    section = text.split(f"### {table}\n", 1)[1].split("\n#", 1)[0]
    rows = [_ROW.match(line) for line in section.splitlines() if line.startswith("| `")]
    assert all(rows), f"malformed rows under {table}"
    return [(m.group(1), m.group(2), m.group(3) == "yes") for m in rows if m]


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_data_dictionary_lists_exactly_the_schema_columns(table: str) -> None:
    schema = SCHEMAS[table]
    expected = [(f.name, type_name(f.type), f.nullable) for f in schema]
    assert _documented(table) == expected


def test_readme_links_the_data_dictionary() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    schema_section = readme.split("## Output schema", 1)[1].split("\n## ", 1)[0]
    assert "outputs/README.md" in schema_section


def _results(names: list[str]) -> list[FileResult]:
    return [extract_file(NOTICES / "seeds" / name, NOTICES, ExtractionSettings()) for name in names]


SEEDS = sorted(p.name for p in (NOTICES / "seeds").glob("*.txt"))


def _snapshot(outputs: Path) -> dict[str, bytes]:
    return {
        p.relative_to(outputs).as_posix(): p.read_bytes()
        for p in sorted(outputs.rglob("*"))
        if p.is_file() and not p.relative_to(outputs).parts[0].startswith(".")
    }


def test_outputs_hold_the_written_tables_with_their_schemas(tmp_path: Path) -> None:
    results = _results(SEEDS[:2]) + [FileResult("bad.pdf", Status.ERROR, "damaged")]
    write_outputs(results, tmp_path)
    for name, schema in SCHEMAS.items():
        assert pq.read_schema(tmp_path / name).remove_metadata() == schema, name
    assert set(_snapshot(tmp_path)) == {*OUTPUT_FILES, *(f"json/{r.notice['notice_id']}.json" for r in results if r.notice)}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_null_in_a_non_null_column_is_a_bug_not_a_row(tmp_path: Path) -> None:
    bad = FileResult("x.txt", Status.OK, None, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="message"):
        write_outputs([bad], tmp_path)


def test_a_crash_during_the_renames_is_completed_by_the_next_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs = tmp_path / "out"
    write_outputs(_results(SEEDS[:2]), outputs)
    expected_dir = tmp_path / "expected"
    write_outputs(_results(SEEDS[2:]), expected_dir)
    expected = _snapshot(expected_dir)

    real_replace, calls = os.replace, []

    def dies_after_three(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if len(calls) > 4:  # the journal's rename, then three outputs: the process "dies" here
            raise SystemExit("killed")
        real_replace(source, target)

    monkeypatch.setattr(pipeline.writers.os, "replace", dies_after_three)
    monkeypatch.setattr(pipeline.writers, "staging_dir", _staging_kept_like_a_killed_process)
    with pytest.raises(SystemExit):
        write_outputs(_results(SEEDS[2:]), outputs)
    monkeypatch.undo()
    assert _snapshot(outputs) != expected  # a mix of two runs, as a kill would leave it

    recover_outputs(outputs)
    assert _snapshot(outputs) == expected
    assert not [p for p in outputs.iterdir() if p.name.startswith(".")]


def test_a_crash_before_the_journal_leaves_the_previous_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_outputs(_results(SEEDS[:2]), tmp_path)
    before = _snapshot(tmp_path)

    def killed(*args: object, **kwargs: object) -> None:
        raise SystemExit("killed")

    monkeypatch.setattr(pipeline.writers.WorkbookWriter, "close", killed)  # dies while finishing the workbook
    monkeypatch.setattr(pipeline.writers, "staging_dir", _staging_kept_like_a_killed_process)
    with pytest.raises(SystemExit):
        write_outputs(_results(SEEDS[2:]), tmp_path)
    monkeypatch.undo()
    assert _snapshot(tmp_path) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".staging-")]
    recover_outputs(tmp_path)
    assert _snapshot(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_before_commit_sees_the_complete_new_tables_and_its_failure_keeps_the_old_outputs(tmp_path: Path) -> None:
    write_outputs(_results(SEEDS[:2]), tmp_path)
    before = _snapshot(tmp_path)
    seen: dict[str, int] = {}

    def compare(staging: Path) -> None:
        seen["notices"] = pq.read_table(staging / "notices.parquet").num_rows
        seen["tasks"] = pq.read_table(staging / "tasks.parquet").num_rows
        raise ValueError("the comparison failed")

    with pytest.raises(ValueError, match="the comparison failed"), output_writer(tmp_path, before_commit=compare) as writer:
        for result in _results(SEEDS[2:]):
            writer.add(parts_from_bytes(result_to_parts(result)))

    assert seen == {"notices": 3, "tasks": sum(len(r.notice["tasks"]) for r in _results(SEEDS[2:]))}
    assert _snapshot(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_leftovers_of_a_live_run_are_not_touched(tmp_path: Path) -> None:
    live = tmp_path / f".staging-{os.getppid()}-abc"  # our parent is alive
    live.mkdir()
    dead_pid = _dead_pid()
    dead = tmp_path / f".staging-{dead_pid}-abc"
    dead.mkdir()
    stale_metrics = tmp_path / f".metrics.json.{dead_pid}.tmp"
    stale_metrics.write_text("{", encoding="utf-8")
    recover_outputs(tmp_path)
    assert live.exists() and not dead.exists() and not stale_metrics.exists()


def _dead_pid() -> int:
    """A process id that no process has: one of a child that has exited."""
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


class _staging_kept_like_a_killed_process:
    """``staging_dir`` without its cleanup: what SIGKILL leaves behind."""

    def __init__(self, outputs: Path) -> None:
        import tempfile

        outputs.mkdir(parents=True, exist_ok=True)
        # Named for a dead process, as the leftovers of a killed run are.
        self.path = Path(tempfile.mkdtemp(prefix=f".staging-{_dead_pid()}-", dir=outputs))

    def __enter__(self) -> Path:
        return self.path

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_missing_json_folder_is_created(tmp_path: Path) -> None:
    write_outputs(_results(SEEDS[:1]), tmp_path)
    assert (tmp_path / "json").is_dir() and (tmp_path / "tasks.xlsx").is_file()
    shutil.rmtree(tmp_path / "json")
    write_outputs(_results(SEEDS[:1]), tmp_path)  # a missing json/ is simply created
    assert len(list((tmp_path / "json").glob("*.json"))) == 1


def test_unchanged_notice_files_keep_their_inode_and_changed_ones_are_rewritten(tmp_path: Path) -> None:
    """DVC keys its record of a file's hash by inode, modification time and size: files a run did
    not change must keep all three, or DVC hashes every notice of the corpus again."""
    outputs = tmp_path / "outputs"
    results = _results(SEEDS[:3])
    write_outputs(results, outputs)
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (outputs / "json").iterdir()}
    edited = sorted(before)[0]
    (outputs / "json" / edited).write_text("{}", encoding="utf-8")  # someone edited an output by hand
    write_outputs(results + _results(SEEDS[3:4]), outputs)
    after = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (outputs / "json").iterdir()}
    assert len(after) == 4 and set(before) < set(after)
    assert {name for name in before if after[name] == before[name]} == set(before) - {edited}
    fresh = tmp_path / "fresh"
    write_outputs(results + _results(SEEDS[3:4]), fresh)
    assert _snapshot(outputs) == _snapshot(fresh)  # the edited file was written again, not linked


def _write_indexed(results: list[FileResult], outputs: Path, index: Path) -> None:
    with output_writer(outputs, json_index=index) as writer:
        for result in results:
            writer.add(parts_from_bytes(result_to_parts(result)))


def _counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    read: list[str] = []
    real = pipeline.writers._same_bytes

    def same_bytes(path: Path, data: memoryview) -> bool:
        read.append(path.name)
        return real(path, data)

    monkeypatch.setattr(pipeline.writers, "_same_bytes", same_bytes)
    return read


def test_the_json_index_links_unchanged_notices_without_reading_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outputs, index = tmp_path / "outputs", tmp_path / "cache" / "json-index.json"
    results = _results(SEEDS[:3])
    _write_indexed(results, outputs, index)
    before = {p.name: p.stat().st_ino for p in (outputs / "json").iterdir()}
    read = _counting_reads(monkeypatch)

    _write_indexed(results + _results(SEEDS[3:4]), outputs, index)

    new = {p.name for p in (outputs / "json").iterdir()} - set(before)
    assert len(new) == 1 and set(read) <= new  # the three known files linked on the index's word
    assert {name: (outputs / "json" / name).stat().st_ino for name in before} == before
    fresh = tmp_path / "fresh"
    write_outputs(results + _results(SEEDS[3:4]), fresh)
    assert _snapshot(outputs) == _snapshot(fresh)


@pytest.mark.parametrize(
    "tamper",
    [
        pytest.param(lambda path: path.write_bytes(path.read_bytes().replace(b"1", b"2", 1)), id="edited in place, same size"),
        pytest.param(lambda path: (path.unlink(), path.write_text("{}", encoding="utf-8")), id="replaced"),
        pytest.param(lambda path: path.with_name("x").write_text("{}") or path.with_name("x").replace(path), id="renamed over"),
    ],
)
def test_a_json_file_changed_since_the_index_is_read_and_written_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tamper) -> None:
    outputs, index = tmp_path / "outputs", tmp_path / "cache" / "json-index.json"
    results = _results(SEEDS[:2])
    _write_indexed(results, outputs, index)
    edited = sorted((outputs / "json").iterdir())[0]
    times = edited.stat()
    time.sleep(0.05)  # an edit after the run: time stamps move in ticks of a few ms
    tamper(edited)
    os.utime(edited, ns=(times.st_atime_ns, times.st_mtime_ns))  # even with its old modification time
    read = _counting_reads(monkeypatch)

    _write_indexed(results, outputs, index)

    assert read == [edited.name]
    fresh = tmp_path / "fresh"
    write_outputs(results, fresh)
    assert _snapshot(outputs) == _snapshot(fresh)


@pytest.mark.parametrize("stored", [b"", b"[1, 2]", b'{"format": 1, "files": {"a.json": [1]}}', b'{"format": 2, "files": {}}'])
def test_a_damaged_json_index_only_costs_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stored: bytes) -> None:
    outputs, index = tmp_path / "outputs", tmp_path / "cache" / "json-index.json"
    results = _results(SEEDS[:2])
    _write_indexed(results, outputs, index)
    index.write_bytes(stored)
    read = _counting_reads(monkeypatch)

    _write_indexed(results, outputs, index)

    assert len(read) == 2
    assert json.loads(index.read_text(encoding="utf-8"))["format"] == 1  # written again
    assert not [p for p in index.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_second_copy_of_a_notice_is_a_warning_and_its_tasks_are_listed_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("a.txt", "b-copy.txt"):
        shutil.copy(NOTICES / "seeds" / SEEDS[0], corpus / name)
    results = [extract_file(corpus / name, corpus, ExtractionSettings()) for name in ("a.txt", "b-copy.txt")]
    write_outputs(results, tmp_path / "out")
    notices = pq.read_table(tmp_path / "out" / "notices.parquet").to_pylist()
    assert [n["status"] for n in notices] == ["ok", "warning"] and notices[0]["notice_id"] == notices[1]["notice_id"]
    assert notices[1]["message"] == "same content as a.txt: its notice and tasks are listed once, under that file"
    tasks = pq.read_table(tmp_path / "out" / "tasks.parquet").column("task_id").to_pylist()
    assert len(tasks) == notices[0]["n_tasks"] > 0 and len(set(tasks)) == len(tasks)
    assert [p.name for p in (tmp_path / "out" / "json").iterdir()] == [f"{notices[0]['notice_id']}.json"]
    counts = json.loads((tmp_path / "out" / "counts.json").read_text(encoding="utf-8"))
    assert (counts["files"], counts["warning"], counts["notices"], counts["tasks"]) == (2, 1, 1, len(tasks))
    lines = (tmp_path / "out" / "tasks.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(tasks)
    workbook = openpyxl.load_workbook(tmp_path / "out" / "tasks.xlsx", read_only=True)
    assert len(workbook.sheetnames) == 3  # 全部任务, 说明 and the notice's own sheet, once
    explained = list(workbook["说明"].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in explained] == ["a.txt", "b-copy.txt"] and explained[1][2] == "警告"
