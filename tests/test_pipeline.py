"""Tests of ketnap.pipeline on a small hand-built city whose every figure is worked out by hand.

The city: sector A (organisations O1, O2), sector B (O3, founded 01/07/2023). Admissions,
certificates and conversions are listed in ``tables`` with what each one is there to test.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ketnap import metrics, pipeline
from ketnap.io import Tables

D = pd.Timestamp


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


@pytest.fixture
def tables() -> Tables:
    sectors = _frame(
        [("A", 1, "Khối A", "Sector A", "#E69F00"), ("B", 2, "Khối B", "Sector B", "#0072B2")],
        ["sector", "order", "name_vi", "name_en", "colour"],
    )
    organisations = _frame(
        [
            ("O1", "Chi bộ An", "A", "chi-bo-co-so", None, pd.NaT, pd.NaT),
            ("O2", "Chi bộ Bình", "A", "chi-bo-co-so", None, pd.NaT, pd.NaT),
            ("O3", "Chi bộ Cường", "B", "chi-bo-co-so", None, D("2023-07-01"), pd.NaT),  # created mid-2023
        ],
        ["org_code", "name", "sector", "kind", "parent_code", "active_from", "active_to"],
    )
    targets = _frame(
        [
            (2023, None, 5, 10),  # the city's own target and plan
            (2023, "O1", 2, 4),
            (2023, "O2", 0, None),  # a target of 0 is no target; no plan
            (2023, "O3", 2, 2),
            (2022, "O1", 1, 2),
        ],
        ["year", "org_code", "admissions_target", "training_plan"],
    ).astype({"admissions_target": "Int64", "training_plan": "Int64"})
    admissions = _frame(
        [
            ("p1", "O1", D("2022-03-10")),  # due 10/03/2023, converted 12/03/2023
            ("p9", "O1", D("2022-12-20")),  # due 20/12/2023, converted only on 10/01/2024
            ("p7", "O2", D("2022-01-15")),  # due 15/01/2023, never converted: overdue from 2024
            ("p2", "O1", D("2023-02-01")),  # due 01/02/2024, converted 05/02/2024
            ("p3", "O1", D("2023-05-05")),  # due 05/05/2024
            ("p4", "O2", D("2023-06-01")),  # certificate only after admission
            ("p5", "O3", D("2023-09-01")),
            ("p10", "O2", D("2023-10-10")),  # no certificate
            ("p6", "O1", D("2024-02-29")),  # leap day: due 28/02/2025
        ],
        ["person_key", "org_code", "admission_date"],
    )
    for column, value in {
        "cell": None,
        "sex": "F",
        "birth_year": 2000,
        "age_at_admission": 23,
        "ethnic_group": "Kinh",
        "ethnic_minority": False,
        "religion": "Không",
        "religious": False,
        "youth_union": True,
        "occupation": "student",
        "education": "THPT",
        "source_file": "x.xlsx",
    }.items():
        admissions[column] = value
    training = _frame(
        [
            ("p2", "O1", D("2022-11-01")),  # 92 days before admission
            ("p3", "O1", D("2023-01-05")),
            ("p3", "O1", D("2023-03-01")),  # the latest before admission: 65 days
            ("p4", "O2", D("2023-07-01")),  # after the admission: not counted
            ("p8", "O2", D("2023-04-01")),  # trained, never admitted
            ("p5", "O3", D("2023-08-01")),  # 31 days
        ],
        ["person_key", "org_code", "completion_date"],
    ).assign(class_name="Lớp", sex="F", birth_year=2000, source_file="x.xlsx")
    conversions = _frame(
        [
            ("p1", "O1", D("2022-03-10"), D("2023-03-12")),
            ("p9", "O1", D("2022-12-20"), D("2024-01-10")),
            ("p2", "O1", D("2023-02-01"), D("2024-02-05")),
        ],
        ["person_key", "org_code", "admission_date", "conversion_date"],
    ).assign(source_file="x.xlsx")
    monthly_plans = pd.DataFrame(
        {
            "year": pd.Series(dtype="int64"),
            "org_code": pd.Series(dtype=object),
            "month": pd.Series(dtype="int64"),
            "planned_admissions": pd.Series(dtype="int64"),
        }
    )
    return Tables(
        sectors=sectors,
        organisations=organisations,
        targets=targets,
        monthly_plans=monthly_plans,
        admissions=admissions,
        training=training,
        conversions=conversions,
        manifest={"as_of": "2024-02-29"},
    )


# --- small helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2023, "2023", " 2023 "])
def test_parse_year_accepts_int_and_text(year) -> None:
    assert pipeline.parse_year(year) == 2023


@pytest.mark.parametrize("year", ["2023-02", "23", "", "năm 2023"])
def test_parse_year_rejects_other_text(year) -> None:
    with pytest.raises(ValueError, match="four digits"):
        pipeline.parse_year(year)


def test_signed_shows_the_sign_and_the_locale() -> None:
    vi, en = pipeline.signed("vi"), pipeline.signed("en")
    assert [vi(3), vi(-2), vi(0), vi(1253), vi(np.nan)] == ["+3", "\u22122", "0", "+1.253", "–"]
    assert en(-1253) == "\u22121,253"
    with pytest.raises(ValueError):
        pipeline.signed("fr")


def test_year_complete(tables: Tables) -> None:
    assert pipeline.year_complete(tables, 2023)
    assert not pipeline.year_complete(tables, "2024")


# --- training ------------------------------------------------------------------------------------


def test_training_by_sector(tables: Tables) -> None:
    frame = pipeline.training_by_sector(tables, "2023", lang="en")
    assert list(frame.columns) == pipeline.TRAINING_COLUMNS
    assert frame["name"].tolist() == ["Sector A", "Sector B", "Thanh Hóa City Party Committee"]
    assert frame["is_total"].tolist() == [False, False, True]
    # A: p3 (two certificates, one person), p4, p8; B: p5. Plans: A = 4 (O2 has none), B = 2, city its own 10.
    assert frame["trained"].tolist() == [3, 1, 4]
    assert frame["training_plan"].tolist() == [4, 2, 10]
    assert frame["training_attainment_pct"].tolist() == pytest.approx([75.0, 50.0, 40.0])
    assert frame["organisations_with_trainees"].tolist() == [2, 1, 3]


def test_conversion_by_cohort(tables: Tables) -> None:
    frame = pipeline.conversion_by_cohort(tables, "2023")
    assert frame["cohort"].tolist() == [2022, 2023]
    # 2022: p2, admitted 01/02/2023. 2023: p3 and p5 admitted after their certificate; p4 before it, p8 never.
    assert frame["trained"].tolist() == [1, 4]
    assert frame["admitted"].tolist() == [1, 2]
    assert frame["conversion_pct"].tolist() == pytest.approx([100.0, 50.0])
    assert frame["full_members"].tolist() == [0, 0]  # p2 converted only in 2024
    assert frame["complete"].tolist() == [True, True]
    later = pipeline.conversion_by_cohort(tables, "2024-02")
    assert later["cohort"].tolist() == [2022, 2023]  # no one trained in 2024: no row
    assert later["full_members"].tolist() == [1, 0]


def test_conversion_by_cohort_marks_the_unfinished_year(tables: Tables) -> None:
    frame = pipeline.conversion_by_cohort(tables, "2023-06", lang="vi")
    assert frame["complete"].tolist() == [True, False]
    assert frame["cohort_label"].tolist() == ["2022", "2023 (đến 30/06/2023)"]


def test_days_to_admission(tables: Tables) -> None:
    days = pipeline.days_to_admission(tables, "2023")
    assert days["days"].tolist() == [92, 65, 31]  # p2, p3 (latest certificate), p5; not p4 nor p10
    assert days["org_code"].tolist() == ["O1", "O1", "O3"]
    assert days["sector"].tolist() == ["A", "A", "B"]
    assert "person_key" not in days.columns
    summary = pipeline.days_to_admission_summary(days)
    assert summary["count"] == 3
    assert summary["median"] == 65
    assert summary["median_months"] == pytest.approx(65 / 30.4375)
    assert (summary["q1"], summary["q3"]) == (48.0, 78.5)
    # The same method as ketnap.metrics.training_to_admission.
    city = metrics.training_to_admission(tables, "2023").iloc[0]
    assert city["median_days_to_admission"] == summary["median"]
    assert city["admitted_with_training"] == summary["count"]


def test_days_to_admission_bands() -> None:
    # 91 days is 2.99 months (0-3); 92 is 3.02 (3-6); 365 is 11.99 (6-12); 366 is 12.02 (12-24).
    bands = pipeline.days_to_admission_bands(pd.Series([0, 91, 92, 365, 366, 800]))
    assert bands["band"].tolist() == ["0_3", "3_6", "6_12", "12_24", "24_plus"]
    assert bands["count"].tolist() == [2, 1, 1, 1, 1]
    assert bands["share"].sum() == pytest.approx(1.0)


def test_days_to_admission_when_there_are_none(tables: Tables) -> None:
    days = pipeline.days_to_admission(tables, "2022")  # nobody admitted in 2022 held a certificate
    assert days.empty
    assert pipeline.days_to_admission_summary(days)["count"] == 0
    assert np.isnan(pipeline.days_to_admission_summary(days)["median"])
    bands = pipeline.days_to_admission_bands(days)
    assert bands["count"].sum() == 0 and bands["share"].isna().all()


# --- full membership -----------------------------------------------------------------------------


def test_due_dates_leap_day_falls_due_on_28_february() -> None:
    due = pipeline.due_dates(pd.Series([D("2024-02-29"), D("2023-03-15"), D("2023-02-28")]))
    assert due.tolist() == [D("2025-02-28"), D("2024-03-15"), D("2024-02-28")]


def test_due_in_a_year(tables: Tables) -> None:
    city = pipeline.due_for_full_membership(tables, "2023", by="city").iloc[0]
    # Due in 2023: p1 (converted 12/03/2023), p7 (never), p9 (converted only in 2024: not by 31/12/2023).
    # Upcoming (Jan-Mar 2024): p2, due 01/02/2024.
    assert city[pipeline.DUE_COLUMNS].tolist() == [3, 1, 2, 0, 2, 1]


def test_due_year_to_date_counts_overdue(tables: Tables) -> None:
    by_org = pipeline.due_for_full_membership(tables, "2024-02")
    # O1: p2 due 01/02/2024 and converted 05/02; p3 due 05/05/2024 is within three months of 29/02.
    # O2: p7 due 15/01/2023, no conversion: overdue. O3 has nothing to count and is left out.
    assert by_org["org_code"].tolist() == ["O1", "O2"]
    assert by_org[pipeline.DUE_COLUMNS].to_numpy().tolist() == [[1, 1, 0, 0, 0, 1], [0, 0, 0, 1, 1, 0]]
    assert "person_key" not in by_org.columns
    by_sector = pipeline.due_for_full_membership(tables, "2024-02", by="sector", lang="en")
    assert by_sector["name"].tolist() == ["Sector A", "Sector B"]
    assert by_sector["outstanding"].tolist() == [1, 0]


def test_due_leap_day_admission_is_due_in_february(tables: Tables) -> None:
    february = pipeline.due_for_full_membership(tables, "2025-Q1", by="city").iloc[0]
    assert february["due"] == 1 and february["awaiting"] == 1  # p6, due 28/02/2025
    march = pipeline.due_for_full_membership(tables, "2025-Q2", by="city").iloc[0]
    assert march["due"] == 0


def test_due_rejects_an_unknown_level(tables: Tables) -> None:
    with pytest.raises(ValueError, match="unknown level"):
        pipeline.due_for_full_membership(tables, "2023", by="cell")  # type: ignore[arg-type]


# --- annual review -------------------------------------------------------------------------------


def test_annual_review(tables: Tables) -> None:
    review = pipeline.annual_review(tables, "2023", lang="vi")
    assert list(review.columns) == pipeline.ANNUAL_REVIEW_COLUMNS
    assert review["org_code"].tolist() == ["O1", "O2", "O3"]
    assert review["sector_name"].tolist() == ["Khối A", "Khối A", "Khối B"]
    assert review["admitted"].tolist() == [2, 2, 1]
    assert review["status"].tolist() == ["met", "no_target", "missed"]
    assert review["status_label"].tolist() == ["Đạt", "Không giao chỉ tiêu", "Không đạt"]
    assert np.isnan(review.loc[1, "target"])  # a target of 0 is no target
    assert review["difference"].tolist()[0::2] == [0.0, -1.0]
    assert np.isnan(review.loc[1, "difference"])
    assert review["attainment_pct"].tolist()[0::2] == pytest.approx([100.0, 50.0])
    # Last year: O1 admitted p1 and p9, O2 p7; O3 did not exist.
    assert review["admitted_last_year"].tolist()[:2] == [2.0, 1.0]
    assert np.isnan(review.loc[2, "admitted_last_year"])
    assert review["change"].tolist()[:2] == [0.0, 1.0]
    assert np.isnan(review.loc[2, "change"])
    assert review["created_in_year"].tolist() == [False, False, True]


def test_annual_review_accepts_an_int_year(tables: Tables) -> None:
    pd.testing.assert_frame_equal(pipeline.annual_review(tables, 2023), pipeline.annual_review(tables, "2023"))


def test_annual_summary(tables: Tables) -> None:
    summary = pipeline.annual_summary(pipeline.annual_review(tables, 2023, lang="en"), lang="en")
    assert summary["name"].tolist() == ["Sector A", "Sector B", "Whole city"]
    assert summary["is_total"].tolist() == [False, False, True]
    assert summary["organisations"].tolist() == [2, 1, 3]
    assert summary["met"].tolist() == [1, 0, 1]
    assert summary["missed"].tolist() == [0, 1, 1]
    assert summary["no_target"].tolist() == [1, 0, 1]
    assert summary["shortfall"].tolist() == [0, 1, 1]
    assert summary["admitted"].tolist() == [4, 1, 5]
    assert summary["admitted_last_year"].tolist()[0::2] == [3.0, 3.0]
    assert np.isnan(summary.loc[1, "admitted_last_year"])


def test_flag_missed() -> None:
    assert pipeline.flag_missed(pd.Series({"status": "missed"})) == "flag-behind"
    assert pipeline.flag_missed(pd.Series({"status": "met"})) == ""
