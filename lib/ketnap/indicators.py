"""The indicator catalogue: every figure the reports show, defined once, with its code and rounding.

An :class:`Indicator` has a stable ``code`` (the key of ``ketnap summary --json`` where it is one
there: ``admitted``, ``target``, ``attainment_pct``, ``trained``…), a name and a definition (label
keys, Vietnamese and English, in :mod:`ketnap.labels`), a formula over the columns of
:func:`ketnap.metrics.metrics`, one rounding rule, and the rule for which organisations it counts.

A figure is one value of one indicator for one scope (``"city"``, a sector code or an organisation
code) and one period (``"2024-02"``, ``"2023"``): :func:`figure` rounds it by the catalogue's rule,
:func:`display` formats it as the reports show it. :mod:`ketnap.present` records each figure it
formats (cards, tables) in its cell output under :data:`FIGURES_MIME`; the build collects them
(:func:`collect`) into the report's ``<script type="application/json" id="ketnap-figures">`` block
and its Excel sheet "Số liệu", and adds the "Giải thích số liệu" section for the codes shown.

A sentence records the figures it states the same way: it is a :class:`Text` (a ``str`` carrying
``.figures``), built with a :class:`Stated`, which formats each value by :func:`display` and records
it by :func:`figure` in one step; :func:`ketnap.present.paragraph` passes them on. A sentence about
no clear scope (a table's own total, a frame of unknown extent) records nothing.
``docs/indicators.md`` is :func:`markdown` (a test keeps them equal).

Everything here is pure: no file is read or written.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np

from ketnap import fmt
from ketnap.labels import CATALOG, t

__all__ = [
    "COLUMN_CODES",
    "FIGURES_MIME",
    "INDICATORS",
    "Indicator",
    "Stated",
    "Text",
    "code_of_column",
    "collect",
    "display",
    "entries",
    "figure",
    "figures_of",
    "indicator",
    "joined",
    "markdown",
    "rounded",
    "scope_of",
]

#: MIME type of the figures a cell output shows (a JSON list of :class:`Figure` dicts).
FIGURES_MIME: Final[str] = "application/vnd.ketnap.figures+json"

Rounding = Literal["integer", "pct", "people"]
Counts = Literal["all", "target", "plan", "flagged", "returns", "period"]


@dataclass(frozen=True)
class Indicator:
    """One indicator of the catalogue.

    ``name`` is the label key of its name; ``definition`` is ``indicator.<code>.definition``;
    ``formula`` is written with the codes of other indicators and the columns of
    :func:`ketnap.metrics.metrics`; ``rounding`` is one of ``integer`` (whole numbers), ``pct``
    (percent, one decimal, half up) and ``people`` (whole people, rounded down as
    :mod:`ketnap.rules` counts them, never negative);
    ``counts`` names the rule ``indicator.counts.<counts>`` of which organisations it counts;
    ``na`` is the label key shown when it is missing (no target, no plan), "" for a dash.
    """

    code: str
    name: str
    formula: str
    rounding: Rounding = "integer"
    counts: Counts = "all"
    na: str = ""

    @property
    def definition(self) -> str:
        return f"indicator.{self.code}.definition"


def _catalogue(*items: Indicator) -> dict[str, Indicator]:
    return {item.code: item for item in items}


#: Every indicator, in the order the "Giải thích số liệu" section lists them.
INDICATORS: Final[dict[str, Indicator]] = _catalogue(
    Indicator("admitted", "metric.admitted", "count(admission_date in period)"),
    Indicator("target", "metric.target", "admissions_target (annual)", counts="target", na="metric.no_target"),
    Indicator("attainment_pct", "metric.attainment_pct", "admitted ÷ target × 100", "pct", "target"),
    Indicator(
        "months_elapsed_pct", "metric.months_elapsed_pct", "months(1 Jan → period end) ÷ 12 × 100", "pct", "period"
    ),
    Indicator("expected", "metric.expected", "floor(target × months(1 Jan → period end) ÷ 12)", "people", "target"),
    Indicator("shortfall_vs_pace", "column.gap", "max(expected − admitted, 0)", "people", "flagged"),
    Indicator("shortfall_vs_target", "metric.shortfall_vs_target", "max(target − admitted, 0)", "people", "target"),
    Indicator("admitted_last_year", "metric.admitted_last_year", "admitted (same period, year − 1)"),
    Indicator(
        "yoy_change_pct", "metric.yoy_change_pct", "(admitted − admitted_last_year) ÷ admitted_last_year × 100", "pct"
    ),
    Indicator("trained", "metric.trained", "count(distinct person_code, certificate_date in period)"),
    Indicator("training_plan", "metric.training_plan", "training_plan (annual)", counts="plan", na="metric.no_plan"),
    Indicator(
        "training_attainment_pct", "metric.training_attainment_pct", "trained ÷ training_plan × 100", "pct", "plan"
    ),
    Indicator("organisations_with_trainees", "metric.organisations_with_trainees", "count(org: trained > 0)"),
    Indicator("organisations", "metric.organisations", "count(org active in period)"),
    Indicator("organisations_with_target", "metric.organisations_with_target", "count(org: target > 0)"),
    Indicator(
        "organisations_behind_pace",
        "metric.organisations_behind_pace",
        "count(org: target > 0, gap > 0)",
        counts="flagged",
    ),
    Indicator(
        "organisations_no_admissions",
        "metric.organisations_no_admissions",
        "count(org: target > 0, admitted_ytd = 0)",
        counts="flagged",
    ),
    Indicator(
        "organisations_below_10pct",
        "metric.organisations_below_10pct",
        "count(org: target > 0, 0 < admitted_ytd < 10% × target)",
        counts="flagged",
    ),
    Indicator(
        "organisations_none_2y", "metric.organisations_none_2y", "count(org: no admission in 2 years)", counts="flagged"
    ),
    Indicator(
        "organisations_not_reported",
        "metric.organisations_not_reported",
        "count(org: return of the last month missing)",
        counts="returns",
    ),
    Indicator(
        "organisations_reported", "metric.organisations_reported", "count(org: on_time or late)", counts="returns"
    ),
)

#: Table columns that show an indicator under another name (``present.table`` records them by code).
COLUMN_CODES: Final[dict[str, str]] = {
    "gap": "shortfall_vs_pace",
    "gap_people": "shortfall_vs_pace",
    "expected_people": "expected",
    "short": "shortfall_vs_target",  # the annual review's organisations that missed their target
}


def indicator(code: str) -> Indicator:
    """The indicator ``code``; ``KeyError`` naming the known codes when it is not one."""
    try:
        return INDICATORS[code]
    except KeyError:
        raise KeyError(f"unknown indicator {code!r}; known: {', '.join(INDICATORS)}") from None


def code_of_column(column: str) -> str | None:
    """The indicator a table column shows, or ``None`` (``"gap_people"`` → ``"shortfall_vs_pace"``)."""
    code = COLUMN_CODES.get(column, column)
    return code if code in INDICATORS else None


def _missing(value: Any) -> bool:
    if value is None or isinstance(value, bool | str):
        return True
    try:
        return bool(math.isnan(float(value)) or math.isinf(float(value)))
    except (TypeError, ValueError):
        return True


def rounded(code: str, value: Any) -> int | float | None:
    """``value`` by the rounding rule of ``code``: the one number every report shows for it.

    >>> rounded("attainment_pct", 28.274174), rounded("admitted", 231.0), rounded("expected", 136.2)
    (28.3, 231, 136)
    >>> rounded("shortfall_vs_pace", -0.5), rounded("target", float("nan"))
    (0, None)
    """
    rule = indicator(code).rounding
    if _missing(value):
        return None
    number = float(value)
    if rule == "pct":
        return fmt.round_half_up(number, 1)
    if rule == "people":
        # Whole people due, rounded down as ketnap.rules counts them; rounded to 9 places first so
        # 3.9999999999 (float noise) is 4 people, not 3.
        return max(math.floor(round(number, 9)), 0)
    return int(fmt.round_half_up(number, 0))


def display(code: str, value: Any, lang: str = "vi") -> str:
    """``value`` as the reports show it: rounded by the catalogue, in ``lang``'s number format.

    >>> display("attainment_pct", 28.274174), display("target", None), display("shortfall_vs_pace", 2.0, "en")
    ('28,3%', 'chưa được giao chỉ tiêu', '2')
    """
    item = indicator(code)
    na = t(item.na, lang) if item.na else fmt.NA
    value = rounded(code, value)
    if value is None:
        return na
    return fmt.pct(value, lang) if item.rounding == "pct" else fmt.integer(value, lang)


def figure(code: str, scope: str, period: str, value: Any) -> dict[str, Any]:
    """One figure as the reports embed it: ``{"code", "scope", "period", "value"}``, the value rounded.

    >>> figure("attainment_pct", "city", "2024-02", 28.274174)
    {'code': 'attainment_pct', 'scope': 'city', 'period': '2024-02', 'value': 28.3}
    """
    indicator(code)
    return {"code": code, "scope": str(scope), "period": str(period), "value": rounded(code, value)}


class Text(str):
    """Report text (a sentence, a line) and the catalogue figures it states, in ``.figures``.

    A ``str`` in every other way, so it can be shown, compared and tested as before; operations on
    it (``+``, ``join``, formatting) give a plain ``str``: join parts with :func:`joined` to keep
    their figures.

    >>> text = Text("Đã kết nạp 231 đảng viên.", [figure("admitted", "city", "2024-02", 231)])
    >>> text == "Đã kết nạp 231 đảng viên.", text.figures[0]["value"]
    (True, 231)
    """

    figures: tuple[dict[str, Any], ...]

    def __new__(cls, text: str = "", figures: Iterable[Mapping[str, Any]] = ()) -> Text:
        made = super().__new__(cls, text)
        made.figures = tuple(dict(item) for item in figures)
        return made


def figures_of(text: object) -> tuple[dict[str, Any], ...]:
    """The figures a text states: ``text.figures`` of a :class:`Text`, none for a plain ``str``."""
    return tuple(getattr(text, "figures", ()))


def joined(parts: Iterable[str], sep: str = " ") -> Text:
    """``sep.join(parts)`` keeping the figures of every part (:class:`Text` or ``str``).

    >>> first = Text("231 đảng viên", [figure("admitted", "city", "2024-02", 231)])
    >>> both = joined([first, "mới."])
    >>> str(both), len(both.figures)
    ('231 đảng viên mới.', 1)
    """
    parts = list(parts)
    return Text(sep.join(parts), [item for part in parts for item in figures_of(part)])


@dataclass
class Stated:
    """The figures one sentence states, recorded as it formats them.

    Calling it with an indicator code and a value returns the value as the reports show it
    (:func:`display`) and records the figure (:func:`figure`) for ``scope`` (the sentence's own, or
    one given per value, e.g. an organisation named in it) and ``period``; :meth:`text` then wraps
    the finished sentence as a :class:`Text`. With no scope (``None``: the figure is a table's own
    total, or the extent of the rows is unknown) the value is formatted but not recorded, and so is
    a missing value (it reads as a dash or "chưa được giao chỉ tiêu", not as a number).

    >>> said = Stated("city", "2024-02")
    >>> said("attainment_pct", 28.274174), said("target", 817.0), said("target", 907.0, scope=None)
    ('28,3%', '817', '907')
    >>> said.text("… đạt 28,3% chỉ tiêu năm (817 đảng viên).").figures[1]
    {'code': 'target', 'scope': 'city', 'period': '2024-02', 'value': 817}
    """

    scope: str | None
    period: str
    lang: str = "vi"
    figures: list[dict[str, Any]] = field(default_factory=list)

    def __call__(self, code: str, value: Any, *, scope: str | Literal["own"] | None = "own") -> str:
        where = self.scope if scope == "own" else scope
        if where is not None and rounded(code, value) is not None:
            self.figures.append(figure(code, where, self.period, value))
        return display(code, value, self.lang)

    def text(self, sentence: str) -> Text:
        """``sentence`` carrying the figures recorded so far (and those of ``sentence`` if it is a :class:`Text`)."""
        return Text(sentence, [*self.figures, *figures_of(sentence)])


def scope_of(source: Mapping[str, Any]) -> str:
    """The scope of a :func:`ketnap.metrics.summary` dict or a metrics row: org code, sector code or ``"city"``.

    A row marked ``is_total`` is the city (the total row of a table by sector); a row or dict with a
    ``scope`` (a working group's, :func:`ketnap.groups.headline`) is that scope.
    """
    if source.get("is_total") is True or source.get("is_total") is np.True_:  # not a NaN of a row appended
        return "city"
    given = source.get("scope")  # a working group's figures (ketnap.groups): "group-<code>"
    if isinstance(given, str) and given:
        return given
    for key in ("org_code", "sector"):
        value = source.get(key)
        if isinstance(value, str) and value:
            return value
    return "city"


def collect(groups: Iterable[Iterable[Mapping[str, Any]]]) -> list[dict[str, Any]]:
    """The figures of a report, from each output's list: duplicates dropped, in a stable order.

    Two different values of one code, scope and period are both kept: that is a disagreement,
    for the consistency test to report, not for the build to hide.

    >>> collect([[figure("admitted", "city", "2023", 735)], [figure("admitted", "city", "2023", 735.0)]])
    [{'code': 'admitted', 'scope': 'city', 'period': '2023', 'value': 735}]
    """
    order = {code: i for i, code in enumerate(INDICATORS)}
    seen: dict[tuple[str, str, str, Any], dict[str, Any]] = {}
    for group in groups:
        for item in group:
            key = (str(item["code"]), str(item["scope"]), str(item["period"]), item["value"])
            seen.setdefault(key, {"code": key[0], "scope": key[1], "period": key[2], "value": key[3]})

    def sort_key(item: dict[str, Any]) -> tuple[Any, ...]:
        value = item["value"]
        return (item["period"], item["scope"] != "city", item["scope"], order.get(item["code"], len(order)),
                value is None, value if value is not None else 0)  # fmt: skip

    return sorted(seen.values(), key=sort_key)


def _in_order(codes: Iterable[str]) -> list[str]:
    return [code for code in INDICATORS if code in set(codes)]


#: Indicators whose words for a finished period ("năm trước") hold only for a whole year: a
#: finished quarter keeps "cùng kỳ năm trước".
WHOLE_YEAR_WORDS: Final[frozenset[str]] = frozenset({"admitted_last_year", "yoy_change_pct"})


def entries(
    codes: Iterable[str] | None = None, lang: str = "vi", *, closed: bool = False, whole_year: bool = False
) -> list[dict[str, str]]:
    """What the "Giải thích số liệu" section says about each indicator (all, or those of ``codes``).

    ``formula`` is in words; ``expression`` is the code form. For a finished period (``closed``),
    a name, definition or formula with a ``_year`` variant in the catalog reads that variant
    ("Tổ chức không đạt chỉ tiêu", not "… chưa đạt tiến độ"); for those of
    :data:`WHOLE_YEAR_WORDS`, only when the period is a ``whole_year``. A finished quarter reads the
    ``_year_quarter`` variant where there is one (its target is a quarter of the annual one).

    >>> [entries(["organisations_behind_pace"], closed=c, whole_year=w)[0]["name"]
    ...  for c, w in ((False, False), (True, True), (True, False))]
    ['Tổ chức chưa đạt tiến độ', 'Tổ chức không đạt chỉ tiêu', 'Tổ chức không đạt chỉ tiêu quý']
    """
    chosen = list(INDICATORS) if codes is None else _in_order(codes)

    def text(code: str, key: str) -> str:
        finished = closed and (whole_year or code not in WHOLE_YEAR_WORDS)
        # A variant with fields ("Kết nạp năm {year}", a card's words) is not an entry's.
        variants = [f"{key}_year_quarter"] if closed and not whole_year else []
        for variant in [*variants, f"{key}_year"] if finished else []:
            if variant in CATALOG and "{" not in CATALOG[variant][0]:
                return t(variant, lang)
        return t(key, lang)

    return [
        {
            "code": code,
            "name": text(code, INDICATORS[code].name),
            "definition": text(code, INDICATORS[code].definition),
            "formula": text(code, f"indicator.{code}.formula"),
            "expression": INDICATORS[code].formula,
            "rounding": t(f"indicator.rounding.{INDICATORS[code].rounding}", lang),
            "counts": t(f"indicator.counts.{INDICATORS[code].counts}", lang),
        }
        for code in chosen
    ]


def markdown() -> str:
    """``docs/indicators.md``: the catalogue in Vietnamese, then in English (generated; do not edit by hand)."""
    lines = [
        "# Giải thích số liệu · About the figures",
        "",
        "<!-- Generated from lib/ketnap/indicators.py by ketnap.indicators.markdown(); "
        "tests/test_indicators.py keeps it equal. -->",
        "",
        "Every report embeds the figures it shows (in its cards, tables and sentences) in",
        '`<script type="application/json" id="ketnap-figures">`:',
        "a list of `{code, scope, period, value}`, where `scope` is `city`, a sector code, an organisation",
        "code or a working group (`group-<code>`), and `value` is rounded as below.",
        "The Excel export has the same list in its sheet \u201cSố liệu\u201d, and",
        "`ketnap summary --json` uses the same codes as keys.",
        "",
    ]
    for lang, title in (("vi", "Tiếng Việt"), ("en", "English")):
        lines += [f"## {title}", "", t("indicator.section.lead", lang), ""]
        for entry in entries(lang=lang):
            lines += [
                f"### {entry['name']} (`{entry['code']}`)",
                "",
                entry["definition"],
                "",
                f"- {t('indicator.section.formula', lang)}: {entry['formula']} (`{entry['expression']}`)",
                f"- {t('indicator.section.rounding', lang)}: {entry['rounding']}",
                f"- {t('indicator.section.counts', lang)}: {entry['counts']}",
                "",
            ]
    return "\n".join(lines).rstrip("\n") + "\n"
