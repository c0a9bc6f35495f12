"""The texts of the organisation card, Vietnamese and English.

Part of the label catalog: :mod:`ketnap.labels` merges these into ``CATALOG``, so they are looked
up with :func:`ketnap.labels.t` like every other label (keys ``card.*``, used by
:mod:`ketnap.card`, :mod:`ketnap.card_chart`, ``notebooks/organisation-card.ipynb`` and the build's
navigation and search). They live in a file of their own only to keep ``labels.py`` under the
1,200-line limit.
"""

from __future__ import annotations

__all__ = ["LABELS"]

# key -> (Vietnamese, English)
LABELS: dict[str, tuple[str, str]] = {
    "report.organisation_card.title": (
        "Kết quả kết nạp đảng viên của tổ chức cơ sở đảng",
        "Party admissions of one grassroots organisation",
    ),
    "card.title_of": ("Kết quả kết nạp đảng viên: {name}", "Party admissions: {name}"),
    "card.sector": ("Thuộc {sector}", "In the sector {sector}"),
    "card.section.months": (
        "Từng tháng: kết nạp, kế hoạch của tổ chức và báo cáo gửi về",
        "Month by month: admissions, the organisation's plan and its returns",
    ),
    "card.rank": ("Xếp thứ trong khối", "Rank within the sector"),
    "card.rank_value": ("{rank}/{of}", "{rank} of {of}"),
    "card.rank_none": ("không xếp hạng (chưa có chỉ tiêu)", "not ranked (no target)"),
    "card.last_year": ("Kết quả cả năm {year}", "Result for the whole of {year}"),
    "card.last_year_value": ("{admitted}/{target} ({pct})", "{admitted}/{target} ({pct})"),
    "card.last_year_no_target": ("{admitted} (không có chỉ tiêu)", "{admitted} (no target)"),
    "card.last_year_none": ("chưa hoạt động", "not active"),
    "card.pool": ("Quần chúng đã học lớp bồi dưỡng, chưa kết nạp", "Trained candidates not yet admitted"),
    "card.remaining": ("Còn phải kết nạp để đạt chỉ tiêu năm", "Still to admit to reach the year's target"),
    "card.remaining_none": ("không có chỉ tiêu", "no target"),
    "card.pool_short": ("nguồn ít hơn số còn phải kết nạp", "fewer candidates than still to admit"),
    "card.pool_enough": ("nguồn đủ cho số còn phải kết nạp", "enough candidates for what is still to admit"),
    "card.due": ("Đảng viên dự bị đến hạn chuyển chính thức trong kỳ", "Probationary members due in the period"),
    "card.due_note": (
        "đã chuyển {converted}, chưa chuyển {awaiting}; quá hạn từ trước {overdue}",
        "converted {converted}, awaiting {awaiting}; overdue from before {overdue}",
    ),
    "card.upcoming": ("Đến hạn trong 3 tháng tới", "Due in the next 3 months"),
    "card.returns_none": ("Chưa có sổ theo dõi báo cáo cho năm {year}.", "No returns register for {year}."),
    "card.chart.title": ("Kết nạp từng tháng và kế hoạch, {period}", "Admissions by month and plan, {period}"),
    "card.chart.admitted": ("Số kết nạp trong tháng", "Admitted in the month"),
    "card.chart.planned": ("Kế hoạch của tháng", "Plan for the month"),
    "card.chart.alt": (
        "Biểu đồ cột số đảng viên kết nạp từng tháng của {name}, so với kế hoạch tháng",
        "Bar chart of admissions by month of {name}, against the monthly plan",
    ),
    "card.column.month": ("Tháng", "Month"),
    "card.column.admitted": ("Số kết nạp", "Admitted"),
    "card.column.return_status": ("Báo cáo", "Return"),
    "card.column.planned": ("Kế hoạch", "Plan"),
    "card.column.plan_cumulative": ("Lũy kế kế hoạch", "Plan, cumulative"),
    "card.no_plan": ("Tổ chức chưa gửi kế hoạch kết nạp từng tháng.", "The organisation sent no monthly plan."),
    "card.sheet.months": ("Từng tháng", "Months"),
    "card.privacy": (
        "Thẻ không nêu cơ cấu đảng viên mới: số người quá ít, nêu ra có thể lộ danh tính.",
        "No composition of new members: the numbers are too small to show safely.",
    ),
    "nav.index": ("Mục lục báo cáo", "All reports"),
    "nav.pdf": ("Bản in (PDF)", "Print (PDF)"),
    "nav.excel": ("Bảng tính (Excel)", "Spreadsheet (Excel)"),
    "nav.city": ("Toàn {body_territory}", "Whole {body_territory}"),
    "nav.sector": ("Khối của tổ chức", "The organisation's sector"),
    "nav.organisations": ("Bảng theo dõi các tổ chức", "All organisations"),
    "nav.label": ("Liên kết", "Links"),
    "search.label": ("Tìm thẻ của tổ chức cơ sở đảng", "Find an organisation's card"),
    "search.placeholder": ("Gõ tên, ví dụ: dong huong", "Type a name, e.g. dong huong"),
    "search.none": ("Không tìm thấy tổ chức nào.", "No organisation found."),
    "search.hint": ("Không cần gõ dấu. Thẻ của kỳ {period}.", "Accents are optional. Cards of {period}."),
}
