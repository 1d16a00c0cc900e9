"""Every crash ``tools/fuzz.py`` found, kept as a regression case: each input is now a document
or a ``ReaderError``, never another exception (tests/fixtures/fuzz/, named for what broke)."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.notice import document_to_notice
from extractors.readers import ReaderError, read_document
from tests.conftest import ROOT

FUZZ = ROOT / "tests" / "fixtures" / "fuzz"
INPUTS = sorted(p for p in FUZZ.iterdir() if p.suffix != ".traceback") if FUZZ.is_dir() else []


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_fuzz_finding_is_read_or_refused(path: Path) -> None:
    try:
        document = read_document(path)
    except ReaderError as error:
        assert error.reason
        return
    document_to_notice(document)


def test_the_fuzzer_tells_crashes_from_refusals_and_saves_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(ROOT / "tools"))
    import fuzz  # type: ignore[import-not-found]

    fuzz.check_reader(b"%PDF-1.7\n\x00garbage", ".pdf", tmp_path)  # a ReaderError is a refusal, not a crash
    fuzz.check_normalizers("2023年6月底前（一）\ufffd", 2023)

    def broken(path: Path, limits: object) -> None:
        raise TypeError("a reader bug")

    monkeypatch.setattr(fuzz, "read_document", broken)
    with pytest.raises(fuzz.Crash, match="TypeError: a reader bug") as crash:
        fuzz.check_reader(b"text", ".txt", tmp_path)
    monkeypatch.setattr(fuzz, "CRASHES", tmp_path / "crashes")
    saved = fuzz.save_crash(b"text", ".txt", crash.value)
    assert saved.read_bytes() == b"text"
    assert "a reader bug" in saved.with_name(saved.name + ".traceback").read_text(encoding="utf-8")
