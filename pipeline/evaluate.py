"""Scoring extracted notices against gold files (rules in corpus/gold/README.md).

Texts are compared after NFKC, traditional→simplified conversion and whitespace removal. A
predicted task matches a gold task when their requirements are at least 90 % alike; units are
compared as sets of (name, role) and deadlines on (kind, due).
"""

from __future__ import annotations

import difflib
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from normalizers.script import to_simplified
from normalizers.whitespace import remove_whitespace

MATCH_THRESHOLD = 0.9


def comparable(text: str | None) -> str:
    return remove_whitespace(to_simplified(unicodedata.normalize("NFKC", text or "")))


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives, with P/R/F1 derived."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    def scores(self) -> dict[str, float]:
        if not self.tp + self.fp + self.fn:
            return {"precision": 1.0, "recall": 1.0, "f1": 1.0}  # nothing to find, nothing found
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


@dataclass(slots=True)
class Score:
    tasks: Counts = field(default_factory=Counts)
    units: Counts = field(default_factory=Counts)
    deadlines_right: int = 0
    deadlines_total: int = 0

    def add(self, other: Score) -> None:
        self.tasks.add(other.tasks)
        self.units.add(other.units)
        self.deadlines_right += other.deadlines_right
        self.deadlines_total += other.deadlines_total

    def as_dict(self) -> dict[str, Any]:
        gold_tasks = self.tasks.tp + self.tasks.fn
        if self.deadlines_total:
            accuracy = self.deadlines_right / self.deadlines_total
        else:
            accuracy = 0.0 if gold_tasks else 1.0
        return {
            "tasks": self.tasks.scores(),
            "units": self.units.scores(),
            "deadlines": {"accuracy": round(accuracy, 4), "matched": self.deadlines_total},
        }


def _similarity(a: str, b: str) -> float:
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MATCH_THRESHOLD or matcher.quick_ratio() < MATCH_THRESHOLD:
        return 0.0
    return matcher.ratio()


def match_tasks(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """Pairs (predicted index, gold index), best-first, each task used at most once."""
    pred_texts = [comparable(t["requirement"]) for t in predicted]
    gold_texts = [comparable(t["requirement"]) for t in gold]
    candidates = [
        (ratio, p, g)
        for p, pred in enumerate(pred_texts)
        for g, gold_text in enumerate(gold_texts)
        if (ratio := _similarity(pred, gold_text)) >= MATCH_THRESHOLD
    ]
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    pairs = []
    for _, p, g in sorted(candidates, key=lambda c: -c[0]):
        if p not in used_pred and g not in used_gold:
            pairs.append((p, g))
            used_pred.add(p)
            used_gold.add(g)
    return pairs


def _unit_set(task: dict[str, Any]) -> set[tuple[str, str]]:
    return {(comparable(u["name"]), u["role"]) for u in task.get("units", [])}


def score_notice(predicted: list[dict[str, Any]], gold: list[dict[str, Any]]) -> Score:
    score = Score()
    pairs = match_tasks(predicted, gold)
    score.tasks = Counts(len(pairs), len(predicted) - len(pairs), len(gold) - len(pairs))
    matched_pred = {p for p, _ in pairs}
    matched_gold = {g for _, g in pairs}
    for p, g in pairs:
        pred_units, gold_units = _unit_set(predicted[p]), _unit_set(gold[g])
        score.units.add(Counts(len(pred_units & gold_units), len(pred_units - gold_units), len(gold_units - pred_units)))
        pred_deadline, gold_deadline = predicted[p]["deadline"], gold[g]["deadline"]
        score.deadlines_total += 1
        score.deadlines_right += (pred_deadline["kind"], pred_deadline["due"]) == (gold_deadline["kind"], gold_deadline["due"])
    for p, task in enumerate(predicted):
        if p not in matched_pred:
            score.units.fp += len(_unit_set(task))
    for g, task in enumerate(gold):
        if g not in matched_gold:
            score.units.fn += len(_unit_set(task))
    return score


def evaluate_outputs(json_dir: Path, gold_dir: Path) -> dict[str, Any]:
    """``evaluate`` over the notice JSON files of ``json_dir``, parsing only those of the files the
    gold lists: a corpus of 1,000 notices is scored in milliseconds instead of half a second.

    ``notices.parquet`` beside ``json_dir`` (written with it) names each file's notice, so only
    those JSON files are read. Without it, a notice names its input file as ``"path": <its JSON
    string>``, so a plain search of each file's text finds the candidates, which are parsed and
    checked. The search is trusted once the first file is seen to write its own path that way;
    otherwise (a notice JSON written differently) every file is parsed.
    """
    wanted = {file for gold_path in gold_dir.glob("*.json") for file in _gold(gold_path)["files"]}
    listed = _listed_notices(json_dir.parent / "notices.parquet", wanted)
    if listed is not None:
        files = (json_dir / f"{notice_id}.json" for notice_id in sorted(listed))
        return evaluate((json.loads(path.read_bytes()) for path in files if path.is_file()), gold_dir)
    paths = sorted(json_dir.glob("*.json"))
    if paths and not _names_its_path_plainly(paths[0]):
        return evaluate((json.loads(path.read_text(encoding="utf-8")) for path in paths), gold_dir)
    needles = [_path_needle(file) for file in wanted]
    texts = (path.read_bytes() for path in paths)  # each file read once, parsed only if it names a listed file
    return evaluate((json.loads(data) for data in texts if any(needle in data for needle in needles)), gold_dir)


def _listed_notices(table: Path, wanted: set[str]) -> set[str] | None:
    """The notice ids of the ``wanted`` files in ``notices.parquet``; None when it cannot be read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        rows = pq.read_table(table, columns=["path", "notice_id"]).to_pydict()
    except (OSError, pa.ArrowException, KeyError):
        return None
    return {notice_id for path, notice_id in zip(rows["path"], rows["notice_id"], strict=True) if path in wanted and notice_id}


def _path_needle(file: str) -> bytes:
    return f'"path": {json.dumps(file, ensure_ascii=False)}'.encode("utf-8")


def _names_its_path_plainly(path: Path) -> bool:
    data = path.read_bytes()
    return _path_needle(json.loads(data)["source"]["path"]) in data


def _gold(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def evaluate(notices: Iterable[dict[str, Any]], gold_dir: Path) -> dict[str, Any]:
    """Scores per input file that a gold file lists, and overall; unlisted files are skipped."""
    by_path = {notice["source"]["path"]: notice for notice in notices}
    overall = Score()
    per_file: dict[str, Any] = {}
    missing: list[str] = []
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = _gold(gold_path)
        for file in gold["files"]:
            notice = by_path.get(file)
            if notice is None:
                missing.append(file)  # a file without output scores as if nothing was found
            score = score_notice(notice["tasks"] if notice else [], gold["tasks"])
            overall.add(score)
            per_file[file] = score.as_dict()
    return {"overall": overall.as_dict(), "files": per_file, "missing": missing}
