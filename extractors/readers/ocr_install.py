"""Whether the ``ocr`` extra is installed, told without importing it or the OCR reader.

The per-notice cache key includes this (``extractors.readers.optional_tools``), so every run asks;
importing the OCR reader for that (PDFium bindings, table geometry) cost ~50 ms a run.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

# The models inside the rapidocr 3.10 wheel (rapidocr/models/), named by path so that the
# library never looks for them elsewhere or fetches them.
MODELS = {
    "Det.model_path": "PP-OCRv6_det_small.onnx",
    "Rec.model_path": "PP-OCRv6_rec_small.onnx",
    "Cls.model_path": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
_OCR_MODULES = ("rapidocr", "onnxruntime", "cv2")
INSTALL_HINT = "install the OCR extra to read it: pip install 'notice-tasks[ocr]'"


def ocr_available() -> bool:
    """Whether the ``ocr`` extra is installed with its bundled models (checked without importing it)."""
    if not all(importlib.util.find_spec(name) is not None for name in _OCR_MODULES):
        return False
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or spec.origin is None:
        return False
    models = Path(spec.origin).parent / "models"
    return all((models / name).is_file() for name in MODELS.values())
