"""Cell values as secretaries type them: dates, ID numbers, whole numbers, blanks.

Pure functions of one cell. Excel dates and ``dd/mm/yyyy`` text are both dates; an ID number that
lost its leading zero in a number cell gets it back; ``"3"``, ``3.0`` and ``"3,0"`` are all 3.
What a cell means (which column, which rule it breaks) is :mod:`ketnap.ingest.rows`.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from ketnap.text import clean

__all__ = [
    "EARLIEST_YEAR",
    "age_on",
    "is_empty",
    "normalise_id_number",
    "parse_date",
    "show",
    "whole_number",
]


_DMY = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", re.ASCII)


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?", re.ASCII)


_TWELVE_DIGITS = re.compile(r"[0-9]{12}", re.ASCII)


_ID_SEPARATORS = re.compile(r"[\s.\-]")


EARLIEST_YEAR = 1900


def parse_date(value: Any) -> tuple[date | None, str | None]:
    """Read a date cell: an Excel date, or ``dd/mm/yyyy`` text (also ``d/m/yyyy``, ``.`` or ``-``).

    Parameters
    ----------
    value : Any
        The cell value (``datetime``, ``date``, ``str``; anything else is not a date).

    Returns
    -------
    tuple of (date or None, str or None)
        The date and ``None``, or ``None`` and the rule broken: ``"unparsable-date"`` or
        ``"impossible-date"`` (no such day, or a year before 1900).

    Examples
    --------
    >>> parse_date("5/3/2023")
    (datetime.date(2023, 3, 5), None)
    >>> parse_date("31/02/2023")
    (None, 'impossible-date')
    """
    if isinstance(value, datetime):
        parsed = value.date()
    elif isinstance(value, date):
        parsed = value
    elif isinstance(value, str):
        text = clean(value)
        if match := _DMY.fullmatch(text):
            day, month, year = int(match[1]), int(match[3]), int(match[4])
        elif match := _ISO_DATE.fullmatch(text):
            year, month, day = int(match[1]), int(match[2]), int(match[3])
        else:
            return None, "unparsable-date"
        try:
            parsed = date(year, month, day)
        except ValueError:
            return None, "impossible-date"
    else:
        return None, "unparsable-date"
    if parsed.year < EARLIEST_YEAR:
        return None, "impossible-date"
    return parsed, None


def normalise_id_number(value: Any) -> str | None:
    """The 12-digit ID number (CCCD) of a cell, or ``None`` when it is not one.

    Spaces, dots and dashes typed as grouping are removed. A number cell of 11 digits gets its
    leading zero back: every CCCD starts with a province code ``0xx`` and Excel drops the zero when
    the cell is formatted as a number.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
        digits = "0" + digits if len(digits) == 11 else digits
    elif isinstance(value, str):
        digits = _ID_SEPARATORS.sub("", clean(value))
    else:
        return None
    return digits if _TWELVE_DIGITS.fullmatch(digits) else None


def whole_number(value: Any) -> int | None:
    """An integer cell (``3``, ``3.0`` or ``"3"``), or ``None``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        text = clean(value)
        if re.fullmatch(r"[+-]?\d+", text, re.ASCII):
            return int(text)
        if re.fullmatch(r"[+-]?\d+[.,]0+", text, re.ASCII):
            return int(text.replace(",", ".").split(".")[0])
    return None


def age_on(birth: date, on: date) -> int:
    """Whole years from ``birth`` to ``on``."""
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not clean(value))


def show(value: Any) -> str:
    """A non-personal cell value as shown in issues."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return clean(str(value))
