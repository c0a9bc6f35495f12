"""The texts of the indicator catalogue (:mod:`ketnap.indicators`), Vietnamese and English.

Part of the label catalog: :mod:`ketnap.labels` merges these into ``CATALOG``, so they are looked
up with :func:`ketnap.labels.t` like every other label. They live in a file of their own only to
keep ``labels.py`` under the 1,200-line limit. Keys: ``indicator.<code>.definition`` (what it
counts and how), ``indicator.rounding.*``, ``indicator.counts.*`` (which organisations) and
``indicator.section.*`` (the "Giải thích số liệu" section of every report).
"""

from __future__ import annotations

__all__ = ["LABELS"]

# key -> (Vietnamese, English)
LABELS: dict[str, tuple[str, str]] = {
    "indicator.section.title": ("Giải thích số liệu", "About the figures"),
    "indicator.section.link": ("Giải thích số liệu", "About the figures"),
    "indicator.section.lead": (
        "Mỗi chỉ số trong báo cáo được định nghĩa một lần, tính và làm tròn theo cùng một quy tắc ở mọi báo cáo.",
        "Each figure in this report is defined once, computed and rounded by the same rule in every report.",
    ),
    "indicator.section.formula": ("Công thức", "Formula"),
    "indicator.section.rounding": ("Làm tròn", "Rounding"),
    "indicator.section.counts": ("Tổ chức được tính", "Organisations counted"),
    "indicator.section.code": ("Mã", "Code"),
    "indicator.sheet": ("Số liệu", "Figures"),
    "indicator.sheet.code": ("Mã chỉ số", "Indicator code"),
    "indicator.sheet.scope": ("Phạm vi", "Scope"),
    "indicator.sheet.period": ("Kỳ", "Period"),
    "indicator.sheet.value": ("Giá trị", "Value"),
    "indicator.rounding.integer": ("Số nguyên.", "Whole number."),
    "indicator.rounding.pct": (
        "Một chữ số thập phân, làm tròn nửa lên (28,25% → 28,3%).",
        "One decimal, half rounded up (28.25% → 28.3%).",
    ),
    "indicator.rounding.people": (
        "Tính tròn xuống đến người (1,8 → 1), như quy tắc đếm dưới các bảng; không âm.",
        "Rounded down to whole people (1.8 → 1), as the counting rule under the tables; never negative.",
    ),
    "indicator.counts.all": (
        "Mọi tổ chức cơ sở đảng hoạt động trong kỳ, kể cả tổ chức mới thành lập hoặc đã giải thể"
        " (số đã kết nạp vẫn được tính); tổ chức chưa báo cáo được tính theo số đã báo cáo.",
        "Every grassroots organisation active in the period, new and dissolved ones included (their"
        " admissions still count); an organisation that has not reported counts with what it reported.",
    ),
    "indicator.counts.target": (
        "{body_Territory}: chỉ tiêu {body_committee} giao cho {body_territory} (không phải tổng chỉ tiêu giao"
        " các tổ chức);"
        " khối, tổ chức: tổng chỉ tiêu giao các tổ chức. Tổ chức chưa được giao chỉ tiêu (hoặc chỉ tiêu 0)"
        " không có tỷ lệ.",
        "{body_Territory}: the target the {body_territory} was given (not the sum of the organisations'"
        " targets); sector and"
        " organisation: the sum of the organisations' targets. An organisation without a target (or with"
        " 0) has no attainment.",
    ),
    "indicator.counts.plan": (
        "Như chỉ tiêu: kế hoạch bồi dưỡng cả năm của {body_territory}, hoặc tổng kế hoạch của các tổ chức.",
        "As the target: the {body_territory}'s annual training plan, or the sum of the organisations' plans.",
    ),
    "indicator.counts.flagged": (
        "Tổ chức hoạt động trong kỳ; tổ chức chưa báo cáo tháng cuối kỳ không bị tính"
        " (số liệu chưa đủ); tổ chức chưa được giao chỉ tiêu không bao giờ bị tính là chậm hay dưới 10%.",
        "Organisations active in the period; one whose return for the period's last month is missing is"
        " not counted (its figures are incomplete); one without a target is never behind or under 10%.",
    ),
    "indicator.counts.returns": (
        "Tổ chức phải gửi báo cáo tháng cuối kỳ (không tính tổ chức chưa thành lập hoặc đã giải thể).",
        "Organisations due to send the return of the period's last month (not those not yet created or dissolved).",
    ),
    "indicator.counts.period": (
        "Không phụ thuộc tổ chức: chỉ theo kỳ báo cáo.",
        "Depends on the period only, not on any organisation.",
    ),
    "indicator.admitted.definition": (
        "Số người được kết nạp vào Đảng trong kỳ, theo ngày quyết định kết nạp.",
        "People admitted to the Party in the period, by the date of the admission decision.",
    ),
    "indicator.target.definition": (
        "Chỉ tiêu kết nạp đảng viên cả năm được giao.",
        "The annual admissions target assigned.",
    ),
    "indicator.attainment_pct.definition": (
        "Số đã kết nạp so với chỉ tiêu cả năm.",
        "Admissions against the annual target.",
    ),
    "indicator.months_elapsed_pct.definition": (
        "Phần của năm đã qua đến cuối kỳ, tính theo tháng.",
        "Share of the year gone by the end of the period, in months.",
    ),
    "indicator.expected.definition": (
        "Số cần kết nạp đến cuối kỳ nếu đi đều theo tháng để đạt chỉ tiêu năm.",
        "Admissions needed by the end of the period at an even monthly pace to the annual target.",
    ),
    "indicator.shortfall_vs_pace.definition": (
        "Số người còn thiếu so với tiến độ đều theo tháng đến cuối kỳ.",
        "People short of the even monthly pace by the end of the period.",
    ),
    "indicator.shortfall_vs_target.definition": (
        "Số người còn thiếu để đạt chỉ tiêu cả năm.",
        "People still short of the annual target.",
    ),
    "indicator.trained.definition": (
        "Số người (không trùng) được cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng trong kỳ,"
        " theo tổ chức cử đi học.",
        "Distinct people certified by the Party awareness class in the period, by the sending organisation.",
    ),
    "indicator.training_plan.definition": (
        "Kế hoạch bồi dưỡng nhận thức về Đảng cả năm.",
        "The annual plan for the Party awareness class.",
    ),
    "indicator.training_attainment_pct.definition": (
        "Số người học lớp bồi dưỡng so với kế hoạch cả năm.",
        "People trained against the annual plan.",
    ),
    "indicator.organisations_with_trainees.definition": (
        "Số tổ chức cơ sở đảng có người học lớp bồi dưỡng trong kỳ.",
        "Grassroots organisations that sent someone to the class in the period.",
    ),
    "indicator.organisations.definition": (
        "Số tổ chức cơ sở đảng trong phạm vi báo cáo.",
        "Grassroots organisations in the report's scope.",
    ),
    "indicator.organisations_with_target.definition": (
        "Số tổ chức cơ sở đảng được giao chỉ tiêu kết nạp (lớn hơn 0) trong kỳ: mẫu số của các số tổ chức"
        " chưa đạt tiến độ, chưa kết nạp, dưới 10%.",
        "Grassroots organisations with an admissions target (above 0) in the period: the denominator of the"
        " counts behind pace, with no admission, under 10%.",
    ),
    "indicator.organisations_behind_pace.definition": (
        "Số tổ chức có số kết nạp thấp hơn tiến độ đều theo tháng (cả năm: không đạt chỉ tiêu).",
        "Organisations below the even monthly pace (a whole year: that missed the target).",
    ),
    "indicator.organisations_no_admissions.definition": (
        "Số tổ chức chưa kết nạp được đảng viên nào từ đầu năm đến cuối kỳ.",
        "Organisations that have admitted nobody from January to the end of the period.",
    ),
    "indicator.organisations_below_10pct.definition": (
        "Số tổ chức có số kết nạp từ đầu năm dưới 10% chỉ tiêu.",
        "Organisations whose admissions since January are below 10% of the target.",
    ),
    "indicator.organisations_none_2y.definition": (
        "Số tổ chức không kết nạp được đảng viên nào trong hai năm gần nhất.",
        "Organisations that admitted nobody in the two most recent years.",
    ),
    "indicator.organisations_not_reported.definition": (
        "Số tổ chức chưa gửi báo cáo tháng cuối kỳ.",
        "Organisations whose return for the period's last month has not arrived.",
    ),
    "indicator.organisations_reported.definition": (
        "Số tổ chức đã gửi báo cáo tháng cuối kỳ (đúng hạn hoặc muộn).",
        "Organisations whose return for the period's last month has arrived (on time or late).",
    ),
    "indicator.admitted_last_year.definition": (
        "Số người được kết nạp trong cùng kỳ năm trước.",
        "People admitted in the same period one year earlier.",
    ),
    "indicator.yoy_change_pct.definition": (
        "Mức tăng, giảm số kết nạp so với cùng kỳ năm trước.",
        "Change in admissions on the same period last year.",
    ),
    "metric.shortfall_vs_target": ("Còn thiếu so với chỉ tiêu", "Short of target (people)"),
    "metric.organisations_not_reported": ("Tổ chức chưa báo cáo", "Organisations not reported"),
    "metric.organisations_reported": ("Tổ chức đã báo cáo", "Organisations reported"),
    # The formula in words, as the reports show it (the code form is ketnap.indicators.INDICATORS).
    "indicator.admitted.formula": (
        "Đếm số người có quyết định kết nạp trong kỳ",
        "People whose admission decision falls in the period",
    ),
    "indicator.target.formula": (
        "Chỉ tiêu cả năm được giao",
        "The annual target as assigned",
    ),
    "indicator.attainment_pct.formula": (
        "Số đảng viên kết nạp ÷ chỉ tiêu năm × 100",
        "Admitted ÷ annual target × 100",
    ),
    "indicator.months_elapsed_pct.formula": (
        "Số tháng từ đầu năm đến hết kỳ ÷ 12 × 100",
        "Months from 1 January to the period's end ÷ 12 × 100",
    ),
    "indicator.expected.formula": (
        "Chỉ tiêu năm × số tháng đã qua ÷ 12, tính tròn xuống đến người",
        "Annual target × months gone ÷ 12, rounded down to whole people",
    ),
    "indicator.shortfall_vs_pace.formula": (
        "Số cần đạt theo tiến độ − số đã kết nạp (không âm)",
        "Expected on pace − admitted (never negative)",
    ),
    "indicator.shortfall_vs_target.formula": (
        "Chỉ tiêu năm − số đã kết nạp (không âm)",
        "Annual target − admitted (never negative)",
    ),
    "indicator.admitted_last_year.formula": (
        "Số đảng viên kết nạp trong cùng kỳ của năm trước",
        "Admitted in the same period of the year before",
    ),
    "indicator.yoy_change_pct.formula": (
        "(Số kết nạp − số cùng kỳ năm trước) ÷ số cùng kỳ năm trước × 100",
        "(Admitted − admitted a year before) ÷ admitted a year before × 100",
    ),
    "indicator.trained.formula": (
        "Đếm số người (không trùng) được cấp giấy chứng nhận trong kỳ",
        "Distinct people whose certificate is dated in the period",
    ),
    "indicator.training_plan.formula": (
        "Kế hoạch bồi dưỡng cả năm được giao",
        "The annual training plan as assigned",
    ),
    "indicator.training_attainment_pct.formula": (
        "Số người học lớp bồi dưỡng ÷ kế hoạch năm × 100",
        "Trained ÷ annual plan × 100",
    ),
    "indicator.organisations_with_trainees.formula": (
        "Đếm tổ chức có ít nhất 1 người học lớp bồi dưỡng trong kỳ",
        "Organisations with at least one person trained in the period",
    ),
    "indicator.organisations_with_target.formula": (
        "Đếm tổ chức cơ sở đảng được giao chỉ tiêu (lớn hơn 0) trong kỳ",
        "Organisations with a target (above 0) in the period",
    ),
    "indicator.organisations.formula": (
        "Đếm tổ chức cơ sở đảng hoạt động trong kỳ",
        "Grassroots organisations active in the period",
    ),
    "indicator.organisations_behind_pace.formula": (
        "Đếm tổ chức được giao chỉ tiêu có số kết nạp thấp hơn số cần đạt theo tiến độ (cả năm: thấp hơn chỉ tiêu)",
        "Organisations with a target that admitted fewer than expected on pace (a whole year: than the target)",
    ),
    "indicator.organisations_no_admissions.formula": (
        "Đếm tổ chức được giao chỉ tiêu chưa kết nạp được đảng viên nào từ đầu năm",
        "Organisations with a target that admitted nobody since 1 January",
    ),
    "indicator.organisations_below_10pct.formula": (
        "Đếm tổ chức được giao chỉ tiêu đã kết nạp nhưng chưa đạt 10% chỉ tiêu",
        "Organisations with a target that admitted someone, but under 10% of it",
    ),
    "indicator.organisations_none_2y.formula": (
        "Đếm tổ chức không kết nạp được đảng viên nào trong 2 năm liền",
        "Organisations with no admission in two years running",
    ),
    "indicator.organisations_not_reported.formula": (
        "Đếm tổ chức chưa gửi báo cáo tháng cuối kỳ",
        "Organisations whose return for the period's last month is missing",
    ),
    "indicator.organisations_reported.formula": (
        "Đếm tổ chức đã gửi báo cáo tháng cuối kỳ (đúng hạn hoặc chậm)",
        "Organisations whose return for the period's last month came in (on time or late)",
    ),
    # A finished period (ketnap.periods.Period.closed) reads these instead, where they exist.
    "indicator.shortfall_vs_pace.definition_year": (
        "Số người còn thiếu so với chỉ tiêu khi kỳ đã kết thúc.",
        "People short of the target once the period is over.",
    ),
    "indicator.shortfall_vs_pace.formula_year": (
        "Chỉ tiêu − số đã kết nạp (không âm)",
        "Target − admitted (never negative)",
    ),
    "indicator.organisations_behind_pace.definition_year": (
        "Số tổ chức được giao chỉ tiêu nhưng không đạt chỉ tiêu.",
        "Organisations with a target that missed it.",
    ),
    "indicator.organisations_behind_pace.formula_year": (
        "Đếm tổ chức được giao chỉ tiêu có số kết nạp thấp hơn chỉ tiêu",
        "Organisations with a target that admitted fewer than it",
    ),
    "indicator.admitted_last_year.definition_year": (
        "Số người được kết nạp trong năm trước.",
        "People admitted in the year before.",
    ),
    "indicator.admitted_last_year.formula_year": (
        "Đếm số người có quyết định kết nạp trong năm trước",
        "People whose admission decision falls in the year before",
    ),
    "indicator.organisations_with_target.definition_year": (
        "Số tổ chức cơ sở đảng được giao chỉ tiêu kết nạp (lớn hơn 0) trong kỳ: mẫu số của các số tổ chức"
        " không đạt chỉ tiêu, không kết nạp, dưới 10%.",
        "Grassroots organisations with an admissions target (above 0) in the period: the denominator of"
        " those that missed it, admitted nobody, or stayed under 10%.",
    ),
    "indicator.yoy_change_pct.definition_year": (
        "Mức tăng, giảm số kết nạp so với năm trước.",
        "Change in admissions on the year before.",
    ),
    "indicator.yoy_change_pct.formula_year": (
        "(Số kết nạp − số kết nạp năm trước) ÷ số kết nạp năm trước × 100",
        "(Admitted − admitted the year before) ÷ admitted the year before × 100",
    ),
}
