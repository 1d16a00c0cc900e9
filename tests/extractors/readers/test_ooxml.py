"""The OOXML container checks: a part that declares a DTD is refused, however its prolog is padded."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from extractors.readers.errors import ReaderError
from extractors.readers.ooxml import WORD, open_container

BODY = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>'
DTD = b'<!DOCTYPE w:document [<!ENTITY a "x">]>'

PROLOGS = [
    # (the part's bytes, whether it is refused)
    (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n' + BODY, False),
    (b"<?xml version='1.0'?>" + DTD + BODY, True),
    (b"<?xml version='1.0'?>\n<!-- " + b"x" * 10_000 + b" -->\n" + DTD + BODY, True),  # past the first read
    (b"<?xml version='1.0'?><!-- " + b"x" * 70_000, True),  # a comment never closed
    ("<?xml version='1.0' encoding='UTF-16'?>".encode("utf-16") + DTD.decode().encode("utf-16-le") + BODY.decode().encode("utf-16-le"), True),
]


@pytest.mark.parametrize(("part", "refused"), PROLOGS, ids=["plain", "dtd", "dtd-after-a-long-comment", "unclosed-comment", "utf-16-dtd"])
def test_a_part_declaring_a_dtd_is_refused(tmp_path: Path, part: bytes, refused: bool) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        archive.writestr(WORD.main_part, part)
    path = tmp_path / "notice.docx"
    path.write_bytes(buffer.getvalue())
    if refused:
        with pytest.raises(ReaderError, match="DTD"):
            with open_container(path, WORD):
                pass
    else:
        with open_container(path, WORD):
            pass
