"""A notice's metadata from small hand-built pages: issuer, signed date, number, region, year."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import pytest

from extractors.document import Align, Cell, MetaKey, Paragraph, Table
from extractors.layout import strip_chrome
from extractors.metadata import extract_metadata, normalize_doc_number
from extractors.regions import find_province
from extractors.model import NoticeMetadata
from extractors.regions import region_of_issuer


def metadata(text: str, meta: Mapping[MetaKey, str] | None = None) -> NoticeMetadata:
    lines = [Paragraph(line) for line in text.strip("\n").split("\n")]
    return extract_metadata(strip_chrome(lines), meta or {})


LINYI = """
字体大小:【大】【中】【小】
临沂市人民政府办公室关于印发2023年临沂市政务公开工作要点的通知
临政办字〔2023〕45号
各县区人民政府(管委会),市政府各部门:
现将《2023年临沂市政务公开工作要点》印发给你们,请结合实际认真抓好贯彻落实。
临沂市人民政府办公室
2023年6月20日
(此件公开发布)
【打印本页】【关闭窗口】
"""


def test_signature_and_date_give_issuer_and_signed() -> None:
    found = metadata(LINYI)
    assert found == NoticeMetadata(
        title="临沂市人民政府办公室关于印发2023年临沂市政务公开工作要点的通知",
        issuer="临沂市人民政府办公室",
        doc_number="临政办字〔2023〕45号",
        region="临沂市",
        year=2023,
        signed=date(2023, 6, 20),
        region_level="city",
        province=None,
    )


def test_signature_date_with_lost_characters() -> None:
    found = metadata("""
临海市人民政府办公室关于印发基层政务公开标准化规范化工作实施方案的通知
各镇人民政府、街道办事处,市政府直属各单位:
现将方案印发给你们,请认真组织实施。
临海市人民政府办公室
2020710
""")
    assert (found.issuer, found.signed, found.region, found.year) == (
        "临海市人民政府办公室",
        date(2020, 7, 10),
        "临海市",
        2020,
    )


def test_document_number_cited_in_a_sentence_is_not_the_notices() -> None:
    found = metadata("""
关于做好政务公开工作的通知
各单位:
根据《国务院办公厅关于印发政务公开工作要点的通知》(国办发〔2019〕14号)要求,现就有关事项通知如下。
""")
    assert found.doc_number is None


def test_document_number_on_its_own_line_is_normalized() -> None:
    found = metadata("关于做好政务公开工作的通知\n临政办字[2023]第45号\n各单位:")
    assert found.doc_number == "临政办字〔2023〕45号"


def test_document_number_from_reader_metadata_wins() -> None:
    found = metadata("关于做好政务公开工作的通知\n临政办字〔2022〕3号\n各单位:", {MetaKey.DOC_NUMBER: "临政办发(2023)7号"})
    assert found.doc_number == "临政办发〔2023〕7号"


def _table(first_row: list[tuple[str, int]], n_cols: int = 5) -> Table:
    """A table whose first row holds these (text, columns spanned) cells, over one data row."""
    cells, col = [], 0
    for text, span in first_row:
        cells.append(Cell(0, col, text, col_span=span))
        col += span
    cells += [Cell(1, c, f"任务{c}") for c in range(n_cols)]
    return Table(tuple(cells), 2, n_cols)


@pytest.mark.parametrize(
    ("first_row", "expected"),
    [
        ([("丹政办发〔2019〕21号", 5)], "丹政办发〔2019〕21号"),
        ([("文号:丹政办发〔2019〕21号", 5)], "丹政办发〔2019〕21号"),
        ([("依据丹政办发〔2019〕21号文件要求制定本台账", 5)], None),  # a number cited in a sentence
        ([("丹政办发〔2019〕21号", 3), ("2019年4月", 2)], None),  # not a caption row across the table
    ],
    ids=["alone", "labelled", "cited-in-a-sentence", "not-across-the-table"],
)
def test_document_number_in_a_tables_caption_row(first_row: list[tuple[str, int]], expected: str | None) -> None:
    """A 台账 published as a table alone may state its number in a first row across the table."""
    lines = [Paragraph("丹东市2019年政务公开工作台账")]
    assert extract_metadata(strip_chrome(lines), {}, [_table(first_row)]).doc_number == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("临政办字[2023]第45号", "临政办字〔2023〕45号"),
        ("浙政办发(2020)16号", "浙政办发〔2020〕16号"),
        ("国办发〔2019〕054号", "国办发〔2019〕54号"),
        ("2023年6月20日", None),
        ("三亚市人民政府办公室三府办〔2024〕18号", "三府办〔2024〕18号"),
        ("市政府办公室〔2020〕3号", "市政府办公室〔2020〕3号"),
    ],
    ids=["square-brackets-and-di", "parentheses", "leading-zero", "no-number", "issuer-glued-before-its-code", "an-office-as-the-code"],
)
def test_normalize_doc_number(text: str, expected: str | None) -> None:
    assert normalize_doc_number(text) == expected


# --- region ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("issuer", "region"),
    [
        ("郑州经济技术开发区管理委员会办公室", "郑州经济技术开发区"),
        ("临沂市人民政府办公室", "临沂市"),
        ("宿迁市市场监督管理局", "宿迁市"),
        ("青岛市人民政府办公厅", "青岛市"),
    ],
    ids=["development-zone", "city-government", "city-bureau", "city-general-office"],
)
def test_region_of_issuer(issuer: str, region: str) -> None:
    assert region_of_issuer(issuer) == region


def test_region_from_the_issuer_of_the_signature() -> None:
    found = metadata("""
关于全面推进信息与政务公开工作的实施意见
各局办:
为深入推进政务公开,结合我区实际,提出如下意见。
郑州经济技术开发区管理委员会办公室
""")
    assert (found.issuer, found.region) == ("郑州经济技术开发区管理委员会办公室", "郑州经济技术开发区")


def test_region_from_the_title_without_an_issuer() -> None:
    found = metadata("关于印发宿迁市2021年政务公开工作要点的通知\n各县区:\n现将要点印发给你们。")
    assert (found.issuer, found.region) == (None, "宿迁市")


def test_region_from_the_body_without_issuer_or_title() -> None:
    found = metadata("""
2021年是“十四五”开局之年,全市政务公开工作要点如下。
一、聚焦重点领域信息公开
(一)立足规划实施做好信息公开。主动公开宿迁市“十四五”科技创新规划。
""")
    assert (found.title, found.issuer, found.region) == (None, None, "宿迁市")


# --- year -----------------------------------------------------------------------------------

YEARS = [
    ("关于印发2023年政务公开工作要点的通知\n临政办字〔2022〕45号\n2021年是关键之年。", 2023, "title-first"),
    ("关于做好政务公开工作的通知\n郑办〔2017〕15号\n2015年是关键之年。", 2017, "then-document-number"),
    ("关于做好食品安全工作的通知\n淄食安办〔2023〕15号\n2024年是关键之年。", 2024, "numbered-in-december-for-next-year"),
    ("索引号:41604893X/2018-01173\n关于做好政务公开工作的通知\n各单位:\n2021年是“十四五”开局之年。", 2021,
     "then-leading-year-of-body"),
    ("索引号:41604893X/2018-01173\n发布日期:2019-03-05\n关于做好政务公开工作的通知\n各单位:\n现就有关事项通知如下。", 2018,
     "then-index-number"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "year"), [c[:2] for c in YEARS], ids=[c[2] for c in YEARS])
def test_year_of_the_work_points(text: str, year: int) -> None:
    assert metadata(text).year == year


def test_published_date_from_the_page_head() -> None:
    found = metadata("索引号:41604893X/2018-01173\n发布日期:2019-03-05\n关于做好政务公开工作的通知\n各单位:")
    assert found.published == date(2019, 3, 5)
    assert found.signed is None


@pytest.mark.parametrize(
    ("region", "issuer", "title", "doc_number", "body", "province"),
    [
        ("临海市", "临海市人民政府办公室", None, None, ["浙江政务服务网"], "浙江省"),
        ("南京市", "南京市人民政府办公厅", None, "宁政办发〔2022〕3号", [], None),  # 宁 is 南京's, not 宁夏's
        ("江苏省", "江苏省人民政府办公厅", None, "苏政办发〔2022〕15号", [], "江苏省"),
        ("广州市", None, None, "粤府办〔2021〕8号", [], "广东省"),
        ("宿迁市", None, None, None, ["认真落实对江苏工作的重要指示要求", "江苏政府法制网"], "江苏省"),
        ("青岛市", "青岛市人民政府办公厅", None, "青政办字〔2019〕5号", ["学习借鉴国家和省基层试点经验"], None),
        ("吉安市", "吉安市人民政府办公室", None, "吉府办字〔2021〕18号", [], None),  # 吉 is 吉安's here, not 吉林's
        ("黔江区", "黔江区人民政府办公室", None, "黔江府办发〔2024〕5号", ["全区"], None),  # not 贵州 (黔)
        ("九江市", None, None, None, ["庐山西海风景名胜区管委会", "江西省生态环境厅"], "江西省"),  # 庐山|西海: no 山西
    ],
    ids=["short-name-in-body", "nanjing-number", "province-issuer", "number-prefix", "most-named", "not-shown",
         "city-s-own-number", "district-s-own-number", "name-across-two-words"],
)
def test_province_only_where_the_notice_shows_it(region, issuer, title, doc_number, body, province) -> None:
    assert find_province(region, issuer, title, doc_number, body) == province


@pytest.mark.parametrize(
    ("signed", "body", "year"),
    [
        ("2023年12月28日", ["2024年全县政务公开工作要点", "2024年底前完成"], 2024),
        ("2023年12月28日", ["2023年工作总结", "2023年成效"], 2023),
        ("2023年6月28日", ["2024年底前完成"], 2023),
    ],
    ids=["december-plans-next-year", "december-reviews-this-year", "june"],
)
def test_year_of_a_notice_dated_only_by_its_signature(signed: str, body: list[str], year: int) -> None:
    paragraphs = [Paragraph("各乡镇人民政府:"), *(Paragraph(text) for text in body), Paragraph("某某县人民政府办公室"), Paragraph(signed)]
    metadata = extract_metadata(strip_chrome(paragraphs), {})
    assert metadata.year == year


# --- the 红头 above the title -----------------------------------------------------------------


def test_document_number_under_the_red_header_above_the_title() -> None:
    found = metadata("""
铜陵市人民政府办公室文件
铜政办〔2024〕11号
铜陵市人民政府办公室关于印发铜陵市2024年城市更新行动实施方案的通知
各县市区人民政府,市政府各部门:
现将方案印发给你们,请认真组织实施。
""")
    assert (found.doc_number, found.year) == ("铜政办〔2024〕11号", 2024)


def test_a_number_cited_above_the_title_in_a_sentence_is_not_the_notices() -> None:
    found = metadata("""
根据国办发〔2019〕54号文件精神制定本方案的相关说明
关于做好政务公开工作的通知
各单位:
""")
    assert found.doc_number is None


def test_issuer_line_over_a_title_that_opens_with_guanyu() -> None:
    found = metadata("""
邢政办字〔2019〕21号
邢台市人民政府办公室
关于印发邢台市2019年养老服务体系建设工作方案的通知
各县(市、区)人民政府,市政府有关部门:
现将方案印发给你们。
""")
    assert found.title == "邢台市人民政府办公室关于印发邢台市2019年养老服务体系建设工作方案的通知"
    assert found.doc_number == "邢政办字〔2019〕21号"


def test_a_right_aligned_name_above_the_title_is_not_its_issuer_line() -> None:
    lines = [Paragraph("某某县人民政府办公室", align=Align.RIGHT), Paragraph("关于做好防汛工作的通知"), Paragraph("各乡镇:")]
    assert extract_metadata(strip_chrome(lines), {}).title == "关于做好防汛工作的通知"


def test_title_broken_over_two_centred_lines() -> None:
    lines = [
        Paragraph("某某市人民政府办公室关于印发某某市2024年", align=Align.CENTER),
        Paragraph("政务公开工作要点的通知", align=Align.CENTER),
        Paragraph("各县区人民政府:"),
        Paragraph("现将要点印发给你们。"),
    ]
    found = extract_metadata(strip_chrome(lines), {})
    assert found.title == "某某市人民政府办公室关于印发某某市2024年政务公开工作要点的通知"


@pytest.mark.parametrize(
    ("signature", "issuer", "region"),
    [
        ("宿迁市发展和改革委员会宿迁市财政局", "宿迁市发展和改革委员会", "宿迁市"),
        ("中共宿迁市委办公室宿迁市人民政府办公室", "中共宿迁市委办公室", "宿迁市"),
        ("宿迁市宿城区人民政府", "宿迁市宿城区人民政府", "宿迁市宿城区"),
    ],
    ids=["two-bureaus", "party-and-government-offices", "one-body-with-two-places"],
)
def test_the_first_body_of_a_joint_signature_issues(signature: str, issuer: str, region: str) -> None:
    lines = [Paragraph("关于印发2024年工作要点的通知"), Paragraph("各单位:"), Paragraph("现印发给你们。"),
             Paragraph(signature, align=Align.RIGHT), Paragraph("2024年3月1日", align=Align.RIGHT)]  # fmt: skip
    found = extract_metadata(strip_chrome(lines), {})
    assert (found.issuer, found.region) == (issuer, region)


@pytest.mark.parametrize("key", [MetaKey.TEXT_BOXES, MetaKey.PAGE_HEADER], ids=["text-box", "page-header"])
def test_a_document_number_set_outside_the_text_flow(key: MetaKey) -> None:
    found = metadata("忻州市河长制办公室关于印发工作方案的通知\n各县(市、区)河长办:", {key: "忻州市河长制办公室文件\n忻河长办发〔2019〕6号"})
    assert found.doc_number == "忻河长办发〔2019〕6号"


def test_a_number_after_its_issuer_s_name_in_a_header_line() -> None:
    found = metadata("关于印发旅游消费实施方案的通知\n各区人民政府:", {MetaKey.PAGE_HEADER: "三亚市人民政府办公室\t\t三府办〔2024〕18号"})
    assert found.doc_number == "三府办〔2024〕18号"


def test_a_number_cited_in_a_running_header_is_no_document_number() -> None:
    found = metadata("关于印发工作方案的通知\n各单位:", {MetaKey.PAGE_HEADER: "根据国办发〔2019〕54号文件精神制定"})
    assert found.doc_number is None


def test_a_title_opening_with_a_place_jieba_does_not_know_names_the_region() -> None:
    assert metadata("陈仓区2024年重点工作任务分解表\n序号").region == "陈仓区"


def test_a_city_and_its_district_written_as_one_are_the_region() -> None:
    assert metadata("景德镇市昌江区2023年教育民生重点项目计划表\n序号").region == "景德镇市昌江区"
