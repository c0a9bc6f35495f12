"""Tests of ketnap.training on the small hand-built city of ``small_city.py``, every figure worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from small_city import D, small_city

from ketnap import metrics, training
from ketnap.io import Tables


@pytest.fixture
def tables() -> Tables:
    return small_city()


# --- training ------------------------------------------------------------------------------------


def test_training_by_sector(tables: Tables) -> None:
    frame = training.training_by_sector(tables, "2023", lang="en")
    assert list(frame.columns) == training.TRAINING_COLUMNS
    assert frame["name"].tolist() == ["Sector A", "Sector B", "Thanh Hóa City Party Committee"]
    assert frame["is_total"].tolist() == [False, False, True]
    # A: p3 (two certificates, one person), p4, p8; B: p5. Plans: A = 4 (O2 has none), B = 2, city its own 10.
    assert frame["trained"].tolist() == [3, 1, 4]
    assert frame["training_plan"].tolist() == [4, 2, 10]
    assert frame["training_attainment_pct"].tolist() == pytest.approx([75.0, 50.0, 40.0])
    assert frame["organisations_with_trainees"].tolist() == [2, 1, 3]


def test_conversion_by_cohort(tables: Tables) -> None:
    frame = training.conversion_by_cohort(tables, "2023")
    assert frame["cohort"].tolist() == [2022, 2023]
    # 2022: p2, admitted 01/02/2023. 2023: p3 and p5 admitted after their certificate; p4 before it, p8 never.
    assert frame["trained"].tolist() == [1, 4]
    assert frame["admitted"].tolist() == [1, 2]
    assert frame["conversion_pct"].tolist() == pytest.approx([100.0, 50.0])
    assert frame["full_members"].tolist() == [0, 0]  # p2 converted only in 2024
    assert frame["complete"].tolist() == [True, True]
    later = training.conversion_by_cohort(tables, "2024-02")
    assert later["cohort"].tolist() == [2022, 2023]  # no one trained in 2024: no row
    assert later["full_members"].tolist() == [1, 0]


def test_conversion_by_cohort_marks_the_unfinished_year(tables: Tables) -> None:
    frame = training.conversion_by_cohort(tables, "2023-06", lang="vi")
    assert frame["complete"].tolist() == [True, False]
    assert frame["cohort_label"].tolist() == ["2022", "2023 (đến 30/06/2023)"]


def test_days_to_admission(tables: Tables) -> None:
    days = training.days_to_admission(tables, "2023")
    assert days["days"].tolist() == [92, 65, 31]  # p2, p3 (latest certificate), p5; not p4 nor p10
    assert days["org_code"].tolist() == ["O1", "O1", "O3"]
    assert days["sector"].tolist() == ["A", "A", "B"]
    assert "person_key" not in days.columns
    summary = training.days_to_admission_summary(days)
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
    bands = training.days_to_admission_bands(pd.Series([0, 91, 92, 365, 366, 800]))
    assert bands["band"].tolist() == ["0_3", "3_6", "6_12", "12_24", "24_plus"]
    assert bands["count"].tolist() == [2, 1, 1, 1, 1]
    assert bands["share"].sum() == pytest.approx(1.0)


def test_days_to_admission_when_there_are_none(tables: Tables) -> None:
    days = training.days_to_admission(tables, "2022")  # nobody admitted in 2022 held a certificate
    assert days.empty
    assert training.days_to_admission_summary(days)["count"] == 0
    assert np.isnan(training.days_to_admission_summary(days)["median"])
    bands = training.days_to_admission_bands(days)
    assert bands["count"].sum() == 0 and bands["share"].isna().all()


# --- full membership -----------------------------------------------------------------------------


def test_due_dates_leap_day_falls_due_on_28_february() -> None:
    due = training.due_dates(pd.Series([D("2024-02-29"), D("2023-03-15"), D("2023-02-28")]))
    assert due.tolist() == [D("2025-02-28"), D("2024-03-15"), D("2024-02-28")]


def test_due_in_a_year(tables: Tables) -> None:
    city = training.due_for_full_membership(tables, "2023", by="city").iloc[0]
    # Due in 2023: p1 (converted 12/03/2023), p7 (never), p9 (converted only in 2024: not by 31/12/2023).
    # Upcoming (Jan-Mar 2024): p2, due 01/02/2024.
    assert city[training.DUE_COLUMNS].tolist() == [3, 1, 2, 0, 2, 1]


def test_due_year_to_date_counts_overdue(tables: Tables) -> None:
    by_org = training.due_for_full_membership(tables, "2024-02")
    # O1: p2 due 01/02/2024 and converted 05/02; p3 due 05/05/2024 is within three months of 29/02.
    # O2: p7 due 15/01/2023, no conversion: overdue. O3 has nothing to count and is left out.
    assert by_org["org_code"].tolist() == ["O1", "O2"]
    assert by_org[training.DUE_COLUMNS].to_numpy().tolist() == [[1, 1, 0, 0, 0, 1], [0, 0, 0, 1, 1, 0]]
    assert "person_key" not in by_org.columns
    by_sector = training.due_for_full_membership(tables, "2024-02", by="sector", lang="en")
    assert by_sector["name"].tolist() == ["Sector A", "Sector B"]
    assert by_sector["outstanding"].tolist() == [1, 0]


def test_due_leap_day_admission_is_due_in_february(tables: Tables) -> None:
    february = training.due_for_full_membership(tables, "2025-Q1", by="city").iloc[0]
    assert february["due"] == 1 and february["awaiting"] == 1  # p6, due 28/02/2025
    march = training.due_for_full_membership(tables, "2025-Q2", by="city").iloc[0]
    assert march["due"] == 0


def test_due_rejects_an_unknown_level(tables: Tables) -> None:
    with pytest.raises(ValueError, match="unknown level"):
        training.due_for_full_membership(tables, "2023", by="cell")  # type: ignore[arg-type]
