"""Scoring the outputs folder: only the notices the gold lists are parsed, with the same report."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extractors.notice import ExtractionSettings
from pipeline.evaluate import evaluate, evaluate_outputs
from pipeline.extract import extract_file
from pipeline.writers import write_outputs
from tests.conftest import NOTICES, ROOT

GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="module")
def json_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    outputs = tmp_path_factory.mktemp("evaluate") / "outputs"
    files = sorted((NOTICES / "seeds").glob("*.txt")) + [NOTICES / "samples" / "linyi-2023.html"]
    write_outputs([extract_file(path, NOTICES, ExtractionSettings()) for path in files], outputs)
    return outputs / "json"


def _all(json_dir: Path) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(json_dir.glob("*.json"))]


def test_the_report_equals_scoring_every_notice(json_dir: Path) -> None:
    report = evaluate_outputs(json_dir, GOLD)
    assert report == evaluate(_all(json_dir), GOLD)
    scored = [score for file, score in report["files"].items() if file not in report["missing"]]
    assert len(scored) == 6 and all(score["tasks"]["f1"] == 1.0 for score in scored)


def test_notices_written_another_way_are_all_parsed(json_dir: Path, tmp_path: Path) -> None:
    """A notice JSON whose path is escaped (ASCII only) defeats the text search: every file is read."""
    other = tmp_path / "json"
    other.mkdir()
    for notice in _all(json_dir):
        (other / f"{notice['notice_id']}.json").write_text(json.dumps(notice, ensure_ascii=True), encoding="utf-8")
    assert evaluate_outputs(other, GOLD) == evaluate(_all(json_dir), GOLD)


def test_a_task_quoting_a_listed_path_is_checked_not_trusted(json_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "json"
    shutil.copytree(json_dir, other)
    listed = next(iter(evaluate(_all(json_dir), GOLD)["files"]))
    impostor = _all(json_dir)[0] | {"notice_id": "ffffffffffffffff"}
    impostor["source"] = impostor["source"] | {"path": "elsewhere/x.txt"}
    impostor["title"] = f'"path": {json.dumps(listed, ensure_ascii=False)}'
    (other / "ffffffffffffffff.json").write_text(json.dumps(impostor, ensure_ascii=False, indent=1), encoding="utf-8")
    assert evaluate_outputs(other, GOLD) == evaluate(_all(json_dir), GOLD)


@pytest.mark.parametrize("table", ["as written", "damaged", "absent"])
def test_the_files_table_beside_the_folder_picks_the_notices_to_read(json_dir: Path, tmp_path: Path, table: str) -> None:
    """With notices.parquet, only the listed notices' files are opened (an unreadable file among the
    others is never read); a damaged or absent table falls back to searching every file."""
    outputs = tmp_path / "outputs"
    shutil.copytree(json_dir.parent, outputs)
    if table == "as written":
        (outputs / "json" / "0000000000000000.json").write_bytes(b"\xff not JSON")
    elif table == "damaged":
        (outputs / "notices.parquet").write_bytes(b"PAR1 garbage")
    elif table == "absent":
        (outputs / "notices.parquet").unlink()
    assert evaluate_outputs(outputs / "json", GOLD) == evaluate(_all(json_dir), GOLD)
