"""Legacy files: .doc, Kingsoft .wps, .rtf through LibreOffice; .xls and Kingsoft .et natively.

The legacy renditions are made here from the sample DOCX/XLSX by LibreOffice itself, which a
session fixture installs from Debian when it is missing (failing, never skipping, when it
cannot). Its absence is simulated with an empty PATH.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import olefile
import pytest

from extractors.document import InputFormat
from extractors.notice import ExtractionSettings
from extractors.readers import ReaderError, detect_format, read_document
from extractors.readers.legacy import find_soffice
from pipeline.evaluate import comparable, score_notice
from pipeline.extract import Stage, Status, extract_file
from tests.apt import apt_install
from tests.conftest import GOLD, NOTICES

SAMPLES = NOTICES / "samples"
# sample → (its gold file, the legacy formats LibreOffice saves it as)
CONVERSIONS = {
    "linyi-2023.docx": ("002_02085f7e2344a83a.json", ["doc", "rtf"]),
    "linhai-2020.docx": ("001_071c6a9f0edf7a19.json", ["doc"]),
    "linyi-2023-table.xlsx": ("002_02085f7e2344a83a.json", ["xls"]),
}
SETTINGS = ExtractionSettings()


@pytest.fixture(scope="session")
def soffice() -> str:
    binary = find_soffice()
    if binary is None:
        error = apt_install(["libreoffice-writer-nogui", "libreoffice-calc-nogui"])
        binary = find_soffice()
        if binary is None:
            pytest.fail(f"LibreOffice is needed to make and read the legacy test files and could not be installed: "
                        f"{error}. Install it with `apt-get install libreoffice-writer-nogui libreoffice-calc-nogui`.")  # fmt: skip
    return binary


@pytest.fixture(scope="session")
def legacy(soffice: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples saved by LibreOffice as .doc, .rtf and .xls, plus Kingsoft-named copies:
    a Kingsoft WPS .wps is a Word 97 file, and an ET .et an Excel 97 workbook."""
    folder = tmp_path_factory.mktemp("legacy")
    profile = tmp_path_factory.mktemp("lo-profile")
    for sample, (_, targets) in CONVERSIONS.items():
        for target in targets:
            done = subprocess.run(
                [soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                 "--convert-to", target, "--outdir", str(folder), str(SAMPLES / sample)],
                capture_output=True, text=True, timeout=300, check=False,
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
    shutil.copyfile(folder / "linyi-2023.doc", folder / "linyi-2023-kingsoft.wps")
    shutil.copyfile(folder / "linyi-2023-table.xls", folder / "linyi-2023-table-kingsoft.et")
    return folder


def _view(notice: dict | None) -> list[tuple]:
    assert notice is not None
    return [
        (comparable(task["requirement"]), tuple(comparable(part) for part in task["section"]),
         sorted((comparable(unit["name"]), unit["role"]) for unit in task["units"]),
         (task["deadline"]["kind"], task["deadline"]["due"]))
        for task in notice["tasks"]
    ]  # fmt: skip


LEGACY_CASES = [
    pytest.param(sample, f"{Path(sample).stem}.{target}", InputFormat(target), id=f"{Path(sample).stem}.{target}")
    for sample, (_, targets) in CONVERSIONS.items()
    for target in targets
] + [
    pytest.param("linyi-2023.docx", "linyi-2023-kingsoft.wps", InputFormat.DOC, id="kingsoft-wps"),
    pytest.param("linyi-2023-table.xlsx", "linyi-2023-table-kingsoft.et", InputFormat.XLS, id="kingsoft-et"),
]


@pytest.mark.parametrize(("sample", "name", "expected"), LEGACY_CASES)
def test_legacy_file_gives_the_tasks_of_its_docx_or_xlsx(legacy: Path, sample: str, name: str, expected: InputFormat) -> None:
    path = legacy / name
    assert detect_format(path) is expected
    result = extract_file(path, legacy, SETTINGS)
    assert result.status is Status.OK, result.message
    assert result.notice is not None and result.notice["source"]["format"] == expected.value
    original = extract_file(SAMPLES / sample, NOTICES, SETTINGS).notice
    assert _view(result.notice) == _view(original)
    gold = json.loads((GOLD / CONVERSIONS[sample][0]).read_text(encoding="utf-8"))
    score, reference = (score_notice(n["tasks"], gold["tasks"]).as_dict() for n in (result.notice, original))
    assert score == reference


def test_xls_reads_like_its_xlsx_block_for_block(legacy: Path) -> None:
    """Merged group labels, the merged title row and the print-title header row all survive."""
    from extractors.document import document_to_dict

    xls, xlsx = (document_to_dict(read_document(p)) for p in (legacy / "linyi-2023-table.xls", SAMPLES / "linyi-2023-table.xlsx"))
    assert xls.pop("format") == "xls"
    xlsx.pop("format")
    assert xls == xlsx


@pytest.fixture
def no_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without LibreOffice: nothing on PATH."""
    empty = tmp_path / "empty-path"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert find_soffice() is None


@pytest.mark.usefixtures("no_libreoffice")
@pytest.mark.parametrize("name", ["linyi-2023.doc", "linyi-2023.rtf", "linyi-2023-kingsoft.wps"])
def test_without_libreoffice_a_doc_is_an_error_saying_to_install_it(legacy: Path, name: str) -> None:
    with pytest.raises(ReaderError, match="needs LibreOffice, which is not installed: install LibreOffice") as error:
        read_document(legacy / name)
    assert "apt-get install libreoffice-writer-nogui" in error.value.reason
    result = extract_file(legacy / name, legacy, SETTINGS)
    assert (result.status, result.stage) == (Status.ERROR, Stage.READ)
    assert "install LibreOffice" in result.message


@pytest.mark.usefixtures("no_libreoffice")
def test_without_libreoffice_an_xls_is_still_read(legacy: Path) -> None:
    result = extract_file(legacy / "linyi-2023-table.xls", legacy, SETTINGS)
    assert result.status is Status.OK and result.notice is not None
    assert len(result.notice["tasks"]) == 65


def _rewrite_stream(source: Path, target: Path, stream: str, change: callable) -> Path:
    shutil.copyfile(source, target)
    with olefile.OleFileIO(str(target), write_mode=True) as ole:
        data = ole.openstream(stream).read()
        ole.write_stream(stream, change(data))
    return target


def test_encrypted_doc_is_an_error(legacy: Path, tmp_path: Path) -> None:
    def encrypt(fib: bytes) -> bytes:  # set fEncrypted in the FIB's flags
        flags = int.from_bytes(fib[10:12], "little") | 0x0100
        return fib[:10] + flags.to_bytes(2, "little") + fib[12:]

    path = _rewrite_stream(legacy / "linhai-2020.doc", tmp_path / "locked.doc", "WordDocument", encrypt)
    with pytest.raises(ReaderError, match="password-protected Word document"):
        read_document(path)


def test_doc_libreoffice_cannot_convert_is_an_error(legacy: Path, tmp_path: Path) -> None:
    path = _rewrite_stream(legacy / "linhai-2020.doc", tmp_path / "broken.doc", "WordDocument", lambda data: bytes(len(data)))
    with pytest.raises(ReaderError, match="LibreOffice could not convert|after conversion by LibreOffice"):
        read_document(path)


@pytest.mark.usefixtures("no_libreoffice")
def test_damaged_xls_is_an_error(legacy: Path, tmp_path: Path) -> None:
    path = _rewrite_stream(legacy / "linyi-2023-table.xls", tmp_path / "broken.xls", "Workbook", lambda data: bytes(len(data)))
    with pytest.raises(ReaderError, match=r"damaged \.xls workbook"):
        read_document(path)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), r"damaged Office \(OLE\) file"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"EncryptedPackage".decode().encode("utf-16-le") + bytes(480), "password-protected"),
    ],
    ids=["damaged-ole", "encrypted-ooxml"],
)
def test_bad_ole_files_are_reader_errors(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "notice.doc"
    path.write_bytes(data)
    with pytest.raises(ReaderError, match=reason):
        read_document(path)
