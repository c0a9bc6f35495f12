"""The Board's report as Word (``ketnap.build.word``), read back with python-docx from the sample's data.

Its page (A4, the margins of Hướng dẫn 36-HD/VPTW), its fonts (Times New Roman for every script),
the first page's header block, the sections I-V, the tables and chart, the page numbers from page
2, Vietnamese text kept composed, and the same bytes from two builds. The report as built, opened
by LibreOffice, is checked in tests/test_word_built.py.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_LEADER
from docx.oxml.ns import qn
from docx.shared import Length, Pt

from ketnap import completeness, narrative, rules
from ketnap.build import word
from ketnap.io import Tables, load
from ketnap.labels import t

NARRATIVE = word.NARRATIVE_STYLE


@pytest.fixture(scope="module")
def tables() -> Tables:
    return load()  # the sample, as `make data` ingests it (make test-fast makes sure it has)


@pytest.fixture(scope="module")
def written(tables: Tables, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("word")
    return {
        period: word.write_board_report(tables, period, folder / f"{period}.docx", "vi")
        for period in ("2024-02", "2023")
    }


@pytest.fixture(scope="module")
def report(written: dict[str, Path]) -> docx.document.Document:
    return docx.Document(str(written["2024-02"]))


def _texts(document: docx.document.Document) -> list[str]:
    """Every paragraph's text, in the body and in table cells."""
    found = [p.text for p in document.paragraphs]
    found += [p.text for table in document.tables for cell in table._cells for p in cell.paragraphs]
    return found


def _mm(length: Length | None) -> float:
    """A length in mm to 0.1 mm (Word keeps page sizes in twentieths of a point: 210 mm is 11,906)."""
    assert length is not None
    return round(length.mm, 1)


def test_a4_with_the_guidance_margins(report) -> None:
    (section,) = report.sections
    assert (_mm(section.page_width), _mm(section.page_height)) == (210, 297)
    margins = [_mm(section.top_margin), _mm(section.bottom_margin), _mm(section.left_margin), _mm(section.right_margin)]
    assert margins == [20, 20, 30, 15]  # 36-HD/VPTW: top and bottom 20-25 mm, left 30-35, right 15-20


def test_times_new_roman_for_every_script_at_14_pt(report) -> None:
    defaults = report.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for rpr in (defaults, report.styles["Normal"].element.rPr, report.styles[NARRATIVE].element.rPr):
        fonts = rpr.find(qn("w:rFonts"))
        assert {k.split("}")[1]: v for k, v in fonts.attrib.items()} == dict.fromkeys(
            ("ascii", "hAnsi", "cs", "eastAsia"), "Times New Roman"
        )  # and no theme font (asciiTheme=…) that would win over it
        assert rpr.find(qn("w:lang")).get(qn("w:val")) == "vi-VN"
    assert report.styles["Normal"].font.size == Pt(14) and report.styles[NARRATIVE].font.size == Pt(14)
    # no run anywhere names another font
    parts = [report.element, report.sections[0].header._element]
    named = {v for part in parts for f in part.iter(qn("w:rFonts")) for v in f.attrib.values()}
    assert named <= {"Times New Roman"}
    sizes = {r.font.size.pt for p in report.paragraphs for r in p.runs if r.font.size is not None}
    assert sizes <= {14, 15, 16}  # body 14; the Party's title 15, "BÁO CÁO" 16 (tables 12, in cells)


def test_the_first_page_header_block(report) -> None:
    block = report.tables[0]
    issuer, party = block.rows[0].cells
    above = [line.upper() for line in t("doc.issuer").split("\n")]
    assert [p.text for p in issuer.paragraphs] == [*above, "*", "Số …-BC/BTCTU"]
    assert above == ["ĐẢNG BỘ TỈNH THANH HÓA", "THÀNH ỦY THANH HÓA", "BAN TỔ CHỨC"]
    bold = [all(r.bold for r in p.runs) for p in issuer.paragraphs]
    assert bold == [False, False, True, False, False]  # the body itself in bold, the levels above not
    title, place = party.paragraphs
    assert title.text == "ĐẢNG CỘNG SẢN VIỆT NAM" and title.runs[0].bold and title.runs[0].underline
    assert place.text == "Thanh Hóa, ngày … tháng … năm …" and place.runs[0].italic
    borders = block._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and {e.get(qn("w:val")) for e in borders} == {"nil"}  # laid out, not drawn
    body = [p.text for p in report.paragraphs]
    assert body[:4] == ["BÁO CÁO", "Kết quả kết nạp đảng viên 2 tháng đầu năm 2024", "(Số liệu đến ngày 29/02/2024)",
                        "-----"]  # fmt: skip
    assert report.core_properties.title == "Báo cáo kết quả kết nạp đảng viên 2 tháng đầu năm 2024"


def test_sections_in_order_with_an_empty_one_for_proposals(report) -> None:
    body = [p.text for p in report.paragraphs]
    headings = [text for text in body if re.match(r"^(I|II|III|IV|V)- ", text)]
    assert headings == [
        "I- KẾT QUẢ CHUNG",
        "II- KẾT QUẢ THEO KHỐI",
        "III- BỒI DƯỠNG NHẬN THỨC VỀ ĐẢNG VÀ KẾT NẠP",
        "IV- TỔ CHỨC CƠ SỞ ĐẢNG CHƯA ĐẠT TIẾN ĐỘ",
        "V- ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    at = body.index("V- ĐỀ XUẤT, KIẾN NGHỊ") + 1
    after = report.paragraphs[at:]
    assert len(after) == 4 and all(p.text == "\t" for p in after)  # lines for the Board to write on:
    for line in after:  # a tab to the right margin, its leader dotted
        (stop,) = line.paragraph_format.tab_stops
        assert stop.leader == WD_TAB_LEADER.DOTS and _mm(stop.position) == 165
    closing = report.tables[-1]
    recipients, signer = closing.rows[0].cells
    assert recipients.paragraphs[0].text == "Nơi nhận:" and recipients.paragraphs[0].runs[0].underline
    assert [p.text for p in signer.paragraphs] == ["TRƯỞNG BAN", "", "", "", ""]  # room to sign, no name


def test_the_narrative_is_the_city_overview_s(report, tables: Tables) -> None:
    """Word for word what the notebook shows, in its order (notebooks/city-overview.ipynb, same arguments)."""
    expected = [
        narrative.headline(tables, "2024-02"),
        narrative.pace_sentence(tables, "2024-02"),
        completeness.coverage_sentence(tables, "2024-02"),
        narrative.projection_sentence(tables, "2024-02"),
        narrative.sectors_sentence(tables, "2024-02"),
        narrative.targets_sentence(tables, "2024-02"),
        narrative.training_sentence(tables, "2024-02"),
    ]
    shown = [p.text for p in report.paragraphs if p.style.name == NARRATIVE]
    assert all(expected) and shown[: len(expected)] == [str(s) for s in expected]
    assert shown[7].startswith("Lớp bồi dưỡng năm 2023: 1.253 người")  # the funnel note
    assert shown[8] == str(narrative.behind_pace_sentence(tables, "2024-02", limit=5))
    assert shown[9] == rules.rules_note(narrative.reporting_period(tables, "2024-02")) and len(shown) == 10
    assert shown[0] == (
        "Trong 2 tháng đầu năm 2024, Đảng bộ thành phố đã kết nạp được 231 đảng viên mới, "
        "đạt 28,3% chỉ tiêu năm (817 đảng viên)."
    )


def test_the_sector_and_behind_tables_are_word_tables(report, tables: Tables) -> None:
    assert len(report.tables) == 4  # header block, sectors, organisations behind, closing block
    sectors, behind = report.tables[1], report.tables[2]
    rows = [[c.text for c in row.cells] for row in sectors.rows]
    assert rows[0] == ["Khối", "Tỷ lệ đạt chỉ tiêu", "Số tổ chức cơ sở đảng", "Số đảng viên kết nạp", "Chỉ tiêu năm",
                       "Số người học lớp bồi dưỡng nhận thức về Đảng"]  # fmt: skip
    assert [r[0] for r in rows[1:5]] == list(tables.sectors.sort_values("order")["name_vi"])
    # the last row: the city against its own target, 231 of 817 = 28,3%
    # 110 organisations active in 2024: PX14 merged into PX13 on 01/01/2024 (docs/sample-data.md).
    assert rows[-1][:5] == ["Toàn thành phố (theo chỉ tiêu của thành phố)", "28,3%", "110", "231", "817"]
    assert sectors.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeated on a new page
    total = sectors.rows[-2].cells[0].paragraphs[0]
    assert total.text == "Cộng các khối (theo chỉ tiêu đã giao)" and all(r.bold for r in total.runs)  # as in HTML
    head = [c.text for c in behind.rows[0].cells]
    assert head == ["Tổ chức cơ sở đảng", "Tỷ lệ đạt chỉ tiêu", "Còn thiếu so với tiến độ", "Số đảng viên kết nạp",
                    "Chỉ tiêu năm"]  # fmt: skip
    assert behind.rows[-1].cells[0].text == "Cộng"
    # the sentence above it counts the organisations the table lists (less its heading and total rows)
    said = [p.text for p in report.paragraphs if p.style.name == NARRATIVE and "chưa đạt tiến độ kết nạp" in p.text]
    assert len(said) == 1 and f"có {len(behind.rows) - 2} tổ chức chưa đạt tiến độ" in said[0]


def test_the_sector_chart_is_an_image_within_the_text(report) -> None:
    (shape,) = report.inline_shapes
    assert 0 < shape.width.mm <= 210 - 30 - 15
    assert shape._inline.docPr.get("descr") == "Biểu đồ tỷ lệ đạt chỉ tiêu kết nạp theo khối"  # its alt text
    blobs = [rel.target_part.blob for rel in report.part.rels.values() if "image" in rel.reltype]
    assert len(blobs) == 1 and blobs[0][:8] == b"\x89PNG\r\n\x1a\n"


def test_pages_numbered_from_the_second_at_the_top_centre(report) -> None:
    (section,) = report.sections
    assert section.different_first_page_header_footer
    header = section.header
    assert not header.is_linked_to_previous
    instructions = [e.text for e in header._element.iter(qn("w:instrText"))]
    assert [i.strip() for i in instructions] == ["PAGE"]
    assert header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))  # page 1: no number


def test_vietnamese_text_stays_composed(report) -> None:
    texts = _texts(report)
    joined = "\n".join(texts)
    assert joined == unicodedata.normalize("NFC", joined)
    assert not re.search("[\u0300-\u036f]", joined)  # no combining marks
    for phrase in ("THANH HÓA", "Thanh Hóa, ngày", "Khối hành chính - sự nghiệp", "đảng viên", "ĐỀ XUẤT"):
        assert phrase in joined


def test_two_writes_give_the_same_bytes(tables: Tables, written: dict[str, Path], tmp_path: Path) -> None:
    again = word.write_board_report(tables, "2024-02", tmp_path / "again.docx")
    assert again.read_bytes() == written["2024-02"].read_bytes()
    with zipfile.ZipFile(io.BytesIO(again.read_bytes())) as package:
        assert {entry.date_time for entry in package.infolist()} == {word.ZIP_TIME}
        assert "docProps/thumbnail.jpeg" not in package.namelist()
    properties = docx.Document(str(again)).core_properties
    as_of = dt.datetime(2024, 2, 29, tzinfo=dt.UTC)  # the sample's data-as-of date, not the build's
    assert properties.created == properties.modified == as_of and properties.revision == 1


def test_a_finished_year_reads_as_results(written: dict[str, Path], tables: Tables) -> None:
    year = docx.Document(str(written["2023"]))
    body = [p.text for p in year.paragraphs]
    assert "Kết quả kết nạp đảng viên năm 2023" in body
    shown = [p.text for p in year.paragraphs if p.style.name == NARRATIVE]
    assert shown[0] == str(narrative.headline(tables, "2023"))
    assert not narrative.projection_sentence(tables, "2023")  # a closed year: no projection, none shown
    behind_heading = next(text for text in body if text.startswith("IV- "))
    assert behind_heading == "IV- " + t("report.sector.section.behind_year").upper()
    heads = [c.text for c in year.tables[2].rows[0].cells] if len(year.tables) == 4 else []
    assert not heads or "Còn thiếu so với chỉ tiêu" in heads


def test_english(tables: Tables) -> None:
    document = word.board_report(tables, "2024-02", "en")
    texts = "\n".join(_texts(document))
    assert "COMMUNIST PARTY OF VIET NAM" in texts and "REPORT" in texts and "ORGANISATION BOARD" in texts
    assert "I. HEADLINE" in texts and "V. PROPOSALS" in texts
    assert str(narrative.headline(tables, "2024-02", lang="en")) in texts
