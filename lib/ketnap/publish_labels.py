"""The texts of the published pages: the index of reports, and the Party's document format on paper.

Part of the label catalog: :mod:`ketnap.labels` merges these into ``CATALOG``, so they are looked
up with :func:`ketnap.labels.t` like every other label. Keys: ``doc.*`` (the official header block
of Hướng dẫn 36-HD/VPTW on the first printed page, the running title and page numbers, used by
:mod:`ketnap.build.document`), ``period.heading.*`` (a period as a heading, :func:`ketnap.fmt.period_heading`)
``index.*`` (``reports/index.html``, :mod:`ketnap.build.index`) and ``word.*`` (the Board's report as
Word, :mod:`ketnap.build.word`). They live in a file of their own
only to keep ``labels.py`` under the 1,200-line limit.
"""

from __future__ import annotations

__all__ = ["LABELS"]

# key -> (Vietnamese, English)
LABELS: dict[str, tuple[str, str]] = {
    # --- the Party's document format (Hướng dẫn 36-HD/VPTW): first page, running title, page numbers ---
    # The issuing body, one line each: the levels above it, then the body itself (printed in bold).
    "doc.issuer": ("{body_header}", "{body_header}"),
    # Number and date are given when the report is issued (ban hành): the form leaves them to be filled in.
    "doc.number": ("{body_number}", "{body_number}"),
    "doc.party": ("Đảng Cộng sản Việt Nam", "Communist Party of Viet Nam"),
    "doc.place_date": ("{body_place}, ngày … tháng … năm …", "{body_place}, … … …"),
    "doc.kind": ("Báo cáo", "Report"),
    "doc.page": ("Trang", "Page"),
    "doc.running": ("{title} · {period}", "{title} · {period}"),
    "doc.as_of": ("Số liệu đến ngày {date}", "Data as of {date}"),
    # --- the Board's report as Word (reports/<period>/bao-cao.docx, ketnap.build.word) ---
    "word.link": ("Báo cáo (Word)", "Report (Word)"),
    "word.subject": ("Kết quả kết nạp đảng viên {period}", "Admissions of new Party members, {period}"),
    "word.title": ("Báo cáo kết quả kết nạp đảng viên {period}", "Report: admissions of new Party members, {period}"),
    "word.as_of": ("(Số liệu đến ngày {date})", "(Data as of {date})"),
    "word.rule": ("-----", "-----"),
    "word.section": ("{number}- {heading}", "{number}. {heading}"),
    "word.proposals": ("Đề xuất, kiến nghị", "Proposals"),
    "word.recipients": ("Nơi nhận:", "To:"),
    # One line each; the Board adds or changes them when it issues the report.
    "word.recipient_lines": (
        "- Thường trực {body_committee} (để báo cáo),\n- Lưu {body_board}.",
        "- Standing Board of the {body_name} (to report),\n- {body_board}: files.",
    ),
    # Who signs is decided when the report is issued; the name is left blank for the signature.
    "word.signer": ("Trưởng ban", "Head of the Board"),
    # --- periods as headings ---
    "period.heading.month_ytd": (
        "Tháng {month}/{year} (lũy kế {months} tháng)",
        "{month_name} {year} ({months} months to date)",
    ),
    "period.heading.month": ("Tháng {month}/{year}", "{month_name} {year}"),
    "period.heading.quarter": ("Quý {roman}/{year}", "Q{quarter} {year}"),
    "period.heading.year": ("Năm {year}", "Year {year}"),
    # --- reports/index.html ---
    "index.latest": ("Mới nhất", "Latest"),
    "index.as_of": ("Số liệu đến ngày {date}", "Data as of {date}"),
    "index.built_at": ("Lập lúc {time}", "Built {time}"),
    "index.updated": ("Cập nhật lần cuối: {time} (giờ Việt Nam)", "Last updated: {time} (Viet Nam time)"),
    "index.admitted": ("Đã kết nạp", "Admitted"),
    "index.target": ("Chỉ tiêu năm", "Annual target"),
    "index.attainment": ("Tỷ lệ đạt chỉ tiêu", "Of target"),
    "index.returns": ("Tổ chức đã báo cáo {month}", "Organisations reported, {month}"),
    "index.returns_value": ("{reported}/{expected}", "{reported}/{expected}"),
    "index.no_headline": (
        "Chưa có số liệu chung của kỳ này (báo cáo toàn {body_territory} chưa được lập).",
        "No headline for this period yet (the {body_territory} report has not been built).",
    ),
    "index.pdf_missing": ("PDF: chưa có", "PDF: not built"),
    "index.pdf_missing_note": (
        "Báo cáo ghi “PDF: chưa có” chưa được in ra PDF ở lần lập gần nhất, thường vì máy lập báo cáo chưa có "
        "trình duyệt Chromium (cài bằng lệnh “sudo apt-get install chromium”, rồi lập lại báo cáo).",
        "Reports marked “PDF: not built” were not printed to PDF at their last build, usually because the "
        "machine that builds them has no Chromium (install it with “sudo apt-get install chromium”, then "
        "build again).",
    ),
    "index.excel": ("Excel", "Excel"),
    "index.pdf": ("PDF", "PDF"),
    "index.failed_kept": (
        "Lần lập gần nhất bị lỗi, đang hiện bản trước: {error}",
        "The last build failed; showing the previous version: {error}",
    ),
    "index.failed_none": ("Lập báo cáo bị lỗi: {error}", "The build failed: {error}"),
}
