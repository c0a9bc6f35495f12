"""Charts for the reports: one house theme and the report charts, all drawn with matplotlib/seaborn.

What lives here: :func:`use_theme` (fonts, sizes, grid, deterministic output), :func:`figure`,
:func:`savefig` and :func:`save_metadata`, :func:`sector_palette`, and one function per report chart.
Chart functions follow seaborn's shape: data first, keyword-only options, ``ax=None`` in and the
``Axes`` out; they never call ``plt.show()`` or save anything. Every visible text comes from the
label catalog (:func:`ketnap.labels.t`) in ``lang``.

What does not live here: computing metrics, or which units are behind pace (``ketnap.metrics``;
:func:`ranked_attainment` reads :func:`ketnap.metrics.is_behind_pace`), and loading data (``ketnap.io``).
Number formatting is a private stop-gap (:func:`_int`, :func:`_pct`) until ``ketnap.fmt`` is used.

The page is read on phones: the house figure is 4.5 inches wide, so when it is shown 360 CSS pixels
wide one point of font size is about 1.1 CSS pixels, and the 10-11 pt text stays legible.
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
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
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.textpath import TextToPath
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ketnap.labels import CATALOG, t
from ketnap.rules import is_behind_pace

__all__ = [
    "FIG_HEIGHT",
    "FIG_WIDTH",
    "OKABE_ITO",
    "THEME",
    "attainment_by_sector",
    "composition_bars",
    "cumulative_vs_pace",
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
_REFERENCE: Final = "#555555"  # target lines, pace
_MUTED: Final = "#8C8C8C"  # last year, no-target labels
_STEM: Final = "#D0D0D0"

#: Row-per-organisation charts draw at most this many rows (a province has ~1,000 organisations).
MAX_CHART_ROWS: Final = 60

# Heights, in inches, of one row of a row-per-item chart and of the fixed part around the rows.
_ROW_HEIGHT: Final = 0.36
_ROWS_FRAME: Final = 0.9

#: The house rcParams applied by :func:`use_theme`.
THEME: Final[dict[str, Any]] = {
    # DejaVu Sans ships with matplotlib and has every Vietnamese letter (NFC and NFD); fonts found
    # on a given machine may not, and then diacritics silently turn into boxes.
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 10.5,
    "axes.titlesize": 12,
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


def heatmap_height(n_rows: int) -> float:
    """Figure height (inches) that keeps ``n_rows`` rows of a row-per-item chart readable.

    Each row gets room for a two-line label at the theme's tick size; used for the heat map and
    the ranked dot plot, where 30 or more organisations are common.

    Examples
    --------
    >>> heatmap_height(30)
    11.7
    """
    if n_rows < 0:
        raise ValueError(f"n_rows must be >= 0, got {n_rows}")
    return round(_ROWS_FRAME + _ROW_HEIGHT * max(n_rows, 1), 2)


def figure(height: float | None = None, *, rows: int | None = None) -> tuple[Figure, Axes]:
    """A new figure and axes in the house size, with the house theme applied.

    Parameters
    ----------
    height
        Height in inches; default :data:`FIG_HEIGHT`.
    rows
        Size the height for this many rows instead (see :func:`heatmap_height`).

    Returns
    -------
    (Figure, Axes)
    """
    use_theme()
    if height is None:
        height = heatmap_height(rows) if rows is not None else FIG_HEIGHT
    # Constrained layout makes room for long, wrapped Vietnamese tick labels and legends.
    fig, ax = plt.subplots(figsize=(FIG_WIDTH, height), layout="constrained")
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
    lang: str = "vi",
    ax: Axes | None = None,
) -> Axes:
    """Horizontal bars of target attainment per sector, with the 100% target line.

    A sector's attainment is all its admissions over the sum of its units' targets (units with a
    target of 0 or none add no target). Each bar is labelled ``admitted/target · pct``; a sector
    with no target at all gets no bar and says so.

    Parameters
    ----------
    metrics
        Per-unit metrics: columns ``sector``, ``admitted``, ``target`` (nullable; 0 or missing =
        no target).
    sectors
        The sectors table: ``sector``, ``order``, ``name_vi``, ``name_en``, optionally ``colour``.
        Sectors are drawn in ``order``; only those present in ``metrics``.
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
    ax = ax if ax is not None else figure(height=_ROWS_FRAME + 0.5 * max(len(table), 3))[1]

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
    _percent_of_target_bars(
        ax, attainment, labels, names, [palette[code] for code in codes], codes,
        line=t("chart.target_line", lang), axis=t("chart.axis.attainment", lang), lang=lang,
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
    line: str,
    axis: str,
    lang: str,
) -> None:
    """Horizontal bars of percent of target, first row on top, a dashed line at 100 labelled ``line``.

    A row whose ``pct`` is NaN gets no bar, only its label (muted); each bar's ``gid`` is from ``gids``.
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
    ax.axvline(100, color=_REFERENCE, linestyle="--", linewidth=1.2, zorder=3)
    ax.text(
        100, 1.0, line, transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=9.5, color=_REFERENCE
    )
    ends = np.nan_to_num(pct, nan=0.0).clip(min=0)
    ax.set_xlim(0, _right_limit(ax, ends, labels, left_labels=names, floor=110))
    _value_labels(ax, ends, y_positions, labels, colours=[_REFERENCE if np.isfinite(v) else _MUTED for v in pct])
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _pct(v, lang, decimals=0)))
    ax.set_xlabel(axis)


def cumulative_vs_pace(
    monthly: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None, closed_year: int | None = None
) -> Axes:
    """Cumulative admissions month by month against the target pace (and last year, if given).

    ``closed_year`` (a finished year) names the lines by their years ("Năm 2023", "Năm 2022"), not
    "this year" and "the same period last year".

    Parameters
    ----------
    monthly
        One row per month: ``month`` (month start), ``cumulative`` (NaN for months not reached yet),
        ``pace`` (cumulative target pace); optionally ``cumulative_last_year``.
    lang
        ``"vi"`` (months ``T1``..``T12``) or ``"en"`` (``Jan``..``Dec``).
    ax
        Axes to draw on; a new house figure when ``None``.

    Returns
    -------
    Axes
        Lines, in drawing order: pace (when there is a target), last year (when given),
        cumulative. Their x data are month
        numbers (13 = January of the following year).
    """
    _require(monthly, ("month", "cumulative", "pace"), "cumulative_vs_pace")
    data = monthly.assign(month=pd.to_datetime(monthly["month"])).sort_values("month").reset_index(drop=True)
    first_year = int(data["month"].dt.year.iloc[0]) if len(data) else 0
    x = ((data["month"].dt.year - first_year) * 12 + data["month"].dt.month).to_numpy(dtype=float)
    ax = ax if ax is not None else figure()[1]

    if data["pace"].notna().any():  # no target: no pace line, and no legend entry for one
        ax.plot(
            x,
            data["pace"].astype(float),
            color=_REFERENCE,
            linestyle="--",
            linewidth=1.5,
            label=t("chart.series.pace", lang),
        )
    if "cumulative_last_year" in data and data["cumulative_last_year"].notna().any():
        ax.plot(
            x,
            data["cumulative_last_year"].astype(float),
            color=_MUTED,
            linestyle=":",
            linewidth=1.8,
            label=t("chart.series.year", lang, year=closed_year - 1)
            if closed_year
            else t("chart.series.last_year", lang),
        )
    cumulative = data["cumulative"].astype(float)
    ax.plot(
        x,
        cumulative,
        color=_ACCENT,
        linewidth=2.4,
        marker="o",
        markersize=4,
        label=t("chart.series.year", lang, year=closed_year) if closed_year else t("chart.series.cumulative", lang),
    )
    reached = cumulative.notna().to_numpy()
    if reached.any():
        last = np.flatnonzero(reached)[-1]
        ax.annotate(
            _int(cumulative.iloc[last], lang),
            (x[last], cumulative.iloc[last]),
            xytext=(0, 7),
            textcoords="offset points",
            ha="center",
            va="bottom",
            color=_ACCENT,
            fontweight="bold",
        )

    ticks = [
        t(f"chart.month.{m.month}", lang) + (f"\n{m.year}" if m.month == 1 and m.year != first_year else "")
        for m in data["month"]
    ]
    ax.set_xticks(x, ticks)
    ax.tick_params(axis="x", length=0)
    if len(x):
        ax.set_xlim(x.min() - 0.5, x.max() + 0.5)
    drawn = data[[c for c in ("cumulative", "pace", "cumulative_last_year") if c in data]].astype(float)
    top = drawn.max().max()  # skips NaN; NaN only when nothing at all is drawn
    ax.set_ylim(0, max(0.0 if pd.isna(top) else float(top), 1.0) * 1.12)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _int(v, lang)))
    ax.grid(axis="x", visible=False)
    ax.set_ylabel(t("chart.axis.cumulative", lang))
    ax.legend(loc="upper left", handlelength=2.2)
    return ax


def org_month_heatmap(
    matrix: pd.DataFrame,
    *,
    lang: str = "vi",
    ax: Axes | None = None,
    label_width: int = 26,
    names: Mapping[Any, str] | None = None,
    max_rows: int = MAX_CHART_ROWS,
) -> Axes:
    """Admissions per organisation and month as an annotated heat map.

    With more than ``max_rows`` organisations only the ``max_rows`` with the fewest admissions in
    the period are drawn (the title says so); a heat map of thousands of rows informs nobody.

    Zero cells are pale and carry no number, so the non-zero counts stand out; NaN cells (a month
    whose return is missing: :func:`ketnap.completeness.blank_not_reported`) are hatched grey and a
    legend under the grid reads "Chưa báo cáo", never 0. Months are numbered under a
    "Tháng"/"Month" header, on top so a reader of 30+ rows meets them first. Long names wrap onto
    two lines and are shortened with an ellipsis beyond that. Size the figure with
    :func:`heatmap_height`.

    Parameters
    ----------
    matrix
        Counts: index = organisation display names, columns = months (Timestamps, or month
        numbers 1-12), in the order to show.
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
    ax = ax if ax is not None else figure(rows=len(matrix))[1]
    if total > max_rows:
        ax.set_title(t("chart.capped_fewest", lang, shown=_int(len(matrix), lang), total=_int(total, lang)), loc="left")

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
        yticklabels=[_wrap((names or {}).get(key, key), label_width, 2) for key in matrix.index],
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
    lang: str = "vi",
    ax: Axes | None = None,
) -> Axes:
    """Trained -> admitted (-> converted to full members) as bars, each labelled with its count and share.

    Shares are of the trained count; admissions can exceed it (people trained in earlier years).

    Parameters
    ----------
    trained, admitted, converted
        Counts (non-negative); ``converted`` is left out when ``None``.
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


def composition_bars(composition: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """Shares of groups among new members as bars labelled ``count · pct``.

    Parameters
    ----------
    composition
        Columns ``group`` (a key such as ``women``, ``youth_union``, ``ethnic_minority``,
        ``religious``, ``student``, ``private_enterprise``, ``age_18_30``: labelled from the catalog
        as ``chart.group.<key>``), ``count``, ``share`` (0-1). Drawn in the given order; a group
        whose count is NaN (hidden, :mod:`ketnap.privacy`) has no bar and reads "ẩn".
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
    label_width: int = 22,
    max_rows: int = MAX_CHART_ROWS,
    closed: bool = False,
) -> Axes:
    """Organisations of one sector ranked by attainment, as a dot plot with the 100% line.

    ``closed`` (a finished year or quarter) names the dots by the result, "Đạt / Không đạt chỉ
    tiêu", not by pace.

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
    lang
        ``"vi"`` or ``"en"``.
    ax
        Axes to draw on; a new figure sized for the rows when ``None``.
    label_width
        Characters per line of an organisation label (two lines at most).

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
    ax = ax if ax is not None else figure(rows=n_rows + 1)[1]  # +1: the legend row

    y_ranked = np.arange(n_ranked, dtype=float)
    values = ranked["attainment_pct"].fillna(0.0).clip(lower=0).to_numpy()
    behind = is_behind_pace(ranked).to_numpy()
    ax.hlines(y_ranked, 0, values, color=_STEM, linewidth=1.2, zorder=1)
    ax.scatter(
        values[~behind],
        y_ranked[~behind],
        s=42,
        color=sector_colour,
        zorder=3,
        label=t("chart.legend.met" if closed else "chart.legend.on_pace", lang),
    )
    ax.scatter(
        values[behind],
        y_ranked[behind],
        s=42,
        facecolor="white",
        edgecolor=sector_colour,
        linewidth=1.8,
        zorder=3,
        label=t("chart.legend.missed" if closed else "chart.legend.behind_pace", lang),
    )
    ax.axvline(100, color=_REFERENCE, linestyle="--", linewidth=1.2, zorder=2)

    labels = [
        t("chart.admitted_of_target", lang, admitted=_int(a, lang), target=_int(tg, lang), pct=_pct(p, lang))
        for a, tg, p in zip(ranked["admitted"], ranked["target"], values, strict=True)
    ] + [
        t("chart.admitted_no_target", lang, admitted=_int(a, lang)) if ok else t("returns.chart.not_reported", lang)
        for a, ok in zip(untargeted["admitted"], reported[untargeted.index], strict=True)
    ]
    names = [_wrap(name, label_width, 2) for name in [*ranked["name"], *untargeted["name"]]]
    y_all = np.arange(n_rows, dtype=float)
    ends = np.concatenate([values, np.zeros(len(untargeted))])
    ax.set_yticks(y_all, names)
    ax.set_ylim(n_rows - 0.5, -0.5)
    ax.set_xlim(0, _right_limit(ax, ends, labels, left_labels=names, floor=110, pad_pt=8))
    _value_labels(ax, ends, y_all, labels, colours=[_REFERENCE] * n_ranked + [_MUTED] * len(untargeted), pad_pt=7)
    for tick in ax.get_yticklabels()[n_ranked:]:
        tick.set_color(_MUTED)
    if n_ranked and len(untargeted):
        ax.axhline(n_ranked - 0.5, color=_MUTED, linewidth=0.8)

    if total > max_rows:
        ax.set_title(t("chart.capped_lowest", lang, shown=_int(n_rows, lang), total=_int(total, lang)), loc="left")
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0, labelsize=9.5)
    for label in ax.get_yticklabels():
        label.set_linespacing(1.1)  # two-line names stay inside their row; 1.1 keeps stacked diacritics clear
    ax.xaxis.set_major_locator(MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _pct(v, lang, decimals=0)))
    ax.set_xlabel(t("chart.axis.attainment", lang))
    target_handle = Line2D([], [], color=_REFERENCE, linestyle="--", linewidth=1.2, label=t("chart.target_line", lang))
    handles, _ = ax.get_legend_handles_labels()
    # Above the plot, not on it: dots can be anywhere along the axis.
    ax.legend(
        handles=[*handles, target_handle],
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=2,
        borderaxespad=0.2,
        handletextpad=0.3,
        columnspacing=1.0,
        fontsize=9.5,
    )
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


def _half_up(x: float, decimals: int) -> Decimal:
    # Half up, as people round by hand and as ketnap.fmt does (Python's round() is half-even).
    return Decimal(repr(float(x))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _int(x: float, lang: str) -> str:
    """A whole number with the thousands separator of ``lang`` (vi ``1.253``, en ``1,253``)."""
    text = f"{_half_up(x, 0):,f}"
    return text.replace(",", ".") if lang == "vi" else text


def _pct(x: float, lang: str, decimals: int = 1) -> str:
    """A percentage (``x`` already in percent) in the style of ``lang`` (vi ``28,3%``, en ``28.3%``)."""
    if not np.isfinite(x):
        return "–"
    text = f"{_half_up(x, decimals):,f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return f"{text}%"


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


_TEXT_TO_PATH = TextToPath()


def _text_width_pt(text: str, fontsize: float) -> float:
    """Width in points of ``text`` in the theme font: widest line."""
    prop = FontProperties(family=THEME["font.sans-serif"], size=fontsize)
    return max(_TEXT_TO_PATH.get_text_width_height_descent(line, prop, ismath=False)[0] for line in text.split("\n"))


def _plot_width_pt(ax: Axes, left_labels: Sequence[str]) -> float:
    """A conservative estimate of the plotting width once the left tick labels take their room."""
    figure = ax.get_figure(root=True)
    assert figure is not None  # an Axes drawn on is always on a figure
    fig_width_pt = figure.get_figwidth() * 72
    box = ax.get_position()
    label_pt = max((_text_width_pt(s, mpl.rcParams["ytick.labelsize"]) for s in left_labels), default=0.0)
    # The default left margin already holds some of the labels; the rest comes out of the plot.
    width = box.width * fig_width_pt - max(0.0, label_pt + 12 - box.x0 * fig_width_pt)
    return max(width, 0.3 * fig_width_pt)


def _right_limit(
    ax: Axes,
    ends: np.ndarray,
    labels: Sequence[str],
    *,
    left_labels: Sequence[str] = (),
    floor: float = 0.0,
    pad_pt: float = 5,
) -> float:
    """The x limit that leaves room for each label right of its bar or dot end."""
    width = _plot_width_pt(ax, left_labels)
    limit = max(floor, float(np.max(ends, initial=0.0)) * 1.02, 1.0)
    for end, label in zip(ends, labels, strict=True):
        room = (_text_width_pt(label, mpl.rcParams["font.size"]) + pad_pt + 4) / width
        limit = max(limit, float(end) / max(1.0 - room, 0.2))
    return limit


def _value_labels(
    ax: Axes,
    ends: np.ndarray,
    y: np.ndarray,
    labels: Sequence[str],
    *,
    colours: Sequence[str],
    pad_pt: float = 4,
) -> None:
    for end, yy, label, colour in zip(ends, y, labels, colours, strict=True):
        # A white backing keeps the 100% line from running through the digits.
        ax.annotate(
            label,
            (end, yy),
            xytext=(pad_pt, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            color=colour,
            zorder=4,
            bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.9},
        )


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
    ax = ax if ax is not None else figure(height=_ROWS_FRAME + 0.55 * max(len(widths), 2))[1]
    y = np.arange(len(widths), dtype=float)
    ax.barh(y, widths, height=0.5, color=list(colours), zorder=2)
    for yy, name in zip(y, names, strict=True):
        ax.text(0, yy - 0.3, _wrap(name, 48, 1), ha="left", va="bottom", fontsize=mpl.rcParams["font.size"])
    ax.set_ylim(len(widths) - 0.5, -0.85)  # room above the first bar for its name
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.grid(axis="y", visible=False)
    ax.set_xlim(0, _right_limit(ax, widths, labels, floor=100 if percent_axis else 0))
    _value_labels(ax, widths, y, labels, colours=[_REFERENCE] * len(widths))
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
    lang: str = "vi",
    ax: Axes | None = None,
) -> Axes:
    """Training-class attendance against the plan per sector (and the city), as horizontal bars.

    Each bar is the share of the annual plan attended, labelled ``trained/plan · pct``, with the
    100% plan line. A row with no plan gets no bar and says so. Total rows (``is_total`` true)
    are drawn last in grey, below a rule.

    Parameters
    ----------
    training
        A result of :func:`ketnap.training.training_by_sector`: ``sector``, ``name``, ``trained``,
        ``training_plan``, ``training_attainment_pct`` and optionally ``is_total``.
    sectors
        The sectors table (for the colours).
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
    ax = ax if ax is not None else figure(height=_ROWS_FRAME + 0.5 * max(len(data), 3))[1]

    pct = pd.to_numeric(data["training_attainment_pct"], errors="coerce").astype(float).to_numpy()
    plan = pd.to_numeric(data["training_plan"], errors="coerce").astype(float).to_numpy()
    labels = [
        t("chart.admitted_of_target", lang, admitted=_int(n, lang), target=_int(p, lang), pct=_pct(v, lang))
        if np.isfinite(v)
        else t("pipeline.chart.no_plan", lang, trained=_int(n, lang))
        for n, p, v in zip(data["trained"], plan, pct, strict=True)
    ]
    codes = [str(code) for code in data["sector"]]
    _percent_of_target_bars(
        ax, pct, labels, names,
        [_REFERENCE if total else palette.get(code, _MUTED) for code, total in zip(codes, totals, strict=True)],
        ["total" if total else code for code, total in zip(codes, totals, strict=True)],
        line=t("pipeline.chart.plan_line", lang), axis=t("pipeline.chart.axis.training", lang), lang=lang,
    )  # fmt: skip
    if totals.any() and not totals.all():
        ax.axhline(int(np.argmax(totals)) - 0.5, color=_MUTED, linewidth=0.8)
    return ax


def days_to_admission_bars(bands: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """How long after the training class people were admitted: bands of months, as labelled bars.

    Parameters
    ----------
    bands
        A result of :func:`ketnap.training.days_to_admission_bands`: ``band`` (a key labelled from
        the catalog as ``pipeline.chart.band.<key>``), ``count``, ``share`` (0-1; NaN when empty).
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


def review_status_by_sector(summary: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """Organisations per sector that met their admissions target, missed it or had none: stacked bars.

    Parameters
    ----------
    summary
        A result of :func:`ketnap.review.annual_summary`: ``name``, ``met``, ``missed``,
        ``no_target`` and optionally ``is_total`` (total rows are left out: they would dwarf the
        sectors).
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
    ax = ax if ax is not None else figure(height=_ROWS_FRAME + 0.6 + 0.5 * max(len(data), 3))[1]
    y = np.arange(len(data), dtype=float)
    left = np.zeros(len(data))
    totals = data[["met", "missed", "no_target"]].astype(float).sum(axis=1).to_numpy()
    right = max(float(totals.max(initial=0.0)), 1.0) * 1.08
    ax.set_xlim(0, right)
    ax.set_yticks(y, names)
    ax.set_ylim(len(data) - 0.5, -0.5)
    plot_pt = _plot_width_pt(ax, names)
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
            if count > 0 and count / right * plot_pt > _text_width_pt(text, mpl.rcParams["font.size"]) + 4:
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
    ax.grid(axis="y", visible=False)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: _int(v, lang)))
    ax.set_xlabel(t("pipeline.chart.axis.organisations", lang))
    # Above the plot in two columns: three Vietnamese labels in one row are wider than the figure,
    # and constrained layout would then shrink the axes to nothing to make room.
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0, 1.0),
        ncol=2,
        borderaxespad=0.2,
        handletextpad=0.3,
        columnspacing=1.0,
        fontsize=9.5,
    )
    return ax


# Declared here, next to the functions, so this block can be added without touching the list above.
__all__ += ["days_to_admission_bars", "review_status_by_sector", "training_by_sector_bars"]
