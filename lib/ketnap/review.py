"""The annual review for the grading of party organisations: what the ``annual-review`` report computes.

What lives here: each organisation's admissions result of a calendar year against its target
(met, missed, no target; by how many people; against last year), the count per sector, and the
small helpers the report needs (the year parameter, whether the data cover the year, the row
class of a missed target). Every function is pure: nothing reads files or draws. The metrics
themselves are :mod:`ketnap.metrics`; the training class and full membership are
:mod:`ketnap.training`; the signed difference is shown with :func:`ketnap.fmt.signed`.

Method (documented once, here)
------------------------------
Annual review
    :func:`annual_review` is :func:`ketnap.metrics.metrics` by organisation for the full year,
    with the grading status: *met* (admitted ≥ target), *missed* (admitted < target) or
    *no_target* (no target, or a target of 0). ``difference = admitted − target``: positive is
    over the target, negative under it. ``change`` is against the previous year's admissions;
    missing for an organisation that did not exist then.
"""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from ketnap import fmt
from ketnap.indicators import Stated, Text
from ketnap.io import Tables
from ketnap.labels import t
from ketnap.metrics import metrics

__all__ = [
    "ANNUAL_REVIEW_COLUMNS",
    "annual_review",
    "annual_summary",
    "flag_missed",
    "parse_year",
    "summary_sentence",
    "year_complete",
]

#: Columns of :func:`annual_review`.
ANNUAL_REVIEW_COLUMNS: Final[list[str]] = [
    "sector", "sector_name", "org_code", "name", "target", "admitted", "attainment_pct",
    "status", "status_label", "difference", "admitted_last_year", "change", "created_in_year",
]  # fmt: skip

_STATUSES: Final[tuple[str, ...]] = ("met", "missed", "no_target")


def parse_year(year: int | str) -> int:
    """A year given as ``2023`` or ``"2023"`` (papermill passes the build's period as text).

    Raises
    ------
    ValueError
        When ``year`` is not four digits.

    Examples
    --------
    >>> parse_year(" 2023"), parse_year(2023)
    (2023, 2023)
    """
    text = str(year).strip()
    if len(text) != 4 or not text.isdigit():
        raise ValueError(f"invalid year {year!r}; expected four digits, e.g. 2023")
    return int(text)


def year_complete(tables: Tables, year: int | str) -> bool:
    """Whether the data reach 31 December of ``year`` (``tables.as_of`` on or after it)."""
    return bool(tables.as_of >= pd.Timestamp(parse_year(year), 12, 31))


def annual_review(tables: Tables, year: int | str, *, lang: str = "vi") -> pd.DataFrame:
    """Each organisation's admissions result of ``year``, for the annual grading.

    Parameters
    ----------
    tables : Tables
    year : int or str
        The calendar year (``2023`` or ``"2023"``).
    lang : {"vi", "en"}
        Language of ``sector_name`` and ``status_label``.

    Returns
    -------
    pandas.DataFrame
        :data:`ANNUAL_REVIEW_COLUMNS`, one row per organisation active in the year or admitting in
        it, in display order (sector, then Vietnamese alphabetical name): ``target`` (NaN when
        none or 0), ``admitted``, ``attainment_pct``, ``status`` (``met``, ``missed``,
        ``no_target``) and its ``status_label``, ``difference`` (admitted − target; NaN without a
        target), ``admitted_last_year`` (NaN when the organisation did not exist then),
        ``change`` (admitted − admitted_last_year) and ``created_in_year`` (founded within the
        year, so judged on part of it).
    """
    year = parse_year(year)
    orgs = metrics(tables, str(year), by="organisation", lang=lang)
    target = orgs["target"].astype(float).where(~orgs["flag_no_target"])
    admitted = orgs["admitted"].astype(int)
    status = np.select([orgs["flag_no_target"], admitted >= target], ["no_target", "met"], "missed")
    sectors = tables.sectors.set_index("sector")["name_vi" if lang == "vi" else "name_en"]
    founded = tables.organisations.set_index("org_code")["active_from"].reindex(orgs["org_code"])
    last_year = orgs["admitted_last_year"].astype(float)
    out = pd.DataFrame(
        {
            "sector": orgs["sector"].astype(object).to_numpy(),
            "sector_name": orgs["sector"].map(sectors).astype(object).to_numpy(),
            "org_code": orgs["org_code"].astype(object).to_numpy(),
            "name": orgs["name"].astype(object).to_numpy(),
            "target": target.to_numpy(),
            "admitted": admitted.to_numpy(),
            "attainment_pct": orgs["attainment_pct"].astype(float).to_numpy(),
            "status": status,
            "status_label": [t(f"review.result.{s}", lang) for s in status],
            "difference": (admitted - target).to_numpy(),
            "admitted_last_year": last_year.to_numpy(),
            "change": (admitted - last_year).to_numpy(),
            "created_in_year": (founded.dt.year == year).to_numpy(),
        }
    )
    return out[ANNUAL_REVIEW_COLUMNS]


def annual_summary(review: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """How many organisations met their target, missed it or had none: per sector and in total.

    Parameters
    ----------
    review : pandas.DataFrame
        A result of :func:`annual_review`.
    lang : {"vi", "en"}
        Language of the total row's name.

    Returns
    -------
    pandas.DataFrame
        ``sector``, ``name``, ``organisations``, ``met``, ``missed``, ``no_target``, ``admitted``,
        ``admitted_last_year`` (NaN when no organisation of the row has last year's figure),
        ``shortfall`` (people short summed over the organisations that missed) and ``is_total``;
        one row per sector present, in the review's order, then the total.
    """
    groups = review.groupby("sector", sort=False)
    rows = []
    for sector, part in [*groups, (None, review)]:
        rows.append(
            {
                "sector": sector,
                # The total adds up the targets assigned, which differ from the city's own target.
                "name": part["sector_name"].iloc[0] if sector is not None else t("table.total_sectors", lang),
                "organisations": len(part),
                **{s: int((part["status"] == s).sum()) for s in _STATUSES},
                "admitted": int(part["admitted"].sum()),
                "target": part["target"].sum(min_count=1),
                "attainment_pct": part["admitted"].sum() / part["target"].sum() * 100
                if part["target"].sum() > 0
                else float("nan"),
                "admitted_last_year": part["admitted_last_year"].sum(min_count=1),
                "shortfall": int(-part.loc[part["status"] == "missed", "difference"].sum()),
                "is_total": sector is None,
            }
        )
    # The total row is indexed "total", as ketnap.scorecard.with_total's: a sum of the sectors, whose
    # targets are those assigned, not the city's own figures (ketnap.present records no figure for it).
    return pd.DataFrame(rows, index=pd.Index([r["sector"] or "total" for r in rows]))


def summary_sentence(summary: pd.DataFrame, year: int | str, *, lang: str = "vi") -> Text:
    """The sentence under the annual review's headline: organisations with a target, met, missed, none.

    ``summary`` is :func:`annual_summary` of the city's :func:`annual_review`; its total row speaks
    for every organisation of the year, so the sentence records the city's ``organisations``,
    ``organisations_with_target`` and ``organisations_behind_pace`` (a finished year: those that
    missed the target). The people short in all is a sum over organisations, no scope's figure.

    Examples
    --------
    >>> rows = pd.DataFrame({"organisations": [3], "met": [1], "missed": [1], "no_target": [1],
    ...                      "shortfall": [1], "is_total": [True]}, index=["total"])
    >>> text = summary_sentence(rows, 2023)
    >>> text[:76]
    'Năm 2023, trong 3 tổ chức cơ sở đảng có 2 tổ chức được giao chỉ tiêu kết nạp'
    >>> [(f["code"], f["value"]) for f in text.figures]
    [('organisations', 3), ('organisations_with_target', 2), ('organisations_behind_pace', 1)]
    """
    year = parse_year(year)
    total = summary[summary["is_total"].astype(bool)].iloc[0]
    said = Stated("city", str(year), lang)
    return said.text(
        t(
            "review.summary.sentence",
            lang,
            year=year,
            total=said("organisations", total["organisations"]),
            with_target=said("organisations_with_target", total["met"] + total["missed"]),
            met=fmt.integer(total["met"], lang),
            missed=said("organisations_behind_pace", total["missed"]),
            shortfall=fmt.integer(total["shortfall"], lang),
            no_target=fmt.integer(total["no_target"], lang),
        )
    )


def flag_missed(row: pd.Series) -> str:
    """``present.table`` row class for :func:`annual_review` rows: highlight a missed target."""
    return "flag-behind" if row.get("status") == "missed" else ""
