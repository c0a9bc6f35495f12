"""The returns register: every version of every return received, append-only, in SQLite.

One file per data root, ``<root>/register.sqlite`` (``data/raw/register.sqlite``). SQLite from the
standard library is enough: one writer at a time (``BEGIN IMMEDIATE`` waits for the other), each
registration is one transaction (a process killed mid-way leaves the register as it was), and an
analyst can open the file with any SQLite browser. Rows are never changed or deleted (triggers
refuse it): a correction is a new version, and the old one stays on file for audit.

A row says what arrived (file, SHA-256, the name it was sent under), whose return it is and for
which year, when it was received and how that time is known (``receive``: recorded by
``ketnap receive``; ``info-sheet``: the date on the return, for files dropped into ``data/raw`` by
hand; ``file-time``: the file's modification time when the return carries no date), its version
number (1, 2, … per organisation and year, in the order registered), the version it replaced when
it was registered, and the outcome of its first reading.

Which version the figures use is decided at every ingestion (:func:`used_versions`): the newest by
the date on the return (else the received time), then the received time, then the order registered;
so an older version that arrives late does not win.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ketnap.schema import REGISTER_NAME

__all__ = [
    "REGISTER_NAME",
    "Entry",
    "NewVersion",
    "connect",
    "entries",
    "outcome",
    "register",
    "register_all",
    "used_versions",
]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    id              INTEGER PRIMARY KEY,
    sha256          TEXT    NOT NULL UNIQUE,
    file            TEXT    NOT NULL,   -- where it is kept, relative to the data root
    sent_as         TEXT    NOT NULL,   -- the file name it arrived under
    org_code        TEXT,               -- NULL: the file could not be placed
    year            INTEGER,
    version         INTEGER,            -- 1, 2, ... per org_code and year, in the order registered
    received_at     TEXT    NOT NULL,   -- ISO date and time
    received_how    TEXT    NOT NULL CHECK (received_how IN ('receive', 'info-sheet', 'file-time')),
    return_date     TEXT,               -- the date on the return (Ngày gửi), ISO
    supersedes      INTEGER,            -- the version in use before this one, when this one is newer
    rows_read       INTEGER NOT NULL,
    quarantined     INTEGER NOT NULL,
    outcome         TEXT    NOT NULL,   -- accepted | partly accepted | rejected | unreadable
    registered_at   TEXT    NOT NULL,
    UNIQUE (org_code, year, version)
);
CREATE TRIGGER IF NOT EXISTS versions_append_only_update BEFORE UPDATE ON versions
BEGIN SELECT RAISE(ABORT, 'the returns register is append-only'); END;
CREATE TRIGGER IF NOT EXISTS versions_append_only_delete BEFORE DELETE ON versions
BEGIN SELECT RAISE(ABORT, 'the returns register is append-only'); END;
"""

#: How long a writer waits for another (seconds): registrations take milliseconds.
_BUSY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Entry:
    """One registered version (a row of the register)."""

    id: int
    sha256: str
    file: str
    sent_as: str
    org_code: str | None
    year: int | None
    version: int | None
    received_at: datetime
    received_how: str
    return_date: date | None
    supersedes: int | None
    rows_read: int
    quarantined: int
    outcome: str

    @property
    def dated(self) -> date:
        """The day the version speaks for: the date on the return, else the day it was received."""
        return self.return_date or self.received_at.date()

    @property
    def order(self) -> tuple[date, datetime, int]:
        """Newer versions sort later (see the module docstring)."""
        return (self.dated, self.received_at, self.id)


@contextmanager
def connect(root: Path) -> Iterator[sqlite3.Connection]:
    """The register of ``root``, created when absent; closed on exit (nothing is left open)."""
    with closing(sqlite3.connect(root / REGISTER_NAME, timeout=_BUSY_TIMEOUT, isolation_level=None)) as db:
        db.execute("PRAGMA journal_mode = DELETE")  # one file to copy; a rollback journal while writing
        db.execute("PRAGMA synchronous = FULL")
        db.executescript(_SCHEMA)
        yield db


_COLUMNS = (
    "id, sha256, file, sent_as, org_code, year, version, received_at, received_how, return_date, "
    "supersedes, rows_read, quarantined, outcome"
)


def _entry(row: Sequence[object]) -> Entry:
    values = list(row)
    values[7] = datetime.fromisoformat(str(values[7]))
    values[9] = date.fromisoformat(str(values[9])) if values[9] else None
    return Entry(*values)  # type: ignore[arg-type]


def entries(db: sqlite3.Connection) -> list[Entry]:
    """Every registered version, in the order registered."""
    return [_entry(r) for r in db.execute(f"SELECT {_COLUMNS} FROM versions ORDER BY id")]


def outcome(rows_read: int, quarantined: int, placed: bool, unreadable: bool) -> str:
    """``accepted``, ``partly accepted``, ``rejected`` (no row usable) or ``unreadable``."""
    if unreadable:
        return "unreadable"
    if not placed or (rows_read and quarantined == rows_read):
        return "rejected"
    return "partly accepted" if quarantined else "accepted"


@dataclass(frozen=True)
class NewVersion:
    """What is known of a file about to be registered."""

    sha256: str
    file: str
    sent_as: str
    org_code: str | None
    year: int | None
    received_at: datetime
    received_how: str
    return_date: date | None
    rows_read: int
    quarantined: int
    outcome: str


def register(db: sqlite3.Connection, new: NewVersion, *, before_commit: object = None) -> tuple[Entry, bool]:
    """Register ``new`` in one transaction; ``(entry, True)``, or the existing entry and ``False``.

    The same bytes registered again change nothing. ``before_commit`` (a callable) runs inside the
    transaction, after the row is written and before it is committed, only when the row is new:
    ``ketnap receive`` copies the file into the data root there, so a failure or a kill leaves
    neither the row nor a missing file.
    """
    [(entry, is_new)] = register_all(db, [new], before_commit=before_commit)
    return entry, is_new


def register_all(
    db: sqlite3.Connection, news: Sequence[NewVersion], *, before_commit: object = None
) -> list[tuple[Entry, bool]]:
    """Register each of ``news`` in order, all in one transaction (``make data`` registers its new files so)."""
    db.execute("BEGIN IMMEDIATE")  # one writer at a time; the other waits (busy timeout)
    try:
        known = entries(db)
        by_sha = {e.sha256: e for e in known}
        done: list[tuple[Entry, bool]] = []
        for new in news:
            if new.sha256 in by_sha:
                done.append((by_sha[new.sha256], False))
                continue
            entry = _insert(db, new, [e for e in known if (e.org_code, e.year) == (new.org_code, new.year)])
            known.append(entry)
            by_sha[entry.sha256] = entry
            done.append((entry, True))
        if not any(is_new for _, is_new in done):
            db.execute("ROLLBACK")
            return done
        if callable(before_commit):
            before_commit()
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return done


def _insert(db: sqlite3.Connection, new: NewVersion, same: Sequence[Entry]) -> Entry:
    """Write one row; ``same`` are the versions already registered for its organisation and year."""
    version = supersedes = None
    if new.org_code is not None and new.year is not None:
        version = 1 + max((e.version or 0 for e in same), default=0)
        current = used_versions(same).get((new.org_code, new.year))
        if current is not None and (new.return_date or new.received_at.date(), new.received_at) > current.order[:2]:
            supersedes = current.version
    cursor = db.execute(
        "INSERT INTO versions (sha256, file, sent_as, org_code, year, version, received_at, received_how, "
        "return_date, supersedes, rows_read, quarantined, outcome, registered_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            new.sha256, new.file, new.sent_as, new.org_code, new.year, version,
            new.received_at.isoformat(timespec="seconds"), new.received_how,
            new.return_date.isoformat() if new.return_date else None, supersedes,
            new.rows_read, new.quarantined, new.outcome, datetime.now().isoformat(timespec="seconds"),
        ),
    )  # fmt: skip
    assert cursor.lastrowid is not None
    return Entry(
        cursor.lastrowid, new.sha256, new.file, new.sent_as, new.org_code, new.year, version,
        new.received_at.replace(microsecond=0), new.received_how, new.return_date, supersedes,
        new.rows_read, new.quarantined, new.outcome,
    )  # fmt: skip


def used_versions(versions: Sequence[Entry]) -> dict[tuple[str, int], Entry]:
    """The version each organisation's return for each year is read from: the newest (:attr:`Entry.order`)."""
    used: dict[tuple[str, int], Entry] = {}
    for entry in versions:
        if entry.org_code is None or entry.year is None:
            continue
        key = (entry.org_code, entry.year)
        if key not in used or entry.order > used[key].order:
            used[key] = entry
    return used
