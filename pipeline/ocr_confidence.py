"""Tasks read from OCR'd text carry the recogniser's confidence, and the doubtful ones are named.

The readers keep OCR's confidence on every paragraph and table cell they recognised (the lowest
of its lines). Extraction does not track which block a task came from, so a task is traced back
by its text: the paragraph, or the table row, that holds the start of its requirement. A table
row's confidence is that of its least sure cell, since units and deadline come from the row too.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from extractors.document import Document, Paragraph
from pipeline.evaluate import comparable

# Below this, a task is listed in the notice's warnings for a person to check against the scan.
LOW_CONFIDENCE = 0.8
# How much of a requirement's start identifies where it came from.
_KEY_CHARS = 12
_MAX_LISTED = 10


def _sources(document: Document) -> Iterator[tuple[str, float]]:
    """(comparable text, confidence) of every recognised paragraph and table row."""
    for block in document.blocks:
        if isinstance(block, Paragraph):
            if block.confidence is not None:
                yield comparable(block.text), block.confidence
            continue
        for row in block.grid():
            cells = {id(cell): cell for cell in row if cell is not None}.values()
            scores = [cell.confidence for cell in cells if cell.confidence is not None]
            if scores:
                yield comparable("\n".join(cell.text for cell in cells)), min(scores)


def mark_ocr_confidence(notice_json: dict[str, Any], document: Document) -> None:
    """Set ``ocr_confidence`` on each task of ``notice_json`` that comes from recognised text,
    and add a ``low_ocr_confidence`` warning naming the tasks below ``LOW_CONFIDENCE``."""
    sources = list(_sources(document))
    if not sources:
        return
    low: list[str] = []
    for task in notice_json["tasks"]:
        key = comparable(task["requirement"])[:_KEY_CHARS]
        scores = [score for text, score in sources if key and key in text]
        if not scores:
            continue
        task["ocr_confidence"] = round(min(scores), 3)
        if task["ocr_confidence"] < LOW_CONFIDENCE:
            low.append(task["task_id"])
    if low:
        listed = ", ".join(low[:_MAX_LISTED]) + (" …" if len(low) > _MAX_LISTED else "")
        notice_json["warnings"].append(
            f"low_ocr_confidence: {len(low)} of {len(notice_json['tasks'])} tasks come from text OCR read with "
            f"confidence below {LOW_CONFIDENCE:.2f} ({listed}); check them against the scan"
        )
