"""Returns: one organisation's workbook (or CSV) for one year, read sheet by sheet and row by row.

The ``Thông tin`` sheet says whose return it is and for which year; the data sheets
(:data:`ketnap.schema.RETURN_SHEETS`) are located first, so a return whose structure is broken is
refused whole, then every row is checked. Unknown and hidden sheets are reported, not lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from ketnap.ingest import limits
from ketnap.ingest.files import (
    CSV_SUFFIX,
    OLE_MAGIC,
    Input,
    csv_records,
    decode_text,
    open_workbook,
    wrong_extension,
    year_of_folder,
)
from ketnap.ingest.issues import Issue, SheetCount, Unreadable, legacy_encoding
from ketnap.ingest.reference import OrganisationIndex
from ketnap.ingest.rows import ROW_READERS, Accepted, RowCheck
from ketnap.ingest.sheets import (
    SheetTable,
    cell_marks,
    extra_column_warnings,
    find_sheet,
    header_key,
    is_filled,
    locate_table,
    read_sheet_rows,
    sheet_has_content,
    too_many_rows,
)
from ketnap.ingest.values import is_empty, parse_date, show, whole_number
from ketnap.labels import t as label
from ketnap.schema import (
    ADMISSION_COLUMNS,
    ADMISSIONS_SHEET,
    INFO_SHEET,
    INSTRUCTIONS_SHEET,
    ORG_LABEL,
    RETURN_SHEETS,
    SENT_LABEL,
    STORED_TAG,
    YEAR_LABEL,
    column,
)
from ketnap.text import clean, fold

__all__ = [
    "ReturnRead",
    "read_return_file",
]


def _read_csv_return(
    data: bytes, file: str, folder_year: int | None, organisations: OrganisationIndex, today: date
) -> ReturnRead:
    """A CSV return: the ``Kết nạp`` table alone; the organisation is the file name, the year its folder.

    The delimiter is whichever of ``,``, ``;`` and tab gives a header row (Excel writes ``;`` in
    some locales and tabs in "Unicode Text"). Issues and counts name the sheet ``Kết nạp``.
    """
    sheet = ADMISSIONS_SHEET
    text, encoding = decode_text(data)
    issues = [legacy_encoding(file, sheet)] if encoding == "cp1258" else []
    table: SheetTable | None = None
    first_failure: Unreadable | None = None
    for delimiter in (",", ";", "\t"):
        rows = csv_records(text, delimiter)
        if sum(1 for r in rows if is_filled(r)) > limits.MAX_SHEET_ROWS:
            raise Unreadable(too_many_rows(sheet), sheet=sheet)
        try:
            table = locate_table(rows, ADMISSION_COLUMNS, file=file, sheet=sheet)
            break
        except Unreadable as exc:
            first_failure = first_failure or exc
    if table is None:
        assert first_failure is not None
        raise Unreadable(f"a CSV return needs the {ADMISSIONS_SHEET} header row: {first_failure}", sheet=sheet)
    if folder_year is None:
        raise Unreadable("a CSV return must be in a folder returns/<year>/: its year is the folder's")
    stem = clean(Path(file).stem.split(STORED_TAG)[0])
    org_code = organisations.find(stem)
    if org_code is None:
        issues.append(
            Issue(
                file,
                "",
                None,
                "file name",
                "unknown-organisation",
                "a CSV return is named after its organisation (<code>.csv or <name>.csv), and this name is "
                f"{organisations.unknown(stem)}; the whole return is rejected",
                stem,
            )
        )
    reason = _inactive_in_year(organisations, org_code, folder_year)
    if reason is not None:
        issues.append(Issue(file, "", None, "file name", "organisation-inactive", reason, stem))
        org_code = None
    return _check_return_rows([("admissions", table)], file, org_code, folder_year, today, issues, organisations)


@dataclass
class ReturnRead:
    """One return, read: rows that passed their own checks, issues, and per-sheet counts.

    ``org_code`` and ``year`` are ``None`` when the return could not be placed (then no row is
    accepted); ``return_date`` is the date on its Thông tin sheet (``Ngày gửi``), when there is one.
    """

    accepted: list[Accepted]
    issues: list[Issue]
    counts: list[SheetCount]
    org_code: str | None = None
    year: int | None = None
    return_date: date | None = None


def _read_info(
    rows: list[tuple[Any, ...]],
    file: str,
    sheet: str,
    organisations: OrganisationIndex,
    folder_year: int | None,
) -> tuple[str | None, int | None, date | None, list[Issue]]:
    """The organisation, year and date (``Ngày gửi``, optional) of a return, from its Thông tin sheet."""
    found: dict[str, tuple[int, str, Any]] = {}
    for number, values in enumerate(rows, start=1):
        label = values[0] if values else None
        key = header_key(label)
        for wanted in (ORG_LABEL, YEAR_LABEL, SENT_LABEL):
            if key == header_key(wanted) and wanted not in found:
                found[wanted] = (
                    number,
                    clean(str(label)).rstrip(" *:"),
                    values[1] if len(values) > 1 else None,
                )
    issues: list[Issue] = []

    def problem(wanted: str, rule: str, message: str, value: Any = None) -> None:
        number, label, _ = found.get(wanted, (None, wanted, None))
        issues.append(Issue(file, sheet, number, label, rule, message, None if value is None else show(value)))

    org_code = year = None
    for wanted in (ORG_LABEL, YEAR_LABEL):
        if wanted not in found or is_empty(found[wanted][2]):
            problem(
                wanted,
                "missing-field",
                f"{wanted} is required (column B, next to the label); the whole return is rejected",
            )
    if ORG_LABEL in found and not is_empty(value := found[ORG_LABEL][2]):
        org_code = organisations.find(show(value))
        if org_code is None:
            problem(
                ORG_LABEL,
                "unknown-organisation",
                f"{organisations.unknown(show(value))}; the whole return is rejected",
                value,
            )
    if YEAR_LABEL in found and not is_empty(value := found[YEAR_LABEL][2]):
        year = whole_number(value)
        if year is None or not 1900 < year < 3000:
            problem(YEAR_LABEL, "bad-number", "not a year; the whole return is rejected", value)
            year = None
        elif folder_year is not None and year != folder_year:
            problem(
                YEAR_LABEL,
                "year-mismatch",
                f"the file is in returns/{folder_year}/; the whole return is rejected",
                value,
            )
            year = None
    reason = _inactive_in_year(organisations, org_code, year)
    if reason is not None:
        problem(ORG_LABEL, "organisation-inactive", reason, found[ORG_LABEL][2])
        org_code = None
    sent = parse_date(found[SENT_LABEL][2])[0] if SENT_LABEL in found else None
    return org_code, year, sent, issues


def _inactive_in_year(organisations: OrganisationIndex, org_code: str | None, year: int | None) -> str | None:
    """The message refusing a whole return of an organisation that did not exist in ``year``, or ``None``."""
    if org_code is None or year is None or organisations.lifetimes is None:
        return None
    reason = organisations.lifetimes.year_reason(org_code, year)
    return None if reason is None else label("history.error.return_year", reason=reason, year=year)


#: The date of each return table's rows that must fall within the organisation's validity.
_DATED: dict[str, str] = {
    "admissions": "admission_date",
    "training": "completion_date",
    "conversions": "conversion_date",
}


def _check_validity(
    check: RowCheck, table: str, record: dict[str, Any], org_code: str, index: OrganisationIndex
) -> None:
    """A row dated when its organisation did not exist (after its merger, say) fails ``organisation-inactive``."""
    day = record.get(_DATED[table])
    if index.lifetimes is None or not isinstance(day, date):
        return
    reason = index.lifetimes.reason(org_code, day)
    if reason is not None:
        spec = next(s for s in RETURN_SHEETS if s.table == table)
        check.fail(
            column(spec.columns, _DATED[table]),
            "organisation-inactive",
            label("history.error.return_row", reason=reason, day=f"{day:%d/%m/%Y}"),
            day,
        )


_HIDDEN = (
    "the sheet is hidden in Excel, and read anyway: check its rows are meant to be sent "
    "(Home › Format › Hide & Unhide › Unhide Sheet)"
)
_NIL_RETURN = (
    "the {sheet} sheet is absent or empty: read as a return with no admissions (a nil return); the other "
    "sheets are read. If there were admissions, add them to the {sheet} sheet and send the return again"
)


def _read_return(
    workbook: Any,
    file: str,
    folder_year: int | None,
    organisations: OrganisationIndex,
    today: date,
) -> ReturnRead:
    titles = list(workbook.sheetnames)
    issues: list[Issue] = []
    info_title = find_sheet(titles, INFO_SHEET)
    if info_title is None:
        raise Unreadable(f"no sheet {INFO_SHEET!r} (sheets: {', '.join(titles)})")
    # Locate every data sheet first: a return whose structure is broken is rejected as a whole.
    tables: list[tuple[str, SheetTable]] = []
    for spec in RETURN_SHEETS:
        sheet, table_name, columns = spec.sheet, spec.table, spec.columns
        title = find_sheet(titles, sheet)
        rows = read_sheet_rows(workbook, title) if title is not None else []
        if not any(not is_empty(v) for r in rows for v in r):
            # An absent or cleared sheet holds nothing to lose. Without its main sheet a return says
            # "no admissions" (a nil return); the other sheets are still read.
            if spec.main:
                issues.append(Issue(file, sheet, None, None, "nil-return", _NIL_RETURN.format(sheet=sheet)))
            elif title is None:
                issues.append(Issue(file, sheet, None, None, "missing-sheet", "sheet absent; read as empty"))
            if title is not None:
                tables.append((table_name, SheetTable(file, title, {}, [], [])))
            continue
        assert title is not None  # it has content, so it is there
        marks = cell_marks(workbook, title)
        tables.append((table_name, locate_table(rows, columns, file=file, sheet=title, marks=marks)))
    for title in [info_title, *(t.sheet for _, t in tables)]:
        # Hiding is a display choice: the rows are the organisation's, so they are read, and said so.
        if getattr(workbook[title], "sheet_state", "visible") != "visible":
            issues.append(Issue(file, title, None, None, "hidden-sheet", _HIDDEN))
    known = {fold(s) for s in (INFO_SHEET, INSTRUCTIONS_SHEET, *(spec.sheet for spec in RETURN_SHEETS))}
    for title in titles:
        if fold(title) not in known and sheet_has_content(workbook, title):
            issues.append(Issue(file, title, None, None, "extra-sheet", "sheet not in the data dictionary; ignored"))

    info_rows = read_sheet_rows(workbook, info_title)
    org_code, year, sent, info_issues = _read_info(info_rows, file, info_title, organisations, folder_year)
    issues += info_issues
    read = _check_return_rows(tables, file, org_code, year, today, issues, organisations)
    read.return_date = sent
    return read


def _check_return_rows(
    tables: list[tuple[str, SheetTable]],
    file: str,
    org_code: str | None,
    year: int | None,
    today: date,
    issues: list[Issue],
    organisations: OrganisationIndex,
) -> ReturnRead:
    """Check every row of a return's located sheets (workbook or CSV) once its organisation and year are known."""
    counts = [SheetCount(file, t.sheet, rows_read=len(t.rows)) for _, t in tables]
    if org_code is None or year is None:
        # Without the organisation or the year no row can be placed: every row is quarantined by the
        # issue saying why (one line, not one per row).
        for count in counts:
            count.quarantined = count.rows_read
        return ReturnRead([], issues, counts, org_code, year)

    accepted: list[Accepted] = []
    for (table_name, table), count in zip(tables, counts, strict=True):
        issues += extra_column_warnings(table)
        read_row = ROW_READERS[table_name]
        for number, values in table.rows:
            check = RowCheck(table, number, values)
            record = read_row(check, year, today)
            if record is not None:
                _check_validity(check, table_name, record, org_code, organisations)
            issues += check.issues  # errors with a rejected row, warnings with an accepted one
            if check.failed or record is None:
                count.quarantined += 1
                continue
            record |= {"org_code": org_code, "source_file": file}
            id_header = table.header(column(ADMISSION_COLUMNS, "id_number"))
            accepted.append(Accepted(table_name, record, count, number, id_header))
    return ReturnRead(accepted, issues, counts, org_code, year)


def read_return_file(item: Input, index: OrganisationIndex, today: date) -> ReturnRead:
    """Read one return file (workbook or CSV), or raise (:class:`Unreadable` or anything unexpected)."""
    if item.size > limits.MAX_FILE_BYTES:
        raise Unreadable(
            f"the file is {item.size / 2**20:,.0f} MB, over the limit of {limits.MAX_FILE_BYTES // 2**20} MB "
            f"(a return is a few hundred kB): refused unread"
        )
    suffix = item.path.suffix.lower()
    folder_year = year_of_folder(item.file)
    if suffix == CSV_SUFFIX and not item.data.startswith((OLE_MAGIC, b"PK")):
        return _read_csv_return(item.data, item.file, folder_year, index, today)
    workbook = open_workbook(item.data, suffix)
    try:
        read = _read_return(workbook, item.file, folder_year, index, today)
    finally:
        workbook.close()
    if wrong_extension(suffix):
        read.issues.insert(
            0,
            Issue(
                item.file,
                "",
                None,
                "file name",
                "wrong-extension",
                f"an Excel workbook saved with the name {item.path.name!r}: read as a workbook; name it .xlsx",
            ),
        )
    return read
