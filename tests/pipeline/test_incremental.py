"""Incremental runs: the outputs follow the corpus, cache or no cache; the benchmark's corpus is real notices.

Nothing is timed here; ``benchmarks/incremental.py`` measures.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pandas as pd
import pytest

import pipeline.settings
import pipeline.parallel
import pipeline.run
from benchmarks.incremental import write_corpus
from extractors.notice import ExtractionSettings
from pipeline.cli import main
from pipeline.extract import extract_file
from tests.conftest import NOTICES


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline.settings.load_settings
    monkeypatch.setattr(pipeline.settings, "load_settings", lambda path: dataclasses.replace(real(path), cache=tmp_path / "cache"))


def _run(corpus: Path, outputs: Path) -> None:
    assert main(["run", "--corpus", str(corpus), "--outputs", str(outputs), "--quiet"]) == 0


def test_a_removed_notice_disappears_from_every_output(tmp_path: Path) -> None:
    corpus, outputs = tmp_path / "corpus", tmp_path / "outputs"
    shutil.copytree(NOTICES / "seeds", corpus / "seeds")
    _run(corpus, outputs)
    removed = corpus / "seeds" / "004_4496c5e18f9a504a.txt"
    notices = pd.read_parquet(outputs / "notices.parquet")
    gone = notices.loc[notices["path"] == "seeds/004_4496c5e18f9a504a.txt", "notice_id"].item()
    removed.unlink()
    _run(corpus, outputs)  # the cache still holds the removed notice's entry

    notices = pd.read_parquet(outputs / "notices.parquet")
    assert len(notices) == 4 and gone not in set(notices["notice_id"])
    for table in ("tasks.parquet", "sections.parquet"):
        assert gone not in set(pd.read_parquet(outputs / table)["notice_id"]), table
    assert not (outputs / "json" / f"{gone}.json").exists()
    assert len(list((outputs / "json").glob("*.json"))) == 4
    assert gone not in (outputs / "tasks.jsonl").read_text(encoding="utf-8")
    tasks = pd.read_excel(outputs / "tasks.xlsx", sheet_name=None)
    assert not any(gone[:6] in name for name in tasks)
    assert gone not in set(tasks["全部任务"]["任务编号"].str[:16])


def test_outputs_from_the_cache_equal_outputs_of_a_fresh_run(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(NOTICES / "seeds", corpus / "seeds")
    _run(corpus, tmp_path / "first")
    _run(corpus, tmp_path / "cached")
    assert main(["run", "--corpus", str(corpus), "--outputs", str(tmp_path / "fresh"), "--quiet", "--no-cache"]) == 0
    for name in ("notices.parquet", "sections.parquet", "tasks.parquet", "tasks.jsonl", "tasks.xlsx", "counts.json"):
        assert (tmp_path / "cached" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    for path in (tmp_path / "fresh" / "json").iterdir():
        assert (tmp_path / "cached" / "json" / path.name).read_bytes() == path.read_bytes()


def test_benchmark_corpus_is_distinct_readable_notices(tmp_path: Path) -> None:
    files = write_corpus(tmp_path, 14, pdf_share=1 / 7)
    assert len({path.read_bytes() for path in files}) == 14
    assert sum(path.suffix == ".pdf" for path in files) == 2
    for path in files:
        if path.suffix != ".pdf":  # PDFs are slow to read; one is enough
            result = extract_file(path, tmp_path, ExtractionSettings())
            assert result.notice is not None and result.notice["tasks"], path.name
    pdf = next(path for path in files if path.suffix == ".pdf")
    assert extract_file(pdf, tmp_path, ExtractionSettings()).notice is not None


def test_a_notice_added_to_a_cached_corpus_is_extracted_by_one_worker_with_the_same_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With two or more jobs, a run with a few new files extracts them in one worker process while
    this one writes the cached notices; the outputs are those of a fresh serial run."""
    corpus = tmp_path / "corpus"
    shutil.copytree(NOTICES / "seeds", corpus / "seeds")
    new = corpus / "seeds" / "000_82450aaeb76714db.txt"
    held = new.read_bytes()
    new.unlink()
    cache = tmp_path / "cache"
    assert main(["run", "--corpus", str(corpus), "--outputs", str(tmp_path / "out"), "--cache", str(cache), "--quiet", "--jobs", "2"]) == 0
    new.write_bytes(held)
    pools: list[int] = []
    real_pool = pipeline.parallel.ProcessPool

    def counted_pool(jobs: int) -> pipeline.parallel.ProcessPool:
        pools.append(jobs)
        return real_pool(jobs)

    monkeypatch.setattr(pipeline.parallel, "ProcessPool", counted_pool)
    monkeypatch.setattr(pipeline.run, "ProcessPool", counted_pool)
    assert main(["run", "--corpus", str(corpus), "--outputs", str(tmp_path / "out"), "--cache", str(cache), "--quiet", "--jobs", "2"]) == 0
    assert pools == [1]
    assert main(["run", "--corpus", str(corpus), "--outputs", str(tmp_path / "fresh"), "--quiet", "--no-cache", "--jobs", "1"]) == 0
    for name in ("notices.parquet", "sections.parquet", "tasks.parquet", "tasks.jsonl", "tasks.xlsx", "counts.json"):
        assert (tmp_path / "out" / name).read_bytes() == (tmp_path / "fresh" / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "out" / "json").iterdir()) == sorted(p.name for p in (tmp_path / "fresh" / "json").iterdir())
