"""Bounds on what one input file may cost, so that a broken or crafted file fails fast.

The corpus comes from thousands of websites: a 2 GB "notice", a zip that unpacks to terabytes,
a table of a million rows or a PDF of 10,000 pages is an error row with a reason, not a run that
swaps or never ends. The defaults are far above any real notice (a few pages, a few hundred
table rows) and are set in ``params.yaml`` under ``limits:``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from extractors.readers.errors import ReaderError

_MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The most one file may hold or take; ``params.yaml`` ``limits:`` sets each field."""

    max_file_mb: float = 50.0  # bytes on disk
    max_pages: int = 500  # pages of a PDF
    max_decompressed_mb: float = 100.0  # all parts of a .docx/.xlsx zip, unpacked
    max_compression_ratio: float = 200.0  # unpacked / packed size of one zip part over 1 MB
    max_table_rows: int = 10_000  # rows of one table or worksheet
    seconds_per_notice: float = 60.0  # reading and extracting one file

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * _MB)

    @property
    def max_decompressed_bytes(self) -> int:
        return int(self.max_decompressed_mb * _MB)

    def as_dict(self) -> dict[str, float | int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


DEFAULT_LIMITS = Limits()


def limits_from_mapping(values: dict[str, Any]) -> Limits:
    """Limits from a ``limits:`` mapping; an unknown key or a value that is not a positive
    number raises ``ValueError`` naming the key."""
    known = {f.name: f for f in fields(Limits)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}; allowed: {', '.join(known)}")
    checked: dict[str, float | int] = {}
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            raise ValueError(f"{name} must be a positive number, got {value!r}")
        if known[name].type == "int":
            if not float(value).is_integer():
                raise ValueError(f"{name} must be a whole number, got {value!r}")
            value = int(value)
        checked[name] = value
    return Limits(**checked)  # type: ignore[arg-type]


def size_mb(size: int) -> str:
    """A byte count as people read it: 104857600 → "100 MB"."""
    return f"{size / _MB:,.0f} MB" if size >= _MB else f"{size / 1024:,.0f} KB"


def check_file_size(path: Path, size: int, limits: Limits) -> None:
    """Refuse a file larger than ``limits.max_file_mb`` before any of it is read."""
    if size > limits.max_file_bytes:
        raise ReaderError(
            path,
            f"the file is {size_mb(size)}, above limits.max_file_mb = {limits.max_file_mb:g} MB; "
            "no notice is that large: check it is the right file, or raise the limit in params.yaml",
        )


def check_table_rows(path: Path, rows: int, limits: Limits, where: str = "a table") -> None:
    """Refuse a table longer than ``limits.max_table_rows``."""
    if rows > limits.max_table_rows:
        raise too_many_rows(path, limits, where)


def too_many_rows(path: Path, limits: Limits, where: str = "a table") -> ReaderError:
    return ReaderError(
        path,
        f"{where} has more than {limits.max_table_rows:,} rows (limits.max_table_rows); "
        "a task list is never that long: check the file, or raise the limit in params.yaml",
    )
