"""The measure of a chart's smallest text (tests/chart_text.py): recorded by ketnap.present, read in a browser.

A hand-made page with a chart whose text is too small must fail the check the built reports pass
(tests/test_outputs.py), so that check can fail.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib.pyplot as plt
import pytest
from chart_text import on_a4, on_a_phone, too_small
from conftest import CHROMIUM
from PIL import Image

from ketnap import present

ROOT = Path(__file__).resolve().parents[1]
CSS = ROOT / "lib" / "ketnap" / "build" / "templates" / "ketnap" / "report.css"


def _attributes(html: str) -> tuple[float, float, int]:
    smallest = float(re.search(r'data-min-font-pt="([\d.]+)"', html)[1])  # type: ignore[index]
    width_in = float(re.search(r'data-width-in="([\d.]+)"', html)[1])  # type: ignore[index]
    import base64

    png = base64.b64decode(re.search(r"base64,([^\"]+)", html)[1])  # type: ignore[index]
    return smallest, width_in, Image.open(io.BytesIO(png)).width


def test_chart_records_the_smallest_text_drawn_and_its_width() -> None:
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.set_xlim(0, 10)
    ax.set_xticks([0, 5, 10, 20])  # 20 is outside the view: never drawn
    ax.tick_params(labelsize=9)
    ax.set_title("Tiêu đề", fontsize=12)
    ax.text(1, 0.5, "nhãn nhỏ", fontsize=6.5)
    ax.text(2, 0.5, "ẩn", fontsize=3, visible=False)  # hidden: not counted
    ax.text(3, 0.5, "  ", fontsize=2)  # empty: not counted
    ax.set_xticklabels(["0", "5", "10", "hai mươi"])
    html = present.chart(fig, alt="thử").html
    smallest, width_in, pixels = _attributes(html)
    assert smallest == 6.5
    assert width_in == pytest.approx(pixels / present.CHART_DPI, abs=0.001)


def test_a_chart_without_text_records_no_size() -> None:
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.axis("off")
    assert "data-min-font-pt" not in present.chart(fig, alt="trống").html


def _page(tmp_path: Path, charts: list[tuple[float, int, int]]) -> str:
    """A page with the report CSS and a chart per (smallest pt, width px, height px), drawn at 144 dpi."""
    import base64

    figures = []
    for n, (pt, width, height) in enumerate(charts):
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), "white").save(buffer, format="PNG")
        data = base64.b64encode(buffer.getvalue()).decode()
        figures.append(f'<figure class="chart" data-min-font-pt="{pt}" data-width-in="{width / 144:.3f}">'
                       f'<img src="data:image/png;base64,{data}" alt="biểu đồ {n}"></figure>')  # fmt: skip
    page = tmp_path / "page.html"
    page.write_text(f"<html><head><style>{CSS.read_text()}</style></head><body><main class='report-body'>"
                    f"{''.join(figures)}</main></body></html>", encoding="utf-8")  # fmt: skip
    return page.as_uri()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is needed (apt-get install chromium)")
def test_the_a4_check_fails_on_a_chart_whose_text_prints_too_small(tmp_path: Path, browser) -> None:
    # 4.5 x 2.5 (and 1.4) inches at 144 dpi: printed 150 mm wide (report.css caps it; 115 mm high is not reached),
    # so its text prints at 150 / 25.4 / 4.5 = 1.3123 times its size: 5 pt -> 6.56 pt, 6 pt -> 7.87 pt.
    # A 4.5 x 9 inch chart is capped at 115 mm high instead: 115 / 25.4 / 9 = 0.5031 -> 10 pt prints at 5.03 pt.
    url = _page(tmp_path, [(10, 648, 1296), (5, 648, 360), (6, 648, 200)])
    measured = on_a4(browser, url)
    assert [round(c["pt"], 2) for c in measured] == [5.03, 6.56, 7.87]
    assert too_small(measured, least=7) == ["'biểu đồ 0': 5.0 pt", "'biểu đồ 1': 6.6 pt"]


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is needed (apt-get install chromium)")
def test_the_phone_check_measures_css_pixels(tmp_path: Path, browser) -> None:
    # At 375 px the report body is 375 - 2 * 12 = 351 px wide; a 648 px image shrinks to it:
    # 8 pt on a 4.5 inch figure shown 351 px wide is 8 * 351 / (4.5 * 72) = 8.67 px.
    measured = on_a_phone(browser, _page(tmp_path, [(8, 648, 360)]))
    assert [round(c["px"], 2) for c in measured] == [8.67]
    assert too_small(measured, least=9, unit="px") == ["'biểu đồ 0': 8.7 px"]
