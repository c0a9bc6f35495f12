"""Receiving a return: check it at once, keep it under a stable name, register it, say what came of it.

:func:`receive` is what ``ketnap receive FILE... [--org CODE] [--year YEAR] [--received DATE]``
runs for each file, in this order (:func:`receipts` writes the same receipts afterwards for files
that ``make data`` registered, dropped into ``data/raw`` by hand):

1. read the file and check it exactly as ``make data`` would (:func:`ketnap.ingest.run.read_input`);
2. in one register transaction (:func:`ketnap.ingest.register.register`): refuse nothing twice
   (the same bytes again change nothing), copy the file into the data root atomically, then commit.
   A placed return goes to ``returns/<year>/<org>--<sha12><ext>``; a file that names no known
   organisation and year goes to ``refused/<sha12><ext>``, which ingestion does not read;
3. fill the :class:`~ketnap.receipt.Receipt`: rows per sheet, every issue, what changed from the
   version it replaces (rows matched by person, named by Excel row), whether it came late.

A receive killed at any point leaves the register as it was or with the whole entry, and the stored
file absent or whole: the copy is renamed into place before the commit, never after. Two receives
at once queue on the register's write lock.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ketnap.config import settings
from ketnap.ingest.files import Input, year_of_folder
from ketnap.ingest.issues import Issue
from ketnap.ingest.reference import OrganisationIndex, read_reference
from ketnap.ingest.register import Entry, connect, entries, register, used_versions
from ketnap.ingest.returns import ReturnRead
from ketnap.ingest.run import ReadFile, read_input
from ketnap.ingest.run import new_version as _new_version
from ketnap.ingest.timeliness import due_date, reports_through
from ketnap.io import atomic_file
from ketnap.receipt import Change, Receipt, ReceiptIssue, SheetTally
from ketnap.schema import RETURN_SHEETS, STORED_TAG, Column

__all__ = ["ReceiveError", "Received", "changes", "receipts", "receive"]


class ReceiveError(ValueError):
    """A file that cannot be received as asked (absent, or not the organisation ``--org`` names)."""


@dataclass(frozen=True)
class Received:
    """One received file: its register entry, whether it is new, and its receipt."""

    entry: Entry
    new: bool
    receipt: Receipt


def _stored_name(placed: tuple[str, int] | None, sha256: str, suffix: str) -> str:
    """Where a received file is kept: under its organisation's year, or apart when it names none."""
    if placed is None:
        return f"refused/{sha256[:12]}{suffix}"
    org, year = placed
    return f"returns/{year}/{org}{STORED_TAG}{sha256[:12]}{suffix}"


def _provisional(source: Path, data: bytes, org: str | None, year: int | None) -> Input:
    """The file as ingestion would see it before it is placed (a CSV return takes its name and year from here)."""
    name = f"{org}{source.suffix.lower()}" if org and source.suffix.lower() == ".csv" else source.name
    year = year or year_of_folder(f"returns/{source.parent.name}/{name}")
    return Input(f"returns/{year}/{name}" if year else f"returns/{name}", source, data)


def _rows_by_person(read: ReturnRead | None) -> dict[tuple[str, str], tuple[int, dict[str, Any]]]:
    """Accepted rows by (sheet, ID number): the Excel row and the values (kept in memory only)."""
    rows: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
    for row in read.accepted if read else []:
        rows.setdefault((row.table, str(row.record["_id"])), (row.row, row.record))
    return rows


_IGNORED = {"_id", "org_code", "source_file"}


def changes(previous: ReturnRead | None, current: ReturnRead | None) -> tuple[Change, ...]:
    """Rows added, removed and corrected from ``previous`` to ``current`` (two reads), by person.

    A row is the same row when it names the same person (ID number) in the same sheet; it is
    corrected when any value read from it differs, and the receipt lists the columns by header.
    """
    sheets = {spec.table: spec for spec in RETURN_SHEETS}
    before, after = _rows_by_person(previous), _rows_by_person(current)
    found: list[Change] = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[0], (after.get(k) or before[k])[0])):
        table = sheets[key[0]]
        old, new = before.get(key), after.get(key)
        if old is None and new is not None:
            found.append(Change(table.sheet, "added", new[0], None))
        elif new is None and old is not None:
            found.append(Change(table.sheet, "removed", None, old[0]))
        elif old is not None and new is not None:
            fields = sorted(f for f in (old[1].keys() | new[1].keys()) - _IGNORED if old[1].get(f) != new[1].get(f))
            headers = tuple(_header(table.columns, f) for f in fields)
            if headers:
                found.append(Change(table.sheet, "corrected", new[0], old[0], headers))
    return tuple(found)


def _header(columns: Sequence[Column], field: str) -> str:
    return next((c.header for c in columns if c.field == field), field)


def _issues(issues: Sequence[Issue]) -> tuple[ReceiptIssue, ...]:
    return tuple(ReceiptIssue(i.sheet, i.row, i.column, i.rule, i.level, i.value) for i in issues)


def receive(
    sources: Sequence[Path],
    *,
    root: Path,
    org: str | None = None,
    year: int | None = None,
    received: datetime | None = None,
    today: date | None = None,
) -> list[Received]:
    """Receive each file of ``sources`` into the data root ``root`` (module docstring).

    Raises
    ------
    ReceiveError
        A file is absent, or names an organisation other than ``org``. Files before it are received.
    ReferenceDataError
        The reference data of ``root`` cannot be read.
    """
    today = today or date.today()
    index: OrganisationIndex = read_reference(root, [], [], []).index
    code = index.find(org) if org else None
    if org and code is None:
        raise ReceiveError(f"--org {org}: {index.unknown(org)}")
    done = []
    for source in sources:
        if not source.is_file():
            raise ReceiveError(f"{source}: no such file")
        data = source.read_bytes()
        file = read_input(_provisional(source, data, code, year), index, today)
        if file.read is not None and code and file.read.org_code not in (None, code):
            raise ReceiveError(f"{source}: the return is {file.read.org_code}'s, not {code}'s (--org)")
        sha256 = hashlib.sha256(data).hexdigest()
        stored = _stored_name(file.placed, sha256, source.suffix.lower())
        at = received or datetime.now().replace(microsecond=0)
        new = replace(_new_version(file, received_at=at, sent_as=source.name), file=stored)

        def copy(stored: str = stored, source: Path = source) -> None:
            with atomic_file(root / stored) as tmp:
                shutil.copyfile(source, tmp)

        with connect(root) as db:
            entry, is_new = register(db, new, before_commit=copy)
            previous = _previous(entries(db), entry, root)
        done.append(Received(entry, is_new, _receipt(entry, file, previous, root, index, today, source.name)))
    return done


def _previous(registered: Sequence[Entry], entry: Entry, root: Path) -> Entry | None:
    """The version in use before ``entry`` arrived (so the same file again gets the same receipt)."""
    earlier = [
        e for e in registered
        if entry.org_code and (e.org_code, e.year) == (entry.org_code, entry.year) and e.id < entry.id
        and (root / e.file).exists()
    ]  # fmt: skip
    return used_versions(earlier).get((str(entry.org_code), entry.year or 0))


def receipts(
    root: Path, *, org: str | None = None, year: int | None = None, today: date | None = None
) -> list[Receipt]:
    """The receipt of every registered version still on file (of ``org``, of ``year``): for files dropped in by hand.

    ``make data`` registers such files without a word to their senders; ``ketnap receipts`` writes
    what ``ketnap receive`` would have written for each.
    """
    today = today or date.today()
    index = read_reference(root, [], [], []).index
    code = index.find(org) if org else None
    if org and code is None:
        raise ReceiveError(f"--org {org}: {index.unknown(org)}")
    with connect(root) as db:
        registered = entries(db)
    found = []
    for entry in registered:
        stored = root / entry.file
        if (code and entry.org_code != code) or (year and entry.year != year) or not stored.is_file():
            continue
        file = read_input(Input(entry.file, stored, stored.read_bytes()), index, today)
        found.append(_receipt(entry, file, _previous(registered, entry, root), root, index, today, entry.sent_as))
    return found


def _receipt(
    entry: Entry,
    file: ReadFile,
    previous: Entry | None,
    root: Path,
    index: OrganisationIndex,
    today: date,
    sent_as: str,
) -> Receipt:
    read = file.read
    through = reports_through(entry.year, entry.dated) if entry.year else None
    due = due_date(entry.year, through, settings().return_deadline) if entry.year and through else None
    found = None
    if previous is not None:
        stored = root / previous.file
        found = changes(read_input(Input(previous.file, stored, stored.read_bytes()), index, today).read, read)
    return Receipt(
        file_name=sent_as,
        stored_as=entry.file,
        sha256=entry.sha256,
        received_at=entry.received_at,
        received_how=entry.received_how,
        org_code=entry.org_code,
        org_name=index.name(entry.org_code) if entry.org_code else None,
        year=entry.year,
        version=entry.version,
        previous_version=previous.version if previous is not None else None,
        reports_through=through,
        due=due,
        late=entry.received_at.date() > due if due else None,
        sheets=tuple(
            SheetTally(c.sheet, c.rows_read, c.rows_read - c.quarantined, c.quarantined) for c in file.counts if c.sheet
        ),
        issues=_issues(file.issues),
        changes=found,
        unreadable=next((i.message for i in file.issues if i.rule == "unreadable-file"), None),
    )
