"""Themes of work points: the taxonomy in ``corpus/themes.yaml`` and the rules that give each task one.

A task's theme is read from where the notice filed it and from what it says. Its lowest section
heading and the lead sentence of its requirement name the work point (``(四)深入落实重大行政决策
事项公开``, ``推进决策公开。``) and weigh most; higher headings set the chapter; the body
weighs least, since a body mentions many things in passing. See the comments in themes.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from pipeline import yaml_files
from pipeline.compare.segment import Segmenter

OTHER = "other"
OTHER_LABEL = "其他"
LEAD_WEIGHT = 3.0
HEADING_WEIGHT = 2.0
BODY_WEIGHT = 1.0
# A requirement's first sentence is its lead (the work point's own title, as 青岛's "推进决策公开。")
# when it is short, has no comma and more follows: "推进决策公开。按照市委、市政府……" → "推进决策公开".
# A first sentence with a comma is prose ("强化政策集成供给,加强……解读。") and stays in the body.
_KEY_SEPARATOR = "\x1f"  # between the parts of a theme key: headings, then the requirement
_LEAD = re.compile(r"^(?P<lead>[^。;;!!??,,]{2,40})[。;;!!??](?P<body>.+)$", re.S)


class ThemeFileError(ValueError):
    """themes.yaml is malformed; the message names the theme and field."""


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    label: str
    description: str
    keywords: dict[str, float]


def load_themes(path: Path) -> list[Theme]:
    """The taxonomy in file order (the order breaks ties), validated."""
    try:
        data = yaml_files.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ThemeFileError(f"{path}: cannot read the theme taxonomy: {error}") from error
    entries = data.get("themes") if isinstance(data, dict) else None
    if not isinstance(entries, list) or not entries:
        raise ThemeFileError(f"{path}: expected a non-empty list under 'themes'")
    themes: list[Theme] = []
    for position, entry in enumerate(entries):
        name = entry.get("id") if isinstance(entry, dict) else None
        if not isinstance(name, str) or not name or name == OTHER:
            raise ThemeFileError(f"{path}: theme #{position + 1} needs an 'id' (not '{OTHER}')")
        keywords = entry.get("keywords")
        if not isinstance(keywords, dict) or not keywords:
            raise ThemeFileError(f"{path}: theme '{name}' needs 'keywords' as a mapping word: weight")
        for word, weight in keywords.items():
            if not isinstance(weight, int | float) or weight <= 0:
                raise ThemeFileError(f"{path}: theme '{name}': keyword '{word}' needs a positive weight")
        themes.append(Theme(name, str(entry.get("label") or name), str(entry.get("description") or "").strip(),
                            {str(w): float(v) for w, v in keywords.items()}))  # fmt: skip
    ids = [t.id for t in themes]
    if len(set(ids)) != len(ids):
        raise ThemeFileError(f"{path}: duplicate theme ids")
    return themes


def lexicon(themes: Iterable[Theme]) -> set[str]:
    return {word for theme in themes for word in theme.keywords}


def task_parts(section: Sequence[str], requirement: str) -> list[tuple[str, float]]:
    """The weighted texts of a task: (lowest heading and lead sentence, 3), (higher headings, 2), (body, 1)."""
    requirement = requirement or ""
    match = _LEAD.match(requirement.strip())
    lead, body = (match["lead"], match["body"]) if match else ("", requirement)
    leaf = section[-1] if section else ""
    parts = [(f"{leaf} {lead}".strip(), LEAD_WEIGHT), (" ".join(section[:-1]), HEADING_WEIGHT), (body, BODY_WEIGHT)]
    return [(text, weight) for text, weight in parts if text]


class LexiconMatcher:
    """Which lexicon words a text contains, read against its jieba segmentation.

    A keyword found in the text counts unless it cuts through two words at once: 民生 inside
    人民|生活 starts inside 人民 and ends inside 生活, so it does not count. A keyword inside one
    word counts (jieba's dictionary has compounds such as 深入基层 and 开展调研 that would otherwise
    hide 基层 and 调研), and so does one with either end on a word boundary (开展调查|研究 still
    holds 调查研究, a lexicon word jieba's own dictionary cuts differently).
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self._lengths = sorted({len(w) for w in self.words}, reverse=True)

    def matches(self, text: str, tokens: Sequence[str]) -> set[str]:
        """``"经常性深入基层开展调研"`` → ``{"基层", "调研"}`` for a lexicon holding both.

        A hit nested in a longer one is not counted: 门户网站 → ``{"门户网站"}``, not also 网站.

        ``tokens`` is the full segmentation of ``text`` (they join back to it).
        """
        bounds = {0}
        offset = 0
        for token in tokens:
            offset += len(token)
            bounds.add(offset)
        hits: list[tuple[int, int, str]] = []
        for start in range(len(text)):
            for length in self._lengths:
                end = start + length
                word = text[start:end]
                if end > len(text) or word not in self.words:
                    continue
                cuts_two_words = start not in bounds and end not in bounds and any(start < b < end for b in bounds)
                if not cuts_two_words:
                    hits.append((start, end, word))
        # 网站 inside 门户网站 is one mention, not two: drop hits nested in a longer hit.
        found = {word for start, end, word in hits
                 if not any(s <= start and end <= e and (e - s) > (end - start) for s, e, _ in hits)}  # fmt: skip
        return found


class ThemeRules:
    """Scores texts against the taxonomy; one instance per run (it owns the segmenter's lexicon)."""

    def __init__(self, themes: Sequence[Theme], segmenter: Segmenter | None = None) -> None:
        self.themes = list(themes)
        self.segmenter = segmenter or Segmenter(lexicon(self.themes))
        self.matcher = LexiconMatcher(lexicon(self.themes))

    def scores(self, section: Sequence[str], requirement: str) -> dict[str, float]:
        """Each theme's score for one task; a keyword counts once per part."""
        totals = dict.fromkeys((t.id for t in self.themes), 0.0)
        for text, part_weight in task_parts(section, requirement):
            words = self.matcher.matches(text, self.segmenter.cut(text))
            for theme in self.themes:
                totals[theme.id] += part_weight * sum(w for word, w in theme.keywords.items() if word in words)
        return totals

    def assign(self, section: Sequence[str], requirement: str) -> str:
        """The best-scoring theme id, the first listed on a tie, ``other`` when nothing matches.

        >>> rules = ThemeRules([Theme("decision", "决策公开", "", {"决策公开": 3}), Theme("platform", "平台建设", "", {"政府网站": 3})])
        >>> rules.assign(["一、围绕平台建设优化公开"], "推动政府网站建设管理。加强政府网站内容建设。")
        'platform'
        >>> rules.assign([], "召开协调会")
        'other'
        """
        scores = self.scores(section, requirement)
        best = max(scores.values(), default=0.0)
        if best <= 0:
            return OTHER
        return next(theme_id for theme_id, score in scores.items() if score == best)

    def labels(self) -> dict[str, str]:
        return {**{t.id: t.label for t in self.themes}, OTHER: OTHER_LABEL}


def theme_key(section: Sequence[str], requirement: str) -> str:
    """What a task's theme depends on, as one string: its headings and its requirement."""
    return _KEY_SEPARATOR.join((*section, requirement))


def assign_themes(tasks: pd.DataFrame, rules: ThemeRules, known: dict[str, str] | None = None) -> pd.Series:
    """The theme id of every task, aligned with ``tasks``; ``known`` (``theme_key`` → theme id, a
    ``CompareMemo``'s) gives those already decided and receives the new ones."""
    known = {} if known is None else known
    themes = []
    for section, requirement in zip(tasks["section"], tasks["requirement"], strict=True):
        key = theme_key(section, requirement or "")
        theme = known.get(key)
        if theme is None:
            theme = known[key] = rules.assign(list(section), requirement or "")
        themes.append(theme)
    return pd.Series(themes, index=tasks.index, name="theme", dtype="str")


def theme_shares(tasks: pd.DataFrame, labels: dict[str, str]) -> pd.DataFrame:
    """Tasks and share of tasks per theme per region-year, every theme listed (zero where absent)."""
    counts = tasks.groupby(["region", "year", "theme"]).size().rename("tasks")
    region_years = tasks[["region", "year"]].drop_duplicates().sort_values(["region", "year"])
    index = pd.MultiIndex.from_tuples(
        [(r, y, t) for r, y in region_years.itertuples(index=False) for t in labels], names=["region", "year", "theme"]
    )
    table = counts.reindex(index, fill_value=0).reset_index()
    totals = table.groupby(["region", "year"])["tasks"].transform("sum")
    table["share"] = (table["tasks"] / totals).round(4)
    table["label"] = table["theme"].map(labels)
    return table[["region", "year", "theme", "label", "tasks", "share"]]
