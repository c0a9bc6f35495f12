"""The texts of the organisations' history (sheet ``Lịch sử``), Vietnamese and English.

Part of the label catalog: :mod:`ketnap.labels` merges these into ``CATALOG``, so they are looked up
with :func:`ketnap.labels.t` like every other label. Keys ``history.error.*`` are ingestion's messages
for a history that cannot be used (:mod:`ketnap.ingest.history`) and for a return of an organisation
outside its validity; ``history.note.*`` the notes of the reports that compare with the same period
last year through the lineage (:mod:`ketnap.lineage`); ``quality.rule.*`` / ``quality.fix.*`` the
names and fixes of the history's rules in the data-quality report. Dates are ``dd/mm/yyyy``.
"""

from __future__ import annotations

__all__ = ["LABELS"]

# key -> (Vietnamese, English)
LABELS: dict[str, tuple[str, str]] = {
    # --- ingestion: the history sheet ---------------------------------------------------------------
    "history.error.unknown_event": (
        "sự kiện “{value}” không có trong danh mục; ghi một trong: {allowed}",
        "event “{value}” is not known; write one of: {allowed}",
    ),
    "history.error.needs": (
        "sự kiện “{event}” cần cột {column} ({what})",
        "the event “{event}” needs the column {column} ({what})",
    ),
    "history.what.new_name": ("tên của tổ chức từ ngày đó", "the organisation's name from that day"),
    "history.what.related_merge": ("tổ chức nhận sáp nhập", "the organisation merged into"),
    "history.what.related_split": ("tổ chức được chia tách ra", "the organisation split from"),
    "history.what.new_sector": ("mã hoặc tên khối mới", "the new sector's code or name"),
    "history.error.unknown_code": (
        "“{value}” không phải mã hay tên một tổ chức của trang Tổ chức{close}",
        "“{value}” is not the code or name of an organisation of the Tổ chức sheet{close}",
    ),
    "history.error.did_you_mean": (" (có phải {code} {name}?)", " (did you mean {code} {name}?)"),
    "history.error.unknown_sector": (
        "khối “{value}” không có trong reference/sectors.csv; ghi mã hoặc tên một khối: {allowed}",
        "sector “{value}” is not in reference/sectors.csv; write the code or name of one of: {allowed}",
    ),
    "history.error.self": (
        "{code} không thể {event} chính nó (vòng lặp)",
        "{code} cannot be “{event}” itself (a cycle)",
    ),
    "history.error.cycle": (
        "vòng lặp {event}: {chain}; một tổ chức không thể là tiền thân của chính nó",
        "a cycle of “{event}”: {chain}; an organisation cannot be its own predecessor",
    ),
    "history.error.overlap": (
        "{code} đã {event} ngày {date} (dòng {row}): một mã chỉ có một thời gian hoạt động, hai lần "
        "{kind} làm các thời gian hoạt động chồng lên nhau",
        "{code} was already “{event}” on {date} (row {row}): a code has one period of validity; a second "
        "{kind} would make two that overlap",
    ),
    "history.kind.begin": ("bắt đầu (thành lập, chia tách)", "beginning (founding, split)"),
    "history.kind.end": ("kết thúc (sáp nhập, giải thể)", "end (merger, dissolution)"),
    "history.error.outside": (
        "ngày {date} ngoài thời gian hoạt động của {code} ({name}): {validity} theo trang Tổ chức",
        "{date} is outside the validity of {code} ({name}): {validity} on the Tổ chức sheet",
    ),
    "history.error.begin_disagrees": (
        "{code} ({name}) {event} ngày {date} nhưng trang Tổ chức ghi Ngày thành lập {recorded}: hai nơi "
        "phải khớp (ghi {date} ở cột Ngày thành lập)",
        "{code} ({name}) is “{event}” on {date} but the Tổ chức sheet has Ngày thành lập {recorded}: they must "
        "agree (write {date} there)",
    ),
    "history.error.end_disagrees": (
        "{code} ({name}) {event} từ ngày {date} nên hoạt động đến hết ngày {last}, nhưng trang Tổ chức ghi "
        "Ngày giải thể {recorded}: hai nơi phải khớp (ghi {last} ở cột Ngày giải thể)",
        "{code} ({name}) is “{event}” from {date}, so it is active until {last}, but the Tổ chức sheet has "
        "Ngày giải thể {recorded}: they must agree (write {last} there)",
    ),
    "history.error.blank": ("trống", "blank"),
    "history.error.related_inactive": (
        "{related} ({name}) không hoạt động ngày {day} ({validity} theo trang Tổ chức): {why}",
        "{related} ({name}) is not active on {day} ({validity} on the Tổ chức sheet): {why}",
    ),
    "history.why.merge": (
        "không thể sáp nhập vào một tổ chức chưa thành lập hoặc đã kết thúc",
        "nothing can merge into an organisation not yet founded or already ended",
    ),
    "history.why.split": (
        "tổ chức được chia tách ra phải còn hoạt động ngày trước khi chia tách",
        "the organisation split from must be active the day before the split",
    ),
    "history.validity": ("hoạt động {start} – {end}", "active {start} – {end}"),
    "history.validity.open_start": ("từ trước", "from before"),
    "history.validity.open_end": ("nay", "now"),
    # --- ingestion: a return of an organisation outside its validity -------------------------------
    "history.error.return_merged": (
        "{name} đã sáp nhập vào {successor} từ ngày {date}: báo cáo thuộc {successor}",
        "{name} was merged into {successor} on {date}: the return belongs to {successor}",
    ),
    "history.error.return_dissolved": (
        "{name} đã giải thể từ ngày {date} (hoạt động đến hết ngày {last})",
        "{name} was dissolved on {date} (active until {last})",
    ),
    "history.error.return_not_founded": (
        "{name} thành lập ngày {date}: chưa hoạt động trước ngày đó",
        "{name} was founded on {date}: it was not active before then",
    ),
    "history.error.return_year": (
        "{reason}; không có báo cáo năm {year}: cả báo cáo bị loại",
        "{reason}; there is no return for {year}: the whole return is rejected",
    ),
    "history.error.target_year": (
        "{reason}; không có chỉ tiêu năm {year} cho tổ chức này: dòng bị loại",
        "{reason}; it has no target for {year}: the row is rejected",
    ),
    "history.error.return_row": (
        "{reason}; dòng ngày {day} bị loại",
        "{reason}; the row dated {day} is rejected",
    ),
    # --- reports: the same period last year through the lineage ------------------------------------
    "history.note.merged": (
        "Cùng kỳ năm trước của {name} gồm số liệu của các tổ chức đã sáp nhập vào: {predecessors}.",
        "The same period last year of {name} includes the figures of the organisations merged into it: {predecessors}.",
    ),
    "history.note.split": (
        "{name} chia tách từ {origin} từ ngày {date}: không có số liệu cùng kỳ năm trước riêng của {name}; "
        "số liệu năm trước vẫn tính cho {origin}.",
        "{name} was split from {origin} on {date}: it has no figures of its own for the same period last year; "
        "last year's stay with {origin}.",
    ),
    "history.note.renamed": ("{old} đổi tên thành {name} từ ngày {date}.", "{old} was renamed {name} on {date}."),
    "history.note.moved": (
        "{name} chuyển từ {old_sector} sang {sector} từ ngày {date}; số liệu của tổ chức được tính vào "
        "{sector}, kể cả cùng kỳ năm trước.",
        "{name} moved from {old_sector} to {sector} on {date}; its figures count in {sector}, last year's too.",
    ),
    # --- the data-quality report: the history's rules ------------------------------------------------
    "quality.rule.organisation-inactive": (
        "Báo cáo của tổ chức ngoài thời gian hoạt động",
        "Return of an organisation outside its validity",
    ),
    "quality.rule.history-overlap": ("Lịch sử: thời gian hoạt động chồng nhau", "History: overlapping validity"),
    "quality.rule.history-validity": (
        "Lịch sử: sự kiện ngoài thời gian hoạt động",
        "History: event outside the validity",
    ),
    "quality.rule.history-related-inactive": (
        "Lịch sử: tổ chức liên quan không hoạt động",
        "History: related organisation not active",
    ),
    "quality.rule.history-cycle": ("Lịch sử: vòng lặp sáp nhập, chia tách", "History: merger or split cycle"),
    "quality.fix.organisation-inactive": (
        "Tổ chức đã sáp nhập, giải thể hoặc chưa thành lập vào thời điểm đó: báo cáo thuộc tổ chức kế thừa "
        "(xem thông báo), hoặc sửa ngày ở trang Tổ chức nếu ngày đó sai.",
        "The organisation was merged, dissolved or not yet founded then: the return belongs to its successor "
        "(see the message), or correct the dates on the Tổ chức sheet if they are wrong.",
    ),
    "quality.fix.history-overlap": (
        "Mỗi mã tổ chức chỉ thành lập (hoặc chia tách ra) một lần và kết thúc một lần: xóa sự kiện thừa ở "
        "trang Lịch sử, hoặc dùng mã mới cho tổ chức mới.",
        "Each code is founded (or split off) once and ends once: delete the extra event on the Lịch sử sheet, "
        "or give the new organisation a new code.",
    ),
    "quality.fix.history-validity": (
        "Ngày của sự kiện phải khớp với Ngày thành lập, Ngày giải thể ở trang Tổ chức (tổ chức sáp nhập hoặc "
        "giải thể hoạt động đến hết ngày trước đó).",
        "The event's date must agree with Ngày thành lập and Ngày giải thể on the Tổ chức sheet (an organisation "
        "merged or dissolved is active until the day before).",
    ),
    "quality.fix.history-related-inactive": (
        "Kiểm tra Mã tổ chức liên quan và ngày: tổ chức nhận sáp nhập phải đang hoạt động ngày đó.",
        "Check Mã tổ chức liên quan and the date: the organisation merged into must be active that day.",
    ),
    "quality.fix.history-cycle": (
        "Sáp nhập, chia tách không được quay về chính tổ chức ban đầu: kiểm tra Mã tổ chức và Mã tổ chức liên quan.",
        "Mergers and splits must not lead back to where they start: check Mã tổ chức and Mã tổ chức liên quan.",
    ),
}
