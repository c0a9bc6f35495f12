"""One number, one meaning: every figure the built reports show agrees wherever it appears.

Every report embeds the figures it shows (``<script type="application/json" id="ketnap-figures">``:
``{code, scope, period, value}``, :mod:`ketnap.indicators`), those of its sentences included. Over the
build of both default periods (the ``built`` fixture of ``conftest.py``, shared with
tests/test_outputs.py), this fails when one indicator for one scope and period has two values
anywhere: within a report (a sentence against a table or a card), across reports, between a report's
block and its visible text, between the block and its Excel sheet "Số liệu", or against
``ketnap summary --json`` for the city and each sector. The checks are in ``figure_checks.py``;
tests/test_figure_checks.py shows on hand-made pages that they fail.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import PERIODS
from figure_checks import clashes, figures_in, not_in_text, shown

from ketnap import indicators
from ketnap.build.batch import jobs_for_period
from ketnap.labels import t

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("reports")]


def figures_of(html: Path) -> list[dict[str, Any]]:
    return figures_in(html.read_text(encoding="utf-8"))


def reports(home: Any) -> list[Path]:
    found = sorted(html for period in PERIODS for html in (home.reports / period).rglob("*.html"))
    # One page per report job of the default periods (the annual review for a year only), the
    # organisation cards under ``organisations/`` included.
    expected = sorted(home.reports / job.period / f"{job.stem}.html" for period in PERIODS
                      for job in jobs_for_period(period, home))  # fmt: skip
    assert found == expected, [p.name for p in found]
    return found


def where(home: Any, html: Path) -> str:
    return str(html.relative_to(home.reports))


@cache
def summary_json(home_dir: str, period: str, sector: str | None) -> dict[str, Any]:
    """``ketnap summary --json`` as a user runs it, over the built project's data."""
    args = ["summary", "--period", period, "--json", *(["--sector", sector] if sector else [])]
    done = subprocess.run(
        [sys.executable, "-m", "ketnap.cli", *args],
        env={**os.environ, "KETNAP_HOME": home_dir},
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout))


def test_every_report_has_a_figures_block_of_catalogue_codes(built) -> None:
    home, _ = built
    for html in reports(home):
        figures = figures_of(html)
        assert figures, f"{where(home, html)}: an empty figures block"
        for figure in figures:
            assert set(figure) == {"code", "scope", "period", "value"}, figure
            assert figure["code"] in indicators.INDICATORS, figure
            # reports/<period>/<report>.html or reports/<period>/organisations/<card>.html
            assert figure["period"] == html.relative_to(home.reports).parts[0], (where(home, html), figure)
        assert 'href="#giai-thich-so-lieu"' in html.read_text(encoding="utf-8"), where(home, html)


def test_headline_figures_are_in_the_blocks(built) -> None:
    home, _ = built
    for period in PERIODS:
        blocks = {html.stem: figures_of(html) for html in (home.reports / period).glob("*.html")}
        city = {f["code"] for f in blocks["city-overview"] if f["scope"] == "city"}
        assert {"admitted", "target", "attainment_pct", "trained", "training_attainment_pct"} <= city
        training = {f["code"] for f in blocks["training-pipeline"]}
        assert {"trained", "training_plan", "training_attainment_pct"} <= training
        for stem in [s for s in blocks if s.startswith("sector-")] + ["organisations"]:
            per_org = {f["code"] for f in blocks[stem] if f["scope"] not in ("city", stem.removeprefix("sector-"))}
            assert {"admitted", "target", "attainment_pct"} <= per_org, stem


def test_one_indicator_one_scope_one_period_has_one_value_across_reports(built) -> None:
    """Within a report too: a sentence that states another value than a table or a card clashes here."""
    home, _ = built
    found = clashes({where(home, html): figures_of(html) for html in reports(home)})
    assert not found, "one figure, two values:\n" + "\n".join(found)


def test_every_figure_of_a_block_is_in_the_report_s_text(built) -> None:
    """Block and text agree: each number of the block is written in the page as the report writes it."""
    home, _ = built
    missing = [
        f"{where(home, html)}: {f} is not in the text as {shown(f)!r}"
        for html in reports(home)
        for f in not_in_text(html.read_text(encoding="utf-8"))
    ]
    assert not missing, "\n".join(missing)


def test_the_sentences_figures_are_in_the_blocks(built) -> None:
    """What only a sentence states (the furthest behind, the denominators, the returns) reaches the block."""
    home, _ = built
    for period in PERIODS:
        blocks = {html.stem: figures_of(html) for html in (home.reports / period).glob("*.html")}
        city = {f["code"] for f in blocks["city-overview"] if f["scope"] == "city"}
        assert {"organisations_with_target", "organisations_no_admissions", "organisations_reported"} <= city
        assert any(f["code"] == "shortfall_vs_pace" for f in blocks["city-overview"]), period
        assert "organisations_with_target" in {f["code"] for f in blocks["organisations"]}
        for stem in [s for s in blocks if s.startswith("sector-")]:
            sector = {f["code"] for f in blocks[stem] if f["scope"] == stem.removeprefix("sector-")}
            assert {"organisations_with_target", "organisations_reported"} <= sector, stem


def test_the_excel_export_carries_the_same_figures(built) -> None:
    home, _ = built
    sheet = t("indicator.sheet")
    for html in reports(home):
        workbook = openpyxl.load_workbook(html.with_suffix(".xlsx"), read_only=True)
        assert sheet in workbook.sheetnames, where(home, html)
        rows = [list(row) for row in workbook[sheet].iter_rows(min_row=2, values_only=True)]
        expected = [[f["code"], f["scope"], f["period"], f["value"]] for f in figures_of(html)]
        assert rows == expected, f"{where(home, html)}: the sheet and the block differ"


def test_the_blocks_agree_with_ketnap_summary_json(built) -> None:
    home, _ = built
    wrong = []
    for html in reports(home):
        for f in figures_of(html):
            scope = f["scope"]
            if scope != "city" and not (home.reports / f["period"] / f"sector-{scope}.html").exists():
                continue  # an organisation: summary --json speaks for the city and the sectors
            headline = summary_json(str(home.home), f["period"], None if scope == "city" else scope)
            if f["code"] in headline and headline[f["code"]] != f["value"]:
                wrong.append(f"{where(home, html)}: {f} but summary --json says {headline[f['code']]}")
    assert not wrong, "\n".join(wrong)


def test_the_city_headline_of_every_report_that_shows_it_matches_summary_json(built) -> None:
    home, _ = built
    for period in PERIODS:
        headline = summary_json(str(home.home), period, None)
        shown = 0
        for html in sorted((home.reports / period).glob("*.html")):
            for f in figures_of(html):
                if f["scope"] == "city" and f["code"] in ("admitted", "target", "attainment_pct"):
                    assert f["value"] == headline[f["code"]], (where(home, html), f)
                    shown += 1
        assert shown >= 3, period


def test_the_notes_on_the_figures_speak_the_words_of_the_period(built) -> None:
    home, _ = built

    def notes(period: str) -> str:
        page = (home.reports / period / "city-overview.html").read_text(encoding="utf-8")
        start = page.index('id="giai-thich-so-lieu"')
        return re.sub(r"<[^>]+>", " ", page[start : page.index("</section>", page.rindex('class="indicator"'))])

    closed, in_progress = notes("2023"), notes("2024-02")
    assert t("metric.organisations_behind_pace_year") in closed and t("metric.organisations_behind_pace") in in_progress
    assert "tiến độ" not in closed, "a finished year has no pace"
    for text in (closed, in_progress):  # formulas in words, not in code
        assert "count(" not in text and "admitted ÷" not in text and "Số đảng viên kết nạp ÷ chỉ tiêu năm × 100" in text
