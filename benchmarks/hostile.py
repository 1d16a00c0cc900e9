"""The hostile corpus through one ``notice-tasks run``: wall time, peak memory and every row.

    python benchmarks/hostile.py [--jobs N] [--markdown]

Builds ``tests/hostile/corpus.py`` (57 broken, mislabelled, enormous, encrypted and crafted
files plus two good notices) in a temporary folder, runs ``notice-tasks run`` on it in a child
process that reports its own peak RSS and its workers', and prints the table of cases.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyarrow.parquet as pq  # noqa: E402

from tests.hostile.corpus import build_corpus, make_removable, row_path  # noqa: E402
from tests.hostile.test_hostile_corpus import _RUNNER, _params  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jobs", type=int, help="extraction processes (default: run.jobs in params.yaml)")
    parser.add_argument("--markdown", action="store_true", help="print the cases as a Markdown table")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        cases = build_corpus(root / "corpus")
        report = root / "report.json"
        command = [sys.executable, "-c", _RUNNER, str(report), "--params", str(_params(root)), "run",
                   "--corpus", str(root / "corpus"), "--outputs", str(root / "out"), "--quiet", "--no-cache"]  # fmt: skip
        if args.jobs is not None:
            command += ["--jobs", str(args.jobs)]
        start = time.perf_counter()
        subprocess.run(command, cwd=root, capture_output=True, check=False)
        seconds = time.perf_counter() - start
        usage = json.loads(report.read_text())
        rows = {row["path"]: row for row in pq.read_table(root / "out" / "notices.parquet").to_pylist()}
        make_removable(root)
    kinds = {row_path(case): case.kind for case in cases}
    print(f"{len(rows)} files, exit code {usage['code']}, {seconds:.1f} s wall (process start and imports included), "
          f"peak RSS {usage['self_mb']} MB (run), {usage['workers_mb']} MB (largest worker)")  # fmt: skip
    if args.markdown:
        print("\n| file | case | status | stage | message |\n|---|---|---|---|---|")
    for path, row in sorted(rows.items()):
        message = row["message"].replace("|", "\\|").replace("\n", " ")
        if args.markdown:
            print(f"| `{path!r}` | {kinds.get(path, 'good notice')} | {row['status']} | {row['stage'] or ''} | {message} |")
        else:
            print(f"{row['status']:8} {row['stage'] or '-':8} {path!r:48} {message[:140]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
