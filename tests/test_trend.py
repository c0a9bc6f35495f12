"""Month by month and over the years (ketnap.trend, ketnap.trend_chart) on the small hand-built city.

The small city (tests/small_city.py) admits, by month: 2022 O1 March and December, O2 January;
2023 O1 February and May, O2 June and October, O3 (sector B) September; 2024 O1 29 February.
Here O1 also registers monthly plans: one person in February, May and October 2023, and in January
and February 2024. Every expectation below is counted by hand from those lines.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from small_city import small_city

from ketnap import indicators, metrics, rules, scorecard, trend, trend_chart
from ketnap.io import Tables
from ketnap.labels import period_key, t
from ketnap.periods import parse_period


@pytest.fixture
def city() -> Tables:
    plans = pd.DataFrame(
        [(2023, "O1", 2, 1), (2023, "O1", 5, 1), (2023, "O1", 10, 1), (2024, "O1", 1, 1), (2024, "O1", 2, 1)],
        columns=["year", "org_code", "month", "planned_admissions"],
    )
    return replace(small_city(), monthly_plans=plans)


def rows(frame: pd.DataFrame, column: str) -> list[float | None]:
    return [None if pd.isna(v) else float(v) for v in frame[column]]


def test_months_table_gives_each_month_beside_the_cumulative_last_year_and_the_plan(city: Tables) -> None:
    table = trend.months_table(city, "2024-02")
    assert list(table.index) == [1, 2, "total"]
    assert list(table["name"]) == ["Tháng 1", "Tháng 2", "Cộng"]
    assert rows(table, "month_admitted") == [0, 1, 1]  # p6 on 29/02/2024
    assert rows(table, "cumulative") == [0, 1, None]
    assert rows(table, "month_last_year") == [0, 1, 1]  # p2 on 01/02/2023
    assert rows(table, "plan") == [1, 1, 2]
    assert rows(table, "planned_admitted") == [0, 1, 1]


def test_a_quarter_counts_its_own_months_and_a_sector_its_own_organisations(city: Tables) -> None:
    quarter = trend.months_table(city, "2023-Q4")
    assert rows(quarter, "month_admitted") == [1, 0, 0, 1]  # p10 (O2) in October
    assert rows(quarter, "cumulative") == [1, 1, 1, None]
    assert rows(quarter, "month_last_year") == [0, 0, 1, 1]  # p9 in December 2022
    assert rows(quarter, "plan") == [1, None, None, 1]  # O1 planned October only
    assert rows(quarter, "planned_admitted") == [0, None, None, 0]  # p10 is O2's, not a planned one
    b = trend.months_table(city, "2023-Q3", sector="B")
    assert rows(b, "month_admitted") == [0, 0, 1, 1] and rows(b, "plan") == [None, None, None, None]


def test_months_by_sector_against_the_plans_of_the_organisations_that_have_one(city: Tables) -> None:
    table = trend.months_by_sector(city, "2023")
    assert list(table.index) == ["A", "B", "total"]
    assert list(table["name"]) == ["Khối A", "Khối B", "Toàn thành phố"]
    month_columns = [trend.month_column(m) for m in range(1, 13)]
    assert [c for c in table.columns if c.startswith("month_")] == month_columns
    a = table.loc["A", month_columns].tolist()
    assert a == [0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0]  # p2, p3, p4, p10
    assert table.loc["B", "month_09"] == 1
    assert rows(table, "admitted") == [4, 1, 5]
    assert rows(table, "plan") == [3, None, 3]
    assert rows(table, "planned_admitted") == [2, None, 2]  # O1's p2 and p3
    assert table.loc["A", "plan_pct"] == pytest.approx(200 / 3)
    # The sectors' admissions are the catalogue's, as metrics counts them.
    by_sector = metrics.metrics(city, "2023", by="sector")
    assert table.loc[["A", "B"], "admitted"].tolist() == by_sector["admitted"].tolist()
    assert trend.planned_organisations(city, "2023") == 1


def test_years_repeat_the_span_of_the_period(city: Tables) -> None:
    ytd = trend.years_by_sector(city, "2024-02")
    assert trend.year_columns(ytd) == ["year_2022", "year_2023", "year_2024"]
    # January–February: p7 (O2, 2022), p2 (O1, 2023), p6 (O1, 2024); nothing in sector B
    assert ytd.loc["A", trend.year_columns(ytd)].tolist() == [1, 1, 1]
    assert ytd.loc["B", trend.year_columns(ytd)].tolist() == [0, 0, 0]
    assert ytd.loc["total", trend.year_columns(ytd)].tolist() == [1, 1, 1]
    years = trend.years_by_sector(city, "2023")
    assert trend.year_columns(years) == ["year_2022", "year_2023"]  # no year after the period's
    assert years.loc["total", ["year_2022", "year_2023"]].tolist() == [3, 5]
    one = trend.years_by_sector(city, "2023-Q3", sector="B")
    assert list(one.index) == ["B"] and one.loc["B", ["year_2022", "year_2023"]].tolist() == [0, 1]
    heads = trend.year_headings(years)
    assert heads["label_fields"] == {"year_1": 2022, "year_2": 2023}
    assert t(heads["labels"]["year_2023"], **heads["label_fields"]) == "Năm 2023"


def test_same_period_by_sector_ends_with_the_city_in_its_own_scope(city: Tables) -> None:
    table = trend.same_period_by_sector(
        metrics.metrics(city, "2023", by="sector"), metrics.metrics(city, "2023", by="city")
    )
    assert list(table["name"]) == ["Khối A", "Khối B", "Toàn thành phố"]
    assert rows(table, "admitted") == [4, 1, 5]
    assert rows(table, "admitted_last_year") == [3, 0, 3]
    assert list(table.index) == ["A", "B", "total"]
    assert [indicators.scope_of(row) for _, row in table.iterrows()] == ["A", "B", "city"]


def test_month_sentence_gives_the_month_and_the_cumulative(city: Tables) -> None:
    sentence = trend.month_sentence(city, "2024-02")
    assert sentence == "Riêng tháng 2/2024 kết nạp được 1 đảng viên; lũy kế 2 tháng đầu năm 2024: 1 đảng viên."
    assert sentence.figures == (indicators.figure("admitted", "city", "2024-02", 1),)
    quarter = trend.month_sentence(city, "2023-Q4", sector="A")
    assert quarter == "Riêng tháng 12/2023 kết nạp được 0 đảng viên; lũy kế quý IV/2023: 1 đảng viên."
    assert trend.month_sentence(city, "2024-01") == "Trong tháng 1/2024 kết nạp được 0 đảng viên."


def test_years_chart_draws_a_line_per_sector_titled_with_the_years(city: Tables, house_charts: None) -> None:
    years = trend.years_by_sector(city, "2024-02")
    ax = trend_chart.years_by_sector_chart(years, sectors=city.sectors, period="2024-02")
    lines = [line for line in ax.get_lines() if line.get_gid() in {"A", "B"}]
    assert [line.get_gid() for line in lines] == ["A", "B"]
    assert list(lines[0].get_xdata()) == [2022, 2023, 2024] and list(lines[1].get_ydata()) == [0, 0, 0]
    figure = ax.get_figure(root=True)
    assert figure is not None and "Kết nạp qua các năm 2022–2024 (2 tháng đầu năm)" == figure.get_suptitle().replace(
        "\n", " "
    )
    # Each point is labelled; 1 and 0 are far apart on a scale of 1, so every label sits above its point.
    assert [a.get_text() for a in ax.texts] == ["1", "1", "1", "0", "0", "0"]
    assert all(a.xyann[1] > 0 for a in ax.texts)


def test_labels_below_only_for_the_lower_of_close_points() -> None:
    values = np.array([[10.0, 50.0], [9.0, 20.0]])
    assert trend_chart._labels_below(values, close=5.0).tolist() == [[False, False], [True, False]]


# --- a finished quarter reads as a quarter, not a year -------------------------------------------


def test_a_finished_quarter_names_its_own_target() -> None:
    q4, year = parse_period("2023-Q4"), parse_period("2023")
    assert rules.rules_note(q4).startswith("Cách tính: chỉ tiêu quý của mỗi tổ chức bằng 1/4 chỉ tiêu năm")
    assert rules.rules_note(year).startswith("Cách tính: tổ chức không đạt chỉ tiêu khi")
    assert t(period_key("scorecard.list.no_admissions_year", q4)) == (
        "Từ đầu năm đến hết quý không kết nạp được đảng viên nào"
    )
    assert t(period_key("scorecard.list.no_admissions_year", year)) == "Không kết nạp được đảng viên nào trong năm"
    assert period_key("column.gap_year", parse_period("2024-02")) == "column.gap_year"  # only for a finished quarter
    assert scorecard.pace_note(q4, key="report.sector.ranking_note").startswith(
        "Chấm rỗng: tổ chức không đạt chỉ tiêu quý (1/4 chỉ tiêu năm"
    )


def test_quarter_flag_lists_and_status_words() -> None:
    frame = pd.DataFrame(
        {
            "name": ["Chi bộ An", "Chi bộ Bình"],
            "flag_no_admissions": [True, False],
            "flag_below_10pct": [False, True],
            "flag_none_2y": [False, False],
        }
    )
    lines = scorecard.flag_lists(frame, "2023-Q4")
    assert lines[0] == "Từ đầu năm đến hết quý không kết nạp được đảng viên nào (1): Chi bộ An."
    assert lines[1] == "Từ đầu năm đến hết quý đã kết nạp nhưng chưa đạt 10% chỉ tiêu năm (1): Chi bộ Bình."
    row = pd.Series({"flag_no_target": False, "flag_behind_pace": True})
    assert scorecard.pace_status(row, whole_year=True, quarter=True) == "Không đạt chỉ tiêu quý"
    assert scorecard.pace_status(row, whole_year=True) == "Không đạt chỉ tiêu"
