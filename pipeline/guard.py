"""A time limit on one notice, so that a file that sends a parser into a loop fails instead of
hanging the run.

The limit is a POSIX interval timer (``SIGALRM``) in the process that extracts: no process per
file, so the normal path costs two system calls. It works in any process's main thread, which
is where ``multiprocessing`` workers run their tasks, so it holds once notices run in parallel
processes; where it cannot be set (another thread, Windows) the notice runs unguarded and the
size, page and row limits still bound it. Python checks signals between bytecodes, so a single
C call that never returns cannot be interrupted: the readers' size limits keep those calls short.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class NoticeTimeout(BaseException):
    """One notice took longer than its limit.

    A ``BaseException``, like ``KeyboardInterrupt``, so that no ``except Exception`` in a
    parser (several treat any exception as a damaged file) can swallow it.
    """


def _raise_timeout(signum: int, frame: FrameType | None) -> None:
    raise NoticeTimeout


def can_limit_time() -> bool:
    """Whether this thread may take SIGALRM: the main thread, on POSIX, unless a handler set
    outside Python owns the signal (libFuzzer's timeout, an embedding program)."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) is not None
    )


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``NoticeTimeout`` in the block once ``seconds`` have passed (no limit if 0 or
    unavailable). A timer already running outside is restored afterwards, less the time spent."""
    if seconds <= 0 or not can_limit_time():
        yield
        return
    previous_handler = signal.signal(signal.SIGALRM, _raise_timeout)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)
        finally:  # a signal already pending may raise right here; the handler goes back anyway
            signal.signal(signal.SIGALRM, previous_handler)
        if outer_delay:
            spent = seconds - remaining
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - spent, 1e-3), outer_interval)
