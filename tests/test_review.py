"""Tests of ketnap.review on the small hand-built city of ``small_city.py``, every figure worked out by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from small_city import small_city

from ketnap import review
from ketnap.io import Tables


@pytest.fixture
def tables() -> Tables:
    return small_city()


# --- small helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize("year", [2023, "2023", " 2023 "])
def test_parse_year_accepts_int_and_text(year) -> None:
    assert review.parse_year(year) == 2023


@pytest.mark.parametrize("year", ["2023-02", "23", "", "năm 2023"])
def test_parse_year_rejects_other_text(year) -> None:
    with pytest.raises(ValueError, match="four digits"):
        review.parse_year(year)


def test_year_complete(tables: Tables) -> None:
    assert review.year_complete(tables, 2023)
    assert not review.year_complete(tables, "2024")


# --- annual review -------------------------------------------------------------------------------


def test_annual_review(tables: Tables) -> None:
    result = review.annual_review(tables, "2023", lang="vi")
    assert list(result.columns) == review.ANNUAL_REVIEW_COLUMNS
    assert result["org_code"].tolist() == ["O1", "O2", "O3"]
    assert result["sector_name"].tolist() == ["Khối A", "Khối A", "Khối B"]
    assert result["admitted"].tolist() == [2, 2, 1]
    assert result["status"].tolist() == ["met", "no_target", "missed"]
    assert result["status_label"].tolist() == ["Đạt", "Chưa được giao chỉ tiêu", "Không đạt"]
    assert np.isnan(result.loc[1, "target"])  # a target of 0 is no target
    assert result["difference"].tolist()[0::2] == [0.0, -1.0]
    assert np.isnan(result.loc[1, "difference"])
    assert result["attainment_pct"].tolist()[0::2] == pytest.approx([100.0, 50.0])
    # Last year: O1 admitted p1 and p9, O2 p7; O3 did not exist.
    assert result["admitted_last_year"].tolist()[:2] == [2.0, 1.0]
    assert np.isnan(result.loc[2, "admitted_last_year"])
    assert result["change"].tolist()[:2] == [0.0, 1.0]
    assert np.isnan(result.loc[2, "change"])
    assert result["created_in_year"].tolist() == [False, False, True]


def test_annual_review_accepts_an_int_year(tables: Tables) -> None:
    pd.testing.assert_frame_equal(review.annual_review(tables, 2023), review.annual_review(tables, "2023"))


def test_annual_summary(tables: Tables) -> None:
    summary = review.annual_summary(review.annual_review(tables, 2023, lang="en"), lang="en")
    assert summary["name"].tolist() == ["Sector A", "Sector B", "All sectors (assigned targets)"]
    assert summary["is_total"].tolist() == [False, False, True]
    assert summary["organisations"].tolist() == [2, 1, 3]
    assert summary["met"].tolist() == [1, 0, 1]
    assert summary["missed"].tolist() == [0, 1, 1]
    assert summary["no_target"].tolist() == [1, 0, 1]
    assert summary["shortfall"].tolist() == [0, 1, 1]
    assert summary["admitted"].tolist() == [4, 1, 5]
    # Targets assigned: A has O1's 2 (O2's 0 is no target), B O3's 2; attainment over them.
    assert summary["target"].tolist() == [2.0, 2.0, 4.0]
    assert summary["attainment_pct"].tolist() == [200.0, 50.0, 125.0]
    assert summary["admitted_last_year"].tolist()[0::2] == [3.0, 3.0]
    assert np.isnan(summary.loc["B", "admitted_last_year"])
    assert summary.index.tolist() == ["A", "B", "total"]  # the total is no scope's figure (ketnap.present)


def test_flag_missed() -> None:
    assert review.flag_missed(pd.Series({"status": "missed"})) == "flag-behind"
    assert review.flag_missed(pd.Series({"status": "met"})) == ""


def test_summary_sentence_records_the_city_s_counts(tables: Tables) -> None:
    # 2023: O1 met (2 of 2), O3 missed (1 of 2: 1 short), O2 no target: 3 organisations, 2 with a target.
    text = review.summary_sentence(review.annual_summary(review.annual_review(tables, 2023)), "2023")
    assert text == (
        "Năm 2023, trong 3 tổ chức cơ sở đảng có 2 tổ chức được giao chỉ tiêu kết nạp: 1 tổ chức đạt và vượt "
        "chỉ tiêu, 1 tổ chức không đạt (tổng cộng còn thiếu 1 đảng viên); 1 tổ chức chưa được giao chỉ tiêu."
    )
    assert [(f["code"], f["scope"], f["period"], f["value"]) for f in text.figures] == [
        ("organisations", "city", "2023", 3),
        ("organisations_with_target", "city", "2023", 2),
        ("organisations_behind_pace", "city", "2023", 1),  # a finished year: missed the target
    ]
