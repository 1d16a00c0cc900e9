"""Canonical unit names: the same body under its different spellings within a region."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.unit_names import AliasEntry, UnitAliases, canonical_name, load_aliases
from tests.conftest import CORPUS

BUNDLED = load_aliases(CORPUS / "unit_aliases.csv")


@pytest.mark.parametrize(
    ("name", "region", "canonical"),
    [
        ("市人社局", "临沂市", "市人力资源社会保障局"),
        ("市人力资源和社会保障局", "临沂市", "市人力资源社会保障局"),
        ("临沂市人力资源社会保障局", "临沂市", "市人力资源社会保障局"),
        ("市住房和城乡建设局", "青岛市", "市住房城乡建设局"),
        ("市住建局", "青岛市", "市住房城乡建设局"),
        ("区卫健委", "黄埔区", "区卫生健康委"),
        ("市场监管局", "宿迁市", "市场监督管理局"),  # 市场 is not a 市 prefix
        ("市市场监管局", "宿迁市", "市市场监督管理局"),
        ("台州市生态环境局临海分局", "临海市", "台州市生态环境局临海分局"),  # another city's body
        ("各县区政府(管委会)", "临沂市", "各县区政府(管委会)"),
        ("市委宣传部", "临沂市", "市委宣传部"),
    ],
)
def test_bundled_aliases_and_rules_give_one_canonical_name(name: str, region: str, canonical: str) -> None:
    assert canonical_name(name, region, BUNDLED) == canonical


def test_region_specific_alias_applies_only_in_its_region() -> None:
    aliases = UnitAliases((AliasEntry("临海市", "公管办", "公共资源交易管理办公室"),))
    assert canonical_name("市公管办", "临海市", aliases) == "市公共资源交易管理办公室"
    assert canonical_name("市公管办", "台州市", aliases) == "市公管办"


def test_alias_file_without_required_columns_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text("alias,canonical\n人社局,人力资源社会保障局\n", encoding="utf-8")
    with pytest.raises(ValueError, match="region"):
        load_aliases(path)
