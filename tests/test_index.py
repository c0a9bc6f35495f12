"""The leaders' index (ketnap.build.index), the printed document frame (ketnap.build.document), the time and
period names they show, and a build without a browser."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ketnap import fmt
from ketnap.build import index
from ketnap.build.batch import pdf_possible
from ketnap.build.document import official_header, page_css
from ketnap.build.runner import BuildError
from ketnap.config import Paths

ROOT = Path(__file__).resolve().parents[1]


# --- time and period names --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        ("2026-12-01T20:10:39+00:00", "02/12/2026 03:10"),  # UTC 20:10 is 03:10 next day in Hà Nội
        ("2024-02-29T23:59:00+00:00", "01/03/2024 06:59"),  # leap day rolls into March
        ("2024-03-05T09:30:00+07:00", "05/03/2024 09:30"),  # already Viet Nam time
        ("2023-12-31T17:00:00", "01/01/2024 00:00"),  # naive: taken as UTC
    ],
)
def test_build_time_reads_in_viet_nam_local_time(moment: str, shown: str) -> None:
    assert fmt.local_time(moment) == shown
    assert fmt.local_time(dt.datetime.fromisoformat(moment)) == shown


@pytest.mark.parametrize(
    ("period", "heading"),
    [
        ("2024-02", "Tháng 2/2024 (lũy kế 2 tháng)"),
        ("2024-01", "Tháng 1/2024"),
        ("2023-12", "Tháng 12/2023 (lũy kế 12 tháng)"),
        ("2023-Q4", "Quý IV/2023"),
        ("2023", "Năm 2023"),
    ],
)
def test_period_headings(period: str, heading: str) -> None:
    assert fmt.period_heading(period) == heading


# --- the index, from a small fake set of statuses and figures ---------------------------------


def _figures(period: str, admitted: int, target: int, pct: float) -> str:
    block = [
        {"code": "admitted", "scope": "city", "period": period, "value": admitted},
        {"code": "target", "scope": "city", "period": period, "value": target},
        {"code": "attainment_pct", "scope": "city", "period": period, "value": pct},
        {"code": "admitted", "scope": "high-schools", "period": period, "value": 1},
    ]
    return f'<html><body><script id="ketnap-figures" type="application/json">{json.dumps(block)}</script></body></html>'


def _record(
    home: Paths,
    period: str,
    stem: str,
    report: str,
    *,
    built: str,
    status: str = "ok",
    files=("html", "pdf", "xlsx"),
    error: str | None = None,
) -> None:
    folder = home.reports / period
    (folder / ".status").mkdir(parents=True, exist_ok=True)
    record = {"report": report, "stem": stem, "period": period, "status": status, "built": built, "seconds": 1.0,
              "error": error, "as_of": "2024-02-29"}  # fmt: skip
    (folder / ".status" / f"{stem}.json").write_text(json.dumps(record), encoding="utf-8")
    for ext in files:
        if not (folder / f"{stem}.{ext}").exists():
            (folder / f"{stem}.{ext}").write_text("x", encoding="utf-8")


@pytest.fixture
def fake_home(tmp_path: Path) -> Paths:
    """A project with the real processed data (sector names, returns register) and a few recorded reports."""
    shutil.copytree(ROOT / "data" / "processed", tmp_path / "data" / "processed")
    home = Paths(tmp_path)
    (home.reports / "2024-02").mkdir(parents=True)
    (home.reports / "2024-02" / "city-overview.html").write_text(_figures("2024-02", 231, 817, 28.3), encoding="utf-8")
    (home.reports / "2023").mkdir(parents=True)
    (home.reports / "2023" / "city-overview.html").write_text(_figures("2023", 735, 707, 104.0), encoding="utf-8")
    _record(home, "2023", "city-overview", "city-overview", built="2024-01-10T02:00:00+00:00")
    _record(home, "2023", "annual-review", "annual-review", built="2024-01-10T02:05:00+00:00")
    _record(home, "2024-02", "sector-high-schools", "sector", built="2024-03-05T01:00:00+00:00")
    _record(home, "2024-02", "sector-wards-communes", "sector", built="2024-03-05T01:00:00+00:00")
    _record(
        home, "2024-02", "city-overview", "city-overview", built="2024-03-05T01:30:00+00:00", files=("html", "xlsx")
    )
    _record(home, "2024-02", "returns", "returns", built="2024-03-05T01:10:00+00:00", status="failed",
            files=(), error="RuntimeError: boom")  # fmt: skip
    return home


def test_index_lists_periods_latest_first_with_titles_in_reading_order(fake_home: Paths) -> None:
    periods = index.collect(fake_home)
    assert [p.period for p in periods] == ["2024-02", "2023"]
    latest = periods[0]
    assert latest.heading == "Tháng 2/2024 (lũy kế 2 tháng)" and periods[1].heading == "Năm 2023"
    # city first, then sectors in their report order (wards before schools), then the rest of the catalog
    assert [r.stem for r in latest.reports] == ["city-overview", "sector-wards-communes", "sector-high-schools",
                                                "returns"]  # fmt: skip
    assert [r.title for r in latest.reports[:3]] == [
        "Kết quả kết nạp đảng viên toàn thành phố",
        "Kết quả kết nạp đảng viên khối phường - xã",
        "Kết quả kết nạp đảng viên khối trường THPT",
    ]
    assert latest.as_of == "29/02/2024"
    assert latest.built == "2024-03-05T01:30:00+00:00"  # the period's latest report


def test_index_headline_comes_from_the_city_figures_and_the_returns(fake_home: Paths) -> None:
    latest, year = index.collect(fake_home)
    assert latest.headline is not None and year.headline is not None
    assert (latest.headline.admitted, latest.headline.target, latest.headline.attainment) == ("231", "817", "28,3%")
    assert (year.headline.admitted, year.headline.target, year.headline.attainment) == ("735", "707", "104,0%")
    # the sample's register: 109 of the 110 organisations expected sent their February return (Quảng Thành
    # merged into Quảng Thắng on 01/01/2024: docs/sample-data.md)
    assert (latest.headline.reported, latest.headline.expected) == (109, 110)
    assert latest.headline.returns_month == "tháng 2/2024"


def test_index_page_marks_latest_missing_pdfs_and_failures(fake_home: Paths) -> None:
    page = index.render_index(index.collect(fake_home))
    latest_at, year_at = page.index('id="ky-2024-02"'), page.index('id="ky-2023"')
    assert latest_at < year_at
    assert page.count('class="badge"') == 1 and page.index('class="badge"') < year_at
    assert "Tháng 2/2024 (lũy kế 2 tháng)" in page and "Năm 2023" in page
    assert ">231<" in page and ">817<" in page and ">28,3%<" in page and ">109/110<" in page
    assert "Tổ chức đã báo cáo tháng 2/2024" in page
    assert 'href="2024-02/city-overview.html"' in page and 'href="2024-02/city-overview.xlsx"' in page
    assert 'href="2024-02/city-overview.pdf"' not in page and "PDF: chưa có" in page
    assert "chưa được in ra PDF" in page  # the note says why, once
    assert 'href="2024-02/sector-high-schools.pdf"' in page
    assert 'class="failed"' in page and "RuntimeError: boom" in page
    assert 'href="2024-02/returns.html"' not in page  # never built: no link to a missing page
    # build time: the latest report, in Viet Nam time (01:30 UTC is 08:30 in Hà Nội)
    assert "Cập nhật lần cuối: 05/03/2024 08:30 (giờ Việt Nam)" in page
    assert "Lập lúc 10/01/2024 09:05" in page  # 2023's latest report, 02:05 UTC
    assert "+00:00" not in page and "2024-02-29" not in page and "city-overview<" not in page
    assert "<table" not in page  # a list, not a table: nothing to scroll sideways on a phone


def test_index_links_the_word_report_where_it_was_written(fake_home: Paths) -> None:
    (fake_home.reports / "2023" / "bao-cao.docx").write_bytes(b"x")
    page = index.render_index(index.collect(fake_home))
    year = page[page.index('id="ky-2023"') :]
    city = year[year.index('data-report="city-overview"') : year.index("</li>")]
    assert 'href="2023/bao-cao.docx">Báo cáo (Word)</a>' in city  # on the city report's line
    assert page.count("bao-cao.docx") == 1  # not for 2024-02 (none written), nor beside other reports


def test_index_has_a_slot_for_tools_above_the_periods(fake_home: Paths) -> None:
    page = index.render_index(index.collect(fake_home), tools='<form id="search"></form>')
    assert page.index('<form id="search">') < page.index('id="ky-2024-02"')


def test_index_without_a_city_report_says_so(tmp_path: Path) -> None:
    home = Paths(tmp_path)
    _record(home, "2023-Q4", "returns", "returns", built="2024-01-10T02:00:00+00:00")
    (entry,) = index.collect(home)
    assert entry.heading == "Quý IV/2023" and entry.headline is None
    assert entry.reports[0].title == "Tình hình gửi báo cáo"
    assert "Chưa có số liệu chung của kỳ này" in index.render_index([entry])


def test_headline_needs_the_city_admissions() -> None:
    assert index.headline([{"code": "admitted", "scope": "P01", "period": "2023", "value": 3}]) is None


# --- the printed document frame ------------------------------------------------------------


def test_official_header_follows_the_party_format() -> None:
    block = official_header()
    for text in ("Đảng bộ tỉnh Thanh Hóa", "Thành ủy Thanh Hóa", "<strong>Ban Tổ chức</strong>", "Số …-BC/BTCTU",
                 "Đảng Cộng sản Việt Nam", "Thanh Hóa, ngày … tháng … năm …"):  # fmt: skip
        assert text in block
    # issuer before the Party's title (left, then right), the number under the issuer, the date under the title
    assert block.index("Ban Tổ chức") < block.index("Số …") < block.index("Đảng Cộng sản") < block.index("ngày")
    receipt = official_header(number=False, place_date=False)
    assert "Số …" not in receipt and "ngày" not in receipt and "Ban Tổ chức" in receipt


def test_page_css_numbers_pages_and_runs_the_title_after_the_first() -> None:
    css = page_css(running='Báo cáo "A"', footer="Số liệu đến ngày 29/02/2024")
    assert '@bottom-right { content: "Trang " counter(page) "/" counter(pages);' in css
    assert '@top-center { content: "Báo cáo \\"A\\"";' in css
    assert "@page :first { @top-center { content: none; } }" in css
    assert '@bottom-left { content: "Số liệu đến ngày 29/02/2024";' in css
    assert "font: 8.5pt" in css  # margin boxes inherit nothing: the size is explicit


# --- no browser -----------------------------------------------------------------------------


def test_no_browser_is_a_note_unless_pdfs_are_required(monkeypatch, capsys) -> None:
    monkeypatch.setenv("KETNAP_BROWSER", "/nowhere/chromium")
    monkeypatch.delenv("KETNAP_REQUIRE_PDF", raising=False)
    assert pdf_possible() is False
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "apt-get install chromium" in err and "KETNAP_REQUIRE_PDF=1" in err
    monkeypatch.setenv("KETNAP_REQUIRE_PDF", "1")
    with pytest.raises(BuildError, match="PDFs are required"):
        pdf_possible()


def _build(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "KETNAP_HOME": str(home), **env}
    return subprocess.run([sys.executable, "-m", "ketnap.build", *args], env=environment, capture_output=True,
                          text=True, check=False)  # fmt: skip


def test_required_pdfs_without_a_browser_stop_before_building(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data" / "processed", tmp_path / "data" / "processed")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    done = _build(tmp_path, "run", "returns", "--period", "2023", KETNAP_BROWSER="/nowhere", KETNAP_REQUIRE_PDF="1")
    assert done.returncode == 2 and "KETNAP_REQUIRE_PDF=1" in done.stderr
    assert not (tmp_path / "reports" / "2023" / "returns.html").exists()


@pytest.mark.slow
def test_a_build_without_a_browser_makes_html_and_excel_and_exits_0(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data" / "processed", tmp_path / "data" / "processed")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    out = tmp_path / "reports" / "2024-02"
    out.mkdir(parents=True)
    (out / "city-overview.pdf").write_text("an older version", encoding="utf-8")
    done = _build(tmp_path, "run", "city-overview", "--period", "2024-02", KETNAP_BROWSER="/nowhere/chromium")
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("apt-get install chromium") == 1  # said once
    assert (out / "city-overview.html").is_file() and (out / "city-overview.xlsx").is_file()
    assert not (out / "city-overview.pdf").exists(), "a PDF of an older version must not stay beside the new page"
    page = (tmp_path / "reports" / "index.html").read_text(encoding="utf-8")
    assert "PDF: chưa có" in page and 'href="2024-02/city-overview.pdf"' not in page
    assert 'href="2024-02/city-overview.xlsx"' in page and ">231<" in page
