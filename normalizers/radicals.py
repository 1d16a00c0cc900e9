"""Radical and compatibility code points that PDFs emit for ordinary characters.

A PDF's ToUnicode map can name a glyph by the code point of a radical instead of the character
it draws: 2022年12⽉底前 (U+2F49 KANGXI RADICAL MOON), 各镇人⺠政府 (U+2EA0 CJK RADICAL CIVILIAN).
The text reads right but matches nothing: no date, no unit name. Kangxi radicals (U+2F00–U+2FD5)
and CJK compatibility ideographs (U+F900–U+FAFF) have compatibility decompositions (NFKC); the
CJK Radicals Supplement (U+2E80–U+2EF3) has none, so its simplified-form radicals that stand
for whole characters are mapped here by hand.
"""

from __future__ import annotations

import re
import unicodedata

# Radicals Supplement forms and the characters they draw (component-only forms such as 亻 or 氵
# are mapped to the component ideograph, closer than the radical).
_SUPPLEMENT = dict(
    zip(
        "⺁⺄⺅⺆⺇⺉⺊⺌⺍⺐⺒⺓⺕⺖⺘⺙⺜⺝⺟⺠⺡⺣⺧⺨⺩⺬⺭⺮⺰⺶⺷⺽⻁⻂⻄⻅⻆⻈⻉⻊⻋⻌⻏⻐⻑⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻠⻢⻣⻤⻥⻦⻧⻨⻩⻬⻮⻰⻳",
        "厂乙亻冂几刂卜小小尢巳幺彐忄扌攵日月母民氵灬牛犭王示礻竹纟羊羊臼虎衤西见角讠贝足车辶阝钅長长门阝雨青韦页风飞食饣马骨鬼鱼鸟卤麦黄齐齿龙龟",
        strict=True,
    )
)
_RANGES = ((0x2F00, 0x2FD6), (0xF900, 0xFB00))
_COMPATIBILITY = {
    chr(code): folded
    for start, stop in _RANGES
    for code in range(start, stop)
    if len(folded := unicodedata.normalize("NFKC", chr(code))) == 1 and folded != chr(code)
}
_FOLDS = {**_COMPATIBILITY, **_SUPPLEMENT}
_TO_FOLD = re.compile("[\u2e80-\u2fdf\uf900-\ufaff]")


def fold_radicals(text: str) -> str:
    """Write radicals and compatibility ideographs as the characters they stand for.

    >>> fold_radicals("2022年12⽉底前,各镇人⺠政府,⻓效机制")
    '2022年12月底前,各镇人民政府,长效机制'
    """
    if not _TO_FOLD.search(text):
        return text  # nearly every line: one search
    return _TO_FOLD.sub(lambda match: _FOLDS.get(match.group(), match.group()), text)
