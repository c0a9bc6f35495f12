"""Ingestion: the returns and reference workbooks in, the processed tables out (``make data``).

Reads the data root laid out in ``docs/data-dictionary.md`` (``data/raw`` when it holds real
reference data, else ``data/sample``), checks every row, and writes

- ``data/processed/<table>.parquet`` for every table in :data:`ketnap.io.TABLES`, and ``manifest.json``;
- ``data/interim/quarantine.csv`` (one line per rejected row and rule, and per unreadable file),
  ``data/interim/warnings.csv`` (ignored columns and sheets) and ``data/interim/reconciliation.csv``
  (``rows_read = loaded + quarantined`` per file and sheet).

Tolerant where people differ (title rows, NFC/NFD text, tone placement, case, spacing, dates as
Excel dates or ``dd/mm/yyyy`` text, extra columns, organisations by code or name); strict where the
data is wrong, and then it collects every violation with file, sheet, Excel row, column and a
stable rule id. Personal data (names, ID numbers, exact birth dates) stops here: only the keyed hash
``person_key``, ``birth_year`` and ``age_at_admission`` go on.

Text normalisation lives in :mod:`ketnap.text`; writing Parquet and JSON in :mod:`ketnap.io`.
Run as ``python -m ketnap.ingest``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import hmac
import io as _bytes_io
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import openpyxl
import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DefusedET
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries

from ketnap import __version__
from ketnap.config import DEMO_PERSON_KEY, paths
from ketnap.io import person_codes, write_json_atomic, write_table
from ketnap.text import clean, fold, modern_tone

__all__ = [
    "RULES",
    "IngestResult",
    "Issue",
    "PersonKeyError",
    "ReferenceDataError",
    "ingest",
    "main",
    "parse_date",
    "person_key",
    "resolve_person_key",
]

# --------------------------------------------------------------------------------------------
# Rules, issues, results
# --------------------------------------------------------------------------------------------

#: Every rule id ingestion can report, with what it means. Ids are stable: tests, the quarantine
#: file and anyone grepping it rely on them.
RULES: dict[str, str] = {
    "unreadable-file": "the file cannot be read at all (not a workbook, corrupt, encrypted, an old .xls, "
    "empty, a required sheet or header row missing) or is refused unread by a safety limit (a zip bomb, "
    "an XML entity bomb, a file or sheet far beyond any real return: see MAX_* in ketnap.ingest)",
    "missing-field": "a required field is empty (the message says when the cell is inside merged cells)",
    "formula-cell": "a required cell holds a formula whose result was never saved in the file",
    "unknown-organisation": "the organisation is neither a known code nor a known name",
    "unknown-category": "the value is not one of the allowed categories",
    "unparsable-date": "not a date: neither an Excel date nor dd/mm/yyyy text",
    "impossible-date": "looks like a date but does not exist (31/02/2023) or is implausible",
    "date-outside-period": "the date is not in the return's year",
    "future-date": "the date is after the day of ingestion",
    "date-order": "the conversion is not after the admission",
    "under-18": "under 18 years old at admission",
    "duplicate-person": "the same person (same ID number) admitted or converted twice; the first is kept",
    "duplicate-row": "a reference row repeats a code or name already read; the first is kept",
    "bad-id-number": "the ID number (CCCD) is not 12 digits",
    "bad-number": "not a whole number, or negative",
    "year-mismatch": "the return's year (Năm báo cáo) differs from its folder returns/<year>/",
    # Warnings: reported, nothing is rejected.
    "extra-column": "a column the data dictionary does not know; ignored",
    "extra-sheet": "a sheet the data dictionary does not know; ignored",
    "missing-sheet": "an optional sheet is absent; read as empty",
    "legacy-encoding": "a CSV file not in UTF-8 or UTF-16; read as Windows-1258",
    "hidden-sheet": "a sheet that is read is hidden in Excel; read anyway",
}

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Issue:
    """One problem found in the inputs.

    Attributes
    ----------
    file : str
        Path relative to the data root, with ``/``.
    sheet : str
        Sheet name as in the file (or the CSV file name); ``""`` for the whole file.
    row : int or None
        Row number as Excel shows it; ``None`` when the issue is about the file or sheet.
    column : str or None
        The header as typed in the file (NFC), or the Thông tin label.
    rule : str
        A key of :data:`RULES`.
    message : str
        What is wrong and how to fix it, never containing personal data.
    value : str or None
        The offending value, only when it is not personal data.
    level : {"error", "warning"}
        Errors reject a row (or a file); warnings reject nothing.
    """

    file: str
    sheet: str
    row: int | None
    column: str | None
    rule: str
    message: str
    value: str | None = None
    level: Level = "error"

    def __str__(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(self.sheet)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(self.column)
        text = f"{' › '.join(parts)}: {self.rule} — {self.message}"
        return f"{text} [{self.value}]" if self.value is not None else text


@dataclass
class IngestResult:
    """What one ingestion run produced.

    Attributes
    ----------
    tables : dict of str to DataFrame
        Every table of :data:`ketnap.io.TABLES`, as written to Parquet.
    issues : list of Issue
        Errors and warnings, sorted by file, sheet, row, column and rule.
    reconciliation : DataFrame
        ``file, sheet, rows_read, loaded, quarantined`` per file and sheet.
    manifest : dict
        The content of ``manifest.json``.
    """

    tables: dict[str, pd.DataFrame]
    issues: list[Issue]
    reconciliation: pd.DataFrame
    manifest: dict[str, Any]

    @property
    def errors(self) -> list[Issue]:
        """The issues that rejected a row or a file."""
        return [i for i in self.issues if i.level == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """The issues that rejected nothing."""
        return [i for i in self.issues if i.level == "warning"]


class ReferenceDataError(RuntimeError):
    """The reference data (sectors, organisations, targets) cannot be used, so nothing is ingested."""


class PersonKeyError(RuntimeError):
    """No key to hash ID numbers with, for a data root that is not the synthetic sample."""


# --------------------------------------------------------------------------------------------
# The person key
# --------------------------------------------------------------------------------------------

KEY_ENV = "KETNAP_PERSON_KEY"
KEY_FILE_ENV = "KETNAP_PERSON_KEY_FILE"
DEFAULT_KEY_FILE = Path("~/.config/ketnap/person.key")


def resolve_person_key(root: Path, key: str | None = None) -> tuple[str, str]:
    """The key ID numbers are hashed with, and where it came from.

    Order: the ``key`` argument; the demo key when ``root`` is the shipped sample (so the sample
    always hashes the same, whatever the environment); ``$KETNAP_PERSON_KEY``; the file named by
    ``$KETNAP_PERSON_KEY_FILE`` (default ``~/.config/ketnap/person.key``).

    Parameters
    ----------
    root : Path
        The data root being ingested.
    key : str, optional
        An explicit key (tests, scripts).

    Returns
    -------
    tuple of (str, str)
        The key, and its source: ``"argument"``, ``"demo"``, ``"environment"`` or ``"file"``.

    Raises
    ------
    PersonKeyError
        When no key is configured for a root other than the sample, or the key file is empty.
    """
    if key:
        return key, "argument"
    if root.resolve() == paths().sample.resolve():
        return DEMO_PERSON_KEY, "demo"
    from_env = os.environ.get(KEY_ENV, "").strip()
    if from_env:
        return from_env, "environment"
    key_file = Path(os.environ.get(KEY_FILE_ENV) or DEFAULT_KEY_FILE).expanduser()
    if key_file.is_file():
        from_file = key_file.read_text(encoding="utf-8").strip()
        if from_file:
            return from_file, "file"
        raise PersonKeyError(f"the person key file {key_file} is empty")
    raise PersonKeyError(
        f"no person key to hash ID numbers of {root} with. Set the environment variable {KEY_ENV}, or "
        f"write the key to {DEFAULT_KEY_FILE} (or to the file named by {KEY_FILE_ENV}), e.g.\n"
        f"  mkdir -p ~/.config/ketnap && python -c 'import secrets; print(secrets.token_hex(32))' "
        f"> ~/.config/ketnap/person.key && chmod 600 ~/.config/ketnap/person.key\n"
        f"Keep the same key for every run (it links people across years) and never put it in git."
    )


def person_key(id_number: str, key: str) -> str:
    """The anonymous person key: the first 16 hex digits of HMAC-SHA256(key, ID number).

    Parameters
    ----------
    id_number : str
        A normalised 12-digit ID number (CCCD).
    key : str
        The secret key (see :func:`resolve_person_key`).

    Returns
    -------
    str
        16 lowercase hex digits.

    Examples
    --------
    >>> len(person_key("038123456789", "k"))
    16
    """
    return hmac.new(key.encode("utf-8"), id_number.encode("ascii"), hashlib.sha256).hexdigest()[:16]


# --------------------------------------------------------------------------------------------
# What the files look like (docs/data-dictionary.md)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One known column of a sheet: its Vietnamese header, the field it feeds, whether required."""

    header: str
    field: str
    required: bool = False


# Fields that are personal data: checked, then dropped; their values never appear in an issue.
PERSONAL_FIELDS = frozenset({"full_name", "birth_date", "id_number"})
# Columns that may hold something on otherwise empty rows (templates pre-number STT), so they do
# not make a row count as a row.
_IGNORED_FOR_BLANK = frozenset({"row_number"})

INFO_SHEET = "Thông tin"
ADMISSIONS_SHEET = "Kết nạp"
TRAINING_SHEET = "Bồi dưỡng"
CONVERSIONS_SHEET = "Chuyển chính thức"
INSTRUCTIONS_SHEET = "Hướng dẫn"
ORGANISATIONS_SHEET = "Tổ chức"
TARGETS_SHEET = "Chỉ tiêu"
ORG_LABEL = "Tổ chức cơ sở đảng"
YEAR_LABEL = "Năm báo cáo"
CITY_CODE = "TP"

_STT = Column("STT", "row_number")
_NAME = Column("Họ và tên", "full_name", True)
_BIRTH = Column("Ngày sinh", "birth_date", True)
_ID = Column("Số CCCD", "id_number", True)
_SEX = Column("Giới tính", "sex", True)
_NOTE = Column("Ghi chú", "note")

ADMISSION_COLUMNS: tuple[Column, ...] = (
    _STT, _NAME, _BIRTH, _ID, _SEX,
    Column("Dân tộc", "ethnic_group", True),
    Column("Tôn giáo", "religion", True),
    Column("Đoàn viên", "youth_union", True),
    Column("Nghề nghiệp", "occupation", True),
    Column("Trình độ", "education", True),
    Column("Ngày kết nạp", "admission_date", True),
    Column("Chi bộ", "cell"),
    _NOTE,
)  # fmt: skip
TRAINING_COLUMNS: tuple[Column, ...] = (
    _STT, _NAME, _BIRTH, _ID, _SEX,
    Column("Lớp bồi dưỡng", "class_name"),
    Column("Ngày cấp giấy chứng nhận", "completion_date", True),
    _NOTE,
)  # fmt: skip
CONVERSION_COLUMNS: tuple[Column, ...] = (
    _STT, _NAME, _ID,
    Column("Ngày kết nạp", "admission_date", True),
    Column("Ngày chuyển chính thức", "conversion_date", True),
    _NOTE,
)  # fmt: skip
ORGANISATION_COLUMNS: tuple[Column, ...] = (
    Column("Mã tổ chức", "org_code", True),
    Column("Tên tổ chức", "name", True),
    Column("Khối", "sector", True),
    Column("Loại hình", "kind", True),
    Column("Trực thuộc", "parent_code"),
    Column("Ngày thành lập", "active_from"),
    Column("Ngày giải thể", "active_to"),
)
TARGET_COLUMNS: tuple[Column, ...] = (
    Column("Năm", "year", True),
    Column("Mã tổ chức", "org_code", True),
    Column("Chỉ tiêu kết nạp", "admissions_target"),
    Column("Kế hoạch bồi dưỡng", "training_plan"),
    *(Column(f"T{month}", f"month_{month}") for month in range(1, 13)),
)
SECTOR_COLUMNS: tuple[Column, ...] = (
    Column("code", "sector", True),
    Column("order", "order", True),
    Column("name_vi", "name_vi", True),
    Column("name_en", "name_en", True),
    Column("colour", "colour"),
)


class Category:
    """An allowed set of labels, matched by :func:`ketnap.text.fold`, each mapped to a stored value."""

    def __init__(self, labels: Mapping[str, Any], *, aliases: Mapping[str, Any] | None = None) -> None:
        self.labels = dict(labels)
        self._by_key = {fold(k): v for k, v in {**self.labels, **(aliases or {})}.items()}

    def get(self, text: str) -> Any | None:
        """The stored value for ``text``, or ``None`` when it is not an allowed label."""
        return self._by_key.get(fold(text))

    def describe(self) -> str:
        """The allowed labels, for messages."""
        return "; ".join(self.labels)


SEXES = Category({"Nam": "M", "Nữ": "F"})
YOUTH_UNION = Category({"Có": True, "Không": False})
RELIGIONS = Category({r: r for r in ("Không", "Phật giáo", "Công giáo", "Tin lành", "Cao Đài", "Hòa Hảo", "Khác")})
_OCCUPATION_LABELS = {
    "Học sinh, sinh viên": "student",
    "Giáo viên": "teacher",
    "Cán bộ, công chức, viên chức": "civil-servant",
    "Người lao động doanh nghiệp tư nhân": "private-enterprise-worker",
    "Người lao động doanh nghiệp nhà nước": "state-enterprise-worker",
    "Nông dân": "farmer",
    "Lao động tự do": "self-employed",
    "Khác": "other",
}
# The codes are accepted too: an analyst's own spreadsheet may already use them.
OCCUPATIONS = Category(_OCCUPATION_LABELS, aliases={c: c for c in _OCCUPATION_LABELS.values()})
EDUCATION = Category({e: e for e in ("THPT", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")})
KINDS = Category(
    {"Đảng bộ cơ sở": "dang-bo-co-so", "Chi bộ cơ sở": "chi-bo-co-so"},
    aliases={"dang-bo-co-so": "dang-bo-co-so", "chi-bo-co-so": "chi-bo-co-so"},
)

#: dtypes of the processed tables; dates are ``datetime64[ns]``. (``person_code`` is added after
#: the rows are in: :func:`ketnap.io.person_codes`.)
DTYPES: dict[str, dict[str, str]] = {
    "sectors": {"sector": "string", "order": "int64", "name_vi": "string", "name_en": "string",
                "colour": "string"},
    "organisations": {"org_code": "string", "name": "string", "sector": "string", "kind": "string",
                      "parent_code": "string", "active_from": "datetime64[ns]",
                      "active_to": "datetime64[ns]"},
    "targets": {"year": "int64", "org_code": "string", "admissions_target": "Int64",
                "training_plan": "Int64"},
    "monthly_plans": {"year": "int64", "org_code": "string", "month": "int64", "planned_admissions": "int64"},
    "admissions": {"person_key": "string", "org_code": "string", "cell": "string",
                   "admission_date": "datetime64[ns]", "sex": "string", "birth_year": "int64",
                   "age_at_admission": "int64", "ethnic_group": "string", "ethnic_minority": "bool",
                   "religion": "string", "religious": "bool", "youth_union": "bool", "occupation": "string",
                   "education": "string", "source_file": "string"},
    "training": {"person_key": "string", "org_code": "string", "class_name": "string",
                 "completion_date": "datetime64[ns]", "sex": "string", "birth_year": "int64",
                 "source_file": "string"},
    "conversions": {"person_key": "string", "org_code": "string", "admission_date": "datetime64[ns]",
                    "conversion_date": "datetime64[ns]", "source_file": "string"},
}  # fmt: skip
_SORT_KEYS: dict[str, list[str]] = {
    "sectors": ["order", "sector"],
    "organisations": ["org_code"],
    "targets": ["year", "org_code"],
    "monthly_plans": ["year", "org_code", "month"],
    "admissions": ["admission_date", "org_code", "source_file", "person_key"],
    "training": ["completion_date", "org_code", "source_file", "person_key"],
    "conversions": ["conversion_date", "org_code", "source_file", "person_key"],
}

# How far down a sheet the header row is looked for (title rows above it are skipped).
_HEADER_SCAN_ROWS = 30
# Print a progress line every this many returns.
_PROGRESS_EVERY = 50
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 and encrypted OOXML files
_SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")
_CSV_SUFFIX = ".csv"

# Safety limits: an untrusted file is refused, unread, when it exceeds one (``unreadable-file``).
# A real return is a few hundred kB; these are orders of magnitude above any of them.
#: Largest file read at all (bytes on disk).
MAX_FILE_BYTES = 50 * 2**20
#: Largest total uncompressed size an .xlsx may declare in its zip directory (checked before inflating).
MAX_UNCOMPRESSED_BYTES = 100 * 2**20
#: Largest compression ratio of one zip member; members under :data:`RATIO_CHECKED_FROM` are exempt.
MAX_COMPRESSION_RATIO = 100
#: Members smaller than this (uncompressed) are not ratio-checked: small XML compresses very well.
RATIO_CHECKED_FROM = 2**20
#: Most members an .xlsx may hold (a real one has about 10 to 30).
MAX_ZIP_MEMBERS = 1000
#: Most filled rows one sheet (or CSV return) may hold: a whole city's yearly admissions are a few
#: hundred, one organisation's a few dozen.
MAX_SHEET_ROWS = 20_000

# --------------------------------------------------------------------------------------------
# Cell values
# --------------------------------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", re.ASCII)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", re.ASCII)
_TWELVE_DIGITS = re.compile(r"[0-9]{12}", re.ASCII)
_ID_SEPARATORS = re.compile(r"[\s.\-]")
_EARLIEST_YEAR = 1900


def parse_date(value: Any) -> tuple[date | None, str | None]:
    """Read a date cell: an Excel date, or ``dd/mm/yyyy`` text (also ``d/m/yyyy``, ``.`` or ``-``).

    Parameters
    ----------
    value : Any
        The cell value (``datetime``, ``date``, ``str``; anything else is not a date).

    Returns
    -------
    tuple of (date or None, str or None)
        The date and ``None``, or ``None`` and the rule broken: ``"unparsable-date"`` or
        ``"impossible-date"`` (no such day, or a year before 1900).

    Examples
    --------
    >>> parse_date("5/3/2023")
    (datetime.date(2023, 3, 5), None)
    >>> parse_date("31/02/2023")
    (None, 'impossible-date')
    """
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, str):
        text = clean(value)
        if match := _DMY.fullmatch(text):
            day, month, year = int(match[1]), int(match[3]), int(match[4])
        elif match := _ISO_DATE.fullmatch(text):
            year, month, day = int(match[1]), int(match[2]), int(match[3])
        else:
            return None, "unparsable-date"
        try:
            parsed = date(year, month, day)
        except ValueError:
            return None, "impossible-date"
    else:
        return None, "unparsable-date"
    if parsed.year < _EARLIEST_YEAR:
        return None, "impossible-date"
    return parsed, None


def normalise_id_number(value: Any) -> str | None:
    """The 12-digit ID number (CCCD) of a cell, or ``None`` when it is not one.

    Spaces, dots and dashes typed as grouping are removed. A number cell of 11 digits gets its
    leading zero back: every CCCD starts with a province code ``0xx`` and Excel drops the zero when
    the cell is formatted as a number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
        digits = "0" + digits if len(digits) == 11 else digits
    elif isinstance(value, str):
        digits = _ID_SEPARATORS.sub("", clean(value))
    else:
        return None
    return digits if _TWELVE_DIGITS.fullmatch(digits) else None


def _whole_number(value: Any) -> int | None:
    """An integer cell (``3``, ``3.0`` or ``"3"``), or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = clean(value)
        if re.fullmatch(r"[+-]?\d+", text, re.ASCII):
            return int(text)
        if re.fullmatch(r"[+-]?\d+[.,]0+", text, re.ASCII):
            return int(text.replace(",", ".").split(".")[0])
    return None


def _age(birth: date, on: date) -> int:
    """Whole years from ``birth`` to ``on``."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not clean(value))


def _show(value: Any) -> str:
    """A non-personal cell value as shown in issues."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return clean(str(value))


# --------------------------------------------------------------------------------------------
# Sheets as tables
# --------------------------------------------------------------------------------------------


class Unreadable(Exception):
    """A file that cannot be read at all; the message says why, for the person who sent it.

    ``sheet`` names the sheet at fault, when one is (a missing header row, too many rows).
    """

    def __init__(self, message: str, *, sheet: str = "") -> None:
        super().__init__(message)
        self.sheet = sheet


@dataclass(frozen=True)
class CellMarks:
    """What a read-only, cached-values read of a sheet cannot tell: formulas and merged cells.

    Attributes
    ----------
    uncached_formulas : frozenset of (int, int)
        ``(Excel row, 0-based column)`` of formula cells whose result was never saved: openpyxl
        reads them as empty (the file came from a tool that writes formulas but does not compute).
    merged : tuple of (int, int, int, int, str)
        ``(min_row, min_col, max_row, max_col, "I2:I4")`` per merged range (columns 0-based). Only
        the first cell of a range holds a value; the others read as empty.
    """

    uncached_formulas: frozenset[tuple[int, int]] = frozenset()
    merged: tuple[tuple[int, int, int, int, str], ...] = ()

    def merged_range(self, row: int, column: int) -> str | None:
        """The merged range a cell lies in, other than as its first cell, or ``None``."""
        for min_row, min_col, max_row, max_col, ref in self.merged:
            if min_row <= row <= max_row and min_col <= column <= max_col and (row, column) != (min_row, min_col):
                return ref
        return None


def _header_key(value: Any) -> str:
    # Templates mark required headers with "*" and people add ":"; neither changes the meaning.
    return fold(str(value)).rstrip(" *:") if not _is_empty(value) else ""


@dataclass
class SheetTable:
    """A sheet once its header row is found: which column holds which field, and the data rows."""

    file: str
    sheet: str
    columns: dict[str, tuple[int, str]]  # field -> (index, header as typed, NFC)
    rows: list[tuple[int, tuple[Any, ...]]]  # (Excel row number, values); blank rows left out
    extras: list[str]
    marks: CellMarks = field(default_factory=CellMarks)

    def header(self, column: Column) -> str:
        """The header of ``column`` as typed in the file, or the canonical one if absent."""
        return self.columns[column.field][1] if column.field in self.columns else column.header


def locate_table(
    rows: Sequence[Sequence[Any]],
    columns: Sequence[Column],
    *,
    file: str,
    sheet: str,
    marks: CellMarks | None = None,
) -> SheetTable:
    """Find the header row (the first containing every required header) and the data rows below.

    Raises
    ------
    Unreadable
        When no row within the first 30 holds every required header.
    """
    known = {_header_key(c.header): c for c in columns}
    required = {_header_key(c.header) for c in columns if c.required}
    best_missing: list[str] = [c.header for c in columns if c.required]
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        keys = [_header_key(v) for v in row]
        missing = required - set(keys)
        if missing:
            if len(missing) < len(best_missing):
                best_missing = [c.header for c in columns if _header_key(c.header) in missing]
            continue
        mapping: dict[str, tuple[int, str]] = {}
        extras: list[str] = []
        for position, (key, value) in enumerate(zip(keys, row, strict=True)):
            if not key:
                continue
            column = known.get(key)
            if column is None or column.field in mapping:
                extras.append(clean(str(value)))
            else:
                mapping[column.field] = (position, clean(str(value)))
        counted = [i for f, (i, _) in mapping.items() if f not in _IGNORED_FOR_BLANK]
        counted += [i for i, k in enumerate(keys) if k and k not in known]
        data = [
            (number, tuple(values))
            for number, values in enumerate(rows[index + 1 :], start=index + 2)
            if any(not _is_empty(values[i]) for i in counted if i < len(values))
        ]
        return SheetTable(file, sheet, mapping, data, extras, marks or CellMarks())
    raise Unreadable(f"sheet {sheet!r} has no header row with {', '.join(best_missing)}", sheet=sheet)


def _filled(values: Sequence[Any]) -> bool:
    # Cheaper than _is_empty (no normalisation): a cell of spaces counts here, not as a data row.
    return any(v is not None and v != "" for v in values)


def _read_sheet_rows(workbook: Any, title: str) -> list[tuple[Any, ...]]:
    """Every row of a sheet (blank rows as ``()``), refusing a sheet of more than :data:`MAX_SHEET_ROWS`.

    Rows are counted as they stream in, so an absurd sheet is refused without being held in memory.
    """
    sheet = workbook[title]
    # Files from other tools often carry wrong <dimension> tags, which truncate read-only
    # iteration; resetting makes openpyxl read every cell that is there.
    sheet.reset_dimensions()
    rows: list[tuple[Any, ...]] = []
    filled = 0
    for values in sheet.iter_rows(values_only=True):
        if _filled(values):
            filled += 1
            if filled > MAX_SHEET_ROWS:
                raise Unreadable(_too_many_rows(title), sheet=title)
            rows.append(tuple(values))
        else:
            rows.append(())  # styled but empty rows (formatting down to row 1048576) cost nothing
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _too_many_rows(sheet: str) -> str:
    return (
        f"sheet {sheet!r} has more than {MAX_SHEET_ROWS:,} filled rows, the limit for one sheet (one "
        f"organisation's year is a few dozen): refused unread; check for pasted or generated data"
    )


def _sheet_has_content(workbook: Any, title: str) -> bool:
    """Whether a sheet holds any non-blank cell (stops at the first one)."""
    sheet = workbook[title]
    sheet.reset_dimensions()
    return any(not _is_empty(v) for values in sheet.iter_rows(values_only=True) for v in values)


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def _cell_marks(workbook: Any, title: str) -> CellMarks:
    """Formula cells without a saved result, and merged ranges, from the sheet's XML.

    The XML is only parsed (with defusedxml) when it contains a formula or a merge at all, so
    ordinary returns cost one substring search.
    """
    sheet = workbook[title]
    archive, member = getattr(workbook, "_archive", None), getattr(sheet, "_worksheet_path", None)
    if archive is None or member is None:
        return CellMarks()
    try:
        xml = archive.read(member)
    except KeyError:
        return CellMarks()
    if b"<f" not in xml and b"mergeCell" not in xml:
        return CellMarks()
    formulas: set[tuple[int, int]] = set()
    merged: list[tuple[int, int, int, int, str]] = []
    for _, element in DefusedET.iterparse(_bytes_io.BytesIO(xml), events=("end",)):
        tag = element.tag
        if tag == f"{_SHEET_NS}c":
            formula = element.find(f"{_SHEET_NS}f")
            cached = element.find(f"{_SHEET_NS}v")
            if formula is not None and (cached is None or not (cached.text or "")) and element.get("r"):
                column, row = coordinate_from_string(element.get("r"))
                formulas.add((row, column_index_from_string(column) - 1))
            element.clear()
        elif tag == f"{_SHEET_NS}row":
            element.clear()
        elif tag == f"{_SHEET_NS}mergeCell" and element.get("ref"):
            ref = element.get("ref", "")
            try:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
            except ValueError:
                continue
            if None not in (min_col, min_row, max_col, max_row):
                merged.append((min_row, min_col - 1, max_row, max_col - 1, ref))  # type: ignore[operator]
    return CellMarks(frozenset(formulas), tuple(merged))


def _find_sheet(titles: Iterable[str], wanted: str) -> str | None:
    key = fold(wanted)
    return next((t for t in titles if fold(t) == key), None)


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _describe_ole(data: bytes, suffix: str) -> str:
    """Why an OLE compound file (Office 97-2003 container) is not read: which kind of file it is.

    The stream names sit in the container's directory in UTF-16; encrypted .xlsx files are an OLE
    container holding ``EncryptionInfo`` and ``EncryptedPackage``.
    """
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return (
            "the workbook is password-protected (encrypted): open it in Excel, remove the password "
            "(File › Info › Protect Workbook › Encrypt with Password, empty) and send it again as .xlsx"
        )
    if _utf16("Workbook") in data or _utf16("Book") in data:
        renamed = f" renamed {suffix}" if suffix in _SPREADSHEET_SUFFIXES else ""
        return f"an old Excel 97-2003 (.xls) workbook{renamed}: open it in Excel and save as .xlsx (Excel Workbook)"
    if _utf16("WordDocument") in data:
        return "a Word document, not a workbook: send the return as .xlsx"
    return "an old Microsoft Office (97-2003) file, not an .xlsx workbook: save the return as .xlsx"


def _describe_not_zip(data: bytes) -> str:
    """Why content that is not a zip archive is not an .xlsx workbook, naming what it looks like."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return "a PDF document, not a workbook: send the return as .xlsx"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        return "an Excel 2003 XML spreadsheet: open it in Excel and save as .xlsx"
    if head.startswith(b"<") and (b"<html" in head or b"<table" in head or b"<!doctype html" in head):
        return (
            "an HTML page (an export from a web system) saved with a spreadsheet name: "
            "open it in Excel and save as .xlsx"
        )
    if data[:4096].count(b"\x00") == 0 and (b"," in head or b";" in head or b"\t" in head):
        return "a text (CSV) file saved with an .xlsx name: send it as .csv, or save it in Excel as .xlsx"
    return "not an .xlsx workbook (the content is not a zip archive)"


def check_zip_budget(data: bytes) -> zipfile.ZipFile:
    """Open an .xlsx as a zip after checking its directory against the safety limits; never inflates.

    Python's :mod:`zipfile` stops inflating a member at the size its directory declares (and then
    fails on the checksum), so the declared sizes checked here bound what any later read inflates.

    Raises
    ------
    Unreadable
        Too many members, a total declared uncompressed size over :data:`MAX_UNCOMPRESSED_BYTES`,
        or a member compressed more than :data:`MAX_COMPRESSION_RATIO` times (a zip bomb), or no
        readable zip directory at all.
    """
    try:
        archive = zipfile.ZipFile(_bytes_io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise Unreadable(f"the workbook is corrupt and cannot be read ({type(exc).__name__})") from exc
    members = archive.infolist()
    if len(members) > MAX_ZIP_MEMBERS:
        raise Unreadable(
            f"the workbook holds {len(members):,} parts, over the limit of {MAX_ZIP_MEMBERS:,} "
            f"(a real one has a few dozen): refused unread"
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise Unreadable(
            f"the workbook would inflate to {total / 2**20:,.0f} MB, over the limit of "
            f"{MAX_UNCOMPRESSED_BYTES // 2**20} MB (possible zip bomb): refused unread"
        )
    for member in members:
        if member.file_size >= RATIO_CHECKED_FROM and member.file_size > MAX_COMPRESSION_RATIO * max(
            member.compress_size, 1
        ):
            ratio = member.file_size / max(member.compress_size, 1)
            raise Unreadable(
                f"a part of the workbook ({member.filename}) is compressed {ratio:,.0f} times, over the "
                f"limit of {MAX_COMPRESSION_RATIO} (possible zip bomb): refused unread"
            )
    return archive


def _describe_zip(archive: zipfile.ZipFile) -> str | None:
    """Why a zip archive is not an Excel workbook (a .docx, .ods, .xlsb…), or ``None`` when it is one."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names or any(n.lower() == "xl/workbook.xml" for n in names):
        return None
    if "xl/workbook.bin" in names:
        return "an Excel binary workbook (.xlsb): open it in Excel and save as .xlsx"
    if "word/document.xml" in names:
        return "a Word document (.docx), not a workbook: send the return as .xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file (.ods, LibreOffice): save it as .xlsx (Excel 2007-365)"
    return "a zip archive that is not an Excel workbook: send the return as .xlsx"


def _open_workbook(data: bytes, suffix: str) -> Any:
    """Open workbook bytes read-only (cached values, not formulas), or raise :class:`Unreadable`.

    Order: what the content is (empty, an OLE container, not a zip), the extension, the zip's safety
    limits (:func:`check_zip_budget`), that the zip is a workbook, and only then openpyxl.
    """
    if not data:
        raise Unreadable("the file is empty")
    if data.startswith(_OLE_MAGIC):
        raise Unreadable(_describe_ole(data, suffix))
    if suffix not in _SPREADSHEET_SUFFIXES:
        raise Unreadable(f"not a spreadsheet ({suffix or 'no extension'}): send the return as .xlsx")
    if not data.startswith(b"PK"):
        raise Unreadable(_describe_not_zip(data))
    with check_zip_budget(data) as archive:
        if (why := _describe_zip(archive)) is not None:
            raise Unreadable(why)
    try:
        # openpyxl parses with defusedxml when it is installed (a dependency), so hostile XML is
        # refused rather than expanded.
        return openpyxl.load_workbook(_bytes_io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any failure of one untrusted file must not stop the others
        raise Unreadable(_describe_failure(exc)) from exc


def _describe_failure(exc: BaseException) -> str:
    """Why a workbook could not be read, naming the exception class (never its text: it may quote cells)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(e, DefusedXmlException) for e in chain):
        return "the workbook contains XML entity declarations, refused for safety (possible XML bomb)"
    return f"the workbook is corrupt and cannot be read ({type(chain[-1]).__name__})"


# --------------------------------------------------------------------------------------------
# Row checks
# --------------------------------------------------------------------------------------------


@dataclass
class RowCheck:
    """Checks one row's cells, collecting every violation rather than stopping at the first."""

    table: SheetTable
    row: int
    values: tuple[Any, ...]
    issues: list[Issue] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.issues)

    def raw(self, column: Column) -> Any:
        """The cell of ``column`` (``None`` when the column is absent, the cell empty or blank text)."""
        if column.field not in self.table.columns:
            return None
        index = self.table.columns[column.field][0]
        value = self.values[index] if index < len(self.values) else None
        return None if _is_empty(value) else value

    def fail(self, column: Column, rule: str, message: str, value: Any = None) -> None:
        """Record a violation; the value is dropped for personal fields whatever the caller passed."""
        shown = None if value is None or column.field in PERSONAL_FIELDS else _show(value)
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
        return None if value is None else clean(_show(value))

    def category(self, column: Column, category: Category) -> Any | None:
        """The stored value of an allowed label."""
        value = self.present(column)
        if value is None:
            return None
        found = category.get(_show(value))
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
            self.fail(column, "impossible-date", f"no such date (or a year before {_EARLIEST_YEAR})", value)
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
        normalised = normalise_id_number(value)
        if normalised is None:
            self.fail(column, "bad-id-number", "the ID number (CCCD) must be 12 digits")
        return normalised

    def number(self, column: Column) -> int | None:
        """A whole number ≥ 0."""
        value = self.present(column)
        if value is None:
            return None
        number = _whole_number(value)
        if number is None or number < 0:
            self.fail(column, "bad-number", "must be a whole number ≥ 0", value)
            return None
        return number


@dataclass
class SheetCount:
    """Reconciliation of one sheet: every row read is either loaded or quarantined."""

    file: str
    sheet: str
    rows_read: int = 0
    loaded: int = 0
    quarantined: int = 0


@dataclass
class _Accepted:
    """A row that passed its own checks, waiting for the checks across files (duplicates)."""

    table: str
    record: dict[str, Any]
    count: SheetCount
    row: int
    id_header: str | None = None


# --------------------------------------------------------------------------------------------
# Reference data
# --------------------------------------------------------------------------------------------


class OrganisationIndex:
    """Looks organisations up by code or by name, both by their :func:`ketnap.text.fold` key."""

    def __init__(self, organisations: Iterable[Mapping[str, Any]]) -> None:
        self.codes: set[str] = set()
        self._by_key: dict[str, str] = {}
        for org in organisations:
            self.codes.add(org["org_code"])
            self._by_key.setdefault(fold(org["org_code"]), org["org_code"])
            self._by_key.setdefault(fold(org["name"]), org["org_code"])

    def find(self, text: str) -> str | None:
        """The code of the organisation ``text`` names (code or name), or ``None``."""
        return self._by_key.get(fold(text))


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a CSV file: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode Text"), else Windows-1258.

    Returns
    -------
    tuple of (str, str)
        The text and the encoding used: ``"utf-8"``, ``"utf-16"`` or ``"cp1258"`` (Excel's plain
        "CSV" on Vietnamese Windows, which callers report as ``legacy-encoding``).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass  # an odd byte count or a lone surrogate: not really UTF-16
    head = data[:512]
    if len(head) >= 4 and head.count(b"\x00") * 3 >= len(head):  # UTF-16 without its BOM
        odd_zeros = head[1::2].count(0) >= head[0::2].count(0)
        try:
            return data.decode("utf-16-le" if odd_zeros else "utf-16-be"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "cp1258"


def _csv_records(text: str, delimiter: str = ",") -> list[tuple[Any, ...]]:
    # NUL characters make the csv module raise; they are noise in a typed file.
    return [tuple(r) for r in csv.reader(_bytes_io.StringIO(text.replace("\x00", ""), newline=""), delimiter=delimiter)]


def _legacy_encoding(file: str, sheet: str) -> Issue:
    return Issue(file, sheet, None, None, "legacy-encoding", RULES["legacy-encoding"], level="warning")


def _read_csv_rows(data: bytes, file: str, issues: list[Issue]) -> list[tuple[Any, ...]]:
    text, encoding = decode_text(data)
    if encoding == "cp1258":
        issues.append(_legacy_encoding(file, Path(file).name))
    return _csv_records(text)


def _read_csv_return(
    data: bytes, file: str, folder_year: int | None, organisations: OrganisationIndex, today: date
) -> _ReturnRead:
    """A CSV return: the ``Kết nạp`` table alone; the organisation is the file name, the year its folder.

    The delimiter is whichever of ``,``, ``;`` and tab gives a header row (Excel writes ``;`` in
    some locales and tabs in "Unicode Text"). Issues and counts name the sheet ``Kết nạp``.
    """
    sheet = ADMISSIONS_SHEET
    text, encoding = decode_text(data)
    issues = [_legacy_encoding(file, sheet)] if encoding == "cp1258" else []
    table: SheetTable | None = None
    first_failure: Unreadable | None = None
    for delimiter in (",", ";", "\t"):
        rows = _csv_records(text, delimiter)
        if sum(1 for r in rows if _filled(r)) > MAX_SHEET_ROWS:
            raise Unreadable(_too_many_rows(sheet), sheet=sheet)
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
    stem = clean(Path(file).stem)
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
                "not a known organisation code or name; the whole return is rejected",
                stem,
            )
        )
    return _check_return_rows([("admissions", table)], file, org_code, folder_year, today, issues)


def _read_sectors(rows: list[tuple[Any, ...]], file: str) -> tuple[list[dict[str, Any]], list[Issue], SheetCount]:
    table = locate_table(rows, SECTOR_COLUMNS, file=file, sheet=Path(file).name)
    count = SheetCount(file, table.sheet, rows_read=len(table.rows))
    issues = _extra_column_warnings(table)
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


def _read_organisations(
    rows: list[tuple[Any, ...]], file: str, sheet: str, sectors: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[Issue], SheetCount]:
    table = locate_table(rows, ORGANISATION_COLUMNS, file=file, sheet=sheet)
    count = SheetCount(file, sheet, rows_read=len(table.rows))
    issues = _extra_column_warnings(table)
    sector_names = {s["sector"]: s["sector"] for s in sectors} | {s["name_vi"]: s["sector"] for s in sectors}
    sector_category = Category(sector_names)
    c = {col.field: col for col in ORGANISATION_COLUMNS}
    checked: list[tuple[RowCheck, dict[str, Any], Any]] = []
    seen: set[str] = set()
    for number, values in table.rows:
        check = RowCheck(table, number, values)
        record = {
            "org_code": check.text(c["org_code"]),
            "name": check.text(c["name"]),
            "sector": check.category(c["sector"], sector_category),
            "kind": check.category(c["kind"], KINDS),
            "parent_code": None,
            "active_from": check.date(c["active_from"], today=date.max),
            "active_to": check.date(c["active_to"], today=date.max),
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
            record["parent_code"] = index.find(_show(parent))
            if record["parent_code"] is None:
                check.fail(c["parent_code"], "unknown-organisation", "not a known organisation code or name", parent)
        if check.failed:
            issues += check.issues
            count.quarantined += 1
        else:
            records.append(record)
            count.loaded += 1
    return records, issues, count


def _read_targets(
    rows: list[tuple[Any, ...]], file: str, sheet: str, organisations: OrganisationIndex
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Issue], SheetCount]:
    table = locate_table(rows, TARGET_COLUMNS, file=file, sheet=sheet)
    count = SheetCount(file, sheet, rows_read=len(table.rows))
    issues = _extra_column_warnings(table)
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
                check.fail(c["org_code"], "unknown-organisation", "not a known organisation code or name", org_text)
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


def _extra_column_warnings(table: SheetTable) -> list[Issue]:
    return [
        Issue(
            table.file,
            table.sheet,
            None,
            extra,
            "extra-column",
            "column not in the data dictionary; ignored",
            level="warning",
        )
        for extra in table.extras
    ]


# --------------------------------------------------------------------------------------------
# Returns
# --------------------------------------------------------------------------------------------


@dataclass
class _ReturnRead:
    """One return, read: rows that passed their own checks, issues, and per-sheet counts."""

    accepted: list[_Accepted]
    issues: list[Issue]
    counts: list[SheetCount]


_DATA_SHEETS: tuple[tuple[str, str, tuple[Column, ...], bool], ...] = (
    # (sheet, table, columns, required)
    (ADMISSIONS_SHEET, "admissions", ADMISSION_COLUMNS, True),
    (TRAINING_SHEET, "training", TRAINING_COLUMNS, False),
    (CONVERSIONS_SHEET, "conversions", CONVERSION_COLUMNS, False),
)


def _read_info(
    rows: list[tuple[Any, ...]],
    file: str,
    sheet: str,
    organisations: OrganisationIndex,
    folder_year: int | None,
) -> tuple[str | None, int | None, list[Issue]]:
    """The organisation and year of a return, from the label/value pairs of its Thông tin sheet."""
    found: dict[str, tuple[int, str, Any]] = {}
    for number, values in enumerate(rows, start=1):
        label = values[0] if values else None
        key = _header_key(label)
        for wanted in (ORG_LABEL, YEAR_LABEL):
            if key == _header_key(wanted) and wanted not in found:
                found[wanted] = (
                    number,
                    clean(str(label)).rstrip(" *:"),
                    values[1] if len(values) > 1 else None,
                )
    issues: list[Issue] = []

    def problem(wanted: str, rule: str, message: str, value: Any = None) -> None:
        number, label, _ = found.get(wanted, (None, wanted, None))
        issues.append(Issue(file, sheet, number, label, rule, message, None if value is None else _show(value)))

    org_code = year = None
    for wanted in (ORG_LABEL, YEAR_LABEL):
        if wanted not in found or _is_empty(found[wanted][2]):
            problem(
                wanted,
                "missing-field",
                f"{wanted} is required (column B, next to the label); the whole return is rejected",
            )
    if ORG_LABEL in found and not _is_empty(value := found[ORG_LABEL][2]):
        org_code = organisations.find(_show(value))
        if org_code is None:
            problem(
                ORG_LABEL,
                "unknown-organisation",
                "not a known organisation code or name; the whole return is rejected",
                value,
            )
    if YEAR_LABEL in found and not _is_empty(value := found[YEAR_LABEL][2]):
        year = _whole_number(value)
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
    return org_code, year, issues


def _read_return(
    workbook: Any,
    file: str,
    folder_year: int | None,
    organisations: OrganisationIndex,
    today: date,
) -> _ReturnRead:
    titles = list(workbook.sheetnames)
    issues: list[Issue] = []
    info_title = _find_sheet(titles, INFO_SHEET)
    if info_title is None:
        raise Unreadable(f"no sheet {INFO_SHEET!r} (sheets: {', '.join(titles)})")
    # Locate every data sheet first: a return whose structure is broken is rejected as a whole.
    tables: list[tuple[str, SheetTable]] = []
    for sheet, table_name, columns, required in _DATA_SHEETS:
        title = _find_sheet(titles, sheet)
        if title is None:
            if required:
                raise Unreadable(f"no sheet {sheet!r} (sheets: {', '.join(titles)})")
            issues.append(
                Issue(file, sheet, None, None, "missing-sheet", "sheet absent; read as empty", level="warning")
            )
            continue
        rows = _read_sheet_rows(workbook, title)
        if not any(not _is_empty(v) for r in rows for v in r):
            # A cleared optional sheet holds nothing to lose; a required one must keep its header.
            if required:
                raise Unreadable(f"sheet {title!r} is empty (no header row)", sheet=title)
            tables.append((table_name, SheetTable(file, title, {}, [], [])))
            continue
        marks = _cell_marks(workbook, title)
        tables.append((table_name, locate_table(rows, columns, file=file, sheet=title, marks=marks)))
    for title in [info_title, *(t.sheet for _, t in tables)]:
        # Hiding is a display choice: the rows are the organisation's, so they are read, and said so.
        if getattr(workbook[title], "sheet_state", "visible") != "visible":
            issues.append(
                Issue(
                    file,
                    title,
                    None,
                    None,
                    "hidden-sheet",
                    "the sheet is hidden in Excel, and read anyway: check its rows are meant to be sent "
                    "(Home › Format › Hide & Unhide › Unhide Sheet)",
                    level="warning",
                )
            )
    known = {fold(s) for s in (INFO_SHEET, INSTRUCTIONS_SHEET, *(d[0] for d in _DATA_SHEETS))}
    for title in titles:
        if fold(title) not in known and _sheet_has_content(workbook, title):
            issues.append(
                Issue(
                    file,
                    title,
                    None,
                    None,
                    "extra-sheet",
                    "sheet not in the data dictionary; ignored",
                    level="warning",
                )
            )

    info_rows = _read_sheet_rows(workbook, info_title)
    org_code, year, info_issues = _read_info(info_rows, file, info_title, organisations, folder_year)
    issues += info_issues
    return _check_return_rows(tables, file, org_code, year, today, issues)


def _check_return_rows(
    tables: list[tuple[str, SheetTable]],
    file: str,
    org_code: str | None,
    year: int | None,
    today: date,
    issues: list[Issue],
) -> _ReturnRead:
    """Check every row of a return's located sheets (workbook or CSV) once its organisation and year are known."""
    counts = [SheetCount(file, t.sheet, rows_read=len(t.rows)) for _, t in tables]
    if org_code is None or year is None:
        # Without the organisation or the year no row can be placed: every row is quarantined by the
        # issue saying why (one line, not one per row).
        for count in counts:
            count.quarantined = count.rows_read
        return _ReturnRead([], issues, counts)

    accepted: list[_Accepted] = []
    for (table_name, table), count in zip(tables, counts, strict=True):
        issues += _extra_column_warnings(table)
        read_row = _ROW_READERS[table_name]
        for number, values in table.rows:
            check = RowCheck(table, number, values)
            record = read_row(check, year, today)
            if check.failed or record is None:
                issues += check.issues
                count.quarantined += 1
                continue
            record |= {"org_code": org_code, "source_file": file}
            id_header = table.header(_ID)
            accepted.append(_Accepted(table_name, record, count, number, id_header))
    return _ReturnRead(accepted, issues, counts)


def _admission_row(check: RowCheck, year: int, today: date) -> dict[str, Any] | None:
    c = {col.field: col for col in ADMISSION_COLUMNS}
    check.present(c["full_name"])  # personal: only checked to be there
    birth = check.date(c["birth_date"], today=today)
    id_number = check.id_number(c["id_number"])
    record = {
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
        age = _age(birth, record["admission_date"])
        if age < 18:
            check.fail(c["birth_date"], "under-18", f"{age} years old at admission; the minimum is 18")
        record |= {"birth_year": birth.year, "age_at_admission": age}
    if check.failed:
        return None
    assert id_number is not None and birth is not None  # every required field passed
    return record | {
        "_id": id_number,
        "ethnic_minority": fold(record["ethnic_group"]) != fold("Kinh"),
        "religious": record["religion"] != "Không",
    }


def _ethnic_group(text: str | None) -> str | None:
    """One spelling per group ("mường" and "Mường" count together): modern tone placement, capital first."""
    if text is None:
        return None
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


_ROW_READERS: dict[str, Callable[[RowCheck, int, date], dict[str, Any] | None]] = {
    "admissions": _admission_row,
    "training": _training_row,
    "conversions": _conversion_row,
}


# --------------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------------


@dataclass
class _Input:
    file: str
    path: Path
    data: bytes  # empty when the file is over MAX_FILE_BYTES
    size: int = -1
    digest: str | None = None

    def __post_init__(self) -> None:
        if self.size < 0:
            self.size = len(self.data)

    @property
    def sha256(self) -> str:
        return self.digest or hashlib.sha256(self.data).hexdigest()


def _load_input(root: Path, path: Path) -> _Input:
    size = path.stat().st_size
    if size <= MAX_FILE_BYTES:
        return _Input(path.relative_to(root).as_posix(), path, path.read_bytes())
    # Too large to read: hashed for the manifest as it streams, never held in memory.
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(2**20), b""):
            digest.update(chunk)
    return _Input(path.relative_to(root).as_posix(), path, b"", size, digest.hexdigest())


def _read_return_file(item: _Input, index: OrganisationIndex, today: date) -> _ReturnRead:
    """Read one return file (workbook or CSV), or raise (:class:`Unreadable` or anything unexpected)."""
    if item.size > MAX_FILE_BYTES:
        raise Unreadable(
            f"the file is {item.size / 2**20:,.0f} MB, over the limit of {MAX_FILE_BYTES // 2**20} MB "
            f"(a return is a few hundred kB): refused unread"
        )
    suffix = item.path.suffix.lower()
    folder_year = _folder_year(item.file)
    if suffix == _CSV_SUFFIX:
        if item.data.startswith((_OLE_MAGIC, b"PK")):
            raise Unreadable("a workbook saved with a .csv name: rename it .xlsx")
        return _read_csv_return(item.data, item.file, folder_year, index, today)
    workbook = _open_workbook(item.data, suffix)
    try:
        return _read_return(workbook, item.file, folder_year, index, today)
    finally:
        workbook.close()


def _return_files(root: Path) -> list[Path]:
    folder = root / "returns"
    if not folder.is_dir():
        return []
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file()
        # Hidden files, Excel's lock files (~$name.xlsx) and notes are not returns.
        and not p.name.startswith((".", "~$"))
        and not p.name.lower().startswith("readme")
    ]
    return sorted(files, key=lambda p: p.relative_to(root).as_posix())


def _folder_year(file: str) -> int | None:
    parts = file.split("/")
    return int(parts[1]) if len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[1], re.ASCII) else None


def _frame(name: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    dtypes = DTYPES[name]
    frame = pd.DataFrame.from_records(records, columns=list(dtypes))
    for column, dtype in dtypes.items():
        if dtype.startswith("datetime64"):
            frame[column] = pd.to_datetime(frame[column].astype("object")).astype(dtype)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame.sort_values(_SORT_KEYS[name], na_position="first", kind="stable", ignore_index=True)


def _issue_sort_key(issue: Issue) -> tuple[Any, ...]:
    return (issue.file, issue.sheet, issue.row or 0, issue.column or "", issue.rule, issue.message)


def _write_csv_atomic(rows: Iterable[Sequence[Any]], header: Sequence[str], target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    # UTF-8 with BOM: the Organisation Board opens these in Excel, which needs it for Vietnamese.
    with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    os.replace(tmp, target)
    return target


def _display_path(path: Path) -> str:
    try:
        return path.resolve().relative_to(paths().home).as_posix()
    except ValueError:
        return str(path.resolve())


def ingest(
    root: Path | None = None,
    out: Path | None = None,
    interim: Path | None = None,
    *,
    today: date | None = None,
    key: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> IngestResult:
    """Read every return and reference file under ``root`` and write the processed tables.

    Parameters
    ----------
    root : Path, optional
        The data root (default :meth:`ketnap.config.Paths.data_root`: ``data/raw`` or ``data/sample``).
    out : Path, optional
        Where the Parquet tables and ``manifest.json`` go (default ``data/processed``).
    interim : Path, optional
        Where ``quarantine.csv``, ``warnings.csv`` and ``reconciliation.csv`` go (default ``data/interim``).
    today : date, optional
        The day dates are checked against (``future-date``); default ``date.today()``.
    key : str, optional
        The person key; default from :func:`resolve_person_key`.
    progress : callable, optional
        Called with a short line every 50 returns (the command line prints it).

    Returns
    -------
    IngestResult
        The tables, the issues, the reconciliation and the manifest.

    Raises
    ------
    PersonKeyError
        No key is configured for a root other than the sample.
    ReferenceDataError
        ``reference/sectors.csv``, ``organisations.xlsx`` or ``targets.xlsx`` is missing, unreadable
        or has no usable row. Nothing is written then.
    """
    started = datetime.now(UTC)
    root = (root or paths().data_root()).resolve()
    out = out or paths().processed
    interim = interim or paths().interim
    today = today or date.today()
    secret, key_source = resolve_person_key(root, key)

    issues: list[Issue] = []
    counts: list[SheetCount] = []
    inputs: list[_Input] = []

    # Reference data: without it no return can be checked, so any failure stops the run.
    def reference(name: str) -> _Input:
        path = root / "reference" / name
        if not path.is_file():
            raise ReferenceDataError(f"{path} not found (see docs/data-dictionary.md)")
        item = _load_input(root, path)
        inputs.append(item)
        if item.size > MAX_FILE_BYTES:
            raise unusable(item, f"over the limit of {MAX_FILE_BYTES // 2**20} MB")
        return item

    def unusable(item: _Input, why: str) -> ReferenceDataError:
        return ReferenceDataError(f"{item.file}: {why}")

    sectors_in = reference("sectors.csv")
    try:
        sectors, found, count = _read_sectors(_read_csv_rows(sectors_in.data, sectors_in.file, issues), sectors_in.file)
    except Unreadable as exc:
        raise unusable(sectors_in, str(exc)) from None
    issues += found
    counts.append(count)
    if not sectors:
        raise unusable(sectors_in, "no usable sector")

    def reference_sheet(item: _Input, sheet: str) -> tuple[str, list[tuple[Any, ...]]]:
        try:
            workbook = _open_workbook(item.data, item.path.suffix.lower())
            try:
                title = _find_sheet(workbook.sheetnames, sheet)
                if title is None:
                    raise Unreadable(f"no sheet {sheet!r}")
                return title, _read_sheet_rows(workbook, title)
            finally:
                workbook.close()
        except Unreadable as exc:
            raise unusable(item, str(exc)) from None
        except Exception as exc:  # a corrupt sheet inside a valid zip
            raise unusable(item, _describe_failure(exc)) from None

    organisations_in = reference("organisations.xlsx")
    title, rows = reference_sheet(organisations_in, ORGANISATIONS_SHEET)
    try:
        organisations, found, count = _read_organisations(rows, organisations_in.file, title, sectors)
    except Unreadable as exc:
        raise unusable(organisations_in, str(exc)) from None
    issues += found
    counts.append(count)
    if not organisations:
        raise unusable(organisations_in, "no usable organisation")
    index = OrganisationIndex(organisations)

    targets_in = reference("targets.xlsx")
    title, rows = reference_sheet(targets_in, TARGETS_SHEET)
    try:
        targets, monthly_plans, found, count = _read_targets(rows, targets_in.file, title, index)
    except Unreadable as exc:
        raise unusable(targets_in, str(exc)) from None
    issues += found
    counts.append(count)

    # Returns, in path order, so "the first occurrence" of a person is well defined.
    records: dict[str, list[dict[str, Any]]] = {"admissions": [], "training": [], "conversions": []}
    first_seen: dict[tuple[str, str], tuple[str, int]] = {}
    files = _return_files(root)
    for position, path in enumerate(files, start=1):
        item = _load_input(root, path)
        inputs.append(item)
        try:
            read = _read_return_file(item, index, today)
        except Exception as exc:  # one bad file must not stop the others
            message = str(exc) if isinstance(exc, Unreadable) else _describe_failure(exc)
            sheet = exc.sheet if isinstance(exc, Unreadable) else ""
            issues.append(Issue(item.file, sheet, None, None, "unreadable-file", message))
            counts.append(SheetCount(item.file, ""))
            read = None
        if read is not None:
            issues += read.issues
            counts += read.counts
            for row in read.accepted:
                keyed = person_key(row.record.pop("_id"), secret)
                if row.table in ("admissions", "conversions"):
                    earlier = first_seen.get((row.table, keyed))
                    if earlier is not None:
                        what = "admitted" if row.table == "admissions" else "converted"
                        issues.append(
                            Issue(
                                item.file,
                                row.count.sheet,
                                row.row,
                                row.id_header,
                                "duplicate-person",
                                f"already {what} in {earlier[0]} row {earlier[1]}; the first is kept",
                            )
                        )
                        row.count.quarantined += 1
                        continue
                    first_seen[(row.table, keyed)] = (item.file, row.row)
                records[row.table].append(row.record | {"person_key": keyed})
                row.count.loaded += 1
        if progress is not None and position % _PROGRESS_EVERY == 0:
            progress(f"… {position}/{len(files)} returns read")

    for count in counts:
        # The promise of the reconciliation: no row is dropped silently.
        assert count.rows_read == count.loaded + count.quarantined, count

    tables = person_codes(
        {
            "sectors": _frame("sectors", sectors),
            "organisations": _frame("organisations", organisations),
            "targets": _frame("targets", targets),
            "monthly_plans": _frame("monthly_plans", monthly_plans),
            **{name: _frame(name, rows) for name, rows in records.items()},
        }
    )
    issues.sort(key=_issue_sort_key)
    reconciliation = pd.DataFrame(
        [(c.file, c.sheet, c.rows_read, c.loaded, c.quarantined) for c in counts],
        columns=["file", "sheet", "rows_read", "loaded", "quarantined"],
    )

    return_dates = [
        tables["admissions"]["admission_date"],
        tables["training"]["completion_date"],
        tables["conversions"]["conversion_date"],
        tables["conversions"]["admission_date"],
    ]
    latest = max((s.max() for s in return_dates if s.notna().any()), default=None)
    manifest: dict[str, Any] = {
        "data_root": _display_path(root),
        "as_of": latest.date().isoformat() if latest is not None else None,
        "inputs": [{"file": i.file, "sha256": i.sha256, "bytes": i.size} for i in inputs],
        "row_counts": {name: len(frame) for name, frame in tables.items()},
        "rows_quarantined": int(reconciliation["quarantined"].sum()),
        "errors": sum(i.level == "error" for i in issues),
        "warnings": sum(i.level == "warning" for i in issues),
        "unreadable_files": sorted({i.file for i in issues if i.rule == "unreadable-file"}),
        "person_key_source": key_source,
        "today": today.isoformat(),
        "ketnap_version": __version__,
        "ingested_at": started.isoformat(timespec="seconds"),
    }

    for name, frame in tables.items():
        write_table(frame, name, out)
    issue_header = ["file", "sheet", "row", "column", "rule", "message", "value"]

    def issue_rows(level: Level) -> list[tuple[Any, ...]]:
        return [
            (
                i.file,
                i.sheet,
                "" if i.row is None else i.row,
                i.column or "",
                i.rule,
                i.message,
                i.value or "",
            )
            for i in issues
            if i.level == level
        ]

    _write_csv_atomic(issue_rows("error"), issue_header, interim / "quarantine.csv")
    _write_csv_atomic(issue_rows("warning"), issue_header, interim / "warnings.csv")
    _write_csv_atomic(
        reconciliation.itertuples(index=False), list(reconciliation.columns), interim / "reconciliation.csv"
    )
    # The manifest goes last: its presence says the tables beside it are complete.
    write_json_atomic(manifest, out / "manifest.json")
    return IngestResult(tables, issues, reconciliation, manifest)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def format_report(result: IngestResult) -> str:
    """The run as text: one reconciliation line per file, totals, then every error and warning.

    Parameters
    ----------
    result : IngestResult
        A finished run.

    Returns
    -------
    str
        Lines for a terminal or a log.
    """
    recon = result.reconciliation
    unreadable = {i.file for i in result.errors if i.rule == "unreadable-file"}
    per_file = recon.groupby("file", sort=False)[["rows_read", "loaded", "quarantined"]].sum()
    width = max([len("file"), *(len(f) for f in per_file.index)])
    lines = [f"{'file':<{width}}  {'read':>6}  {'loaded':>6}  {'quarantined':>11}"]
    for file, row in per_file.iterrows():
        if file in unreadable:
            lines.append(f"{file:<{width}}  {'–':>6}  {'–':>6}  {'–':>11}  unreadable")
            continue
        flag = "  ✗" if row["quarantined"] else ""
        lines.append(f"{file:<{width}}  {row['rows_read']:>6}  {row['loaded']:>6}  {row['quarantined']:>11}{flag}")
    total = per_file.sum()
    lines.append(f"{'total':<{width}}  {total['rows_read']:>6}  {total['loaded']:>6}  {total['quarantined']:>11}")
    lines.append(
        f"{len(per_file)} files, {len(unreadable)} unreadable; tables: "
        + ", ".join(f"{k} {v}" for k, v in result.manifest["row_counts"].items())
    )
    if result.errors:
        lines += ["", f"Errors ({len(result.errors)}), see quarantine.csv:"]
        lines += [f"  {issue}" for issue in result.errors]
    if result.warnings:
        lines += ["", f"Warnings ({len(result.warnings)}), nothing rejected:"]
        lines += [f"  {issue}" for issue in result.warnings]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ketnap.ingest``: ingest the data root and print the reconciliation.

    Exit status 0 when the files were read (quarantined rows are not a failure), 2 when the
    reference data is unusable or no person key is configured.
    """
    parser = argparse.ArgumentParser(prog="python -m ketnap.ingest", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--root", type=Path, help="data root (default: data/raw if it has reference data, else data/sample)"
    )
    parser.add_argument("--out", type=Path, help="processed folder (default: data/processed)")
    parser.add_argument("--interim", type=Path, help="interim folder (default: data/interim)")
    parser.add_argument("--today", type=date.fromisoformat, help="check dates against this day (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    root = args.root or paths().data_root()
    print(f"ketnap ingest: {_display_path(root)}", flush=True)
    from ketnap.lock import LockTimeout, exclusive

    try:
        # The same lock as the report build: an unattended run never ingests under a running build.
        with exclusive(paths().home / ".make" / "build.lock", what="build or ingestion"):
            result = ingest(
                root,
                args.out,
                args.interim,
                today=args.today,
                progress=lambda line: print(line, file=sys.stderr, flush=True),
            )
    except (ReferenceDataError, PersonKeyError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except LockTimeout as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print(format_report(result))
    written = [_display_path(args.out or paths().processed), _display_path(args.interim or paths().interim)]
    manifest = result.manifest
    print(f"\nas of {manifest['as_of']}; person key: {manifest['person_key_source']}")
    print(f"wrote {' and '.join(written)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
