"""Fuzz the readers and the normalizers for a bounded time; save every crash as a regression case.

    python tools/fuzz.py --seconds 120                 # hypothesis, readers and normalizers
    python tools/fuzz.py --seconds 600 --atheris       # also coverage-guided, if atheris is installed

Readers get bytes that look like each format: random bytes behind each magic prefix, and the
bundled notices truncated, bit-flipped, spliced or with one zip part replaced by random XML. A
reader may return a document or raise ``ReaderError``; anything else is a crash. Every document
read is also extracted, since garbage that gets past a reader reaches the extractors. Normalizers
get random text mixing Chinese, numerals, punctuation and control characters. Crashing inputs are
written to ``tests/fixtures/fuzz/`` (``tests/test_fuzz_regressions.py`` replays them all).
"""

from __future__ import annotations

import argparse
import hashlib
import io
import random
import sys
import tempfile
import time
import traceback
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, Verbosity, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from extractors.notice import document_to_notice  # noqa: E402
from extractors.readers import ReaderError, read_document  # noqa: E402
from extractors.readers.limits import Limits  # noqa: E402
from normalizers import dates, noise, numerals, punctuation, script, text, whitespace  # noqa: E402
from pipeline.guard import NoticeTimeout, time_limit  # noqa: E402

CRASHES = ROOT / "tests" / "fixtures" / "fuzz"
SAMPLES = sorted((ROOT / "corpus" / "notices" / "samples").iterdir())
# Small limits keep each example fast; a hang longer than this is a finding too.
LIMITS = Limits(max_file_mb=2, max_pages=20, max_decompressed_mb=20, max_table_rows=2000, seconds_per_notice=10)
MAGIC = {
    "pdf": b"%PDF-1.7\n",
    "docx": b"PK\x03\x04",
    "html": b"<html><head><meta charset=gbk></head><body>",
    "txt": b"\xef\xbb\xbf",
    "utf16": b"\xff\xfe",
    "ole": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
}


class Crash(Exception):
    """An input that made a reader or normalizer raise something other than ``ReaderError``."""


def save_crash(data: bytes, suffix: str, error: BaseException) -> Path:
    CRASHES.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha256(data).hexdigest()[:16] + suffix
    path = CRASHES / name
    path.write_bytes(data)
    path.with_name(name + ".traceback").write_text("".join(traceback.format_exception(error)), encoding="utf-8")
    return path


# --- readers ------------------------------------------------------------------------------


def _mutate(data: bytes, rng: random.Random) -> bytes:
    choice = rng.randrange(4)
    if choice == 0:  # truncate
        return data[: rng.randrange(len(data) + 1)]
    buffer = bytearray(data)
    if choice == 1:  # flip bytes
        for _ in range(rng.randrange(1, 64)):
            buffer[rng.randrange(len(buffer))] = rng.randrange(256)
        return bytes(buffer)
    if choice == 2:  # splice random bytes in
        at = rng.randrange(len(buffer))
        return bytes(buffer[:at] + rng.randbytes(rng.randrange(1, 512)) + buffer[at:])
    return _replace_zip_part(data, rng)


def _replace_zip_part(data: bytes, rng: random.Random) -> bytes:
    """One part of a .docx/.xlsx replaced by random, mostly well-formed XML."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = {name: archive.read(name) for name in archive.namelist()}
    except Exception:  # noqa: BLE001 -- an earlier mutation broke the zip: mutate the bytes instead
        return data[::-1]
    victim = rng.choice(sorted(members))
    tags = ["w:p", "w:r", "w:t", "w:tbl", "w:tr", "w:tc", "w:numPr", "row", "c", "v", "is", "t", "mergeCell", "sheet"]
    parts = []
    for _ in range(rng.randrange(1, 200)):
        tag = rng.choice(tags)
        attrs = f' w:val="{rng.choice(["0", "-1", "x", "99999999999", ""])}" r="{rng.choice(["A1", "ZZZ9", "", "1"])}"'
        parts.append(f"<{tag}{attrs}>{rng.choice(['通知', '', '1', '(一)', '&amp;'])}" + (f"</{tag}>" if rng.random() < 0.8 else ""))
    original = members[victim]
    members[victim] = original[: rng.randrange(len(original) + 1)] + "".join(parts).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


SUFFIXES = [".txt", ".html", ".docx", ".pdf", ".xlsx", ".bin"]


@st.composite
def reader_inputs(draw: st.DrawFn) -> tuple[bytes, str]:
    suffix = draw(st.sampled_from(SUFFIXES))
    if draw(st.booleans()):
        magic = draw(st.sampled_from(sorted(MAGIC)))
        return MAGIC[magic] + draw(st.binary(max_size=4096)), suffix
    sample = draw(st.sampled_from(SAMPLES))
    rng = random.Random(draw(st.integers(0, 2**32 - 1)))
    data = sample.read_bytes()
    for _ in range(draw(st.integers(1, 3))):
        data = _mutate(data, rng) or b" "
    return data, suffix


def check_reader(data: bytes, suffix: str, folder: Path, seconds: float = LIMITS.seconds_per_notice) -> None:
    """Read (and extract) one input; raise ``Crash`` for anything but a document or ReaderError."""
    path = folder / f"input{suffix}"
    path.write_bytes(data)
    try:
        with time_limit(seconds):
            document = read_document(path, LIMITS)
            document_to_notice(document)
    except ReaderError:
        return
    except NoticeTimeout as error:
        raise Crash(f"{suffix}: hang: no result in {LIMITS.seconds_per_notice:g} s") from error
    except Exception as error:  # noqa: BLE001 -- what the fuzzer is looking for
        raise Crash(f"{suffix}: {type(error).__name__}: {error}") from error


# --- normalizers --------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("一二三四五六七八九十百千万零〇两年月日底前后上中下旬季度（）()、。，：；“”《》〔〕[]%.-/ \t\n\u3000"),
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
        st.characters(min_codepoint=0, max_codepoint=0x2FFFF),
        st.sampled_from("0123456789０１２３４５６７８９?？□■\ufffd"),
    ),
    max_size=200,
)


def check_normalizers(value: str, year: int) -> None:
    steps: list[Callable[[], object]] = [
        lambda: text.normalize_line(value),
        lambda: text.normalize_multiline(value, opencc_config="tw2sp"),
        lambda: punctuation.normalize_punctuation(value),
        lambda: whitespace.normalize_whitespace(value),
        lambda: whitespace.remove_whitespace(value),
        lambda: noise.repair_lost_characters(value),
        lambda: noise.strip_pinyin_annotations(value),
        lambda: script.to_simplified(value, "hk2s"),
        lambda: dates.digitize_dates(value),
        lambda: dates.find_dates(value, year),
        lambda: dates.parse_iso_like(value),
        lambda: numerals.chinese_to_int(value) if numerals.is_chinese_numeral(value) else None,
    ]
    for step in steps:
        try:
            step()
        except Exception as error:  # noqa: BLE001
            raise Crash(f"{type(error).__name__}: {error} on {value!r}") from error


# --- running ------------------------------------------------------------------------------


def _run_hypothesis(deadline: float, seed: int) -> list[Path]:
    crashes: list[Path] = []
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    last: dict[str, object] = {}
    common = settings(
        max_examples=200, deadline=None, database=None, derandomize=False, phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck), report_multiple_bugs=False, verbosity=Verbosity.quiet,
    )  # fmt: skip

    @common
    @given(reader_inputs())
    def readers(case: tuple[bytes, str]) -> None:
        last["reader"] = case
        check_reader(*case, folder)

    @common
    @given(TEXT, st.integers(1990, 2100))
    def normalizers_(value: str, year: int) -> None:
        last["text"] = (value, year)
        check_normalizers(value, year)

    rounds = 0
    while time.monotonic() < deadline:
        random.seed(seed + rounds)
        rounds += 1
        for name, target in (("reader", readers), ("text", normalizers_)):
            try:
                target()
            except Crash as crash:
                if name == "reader":
                    data, suffix = last["reader"]  # type: ignore[misc]
                else:
                    value, year = last["text"]  # type: ignore[misc]
                    data, suffix = f"{year}\n{value}".encode("utf-8", "surrogatepass"), ".normalizer"
                crashes.append(save_crash(data, suffix, crash))
                print(f"crash: {crash} -> {crashes[-1]}", file=sys.stderr)
            if time.monotonic() >= deadline:
                break
    print(f"hypothesis: {rounds} rounds of 200 examples per target", file=sys.stderr)
    return crashes


def _run_atheris(seconds: float) -> None:
    """Coverage-guided fuzzing of the readers, seeded by the samples (needs atheris)."""
    import atheris  # type: ignore[import-not-found]

    folder = Path(tempfile.mkdtemp(prefix="atheris-"))

    def one(data: bytes) -> None:
        suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ".bin"
        try:
            check_reader(data[1:], suffix, folder, seconds=0)  # libFuzzer's -timeout owns SIGALRM
        except Crash as crash:
            save_crash(data[1:], suffix, crash)
            raise

    corpus = Path(tempfile.mkdtemp(prefix="atheris-seeds-"))
    for sample in SAMPLES:
        (corpus / sample.name).write_bytes(bytes([SUFFIXES.index(sample.suffix) if sample.suffix in SUFFIXES else 5]) + sample.read_bytes())
    # No atheris.instrument_all(): with pdfium and lxml loaded it crashes the interpreter, so the
    # feedback is the C extensions' coverage only and the seeds' mutations do most of the work.
    atheris.Setup([sys.argv[0], f"-max_total_time={int(seconds)}", "-timeout=60", "-rss_limit_mb=2048", "-max_len=1000000",
                   str(corpus)], one)  # fmt: skip
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60, help="how long to fuzz (default: 60)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first round")
    parser.add_argument("--atheris", action="store_true", help="then fuzz the readers with atheris for as long again")
    args = parser.parse_args(argv)
    crashes = _run_hypothesis(time.monotonic() + args.seconds, args.seed)
    if args.atheris:
        try:
            _run_atheris(args.seconds)
        except ImportError:
            print("atheris is not installed (pip install atheris); skipped", file=sys.stderr)
    print(f"{len(crashes)} crash(es) saved in {CRASHES}" if crashes else "no crashes", file=sys.stderr)
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
