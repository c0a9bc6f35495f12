"""What changed since a period was issued: the figures, old and new, and the returns that changed them.

A report of an issued period (:mod:`ketnap.build.issue`) is compared, at every build, with the same
report as last issued: :func:`figure_changes` pairs the two figures blocks by indicator, scope and
period; :func:`return_changes` compares the returns the figures rest on (the used version of each
organisation's return of a year, from the processed ``returns`` table, which the returns register
fills) with the ones recorded at issue, limited to the organisations the report covers;
:func:`file_changes` compares the data manifest's input files instead, when either side has no
register. :func:`section_html` writes the section "Số liệu điều chỉnh so với bản đã ban hành ngày
…" the report then carries at the top.

Everything here is pure: the build reads the archive and the processed data and passes them in.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ketnap import fmt, indicators
from ketnap.labels import t

__all__ = [
    "FigureChange",
    "FileChange",
    "ReturnChange",
    "figure_changes",
    "file_changes",
    "return_changes",
    "returns_snapshot",
    "section_html",
]


@dataclass(frozen=True)
class FigureChange:
    """One figure of a report, as issued and as it is now (``None``: not shown on that side)."""

    code: str
    scope: str
    period: str
    old: Any
    new: Any

    @property
    def difference(self) -> float | None:
        """New minus old, when both are numbers."""
        if isinstance(self.old, int | float) and isinstance(self.new, int | float):
            return round(float(self.new) - float(self.old), 1)
        return None


@dataclass(frozen=True)
class ReturnChange:
    """An organisation's return of a year whose used version is not the one the issued figures rest on.

    ``kind`` is ``new`` (none was used at issue: a late return), ``replaced`` (another version,
    ``old_version`` before) or ``withdrawn`` (used at issue, not now).
    """

    org_code: str
    year: int
    kind: str
    version: int | None
    old_version: int | None
    received: str  # ISO date the version was received ("" for withdrawn)


@dataclass(frozen=True)
class FileChange:
    """An input file of the data manifest that is new, changed or gone since the issue."""

    file: str
    kind: str  # added | changed | removed


def _key(figure: Mapping[str, Any]) -> tuple[str, str, str]:
    return str(figure["code"]), str(figure["scope"]), str(figure["period"])


def figure_changes(issued: Iterable[Mapping[str, Any]], current: Iterable[Mapping[str, Any]]) -> list[FigureChange]:
    """The figures whose value differs between two figures blocks, in the current block's order.

    A figure shown on one side only (an organisation that joined or left a list) is a change with
    ``None`` on the other side.

    Examples
    --------
    >>> old = [{"code": "admitted", "scope": "city", "period": "2024-02", "value": 231},
    ...        {"code": "target", "scope": "city", "period": "2024-02", "value": 817}]
    >>> new = [{"code": "admitted", "scope": "city", "period": "2024-02", "value": 233},
    ...        {"code": "target", "scope": "city", "period": "2024-02", "value": 817}]
    >>> figure_changes(old, new)
    [FigureChange(code='admitted', scope='city', period='2024-02', old=231, new=233)]
    """
    before = {_key(f): f.get("value") for f in issued}
    after = {_key(f): f.get("value") for f in current}
    keys = list(after) + [k for k in before if k not in after]
    return [
        FigureChange(*key, before.get(key), after.get(key))
        for key in keys
        if before.get(key) != after.get(key) or (key in before) != (key in after)
    ]


def returns_snapshot(returns: Any) -> list[dict[str, Any]]:
    """The used version of each organisation's return of a year, from the processed ``returns`` table.

    Dates become ISO strings, so the list is what the archive keeps (``returns.json``).
    """
    used = returns[returns["used"].astype(bool)] if len(returns) else returns
    rows = []
    for row in used.sort_values(["org_code", "year"]).itertuples(index=False):
        rows.append(
            {
                "org_code": str(row.org_code),
                "year": int(row.year),
                "version": int(row.version),
                "sha256": str(row.sha256),
                "received_at": "" if fmt.is_missing(row.received_at) else str(row.received_at)[:10],
                "return_date": "" if fmt.is_missing(row.return_date) else str(row.return_date)[:10],
            }
        )
    return rows


def return_changes(
    issued: Sequence[Mapping[str, Any]],
    current: Sequence[Mapping[str, Any]],
    *,
    organisations: set[str] | None = None,
    years: set[int] | None = None,
) -> list[ReturnChange]:
    """The returns whose used version changed since the issue, for ``organisations`` and ``years``.

    Both sides are :func:`returns_snapshot` lists. ``None`` means every organisation (or year).

    Examples
    --------
    >>> old = [{"org_code": "PX10", "year": 2024, "version": 1, "sha256": "a", "received_at": "2024-02-03"}]
    >>> new = [{"org_code": "PX10", "year": 2024, "version": 2, "sha256": "b", "received_at": "2024-03-12"},
    ...        {"org_code": "DN01", "year": 2024, "version": 1, "sha256": "c", "received_at": "2024-03-14"}]
    >>> [(c.org_code, c.kind, c.version, c.old_version) for c in return_changes(old, new)]
    [('PX10', 'replaced', 2, 1), ('DN01', 'new', 1, None)]
    >>> return_changes(old, new, organisations={"DN01"}, years={2023})
    []
    """
    before = {(str(r["org_code"]), int(r["year"])): r for r in issued}
    after = {(str(r["org_code"]), int(r["year"])): r for r in current}

    def wanted(key: tuple[str, int]) -> bool:
        return (organisations is None or key[0] in organisations) and (years is None or key[1] in years)

    changes = []
    for key, row in after.items():
        old = before.get(key)
        if not wanted(key) or (old is not None and old["sha256"] == row["sha256"]):
            continue
        kind, before_version = ("new", None) if old is None else ("replaced", int(old["version"]))
        received = str(row.get("received_at") or "")
        changes.append(ReturnChange(key[0], key[1], kind, int(row["version"]), before_version, received))
    changes += [
        ReturnChange(key[0], key[1], "withdrawn", None, int(row["version"]), "")
        for key, row in before.items()
        if key not in after and wanted(key)
    ]
    return sorted(changes, key=lambda c: (c.received or "9999", c.org_code, c.year))


def file_changes(issued: Sequence[Mapping[str, Any]], current: Sequence[Mapping[str, Any]]) -> list[FileChange]:
    """The data manifest's input files added, changed or removed since the issue (by SHA-256).

    >>> changes = file_changes([{"file": "a.xlsx", "sha256": "1"}, {"file": "b.xlsx", "sha256": "2"}],
    ...                        [{"file": "a.xlsx", "sha256": "9"}, {"file": "c.xlsx", "sha256": "3"}])
    >>> [(c.file, c.kind) for c in changes]
    [('a.xlsx', 'changed'), ('c.xlsx', 'added'), ('b.xlsx', 'removed')]
    """
    before = {str(f["file"]): f.get("sha256") for f in issued}
    after = {str(f["file"]): f.get("sha256") for f in current}
    changes = [FileChange(name, "added" if name not in before else "changed")
               for name, digest in after.items() if before.get(name) != digest]  # fmt: skip
    return changes + [FileChange(name, "removed") for name in before if name not in after]


def _e(value: object) -> str:
    return html.escape(str(value))


def _scope_name(scope: str, names: Mapping[str, str], lang: str) -> str:
    return t("revision.scope.city", lang) if scope == "city" else names.get(scope, scope)


def _value(code: str, value: Any, lang: str) -> str:
    return "—" if value is None else indicators.display(code, value, lang)


def _difference(change: FigureChange, lang: str) -> str:
    """New minus old as the reports write a change: whole people signed, percentages in points."""
    difference = change.difference
    if difference is None:
        return ""
    if change.code in indicators.INDICATORS and indicators.indicator(change.code).rounding == "pct":
        sign = "+" if difference > 0 else "\u2212" if difference < 0 else ""
        return t("revision.points", lang, value=sign + fmt.number(abs(difference), lang, decimals=1))
    return fmt.signed(difference, lang)


def _cause(change: ReturnChange | FileChange, names: Mapping[str, str], lang: str) -> str:
    if isinstance(change, FileChange):
        return t(f"revision.file.{change.kind}", lang, file=change.file)
    return t(
        f"revision.return.{change.kind}",
        lang,
        name=names.get(change.org_code, change.org_code),
        year=change.year,
        version=change.version or "",
        old=change.old_version or "",
        date=fmt.date(change.received, lang) if change.received else "",
    )


def section_html(
    changes: Sequence[FigureChange],
    causes: Sequence[ReturnChange | FileChange],
    *,
    issued_on: str,
    number: int,
    period: str,
    names: Mapping[str, str],
    lang: str = "vi",
) -> str:
    """The section "Số liệu điều chỉnh so với bản đã ban hành ngày …": a table of the changed figures
    (the figure and its scope, as issued, now, the difference; four columns, for a phone) and the list
    of what caused them; ``""`` when no figure changed.

    ``names`` maps sector and organisation codes to their names; ``issued_on`` is an ISO time.
    """
    if not changes:
        return ""
    heading = t("revision.heading", lang, date=fmt.date(issued_on[:10], lang), number=number)
    head = "".join(
        f"<th{'' if c == 'figure' else ' class=num'}>{_e(t(f'revision.column.{c}', lang))}</th>"
        for c in ("figure", "old", "new", "change")
    )
    rows = []
    for c in changes:
        name = t(indicators.indicator(c.code).name, lang) if c.code in indicators.INDICATORS else c.code
        if c.period != period:
            name += f" ({fmt.period_label(c.period, lang)})"
        change = _difference(c, lang)
        cells = [_value(c.code, c.old, lang), _value(c.code, c.new, lang), change]
        numbers = "".join(f'<td class="num">{_e(cell)}</td>' for cell in cells)
        scope = f'<span class="scope"> · {_e(_scope_name(c.scope, names, lang))}</span>'
        rows.append(f"<tr><td>{_e(name)}{scope}</td>{numbers}</tr>")
    items = "".join(f"<li>{_e(_cause(c, names, lang))}</li>" for c in causes)
    why = (
        f"<p>{_e(t('revision.causes', lang))}</p><ul>{items}</ul>"
        if causes
        else f"<p>{_e(t('revision.no_cause', lang))}</p>"
    )
    lead = t("revision.lead", lang, count=fmt.integer(len(changes), lang))
    return (
        f'<section class="revisions" id="so-lieu-dieu-chinh"><h2>{_e(heading)}</h2><p>{_e(lead)}</p>'
        f'<div class="table-scroll"><table class="revisions-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{why}</section>"
    )
