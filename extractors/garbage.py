"""Telling text that decoded to garbage from text, so that garbage never becomes tasks.

A PDF whose fonts carry no Unicode map yields ``(cid:N)`` codes or U+FFFD; a page saved in one
encoding and read in another yields mojibake (GBK read as Latin-1: 省政府 → "Ê¡Õþ¸®"; UTF-8
read as GBK: 政府 → "鏀垮簻"; U+FFFD written as UTF-8 and read as GBK: "锟斤拷"). Such text
still "reads" without an error, so it is measured: the share of characters that are codes,
replacement, private-use or control characters, or runs that decode back to Chinese.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# (cid:123): pdfminer's rendering of a glyph whose font has no Unicode map.
_CID = re.compile(r"\(cid:\d+\)")
# U+FFFD and its doubly-encoded forms: 锟斤拷 (EF BF BD read as GBK); 烫烫烫 and 屯屯屯 are the
# GBK readings of MSVC's uninitialised stack (0xCC) and heap (0xCD) bytes.
_REPLACEMENT = re.compile(r"\ufffd|锟斤拷|(?:烫){3,}|(?:屯){3,}")
_PRIVATE_USE = re.compile("[\ue000-\uf8ff\U000f0000-\U0010fffd]")
# C0 controls other than tab and line ends, DEL and C1 controls (cp1252/Latin-1 mojibake).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Characters a byte 0x80–0xFF becomes when read as Latin-1 or cp1252.
_CP1252_EXTRA = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_LATIN_RUN = re.compile(f"[\u00a0-\u00ff{_CP1252_EXTRA}]{{4,}}")
_CP1252_BYTES = {ch: bytes([b]) for b in range(0x80, 0xA0) if (ch := bytes([b]).decode("cp1252", "ignore"))}
# Runs of CJK ideographs long enough that their GB18030 bytes are valid UTF-8 by chance only
# rarely (a 5-character run is 10 bytes: real Chinese text almost never passes).
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{5,}")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")
# Two ideographs in a row where the text's GB18030 bytes are read as UTF-8: real Chinese
# text gives none (a stray ideograph among U+FFFD at most), mojibake gives little else.
_CJK_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")

# A notice is flagged when this share of its characters is garbage, and all its tasks are
# withheld above the second share: at that level even clean-looking lines are fragments.
WARN_SHARE = 0.05
WITHHOLD_SHARE = 0.3
# A single task is dropped when this share of its own text is garbage.
TASK_SHARE = 0.2
_MIN_GARBAGE_CHARS = 10


@dataclass(frozen=True, slots=True)
class Garbage:
    """How much of a text is garbage, by kind, in characters."""

    chars: int = 0  # characters measured, whitespace excluded
    cid: int = 0
    replacement: int = 0
    private_use: int = 0
    control: int = 0
    mojibake: int = 0

    @property
    def garbage(self) -> int:
        return self.cid + self.replacement + self.private_use + self.control + self.mojibake

    @property
    def share(self) -> float:
        return self.garbage / self.chars if self.chars else 0.0

    def describe(self) -> str:
        """What the garbage is made of: "1,204 (cid:N) codes, 37 replacement characters"."""
        kinds = (
            (self.cid, "characters of (cid:N) codes"),
            (self.replacement, "replacement characters (U+FFFD, 锟斤拷)"),
            (self.private_use, "private-use characters"),
            (self.control, "control characters"),
            (self.mojibake, "characters of mojibake (text decoded with the wrong encoding)"),
        )
        return ", ".join(f"{count:,} {label}" for count, label in kinds if count)


def measure_garbage(text: str) -> Garbage:
    """Count the garbage in ``text``.

    >>> measure_garbage("(cid:12)(cid:7)政府").cid
    15
    >>> measure_garbage("市政府办公室关于印发2023年政务公开工作要点的通知").garbage
    0
    >>> measure_garbage("Ê¡Õþ¸®°ì¹«Ìü").mojibake
    12
    """
    if not text:
        return Garbage()
    chars = len("".join(text.split()))
    cid = sum(len(m) for m in _CID.findall(text)) if "(cid:" in text else 0
    replacement = text.count("\ufffd")
    if "锟" in text or "烫烫" in text or "屯屯" in text:
        replacement = sum(len(m) for m in _REPLACEMENT.findall(text))
    private_use = len(_PRIVATE_USE.findall(text))
    control = len(_CONTROL.findall(text))
    mojibake = _latin_mojibake(text) + _gbk_mojibake(text)
    return Garbage(chars, cid, replacement, private_use, control, mojibake)


def is_garbled(measured: Garbage, share: float = WARN_SHARE) -> bool:
    """Whether enough of a text is garbage to distrust it (a few stray marks are not)."""
    return measured.garbage >= _MIN_GARBAGE_CHARS and measured.share >= share


def is_garbled_task_text(text: str) -> bool:
    """Whether one task's text is too garbled to stand as a task: "加强(cid:3)(cid:9)(cid:4)…"."""
    measured = measure_garbage(text)
    return measured.garbage >= 2 and measured.share >= TASK_SHARE


def _latin_mojibake(text: str) -> int:
    """Characters in runs of Latin-1/cp1252 letters that decode back to Chinese as GB18030 or
    UTF-8 bytes (Õþ¸® → 政府, æ”¿åºœ → 政府); "××××" placeholders are not mojibake."""
    count = 0
    for match in _LATIN_RUN.finditer(text):
        run = match.group()
        if len(set(run)) < 3:
            continue
        data = b"".join(_CP1252_BYTES.get(ch) or bytes([ord(ch)]) for ch in run)
        for codec in ("utf-8", "gb18030"):
            decoded = data.decode(codec, errors="replace")
            if len(_HAS_CJK.findall(decoded)) * 2 >= len(decoded) and decoded.count("\ufffd") <= 2:
                count += len(run)
                break
    return count


def _gbk_mojibake(text: str) -> int:
    """Characters in CJK runs whose GB18030 bytes are valid UTF-8 Chinese: UTF-8 read as GBK."""
    # One pass in C over the whole text decides whether the run-by-run check is needed.
    if not _CJK_PAIR.search(text.encode("gb18030", errors="replace").decode("utf-8", errors="replace")):
        return 0
    return sum(len(m.group()) for m in _CJK_RUN.finditer(text) if _utf8_inside(m.group().encode("gb18030")))


def _utf8_inside(data: bytes) -> bool:
    """Whether the bytes are UTF-8 Chinese once a byte or two of a character cut at either
    edge of the run is trimmed."""
    for start in range(3):
        for end in range(3):
            try:
                decoded = data[start : len(data) - end].decode("utf-8")
            except UnicodeDecodeError:
                continue
            return bool(_HAS_CJK.search(decoded))
    return False


def garbage_warning(measured: Garbage, withheld: int, whole: bool) -> str | None:
    """The notice's warning about its garbage, or None when there is too little to mention.

    ``withheld`` tasks were kept back; ``whole`` says the whole text was judged unusable.
    """
    if not withheld and not is_garbled(measured):
        return None
    if whole:
        outcome = f"no tasks are taken from it ({withheld} withheld)" if withheld else "no tasks are taken from it"
    elif withheld:
        outcome = f"{withheld} task(s) whose own text is garbled were withheld"
    else:
        outcome = "check its tasks against the original"
    return (
        f"garbled_text: {measured.share:.0%} of the text is garbage ({measured.describe()}); {outcome}. "
        "The file's text layer or encoding is broken: find another copy (web page, Word file) or OCR it"
    )
