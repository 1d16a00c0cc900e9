"""The one error a reader raises for input it cannot read."""

from __future__ import annotations

from pathlib import Path


class ReaderError(Exception):
    """A file that cannot be read as a notice: corrupt, encrypted, empty or unsupported.

    Bad input is data, not a bug: the pipeline records it as a status row and goes on.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
