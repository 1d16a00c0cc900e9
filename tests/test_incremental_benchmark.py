"""The incremental benchmark's corpus mixes, notices to add, figures and arguments. Nothing is timed.

Its commands are not run here (a run starts processes for a minute); ``measure`` is driven with
a fake command, and the generated notices are checked as files (``tests/pipeline/test_incremental.py``
checks that they read as notices).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks.incremental import (
    PUBLISHED_SAMPLES,
    TARGET_RATIO,
    format_counts,
    format_report,
    held_back_indices,
    make_mix,
    measure,
    notice_format,
    parse_args,
    published_mix,
    summarise,
    variants_mix,
    write_corpus,
    write_held_back,
)
from benchmarks.throughput import FORMATS


def _sample_counts(folder: Path) -> dict[str, int]:
    """Files per format in a samples folder, counted independently of the benchmark."""
    counts: dict[str, int] = {}
    for path in folder.iterdir():
        suffix = path.suffix.lstrip(".").lower()
        if suffix in FORMATS:
            counts[suffix] = counts.get(suffix, 0) + 1
    return counts


def test_the_published_mix_has_the_proportions_of_the_samples_folder(tmp_path: Path) -> None:
    counts = _sample_counts(PUBLISHED_SAMPLES)
    assert "txt" not in counts  # without the text seeds
    cycles = 2
    files = write_corpus(tmp_path, cycles * sum(counts.values()), mix=published_mix())
    assert sorted(format_counts(files).items()) == sorted((f, cycles * n) for f, n in counts.items())
    assert len({path.read_bytes() for path in files}) == len(files)


def test_the_published_proportions_follow_the_folder_not_a_constant(tmp_path: Path) -> None:
    samples = tmp_path / "samples"
    samples.mkdir()
    names = ["a.html", "b.html", "c.html", "d.pdf", "e.docx"]
    for name in names:
        shutil.copy(next(PUBLISHED_SAMPLES.glob(f"*{Path(name).suffix}")), samples / name)
    mix = published_mix(samples)
    assert format_counts([mix.source(index)[0] for index in range(10)]) == {"html": 6, "docx": 2, "pdf": 2}


def test_the_variants_mix_has_every_substitutable_format_and_its_pdf_share(tmp_path: Path) -> None:
    files = write_corpus(tmp_path, 24, mix=variants_mix(pdf_share=1 / 6))
    counts = format_counts(files)
    assert set(counts) == {"txt", "html", "docx", "xlsx", "pdf"} and counts["pdf"] == 4
    assert len({path.read_bytes() for path in files}) == 24
    assert "pdf" not in format_counts(write_corpus(tmp_path / "no-pdf", 20, mix=variants_mix()))


@pytest.mark.parametrize("mix_name, pdf_share", [("variants", 0.17), ("published", None)])
def test_the_notices_to_add_are_new_files_one_of_each_format(mix_name: str, pdf_share: float | None, tmp_path: Path) -> None:
    mix = make_mix(mix_name, pdf_share)
    corpus = write_corpus(tmp_path / "corpus", 30, mix=mix)
    formats = list(format_counts(corpus))
    added = write_held_back(mix, 30, formats, tmp_path / "held-back")
    assert [notice_format(path) for path in added] == formats
    assert "pdf" in formats and ("txt" in formats) == (mix_name == "variants")
    old = {path.read_bytes() for path in corpus}
    assert len({path.read_bytes() for path in added} - old) == len(added)
    assert not {path.name for path in added} & {path.name for path in corpus}


def test_repeats_take_the_formats_in_turn_each_time_a_further_notice() -> None:
    mix = published_mix()
    formats = ["html", "docx", "pdf", "xlsx"]
    indices = held_back_indices(mix, 100, formats, repeats=6)
    assert [mix.format(index) for index in indices] == formats + formats[:2]
    assert len(set(indices)) == 6 and min(indices) >= 100


def test_a_format_the_mix_never_makes_is_an_error() -> None:
    with pytest.raises(ValueError, match="no txt"):
        held_back_indices(published_mix(), 10, ["txt"])


def _addition(file_format: str, seconds: float) -> dict[str, object]:
    return {"format": file_format, "file": f"x.{file_format}", "seconds": seconds}


def test_the_headline_is_the_median_of_the_plus_one_runs_against_full() -> None:
    additions = [_addition("txt", 3.0), _addition("html", 1.0), _addition("pdf", 9.0), _addition("xlsx", 2.0), _addition("docx", 4.0)]
    result = summarise(100.0, additions, [0.5, 0.7])
    assert result["incremental_s"] == 3.0 and result["ratio"] == pytest.approx(0.03) and result["verdict"] == "PASS"
    assert result["unchanged_s"] == pytest.approx(0.6)
    assert summarise(100.0, additions[:4], [1.0])["incremental_s"] == 2.5  # even count: mean of the middle two
    assert summarise(60.0, additions, [1.0])["ratio"] == pytest.approx(0.05) and summarise(60.0, additions, [1.0])["verdict"] == "FAIL"


def test_measure_adds_one_notice_before_each_plus_one_run(tmp_path: Path) -> None:
    corpus, held = tmp_path / "corpus", tmp_path / "held"
    corpus.mkdir()
    held.mkdir()
    (corpus / "old.txt").write_text("old")
    added = [held / name for name in ("new.txt", "new.html", "new.pdf")]
    for path in added:
        path.write_text(path.name)
    seen: list[int] = []
    times = iter([50.0, 1.0, 2.0, 4.0, 0.3, 0.5])

    def run_once() -> float:
        seen.append(len(list(corpus.iterdir())))
        return next(times)

    result = measure(run_once, corpus, added)
    assert seen == [1, 2, 3, 4, 4, 4]  # full, one run per added notice, two unchanged
    assert [(a["format"], a["file"], a["seconds"]) for a in result["additions"]] == [
        ("txt", "new.txt", 1.0), ("html", "new.html", 2.0), ("pdf", "new.pdf", 4.0)
    ]
    assert result["full_s"] == 50.0 and result["incremental_s"] == 2.0 and result["ratio"] == pytest.approx(0.04)
    assert result["unchanged_s"] == pytest.approx(0.4) and result["verdict"] == "PASS"


def test_the_report_shows_mix_cores_load_every_plus_one_and_verdict() -> None:
    additions = [_addition("html", 2.0), _addition("docx", 3.0), _addition("pdf", 5.0), _addition("xlsx", 1.5)]
    report = {
        "notices": 60, "mix": "published", "pdf_share": None, "jobs": None, "cores": 2, "python": "3.11.7",
        "load_average_before": (1.25, 1.0, 1.0), "load_average_after": (2.5, 1.0, 1.0),
        "corpus_formats": {"html": 17, "docx": 18, "pdf": 17, "xlsx": 8},
        "added_formats": ["html", "docx", "pdf", "xlsx"],
        "results": {"notice-tasks run": summarise(20.0, additions, [1.0, 1.2])},
    }  # fmt: skip
    text = format_report(report)
    assert "60 notices, mix published (html 17, docx 18, pdf 17, xlsx 8)" in text
    assert "added one at a time: html, docx, pdf, xlsx" in text
    assert "2 cores" in text and "load average 1.25 → 2.50" in text
    assert "html 2.00, docx 3.00, pdf 5.00, xlsx 1.50" in text
    assert "2.50" in text and "12.5%" in text and "FAIL" in text and f"{TARGET_RATIO:.0%}" in text
    report["mix"], report["pdf_share"] = "variants", 1 / 6
    assert "mix variants, PDF share 17%" in format_report(report)


def test_arguments() -> None:
    args = parse_args(["--notices", "60", "--mix", "published", "--no-dvc"])
    assert (args.notices, args.mix, args.pdf_share, args.repeats, args.no_dvc) == (60, "published", None, None, True)
    assert parse_args(["--pdf-share", "0.17", "--repeats", "8"]).pdf_share == 0.17
    for bad in (
        ["--mix", "published", "--pdf-share", "0.1"],
        ["--mix", "published", "--pdf-share", "0"],
        ["--mix", "other"],
        ["--pdf-share", "1.5"],
        ["--pdf-share", "-0.1"],
        ["--notices", "0"],
        ["--repeats", "0"],
        ["--jobs", "0"],
    ):
        with pytest.raises(SystemExit):
            parse_args(bad)
    with pytest.raises(ValueError, match="variants only"):
        make_mix("published", 0.1)
