"""The ingestion run: reference data, then every return, then the processed tables and interim files.

:func:`ingest` is what ``make data`` runs (through :mod:`ketnap.ingest.cli`). It reads the data
root, links people across files with the person key, refuses a second admission or conversion of
the same person and counts the same training certificate once, and writes the Parquet tables,
``manifest.json`` (last: its presence says the tables beside it are complete) and the interim
``quarantine.csv``, ``warnings.csv`` and ``reconciliation.csv``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from ketnap import __version__
from ketnap.config import paths
from ketnap.ingest.files import (
    Input,
    describe_failure,
    load_input,
    return_files,
)
from ketnap.ingest.issues import (
    IngestResult,
    Issue,
    SheetCount,
    Unreadable,
    issue_sort_key,
)
from ketnap.ingest.person import person_key, resolve_person_key
from ketnap.ingest.reference import OrganisationIndex, read_reference
from ketnap.ingest.returns import read_return_file
from ketnap.ingest.rows import Accepted
from ketnap.ingest.values import show
from ketnap.io import person_codes, write_csv, write_json_atomic, write_table
from ketnap.schema import DTYPES, ISSUE_COLUMNS, RECONCILIATION_COLUMNS, SORT_KEYS, TRAINING_COLUMNS, Level
from ketnap.schema import column as schema_column

__all__ = [
    "display_path",
    "ingest",
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
    inputs: list[Input] = []
    reference = read_reference(root, inputs, issues, counts)
    records = _read_returns(root, reference.index, today, secret, inputs, issues, counts, progress)
    for count in counts:
        # The promise of the reconciliation: no row is dropped silently.
        assert count.rows_read == count.loaded + count.quarantined + count.superseded, count

    tables = person_codes(
        {
            "sectors": _frame("sectors", reference.sectors),
            "organisations": _frame("organisations", reference.organisations),
            "targets": _frame("targets", reference.targets),
            "monthly_plans": _frame("monthly_plans", reference.monthly_plans),
            **{name: _frame(name, rows) for name, rows in records.items()},
            "returns": _frame("returns", []),
            "return_months": _frame("return_months", []),
        }
    )
    issues.sort(key=issue_sort_key)
    reconciliation = pd.DataFrame(
        [
            (c.file, c.sheet, "", None, None, True, c.rows_read, c.loaded, c.quarantined, c.superseded, "")
            for c in counts
        ],
        columns=RECONCILIATION_COLUMNS,
    )
    manifest: dict[str, Any] = {
        "data_root": display_path(root),
        "as_of": _as_of(tables),
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
    write_csv(_issue_rows(issues, "error"), ISSUE_COLUMNS, interim / "quarantine.csv")
    write_csv(_issue_rows(issues, "warning"), ISSUE_COLUMNS, interim / "warnings.csv")
    write_csv(reconciliation.itertuples(index=False), RECONCILIATION_COLUMNS, interim / "reconciliation.csv")
    # The manifest goes last: its presence says the tables beside it are complete.
    write_json_atomic(manifest, out / "manifest.json")
    return IngestResult(tables, issues, reconciliation, manifest)


def _read_returns(
    root: Path,
    index: OrganisationIndex,
    today: date,
    secret: str,
    inputs: list[Input],
    issues: list[Issue],
    counts: list[SheetCount],
    progress: Callable[[str], None] | None,
) -> dict[str, list[dict[str, Any]]]:
    """Every return under ``root``, in path order, so "the first occurrence" of a person is well defined.

    Appends to ``inputs``, ``issues`` and ``counts``; returns the accepted records per person table,
    each with its ``person_key`` instead of the ID number.
    """
    records: dict[str, list[dict[str, Any]]] = {"admissions": [], "training": [], "conversions": []}
    first_seen: dict[tuple[Any, ...], tuple[str, int]] = {}
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
    for position, path in enumerate(files, start=1):
        item = load_input(root, path)
        inputs.append(item)
        try:
            read = read_return_file(item, index, today)
        except Exception as exc:  # one bad file must not stop the others
            message = str(exc) if isinstance(exc, Unreadable) else describe_failure(exc)
            sheet = exc.sheet if isinstance(exc, Unreadable) else ""
            issues.append(Issue(item.file, sheet, None, None, "unreadable-file", message))
            counts.append(SheetCount(item.file, ""))
            read = None
        if read is not None:
            issues += read.issues
            counts += read.counts
            for row in read.accepted:
                keyed = person_key(row.record.pop("_id"), secret)
                repeat = _repeat(row, keyed, item.file, first_seen)
                if repeat is not None:
                    # Counted once: the repeat is quarantined (an error), so rows read still balance.
                    issues.append(repeat)
                    row.count.quarantined += 1
                    continue
                records[row.table].append(row.record | {"person_key": keyed})
                row.count.loaded += 1
        if progress is not None and position % _PROGRESS_EVERY == 0:
            progress(f"… {position}/{len(files)} returns read")
    return records


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
