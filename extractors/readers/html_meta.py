"""What a government page says about a notice outside its body: CMS info tables and lines
(发布机构/成文日期/发文字号/索引号/发布日期), ``<meta name=ArticleTitle|PubDate|ContentSource>``
tags, the article title, and attachment links."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from lxml import etree
from lxml.etree import _Element

from extractors.document import Attachment, MetaKey
from extractors.readers.html_blocks import plain_text
from extractors.readers.html_page import ATTACHMENT_HREF, BLOCK_TAGS, TextStats, drop
from extractors.readers.html_tables import row_cells, table_rows
from normalizers.script import to_simplified

# Label → meta key and rank (lower wins). Labels mapped to None are known CMS fields kept only
# so that a value stops where the next label starts.
_LABELS: dict[str, tuple[MetaKey | None, int]] = {
    **dict.fromkeys(
        ("发布机构", "发文机关", "发文单位", "发布单位", "制发机关", "发文机构", "成文机关"),
        (MetaKey.ISSUER, 0),
    ),
    **dict.fromkeys(("来源", "信息来源", "文章来源", "稿件来源"), (MetaKey.ISSUER, 2)),
    **dict.fromkeys(
        ("成文日期", "成文时间", "发文日期", "印发日期", "签发日期"), (MetaKey.SIGNED, 0)
    ),
    **dict.fromkeys(("发文字号", "文号", "文件编号", "发文编号"), (MetaKey.DOC_NUMBER, 0)),
    "索引号": (MetaKey.INDEX_NUMBER, 0),
    **dict.fromkeys(("发布日期", "发布时间", "公开日期", "公开时间"), (MetaKey.PUBLISHED, 0)),
    **dict.fromkeys(("标题", "文件标题", "文件名称", "名称"), (MetaKey.TITLE, 0)),
    **dict.fromkeys(
        "主题分类 主题词 公文种类 体裁分类 组配分类 服务对象 有效性 公开方式 公开范围 浏览次数 "
        "阅读次数 点击数 访问量 作者 责任编辑 编辑 字号 生效日期 实施日期 废止日期 失效日期 "
        "关键词 分类 所属机构 统一编号 时效".split(),
        (None, 9),
    ),
}
_META_TAGS = {
    "articletitle": (MetaKey.TITLE, 1),
    "pubdate": (MetaKey.PUBLISHED, 1),
    "contentsource": (MetaKey.ISSUER, 1),
}
_TITLE_RANK_ELEMENT, _TITLE_RANK_HEAD = 2, 3


def _label_pattern(label: str) -> str:
    return r"\s*".join(map(re.escape, label))  # 索 引 号 is 索引号


# A label at the start or after a separator, then a colon or at least a space:
# 发布日期：2023-06-20 / 发布日期 2019-07-04 / 【来源：市政府办公室】
_INLINE_LABEL = re.compile(
    r"(?:^|(?<=[\s|｜/，,；;【\[]))("
    + "|".join(_label_pattern(label) for label in sorted(_LABELS, key=len, reverse=True))
    + r")\s*(?:[:：]\s*|\s+)"
)
_MAX_LABEL = max(map(len, _LABELS))
_VALUE_TRIM = " \t\n\r\xa0\u3000|｜【】[]，,；;"
_MAX_VALUE = 100
_INFO_ELEMENT_MAX = 150
# <title> parts: 通知标题_政策文件_临沂市人民政府 / 通知标题 - 某某市政府
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜| - | — |--)\s*")
_TITLE_NAMES = re.compile(r"title|(?:^|[\s_\-])(?:tit|bt|biaoti|headline)(?:$|[\s_\-])", re.I)
_MAX_TITLE = 300


class MetaCollector:
    """Meta values by rank: an info table's 发布机构 beats ``ContentSource``, which beats 来源."""

    def __init__(self) -> None:
        self._values: dict[MetaKey, tuple[int, str]] = {}

    def offer(self, key: MetaKey, value: str, rank: int) -> None:
        value = value.strip(_VALUE_TRIM)
        if value and (key not in self._values or rank < self._values[key][0]):
            self._values[key] = (rank, value)

    def get(self, key: MetaKey) -> str:
        return self._values[key][1] if key in self._values else ""

    def result(self) -> dict[MetaKey, str]:
        return {key: value for key, (_, value) in sorted(self._values.items())}


def read_head(root: _Element, meta: MetaCollector) -> str:
    """Read ``<meta name=…>`` tags into ``meta``; return the ``<title>`` text."""
    for element in root.iter("meta"):
        name = (element.get("name") or "").strip().lower()
        if name in _META_TAGS:
            key, rank = _META_TAGS[name]
            meta.offer(key, element.get("content") or "", rank)
    title = next(root.iter("title"), None)
    return plain_text(title) if title is not None else ""


def head_title(text: str) -> str:
    """The article's part of a ``<title>``: the longest part between site separators."""
    parts = [part for part in _TITLE_SEPARATORS.split(text) if part.strip()]
    return max(parts, key=len).strip() if parts else ""


def find_title(body: _Element, head_text: str, meta: MetaCollector) -> str:
    """The displayed article title: an element named like a title or an ``<h1>``, preferring
    one that is most of the title the page declares (ArticleTitle or ``<title>``), so that a
    site-name ``<h1 class=logo>`` loses to ``<div class=article-title>``."""
    declared = _squash(meta.get(MetaKey.TITLE) or head_title(head_text))
    best, best_score = "", 0
    for element in _TITLE_CANDIDATES(body):
        named = _title_name(f"{element.get('class') or ''} {element.get('id') or ''}")
        if not (named or element.tag == "h1"):
            continue
        text = plain_text(element)
        if not 4 <= len(text) <= _MAX_TITLE:
            continue
        score = 2 * named + (element.tag == "h1")
        squashed = _squash(text)
        if declared and squashed in declared and 2 * len(squashed) >= len(declared):
            score += 4
        if score > best_score:
            best, best_score = text, score
    if best:
        meta.offer(MetaKey.TITLE, best, _TITLE_RANK_ELEMENT)
    meta.offer(MetaKey.TITLE, head_title(head_text), _TITLE_RANK_HEAD)
    return best or meta.get(MetaKey.TITLE)


_TITLE_CANDIDATES = etree.XPath(".//h1 | .//*[@class or @id]")


@lru_cache(maxsize=1024)
def _title_name(names: str) -> bool:
    return bool(_TITLE_NAMES.search(names))


def take_info_tables(body: _Element, stats: TextStats, meta: MetaCollector) -> None:
    """Move label/value tables (发布机构：| 临沂市人民政府办公室 | 成文日期：| 2023-06-20) into
    ``meta``; they are page furniture, not body tables."""
    for table in list(body.iter("table")):
        rows = table_rows(table)
        if not 1 <= len(rows) <= 20:
            continue
        texts = [[plain_text(cell) for cell in row_cells(row)] for row, _ in rows]
        pairs, used, filled = _table_pairs(texts)
        if len(pairs) >= 2 and used >= 0.8 * filled:
            for key, value, rank in pairs:
                meta.offer(key, value, rank)
            drop(table, stats)


def labelled_values(rows: list[list[str]]) -> dict[MetaKey, str]:
    """The values a table of label | value cells gives (文号 | 舟政办发〔2023〕21号 | 成文日期 | …),
    for readers of other formats: a workbook's 说明 sheet is such a table. Empty unless it names
    at least two known labels."""
    pairs, _, _ = _table_pairs(rows)
    if len(pairs) < 2:
        return {}
    collected = MetaCollector()
    for key, value, rank in pairs:
        collected.offer(key, value, rank)
    return collected.result()


def _table_pairs(rows: list[list[str]]) -> tuple[list[tuple[MetaKey, str, int]], int, int]:
    pairs: list[tuple[MetaKey, str, int]] = []
    used = 0
    filled = sum(1 for row in rows for text in row if text)
    for row in rows:
        index = 0
        while index < len(row):
            label = _label(row[index])
            if label in _LABELS:
                key, rank = _LABELS[label]
                value = row[index + 1] if index + 1 < len(row) else ""
                if key is not None and value:
                    pairs.append((key, value, rank))
                used += 1 + bool(value)
                index += 2
                continue
            inline = _inline_pairs(row[index])
            if inline:
                pairs.extend((key, value, rank) for key, value, rank in inline if key is not None)
                used += 1
            index += 1
    return pairs, used, filled


def take_info_lines(body: _Element, root: _Element, stats: TextStats, meta: MetaCollector) -> None:
    """Read short label/value lines (``<li><span>发布日期</span> 2019-07-04</li>``) into
    ``meta``. Outside the article root one label is enough; inside it, where body text lives,
    a line must hold two (发布时间：… 来源：…) to count as CMS furniture and be dropped."""
    outside = [] if root is body else list(_short_lines(body, stats, skip=root))
    for element in outside:
        for key, value, rank in _element_pairs(element):
            if key is not None:
                meta.offer(key, value, rank)
    for element in list(_short_lines(root, stats)):
        pairs = _element_pairs(element)
        if len({label for label, _, _ in pairs}) >= 2:
            for key, value, rank in pairs:
                if key is not None:
                    meta.offer(key, value, rank)
            drop(element, stats)


def _short_lines(
    top: _Element, stats: TextStats, skip: _Element | None = None
) -> Iterator[_Element]:
    """The largest elements under ``top`` that hold one short line of text (no block inside);
    tables are left to ``take_info_tables``, ``skip`` is not entered."""
    walker = etree.iterwalk(top, events=("start",))
    for _, element in walker:
        if element is top:
            continue
        if element is skip or element.tag == "table":
            walker.skip_subtree()
        elif stats.text_len.get(element, 0) <= _INFO_ELEMENT_MAX and not any(
            inner.tag in BLOCK_TAGS for inner in element.iterdescendants()
        ):
            yield element
            walker.skip_subtree()


def _element_pairs(element: _Element) -> list[tuple[MetaKey | None, str, int]]:
    # Most short elements are body text: look for a label at the start before collapsing.
    if not _INLINE_LABEL.match("".join(element.itertext()).lstrip(_VALUE_TRIM)):
        return []
    return _inline_pairs(plain_text(element))


def _inline_pairs(text: str) -> list[tuple[MetaKey | None, str, int]]:
    """Label/value pairs of a line that starts with a label: ``发布时间：2023-06-20 来源：市政府``.
    None if anything precedes the first label or a value is too long to be one."""
    matches = list(_INLINE_LABEL.finditer(text))
    if not matches or text[: matches[0].start()].strip(_VALUE_TRIM):
        return []
    pairs: list[tuple[MetaKey | None, str, int]] = []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following else len(text)
        value = text[match.end() : end].strip(_VALUE_TRIM)
        if len(value) > _MAX_VALUE:
            return []
        key, rank = _LABELS[_squash(match.group(1))]
        pairs.append((key, value, rank))
    return pairs


def find_attachments(body: _Element) -> tuple[Attachment, ...]:
    """Links to attached files, in page order, once each; nothing is fetched."""
    found: dict[str, Attachment] = {}
    for link in body.iter("a"):
        href = (link.get("href") or "").strip()
        if not href or href in found or href.lower().startswith("javascript:"):
            continue
        if ATTACHMENT_HREF.search(href):
            found[href] = Attachment(title=plain_text(link) or _file_name(href), url=href)
    return tuple(found.values())


def _file_name(href: str) -> str:
    """``/up/2023/%E9%99%84%E4%BB%B6.docx`` → ``附件.docx``; a name carried in the query wins."""
    parts = urlsplit(href)
    for candidate in (*reversed(parts.query.split("&")), parts.path):
        name = posixpath.basename(unquote(candidate.split("=")[-1]))
        if ATTACHMENT_HREF.search(name):
            return name
    return posixpath.basename(unquote(parts.path)) or href


def _squash(text: str) -> str:
    return "".join(text.split())


@lru_cache(maxsize=1024)
def _label(cell: str) -> str:
    """A cell as a label key: 發佈機構： → 发布机构. Only the label is converted here; values are
    left for the document-wide script conversion and its configured OpenCC table."""
    label = _squash(cell).rstrip(":：")
    return to_simplified(label) if len(label) <= _MAX_LABEL else label
