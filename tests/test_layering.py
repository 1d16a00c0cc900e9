"""Imports flow one way: normalizers ← extractors ← pipeline; only readers touch file formats."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

FORMAT_LIBRARIES = {"pdfplumber", "pdfminer", "pypdfium2", "docx", "bs4", "lxml", "openpyxl",
                    "xlrd", "olefile", "rapidocr", "onnxruntime", "cv2"}  # fmt: skip


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def _modules(package: str) -> list[Path]:
    return sorted((ROOT / package).rglob("*.py"))


@pytest.mark.parametrize("path", _modules("normalizers"), ids=lambda p: p.name)
def test_normalizers_import_nothing_of_ours(path: Path) -> None:
    assert not _imports(path) & {"extractors", "pipeline"}


@pytest.mark.parametrize("path", _modules("extractors"), ids=lambda p: p.name)
def test_extractors_never_import_the_pipeline(path: Path) -> None:
    assert "pipeline" not in _imports(path)


@pytest.mark.parametrize("path", [*_modules("extractors"), *_modules("pipeline")], ids=lambda p: p.name)
def test_only_readers_import_format_libraries(path: Path) -> None:
    if path.parent.name == "readers":
        return
    assert not _imports(path) & FORMAT_LIBRARIES
