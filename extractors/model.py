"""What extraction produces: a notice with its metadata, section tree and tasks.

Field names equal those of the gold files and of the notice JSON contract, so output, gold and
tests speak one language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum


class UnitRole(str, Enum):
    LEAD = "lead"
    RESPONSIBLE = "responsible"
    COOPERATE = "cooperate"


class DeadlineKind(str, Enum):
    DATE = "date"
    YEAR_ROUND = "year_round"
    ONGOING = "ongoing"
    PERIODIC = "periodic"
    RELATIVE = "relative"
    NONE = "none"


class TaskOrigin(str, Enum):
    TABLE = "table"
    TEXT = "text"


@dataclass(frozen=True, slots=True)
class Unit:
    """A body responsible for a task, its name as written; ``collective`` marks 各县区政府,
    市政府各部门 and the like; ``canonical`` is the name it is counted under in its region."""

    name: str
    role: UnitRole
    collective: bool = False
    canonical: str = ""


@dataclass(frozen=True, slots=True)
class Deadline:
    """A typed deadline; ``due`` is a real date for ``date`` and ``year_round``, else None.

    ``start`` is the beginning of a span (2023年3月至6月); ``all_due`` keeps every date of a
    cell with several (6月底前启动, 12月底前完成), ``due`` being the last.
    """

    raw: str
    kind: DeadlineKind
    due: date | None = None
    start: date | None = None
    all_due: tuple[date, ...] = ()


NO_DEADLINE = Deadline(raw="", kind=DeadlineKind.NONE)


@dataclass(frozen=True, slots=True)
class Section:
    """A numbered work point (一、 / (一) / 1. / (1)) with its ancestors' headings as ``path``."""

    number: str
    level: int
    title: str
    path: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class Task:
    section: tuple[str, ...]
    requirement: str
    units: tuple[Unit, ...]
    deadline: Deadline
    origin: TaskOrigin


@dataclass(frozen=True, slots=True)
class NoticeMetadata:
    title: str | None = None
    issuer: str | None = None
    doc_number: str | None = None
    region: str | None = None
    year: int | None = None
    signed: date | None = None
    published: date | None = None
    region_level: str | None = None  # province, prefecture, city, district, county, zone
    province: str | None = None


@dataclass(frozen=True, slots=True)
class Notice:
    """Everything extracted from one document; the pipeline adds ids and the source."""

    metadata: NoticeMetadata
    sections: tuple[Section, ...]
    tasks: tuple[Task, ...]
    warnings: tuple[str, ...] = field(default=())
