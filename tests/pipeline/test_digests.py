"""The digest index: a file's hash is reused only while the file is provably the one hashed."""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

import pipeline.digests
from extractors.readers.limits import DEFAULT_LIMITS
from pipeline.digests import DigestIndex, index_path
from tests.conftest import NOTICES


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(NOTICES / "samples", folder)
    return folder


@pytest.fixture
def later(monkeypatch: pytest.MonkeyPatch) -> None:
    """The hashes are taken a minute after the files were written: every file has settled."""
    real = time.time_ns
    monkeypatch.setattr(pipeline.digests.time, "time_ns", lambda: real() + 60 * 10**9)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _index_all(cache: Path, corpus: Path) -> tuple[DigestIndex, dict[str, str | None]]:
    index = DigestIndex.for_corpus(cache, corpus)
    digests = {path.name: index.digest(path, DEFAULT_LIMITS) for path in sorted(corpus.iterdir())}
    index.save()
    return index, digests


def test_unchanged_files_are_not_hashed_again(tmp_path: Path, corpus: Path, later: None) -> None:
    first, digests = _index_all(tmp_path / "cache", corpus)
    second, again = _index_all(tmp_path / "cache", corpus)

    assert first.hashed == len(digests) and second.hashed == 0
    assert again == digests == {path.name: _sha256(path) for path in corpus.iterdir()}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda path: path.write_bytes(path.read_bytes()[::-1]), id="same size, new content"),
        pytest.param(lambda path: path.write_bytes(path.read_bytes() + b" "), id="appended"),
        pytest.param(lambda path: (path.unlink(), path.write_bytes(b"<html>another file</html>")), id="replaced"),
    ],
)
def test_a_changed_file_is_hashed_again_even_with_its_old_modification_time(tmp_path: Path, corpus: Path, later: None, change) -> None:
    _index_all(tmp_path / "cache", corpus)
    changed = corpus / "linyi-2023.html"
    before = changed.stat()
    change(changed)
    os.utime(changed, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `touch -r` or a careless copy would

    index, digests = _index_all(tmp_path / "cache", corpus)

    assert index.hashed == 1 and digests["linyi-2023.html"] == _sha256(changed)


def test_a_file_written_just_before_the_run_is_hashed_again_next_time(tmp_path: Path, corpus: Path) -> None:
    # Its time stamps are within the file system's tick of the hash: a write in the same tick
    # would leave them unchanged, so its hash is not kept.
    first, _ = _index_all(tmp_path / "cache", corpus)
    second, digests = _index_all(tmp_path / "cache", corpus)

    assert first.hashed == second.hashed == len(digests)
    assert not index_path(tmp_path / "cache", corpus).exists()


def test_a_removed_file_leaves_the_index(tmp_path: Path, corpus: Path, later: None) -> None:
    _index_all(tmp_path / "cache", corpus)
    (corpus / "linhai-2020.pdf").unlink()
    _index_all(tmp_path / "cache", corpus)

    kept = index_path(tmp_path / "cache", corpus).read_text(encoding="utf-8")
    assert "linhai-2020.pdf" not in kept and "linhai-2020.docx" in kept


@pytest.mark.parametrize("stored", [b"", b"{not json", b'{"format": 1, "files": {"/x": [1, 2]}}', b'{"format": 99, "files": {}}', b"[]"])
def test_a_damaged_index_only_costs_hashing(tmp_path: Path, corpus: Path, later: None, stored: bytes) -> None:
    path = index_path(tmp_path / "cache", corpus)
    path.parent.mkdir(parents=True)
    path.write_bytes(stored)

    index, digests = _index_all(tmp_path / "cache", corpus)

    assert index.hashed == len(digests) and digests == {p.name: _sha256(p) for p in corpus.iterdir()}


def test_an_index_per_corpus_folder(tmp_path: Path, corpus: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(corpus, other)
    assert index_path(tmp_path / "cache", corpus) != index_path(tmp_path / "cache", other)


def test_what_is_not_a_readable_regular_file_has_no_digest(tmp_path: Path, later: None) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)  # opening it would block: it is never opened
    index = DigestIndex.for_corpus(tmp_path / "cache", tmp_path)

    assert index.digest(fifo, DEFAULT_LIMITS) is None
    assert index.digest(tmp_path / "missing.pdf", DEFAULT_LIMITS) is None
    assert index.hashed == 0


def test_without_a_cache_folder_every_file_is_hashed_and_nothing_kept(tmp_path: Path, corpus: Path, later: None) -> None:
    for _ in range(2):
        index = DigestIndex.for_corpus(None, corpus)
        assert [index.digest(path, DEFAULT_LIMITS) for path in corpus.iterdir()] == [_sha256(p) for p in corpus.iterdir()]
        index.save()
        assert index.hashed == len(list(corpus.iterdir()))
    assert not (tmp_path / "cache").exists()
