"""HTML notices, as government CMS article pages publish them.

The page is decoded (BOM, then the declared charset, GB family read as GB18030, then
detection), parsed once with lxml's HTML parser (no network, no entity expansion), stripped of
site chrome, and the article's paragraphs and tables are read in order. Page furniture that
describes the notice (info table, ``<meta>`` tags, title, attachment links) goes into the
``Document``'s meta and attachments instead of its blocks.

Module map: ``html_page`` finds the article (statistics, chrome, root), ``html_meta`` reads the
furniture, ``html_blocks`` walks the article into blocks, ``html_tables`` lays tables out,
``html_grid`` turns tables drawn with CSS (``<div>`` rows of ``<span>`` cells) into ``<table>``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from lxml import etree
from lxml.etree import _Element

from extractors.document import Align, Block, Document, InputFormat, Paragraph
from extractors.readers.encoding import bomless_utf16, canonical_codec, declared_charset, decode_bytes
from extractors.readers.errors import ReaderError
from extractors.readers.limits import DEFAULT_LIMITS, Limits, check_table_rows
from extractors.readers.html_blocks import BR, BlockWriter, split_at_breaks
from extractors.readers.html_grid import div_grids_to_tables
from extractors.readers.html_lists import number_nested_bullet_lists, number_ordered_lists
from extractors.readers.html_meta import (
    MetaCollector,
    find_attachments,
    find_title,
    read_head,
    take_info_lines,
    take_info_tables,
)
from extractors.readers.html_page import (
    BLOCK_TAGS,
    SKIP_TAGS,
    find_article_root,
    is_chrome_line,
    measure,
    remove_chrome,
    remove_keeping_tail,
    unwrap_formatting,
)

_HEAD_BYTES = 4096
# Control bytes are absent from text in any of our codecs; more than 1 in 20 means a binary
# file. A page where more than 1 character in 4 failed to decode is not text either.
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f]")
_BINARY_SHARE = 20
_UNDECODABLE_SHARE = 4
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']?([A-Za-z0-9_.\-]+)""")
# An XML declaration (lxml refuses one in str input) and a DOCTYPE, whose internal subset
# the HTML parser would otherwise leave in the text as "]>".
_PROLOG = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE[^>\[]*(?:\[[^\]]*\])?\s*>)?", re.I)
# C0 controls other than whitespace: never text, and NUL is the walker's <br> marker.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_TITLE_LOOKAHEAD = 3
_ROW_TAG = re.compile(r"<tr[\s>/]", re.IGNORECASE)
_FLAT_WARNING = "the markup is too deep or too broken for the HTML parser ({}); read as flat text"


class _Unparsable(Exception):
    """lxml gave up on the markup (nesting deeper than libxml2's limit, a huge text node)."""


def read_html(path: Path, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read an HTML notice page into the document model, or raise ``ReaderError``."""
    text, warnings = _page_text(path)
    _check_row_tags(path, text, limits)
    try:
        root = _parse(text)
        # Before the row limit is checked (a CSS grid is a table too) and before formatting
        # is unwrapped (its cells are often bare <span>s).
        div_grids_to_tables(root)
        _check_tables(path, root, limits)
        document = _read_tree(root, warnings)
    except (_Unparsable, RecursionError) as error:
        reason = str(error) or type(error).__name__
        document = _read_flat(text, [*warnings, _FLAT_WARNING.format(reason)])
    if not document.blocks:
        raise ReaderError(path, "no readable text in the page")
    return document


def _page_text(path: Path) -> tuple[str, list[str]]:
    """The page decoded, with a warning if some bytes did not decode; bad input is an error."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReaderError(path, f"cannot read the file ({error.strerror or error})") from error
    if not data.strip():
        raise ReaderError(path, "the file is empty; re-download it, or remove it from the corpus")
    if _looks_binary(data[:_HEAD_BYTES]):
        raise ReaderError(path, "binary content, not an HTML page; check that it is a notice")
    text, codec = _decode(data)
    warnings: list[str] = []
    if undecodable := text.count("\ufffd"):
        if undecodable * _UNDECODABLE_SHARE > len(text):
            raise ReaderError(path, f"undecodable content (tried {codec})")
        warnings.append(f"{undecodable} bytes could not be decoded as {codec}")
    return _CONTROL.sub("", text), warnings


def _looks_binary(head: bytes) -> bool:
    if head.startswith(_UTF16_BOMS) or bomless_utf16(head):
        return False
    return len(_CONTROL_BYTES.findall(head)) * _BINARY_SHARE > len(head)


def _decode(data: bytes) -> tuple[str, str]:
    """BOM, then ``<meta charset>`` / ``<?xml encoding?>``, then detection. Strict UTF-8 is
    tried before a declared charset: pages moved to a UTF-8 CMS often keep ``charset=gb2312``."""
    head = data[:_HEAD_BYTES]
    declared = declared_charset(head)
    if not declared and (match := _XML_ENCODING.match(head)):
        declared = canonical_codec(match.group(1).decode("ascii"))
    return decode_bytes(data, declared)


def _parse(text: str) -> _Element:
    text = _PROLOG.sub("", text, count=1)
    parser = etree.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(text, parser)
    except (etree.LxmlError, ValueError) as error:
        raise _Unparsable(str(error)) from error
    fatal = [entry.message for entry in parser.error_log if entry.level_name == "FATAL"]
    if fatal:
        raise _Unparsable(fatal[0])
    if root is None:
        raise _Unparsable("no elements")
    return root


def _check_row_tags(path: Path, text: str, limits: Limits) -> None:
    """Refuse a page with more ``<tr>`` tags than a table may have rows, before parsing it:
    lxml's tree of a 100,000-row table costs 100 MB."""
    if text.count("<tr") + text.count("<TR") > limits.max_table_rows:
        if len(_ROW_TAG.findall(text)) > limits.max_table_rows:
            check_table_rows(path, limits.max_table_rows + 1, limits, "the page's tables")


def _check_tables(path: Path, root: _Element, limits: Limits) -> None:
    """Refuse a table longer than ``limits.max_table_rows`` before laying any table out."""
    for table in root.iter("table"):
        rows = sum(1 for _ in table.iterfind("tr")) + sum(1 for _ in table.iterfind("*/tr"))
        check_table_rows(path, rows, limits)


def _read_tree(root: _Element, warnings: list[str]) -> Document:
    meta = MetaCollector()
    head_text = read_head(root, meta)
    etree.strip_elements(root, *SKIP_TAGS, with_tail=False)
    body = root.find("body")
    body = root if body is None else body
    drop_note_references(body)
    unwrap_formatting(body)
    stats = measure(body)
    remove_chrome(body, stats)
    take_info_tables(body, stats, meta)
    title = find_title(body, head_text, meta)
    article = find_article_root(body, stats)
    take_info_lines(body, article, stats, meta)
    number_ordered_lists(article)
    number_nested_bullet_lists(article)
    blocks = BlockWriter(stats).write(article)
    return Document(
        blocks=tuple(_with_title(blocks, title)),
        format=InputFormat.HTML,
        meta=meta.result(),
        attachments=find_attachments(body),
        warnings=tuple(warnings),
    )


# Word's "save as web page": a note's reference in the text links to the note (#_ftn1, #_edn2),
# the note links back to the reference (#_ftnref1), which is where it stays.
_NOTE_REFERENCE = re.compile(r"#_(?:ftn|edn)\d+")


def drop_note_references(body: _Element) -> None:
    """Remove the footnote and endnote marks ([1], [i]) from the text; the notes stay where they are."""
    for anchor in list(body.iter("a")):
        if _NOTE_REFERENCE.fullmatch((anchor.get("href") or "").strip()):
            remove_keeping_tail(anchor)


def _with_title(blocks: list[Block], title: str) -> list[Block]:
    """Put the title first unless the body already opens with it (maybe over a few lines)."""
    if not title:
        return blocks
    wanted = "".join(title.split())
    opening = ""
    for block in blocks[:_TITLE_LOOKAHEAD]:
        if not isinstance(block, Paragraph):
            break
        opening += "".join(block.text.split())
        if opening == wanted:
            return blocks
    return [Paragraph(title, Align.CENTER), *blocks]


class _FlatText(HTMLParser):
    """Text of a page as a tag stream, for markup lxml cannot build a tree of."""

    _HIDDEN = frozenset({"script", "style", "noscript", "template", "textarea", "svg", "math"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in BLOCK_TAGS or tag == "br":
            self.parts.append(BR)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(self._hidden - 1, 0)
        elif tag in BLOCK_TAGS:
            self.parts.append(BR)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def _read_flat(text: str, warnings: list[str]) -> Document:
    """Every block or line of the page as a paragraph: no tables, no chrome removal."""
    collector = _FlatText()
    collector.feed(text)
    collector.close()
    paragraphs = tuple(
        Paragraph(line)
        for line in split_at_breaks("".join(collector.parts), True, False)
        if not is_chrome_line(line)
    )
    return Document(blocks=paragraphs, format=InputFormat.HTML, warnings=tuple(warnings))
