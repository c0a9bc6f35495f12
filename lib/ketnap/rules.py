"""Counting rules, written once: who is behind, by how many people, who admitted nobody, who is under 10%.

Every page that counts or names organisations to watch reads these functions, so the same
organisation gets the same figure and the same words on the city, sector and organisations pages
(:mod:`ketnap.metrics` sets the flags with them, :mod:`ketnap.scorecard` and
:mod:`ketnap.narrative` show the people with them). The rules, as the reports state them
(:func:`rules_note`):

Expected by now, in whole people
    ``expected_people = floor(target × months gone / 12)``: a person is due once a whole person's
    share of the year has gone (a target of 2 is due 1 person at the end of June, so a target of 2
    with no admission by February is not behind). A finished year expects the whole target; a
    quarter its three months (3/12). This is the one rounding: every shortfall is a difference of
    whole numbers.
Shortfall
    ``shortfall_people = max(expected_people − admitted, 0)``: "còn thiếu so với tiến độ" during the
    year, "còn thiếu so với chỉ tiêu" for a finished year (where ``expected_people`` is the target).
Behind pace / missed the target
    ``shortfall_people ≥ 1``.
No admission
    An organisation *with a target* that admitted nobody from 1 January to the period's end.
Under 10%
    An organisation with a target that admitted someone, but fewer than 10% of its target (those
    that admitted nobody are counted under "no admission", never twice).
Denominator
    Every count is out of the organisations *with a target* in the period; organisations without one
    (new, not yet assigned) are counted apart, and an organisation whose return is missing carries
    no flag (:mod:`ketnap.completeness`).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from ketnap import fmt
from ketnap.labels import period_key, t
from ketnap.periods import Period, pace_share, parse_period

__all__ = [
    "BELOW_SHARE",
    "behind_pace",
    "expected_people",
    "flags",
    "is_behind_pace",
    "rules_note",
    "shortfall_people",
]

#: "Under 10%": admissions below this share of the target (and above zero).
BELOW_SHARE = 0.1


def _numbers(values: pd.Series | float) -> pd.Series:
    return pd.to_numeric(pd.Series(values), errors="coerce").astype("float64")


def expected_people(target: pd.Series | float, share: float) -> pd.Series:
    """Whole people due by now: ``floor(target × share)`` (NaN without a target).

    Rounded to 9 places first, so float noise (11.999999999) does not lose a person.

    Examples
    --------
    >>> expected_people(pd.Series([2, 6, 16, 36, 0]), 2 / 12).tolist()
    [0.0, 1.0, 2.0, 6.0, nan]
    """
    target = _numbers(target)
    return np.floor((target * share).round(9)).where(target > 0)


def shortfall_people(target: pd.Series | float, admitted: pd.Series | float, share: float) -> pd.Series:
    """People short of :func:`expected_people`: ``max(expected − admitted, 0)`` (NaN without a target).

    Examples
    --------
    >>> shortfall_people(pd.Series([2, 16, 36, 42]), pd.Series([0, 1, 4, 15]), 2 / 12).tolist()
    [0.0, 1.0, 2.0, 0.0]
    >>> shortfall_people(pd.Series([42, 11]), pd.Series([15, 12]), 1.0).tolist()
    [27.0, 0.0]
    """
    expected = expected_people(target, share)
    return ((expected - _numbers(admitted).to_numpy()).clip(lower=0) + 0.0).where(expected.notna())


def flags(target: pd.Series, admitted: pd.Series, admitted_ytd: pd.Series, share: float) -> dict[str, pd.Series]:
    """The flags of the rules above: ``flag_behind_pace``, ``flag_no_admissions``, ``flag_below_10pct``.

    ``admitted`` is the period's own count (a quarter's), measured against ``target × share``;
    ``admitted_ytd`` (1 January to the period's end) decides "no admission" and "under 10%".
    """
    target = _numbers(target).set_axis(admitted.index)
    has_target = (target > 0).to_numpy()
    ytd = _numbers(admitted_ytd).set_axis(admitted.index)
    short = shortfall_people(target, admitted, share).set_axis(admitted.index)
    none = has_target & (ytd == 0).to_numpy()
    below = has_target & (ytd > 0).to_numpy() & (ytd < BELOW_SHARE * target).to_numpy()
    return {
        "flag_behind_pace": pd.Series(has_target & (short >= 1).to_numpy(), index=admitted.index),
        "flag_no_admissions": pd.Series(none, index=admitted.index),
        "flag_below_10pct": pd.Series(below, index=admitted.index),
    }


def is_behind_pace(frame: pd.DataFrame) -> pd.Series:
    """Which rows of a :func:`ketnap.metrics.metrics` result are behind: ``flag_behind_pace``, missing = no."""
    if "flag_behind_pace" not in frame.columns:
        raise ValueError("is_behind_pace: missing column 'flag_behind_pace'")
    return frame["flag_behind_pace"].fillna(False).astype(bool)


def behind_pace(frame: pd.DataFrame, *, kind: Literal["stable", "quicksort"] = "stable") -> pd.DataFrame:
    """The units behind (:func:`is_behind_pace`), furthest behind (largest ``gap``) first: the one list.

    The reports' tables, :func:`ketnap.narrative.behind_pace_sentence` and the charts' hollow dots all
    select here. ``"stable"`` keeps the display order (sector, then Vietnamese name) among equal gaps,
    so a table and the sentence above it name them in the same order; ``kind`` is kept for callers.
    """
    if "gap" not in frame.columns:
        raise ValueError("behind_pace: missing column 'gap'")
    return frame[is_behind_pace(frame)].sort_values("gap", ascending=False, kind="stable")


def rules_note(period: Period | str, *, lang: str = "vi") -> str:
    """The rules in one paragraph for a report's notes, in the language of the period (in progress or closed)."""
    period = parse_period(period)
    if period.closed:
        return t(period_key("rules.note_closed", period), lang)
    return t("rules.note", lang, pace=fmt.pct(pace_share(period) * 100, lang))
