"""Periods: parsing, same period last year (29 February), elapsed shares."""

from __future__ import annotations

import dataclasses
import math
from datetime import date

import pytest

from ketnap.periods import (
    Period,
    PeriodError,
    is_whole_year,
    month_starts,
    months_elapsed_share,
    months_left,
    pace_share,
    parse_period,
    same_period_last_year,
    year_elapsed_share,
)


def test_month_is_year_to_date() -> None:
    p = parse_period("2024-02")
    assert (p.kind, p.year, p.start, p.end, p.label) == (
        "month",
        2024,
        date(2024, 1, 1),
        date(2024, 2, 29),
        "2024-02",
    )
    assert parse_period("2023-2").end == date(2023, 2, 28)
    assert parse_period("2024-12").end == date(2024, 12, 31)


def test_quarter_is_its_own_three_months() -> None:
    p = parse_period("2024-Q1")
    assert (p.kind, p.start, p.end, p.quarter, p.label) == (
        "quarter",
        date(2024, 1, 1),
        date(2024, 3, 31),
        1,
        "2024-Q1",
    )
    q3 = parse_period("2024-q3")
    assert (q3.start, q3.end, q3.label) == (date(2024, 7, 1), date(2024, 9, 30), "2024-Q3")


def test_year() -> None:
    p = parse_period(" 2023 ")
    assert (p.kind, p.start, p.end, p.label, str(p)) == (
        "year",
        date(2023, 1, 1),
        date(2023, 12, 31),
        "2023",
        "2023",
    )
    assert p.quarter is None


@pytest.mark.parametrize(
    ("text", "whole"),
    [("2023", True), ("2023-12", True), ("2024-02", False), ("2024-01", False), ("2023-Q4", False),
     ("2023-Q1", False)],
)  # fmt: skip
def test_whole_year_is_a_year_or_year_to_date_through_december(text: str, whole: bool) -> None:
    assert parse_period(text).whole_year is whole
    assert is_whole_year(text) is whole and is_whole_year(parse_period(text)) is whole


def test_period_is_frozen_and_parse_is_idempotent() -> None:
    p = parse_period("2024-02")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.year = 2025  # type: ignore[misc]
    assert parse_period(p) is p
    assert parse_period(p.label) == p


@pytest.mark.parametrize("bad", ["2024-13", "2024-00", "2024-Q5", "24-02", "2024/02", "Q1-2024", "", "2024-02-29"])
def test_bad_periods_raise_one_line_listing_the_forms(bad: str) -> None:
    with pytest.raises(PeriodError) as info:
        parse_period(bad)
    message = str(info.value)
    assert "\n" not in message
    assert "YYYY-MM" in message and "YYYY-Qn" in message and "YYYY" in message
    assert isinstance(info.value, ValueError)


def test_same_period_last_year_handles_29_february() -> None:
    last = same_period_last_year(parse_period("2024-02"))
    assert (last.start, last.end, last.label) == (date(2023, 1, 1), date(2023, 2, 28), "2023-02")
    # And back into a leap year.
    assert same_period_last_year(parse_period("2025-02")).end == date(2024, 2, 29)
    assert same_period_last_year(parse_period("2024-Q1")).end == date(2023, 3, 31)
    assert same_period_last_year(parse_period("2024")).label == "2023"


def test_elapsed_shares() -> None:
    feb = parse_period("2024-02")
    assert months_elapsed_share(feb) == 2 / 12  # the 16,7% of the reports
    assert math.isclose(year_elapsed_share(feb), 60 / 366)  # 16.4% by days, leap year
    assert math.isclose(year_elapsed_share(parse_period("2023-02")), 59 / 365)
    assert year_elapsed_share(parse_period("2023")) == 1.0
    assert months_elapsed_share(parse_period("2024-Q2")) == 6 / 12


def test_pace_share_and_months_left() -> None:
    assert pace_share(parse_period("2024-02")) == 2 / 12
    assert pace_share(parse_period("2024-Q2")) == 3 / 12
    assert pace_share(parse_period("2024")) == 1.0
    assert months_left(parse_period("2024-02")) == 10
    assert months_left(parse_period("2024-Q4")) == 0
    assert months_left(parse_period("2024")) == 0


def test_month_starts() -> None:
    assert month_starts(parse_period("2024-Q2")) == [date(2024, 4, 1), date(2024, 5, 1), date(2024, 6, 1)]
    assert month_starts(parse_period("2024-01")) == [date(2024, 1, 1)]


def test_period_is_a_plain_value() -> None:
    assert Period("year", 2023, date(2023, 1, 1), date(2023, 12, 31), "2023") == parse_period("2023")
