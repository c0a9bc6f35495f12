"""The organisations' history: the optional ``Lịch sử`` sheet of ``reference/organisations.xlsx``, checked.

One event per row (:data:`ketnap.schema.HISTORY_COLUMNS`): founded, renamed, merged into, split from,
moved to another sector, dissolved (:data:`ketnap.schema.HISTORY_EVENTS`, matched with
:func:`ketnap.text.fold`). The ``Tổ chức`` sheet's ``Ngày thành lập`` / ``Ngày giải thể`` stay each
organisation's validity; the events must agree with them. A row that cannot be used is quarantined
like any reference row, with a Vietnamese message (label catalog, ``history.error.*``) and the sheet,
row and column in its issue; the checks, in order:

1. the row itself: a date; a known event word (``unknown-category``); known codes or names
   (``unknown-organisation``); what the event needs: ``Mã tổ chức liên quan`` for a merger or split,
   ``Tên mới`` for a rename, a known ``Khối mới`` for a move (``missing-field``, ``unknown-category``);
   an organisation related to itself (``history-cycle``);
2. cycles: mergers that lead back to where they start, or splits that do (``history-cycle``; a unit
   split off and later merged back is no cycle);
3. one validity per code: a second founding or split, or a second merger or dissolution, of one code
   (``history-overlap``);
4. the validity: a founding or split dated on ``Ngày thành lập``, a merger or dissolution the day after
   ``Ngày giải thể``, any other event within them (``history-validity``); the organisation merged into
   active on the day, the one split from active the day before (``history-related-inactive``).

:class:`Lifetimes` answers for the returns: whether an organisation existed on a day or in a year, and
if not why, naming its successor (``organisation-inactive``, :mod:`ketnap.ingest.returns`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from ketnap.ingest.issues import Issue, SheetCount
from ketnap.ingest.rows import RowCheck
from ketnap.ingest.sheets import extra_column_warnings, locate_table
from ketnap.ingest.values import is_empty, show
from ketnap.labels import t
from ketnap.schema import HISTORY_COLUMNS, HISTORY_EVENTS, Category

if TYPE_CHECKING:
    from ketnap.ingest.reference import OrganisationIndex

__all__ = ["Lifetimes", "read_history"]

_BEGIN = ("founded", "split_from")
_END = ("merged_into", "dissolved")
_C = {col.field: col for col in HISTORY_COLUMNS}


def _d(day: date | None) -> str:
    return t("history.error.blank") if day is None else f"{day:%d/%m/%Y}"


def _validity(start: date | None, end: date | None) -> str:
    return t(
        "history.validity",
        start=t("history.validity.open_start") if start is None else f"{start:%d/%m/%Y}",
        end=t("history.validity.open_end") if end is None else f"{end:%d/%m/%Y}",
    )


def _active_on(lifetime: tuple[date | None, date | None], day: date) -> bool:
    start, end = lifetime
    return (start is None or start <= day) and (end is None or day <= end)


@dataclass
class _Row:
    check: RowCheck
    record: dict[str, Any]
    word: str  # the event as typed (for messages)


def _has_rows(rows: list[tuple[Any, ...]]) -> bool:
    return any(not is_empty(v) for r in rows for v in r)


def read_history(
    rows: list[tuple[Any, ...]],
    file: str,
    sheet: str,
    organisations: list[dict[str, Any]],
    sectors: list[dict[str, Any]],
    index: OrganisationIndex,
) -> tuple[list[dict[str, Any]], list[Issue], SheetCount]:
    """The events of the ``Lịch sử`` sheet that pass every check (module docstring), its issues and its count."""
    if not _has_rows(rows):
        return [], [], SheetCount(file, sheet)
    table = locate_table(rows, HISTORY_COLUMNS, file=file, sheet=sheet)
    count = SheetCount(file, sheet, rows_read=len(table.rows))
    issues = extra_column_warnings(table)
    sector_category = Category(
        {s["name_vi"]: s["sector"] for s in sectors}, aliases={s["sector"]: s["sector"] for s in sectors}
    )
    lifetimes = {o["org_code"]: (o["active_from"], o["active_to"]) for o in organisations}
    names = {o["org_code"]: o["name"] for o in organisations}

    checked = [_read_row(RowCheck(table, number, values), index, sector_category) for number, values in table.rows]
    good = [row for row in checked if not row.check.failed]
    _check_cycles(good)
    good = [row for row in good if not row.check.failed]
    _check_overlaps(good)
    good = [row for row in good if not row.check.failed]
    for row in good:
        _check_validity(row, lifetimes, names)

    events: list[dict[str, Any]] = []
    for row in checked:
        issues += row.check.issues
        if row.check.failed:
            count.quarantined += 1
        else:
            events.append(row.record)
            count.loaded += 1
    return events, issues, count


def _read_row(check: RowCheck, index: OrganisationIndex, sectors: Category) -> _Row:
    """The row's own checks (step 1 of the module docstring)."""
    day = check.date(_C["date"], today=date.max)
    raw_event = check.present(_C["event"])
    word = "" if raw_event is None else show(raw_event)
    event = None if raw_event is None else HISTORY_EVENTS.get(word)
    if raw_event is not None and event is None:
        allowed = "; ".join(label.lower() for label in HISTORY_EVENTS.labels)
        check.fail(_C["event"], "unknown-category", t("history.error.unknown_event", value=word, allowed=allowed), word)
    if event is not None:
        word = HISTORY_EVENTS.label(event).lower()
    org_code = _code(check, "org_code", index)
    record: dict[str, Any] = {
        "date": day,
        "event": event,
        "org_code": org_code,
        "related_code": None,
        "new_name": None,
        "new_sector": None,
    }
    if event in ("merged_into", "split_from"):
        what = "history.what.related_merge" if event == "merged_into" else "history.what.related_split"
        related = _code(check, "related_code", index, needed=(word, what))
        record["related_code"] = related
        if related is not None and related == org_code:
            check.fail(_C["related_code"], "history-cycle", t("history.error.self", code=org_code, event=word), related)
    elif event == "renamed":
        record["new_name"] = _needed_text(check, "new_name", word, "history.what.new_name")
    elif event == "moved":
        text = _needed_text(check, "new_sector", word, "history.what.new_sector")
        if text is not None:
            record["new_sector"] = sectors.get(text)
            if record["new_sector"] is None:
                allowed = sectors.describe()
                check.fail(
                    _C["new_sector"],
                    "unknown-category",
                    t("history.error.unknown_sector", value=text, allowed=allowed),
                    text,
                )
    return _Row(check, record, word)


def _needed_text(check: RowCheck, name: str, word: str, what: str) -> str | None:
    value = check.raw(_C[name])
    if value is None:
        column = check.table.header(_C[name])
        check.fail(_C[name], "missing-field", t("history.error.needs", event=word, column=column, what=t(what)))
        return None
    return " ".join(show(value).split())


def _code(check: RowCheck, name: str, index: OrganisationIndex, needed: tuple[str, str] | None = None) -> str | None:
    """The organisation code of the cell (code or name); an unknown one, or a needed blank, fails the row."""
    value = check.raw(_C[name])
    if value is None:
        if needed is not None:
            column = check.table.header(_C[name])
            what = t(needed[1])
            check.fail(_C[name], "missing-field", t("history.error.needs", event=needed[0], column=column, what=what))
        elif _C[name].required:
            check.present(_C[name])
        return None
    text = " ".join(show(value).split())
    code = index.find(text)
    if code is None:
        close = index.closest(text)
        hint = "" if close is None else t("history.error.did_you_mean", code=close, name=index.name(close))
        check.fail(_C[name], "unknown-organisation", t("history.error.unknown_code", value=text, close=hint), text)
    return code


def _check_cycles(rows: list[_Row]) -> None:
    """Mergers (and, apart, splits) that lead back to where they start: the row closing the loop fails."""
    for kind in ("merged_into", "split_from"):
        successors: dict[str, list[str]] = {}
        for row in rows:
            if row.record["event"] != kind:
                continue
            # A merger goes from the organisation to the related one; a split from the related one to it.
            a, b = row.record["org_code"], row.record["related_code"]
            source, target = (a, b) if kind == "merged_into" else (b, a)
            path = _path(successors, target, source)
            if path is not None:
                chain = " → ".join([source, *path])
                row.check.fail(
                    _C["related_code"],
                    "history-cycle",
                    t("history.error.cycle", event=row.word, chain=chain),
                    row.record["related_code"],
                )
                continue
            successors.setdefault(source, []).append(target)


def _path(successors: Mapping[str, Iterable[str]], start: str, goal: str) -> list[str] | None:
    """The codes from ``start`` to ``goal`` along ``successors`` (both ends included), or ``None``."""
    todo: list[list[str]] = [[start]]
    seen = {start}
    while todo:
        path = todo.pop(0)
        if path[-1] == goal:
            return path
        for following in successors.get(path[-1], ()):
            if following not in seen:
                seen.add(following)
                todo.append([*path, following])
    return None


def _check_overlaps(rows: list[_Row]) -> None:
    """A second beginning, or a second end, of one code fails (step 3)."""
    first: dict[tuple[str, str], _Row] = {}
    for row in sorted(rows, key=lambda r: (r.record["date"], r.check.row)):
        event = row.record["event"]
        kind = "begin" if event in _BEGIN else "end" if event in _END else None
        if kind is None:
            continue
        key = (row.record["org_code"], kind)
        earlier = first.get(key)
        if earlier is None:
            first[key] = row
            continue
        row.check.fail(
            _C["event"],
            "history-overlap",
            t(
                "history.error.overlap",
                code=row.record["org_code"],
                event=earlier.word,
                date=_d(earlier.record["date"]),
                row=earlier.check.row,
                kind=t(f"history.kind.{kind}"),
            ),
            row.word,
        )


def _check_validity(
    row: _Row, lifetimes: Mapping[str, tuple[date | None, date | None]], names: Mapping[str, str]
) -> None:
    """Step 4: the event against its organisation's validity, and the related organisation's."""
    record, check = row.record, row.check
    code, day, event = record["org_code"], record["date"], record["event"]
    start, end = lifetimes[code]
    fields = {"code": code, "name": names[code], "event": row.word, "date": _d(day)}
    if event in _BEGIN and start != day:
        check.fail(
            _C["date"], "history-validity", t("history.error.begin_disagrees", recorded=_d(start), **fields), day
        )
    elif event in _END and end != day - timedelta(days=1):
        last = _d(day - timedelta(days=1))
        check.fail(
            _C["date"], "history-validity", t("history.error.end_disagrees", recorded=_d(end), last=last, **fields), day
        )
    elif event not in _BEGIN + _END and not _active_on((start, end), day):
        check.fail(
            _C["date"], "history-validity", t("history.error.outside", validity=_validity(start, end), **fields), day
        )
    related = record["related_code"]
    if related is None:
        return
    on = day if event == "merged_into" else day - timedelta(days=1)
    if not _active_on(lifetimes[related], on):
        check.fail(
            _C["related_code"],
            "history-related-inactive",
            t(
                "history.error.related_inactive",
                related=related,
                name=names[related],
                day=_d(on),
                validity=_validity(*lifetimes[related]),
                why=t("history.why.merge" if event == "merged_into" else "history.why.split"),
            ),
            related,
        )


@dataclass
class Lifetimes:
    """Each organisation's validity and how it ended, for the returns' check (``organisation-inactive``)."""

    lifetimes: dict[str, tuple[date | None, date | None]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, organisations: list[dict[str, Any]], events: list[dict[str, Any]]) -> Lifetimes:
        return cls(
            {o["org_code"]: (o["active_from"], o["active_to"]) for o in organisations},
            {o["org_code"]: o["name"] for o in organisations},
            sorted(events, key=lambda e: e["date"]),
        )

    def name_on(self, code: str, day: date) -> str:
        """The name of ``code`` valid on ``day`` (renames up to that day applied)."""
        name = self.names.get(code, code)
        for event in self.events:
            if event["org_code"] == code and event["event"] == "renamed" and event["date"] <= day:
                name = event["new_name"]
        return name

    def reason(self, code: str, day: date) -> str | None:
        """Why ``code`` did not exist on ``day`` (naming its successor), or ``None`` when it did."""
        if code not in self.lifetimes or _active_on(self.lifetimes[code], day):
            return None
        start, end = self.lifetimes[code]
        if start is not None and day < start:
            return t("history.error.return_not_founded", name=self.name_on(code, start), date=_d(start))
        assert end is not None
        name = self.name_on(code, end)
        ended = end + timedelta(days=1)
        for event in self.events:
            if event["org_code"] == code and event["event"] == "merged_into":
                successor = self.name_on(event["related_code"], event["date"])
                return t("history.error.return_merged", name=name, successor=successor, date=_d(event["date"]))
        return t("history.error.return_dissolved", name=name, date=_d(ended), last=_d(end))

    def year_reason(self, code: str, year: int) -> str | None:
        """Why ``code`` has no return for ``year`` (it did not exist at any time of it), or ``None``."""
        if code not in self.lifetimes:
            return None
        start, end = self.lifetimes[code]
        if end is not None and end < date(year, 1, 1):
            return self.reason(code, date(year, 1, 1))
        if start is not None and start > date(year, 12, 31):
            return self.reason(code, date(year, 12, 31))
        return None
