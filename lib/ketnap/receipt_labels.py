"""The texts of the receipts sent back for each received return, Vietnamese and English.

Part of the label catalog: :mod:`ketnap.labels` merges these into ``CATALOG``, so they are looked
up with :func:`ketnap.labels.t` like every other label (keys ``receipt.*``, used by
:mod:`ketnap.receipt` and :mod:`ketnap.build.receipts`). They live in a file of their own only to
keep ``labels.py`` under the 1,200-line limit.
"""

from __future__ import annotations

__all__ = ["LABELS"]

# key -> (Vietnamese, English): the acknowledgement sent back for each received return
LABELS: dict[str, tuple[str, str]] = {
    "receipt.title": ("Phiếu tiếp nhận báo cáo kết nạp đảng viên", "Receipt for the Party admissions return"),
    "receipt.to": ("Kính gửi: Đồng chí Bí thư {org}", "To: the Secretary of {org}"),
    "receipt.to_unplaced": (
        "Kính gửi: Đồng chí Bí thư tổ chức cơ sở đảng đã gửi tệp {file}",
        "To: the Secretary of the organisation that sent {file}",
    ),
    "receipt.lead": (
        "Ban Tổ chức {body_committee} đã nhận báo cáo kết nạp đảng viên năm {year} của {org} (lần gửi thứ {version}); "
        "kết quả kiểm tra như sau:",
        "The Organisation Board has received the {year} admissions return of {org} (version {version}). "
        "Here is what the check found:",
    ),
    "receipt.lead_unversioned": (
        "Ban Tổ chức {body_committee} đã nhận báo cáo kết nạp đảng viên năm {year} của {org}; kết quả kiểm tra "
        "như sau:",
        "The Organisation Board has received the {year} admissions return of {org}. Here is what the check found:",
    ),
    "receipt.lead_no_year": (
        "Ban Tổ chức {body_committee} đã nhận tệp {file} của {org}, nhưng chưa xác định được đây là báo cáo năm nào.",
        "The Organisation Board has received the file {file} from {org}, but could not tell which year it reports.",
    ),
    "receipt.lead_unplaced": (
        "Ban Tổ chức {body_committee} đã nhận tệp {file}, nhưng chưa xác định được đây là báo cáo của tổ chức cơ sở "
        "đảng nào, năm nào.",
        "The Organisation Board has received the file {file}, but could not tell which organisation's return, "
        "or for which year, it is.",
    ),
    "receipt.fact.organisation": ("Tổ chức cơ sở đảng", "Organisation"),
    "receipt.fact.org_value": ("{name} (mã {code})", "{name} (code {code})"),
    "receipt.fact.year": ("Năm báo cáo", "Year"),
    "receipt.fact.file": ("Tệp đã gửi", "File as sent"),
    "receipt.fact.stored": ("Lưu trữ với tên", "Stored as"),
    "receipt.fact.received": ("Thời điểm nhận", "Received"),
    "receipt.fact.received_value": ("{when} ({how})", "{when} ({how})"),
    "receipt.how.receive": ("ghi lúc nhận tệp", "recorded on receipt"),
    "receipt.how.info-sheet": ("theo ngày ghi trên báo cáo", "the date written on the return"),
    "receipt.how.file-time": ("theo thời gian lưu của tệp", "the file's saved time"),
    "receipt.fact.version": ("Lần gửi", "Version"),
    "receipt.version.first": ("Lần thứ {version}", "Version {version}"),
    "receipt.version.replaces": (
        "Lần thứ {version}, thay thế lần gửi thứ {previous}",
        "Version {version}, replaces version {previous}",
    ),
    "receipt.fact.through": ("Số liệu đến hết", "Reports through"),
    "receipt.fact.due": ("Hạn gửi", "Deadline"),
    "receipt.due_value": ("{due} (gửi {status})", "{due} ({status})"),
    "receipt.on_time": ("đúng hạn", "on time"),
    "receipt.late": ("chậm hạn", "late"),
    "receipt.late_days": ("chậm {days} ngày", "{days} days late"),
    "receipt.late_day": ("chậm 1 ngày", "1 day late"),
    "receipt.section.sheets": ("Số dòng đã đọc", "Rows read"),
    "receipt.column.sheet": ("Trang tính", "Sheet"),
    "receipt.column.rows_read": ("Số dòng đã đọc", "Rows read"),
    "receipt.column.accepted": ("Được tiếp nhận", "Accepted"),
    "receipt.column.rejected": ("Bị loại", "Rejected"),
    "receipt.column.row": ("Dòng", "Row"),
    "receipt.column.column": ("Cột", "Column"),
    "receipt.column.value": ("Giá trị đã ghi", "Value as written"),
    "receipt.column.change": ("Thay đổi", "Change"),
    "receipt.column.rows": ("Dòng", "Rows"),
    "receipt.total": ("Cộng", "Total"),
    "receipt.section.errors": (
        "Lỗi phải sửa: {count} trường hợp (dòng có lỗi bị loại)",
        "Errors to fix: {count} (their rows were rejected)",
    ),
    "receipt.section.warnings": (
        "Lưu ý, vẫn tiếp nhận: {count} trường hợp",
        "Notes, accepted anyway: {count}",
    ),
    "receipt.none.issues": ("Không phát hiện lỗi nào.", "No problems found."),
    "receipt.rule_count": ("{name} ({count} trường hợp)", "{name} ({count} cases)"),
    "receipt.fix": ("Cách sửa: {fix}", "How to fix: {fix}"),
    "receipt.whole_sheet": ("cả trang", "whole sheet"),
    "receipt.whole_file": ("cả tệp", "whole file"),
    "receipt.section.changes": ("Thay đổi so với lần gửi thứ {previous}", "Changes from version {previous}"),
    "receipt.section.changes_first": ("Thay đổi so với lần gửi trước", "Changes from the previous version"),
    "receipt.changes.first": (
        "Lần gửi đầu tiên: chưa có lần gửi trước để so sánh.",
        "First version: there is no earlier version to compare with.",
    ),
    "receipt.changes.none": ("Không có thay đổi so với lần gửi trước.", "No changes from the previous version."),
    "receipt.change.added": ("Thêm mới ({count} dòng)", "Added ({count} rows)"),
    "receipt.change.removed": ("Đã xóa ({count} dòng)", "Removed ({count} rows)"),
    "receipt.change.corrected": ("Đã sửa ({count} dòng)", "Corrected ({count} rows)"),
    "receipt.change.previous_rows": ("{rows} (số dòng ở lần gửi trước)", "{rows} (rows in the previous version)"),
    "receipt.change.moved": ("trước là dòng {previous}", "was row {previous}"),
    "receipt.section.unreadable": ("Tệp không đọc được", "The file could not be read"),
    "receipt.unreadable.lead": (
        "Tệp không đọc được nên chưa tiếp nhận số liệu nào của tệp này.",
        "The file could not be read, so none of its figures were taken in.",
    ),
    "receipt.unreadable.reason": (
        "Lý do (thông báo của chương trình): {reason}",
        "Reason (from the program): {reason}",
    ),
    "receipt.unreadable.send": (
        "Cần gửi lại: báo cáo lưu thành tệp Excel .xlsx theo đúng mẫu của Ban Tổ chức {body_committee} (đủ các trang "
        "tính và dòng tiêu đề, không đặt mật khẩu).",
        "What to send instead: the return saved as an Excel .xlsx workbook from the Board's template (every "
        "sheet and header row, no password).",
    ),
    "receipt.close.unreadable": (
        "Số liệu của tổ chức chưa được cập nhật cho đến khi Ban Tổ chức {body_committee} nhận được tệp đọc được.",
        "The organisation's figures stay as they were until the Board receives a file it can read.",
    ),
    "receipt.close.errors": (
        "Đề nghị đồng chí chỉ đạo sửa các lỗi nêu trên ngay trong tệp báo cáo và gửi lại cả tệp (không gửi "
        "riêng các dòng đã sửa). Các dòng bị loại chưa được tính vào số liệu cho đến khi nhận được bản đã sửa.",
        "Please have the errors above corrected in the workbook and send the whole workbook again (not just "
        "the corrected rows). Rejected rows count in no figure until the corrected version arrives.",
    ),
    "receipt.close.warnings": (
        "Tất cả các dòng đều được tiếp nhận, không cần gửi lại. Đề nghị lưu ý các điểm nêu trên khi lập báo "
        "cáo lần sau.",
        "Every row was accepted; nothing needs to be sent again. Please mind the notes above in the next return.",
    ),
    "receipt.close.clean": (
        "Tất cả các dòng đều được tiếp nhận; đồng chí không cần làm gì thêm.",
        "Every row was accepted; there is nothing to do.",
    ),
    "receipt.privacy": (
        "Phiếu chỉ nêu trang tính, số dòng và cột như Excel hiển thị; không nêu họ tên, ngày sinh hay số CCCD.",
        "This receipt names sheets, rows and columns as Excel shows them; never names, birth dates or ID numbers.",
    ),
    "receipt.footer": (
        "Phiếu được lập tự động khi tiếp nhận báo cáo. Mã kiểm tra của tệp (SHA-256): {sha}",
        "Made automatically on receipt of the return. The file's checksum (SHA-256): {sha}",
    ),
}
