"""Parallel runs: a process pool and a Dask cluster write the same bytes as a serial run; the cache
stays whole under concurrent writers; the writer's window stays bounded. Nothing here is timed."""

from __future__ import annotations

import dataclasses
import multiprocessing
import shutil
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

import pipeline.settings
import pipeline.digests
import pipeline.parallel
import pipeline.writers
from extractors.notice import ExtractionSettings
from extractors.readers.limits import DEFAULT_LIMITS
from pipeline.cache import NoticeCache, write_atomic
from pipeline.cli import main
from pipeline.extract import FileResult, Status, extract_file
from pipeline.parallel import CHUNKS_AHEAD_PER_WORKER, InProcess, OrderedExtraction
from pipeline.parts import PartsError, parts_from_bytes, result_to_parts
from pipeline.run import corpus_files
from pipeline.settings import SettingsError, settings_from_params
from pipeline.writers import write_outputs
from tests.conftest import NOTICES

OUTPUTS = ("notices.parquet", "sections.parquet", "tasks.parquet", "tasks.jsonl", "tasks.xlsx", "counts.json",
           "plots/tasks_per_region_year.csv")  # fmt: skip


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.settings.load_settings
    monkeypatch.setattr(pipeline.settings, "load_settings", lambda path: dataclasses.replace(real(path), cache=tmp_path / "cache"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled corpus plus a second copy of one notice and a damaged file."""
    root = tmp_path_factory.mktemp("parallel") / "corpus"
    shutil.copytree(NOTICES, root)
    shutil.copy(NOTICES / "seeds" / "000_82450aaeb76714db.txt", root / "seeds" / "copy-of-000.txt")
    (root / "seeds" / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    return root


def _files(outputs: Path) -> dict[str, bytes]:
    return {p.relative_to(outputs).as_posix(): p.read_bytes() for p in sorted(outputs.rglob("*")) if p.is_file()}


def _run(corpus: Path, outputs: Path, *options: str) -> None:
    assert main(["run", "--quiet", "--allow-errors", "--corpus", str(corpus), "--outputs", str(outputs), *options]) == 0


def test_serial_pool_and_dask_cluster_write_byte_identical_outputs(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    _run(corpus, tmp_path / "serial", "--jobs", "1", "--no-cache")
    _run(corpus, tmp_path / "pool", "--jobs", "2", "--no-cache")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        _run(corpus, tmp_path / "dask", "--scheduler", cluster.scheduler_address)  # fills the cache …
        _run(corpus, tmp_path / "dask-cached", "--scheduler", cluster.scheduler_address)  # … and reads it
    serial = _files(tmp_path / "serial")
    assert set(OUTPUTS) <= set(serial) and len([n for n in serial if n.startswith("json/")]) == 12
    for engine in ("pool", "dask", "dask-cached"):
        assert _files(tmp_path / engine) == serial, engine
    # Rows in corpus order: notice after notice as notices.parquet lists the files, each notice's
    # tasks in order; the copy of seed 000 is a warning whose tasks are listed once, under seed 000.
    notices = pq.read_table(tmp_path / "serial" / "notices.parquet").to_pylist()
    tasks = pq.read_table(tmp_path / "serial" / "tasks.parquet").column("task_id").to_pylist()
    [copy] = [n for n in notices if n["path"] == "seeds/copy-of-000.txt"]
    assert copy["status"] == "warning" and copy["message"].startswith("same content as seeds/000_82450aaeb76714db.txt")
    listed = [n for n in notices if n["notice_id"] and n is not copy]
    expected = [f"{n['notice_id']}-{i:03d}" for n in listed for i in range(1, n["n_tasks"] + 1)]
    assert len(tasks) > 300 and tasks == expected and len(set(tasks)) == len(tasks)


def test_a_pool_run_from_the_cache_equals_a_fresh_one(corpus: Path, tmp_path: Path) -> None:
    _run(corpus, tmp_path / "first", "--jobs", "2")
    _run(corpus, tmp_path / "cached", "--jobs", "2")
    assert _files(tmp_path / "cached") == _files(tmp_path / "first")
    # One entry per content: the copy of seed 000 was extracted once, the damaged file is an entry too.
    assert len(list((tmp_path / "cache").rglob("*.parts"))) == 13


def test_row_groups_are_cut_at_fixed_counts_so_batching_changes_no_byte(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    results = [extract_file(p, NOTICES, ExtractionSettings()) for p in sorted((NOTICES / "seeds").glob("*.txt"))]
    write_outputs(results, tmp_path / "whole")
    monkeypatch.setattr(pipeline.writers, "ROW_GROUP_ROWS", 7)
    monkeypatch.setattr(pipeline.writers, "_ROWS_PER_BATCH", 2)
    write_outputs(results, tmp_path / "groups")
    grouped = pq.ParquetFile(tmp_path / "groups" / "tasks.parquet")
    assert grouped.metadata.num_row_groups > 10 and {grouped.metadata.row_group(i).num_rows for i in range(grouped.metadata.num_row_groups - 1)} == {7}
    for name in ("notices.parquet", "sections.parquet", "tasks.parquet"):
        assert pq.read_table(tmp_path / "groups" / name).to_pylist() == pq.read_table(tmp_path / "whole" / name).to_pylist(), name


class _Recording(InProcess):
    """Runs chunks in this process, recording them and how many were outstanding at each submit."""

    def __init__(self, extraction: list[OrderedExtraction]) -> None:
        self.chunks: list[list[tuple[str, str]]] = []
        self.outstanding: list[int] = []
        self._extraction = extraction
        self.workers = 2

    def submit(self, function: Any, *args: Any) -> Future[list[bytes]]:
        self.chunks.append(args[0])
        self.outstanding.append(self._extraction[0]._submitted)
        return super().submit(function, *args)


def test_one_content_goes_to_one_worker_and_the_window_stays_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline.parallel, "START_WORKERS_AT", 1)  # five contents: use the engine anyway
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted((NOTICES / "seeds").glob("*.txt"))
    for copy in range(8):  # 40 files, 5 contents
        for seed in seeds:
            shutil.copy(seed, corpus / f"{copy}-{seed.name}")
    holder: list[OrderedExtraction] = []
    engine = _Recording(holder)
    extraction = OrderedExtraction(corpus, ExtractionSettings(), DEFAULT_LIMITS, tmp_path / "cache", lambda: engine)
    holder.append(extraction)
    written = [parts.path for parts in extraction.run(corpus_files(corpus))]
    assert written == [p.name for p in corpus_files(corpus)]
    sent = [digest for chunk in engine.chunks for _, digest in chunk]
    assert len(sent) == len(set(sent)) == 5
    assert max(engine.outstanding) < CHUNKS_AHEAD_PER_WORKER * engine.workers


def _hammer(folder: str, rounds: int, size: int) -> None:
    cache = NoticeCache(Path(folder), ExtractionSettings())
    for _ in range(rounds):
        cache.put_parts("ab" * 32, _record(size))


def _record(size: int) -> bytes:
    return result_to_parts(FileResult("x" * size, Status.ERROR, "m" * size))


def test_concurrent_writers_of_one_entry_never_leave_a_partial_one(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    writers = [context.Process(target=_hammer, args=(str(tmp_path), 150, size)) for size in (10, 200_000)]
    for process in writers:
        process.start()
    cache = NoticeCache(tmp_path, ExtractionSettings())
    seen = set()
    while any(p.is_alive() for p in writers):
        data = cache.get_parts("ab" * 32)
        if data is not None:
            seen.add(len(parts_from_bytes(data).path))  # raises PartsError on a partial record
    for process in writers:
        process.join()
        assert process.exitcode == 0
    assert seen <= {10, 200_000}
    assert [p.name for p in tmp_path.rglob("*") if p.is_file()] == ["ab" * 32 + ".parts"]


def test_a_writer_that_dies_mid_entry_leaves_no_entry(tmp_path: Path) -> None:
    target = tmp_path / "ab" / "entry.parts"
    with pytest.raises(TypeError):
        write_atomic(target, object())  # type: ignore[arg-type]  # fails while writing
    assert not target.exists() and not list(tmp_path.rglob(".*"))
    with pytest.raises(PartsError):
        parts_from_bytes(_record(10)[:-3])  # what a torn write would look like is refused, not half-read


def test_jobs_and_scheduler_settings_are_validated() -> None:
    assert settings_from_params({"run": {"jobs": 3, "scheduler": "tcp://10.0.0.1:8786"}}).jobs == 3
    assert settings_from_params({"run": {"scheduler": ""}}).scheduler is None
    for bad in ({"jobs": -1}, {"jobs": "all"}, {"scheduler": "host:8786"}):
        with pytest.raises(SettingsError, match="run\\."):
            settings_from_params({"run": bad})


def test_a_few_new_files_are_extracted_here_without_starting_workers(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(NOTICES / "seeds", corpus)

    def no_workers() -> InProcess:
        raise AssertionError("workers started for five files")

    extraction = OrderedExtraction(corpus, ExtractionSettings(), DEFAULT_LIMITS, None, no_workers)
    assert len(list(extraction.run(corpus_files(corpus)))) == 5 and extraction.extracted == 5


def test_a_run_hashes_only_the_files_changed_since_the_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(NOTICES / "seeds", corpus)
    now = pipeline.digests.time.time_ns
    monkeypatch.setattr(pipeline.digests.time, "time_ns", lambda: now() + 60 * 10**9)  # every file settled

    def walk() -> tuple[OrderedExtraction, list[str]]:
        extraction = OrderedExtraction(corpus, ExtractionSettings(), DEFAULT_LIMITS, tmp_path / "cache", InProcess)
        ids = [parts.summary["notice_id"] for parts in extraction.run(corpus_files(corpus))]
        return extraction, ids

    first, ids = walk()
    changed = corpus / "000_82450aaeb76714db.txt"
    changed.write_text(changed.read_text(encoding="utf-8").replace("一、", "一、 ", 1), encoding="utf-8")
    second, new_ids = walk()

    assert (first.digests.hashed, first.extracted) == (5, 5)
    assert (second.digests.hashed, second.extracted) == (1, 1)
    assert new_ids[0] != ids[0] and new_ids[1:] == ids[1:]
