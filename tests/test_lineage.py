"""The lineage: names and sectors at a period's end, last year through mergers, the notes; hand-computed.

A small city built here. Sectors s1, s2. Organisations, as the Tổ chức sheet gives them (as founded):

- A "Alpha" (s1), merged into B on 01/01/2024 (active to 31/12/2023);
- B "Bravo" (s1);
- C "Old C" (s1), renamed "New C" on 01/07/2023, moved to s2 on 01/01/2024;
- D "Delta" (s2), dissolved on 01/07/2023 (active to 30/06/2023);
- N "November" (s2), split from B on 01/01/2024.

Admissions: 2023: A 2 in January, 1 in February, 1 in May; B 1 in January, 1 in February; C 1 in
February; D 1 in February, 1 in March. 2024: B 4 (January), C 2 (February), N 1 (February).
The data run to 29/02/2024.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
import pytest

from ketnap import lineage
from ketnap import metrics as m
from ketnap.io import Tables, empty_table


def _admissions(rows: list[tuple[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "person_key": [f"p{i}" for i in range(len(rows))],
            "org_code": pd.array([o for o, _ in rows], dtype="string"),
            "admission_date": pd.to_datetime([d for _, d in rows]),
        }
    )


@pytest.fixture(scope="module")
def city() -> Tables:
    sectors = pd.DataFrame(
        {"sector": ["s1", "s2"], "order": [1, 2], "name_vi": ["Khối một", "Khối hai"], "name_en": ["One", "Two"]}
    ).astype({"sector": "string", "name_vi": "string", "name_en": "string"})
    organisations = pd.DataFrame(
        {
            "org_code": ["A", "B", "C", "D", "N"],
            "name": ["Alpha", "Bravo", "Old C", "Delta", "November"],
            "sector": ["s1", "s1", "s1", "s2", "s2"],
            "kind": ["chi-bo-co-so"] * 5,
            "parent_code": [None] * 5,
            "active_from": pd.to_datetime([None, None, None, None, "2024-01-01"]),
            "active_to": pd.to_datetime(["2023-12-31", None, None, "2023-06-30", None]),
        }
    ).astype({"org_code": "string", "name": "string", "sector": "string"})
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(["2023-07-01", "2023-07-01", "2024-01-01", "2024-01-01", "2024-01-01"]),
            "event": ["renamed", "dissolved", "merged_into", "moved", "split_from"],
            "org_code": ["C", "D", "A", "C", "N"],
            "related_code": [None, None, "B", None, "B"],
            "new_name": ["New C", None, None, None, None],
            "new_sector": [None, None, None, "s2", None],
        }
    ).astype({c: "string" for c in ("event", "org_code", "related_code", "new_name", "new_sector")})
    admissions = _admissions(
        [("A", "2023-01-10"), ("A", "2023-01-20"), ("A", "2023-02-10"), ("A", "2023-05-10"),
         ("B", "2023-01-15"), ("B", "2023-02-15"), ("C", "2023-02-20"), ("D", "2023-02-05"), ("D", "2023-03-05"),
         ("B", "2024-01-05"), ("B", "2024-01-06"), ("B", "2024-01-07"), ("B", "2024-01-08"),
         ("C", "2024-02-02"), ("C", "2024-02-03"), ("N", "2024-02-10")]
    )  # fmt: skip
    frames = {n: empty_table(n) for n in ("targets", "monthly_plans", "training", "conversions")}
    return Tables(
        sectors=sectors,
        organisations=organisations,
        admissions=admissions,
        manifest={"as_of": "2024-02-29"},
        organisation_events=events,
        **frames,
    )


def test_a_period_shows_the_names_and_sectors_valid_at_its_end(city: Tables) -> None:
    orgs = m.metrics(city, "2024-02", by="organisation")
    assert list(orgs.index) == ["B", "C", "N"]  # A and D ended before 2024
    assert list(orgs["name"]) == ["Bravo", "New C", "November"]
    assert list(orgs["sector"]) == ["s1", "s2", "s2"]
    early = m.metrics(city, "2023-02", by="organisation")
    assert list(early.index) == ["A", "B", "C", "D"]  # N was not yet founded
    assert early.loc["C", ["name", "sector"]].tolist() == ["Old C", "s1"]
    assert m.metrics(city, "2023", by="organisation").loc["C", "name"] == "New C"


def test_organisations_and_admissions_count_in_the_sector_of_the_period_end(city: Tables) -> None:
    now = m.metrics(city, "2024-02", by="sector")
    assert now["organisations"].tolist() == [1, 2]  # s1: B; s2: C (moved), N
    assert now["admitted"].tolist() == [4, 3]  # s1: B 4; s2: C 2 + N 1
    then = m.metrics(city, "2023-02", by="sector")
    assert then["organisations"].tolist() == [3, 1]  # s1: A, B, C; s2: D
    assert then["admitted"].tolist() == [6, 1]  # s1: A 3 + B 2 + C 1; s2: D 1


def test_last_year_of_a_merged_unit_is_the_sum_of_its_predecessors(city: Tables) -> None:
    orgs = m.metrics(city, "2024-02", by="organisation")
    # B: its own 2 of Jan-Feb 2023 and A's 3 (A was merged into it); C: its own 1; N: none of its own.
    assert orgs.loc["B", "admitted_last_year"] == 5
    assert orgs.loc["B", "yoy_change"] == -1
    assert orgs.loc["C", "admitted_last_year"] == 1
    assert np.isnan(orgs.loc["N", "admitted_last_year"])  # a split unit's last year is not invented
    sectors = m.metrics(city, "2024-02", by="sector")
    # s1: B 2 + A 3; s2: C 1 (moved there) + D 1 (dissolved, no successor: stays in its own sector).
    assert sectors["admitted_last_year"].tolist() == [5, 2]
    assert m.metrics(city, "2024-02", by="city")["admitted_last_year"].iloc[0] == 7


def test_the_monthly_series_of_a_merged_unit_compares_with_its_predecessors(city: Tables) -> None:
    series = m.monthly_series(city, "2024-02", org_code="B")
    assert series["cumulative"].tolist() == [4, 4]
    # January 2023: B 1 + A 2; February: B 1 + A 1.
    assert series["cumulative_last_year"].tolist() == [3.0, 5.0]


def test_lineage_helpers(city: Tables) -> None:
    events = city.organisation_events
    assert lineage.successor(events, "A") == ("B", pd.Timestamp("2024-01-01"))
    assert lineage.successor(events, "B") is None
    assert lineage.predecessors(events, "B", date(2024, 2, 29)) == ["A"]
    assert lineage.predecessors(events, "B", date(2023, 12, 31)) == []
    assert lineage.split_origin(events, "N") == ("B", pd.Timestamp("2024-01-01"))
    # The same tables and day give one view; a view asked for another day starts from the original names.
    view = lineage.at_day(city, date(2024, 2, 29))
    assert view is lineage.at_day(city, date(2024, 2, 29))
    assert lineage.at_day(view, date(2023, 1, 31)).organisations["name"].tolist()[2] == "Old C"


def test_the_reports_note_the_lineage(city: Tables) -> None:
    assert lineage.period_notes(city, "2024-02") == [
        "Cùng kỳ năm trước của Bravo gồm số liệu của các tổ chức đã sáp nhập vào: Alpha.",
        "November chia tách từ Bravo từ ngày 01/01/2024: không có số liệu cùng kỳ năm trước riêng của November; "
        "số liệu năm trước vẫn tính cho Bravo.",
    ]
    assert lineage.period_notes(city, "2024-02", sector="s1") == [
        "Cùng kỳ năm trước của Bravo gồm số liệu của các tổ chức đã sáp nhập vào: Alpha."
    ]
    assert lineage.period_notes(city, "2023") == []  # nothing merged or split before 2024
