"""The organisations' lineage over time: names, sectors, predecessors and successors on a date.

Pure functions over the ``organisations`` table (each organisation as the ``Tổ chức`` sheet gives it:
its name and sector as founded, its validity ``active_from``/``active_to``) and the
``organisation_events`` table (the ``Lịch sử`` sheet, checked at ingestion: :mod:`ketnap.ingest.history`).
Nothing reads a file.

* :func:`state_on` gives every organisation its name and sector valid on a day (renames and moves up to
  that day applied); :func:`at_day` a :class:`~ketnap.io.Tables` whose ``organisations`` are so, which
  is what a period's figures use (the day is the period's end: a renamed organisation shows the name
  valid then, a moved one counts in the sector it belonged to then, in every figure of the period,
  last year's included).
* :func:`successor` / :func:`predecessors`: where an organisation was merged into, and what was merged
  into one (following chains).
* :func:`last_year_owner`: for the same period last year, which organisation's row each organisation's
  figures count in: an organisation no longer active in the period counts in the one it was merged into
  (a merged unit's last year is the sum of its predecessors'); a unit split off has no last year of its
  own (nothing is invented: :func:`notes` says so).
* :func:`notes` / :func:`period_notes`: the sentences a report that compares with last year adds (label
  catalog).
"""

from __future__ import annotations

import dataclasses
import weakref
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import numpy as np
import pandas as pd

from ketnap.io import Tables, empty_table
from ketnap.labels import t
from ketnap.periods import Period, as_at, parse_period

__all__ = [
    "at_day",
    "at_period_end",
    "day_before",
    "events_of",
    "last_year_owner",
    "notes",
    "period_notes",
    "predecessors",
    "split_origin",
    "state_on",
    "successor",
]


def events_of(tables: Tables) -> pd.DataFrame:
    """The ``organisation_events`` of ``tables`` (an empty table when they have none)."""
    events = getattr(tables, "organisation_events", None)
    return empty_table("organisation_events") if events is None else events


def _day(value: date | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(value).normalize()


def state_on(organisations: pd.DataFrame, events: pd.DataFrame, day: date | pd.Timestamp) -> pd.DataFrame:
    """``organisations`` with ``name`` and ``sector`` as valid on ``day`` (a copy when anything changed).

    The renames and moves dated on or before ``day`` apply, in date order; an organisation not yet
    renamed keeps the name of the ``Tổ chức`` sheet, and one that has ended keeps its last name.

    >>> orgs = pd.DataFrame({"org_code": ["A"], "name": ["Old"], "sector": ["s1"]})
    >>> events = pd.DataFrame({"date": pd.to_datetime(["2023-07-01", "2024-01-01"]),
    ...     "event": ["renamed", "moved"], "org_code": ["A", "A"], "related_code": [None, None],
    ...     "new_name": ["New", None], "new_sector": [None, "s2"]})
    >>> state_on(orgs, events, date(2023, 6, 30))[["name", "sector"]].values.tolist()
    [['Old', 's1']]
    >>> state_on(orgs, events, date(2024, 2, 29))[["name", "sector"]].values.tolist()
    [['New', 's2']]
    """
    changes = events[events["event"].isin(["renamed", "moved"]) & (events["date"] <= _day(day))]
    if changes.empty:
        return organisations
    out = organisations.copy()
    position = pd.Series(np.arange(len(out)), index=out["org_code"].to_numpy())
    names = out["name"].to_numpy(dtype=object).copy()
    sectors = out["sector"].to_numpy(dtype=object).copy()
    for row in changes.sort_values("date", kind="stable").itertuples(index=False):
        at = position.get(row.org_code)
        if at is None:
            continue
        if row.event == "renamed" and pd.notna(row.new_name):
            names[at] = row.new_name
        elif row.event == "moved" and pd.notna(row.new_sector):
            sectors[at] = row.new_sector
    out["name"] = pd.array(names, dtype=organisations["name"].dtype)
    out["sector"] = pd.array(sectors, dtype=organisations["sector"].dtype)
    return out


# A view made by at_day -> (a weak reference to it, a weak reference to the tables it was made from, and
# their organisations): a view of a view starts again from the original names and sectors.
_ORIGIN: dict[int, tuple[weakref.ref[Tables], weakref.ref[Tables], pd.DataFrame]] = {}
# The tables views are made from -> (a weak reference to them, their views by day): the same day gives
# the same view, so what is memoised on a view (ketnap.metrics) is found again.
_VIEWS: dict[int, tuple[weakref.ref[Tables], dict[pd.Timestamp, Tables]]] = {}


def _forget(table: dict[int, Any], ident: int) -> Callable[[object], None]:
    def forget(_ref: object) -> None:
        table.pop(ident, None)

    return forget


def at_day(tables: Tables, day: date | pd.Timestamp) -> Tables:
    """``tables`` with the organisations as on ``day`` (:func:`state_on`); ``tables`` itself when nothing changes.

    The same tables and day give the same object; a view given again starts from the original names.
    """
    day = _day(day)
    origin = _ORIGIN.get(id(tables))
    if origin is not None and origin[0]() is tables:
        base = origin[1]()
        if base is None:  # the original tables are gone: start from their organisations, unmemoised
            organisations = state_on(origin[2], events_of(tables), day)
            return dataclasses.replace(tables, organisations=organisations)
        tables = base
    entry = _VIEWS.get(id(tables))
    if entry is None or entry[0]() is not tables:
        entry = (weakref.ref(tables, _forget(_VIEWS, id(tables))), {})
        _VIEWS[id(tables)] = entry
    views = entry[1]
    if day not in views:
        organisations = state_on(tables.organisations, events_of(tables), day)
        view = tables
        if organisations is not tables.organisations:
            view = dataclasses.replace(tables, organisations=organisations)
            ref = weakref.ref(view, _forget(_ORIGIN, id(view)))
            _ORIGIN[id(view)] = (ref, weakref.ref(tables), tables.organisations)
        views[day] = view
    return views[day]


def at_period_end(tables: Tables, period: Period | str) -> Tables:
    """``tables`` as on the end of ``period`` (cut at the data-as-of date): what a period's figures use."""
    if events_of(tables).empty:
        return tables
    return at_day(tables, as_at(parse_period(period), tables.manifest.get("as_of")).end)


def successor(events: pd.DataFrame, code: str) -> tuple[str, pd.Timestamp] | None:
    """The organisation ``code`` was merged into, and the date, or ``None``."""
    merged = events[(events["event"] == "merged_into") & (events["org_code"] == code)]
    if merged.empty:
        return None
    row = merged.iloc[0]
    return str(row["related_code"]), pd.Timestamp(row["date"])


def split_origin(events: pd.DataFrame, code: str) -> tuple[str, pd.Timestamp] | None:
    """The organisation ``code`` was split from, and the date, or ``None``."""
    split = events[(events["event"] == "split_from") & (events["org_code"] == code)]
    if split.empty:
        return None
    row = split.iloc[0]
    return str(row["related_code"]), pd.Timestamp(row["date"])


def predecessors(events: pd.DataFrame, code: str, day: date | pd.Timestamp) -> list[str]:
    """The organisations merged into ``code`` on or before ``day``, and those merged into them, by date.

    >>> events = pd.DataFrame({"date": pd.to_datetime(["2023-01-01", "2024-01-01"]),
    ...     "event": ["merged_into"] * 2, "org_code": ["X", "B"], "related_code": ["B", "C"]})
    >>> predecessors(events, "C", date(2024, 2, 29)), predecessors(events, "C", date(2023, 12, 31))
    (['B', 'X'], [])
    """
    merged = events[(events["event"] == "merged_into") & (events["date"] <= _day(day))]
    found: list[str] = []
    todo = [code]
    while todo:
        current = todo.pop(0)
        for row in merged[merged["related_code"] == current].sort_values("date", kind="stable").itertuples():
            if row.org_code not in found and row.org_code != code:  # ingestion refuses cycles; never loop
                found.append(str(row.org_code))
                todo.append(str(row.org_code))
    return found


def _active_on(organisations: pd.DataFrame, start: date, end: date) -> np.ndarray:
    return (
        (organisations["active_from"].isna() | (organisations["active_from"] <= _day(end)))
        & (organisations["active_to"].isna() | (organisations["active_to"] >= _day(start)))
    ).to_numpy(dtype=bool)


def last_year_owner(tables: Tables, start: date, end: date) -> np.ndarray:
    """For each organisation row, the row its figures of the same period last year count in.

    An organisation active in [``start``, ``end``] (the period) owns its own; one that is not, and was
    merged into another (following the chain to the first one active in the period), counts in that
    one's row; any other owns its own (it is out of scope, so its figures show in no organisation's row
    but still in its sector's and the city's).
    """
    orgs = tables.organisations
    owner = np.arange(len(orgs))
    events = events_of(tables)
    if events.empty or not (events["event"] == "merged_into").any():
        return owner
    active = _active_on(orgs, start, end)
    row_of = {code: i for i, code in enumerate(orgs["org_code"])}
    merged = {
        str(r.org_code): str(r.related_code)
        for r in events[events["event"] == "merged_into"].itertuples()
        if pd.notna(r.related_code)
    }
    for i, code in enumerate(orgs["org_code"]):
        if active[i] or code not in merged:
            continue
        current, seen = code, {code}
        while current in merged and merged[current] not in seen:
            current = merged[current]
            seen.add(current)
            if current in row_of and active[row_of[current]]:
                owner[i] = row_of[current]
                break
    return owner


def _date(value: pd.Timestamp) -> str:
    return f"{value:%d/%m/%Y}"


def notes(tables: Tables, start: date, end: date, codes: list[str] | None = None, *, lang: str = "vi") -> list[str]:
    """The lineage notes of a report over [``start``, ``end``] that compares with the same period last year.

    One sentence per organisation active in the period (of ``codes``, when given) whose last year is
    compared through the lineage (predecessors merged into it and no longer active in the period), and
    one per organisation split off within the last year (it has no last year of its own). Names are
    those valid at ``end``. Empty without a history.
    """
    events = events_of(tables)
    if events.empty:
        return []
    orgs = state_on(tables.organisations, events, end)
    named = dict(zip(orgs["org_code"], orgs["name"], strict=True))
    active = _active_on(orgs, start, end)
    wanted = set(orgs["org_code"]) if codes is None else set(codes)
    owner = last_year_owner(dataclasses.replace(tables, organisations=orgs), start, end)
    out: list[str] = []
    row_codes = orgs["org_code"].to_numpy(dtype=object)
    for i, code in enumerate(row_codes):
        if not active[i] or code not in wanted:
            continue
        merged_in = [str(row_codes[j]) for j in np.flatnonzero(owner == i) if j != i]
        if merged_in:
            listed = "; ".join(named[c] for c in sorted(merged_in, key=lambda c: str(named[c])))
            out.append(t("history.note.merged", lang, name=named[code], predecessors=listed))
        origin = split_origin(events, str(code))
        year_before = _day(start) - pd.DateOffset(years=1)
        if origin is not None and origin[1] > year_before and origin[0] in named:
            out.append(t("history.note.split", lang, name=named[code], origin=named[origin[0]], date=_date(origin[1])))
    return out


def day_before(day: date) -> date:
    """The last day of an organisation that ends (merged, dissolved) on ``day``."""
    return day - timedelta(days=1)


def period_notes(
    tables: Tables,
    period: Period | str,
    *,
    sector: str | None = None,
    org_code: str | None = None,
    lang: str = "vi",
) -> list[str]:
    """:func:`notes` of a report on ``period`` (cut at the data-as-of date): for one sector's organisations, or
    one organisation, if given (the sector as at the period's end)."""
    if events_of(tables).empty:
        return []
    cut = as_at(parse_period(period), tables.manifest.get("as_of"))
    orgs = state_on(tables.organisations, events_of(tables), cut.end)
    codes = [
        str(c)
        for c, s in zip(orgs["org_code"], orgs["sector"], strict=True)
        if (sector is None or s == sector) and (org_code is None or c == org_code)
    ]
    return notes(tables, cut.start, cut.end, codes, lang=lang)
