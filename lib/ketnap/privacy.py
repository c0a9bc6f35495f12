"""Small-group suppression: composition counts below the sector level that could point at a person.

Ethnicity and religion are sensitive data (Decree 13/2023): in a table per organisation, "1
religious follower" names somebody to anyone who knows the cell. Counts under a threshold (3 by
default, ``KETNAP_SMALL_COUNT`` to change) are shown as "< 3", and no percentage is shown for them.
Zero stays 0: it reveals nothing about anyone.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from ketnap import fmt
from ketnap.config import settings

__all__ = ["suppress_small", "threshold"]


def threshold() -> int:
    """The suppression threshold: the ``KETNAP_SMALL_COUNT`` setting (3 unless set)."""
    return settings().small_count


def suppress_small(
    composition: pd.DataFrame, groups: Iterable[str], *, lang: str = "vi", below: int | None = None
) -> pd.DataFrame:
    """Display text for a composition table: each group's count, with its share, or "< n" when small.

    Parameters
    ----------
    composition
        A result of :func:`ketnap.metrics.composition`: for each group a count column ``<g>`` and a
        share ``<g>_pct`` (0-100).
    groups
        The group columns to show.
    below
        The threshold (default :func:`threshold`).

    Returns
    -------
    pandas.DataFrame
        The input's other columns unchanged, and for each group one text column ``<g>``: "0", "< 3",
        or "5 (31,3%)".
    """
    below = threshold() if below is None else below
    out = composition.copy()
    for group in groups:
        counts, shares = composition[group], composition[f"{group}_pct"]
        out[group] = [
            fmt.integer(0, lang)
            if count == 0
            else f"< {below}"
            if count < below
            else f"{fmt.integer(count, lang)} ({fmt.pct(share, lang)})"
            for count, share in zip(counts, shares, strict=True)
        ]
        out = out.drop(columns=f"{group}_pct")
    return out
