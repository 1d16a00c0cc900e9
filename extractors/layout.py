"""The parts of a notice page around its work points: site chrome, title, signature, attachments.

Web pages wrap a notice in navigation, share bars and footers; every format carries a signature
block, publication notes and attachment headings. These rules tell them from the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.document import Align, Paragraph

# Site chrome: 字体大小, 打印, 分享到, 关闭窗口, 扫一扫, breadcrumbs, counters, footers. Phrases
# that make a line chrome wherever they stand, and lines that are chrome as a whole or by their
# opening; kept apart because a pattern mixing ``^`` with literals loses the regex engine's
# first-character scan, which is most of the speed of a search over every line.
_CHROME_ANYWHERE = re.compile(
    r"字体大小|字号\s*[:]?\s*[\[【(]?\s*(大|\]|】)|【\s*打印|关闭(窗口|本页)"
    r"|分享到|扫一扫|您(现在|当前)的?位置|访问次数|浏览次数|阅读次数|点击数[:]"
    r"|Produced\s+By|版权所有|网站标识码|ICP备|公网安备|网站地图|长者(浏览)?模式|无障碍(浏览|阅读)"
)
_CHROME_LINE = re.compile(
    r"【?\s*打印(本页|此页|文章)?\s*】?$|当前位置|首页\s*>|主办单位[:]|承办单位[:]|主办[:]"
    r"|联系我们|欢迎访问|技术支持|\[\s*\]$|【\s*(大|中|小)\s*】"
    r"|(?:(?:微信|微博|QQ空间|QQ|朋友圈|今日头条|抖音|分享)\s*[:]?\s*){2,}$"
    r"|(上一篇|下一篇)[:]|相关(链接|文件|阅读)[:]?$|(收藏|返回顶部|返回|打印|关闭)$|无障碍(模式|版|通道)?$"
)
# Lines before the title that carry metadata in a CMS list: 发布日期 2019-07-04, 索引号 …
_BULLET = re.compile(r"^[•·●▪■◆\-*]\s*")
INDEX_NUMBER = re.compile(r"(?:索引号[:]?\s*)?\b([0-9A-Za-z]{6,}/(\d{4})-\d+)\b")
PUBLISHED_LABEL = re.compile(r"(?:发布|公开|发文)(?:日期|时间)\s*[:]?\s*(\S+)")
DATE_ONLY = re.compile(
    r"^(?:(?:19|20)\d{2}年\d{1,2}月\d{1,2}日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}|(?:19|20)\d{5,6}(?:日)?|"
    r"[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日)$"
)

# 关于印发2023年临沂市政务公开工作要点的通知 / …实施意见 / …工作方案, and the title of a task
# table published on its own (…工作要点任务分解表, …问题整改台账)
TITLE_END = re.compile(
    r"(通知|通报|意见|实施意见|方案|实施方案|工作方案|要点|工作要点|决定|办法|细则|规划|计划|函|批复|报告|清单|公告"
    r"|(?:分解|分工|清单|一览|任务|责任|进度|计划|项目)表|台账)$"
)
# A qualifier closing a title: …办法(试行), …清单(政务服务类), …方案(征求意见稿)
_TITLE_QUALIFIER = re.compile(r"\([^()]{1,12}\)$")
TITLE_START = re.compile(r"关于|^[\u4e00-\u9fff]{2,30}(人民政府|办公室|办公厅|委员会|管委会|局|厅)关于")

# A publication note under the signature: (此件公开发布) / (此件主动公开).
PUBLICATION_NOTE = re.compile(r"^\(?(此件|本件)[^)]{0,8}(公开|发布|不公开)[^)]{0,6}\)?$|^\(?(公开方式|信息公开选项)[:]")
# 附件 / 附件1 / 附件:2023年…任务分解表
ATTACHMENT_HEADING = re.compile(r"^附\s*件\s*\d*\s*[:.、]?")
# The 版记 closing a 公文: 抄送:市委办公室,… / XX市人民政府办公室 2025年2月27日印发 / (共印50份).
DISTRIBUTION_LINE = re.compile(
    r"^(?:抄送|抄报|分送|发送)(?:单位|机关)?\s*[:]"
    r"|^[^,。;:]{0,40}?(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日\s*印发$"
    r"|^\(?共印\d+份\)?$"
)
# Organisation names that sign a notice.
ORG_SUFFIX = re.compile(
    r"(人民政府|政府办公室|政府办公厅|办公室|办公厅|委员会|管委会|管理委员会|人民代表大会常务委员会|"
    r"局|委|厅|署|办|院|中心|小组|指挥部|公司|集团)$"
)
# A closing remark after the last work point: 各区(市)、各部门要结合实际… / 本方案自…
CLOSING_REMARK = re.compile(
    r"^(各[^,。;:]{0,30}?(要|务必|应|须|请)|请各|以上[^,。]{0,6}(请|望)|本(要点|方案|意见|通知|办法|细则|规定)[^,。]{0,4}(自|由|未尽)|特此通知)"
)


def _plain(text: str) -> str:
    return _BULLET.sub("", text).strip()


_MAX_CHROME_LENGTH = 100


def is_chrome(text: str) -> bool:
    """Whether a line is site chrome rather than notice text (a long line is text that
    happens to hold a chrome phrase, as a page flattened to one line does).

    >>> [is_chrome(s) for s in ("字体大小: 打印", "【打印本页】【关闭窗口】", "一、总体要求")]
    [True, True, False]
    """
    if len(text) > _MAX_CHROME_LENGTH:
        return False
    plain = _plain(text)
    return bool(_CHROME_LINE.match(plain) or _CHROME_ANYWHERE.search(plain))


def is_title(text: str) -> bool:
    """Whether a line reads as a notice title.

    >>> is_title("临沂市人民政府办公室关于印发2023年临沂市政务公开工作要点的通知")
    True
    >>> is_title("现将《2023年临沂市政务公开工作要点》印发给你们,请结合实际认真抓好贯彻落实。")
    False
    >>> is_title("铜仁市2022年优化营商环境问题整改清单(政务服务类)"), is_title("附件:2023年重点任务分解表")
    (True, False)
    """
    text = _plain(text)
    if not 6 <= len(text) <= 120 or re.search(r"[。;!?]", text[:-1]):
        return False
    if text.endswith(("。", ":")) or text.startswith("附件"):
        return False
    text = _TITLE_QUALIFIER.sub("", text)
    return bool(TITLE_END.search(text) and (TITLE_START.search(text) or len(text) <= 60))


def is_org_name(text: str) -> bool:
    """Whether a line is only an organisation name, as in a signature.

    >>> is_org_name("临沂市人民政府办公室"), is_org_name("市政府各部门要抓好落实")
    (True, False)
    """
    text = _plain(text)
    return 3 <= len(text) <= 40 and not re.search(r"[,。;:、()]", text) and bool(ORG_SUFFIX.search(text))


def is_date_line(text: str) -> bool:
    """Whether a line is only a date, as under a signature (lost characters included).

    >>> is_date_line("2023年6月20日"), is_date_line("2020710"), is_date_line("2023年")
    (True, True, False)
    """
    return bool(DATE_ONLY.match(_plain(text).replace(" ", "")))


@dataclass(frozen=True, slots=True)
class PageLayout:
    """Where the notice's parts are among its paragraphs (indices into the paragraph list)."""

    head: tuple[Paragraph, ...]  # before the title: CMS metadata lists
    title_index: int | None
    body: tuple[Paragraph, ...]  # the notice itself, chrome removed


def strip_chrome(paragraphs: list[Paragraph]) -> PageLayout:
    """Split a page into its head (before the title), the title, and a chrome-free body."""
    kept = [p for p in paragraphs if not is_chrome(p.text)]
    title_index = next((i for i, p in enumerate(kept[:40]) if is_title(p.text)), None)
    if title_index is not None:
        title_index = _full_title_index(kept, title_index)
    if title_index is None:
        head_end = next((i for i, p in enumerate(kept) if len(p.text) >= 40), 0)
        head: list[Paragraph] = [p for p in kept[:head_end] if _is_head_line(p.text)]
        body = [p for p in kept[:head_end] if not _is_head_line(p.text)] + kept[head_end:]
    else:
        head, body = kept[:title_index], kept[title_index:]
    return PageLayout(tuple(head), 0 if title_index is not None else None, tuple(_drop_trailing_noise(body)))


def _full_title_index(kept: list[Paragraph], first: int) -> int:
    """The page's title line, or the notice's own fuller title below it: a CMS heads the page with
    the title as it files it (南谯区人民政府办公室关于…) and the document gives it whole
    (滁州市南谯区人民政府办公室关于…), ending the same way."""
    short = _plain(kept[first].text)
    for index in range(first + 1, min(len(kept), 40)):
        text = _plain(kept[index].text)
        if len(text) > len(short) and text.endswith(short) and is_title(kept[index].text):
            return index
    return first


def _is_head_line(text: str) -> bool:
    plain = _plain(text)
    return bool(
        INDEX_NUMBER.search(plain) or PUBLISHED_LABEL.search(plain) or is_date_line(plain) or len(plain) <= 12
    )


def _drop_trailing_noise(body: list[Paragraph]) -> list[Paragraph]:
    """Counters and stray characters that a removed share bar leaves at the end of a page."""
    while body and len(body[-1].text) <= 3 and not re.search(r"[\u4e00-\u9fff]", body[-1].text):
        body.pop()
    return body


def is_signature_part(paragraph: Paragraph) -> bool:
    """Lines of the signature block and publication notes, which never belong to a work point."""
    text = paragraph.text
    return (
        is_date_line(text)
        or bool(PUBLICATION_NOTE.match(text))
        or (is_org_name(text) and (paragraph.align in {Align.RIGHT, Align.CENTER} or len(text) <= 30))
    )
