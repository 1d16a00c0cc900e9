"""Units a sentence makes the doer of its work (党政办要…, 市发改委牵头…, 设在党政办,具体负责…).

Only the stretches of a sentence around a doer cue go through the spaCy pipeline of
``extractors.unit_pipeline``, which is loaded on first use: a run whose notices all come from
the cache, or hold all their tasks in tables, never pays for spaCy and jieba.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

# Only where a unit word stands right before a doer's verb can a sentence name a doer; the
# spaCy pass (jieba tagging) is by far the dearest step of extraction, so it sees nothing else.
DOER_CUE = re.compile(
    r"(局|委|办|厅|院|中心|政府|会|集团|公司|行|部|署|所|站|队|室|处|社|馆|联|组)"
    r"[,\s]*(?:具体|统一|分别|共同|各自|按照?职责分工|按职能分工|依职责)?(要|是|负责|牵头|会同|联合|应|须|必须|统筹|做好|抓好|承担|配合|协助)"
)
# jieba segments each run of these characters on its own (``jieba.posseg.re_han_internal``),
# so a run is tagged the same alone as inside its sentence.
JIEBA_CHARS = r"\u4e00-\u9fd5a-zA-Z0-9+#&._"
JIEBA_BLOCK = re.compile(f"[{JIEBA_CHARS}]+")
# 各镇, 各县, 各乡镇: 各 and a level, the opening of a collective name (各镇人民政府).
EACH_LEVEL = "各(?:乡镇|街道|省|市|区|县|州|盟|旗|镇|乡)"
# A clause that opens (after an optional 由) with a level or place and a unit word, then goes on:
# 县人民政府教育督导室组织开展…, 县政府督查室将…; the pipeline decides whether a verb follows.
# 全县/本市 open a clause without naming a body.
SUBJECT_CUE = re.compile(
    rf"(?<![{JIEBA_CHARS}])由?(?![全本])(?:各)?[\u4e00-\u9fff]{{0,4}}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)"
    r"[\u4e00-\u9fff]{0,20}?(?:局|委|办|厅|院|中心|政府|会|集团|公司|行|部|署|所|站|队|室|处|社|馆|联|组)(?=[\u4e00-\u9fff])"
)


# 各县(市、区)人民政府: the levels in brackets open the name of the body after them.
_BRACKETED_LEVELS = re.compile(rf"{EACH_LEVEL}\((?:省|市|区|县|州|盟|旗|镇|乡|、)+\)$")


def _bracketed_levels_start(sentence: str, start: int) -> int:
    if start and sentence[start - 1] == ")" and (levels := _BRACKETED_LEVELS.search(sentence, 0, start)):
        return levels.start()
    return start


def doer_windows(sentence: str) -> list[str]:
    """The stretches of ``sentence`` that can hold a doer: from the start of the jieba block in
    which a doer cue begins to the end of the block in which it ends (党政办,具体负责 spans two).

    A unit's name never crosses a block boundary (punctuation ends a name), so segmenting only
    these stretches finds the same doers as segmenting the whole sentence, at a fraction of
    the cost.

    >>> doer_windows("各部门要加强管理,办公室设在党政办,具体负责推进")
    ['办公室设在党政办,具体负责推进']
    """
    spans: list[tuple[int, int]] = []
    blocks: list[tuple[int, int]] | None = None
    cues = sorted([*DOER_CUE.finditer(sentence), *SUBJECT_CUE.finditer(sentence)], key=lambda cue: cue.start())
    for cue in cues:
        if blocks is None:
            blocks = [block.span() for block in JIEBA_BLOCK.finditer(sentence)]
        index = next(i for i, (s, e) in enumerate(blocks) if s <= cue.start() < e)
        while index > 0 and sentence[blocks[index - 1][1] : blocks[index][0]] == "、":
            index -= 1  # 市财政局、市审计局要…: the names listed before the doer share its work
        start = _bracketed_levels_start(sentence, blocks[index][0])
        end = next(e for s, e in blocks if s < cue.end() <= e)
        if spans and start < spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))  # a second cue in the window taken
        else:
            spans.append((start, end))
    return [sentence[start:end] for start, end in spans]


class DoerMention(NamedTuple):
    """A unit a sentence makes a doer: its name, the word before it (empty after punctuation)
    and the verb that gives its role (牵头, 配合 …; empty when the verb says none)."""

    name: str
    before: str
    verb: str


@lru_cache(maxsize=8192)
def _window_doers(window: str) -> tuple[DoerMention, ...]:
    from extractors.unit_pipeline import unit_pipeline

    doc = unit_pipeline()(window)
    return tuple(DoerMention(ent.text, ent._.before, ent._.verb) for ent in doc.ents if ent._.doer)


def doer_mentions(sentence: str) -> list[DoerMention]:
    """Every unit a sentence makes the doer of its work.

    >>> doer_mentions("办公室设在党政办,具体负责推进")
    [DoerMention(name='党政办', before='设在', verb='负责')]
    """
    return [mention for window in doer_windows(sentence) for mention in _window_doers(window)]
