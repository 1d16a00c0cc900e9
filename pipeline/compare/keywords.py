"""Distinctive keywords of each region-year: jieba words weighted by TF-IDF against the whole corpus.

Each region-year is one document: the requirements of its tasks plus each distinct section heading
once (a heading repeated over its twenty tasks would otherwise outweigh them). The IDF is computed
over these documents, so a word every region uses every year (公开, 政府网站) scores low and a
word one region-year stresses (营商环境, 疫情防控) scores high. jieba's bundled IDF table is not
used: it measures general Chinese, in which 解读 or 公报 are rare, not government notices.
Dropped before scoring: the government boilerplate listed in ``corpus/stopwords.txt``, single
characters, words with digits, and the names of the corpus's own regions (临沂市, 临沂), which
say where a notice comes from, not what it is about.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from pipeline.compare.segment import Segmenter

# 临沂市 → 临沂, 郑州经济技术开发区 → 郑州; the stem of a region name is as uninformative as the name.
_REGION_SUFFIX = re.compile(r"(经济技术开发区|高新技术产业开发区|高新区|开发区|新区|自治州|自治县|地区|市|区|县|州|盟|旗)$")


def load_stopwords(path: Path) -> frozenset[str]:
    """One word a line; blank lines and ``#`` comments ignored."""
    words = (line.split("#", 1)[0].strip() for line in path.read_text(encoding="utf-8").splitlines())
    return frozenset(word for word in words if word)


def region_words(regions: Iterable[str], segmenter: Segmenter) -> frozenset[str]:
    """Names, stems and the words of the names of regions: ``临沂市`` → {临沂市, 临沂}."""
    names: set[str] = set()
    for region in regions:
        if not isinstance(region, str) or not region:
            continue
        stem = _REGION_SUFFIX.sub("", region)
        names.update({region, stem, *segmenter.words(region), *segmenter.words(stem)})
    return frozenset(name for name in names if len(name) >= 2)


def region_year_documents(tasks: pd.DataFrame, segmenter: Segmenter, excluded: frozenset[str]) -> dict[tuple[str, int], Counter[str]]:
    """Word counts per (region, year) over requirements and distinct headings."""
    texts: dict[tuple[str, int], list[str]] = {}
    headings: dict[tuple[str, int], set[str]] = {}
    columns = (tasks[name].tolist() for name in ("region", "year", "requirement", "section"))
    for region, year, requirement, section in zip(*columns, strict=True):
        key = (str(region), int(year))
        texts.setdefault(key, []).append(requirement if isinstance(requirement, str) else "")
        headings.setdefault(key, set()).update(section)
    kept: dict[str, list[str]] = {}  # each distinct text's counted words, worked out once
    documents: dict[tuple[str, int], Counter[str]] = {}
    for key in sorted(texts):
        counts: Counter[str] = Counter()
        for text in [*texts[key], *sorted(headings[key])]:
            words = kept.get(text)
            if words is None:
                words = kept[text] = [w for w in segmenter.words(text) if len(w) >= 2 and w not in excluded]
            counts.update(words)
        documents[key] = counts
    return documents


def tfidf_keywords(documents: dict[tuple[str, int], Counter[str]], top: int = 10) -> pd.DataFrame:
    """The ``top`` words of each document by tf × smoothed idf, ln((1 + N) / (1 + df)) + 1.

    >>> docs = {("甲市", 2020): Counter({"营商环境": 3, "网站": 3}), ("乙市", 2020): Counter({"网站": 1, "就业": 2})}
    >>> tfidf_keywords(docs, top=1)["keyword"].tolist()
    ['营商环境', '就业']
    """
    n = len(documents)
    df: Counter[str] = Counter()
    for counts in documents.values():
        df.update(counts.keys())
    idf = {word: math.log((1 + n) / (1 + used)) + 1 for word, used in df.items()}
    rows = []
    for (region, year), counts in documents.items():
        total = sum(counts.values())
        if not total:
            continue
        # The best ``top`` by score, then count, then word: the smallest (-score, -count, word).
        best = heapq.nsmallest(top, [(-(count / total * idf[word]), -count, word) for word, count in counts.items()])
        for rank, (negative_score, negative_count, word) in enumerate(best, start=1):
            score, count = -negative_score, -negative_count
            rows.append({"region": region, "year": year, "rank": rank, "keyword": word, "count": count,
                         "regions_years_using": df[word], "tfidf": round(score, 5)})  # fmt: skip
    columns = ["region", "year", "rank", "keyword", "count", "regions_years_using", "tfidf"]
    return pd.DataFrame(rows, columns=columns)


def distinctive_keywords(tasks: pd.DataFrame, segmenter: Segmenter, stopwords: frozenset[str], top: int = 10) -> pd.DataFrame:
    """Top TF-IDF keywords per region-year, boilerplate and region names removed."""
    excluded = stopwords | region_words(tasks["region"].unique(), segmenter)
    return tfidf_keywords(region_year_documents(tasks, segmenter, excluded), top)
