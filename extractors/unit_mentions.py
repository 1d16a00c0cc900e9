"""Units a sentence makes the doer of its work (党政办要…, 市发改委牵头…, 设在党政办,具体负责…).

Only the stretches of a sentence around a doer cue go through the spaCy pipeline of
``extractors.unit_pipeline``, which is loaded on first use: a run whose notices all come from
the cache, or hold all their tasks in tables, never pays for spaCy and jieba.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Only where a unit word stands right before a doer's verb can a sentence name a doer; the
# spaCy pass (jieba tagging) is by far the dearest step of extraction, so it sees nothing else.
DOER_CUE = re.compile(
    r"(局|委|办|厅|院|中心|政府|会|集团|公司|行|部|署|所|站|队|室|处|社|馆|联|组)"
    r"[,\s]*(?:具体|统一|分别|共同|各自|按照?职责分工|按职能分工|依职责)?(要|是|负责|牵头|会同|联合|应|须|必须|统筹|做好|抓好|承担)"
)
# jieba segments each run of these characters on its own (``jieba.posseg.re_han_internal``),
# so a run is tagged the same alone as inside its sentence.
_JIEBA_BLOCK = re.compile(r"[\u4e00-\u9fd5a-zA-Z0-9+#&._]+")


def doer_windows(sentence: str) -> list[str]:
    """The stretches of ``sentence`` that can hold a doer: from the start of the jieba block in
    which a doer cue begins to the end of the block in which it ends (党政办,具体负责 spans two).

    A unit's name never crosses a block boundary (punctuation ends a name), so segmenting only
    these stretches finds the same doers as segmenting the whole sentence, at a fraction of
    the cost.

    >>> doer_windows("各部门要加强管理,办公室设在党政办,具体负责推进")
    ['办公室设在党政办,具体负责推进']
    """
    windows: list[str] = []
    blocks: list[tuple[int, int]] | None = None
    last_end = -1
    for cue in DOER_CUE.finditer(sentence):
        if blocks is None:
            blocks = [block.span() for block in _JIEBA_BLOCK.finditer(sentence)]
        index = next(i for i, (s, e) in enumerate(blocks) if s <= cue.start() < e)
        while index > 0 and sentence[blocks[index - 1][1] : blocks[index][0]] == "、":
            index -= 1  # 市财政局、市审计局要…: the names listed before the doer share its work
        start = blocks[index][0]
        end = next(e for s, e in blocks if s < cue.end() <= e)
        if start < last_end:
            continue  # a second cue in the window already taken
        windows.append(sentence[start:end])
        last_end = end
    return windows


@lru_cache(maxsize=8192)
def _window_doers(window: str) -> tuple[tuple[str, str], ...]:
    from extractors.unit_pipeline import unit_pipeline

    doc = unit_pipeline()(window)
    return tuple((ent.text, ent._.before) for ent in doc.ents if ent._.doer)


def doer_mentions(sentence: str) -> list[tuple[str, str]]:
    """The (name, word before it) of every unit a sentence makes the doer of its work; the
    word before is empty when punctuation stands there.

    >>> doer_mentions("办公室设在党政办,具体负责推进")
    [('党政办', '设在')]
    """
    return [mention for window in doer_windows(sentence) for mention in _window_doers(window)]
