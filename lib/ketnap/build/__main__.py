"""The report build's command line: ``python -m ketnap.build {makefile,batch,run,index}``.

``makefile`` prints one make rule per report of the default periods (the latest month in the data
and the last full year) or of ``--period``; ``batch`` runs the queued jobs (from make) or every
report of ``--period`` (or ``--default-periods``) in parallel, then rewrites the index; ``run`` runs one report by hand;
``index`` rewrites ``reports/index.html``. Exit codes (documented in the README): 0 all built,
1 a report failed, 2 bad parameters or missing data, 3 another build held the lock too long.

Only argument parsing and exit codes live here; the work is in :mod:`ketnap.build.batch`.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime
from pathlib import Path

from ketnap.build.batch import build, default_periods, jobs_for_period, makefile, read_queue, sector_codes
from ketnap.build.catalog import REPORTS, Job, find_report
from ketnap.build.index import write_index
from ketnap.build.runner import BuildError
from ketnap.config import paths
from ketnap.io import read_manifest
from ketnap.labels import LANGS
from ketnap.lock import LockTimeout
from ketnap.periods import parse_period

__all__ = ["EXIT_FAILED", "EXIT_LOCKED", "EXIT_OK", "EXIT_USAGE", "main"]

# Exit codes of `python -m ketnap.build` (and so of `make reports`), documented in the README.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


def main(argv: list[str] | None = None) -> int:
    """``python -m ketnap.build {makefile,batch,run,index}``: see the module docstring; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m ketnap.build", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    mk = sub.add_parser("makefile", help="print make rules for the reports of the default periods or --period")
    mk.add_argument("--period", action="append", help="a period such as 2024-02, 2024-Q1 or 2023 (repeatable)")
    batch = sub.add_parser("batch", help="run the queued jobs (from make) or every report of --period, then the index")
    batch.add_argument("--queue", type=Path, help="a file of queued jobs, one `report period sector|-` per line")
    batch.add_argument("--period", action="append", help="build every report of this period (repeatable)")
    batch.add_argument(
        "--default-periods", action="store_true", help="build every report of the default periods (as `make reports`)"
    )
    batch.add_argument("--no-cards", action="store_true", help="with --period: leave out the organisation cards")
    run = sub.add_parser("run", help="run one report")
    run.add_argument("report", help=f"one of: {', '.join(s.id for s in REPORTS)}")
    run.add_argument("--period", required=True)
    run.add_argument("--sector")
    run.add_argument("--org", help="the organisation's code, for organisation-card")
    run.add_argument("--group", help="the working group's code, for group")
    for command in (batch, run):
        command.add_argument("--lang", default="vi", help="report language: vi (default) or en")
        command.add_argument("--no-pdf", action="store_true", help="skip the PDF")
    sub.add_parser("index", help="rewrite reports/index.html from the recorded statuses")
    args = parser.parse_args(argv)
    try:
        p = paths()  # a bad KETNAP_* setting is a usage error (SettingError is a ValueError)
        if args.command == "makefile":
            as_of = datetime.fromisoformat(str(read_manifest(p.processed)["as_of"]))
            print(makefile(args.period or default_periods(as_of), p))
            return EXIT_OK
        if args.command == "index":
            print(f"index   {write_index(p)}")
            return EXIT_OK
        if args.lang not in LANGS:
            raise BuildError(f"unknown language {args.lang!r}; valid: {', '.join(LANGS)}")
        if args.command == "run":
            spec = find_report(args.report)
            parse_period(args.period)
            sectors = sector_codes(p)
            if spec.per_sector and args.sector not in sectors:
                raise BuildError(f"unknown sector {args.sector!r}; valid: {', '.join(sectors)}")
            if spec.per_org and not args.org:
                raise BuildError(f"{spec.id} needs --org <org_code>")
            if spec.per_group and not args.group:
                raise BuildError(f"{spec.id} needs --group <code>")
            jobs = [Job(spec, args.period, args.sector, args.org if spec.per_org else None,
                        args.group if spec.per_group else None)]  # fmt: skip
        else:
            jobs = read_queue(args.queue) if args.queue else []
            periods = list(args.period or [])
            if args.default_periods:
                periods += default_periods(datetime.fromisoformat(str(read_manifest(p.processed)["as_of"])))
            jobs += [
                job
                for period in periods
                for job in jobs_for_period(period, p)
                if not (args.no_cards and job.report.per_org)
            ]
        outcomes = build(jobs, lang=args.lang, pdf=not args.no_pdf, p=p)
    except LockTimeout as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_LOCKED
    except (BuildError, ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
