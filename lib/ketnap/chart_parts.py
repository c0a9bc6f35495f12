"""What frames every report chart besides its data: its title, its reference lines and their legend.

What lives here: :func:`title` and :func:`period_title` (a chart names what it shows and its
period, :func:`ketnap.fmt.period_label`, or its training class), :func:`expected_share` and
:func:`reference_lines` (the 100% target line and, for a period in progress, the expected-by-now
line), :func:`legend_above`, and the measure and placing of text (:func:`text_width_pt`,
:func:`plot_width_pt`, :func:`right_limit`, :func:`value_labels`). The report charts themselves,
and the house theme that sets the font and sizes used here, are :mod:`ketnap.charts`; every
visible text comes from the label catalog.

Titles and legends go on the figure, from its left edge: a chart's Axes starts right of its long
Vietnamese row labels, and a title placed over the Axes alone would be squeezed into the rest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Final

import matplotlib as mpl
import numpy as np
from matplotlib.axes import Axes
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.textpath import TextToPath
from matplotlib.transforms import Transform, blended_transform_factory

from ketnap import fmt
from ketnap.labels import t
from ketnap.periods import Period, pace_share, parse_period

__all__ = [
    "FONT",
    "PACE_COLOUR",
    "PAPER_WIDTH",
    "REFERENCE_COLOUR",
    "TITLE_SIZE",
    "expected_share",
    "legend_above",
    "period_title",
    "plot_width_pt",
    "reference_lines",
    "right_limit",
    "short_names",
    "text_width_pt",
    "title",
    "value_labels",
]

#: The house font (the theme's ``font.sans-serif``): it ships with matplotlib and has every Vietnamese letter.
FONT: Final = "DejaVu Sans"
#: Size of a chart's title, in points (the theme's ``figure.titlesize``; bold).
TITLE_SIZE: Final = 12.0
#: The 100% line of the target or plan.
REFERENCE_COLOUR: Final = "#555555"
#: The expected-by-now line and the pace to the target (Okabe-Ito vermillion).
PACE_COLOUR: Final = "#D55E00"

#: Width in inches of the printed rendering of a chart with a row per organisation (``paper=True``):
#: A4's 182 mm of text width holds it at its size, and names of up to 56 characters fit on one line, so 36
#: rows print on one page with their smallest text above 7 pt (tests/test_outputs.py).
PAPER_WIDTH: Final = 7.2

#: What a Party organisation's name starts with when it only says what kind of organisation it is.
_KIND_PREFIX: Final = re.compile(r"^(đảng bộ bộ phận|đảng bộ|chi bộ)\s+", re.IGNORECASE)

#: Room, in points, kept between the figure's left edge and a title or legend placed on the figure.
_EDGE_PT: Final = 4.0
#: Size of a legend's text, in points.
_LEGEND_SIZE: Final = 9.5

_TEXT_TO_PATH = TextToPath()


def short_names(names: Sequence[object]) -> list[str]:
    """``names`` without the repeated "Đảng bộ"/"Chi bộ" that says what kind of organisation each is.

    For a chart of one sector, where the sector already says what they are: "Đảng bộ phường Ba
    Đình" reads "Phường Ba Đình", "Chi bộ Trường THPT Hàm Rồng" "Trường THPT Hàm Rồng". The full
    names stay in the report's tables. A name that would then read like another, or be empty, is
    kept whole.

    >>> short_names(["Đảng bộ phường Ba Đình", "Chi bộ Phòng Nội vụ", "Chi bộ", "Tổ chức khác"])
    ['Phường Ba Đình', 'Phòng Nội vụ', 'Chi bộ', 'Tổ chức khác']
    """
    full = [unicodedata.normalize("NFC", " ".join(str(name).split())) for name in names]
    cut = [_KIND_PREFIX.sub("", name) for name in full]
    cut = [name[:1].upper() + name[1:] if name else name for name in cut]
    taken = [c.casefold() for c in cut]
    return [c if c and taken.count(c.casefold()) == 1 else f for f, c in zip(full, cut, strict=True)]


def text_width_pt(text: str, fontsize: float, *, bold: bool = False) -> float:
    """Width in points of ``text`` in the house font (``bold`` or not): its widest line."""
    prop = FontProperties(family=[FONT], size=fontsize, weight="bold" if bold else "normal")
    return max(_TEXT_TO_PATH.get_text_width_height_descent(line, prop, ismath=False)[0] for line in text.split("\n"))


def plot_width_pt(ax: Axes, left_labels: Sequence[str]) -> float:
    """A conservative estimate of the plotting width once the left tick labels take their room."""
    figure = ax.get_figure(root=True)
    assert figure is not None  # an Axes drawn on is always on a figure
    fig_width_pt = figure.get_figwidth() * 72
    box = ax.get_position()
    label_pt = max((text_width_pt(s, mpl.rcParams["ytick.labelsize"]) for s in left_labels), default=0.0)
    # The default left margin already holds some of the labels; the rest comes out of the plot.
    width = box.width * fig_width_pt - max(0.0, label_pt + 12 - box.x0 * fig_width_pt)
    return max(width, 0.3 * fig_width_pt)


def right_limit(
    ax: Axes,
    ends: np.ndarray,
    labels: Sequence[str],
    *,
    left_labels: Sequence[str] = (),
    floor: float = 0.0,
    pad_pt: float = 5,
) -> float:
    """The x limit that leaves room for each label right of its bar or dot end."""
    width = plot_width_pt(ax, left_labels)
    limit = max(floor, float(np.max(ends, initial=0.0)) * 1.02, 1.0)
    for end, label in zip(ends, labels, strict=True):
        room = (text_width_pt(label, mpl.rcParams["font.size"]) + pad_pt + 4) / width
        limit = max(limit, float(end) / max(1.0 - room, 0.2))
    return limit


def value_labels(
    ax: Axes,
    ends: np.ndarray,
    y: np.ndarray,
    labels: Sequence[str],
    *,
    colours: Sequence[str],
    pad_pt: float = 4,
) -> None:
    """Write each of ``labels`` right of its bar or dot end, on a white backing, in its colour."""
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


def expected_share(period: Period | str) -> float | None:
    """Share of the annual target expected by the period's end; ``None`` when that is the whole target.

    The linear pace of :mod:`ketnap.rules` (:func:`ketnap.periods.pace_share`, which every
    "expected by now" count multiplies): the months gone over 12 for a year to date or a year cut
    at the data-as-of date, a quarter's own months for a quarter. A finished year expects its
    whole target, and its charts draw the 100% line alone.

    Examples
    --------
    >>> expected_share("2024-02"), expected_share("2023"), expected_share("2023-Q3")
    (0.16666666666666666, None, 0.25)
    """
    share = pace_share(parse_period(period))
    return None if share >= 1 else share


def _alone(ax: Axes) -> bool:
    """Whether ``ax`` is its figure's only Axes (then title and legend may use the figure's width)."""
    return len(ax.get_figure(root=True).axes) == 1  # type: ignore[union-attr]


def _fit(text: str, width_pt: float, size: float) -> list[str]:
    """``text`` in bold lines no wider than ``width_pt``: whole if it fits, else broken after its
    last comma (a title's subject, then its period), then between words."""
    text = unicodedata.normalize("NFC", " ".join(text.split()))
    if text_width_pt(text, size, bold=True) <= width_pt:
        return [text]
    head, comma, tail = text.rpartition(", ")
    if comma:
        return [*_fit(head + ",", width_pt, size), *_fit(tail, width_pt, size)]
    lines: list[str] = []
    for word in text.split(" "):
        if lines and text_width_pt(f"{lines[-1]} {word}", size, bold=True) <= width_pt:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def title(ax: Axes, text: str, *, note: str = "") -> None:
    """Title the chart: on the figure, left-aligned at its edge and wrapped to its width.

    ``note`` (such as "the 60 lowest of 200") follows on a line of its own. An Axes that shares
    its figure with others gets the title on itself instead.
    """
    figure = ax.get_figure(root=True)
    assert figure is not None  # an Axes drawn on is always on a figure
    width_pt = figure.get_figwidth() * 72 - 2 * _EDGE_PT
    lines = [*_fit(text, width_pt, TITLE_SIZE), *(_fit(note, width_pt, TITLE_SIZE) if note else [])]
    if _alone(ax):
        figure.suptitle("\n".join(lines), x=_EDGE_PT / (figure.get_figwidth() * 72), ha="left")
    else:
        ax.set_title("\n".join(lines), loc="left", fontsize=TITLE_SIZE, fontweight="bold")


def period_title(ax: Axes, key: str, period: Period | str, lang: str, *, note: str = "") -> None:
    """Title the chart with the catalog's ``key``, its ``{period}`` the period's display name."""
    title(ax, t(key, lang, period=fmt.period_label(period, lang)), note=note)


def reference_lines(ax: Axes, period: Period | str, *, target: str, lang: str) -> list[Line2D]:
    """Draw the expected-by-now line (when :func:`expected_share` is not ``None``) and the 100% line.

    The expected line is named with the month it is due by, "Tiến độ cần đạt đến tháng 2/2024
    (16,7%)", or for a finished quarter as that quarter's share of the target; the 100% line is
    named ``target``. Returns the lines for a legend, in that order; their ``gid`` are
    ``"expected"`` and ``"target"``.
    """
    period = parse_period(period)
    lines: list[Line2D] = []
    share = expected_share(period)
    if share is not None:
        pct = fmt.pct(100 * share, lang)
        label = (
            t("chart.line.quarter", lang, period=fmt.period_label(period, lang), pct=pct)
            if period.closed  # a finished quarter: its own three months' share of the annual target
            else t("chart.line.expected", lang, month=fmt.month(period.end, lang), pct=pct)
        )
        expected = ax.axvline(100 * share, color=PACE_COLOUR, linestyle="-.", linewidth=1.4, zorder=3, label=label)
        expected.set_gid("expected")
        lines.append(expected)
    full = ax.axvline(100, color=REFERENCE_COLOUR, linestyle="--", linewidth=1.2, zorder=3, label=target)
    full.set_gid("target")
    return [*lines, full]


def legend_above(ax: Axes, handles: Sequence[Any]) -> None:
    """A legend above the plot, under the title: from the figure's left edge, so long labels fit.

    Two columns when they fit the figure's width, else one entry a line.
    """
    figure = ax.get_figure(root=True)
    assert figure is not None
    labels = [str(handle.get_label()) for handle in handles]
    half = (len(labels) + 1) // 2  # matplotlib fills a legend's columns top to bottom
    entry_pt = (2.4 + 0.4) * _LEGEND_SIZE  # the handle and the gap after it
    parts = [part for part in (labels[:half], labels[half:]) if part]
    widths = [max(text_width_pt(label, _LEGEND_SIZE) for label in part) + entry_pt for part in parts]
    two_columns = len(labels) > 1 and sum(widths) + _LEGEND_SIZE <= figure.get_figwidth() * 72 - 2 * _EDGE_PT
    transform: Transform = ax.transAxes
    anchor = (0.0, 1.0)
    if _alone(ax):
        transform = blended_transform_factory(figure.transFigure, ax.transAxes)
        anchor = (_EDGE_PT / (figure.get_figwidth() * 72), 1.0)
    ax.legend(
        handles=list(handles),
        loc="lower left",
        bbox_to_anchor=anchor,
        bbox_transform=transform,
        ncol=2 if two_columns else 1,
        borderaxespad=0.3,
        borderpad=0.1,
        handlelength=2.4,
        handletextpad=0.4,
        columnspacing=1.0,
        fontsize=_LEGEND_SIZE,
    )
