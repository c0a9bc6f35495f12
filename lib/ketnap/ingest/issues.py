"""What ingestion reports: issues (file, sheet, row, column, rule), per-sheet counts, the run's result.

Rule ids and what they mean are part of the data contract (:data:`ketnap.schema.RULES`); this
module holds the objects that carry them and the errors that stop a run or a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from ketnap.schema import RULES, WARNING_RULES, Level

__all__ = [
    "IngestResult",
    "Issue",
    "PersonKeyError",
    "ReferenceDataError",
    "SheetCount",
    "Unreadable",
    "issue_sort_key",
    "legacy_encoding",
]


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
    """

    file: str
    sheet: str
    row: int | None
    column: str | None
    rule: str
    message: str
    value: str | None = None

    @property
    def level(self) -> Level:
        """``"warning"`` for the rules that reject nothing (:data:`ketnap.schema.WARNING_RULES`), else ``"error"``.

        Errors reject a row (or a file); warnings reject nothing.
        """
        return "warning" if self.rule in WARNING_RULES else "error"

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
        Every table of :data:`ketnap.schema.TABLES`, as written to Parquet.
    issues : list of Issue
        Errors and warnings, sorted by file, sheet, row, column and rule.
    reconciliation : DataFrame
        :data:`ketnap.schema.RECONCILIATION_COLUMNS` per file and sheet.
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


class Unreadable(Exception):
    """A file that cannot be read at all; the message says why, for the person who sent it.

    ``sheet`` names the sheet at fault, when one is (a missing header row, too many rows).
    """

    def __init__(self, message: str, *, sheet: str = "") -> None:
        super().__init__(message)
        self.sheet = sheet


@dataclass
class SheetCount:
    """Reconciliation of one sheet: every row read is loaded, quarantined, or superseded.

    Rows are superseded when a newer version of the organisation's return replaced the file.
    """

    file: str
    sheet: str
    rows_read: int = 0
    loaded: int = 0
    quarantined: int = 0
    superseded: int = 0


def legacy_encoding(file: str, sheet: str) -> Issue:
    return Issue(file, sheet, None, None, "legacy-encoding", RULES["legacy-encoding"])


def issue_sort_key(issue: Issue) -> tuple[Any, ...]:
    return (issue.file, issue.sheet, issue.row or 0, issue.column or "", issue.rule, issue.message)
