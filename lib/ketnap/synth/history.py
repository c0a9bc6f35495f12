"""The sample's returns cycle: when each return was sent, the January versions, and four cases the Board meets.

Every return of the calibrated sample carries the date it was sent (``Ngày gửi``): a year's final
return early in January of the next year, the latest year's February return early in March, its
January return early in February (a few of each after the deadline, the 5th). Four organisations of
the latest year are chosen, deterministically from the seed, to show the monthly cycle
(``docs/sample-data.md``):

- a **corrected re-send**: the February return sent twice; the first copy (kept in
  ``returns/<year>/T02-lan-1/``) lists one trainee as admitted by mistake and has one admission date
  wrong; the second replaces it;
- a **late return**: the February return sent on the 12th;
- a **missing latest month**: no February return; its January return holds all its rows (it
  admitted and trained nobody in February), so the figures stand while it shows as "chưa báo cáo";
- a **nil return**: an organisation that admitted nobody this year sends returns without the
  ``Kết nạp`` sheet; its training and conversions still count.

The published figures do not move: each organisation's newest version holds exactly its records.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["FIRST_COPY_FOLDER", "JANUARY_FOLDER", "ReturnsCycle", "first_copy", "plan_cycle"]

#: Where the latest year's January returns are kept (``returns/<year>/T01/<code>.xlsx``).
JANUARY_FOLDER = "T01"
#: Where the corrected organisation's first February copy is kept.
FIRST_COPY_FOLDER = "T02-lan-1"

_DEADLINE = 5  # the documented default of KETNAP_RETURN_DEADLINE; the late cases are after it
_LATE_SHARE = 0.04


@dataclass(frozen=True)
class ReturnsCycle:
    """Dates and cases of the sample's returns (see the module docstring)."""

    sent: Mapping[tuple[int, str], dt.date]  # (year, org) -> the final version's date
    january_sent: Mapping[str, dt.date]  # org -> date of its January return (latest year)
    corrected: str
    first_copy_sent: dt.date
    late: str
    missing_latest: str
    nil_return: str


def _in_month(rows: Sequence[Mapping[str, Any]], field: str, month: int) -> int:
    return sum(1 for r in rows if isinstance(r.get(field), dt.date) and r[field].month == month)


def plan_cycle(
    seed: int,
    latest_year: int,
    orgs_by_year: Mapping[int, Sequence[str]],
    rows: Mapping[str, Mapping[tuple[int, str], Sequence[Mapping[str, Any]]]],
    with_faults: set[tuple[int, str]],
) -> ReturnsCycle:
    """Choose the dates and the four cases from ``seed`` (a random stream of its own: the records are untouched).

    ``orgs_by_year`` lists the organisations with a return each year; ``rows`` are the valid records
    by table and (year, org); ``with_faults`` the returns that hold deliberate faults (never chosen).
    """
    rng = random.Random(f"{seed}/returns-cycle")

    def early(year: int, month: int) -> dt.date:
        day = rng.randint(_DEADLINE + 1, 12) if rng.random() < _LATE_SHARE else rng.randint(1, _DEADLINE)
        return dt.date(year, month, day)

    sent = {}
    for year, codes in orgs_by_year.items():
        for code in codes:
            sent[(year, code)] = early(year + 1, 1) if year < latest_year else early(year, 3)
    latest = [c for c in orgs_by_year[latest_year] if (latest_year, c) not in with_faults]
    january_sent = {code: early(latest_year, 2) for code in orgs_by_year[latest_year]}

    def of(table: str, code: str) -> Sequence[Mapping[str, Any]]:
        return rows[table].get((latest_year, code), [])

    def february(code: str) -> int:
        return (
            _in_month(of("admissions", code), "admission_date", 2)
            + _in_month(of("training", code), "completion_date", 2)
            + _in_month(of("conversions", code), "conversion_date", 2)
        )

    missing = rng.choice([c for c in latest if february(c) == 0 and of("training", c)])
    nil = rng.choice([c for c in latest if c != missing and not of("admissions", c) and of("training", c)])
    corrected = rng.choice(
        [c for c in latest if c not in (missing, nil) and _in_month(of("admissions", c), "admission_date", 2) >= 1
         and _trainee(of("training", c), rows["admissions"])]
    )  # fmt: skip
    late = rng.choice([c for c in latest if c not in (missing, nil, corrected)])
    sent[(latest_year, corrected)] = dt.date(latest_year, 3, 4)
    sent[(latest_year, late)] = dt.date(latest_year, 3, 12)
    january_sent[late] = dt.date(latest_year, 2, 2)
    del sent[(latest_year, missing)]
    return ReturnsCycle(sent, january_sent, corrected, dt.date(latest_year, 3, 2), late, missing, nil)


def _trainee(training: Sequence[Mapping[str, Any]], admissions: Mapping[Any, Sequence[Mapping[str, Any]]]) -> Any:
    """A trainee of the organisation who was never admitted and is over 18: the one listed by mistake."""
    admitted = {r["id_number"] for group in admissions.values() for r in group}
    for row in training:
        born = row.get("birth_date")
        if row["id_number"] not in admitted and isinstance(born, dt.date) and born.year <= 2000:
            return row
    return None


def first_copy(
    sheets: dict[str, list[dict[str, Any]]],
    admissions_sheet: str,
    training: Sequence[Mapping[str, Any]],
    admissions: Mapping[Any, Sequence[Mapping[str, Any]]],
) -> dict[str, list[dict[str, Any]]]:
    """The corrected organisation's first February copy: one trainee admitted by mistake, one date wrong.

    ``training`` and ``admissions`` are the sample's records (people with ``name``), ``sheets`` the rows.
    """
    rows = [dict(r) for r in sheets[admissions_sheet]]
    february = [r for r in rows if r["admission_date"].month == 2]
    wrong = february[-1]
    day = wrong["admission_date"].day
    wrong["admission_date"] = wrong["admission_date"].replace(day=day - 7 if day > 8 else day + 7)
    trainee = _trainee(training, admissions)
    mistaken = {**wrong, "full_name": trainee["name"], **{k: trainee[k] for k in ("birth_date", "id_number", "sex")}}
    rows.append(mistaken)
    for number, row in enumerate(rows, start=1):
        row["row_number"] = number
    return {**sheets, admissions_sheet: rows}
