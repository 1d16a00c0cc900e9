"""The throughput benchmark's generated files are real notices the pipeline reads.

Only the generators of ``benchmarks/throughput.py`` run here, on small sizes; nothing is timed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.throughput import (
    LINHAI_BODY_PAGES,
    LINYI_BODY_PAGES,
    LINYI_TABLE_PAGES,
    OTHER_REGIONS,
    YEAR_SHIFTS,
    bundled_samples,
    pdf_pages,
    write_concatenated_text,
    write_docx_repeated_table,
    write_html_repeated_rows,
    write_pdf_of_pages,
    write_variants,
    write_xlsx_repeated_rows,
)
from extractors.document import Table
from extractors.notice import ExtractionSettings
from extractors.readers import read_document
from pipeline.extract import extract_file
from tests.conftest import NOTICES

SAMPLES = bundled_samples(NOTICES)


def _tasks(path: Path, corpus: Path) -> list[dict[str, object]]:
    result = extract_file(path, corpus, ExtractionSettings())
    assert result.notice is not None, result.message
    return result.notice["tasks"]


def _has_table(path: Path) -> bool:
    return any(isinstance(block, Table) for block in read_document(path).blocks)


@pytest.mark.parametrize("file_format", ["txt", "html", "docx", "xlsx"])
def test_variants_are_notices_of_another_region_and_year(file_format: str, tmp_path: Path) -> None:
    sources = SAMPLES[file_format]
    for index, variant in enumerate(write_variants(sources, tmp_path, count=2)):
        read_document(variant)
        result = extract_file(variant, tmp_path, ExtractionSettings())
        original = extract_file(sources[index % len(sources)], NOTICES, ExtractionSettings())
        assert result.notice is not None and original.notice is not None
        assert result.notice["tasks"]
        assert str(result.notice["region"]).startswith(OTHER_REGIONS[index])
        assert result.notice["year"] == original.notice["year"] + YEAR_SHIFTS[index]


@pytest.mark.parametrize(
    ("sample", "write"),
    [
        ("linyi-2023.html", write_html_repeated_rows),
        ("linyi-2023.docx", write_docx_repeated_table),
        ("linyi-2023-table.xlsx", write_xlsx_repeated_rows),
    ],
)
def test_repeated_table_multiplies_the_tasks(sample: str, write: Callable[..., Path], tmp_path: Path) -> None:
    source = NOTICES / "samples" / sample
    repeated = write(source, tmp_path / f"3x-{sample}", times=3)
    assert len(_tasks(repeated, tmp_path)) == 3 * len(_tasks(source, NOTICES))


def test_concatenated_seeds_hold_more_tasks_than_any_seed(tmp_path: Path) -> None:
    concatenated = write_concatenated_text(SAMPLES["txt"], tmp_path / "all.txt")
    assert len(_tasks(concatenated, tmp_path)) > max(len(_tasks(seed, NOTICES)) for seed in SAMPLES["txt"])


def test_table_pdf_has_only_table_pages_and_body_pdf_none(tmp_path: Path) -> None:
    linyi, linhai = NOTICES / "samples" / "linyi-2023.pdf", NOTICES / "samples" / "linhai-2020.pdf"
    tables = write_pdf_of_pages([(linyi, LINYI_TABLE_PAGES)], tmp_path / "tables.pdf", pages=12)
    body = write_pdf_of_pages([(linyi, LINYI_BODY_PAGES), (linhai, LINHAI_BODY_PAGES)], tmp_path / "body.pdf", pages=12)
    assert pdf_pages(tables) == pdf_pages(body) == 12
    assert tables.stat().st_size < linyi.stat().st_size  # fonts shared, not copied per page
    assert _has_table(tables) and not _has_table(body)
    assert _tasks(tables, tmp_path) and _tasks(body, tmp_path)
