"""The zip writer: archives that zipfile (and so openpyxl and Excel's readers) open and verify."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import pipeline.zipwriter
from pipeline.zipwriter import ZipWriter, deflate

ENTRIES = {
    "[Content_Types].xml": b"<Types/>",
    "xl/worksheets/sheet1.xml": "<sheetData>临沂市人民政府</sheetData>".encode() * 5000,
    "工作表/空.xml": b"",
    "random.bin": bytes(range(256)) * 300,
}


def _write(path: Path, how: str) -> None:
    writer = ZipWriter(path)
    for name, data in ENTRIES.items():
        if how == "write":
            writer.write(name, data)
        elif how == "deflated":
            writer.write_deflated(name, deflate(data, 9))
        else:  # streamed in small pieces
            writer.write_chunks(name, (data[i : i + 1000] for i in range(0, len(data), 1000)), len(data), level=1)
    writer.close()


@pytest.mark.parametrize("how", ["write", "deflated", "chunks"])
def test_every_way_of_adding_an_entry_gives_a_valid_archive(tmp_path: Path, how: str) -> None:
    _write(tmp_path / "a.zip", how)
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert archive.testzip() is None  # every CRC checked
        assert archive.namelist() == list(ENTRIES)
        assert {name: archive.read(name) for name in ENTRIES} == ENTRIES
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_the_same_entries_give_the_same_bytes(tmp_path: Path) -> None:
    _write(tmp_path / "a.zip", "chunks")
    _write(tmp_path / "b.zip", "chunks")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()


def test_a_streamed_entry_of_another_size_than_announced_is_refused(tmp_path: Path) -> None:
    writer = ZipWriter(tmp_path / "a.zip")
    with pytest.raises(ValueError, match="announced 10 bytes, got 3"):
        writer.write_chunks("x", [b"abc"], 10)
    writer.abort()


def test_more_entries_than_a_plain_archive_counts_use_zip64_records(tmp_path: Path) -> None:
    writer = ZipWriter(tmp_path / "many.zip")
    empty = deflate(b"")
    for number in range(70_000):
        writer.write_deflated(f"{number}", empty)
    writer.close()
    with zipfile.ZipFile(tmp_path / "many.zip") as archive:
        names = archive.namelist()
    assert len(names) == 70_000 and names[-1] == "69999"


def test_sizes_and_offsets_past_the_limit_use_zip64_fields(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Entries over 4 GiB cannot be made in a test; lowering the limit exercises the same records."""
    monkeypatch.setattr(pipeline.zipwriter, "_ZIP64_LIMIT", 100)
    for how in ("write", "deflated", "chunks"):
        _write(tmp_path / f"{how}.zip", how)
        data = (tmp_path / f"{how}.zip").read_bytes()
        assert b"PK\x06\x06" in data  # the ZIP64 end of central directory record
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
            assert {name: archive.read(name) for name in ENTRIES} == ENTRIES
