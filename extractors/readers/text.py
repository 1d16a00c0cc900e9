"""Plain-text notices: one paragraph per non-empty line, in any common Chinese encoding."""

from __future__ import annotations

from pathlib import Path

from extractors.document import Document, InputFormat, Paragraph
from extractors.readers.encoding import decode_bytes
from extractors.readers.errors import ReaderError


def read_text(path: Path) -> Document:
    """Read a text file; blank lines are dropped, every other line becomes a paragraph.

    Web-page text keeps its chrome (字体大小, 打印, 分享到 …): telling chrome from body is the
    extractors' job, the same for every format.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReaderError(path, f"cannot read the file ({error.strerror or error})") from error
    text, codec = decode_bytes(data)
    if not text.strip():
        raise ReaderError(path, "the file holds no text")
    paragraphs = tuple(
        Paragraph(line.rstrip()) for line in text.splitlines() if line.strip(" \t\u3000\xa0\ufeff")
    )
    warnings = ()
    if text.count("\ufffd") > 0:
        warnings = (f"{text.count(chr(0xFFFD))} bytes could not be decoded as {codec}",)
    return Document(blocks=paragraphs, format=InputFormat.TXT, warnings=warnings)
