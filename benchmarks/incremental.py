"""Incremental runs: time to refresh the outputs after adding one notice to a corpus of 1,000, against a full run.

What is measured, for ``notice-tasks run`` and for ``dvc repro`` in a scratch git + DVC project:

1. full: a cold run over ``--notices`` notices (empty per-notice cache, no previous outputs);
2. incremental: one new notice added, the same command again;
3. unchanged: the same command once more with nothing changed (``dvc repro`` skips the stage, so
   this is DVC's own cost of finding out).

Each figure is the wall time of the whole command (process start, imports, hashing, extraction,
writing every output, and for DVC its status checks and saving the outputs to its cache), the
time an analyst waits. Every command is a separate process, run one after another.

The corpus is generated from the bundled notices with ``benchmarks/throughput.py``'s generators:
notice-sized variants of the text, HTML, DOCX and XLSX samples (other region names, shifted
years; each variant differs), and, with ``--pdf-share``, copies of the two bundled PDFs made
unique by a trailing PDF comment (PDF text cannot be substituted, but the cost of reading a
PDF, which is nearly all of its cost, stays the same). The bundled corpus is 2 PDFs in 12 files.

Generated files go to a temporary folder that is deleted afterwards.

    python benchmarks/incremental.py [--notices 1000] [--pdf-share 0.0] [--no-dvc] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

from benchmarks.throughput import OTHER_REGIONS, SAMPLES, YEAR_SHIFTS, bundled_samples, write_variant  # noqa: E402

BIN = Path(sys.executable).parent
TARGET_RATIO = 0.05
SUBSTITUTABLE = ("txt", "html", "docx", "xlsx")


def variant_sources(corpus: Path = SAMPLES) -> list[Path]:
    samples = bundled_samples(corpus)
    return [path for file_format in SUBSTITUTABLE for path in samples[file_format]]


def write_notice(index: int, out_dir: Path, sources: list[Path], pdfs: list[Path], pdf_every: int) -> Path:
    """Notice number ``index`` of the generated corpus: a PDF copy every ``pdf_every``-th notice
    (never if 0), else a variant of a text sample with its own region and year shift.

    Variants cycle over the sources; the k-th round of a source takes region k mod 40 and year
    shift k // 40, so up to 280 variants per source are all different files.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if pdf_every and index % pdf_every == pdf_every - 1:
        source = pdfs[(index // pdf_every) % len(pdfs)]
        target = out_dir / f"{source.stem}-{index:05d}.pdf"
        # A comment after %%EOF: a different file, read exactly like the original.
        target.write_bytes(source.read_bytes() + f"\n% benchmark copy {index}\n".encode())
        return target
    source = sources[index % len(sources)]
    rounds = index // len(sources)
    region = OTHER_REGIONS[rounds % len(OTHER_REGIONS)]
    shift = YEAR_SHIFTS[(rounds // len(OTHER_REGIONS)) % len(YEAR_SHIFTS)]
    return write_variant(source, out_dir / f"{source.stem}-{index:05d}{source.suffix}", region, shift)


def write_corpus(out_dir: Path, count: int, pdf_share: float = 0.0) -> list[Path]:
    """``count`` different notices; about ``pdf_share`` of them PDFs."""
    sources = variant_sources()
    pdfs = bundled_samples()["pdf"]
    pdf_every = round(1 / pdf_share) if pdf_share else 0
    return [write_notice(index, out_dir, sources, pdfs, pdf_every) for index in range(count)]


PACKAGES = ("extractors", "normalizers", "pipeline")


def _env(code: Path | None = None) -> dict[str, str]:
    """The commands' environment; with ``code``, the packages are imported from that frozen copy,
    so that edits to the working tree during a benchmark do not change the per-notice cache key."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def copy_code(target: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(REPO / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))
    return target


def _timed(command: list[str], cwd: Path, code: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=_env(code), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def make_dvc_project(root: Path, corpus: Path) -> Path:
    """A scratch git + DVC project with this repository's extract stage, params and code."""
    import yaml

    project = root / "project"
    project.mkdir()
    stages = yaml.safe_load((REPO / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    (project / "dvc.yaml").write_text(yaml.safe_dump({"stages": {"extract": stages["extract"]}}, allow_unicode=True), encoding="utf-8")
    shutil.copy(REPO / "params.yaml", project / "params.yaml")
    (project / "corpus").mkdir()
    shutil.move(str(corpus), project / "corpus" / "notices")
    shutil.copy(REPO / "corpus" / "unit_aliases.csv", project / "corpus" / "unit_aliases.csv")
    copy_code(project)
    (project / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([str(BIN / "dvc"), "init", "-q"], cwd=project, env=_env(project), check=True)
    return project


def measure(command: list[str], cwd: Path, corpus: Path, new_notice: Path, code: Path) -> dict[str, float]:
    """Full, incremental (one notice added) and unchanged runs of ``command`` in ``cwd``."""
    full = _timed(command, cwd, code)
    shutil.move(str(new_notice), corpus / new_notice.name)
    incremental = _timed(command, cwd, code)
    unchanged = _timed(command, cwd, code)
    return {"full_s": full, "incremental_s": incremental, "unchanged_s": unchanged, "ratio": incremental / full}


def run(count: int, pdf_share: float, with_dvc: bool, jobs: int | None = None) -> dict[str, Any]:
    report: dict[str, Any] = {
        "notices": count,
        "pdf_share": pdf_share,
        "jobs": jobs,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "load_average_before": os.getloadavg(),
        "results": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as scratch:
        root = Path(scratch)
        for mode in ("notice-tasks run", "dvc repro") if with_dvc else ("notice-tasks run",):
            work = root / mode.split()[0]
            corpus = work / "corpus"
            files = write_corpus(corpus, count + 1, pdf_share)
            new_notice = files[-1 if not files[-1].suffix == ".pdf" else -2]
            shutil.move(str(new_notice), work / new_notice.name)  # held back: the notice to add
            new_notice = work / new_notice.name
            if mode == "dvc repro":
                project = make_dvc_project(work, corpus)
                command = [str(BIN / "dvc"), "repro", "-q", "extract"]
                result = measure(command, project, project / "corpus" / "notices", new_notice, project)
            else:
                command = [str(BIN / "notice-tasks"), "run", "--quiet", "--corpus", "corpus", "--outputs", "outputs", "--cache", "cache"]
                command += ["--jobs", str(jobs)] if jobs is not None else []
                result = measure(command, work, corpus, new_notice, copy_code(work / "code"))
            report["results"][mode] = result
            shutil.rmtree(work, ignore_errors=True)
    report["load_average_after"] = os.getloadavg()
    return report


def print_report(report: dict[str, Any]) -> None:
    jobs = report.get("jobs")
    print(f"{report['notices']} notices (+1), PDF share {report['pdf_share']:.0%}, {report['cores']} cores, "
          f"--jobs {jobs if jobs is not None else 'default'}, Python {report['python']}, "
          f"load {report['load_average_before'][0]:.1f}→{report['load_average_after'][0]:.1f}")
    print(f"{'command':18} {'full s':>8} {'+1 notice s':>12} {'unchanged s':>12} {'ratio':>7}  target < {TARGET_RATIO:.0%}")
    for mode, result in report["results"].items():
        verdict = "PASS" if result["ratio"] < TARGET_RATIO else "FAIL"
        print(
            f"{mode:18} {result['full_s']:8.1f} {result['incremental_s']:12.2f} {result['unchanged_s']:12.2f} "
            f"{result['ratio']:7.1%}  {verdict}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--notices", type=int, default=1000)
    parser.add_argument("--pdf-share", type=float, default=0.0, help="share of PDF notices (bundled corpus: 0.17)")
    parser.add_argument("--no-dvc", action="store_true", help="only time notice-tasks run")
    parser.add_argument("--jobs", type=int, help="notice-tasks run --jobs (default: params.yaml, one process per core)")
    parser.add_argument("--out", type=Path, help="also write the report as JSON here (not to be committed)")
    args = parser.parse_args(argv)
    report = run(args.notices, args.pdf_share, not args.no_dvc, args.jobs)
    print_report(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
