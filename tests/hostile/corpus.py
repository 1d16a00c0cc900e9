"""A corpus of broken, mislabelled, enormous, encrypted and crafted files, built on the spot.

Each ``Case`` writes one file (or folder) and says what ``notice-tasks run`` must make of it:
its status, the stage an error happens at, and a fragment of the message that names the reason.
Nothing is downloaded; the good notices the bad ones are mixed with come from the bundled corpus.

    python -m tests.hostile.corpus OUT_DIR      # build the corpus into OUT_DIR, list the cases
"""

from __future__ import annotations

import os
import random
import stat
import sys
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "corpus" / "notices" / "samples"
SEEDS = ROOT / "corpus" / "notices" / "seeds"
GOOD_NOTICES = (SAMPLES / "linyi-2023.docx", SEEDS / "004_4496c5e18f9a504a.txt")
# Where crafted files point their links and external entities: nothing may ever connect here.
DEFAULT_CANARY = "http://127.0.0.1:9/"
_MB = 1024 * 1024

Build = Callable[[Path, str], None]  # (path to create, canary URL)


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile input: ``name`` relative to the corpus, and the row it must produce.

    ``status`` is ``ok``, ``warning``, ``error``, ``read`` (ok or warning: read, whatever it
    finds to say) or ``none`` (a folder: no row of its own); ``reason`` is a regular expression
    the message must match, case-insensitively, and ``stage`` one the stage must match.
    """

    name: str
    kind: str
    build: Build
    status: str
    reason: str = ""
    stage: str | None = None


# --- plain bytes and text -----------------------------------------------------------------


def _notice_text(label: str) -> str:
    """A short notice with two numbered work points, unique to ``label``."""
    return (
        f"临沂市人民政府办公室关于印发2023年政务公开工作要点（{label}）的通知\n"
        "一、推进决策公开\n"
        f"（一）完善重大行政决策公开制度，落实{label}公开要求。牵头单位：市政府办公室，2023年6月底前完成。\n"
        "（二）加强政策解读回应。责任单位：市司法局，2023年12月底前完成。\n"
        "二、深化重点领域信息公开\n"
        "（一）推进财政预决算信息公开。牵头单位：市财政局，全年推进。\n"
        "临沂市人民政府办公室\n2023年3月20日\n"
    )


def _write(data: bytes) -> Build:
    def build(path: Path, canary: str) -> None:
        path.write_bytes(data)

    return build


def _text(text: str, codec: str = "utf-8") -> Build:
    return _write(text.encode(codec))


def _noise(size: int, seed: int, head: bytes = b"") -> Build:
    return _write(head + random.Random(seed).randbytes(size))


def _copy(source: Path, cut: float = 1.0) -> Build:
    def build(path: Path, canary: str) -> None:
        data = source.read_bytes()
        path.write_bytes(data[: int(len(data) * cut)])

    return build


def _with_bad_bytes(text: str, codec: str, bad: bytes, head: bytes = b"") -> Build:
    """``text`` in ``codec`` with an invalid byte sequence after each of a few lines."""
    if codec == "big5":  # Big5 holds traditional characters only
        from opencc import OpenCC

        text = OpenCC("s2t").convert(text)
    lines = text.splitlines(keepends=True)
    return _write(head + b"".join(line.encode(codec) + (bad if i % 3 == 1 else b"") for i, line in enumerate(lines)))


# --- zip containers -----------------------------------------------------------------------


def _members(source: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(source) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _zip(members: dict[str, bytes | Callable[[], Iterable[bytes]]], path: Path) -> None:
    """A zip of ``members``; a callable member is streamed, so a bomb is never held in memory."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in members.items():
            if callable(data):
                with archive.open(name, "w", force_zip64=True) as stream:
                    for chunk in data():
                        stream.write(chunk)
            else:
                archive.writestr(name, data)


def _replace_member(source: Path, member: str, data: Callable[[str], bytes | Callable[[], Iterable[bytes]]]) -> Build:
    def build(path: Path, canary: str) -> None:
        members: dict[str, bytes | Callable[[], Iterable[bytes]]] = dict(_members(source))
        members[member] = data(canary)
        _zip(members, path)

    return build


def _bomb(prefix: bytes, unit: bytes, size: int, suffix: bytes) -> Callable[[str], Callable[[], Iterator[bytes]]]:
    """A part of ``size`` bytes: ``prefix``, ``unit`` repeated, ``suffix`` (well-formed XML)."""

    def part(canary: str) -> Callable[[], Iterator[bytes]]:
        def chunks() -> Iterator[bytes]:
            yield prefix
            block = unit * (_MB // len(unit))
            for _ in range(size // len(block)):
                yield block
            yield suffix

        return chunks

    return part


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_DOCX = SAMPLES / "linhai-2020.docx"
_XLSX = SAMPLES / "linyi-2023-table.xlsx"
_SHEET = "xl/worksheets/sheet1.xml"
_SHEET_OPEN = b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'


def _docx_body(body: str, doctype: str = "") -> Callable[[str], bytes]:
    def part(canary: str) -> bytes:
        declared = doctype.replace("CANARY", canary)
        return f'<?xml version="1.0" encoding="UTF-8"?>{declared}<w:document {W}><w:body>{body}</w:body></w:document>'.encode()

    return part


def _docx_rows(rows: int) -> Callable[[str], bytes]:
    row = "<w:tr><w:tc><w:p><w:r><w:t>{0}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>落实任务{0}</w:t></w:r></w:p></w:tc></w:tr>"
    return _docx_body("<w:tbl>" + "".join(row.format(i) for i in range(rows)) + "</w:tbl>")


def _sheet_rows(rows: int) -> Callable[[str], bytes]:
    def part(canary: str) -> bytes:
        body = "".join(
            f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>{i}</t></is></c>'
            f'<c r="B{i}" t="inlineStr"><is><t>落实任务{i}</t></is></c></row>'
            for i in range(1, rows + 1)
        )
        return _SHEET_OPEN + body.encode() + b"</sheetData></worksheet>"

    return part


_LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(9))
    + "]>"
)
_XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "CANARYxxe"><!ENTITY passwd SYSTEM "file:///etc/passwd">]>'


def _ole(encrypted: bool) -> Build:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    body = "EncryptedPackage".encode("utf-16-le") if encrypted else "WordDocument".encode("utf-16-le")
    return _write(head + body + bytes(1024))


# --- PDF ----------------------------------------------------------------------------------


def _pdf(pages: list[bytes], font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>", extra: dict[int, bytes] | None = None) -> bytes:
    """A PDF with one content stream per page, all sharing font ``F1`` (object 3)."""
    objects: dict[int, bytes] = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: font, **(extra or {})}
    first = max(objects) + 1
    kids = []
    for index, content in enumerate(pages):
        page, stream = first + 2 * index, first + 2 * index + 1
        kids.append(b"%d 0 R" % page)
        objects[page] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % stream
        )
        objects[stream] = b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content)
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(pages))
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, objects[number])
    xref, size = len(out), max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size))
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref)
    return bytes(out)


def _pdf_hello(pages: int) -> Build:
    return _write(_pdf([b"BT /F1 12 Tf 72 720 Td (Page %d) Tj ET" % (i + 1) for i in range(pages)]))


def _pdf_cid() -> Build:
    """Text in a composite font with no Unicode map: every glyph reads as (cid:N)."""
    font = b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] >>"
    descendant = (
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDToGIDMap /Identity "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 1000 >>"
    )
    rng = random.Random(7)
    lines = b"".join(
        b"BT /F1 12 Tf 72 %d Td <%s> Tj ET\n" % (780 - 16 * row, bytes(rng.randrange(256) for _ in range(60)).hex().encode())
        for row in range(40)
    )
    return _write(_pdf([lines], font=font, extra={4: descendant}))


def _pdf_scanned(path: Path, canary: str) -> None:
    """Pages that are pictures of text: no text layer at all."""
    from PIL import Image, ImageDraw

    pages = []
    for number in range(2):
        image = Image.new("RGB", (595, 842), "white")
        draw = ImageDraw.Draw(image)
        for row in range(30):
            draw.rectangle((60, 60 + 24 * row, 530, 72 + 24 * row), fill=(40, 40, 40))
        draw.text((280, 820), str(number + 1), fill="black")
        pages.append(image)
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:])


def _pdf_encrypted(path: Path, canary: str) -> None:
    from tests.extractors.readers.test_pdf import HELLO, write_pdf

    write_pdf(path, HELLO, user_password="secret")


# --- HTML ---------------------------------------------------------------------------------


def _page(body: str, head: str = "", charset: str = "utf-8") -> str:
    return f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>通知</title>{head}</head><body>{body}</body></html>'


def _html_huge(size: int) -> Build:
    def build(path: Path, canary: str) -> None:
        row = "<tr><td>1</td><td>落实政务公开工作要点，市政府办公室牵头，2023年底前完成。</td></tr>".encode()
        with path.open("wb") as stream:
            stream.write(_page("<table>").encode())
            for _ in range(size // len(row) + 1):
                stream.write(row)
            stream.write(b"</table></body></html>")

    return build


def _html_remote(path: Path, canary: str) -> None:
    body = (
        f'<base href="{canary}base/"><img src="{canary}img.png"><iframe src="{canary}frame"></iframe>'
        f'<link rel="stylesheet" href="{canary}style.css"><script src="{canary}app.js"></script>'
        f'<p style="background:url({canary}bg.png)">正文</p>'
        + "".join(f"<p>{line}</p>" for line in _notice_text("远程链接").splitlines())
        + f'<p>附件：<a href="{canary}附件.docx">附件1</a> <a href="file:///etc/passwd">本地</a></p>'
        + f'<object data="{canary}x.swf"></object><embed src="{canary}x.pdf">'
    )
    head = f'<meta http-equiv="refresh" content="0;url={canary}refresh"><link rel="import" href="{canary}import">'
    path.write_text(_page(body, head), encoding="utf-8")


def _html_entities(path: Path, canary: str) -> None:
    doctype = f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{canary}xxe"><!ENTITY passwd SYSTEM "file:///etc/passwd">]>'
    body = "".join(f"<p>{line}&passwd;&xxe;</p>" for line in _notice_text("外部实体").splitlines())
    path.write_text(doctype + f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")


def _html_table(rows: int) -> Build:
    body = "<table>" + "".join(f"<tr><td>{i}</td><td>落实任务{i}</td><td>市政府办公室</td></tr>" for i in range(rows)) + "</table>"
    return _text(_page("<p>任务分解表</p>" + body))


def _html_nested(depth: int) -> Build:
    return _text(_page("<p>开头</p>" + "<div><span>" * (depth // 2) + "深处的正文" + "</span></div>" * (depth // 2)))


# --- mojibake and garbage -----------------------------------------------------------------

_GOOD = _notice_text("乱码对照")


def _mojibake_latin1() -> Build:
    return _text(_GOOD.encode("gbk").decode("latin-1"))


def _mojibake_utf8_as_gbk() -> Build:
    garbled = _GOOD.encode("utf-8").decode("gbk", errors="replace")
    return _text(_page("".join(f"<p>{line}</p>" for line in garbled.splitlines())))


def _replacement_text() -> Build:
    rng = random.Random(3)
    return _text("".join(ch if rng.random() < 0.4 or ch in "\n一二（）" else "\ufffd" for ch in _GOOD))


def _cid_text() -> Build:
    rng = random.Random(5)
    lines = ["".join(f"(cid:{rng.randrange(1, 9000)})" for _ in range(30)) for _ in range(12)]
    return _text("关于印发工作要点的通知\n一、总体要求\n" + "\n".join(f"（{n}）{line}" for n, line in zip("一二三四五六七八九十", lines)))


def _kun_jin_kao() -> Build:
    return _text("\n".join(("锟斤拷" * 12 + "烫烫烫烫" + "屯屯屯屯") for _ in range(10)))


# --- file system oddities -----------------------------------------------------------------


def _unreadable(path: Path, canary: str) -> None:
    path.write_text(_notice_text("不可读"), encoding="utf-8")
    path.chmod(0)


def _broken_link(path: Path, canary: str) -> None:
    path.symlink_to(path.parent / "no-such-target.docx")


def _fifo(path: Path, canary: str) -> None:
    os.mkfifo(path)


def _folder(inner: str | None) -> Build:
    def build(path: Path, canary: str) -> None:
        path.mkdir()
        if inner:
            (path / "inside.txt").write_text(_notice_text(inner), encoding="utf-8")

    return build


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# --- the cases ----------------------------------------------------------------------------


def cases() -> list[Case]:
    """Every hostile case, with the row ``notice-tasks run`` must write for it."""
    text_codecs = [
        ("utf-8", b"\xff\xfe\xc3", "utf-8"),
        ("gb18030", b"\x81\x20\xff", "gb18030"),
        ("big5", b"\xf9\xfe\x80\x81", "big5"),
        ("utf-16-le", b"\x00\xd8\x41\x00", "utf-16"),
    ]
    encoded = [
        Case(
            f"encoding/bad-{codec}.txt", f"invalid bytes in {codec} text", _with_bad_bytes(
                _notice_text(f"{codec}坏字节"), codec, bad, b"\xff\xfe" if codec == "utf-16-le" else b""
            ), "warning", "could not be decoded",
        )
        for codec, bad, _ in text_codecs
    ]
    return [
        # empty and noise
        Case("empty.txt", "empty file", _write(b""), "error", "empty", "detect"),
        Case("blank.html", "whitespace only", _write(b" \r\n\t \n"), "error", "empty", "detect"),
        Case("noise.html", "binary noise named .html", _noise(8192, 1), "error", "binary", "detect"),
        Case("noise.pdf", "binary noise named .pdf", _noise(8192, 2), "error", "binary", "detect"),
        Case("noise.docx", "binary noise named .docx", _noise(8192, 3), "error", "binary", "detect"),
        Case("nul.txt", "NUL bytes named .txt", _write(bytes(4096)), "error", "binary", "detect"),
        Case("noise-with-pdf-magic.pdf", "PDF magic then noise", _noise(8192, 4, b"%PDF-1.7\n"), "error", "PDF", "read"),
        # mislabelled
        Case("word-named.pdf", "a DOCX named .pdf", _copy(_DOCX), "read"),
        Case("pdf-named.docx", "a PDF named .docx", _copy(SAMPLES / "linhai-2020.pdf"), "read"),
        Case("excel-named.docx", "an XLSX named .docx", _copy(_XLSX), "read"),
        Case("pdf-named.html", "a PDF named .html", _copy(SAMPLES / "linhai-2020.pdf"), "read"),
        Case("legacy.doc", "a legacy Word 97-2003 file that is only a header", _ole(False), "error", "legacy|OLE|\\.doc", "detect|read"),
        Case("locked.docx", "password-protected DOCX", _ole(True), "error", "password", "detect"),
        Case("archive.docx", "a zip that is no Office file", lambda p, c: _zip({"a.txt": b"hi"}, p), "error", "neither", "detect"),
        Case("document.ofd", "an OFD container without documents", lambda p, c: _zip({"OFD.xml": b"<ofd/>"}, p), "error", "OFD", "detect|read"),
        # truncated, encrypted, no text
        Case("truncated.pdf", "PDF cut in half", _copy(SAMPLES / "linyi-2023.pdf", 0.5), "error", "truncated", "read"),
        Case("truncated.docx", "DOCX cut in half", _copy(SAMPLES / "linyi-2023.docx", 0.5), "error", "truncated|damaged", "detect"),
        Case("truncated.xlsx", "XLSX cut in half", _copy(_XLSX, 0.5), "error", "truncated|damaged", "detect"),
        Case("encrypted.pdf", "password-protected PDF", _pdf_encrypted, "error", "encrypted", "read"),
        Case("scanned.pdf", "PDF with no text layer", _pdf_scanned, "warning", "ocr"),  # needs_ocr, or ocr: when installed
        Case("cid-fonts.pdf", "PDF fonts without a Unicode map", _pdf_cid(), "warning", "garbled_text"),
        # zip bombs and crafted XML
        Case("bomb.docx", "DOCX whose body unpacks to 1 GB", _replace_member(
            _DOCX, "word/document.xml", _bomb(f"<w:document {W}><w:body>".encode(), b"<w:p/>", 1024 * _MB, b"</w:body></w:document>")
        ), "error", "zip bomb", "read"),
        Case("bomb.xlsx", "XLSX whose sheet unpacks to 1 GB", _replace_member(
            _XLSX, _SHEET, _bomb(_SHEET_OPEN, b"<row/>", 1024 * _MB, b"</sheetData></worksheet>")
        ), "error", "zip bomb", "read"),
        Case("laughs.docx", "billion laughs in a DOCX", _replace_member(
            _DOCX, "word/document.xml", _docx_body("<w:p><w:r><w:t>&j;</w:t></w:r></w:p>", _LAUGHS)
        ), "error", "DTD", "read"),
        Case("xxe.docx", "external entities in a DOCX", _replace_member(
            _DOCX, "word/document.xml", _docx_body("<w:p><w:r><w:t>&xxe;&passwd;</w:t></w:r></w:p>", _XXE)
        ), "error", "DTD", "read"),
        Case("xxe.xlsx", "external entities in an XLSX", _replace_member(
            _XLSX, _SHEET, lambda canary: _SHEET_OPEN.replace(b"<worksheet", _XXE.replace("w:document", "worksheet").replace("CANARY", canary).encode() + b"<worksheet")
            + b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;&passwd;</t></is></c></row></sheetData></worksheet>'
        ), "error", "DTD", "read"),
        Case("entities.html", "HTML with external entities", _html_entities, "read"),
        Case("remote.html", "HTML with remote images, frames, links", _html_remote, "read"),
        # enormous
        Case("huge.html", "HTML of 100 MB", _html_huge(100 * _MB), "error", "max_file_mb", "open"),
        Case("nested.html", "HTML with 10,000 nested tags", _html_nested(10_000), "warning", "flat text"),
        Case("rows.html", "HTML table of 100,000 rows", _html_table(100_000), "error", "max_table_rows", "read"),
        Case("rows.xlsx", "worksheet of 100,000 rows", _replace_member(_XLSX, _SHEET, _sheet_rows(100_000)), "error", "max_table_rows", "read"),
        Case("rows.docx", "Word table of 100,000 rows", _replace_member(_DOCX, "word/document.xml", _docx_rows(100_000)), "error", "max_table_rows", "read"),
        Case("pages.pdf", "PDF of 501 pages", _pdf_hello(501), "error", "max_pages", "read"),
        # encodings and garbage
        *encoded,
        Case("encoding/bad-gbk-declared.html", "invalid bytes in a page declared GBK", _with_bad_bytes(
            _page("".join(f"<p>{x}</p>\n" for x in _notice_text("声明GBK").splitlines()), charset="gbk"), "gbk", b"\x80\xff"
        ), "warning", "could not be decoded"),
        Case("encoding/bad-utf8-bom.txt", "invalid bytes after a UTF-8 BOM", _with_bad_bytes(
            _notice_text("带BOM"), "utf-8", b"\xed\xa0\x80", b"\xef\xbb\xbf"
        ), "warning", "could not be decoded"),
        Case("garbage/mojibake-latin1.txt", "GBK read as Latin-1", _mojibake_latin1(), "warning", "garbled_text.*mojibake"),
        Case("garbage/mojibake-gbk.html", "UTF-8 read as GBK", _mojibake_utf8_as_gbk(), "warning", "garbled_text"),
        Case("garbage/replacement.txt", "mostly U+FFFD", _replacement_text(), "warning", "garbled_text"),
        Case("garbage/cid-codes.txt", "(cid:N) codes as text", _cid_text(), "warning", "garbled_text.*cid"),
        Case("garbage/kunjinkao.txt", "锟斤拷 and 烫烫烫", _kun_jin_kao(), "warning", "garbled_text"),
        # names and the file system
        Case("names/通知 with spaces.txt", "spaces in the name", _text(_notice_text("空格")), "read"),
        Case("names/quote\"and'apostrophe.txt", "quotes in the name", _text(_notice_text("引号")), "read"),
        Case("names/Ελληνικά русский العربية עברית.txt", "non-Chinese scripts", _text(_notice_text("外文")), "read"),
        Case("names/通知..\\..\\..\\outside.txt", "../ in the name", _text(_notice_text("路径")), "read"),
        Case("names/line\nbreak.txt", "a line break in the name", _text(_notice_text("换行")), "read"),
        Case(os.fsdecode(b"names/\xd5\xfe\xb8\xae.txt"), "a GBK file name (not UTF-8)", _text(_notice_text("GBK文件名")), "read"),
        Case("names/title-is-a-path.txt", "a title that is a path", _text("../../../../tmp/notice-tasks-escape\n" + _notice_text("标题路径")), "read"),
        Case("names/unreadable.txt", "no read permission", _unreadable, "read" if _is_root() else "error", "" if _is_root() else "Permission denied", None if _is_root() else "open"),
        Case("names/broken-link.docx", "a symbolic link to nothing", _broken_link, "error", "link", "open"),
        Case("names/pipe.txt", "a named pipe", _fifo, "error", "named pipe", "open"),
        Case("names/目录.pdf", "a folder named like a notice", _folder("目录里"), "none"),
        Case("names/空目录.docx", "an empty folder named like a notice", _folder(None), "none"),
    ]


def build_corpus(folder: Path, canary: str = DEFAULT_CANARY, good: Iterable[Path] = GOOD_NOTICES) -> list[Case]:
    """Write every case (and copies of the good notices under ``good/``) into ``folder``."""
    built = cases()
    for case in built:
        path = folder / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        case.build(path, canary)
    (folder / "good").mkdir(parents=True, exist_ok=True)
    for source in good:
        (folder / "good" / source.name).write_bytes(source.read_bytes())
    return built


def row_path(case: Case) -> str:
    """The path ``notices.parquet`` shows for a case (names that are not UTF-8 escaped)."""
    return case.name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def make_removable(folder: Path) -> None:
    """Give back the permissions a case took away, so that the folder can be deleted."""
    for path in folder.rglob("*"):
        if not path.is_symlink() and path.exists() and stat.S_IMODE(path.stat().st_mode) == 0:
            path.chmod(0o644)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[0])
    for case in build_corpus(folder):
        print(f"{case.status:8} {case.stage or '-':8} {row_path(case)!r:60} {case.kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
