"""Tests of ketnap.card (and its chart) on the small hand-built city of ``small_city.py``.

Every expected figure is worked out by hand from the comments in ``small_city.py``: sector A holds
O1 and O2, sector B holds O3 (founded 01/07/2023); data to 29/02/2024.
"""

from __future__ import annotations

import dataclasses

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from small_city import D, small_city

from ketnap import card, card_chart, metrics
from ketnap.io import Tables


@pytest.fixture
def city() -> Tables:
    return small_city()


def with_plan_and_returns(tables: Tables) -> Tables:
    """O1 plans one admission a month in 2023; its January 2024 return came on time, February's is missing."""
    plans = pd.DataFrame({"year": 2023, "org_code": "O1", "month": range(1, 13), "planned_admissions": 1})
    returns = pd.DataFrame(
        {
            "year": [2024, 2024, 2024],
            "month": [1, 2, 1],
            "org_code": ["O1", "O1", "O2"],
            "status": ["on_time", "missing", "late"],
            "due": [D("2024-02-05"), D("2024-03-05"), D("2024-02-05")],
            "received_at": [D("2024-02-03"), pd.NaT, D("2024-02-20")],
            "version": pd.array([1, None, 1], dtype="Int64"),
        }
    )
    return dataclasses.replace(tables, monthly_plans=plans, return_months=returns)


def test_cards_go_to_the_organisations_of_the_period_in_display_order(city: Tables) -> None:
    assert card.card_codes(city, "2023") == ["O1", "O2", "O3"]
    assert card.card_codes(city, "2022") == ["O1", "O2"]  # O3 was founded in July 2023


def test_the_card_of_o1_for_2023(city: Tables) -> None:
    found = card.org_card(city, "2023", "O1")
    assert (found.name, found.sector, found.sector_name) == ("Chi bộ An", "A", "Khối A")
    # p2 (01/02/2023) and p3 (05/05/2023) against a target of 2
    assert (found.row["admitted"], found.row["target"], found.row["attainment_pct"]) == (2, 2, 100.0)
    assert found.row["admitted_last_year"] == 2  # p1 and p9 in 2022
    assert (found.rank, found.ranked) == (1, 1)  # O2's target of 0 is no target: unranked
    assert found.last_year is not None
    assert (found.last_year["admitted"], found.last_year["target"], found.last_year["attainment_pct"]) == (2, 1, 200.0)
    assert found.remaining == 0
    assert found.trained_not_admitted == 0  # p2 and p3 were both admitted
    # p1 due 10/03/2023 and converted; p9 due 20/12/2023, converted only in 2024; p2 due 01/02/2024
    assert found.due == {"due": 2, "converted": 1, "awaiting": 1, "overdue": 0, "upcoming": 1}
    assert found.returns.empty  # no returns register for 2023


def test_the_card_agrees_with_the_organisations_table(city: Tables) -> None:
    table = metrics.metrics(city, "2023", by="organisation")
    for code in card.card_codes(city, "2023"):
        row = card.org_card(city, "2023", code).row
        for column in ("admitted", "target", "attainment_pct", "admitted_last_year", "rank_in_sector"):
            expected, got = table.loc[code, column], row[column]
            assert (pd.isna(expected) and pd.isna(got)) or expected == got, (code, column)


def test_the_card_of_o2_has_no_target_and_one_candidate(city: Tables) -> None:
    found = card.org_card(city, "2023", "O2")
    assert found.remaining is None and found.rank is None
    assert found.trained_not_admitted == 1  # p8; p4 was admitted (before the certificate)
    assert found.due == {"due": 1, "converted": 0, "awaiting": 1, "overdue": 0, "upcoming": 0}  # p7
    words = {c.label: c.value for c in card.fact_cards(found)}
    assert words["Còn phải kết nạp để đạt chỉ tiêu năm"] == "không có chỉ tiêu"
    assert words["Xếp thứ trong khối"] == "không xếp hạng (chưa có chỉ tiêu)"


def test_pool_counts_people_not_admitted_by_the_period_end(city: Tables) -> None:
    # p8 (trained 01/04/2023) is never admitted; nothing was trained by O2 before 2023
    assert card.pool(city, "2022", "O2") == 0
    assert card.pool(city, "2023", "O2") == 1
    # p3 was trained in January 2023 and admitted in May: in the pool at the end of March only
    assert card.pool(city, "2023-Q1", "O1") == 1


def test_months_against_the_organisations_own_plan(city: Tables) -> None:
    tables = with_plan_and_returns(city)
    by_month = card.months(tables, "2023", "O1")
    assert list(by_month.columns) == card.MONTH_COLUMNS
    assert by_month["admitted"].tolist() == [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert by_month["planned"].tolist() == [1.0] * 12
    assert by_month["cumulative"].iloc[-1] == 2 and by_month["plan_cumulative"].iloc[-1] == 12
    assert card.has_plan(card.org_card(tables, "2023", "O1"))
    assert not card.has_plan(card.org_card(tables, "2023", "O2"))
    assert np.isnan(card.months(tables, "2023", "O2")["planned"]).all()


def test_returns_month_by_month(city: Tables) -> None:
    tables = with_plan_and_returns(city)
    filed = card.returns(tables, "2024-02", "O1")
    assert filed["status"].tolist() == ["on_time", "missing"]
    assert filed["return_status"].tolist() == ["Đúng hạn", "Chưa báo cáo"]
    assert filed["received_at"].iloc[0] == D("2024-02-03") and pd.isna(filed["received_at"].iloc[1])
    month_rows = card.org_card(tables, "2024-02", "O1").months
    assert month_rows["return_status"].tolist() == ["Đúng hạn", "Chưa báo cáo"]


def test_headline_cards_carry_the_organisations_figures(city: Tables) -> None:
    found = card.org_card(city, "2023", "O1")
    figures = [f for c in card.headline_cards(found, "2023") for f in c.figures]
    assert {(f["code"], f["scope"], f["period"], f["value"]) for f in figures} == {
        ("admitted", "O1", "2023", 2),
        ("target", "O1", "2023", 2),
        ("attainment_pct", "O1", "2023", 100.0),
        ("admitted_last_year", "O1", "2023", 2),
    }
    assert [c.value for c in card.headline_cards(found, "2023")] == ["2", "2", "100,0%", "2"]


def test_an_organisation_not_in_the_period_has_no_card(city: Tables) -> None:
    with pytest.raises(KeyError, match="O3"):
        card.org_card(city, "2022", "O3")


def test_the_card_shows_no_composition(city: Tables) -> None:
    found = card.org_card(city, "2023", "O1")
    shown = " ".join(c.label for c in [*card.headline_cards(found, "2023"), *card.fact_cards(found)]).lower()
    for word in ("nữ", "dân tộc", "tôn giáo", "đoàn viên"):
        assert word not in shown


def test_the_chart_draws_months_and_plan(city: Tables, house_charts: None) -> None:
    tables = with_plan_and_returns(city)
    ax = card_chart.months_vs_plan(card.months(tables, "2023", "O1"), period="2023")
    assert [round(b.get_height()) for b in ax.containers[0]] == [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    (plan,) = [line for line in ax.lines if line.get_gid() == "planned"]
    assert list(plan.get_ydata()) == [1.0] * 12
    title = ax.get_figure().texts[0].get_text() if ax.get_figure().texts else ax.get_title()
    assert "năm 2023" in title.replace("\n", " ")
    plt.close("all")


def test_a_missing_return_is_no_figure(city: Tables) -> None:
    missing = pd.DataFrame(
        {"year": [2024], "month": [2], "org_code": ["O1"], "status": ["missing"], "due": [D("2024-03-05")],
         "received_at": [pd.NaT], "version": pd.array([None], dtype="Int64")}
    )  # fmt: skip
    tables = dataclasses.replace(city, return_months=missing)
    found = card.org_card(tables, "2024-02", "O1")
    assert found.not_reported and pd.isna(found.row["admitted"]) and found.rank is None
    first = card.headline_cards(found, "2024-02")[0]
    assert first.figures[0]["value"] is None and first.note == "Chưa báo cáo"
