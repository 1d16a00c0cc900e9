"""The region an issuer governs, down to a town: the place written before its government body."""

from __future__ import annotations

import pytest

from extractors.regions import find_regions, region_level, region_of_issuer

ISSUER_REGIONS = {
    "town-government": ("周市镇人民政府", "周市镇"),
    "township-government": ("溪口乡人民政府", "溪口乡"),
    "town-government-office": ("玉山镇人民政府办公室", "玉山镇"),
    "subdistrict-office": ("湖南路街道办事处", "湖南路街道"),
    "town-keeps-its-written-path": ("昆山市周市镇人民政府", "昆山市周市镇"),
    "district-keeps-its-written-path": ("成都市郫都区人民政府办公室", "成都市郫都区"),
    "city-department-with-城乡-in-its-name": ("昆山市住房和城乡建设局", "昆山市"),
    "county-department-with-乡村-in-its-name": ("兰考县乡村振兴局", "兰考县"),
    "city-office-with-城镇-in-its-name": ("南平市城镇燃气管理办公室", "南平市"),
    "every-town-is-no-place": ("各乡镇人民政府", None),
}


@pytest.mark.parametrize(("issuer", "region"), list(ISSUER_REGIONS.values()), ids=list(ISSUER_REGIONS))
def test_region_of_issuer_down_to_a_town(issuer: str, region: str | None) -> None:
    assert region_of_issuer(issuer) == region


def test_towns_named_in_the_body_do_not_become_the_region() -> None:
    """Body text names towns often (全镇, 各乡镇); only an issuer's name makes a town the region."""
    assert find_regions("苏州市级特色精品乡村,周市镇各村推进") == ["苏州市"]


def test_a_town_has_no_level_of_the_notice_contract() -> None:
    assert region_level("周市镇") is None
