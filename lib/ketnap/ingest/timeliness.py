"""Which month a return reports, when it is due, and each organisation-month's status.

The rules (documented in ``docs/data-dictionary.md``, "Returns register"):

- A return sent (dated) in month *M* of its year reports through month *M* − 1; one sent after
  its year reports the whole year (through December).
- The return for month *m* is due by day *D* of month *m* + 1, *D* being ``KETNAP_RETURN_DEADLINE``
  (default 5; no national rule is assumed).
- An organisation-month is ``on_time`` when the first version reporting it was received by its
  deadline, ``late`` when after, ``missing`` when none has arrived; it is ``not_expected`` when the
  organisation was not active that month, its deadline is after today, or the register holds no
  return that reports the month as its latest (a register started at the year's end holds only
  December's returns, so it judges no earlier month it could not have seen).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import pandas as pd

from ketnap.ingest.register import Entry

__all__ = ["due_date", "month_statuses", "reports_through"]


def reports_through(year: int, dated: date) -> int:
    """The last month (1–12) a return of ``year`` dated ``dated`` reports; 0 when it reports none yet.

    >>> reports_through(2024, date(2024, 3, 4)), reports_through(2023, date(2024, 1, 3))
    (2, 12)
    >>> reports_through(2024, date(2024, 1, 20))
    0
    """
    if dated.year > year:
        return 12
    if dated.year < year:
        return 0
    return dated.month - 1


def due_date(year: int, month: int, deadline_day: int) -> date:
    """The deadline of the return for ``month``: day ``deadline_day`` of the next month.

    >>> due_date(2024, 2, 5), due_date(2023, 12, 10)
    (datetime.date(2024, 3, 5), datetime.date(2024, 1, 10))
    """
    return date(year + month // 12, month % 12 + 1, deadline_day)


def _active(organisations: pd.DataFrame, year: int, month: int) -> pd.Series:
    start = pd.Timestamp(year, month, 1)
    end = start + pd.offsets.MonthEnd(0)
    return (organisations["active_from"].isna() | (organisations["active_from"] <= end)) & (
        organisations["active_to"].isna() | (organisations["active_to"] >= start)
    )


def month_statuses(
    versions: Sequence[Entry], organisations: pd.DataFrame, deadline_day: int, today: date
) -> list[dict[str, object]]:
    """Every organisation × month of every year some return is for, with its status (module docstring).

    Returns records with the columns of the ``return_months`` table.
    """
    placed = [v for v in versions if v.org_code is not None and v.year is not None and v.version is not None]
    records: list[dict[str, object]] = []
    for year in sorted({v.year for v in placed if v.year is not None}):
        of_year = sorted((v for v in placed if v.year == year), key=lambda v: (v.received_at, v.id))
        judged = {reports_through(year, v.dated) for v in of_year}
        first: dict[tuple[str, int], Entry] = {}
        for v in of_year:  # the first version reporting each month, in the order received
            for month in range(1, reports_through(year, v.dated) + 1):
                first.setdefault((str(v.org_code), month), v)
        for month in range(1, 13):
            due = due_date(year, month, deadline_day)
            in_cycle = month in judged and due <= today
            active = _active(organisations, year, month)
            for code, is_active in zip(organisations["org_code"], active, strict=True):
                got = first.get((code, month))
                if not (is_active and in_cycle):
                    status = "not_expected"
                elif got is None:
                    status = "missing"
                else:
                    status = "on_time" if got.received_at.date() <= due else "late"
                records.append(
                    {
                        "year": year,
                        "month": month,
                        "org_code": code,
                        "status": status,
                        "due": datetime(due.year, due.month, due.day),
                        "received_at": got.received_at if got else None,
                        "version": got.version if got else None,
                    }
                )
    return records
