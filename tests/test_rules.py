"""The counting rules of ketnap.rules, with hand-computed expectations (and on the hand-built city)."""

from __future__ import annotations

import pandas as pd
from small_city import small_city

from ketnap import metrics as m
from ketnap import rules
from ketnap.periods import as_at, pace_share, parse_period


def test_expected_people_rounds_down_once() -> None:
    # February (2/12): 2 -> 0.33 -> 0; 6 -> 1; 16 -> 2.67 -> 2; 36 -> 6; 12 -> 2 exactly (no float noise loss).
    assert rules.expected_people(pd.Series([2, 6, 16, 36, 12]), 2 / 12).tolist() == [0, 1, 2, 6, 2]
    # A finished year expects the whole target.
    assert rules.expected_people(pd.Series([42, 11]), 1.0).tolist() == [42, 11]


def test_shortfall_is_a_difference_of_whole_people() -> None:
    # The review's case: target 16 by February, 1 admitted: 2 due, 1 short (not 2 by rounding up 1.67).
    short = rules.shortfall_people(pd.Series([16, 8, 2, 36]), pd.Series([1, 0, 0, 4]), 2 / 12)
    assert short.tolist() == [1, 1, 0, 2]
    assert rules.shortfall_people(pd.Series([42]), pd.Series([15]), 1.0).tolist() == [27]


def test_flags_small_target_no_admission_and_under_ten_percent() -> None:
    target = pd.Series([2.0, 6.0, 40.0, 40.0, float("nan")], index=list("abcde"))
    admitted = pd.Series([0, 0, 3, 10, 0], index=list("abcde"))
    flags = rules.flags(target, admitted, admitted, 2 / 12)
    # a: target 2, none by February: no admission, but not behind (0 people due yet).
    # b: target 6, none: 1 due, behind; c: 3 of 40 (7,5%): under 10% and behind (6 due);
    # d: 10 of 40: on pace; e: no target: no flag at all.
    assert flags["flag_behind_pace"].tolist() == [False, True, True, False, False]
    assert flags["flag_no_admissions"].tolist() == [True, True, False, False, False]
    assert flags["flag_below_10pct"].tolist() == [False, False, True, False, False]


def test_closed_and_cut_periods() -> None:
    assert parse_period("2023").closed and parse_period("2023-Q3").closed
    assert not parse_period("2024-02").closed
    cut = as_at("2024-Q1", "2024-02-29")
    assert (cut.end.isoformat(), pace_share(cut), cut.closed) == ("2024-02-29", 2 / 12, False)
    assert as_at("2023", "2024-02-29") == parse_period("2023")


def test_the_small_city_follows_the_rules() -> None:
    # small_city: 2023, O1 target 2, O2 target 0 (no target), O3 target 2.
    tables = small_city()
    orgs = m.metrics(tables, "2023")
    # A closed year: expected = target, shortfall = target - admitted.
    for code, row in orgs.iterrows():
        if row["target"] > 0:
            assert row["gap"] == row["target"] - row["admitted"], code
            assert row["flag_behind_pace"] == (row["admitted"] < row["target"]), code
        else:
            assert not (row["flag_behind_pace"] or row["flag_no_admissions"] or row["flag_below_10pct"]), code
    # By hand: O1 admitted 2 of 2 (0 short), O3 1 of 2 (1 short, missed), O2 has no target.
    assert orgs.loc[["O1", "O3"], "gap"].tolist() == [0, 1]
    assert orgs["flag_behind_pace"].tolist() == [False, False, True]
    # Every page selects the same list, in display order among equal gaps.
    assert rules.behind_pace(orgs).index.tolist() == m.behind_pace(orgs).index.tolist()


def test_rules_note_speaks_the_period() -> None:
    assert "tính tròn xuống đến người" in rules.rules_note("2024-02")
    assert "16,7%" in rules.rules_note("2024-02")
    assert rules.rules_note("2023").startswith("Cách tính: tổ chức không đạt chỉ tiêu")
