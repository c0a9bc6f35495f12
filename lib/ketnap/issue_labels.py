"""The texts of issuing (ban hành) and of revisions since an issue, Vietnamese and English.

Part of the label catalog: :mod:`ketnap.labels` merges these into ``CATALOG``, so they are looked
up with :func:`ketnap.labels.t` like every other label (keys ``issue.*`` for
:mod:`ketnap.build.issue` and the index, ``revision.*`` for :mod:`ketnap.build.revisions`). They
live in a file of their own only to keep ``labels.py`` under the 1,200-line limit.
"""

from __future__ import annotations

__all__ = ["LABELS"]

# key -> (Vietnamese, English)
LABELS: dict[str, tuple[str, str]] = {
    # Refusals: one line each, saying why and what to do.
    "issue.make_reports": ("make reports PERIOD={period}", "make reports PERIOD={period}"),
    "issue.refused.not_built": (
        "không ban hành kỳ {period}: báo cáo {report} chưa được dựng; chạy {make}, xem lại, rồi ban hành",
        "not issuing {period}: report {report} has not been built; run {make}, check it, then issue",
    ),
    "issue.refused.failed": (
        "không ban hành kỳ {period}: lần dựng gần nhất của báo cáo {report} bị lỗi ({error}); sửa lỗi, chạy {make}, "
        "rồi ban hành",
        "not issuing {period}: the last build of report {report} failed ({error}); fix it, run {make}, then issue",
    ),
    "issue.refused.stale": (
        "không ban hành kỳ {period}: báo cáo {report} cũ hơn dữ liệu hoặc chương trình hiện tại; chạy {make}, "
        "xem lại, rồi ban hành",
        "not issuing {period}: report {report} is older than the current data or code; run {make}, check it, "
        "then issue",
    ),
    "issue.refused.unchanged": (
        "không ban hành kỳ {period}: dữ liệu và số liệu không thay đổi so với lần {number} (ban hành {date})",
        "not issuing {period}: neither the data nor any figure changed since issue {number} (issued {date})",
    ),
    "issue.refused.exists": (
        "không ban hành kỳ {period}: lần {number} đã ban hành {date}; bản đã ban hành không bao giờ bị ghi đè",
        "not issuing {period}: issue {number} was issued {date}; an issued archive is never overwritten",
    ),
    "issue.done": (
        "đã ban hành kỳ {period} lần {number} ({files} tệp): {folder}",
        "issued {period}, issue {number} ({files} files): {folder}",
    ),
    "issue.rebuilt": (
        "dựng lại {count} báo cáo đang so sánh với lần ban hành trước",
        "rebuilding {count} report(s) that compared with the previous issue",
    ),
    # The period's page of issues (reports/issued/<period>/index.html).
    "issue.page.title": ("Các bản đã ban hành: {period}", "Issued reports: {period}"),
    "issue.page.lead": (
        "Mỗi lần ban hành được lưu nguyên vẹn, không sửa đổi; tệp SHA256SUMS ghi mã kiểm tra của từng tệp.",
        "Each issue is kept as it went out, never changed; SHA256SUMS records a checksum for every file.",
    ),
    "issue.page.item": (
        "Lần {number}: ban hành {date}, số liệu đến ngày {as_of}",
        "Issue {number}: issued {date}, data as of {as_of}",
    ),
    "issue.page.by": ("người ban hành: {by}", "issued by {by}"),
    "issue.page.word": ("Báo cáo (Word)", "Report (Word)"),
    # The index.
    "issue.index.issued": (
        "Đã ban hành lần {number} ngày {date}",
        "Issued (issue {number}) on {date}",
    ),
    "issue.index.archive": ("Các bản đã ban hành", "Issued archives"),
    "issue.index.revised": (
        "Số liệu đã điều chỉnh so với bản đã ban hành: {figures} số liệu ở {reports} báo cáo",
        "Figures revised since the issue: {figures} figure(s) in {reports} report(s)",
    ),
    # Verification.
    "issue.verify.ok": ("{folder}: {files} tệp khớp mã SHA-256", "{folder}: {files} files match their SHA-256"),
    "issue.verify.changed": ("ĐÃ BỊ SỬA: {file}", "CHANGED: {file}"),
    "issue.verify.missing": ("BỊ MẤT: {file}", "MISSING: {file}"),
    "issue.verify.added": ("KHÔNG CÓ TRONG DANH SÁCH: {file}", "NOT IN THE MANIFEST: {file}"),
    "issue.verify.none": ("chưa có bản nào được ban hành ({folder})", "nothing has been issued yet ({folder})"),
    "issue.verify.failed": (
        "{count} tệp đã ban hành không còn nguyên vẹn",
        "{count} issued file(s) are not as issued",
    ),
    # The section a report of an issued period carries when its figures changed since.
    "revision.heading": (
        "Số liệu điều chỉnh so với bản đã ban hành ngày {date} (lần {number})",
        "Figures revised since the report issued on {date} (issue {number})",
    ),
    "revision.lead": (
        "{count} số liệu của báo cáo này khác với bản đã ban hành:",
        "{count} figure(s) of this report differ from the issued one:",
    ),
    "revision.column.figure": ("Số liệu", "Figure"),
    "revision.column.old": ("Đã ban hành", "Issued"),
    "revision.column.new": ("Nay", "Now"),
    "revision.column.change": ("Chênh lệch", "Change"),
    "revision.scope.city": ("Toàn {body_territory}", "Whole {body_territory}"),
    "revision.points": ("{value} điểm %", "{value} points"),
    "revision.causes": ("Do các báo cáo nhận sau khi ban hành:", "Because of the returns received since the issue:"),
    "revision.no_cause": (
        "Không có báo cáo nào của các tổ chức trong báo cáo này thay đổi: số liệu khác do cách tính "
        "(phiên bản chương trình) thay đổi.",
        "No return of the organisations in this report changed: the figures differ because the way they are "
        "counted (the code) changed.",
    ),
    "revision.return.new": (
        "{name}: báo cáo năm {year} (bản lần {version}) nhận ngày {date}, chưa có khi ban hành",
        "{name}: the {year} return (version {version}) received on {date}, not in when issued",
    ),
    "revision.return.replaced": (
        "{name}: báo cáo năm {year}, bản lần {version} nhận ngày {date}, thay bản lần {old}",
        "{name}: the {year} return, version {version} received on {date}, replacing version {old}",
    ),
    "revision.return.withdrawn": (
        "{name}: báo cáo năm {year} (bản lần {old}) không còn được tính",
        "{name}: the {year} return (version {old}) is no longer counted",
    ),
    "revision.file.added": ("Tệp mới: {file}", "New file: {file}"),
    "revision.file.changed": ("Tệp thay đổi: {file}", "Changed file: {file}"),
    "revision.file.removed": ("Tệp không còn: {file}", "File removed: {file}"),
}
