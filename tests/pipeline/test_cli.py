"""The CLI end to end: run a corpus, score it, extract single files."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pandas as pd
import extractors.readers
import pipeline.settings
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from tests.conftest import GOLD, NOTICES, ROOT


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs read params.yaml, whose cache folders are the repository's: point them at tmp_path."""
    real = pipeline.settings.load_settings
    monkeypatch.setattr(pipeline.settings, "load_settings",
                        lambda path: dataclasses.replace(real(path), cache=tmp_path / "default-cache", compare_cache=tmp_path / "compare-cache"))  # fmt: skip


@pytest.fixture
def seed_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(NOTICES / "seeds", corpus / "seeds")
    (corpus / "seeds" / "broken.pdf").write_bytes(b"%PDF-1.4\n garbage")
    (corpus / "seeds" / "empty.txt").write_bytes(b"")
    return corpus


def test_run_writes_every_output_and_records_bad_files(seed_corpus: Path, tmp_path: Path) -> None:
    outputs = tmp_path / "out"
    # exit 1 says some files failed; every output is written all the same
    assert main(["run", "--corpus", str(seed_corpus), "--outputs", str(outputs), "--quiet", "--no-cache"]) == 1
    notices = pd.read_parquet(outputs / "notices.parquet")
    assert len(notices) == 7  # five seeds and two bad files, none dropped
    errors = notices[notices["status"] == "error"]
    assert set(errors["path"]) == {"seeds/broken.pdf", "seeds/empty.txt"}
    assert errors["message"].str.len().min() > 0
    assert set(errors["stage"]) == {"read", "detect"}
    assert notices[notices["status"] != "error"]["stage"].isna().all()
    tasks = pd.read_parquet(outputs / "tasks.parquet")
    assert len(tasks) == sum(1 for _ in (outputs / "tasks.jsonl").open(encoding="utf-8"))
    schema = pq.read_schema(outputs / "tasks.parquet")
    assert schema.field("deadline_due").type == pa.date32()
    assert pa.types.is_list(schema.field("units").type)
    assert len(list((outputs / "json").glob("*.json"))) == 5
    assert not list(outputs.glob(".staging-*"))


def test_run_strict_stops_at_the_first_bad_file_and_writes_nothing(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--corpus", str(seed_corpus), "--outputs", str(tmp_path / "o"), "--quiet", "--strict"]) == 1
    assert "stopped at the first failure" in capsys.readouterr().err
    assert not (tmp_path / "o" / "notices.parquet").exists()


def test_run_allow_errors_exits_zero_with_bad_files_recorded(seed_corpus: Path, tmp_path: Path) -> None:
    outputs = tmp_path / "o"
    assert main(["run", "--corpus", str(seed_corpus), "--outputs", str(outputs), "--quiet", "--allow-errors"]) == 0
    assert (pd.read_parquet(outputs / "notices.parquet")["status"] == "error").sum() == 2


def test_eval_writes_metrics_with_seed_scores(seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = tmp_path / "out"
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(outputs), "--quiet", "--no-cache"])
    assert main(["eval", "--outputs", str(outputs), "--gold", str(GOLD)]) == 0
    metrics = json.loads((outputs / "metrics.json").read_text(encoding="utf-8"))
    seeds = {path: score for path, score in metrics["files"].items() if path.startswith("seeds/")}
    assert len(seeds) == 5
    assert all(score["tasks"]["f1"] >= 0.95 for score in seeds.values())
    assert "overall" in capsys.readouterr().out


def test_run_evaluate_and_compare_score_and_compare_in_the_same_run(
    seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """What `dvc repro` runs: the same metrics.json as `eval` and the same comparison as `compare`."""
    outputs, alone = tmp_path / "out", tmp_path / "alone"
    options = ["--gold", str(GOLD), "--themes", str(ROOT / "corpus" / "themes.yaml"), "--stopwords", str(ROOT / "corpus" / "stopwords.txt")]
    # the broken files still fail the run (exit 1), and the outputs are still scored and compared
    assert main(["run", "--corpus", str(seed_corpus), "--outputs", str(outputs), "--quiet", "--evaluate", "--compare", *options]) == 1
    assert capsys.readouterr().out == ""  # --quiet: no score table, no comparison summary
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(alone), "--quiet"])
    assert not (alone / "metrics.json").exists() and not (alone / "compare").exists()
    assert main(["eval", "--outputs", str(alone), "--gold", str(GOLD)]) == 0
    themes, stopwords = options[3], options[5]
    assert main(["compare", "--outputs", str(alone), "--themes", themes, "--stopwords", stopwords, "--no-cache", "--quiet"]) == 0
    assert (outputs / "metrics.json").read_bytes() == (alone / "metrics.json").read_bytes()
    for table in sorted((alone / "compare" / "tables").glob("*.csv")):
        assert (outputs / "compare" / "tables" / table.name).read_bytes() == table.read_bytes(), table.name


def test_run_compare_reports_a_bad_taxonomy_and_keeps_the_outputs(seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    outputs = tmp_path / "out"
    missing = tmp_path / "no-themes.yaml"
    code = main(["run", "--corpus", str(seed_corpus), "--outputs", str(outputs), "--quiet", "--allow-errors", "--compare", "--themes", str(missing)])
    assert code != 0 and "no-themes.yaml" in capsys.readouterr().err
    assert (outputs / "notices.parquet").exists() and not (outputs / "compare").exists()


def test_a_bug_in_the_comparison_of_a_run_is_raised_after_the_outputs_are_in_place(
    seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pipeline.compare.stage

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug in the comparison")

    monkeypatch.setattr(pipeline.compare.stage, "compare_outputs", broken)
    outputs = tmp_path / "out"
    with pytest.raises(RuntimeError, match="a bug in the comparison"):
        main(["run", "--corpus", str(seed_corpus), "--outputs", str(outputs), "--quiet", "--allow-errors", "--compare"])
    assert (outputs / "notices.parquet").exists() and (outputs / "json").is_dir() and not (outputs / "compare").exists()
    assert not list(outputs.glob(".staging-*"))


def test_the_comparison_of_a_run_reads_the_new_tables_before_they_replace_the_old(seed_corpus: Path, tmp_path: Path) -> None:
    """Computed while the workbook is still being written, it sees this run's notices, not the previous run's."""
    outputs = tmp_path / "out"
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(outputs), "--quiet", "--allow-errors", "--compare", "--no-cache"])
    before = (outputs / "compare" / "tables" / "notices.csv").read_text(encoding="utf-8")
    (seed_corpus / "seeds" / "004_4496c5e18f9a504a.txt").unlink()
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(outputs), "--quiet", "--allow-errors", "--compare"])
    after = (outputs / "compare" / "tables" / "notices.csv").read_text(encoding="utf-8")
    assert "004_4496c5e18f9a504a.txt" in before and "004_4496c5e18f9a504a.txt" not in after


def test_extract_prints_one_notice_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(NOTICES / "seeds" / "004_4496c5e18f9a504a.txt")]) == 0
    notice = json.loads(capsys.readouterr().out)
    assert notice["schema_version"] == "1.0"
    assert notice["region"] == "宿迁市" and len(notice["tasks"]) == 13


def test_extract_prints_one_line_per_file(capsys: pytest.CaptureFixture[str]) -> None:
    files = sorted(str(p) for p in (NOTICES / "seeds").glob("*.txt"))[:2]
    assert main(["extract", *files]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(line)["source"]["format"] for line in lines] == ["txt", "txt"]


def test_extract_reports_an_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert main(["extract", str(empty)]) == 1
    assert "empty.html" in capsys.readouterr().err


def test_bad_opencc_param_names_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    params = tmp_path / "params.yaml"
    params.write_text("extract:\n  opencc_config: s2t\n", encoding="utf-8")
    assert main(["--params", str(params), "run", "--corpus", str(tmp_path)]) == 2
    assert "extract.opencc_config" in capsys.readouterr().err


def test_ids_are_identical_across_runs_in_different_folders(seed_corpus: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    shutil.copytree(seed_corpus, other)
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(tmp_path / "a"), "--quiet"])
    main(["run", "--corpus", str(other), "--outputs", str(tmp_path / "b"), "--quiet"])
    first = pd.read_parquet(tmp_path / "a" / "tasks.parquet")[["task_id", "requirement"]]
    second = pd.read_parquet(tmp_path / "b" / "tasks.parquet")[["task_id", "requirement"]]
    assert first.equals(second)


def test_units_lists_canonical_units_with_merged_spellings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "a").mkdir(parents=True)
    (corpus / "a" / "notice.txt").write_text(
        "临沂市人民政府办公室关于印发2023年工作要点的通知\n"
        "一、加强信息公开\n"
        "(一)做好就业信息公开。责任单位:市人社局、临沂市财政局\n"
        "(二)做好社保信息公开。责任单位:市人力资源和社会保障局\n"
        "临沂市人民政府办公室\n2023年3月1日\n",
        encoding="utf-8",
    )
    outputs = tmp_path / "out"
    assert main(["run", "--corpus", str(corpus), "--outputs", str(outputs), "--quiet", "--no-cache"]) == 0
    capsys.readouterr()
    assert main(["units", "--outputs", str(outputs), "--region", "临沂市"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.strip().splitlines()]
    assert rows[0][:3] == ["region", "unit", "tasks"]
    by_unit = {row[1]: row for row in rows[1:]}
    assert by_unit["市人力资源社会保障局"][2] == "2"
    assert set(by_unit["市人力资源社会保障局"][6].split("、")) == {"市人社局", "市人力资源和社会保障局"}
    assert by_unit["市财政局"][6] == "临沂市财政局"


def test_run_on_a_missing_corpus_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--corpus", str(tmp_path / "nowhere"), "--outputs", str(tmp_path / "o")]) == 2
    assert "corpus folder not found" in capsys.readouterr().err


def test_run_log_file_names_every_bad_file(seed_corpus: Path, tmp_path: Path) -> None:
    log = tmp_path / "run.log"
    assert main(["run", "--corpus", str(seed_corpus), "--outputs", str(tmp_path / "o"), "--quiet", "--log", str(log)]) == 1
    text = log.read_text(encoding="utf-8")
    assert "seeds/broken.pdf" in text and "seeds/empty.txt" in text


def test_run_prints_a_summary(seed_corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--corpus", str(seed_corpus), "--outputs", str(tmp_path / "o")]) == 1
    out = capsys.readouterr().out
    assert "7 files, 146 tasks, 0 warnings, 2 errors" in out


def test_second_run_takes_every_notice_from_the_cache(seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    first, second = tmp_path / "first", tmp_path / "second"
    assert main(["run", "--corpus", str(seed_corpus), "--outputs", str(first), "--cache", str(cache), "--quiet"]) == 1

    def must_not_read(path: Path, *_: object) -> None:
        raise AssertionError(f"{path} was read again")

    monkeypatch.setattr("pipeline.extract.read_document", must_not_read)
    assert main(["run", "--corpus", str(seed_corpus), "--outputs", str(second), "--cache", str(cache), "--quiet"]) == 1
    for name in ("notices.parquet", "tasks.parquet", "sections.parquet"):
        assert pd.read_parquet(first / name).equals(pd.read_parquet(second / name)), name


def test_a_new_notice_is_the_only_one_extracted(seed_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = tmp_path / "cache"
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(tmp_path / "a"), "--cache", str(cache), "--quiet"])
    shutil.copy(NOTICES / "samples" / "qingdao-2019.html", seed_corpus / "seeds" / "new.html")
    read: list[str] = []
    original = extractors.readers.read_document

    def counting(path: Path, *rest: object):  # type: ignore[no-untyped-def]
        read.append(path.name)
        return original(path, *rest)

    monkeypatch.setattr("pipeline.extract.read_document", counting)
    # --jobs 1: the counting reader only sees reads in this process (tests/pipeline/test_parallel.py counts for pools)
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(tmp_path / "b"), "--cache", str(cache), "--quiet", "--jobs", "1"])
    assert read == ["new.html"]


def test_a_moved_notice_keeps_its_result_under_its_new_path(seed_corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(tmp_path / "a"), "--cache", str(cache), "--quiet"])
    (seed_corpus / "seeds" / "004_4496c5e18f9a504a.txt").rename(seed_corpus / "seeds" / "renamed.txt")
    main(["run", "--corpus", str(seed_corpus), "--outputs", str(tmp_path / "b"), "--cache", str(cache), "--quiet"])
    paths = set(pd.read_parquet(tmp_path / "b" / "notices.parquet")["path"])
    assert "seeds/renamed.txt" in paths and "seeds/004_4496c5e18f9a504a.txt" not in paths


def test_console_script_exits_with_mains_code_and_skips_the_final_collection(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    import pipeline.cli

    thresholds = gc.get_threshold()
    monkeypatch.setattr(pipeline.cli, "main", lambda: 3)
    try:
        with pytest.raises(SystemExit) as exit_:
            pipeline.cli.entry()
        assert exit_.value.code == 3
        assert gc.get_threshold() == pipeline.cli._GC_THRESHOLDS
        assert gc.get_freeze_count() > 0  # what exists at exit is left to the process's end
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
