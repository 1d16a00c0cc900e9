"""From glyphs to lines, and from lines to paragraphs, by page geometry alone.

A PDF has no paragraphs, only glyphs at positions. Chinese official documents follow one
layout (GB/T 9704): body lines fill a fixed column, a paragraph's first line is indented two
characters, titles are centred, signature and date sit to the right. So a line starts a new
paragraph when it is indented, centred or right-aligned, when the line before it ends well
short of the column, when the spacing or the font size changes, or when it opens a numbered
item (一、 （一） 1． (1)); otherwise it continues the paragraph, across page breaks too.
Consecutive centred lines of one size are one title broken by hand, kept as one paragraph with
line breaks, the way Word stores it; a full line between two of them is the title wrapped by
the width. Centring is measured about the middle that centred lines share, not the middle of
the body lines, which on a CJK grid stop short of the real margin.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

from extractors.document import Align, Paragraph
from extractors.readers.pdf_glyphs import Glyph

# Latin letters and digits are spaced as words; CJK text is not. A gap this wide (in em)
# between two Latin glyphs stands for a space the PDF did not draw.
SPACE_GAP = 0.15
# The first line of a paragraph is indented 2 em; 1.5 em tells it from ragged text.
INDENT = 1.5
# A title is broken over at most this many lines.
MAX_TITLE_LINES = 4
# Centred lines share their middle within this (pt).
AXIS_TOLERANCE = 1.0
# Sentence ends; a full line ending with anything else is cut mid-sentence.
SENTENCE_END = "。！？；：!?;:"

# Item numbers that open a paragraph of their own.
NUMBERED_ITEM = re.compile(
    r"^(?:"
    r"[一二三四五六七八九十百零〇]+[、．.]"  # 一、  十二．
    r"|[（(][一二三四五六七八九十百零〇]+[）)]"  # （一）  (十二)
    r"|[0-9０-９]{1,3}[、．.](?![0-9０-９])"  # 1．  2.  3、  (not 1.5倍)
    r"|[（(][0-9０-９]{1,3}[）)]"  # （1）  (12)
    r"|[①-⑳⑴-⒇⒈-⒛]"  # ①  ⑴  ⒈
    r"|第[一二三四五六七八九十百零〇0-9]+[条章节條節]"  # 第一条  第3章
    r")"
)

# Page numbers as printed in the page margins.
PAGE_NUMBER = re.compile(
    r"^(?:"
    r"[-—–－―~～]*\s*[0-9]{1,4}\s*[-—–－―~～]*"  # — 3 —  - 3 -  3
    r"|第\s*[0-9]{1,4}\s*[页頁]"  # 第3页
    r"(?:\s*[,，/]?\s*共\s*[0-9]{1,4}\s*[页頁])?"  # 第3页共20页
    r"|[0-9]{1,4}\s*/\s*[0-9]{1,4}"  # 3/20
    r"|[Pp]age\s*[0-9]{1,4}(?:\s*of\s*[0-9]{1,4})?"  # Page 3 of 20
    r")$"
)


class LineKind(str, Enum):
    BODY = "body"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class Line:
    """One printed line: its text with CJK spacing resolved, its extent and its page."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float
    page: int
    lead_width: float
    bold: bool = False
    confidence: float | None = None  # the lowest OCR score of its glyphs; None for a PDF's text

    @property
    def top(self) -> float:
        return self.baseline - self.size


@dataclass(frozen=True, slots=True)
class Column:
    """The text column of a page layout, from which indents and alignment are measured.

    ``axis`` is the middle that centred lines were seen to share, when they show one: on a
    CJK character grid the body lines stop up to a character short of the real right margin,
    so the middle of the body lines is off by up to half a character.
    """

    left: float
    right: float
    axis: float | None = None

    @property
    def center(self) -> float:
        return (self.left + self.right) / 2 if self.axis is None else self.axis


@dataclass(frozen=True, slots=True)
class PageLines:
    """A page's lines outside tables, with what layout estimation needs to know."""

    page: int
    width: float
    height: float
    lines: tuple[Line, ...]
    table_spans: tuple[tuple[float, float], ...] = ()


def is_latin(char: str) -> bool:
    """Latin letters, digits and ASCII signs: the characters that are written with spaces."""
    return (char.isascii() and char.isprintable() and not char.isspace()) or (
        char.isalpha() and ord(char) < 0x250
    )


def glyphs_to_lines(glyphs: Iterable[Glyph], page: int = 0) -> list[Line]:
    """Group glyphs into lines by vertical overlap and read each line left to right."""
    rows: list[list[Glyph]] = []
    row_top = row_bottom = row_size = 0.0
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.x0)):
        if rows:
            overlap = min(row_bottom, glyph.baseline) - max(row_top, glyph.top)
            if overlap >= 0.5 * min(row_size, glyph.size):
                rows[-1].append(glyph)
                row_top, row_bottom = min(row_top, glyph.top), max(row_bottom, glyph.baseline)
                row_size = min(row_size, glyph.size)
                continue
        rows.append([glyph])
        row_top, row_bottom, row_size = glyph.top, glyph.baseline, glyph.size
    lines = (_row_to_line(row, page) for row in rows)
    return [line for line in lines if line is not None]


def _row_to_line(row: list[Glyph], page: int) -> Line | None:
    row.sort(key=lambda g: g.x0)
    parts: list[str] = []
    kept: list[Glyph] = []
    spaced = False
    for glyph in row:
        if not glyph.text or glyph.text.isspace():
            spaced = bool(kept)
            continue
        if kept:
            prev = kept[-1]
            # Fake bold draws a glyph twice, a hair apart.
            if glyph.text == prev.text and abs(glyph.x0 - prev.x0) < 0.15 * glyph.size:
                continue
            gap = glyph.x0 - prev.x1
            if is_latin(prev.text[-1]) and is_latin(glyph.text[0]):
                if spaced or gap > SPACE_GAP * glyph.size:
                    parts.append(" ")
        parts.append(glyph.text)
        kept.append(glyph)
        spaced = False
    if not kept:
        return None
    sizes = Counter(round(glyph.size, 1) for glyph in kept)
    size = max(sizes, key=lambda s: (sizes[s], s))
    scores = [glyph.score for glyph in kept if glyph.score is not None]
    return Line(
        text="".join(parts),
        x0=kept[0].x0,
        x1=max(glyph.x1 for glyph in kept),
        baseline=statistics.median(glyph.baseline for glyph in kept),
        size=size,
        page=page,
        lead_width=_lead_width(kept),
        bold=all(glyph.bold for glyph in kept),
        confidence=min(scores) if scores else None,
    )


def _lead_width(glyphs: list[Glyph]) -> float:
    """Width of the line's first word: what had to fit at the end of the line before."""
    end = glyphs[0].x1
    if is_latin(glyphs[0].text[0]):
        for prev, glyph in zip(glyphs, glyphs[1:]):
            if not is_latin(glyph.text[0]) or glyph.x0 - prev.x1 > SPACE_GAP * glyph.size:
                break
            end = glyph.x1
    return end - glyphs[0].x0


# ---------------------------------------------------------------------------------------
# Page furniture: page numbers, running headers and footers.


def drop_page_furniture(pages: Sequence[PageLines]) -> list[PageLines]:
    """The pages without page numbers and without lines repeated at the same place on many pages.

    Only the first and last two lines of a page in its top or bottom fifth are candidates:
    a number in the middle of the body is text.
    """
    edges = {page.page: _edge_lines(page) for page in pages}
    furniture: set[tuple[int, int]] = set()
    by_text: dict[str, list[tuple[int, int, float]]] = defaultdict(list)
    for page in pages:
        for index in edges[page.page]:
            line = page.lines[index]
            if PAGE_NUMBER.match(line.text):
                furniture.add((page.page, index))
            else:
                by_text[re.sub(r"[0-9]+", "#", line.text)].append((page.page, index, line.baseline))
    needed = max(3, 0.4 * len(pages))
    for places in by_text.values():
        if len({page for page, _, _ in places}) < needed:
            continue
        middle = statistics.median(baseline for _, _, baseline in places)
        same_place = [(page, index) for page, index, y in places if abs(y - middle) <= 3]
        if len({page for page, _ in same_place}) >= needed:
            furniture.update(same_place)
    return [
        PageLines(
            page=page.page,
            width=page.width,
            height=page.height,
            lines=tuple(
                line for index, line in enumerate(page.lines) if (page.page, index) not in furniture
            ),
            table_spans=page.table_spans,
        )
        for page in pages
    ]


def _edge_lines(page: PageLines) -> list[int]:
    order = sorted(range(len(page.lines)), key=lambda index: page.lines[index].baseline)
    candidates = order[:2] + order[-2:]
    return sorted(
        {
            index
            for index in candidates
            if page.lines[index].baseline < 0.2 * page.height
            or page.lines[index].top > 0.8 * page.height
        }
    )


# ---------------------------------------------------------------------------------------
# Layout: the text column and the usual line pitch.


def estimate_columns(pages: Sequence[PageLines]) -> dict[int, Column]:
    """The text column of every page, shared by all pages of the same size.

    Wrapped lines (a line followed by one that starts at the left edge) show the column best;
    pages without running text (a table with a title) fall back to the extent of lines and
    tables.
    """
    groups: dict[tuple[int, int], list[PageLines]] = defaultdict(list)
    for page in pages:
        groups[(round(page.width), round(page.height))].append(page)
    columns: dict[int, Column] = {}
    for group in groups.values():
        column = _group_column(group)
        for page in group:
            columns[page.page] = column
    return columns


def _group_column(group: Sequence[PageLines]) -> Column:
    lines = [line for page in group for line in page.lines]
    spans = [span for page in group for span in page.table_spans]
    lefts = [line.x0 for line in lines] + [span[0] for span in spans]
    rights = [line.x1 for line in lines] + [span[1] for span in spans]
    if not lefts:
        return Column(0.0, group[0].width)
    left, right = min(lefts), max(rights)
    wrapped_ends: list[float] = []
    continuation_starts: list[float] = []
    for page in group:
        ordered = sorted(page.lines, key=lambda line: line.baseline)
        for prev, line in zip(ordered, ordered[1:]):
            pitch = line.baseline - prev.baseline
            if (
                line.x0 - left < 0.5 * line.size
                and prev.x1 - left > 0.7 * (right - left)
                and 0 < pitch < 2.5 * line.size
            ):
                wrapped_ends.append(prev.x1)
                continuation_starts.append(line.x0)
    if len(wrapped_ends) >= 3:
        column = Column(statistics.median(continuation_starts), statistics.median(wrapped_ends))
    else:
        column = Column(left, right)
    axis = _centred_axis(lines, column)
    return column if axis is None else Column(column.left, column.right, axis)


def _centred_axis(lines: Sequence[Line], column: Column) -> float | None:
    """The middle shared by two or more lines of different widths, indented on both sides.

    Lines of different widths can share a middle only by being centred, so their middle is
    where the page centres text. It is looked for only between the body lines' middle and
    half a character to its right, the most a CJK grid can leave short of the real margin.
    """
    middles: list[tuple[float, float]] = []
    for line in lines:
        em = line.size
        middle = (line.x0 + line.x1) / 2
        tolerance = max(0.2 * em, 2.0)
        if (
            line.x0 - column.left > em
            and column.right - line.x1 > 0.5 * em
            and -tolerance <= middle - column.center <= 0.5 * em + tolerance
        ):
            middles.append((middle, line.x1 - line.x0))
    middles.sort()
    best: list[tuple[float, float]] = []
    start = 0
    for end in range(len(middles)):
        while middles[end][0] - middles[start][0] > AXIS_TOLERANCE:
            start += 1
        group = middles[start : end + 1]
        widths = [width for _, width in group]
        if len(group) > len(best) and max(widths) - min(widths) > AXIS_TOLERANCE:
            best = group
    return statistics.median(middle for middle, _ in best) if best else None


def typical_pitches(pages: Sequence[PageLines]) -> dict[float, float]:
    """The usual distance between baselines of consecutive lines, per font size."""
    pitches: dict[float, list[float]] = defaultdict(list)
    for page in pages:
        ordered = sorted(page.lines, key=lambda line: line.baseline)
        for prev, line in zip(ordered, ordered[1:]):
            pitch = line.baseline - prev.baseline
            if prev.size == line.size and line.size <= pitch <= 2.5 * line.size:
                pitches[line.size].append(pitch)
    return {size: statistics.median(values) for size, values in pitches.items()}


def classify_line(line: Line, column: Column) -> LineKind:
    """Centred when indented and balanced about the column's middle; right when it starts
    past the middle and sits nearer the right edge than the left."""
    em = line.size
    indent = line.x0 - column.left
    tail = column.right - line.x1
    off_center = abs((line.x0 + line.x1) / 2 - column.center)
    if indent > em and tail > 0.5 * em and off_center <= max(0.2 * em, 2.0):
        return LineKind.CENTER
    if line.x0 > column.center and tail < indent:
        return LineKind.RIGHT
    return LineKind.BODY


def line_kinds(lines: Sequence[Line], columns: Mapping[int, Column], pitches: Mapping[float, float]) -> list[LineKind]:
    """Each line's kind in its context: a paragraph's first line whose wrap left a tail as wide as
    its indent (…配合单位:市公安 | 局;…, where 局; could not end the line) looks centred on its own;
    it is body text when the next line goes on from the left margin, at its size and pitch, which
    no centred line (a title, a heading) is ever followed by."""
    kinds = [classify_line(line, columns[line.page]) for line in lines]
    for index, (line, following) in enumerate(zip(lines, lines[1:])):
        column, em = columns[line.page], line.size
        if (
            kinds[index] is LineKind.CENTER
            and kinds[index + 1] is LineKind.BODY
            and following.page == line.page
            and abs(following.size - em) <= 0.1 * em
            and 0 < following.baseline - line.baseline <= _max_pitch(em, pitches)
            and following.x0 - column.left < 0.5 * em
            and 0.9 * INDENT * em <= line.x0 - column.left <= 2.6 * em
            and line.text[-1] not in SENTENCE_END
        ):
            kinds[index] = LineKind.BODY
    return kinds


# ---------------------------------------------------------------------------------------
# Paragraphs.


def lines_to_paragraphs(
    lines: Sequence[Line], columns: Mapping[int, Column], pitches: Mapping[float, float]
) -> list[Paragraph]:
    """Join a run of lines (no table between them) into paragraphs."""
    paragraphs: list[Paragraph] = []
    current: list[Line] = []
    kinds: list[LineKind] = []
    all_kinds = line_kinds(lines, columns, pitches)
    for index, (line, kind) in enumerate(zip(lines, all_kinds)):
        if current and (
            _bridges_title(lines, all_kinds, index, columns, pitches)
            or not _starts_paragraph(current, kinds, line, kind, columns, pitches)
        ):
            current.append(line)
            kinds.append(kind)
            continue
        if current:
            paragraphs.append(_paragraph(current, kinds))
        current, kinds = [line], [kind]
    if current:
        paragraphs.append(_paragraph(current, kinds))
    return paragraphs


# A line that is only a document number: 德办发〔2019〕21号, 甘张政办发[2023]21号
_DOC_NUMBER_LINE = re.compile(r"^\s*[\u4e00-\u9fff]{1,12}\s*[〔\[【(（]\s*(?:19|20)\d{2}\s*[〕\]】)）]\s*第?\s*\d{1,4}\s*号\s*$")


def _starts_paragraph(
    current: list[Line],
    kinds: list[LineKind],
    line: Line,
    kind: LineKind,
    columns: Mapping[int, Column],
    pitches: Mapping[float, float],
) -> bool:
    prev, prev_kind = current[-1], kinds[-1]
    column, prev_column = columns[line.page], columns[prev.page]
    em = max(prev.size, line.size)
    if abs(prev.size - line.size) > 0.1 * em:
        return True
    if line.page == prev.page:
        pitch = line.baseline - prev.baseline
        if pitch <= 0 or pitch > _max_pitch(line.size, pitches):
            return True
    if kind is LineKind.CENTER:
        if _DOC_NUMBER_LINE.match(line.text) or _DOC_NUMBER_LINE.match(prev.text):
            return True  # 甘张政办发〔2023〕21号 between the masthead and the title is a line of its own
        # A title set over several centred lines (manual breaks) stays one paragraph.
        centred_run = prev_kind is LineKind.CENTER and prev.page == line.page
        return not (centred_run or _wrapped_title(current, kinds, line, column))
    if kind is LineKind.RIGHT or prev_kind is not LineKind.BODY:
        return True
    slack = prev_column.right - prev.x1
    if slack > max(line.lead_width + 0.5 * prev.size, INDENT * prev.size):
        return True
    if line.x0 - column.left >= INDENT * line.size:
        block_indented = len(current) > 1 and abs(line.x0 - prev.x0) < 0.5 * line.size
        if not block_indented:
            return True
    return bool(NUMBERED_ITEM.match(line.text)) and not _cut_mid_sentence(prev, line, column)


def _bridges_title(
    lines: Sequence[Line],
    kinds: Sequence[LineKind],
    index: int,
    columns: Mapping[int, Column],
    pitches: Mapping[float, float],
) -> bool:
    """Whether ``lines[index]`` is a full line inside a centred title: a title wrapped over
    three lines (issuer / 关于印发《…》 / 的通知) centres its first and last lines and fills
    the column with the middle one, all at one size and one pitch.

    Only full lines that do not end a sentence qualify, and only up to a centred line, so a
    body paragraph after a title (indented, or ending in 。) never joins it.
    """
    prev = lines[index - 1]
    if kinds[index - 1] is not LineKind.CENTER or kinds[index] is not LineKind.BODY:
        return False
    if _DOC_NUMBER_LINE.match(prev.text):  # a centred 文号 stands above the title, never in it
        return False
    for line, kind in zip(lines[index : index + MAX_TITLE_LINES], kinds[index : index + MAX_TITLE_LINES]):
        pitch = line.baseline - prev.baseline
        if line.page != prev.page or line.size != prev.size or not 0 < pitch <= _max_pitch(line.size, pitches):
            return False
        if kind is LineKind.CENTER:
            return True
        if kind is not LineKind.BODY or not _full_title_line(line, columns[line.page]) or line.text[-1] in SENTENCE_END:
            return False
        prev = line
    return False


def _max_pitch(size: float, pitches: Mapping[float, float]) -> float:
    """The widest baseline distance between two lines of one paragraph."""
    return pitches.get(size, 1.6 * size) + 0.3 * size


def _wrapped_title(current: list[Line], kinds: list[LineKind], line: Line, column: Column) -> bool:
    """A centred title too long for one line fills the column, then centres its last line;
    centred lines may come before the full ones (see ``_bridges_title``)."""
    full = len(kinds)
    while full and kinds[full - 1] is LineKind.BODY:
        full -= 1
    body = current[full:]
    return (
        bool(body)
        and current[0].page == line.page
        and all(kind is LineKind.CENTER for kind in kinds[:full])
        and all(_full_title_line(prev, column) for prev in body)
        and current[-1].text[-1] not in SENTENCE_END
    )


def _fills_column(line: Line, column: Column) -> bool:
    return line.x0 - column.left < 0.5 * line.size and column.right - line.x1 < line.size


def _full_title_line(line: Line, column: Column) -> bool:
    """A title line wrapped by the width: it fills the column, or it is centred with less
    than an em to spare on either side (the next words would not fit, or may not start a line)."""
    off_center = abs((line.x0 + line.x1) / 2 - column.center)
    return _fills_column(line, column) or off_center <= max(0.2 * line.size, 2.0)


def _cut_mid_sentence(prev: Line, line: Line, column: Column) -> bool:
    """A full line cut mid-sentence; its next line only looks like an item (二、三季度)."""
    return (
        column.right - prev.x1 < INDENT * prev.size
        and prev.text[-1] not in SENTENCE_END
        and line.x0 - column.left < 0.5 * line.size
    )


def _paragraph(lines: list[Line], kinds: list[LineKind]) -> Paragraph:
    """Wrapped lines join without a break; centred title lines keep theirs, as in Word."""
    text = lines[0].text
    for index in range(1, len(lines)):
        prev, line = lines[index - 1], lines[index]
        if kinds[index - 1] is LineKind.CENTER:
            joint = "\n"
        elif is_latin(prev.text[-1]) and is_latin(line.text[0]):
            joint = " "
        else:
            joint = ""
        text += joint + line.text
    align: Align | None = None
    if kinds[0] is LineKind.CENTER or kinds[-1] is LineKind.CENTER:
        align = Align.CENTER
    elif kinds[0] is LineKind.RIGHT:
        align = Align.RIGHT
    return Paragraph(text=text, align=align, page=lines[0].page, confidence=lowest_confidence(lines))


def lowest_confidence(lines: Iterable[Line]) -> float | None:
    """The lowest OCR confidence of ``lines``; None when none of them was recognised by OCR."""
    scores = [line.confidence for line in lines if line.confidence is not None]
    return min(scores) if scores else None
