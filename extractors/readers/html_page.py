"""Finding the article in a government web page: text statistics, chrome removal, article root.

The rules are general rather than tied to one site: class/id names (nav, footer, breadcrumb,
share, tools …), hidden elements, blocks that are mostly links, and finally a descent from
``<body>`` into the child that holds nearly all of the non-link text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree
from lxml.etree import _Element

from extractors.readers.html_tables import is_data_table

# Block-level tags: they start and end a paragraph.
BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
# Blocks that are one paragraph of prose: a single <br> inside them is a line break, not a
# paragraph break, unless the text around it says otherwise (see html_blocks).
P_LIKE = frozenset("p h1 h2 h3 h4 h5 h6 pre caption dt dd address".split())
# Never text: scripts, styles, embedded objects, form controls.
SKIP_TAGS = (
    "head script style noscript template iframe frame frameset object embed applet svg math "
    "canvas audio video map select option optgroup datalist button textarea input link meta"
).split()

# Class/id fragments naming site chrome. Substrings are safe inside longer names
# ("subnav", "page-footer"); the short ones must be whole tokens ("top-bar" yes, "stop" no).
_CHROME_SUBSTRINGS = (
    "nav", "menu", "footer", "header", "breadcrumb", "crumb", "share", "qrcode", "copyright",
    "sidebar", "search", "toolbar", "banner", "login",
)  # fmt: skip
_CHROME_TOKENS = frozenset(
    "top head foot bottom tools tool print close position location path links link ad ads "
    "logo side ewm erweima fontsize zihao dqwz wzdt gotop backtop fenxiang related xgwz "
    "xgxx pager pagination comment".split()
)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_CHROME_TAGS = frozenset({"nav", "aside"})
_PAGE_PARTS = frozenset({"header", "footer"})  # chrome only at page level, not inside <article>

# A chrome-named block is dropped only if small: no more than this many non-link characters,
# or this share of the page. A wrapper named "main-top" around the whole article survives.
_CHROME_MAX_CHARS = 200
_CHROME_MAX_SHARE = 0.25
# Link lists (related articles, site map rows): at least this many links making up this share.
_LINK_LIST_MIN_LINKS = 3
_LINK_LIST_SHARE = 0.7
# Descend into a child holding at least this share of its parent's non-link text.
_ROOT_SHARE = 0.85
_PROSE_TAGS = frozenset({"p", "pre", "blockquote"})

ATTACHMENT_HREF = re.compile(
    r"\.(?:docx?|pdf|xlsx?|wps|et|ofd|zip|rar)(?=$|[?#&])", re.IGNORECASE
)  # 附件.docx, /up/a.PDF?v=2, download?file=b.xls&id=3

# 当前位置：首页 > 政务公开 / 上一篇：… / 分享到： / 扫一扫在手机打开当前页 / 浏览次数：12
_CHROME_PREFIX = re.compile(
    r"^[【\[]?\s*(?:您?(?:当前|现在|所在)的?位置|您的位置|当前页面|上一篇|下一篇|上一条|下一条|"
    r"分享到|分享至|扫一扫|手机扫|用微信扫|浏览次数|阅读次数|点击次数|访问次数|访问量|打印本页|关闭窗口)"
)
# 网站标识码3713000001 / 鲁ICP备05003331号 / 版权所有 — only site footers say these
_FOOTER_MARK = re.compile(r"网站标识码|ICP备|ICP证|公网安备|版权所有|Copyright|©", re.IGNORECASE)
# 【打印】【关闭】 / 字号：大 中 小 — a line made of nothing but page tools
_TOOLS_ONLY = re.compile(
    r"^(?:[\s|｜/:：·•,，、\[\]【】()（）]|打印(?:本页|此页|正文)?|关闭(?:窗口|本页)?|"
    r"返回(?:顶部|首页|列表)?|收藏(?:本页)?|字号|字体(?:大小)?|[大中小]|默认|放大|缩小|"
    r"分享|我要纠错|纠错|保存(?:本页)?)+$"
)
_CHROME_LINE_MAX = 120


# Inline tags that only format text; Word's HTML export wraps every run in one or two of them.
_FORMATTING_TAGS = ("span", "font", "b", "strong", "i", "em", "u", "o:p")
# Those the chrome rules may need (named or hidden) are renamed so that strip_tags spares them;
# the walker reads any unknown tag as inline.
_KEPT_FORMATTING = etree.XPath(
    ".//span[@class or @id or @hidden or contains(@style, 'display') or "
    "contains(@style, 'visibility')] | .//font[@class or @id or @hidden]"
)
_KEPT_TAG = "kept-span"


def unwrap_formatting(body: _Element) -> None:
    """Unwrap formatting tags, keeping their text, in one C call: a Word export then has half
    as many elements for the Python passes to visit (about 15 % of the reading time)."""
    for element in _KEPT_FORMATTING(body):
        element.tag = _KEPT_TAG
    etree.strip_tags(body, *_FORMATTING_TAGS)


@dataclass
class TextStats:
    """Visible characters (whitespace excluded) under each element, and how many of them are
    link text; measured once, kept right as elements are dropped."""

    text_len: dict[_Element, int] = field(default_factory=dict)
    link_len: dict[_Element, int] = field(default_factory=dict)
    link_count: dict[_Element, int] = field(default_factory=dict)
    # Elements that may be chrome: named (class/id), styled hidden, or chrome tags.
    chrome_candidates: list[_Element] = field(default_factory=list)
    _data_tables: dict[_Element, bool] = field(default_factory=dict)

    def content(self, element: _Element) -> int:
        """Non-link characters under ``element``."""
        return self.text_len.get(element, 0) - self.link_len.get(element, 0)

    def link_lists(self, min_links: int) -> list[_Element]:
        return [element for element, count in self.link_count.items() if count >= min_links]

    def is_data_table(self, table: _Element) -> bool:
        if table not in self._data_tables:
            self._data_tables[table] = is_data_table(table, self.text_len, self.link_len)
        return self._data_tables[table]


def visible_chars(text: str | None) -> int:
    return 0 if not text or text.isspace() else len("".join(text.split()))


def measure(root: _Element) -> TextStats:
    """Count characters bottom-up in one pass (children before parents), noting on the way
    the elements that may be chrome so that no later pass looks at every element again."""
    stats = TextStats()
    text_len, link_len, link_count = stats.text_len, stats.link_len, stats.link_count
    candidates = stats.chrome_candidates
    for element in reversed(list(root.iter(etree.Element))):
        if _may_be_chrome(element):
            candidates.append(element)
        chars, links, count = visible_chars(element.text), 0, 0
        for child in element:
            chars += text_len.get(child, 0) + visible_chars(child.tail)
            links += link_len.get(child, 0)
            count += link_count.get(child, 0)
        text_len[element] = chars
        is_link = element.tag == "a" and element.get("href") is not None
        link_len[element] = chars if is_link else links
        link_count[element] = count + is_link
    candidates.reverse()
    return stats


def _may_be_chrome(element: _Element) -> bool:
    get = element.get
    if get("class") or get("id") or element.tag in _CHROME_TAGS or element.tag in _PAGE_PARTS:
        return True
    if get("hidden") is not None:
        return True
    style = get("style")
    # Word's styles are long: look for the property names before running the pattern.
    return bool(style and ("display" in style or "visibility" in style))


def drop(element: _Element, stats: TextStats) -> None:
    """Remove ``element`` but keep its tail text, which belongs to the surrounding content."""
    parent = element.getparent()
    if parent is None:
        return
    removed = (stats.text_len.get(element, 0), stats.link_len.get(element, 0))
    removed_links = stats.link_count.get(element, 0)
    for ancestor in element.iterancestors():
        if ancestor not in stats.text_len:
            break  # above the measured subtree
        stats.text_len[ancestor] -= removed[0]
        stats.link_len[ancestor] -= removed[1]
        stats.link_count[ancestor] -= removed_links
    remove_keeping_tail(element)


def remove_keeping_tail(element: _Element) -> None:
    """Take ``element`` out of the tree; the text after it stays where it was."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def remove_chrome(body: _Element, stats: TextStats) -> None:
    """Drop hidden elements, chrome-named or chrome-tagged blocks and link lists, if small."""
    limit = max(_CHROME_MAX_CHARS, _CHROME_MAX_SHARE * stats.content(body))
    candidates = [*stats.chrome_candidates, *stats.link_lists(_LINK_LIST_MIN_LINKS)]
    for element in candidates:
        if element is body or stats.content(element) > limit:
            continue
        if _is_hidden(element) or _is_chrome_named(element) or _is_link_list(element, stats):
            drop(element, stats)  # a candidate inside an already dropped one changes nothing


def _is_hidden(element: _Element) -> bool:
    if element.get("hidden") is not None:
        return True
    style = element.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))


def _is_chrome_named(element: _Element) -> bool:
    tag = element.tag
    if tag in _CHROME_TAGS:
        return True
    if tag in _PAGE_PARTS and not any(a.tag == "article" for a in element.iterancestors()):
        return True
    return chrome_name(f"{element.get('class') or ''} {element.get('id') or ''}")


@lru_cache(maxsize=4096)
def chrome_name(names: str) -> bool:
    """Whether class/id names say chrome: ``top-bar``, ``breadcrumb``, ``article-tools``."""
    names = names.strip().lower()
    if not names:
        return False
    if any(part in names for part in _CHROME_SUBSTRINGS):
        return True
    return any(token in _CHROME_TOKENS for token in _TOKEN_SPLIT.split(names))


def _is_link_list(element: _Element, stats: TextStats) -> bool:
    """A navigation or related-articles block; lists of attachments are content."""
    if element.tag not in ("div", "ul", "ol", "dl", "table", "section", "span", "td"):
        return False
    chars = stats.text_len.get(element, 0)
    if stats.link_count.get(element, 0) < _LINK_LIST_MIN_LINKS or chars == 0:
        return False
    if stats.link_len.get(element, 0) < _LINK_LIST_SHARE * chars:
        return False
    return not any(ATTACHMENT_HREF.search(a.get("href") or "") for a in element.iter("a"))


def find_article_root(body: _Element, stats: TextStats) -> _Element:
    """The smallest element holding the article: descend from ``<body>`` into the child that
    carries nearly all non-link text, stopping at a paragraph, a data table, or a node whose
    other children are prose too (the body is then spread over several children)."""
    node = body
    while True:
        children = [child for child in node if isinstance(child.tag, str)]
        total = stats.content(node)
        if not children or total == 0:
            return node
        best = max(children, key=stats.content)
        if stats.content(best) < _ROOT_SHARE * total or best.tag in P_LIKE or best.tag == "a":
            return node
        if best.tag == "table" and stats.is_data_table(best):
            return node
        if _has_prose_besides(node, best, children, stats):
            return node
        node = best


def _has_prose_besides(
    node: _Element, best: _Element, children: list[_Element], stats: TextStats
) -> bool:
    loose = visible_chars(node.text) + sum(visible_chars(child.tail) for child in children)
    if loose >= 10:
        return True
    for child in children:
        if child is best or stats.content(child) == 0:
            continue
        if child.tag in _PROSE_TAGS or (child.tag == "table" and stats.is_data_table(child)):
            return True
    return False


def is_chrome_line(text: str) -> bool:
    """A paragraph that is page furniture, e.g. 当前位置：首页 > 政务公开, 【打印】【关闭窗口】,
    字号：大 中 小, 网站标识码3713000001. Long paragraphs never are."""
    if len(text) > _CHROME_LINE_MAX:
        return False
    return bool(_CHROME_PREFIX.match(text) or _FOOTER_MARK.search(text) or _TOOLS_ONLY.match(text))
