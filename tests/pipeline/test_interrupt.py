"""A run killed midway (SIGKILL, no chance to clean up) leaves the previous outputs readable and unchanged.

The runs are real ``notice-tasks run`` and ``dvc repro`` processes; the test watches what they
write (the first per-notice cache entry: extracting; the staging folder: writing outputs) and
kills them at that moment. Nothing in the pipeline knows it is being tested.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pyarrow.parquet as pq
import pytest

from pipeline.writers import recover_outputs
from tests.conftest import NOTICES, ROOT

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
# The new corpus adds HTML, DOCX and XLSX notices to the seeds; PDFs are left out to keep runs short.
ADDED = ("linyi-2023.html", "qingdao-2019.html", "linyi-2023.docx", "linhai-2020.docx", "linyi-2023-table.xlsx")


def _snapshot(outputs: Path) -> dict[str, bytes]:
    """Every output file's bytes; hidden scratch entries (``.staging-*``) excepted."""
    return {
        p.relative_to(outputs).as_posix(): p.read_bytes()
        for p in sorted(outputs.rglob("*"))
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(outputs).parts)
    }


def _assert_readable(outputs: Path) -> None:
    for name in ("notices.parquet", "sections.parquet", "tasks.parquet"):
        pq.read_table(outputs / name)
    for path in (outputs / "json").glob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for line in (outputs / "tasks.jsonl").read_text(encoding="utf-8").splitlines():
        json.loads(line)
    json.loads((outputs / "counts.json").read_text(encoding="utf-8"))
    openpyxl.load_workbook(outputs / "tasks.xlsx", read_only=True).close()


def _run(corpus: Path, outputs: Path, cache: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline.cli", "run", "--quiet", "--corpus", str(corpus), "--outputs", str(outputs), "--cache", str(cache)]


def _kill_when(command: list[str], cwd: Path, seen: Callable[[], bool], delay: float = 0.0) -> bool:
    """Start ``command`` in its own process group and SIGKILL the group once ``seen()`` is true
    (after ``delay`` seconds more). True if it was killed, False if it finished first."""
    process = subprocess.Popen(command, cwd=cwd, env=ENV, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while process.poll() is None:
            if seen():
                time.sleep(delay)
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.002)
        assert process.returncode == 0, process.stderr.read().decode() if process.stderr else ""
        return False
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stderr:
            process.stderr.close()


def _cache_entries(cache: Path) -> int:
    return sum(1 for p in cache.rglob("*.parts") if not p.name.startswith(".")) if cache.exists() else 0


def _has_cache_entry(cache: Path) -> Callable[[], bool]:
    """True once the run has extracted a notice it had not seen (a new entry in its cache)."""
    before = _cache_entries(cache)
    return lambda: _cache_entries(cache) > before


def _is_writing(outputs: Path) -> Callable[[], bool]:
    return lambda: outputs.exists() and any(p.name.startswith(".staging-") for p in outputs.iterdir())


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The old corpus (seeds) and the new one (seeds and five samples)."""
    root = tmp_path_factory.mktemp("corpora")
    old, new = root / "old", root / "new"
    shutil.copytree(NOTICES / "seeds", old / "seeds")
    shutil.copytree(NOTICES / "seeds", new / "seeds")
    (new / "samples").mkdir()
    for name in ADDED:
        shutil.copy(NOTICES / "samples" / name, new / "samples" / name)
    return old, new


def test_killed_run_leaves_previous_outputs_byte_identical(corpora: tuple[Path, Path], tmp_path: Path) -> None:
    old_corpus, new_corpus = corpora
    outputs = tmp_path / "outputs"
    subprocess.run(_run(old_corpus, outputs, tmp_path / "cache-old"), cwd=tmp_path, env=ENV, check=True)
    old = _snapshot(outputs)

    rng = random.Random(20231)
    attempts = [
        ("extracting", lambda cache: _has_cache_entry(cache), rng.uniform(0.0, 0.1)),
        ("writing", lambda cache: _is_writing(outputs), 0.0),
        ("writing", lambda cache: _is_writing(outputs), rng.uniform(0.0, 0.05)),
    ]
    observed = []
    for index, (moment, seen, delay) in enumerate(attempts):
        before = _snapshot(outputs)
        cache = tmp_path / f"cache-{index}"  # empty: every notice is extracted again
        killed = _kill_when(_run(new_corpus, outputs, cache), tmp_path, seen(cache), delay)
        _assert_readable(outputs)
        after = _snapshot(outputs)
        recover_outputs(outputs)  # what the next run does first
        assert not [p.name for p in outputs.iterdir() if p.name.startswith(".")]
        observed.append((moment, killed, before, after, _snapshot(outputs)))

    subprocess.run(_run(new_corpus, outputs, tmp_path / "cache-final"), cwd=tmp_path, env=ENV, check=True)
    new = _snapshot(outputs)
    assert new != old and not [p.name for p in outputs.iterdir() if p.name.startswith(".")]
    for moment, killed, before, after, recovered in observed:
        assert after in (before, new), f"killed while {moment}: the outputs are a mix of two runs"
        assert recovered in (before, new)
    assert sum(killed and after == before == old for _, killed, before, after, _ in observed) >= 2


def _dvc_repo(root: Path, corpus: Path) -> Path:
    """A scratch DVC project with this repository's dvc.yaml and params, and its code as deps."""
    repo = root / "repo"
    repo.mkdir()
    shutil.copy(ROOT / "dvc.yaml", repo / "dvc.yaml")
    shutil.copy(ROOT / "params.yaml", repo / "params.yaml")
    (repo / "corpus").mkdir()
    shutil.copytree(corpus, repo / "corpus" / "notices")
    shutil.copytree(ROOT / "corpus" / "gold", repo / "corpus" / "gold")
    for name in ("unit_aliases.csv", "themes.yaml", "stopwords.txt"):
        shutil.copy(ROOT / "corpus" / name, repo / "corpus" / name)
    for package in ("extractors", "normalizers", "pipeline"):
        shutil.copytree(ROOT / package, repo / package, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([BIN / "dvc", "init", "--no-scm", "-q"], cwd=repo, env=ENV, check=True)
    return repo


def test_killed_dvc_repro_leaves_previous_outputs(corpora: tuple[Path, Path], tmp_path: Path) -> None:
    old_corpus, new_corpus = corpora
    repo = _dvc_repo(tmp_path, old_corpus)
    dvc = [str(BIN / "dvc"), "repro", "-q"]
    subprocess.run(dvc, cwd=repo, env=ENV, check=True)
    outputs = repo / "outputs"
    old = _snapshot(outputs)
    assert "tasks.xlsx" in old

    for name in ADDED:
        (repo / "corpus" / "notices" / "samples").mkdir(exist_ok=True)
        shutil.copy(new_corpus / "samples" / name, repo / "corpus" / "notices" / "samples" / name)
    assert _kill_when(dvc, repo, _has_cache_entry(repo / ".cache" / "notices"))
    assert _snapshot(outputs) == old  # persist: DVC did not delete them, and the run never replaced them
    _assert_readable(outputs)

    subprocess.run(dvc, cwd=repo, env=ENV, check=True)
    after = _snapshot(outputs)
    assert after != old and len(pq.read_table(outputs / "notices.parquet")) == 5 + len(ADDED)
    assert not [p.name for p in outputs.iterdir() if p.name.startswith(".staging-")]
    status = subprocess.run([str(BIN / "dvc"), "status", "-q"], cwd=repo, env=ENV)
    assert status.returncode == 0
