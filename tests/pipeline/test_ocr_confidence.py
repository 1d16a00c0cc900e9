"""Tasks read from OCR'd text carry its confidence; doubtful ones are named in a warning."""

from __future__ import annotations

from typing import Any

from extractors.document import Cell, Document, InputFormat, Paragraph, Table
from pipeline.ocr_confidence import LOW_CONFIDENCE, mark_ocr_confidence


def _notice(*requirements: str) -> dict[str, Any]:
    tasks = [{"task_id": f"0123456789abcdef-{i + 1:03d}", "requirement": r} for i, r in enumerate(requirements)]
    return {"tasks": tasks, "warnings": []}


def test_a_table_task_takes_the_lowest_confidence_of_its_row() -> None:
    """
    +----------------------+------------------+--------+
    | 工作任务              | 责任单位          | 完成时限 |
    +----------------------+------------------+--------+
    | 公开财政预决算信息。    | 市财政局 (0.62)   | 全年    |
    +----------------------+------------------+--------+
    | 做好政策解读工作。      | 市政府办公室       | 全年    |
    +----------------------+------------------+--------+
    """
    table = Table(
        cells=(
            Cell(0, 0, "工作任务", confidence=0.99), Cell(0, 1, "责任单位", confidence=0.99), Cell(0, 2, "完成时限", confidence=0.99),
            Cell(1, 0, "公开财政预决算信息。", confidence=0.97), Cell(1, 1, "市财政局", confidence=0.62), Cell(1, 2, "全年", confidence=0.99),
            Cell(2, 0, "做好政策解读工作。", confidence=0.95), Cell(2, 1, "市政府办公室", confidence=0.98), Cell(2, 2, "全年", confidence=0.9),
        ),
        n_rows=3, n_cols=3,
    )  # fmt: skip
    notice = _notice("公开财政预决算信息", "做好政策解读工作")
    mark_ocr_confidence(notice, Document(blocks=(table,), format=InputFormat.IMAGE))
    assert [task["ocr_confidence"] for task in notice["tasks"]] == [0.62, 0.9]
    [warning] = notice["warnings"]
    assert warning.startswith("low_ocr_confidence: 1 of 2 tasks") and "0123456789abcdef-001" in warning
    assert "-002" not in warning


def test_a_text_task_takes_its_paragraphs_confidence_across_scripts() -> None:
    document = Document(
        blocks=(Paragraph("（一）完善政務公開事項標準目錄。對照試點領域標準指引進行梳理。", confidence=0.93),),
        format=InputFormat.PDF,
    )
    notice = _notice("完善政务公开事项标准目录。对照试点领域标准指引进行梳理。", "从未出现在文中的任务")
    mark_ocr_confidence(notice, document)
    assert notice["tasks"][0]["ocr_confidence"] == 0.93
    assert "ocr_confidence" not in notice["tasks"][1]
    assert notice["warnings"] == []
    assert LOW_CONFIDENCE > 0.5


def test_notices_not_read_by_ocr_are_left_unchanged() -> None:
    document = Document(blocks=(Paragraph("完善政务公开事项标准目录。"),), format=InputFormat.DOCX)
    notice = _notice("完善政务公开事项标准目录。")
    mark_ocr_confidence(notice, document)
    assert notice == _notice("完善政务公开事项标准目录。")
