"""Display formatting for reports: numbers, percentages, dates and months in Vietnamese or English,
and Vietnamese alphabetical order for names.

Numbers go through Babel so separators follow the locale (``1.253`` in ``vi``, ``1,253`` in
``en``). Percentages use the house format, one decimal and no space before ``%`` (``28,3%``),
which Babel's own ``vi`` percent pattern (``#,##0%``, no decimals) does not give, so the pattern is
forced here. Rounding is half up, as people round by hand, not Babel's default half-even.

PyICU is not available, so :func:`vi_sort_key` implements Vietnamese collation directly. Label
texts live in :mod:`ketnap.labels`, not here.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Hashable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from babel.dates import format_date
from babel.numbers import format_decimal

from ketnap.labels import t
from ketnap.periods import Period, parse_period

__all__ = [
    "NA",
    "ROMAN_QUARTERS",
    "VIETNAM_TZ",
    "date",
    "integer",
    "is_missing",
    "local_time",
    "month",
    "number",
    "pct",
    "period_heading",
    "period_label",
    "round_half_up",
    "signed",
    "signed_pct",
    "sort_vi",
    "vi_sort_key",
]

#: What a missing value shows as.
NA: Final[str] = "–"


def is_missing(value: Any) -> bool:
    """True for ``None``, NaN, ``pd.NA`` and ``NaT``."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def round_half_up(value: float, decimals: int = 1) -> float:
    """Round half away from zero (``28.25 -> 28.3``), through the decimal text of ``value``.

    Going through ``repr`` keeps what the number prints as, so 0.285 rounds to 0.29 although
    its binary value is a hair below.
    """
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_UP))


def _locale(lang: str) -> str:
    if lang not in ("vi", "en"):
        raise ValueError(f"unknown language {lang!r}; valid: vi, en")
    return lang


def number(value: Any, lang: str = "vi", *, decimals: int = 0, na: str = NA) -> str:
    """A number with the locale's separators: ``1253.5 -> "1.253,5"`` (vi), ``"1,253.5"`` (en).

    Parameters
    ----------
    value : number or missing
    lang : {"vi", "en"}
    decimals : int
        Exact number of decimals shown (half-up rounding).
    na : str
        Shown for a missing value.
    """
    if is_missing(value):
        return na
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return format_decimal(rounded, format=pattern, locale=_locale(lang))


def integer(value: Any, lang: str = "vi", *, na: str = NA) -> str:
    """A whole number: ``1253 -> "1.253"`` (vi) / ``"1,253"`` (en)."""
    return number(value, lang, decimals=0, na=na)


def pct(value: Any, lang: str = "vi", *, decimals: int = 1, na: str = NA) -> str:
    """A percentage given in percent units: ``28.27 -> "28,3%"`` (vi) / ``"28.3%"`` (en).

    The house format has one decimal and no space before ``%`` in both languages.
    """
    if is_missing(value) or (isinstance(value, float) and math.isinf(value)):
        return na
    return number(value, lang, decimals=decimals, na=na) + "%"


def signed(value: Any, lang: str = "vi", *, na: str = NA) -> str:
    """A whole difference with its sign: ``3 -> "+3"``, ``-2 -> "−2"``, ``0 -> "0"``.

    The minus is the typographic one (U+2212), which does not break a line on a phone.

    Examples
    --------
    >>> signed(3), signed(-1253.4), signed(0), signed(1253, "en"), signed(None)
    ('+3', '−1.253', '0', '+1,253', '–')
    """
    if is_missing(value):
        return na
    text = integer(abs(float(value)), lang)
    rounded = round_half_up(float(value), 0)
    return ("+" if rounded > 0 else "\u2212" if rounded < 0 else "") + text


def signed_pct(value: Any, lang: str = "vi", *, decimals: int = 1, na: str = NA) -> str:
    """A percentage change with its sign on the number: ``47.06 -> "+47,1%"``, ``-6.5 -> "−6,5%"``.

    >>> signed_pct(47.06), signed_pct(-6.52), signed_pct(0.0), signed_pct(None)
    ('+47,1%', '−6,5%', '0,0%', '–')
    """
    if is_missing(value):
        return na
    rounded = round_half_up(float(value), decimals)
    return ("+" if rounded > 0 else "\u2212" if rounded < 0 else "") + pct(abs(float(value)), lang, decimals=decimals)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return pd.Timestamp(value).date()


def date(value: Any, lang: str = "vi", *, na: str = NA) -> str:
    """A date as ``dd/mm/yyyy`` (``29/02/2024``), the form used in both languages' reports."""
    if is_missing(value):
        return na
    return format_date(_as_date(value), "dd/MM/yyyy", locale=_locale(lang))


def month(value: Any, lang: str = "vi", *, na: str = NA) -> str:
    """A month: ``"tháng 2/2024"`` (vi) / ``"February 2024"`` (en)."""
    if is_missing(value):
        return na
    day = _as_date(value)
    if _locale(lang) == "vi":
        # Babel's vi month names ("tháng 2") do not give the report form "tháng 2/2024".
        return f"tháng {day.month}/{day.year}"
    return format_date(day, "MMMM yyyy", locale="en")


#: Quarters as Vietnamese reports write them ("quý I/2024").
ROMAN_QUARTERS: Final[dict[int, str]] = {1: "I", 2: "II", 3: "III", 4: "IV"}


def period_label(period: Period | str, lang: str = "vi") -> str:
    """A period as a report header shows it.

    ``2024-02`` -> "2 tháng đầu năm 2024" / "January–February 2024"; ``2024-01`` -> "tháng 1/2024"
    / "January 2024"; ``2024-Q1`` -> "quý I/2024" / "Q1 2024"; ``2023`` -> "năm 2023" / "2023".
    The templates are in the label catalog (``period.label.*``).
    """
    period = parse_period(period)
    _locale(lang)
    if period.kind == "year":
        return t("period.label.year", lang, year=period.year)
    if period.kind == "quarter":
        assert period.quarter is not None
        return t(
            "period.label.quarter",
            lang,
            roman=ROMAN_QUARTERS[period.quarter],
            quarter=period.quarter,
            year=period.year,
        )
    if period.end_month == 1:
        return month(period.start, lang)
    first = format_date(period.start, "MMMM", locale=lang)
    last = format_date(period.end, "MMMM", locale=lang)
    return t("period.label.month_ytd", lang, months=period.end_month, first=first, last=last, year=period.year)


def period_heading(period: Period | str, lang: str = "vi") -> str:
    """A period as a heading names it, for the index: the month itself first, then what it adds up.

    >>> period_heading("2024-02"), period_heading("2024-01"), period_heading("2023-Q4"), period_heading("2023")
    ('Tháng 2/2024 (lũy kế 2 tháng)', 'Tháng 1/2024', 'Quý IV/2023', 'Năm 2023')
    >>> period_heading("2024-02", "en")
    'February 2024 (2 months to date)'
    """
    period = parse_period(period)
    _locale(lang)
    if period.kind == "year":
        return t("period.heading.year", lang, year=period.year)
    if period.kind == "quarter":
        assert period.quarter is not None
        roman = ROMAN_QUARTERS[period.quarter]
        return t("period.heading.quarter", lang, roman=roman, quarter=period.quarter, year=period.year)
    key = "period.heading.month" if period.end_month == 1 else "period.heading.month_ytd"
    name = format_date(period.end, "MMMM", locale=lang)
    return t(key, lang, month=period.end_month, month_name=name, months=period.end_month, year=period.year)


def _vietnam_tz() -> dt.tzinfo:
    """Asia/Ho_Chi_Minh from the tz database, else UTC+7 (Viet Nam has kept that offset since 1975)."""
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Ho_Chi_Minh")
    except Exception:  # no tz database on this machine
        return dt.timezone(dt.timedelta(hours=7), "ICT")


#: Viet Nam's time zone: the reports' readers' clock.
VIETNAM_TZ: Final[dt.tzinfo] = _vietnam_tz()


def local_time(value: dt.datetime | str, lang: str = "vi", *, na: str = NA) -> str:
    """A moment in Viet Nam's local time, ``dd/mm/yyyy HH:MM``; a naive time is taken as UTC.

    >>> local_time("2026-12-01T20:10:39+00:00")
    '02/12/2026 03:10'
    >>> local_time(dt.datetime(2024, 3, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=7))))
    '05/03/2024 09:30'
    """
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if is_missing(value):
        return na
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(VIETNAM_TZ).strftime("%d/%m/%Y %H:%M")


# --- Vietnamese collation -------------------------------------------------------------------------

# The Vietnamese alphabet, with the Latin letters Vietnamese does not use (f, j, w, z) in their
# Latin places so foreign words still sort sensibly.
_ALPHABET: Final[str] = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK: Final[dict[str, int]] = {ch: i for i, ch in enumerate(_ALPHABET)}

# Combining tone marks in NFD, ranked: none < huyền < hỏi < ngã < sắc < nặng.
_TONE_RANK: Final[dict[str, int]] = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}
# A word is letters plus the combining marks NFD split off them (\w alone would cut at each mark).
_TOKEN = re.compile(r"\d+|(?:[^\W\d_]|[\u0300-\u036f])+")


# Cached: names share most of their syllables ("đảng", "bộ", "phường"), and tens of thousands of
# organisation names are sorted per report at national size.
@functools.lru_cache(maxsize=1 << 16)
def _syllable_key(word: str) -> tuple[int, tuple[int, ...], int]:
    tone = 0
    kept = []
    for ch in word:
        if ch in _TONE_RANK:
            tone = _TONE_RANK[ch]
        else:
            kept.append(ch)
    # Recompose what is left so ă â ê ô ơ ư become single letters again.
    base = unicodedata.normalize("NFC", "".join(kept))
    # Letters outside the alphabet (other scripts, stray marks) sort after z by code point.
    ranks = tuple(_LETTER_RANK.get(ch, len(_ALPHABET) + ord(ch)) for ch in base)
    return (1, ranks, tone)


def vi_sort_key(text: Any) -> tuple[tuple[Any, ...], ...]:
    """A sort key giving Vietnamese alphabetical order.

    Letters follow the Vietnamese alphabet (a ă â b c d đ e ê ... o ô ơ ... u ư ...); comparison is
    syllable by syllable, as in Vietnamese dictionaries, each syllable by its letters and then by
    its tone (none < huyền < hỏi < ngã < sắc < nặng). Case, NFC/NFD form and old/new tone placement
    ("hoà"/"hòa") make no difference, because the tone is read per syllable. Numbers compare by
    value ("Chi bộ 2" before "Chi bộ 10") and before words; punctuation is ignored.

    Unlike ICU's ``vi`` collation, which compares tones only after the letters of the whole
    string, a syllable's tone counts before the next syllable: "ba cá" sorts before "bà bò".

    Examples
    --------
    >>> sorted(["Đông", "Dung", "Ân", "An"], key=vi_sort_key)
    ['An', 'Ân', 'Dung', 'Đông']
    """
    if is_missing(text):
        return ()
    decomposed = unicodedata.normalize("NFD", str(text).casefold())
    key: list[tuple[Any, ...]] = []
    for token in _TOKEN.findall(decomposed):
        if token.isdigit():
            key.append((0, int(token)))
        else:
            key.append(_syllable_key(token))
    return tuple(key)


def sort_vi(frame: pd.DataFrame, column: Hashable, *, ascending: bool = True) -> pd.DataFrame:
    """``frame`` sorted by ``column`` in Vietnamese alphabetical order (stable; missing values last).

    Examples
    --------
    >>> sort_vi(pd.DataFrame({"name": ["Phường Đông Thọ", "Phường Điện Biên"]}), "name")["name"].tolist()
    ['Phường Điện Biên', 'Phường Đông Thọ']
    """
    values = frame[column]
    missing = values.isna().to_numpy(dtype=bool)
    present = np.flatnonzero(~missing)
    codes, uniques = pd.factorize(values.iloc[present])
    ranks = _vi_ranks(uniques.tolist())[codes]
    # A stable sort of the ranks (negated when descending) keeps equal names in their order, as
    # Python's sort with reverse=True does.
    order = present[np.argsort(ranks if ascending else -ranks, kind="stable")]
    return frame.iloc[np.concatenate([order, np.flatnonzero(missing)])]


# Recently ranked sets of values: value -> dense rank in Vietnamese order. The reports sort the
# same organisation names (or subsets of them) many times; the ranks of a superset order any
# subset the same way, so one ranking of every name serves them all.
_RANKED: list[dict[Any, int]] = []
_RANKED_KEEP: Final[int] = 4

# Collation bytes (see _word_collation): markers that put numbers before words, as vi_sort_key does.
_NUMBER: Final[bytes] = b"\x01"
_WORD: Final[bytes] = b"\x02"
_END_OF_LETTERS: Final[bytes] = b"\x00\x00\x00"


@functools.lru_cache(maxsize=1 << 17)
def _word_collation(word: str) -> bytes:
    """``vi_sort_key`` of a space-free piece of text, as bytes that compare in the same order.

    The bytes of the pieces of a text, concatenated, compare (as plain bytes) exactly as
    :func:`vi_sort_key` of the whole text does, and are equal exactly when the keys are equal:

    - a number is ``\x01``, its count of digits (4 bytes) and its digits without leading zeros,
      so numbers come before words and compare by value;
    - a syllable is ``\x02``, each letter's rank + 1 in 3 bytes, three zero bytes (lower than any
      letter, so "an" < "anh" as a shorter tuple is), then its tone rank;
    - a text that is a prefix of another is shorter, so it sorts first, like a shorter tuple.

    Splitting at spaces first is safe: no token of ``vi_sort_key`` contains a space, and case
    folding and NFD never move a character across one.
    """
    if word.isascii() and word.isdigit():
        # Most distinct words are numbers ("số 17"): the same bytes as below, without the regex.
        digits = word.lstrip("0").encode("ascii")
        return _NUMBER + len(digits).to_bytes(4, "big") + digits
    parts = []
    for token in _TOKEN.findall(unicodedata.normalize("NFD", word.casefold())):
        if token.isdigit():
            digits = str(int(token)).lstrip("0").encode("ascii")
            parts.append(_NUMBER + len(digits).to_bytes(4, "big") + digits)
        else:
            _, letters, tone = _syllable_key(token)
            ranks = b"".join((rank + 1).to_bytes(3, "big") for rank in letters)
            parts.append(_WORD + ranks + _END_OF_LETTERS + bytes([tone]))
    return b"".join(parts)


def _collation_keys(values: list[Any]) -> pa.Array:
    """Each of ``values`` (present) as one binary key that sorts as :func:`vi_sort_key` does.

    Only the distinct words go through Python (at national size ~24,000 words for 52,000
    names, most of them the numbers in "số 1", "số 2"...); splitting and joining stay in Arrow.
    """
    texts = pa.array([str(value) for value in values], type=pa.large_string())
    words = pc.split_pattern(texts, " ")
    distinct = pc.dictionary_encode(pc.list_flatten(words))
    word_keys = pa.array([_word_collation(word) for word in distinct.dictionary.to_pylist()], type=pa.binary())
    per_word = word_keys.take(distinct.indices)
    return pc.binary_join(pa.LargeListArray.from_arrays(words.offsets, per_word), b"")


def _vi_ranks(values: list[Any]) -> np.ndarray:
    """Dense rank of each of ``values`` (distinct) in Vietnamese order; equal sort keys share a rank."""
    for ranked in reversed(_RANKED):
        if all(value in ranked for value in values):
            return np.fromiter((ranked[value] for value in values), dtype=np.int64, count=len(values))
    if values:
        # Arrow sorts the binary keys bytewise, which is the order of vi_sort_key (see _word_collation).
        ranks = pc.rank(_collation_keys(values), tiebreaker="dense").to_numpy().astype(np.int64) - 1
    else:
        ranks = np.empty(0, dtype=np.int64)
    _RANKED.append(dict(zip(values, ranks.tolist(), strict=True)))
    del _RANKED[:-_RANKED_KEEP]
    return ranks
