"""The shortcuts taken for speed give exactly what the plain definitions give.

Each normalizer skips work on the common line (no space, no full-width mark, no date); these
properties check the skipped work would not have changed anything.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from normalizers import dates, noise, punctuation, script, whitespace
from normalizers.noise import repair_lost_characters, strip_pinyin_annotations

# Characters the fast paths look for, mixed with plain Chinese text and digits.
ALPHABET = "一二三十〇年月日号季度上下半底末前至到—-./ ,，、(（)）?？:：\u3000\u00a0\u200b\t\n发展fāǎ0123456789AZ市局办要负责"
texts = st.text(alphabet=ALPHABET, max_size=40)


@given(texts)
def test_punctuation_pattern_equals_the_translate_table(text: str) -> None:
    assert punctuation.normalize_punctuation(text) == text.translate(punctuation._TABLE)


@given(texts)
def test_whitespace_shortcut_equals_the_full_folding(text: str) -> None:
    folded = whitespace._SPACES.sub(" ", whitespace._INVISIBLE.sub("", text)).strip()
    assert whitespace.normalize_whitespace(text) == whitespace._CJK_SIDE_SPACE.sub("", folded)
    assert whitespace.remove_whitespace(text) == "".join(folded.split())


@given(texts, st.integers(min_value=2000, max_value=2035))
@settings(max_examples=300)
def test_date_hint_never_hides_a_date(text: str, year: int) -> None:
    assert dates.find_dates(text, year) == dates._find_dates(text, year)


@given(texts)
def test_noise_shortcuts_equal_the_substitutions(text: str) -> None:
    assert repair_lost_characters(text) == noise._LOST_CHARACTER.sub(" ", text)
    assert strip_pinyin_annotations(text) == noise._PINYIN_ANNOTATION.sub("", text)


DATE_ALPHABET = "0123456789年月日号季度第上下半中底末终旬初份至到—-./ 一二三四前"


@given(st.text(alphabet=DATE_ALPHABET, max_size=30))
@settings(max_examples=500)
def test_dates_tried_only_where_they_can_start_are_the_dates_finditer_finds(text: str) -> None:
    runs = [run.start() for run in dates._DIGIT_RUN.finditer(text)]
    for pattern, build in dates._PATTERNS:
        found = [m.span() for m in dates._matches(pattern, build, text, runs)]
        assert found == [m.span() for m in pattern.finditer(text)], pattern.pattern


TRADITIONAL = sorted(script._traditional_characters())


@given(st.text(alphabet=st.sampled_from(TRADITIONAL[::40] + list("政务公开临海市𠀀𡈼𪚥")), max_size=20))
def test_traditional_scan_equals_the_set_of_traditional_characters(text: str) -> None:
    assert script.has_traditional(text) == (not script._traditional_characters().isdisjoint(text))


def test_every_traditional_character_is_found_alone() -> None:
    assert all(script.has_traditional(f"政务{char}公开") for char in TRADITIONAL)


@given(st.text(alphabet=DATE_ALPHABET + "〇○零五六七八九十", max_size=30))
def test_digitizing_skips_only_text_it_would_not_change(text: str) -> None:
    assert dates.digitize_dates(text) == dates._digitize(text)
