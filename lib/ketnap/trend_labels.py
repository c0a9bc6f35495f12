"""The texts of the month-by-month and over-the-years sections, and of a finished quarter, Vietnamese and English.

Part of the label catalog: :mod:`ketnap.labels` merges these into ``CATALOG``, so they are looked
up with :func:`ketnap.labels.t` like every other label (keys ``trend.*``, used by
:mod:`ketnap.trend`, :mod:`ketnap.trend_chart` and the city and sector notebooks; and the
``*_quarter`` variants :func:`ketnap.labels.period_key` picks for a finished quarter, whose target
is a quarter of the annual one, ``floor(target × 3/12)``, by :mod:`ketnap.rules`). They live in a
file of their own only to keep ``labels.py`` under the 1,200-line limit.
"""

from __future__ import annotations

__all__ = ["LABELS"]

# key -> (Vietnamese, English)
LABELS: dict[str, tuple[str, str]] = {
    # --- month by month (ketnap.trend) ---
    "trend.total_city": ("Toàn {body_territory}", "Whole {body_territory}"),
    "trend.section.months": ("Kết nạp theo tháng", "Admissions month by month"),
    "trend.section.months_by_sector": (
        "Kết nạp theo tháng của từng khối, so với kế hoạch",
        "Admissions by month and sector, against the plans",
    ),
    "trend.section.same_period": (
        "So với cùng kỳ năm trước, theo khối",
        "Against the same period last year, by sector",
    ),
    "trend.section.same_period_year": ("So với năm trước, theo khối", "Against the year before, by sector"),
    "trend.section.years": ("Kết nạp qua các năm {first}–{last} ({span})", "Admissions, {first}–{last} ({span})"),
    "trend.sentence.month": (
        "Riêng {month} kết nạp được {month_admitted} đảng viên; lũy kế {period}: {admitted} đảng viên.",
        "In {month} alone {month_admitted} members were admitted; {period} in all: {admitted}.",
    ),
    "trend.sentence.one_month": (
        "Trong {month} kết nạp được {admitted} đảng viên.",
        "In {month} {admitted} members were admitted.",
    ),
    "trend.plan_note": (
        "“Năm trước”: cùng tháng năm trước. Kế hoạch kết nạp theo tháng (KH) do {count} tổ chức cơ sở đảng đăng "
        "ký; “Thực hiện KH” chỉ tính số đảng viên các tổ chức đó kết nạp, để so sánh đúng với kế hoạch.",
        "“Last year”: the same month a year earlier. Monthly plans were registered by {count} grassroots "
        "organisations; “Done (plan)” counts only what those organisations admitted, to compare like with like.",
    ),
    "trend.plan_note_none": (
        "Chưa có tổ chức cơ sở đảng nào đăng ký kế hoạch kết nạp theo tháng năm {year}.",
        "No grassroots organisation registered a monthly plan for {year}.",
    ),
    "trend.years_note": (
        "Mỗi cột là cùng khoảng thời gian ({span}) của một năm, tính theo ngày quyết định kết nạp.",
        "Each column is the same span ({span}) of one year, by the date of the admission decision.",
    ),
    "trend.span.year": ("cả năm", "whole year"),
    "trend.span.quarter": ("quý {roman}", "Q{quarter}"),
    "trend.span.january": ("tháng 1", "January"),
    "trend.span.months": ("{months} tháng đầu năm", "first {months} months"),
    "trend.column.month": ("Tháng", "Month"),
    "trend.column.cumulative": ("Lũy kế", "Cumulative"),
    "trend.column.month_last_year": ("Năm trước", "Last year"),
    "trend.column.plan": ("Kế hoạch (KH)", "Plan"),
    "trend.column.planned_admitted": ("Thực hiện KH", "Done (plan)"),
    "trend.column.plan_pct": ("Tỷ lệ thực hiện KH", "% of plan"),
    "trend.column.total_months": ("Cộng", "Total"),
    "trend.column.yoy_change_people": ("Tăng, giảm (người)", "Change (people)"),
    "trend.column.yoy_change_pct": ("Tăng, giảm (%)", "Change (%)"),
    "trend.column.yoy_change": ("Tăng (+), giảm (−)", "Change"),
    "trend.column.month_01": ("Tháng 1", "Jan"),
    "trend.column.month_02": ("Tháng 2", "Feb"),
    "trend.column.month_03": ("Tháng 3", "Mar"),
    "trend.column.month_04": ("Tháng 4", "Apr"),
    "trend.column.month_05": ("Tháng 5", "May"),
    "trend.column.month_06": ("Tháng 6", "Jun"),
    "trend.column.month_07": ("Tháng 7", "Jul"),
    "trend.column.month_08": ("Tháng 8", "Aug"),
    "trend.column.month_09": ("Tháng 9", "Sep"),
    "trend.column.month_10": ("Tháng 10", "Oct"),
    "trend.column.month_11": ("Tháng 11", "Nov"),
    "trend.column.month_12": ("Tháng 12", "Dec"),
    "trend.column.year_1": ("Năm {year_1}", "{year_1}"),
    "trend.column.year_2": ("Năm {year_2}", "{year_2}"),
    "trend.column.year_3": ("Năm {year_3}", "{year_3}"),
    "trend.column.year_4": ("Năm {year_4}", "{year_4}"),
    "trend.column.year_5": ("Năm {year_5}", "{year_5}"),
    "trend.chart.title": ("Kết nạp qua các năm {first}–{last} ({span})", "Admissions, {first}–{last} ({span})"),
    "trend.chart.axis": ("Số đảng viên kết nạp", "Members admitted"),
    "trend.alt.years": (
        "Biểu đồ số đảng viên kết nạp cùng kỳ qua các năm của từng khối",
        "Chart of admissions in the same span of each year, by sector",
    ),
    # --- a finished quarter: its target is a quarter of the year's (ketnap.labels.period_key) ---
    "rules.note_closed_quarter": (
        "Cách tính: chỉ tiêu quý của mỗi tổ chức bằng 1/4 chỉ tiêu năm, tính tròn xuống đến người; tổ chức không "
        "đạt chỉ tiêu quý khi số kết nạp trong quý thấp hơn chỉ tiêu quý; “còn thiếu” là chỉ tiêu quý trừ số đã kết "
        "nạp trong quý. “Không kết nạp” và “đã kết nạp nhưng chưa đạt 10% chỉ tiêu năm” tính từ đầu năm đến hết "
        "quý, chỉ tính các tổ chức được giao chỉ tiêu, không trùng nhau.",
        "Rules: an organisation's quarterly target is a quarter of its annual target, rounded down to whole "
        "people; it missed it when it admitted fewer in the quarter; “short” is the quarterly target minus those "
        "admitted in the quarter. “None admitted” and “some admitted but below 10% of the annual target” count "
        "from 1 January to the quarter's end, organisations with a target only, never both.",
    ),
    "scorecard.list.no_admissions_year_quarter": (
        "Từ đầu năm đến hết quý không kết nạp được đảng viên nào",
        "No admissions from 1 January to the end of the quarter",
    ),
    "scorecard.list.below_10pct_quarter": (
        "Từ đầu năm đến hết quý đã kết nạp nhưng chưa đạt 10% chỉ tiêu năm",
        "Some admissions from 1 January to the quarter's end, but below 10% of the annual target",
    ),
    "report.sector.ranking_note_year_quarter": (
        "Chấm rỗng: tổ chức không đạt chỉ tiêu quý (1/4 chỉ tiêu năm, tính tròn xuống đến người); “còn thiếu” "
        "là số người chưa kết nạp được so với chỉ tiêu quý.",
        "Hollow dot: quarterly target (a quarter of the annual target, rounded down) missed; “short” is the "
        "number of people it was missed by.",
    ),
    "report.organisations.highlight_year_quarter": (
        "Dòng tô màu: tổ chức không đạt chỉ tiêu quý (1/4 chỉ tiêu năm, tính tròn xuống đến người).",
        "Shaded rows: quarterly target (a quarter of the annual target, rounded down) missed.",
    ),
    "report.organisations.summary_year_quarter": (
        "{when}, trong {with_target} tổ chức cơ sở đảng được giao chỉ tiêu, có {behind} tổ chức không hoàn "
        "thành chỉ tiêu quý (1/4 chỉ tiêu năm), trong đó {none} tổ chức từ đầu năm không kết nạp được đảng viên "
        "nào.{no_target}",
        "{when}, {behind} of the {with_target} grassroots organisations with a target missed the quarterly "
        "target (a quarter of the annual one), {none} of them admitting nobody since 1 January.{no_target}",
    ),
    "column.gap_year_quarter": ("Còn thiếu so với chỉ tiêu quý", "Short of the quarterly target (people)"),
    "scorecard.card.missed_quarter": (
        "Tổ chức không đạt chỉ tiêu quý",
        "Organisations that missed the quarterly target",
    ),
    "report.sector.section.behind_year_quarter": (
        "Tổ chức cơ sở đảng không đạt chỉ tiêu quý",
        "Organisations that missed the quarterly target",
    ),
    "narrative.behind.some_year_quarter": (
        "{when}, trong {total} tổ chức cơ sở đảng được giao chỉ tiêu, có {count} tổ chức không hoàn thành "
        "chỉ tiêu kết nạp của quý (1/4 chỉ tiêu năm){none_clause}; còn thiếu nhiều nhất: {names}.",
        "{when}, {count} of {total} grassroots organisations with a target missed the quarterly target (a "
        "quarter of the annual one){none_clause}; furthest short: {names}.",
    ),
    "narrative.behind.none_clause_year_quarter": (
        ", trong đó {none} tổ chức từ đầu năm không kết nạp được đảng viên nào",
        ", {none} of them with no admissions since 1 January",
    ),
    "narrative.behind.item_year_quarter": (
        "{name} (còn thiếu {gap} so với chỉ tiêu quý)",
        "{name} ({gap} short of the quarterly target)",
    ),
    "narrative.behind.all_done_quarter": (
        "{when}, tất cả {total} tổ chức cơ sở đảng được giao chỉ tiêu đều đạt chỉ tiêu quý (1/4 chỉ tiêu năm).",
        "{when}, all {total} grassroots organisations with a target met the quarterly target.",
    ),
    "scorecard.pace.met_quarter": ("Đạt chỉ tiêu quý", "Quarterly target met"),
    "scorecard.pace.missed_quarter": ("Không đạt chỉ tiêu quý", "Quarterly target missed"),
    "scorecard.flag.missed_quarter": ("không đạt chỉ tiêu quý", "quarterly target missed"),
    "chart.legend.met_quarter": ("Đạt chỉ tiêu quý", "Quarterly target met"),
    "chart.legend.missed_quarter": ("Không đạt chỉ tiêu quý", "Quarterly target missed"),
    # the "Giải thích số liệu" entries of a finished quarter (ketnap.indicators.entries)
    "metric.organisations_behind_pace_year_quarter": (
        "Tổ chức không đạt chỉ tiêu quý",
        "Organisations that missed the quarterly target",
    ),
    "indicator.shortfall_vs_pace.definition_year_quarter": (
        "Số người còn thiếu so với chỉ tiêu quý (1/4 chỉ tiêu năm, tính tròn xuống đến người) khi quý đã kết thúc.",
        "People short of the quarterly target (a quarter of the annual one, rounded down) once the quarter is over.",
    ),
    "indicator.shortfall_vs_pace.formula_year_quarter": (
        "Chỉ tiêu quý − số đã kết nạp trong quý (không âm)",
        "Quarterly target − admitted in the quarter (never negative)",
    ),
    "indicator.organisations_behind_pace.definition_year_quarter": (
        "Số tổ chức được giao chỉ tiêu nhưng không đạt chỉ tiêu quý (1/4 chỉ tiêu năm).",
        "Organisations with a target that missed the quarterly target (a quarter of the annual one).",
    ),
    "indicator.organisations_behind_pace.formula_year_quarter": (
        "Đếm tổ chức được giao chỉ tiêu có số kết nạp trong quý thấp hơn chỉ tiêu quý",
        "Organisations with a target that admitted fewer in the quarter than the quarterly target",
    ),
}
