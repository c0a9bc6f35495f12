"""Admissions metrics over the processed tables: attainment, pace, projection, flags, training, composition.

Every function here is pure: it takes a :class:`ketnap.io.Tables` (or its frames) and a period,
and returns a DataFrame or a dict. Nothing reads or writes files. Charts (:mod:`ketnap.charts`)
and narrative sentences (:mod:`ketnap.narrative`) are built from these results and rely on the
column names below, so they are part of the interface.

Levels
------
:func:`metrics` computes one row per unit at a level chosen by ``by``:

* ``"city"``: one row; its ``target`` and ``training_plan`` are the city's own (the targets row
  with no ``org_code``), not the sum of the organisations' targets, which usually add up to more.
* ``"sector"``: one row per sector of ``tables.sectors``; target and plan are the sums over the
  sector's organisations in scope (missing when none of them has one).
* ``"organisation"``: one row per grassroots organisation in scope: active at some point in the
  period (``active_from``/``active_to``), or with admissions in it. An organisation created or
  dissolved mid-year keeps its admissions, and admissions always count towards sector and city
  totals whatever the organisation's status.

Methods (documented once, here)
-------------------------------
Pace
    ``expected = target × pace_share(period)``: a linear pace by months (2/12 of the target by the
    end of February; 3/12 within a quarter; all of it for a year). ``expected_plan`` is the
    organisation's own monthly plan summed over the period's months, where ``monthly_plans`` has
    one. ``gap`` is in whole people, by the one rounding of :mod:`ketnap.rules`:
    ``floor(expected) − admitted``, positive means behind. A target of 0 counts as no target. A
    period is cut at the data-as-of date (:func:`ketnap.periods.as_at`): ``2024-Q1`` with data to
    29/02/2024 has two months gone, not three.
Needed rate
    ``needed_per_month = max(target − admitted_ytd, 0) / months left in the year``; missing when
    the year is over or there is no target.
Projection
    Year-end projection from the run-rate and last year's seasonality:
    ``projection = admitted_ytd / s``, where ``s`` is the share of the city's admissions of the
    previous year that fell in January..(the period's last month). Seasonality is taken at city
    level for every unit because an organisation admits too few people a year for its own
    pattern to mean anything. The range ``projection_low``/``projection_high`` divides by the
    largest/smallest of: the same share in each of up to three previous years with data, and the
    plain linear share (months/12), so it spans "like past years" and "steady pace". With no past
    data the point estimate is the linear run-rate (``admitted_ytd × 12 / months``) and the range
    is missing. A finished year projects to what it admitted.
Year on year
    The same period one year earlier (:func:`ketnap.periods.same_period_last_year`).
    ``admitted_last_year`` is missing when the data hold no admissions at all in that year, or,
    for an organisation, when it was not active then (and admitted nobody). Through the lineage
    (:mod:`ketnap.lineage`): an organisation merged into another and not active in the period counts
    in that one's row; names and sectors are those valid at the period's end, for every figure.
Training
    ``trained`` counts distinct people (``person_code``) with a certificate in the period, by the
    organisation that sent them; ``training_plan`` is the annual plan, so a quarter's attainment is
    against the year's plan, like admissions.
Conversion
    :func:`conversion`: of the distinct people trained in a cohort year, the share admitted (by
    any organisation) on or after their certificate date, up to ``as_of``. Recent cohorts look low
    because their members have not had time to be admitted yet (right-censoring).
Training to admission
    :func:`training_to_admission`: for people admitted in the period who hold a certificate dated
    on or before their admission, the median days from the latest such certificate to admission.
Flags
    ``flag_no_admissions``, ``flag_below_10pct`` and ``flag_behind_pace`` follow
    :mod:`ketnap.rules` (organisations with a target only; "under 10%" excludes "none").
    ``flag_none_2y``: no admission in the two most recent complete years nor since (for a period
    covering the whole year, ``2023`` or ``2023-12`` (see :attr:`ketnap.periods.Period.whole_year`):
    that year and the one before); only raised when the unit existed and the data reach back that
    far.
    ``flag_not_reported``: the organisation's return for the period's last month is missing
    (:mod:`ketnap.completeness`); its figures are incomplete, so it carries none of the flags above.

Performance
-----------
A report asks for the same figures several times (the summary, each sentence and each table call
:func:`metrics`), and at national size (50,000 organisations, millions of rows) each full pass
over the tables costs tenths of a second. So results are memoised per :class:`~ketnap.io.Tables`
object and arguments, and returned as copies. The processed tables are treated as read-only once
loaded: to change one, build a new ``Tables`` (``dataclasses.replace``). A frame replaced or
resized in place is noticed (the cache is dropped), an edit of values in place is not. Every
computation filters by dates before grouping.

The hot paths work on integers rather than strings: once per ``Tables``, every admission and
certificate gets the row number of its organisation (and every organisation the row number of
its sector), so counting per organisation, sector or city is a ``numpy.bincount`` over a date
mask instead of a group-by on Arrow strings (:class:`_Coded`). People are matched on
``person_code``, the integer ingestion gives each ``person_key`` (:func:`ketnap.io.person_codes`):
a set of people is a boolean array indexed by code, so "was this person admitted / trained /
converted" is an array lookup, not a hash of millions of key strings per report.
"""

from __future__ import annotations

import calendar
import weakref
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, Literal, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ketnap import lineage
from ketnap.completeness import not_reported_codes
from ketnap.fmt import sort_vi
from ketnap.io import Tables
from ketnap.labels import t
from ketnap.periods import (
    Period,
    as_at,
    last_full_year,
    month_starts,
    months_elapsed_share,
    months_left,
    pace_share,
    parse_period,
    same_period_last_year,
    year_elapsed_share,
)
from ketnap.rules import behind_pace, expected_people, flags, is_behind_pace

__all__ = [
    "COMPOSITION",
    "CONVERSION_COLUMNS",
    "METRIC_COLUMNS",
    "SERIES_COLUMNS",
    "TRAINING_TO_ADMISSION_COLUMNS",
    "Level",
    "UnknownSectorError",
    "behind_pace",
    "composition",
    "composition_long",
    "conversion",
    "is_behind_pace",
    "metrics",
    "monthly_series",
    "org_month_matrix",
    "seasonal_shares",
    "summary",
    "training_to_admission",
]

Level = Literal["city", "sector", "organisation"]
_LEVELS: Final[tuple[str, ...]] = ("city", "sector", "organisation")
_CITY: Final[str] = "city"

#: Columns of :func:`metrics`, in order.
METRIC_COLUMNS: Final[list[str]] = [
    "sector", "org_code", "name", "organisations",
    "admitted", "admitted_ytd", "target", "attainment_pct",
    "expected", "expected_plan", "gap", "needed_per_month",
    "projection", "projection_low", "projection_high",
    "admitted_last_year", "yoy_change", "yoy_change_pct",
    "trained", "training_plan", "training_attainment_pct", "organisations_with_trainees",
    "flag_no_target", "flag_no_admissions", "flag_below_10pct", "flag_none_2y", "flag_behind_pace",
    "flag_not_reported",
    "rank_in_sector", "last_admission",
]  # fmt: skip

#: Composition indicators: column -> what it counts among the new members.
COMPOSITION: Final[dict[str, str]] = {
    "women": "sex == 'F'",
    "youth_union": "Youth Union member",
    "ethnic_minority": "not Kinh",
    "religious": "follows a religion",
    "student": "occupation == 'student'",
    "private_enterprise": "occupation == 'private-enterprise-worker'",
    "age_18_30": "age at admission up to 30",
    "age_31_40": "age at admission 31 to 40",
    "age_41_plus": "age at admission 41 or more",
}

#: Columns of :func:`monthly_series`.
SERIES_COLUMNS: Final[list[str]] = [
    "month", "admitted", "cumulative", "pace", "plan_cumulative", "cumulative_last_year",
]  # fmt: skip

#: Columns of :func:`conversion` after the unit columns.
CONVERSION_COLUMNS: Final[list[str]] = ["cohort", "trained", "admitted", "conversion_pct", "full_members"]

#: Columns of :func:`training_to_admission` after the unit columns.
TRAINING_TO_ADMISSION_COLUMNS: Final[list[str]] = [
    "admitted", "admitted_with_training", "median_days_to_admission",
]  # fmt: skip

_UNIT_COLUMNS: Final[list[str]] = ["sector", "org_code", "name"]
_SEASONALITY_YEARS: Final[int] = 3


class UnknownSectorError(ValueError):
    """A sector (or organisation) code that is not in the reference tables."""


# --- memo -----------------------------------------------------------------------------------------

_T = TypeVar("_T")
# id(tables) -> (weak reference to it, fingerprint of its frames, results); see "Performance" above.
_MEMO: dict[int, tuple[weakref.ref[Tables], tuple[int, ...], dict[Hashable, Any]]] = {}


def _fingerprint(tables: Tables) -> tuple[int, ...]:
    frames = (tables.sectors, tables.organisations, tables.targets, tables.monthly_plans, tables.admissions,
              tables.training, tables.conversions)  # fmt: skip
    return tuple(id(f) for f in frames) + tuple(len(f) for f in frames)


def _memo(tables: Tables, key: Hashable, compute: Callable[[], _T]) -> _T:
    """``compute()``, once per ``tables`` object and ``key``."""
    ident = id(tables)
    fingerprint = _fingerprint(tables)
    entry = _MEMO.get(ident)
    if entry is None or entry[0]() is not tables or entry[1] != fingerprint:
        # The callback forgets the results when the tables are freed (ids are reused). It holds the
        # memo itself: at interpreter exit the module's globals may already be gone.
        def forget(_ref: object, ident: int = ident, memo: dict[int, Any] = _MEMO) -> None:
            memo.pop(ident, None)

        ref = weakref.ref(tables, forget)
        entry = (ref, fingerprint, {})
        _MEMO[ident] = entry
    results = entry[2]
    if key not in results:
        results[key] = compute()
    return results[key]


def _memo_frame(tables: Tables, key: Hashable, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """A memoised frame, as a copy: callers may add columns to what they get."""
    return _memo(tables, key, compute).copy()


def _arrow(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """A column as Arrow: zero-copy for Arrow-backed strings, converted otherwise."""
    if hasattr(values.array, "__arrow_array__"):
        return pa.array(values.array)
    return pa.array(values.to_numpy(dtype=object), from_pandas=True)


# --- shared core --------------------------------------------------------------------------------


def _ts(day: date) -> pd.Timestamp:
    return pd.Timestamp(day)


def _between(dates: pd.Series, start: date, end: date) -> pd.Series:
    """Dates within [start, end], both inclusive, whatever the time of day."""
    return (dates >= _ts(start)) & (dates < _ts(end) + pd.Timedelta(days=1))


def _active(orgs: pd.DataFrame, start: date, end: date) -> pd.Series:
    """Organisations whose lifetime overlaps [start, end] (missing bounds mean open-ended)."""
    return (orgs["active_from"].isna() | (orgs["active_from"] <= _ts(end))) & (
        orgs["active_to"].isna() | (orgs["active_to"] >= _ts(start))
    )


def _as_float(values: pd.Series) -> pd.Series:
    """Nullable integers to float with NaN, so arithmetic never meets ``pd.NA``."""
    return pd.to_numeric(values, errors="coerce").astype("float64")


def _check_sector(tables: Tables, sector: str | None) -> None:
    if sector is not None and sector not in set(tables.sectors["sector"]):
        valid = ", ".join(tables.sectors.sort_values("order")["sector"])
        raise UnknownSectorError(f"unknown sector {sector!r}; valid: {valid}")


_NO_CODE: Final[int] = -1  # an organisation (or sector) code missing, or not in the reference table


@dataclass(frozen=True)
class _Coded:
    """Integer codes of the processed tables, computed once per :class:`Tables` (see "Performance").

    ``*_org`` are row numbers into ``tables.organisations`` (``_NO_CODE`` for a missing or unknown
    code), ``org_sector`` row numbers into ``tables.sectors``; ``*_person`` the ``person_code``
    columns (``_NO_CODE`` for a missing key), below ``n_persons``; dates are ``datetime64[ns]``
    arrays, whose comparisons with NaT are False as pandas' are.
    """

    n_orgs: int
    n_sectors: int
    n_persons: int
    org_sector: np.ndarray
    adm_org: np.ndarray
    adm_date: np.ndarray
    adm_person: np.ndarray
    trn_org: np.ndarray
    trn_date: np.ndarray
    trn_person: np.ndarray
    cnv_person: np.ndarray


def _positions(codes: pd.Series, reference: pd.Series) -> np.ndarray:
    """Row number in ``reference`` of each of ``codes`` (``_NO_CODE`` when missing or absent), via Arrow."""
    if len(codes) == 0 or len(reference) == 0:
        return np.full(len(codes), _NO_CODE, dtype=np.int64)
    column, value_set = _arrow(codes), _arrow(reference)
    if isinstance(value_set, pa.ChunkedArray):
        value_set = value_set.combine_chunks()
    found = pc.index_in(column, value_set=value_set.cast(column.type))
    return np.asarray(pc.fill_null(found, _NO_CODE).to_numpy(zero_copy_only=False), dtype=np.int64)


def _coded(tables: Tables) -> _Coded:
    def compute() -> _Coded:
        orgs, adm, training = tables.organisations, tables.admissions, tables.training
        persons = [frame["person_code"].to_numpy() for frame in (adm, training, tables.conversions)]
        return _Coded(
            n_orgs=len(orgs),
            n_sectors=len(tables.sectors),
            n_persons=max((int(codes.max()) + 1 for codes in persons if len(codes)), default=0),
            org_sector=_positions(orgs["sector"], tables.sectors["sector"]),
            adm_org=_positions(adm["org_code"], orgs["org_code"]),
            adm_date=adm["admission_date"].to_numpy(dtype="datetime64[ns]"),
            adm_person=persons[0],
            trn_org=_positions(training["org_code"], orgs["org_code"]),
            trn_date=training["completion_date"].to_numpy(dtype="datetime64[ns]"),
            trn_person=persons[1],
            cnv_person=persons[2],
        )

    return _memo(tables, "coded", compute)


def _people(codes: np.ndarray, n_persons: int) -> np.ndarray:
    """A mask over person codes: True at each of ``codes``. Its last place answers for ``_NO_CODE``
    (a missing key), and is False, so ``mask[other_codes]`` matches no missing key."""
    mask = np.zeros(n_persons + 1, dtype=bool)
    mask[codes] = True
    mask[_NO_CODE] = False
    return mask


def _count(unit: np.ndarray, units: pd.Index, where: np.ndarray | None = None) -> pd.Series:
    """Events per unit (from :meth:`_Scope.unit_of`), only those ``where`` is True when given."""
    if where is not None:
        unit = unit[where]
    return pd.Series(np.bincount(unit[unit >= 0], minlength=len(units)), index=units)


def _dates_between(dates: np.ndarray, start: date, end: date) -> np.ndarray:
    """:func:`_between` on a ``datetime64[ns]`` array (NaT is never within)."""
    low = np.datetime64(_ts(start).as_unit("ns"))
    high = np.datetime64((_ts(end) + pd.Timedelta(days=1)).as_unit("ns"))
    return (dates >= low) & (dates < high)


def _admitted_per_org(tables: Tables, start: date, end: date) -> tuple[np.ndarray, int]:
    """Admissions dated within [start, end]: per organisation row, and in all (any org code or none)."""

    def compute() -> tuple[np.ndarray, int]:
        coded = _coded(tables)
        within = _dates_between(coded.adm_date, start, end)
        org = coded.adm_org[within]
        return np.bincount(org[org >= 0], minlength=coded.n_orgs), int(within.sum())

    return _memo(tables, ("admitted_per_org", start, end), compute)


@dataclass(frozen=True)
class _Scope:
    """What one computation is about: the period, the level, and the organisations in scope."""

    tables: Tables
    period: Period
    by: Level
    sector: str | None
    orgs: pd.DataFrame  # organisations in scope, display order
    org_rows: np.ndarray  # row numbers of ``orgs`` in tables.organisations

    def per_unit(self, per_org: np.ndarray, total: Any, units: pd.Index, reduce: str = "sum") -> pd.Series:
        """A figure known per organisation row (``per_org``) for each unit of ``units``.

        Sectors get the sum (or, with ``reduce="max"``, the maximum) over all their organisations,
        as counting the events of their organisations would; the city gets ``total``.
        """
        if self.by == "organisation":
            return pd.Series(per_org[self.org_rows], index=units)
        if self.by == "city":
            return pd.Series([total] * len(units), index=units, dtype=per_org.dtype)
        coded = _coded(self.tables)
        known = coded.org_sector >= 0
        sectors = self.tables.sectors["sector"].to_numpy(dtype=object)
        if reduce == "sum":
            values = np.bincount(coded.org_sector[known], weights=per_org[known], minlength=coded.n_sectors)
            values = values.astype(per_org.dtype)
        else:
            # Maximum per sector; the integer view makes NaT (the smallest int64) lose to any date.
            values = np.full(coded.n_sectors, np.iinfo(np.int64).min, dtype=np.int64)
            np.maximum.at(values, coded.org_sector[known], per_org[known].view(np.int64))
            values = values.view(per_org.dtype)
        return pd.Series(values, index=sectors).reindex(units)

    def admitted(self, start: date, end: date, units: pd.Index) -> pd.Series:
        """Admissions dated within [start, end], per unit (the city counts every admission)."""
        per_org, total = _admitted_per_org(self.tables, start, end)
        return self.per_unit(per_org, total, units).fillna(0).astype(int)

    def unit_of(self, org: np.ndarray, units: pd.Index) -> np.ndarray:
        """Each event's position among ``units`` (``_NO_CODE``: none), from its organisation row ``org``.

        The city takes every event, organisation known or not; a sector the events of its
        organisations; an organisation in scope its own.
        """
        if self.by == "city":
            return np.zeros(len(org), dtype=np.int64)
        coded = _coded(self.tables)
        # One place more than there are rows, for _NO_CODE (-1) to land on and find _NO_CODE.
        position = np.full(coded.n_orgs + 1, _NO_CODE, dtype=np.int64)
        if self.by == "organisation":
            position[self.org_rows] = np.arange(len(self.org_rows))
        else:
            by_sector = np.append(units.get_indexer(self.tables.sectors["sector"]), _NO_CODE)
            position[:-1] = by_sector[coded.org_sector]
        return position[org]


def _scope(tables: Tables, period: Period | str, by: Level, sector: str | None) -> _Scope:
    if by not in _LEVELS:
        raise ValueError(f"unknown level {by!r}; valid: {', '.join(_LEVELS)}")
    if by == "city" and sector is not None:
        raise ValueError("a sector filter needs by='sector' or by='organisation'")
    _check_sector(tables, sector)
    period = as_at(parse_period(period), tables.manifest.get("as_of"))  # cut at the data-as-of date
    rows = _memo(tables, ("orgs_in_scope", period.label, sector), lambda: _orgs_in_scope(tables, period, sector))
    orgs = _memo(tables, ("orgs_in_scope_frame", period.label, sector), lambda: tables.organisations.iloc[rows])
    return _Scope(tables, period, by, sector, orgs, rows)


def _orgs_in_scope(tables: Tables, period: Period, sector: str | None) -> np.ndarray:
    """Rows of the organisations active in ``period`` or admitting in it, in display order (sector, then name)."""
    orgs = tables.organisations
    admitting = _admitted_per_org(tables, period.start, period.end)[0] > 0
    selected = _active(orgs, period.start, period.end).to_numpy() | admitting
    if sector is not None:
        selected &= (orgs["sector"] == sector).fillna(False).to_numpy(dtype=bool)
    rows = np.flatnonzero(selected)
    return rows[np.argsort(_display_rank(tables)[rows], kind="stable")]


def _display_rank(tables: Tables) -> np.ndarray:
    """Each organisation row's place in display order: sector order, then name (fmt.sort_vi), then row.

    Computed once per tables, so that every subset is ordered by one ranking of all the names.
    """

    def compute() -> np.ndarray:
        orgs = tables.organisations
        # Row numbers as the index, so the sorted frame says which rows, whatever the frame's index.
        by_name = sort_vi(pd.DataFrame({"name": orgs["name"].to_numpy()}), "name").index.to_numpy()
        order = tables.sectors.set_index("sector")["order"]
        sector_order = orgs["sector"].map(order).fillna(np.inf).to_numpy(dtype=float)
        rows = by_name[np.argsort(sector_order[by_name], kind="stable")]
        rank = np.empty(len(rows), dtype=np.int64)
        rank[rows] = np.arange(len(rows))
        return rank

    return _memo(tables, "display_rank", compute)


def _units(scope: _Scope, lang: str) -> pd.DataFrame:
    """The rows of a result: unit key as index, with ``sector``, ``org_code`` and ``name``."""
    if scope.by == "organisation":
        units = scope.orgs[_UNIT_COLUMNS].copy()
        units.index = pd.Index(units["org_code"], name="unit")
        return units
    if scope.by == "sector":
        sectors = scope.tables.sectors.sort_values("order")
        if scope.sector is not None:
            sectors = sectors[sectors["sector"] == scope.sector]
        name = "name_vi" if lang == "vi" else "name_en"
        return pd.DataFrame(
            {"sector": sectors["sector"].to_numpy(), "org_code": None, "name": sectors[name].to_numpy()},
            index=pd.Index(sectors["sector"].to_numpy(), name="unit"),
        )
    return pd.DataFrame(
        {"sector": [None], "org_code": [None], "name": [t("org.city", lang)]},
        index=pd.Index([_CITY], name="unit"),
    )


def _annual(scope: _Scope, units: pd.Index, column: str) -> pd.Series:
    """An annual figure (``admissions_target`` or ``training_plan``) per unit."""
    targets = scope.tables.targets
    targets = targets[targets["year"] == scope.period.year]
    if scope.by == "city":
        city = _as_float(targets.loc[targets["org_code"].isna(), column])
        return pd.Series(city.sum(min_count=1), index=units)
    per_org = _annual_per_org(scope.tables, scope.period.year, column)[scope.org_rows]
    if scope.by == "organisation":
        return pd.Series(per_org, index=units)
    by_sector = pd.Series(per_org).groupby(scope.orgs["sector"].to_numpy()).sum(min_count=1)
    return by_sector.reindex(units)


def _annual_per_org(tables: Tables, year: int, column: str) -> np.ndarray:
    """An organisation's annual figure of ``year`` per organisation row (NaN when it has none).

    When an org code has several rows, the first counts.
    """

    def compute() -> np.ndarray:
        targets = tables.targets
        targets = targets[(targets["year"] == year) & targets["org_code"].notna()]
        rows = _positions(targets["org_code"], tables.organisations["org_code"])
        rows, first = np.unique(rows, return_index=True)
        values = np.full(len(tables.organisations) + 1, np.nan)  # the last place takes unknown codes
        values[rows] = _as_float(targets[column]).to_numpy()[first]
        return values[:-1]

    return _memo(tables, ("annual_per_org", year, column), compute)


def _plan(scope: _Scope, units: pd.Index, start_month: int, end_month: int) -> pd.Series:
    """The organisations' own monthly plans summed over months ``start_month..end_month``.

    A unit without any plan row for the year gets NaN (no plan), not 0.
    """
    plans = scope.tables.monthly_plans
    plans = plans[plans["year"] == scope.period.year]
    within = plans["month"].between(start_month, end_month)
    amounts = _as_float(plans["planned_admissions"]).where(within, 0.0)
    if scope.by == "city":
        city = plans["org_code"].isna()
        return pd.Series(amounts[city].sum() if city.any() else np.nan, index=units)
    org_rows = plans["org_code"].notna()
    per_org = amounts[org_rows].groupby(plans.loc[org_rows, "org_code"]).sum().reindex(scope.orgs["org_code"])
    if scope.by == "organisation":
        return pd.Series(per_org.to_numpy(), index=units)
    return per_org.groupby(scope.orgs["sector"].to_numpy()).sum(min_count=1).reindex(units)


def seasonal_shares(admissions: pd.DataFrame, period: Period | str) -> dict[int, float]:
    """Share of each earlier year's admissions that fell in January..(the period's last month).

    Uses the whole city's admissions, for up to three years before ``period.year`` that have
    any; years where the share is 0 are left out (they cannot scale a run-rate).

    Returns
    -------
    dict
        ``{year: share}``, most recent year first.
    """
    period = parse_period(period)
    # One pass: admissions per calendar month (months since 1970), rather than a scan per year.
    dates = admissions["admission_date"].dropna().to_numpy(dtype="datetime64[ns]")
    months = dates[dates < np.datetime64(f"{period.year}-01-01")].astype("datetime64[M]").astype(np.int64)
    if len(months) == 0:
        return {}
    first = int(months.min())
    per_month = np.bincount(months - first)
    shares: dict[int, float] = {}
    years = sorted({int(m) // 12 + 1970 for m in np.unique(months // 12 * 12)}, reverse=True)
    for year in years[:_SEASONALITY_YEARS]:
        offset = (year - 1970) * 12 - first
        in_year = per_month[max(offset, 0) : offset + 12]
        within = per_month[max(offset, 0) : max(offset + period.end_month, 0)]
        share = float(within.sum() / in_year.sum())
        if share > 0:
            shares[year] = share
    return shares


def _projection(scope: _Scope, admitted_ytd: pd.Series) -> pd.DataFrame:
    if months_left(scope.period) == 0:
        return pd.DataFrame(
            {"projection": admitted_ytd, "projection_low": admitted_ytd, "projection_high": admitted_ytd}
        ).astype(float)
    shares = _memo(
        scope.tables, ("seasonal", scope.period.label), lambda: seasonal_shares(scope.tables.admissions, scope.period)
    )
    linear = months_elapsed_share(scope.period)
    if not shares:
        # No history: the linear run-rate, and no range, since nothing says how wrong it may be.
        return pd.DataFrame(
            {"projection": admitted_ytd / linear, "projection_low": np.nan, "projection_high": np.nan}
        ).astype(float)
    point = shares.get(scope.period.year - 1, float(np.mean(list(shares.values()))))
    candidates = [*shares.values(), linear]
    return pd.DataFrame(
        {
            "projection": admitted_ytd / point,
            "projection_low": admitted_ytd / max(candidates),
            "projection_high": admitted_ytd / min(candidates),
        }
    ).astype(float)


def _last_year(scope: _Scope, units: pd.DataFrame) -> pd.Series:
    previous = same_period_last_year(scope.period)
    per_org, total = _admitted_per_org(scope.tables, previous.start, previous.end)
    # Through the lineage: an organisation merged into another before the period counts in its row.
    owner = lineage.last_year_owner(scope.tables, scope.period.start, scope.period.end)
    per_org = np.bincount(owner, weights=per_org, minlength=len(per_org)).astype(per_org.dtype)
    counts = scope.per_unit(per_org, total, units.index).fillna(0).astype(float)
    if not _has_admissions_in(scope.tables, previous.year):
        return counts * np.nan
    if scope.by == "organisation":
        active = _active(scope.orgs, previous.start, previous.end).to_numpy()
        counts = counts.where(active | (counts > 0))
    return counts


def _has_admissions_in(tables: Tables, year: int) -> bool:
    """Whether the data hold any admission in ``year``."""
    return _memo(
        tables,
        ("has_admissions", year),
        lambda: bool(_between(tables.admissions["admission_date"], date(year, 1, 1), date(year, 12, 31)).any()),
    )


def _last_admission(scope: _Scope, index: pd.Index) -> pd.Series:
    """Date of each unit's latest admission up to the period's end (any year)."""
    end = scope.period.end

    def per_org() -> np.ndarray:
        # Once per end date for every organisation row (NaT when none); sectors are its maxima.
        coded = _coded(scope.tables)
        until_end = coded.adm_date < np.datetime64((_ts(end) + pd.Timedelta(days=1)).as_unit("ns"))
        until_end &= ~np.isnat(coded.adm_date) & (coded.adm_org >= 0)
        latest = np.full(coded.n_orgs, np.iinfo(np.int64).min, dtype=np.int64)  # NaT
        np.maximum.at(latest, coded.adm_org[until_end], coded.adm_date[until_end].view(np.int64))
        return latest.view("datetime64[ns]")

    last = _memo(scope.tables, ("last_admission", end), per_org)
    if scope.by != "city":
        return scope.per_unit(last, None, index, reduce="max").astype("datetime64[ns]")
    # The city's own: every admission counts, with or without an organisation code.
    dates = scope.tables.admissions["admission_date"]
    latest = dates[dates < _ts(end) + pd.Timedelta(days=1)].max()
    return pd.Series(latest, index=index, dtype=dates.dtype)


def _none_for_two_years(scope: _Scope, units: pd.DataFrame, last_admission: pd.Series) -> pd.Series:
    """No admission over the two most recent complete years and since (see module docstring)."""
    period = scope.period
    streak_start = date(period.year - 1 if period.whole_year else period.year - 2, 1, 1)
    first = _memo(scope.tables, "first_admission", lambda: scope.tables.admissions["admission_date"].min())
    if pd.isna(first) or first >= _ts(date(streak_start.year + 1, 1, 1)):
        # The data do not reach back to the start of the streak: nothing can be claimed.
        return pd.Series(False, index=units.index)
    flag = last_admission.isna() | (last_admission < _ts(streak_start))
    if scope.by == "organisation":
        existed = scope.orgs["active_from"].isna() | (scope.orgs["active_from"] <= _ts(streak_start))
        flag = flag & existed.to_numpy()
    return flag.astype(bool)


def _distinct_per_unit(unit: np.ndarray, item: np.ndarray, units: int) -> np.ndarray:
    """Distinct ``item`` codes per ``unit`` code (both non-negative), for ``units`` units."""
    base = int(item.max(initial=0)) + 1
    # pandas' hash-based unique: numpy's sort-based one took several times as long here.
    pairs = pd.unique(unit.astype(np.int64) * base + item.astype(np.int64))
    return np.bincount(pairs // base, minlength=units)


def _trained(scope: _Scope, index: pd.Index) -> tuple[pd.Series, pd.Series]:
    """Distinct people certified in the period, and distinct organisations that sent them, per unit."""
    tables, period = scope.tables, scope.period
    coded = _coded(tables)
    within = _dates_between(coded.trn_date, period.start, period.end)
    person = coded.trn_person[within]
    org = coded.trn_org[within]
    if scope.by == "city":
        # Every certificate counts, with or without a known organisation; org codes count as written.
        codes = _arrow(tables.training["org_code"]).filter(pa.array(within))
        trained = len(pd.unique(person[person >= 0]))
        sending = int(pc.count_distinct(codes, mode="only_valid").as_py())
        return pd.Series(trained, index=index), pd.Series(sending, index=index)
    known = (org >= 0) & (person >= 0)
    if scope.by == "sector":
        # Keyed by sector row; certificates of unknown organisations or sectors are left out.
        sector = np.append(coded.org_sector, _NO_CODE)[org]  # org == -1 picks the appended _NO_CODE
        counted = sector >= 0
        with_person = counted & (person >= 0)
        sectors = tables.sectors["sector"].to_numpy(dtype=object)
        per_sector = _distinct_per_unit(sector[with_person], person[with_person], coded.n_sectors)
        senders = _distinct_per_unit(sector[counted], org[counted], coded.n_sectors)
        return (
            pd.Series(per_sector, index=sectors).reindex(index, fill_value=0).astype(int),
            pd.Series(senders, index=sectors).reindex(index, fill_value=0).astype(int),
        )
    per_org = _distinct_per_unit(org[known], person[known], coded.n_orgs)
    senders = (np.bincount(org[org >= 0], minlength=coded.n_orgs) > 0).astype(np.int64)
    return (
        pd.Series(per_org[scope.org_rows], index=index).astype(int),
        pd.Series(senders[scope.org_rows], index=index).astype(int),
    )


def _rank_in_sector(frame: pd.DataFrame) -> pd.Series:
    ranks = frame.groupby("sector", sort=False)["attainment_pct"].rank(method="min", ascending=False)
    return ranks.astype("float64")


# --- public -------------------------------------------------------------------------------------


def metrics(
    tables: Tables,
    period: Period | str,
    *,
    by: Level = "organisation",
    sector: str | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """Admissions and training metrics per city, sector or organisation for ``period``.

    Parameters
    ----------
    tables : Tables
        The processed tables (:func:`ketnap.io.load`).
    period : Period or str
        ``"2024-02"`` (year to date), ``"2024-Q1"`` or ``"2023"``.
    by : {"city", "sector", "organisation"}
        The level of the rows.
    sector : str, optional
        Keep only this sector's rows (sector and organisation levels).
    lang : {"vi", "en"}
        Language of the ``name`` of the city and sectors.

    Returns
    -------
    pandas.DataFrame
        One row per unit, columns :data:`METRIC_COLUMNS`, indexed by ``"city"``, the sector code
        or the org code. Percentages are in percent units (28.3, not 0.283); ``attainment_pct``
        and everything derived from the target is NaN when there is no target (missing or 0),
        with ``flag_no_target`` set. ``rank_in_sector`` (1 = highest attainment; ties share the
        best rank) is filled at organisation level only. ``admitted`` is the period's own count
        (a quarter's three months); ``admitted_ytd`` runs from 1 January to the period's end.

    Examples
    --------
    >>> metrics(tables, "2024-02", by="city")[["admitted", "target", "attainment_pct"]]  # doctest: +SKIP
          admitted  target  attainment_pct
    city       231   817.0       28.274174
    """
    label = parse_period(period).label
    tables = lineage.at_period_end(tables, label)  # names and sectors as at the period's end
    return _memo_frame(tables, ("metrics", label, by, sector, lang), lambda: _metrics(tables, label, by, sector, lang))


def _metrics(tables: Tables, period: Period | str, by: Level, sector: str | None, lang: str) -> pd.DataFrame:
    scope = _scope(tables, period, by, sector)
    period = scope.period
    units = _units(scope, lang)
    index = units.index
    out = units.copy()

    in_scope = np.zeros(_coded(tables).n_orgs, dtype=np.int64)
    in_scope[scope.org_rows] = 1
    out["organisations"] = scope.per_unit(in_scope, len(scope.org_rows), index).fillna(0).astype(int)
    out["admitted"] = scope.admitted(period.start, period.end, index)
    out["admitted_ytd"] = scope.admitted(period.year_start, period.end, index)

    target = _annual(scope, index, "admissions_target")
    has_target = target > 0
    out["target"] = target
    out["attainment_pct"] = (out["admitted"] / target * 100).where(has_target)
    out["expected"] = (target * pace_share(period)).where(has_target)
    out["expected_plan"] = _plan(scope, index, period.start.month, period.end.month)
    # Whole people, one rounding (ketnap.rules): positive means behind.
    out["gap"] = expected_people(target, pace_share(period)).to_numpy() - out["admitted"]
    remaining_months = months_left(period)
    out["needed_per_month"] = (
        ((target - out["admitted_ytd"]).clip(lower=0) / remaining_months).where(has_target)
        if remaining_months
        else np.nan
    )
    out[["projection", "projection_low", "projection_high"]] = _projection(scope, out["admitted_ytd"])

    out["admitted_last_year"] = _last_year(scope, units)
    out["yoy_change"] = out["admitted"] - out["admitted_last_year"]
    out["yoy_change_pct"] = (out["yoy_change"] / out["admitted_last_year"] * 100).where(out["admitted_last_year"] > 0)

    trained, sending = _trained(scope, index)
    out["trained"] = trained
    plan = _annual(scope, index, "training_plan")
    out["training_plan"] = plan
    out["training_attainment_pct"] = (out["trained"] / plan * 100).where(plan > 0)
    out["organisations_with_trainees"] = sending

    last_admission = _last_admission(scope, index)
    out["flag_no_target"] = ~has_target
    for flag, values in flags(target, out["admitted"], out["admitted_ytd"], pace_share(period)).items():
        out[flag] = values
    out["flag_none_2y"] = _none_for_two_years(scope, units, last_admission)
    missing = index.isin(not_reported_codes(tables, period)) if by == "organisation" else np.zeros(len(index), bool)
    out["flag_not_reported"] = missing
    for flag in ("flag_no_admissions", "flag_below_10pct", "flag_none_2y", "flag_behind_pace"):
        out[flag] = out[flag] & ~missing
    out["rank_in_sector"] = _rank_in_sector(out) if by == "organisation" else np.nan
    out["last_admission"] = last_admission
    return out[METRIC_COLUMNS]


def composition(
    tables: Tables,
    period: Period | str,
    *,
    by: Level = "city",
    sector: str | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """Who the new members admitted in ``period`` are: counts and shares per unit.

    Returns
    -------
    pandas.DataFrame
        ``sector``, ``org_code``, ``name``, ``admitted``, then for each key of
        :data:`COMPOSITION` a count column and a ``<key>_pct`` share of ``admitted`` (percent
        units; NaN when nobody was admitted). Age bands: 18-30, 31-40, 41 and over (admission
        requires 18, so the first band starts at the minimum age).
    """
    label = parse_period(period).label
    tables = lineage.at_period_end(tables, label)
    return _memo_frame(
        tables, ("composition", label, by, sector, lang), lambda: _composition(tables, label, by, sector, lang)
    )


def _composition(tables: Tables, period: Period | str, by: Level, sector: str | None, lang: str) -> pd.DataFrame:
    scope = _scope(tables, period, by, sector)
    units = _units(scope, lang)
    adm = tables.admissions
    coded = _coded(tables)
    within = _dates_between(coded.adm_date, scope.period.start, scope.period.end)
    unit = scope.unit_of(coded.adm_org[within], units.index)

    def column(name: str) -> np.ndarray:
        return adm[name].to_numpy()[within]

    def equals(name: str, value: str) -> np.ndarray:
        # Compared over the whole column, then filtered: cheaper than filtering Arrow strings.
        return (adm[name] == value).to_numpy(dtype=bool, na_value=False)[within]

    age = column("age_at_admission")
    indicators = {
        "women": equals("sex", "F"),
        "youth_union": column("youth_union").astype(bool),
        "ethnic_minority": column("ethnic_minority").astype(bool),
        "religious": column("religious").astype(bool),
        "student": equals("occupation", "student"),
        "private_enterprise": equals("occupation", "private-enterprise-worker"),
        "age_18_30": age <= 30,
        "age_31_40": (age >= 31) & (age <= 40),
        "age_41_plus": age >= 41,
    }
    out = units.copy()
    out["admitted"] = _count(unit, units.index)
    admitted = out["admitted"].where(out["admitted"] > 0)
    for key in COMPOSITION:
        out[key] = _count(unit, units.index, indicators[key])
        out[f"{key}_pct"] = out[key] / admitted * 100
    return out


def composition_long(frame: pd.DataFrame, unit: str | None = None) -> pd.DataFrame:
    """One unit's row of :func:`composition` as a long table for a bar chart.

    Parameters
    ----------
    frame : pandas.DataFrame
        A result of :func:`composition`.
    unit : str, optional
        Its index label (``"city"``, a sector or org code); default the first row.

    Returns
    -------
    pandas.DataFrame
        Columns ``group`` (a key of :data:`COMPOSITION`), ``count`` and ``share`` (a fraction,
        0-1; NaN when nobody was admitted), in :data:`COMPOSITION` order.
    """
    row = frame.iloc[0] if unit is None else frame.loc[unit]
    return pd.DataFrame(
        {
            "group": list(COMPOSITION),
            "count": [int(row[g]) for g in COMPOSITION],
            "share": [float(row[f"{g}_pct"]) / 100 for g in COMPOSITION],
        }
    )


def conversion(
    tables: Tables,
    cohort: int,
    *,
    by: Level = "city",
    sector: str | None = None,
    as_of: date | pd.Timestamp | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """Trained-to-admitted conversion of a training cohort (people certified in year ``cohort``).

    Parameters
    ----------
    cohort : int
        The year of the certificates.
    as_of : date, optional
        Count admissions up to this date (default: all the data).

    Returns
    -------
    pandas.DataFrame
        Unit columns, then :data:`CONVERSION_COLUMNS`: ``trained`` (distinct people certified in
        the cohort year, by the organisation that sent them), ``admitted`` (of those, admitted on
        or after their first certificate of that year), ``conversion_pct`` (admitted / trained)
        and ``full_members`` (of the admitted, those who became full members by ``as_of``): the
        three stages of the training funnel.
    """
    until = None if as_of is None else pd.Timestamp(as_of)
    tables = lineage.at_period_end(tables, str(cohort)) if until is None else lineage.at_day(tables, until)
    return _memo_frame(
        tables,
        ("conversion", int(cohort), by, sector, until, lang),
        lambda: _conversion(tables, int(cohort), by, sector, until, lang),
    )


def _conversion(
    tables: Tables, cohort: int, by: Level, sector: str | None, as_of: pd.Timestamp | None, lang: str
) -> pd.DataFrame:
    scope = _scope(tables, str(cohort), by, sector)
    units = _units(scope, lang)
    coded = _coded(tables)
    in_cohort = np.flatnonzero(_dates_between(coded.trn_date, date(cohort, 1, 1), date(cohort, 12, 31)))
    # One certificate per person: their first of the year, and the organisation that sent them.
    by_date = in_cohort[np.argsort(coded.trn_date[in_cohort], kind="stable")]
    first = by_date[~pd.Series(coded.trn_person[by_date]).duplicated().to_numpy()]
    person, certified = coded.trn_person[first], coded.trn_date[first]
    # Only admissions from the cohort year on (and up to as_of) can follow a certificate of that
    # year: admitted when any of them is on or after the person's first certificate.
    wanted = coded.adm_date >= np.datetime64(_ts(date(cohort, 1, 1)).as_unit("ns"))
    full = np.ones(len(coded.cnv_person), dtype=bool)
    if as_of is not None:
        until = np.datetime64((as_of + pd.Timedelta(days=1)).as_unit("ns"))
        wanted &= coded.adm_date < until
        full = tables.conversions["conversion_date"].to_numpy(dtype="datetime64[ns]") < until
    # Each candidate admission finds its person's row of ``first`` through an array indexed by
    # person code (its last place, for a missing key, finds none).
    row_of = np.full(coded.n_persons + 1, _NO_CODE, dtype=np.int64)
    row_of[person] = np.arange(len(first))
    row_of[_NO_CODE] = _NO_CODE
    row = row_of[coded.adm_person[wanted]]
    matched = row >= 0
    follows = coded.adm_date[wanted][matched] >= certified[row[matched]]
    admitted = np.zeros(len(first), dtype=bool)
    admitted[row[matched][follows]] = True
    # Only the admitted can be full members.
    full_member = admitted & _people(coded.cnv_person[full], coded.n_persons)[person]
    unit = scope.unit_of(coded.trn_org[first], units.index)
    out = units.copy()
    out["cohort"] = cohort
    out["trained"] = _count(unit, units.index)
    out["admitted"] = _count(unit, units.index, admitted)
    out["conversion_pct"] = out["admitted"] / out["trained"].where(out["trained"] > 0) * 100
    out["full_members"] = _count(unit, units.index, full_member)
    return out


def training_to_admission(
    tables: Tables,
    period: Period | str,
    *,
    by: Level = "city",
    sector: str | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """Time from the awareness-training certificate to admission, for people admitted in ``period``.

    Returns
    -------
    pandas.DataFrame
        Unit columns, then :data:`TRAINING_TO_ADMISSION_COLUMNS`: ``admitted``,
        ``admitted_with_training`` (holding a certificate dated on or before admission) and
        ``median_days_to_admission`` (from the latest such certificate; NaN when none).
    """
    label = parse_period(period).label
    tables = lineage.at_period_end(tables, label)
    return _memo_frame(
        tables,
        ("training_to_admission", label, by, sector, lang),
        lambda: _training_to_admission(tables, label, by, sector, lang),
    )


def _training_to_admission(
    tables: Tables, period: Period | str, by: Level, sector: str | None, lang: str
) -> pd.DataFrame:
    scope = _scope(tables, period, by, sector)
    units = _units(scope, lang)
    coded = _coded(tables)
    within = _dates_between(coded.adm_date, scope.period.start, scope.period.end)
    adm = pd.DataFrame(
        {"person": coded.adm_person[within], "org": coded.adm_org[within], "admitted_on": coded.adm_date[within]}
    )
    # Only the certificates of the people admitted, and not after the period: the join stays small.
    not_after = np.datetime64((_ts(scope.period.end) + pd.Timedelta(days=1)).as_unit("ns"))
    relevant = _people(adm["person"].to_numpy(), coded.n_persons)[coded.trn_person] & (coded.trn_date < not_after)
    training = pd.DataFrame({"person": coded.trn_person[relevant], "certified": coded.trn_date[relevant]})
    pairs = adm.merge(training, on="person", how="inner")
    pairs = pairs[pairs["certified"] <= pairs["admitted_on"]]
    # One row per admission (a person admitted on a day by an organisation): its latest certificate.
    latest = pairs.groupby(["person", "admitted_on", "org"], as_index=False)["certified"].max()
    days = (latest["admitted_on"] - latest["certified"]).dt.days.to_numpy()
    unit = scope.unit_of(latest["org"].to_numpy(), units.index)
    median = pd.Series(days[unit >= 0]).groupby(unit[unit >= 0]).median()
    out = units.copy()
    out["admitted"] = _count(scope.unit_of(adm["org"].to_numpy(), units.index), units.index)
    out["admitted_with_training"] = _count(unit, units.index)
    out["median_days_to_admission"] = median.reindex(range(len(units))).to_numpy(dtype=float)
    return out


def monthly_series(
    tables: Tables,
    period: Period | str,
    *,
    sector: str | None = None,
    org_code: str | None = None,
    to_span_end: bool = False,
) -> pd.DataFrame:
    """Admissions per month over ``period``, cumulated, with the target pace line, for a chart.

    For the city by default, a sector with ``sector=``, or one organisation with ``org_code=``.
    With ``to_span_end`` the rows run on past the period's end (the data-as-of month) to the end
    of the span it is read against: December for a year to date or a year, the last month for a
    quarter. Those months have no ``admitted`` or ``cumulative`` (NaN), while the pace, the plan
    and last year run on, so a chart of February shows the path to the whole year's target.

    Returns
    -------
    pandas.DataFrame
        :data:`SERIES_COLUMNS`, one row per month of the period: ``month`` (Timestamp, first
        day), ``admitted``, ``cumulative`` (from the period's start), ``pace`` (cumulative linear
        target pace, target × months so far / 12; NaN without a target), ``plan_cumulative``
        (the monthly plan cumulated; NaN without one) and ``cumulative_last_year`` (the same
        months a year earlier; NaN when the data have none for that year).
    """
    period = parse_period(period)
    tables = lineage.at_period_end(tables, period)
    if org_code is not None:
        known = tables.organisations["org_code"]
        if org_code not in set(known):
            raise UnknownSectorError(f"unknown organisation {org_code!r}")
        by: Level = "organisation"
        sector = tables.organisations.loc[known == org_code, "sector"].iloc[0]
    else:
        by = "sector" if sector is not None else "city"
    scope = _scope(tables, period, by, sector)
    period = scope.period
    unit = org_code if org_code is not None else (sector if sector is not None else _CITY)
    # Computed for every unit in scope, then the one asked for (missing if it is out of scope).
    index = _units(scope, "vi").index
    target = float(_annual(scope, index, "admissions_target").get(unit, np.nan))
    last_month = period.end.month
    if to_span_end:
        last_month = parse_period(period.label).end.month if period.kind == "quarter" else 12
    months = [_ts(date(period.year, month, 1)) for month in range(period.start.month, last_month + 1)]

    # The unit's admissions, whether or not its organisations are in scope (as for last year).
    coded = _coded(tables)
    # Last year through the lineage: an organisation merged into another before the period counts as it.
    owner = np.append(lineage.last_year_owner(tables, period.start, period.end), _NO_CODE)
    if org_code is not None:
        mine = coded.adm_org == _positions(pd.Series([org_code]), known)[0]
        mine_then = owner[coded.adm_org] == _positions(pd.Series([org_code]), known)[0]
    elif sector is not None:
        sector_row = _positions(pd.Series([sector]), tables.sectors["sector"])[0]
        mine = np.append(coded.org_sector, _NO_CODE)[coded.adm_org] == sector_row  # org -1: _NO_CODE
        mine_then = np.append(coded.org_sector, _NO_CODE)[owner[coded.adm_org]] == sector_row
    else:
        mine = mine_then = np.ones(len(coded.adm_org), dtype=bool)

    def per_month(year: int, end_month: int, mine: np.ndarray = mine) -> np.ndarray:
        last_day = calendar.monthrange(year, end_month)[1]
        first_day = date(year, period.start.month, 1)
        within = mine & _dates_between(coded.adm_date, first_day, date(year, end_month, last_day))
        month = coded.adm_date[within].astype("datetime64[M]").astype(np.int64) % 12 + 1
        return np.bincount(month, minlength=13)[period.start.month : end_month + 1]

    # Months past the period's end (to_span_end) have no admissions yet: NaN, not 0.
    admitted = np.full(len(months), np.nan)
    admitted[: period.end.month - period.start.month + 1] = per_month(period.year, period.end.month)
    steps = np.arange(1, len(months) + 1)
    month_numbers = range(period.start.month, last_month + 1)
    plans = [_plan(scope, index, period.start.month, m).get(unit, np.nan) for m in month_numbers]
    has_last_year = _has_admissions_in(tables, period.year - 1)
    last_year = per_month(period.year - 1, last_month, mine_then).cumsum().astype(float)
    return pd.DataFrame(
        {
            "month": months,
            "admitted": admitted if to_span_end else admitted.astype(int),
            "cumulative": admitted.cumsum() if to_span_end else admitted.cumsum().astype(int),
            "pace": target * steps / 12 if target > 0 else np.nan,
            "plan_cumulative": np.asarray(plans, dtype=float),
            "cumulative_last_year": last_year if has_last_year else np.nan,
        }
    )[SERIES_COLUMNS]


def org_month_matrix(tables: Tables, period: Period | str, *, sector: str | None = None) -> pd.DataFrame:
    """Admissions per organisation and month, for a heat map.

    Returns
    -------
    pandas.DataFrame
        Index ``org_code`` (organisations in scope, in display order: sector, then Vietnamese
        alphabetical name), one int column per month of the period (Timestamp, first day of the
        month); zeros where nobody was admitted.
    """
    tables = lineage.at_period_end(tables, period)
    scope = _scope(tables, period, "organisation", sector)
    period = scope.period
    adm = tables.admissions
    adm = adm[_between(adm["admission_date"], period.start, period.end)]
    months = [_ts(day) for day in month_starts(period)]
    matrix = pd.crosstab(adm["org_code"], adm["admission_date"].dt.to_period("M").dt.to_timestamp())
    matrix = matrix.reindex(index=scope.orgs["org_code"], columns=months, fill_value=0).astype(int)
    matrix.index.name = "org_code"
    matrix.columns.name = "month"
    return matrix


def _plain(value: Any) -> Any:
    """numpy and pandas scalars to plain Python (NaN stays a float NaN; NaT becomes None)."""
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, np.bool_ | bool):
        return bool(value)
    if isinstance(value, np.integer | int):
        return int(value)
    if isinstance(value, np.floating | float):
        return float(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def summary(tables: Tables, period: Period | str, sector: str | None = None, *, lang: str = "vi") -> dict[str, Any]:
    """The headline numbers for the city (or one sector) in ``period``, as plain Python values.

    Returns
    -------
    dict
        ``period``, ``kind``, ``start``, ``end``, ``sector``, ``name``; every column of
        :func:`metrics` for the city or the sector except flags and rank; counts of
        organisations flagged (``organisations_no_admissions``, ``organisations_below_10pct``,
        ``organisations_none_2y``, ``organisations_behind_pace``); the elapsed shares
        ``months_elapsed_pct`` and ``year_elapsed_pct``; the composition counts and ``_pct``
        shares; ``median_days_to_admission``; and the conversion up to the period's end of the
        latest whole year's training class (:func:`ketnap.periods.last_full_year`: the 2023 class
        for ``2024-02`` and for ``2023``): ``conversion_cohort``, ``conversion_trained``,
        ``conversion_admitted``, ``conversion_pct``. Missing numbers are NaN.
    """
    period = as_at(parse_period(period), tables.manifest.get("as_of"))
    by: Level = "sector" if sector is not None else "city"
    head = metrics(tables, period, by=by, sector=sector, lang=lang).iloc[0]
    orgs = metrics(tables, period, by="organisation", sector=sector, lang=lang)
    result: dict[str, Any] = {
        "period": period.label,
        "kind": period.kind,
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
        "sector": sector,
        "name": head["name"],
    }
    skip = {"sector", "org_code", "name", "rank_in_sector", "last_admission"}
    for column in METRIC_COLUMNS:
        if column not in skip and not column.startswith("flag_"):
            result[column] = _plain(head[column])
    result["last_admission"] = _plain(head["last_admission"])
    for flag in ("no_admissions", "below_10pct", "none_2y", "behind_pace", "not_reported"):
        result[f"organisations_{flag}"] = int(orgs[f"flag_{flag}"].sum())
    result["months_elapsed_pct"] = months_elapsed_share(period) * 100
    result["year_elapsed_pct"] = year_elapsed_share(period) * 100
    mix = composition(tables, period, by=by, sector=sector, lang=lang).iloc[0]
    for column in COMPOSITION:
        result[column] = _plain(mix[column])
        result[f"{column}_pct"] = _plain(mix[f"{column}_pct"])
    timing = training_to_admission(tables, period, by=by, sector=sector, lang=lang).iloc[0]
    result["median_days_to_admission"] = _plain(timing["median_days_to_admission"])
    # The class the reports feature (the training report's too): the latest whole year's.
    cohort_year = last_full_year(period)
    cohort = conversion(tables, cohort_year, by=by, sector=sector, as_of=period.end, lang=lang).iloc[0]
    result["conversion_cohort"] = cohort_year
    result["conversion_trained"] = _plain(cohort["trained"])
    result["conversion_admitted"] = _plain(cohort["admitted"])
    result["conversion_pct"] = _plain(cohort["conversion_pct"])
    return result
