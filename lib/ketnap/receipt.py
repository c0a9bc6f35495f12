"""What a receipt says: the data of the acknowledgement sent back for one received version of a return.

Ingestion fills a :class:`Receipt` (:mod:`ketnap.ingest.receive`); the build wing renders it as
HTML and PDF (:mod:`ketnap.build.receipts`). Only shapes live here, no personal data: rows are named
by their Excel row number, issues carry the rule id and the non-personal offending value only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from ketnap.schema import Level

__all__ = ["Change", "Receipt", "ReceiptIssue", "SheetTally"]


@dataclass(frozen=True)
class SheetTally:
    """One sheet of the received file: rows read, accepted and quarantined (rejected)."""

    sheet: str
    rows_read: int
    accepted: int
    quarantined: int


@dataclass(frozen=True)
class ReceiptIssue:
    """One problem found in the received file: where (sheet, Excel row, column) and which rule.

    ``value`` is the offending value only when it is not personal data (as in ``quarantine.csv``).
    """

    sheet: str
    row: int | None
    column: str | None
    rule: str
    level: Level
    value: str | None = None


@dataclass(frozen=True)
class Change:
    """A row that differs from the previous version: added, removed or corrected (which columns).

    ``row`` is the Excel row in this version (``None`` for a removed row), ``previous_row`` the row
    in the previous version (``None`` for an added row).
    """

    sheet: str
    kind: Literal["added", "removed", "corrected"]
    row: int | None
    previous_row: int | None
    columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Receipt:
    """The acknowledgement of one received version of one organisation's return for one year.

    ``org_code``/``year`` are ``None`` when the file could not be placed (unreadable, unknown
    organisation): the receipt then says why and what to send. ``changes`` is ``None`` for a first
    version. ``due`` is the deadline of the last month the version reports (``reports_through``);
    ``late`` whether it was received after it.
    """

    file_name: str
    stored_as: str
    sha256: str
    received_at: datetime
    received_how: str
    org_code: str | None
    org_name: str | None
    year: int | None
    version: int | None
    previous_version: int | None
    reports_through: int | None
    due: date | None
    late: bool | None
    sheets: tuple[SheetTally, ...]
    issues: tuple[ReceiptIssue, ...]
    changes: tuple[Change, ...] | None
    unreadable: str | None = None  # why the file was refused whole (English message), else None
