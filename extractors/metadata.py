"""A notice's metadata: title, issuer, document number, region, year, signed and published dates."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date

from extractors.document import Align, MetaKey, Paragraph, Table
from extractors.layout import (
    ATTACHMENT_HEADING,
    INDEX_NUMBER,
    PUBLISHED_LABEL,
    PageLayout,
    is_date_line,
    is_org_name,
    is_title,
)
from extractors.model import NoticeMetadata
from extractors.regions import find_province, find_regions, region_level, region_of_issuer
from normalizers.dates import parse_iso_like, split_month_day
from normalizers.whitespace import remove_whitespace

# 临政办字〔2023〕45号, 国办发[2019]54号, 浙政办发(2020)16号, 京政发〔2023〕第5号
DOC_NUMBER = re.compile(
    r"([\u4e00-\u9fff]{1,12}?)\s*[〔\[【(（]\s*((?:19|20)\d{2})\s*[〕\]】)）]\s*第?\s*(\d{1,4})\s*号"
)
# The same number where the page lost its brackets: 醴政办发?2017?12号 → 醴政办发2017 12号
_DOC_NUMBER_UNBRACKETED = re.compile(r"([\u4e00-\u9fff]{1,12}?[发字函])\s*((?:19|20)\d{2})\s+第?(\d{1,4})\s*号")
_DOC_NUMBER_LABEL = re.compile(r"^(?:发文字号|文号|字号|发文号)\s*[:]?\s*")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})(?:—|-|至|~)?(?:(?:19|20)\d{2})?年")
# The opening of work points that names their year: 2021年是… / 2023年,临沂市… / 2022年全市…
_LEADING_YEAR = re.compile(r"^((?:19|20)\d{2})年(?:度)?(?:是|,|的|全|我|本|各|政务|工作|[\u4e00-\u9fff]{2,4}(?:市|县|区|省)[^,。]{0,12}工作)")
_LOST_DATE_LINE = re.compile(r"^((?:19|20)\d{2})(\d{3,4})日?$")


def normalize_doc_number(text: str) -> str | None:
    """A document number in its canonical spelling, or None.

    >>> normalize_doc_number("临政办字[2023]第45号")
    '临政办字〔2023〕45号'
    """
    if "号" not in text:
        return None  # the common case, answered before two backtracking searches
    match = DOC_NUMBER.search(text) or _DOC_NUMBER_UNBRACKETED.search(text)
    if not match:
        return None
    prefix, year, serial = match.groups()
    return f"{_issuing_code(prefix)}〔{year}〕{int(serial)}号"


# The name of a body glued before its code once a line's spaces are gone: 三亚市人民政府办公室三府办
_ORGANISATION_WORD = "(?:人民政府|办公室|办公厅|委员会|政府)"
_ORGANISATION_BEFORE_CODE = re.compile(rf"^.*{_ORGANISATION_WORD}(?=(?!{_ORGANISATION_WORD}$)[\u4e00-\u9fff]{{2,}}$)")


def _issuing_code(prefix: str) -> str:
    """The issuing office's code (三府办) without an organisation's name before it: a code never
    holds one, but a letterhead line (三亚市人民政府办公室  三府办〔2024〕18号) loses the space between."""
    return _ORGANISATION_BEFORE_CODE.sub("", prefix)


def _date_of_line(text: str) -> date | None:
    compact = text.replace(" ", "")
    found = parse_iso_like(compact)
    if found:
        return found
    lost = _LOST_DATE_LINE.match(compact)
    if lost:
        split = split_month_day(lost.group(2))
        if split:
            try:
                return date(int(lost.group(1)), *split)
            except ValueError:
                return None
    return None


def _title(layout: PageLayout, meta: Mapping[MetaKey, str]) -> str | None:
    if layout.title_index is not None:
        return _with_issuer_line(layout.body[layout.title_index].text, layout.head)
    return meta.get(MetaKey.TITLE) if meta.get(MetaKey.TITLE) and is_title(meta[MetaKey.TITLE]) else None


def _with_issuer_line(title: str, head: Sequence[Paragraph]) -> str:
    """A 公文 title set over several lines read as one: the issuer over 关于…的通知, or a title
    broken in the middle (…关于印发某某市2024年 over 政务公开工作要点的通知).

    >>> _with_issuer_line("关于做好防汛工作的通知", [Paragraph("某某县人民政府办公室")])
    '某某县人民政府办公室关于做好防汛工作的通知'
    >>> _with_issuer_line("政务公开工作要点的通知", [Paragraph("某市人民政府办公室关于印发某市2024年")])
    '某市人民政府办公室关于印发某市2024年政务公开工作要点的通知'
    """
    for paragraph in reversed(head[-2:]):
        text = remove_whitespace(paragraph.text)
        if paragraph.align is Align.RIGHT or not text or text[-1] in "。;:!?":
            break
        if title.startswith("关于") and is_org_name(text):
            return text + title  # the issuer's line: nothing above it belongs to the title
        if "关于" in title or "关于" not in text or is_date_line(text) or normalize_doc_number(text):
            break
        title = text + title  # the title's first half, 关于 in it
    return title


def _signature(body: Sequence[Paragraph]) -> tuple[str | None, date | None]:
    """The issuer and date of the signature block: an organisation line above a date line."""
    for index, paragraph in enumerate(body):
        if not is_org_name(paragraph.text):
            continue
        for following in body[index + 1 : index + 3]:
            if is_date_line(following.text):
                return _first_body(paragraph.text), _date_of_line(following.text)
    return None, None


def _first_body(signature: str) -> str:
    """The first of the bodies on one signature line of a joint notice, whose names the source
    ran together (宿迁市发展和改革委员会 宿迁市财政局): its place name opens the next name too.

    >>> _first_body("宿迁市发展和改革委员会宿迁市财政局"), _first_body("宿迁市人民政府办公室")
    ('宿迁市发展和改革委员会', '宿迁市人民政府办公室')
    """
    signature = remove_whitespace(signature)
    for region in find_regions(signature):
        second = signature.find(region, signature.index(region) + len(region))
        if second > 0 and is_org_name(signature[:second]) and is_org_name(signature[second:]):
            return signature[:second]
    return signature


def _last_org_line(body: Sequence[Paragraph]) -> str | None:
    """A notice without a dated signature often still ends with its issuer's name."""
    for paragraph in reversed(body[-12:]):
        if ATTACHMENT_HEADING.match(paragraph.text):
            break
        if is_org_name(paragraph.text):
            return paragraph.text
    return None


def _issuer_from_title(title: str | None) -> str | None:
    if not title or "关于" not in title:
        return None
    prefix = title.split("关于", 1)[0]
    return prefix if is_org_name(prefix) else None


def _doc_number(layout: PageLayout, meta: Mapping[MetaKey, str], tables: Sequence[Table] = ()) -> str | None:
    """The notice's own number: from metadata, or a line that is only a number near the top,
    above the title (under the 红头 of a 公文) or below it, or in a table's caption row.

    Numbers cited inside sentences (…(国办发〔2019〕54号)…) belong to other documents.
    """
    if meta.get(MetaKey.DOC_NUMBER):
        return normalize_doc_number(meta[MetaKey.DOC_NUMBER])
    # a 红头 template's number may float in a box, or stand in the first page's header
    aside = [*meta.get(MetaKey.TEXT_BOXES, "").split("\n"), *meta.get(MetaKey.PAGE_HEADER, "").split("\n")]
    for line in [*(p.text for p in layout.head[-6:]), *(p.text for p in layout.body[:15]), *aside, *_caption_rows(tables)]:
        text = _DOC_NUMBER_LABEL.sub("", line)
        number = normalize_doc_number(text)
        if number and (len(text) <= len(number) + 4 or is_org_name(text[: text.find(number[:2])])):
            return number  # the number alone, or after the name of the body that issued it
    return None


def _caption_rows(tables: Sequence[Table]) -> list[str]:
    """Each table's first row when it is one cell across the table: where a 台账 published as a
    table alone states its title or its number."""
    rows = []
    for table in tables:
        first = [cell for cell in table.cells if cell.row == 0]
        if len(first) == 1 and first[0].col_span >= table.n_cols > 1:
            rows.append(first[0].text)
    return rows


def _year(title: str | None, doc_number: str | None, body: Sequence[Paragraph], index_year: int | None,
          signed: date | None, published: date | None) -> int | None:  # fmt: skip
    """The year the work points cover: the title's year, else the document number's, else the
    year that opens the work points (2021年是…), else the index number's, else the signing year."""
    if title and (match := _YEAR_IN_TITLE.search(title)):
        return int(match.group(1))
    leading = _leading_year(body)
    if doc_number and (match := re.search(r"〔(\d{4})〕", doc_number)):
        numbered = int(match.group(1))  # the year it was numbered in, which plans the next one
        return leading if leading == numbered + 1 else numbered  # 〔2023〕 over "2024年是…"
    if leading:
        return leading
    if index_year:
        return index_year
    if signed:
        return _covered_year(signed, body)
    if published:
        return published.year
    years = Counter(int(y) for p in body for y in re.findall(r"((?:19|20)\d{2})年", p.text))
    return years.most_common(1)[0][0] if years else None


def _leading_year(body: Sequence[Paragraph]) -> int | None:
    """The year that opens the work points: 2024年是…, 2024年,全市…"""
    for paragraph in body[:40]:
        if match := _LEADING_YEAR.match(paragraph.text):
            return int(match.group(1))
    return None


def _covered_year(signed: date, body: Sequence[Paragraph]) -> int:
    """A notice signed in its last weeks of a year usually plans the next one: December's
    notice that speaks of next year more than of this one covers next year."""
    if signed.month < 11:
        return signed.year
    text = "".join(p.text for p in body)
    this_year, next_year = text.count(f"{signed.year}年"), text.count(f"{signed.year + 1}年")
    return signed.year + 1 if next_year > this_year else signed.year


def _head_facts(head: Sequence[Paragraph]) -> tuple[date | None, int | None]:
    published: date | None = None
    index_year: int | None = None
    for paragraph in head:
        text = paragraph.text
        if index_year is None and (match := INDEX_NUMBER.search(text)):
            index_year = int(match.group(2))
        elif published is None and (match := PUBLISHED_LABEL.search(text)):
            published = _date_of_line(match.group(1))
        elif published is None and is_date_line(text.lstrip("•·● ")):
            published = _date_of_line(text.lstrip("•·● "))
    return published, index_year


def extract_metadata(layout: PageLayout, meta: Mapping[MetaKey, str], tables: Sequence[Table] = ()) -> NoticeMetadata:
    """Metadata from the reader's findings first, then the page head, signature and title (and,
    for the document number, the caption rows of ``tables``)."""
    title = _title(layout, meta)
    signer, signed = _signature(layout.body)
    issuer = signer or meta.get(MetaKey.ISSUER) or _issuer_from_title(title) or _last_org_line(layout.body)
    if signed is None and meta.get(MetaKey.SIGNED):
        signed = _date_of_line(meta[MetaKey.SIGNED])
    published, index_year = _head_facts(layout.head)
    if meta.get(MetaKey.PUBLISHED):
        published = _date_of_line(meta[MetaKey.PUBLISHED]) or published
    if meta.get(MetaKey.INDEX_NUMBER) and (match := INDEX_NUMBER.search(meta[MetaKey.INDEX_NUMBER])):
        index_year = int(match.group(2))
    doc_number = _doc_number(layout, meta, tables)
    region = region_of_issuer(issuer) if issuer else None
    if region is None:
        region = _region_from_text(title, layout.body)
    year = _year(title, doc_number, layout.body, index_year, signed, published)
    body_texts = [p.text for p in layout.body]
    province = find_province(region, issuer, title, doc_number, body_texts)
    return NoticeMetadata(title, issuer, doc_number, region, year, signed, published, region_level(region), province)


# 陈仓区2024年重点工作任务分解表, 某某县关于…: a title that opens with the place it governs
_LEADING_PLACE = re.compile(r"^([\u4e00-\u9fff]{1,10}?(?:自治区|自治州|自治县|省|市|州|盟|区|县|旗))(?=(?:19|20)\d{2}年|关于)")


def _with_places_after(region: str, others: Sequence[str], title: str) -> str:
    """景德镇市 and 昌江区 written as one, 景德镇市昌江区: the district as its city writes it."""
    for place in others:
        if f"{region}{place}" not in title:
            break
        region += place
    return region


def _region_from_text(title: str | None, body: Sequence[Paragraph]) -> str | None:
    """The place the notice governs: named in the title (jieba's places first, else the place
    the title opens with, which jieba may not know: 陈仓区), else the place the body names most."""
    if title and (in_title := find_regions(title)):
        return _with_places_after(in_title[0], in_title[1:], title)
    if title and (leading := _LEADING_PLACE.match(title)):
        return leading.group(1)
    counts = Counter(region for p in body for region in find_regions(p.text))
    return counts.most_common(1)[0][0] if counts else None
