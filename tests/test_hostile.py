"""Hostile text from the returns is shown as literal text in every report and export, and never runs.

A scratch copy of the sample renames one organisation to an HTML/script payload and another to a
spreadsheet formula, puts the payload into the returns' free-text columns too, ingests it and
builds every report of 2023. The browser must see the payload as text with no script run; the Excel
exports must hold it as text; the PDF must print it as text.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from conftest import CHROMIUM

from ketnap.build.batch import build, jobs_for_period
from ketnap.config import DEMO_PERSON_KEY, Paths
from ketnap.ingest import ingest

ROOT = Path(__file__).resolve().parents[1]
PAYLOAD = "<img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://example.invalid","x")'

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("reports"),
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is needed (apt-get install chromium)"),
]


def _text(cell, value: str) -> None:
    """Store ``value`` as text, as a cell typed by a person is (openpyxl would make "=..." a formula)."""
    cell.value = value
    cell.data_type = "s"


def _rename(sample: Path, code: str, name: str) -> None:
    """Give organisation ``code`` a new name, and make its returns name it by code (as many do)."""
    book = sample / "reference" / "organisations.xlsx"
    workbook = openpyxl.load_workbook(book)
    for row in workbook["Tổ chức"].iter_rows(min_row=2):
        if row[0].value == code:
            _text(row[1], name)
    workbook.save(book)
    for ret in sorted(sample.glob(f"returns/*/{code}.xlsx")):
        workbook = openpyxl.load_workbook(ret)
        info = workbook["Thông tin"]
        for row in info.iter_rows():
            if row[0].value == "Tổ chức cơ sở đảng":
                row[1].value = code
        sheet = workbook["Kết nạp"]
        header = next(r for r in sheet.iter_rows(values_only=True) if r and "Họ và tên" in r)
        for row in sheet.iter_rows(min_row=2):
            for cell, title in zip(row, header, strict=False):
                if title in ("Chi bộ", "Ghi chú") and any(c.value for c in row):
                    _text(cell, name)
        workbook.save(ret)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    home = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    shutil.copytree(ROOT / "data" / "sample", home / "data" / "sample")
    _rename(home / "data" / "sample", "DN01", PAYLOAD)
    _rename(home / "data" / "sample", "DN04", FORMULA)
    p = Paths(home)
    result = ingest(p.sample, p.processed, p.interim, key=DEMO_PERSON_KEY)  # a copy of the sample: its demo key
    assert not [i for i in result.errors if "DN01" in i.file or "DN04" in i.file], "the renamed returns must load"
    outcomes = build(jobs_for_period("2023", p), p=p)
    assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
    return p


def test_payload_is_text_in_every_page_and_no_script_runs(hostile: Paths, browser) -> None:
    pages_with_payload = 0
    for file in sorted(hostile.reports.glob("2023/*.html")):
        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d, dialogs=dialogs: (dialogs.append(d.message), d.dismiss()))
        page.goto(file.as_uri(), wait_until="load")
        injected = page.evaluate("document.querySelectorAll('img[src=\"x\"], img[onerror]').length")
        text = page.inner_text("body")
        page.close()
        assert not dialogs and injected == 0, f"{file.name}: the payload ran ({dialogs}, {injected} elements)"
        if PAYLOAD in text:
            pages_with_payload += 1
            assert "&lt;img" not in text, f"{file.name}: the payload was escaped twice"
    # The organisations scorecard, the enterprises sector report and the annual review list it.
    assert pages_with_payload >= 3


def test_payload_is_escaped_in_the_html_source(hostile: Paths) -> None:
    scorecard = (hostile.reports / "2023" / "organisations.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in scorecard
    for file in hostile.reports.glob("2023/*.html"):
        assert "<img src=x" not in file.read_text(encoding="utf-8"), file.name


def test_exports_keep_text_as_text_and_neutralise_formulas(hostile: Paths) -> None:
    workbook = openpyxl.load_workbook(hostile.reports / "2023" / "organisations.xlsx")
    values = [c.value for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert PAYLOAD in values
    assert "'" + FORMULA in values and FORMULA not in values, "a formula from the data must not stay a formula"
    assert any(isinstance(v, int | float) and not isinstance(v, bool) for v in values), "numbers stay numbers"


def test_pdf_prints_the_payload_as_text(hostile: Paths) -> None:
    text = subprocess.run(
        ["pdftotext", str(hostile.reports / "2023" / "organisations.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert PAYLOAD in text
