"""Decoding Chinese text of unknown encoding: UTF-8/16 (with or without BOM), GB18030, Big5."""

from __future__ import annotations

import codecs
import re

# Characters frequent in Chinese government prose, in both scripts. Text decoded with the wrong
# codec turns into rare characters, so the share of these tells a right decoding from a wrong one.
_FREQUENT = frozenset(
    "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
    "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
    "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内"
    "数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提"
    "直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计"
    "别她手角期根论运农指几九区强放决西被干做必战先回则任取据处府研质信息市县局委办单位落实推进"
    "們個時來說會為對這麼發經關樣還點動問題開學進現實過應與當無將從業體們門會議務聯區縣辦單織環"
)

_DECLARED_CHARSET = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)

# Pages declared gb2312 or gbk routinely hold characters only GB18030 decodes.
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "hz-gb-2312", "x-gbk", "cp936", "euc-cn"}
_BIG5_FAMILY = {"big5", "big5-hkscs", "big5hkscs", "cp950", "x-big5"}

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_ASCII_UNIT = frozenset([*range(0x20, 0x7F), 0x09, 0x0A, 0x0D])


def bomless_utf16(data: bytes) -> str:
    """``utf-16-be`` or ``utf-16-le`` when the bytes are plainly UTF-16 written without a BOM, else ''.

    An ASCII character (a digit, a mark, CR LF) is the unit ``00 xx`` in big-endian UTF-16 and
    ``xx 00`` in little-endian; a Chinese notice has digits and line breaks, so such units stand
    almost all in one order. Bare NULs prove nothing: CJK units end in 00 too (一 is U+4E00).
    """
    head = data[:4096]
    if b"\x00" not in head:
        return ""  # nearly every file: no NUL, no UTF-16
    head = head[: len(head) // 2 * 2]
    big = sum(1 for i in range(0, len(head), 2) if head[i] == 0 and head[i + 1] in _ASCII_UNIT)
    little = sum(1 for i in range(0, len(head), 2) if head[i + 1] == 0 and head[i] in _ASCII_UNIT)
    if max(big, little) < len(head) // 2 * 0.02 or max(big, little) < 3 * min(big, little):
        return ""
    codec = "utf-16-be" if big > little else "utf-16-le"
    try:
        sample = head.decode(codec)
    except UnicodeDecodeError:
        return ""
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\r\n\f") or "\ue000" <= ch <= "\uf8ff")
    return codec if odd <= len(sample) * 0.01 else ""


def canonical_codec(name: str) -> str:
    """The codec to decode a declared charset with: the GB family as GB18030, Big5 as Big5-HKSCS."""
    lowered = name.strip().lower()
    if lowered in _GB_FAMILY:
        return "gb18030"
    if lowered in _BIG5_FAMILY:
        return "big5hkscs"
    if lowered in {"utf8", "utf-8"}:
        return "utf-8"
    try:
        return codecs.lookup(lowered).name
    except LookupError:
        return ""


def declared_charset(head: bytes) -> str:
    """The charset a page declares in its first bytes (``<meta charset=gbk>``), or ''."""
    match = _DECLARED_CHARSET.search(head)
    return canonical_codec(match.group(1).decode("ascii")) if match else ""


_SAMPLE = 8000  # characters: enough to tell a right decoding from a wrong one
_CJK = re.compile(r"[\u4e00-\u9fff]")
_PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]")
_PLAINLY_RIGHT = 0.35  # a decoding with this share of frequent characters and no private use is right


def _frequency_score(text: str) -> float:
    cjk = _CJK.findall(text[:_SAMPLE])
    if not cjk:
        return 0.0
    return sum(ch in _FREQUENT for ch in cjk) / len(cjk)


def _plausibility(text: str) -> float:
    """The share of frequent characters, less ten times the share of private-use ones (what
    Big5 bytes read as GB18030 become), over the text's opening."""
    sample = text[:_SAMPLE]
    private = len(_PRIVATE_USE.findall(sample)) / max(len(sample), 1)
    return _frequency_score(sample) - private * 10


def _unless_plainly_other(data: bytes, text: str, declared: str) -> tuple[str, str]:
    """The declared decoding, unless another codec decodes the bytes cleanly into plainly more
    natural Chinese: a CMS that declares gb2312 over Big5 bytes (nearly any Big5 pair is a valid
    GB18030 pair, so the wrong decoding raises no error). A decoding that reads plainly right is
    not second-guessed."""
    score = _plausibility(text)
    if score >= _PLAINLY_RIGHT:
        return text, declared
    best = (score + 0.05, declared, text)
    for codec in ("gb18030", "big5hkscs"):
        if codec == declared:
            continue
        try:
            other = data.decode(codec)
        except UnicodeDecodeError:
            continue
        best = max(best, (_plausibility(other), codec, other), key=lambda candidate: candidate[0])
    return best[2], best[1]


def decode_bytes(data: bytes, declared: str = "") -> tuple[str, str]:
    """Decode ``data`` and say which codec did it.

    A BOM wins, then UTF-16 written without one, then strict UTF-8, then the declared charset if
    it decodes cleanly into text no other codec plainly reads better, then whichever of UTF-8,
    GB18030 and Big5 yields the more natural Chinese. Undecodable bytes become U+FFFD rather
    than an exception, so a damaged file still yields its readable part.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    if codec := bomless_utf16(data):
        return data[: len(data) // 2 * 2].decode(codec, errors="replace"), codec
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            text = data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
        else:
            return _unless_plainly_other(data, text, declared)
    candidates: list[tuple[float, str, str]] = []
    # UTF-8 stays a candidate: a UTF-8 file with a few damaged bytes is still UTF-8, and read
    # as GB18030 it would be mojibake from the first line to the last.
    for codec in ("utf-8", "gb18030", "big5hkscs"):
        text = data.decode(codec, errors="replace")
        errors = text.count("\ufffd")
        score = _frequency_score(text) - errors / max(len(text), 1) * 10
        candidates.append((score, codec, text))
    score, codec, text = max(candidates, key=lambda candidate: candidate[0])
    return text, codec
