"""The notice JSON: the versioned contract that downstream systems import."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractors.document import Attachment
from extractors.model import Deadline, Notice, Task

SCHEMA_VERSION = "1.0"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a notice came from: its path relative to the corpus, format and content hash."""

    path: str
    format: str
    sha256: str

    @property
    def notice_id(self) -> str:
        """Stable across runs and machines: derived from the file's content only."""
        return self.sha256[:16]


def task_id(notice_id: str, index: int) -> str:
    return f"{notice_id}-{index + 1:03d}"


def _deadline_json(deadline: Deadline) -> dict[str, Any]:
    return {
        "raw": deadline.raw,
        "kind": deadline.kind.value,
        "due": deadline.due.isoformat() if deadline.due else None,
        "start": deadline.start.isoformat() if deadline.start else None,
        "all_due": [due.isoformat() for due in deadline.all_due],
    }


def _task_json(task: Task, notice_id: str, index: int) -> dict[str, Any]:
    return {
        "task_id": task_id(notice_id, index),
        "section": list(task.section),
        "requirement": task.requirement,
        "units": [
            {"name": u.name, "role": u.role.value, "collective": u.collective, "canonical": u.canonical}
            for u in task.units
        ],
        "deadline": _deadline_json(task.deadline),
        "origin": task.origin.value,
    }


def notice_text(notice_json: dict[str, Any]) -> str:
    """The notice JSON as a file's text: indented by one space, so that a diff shows what changed."""
    return json.dumps(notice_json, ensure_ascii=False, indent=1) + "\n"


def notice_to_json(notice: Notice, source: Source, attachments: tuple[Attachment, ...] = ()) -> dict[str, Any]:
    """The notice JSON, field names as documented in the README; new fields only ever added."""
    meta = notice.metadata
    return {
        "schema_version": SCHEMA_VERSION,
        "notice_id": source.notice_id,
        "source": {"path": source.path, "format": source.format, "sha256": source.sha256},
        "title": meta.title,
        "issuer": meta.issuer,
        "doc_number": meta.doc_number,
        "region": meta.region,
        "year": meta.year,
        "signed": meta.signed.isoformat() if meta.signed else None,
        "published": meta.published.isoformat() if meta.published else None,
        "region_level": meta.region_level,
        "province": meta.province,
        "sections": [
            {"number": s.number, "level": s.level, "title": s.title, "path": list(s.path), "text": s.text}
            for s in notice.sections
        ],
        "tasks": [_task_json(task, source.notice_id, i) for i, task in enumerate(notice.tasks)],
        "attachments": [{"title": a.title, "url": a.url} for a in attachments],
        "warnings": list(notice.warnings),
    }
