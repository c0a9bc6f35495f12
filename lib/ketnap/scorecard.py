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
people, ``expected_people`` and ``gap_people`` follow the one rounding of :mod:`ketnap.rules`
(expected rounded *down*, shortfall a difference of whole numbers), as every other page does.

Whole year
----------
For a closed period (:attr:`ketnap.periods.Period.closed`: a finished year or quarter, or year to
date through December) "behind pace" means the target was missed and "no admissions" is final,
so the words change ("không đạt chỉ tiêu", "không kết nạp").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

import numpy as np
import pandas as pd

from ketnap import fmt
from ketnap.indicators import Stated, Text
from ketnap.labels import period_key, t
from ketnap.narrative import period_phrase
from ketnap.periods import Period, pace_share, parse_period
from ketnap.rules import expected_people, shortfall_people

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
    "sector_table",
    "summary_sentence",
    "with_display_columns",
    "with_total",
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


def _closed(period: Period | str) -> bool:
    """Whether ``period`` is closed (:attr:`ketnap.periods.Period.closed`): the words of results, not pace."""
    return parse_period(period).closed


def _quarter(period: Period | str) -> bool:
    """Whether ``period`` is a finished quarter: closed, but not the whole year (its target is a quarter's)."""
    parsed = parse_period(period)
    return parsed.closed and not parsed.whole_year


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
    whole = _closed(period)
    out = metrics.copy()
    has_target = ~out["flag_no_target"].astype(bool)
    share = pace_share(parse_period(period))
    out["expected_people"] = expected_people(out["target"], share).where(has_target)
    out["gap_people"] = shortfall_people(out["target"], out["admitted"], share).where(has_target)
    out["pace"] = _per_row(
        out, _PACE_FLAGS, lambda row: pace_status(row, whole_year=whole, lang=lang, quarter=_quarter(period))
    )
    out["flags"] = _per_row(
        out, FLAG_COLUMNS, lambda row: flag_words(row, whole_year=whole, lang=lang, quarter=_quarter(period))
    )
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


def pace_status(row: pd.Series, *, whole_year: bool = False, lang: str = "vi", quarter: bool = False) -> str:
    """One organisation's pace in words: "Đạt tiến độ", "Chưa đạt tiến độ" or "Chưa được giao chỉ tiêu".

    For a whole year (a closed period): "Đạt chỉ tiêu" / "Không đạt chỉ tiêu"; with ``quarter`` too
    (a finished quarter), "Đạt chỉ tiêu quý" / "Không đạt chỉ tiêu quý".

    Examples
    --------
    >>> pace_status(pd.Series({"flag_no_target": False, "flag_behind_pace": True}))
    'Chưa đạt tiến độ'
    """
    if _flag(row, "flag_no_target"):
        return t("scorecard.pace.no_target", lang)
    suffix = "_quarter" if whole_year and quarter else ""
    if _flag(row, "flag_behind_pace"):
        return t("scorecard.pace.missed" + suffix if whole_year else "scorecard.pace.behind", lang)
    return t("scorecard.pace.met" + suffix if whole_year else "scorecard.pace.on_pace", lang)


def flag_words(
    row: pd.Series, *, whole_year: bool = False, lang: str = "vi", sep: str = "; ", quarter: bool = False
) -> str:
    """The flags raised on one organisation as short words, "" when none (``quarter``: a finished quarter's).

    "Chưa kết nạp" already says "below 10%", so an organisation with no admissions is not also
    called below 10%.

    Examples
    --------
    >>> flag_words(pd.Series({"flag_behind_pace": True, "flag_no_admissions": True,
    ...                       "flag_below_10pct": True, "flag_none_2y": False}))
    'chưa đạt tiến độ; chưa kết nạp'
    """
    words = []
    if _flag(row, "flag_behind_pace"):
        missed = "scorecard.flag.missed_quarter" if quarter else "scorecard.flag.missed"
        words.append(t(missed if whole_year else "scorecard.flag.behind_pace", lang))
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


def flag_lists(
    metrics: pd.DataFrame, period: Period | str, *, lang: str = "vi", scope: str | None = None
) -> list[Text]:
    """One line per warning flag naming the organisations that carry it, in display order.

    Flags: no admissions in the year (to date), below 10% of the target (among those with some
    admissions: the others are in the first line), none for two years or more. A flag nobody
    carries reads "...: không có."

    ``scope`` is what the rows make up, all of it (``"city"`` or a sector code): each line then
    records its count as that scope's figure (``organisations_no_admissions``,
    ``organisations_below_10pct``, ``organisations_none_2y``); ``None`` (rows of unknown extent)
    records none.
    """
    _require(metrics, ("name", "flag_no_admissions", "flag_below_10pct", "flag_none_2y"), "flag_lists")
    whole = _closed(period)
    none = metrics["flag_no_admissions"].fillna(False).astype(bool)
    groups = [
        (
            period_key("scorecard.list.no_admissions_year", parse_period(period))
            if whole
            else "scorecard.list.no_admissions",
            "organisations_no_admissions",
            none,
        ),
        (
            period_key("scorecard.list.below_10pct", parse_period(period)),
            "organisations_below_10pct",
            metrics["flag_below_10pct"].fillna(False).astype(bool) & ~none,
        ),
        ("scorecard.list.none_2y", "organisations_none_2y", metrics["flag_none_2y"].fillna(False).astype(bool)),
    ]
    lines = []
    for key, code, mask in groups:
        said = Stated(scope, parse_period(period).label, lang)
        label = t(key, lang)
        names = metrics.loc[mask, "name"].astype(str).tolist()
        if names:
            lines.append(
                said.text(
                    t(
                        "scorecard.list.some",
                        lang,
                        label=label,
                        count=said(code, len(names)),
                        names=_name_list(names, lang),
                    )
                )
            )
        else:
            lines.append(Text(t("scorecard.list.empty", lang, label=label)))
    return lines


def pace_note(period: Period | str, *, key: str, lang: str = "vi") -> str:
    """A note under a table or chart that states the pace, e.g. "... (tiến độ là 16,7% chỉ tiêu năm)".

    ``key`` is a catalog key with a ``{pace}`` field; for a whole year ``<key>_year`` is used
    instead (it has no pace: the target itself is the yardstick).
    """
    if _closed(period):
        return t(period_key(f"{key}_year", parse_period(period)), lang)
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
    whole = _closed(period)
    table = sectors.set_index("sector")
    out = fmt.sort_vi(metrics, "name").copy()
    order = out["sector"].map(table["order"]).astype(float).fillna(np.inf)
    out = out.iloc[np.argsort(order.to_numpy(), kind="stable")]
    out["sector_name"] = out["sector"].map(table["name_vi" if lang == "vi" else "name_en"]).fillna(out["sector"])
    out["pace"] = _per_row(
        out, _PACE_FLAGS, lambda row: pace_status(row, whole_year=whole, lang=lang, quarter=_quarter(period))
    )
    if "flag_not_reported" in out.columns:
        out = _not_reported_shown(out.copy(), ("admitted", "attainment_pct"), lang)
    return out[SCORECARD_COLUMNS]


def summary_sentence(
    metrics: pd.DataFrame, period: Period | str, *, lang: str = "vi", scope: str | None = None
) -> Text:
    """The sentence above the scorecard: organisations behind pace and with no admissions.

    Example (2024-02): "Trong 2 tháng đầu năm 2024, trong 108 tổ chức cơ sở đảng được giao chỉ tiêu,
    có 46 tổ chức chưa đạt tiến độ kết nạp; 12 tổ chức chưa kết nạp được đảng viên nào."

    ``scope`` is what the rows make up, all of it (``"city"`` or a sector code): the sentence then
    records ``organisations_with_target``, ``organisations_behind_pace`` and
    ``organisations_no_admissions`` for it; ``None`` (rows of unknown extent) records none.
    """
    counts = flag_counts(metrics)
    without = counts["organisations"] - counts["with_target"]
    said = Stated(scope, parse_period(period).label, lang)
    key = (
        period_key("report.organisations.summary_year", parse_period(period))
        if _closed(period)
        else "report.organisations.summary"
    )
    return said.text(
        t(
            key,
            lang,
            when=period_phrase(period, lang),
            behind=said("organisations_behind_pace", counts["behind_pace"]),
            with_target=said("organisations_with_target", counts["with_target"]),
            none=said("organisations_no_admissions", counts["no_admissions"]),
            no_target=t("report.organisations.no_target", lang, count=fmt.integer(without, lang)) if without else "",
        )
    )


#: Columns a total row adds up (those present); ``attainment_pct`` is recomputed from the sums.
TOTAL_COLUMNS: Final[tuple[str, ...]] = (
    "organisations", "admitted", "admitted_ytd", "target", "expected_people", "gap_people", "gap",
    "trained", "training_plan", "organisations_with_trainees",
)  # fmt: skip


def with_total(frame: pd.DataFrame, *, lang: str = "vi", key: str = "table.total") -> pd.DataFrame:
    """``frame`` with a last row adding up its counts and targets, named by the label ``key``.

    The attainment of the row is its admissions over its targets (where it has any); flags, rank
    and dates stay blank. Every table by sector or organisation ends with one.

    Examples
    --------
    >>> rows = pd.DataFrame({"name": ["A", "B"], "admitted": [3, 1], "target": [4.0, np.nan],
    ...                      "attainment_pct": [75.0, np.nan]})
    >>> [str(v) if isinstance(v, str) else float(v) for v in with_total(rows).iloc[-1][["name", "admitted",
    ...                                                                   "target", "attainment_pct"]]]
    ['Cộng', 4.0, 4.0, 100.0]
    """
    row: dict[str, object] = {"name": t(key, lang)}
    for column in TOTAL_COLUMNS:
        if column in frame.columns:
            row[column] = pd.to_numeric(frame[column], errors="coerce").sum(min_count=1)
    if {"admitted", "target", "attainment_pct"} <= set(frame.columns):
        # As a sector's own attainment (ketnap.metrics): all its admissions over the sum of its targets.
        target = pd.to_numeric(frame["target"], errors="coerce").sum()
        row["attainment_pct"] = pd.to_numeric(frame["admitted"]).sum() / target * 100 if target > 0 else np.nan
    total = pd.DataFrame([row], index=pd.Index(["total"], name=frame.index.name))
    return pd.concat([frame, total.astype({c: "float64" for c in total.columns if c != "name"})])


def sector_table(by_sector: pd.DataFrame, city: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """The sectors, their total against the targets assigned, then the city against its own target.

    The two last rows put the sum of the assigned targets and the city's target side by side
    (:func:`ketnap.narrative.targets_sentence` says why the percentages differ).
    """
    city = city.assign(name=t("table.total_city", lang))
    return pd.concat([with_total(by_sector, lang=lang, key="table.total_sectors"), city[by_sector.columns]])
