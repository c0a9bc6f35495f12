"""From the training class to full membership: what the ``training-pipeline`` report computes.

What lives here: a candidate's path from the Party awareness training class to admission and on
to full membership: attendance at the class against the plan, the share of each class year
admitted since, the time from certificate to admission, and the probationary members due for full
membership. Every function is pure: it takes a :class:`ketnap.io.Tables` and a period and returns a
DataFrame or a dict of counts. Nothing reads files or draws. The admissions metrics themselves
(attainment, pace, training attainment, conversion of one cohort) are :mod:`ketnap.metrics`; this
module arranges them for the report and adds what it needs beyond them. The annual review for
the grading is :mod:`ketnap.review`.

Results are aggregate: no function returns a ``person_key``, a name or a date of birth.

Methods (documented once, here)
-------------------------------
Training attendance
    :func:`training_by_sector` is :func:`ketnap.metrics.metrics` at sector and city level: distinct
    people certified in the period, by the organisation that sent them, against the annual plan.
    A sector's plan is the sum of its organisations' plans; the city's plan is the city's own
    (these usually add up to more than the city's, as targets do).
Conversion by cohort
    :func:`conversion_by_cohort` runs :func:`ketnap.metrics.conversion` for every cohort year from
    the first year with training data to the period's year, counting admissions and conversions
    up to the period's end. Recent cohorts are right-censored: their people have not yet had time
    to be admitted.
Days to admission
    :func:`days_to_admission`: for each person admitted in the period who holds a certificate
    dated on or before the admission, the days from the latest such certificate to the admission
    (the method of :func:`ketnap.metrics.training_to_admission`, one row per admission).
    :func:`days_to_admission_bands` counts them in bands of months (30.4375 days a month).
Due for full membership
    A probationary member is due for full membership 12 calendar months after the admission date:
    ``due_date = admission_date + 1 year``. An admission on 29 February falls due on **28
    February** of the next year (the month end, as :class:`pandas.DateOffset` and
    :func:`ketnap.periods.same_period_last_year` do), so it stays in the February of its
    anniversary. A person counts as converted when the conversions table holds their
    ``person_key`` with a ``conversion_date`` on or before the period's end (a conversion dated
    later is not known at the period's end). Each admission is then one of: *converted*;
    *awaiting* (due within the period, not converted); *overdue* (due before the period's start,
    not converted); *upcoming* (due within the three months after the period's end, not
    converted). The data cannot tell a member still on probation from one who left the Party, so
    *overdue* is "no conversion on record", which is what an organisation has to explain.
"""

from __future__ import annotations

from datetime import date
from typing import Final

import numpy as np
import pandas as pd

from ketnap import fmt
from ketnap.io import Tables
from ketnap.labels import t
from ketnap.metrics import Level, conversion, metrics
from ketnap.periods import Period, last_full_year, parse_period

__all__ = [
    "DAY_BANDS",
    "DUE_COLUMNS",
    "TRAINING_COLUMNS",
    "conversion_by_cohort",
    "days_to_admission",
    "days_to_admission_bands",
    "days_to_admission_summary",
    "due_dates",
    "due_for_full_membership",
    "training_by_sector",
]

#: Columns of :func:`training_by_sector`.
TRAINING_COLUMNS: Final[list[str]] = [
    "sector", "name", "organisations", "organisations_with_trainees",
    "trained", "training_plan", "training_attainment_pct", "is_total",
]  # fmt: skip

#: Count columns of :func:`due_for_full_membership`, after the unit columns.
DUE_COLUMNS: Final[list[str]] = ["due", "converted", "awaiting", "overdue", "outstanding", "upcoming"]

#: Bands of :func:`days_to_admission_bands`: (key, lower month inclusive, upper month exclusive).
DAY_BANDS: Final[tuple[tuple[str, float, float], ...]] = (
    ("0_3", 0, 3),
    ("3_6", 3, 6),
    ("6_12", 6, 12),
    ("12_24", 12, 24),
    ("24_plus", 24, np.inf),
)

_DAYS_PER_MONTH: Final[float] = 365.25 / 12
_UPCOMING_MONTHS: Final[int] = 3


def _end_of(day: date) -> pd.Timestamp:
    """The first instant after ``day``: ``dates < _end_of(day)`` means on or before ``day``."""
    return pd.Timestamp(day) + pd.Timedelta(days=1)


# --- training ----------------------------------------------------------------------------------


def training_by_sector(tables: Tables, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """Training-class attendance against the plan, per sector and for the whole city.

    Parameters
    ----------
    tables : Tables
    period : Period or str
        ``"2024-02"`` (year to date), ``"2024-Q1"`` or ``"2023"``.
    lang : {"vi", "en"}
        Language of the ``name`` column.

    Returns
    -------
    pandas.DataFrame
        :data:`TRAINING_COLUMNS`, one row per sector in display order, then a city row
        (``is_total`` true, ``sector`` missing). ``trained`` counts distinct people; the plan is
        annual, so a part of the year is measured against the whole year's plan;
        ``training_attainment_pct`` is NaN without a plan.
    """
    by_sector = metrics(tables, period, by="sector", lang=lang)
    city = metrics(tables, period, by="city", lang=lang)
    frame = pd.concat([by_sector.assign(is_total=False), city.assign(is_total=True)], ignore_index=True)
    return frame[TRAINING_COLUMNS]


def conversion_by_cohort(
    tables: Tables, period: Period | str, *, first_cohort: int | None = None, lang: str = "vi"
) -> pd.DataFrame:
    """Trained-to-admitted conversion of each yearly training cohort, counted up to the period's end.

    Parameters
    ----------
    tables : Tables
    period : Period or str
        Cohorts run up to the period's year; admissions and conversions count up to its end.
    first_cohort : int, optional
        The first cohort year; default the first year with training data.
    lang : {"vi", "en"}

    Returns
    -------
    pandas.DataFrame
        One row per cohort with anyone trained (oldest first): ``cohort``, ``trained``,
        ``admitted``, ``conversion_pct``, ``full_members`` (see
        :func:`ketnap.metrics.conversion`), ``complete``: false for the period's own year when
        the period ends before 31 December (the cohort is still being trained), and
        ``cohort_label``: the year, with "to <period end>" for an incomplete cohort.
    """
    period = parse_period(period)
    dates = tables.training["completion_date"].dropna()
    columns = ["cohort", "cohort_label", "trained", "admitted", "conversion_pct", "full_members", "complete"]
    if dates.empty:
        return pd.DataFrame({c: pd.Series(dtype=float) for c in columns})
    start = int(dates.dt.year.min()) if first_cohort is None else int(first_cohort)
    rows = []
    for cohort in range(start, period.year + 1):
        row = conversion(tables, cohort, by="city", as_of=period.end, lang=lang).iloc[0]
        if row["trained"] == 0:
            continue
        complete = cohort <= last_full_year(period)
        rows.append(
            {
                "cohort": cohort,
                "cohort_label": str(cohort)
                if complete
                else t("pipeline.cohort.partial", lang, year=cohort, end=fmt.date(period.end, lang)),
                "trained": int(row["trained"]),
                "admitted": int(row["admitted"]),
                "conversion_pct": float(row["conversion_pct"]),
                "full_members": int(row["full_members"]),
                "complete": complete,
            }
        )
    return pd.DataFrame(rows, columns=columns)


def days_to_admission(tables: Tables, period: Period | str) -> pd.DataFrame:
    """Days from the training certificate to admission, one row per admission in ``period``.

    Only admissions with a certificate dated on or before the admission count; the latest such
    certificate is used (the method of :func:`ketnap.metrics.training_to_admission`).

    Returns
    -------
    pandas.DataFrame
        ``org_code``, ``sector``, ``admission_date``, ``days`` (int), sorted by admission date
        then organisation. No person key: the rows are admissions, not people to look up.
    """
    period = parse_period(period)
    adm = tables.admissions
    dates = adm["admission_date"]
    adm = adm[(dates >= pd.Timestamp(period.start)) & (dates < _end_of(period.end))]
    adm = adm[["person_key", "org_code", "admission_date"]].reset_index(drop=True)
    adm["admission_id"] = np.arange(len(adm))
    pairs = adm.merge(tables.training[["person_key", "completion_date"]], on="person_key", how="inner")
    pairs = pairs[pairs["completion_date"] <= pairs["admission_date"]]
    latest = pairs.groupby("admission_id", as_index=False).agg(
        org_code=("org_code", "first"),
        admission_date=("admission_date", "first"),
        completion_date=("completion_date", "max"),
    )
    sector = tables.organisations.set_index("org_code")["sector"]
    out = pd.DataFrame(
        {
            "org_code": latest["org_code"].astype(object),
            "sector": latest["org_code"].map(sector).astype(object),
            "admission_date": latest["admission_date"],
            "days": (latest["admission_date"] - latest["completion_date"]).dt.days.astype(int),
        }
    )
    return out.sort_values(["admission_date", "org_code"], kind="stable").reset_index(drop=True)


def days_to_admission_summary(days: pd.DataFrame | pd.Series) -> dict[str, float]:
    """Count, median and quartiles of the days from training to admission.

    Parameters
    ----------
    days : DataFrame or Series
        A result of :func:`days_to_admission` (its ``days`` column is used) or the days themselves.

    Returns
    -------
    dict
        ``count``, ``median``, ``q1`` (25th percentile), ``q3`` (75th), ``p90`` and ``max``, in
        days (NaN when there are none); percentiles interpolate linearly, as pandas does.
        ``median_months`` is the median, rounded to whole days as shown, in months of 30.4375 days.
    """
    values = (days["days"] if isinstance(days, pd.DataFrame) else days).astype(float)
    if values.empty:
        keys = ("median", "median_months", "q1", "q3", "p90", "max")
        return {"count": 0, **dict.fromkeys(keys, np.nan)}
    return {
        "count": int(values.size),
        "median": float(values.median()),
        # From the whole days the reports show (80,5 shows as 81), so 81 days is always the same months.
        "median_months": float(np.floor(values.median() + 0.5)) / _DAYS_PER_MONTH,
        "q1": float(values.quantile(0.25)),
        "q3": float(values.quantile(0.75)),
        "p90": float(values.quantile(0.9)),
        "max": float(values.max()),
    }


def days_to_admission_bands(days: pd.DataFrame | pd.Series) -> pd.DataFrame:
    """Admissions counted by months from training to admission, in the bands of :data:`DAY_BANDS`.

    Returns
    -------
    pandas.DataFrame
        ``band`` (a key of :data:`DAY_BANDS`), ``count`` and ``share`` (0-1 of all counted; NaN
        when there are none), every band present in order. A band's months are
        ``days / 30.4375``, lower bound included, upper excluded (exactly 3 months goes to 3-6).
    """
    values = (days["days"] if isinstance(days, pd.DataFrame) else days).astype(float)
    months = values / _DAYS_PER_MONTH
    counts = [int(((months >= low) & (months < high)).sum()) for _, low, high in DAY_BANDS]
    total = sum(counts)
    return pd.DataFrame(
        {
            "band": [key for key, _, _ in DAY_BANDS],
            "count": counts,
            "share": [c / total if total else np.nan for c in counts],
        }
    )


# --- full membership ---------------------------------------------------------------------------


def due_dates(admission_dates: pd.Series) -> pd.Series:
    """The date each probationary member is due for full membership: 12 months after admission.

    A 29 February admission falls due on 28 February of the next year (see the module docstring).

    Examples
    --------
    >>> due_dates(pd.Series(pd.to_datetime(["2023-03-15", "2024-02-29"]))).dt.strftime("%d/%m/%Y").tolist()
    ['15/03/2024', '28/02/2025']
    """
    return pd.to_datetime(admission_dates) + pd.DateOffset(years=1)


def _units(tables: Tables, by: Level, lang: str) -> pd.DataFrame:
    sectors = tables.sectors.sort_values("order", kind="stable")
    if by == "sector":
        name = "name_vi" if lang == "vi" else "name_en"
        return pd.DataFrame(
            {"sector": sectors["sector"].to_numpy(), "org_code": None, "name": sectors[name].to_numpy()},
            index=pd.Index(sectors["sector"].to_numpy(), name="unit"),
        )
    if by == "city":
        return pd.DataFrame(
            {"sector": [None], "org_code": [None], "name": [t("org.city", lang)]},
            index=pd.Index(["city"], name="unit"),
        )
    orgs = fmt.sort_vi(tables.organisations, "name")
    order = sectors.set_index("sector")["order"]
    orgs = orgs.iloc[np.argsort(orgs["sector"].map(order).fillna(np.inf).to_numpy(), kind="stable")]
    units = orgs[["sector", "org_code", "name"]].astype(object)
    units.index = pd.Index(orgs["org_code"].to_numpy(), name="unit")
    return units


def due_for_full_membership(
    tables: Tables, period: Period | str, *, by: Level = "organisation", lang: str = "vi"
) -> pd.DataFrame:
    """Probationary members due for full membership in ``period``, or overdue, counted per unit.

    Parameters
    ----------
    tables : Tables
    period : Period or str
        Due dates within ``[start, end]`` are *due in the period*; before ``start``, *overdue*.
        Conversions count when dated on or before ``end``.
    by : {"organisation", "sector", "city"}
        The unit counted: the admitting organisation, its sector, or the whole city.
    lang : {"vi", "en"}
        Language of the ``name`` column (sector and city names).

    Returns
    -------
    pandas.DataFrame
        ``sector``, ``org_code``, ``name``, then :data:`DUE_COLUMNS`: ``due`` (due within the
        period), ``converted`` (of those, converted by the period's end), ``awaiting`` (of those,
        not converted), ``overdue`` (due before the period, not converted by its end),
        ``outstanding`` (awaiting + overdue) and ``upcoming`` (due within the three months after
        the period, not converted). Counts only; for ``by="organisation"`` only organisations with
        any non-zero count, in display order (sector, then Vietnamese alphabetical name).
    """
    if by not in ("organisation", "sector", "city"):
        raise ValueError(f"unknown level {by!r}; valid: organisation, sector, city")
    period = parse_period(period)
    end = _end_of(period.end)
    adm = tables.admissions[["person_key", "org_code", "admission_date"]].dropna(subset=["admission_date"])
    adm = adm[adm["admission_date"] < end]
    conv = tables.conversions
    converted_keys = set(conv.loc[conv["conversion_date"] < end, "person_key"])
    due = due_dates(adm["admission_date"])
    converted = adm["person_key"].isin(converted_keys)
    start = pd.Timestamp(period.start)
    horizon = _end_of((pd.Timestamp(period.end) + pd.DateOffset(months=_UPCOMING_MONTHS)).date())
    flags = pd.DataFrame(
        {
            "due": (due >= start) & (due < end),
            "overdue": (due < start) & ~converted,
            "upcoming": (due >= end) & (due < horizon) & ~converted,
        }
    )
    flags["converted"] = flags["due"] & converted
    flags["awaiting"] = flags["due"] & ~converted
    flags["outstanding"] = flags["awaiting"] | flags["overdue"]
    units = _units(tables, by, lang)
    if by == "organisation":
        keys = adm["org_code"].astype(object)
    elif by == "sector":
        keys = adm["org_code"].map(tables.organisations.set_index("org_code")["sector"]).astype(object)
    else:
        keys = pd.Series("city", index=adm.index, dtype=object)
    counts = flags[DUE_COLUMNS].astype(int).groupby(keys).sum().reindex(units.index, fill_value=0)
    out = pd.concat([units, counts.astype(int)], axis=1)
    if by == "organisation":
        out = out[out[DUE_COLUMNS].sum(axis=1) > 0]
    return out.reset_index(drop=True)
