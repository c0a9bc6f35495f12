"""The ingestion run: reference data, then every return, then the processed tables and interim files.

:func:`ingest` is what ``make data`` runs (through :mod:`ketnap.ingest.cli`). It reads the data
root, links people across files with the person key, refuses a second admission of the same
person, and writes the Parquet tables, ``manifest.json`` (last: its presence says the tables
beside it are complete) and the interim ``quarantine.csv``, ``warnings.csv`` and
``reconciliation.csv``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pandas as pd

from ketnap import __version__
from ketnap.body import BodyError
from ketnap.body import find as find_body
from ketnap.body import read as read_body
from ketnap.config import paths, settings
from ketnap.ingest.files import (
    Input,
    describe_failure,
    load_input,
    return_files,
)
from ketnap.ingest.issues import (
    IngestResult,
    Issue,
    ReferenceDataError,
    SheetCount,
    Unreadable,
    issue_sort_key,
)
from ketnap.ingest.person import person_key, resolve_person_key
from ketnap.ingest.reference import OrganisationIndex, read_reference
from ketnap.ingest.register import (
    REGISTER_NAME,
    Entry,
    NewVersion,
    connect,
    entries,
    outcome,
    register_all,
    used_versions,
)
from ketnap.ingest.returns import ReturnRead, read_return_file
from ketnap.ingest.rows import Accepted
from ketnap.ingest.timeliness import month_statuses, reports_through
from ketnap.ingest.values import show
from ketnap.io import person_codes, write_csv, write_json_atomic, write_table
from ketnap.schema import DTYPES, ISSUE_COLUMNS, RECONCILIATION_COLUMNS, SORT_KEYS, TRAINING_COLUMNS, Level
from ketnap.schema import column as schema_column

__all__ = [
    "ReadFile",
    "display_path",
    "ingest",
    "new_version",
    "read_input",
]


# Print a progress line every this many returns.
_PROGRESS_EVERY = 50


def _frame(name: str, records: list[dict[str, Any]]) -> pd.DataFrame:
    dtypes = DTYPES[name]
    frame = pd.DataFrame.from_records(records, columns=list(dtypes))
    for column, dtype in dtypes.items():
        if dtype.startswith("datetime64"):
            frame[column] = pd.to_datetime(frame[column].astype("object")).astype(dtype)
        else:
            frame[column] = frame[column].astype(dtype)
    return frame.sort_values(SORT_KEYS[name], na_position="first", kind="stable", ignore_index=True)


def display_path(path: Path) -> str:
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

    Files not yet in the returns register (``<root>/register.sqlite``, :mod:`ketnap.ingest.register`)
    are registered; each return is read from its newest version, the others are superseded.

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
    deadline = settings().return_deadline
    secret, key_source = resolve_person_key(root, key)

    issues: list[Issue] = []
    counts: list[SheetCount] = []
    inputs: list[Input] = []
    # The reporting body first: a wrong body.toml stops ingestion before anything is read or written.
    body_file = find_body(root)
    try:
        reporting_body = read_body(body_file)
    except BodyError as exc:
        raise ReferenceDataError(str(exc)) from None
    reference = read_reference(root, inputs, issues, counts)
    files = _read_returns(root, reference.index, today, inputs, issues, progress)
    versions = _choose_versions(root, files)
    records = _load_rows(files, secret, issues)
    recon_rows: list[tuple[SheetCount, Entry | None, bool, str]] = [(c, None, True, "") for c in counts]
    recon_rows += [(c, f.entry, f.used, f.note) for f in files for c in f.counts]
    for count, *_ in recon_rows:
        # The promise of the reconciliation: no row is dropped silently.
        assert count.rows_read == count.loaded + count.quarantined + count.superseded, count

    organisations = _frame("organisations", reference.organisations)
    tables = person_codes(
        {
            "sectors": _frame("sectors", reference.sectors),
            "groups": _frame("groups", reference.groups),
            "organisations": organisations,
            "organisation_events": _frame("organisation_events", reference.events),
            "targets": _frame("targets", reference.targets),
            "monthly_plans": _frame("monthly_plans", reference.monthly_plans),
            **{name: _frame(name, rows) for name, rows in records.items()},
            "returns": _frame("returns", _returns_table(files)),
            "return_months": _frame("return_months", month_statuses(versions, organisations, deadline, today)),
        }
    )
    issues.sort(key=issue_sort_key)
    reconciliation = pd.DataFrame(
        [
            (
                c.file, c.sheet, *((e.org_code, e.year, e.version) if e and e.org_code else ("", "", "")),
                used, c.rows_read, c.loaded, c.quarantined, c.superseded, note,
            )
            for c, e, used, note in recon_rows
        ],
        columns=RECONCILIATION_COLUMNS,
    )  # fmt: skip
    manifest: dict[str, Any] = {
        "data_root": display_path(root),
        "body": reporting_body.as_json(),
        "body_file": display_path(body_file),
        "as_of": _as_of(tables),
        "inputs": [{"file": i.file, "sha256": i.sha256, "bytes": i.size} for i in inputs],
        "row_counts": {name: len(frame) for name, frame in tables.items()},
        "rows_quarantined": int(reconciliation["quarantined"].sum()),
        "errors": sum(i.level == "error" for i in issues),
        "warnings": sum(i.level == "warning" for i in issues),
        "unreadable_files": sorted({i.file for i in issues if i.rule == "unreadable-file"}),
        "person_key_source": key_source,
        "today": today.isoformat(),
        "return_deadline": deadline,
        "returns_register": {"versions": len(versions), "file": f"{display_path(root)}/{REGISTER_NAME}"},
        "ketnap_version": __version__,
        "ingested_at": started.isoformat(timespec="seconds"),
    }

    for name, frame in tables.items():
        write_table(frame, name, out)
    write_csv(_issue_rows(issues, "error"), ISSUE_COLUMNS, interim / "quarantine.csv")
    write_csv(_issue_rows(issues, "warning"), ISSUE_COLUMNS, interim / "warnings.csv")
    write_csv(reconciliation.itertuples(index=False), RECONCILIATION_COLUMNS, interim / "reconciliation.csv")
    # The manifest goes last: its presence says the tables beside it are complete.
    write_json_atomic(manifest, out / "manifest.json")
    return IngestResult(tables, issues, reconciliation, manifest)


@dataclass
class ReadFile:
    """One file under ``returns/``, read (``read`` is ``None`` when it could not be), and its version."""

    item: Input
    read: ReturnRead | None
    counts: list[SheetCount]
    issues: list[Issue]
    entry: Entry | None = None
    used: bool = True
    note: str = ""

    @property
    def placed(self) -> tuple[str, int] | None:
        """Whose return it is and for which year, when the file says so (else ``None``)."""
        if self.read is None or self.read.org_code is None or self.read.year is None:
            return None
        return self.read.org_code, self.read.year


def read_input(item: Input, index: OrganisationIndex, today: date) -> ReadFile:
    """Read one return file; a file that cannot be read gets one ``unreadable-file`` issue."""
    try:
        read = read_return_file(item, index, today)
    except Exception as exc:  # one bad file must not stop the others
        message = str(exc) if isinstance(exc, Unreadable) else describe_failure(exc)
        sheet = exc.sheet if isinstance(exc, Unreadable) else ""
        return ReadFile(
            item, None, [SheetCount(item.file, "")], [Issue(item.file, sheet, None, None, "unreadable-file", message)]
        )
    return ReadFile(item, read, read.counts, read.issues)


def new_version(file: ReadFile, *, received_at: datetime | None = None, sent_as: str | None = None) -> NewVersion:
    """The register row of a file: received now (``receive``), else dated by the return, else by the file's time."""
    read = file.read
    return_date = read.return_date if read else None
    if received_at is not None:
        how = "receive"
    elif return_date is not None:
        received_at, how = datetime.combine(return_date, time()), "info-sheet"
    else:
        received_at, how = datetime.fromtimestamp(file.item.path.stat().st_mtime).replace(microsecond=0), "file-time"
    rows_read = sum(c.rows_read for c in file.counts)
    quarantined = sum(c.quarantined for c in file.counts)
    org_code, year = file.placed or (None, None)
    return NewVersion(
        sha256=file.item.sha256,
        file=file.item.file,
        sent_as=sent_as or file.item.path.name,
        org_code=org_code,
        year=year,
        received_at=received_at,
        received_how=how,
        return_date=return_date,
        rows_read=rows_read,
        quarantined=quarantined,
        outcome=outcome(rows_read, quarantined, file.placed is not None, read is None),
    )


def _read_returns(
    root: Path,
    index: OrganisationIndex,
    today: date,
    inputs: list[Input],
    issues: list[Issue],
    progress: Callable[[str], None] | None,
) -> list[ReadFile]:
    """Every file under ``root/returns``, in path order, read; attachments reported, not read."""
    files, attachments = return_files(root)
    for path in attachments:
        item = load_input(root, path)
        inputs.append(item)
        issues.append(
            Issue(
                item.file,
                "",
                None,
                None,
                "attachment",
                "not a return (a scan, a document, a lock or system file beside the returns): kept, not read",
            )
        )
    read: list[ReadFile] = []
    for position, path in enumerate(files, start=1):
        item = load_input(root, path)
        inputs.append(item)
        read.append(read_input(item, index, today))
        if progress is not None and position % _PROGRESS_EVERY == 0:
            progress(f"… {position}/{len(files)} returns read")
    return read


def _choose_versions(root: Path, files: list[ReadFile]) -> list[Entry]:
    """Register the files not yet in the register, then mark which file each return is read from.

    New files are registered in the order they are dated (then file time, then path), so their
    version numbers follow time. Returns the register's entries for the files present.
    """
    with connect(root) as db:
        by_sha = {e.sha256: e for e in entries(db)}
        new = [new_version(f) for f in files if f.item.sha256 not in by_sha]
        dated = sorted(new, key=lambda v: (v.return_date or v.received_at.date(), v.received_at, v.file))
        by_sha |= {e.sha256: e for e, _ in register_all(db, dated)}
    present: list[Entry] = []
    first_path: dict[str, str] = {}
    for file in files:
        file.entry = by_sha[file.item.sha256]
        if file.item.sha256 in first_path and file.entry.org_code is not None:
            file.used, file.note = False, f"the same file as {first_path[file.item.sha256]}; read once"
            continue
        first_path[file.item.sha256] = file.item.file
        present.append(file.entry)
    used = used_versions(present)
    for file in files:
        entry = file.entry
        if entry is None or not file.used or entry.org_code is None or entry.year is None:
            continue
        newest = used[(entry.org_code, entry.year)]
        if newest.id == entry.id:
            file.note = f"version {entry.version}, the newest (dated {entry.dated:%d/%m/%Y})"
        else:
            file.used = False
            file.note = (
                f"version {entry.version} (dated {entry.dated:%d/%m/%Y}), replaced by version {newest.version} "
                f"({first_path[newest.sha256]}, dated {newest.dated:%d/%m/%Y})"
            )
    return present


def _load_rows(files: list[ReadFile], secret: str, issues: list[Issue]) -> dict[str, list[dict[str, Any]]]:
    """The accepted records of the versions in use, each with its ``person_key`` instead of the ID number.

    A superseded version's rows are counted as superseded, and its issues give way to one
    ``superseded-version`` warning (they are in that version's receipt). A person admitted or
    converted twice, or a certificate listed twice, is kept the first time, in path order (:func:`_repeat`).
    """
    records: dict[str, list[dict[str, Any]]] = {"admissions": [], "training": [], "conversions": []}
    first_seen: dict[tuple[Any, ...], tuple[str, int]] = {}
    for file in files:
        if not file.used:
            for count in file.counts:
                count.superseded, count.quarantined = count.rows_read, 0
            issues.append(Issue(file.item.file, "", None, None, "superseded-version", f"{file.note}: not counted"))
            continue
        issues.extend(file.issues)
        for row in file.read.accepted if file.read else []:
            keyed = person_key(row.record.pop("_id"), secret)
            repeat = _repeat(row, keyed, file.item.file, first_seen)
            if repeat is not None:
                # Counted once: the repeat is quarantined (an error), so rows read still balance.
                issues.append(repeat)
                row.count.quarantined += 1
                continue
            records[row.table].append(row.record | {"person_key": keyed})
            row.count.loaded += 1
    return records


def _returns_table(files: list[ReadFile]) -> list[dict[str, Any]]:
    """The ``returns`` table: one row per version present, placed in an organisation and a year."""
    used = {(f.entry.org_code, f.entry.year): f.entry.version for f in files if f.used and f.entry}
    rows = []
    seen: set[str] = set()
    for file in files:
        entry = file.entry
        if entry is None or entry.org_code is None or entry.year is None or entry.sha256 in seen:
            continue
        seen.add(entry.sha256)
        current = used.get((entry.org_code, entry.year))
        rows.append(
            {
                "org_code": entry.org_code,
                "year": entry.year,
                "version": entry.version,
                "file": file.item.file,
                "sha256": entry.sha256,
                "received_at": entry.received_at,
                "received_how": entry.received_how,
                "return_date": entry.return_date,
                "reports_through": reports_through(entry.year, entry.dated),
                "used": file.used,
                "superseded_by": None if file.used else current,
                "rows_read": sum(c.rows_read for c in file.counts),
                "quarantined": sum(c.quarantined for c in file.counts) if file.used else entry.quarantined,
            }
        )
    return rows


def _repeat(row: Accepted, keyed: str, file: str, first_seen: dict[tuple[Any, ...], tuple[str, int]]) -> Issue | None:
    """The issue for a row that repeats one already loaded, or ``None`` (the row is then recorded as seen).

    A person is admitted once and converted once (``duplicate-person``); a training certificate is
    one person's on one date (``duplicate-certificate``): a person may hold several, of different
    dates. "Already loaded" spans every return read so far, whatever its organisation.
    """
    if row.table == "training":
        seen: tuple[Any, ...] = (row.table, keyed, row.record["completion_date"])
    else:
        seen = (row.table, keyed)
    earlier = first_seen.get(seen)
    if earlier is None:
        first_seen[seen] = (file, row.row)
        return None
    where = f"{earlier[0]} row {earlier[1]}"
    if row.table == "training":
        dated = schema_column(TRAINING_COLUMNS, "completion_date").header
        return Issue(
            file,
            row.count.sheet,
            row.row,
            row.id_header,
            "duplicate-certificate",
            f"the same certificate (same ID number, same {dated}) is already in {where}: counted once, from there",
            show(row.record["completion_date"]),
        )
    what = "admitted" if row.table == "admissions" else "converted"
    message = f"already {what} in {where}; the first is kept"
    return Issue(file, row.count.sheet, row.row, row.id_header, "duplicate-person", message)


def _as_of(tables: dict[str, pd.DataFrame]) -> str | None:
    """The data-as-of date: the latest date in any return (ISO), or ``None`` when there is none."""
    dates = [
        tables["admissions"]["admission_date"],
        tables["training"]["completion_date"],
        tables["conversions"]["conversion_date"],
        tables["conversions"]["admission_date"],
    ]
    latest = max((s.max() for s in dates if s.notna().any()), default=None)
    return latest.date().isoformat() if latest is not None else None


def _issue_rows(issues: list[Issue], level: Level) -> list[tuple[Any, ...]]:
    """The lines of ``quarantine.csv`` (errors) or ``warnings.csv`` (warnings), in :data:`ISSUE_COLUMNS` order."""
    return [
        (i.file, i.sheet, "" if i.row is None else i.row, i.column or "", i.rule, i.message, i.value or "")
        for i in issues
        if i.level == level
    ]
