"""Normalizing a whole document before extraction, whatever reader produced it."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import partial

from extractors.deadlines import DEADLINE_LABEL
from extractors.document import Block, Document, Paragraph, Table
from extractors.layout_tables import unroll_layout_tables
from extractors.units import ROLE_LABEL
from normalizers.noise import repair_lost_characters
from normalizers.script import DEFAULT_CONFIG, has_traditional, to_simplified
from normalizers.text import normalize_multiline

# Joins texts for one OpenCC call; OpenCC treats it as a separator and keeps it.
_TEXT_SEPARATOR = "\u2029"
# A run of spaces between two CJK characters (or after a closing bracket): 大气环境处 科技与财务处,
# 市财政局\u3000市税务局, 县农业农村局（牵头） 县财政局.
_SPACE_BETWEEN_CJK = re.compile(r"(?<=[\u4e00-\u9fff)）])[ \t\xa0\u2000-\u200a\u202f\u205f\u3000]+(?=[\u4e00-\u9fff])")


def break_at_spaces(text: str) -> str:
    """A cell's spaces between CJK characters as line breaks, unless the text is letter-spaced.

    A cell that lists names on one line parts them with spaces, which whitespace normalization
    would erase, gluing two names into one. As a line break, the unit parser decides whether it
    parts two names or wraps one; text columns drop line breaks with all other whitespace.
    Letter-spaced text (主 要 任 务, 市 财 政 局: every piece one character) is one word.

    >>> break_at_spaces("大气环境处 科技与财务处"), break_at_spaces("市 财 政 局")
    ('大气环境处\\n科技与财务处', '市 财 政 局')
    """
    if not _SPACE_BETWEEN_CJK.search(text):
        return text
    return "\n".join(
        line if all(len(piece) == 1 for piece in line.split()) else _SPACE_BETWEEN_CJK.sub("\n", line)
        for line in text.split("\n")
    )


# A label set in brackets instead of before a colon: 【牵头单位】市生态环境局【完成时限】2020年底前
_BRACKETED_LABEL = re.compile(r"[【〖\[]\s*([\u4e00-\u9fff]{2,6})\s*[】〗\]]")


def colon_labels(text: str) -> str:
    """Bracketed role and time labels written as the labels they are, each opening its clause:
    ``…销号。【牵头单位】市生态环境局【配合单位】各旗县区`` → ``…销号。牵头单位:市生态环境局;配合单位:各旗县区``.
    Bracketed words that are no label (【专项行动】) stay as they are.

    >>> colon_labels("加强监管【牵头单位】市场监管局【完成时限】6月底前"), colon_labels("开展【护苗】行动")
    ('加强监管;牵头单位:市场监管局;完成时限:6月底前', '开展【护苗】行动')
    """
    def label(match: re.Match[str]) -> str:
        word = match.group(1)
        if not (ROLE_LABEL.fullmatch(f"{word}:") or DEADLINE_LABEL.fullmatch(f"{word}:")):
            return match.group(0)
        opens_clause = match.start() == 0 or text[match.start() - 1] in "。;,:!?\n"
        return f"{word}:" if opens_clause else f";{word}:"

    if "】" not in text and "]" not in text and "〗" not in text:
        return text
    labelled = _BRACKETED_LABEL.sub(label, text)
    return text if labelled == text else labelled


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Scripts a bilingual notice of an autonomous region sets beside the Chinese: Hangul (延边),
# Tibetan, Mongolian, the Arabic script of Uyghur and Kazakh, Yi
_OTHER_SCRIPT = re.compile(
    r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3\u0f00-\u0fff\u1800-\u18af\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff\ua000-\ua4cf]"
)


def is_translation(text: str) -> bool:
    """A paragraph written mostly in another script than Chinese: the translation a bilingual
    notice sets after each Chinese paragraph, never a work point or a heading of its own.

    >>> is_translation("1. 장백산 북쪽비탈 관광을 추진한다"), is_translation("推进长白山(장백산)北坡旅游")
    (True, False)
    """
    other = len(_OTHER_SCRIPT.findall(text))
    return other >= 4 and other > len(_HAN.findall(text))


def _without_translations(document: Document) -> Document:
    kept = tuple(block for block in document.blocks if not (isinstance(block, Paragraph) and is_translation(block.text)))
    dropped = len(document.blocks) - len(kept)
    if not dropped:
        return document
    warning = f"{dropped} paragraph(s) in another script than Chinese (a translation) left out"
    return replace(document, blocks=kept, warnings=(*document.warnings, warning))


def _table_broken_at_spaces(block: Block) -> Block:
    if not isinstance(block, Table) or not any(_SPACE_BETWEEN_CJK.search(cell.text) for cell in block.cells):
        return block
    return replace(block, cells=tuple(replace(cell, text=break_at_spaces(cell.text)) for cell in block.cells))


def _simplified(document: Document, opencc_config: str) -> Document:
    """The document converted to simplified script in one OpenCC call (a call per line costs
    several times more). Lost-character marks are repaired first, as ``normalize_line`` does."""
    joined = _TEXT_SEPARATOR.join(repair_lost_characters(text) for text in document.texts())
    converted = iter(to_simplified(joined, opencc_config).split(_TEXT_SEPARATOR))
    return document.map_text(lambda _: next(converted))


def normalize_document(document: Document, opencc_config: str = DEFAULT_CONFIG) -> Document:
    """Every paragraph, cell and meta value normalized; paragraphs left empty are dropped, and so
    are translations (``is_translation``, with a warning); names spaced apart in a table cell go
    onto lines of their own (``break_at_spaces``); tables that only indent numbered text become
    its paragraphs (``layout_tables``).

    Script conversion is decided once for the whole document: OpenCC is slow, and a Taiwan
    text needs its phrase table applied to every line, including lines whose characters
    happen to be shared by both scripts.

    >>> from extractors.document import InputFormat
    >>> doc = Document((Paragraph("（一）完善政務公開"), Paragraph("\u3000")), InputFormat.TXT)
    >>> [p.text for p in normalize_document(doc).paragraphs()]
    ['(一)完善政务公开']
    """
    document = _without_translations(replace(document, blocks=tuple(map(_table_broken_at_spaces, document.blocks))))
    if has_traditional("\n".join(document.texts())):
        document = _simplified(document, opencc_config)
    normalized = document.map_text(partial(normalize_multiline, simplify=False))
    normalized = unroll_layout_tables(normalized)
    blocks = tuple(
        _with_colon_labels(block) if isinstance(block, Paragraph) else block
        for block in normalized.blocks
        if not isinstance(block, Paragraph) or block.text
    )
    return replace(normalized, blocks=blocks)


def _with_colon_labels(paragraph: Paragraph) -> Paragraph:
    labelled = colon_labels(paragraph.text)
    return paragraph if labelled is paragraph.text else replace(paragraph, text=labelled)
