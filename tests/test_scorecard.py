"""Scorecard helpers on small synthetic metrics frames; every expectation worked out by hand.

Five organisations at the end of February 2024 (pace 2/12 of the target):

==== ====== ====== ======== ======== ===================================================
code target admit. expected gap      why
==== ====== ====== ======== ======== ===================================================
A1   12     1      2.0      1.0      behind, below 10% (1 < 1.2)
A2   6      3      1.0      -2.0     on pace
B1   25     4      25/6     1/6      behind by a sixth of a person: 1 person short
B2   9      0      1.5      1.5      behind, no admissions, none for two years
B3   none   2      –        –        no target, no rank
==== ====== ====== ======== ======== ===================================================
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ketnap import scorecard as sc
from ketnap.periods import as_at

NaN = np.nan


@pytest.fixture
def orgs() -> pd.DataFrame:
    rows = [
        # sector, org_code, name, target, admitted, attainment_pct, expected, gap,
        # no_target, behind, none, below10, none2y, rank, trained, last_admission
        ("b", "B2", "Chi bộ Đông Sơn", 9.0, 0, 0.0, 1.5, 1.5, False, True, True, True, True, 4.0, 0, None),
        ("a", "A2", "Phường Ba Đình", 6.0, 3, 50.0, 1.0, -2.0, False, False, False, False, False, 1.0, 2, "2024-02-20"),
        ("a", "A1", "Phường Điện Biên", 12.0, 1, 100 / 12, 2.0, 1.0, False, True, False, True, False, 2.0, 0,
         "2024-01-05"),
        ("b", "B3", "Chi bộ Dầu khí", NaN, 2, NaN, NaN, NaN, True, False, False, False, False, NaN, 1, "2024-02-01"),
        ("b", "B1", "Chi bộ Ánh Dương", 25.0, 4, 16.0, 25 / 6, 25 / 6 - 4, False, True, False, False, False, 3.0, 5,
         "2024-02-28"),
    ]  # fmt: skip
    frame = pd.DataFrame(
        rows,
        columns=[
            "sector", "org_code", "name", "target", "admitted", "attainment_pct", "expected", "gap",
            "flag_no_target", "flag_behind_pace", "flag_no_admissions", "flag_below_10pct", "flag_none_2y",
            "rank_in_sector", "trained", "last_admission",
        ],
    )  # fmt: skip
    frame["last_admission"] = pd.to_datetime(frame["last_admission"])
    return frame.set_index(frame["org_code"].rename("unit"))


@pytest.fixture
def sectors() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sector": ["b", "a"],
            "order": [2, 1],
            "name_vi": ["Khối B", "Khối A"],
            "name_en": ["Sector B", "Sector A"],
            "colour": ["#000000", "#111111"],
        }
    )


def test_gap_and_expected_in_whole_people_rounded_down(orgs: pd.DataFrame) -> None:
    shown = sc.with_display_columns(orgs, "2024-02")
    # The one rounding of ketnap.rules: expected = floor(target × 2/12). A1: 12 -> 2 expected, 1
    # admitted, 1 short; A2: 6 -> 1, ahead -> 0; B1: 25 -> 4.17 -> 4, 4 admitted, 0 short;
    # B2: 9 -> 1.5 -> 1, 1 short; B3: no target.
    assert shown.loc[["A1", "A2", "B1", "B2"], "expected_people"].tolist() == [2.0, 1.0, 4.0, 1.0]
    assert shown.loc[["A1", "A2", "B1", "B2"], "gap_people"].tolist() == [1.0, 0.0, 0.0, 1.0]
    assert np.isnan(shown.loc["B3", "gap_people"]) and np.isnan(shown.loc["B3", "expected_people"])
    # Ahead of pace shows as 0, never as "-0".
    assert str(shown.loc["A2", "gap_people"]) == "0.0"
    # Consistent side by side: short = expected - admitted when behind.
    behind = shown.loc[["A1", "B2"]]
    assert (behind["expected_people"] - behind["admitted"]).tolist() == behind["gap_people"].tolist()
    assert "expected_people" not in orgs  # the input is not modified


def test_float_noise_does_not_add_a_person() -> None:
    row = {"sector": "a", "org_code": "X", "name": "X", "target": 12.0, "admitted": 2, "attainment_pct": 1.0}
    row |= {"expected": 2.0000000000001, "gap": 1e-13, "flag_no_target": False, "flag_behind_pace": True}
    row |= {"flag_no_admissions": False, "flag_below_10pct": False, "flag_none_2y": False}
    shown = sc.with_display_columns(pd.DataFrame([row]), "2024-02")
    assert shown["expected_people"].tolist() == [2.0] and shown["gap_people"].tolist() == [0.0]


def test_flag_words_in_year_and_whole_year(orgs: pd.DataFrame) -> None:
    shown = sc.with_display_columns(orgs, "2024-02")
    assert shown.loc["A1", "flags"] == "chưa đạt tiến độ; đã kết nạp, chưa đạt 10% chỉ tiêu"
    assert shown.loc["A2", "flags"] == ""
    # No admissions implies below 10%: only "chưa kết nạp" is said.
    assert shown.loc["B2", "flags"] == "chưa đạt tiến độ; chưa kết nạp; 2 năm liền không kết nạp"
    assert shown.loc["B3", "flags"] == ""
    assert shown.loc["B3", "pace"] == "Chưa được giao chỉ tiêu"
    assert shown.loc["A2", "pace"] == "Đạt tiến độ" and shown.loc["A1", "pace"] == "Chưa đạt tiến độ"
    year = sc.with_display_columns(orgs, "2023")
    assert year.loc["B2", "flags"] == "không đạt chỉ tiêu; không kết nạp; 2 năm liền không kết nạp"
    assert year.loc["A1", "pace"] == "Không đạt chỉ tiêu" and year.loc["A2", "pace"] == "Đạt chỉ tiêu"
    english = sc.with_display_columns(orgs, "2024-02", lang="en")
    assert english.loc["B2", "flags"] == "behind pace; none admitted yet; none for 2+ years"
    assert english.loc["A2", "pace"] == "On pace"


def test_missing_flags_count_as_not_raised() -> None:
    row = pd.Series({"flag_behind_pace": pd.NA, "flag_no_admissions": None, "flag_below_10pct": NaN})
    assert sc.flag_words(row | pd.Series({"flag_none_2y": False})) == ""
    assert sc.behind_row_class(pd.Series({"flag_behind_pace": pd.NA})) == ""


def test_behind_row_class(orgs: pd.DataFrame) -> None:
    assert [sc.behind_row_class(row) for _, row in orgs.iterrows()] == [
        "flag-behind", "", "flag-behind", "", "flag-behind",
    ]  # fmt: skip


def test_ranked_order(orgs: pd.DataFrame) -> None:
    # Ranks 1 (A2), 2 (A1), 3 (B1), 4 (B2); B3 has no target and comes last.
    assert sc.ranked(orgs)["org_code"].tolist() == ["A2", "A1", "B1", "B2", "B3"]


def test_ranked_ties_in_vietnamese_name_order() -> None:
    frame = pd.DataFrame(
        {
            "name": ["Đông Hải", "Dầu khí", "Ba Đình", "An Hưng", "Ân Thi"],
            "admitted": [1, 1, 1, 0, 3],
            "rank_in_sector": [1.0, 1.0, 3.0, NaN, NaN],
        }
    )
    # D before Đ among the tied first; without a rank, most admissions first.
    assert sc.ranked(frame)["name"].tolist() == ["Dầu khí", "Đông Hải", "Ba Đình", "Ân Thi", "An Hưng"]


def test_flag_counts(orgs: pd.DataFrame) -> None:
    assert sc.flag_counts(orgs) == {
        "organisations": 5,
        "with_target": 4,
        "behind_pace": 3,
        "no_admissions": 1,
        "below_10pct": 2,
        "none_2y": 1,
    }


def test_flag_lists(orgs: pd.DataFrame) -> None:
    lines = sc.flag_lists(orgs, "2024-02")
    assert lines == [
        "Từ đầu năm đến nay chưa kết nạp được đảng viên nào (1): Chi bộ Đông Sơn.",
        # B2 is below 10% too, but it is already in the first line.
        "Đã kết nạp nhưng chưa đạt 10% chỉ tiêu năm (1): Phường Điện Biên.",
        "Từ 2 năm liền trở lên không kết nạp được đảng viên (1): Chi bộ Đông Sơn.",
    ]
    none = orgs.assign(flag_none_2y=False)
    assert sc.flag_lists(none, "2024-02", lang="en")[2] == "No admissions for two years or more: none."
    assert sc.flag_lists(orgs, "2023")[0].startswith("Không kết nạp được đảng viên nào trong năm (1)")


def test_scorecard_sector_order_then_vietnamese_names(orgs: pd.DataFrame, sectors: pd.DataFrame) -> None:
    card = sc.scorecard(orgs, sectors, "2024-02")
    assert list(card.columns) == sc.SCORECARD_COLUMNS
    # Sector a (order 1): Ba Đình before Điện Biên; sector b: Ánh Dương, Dầu khí, Đông Sơn.
    assert card["org_code"].tolist() == ["A2", "A1", "B1", "B3", "B2"]
    assert card["sector_name"].tolist() == ["Khối A", "Khối A", "Khối B", "Khối B", "Khối B"]
    assert card["pace"].tolist() == [
        "Đạt tiến độ",
        "Chưa đạt tiến độ",
        "Chưa đạt tiến độ",
        "Chưa được giao chỉ tiêu",
        "Chưa đạt tiến độ",
    ]
    english = sc.scorecard(orgs, sectors, "2023", lang="en")
    assert english["sector_name"].iloc[0] == "Sector A"
    assert english["pace"].tolist()[:2] == ["Target met", "Target missed"]


def test_scorecard_unknown_sector_goes_last(orgs: pd.DataFrame, sectors: pd.DataFrame) -> None:
    card = sc.scorecard(orgs.assign(sector=["z", "a", "a", "b", "b"]), sectors, "2024-02")
    assert card["org_code"].tolist()[-1] == "B2" and card["sector_name"].tolist()[-1] == "z"


def test_summary_sentence(orgs: pd.DataFrame) -> None:
    assert sc.summary_sentence(orgs, "2024-02") == (
        "Trong 2 tháng đầu năm 2024, trong 4 tổ chức cơ sở đảng được giao chỉ tiêu, có 3 tổ chức chưa đạt tiến "
        "độ kết nạp; 1 tổ chức chưa kết nạp được đảng viên nào. Có 1 tổ chức chưa được giao chỉ tiêu (không "
        "tính ở trên)."
    )
    assert sc.summary_sentence(orgs, "2023", lang="en") == (
        "In 2023, 3 of the 4 grassroots organisations with a target missed it, 1 of them admitting nobody. "
        "1 had no target (not counted above)."
    )


def test_pace_note() -> None:
    assert sc.pace_note("2024-02", key="report.organisations.highlight") == (
        "Dòng tô màu: tổ chức chưa đạt tiến độ, tức số đã kết nạp thấp hơn số cần đạt theo tiến độ (16,7% chỉ "
        "tiêu năm, tính tròn xuống đến người)."
    )
    # A finished quarter reads as closed; the same quarter cut at the data-as-of date keeps its pace.
    assert sc.pace_note("2023", key="report.organisations.highlight", lang="en") == "Shaded rows: target missed."
    # A finished quarter: its own target, a quarter of the year's, rounded down.
    assert sc.pace_note("2024-Q2", key="report.organisations.highlight") == (
        "Dòng tô màu: tổ chức không đạt chỉ tiêu quý (1/4 chỉ tiêu năm, tính tròn xuống đến người)."
    )
    assert sc.pace_note(as_at("2024-Q2", "2024-05-31"), key="report.organisations.highlight", lang="en") == (
        "Shaded rows: behind pace, that is fewer admitted than the whole people due by now (16.7% of the "
        "annual target, rounded down)."
    )
    assert sc.pace_note("2023", key="report.organisations.highlight") == "Dòng tô màu: tổ chức không đạt chỉ tiêu năm."


def test_missing_columns_are_named(orgs: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match=r"with_display_columns: missing column\(s\) \['gap'\]"):
        sc.with_display_columns(orgs.drop(columns="gap"), "2024-02")


def test_the_summary_sentence_and_flag_lists_record_their_counts_for_the_scope_given(orgs: pd.DataFrame) -> None:
    # 4 with a target (all but B3); behind: A1, B1, B2 = 3; no admission: B2; below 10%: A1 (B2 is in the
    # first line); none for two years: B2.
    summary = sc.summary_sentence(orgs, "2024-02", scope="city")
    assert sorted((f["code"], f["scope"], f["period"], f["value"]) for f in summary.figures) == [
        ("organisations_behind_pace", "city", "2024-02", 3),
        ("organisations_no_admissions", "city", "2024-02", 1),
        ("organisations_with_target", "city", "2024-02", 4),
    ]
    lines = sc.flag_lists(orgs, "2024-02", scope="b")
    assert [[(f["code"], f["scope"], f["value"]) for f in line.figures] for line in lines] == [
        [("organisations_no_admissions", "b", 1)],
        [("organisations_below_10pct", "b", 1)],
        [("organisations_none_2y", "b", 1)],
    ]
    # A flag nobody carries reads "không có": no number, no figure.
    assert sc.flag_lists(orgs.assign(flag_none_2y=False), "2024-02", scope="b")[2].figures == ()
    # Rows of unknown extent (no scope): the same words, nothing recorded.
    assert sc.summary_sentence(orgs, "2024-02").figures == ()
    assert all(line.figures == () for line in sc.flag_lists(orgs, "2024-02"))
