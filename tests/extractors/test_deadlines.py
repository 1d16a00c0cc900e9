"""Typed deadlines from a 完成时限 cell and from a work point's prose (kinds of the gold README)."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.deadlines import deadline_from_cell, deadline_from_prose
from extractors.model import Deadline, DeadlineKind

D = date
DATE, YEAR_ROUND, ONGOING = DeadlineKind.DATE, DeadlineKind.YEAR_ROUND, DeadlineKind.ONGOING
PERIODIC, RELATIVE, NONE = DeadlineKind.PERIODIC, DeadlineKind.RELATIVE, DeadlineKind.NONE

# (cell text, notice year, kind, due)
CELLS = [
    ("2023年6月底前", 2023, DATE, D(2023, 6, 30), "date-month-end"),
    ("2023年\n6月底前", 2023, DATE, D(2023, 6, 30), "date-broken-over-lines"),
    ("2020年7月10日前", 2020, DATE, D(2020, 7, 10), "date-day"),
    ("10月底前", 2021, DATE, D(2021, 10, 31), "date-notice-year"),
    ("2020710日前", 2020, DATE, D(2020, 7, 10), "date-lost-characters"),
    ("9月投入使用", 2023, DATE, D(2023, 9, 30), "date-month-alone"),
    ("第三季度", 2023, DATE, D(2023, 9, 30), "date-quarter"),
    ("上半年", 2023, DATE, D(2023, 6, 30), "date-first-half"),
    ("年底前", 2023, DATE, D(2023, 12, 31), "date-year-end"),
    ("2023年", 2023, DATE, D(2023, 12, 31), "date-bare-year-cell"),
    ("全年", 2023, YEAR_ROUND, D(2023, 12, 31), "year-round-whole-year"),
    ("年内", 2022, YEAR_ROUND, D(2022, 12, 31), "year-round-within-year"),
    ("全年推进", 2023, YEAR_ROUND, D(2023, 12, 31), "year-round-push"),
    ("长期坚持", 2023, ONGOING, None, "ongoing-long-term"),
    ("持续推进", 2023, ONGOING, None, "ongoing-continuous"),
    ("长期", 2023, ONGOING, None, "ongoing-short"),
    ("常态化", 2023, ONGOING, None, "ongoing-routine"),
    ("每季度", 2023, PERIODIC, None, "periodic-quarterly"),
    ("每月", 2023, PERIODIC, None, "periodic-monthly"),
    ("每年", 2023, PERIODIC, None, "periodic-yearly"),
    ("省出台文件后2个月内", 2023, RELATIVE, None, "relative-after-province"),
    ("收到通知后10个工作日内", 2023, RELATIVE, None, "relative-working-days"),
    ("", 2023, NONE, None, "none-empty"),
    (" \n ", 2023, NONE, None, "none-whitespace"),
    ("根据上级部署", 2023, RELATIVE, None, "relative-to-an-instruction"),
    ("已完成", 2023, NONE, None, "none-no-deadline-words"),
    ("2024—2025年", 2024, DATE, D(2025, 12, 31), "date-year-span"),
    ("2023.12", 2023, DATE, D(2023, 12, 31), "date-dotted-month"),
    ("2023年度", 2023, DATE, D(2023, 12, 31), "date-bare-budget-year-cell"),
    ("年初", 2023, DATE, D(2023, 1, 31), "date-early-year"),
    ("次年1月底前", 2023, DATE, D(2024, 1, 31), "date-next-year"),
    ("每年12月底前", 2023, PERIODIC, None, "periodic-date-every-year"),
    ("每月25日前报送", 2023, PERIODIC, None, "periodic-day-every-month"),
    ("2023年3月25日前", 2023, DATE, D(2023, 3, 25), "date-a-day-of-a-month-once"),
    ("每季度末", 2023, PERIODIC, None, "periodic-quarter-end"),
    ("每月报送,2023年底前完成", 2023, DATE, D(2023, 12, 31), "date-written-year-beats-every"),
    ("按上级部署", 2023, RELATIVE, None, "relative-as-deployed"),
    ("按省统一部署", 2023, RELATIVE, None, "relative-as-province-deploys"),
    ("按照省里要求", 2023, RELATIVE, None, "relative-as-province-requires"),
    ("按住房城乡建设部通知要求", 2017, RELATIVE, None, "relative-as-a-ministry-notice-requires"),
    ("根据国家统一安排", 2017, RELATIVE, None, "relative-as-the-state-arranges"),
    ("根据省级资金下达情况及时拨付", 2024, RELATIVE, None, "relative-as-funds-arrive"),
    ("按省统一部署推进", 2024, RELATIVE, None, "relative-as-the-province-deploys-with-an-act"),
    ("按季度报送", 2023, PERIODIC, None, "periodic-by-quarter-is-not-relative"),
    ("省人大常委会审议前", 2017, RELATIVE, None, "relative-before-an-event"),
    ("汛期前", 2023, RELATIVE, None, "relative-before-the-flood-season"),
    ("汛期前完成", 2023, RELATIVE, None, "relative-before-an-event-with-its-completion"),
    ("汛前", 2024, RELATIVE, None, "relative-before-a-one-character-event"),
    ("立即", 2024, RELATIVE, None, "relative-at-once-alone"),
    ("雪顿节期间", 2024, RELATIVE, None, "relative-during-an-event"),
    ("年内", 2024, YEAR_ROUND, D(2024, 12, 31), "year-round-is-no-event-period"),
    ("45838", 2025, DATE, D(2025, 6, 30), "date-as-a-spreadsheet-serial"),
    ("12000", 2025, NONE, None, "a-number-far-from-the-year-is-no-serial"),
    ("2024年5-9月", 2024, DATE, D(2024, 9, 30), "date-span-of-months-after-a-year"),
    ("2019年11-12月", 2019, DATE, D(2019, 12, 31), "date-span-of-two-digit-months"),
    ("2024.4-2024.6", 2024, DATE, D(2024, 6, 30), "date-span-of-dotted-months"),
    ("2023年1-3季度", 2023, DATE, D(2023, 9, 30), "date-span-of-quarters"),
    ("2024.6.30", 2024, DATE, D(2024, 6, 30), "date-dotted-day"),
    ("立行立改", 2023, RELATIVE, None, "relative-at-once"),
    ("2025年春季学期开学前", 2024, RELATIVE, None, "relative-before-an-event-of-a-named-year"),
    ("2024年启动,2025年完成", 2024, DATE, D(2025, 12, 31), "date-year-the-work-is-completed"),
    ("2025年建成", 2024, DATE, D(2025, 12, 31), "date-year-the-work-is-built"),
    ("2024年起", 2024, NONE, None, "none-year-the-work-starts"),
    ("2023年内", 2024, YEAR_ROUND, D(2023, 12, 31), "year-round-in-the-year-the-cell-names"),
]


@pytest.mark.parametrize(("text", "year", "kind", "due"), [c[:4] for c in CELLS], ids=[c[4] for c in CELLS])
def test_deadline_from_cell(text: str, year: int, kind: DeadlineKind, due: date | None) -> None:
    deadline = deadline_from_cell(text, year)
    assert (deadline.kind, deadline.due) == (kind, due)


def test_deadline_raw_is_the_cell_without_whitespace() -> None:
    assert deadline_from_cell("2023年\n 6月底前", 2023).raw == "2023年6月底前"


def test_deadline_with_several_dates_is_due_at_the_last_and_keeps_all() -> None:
    deadline = deadline_from_cell("6月底前启动,\n12月底前完成", 2023)
    assert deadline.kind is DATE
    assert deadline.due == D(2023, 12, 31)
    assert deadline.all_due == (D(2023, 6, 30), D(2023, 12, 31))


@pytest.mark.parametrize(
    ("text", "start", "due"),
    [("2023年3月至6月", D(2023, 3, 1), D(2023, 6, 30)), ("2016—2017年底前", D(2016, 1, 1), D(2017, 12, 31))],
    ids=["month-span", "year-span"],
)
def test_deadline_span_has_a_start_and_is_due_at_its_end(text: str, start: date, due: date) -> None:
    deadline = deadline_from_cell(text, start.year)
    assert (deadline.kind, deadline.start, deadline.due) == (DATE, start, due)


def test_year_round_without_a_notice_year_has_no_due() -> None:
    assert deadline_from_cell("全年", None) == Deadline("全年", YEAR_ROUND, None)


def test_date_with_its_own_year_needs_no_notice_year() -> None:
    deadline = deadline_from_cell("2023年6月底前", None)
    assert (deadline.kind, deadline.due) == (DATE, D(2023, 6, 30))


# --- in prose -------------------------------------------------------------------------------

PROSE = [
    ("2021年底前,网站支持IPv6。", DATE, "2021年底前", D(2021, 12, 31), "dated-year-end"),
    ("于6月底前完成清单编制。", DATE, "6月底前", D(2021, 6, 30), "dated-month-notice-year"),
    ("力争2022年底实现全覆盖。", DATE, "2022年底", D(2022, 12, 31), "dated-target"),
    ("6月底前启动,12月底前完成。", DATE, "12月底前", D(2021, 12, 31), "dated-last-of-two"),
    ("收到通知后10个工作日内报送,每季度报送1次,2021年6月底前完成。", DATE, "2021年6月底前", D(2021, 6, 30),
     "dated-beats-relative-and-periodic"),
    ("收到通知后10个工作日内报送,每月报送1次。", RELATIVE, "10个工作日内", None, "relative-beats-periodic"),
    ("最迟在5小时内发布权威信息,在24小时内举行新闻发布会。", RELATIVE, "24小时内", None, "relative-last-of-two"),
    ("每季度公开1次工作进展。", PERIODIC, "每季度", None, "periodic-with-count"),
    ("每季度至少公开一次。", PERIODIC, "每季度", None, "periodic-with-chinese-count"),
    ("推动政务公开常态化。", NONE, "", None, "routine-adjective-is-no-deadline"),
    ("坚持常态化公开,持续推进。", ONGOING, "持续推进", None, "ongoing-phrase-opening-a-clause"),
    ("完善政务公开常态化督导体系。", NONE, "", None, "routine-adjective-inside-a-clause-is-no-deadline"),
    ("每年开展自查。", PERIODIC, "每年", None, "every-year-opening-a-clause"),
    ("对每年自查不予公开的信息予以公开。", NONE, "", None, "every-year-qualifying-a-noun-is-no-deadline"),
    ("全年开展专项行动。", YEAR_ROUND, "全年", date(2021, 12, 31), "year-round-opening-a-clause"),
    ("长期坚持严管高压态势。", ONGOING, "长期坚持", None, "ongoing-opening-a-clause"),
    ("上半年组织开展培训。", DATE, "上半年", date(2021, 6, 30), "half-year-opening-a-clause"),
    ("2020年,我市完成了目录编制。", NONE, "", None, "past-year-is-no-deadline"),
    ("加强2021年度预算公开。", NONE, "", None, "budget-year-is-no-deadline"),
    ("次年1月底前报送年度报告。", DATE, "次年1月底前", D(2022, 1, 31), "next-year-opening-a-clause"),
    ("2021—2022年,完成老旧小区改造。", DATE, "2021—2022年", D(2022, 12, 31), "year-span-opening-a-clause"),
    ("落实《发展规划(2021—2025年)》。", NONE, "", None, "plan-period-in-a-title-is-no-deadline"),
    ("2025年初步建成智慧平台。", NONE, "", None, "initial-step-is-no-early-year"),
    ("组织实施阶段(2025年5月—2026年10月)。全面推进各项任务。", DATE, "2025年5月—2026年10月", D(2026, 10, 31),
     "stage-period-in-parentheses"),
    ("编制城市更新专项规划(2025—2035年)。", NONE, "", None, "plan-period-in-parentheses-is-no-deadline"),
    ("新建教学楼,确保2026年春季学期开学前投入使用。", RELATIVE, "2026年春季学期开学前", None, "before-an-event-in-prose"),
    ("在项目开工前完成环境影响评价。", RELATIVE, "项目开工前", None, "before-the-works-start"),
    ("汛期前完成管网清疏,4月底前制定整治方案。", DATE, "4月底前", D(2021, 4, 30), "a-date-beats-an-event"),
    ("补助资金每学期足额发放到位。", PERIODIC, "每学期", None, "every-term-before-its-act"),
    ("起草条例草案,按市人大常委会立法计划提请审议。", RELATIVE, "按市人大常委会立法计划", None, "another-bodys-schedule"),
    ("按照省委统一部署,深化机构改革。", NONE, "", None, "whose-policy-is-no-time"),
    ("根据省统一部署做好冷链食品追溯管理。", RELATIVE, "根据省统一部署", None, "as-the-province-deploys-an-act"),
    ("春节前组织开展节日市场专项检查。", RELATIVE, "春节前", None, "before-a-festival"),
    ("完善信息共享制度,此项工作长期坚持。", ONGOING, "长期坚持", None, "this-work-goes-on"),
    ("各市于每年12月10日前报送年度总结。", PERIODIC, "每年12月10日前", None, "a-yearly-date-in-prose"),
    ("每年汛前完成隐患排查。", PERIODIC, "每年汛前", None, "a-yearly-event-in-prose"),
    ("每月10日前报送进展,12月底前完成全部任务。", DATE, "12月底前", D(2021, 12, 31), "a-date-beside-a-monthly-one"),
    ("建立排污口管理台账。(2021年汛期前完成)", RELATIVE, "2021年汛期前", None, "before-an-event-in-a-closing-parenthesis"),
    ("将企业开办时间压缩在1个工作日以内,此项工作长期坚持。", ONGOING, "长期坚持", None, "a-time-cut-is-a-target"),
    ("办理时限缩短至3个工作日内。", NONE, "", None, "a-time-shortened-is-no-deadline"),
    ("建立督办机制(2021年第三季度完成)。", DATE, "2021年第三季度完成", D(2021, 9, 30), "completed-in-a-quarter"),
    ("建立督办机制(长期坚持)。", ONGOING, "长期坚持", None, "ongoing-in-parentheses"),
    ("修订《目录(2021年版)》。", NONE, "", None, "an-edition-is-no-deadline"),
    ("对每年自查发现的问题予以通报。", NONE, "", None, "every-year-qualifying-a-noun-before-an-act"),
    ("加强巡查值守,全汛期做好预警信息叫应。", RELATIVE, "全汛期", None, "the-whole-flood-season"),
    ("主汛期实行24小时值班。", RELATIVE, "主汛期", None, "the-main-flood-season"),
    ("做好汛期物资储备工作。", NONE, "", None, "the-flood-season-qualifying-a-noun"),
    ("完善物资储备网络,按省应急管理厅部署完成储备物资轮换更新。", RELATIVE, "按省应急管理厅部署", None, "a-named-body-deploys-an-act"),
    ("根据自治区党委统一安排开展专项巡察。", RELATIVE, "根据自治区党委统一安排", None, "a-region-party-committee-arranges-an-act"),
    ("按州统一部署推进示范创建。", RELATIVE, "按州统一部署", None, "a-prefecture-deploys-an-act"),
    ("按照省住房城乡建设厅部署,深化工程建设项目审批制度改革。", NONE, "", None, "a-named-bodys-policy-is-no-time"),
    ("聚焦电动车进楼入户、飞线充电等问题常态化整治。", ONGOING, "常态化", None, "ongoing-right-before-its-act"),
    ("长期开展打非治违专项行动。", ONGOING, "长期", None, "long-term-right-before-its-act"),
    ("做好常态化疫情防控工作。", NONE, "", None, "ongoing-qualifying-a-noun"),
    ("推进长期护理保险制度试点。", NONE, "", None, "long-term-care-insurance-is-a-noun"),
    ("健全安全生产长效机制。", NONE, "", None, "a-lasting-mechanism-is-no-time"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "kind", "raw", "due"), [c[:4] for c in PROSE], ids=[c[4] for c in PROSE])
def test_deadline_from_prose(text: str, kind: DeadlineKind, raw: str, due: date | None) -> None:
    deadline = deadline_from_prose(text, 2021)
    assert (deadline.kind, deadline.raw, deadline.due) == (kind, raw, due)
