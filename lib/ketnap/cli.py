"""The ``ketnap`` command line: headline numbers from the processed tables, and returns received.

``ketnap summary --period 2024-02 [--sector wards-communes] [--json] [--lang vi|en]`` prints the
headline metrics as a table (or a JSON object). ``ketnap receive FILE... [--org CODE] [--year YEAR]
[--received DATE] [--no-pdf]`` receives returns (:mod:`ketnap.ingest.receive`) and writes their
receipts (:mod:`ketnap.build.receipts`), and ``ketnap receipts [--org] [--year]`` writes them for
returns registered by ``make data``; ``ketnap issue PERIOD [--by NAME]`` and ``ketnap verify-issued``
are ``make issue`` and ``make verify-issued`` (:mod:`ketnap.build.issue`, through
``python -m ketnap.build``, with its exit codes): the one place the top level reaches into the
wings, inside those commands' handlers. Each command is a subparser with a handler.

Exit codes: 0 success, 1 data missing (run ``make data``), 2 usage error (bad period, unknown
sector, bad option), each with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path
from typing import Any

from ketnap import fmt, indicators, io
from ketnap.config import SettingError, paths
from ketnap.labels import LANGS, t
from ketnap.metrics import UnknownSectorError, summary
from ketnap.periods import PERIOD_FORMS, PeriodError, parse_period

__all__ = ["JSON_KEYS", "build_parser", "main", "summary_json", "summary_table"]

#: Keys every ``summary --json`` object holds (more may follow).
JSON_KEYS: tuple[str, ...] = (
    "period", "sector", "admitted", "target", "attainment_pct", "trained", "training_plan",
    "training_attainment_pct", "organisations_with_trainees",
)  # fmt: skip


class UsageError(Exception):
    """A bad argument value found after parsing (exit code 2)."""


def _json_number(key: str, value: Any) -> Any:
    """An indicator of the catalogue as every report shows it (:func:`ketnap.indicators.rounded`);
    other numbers: NaN to null, percentages to one decimal, whole floats to ints, other floats to one decimal."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    if key in indicators.INDICATORS:
        return indicators.rounded(key, value)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return None
        if key.endswith("_pct"):
            return fmt.round_half_up(value, 1)
        if value.is_integer():
            return int(value)
        return fmt.round_half_up(value, 1)
    return value


def summary_json(headline: dict[str, Any]) -> str:
    """The :func:`ketnap.metrics.summary` dict as JSON: numbers as numbers, ``null`` when missing."""
    return json.dumps({k: _json_number(k, v) for k, v in headline.items()}, ensure_ascii=False, indent=2)


def summary_table(headline: dict[str, Any], lang: str = "vi") -> str:
    """The headline numbers as a two-column text table (labels from the catalog, values via fmt)."""

    def integer(key: str) -> str:
        return fmt.integer(headline[key], lang)

    def pct(key: str) -> str:
        return fmt.pct(headline[key], lang)

    no_target = t("metric.no_target", lang)
    no_plan = t("metric.no_plan", lang)
    # NaN > 0 is False, so a missing target reads like a zero one: "không giao chỉ tiêu".
    target = headline["target"]
    plan = headline["training_plan"]
    projection_range = fmt.NA
    if not fmt.is_missing(headline["projection_low"]):
        projection_range = f"{integer('projection_low')}–{integer('projection_high')}"
    rows: list[tuple[str, str]] = [
        (t("report.period", lang), fmt.period_label(headline["period"], lang)),
        (t("metric.scope", lang), str(headline["name"])),
        (t("metric.organisations", lang), integer("organisations")),
        (t("metric.admitted", lang), integer("admitted")),
        (t("metric.target", lang), fmt.integer(target, lang) if target > 0 else no_target),
        (t("metric.attainment_pct", lang), pct("attainment_pct")),
        (t("metric.months_elapsed_pct", lang), pct("months_elapsed_pct")),
        (t("metric.expected", lang), fmt.number(headline["expected"], lang, decimals=1)),
        (t("metric.needed_per_month", lang), fmt.number(headline["needed_per_month"], lang, decimals=1)),
        (t("metric.projection", lang), integer("projection")),
        (t("metric.projection_range", lang), projection_range),
        (t("metric.admitted_last_year", lang), integer("admitted_last_year")),
        (t("metric.yoy_change_pct", lang), pct("yoy_change_pct")),
        (t("metric.trained", lang), integer("trained")),
        (t("metric.training_plan", lang), fmt.integer(plan, lang) if plan > 0 else no_plan),
        (t("metric.training_attainment_pct", lang), pct("training_attainment_pct")),
        (t("metric.organisations_with_trainees", lang), integer("organisations_with_trainees")),
        (t("metric.organisations_behind_pace", lang), integer("organisations_behind_pace")),
        (t("metric.organisations_no_admissions", lang), integer("organisations_no_admissions")),
        (t("metric.organisations_below_10pct", lang), integer("organisations_below_10pct")),
        (t("metric.organisations_none_2y", lang), integer("organisations_none_2y")),
    ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


def _summary(args: argparse.Namespace) -> int:
    try:
        period = parse_period(args.period)
    except PeriodError as error:
        raise UsageError(str(error)) from None
    tables = io.load()
    try:
        headline = summary(tables, period, args.sector, lang=args.lang)
    except UnknownSectorError as error:
        raise UsageError(str(error)) from None
    print(summary_json(headline) if args.json else summary_table(headline, args.lang))
    return 0


def _date_time(text: str) -> datetime:
    """``--received``: ``dd/mm/yyyy`` or ``yyyy-mm-dd``, with ``HH:MM`` after a space if known."""
    for form in ("%d/%m/%Y %H:%M", "%d/%m/%Y", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), form)
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"not a date: {text!r} (dd/mm/yyyy, optionally HH:MM)")


def _write_receipts(receipts: Sequence[Any], args: argparse.Namespace) -> list[Path]:
    """Write each receipt (HTML, and PDF unless ``--no-pdf``, one browser for all); the paths printed."""
    from ketnap.build.receipts import write_receipt
    from ketnap.build.runner import Printer

    with ExitStack() as stack:
        printer = None if args.no_pdf else stack.enter_context(Printer())
        return [
            write_receipt(r, paths().receipts, lang=args.lang, pdf=not args.no_pdf, printer=printer)[-1]
            for r in receipts
        ]


def _receive(args: argparse.Namespace) -> int:
    # The commands that cross the wings: ingestion checks and registers, the build prints receipts.
    from ketnap.ingest.issues import ReferenceDataError
    from ketnap.ingest.receive import ReceiveError, receive

    p = paths()
    root = p.data_root()
    if root == p.sample:
        raise UsageError(
            f"{p.raw} has no reference data (reference/organisations.xlsx), so received returns would not be read: "
            "copy the reference files there first (see README, Data)"
        )
    try:
        received = receive(args.files, root=root, org=args.org, year=args.year, received=args.received)
    except (ReceiveError, ReferenceDataError) as error:
        raise UsageError(str(error)) from None
    written = _write_receipts([item.receipt for item in received], args)
    for item, path in zip(received, written, strict=True):
        entry, receipt = item.entry, item.receipt
        who = f"{entry.org_code} {entry.year}" if entry.org_code else "unplaced"
        if not item.new:
            what = f"already received on {entry.received_at:%d/%m/%Y %H:%M} as {entry.file}: nothing changed"
        elif entry.org_code is None:
            what = f"refused ({entry.outcome}), kept as {entry.file}"
        else:
            replaces = f", replaces version {receipt.previous_version}" if receipt.previous_version else ""
            late = ", late" if receipt.late else ""
            what = f"version {entry.version}{replaces}{late}: {entry.outcome}, stored as {entry.file}"
        print(f"{receipt.file_name}: {who}: {what}")
        print(f"  receipt: {path}")
    if any(item.new and item.entry.org_code for item in received):
        print("Run `make reports` to bring the figures up to date.")
    return 0


def _receipts(args: argparse.Namespace) -> int:
    # As `receive`, for the versions registered by `make data` (files dropped into data/raw by hand).
    from ketnap.ingest.issues import ReferenceDataError
    from ketnap.ingest.receive import ReceiveError, receipts

    try:
        found = receipts(paths().data_root(), org=args.org, year=args.year)
    except (ReceiveError, ReferenceDataError) as error:
        raise UsageError(str(error)) from None
    for receipt, path in zip(found, _write_receipts(found, args), strict=True):
        print(f"{receipt.stored_as}: {path}")
    print(f"{len(found)} receipts in {paths().receipts}")
    return 0


def _issue(args: argparse.Namespace) -> int:
    # The build wing's commands, as `make issue` and `make verify-issued` run them.
    from ketnap.build.__main__ import main as build_main

    if args.command == "verify-issued":
        return build_main(["verify-issued"])
    extra = [*(["--by", args.by] if args.by else []), *(["--number", str(args.number)] if args.number else [])]
    return build_main(["issue", "--period", args.period, "--lang", args.lang, *extra])


def build_parser() -> argparse.ArgumentParser:
    """The ``ketnap`` parser: one subparser per command, each with a ``handler`` default."""
    parser = argparse.ArgumentParser(
        prog="ketnap", description="Admissions of new Party members by sector against target."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    summary_cmd = commands.add_parser(
        "summary", help="headline numbers for a period", description="Headline numbers for a period."
    )
    summary_cmd.add_argument("--period", required=True, help=f"{PERIOD_FORMS}")
    summary_cmd.add_argument("--sector", help="a sector code (default: the whole city)")
    summary_cmd.add_argument("--json", action="store_true", help="print a JSON object instead of a table")
    summary_cmd.add_argument("--lang", choices=LANGS, default="vi", help="language of labels and numbers")
    summary_cmd.set_defaults(handler=_summary)
    receive_cmd = commands.add_parser(
        "receive",
        help="receive returns: check, store, register, write a receipt",
        description="Receive returns into data/raw: check each at once, keep it under a stable name, record it "
        "in the returns register and write its receipt (HTML and PDF) under data/receipts.",
    )
    receive_cmd.add_argument("files", nargs="+", type=Path, metavar="FILE", help="the returns as they arrived")
    receive_cmd.add_argument("--org", help="the organisation (code or name): checked against the return; names a CSV")
    receive_cmd.add_argument("--year", type=int, help="the year of a CSV return (a workbook says its own)")
    receive_cmd.add_argument("--received", type=_date_time, help="when it arrived, dd/mm/yyyy [HH:MM] (default: now)")
    receive_cmd.add_argument("--lang", choices=LANGS, default="vi", help="language of the receipt")
    receive_cmd.add_argument("--no-pdf", action="store_true", help="write the HTML receipt only (no browser)")
    receive_cmd.set_defaults(handler=_receive)
    receipts_cmd = commands.add_parser(
        "receipts",
        help="write the receipts of returns registered by `make data`",
        description="Write the receipt of every registered return still on file (files dropped into data/raw by "
        "hand are registered by `make data`, without a receipt).",
    )
    receipts_cmd.add_argument("--org", help="only this organisation (code or name)")
    receipts_cmd.add_argument("--year", type=int, help="only this year")
    receipts_cmd.add_argument("--lang", choices=LANGS, default="vi", help="language of the receipts")
    receipts_cmd.add_argument("--no-pdf", action="store_true", help="write the HTML receipts only (no browser)")
    receipts_cmd.set_defaults(handler=_receipts)
    issue_cmd = commands.add_parser(
        "issue",
        help="issue (ban hành) a built period: freeze its reports in reports/issued/<period>/<n>/",
        description="Freeze a period's built reports (HTML, PDF, Excel, the Word report), their figures, the data "
        "manifest and the code version in reports/issued/<period>/<n>/ with a SHA-256 for every file. Refused, with "
        "the reason, when a report is missing, failed or out of date, or when nothing changed since the last issue.",
    )
    issue_cmd.add_argument("period", help=f"{PERIOD_FORMS}")
    issue_cmd.add_argument("--by", help="who issues it (recorded and shown with the date)")
    issue_cmd.add_argument("--number", type=int, help="the issue's number (default: the next; never overwrites)")
    issue_cmd.add_argument("--lang", choices=LANGS, default="vi", help="language of the messages")
    issue_cmd.set_defaults(handler=_issue)
    verify_cmd = commands.add_parser(
        "verify-issued",
        help="check every issued file against its recorded SHA-256",
        description="Check every file under reports/issued/ against its SHA256SUMS; exit 1 naming any file changed, "
        "missing or added.",
    )
    verify_cmd.set_defaults(handler=_issue)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (argparse itself exits 2 on malformed options)."""
    args = build_parser().parse_args(argv)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except (UsageError, SettingError) as error:
        print(f"ketnap: error: {error}", file=sys.stderr)
        return 2
    except FileNotFoundError as error:
        print(f"ketnap: error: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
