"""Tests of ketnap.text: NFC, tone placement and the matching key used for names, headers and categories."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketnap.text import bare, clean, fold, modern_tone, nfc


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    ("old", "modern"),
    [
        ("hoà", "hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Hoà Hảo", "Hòa Hảo"),
        ("khoẻ", "khỏe"),
        ("thuỷ", "thủy"),
        ("Quảng Hoà", "Quảng Hòa"),
        ("HOÀ", "HÒA"),
        ("hoạ sĩ", "họa sĩ"),
        ("luỹ tre", "lũy tre"),
    ],
)
def test_modern_tone_moves_the_mark_in_open_glides(old: str, modern: str) -> None:
    assert modern_tone(old) == modern
    assert modern_tone(nfd(old)) == modern
    assert modern_tone(modern) == modern


@pytest.mark.parametrize("word", ["hoàng", "toán", "ngoài", "xoáy", "khuyến", "quý", "quỳnh", "thuở", "người", "hoa"])
def test_modern_tone_leaves_syllables_where_both_styles_agree(word: str) -> None:
    assert modern_tone(word) == word


def test_nfc_composes() -> None:
    assert nfc(nfd("Đảng bộ phường Đông Thọ")) == "Đảng bộ phường Đông Thọ"
    assert len(nfc(nfd("ộ"))) == 1


def test_clean_collapses_whitespace_and_drops_invisible_characters() -> None:
    assert clean("\ufeff  Chi bộ\u00a0 phố\nTân\u200bNam  ") == "Chi bộ phố TânNam"
    assert clean(nfd("Thọ")) == "Thọ"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Thanh Hoá", "thanh hóa"),
        (" NGÀY  KẾT NẠP ", "Ngày kết nạp"),
        ("Hoà Hảo", "HÒA HẢO"),
        ("Đảng bộ phường Quảng Hoà", "đảng bộ phường quảng hòa"),
    ],
)
def test_fold_equates_what_people_type_differently(a: str, b: str) -> None:
    assert fold(a) == fold(b)
    assert fold(nfd(a)) == fold(b)


def test_fold_keeps_real_differences() -> None:
    assert fold("Nam") != fold("Nữ")
    assert fold("Dung") != fold("Dũng")
    assert fold("Đông") != fold("Dong")


_VIETNAMESE = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
words = st.text(alphabet=_VIETNAMESE + _VIETNAMESE.upper() + "bcdghklmnpqrstvx ", max_size=30)


@given(words)
def test_fold_ignores_unicode_form_case_and_is_idempotent(text: str) -> None:
    key = fold(text)
    assert fold(nfd(text)) == key
    assert fold(text.upper()) == key
    assert fold(f"  {text}  ") == key
    assert fold(key) == key
    assert unicodedata.is_normalized("NFC", key)


@given(words)
def test_modern_tone_changes_only_tone_placement(text: str) -> None:
    moved = modern_tone(text)
    assert unicodedata.is_normalized("NFC", moved)
    strip = str.maketrans("", "", "\u0300\u0301\u0303\u0309\u0323")
    assert nfd(moved).translate(strip) == nfd(text).translate(strip)
    assert modern_tone(moved) == moved


@pytest.mark.parametrize(
    ("typed", "key"),
    [("Đại học", "dai hoc"), (" NỮ\u00a0", "nu"), ("Hoà  Hảo", "hoa hao"), ("Người lao động", "nguoi lao dong")],
)
def test_bare_drops_every_diacritic_and_reads_d_for_đ(typed: str, key: str) -> None:
    assert bare(typed) == key
    assert bare(nfd(typed)) == key
