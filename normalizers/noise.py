"""Artefacts that web pages add to notice text: lost characters and pinyin annotations."""

from __future__ import annotations

import re

# A '?' stands where a page lost a character it could not encode (an indent, a bullet, a
# separator): at the start of a line, in runs, or in the middle of text. A '?' before the end
# of a line or a closing quote is a real question mark and stays. Full-width '？' is never
# touched: it is what Chinese text writes for a question.
_LOST_CHARACTER = re.compile(r"^\?+|\?{2,}|\?(?=[\u4e00-\u9fff0-9A-Za-z(（【《“])")
_TONE_VOWELS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# 發(fā)展: pinyin after a character, with at least one tone mark or ü.
_PINYIN_ANNOTATION = re.compile(
    rf"(?<=[\u4e00-\u9fff])[(（](?=[a-z{_TONE_VOWELS}]*[{_TONE_VOWELS}])[a-z{_TONE_VOWELS}]{{1,7}}[)）]"
)


def repair_lost_characters(text: str) -> str:
    """Turn the '?' a page left for a lost character into a space.

    >>> repair_lost_characters("?对照试点领域,发布日期:2020-07-10?09:50??信息来源")
    ' 对照试点领域,发布日期:2020-07-10 09:50 信息来源'
    """
    return _LOST_CHARACTER.sub(" ", text) if "?" in text else text


def strip_pinyin_annotations(text: str) -> str:
    """Drop pinyin that some sites print after characters.

    >>> strip_pinyin_annotations("促进经济发(fā)展（zhǎn）")
    '促进经济发展'
    """
    return _PINYIN_ANNOTATION.sub("", text) if "(" in text or "（" in text else text
