"""Charts for the reports: one house theme and the report charts, all drawn with matplotlib/seaborn.

What lives here: :func:`use_theme` (fonts, sizes, grid, deterministic output), :func:`figure`,
:func:`savefig` and :func:`save_metadata`, :func:`sector_palette`, and one function per report chart.
Chart functions follow seaborn's shape: data first, keyword-only options, ``ax=None`` in and the
``Axes`` out; they never call ``plt.show()`` or save anything. Every visible text comes from the
label catalog (:func:`ketnap.labels.t`) in ``lang``.

Every report chart is titled with what it shows and its period or training class; charts of
attainment against the annual target draw the 100% line and, while the period is in progress,
the expected-by-now line (:func:`expected_share`), named in a legend above the plot. Titles,
reference lines and that legend are :mod:`ketnap.chart_parts`.

What does not live here: computing metrics, or which units are behind pace (``ketnap.metrics``;
:func:`ranked_attainment` reads :func:`ketnap.metrics.is_behind_pace`), and loading data (``ketnap.io``).
Numbers are formatted by ``ketnap.fmt`` (through the short :func:`_int` and :func:`_pct`).

The page is read on phones: the house figure is 4.5 inches wide, so when it is shown 360 CSS pixels
wide one point of font size is about 1.1 CSS pixels, and the 10-11 pt text stays legible.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from cycler import cycler
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ketnap import fmt
from ketnap.chart_parts import (
    FONT,
    PACE_COLOUR,
    PAPER_WIDTH,
    REFERENCE_COLOUR,
    TITLE_SIZE,
    expected_share,
    legend_above,
    period_title,
    plot_width_pt,
    reference_lines,
    right_limit,
    short_names,
    text_width_pt,
    title,
    value_labels,
)
from ketnap.labels import CATALOG, period_key, t
from ketnap.periods import Period, parse_period
from ketnap.rules import is_behind_pace

__all__ = [
    "FIG_HEIGHT",
    "FIG_WIDTH",
    "OKABE_ITO",
    "THEME",
    "attainment_by_sector",
    "composition_bars",
    "cumulative_vs_pace",
    "expected_share",
    "figure",
    "heatmap_height",
    "org_month_heatmap",
    "ranked_attainment",
    "save_metadata",
    "savefig",
    "sector_palette",
    "training_funnel",
    "use_theme",
]

#: House figure size in inches (see the module docstring for why 4.5 inches wide).
FIG_WIDTH: Final = 4.5
FIG_HEIGHT: Final = 3.2

#: Okabe & Ito's colour-blind-safe palette. Yellow goes last: it is hard to see on white.
OKABE_ITO: Final[tuple[str, ...]] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
)

# Colours of elements that are not a sector: one accent and neutral greys.
_ACCENT: Final = "#0072B2"
_REFERENCE: Final = REFERENCE_COLOUR  # target lines
_PACE: Final = PACE_COLOUR  # expected by now, and the pace to the target (vermillion)
_MUTED: Final = "#8C8C8C"  # last year, no-target labels
_STEM: Final = "#D0D0D0"

#: Row-per-organisation charts draw at most this many rows (a province has ~1,000 organisations).
MAX_CHART_ROWS: Final = 60

# Heights, in inches, of one row of a row-per-item chart and of the fixed part around the rows.
_ROW_HEIGHT: Final = 0.36
_ONE_LINE_ROW_HEIGHT: Final = 0.25  # when every label fits on one line
_ROWS_FRAME: Final = 0.9
# Added to a chart's height for its title (two lines) and a legend line above the plot.
_TITLE_ROOM: Final = 0.6

#: The house rcParams applied by :func:`use_theme`.
THEME: Final[dict[str, Any]] = {
    # DejaVu Sans ships with matplotlib and has every Vietnamese letter (NFC and NFD); fonts found
    # on a given machine may not, and then diacritics silently turn into boxes.
    "font.family": "sans-serif",
    "font.sans-serif": [FONT],
    "font.size": 10.5,
    "axes.titlesize": 12,
    # Chart titles go on the figure (see _title): bold, so the period stands out from the axes text.
    "figure.titlesize": TITLE_SIZE,
    "figure.titleweight": "bold",
    "axes.labelsize": 10.5,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "figure.figsize": (FIG_WIDTH, FIG_HEIGHT),
    # 150 dpi: a 4.5-inch figure is 675 px, crisp on a 2x phone screen at 360 CSS px.
    "figure.dpi": 150,
    "savefig.dpi": 150,
    "savefig.facecolor": "white",
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "axes.edgecolor": "#444444",
    "axes.labelcolor": "#222222",
    "text.color": "#222222",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#E6E6E6",
    "grid.linewidth": 0.8,
    "axes.axisbelow": True,
    "axes.prop_cycle": cycler(color=list(OKABE_ITO)),
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    # Glyphs as paths: a leader's phone browser may not have DejaVu Sans, and a substitute font
    # has other widths (labels then overlap) and sometimes lacks stacked Vietnamese diacritics.
    # Paths look the same everywhere; the cost (SVG text not selectable) does not matter for charts.
    "svg.fonttype": "path",
    # A fixed salt makes the ids inside an SVG the same on every run (byte-identical output).
    "svg.hashsalt": "ketnap",
    # TrueType in PDFs keeps the text extractable (pdftotext) with Vietnamese letters intact.
    "pdf.fonttype": 42,
    # Names come from the returns: "$...$" in one must print as typed, not as mathtext (or fail to parse).
    "text.parse_math": False,
}


def use_theme() -> None:
    """Apply the house theme (:data:`THEME`) to matplotlib's rcParams.

    Idempotent: calling it again sets the same values. Call it once at the top of a notebook,
    before the first figure; :func:`figure` calls it too.
    """
    # rcParams types its keys as a Literal of every rc name; matplotlib checks THEME's at run time.
    mpl.rcParams.update(THEME)  # type: ignore[arg-type]


def heatmap_height(n_rows: int, lines: int = 2) -> float:
    """Figure height (inches) that keeps ``n_rows`` rows of a row-per-item chart readable.

    Each row gets room for a two-line label at the theme's tick size, or a one-line one when
    ``lines`` is 1; used for the heat map and the ranked dot plot, where 30 or more organisations
    are common.

    Examples
    --------
    >>> heatmap_height(30), heatmap_height(30, lines=1)
    (11.7, 8.4)
    """
    if n_rows < 0:
        raise ValueError(f"n_rows must be >= 0, got {n_rows}")
    return round(_ROWS_FRAME + (_ROW_HEIGHT if lines > 1 else _ONE_LINE_ROW_HEIGHT) * max(n_rows, 1), 2)


def figure(height: float | None = None, *, rows: int | None = None, width: float = FIG_WIDTH) -> tuple[Figure, Axes]:
    """A new figure and axes in the house size, with the house theme applied.

    Parameters
    ----------
    height
        Height in inches; default :data:`FIG_HEIGHT`.
    rows
        Size the height for this many rows instead (see :func:`heatmap_height`).
    width
        Width in inches; default :data:`FIG_WIDTH` (phones), :data:`ketnap.chart_parts.PAPER_WIDTH` for A4.

    Returns
    -------
    (Figure, Axes)
    """
    use_theme()
    if height is None:
        height = heatmap_height(rows) if rows is not None else FIG_HEIGHT
    # Constrained layout makes room for long, wrapped Vietnamese tick labels and legends.
    fig, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return fig, ax


def save_metadata(fmt: str) -> dict[str, Any]:
    """``savefig(metadata=...)`` for ``fmt`` that leaves out dates and versions.

    SVG and PDF otherwise carry the creation date, and all three formats the matplotlib version,
    so the same chart would give different bytes on another day or machine.
    """
    fmt = fmt.lower().lstrip(".")
    if fmt == "png":
        return {"Software": None}
    if fmt == "svg":
        return {"Date": None, "Creator": None}
    if fmt == "pdf":
        return {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None}
    raise ValueError(f"no deterministic metadata for format {fmt!r}; use png, svg or pdf")


def savefig(fig: Figure, path: str | Path, **kwargs: Any) -> Path:
    """Save ``fig`` to ``path`` with deterministic metadata (the same chart gives the same bytes).

    The format comes from the file suffix; ``kwargs`` go to :meth:`Figure.savefig`. Saving fixes
    the figure's layout (its layout engine is switched off afterwards), so a later save, in any
    format, places everything exactly where the first one did.
    """
    path = Path(path)
    use_theme()  # svg.hashsalt and the font types are read at save time
    kwargs.setdefault("metadata", save_metadata(path.suffix))
    # Constrained layout never reaches an exact fixed point: every draw moves the axes by a few
    # millionths of a point (the ticks it picks depend on the width it gave), which changes SVG ids
    # and PDF coordinates. Lay out once, then freeze the positions so every save is identical.
    if fig.get_layout_engine() is not None and not isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine):
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
    fig.savefig(path, **kwargs)
    return path


def sector_palette(sectors: pd.DataFrame | Iterable[str]) -> dict[str, str]:
    """Sector code -> colour: the configured ``colour``, else the next unused Okabe-Ito colour.

    Parameters
    ----------
    sectors
        The sectors table (columns ``sector``, and optionally ``order`` and ``colour``), or sector
        codes. Fallback colours are given in ``order`` (else in the given order), skipping colours
        the configuration already uses, so a sector keeps its colour in every chart.

    Returns
    -------
    dict
        Sector code to ``#rrggbb``.
    """
    if isinstance(sectors, pd.DataFrame):
        _require(sectors, ("sector",), "sector_palette")
        table = sectors.sort_values("order", kind="stable") if "order" in sectors else sectors
        codes = [str(code) for code in table["sector"]]
        configured = list(table["colour"]) if "colour" in table else [None] * len(codes)
    else:
        codes = [str(code) for code in sectors]
        configured = [None] * len(codes)
    palette: dict[str, str] = {}
    for code, colour in zip(codes, configured, strict=True):
        if isinstance(colour, str) and mpl.colors.is_color_like(colour.strip()):
            palette[code] = mpl.colors.to_hex(colour.strip())
    used = {c.lower() for c in palette.values()}
    spare = [c for c in OKABE_ITO if c.lower() not in used] or list(OKABE_ITO)
    missing = [code for code in codes if code not in palette]
    for i, code in enumerate(missing):
        palette[code] = spare[i % len(spare)]
    return {code: palette[code] for code in codes}


# --- charts ---------------------------------------------------------------------------------------


def attainment_by_sector(
    metrics: pd.DataFrame,
    *,
    sectors: pd.DataFrame,
    period: Period | str,
    lang: str = "vi",
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars of target attainment per sector, with the 100% target line and the pace.

    A sector's attainment is all its admissions over the sum of its units' targets (units with a
    target of 0 or none add no target). Each bar is labelled ``admitted/target · pct``; a sector
    with no target at all gets no bar and says so. The title names the period; a period in
    progress also gets the expected-by-now line (:func:`expected_share`), both lines named in a
    legend above the plot.

    Parameters
    ----------
    metrics
        Per-unit metrics: columns ``sector``, ``admitted``, ``target`` (nullable; 0 or missing =
        no target).
    sectors
        The sectors table: ``sector``, ``order``, ``name_vi``, ``name_en``, optionally ``colour``.
        Sectors are drawn in ``order``; only those present in ``metrics``.
    period
        The period the metrics are of, as the report reads it (cut at the data-as-of date:
        :func:`ketnap.narrative.reporting_period`).
    lang
        ``"vi"`` or ``"en"``.
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        Each bar's ``gid`` is its sector code.
    """
    _require(metrics, ("sector", "admitted", "target"), "attainment_by_sector")
    _require(sectors, ("sector", "order", "name_vi", "name_en"), "attainment_by_sector (sectors)")
    unknown = sorted(set(metrics["sector"].astype(str)) - set(sectors["sector"].astype(str)))
    if unknown:
        raise ValueError(f"attainment_by_sector: sectors not in the sectors table: {unknown}")

    per_sector = (
        metrics.assign(sector=metrics["sector"].astype(str), target=_targets(metrics["target"]))
        .groupby("sector")[["admitted", "target"]]
        .sum()
    )
    table = (
        sectors.assign(sector=sectors["sector"].astype(str))
        .sort_values("order", kind="stable")
        .merge(per_sector, left_on="sector", right_index=True)
        .reset_index(drop=True)
    )
    palette = sector_palette(sectors)
    names = [_wrap(name, 20, 2) for name in table[f"name_{_lang(lang)}"]]
    ax = ax if ax is not None else figure(height=_ROWS_FRAME + _TITLE_ROOM + 0.5 * max(len(table), 3))[1]

    attainment = np.where(
        table["target"] > 0, 100.0 * table["admitted"] / table["target"].where(lambda s: s > 0), np.nan
    )
    labels = [
        t("chart.admitted_of_target", lang, admitted=_int(a, lang), target=_int(tg, lang), pct=_pct(p, lang))
        if tg > 0
        else t("chart.admitted_no_target", lang, admitted=_int(a, lang))
        for a, tg, p in zip(table["admitted"], table["target"], attainment, strict=True)
    ]
    codes = table["sector"].tolist()
    period = parse_period(period)
    period_title(ax, "chart.title.sectors", period, lang)
    _percent_of_target_bars(
        ax, attainment, labels, names, [palette[code] for code in codes], codes,
        period=period, target=t("chart.target_line", lang), axis=t("chart.axis.attainment", lang), lang=lang,
    )  # fmt: skip
    return ax


def _percent_of_target_bars(
    ax: Axes,
    pct: np.ndarray,
    labels: Sequence[str],
    names: Sequence[str],
    colours: Sequence[str],
    gids: Sequence[str],
    *,
    period: Period,
    target: str,
    axis: str,
    lang: str,
) -> None:
    """Horizontal bars of percent of target, first row on top, with the reference lines of ``period``.

    The 100% line is named ``target`` in the legend above the plot, with the expected-by-now line
    when the period has one (:func:`_reference_lines`). A row whose ``pct`` is NaN gets no bar,
    only its label (muted); each bar's ``gid`` is from ``gids``.
    """
    for y, (value, colour, gid) in enumerate(zip(pct, colours, gids, strict=True)):
        if np.isfinite(value):
            (bar,) = ax.barh(y, value, height=0.6, color=colour, zorder=2)
            bar.set_gid(gid)
    y_positions = np.arange(len(pct))
    ax.set_yticks(y_positions, names)
    ax.set_ylim(len(pct) - 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    legend_above(ax, reference_lines(ax, period, target=target, lang=lang))
    ends = np.nan_to_num(pct, nan=0.0).clip(min=0)
    ax.set_xlim(0, right_limit(ax, ends, labels, left_labels=names, floor=110))
    value_labels(ax, ends, y_positions, labels, colours=[_REFERENCE if np.isfinite(v) else _MUTED for v in pct])
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _pct(v, lang, decimals=0)))
    ax.set_xlabel(axis)


def cumulative_vs_pace(
    monthly: pd.DataFrame, *, period: Period | str, lang: str = "vi", ax: Axes | None = None
) -> Axes:
    """Cumulative admissions month by month against the target pace, and last year's.

    The axis spans the months of ``monthly``, at least those of the period's span: January to
    December for a year to date or a year, the quarter's months for a quarter. Give it the rows of
    :func:`ketnap.metrics.monthly_series` with ``to_span_end=True``: for a period in progress the
    line of the year stops at the data-as-of month while the pace runs on to December and ends at
    the year's target, labelled. The lines are named by their years ("Lũy kế năm 2024", "Lũy kế
    năm 2023"), and the title names the period.

    Parameters
    ----------
    monthly
        One row per month: ``month`` (month start), ``cumulative`` (NaN for months not reached yet),
        ``pace`` (cumulative target pace); optionally ``cumulative_last_year``.
    period
        The period the chart is of (cut at the data-as-of date).
    lang
        ``"vi"`` (months ``T1``..``T12``) or ``"en"`` (``Jan``..``Dec``).
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        Lines, in drawing order: pace (``gid`` ``"pace"``, when there is a target), last year
        (``"last_year"``, when given), cumulative (``"cumulative"``). Their x data are month
        numbers (13 = January of the following year).
    """
    _require(monthly, ("month", "cumulative", "pace"), "cumulative_vs_pace")
    period = parse_period(period)
    data = monthly.assign(month=pd.to_datetime(monthly["month"])).sort_values("month").reset_index(drop=True)
    first_year = int(data["month"].dt.year.iloc[0]) if len(data) else period.year
    x = ((data["month"].dt.year - first_year) * 12 + data["month"].dt.month).to_numpy(dtype=float)
    ax = ax if ax is not None else figure(height=FIG_HEIGHT + _TITLE_ROOM)[1]
    period_title(ax, "chart.title.cumulative", period, lang)

    pace = data["pace"].astype(float)
    if pace.notna().any():  # no target: no pace line, and no legend entry for one
        (line,) = ax.plot(x, pace, color=_PACE, linestyle="-.", linewidth=1.5, label=t("chart.series.pace", lang))
        line.set_gid("pace")
    if "cumulative_last_year" in data and data["cumulative_last_year"].notna().any():
        (line,) = ax.plot(
            x,
            data["cumulative_last_year"].astype(float),
            color=_MUTED,
            linestyle=":",
            linewidth=1.8,
            label=t("chart.series.year", lang, year=period.year - 1),
        )
        line.set_gid("last_year")
    cumulative = data["cumulative"].astype(float)
    (line,) = ax.plot(
        x,
        cumulative,
        color=_ACCENT,
        linewidth=2.4,
        marker="o",
        markersize=4,
        label=t("chart.series.year", lang, year=period.year),
    )
    line.set_gid("cumulative")
    reached = cumulative.notna().to_numpy()
    if reached.any():
        last = np.flatnonzero(reached)[-1]
        _label_point(ax, x[last], cumulative.iloc[last], _ACCENT, lang)
        if pace.notna().any() and last < len(x) - 1:
            # The year's target where the pace ends, when nothing else is drawn there (a period in progress).
            end = np.flatnonzero(pace.notna().to_numpy())[-1]
            _label_point(ax, x[end], pace.iloc[end], _PACE, lang)

    span = _span_months(period)
    months = sorted({*x.astype(int).tolist(), *(span if first_year == period.year else [])})
    # Month numbers past 12 are the next year's: its January is marked with the year.
    ticks = [
        t(f"chart.month.{(m - 1) % 12 + 1}", lang) + (f"\n{first_year + m // 12}" if m > 12 and m % 12 == 1 else "")
        for m in months
    ]
    ax.set_xticks(months, ticks)
    ax.tick_params(axis="x", length=0)
    if months:
        ax.set_xlim(months[0] - 0.5, months[-1] + 0.5)
    drawn = data[[c for c in ("cumulative", "pace", "cumulative_last_year") if c in data]].astype(float)
    top = drawn.max().max()  # skips NaN; NaN only when nothing at all is drawn
    ax.set_ylim(0, max(0.0 if pd.isna(top) else float(top), 1.0) * 1.12)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _int(v, lang)))
    ax.grid(axis="x", visible=False)
    ax.set_ylabel(t("chart.axis.cumulative", lang))
    ax.legend(loc="upper left", handlelength=2.4)
    return ax


def _span_months(period: Period) -> list[int]:
    """The months (1-12) a period is read across: its quarter's for a quarter, else the whole year."""
    if period.kind == "quarter":
        first = parse_period(period.label).start.month
        return list(range(first, first + 3))
    return list(range(1, 13))


def org_month_heatmap(
    matrix: pd.DataFrame,
    *,
    period: Period | str,
    lang: str = "vi",
    ax: Axes | None = None,
    label_width: int = 26,
    names: Mapping[Any, str] | None = None,
    max_rows: int = MAX_CHART_ROWS,
    paper: bool = False,
) -> Axes:
    """Admissions per organisation and month as an annotated heat map.

    The title names the period. With more than ``max_rows`` organisations only the ``max_rows``
    with the fewest admissions in the period are drawn (the title says so); a heat map of
    thousands of rows informs nobody.

    Zero cells are pale and carry no number, so the non-zero counts stand out; NaN cells (a month
    whose return is missing: :func:`ketnap.completeness.blank_not_reported`) are hatched grey and a
    legend under the grid reads "Chưa báo cáo", never 0. Months are numbered under a
    "Tháng"/"Month" header, on top so a reader of 30+ rows meets them first. Names lose their
    repeated "Đảng bộ"/"Chi bộ" (:func:`ketnap.chart_parts.short_names`); long ones wrap onto two
    lines and are shortened with an ellipsis beyond that. Size the figure with :func:`heatmap_height`;
    ``paper`` draws the wider figure for A4 (:data:`ketnap.chart_parts.PAPER_WIDTH`, one-line names).

    Parameters
    ----------
    matrix
        Counts: index = organisation display names, columns = months (Timestamps, or month
        numbers 1-12), in the order to show.
    period
        The period the counts are of.
    lang
        ``"vi"`` or ``"en"`` (the month header).
    ax
        Axes to draw on; a new figure ``heatmap_height(len(matrix))`` tall when ``None``.
    label_width
        Characters per line of an organisation label.
    names
        Index value -> display name, for a matrix indexed by ``org_code`` (as
        ``ketnap.metrics.org_month_matrix`` returns it); index values not in it are shown as they are.

    Returns
    -------
    Axes
    """
    if not isinstance(matrix, pd.DataFrame):
        raise TypeError(f"org_month_heatmap: expected a DataFrame, got {type(matrix).__name__}")
    total = len(matrix)
    if total > max_rows:
        fewest = matrix.apply(pd.to_numeric, errors="coerce").sum(axis=1).sort_values(kind="stable").index[:max_rows]
        matrix = matrix.loc[matrix.index.isin(fewest)]
    values = matrix.apply(pd.to_numeric, errors="coerce").astype(float)
    months = [_month_number(c) for c in matrix.columns]
    shown = short_names([(names or {}).get(key, key) for key in matrix.index])
    labels = [_wrap(name, 56 if paper else label_width, 2) for name in shown]
    lines = max((label.count("\n") + 1 for label in labels), default=1)
    height = heatmap_height(len(matrix), lines) + _TITLE_ROOM
    ax = ax if ax is not None else figure(height=height, width=PAPER_WIDTH if paper else FIG_WIDTH)[1]
    capped = t("chart.capped_fewest", lang, shown=_int(len(matrix), lang), total=_int(total, lang))
    period_title(ax, "chart.title.heatmap", parse_period(period), lang, note=capped if total > max_rows else "")

    annotations = np.vectorize(lambda v: "" if not np.isfinite(v) or v == 0 else _int(v, lang), otypes=[object])(
        values.to_numpy()
    )
    sns.heatmap(
        values,
        ax=ax,
        mask=values.isna(),
        annot=annotations if values.size else False,
        fmt="",
        annot_kws={"fontsize": 9},
        cmap=sns.light_palette(_ACCENT, as_cmap=True),
        vmin=0,
        vmax=max(float(np.nan_to_num(values.max().max(), nan=0.0)), 1.0),
        cbar=False,
        linewidths=1.0,
        linecolor="white",
        xticklabels=[str(m) for m in months],
        yticklabels=labels,
    )
    # Cells are about 15 pt wide on the house figure: a wide number gets a smaller font to stay
    # inside its cell, without shrinking the ordinary one- and two-digit counts.
    for text in ax.texts:
        width = len(text.get_text())
        if width > 2:
            text.set_fontsize(8 if width == 3 else 6.5)
    ax.grid(False)
    unknown = np.argwhere(values.isna().to_numpy())
    for row, column in unknown:
        ax.add_patch(Rectangle((column, row), 1, 1, facecolor="white", edgecolor=_MUTED, hatch="////",
                               linewidth=0))  # fmt: skip
    if len(unknown):
        key = Patch(facecolor="white", edgecolor=_MUTED, hatch="////", label=t("returns.chart.not_reported", lang))
        ax.legend(handles=[key], loc="upper left", bbox_to_anchor=(0, 0), frameon=False, fontsize=9, borderaxespad=0.3)
    # Months on top: with 30+ rows the reader meets the column labels before the cells.
    ax.xaxis.tick_top()
    ax.tick_params(axis="both", length=0)
    # Month numbers under a "Tháng"/"Month" header: 'T10'/'Oct' do not fit a 15 pt wide cell.
    ax.tick_params(axis="x", rotation=0, labelsize=9)
    ax.tick_params(axis="y", rotation=0, labelsize=9)
    for label in ax.get_yticklabels():
        label.set_linespacing(1.1)  # two-line names stay inside their row; 1.1 keeps stacked diacritics clear
    ax.set_xlabel(t("chart.axis.month", lang))
    ax.xaxis.set_label_position("top")
    ax.set_ylabel("")
    return ax


def training_funnel(
    trained: int,
    admitted: int,
    converted: int | None = None,
    *,
    cohort: int,
    until: Any,
    lang: str = "vi",
    ax: Axes | None = None,
) -> Axes:
    """One training class: trained -> admitted (-> converted to full members) as labelled bars.

    Shares are of the trained count. The title names the class year and the day up to which its
    admissions are counted: "Lớp bồi dưỡng nhận thức về Đảng năm 2023, kết nạp đến ngày 29/02/2024".

    Parameters
    ----------
    trained, admitted, converted
        Counts (non-negative) of the class; ``converted`` is left out when ``None``.
    cohort
        The class year (people certified that year).
    until
        The last day counted (a date, or ISO text): the period's end.
    lang
        ``"vi"`` or ``"en"``.
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        One bar per stage, top to bottom.
    """
    stages = [("trained", trained), ("admitted", admitted)]
    if converted is not None:
        stages.append(("converted", converted))
    counts = []
    for stage, count in stages:
        if count is None or pd.isna(count) or float(count) < 0 or float(count) != int(count):
            raise ValueError(f"training_funnel: {stage} must be a non-negative whole number, got {count!r}")
        counts.append(int(count))
    labels = [_int(counts[0], lang)] + [
        t("chart.funnel.of_trained", lang, count=_int(c, lang), pct=_pct(100.0 * c / counts[0], lang))
        if counts[0] > 0
        else _int(c, lang)
        for c in counts[1:]
    ]
    names = [t(f"chart.funnel.{stage}", lang) for stage, _ in stages]
    colours = [_ACCENT, OKABE_ITO[2], OKABE_ITO[1]][: len(stages)]
    ax = ax if ax is not None else _labelled_bars_figure(len(stages))
    title(ax, t("chart.title.funnel", lang, cohort=cohort, end=fmt.date(until, lang)))
    return _labelled_bars(
        ax,
        np.array(counts, dtype=float),
        names,
        labels,
        colours,
        lang=lang,
        xlabel=t("chart.axis.people", lang),
        percent_axis=False,
    )


def composition_bars(
    composition: pd.DataFrame, *, period: Period | str, lang: str = "vi", ax: Axes | None = None
) -> Axes:
    """Shares of groups among the members admitted in ``period`` as bars labelled ``count · pct``.

    Parameters
    ----------
    composition
        Columns ``group`` (a key such as ``women``, ``youth_union``, ``ethnic_minority``,
        ``religious``, ``student``, ``private_enterprise``, ``age_18_30``: labelled from the catalog
        as ``chart.group.<key>``), ``count``, ``share`` (0-1). Drawn in the given order; a group
        whose count is NaN (hidden, :mod:`ketnap.privacy`) has no bar and reads "ẩn".
    period
        The period the members were admitted in (named in the title).
    lang
        ``"vi"`` or ``"en"``.
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        Bar widths are percentages (share x 100).
    """
    _require(composition, ("group", "count", "share"), "composition_bars")
    shares = composition["share"].astype(float).to_numpy()
    if np.any((shares < 0) | (shares > 1)):
        raise ValueError("composition_bars: share must be between 0 and 1 (a fraction, not a percentage)")
    names = [_group_label(str(group), lang) for group in composition["group"]]
    hidden = composition["count"].isna().to_numpy()  # ketnap.privacy.protect_long: neither drawn nor told
    labels = [
        t("privacy.hidden", lang) if h else t("chart.count_share", lang, count=_int(c, lang), pct=_pct(100.0 * s, lang))
        for c, s, h in zip(composition["count"], shares, hidden, strict=True)
    ]
    ax = ax if ax is not None else _labelled_bars_figure(len(names))
    period_title(ax, "chart.title.composition", parse_period(period), lang)
    return _labelled_bars(
        ax,
        np.where(hidden, 0.0, 100.0 * shares),
        names,
        labels,
        [_ACCENT] * len(names),
        lang=lang,
        xlabel=t("chart.axis.share", lang),
        percent_axis=True,
    )


def ranked_attainment(
    metrics: pd.DataFrame,
    *,
    sector_colour: str,
    lang: str = "vi",
    ax: Axes | None = None,
    period: Period | str,
    label_width: int = 22,
    max_rows: int = MAX_CHART_ROWS,
    paper: bool = False,
) -> Axes:
    """Organisations of one sector ranked by attainment, as a dot plot with the reference lines.

    The title names the period. A period in progress draws the expected-by-now line as well as
    the 100% line (:func:`expected_share`), and names the dots by pace; a closed one (a finished
    year or quarter) names them by the result, "Đạt / Không đạt chỉ tiêu".

    With more than ``max_rows`` organisations (a province or the whole country) only the
    ``max_rows`` lowest in attainment are drawn, and the title says so: the full ranking is in the
    report's table and Excel file.

    Behind-pace organisations get a hollow dot (shape, not only colour, tells them apart).
    Organisations with no target are listed below a rule, greyed, with their admissions; so are
    those whose return for the period is missing (``flag_not_reported``), marked "Chưa báo cáo".

    Parameters
    ----------
    metrics
        Per-unit metrics of one sector: ``name``, ``admitted``, ``target`` (0 or missing = no
        target), ``attainment_pct`` and ``flag_behind_pace``; if ``sector`` is present it must hold
        a single sector.
    sector_colour
        The sector's colour (from :func:`sector_palette`).
    period
        The period the metrics are of, as the report reads it (cut at the data-as-of date).
    lang
        ``"vi"`` or ``"en"``.
    ax
        Axes to draw on; a new figure sized for the rows when ``None``.
    label_width
        Characters per line of an organisation label (two lines at most); the names lose their
        repeated "Đảng bộ"/"Chi bộ" (:func:`ketnap.chart_parts.short_names`).
    paper
        Draw the wider figure for A4 (:data:`ketnap.chart_parts.PAPER_WIDTH`, one-line names).

    Returns
    -------
    Axes
        Collections: on-pace dots, then behind-pace dots, each with one point per organisation.
    """
    required = ("name", "admitted", "target", "attainment_pct", "flag_behind_pace")
    _require(metrics, required, "ranked_attainment")
    if "sector" in metrics and metrics["sector"].nunique() > 1:
        raise ValueError(
            "ranked_attainment: metrics hold several sectors "
            f"({sorted(metrics['sector'].astype(str).unique())}); filter to one sector first"
        )
    if not mpl.colors.is_color_like(sector_colour):
        raise ValueError(f"ranked_attainment: sector_colour {sector_colour!r} is not a colour")

    data = metrics.assign(target=_targets(metrics["target"]), name=metrics["name"].astype(str))
    reported = ~data.get("flag_not_reported", pd.Series(False, index=data.index)).fillna(False).astype(bool)
    has_target = (data["target"] > 0) & reported
    ranked = (
        data[has_target]
        .assign(attainment_pct=lambda d: d["attainment_pct"].astype(float))
        .sort_values(["attainment_pct", "name"], ascending=[False, True], kind="stable")
    )
    untargeted = data[~has_target].sort_values(["admitted", "name"], ascending=[False, True], kind="stable")
    total = len(data)
    if total > max_rows:  # keep the organisations furthest behind; those without a target are listed in tables
        ranked, untargeted = ranked.tail(max_rows), untargeted.iloc[:0]
    n_ranked, n_rows = len(ranked), len(ranked) + len(untargeted)
    period = parse_period(period)
    closed = period.closed
    legend_rows = 3 if expected_share(period) is None else 4
    shown = short_names([*ranked["name"], *untargeted["name"]])
    names = [_wrap(name, 56 if paper else label_width, 2) for name in shown]
    lines = max((name.count("\n") + 1 for name in names), default=1)
    height = heatmap_height(n_rows, lines) + _TITLE_ROOM + 0.2 * legend_rows
    ax = ax if ax is not None else figure(height=height, width=PAPER_WIDTH if paper else FIG_WIDTH)[1]

    y_ranked = np.arange(n_ranked, dtype=float)
    values = ranked["attainment_pct"].fillna(0.0).clip(lower=0).to_numpy()
    behind = is_behind_pace(ranked).to_numpy()
    ax.hlines(y_ranked, 0, values, color=_STEM, linewidth=1.2, zorder=1)
    ahead = ax.scatter(
        values[~behind],
        y_ranked[~behind],
        s=42,
        color=sector_colour,
        zorder=3,
        label=t(period_key("chart.legend.met", period) if closed else "chart.legend.on_pace", lang),
    )
    short = ax.scatter(
        values[behind],
        y_ranked[behind],
        s=42,
        facecolor="white",
        edgecolor=sector_colour,
        linewidth=1.8,
        zorder=3,
        label=t(period_key("chart.legend.missed", period) if closed else "chart.legend.behind_pace", lang),
    )
    references = reference_lines(ax, period, target=t("chart.target_line", lang), lang=lang)

    labels = [
        t("chart.admitted_of_target", lang, admitted=_int(a, lang), target=_int(tg, lang), pct=_pct(p, lang))
        for a, tg, p in zip(ranked["admitted"], ranked["target"], values, strict=True)
    ] + [
        t("chart.admitted_no_target", lang, admitted=_int(a, lang)) if ok else t("returns.chart.not_reported", lang)
        for a, ok in zip(untargeted["admitted"], reported[untargeted.index], strict=True)
    ]
    y_all = np.arange(n_rows, dtype=float)
    ends = np.concatenate([values, np.zeros(len(untargeted))])
    ax.set_yticks(y_all, names)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xlim(0, right_limit(ax, ends, labels, left_labels=names, floor=110, pad_pt=8))
    value_labels(ax, ends, y_all, labels, colours=[_REFERENCE] * n_ranked + [_MUTED] * len(untargeted), pad_pt=7)
    for tick in ax.get_yticklabels()[n_ranked:]:
        tick.set_color(_MUTED)
    if n_ranked and len(untargeted):
        ax.axhline(n_ranked - 0.5, color=_MUTED, linewidth=0.8)

    capped = t("chart.capped_lowest", lang, shown=_int(n_rows, lang), total=_int(total, lang))
    period_title(ax, "chart.title.ranked", period, lang, note=capped if total > max_rows else "")
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0, labelsize=9.5)
    for label in ax.get_yticklabels():
        label.set_linespacing(1.1)  # two-line names stay inside their row; 1.1 keeps stacked diacritics clear
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _pct(v, lang, decimals=0)))
    ax.set_xlabel(t("chart.axis.attainment", lang))
    # Above the plot, not on it: dots can be anywhere along the axis.
    legend_above(ax, [ahead, short, *references])
    return ax


# --- helpers --------------------------------------------------------------------------------------


def _require(frame: pd.DataFrame, columns: Sequence[str], where: str) -> None:
    """Raise a ValueError naming the columns of ``columns`` that ``frame`` lacks."""
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"{where}: expected a DataFrame, got {type(frame).__name__}")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{where}: missing column(s) {missing}; has {list(frame.columns)}")


def _lang(lang: str) -> str:
    t("chart.target_line", lang)  # raises the catalog's error for an unknown language
    return lang


def _targets(target: pd.Series) -> pd.Series:
    """Targets as floats with 0 meaning 'no target' (missing and 0 are the same to a reader)."""
    return pd.to_numeric(target, errors="coerce").astype(float).fillna(0.0)


def _int(x: float, lang: str) -> str:
    """A whole number with the thousands separator of ``lang`` (vi ``1.253``, en ``1,253``), rounded half up."""
    return fmt.integer(x, lang)


def _pct(x: float, lang: str, decimals: int = 1) -> str:
    """A percentage (``x`` already in percent) in the style of ``lang`` (vi ``28,3%``, en ``28.3%``)."""
    return fmt.pct(x, lang, decimals=decimals)


def _wrap(text: object, width: int, max_lines: int) -> str:
    """``text`` (NFC) wrapped to ``width`` characters, at most ``max_lines`` lines, the rest cut with '…'."""
    text = unicodedata.normalize("NFC", " ".join(str(text).split()))
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > max_lines:
        tail = " ".join(lines[max_lines - 1 :])
        lines = [*lines[: max_lines - 1], textwrap.shorten(tail, width, placeholder=" …")]
    return "\n".join(lines)


def _month_number(column: object) -> int:
    if isinstance(column, (pd.Timestamp, np.datetime64)) or hasattr(column, "month"):
        return int(pd.Timestamp(column).month)
    if isinstance(column, (int, np.integer)) and 1 <= int(column) <= 12:
        return int(column)
    raise ValueError(f"org_month_heatmap: column {column!r} is not a month (Timestamp or 1-12)")


def _label_point(ax: Axes, x: float, value: float, colour: str, lang: str) -> None:
    """``value`` written in bold just above the point (``x``, ``value``) of a line."""
    ax.annotate(_int(value, lang), (x, value), xytext=(0, 7), textcoords="offset points", ha="center",
                va="bottom", color=colour, fontweight="bold")  # fmt: skip


def _group_label(group: str, lang: str) -> str:
    band = re.fullmatch(r"age_(\d+)_(\d+|plus)", group)  # bands merged by ketnap.privacy.protect_long
    if f"chart.group.{group}" not in CATALOG and band:
        low, high = band.groups()
        return (
            t("chart.group.age_from", lang, low=low)
            if high == "plus"
            else t("chart.group.age_range", lang, low=low, high=high)
        )
    try:
        return t(f"chart.group.{group}", lang)
    except KeyError:
        # Show the raw key rather than fail the report; the warning reaches whoever runs it.
        warnings.warn(f"no catalog label chart.group.{group}; showing the key", stacklevel=3)
        return group


def _labelled_bars_figure(n_bars: int) -> Axes:
    """A new house figure sized for :func:`_labelled_bars` of ``n_bars`` bars."""
    return figure(height=_ROWS_FRAME + _TITLE_ROOM + 0.5 * max(n_bars, 2))[1]


def _labelled_bars(
    ax: Axes | None,
    widths: np.ndarray,
    names: Sequence[str],
    labels: Sequence[str],
    colours: Sequence[str],
    *,
    lang: str,
    xlabel: str,
    percent_axis: bool,
) -> Axes:
    """Bars with each category's name written above its bar (full width: long Vietnamese names fit)."""
    ax = ax if ax is not None else _labelled_bars_figure(len(widths))
    y = np.arange(len(widths), dtype=float)
    ax.barh(y, widths, height=0.5, color=list(colours), zorder=2)
    for yy, name in zip(y, names, strict=True):
        ax.text(0, yy - 0.3, _wrap(name, 48, 1), ha="left", va="bottom", fontsize=mpl.rcParams["font.size"])
    ax.set_ylim(len(widths) - 0.5, -0.85)  # room above the first bar for its name
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, right_limit(ax, widths, labels, floor=100 if percent_axis else 0))
    value_labels(ax, widths, y, labels, colours=[_REFERENCE] * len(widths))
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10], integer=not percent_axis))
    formatter: Callable[[float, Any], str] = (
        (lambda v, _pos: _pct(v, lang, decimals=0)) if percent_axis else (lambda v, _pos: _int(v, lang))
    )
    ax.xaxis.set_major_formatter(FuncFormatter(formatter))
    ax.set_xlabel(xlabel)
    return ax


# --- charts: training pipeline and annual review (reports training-pipeline, annual-review) -------

#: Colours of the annual-review statuses: met, missed, no target (Okabe-Ito green, vermillion; grey).
_STATUS_COLOURS: Final[dict[str, str]] = {"met": OKABE_ITO[2], "missed": OKABE_ITO[3], "no_target": "#BBBBBB"}


def training_by_sector_bars(
    training: pd.DataFrame,
    *,
    sectors: pd.DataFrame,
    period: Period | str,
    lang: str = "vi",
    ax: Axes | None = None,
) -> Axes:
    """Training-class attendance against the plan per sector (and the city), as horizontal bars.

    Each bar is the share of the annual plan attended, labelled ``trained/plan · pct``, with the
    100% plan line and, for a period in progress, the expected-by-now line (:func:`expected_share`);
    the title names the period. A row with no plan gets no bar and says so. Total rows
    (``is_total`` true) are drawn last in grey, below a rule.

    Parameters
    ----------
    training
        A result of :func:`ketnap.training.training_by_sector`: ``sector``, ``name``, ``trained``,
        ``training_plan``, ``training_attainment_pct`` and optionally ``is_total``.
    sectors
        The sectors table (for the colours).
    period
        The period of the attendance.
    lang
        ``"vi"`` or ``"en"``.
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        Each bar's ``gid`` is its sector code (``"total"`` for a total row).
    """
    required = ("sector", "name", "trained", "training_plan", "training_attainment_pct")
    _require(training, required, "training_by_sector_bars")
    data = training.reset_index(drop=True)
    totals = (
        data["is_total"].fillna(False).astype(bool).to_numpy()
        if "is_total" in data
        else np.zeros(len(data), dtype=bool)
    )
    data = pd.concat([data[~totals], data[totals]], ignore_index=True)
    totals = np.sort(totals)  # the same reordering: totals last
    palette = sector_palette(sectors)
    names = [_wrap(name, 20, 2) for name in data["name"]]
    ax = ax if ax is not None else figure(height=_ROWS_FRAME + _TITLE_ROOM + 0.5 * max(len(data), 3))[1]

    pct = pd.to_numeric(data["training_attainment_pct"], errors="coerce").astype(float).to_numpy()
    plan = pd.to_numeric(data["training_plan"], errors="coerce").astype(float).to_numpy()
    labels = [
        t("chart.admitted_of_target", lang, admitted=_int(n, lang), target=_int(p, lang), pct=_pct(v, lang))
        if np.isfinite(v)
        else t("pipeline.chart.no_plan", lang, trained=_int(n, lang))
        for n, p, v in zip(data["trained"], plan, pct, strict=True)
    ]
    codes = [str(code) for code in data["sector"]]
    period = parse_period(period)
    period_title(ax, "chart.title.training", period, lang)
    _percent_of_target_bars(
        ax, pct, labels, names,
        [_REFERENCE if total else palette.get(code, _MUTED) for code, total in zip(codes, totals, strict=True)],
        ["total" if total else code for code, total in zip(codes, totals, strict=True)],
        period=period, target=t("pipeline.chart.plan_line", lang), axis=t("pipeline.chart.axis.training", lang),
        lang=lang,
    )  # fmt: skip
    if totals.any() and not totals.all():
        ax.axhline(int(np.argmax(totals)) - 0.5, color=_MUTED, linewidth=0.8)
    return ax


def days_to_admission_bars(
    bands: pd.DataFrame, *, period: Period | str, lang: str = "vi", ax: Axes | None = None
) -> Axes:
    """How long after the training class the people admitted in ``period`` were: bands of months.

    Parameters
    ----------
    bands
        A result of :func:`ketnap.training.days_to_admission_bands`: ``band`` (a key labelled from
        the catalog as ``pipeline.chart.band.<key>``), ``count``, ``share`` (0-1; NaN when empty).
    period
        The period of the admissions (named in the title).
    lang
        ``"vi"`` or ``"en"``.
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        Bar widths are percentages of the admissions counted (0 when there are none).
    """
    _require(bands, ("band", "count", "share"), "days_to_admission_bars")
    shares = pd.to_numeric(bands["share"], errors="coerce").astype(float).fillna(0.0).to_numpy()
    if np.any((shares < 0) | (shares > 1)):
        raise ValueError("days_to_admission_bars: share must be between 0 and 1 (a fraction)")
    names = [t(f"pipeline.chart.band.{band}", lang) for band in bands["band"]]
    labels = [
        t("chart.count_share", lang, count=_int(c, lang), pct=_pct(100.0 * s, lang))
        for c, s in zip(bands["count"], shares, strict=True)
    ]
    ax = ax if ax is not None else _labelled_bars_figure(len(names))
    period_title(ax, "chart.title.days", parse_period(period), lang)
    return _labelled_bars(
        ax,
        100.0 * shares,
        names,
        labels,
        [_ACCENT] * len(names),
        lang=lang,
        xlabel=t("pipeline.chart.axis.share_admitted", lang),
        percent_axis=True,
    )


def review_status_by_sector(
    summary: pd.DataFrame, *, period: Period | str, lang: str = "vi", ax: Axes | None = None
) -> Axes:
    """Organisations per sector that met their admissions target, missed it or had none: stacked bars.

    The title names the period (a finished year).

    Parameters
    ----------
    summary
        A result of :func:`ketnap.review.annual_summary`: ``name``, ``met``, ``missed``,
        ``no_target`` and optionally ``is_total`` (total rows are left out: they would dwarf the
        sectors).
    period
        The year reviewed.
    lang
        ``"vi"`` or ``"en"``.
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        Bars in the order met, missed, no target; each bar's ``gid`` is ``<status>:<row>``.
        Counts are written inside segments wide enough to hold them.
    """
    _require(summary, ("name", "met", "missed", "no_target"), "review_status_by_sector")
    data = summary
    if "is_total" in data:
        data = data[~data["is_total"].fillna(False).astype(bool)]
    data = data.reset_index(drop=True)
    names = [_wrap(name, 20, 2) for name in data["name"]]
    ax = ax if ax is not None else figure(height=_ROWS_FRAME + _TITLE_ROOM + 0.6 + 0.5 * max(len(data), 3))[1]
    period_title(ax, "chart.title.status", parse_period(period), lang)
    y = np.arange(len(data), dtype=float)
    left = np.zeros(len(data))
    totals = data[["met", "missed", "no_target"]].astype(float).sum(axis=1).to_numpy()
    right = max(float(totals.max(initial=0.0)), 1.0) * 1.08
    ax.set_xlim(0, right)
    ax.set_yticks(y, names)
    ax.set_ylim(len(data) - 0.5, -0.5)
    plot_pt = plot_width_pt(ax, names)
    handles = []
    for status in ("met", "missed", "no_target"):
        counts = data[status].astype(float).to_numpy()
        bars = ax.barh(
            y,
            counts,
            left=left,
            height=0.6,
            color=_STATUS_COLOURS[status],
            zorder=2,
            label=t(f"pipeline.status.{status}", lang),
        )
        for i, (bar, count) in enumerate(zip(bars, counts, strict=True)):
            bar.set_gid(f"{status}:{i}")
            text = _int(count, lang)
            if count > 0 and count / right * plot_pt > text_width_pt(text, mpl.rcParams["font.size"]) + 4:
                ax.text(
                    left[i] + count / 2,
                    y[i],
                    text,
                    ha="center",
                    va="center",
                    color="white" if status != "no_target" else "#222222",
                    fontweight="bold",
                    zorder=3,
                )
        left = left + counts
        handles.append(bars)
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _int(v, lang)))
    ax.set_xlabel(t("pipeline.chart.axis.organisations", lang))
    # Above the plot from the figure's edge, in two columns when they fit: three Vietnamese labels in
    # one row are wider than the figure, and constrained layout would shrink the axes to make room.
    legend_above(ax, handles)
    return ax


# Declared here, next to the functions, so this block can be added without touching the list above.
__all__ += ["days_to_admission_bars", "review_status_by_sector", "training_by_sector_bars"]
