"""Distinctive keywords: TF-IDF across region-years, without boilerplate or place names."""

from __future__ import annotations

import pandas as pd

from pipeline.compare.keywords import distinctive_keywords, load_stopwords, region_words
from pipeline.compare.segment import Segmenter
from pipeline.compare.themes import lexicon, load_themes
from tests.pipeline.compare.conftest import STOPWORDS, THEMES


def _tasks(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    return pd.DataFrame([{"region": r, "year": y, "requirement": text, "section": ["一、加强政务公开"]} for r, y, text in rows])


def test_the_word_one_region_year_stresses_ranks_first() -> None:
    tasks = _tasks([
        ("潍坊市", 2021, "加强疫情防控信息发布,做好疫情防控政策解读"),
        ("潍坊市", 2021, "做好疫苗接种信息公开,加强政府网站建设"),
        ("烟台市", 2021, "持续优化营商环境,公开涉企收费清单,加强政府网站建设"),
        ("烟台市", 2022, "深化乡村振兴信息公开,加强政府网站建设"),
    ])  # fmt: skip
    segmenter = Segmenter(lexicon(load_themes(THEMES)))  # as `compare` runs it: 疫情防控 is one word
    keywords = distinctive_keywords(tasks, segmenter, load_stopwords(STOPWORDS), top=3)
    top = keywords[keywords["rank"] == 1].set_index(["region", "year"])["keyword"].to_dict()
    assert top[("潍坊市", 2021)] == "疫情防控"
    assert top[("烟台市", 2021)] in {"营商环境", "涉企", "收费"}
    assert top[("烟台市", 2022)] == "乡村振兴"
    everywhere = keywords[keywords["keyword"] == "政府网站"]
    assert everywhere.empty or (everywhere["rank"] > 1).all()


def test_boilerplate_and_place_names_are_never_keywords() -> None:
    tasks = _tasks([("临沂市", 2023, "临沂市各级各部门要进一步加强政务公开工作,推进决策公开"),
                    ("宿迁市", 2021, "宿迁市进一步深化政策解读")])  # fmt: skip
    keywords = set(distinctive_keywords(tasks, Segmenter(), load_stopwords(STOPWORDS))["keyword"])
    assert keywords, "some keyword survives"
    assert not keywords & {"临沂市", "临沂", "宿迁", "宿迁市", "进一步", "加强", "政务公开", "工作", "各级各部门"}


def test_stopword_file_ignores_comments_and_blank_lines(tmp_path) -> None:
    path = tmp_path / "stop.txt"
    path.write_text("# comment\n\n加强  # trailing\n推进\n", encoding="utf-8")
    assert load_stopwords(path) == {"加强", "推进"}


def test_region_names_give_their_stems() -> None:
    assert {"郑州经济技术开发区", "郑州", "临沂市", "临沂"} <= region_words(["郑州经济技术开发区", "临沂市"], Segmenter())
