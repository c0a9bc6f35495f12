"""Presentation helpers for report notebooks: figure cards, tables, charts and text as HTML.

A table names its columns; their headings and formats come from the column catalog
(:mod:`ketnap.columns`).

Every text that may come from the returns passes through :func:`html.escape` here, so notebooks
never build HTML by hand. The output is deterministic (no random ids, no timestamps), which keeps
rebuilt reports byte-identical. Charts are embedded as PNG data URIs with alt text, so a report is
one self-contained file.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from html import escape
from typing import Any

import pandas as pd

from ketnap import columns as columns_catalog
from ketnap import indicators
from ketnap.labels import t
from ketnap.periods import Period

__all__ = [
    "FORMATS",
    "TABLE_MIME",
    "Card",
    "HTMLFragment",
    "TableText",
    "cards",
    "chart",
    "figure_card",
    "heading",
    "indicator_notes",
    "paragraph",
    "png",
    "status_grids",
    "status_legend",
    "table",
    "table_text",
    "tall_chart",
]

#: MIME type of a table kept in the executed notebook for the report's Excel export
#: (``ketnap.build.export`` collects them); the HTML shows only the ``text/html`` part.
TABLE_MIME = "application/vnd.ketnap.table+json"

#: Rows a table shows before pointing to the Excel file for the rest.
MAX_TABLE_ROWS = 200

#: A table of at most this many rows is kept on one printed page (class ``short``).
SHORT_TABLE_ROWS = 10

#: Resolution of embedded charts: sharp on phones (2x) without bloating the page.
CHART_DPI = 144


@dataclass(frozen=True)
class HTMLFragment:
    """A piece of report HTML; Jupyter displays it through ``_repr_mimebundle_``.

    ``export`` optionally carries a table for the report's Excel file (see :data:`TABLE_MIME`);
    ``figures`` the figures it shows (:func:`ketnap.indicators.figure` dicts), which the build
    embeds in the report (:data:`ketnap.indicators.FIGURES_MIME`).
    """

    html: str
    export: dict[str, Any] | None = None
    figures: tuple[dict[str, Any], ...] = ()

    def _repr_html_(self) -> str:
        return self.html

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {"text/html": self.html}
        if self.export is not None:
            bundle[TABLE_MIME] = self.export
        if self.figures:
            bundle[indicators.FIGURES_MIME] = list(self.figures)
        return bundle

    def __str__(self) -> str:
        return self.html


@dataclass(frozen=True)
class Card:
    """One headline figure: a label, the value as shown, and an optional note under it.

    ``figures`` are the catalogue figures it shows (:func:`figure_card` fills it).
    """

    label: str
    value: str
    note: str = ""
    figures: tuple[dict[str, Any], ...] = ()


def figure_card(
    code: str,
    source: Mapping[str, Any] | Any,
    lang: str = "vi",
    *,
    label: str | None = None,
    label_fields: Mapping[str, object] | None = None,
    note: str = "",
    scope: str | None = None,
    period: str | None = None,
) -> Card:
    """The card of indicator ``code``: its name, its value rounded and formatted by the catalogue.

    ``source`` is a :func:`ketnap.metrics.summary` dict (the value is ``source[code]``, the scope its
    sector or the city, the period its own) or the value itself, with ``scope`` and ``period``
    given. ``label`` is a label key to name it otherwise (e.g. the whole-year wording), with its
    ``label_fields``.

    >>> card = figure_card("attainment_pct", {"attainment_pct": 28.27, "period": "2024-02", "sector": None})
    >>> card.value, card.label, card.figures[0]["scope"], card.figures[0]["value"]
    ('28,3%', 'Tỷ lệ đạt chỉ tiêu', 'city', 28.3)
    """
    if isinstance(source, Mapping):
        value = source[code]
        scope = scope or indicators.scope_of(source)
        period = period or str(source["period"])
    else:
        value = source
    if scope is None or period is None:
        raise ValueError("figure_card: give scope and period with a bare value")
    name = t(label or indicators.indicator(code).name, lang, **(label_fields or {}))
    shown = indicators.display(code, value, lang)
    return Card(name, shown, note, (indicators.figure(code, scope, period, value),))


def cards(items: Iterable[Card]) -> HTMLFragment:
    """A responsive grid of headline figures (the build embeds the figures of :func:`figure_card` ones)."""
    items = list(items)
    parts = []
    for card in items:
        note = f'<div class="note">{escape(card.note)}</div>' if card.note else ""
        parts.append(
            f'<div class="card"><div class="value">{escape(card.value)}</div>'
            f'<div class="label">{escape(card.label)}</div>{note}</div>'
        )
    figures = tuple(figure for card in items for figure in card.figures)
    return HTMLFragment(f'<div class="cards">{"".join(parts)}</div>', figures=figures)


def paragraph(text: str, *, lead: bool = False, link: tuple[str, str] | None = None) -> HTMLFragment:
    """A paragraph of narrative text (escaped), optionally ending with a ``link`` ``(href, words)``.

    The figures a :class:`ketnap.indicators.Text` states (the sentences of :mod:`ketnap.narrative`,
    :mod:`ketnap.scorecard`, :mod:`ketnap.completeness`) go with it into the report's figures block,
    as a card's or a table's do.

    >>> from ketnap.indicators import Text, figure
    >>> paragraph(Text("Đã kết nạp 231 đảng viên.", [figure("admitted", "city", "2024-02", 231)])).figures
    ({'code': 'admitted', 'scope': 'city', 'period': '2024-02', 'value': 231},)
    """
    attr = ' class="lead"' if lead else ""
    tail = f' <a href="{escape(link[0])}">{escape(link[1])}</a>.' if link else ""
    return HTMLFragment(f"<p{attr}>{escape(text)}{tail}</p>", figures=indicators.figures_of(text))


def heading(text: str, level: int = 2, *, of: str | None = None, lang: str = "vi") -> HTMLFragment:
    """A section heading built from data (escaped); static headings belong in Markdown cells.

    ``of`` names what the section's table or chart is of, its period or training class
    (:func:`ketnap.fmt.period_label`), after the heading: "Kết quả theo khối, năm 2023".
    """
    if of:
        text = t("section.of", lang, heading=text, of=of)
    return HTMLFragment(f"<h{level}>{escape(text)}</h{level}>")


def chart(figure_or_axes: Any, *, alt: str) -> HTMLFragment:
    """Embed a matplotlib figure (or an Axes' figure) as a PNG with alt text, then close it.

    The ``<figure>`` carries what its text size on paper and on screen is worked out from:
    ``data-min-font-pt``, the smallest font size (points) of any text actually drawn (titles,
    labels, tick labels, legends, annotations), and ``data-width-in``, the saved image's width in
    inches. Shown ``w`` CSS pixels wide, that text is ``min_font_pt * w / (width_in * 96)`` points
    (tests/test_outputs.py checks it is at least 7 pt on A4, and legible on a phone).
    """
    with _drawn_font_sizes() as sizes:
        image = png(figure_or_axes)
    width_in = int.from_bytes(image[16:20], "big") / CHART_DPI  # the IHDR width, in pixels
    smallest = f' data-min-font-pt="{min(sizes):g}"' if sizes else ""
    data = base64.b64encode(image).decode("ascii")
    return HTMLFragment(
        f'<figure class="chart"{smallest} data-width-in="{width_in:.3f}" style="--chart-width: {width_in * 96:.0f}px">'
        f'<img src="data:image/png;base64,{data}" alt="{escape(alt)}"></figure>'
    )


def png(figure_or_axes: Any) -> bytes:
    """A matplotlib figure (or an Axes' figure) as the PNG :func:`chart` embeds, then closed.

    Saved at :data:`CHART_DPI`, cropped to its drawing, with no metadata and a 256-colour palette:
    the bytes depend only on the drawing, so rebuilds are identical.
    """
    import matplotlib.pyplot as plt

    figure = getattr(figure_or_axes, "figure", figure_or_axes)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=CHART_DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return _palette_png(buffer.getvalue())


def _palette_png(png: bytes) -> bytes:
    """The chart as a 256-colour PNG: the same picture (flat fills, anti-aliased text) in about a
    third of the bytes, which a phone on a slow line and a national-size report need."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    palette = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, format="PNG", compress_level=6)  # no metadata: rebuilds stay byte-identical
    return out.getvalue()


@contextmanager
def _drawn_font_sizes() -> Iterator[list[float]]:
    """The font sizes (points) of every visible, non-empty text matplotlib draws inside the block.

    Hooks ``Text.draw``: tick labels outside the view, hidden texts and empty strings are never
    drawn, so they are not counted (walking the figure's Text artists would count them).
    """
    from matplotlib.text import Text

    sizes: list[float] = []
    original = Text.draw

    def draw(self: Text, renderer: Any) -> None:
        if renderer is not None and self.get_visible() and self.get_text().strip():
            sizes.append(float(self.get_fontsize()))
        original(self, renderer)

    Text.draw = draw  # type: ignore[method-assign,assignment]
    try:
        yield sizes
    finally:
        Text.draw = original  # type: ignore[method-assign]


#: Format names accepted by :func:`table` (:data:`ketnap.columns.FORMATS`), mapped to ``ketnap.fmt`` functions.
FORMATS: dict[str, str] = {name: name for name in columns_catalog.FORMATS}

#: Formats whose cells are not right-aligned as numbers. ``signed`` is among them because the annual
#: review has always shown its differences that way (they came from a function, which got no
#: alignment); right-aligning them would change the published reports.
_TEXT_ALIGNED: frozenset[str] = frozenset({"date", "signed"})


def _in_language(function: Callable[[Any, str], str], lang: str) -> Callable[[Any], str]:
    """``function(value, lang)`` as a function of the value alone."""
    return lambda value: function(value, lang)


def table(
    frame: pd.DataFrame,
    *,
    columns: Sequence[str],
    labels: Mapping[str, str] | None = None,
    label_fields: Mapping[str, object] | None = None,
    formats: Mapping[str, str | Callable[[Any], str] | None] | None = None,
    lang: str = "vi",
    row_class: Callable[[pd.Series], str] | None = None,
    caption: str = "",
    export: str | None = None,
    max_rows: int = MAX_TABLE_ROWS,
    figures: str | None = None,
    links: str | None = None,
) -> HTMLFragment:
    """An HTML table of ``frame`` in its own horizontal scroll box, headed and formatted from the column catalog.

    Parameters
    ----------
    frame
        The rows to show, in order.
    columns
        The column names to show, in display order. Each column's heading and format come from
        :data:`ketnap.columns.COLUMNS`.
    labels
        Column name -> label key to head it with instead of the catalog's (e.g.
        ``{"name": "column.sector"}``, or a named set such as
        :data:`ketnap.columns.REVIEW_LABELS`); entries for columns not shown are ignored.
    label_fields
        Fields of labels that have them (``{"year": 2022}`` for "Kết nạp năm {year}").
    formats
        Column name -> a format name (``"integer"``, ``"number"``, ``"pct"``, ``"date"``,
        ``"month"``, ``"signed"``: the ``ketnap.fmt`` function of that name in ``lang``; numbers
        are right aligned), a function turning a value into display text, or ``None`` for the
        value as it is; replaces the catalog's format. Rarely needed.
    lang
        Language of the headings and the formatted values.
    row_class
        A function of the row giving a CSS class (e.g. ``"flag-behind"``), or "". A total row
        (index :data:`TOTAL_ROW`) also gets the class ``total`` (bold, a rule above it).
    caption
        An optional caption above the table.
    export
        A sheet name: the table also goes into the report's Excel file, with raw values (numbers
        stay numbers) under the same headings.
    max_rows
        At most this many rows are shown, then a line saying how many more the Excel file holds,
        so a report stays readable (and small) for a province or the whole country.
    figures
        The period of the rows, for a table of indicators (rows from :func:`ketnap.metrics.metrics`
        or alike): every column that shows an indicator of the catalogue
        (:func:`ketnap.indicators.code_of_column`) is rounded by the catalogue's rule and each
        value shown is recorded for the report's figures block, its scope the row's organisation,
        sector, or the city (a total row).
    links
        The folder of the organisation cards relative to the report (``"organisations/"``): the
        ``name`` of a row with an ``org_code`` links to ``{links}<org_code>.html``, and that of a
        sector's row (a ``sector``, no ``org_code``) to the sector report ``sector-<code>.html``
        beside the report, and that of a working group's row (a ``group``) to ``group-<code>.html``.
        A total row links nowhere.

    Raises
    ------
    ValueError
        When ``frame`` lacks a column, a format is unknown or a label's fields are not given.
    KeyError
        When a column is not in the catalog (and ``labels`` does not head it) or a label key is
        not in the label catalog.

    Examples
    --------
    >>> frame = pd.DataFrame({"name": ["Phường Ba Đình"], "admitted": [1253], "attainment_pct": [28.26]})
    >>> html = table(frame, columns=["name", "admitted", "attainment_pct"]).html
    >>> '<th class="num">Số đảng viên kết nạp</th>' in html, '<td class="num">28,3%</td>' in html
    (True, True)
    """
    from ketnap import fmt

    heads, formatters, numeric, coded = _formatting(frame, columns, labels, label_fields, formats, lang, figures)

    def cell(column: str, value: Any, href: str | None = None) -> str:
        shown = _shown(column, value, formatters, coded)
        css = ' class="num"' if column in numeric else ""
        if href:
            return f'<td{css}><a class="org-link" href="{escape(href)}">{escape(shown)}</a></td>'
        return f"<td{css}>{escape(shown)}</td>"

    num = ' class="num"'
    head = "".join(f"<th{num if c in numeric else ''}>{escape(label)}</th>" for c, label in heads.items())
    body = []
    for key, row in frame.head(max_rows).iterrows():
        css = " ".join(c for c in (row_class(row) if row_class else "", "total" if key == TOTAL_ROW else "") if c)
        attr = f' class="{escape(css)}"' if css else ""
        href = _link(row, key, links) if links is not None and "name" in heads else None
        body.append(f"<tr{attr}>{''.join(cell(c, row[c], href if c == 'name' else None) for c in heads)}</tr>")
    if len(frame) > max_rows:
        more = t("table.more_rows", lang, count=fmt.integer(len(frame) - max_rows, lang))
        body.append(f'<tr class="more"><td colspan="{len(heads)}">{escape(more)}</td></tr>')
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    # A short table never splits between pages (report.css): its heading and rows stay together.
    wrapper = "table-scroll short" if len(body) <= SHORT_TABLE_ROWS else "table-scroll"
    return HTMLFragment(
        f'<div class="{wrapper}"><table>{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>",
        export=_export(frame, heads, export) if export else None,
        figures=_figures(frame.head(max_rows), coded, figures) if figures else (),  # the rows shown, as shown
    )


#: The index of the row :func:`ketnap.scorecard.with_total` adds.
TOTAL_ROW = "total"


def _formatting(
    frame: pd.DataFrame,
    columns: Sequence[str],
    labels: Mapping[str, str] | None,
    label_fields: Mapping[str, object] | None,
    formats: Mapping[str, str | Callable[[Any], str] | None] | None,
    lang: str,
    figures: str | None,
) -> tuple[dict[str, str], dict[str, Callable[[Any], str]], set[str], dict[str, str]]:
    """A table's headings, each column's formatter, its number columns and its catalogue-coded ones (:func:`table`)."""
    from ketnap import fmt

    if isinstance(columns, str | Mapping):
        raise TypeError("table: columns is a list of column names; headings come from ketnap.columns (labels=)")
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"table: frame lacks columns {missing}")
    heads = {c: columns_catalog.heading(c, lang, labels=labels, label_fields=label_fields) for c in columns}
    how_by_column: dict[str, str | Callable[[Any], str] | None] = {
        c: columns_catalog.column(c, labels=labels).format for c in columns
    }
    how_by_column |= {c: how for c, how in (formats or {}).items() if c in heads}
    formatters: dict[str, Callable[[Any], str]] = {}
    numeric: set[str] = set()
    for column, how in how_by_column.items():
        if how is None:
            continue
        if callable(how):
            formatters[column] = how
            continue
        if how not in FORMATS:
            raise ValueError(f"table: unknown format {how!r} for {column!r}; valid: {', '.join(FORMATS)}")
        function = getattr(fmt, FORMATS[how])
        formatters[column] = _in_language(function, lang)
        numeric |= {column} if how not in _TEXT_ALIGNED else set()
    coded = {c: code for c in heads if (code := indicators.code_of_column(c))} if figures else {}
    return heads, formatters, numeric, coded


def _shown(column: str, value: Any, formatters: Mapping[str, Callable[[Any], str]], coded: Mapping[str, str]) -> str:
    """A cell's text: rounded by the catalogue when its column is coded, then formatted."""
    if column in coded and not isinstance(value, str) and not _blank(value):
        value = indicators.rounded(coded[column], value)
    return formatters[column](value) if column in formatters else ("" if _blank(value) else str(value))


@dataclass(frozen=True)
class TableText:
    """A table as the reader sees it, for other media than HTML (the Word report, :mod:`ketnap.build.word`).

    ``headings`` are the columns' headings, ``rows`` each row's cells as shown, ``numeric`` which
    columns hold numbers (right aligned) and ``totals`` which rows are a total (:data:`TOTAL_ROW`).
    """

    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    totals: tuple[bool, ...]


def table_text(
    frame: pd.DataFrame,
    *,
    columns: Sequence[str],
    labels: Mapping[str, str] | None = None,
    label_fields: Mapping[str, object] | None = None,
    formats: Mapping[str, str | Callable[[Any], str] | None] | None = None,
    lang: str = "vi",
    figures: str | None = None,
) -> TableText:
    """The cells :func:`table` shows for the same arguments, as text (every row: no Excel to point to).

    >>> frame = pd.DataFrame({"name": ["Phường Ba Đình"], "admitted": [1253], "attainment_pct": [28.26]})
    >>> table_text(frame, columns=["name", "admitted", "attainment_pct"]).rows
    (('Phường Ba Đình', '1.253', '28,3%'),)
    """
    heads, formatters, numeric, coded = _formatting(frame, columns, labels, label_fields, formats, lang, figures)
    rows = tuple(tuple(_shown(c, row[c], formatters, coded) for c in heads) for _, row in frame.iterrows())
    return TableText(
        headings=tuple(heads.values()),
        rows=rows,
        numeric=tuple(c in numeric for c in heads),
        totals=tuple(key == TOTAL_ROW for key in frame.index),
    )


def _link(row: pd.Series, key: Any, cards: str) -> str | None:
    """Where a row's name links (see :func:`table`'s ``links``): its card, its sector report, or nowhere.

    >>> _link(pd.Series({"org_code": "PX01", "sector": "wards"}), "PX01", "organisations/")
    'organisations/PX01.html'
    >>> _link(pd.Series({"org_code": None, "sector": "wards"}), "wards", "organisations/")
    'sector-wards.html'
    """
    if key == TOTAL_ROW or row.get("is_total") in (True,):  # np.True_ too; NaN is not
        return None
    org = row.get("org_code")
    if isinstance(org, str) and org:
        return f"{cards}{org}.html"
    group = row.get("group")  # a working group's row (ketnap.groups): its report beside this one
    if isinstance(group, str) and group:
        return f"group-{group}.html"
    sector = row.get("sector")
    if isinstance(sector, str) and sector:
        return f"sector-{sector}.html"
    return None


def _figures(frame: pd.DataFrame, coded: Mapping[str, str], period: str) -> tuple[dict[str, Any], ...]:
    """The catalogue figures of a table's coded columns, one per row shown as a number (or blank)."""
    found = []
    for key, row in frame.iterrows():
        if key == TOTAL_ROW:  # a table's own sum (ketnap.scorecard.with_total) is no scope's figure
            continue
        fields = row.to_dict()
        scope = indicators.scope_of(fields) if {"org_code", "sector", "is_total", "scope"} & set(fields) else str(key)
        for column, code in coded.items():
            value = row[column]
            if not isinstance(value, str):
                found.append(indicators.figure(code, scope, str(period), None if _blank(value) else value))
    return tuple(found)


def indicator_notes(codes: Iterable[str], lang: str = "vi", *, period: Period | None = None) -> str:
    """The "Giải thích số liệu" section for the indicators ``codes``: name, definition, formula, rounding, counts.

    HTML for the report template (``id="giai-thich-so-lieu"``, the target of the header's link), in
    the words of ``period`` (cut at the data-as-of date): a finished one reads as results
    (:func:`ketnap.indicators.entries`).
    """
    items = []
    closed, whole_year = (period.closed, period.whole_year) if period else (False, False)
    for entry in indicators.entries(codes, lang, closed=closed, whole_year=whole_year):
        rows = "".join(
            f"<div><dt>{escape(t(key, lang))}</dt><dd>{escape(entry[field])}</dd></div>"
            for key, field in (
                ("indicator.section.formula", "formula"),
                ("indicator.section.rounding", "rounding"),
                ("indicator.section.counts", "counts"),
            )
        )
        items.append(
            f'<section class="indicator" id="chi-so-{escape(entry["code"])}"><h3>{escape(entry["name"])} '
            f"<code>{escape(entry['code'])}</code></h3><p>{escape(entry['definition'])}</p><dl>{rows}</dl></section>"
        )
    if not items:
        return ""
    return (
        f'<section class="indicator-notes" id="giai-thich-so-lieu"><h2>{escape(t("indicator.section.title", lang))}'
        f"</h2><p>{escape(t('indicator.section.lead', lang))}</p>{''.join(items)}</section>"
    )


def _export(frame: pd.DataFrame, columns: Mapping[str, str], sheet: str) -> dict[str, Any]:
    """The table as JSON-safe raw values: numbers as numbers, dates as ISO text, blanks as null."""

    def plain(value: Any) -> Any:
        if _blank(value):
            return None
        if isinstance(value, pd.Timestamp):
            return value.date().isoformat()
        if hasattr(value, "item"):  # numpy scalars
            return value.item()
        return value if isinstance(value, int | float | str | bool) else str(value)

    rows = [[plain(row[c]) for c in columns] for _, row in frame.iterrows()]
    return {"sheet": sheet, "columns": list(columns.values()), "rows": rows}


def _blank(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


# A4 minus the page margins of report.css (14 mm top and bottom) and room for a heading line.


def tall_chart(figure_or_axes: Any, *, alt: str) -> HTMLFragment:
    """Like :func:`chart`, for a chart with a row per organisation that is taller than a printed page.

    Given a chart function (``functools.partial(charts.ranked_attainment, metrics, ...)``) rather
    than a figure, it draws two renderings: the house one for the screen (4.5 inches wide, so 30+
    rows stay legible on a phone) and, from ``paper=True``, a wider one with one-line names for A4,
    whose rows fit a page with their text at 7 pt or more; each shows only in its medium. Given a
    figure, the one rendering serves both. On paper the chart is scaled to fit one A4 page, never
    cut between two pages mid-row with its heading left alone on the page before.
    """
    # The print size lives in the report template's CSS (``figure.chart.tall``).
    if callable(figure_or_axes) and not hasattr(figure_or_axes, "savefig") and not hasattr(figure_or_axes, "figure"):
        draw = figure_or_axes
        return HTMLFragment(_tall(draw(), alt, "screen-only") + _tall(draw(paper=True), alt, "print-only"))
    return HTMLFragment(_tall(figure_or_axes, alt, ""))


def _tall(figure_or_axes: Any, alt: str, medium: str) -> str:
    css = f"chart tall {medium}".strip()
    return chart(figure_or_axes, alt=alt).html.replace('<figure class="chart"', f'<figure class="{css}"', 1)


# A status grid (months × organisations) is styled here, not in the report template: reports
# without one stay as they were. Shapes tell the statuses apart in black-and-white print.
_GRID_STYLE = (
    "<style>"
    ".status-grid td.g,.status-legend .g{text-align:center;font-weight:700;min-width:2.2em;padding:2px 4px}"
    ".status-grid th.m{min-width:2.2em;text-align:center}"
    ".status-grid td:first-child{position:sticky;left:0;background:#fff;min-width:8em;max-width:16em}"
    ".g-on_time{background:#dafbe1;color:#116329}.g-late{background:#fff1c2;color:#7d4e00}"
    ".g-missing{background:#ffd8d3;color:#a40e26}.g-not_expected{color:#8c959f}"
    ".status-legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85rem;margin:4px 0 8px}"
    ".status-legend .g{display:inline-block;border-radius:3px;margin-right:4px}"
    "@media print{.status-grid td:first-child{position:static}}"
    # Several grids (one per sector) flow in newspaper columns when they are narrow (few months),
    # so 111 two-month rows take a page, not six: on a phone they stack in one column.
    ".grid-flow{margin:8px 0 16px;column-gap:20px}.grid-flow.cols-2{columns:2}.grid-flow.cols-3{columns:3}"
    ".grid-flow h3{margin:0 0 4px;font-size:.95rem;break-after:avoid}"
    ".grid-flow section{margin-bottom:12px}"
    ".grid-flow table{width:100%}.grid-flow .status-grid td:first-child{min-width:0;max-width:none}"
    ".grid-flow .status-grid td,.grid-flow .status-grid th{padding:1px 4px;line-height:1.3}"
    "@media (max-width:600px){.grid-flow.cols-2,.grid-flow.cols-3{columns:auto}}"
    "@media print{.grid-flow .status-grid{font-size:7.5pt}.grid-flow h3{font-size:9pt}"
    ".grid-flow .status-grid td.g,.grid-flow .status-grid th.m{min-width:1.8em}}"
    "</style>"
)


def status_legend(symbols: Mapping[str, str], words: Mapping[str, str]) -> HTMLFragment:
    """The key of :func:`status_grids`: each status's symbol, in its colours, and its words."""
    items = "".join(
        f'<span><span class="g g-{escape(code)}">{escape(symbol)}</span>{escape(words[code])}</span>'
        for code, symbol in symbols.items()
    )
    return HTMLFragment(f'{_GRID_STYLE}<div class="status-legend">{items}</div>')


def _grid_rows(grid: pd.DataFrame, names: Mapping[str, str], symbols: Mapping[str, str],
               words: Mapping[str, str]) -> str:  # fmt: skip
    body = []
    for code, row in grid.iterrows():
        cells = []
        for status in row:
            status = "" if _blank(status) else str(status)
            if status:
                cells.append(
                    f'<td class="g g-{escape(status)}" title="{escape(words.get(status, status))}">'
                    f"{escape(symbols.get(status, status))}</td>"
                )
            else:
                cells.append('<td class="g"></td>')
        body.append(f"<tr><td>{escape(str(names.get(str(code), code)))}</td>{''.join(cells)}</tr>")
    return "".join(body)


def status_grids(
    parts: Sequence[tuple[str, pd.DataFrame, Mapping[str, str]]],
    *,
    symbols: Mapping[str, str],
    words: Mapping[str, str],
    headings: Sequence[str],
    first_heading: str,
    group_heading: str = "",
    export: str | None = None,
) -> HTMLFragment:
    """Grids of statuses (one per sector) under their titles, side by side when narrow.

    ``parts`` are ``(title, grid, names)`` as :func:`ketnap.completeness.grid_by_sector` returns
    them, every grid with the same columns (``headings``). Up to 3 months the grids flow in three
    columns, up to 6 in two, else in one (a phone always stacks them). The Excel export is one
    sheet, with a first column ``group_heading`` holding each row's title.

    >>> grid = pd.DataFrame({2: ["missing"]}, index=["O1"])
    >>> html = status_grids([("Khối A", grid, {"O1": "An"})], symbols={"missing": "✗"},
    ...                     words={"missing": "Chưa báo cáo"}, headings=["T2"], first_heading="Tổ chức").html
    >>> 'class="grid-flow cols-3"' in html and "<h3>Khối A</h3>" in html
    True
    """
    width = len(headings)
    columns = 3 if width <= 3 else 2 if width <= 6 else 1
    head = f"<th>{escape(first_heading)}</th>" + "".join(f'<th class="m">{escape(h)}</th>' for h in headings)
    sections = []
    for title, grid, names in parts:
        if len(grid.columns) != width:
            raise ValueError("status_grids: one heading per column, the same columns in every part")
        sections.append(
            f'<section><h3>{escape(title)}</h3><table class="status-grid"><thead><tr>{head}</tr></thead>'
            f"<tbody>{_grid_rows(grid, names, symbols, words)}</tbody></table></section>"
        )
    exported = None
    if export:
        rows = [
            [title, str(names.get(str(code), code)),
             *("" if _blank(v) or v == "" else words.get(str(v), str(v)) for v in row)]
            for title, grid, names in parts
            for code, row in grid.iterrows()
        ]  # fmt: skip
        exported = {"sheet": export, "columns": [group_heading, first_heading, *headings], "rows": rows}
    return HTMLFragment(
        f'{_GRID_STYLE}<div class="grid-flow cols-{columns}">{"".join(sections)}</div>', export=exported
    )
