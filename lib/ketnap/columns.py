"""The column catalog: how a column of the report frames is headed and shown in a table.

What lives here: :data:`COLUMNS`, one :class:`Column` per column name of the frames the reports
tabulate (:func:`ketnap.metrics.metrics`, :mod:`ketnap.scorecard`, :mod:`ketnap.training`,
:mod:`ketnap.review`, :mod:`ketnap.quality`, compositions): its label key in
:mod:`ketnap.labels` and its display format. :func:`ketnap.present.table` looks both up here, so a
notebook names the columns of a table and nothing else::

    present.table(by_sector, columns=["name", "admitted", "target", "attainment_pct"], lang=lang)

What does not: the label texts (:mod:`ketnap.labels`), the formatting itself (:mod:`ketnap.fmt`),
HTML (:mod:`ketnap.present`).

Other headings for the same column
----------------------------------
A column name means one thing in every frame, but a report may head it its own way. A call names
the label key to use instead with ``labels={column: key}``: ``labels={"name": "column.sector"}``
for a table with a row per sector. Reports that head several columns their own way have a named
set here, :data:`REVIEW_LABELS` and :data:`TRAINING_LABELS`; a set may name columns a table does
not show. A label with fields (``review.column.last_year``: "Kết nạp năm {year}") takes them from
``label_fields``.

Formats
-------
The format names are those of :data:`FORMATS`: ``integer``, ``number``, ``pct``, ``date``,
``month``, ``signed`` and ``signed_pct`` (the :mod:`ketnap.fmt` function of that name). ``None`` shows the value
as it is: text, or numbers that must not get thousands separators (a year, a row number).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final, Literal, get_args

from ketnap.body import FIELDS as BODY_FIELDS
from ketnap.labels import CATALOG, t

__all__ = [
    "COLUMNS",
    "FORMATS",
    "REVIEW_LABELS",
    "TRAINING_LABELS",
    "Column",
    "Format",
    "column",
    "heading",
]

#: A display format: the :mod:`ketnap.fmt` function of that name.
Format = Literal["integer", "number", "pct", "date", "month", "signed", "signed_pct"]

#: Every :data:`Format`, in order.
FORMATS: Final[tuple[str, ...]] = get_args(Format)


@dataclass(frozen=True)
class Column:
    """How one column is shown: the key of its heading in :mod:`ketnap.labels` and its format."""

    label: str
    format: Format | None = None


#: Column name -> :class:`Column`, grouped by the frame the column comes from.
COLUMNS: Final[Mapping[str, Column]] = MappingProxyType(
    {
        # ketnap.metrics.metrics (any level), ketnap.scorecard.scorecard
        "name": Column("column.organisation"),  # a table with a row per sector: labels={"name": "column.sector"}
        "sector_name": Column("column.sector"),
        "organisations": Column("metric.organisations", "integer"),
        "admitted": Column("metric.admitted", "integer"),
        "target": Column("metric.target", "integer"),
        "attainment_pct": Column("metric.attainment_pct", "pct"),
        "gap": Column("column.gap", "number"),
        "admitted_last_year": Column("metric.admitted_last_year", "integer"),
        "trained": Column("metric.trained", "integer"),
        "training_plan": Column("metric.training_plan", "integer"),
        "training_attainment_pct": Column("metric.training_attainment_pct", "pct"),
        "organisations_with_trainees": Column("metric.organisations_with_trainees", "integer"),
        "rank_in_sector": Column("scorecard.column.rank", "integer"),
        # ketnap.groups
        "rank_in_group": Column("group.column.rank", "integer"),
        "head": Column("group.column.head"),
        "last_admission": Column("scorecard.column.last_admission", "date"),
        # ketnap.scorecard.with_display_columns, ketnap.scorecard.scorecard
        "expected_people": Column("scorecard.column.expected", "integer"),
        "gap_people": Column("scorecard.column.gap", "integer"),
        "pace": Column("scorecard.column.pace"),  # for a whole year: labels={"pace": "scorecard.column.pace_year"}
        "flags": Column("scorecard.column.flags"),
        # ketnap.metrics.composition after ketnap.privacy.as_text: already text ("ẩn", "5 (31,3%)")
        "women": Column("chart.group.women"),
        "youth_union": Column("chart.group.youth_union"),
        "ethnic_minority": Column("chart.group.ethnic_minority"),
        "religious": Column("chart.group.religious"),
        "student": Column("chart.group.student"),
        "private_enterprise": Column("chart.group.private_enterprise"),
        "age_18_30": Column("chart.group.age_18_30"),
        "age_31_40": Column("chart.group.age_31_40"),
        "age_41_plus": Column("chart.group.age_41_plus"),
        # ketnap.training
        "cohort_label": Column("pipeline.column.cohort"),
        "conversion_pct": Column("pipeline.column.conversion_pct", "pct"),
        "full_members": Column("pipeline.column.full_members", "integer"),
        "due": Column("pipeline.column.due", "integer"),
        "converted": Column("pipeline.column.converted", "integer"),
        "awaiting": Column("pipeline.column.awaiting", "integer"),
        "overdue": Column("pipeline.column.overdue", "integer"),
        "outstanding": Column("pipeline.column.outstanding", "integer"),
        "upcoming": Column("pipeline.column.upcoming", "integer"),
        # ketnap.review (and the annual review notebook's "short")
        "status_label": Column("review.column.result"),
        "difference": Column("review.column.difference", "signed"),
        "change": Column("review.column.change", "signed"),  # needs label_fields={"year": ...}
        "met": Column("review.column.met", "integer"),
        "missed": Column("review.column.missed", "integer"),
        "no_target": Column("review.column.no_target", "integer"),
        "shortfall": Column("review.column.shortfall", "integer"),
        "short": Column("review.column.short", "integer"),
        # ketnap.quality
        "group": Column("quality.column.group"),
        "year": Column("quality.column.year"),  # a year: no thousands separator
        "file": Column("quality.column.file"),
        "sheet": Column("quality.column.sheet"),
        "row": Column("quality.column.row"),  # a row number: no thousands separator
        "column": Column("quality.column.column"),
        "rule": Column("quality.column.rule"),
        "rule_name": Column("quality.column.rule_name"),
        "explanation": Column("quality.column.explanation"),
        "value": Column("quality.column.value"),
        "note": Column("quality.column.note"),
        "message": Column("quality.column.reason"),
        "status": Column("quality.column.status"),
        "files": Column("quality.column.files", "integer"),
        "files_quarantined": Column("quality.column.files_quarantined", "integer"),
        "rows_read": Column("quality.column.rows_read", "integer"),
        "loaded": Column("quality.column.loaded", "integer"),
        "quarantined": Column("quality.column.quarantined", "integer"),
        "lines": Column("quality.column.lines", "integer"),
        "rows": Column("quality.column.rows", "integer"),
        # ketnap.trend (its year columns are headed by ketnap.trend.year_headings)
        "month_admitted": Column("review.column.admitted", "integer"),  # "Kết nạp"
        "cumulative": Column("trend.column.cumulative", "integer"),
        "month_last_year": Column("trend.column.month_last_year", "integer"),
        "plan": Column("trend.column.plan", "integer"),
        "planned_admitted": Column("trend.column.planned_admitted", "integer"),
        "plan_pct": Column("trend.column.plan_pct", "pct"),
        "yoy_change": Column("trend.column.yoy_change", "signed"),
        "yoy_change_pct": Column("metric.yoy_change_pct", "pct"),  # as the catalogue shows it
        **{f"month_{m:02d}": Column(f"trend.column.month_{m:02d}", "integer") for m in range(1, 13)},
        # ketnap.completeness
        "return_status": Column("returns.column.status"),
        "return_due": Column("returns.column.due", "date"),
        "received_at": Column("returns.column.received_at", "date"),
        "version": Column("returns.column.version", "integer"),
        "last_return": Column("returns.column.last_return"),
        "versions": Column("returns.column.versions", "integer"),
        "corrections": Column("returns.column.corrections", "integer"),
        "used_version": Column("returns.column.used_version", "integer"),
        "used_received_at": Column("returns.column.used_received_at", "date"),
        "used_reports_through": Column("returns.column.used_reports_through", "integer"),
        "rules": Column("returns.column.rules"),
        "return_month": Column("returns.column.return_month"),
        "copies": Column("returns.column.copies", "integer"),
        "first_copy_received": Column("returns.column.first_copy_received", "date"),
        "correction_received": Column("returns.column.correction_received", "date"),
        # ketnap.card
        "month": Column("card.column.month", "month"),
        "planned": Column("card.column.planned", "integer"),
        "plan_cumulative": Column("card.column.plan_cumulative", "integer"),
    }
)
#: The annual review's headings: the grading's shorter words ("Kết nạp", "Chỉ tiêu", "Tỷ lệ đạt").
#: ``review.column.last_year`` needs ``label_fields={"year": ...}``.
REVIEW_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "organisations": "review.column.organisations",
        "admitted": "review.column.admitted",
        "target": "review.column.target",
        "attainment_pct": "review.column.attainment",
        "admitted_last_year": "review.column.last_year",
    }
)

#: The training report's headings ("Số người học", "Kế hoạch năm", "Đã kết nạp" for a class year).
TRAINING_LABELS: Final[Mapping[str, str]] = MappingProxyType(
    {
        "trained": "pipeline.column.trained",
        "training_plan": "pipeline.column.training_plan",
        "training_attainment_pct": "pipeline.column.training_attainment_pct",
        "organisations_with_trainees": "pipeline.column.organisations_with_trainees",
        "admitted": "pipeline.column.admitted",
    }
)


def column(name: str, *, labels: Mapping[str, str] | None = None) -> Column:
    """The catalog entry of column ``name``, with its label key replaced when ``labels`` names it.

    A column that is not in :data:`COLUMNS` may still be shown if ``labels`` gives its heading;
    it is then shown as it is (no format).

    Raises
    ------
    KeyError
        When ``name`` is neither in :data:`COLUMNS` nor in ``labels``, or a label key is not in
        the label catalog.

    Examples
    --------
    >>> column("attainment_pct")
    Column(label='metric.attainment_pct', format='pct')
    >>> column("attainment_pct", labels=REVIEW_LABELS)
    Column(label='review.column.attainment', format='pct')
    """
    entry = COLUMNS.get(name)
    label = (labels or {}).get(name) or (entry.label if entry is not None else None)
    if label is None:
        raise KeyError(
            f"column {name!r} is not in ketnap.columns.COLUMNS; add it there, or name its heading with labels="
        )
    if label not in CATALOG:
        raise KeyError(f"column {name!r}: no label {label!r} in ketnap.labels.CATALOG")
    return Column(label, entry.format if entry is not None else None)


def heading(
    name: str,
    lang: str = "vi",
    *,
    labels: Mapping[str, str] | None = None,
    label_fields: Mapping[str, object] | None = None,
) -> str:
    """The heading of column ``name`` in ``lang``: its catalog label, or the one ``labels`` names.

    Raises
    ------
    KeyError
        As :func:`column`.
    ValueError
        When the label has fields (``{year}``) that ``label_fields`` does not give.

    Examples
    --------
    >>> heading("admitted"), heading("admitted", "en", labels=REVIEW_LABELS)
    ('Số đảng viên kết nạp', 'Admitted')
    >>> heading("admitted_last_year", labels=REVIEW_LABELS, label_fields={"year": 2022})
    'Kết nạp năm 2022'
    """
    key = column(name, labels=labels).label
    fields = dict(label_fields or {})
    needed = {field for text in CATALOG[key] for _, field, _, _ in string.Formatter().parse(text) if field}
    needed -= set(BODY_FIELDS)  # the reporting body's names: ketnap.labels.t fills them in
    if needed - fields.keys():
        missing = ", ".join(sorted(needed - fields.keys()))
        raise ValueError(f"column {name!r}: label {key!r} needs label_fields for {missing}")
    return t(key, lang, **fields)
