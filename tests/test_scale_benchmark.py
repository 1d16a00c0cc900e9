"""The scaling benchmark's corpus: different files that read as the notices they copy. Nothing is timed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.scale import make_unique, print_report, write_scale_corpus
from benchmarks.throughput import bundled_samples
from extractors.notice import ExtractionSettings
from pipeline.extract import extract_file


@pytest.mark.parametrize("file_format", ["txt", "html", "docx", "xlsx"])
def test_a_repeat_is_another_file_with_the_same_tasks(file_format: str, tmp_path: Path) -> None:
    source = bundled_samples()[file_format][0]
    repeat = tmp_path / f"repeat{source.suffix}"
    shutil.copy(source, repeat)
    make_unique(repeat, 3)
    assert repeat.read_bytes() != source.read_bytes()
    original = extract_file(source, source.parent, ExtractionSettings()).notice
    copied = extract_file(repeat, tmp_path, ExtractionSettings()).notice
    assert original and copied and original["notice_id"] != copied["notice_id"]
    assert [t["requirement"] for t in copied["tasks"]] == [t["requirement"] for t in original["tasks"]]


def test_the_corpus_counts_its_formats_and_pdf_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stats = write_scale_corpus(tmp_path, 20, pdf_share=0.1)
    assert stats["files"] == 20 == sum(len(list(tmp_path.glob(f"*.{s}"))) for s in ("txt", "html", "docx", "xlsx", "pdf"))
    assert stats["pdf"] == 2 and stats["pdf_pages"] > 10
    assert len({p.read_bytes() for p in tmp_path.iterdir()}) == 20
    run = {"wall_s": 2.0, "cpu_s": 3.0, "peak_rss_mb": 500.0, "load_before": 1.0, "load_after": 1.0, "notices_per_s": 10.0, "pages_per_s": 5.0}
    report = {"notices": 20, "small": 10, "machine": {"cpu_count": 2}, "corpus_20": stats,
              "runs": {"jobs-1 × 20": run, "jobs-2 × 20": {**run, "wall_s": 1.0}, "jobs-2 × 10": run}}  # fmt: skip
    print_report(report)
    out = capsys.readouterr().out
    assert "speed-up 1 → 2 workers: 2.00" in out and "PASS" in out
