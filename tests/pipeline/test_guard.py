"""One file can neither hang nor crash a run: a time limit per notice, bugs recorded as rows
(raised under --strict), files that are not files reported without being opened."""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

import pipeline.extract
from extractors.notice import ExtractionSettings
from extractors.readers.limits import Limits
from pipeline.cache import NoticeCache
from pipeline.extract import Stage, Status, extract_file
from pipeline.guard import NoticeTimeout, time_limit
from tests.conftest import NOTICES

SEED = NOTICES / "seeds" / "004_4496c5e18f9a504a.txt"


def _spin() -> None:
    while True:
        pass


def test_time_limit_interrupts_a_loop_that_never_ends() -> None:
    with pytest.raises(NoticeTimeout), time_limit(0.05):
        _spin()
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_time_limit_is_not_caught_by_except_exception() -> None:
    def swallowing() -> None:
        try:
            _spin()
        except Exception:  # noqa: BLE001 -- what several parsers do
            pass

    with pytest.raises(NoticeTimeout), time_limit(0.05):
        swallowing()


def test_time_limit_restores_an_outer_timer() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda *_: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_REAL, 30)
        with time_limit(5):
            pass
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 20 < remaining <= 30
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_time_limit_outside_the_main_thread_runs_unguarded() -> None:
    done: list[bool] = []

    def worker() -> None:
        with time_limit(0.01):
            done.append(True)

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert done == [True]


def test_a_notice_over_its_time_is_an_error_row_never_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline.extract, "document_to_notice", lambda document, settings: _spin())
    cache = NoticeCache(tmp_path / "cache", ExtractionSettings())
    result = extract_file(SEED, SEED.parent, ExtractionSettings(), cache, Limits(seconds_per_notice=0.2))
    assert (result.status, result.stage) == (Status.ERROR, Stage.EXTRACT)
    assert "limits.seconds_per_notice = 0.2 s" in result.message
    assert not list((tmp_path / "cache").rglob("*.json"))


def test_a_bug_is_an_error_row_or_raised_under_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(document: object, settings: object) -> None:
        raise KeyError("section")

    monkeypatch.setattr(pipeline.extract, "document_to_notice", broken)
    result = extract_file(SEED, SEED.parent, ExtractionSettings())
    assert (result.status, result.stage) == (Status.ERROR, Stage.EXTRACT)
    assert "internal error at the extract stage (KeyError: 'section')" in result.message
    assert "report it" in result.message
    with pytest.raises(KeyError):
        extract_file(SEED, SEED.parent, ExtractionSettings(), raise_bugs=True)


def test_a_named_pipe_is_reported_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = extract_file(fifo, tmp_path, ExtractionSettings())  # opening it would block forever
    assert (result.status, result.stage, result.path) == (Status.ERROR, Stage.OPEN, "pipe.txt")
    assert "named pipe" in result.message


def test_a_file_name_that_is_not_utf8_is_kept_printable(tmp_path: Path) -> None:
    path = tmp_path / os.fsdecode(b"\xd5\xfe\xb8\xae.txt")
    path.write_bytes(SEED.read_bytes())
    result = extract_file(path, tmp_path, ExtractionSettings())
    assert result.status is Status.OK
    assert result.path == "\\xd5\\xfe\\xb8\\xae.txt"
    assert result.notice is not None and result.notice["source"]["path"] == result.path
