"""The comparison as one self-contained HTML page: inline SVG charts, each followed by its table.

Nothing is loaded from elsewhere (no script library, font or image URL), so the file opens offline
and can be mailed. A short inline script, run on load, writes what a browser actually drew into
``data-`` attributes: per chart the number of marks with a non-empty box and the chart's position,
and on ``<body>`` whether Chinese text came out as distinct glyphs or as identical "tofu" boxes.
The tests read these back from headless Chromium's DOM dump; a reader never sees them.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from pipeline.compare.result import CompareResult
from pipeline.compare.svg import FONT_STACK, diverging_bars, heatmap, line_chart, stacked_bars

MAX_LINES = 8  # regions drawn in the tasks-over-time chart; the table lists all
MAX_HEATMAP_ROWS = 150
MAX_LIST_ROWS = 60
OPEN_ROWS = 40
TOP_UNITS = 15
CHANGE_COLORS = ("#59a14f", "#4e79a7", "#e15759")  # new, carried, dropped

_STYLE = f"""
body {{ font-family: {FONT_STACK}; margin: 24px auto; max-width: 1180px; color: #1f2328; line-height: 1.5; padding: 0 16px; }}
h1 {{ font-size: 26px; }} h2 {{ font-size: 20px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; margin-top: 36px; }}
h3 {{ font-size: 16px; margin-top: 24px; }}
figure.chart {{ margin: 12px 0; overflow-x: auto; }} figcaption {{ font-weight: 600; margin-bottom: 6px; }}
table {{ border-collapse: collapse; font-size: 13px; margin: 6px 0 14px; }}
th, td {{ border: 1px solid #d0d7de; padding: 3px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f6f8fa; }} td.num {{ text-align: right; font-variant-numeric: tabular-nums; }}
details {{ margin: 4px 0 18px; }} summary {{ cursor: pointer; color: #0969da; }}
td:first-child {{ white-space: nowrap; }}
.note {{ color: #57606a; font-size: 13px; }} .empty {{ color: #57606a; font-style: italic; }}
svg text.label {{ fill: #1f2328; }}
"""

# Runs once on load. Counts each chart's marks that have a drawn box; compares the pixels of two
# different Chinese characters drawn in the page's font stack: identical bitmaps mean both fell back
# to the same missing-glyph box, i.e. no CJK font was found.
_CHECK_SCRIPT = """
(function () {
  var charts = document.querySelectorAll('figure.chart');
  charts.forEach(function (figure) {
    var drawn = 0;
    figure.querySelectorAll('svg .mark').forEach(function (mark) {
      var box = mark.getBBox();
      if (box.width > 0 && box.height > 0) { drawn += 1; }
    });
    var labelWidth = 0;
    figure.querySelectorAll('svg text.label').forEach(function (text) {
      labelWidth = Math.max(labelWidth, text.getComputedTextLength());
    });
    var rect = figure.querySelector('svg').getBoundingClientRect();
    figure.setAttribute('data-drawn', String(drawn));
    figure.setAttribute('data-label-width', String(Math.round(labelWidth)));
    figure.setAttribute('data-box', [rect.left + window.scrollX, rect.top + window.scrollY, rect.width, rect.height].map(Math.round).join(','));
  });
  var canvas = document.createElement('canvas');
  canvas.width = 48; canvas.height = 48;
  var context = canvas.getContext('2d');
  function glyph(character) {
    context.clearRect(0, 0, 48, 48);
    context.font = '32px ' + getComputedStyle(document.body).fontFamily;
    context.fillStyle = '#000';
    context.fillText(character, 4, 38);
    return Array.prototype.join.call(context.getImageData(0, 0, 48, 48).data, '');
  }
  var first = glyph('政'), second = glyph('务'), blank = glyph(' ');
  var body = document.body;
  body.setAttribute('data-cjk', first !== second && first !== blank ? 'glyphs' : 'tofu');
  body.setAttribute('data-charts', String(charts.length));
  body.setAttribute('data-height', String(document.documentElement.scrollHeight));
})();
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NA or value is pd.NaT:
        return "<td></td>"
    if isinstance(value, bool):
        return f"<td>{'是' if value else ''}</td>"
    if isinstance(value, int | float):
        text = f"{value:g}" if isinstance(value, float) else str(value)
        return f'<td class="num">{_e(text)}</td>'
    if isinstance(value, list | tuple):
        return f"<td>{_e('、'.join(map(str, value)))}</td>"
    return f"<td>{_e(value)}</td>"


def html_table(frame: pd.DataFrame, headers: dict[str, str], limit: int | None = None) -> str:
    """The ``headers`` columns of ``frame`` as a table headed by their Chinese names; long tables cut at ``limit``."""
    shown = frame if limit is None else frame.head(limit)
    head = "".join(f"<th>{_e(title)}</th>" for title in headers.values())
    body = "".join("<tr>" + "".join(_cell(row[c]) for c in headers) + "</tr>" for row in shown.to_dict("records"))
    more = f'<p class="note">前 {limit} 行,共 {len(frame)} 行;完整表格见 tables/ 下的 CSV。</p>' if limit and len(frame) > limit else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _long_table(table: str, rows: int, summary: str) -> str:
    """Short tables inline; long ones (a 500-notice corpus has 500 region-years) folded so the charts stay near the top."""
    return table if rows <= OPEN_ROWS else f"<details><summary>{_e(summary)}({rows} 行)</summary>{table}</details>"


def _figure(name: str, caption: str, svg: str, table: str, note: str = "") -> str:
    note_html = f'<p class="note">{note}</p>' if note else ""
    return (f'<figure class="chart" data-chart="{_e(name)}"><figcaption>{_e(caption)}</figcaption>{svg}</figure>{note_html}'
            f"<details><summary>图表数据</summary>{table}</details>")  # fmt: skip


def _pct(value: float) -> str:
    return "" if pd.isna(value) else f"{value:.0%}"


def _tasks_over_time(result: CompareResult) -> str:
    panel = result.panel
    years = sorted(panel["year"].unique().tolist())
    totals = panel.groupby("region")["tasks"].sum().sort_values(ascending=False)
    shown = totals.index[:MAX_LINES].tolist()
    pivot = panel.pivot_table(index="region", columns="year", values="tasks", aggfunc="sum")
    series = {region: [None if pd.isna(pivot.at[region, y]) else float(pivot.at[region, y]) for y in years] for region in shown}
    svg = line_chart(years, series, title="各地区任务数量随年份变化", y_label="任务数")
    table_frame = pivot.reindex(totals.index).reset_index()
    table_frame.columns = [str(c) for c in table_frame.columns]
    headers = {"region": "地区", **{str(y): str(y) for y in years}}
    note = f"任务最多的 {len(shown)} 个地区;表格列出全部 {len(totals)} 个。" if len(totals) > len(shown) else ""
    return _figure("tasks_over_time", "任务数量随年份变化", svg, html_table(table_frame, headers), note)


def _theme_heatmap(result: CompareResult) -> str:
    pivot = result.themes.pivot_table(index=["region", "year"], columns="theme", values="share", aggfunc="sum", sort=True)
    columns = [t for t in result.labels if t in pivot.columns]
    pivot = pivot.reindex(columns=columns).fillna(0.0)
    shown = pivot.head(MAX_HEATMAP_ROWS)
    rows = [f"{region} {year}" for region, year in shown.index]
    svg = heatmap(rows, [result.labels[t] for t in columns], shown.to_numpy().tolist(), title="主题占比(地区 × 年度)")
    table_frame = pivot.reset_index()
    table_frame[columns] = table_frame[columns].map(_pct)
    headers = {"region": "地区", "year": "年度", **{t: result.labels[t] for t in columns}}
    note = f"前 {MAX_HEATMAP_ROWS} 个地区年度;完整数据见 tables/themes.csv。" if len(pivot) > MAX_HEATMAP_ROWS else ""
    return _figure("theme_heatmap", "各地区年度的主题占比", svg, html_table(table_frame, headers), note)


def _changes_section(result: CompareResult) -> str:
    parts = ["<h2>年度变化</h2>"]
    summary = result.changes
    if summary.empty:
        parts.append('<p class="empty">语料中没有哪个地区有两个或以上年度的通知,无法比较年度变化。加入同一地区其他年份的通知后重新运行即可。</p>')
        return "".join(parts)
    parts.append('<p class="note">每个年度与该地区语料中的上一年度比较;任务按文本相似度(字二元组 Dice 系数)一一匹配,匹配上的为“延续”,'
                 "本年度未匹配的为“新增”,上一年度未匹配的为“取消”。</p>")  # fmt: skip
    by_year = summary.groupby("year")[["new", "carried", "dropped"]].sum().reset_index()
    svg = stacked_bars([str(y) for y in by_year["year"]], {"新增": by_year["new"].tolist(), "延续": by_year["carried"].tolist(),
                       "取消": by_year["dropped"].tolist()}, title="各年度新增、延续、取消的任务(全部地区)", colors=CHANGE_COLORS)  # fmt: skip
    headers = {"year": "年度", "new": "新增", "carried": "延续", "dropped": "取消"}
    parts.append(_figure("changes_by_year", "各年度新增、延续、取消的任务(全部地区合计)", svg, html_table(by_year, headers)))
    focus = result.focus_region
    mine = summary[summary["region"] == focus]
    if mine.empty:
        parts.append(f'<p class="empty">{_e(focus)} 只有一个年度,没有年度变化。</p>')
        return "".join(parts)
    parts.append(f"<h3>{_e(focus)}</h3>")
    # A year compared with the year before is labelled by its year alone; a gap shows both (2019→2021).
    svg = stacked_bars([str(y) if y - p == 1 else f"{p}→{y}" for p, y in zip(mine["previous_year"], mine["year"], strict=True)],
                       {"新增": mine["new"].tolist(), "延续": mine["carried"].tolist(), "取消": mine["dropped"].tolist()},
                       title=f"{focus}:新增、延续、取消的任务", colors=CHANGE_COLORS)  # fmt: skip
    headers = {"previous_year": "上一年度", "year": "年度", "new": "新增", "carried": "延续", "dropped": "取消"}
    parts.append(_figure("region_changes", f"{focus}:各年度任务的新增、延续与取消", svg, html_table(mine, headers)))
    latest = int(mine["year"].max())
    themes = result.theme_changes[(result.theme_changes["region"] == focus) & (result.theme_changes["year"] == latest)]
    themes = themes.sort_values("share_change", ascending=False)
    before = int(themes["previous_year"].iloc[0]) if not themes.empty else latest
    status_names = {"new": "新增", "dropped": "取消", "carried": "延续"}
    if not themes.empty:
        svg = diverging_bars(themes["label"].tolist(), themes["share_change"].tolist(), title=f"{focus} {before}→{latest} 主题占比变化")
        table = themes.assign(status=themes["status"].map(status_names), share_before=themes["share_before"].map(_pct),
                              share_now=themes["share_now"].map(_pct))  # fmt: skip
        headers = {"label": "主题", "status": "变化", "tasks_before": f"{before} 任务", "tasks_now": f"{latest} 任务",
                   "share_before": f"{before} 占比", "share_now": f"{latest} 占比"}  # fmt: skip
        parts.append(_figure("theme_change", f"{focus}:{latest} 年与 {before} 年相比,主题占比的变化(百分点)", svg, html_table(table, headers)))
    tasks = result.task_changes[(result.task_changes["region"] == focus) & (result.task_changes["year"] == latest)]
    for status, title in (("new", f"{latest} 年新增的任务"), ("dropped", f"{before} 年有、{latest} 年没有的任务"), ("carried", "延续的任务")):
        rows = tasks[tasks["status"] == status].assign(label=lambda t: t["theme"].map(result.labels))
        headers = {"label": "主题", "requirement": "任务"} if status != "carried" else {"label": "主题", "requirement": f"{latest} 年", "matched_requirement": f"{before} 年", "similarity": "相似度"}
        parts.append(f"<h3>{_e(focus)}:{_e(title)}({len(rows)})</h3>")
        parts.append(html_table(rows, headers, MAX_LIST_ROWS) if not rows.empty else '<p class="empty">无</p>')
    return "".join(parts)


def _units_section(result: CompareResult) -> str:
    parts = ["<h2>承担单位</h2>"]
    across = result.units_across
    if across.empty:
        parts.append('<p class="empty">没有提取到承担单位。</p>')
        return "".join(parts)
    top = across.head(TOP_UNITS)
    svg = stacked_bars(top["canonical"].tolist(), {"牵头": top["lead"].tolist(), "负责": top["responsible"].tolist(), "配合": top["cooperate"].tolist()},
                       title="承担任务最多的单位", horizontal=True)  # fmt: skip
    headers = {"canonical": "单位(规范名)", "tasks": "任务", "lead": "牵头", "responsible": "负责", "cooperate": "配合", "collective": "集合单位", "regions": "地区数"}
    parts.append(_figure("units", f"承担任务最多的 {len(top)} 个单位(按规范名跨地区合计;牵头 / 负责 / 配合)", svg, html_table(across, headers, 50)))
    return "".join(parts)


def _panel_section(result: CompareResult) -> str:
    headers = {"region": "地区", "year": "年度", "files": "文件", "notices": "通知", "tasks": "任务", "dated_tasks": "有具体期限",
               "year_round_tasks": "全年", "collective_share": "集合单位占比", "median_days_to_due": "签发至期限中位天数"}  # fmt: skip
    panel = result.panel.assign(collective_share=result.panel["collective_share"].map(_pct))
    return ("<h2>面板:地区 × 年度</h2>"
            '<p class="note">“通知”按地区、年度与标题去重:同一通知的网页、Word、PDF、表格等多个文件只算一次,任务取其中任务最多的文件;'
            "“有具体期限”为给出具体日期或月份的任务(“全年”另计);中位天数自通知签发日起算。</p>"
            + _long_table(html_table(panel, headers), len(panel), "展开面板表"))  # fmt: skip


def _keywords_section(result: CompareResult) -> str:
    if result.keywords.empty:
        return ""
    joined = result.keywords.groupby(["region", "year"])["keyword"].agg(lambda words: "、".join(words)).reset_index()
    return ("<h2>区域特色关键词</h2><p class=\"note\">jieba 分词,按地区年度计算 TF-IDF(以全部地区年度为语料),已去除政务公文套话(corpus/stopwords.txt)与地名。</p>"
            + _long_table(html_table(joined, {"region": "地区", "year": "年度", "keyword": "关键词"}), len(joined), "展开关键词表"))  # fmt: skip


def _taxonomy_section(result: CompareResult) -> str:
    counts = result.tasks["theme"].value_counts()
    frame = pd.DataFrame([{"id": t, "label": label, "tasks": int(counts.get(t, 0)), "description": result.descriptions.get(t, "未匹配任何关键词的任务")}
                          for t, label in result.labels.items()])  # fmt: skip
    return ("<h2>主题分类</h2><p class=\"note\">主题及其关键词在 corpus/themes.yaml 中维护;每个任务按章节标题、首句与正文中的关键词打分,取得分最高的主题。</p>"
            + html_table(frame, {"label": "主题", "id": "代码", "tasks": "任务", "description": "说明"}))  # fmt: skip


def render_report(result: CompareResult) -> str:
    """The whole page as a string."""
    files, notices = len(result.files), result.files["notice_key"].nunique()
    regions, years = result.panel["region"].nunique(), result.panel["year"].nunique()
    intro = (f"<p>{files} 个文件,去重后 {notices} 份通知、{len(result.tasks)} 项任务,覆盖 {regions} 个地区、{years} 个年度。"
             + (f"另有 {result.skipped} 个文件因读取失败或缺少地区、年度未纳入。" if result.skipped else "") + "</p>")  # fmt: skip
    sections = [_panel_section(result), "<h2>任务数量</h2>", _tasks_over_time(result), "<h2>主题</h2>", _theme_heatmap(result),
                _changes_section(result), _keywords_section(result), _units_section(result), _taxonomy_section(result)]  # fmt: skip
    if result.tasks.empty:
        sections = ['<p class="empty">没有任务可比较。</p>']
    return ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1"><title>各地区年度重点比较</title>'
            f"<style>{_STYLE}</style></head><body><h1>各地区年度重点比较</h1>{intro}{''.join(sections)}"
            f"<script>{_CHECK_SCRIPT}</script></body></html>\n")  # fmt: skip
