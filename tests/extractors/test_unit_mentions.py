"""The spaCy unit pipeline sees only the stretches of a sentence that can name a doer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractors.readers.encoding import decode_bytes
from extractors.unit_mentions import doer_mentions, doer_windows
from extractors.unit_pipeline import unit_pipeline

ROOT = Path(__file__).resolve().parents[2]
TEXTS = sorted((ROOT / "corpus/notices/seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures").rglob("*.txt"))


def _sentences() -> list[str]:
    texts = [decode_bytes(path.read_bytes())[0] for path in TEXTS]  # fixtures come in GB18030, Big5, UTF-16…
    return [s for text in texts for s in re.split(r"[。;!?\n]", text) if s.strip()]


def _whole_sentence_doers(sentence: str) -> list[str]:
    doc = unit_pipeline()(sentence)
    return [ent.text for ent in doc.ents if ent._.doer]


def test_windows_find_the_same_doers_as_the_whole_sentence() -> None:
    sentences = _sentences()
    assert len(sentences) > 500
    with_doers = 0
    for sentence in sentences:
        expected = _whole_sentence_doers(sentence)
        assert [mention.name for mention in doer_mentions(sentence)] == expected, sentence
        with_doers += bool(expected)
    assert with_doers > 20  # the comparison covered real doers, not only empty answers


@pytest.mark.parametrize(
    ("sentence", "windows"),
    [
        ("市财政局负责做好资金保障", ["市财政局负责做好资金保障"]),
        ("各部门要加强管理,办公室设在党政办,具体负责推进", ["办公室设在党政办,具体负责推进"]),
        ("强化统筹协调,市发改委牵头,市财政局配合", ["市发改委牵头", "市财政局配合"]),
        ("加强政策解读,提升回应实效", []),
        ("市委办要抓好落实,市政府办要做好保障", ["市委办要抓好落实", "市政府办要做好保障"]),
        ("市财政局、市审计局要加强监督", ["市财政局、市审计局要加强监督"]),
    ],
)
def test_doer_windows(sentence: str, windows: list[str]) -> None:
    assert doer_windows(sentence) == windows


@pytest.mark.parametrize(
    ("sentence", "windows"),
    [
        ("县人民政府教育督导室组织开展县级督导评估", ["县人民政府教育督导室组织开展县级督导评估"]),
        ("严格督查问责,由县政府督查室将创建工作纳入考核", ["由县政府督查室将创建工作纳入考核"]),
        ("全县组织开展自查", []),  # 全县 names no body
        ("完成核查,各县(市、区)人民政府负责", ["各县(市、区)人民政府负责"]),
    ],
    ids=["subject-cue", "subject-after-you", "quan-xian-is-no-subject", "bracketed-levels-open-the-window"],
)
def test_doer_windows_of_clause_subjects(sentence: str, windows: list[str]) -> None:
    assert doer_windows(sentence) == windows


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("县政府督查室将创建工作纳入考核", [("县政府督查室", "")]),
        ("县财政局要将经费纳入预算", [("县财政局", "要")]),
        ("由县教育局牵头,县发改局、县住建局配合", [("县教育局", "牵头"), ("县发改局", "配合"), ("县住建局", "配合")]),
        ("各镇人民政府配合县教育局做好入学保障", [("各镇人民政府", "配合"), ("县教育局", "")]),
        ("各镇人民政府、县教育局负责", [("各镇人民政府", "负责"), ("县教育局", "负责")]),
        ("按照市委、市政府作出的部署", []),
        ("组织开展督导评估", []),
    ],
    ids=["subject-before-jiang", "doer-verb", "role-verbs", "body-helped-does-the-work", "each-level-opens-the-name",
         "list-not-opening-its-clause", "no-unit"],
)
def test_doer_mentions_keep_the_role_verb(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(mention.name, mention.verb) for mention in doer_mentions(sentence)] == expected
