"""The rendered reports, checked the way their readers see them: in Chromium, as PDF text, byte for byte.

One build of every report for the sample's default periods is made into a scratch project
(``KETNAP_HOME``) at the start, and a second, independent build checks reproducibility. The tests
share one xdist group so the builds happen once. Screenshots land in ``tests/artifacts/`` (ignored
by git) for a person to look at.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from chart_text import on_a4, on_a_phone, too_small
from conftest import CHROMIUM, PERIODS, shared_build

from ketnap.build.catalog import REPORTS, ReportSpec
from ketnap.config import Paths
from ketnap.labels import t
from ketnap.privacy import disclosive

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.xdist_group("reports"),
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is needed (apt-get install chromium)"),
]


@pytest.fixture(scope="session")
def rebuilt(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Paths:
    return shared_build(tmp_path_factory, worker_id, "build-b", cards_each=3)


def _spec_of(output: Path) -> ReportSpec:
    """The report an output file (``sector-high-schools.pdf``, ``city-overview.html``) belongs to."""
    return next(s for s in REPORTS if output.stem == s.id or output.stem.startswith(f"{s.id}-"))


def _html_files(home: Paths) -> list[Path]:
    return sorted(home.reports.glob("*/*.html"))


def _open(browser, url: str, *, width: int = 1280, height: int = 900):
    """A page at ``url`` with every console message and request recorded."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.messages, page.requests = [], []
    page.on("console", lambda m: page.messages.append((m.type, m.text)))
    page.on("pageerror", lambda e: page.messages.append(("pageerror", str(e))))
    page.on("request", lambda r: page.requests.append(r.url))
    page.goto(url, wait_until="load")
    return page


def _assert_images_complete(file: Path) -> None:
    """Every embedded PNG decodes in full (a browser shows a truncated PNG partly, without an error)."""
    import base64
    import io

    from PIL import Image

    for data in re.findall(r'src="data:image/png;base64,([^"]+)"', file.read_text(encoding="utf-8")):
        try:
            Image.open(io.BytesIO(base64.b64decode(data, validate=True))).load()
        except Exception as exc:
            raise AssertionError(f"{file.name}: an embedded chart does not decode: {exc}") from exc


# --- HTML in the browser -------------------------------------------------------------------


def test_index_links_every_report(built, browser) -> None:
    home, jobs = built
    page = _open(browser, (home.reports / "index.html").as_uri())
    hrefs = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
    page.close()
    # The cards are found through the search (tests/test_cards_built.py), not listed.
    expected = {f"{job.period}/{job.stem}.{ext}" for job in jobs if not job.report.per_org for ext in ("html", "pdf")}
    assert expected <= set(hrefs)
    for href in hrefs:
        assert (home.reports / href).is_file(), f"index links to a missing file: {href}"


def test_index_reads_on_a_phone(built, browser) -> None:
    """At 375 px nothing scrolls sideways and every report's status is on screen; screenshots for a person."""
    home, jobs = built
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = _open(browser, (home.reports / "index.html").as_uri(), width=375, height=812)
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    states = page.evaluate(
        """Array.from(document.querySelectorAll('.report')).map(r => {
             const s = r.querySelector('.state, .failed').getBoundingClientRect();
             return [r.dataset.report, s.width > 0 && s.left >= 0 && s.right <= window.innerWidth];
           })"""
    )
    text = page.inner_text("body")
    page.screenshot(path=str(ARTIFACTS / "index-phone.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.screenshot(path=str(ARTIFACTS / "index-desktop.png"), full_page=True)
    page.close()
    assert overflow <= 0, f"the index scrolls sideways by {overflow}px on a phone"
    listed = [job for job in jobs if not job.report.per_org]
    assert len(states) == len(listed) and all(visible for _, visible in states), states
    assert text.index("Tháng 2/2024 (lũy kế 2 tháng)") < text.index("Năm 2023")
    for figure in ("231", "817", "28,3%", "Kết quả kết nạp đảng viên khối phường - xã"):
        assert figure in text


def test_every_report_loads_clean_and_offline(built, browser) -> None:
    home, _ = built
    for file in _html_files(home):
        page = _open(browser, file.as_uri())
        errors = [m for m in page.messages if m[0] in ("error", "pageerror")]
        outside = [u for u in page.requests if u != file.as_uri() and not u.startswith("data:")]
        broken = page.evaluate(
            """Promise.all(Array.from(document.images).map(i => i.decode().then(() => i.naturalWidth > 0, () => false)))
                 .then(ok => ok.filter(x => !x).length)"""
        )
        _assert_images_complete(file)
        images = page.evaluate("document.images.length")
        lang = page.evaluate("document.documentElement.lang")
        code = page.evaluate("document.querySelectorAll('.jp-InputArea, pre').length")
        header = page.inner_text("header")
        page.close()
        # The sample is synthetic and every report built from it must say so.
        assert "Dữ liệu mô phỏng" in header, f"{file.name}: no synthetic-data notice in the header"
        assert not errors, f"{file.name}: console errors {errors}"
        assert not outside, f"{file.name}: requests outside the file {outside}"
        assert broken == 0, f"{file.name}: {broken} images did not decode"
        assert lang == "vi" and code == 0, f"{file.name}: lang={lang}, {code} code or printed-output blocks"
        if _spec_of(file).has_charts:
            assert images > 0, f"{file.name}: no charts"


@pytest.mark.parametrize(
    ("report", "figures"),
    [
        ("2023/city-overview.html", ["735", "104,0%", "1.253", "117,0%", "109"]),
        ("2024-02/city-overview.html", ["231", "817", "28,3%"]),
    ],
)
def test_headline_figures_are_text(built, browser, report: str, figures: list[str]) -> None:
    home, _ = built
    page = _open(browser, (home.reports / report).as_uri())
    text = page.inner_text("body")
    page.close()
    for figure in figures:
        assert re.search(rf"(?<![\d.,]){re.escape(figure)}(?![\d,])", text), f"{report} lacks {figure}"


#: A wide table scrolled to its right end, at 375 px: how far its name cells moved from the box's left
#: edge (0 when the column is fixed), and where its "Tỷ lệ đạt" column is (-1: none).
_SCROLLED = """Array.from(document.querySelectorAll('.table-scroll'))
  .filter(box => box.scrollWidth > box.clientWidth + 1).map(box => {
    box.scrollLeft = box.scrollWidth;
    const moved = Array.from(box.querySelectorAll('tr > :first-child'),
                             c => Math.abs(c.getBoundingClientRect().left - box.getBoundingClientRect().left));
    box.scrollLeft = 0;
    const heads = Array.from(box.querySelectorAll('thead th'), th => th.innerText.trim());
    return {moved: Math.max(...moved), attainment: heads.indexOf(ATTAINMENT)};
  })"""


def test_phone_layout_never_scrolls_sideways(built, browser) -> None:
    """At 375 px no page scrolls sideways; a wide table scrolls in its box with its name column fixed
    and the attainment right after the names (issue 15)."""
    from ketnap.columns import heading

    home, _ = built
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    wide = 0
    scrolled = _SCROLLED.replace("ATTAINMENT", repr(heading("attainment_pct", "vi")))
    for file in _every_page(home):
        page = _open(browser, file.as_uri(), width=375, height=812)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        # A wide table may be wider than the phone, but only inside its own scrolling box.
        loose = page.evaluate(
            """Array.from(document.querySelectorAll('table')).filter(t =>
                 t.getBoundingClientRect().width > window.innerWidth && !t.closest('.table-scroll')).length"""
        )
        tables = page.evaluate(scrolled)
        wide += len(tables)
        for n, table in enumerate(tables):
            assert table["moved"] <= 1, f"{file.name}: the names of wide table {n} scroll away ({table})"
            assert table["attainment"] in (-1, 1), f"{file.name}: wide table {n} has 'Tỷ lệ đạt' at {table}"
        if file.parent.name == "organisations":
            page.close()
            assert overflow <= 0 and loose == 0, f"{file.name}: scrolls sideways ({overflow}px, {loose} tables)"
            continue
        name = f"{file.parent.name}-{file.stem}"
        page.screenshot(path=str(ARTIFACTS / f"{name}-phone.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=str(ARTIFACTS / f"{name}-desktop.png"), full_page=True)
        page.close()
        assert overflow <= 0, f"{file.name}: the page scrolls sideways by {overflow}px on a phone"
        assert loose == 0, f"{file.name}: {loose} wide tables are not in a scroll box"
    assert wide > 10, wide  # the check above ran on real wide tables


def _every_page(home: Paths) -> list[Path]:
    """Every built report page: the reports of each period and its organisation cards."""
    return sorted([*home.reports.glob("*/*.html"), *home.reports.glob("*/organisations/*.html")])


#: The smallest chart text allowed on A4, in points (issue 15), and on a 375 px phone, in CSS pixels.
A4_LEAST_PT = 7.0
PHONE_LEAST_PX = 9.0


def test_chart_text_is_at_least_7_pt_on_a4_and_9_px_on_a_phone(built, browser) -> None:
    """Every chart of every page (cards too), laid out as printed on A4 and on a 375 px phone."""
    home, _ = built
    small: list[str] = []
    charts = 0
    for file in _every_page(home):
        name = str(file.relative_to(home.reports))
        printed, phone = on_a4(browser, file.as_uri()), on_a_phone(browser, file.as_uri())
        charts += len(printed)
        small += [f"{name} on A4: {c}" for c in too_small(printed, least=A4_LEAST_PT)]
        small += [f"{name} at 375 px: {c}" for c in too_small(phone, least=PHONE_LEAST_PX, unit="px")]
    assert charts > 100, charts  # a chart on every card, and the reports'
    assert not small, "\n".join(small)


def _composition_rows(browser, file: Path) -> list[list[str]]:
    """The rows of a sector report's table of new members by organisation, as the page shows them."""
    page = _open(browser, file.as_uri())
    rows = page.evaluate(
        """(heading) => {
             const h = Array.from(document.querySelectorAll('h2')).find(e => e.innerText.trim().startsWith(heading));
             const all = Array.from(document.querySelectorAll('table'));
             const table = all.find(t => h.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING);
             return Array.from(table.querySelectorAll('tbody tr'), r => Array.from(r.cells, c => c.innerText.trim()));
           }""",
        t("report.sector.section.composition"),
    )
    page.close()
    return rows


def test_no_small_count_can_be_read_or_worked_out_from_a_composition_table(built, browser) -> None:
    """Every count shown, and the total minus the organisations shown, is 0 or at least 3 on both sides."""
    home, _ = built
    hidden, others = t("privacy.hidden"), t("privacy.others", count=0).split("(")[0]

    def count(cell: str) -> int | None:
        return None if cell == hidden else int(cell.split(" ")[0].replace(".", ""))

    checked = 0
    for file in sorted(home.reports.glob("*/sector-*.html")):
        rows = _composition_rows(browser, file)
        assert rows[-1][0] == t("table.total"), file
        organisations = [row for row in rows[:-1] if not row[0].startswith(others)]
        for row in rows:
            admitted = count(row[1])
            assert admitted is not None and admitted > 0, (file.name, row)
            for cell in row[2:]:
                if (shown := count(cell)) is not None:
                    assert not disclosive(shown, admitted, 3), (file.name, row)
                    checked += 1
            if row in organisations:  # an organisation is shown whole
                assert all(count(cell) is not None for cell in row[2:]), (file.name, row)
        total = rows[-1]
        for column in range(2, len(total)):
            if count(total[column]) is not None:
                rest = count(total[column]) - sum(count(row[column]) or 0 for row in organisations)
                rest_admitted = count(total[1]) - sum(count(row[1]) or 0 for row in organisations)
                assert not disclosive(rest, rest_admitted, 3), (file.name, column, rest, rest_admitted)
    assert checked > 40


# --- PDF -----------------------------------------------------------------------------------


def _pdfinfo(pdf: Path) -> dict[str, str]:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is needed")
def test_pdfs_are_a4_with_text_and_charts(built) -> None:
    home, _ = built
    pdfs = sorted(home.reports.glob("*/*.pdf"))
    assert len(pdfs) == len(_html_files(home))
    for pdf in pdfs:
        info = _pdfinfo(pdf)
        width, height = (float(x) for x in re.findall(r"[\d.]+", info["Page size"])[:2])
        assert (round(width), round(height)) == (595, 842), f"{pdf.name} is not A4: {info['Page size']}"
        assert 1 <= int(info["Pages"]) <= 20, f"{pdf.name}: {info['Pages']} pages"
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "Ban Tổ chức Thành ủy".upper() in text.upper() or "BAN TỔ CHỨC" in text, f"{pdf.name}: header lost"
        if _spec_of(pdf).has_charts:
            images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout
            assert len(images.strip().splitlines()) > 2, f"{pdf.name}: no charts in the PDF"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is needed")
def test_pdf_keeps_vietnamese_headline(built) -> None:
    home, _ = built
    text = subprocess.run(
        ["pdftotext", str(home.reports / "2024-02" / "city-overview.pdf"), "-"], capture_output=True, text=True
    ).stdout
    text = " ".join(text.split())
    assert "Kết quả kết nạp đảng viên toàn thành phố" in text
    assert "231" in text and "817" in text and "28,3%" in text


def _page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    return text.split("\f")[:-1] if text.endswith("\f") else text.split("\f")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is needed")
def test_pdfs_are_numbered_with_a_running_title_and_the_party_header(built) -> None:
    home, _ = built
    for pdf in sorted(home.reports.glob("*/*.pdf")):
        pages = _page_texts(pdf)
        count = len(pages)
        first = pages[0]
        for n, text in enumerate(pages, start=1):
            assert f"Trang {n}/{count}" in text, f"{pdf.name} page {n}: no 'Trang {n}/{count}'"
            assert "Số liệu đến ngày 29/02/2024" in text, f"{pdf.name} page {n}: no data-as-of note"
        for line in ("ĐẢNG BỘ TỈNH THANH HÓA", "THÀNH ỦY THANH HÓA", "BAN TỔ CHỨC", "Số …-BC/BTCTU",
                     "ĐẢNG CỘNG SẢN VIỆT NAM", "Thanh Hóa, ngày … tháng … năm …", "BÁO CÁO"):  # fmt: skip
            assert line in first, f"{pdf.name}: the first page lacks {line!r}"
        if count > 1:  # the running title: the report's title and period, on every page but the first
            assert "·" in pages[1].strip().splitlines()[0], f"{pdf.name}: no running title on page 2"
            assert "ĐẢNG CỘNG SẢN VIỆT NAM" not in pages[1]


def _headings(page: Path) -> set[str]:
    return {" ".join(h.split()) for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page.read_text(encoding="utf-8"))
            if "<" not in h}  # fmt: skip


def _last_on_each_page(pdf: Path, scratch: Path) -> list[str | None]:
    """Per page but the last, the text of the lowest thing on it (``None`` for a chart), footer left out."""
    import xml.etree.ElementTree as ElementTree

    xml = subprocess.run(["pdftohtml", "-xml", "-q", "-stdout", str(pdf), str(scratch / "page")],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    last: list[str | None] = []
    for page in ElementTree.fromstring(xml).iter("page"):
        items: list[tuple[float, str | None]] = []
        for node in page:
            bottom = float(node.get("top", 0)) + float(node.get("height", 0))
            if node.tag == "image":
                items.append((bottom, None))
            elif node.tag == "text":
                text = " ".join("".join(node.itertext()).split())
                if text and not text.startswith(("Trang ", "Số liệu đến ngày")):
                    items.append((bottom, text))
        last.append(max(items, key=lambda item: item[0])[1] if items else None)
    return last[:-1]


def _first_page_fill(pdf: Path, scratch: Path) -> float:
    """How far down page 1's text box (``@page`` margins 15 mm and 14 mm) its lowest text or image reaches, 0-1."""
    import xml.etree.ElementTree as ElementTree

    xml = subprocess.run(["pdftohtml", "-xml", "-q", "-stdout", "-f", "1", "-l", "1", str(pdf), str(scratch / "fill")],
                         capture_output=True, text=True, check=True).stdout  # fmt: skip
    page = next(ElementTree.fromstring(xml).iter("page"))
    height = float(page.get("height", 1))
    top, bottom = 15 / 297, 1 - 14 / 297
    ends = [(float(n.get("top", 0)) + float(n.get("height", 0))) / height for n in page if n.tag in ("text", "image")]
    lowest = max((end for end in ends if end <= bottom), default=top)  # the footer "Trang x/y" left out
    return (lowest - top) / (bottom - top)


#: Page 1 of a report longer than a page is filled at least this far (issue 15: no half-empty first pages).
FIRST_PAGE_FILL = 0.65


@pytest.mark.skipif(shutil.which("pdftohtml") is None, reason="poppler-utils is needed")
def test_no_half_empty_first_page(built, tmp_path: Path) -> None:
    home, _ = built
    empty = []
    for pdf in sorted(home.reports.glob("*/*.pdf")):
        if int(_pdfinfo(pdf)["Pages"]) > 1 and (fill := _first_page_fill(pdf, tmp_path)) < FIRST_PAGE_FILL:
            empty.append(f"{pdf.parent.name}/{pdf.name}: page 1 filled {fill:.0%}")
    assert not empty, "\n".join(empty)


@pytest.mark.skipif(shutil.which("pdftohtml") is None, reason="poppler-utils is needed")
def test_no_page_ends_with_a_heading(built, tmp_path: Path) -> None:
    home, _ = built
    for pdf in sorted(home.reports.glob("*/*.pdf")):
        headings = _headings(pdf.with_suffix(".html"))
        for n, text in enumerate(_last_on_each_page(pdf, tmp_path), start=1):
            assert text not in headings, f"{pdf.name} page {n} ends with the heading {text!r}"


# --- reproducibility -----------------------------------------------------------------------


def _digests(home: Paths, pattern: str) -> dict[str, str]:
    return {
        str(f.relative_to(home.reports)): hashlib.sha256(f.read_bytes()).hexdigest()
        for f in sorted(home.reports.glob(pattern))
    }


def test_two_builds_give_identical_html(built, rebuilt) -> None:
    first, second = _digests(built[0], "*/*.html"), _digests(rebuilt, "*/*.html")
    assert first and first == second
    cards = _digests(rebuilt, "*/organisations/*.html")
    assert len(cards) == 3 * len(PERIODS)
    originals = _digests(built[0], "*/organisations/*.html")
    assert cards == {name: digest for name, digest in originals.items() if name in cards}


def test_two_builds_give_identical_excel(built, rebuilt) -> None:
    first, second = _digests(built[0], "*/*.xlsx"), _digests(rebuilt, "*/*.xlsx")
    assert first and first == second


def test_two_builds_give_identical_word_reports(built, rebuilt) -> None:
    first, second = _digests(built[0], "*/bao-cao.docx"), _digests(rebuilt, "*/bao-cao.docx")
    assert len(first) == len(PERIODS) and first == second


def _normalised_pdf(pdf: Path) -> bytes:
    # Chromium stamps /CreationDate and /ModDate into the PDF's info dictionary; nothing else varies.
    return re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", rb"/\1 (D:0)", pdf.read_bytes())


def test_two_builds_give_identical_pdf_after_the_date_stamp(built, rebuilt) -> None:
    twins = sorted(rebuilt.reports.glob("*/*.pdf")) + sorted(rebuilt.reports.glob("*/organisations/*.pdf"))
    assert len(twins) == len(list(built[0].reports.glob("*/*.pdf"))) + 3 * len(PERIODS)
    for twin in twins:
        pdf = built[0].reports / twin.relative_to(rebuilt.reports)
        assert _normalised_pdf(pdf) == _normalised_pdf(twin), f"{pdf.name} differs beyond its dates"


# --- privacy ---------------------------------------------------------------------------------


def _readable_text(file: Path) -> str:
    """What a person (or a program) could read out of a build output."""
    if file.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(file), "-"], capture_output=True, text=True).stdout
    if file.suffix == ".xlsx":
        import openpyxl

        book = openpyxl.load_workbook(file, read_only=True)
        return "\n".join(str(v) for s in book.worksheets for row in s.iter_rows(values_only=True) for v in row)
    if file.suffix == ".docx":
        import docx

        document = docx.Document(str(file))
        cells = [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
        return "\n".join([p.text for p in document.paragraphs] + cells + [document.core_properties.title or ""])
    if file.suffix == ".parquet":
        import pandas as pd

        return pd.read_parquet(file).astype(str).to_csv()
    return file.read_text(encoding="utf-8", errors="replace")


def test_no_personal_data_in_anything_the_build_writes(built, personal_values) -> None:
    home, _ = built
    names, ids, births = personal_values
    birth_texts = {f"{b:%d/%m/%Y}" for b in births} | {b.isoformat() for b in births}
    written = [
        f
        for folder in (home.reports, home.logs, home.processed, home.interim)
        for f in folder.rglob("*")
        if f.is_file() and f.suffix in {".html", ".pdf", ".xlsx", ".docx", ".ipynb", ".json", ".csv", ".parquet"}
    ]
    assert any(f.suffix == ".ipynb" for f in written) and any(f.parent == home.logs for f in written)
    assert any(f.suffix == ".docx" for f in written)
    for file in written:
        text = _readable_text(file)
        leaked = [n for n in names if n in text] + [i for i in ids if i in text] + [b for b in birth_texts if b in text]
        assert not leaked, f"{file.relative_to(home.home)} holds personal data: {leaked[:3]}"
