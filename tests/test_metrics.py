"""Metrics on a small hand-built set of tables, every expectation computed by hand.

The organisations cover the edge cases: W3 created mid-February 2024 with no target, S1 with a
target of 0, S2 dissolved on 20/01/2024 after admitting in January, S3 dissolved in 2023, E1
never admitting anyone. W1 admits on 29/02/2024.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from ketnap import metrics as m
from ketnap.io import Tables, person_codes
from ketnap.schema import TABLES

NaN = np.nan
# The columns a hand-built table gives; Tables numbers the people itself (``person_code``) and puts
# organisations given without a working group in none (``group``).
COLUMNS = {name: [c for c in columns if c != "person_code" and (name, c) != ("organisations", "group")]
           for name, columns in TABLES.items()}  # fmt: skip


def frame(name: str, rows: list[tuple]) -> pd.DataFrame:
    """A processed table with the columns of ``schema.TABLES`` but ``person_code``; date columns as datetime64."""
    out = pd.DataFrame(rows, columns=COLUMNS[name])
    for column in out.columns:
        if column.endswith(("_date", "active_from", "active_to")):
            out[column] = pd.to_datetime(out[column])
    return out


def admission(key: str, org: str, day: str, sex: str = "M", age: int = 30, **extra: object) -> tuple:
    row = {
        "person_key": key, "org_code": org, "cell": None, "admission_date": day, "sex": sex,
        "birth_year": int(day[:4]) - age, "age_at_admission": age, "ethnic_group": "Kinh",
        "ethnic_minority": False, "religion": "Không", "religious": False, "youth_union": False,
        "occupation": "other", "education": "THPT", "source_file": "returns/x.xlsx",
    }  # fmt: skip
    row.update(extra)
    return tuple(row[c] for c in COLUMNS["admissions"])


def build_tables() -> Tables:
    sectors = frame(
        "sectors",
        [
            ("wards", 1, "Khối phường - xã", "Wards and communes", "#000001"),
            ("schools", 2, "Khối trường THPT", "Upper-secondary schools", "#000002"),
            ("enterprises", 3, "Khối doanh nghiệp", "Enterprises", "#000003"),
        ],
    )
    organisations = frame(
        "organisations",
        [
            ("W1", "Phường Điện Biên", "wards", "dang-bo-co-so", None, None, None),
            ("W2", "Phường Ba Đình", "wards", "dang-bo-co-so", None, None, None),
            ("W3", "Phường Đông Thọ", "wards", "dang-bo-co-so", None, "2024-02-10", None),
            ("S1", "Trường THPT Đào Duy Từ", "schools", "chi-bo-co-so", None, None, None),
            ("S2", "Trường THPT Hàm Rồng", "schools", "chi-bo-co-so", None, None, "2024-01-20"),
            ("S3", "Trường THPT Nguyễn Trãi", "schools", "chi-bo-co-so", None, None, "2023-06-30"),
            ("E1", "Công ty A", "enterprises", "chi-bo-co-so", None, None, None),
        ],
    )
    targets = frame(
        "targets",
        [
            (2024, None, 20, 10),
            (2024, "W1", 6, 4),
            (2024, "W2", 4, None),
            (2024, "W3", None, None),
            (2024, "S1", 0, None),
            (2024, "S2", 3, None),
            (2024, "E1", 5, None),
            (2023, None, 10, 5),
            (2023, "W1", 5, None),
        ],
    )
    targets["admissions_target"] = targets["admissions_target"].astype("Int64")
    targets["training_plan"] = targets["training_plan"].astype("Int64")
    monthly_plans = frame(
        "monthly_plans",
        [(2024, "W1", month, 1 if month <= 2 else 0) for month in range(1, 13)]
        + [(2024, None, month, 2) for month in (1, 2, 3)],
    )
    admissions = frame(
        "admissions",
        [
            admission("X1", "W1", "2022-03-10"),
            admission("X2", "S3", "2022-05-05"),
            admission("X3", "W1", "2023-01-15"),
            admission("X4", "W1", "2023-02-20"),
            admission("P2", "W1", "2023-07-01"),
            admission("X5", "W1", "2023-11-11"),
            admission("X6", "W2", "2023-02-28"),
            admission("X7", "W2", "2023-09-09"),
            admission("X8", "S1", "2023-03-03"),
            admission("X9", "S3", "2023-04-04"),
            admission("P1", "W1", "2024-01-05", "F", 25, youth_union=True, occupation="student"),
            admission(
                "P5",
                "W1",
                "2024-02-29",
                "M",
                31,
                youth_union=True,
                ethnic_group="Mường",
                ethnic_minority=True,
                religion="Công giáo",
                religious=True,
                occupation="private-enterprise-worker",
            ),
            admission("P6", "W3", "2024-02-15", "F", 45, religion="Phật giáo", religious=True, occupation="farmer"),
            admission("Q1", "S2", "2024-01-10", "M", 30, occupation="teacher"),
            admission("P4", "S1", "2024-03-05"),
        ],
    )
    training = frame(
        "training",
        [
            ("P1", "W1", "Lớp 01/2023", "2023-03-01", "F", 1999, "f"),
            ("P2", "W1", "Lớp 02/2023", "2023-05-01", "M", 1990, "f"),
            ("P3", "W2", "Lớp 02/2023", "2023-06-01", "M", 1990, "f"),
            ("P4", "S1", "Lớp 01/2023", "2023-04-01", "M", 1994, "f"),
            ("P4", "S1", "Lớp 03/2023", "2023-08-01", "M", 1994, "f"),
            ("P5", "W1", "Lớp 01/2024", "2024-01-20", "M", 1993, "f"),
            ("P6", "W3", "Lớp 02/2024", "2024-02-20", "F", 1979, "f"),
        ],
    )
    conversions = frame("conversions", [("P2", "W1", "2023-07-01", "2024-07-01", "f")])
    return Tables(
        sectors=sectors,
        organisations=organisations,
        targets=targets,
        monthly_plans=monthly_plans,
        admissions=admissions,
        training=training,
        conversions=conversions,
        manifest={"as_of": "2024-03-05"},
    )


@pytest.fixture(scope="module")
def tables() -> Tables:
    return build_tables()


def close(a: float, b: float) -> bool:
    return (math.isnan(a) and math.isnan(b)) or math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


# --- city -----------------------------------------------------------------------------------------


def test_city_year_to_date_february_2024(tables: Tables) -> None:
    city = m.metrics(tables, "2024-02", by="city").loc["city"]
    assert list(m.metrics(tables, "2024-02", by="city").columns) == m.METRIC_COLUMNS
    assert city["admitted"] == 4  # includes the 29/02 admission and S2's, dissolved on 20/01
    assert city["target"] == 20  # the city's own target, not the organisations' sum (18)
    assert close(city["attainment_pct"], 20.0)
    assert close(city["expected"], 20 * 2 / 12)
    assert close(city["expected_plan"], 4)
    assert city["gap"] == -1  # whole people (ketnap.rules): floor(20 × 2/12) = 3 due, 4 admitted
    assert close(city["needed_per_month"], (20 - 4) / 10)
    # 2023: 3 of 8 admissions in Jan-Feb; 2022 had none then, so only 2023 counts.
    assert close(city["projection"], 4 / (3 / 8))
    assert close(city["projection_low"], 4 / (3 / 8))
    assert close(city["projection_high"], 4 / (2 / 12))
    assert city["admitted_last_year"] == 3  # 2023-01-01..2023-02-28, end inclusive
    assert city["yoy_change"] == 1
    assert close(city["yoy_change_pct"], 100 / 3)
    assert city["trained"] == 2
    assert city["training_plan"] == 10
    assert close(city["training_attainment_pct"], 20.0)
    assert city["organisations_with_trainees"] == 2
    assert city["organisations"] == 6  # S3 was dissolved in 2023
    assert not city[["flag_no_target", "flag_no_admissions", "flag_below_10pct", "flag_behind_pace"]].any()
    assert city["last_admission"] == pd.Timestamp("2024-02-29")
    assert math.isnan(city["rank_in_sector"])


def test_quarter_counts_its_own_months_against_the_annual_target(tables: Tables) -> None:
    city = m.metrics(tables, "2024-Q1", by="city").loc["city"]
    assert city["admitted"] == 5
    assert close(city["attainment_pct"], 25.0)
    assert close(city["expected"], 5.0)
    assert close(city["gap"], 0.0)
    assert not city["flag_behind_pace"]  # exactly on pace is not behind
    assert close(city["needed_per_month"], 15 / 9)
    assert city["admitted_last_year"] == 4  # Q1 2023
    assert close(city["expected_plan"], 6)
    q2 = m.metrics(tables, "2024-Q2", by="city").loc["city"]
    assert q2["admitted"] == 0
    assert q2["admitted_ytd"] == 5  # the year so far, which needed rate and projection use
    assert close(q2["needed_per_month"], 15 / 6)


def test_full_year(tables: Tables) -> None:
    city = m.metrics(tables, "2023", by="city").loc["city"]
    assert city["admitted"] == 8
    assert close(city["attainment_pct"], 80.0)
    assert math.isnan(city["needed_per_month"])  # the year is over
    assert city["projection"] == city["projection_low"] == city["projection_high"] == 8
    assert city["admitted_last_year"] == 2
    assert close(city["yoy_change_pct"], 300.0)
    assert city["trained"] == 4  # P4 attended twice, counted once
    assert close(city["training_attainment_pct"], 80.0)
    assert city["organisations_with_trainees"] == 3


def test_projection_without_history_is_the_linear_run_rate_without_a_range(tables: Tables) -> None:
    city = m.metrics(tables, "2022-06", by="city").loc["city"]
    assert city["admitted"] == 2
    assert close(city["projection"], 2 * 12 / 6)
    assert math.isnan(city["projection_low"]) and math.isnan(city["projection_high"])


def test_no_last_year_data_gives_missing_yoy(tables: Tables) -> None:
    city = m.metrics(tables, "2022", by="city").loc["city"]
    assert city["admitted"] == 2
    assert math.isnan(city["admitted_last_year"])
    assert math.isnan(city["yoy_change"])
    assert math.isnan(city["yoy_change_pct"])
    assert math.isnan(city["target"])
    assert city["flag_no_target"]


def test_period_without_data(tables: Tables) -> None:
    city = m.metrics(tables, "2025-02", by="city").loc["city"]
    assert city["admitted"] == 0
    assert city["trained"] == 0
    assert math.isnan(city["attainment_pct"])
    assert math.isnan(city["training_attainment_pct"])
    assert city["projection"] == 0
    assert city["admitted_last_year"] == 4
    assert close(city["yoy_change_pct"], -100.0)
    assert not city["flag_no_admissions"]  # no target: the flags count only units with one (ketnap.rules)
    assert not city["flag_behind_pace"]  # no target, so no pace


# --- organisations --------------------------------------------------------------------------------


def test_organisations_in_scope_and_order(tables: Tables) -> None:
    orgs = m.metrics(tables, "2024-02")
    # Sector order, then Vietnamese alphabetical order (B < Đi < Đô); S3 dissolved in 2023 is out.
    assert orgs.index.tolist() == ["W2", "W1", "W3", "S1", "S2", "E1"]
    assert orgs["name"].tolist()[:3] == ["Phường Ba Đình", "Phường Điện Biên", "Phường Đông Thọ"]


def test_organisation_values(tables: Tables) -> None:
    orgs = m.metrics(tables, "2024-02")
    w1, w2, w3, s1, s2, e1 = (orgs.loc[c] for c in ["W1", "W2", "W3", "S1", "S2", "E1"])
    assert (w1["admitted"], w1["target"]) == (2, 6)
    assert close(w1["attainment_pct"], 100 / 3)
    assert close(w1["expected"], 1.0)
    assert close(w1["expected_plan"], 2.0)
    assert close(w1["needed_per_month"], 0.4)
    assert (w1["admitted_last_year"], w1["yoy_change"]) == (2, 0)
    assert w1["trained"] == 1 and w1["training_plan"] == 4 and close(w1["training_attainment_pct"], 25.0)

    # Target 4 by February: floor(4 × 2/12) = 0 people due yet, so a small target is not behind
    # (ketnap.rules); it has admitted nobody, which is its own flag, never also "under 10%".
    assert w2["admitted"] == 0 and w2["gap"] == 0
    assert not w2["flag_behind_pace"] and w2["flag_no_admissions"] and not w2["flag_below_10pct"]
    assert not w2["flag_none_2y"]  # admitted in 2023
    assert math.isnan(w2["expected_plan"])  # no monthly plan
    assert close(w2["yoy_change_pct"], -100.0)

    # Created 10/02/2024, no target: keeps its admission, nothing derived from a target.
    assert w3["admitted"] == 1 and w3["flag_no_target"]
    assert all(math.isnan(w3[c]) for c in ["attainment_pct", "expected", "gap", "needed_per_month"])
    assert not w3["flag_behind_pace"] and not w3["flag_below_10pct"]
    assert math.isnan(w3["admitted_last_year"])  # did not exist in 2023
    assert not w3["flag_none_2y"]

    # Target 0 is no target: no division error, attainment missing.
    assert s1["target"] == 0 and s1["flag_no_target"] and math.isnan(s1["attainment_pct"])
    assert s1["admitted_last_year"] == 0 and math.isnan(s1["yoy_change_pct"])

    # Dissolved 20/01/2024, keeps its January admission.
    assert s2["admitted"] == 1 and close(s2["attainment_pct"], 100 / 3)

    # Target 5 by February: floor(5 × 2/12) = 0 people due, so not behind yet (ketnap.rules); no admission
    # is its own flag, never also "under 10%".
    assert e1["flag_none_2y"] and e1["flag_no_admissions"]
    assert not e1["flag_behind_pace"] and not e1["flag_below_10pct"]
    assert pd.isna(e1["last_admission"])


def test_rank_in_sector(tables: Tables) -> None:
    orgs = m.metrics(tables, "2024-02")
    assert orgs.loc["W1", "rank_in_sector"] == 1
    assert orgs.loc["W2", "rank_in_sector"] == 2
    assert math.isnan(orgs.loc["W3", "rank_in_sector"])
    assert orgs.loc["S2", "rank_in_sector"] == 1
    assert orgs.loc["E1", "rank_in_sector"] == 1


def test_dissolved_organisation_out_of_scope_after_it_ends_but_counted_in_totals(tables: Tables) -> None:
    q2 = m.metrics(tables, "2024-Q2")
    assert "S2" not in q2.index
    schools = m.metrics(tables, "2024-Q2", by="sector").loc["schools"]
    assert schools["admitted_ytd"] == 2  # S2's January admission and S1's March one


def test_none_for_two_years_in_a_year_period(tables: Tables) -> None:
    orgs = m.metrics(tables, "2023")
    assert "W3" not in orgs.index and "S3" in orgs.index
    assert orgs.loc["E1", "flag_none_2y"]
    assert not orgs.loc["W2", "flag_none_2y"]


def test_none_for_two_years_year_to_date_through_december_is_the_year(tables: Tables) -> None:
    # 2023-12 covers the whole year (periods.Period.whole_year): the streak is 2022-2023, as for 2023.
    december = m.metrics(tables, "2023-12")["flag_none_2y"]
    pd.testing.assert_series_equal(december, m.metrics(tables, "2023")["flag_none_2y"])
    assert december["E1"]


def test_none_for_two_years_needs_data_that_reach_back(tables: Tables) -> None:
    # For 2022 the streak would start in 2021, before the first admission on record.
    assert not m.metrics(tables, "2022")["flag_none_2y"].any()


# --- behind pace ----------------------------------------------------------------------------------


def _pace_rows() -> pd.DataFrame:
    # In display order. Gaps: B2 1.5, A1 1.0, C1 1.0 (a tie with A1), B1 0.17; A2 ahead, B3 no target,
    # D1's flag missing (read as not behind).
    return pd.DataFrame(
        {
            "org_code": ["A1", "A2", "B1", "B2", "B3", "C1", "D1"],
            "gap": [1.0, -2.0, 25 / 6 - 4, 1.5, np.nan, 1.0, 3.0],
            "flag_behind_pace": [True, False, True, True, False, True, None],
        }
    )


def test_behind_pace_furthest_first_equal_gaps_in_display_order() -> None:
    behind = m.behind_pace(_pace_rows())
    assert behind["org_code"].tolist() == ["B2", "A1", "C1", "B1"]
    assert list(behind.columns) == ["org_code", "gap", "flag_behind_pace"]
    assert m.is_behind_pace(_pace_rows()).tolist() == [True, False, True, True, False, True, False]


def test_behind_pace_is_the_list_the_sentence_and_the_tables_read(tables: Tables) -> None:
    orgs = m.metrics(tables, "2024-02", by="organisation")
    behind = m.behind_pace(orgs)
    assert set(behind.index) == set(orgs.index[orgs["flag_behind_pace"]])
    assert not behind["flag_no_target"].any()
    assert behind["gap"].is_monotonic_decreasing
    assert m.behind_pace(orgs, kind="quicksort")["gap"].tolist() == behind["gap"].tolist()


def test_behind_pace_needs_its_columns() -> None:
    with pytest.raises(ValueError, match="gap"):
        m.behind_pace(pd.DataFrame({"flag_behind_pace": [True]}))
    with pytest.raises(ValueError, match="flag_behind_pace"):
        m.is_behind_pace(pd.DataFrame({"gap": [1.0]}))


# --- sectors --------------------------------------------------------------------------------------


def test_sectors(tables: Tables) -> None:
    sectors = m.metrics(tables, "2024-02", by="sector")
    assert sectors.index.tolist() == ["wards", "schools", "enterprises"]
    assert sectors["admitted"].tolist() == [3, 1, 0]
    assert sectors["target"].tolist() == [10, 3, 5]  # sums of the organisations' targets
    assert close(sectors.loc["wards", "attainment_pct"], 30.0)
    assert close(sectors.loc["wards", "expected_plan"], 2.0)
    assert sectors.loc["wards", "organisations"] == 3
    assert sectors["admitted"].sum() == m.metrics(tables, "2024-02", by="city")["admitted"].iloc[0]
    english = m.metrics(tables, "2024-02", by="sector", lang="en")
    assert english.loc["wards", "name"] == "Wards and communes"


def test_sector_filter_and_errors(tables: Tables) -> None:
    assert m.metrics(tables, "2024-02", sector="wards").index.tolist() == ["W2", "W1", "W3"]
    with pytest.raises(m.UnknownSectorError, match="valid: wards, schools, enterprises"):
        m.metrics(tables, "2024-02", sector="army")
    with pytest.raises(ValueError, match="level"):
        m.metrics(tables, "2024-02", by="province")  # type: ignore[arg-type]


def test_seasonal_shares(tables: Tables) -> None:
    assert m.seasonal_shares(tables.admissions, "2024-02") == {2023: 3 / 8}
    assert m.seasonal_shares(tables.admissions, "2024-Q1") == {2023: 4 / 8, 2022: 1 / 2}


# --- training -------------------------------------------------------------------------------------


def test_conversion(tables: Tables) -> None:
    cohort = m.conversion(tables, 2023).loc["city"]
    assert (cohort["trained"], cohort["admitted"], cohort["full_members"]) == (4, 3, 1)
    assert close(cohort["conversion_pct"], 75.0)
    by_then = m.conversion(tables, 2023, as_of=pd.Timestamp("2024-02-29")).loc["city"]
    assert (by_then["admitted"], by_then["full_members"]) == (2, 0)  # P4 admitted in March
    by_org = m.conversion(tables, 2023, by="organisation")
    assert by_org.loc["W1", "conversion_pct"] == 100.0
    assert by_org.loc["W2", "conversion_pct"] == 0.0
    assert math.isnan(by_org.loc["E1", "conversion_pct"])


def test_training_to_admission(tables: Tables) -> None:
    city = m.training_to_admission(tables, "2024-02").loc["city"]
    # P1: 01/03/2023 -> 05/01/2024 = 310 days; P5: 20/01 -> 29/02/2024 = 40 days. P6 trained after
    # admission and Q1 never: not counted.
    assert (city["admitted"], city["admitted_with_training"]) == (4, 2)
    assert city["median_days_to_admission"] == 175.0
    # P4: latest certificate before admission is 01/08/2023 -> 05/03/2024 = 217 days.
    assert m.training_to_admission(tables, "2024-03").loc["city", "median_days_to_admission"] == 217.0


# --- composition ----------------------------------------------------------------------------------


def test_composition(tables: Tables) -> None:
    city = m.composition(tables, "2024-02").loc["city"]
    expected = {
        "women": 2, "youth_union": 2, "ethnic_minority": 1, "religious": 2, "student": 1,
        "private_enterprise": 1, "age_18_30": 2, "age_31_40": 1, "age_41_plus": 1,
    }  # fmt: skip
    assert city["admitted"] == 4
    for column, count in expected.items():
        assert city[column] == count, column
        assert close(city[f"{column}_pct"], count / 4 * 100), column
    long = m.composition_long(m.composition(tables, "2024-02"))
    assert long["group"].tolist() == list(m.COMPOSITION)
    assert long.loc[0, "share"] == 0.5


def test_composition_with_nobody_admitted(tables: Tables) -> None:
    enterprises = m.composition(tables, "2024-02", by="sector").loc["enterprises"]
    assert enterprises["admitted"] == 0 and enterprises["women"] == 0
    assert math.isnan(enterprises["women_pct"])


# --- series and matrix ----------------------------------------------------------------------------


def test_monthly_series(tables: Tables) -> None:
    series = m.monthly_series(tables, "2024-02")
    assert list(series.columns) == m.SERIES_COLUMNS
    assert series["month"].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    assert series["admitted"].tolist() == [2, 2]  # February includes the 29th
    assert series["cumulative"].tolist() == [2, 4]
    assert np.allclose(series["pace"], [20 / 12, 40 / 12])
    assert series["plan_cumulative"].tolist() == [2.0, 4.0]
    assert series["cumulative_last_year"].tolist() == [1.0, 3.0]


def test_monthly_series_for_a_sector_an_organisation_and_a_quarter(tables: Tables) -> None:
    wards = m.monthly_series(tables, "2024-02", sector="wards")
    assert wards["cumulative"].tolist() == [1, 3]
    assert np.allclose(wards["pace"], [10 / 12, 20 / 12])
    w3 = m.monthly_series(tables, "2024-02", org_code="W3")
    assert w3["admitted"].tolist() == [0, 1]
    assert w3["pace"].isna().all()  # no target
    q1 = m.monthly_series(tables, "2024-Q1")
    assert q1["admitted"].tolist() == [2, 2, 1]
    with pytest.raises(m.UnknownSectorError):
        m.monthly_series(tables, "2024-02", org_code="NOPE")


def test_monthly_series_runs_on_to_the_end_of_its_span(tables: Tables) -> None:
    # February, for a chart of the whole year: the pace runs on to the target of 20 in December,
    # admissions stop at February (NaN after, not 0), last year runs on through its December.
    series = m.monthly_series(tables, "2024-02", to_span_end=True)
    assert series["month"].tolist() == list(pd.date_range("2024-01-01", "2024-12-01", freq="MS"))
    assert series["cumulative"].iloc[:2].tolist() == [2, 4] and series["cumulative"].iloc[2:].isna().all()
    assert series["admitted"].iloc[2:].isna().all()
    assert np.allclose(series["pace"], np.arange(1, 13) * 20 / 12)
    assert series["cumulative_last_year"].iloc[:2].tolist() == [1.0, 3.0]
    assert series["cumulative_last_year"].is_monotonic_increasing
    q1 = m.monthly_series(tables, "2024-Q1", to_span_end=True)
    assert q1["month"].dt.month.tolist() == [1, 2, 3]  # a quarter spans its own months


def test_org_month_matrix(tables: Tables) -> None:
    matrix = m.org_month_matrix(tables, "2024-02")
    assert matrix.index.tolist() == ["W2", "W1", "W3", "S1", "S2", "E1"]
    assert matrix.columns.tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2024-02-01")]
    assert matrix.loc["W1"].tolist() == [1, 1]
    assert matrix.loc["W3"].tolist() == [0, 1]
    assert matrix.to_numpy().sum() == 4


# --- summary --------------------------------------------------------------------------------------


def test_summary(tables: Tables) -> None:
    s = m.summary(tables, "2024-02")
    assert s["period"] == "2024-02" and s["end"] == "2024-02-29" and s["sector"] is None
    assert (s["admitted"], s["target"], s["trained"], s["training_plan"]) == (4, 20.0, 2, 10.0)
    assert isinstance(s["admitted"], int)
    # Rules (ketnap.rules): W2 (target 4) and E1 (target 5) are due floor(4 or 5 × 2/12) = 0 people by
    # February, so nobody is behind; no admission counts organisations with a target (W2, E1; S1 has
    # none); under 10% excludes those with none.
    assert s["organisations_behind_pace"] == 0
    assert s["organisations_no_admissions"] == 2  # W2, E1
    assert s["organisations_below_10pct"] == 0
    assert s["organisations_none_2y"] == 1
    assert close(s["months_elapsed_pct"], 100 * 2 / 12)
    assert close(s["year_elapsed_pct"], 100 * 60 / 366)
    assert s["women"] == 2 and s["median_days_to_admission"] == 175.0
    assert (s["conversion_cohort"], s["conversion_trained"], s["conversion_admitted"]) == (2023, 4, 2)
    assert s["last_admission"] == "2024-02-29"
    wards = m.summary(tables, "2024-02", sector="wards")
    assert (wards["admitted"], wards["target"], wards["organisations"]) == (3, 10.0, 3)
    assert wards["name"] == "Khối phường - xã"


# --- person codes --------------------------------------------------------------------------------


def test_person_codes_rank_the_keys_of_all_three_tables() -> None:
    frames = {
        "admissions": pd.DataFrame({"person_key": ["b", "a"], "org_code": ["O1", "O1"]}),
        "training": pd.DataFrame({"person_key": ["c", "a", None]}),
        "conversions": pd.DataFrame({"person_key": ["b"]}),
        "sectors": pd.DataFrame({"sector": ["s"]}),
    }
    coded = person_codes(frames)
    assert coded["admissions"]["person_code"].tolist() == [1, 0]
    assert coded["training"]["person_code"].tolist() == [2, 0, -1]  # a missing key gets -1
    assert coded["conversions"]["person_code"].tolist() == [1]
    assert list(coded["admissions"].columns) == ["person_key", "person_code", "org_code"]
    assert coded["sectors"] is frames["sectors"]


def test_tables_number_people_built_by_hand(tables: Tables) -> None:
    # build_tables gives no person_code: Tables adds it, the same for the same key everywhere.
    adm, trn = tables.admissions, tables.training
    codes = dict(zip(trn["person_key"], trn["person_code"], strict=True))
    for key, code in zip(adm["person_key"], adm["person_code"], strict=True):
        assert codes.get(key, code) == code
    assert len(set(adm["person_code"]) | set(trn["person_code"])) == len(
        set(adm["person_key"]) | set(trn["person_key"])
    )
