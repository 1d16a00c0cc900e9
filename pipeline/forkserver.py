"""The fork server that extraction workers on this machine are started from.

Workers are forked from a server process that has imported the pipeline once (``PRELOAD``): they
start fast and never inherit the threads of the parent (a Dask client, tqdm, OpenBLAS's pool).
This module imports nothing heavy, so that ``notice-tasks run`` can start the server first thing:
it imports the pipeline (~0.35 s) on another core while the run does the same, and is ready when
the walk of the corpus meets a file to extract.

spaCy and jieba are not preloaded there: forking a worker waits until the server has imported its
preload, and loading them (~1.2 s) would hold up the run that adds one notice; each worker loads
them on its first notice that needs them.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os

# Imported by the server before it forks its first worker.
PRELOAD = ("pipeline.parallel",)


def default_jobs() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def worker_context() -> multiprocessing.context.BaseContext:
    """The fork server's context; spawn where there is no fork server (not on Linux)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(PRELOAD))
    return context


def start_fork_server() -> None:
    """Start the fork server now, if it is not running; returns at once (the loading happens there)."""
    context = worker_context()
    if context.get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()

