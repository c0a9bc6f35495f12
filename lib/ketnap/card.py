"""One organisation's card: what its secretary needs on one page, for one period.

What lives here: the data of the organisation card (``notebooks/organisation-card.ipynb``,
published as ``reports/<period>/organisations/<org_code>.html``), computed from a
:class:`ketnap.io.Tables` by pure functions. Nothing is read from disk and nothing is drawn: the
chart is :func:`ketnap.card_chart.months_vs_plan`, the page the notebook's. Every admissions figure
comes from :func:`ketnap.metrics.metrics` at organisation level, the very row the organisations and
sector reports show, so a card cannot disagree with them.

Methods (documented once, here)
-------------------------------
Organisations with a card
    :func:`card_codes`: the organisations of :func:`ketnap.metrics.metrics` for the period (active
    at some point in it, or admitting in it), in display order.
Month by month
    :func:`months`: for each month of the period, the admissions of the month, the organisation's
    own monthly plan for it (``monthly_plans``; NaN where it has none), both cumulated from the
    period's first month.
Rank within the sector
    ``rank_in_sector`` of :func:`ketnap.metrics.metrics` (1 = highest attainment, ties share the
    best rank), out of the organisations of the sector that have a target.
Candidate pool
    People certified by the awareness training class, sent by this organisation, with a certificate
    dated on or before the period's end, and not admitted (by any organisation) on or before that
    day: the ``trained_not_admitted``, against ``remaining = max(target − admitted_ytd, 0)``.
Due for full membership
    :func:`ketnap.training.due_for_full_membership` for this organisation (its counts).
Returns
    :func:`returns`: the organisation's row of ``return_months`` for each month from January to the
    period's last month: status, deadline, when the return used arrived. Empty when the returns
    register knows nothing of the year.

Privacy: a card carries counts of the organisation as a whole and no composition of its new
members (women, ethnic minorities, …): one organisation admits too few people a year for any such
breakdown to pass :mod:`ketnap.privacy`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import pandas as pd

from ketnap import fmt
from ketnap.io import Tables
from ketnap.labels import t
from ketnap.metrics import metrics, monthly_series
from ketnap.periods import Period, as_at, parse_period
from ketnap.present import Card, figure_card
from ketnap.training import due_for_full_membership

__all__ = [
    "MONTH_COLUMNS",
    "MONTH_LABELS",
    "RETURN_COLUMNS",
    "OrgCard",
    "card_codes",
    "fact_cards",
    "has_plan",
    "headline_cards",
    "months",
    "org_card",
    "pool",
    "returns",
]

#: Columns of :func:`months`.
MONTH_COLUMNS: Final[list[str]] = ["month", "admitted", "planned", "cumulative", "plan_cumulative"]

#: The month table's short headings (``present.table(labels=...)``): the card is read on a phone.
MONTH_LABELS: Final[dict[str, str]] = {
    "admitted": "card.column.admitted",
    "return_status": "card.column.return_status",
}

#: Columns of :func:`returns`.
RETURN_COLUMNS: Final[list[str]] = ["month", "status", "return_status", "return_due", "received_at", "version"]


@dataclass(frozen=True)
class OrgCard:
    """The figures of one organisation's card for one period (see the module docstring).

    ``row`` is the organisation's :func:`ketnap.metrics.metrics` row as a dict; ``last_year`` the
    row of the previous full year (``None`` when the organisation was not in it). When its return
    for the period is missing (``not_reported``), ``admitted``, ``attainment_pct`` and the rank
    are NaN and ``remaining`` is -1: a missing return is not zero. ``months`` the
    rows of :func:`months` with each month's return beside them (``return_status`` and
    ``received_at`` from :func:`returns`, blank where the register knows nothing).
    """

    org_code: str
    name: str
    sector: str
    sector_name: str
    period: Period
    row: dict[str, Any]
    rank: int | None
    ranked: int
    last_year: dict[str, Any] | None
    months: pd.DataFrame
    trained_not_admitted: int
    remaining: int | None
    due: dict[str, int]
    returns: pd.DataFrame
    not_reported: bool = False


def _cut(tables: Tables, period: Period | str) -> Period:
    return as_at(parse_period(period), tables.manifest.get("as_of"))


def card_codes(tables: Tables, period: Period | str) -> list[str]:
    """The organisations that get a card for ``period``, in display order (sector, then name)."""
    return [str(code) for code in metrics(tables, _cut(tables, period), by="organisation").index]


def months(tables: Tables, period: Period | str, org_code: str) -> pd.DataFrame:
    """Admissions and the organisation's own plan, month by month over ``period``.

    Returns
    -------
    pandas.DataFrame
        :data:`MONTH_COLUMNS`: ``month`` (first day), ``admitted``, ``planned`` (the month's plan,
        NaN without one), ``cumulative`` and ``plan_cumulative`` from the period's first month.
    """
    series = monthly_series(tables, _cut(tables, period), org_code=org_code)
    plan_cumulative = series["plan_cumulative"].astype(float)
    planned = plan_cumulative.diff()
    if len(planned):
        planned.iloc[0] = plan_cumulative.iloc[0]
    return pd.DataFrame(
        {
            "month": series["month"],
            "admitted": series["admitted"].astype(int),
            "planned": planned,
            "cumulative": series["cumulative"].astype(int),
            "plan_cumulative": plan_cumulative,
        }
    )[MONTH_COLUMNS]


def pool(tables: Tables, period: Period | str, org_code: str) -> int:
    """People trained (sent by ``org_code``) by the period's end and not admitted by then.

    >>> from ketnap.io import Tables, empty_table
    >>> frames = {n: empty_table(n) for n in ("sectors", "organisations", "targets", "monthly_plans",
    ...           "admissions", "training", "conversions")}
    >>> frames["training"] = pd.DataFrame({"person_key": ["a", "b", "b"], "org_code": ["O1"] * 3,
    ...     "completion_date": pd.to_datetime(["2023-05-01", "2023-06-01", "2023-07-01"])})
    >>> frames["admissions"] = pd.DataFrame({"person_key": ["a"], "org_code": ["O9"],
    ...     "admission_date": pd.to_datetime(["2024-01-10"])})
    >>> pool(Tables(**frames, manifest={"as_of": "2024-02-29"}), "2024-02", "O1"), pool(
    ...     Tables(**frames, manifest={"as_of": "2024-02-29"}), "2023", "O1")
    (1, 2)
    """
    end = pd.Timestamp(_cut(tables, period).end) + pd.Timedelta(days=1)
    training = tables.training
    trained = training.loc[(training["org_code"] == org_code) & (training["completion_date"] < end), "person_key"]
    admissions = tables.admissions
    admitted = set(admissions.loc[admissions["admission_date"] < end, "person_key"])
    return len(set(trained) - admitted)


def returns(tables: Tables, period: Period | str, org_code: str, *, lang: str = "vi") -> pd.DataFrame:
    """The organisation's return for each month from January to the period's last month.

    Returns
    -------
    pandas.DataFrame
        :data:`RETURN_COLUMNS`: ``month`` (first day), ``status`` (``on_time``, ``late``,
        ``missing``, ``not_expected``), ``return_status`` (in words), ``return_due`` (the
        deadline), ``received_at`` (when the return used arrived) and ``version``.
    """
    parsed = _cut(tables, period)
    rows = tables.return_months
    mine = rows[(rows["org_code"] == org_code) & (rows["year"] == parsed.year) & (rows["month"] <= parsed.end_month)]
    mine = mine.sort_values("month").reset_index(drop=True)
    return pd.DataFrame(
        {
            "month": pd.to_datetime({"year": mine["year"], "month": mine["month"], "day": 1}),
            "status": mine["status"].astype(object),
            "return_status": [t(f"returns.status.{s}", lang) for s in mine["status"]],
            "return_due": mine["due"],
            "received_at": mine["received_at"],
            "version": mine["version"],
        }
    )[RETURN_COLUMNS]


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


def org_card(tables: Tables, period: Period | str, org_code: str, *, lang: str = "vi") -> OrgCard:
    """The card of ``org_code`` for ``period`` (see the module docstring for each figure).

    Raises
    ------
    KeyError
        When the organisation has no card in the period (not active, not admitting).
    """
    cut = _cut(tables, period)
    frame = metrics(tables, cut, by="organisation", lang=lang)
    if org_code not in frame.index:
        raise KeyError(f"organisation {org_code!r} has no card for {cut.label}: not active in the period")
    row = {key: _plain(value) for key, value in frame.loc[org_code].to_dict().items()}
    not_reported = bool(row["flag_not_reported"])
    if not_reported:  # a missing return is not zero: no figure, as in the organisations report
        for column in ("admitted", "attainment_pct", "rank_in_sector"):
            row[column] = float("nan")
    sector = str(row["sector"])
    in_sector = frame[frame["sector"] == sector]
    sectors = tables.sectors.set_index("sector")
    sector_name = str(sectors.loc[sector, "name_vi" if lang == "vi" else "name_en"])
    rank = None if pd.isna(row["rank_in_sector"]) else int(row["rank_in_sector"])
    last = metrics(tables, str(cut.year - 1), by="organisation", lang=lang)
    last_year = {k: _plain(v) for k, v in last.loc[org_code].to_dict().items()} if org_code in last.index else None
    target = row["target"]
    remaining = None if pd.isna(target) or target <= 0 else int(max(target - row["admitted_ytd"], 0))
    if not_reported and remaining is not None:
        remaining = -1  # unknown: the return for the period is missing
    filed = returns(tables, cut, org_code, lang=lang)
    due_rows = due_for_full_membership(tables, cut, by="organisation", lang=lang)
    due_rows = due_rows[due_rows["org_code"] == org_code]
    due = {
        c: int(due_rows[c].iloc[0]) if len(due_rows) else 0
        for c in ("due", "converted", "awaiting", "overdue", "upcoming")
    }
    return OrgCard(
        org_code=org_code,
        name=str(row["name"]),
        sector=sector,
        sector_name=sector_name,
        period=cut,
        row=row,
        rank=rank,
        ranked=int(in_sector["rank_in_sector"].notna().sum()),
        last_year=last_year,
        months=_with_returns(months(tables, cut, org_code), filed),
        trained_not_admitted=pool(tables, cut, org_code),
        remaining=remaining,
        due=due,
        returns=filed,
        not_reported=not_reported,
    )


def _with_returns(by_month: pd.DataFrame, filed: pd.DataFrame) -> pd.DataFrame:
    """The month rows with each month's return status (in words) and when it arrived.

    A month for which no return was expected (``not_expected``: before the register's first
    month) shows neither: the date of a later return beside it would read as that month's.
    """
    expected = filed[filed["status"] != "not_expected"]
    merged = by_month.merge(expected[["month", "return_status", "received_at"]], on="month", how="left")
    merged["return_status"] = merged["return_status"].astype(object).fillna("")
    return merged


# --- the card in words ----------------------------------------------------------------------------


def headline_cards(card: OrgCard, period: str, lang: str = "vi") -> list[Card]:
    """The card's figures of the period: admitted, target, % of target, the same period last year.

    Each is :func:`ketnap.present.figure_card` of the organisation's metrics row, so the figures block
    of the card holds the same values as the organisations report (scope: the org code; ``period``:
    the report's period parameter).
    """
    note = t("returns.status.missing", lang) if card.not_reported else ""
    return [
        figure_card(code, card.row, lang, scope=card.org_code, period=period, note=note if code == "admitted" else "")
        for code in ("admitted", "target", "attainment_pct", "admitted_last_year")
    ]


def fact_cards(card: OrgCard, lang: str = "vi") -> list[Card]:
    """The card's other facts: rank in the sector, last year's result, pool against what is left, due members."""
    rank = (
        t("card.rank_value", lang, rank=fmt.integer(card.rank, lang), of=fmt.integer(card.ranked, lang))
        if card.rank is not None
        else t("card.rank_none", lang)
    )
    year = card.period.year - 1
    last = card.last_year
    if last is None:
        last_value = t("card.last_year_none", lang)
    elif pd.isna(last["target"]) or not last["target"]:
        last_value = t("card.last_year_no_target", lang, admitted=fmt.integer(last["admitted"], lang))
    else:
        last_value = t(
            "card.last_year_value",
            lang,
            admitted=fmt.integer(last["admitted"], lang),
            target=fmt.integer(last["target"], lang),
            pct=fmt.pct(last["attainment_pct"], lang),
        )
    if card.not_reported:
        remaining, pool_note = t("returns.status.missing", lang), ""
    elif card.remaining is None:
        remaining, pool_note = t("card.remaining_none", lang), ""
    else:
        remaining = fmt.integer(card.remaining, lang)
        enough = card.trained_not_admitted >= card.remaining
        pool_note = t("card.pool_enough" if enough else "card.pool_short", lang) if card.remaining else ""
    due = card.due
    due_note = t(
        "card.due_note",
        lang,
        converted=fmt.integer(due["converted"], lang),
        awaiting=fmt.integer(due["awaiting"], lang),
        overdue=fmt.integer(due["overdue"], lang),
    )
    return [
        Card(t("card.rank", lang), rank, card.sector_name),
        Card(t("card.last_year", lang, year=year), last_value),
        Card(t("card.pool", lang), fmt.integer(card.trained_not_admitted, lang), pool_note),
        Card(t("card.remaining", lang), remaining),
        Card(t("card.due", lang), fmt.integer(due["due"], lang), due_note),
        Card(t("card.upcoming", lang), fmt.integer(due["upcoming"], lang)),
    ]


def has_plan(card: OrgCard) -> bool:
    """Whether the organisation has a monthly plan for any month of the period."""
    return bool(card.months["planned"].notna().any())
