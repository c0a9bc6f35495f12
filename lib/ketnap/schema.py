"""The data contract, written once: what returns look like and what the processed tables hold.

What lives here, and nowhere else:

* the **return format**: sheet names, the ``Thông tin`` labels, every sheet's columns (Vietnamese
  header, the field it feeds, whether required, whether a date) and the allowed categories with
  the values they are stored as;
* the **reference workbooks**' sheets and columns (sectors, organisations, targets, and the optional
  working groups);
* which fields are **personal data** (checked at ingestion, then dropped);
* the **processed tables**: columns in order, dtypes and sort keys; the interim files' columns;
* the **quarantine rule ids** and what each means.

Ingestion (:mod:`ketnap.ingest`) reads by it, the workbook writer (:mod:`ketnap.workbook`) and the
synthetic data (:mod:`ketnap.synth`) write by it, :mod:`ketnap.io` and :mod:`ketnap.quality` check
by it, and ``docs/data-dictionary.md`` documents it (``tests/test_schema.py`` fails when the two
disagree). Nothing here reads a file or a setting; it is plain data plus :class:`Category`.

>>> [c.header for c in ADMISSION_COLUMNS if c.personal]
['Họ và tên', 'Ngày sinh', 'Số CCCD']
>>> SEXES.get("nữ"), OCCUPATIONS.get("Học sinh, sinh viên")
('F', 'student')
>>> TABLES["targets"]
['year', 'org_code', 'admissions_target', 'training_plan']
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from ketnap.text import bare, fold

__all__ = [
    "ADMISSIONS_SHEET",
    "ADMISSION_COLUMNS",
    "CITY_CODE",
    "CONVERSIONS_SHEET",
    "CONVERSION_COLUMNS",
    "DTYPES",
    "EDUCATION",
    "GROUPS_FILE",
    "GROUP_COLUMNS",
    "HISTORY_COLUMNS",
    "HISTORY_EVENTS",
    "HISTORY_SHEET",
    "INFO_SHEET",
    "INSTRUCTIONS_SHEET",
    "ISSUE_COLUMNS",
    "KINDS",
    "MAJORITY_ETHNIC_GROUP",
    "NO_RELIGION",
    "OCCUPATIONS",
    "ORGANISATIONS_SHEET",
    "ORGANISATION_COLUMNS",
    "ORG_LABEL",
    "PERSONAL_FIELDS",
    "PERSON_CODE",
    "PERSON_TABLES",
    "PREPARER_LABEL",
    "RECONCILIATION_COLUMNS",
    "REGISTER_NAME",
    "RELIGIONS",
    "RETURN_SHEETS",
    "RETURN_STATUSES",
    "RULES",
    "SECTOR_COLUMNS",
    "SENT_LABEL",
    "SEXES",
    "SORT_KEYS",
    "STORED_TAG",
    "TABLES",
    "TARGETS_SHEET",
    "TARGET_COLUMNS",
    "TRAINING_COLUMNS",
    "TRAINING_SHEET",
    "WARNING_RULES",
    "YEAR_LABEL",
    "YOUTH_UNION",
    "Category",
    "Column",
    "Level",
    "ReturnSheet",
    "column",
]

# --------------------------------------------------------------------------------------------
# Columns and categories
# --------------------------------------------------------------------------------------------

#: Fields that are personal data: checked at ingestion, then dropped; never in an issue's value.
PERSONAL_FIELDS: Final = frozenset({"full_name", "birth_date", "id_number"})


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its Vietnamese header, the field it feeds, whether required, whether a date."""

    header: str
    field: str
    required: bool = False
    date: bool = False

    @property
    def personal(self) -> bool:
        """Whether the field is personal data (:data:`PERSONAL_FIELDS`)."""
        return self.field in PERSONAL_FIELDS


class Category:
    """An allowed set of labels, each mapped to a stored value, matched however a secretary typed them.

    ``labels`` (label -> stored value) are what templates offer and messages list; ``aliases``
    are accepted as well (e.g. the stored codes themselves). A label matches in any Unicode form,
    tone placement, case or spacing (:func:`ketnap.text.fold`, with the spaces around ``,``, ``;``
    and ``/`` evened out), and also with its diacritics missing or different (:func:`ketnap.text.bare`:
    "Nu", "dai hoc", "Khong"), as long as that looser key names one stored value only. Keys that two
    stored values share are :attr:`clashes`, and are never matched by the looser key.

    >>> KINDS.get("chi bộ cơ sở"), KINDS.get("Chi bo co so"), KINDS.label("chi-bo-co-so")
    ('chi-bo-co-so', 'chi-bo-co-so', 'Chi bộ cơ sở')
    >>> SEXES.get(" NỮ "), SEXES.get("Nu"), SEXES.get("Nam giới"), OCCUPATIONS.get("hoc sinh ,sinh vien")
    ('F', 'F', None, 'student')
    >>> Category({"Nữ": "F", "Nủ": "X"}).clashes
    ['nu']
    """

    def __init__(self, labels: Mapping[str, Any], *, aliases: Mapping[str, Any] | None = None) -> None:
        self.labels = dict(labels)
        entries = {**self.labels, **(aliases or {})}
        self._by_key = {_category_key(k): v for k, v in entries.items()}
        values_by_bare: dict[str, list[Any]] = {}
        values_by_key: dict[str, list[Any]] = {}
        for text, value in entries.items():
            for key, seen in ((_category_key(text), values_by_key), (bare(_category_key(text)), values_by_bare)):
                if value not in seen.setdefault(key, []):
                    seen[key].append(value)
        #: The keys (folded, or without diacritics) that labels of different stored values share.
        self.clashes = sorted(k for seen in (values_by_key, values_by_bare) for k, v in seen.items() if len(v) > 1)
        self._by_bare = {k: v[0] for k, v in values_by_bare.items() if len(v) == 1}

    def get(self, text: str) -> Any | None:
        """The stored value for ``text``, or ``None`` when it is not an allowed label."""
        key = _category_key(text)
        if key in self._by_key:
            return self._by_key[key]
        return self._by_bare.get(bare(key))

    def label(self, value: Any) -> str:
        """The (first) label stored as ``value``: what a return writes for it."""
        return next(k for k, v in self.labels.items() if v == value)

    def describe(self) -> str:
        """The allowed labels, for messages."""
        return "; ".join(self.labels)


# "Học sinh,sinh viên" and "Học sinh , sinh viên" are the label "Học sinh, sinh viên".
_AROUND_PUNCTUATION = re.compile(r"\s*([,;/])\s*")


def _category_key(text: str) -> str:
    return _AROUND_PUNCTUATION.sub(r"\1 ", fold(text)).strip()


def _same(labels: tuple[str, ...]) -> dict[str, str]:
    return {label: label for label in labels}


SEXES: Final = Category({"Nam": "M", "Nữ": "F"})
#: ``Dân tộc`` is free text; any group but the majority counts as an ethnic minority.
MAJORITY_ETHNIC_GROUP: Final = "Kinh"
#: The ``Tôn giáo`` label (and stored value) for no religion.
NO_RELIGION: Final = "Không"
YOUTH_UNION: Final = Category({"Có": True, "Không": False})
RELIGIONS: Final = Category(_same((NO_RELIGION, "Phật giáo", "Công giáo", "Tin lành", "Cao Đài", "Hòa Hảo", "Khác")))
_OCCUPATION_LABELS: Final = {
    "Học sinh, sinh viên": "student",
    "Giáo viên": "teacher",
    "Cán bộ, công chức, viên chức": "civil-servant",
    "Người lao động doanh nghiệp tư nhân": "private-enterprise-worker",
    "Người lao động doanh nghiệp nhà nước": "state-enterprise-worker",
    "Nông dân": "farmer",
    "Lao động tự do": "self-employed",
    "Khác": "other",
}
#: The codes are accepted too: an analyst's own spreadsheet may already use them.
OCCUPATIONS: Final = Category(_OCCUPATION_LABELS, aliases={c: c for c in _OCCUPATION_LABELS.values()})
EDUCATION: Final = Category(_same(("THPT", "Trung cấp", "Cao đẳng", "Đại học", "Thạc sĩ", "Tiến sĩ")))
KINDS: Final = Category(
    {"Đảng bộ cơ sở": "dang-bo-co-so", "Chi bộ cơ sở": "chi-bo-co-so"},
    aliases={"dang-bo-co-so": "dang-bo-co-so", "chi-bo-co-so": "chi-bo-co-so"},
)

# --------------------------------------------------------------------------------------------
# Returns: one workbook per organisation per year (or a CSV of the admissions sheet alone)
# --------------------------------------------------------------------------------------------

INFO_SHEET: Final = "Thông tin"
ADMISSIONS_SHEET: Final = "Kết nạp"
TRAINING_SHEET: Final = "Bồi dưỡng"
CONVERSIONS_SHEET: Final = "Chuyển chính thức"
INSTRUCTIONS_SHEET: Final = "Hướng dẫn"  # templates only; ignored on input

# ``Thông tin``: labels in column A, values in column B. Ingestion reads the organisation and the
# year (required) and the date sent (optional: it dates the version in the returns register).
ORG_LABEL: Final = "Tổ chức cơ sở đảng"
YEAR_LABEL: Final = "Năm báo cáo"
PREPARER_LABEL: Final = "Người lập biểu"  # in the template; not read (personal)
SENT_LABEL: Final = "Ngày gửi"

#: The returns register of a data root, ``<root>/register.sqlite`` (:mod:`ketnap.ingest.register`).
REGISTER_NAME: Final = "register.sqlite"
#: Between the organisation and the file's SHA-256 in the name of a received return
#: (``returns/<year>/<org>--<sha12>.xlsx``); a CSV return's organisation is the part before it.
STORED_TAG: Final = "--"

_STT = Column("STT", "row_number")
_NAME = Column("Họ và tên", "full_name", required=True)
_BIRTH = Column("Ngày sinh", "birth_date", required=True, date=True)
_ID = Column("Số CCCD", "id_number", required=True)
_SEX = Column("Giới tính", "sex", required=True)
_NOTE = Column("Ghi chú", "note")

ADMISSION_COLUMNS: Final[tuple[Column, ...]] = (
    _STT, _NAME, _BIRTH, _ID, _SEX,
    Column("Dân tộc", "ethnic_group", required=True),
    Column("Tôn giáo", "religion", required=True),
    Column("Đoàn viên", "youth_union", required=True),
    Column("Nghề nghiệp", "occupation", required=True),
    Column("Trình độ", "education", required=True),
    Column("Ngày kết nạp", "admission_date", required=True, date=True),
    Column("Chi bộ", "cell"),
    _NOTE,
)  # fmt: skip
TRAINING_COLUMNS: Final[tuple[Column, ...]] = (
    _STT, _NAME, _BIRTH, _ID, _SEX,
    Column("Lớp bồi dưỡng", "class_name"),
    Column("Ngày cấp giấy chứng nhận", "completion_date", required=True, date=True),
    _NOTE,
)  # fmt: skip
CONVERSION_COLUMNS: Final[tuple[Column, ...]] = (
    _STT, _NAME, _ID,
    Column("Ngày kết nạp", "admission_date", required=True, date=True),
    Column("Ngày chuyển chính thức", "conversion_date", required=True, date=True),
    _NOTE,
)  # fmt: skip


@dataclass(frozen=True)
class ReturnSheet:
    """A data sheet of a return: its name, the processed table it feeds, its columns, whether it is the main one.

    ``main`` marks the ``Kết nạp`` sheet: a return without it, or with it empty, is a nil return
    (no admissions). Any other sheet, absent, is read as empty.
    """

    sheet: str
    table: str
    columns: tuple[Column, ...]
    main: bool = False


#: The data sheets of a return, in workbook order. ``Kết nạp`` is the main one.
RETURN_SHEETS: Final[tuple[ReturnSheet, ...]] = (
    ReturnSheet(ADMISSIONS_SHEET, "admissions", ADMISSION_COLUMNS, main=True),
    ReturnSheet(TRAINING_SHEET, "training", TRAINING_COLUMNS),
    ReturnSheet(CONVERSIONS_SHEET, "conversions", CONVERSION_COLUMNS),
)

# --------------------------------------------------------------------------------------------
# Reference data: reference/sectors.csv, organisations.xlsx, targets.xlsx, groups.csv (optional)
# --------------------------------------------------------------------------------------------

ORGANISATIONS_SHEET: Final = "Tổ chức"
TARGETS_SHEET: Final = "Chỉ tiêu"
#: The ``Mã tổ chức`` of a target row for the reporting body as a whole.
CITY_CODE: Final = "TP"

SECTOR_COLUMNS: Final[tuple[Column, ...]] = (
    Column("code", "sector", required=True),
    Column("order", "order", required=True),
    Column("name_vi", "name_vi", required=True),
    Column("name_en", "name_en", required=True),
    Column("colour", "colour"),
)
ORGANISATION_COLUMNS: Final[tuple[Column, ...]] = (
    Column("Mã tổ chức", "org_code", required=True),
    Column("Tên tổ chức", "name", required=True),
    Column("Khối", "sector", required=True),
    Column("Loại hình", "kind", required=True),
    Column("Trực thuộc", "parent_code"),
    Column("Ngày thành lập", "active_from", date=True),
    Column("Ngày giải thể", "active_to", date=True),
    # Optional: the Standing Board's working group (tổ công tác) that follows the organisation, by the
    # code or name of a row of reference/groups.csv. Absent or blank: no group (and no group report).
    Column("Tổ công tác", "group"),
)
#: The optional reference file of the working groups (tổ công tác): ``reference/groups.csv``.
GROUPS_FILE: Final = "groups.csv"
#: Its columns: code, order, name, and the title of the group's head (a post, never a person's name).
GROUP_COLUMNS: Final[tuple[Column, ...]] = (
    Column("code", "group", required=True),
    Column("order", "order", required=True),
    Column("name_vi", "name_vi", required=True),
    Column("name_en", "name_en", required=True),
    Column("head_vi", "head_vi", required=True),
    Column("head_en", "head_en", required=True),
)
#: The optional sheet of ``reference/organisations.xlsx`` that holds the organisations' history (events).
HISTORY_SHEET: Final = "Lịch sử"
#: Its columns: one event per row. ``Mã tổ chức`` (and ``Mã tổ chức liên quan``) take a code or a name of
#: the ``Tổ chức`` sheet; which of the last four is needed depends on the event.
HISTORY_COLUMNS: Final[tuple[Column, ...]] = (
    Column("Ngày", "date", required=True, date=True),
    Column("Sự kiện", "event", required=True),
    Column("Mã tổ chức", "org_code", required=True),
    Column("Mã tổ chức liên quan", "related_code"),
    Column("Tên mới", "new_name"),
    Column("Khối mới", "new_sector"),
    _NOTE,
)
#: The event words of ``Sự kiện`` and the ``event`` they are stored as. ``sáp nhập vào``: the organisation
#: is merged into the related one and ends the day before; ``chia tách từ``: it is a new unit split from
#: the related one, from that day; ``giải thể``: it ends the day before.
HISTORY_EVENTS: Final = Category(
    {
        "Thành lập": "founded",
        "Đổi tên": "renamed",
        "Sáp nhập vào": "merged_into",
        "Chia tách từ": "split_from",
        "Chuyển khối": "moved",
        "Giải thể": "dissolved",
    },
    aliases={e: e for e in ("founded", "renamed", "merged_into", "split_from", "moved", "dissolved")},
)
TARGET_COLUMNS: Final[tuple[Column, ...]] = (
    Column("Năm", "year", required=True),
    Column("Mã tổ chức", "org_code", required=True),
    Column("Chỉ tiêu kết nạp", "admissions_target"),
    Column("Kế hoạch bồi dưỡng", "training_plan"),
    *(Column(f"T{month}", f"month_{month}") for month in range(1, 13)),
)


def column(columns: tuple[Column, ...], field: str) -> Column:
    """The column of ``columns`` that feeds ``field``.

    >>> column(ADMISSION_COLUMNS, "id_number").header
    'Số CCCD'
    """
    return next(c for c in columns if c.field == field)


# --------------------------------------------------------------------------------------------
# Processed tables (data/processed/<table>.parquet)
# --------------------------------------------------------------------------------------------

#: Table -> column -> dtype of what ingestion (or a generator) writes, columns in order. Dates are
#: ``datetime64[ns]``. The person tables also get :data:`PERSON_CODE`, numbered once every row is in.
DTYPES: Final[dict[str, dict[str, str]]] = {
    "sectors": {"sector": "string", "order": "int64", "name_vi": "string", "name_en": "string",
                "colour": "string"},
    "organisations": {"org_code": "string", "name": "string", "sector": "string", "kind": "string",
                      "parent_code": "string", "active_from": "datetime64[ns]",
                      "active_to": "datetime64[ns]", "group": "string"},
    # The working groups (reference/groups.csv); no rows when the data root has none.
    "groups": {"group": "string", "order": "int64", "name_vi": "string", "name_en": "string",
               "head_vi": "string", "head_en": "string"},
    # The organisations' history (sheet Lịch sử of organisations.xlsx); no rows when there is none.
    "organisation_events": {"date": "datetime64[ns]", "event": "string", "org_code": "string",
                            "related_code": "string", "new_name": "string", "new_sector": "string"},
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
    "conversions": {"person_key": "string", "org_code": "string",
                    "admission_date": "datetime64[ns]", "conversion_date": "datetime64[ns]",
                    "source_file": "string"},
    # The returns register as ingestion used it (:mod:`ketnap.ingest.register`): one row per version.
    "returns": {"org_code": "string", "year": "int64", "version": "int64", "file": "string",
                "sha256": "string", "received_at": "datetime64[ns]", "received_how": "string",
                "return_date": "datetime64[ns]", "reports_through": "int64", "used": "bool",
                "superseded_by": "Int64", "rows_read": "int64", "quarantined": "int64"},
    # Every organisation-month of every year with returns: on time, late, missing or not expected.
    "return_months": {"year": "int64", "month": "int64", "org_code": "string", "status": "string",
                      "due": "datetime64[ns]", "received_at": "datetime64[ns]", "version": "Int64"},
}  # fmt: skip

#: The tables with one row per person and event; ``person_code`` numbers their people together.
PERSON_TABLES: Final[tuple[str, ...]] = ("admissions", "training", "conversions")
#: The person tables' integer person number (``int32``), right after ``person_key``: the rank of the
#: key among all distinct keys of the three tables (:func:`ketnap.io.person_codes`), for fast joins.
PERSON_CODE: Final = "person_code"


def _columns(name: str) -> list[str]:
    columns = list(DTYPES[name])
    if name in PERSON_TABLES:
        columns.insert(columns.index("person_key") + 1, PERSON_CODE)
    return columns


#: Table -> its columns in the processed Parquet files, in order.
TABLES: Final[dict[str, list[str]]] = {name: _columns(name) for name in DTYPES}

#: The order rows are written in (ingestion and the synthetic generators agree on it).
SORT_KEYS: Final[dict[str, list[str]]] = {
    "sectors": ["order", "sector"],
    "organisations": ["org_code"],
    "groups": ["order", "group"],
    "organisation_events": ["date", "org_code", "event"],
    "targets": ["year", "org_code"],
    "monthly_plans": ["year", "org_code", "month"],
    "admissions": ["admission_date", "org_code", "source_file", "person_key"],
    "training": ["completion_date", "org_code", "source_file", "person_key"],
    "conversions": ["conversion_date", "org_code", "source_file", "person_key"],
    "returns": ["year", "org_code", "version"],
    "return_months": ["year", "month", "org_code"],
}

#: Columns of the interim ``quarantine.csv`` (errors) and ``warnings.csv`` (warnings).
ISSUE_COLUMNS: Final[list[str]] = ["file", "sheet", "row", "column", "rule", "message", "value"]
#: Columns of the interim ``reconciliation.csv``: per file and sheet,
#: ``rows_read = loaded + quarantined + superseded``; ``version`` and ``used`` say which version of
#: the organisation's return for the year was used and why (``note``).
RECONCILIATION_COLUMNS: Final[list[str]] = [
    "file", "sheet", "org_code", "year", "version", "used", "rows_read", "loaded", "quarantined", "superseded", "note",
]  # fmt: skip

#: What an organisation-month's return is (the ``status`` of ``return_months``).
RETURN_STATUSES: Final[tuple[str, ...]] = ("on_time", "late", "missing", "not_expected")

# --------------------------------------------------------------------------------------------
# Quarantine rules
# --------------------------------------------------------------------------------------------

#: Every rule id ingestion can report, with what it means. Ids are stable: tests, the quarantine
#: file, the data-quality report's labels and anyone grepping them rely on them.
RULES: Final[dict[str, str]] = {
    "unreadable-file": "the file cannot be read at all (not a workbook, corrupt, encrypted, an old .xls, "
    "empty, a required sheet or header row missing) or is refused unread by a safety limit (a zip bomb, "
    "an XML entity bomb, a file or sheet far beyond any real return: see MAX_* in ketnap.ingest.limits)",
    "missing-field": "a required field is empty (the message says when the cell is inside merged cells whose "
    "value is not spread: a personal column, or a range across columns)",
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
    "duplicate-certificate": "the same training certificate twice: the same person (same ID number) with the same "
    "Ngày cấp giấy chứng nhận, in one return or two; counted once: the first is kept, the repeat quarantined",
    "duplicate-row": "a reference row repeats a code or name already read; the first is kept",
    "bad-id-number": "the ID number (CCCD) is not 12 digits",
    "bad-number": "not a whole number, or negative",
    "year-mismatch": "the return's year (Năm báo cáo) differs from its folder returns/<year>/",
    "organisation-inactive": "a return (or a row of it), or a target, for an organisation outside its validity "
    "(Ngày thành lập to Ngày giải thể): a year it did not exist in, or a date after it ended or before it was "
    "founded; the message names its successor",
    "history-overlap": "the history (sheet Lịch sử) begins or ends one organisation code twice, so its periods "
    "of validity would overlap; the later event is quarantined",
    "history-validity": "a history event outside its organisation's validity, or a founding, split, merger or "
    "dissolution whose date does not agree with Ngày thành lập / Ngày giải thể of the Tổ chức sheet",
    "history-related-inactive": "the related organisation of a merger or split (Mã tổ chức liên quan) is not "
    "active on the date (the one merged into on the day, the one split from the day before)",
    "history-cycle": "mergers (or splits) that lead back to the organisation they start from, or an "
    "organisation related to itself",
    # Warnings: reported, nothing is rejected.
    "extra-column": "a column the data dictionary does not know; ignored",
    "extra-sheet": "a sheet the data dictionary does not know; ignored",
    "missing-sheet": "an optional sheet is absent; read as empty",
    "legacy-encoding": "a CSV file not in UTF-8 or UTF-16; read as Windows-1258",
    "hidden-sheet": "a sheet that is read is hidden in Excel; read anyway",
    "footer-rows": "rows under a table that are its footer (totals, signatures, place and date); not read",
    "id-number-restored": "an ID number (CCCD) that lost its leading zero(s) as a number; read with them restored",
    "attachment": "a file beside the returns that is not one (a scan, a document, ~$ lock file, Thumbs.db); not read",
    "wrong-extension": "an Excel workbook saved under another extension (.xls, .csv, none…); read as a workbook",
    "nil-return": "the Kết nạp sheet is absent or empty: a return with no admissions; its other sheets are read",
    "superseded-version": "a newer version of the organisation's return for the year replaced this file (or it "
    "is the same file twice); kept on file, its rows not counted",
    "merged-value": "a value merged down several rows of one column (Excel keeps it in the first cell only); read "
    "for each of those rows. Never in Họ và tên, Ngày sinh or Số CCCD, whose empty cells stay missing-field",
}

#: The rules that reject nothing (``warnings.csv``); every other rule rejects a row or a file.
WARNING_RULES: Final = frozenset(
    {
        "extra-column",
        "extra-sheet",
        "missing-sheet",
        "legacy-encoding",
        "attachment",
        "wrong-extension",
        "nil-return",
        "superseded-version",
        "hidden-sheet",
        "footer-rows",
        "id-number-restored",
        "merged-value",
    }
)

Level = Literal["error", "warning"]
