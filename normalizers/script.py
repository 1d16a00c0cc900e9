"""Traditional → simplified Chinese with OpenCC, run only where traditional characters occur."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import opencc

# Configs of opencc-python-reimplemented that convert towards simplified Chinese. The Taiwan
# phrase config also rewrites mainland words (核心→内核, 执行→运行), so `t2s` is the default.
SIMPLIFYING_CONFIGS = ("t2s", "tw2s", "tw2sp", "hk2s")
DEFAULT_CONFIG = "t2s"


@cache
def _converter(config: str) -> opencc.OpenCC:
    if config not in SIMPLIFYING_CONFIGS:
        allowed = ", ".join(SIMPLIFYING_CONFIGS)
        raise ValueError(f"unknown OpenCC config {config!r}; allowed: {allowed}")
    return opencc.OpenCC(config)


def _dictionary(name: str) -> dict[str, str]:
    """An OpenCC dictionary file as {source: first target}, the choice OpenCC itself makes."""
    path = Path(opencc.__file__).parent / "dictionary" / name
    entries: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if source and targets:
            entries[source] = targets.split()[0]
    return entries


# Hong Kong and Taiwan variants that t2s leaves as they are (OpenCC maps them only in hk2s or
# tw2s, through HKVariantsRev/TWVariantsRev) and that simplified text never uses: 区衞生健康局
# on a Hong Kong mirror of a mainland page. Not 著, 抬 or 么: simplified text uses those.
_VARIANTS = {"衞": "卫", "衹": "只", "敍": "叙", "枱": "台", "粧": "妆", "糭": "粽", "痺": "痹", "簷": "檐", "睪": "睾"}
_VARIANT_TABLE = str.maketrans(_VARIANTS)


@cache
def _traditional_characters() -> frozenset[str]:
    converted = (source for source, target in _dictionary("TSCharacters.txt").items() if source != target)
    return frozenset(converted) | frozenset(_VARIANTS)


_SUPPLEMENTARY = re.compile("[\U00010000-\U0010ffff]")


@cache
def _traditional_patterns() -> tuple[re.Pattern[str], frozenset[str]]:
    """The traditional-only characters of the Basic Multilingual Plane as one character class,
    and the rest (CJK extension planes) as a set. A class over BMP characters scans a notice
    about ten times faster than set lookups; with the supplementary planes in it, the regex
    engine falls back to a slow form, so those are checked apart, and only when present."""
    characters = _traditional_characters()
    basic = "".join(sorted(re.escape(c) for c in characters if ord(c) < 0x10000))
    return re.compile(f"[{basic}]"), frozenset(c for c in characters if ord(c) >= 0x10000)


@cache
def _fast_t2s() -> tuple[re.Pattern[str], dict[str, str], dict[int, str]]:
    """``t2s`` as one regex over its phrases and one ``str.translate`` table for characters.

    The pure-Python OpenCC walks every character through a parse tree, several times slower;
    this gives the same output for t2s (a test compares them on every traditional text we have).
    """
    phrases = _dictionary("TSPhrases.txt")
    pattern = re.compile("|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True)))
    characters = {ord(source): target for source, target in _dictionary("TSCharacters.txt").items()}
    return pattern, phrases, characters


def _convert_t2s(text: str) -> str:
    pattern, phrases, characters = _fast_t2s()
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(text[position : match.start()].translate(characters))
        pieces.append(phrases[match.group(0)])
        position = match.end()
    pieces.append(text[position:].translate(characters))
    return "".join(pieces)


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character that only traditional script uses.

    >>> has_traditional("臨海市人民政府"), has_traditional("临海市人民政府")
    (True, False)
    """
    basic, supplementary = _traditional_patterns()
    if basic.search(text):
        return True
    return bool(_SUPPLEMENTARY.search(text)) and not supplementary.isdisjoint(text)


def to_simplified(text: str, config: str = DEFAULT_CONFIG) -> str:
    """Convert traditional Chinese to simplified; simplified text is returned untouched.

    Pure-Python OpenCC converts about 1.4 MB/s, so text without traditional characters skips it.

    >>> to_simplified("臨海市政務公開辦"), to_simplified("區衞生健康局")
    ('临海市政务公开办', '区卫生健康局')
    """
    converter = _converter(config)  # validates the config even when nothing needs converting
    if not has_traditional(text):
        return text
    converted = _convert_t2s(text) if config == "t2s" else converter.convert(text)
    return converted.translate(_VARIANT_TABLE)
