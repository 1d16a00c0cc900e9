"""Small JSON files of a run (counts, metrics, the commit journal), written readable and atomically.

Kept apart from the writers so that ``notice-tasks eval`` writes its metrics without importing
pyarrow and the output writers.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any


def write_json(data: Any, path: Path) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_json_atomic(data: Any, path: Path) -> None:
    """Write JSON to a temporary file beside ``path`` and rename it; ``recover_outputs``
    (``pipeline.writers``) deletes the temporary file of a killed process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write_json(data, temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
