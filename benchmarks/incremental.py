"""Incremental runs: time to refresh the outputs after adding one notice to a corpus of 1,000, against a full run.

What is measured, for ``notice-tasks run`` (extraction and outputs alone, what the per-notice
cache makes incremental) and ``dvc repro`` (the whole pipeline, this repository's dvc.yaml: one
stage that extracts, scores against ``corpus/gold`` and compares every region and year, in a
scratch git + DVC project), each in its own copy of the corpus:

1. full: a cold run over ``--notices`` notices (empty per-notice cache, no previous outputs);
2. +1 notice, several times: new notices are added ONE AT A TIME, one of each format in the
   corpus mix (txt, html, docx, xlsx, pdf — whichever the mix has), the same command after each
   addition. What a +1 run costs depends on the new notice's format (a text notice loads jieba
   and spaCy, a table-only workbook may not, a PDF costs its pages), and one sample on a shared
   machine is noise, so the headline "+1" is the median of these runs, each also reported with
   its format. ``--repeats N`` adds N notices instead, the formats taken in turn;
3. unchanged: the same command twice more with nothing changed, median reported (``dvc repro``
   skips the stages, so this is DVC's own cost of finding out).

Target: median +1 under 5 % of full (ratio = median +1 / full).

Each figure is the wall time of the whole command (process start, imports, hashing, extraction,
writing every output, and for DVC its status checks and saving the outputs to its cache), the
time an analyst waits. Every command is a separate process, run one after another. The commands
import a frozen copy of the packages (``PYTHONPATH``), so edits to the working tree during a
benchmark do not change the per-notice cache key. The report gives the cores and the load
average before and after: the reference machine is shared.

The corpus (``--mix``) is generated from the bundled notices with ``benchmarks/throughput.py``'s
generators; text, HTML, DOCX and XLSX notices are variants of a bundled one (other region names,
shifted years; each variant differs), PDFs are copies of a bundled PDF made unique by a trailing
PDF comment (PDF text cannot be substituted, but the cost of reading a PDF, which is nearly all
of its cost, stays the same):

- ``variants`` (default): variants of the text seeds and of the HTML, DOCX and XLSX samples
  taken in turn, and with ``--pdf-share`` that share of PDF copies (the bundled corpus, seeds
  and samples, is 2 PDFs in 12 files: 0.17);
- ``published``: the formats governments publish, without the text seeds: HTML, DOCX, PDF and
  XLSX in the proportions of the files in ``corpus/notices/samples/`` (counted there at run time).

The added notices are made the same way as the corpus, as its next notices (numbers beyond
``--notices``), so they are new, different files. Generated files go to a temporary folder that
is deleted afterwards.

    python benchmarks/incremental.py [--notices 1000] [--mix variants|published] [--pdf-share 0.0]
                                     [--repeats N] [--no-dvc] [--jobs N] [--out FILE]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

from benchmarks.throughput import (  # noqa: E402
    _SUFFIX_FORMAT,
    FORMATS,
    OTHER_REGIONS,
    SAMPLES,
    YEAR_SHIFTS,
    bundled_samples,
    write_variant,
)

BIN = Path(sys.executable).parent
TARGET_RATIO = 0.05
SUBSTITUTABLE = ("txt", "html", "docx", "xlsx")
MIXES = ("variants", "published")
PUBLISHED_SAMPLES = SAMPLES / "samples"
UNCHANGED_RUNS = 2
# Held-back notices are searched for among the next notices of the mix, up to this many.
SEARCH_LIMIT = 100_000


# --------------------------------------------------------------------------------------------
# Generating the corpus and the notices to add
# --------------------------------------------------------------------------------------------


def notice_format(path: Path) -> str:
    return _SUFFIX_FORMAT[path.suffix.lower()]


@dataclass(frozen=True)
class Mix:
    """How notice number ``index`` of a generated corpus is made: from which bundled file, in
    which round (a variant's region and year shift), so that any notice can be made on its own."""

    name: str
    cycle: tuple[Path, ...]  # taken in turn; PDFs among them are copied, the others varied
    pdfs: tuple[Path, ...] = ()
    pdf_every: int = 0  # every n-th notice a copy of one of ``pdfs`` instead (never if 0)

    def source(self, index: int) -> tuple[Path, int]:
        """The bundled file notice ``index`` is made from, and its round."""
        if self.pdf_every and index % self.pdf_every == self.pdf_every - 1:
            return self.pdfs[(index // self.pdf_every) % len(self.pdfs)], index
        return self.cycle[index % len(self.cycle)], index // len(self.cycle)

    def format(self, index: int) -> str:
        return notice_format(self.source(index)[0])

    def write(self, index: int, out_dir: Path) -> Path:
        """Notice ``index``: a PDF copy made unique by a comment, else a variant of its source
        with the round's region and year shift (region k mod 40, shift k // 40: up to 280
        different variants per source)."""
        source, rounds = self.source(index)
        out_dir.mkdir(parents=True, exist_ok=True)
        target = out_dir / f"{source.stem}-{index:05d}{source.suffix}"
        if notice_format(source) == "pdf":
            # A comment after %%EOF: a different file, read exactly like the original.
            target.write_bytes(source.read_bytes() + f"\n% benchmark copy {index}\n".encode())
            return target
        region = OTHER_REGIONS[rounds % len(OTHER_REGIONS)]
        shift = YEAR_SHIFTS[(rounds // len(OTHER_REGIONS)) % len(YEAR_SHIFTS)]
        return write_variant(source, target, region, shift)


def variant_sources(corpus: Path = SAMPLES) -> list[Path]:
    samples = bundled_samples(corpus)
    return [path for file_format in SUBSTITUTABLE for path in samples[file_format]]


def _pdf_every(pdf_share: float) -> int:
    return round(1 / pdf_share) if pdf_share else 0


def variants_mix(pdf_share: float = 0.0, corpus: Path = SAMPLES) -> Mix:
    """Variants of the text seeds and the HTML, DOCX and XLSX samples; about ``pdf_share`` PDFs."""
    return Mix("variants", tuple(variant_sources(corpus)), tuple(bundled_samples(corpus)["pdf"]), _pdf_every(pdf_share))


def published_mix(samples: Path = PUBLISHED_SAMPLES) -> Mix:
    """Every bundled sample in turn: the formats in the proportions of the samples folder."""
    found = bundled_samples(samples)
    cycle = tuple(sorted((path for paths in found.values() for path in paths), key=lambda path: path.name))
    if not cycle:
        raise ValueError(f"no notices in {samples}")
    return Mix("published", cycle)


def make_mix(name: str, pdf_share: float | None = None) -> Mix:
    if name == "published":
        if pdf_share is not None:
            raise ValueError("--pdf-share applies to --mix variants only")
        return published_mix()
    if name == "variants":
        return variants_mix(pdf_share or 0.0)
    raise ValueError(f"unknown mix {name!r}; allowed: {', '.join(MIXES)}")


def write_notice(index: int, out_dir: Path, sources: list[Path], pdfs: list[Path], pdf_every: int) -> Path:
    """Notice number ``index`` of a ``variants`` corpus (kept for ``benchmarks/scale.py``)."""
    return Mix("variants", tuple(sources), tuple(pdfs), pdf_every).write(index, out_dir)


def write_corpus(out_dir: Path, count: int, pdf_share: float = 0.0, mix: Mix | None = None) -> list[Path]:
    """``count`` different notices of ``mix`` (default: variants with about ``pdf_share`` PDFs)."""
    mix = mix or variants_mix(pdf_share)
    return [mix.write(index, out_dir) for index in range(count)]


def format_counts(files: Sequence[Path]) -> dict[str, int]:
    """Files per format, in the order of ``FORMATS``."""
    counts = Counter(notice_format(path) for path in files)
    return {file_format: counts[file_format] for file_format in FORMATS if counts[file_format]}


def held_back_indices(mix: Mix, start: int, formats: Sequence[str], repeats: int | None = None) -> list[int]:
    """Numbers of the notices to add, from ``start`` on: ``repeats`` of them (default one per
    format), the formats taken in turn, each the next notice of the mix in that format."""
    wanted = [formats[i % len(formats)] for i in range(len(formats) if repeats is None else repeats)]
    chosen: list[int] = []
    for file_format in wanted:
        after = max((i for i in chosen if mix.format(i) == file_format), default=start - 1)
        index = next((i for i in range(after + 1, start + SEARCH_LIMIT) if mix.format(i) == file_format), None)
        if index is None:
            raise ValueError(f"mix {mix.name!r} makes no {file_format} notice after number {start}")
        chosen.append(index)
    return chosen


def write_held_back(mix: Mix, start: int, formats: Sequence[str], out_dir: Path, repeats: int | None = None) -> list[Path]:
    """The new notices to add one at a time, in the order they are added."""
    return [mix.write(index, out_dir) for index in held_back_indices(mix, start, formats, repeats)]


# --------------------------------------------------------------------------------------------
# Running the commands
# --------------------------------------------------------------------------------------------

PACKAGES = ("extractors", "normalizers", "pipeline")


def _env(code: Path | None = None) -> dict[str, str]:
    """The commands' environment; with ``code``, the packages are imported from that frozen copy,
    so that edits to the working tree during a benchmark do not change the per-notice cache key."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


def copy_code(target: Path) -> Path:
    """A frozen copy of the packages, byte-compiled as an installed copy is after its first run
    (here even when ``PYTHONDONTWRITEBYTECODE`` is set, as in some containers, which would make
    every command compile them again, ~0.15 s a process)."""
    for package in PACKAGES:
        shutil.copytree(REPO / package, target / package, ignore=shutil.ignore_patterns("__pycache__"))
        compileall.compile_dir(target / package, quiet=1)
    return target


def _timed(command: list[str], cwd: Path, code: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=_env(code), check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


# `notice-tasks run` is the extraction alone; `dvc repro` also scores the outputs and compares
# every region and year again (the comparison's memo keeps the cuts and themes of known texts).
MODES = ("notice-tasks run", "dvc repro")


def make_dvc_project(root: Path, corpus: Path) -> Path:
    """A scratch git + DVC project with this repository's dvc.yaml, params, code and corpus files."""
    project = root / "project"
    project.mkdir()
    shutil.copy(REPO / "dvc.yaml", project / "dvc.yaml")
    shutil.copy(REPO / "params.yaml", project / "params.yaml")
    (project / "corpus").mkdir()
    shutil.move(str(corpus), project / "corpus" / "notices")
    for name in ("unit_aliases.csv", "themes.yaml", "stopwords.txt"):
        shutil.copy(REPO / "corpus" / name, project / "corpus" / name)
    shutil.copytree(REPO / "corpus" / "gold", project / "corpus" / "gold")
    copy_code(project)
    (project / ".gitignore").write_text(".cache/\n", encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run([str(BIN / "dvc"), "init", "-q"], cwd=project, env=_env(project), check=True)
    return project


def summarise(full: float, additions: list[dict[str, Any]], unchanged: Sequence[float]) -> dict[str, Any]:
    """The figures of one command: the median of the +1 runs is the headline, against full."""
    incremental = statistics.median(addition["seconds"] for addition in additions)
    ratio = incremental / full
    return {
        "full_s": full,
        "additions": additions,
        "incremental_s": incremental,
        "unchanged_s": statistics.median(unchanged),
        "unchanged_runs_s": list(unchanged),
        "ratio": ratio,
        "verdict": "PASS" if ratio < TARGET_RATIO else "FAIL",
    }


def measure(run_once: Callable[[], float], corpus: Path, held_back: Sequence[Path], unchanged_runs: int = UNCHANGED_RUNS) -> dict[str, Any]:
    """Full run, then one run after each notice of ``held_back`` is moved into ``corpus``, then
    ``unchanged_runs`` runs with nothing changed; ``run_once`` runs the command, returns seconds."""
    full = run_once()
    additions = []
    for notice in held_back:
        shutil.move(str(notice), corpus / notice.name)
        additions.append({"format": notice_format(notice), "file": notice.name, "seconds": run_once()})
    unchanged = [run_once() for _ in range(unchanged_runs)]
    return summarise(full, additions, unchanged)


def _measure_mode(mode: str, work: Path, corpus: Path, held_back: list[Path], jobs: int | None) -> dict[str, Any]:
    """One command over its own copy of the corpus and of the notices to add."""
    if mode == "dvc repro":
        project = make_dvc_project(work, corpus)
        command = [str(BIN / "dvc"), "repro", "-q"]
        return measure(lambda: _timed(command, project, project), project / "corpus" / "notices", held_back)
    command = [str(BIN / "notice-tasks"), "run", "--quiet", "--corpus", "corpus", "--outputs", "outputs", "--cache", "cache"]
    command += ["--jobs", str(jobs)] if jobs is not None else []
    code = copy_code(work / "code")
    return measure(lambda: _timed(command, work, code), corpus, held_back)


def run(count: int, mix: Mix, with_dvc: bool, jobs: int | None = None, repeats: int | None = None) -> dict[str, Any]:
    report: dict[str, Any] = {
        "notices": count,
        "mix": mix.name,
        "pdf_share": 1 / mix.pdf_every if mix.pdf_every else (0.0 if mix.name == "variants" else None),
        "jobs": jobs,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "machine": platform.platform(),
        "load_average_before": os.getloadavg(),
        "results": {},
    }
    with tempfile.TemporaryDirectory(prefix="bench-incremental-") as scratch:
        root = Path(scratch)
        files = write_corpus(root / "corpus", count, mix=mix)
        report["corpus_formats"] = format_counts(files)
        added = write_held_back(mix, count, list(report["corpus_formats"]), root / "held-back", repeats)
        report["added_formats"] = [notice_format(path) for path in added]
        for number, mode in enumerate(MODES if with_dvc else MODES[:1]):
            work = root / f"mode-{number}"
            shutil.copytree(root / "corpus", work / "corpus")
            shutil.copytree(root / "held-back", work / "held-back")
            held_back = [work / "held-back" / path.name for path in added]
            report["results"][mode] = _measure_mode(mode, work, work / "corpus", held_back, jobs)
            shutil.rmtree(work, ignore_errors=True)
    report["load_average_after"] = os.getloadavg()
    return report


# --------------------------------------------------------------------------------------------
# Reporting
# --------------------------------------------------------------------------------------------


def _counts_text(counts: dict[str, int]) -> str:
    return ", ".join(f"{file_format} {number}" for file_format, number in counts.items())


def format_report(report: dict[str, Any]) -> str:
    jobs = report.get("jobs")
    share = f", PDF share {report['pdf_share']:.0%}" if report["mix"] == "variants" else ""
    before, after = report["load_average_before"][0], report["load_average_after"][0]
    lines = [
        f"corpus: {report['notices']} notices, mix {report['mix']}{share} ({_counts_text(report['corpus_formats'])}); "
        f"added one at a time: {', '.join(report['added_formats'])}",
        f"{report['cores']} cores, --jobs {jobs if jobs is not None else 'default'}, Python {report['python']}, "
        f"load average {before:.2f} → {after:.2f}",
        f"{'command':18} {'full s':>8} {'+1 median s':>12} {'unchanged s':>12} {'ratio':>7}  target < {TARGET_RATIO:.0%}",
    ]
    for mode, result in report["results"].items():
        lines.append(
            f"{mode:18} {result['full_s']:8.1f} {result['incremental_s']:12.2f} {result['unchanged_s']:12.2f} "
            f"{result['ratio']:7.1%}  {result['verdict']}"
        )
        runs = ", ".join(f"{a['format']} {a['seconds']:.2f}" for a in result["additions"])
        lines.append(f"{'':18} +1 runs (format s): {runs}")
    return "\n".join(lines)


def print_report(report: dict[str, Any]) -> None:
    print(format_report(report))


def _share(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, not {text}")
    return value


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {text}")
    return value


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--notices", type=_positive, default=1000)
    parser.add_argument("--mix", choices=MIXES, default="variants", help="corpus formats (default variants; see the module docstring)")
    parser.add_argument("--pdf-share", type=_share, help="--mix variants: share of PDF notices (default 0; bundled corpus: 0.17)")
    parser.add_argument("--repeats", type=_positive, help="+1 runs, formats taken in turn (default: one per format of the mix)")
    parser.add_argument("--no-dvc", action="store_true", help="only time notice-tasks run")
    parser.add_argument("--jobs", type=_positive, help="notice-tasks run --jobs (default: params.yaml, one process per core)")
    parser.add_argument("--out", type=Path, help="also write the report as JSON here (not to be committed)")
    args = parser.parse_args(argv)
    if args.mix != "variants" and args.pdf_share is not None:
        parser.error(f"--pdf-share applies to --mix variants only, not {args.mix}")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    report = run(args.notices, make_mix(args.mix, args.pdf_share), not args.no_dvc, args.jobs, args.repeats)
    print_report(report)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
