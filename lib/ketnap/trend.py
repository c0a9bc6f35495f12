"""Month by month and over the years: each month's own admissions, the monthly plans, earlier years.

What lives here: the tables behind the reports' "month by month" and "over the years" sections.
:func:`months_table` (one row per month of the period: the month's own count beside the cumulative
one, the same month a year earlier, and the monthly plans), :func:`months_by_sector` (sectors ×
months, against the plans), :func:`same_period_by_sector` (each sector and the city against the
same period last year), :func:`years_by_sector` (the same span of every year in the data, per
sector), the sentence that gives the month beside the cumulative figure (:func:`month_sentence`),
and the headings of the year columns (:func:`year_headings`; the month columns are in
:data:`ketnap.columns.COLUMNS`).

Monthly plans (``monthly_plans``) are registered by some organisations only, so a plan is never
set against all of a unit's admissions: beside it stands what the organisations *with* a plan
admitted (``planned_admitted``). Every figure is cut at the data-as-of date
(:func:`ketnap.periods.as_at`), as :mod:`ketnap.metrics` does.

What does not live here: the attainment, pace and flags (:mod:`ketnap.metrics`), the chart of the
years (:mod:`ketnap.trend_chart`), the label texts (:mod:`ketnap.trend_labels`). Everything here is
pure: it reads a :class:`~ketnap.io.Tables` and returns frames or text.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any, Final

import numpy as np
import pandas as pd

from ketnap import fmt, indicators
from ketnap.io import Tables
from ketnap.labels import t
from ketnap.periods import Period, as_at, parse_period

__all__ = [
    "MAX_YEARS",
    "TOTAL_ROW",
    "month_column",
    "month_sentence",
    "months_by_sector",
    "months_table",
    "planned_organisations",
    "same_period_by_sector",
    "span_label",
    "year_column",
    "year_columns",
    "year_headings",
    "years_by_sector",
]

#: The trend shows at most this many years, the latest ones.
MAX_YEARS: Final = 5
#: The index of a table's total row (as :func:`ketnap.scorecard.with_total` names it).
TOTAL_ROW: Final = "total"


def month_column(month: int) -> str:
    """The column of month ``month`` (1-12) in :func:`months_by_sector`: ``"month_02"``."""
    return f"month_{month:02d}"


def year_column(year: int) -> str:
    """The column of ``year`` in :func:`years_by_sector`: ``"year_2023"``."""
    return f"year_{year}"


def _period(tables: Tables, period: Period | str) -> Period:
    return as_at(parse_period(period), tables.manifest.get("as_of"))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _admissions(tables: Tables, start: date, end: date) -> pd.DataFrame:
    """Admissions dated within [start, end]: ``org_code``, ``sector`` (of the organisation) and ``month``."""
    adm = tables.admissions
    dates = adm["admission_date"]
    within = (dates >= pd.Timestamp(start)) & (dates <= pd.Timestamp(end))
    sector_of = tables.organisations.drop_duplicates("org_code").set_index("org_code")["sector"]
    chosen = adm.loc[within.fillna(False), ["org_code", "admission_date"]]
    return pd.DataFrame(
        {
            "org_code": chosen["org_code"].astype(object).to_numpy(),
            "sector": chosen["org_code"].map(sector_of).astype(object).to_numpy(),
            "month": chosen["admission_date"].dt.month.to_numpy(dtype=int),
        }
    )


def _plans(tables: Tables, year: int, months: list[int]) -> pd.DataFrame:
    """The organisations' monthly plan rows of ``year`` for ``months``, with each one's ``sector``."""
    plans = tables.monthly_plans
    plans = plans[(plans["year"] == year) & plans["org_code"].notna() & plans["month"].isin(months)]
    sector_of = tables.organisations.drop_duplicates("org_code").set_index("org_code")["sector"]
    return pd.DataFrame(
        {
            "org_code": plans["org_code"].astype(object).to_numpy(),
            "sector": plans["org_code"].map(sector_of).astype(object).to_numpy(),
            "month": plans["month"].to_numpy(dtype=int),
            "planned": pd.to_numeric(plans["planned_admissions"], errors="coerce").to_numpy(dtype=float),
        }
    )


def _sectors(tables: Tables, sector: str | None, lang: str) -> pd.DataFrame:
    sectors = tables.sectors.sort_values("order", kind="stable")
    if sector is not None:
        sectors = sectors[sectors["sector"] == sector]
    name = "name_vi" if lang == "vi" else "name_en"
    return pd.DataFrame(
        {"sector": sectors["sector"].to_numpy(dtype=object), "org_code": None, "name": sectors[name].to_numpy()},
        index=pd.Index(sectors["sector"].to_numpy(dtype=object), name="unit"),
    )


def months_table(tables: Tables, period: Period | str, *, sector: str | None = None, lang: str = "vi") -> pd.DataFrame:
    """One row per month of the period: the month's own admissions beside the cumulative, last year, the plans.

    Parameters
    ----------
    tables
        The processed tables.
    period
        The reporting period (cut at the data-as-of date): its months, from its first.
    sector
        A sector code for one sector; the whole city when ``None``.
    lang
        Language of the month names.

    Returns
    -------
    pandas.DataFrame
        Index the month number, then :data:`TOTAL_ROW`. Columns ``name`` ("Tháng 2"),
        ``month_admitted`` (that month's own admissions), ``cumulative`` (from the period's first
        month; blank in the total row), ``month_last_year`` (the same month a year earlier; NaN
        when the data have no admission in that year), ``plan`` (the monthly plans of the
        organisations that have one; NaN when none has) and ``planned_admitted`` (what those
        organisations admitted in the month).

    Examples
    --------
    A table of February 2024 reads "tháng 2: 157; lũy kế 231" in its second row.
    """
    p = _period(tables, period)
    months = list(range(p.start.month, p.end.month + 1))
    now = _admissions(tables, p.start, p.end)
    before = _admissions(tables, date(p.year - 1, p.start.month, 1), _month_end(p.year - 1, p.end.month))
    plans = _plans(tables, p.year, months)
    if sector is not None:
        now, before, plans = (frame[frame["sector"] == sector] for frame in (now, before, plans))
    has_last_year = bool(
        (
            (tables.admissions["admission_date"].dt.year == p.year - 1) & tables.admissions["admission_date"].notna()
        ).any()
    )
    count = now["month"].value_counts().reindex(months, fill_value=0).astype(int)
    last = before["month"].value_counts().reindex(months, fill_value=0).astype(float)
    plan = plans.groupby("month")["planned"].sum().reindex(months)
    planned_admitted = (
        now[now["org_code"].isin(set(plans["org_code"]))]["month"].value_counts().reindex(months, fill_value=0)
    )
    frame = pd.DataFrame(
        {
            "name": [t(f"trend.column.month_{m:02d}", lang) for m in months],
            "month_admitted": count.to_numpy(dtype=float),
            "cumulative": count.cumsum().to_numpy(dtype=float),
            "month_last_year": last.to_numpy() if has_last_year else np.nan,
            "plan": plan.to_numpy(dtype=float),
            "planned_admitted": planned_admitted.to_numpy(dtype=float),
        },
        index=pd.Index(months, name="month"),
    )
    frame.loc[frame["plan"].isna(), "planned_admitted"] = np.nan
    total = {
        "name": t("table.total", lang),
        "month_admitted": frame["month_admitted"].sum(),
        "cumulative": np.nan,
        "month_last_year": frame["month_last_year"].sum(min_count=1),
        "plan": frame["plan"].sum(min_count=1),
        "planned_admitted": frame["planned_admitted"].sum(min_count=1),
    }
    rows = pd.DataFrame([total], index=pd.Index([TOTAL_ROW], name="month"))
    return pd.concat([frame.astype({"name": object}), rows])


def months_by_sector(tables: Tables, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """Sectors × months: each sector's admissions in each month of the period, and against its monthly plans.

    Returns
    -------
    pandas.DataFrame
        One row per sector (index its code, in report order), then :data:`TOTAL_ROW` for the whole
        city (every admission, including any of an organisation without a sector). Columns
        ``sector``, ``org_code`` (empty), ``name``, one :func:`month_column` per month of the period,
        ``admitted`` (the period's total: the catalogue indicator), ``plan`` (the monthly plans, over
        the period, of the organisations that have one), ``planned_admitted`` (what those
        organisations admitted) and ``plan_pct`` (``planned_admitted ÷ plan × 100``).
    """
    p = _period(tables, period)
    months = list(range(p.start.month, p.end.month + 1))
    now = _admissions(tables, p.start, p.end)
    plans = _plans(tables, p.year, months)
    units = _sectors(tables, None, lang)
    planned_orgs = set(plans["org_code"])
    by_month = pd.crosstab(now["sector"], now["month"]) if len(now) else pd.DataFrame()
    by_month = by_month.reindex(index=units.index, columns=months, fill_value=0).fillna(0)
    frame = units.copy()
    for m in months:
        frame[month_column(m)] = by_month[m].to_numpy(dtype=float)
    frame["admitted"] = by_month.sum(axis=1).to_numpy(dtype=float)
    frame["plan"] = plans.groupby("sector")["planned"].sum().reindex(units.index).to_numpy(dtype=float)
    done = now[now["org_code"].isin(planned_orgs)].groupby("sector").size()
    frame["planned_admitted"] = done.reindex(units.index, fill_value=0).to_numpy(dtype=float)
    total: dict[str, object] = {"sector": None, "org_code": None, "name": t("trend.total_city", lang)}
    for m in months:
        total[month_column(m)] = float((now["month"] == m).sum())
    total["admitted"] = float(len(now))
    total["plan"] = float(plans["planned"].sum()) if len(plans) else np.nan
    total["planned_admitted"] = float(now["org_code"].isin(planned_orgs).sum())
    frame = pd.concat([frame, pd.DataFrame([total], index=pd.Index([TOTAL_ROW], name="unit"))])
    frame.loc[frame["plan"].isna(), "planned_admitted"] = np.nan
    plan = frame["plan"].where(frame["plan"] > 0)
    frame["plan_pct"] = frame["planned_admitted"] / plan * 100
    return frame


def planned_organisations(tables: Tables, period: Period | str) -> int:
    """How many organisations registered a monthly plan for the months of the period."""
    p = _period(tables, period)
    return int(_plans(tables, p.year, list(range(p.start.month, p.end.month + 1)))["org_code"].nunique())


def same_period_by_sector(by_sector: pd.DataFrame, city: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """The sectors and the city against the same period last year, from :func:`ketnap.metrics.metrics` rows.

    ``by_sector`` and ``city`` are the results of ``metrics(by="sector")`` and ``metrics(by="city")``;
    the city's own row comes last (index :data:`TOTAL_ROW`, shown as a total), named "Toàn thành phố":
    its figures are the city's (all its admissions, not a sum of the rows above).

    Returns
    -------
    pandas.DataFrame
        The rows with ``sector``, ``org_code``, ``name``, ``admitted``, ``admitted_last_year``,
        ``yoy_change`` and ``yoy_change_pct``.
    """
    columns = ["sector", "org_code", "name", "admitted", "admitted_last_year", "yoy_change", "yoy_change_pct"]
    city = city.assign(name=t("trend.total_city", lang)).set_axis(pd.Index([TOTAL_ROW]))
    return pd.concat([by_sector[columns], city[columns]])


def _years(tables: Tables, last: int) -> list[int]:
    """The years with admissions in the data, up to ``last``, the latest :data:`MAX_YEARS` of them."""
    years = tables.admissions["admission_date"].dropna().dt.year
    first = int(years.min()) if len(years) else last
    return list(range(max(first, last - MAX_YEARS + 1), last + 1))


def years_by_sector(
    tables: Tables, period: Period | str, *, sector: str | None = None, lang: str = "vi"
) -> pd.DataFrame:
    """The same span of every year in the data (up to :data:`MAX_YEARS`), per sector and for the city.

    The span is the period's own months (cut at the data-as-of date): January–February of each
    year for ``2024-02``, the fourth quarter of each year for ``2023-Q4``, each whole year for ``2023``.

    Returns
    -------
    pandas.DataFrame
        One row per sector (or the one ``sector``), then for the whole city the row
        :data:`TOTAL_ROW` (not with ``sector``). Columns ``sector``, ``org_code`` (empty), ``name``
        and one :func:`year_column` per year, oldest first: the admissions of that year's span.
    """
    p = _period(tables, period)
    units = _sectors(tables, sector, lang)
    frame = units.copy()
    total: dict[str, object] = {"sector": None, "org_code": None, "name": t("trend.total_city", lang)}
    for year in _years(tables, p.year):
        within = _admissions(tables, date(year, p.start.month, 1), _month_end(year, p.end.month))
        counts = within.groupby("sector").size().reindex(units.index, fill_value=0)
        frame[year_column(year)] = counts.to_numpy(dtype=float)
        total[year_column(year)] = float(len(within))
    if sector is None:
        frame = pd.concat([frame, pd.DataFrame([total], index=pd.Index([TOTAL_ROW], name="unit"))])
    return frame


def span_label(period: Period | str, lang: str = "vi") -> str:
    """The period's months without the year, as the trend names them: "2 tháng đầu năm", "quý IV", "cả năm".

    >>> span_label("2024-02"), span_label("2024-01"), span_label("2023-Q4"), span_label("2023")
    ('2 tháng đầu năm', 'tháng 1', 'quý IV', 'cả năm')
    """
    p = parse_period(period)
    if p.whole_year:
        return t("trend.span.year", lang)
    if p.kind == "quarter":
        assert p.quarter is not None
        return t("trend.span.quarter", lang, roman=fmt.ROMAN_QUARTERS[p.quarter], quarter=p.quarter)
    if p.end_month == 1:
        return t("trend.span.january", lang)
    return t("trend.span.months", lang, months=p.end_month)


def year_columns(frame: pd.DataFrame) -> list[str]:
    """The :func:`year_column` columns of ``frame``, oldest first."""
    return [str(column) for column in frame.columns if str(column).startswith("year_")]


def year_headings(frame: pd.DataFrame) -> dict[str, Any]:
    """``labels``, ``label_fields`` and ``formats`` for :func:`ketnap.present.table` of :func:`years_by_sector`.

    Each year column is headed by its year ("Năm 2023") and shown as a whole number; ``name`` is a sector's.

    >>> frame = pd.DataFrame(columns=["name", "year_2022", "year_2023"])
    >>> year_headings(frame)["labels"]["year_2023"], year_headings(frame)["label_fields"]
    ('trend.column.year_2', {'year_1': 2022, 'year_2': 2023})
    """
    years = year_columns(frame)
    return {
        "labels": {"name": "column.sector"}
        | {column: f"trend.column.year_{i}" for i, column in enumerate(years, start=1)},
        "label_fields": {f"year_{i}": int(column[5:]) for i, column in enumerate(years, start=1)},
        "formats": dict.fromkeys(years, "integer"),
    }


def month_sentence(
    tables: Tables, period: Period | str, *, sector: str | None = None, lang: str = "vi"
) -> indicators.Text:
    """The last month's own admissions beside the period's cumulative: "Riêng tháng 2/2024 … 157; lũy kế … 231".

    A period of one month says only that month. The cumulative figure is recorded as the
    ``admitted`` indicator of the scope (the city or ``sector``) and the period.
    """
    p = _period(tables, period)
    rows = months_table(tables, p, sector=sector, lang=lang).drop(index=TOTAL_ROW)
    said = indicators.Stated(sector or "city", p.label, lang)
    admitted = said("admitted", rows["month_admitted"].sum())
    fields = {"month": fmt.month(p.end, lang), "period": fmt.period_label(p, lang), "admitted": admitted}
    if len(rows) == 1:
        return said.text(t("trend.sentence.one_month", lang, **fields))
    month_admitted = fmt.integer(rows["month_admitted"].iloc[-1], lang)
    return said.text(t("trend.sentence.month", lang, month_admitted=month_admitted, **fields))
