"""The chart of the trend over the years: the same span of each year, one line per sector.

What lives here: :func:`years_by_sector_chart`, drawn from :func:`ketnap.trend.years_by_sector` in
the house theme (:mod:`ketnap.charts`: its figure, palette and number format) with a title naming
the span and the years (:mod:`ketnap.chart_parts`). It is a module of its own only to keep
``charts.py`` under the 1,200-line limit; it follows the same shape: data first, keyword-only
options, ``ax=None`` in and the ``Axes`` out, nothing shown or saved.
"""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ketnap import fmt
from ketnap.chart_parts import legend_above, title
from ketnap.charts import FIG_HEIGHT, figure, sector_palette
from ketnap.labels import t
from ketnap.periods import Period
from ketnap.trend import TOTAL_ROW, span_label

__all__ = ["years_by_sector_chart"]

# Room added to the house height for the title and a legend of up to four sectors above the plot.
_TOP_ROOM = 1.1


def years_by_sector_chart(
    years: pd.DataFrame,
    *,
    sectors: pd.DataFrame,
    period: Period | str,
    lang: str = "vi",
    ax: Axes | None = None,
) -> Axes:
    """Admissions in the same span of each year, one line per sector, each point labelled.

    Parameters
    ----------
    years
        Rows of :func:`ketnap.trend.years_by_sector`: ``sector``, ``name`` and one ``year_YYYY``
        column per year; the city's total row (index ``"total"``) is left out, its scale would
        flatten the sectors.
    sectors
        The sectors table, for each sector's colour (:func:`ketnap.charts.sector_palette`).
    period
        The period whose span the years repeat (its title: "Kết nạp qua các năm 2022–2024 (2 tháng đầu năm)").
    lang
        Language of the texts and numbers.
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        One line per sector (``gid`` the sector code), x the years.
    """
    rows = years.drop(index=TOTAL_ROW, errors="ignore")
    columns = [c for c in rows.columns if str(c).startswith("year_")]
    numbers = [int(str(c)[5:]) for c in columns]
    ax = ax if ax is not None else figure(height=FIG_HEIGHT + _TOP_ROOM)[1]
    first, last = (numbers[0], numbers[-1]) if numbers else ("", "")
    title(ax, t("trend.chart.title", lang, span=span_label(period, lang), first=first, last=last))
    palette = sector_palette(sectors)
    table = rows[columns].apply(pd.to_numeric, errors="coerce").to_numpy(dtype=float)
    top = float(np.nanmax(table)) if table.size and not np.isnan(table).all() else 0.0
    ax.set_ylim(0, max(top, 1.0) * 1.18)
    below = _labels_below(table, close=0.08 * max(top, 1.0))
    handles = []
    for i, (_, row) in enumerate(rows.iterrows()):
        colour = palette.get(str(row["sector"]), "#0072B2")
        (line,) = ax.plot(numbers, table[i], color=colour, marker="o", markersize=5, label=str(row["name"]))
        line.set_gid(str(row["sector"]))
        handles.append(line)
        for j, (x, value) in enumerate(zip(numbers, table[i], strict=True)):
            if np.isnan(value):
                continue
            ax.annotate(
                fmt.integer(value, lang),
                (x, value),
                xytext=(0, -13 if below[i, j] else 6),
                textcoords="offset points",
                ha="center",
                fontsize=9,
                color=colour,
            )
    ax.set_xticks(numbers, [str(n) for n in numbers])
    if numbers:
        ax.set_xlim(numbers[0] - 0.4, numbers[-1] + 0.4)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: fmt.integer(v, lang)))
    ax.grid(axis="x", visible=False)
    ax.set_ylabel(t("trend.chart.axis", lang))
    if handles:
        legend_above(ax, handles)
    return ax


def _labels_below(values: np.ndarray, *, close: float) -> np.ndarray:
    """Which value labels go under their point: the lower of two points closer than ``close`` in one year.

    ``values`` is lines × years. Above every point by default; where two lines meet, the lower
    one's label goes below, so the two numbers do not print over each other.
    """
    below = np.zeros(values.shape, dtype=bool)
    for j in range(values.shape[1] if values.ndim == 2 else 0):
        column = values[:, j]
        order = [i for i in np.argsort(column, kind="stable") if not np.isnan(column[i])]
        for lower, upper in pairwise(order):
            if column[upper] - column[lower] < close and not below[lower, j]:
                below[lower, j] = True
    return below
