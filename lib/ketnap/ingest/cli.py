"""The command line of ingestion: ``python -m ketnap.ingest`` (what ``make data`` runs).

Takes the build lock, runs :func:`ketnap.ingest.run.ingest` and prints the reconciliation per
file, the totals and every error and warning. Flags: ``--root``, ``--out``, ``--interim``, ``--today``.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from ketnap.config import SettingError, paths, settings
from ketnap.ingest.issues import IngestResult, PersonKeyError, ReferenceDataError
from ketnap.ingest.run import display_path, ingest

__all__ = [
    "format_report",
    "main",
]


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
    counts = ["rows_read", "loaded", "quarantined", "superseded"]
    per_file = recon.groupby("file", sort=False)[counts].sum()
    width = max([len("file"), *(len(f) for f in per_file.index)])
    lines = [f"{'file':<{width}}  {'read':>6}  {'loaded':>6}  {'quarantined':>11}  {'superseded':>10}"]
    for file, row in per_file.iterrows():
        if file in unreadable:
            lines.append(f"{file:<{width}}  {'–':>6}  {'–':>6}  {'–':>11}  {'–':>10}  unreadable")
            continue
        flag = "  ✗" if row["quarantined"] else ""
        numbers = f"{row['rows_read']:>6}  {row['loaded']:>6}  {row['quarantined']:>11}  {row['superseded']:>10}"
        lines.append(f"{file:<{width}}  {numbers}{flag}")
    total = per_file.sum()
    numbers = f"{total['rows_read']:>6}  {total['loaded']:>6}  {total['quarantined']:>11}  {total['superseded']:>10}"
    lines.append(f"{'total':<{width}}  {numbers}")
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
    reference data is unusable, no person key is configured or a ``KETNAP_*`` setting is wrong,
    3 when another build or ingestion held the lock too long.
    """
    parser = argparse.ArgumentParser(
        prog="python -m ketnap.ingest",
        description="Ingest the returns (data/raw, else the sample) into data/processed.",
    )
    parser.add_argument(
        "--root", type=Path, help="data root (default: data/raw if it has reference data, else data/sample)"
    )
    parser.add_argument("--out", type=Path, help="processed folder (default: data/processed)")
    parser.add_argument("--interim", type=Path, help="interim folder (default: data/interim)")
    parser.add_argument("--today", type=date.fromisoformat, help="check dates against this day (YYYY-MM-DD)")
    args = parser.parse_args(argv)
    try:
        settings()
    except SettingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    root = args.root or paths().data_root()
    print(f"ketnap ingest: {display_path(root)}", flush=True)
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
    written = [display_path(args.out or paths().processed), display_path(args.interim or paths().interim)]
    manifest = result.manifest
    print(f"\nas of {manifest['as_of']}; person key: {manifest['person_key_source']}")
    print(f"wrote {' and '.join(written)}")
    return 0
