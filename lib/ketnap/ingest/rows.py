"""Row checks: every cell of a data row against its column, collecting every violation.

:class:`RowCheck` reads one row of a located sheet and records each broken rule with the header
as typed, never a personal value; the row readers (:data:`ROW_READERS`, one per processed table)
turn a row that passes into a record. Checks across rows and files (duplicates) are the run's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ketnap.ingest.issues import Issue, SheetCount
from ketnap.ingest.sheets import SheetTable
from ketnap.ingest.values import EARLIEST_YEAR, age_on, is_empty, normalise_id_number, parse_date, show, whole_number
from ketnap.schema import (
    ADMISSION_COLUMNS,
    CONVERSION_COLUMNS,
    EDUCATION,
    MAJORITY_ETHNIC_GROUP,
    NO_RELIGION,
    OCCUPATIONS,
    RELIGIONS,
    SEXES,
    TRAINING_COLUMNS,
    YOUTH_UNION,
    Category,
    Column,
)
from ketnap.text import bare, clean, modern_tone

__all__ = [
    "ROW_READERS",
    "Accepted",
    "RowCheck",
]


@dataclass
class RowCheck:
    """Checks one row's cells, collecting every violation rather than stopping at the first."""

    table: SheetTable
    row: int
    values: tuple[Any, ...]
    issues: list[Issue] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """Whether an error was found (warnings reject nothing)."""
        return any(issue.level == "error" for issue in self.issues)

    def raw(self, column: Column) -> Any:
        """The cell of ``column`` (``None`` when the column is absent, the cell empty or blank text)."""
        if column.field not in self.table.columns:
            return None
        index = self.table.columns[column.field][0]
        value = self.values[index] if index < len(self.values) else None
        return None if is_empty(value) else value

    def fail(self, column: Column, rule: str, message: str, value: Any = None) -> None:
        """Record a violation (an error, or a warning by its rule); personal fields never keep their value."""
        shown = None if value is None or column.personal else show(value)
        self.issues.append(
            Issue(self.table.file, self.table.sheet, self.row, self.table.header(column), rule, message, shown)
        )

    def present(self, column: Column) -> Any | None:
        """The cell, or ``None`` after recording why a required cell is empty.

        ``formula-cell`` when it holds a formula whose result was never saved; ``missing-field``
        otherwise, naming the merged range when the cell is inside one (only its first cell holds
        the value).
        """
        value = self.raw(column)
        if value is None and column.required:
            where = self.table.columns.get(column.field)
            marks = self.table.marks
            if where is not None and (self.row, where[0]) in marks.uncached_formulas:
                self.fail(
                    column,
                    "formula-cell",
                    f"{column.header} is a formula whose result was never saved (the file was made by a "
                    f"program, not saved in Excel): open the file in Excel, save it and send it again, "
                    f"or type the value",
                )
            elif where is not None and (merged := marks.merged_range(self.row, where[0])) is not None:
                self.fail(
                    column,
                    "missing-field",
                    f"{column.header} is required; this cell is inside the merged cells {merged}, whose "
                    f"value only the first cell holds: unmerge them and fill every row",
                )
            else:
                self.fail(column, "missing-field", f"{column.header} is required")
        return value

    def text(self, column: Column) -> str | None:
        """Cleaned text (NFC, spaces collapsed)."""
        value = self.present(column)
        return None if value is None else clean(show(value))

    def category(self, column: Column, category: Category) -> Any | None:
        """The stored value of an allowed label."""
        value = self.present(column)
        if value is None:
            return None
        found = category.get(show(value))
        if found is None:
            self.fail(column, "unknown-category", f"allowed: {category.describe()}", value)
        return found

    def date(self, column: Column, *, today: date, year: int | None = None, latest: date | None = None) -> date | None:
        """A date, checked not to be after ``today`` and, given ``year``, to fall in that year."""
        value = self.present(column)
        if value is None:
            return None
        parsed, rule = parse_date(value)
        if rule == "unparsable-date":
            self.fail(column, rule, "not a date: use an Excel date or type dd/mm/yyyy", value)
            return None
        if rule == "impossible-date" or parsed is None:
            self.fail(column, "impossible-date", f"no such date (or a year before {EARLIEST_YEAR})", value)
            return None
        ok = True
        if parsed > today:
            self.fail(column, "future-date", f"after today ({today:%d/%m/%Y})", value)
            ok = False
        if year is not None and parsed.year != year:
            self.fail(column, "date-outside-period", f"not in the return's year {year}", value)
            ok = False
        return parsed if ok else None

    def id_number(self, column: Column) -> str | None:
        """The normalised 12-digit ID number."""
        value = self.present(column)
        if value is None:
            return None
        normalised, restored = normalise_id_number(value)
        if normalised is None:
            self.fail(column, "bad-id-number", "the ID number (CCCD) must be 12 digits")
        elif restored:
            self.fail(
                column,
                "id-number-restored",
                "the ID number (CCCD) had lost its leading zero(s), as when Excel keeps it as a number; read "
                "with them restored: format the column as Text and type all 12 digits",
            )
        return normalised

    def number(self, column: Column) -> int | None:
        """A whole number ≥ 0."""
        value = self.present(column)
        if value is None:
            return None
        number = whole_number(value)
        if number is None or number < 0:
            self.fail(column, "bad-number", "must be a whole number ≥ 0", value)
            return None
        return number


@dataclass
class Accepted:
    """A row that passed its own checks, waiting for the checks across files (duplicates)."""

    table: str
    record: dict[str, Any]
    count: SheetCount
    row: int
    id_header: str | None = None


def _admission_row(check: RowCheck, year: int, today: date) -> dict[str, Any] | None:
    c = {col.field: col for col in ADMISSION_COLUMNS}
    check.present(c["full_name"])  # personal: only checked to be there
    birth = check.date(c["birth_date"], today=today)
    id_number = check.id_number(c["id_number"])
    record: dict[str, Any] = {
        "sex": check.category(c["sex"], SEXES),
        "ethnic_group": _ethnic_group(check.text(c["ethnic_group"])),
        "religion": check.category(c["religion"], RELIGIONS),
        "youth_union": check.category(c["youth_union"], YOUTH_UNION),
        "occupation": check.category(c["occupation"], OCCUPATIONS),
        "education": check.category(c["education"], EDUCATION),
        "admission_date": check.date(c["admission_date"], today=today, year=year),
        "cell": check.text(c["cell"]),
    }
    if birth is not None and record["admission_date"] is not None:
        age = age_on(birth, record["admission_date"])
        if age < 18:
            check.fail(c["birth_date"], "under-18", f"{age} years old at admission; the minimum is 18")
        record |= {"birth_year": birth.year, "age_at_admission": age}
    if check.failed:
        return None
    assert id_number is not None and birth is not None  # every required field passed
    return record | {
        "_id": id_number,
        "ethnic_minority": record["ethnic_group"] != MAJORITY_ETHNIC_GROUP,
        "religious": record["religion"] != NO_RELIGION,
    }


def _ethnic_group(text: str | None) -> str | None:
    """One spelling per group ("mường" and "Mường" count together): modern tone placement, capital first.

    The majority group is the one spelling :data:`MAJORITY_ETHNIC_GROUP` however it is typed ("KINH",
    "kinh", "Kính"): it decides ``ethnic_minority``, and no other group is spelled like it.
    """
    if text is None:
        return None
    if bare(text) == bare(MAJORITY_ETHNIC_GROUP):
        return MAJORITY_ETHNIC_GROUP
    text = modern_tone(text)
    return text[:1].upper() + text[1:]


def _training_row(check: RowCheck, year: int, today: date) -> dict[str, Any] | None:
    c = {col.field: col for col in TRAINING_COLUMNS}
    check.present(c["full_name"])
    birth = check.date(c["birth_date"], today=today)
    id_number = check.id_number(c["id_number"])
    record = {
        "sex": check.category(c["sex"], SEXES),
        "class_name": check.text(c["class_name"]),
        "completion_date": check.date(c["completion_date"], today=today, year=year),
    }
    if check.failed:
        return None
    assert birth is not None
    return record | {"_id": id_number, "birth_year": birth.year}


def _conversion_row(check: RowCheck, year: int, today: date) -> dict[str, Any] | None:
    c = {col.field: col for col in CONVERSION_COLUMNS}
    check.present(c["full_name"])
    id_number = check.id_number(c["id_number"])
    admitted = check.date(c["admission_date"], today=today)  # usually the year before: no period check
    converted = check.date(c["conversion_date"], today=today, year=year)
    if admitted is not None and converted is not None and converted <= admitted:
        check.fail(c["conversion_date"], "date-order", "must be after Ngày kết nạp", converted)
    if check.failed:
        return None
    return {"_id": id_number, "admission_date": admitted, "conversion_date": converted}


ROW_READERS: dict[str, Callable[[RowCheck, int, date], dict[str, Any] | None]] = {
    "admissions": _admission_row,
    "training": _training_row,
    "conversions": _conversion_row,
}
