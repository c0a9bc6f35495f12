"""Receipts: the page an organisation gets back for a received return (``ketnap.build.receipts``).

Receipts are built by hand here and every expectation is worked out by hand: which sheet, row and
column each problem is in, how late the return was, what changed. The PDF tests print with the
system Chromium and read the result back with ``pdftotext``/``pdfinfo`` (slow).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import time
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from ketnap.build import receipts
from ketnap.build.receipts import receipt_stem, render_receipt, write_receipt
from ketnap.labels import CATALOG, t
from ketnap.receipt import Change, Receipt, ReceiptIssue, SheetTally
from ketnap.receipt_labels import LABELS as RECEIPT_LABELS
from ketnap.schema import RULES

SHA = "1a2b3c4d" + "5e6f" * 14
ORG = "Đảng bộ phường Điện Biên"

#: Six errors and four warnings, as ingestion would report them for a version 2 sent 3 days late.
ISSUES = (
    ReceiptIssue("Kết nạp", 9, "Ngày kết nạp", "unparsable-date", "error", "15/13/2024"),
    ReceiptIssue("Kết nạp", 12, "Giới tính", "unknown-category", "error", "nam giới"),
    ReceiptIssue("Kết nạp", 14, "Ngày kết nạp", "impossible-date", "error", "31/02/2024"),
    ReceiptIssue("Kết nạp", 17, "Số CCCD", "bad-id-number", "error"),
    ReceiptIssue("Kết nạp", 21, "Ngày kết nạp", "unparsable-date", "error", "ngày 3 tháng 1"),
    ReceiptIssue("Bồi dưỡng", 30, "Ngày cấp giấy chứng nhận", "future-date", "error", "12/12/2024"),
    ReceiptIssue("Kết nạp", 27, None, "footer-rows", "warning"),
    ReceiptIssue("Bồi dưỡng", 5, "Số CCCD", "id-number-restored", "warning"),
    ReceiptIssue("Ghi chép", None, None, "extra-sheet", "warning"),
    ReceiptIssue("Kết nạp", 4, "Số điện thoại", "extra-column", "warning"),
)
CHANGES = (
    Change("Kết nạp", "added", 22, None),
    Change("Kết nạp", "added", 23, None),
    Change("Kết nạp", "corrected", 9, 9, ("Ngày kết nạp",)),
    Change("Kết nạp", "corrected", 12, 11, ("Giới tính", "Dân tộc")),
    Change("Kết nạp", "removed", None, 15),
    Change("Bồi dưỡng", "corrected", 7, 7, ("Lớp bồi dưỡng",)),
)


def typical(**changes: object) -> Receipt:
    """Version 2 of P01's 2024 return through February, due 05/03/2024, received 08/03/2024 14:32."""
    receipt = Receipt(
        file_name="BC ket nap T2-2024 (sua).xlsx",
        stored_as="returns/2024/P01/P01-2024-v2.xlsx",
        sha256=SHA,
        received_at=datetime(2024, 3, 8, 14, 32),
        received_how="receive",
        org_code="P01",
        org_name=ORG,
        year=2024,
        version=2,
        previous_version=1,
        reports_through=2,
        due=date(2024, 3, 5),
        late=True,
        sheets=(
            SheetTally("Kết nạp", 24, 19, 5),
            SheetTally("Bồi dưỡng", 31, 30, 1),
            SheetTally("Chuyển chính thức", 12, 12, 0),
        ),
        issues=ISSUES,
        changes=CHANGES,
    )
    return replace(receipt, **changes)  # type: ignore[arg-type]


def unreadable() -> Receipt:
    """A scan sent as a return: not placed with any organisation, refused whole."""
    return Receipt(
        file_name="scan_bao_cao.pdf",
        stored_as="returns/unplaced/scan_bao_cao.pdf",
        sha256="ABCDEF01" + "0" * 56,
        received_at=datetime(2024, 3, 4, 8, 5),
        received_how="file-time",
        org_code=None,
        org_name=None,
        year=None,
        version=None,
        previous_version=None,
        reports_through=None,
        due=None,
        late=None,
        sheets=(),
        issues=(),
        changes=None,
        unreadable="not an Excel workbook (a PDF file)",
    )


def clean_first() -> Receipt:
    """A first version, on time, with nothing wrong."""
    return typical(
        version=1,
        previous_version=None,
        late=False,
        received_at=datetime(2024, 3, 5, 16, 0),
        received_how="info-sheet",
        issues=(),
        changes=None,
        sheets=(SheetTally("Kết nạp", 19, 19, 0),),
    )


def text_of(page: str) -> str:
    """The visible text of a page, tags removed and spaces squeezed (enough for these pages)."""
    body = re.sub(r"</?(span|strong)[^>]*>", "", page.split("<body>", 1)[1])
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


# --- the HTML ---------------------------------------------------------------------------------


def test_the_html_names_each_issue_where_it_is_and_what_is_wrong() -> None:
    page = render_receipt(typical())
    for issue in ISSUES:
        group = page.split(f'data-rule="{issue.rule}"', 1)[1].split("</tbody>", 1)[0]
        assert t(f"quality.rule.{issue.rule}") in group
        assert t(f"quality.fix.{issue.rule}") in group
        row = str(issue.row) if issue.row is not None else t("receipt.whole_sheet")
        cells = f'<td>{issue.sheet}</td><td class="row">{row}</td><td>{issue.column or "–"}</td>'
        assert cells in group, f"{issue} is not listed under its rule"
    # Two unparsable dates are one rule with two places, the fix said once.
    assert page.count(t("quality.fix.unparsable-date")) == 1
    assert t("receipt.rule_count", "vi", name=t("quality.rule.unparsable-date"), count=2) in page
    assert "15/13/2024" in page and "ngày 3 tháng 1" in page


def test_errors_and_warnings_are_apart() -> None:
    page = render_receipt(typical())
    errors = page.split('class="issues errors"', 1)[1].split("</section>", 1)[0]
    warnings = page.split('class="issues warnings"', 1)[1].split("</section>", 1)[0]
    assert "Lỗi phải sửa: 6 trường hợp (dòng có lỗi bị loại)" in errors
    assert "Lưu ý, vẫn tiếp nhận: 4 trường hợp" in warnings
    assert 'data-rule="footer-rows"' in warnings and 'data-rule="footer-rows"' not in errors
    assert 'data-rule="bad-id-number"' in errors and 'data-rule="bad-id-number"' not in warnings
    # Rules in the order first met going through the file (sheets as in the file, then rows), and
    # each rule's places in that order: unparsable-date at 9 and 21, then 12, 14, 17, Bồi dưỡng 30.
    rows = re.findall(r'<td class="row">(\d+)</td>', errors)
    assert rows == ["9", "21", "12", "14", "17", "30"]


def test_who_what_and_when() -> None:
    text = text_of(render_receipt(typical()))
    assert f"Kính gửi: Đồng chí Bí thư {ORG}" in text
    assert f"{ORG} (mã P01)" in text
    assert "BC ket nap T2-2024 (sua).xlsx" in text and "returns/2024/P01/P01-2024-v2.xlsx" in text
    assert "08/03/2024 14:32 (ghi lúc nhận tệp)" in text
    assert "Lần thứ 2, thay thế lần gửi thứ 1" in text
    assert "Số liệu đến hết tháng 2/2024" in text
    assert "Hạn gửi 05/03/2024 (gửi chậm 3 ngày)" in text  # 8 March is 3 days after 5 March
    assert "Kết nạp 24 19 5" in text and "Cộng 67 61 6" in text  # 24+31+12, 19+30+12, 5+1+0
    assert "gửi lại cả tệp" in text


def test_on_time_and_late_wording() -> None:
    assert "(gửi đúng hạn)" in text_of(render_receipt(clean_first()))
    one_day = typical(received_at=datetime(2024, 3, 6, 0, 10))
    assert "(gửi chậm 1 ngày)" in text_of(render_receipt(one_day))
    assert "(1 day late)" in text_of(render_receipt(one_day, lang="en"))
    on_deadline_day = typical(received_at=datetime(2024, 3, 5, 23, 59), late=False)
    assert "(gửi đúng hạn)" in text_of(render_receipt(on_deadline_day))


def test_first_version_no_changes_and_changes() -> None:
    first = text_of(render_receipt(clean_first()))
    assert "Lần gửi đầu tiên" in first and "Lần thứ 1" in first and "thay thế" not in first
    assert "Không phát hiện lỗi nào." in first
    assert t("receipt.close.clean") in first
    same = text_of(render_receipt(typical(changes=())))
    assert "Thay đổi so với lần gửi thứ 1" in same and "Không có thay đổi" in same
    changed = text_of(render_receipt(typical()))
    assert "Kết nạp Thêm mới (2 dòng) 22, 23" in changed
    assert "Kết nạp Đã sửa (2 dòng) 9 (Ngày kết nạp); 12 (Giới tính, Dân tộc; trước là dòng 11)" in changed
    assert "Kết nạp Đã xóa (1 dòng) 15 (số dòng ở lần gửi trước)" in changed
    assert "Bồi dưỡng Đã sửa (1 dòng) 7 (Lớp bồi dưỡng)" in changed


def test_warnings_only_needs_nothing_sent_again() -> None:
    warned = typical(issues=tuple(i for i in ISSUES if i.level == "warning"))
    text = text_of(render_receipt(warned))
    assert t("receipt.close.warnings") in text and "Lỗi phải sửa" not in text


def test_unreadable_file_says_why_and_what_to_send() -> None:
    text = text_of(render_receipt(unreadable()))
    assert "Tệp không đọc được" in text
    assert "chưa tiếp nhận số liệu nào" in text
    assert "not an Excel workbook (a PDF file)" in text
    assert ".xlsx theo đúng mẫu" in text
    assert "Kính gửi: Đồng chí Bí thư tổ chức cơ sở đảng đã gửi tệp scan_bao_cao.pdf" in text
    assert "04/03/2024 08:05 (theo thời gian lưu của tệp)" in text
    assert t("receipt.close.unreadable") in text
    assert "Không phát hiện lỗi" not in text and "Lần gửi đầu tiên" not in text


def test_a_known_organisation_is_named_even_when_its_file_is_not_placed() -> None:
    refused = replace(unreadable(), org_code="P01", org_name=ORG)
    text = text_of(render_receipt(refused))
    assert f"Kính gửi: Đồng chí Bí thư {ORG}" in text
    assert f"đã nhận tệp scan_bao_cao.pdf của {ORG}, nhưng chưa xác định được đây là báo cáo năm nào" in text
    assert receipt_stem(refused) == "unplaced-abcdef01"
    unversioned = text_of(render_receipt(typical(version=None, previous_version=None)))
    assert f"báo cáo kết nạp đảng viên năm 2024 của {ORG}; kết quả kiểm tra như sau:" in unversioned


def test_english() -> None:
    text = text_of(render_receipt(typical(), lang="en"))
    assert "To: the Secretary of" in text and "(code P01)" in text
    assert "(3 days late)" in text and "Version 2, replaces version 1" in text
    assert "Reports through February 2024" in text
    assert t("quality.rule.unparsable-date", "en") in text and t("quality.fix.future-date", "en") in text
    assert "Errors to fix: 6" in text and "Notes, accepted anyway: 4" in text
    assert "Lỗi" not in text and "Kính gửi" not in text
    with pytest.raises(ValueError, match="unknown language"):
        render_receipt(typical(), lang="fr")


def test_the_page_is_self_contained_and_escapes_what_it_shows() -> None:
    hostile = typical(
        file_name='<script>alert("x")</script>.xlsx',
        issues=(ReceiptIssue("Kết nạp", 3, "Dân tộc", "unknown-category", "error", "<b>"),),
    )
    page = render_receipt(hostile)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;b&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "the page loads nothing"
    assert '<meta name="viewport"' in page and '<html lang="vi">' in page


def test_every_rule_and_label_has_both_languages() -> None:
    for rule in RULES:
        assert f"quality.rule.{rule}" in CATALOG and f"quality.fix.{rule}" in CATALOG
    receipt_keys = [key for key in CATALOG if key.startswith("receipt.")]
    assert all(all(CATALOG[key]) for key in receipt_keys)
    assert receipt_keys == list(RECEIPT_LABELS), "the receipt labels live in ketnap.receipt_labels, and only there"


def test_the_stem() -> None:
    assert receipt_stem(typical()) == "P01-2024-v2-1a2b3c4d"
    assert receipt_stem(unreadable()) == "unplaced-abcdef01"
    assert receipt_stem(typical(org_code="DN 05/b")) == "DN_05_b-2024-v2-1a2b3c4d"
    with pytest.raises(ValueError, match="not hexadecimal"):
        receipt_stem(typical(sha256="not-a-checksum"))


def test_html_only_is_written_atomically(tmp_path: Path) -> None:
    written = write_receipt(typical(), tmp_path, pdf=False)
    assert written == [tmp_path / "P01-2024-v2-1a2b3c4d.html"]
    assert written[0].read_text(encoding="utf-8") == render_receipt(typical())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["P01-2024-v2-1a2b3c4d.html"]


def test_a_failed_print_leaves_no_file_and_the_previous_receipt(tmp_path: Path) -> None:
    (tmp_path / "P01-2024-v2-1a2b3c4d.html").write_text("previous", encoding="utf-8")

    class Broken(receipts.Printer):
        def print_pdf(self, html_text: str, pdf_file: Path) -> None:
            pdf_file.write_bytes(b"%PDF half")
            raise RuntimeError("browser crashed")

    with pytest.raises(RuntimeError, match="browser crashed"):
        write_receipt(typical(), tmp_path, printer=Broken())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["P01-2024-v2-1a2b3c4d.html"]
    assert (tmp_path / "P01-2024-v2-1a2b3c4d.html").read_text(encoding="utf-8") == "previous"


# --- the PDF (Chromium) -----------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is needed")


def _pdf_text(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def _pages(pdf: Path) -> tuple[int, tuple[int, int]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()  # type: ignore[union-attr]
    return pages, (round(float(width)), round(float(height)))


@pytest.mark.slow
@needs_poppler
def test_a_typical_receipt_prints_on_one_a4_page(tmp_path: Path) -> None:
    started = time.monotonic()
    written = write_receipt(typical(), tmp_path)
    seconds = time.monotonic() - started
    assert [p.name for p in written] == ["P01-2024-v2-1a2b3c4d.html", "P01-2024-v2-1a2b3c4d.pdf"]
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file left behind"
    assert _pages(written[1]) == (1, (595, 842)), "one A4 page"
    text = re.sub(r"\s+", " ", _pdf_text(written[1]))
    for fact in (
        "PHIẾU TIẾP NHẬN BÁO CÁO KẾT NẠP ĐẢNG VIÊN",
        ORG,
        "P01",
        "08/03/2024 14:32",
        "chậm 3 ngày",
        "tháng 2/2024",
        t("quality.rule.unparsable-date"),
        t("quality.rule.future-date"),
        "Ngày cấp giấy chứng nhận",
        "15/13/2024",
        "Trang 1/1",
        SHA,
    ):
        assert fact in text, f"{fact!r} is not in the PDF"
    assert seconds < 30, f"printing one receipt took {seconds:.1f} s"


@pytest.mark.slow
@needs_poppler
def test_a_long_receipt_flows_onto_more_pages_with_its_table_header(tmp_path: Path) -> None:
    many = tuple(
        ReceiptIssue("Kết nạp", 10 + n, "Ngày kết nạp", "unparsable-date", "error", f"{n}/13/2024") for n in range(80)
    )
    with receipts.Printer() as printer:
        pdf = write_receipt(typical(issues=many), tmp_path, printer=printer)[1]
        english = write_receipt(typical(), tmp_path / "en", lang="en", printer=printer)[1]
    pages, _ = _pages(pdf)
    assert pages >= 2
    text = _pdf_text(pdf)
    assert text.count("Giá trị đã ghi") == pages, "the table header is repeated on each page"
    assert "89" in text and f"Trang {pages}/{pages}" in text  # the last row, 10 + 79
    assert "Errors to fix: 6" in _pdf_text(english) and _pages(english)[0] == 1


@pytest.mark.slow
@needs_poppler
def test_an_unreadable_file_prints(tmp_path: Path) -> None:
    pdf = write_receipt(unreadable(), tmp_path)[1]
    assert pdf.name == "unplaced-abcdef01.pdf"
    text = re.sub(r"\s+", " ", _pdf_text(pdf))
    assert "Tệp không đọc được" in text and "not an Excel workbook" in text and _pages(pdf)[0] == 1


@pytest.mark.slow
def test_receipts_print_where_an_asyncio_loop_is_running(tmp_path: Path) -> None:
    """Playwright's synchronous API refuses a running loop (a kernel, Jupyter); the printer has its own thread."""

    async def inside_a_loop() -> list[Path]:
        asyncio.get_running_loop()  # raises unless a loop is running
        return write_receipt(typical(), tmp_path)

    try:  # in a full test run, an earlier test may have left a loop running in this thread already
        asyncio.get_running_loop()
        html, pdf = write_receipt(typical(), tmp_path)
    except RuntimeError:
        html, pdf = asyncio.run(inside_a_loop())
    assert html.exists() and pdf.read_bytes().startswith(b"%PDF")
