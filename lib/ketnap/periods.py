"""Reporting periods: a month (year to date), a quarter or a year, and how much of the year each covers.

One parser, :func:`parse_period`, turns the strings notebooks and the command line pass around
(``"2024-02"``, ``"2024-Q1"``, ``"2023"``) into a :class:`Period` with inclusive start and end
dates. Computing metrics over a period lives in :mod:`ketnap.metrics`; display of dates and months
in :mod:`ketnap.fmt`.

The three kinds, and what each means in party-committee reports:

* ``"month"`` (``2024-02``): year to date through the end of that month ("2 tháng đầu năm").
* ``"quarter"`` (``2024-Q1``): that quarter's three months only; its attainment is still measured
  against the annual target.
* ``"year"`` (``2023``): the whole calendar year.

A period *covers the whole year* (:attr:`Period.whole_year`, :func:`is_whole_year`) when it is a
year, or a year to date through December (``2023-12``): then "behind pace" means the target was
missed, "no admissions" is final, and sentences read "Năm 2023, ...". A fourth quarter does not:
it is three months. This rule is written here once; narrative, scorecard and metrics read it.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Final, Literal

__all__ = [
    "PERIOD_FORMS",
    "Period",
    "PeriodError",
    "PeriodKind",
    "as_at",
    "is_whole_year",
    "last_full_year",
    "month_starts",
    "months_elapsed_share",
    "months_left",
    "pace_share",
    "parse_period",
    "same_period_last_year",
    "year_elapsed_share",
]

PeriodKind = Literal["month", "quarter", "year"]

#: The accepted spellings, shown in every parse error.
PERIOD_FORMS: Final[str] = "YYYY-MM (year to date through that month), YYYY-Qn (a quarter) or YYYY (a year)"

_PATTERN = re.compile(r"^\s*(?P<year>\d{4})(?:-(?:(?P<month>\d{1,2})|[Qq](?P<quarter>[1-4])))?\s*$")


class PeriodError(ValueError):
    """A period string that is not one of :data:`PERIOD_FORMS`."""


@dataclass(frozen=True)
class Period:
    """A reporting period with inclusive ``start`` and ``end`` dates.

    Attributes
    ----------
    kind : {"month", "quarter", "year"}
        ``"month"`` is year to date through the end of the month.
    year : int
        The calendar year the period lies in.
    start, end : datetime.date
        First and last day of the period (both inclusive).
    label : str
        The canonical string form, which :func:`parse_period` reads back: ``"2024-02"``,
        ``"2024-Q1"``, ``"2023"``.
    """

    kind: PeriodKind
    year: int
    start: date
    end: date
    label: str

    @property
    def end_month(self) -> int:
        """The last month (1-12) the period covers."""
        return self.end.month

    @property
    def quarter(self) -> int | None:
        """The quarter (1-4) for quarter periods, else ``None``."""
        return (self.end.month - 1) // 3 + 1 if self.kind == "quarter" else None

    @property
    def whole_year(self) -> bool:
        """Whether the period covers the whole calendar year: a year, or year to date through December.

        Examples
        --------
        >>> [parse_period(p).whole_year for p in ("2023", "2023-12", "2024-02", "2023-Q4")]
        [True, True, False, False]
        """
        return self.start == self.year_start and (self.end.month, self.end.day) == (12, 31)

    @property
    def complete(self) -> bool:
        """Whether the period runs to its natural end (:func:`as_at` did not cut it at the data-as-of date)."""
        return self.end == parse_period(self.label).end

    @property
    def closed(self) -> bool:
        """A finished year or quarter (or year to date through December): read in the language of results.

        A closed period shows no pace, no months elapsed and no projection; a period in progress
        (a month's year to date, or a year or quarter cut at the data-as-of date) keeps them.

        Examples
        --------
        >>> [parse_period(p).closed for p in ("2023", "2023-12", "2023-Q3", "2024-02")]
        [True, True, True, False]
        >>> as_at("2024-Q1", date(2024, 2, 29)).closed
        False
        """
        return self.complete and (self.whole_year or self.kind == "quarter")

    @property
    def year_start(self) -> date:
        """1 January of the period's year: where year-to-date figures start."""
        return date(self.year, 1, 1)

    def __str__(self) -> str:
        return self.label


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _make(kind: PeriodKind, year: int, number: int = 0) -> Period:
    if kind == "month":
        return Period("month", year, date(year, 1, 1), _month_end(year, number), f"{year}-{number:02d}")
    if kind == "quarter":
        first = 3 * (number - 1) + 1
        return Period("quarter", year, date(year, first, 1), _month_end(year, first + 2), f"{year}-Q{number}")
    return Period("year", year, date(year, 1, 1), date(year, 12, 31), f"{year}")


def parse_period(text: str | Period) -> Period:
    """Parse ``"2024-02"`` (month, year to date), ``"2024-Q1"`` (quarter) or ``"2023"`` (year).

    Parameters
    ----------
    text : str or Period
        The period string; a :class:`Period` is returned unchanged.

    Returns
    -------
    Period

    Raises
    ------
    PeriodError
        For anything else, with a one-line message listing the valid forms.

    Examples
    --------
    >>> p = parse_period("2024-02")
    >>> p.kind, p.start.isoformat(), p.end.isoformat()
    ('month', '2024-01-01', '2024-02-29')
    """
    if isinstance(text, Period):
        return text
    match = _PATTERN.match(str(text))
    if match is None:
        raise PeriodError(f"invalid period {text!r}; valid forms: {PERIOD_FORMS}, e.g. 2024-02, 2024-Q1, 2023")
    year = int(match["year"])
    if not 1900 <= year <= 2999:
        raise PeriodError(f"invalid period {text!r}: year {year} out of range 1900-2999")
    if match["month"] is not None:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise PeriodError(f"invalid period {text!r}: month must be 01-12; valid forms: {PERIOD_FORMS}")
        return _make("month", year, month)
    if match["quarter"] is not None:
        return _make("quarter", year, int(match["quarter"]))
    return _make("year", year)


def as_at(period: Period | str, as_of: date | str | None) -> Period:
    """``period`` cut at the data-as-of date: it ends with the last month the data cover in full.

    The last elapsed month is ``as_of``'s month: the returns are monthly, and the latest return
    read reports it (``as_of`` may be ISO text, or missing: nothing is cut). A period the data cover in
    full, or one they do not reach at all, is returned as it is.

    Examples
    --------
    >>> cut = as_at("2024-Q1", date(2024, 2, 29))
    >>> cut.label, cut.end.isoformat(), pace_share(cut), cut.closed
    ('2024-Q1', '2024-02-29', 0.16666666666666666, False)
    >>> as_at("2023", date(2024, 2, 29)).end.isoformat()
    '2023-12-31'
    """
    period = parse_period(period)
    if isinstance(as_of, str):
        as_of = date.fromisoformat(as_of[:10])
    if isinstance(as_of, datetime):  # a pandas Timestamp too
        as_of = as_of.date()
    if as_of is None or period.end <= as_of:
        return period
    if as_of < period.start:
        return period
    return replace(period, end=_month_end(as_of.year, as_of.month))


def is_whole_year(period: Period | str) -> bool:
    """:attr:`Period.whole_year` of ``period``, which may also be given as text.

    Examples
    --------
    >>> is_whole_year("2023"), is_whole_year("2023-12"), is_whole_year("2024-02"), is_whole_year("2023-Q4")
    (True, True, False, False)
    """
    return parse_period(period).whole_year


def last_full_year(period: Period | str) -> int:
    """The latest calendar year that has ended by the period's end: the training class a report features.

    A class (people trained in one year) is still being trained until 31 December, so the reports
    feature the latest whole one: its count no longer grows while its admissions are followed.

    Examples
    --------
    >>> [last_full_year(p) for p in ("2024-02", "2023", "2023-12", "2023-Q4", "2023-Q3")]
    [2023, 2023, 2023, 2023, 2022]
    """
    period = parse_period(period)
    return period.year if (period.end.month, period.end.day) == (12, 31) else period.year - 1


def same_period_last_year(period: Period) -> Period:
    """The same period one year earlier, for year-on-year comparison.

    Month ends are recomputed for the earlier year, so ``2024-02`` (ending 29/02/2024) maps to
    ``2023-02`` ending 28/02/2023: the whole of February both years.
    """
    if period.kind == "month":
        return _make("month", period.year - 1, period.end_month)
    if period.kind == "quarter":
        assert period.quarter is not None
        return _make("quarter", period.year - 1, period.quarter)
    return _make("year", period.year - 1)


def months_elapsed_share(period: Period) -> float:
    """Share of the year's months gone by the period's end: ``2024-02`` -> 2/12 = 0.1667.

    This is the share party reports reason in ("28,3% of the target in 16,7% of the year") and
    the one the narrative and the linear pace use.
    """
    return period.end_month / 12


def year_elapsed_share(period: Period) -> float:
    """Share of the year's days gone by the period's end: ``2024-02`` -> 60/366 = 0.1639."""
    days_in_year = 366 if calendar.isleap(period.year) else 365
    return ((period.end - period.year_start).days + 1) / days_in_year


def pace_share(period: Period) -> float:
    """Share of the annual target due within the period on a linear pace (by months).

    Year to date through month *m*: *m*/12; a quarter: 3/12 (its own three months); a year: 1.
    """
    months = (period.end.year - period.start.year) * 12 + period.end.month - period.start.month + 1
    return months / 12


def months_left(period: Period) -> int:
    """Whole months of the year left after the period's end (0 for a year or a Q4)."""
    return 12 - period.end_month


def month_starts(period: Period) -> list[date]:
    """The first day of each month the period covers, in order."""
    return [date(period.year, m, 1) for m in range(period.start.month, period.end.month + 1)]
