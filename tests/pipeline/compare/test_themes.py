"""Theme assignment: the taxonomy file is valid and general, and the rules pick the theme a reader would."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pipeline.compare.themes import OTHER, LexiconMatcher, ThemeFileError, ThemeRules, assign_themes, load_themes, task_parts, theme_shares
from tests.pipeline.compare.conftest import THEMES


@pytest.fixture(scope="module")
def rules() -> ThemeRules:
    return ThemeRules(load_themes(THEMES))


# Wording of the kind found in many cities' work points, not copied from the bundled notices.
CASES = [
    ([], "做好政府信息公开申请办理工作,规范答复格式", "on_request"),
    (["三、加强政策解读"], "围绕出台的重要政策文件,通过新闻发布会、图文解读等方式做好解读", "interpretation"),
    (["二、推进决策公开"], "对涉及群众切身利益的重大行政决策事项,通过听证座谈等方式广泛听取意见", "decision"),
    ([], "加强政府网站和政务新媒体日常监管,开展常态化检查", "platform"),
    ([], "推进村务公开,在村(居)公开栏及时公布惠农补贴发放情况", "grassroots"),
    (["四、加强组织保障"], "将政务公开工作纳入绩效考核体系,加强业务培训", "organisation"),
    ([], "及时公开财政预决算和“三公”经费情况", "key_areas"),
    ([], "深化“放管服”改革,持续优化营商环境,公开涉企收费目录清单", "business"),
    ([], "做好就业、社会保险、社会救助等民生领域信息公开", "livelihood"),
    ([], "按要求编制并发布政府信息公开工作年度报告", "rules"),
    ([], "推动供水、供电、供气等公共企事业单位办事公开", "institutions"),
    ([], "全面推行权力清单和责任清单制度,公开行政执法结果", "execution"),
    ([], "召开专题会议研究部署", OTHER),
    # 民生 is in the text as characters but not as a word (人民|生活): jieba's cut keeps it out.
    ([], "关注人民生活需要", OTHER),
    # The work point's own heading outweighs channels its body mentions in passing.
    (["二、聚焦更高水平决策深化公开", "(五)深入推动决策公众参与"], "通过政府网站、政务新媒体公开征求意见", "decision"),
    # A short lead sentence names the work point even under a broader chapter.
    (["一、推进重点领域信息公开"], "加强政府网站建设。推动集约化,提升服务能力", "platform"),
    # A table row with no section: the requirement alone decides.
    ([], "社会救助领域", "livelihood"),
]


@pytest.mark.parametrize(("section", "requirement", "expected"), CASES, ids=[c[1][:12] for c in CASES])
def test_theme_assignment(rules: ThemeRules, section: list[str], requirement: str, expected: str) -> None:
    assert rules.assign(section, requirement) == expected, rules.scores(section, requirement)


def test_lead_sentence_with_a_comma_is_body_not_a_heading() -> None:
    parts = task_parts(["(二)加强优化营商环境信息公开。"], "强化政策集成供给,加强政策包的权威发布和全面解读。")
    assert parts == [("(二)加强优化营商环境信息公开。", 3.0), ("强化政策集成供给,加强政策包的权威发布和全面解读。", 1.0)]


def test_keyword_inside_a_compound_word_matches_but_not_across_two_words() -> None:
    matcher = LexiconMatcher({"基层", "民生", "网站", "门户网站"})
    assert matcher.matches("深入基层", ("深入基层",)) == {"基层"}
    assert matcher.matches("人民生活", ("人民", "生活")) == set()
    assert matcher.matches("门户网站", ("门户网站",)) == {"门户网站"}


def test_taxonomy_documents_every_theme_and_names_no_place(rules: ThemeRules) -> None:
    places = ("临沂", "临海", "青岛", "宿迁", "郑州", "省")
    for theme in rules.themes:
        assert theme.label and len(theme.description) > 40, theme.id
        assert len(theme.keywords) >= 5, theme.id
        assert not [w for w in theme.keywords if any(p in w for p in places)], theme.id


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("themes:\n  - id: decision\n    keywords: {决策公开: 0}\n", "decision"),
        (None, "cannot read"),  # no file
        ("themes: [\n", "cannot read"),  # not YAML
        ("- a list\n", "non-empty list under 'themes'"),
        ("themes: []\n", "non-empty list under 'themes'"),
    ],
)
def test_a_bad_taxonomy_is_an_error_naming_the_file_and_the_reason(tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "themes.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ThemeFileError, match=message) as raised:
        load_themes(path)
    assert str(path) in str(raised.value)


def test_shares_list_every_theme_and_sum_to_one(rules: ThemeRules) -> None:
    tasks = pd.DataFrame({"region": ["甲市"] * 3 + ["乙市"], "year": [2022] * 4, "section": [[]] * 4,
                          "requirement": ["推进决策公开", "加强政府网站建设", "召开会议", "加强政府网站建设"]})  # fmt: skip
    tasks["theme"] = assign_themes(tasks, rules)
    shares = theme_shares(tasks, rules.labels())
    assert len(shares) == 2 * len(rules.labels())
    assert shares.groupby("region")["share"].sum().round(3).tolist() == [1.0, 1.0]
    first = shares[shares["region"] == "甲市"].set_index("theme")
    assert first.loc["platform", "tasks"] == 1 and first.loc["business", "tasks"] == 0
