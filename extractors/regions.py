"""Place names: the city, county or zone a notice governs.

jieba's dictionary tags place names (``ns``); a place is kept when it ends with the suffix of an
administrative level (省, 市, 区, 县, 州, 盟, 旗; a town's 镇, 乡, 街道 only in an issuer's name) or
of a zone (新区, 开发区, 园区, 示范区).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache
from itertools import accumulate

from extractors import segmenter

DIVISION_SUFFIX = re.compile(
    r"(省|自治区|市|自治州|州|地区|盟|县|自治县|旗|区|新区|开发区|高新区|园区|示范区|试验区|保税区|镇|乡|街道)$"
)
# The town level (周市镇, 溪口乡, 湖南路街道): a place only where a town's government follows it,
# since the same endings close common words (城乡建设局, 城镇燃气).
_TOWN_SUFFIX = re.compile(r"(镇|乡|街道)$")
# Words with a division suffix that name no particular place.
_GENERIC = frozenset(
    "全市 本市 我市 各市 市区 城区 社区 园区 地区 辖区 新区 景区 小区 街区 校区 片区 全区 本区 我区 各区 "
    "全县 本县 我县 各县 全省 本省 我省 各省 市县 县区 省市 城市 都市 开发区 示范区 县市区 市州 自治区 "
    "山区 库区 湖区 牧区 林区 矿区 灾区 老区 禁区 城市群 全州 本州 "
    "城乡 乡镇 城镇 村镇 小镇 集镇 重镇 街道".split()
)
_INSTITUTION = re.compile(
    r"(人民政府|政府|办公室|办公厅|管理委员会|管委会|管委|党工委|工委|委员会|办事处|局|委|厅|办|署|中心|院|所|站|队)$"
)
_SUFFIX_CHARS = re.compile(r"(?:省|市|区|县|州|盟|旗)")
_ISSUER_SUFFIX = re.compile(r"(?:省|市|区|县|州|盟|旗|镇|乡|街道)")
# A government body that directly follows its place: 浙江省|人民政府办公厅, 湖南路街道|办事处.
_GOVERNMENT = re.compile(r"^(人民政府|政府|管理委员会|管委会|管委|党工委|委员会|办事处)")


def _is_place(word: str) -> bool:
    return (
        len(word) >= 2
        and word not in _GENERIC
        and not word.startswith(("各", "本", "全", "我", "该", "外"))
        and bool(DIVISION_SUFFIX.search(word))
    )


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[tuple[str, str], ...]:
    """jieba's words and tags; the tagger loads on first use, so a run served from the cache never loads it."""
    return tuple(segmenter.tag(text))


def region_of_issuer(issuer: str) -> str | None:
    """The place part of an issuing body's name.

    The cut falls at a word boundary after a division suffix and leaves an institution name,
    so 宿迁市市场监督管理局 gives 宿迁市, not 宿迁市市.

    >>> region_of_issuer("郑州经济技术开发区管理委员会办公室")
    '郑州经济技术开发区'
    >>> region_of_issuer("临沂市人民政府办公室"), region_of_issuer("宿迁市市场监督管理局")
    ('临沂市', '宿迁市')
    >>> region_of_issuer("周市镇人民政府"), region_of_issuer("昆山市住房和城乡建设局")
    ('周市镇', '昆山市')
    """
    boundaries, position = [], 0
    for word, _ in _segment(issuer):
        position += len(word)
        boundaries.append(position)
    for cut in reversed(boundaries[:-1]):
        prefix, rest = issuer[:cut], issuer[cut:]
        town_ok = not _TOWN_SUFFIX.search(prefix) or _GOVERNMENT.match(rest)
        if _is_place(prefix) and _INSTITUTION.search(rest) and town_ok:
            return prefix
    # jieba keeps some names whole (浙江省人民政府): cut before the government body instead.
    for match in _ISSUER_SUFFIX.finditer(issuer):
        prefix, rest = issuer[: match.end()], issuer[match.end() :]
        if _is_place(prefix) and _GOVERNMENT.match(rest) and _INSTITUTION.search(rest):
            return prefix
    return None


@cache
def _place_words() -> frozenset[str]:
    return frozenset(word for word, tag in segmenter.word_tags().items() if tag == "ns")


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
                # 泉州 ends in 州 but is written 泉州市: take the city's full name when it follows.
                if end < len(text) and text[end] in "市县区" and name + text[end] in places:
                    name += text[end]
                found.append(name)
                break
    return list(dict.fromkeys(found))


# The provincial-level divisions, full name first, then the short forms texts use.
PROVINCES: tuple[tuple[str, ...], ...] = (
    ("北京市", "北京", "京"), ("天津市", "天津", "津"), ("上海市", "上海", "沪"), ("重庆市", "重庆", "渝"),
    ("河北省", "河北", "冀"), ("山西省", "山西", "晋"), ("辽宁省", "辽宁", "辽"), ("吉林省", "吉林", "吉"),
    ("黑龙江省", "黑龙江", "黑"), ("江苏省", "江苏", "苏"), ("浙江省", "浙江", "浙"), ("安徽省", "安徽", "皖"),
    ("福建省", "福建", "闽"), ("江西省", "江西", "赣"), ("山东省", "山东", "鲁"), ("河南省", "河南", "豫"),
    ("湖北省", "湖北", "鄂"), ("湖南省", "湖南", "湘"), ("广东省", "广东", "粤"), ("海南省", "海南", "琼"),
    ("四川省", "四川", "川"), ("贵州省", "贵州", "黔"), ("云南省", "云南", "滇"), ("陕西省", "陕西", "陕"),
    ("甘肃省", "甘肃", "甘"), ("青海省", "青海"), ("台湾省", "台湾"),
    ("内蒙古自治区", "内蒙古", "蒙"), ("广西壮族自治区", "广西", "桂"), ("西藏自治区", "西藏", "藏"),
    ("宁夏回族自治区", "宁夏"), ("新疆维吾尔自治区", "新疆"),
    ("香港特别行政区", "香港"), ("澳门特别行政区", "澳门"),
)  # fmt: skip
# Names of two characters or more: one-character forms (苏, 浙) only occur in document numbers.
_PROVINCE_NAME = re.compile("|".join(sorted({n for names in PROVINCES for n in names if len(n) >= 2}, key=len, reverse=True)))
_FULL_NAME = {name: names[0] for names in PROVINCES for name in names}
# 苏政办发〔2022〕15号: a document number's first character names its province (宁, 青 and 新
# are left out: 南京, 青岛 and 新乡 use them too).
_DOC_NUMBER_PROVINCE = {name: names[0] for names in PROVINCES for name in names[2:]}

_LEVELS = (
    ("zone", re.compile(r"(开发区|新区|园区|示范区|试验区|保税区|高新区|合作区)$")),
    ("province", re.compile(r"(省|自治区|特别行政区)$|^(北京|天津|上海|重庆)市$")),
    ("prefecture", re.compile(r"(自治州|地区|盟|州)$")),
    ("district", re.compile(r"区$")),
    ("county", re.compile(r"(县|旗)$")),
    ("city", re.compile(r"市$")),
)


def region_level(region: str | None) -> str | None:
    """The administrative level of a region: province, prefecture, city, district, county or zone.

    >>> [region_level(r) for r in ("浙江省", "临沂市", "黄埔区", "临海市", "郑州经济技术开发区", "上海市")]
    ['province', 'city', 'district', 'city', 'zone', 'province']
    """
    if not region:
        return None
    return next((level for level, pattern in _LEVELS if pattern.search(region)), None)


def find_province(region: str | None, issuer: str | None, title: str | None,
                  doc_number: str | None, body: list[str]) -> str | None:  # fmt: skip
    """The province the notice shows: in its region, issuer or title, its document number's
    first character (苏政办发), else the province its text names most.

    >>> find_province("宿迁市", None, None, None, ["对江苏工作的重要指示", "宿迁市"])
    '江苏省'
    """
    for text in (region, issuer, title):
        if text and (match := _PROVINCE_NAME.search(text)):
            return _FULL_NAME[match.group(0)]
    # 吉府办字 is 吉安's own number and 黔江府办发 黔江's: a prefix that opens the notice's own
    # (not provincial) region abbreviates that region, not a province.
    own_prefix = bool(region) and region_level(region) != "province" and doc_number is not None and doc_number[:1] == region[:1]
    if doc_number and not own_prefix and doc_number[0] in _DOC_NUMBER_PROVINCE:
        return _DOC_NUMBER_PROVINCE[doc_number[0]]
    counts = Counter(
        _FULL_NAME[match.group(0)] for text in body for match in _PROVINCE_NAME.finditer(text) if _is_a_word(text, match)
    )
    return counts.most_common(1)[0][0] if counts else None


def _is_a_word(text: str, match: re.Match[str]) -> bool:
    """Whether a province's name stands as words of the text: 庐山西海 (庐山|西海) holds no 山西.
    A full name (江西省) need only start a word: jieba keeps 江西省人民政府 in one piece or two."""
    low, high = max(0, match.start() - _WORD_WINDOW), match.end() + _WORD_WINDOW  # the words around it, not the paragraph's
    bounds = {low, *accumulate((len(word) for word, _ in _segment(text[low:high])), initial=low)}
    full = match.group(0).endswith(("省", "自治区", "特别行政区"))
    return match.start() in bounds and (full or match.end() in bounds)


_WORD_WINDOW = 6  # characters each side: enough for jieba to cut the words touching a name
