"""The whole normalization of a piece of notice text, in the order the steps need."""

from __future__ import annotations

from functools import lru_cache

from normalizers.noise import repair_lost_characters, strip_pinyin_annotations
from normalizers.punctuation import normalize_punctuation
from normalizers.radicals import fold_radicals
from normalizers.script import DEFAULT_CONFIG, to_simplified
from normalizers.whitespace import normalize_whitespace


@lru_cache(maxsize=16384)  # tables repeat the same cells (全年, 各县区政府…) on every row
def normalize_line(text: str, *, simplify: bool = True, opencc_config: str = DEFAULT_CONFIG) -> str:
    """Normalize one line or cell: lost characters, radicals, script, punctuation, pinyin, whitespace.

    Lost-character '?' marks are repaired before punctuation folds '？' into '?', so a real
    full-width question mark survives.

    >>> normalize_line("?（一）完善政務公開?事項，發(fā)展")
    '(一)完善政务公开事项,发展'
    """
    text = fold_radicals(repair_lost_characters(text))
    if simplify:
        text = to_simplified(text, opencc_config)
    text = normalize_punctuation(text)
    text = strip_pinyin_annotations(text)
    return normalize_whitespace(text)


def normalize_multiline(text: str, *, simplify: bool = True, opencc_config: str = DEFAULT_CONFIG) -> str:
    """Normalize each line of a cell or paragraph, keeping its line breaks and dropping blank lines.

    >>> normalize_multiline("2023年\\n\\n 6月底前 ")
    '2023年\\n6月底前'
    """
    lines = (normalize_line(line, simplify=simplify, opencc_config=opencc_config) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
