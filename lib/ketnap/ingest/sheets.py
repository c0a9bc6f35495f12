"""Sheets as tables: finding the header row, which column feeds which field, and the data rows.

Tolerant where people differ: title rows above the header, headers in NFC or NFD, old or new tone
placement, any case, a trailing ``*`` or ``:``; blank and merely formatted rows are not rows. Also
what a cached-values read cannot tell (formulas without a saved result, merged ranges), read
from the sheet's XML with defusedxml. A value merged down the rows of one data column is read for
each of those rows (:class:`MergedFill`), except in the personal columns: one ID number or birth
date for several people is a mistake, not a shorthand.
"""

from __future__ import annotations

import io as _bytes_io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from defusedxml import ElementTree as DefusedET
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries

from ketnap.ingest import limits
from ketnap.ingest.issues import Issue, Unreadable
from ketnap.ingest.values import is_empty, show
from ketnap.schema import Column
from ketnap.text import clean, fold

__all__ = [
    "CellMarks",
    "MergedFill",
    "SheetTable",
    "cell_marks",
    "extra_column_warnings",
    "find_sheet",
    "header_key",
    "is_filled",
    "is_footer_start",
    "locate_table",
    "read_sheet_rows",
    "sheet_has_content",
    "too_many_rows",
]


# Columns that may hold something on otherwise empty rows (templates pre-number STT), so they do
# not make a row count as a row.
_IGNORED_FOR_BLANK = frozenset({"row_number"})


# Columns whose merged values are not spread down: not read (STT, Ghi chú), so there is nothing to say.
_NOT_FILLED = frozenset({"row_number", "note"})


# How far down a sheet the header row is looked for (title rows above it are skipped).
_HEADER_SCAN_ROWS = 30


@dataclass(frozen=True)
class CellMarks:
    """What a read-only, cached-values read of a sheet cannot tell: formulas and merged cells.

    Attributes
    ----------
    uncached_formulas : frozenset of (int, int)
        ``(Excel row, 0-based column)`` of formula cells whose result was never saved: openpyxl
        reads them as empty (the file came from a tool that writes formulas but does not compute).
    merged : tuple of (int, int, int, int, str)
        ``(min_row, min_col, max_row, max_col, "I2:I4")`` per merged range (columns 0-based). Only
        the first cell of a range holds a value; the others read as empty.
    """

    uncached_formulas: frozenset[tuple[int, int]] = frozenset()
    merged: tuple[tuple[int, int, int, int, str], ...] = ()

    def merged_range(self, row: int, column: int) -> str | None:
        """The merged range a cell lies in, other than as its first cell, or ``None``."""
        for min_row, min_col, max_row, max_col, ref in self.merged:
            if min_row <= row <= max_row and min_col <= column <= max_col and (row, column) != (min_row, min_col):
                return ref
        return None


@dataclass(frozen=True)
class MergedFill:
    """A value merged down several data rows of one column, read for each of them.

    Attributes
    ----------
    ref : str
        The merged range as Excel names it (``"L2:L4"``).
    header : str
        The column's header as typed (NFC).
    rows : tuple of int
        The Excel rows that got the value: the first cell's row, then each data row below it whose
        own cell was empty (blank rows inside the range are not rows).
    value : str
        The value as shown in issues (never personal: personal columns are not filled).
    """

    ref: str
    header: str
    rows: tuple[int, ...]
    value: str


def header_key(value: Any) -> str:
    # Templates mark required headers with "*" and people add ":"; neither changes the meaning.
    return fold(str(value)).rstrip(" *:") if not is_empty(value) else ""


@dataclass
class SheetTable:
    """A sheet once its header row is found: which column holds which field, and the data rows."""

    file: str
    sheet: str
    columns: dict[str, tuple[int, str]]  # field -> (index, header as typed, NFC)
    rows: list[tuple[int, tuple[Any, ...]]]  # (Excel row number, values); blank rows left out
    extras: list[str]
    marks: CellMarks = field(default_factory=CellMarks)
    footer: list[int] = field(default_factory=list)  # Excel rows of the footer below the table; not read
    merged_fills: list[MergedFill] = field(default_factory=list)  # merged values read for every row

    def header(self, column: Column) -> str:
        """The header of ``column`` as typed in the file, or the canonical one if absent."""
        return self.columns[column.field][1] if column.field in self.columns else column.header


def locate_table(
    rows: Sequence[Sequence[Any]],
    columns: Sequence[Column],
    *,
    file: str,
    sheet: str,
    marks: CellMarks | None = None,
) -> SheetTable:
    """Find the header row (the first containing every required header) and the data rows below.

    Raises
    ------
    Unreadable
        When no row within the first 30 holds every required header.
    """
    known = {header_key(c.header): c for c in columns}
    required = {header_key(c.header) for c in columns if c.required}
    best_missing: list[str] = [c.header for c in columns if c.required]
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        keys = [header_key(v) for v in row]
        missing = required - set(keys)
        if missing:
            if len(missing) < len(best_missing):
                best_missing = [c.header for c in columns if header_key(c.header) in missing]
            continue
        mapping: dict[str, tuple[int, str]] = {}
        extras: list[str] = []
        for position, (key, value) in enumerate(zip(keys, row, strict=True)):
            if not key:
                continue
            column = known.get(key)
            if column is None or column.field in mapping:
                extras.append(clean(str(value)))
            else:
                mapping[column.field] = (position, clean(str(value)))
        counted = [i for f, (i, _) in mapping.items() if f not in _IGNORED_FOR_BLANK]
        counted += [i for i, k in enumerate(keys) if k and k not in known]
        data = [
            (number, tuple(values))
            for number, values in enumerate(rows[index + 1 :], start=index + 2)
            if any(not is_empty(values[i]) for i in counted if i < len(values))
        ]
        marks = marks or CellMarks()
        fills = _fill_merged(data, mapping, columns, marks)
        required_at = [i for f, (i, _) in mapping.items() if f in {c.field for c in columns if c.required}]
        data, footer = _split_footer(data, required_at)
        return SheetTable(file, sheet, mapping, data, extras, marks, footer, fills)
    raise Unreadable(f"sheet {sheet!r} has no header row with {', '.join(best_missing)}", sheet=sheet)


def _fill_merged(
    data: list[tuple[int, tuple[Any, ...]]],
    mapping: dict[str, tuple[int, str]],
    columns: Sequence[Column],
    marks: CellMarks,
) -> list[MergedFill]:
    """Spread each value merged down one data column to the data rows of its range, in place in ``data``.

    Excel keeps a merged range's value in its first cell only. A range one column wide and several
    rows tall, whose first cell is a data row's and holds a value, in a column that is read and not
    personal, gives that value to each data row of the range whose own cell is empty. Anything else
    is left as it is: ranges across columns (titles, headers, a footer line, a block), ranges
    starting on the header or above, and the personal columns, whose empty cells stay
    ``missing-field`` naming the range.
    """
    if not marks.merged:
        return []
    at = {number: position for position, (number, _) in enumerate(data)}
    by_index = {index: (field_name, typed) for field_name, (index, typed) in mapping.items()}
    personal = {c.field for c in columns if c.personal}
    fills: list[MergedFill] = []
    for min_row, min_col, max_row, max_col, ref in marks.merged:
        if min_col != max_col or min_row == max_row or min_row not in at or min_col not in by_index:
            continue
        field_name, typed = by_index[min_col]
        if field_name in personal or field_name in _NOT_FILLED:
            continue
        first = data[at[min_row]][1]
        value = first[min_col] if min_col < len(first) else None
        if is_empty(value):
            continue
        rows = [min_row]
        for number in range(min_row + 1, max_row + 1):
            if number not in at:
                continue  # a blank row inside the range is still not a row
            values = list(data[at[number]][1])
            if min_col < len(values) and not is_empty(values[min_col]):
                continue  # a cell with its own value (Excel hides it; other programs keep it) keeps it
            values += [None] * (min_col + 1 - len(values))
            values[min_col] = value
            data[at[number]] = (number, tuple(values))
            rows.append(number)
        if len(rows) > 1:
            fills.append(MergedFill(ref, typed, tuple(rows), show(value)))
    return fills


def is_filled(values: Sequence[Any]) -> bool:
    # Cheaper than is_empty (no normalisation): a cell of spaces counts here, not as a data row.
    return any(v is not None and v != "" for v in values)


def read_sheet_rows(workbook: Any, title: str) -> list[tuple[Any, ...]]:
    """Every row of a sheet (blank rows as ``()``), refusing a sheet of more than :data:`MAX_SHEET_ROWS`.

    Rows are counted as they stream in, so an absurd sheet is refused without being held in memory.
    """
    sheet = workbook[title]
    # Files from other tools often carry wrong <dimension> tags, which truncate read-only
    # iteration; resetting makes openpyxl read every cell that is there.
    sheet.reset_dimensions()
    rows: list[tuple[Any, ...]] = []
    filled = 0
    for values in sheet.iter_rows(values_only=True):
        if is_filled(values):
            filled += 1
            if filled > limits.MAX_SHEET_ROWS:
                raise Unreadable(too_many_rows(title), sheet=title)
            rows.append(tuple(values))
        else:
            rows.append(())  # styled but empty rows (formatting down to row 1048576) cost nothing
    while rows and not rows[-1]:
        rows.pop()
    return rows


def too_many_rows(sheet: str) -> str:
    return (
        f"sheet {sheet!r} has more than {limits.MAX_SHEET_ROWS:,} filled rows, the limit for one sheet (one "
        f"organisation's year is a few dozen): refused unread; check for pasted or generated data"
    )


def sheet_has_content(workbook: Any, title: str) -> bool:
    """Whether a sheet holds any non-blank cell (stops at the first one)."""
    sheet = workbook[title]
    sheet.reset_dimensions()
    return any(not is_empty(v) for values in sheet.iter_rows(values_only=True) for v in values)


_SHEET_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def cell_marks(workbook: Any, title: str) -> CellMarks:
    """Formula cells without a saved result, and merged ranges, from the sheet's XML.

    The XML is only parsed (with defusedxml) when it contains a formula or a merge at all, so
    ordinary returns cost one substring search.
    """
    sheet = workbook[title]
    archive, member = getattr(workbook, "_archive", None), getattr(sheet, "_worksheet_path", None)
    if archive is None or member is None:
        return CellMarks()
    try:
        xml = archive.read(member)
    except KeyError:
        return CellMarks()
    if b"<f" not in xml and b"mergeCell" not in xml:
        return CellMarks()
    formulas: set[tuple[int, int]] = set()
    merged: list[tuple[int, int, int, int, str]] = []
    for _, element in DefusedET.iterparse(_bytes_io.BytesIO(xml), events=("end",)):
        tag = element.tag
        if tag == f"{_SHEET_NS}c":
            formula = element.find(f"{_SHEET_NS}f")
            cached = element.find(f"{_SHEET_NS}v")
            if formula is not None and (cached is None or not (cached.text or "")) and element.get("r"):
                column, row = coordinate_from_string(element.get("r"))
                formulas.add((row, column_index_from_string(column) - 1))
            element.clear()
        elif tag == f"{_SHEET_NS}row":
            element.clear()
        elif tag == f"{_SHEET_NS}mergeCell" and element.get("ref"):
            ref = element.get("ref", "")
            try:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
            except ValueError:
                continue
            if None not in (min_col, min_row, max_col, max_row):
                merged.append((min_row, min_col - 1, max_row, max_col - 1, ref))
    return CellMarks(frozenset(formulas), tuple(merged))


def find_sheet(titles: Iterable[str], wanted: str) -> str | None:
    key = fold(wanted)
    return next((t for t in titles if fold(t) == key), None)


def _split_footer(
    data: list[tuple[int, tuple[Any, ...]]], required_at: Sequence[int]
) -> tuple[list[tuple[int, tuple[Any, ...]]], list[int]]:
    """The data rows above the footer, and the Excel rows of the footer.

    The footer starts at the first row that opens with a total, a signature line or the place and
    date (:func:`is_footer_start`) and that is not a complete data row; from there on, rows that are
    not complete data rows (names under a signature, blank-ish lines) are footer too. A complete row
    below the footer is still data: nothing valid is lost.
    """
    rows: list[tuple[int, tuple[Any, ...]]] = []
    footer: list[int] = []
    for number, values in data:
        complete = all(i < len(values) and not is_empty(values[i]) for i in required_at)
        if not complete and (footer or is_footer_start(values)):
            footer.append(number)
        else:
            rows.append((number, values))
    return rows, footer


#: How the lines under a return's table begin (folded): totals, the preparer, the approver. A word
#: counts when the text is that word, or goes on after a space or punctuation.
_FOOTER_WORDS = tuple(
    fold(w)
    for w in (
        "Tổng cộng", "Tổng số", "Cộng", "Người lập biểu", "Người lập", "Người báo cáo", "Xác nhận",
        "Thủ trưởng", "Bí thư", "Phó Bí thư", "T/M", "TM", "Ký tên", "Ký, ghi rõ họ tên",
    )
)  # fmt: skip
#: "Nghệ An, ngày 05 tháng 3 năm 2024" or "…, ngày … tháng … năm …", folded.
_PLACE_AND_DATE = re.compile(r"\bngày\b.*\btháng\b.*\bnăm\b")


def is_footer_start(values: Sequence[Any]) -> bool:
    """Whether a row opens the footer under a table: its first text is a total or signature line, or a
    cell is the place-and-date line.

    >>> is_footer_start((None, "TỔNG CỘNG:", 12)), is_footer_start(("T/M CHI ỦY",)), is_footer_start(("Cộng", 4))
    (True, True, True)
    >>> is_footer_start(("Nghệ An, ngày 05 tháng 3 năm 2024",))
    True
    >>> is_footer_start((1, "Nguyễn Thị Hoa", "12/03/1998")), is_footer_start((2, "Tổng Văn Nam"))
    (False, False)
    """
    texts = [fold(v) for v in values if isinstance(v, str) and not is_empty(v)]
    if not texts:
        return False
    first = texts[0]
    starts = any(first == w or first.startswith((f"{w} ", f"{w}:", f"{w}.", f"{w},")) for w in _FOOTER_WORDS)
    return starts or any(_PLACE_AND_DATE.search(text) for text in texts)


def extra_column_warnings(table: SheetTable) -> list[Issue]:
    """Warnings for what of a located sheet is not read as typed: columns outside the format, its footer,
    and values merged down several rows (read for each row)."""
    issues = [
        Issue(table.file, table.sheet, None, extra, "extra-column", "column not in the data dictionary; ignored")
        for extra in table.extras
    ]
    for fill in table.merged_fills:
        rows = ", ".join(map(str, fill.rows))
        issues.append(
            Issue(
                table.file,
                table.sheet,
                fill.rows[0],
                fill.header,
                "merged-value",
                f"{fill.header} is merged over {fill.ref}, and Excel keeps the value of merged cells in the first "
                f"one only: read for each of rows {rows}. If these rows should differ, unmerge the cells and "
                f"type each row's own value",
                fill.value,
            )
        )
    if table.footer:
        first, count = table.footer[0], len(table.footer)
        issues.append(
            Issue(
                table.file,
                table.sheet,
                first,
                None,
                "footer-rows",
                f"{count} row(s) from row {first} on are the footer under the table (totals, signatures, place "
                f"and date), not data: not read",
            )
        )
    return issues
