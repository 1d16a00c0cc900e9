"""The spaCy pipeline that finds units named in prose: ``spacy.blank("zh")`` with jieba
segmentation and part-of-speech tags, and two rule components built from unit-name suffixes.

- ``unit_mentions`` marks each name that ends in a unit suffix (局, 委, 办, 中心, 政府 …) as an
  entity ``UNIT``, extended backwards over the nouns of the name (市 / 政务服务 / 管理局);
- ``unit_doers`` flags the mentions a sentence makes the doer of its work (党政办要…,
  市发改委牵头…, 设在党政办,具体负责…, 县政府督查室将…), the ones a task is assigned to, and
  keeps the verb that says their role (牵头, 配合 …).

Nothing is downloaded: the tags come from jieba's bundled dictionary (``extractors.segmenter``,
loaded on the first sentence). Importing this module loads spaCy (most of a second), so
``extractors.unit_mentions`` imports it only when a sentence first needs tagging.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from extractors import segmenter
from extractors.unit_mentions import EACH_LEVEL, JIEBA_BLOCK

UNIT_LABEL = "UNIT"
# The last word of a unit's name: 局, 委, 办, 中心, 政府, 集团, 公司 … (nt: jieba's organisation tag)
UNIT_WORD = re.compile(r"(局|委|办|厅|院|中心|政府|管委会|集团|公司|部|署|所|站|队|委员会|室|处|社|馆|联|组|工会|协会|商会|学会|红十字会|科协)$")
# Words that end in a unit word yet name a thing or an act, not a body (政府门户网站: 站;
# 作出的部署,做好…: 署; 局部).
_NOT_UNIT_WORD = re.compile(r"(网站|部署|局部)$")
# Tags that may stand inside a unit's name: nouns, place names, organisations, abbreviations,
# verbal nouns (服务 in 市政务服务管理局) and attributives (大 in 市大数据局).
NAME_TAGS = frozenset("n nt ns nz j nr vn ng l a b an".split())
# Words that follow the doer of a sentence.
DOER_VERBS = frozenset("要 是 负责 分工负责 牵头 会同 联合 应 应当 须 必须 统筹 做好 具体负责 抓好 承担 配合 协助".split())
# Words that, after a unit opening its clause, make it the doer whatever verb follows
# (县政府督查室将…纳入考核, 县督导室对…开展督导).
_SUBJECT_MARKERS = frozenset("将 把 对".split())
# A name in subject position must open with a level or a place (县人民政府教育督导室, 岚皋县教育局):
# 组织开展, 领导小组 alone open a clause without naming anyone.
SUBJECT_OPENING = re.compile(r"^(?:各)?[\u4e00-\u9fff]{0,4}?(?:省|市|县|区|州|盟|旗|镇|乡|街道)")
_SKIPPED_BEFORE_VERB = frozenset({",", "具体", "统一", "分别", "共同", "各自", "按", "按照", "依", "职责", "职能", "分工", "职责分工"})
# Words that end a name read backwards whatever jieba tags them (it tags 会同 as a noun).
_NAME_BREAKS = DOER_VERBS | frozenset("会同 和 及 与 以及 联合 配合 协助 指导 督促 由 对 向".split())

if not Span.has_extension("doer"):
    Span.set_extension("doer", default=False)
if not Span.has_extension("before"):
    Span.set_extension("before", default="")
if not Span.has_extension("verb"):
    Span.set_extension("verb", default="")


# Names of bodies that jieba's dictionary cuts wrongly (市发展改革委会同… → 改 / 革委会 / 同;
# 市委编办 → 编 / 办): kept whole, as organisation names, whatever stands around them.
GOVERNMENT_WORDS = ("发展改革委", "发展改革局", "编办", "网信办", "总工会", "工商联", "红十字会", "科协")
_GOVERNMENT_WORD = re.compile("|".join(GOVERNMENT_WORDS))


def tag_with_government_words(text: str) -> list[tuple[str, str]]:
    """jieba's words and tags, the names of ``GOVERNMENT_WORDS`` kept whole (tagged ``nt``).

    >>> tag_with_government_words("市发展改革委会同市财政局")
    [('市', 'n'), ('发展改革委', 'nt'), ('会同', 'n'), ('市', 'n'), ('财政局', 'nt')]
    """
    pairs: list[tuple[str, str]] = []
    position = 0
    for match in _GOVERNMENT_WORD.finditer(text):
        pairs += segmenter.tag(text[position : match.start()]) if match.start() > position else []
        pairs.append((match.group(0), "nt"))
        position = match.end()
    return pairs + segmenter.tag(text[position:]) if position < len(text) else pairs


class JiebaTagger:
    """A tokenizer that segments with jieba and keeps jieba's part-of-speech tags."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        pairs = tag_with_government_words(text)
        if not pairs:
            return Doc(self.vocab, words=[])
        words, tags = zip(*pairs, strict=True)
        return Doc(self.vocab, words=list(words), spaces=[False] * len(words), tags=list(tags))


_LEVEL_WORDS = frozenset("省 市 区 县 州 镇 乡 街道".split())
# jieba keeps 各 with a level as one word (各镇, 各县, 各乡镇), tagged as a pronoun.
_EACH_LEVEL = re.compile(EACH_LEVEL)
_LEVEL_REACH = 6
_NOT_IN_NAMES = frozenset("x u uj ul p c r m d".split())


def _level_start(doc: Doc, start: int) -> int:
    """Where a name really starts when a verb inside it stopped the walk back: the level word
    a few words before (市|城镇老旧小区|改造|工作领导小组), if nothing between ends a name."""
    found = start
    for index in range(start - 1, max(-1, start - 1 - _LEVEL_REACH), -1):
        token = doc[index]
        if token.text in _NAME_BREAKS or token.is_punct or UNIT_WORD.search(token.text) or token.tag_ in _NOT_IN_NAMES:
            break
        if token.text in _LEVEL_WORDS or token.tag_ == "ns":
            found = index  # keep looking: 市 may stand before 城镇 (ns)
    return found


def _collective_start(doc: Doc, start: int) -> int:
    """Where a collective name starts: 各镇|人民政府, 各县|(|市|、|区|)|人民政府 — the 各 + level
    word (and the levels it lists in brackets) belongs to the name it opens."""
    index = start - 1
    if index > 0 and doc[index].text == ")":
        index -= 1
        while index > 0 and (doc[index].text in _LEVEL_WORDS or doc[index].text == "、"):
            index -= 1
        if doc[index].text != "(":
            return start
        index -= 1
    if index >= 0 and _EACH_LEVEL.fullmatch(doc[index].text):
        return index
    return start


def _name_start(doc: Doc, end: int) -> int:
    """Where the name ending at token ``end`` starts, walking back over name-like words. A 和
    inside a name (市|工业|和|信息化|局, 市|自然资源|和|规划|局) is walked over when a noun that
    ends no name stands before it; 市教育局|和|市民政局 is two names."""
    start = end
    while start > 0:
        before = doc[start - 1]
        if before.tag_ in NAME_TAGS and before.text not in _NAME_BREAKS:
            start -= 1
        elif before.text == "和" and start > 1 and _inner_noun(doc[start - 2]):
            start -= 2
        else:
            break
    return start


def _inner_noun(token: Token) -> bool:
    return token.tag_ in NAME_TAGS and token.text not in _NAME_BREAKS and token.text not in _LEVEL_WORDS and not UNIT_WORD.search(token.text)


@Language.component("unit_mentions")
def unit_mentions(doc: Doc) -> Doc:
    """Mark unit names: a unit word, with the name-like words before it."""
    candidates: list[Span] = []
    for token in doc:
        if (token.tag_ != "nt" and not UNIT_WORD.search(token.text)) or _NOT_UNIT_WORD.search(token.text):
            continue
        start = _collective_start(doc, _level_start(doc, _name_start(doc, token.i)))
        candidates.append(Span(doc, start, token.i + 1, label=UNIT_LABEL))
    doc.ents = filter_spans(candidates)  # the longest name wins: 市财政局 inside 市财政局会计中心
    for ent in doc.ents:
        ent._.before = doc[ent.start - 1].text if ent.start > 0 else ""
    return doc


_LIST_LINKS = frozenset("、 和 及 与 以及".split())
# 市教育局会同市财政局制定…: the body after 会同 shares the doer's work; 各镇配合县教育局做好…:
# the body a doer helps does the work.
_JOINT_DOER_LINKS = frozenset("会同 联合 协同 配合 协助".split())


def _opens_clause(doc: Doc, ent: Span, list_start: int) -> bool:
    """Whether a name is the subject its clause opens with (…,由县教育局组织…; 县督查室将…), the
    next word being a verb or 将/把/对; ``list_start``: where the list of names it ends starts
    (市财政局、市审计局组织…), which must open the clause (not 按照市委、市政府作出的…)."""
    index = list_start - 1 if list_start > 0 and doc[list_start - 1].text == "由" else list_start
    at_start = index == 0 or (doc[index - 1].text not in _LIST_LINKS and not JIEBA_BLOCK.fullmatch(doc[index - 1].text))
    after = doc[ent.end] if ent.end < len(doc) else None
    return (at_start and after is not None and bool(SUBJECT_OPENING.match(ent.text))
            and (after.tag_.startswith("v") or after.text in _SUBJECT_MARKERS))  # fmt: skip


@Language.component("unit_doers")
def unit_doers(doc: Doc) -> Doc:
    """Flag the unit mentions followed by a doer's verb, those a doer takes on with 会同, and
    those opening their clause before a verb; ``verb`` keeps a doer's verb (牵头, 配合 …)."""
    previous, list_start = None, 0
    for ent in doc.ents:
        following = [t.text for t in doc[ent.end : ent.end + 6] if t.text not in _SKIPPED_BEFORE_VERB]
        adjacent = previous is not None and previous.end == ent.start - 1
        joined = previous is not None and adjacent and previous._.doer and ent._.before in _JOINT_DOER_LINKS
        list_start = list_start if adjacent and ent._.before in _LIST_LINKS else ent.start  # 市财政局、市审计局…
        verb = bool(following) and following[0] in DOER_VERBS
        ent._.doer = joined or verb or _opens_clause(doc, ent, list_start)
        ent._.verb = following[0] if verb and not joined else ""
        previous = ent
    # 市财政局、市审计局要…: the names listed before a doer share its work (and its role).
    following_ent = None
    for ent in reversed(doc.ents):
        if following_ent is not None and following_ent._.doer and following_ent.start == ent.end + 1 and doc[ent.end].text in _LIST_LINKS:
            ent._.doer = True
            ent._.verb = following_ent._.verb
        following_ent = ent
    return doc


@lru_cache(maxsize=1)
def unit_pipeline() -> Language:
    """The pipeline: blank Chinese, jieba words and tags, unit mentions, their doers."""
    nlp = spacy.blank("zh")
    nlp.tokenizer = JiebaTagger(nlp.vocab)
    nlp.add_pipe("unit_mentions")
    nlp.add_pipe("unit_doers")
    return nlp
