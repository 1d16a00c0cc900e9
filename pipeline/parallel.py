"""Extraction spread over worker processes on this machine or over a Dask cluster, results back in
corpus order.

``extract_file`` is a pure function of one file, so any engine gives the same results; what this
module adds is the plumbing that keeps a run's outputs byte-identical and its memory flat:

- The writing process walks the corpus in order, hashes each file (only those changed since the
  last run: ``pipeline.digests``) and looks up the per-notice cache itself: a cached file costs no
  round trip to a worker, a run extracts only the misses, and a run with a few misses (a notice
  added) sends them to one worker, which extracts them while this process writes the cached
  notices that come before them.
- Misses go to the engine in chunks of a few files; each worker extracts them, renders their
  parts (``pipeline.parts``), writes the cache entries and returns the parts. A content is handed
  to one worker only, even when the corpus holds it twice, so no two workers write one entry.
- Results are consumed strictly in corpus order from a bounded window (a few chunks per worker
  ahead), so the writer's memory does not grow with the corpus and the outputs do not depend on
  which worker finished first.

Engines: in-process (``jobs`` 1), a ``ProcessPoolExecutor`` of ``jobs`` processes (forked from a
server that has imported the pipeline and loaded jieba and spaCy once: ``pipeline.forkserver``),
or a Dask ``distributed`` client connected to ``scheduler``.
On a cluster, every worker must see the corpus (and the cache folder, to share it) under the
same absolute path as the machine that runs ``notice-tasks run``: a shared or network file system.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from extractors.notice import ExtractionSettings
from extractors.readers.limits import Limits
from pipeline.cache import NoticeCache
from pipeline.digests import DigestIndex
from pipeline.extract import FileResult, _relative, extract_file
from pipeline.forkserver import worker_context
from pipeline.parts import NoticeParts, PartsError, moved, parts_from_bytes, result_to_parts

logger = logging.getLogger(__name__)

FILES_PER_CHUNK = 4  # per task sent to a worker: amortises the round trip, keeps the window fine-grained
CHUNKS_AHEAD_PER_WORKER = 4  # tasks queued per worker, so none waits while the writer catches up
MAX_WAITING_FILES = 4096
START_WORKERS_AT = 8  # files to extract before a pool or cluster is used (see OrderedExtraction._send)  # files walked but not yet written (a name and a hash each)


@dataclass(frozen=True, slots=True)
class Job:
    """What a worker needs besides the files; sent with every chunk (it is small)."""

    corpus: str
    settings: ExtractionSettings
    limits: Limits
    cache: str | None
    raise_bugs: bool


def extract_chunk(files: list[tuple[str, str]], job: Job) -> list[bytes]:
    """In a worker: extract each (path, sha256) and return its parts; cache those that may be cached."""
    cache = NoticeCache(Path(job.cache), job.settings, job.limits) if job.cache else None
    out = []
    for path, digest in files:
        result = extract_file(Path(path), Path(job.corpus), job.settings, None, job.limits, raise_bugs=job.raise_bugs)
        data = result_to_parts(result)
        if cache and not result.transient:
            # The content's own hash when it gave a notice (the file may have changed since the walk).
            cache.put_parts(result.notice["source"]["sha256"] if result.notice else digest, data)
        out.append(data)
    return out


class Engine(Protocol):
    workers: int

    def submit(self, function: Callable[..., list[bytes]], *args: Any) -> Any: ...

    def close(self) -> None: ...


class InProcess:
    """Runs each chunk when it is submitted: ``--jobs 1``, and the reference for the others."""

    workers = 1

    def submit(self, function: Callable[..., list[bytes]], *args: Any) -> Future[list[bytes]]:
        future: Future[list[bytes]] = Future()
        future.set_result(function(*args))
        return future

    def close(self) -> None:
        return None


class ProcessPool:
    """``jobs`` worker processes on this machine."""

    def __init__(self, jobs: int) -> None:
        self._executor = ProcessPoolExecutor(jobs, mp_context=worker_context())
        self.workers = jobs

    def submit(self, function: Callable[..., list[bytes]], *args: Any) -> Future[list[bytes]]:
        return self._executor.submit(function, *args)

    def close(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


class DaskCluster:
    """The workers of a Dask ``distributed`` scheduler (``tcp://host:8786``)."""

    def __init__(self, address: str) -> None:
        from distributed import Client  # only for cluster runs: importing it takes a second

        self._client = Client(address, set_as_default=False)
        self.workers = max(1, sum(self._client.nthreads().values()))

    def submit(self, function: Callable[..., list[bytes]], *args: Any) -> Any:
        return self._client.submit(function, *args, pure=False)

    def close(self) -> None:
        self._client.close()


def make_engine(jobs: int, scheduler: str | None) -> Engine:
    if scheduler:
        return DaskCluster(scheduler)
    return ProcessPool(jobs) if jobs > 1 else InProcess()


@dataclass(eq=False)
class _Chunk:
    files: list[tuple[str, str]] = field(default_factory=list)
    future: Any = None
    results: list[bytes] | None = None


@dataclass(frozen=True, slots=True)
class _Waiting:
    """A walked file waiting to be written: from the cache, from a chunk, or extracted here."""

    path: Path
    relative: str
    digest: str | None
    chunk: _Chunk | None = None
    index: int = 0


class OrderedExtraction:
    """Iterates over the parts of ``files`` in their order, extracting cache misses on ``engine``."""

    def __init__(self, corpus: Path, settings: ExtractionSettings, limits: Limits, cache: Path | None,
                 engine_factory: Callable[[], Engine], *, files_per_chunk: int = FILES_PER_CHUNK,
                 strict: bool = False, few_misses_engine: Callable[[], Engine] = InProcess,
                 on_first_miss: Callable[[], None] | None = None) -> None:  # fmt: skip
        self.corpus = corpus.absolute()
        self._listed = corpus  # the files come as listed under the folder as given: name them from it
        self.files_per_chunk = files_per_chunk
        self.settings, self.limits, self.strict = settings, limits, strict
        self.cache = NoticeCache(cache.absolute(), settings, limits) if cache else None
        self.digests = DigestIndex.for_corpus(cache.absolute() if cache else None, self.corpus)
        self.job = Job(str(self.corpus), settings, limits, str(cache.absolute()) if cache else None, strict)
        self._engine_factory = engine_factory
        self._few_misses_engine = few_misses_engine
        self._on_first_miss = on_first_miss  # e.g. start the fork server while the walk goes on
        self._engine: Engine | None = None
        self._waiting: deque[_Waiting] = deque()
        self._open: _Chunk | None = None  # the chunk being filled by the walk
        self._held: list[_Chunk] = []  # full chunks kept until enough misses justify starting workers
        self._misses = 0
        self._submitted = 0  # chunks sent and not yet collected
        self._in_flight: dict[str, _Waiting] = {}  # content → its first waiting file, while its chunk runs
        self.extracted = 0  # files extracted in this run (not from the cache)

    def run(self, files: Iterable[Path]) -> Iterator[NoticeParts]:
        try:
            for path in files:
                yield from self._walk(path)
            yield from self._make_room()
            self._send(walk_done=True)
            self.digests.save()
            while self._waiting:
                yield self._collect(self._waiting.popleft())
        finally:
            if self._engine is not None:
                self._engine.close()

    def _walk(self, path: Path) -> Iterator[NoticeParts]:
        relative = _relative(path, self._listed)
        digest = self.digests.digest(path, self.limits)
        if digest is None or digest in self._in_flight:
            first = self._in_flight.get(digest or "")
            self._waiting.append(_Waiting(path, relative, digest, first.chunk if first else None, first.index if first else 0))
        elif self.cache and self.cache.parts_path(digest).exists():
            self._waiting.append(_Waiting(path, relative, digest))
        else:
            if self._open is None:
                self._open = _Chunk()
            waiting = _Waiting(path, relative, digest, self._open, len(self._open.files))
            self._open.files.append((str(path.absolute()), digest))
            self._misses += 1
            if self._misses == 1 and self._on_first_miss is not None:
                self._on_first_miss()
            self._in_flight[digest] = waiting
            self._waiting.append(waiting)
            if len(self._open.files) >= self.files_per_chunk:
                yield from self._make_room()
                self._send()
        while len(self._waiting) > MAX_WAITING_FILES:
            yield self._collect(self._waiting.popleft())

    def _make_room(self) -> Iterator[NoticeParts]:
        """Write files from the front until one more chunk may be sent."""
        while self._engine is not None and self._submitted >= CHUNKS_AHEAD_PER_WORKER * self._engine.workers and self._waiting:
            yield self._collect(self._waiting.popleft())

    def _send(self, walk_done: bool = False, need_now: bool = False) -> None:
        """Send the open chunk, and any held ones, to the engine, starting it if need be.

        Until ``START_WORKERS_AT`` files need extracting, chunks are held rather than sent: a run
        that adds a notice or two to a cached corpus does not start the pool, since starting its
        workers (each loading jieba and spaCy) would cost more than it saves; when the walk ends
        they go to ``few_misses_engine`` (this process, or one worker that extracts them while
        this process writes the notices before them). A held chunk is sent as soon as the
        writer needs it, or when the walk ends.
        """
        if self._open is not None:
            self._held.append(self._open)
            self._open = None
        if self._engine is None and (self._misses >= START_WORKERS_AT or (walk_done and self._held)):
            self._engine = self._engine_factory() if self._misses >= START_WORKERS_AT else self._few_misses_engine()
        engine = self._engine or (InProcess() if need_now else None)  # the walk goes on: decide later
        if engine is None:
            return
        for chunk in self._held:
            chunk.future = engine.submit(extract_chunk, chunk.files, self.job)
            self._submitted += 1
        self._held = []

    def _collect(self, waiting: _Waiting) -> NoticeParts:
        chunk = waiting.chunk
        if chunk is not None:
            if chunk.future is None:  # held, or not filled yet: the writer needs it now
                self._send(need_now=True)
            if chunk.results is None:
                chunk.results = chunk.future.result()  # a worker's exception (--strict) is raised here
                self._submitted -= 1
                self.extracted += len(chunk.files)
            if self._in_flight.get(waiting.digest or "") is waiting:
                del self._in_flight[waiting.digest or ""]
            return moved(parts_from_bytes(chunk.results[waiting.index]), waiting.relative)
        if waiting.digest is not None and self.cache is not None:
            data = self.cache.get_parts(waiting.digest)
            if data is not None:
                try:
                    return moved(parts_from_bytes(data), waiting.relative)
                except PartsError:
                    logger.warning("%s: damaged cache entry, extracting again", waiting.relative)
        return self._extract_here(waiting)

    def _extract_here(self, waiting: _Waiting) -> NoticeParts:
        """Files that are not regular files, and cache entries that vanished or are damaged."""
        result: FileResult = extract_file(waiting.path, self.corpus, self.settings, None, self.limits, raise_bugs=self.strict)
        data = result_to_parts(result)
        if self.cache and waiting.digest and not result.transient:
            self.cache.put_parts(waiting.digest, data)
        if waiting.digest is not None:
            self.extracted += 1
        return parts_from_bytes(data)
