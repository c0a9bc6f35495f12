"""Narrative sentences, on tables that reproduce the article's figures.

2023: 735 admitted against 707; 1.253 trained from 109 organisations against a plan of 1.071.
Jan-Feb 2024: 231 admitted against 817. Only W1-W3 (wards) and H1 (schools) have targets.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ketnap import narrative as n
from ketnap.io import Tables
from ketnap.schema import TABLES


def build_article_tables() -> Tables:
    sectors = pd.DataFrame(
        [
            ("wards-communes", 1, "Khối phường - xã", "Wards and communes", "#1"),
            ("admin-units", 2, "Khối hành chính - sự nghiệp", "Administrative units", "#2"),
            ("high-schools", 3, "Khối trường THPT", "Upper-secondary schools", "#3"),
            ("enterprises", 4, "Khối doanh nghiệp", "Enterprises", "#4"),
        ],
        columns=TABLES["sectors"],
    )
    named = {"W1": "Phường Đông Hải", "W2": "Phường Ba Đình", "W3": "Phường An Hoạch"}
    codes = ["W1", "W2", "W3", "A1", "H1", *(f"E{i:03d}" for i in range(105))]
    sector_of = {"W": "wards-communes", "A": "admin-units", "H": "high-schools", "E": "enterprises"}
    organisations = pd.DataFrame(
        [(c, named.get(c, f"Chi bộ {c}"), sector_of[c[0]], "chi-bo-co-so", None, None, None, None) for c in codes],
        columns=TABLES["organisations"],
    )
    for column in ("active_from", "active_to"):
        organisations[column] = pd.to_datetime(organisations[column])
    targets = pd.DataFrame(
        [
            (2023, None, 707, 1071),
            (2024, None, 817, None),
            (2024, "W1", 12, None),
            (2024, "W2", 30, None),
            (2024, "W3", 6, None),
            (2024, "H1", 400, None),
        ],
        columns=TABLES["targets"],
    ).astype({"admissions_target": "Int64", "training_plan": "Int64"})

    def admissions(org: str, count: int, dates: pd.DatetimeIndex) -> list[dict]:
        return [
            {"person_key": f"{org}-{d:%Y%m%d}-{i}", "org_code": org, "admission_date": d}
            for i, d in enumerate(dates[i % len(dates)] for i in range(count))
        ]

    early_2024 = pd.date_range("2024-01-02", "2024-02-29", freq="D")
    rows = admissions("A1", 735, pd.date_range("2023-01-01", "2023-12-31", freq="D"))
    rows += admissions("W2", 1, early_2024) + admissions("W3", 3, early_2024[-3:])
    rows += admissions("A1", 100, early_2024) + admissions("H1", 127, early_2024)
    adm = pd.DataFrame(rows).reindex(columns=TABLES["admissions"])
    adm = adm.assign(sex="F", age_at_admission=25, ethnic_minority=False, religious=False, youth_union=True)
    trainers = [c for c in codes if c != "E104"]  # 109 organisations sent people in 2023
    training = pd.DataFrame(
        [
            {
                "person_key": f"T{i}",
                "org_code": trainers[i % 109],
                "completion_date": pd.Timestamp("2023-06-01"),
            }
            for i in range(1253)
        ]
    ).reindex(columns=TABLES["training"])
    return Tables(
        sectors=sectors,
        organisations=organisations,
        targets=targets,
        monthly_plans=pd.DataFrame(columns=TABLES["monthly_plans"]),
        admissions=adm,
        training=training,
        conversions=pd.DataFrame(columns=TABLES["conversions"]).astype(
            {"admission_date": "datetime64[ns]", "conversion_date": "datetime64[ns]"}
        ),
        manifest={"as_of": "2024-02-29"},
    )


@pytest.fixture(scope="module")
def tables() -> Tables:
    return build_article_tables()


def test_city_headline_matches_the_article(tables: Tables) -> None:
    assert n.headline(tables, "2024-02") == (
        "Trong 2 tháng đầu năm 2024, Đảng bộ thành phố đã kết nạp được 231 đảng viên mới, "
        "đạt 28,3% chỉ tiêu năm (817 đảng viên)."
    )
    assert n.headline(tables, "2023") == (
        "Năm 2023, Đảng bộ thành phố đã kết nạp được 735 đảng viên mới, đạt 104,0% chỉ tiêu (707 đảng viên)."
    )
    assert n.headline(tables, "2024-02", lang="en") == (
        "In the first 2 months of 2024, the City Party Committee admitted 231 new members, "
        "28.3% of the annual target (817 members)."
    )


def test_training_sentence_matches_the_article(tables: Tables) -> None:
    assert n.training_sentence(tables, "2023") == (
        "Năm 2023, có 109 đảng bộ, chi bộ cơ sở đã cử được 1.253 quần chúng ưu tú tham gia "
        "lớp bồi dưỡng nhận thức về Đảng, đạt 117,0% so với kế hoạch."
    )
    assert n.training_sentence(tables, "2023", lang="en") == (
        "In 2023, 109 grassroots party organisations sent 1,253 outstanding non-members to "
        "the Party awareness class, 117.0% of the plan."
    )
    # 2024 has no plan and nobody trained yet.
    assert n.training_sentence(tables, "2024-02") == (
        "Trong 2 tháng đầu năm 2024, chưa có quần chúng ưu tú nào tham gia lớp bồi dưỡng nhận thức về Đảng."
    )


def test_sector_sentences(tables: Tables) -> None:
    assert n.sector_sentences(tables, "2024-02") == [
        # "khối" in lower case mid-sentence, as the source article writes it
        "Trong 2 tháng đầu năm 2024, khối phường - xã đã kết nạp được 4 đảng viên mới, "
        "đạt 8,3% chỉ tiêu năm (48 đảng viên).",
        "Trong 2 tháng đầu năm 2024, khối hành chính - sự nghiệp đã kết nạp được 100 đảng viên mới "
        "(chưa được giao chỉ tiêu).",
        "Trong 2 tháng đầu năm 2024, khối trường THPT đã kết nạp được 127 đảng viên mới, "
        "đạt 31,8% chỉ tiêu năm (400 đảng viên).",  # 31,75% rounds half up
        "Trong 2 tháng đầu năm 2024, khối doanh nghiệp chưa kết nạp được đảng viên mới nào (chưa được giao chỉ tiêu).",
    ]
    # The four sectors in one sentence.
    assert n.sectors_sentence(tables, "2024-02") == (
        "Trong đó: khối phường - xã kết nạp 4 đảng viên (đạt 8,3% chỉ tiêu); khối hành chính - sự nghiệp 100 "
        "(chưa được giao chỉ tiêu); khối trường THPT 127 (31,8%); khối doanh nghiệp 0 (chưa được giao chỉ tiêu)."
    )
    assert n.headline(tables, "2024-02", sector="high-schools", lang="en") == (
        "In the first 2 months of 2024, the upper-secondary schools sector admitted 127 new members, "
        "31.8% of the annual target (400 members)."
    )


def test_behind_pace_sentence(tables: Tables) -> None:
    # W2: 30 x 2/12 = 5 expected, 1 admitted -> 4 short; W1: 2 expected, none -> 2 short; W3 and H1 on pace.
    assert n.behind_pace_sentence(tables, "2024-02") == (
        "Trong 2 tháng đầu năm 2024, trong 4 tổ chức cơ sở đảng được giao chỉ tiêu, có 2 tổ chức chưa đạt "
        "tiến độ kết nạp (đã qua 2/12 tháng, bằng 16,7% thời gian của năm); 1 tổ chức chưa kết nạp được "
        "đảng viên nào; còn thiếu nhiều nhất: Phường Ba Đình (còn thiếu 4 so với tiến độ), Phường Đông Hải "
        "(còn thiếu 2 so với tiến độ)."
    )
    assert n.behind_pace_sentence(tables, "2024-02", limit=1, lang="en").endswith(
        "furthest behind: Phường Ba Đình (4 short of pace)."
    )
    assert n.behind_pace_sentence(tables, "2024-02", sector="high-schools") == (
        "Trong 2 tháng đầu năm 2024, tất cả 1 tổ chức cơ sở đảng được giao chỉ tiêu đều đạt tiến độ kết nạp."
    )
    assert n.behind_pace_sentence(tables, "2023") == (
        "Năm 2023, chưa có tổ chức cơ sở đảng nào được giao chỉ tiêu kết nạp."
    )


def test_pace_sentence(tables: Tables) -> None:
    # (817 - 231) / 10 months = 58.6 a month, rounded up to 59 people.
    assert n.pace_sentence(tables, "2024-02") == (
        "Kết quả này vượt tiến độ thời gian (đã qua 2/12 tháng, bằng 16,7% thời gian của năm). "
        "Để hoàn thành chỉ tiêu, từ nay đến cuối năm bình quân mỗi tháng cần kết nạp 59 đảng viên."
    )
    assert n.pace_sentence(tables, "2023") == ""  # the year is over
    assert n.pace_sentence(tables, "2024-02", sector="admin-units") == ""  # no target


@pytest.mark.parametrize(
    ("period", "vi", "en"),
    [
        ("2024-01", "Trong tháng 1/2024", "In January 2024"),
        ("2024-02", "Trong 2 tháng đầu năm 2024", "In the first 2 months of 2024"),
        ("2024-Q2", "Trong quý II/2024", "In Q2 2024"),
        ("2023", "Năm 2023", "In 2023"),
        ("2023-12", "Năm 2023", "In 2023"),
    ],
)
def test_period_phrase(period: str, vi: str, en: str) -> None:
    assert n.period_phrase(period) == vi
    assert n.period_phrase(period, "en") == en


def test_admissions_sentence_edge_cases() -> None:
    assert n.admissions_sentence("2024-Q1", 58, 817) == (
        "Trong quý I/2024, Đảng bộ thành phố đã kết nạp được 58 đảng viên mới, đạt 7,1% chỉ tiêu năm (817 đảng viên)."
    )
    assert n.admissions_sentence("2023", 12, 0).endswith("đã kết nạp được 12 đảng viên mới (chưa được giao chỉ tiêu).")
    assert n.admissions_sentence("2023", 12, float("nan"), lang="en").endswith("(no target set).")
    assert n.admissions_sentence("2023", 0, 40) == (
        "Năm 2023, Đảng bộ thành phố không kết nạp được đảng viên mới nào (chỉ tiêu 40 đảng viên)."
    )
    assert n.admissions_sentence("2024-02", 1253, 2000).count("1.253") == 1


def _stated(text: object) -> list[tuple[str, str, object]]:
    """The figures a sentence records, as (code, scope, value), in a stable order; every one of period 2024-02."""
    figures = getattr(text, "figures", ())
    return sorted((f["code"], f["scope"], f["value"]) for f in figures)


def test_the_headline_records_the_figures_it_states(tables: Tables) -> None:
    # 231 admitted of 817: 28.27% -> 28,3%.
    assert _stated(n.headline(tables, "2024-02")) == [
        ("admitted", "city", 231),
        ("attainment_pct", "city", 28.3),
        ("target", "city", 817),
    ]
    assert {f["period"] for f in n.headline(tables, "2024-02").figures} == {"2024-02"}
    # H1 alone: 127 of 400 = 31.75% -> 31,8% (half up), as the sentence writes it.
    assert _stated(n.headline(tables, "2024-02", sector="high-schools")) == [
        ("admitted", "high-schools", 127),
        ("attainment_pct", "high-schools", 31.8),
        ("target", "high-schools", 400),
    ]
    # No target: the sentence states the admissions only ("chưa được giao chỉ tiêu" is no number).
    assert _stated(n.headline(tables, "2024-02", sector="admin-units")) == [("admitted", "admin-units", 100)]
    # Nobody admitted against a target of 40: 0 admitted and the target, no percentage.
    assert _stated(n.admissions_sentence("2023", 0, 40, scope="W1")) == [("admitted", "W1", 0), ("target", "W1", 40)]
    # Without a scope (a table's own total, an unknown subject) nothing is recorded.
    assert n.admissions_sentence("2023", 735, 707).figures == ()


def test_the_behind_pace_sentence_records_counts_and_the_shortfall_of_each_name(tables: Tables) -> None:
    # 4 organisations with a target (W1-W3, H1); W2 is 4 short (5 due, 1 in), W1 2 short (2 due, none):
    # 2 behind, 1 with no admission; 2/12 of the year gone = 16,7%.
    assert _stated(n.behind_pace_sentence(tables, "2024-02")) == [
        ("months_elapsed_pct", "city", 16.7),
        ("organisations_behind_pace", "city", 2),
        ("organisations_no_admissions", "city", 1),
        ("organisations_with_target", "city", 4),
        ("shortfall_vs_pace", "W1", 2),
        ("shortfall_vs_pace", "W2", 4),
    ]
    # limit=1 names W2 only, so only its shortfall is stated.
    assert [f for f in _stated(n.behind_pace_sentence(tables, "2024-02", limit=1)) if f[0] == "shortfall_vs_pace"] == [
        ("shortfall_vs_pace", "W2", 4)
    ]
    # All on pace: the one organisation with a target of the sector.
    assert _stated(n.behind_pace_sentence(tables, "2024-02", sector="high-schools")) == [
        ("organisations_with_target", "high-schools", 1)
    ]
    assert n.behind_pace_sentence(tables, "2023").figures == ()  # no target in 2023: no count stated


def test_the_training_pace_sectors_and_targets_sentences_record_their_figures(tables: Tables) -> None:
    # 1.253 people from 109 organisations against a plan of 1.071: 116.99% -> 117,0%.
    assert _stated(n.training_sentence(tables, "2023")) == [
        ("organisations_with_trainees", "city", 109),
        ("trained", "city", 1253),
        ("training_attainment_pct", "city", 117.0),
    ]
    assert n.training_sentence(tables, "2024-02").figures == ()  # nobody trained: no number
    # The pace sentence states the time gone; the 59 a month needed has no catalogue code.
    assert _stated(n.pace_sentence(tables, "2024-02")) == [("months_elapsed_pct", "city", 16.7)]
    # Wards 4/48 = 8,3%; admin 100 (no target); schools 127/400 = 31,8%; enterprises 0 (no target).
    assert _stated(n.sectors_sentence(tables, "2024-02")) == [
        ("admitted", "admin-units", 100),
        ("admitted", "enterprises", 0),
        ("admitted", "high-schools", 127),
        ("admitted", "wards-communes", 4),
        ("attainment_pct", "high-schools", 31.8),
        ("attainment_pct", "wards-communes", 8.3),
    ]
    # Assigned 12 + 30 + 6 + 400 = 448 against the city's 817: only the city's target is a scope's figure.
    sentence = n.targets_sentence(tables, "2024-02")
    assert "448" in sentence and _stated(sentence) == [("target", "city", 817)]
    # A quarter after the first counts its own months: "3/12" is not months_elapsed_pct (6/12), so not recorded.
    assert n.time_progress("2024-Q2", scope="city").figures == ()
    assert _stated(n.time_progress("2024-Q1", scope="city")) == [("months_elapsed_pct", "city", 25.0)]
