"""The fast-loaded jieba tagger equals stock jieba: same tables, same words and tags, whatever the cache."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import jieba
import pytest
from jieba.posseg import POSTokenizer

from extractors import segmenter
from tests.conftest import NOTICES, ROOT

Pairs = list[tuple[str, str]]


@pytest.fixture(scope="module")
def stock() -> POSTokenizer:
    """A tagger loaded the stock way: jieba's own initialize and load_word_tag."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return POSTokenizer(tokenizer)


def stock_tags(stock: POSTokenizer, text: str) -> Pairs:
    return [(pair.word, pair.flag) for pair in stock.cut(text, HMM=False)]


@pytest.fixture(scope="module")
def cached_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder holding a cache file built by a first load."""
    folder = tmp_path_factory.mktemp("jieba-cache")
    segmenter.load_tagger(folder)
    return folder


@pytest.fixture(scope="module")
def shared(cached_folder: Path) -> Iterator[None]:
    """``segmenter.tag`` on a tagger read from the cache file in a test folder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(segmenter.CACHE_ENV, str(cached_folder))
        patch.setattr(segmenter, "_tagger", None)
        yield


def cache_file(folder: Path) -> Path:
    (path,) = folder.glob("jieba-*.tags")
    return path


def assert_stock_tables(tagger: POSTokenizer, stock: POSTokenizer) -> None:
    assert tagger.tokenizer.initialized
    assert tagger.tokenizer.total == stock.tokenizer.total
    assert tagger.tokenizer.FREQ == stock.tokenizer.FREQ
    assert tagger.word_tag_tab == stock.word_tag_tab


# --- the tables ------------------------------------------------------------------------------


def test_tables_read_from_the_cache_are_stock_jiebas(cached_folder: Path, stock: POSTokenizer) -> None:
    path = cache_file(cached_folder)
    assert jieba.__version__ in path.name
    read = segmenter._read(path)
    assert read is not None  # the load below reads the file, not jieba's dict.txt
    assert_stock_tables(segmenter.load_tagger(cached_folder), stock)


def test_tables_built_without_a_cache_are_stock_jiebas(stock: POSTokenizer) -> None:
    assert_stock_tables(segmenter.load_tagger(None), stock)


# --- tagging ---------------------------------------------------------------------------------

SENTENCES = [
    "临沂市人民政府办公室关于印发《临沂市数字政府建设实施方案》的通知",
    "市发改委牵头,市财政局、市自然资源和规划局配合,2023年6月底前完成。",
    "郑州经济技术开发区管理委员会办公室",
    "宿迁市市场监督管理局 苏政办发〔2022〕15号",
    "推进5G基站、IPv6和App适老化改造,GDP增长6.5%以上",
    "各县(市、区)人民政府,市政府各部门:\r\n  现将有关事项通知如下",
    "ＡＢＣ全角字母与１２３全角数字;a.b_c#d&e+f",
    "",
    " ",
    "\t\n",
    "x",
    "。",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_tag_equals_stock_posseg(shared: None, stock: POSTokenizer, text: str) -> None:
    assert segmenter.tag(text) == stock_tags(stock, text)


def test_tag_equals_stock_posseg_on_the_whole_corpus(shared: None, stock: POSTokenizer) -> None:
    lines = [line for path in sorted((NOTICES / "seeds").glob("*.txt")) for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    different = [line for line in lines if segmenter.tag(line) != stock_tags(stock, line)]
    assert different == []


def test_word_tags_are_stock_jiebas(shared: None, stock: POSTokenizer) -> None:
    assert segmenter.word_tags() == stock.word_tag_tab


def test_threads_share_one_load(monkeypatch: pytest.MonkeyPatch, cached_folder: Path, stock: POSTokenizer) -> None:
    monkeypatch.setenv(segmenter.CACHE_ENV, str(cached_folder))
    monkeypatch.setattr(segmenter, "_tagger", None)
    loads: list[Path | None] = []
    load = segmenter.load_tagger
    start = threading.Barrier(8)

    def counted(folder: Path | None) -> POSTokenizer:
        loads.append(folder)
        return load(folder)

    def tag_after_barrier(text: str) -> Pairs:
        start.wait()
        return segmenter.tag(text)

    monkeypatch.setattr(segmenter, "load_tagger", counted)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(tag_after_barrier, SENTENCES[:8]))
    assert loads == [cached_folder]
    assert results == [stock_tags(stock, text) for text in SENTENCES[:8]]


# --- broken or missing caches ----------------------------------------------------------------

CORRUPTIONS: dict[str, Callable[[bytes], bytes]] = {
    "empty": lambda data: b"",
    "truncated": lambda data: data[: len(data) // 2],
    "one byte short": lambda data: data[:-1],
    "header only": lambda data: data[:200],
    "garbage": lambda data: os.urandom(4096),
    "flipped byte in the words": lambda data: data[:5000] + bytes([data[5000] ^ 0x01]) + data[5001:],
    "flipped byte in the counts": lambda data: data[:-500_000] + bytes([data[-500_000] ^ 0x10]) + data[-499_999:],
    "extra bytes": lambda data: data + b"\x00\x00\x00\x00",
}


@pytest.mark.parametrize("corrupt", CORRUPTIONS.values(), ids=CORRUPTIONS.keys())
def test_a_corrupt_cache_is_rebuilt(tmp_path: Path, cached_folder: Path, stock: POSTokenizer,
                                    corrupt: Callable[[bytes], bytes]) -> None:  # fmt: skip
    sound = cache_file(cached_folder).read_bytes()
    path = tmp_path / cache_file(cached_folder).name
    path.write_bytes(corrupt(sound))
    assert segmenter._read(path) is None
    assert_stock_tables(segmenter.load_tagger(tmp_path), stock)
    assert path.read_bytes() == sound
    assert sorted(tmp_path.iterdir()) == [path]  # no temporary file left behind


def test_a_cache_of_another_user_is_not_read(monkeypatch: pytest.MonkeyPatch, cached_folder: Path) -> None:
    if not hasattr(os, "getuid"):
        pytest.skip("no user ids here")
    monkeypatch.setattr(os, "getuid", lambda: os.stat(cached_folder).st_uid + 1)
    assert segmenter._read(cache_file(cached_folder)) is None


def _refuse(*args: object, **kwargs: object) -> None:
    raise PermissionError("read-only")


@pytest.mark.parametrize("refused", ["folder is a file", "folder inside a file", "temporary file", "rename"])
def test_an_unwritable_cache_folder_still_gives_stock_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             stock: POSTokenizer, refused: str) -> None:  # fmt: skip
    folder = tmp_path / "cache"
    if refused == "folder is a file":
        folder.write_text("")
    elif refused == "folder inside a file":
        (tmp_path / "file").write_text("")
        folder = tmp_path / "file" / "cache"
    else:
        module, name = (tempfile, "NamedTemporaryFile") if refused == "temporary file" else (os, "replace")
        monkeypatch.setattr(module, name, _refuse)
    assert_stock_tables(segmenter.load_tagger(folder), stock)
    assert not folder.is_dir() or list(folder.iterdir()) == []


def test_an_empty_variable_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(segmenter.CACHE_ENV, "")
    assert segmenter.cache_folder() is None
    monkeypatch.delenv(segmenter.CACHE_ENV)
    assert segmenter.cache_folder() == Path(tempfile.gettempdir())  # beside jieba's own cache


# --- a changed dictionary --------------------------------------------------------------------


def _write_dictionary(path: Path, lines: list[str], mtime: int) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.utime(path, (mtime, mtime))


def test_a_changed_dictionary_never_reads_the_old_cache(tmp_path: Path) -> None:
    dictionary, folder = tmp_path / "dict.txt", tmp_path / "cache"
    _write_dictionary(dictionary, ["临沂市 10 ns", "人民政府 20 nt"], mtime=1_600_000_000)
    old = segmenter.load_tables(jieba.Tokenizer(str(dictionary)), folder)
    assert old.freq == {"临": 0, "临沂": 0, "临沂市": 10, "人": 0, "人民": 0, "人民政": 0, "人民政府": 20}
    assert old.word_tags == {"临沂市": "ns", "人民政府": "nt"}
    assert segmenter.load_tables(jieba.Tokenizer(str(dictionary)), folder) == old  # from the cache now

    _write_dictionary(dictionary, ["临沂市 10 ns", "人民政府 30 nz"], mtime=1_700_000_000)  # same size
    new = segmenter.load_tables(jieba.Tokenizer(str(dictionary)), folder)
    assert (new.total, new.word_tags["人民政府"]) == (40, "nz")
    assert len(list(folder.glob("jieba-*.tags"))) == 2


def test_tables_that_do_not_fit_the_format_are_used_uncached(tmp_path: Path) -> None:
    dictionary, folder = tmp_path / "dict.txt", tmp_path / "cache"
    _write_dictionary(dictionary, ["大 -5 a", "小 5 a"], mtime=1_600_000_000)  # a negative count
    tables = segmenter.load_tables(jieba.Tokenizer(str(dictionary)), folder)
    assert (tables.freq, tables.total) == ({"大": -5, "小": 5}, 0)
    assert not list(folder.glob("*"))


# --- a fresh process -------------------------------------------------------------------------


def _run(code: str, cache: Path) -> str:
    environment = {**os.environ, segmenter.CACHE_ENV: str(cache)}
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True,
                          check=True)  # fmt: skip
    return done.stdout.strip()


def test_importing_loads_no_jieba(cached_folder: Path) -> None:
    code = "import sys, extractors.segmenter, extractors.regions; print(sorted(m for m in sys.modules if 'jieba' in m))"
    assert _run(code, cached_folder) == "[]"


_GLOBAL_CHECK = """
from extractors import segmenter
text = "临沂市人民政府办公室关于印发实施方案的通知"
ours = segmenter.tag(text)
import jieba, jieba.posseg
stock = jieba.posseg.POSTokenizer(jieba.Tokenizer())
assert jieba.posseg.dt.word_tag_tab == stock.word_tag_tab
assert [tuple(p) for p in jieba.posseg.cut(text, HMM=False)] == ours
assert [tuple(p) for p in stock.cut(text, HMM=False)] == ours
print("ok")
"""


@pytest.mark.parametrize("first", ["segmenter", "jieba.posseg"])
def test_jiebas_global_tagger_stays_stock(cached_folder: Path, first: str) -> None:
    prefix = "import jieba.posseg\n" if first == "jieba.posseg" else ""
    assert _run(prefix + _GLOBAL_CHECK, cached_folder) == "ok"


def test_jieba_loads_without_pkg_resources_which_stays_importable(cached_folder: Path) -> None:
    code = (
        "import sys\nfrom extractors import segmenter\n"
        "words = segmenter.tag('临沂市人民政府办公室')\n"
        "print('pkg_resources' in sys.modules, words == [('临沂市', 'ns'), ('人民政府', 'nt'), ('办公室', 'n')])\n"
        "import pkg_resources\nprint(hasattr(pkg_resources, 'resource_stream'))"
    )
    assert _run(code, cached_folder).split() == ["False", "True", "True"]


def test_a_new_tokenizer_is_stock_and_its_own(shared: None, stock: POSTokenizer) -> None:
    tokenizer = segmenter.new_tokenizer()
    assert tokenizer.FREQ == stock.tokenizer.FREQ and tokenizer.total == stock.tokenizer.total
    tokenizer.add_word("数字政务一网通")
    assert "数字政务一网通" not in segmenter.tagger().tokenizer.FREQ  # the extractors' table is untouched
    assert "数字政务一网通" in tokenizer.cut("推进数字政务一网通建设", HMM=False)
