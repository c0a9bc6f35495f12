"""Data quality of an ingestion run: what was read, what was rejected and why, and what is missing.

Ingestion (:mod:`ketnap.ingest`) writes three files to ``data/interim``: ``quarantine.csv`` (one
line per rejected row and rule, and per unreadable file), ``warnings.csv`` (what was reported but
not rejected) and ``reconciliation.csv`` (``rows_read = loaded + quarantined`` per file and sheet).
:func:`load_interim` reads them; it is the only function here that touches the disk. Everything
else is a pure function of those frames and the processed tables (:class:`ketnap.io.Tables`), for
the data-quality report (``notebooks/data-quality.ipynb``).

Which organisation a return belongs to
    Ingestion does not write it down, and a return may be named anything. A file is attributed to
    the organisation of the rows it loaded (``source_file`` in the processed tables); a file that
    loaded no row (an empty return, or one rejected as a whole) is attributed by its name when the
    name is the organisation's code or name (``DN05.xlsx``). Files attributed neither way are
    reported as not attributed, so a "missing" return can be checked by hand.
Scope
    The reference files, and the returns of every year up to the period's year: what the period's
    figures (and their comparisons with earlier years) rest on.
Personal data
    Ingestion already withholds names, ID numbers and birth dates from ``value``. :func:`safe_value`
    checks again before anything is shown: values in a personal column, numbers of nine or more
    digits (an ID number typed in the wrong column), dates far before the return's year (a birth
    date) and texts that look like a person's name are replaced by a placeholder.

Labels (rule names and explanations in Vietnamese) come from :mod:`ketnap.labels` (``quality.*``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Final

import numpy as np
import pandas as pd

from ketnap import completeness
from ketnap.config import paths
from ketnap.io import Tables, read_csv_text
from ketnap.labels import t
from ketnap.periods import Period, parse_period
from ketnap.schema import (
    ADMISSION_COLUMNS,
    CONVERSION_COLUMNS,
    INFO_SHEET,
    ISSUE_COLUMNS,
    RECONCILIATION_COLUMNS,
    RULES,
    TRAINING_COLUMNS,
)
from ketnap.text import fold

__all__ = [
    "FILE_COLUMNS",
    "IngestionLog",
    "attribute_files",
    "file_summary",
    "file_year",
    "load_interim",
    "looks_like_person_name",
    "missing_returns",
    "not_reported",
    "quarantine_detail",
    "reconciliation",
    "rule_counts",
    "safe_value",
    "totals",
    "unreadable_files",
    "warning_detail",
]

#: Columns of :func:`file_summary`.
FILE_COLUMNS: Final[list[str]] = [
    "file", "kind", "year", "org_code", "name", "sector", "group",
    "rows_read", "loaded", "quarantined", "errors", "warnings", "unreadable", "rejected_whole", "note",
]  # fmt: skip

_COUNTS: Final[list[str]] = ["rows_read", "loaded", "quarantined"]
_RETURN_PATH = re.compile(r"^returns/(\d{4})/")
# Headers of the columns that hold personal data, as matching keys (from ingestion's own columns).
_PERSONAL_HEADERS: Final[frozenset[str]] = frozenset(
    fold(c.header) for c in (*ADMISSION_COLUMNS, *TRAINING_COLUMNS, *CONVERSION_COLUMNS) if c.personal
)
# An ID number (CCCD 12 digits, the old CMND 9), wherever it was typed.
_LONG_NUMBER = re.compile(r"\d(?:[\s.\-]?\d){8,}")
_DATE = re.compile(r"\b\d{1,2}[/.\-]\d{1,2}[/.\-](\d{4})\b")
# A date this many years before the return's year is a birth date, not an admission or certificate.
_BIRTH_DATE_YEARS: Final[int] = 15
_WORD = re.compile(r"[^\W\d_]+")
# How names of units (not people) start; such a text is never taken for a person's name.
_UNIT_WORDS: Final[tuple[str, ...]] = tuple(
    fold(w) + " "
    for w in (
        "Đảng bộ", "Chi bộ", "Phường", "Xã", "Thôn", "Phố", "Trường", "Công ty", "Trung tâm", "Ban",
        "Văn phòng", "Cơ quan", "Bệnh viện", "Ủy ban", "Hội", "Viện", "Tòa án", "Thành ủy", "Ngân hàng",
        "Chi cục", "Cục", "Sở", "Phòng", "Đội", "Khối", "Tổng công ty", "Hợp tác xã", "Lớp",
    )
)  # fmt: skip


@dataclass(frozen=True)
class IngestionLog:
    """The interim files of one ingestion run, as read by :func:`load_interim`.

    Attributes
    ----------
    quarantine : DataFrame
        :data:`ketnap.schema.ISSUE_COLUMNS`, one line per rejected row and rule (and per unreadable file).
        ``row`` is ``Int64`` (missing for file- or sheet-level issues); the rest are text, ``""``
        when empty.
    warnings : DataFrame
        The same columns, for issues that rejected nothing.
    reconciliation : DataFrame
        :data:`ketnap.schema.RECONCILIATION_COLUMNS` per file and sheet; counts are ``int64``.
    """

    quarantine: pd.DataFrame
    warnings: pd.DataFrame
    reconciliation: pd.DataFrame


def _read_csv(file: Path, columns: list[str]) -> pd.DataFrame:
    frame = read_csv_text(file)
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(f"{file} lacks columns {missing}")
    return frame[columns]


def load_interim(folder: Path | None = None) -> IngestionLog:
    """Read ``quarantine.csv``, ``warnings.csv`` and ``reconciliation.csv`` from ``folder``.

    Parameters
    ----------
    folder : Path, optional
        The interim folder (default ``data/interim``, :attr:`ketnap.config.Paths.interim`).

    Returns
    -------
    IngestionLog

    Raises
    ------
    FileNotFoundError
        When a file is missing, saying to run ``make data``.
    """
    folder = folder or paths().interim
    issues = {}
    for name in ("quarantine", "warnings"):
        frame = _read_csv(folder / f"{name}.csv", ISSUE_COLUMNS)
        frame["row"] = pd.to_numeric(frame["row"].replace("", None)).astype("Int64")
        issues[name] = frame
    recon = _read_csv(folder / "reconciliation.csv", RECONCILIATION_COLUMNS)
    recon[_COUNTS] = recon[_COUNTS].astype("int64")
    return IngestionLog(issues["quarantine"], issues["warnings"], recon)


# --- files --------------------------------------------------------------------------------------


def file_year(file: str) -> int | None:
    """The year of a return from its folder ``returns/<year>/``; ``None`` for other files.

    Examples
    --------
    >>> file_year("returns/2023/DN26.xlsx"), file_year("reference/targets.xlsx")
    (2023, None)
    """
    match = _RETURN_PATH.match(file)
    return int(match[1]) if match else None


def attribute_files(files: Iterable[str], tables: Tables) -> pd.Series:
    """The organisation each return file belongs to (see the module docstring).

    Parameters
    ----------
    files : iterable of str
        File paths relative to the data root, as in the interim files.
    tables : Tables
        The processed tables (``source_file`` of admissions, training, conversions; organisations).

    Returns
    -------
    Series
        Indexed by file, the ``org_code`` (``string`` dtype, missing when not attributed). Only
        files under ``returns/`` are attributed.
    """
    files = list(dict.fromkeys(files))
    loaded = pd.concat([tables.admissions, tables.training, tables.conversions], ignore_index=True)[
        ["source_file", "org_code"]
    ].dropna()
    by_rows = loaded.drop_duplicates("source_file").set_index("source_file")["org_code"]
    orgs = tables.organisations
    by_name: dict[str, str] = {}
    for code, name in zip(orgs["org_code"], orgs["name"], strict=True):
        by_name.setdefault(fold(str(code)), str(code))
        by_name.setdefault(fold(str(name)), str(code))
    codes: list[str | None] = []
    for file in files:
        if not file.startswith("returns/"):
            codes.append(None)
        elif file in by_rows.index:
            codes.append(str(by_rows[file]))
        else:
            codes.append(by_name.get(fold(PurePosixPath(file).stem)))
    return pd.Series(codes, index=pd.Index(files, name="file"), dtype="string", name="org_code")


def _in_scope(files: pd.Series, period: Period) -> pd.Series:
    years = pd.Series([file_year(f) for f in files], index=files.index, dtype="Int64")
    return files.str.startswith("reference/") | (years <= period.year).fillna(True).astype(bool)


def file_summary(log: IngestionLog, tables: Tables, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """One row per input file in scope: its organisation, counts, and whether it was read at all.

    Parameters
    ----------
    log : IngestionLog
        The interim files (:func:`load_interim`).
    tables : Tables
        The processed tables.
    period : Period or str
        The report's period; returns of later years are out of scope.
    lang : {"vi", "en"}
        Language of ``group`` and ``note``.

    Returns
    -------
    DataFrame
        Columns :data:`FILE_COLUMNS`, in file order: ``kind`` is ``"reference"`` or ``"return"``;
        ``year`` (``Int64``) from the folder; ``org_code``, ``name`` and ``sector`` of the
        attributed organisation; ``group`` the sector's name, or the reference-data or
        not-attributed label; the three counts summed over sheets; ``errors`` and ``warnings`` the
        number of issue lines; ``unreadable`` (the file could not be read) and ``rejected_whole``
        (unreadable, or its ``Thông tin`` sheet failed, so no row was used); ``note`` says which.
    """
    period = parse_period(period)
    recon = log.reconciliation
    recon = recon[_in_scope(recon["file"], period)]
    files = recon.groupby("file", sort=False)[_COUNTS].sum()
    out = files.reset_index()
    out["kind"] = np.where(out["file"].str.startswith("reference/"), "reference", "return")
    out["year"] = pd.array([file_year(f) for f in out["file"]], dtype="Int64")
    out["org_code"] = attribute_files(out["file"], tables).to_numpy()
    orgs = tables.organisations.set_index("org_code")
    out["name"] = out["org_code"].map(orgs["name"]).astype("string")
    out["sector"] = out["org_code"].map(orgs["sector"]).astype("string")
    sector_names = tables.sectors.set_index("sector")["name_vi" if lang == "vi" else "name_en"]
    group = out["sector"].map(sector_names).astype(object)
    group = group.where(out["kind"] == "return", t("quality.group.reference", lang))
    out["group"] = group.where(group.notna(), t("quality.group.unattributed", lang)).astype(str)
    errors = log.quarantine["file"].value_counts()
    warnings = log.warnings["file"].value_counts()
    out["errors"] = out["file"].map(errors).fillna(0).astype("int64")
    out["warnings"] = out["file"].map(warnings).fillna(0).astype("int64")
    quarantine = log.quarantine
    unreadable = set(quarantine.loc[quarantine["rule"] == "unreadable-file", "file"])
    info_failed = set(quarantine.loc[quarantine["sheet"].map(fold) == fold(INFO_SHEET), "file"])
    out["unreadable"] = out["file"].isin(unreadable)
    out["rejected_whole"] = out["unreadable"] | out["file"].isin(info_failed)
    out["note"] = np.select(
        [out["unreadable"], out["rejected_whole"]],
        [t("quality.note.unreadable", lang), t("quality.note.rejected_whole", lang)],
        default="",
    )
    return out[FILE_COLUMNS]


def totals(files: pd.DataFrame) -> dict[str, int]:
    """Overall figures of :func:`file_summary`, as plain ints.

    Returns
    -------
    dict
        ``files``, ``returns``, ``reference``, ``rows_read``, ``loaded``, ``quarantined``,
        ``files_quarantined`` (files with at least one quarantined row or unreadable),
        ``unreadable``, ``rejected_whole``, ``errors``, ``warnings`` and ``unbalanced`` (files where
        rows read differ from loaded + quarantined: 0 when ingestion is sound).
    """
    return {
        "files": len(files),
        "returns": int((files["kind"] == "return").sum()),
        "reference": int((files["kind"] == "reference").sum()),
        **{c: int(files[c].sum()) for c in (*_COUNTS, "errors", "warnings")},
        "files_quarantined": int(((files["quarantined"] > 0) | files["unreadable"]).sum()),
        "unreadable": int(files["unreadable"].sum()),
        "rejected_whole": int(files["rejected_whole"].sum()),
        "unbalanced": int((files["rows_read"] != files["loaded"] + files["quarantined"]).sum()),
    }


def reconciliation(files: pd.DataFrame, sectors: pd.DataFrame) -> pd.DataFrame:
    """Files and rows per group (sector, reference data, not attributed) and year.

    Parameters
    ----------
    files : DataFrame
        :func:`file_summary`.
    sectors : DataFrame
        The sectors table, for the display order.

    Returns
    -------
    DataFrame
        Columns ``group``, ``year`` (``Int64``, missing for reference data), ``files``,
        ``files_quarantined``, ``rows_read``, ``loaded``, ``quarantined``; ordered reference data
        first, then sectors in their order, then not attributed, each by year.
    """
    order = sectors.set_index("sector")["order"]
    frame = files.assign(
        files_quarantined=(files["quarantined"] > 0) | files["unreadable"],
        _order=np.where(
            files["kind"] == "reference",
            -1.0,
            files["sector"].map(order).astype("float64").fillna(np.inf).to_numpy(),
        ),
        _year=files["year"].astype("float64").fillna(-1),
    )
    grouped = frame.groupby(["_order", "group", "_year"], sort=True, dropna=False).agg(
        files=("file", "size"),
        files_quarantined=("files_quarantined", "sum"),
        rows_read=("rows_read", "sum"),
        loaded=("loaded", "sum"),
        quarantined=("quarantined", "sum"),
    )
    out = grouped.reset_index()
    out["year"] = pd.array([None if y < 0 else int(y) for y in out["_year"]], dtype="Int64")
    columns = ["group", "year", "files", "files_quarantined", *_COUNTS]
    return out[columns].astype({c: "int64" for c in columns[2:]}).reset_index(drop=True)


# --- issues -------------------------------------------------------------------------------------


def looks_like_person_name(text: str) -> bool:
    """Whether ``text`` could be a person's full name: 2-6 words of letters, each capitalised.

    Names of units ("Phường Đông Thọ", "Chi bộ ...") are not taken for names.

    Examples
    --------
    >>> looks_like_person_name("Nguyễn Thị Lan"), looks_like_person_name("Không rõ")
    (True, False)
    """
    words = text.split()
    if not 2 <= len(words) <= 6:
        return False
    if not all(_WORD.fullmatch(w) and w[0].isupper() for w in words):
        return False
    return not (fold(text) + " ").startswith(_UNIT_WORDS)


def safe_value(value: str, column: str = "", *, year: int | None = None, lang: str = "vi") -> str:
    """``value`` if it cannot be personal data, else a placeholder saying it was withheld.

    Parameters
    ----------
    value : str
        An offending value from the quarantine file ("" when ingestion withheld it).
    column : str
        The header it was found under; values of personal columns (name, birth date, ID number)
        are withheld whatever they hold.
    year : int, optional
        The return's year: a date more than 15 years before it is taken for a birth date.
    lang : {"vi", "en"}
        Language of the placeholder.

    Returns
    -------
    str

    Examples
    --------
    >>> safe_value("Không rõ", "Giới tính")
    'Không rõ'
    >>> safe_value("038095001234", "Ghi chú")
    '(đã ẩn: có thể là thông tin cá nhân)'
    """
    if not value:
        return value
    withheld = (
        fold(column).rstrip(" *:") in _PERSONAL_HEADERS
        or _LONG_NUMBER.search(value) is not None
        or looks_like_person_name(value)
        or (year is not None and any(int(y) <= year - _BIRTH_DATE_YEARS for y in _DATE.findall(value)))
    )
    return t("quality.value.withheld", lang) if withheld else value


def _issue_frame(issues: pd.DataFrame, files: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Issues of files in scope, with the file's organisation and year, and safe values."""
    info = files.set_index("file")
    frame = issues[issues["file"].isin(info.index)].copy()
    frame["year"] = frame["file"].map(info["year"]).astype("Int64")
    frame["name"] = frame["file"].map(info["name"]).astype(object)
    frame["name"] = frame["name"].where(frame["name"].notna(), "")
    frame["rule_name"] = [_rule_label("quality.rule", rule, lang) for rule in frame["rule"]]
    frame["value"] = [
        safe_value(v, c, year=None if pd.isna(y) else int(y), lang=lang)
        for v, c, y in zip(frame["value"], frame["column"], frame["year"], strict=True)
    ]
    return frame.reset_index(drop=True)


def _rule_label(prefix: str, rule: str, lang: str) -> str:
    # A rule a newer ingestion added but the catalog lacks still shows, by its id.
    try:
        return t(f"{prefix}.{rule}", lang)
    except KeyError:
        return rule


def quarantine_detail(log: IngestionLog, files: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """Every rejected row and rule of the files in scope, for the people who fix the returns.

    Unreadable files are left out (see :func:`unreadable_files`).

    Returns
    -------
    DataFrame
        Columns ``file``, ``year``, ``name`` (the organisation, "" when not attributed),
        ``sheet``, ``row`` (as Excel shows it), ``column``, ``rule``, ``rule_name`` (short
        Vietnamese name), ``message`` (ingestion's, English) and ``value`` (passed through
        :func:`safe_value`), in file, sheet, row order.
    """
    frame = _issue_frame(log.quarantine[log.quarantine["rule"] != "unreadable-file"], files, lang)
    columns = ["file", "year", "name", "sheet", "row", "column", "rule", "rule_name", "message", "value"]
    return frame[columns]


def rule_counts(detail: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """Issue lines, rows and files per rule, with the rule's explanation and how to fix it.

    Parameters
    ----------
    detail : DataFrame
        :func:`quarantine_detail` (or :func:`warning_detail`).

    Returns
    -------
    DataFrame
        Columns ``rule``, ``rule_name``, ``explanation``, ``lines``, ``rows`` (distinct file,
        sheet and row: one row may break several rules) and ``files``; most lines first, rules in
        :data:`ketnap.schema.RULES` order on ties.
    """
    columns = ["rule", "rule_name", "explanation", "lines", "rows", "files"]
    if detail.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in columns[3:] else object) for c in columns})
    keyed = detail.assign(_where=detail["file"] + "\x00" + detail["sheet"] + "\x00" + detail["row"].astype(str))
    out = keyed.groupby("rule", sort=False).agg(
        lines=("rule", "size"), rows=("_where", "nunique"), files=("file", "nunique")
    )
    out = out.reset_index()
    rank = {rule: i for i, rule in enumerate(RULES)}
    out["_rank"] = out["rule"].map(rank).fillna(len(rank))
    out = out.sort_values(["lines", "_rank"], ascending=[False, True], kind="stable")
    out["rule_name"] = [_rule_label("quality.rule", r, lang) for r in out["rule"]]
    out["explanation"] = [_rule_label("quality.fix", r, lang) for r in out["rule"]]
    return out[columns].astype({c: "int64" for c in columns[3:]}).reset_index(drop=True)


def warning_detail(log: IngestionLog, files: pd.DataFrame, *, lang: str = "vi") -> pd.DataFrame:
    """The warnings of files in scope: what was reported and ignored, rejecting nothing.

    Returns
    -------
    DataFrame
        Columns ``file``, ``year``, ``name``, ``sheet``, ``column``, ``rule``, ``rule_name``,
        ``explanation``; sheet and column names (typed by people) pass through :func:`safe_value`.
    """
    frame = _issue_frame(log.warnings, files, lang)
    frame["sheet"] = [safe_value(s, lang=lang) for s in frame["sheet"]]
    frame["column"] = [safe_value(c, lang=lang) for c in frame["column"]]
    frame["explanation"] = [_rule_label("quality.fix", r, lang) for r in frame["rule"]]
    return frame[["file", "year", "name", "sheet", "column", "rule", "rule_name", "explanation"]]


def unreadable_files(log: IngestionLog, files: pd.DataFrame) -> pd.DataFrame:
    """Files of the scope that could not be read at all, with ingestion's reason (English).

    Returns
    -------
    DataFrame
        Columns ``file``, ``year``, ``name`` (attributed by file name only, "" otherwise) and
        ``message``.
    """
    quarantine = log.quarantine[log.quarantine["rule"] == "unreadable-file"]
    frame = _issue_frame(quarantine, files, "vi")
    return frame[["file", "year", "name", "message"]]


def missing_returns(files: pd.DataFrame, tables: Tables, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """Organisations active in the period's year without a usable return for that year.

    An organisation is active when its lifetime overlaps 1 January to the period's end. A return
    is usable when it was read and not rejected as a whole.

    Parameters
    ----------
    files : DataFrame
        :func:`file_summary`.
    tables : Tables
        The processed tables (organisations, sectors).
    period : Period or str
    lang : {"vi", "en"}
        Language of ``sector_name`` and ``status``.

    Returns
    -------
    DataFrame
        Columns ``org_code``, ``name``, ``sector``, ``sector_name``, ``year``, ``status``
        ("not sent", or the file(s) that were rejected as a whole); in sector order, then name.
    """
    from ketnap.fmt import sort_vi

    period = parse_period(period)
    year = period.year
    start, end = pd.Timestamp(date(year, 1, 1)), pd.Timestamp(period.end)
    orgs = tables.organisations
    active = (orgs["active_from"].isna() | (orgs["active_from"] <= end)) & (
        orgs["active_to"].isna() | (orgs["active_to"] >= start)
    )
    of_year = files[(files["kind"] == "return") & (files["year"] == year) & files["org_code"].notna()]
    usable = set(of_year.loc[~of_year["rejected_whole"], "org_code"])
    rejected = of_year[of_year["rejected_whole"]].groupby("org_code")["file"].agg(", ".join)
    missing = orgs[active & ~orgs["org_code"].isin(usable)]
    order = tables.sectors.set_index("sector")["order"]
    missing = sort_vi(missing, "name")
    missing = missing.iloc[np.argsort(missing["sector"].map(order).fillna(np.inf).to_numpy(), kind="stable")]
    names = tables.sectors.set_index("sector")["name_vi" if lang == "vi" else "name_en"]
    status = [
        t("quality.status.rejected", lang, files=rejected[code])
        if code in rejected.index
        else t("quality.status.not_sent", lang)
        for code in missing["org_code"]
    ]
    return pd.DataFrame(
        {
            "org_code": missing["org_code"].to_numpy(),
            "name": missing["name"].to_numpy(),
            "sector": missing["sector"].to_numpy(),
            "sector_name": missing["sector"].map(names).to_numpy(),
            "year": pd.array([year] * len(missing), dtype="Int64"),
            "status": status,
        }
    )


def not_reported(files: pd.DataFrame, tables: Tables, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """The organisations the data-quality report lists as missing their return, never at odds with the returns report.

    When the returns register knows the period's last month (:func:`ketnap.completeness.is_known`),
    the list is the returns report's: :func:`ketnap.completeness.not_reported` (no return for that
    month yet, with the date of the last one), followed by the organisations whose every file of the
    year was rejected as a whole (from :func:`missing_returns`), which the register counts as sent.
    Without a register it is :func:`missing_returns` (no usable return for the year).

    Returns
    -------
    DataFrame
        ``org_code``, ``name``, ``sector``, ``sector_name`` and ``status`` (in words); in sector
        order, then name, the register's list first.
    """
    columns = ["org_code", "name", "sector", "sector_name", "status"]
    by_file = missing_returns(files, tables, period, lang=lang)
    if not completeness.is_known(tables, period):
        return by_file[columns]
    month = completeness.month_phrase(period, lang)
    register = completeness.not_reported(tables, period, lang=lang)
    register = register.assign(
        status=[t("quality.status.not_reported", lang, month=month, last=last) for last in register["last_return"]]
    )
    not_sent = t("quality.status.not_sent", lang)
    extra = by_file[~by_file["org_code"].isin(set(register["org_code"])) & (by_file["status"] != not_sent)]
    return pd.concat([register[columns], extra[columns]], ignore_index=True)
