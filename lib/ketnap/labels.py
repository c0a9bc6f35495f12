"""The label catalog: every text a report shows, in Vietnamese (default) and English.

Look labels up with :func:`t`; never write report text inline in notebooks or charts. Keys are
dotted English identifiers grouped by where they are used (``report.*``, ``metric.*``,
``chart.*``, ...). Values may hold ``str.format`` fields, filled from ``t``'s keyword arguments.
"""

from __future__ import annotations

from typing import Final, Literal

__all__ = ["CATALOG", "LANGS", "Lang", "t"]

Lang = Literal["vi", "en"]
LANGS: Final[tuple[str, ...]] = ("vi", "en")

# key -> (Vietnamese, English)
CATALOG: dict[str, tuple[str, str]] = {
    # --- general ---
    "org.city": ("Đảng bộ thành phố Thanh Hóa", "Thanh Hóa City Party Committee"),
    "org.board": ("Ban Tổ chức Thành ủy Thanh Hóa", "Organisation Board, Thanh Hóa City Party Committee"),
    "data.synthetic": ("Dữ liệu mô phỏng (không phải số liệu thật)", "Synthetic data (not real figures)"),
    "metric.no_target": ("không giao chỉ tiêu", "no target set"),
    # --- build (report header, index) ---
    "report.city_overview.title": (
        "Kết quả kết nạp đảng viên toàn thành phố",
        "Party admissions: city overview",
    ),
    "report.period": ("Kỳ báo cáo", "Period"),
    "report.as_of": ("Số liệu đến ngày", "Data as of"),
    "report.footer": (
        "Báo cáo tự động từ số liệu các tổ chức cơ sở đảng gửi về (ketnap).",
        "Generated automatically from the grassroots organisations' returns (ketnap).",
    ),
    "index.title": ("Báo cáo kết nạp đảng viên", "Party admissions reports"),
    "index.report": ("Báo cáo", "Report"),
    "index.built": ("Thời điểm lập", "Built"),
    "index.status": ("Trạng thái", "Status"),
    "index.ok": ("Hoàn thành", "OK"),
    "index.failed": ("Lỗi", "Failed"),
    "index.empty": ("Chưa có báo cáo nào: chạy `make reports`.", "No reports yet: run `make reports`."),
    "section.headline": ("Kết quả chung", "Headline"),
    "section.cumulative": ("Tiến độ kết nạp trong năm", "Admissions through the year"),
    "section.sectors": ("Kết quả theo khối", "By sector"),
    "section.training": ("Bồi dưỡng nhận thức về Đảng và kết nạp", "Training class and admission"),
    "section.composition": ("Cơ cấu đảng viên mới", "Who the new members are"),
    "section.behind": ("Tổ chức cơ sở đảng chậm tiến độ", "Organisations behind pace"),
    "section.yoy": ("So với cùng kỳ năm trước", "Compared with the same period last year"),
    "alt.cumulative": (
        "Biểu đồ số đảng viên kết nạp lũy kế theo tháng so với tiến độ chỉ tiêu",
        "Chart of cumulative admissions by month against the target pace",
    ),
    "alt.sectors": ("Biểu đồ tỷ lệ đạt chỉ tiêu kết nạp theo khối", "Chart of attainment by sector"),
    "alt.funnel": ("Biểu đồ từ bồi dưỡng đến kết nạp", "Chart of training to admission"),
    "alt.composition": ("Biểu đồ cơ cấu đảng viên mới", "Chart of the new members' composition"),
    "column.sector": ("Khối", "Sector"),
    "column.organisation": ("Tổ chức cơ sở đảng", "Organisation"),
    "column.gap": ("Còn thiếu so với tiến độ", "Short of pace (people)"),
    "column.group": ("Nhóm", "Group"),
    "column.count": ("Số người", "People"),
    "column.share": ("Tỷ lệ", "Share"),
    "column.period": ("Kỳ", "Period"),
    "column.change": ("Tăng, giảm", "Change"),
    "report.funnel_note": (
        "Lớp bồi dưỡng năm {cohort}: {trained} người; đến ngày {end} đã kết nạp {admitted} người ({pct}). "
        "Thời gian trung vị từ khi được cấp giấy chứng nhận đến khi kết nạp: {days} ngày.",
        "Training class of {cohort}: {trained} people; by {end}, {admitted} had been admitted ({pct}). "
        "Median time from certificate to admission: {days} days.",
    ),
    "report.sector.title": ("Kết quả kết nạp đảng viên theo khối", "Party admissions by sector"),
    "report.organisations.title": (
        "Bảng theo dõi các tổ chức cơ sở đảng",
        "Scorecard of grassroots organisations",
    ),
    "report.training_pipeline.title": (
        "Bồi dưỡng, kết nạp và chuyển chính thức",
        "Training, admission and full membership",
    ),
    "report.annual_review.title": (
        "Kết quả kết nạp đảng viên phục vụ xếp loại tổ chức đảng",
        "Admissions results for the annual grading",
    ),
    "report.data_quality.title": ("Chất lượng số liệu báo cáo", "Data quality of the returns"),
    # --- report: sector, organisations (notebooks sector, organisations) ---
    "scorecard.column.rank": ("Thứ hạng", "Rank"),
    "scorecard.column.expected": ("Cần đạt theo tiến độ", "Expected on pace"),
    "scorecard.column.gap": ("Còn thiếu (người)", "Short (people)"),
    "scorecard.column.flags": ("Lưu ý", "Flags"),
    "scorecard.column.pace": ("Tiến độ", "Pace"),
    "scorecard.column.pace_year": ("Kết quả", "Result"),
    "scorecard.column.trained": ("Số người học lớp bồi dưỡng", "Trained"),
    "scorecard.column.last_admission": ("Lần kết nạp gần nhất", "Last admission"),
    "scorecard.pace.on_pace": ("Đạt tiến độ", "On pace"),
    "scorecard.pace.behind": ("Chậm tiến độ", "Behind pace"),
    "scorecard.pace.met": ("Đạt chỉ tiêu", "Target met"),
    "scorecard.pace.missed": ("Không đạt chỉ tiêu", "Target missed"),
    "scorecard.pace.no_target": ("Không giao chỉ tiêu", "No target"),
    "scorecard.flag.behind_pace": ("chậm tiến độ", "behind pace"),
    "scorecard.flag.missed": ("không đạt chỉ tiêu", "target missed"),
    "scorecard.flag.no_admissions": ("chưa kết nạp", "none admitted yet"),
    "scorecard.flag.no_admissions_year": ("không kết nạp", "none admitted"),
    "scorecard.flag.below_10pct": ("dưới 10% chỉ tiêu", "below 10% of target"),
    "scorecard.flag.none_2y": ("2 năm liền không kết nạp", "none for 2+ years"),
    "scorecard.list.no_admissions": (
        "Chưa kết nạp được đảng viên nào trong năm",
        "No admissions so far this year",
    ),
    "scorecard.list.no_admissions_year": (
        "Không kết nạp được đảng viên nào trong năm",
        "No admissions in the year",
    ),
    "scorecard.list.below_10pct": (
        "Đã kết nạp nhưng chưa đạt 10% chỉ tiêu năm",
        "Some admissions, but below 10% of the annual target",
    ),
    "scorecard.list.none_2y": (
        "Từ 2 năm liền trở lên không kết nạp được đảng viên",
        "No admissions for two years or more",
    ),
    "scorecard.list.some": ("{label} ({count}): {names}.", "{label} ({count}): {names}."),
    "scorecard.list.empty": ("{label}: không có.", "{label}: none."),
    "report.sector.section.ranking": ("Xếp hạng các tổ chức cơ sở đảng trong khối", "Organisations ranked"),
    "report.sector.section.heatmap": (
        "Kết nạp theo tháng của từng tổ chức",
        "Admissions by organisation and month",
    ),
    "report.sector.section.flags": ("Tổ chức cần lưu ý", "Organisations to watch"),
    "report.sector.sheet.ranking": ("Xếp hạng", "Ranking"),
    "report.sector.sheet.behind": ("Chậm tiến độ", "Behind pace"),
    "report.sector.alt.ranking": (
        "Biểu đồ xếp hạng tỷ lệ đạt chỉ tiêu kết nạp của các tổ chức cơ sở đảng trong khối",
        "Chart ranking the sector's organisations by target attainment",
    ),
    "report.sector.alt.heatmap": (
        "Bảng màu số đảng viên kết nạp theo tháng của từng tổ chức cơ sở đảng",
        "Heat map of admissions by organisation and month",
    ),
    "report.sector.ranking_note": (
        "Chấm rỗng: tổ chức chậm tiến độ. Tiến độ là {pace} chỉ tiêu năm; “cần đạt theo tiến độ” và "
        "“còn thiếu” được làm tròn lên thành số người.",
        "Hollow dot: behind pace. The pace is {pace} of the annual target; “expected on pace” and "
        "“short” are rounded up to whole people.",
    ),
    "report.sector.ranking_note_year": (
        "Chấm rỗng: tổ chức không đạt chỉ tiêu năm; “còn thiếu” là số người chưa kết nạp được so với "
        "chỉ tiêu.",
        "Hollow dot: target missed; “short” is the number of people the target was missed by.",
    ),
    "report.sector.heatmap_note": (
        "Mỗi dòng là một tổ chức, mỗi cột là một tháng; số trong ô là số đảng viên kết nạp, ô nhạt "
        "không có số là tháng không kết nạp.",
        "One row per organisation, one column per month; the number is the members admitted, a pale "
        "cell without a number is a month with none.",
    ),
    "report.sector.section.behind_year": (
        "Tổ chức cơ sở đảng không đạt chỉ tiêu",
        "Organisations that missed the target",
    ),
    "report.organisations.summary": (
        "{when}, có {behind}/{with_target} tổ chức cơ sở đảng được giao chỉ tiêu chậm tiến độ kết nạp; "
        "{none}/{total} tổ chức chưa kết nạp được đảng viên nào.",
        "{when}, {behind} of the {with_target} grassroots organisations with a target are behind pace; "
        "{none} of {total} have admitted nobody yet.",
    ),
    "report.organisations.summary_year": (
        "{when}, có {behind}/{with_target} tổ chức cơ sở đảng được giao chỉ tiêu không đạt chỉ tiêu kết "
        "nạp; {none}/{total} tổ chức không kết nạp được đảng viên nào.",
        "{when}, {behind} of the {with_target} grassroots organisations with a target missed it; "
        "{none} of {total} admitted nobody.",
    ),
    "report.organisations.highlight": (
        "Dòng tô màu: tổ chức chậm tiến độ (tiến độ là {pace} chỉ tiêu năm).",
        "Shaded rows: behind pace (the pace is {pace} of the annual target).",
    ),
    "report.organisations.highlight_year": (
        "Dòng tô màu: tổ chức không đạt chỉ tiêu năm.",
        "Shaded rows: target missed.",
    ),
    "report.organisations.sheet": ("Bảng theo dõi", "Scorecard"),
    # --- report: training-pipeline, annual-review ---
    # --- report: data-quality, explore ---
    # --- metrics ---
    "metric.no_plan": ("không giao kế hoạch", "no plan set"),
    "metric.scope": ("Phạm vi", "Scope"),
    "metric.organisations": ("Số tổ chức cơ sở đảng", "Grassroots organisations"),
    "metric.admitted": ("Số đảng viên kết nạp", "Members admitted"),
    "metric.target": ("Chỉ tiêu năm", "Annual target"),
    "metric.attainment_pct": ("Tỷ lệ đạt chỉ tiêu", "Target attainment"),
    "metric.months_elapsed_pct": ("Thời gian đã qua của năm", "Share of the year gone"),
    "metric.expected": ("Cần đạt theo tiến độ", "Expected on pace"),
    "metric.expected_plan": ("Cần đạt theo kế hoạch tháng", "Expected by monthly plans"),
    "metric.needed_per_month": ("Cần kết nạp mỗi tháng", "Needed per month"),
    "metric.projection": ("Dự báo cả năm", "Year-end projection"),
    "metric.projection_range": ("Khoảng dự báo", "Projection range"),
    "metric.admitted_last_year": ("Cùng kỳ năm trước", "Same period last year"),
    "metric.yoy_change_pct": ("Tăng, giảm so với cùng kỳ", "Change on last year"),
    "metric.trained": ("Số người học lớp bồi dưỡng nhận thức về Đảng", "Attended the Party awareness class"),
    "metric.training_plan": ("Kế hoạch bồi dưỡng", "Training plan"),
    "metric.training_attainment_pct": ("Tỷ lệ đạt kế hoạch bồi dưỡng", "Training plan attainment"),
    "metric.organisations_with_trainees": (
        "Tổ chức cơ sở đảng cử người học",
        "Organisations that sent trainees",
    ),
    "metric.organisations_behind_pace": ("Tổ chức chậm tiến độ", "Organisations behind pace"),
    "metric.organisations_no_admissions": (
        "Tổ chức chưa kết nạp được đảng viên",
        "Organisations with no admissions",
    ),
    "metric.organisations_below_10pct": (
        "Tổ chức đạt dưới 10% chỉ tiêu",
        "Organisations below 10% of target",
    ),
    "metric.organisations_none_2y": (
        "Tổ chức 2 năm liền không kết nạp",
        "Organisations with none for 2+ years",
    ),
    # --- narrative ---
    "narrative.when.month_ytd": (
        "Trong {months} tháng đầu năm {year}",
        "In the first {months} months of {year}",
    ),
    "narrative.when.month_first": ("Trong tháng 1/{year}", "In January {year}"),
    "narrative.when.quarter": ("Trong quý {roman}/{year}", "In Q{quarter} {year}"),
    "narrative.when.year": ("Năm {year}", "In {year}"),
    "narrative.subject.city": ("Đảng bộ thành phố", "the City Party Committee"),
    "narrative.subject.sector": ("{name}", "the {name} sector"),
    "narrative.admitted.year": (
        "{when}, {subject} đã kết nạp được {admitted} đảng viên mới, "
        "đạt {pct} chỉ tiêu ({target} đảng viên).",
        "{when}, {subject} admitted {admitted} new members, {pct} of the target ({target} members).",
    ),
    "narrative.admitted.in_year": (
        "{when}, {subject} đã kết nạp được {admitted} đảng viên mới, "
        "đạt {pct} chỉ tiêu năm ({target} đảng viên).",
        "{when}, {subject} admitted {admitted} new members, {pct} of the annual target ({target} members).",
    ),
    "narrative.admitted.no_target": (
        "{when}, {subject} đã kết nạp được {admitted} đảng viên mới ({no_target}).",
        "{when}, {subject} admitted {admitted} new members ({no_target}).",
    ),
    "narrative.admitted.none": (
        "{when}, {subject} chưa kết nạp được đảng viên mới nào ({target_note}).",
        "{when}, {subject} has not admitted any new members yet ({target_note}).",
    ),
    "narrative.admitted.none_year": (
        "{when}, {subject} không kết nạp được đảng viên mới nào ({target_note}).",
        "{when}, {subject} admitted no new members ({target_note}).",
    ),
    "narrative.target_note.year": ("chỉ tiêu {target} đảng viên", "target: {target} members"),
    "narrative.target_note.in_year": ("chỉ tiêu năm {target} đảng viên", "annual target: {target} members"),
    "narrative.pace.ahead": (
        "Kết quả này vượt tiến độ thời gian ({elapsed} thời gian của năm).",
        "This is ahead of the calendar ({elapsed} of the year).",
    ),
    "narrative.pace.behind": (
        "Kết quả này chậm hơn tiến độ thời gian ({elapsed} thời gian của năm).",
        "This is behind the calendar ({elapsed} of the year).",
    ),
    "narrative.pace.needed": (
        "Để hoàn thành chỉ tiêu, từ nay đến cuối năm bình quân mỗi tháng cần kết nạp {needed} đảng viên.",
        "To reach the target, {needed} members a month are needed for the rest of the year.",
    ),
    "narrative.pace.done": ("Chỉ tiêu năm đã hoàn thành.", "The annual target has been reached."),
    "narrative.training.year": (
        "{when}, có {organisations} đảng bộ, chi bộ cơ sở đã cử được {trained} quần chúng ưu tú tham gia "
        "lớp bồi dưỡng nhận thức về Đảng, đạt {pct} so với kế hoạch.",
        "{when}, {organisations} grassroots party organisations sent {trained} outstanding non-members to "
        "the Party awareness class, {pct} of the plan.",
    ),
    "narrative.training.in_year": (
        "{when}, có {organisations} đảng bộ, chi bộ cơ sở đã cử được {trained} quần chúng ưu tú tham gia "
        "lớp bồi dưỡng nhận thức về Đảng, đạt {pct} so với kế hoạch năm.",
        "{when}, {organisations} grassroots party organisations sent {trained} outstanding non-members to "
        "the Party awareness class, {pct} of the annual plan.",
    ),
    "narrative.training.no_plan": (
        "{when}, có {organisations} đảng bộ, chi bộ cơ sở đã cử được {trained} quần chúng ưu tú tham gia "
        "lớp bồi dưỡng nhận thức về Đảng ({no_plan}).",
        "{when}, {organisations} grassroots party organisations sent {trained} outstanding non-members to "
        "the Party awareness class ({no_plan}).",
    ),
    "narrative.training.none": (
        "{when}, chưa có quần chúng ưu tú nào tham gia lớp bồi dưỡng nhận thức về Đảng.",
        "{when}, nobody attended the Party awareness class.",
    ),
    "narrative.behind.some": (
        "{when}, có {count}/{total} tổ chức cơ sở đảng được giao chỉ tiêu kết nạp chậm so với tiến độ "
        "({pace} chỉ tiêu năm){none_clause}; chậm nhiều nhất: {names}.",
        "{when}, {count} of {total} grassroots organisations with a target are behind pace "
        "({pace} of the annual target){none_clause}; furthest behind: {names}.",
    ),
    "narrative.behind.some_year": (
        "{when}, có {count}/{total} tổ chức cơ sở đảng được giao chỉ tiêu không hoàn thành chỉ tiêu "
        "kết nạp{none_clause}; thiếu nhiều nhất: {names}.",
        "{when}, {count} of {total} grassroots organisations with a target missed it{none_clause}; "
        "furthest short: {names}.",
    ),
    "narrative.behind.none_clause": (
        ", trong đó {none} tổ chức chưa kết nạp được đảng viên nào",
        ", {none} of them with no admissions yet",
    ),
    "narrative.behind.none_clause_year": (
        ", trong đó {none} tổ chức không kết nạp được đảng viên nào",
        ", {none} of them with no admissions",
    ),
    "narrative.behind.item": ("{name} (thiếu {gap})", "{name} ({gap} short)"),
    "narrative.behind.all_on_pace": (
        "{when}, tất cả {total} tổ chức cơ sở đảng được giao chỉ tiêu đều đạt tiến độ kết nạp.",
        "{when}, all {total} grassroots organisations with a target are on pace.",
    ),
    "narrative.behind.all_done": (
        "{when}, tất cả {total} tổ chức cơ sở đảng được giao chỉ tiêu đều hoàn thành chỉ tiêu kết nạp.",
        "{when}, all {total} grassroots organisations with a target reached it.",
    ),
    "narrative.behind.no_targets": (
        "{when}, chưa có tổ chức cơ sở đảng nào được giao chỉ tiêu kết nạp.",
        "{when}, no grassroots organisation has an admissions target.",
    ),
    # --- charts ---
    "chart.axis.attainment": ("Tỷ lệ đạt chỉ tiêu kết nạp", "Admissions target attainment"),
    "chart.axis.cumulative": ("Số đảng viên kết nạp (lũy kế)", "Members admitted (cumulative)"),
    "chart.axis.month": ("Tháng", "Month"),
    "chart.axis.people": ("Số người", "People"),
    "chart.axis.share": ("Tỷ lệ trong số đảng viên mới kết nạp", "Share of newly admitted members"),
    "chart.target_line": ("Chỉ tiêu", "Target"),
    "chart.admitted_of_target": ("{admitted}/{target} · {pct}", "{admitted}/{target} · {pct}"),
    "chart.admitted_no_target": (
        "Kết nạp {admitted} · không giao chỉ tiêu",
        "{admitted} admitted · no target",
    ),
    "chart.count_share": ("{count} · {pct}", "{count} · {pct}"),
    "chart.series.cumulative": ("Lũy kế năm nay", "Cumulative this year"),
    "chart.series.pace": ("Tiến độ theo chỉ tiêu", "Pace to target"),
    "chart.series.last_year": ("Cùng kỳ năm trước", "Same period last year"),
    "chart.funnel.trained": ("Học lớp bồi dưỡng nhận thức về Đảng", "Completed Party awareness class"),
    "chart.funnel.admitted": ("Được kết nạp", "Admitted"),
    "chart.funnel.converted": ("Chuyển đảng viên chính thức", "Became full members"),
    "chart.funnel.of_trained": ("{count} · {pct} số đã bồi dưỡng", "{count} · {pct} of trained"),
    "chart.legend.on_pace": ("Đạt tiến độ", "On pace"),
    "chart.legend.behind_pace": ("Chậm tiến độ", "Behind pace"),
    "chart.group.women": ("Nữ", "Women"),
    "chart.group.youth_union": ("Đoàn viên thanh niên", "Youth Union members"),
    "chart.group.ethnic_minority": ("Dân tộc thiểu số", "Ethnic minorities"),
    "chart.group.religious": ("Người có đạo", "Religious followers"),
    "chart.group.student": ("Học sinh, sinh viên", "Students"),
    "chart.group.private_enterprise": ("Lao động doanh nghiệp tư nhân", "Private-enterprise workers"),
    "chart.group.age_18_30": ("Tuổi từ 18 đến 30", "Aged 18–30"),
    "chart.group.age_31_40": ("Tuổi từ 31 đến 40", "Aged 31–40"),
    "chart.group.age_41_plus": ("Từ 41 tuổi trở lên", "Aged 41 and over"),
    "chart.month.1": ("T1", "Jan"),
    "chart.month.2": ("T2", "Feb"),
    "chart.month.3": ("T3", "Mar"),
    "chart.month.4": ("T4", "Apr"),
    "chart.month.5": ("T5", "May"),
    "chart.month.6": ("T6", "Jun"),
    "chart.month.7": ("T7", "Jul"),
    "chart.month.8": ("T8", "Aug"),
    "chart.month.9": ("T9", "Sep"),
    "chart.month.10": ("T10", "Oct"),
    "chart.month.11": ("T11", "Nov"),
    "chart.month.12": ("T12", "Dec"),
    # --- reports ---
    "period.label.month_ytd": ("{months} tháng đầu năm {year}", "{first}–{last} {year}"),
    "period.label.quarter": ("quý {roman}/{year}", "Q{quarter} {year}"),
    "period.label.year": ("năm {year}", "{year}"),
}


def t(key: str, lang: str = "vi", /, **fields: object) -> str:
    """The label ``key`` in ``lang`` (``"vi"`` or ``"en"``), with ``fields`` formatted in.

    >>> t("metric.no_target")
    'không giao chỉ tiêu'
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    try:
        text = CATALOG[key][LANGS.index(lang)]
    except KeyError:
        raise KeyError(f"no label {key!r} in ketnap.labels.CATALOG") from None
    return text.format(**fields) if fields else text
