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
#: The highest province code an ID number (CCCD) starts with (``001`` … ``096``).
_LAST_PROVINCE = 96


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


def normalise_id_number(value: Any) -> tuple[str | None, bool]:
    """The 12-digit ID number (CCCD) of a cell, or ``None`` when it is not one; and whether zeros were restored.

    Spaces, dots and dashes typed as grouping are removed. Every CCCD starts with a province code
    from ``001`` to ``096``, so its leading zeros are lost whenever it is kept as a number (a number
    cell, or a CSV saved by Excel). 11 digits get their one zero back when the province code is
    valid. 10 digits could also be an 11-digit number missing a digit, so they get two zeros back
    only when the province code (``001``–``009``) is followed by a sex-and-century digit of someone
    born in 1900–2099 (``0``–``3``). Anything else is not an ID number.

    >>> normalise_id_number("038 095 000 111"), normalise_id_number(38095000111), normalise_id_number("1095000111")
    (('038095000111', False), ('038095000111', True), ('001095000111', True))
    >>> normalise_id_number("99095000111"), normalise_id_number("3809500011"), normalise_id_number("12ab5678901")
    ((None, False), (None, False), (None, False))
    """
    if isinstance(value, bool):
        return None, False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        digits = str(value)
    elif isinstance(value, str):
        digits = _ID_SEPARATORS.sub("", clean(value))
    else:
        return None, False
    if _TWELVE_DIGITS.fullmatch(digits):
        return digits, False
    padded = digits.zfill(12)
    if len(digits) not in (10, 11) or not _TWELVE_DIGITS.fullmatch(padded):
        return None, False
    if 1 <= int(padded[:3]) <= _LAST_PROVINCE and (len(digits) == 11 or padded[3] in "0123"):
        return padded, True
    return None, False


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
