"""The report build's command line: ``python -m ketnap.build {makefile,batch,run,index,issue,verify-issued}``.

``makefile`` prints one make rule per report of the default periods (the latest month in the data
and the last full year) or of ``--period``; ``batch`` runs the queued jobs (from make) or every
report of ``--period`` (or ``--default-periods``) in parallel, then rewrites the index; ``run``
runs one report by hand; ``index`` rewrites ``reports/index.html``; ``issue`` freezes a period's
reports in ``reports/issued/<period>/<n>/`` (:mod:`ketnap.build.issue`) and ``verify-issued``
checks every archive against its checksums. Exit codes (documented in the README): 0 all built
(issued, verified), 1 a report failed (an issued file is not as issued), 2 bad parameters or
missing data, 3 another build held the lock too long, 4 the issue was refused (the one-line
reason on stderr).

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
from ketnap.config import Paths, paths
from ketnap.io import read_manifest
from ketnap.labels import LANGS, t
from ketnap.lock import LockTimeout
from ketnap.periods import parse_period

__all__ = ["EXIT_FAILED", "EXIT_LOCKED", "EXIT_OK", "EXIT_REFUSED", "EXIT_USAGE", "main"]

# Exit codes of `python -m ketnap.build` (and so of `make reports`), documented in the README.
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_LOCKED, EXIT_REFUSED = 0, 1, 2, 3, 4


def main(argv: list[str] | None = None) -> int:
    """``python -m ketnap.build <command>``: see the module docstring; returns the exit code."""
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
    issue = sub.add_parser("issue", help="issue (ban hành) a period: freeze its reports in reports/issued/")
    issue.add_argument("--period", required=True, help="the period, as built (2024-02, 2023-Q4, 2023)")
    issue.add_argument("--by", help="who issues it (recorded and shown with the date)")
    issue.add_argument("--number", type=int, help="the issue's number (default: the next one; never overwrites)")
    issue.add_argument("--lang", default="vi", help="language of the messages: vi (default) or en")
    sub.add_parser("verify-issued", help="check every issued file against its recorded SHA-256")
    args = parser.parse_args(argv)
    try:
        p = paths()  # a bad KETNAP_* setting is a usage error (SettingError is a ValueError)
        if args.command in ("issue", "verify-issued"):
            return issue_command(args, p) if args.command == "issue" else verify_command(p)
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


def issue_command(args: argparse.Namespace, p: Paths) -> int:
    """``issue``: archive the period, then rebuild its reports that compared with the previous issue."""
    from ketnap.build.issue import IssueRefused, issue, revised_jobs

    if args.lang not in LANGS:
        raise BuildError(f"unknown language {args.lang!r}; valid: {', '.join(LANGS)}")
    parse_period(args.period)
    try:
        made = issue(args.period, by=args.by, number=args.number, lang=args.lang, p=p)
    except IssueRefused as refused:
        print(f"ketnap issue: {refused}", file=sys.stderr)
        return EXIT_REFUSED
    files = sum(1 for f in made.folder.rglob("*") if f.is_file())
    print(t("issue.done", args.lang, period=made.period, number=made.number, files=files, folder=made.folder))
    stale = revised_jobs(args.period, p)
    if stale:  # they said "changed since issue n-1": now they compare with this issue
        print(t("issue.rebuilt", args.lang, count=len(stale)), flush=True)
        outcomes = build(stale, p=p)
        return EXIT_OK if all(o.ok for o in outcomes) else EXIT_FAILED
    write_index(p)
    return EXIT_OK


def verify_command(p: Paths) -> int:
    """``verify-issued``: every archived file against ``SHA256SUMS``; non-zero when any is not as issued."""
    from ketnap.build.issue import ISSUED, verify

    checked, problems = verify(p)
    if not checked:
        print(t("issue.verify.none", "vi", folder=p.reports / ISSUED))
        return EXIT_OK
    for found in checked:
        mine = [problem for problem in problems if found.folder in problem.file.parents]
        if not mine:
            files = sum(1 for f in found.folder.rglob("*") if f.is_file()) - 1
            print(t("issue.verify.ok", "vi", folder=found.folder, files=files))
    for problem in problems:
        print(t(f"issue.verify.{problem.kind}", "vi", file=problem.file), file=sys.stderr)
    if problems:
        print(t("issue.verify.failed", "vi", count=len(problems)), file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
