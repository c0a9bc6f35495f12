"""The ``ketnap`` command line: headline numbers from the processed tables.

``ketnap summary --period 2024-02 [--sector wards-communes] [--json] [--lang vi|en]`` prints the
headline metrics as a table (or a JSON object). Each command is a subparser with a handler, so
later commands (``data``, ``build``) are one ``add_parser`` and one function each. This is the
only module of the analytics library that reads files (through :func:`ketnap.io.load`).

Exit codes: 0 success, 1 data missing (run ``make data``), 2 usage error (bad period, unknown
sector, bad option), each with a one-line message on stderr.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Callable, Sequence
from typing import Any

from ketnap import fmt, io
from ketnap.config import SettingError
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
    """NaN to null, percentages to one decimal, whole floats to ints, other floats to one decimal."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
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
