"""The parts of a notice page around its work points: chrome, title, signature lines."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractors import layout
from extractors.document import Align, Paragraph
from extractors.layout import is_chrome, is_date_line, is_org_name, is_signature_part, is_title, strip_chrome

TITLES = [
    ("临沂市人民政府办公室关于印发2023年临沂市政务公开工作要点的通知", True, "issuer-about-notice"),
    ("关于全面推进信息与政务公开工作的实施意见", True, "about-opinion"),
    ("临海市全面推进基层政务公开标准化规范化工作实施方案", True, "plan-without-about"),
    ("2023年临沂市政务公开工作要点", True, "work-points"),
    ("现将《2023年临沂市政务公开工作要点》印发给你们,请结合实际认真抓好贯彻落实。", False, "sentence-naming-a-title"),
    ("关于做好2019年政务公开工作的通知。", False, "ends-with-full-stop"),
    ("各县区人民政府,市政府各部门:", False, "salutation"),
    ("一、总体要求", False, "item-heading"),
    ("通知", False, "too-short"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in TITLES], ids=[c[2] for c in TITLES])
def test_is_title(text: str, expected: bool) -> None:
    assert is_title(text) is expected


CHROME = [
    ("字体大小: 打印", True, "font-size-bar"),
    ("【打印本页】【关闭窗口】", True, "print-close"),
    ("【大】【中】【小】", True, "size-buttons"),
    ("分享到:", True, "share"),
    ("扫一扫在手机打开当前页", True, "qr-code"),
    ("当前位置:首页>政务公开", True, "breadcrumb"),
    ("首页 > 政策文件", True, "breadcrumb-from-home"),
    ("浏览次数:1234", True, "counter"),
    ("版权所有:临沂市人民政府", True, "copyright"),
    ("鲁ICP备05006306号", True, "icp-licence"),
    ("主办单位:临沂市人民政府办公室", True, "site-sponsor"),
    ("上一篇:关于做好政务公开工作的通知", True, "previous-article"),
    ("打印", True, "lone-print"),
    ("一、总体要求", False, "item-heading"),
    ("牵头单位:市发改委", False, "unit-label"),
    ("各部门要认真打印和分发文件。", False, "sentence-with-print"),
    ("无障碍浏览", True, "accessibility-switch"),
    ("无障碍", True, "lone-accessibility"),
    ("推进城市无障碍设施建设,新建改造盲道20公里。", False, "accessible-facilities-are-work"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in CHROME], ids=[c[2] for c in CHROME])
def test_is_chrome(text: str, expected: bool) -> None:
    assert is_chrome(text) is expected


ORGS = [
    ("临沂市人民政府办公室", True, "government-office"),
    ("临沂市人民政府", True, "government"),
    ("青岛市人民政府办公厅", True, "general-office"),
    ("郑州经济技术开发区管理委员会办公室", True, "zone-committee-office"),
    ("宿迁市市场监督管理局", True, "bureau"),
    ("中共临沂市委办公室", True, "party-office"),
    ("市政府各部门要抓好落实", False, "sentence"),
    ("市发改委、市财政局", False, "unit-list"),
    ("2023年6月20日", False, "date"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in ORGS], ids=[c[2] for c in ORGS])
def test_is_org_name(text: str, expected: bool) -> None:
    assert is_org_name(text) is expected


DATES = [
    ("2023年6月20日", True, "chinese-date"),
    ("2023 年 6 月 20 日", True, "spaced"),
    ("二〇二三年六月二十日", True, "chinese-numerals"),
    ("2023-06-20", True, "iso"),
    ("2023.6.20", True, "dotted"),
    ("2020710", True, "lost-characters"),
    ("20200710", True, "compact"),
    ("2023年", False, "bare-year"),
    ("2020年7月10日前", False, "deadline"),
    ("发布日期:2023-06-20", False, "labelled"),
]


@pytest.mark.parametrize(("text", "expected"), [c[:2] for c in DATES], ids=[c[2] for c in DATES])
def test_is_date_line(text: str, expected: bool) -> None:
    assert is_date_line(text) is expected


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (Paragraph("临沂市人民政府办公室", Align.RIGHT), True),
        (Paragraph("2023年6月20日"), True),
        (Paragraph("(此件公开发布)"), True),
        (Paragraph("各县区政府要抓好落实。"), False),
    ],
    ids=["issuer", "date", "publication-note", "sentence"],
)
def test_is_signature_part(paragraph: Paragraph, expected: bool) -> None:
    assert is_signature_part(paragraph) is expected


def test_strip_chrome_splits_head_title_and_body() -> None:
    page = [
        Paragraph("当前位置:首页>政务公开"),
        Paragraph("发布日期:2020-07-10"),
        Paragraph("临海市人民政府办公室关于印发工作实施方案的通知"),
        Paragraph("字体大小:【大】【中】【小】"),
        Paragraph("各镇人民政府、街道办事处:"),
        Paragraph("【打印本页】【关闭窗口】"),
        Paragraph("12"),
    ]
    layout = strip_chrome(page)
    assert [p.text for p in layout.head] == ["发布日期:2020-07-10"]
    assert layout.title_index == 0
    assert [p.text for p in layout.body] == ["临海市人民政府办公室关于印发工作实施方案的通知", "各镇人民政府、街道办事处:"]


def test_strip_chrome_takes_the_notice_s_fuller_title_below_the_page_s() -> None:
    page = [
        Paragraph("南谯区人民政府办公室关于印发南谯区防汛抗旱工作方案的通知"),
        Paragraph("发布机构:南谯区人民政府办公室 文号:南谯政办〔2021〕9号"),
        Paragraph("滁州市南谯区人民政府办公室关于印发南谯区防汛抗旱工作方案的通知"),
        Paragraph("南谯政办〔2021〕9号"),
    ]
    layout = strip_chrome(page)
    assert layout.body[0].text == "滁州市南谯区人民政府办公室关于印发南谯区防汛抗旱工作方案的通知"
    assert [p.text for p in layout.head][-1] == "发布机构:南谯区人民政府办公室 文号:南谯政办〔2021〕9号"


_ONE_CHROME_PATTERN = re.compile(f"^(?:{layout._CHROME_LINE.pattern})|{layout._CHROME_ANYWHERE.pattern}")


@given(st.text(alphabet="字体大小号:[]【】()打印本页关闭窗口分享到微信微博QQ上一篇相关链接返回首页> 当前位置政务公开", max_size=24))
def test_chrome_in_two_patterns_is_chrome_in_one(text: str) -> None:
    assert is_chrome(text) == bool(len(text) <= 100 and _ONE_CHROME_PATTERN.search(layout._plain(text)))
