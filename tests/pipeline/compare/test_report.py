"""The HTML report in headless Chromium: every chart drawn, Chinese as glyphs, a screenshot kept.

Chromium and a CJK font come from Debian (``chromium``, ``fonts-noto-cjk`` or ``fonts-wqy-zenhei``);
the session fixture installs them with apt-get when missing and fails, never skips, when it cannot.
Screenshots are kept under ``tests/artifacts/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from benchmarks.compare_synthetic import build_corpus
from pipeline.compare.stage import run_compare
from tests.apt import apt_install as _apt_install
from tests.conftest import ROOT
from tests.pipeline.compare.conftest import STOPWORDS, THEMES

ARTIFACTS = ROOT / "tests" / "artifacts"
WIDTH = 1280
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars", "--force-device-scale-factor=1", "--virtual-time-budget=3000"]  # fmt: skip


def _has_cjk_font() -> bool:
    listed = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, check=False) if shutil.which("fc-list") else None
    return bool(listed and listed.stdout.strip())


@pytest.fixture(scope="session")
def chromium() -> str:
    """Path of a Chromium binary with a CJK font installed next to it."""
    binary = shutil.which("chromium") or shutil.which("chromium-browser")
    if binary is None:
        error = _apt_install(["chromium"])
        binary = shutil.which("chromium")
        if binary is None:
            pytest.fail(f"headless Chromium is needed to test the report and could not be installed: {error}. "
                        "Install it with `apt-get install chromium fonts-noto-cjk`.")  # fmt: skip
    if not _has_cjk_font():
        errors = [e for e in (_apt_install(["fonts-noto-cjk"]),) if e]
        if not _has_cjk_font():
            errors.append(_apt_install(["fonts-wqy-zenhei"]) or "")
        if not _has_cjk_font():
            pytest.fail(f"no CJK font for Chromium and none could be installed: {'; '.join(filter(None, errors))}")
    return binary


def _run_chromium(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


def render(binary: str, report: Path, tmp_path: Path, screenshot: Path) -> tuple[dict[str, dict[str, str]], dict[str, str], Image.Image]:
    """Load the report twice: DOM after its check script, then a full-height screenshot."""
    dom = _run_chromium(binary, tmp_path / "profile", f"--window-size={WIDTH},1000", "--dump-dom", report.as_uri()).stdout
    attrs = lambda tag: dict(re.findall(r'([\w-]+)="([^"]*)"', tag))  # noqa: E731
    charts = {a["data-chart"]: a for a in map(attrs, re.findall(r"<figure [^>]*>", dom))}
    body = attrs(re.search(r"<body[^>]*>", dom).group(0))
    height = min(int(body["data-height"]), 16000)
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    _run_chromium(binary, tmp_path / "profile", f"--window-size={WIDTH},{height}", f"--screenshot={screenshot}", report.as_uri())
    return charts, body, Image.open(screenshot).convert("RGB")


def _marks_in_source(html: str) -> dict[str, int]:
    parts = re.split(r'<figure class="chart" data-chart="', html)[1:]
    return {part.split('"', 1)[0]: part.split("</figure>", 1)[0].count('class="mark"') for part in parts}


def check_report(report: Path, charts: dict[str, dict[str, str]], body: dict[str, str], image: Image.Image, expected: set[str]) -> None:
    assert set(charts) == expected
    assert body["data-cjk"] == "glyphs", "Chinese text fell back to missing-glyph boxes: no CJK font used"
    in_source = _marks_in_source(report.read_text(encoding="utf-8"))
    assert image.size == (WIDTH, min(int(body["data-height"]), 16000))
    for name, chart in charts.items():
        assert int(chart["data-drawn"]) == in_source[name] > 0, f"{name}: not every mark was drawn"
        assert int(chart["data-label-width"]) > 20, f"{name}: labels have no width"
        left, top, width, height = map(int, chart["data-box"].split(","))
        assert width > 100 and height > 100, name
        region = image.crop((left, top, min(left + width, WIDTH), top + height))
        pixels = np.asarray(region, dtype=np.int32).reshape(-1, 3)
        inked = float((pixels.sum(axis=1) < 720).mean())
        # A chart of a few dots on a white plot inks about 1 %; a blank area inks nothing.
        assert inked > 0.005, f"{name}: chart area of the screenshot is blank ({inked:.2%} inked)"
        assert len(np.unique(pixels, axis=0)) > 8, f"{name}: chart area has no colours"


@pytest.fixture(scope="module")
def bundled_report(bundled_outputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("compare-bundled") / "compare"
    run_compare(bundled_outputs, out, THEMES, STOPWORDS)
    return out / "report.html"


def test_bundled_report_draws_every_chart(chromium: str, bundled_report: Path, tmp_path: Path) -> None:
    screenshot = ARTIFACTS / "compare_report_bundled.png"
    charts, body, image = render(chromium, bundled_report, tmp_path, screenshot)
    # No bundled region has two years, so the year-over-year section is a sentence, not a chart.
    check_report(bundled_report, charts, body, image, {"tasks_over_time", "theme_heatmap", "units"})
    html = bundled_report.read_text(encoding="utf-8")
    assert "没有哪个地区有两个或以上年度" in html
    assert not re.search(r'(src|href)="(https?:)?//', html), "the report must not load anything from the network"


def test_synthetic_report_draws_year_over_year_charts(chromium: str, bundled_outputs: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "synthetic"
    build_corpus(bundled_outputs, corpus, notices=24, regions=3, seed=3)
    run_compare(corpus, corpus / "compare", THEMES, STOPWORDS)
    report = corpus / "compare" / "report.html"
    charts, body, image = render(chromium, report, tmp_path, ARTIFACTS / "compare_report_synthetic.png")
    check_report(report, charts, body, image, {"tasks_over_time", "theme_heatmap", "changes_by_year", "region_changes", "theme_change", "units"})
