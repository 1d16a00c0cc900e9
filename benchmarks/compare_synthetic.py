"""A synthetic corpus of many regions and years, run through ``notice-tasks compare`` and timed.

The bundled corpus has five notices, one year per region: too few to time the comparison or to
exercise its year-over-year matching. This script builds the comparison's *inputs* directly,
``notices.parquet`` and ``tasks.parquet`` in the pipeline's own schemas, from the bundled outputs,
without running extraction (extraction has its own benchmark, ``throughput.py``):

- every region (40 cities by default) starts from one bundled notice and evolves year by year over
  consecutive years: each year drops some tasks, rewords some (a clause cut or added), takes
  in tasks from the other bundled notices, and keeps the rest, so tasks are new, dropped or
  carried over as in real series;
- region names in titles, requirements and unit names are replaced (临沂市 → 潍坊市), years in the
  text, due dates and signing dates are shifted to the notice's year;
- a share of notices is written as two files (a second rendition with the same title), as the
  bundled corpus does, so the panel's de-duplication is exercised too.

Usage::

    python benchmarks/compare_synthetic.py                  # 500 notices, prints timings
    python benchmarks/compare_synthetic.py --notices 60 --keep /tmp/synthetic
    python benchmarks/compare_synthetic.py --out /tmp/compare-bench.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.compare.inputs import inputs_from_frames  # noqa: E402
from pipeline.compare.result import CompareResult  # noqa: E402
from pipeline.compare.stage import run_compare  # noqa: E402
from pipeline.writers import NOTICES_SCHEMA, TASKS_SCHEMA  # noqa: E402

CITIES = ("潍坊市 烟台市 济宁市 泰安市 威海市 日照市 德州市 聊城市 滨州市 菏泽市 枣庄市 东营市 淄博市 徐州市 常州市 "
          "南通市 连云港市 淮安市 盐城市 扬州市 镇江市 泰州市 嘉兴市 湖州市 绍兴市 金华市 衢州市 舟山市 丽水市 芜湖市 "
          "蚌埠市 淮南市 安庆市 黄山市 滁州市 阜阳市 宿州市 六安市 亳州市 宣城市 洛阳市 开封市 安阳市 新乡市 焦作市 "
          "许昌市 南阳市 信阳市 周口市 驻马店市").split()  # fmt: skip
# Clauses added to reword a carried-over task, as later years' notices do.
ADDITIONS = ("进一步提升公开质量和实效", "按季度通报进展情况", "加强督促检查", "推动数据开放共享",
             "及时回应群众关切", "做好政策解读和宣传", "健全长效机制")  # fmt: skip
_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?=年)")


def _load_seeds(source: Path) -> list[dict[str, Any]]:
    """The bundled notices, one representative file each, with their tasks as plain dicts."""
    notices = pd.read_parquet(source / "notices.parquet")
    tasks = pd.read_parquet(source / "tasks.parquet")
    inputs = inputs_from_frames(notices, tasks)
    reps = inputs.files[inputs.files["representative"]]
    seeds = []
    for row in reps.itertuples(index=False):
        notice = notices[notices["notice_id"] == row.notice_id].iloc[0].to_dict()
        own = tasks[tasks["notice_id"] == row.notice_id].to_dict("records")
        seeds.append({"notice": notice, "tasks": own, "region": row.region, "year": int(row.year)})
    return seeds


def _stem(region: str) -> str:
    return re.sub(r"(经济技术开发区|市|区|县)$", "", region)


def _rename(text: Any, old: str, new: str, shift: int) -> str | None:
    if not isinstance(text, str):
        return None  # pandas reads a missing string as NaN; the schema wants null
    text = text.replace(old, new).replace(_stem(old), _stem(new))
    return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text)


def _shift_date(value: Any, shift: int) -> date | None:
    if value is None or (isinstance(value, float) and pd.isna(value)) or pd.isna(value):
        return None
    day = pd.Timestamp(value).date()
    try:
        return day.replace(year=day.year + shift)
    except ValueError:  # 29 February
        return day.replace(year=day.year + shift, day=28)


def _reword(text: str, rng: random.Random) -> str:
    """A carried-over task as next year's notice may phrase it: a clause added or the last one cut."""
    clauses = re.split(r"(?<=[,。;])", text)
    if len(clauses) > 2 and rng.random() < 0.5:
        return "".join(clauses[:-1])
    return text.rstrip("。") + "," + rng.choice(ADDITIONS) + "。"


def _task_pool(seeds: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    return [(seed, task) for seed in seeds for task in seed["tasks"]]


def _evolve(current: list[tuple[dict, dict]], pool: list[tuple[dict, dict]], rng: random.Random) -> list[tuple[dict, dict]]:
    """Next year's tasks: 15 % dropped, 25 % reworded, 15 % new from other notices, the rest kept."""
    kept = []
    for seed, task in current:
        if rng.random() < 0.15:
            continue
        if rng.random() < 0.25:
            task = {**task, "requirement": _reword(task["requirement"], rng)}
        kept.append((seed, task))
    extra = rng.sample(pool, k=max(1, int(len(current) * 0.15)))
    return kept + extra


def _notice_rows(seed: dict, tasks: list[tuple[dict, dict]], region: str, year: int, serial: int, rng: random.Random,
                 renditions: int) -> tuple[list[dict], list[dict]]:  # fmt: skip
    """Files and task rows of one synthetic notice (``renditions`` files carrying the same tasks)."""
    shift = year - seed["year"]
    source = seed["notice"]
    title = _rename(source.get("title"), seed["region"], region, shift)
    files, rows = [], []
    for copy in range(renditions):
        notice_id = hashlib.sha256(f"{region}|{year}|{serial}|{copy}".encode()).hexdigest()[:16]
        fmt = ("html", "docx", "pdf", "txt")[copy % 4]
        files.append({
            "notice_id": notice_id, "path": f"synthetic/{region}/{year}-{copy}.{fmt}", "format": fmt, "status": "ok",
            "message": "", "sha256": notice_id * 4, "title": title,
            "issuer": _rename(source.get("issuer"), seed["region"], region, shift), "doc_number": None,
            "region": region, "year": year, "signed": _shift_date(source.get("signed"), shift), "published": None,
            "region_level": _rename(source.get("region_level"), "", "", 0), "province": None, "n_sections": 0, "n_tasks": len(tasks),
        })  # fmt: skip
        for k, (origin_seed, task) in enumerate(tasks, start=1):
            task_shift = year - origin_seed["year"]
            units = [{**u, "name": _rename(u["name"], origin_seed["region"], region, 0),
                      "canonical": _rename(u["canonical"], origin_seed["region"], region, 0)} for u in task["units"]]  # fmt: skip
            rows.append({
                "task_id": f"{notice_id}-{k:03d}", "notice_id": notice_id, "region": region, "year": year,
                "section": [_rename(s, origin_seed["region"], region, task_shift) for s in task["section"]],
                "requirement": _rename(task["requirement"], origin_seed["region"], region, task_shift), "units": units,
                "deadline_raw": _rename(task["deadline_raw"], origin_seed["region"], region, task_shift) or "",
                "deadline_kind": task["deadline_kind"], "deadline_due": _shift_date(task["deadline_due"], task_shift),
                "deadline_start": _shift_date(task["deadline_start"], task_shift), "origin": task["origin"],
            })  # fmt: skip
    return files, rows


def build_corpus(source: Path, target: Path, notices: int = 500, regions: int = 40, seed: int = 7,
                 duplicate_share: float = 0.2) -> dict[str, int]:  # fmt: skip
    """Write ``notices.parquet`` and ``tasks.parquet`` of a synthetic corpus into ``target``."""
    rng = random.Random(seed)
    seeds = _load_seeds(source)
    if not seeds:
        raise SystemExit(f"no notices in {source}; run `notice-tasks run` (or `dvc repro`) first")
    pool = _task_pool(seeds)
    cities = list(CITIES[: max(1, min(regions, len(CITIES)))])
    per_region = [notices // len(cities) + (1 if k < notices % len(cities) else 0) for k in range(len(cities))]
    file_rows: list[dict] = []
    task_rows: list[dict] = []
    serial = 0
    for city, count in zip(cities, per_region, strict=True):
        base = rng.choice(seeds)
        first_year = 2026 - count - rng.randint(0, 3)  # runs of consecutive years ending 2022–2025
        current = [(base, task) for task in base["tasks"]]
        for offset in range(count):
            if offset:
                current = _evolve(current, pool, rng)
            renditions = 2 if rng.random() < duplicate_share else 1
            files, rows = _notice_rows(base, current, city, first_year + offset, serial, rng, renditions)
            file_rows += files
            task_rows += rows
            serial += 1
    target.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(file_rows, schema=NOTICES_SCHEMA), target / "notices.parquet")
    pq.write_table(pa.Table.from_pylist(task_rows, schema=TASKS_SCHEMA), target / "tasks.parquet")
    return {"notices": serial, "files": len(file_rows), "tasks_in_files": len(task_rows), "regions": len(cities)}


def _timed_compare(folder: Path, memo: Path) -> tuple[CompareResult, dict[str, Any]]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = run_compare(folder, folder / "compare", ROOT / "corpus/themes.yaml", ROOT / "corpus/stopwords.txt", memo_folder=memo)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return result, {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2), "steps_s": result.timings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", default=str(ROOT / "outputs"), help="bundled outputs to vary (default: outputs/)")
    parser.add_argument("--notices", type=int, default=500)
    parser.add_argument("--regions", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", help="build into this folder and keep it (default: a temporary folder)")
    parser.add_argument("--out", help="write the measurements as JSON here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="compare-synthetic-") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch)
        built = build_corpus(Path(args.source), folder, args.notices, args.regions, args.seed)
        memo = Path(scratch) / "memo"
        runs = {name: _timed_compare(folder, memo) for name in ("cold", "warm")}  # warm: from the memo of cuts and themes
        result = runs["cold"][0]
        report_kb = (folder / "compare" / "report.html").stat().st_size / 1024
    summary = result.changes[["new", "carried", "dropped"]].sum().to_dict() if not result.changes.empty else {}
    measurement = {
        **built, "tasks_compared": len(result.tasks), "region_years": len(result.panel), "cpu_count": os.cpu_count(),
        **{f"{name}_{key}": value for name, (_, figures) in runs.items() for key, value in figures.items()},
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), "report_kb": round(report_kb),
        "year_over_year": {k: int(v) for k, v in summary.items()},
    }  # fmt: skip
    print(json.dumps(measurement, ensure_ascii=False, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(measurement, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
