"""The organisation cards and the links between pages, as built (the ``built`` fixture of conftest.py).

A card for every organisation of each default period, in HTML, PDF and Excel; its figures agree with
the organisations report; its PDF is numbered ("Trang x/y") and fits one A4 page where it can; the
index search finds a card from an unaccented, lower-case name; and no link on any built page
(index, reports, cards) points at a missing file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import CHROMIUM, PERIODS
from figure_checks import figures_in

from ketnap.card import card_codes
from ketnap.io import load

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("reports")]

_HREF = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')


def _cards(home, period: str) -> list[Path]:
    return sorted((home.reports / period / "organisations").glob("*.html"))


def test_a_card_for_every_organisation_of_each_period(built) -> None:
    home, _ = built
    tables = load(home.processed)
    for period in PERIODS:
        codes = card_codes(tables, period)
        assert len(codes) > 100
        assert [c.stem for c in _cards(home, period)] == sorted(codes)
        for code in codes:
            for ext in ("pdf", "xlsx"):
                assert (home.reports / period / "organisations" / f"{code}.{ext}").is_file(), (period, code, ext)


def test_cards_agree_with_the_organisations_report(built) -> None:
    home, _ = built
    for period in PERIODS:
        table = figures_in((home.reports / period / "organisations.html").read_text(encoding="utf-8"))
        listed = {(f["code"], f["scope"]): f["value"] for f in table}
        for card in _cards(home, period):
            figures = figures_in(card.read_text(encoding="utf-8"))
            assert {f["scope"] for f in figures} == {card.stem}, card
            assert {f["period"] for f in figures} == {period}, card
            for f in figures:
                if (f["code"], f["scope"]) in listed:
                    assert listed[(f["code"], f["scope"])] == f["value"], (card, f)
            for code in ("admitted", "target", "attainment_pct"):
                assert (code, card.stem) in listed, (card, code)
                assert any(f["code"] == code for f in figures), (card, code)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is needed")
def test_card_pdfs_are_numbered_and_mostly_one_page(built) -> None:
    home, _ = built
    pages_of = {}
    for period in PERIODS:
        for card in _cards(home, period):
            pdf = card.with_suffix(".pdf")
            text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
            pages = [p for p in text.split("\f") if p.strip()]
            pages_of[pdf] = len(pages)
            for n, page in enumerate(pages, start=1):
                assert f"Trang {n}/{len(pages)}" in page, f"{pdf}: page {n} has no 'Trang {n}/{len(pages)}'"
            assert "ĐẢNG CỘNG SẢN VIỆT NAM" in pages[0]
    assert max(pages_of.values()) <= 2, max(pages_of.items(), key=lambda kv: kv[1])
    assert sum(n == 1 for n in pages_of.values()) >= 0.9 * len(pages_of)


def _pages(home) -> list[Path]:
    return [
        home.reports / "index.html",
        *sorted(home.reports.glob("*/*.html")),
        *sorted(home.reports.glob("*/*/*.html")),
    ]


def test_no_link_on_any_built_page_is_broken(built) -> None:
    home, _ = built
    pages = _pages(home)
    assert len(pages) > 200
    checked = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        hrefs = _HREF.findall(text)
        if page.name == "index.html":  # the search's cards travel as JSON beside the links
            hrefs += re.findall(r'"href": "([^"]+)"', text)
        for href in hrefs:
            if href.startswith(("#", "data:")):
                continue
            assert not href.startswith(("http:", "https:", "//")), f"{page}: a link leaves the reports: {href}"
            target = (page.parent / unquote(href.split("#", 1)[0])).resolve()
            assert target.is_file(), f"{page.relative_to(home.reports)} links to a missing file: {href}"
            checked += 1
    assert checked > 1000


def test_pages_link_city_sector_and_card_both_ways(built) -> None:
    home, _ = built
    folder = home.reports / "2024-02"
    city = (folder / "city-overview.html").read_text(encoding="utf-8")
    assert 'href="../index.html"' in city and 'href="city-overview.pdf"' in city and 'href="city-overview.xlsx"' in city
    assert 'href="sector-wards-communes.html"' in city
    assert 'href="bao-cao.docx"' in city  # the Board's report as Word, beside it
    sector = (folder / "sector-wards-communes.html").read_text(encoding="utf-8")
    assert 'href="city-overview.html"' in sector
    linked = set(re.findall(r'href="organisations/([A-Z0-9]+)\.html"', sector))
    assert linked, "the sector report links no card"
    card = (folder / "organisations" / f"{sorted(linked)[0]}.html").read_text(encoding="utf-8")
    for href in ("../../index.html", "../city-overview.html", "../sector-wards-communes.html", "../organisations.html"):
        assert f'href="{href}"' in card, href
    scorecard = (folder / "organisations.html").read_text(encoding="utf-8")
    assert len(set(re.findall(r'href="organisations/([A-Z0-9]+)\.html"', scorecard))) == len(_cards(home, "2024-02"))


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is needed (apt-get install chromium)")
def test_the_index_search_finds_a_card_without_accents(built, browser) -> None:
    home, _ = built
    tables = load(home.processed)
    orgs = tables.organisations.set_index("name")["org_code"]
    wanted = orgs["Đảng bộ phường Đông Hương"]
    page = browser.new_page(viewport={"width": 375, "height": 812})
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((home.reports / "index.html").as_uri())
    page.fill("#org-search", "dong huong")
    results = page.locator("#org-results a")
    assert results.count() >= 1
    assert results.first.inner_text() == "Đảng bộ phường Đông Hương"
    results.first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/2024-02/organisations/{wanted}.html"), page.url
    assert "Đảng bộ phường Đông Hương" in page.inner_text("h1")
    # Upper case, and with the marks typed, find it too; nonsense finds nothing and says so.
    page.go_back()
    page.fill("#org-search", "ĐÔNG HƯƠNG")
    assert page.locator("#org-results a").first.inner_text() == "Đảng bộ phường Đông Hương"
    page.fill("#org-search", "zzzz qqq")
    assert page.locator("#org-results a").count() == 0 and page.locator("#org-none").is_visible()
    page.close()
    assert all(u.startswith(("file:", "data:")) for u in requests), requests
