"""CMS info tables of web pages: labels recognised whatever script the page is written in."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.document import MetaKey
from extractors.readers.html import read_html

# (info table rows as label/value pairs, the meta the page yields from them, the encoding)
INFO_TABLES = {
    "simplified-labels": (
        [("发布机构：", "九江市人民政府办公厅"), ("文号：", "九府厅字〔2020〕18号"), ("成文日期：", "2020-04-10")],
        {MetaKey.ISSUER: "九江市人民政府办公厅", MetaKey.DOC_NUMBER: "九府厅字〔2020〕18号", MetaKey.SIGNED: "2020-04-10"},
        "utf-8",
    ),
    "traditional-labels-big5": (
        [("發佈機構：", "九江市人民政府辦公廳"), ("文號：", "九府廳字〔2020〕18號"), ("成文日期：", "2020-04-10")],
        # values are converted later, with the rest of the document, by the configured OpenCC table
        {MetaKey.ISSUER: "九江市人民政府辦公廳", MetaKey.DOC_NUMBER: "九府廳字〔2020〕18號", MetaKey.SIGNED: "2020-04-10"},
        "big5",
    ),
    "traditional-spaced-labels": (
        [("索 引 號", "014437600/2020-00518"), ("發 文 機 關", "某某縣人民政府")],
        {MetaKey.INDEX_NUMBER: "014437600/2020-00518", MetaKey.ISSUER: "某某縣人民政府"},
        "utf-8",
    ),
    "traditional-data-table-is-no-info-table": (
        [("項目名稱", "農村道路"), ("責任單位", "縣交通局")],
        {},
        "utf-8",
    ),
}


@pytest.mark.parametrize(("pairs", "meta", "encoding"), list(INFO_TABLES.values()), ids=list(INFO_TABLES))
def test_info_table_labels_are_read_in_either_script(
    tmp_path: Path, pairs: list[tuple[str, str]], meta: dict[MetaKey, str], encoding: str
) -> None:
    rows = "".join(f"<tr><td>{label}</td><td>{value}</td></tr>" for label, value in pairs)
    html = (
        f"<html><head><meta charset='{encoding}'></head><body><table class=xxgk>{rows}</table>"
        "<div class=content><p>各縣（市、區）人民政府：</p><p>現將方案印發給你們，請認真貫徹執行。</p></div></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(html.encode(encoding))
    document = read_html(path)
    assert dict(document.meta) == meta
    assert (len(list(document.tables())) == 0) == bool(meta)
