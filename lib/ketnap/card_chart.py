"""The organisation card's chart: admissions month by month against the organisation's own plan.

In the house style of :mod:`ketnap.charts` (its theme and size; a title naming the period from
:func:`ketnap.chart_parts.period_title`); data first, keyword options, ``ax=None`` in and the
Axes out; nothing saved or shown. Kept apart from ``charts.py`` only for its length limit.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ketnap import fmt
from ketnap.chart_parts import PACE_COLOUR, legend_above, period_title
from ketnap.charts import FIG_WIDTH, figure
from ketnap.labels import t
from ketnap.periods import Period

__all__ = ["months_vs_plan"]

_BAR = "#0072B2"
#: A small chart: the card is one A4 page, and on a phone its text stays as large as the house charts'.
_WIDTH = FIG_WIDTH * 0.8
_HEIGHT = 1.75  # inches: printed at its own size (44 mm, report.css), so no text shrinks below 7 pt


def months_vs_plan(months: pd.DataFrame, *, period: Period | str, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """Bars of the admissions of each month, the month's plan as a marker beside each bar.

    Parameters
    ----------
    months
        :func:`ketnap.card.months`: ``month``, ``admitted``, ``planned`` (NaN without a plan).
    period
        The period the chart is of (its title names it).
    lang
        ``"vi"`` (months ``T1``..``T12``) or ``"en"``.
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        The bars (``gid`` ``"admitted"``) and, when there is a plan, the plan's markers
        (``gid`` ``"planned"``); each bar is labelled with its count.

    Examples
    --------
    >>> frame = pd.DataFrame({"month": pd.to_datetime(["2024-01-01", "2024-02-01"]),
    ...                       "admitted": [1, 3], "planned": [2.0, 2.0]})
    >>> ax = months_vs_plan(frame, period="2024-02")
    >>> [round(b.get_height()) for b in ax.containers[0]]
    [1, 3]
    """
    if ax is None:
        fig, ax = figure(height=_HEIGHT)
        fig.set_figwidth(_WIDTH if len(months) <= 6 else FIG_WIDTH)  # twelve months need the full width
    period_title(ax, "card.chart.title", period, lang)
    numbers = pd.to_datetime(months["month"]).dt.month.to_numpy()
    x = np.arange(len(numbers))
    admitted = months["admitted"].astype(float).to_numpy()
    bars = ax.bar(x, admitted, width=0.6, color=_BAR, label=t("card.chart.admitted", lang), gid="admitted")
    ax.bar_label(bars, labels=[fmt.integer(v, lang) for v in admitted], padding=2, fontsize=9)
    planned = months["planned"].astype(float).to_numpy()
    top = float(np.nanmax(admitted)) if len(admitted) else 0.0
    handles: list[object] = [bars]
    if np.isfinite(planned).any():
        (line,) = ax.plot(x, planned, linestyle="none", marker="_", markersize=22, markeredgewidth=2.5,
                          color=PACE_COLOUR, label=t("card.chart.planned", lang))  # fmt: skip
        line.set_gid("planned")
        handles.append(line)
        top = max(top, float(np.nanmax(planned)))
    ax.set_xticks(x, [t(f"chart.month.{m}", lang) for m in numbers])
    ax.tick_params(axis="x", length=0)
    ax.set_xlim(-0.6, max(len(x), 4) - 0.4)  # a bar or two keep a bar's width, not the whole chart
    ax.set_ylim(0, max(top, 1.0) * 1.15)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.integer(v, lang)))
    ax.grid(axis="x", visible=False)
    legend_above(ax, handles)
    return ax
