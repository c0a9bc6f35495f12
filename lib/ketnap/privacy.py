"""Small counts: which composition figures are hidden so that none can point at a person.

Ethnicity and religion are sensitive data (Decree 13/2023), and admission ceremonies are public:
readers know who was admitted. So no count under the threshold (3 by default,
``KETNAP_SMALL_COUNT``) is shown, neither of the new members in a group nor of the rest of the
unit (its admissions minus the group), and nothing is shown from which such a count can be worked
out:

- an **organisation** with one such count has its whole breakdown hidden (an organisation that
  admitted one or two people always does);
- a **total** (a sector, the city) hides only the groups with such a count; a small age band is
  merged into its neighbour (hidden, it would be the total minus the other bands);
- where a total is shown, the units hidden under it add up to no such count either (else the
  total minus the units shown gives it away): more units are hidden, the smallest first, until
  they do. A sector's total is shown under the city's on the same terms (:func:`hidden_totals`).

Zero is shown: nobody is in the group. Hidden cells read "ẩn" (:func:`as_text`).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ketnap import fmt
from ketnap.config import settings
from ketnap.labels import t

__all__ = [
    "PARTITIONS",
    "as_text",
    "breakdown",
    "disclosive",
    "hidden_groups",
    "hidden_totals",
    "protect_long",
    "threshold",
]

#: Groups that split a unit's new members between them: one hidden band is the others' complement.
PARTITIONS: tuple[tuple[str, ...], ...] = (("age_18_30", "age_31_40", "age_41_plus"),)


def threshold() -> int:
    """The suppression threshold: the ``KETNAP_SMALL_COUNT`` setting (3 unless set)."""
    return settings().small_count


def disclosive(count: float, admitted: float, below: int | None = None) -> bool:
    """Whether a group's count could point at a person: under ``below`` in the group or outside it.

    >>> [disclosive(c, n, 3) for c, n in [(0, 5), (1, 5), (3, 6), (3, 5), (5, 5), (0, 2), (0, 0)]]
    [False, True, False, True, False, True, False]
    """
    below = threshold() if below is None else below
    return bool(0 < count < below or 0 < admitted - count < below)


def hidden_groups(row: Mapping[str, float], groups: Iterable[str], below: int | None = None) -> set[str]:
    """The ``groups`` of one unit's counts (``row``: ``admitted`` and a count per group) to hide.

    >>> sorted(hidden_groups({"admitted": 40, "women": 20, "age_18_30": 38, "age_31_40": 2, "age_41_plus": 0},
    ...                      ["women", "age_18_30", "age_31_40", "age_41_plus"], 3))
    ['age_18_30', 'age_31_40', 'age_41_plus']
    """
    groups = list(groups)
    hidden = {g for g in groups if disclosive(row[g], row["admitted"], below)}
    for partition in PARTITIONS:
        if hidden & set(partition):
            hidden |= set(partition) & set(groups)
    return hidden


def _pool_discloses(units: pd.DataFrame, pool: Collection[Hashable], groups: Iterable[str], below: int) -> bool:
    """Whether the combined counts of the hidden units ``pool`` could point at a person."""
    admitting = [u for u in pool if units.at[u, "admitted"] > 0]
    if not admitting:
        return False
    combined = units.loc[admitting]
    return any(disclosive(combined[g].sum(), combined["admitted"].sum(), below) for g in groups)


def _widen(units: pd.DataFrame, pool: set[Hashable], groups: Sequence[str], below: int) -> set[Hashable]:
    """``pool`` and, while its sum discloses, the next smallest unit shown (secondary suppression)."""
    pool = set(pool)
    order = units.assign(_key=range(len(units))).sort_values(["admitted", "_key"]).index
    for unit in order:
        if not _pool_discloses(units, pool, groups, below):
            break
        if unit not in pool and units.at[unit, "admitted"] > 0:
            pool.add(unit)
    return pool


def hidden_totals(sectors: pd.DataFrame, groups: Sequence[str], below: int | None = None) -> dict[Hashable, set[str]]:
    """For each sector, the groups its total row hides, so that none is the city's minus the others.

    Parameters
    ----------
    sectors
        :func:`ketnap.metrics.composition` ``by="sector"``: one row per sector, indexed by its code;
        the city is their sum.
    groups
        The groups shown, each on its own (not the bands of a partition).

    Returns
    -------
    dict
        Sector code -> the groups hidden in its total (empty when none).

    Examples
    --------
    >>> sectors = pd.DataFrame({"admitted": [95, 32, 77], "religious": [3, 1, 4]}, index=["W", "A", "H"])
    >>> hidden_totals(sectors, ["religious"], 3)  # A's 1; and H (the next smallest), or 8 - 3 - 4 = 1
    {'W': set(), 'A': {'religious'}, 'H': {'religious'}}
    """
    below = threshold() if below is None else below
    city = sectors[["admitted", *groups]].sum()
    at_city = hidden_groups(city, groups, below)
    hidden: dict[Hashable, set[str]] = {code: set() for code in sectors.index}
    for group in groups:
        if group in at_city:  # hidden in the city's total: the sectors' would add up to it
            pool = set(sectors.index)
        else:
            primary = {c for c in sectors.index if disclosive(sectors.at[c, group], sectors.at[c, "admitted"], below)}
            pool = _widen(sectors, primary, [group], below)
        for code in pool:
            hidden[code].add(group)
    return hidden


def breakdown(
    units: pd.DataFrame,
    groups: Sequence[str],
    *,
    hidden_total: Collection[str] = (),
    lang: str = "vi",
    below: int | None = None,
) -> pd.DataFrame:
    """A composition table by organisation: those that can be shown, the others together, the total.

    Parameters
    ----------
    units
        :func:`ketnap.metrics.composition` ``by="organisation"``: ``name``, ``admitted``, a count
        ``<g>`` and a share ``<g>_pct`` per group.
    groups
        The groups shown.
    hidden_total
        The groups the total hides besides its own small counts (:func:`hidden_totals` for the
        sector): the organisations hidden need not add up to a safe count for those.

    Returns
    -------
    pandas.DataFrame
        The organisations that admitted somebody and whose breakdown can be shown, in the given
        order; then, if some are hidden and some shown, one row ``"others"`` for the hidden ones
        together (the label ``privacy.others``); then the total row ``"total"`` (``table.total``).
        Each group has its count and share, NaN where hidden.

    Examples
    --------
    >>> units = pd.DataFrame({"name": ["A", "B", "C"], "admitted": [2, 10, 12], "women": [1, 5, 6]},
    ...                      index=["A", "B", "C"]).assign(women_pct=lambda f: f.women / f.admitted * 100)
    >>> shown = breakdown(units, ["women"], below=3, lang="en")  # A; then B, or 11 - 5 = 6 gives A's
    >>> shown.index.tolist(), shown["women"].tolist(), shown["name"].tolist()
    (['C', 'others', 'total'], [6.0, 6.0, 12.0], ['C', 'Other organisations (2, not shown one by one)', 'Total'])
    """
    below = threshold() if below is None else below
    admitted = units["admitted"].sum()
    hidden_total = set(hidden_total) | {g for g in groups if disclosive(units[g].sum(), admitted, below)}
    checked = [g for g in groups if g not in hidden_total]
    primary = {u for u, row in units.iterrows() if row["admitted"] > 0 and hidden_groups(row, groups, below)}
    pool = _widen(units, primary, checked, below)
    shown = units[(units["admitted"] > 0) & ~units.index.isin(list(pool))]

    def combined(rows: pd.DataFrame, name: str, hidden: Collection[str]) -> dict[str, object]:
        admitted = rows["admitted"].sum()
        row: dict[str, object] = {"name": name, "admitted": admitted}
        for group in groups:
            count = np.nan if group in hidden else rows[group].sum()
            row[group] = count
            row[f"{group}_pct"] = count / admitted * 100 if admitted > 0 else np.nan
        return row

    extra = {}
    if pool and not shown.empty:  # with nobody shown, the others are the total
        others = units.loc[[u for u in units.index if u in pool]]
        hidden_others = {
            g for g in groups if g in hidden_total or disclosive(others[g].sum(), others["admitted"].sum(), below)
        }
        extra["others"] = combined(others, t("privacy.others", lang, count=len(pool)), hidden_others)
    extra["total"] = combined(units, t("table.total", lang), hidden_total)
    rows = pd.DataFrame(list(extra.values()), index=pd.Index(list(extra), name=units.index.name))
    return pd.concat([shown.astype({g: "float64" for g in groups}), rows])


def protect_long(composition: pd.DataFrame, admitted: float, below: int | None = None) -> pd.DataFrame:
    """One unit's composition (:func:`ketnap.metrics.composition_long`) as it may be shown.

    A group with a small count (on either side) is blanked: NaN count and share. A small age band
    is merged into its smaller neighbour, as often as needed ("age_31_40" and "age_41_plus" become
    "age_31_plus"): shown apart, it would be the total minus the other bands.

    >>> long = pd.DataFrame({"group": ["religious", "age_18_30", "age_31_40", "age_41_plus"],
    ...                      "count": [2, 192, 38, 1], "share": [2 / 231, 192 / 231, 38 / 231, 1 / 231]})
    >>> shown = protect_long(long, 231, 3)
    >>> shown["group"].tolist(), shown["count"].tolist()
    (['religious', 'age_18_30', 'age_31_plus'], [nan, 192.0, 39.0])
    """
    below = threshold() if below is None else below
    bands = [band for g in composition["group"] if (band := _band(g))]
    out = composition.assign(count=composition["count"].astype("float64"), share=composition["share"].astype("float64"))
    small = out.apply(lambda r: not _band(r["group"]) and disclosive(r["count"], admitted, below), axis=1)
    out.loc[small, ["count", "share"]] = np.nan
    counts = dict(zip(out["group"], out["count"], strict=True))
    merged: list[list[Any]] = [[low, high, counts[key]] for key, low, high in bands]
    while len(merged) > 1:
        small_bands = [k for k, (_, _, count) in enumerate(merged) if disclosive(count, admitted, below)]
        if not small_bands:
            break
        i = small_bands[0]
        j = min((k for k in (i - 1, i + 1) if 0 <= k < len(merged)), key=lambda k: merged[k][2])
        a, b = sorted((i, j))
        merged[a : b + 1] = [[merged[a][0], merged[b][1], merged[a][2] + merged[b][2]]]
    rows = [{"group": _band_key(low, high), "count": count, "share": count / admitted if admitted else np.nan}
            for low, high, count in merged]  # fmt: skip
    first = next((k for k, g in enumerate(out["group"]) if _band(g)), len(out))
    rest = out[[not _band(g) for g in out["group"]]]
    return pd.concat([rest.iloc[:first], pd.DataFrame(rows), rest.iloc[first:]], ignore_index=True)


_BAND = re.compile(r"age_(\d+)_(\d+|plus)")


def _band(group: str) -> tuple[str, int, int | None] | None:
    """An age band's key and ages ("age_31_40" -> 31, 40; "age_41_plus" -> 41, None), or None."""
    found = _BAND.fullmatch(group)
    if not found:
        return None
    return group, int(found[1]), None if found[2] == "plus" else int(found[2])


def _band_key(low: int, high: int | None) -> str:
    return f"age_{low}_{'plus' if high is None else high}"


def as_text(table: pd.DataFrame, groups: Iterable[str], *, lang: str = "vi") -> pd.DataFrame:
    """Display text for each group's count: "0", "5 (31,3%)", or "ẩn" where hidden.

    The ``<g>_pct`` columns are folded into the counts' text and dropped.
    """
    out = table.copy()
    for group in groups:
        counts, shares = table[group], table[f"{group}_pct"]
        out[group] = [
            t("privacy.hidden", lang)
            if pd.isna(count)
            else fmt.integer(0, lang)
            if count == 0
            else f"{fmt.integer(count, lang)} ({fmt.pct(share, lang)})"
            for count, share in zip(counts, shares, strict=True)
        ]
        out = out.drop(columns=f"{group}_pct")
    return out
