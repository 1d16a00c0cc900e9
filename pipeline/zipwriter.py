"""A zip archive writer that also takes entries deflated beforehand.

``zipfile`` compresses every entry it writes. The workbook's per-notice sheets are deflated once,
by the worker that extracted the notice, and kept in the per-notice cache, so that a run adding
one notice to 1,000 copies 999 compressed sheets instead of compressing them again; that needs a
writer that accepts raw deflate data with its CRC-32 and size. Entries carry a fixed timestamp
(1980-01-01) and UTF-8 names, so the same content always gives the same bytes. ZIP64 records are
written when an archive needs them (over 65,535 entries, or sizes and offsets beyond 4 GiB).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")
_END64 = struct.Struct("<IQHHIIQQQQ")
_LOCATOR64 = struct.Struct("<IIQI")
_ZIP64_LIMIT = 0xFFFFFFFF  # sizes and offsets from here on need ZIP64 records
_MAX_ENTRIES = 0xFFFF  # entries beyond this need them too
_TOO_LARGE = 0xFFFFFFFF  # what a 32-bit field holds when its ZIP64 extra field has the value
_UTF8_NAMES = 0x0800
_DEFLATED = 8
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
_DOS_TIME = 0


@dataclass(frozen=True, slots=True)
class Deflated:
    """Raw deflate data (no zlib header) with the CRC-32 and length of what it inflates to."""

    data: bytes | memoryview
    crc: int
    size: int


def deflate(data: bytes, level: int = 6) -> Deflated:
    compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
    return Deflated(compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))


@dataclass(slots=True)
class _Entry:
    name: bytes
    crc: int
    compressed: int
    size: int
    offset: int


class ZipWriter:
    """Writes a zip file entry by entry; ``close`` writes the central directory."""

    def __init__(self, path: Path) -> None:
        self._file: BinaryIO = path.open("wb")
        self._entries: list[_Entry] = []

    def write(self, name: str, data: bytes, level: int = 6) -> None:
        self.write_deflated(name, deflate(data, level))

    def write_deflated(self, name: str, entry: Deflated) -> None:
        """Add an entry from data compressed beforehand (``deflate``)."""
        offset = self._file.tell()
        encoded = name.encode("utf-8")
        zip64 = max(entry.size, len(entry.data)) >= _ZIP64_LIMIT
        self._file.write(self._local_header(encoded, entry.crc, len(entry.data), entry.size, zip64))
        self._file.write(entry.data)
        self._entries.append(_Entry(encoded, entry.crc, len(entry.data), entry.size, offset))

    def write_chunks(self, name: str, chunks: Iterable[bytes], size: int, level: int = 6) -> None:
        """Add an entry of ``size`` bytes compressed as it streams in (a large sheet read from a
        temporary file), without holding it in memory; the header is completed afterwards."""
        offset = self._file.tell()
        encoded = name.encode("utf-8")
        # Deflate never grows data by more than a few bytes per 16 KiB: the margin keeps the choice
        # made before compressing valid afterwards, so the completed header has the same length.
        zip64 = size + size // 1000 + 1024 >= _ZIP64_LIMIT
        self._file.write(self._local_header(encoded, 0, 0, size, zip64))
        compressor, crc, seen, compressed = zlib.compressobj(level, zlib.DEFLATED, -15), 0, 0, 0
        for chunk in chunks:
            crc, seen = zlib.crc32(chunk, crc), seen + len(chunk)
            out = compressor.compress(chunk)
            compressed += len(out)
            self._file.write(out)
        out = compressor.flush()
        compressed += len(out)
        self._file.write(out)
        if seen != size:
            raise ValueError(f"zip entry {name}: announced {size} bytes, got {seen}")
        end = self._file.tell()
        self._file.seek(offset)
        self._file.write(self._local_header(encoded, crc, compressed, size, zip64))
        self._file.seek(end)
        self._entries.append(_Entry(encoded, crc, compressed, size, offset))

    @staticmethod
    def _local_header(name: bytes, crc: int, compressed: int, size: int, zip64: bool) -> bytes:
        extra = struct.pack("<HHQQ", 1, 16, size, compressed) if zip64 else b""
        sizes = (_TOO_LARGE, _TOO_LARGE) if zip64 else (compressed, size)
        header = _LOCAL.pack(0x04034B50, 45 if zip64 else 20, _UTF8_NAMES, _DEFLATED, _DOS_TIME, _DOS_DATE,
                             crc, *sizes, len(name), len(extra))  # fmt: skip
        return header + name + extra

    def close(self) -> None:
        start = self._file.tell()
        for entry in self._entries:
            self._file.write(self._central_header(entry))
        end = self._file.tell()
        count, length = len(self._entries), end - start
        if count > _MAX_ENTRIES or start >= _ZIP64_LIMIT or length >= _ZIP64_LIMIT:
            self._file.write(_END64.pack(0x06064B50, _END64.size - 12, 45, 45, 0, 0, count, count, length, start))
            self._file.write(_LOCATOR64.pack(0x07064B50, 0, end, 1))
            self._file.write(_END.pack(0x06054B50, 0, 0, 0xFFFF, 0xFFFF, _TOO_LARGE, _TOO_LARGE, 0))
        else:
            self._file.write(_END.pack(0x06054B50, 0, 0, count, count, length, start, 0))
        self._file.close()

    def abort(self) -> None:
        self._file.close()

    @staticmethod
    def _central_header(entry: _Entry) -> bytes:
        large = [value for value in (entry.size, entry.compressed, entry.offset) if value >= _ZIP64_LIMIT]
        extra = b""
        if large:  # only the fields that overflow, in the order the format fixes
            extra = struct.pack("<HH", 1, 8 * len(large)) + b"".join(struct.pack("<Q", value) for value in large)
        clip = lambda value: _TOO_LARGE if value >= _ZIP64_LIMIT else value  # noqa: E731
        version = 45 if large else 20
        header = _CENTRAL.pack(0x02014B50, version, version, _UTF8_NAMES, _DEFLATED, _DOS_TIME, _DOS_DATE, entry.crc,
                               clip(entry.compressed), clip(entry.size), len(entry.name), len(extra), 0, 0, 0, 0,
                               clip(entry.offset))  # fmt: skip
        return header + entry.name + extra
