"""Formatting: numbers, percentages, dates, months, period labels, Vietnamese collation."""

from __future__ import annotations

import unicodedata
from datetime import date

import numpy as np
import pandas as pd
import pytest
from babel import Locale

from ketnap import fmt


def test_numbers() -> None:
    assert fmt.integer(1253) == "1.253"
    assert fmt.integer(1253, "en") == "1,253"
    assert fmt.integer(1253000) == "1.253.000"
    assert fmt.integer(817.0) == "817"
    assert fmt.integer(np.int64(12)) == "12"
    assert fmt.number(1253.45, "vi", decimals=1) == "1.253,5"  # half up
    assert fmt.number(1253.45, "en", decimals=1) == "1,253.5"
    assert fmt.number(-3.45, "vi", decimals=1) == "-3,5"
    assert fmt.integer(np.nan) == "–"
    assert fmt.integer(None, na="n/a") == "n/a"


def test_babel_vi_percent_pattern_is_not_the_house_format() -> None:
    # Babel's vi pattern has no decimals: that is why fmt forces "#,##0.0" and appends "%".
    assert Locale("vi").percent_formats[None].pattern == "#,##0%"


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (231 / 817 * 100, "28,3%", "28.3%"),
        (735 / 707 * 100, "104,0%", "104.0%"),
        (1253 / 1071 * 100, "117,0%", "117.0%"),
        (2 / 12 * 100, "16,7%", "16.7%"),
        (28.25, "28,3%", "28.3%"),  # half up, not half even
        (0, "0,0%", "0.0%"),
        (1234.5, "1.234,5%", "1,234.5%"),
    ],
)
def test_percentages(value: float, vi: str, en: str) -> None:
    assert fmt.pct(value) == vi
    assert fmt.pct(value, "en") == en


def test_missing_percentages() -> None:
    assert fmt.pct(np.nan) == "–"
    assert fmt.pct(float("inf")) == "–"
    assert fmt.pct(None, na="không giao chỉ tiêu") == "không giao chỉ tiêu"


def test_round_half_up() -> None:
    assert fmt.round_half_up(28.25) == 28.3
    assert fmt.round_half_up(103.96) == 104.0
    assert fmt.round_half_up(0.285, 2) == 0.29


def test_signed_shows_the_sign_and_the_locale() -> None:
    assert [fmt.signed(v) for v in (3, -2, 0, 1253, np.nan, None)] == ["+3", "\u22122", "0", "+1.253", "–", "–"]
    assert fmt.signed(-1253, "en") == "\u22121,253"
    assert fmt.signed(-0.4) == "0" and fmt.signed(0.5) == "+1" and fmt.signed(-0.5) == "\u22121"  # half up
    with pytest.raises(ValueError):
        fmt.signed(1, "fr")


def test_dates_and_months() -> None:
    assert fmt.date(date(2024, 2, 29)) == "29/02/2024"
    assert fmt.date(pd.Timestamp("2024-02-29 13:00"), "en") == "29/02/2024"
    assert fmt.date(pd.NaT) == "–"
    assert fmt.month(pd.Timestamp("2024-02-01")) == "tháng 2/2024"
    assert fmt.month(date(2024, 2, 1), "en") == "February 2024"
    assert fmt.month(date(2024, 12, 1)) == "tháng 12/2024"


def test_period_labels() -> None:
    assert fmt.period_label("2024-02") == "2 tháng đầu năm 2024"
    assert fmt.period_label("2024-02", "en") == "January–February 2024"
    assert fmt.period_label("2024-01") == "tháng 1/2024"
    assert fmt.period_label("2024-Q3") == "quý III/2024"
    assert fmt.period_label("2024-Q3", "en") == "Q3 2024"
    assert fmt.period_label("2023") == "năm 2023"


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="valid: vi, en"):
        fmt.integer(1, "fr")


# --- collation ------------------------------------------------------------------------------------


def test_alphabet_order() -> None:
    words = ["Đông", "Dung", "ư", "u", "ơn", "ôn", "on", "ê", "e", "â", "ă", "a", "b"]
    assert sorted(words, key=fmt.vi_sort_key) == [
        "a",
        "ă",
        "â",
        "b",
        "Dung",
        "Đông",
        "e",
        "ê",
        "on",
        "ôn",
        "ơn",
        "u",
        "ư",
    ]


def test_tone_order() -> None:
    # none < huyền < hỏi < ngã < sắc < nặng
    tones = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert sorted(reversed(tones), key=fmt.vi_sort_key) == tones
    # Letters before tones: "mạ" before "man".
    assert sorted(["man", "mạ"], key=fmt.vi_sort_key) == ["mạ", "man"]


def test_case_form_and_tone_placement_do_not_matter() -> None:
    nfc = "Phường Đông Hòa"
    nfd = unicodedata.normalize("NFD", nfc)
    assert fmt.vi_sort_key(nfc) == fmt.vi_sort_key(nfd) == fmt.vi_sort_key("PHƯỜNG ĐÔNG HÒA")
    assert fmt.vi_sort_key("hoà") == fmt.vi_sort_key("hòa")
    assert fmt.vi_sort_key("Thanh Hoá") == fmt.vi_sort_key("Thanh Hóa")


def test_syllables_numbers_and_punctuation() -> None:
    assert sorted(["Chi bộ 10", "Chi bộ 2"], key=fmt.vi_sort_key) == ["Chi bộ 2", "Chi bộ 10"]
    assert sorted(["Khối phường - xã", "Khối phường"], key=fmt.vi_sort_key) == [
        "Khối phường",
        "Khối phường - xã",
    ]
    assert sorted(["bà bò", "ba cá"], key=fmt.vi_sort_key) == ["ba cá", "bà bò"]  # syllable by syllable


def test_sort_vi_frame() -> None:
    names = ["Phường Đông Thọ", "Phường Điện Biên", None, "phường Ba Đình", "Phường An Hoạch"]
    frame = pd.DataFrame({"name": names, "n": range(5)})
    out = fmt.sort_vi(frame, "name")
    assert out["name"].tolist()[:4] == [
        "Phường An Hoạch",
        "phường Ba Đình",
        "Phường Điện Biên",
        "Phường Đông Thọ",
    ]
    assert out["name"].isna().iloc[-1]  # missing last
    assert out.index.tolist() == [4, 3, 1, 0, 2]  # rows kept whole
    assert fmt.sort_vi(frame, "name", ascending=False)["name"].tolist()[0] == "Phường Đông Thọ"
