"""Word's automatic list numbers, rendered back into the text the way Word displays them.

A numbered paragraph does not hold its "1." or "（一）": it names a list instance (``numId``)
and a level (``ilvl``); numbering.xml maps the instance to an abstract definition whose level
gives a start value, a number format and a template such as ``（%1）``. The numbers only exist
once the paragraphs are counted in document order, which is what ``ListNumbering`` does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = f"{W}val"
_LEVELS = 9
# Word counts far below these; the caps keep hostile values from building huge strings.
_MAX_VALUE = 99_999
_MAX_LINKS = 8

_SUFFIXES = {"tab": "\t", "space": " ", "nothing": ""}

# Bullets set in the Symbol or Wingdings font are stored as private-use code points that mean
# nothing outside that font; these are the ones Word's bullet library offers.
_SYMBOL_FONT_CHARS = {
    "\uf0b7": "•",
    "\uf0a7": "▪",
    "\uf0d8": "➢",
    "\uf076": "❖",
    "\uf0fc": "✓",
    "\uf06c": "●",
    "\uf06e": "■",
    "\uf075": "◆",
}

_CN_DIGITS = "〇一二三四五六七八九"  # ideographDigital writes 10 as 一〇
_CN_COUNT_DIGITS = "零一二三四五六七八九"  # counting writes 101 as 一百零一
_CN_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_LEGAL_UNITS = ((1000, "仟"), (100, "佰"), (10, "拾"), (1, ""))
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def symbol_font_char(char: str) -> str:
    """The visible character for a Symbol/Wingdings private-use code point (•, ▪ …)."""
    if "\ue000" <= char <= "\uf8ff":
        return _SYMBOL_FONT_CHARS.get(char, "•")
    return char


def _grouped(n: int, digits: str, units: tuple[tuple[int, str], ...], *, japanese: bool) -> str:
    """A positional count such as 一百零一 (``digits[0]`` is the zero word, 零 not 〇); Japanese
    counting drops the zero and the 一 before a unit."""
    out: list[str] = []
    pending_zero = False
    for value, unit in units:
        digit = n // value % 10
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero and not japanese:
            out.append(digits[0])
        pending_zero = False
        out.append(("" if japanese and digit == 1 and unit else digits[digit]) + unit)
    return "".join(out)


def chinese_counting(n: int) -> str:
    """Word's chineseCounting: 1 → 一, 10 → 十, 11 → 十一, 21 → 二十一, 101 → 一百零一."""
    if not 0 < n < 10_000:
        return str(n)
    text = _grouped(n, _CN_COUNT_DIGITS, _CN_UNITS, japanese=False)
    return text[1:] if 10 <= n < 20 else text


def _japanese_counting(n: int) -> str:
    return _grouped(n, _CN_COUNT_DIGITS, _CN_UNITS, japanese=True) if 0 < n < 10_000 else str(n)


def _chinese_legal(n: int) -> str:
    if not 0 < n < 10_000:
        return str(n)
    return _grouped(n, _CN_LEGAL_DIGITS, _CN_LEGAL_UNITS, japanese=False)


def _ideograph_digital(n: int) -> str:
    return "".join(_CN_DIGITS[int(d)] for d in str(n)) if n >= 0 else str(n)


def _cyclic(symbols: str) -> Callable[[int], str]:
    return lambda n: symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


def _letter(n: int, base: str) -> str:
    """Word's letters repeat past Z: 26 → Z, 27 → AA, 28 → BB."""
    if not 0 < n <= 780:
        return str(n)
    return chr(ord(base) + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        count, n = divmod(n, value)
        out.append(numeral * count)
    return "".join(out)


def _enclosed(first: int, last: int, base: int) -> Callable[[int], str]:
    return lambda n: chr(base + n - first) if first <= n <= last else str(n)


def _enclosed_circle(n: int) -> str:
    """①–⑳, then ㉑–㉟ and ㊱–㊿ as Word does; plain digits beyond 50."""
    for first, last, base in ((1, 20, 0x2460), (21, 35, 0x3251), (36, 50, 0x32B1)):
        if first <= n <= last:
            return chr(base + n - first)
    return str(n)


def _full_width(n: int) -> str:
    return str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"})


_FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": _full_width,
    "decimalFullWidth2": _full_width,
    "decimalHalfWidth": str,
    "decimalEnclosedCircle": _enclosed_circle,
    "decimalEnclosedCircleChinese": _enclosed_circle,
    "decimalEnclosedParen": _enclosed(1, 20, 0x2474),
    "decimalEnclosedFullstop": _enclosed(1, 20, 0x2488),
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "taiwaneseCounting": chinese_counting,
    "taiwaneseCountingThousand": chinese_counting,
    "japaneseCounting": _japanese_counting,
    "chineseLegalSimplified": _chinese_legal,
    "ideographDigital": _ideograph_digital,
    "taiwaneseDigital": _ideograph_digital,
    "ideographTraditional": _cyclic(_HEAVENLY_STEMS),
    "ideographZodiac": _cyclic(_EARTHLY_BRANCHES),
    "upperLetter": lambda n: _letter(n, "A"),
    "lowerLetter": lambda n: _letter(n, "a"),
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "none": lambda n: "",
}


def format_number(n: int, num_fmt: str) -> str:
    """``n`` in a Word number format (``w:numFmt``); unknown formats fall back to decimal."""
    return _FORMATS.get(num_fmt, str)(n)


def _int(value: str | None, default: int) -> int:
    try:
        number = int(value) if value is not None else default
    except ValueError:
        return default
    return max(-_MAX_VALUE, min(number, _MAX_VALUE))


def _val(parent: etree._Element, tag: str) -> str | None:
    child = parent.find(f"{W}{tag}")
    return None if child is None else child.get(_VAL)


@dataclass(frozen=True, slots=True)
class Level:
    """One level of a list definition (``w:lvl``)."""

    start: int = 0  # the schema's default when w:start is absent
    num_fmt: str = "decimal"
    text: str | None = None  # lvlText template, e.g. "（%1）"; None shows nothing
    suffix: str = "\t"
    restart_after: int | None = None  # lvlRestart; None restarts after any higher level
    legal: bool = False  # isLgl: every %n in decimal
    style_id: str | None = None

    @classmethod
    def from_xml(cls, lvl: etree._Element) -> Level:
        legal = lvl.find(f"{W}isLgl")
        restart = _val(lvl, "lvlRestart")
        return cls(
            start=_int(_val(lvl, "start"), 0),
            num_fmt=_val(lvl, "numFmt") or "decimal",
            text=_val(lvl, "lvlText"),
            suffix=_SUFFIXES.get(_val(lvl, "suff") or "tab", "\t"),
            restart_after=None if restart is None else _int(restart, 0),
            legal=legal is not None and legal.get(_VAL, "1") not in ("0", "false", "off"),
            style_id=_val(lvl, "pStyle"),
        )

    def restarts_after(self, used_level: int) -> bool:
        """Whether a paragraph at the shallower ``used_level`` resets this level's count."""
        if self.restart_after is None:
            return True
        return 0 < self.restart_after and used_level < self.restart_after


@dataclass(frozen=True, slots=True)
class _Instance:
    """A ``w:num``: an abstract definition plus its per-level overrides."""

    abstract_id: str
    levels: dict[int, Level]
    start_overrides: dict[int, int] = field(default_factory=dict)


def _levels(abstract: etree._Element) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.iterfind(f"{W}lvl"):
        ilvl = _int(lvl.get(f"{W}ilvl"), 0)
        if 0 <= ilvl < _LEVELS:
            levels[ilvl] = Level.from_xml(lvl)
    return levels


class ListNumbering:
    """The document's list definitions plus the running counters, advanced paragraph by paragraph.

    Counters belong to the abstract definition, not to the ``numId``: two instances of one
    definition continue a single sequence, and an instance with ``w:startOverride`` restarts it
    where that instance is first used (ECMA-376 §17.9, as Word behaves).
    """

    def __init__(
        self,
        numbering: etree._Element | None,
        numbering_style_num_id: Callable[[str], str | None] = lambda style_id: None,
    ) -> None:
        self._abstracts: dict[str, etree._Element] = {}
        self._nums: dict[str, etree._Element] = {}
        if numbering is not None:
            for abstract in numbering.iterfind(f"{W}abstractNum"):
                self._abstracts[abstract.get(f"{W}abstractNumId", "")] = abstract
            for num in numbering.iterfind(f"{W}num"):
                self._nums[num.get(f"{W}numId", "")] = num
        self._style_num_id = numbering_style_num_id
        self._instances: dict[str, _Instance | None] = {}
        self._counters: dict[str, list[int | None]] = {}
        self._started: set[tuple[str, int]] = set()

    def level_for_style(self, num_id: str, style_id: str) -> int | None:
        """The level a list definition ties to a paragraph style (``w:lvl/w:pStyle``)."""
        instance = self._instance(num_id)
        if instance is None:
            return None
        for ilvl, level in sorted(instance.levels.items()):
            if level.style_id == style_id:
                return ilvl
        return None

    def next_label(self, num_id: str, ilvl: int) -> str:
        """Count one more paragraph of list ``num_id`` at ``ilvl`` and return its label with the
        separator Word puts after it ("1." + tab, "●" + space); '' when the list shows none."""
        instance = self._instance(num_id)
        if instance is None or not 0 <= ilvl < _LEVELS:
            return ""
        level = instance.levels.get(ilvl)
        if level is None:
            return ""
        counters = self._counters.setdefault(instance.abstract_id, [None] * _LEVELS)
        counters[ilvl] = self._next_value(num_id, ilvl, instance, level, counters[ilvl])
        for deeper in range(ilvl + 1, _LEVELS):
            deeper_level = instance.levels.get(deeper)
            if deeper_level is None or deeper_level.restarts_after(ilvl):
                counters[deeper] = None
        if level.text is None:
            return ""
        if level.num_fmt == "bullet":
            label = "".join(symbol_font_char(char) for char in level.text)
        else:
            label = self._render(level, instance, counters)
        return label + level.suffix if label else ""

    def _next_value(
        self, num_id: str, ilvl: int, instance: _Instance, level: Level, current: int | None
    ) -> int:
        if (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            if ilvl in instance.start_overrides:
                return instance.start_overrides[ilvl]
        return level.start if current is None else min(current + 1, _MAX_VALUE)

    @staticmethod
    def _render(level: Level, instance: _Instance, counters: list[int | None]) -> str:
        """Fill ``%1``…``%9`` of the template with each level's count in its own format."""
        template = level.text or ""
        out: list[str] = []
        i = 0
        while i < len(template):
            char = template[i]
            if char == "%" and i + 1 < len(template) and template[i + 1] in "123456789":
                shown = int(template[i + 1]) - 1
                shown_level = instance.levels.get(shown, Level())
                value = counters[shown]
                if value is None:
                    value = shown_level.start
                num_fmt = "decimal" if level.legal and shown_level.num_fmt != "none" else shown_level.num_fmt
                out.append(format_number(value, num_fmt))
                i += 2
                continue
            out.append(char)
            i += 1
        return "".join(out)

    def _instance(self, num_id: str) -> _Instance | None:
        if num_id not in self._instances:
            self._instances[num_id] = self._load_instance(num_id)
        return self._instances[num_id]

    def _load_instance(self, num_id: str) -> _Instance | None:
        num = self._nums.get(num_id)
        if num is None:
            return None
        abstract_id = _val(num, "abstractNumId") or ""
        abstract = self._follow_style_links(abstract_id)
        if abstract is None:
            return None
        abstract_id = abstract.get(f"{W}abstractNumId", abstract_id)
        levels = _levels(abstract)
        start_overrides: dict[int, int] = {}
        for override in num.iterfind(f"{W}lvlOverride"):
            ilvl = _int(override.get(f"{W}ilvl"), -1)
            if not 0 <= ilvl < _LEVELS:
                continue
            lvl = override.find(f"{W}lvl")
            if lvl is not None:
                levels[ilvl] = Level.from_xml(lvl)
            start = _val(override, "startOverride")
            if start is not None:
                start_overrides[ilvl] = _int(start, 0)
        return _Instance(abstract_id, levels, start_overrides)

    def _follow_style_links(self, abstract_id: str) -> etree._Element | None:
        """An abstract list may only point at a numbering style (``w:numStyleLink``) whose own
        numbering holds the real levels; follow such links a few steps at most."""
        abstract = self._abstracts.get(abstract_id)
        for _ in range(_MAX_LINKS):
            if abstract is None:
                return None
            link = _val(abstract, "numStyleLink")
            if link is None:
                return abstract
            num_id = self._style_num_id(link)
            num = self._nums.get(num_id) if num_id is not None else None
            if num is None:
                return abstract
            abstract = self._abstracts.get(_val(num, "abstractNumId") or "")
        return None
