"""OCR throughput: scanned pages per second on this machine, at the resolution the reader uses.

What is measured: the sample PDFs are rendered at 150 dpi (what ``pdf.py`` renders a page
without a text layer at, and a common scan resolution), and each page image goes through
``extractors.readers.ocr.ocr_page``: ruling-line detection, whitening of the rules, text
detection and recognition, glyphs. Then, unless ``--no-end-to-end``, each sample is saved as an
image-only PDF and ``pipeline.extract.extract_file`` reads it end to end (OCR, layout, extraction),
which is what ``notice-tasks run`` pays per scanned notice.

Why it is measured this way: OCR dominates the cost of a scan by two orders of magnitude, so
pages/s of ``ocr_page`` is the capacity figure; the engine runs ONNX Runtime on one thread, so
the figure is per core (cores are reported; ``--jobs`` multiplies it). One warm-up page (loading
the models) is excluded. The machine is shared, so CPU seconds are reported beside wall time, and
the load average before and after.

    python benchmarks/ocr.py [--pages N] [--no-end-to-end] [--out FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from extractors.notice import ExtractionSettings  # noqa: E402
from extractors.readers.ocr import OCR_DPI, ocr_available, ocr_page  # noqa: E402
from pipeline.extract import extract_file  # noqa: E402

SAMPLES = ("linyi-2023.pdf", "linhai-2020.pdf")


def render(pdf: Path) -> list[np.ndarray]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [np.asarray(document[i].render(scale=OCR_DPI / 72).to_pil().convert("RGB")) for i in range(len(document))]
    finally:
        document.close()


def measure_pages(pages: list[tuple[str, int, np.ndarray]]) -> dict[str, Any]:
    ocr_page(pages[0][2], OCR_DPI, 1)  # warm-up: the models load on first use
    rows = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    for name, number, image in pages:
        start, cpu = time.perf_counter(), time.process_time()
        page = ocr_page(image, OCR_DPI, number)
        rows.append({"file": name, "page": number, "seconds": round(time.perf_counter() - start, 3),
                     "cpu_seconds": round(time.process_time() - cpu, 3), "tables": len(page.tables),
                     "glyphs": len(page.glyphs)})  # fmt: skip
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    with_tables = [r for r in rows if r["tables"]]
    without = [r for r in rows if not r["tables"]]
    rate = lambda rs: round(len(rs) / sum(r["seconds"] for r in rs), 3) if rs else None  # noqa: E731
    return {
        "pages": len(rows),
        "wall_seconds": round(wall, 2),
        "cpu_seconds": round(cpu, 2),
        "pages_per_second": round(len(rows) / wall, 3),
        "pages_per_cpu_second": round(len(rows) / cpu, 3),
        "pages_per_second_with_tables": rate(with_tables),
        "pages_per_second_without_tables": rate(without),
        "per_page": rows,
    }


def measure_end_to_end(folder: Path, renders: dict[str, list[np.ndarray]]) -> list[dict[str, Any]]:
    from PIL import Image

    results = []
    for name, images in renders.items():
        scan = folder / f"{Path(name).stem}-scan.pdf"
        pictures = [Image.fromarray(image) for image in images]
        pictures[0].save(scan, save_all=True, append_images=pictures[1:], resolution=OCR_DPI)
        start = time.perf_counter()
        result = extract_file(scan, folder, ExtractionSettings())
        seconds = time.perf_counter() - start
        tasks = len(result.notice["tasks"]) if result.notice else 0
        results.append({"file": scan.name, "pages": len(images), "seconds": round(seconds, 2),
                        "pages_per_second": round(len(images) / seconds, 3), "status": result.status.value, "tasks": tasks})  # fmt: skip
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=0, help="OCR only the first N rendered pages (0: all 31)")
    parser.add_argument("--no-end-to-end", action="store_true", help="skip extract_file on the scanned PDFs")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "ocr-results.json")
    args = parser.parse_args(argv)
    if not ocr_available():
        print("the ocr extra is not installed: pip install -e '.[ocr]'", file=sys.stderr)
        return 1
    import onnxruntime

    renders = {name: render(ROOT / "corpus" / "notices" / "samples" / name) for name in SAMPLES}
    pages = [(name, i + 1, image) for name, images in renders.items() for i, image in enumerate(images)]
    if args.pages:
        pages = pages[: args.pages]
    load_before = os.getloadavg()
    report: dict[str, Any] = {
        "machine": {"cpu_count": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)),
                    "processor": platform.processor() or platform.machine(), "python": platform.python_version(),
                    "onnxruntime": onnxruntime.__version__},  # fmt: skip
        "dpi": OCR_DPI,
        "ocr_page": measure_pages(pages),
    }
    if not args.no_end_to_end:
        with tempfile.TemporaryDirectory() as folder:
            report["end_to_end"] = measure_end_to_end(Path(folder), renders)
    report["load_average"] = {"before": [round(v, 2) for v in load_before], "after": [round(v, 2) for v in os.getloadavg()]}
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    summary = report["ocr_page"]
    print(f"cores: {report['machine']['usable_cores']}  dpi: {OCR_DPI}  pages: {summary['pages']}")
    print(f"ocr_page: {summary['pages_per_second']} pages/s wall, {summary['pages_per_cpu_second']} pages per CPU-second; "
          f"with tables {summary['pages_per_second_with_tables']}, without {summary['pages_per_second_without_tables']} pages/s")  # fmt: skip
    for row in report.get("end_to_end", []):
        print(f"extract_file {row['file']}: {row['pages']} pages in {row['seconds']} s = {row['pages_per_second']} pages/s, "
              f"{row['tasks']} tasks ({row['status']})")  # fmt: skip
    print(f"load average before {report['load_average']['before']}, after {report['load_average']['after']}; report: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
