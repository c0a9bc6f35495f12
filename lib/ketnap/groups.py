"""The Standing Board's working groups (tổ công tác): what a group's head needs, for one period.

What lives here: the data of the group report (``notebooks/group.ipynb``, published as
``reports/<period>/group-<code>.html``), computed from a :class:`ketnap.io.Tables` by pure
functions. The groups are reference data (``reference/groups.csv`` and the organisations'
``Tổ công tác`` column, ``docs/data-dictionary.md``); without them there are no groups and no group
reports. Every organisation figure is its row of :func:`ketnap.metrics.metrics`, the very row the
organisations, sector and card pages show, so a group report cannot disagree with them.

Methods (documented once, here)
-------------------------------
Groups with a report
    :func:`group_codes`: the groups (in their ``order``) with at least one organisation among those of
    :func:`ketnap.metrics.metrics` for the period (active at some point in it, or admitting in it).
The group's figures
    :func:`headline`: ``admitted`` and ``target`` are the sums over its organisations (the target
    missing when none has one), ``attainment_pct = admitted ÷ target × 100``, as a sector's
    (:mod:`ketnap.metrics`). Recorded in the figures block under the scope ``group-<code>``.
Ranking
    :func:`ranked`: by attainment, highest first; ``rank_in_group`` 1 = highest, ties share the best
    rank. Organisations without a target, or whose return for the period is missing (no figure:
    :mod:`ketnap.completeness`), are not ranked and come last, most admissions first, then by name.
Behind
    :func:`behind`: :func:`ketnap.rules.behind_pace` of the group's organisations: behind pace in a
    period in progress, short of the target in a finished one (the same rule, the same words).
Returns missing
    :func:`missing_returns`: :func:`ketnap.completeness.not_reported` for the group's organisations:
    no return for the period's last month. Empty when the returns register knows nothing of it.

Privacy: a group report carries the organisations' counts (as the organisations report does) and no
composition of the new members, so nothing here can fall under :mod:`ketnap.privacy`'s threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ketnap import completeness, fmt
from ketnap import scorecard as sc
from ketnap.io import Tables
from ketnap.metrics import metrics
from ketnap.periods import Period, as_at, parse_period
from ketnap.rules import behind_pace

__all__ = [
    "Group",
    "behind",
    "find",
    "group_codes",
    "group_organisations",
    "headline",
    "missing_returns",
    "overview",
    "ranked",
    "scope",
]


@dataclass(frozen=True)
class Group:
    """One working group: its code, name and its head's title (a post, never a person's name)."""

    code: str
    name: str
    head: str


def scope(code: str) -> str:
    """The scope of a group's figures in the figures block (``group-TCT1``), the stem of its report too.

    >>> scope("TCT1")
    'group-TCT1'
    """
    return f"group-{code}"


def _cut(tables: Tables, period: Period | str) -> Period:
    return as_at(parse_period(period), tables.manifest.get("as_of"))


def find(tables: Tables, code: str, lang: str = "vi") -> Group:
    """The group ``code`` of ``tables.groups``; a ``ValueError`` lists the known codes."""
    rows = tables.groups[tables.groups["group"] == code]
    if rows.empty:
        known = ", ".join(tables.groups["group"].astype(str)) or "none"
        raise ValueError(f"unknown working group {code!r}; known: {known}")
    row = rows.iloc[0]
    suffix = "vi" if lang == "vi" else "en"
    return Group(code, str(row[f"name_{suffix}"]), str(row[f"head_{suffix}"]))


def group_codes(tables: Tables, period: Period | str) -> list[str]:
    """The groups that get a report for ``period``: those with an organisation in it, in their order."""
    if tables.groups.empty:
        return []
    in_period = metrics(tables, _cut(tables, period), by="organisation")["org_code"]
    orgs = tables.organisations
    used = set(orgs.loc[orgs["org_code"].isin(set(in_period)), "group"].dropna().astype(str))
    ordered = tables.groups.sort_values(["order", "group"], kind="stable")["group"].astype(str)
    return [code for code in ordered if code in used]


def group_organisations(tables: Tables, period: Period | str, code: str, *, lang: str = "vi") -> pd.DataFrame:
    """The group's organisations: their :func:`ketnap.metrics.metrics` rows with the scorecard's display columns.

    In display order (sector, then name); organisations whose return is missing show no figure
    (:func:`ketnap.scorecard.with_display_columns`).
    """
    cut = _cut(tables, period)
    rows = metrics(tables, cut, by="organisation", lang=lang)
    members = set(tables.organisations.loc[(tables.organisations["group"] == code).fillna(False), "org_code"])
    return sc.with_display_columns(rows[rows["org_code"].isin(members)], cut, lang=lang)


def ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (organisation rows) ranked by attainment, with ``rank_in_group`` (see the module docstring).

    >>> rows = pd.DataFrame({"name": ["A", "B", "C", "D"], "admitted": [1, 3, 2, 5],
    ...                      "attainment_pct": [50.0, 75.0, np.nan, 50.0], "flag_not_reported": [False] * 4})
    >>> out = ranked(rows)
    >>> out["name"].tolist(), out["rank_in_group"].tolist()
    (['B', 'A', 'D', 'C'], [1.0, 2.0, 2.0, nan])
    """
    missing = frame["flag_not_reported"].fillna(False).astype(bool) if "flag_not_reported" in frame else False
    attainment = pd.to_numeric(frame["attainment_pct"], errors="coerce").where(~missing)
    out = frame.assign(rank_in_group=attainment.rank(method="min", ascending=False))
    by_name = fmt.sort_vi(out, "name")
    has_rank = by_name["rank_in_group"].notna()
    with_rank = by_name[has_rank].sort_values("rank_in_group", kind="stable")
    without = by_name[~has_rank].sort_values("admitted", ascending=False, kind="stable")
    return pd.concat([with_rank, without])


def behind(frame: pd.DataFrame) -> pd.DataFrame:
    """The group's organisations behind pace (short of the target, when the period is over), furthest first."""
    return behind_pace(frame)


def missing_returns(tables: Tables, period: Period | str, code: str, *, lang: str = "vi") -> pd.DataFrame:
    """The group's organisations with no return for the period's last month.

    :func:`ketnap.completeness.not_reported` for the group's organisations.
    """
    return completeness.not_reported(tables, _cut(tables, period), group=code, lang=lang)


def headline(tables: Tables, period: Period | str, code: str, *, lang: str = "vi") -> dict[str, Any]:
    """The group's own figures: ``admitted``, ``target``, ``attainment_pct``, ``organisations``, the counts
    of organisations with a target and behind pace, with ``period`` (its label) and ``scope`` (``group-<code>``).
    """
    cut = _cut(tables, period)
    rows = metrics(tables, cut, by="organisation", lang=lang)
    members = set(tables.organisations.loc[(tables.organisations["group"] == code).fillna(False), "org_code"])
    rows = rows[rows["org_code"].isin(members)]
    admitted = int(rows["admitted"].sum())
    target = pd.to_numeric(rows["target"], errors="coerce").sum(min_count=1)
    has_target = bool(target > 0)
    return {
        "period": cut.label,
        "scope": scope(code),
        "organisations": len(rows),
        "organisations_with_target": int((~rows["flag_no_target"].astype(bool)).sum()),
        "organisations_behind_pace": int(rows["flag_behind_pace"].astype(bool).sum()),
        "admitted": admitted,
        "target": float(target) if has_target else np.nan,
        "attainment_pct": admitted / float(target) * 100 if has_target else np.nan,
    }


def overview(tables: Tables, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """One row per group with a report for ``period`` (:func:`group_codes`), for the city overview.

    Columns ``group`` (its code: the row links to ``group-<code>.html``), ``scope``, ``name``,
    ``head``, ``organisations``, ``admitted``, ``target`` and ``attainment_pct`` (:func:`headline`).
    Empty (with these columns) when the data have no groups.
    """
    columns = ["group", "scope", "name", "head", "organisations", "admitted", "target", "attainment_pct"]
    rows = []
    for code in group_codes(tables, period):
        info = find(tables, code, lang)
        figures = headline(tables, period, code, lang=lang)
        rows.append({"group": code, "name": info.name, "head": info.head} | figures)
    return pd.DataFrame(rows, columns=columns, index=pd.Index([r["group"] for r in rows], name="unit"))
