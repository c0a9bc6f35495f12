"""Organisation-level tables for the sector and scorecard reports, built from :func:`ketnap.metrics.metrics`.

What lives here: pure ``DataFrame -> DataFrame`` (or ``-> str``) functions that turn the
organisation rows of :func:`ketnap.metrics.metrics` into what the ``sector`` and ``organisations``
notebooks show: display-ready flag words, pace status, gaps in whole people, the ranking order,
the scorecard of every organisation, and the short texts above them. Report notebooks may not
define functions, so the row-class callback for :func:`ketnap.present.table` lives here too
(:func:`behind_row_class`).

What does not: computing metrics and selecting the organisations behind pace
(:func:`ketnap.metrics.behind_pace`), sentences about the city or a sector
(``ketnap.narrative``), HTML (``ketnap.present``) and charts (``ketnap.charts``).

Whole people
------------
Pace gives fractional people (a target of 25 by the end of February expects 4,17). Shown as
people, ``expected`` and ``gap`` are rounded *up*, as :func:`ketnap.narrative.behind_pace_sentence`
does: ``expected_people = ceil(expected)`` and ``gap_people = max(ceil(gap), 0)``. Because
admissions are whole, ``gap_people = max(expected_people - admitted, 0)``, so the two columns
agree when read side by side.

Whole year
----------
For a period covering the whole year (:func:`ketnap.periods.is_whole_year`: a year, or year to
date through December) "behind pace" means the target was missed and "no admissions" is final,
so the words change ("không đạt chỉ tiêu", "không kết nạp").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np
import pandas as pd

from ketnap import fmt
from ketnap.labels import t
from ketnap.narrative import period_phrase
from ketnap.periods import Period, is_whole_year, pace_share, parse_period

__all__ = [
    "BEHIND_CLASS",
    "FLAG_COLUMNS",
    "SCORECARD_COLUMNS",
    "behind_row_class",
    "flag_counts",
    "flag_lists",
    "flag_words",
    "pace_note",
    "pace_status",
    "ranked",
    "scorecard",
    "summary_sentence",
    "with_display_columns",
]

#: CSS class of a behind-pace row (styled in the report template).
BEHIND_CLASS: Final[str] = "flag-behind"

#: The flag columns of :func:`ketnap.metrics.metrics` shown as words, in the order they are listed.
FLAG_COLUMNS: Final[tuple[str, ...]] = (
    "flag_behind_pace",
    "flag_no_admissions",
    "flag_below_10pct",
    "flag_none_2y",
)

#: Columns of :func:`scorecard`, in order.
SCORECARD_COLUMNS: Final[list[str]] = [
    "sector", "sector_name", "org_code", "name", "target", "admitted", "attainment_pct",
    "flag_behind_pace", "pace", "trained", "last_admission",
]  # fmt: skip

#: The flags :func:`pace_status` reads.
_PACE_FLAGS: Final[tuple[str, ...]] = ("flag_no_target", "flag_behind_pace")

_METRIC_COLUMNS: Final[tuple[str, ...]] = (
    "sector", "org_code", "name", "target", "admitted", "attainment_pct", "expected", "gap",
    "flag_no_target", *FLAG_COLUMNS,
)  # fmt: skip


def _require(frame: pd.DataFrame, columns: tuple[str, ...] | list[str], where: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{where}: missing column(s) {missing}")


def _flag(row: pd.Series, column: str) -> bool:
    value = row[column]
    return False if fmt.is_missing(value) else bool(value)


def _flags(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A flag column as booleans, missing = False (as :func:`_flag` reads one row)."""
    values = frame[column]
    present = values.notna().to_numpy(dtype=bool)
    out = np.zeros(len(values), dtype=bool)
    out[present] = values[present].astype(bool).to_numpy()
    return out


def _per_row(frame: pd.DataFrame, columns: tuple[str, ...], words: Callable[[pd.Series], str]) -> list[str]:
    """``words(row)`` for every row, computed once per combination of the flags in ``columns``.

    The words depend on the flags only, so at most 2**len(columns) calls replace one per row
    (an ``iterrows`` over 50,000 organisations took seconds).
    """
    if frame.empty:
        return []
    bits = np.column_stack([_flags(frame, c) for c in columns])
    combination = bits @ (1 << np.arange(len(columns)))
    text = {
        int(code): words(pd.Series(dict(zip(columns, bits[row], strict=True))))
        for code, row in zip(*np.unique(combination, return_index=True), strict=True)
    }
    return [text[code] for code in combination.tolist()]


def _whole_people_up(values: pd.Series) -> pd.Series:
    # Rounded first so 4.0000000001 (float noise) is 4 people, not 5.
    return np.ceil(pd.to_numeric(values, errors="coerce").astype(float).round(9))


def with_display_columns(metrics: pd.DataFrame, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """The organisation metrics with the display columns the reports' tables show.

    Parameters
    ----------
    metrics : pandas.DataFrame
        Organisation rows of :func:`ketnap.metrics.metrics`.
    period : Period or str
        The period they were computed for (chooses in-year or whole-year wording).
    lang : {"vi", "en"}

    Returns
    -------
    pandas.DataFrame
        A copy with ``expected_people`` and ``gap_people`` (whole people, rounded up; see the
        module docstring; NaN without a target), ``pace`` (:func:`pace_status`) and ``flags``
        (:func:`flag_words`) added.
    """
    _require(metrics, _METRIC_COLUMNS, "with_display_columns")
    whole = is_whole_year(period)
    out = metrics.copy()
    has_target = ~out["flag_no_target"].astype(bool)
    out["expected_people"] = _whole_people_up(out["expected"]).where(has_target)
    # "+ 0.0" turns the -0.0 that ceil gives for gaps in (-1, 0] into 0.0, which prints without a sign.
    out["gap_people"] = (_whole_people_up(out["gap"]).clip(lower=0) + 0.0).where(has_target)
    out["pace"] = _per_row(out, _PACE_FLAGS, lambda row: pace_status(row, whole_year=whole, lang=lang))
    out["flags"] = _per_row(out, FLAG_COLUMNS, lambda row: flag_words(row, whole_year=whole, lang=lang))
    return _not_reported_shown(out, ("admitted", "attainment_pct", "gap_people", "rank_in_sector"), lang)


def _not_reported_shown(out: pd.DataFrame, blank: tuple[str, ...], lang: str) -> pd.DataFrame:
    """Rows whose return for the period is missing (``flag_not_reported``) read "chưa báo cáo", never a figure.

    Their ``blank`` columns become missing (shown as "–", not 0), ``pace`` and ``flags`` say
    "Chưa báo cáo". Frames without such a row are returned untouched.
    """
    if "flag_not_reported" not in out.columns or not out["flag_not_reported"].fillna(False).astype(bool).any():
        return out
    missing = out["flag_not_reported"].fillna(False).astype(bool)
    for column in blank:
        if column in out.columns:
            out[column] = out[column].astype("float64").where(~missing)
    if "pace" in out.columns:
        out.loc[missing, "pace"] = t("returns.status.missing", lang)
    if "flags" in out.columns:
        out.loc[missing, "flags"] = t("returns.flag.not_reported", lang)
    return out


def pace_status(row: pd.Series, *, whole_year: bool = False, lang: str = "vi") -> str:
    """One organisation's pace in words: "Đạt tiến độ", "Chậm tiến độ" or "Không giao chỉ tiêu".

    For a whole year: "Đạt chỉ tiêu" / "Không đạt chỉ tiêu".

    Examples
    --------
    >>> pace_status(pd.Series({"flag_no_target": False, "flag_behind_pace": True}))
    'Chậm tiến độ'
    """
    if _flag(row, "flag_no_target"):
        return t("scorecard.pace.no_target", lang)
    if _flag(row, "flag_behind_pace"):
        return t("scorecard.pace.missed" if whole_year else "scorecard.pace.behind", lang)
    return t("scorecard.pace.met" if whole_year else "scorecard.pace.on_pace", lang)


def flag_words(row: pd.Series, *, whole_year: bool = False, lang: str = "vi", sep: str = "; ") -> str:
    """The flags raised on one organisation as short words, "" when none.

    "Chưa kết nạp" already says "below 10%", so an organisation with no admissions is not also
    called below 10%.

    Examples
    --------
    >>> flag_words(pd.Series({"flag_behind_pace": True, "flag_no_admissions": True,
    ...                       "flag_below_10pct": True, "flag_none_2y": False}))
    'chậm tiến độ; chưa kết nạp'
    """
    words = []
    if _flag(row, "flag_behind_pace"):
        words.append(t("scorecard.flag.missed" if whole_year else "scorecard.flag.behind_pace", lang))
    none = _flag(row, "flag_no_admissions")
    if none:
        key = "scorecard.flag.no_admissions_year" if whole_year else "scorecard.flag.no_admissions"
        words.append(t(key, lang))
    if _flag(row, "flag_below_10pct") and not none:
        words.append(t("scorecard.flag.below_10pct", lang))
    if _flag(row, "flag_none_2y"):
        words.append(t("scorecard.flag.none_2y", lang))
    return sep.join(words)


def behind_row_class(row: pd.Series) -> str:
    """``row_class`` for :func:`ketnap.present.table`: :data:`BEHIND_CLASS` on behind-pace rows."""
    return BEHIND_CLASS if _flag(row, "flag_behind_pace") else ""


def ranked(metrics: pd.DataFrame) -> pd.DataFrame:
    """Organisations in ranking order: by ``rank_in_sector``, ties in Vietnamese name order.

    Organisations without a target (no rank) come last, most admissions first, then by name.

    Parameters
    ----------
    metrics : pandas.DataFrame
        Organisation rows with ``name``, ``admitted``, ``rank_in_sector`` (NaN = no target).

    Returns
    -------
    pandas.DataFrame
        The same rows, reordered.
    """
    _require(metrics, ("name", "admitted", "rank_in_sector"), "ranked")
    by_name = fmt.sort_vi(metrics, "name")
    has_rank = by_name["rank_in_sector"].notna()
    with_rank = by_name[has_rank].sort_values("rank_in_sector", kind="stable")
    without = by_name[~has_rank].sort_values("admitted", ascending=False, kind="stable")
    return pd.concat([with_rank, without])


def flag_counts(metrics: pd.DataFrame) -> dict[str, int]:
    """How many organisations there are, have a target, and carry each flag.

    Returns
    -------
    dict
        ``organisations``, ``with_target``, and for each of :data:`FLAG_COLUMNS` its name without
        the ``flag_`` prefix (``behind_pace``, ``no_admissions``, ``below_10pct``, ``none_2y``).
    """
    _require(metrics, ("flag_no_target", *FLAG_COLUMNS), "flag_counts")
    counts = {
        "organisations": len(metrics),
        "with_target": int((~metrics["flag_no_target"].astype(bool)).sum()),
    }
    for column in FLAG_COLUMNS:
        counts[column.removeprefix("flag_")] = int(metrics[column].fillna(False).astype(bool).sum())
    return counts


#: Names listed in one line of :func:`flag_lists` before "and N more".
MAX_LISTED = 30


def _name_list(names: list[str], lang: str) -> str:
    if len(names) <= MAX_LISTED:
        return ", ".join(names)
    more = t("list.more", lang, count=fmt.integer(len(names) - MAX_LISTED, lang))
    return ", ".join(names[:MAX_LISTED]) + " " + more


def flag_lists(metrics: pd.DataFrame, period: Period | str, *, lang: str = "vi") -> list[str]:
    """One line per warning flag naming the organisations that carry it, in display order.

    Flags: no admissions in the year (to date), below 10% of the target (among those with some
    admissions: the others are in the first line), none for two years or more. A flag nobody
    carries reads "...: không có."
    """
    _require(metrics, ("name", "flag_no_admissions", "flag_below_10pct", "flag_none_2y"), "flag_lists")
    whole = is_whole_year(period)
    none = metrics["flag_no_admissions"].fillna(False).astype(bool)
    groups = [
        (
            "scorecard.list.no_admissions_year" if whole else "scorecard.list.no_admissions",
            none,
        ),
        ("scorecard.list.below_10pct", metrics["flag_below_10pct"].fillna(False).astype(bool) & ~none),
        ("scorecard.list.none_2y", metrics["flag_none_2y"].fillna(False).astype(bool)),
    ]
    lines = []
    for key, mask in groups:
        label = t(key, lang)
        names = metrics.loc[mask, "name"].astype(str).tolist()
        if names:
            lines.append(
                t(
                    "scorecard.list.some",
                    lang,
                    label=label,
                    count=fmt.integer(len(names), lang),
                    names=_name_list(names, lang),
                )
            )
        else:
            lines.append(t("scorecard.list.empty", lang, label=label))
    return lines


def pace_note(period: Period | str, *, key: str, lang: str = "vi") -> str:
    """A note under a table or chart that states the pace, e.g. "... (tiến độ là 16,7% chỉ tiêu năm)".

    ``key`` is a catalog key with a ``{pace}`` field; for a whole year ``<key>_year`` is used
    instead (it has no pace: the target itself is the yardstick).
    """
    if is_whole_year(period):
        return t(f"{key}_year", lang)
    return t(key, lang, pace=fmt.pct(pace_share(parse_period(period)) * 100, lang))


def scorecard(metrics: pd.DataFrame, sectors: pd.DataFrame, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """One row per grassroots organisation for the scorecard, in sector order then Vietnamese name order.

    Parameters
    ----------
    metrics : pandas.DataFrame
        Organisation rows of :func:`ketnap.metrics.metrics` (any sectors).
    sectors : pandas.DataFrame
        The sectors table (``sector``, ``order``, ``name_vi``, ``name_en``).
    period : Period or str
        The period of ``metrics`` (chooses the pace wording).
    lang : {"vi", "en"}

    Returns
    -------
    pandas.DataFrame
        :data:`SCORECARD_COLUMNS`: ``sector_name`` in ``lang``, ``pace`` as words
        (:func:`pace_status`), ``flag_behind_pace`` kept for :func:`behind_row_class`. Sectors
        not in ``sectors`` come last.
    """
    needed = ("sector", "org_code", "name", "target", "admitted", "attainment_pct",
              "flag_no_target", "flag_behind_pace", "trained", "last_admission")  # fmt: skip
    _require(metrics, needed, "scorecard")
    _require(sectors, ("sector", "order", "name_vi", "name_en"), "scorecard (sectors)")
    whole = is_whole_year(period)
    table = sectors.set_index("sector")
    out = fmt.sort_vi(metrics, "name").copy()
    order = out["sector"].map(table["order"]).astype(float).fillna(np.inf)
    out = out.iloc[np.argsort(order.to_numpy(), kind="stable")]
    out["sector_name"] = out["sector"].map(table["name_vi" if lang == "vi" else "name_en"]).fillna(out["sector"])
    out["pace"] = _per_row(out, _PACE_FLAGS, lambda row: pace_status(row, whole_year=whole, lang=lang))
    if "flag_not_reported" in out.columns:
        out = _not_reported_shown(out.copy(), ("admitted", "attainment_pct"), lang)
    return out[SCORECARD_COLUMNS]


def summary_sentence(metrics: pd.DataFrame, period: Period | str, *, lang: str = "vi") -> str:
    """The sentence above the scorecard: organisations behind pace and with no admissions.

    Example (2024-02): "Trong 2 tháng đầu năm 2024, trong 111 tổ chức cơ sở đảng có 60/108 tổ chức
    được giao chỉ tiêu chậm tiến độ kết nạp và 12 tổ chức chưa kết nạp được đảng viên nào."
    """
    counts = flag_counts(metrics)
    key = "report.organisations.summary_year" if is_whole_year(period) else "report.organisations.summary"
    return t(
        key,
        lang,
        when=period_phrase(period, lang),
        total=fmt.integer(counts["organisations"], lang),
        behind=fmt.integer(counts["behind_pace"], lang),
        with_target=fmt.integer(counts["with_target"], lang),
        none=fmt.integer(counts["no_admissions"], lang),
    )
