"""The hostile corpus in one real ``notice-tasks run``: every file has its row and its reason,
the good notices come out as in a normal run, nothing reaches the network or escapes the
output folder, and memory stays bounded."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from extractors.garbage import is_garbled_task_text
from tests.conftest import ROOT
from tests.hostile.corpus import GOOD_NOTICES, Case, build_corpus, cases, make_removable, row_path

PEAK_MEMORY_LIMIT_MB = 1024
# The run is a child process that reports its own peak memory and that of its workers. Its own
# peak is read from /proc where there is one: Linux carries ru_maxrss across exec, so a child
# started from a test process of 1 GB would report that process's size as its own.
_RUNNER = """
import json, resource, sys
from pathlib import Path
from pipeline.cli import main
code = main(sys.argv[2:])
usage = lambda who: resource.getrusage(who).ru_maxrss // 1024
status = Path("/proc/self/status")
peak = [line.split()[1] for line in status.read_text().splitlines() if line.startswith("VmHWM:")] if status.exists() else []
self_mb = int(peak[0]) // 1024 if peak else usage(resource.RUSAGE_SELF)
with open(sys.argv[1], "w") as out:
    json.dump({"code": code, "self_mb": self_mb, "workers_mb": usage(resource.RUSAGE_CHILDREN)}, out)
"""


class Canary:
    """A listening socket that every crafted link and entity points at; it must stay silent."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.2)
        self.connections: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.getsockname()[1]}/"

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                connection, address = self.server.accept()
            except OSError:
                continue
            self.connections.append(str(address))
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.server.close()


@dataclass
class HostileRun:
    corpus: Path
    outputs: Path
    cases: list[Case]
    notices: pd.DataFrame
    tasks: pd.DataFrame
    report: dict[str, int]
    stderr: str
    connections: list[str]


def _params(folder: Path) -> Path:
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["paths"]["cache"] = ""  # every file extracted, none from a cache
    params["extract"]["unit_aliases"] = str(ROOT / params["extract"]["unit_aliases"])
    path = folder / "params.yaml"
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileRun]:
    root = tmp_path_factory.mktemp("hostile")
    canary = Canary()
    try:
        cases = build_corpus(root / "corpus", canary.url)
        report = root / "report.json"
        command = [sys.executable, "-c", _RUNNER, str(report), "--params", str(_params(root)), "run",
                   "--corpus", str(root / "corpus"), "--outputs", str(root / "outputs"), "--quiet", "--no-cache",
                   "--jobs", "1"]  # fmt: skip  # one process: its peak RSS is the run's, nothing hidden in workers
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=600)
    finally:
        canary.close()
    assert report.exists(), done.stderr
    yield HostileRun(
        corpus=root / "corpus",
        outputs=root / "outputs",
        cases=cases,
        notices=pd.read_parquet(root / "outputs" / "notices.parquet"),
        tasks=pd.read_parquet(root / "outputs" / "tasks.parquet"),
        report=json.loads(report.read_text()),
        stderr=done.stderr,
        connections=canary.connections,
    )
    make_removable(root)


def test_the_corpus_holds_at_least_thirty_kinds_of_hostile_input(hostile_run: HostileRun) -> None:
    assert len({case.kind for case in hostile_run.cases}) >= 30


def test_run_completes_and_its_exit_code_says_files_failed(hostile_run: HostileRun) -> None:
    assert hostile_run.report["code"] == 1, hostile_run.stderr
    assert "Traceback" not in hostile_run.stderr


def test_every_file_has_one_row(hostile_run: HostileRun) -> None:
    expected = {row_path(case) for case in hostile_run.cases if case.status != "none"}
    expected |= {f"good/{source.name}" for source in GOOD_NOTICES} | {"names/目录.pdf/inside.txt"}
    assert sorted(hostile_run.notices["path"]) == sorted(expected)


@pytest.mark.parametrize("case", [c for c in cases() if c.status != "none"], ids=lambda c: c.kind)
def test_each_case_has_its_status_stage_and_reason(hostile_run: HostileRun, case: Case) -> None:
    row = hostile_run.notices.set_index("path").loc[row_path(case)]
    allowed = {"ok", "warning"} if case.status == "read" else {case.status}
    assert row["status"] in allowed, (case.kind, row["message"])
    stage = None if pd.isna(row["stage"]) else row["stage"]
    assert stage == case.stage if case.stage is None or stage is None else re.fullmatch(case.stage, stage), case.kind
    assert re.search(case.reason, row["message"], re.IGNORECASE), (case.kind, row["message"])
    if case.status == "error":
        assert row["n_tasks"] == 0 and pd.isna(row["notice_id"])


def test_garbage_never_becomes_tasks(hostile_run: HostileRun) -> None:
    garbled = hostile_run.notices[hostile_run.notices["message"].str.contains("garbled_text")]
    assert len(garbled) >= 6
    assert set(garbled["n_tasks"]) == {0}
    assert not hostile_run.tasks["notice_id"].isin(garbled["notice_id"]).any()
    # a few undecodable bytes in a heading are warned about, not withheld; garbage is withheld
    assert not hostile_run.tasks["requirement"].map(is_garbled_task_text).any()


def test_good_notices_come_out_as_in_a_normal_run(hostile_run: HostileRun, tmp_path: Path) -> None:
    from pipeline.cli import main

    corpus = tmp_path / "corpus" / "good"
    corpus.mkdir(parents=True)
    for source in GOOD_NOTICES:
        (corpus / source.name).write_bytes(source.read_bytes())
    params = _params(tmp_path)
    assert main(["--params", str(params), "run", "--corpus", str(corpus.parent), "--outputs", str(tmp_path / "out"), "--quiet", "--no-cache"]) == 0
    normal = pd.read_parquet(tmp_path / "out" / "tasks.parquet")
    good_ids = set(hostile_run.notices[hostile_run.notices["path"].str.startswith("good/")]["notice_id"])
    assert good_ids == set(normal["notice_id"])
    mixed = hostile_run.tasks[hostile_run.tasks["notice_id"].isin(good_ids)].reset_index(drop=True)
    assert mixed.astype(str).to_dict("records") == normal.astype(str).to_dict("records")


def test_nothing_reaches_the_network(hostile_run: HostileRun) -> None:
    assert hostile_run.connections == []


def test_nothing_is_written_outside_the_outputs_and_names_come_from_ids(hostile_run: HostileRun) -> None:
    assert not Path("/tmp/notice-tasks-escape").exists()
    names = [p.name for p in (hostile_run.outputs / "json").iterdir()]
    assert names and all(re.fullmatch(r"[0-9a-f]{16}\.json", name) for name in names)
    everything = "".join(p.read_text(encoding="utf-8") for p in (hostile_run.outputs / "json").iterdir())
    assert "root:x:0" not in everything  # /etc/passwd was never read through an entity


def test_peak_memory_stays_under_one_gigabyte(hostile_run: HostileRun) -> None:
    report = hostile_run.report
    assert max(report["self_mb"], report["workers_mb"]) < PEAK_MEMORY_LIMIT_MB, report


def test_strict_stops_at_the_first_failure(hostile_run: HostileRun, tmp_path: Path) -> None:
    from pipeline.cli import main

    params = _params(tmp_path)
    code = main(["--params", str(params), "run", "--corpus", str(hostile_run.corpus), "--outputs", str(tmp_path / "o"),
                 "--quiet", "--no-cache", "--strict", "--jobs", "1"])  # fmt: skip
    assert code == 1
    assert not (tmp_path / "o" / "notices.parquet").exists()


if os.name != "posix":  # named pipes, symbolic links and permissions are POSIX cases
    pytestmark = pytest.mark.skip("POSIX only")
