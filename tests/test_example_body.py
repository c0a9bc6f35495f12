"""The example ward (``data/examples/phuong-van-an``) rendered end to end, as ``make reports DATA=… OUT=…`` does.

The same kind of checks as the city's output tests: every report of the default periods built (HTML,
PDF, Excel), each with its figures block and no clash between them, the headers and the printed
document header naming the ward, no word of the city anywhere in the HTML or PDF text, every link
resolving. The build runs once per test run (a lock beside it), in a scratch folder; the checkout's
``data/processed`` and ``reports/`` are not touched (checked).
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import subprocess
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import CHROMIUM
from figure_checks import clashes, figures_in

from ketnap.config import Paths
from ketnap.io import read_manifest
from ketnap.text import fold

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "data" / "examples" / "phuong-van-an"
BOARD = "Ban Tổ chức Đảng ủy phường Vạn An"
#: Words of the city that must not reach the ward's reports (compared folded: case, tone placement).
CITY_WORDS = ("Thanh Hóa", "thành phố", "Thành ủy", "Tỉnh Thanh")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is needed (apt-get install chromium)"),
    pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is needed"),
]


def _stamp(folder: Path) -> float:
    files = [f for f in folder.rglob("*") if f.is_file()] if folder.exists() else []
    return max((f.stat().st_mtime for f in files), default=0.0)


@pytest.fixture(scope="session")
def ward(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> tuple[Paths, str]:
    """The ward built with ``make reports DATA=… OUT=…`` once per run; its Paths and make's output."""
    base = tmp_path_factory.getbasetemp()
    out = (base if worker_id == "master" else base.parent) / "ward-example"
    with open(out.parent / "ward-example.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        log = out.parent / "ward-example.log"
        if not (out / ".built").exists():
            shutil.rmtree(out, ignore_errors=True)
            before = (_stamp(ROOT / "data" / "processed"), _stamp(ROOT / "reports"))
            env = {k: v for k, v in os.environ.items() if k not in ("KETNAP_HOME", "KETNAP_DATA")}
            done = subprocess.run(
                ["make", "reports", f"DATA={EXAMPLE}", f"OUT={out}"],
                cwd=ROOT, env=env, capture_output=True, text=True, check=False,
            )  # fmt: skip
            assert done.returncode == 0, f"make reports DATA=… failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            assert (_stamp(ROOT / "data" / "processed"), _stamp(ROOT / "reports")) == before, "the city's data moved"
            log.write_text(done.stdout, encoding="utf-8")
            (out / ".built").touch()
        return Paths(out), log.read_text(encoding="utf-8")


def _jobs(home: Paths) -> list:  # type: ignore[type-arg]
    from ketnap.build.batch import default_periods, jobs_for_period

    as_of = datetime.fromisoformat(str(read_manifest(home.processed)["as_of"]))
    return [job for period in default_periods(as_of) for job in jobs_for_period(period, home)]


def _pdf_text(pdf: Path, *, first_page: bool = False) -> str:
    args = ["pdftotext", "-layout", *(["-l", "1"] if first_page else []), str(pdf), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


def _visible(html: str) -> str:
    """The page's text and attribute values a reader can meet (scripts and styles left out)."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html) + " ".join(re.findall(r'(?:title|alt|aria-label)="([^"]*)"', html))


def test_every_report_of_the_ward_is_built(ward: tuple[Paths, str]) -> None:
    home, log = ward
    jobs = _jobs(home)
    assert "0 failed" in log and len(jobs) >= 30, log[-500:]
    for job in jobs:
        for ext in ("html", "pdf", "xlsx"):
            assert (home.reports / job.period / f"{job.stem}.{ext}").is_file(), f"{job.period}/{job.stem}.{ext}"
    # Its own sectors, groups and chi bộ: one sector report per ward sector, a card per chi bộ.
    stems = {job.stem for job in jobs}
    assert {"sector-khu-dan-cu", "sector-truong-hoc", "sector-co-quan", "sector-doanh-nghiep"} <= stems
    assert {"group-TCT1", "group-TCT2", "group-TCT3"} <= stems
    assert read_manifest(home.processed)["body"]["vi"]["name"] == "Đảng bộ phường Vạn An"


def test_every_ward_page_has_a_figures_block_and_no_clash(ward: tuple[Paths, str]) -> None:
    home, _ = ward
    pages = sorted(home.reports.glob("*/*.html")) + sorted(home.reports.glob("*/organisations/*.html"))
    blocks = {str(p.relative_to(home.reports)): figures_in(p.read_text(encoding="utf-8")) for p in pages}
    assert all(blocks.values()), [name for name, block in blocks.items() if not block]
    assert not clashes(blocks)


def test_the_ward_s_headers_name_the_ward_and_never_the_city(ward: tuple[Paths, str]) -> None:
    home, _ = ward
    pages = [home.reports / "index.html", *sorted(home.reports.glob("*/*.html"))]
    pages += sorted(home.reports.glob("*/organisations/*.html"))
    city = [fold(word) for word in CITY_WORDS]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        header = re.search(r"<header\b.*?</header>", html, re.S)
        assert header and BOARD in header.group(0), f"{page.name}: the header does not name {BOARD}"
        text = fold(_visible(html))
        assert not [w for w in city if w in text], f"{page.relative_to(home.reports)} names the city"


def test_the_ward_s_pdfs_carry_its_document_header_and_never_the_city(ward: tuple[Paths, str]) -> None:
    home, _ = ward
    city = [fold(word) for word in CITY_WORDS]
    pdfs = sorted(home.reports.glob("*/*.pdf"))
    assert pdfs
    for pdf in pdfs:
        first = _pdf_text(pdf, first_page=True)
        for line in ("ĐẢNG BỘ TỈNH HÒA GIANG", "ĐẢNG ỦY PHƯỜNG VẠN AN", "BAN TỔ CHỨC", "Số …-BC/ĐU",
                     "Vạn An, ngày … tháng … năm …"):  # fmt: skip
            assert line in first, f"{pdf.name}: the first page lacks {line!r}"
        text = fold(_pdf_text(pdf))
        assert not [w for w in city if w in text], f"{pdf.relative_to(home.reports)} names the city"


def test_every_link_of_the_ward_s_pages_resolves(ward: tuple[Paths, str]) -> None:
    home, _ = ward
    pages = [home.reports / "index.html", *sorted(home.reports.glob("*/*.html"))]
    pages += sorted(home.reports.glob("*/organisations/*.html"))
    for page in pages:
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            url = urlparse(href)
            if url.scheme or not url.path:  # another site, or an anchor in the page
                continue
            target = (page.parent / unquote(url.path)).resolve()
            assert target.exists(), f"{page.relative_to(home.reports)} links to a missing {href}"
