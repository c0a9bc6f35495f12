"""Reference data: sectors, organisations, targets and the optional working groups.

Sectors, organisations and targets are what every return is checked against. The working groups
(tổ công tác, ``reference/groups.csv``) are optional: with the file and the organisations'
``Tổ công tác`` column, each organisation may name its group (by code or name); a group that is not
in the file stops the run with a message naming the file, sheet, row and column (the Board keeps
this list itself, and a group's report that silently leaves an organisation out would mislead its
head). Without the file, or without the column, there are no groups and no group reports.

The organisations' history (the optional ``Lịch sử`` sheet of ``organisations.xlsx``) is read and
checked by :mod:`ketnap.ingest.history`; a renamed organisation is found by any of its names, and the
index carries each organisation's validity for the returns' ``organisation-inactive`` check.

Organisations are looked up by code or by name (:class:`OrganisationIndex`, matched on
:func:`ketnap.text.fold`). A reference row that is wrong is quarantined like any other; a reference
file that cannot be used at all stops the run (the run raises ``ReferenceDataError``).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, overload

from ketnap.ingest import limits
from ketnap.ingest.files import Input, describe_failure, load_input, open_workbook, read_csv_rows
from ketnap.ingest.history import Lifetimes, read_history
from ketnap.ingest.issues import Issue, ReferenceDataError, SheetCount, Unreadable
from ketnap.ingest.rows import RowCheck
from ketnap.ingest.sheets import extra_column_warnings, find_sheet, locate_table, read_sheet_rows
from ketnap.ingest.values import show
from ketnap.labels import t
from ketnap.schema import (
    CITY_CODE,
    GROUP_COLUMNS,
    GROUPS_FILE,
    HISTORY_SHEET,
    KINDS,
    ORGANISATION_COLUMNS,
    ORGANISATIONS_SHEET,
    SECTOR_COLUMNS,
    TARGET_COLUMNS,
    TARGETS_SHEET,
    Category,
    Column,
)
from ketnap.text import fold

__all__ = [
    "OrganisationIndex",
    "Reference",
    "read_groups",
    "read_organisations",
    "read_reference",
    "read_sectors",
    "read_targets",
]


class OrganisationIndex:
    """Looks organisations up by code or by name, both by their :func:`ketnap.text.fold` key."""

    def __init__(self, organisations: Iterable[Mapping[str, Any]]) -> None:
        self.codes: set[str] = set()
        #: Validity and history, for the returns' ``organisation-inactive`` check (none: every date is fine).
        self.lifetimes: Lifetimes | None = None
        self._by_key: dict[str, str] = {}
        self._names: dict[str, str] = {}
        for org in organisations:
            self.codes.add(org["org_code"])
            self._names.setdefault(org["org_code"], org["name"])
            self._by_key.setdefault(fold(org["org_code"]), org["org_code"])
            self._by_key.setdefault(fold(org["name"]), org["org_code"])

    def add_name(self, code: str, name: str) -> None:
        """Another name of ``code`` (a rename of the history): found as well, the first name kept for messages."""
        self._by_key.setdefault(fold(name), code)

    def closest(self, text: str) -> str | None:
        """The code of the organisation whose code or name is closest to ``text``, when it is close."""
        close = difflib.get_close_matches(fold(text), self._by_key, n=1, cutoff=0.85)
        return self._by_key[close[0]] if close else None

    def find(self, text: str) -> str | None:
        """The code of the organisation ``text`` names (code or name), or ``None``."""
        return self._by_key.get(fold(text))

    def name(self, code: str) -> str | None:
        """The name of the organisation ``code``."""
        return self._names.get(code)

    def unknown(self, text: str) -> str:
        """The message for a ``text`` that names no organisation, with the closest one when it is close.

        >>> index = OrganisationIndex([{"org_code": "P01", "name": "Đảng bộ phường Hàm Rồng"}])
        >>> index.unknown("Đảng bộ phường Hàm Rông")
        'not a known organisation code or name (did you mean P01 Đảng bộ phường Hàm Rồng?)'
        >>> index.unknown("Công ty ABC")
        'not a known organisation code or name'
        """
        code = self.closest(text)
        if code is None:
            return "not a known organisation code or name"
        return f"not a known organisation code or name (did you mean {code} {self._names[code]}?)"


def read_sectors(rows: list[tuple[Any, ...]], file: str) -> tuple[list[dict[str, Any]], list[Issue], SheetCount]:
    table = locate_table(rows, SECTOR_COLUMNS, file=file, sheet=Path(file).name)
    count = SheetCount(file, table.sheet, rows_read=len(table.rows))
    issues = extra_column_warnings(table)
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    c = {col.field: col for col in SECTOR_COLUMNS}
    for number, values in table.rows:
        check = RowCheck(table, number, values)
        code = check.text(c["sector"])
        order = check.number(c["order"])
        name_vi, name_en = check.text(c["name_vi"]), check.text(c["name_en"])
        colour = check.text(c["colour"])
        if code is not None and fold(code) in seen:
            check.fail(c["sector"], "duplicate-row", "this sector code is already listed above", code)
        if check.failed:
            issues += check.issues
            count.quarantined += 1
            continue
        seen.add(fold(code or ""))
        records.append({"sector": code, "order": order, "name_vi": name_vi, "name_en": name_en, "colour": colour})
        count.loaded += 1
    return records, issues, count


def read_groups(rows: list[tuple[Any, ...]], file: str) -> tuple[list[dict[str, Any]], list[Issue], SheetCount]:
    """The working groups of ``reference/groups.csv``: a bad or repeated row is quarantined like a sector's."""
    table = locate_table(rows, GROUP_COLUMNS, file=file, sheet=Path(file).name)
    count = SheetCount(file, table.sheet, rows_read=len(table.rows))
    issues = extra_column_warnings(table)
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    c = {col.field: col for col in GROUP_COLUMNS}
    for number, values in table.rows:
        check = RowCheck(table, number, values)
        texts = {field: check.text(c[field]) for field in ("group", "name_vi", "name_en", "head_vi", "head_en")}
        for key in ("group", "name_vi"):
            value = texts[key]
            if value is not None and fold(value) in seen:
                check.fail(c[key], "duplicate-row", "already listed above (codes and names must be unique)", value)
        record: dict[str, Any] = {**texts, "order": check.number(c["order"])}
        if check.failed:
            issues += check.issues
            count.quarantined += 1
            continue
        seen.update({fold(texts["group"] or ""), fold(texts["name_vi"] or "")})
        records.append(record)
        count.loaded += 1
    return records, issues, count


def _group_category(groups: list[dict[str, Any]]) -> Category:
    """Groups by code or Vietnamese name, matched as loosely as any category."""
    return Category({g["name_vi"]: g["group"] for g in groups}, aliases={g["group"]: g["group"] for g in groups})


def read_organisations(
    rows: list[tuple[Any, ...]],
    file: str,
    sheet: str,
    sectors: list[dict[str, Any]],
    groups: list[dict[str, Any]] | None = None,
) -> tuple[list[dict[str, Any]], list[Issue], SheetCount]:
    """The organisations of the ``Tổ chức`` sheet; ``groups`` are those of ``reference/groups.csv`` (if any).

    Raises
    ------
    ReferenceDataError
        When an organisation's ``Tổ công tác`` names no group of ``groups`` (or there is no groups file).
    """
    table = locate_table(rows, ORGANISATION_COLUMNS, file=file, sheet=sheet)
    count = SheetCount(file, sheet, rows_read=len(table.rows))
    issues = extra_column_warnings(table)
    sector_names = {s["sector"]: s["sector"] for s in sectors} | {s["name_vi"]: s["sector"] for s in sectors}
    sector_category = Category(sector_names)
    c = {col.field: col for col in ORGANISATION_COLUMNS}
    checked: list[tuple[RowCheck, dict[str, Any], Any]] = []
    seen: set[str] = set()
    for number, values in table.rows:
        check = RowCheck(table, number, values)
        record: dict[str, Any] = {
            "org_code": check.text(c["org_code"]),
            "name": check.text(c["name"]),
            "sector": check.category(c["sector"], sector_category),
            "kind": check.category(c["kind"], KINDS),
            "parent_code": None,
            "active_from": check.date(c["active_from"], today=date.max),
            "active_to": check.date(c["active_to"], today=date.max),
            "group": _group_of(check, c["group"], groups),
        }
        for key in ("org_code", "name"):
            if record[key] is not None and fold(record[key]) in seen:
                check.fail(
                    c[key],
                    "duplicate-row",
                    "already listed above (codes and names must be unique)",
                    record[key],
                )
        if not check.failed:
            seen.update({fold(record["org_code"]), fold(record["name"])})
        checked.append((check, record, check.raw(c["parent_code"])))
    # Parents may be listed below their children, so they are resolved once every row is read.
    index = OrganisationIndex(r for ch, r, _ in checked if not ch.failed)
    records: list[dict[str, Any]] = []
    for check, record, parent in checked:
        if parent is not None:
            record["parent_code"] = index.find(show(parent))
            if record["parent_code"] is None:
                check.fail(c["parent_code"], "unknown-organisation", index.unknown(show(parent)), parent)
        if check.failed:
            issues += check.issues
            count.quarantined += 1
        else:
            records.append(record)
            count.loaded += 1
    return records, issues, count


def _group_of(check: RowCheck, column: Column, groups: list[dict[str, Any]] | None) -> str | None:
    """The group code of the row's ``Tổ công tác`` cell (``None`` when blank or absent).

    An unknown group stops the run (``ReferenceDataError``).
    """
    value = check.raw(column)
    if value is None:
        return None
    found = _group_category(groups or []).get(show(value))
    if found is not None:
        return str(found)
    table = check.table
    where = f"{table.file} › {table.sheet} › dòng {check.row} › cột {table.header(column)}"
    if not groups:
        raise ReferenceDataError(
            f"{where}: tổ công tác {show(value)!r} nhưng không có tệp reference/{GROUPS_FILE} "
            f"(danh sách tổ công tác: mã, thứ tự, tên, chức danh tổ trưởng; xem docs/data-dictionary.md)"
        )
    known = "; ".join(f"{g['group']} ({g['name_vi']})" for g in groups)
    raise ReferenceDataError(
        f"{where}: tổ công tác {show(value)!r} không có trong reference/{GROUPS_FILE}; ghi mã hoặc tên "
        f"một tổ đã có: {known}"
    )


def read_targets(
    rows: list[tuple[Any, ...]], file: str, sheet: str, organisations: OrganisationIndex
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Issue], SheetCount]:
    table = locate_table(rows, TARGET_COLUMNS, file=file, sheet=sheet)
    count = SheetCount(file, sheet, rows_read=len(table.rows))
    issues = extra_column_warnings(table)
    c = {col.field: col for col in TARGET_COLUMNS}
    targets: list[dict[str, Any]] = []
    monthly: list[dict[str, Any]] = []
    seen: set[tuple[int, str | None]] = set()
    for number, values in table.rows:
        check = RowCheck(table, number, values)
        year = check.number(c["year"])
        org_text = check.text(c["org_code"])
        org_code: str | None = None
        if org_text is not None and fold(org_text) != fold(CITY_CODE):
            org_code = organisations.find(org_text)
            if org_code is None:
                check.fail(c["org_code"], "unknown-organisation", organisations.unknown(org_text), org_text)
            elif year is not None and organisations.lifetimes is not None:
                # A target belongs to the organisation that existed in the year (after a merger, its successor).
                reason = organisations.lifetimes.year_reason(org_code, year)
                if reason is not None:
                    message = t("history.error.target_year", reason=reason, year=year)
                    check.fail(c["org_code"], "organisation-inactive", message, org_text)
        admissions_target = check.number(c["admissions_target"])
        training_plan = check.number(c["training_plan"])
        plans = {m: check.number(c[f"month_{m}"]) for m in range(1, 13)}
        if year is not None and not check.failed and (year, org_code) in seen:
            check.fail(
                c["org_code"],
                "duplicate-row",
                f"a target for {org_text} in {year} is already listed above",
                org_text,
            )
        if check.failed:
            issues += check.issues
            count.quarantined += 1
            continue
        assert year is not None  # required, and no check failed
        seen.add((year, org_code))
        targets.append(
            {
                "year": year,
                "org_code": org_code,
                "admissions_target": admissions_target,
                "training_plan": training_plan,
            }
        )
        monthly += [
            {"year": year, "org_code": org_code, "month": m, "planned_admissions": p}
            for m, p in plans.items()
            if p is not None
        ]
        count.loaded += 1
    return targets, monthly, issues, count


@dataclass
class Reference:
    """The reference data of a run, as read: the records of each table, and the organisation index."""

    sectors: list[dict[str, Any]]
    groups: list[dict[str, Any]]
    organisations: list[dict[str, Any]]
    targets: list[dict[str, Any]]
    monthly_plans: list[dict[str, Any]]
    index: OrganisationIndex
    events: list[dict[str, Any]]


def read_reference(root: Path, inputs: list[Input], issues: list[Issue], counts: list[SheetCount]) -> Reference:
    """Read ``reference/`` under ``root``: sectors, the working groups (if any), organisations, then targets.

    Without reference data no return can be checked, so any file that is missing, unreadable or
    without a usable row stops the run (``groups.csv`` is optional: absent, there are no groups).
    Appends to ``inputs``, ``issues`` and ``counts``.

    Raises
    ------
    ReferenceDataError
        Naming the file and why it cannot be used.
    """

    def load(name: str) -> Input:
        path = root / "reference" / name
        if not path.is_file():
            raise ReferenceDataError(f"{path} not found (see docs/data-dictionary.md)")
        item = load_input(root, path)
        inputs.append(item)
        if item.size > limits.MAX_FILE_BYTES:
            raise ReferenceDataError(f"{item.file}: over the limit of {limits.MAX_FILE_BYTES // 2**20} MB")
        return item

    sectors_in = load("sectors.csv")
    with _usable(sectors_in):
        sectors, found, count = read_sectors(read_csv_rows(sectors_in.data, sectors_in.file, issues), sectors_in.file)
        if not sectors:
            raise Unreadable("no usable sector")
    issues += found
    counts.append(count)

    groups: list[dict[str, Any]] = []
    if (root / "reference" / GROUPS_FILE).is_file():
        groups_in = load(GROUPS_FILE)
        with _usable(groups_in):
            groups, found, count = read_groups(read_csv_rows(groups_in.data, groups_in.file, issues), groups_in.file)
        issues += found
        counts.append(count)

    organisations_in = load("organisations.xlsx")
    with _usable(organisations_in):
        title, rows = _sheet_rows(organisations_in, ORGANISATIONS_SHEET)
        organisations, found, count = read_organisations(rows, organisations_in.file, title, sectors, groups)
        if not organisations:
            raise Unreadable("no usable organisation")
    issues += found
    counts.append(count)
    index = OrganisationIndex(organisations)

    # The history (sheet Lịch sử) is optional: without it, no events.
    events: list[dict[str, Any]] = []
    with _usable(organisations_in):
        found_sheet = _sheet_rows(organisations_in, HISTORY_SHEET, optional=True)
        if found_sheet is not None:
            title, rows = found_sheet
            events, found, count = read_history(rows, organisations_in.file, title, organisations, sectors, index)
            issues += found
            if count.rows_read:
                counts.append(count)
    for event in events:
        if event["event"] == "renamed":
            index.add_name(event["org_code"], event["new_name"])
    index.lifetimes = Lifetimes.of(organisations, events)

    targets_in = load("targets.xlsx")
    with _usable(targets_in):
        title, rows = _sheet_rows(targets_in, TARGETS_SHEET)
        targets, monthly_plans, found, count = read_targets(rows, targets_in.file, title, index)
    issues += found
    counts.append(count)
    return Reference(sectors, groups, organisations, targets, monthly_plans, index, events)


@contextmanager
def _usable(item: Input) -> Iterator[None]:
    """A reference file that cannot be read stops the run: :class:`Unreadable` becomes ``ReferenceDataError``."""
    try:
        yield
    except Unreadable as exc:
        raise ReferenceDataError(f"{item.file}: {exc}") from None


@overload
def _sheet_rows(item: Input, sheet: str) -> tuple[str, list[tuple[Any, ...]]]: ...
@overload
def _sheet_rows(item: Input, sheet: str, *, optional: bool) -> tuple[str, list[tuple[Any, ...]]] | None: ...
def _sheet_rows(item: Input, sheet: str, *, optional: bool = False) -> tuple[str, list[tuple[Any, ...]]] | None:
    """The title and rows of ``sheet`` in a reference workbook, or :class:`Unreadable` saying why not.

    An ``optional`` sheet that is absent gives ``None``.
    """
    try:
        workbook = open_workbook(item.data, item.path.suffix.lower())
        try:
            title = find_sheet(workbook.sheetnames, sheet)
            if title is None:
                if optional:
                    return None
                raise Unreadable(f"no sheet {sheet!r}")
            return title, read_sheet_rows(workbook, title)
        finally:
            workbook.close()
    except Unreadable:
        raise
    except Exception as exc:  # a corrupt sheet inside a valid zip
        raise Unreadable(describe_failure(exc)) from None
