"""Place names: the city, county or zone a notice governs.

jieba's dictionary tags place names (``ns``); a place is kept when it ends with the suffix of an
administrative level (省, 市, 区, 县, 州, 盟, 旗) or of a zone (新区, 开发区, 园区, 示范区).
"""

from __future__ import annotations

import logging
import re
from functools import cache, lru_cache

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

DIVISION_SUFFIX = re.compile(
    r"(省|自治区|市|自治州|州|地区|盟|县|自治县|旗|区|新区|开发区|高新区|园区|示范区|试验区|保税区)$"
)
# Words with a division suffix that name no particular place.
_GENERIC = frozenset(
    "全市 本市 我市 各市 市区 城区 社区 园区 地区 辖区 新区 景区 小区 街区 校区 片区 全区 本区 我区 各区 "
    "全县 本县 我县 各县 全省 本省 我省 各省 市县 县区 省市 城市 都市 开发区 示范区 县市区 市州 自治区 "
    "山区 库区 湖区 牧区 林区 矿区 灾区 老区 禁区 城市群 全州 本州".split()
)
_INSTITUTION = re.compile(
    r"(人民政府|政府|办公室|办公厅|管理委员会|管委会|管委|党工委|工委|委员会|局|委|厅|办|署|中心|院|所|站|队)$"
)
_SUFFIX_CHARS = re.compile(r"(?:省|市|区|县|州|盟|旗)")
# A government body that directly follows its place: 浙江省|人民政府办公厅.
_GOVERNMENT = re.compile(r"^(人民政府|政府|管理委员会|管委会|管委|党工委|委员会)")


def _is_place(word: str) -> bool:
    return (
        len(word) >= 2
        and word not in _GENERIC
        and not word.startswith(("各", "本", "全", "我", "该", "外"))
        and bool(DIVISION_SUFFIX.search(word))
    )


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[tuple[str, str], ...]:
    return tuple((pair.word, pair.flag) for pair in jieba.posseg.cut(text, HMM=False))


def region_of_issuer(issuer: str) -> str | None:
    """The place part of an issuing body's name.

    The cut falls at a word boundary after a division suffix and leaves an institution name,
    so 宿迁市市场监督管理局 gives 宿迁市, not 宿迁市市.

    >>> region_of_issuer("郑州经济技术开发区管理委员会办公室")
    '郑州经济技术开发区'
    >>> region_of_issuer("临沂市人民政府办公室"), region_of_issuer("宿迁市市场监督管理局")
    ('临沂市', '宿迁市')
    """
    boundaries, position = [], 0
    for word, _ in _segment(issuer):
        position += len(word)
        boundaries.append(position)
    for cut in reversed(boundaries[:-1]):
        prefix, rest = issuer[:cut], issuer[cut:]
        if _is_place(prefix) and _INSTITUTION.search(rest):
            return prefix
    # jieba keeps some names whole (浙江省人民政府): cut before the government body instead.
    for match in _SUFFIX_CHARS.finditer(issuer):
        prefix, rest = issuer[: match.end()], issuer[match.end() :]
        if _is_place(prefix) and _GOVERNMENT.match(rest) and _INSTITUTION.search(rest):
            return prefix
    return None


@cache
def _place_words() -> frozenset[str]:
    tags = jieba.posseg.dt.word_tag_tab
    if not tags:
        jieba.posseg.dt.tokenizer.initialize()
        tags = jieba.posseg.dt.word_tag_tab
    return frozenset(word for word, tag in tags.items() if tag == "ns")


def find_regions(text: str) -> list[str]:
    """Place names in ``text`` with an administrative suffix, in order of appearance.

    >>> find_regions("主动公开宿迁市“十四五”科技创新规划,全市推进")
    ['宿迁市']
    """
    places = _place_words()
    found: list[str] = []
    for match in _SUFFIX_CHARS.finditer(text):
        end = match.end()
        for start in range(max(0, end - 9), end - 1):
            name = text[start:end]
            if (name in places or name[:-1] in places) and _is_place(name):
                found.append(name)
                break
    return list(dict.fromkeys(found))
