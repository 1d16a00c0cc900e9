"""Year over year within a region: which tasks and themes are new, dropped or carried over.

Each year of a region is compared with the region's previous year in the corpus (2021 with 2019
when 2020 is missing; ``previous_year`` says which). A task is *carried over* when a task of the
previous year says nearly the same thing: the Dice coefficient of their character bigrams, after
dropping digits, Latin letters and punctuation (years and numbers change every year), is at least
``SIMILARITY``. Pairs are matched one to one, most similar first. Unmatched tasks of the year are
*new*, unmatched tasks of the previous year are *dropped*. A theme is new when the previous year had
no task of it, dropped when this year has none, carried otherwise (with the change of its share).
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pandas as pd

SIMILARITY = 0.5
_NOISE = re.compile(r"[\W\d_a-zA-Z]+")
TASK_COLUMNS = ["region", "year", "previous_year", "status", "theme", "task_id", "requirement",
                "matched_task_id", "matched_requirement", "similarity"]  # fmt: skip
THEME_COLUMNS = ["region", "year", "previous_year", "theme", "label", "status", "tasks_before", "tasks_now",
                 "share_before", "share_now", "share_change"]  # fmt: skip


def bigrams(text: str) -> set[str]:
    """Character bigrams of the text's Chinese: ``"2023年推进决策公开"`` → {年推, 推进, 进决, 决策, 策公, 公开}."""
    clean = _NOISE.sub("", text or "")
    return {clean[i : i + 2] for i in range(len(clean) - 1)} or ({clean} if clean else set())


def dice_matrix(prev_sets: Sequence[set[str]], curr_sets: Sequence[set[str]]) -> np.ndarray:
    """Dice coefficients of bigram sets, ``len(prev_sets)`` × ``len(curr_sets)``, as one matrix product."""
    ids = gram_ids([*prev_sets, *curr_sets])
    return _dice_of_ids(ids[: len(prev_sets)], ids[len(prev_sets) :])


def gram_ids(sets: Sequence[set[str]]) -> list[np.ndarray]:
    """Each set's bigrams as ids of one vocabulary, by one factorization of all of them: computed
    once per task, the ids serve every year it is compared with."""
    lengths = [len(grams) for grams in sets]
    flat = np.fromiter((gram for grams in sets for gram in grams), dtype=object, count=sum(lengths))
    codes, _ = pd.factorize(flat)
    return np.split(codes.astype(np.int64, copy=False), np.cumsum(lengths)[:-1]) if sets else []


def _dice_of_ids(prev_ids: Sequence[np.ndarray], curr_ids: Sequence[np.ndarray]) -> np.ndarray:
    """Dice coefficients of the id sets: the shared ids counted by a product of 0/1 matrices over
    the ids the two sides use (exact in float32: counts are small integers)."""
    lengths = [len(ids) for ids in (*prev_ids, *curr_ids)]
    used, columns = np.unique(np.concatenate([*prev_ids, *curr_ids, np.empty(0, dtype=np.int64)]), return_inverse=True)
    width = max(len(used), 1)
    rows = np.repeat(np.arange(len(lengths)), lengths)
    matrix = np.zeros((len(lengths), width), dtype=np.float32)
    matrix[rows, columns] = 1.0
    a, b = matrix[: len(prev_ids)], matrix[len(prev_ids) :]
    shared = a @ b.T
    sizes = a.sum(axis=1)[:, None] + b.sum(axis=1)[None, :]
    return np.divide(2 * shared, sizes, out=np.zeros_like(shared), where=sizes > 0)


def similarity_matrix(previous: Sequence[str], current: Sequence[str]) -> np.ndarray:
    """Dice coefficients of the texts' bigram sets, ``len(previous)`` × ``len(current)``."""
    return dice_matrix([bigrams(t) for t in previous], [bigrams(t) for t in current])


def _pairs(scores: np.ndarray, threshold: float) -> list[tuple[int, int, float]]:
    """Greedy one-to-one matching, most similar first (ties: earlier tasks first)."""
    rows, cols = np.nonzero(scores >= threshold)
    candidates = sorted(zip(scores[rows, cols].tolist(), rows.tolist(), cols.tolist(), strict=True), key=lambda c: (-c[0], c[1], c[2]))
    used_prev: set[int] = set()
    used_curr: set[int] = set()
    pairs = []
    for score, i, j in candidates:
        if i not in used_prev and j not in used_curr:
            used_prev.add(i)
            used_curr.add(j)
            pairs.append((i, j, round(score, 3)))
    return pairs


def match_tasks(previous: Sequence[str], current: Sequence[str], threshold: float = SIMILARITY) -> list[tuple[int, int, float]]:
    """One-to-one pairs (previous index, current index, similarity) at or above ``threshold``, best first.

    >>> match_tasks(["推进决策公开", "加强政府网站建设"], ["加强政府网站集约化建设", "做好疫情防控信息发布"], 0.5)
    [(1, 0, 0.706)]
    """
    if not previous or not current:
        return []
    return _pairs(similarity_matrix(previous, current), threshold)


def _task_rows(base: dict, prev: list[dict], curr: list[dict], pairs: Sequence[tuple[int, int, float]]) -> list[dict]:
    matched_curr = {j: (i, score) for i, j, score in pairs}
    matched_prev = {i for i, _, _ in pairs}
    rows = []
    for j, task in enumerate(curr):
        i, score = matched_curr.get(j, (None, None))
        old = prev[i] if i is not None else None
        rows.append({**base, "status": "carried" if old else "new", "theme": task["theme"], "task_id": task["task_id"],
                     "requirement": task["requirement"], "matched_task_id": old["task_id"] if old else None,
                     "matched_requirement": old["requirement"] if old else None, "similarity": score})  # fmt: skip
    for i, old in enumerate(prev):
        if i not in matched_prev:
            rows.append({**base, "status": "dropped", "theme": old["theme"], "task_id": old["task_id"], "requirement": old["requirement"],
                         "matched_task_id": None, "matched_requirement": None, "similarity": None})  # fmt: skip
    return rows


def pair_key(previous: Sequence[str], current: Sequence[str], threshold: float) -> str:
    """What the matches of two years depend on: their requirements in order, and the threshold."""
    digest = hashlib.sha256(repr(threshold).encode())
    for texts in (previous, current):
        digest.update(b"\x1e")
        digest.update("\x1f".join(texts).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:32]


def _match_years(year_pairs: dict[str, tuple[list[str], list[str]]], threshold: float) -> dict[str, list[tuple[int, int, float]]]:
    """The matches of each year pair (previous texts, current texts), bigrams factorized once for all."""
    distinct = list(dict.fromkeys(text for prev, curr in year_pairs.values() for text in (*prev, *curr)))
    ids_of = dict(zip(distinct, gram_ids([bigrams(text) for text in distinct]), strict=True))
    matches = {}
    for key, (prev, curr) in year_pairs.items():
        scores = _dice_of_ids([ids_of[t] for t in prev], [ids_of[t] for t in curr]) if prev and curr else None
        matches[key] = _pairs(scores, threshold) if scores is not None else []
    return matches


def _theme_rows(base: dict, prev: list[dict], curr: list[dict], labels: dict[str, str]) -> list[dict]:
    rows = []
    prev_counts, curr_counts = Counter(t["theme"] for t in prev), Counter(t["theme"] for t in curr)
    for theme, label in labels.items():
        was, now = prev_counts[theme], curr_counts[theme]
        if not was and not now:
            continue
        status = "new" if not was else "dropped" if not now else "carried"
        share_before, share_now = was / len(prev), now / len(curr)
        rows.append({**base, "theme": theme, "label": label, "status": status, "tasks_before": was, "tasks_now": now,
                     "share_before": round(share_before, 4), "share_now": round(share_now, 4),
                     "share_change": round(share_now - share_before, 4)})  # fmt: skip
    return rows


def year_over_year(tasks: pd.DataFrame, labels: dict[str, str], threshold: float = SIMILARITY,
                   pairs: dict[str, list[tuple[int, int, float]]] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:  # fmt: skip
    """(task changes, theme changes) for every region with two or more years; ``tasks`` needs a ``theme`` column.

    ``pairs`` (a ``CompareMemo``'s) holds the matches of year pairs worked out before, keyed by
    ``pair_key``: only the pairs whose requirements changed (a notice added to one of the years)
    are matched again, and ``pairs`` is left holding exactly this run's.
    """
    task_rows: list[dict] = []
    theme_rows: list[dict] = []
    columns = ["region", "year", "task_id", "requirement", "theme"]
    ordered = tasks.sort_values(["region", "year", "notice_key", "task_id"])
    records = [dict(zip(columns, values, strict=True)) for values in zip(*(ordered[c].tolist() for c in columns), strict=True)]
    by_region: dict[str, dict[int, list[dict]]] = {}
    for record in records:
        by_region.setdefault(str(record["region"]), {}).setdefault(int(record["year"]), []).append(record)
    known = {} if pairs is None else pairs
    year_pairs: list[tuple[dict, list[dict], list[dict], str]] = []
    unmatched: dict[str, tuple[list[str], list[str]]] = {}
    for region, by_year in by_region.items():
        years = sorted(by_year)
        for before, year in zip(years, years[1:], strict=False):
            prev, curr = by_year[before], by_year[year]
            texts = ([t["requirement"] or "" for t in prev], [t["requirement"] or "" for t in curr])
            key = pair_key(*texts, threshold)
            if key not in known:
                unmatched[key] = texts
            year_pairs.append(({"region": region, "year": year, "previous_year": before}, prev, curr, key))
    matches = {key: known[key] for _, _, _, key in year_pairs if key in known} | _match_years(unmatched, threshold)
    for base, prev, curr, key in year_pairs:
        task_rows += _task_rows(base, prev, curr, matches[key])
        theme_rows += _theme_rows(base, prev, curr, labels)
    if pairs is not None:
        pairs.clear()
        pairs.update(matches)
    return pd.DataFrame(task_rows, columns=TASK_COLUMNS), pd.DataFrame(theme_rows, columns=THEME_COLUMNS)


def change_summary(task_changes: pd.DataFrame) -> pd.DataFrame:
    """New, carried and dropped task counts per region and year."""
    columns = ["region", "year", "previous_year", "new", "carried", "dropped"]
    if task_changes.empty:
        return pd.DataFrame(columns=columns)
    counts = task_changes.groupby(["region", "year", "previous_year", "status"]).size().unstack("status", fill_value=0)
    counts = counts.reindex(columns=["new", "carried", "dropped"], fill_value=0).reset_index()
    return counts[columns].astype({c: int for c in ("new", "carried", "dropped")})
