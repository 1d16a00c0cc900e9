"""Scaling out: ``notice-tasks run`` on 10,000 notices with 1 and 2 worker processes and on a local
Dask cluster, and peak memory at 1,000 against 10,000 notices.

What is measured, for each configuration, by running the real command in a fresh process:

- wall time of the whole command (start, imports, extraction, writing every output), and from it
  notices/s, PDF pages/s and the speed-up over one worker;
- CPU time and peak memory of every process involved, sampled with psutil every 0.2 s: the
  command, its fork server and workers, and for the Dask run the cluster's workers (the scheduler
  lives in this script's process and is not counted). Memory is the peak of the summed resident
  sets: what the machine must have;
- the load average before and after: the reference machine is shared, and a neighbour on one of
  the two cores halves what two workers can gain. CPU time is the figure that stays put.

Runs use ``--no-cache`` (every notice extracted) and go one after another, never two at once.

The corpus is made from the bundled notices with ``benchmarks/incremental.py``'s generator
(text, HTML, DOCX and XLSX variants with other regions and shifted years, PDF copies), plus a
copy marker that keeps every file different beyond its 280th variant (spaces after a text, an
HTML comment, a zip comment): 10,000 files with 10,000 notice ids.

    python benchmarks/scale.py [--notices 10000] [--small 1000] [--pdf-share 0.02] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

from benchmarks.incremental import copy_code, variant_sources, write_notice  # noqa: E402
from benchmarks.throughput import bundled_samples, machine_info, pdf_pages  # noqa: E402

BIN = Path(sys.executable).parent
UNIQUE_VARIANTS = 280  # 40 regions × 7 year shifts per source (throughput.py)
TARGET_SPEEDUP = 1.7
TARGET_MEMORY_RATIO = 1.5


def make_unique(path: Path, copy: int) -> None:
    """Make the ``copy``-th repeat of a variant a different file that reads the same."""
    if copy == 0:
        return
    suffix = path.suffix.lower()
    if suffix == ".txt":
        path.write_bytes(path.read_bytes() + b" " * copy)  # trailing spaces: normalised away
    elif suffix in (".html", ".htm"):
        path.write_bytes(path.read_bytes() + f"\n<!-- copy {copy} -->\n".encode())
    elif suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path, "a") as archive:
            archive.comment = f"copy {copy}".encode()


def write_scale_corpus(out_dir: Path, count: int, pdf_share: float) -> dict[str, int]:
    """``count`` different notices in ``out_dir``; returns files per format and PDF pages."""
    sources = variant_sources()
    pdfs = bundled_samples()["pdf"]
    pages = {pdf.name: pdf_pages(pdf) for pdf in pdfs}
    pdf_every = round(1 / pdf_share) if pdf_share else 0
    stats: dict[str, int] = {"files": 0, "pdf_pages": 0}
    for index in range(count):
        path = write_notice(index, out_dir, sources, pdfs, pdf_every)
        if path.suffix == ".pdf":
            stats["pdf_pages"] += pages[path.name.rsplit("-", 1)[0] + ".pdf"]
        else:
            make_unique(path, index // (len(sources) * UNIQUE_VARIANTS))
        stats[path.suffix.lstrip(".")] = stats.get(path.suffix.lstrip("."), 0) + 1
        stats["files"] += 1
    return stats


class TreeSampler:
    """Peak summed RSS and CPU time of this process's descendants (not of this process itself)."""

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self._psutil = psutil
        self._me = psutil.Process()
        self._interval = interval
        self._stop = threading.Event()
        self.peak_rss = 0
        self._cpu: dict[int, float] = {}
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.is_set():
            total = 0
            for process in self._me.children(recursive=True):
                try:
                    total += process.memory_full_info().pss  # shared pages split between forked processes
                    times = process.cpu_times()
                    self._cpu[process.pid] = times.user + times.system
                except (self._psutil.NoSuchProcess, self._psutil.AccessDenied):
                    continue
            self.peak_rss = max(self.peak_rss, total)
            self._stop.wait(self._interval)

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())


CODE: Path | None = None  # a frozen copy of the packages, so edits during a long benchmark change nothing


def _run(corpus: Path, outputs: Path, *options: str) -> dict[str, Any]:
    command = [str(BIN / "notice-tasks"), "run", "--quiet", "--allow-errors", "--no-cache", "--corpus", str(corpus),
               "--outputs", str(outputs), *options]  # fmt: skip
    load_before = os.getloadavg()[0]
    with TreeSampler() as sampler:
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=_env())
        wall = time.perf_counter() - start
    shutil.rmtree(outputs, ignore_errors=True)
    return {"wall_s": wall, "cpu_s": sampler.cpu_seconds, "peak_rss_mb": sampler.peak_rss / 2**20,
            "load_before": load_before, "load_after": os.getloadavg()[0]}  # fmt: skip


def _env() -> dict[str, str]:
    return {**os.environ, "DVC_NO_ANALYTICS": "1", **({"PYTHONPATH": str(CODE)} if CODE else {})}


def _with_cluster(corpus: Path, outputs: Path, workers: int) -> dict[str, Any]:
    from distributed import LocalCluster

    if CODE:  # the cluster's workers import the frozen copy too
        os.environ["PYTHONPATH"] = str(CODE)
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        return _run(corpus, outputs, "--scheduler", cluster.scheduler_address)


def run(count: int, small: int, pdf_share: float, configs: list[str]) -> dict[str, Any]:
    report: dict[str, Any] = {"machine": machine_info(), "notices": count, "small": small, "pdf_share": pdf_share, "runs": {}}
    global CODE
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as scratch:
        root = Path(scratch)
        CODE = copy_code(root / "code")
        for size in sorted({count, small}):
            corpus = root / f"corpus-{size}"
            stats = write_scale_corpus(corpus, size, pdf_share)
            report[f"corpus_{size}"] = stats
            for config in configs:
                if size == small and size != count and config != "jobs-2":
                    continue  # the small corpus is only for the memory comparison
                outputs = root / "outputs"
                if config == "dask-2":
                    measured = _with_cluster(corpus, outputs, 2)
                else:
                    measured = _run(corpus, outputs, "--jobs", config.split("-")[1])
                measured["notices_per_s"] = size / measured["wall_s"]
                measured["pages_per_s"] = stats["pdf_pages"] / measured["wall_s"]
                report["runs"][f"{config} × {size}"] = measured
                print(f"{config:7} {size:6} notices: {measured['wall_s']:7.1f} s wall, {measured['cpu_s']:7.1f} s CPU, "
                      f"{measured['peak_rss_mb']:6.0f} MB, load {measured['load_before']:.1f}→{measured['load_after']:.1f}",
                      flush=True)  # fmt: skip
            shutil.rmtree(corpus, ignore_errors=True)
    return report


def print_report(report: dict[str, Any]) -> None:
    runs, count, small = report["runs"], report["notices"], report["small"]
    base = runs.get(f"jobs-1 × {count}")
    print(f"\n{count} notices ({report[f'corpus_{count}']}), {report['machine']['cpu_count']} cores")
    print(f"{'run':18} {'wall s':>8} {'CPU s':>8} {'notices/s':>10} {'pages/s':>8} {'speed-up':>9} {'peak MB':>8} {'load':>9}")
    for name, run_ in runs.items():
        speedup = base["wall_s"] / run_["wall_s"] if base and name.endswith(f"× {count}") else float("nan")
        print(f"{name:18} {run_['wall_s']:8.1f} {run_['cpu_s']:8.1f} {run_['notices_per_s']:10.1f} {run_['pages_per_s']:8.1f} "
              f"{speedup:9.2f} {run_['peak_rss_mb']:8.0f} {run_['load_before']:4.1f}→{run_['load_after']:.1f}")  # fmt: skip
    two = runs.get(f"jobs-2 × {count}")
    if base and two:
        speedup = base["wall_s"] / two["wall_s"]
        print(f"speed-up 1 → 2 workers: {speedup:.2f} (target ≥ {TARGET_SPEEDUP}: {'PASS' if speedup >= TARGET_SPEEDUP else 'FAIL'})")
    small_run = runs.get(f"jobs-2 × {small}")
    if two and small_run and small != count:
        ratio = two["peak_rss_mb"] / small_run["peak_rss_mb"]
        verdict = "PASS" if ratio <= TARGET_MEMORY_RATIO else "FAIL"
        print(f"peak memory {count} / {small} notices (2 workers): {ratio:.2f} (target ≤ {TARGET_MEMORY_RATIO}: {verdict})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--notices", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000, help="the smaller corpus of the memory comparison")
    parser.add_argument("--pdf-share", type=float, default=0.02, help="share of PDF copies (bundled corpus: 0.17)")
    parser.add_argument("--configs", default="jobs-1,jobs-2,dask-2", help="jobs-N (processes) and dask-2 (LocalCluster)")
    parser.add_argument("--out", type=Path, help="also write the report as JSON here (not to be committed)")
    args = parser.parse_args(argv)
    report = run(args.notices, args.small, args.pdf_share, args.configs.split(","))
    print_report(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
