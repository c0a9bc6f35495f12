"""How big the text of a report's charts is where it is read: on A4 paper and on a phone.

Each chart's ``<figure>`` carries the smallest font size drawn in it and the image's width in
inches (:func:`ketnap.present.chart`); shown ``w`` CSS pixels wide, that text is
``min_font_pt * w / (width_in * 96)`` points, or ``min_font_pt * w / (width_in * 72)`` CSS pixels.
Shared by tests/test_outputs.py (the built reports) and tests/test_chart_text.py (hand-made pages).
"""

from __future__ import annotations

from typing import Any

from ketnap.build.runner import FIT_FIRST_PAGE, FIT_LEAST_PT, FIT_LEAST_SCALE, REPORT_PAGE_MM

#: Every chart shown on the page (not one drawn for the other medium, ``display: none``): its smallest
#: text in points and CSS pixels as shown, and its alt text.
MEASURE = """() => Array.from(document.querySelectorAll('figure.chart'))
  .filter(f => f.getClientRects().length).map(f => {
  const img = f.querySelector('img');
  const shown = img ? img.getBoundingClientRect().width : 0;
  const pt = parseFloat(f.dataset.minFontPt), inches = parseFloat(f.dataset.widthIn);
  return {alt: img ? img.alt : '', pt: pt * shown / (inches * 96), px: pt * shown / (inches * 72),
          measured: Number.isFinite(pt) && Number.isFinite(inches) && shown > 0};
})"""


def on_a4(browser: Any, url: str) -> list[dict[str, Any]]:
    """The charts of the page at ``url`` laid out as the build prints it: print media, one A4 page
    wide (the page box of ``@page``), page 1 fitted as :class:`ketnap.build.runner.Printer` does."""
    width, height = (round(mm * 96 / 25.4) for mm in REPORT_PAGE_MM)
    page = browser.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(url, wait_until="load")
        page.emulate_media(media="print")
        page.evaluate(FIT_FIRST_PAGE, {"page": height, "least": FIT_LEAST_SCALE, "leastPt": FIT_LEAST_PT})
        return list(page.evaluate(MEASURE))
    finally:
        page.close()


def on_a_phone(browser: Any, url: str, width: int = 375) -> list[dict[str, Any]]:
    """The charts of the page at ``url`` on a phone ``width`` CSS pixels wide."""
    page = browser.new_page(viewport={"width": width, "height": 812})
    try:
        page.goto(url, wait_until="load")
        return list(page.evaluate(MEASURE))
    finally:
        page.close()


def too_small(charts: list[dict[str, Any]], *, least: float, unit: str = "pt") -> list[str]:
    """The charts whose smallest text is below ``least`` (``unit`` "pt" or "px"), or that cannot be measured."""
    return [f"{c['alt'][:60]!r}: {c[unit]:.1f} {unit}" if c["measured"] else f"{c['alt'][:60]!r}: not measurable"
            for c in charts if not c["measured"] or c[unit] < least]  # fmt: skip
