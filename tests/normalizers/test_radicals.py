"""Radical code points that PDFs emit for whole characters read as those characters."""

from __future__ import annotations

import unicodedata

import pytest

from normalizers.radicals import fold_radicals
from normalizers.text import normalize_line

CASES = [
    ("2022年12\u2f49底前", "2022年12月底前", "kangxi-moon-in-a-date"),
    ("各镇人\u2ea0政府", "各镇人民政府", "supplement-civilian-in-a-unit"),
    ("\u2ed3效机制,\u2ec5效", "长效机制,见效", "supplement-simplified-forms"),
    ("\u2f08\u2f2f", "人工", "kangxi-person-and-work"),
    ("\uf90a", "金", "compatibility-ideograph"),
    ("市人民政府", "市人民政府", "ordinary-text-unchanged"),
    ("⺀", "⺀", "radical-without-a-character-kept"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in CASES], ids=[c[2] for c in CASES])
def test_fold_radicals(text: str, expected: str) -> None:
    assert fold_radicals(text) == expected


def test_every_kangxi_radical_folds_to_a_unified_ideograph() -> None:
    for code in range(0x2F00, 0x2FD6):
        folded = fold_radicals(chr(code))
        assert "CJK UNIFIED IDEOGRAPH" in unicodedata.name(folded), hex(code)


def test_normalize_line_folds_radicals_before_simplifying() -> None:
    assert normalize_line("\u2ed1期坚持") == "长期坚持"  # ⻑ (長) → 長 → 长
