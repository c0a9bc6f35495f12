"""The Board's report as Word as the build writes it (the ``built`` fixture of conftest.py), opened by a real client.

Beside each period's city report there is ``bao-cao.docx`` whose narrative is the report page's,
sentence for sentence; LibreOffice Writer (Debian's ``libreoffice-writer``, which ``.ci/run``
installs) converts it to PDF, and the PDF's text has the Party's header block, the title, the
tables and the sector names with their Vietnamese letters intact, on a sane number of pages.
Page images land in ``tests/artifacts/`` for a person to look at.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from conftest import PERIODS

from ketnap.build.word import FILE_NAME, NARRATIVE_STYLE
from ketnap.io import load

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("reports")]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "tests" / "artifacts"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
#: The periods whose Word report LibreOffice converts (a month to date and a finished year).
CONVERTED = ("2024-02", "2023")


class _Text(HTMLParser):
    """The visible text of a report page (no scripts or styles)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self._skip -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def _page_text(page: Path) -> str:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    return _squeezed(" ".join(parser.parts))


@pytest.mark.parametrize("period", PERIODS)
def test_a_word_report_beside_each_city_report_with_the_page_s_narrative(built, period: str) -> None:
    home, _ = built
    report = home.reports / period / FILE_NAME
    assert report.is_file(), f"no {FILE_NAME} for {period}"
    page = _page_text(home.reports / period / "city-overview.html")
    paragraphs = [p.text for p in docx.Document(str(report)).paragraphs if p.style.name == NARRATIVE_STYLE]
    assert len(paragraphs) >= 6
    for paragraph in paragraphs:
        assert _squeezed(paragraph) in page, f"{period}: not on the city report page: {paragraph[:80]}…"


@pytest.fixture(scope="module")
def converted(built, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Word reports of :data:`CONVERTED` as LibreOffice prints them to PDF (one run, its own profile)."""
    if SOFFICE is None:
        pytest.fail("LibreOffice is needed for the Word report's round trip: apt-get install libreoffice-writer")
    home, _ = built
    work = tmp_path_factory.mktemp("word-libreoffice")
    sources = []
    for period in CONVERTED:
        source = work / f"bao-cao-{period}.docx"
        shutil.copyfile(home.reports / period / FILE_NAME, source)
        sources.append(str(source))
    profile = (work / "profile").as_uri()  # its own profile: parallel runs and a desktop session do not collide
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf",
         "--outdir", str(work / "pdf"), *sources],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    pdfs = {period: work / "pdf" / f"bao-cao-{period}.pdf" for period in CONVERTED}
    missing = [str(pdf) for pdf in pdfs.values() if not pdf.is_file()]
    assert done.returncode == 0 and not missing, f"LibreOffice failed: {done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for period, pdf in pdfs.items():  # page images for a person to look at
        subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(ARTIFACTS / f"word-{period}")], check=True)
    return pdfs


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


@pytest.mark.parametrize("period", CONVERTED)
def test_libreoffice_reads_the_word_report_with_vietnamese_intact(built, converted, period: str) -> None:
    home, _ = built
    text = _pdf_text(converted[period])
    for phrase in ("ĐẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG BỘ TỈNH THANH HÓA", "THÀNH ỦY THANH HÓA", "BAN TỔ CHỨC",
                   "Số …-BC/BTCTU", "Thanh Hóa, ngày … tháng … năm …", "BÁO CÁO", "Kết quả kết nạp đảng viên",
                   "I- KẾT QUẢ CHUNG", "V- ĐỀ XUẤT, KIẾN NGHỊ", "Nơi nhận:", "TRƯỞNG BAN"):  # fmt: skip
        assert phrase in text, f"{period}: {phrase!r} not in LibreOffice's PDF"
    flowing = _squeezed(subprocess.run(["pdftotext", str(converted[period]), "-"], capture_output=True, text=True,
                                       check=True).stdout)  # fmt: skip
    for name in load(home.processed).sectors["name_vi"]:  # a long name wraps in its cell: read it as it flows
        assert name in flowing, f"{period}: the sector {name!r} lost its letters"
    assert "Tỷ lệ đạt chỉ tiêu" in flowing and "Số đảng viên kết nạp" in flowing  # the tables' headings
    # a sector's row, its cells in order on one line, as the Word table holds them
    document = docx.Document(str(home.reports / period / FILE_NAME))
    row = [cell.text for cell in document.tables[1].rows[1].cells]
    assert re.search(r"\s+".join(re.escape(cell) for cell in row), text), f"{period}: the row {row} is not in the PDF"
    pages = _pages(converted[period])
    assert 2 <= pages <= 10, f"{period}: {pages} pages"
    # numbered from the second page, at its top
    second = text.split("\f")[1]
    assert second.strip().startswith("2"), second[:80]
