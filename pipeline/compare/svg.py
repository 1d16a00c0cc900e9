"""Inline SVG charts for the report: heatmap, lines, stacked and diverging bars.

Plain SVG strings, so the report needs no script library and no network to draw. Every data
element carries ``class="mark"`` (the report's check script and the tests count drawn marks) and a
``<title>`` with its value, which browsers show on hover. Text uses ``FONT_STACK`` so that Chinese
labels find a CJK font (Noto Sans CJK, WenQuanYi, the macOS and Windows defaults) wherever opened.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from html import escape

FONT_STACK = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "WenQuanYi Zen Hei", '
              '"WenQuanYi Micro Hei", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", sans-serif')  # fmt: skip
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
CHAR_WIDTH = 13  # px of a 12px CJK glyph plus spacing, to size label margins without a font at hand


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def _text_width(text: str) -> int:
    return sum(CHAR_WIDTH if ord(ch) > 0x2E80 else 7 for ch in text)


def _open(width: float, height: float, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{_e(title)}" font-family=\'{FONT_STACK}\' font-size="12">')  # fmt: skip


def _blend(share: float) -> str:
    """White → dark blue for 0 → 1 (shares above 1 clip)."""
    low, high = (247, 251, 255), (8, 48, 107)
    t = min(max(share, 0.0), 1.0) ** 0.7  # spread the low shares most cells have
    return "#" + "".join(f"{round(a + (b - a) * t):02x}" for a, b in zip(low, high, strict=True))


def heatmap(rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]], *, title: str,
            fmt: Callable[[float], str] = lambda v: f"{v:.0%}") -> str:  # fmt: skip
    """A grid of shaded cells, one row per ``rows`` label, with the value written in non-empty cells."""
    cell_w, cell_h = 58, 22
    left = max((_text_width(r) for r in rows), default=40) + 12
    top = max((_text_width(c) for c in columns), default=40) * 0.72 + 20
    width, height = left + cell_w * len(columns) + 10, top + cell_h * len(rows) + 10
    parts = [_open(width, height, title)]
    for j, column in enumerate(columns):
        x = left + j * cell_w + cell_w / 2
        parts.append(f'<text class="label" x="{x:.1f}" y="{top - 8:.1f}" transform="rotate(-40 {x:.1f} {top - 8:.1f})">{_e(column)}</text>')
    for i, row in enumerate(rows):
        y = top + i * cell_h
        parts.append(f'<text class="label" x="{left - 8}" y="{y + cell_h / 2 + 4:.1f}" text-anchor="end">{_e(row)}</text>')
        for j, column in enumerate(columns):
            value = float(values[i][j])
            x = left + j * cell_w
            parts.append(f'<rect class="mark" x="{x}" y="{y:.1f}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{_blend(value)}" '
                         f'stroke="#d0d7de" stroke-width="0.5"><title>{_e(row)} · {_e(column)}: {_e(fmt(value))}</title></rect>')  # fmt: skip
            if value > 0:
                color = "#ffffff" if value > 0.35 else "#1f2328"
                parts.append(f'<text x="{x + (cell_w - 2) / 2:.1f}" y="{y + cell_h / 2 + 3:.1f}" text-anchor="middle" font-size="11" fill="{color}">{_e(fmt(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if step * magnitude >= value)


def _legend(names: Sequence[str], x: float, y: float, colors: Sequence[str]) -> list[str]:
    parts = []
    for k, name in enumerate(names):
        yy = y + k * 18
        parts.append(f'<rect x="{x}" y="{yy - 9}" width="12" height="12" fill="{colors[k % len(colors)]}"/>')
        parts.append(f'<text class="label" x="{x + 18}" y="{yy + 1}">{_e(name)}</text>')
    return parts


def _y_axis(left: float, top: float, plot_h: float, plot_w: float, y_max: float, fmt: Callable[[float], str]) -> list[str]:
    parts = []
    for k in range(5):
        value = y_max * k / 4
        y = top + plot_h - plot_h * k / 4
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e1e4e8"/>')
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#57606a">{_e(fmt(value))}</text>')
    return parts


def line_chart(x_values: Sequence[int], series: dict[str, Sequence[float | None]], *, title: str, y_label: str) -> str:
    """One line with dots per series over shared x values; gaps (None) break the line."""
    legend_w = max((_text_width(name) for name in series), default=0) + 40
    plot_w, plot_h, left, top = max(420, 70 * len(x_values)), 260, 56, 20
    width, height = left + plot_w + 20 + legend_w, max(top + plot_h + 50, 30 + 18 * len(series))
    y_max = _nice_max(max((v for values in series.values() for v in values if v is not None), default=1))
    step = plot_w / max(len(x_values), 1)

    def point(k: int, value: float) -> tuple[float, float]:
        return left + step * (k + 0.5), top + plot_h - plot_h * value / y_max

    parts = [_open(width, height, title), *_y_axis(left, top, plot_h, plot_w, y_max, lambda v: f"{v:g}")]
    parts.append(f'<text x="14" y="{top + plot_h / 2:.1f}" transform="rotate(-90 14 {top + plot_h / 2:.1f})" text-anchor="middle" class="label">{_e(y_label)}</text>')
    for k, x in enumerate(x_values):
        parts.append(f'<text x="{left + step * (k + 0.5):.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="#57606a">{_e(x)}</text>')
    for n, (name, values) in enumerate(series.items()):
        color = PALETTE[n % len(PALETTE)]
        runs: list[list[tuple[float, float]]] = [[]]
        for k, value in enumerate(values):
            if value is None:
                runs.append([])
            else:
                runs[-1].append(point(k, value))
        for run in runs:
            if len(run) > 1:
                coords = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
                parts.append(f'<polyline class="mark" points="{coords}" fill="none" stroke="{color}" stroke-width="2"><title>{_e(name)}</title></polyline>')
        for k, value in enumerate(values):
            if value is not None:
                x, y = point(k, value)
                parts.append(f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{color}"><title>{_e(name)} {_e(x_values[k])}: {value:g}</title></circle>')
    parts += _legend(list(series), left + plot_w + 20, top + 10, PALETTE)
    parts.append("</svg>")
    return "".join(parts)


def stacked_bars(categories: Sequence[str], stacks: dict[str, Sequence[float]], *, title: str, horizontal: bool = False,
                 colors: Sequence[str] = PALETTE) -> str:  # fmt: skip
    """Bars made of segments, one segment per ``stacks`` key; vertical by default, horizontal for long labels."""
    totals = [sum(values[k] for values in stacks.values()) for k in range(len(categories))]
    v_max = _nice_max(max(totals, default=1))
    legend_w = max((_text_width(name) for name in stacks), default=0) + 40
    if horizontal:
        left = max((_text_width(c) for c in categories), default=40) + 14
        bar, gap, top, plot_w = 18, 6, 24, 420
        plot_h = (bar + gap) * len(categories)
        width, height = left + plot_w + 30 + legend_w, top + plot_h + 30
    else:
        left, top, plot_h = 56, 20, 240
        bar = 36
        plot_w = max(300, (bar + 24) * len(categories))
        width, height = left + plot_w + 20 + legend_w, top + plot_h + 50
    parts = [_open(width, height, title)]
    if not horizontal:
        parts += _y_axis(left, top, plot_h, plot_w, v_max, lambda v: f"{v:g}")
    step = (plot_w / max(len(categories), 1)) if not horizontal else bar + gap
    for k, category in enumerate(categories):
        offset = 0.0
        if horizontal:
            y = top + k * step
            parts.append(f'<text class="label" x="{left - 8}" y="{y + bar / 2 + 4:.1f}" text-anchor="end">{_e(category)}</text>')
        else:
            x = left + step * k + (step - bar) / 2
            parts.append(f'<text x="{x + bar / 2:.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="#57606a">{_e(category)}</text>')
        for n, (name, values) in enumerate(stacks.items()):
            value = float(values[k])
            if value <= 0:
                continue
            color = colors[n % len(colors)]
            tip = f"<title>{_e(category)} · {_e(name)}: {value:g}</title>"
            if horizontal:
                length = plot_w * value / v_max
                parts.append(f'<rect class="mark" x="{left + offset:.1f}" y="{y:.1f}" width="{length:.1f}" height="{bar}" fill="{color}">{tip}</rect>')
            else:
                length = plot_h * value / v_max
                parts.append(f'<rect class="mark" x="{x:.1f}" y="{top + plot_h - offset - length:.1f}" width="{bar}" height="{length:.1f}" fill="{color}">{tip}</rect>')
            offset += length
        if horizontal:
            parts.append(f'<text x="{left + offset + 4:.1f}" y="{y + bar / 2 + 4:.1f}" fill="#57606a">{totals[k]:g}</text>')
    parts += _legend(list(stacks), width - legend_w + 10, top + 10, colors)
    parts.append("</svg>")
    return "".join(parts)


def diverging_bars(labels: Sequence[str], values: Sequence[float], *, title: str,
                   fmt: Callable[[float], str] = lambda v: f"{v * 100:+.1f} pp") -> str:  # fmt: skip
    """Horizontal bars left (negative, red) or right (positive, blue) of a zero line."""
    left = max((_text_width(label) for label in labels), default=40) + 14
    half, bar, gap, top = 200, 18, 6, 16
    v_max = max((abs(v) for v in values), default=0) or 1.0
    height = top + (bar + gap) * len(labels) + 20
    zero = left + half + 40
    parts = [_open(zero + half + 70, height, title)]
    parts.append(f'<line x1="{zero}" x2="{zero}" y1="{top - 6}" y2="{height - 14}" stroke="#57606a"/>')
    for k, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = top + k * (bar + gap)
        parts.append(f'<text class="label" x="{left - 8}" y="{y + bar / 2 + 4:.1f}" text-anchor="end">{_e(label)}</text>')
        length = max(half * abs(value) / v_max, 1.5)
        x = zero if value >= 0 else zero - length
        color = "#4e79a7" if value >= 0 else "#e15759"
        parts.append(f'<rect class="mark" x="{x:.1f}" y="{y:.1f}" width="{length:.1f}" height="{bar}" fill="{color}"><title>{_e(label)}: {_e(fmt(value))}</title></rect>')
        text_x = zero + length + 4 if value >= 0 else zero - length - 4
        anchor = "start" if value >= 0 else "end"
        parts.append(f'<text x="{text_x:.1f}" y="{y + bar / 2 + 4:.1f}" text-anchor="{anchor}" fill="#57606a">{_e(fmt(value))}</text>')
    parts.append("</svg>")
    return "".join(parts)
