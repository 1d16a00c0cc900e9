"""Legacy word-processor files (.doc, Kingsoft .wps, Works .wps, .rtf) through LibreOffice.

No maintained Python library reads the Word 97 binary format well, and LibreOffice does: it is
run headless to convert the file to .docx, which the DOCX reader then reads, so a notice
published as .doc gives what its .docx would. LibreOffice is a system package, not a Python
one (Debian: ``apt-get install libreoffice-writer-nogui libreoffice-calc-nogui``); without it
these files are an error saying so. Spreadsheets (.xls, .et) are read natively by ``xls.py``
and only fall back to LibreOffice when xlrd cannot read them.

Legacy Office files are OLE compound files; what they hold is told by their stream names
(``ole_format``), never by the suffix: a Kingsoft WPS ``.wps`` is a Word document inside, a
Microsoft Works ``.wps`` is not, and a Kingsoft ET ``.et`` is an Excel workbook.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import olefile

from extractors.document import Document, InputFormat
from extractors.readers.errors import ReaderError
from extractors.readers.limits import DEFAULT_LIMITS, Limits

SOFFICE_NAMES = ("soffice", "libreoffice")
INSTALL_LIBREOFFICE = (
    "install LibreOffice to read it (Debian/Ubuntu: apt-get install libreoffice-writer-nogui "
    "libreoffice-calc-nogui; other systems: libreoffice.org), or save it as .docx/.xlsx"
)
# A conversion takes 1-3 s; one that takes longer than this has hung on a dialog or a bad file.
CONVERT_SECONDS = 120.0
# OLE stream names and what they make the file, checked in this order.
_STREAMS: tuple[tuple[str, InputFormat | str], ...] = (
    ("EncryptedPackage", "a password-protected (encrypted) Office file; remove the password and save it again"),
    ("WordDocument", InputFormat.DOC),
    ("Workbook", InputFormat.XLS),
    ("Book", InputFormat.XLS),  # Excel 5/95
    ("MatOST", InputFormat.WORKS),  # Microsoft Works word processor
    ("PowerPoint Document", "a PowerPoint presentation, not a notice; save its text as .docx to read it"),
)
# Word's FIB flag for an encrypted document (fEncrypted, bit 8 of the flags at offset 0x0A).
_FIB_ENCRYPTED = 0x0100
# LibreOffice's export filter for each target.
_FILTERS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}
_SOURCE_SUFFIX = {
    InputFormat.DOC: ".doc",
    InputFormat.RTF: ".rtf",
    InputFormat.WORKS: ".wps",
    InputFormat.XLS: ".xls",
}


def ole_format(path: Path) -> InputFormat:
    """The format inside an OLE compound file, from the streams it holds; ``ReaderError`` for an
    encrypted, damaged or unknown one."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            streams = {entry[0] for entry in ole.listdir(streams=True, storages=True)}
            for stream, kind in _STREAMS:
                if stream not in streams:
                    continue
                if not isinstance(kind, InputFormat):  # InputFormat is a str too: test it first
                    raise ReaderError(path, kind)
                if kind is InputFormat.DOC and _word_encrypted(ole):
                    raise ReaderError(path, "a password-protected Word document; remove the password and save it again")
                return kind
    except ReaderError:
        raise
    except Exception as error:  # noqa: BLE001 -- olefile raises anything on a crafted header
        raise ReaderError(path, f"a damaged Office (OLE) file ({error}); re-download it or re-save it") from error
    names = ", ".join(sorted(streams)[:6]) or "none"
    raise ReaderError(path, f"an OLE compound file that is no Word or Excel document (streams: {names})")


def _word_encrypted(ole: olefile.OleFileIO) -> bool:
    with ole.openstream("WordDocument") as stream:
        fib = stream.read(12)
    return len(fib) >= 12 and bool(int.from_bytes(fib[10:12], "little") & _FIB_ENCRYPTED)


def find_soffice() -> str | None:
    """LibreOffice's command on this machine's PATH, if it is installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def read_legacy(path: Path, source: InputFormat, *, limits: Limits = DEFAULT_LIMITS) -> Document:
    """Read a .doc, .wps or .rtf notice by converting it to .docx with LibreOffice."""
    from extractors.readers.docx import read_docx

    return convert_and_read(path, source, "docx", lambda converted: read_docx(converted, limits=limits))


def convert_and_read(
    path: Path, source: InputFormat, target: str, read: Callable[[Path], Document]
) -> Document:
    """Convert ``path`` to ``target`` (docx, xlsx) in a private folder, read it with ``read``,
    and give the document the source's format; errors name the original file."""
    soffice = find_soffice()
    noun = source.value if source is not InputFormat.WORKS else "Works .wps"
    if soffice is None:
        raise ReaderError(path, f"a .{noun} file needs LibreOffice, which is not installed: {INSTALL_LIBREOFFICE}")
    with tempfile.TemporaryDirectory(prefix="notice-tasks-convert-") as work:
        converted = _convert(path, Path(work), soffice, source, target)
        try:
            document = read(converted)
        except ReaderError as error:
            raise ReaderError(path, f"after conversion by LibreOffice: {error.reason}") from error
    return dataclasses.replace(document, format=source)


def _convert(path: Path, work: Path, soffice: str, source: InputFormat, target: str) -> Path:
    # A plain ASCII name with the right suffix: LibreOffice picks its import filter partly by
    # suffix, and the output is named after the input.
    source_copy = work / f"notice{_SOURCE_SUFFIX.get(source, '')}"
    shutil.copyfile(path, source_copy)
    out = work / "out"
    command = [
        soffice,
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        # A profile of its own: two conversions at once (parallel runs) must not share one.
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--convert-to",
        _FILTERS[target],
        "--outdir",
        str(out),
        str(source_copy),
    ]
    env = {**os.environ, "HOME": str(work)}
    stderr = _run(command, env, path)
    converted = out / f"notice.{target}"
    if not converted.is_file() or converted.stat().st_size == 0:
        detail = stderr.strip().splitlines()[-1] if stderr.strip() else "no output"
        raise ReaderError(path, f"LibreOffice could not convert this .{source.value} file ({detail}); is it damaged?")
    return converted


def _run(command: list[str], env: dict[str, str], path: Path) -> str:
    """Run LibreOffice in its own process group, so that a timeout (ours, or the per-notice
    alarm) ends soffice.bin too and not only the launcher script."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
        env=env, start_new_session=True, text=True, errors="replace",
    ) as process:  # fmt: skip
        try:
            _, stderr = process.communicate(timeout=CONVERT_SECONDS)
        except subprocess.TimeoutExpired as error:
            _kill_group(process)
            raise ReaderError(path, f"LibreOffice did not finish converting it in {CONVERT_SECONDS:g} s") from error
        except BaseException:
            _kill_group(process)
            raise
    return stderr or ""


def _kill_group(process: subprocess.Popen[str]) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()
