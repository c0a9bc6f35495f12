"""The label catalog: every text a report shows, in Vietnamese (default) and English.

Look labels up with :func:`t`; never write report text inline in notebooks or charts. Keys are
dotted English identifiers grouped by where they are used (``report.*``, ``metric.*``,
``chart.*``, ...). Values may hold ``str.format`` fields, filled from ``t``'s keyword arguments.
"""

from __future__ import annotations

from typing import Final, Literal

from ketnap import body
from ketnap.card_labels import LABELS as CARD_LABELS
from ketnap.group_labels import LABELS as GROUP_LABELS
from ketnap.history_labels import LABELS as HISTORY_LABELS
from ketnap.indicator_labels import LABELS as INDICATOR_LABELS
from ketnap.issue_labels import LABELS as ISSUE_LABELS
from ketnap.publish_labels import LABELS as PUBLISH_LABELS
from ketnap.receipt_labels import LABELS as RECEIPT_LABELS
from ketnap.trend_labels import LABELS as TREND_LABELS

__all__ = ["CATALOG", "LANGS", "Lang", "period_key", "t"]

Lang = Literal["vi", "en"]
LANGS: Final[tuple[str, ...]] = ("vi", "en")

# key -> (Vietnamese, English)
CATALOG: dict[str, tuple[str, str]] = {
    # --- general ---
    "org.city": ("{body_name}", "{body_name}"),
    "org.board": ("{body_board}", "{body_board}"),
    "data.synthetic": ("Dữ liệu mô phỏng (không phải số liệu thật)", "Synthetic data (not real figures)"),
    "metric.no_target": ("chưa được giao chỉ tiêu", "no target set"),
    # --- build (report header, index) ---
    "report.city_overview.title": (
        "Kết quả kết nạp đảng viên toàn {body_territory}",
        "Party admissions: {body_territory} overview",
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
    "section.of": ("{heading}, {of}", "{heading}, {of}"),  # a heading and its period or class
    "section.until": ("đến ngày {end}", "to {end}"),
    "section.cumulative": ("Tiến độ kết nạp trong năm", "Admissions through the year"),
    "section.cumulative_year": ("Kết nạp lũy kế theo tháng", "Cumulative admissions by month"),
    "section.sectors": ("Kết quả theo khối", "By sector"),
    "section.training": ("Bồi dưỡng nhận thức về Đảng và kết nạp", "Training class and admission"),
    "section.composition": ("Cơ cấu đảng viên mới", "Who the new members are"),
    "section.behind": ("Tổ chức cơ sở đảng chưa đạt tiến độ", "Organisations behind pace"),
    "section.yoy": ("So với cùng kỳ năm trước", "Compared with the same period last year"),
    "section.yoy_year": ("So với năm trước", "Compared with the year before"),
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
    "column.gap_year": ("Còn thiếu so với chỉ tiêu", "Short of target (people)"),
    "column.group": ("Nhóm", "Group"),
    "column.count": ("Số người", "People"),
    "column.share": ("Tỷ lệ", "Share"),
    "column.period": ("Kỳ", "Period"),
    "column.change": ("Tăng, giảm", "Change"),
    "report.funnel_note": (
        "Lớp bồi dưỡng năm {cohort}: {trained} người; đến ngày {end} đã kết nạp {admitted} người ({pct}). "
        "Thời gian từ khi được cấp giấy chứng nhận đến khi được kết nạp: phổ biến khoảng {days} ngày.",
        "Training class of {cohort}: {trained} people; by {end}, {admitted} had been admitted ({pct}). "
        "Typical time from certificate to admission: about {days} days.",
    ),
    "report.sector.title": ("Kết quả kết nạp đảng viên theo khối", "Party admissions by sector"),
    "report.sector.title_of": ("Kết quả kết nạp đảng viên {name}", "Party admissions by sector: {name}"),
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
    "scorecard.pace.behind": ("Chưa đạt tiến độ", "Behind pace"),
    "scorecard.pace.met": ("Đạt chỉ tiêu", "Target met"),
    "scorecard.pace.missed": ("Không đạt chỉ tiêu", "Target missed"),
    "scorecard.pace.no_target": ("Chưa được giao chỉ tiêu", "No target"),
    "scorecard.flag.behind_pace": ("chưa đạt tiến độ", "behind pace"),
    "scorecard.flag.missed": ("không đạt chỉ tiêu", "target missed"),
    "scorecard.flag.no_admissions": ("chưa kết nạp", "none admitted yet"),
    "scorecard.flag.no_admissions_year": ("không kết nạp", "none admitted"),
    "scorecard.flag.below_10pct": ("đã kết nạp, chưa đạt 10% chỉ tiêu", "some admitted, below 10% of target"),
    "scorecard.flag.none_2y": ("2 năm liền không kết nạp", "none for 2+ years"),
    "scorecard.card.missed": ("Tổ chức không đạt chỉ tiêu", "Organisations that missed the target"),
    "scorecard.card.no_admissions_year": ("Tổ chức không kết nạp được đảng viên", "Organisations with no admissions"),
    "scorecard.list.no_admissions": (
        "Từ đầu năm đến nay chưa kết nạp được đảng viên nào",
        "No admissions since the start of the year",
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
    "report.sector.section.composition": ("Cơ cấu đảng viên mới theo tổ chức", "New members by organisation"),
    "report.sector.composition_note": (
        "Để bảo vệ thông tin cá nhân, số liệu dưới {threshold} người (của một nhóm, hoặc số còn lại ngoài nhóm) "
        'không được công bố. Tổ chức có số liệu như vậy không nêu riêng mà gộp vào dòng "Các tổ chức khác"; khi cần, '
        'gộp thêm để không thể tính ngược từ dòng "Cộng". Ô ghi "ẩn" là số liệu không công bố. '
        "Tổ chức chưa kết nạp đảng viên nào không có trong bảng.",
        "To protect personal data, no count under {threshold} people (of a group, or of the rest outside it) is "
        'published. An organisation with such a count is not shown on its own but within "Other organisations"; '
        'where needed, more are, so that none can be worked out from the "Total" row. "Hidden" marks a count not '
        "published. Organisations that admitted nobody are not listed.",
    ),
    "report.composition_note": (
        "Để bảo vệ thông tin cá nhân, nhóm có dưới {threshold} người (hoặc còn dưới {threshold} người ngoài nhóm) "
        'ghi "ẩn"; nhóm tuổi có dưới {threshold} người được gộp với nhóm tuổi liền kề.',
        "To protect personal data, a group of under {threshold} people (or with under {threshold} outside it) "
        'reads "hidden"; an age band of under {threshold} people is merged with the next one.',
    ),
    "privacy.hidden": ("ẩn", "hidden"),
    "privacy.others": (
        "Các tổ chức khác ({count} tổ chức, không công bố riêng)",
        "Other organisations ({count}, not shown one by one)",
    ),
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
        "Chấm rỗng: tổ chức chưa đạt tiến độ, tức số đã kết nạp thấp hơn số cần đạt theo tiến độ ({pace} chỉ "
        "tiêu năm, tính tròn xuống đến người).",
        "Hollow dot: behind pace, that is fewer admitted than the whole people due by now ({pace} of the "
        "annual target, rounded down).",
    ),
    "report.sector.ranking_note_year": (
        "Chấm rỗng: tổ chức không đạt chỉ tiêu năm; “còn thiếu” là số người chưa kết nạp được so với chỉ tiêu.",
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
        "{when}, trong {with_target} tổ chức cơ sở đảng được giao chỉ tiêu, có {behind} tổ chức chưa đạt tiến "
        "độ kết nạp; {none} tổ chức chưa kết nạp được đảng viên nào.{no_target}",
        "{when}, {behind} of the {with_target} grassroots organisations with a target are behind pace; "
        "{none} have admitted nobody yet.{no_target}",
    ),
    "report.organisations.summary_year": (
        "{when}, trong {with_target} tổ chức cơ sở đảng được giao chỉ tiêu, có {behind} tổ chức không hoàn "
        "thành chỉ tiêu, trong đó {none} tổ chức không kết nạp được đảng viên nào.{no_target}",
        "{when}, {behind} of the {with_target} grassroots organisations with a target missed it, "
        "{none} of them admitting nobody.{no_target}",
    ),
    "table.total": ("Cộng", "Total"),
    "table.total_sectors": ("Cộng các khối (theo chỉ tiêu đã giao)", "All sectors (assigned targets)"),
    "table.total_city": (
        "Toàn {body_territory} (theo chỉ tiêu của {body_territory})",
        "{body_Territory} (the {body_territory}'s own target)",
    ),
    "report.organisations.no_target": (
        " Có {count} tổ chức chưa được giao chỉ tiêu (không tính ở trên).",
        " {count} had no target (not counted above).",
    ),
    "report.organisations.highlight": (
        "Dòng tô màu: tổ chức chưa đạt tiến độ, tức số đã kết nạp thấp hơn số cần đạt theo tiến độ ({pace} "
        "chỉ tiêu năm, tính tròn xuống đến người).",
        "Shaded rows: behind pace, that is fewer admitted than the whole people due by now ({pace} of the "
        "annual target, rounded down).",
    ),
    "report.organisations.highlight_year": (
        "Dòng tô màu: tổ chức không đạt chỉ tiêu năm.",
        "Shaded rows: target missed.",
    ),
    "report.organisations.sheet": ("Bảng theo dõi", "Scorecard"),
    # --- report: training-pipeline, annual-review ---
    "pipeline.status.met": ("Đạt chỉ tiêu", "Target met"),
    "pipeline.sheet.training": ("Bồi dưỡng theo khối", "Training by sector"),
    "pipeline.sheet.conversion": ("Kết nạp theo năm học", "Admitted by class year"),
    "pipeline.sheet.due": ("Đến hạn chuyển chính thức", "Due for full membership"),
    "review.sheet.missed": ("Không đạt chỉ tiêu", "Missed target"),
    "pipeline.status.missed": ("Không đạt chỉ tiêu", "Target missed"),
    "pipeline.status.no_target": ("Chưa được giao chỉ tiêu", "No target"),
    "pipeline.total": ("Toàn {body_territory}", "Whole {body_territory}"),
    "pipeline.cohort.partial": ("{year} (đến {end})", "{year} (to {end})"),
    "pipeline.section.training": ("Tham gia lớp bồi dưỡng so với kế hoạch", "Training-class attendance against plan"),
    "pipeline.section.conversion": (
        "Từ bồi dưỡng đến kết nạp, theo năm học",
        "From training to admission, by class year",
    ),
    "pipeline.section.days": (
        "Thời gian từ khi học lớp bồi dưỡng đến khi được kết nạp",
        "Time from the training class to admission",
    ),
    "pipeline.section.due": (
        "Đảng viên dự bị đến hạn xét chuyển chính thức",
        "Probationary members due for full membership",
    ),
    "pipeline.section.due_by_organisation": (
        "Tổ chức cơ sở đảng có đảng viên dự bị đến hạn hoặc quá hạn chưa chuyển chính thức",
        "Organisations with probationary members due or overdue",
    ),
    "pipeline.column.organisations_with_trainees": ("Số tổ chức cử người học", "Organisations sending trainees"),
    "pipeline.column.trained": ("Số người học", "Trained"),
    "pipeline.column.training_plan": ("Kế hoạch năm", "Annual plan"),
    "pipeline.column.training_attainment_pct": ("Tỷ lệ so với kế hoạch", "Share of plan"),
    "pipeline.column.cohort": ("Lớp bồi dưỡng năm", "Class of"),
    "pipeline.column.admitted": ("Đã kết nạp", "Since admitted"),
    "pipeline.column.conversion_pct": ("Tỷ lệ kết nạp", "Share admitted"),
    "pipeline.column.full_members": ("Đã chuyển chính thức", "Now full members"),
    "pipeline.column.due": ("Đến hạn trong kỳ", "Due in the period"),
    "pipeline.column.converted": ("Đã chuyển chính thức", "Converted"),
    "pipeline.column.awaiting": ("Đến hạn, chưa chuyển", "Due, not converted"),
    "pipeline.column.overdue": ("Quá hạn từ trước kỳ", "Overdue from before"),
    "pipeline.column.outstanding": ("Tổng số chưa chuyển", "Outstanding"),
    "pipeline.column.upcoming": ("Đến hạn trong 3 tháng tới", "Due in the next 3 months"),
    "pipeline.card.median_days": (
        "Thời gian phổ biến từ bồi dưỡng đến kết nạp",
        "Typical time from training to admission",
    ),
    "pipeline.card.outstanding": (
        "Đảng viên dự bị đến hạn hoặc quá hạn, chưa chuyển chính thức",
        "Probationary members due or overdue, not converted",
    ),
    "pipeline.card.due": ("Đến hạn xét chuyển chính thức trong kỳ", "Due for full membership in the period"),
    "pipeline.card.converted": ("Đã chuyển chính thức", "Converted"),
    "pipeline.card.awaiting": ("Đến hạn, chưa có quyết định", "Due, no decision yet"),
    "pipeline.card.overdue": ("Quá hạn từ trước kỳ", "Overdue from before the period"),
    "pipeline.card.upcoming": ("Sẽ đến hạn trong 3 tháng tới", "Due in the next 3 months"),
    "pipeline.value.days": ("{days} ngày", "{days} days"),
    "pipeline.note.plans": (
        "Kế hoạch của mỗi khối là tổng kế hoạch của các tổ chức cơ sở đảng trong khối; kế hoạch toàn "
        "{body_territory} là kế hoạch chung của {body_committee}, nên tổng kế hoạch các khối lớn hơn kế hoạch "
        "toàn {body_territory}.",
        "A sector's plan is the sum of its organisations' plans; the {body_territory}'s plan is the one set for "
        "the {body_territory} as a whole, so the sectors' plans add up to more than the {body_territory}'s.",
    ),
    "pipeline.note.annual_plan": (
        "Kế hoạch tính cho cả năm; đến hết kỳ báo cáo mới qua {elapsed} thời gian của năm.",
        "Plans are for the whole year; by the end of the period {elapsed} of the year has gone.",
    ),
    "pipeline.conversion.sentence": (
        "Trong {trained} người học lớp bồi dưỡng năm {cohort}, đến ngày {end} đã có {admitted} người được kết "
        "nạp ({pct}).",
        "Of the {trained} people trained in {cohort}, {admitted} had been admitted by {end} ({pct}).",
    ),
    "pipeline.note.censoring": (
        "Tỷ lệ được kết nạp tính đến hết kỳ báo cáo. Các năm gần đây có tỷ lệ thấp hơn vì nhiều người mới học "
        "xong, chưa đủ thời gian để được xem xét kết nạp.",
        "Admissions are counted up to the end of the period. Recent class years show lower shares because many "
        "have only just finished the class and have not yet had time to be considered for admission.",
    ),
    "pipeline.days.sentence": (
        "{when}, có {admitted} đảng viên được kết nạp, trong đó {with_training} người có giấy chứng nhận học "
        "lớp bồi dưỡng từ trước. Thời gian từ khi được cấp giấy chứng nhận đến khi được kết nạp: phổ biến "
        "khoảng {median} ngày (khoảng {months} tháng); một nửa số trường hợp trong khoảng {q1}–{q3} ngày.",
        "{when}, {admitted} members were admitted, {with_training} of them holding a training certificate "
        "from before. Time from certificate to admission: typically about {median} days (about {months} "
        "months); half of them took {q1}–{q3} days.",
    ),
    "pipeline.days.none": (
        "{when}, không có đảng viên mới nào có giấy chứng nhận học lớp bồi dưỡng từ trước khi kết nạp.",
        "{when}, no new member held a training certificate dated before their admission.",
    ),
    "pipeline.due.rule": (
        "Đảng viên dự bị đến hạn xét chuyển chính thức khi đủ 12 tháng kể từ ngày kết nạp (người kết nạp ngày "
        "29/02 đến hạn ngày 28/02 năm sau). Số liệu chỉ thống kê số lượng theo tổ chức cơ sở đảng.",
        "A probationary member is due for full membership 12 months after admission (someone admitted on "
        "29/02 is due on 28/02 the next year). Only counts per organisation are shown.",
    ),
    "pipeline.due.sentence": (
        "{when}, có {due} đảng viên dự bị đến hạn xét chuyển chính thức, trong đó {converted} đồng chí đã "
        "được chuyển chính thức và {awaiting} đồng chí đến ngày {end} chưa có quyết định.",
        "{when}, {due} probationary members were due for full membership: {converted} have been converted "
        "and {awaiting} had no decision by {end}.",
    ),
    "pipeline.due.overdue": (
        "Ngoài ra có {overdue} đồng chí đã quá hạn từ trước kỳ báo cáo mà đến ngày {end} chưa chuyển chính thức.",
        "Another {overdue} were overdue from before the period and still not converted by {end}.",
    ),
    "pipeline.due.none_outstanding": (
        "Không có tổ chức cơ sở đảng nào có đảng viên dự bị đến hạn hoặc quá hạn mà chưa chuyển chính thức.",
        "No organisation has a probationary member due or overdue without a conversion.",
    ),
    "pipeline.alt.training": (
        "Biểu đồ số người học lớp bồi dưỡng so với kế hoạch, theo khối",
        "Chart of training-class attendance against the plan, by sector",
    ),
    "pipeline.alt.days": (
        "Biểu đồ thời gian từ khi học lớp bồi dưỡng đến khi kết nạp",
        "Chart of the time from the training class to admission",
    ),
    "pipeline.alt.status": (
        "Biểu đồ số tổ chức đạt, không đạt chỉ tiêu kết nạp theo khối",
        "Chart of organisations meeting or missing their admissions target, by sector",
    ),
    "pipeline.chart.no_plan": ("Học {trained} · không giao kế hoạch", "{trained} trained · no plan"),
    "pipeline.chart.plan_line": ("Kế hoạch năm (100%)", "Annual plan (100%)"),
    "pipeline.chart.axis.training": ("Số người học so với kế hoạch năm", "Attendance against the annual plan"),
    "pipeline.chart.axis.share_admitted": (
        "Tỷ lệ trong số đảng viên mới có giấy chứng nhận",
        "Share of new members holding a certificate",
    ),
    "pipeline.chart.axis.organisations": ("Số tổ chức cơ sở đảng", "Grassroots organisations"),
    "pipeline.chart.band.0_3": ("Dưới 3 tháng", "Under 3 months"),
    "pipeline.chart.band.3_6": ("Từ 3 đến dưới 6 tháng", "3 to under 6 months"),
    "pipeline.chart.band.6_12": ("Từ 6 đến dưới 12 tháng", "6 to under 12 months"),
    "pipeline.chart.band.12_24": ("Từ 12 đến dưới 24 tháng", "12 to under 24 months"),
    "pipeline.chart.band.24_plus": ("Từ 24 tháng trở lên", "24 months or more"),
    "review.section.summary": ("Tổng hợp theo khối", "Summary by sector"),
    "review.section.missed": (
        "Tổ chức cơ sở đảng không đạt chỉ tiêu kết nạp",
        "Organisations that missed their target",
    ),
    "review.section.organisations": ("Kết quả từng tổ chức cơ sở đảng", "Each organisation's result"),
    "review.result.met": ("Đạt", "Met"),
    "review.result.missed": ("Không đạt", "Missed"),
    "review.result.no_target": ("Chưa được giao chỉ tiêu", "No target"),
    "review.column.organisations": ("Số tổ chức", "Organisations"),
    "review.column.met": ("Đạt chỉ tiêu", "Met"),
    "review.column.missed": ("Không đạt", "Missed"),
    "review.column.no_target": ("Chưa được giao chỉ tiêu", "No target"),
    "review.column.shortfall": ("Tổng số còn thiếu (người)", "Total short (people)"),
    "review.column.admitted": ("Kết nạp", "Admitted"),
    "review.column.target": ("Chỉ tiêu", "Target"),
    "review.column.attainment": ("Tỷ lệ đạt", "Attainment"),
    "review.column.result": ("Kết quả", "Result"),
    "review.column.difference": ("Vượt (+), thiếu (−) (người)", "Over (+) / under (−)"),
    "review.column.short": ("Còn thiếu (người)", "Short (people)"),
    "review.column.last_year": ("Kết nạp năm {year}", "Admitted in {year}"),
    "review.column.change": ("Tăng (+), giảm (−) so với năm {year}", "Change on {year}"),
    "review.card.met": ("Tổ chức đạt chỉ tiêu", "Organisations that met their target"),
    "review.card.missed": ("Tổ chức không đạt chỉ tiêu", "Organisations that missed it"),
    "review.card.no_target": ("Tổ chức chưa được giao chỉ tiêu", "Organisations with no target"),
    "review.summary.sentence": (
        "Năm {year}, trong {total} tổ chức cơ sở đảng có {with_target} tổ chức được giao chỉ tiêu kết nạp: "
        "{met} tổ chức đạt và vượt chỉ tiêu, {missed} tổ chức không đạt (tổng cộng còn thiếu {shortfall} đảng "
        "viên); {no_target} tổ chức chưa được giao chỉ tiêu.",
        "In {year}, {with_target} of {total} grassroots organisations had an admissions target: {met} met or "
        "exceeded it and {missed} missed it ({shortfall} members short in all); {no_target} had no target.",
    ),
    "review.missed.none": (
        "Tất cả các tổ chức được giao chỉ tiêu đều đạt chỉ tiêu kết nạp.",
        "Every organisation with a target met it.",
    ),
    "review.note.method": (
        "Đạt chỉ tiêu: số đảng viên kết nạp trong năm bằng hoặc vượt chỉ tiêu được giao; chỉ tiêu bằng 0 coi "
        "như không giao chỉ tiêu. Vượt, thiếu = số kết nạp trừ chỉ tiêu. Số kết nạp năm trước ghi “–” khi "
        "tổ chức chưa thành lập.",
        "Target met: admissions in the year equal to or above the target; a target of 0 counts as no target. "
        "Over/under = admitted minus target. Last year's figure reads “–” where the organisation did not exist.",
    ),
    "review.note.created": (
        "Thành lập trong năm, chỉ có kết quả của một phần năm: {names}.",
        "Founded during the year, so judged on part of it: {names}.",
    ),
    "review.note.partial_year": (
        "Lưu ý: số liệu mới đến ngày {as_of}, chưa đủ cả năm {year}; đây chưa phải kết quả cả năm.",
        "Note: the data only run to {as_of}, not the whole of {year}; these are not full-year results.",
    ),
    # --- report: data-quality, explore ---
    "quality.lead": (
        "Lần nạp số liệu ngày {date} đã đọc {files} tệp ({returns} tệp báo cáo của các tổ chức cơ sở đảng, "
        "{reference} tệp danh mục) với {rows} dòng: {loaded} dòng được đưa vào số liệu, {quarantined} dòng "
        "bị loại do có lỗi, nằm trong {files_quarantined} tệp.",
        "The ingestion of {date} read {files} files ({returns} returns of grassroots organisations, "
        "{reference} reference files) with {rows} rows: {loaded} rows loaded, {quarantined} rows rejected "
        "for errors, in {files_quarantined} files.",
    ),
    "quality.scope": (
        "Phạm vi: các tệp danh mục và các tệp báo cáo từ năm đầu tiên đến năm {year}.",
        "Scope: the reference files and the returns of every year up to {year}.",
    ),
    "quality.balance.ok": (
        "Đối chiếu khớp ở tất cả các tệp: số dòng đọc = số dòng đưa vào + số dòng bị loại.",
        "Every file reconciles: rows read = rows loaded + rows rejected.",
    ),
    "quality.balance.bad": (
        "Đối chiếu KHÔNG khớp ở {count} tệp (số dòng đọc khác số dòng đưa vào + số dòng bị loại): "
        "báo cho người phụ trách chương trình.",
        "{count} files do NOT reconcile (rows read differ from loaded + rejected): tell the maintainer.",
    ),
    "quality.how_to_fix": (
        "Cách sửa: tổ chức cơ sở đảng sửa đúng tệp, trang tính, dòng và cột nêu dưới đây rồi gửi lại cả tệp; "
        "Ban Tổ chức thay tệp cũ bằng tệp đã sửa và chạy lại bước nạp số liệu (make data). Dòng bị loại "
        "không được tính vào bất kỳ số liệu nào cho đến khi được sửa.",
        "To fix: the organisation corrects the file, sheet, row and column listed below and sends the whole "
        "file again; the Board replaces the old file and runs the ingestion again (make data). A rejected "
        "row counts in no figure until it is fixed.",
    ),
    "quality.privacy_note": (
        "Cột Giá trị không bao giờ hiện họ tên, ngày sinh hay số CCCD; giá trị nào có thể là thông tin cá "
        "nhân đều được ẩn. Một dòng có thể có nhiều lỗi: mỗi lỗi một hàng trong bảng. Số dòng là số dòng "
        "như Excel hiển thị.",
        "The Value column never shows names, birth dates or ID numbers; any value that may be personal data "
        "is withheld. One row may break several rules: one line per rule. Row numbers are as Excel shows them.",
    ),
    "quality.missing_note": (
        "Tổ chức cơ sở đảng hoạt động trong năm {year} mà không có tệp báo cáo năm {year} dùng được. Một tệp "
        "được gắn với tổ chức theo các dòng số liệu đã đưa vào, hoặc theo tên tệp khi tên tệp là mã hay tên "
        "của tổ chức (ví dụ DN05.xlsx); nên đặt tên tệp theo mã tổ chức.",
        "Grassroots organisations active in {year} without a usable {year} return. A file is matched to its "
        "organisation by the rows it loaded, or by its name when the name is the organisation's code or "
        "name (e.g. DN05.xlsx); name files by organisation code.",
    ),
    "quality.unattributed_note": (
        "{count} tệp báo cáo năm {year} chưa xác định được của tổ chức nào (xem bảng các tệp có dòng bị "
        "loại): nếu một tổ chức ở trên đã gửi một trong các tệp này thì tổ chức đó không thiếu báo cáo.",
        "{count} returns of {year} could not be matched to an organisation (see the files with rejected "
        "rows): an organisation above that sent one of them is not missing its return.",
    ),
    "quality.section.reconciliation": ("Đối chiếu số dòng theo khối và năm", "Rows by sector and year"),
    "quality.section.files": ("Các tệp có dòng bị loại", "Files with rejected rows"),
    "quality.section.rules": ("Các loại lỗi và cách sửa", "Errors by rule, and how to fix them"),
    "quality.section.quarantine": ("Danh sách dòng bị loại", "Rejected rows"),
    "quality.section.warnings": ("Cảnh báo (không loại dòng nào)", "Warnings (nothing rejected)"),
    "quality.section.unreadable": ("Tệp không đọc được", "Unreadable files"),
    "quality.section.missing": ("Tổ chức chưa có báo cáo năm {year}", "Organisations without a {year} return"),
    "quality.card.files": ("Số tệp đã đọc", "Files read"),
    "quality.card.rows_read": ("Số dòng đã đọc", "Rows read"),
    "quality.card.loaded": ("Số dòng đưa vào số liệu", "Rows loaded"),
    "quality.card.quarantined": ("Số dòng bị loại", "Rows rejected"),
    "quality.card.files_quarantined": ("Số tệp có dòng bị loại", "Files with rejected rows"),
    "quality.card.unreadable": ("Số tệp không đọc được", "Unreadable files"),
    "quality.card.missing": ("Tổ chức chưa có báo cáo năm {year}", "Organisations without a {year} return"),
    "quality.card.warnings": ("Số cảnh báo", "Warnings"),
    "quality.card.quarantined_note": ("{pct} số dòng đã đọc", "{pct} of rows read"),
    "quality.column.file": ("Tệp", "File"),
    "quality.column.year": ("Năm", "Year"),
    "quality.column.group": ("Khối", "Sector"),
    "quality.column.sheet": ("Trang tính", "Sheet"),
    "quality.column.row": ("Dòng", "Row"),
    "quality.column.column": ("Cột", "Column"),
    "quality.column.rule": ("Mã lỗi", "Rule"),
    "quality.column.rule_name": ("Lỗi", "Error"),
    "quality.column.explanation": ("Cách sửa", "How to fix"),
    "quality.column.value": ("Giá trị", "Value"),
    "quality.column.files": ("Số tệp", "Files"),
    "quality.column.files_quarantined": ("Tệp có dòng bị loại", "Files with rejected rows"),
    "quality.column.rows_read": ("Dòng đã đọc", "Rows read"),
    "quality.column.loaded": ("Đưa vào", "Loaded"),
    "quality.column.quarantined": ("Bị loại", "Rejected"),
    "quality.column.lines": ("Số lỗi", "Errors"),
    "quality.column.rows": ("Số dòng", "Rows"),
    "quality.column.note": ("Ghi chú", "Note"),
    "quality.column.reason": ("Lý do (thông báo của chương trình)", "Reason (from the program)"),
    "quality.column.status": ("Tình trạng", "Status"),
    "quality.group.reference": ("Danh mục (khối, tổ chức, chỉ tiêu)", "Reference data"),
    "quality.group.unattributed": ("Chưa xác định được tổ chức", "Organisation not identified"),
    "quality.note.unreadable": ("không đọc được", "unreadable"),
    "quality.note.rejected_whole": ("cả tệp bị loại", "whole file rejected"),
    "quality.status.not_sent": ("Chưa gửi báo cáo", "No return"),
    "quality.status.not_reported": (
        "Chưa gửi báo cáo {month}; lần gửi gần nhất: {last}",
        "No return for {month} yet; last return: {last}",
    ),
    "quality.card.not_reported": ("Tổ chức chưa báo cáo {month}", "Not yet reported for {month}"),
    "quality.not_reported_note": (
        "Cùng danh sách với báo cáo “Tình hình gửi báo cáo”, theo sổ theo dõi báo cáo gửi về: tổ chức cơ sở "
        "đảng phải báo cáo mà chưa gửi báo cáo {month}, tháng cuối của kỳ (mỗi báo cáo tháng có toàn bộ số liệu "
        "từ đầu năm). Tổ chức đã gửi tệp nhưng cả tệp bị loại cũng được nêu ở đây.",
        "The same list as the “Returns received” report, from the returns register: organisations due to "
        "report that have not sent their return for {month}, the period's last month (each monthly return "
        "holds every row since January). Organisations whose files were rejected as a whole are listed too.",
    ),
    "quality.status.rejected": ("Có tệp nhưng cả tệp bị loại: {files}", "Sent, but rejected as a whole: {files}"),
    "quality.sheet.reconciliation": ("Đối chiếu", "Reconciliation"),
    "quality.sheet.files": ("Tệp có dòng bị loại", "Files with rejected rows"),
    "quality.sheet.rules": ("Loại lỗi", "Rules"),
    "quality.sheet.quarantine": ("Dòng bị loại", "Rejected rows"),
    "quality.sheet.warnings": ("Cảnh báo", "Warnings"),
    "quality.sheet.unreadable": ("Tệp không đọc được", "Unreadable files"),
    "quality.sheet.missing": ("Chưa có báo cáo {year}", "No return {year}"),
    "quality.rule_item": ("{name} — {fix}", "{name} — {fix}"),
    "quality.value.withheld": ("(đã ẩn: có thể là thông tin cá nhân)", "(withheld: may be personal data)"),
    "quality.none.quarantine": ("Không có dòng nào bị loại.", "No row was rejected."),
    "quality.none.warnings": ("Không có cảnh báo.", "No warnings."),
    "quality.none.unreadable": ("Không có tệp nào không đọc được.", "Every file could be read."),
    "quality.none.missing": (
        "Tất cả các tổ chức cơ sở đảng hoạt động trong năm {year} đều đã có báo cáo năm {year}.",
        "Every grassroots organisation active in {year} has a {year} return.",
    ),
    # Short names of the ingestion rules (ketnap.schema.RULES), then what each means and how to fix it.
    "quality.rule.formula-cell": ("Ô công thức chưa có kết quả", "Formula without a saved result"),
    "quality.rule.hidden-sheet": ("Trang tính bị ẩn", "Hidden sheet"),
    "quality.fix.formula-cell": (
        "Mở tệp bằng Excel, lưu lại rồi gửi lại, hoặc gõ giá trị thay cho công thức.",
        "Open the file in Excel, save it and send it again, or type the value instead of the formula.",
    ),
    "quality.fix.hidden-sheet": (
        "Trang tính bị ẩn vẫn được đọc; kiểm tra các dòng trong đó đúng là cần gửi.",
        "A hidden sheet is read anyway; check its rows are meant to be sent.",
    ),
    "quality.rule.unreadable-file": ("Không đọc được tệp", "Unreadable file"),
    "quality.rule.missing-field": ("Thiếu thông tin bắt buộc", "Required field empty"),
    "quality.rule.unknown-organisation": ("Tổ chức không có trong danh sách", "Unknown organisation"),
    "quality.rule.unknown-category": ("Giá trị không thuộc danh mục", "Value not an allowed category"),
    "quality.rule.unparsable-date": ("Không phải ngày tháng", "Not a date"),
    "quality.rule.impossible-date": ("Ngày không có thật", "Impossible date"),
    "quality.rule.date-outside-period": ("Ngày không thuộc năm báo cáo", "Date outside the return's year"),
    "quality.rule.future-date": ("Ngày ở tương lai", "Date in the future"),
    "quality.rule.date-order": ("Ngày chuyển chính thức trước ngày kết nạp", "Conversion before admission"),
    "quality.rule.under-18": ("Chưa đủ 18 tuổi khi kết nạp", "Under 18 at admission"),
    "quality.rule.duplicate-person": ("Một người được ghi hai lần", "Same person twice"),
    "quality.rule.duplicate-certificate": ("Một giấy chứng nhận được ghi hai lần", "Same certificate twice"),
    "quality.rule.duplicate-row": ("Dòng danh mục bị lặp", "Repeated reference row"),
    "quality.rule.bad-id-number": ("Số CCCD không đủ 12 chữ số", "ID number not 12 digits"),
    "quality.rule.bad-number": ("Không phải số nguyên không âm", "Not a whole number ≥ 0"),
    "quality.rule.year-mismatch": ("Năm báo cáo khác thư mục năm", "Year differs from its folder"),
    "quality.rule.extra-column": ("Cột ngoài mẫu", "Extra column"),
    "quality.rule.extra-sheet": ("Trang tính ngoài mẫu", "Extra sheet"),
    "quality.rule.missing-sheet": ("Thiếu trang tính không bắt buộc", "Optional sheet missing"),
    "quality.rule.legacy-encoding": ("Tệp CSV không phải UTF-8", "CSV not in UTF-8"),
    "quality.rule.footer-rows": ("Dòng cuối bảng (tổng cộng, chữ ký)", "Footer under the table"),
    "quality.rule.id-number-restored": ("Số CCCD bị mất số 0 ở đầu", "ID number lost its leading zero"),
    "quality.rule.attachment": ("Tệp kèm theo, không phải báo cáo", "Attachment, not a return"),
    "quality.rule.nil-return": ("Báo cáo không có người được kết nạp", "Nil return (no admissions)"),
    "quality.rule.superseded-version": ("Bản cũ đã được thay thế", "Superseded version"),
    "quality.rule.wrong-extension": ("Tệp Excel mang đuôi khác", "Workbook under another extension"),
    "quality.rule.merged-value": ("Ô gộp (merge) nhiều dòng", "Cells merged down several rows"),
    "quality.fix.unreadable-file": (
        "Tệp không phải .xlsx, bị hỏng, có mật khẩu, rỗng, hoặc thiếu trang tính hay dòng tiêu đề bắt buộc: "
        "lưu lại thành .xlsx theo đúng mẫu, bỏ mật khẩu, rồi gửi lại.",
        "The file cannot be read at all (not an .xlsx workbook, corrupt, password-protected, empty, or a "
        "required sheet or header row missing): save it as .xlsx from the template, without a password.",
    ),
    "quality.fix.missing-field": (
        "Điền đủ ô bắt buộc. Nếu thiếu ở trang Thông tin thì cả tệp bị loại.",
        "A required cell is empty: fill it in. In the Thông tin sheet this rejects the whole file.",
    ),
    "quality.fix.unknown-organisation": (
        "Ghi đúng mã tổ chức (ví dụ PX01) hoặc đúng tên như trong danh sách tổ chức cơ sở đảng. Nếu sai ở "
        "trang Thông tin thì cả tệp bị loại.",
        "Neither a known organisation code nor name: use the code (e.g. PX01) or the name as listed. In the "
        "Thông tin sheet this rejects the whole file.",
    ),
    "quality.fix.unknown-category": (
        "Chọn đúng một giá trị trong danh mục (xem trang Hướng dẫn của mẫu), ví dụ Giới tính chỉ ghi Nam hoặc Nữ.",
        "Not one of the allowed values: pick one from the list (see the template's Hướng dẫn sheet), e.g. "
        "Nam or Nữ for sex.",
    ),
    "quality.fix.unparsable-date": (
        "Nhập ngày kiểu Excel hoặc gõ dd/mm/yyyy (ví dụ 05/03/2023).",
        "Not a date: enter an Excel date or type dd/mm/yyyy (e.g. 05/03/2023).",
    ),
    "quality.fix.impossible-date": (
        "Ngày không tồn tại (như 31/02/2023) hoặc năm không hợp lý: kiểm tra lại ngày, tháng, năm.",
        "No such date (e.g. 31/02/2023) or an implausible year: check day, month and year.",
    ),
    "quality.fix.date-outside-period": (
        "Ghi dòng này vào báo cáo của đúng năm đó, hoặc sửa lại ngày.",
        "The date is not in the return's year: put the row in that year's return, or correct the date.",
    ),
    "quality.fix.future-date": (
        "Ngày sau ngày nạp số liệu: kiểm tra lại ngày, tháng, năm.",
        "The date is after the day of ingestion: check day, month and year.",
    ),
    "quality.fix.date-order": (
        "Ngày chuyển chính thức phải sau ngày kết nạp: kiểm tra lại hai ngày này.",
        "The conversion must come after the admission: check both dates.",
    ),
    "quality.fix.under-18": (
        "Kiểm tra lại ngày sinh và ngày kết nạp: người được kết nạp phải đủ 18 tuổi.",
        "Under 18 on the admission date: check the birth date and the admission date.",
    ),
    "quality.fix.duplicate-person": (
        "Cùng một số CCCD xuất hiện hai lần, chỉ lần ghi đầu tiên được tính: xóa dòng lặp, hoặc sửa số CCCD "
        "nếu ghi nhầm.",
        "The same person (same ID number) appears twice: only the first is counted; delete the repeat or "
        "correct the ID number.",
    ),
    "quality.fix.duplicate-certificate": (
        "Cùng một người (cùng số CCCD) với cùng ngày cấp giấy chứng nhận đã có ở dòng hoặc báo cáo khác, chỉ "
        "tính một lần: xóa dòng lặp, hoặc sửa số CCCD hay ngày cấp nếu ghi nhầm.",
        "The same person (same ID number) with the same certificate date is already listed, here or in "
        "another return: counted once; delete the repeat, or correct the ID number or the date.",
    ),
    "quality.fix.duplicate-row": (
        "Mã hoặc tên đã có ở dòng trên, chỉ dòng đầu tiên được tính: xóa dòng lặp.",
        "A reference row repeats a code or name listed above: only the first is kept; delete the repeat.",
    ),
    "quality.fix.bad-id-number": (
        "Ghi đủ 12 chữ số CCCD (không dùng số CMND 9 chữ số cũ); định dạng ô là văn bản để không mất số 0 ở đầu.",
        "The ID number (CCCD) must have 12 digits (not the old 9-digit CMND); format the cell as text so "
        "the leading 0 stays.",
    ),
    "quality.fix.bad-number": (
        "Ghi một số nguyên từ 0 trở lên (ví dụ 12).",
        "Must be a whole number, 0 or more (e.g. 12).",
    ),
    "quality.fix.year-mismatch": (
        "Năm báo cáo ở trang Thông tin khác thư mục năm chứa tệp, cả tệp bị loại: sửa năm hoặc đặt tệp vào "
        "đúng thư mục.",
        "The Năm báo cáo in Thông tin differs from the file's year folder: correct one; the whole file is rejected.",
    ),
    "quality.fix.extra-column": (
        "Cột không có trong mẫu được bỏ qua, không ảnh hưởng số liệu.",
        "A column the template does not have: ignored, no figure is affected.",
    ),
    "quality.fix.extra-sheet": (
        "Trang tính không có trong mẫu được bỏ qua, không ảnh hưởng số liệu.",
        "A sheet the template does not have: ignored.",
    ),
    "quality.fix.missing-sheet": (
        "Trang tính không bắt buộc bị thiếu được coi là không có dòng nào; nên dùng đúng mẫu.",
        "An optional sheet is absent: read as empty; use the template.",
    ),
    "quality.fix.footer-rows": (
        "Các dòng tổng cộng, người lập biểu, chữ ký, địa danh và ngày tháng dưới bảng không được đọc; không cần xóa.",
        "Totals, the preparer, signatures and the place-and-date line under a table are not read; no need "
        "to remove them.",
    ),
    "quality.fix.id-number-restored": (
        "Đã đọc với số 0 ở đầu được khôi phục; định dạng cột Số CCCD là Văn bản (Text) và gõ đủ 12 chữ số.",
        "Read with the leading zero(s) restored; format the CCCD column as Text and type all 12 digits.",
    ),
    "quality.fix.superseded-version": (
        "Đã có bản gửi mới hơn của cùng tổ chức, cùng năm: số liệu lấy theo bản mới; bản cũ được lưu lại, không "
        "cần làm gì.",
        "A newer version of the same organisation's return for the year arrived: the figures use it; the old "
        "one is kept on file, nothing to do.",
    ),
    "quality.fix.nil-return": (
        "Trang Kết nạp trống hoặc không có: báo cáo được hiểu là không kết nạp ai; nếu có người được kết nạp, "
        "ghi vào trang Kết nạp rồi gửi lại.",
        "The Kết nạp sheet is absent or empty: read as no admissions; if there were some, add them and send "
        "the return again.",
    ),
    "quality.fix.attachment": (
        "Bản chụp, văn bản, tệp khóa ~$ hay Thumbs.db cạnh báo cáo được giữ lại nhưng không đọc; báo cáo "
        "gửi dạng .xlsx theo mẫu.",
        "Scans, documents, ~$ lock files and Thumbs.db beside the returns are kept, not read; send returns "
        "as .xlsx from the template.",
    ),
    "quality.fix.wrong-extension": (
        "Tệp là bảng tính Excel nhưng mang đuôi khác nên vẫn được đọc; lưu lại với đuôi .xlsx.",
        "The file is an Excel workbook under another extension and is read anyway; save it as .xlsx.",
    ),
    "quality.fix.merged-value": (
        "Giá trị của ô gộp được tính cho từng dòng trong vùng gộp; nếu các dòng khác nhau, bỏ gộp ô và ghi giá "
        "trị riêng cho từng dòng. Không gộp ô Họ và tên, Ngày sinh, Số CCCD.",
        "The merged value is read for each row of the merged cells; if the rows differ, unmerge the cells and "
        "type each row's own value. Never merge Họ và tên, Ngày sinh or Số CCCD.",
    ),
    "quality.fix.legacy-encoding": (
        "Đã đọc theo bảng mã Windows-1258; nên lưu lại dạng CSV UTF-8.",
        "A CSV file not in UTF-8: read as Windows-1258; save it as CSV UTF-8.",
    ),
    # --- metrics ---
    "metric.no_plan": ("không giao kế hoạch", "no plan set"),
    "metric.scope": ("Phạm vi", "Scope"),
    "metric.organisations": ("Số tổ chức cơ sở đảng", "Grassroots organisations"),
    "metric.admitted": ("Số đảng viên kết nạp", "Members admitted"),
    "metric.target": ("Chỉ tiêu năm", "Annual target"),
    "metric.attainment_pct": ("Tỷ lệ đạt chỉ tiêu", "Target attainment"),
    "metric.months_elapsed_pct": ("Tiến độ thời gian", "Time gone"),
    "metric.expected": ("Cần đạt theo tiến độ", "Expected on pace"),
    "metric.expected_plan": ("Cần đạt theo kế hoạch tháng", "Expected by monthly plans"),
    "metric.needed_per_month": ("Cần kết nạp mỗi tháng", "Needed per month"),
    "metric.projection": ("Dự báo cả năm", "Year-end projection"),
    "metric.projection_range": ("Khoảng dự báo", "Projection range"),
    "metric.admitted_last_year": ("Cùng kỳ năm trước", "Same period last year"),
    "metric.admitted_last_year_year": ("Kết nạp năm trước", "Admitted the year before"),
    "metric.yoy_change_pct": ("Tăng (+), giảm (−) so với cùng kỳ", "Change on the same period last year"),
    "metric.yoy_change_pct_year": ("Tăng (+), giảm (−) so với năm trước", "Change on the year before"),
    "metric.yoy_change_people": ("{people} đảng viên", "{people} members"),
    "metric.admitted_year": ("Kết nạp năm {year}", "Admitted in {year}"),
    "metric.trained": ("Số người học lớp bồi dưỡng nhận thức về Đảng", "Attended the Party awareness class"),
    "metric.training_plan": ("Kế hoạch bồi dưỡng", "Training plan"),
    "metric.training_attainment_pct": ("Tỷ lệ đạt kế hoạch bồi dưỡng", "Training plan attainment"),
    "metric.organisations_with_trainees": (
        "Tổ chức cơ sở đảng cử người học",
        "Organisations that sent trainees",
    ),
    "metric.organisations_with_target": ("Tổ chức được giao chỉ tiêu", "Organisations with a target"),
    "metric.organisations_behind_pace": ("Tổ chức chưa đạt tiến độ", "Organisations behind pace"),
    "metric.organisations_behind_pace_year": ("Tổ chức không đạt chỉ tiêu", "Organisations that missed the target"),
    "metric.organisations_no_admissions": (
        "Tổ chức chưa kết nạp được đảng viên",
        "Organisations with no admissions",
    ),
    "metric.organisations_below_10pct": (
        "Tổ chức đã kết nạp nhưng chưa đạt 10% chỉ tiêu",
        "Organisations with some admissions but below 10% of target",
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
    "narrative.subject.city": ("{body_short}", "{body_short}"),
    "narrative.subject.sector": ("{name}", "the {name} sector"),
    "narrative.time_progress": ("{months}/12 tháng ({pct})", "{months} of 12 months ({pct})"),
    "narrative.time_progress_inline": (
        "{months}/12 tháng, bằng {pct} thời gian của năm",
        "{months} of 12 months, {pct}",
    ),
    "narrative.sectors.sentence": ("Trong đó: {parts}.", "By sector: {parts}."),
    "narrative.sectors.first": ("{name} kết nạp {admitted} đảng viên ({result})", "{name} {admitted} ({result})"),
    "narrative.sectors.other": ("{name} {admitted} ({result})", "{name} {admitted} ({result})"),
    "narrative.sectors.share_first": ("đạt {pct} chỉ tiêu", "{pct} of target"),
    "narrative.targets.more": (
        "Tổng chỉ tiêu giao cho các tổ chức cơ sở đảng là {assigned} đảng viên, cao hơn chỉ tiêu của "
        "{body_territory} ({city} đảng viên) {difference} đảng viên; tỷ lệ đạt của mỗi khối tính trên chỉ tiêu "
        "đã giao cho khối, "
        "tỷ lệ của toàn {body_territory} tính trên chỉ tiêu {city} đảng viên.",
        "The targets assigned to the organisations add up to {assigned} members, {difference} more than the "
        "{body_territory}'s own target ({city}); each sector's attainment is against its assigned targets, the "
        "{body_territory}'s "
        "against {city}.",
    ),
    "narrative.targets.less": (
        "Tổng chỉ tiêu giao cho các tổ chức cơ sở đảng là {assigned} đảng viên, thấp hơn chỉ tiêu của "
        "{body_territory} ({city} đảng viên) {difference} đảng viên; tỷ lệ đạt của mỗi khối tính trên chỉ tiêu "
        "đã giao cho khối, "
        "tỷ lệ của toàn {body_territory} tính trên chỉ tiêu {city} đảng viên.",
        "The targets assigned to the organisations add up to {assigned} members, {difference} fewer than the "
        "{body_territory}'s own target ({city}); each sector's attainment is against its assigned targets, the "
        "{body_territory}'s "
        "against {city}.",
    ),
    "narrative.projection.past_years": (
        "Ước cả năm: khoảng {estimate} đảng viên{share} nếu giữ nhịp như các năm trước; chỉ để tham khảo.",
        "Year-end estimate: about {estimate} members{share} if the pattern of past years holds; for reference only.",
    ),
    "narrative.projection.linear": (
        "Ước cả năm: khoảng {estimate} đảng viên{share} nếu giữ nhịp bình quân các tháng đã qua; chỉ để tham khảo.",
        "Year-end estimate: about {estimate} members{share} at the average pace so far; for reference only.",
    ),
    "narrative.projection.share": (" (≈{pct}% chỉ tiêu)", " (≈{pct}% of target)"),
    "rules.note": (
        "Cách tính: tổ chức chưa đạt tiến độ khi số đã kết nạp thấp hơn số cần đạt theo tiến độ thời gian "
        "({pace} chỉ tiêu năm), tính tròn xuống đến người, nên chỉ tiêu nhỏ chưa bị coi là chậm (chỉ tiêu 2 "
        "đến hết tháng 6 mới cần 1 người); “còn thiếu” là số người cần đạt trừ số đã kết nạp. “Chưa kết nạp” "
        "và “đã kết nạp nhưng chưa đạt 10% chỉ tiêu” chỉ tính các tổ chức được giao chỉ tiêu, không trùng nhau.",
        "Rules: an organisation is behind pace when it has admitted fewer than the whole people due by now "
        "({pace} of the annual target, rounded down), so small targets are not flagged early (a target of 2 "
        "is due 1 person at the end of June); “short” is the people due minus those admitted. “None admitted” "
        "and “some admitted but below 10%” count only organisations with a target, never both.",
    ),
    "rules.note_closed": (
        "Cách tính: tổ chức không đạt chỉ tiêu khi số đã kết nạp thấp hơn chỉ tiêu; “còn thiếu” là chỉ tiêu trừ "
        "số đã kết nạp. “Không kết nạp” và “đã kết nạp nhưng chưa đạt 10% chỉ tiêu” chỉ tính các tổ chức được "
        "giao chỉ tiêu, không trùng nhau.",
        "Rules: an organisation missed its target when it admitted fewer than the target; “short” is the target "
        "minus those admitted. “None admitted” and “some admitted but below 10%” count only organisations with "
        "a target, never both.",
    ),
    "narrative.admitted.year": (
        "{when}, {subject} đã kết nạp được {admitted} đảng viên mới, đạt {pct} chỉ tiêu ({target} đảng viên).",
        "{when}, {subject} admitted {admitted} new members, {pct} of the target ({target} members).",
    ),
    "narrative.admitted.in_year": (
        "{when}, {subject} đã kết nạp được {admitted} đảng viên mới, đạt {pct} chỉ tiêu năm ({target} đảng viên).",
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
        "Kết quả này vượt tiến độ thời gian (đã qua {elapsed}).",
        "This is ahead of the calendar ({elapsed} gone).",
    ),
    "narrative.pace.behind": (
        "Kết quả này chậm hơn tiến độ thời gian (đã qua {elapsed}).",
        "This is behind the calendar ({elapsed} gone).",
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
        "{when}, trong {total} tổ chức cơ sở đảng được giao chỉ tiêu, có {count} tổ chức chưa đạt tiến độ "
        "kết nạp (đã qua {pace}){none_clause}; còn thiếu nhiều nhất: {names}.",
        "{when}, {count} of the {total} grassroots organisations with a target are behind pace "
        "({pace} gone){none_clause}; furthest behind: {names}.",
    ),
    "narrative.behind.some_year": (
        "{when}, trong {total} tổ chức cơ sở đảng được giao chỉ tiêu, có {count} tổ chức không hoàn thành "
        "chỉ tiêu kết nạp{none_clause}; còn thiếu nhiều nhất: {names}.",
        "{when}, {count} of {total} grassroots organisations with a target missed it{none_clause}; "
        "furthest short: {names}.",
    ),
    "narrative.behind.none_clause": (
        "; {none} tổ chức chưa kết nạp được đảng viên nào",
        "; {none} have admitted nobody yet",
    ),
    "narrative.behind.none_clause_year": (
        ", trong đó {none} tổ chức không kết nạp được đảng viên nào",
        ", {none} of them with no admissions",
    ),
    "narrative.behind.item": ("{name} (còn thiếu {gap} so với tiến độ)", "{name} ({gap} short of pace)"),
    "narrative.behind.item_year": ("{name} (còn thiếu {gap} so với chỉ tiêu)", "{name} ({gap} short of target)"),
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
    "chart.capped_lowest": (
        "{shown} trên {total} tổ chức có tỷ lệ đạt thấp nhất",
        "The {shown} of {total} organisations with the lowest attainment",
    ),
    "chart.capped_fewest": (
        "{shown} trên {total} tổ chức kết nạp ít nhất",
        "The {shown} of {total} organisations with the fewest admissions",
    ),
    "table.more_rows": (
        "… và {count} dòng nữa: xem đầy đủ trong tệp Excel của báo cáo.",
        "… and {count} more rows: the report's Excel file has them all.",
    ),
    "list.more": ("và {count} tổ chức khác", "and {count} more"),
    "chart.axis.attainment": ("Tỷ lệ đạt chỉ tiêu kết nạp", "Admissions target attainment"),
    "chart.axis.cumulative": ("Số đảng viên kết nạp (lũy kế)", "Members admitted (cumulative)"),
    "chart.axis.month": ("Tháng", "Month"),
    "chart.axis.people": ("Số người", "People"),
    "chart.axis.share": ("Tỷ lệ trong số đảng viên mới kết nạp", "Share of newly admitted members"),
    "chart.target_line": ("Chỉ tiêu năm (100%)", "Annual target (100%)"),
    "chart.line.expected": ("Tiến độ cần đạt đến {month} ({pct})", "Expected by {month} ({pct})"),
    "chart.line.quarter": ("Phần chỉ tiêu của {period} ({pct})", "Share of the target for {period} ({pct})"),
    # Chart titles: what, then (after the last comma, where a long title breaks) the period or class.
    "chart.title.sectors": ("Tỷ lệ đạt chỉ tiêu kết nạp theo khối, {period}", "Target attainment by sector, {period}"),
    "chart.title.cumulative": ("Số đảng viên kết nạp lũy kế, {period}", "Cumulative admissions, {period}"),
    "chart.title.composition": ("Cơ cấu đảng viên mới kết nạp, {period}", "Who was admitted, {period}"),
    "chart.title.heatmap": ("Số đảng viên kết nạp theo tháng, {period}", "Admissions by month, {period}"),
    "chart.title.ranked": ("Tỷ lệ đạt chỉ tiêu của từng tổ chức, {period}", "Attainment by organisation, {period}"),
    "chart.title.training": (
        "Số người học lớp bồi dưỡng so với kế hoạch, {period}",
        "Training-class attendance against plan, {period}",
    ),
    "chart.title.days": ("Thời gian từ bồi dưỡng đến kết nạp, {period}", "Time from training to admission, {period}"),
    "chart.title.status": ("Số tổ chức đạt, không đạt chỉ tiêu kết nạp, {period}", "Organisations by result, {period}"),
    "chart.title.funnel": (
        "Lớp bồi dưỡng nhận thức về Đảng năm {cohort}, kết nạp đến ngày {end}",
        "Party awareness class of {cohort}, admitted by {end}",
    ),
    "chart.admitted_of_target": ("{admitted}/{target} · {pct}", "{admitted}/{target} · {pct}"),
    "chart.admitted_no_target": (
        "Kết nạp {admitted} · chưa được giao chỉ tiêu",
        "{admitted} admitted · no target",
    ),
    "chart.count_share": ("{count} · {pct}", "{count} · {pct}"),
    "chart.series.pace": ("Tiến độ theo chỉ tiêu", "Pace to target"),
    "chart.series.year": ("Lũy kế năm {year}", "Cumulative {year}"),
    "chart.funnel.trained": ("Học lớp bồi dưỡng nhận thức về Đảng", "Completed Party awareness class"),
    "chart.funnel.admitted": ("Được kết nạp", "Admitted"),
    "chart.funnel.converted": ("Chuyển đảng viên chính thức", "Became full members"),
    "chart.funnel.of_trained": ("{count} · {pct} số đã bồi dưỡng", "{count} · {pct} of trained"),
    "chart.legend.on_pace": ("Đạt tiến độ", "On pace"),
    "chart.legend.behind_pace": ("Chưa đạt tiến độ", "Behind pace"),
    "chart.legend.met": ("Đạt chỉ tiêu", "Target met"),
    "chart.legend.missed": ("Không đạt chỉ tiêu", "Target missed"),
    "chart.group.women": ("Nữ", "Women"),
    "chart.group.youth_union": ("Đoàn viên thanh niên", "Youth Union members"),
    "chart.group.ethnic_minority": ("Dân tộc thiểu số", "Ethnic minorities"),
    "chart.group.religious": ("Người có đạo", "Religious followers"),
    "chart.group.student": ("Học sinh, sinh viên", "Students"),
    "chart.group.private_enterprise": ("Lao động doanh nghiệp tư nhân", "Private-enterprise workers"),
    "chart.group.age_18_30": ("Tuổi từ 18 đến 30", "Aged 18–30"),
    "chart.group.age_31_40": ("Tuổi từ 31 đến 40", "Aged 31–40"),
    "chart.group.age_41_plus": ("Từ 41 tuổi trở lên", "Aged 41 and over"),
    "chart.group.age_range": ("Tuổi từ {low} đến {high}", "Aged {low}–{high}"),
    "chart.group.age_from": ("Từ {low} tuổi trở lên", "Aged {low} and over"),
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
    # --- returns register: completeness of the figures, the returns report (ketnap.completeness) ---
    "report.returns.title": ("Tình hình gửi báo cáo", "Returns received"),
    "returns.month": ("tháng {month}/{year}", "{month}/{year}"),
    "returns.coverage": (
        "Số liệu tổng hợp từ báo cáo {month} của tất cả {expected} tổ chức cơ sở đảng.",
        "Figures compiled from the {month} returns of all {expected} grassroots organisations.",
    ),
    "returns.coverage_missing": (
        "Số liệu tổng hợp từ báo cáo {month} của {reported}/{expected} tổ chức cơ sở đảng; còn {missing} tổ chức "
        "chưa báo cáo.",
        "Figures compiled from the {month} returns of {reported} of {expected} grassroots organisations; "
        "{missing} have not reported yet.",
    ),
    "returns.headline": (
        "Báo cáo {month}: đã nhận báo cáo của {reported}/{expected} tổ chức cơ sở đảng, trong đó {on_time} "
        "tổ chức gửi đúng hạn, {late} tổ chức gửi muộn; còn {missing} tổ chức chưa báo cáo.",
        "Returns for {month}: {reported} of {expected} grassroots organisations have reported, {on_time} on "
        "time and {late} late; {missing} have not reported yet.",
    ),
    "returns.headline_all": (
        "Báo cáo {month}: đã nhận báo cáo của tất cả {expected} tổ chức cơ sở đảng, trong đó {on_time} tổ chức "
        "gửi đúng hạn, {late} tổ chức gửi muộn.",
        "Returns for {month}: all {expected} grassroots organisations have reported, {on_time} on time and "
        "{late} late.",
    ),
    "returns.all_reported": (
        "Tất cả các tổ chức cơ sở đảng đã gửi báo cáo {month}.",
        "Every grassroots organisation has sent its return for {month}.",
    ),
    "returns.empty": (
        "Chưa có sổ theo dõi báo cáo gửi về: chưa ghi nhận tổ chức nào gửi báo cáo tháng nào, vào ngày nào, "
        "nên chưa thể nêu tình hình gửi báo cáo. Các báo cáo khác vẫn tổng hợp từ số liệu đã nhận.",
        "No returns register is available yet: nothing records which organisation sent which month's "
        "return, or when, so this report has nothing to show. The other reports still use the returns received.",
    ),
    "returns.status.on_time": ("Đúng hạn", "On time"),
    "returns.status.late": ("Gửi muộn", "Late"),
    "returns.status.missing": ("Chưa báo cáo", "Not reported"),
    "returns.status.not_expected": ("Không phải báo cáo", "Not expected"),
    "returns.flag.not_reported": ("chưa báo cáo", "not reported"),
    "returns.chart.not_reported": ("Chưa báo cáo", "Not reported"),
    "returns.none_received": ("Chưa gửi báo cáo nào trong năm", "No return received this year"),
    "returns.last_return": ("{date} (số liệu đến tháng {month})", "{date} (figures to month {month})"),
    "returns.unreadable": ("tệp không đọc được", "unreadable file"),
    "returns.card.expected": ("Tổ chức phải báo cáo", "Organisations due to report"),
    "returns.card.on_time": ("Gửi đúng hạn", "On time"),
    "returns.card.late": ("Gửi muộn", "Late"),
    "returns.card.missing": ("Chưa báo cáo", "Not reported"),
    "returns.section.grid": ("Tình hình gửi báo cáo theo tháng", "Returns month by month"),
    "returns.section.missing": ("Tổ chức chưa báo cáo {month}", "Not yet reported for {month}"),
    "returns.section.versions": ("Các lần gửi báo cáo", "Versions received"),
    "returns.section.quarantine": ("Số liệu bị loại khi tổng hợp", "Rows rejected at ingestion"),
    "returns.grid_note": (
        "Mỗi dòng là một tổ chức cơ sở đảng, mỗi cột là báo cáo của một tháng (T1: báo cáo tháng 1). "
        "Tên tổ chức được viết gọn (P.: Đảng bộ phường, X.: Đảng bộ xã, Cty: Công ty).",
        "One row per grassroots organisation, one column per month's return (Jan: January's return). "
        "Names are shortened (P.: ward, X.: commune, Cty: company).",
    ),
    "returns.legend_item": ("{symbol} {label}", "{symbol} {label}"),
    "returns.grid.name": ("Tổ chức cơ sở đảng", "Organisation"),
    "returns.grid.sector": ("Khối", "Sector"),
    "returns.missing_note": (
        "Số liệu của các tổ chức này chưa đầy đủ đến {month}: trong các báo cáo, tổ chức được ghi "
        "“chưa báo cáo”, không tính là chưa kết nạp hay chậm tiến độ.",
        "Their figures for {month} are not in: the reports show them as “not reported”, never as "
        "no admissions or behind pace.",
    ),
    "returns.versions_note": (
        "Năm {year} đã nhận {versions} lần gửi báo cáo của {organisations} tổ chức: {months}; {corrected}. "
        "Mỗi tháng, tổ chức gửi báo cáo mới (có toàn bộ số liệu từ đầu năm), thay thế báo cáo tháng trước; "
        "bản gửi sau thay thế toàn bộ bản trước, các bản trước vẫn được lưu để đối chiếu.",
        "In {year}, {versions} returns were received from {organisations} organisations: {months}; {corrected}. "
        "Each month an organisation sends a new return (every row since January) that replaces the previous "
        "month's; a later version replaces the earlier one as a whole, and the earlier ones are kept for audit.",
    ),
    "returns.versions_month": (
        "báo cáo tháng {month} của {count} tổ chức",
        "{count} sent the return for month {month}",
    ),
    "returns.versions_corrected": (
        "{count} tổ chức gửi lại bản sửa cho báo cáo đã gửi (bảng dưới)",
        "{count} re-sent a corrected copy of a return already sent (table below)",
    ),
    "returns.versions_no_correction": (
        "không có tổ chức nào gửi lại bản sửa",
        "no organisation re-sent a corrected copy",
    ),
    "returns.month_only": ("Tháng {month}", "Month {month}"),
    "returns.grid_months_left_out": (
        "Sổ theo dõi không có báo cáo riêng của tháng {months}/{year} (số liệu các tháng này nằm trong báo cáo "
        "gửi sau), nên bảng không nêu các tháng này.",
        "The register holds no return of its own for month {months} of {year} (their figures are in a later "
        "return), so the grid leaves those months out.",
    ),
    "returns.versions_none": ("Chưa nhận báo cáo nào của năm {year}.", "No return received for {year}."),
    "returns.quarantine_note": (
        "Các dòng bị loại không được tính vào số liệu cho đến khi tổ chức sửa và gửi lại; chi tiết từng dòng "
        "và cách sửa ở báo cáo “Chất lượng số liệu báo cáo”.",
        "Rejected rows are not counted until the organisation fixes and re-sends its return; every row and how "
        "to fix it is in the “Data quality of the returns” report.",
    ),
    "returns.quarantine_none": (
        "Không có dòng nào bị loại trong các báo cáo năm {year}.",
        "No row was rejected from the returns of {year}.",
    ),
    "returns.quality_link": (
        "Tổ chức nào đã gửi, gửi muộn hay chưa gửi báo cáo từng tháng: xem báo cáo",
        "Which organisation sent each month's return, late or not at all: see the report",
    ),
    "returns.column.status": ("Tình hình gửi", "Return"),
    "returns.column.due": ("Hạn gửi", "Due"),
    "returns.column.received_at": ("Ngày nhận", "Received"),
    "returns.column.version": ("Lần gửi", "Version"),
    "returns.column.last_return": ("Lần gửi gần nhất", "Last return received"),
    "returns.column.versions": ("Số lần gửi", "Versions"),
    "returns.column.corrections": ("Số bản sửa", "Corrections"),
    "returns.column.used_version": ("Lần gửi được dùng", "Version used"),
    "returns.column.used_received_at": ("Ngày nhận bản được dùng", "Version used received"),
    "returns.column.used_reports_through": ("Số liệu đến tháng", "Figures to month"),
    "returns.column.rules": ("Lỗi", "Problems"),
    "returns.column.return_month": ("Báo cáo", "Return"),
    "returns.column.copies": ("Số bản đã gửi", "Copies sent"),
    "returns.column.first_copy_received": ("Ngày nhận bản đầu", "First copy received"),
    "returns.column.correction_received": ("Ngày nhận bản sửa", "Corrected copy received"),
}
# Kept in files of their own: the indicator catalogue's texts (ketnap.indicators), the receipts', the
# published pages' (the index and the Party's document format on paper), and the month-by-month and
# trend sections' (with a finished quarter's words).
CATALOG.update(INDICATOR_LABELS)
CATALOG.update(RECEIPT_LABELS)
CATALOG.update(PUBLISH_LABELS)
CATALOG.update(TREND_LABELS)
CATALOG.update(CARD_LABELS)
CATALOG.update(GROUP_LABELS)
CATALOG.update(ISSUE_LABELS)
CATALOG.update(HISTORY_LABELS)


def period_key(key: str, period: object) -> str:
    """``key`` in the words of ``period``: ``<key>_quarter`` for a finished quarter when the catalog has it.

    ``key`` is the label already chosen for a closed or open period (``"scorecard.list.no_admissions_year"``);
    a finished quarter (``period.closed`` but not ``period.whole_year``, :class:`ketnap.periods.Period`)
    is not a year: its target is a quarter of the annual one, and it compares with the same quarter
    a year earlier.

    >>> from ketnap.periods import parse_period
    >>> [period_key("rules.note_closed", parse_period(p)) for p in ("2023", "2023-Q4")]
    ['rules.note_closed', 'rules.note_closed_quarter']
    """
    quarter = bool(getattr(period, "closed", False)) and not bool(getattr(period, "whole_year", True))
    return f"{key}_quarter" if quarter and f"{key}_quarter" in CATALOG else key


def t(key: str, lang: str = "vi", /, **fields: object) -> str:
    """The label ``key`` in ``lang`` (``"vi"`` or ``"en"``), with ``fields`` formatted in.

    The reporting body's names (:data:`ketnap.body.FIELDS`: ``{body_name}``, ``{body_territory}``, ...)
    are filled from :func:`ketnap.body.current` unless ``fields`` gives them; a label used as a
    template and formatted later keeps its other fields.

    >>> t("metric.no_target")
    'chưa được giao chỉ tiêu'
    >>> t("nav.city"), t("nav.city", "vi", body_territory="phường")
    ('Toàn thành phố', 'Toàn phường')
    """
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    try:
        text = CATALOG[key][LANGS.index(lang)]
    except KeyError:
        raise KeyError(f"no label {key!r} in ketnap.labels.CATALOG") from None
    if "{body_" in text:
        # The body's texts hold no braces (ketnap.body.read refuses them), so they survive a later format.
        values = {**body.current().fields(lang), **{k: str(fields.pop(k)) for k in body.FIELDS if k in fields}}
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
    return text.format(**fields) if fields else text
