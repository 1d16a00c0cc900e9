"""The HTML reader on the two sample pages (against goldens) and on small pages written here."""

from __future__ import annotations

import codecs
import inspect
import re
import sys
from pathlib import Path

import pytest

from extractors.document import (
    Align,
    Attachment,
    Cell,
    Document,
    MetaKey,
    Paragraph,
    Table,
    document_to_dict,
)
from extractors.readers.errors import ReaderError
from extractors.readers.html import read_html
from tests.conftest import GOLDEN, NOTICES, assert_matches_golden

SAMPLES = NOTICES / "samples"
ITEM = re.compile(r"^(\d+)．")
# Words of the samples' site chrome that their article bodies never use.
CHROME_WORDS = ("首页", "当前位置", "打印", "关闭窗口", "字号", "网站地图", "主办：", "扫一扫",
                "无障碍", "欢迎访问")  # fmt: skip


def read(tmp_path: Path, html: str | bytes, encoding: str = "utf-8") -> Document:
    path = tmp_path / "page.html"
    path.write_bytes(html if isinstance(html, bytes) else html.encode(encoding))
    return read_html(path)


def texts(document: Document) -> list[str]:
    return [paragraph.text for paragraph in document.paragraphs()]


def only_table(document: Document) -> Table:
    (table,) = document.tables()
    return table


def page(body: str, head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


# --- the samples ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["linyi-2023.html", "qingdao-2019.html"])
def test_sample_matches_golden(name: str) -> None:
    document = read_html(SAMPLES / name)
    assert_matches_golden(document_to_dict(document), GOLDEN / "readers" / f"{name}.json")


def test_linyi_body_without_chrome_and_with_info_table_meta() -> None:
    document = read_html(SAMPLES / "linyi-2023.html")
    title = "临沂市人民政府办公室关于印发2023年临沂市政务公开工作要点的通知"
    assert dict(document.meta) == {
        MetaKey.TITLE: title,
        MetaKey.ISSUER: "临沂市人民政府办公室",
        MetaKey.SIGNED: "2023-06-20",
        MetaKey.DOC_NUMBER: "临政办字〔2023〕45号",
    }
    paragraphs = list(document.paragraphs())
    assert paragraphs[:3] == [
        Paragraph(title, Align.CENTER),
        Paragraph("临政办字〔2023〕45号", Align.CENTER),
        # "（管委会）\r\n，市政府" in the source: a Word line wrap between CJK characters
        Paragraph("各县区人民政府（管委会），市政府各部门（单位）："),
    ]
    assert Paragraph("临沂市人民政府办公室", Align.RIGHT) in paragraphs
    assert "一、聚焦绿色低碳高质量发展深化公开" in texts(document)  # "高质量发\r\n展" joined
    assert texts(document)[-1] == "2023年临沂市政务公开工作要点任务分解表"
    numbers = [match.group(1) for text in texts(document) if (match := ITEM.match(text))]
    assert numbers == [str(n) for n in range(1, 18)]  # "1" and "．" sit in separate spans
    assert not [text for text in texts(document) if any(w in text for w in CHROME_WORDS)]
    assert document.warnings == ()


def test_linyi_attachment_table_grid() -> None:
    table = only_table(read_html(SAMPLES / "linyi-2023.html"))
    # 71 rows in the source plus Word's zero-height supportMisalignedColumns row, dropped
    assert (table.n_rows, table.n_cols, table.header_rows) == (71, 4, 0)
    assert table.text_rows()[0] == ["要点任务", "工作要求", "责任单位", "完成时限"]
    headings = [cell for cell in table.cells if cell.col_span == 4]
    assert [cell.text[:2] for cell in headings] == ["一、", "二、", "三、", "四、", "五、"]
    assert all(cell.col == 0 for cell in headings)
    assert Cell(2, 0, "（一）加强高质量发展信息公开。", row_span=5) in table.cells
    assert Cell(20, 0, "（四）深入落实重大行政决策事项公开。", row_span=2) in table.cells
    assert Cell(20, 3, "2023年\n6月底前") in table.cells
    assert (
        Cell(
            3,
            2,
            "各县区政府（管委会），\n市民政局、市住房城乡建设局、市商务局、市文化和旅游局等部门（单位）",
        )
        in table.cells
    )
    assert all(any(row) for row in table.text_rows())


def test_qingdao_body_inside_metadata_list() -> None:
    document = read_html(SAMPLES / "qingdao-2019.html")
    assert dict(document.meta) == {
        MetaKey.TITLE: "关于印发2019年青岛市政务公开工作要点的通知",
        MetaKey.PUBLISHED: "2019-07-04",
    }
    paragraphs = list(document.paragraphs())
    assert paragraphs[0] == Paragraph("关于印发2019年青岛市政务公开工作要点的通知", Align.CENTER)
    assert paragraphs[1].text == "各区、市人民政府，青岛西海岸新区管委，市政府各部门，市直各单位："
    assert paragraphs[3] == Paragraph("青岛市人民政府办公厅", Align.RIGHT)
    # the <strong> heading stays in its paragraph; the typed 　　 indent does not
    assert any(text.startswith("（一）推进决策公开。按照市委") for text in texts(document))
    assert paragraphs[-1] == Paragraph("2019年青岛市政务公开重点工作任务分解落实表", Align.CENTER)
    assert not [text for text in texts(document) if "发布日期" in text or "扫一扫" in text]
    assert list(document.tables()) == []


# --- encodings ------------------------------------------------------------------------------

BODY = "<p>關於印發實施方案的通知。各單位要認真執行，確保工作落實到位。</p>"
SIMPLIFIED = "<p>姓名：㐀䶮𠀀，各单位要认真执行，确保工作落实到位。</p>"  # 㐀䶮𠀀: GB18030 only


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            f"<meta http-equiv='Content-Type' content='text/html; charset=gbk'>{SIMPLIFIED}".encode(
                "gb18030"
            ),
            "姓名：㐀䶮𠀀，各单位要认真执行，确保工作落实到位。",
            id="gbk-declared-gb18030-characters",
        ),
        pytest.param(
            f"<meta charset='big5'>{BODY}".encode("big5"),
            "關於印發實施方案的通知。各單位要認真執行，確保工作落實到位。",
            id="big5-declared",
        ),
        pytest.param(
            f"<meta charset='gb2312'>{BODY}".encode("big5hkscs"),
            "關於印發實施方案的通知。各單位要認真執行，確保工作落實到位。",
            id="big5-declared-gb2312",
        ),
        pytest.param(
            f"<html><body>{BODY}</body></html>".encode("big5"),
            "關於印發實施方案的通知。各單位要認真執行，確保工作落實到位。",
            id="big5-detected",
        ),
        pytest.param(
            codecs.BOM_UTF8 + f"<meta charset='gbk'>{SIMPLIFIED}".encode(),
            "姓名：㐀䶮𠀀，各单位要认真执行，确保工作落实到位。",
            id="utf8-bom-beats-meta",
        ),
        pytest.param(
            f"<?xml version='1.0' encoding='gb2312'?><html><body>{SIMPLIFIED}</body></html>".encode(
                "gb18030"
            ),
            "姓名：㐀䶮𠀀，各单位要认真执行，确保工作落实到位。",
            id="xml-declaration",
        ),
    ],
)
def test_encodings(tmp_path: Path, raw: bytes, expected: str) -> None:
    document = read(tmp_path, raw)
    assert texts(document) == [expected]
    assert document.warnings == ()


def test_a_pre_block_reads_line_for_line_as_text_does(tmp_path: Path) -> None:
    """A notice pasted as plain text into <pre>: its lines, and its space-aligned table."""
    pre = "\n".join(["齐齐哈尔市人民政府办公室", "一、重点任务", "序号  工作任务                责任单位        完成时限",
                      "-" * 56, "1     开展散煤治理。          市生态环境局    10月底前",
                      "2     淘汰燃煤小锅炉。        市发展改革委    年底前", "3     推进清洁取暖。          市住建局        全年"])  # fmt: skip
    document = read(tmp_path, f"<html><body><div class='content'><pre>{pre}</pre></div></body></html>")
    assert texts(document)[:2] == ["齐齐哈尔市人民政府办公室", "一、重点任务"]
    assert [row[0] for row in only_table(document).text_rows()] == ["序号", "1", "2", "3"]


# --- tables ---------------------------------------------------------------------------------


def test_rowspan_colspan_grid(tmp_path: Path) -> None:
    """
    col:   0      1      2      3
         +------+-------------+------+
    r0   | 序号  | 任务 (cs=2)  | 时限  |   <th> row: a header row
         +------+------+------+------+
    r1   | 1    | 甲   | 乙    | 全年  |
         | (rs2)+------+------+ (rs2)|
    r2   |      | 丙 (cs=2)    |      |   丙 must land in column 1, past the rowspan
         +------+------+------+------+
    r3   | 2    | 丁   | 戊    | 6月底前|
         +------+------+------+------+
    """
    html = page(
        "<table border=1>"
        "<tr><th>序号</th><th colspan=2>任务</th><th>时限</th></tr>"
        "<tr><td rowspan=2>1</td><td>甲</td><td>乙</td><td rowspan='2'>全年</td></tr>"
        "<tr><td colspan=2>丙</td></tr>"
        "<tr><td>2</td><td>丁</td><td>戊</td><td>6月底前</td></tr>"
        "</table>"
    )
    table = only_table(read(tmp_path, html))
    assert (table.n_rows, table.n_cols, table.header_rows) == (4, 4, 1)
    assert table.cells == (
        Cell(0, 0, "序号"), Cell(0, 1, "任务", col_span=2), Cell(0, 3, "时限"),
        Cell(1, 0, "1", row_span=2), Cell(1, 1, "甲"), Cell(1, 2, "乙"),
        Cell(1, 3, "全年", row_span=2),
        Cell(2, 1, "丙", col_span=2),
        Cell(3, 0, "2"), Cell(3, 1, "丁"), Cell(3, 2, "戊"), Cell(3, 3, "6月底前"),
    )  # fmt: skip
    assert table.text_rows()[2] == ["1", "丙", "丙", "全年"]


def test_empty_rows_and_columns_are_dropped_and_spans_shrink(tmp_path: Path) -> None:
    """
    +----+----+----+        Column 2 holds no text, the last row is Word's zero-height
    | 甲 | 乙 |    |        alignment row, and 丙's colspan=1000 overshoots the table:
    +----+----+----+        all three vanish, and 丙 spans the two real columns.
    | 丙 (colspan=1000) |
    +----+----+----+
    |    |    |    |  <tr height=0>
    """
    html = page(
        "<table><thead><tr><td>甲</td><td>乙</td><td>&nbsp;</td></tr></thead>"
        "<tr><td colspan=1000>丙</td></tr>"
        "<tr height=0><td></td><td></td><td></td></tr></table>"
    )
    table = only_table(read(tmp_path, html))
    assert (table.n_rows, table.n_cols, table.header_rows) == (2, 2, 1)
    assert table.cells == (Cell(0, 0, "甲"), Cell(0, 1, "乙"), Cell(1, 0, "丙", col_span=2))


def test_br_in_cells_becomes_newline(tmp_path: Path) -> None:
    html = page(
        "<table><tr><td>时限</td><td>单位</td></tr>"
        "<tr><td><p>2023年<br>\n6月底前</p></td><td><p>市政府办公室，</p><p>市大数据局</p></td></tr></table>"
    )
    table = only_table(read(tmp_path, html))
    assert table.text_rows()[1] == ["2023年\n6月底前", "市政府办公室，\n市大数据局"]


GRID_2X2 = "<tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>丁</td></tr>"
ARTICLE = "<p>各单位：</p><p>现将有关事项通知如下，请认真贯彻落实，确保各项工作按时完成。</p>"


@pytest.mark.parametrize(
    ("body", "n_tables", "expected_texts"),
    [
        pytest.param(
            f"<table width=980><tr><td>{ARTICLE * 3}</td></tr></table>",
            0,
            ["各单位："],
            id="one-cell-wrapping-the-article",
        ),
        pytest.param(
            f"<table><tr><td width=200><a href=/a>机构</a><br><a href=/b>政策</a><br>"
            f"<a href=/c>服务</a></td><td>{ARTICLE * 3}</td></tr></table>",
            0,
            ["各单位："],
            id="menu-column-and-article-column",
        ),
        pytest.param(
            f"<table role=presentation>{GRID_2X2}</table>",
            0,
            ["甲", "乙", "丙", "丁"],
            id="role-presentation",
        ),
        pytest.param(
            "<table><tr><td>第一行</td></tr><tr><td>第二行</td></tr></table>",
            0,
            ["第一行", "第二行"],
            id="single-column",
        ),
        pytest.param(
            f"<table border=1>{GRID_2X2}</table>",
            1,
            [],
            id="data-table",
        ),
    ],
)
def test_layout_tables_read_as_paragraphs(
    tmp_path: Path, body: str, n_tables: int, expected_texts: list[str]
) -> None:
    document = read(tmp_path, page(body))
    assert len(list(document.tables())) == n_tables
    for text in expected_texts:
        assert text in texts(document)
    assert not {"机构", "政策", "服务"} & set(texts(document))


def test_nested_data_table_follows_the_outer_one(tmp_path: Path) -> None:
    html = page(
        "<table border=1><tr><td>项目</td><td>明细</td></tr>"
        "<tr><td>经费</td><td>见下表<table border=1><tr><td>年份</td><td>金额</td></tr>"
        "<tr><td>2023</td><td>10万元</td></tr></table></td></tr></table><p>完</p>"
    )
    document = read(tmp_path, html)
    outer, inner, end = document.blocks
    assert isinstance(outer, Table) and isinstance(inner, Table)
    assert outer.text_rows() == [["项目", "明细"], ["经费", "见下表"]]
    assert inner.text_rows() == [["年份", "金额"], ["2023", "10万元"]]
    assert end == Paragraph("完")


# --- paragraphs -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        pytest.param(
            "<div>各单位：<br><br>　　现将有关事项通知如下。<br><br>　　一、总体要求</div>",
            ["各单位：", "现将有关事项通知如下。", "一、总体要求"],
            id="div-with-br-br",
        ),
        pytest.param(
            "<div>各单位：<br>现将有关事项通知如下。<br>特此通知。</div>",
            ["各单位：", "现将有关事项通知如下。", "特此通知。"],
            id="div-with-single-br",
        ),
        pytest.param(
            "<p>　　一、总体要求<br>　　（一）指导思想。坚持稳中求进。</p>",
            ["一、总体要求", "（一）指导思想。坚持稳中求进。"],
            id="br-before-indent",
        ),
        pytest.param(
            "<p align=center>关于印发2023年工作要点<br>的通知</p>",
            ["关于印发2023年工作要点\n的通知"],
            id="br-inside-a-title",
        ),
        pytest.param(
            "<p>加强政务公开\r\n工作，推进 Open\nData 开放。</p>",
            ["加强政务公开工作，推进 Open Data 开放。"],
            id="line-wraps",
        ),
        pytest.param(
            "<p>&nbsp;&nbsp;&nbsp;&nbsp;<span>现将</span><span>《要点》</span><o:p></o:p></p><p>&nbsp;</p>",
            ["现将《要点》"],
            id="word-spans-and-empty-paragraphs",
        ),
        pytest.param(
            "<p>各单位<span style='display: none'>干扰</span>要<b>认真</b>执行。"
            "<span class='share-btn'>分享</span></p>",
            ["各单位要认真执行。"],
            id="hidden-and-named-spans",
        ),
    ],
)
def test_paragraph_boundaries(tmp_path: Path, body: str, expected: list[str]) -> None:
    assert texts(read(tmp_path, page(body))) == expected


@pytest.mark.parametrize(
    ("body", "align"),
    [
        ("<p style='text-align: center;'>甲</p>", Align.CENTER),
        ("<p align=right>甲</p>", Align.RIGHT),
        ("<div style='TEXT-ALIGN: right'><p>甲</p></div>", Align.RIGHT),
        ("<center><p>甲</p></center>", Align.CENTER),
        ("<p style='text-align:justify;text-justify:inter-ideograph'>甲</p>", Align.LEFT),
        ("<p>甲</p>", None),
    ],
)
def test_alignment(tmp_path: Path, body: str, align: Align | None) -> None:
    assert list(read(tmp_path, page(body)).paragraphs()) == [Paragraph("甲", align)]


# --- page furniture -------------------------------------------------------------------------

CHROME_PAGE = """<html><head><title>关于做好安全生产工作的通知 - 某某县人民政府</title></head><body>
<div id="menu"><a href="/">首页</a> <a href="/a">机构</a> <a href="/b">政务公开</a>
<a href="/c">办事</a></div>
<div>当前位置：<a href="/">首页</a> &gt; <a href="/tz">通知公告</a></div>
<div class="nr">
<div>发布时间：2023-05-01　来源：县应急管理局　浏览次数：23</div>
<div>各乡镇人民政府：<br><br>　　为做好安全生产工作，现将有关事项通知如下。<br>
　　一、加强组织领导</div>
<p>分享到：<a href="#">微信</a><a href="#">微博</a></p>
</div>
<div>【打印本页】【关闭窗口】</div>
<div>主办单位：某某县人民政府办公室<br>网站标识码：1234567890　鲁ICP备12345号</div>
</body></html>"""


def test_chrome_removed_by_names_phrases_and_link_density(tmp_path: Path) -> None:
    """No class names in this page say what is chrome except ``menu``: the rest goes by
    phrases (当前位置, 分享到, 【打印本页】, 网站标识码) and link density."""
    document = read(tmp_path, CHROME_PAGE)
    assert list(document.paragraphs()) == [
        Paragraph("关于做好安全生产工作的通知", Align.CENTER),  # from <title>, site name cut off
        Paragraph("各乡镇人民政府："),
        Paragraph("为做好安全生产工作，现将有关事项通知如下。"),
        Paragraph("一、加强组织领导"),
    ]
    assert dict(document.meta) == {
        MetaKey.TITLE: "关于做好安全生产工作的通知",
        MetaKey.PUBLISHED: "2023-05-01",
        MetaKey.ISSUER: "县应急管理局",
    }


def test_info_table_and_meta_tags_go_to_meta(tmp_path: Path) -> None:
    head = (
        "<meta name='ArticleTitle' content='关于开展检查的通知'>"
        "<meta name='PubDate' content='2023-07-01'>"
        "<meta name='ContentSource' content='某某网'>"
    )
    body = (
        "<table class=info><tr><td>索 引 号：</td><td>11370000/2023-00001</td>"
        "<td>发布机构：</td><td>某某市人民政府</td></tr>"
        "<tr><td>成文日期：</td><td>2023-06-28</td><td>发文字号：</td><td>某政发〔2023〕3号</td></tr></table>"
        "<div class=article><h1 class=title>关于开展检查的通知</h1>"
        "<p>各区县：</p><p>文号：不是信息栏，只有一个标签的正文行留在正文里。</p></div>"
    )
    document = read(tmp_path, page(body, head))
    assert dict(document.meta) == {
        MetaKey.TITLE: "关于开展检查的通知",
        MetaKey.PUBLISHED: "2023-07-01",
        MetaKey.ISSUER: "某某市人民政府",  # the info table beats ContentSource
        MetaKey.SIGNED: "2023-06-28",
        MetaKey.DOC_NUMBER: "某政发〔2023〕3号",
        MetaKey.INDEX_NUMBER: "11370000/2023-00001",
    }
    assert list(document.tables()) == []
    assert texts(document) == [
        "关于开展检查的通知",
        "各区县：",
        "文号：不是信息栏，只有一个标签的正文行留在正文里。",
    ]


def test_title_not_repeated_when_the_body_opens_with_it(tmp_path: Path) -> None:
    body = "<div class=content><p align=center>关于开展<br>检查的通知</p><p>各区县：</p></div>"
    document = read(tmp_path, page(body, "<title>关于开展检查的通知_某某市</title>"))
    assert texts(document) == ["关于开展\n检查的通知", "各区县："]
    assert document.meta[MetaKey.TITLE] == "关于开展检查的通知"


@pytest.mark.parametrize(
    ("href", "text", "expected"),
    [
        (
            "/up/2023/附件1.DOC",
            "附件1：任务分解表",
            Attachment("附件1：任务分解表", "/up/2023/附件1.DOC"),
        ),
        ("files/a.pdf?v=2", "", Attachment("a.pdf", "files/a.pdf?v=2")),
        (
            "/dl.jsp?file=%E8%A1%A8.xlsx&id=3",
            " ",
            Attachment("表.xlsx", "/dl.jsp?file=%E8%A1%A8.xlsx&id=3"),
        ),
        ("b.docx#page=2", "说明", Attachment("说明", "b.docx#page=2")),
        *[
            (f"/f/c.{ext}", "文件", Attachment("文件", f"/f/c.{ext}"))
            for ext in ("xls", "wps", "et", "ofd", "zip", "RAR")
        ],
        ("javascript:download('a.pdf')", "下载", None),
        ("/news/a.pdf.html", "新闻", None),
        ("/docs/", "文档", None),
    ],
)
def test_attachment_links(
    tmp_path: Path, href: str, text: str, expected: Attachment | None
) -> None:
    body = f'<p>正文。</p><p>附件：<a href="{href}">{text}</a></p><p><a href="{href}">再次</a></p>'
    document = read(tmp_path, page(body))
    assert document.attachments == ((expected,) if expected else ())


# --- bad and hostile input ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b" \r\n\t ", "empty"),
        (
            b"<html><body><!-- x --><script>var a = '\xe6\xad\xa3';</script></body></html>",
            "no readable text",
        ),
        (bytes(range(256)) * 8, "binary"),
    ],
)
def test_unreadable_pages_raise_reader_error(tmp_path: Path, raw: bytes, reason: str) -> None:
    path = tmp_path / "bad.html"
    path.write_bytes(raw)
    with pytest.raises(ReaderError, match=reason) as error:
        read_html(path)
    assert error.value.path == path
    assert str(path) in str(error.value)


def test_missing_file_raises_reader_error(tmp_path: Path) -> None:
    with pytest.raises(ReaderError, match="cannot read"):
        read_html(tmp_path / "missing.html")


def test_ten_thousand_nested_tags_fall_back_to_flat_text(tmp_path: Path) -> None:
    html = page("<p>开头</p>" + "<div><span>" * 5000 + "深处的正文" + "</span></div>" * 5000)
    document = read(tmp_path, html)
    assert texts(document) == ["开头", "深处的正文"]
    assert len(document.warnings) == 1 and "flat text" in document.warnings[0]


def test_recursion_error_falls_back_to_flat_text(tmp_path: Path) -> None:
    """Data tables nested 80 deep stay under libxml2's depth limit (256) but make the walker
    recurse (table → cell → table …); out of stack, it must fall back to flat text."""
    level = "<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>"
    html = page(level * 80 + "最里层" + "</td></tr></table>" * 80)
    path = tmp_path / "nested.html"
    path.write_text(html, encoding="utf-8")
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(len(inspect.stack()) + 120)
    try:
        document = read_html(path)
    finally:
        sys.setrecursionlimit(limit)
    assert "最里层" in texts(document)
    assert list(document.tables()) == []
    assert len(document.warnings) == 1 and "recursion" in document.warnings[0]


def test_nested_data_tables_within_the_parser_limit_are_read(tmp_path: Path) -> None:
    level = "<table><tr><td>甲</td><td>乙</td></tr><tr><td>丙</td><td>"
    document = read(tmp_path, page(level * 80 + "最里层" + "</td></tr></table>" * 80))
    assert len(list(document.tables())) == 80
    assert document.warnings == ()


def test_entities_are_not_expanded_nor_fetched(tmp_path: Path) -> None:
    html = (
        '<!DOCTYPE html [<!ENTITY a "哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><p>正文&b;&xxe;结束</p></body></html>"
    )
    assert texts(read(tmp_path, html)) == ["正文&b;&xxe;结束"]


def test_undecodable_bytes_are_a_warning(tmp_path: Path) -> None:
    raw = "<p>各单位".encode("gb18030") + b"\xff" + "要认真执行，确保落实。</p>".encode("gb18030")
    document = read(tmp_path, raw)
    assert texts(document) == ["各单位\ufffd要认真执行，确保落实。"]
    assert document.warnings == ("1 bytes could not be decoded as gb18030",)


def test_site_name_heading_loses_to_the_article_title(tmp_path: Path) -> None:
    body = (
        "<h1 class=sitename>某某市人民政府</h1>"
        "<div class=main><div class=art-title>关于开展检查的通知</div><div class=content>"
        "<p>各区县：</p>" + "<p>现将有关事项通知如下，请认真贯彻落实。</p>" * 3 + "</div></div>"
    )
    document = read(tmp_path, page(body, "<title>关于开展检查的通知_某某市人民政府</title>"))
    assert document.meta[MetaKey.TITLE] == "关于开展检查的通知"
    assert texts(document)[:2] == ["关于开展检查的通知", "各区县："]


@pytest.mark.parametrize(
    ("reference", "kept"),
    [
        ('<a style="mso-footnote-id:ftn1" href="#_ftn1" name="_ftnref1"><span class=MsoFootnoteReference>[1]</span></a>', ""),
        ('<a href="#_edn2" name="_ednref2"><sup>[ii]</sup></a>', ""),
        ('<a href="#_Toc123">[1]</a>', "[1]"),  # a link to a heading is text like any other
    ],
    ids=["footnote", "endnote", "other-anchor"],
)
def test_word_note_marks_leave_the_text_and_the_notes_stay(tmp_path: Path, reference: str, kept: str) -> None:
    html = page(
        f"<p>严格落实“13710”工作制度{reference}落实情况督查。</p>"
        '<p class=MsoFootnoteText><a href="#_ftnref1" name="_ftn1">[1]</a> “13710”指事项1天内交办。</p>'
    )
    assert texts(read(tmp_path, html)) == [f"严格落实“13710”工作制度{kept}落实情况督查。", "[1] “13710”指事项1天内交办。"]
