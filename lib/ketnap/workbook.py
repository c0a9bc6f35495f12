"""Writing workbooks in the return format: the blank templates and the synthetic sample's files.

What lives here: the sheet layouts organisations fill in (headers and category lists, taken from
the data contract in :mod:`ketnap.schema` in the shapes the writer needs), the Excel drop-downs, the
writer of one return workbook, the writers of the reference workbooks, the blank templates in
``data/templates/`` and :func:`save_deterministic`, which saves a workbook so the same content
always gives the same bytes (the sample and templates are committed and checked byte for byte).

The writers take rows keyed by **field** (``full_name``, ``id_number``, ``admission_date``, ... the
:attr:`ketnap.schema.Column.field` of each column) and write each value under its column's header:
the one place where a field becomes a header is :func:`_write_table`.

What does not: reading returns (``ketnap.ingest``) and the synthetic people (``ketnap.synth``).

Run ``python -m ketnap.workbook [--out DIR]`` to (re)write the templates.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ketnap import schema
from ketnap.body import Body
from ketnap.body import find as find_body
from ketnap.body import read as read_body
from ketnap.config import paths
from ketnap.schema import INFO_SHEET, INSTRUCTIONS_SHEET, ORGANISATIONS_SHEET, TARGETS_SHEET, Column

__all__ = [
    "FIXED_TIMESTAMP",
    "TEMPLATE_FILES",
    "ReturnLayout",
    "main",
    "save_deterministic",
    "write_organisations",
    "write_return",
    "write_targets",
    "write_templates",
]

# --- the format: sheets, columns and categories are ketnap.schema's ---

DATE_FORMAT = "dd/mm/yyyy"

#: The one timestamp every committed workbook carries (creation, modification, zip member dates).
FIXED_TIMESTAMP = dt.datetime(2024, 3, 1, 0, 0, 0)

#: Template file names in ``data/templates/``.
TEMPLATE_FILES: dict[str, str] = {
    "return": "mau-bao-cao-ket-nap.xlsx",
    "organisations": "mau-danh-sach-to-chuc.xlsx",
    "targets": "mau-chi-tieu.xlsx",
}

# Rows of the template sheets that carry drop-downs and formats; enough for the largest organisation.
_TEMPLATE_ROWS = 500
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
_TITLE_FONT = Font(bold=True, size=13)
_WIDTH_BY_FIELD = {
    "row_number": 6, "full_name": 26, "id_number": 15, "occupation": 34, "cell": 26, "note": 24,
    "class_name": 16, "name": 52, "sector": 28, "kind": 16,
}  # fmt: skip


# --- deterministic saving ---


def save_deterministic(workbook: Workbook, path: Path) -> Path:
    """Save ``workbook`` to ``path`` so that the same content always gives the same bytes.

    openpyxl stamps the save time into ``docProps/core.xml`` and the zip members' dates; both are
    replaced by :data:`FIXED_TIMESTAMP`, and the zip is rewritten with fixed member metadata.

    Parameters
    ----------
    workbook
        The workbook to save.
    path
        Destination; parent folders are created.

    Returns
    -------
    Path
        ``path``.
    """
    workbook.properties.creator = "ketnap"
    workbook.properties.lastModifiedBy = "ketnap"
    workbook.properties.created = FIXED_TIMESTAMP
    buffer = io.BytesIO()
    workbook.save(buffer)
    stamp = FIXED_TIMESTAMP.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "docProps/core.xml":
                # openpyxl.save sets `modified` to now() after we could set it, so patch the XML.
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_TIMESTAMP.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, data, compresslevel=6)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())
    return path


def _new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


# --- writing tables ---


@dataclass(frozen=True)
class ReturnLayout:
    """How one return workbook looks: the quirks real returns have, chosen per file by the sample.

    Parameters
    ----------
    title_row
        Put a title and a blank row above the header row of each data sheet (the header is then row 3).
    text_dates
        Write dates as ``dd/mm/yyyy`` text instead of Excel dates.
    extra_columns
        Sheet name -> headers of columns not in the format, appended after the last column. Such a
        column has no field: rows give its values under its header.
    """

    title_row: bool = False
    text_dates: bool = False
    extra_columns: Mapping[str, Sequence[str]] = field(default_factory=dict)


def _cell_value(value: Any, *, text_dates: bool) -> Any:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date) and text_dates:
        return value.strftime("%d/%m/%Y")
    return value


def _extra(headers: Iterable[str]) -> list[Column]:
    """Columns not in the format: no field of their own, so rows key their values by header."""
    return [Column(header, header) for header in headers]


def _write_table(
    sheet: Worksheet,
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    title: str | None = None,
    text_dates: bool = False,
) -> int:
    """Write the header row of ``columns`` and ``rows`` (dicts keyed by field) to ``sheet``; return the header's row."""
    header_row = 1
    if title:
        sheet.cell(row=1, column=1, value=title).font = _TITLE_FONT
        header_row = 3  # a blank row between title and header, as the paper forms have
    for col, column in enumerate(columns, start=1):
        cell = sheet.cell(row=header_row, column=col, value=column.header)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(col)].width = _WIDTH_BY_FIELD.get(column.field, 13)
    row_number = header_row
    for row_number, row in enumerate(rows, start=header_row + 1):
        for col, column in enumerate(columns, start=1):
            value = _cell_value(row.get(column.field), text_dates=text_dates)
            if value is None or value == "":
                continue
            cell = sheet.cell(row=row_number, column=col, value=value)
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif column.field == "id_number":
                cell.number_format = "@"  # keeps the leading zero if someone retypes it
    sheet.freeze_panes = f"A{header_row + 1}"
    return header_row


def _write_info(sheet: Worksheet, pairs: Sequence[tuple[str, Any]]) -> None:
    for row, (label, value) in enumerate(pairs, start=1):
        sheet.cell(row=row, column=1, value=label).font = _HEADER_FONT
        if value is not None:
            sheet.cell(row=row, column=2, value=value)
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 56


def write_return(
    path: Path,
    *,
    organisation: str,
    year: int,
    sheets: Mapping[str, Sequence[Mapping[str, Any]]],
    info: Sequence[tuple[str, Any]] = (),
    layout: ReturnLayout | None = None,
    titles: Mapping[str, str] | None = None,
    omit: Sequence[str] = (),
) -> dict[str, int]:
    """Write one organisation's return for one year.

    Parameters
    ----------
    path
        Destination ``.xlsx``.
    organisation
        What goes in ``Tổ chức cơ sở đảng``: the organisation's code or its name.
    year
        The return's year (``Năm báo cáo``).
    sheets
        Data sheet name (one of :data:`ketnap.schema.RETURN_SHEETS`) -> rows, each a dict keyed by field
        (:attr:`ketnap.schema.Column.field`; an extra column of ``layout`` by its header). Missing
        sheets are written with their header only.
    info
        Extra ``(label, value)`` rows for the ``Thông tin`` sheet.
    layout
        The file's quirks (title rows, text dates, extra columns).
    titles
        Sheet name -> title text, used when ``layout.title_row`` is set.
    omit
        Data sheets left out of the workbook (a nil return has no ``Kết nạp`` sheet).

    Returns
    -------
    dict of str to int
        Sheet name -> the Excel row number of its header row (data start on the next row).
    """
    layout = layout or ReturnLayout()
    workbook = _new_workbook()
    _write_info(
        workbook.create_sheet(INFO_SHEET),
        [(schema.ORG_LABEL, organisation), (schema.YEAR_LABEL, year), *info],
    )
    header_rows: dict[str, int] = {}
    for spec in schema.RETURN_SHEETS:
        name = spec.sheet
        if name in omit:
            continue
        title = (titles or {}).get(name) if layout.title_row else None
        header_rows[name] = _write_table(
            workbook.create_sheet(name),
            [*spec.columns, *_extra(layout.extra_columns.get(name, ()))],
            sheets.get(name, ()),
            title=title,
            text_dates=layout.text_dates,
        )
    save_deterministic(workbook, path)
    return header_rows


def _add_note_sheet(workbook: Workbook, lines: Sequence[str]) -> Worksheet:
    sheet = workbook.create_sheet(INSTRUCTIONS_SHEET)
    for row, line in enumerate(lines, start=1):
        cell = sheet.cell(row=row, column=1, value=line)
        if row == 1:
            cell.font = _TITLE_FONT
    sheet.column_dimensions["A"].width = 110
    return sheet


def write_organisations(
    path: Path,
    rows: Sequence[Mapping[str, Any]],
    *,
    note: Sequence[str] = (),
    history: Sequence[Mapping[str, Any]] = (),
) -> Path:
    """Write ``reference/organisations.xlsx``: sheet ``Tổ chức`` (rows keyed by field), the history, a note sheet.

    Parameters
    ----------
    path
        Destination ``.xlsx``.
    rows
        One dict per organisation, keyed by the fields of :data:`ketnap.schema.ORGANISATION_COLUMNS`.
    note
        Lines for the ``Hướng dẫn`` sheet (ignored on input), e.g. that the data are synthetic.
    history
        The rows of the ``Lịch sử`` sheet (events, keyed by the fields of :data:`ketnap.schema.HISTORY_COLUMNS`,
        the event in words); none: no such sheet.
    """
    workbook = _new_workbook()
    _write_table(workbook.create_sheet(ORGANISATIONS_SHEET), schema.ORGANISATION_COLUMNS, rows)
    if history:
        _write_table(workbook.create_sheet(schema.HISTORY_SHEET), schema.HISTORY_COLUMNS, history)
    if note:
        _add_note_sheet(workbook, note)
    return save_deterministic(workbook, path)


def write_targets(path: Path, rows: Sequence[Mapping[str, Any]], *, note: Sequence[str] = ()) -> Path:
    """Write ``reference/targets.xlsx``: sheet ``Chỉ tiêu`` (rows keyed by field) and a note sheet.

    Parameters
    ----------
    path
        Destination ``.xlsx``.
    rows
        One dict per year and organisation (``TP`` = the city), keyed by the fields of
        :data:`ketnap.schema.TARGET_COLUMNS` (``month_1`` … ``month_12`` for ``T1`` … ``T12``).
    note
        Lines for the ``Hướng dẫn`` sheet (ignored on input).
    """
    workbook = _new_workbook()
    _write_table(workbook.create_sheet(TARGETS_SHEET), schema.TARGET_COLUMNS, rows)
    if note:
        _add_note_sheet(workbook, note)
    return save_deterministic(workbook, path)


# --- blank templates ---

_RETURN_INSTRUCTIONS = (
    "HƯỚNG DẪN LẬP BÁO CÁO KẾT NẠP ĐẢNG VIÊN",
    "",
    "1. Mỗi tổ chức cơ sở đảng lập một tệp cho mỗi năm; hằng tháng cập nhật thêm dòng và gửi lại cả tệp.",
    "2. Sheet 'Thông tin': ghi mã (hoặc tên) tổ chức cơ sở đảng và năm báo cáo.",
    "3. Sheet 'Kết nạp': mỗi quần chúng được kết nạp là một dòng, theo ngày của quyết định kết nạp.",
    "4. Sheet 'Bồi dưỡng': mỗi người được cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng là một dòng.",
    "5. Sheet 'Chuyển chính thức': mỗi đảng viên dự bị được chuyển chính thức là một dòng.",
    "6. Ngày ghi theo dạng ngày/tháng/năm (dd/mm/yyyy). Số CCCD ghi đủ 12 chữ số (giữ số 0 ở đầu).",
    "7. Các cột Giới tính, Tôn giáo, Đoàn viên, Nghề nghiệp, Trình độ: chọn trong danh sách (bảng dưới).",
    "8. Người được kết nạp phải đủ 18 tuổi tại ngày kết nạp.",
    "9. Không đổi tên sheet, không đổi tên cột. Có thể thêm cột ghi chú ở cuối; cột thêm sẽ không được đọc.",
    "10. Tệp chứa dữ liệu cá nhân (họ tên, ngày sinh, số CCCD): chỉ gửi qua kênh được Ban Tổ chức {body_committee} "
    "quy định; báo cáo tổng hợp không bao giờ hiển thị các thông tin này.",
    "",
    "DANH MỤC (dùng cho danh sách chọn)",
)
_REFERENCE_TEMPLATE_NOTE = (
    "Sheet '{sheet}': mỗi dòng một {what}. Không đổi tên sheet và tên cột.",
    "Ngày ghi theo dạng ngày/tháng/năm (dd/mm/yyyy).",
)


def _list_validation(sheet: Worksheet, column: int, formula: str, *, prompt: str) -> None:
    letter = get_column_letter(column)
    rule = DataValidation(type="list", formula1=formula, allow_blank=True)
    rule.error = "Chọn một giá trị trong danh sách."
    rule.errorTitle = "Giá trị không hợp lệ"
    rule.prompt = prompt
    rule.showErrorMessage = True
    rule.showInputMessage = True
    sheet.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{_TEMPLATE_ROWS}")


def _date_validation(sheet: Worksheet, column: int) -> None:
    letter = get_column_letter(column)
    # Warning, not stop: returns typed as dd/mm/yyyy text are accepted by ingestion. Bounds are
    # Excel serials of 01/01/1940 and 31/12/2100.
    rule = DataValidation(
        type="date", operator="between", formula1="14611", formula2="73415",
        allow_blank=True, errorStyle="warning",
    )  # fmt: skip
    rule.error = "Ghi ngày theo dạng dd/mm/yyyy."
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{_TEMPLATE_ROWS}")
    sheet.column_dimensions[letter].number_format = DATE_FORMAT


def _id_validation(sheet: Worksheet, column: int) -> None:
    letter = get_column_letter(column)
    rule = DataValidation(type="textLength", operator="equal", formula1="12", allow_blank=True)
    rule.error = "Số CCCD gồm đúng 12 chữ số."
    rule.showErrorMessage = True
    sheet.add_data_validation(rule)
    rule.add(f"{letter}2:{letter}{_TEMPLATE_ROWS}")
    sheet.column_dimensions[letter].number_format = "@"  # text, so Excel keeps the leading zero


def _return_template(words: Mapping[str, str]) -> Workbook:
    workbook = _new_workbook()
    _write_info(
        workbook.create_sheet(INFO_SHEET),
        [(schema.ORG_LABEL, None), (schema.YEAR_LABEL, None), (schema.PREPARER_LABEL, None), (schema.SENT_LABEL, None)],
    )
    instructions = _add_note_sheet(workbook, [line.format_map(words) for line in _RETURN_INSTRUCTIONS])
    # The category lists live on the instructions sheet (ignored on input): one column per list,
    # so list items may contain commas ("Học sinh, sinh viên"), which inline Excel lists cannot.
    lists_header = {c.field: c.header for c in schema.ADMISSION_COLUMNS}
    lists = {
        lists_header[field]: tuple(category.labels)
        for field, category in (
            ("sex", schema.SEXES),
            ("religion", schema.RELIGIONS),
            ("youth_union", schema.YOUTH_UNION),
            ("occupation", schema.OCCUPATIONS),
            ("education", schema.EDUCATION),
        )
    }
    first_row = len(_RETURN_INSTRUCTIONS) + 1
    ranges: dict[str, str] = {}
    for col, (header, values) in enumerate(lists.items(), start=2):
        letter = get_column_letter(col)
        instructions.cell(row=first_row, column=col, value=header).font = _HEADER_FONT
        for offset, value in enumerate(values, start=1):
            instructions.cell(row=first_row + offset, column=col, value=value)
        instructions.column_dimensions[letter].width = 34 if header == lists_header["occupation"] else 14
        ranges[header] = f"'{INSTRUCTIONS_SHEET}'!${letter}${first_row + 1}:${letter}${first_row + len(values)}"
    instructions.column_dimensions["A"].width = 12
    for spec in schema.RETURN_SHEETS:
        sheet = workbook.create_sheet(spec.sheet, index=len(workbook.sheetnames) - 1)
        _write_table(sheet, spec.columns, ())
        for col, column in enumerate(spec.columns, start=1):
            if column.header in ranges:
                _list_validation(sheet, col, ranges[column.header], prompt=column.header)
            elif column.date:
                _date_validation(sheet, col)
            elif column.field == "id_number":
                _id_validation(sheet, col)
    return workbook


def _organisations_template(sector_names: Sequence[str], words: Mapping[str, str]) -> Workbook:
    workbook = _new_workbook()
    sheet = workbook.create_sheet(ORGANISATIONS_SHEET)
    _write_table(sheet, schema.ORGANISATION_COLUMNS, ())
    note = [
        "HƯỚNG DẪN: DANH SÁCH TỔ CHỨC CƠ SỞ ĐẢNG",
        "",
        *(line.format(sheet=ORGANISATIONS_SHEET, what="tổ chức cơ sở đảng") for line in _REFERENCE_TEMPLATE_NOTE),
        "Mã tổ chức: duy nhất, không dùng mã 'TP' (dành cho toàn {body_territory}).".format_map(words),
        "Khối: tên khối (hoặc mã khối) trong reference/sectors.csv. Loại hình: Đảng bộ cơ sở / Chi bộ cơ sở.",
        "Ngày thành lập / giải thể: chỉ ghi khi tổ chức được thành lập hoặc giải thể trong kỳ theo dõi.",
    ]
    _add_note_sheet(workbook, note)
    position = {c.field: i for i, c in enumerate(schema.ORGANISATION_COLUMNS, start=1)}
    kind, sector = (schema.column(schema.ORGANISATION_COLUMNS, f).header for f in ("kind", "sector"))
    kinds = ",".join(schema.KINDS.labels)
    _list_validation(sheet, position["kind"], f'"{kinds}"', prompt=kind)
    if sector_names:
        # Sector names contain no commas, so an inline list works and survives sheet renames.
        listed = ",".join(sector_names)
        _list_validation(sheet, position["sector"], f'"{listed}"', prompt=sector)
    for field_name in ("active_from", "active_to"):
        _date_validation(sheet, position[field_name])
    return workbook


def _targets_template(words: Mapping[str, str]) -> Workbook:
    workbook = _new_workbook()
    sheet = workbook.create_sheet(TARGETS_SHEET)
    _write_table(sheet, schema.TARGET_COLUMNS, ())
    note = [
        "HƯỚNG DẪN: CHỈ TIÊU KẾT NẠP VÀ KẾ HOẠCH BỒI DƯỠNG",
        "",
        *(line.format(sheet=TARGETS_SHEET, what="năm và tổ chức") for line in _REFERENCE_TEMPLATE_NOTE),
        "Mã tổ chức 'TP' là chỉ tiêu của toàn {body_short} (do Ban Thường vụ {body_parent_committee} giao).".format_map(
            words
        ),
        "Để trống ô chỉ tiêu nếu chưa giao.",
        "T1 … T12: kế hoạch kết nạp từng tháng của tổ chức (không bắt buộc).",
    ]
    _add_note_sheet(workbook, note)
    for col, target_column in enumerate(schema.TARGET_COLUMNS, start=1):
        if target_column.field == "org_code":
            continue
        letter = get_column_letter(col)
        low = "2000" if target_column.field == "year" else "0"
        rule = DataValidation(type="whole", operator="greaterThanOrEqual", formula1=low, allow_blank=True)
        rule.error = "Nhập số nguyên không âm."
        rule.showErrorMessage = True
        sheet.add_data_validation(rule)
        rule.add(f"{letter}2:{letter}{_TEMPLATE_ROWS}")
    return workbook


def _sector_names(root: Path) -> list[str]:
    """Vietnamese sector names from ``reference/sectors.csv`` under ``root``, in display order."""
    file = root / "reference" / "sectors.csv"
    if not file.exists():
        return []
    with file.open(encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda row: int(row["order"]))
    return [row["name_vi"] for row in rows]


def write_templates(
    folder: Path | None = None, *, sector_names: Sequence[str] | None = None, body: Body | None = None
) -> list[Path]:
    """Write the blank templates organisations and the Organisation Board fill in.

    Parameters
    ----------
    folder
        Destination folder (default ``data/templates``).
    sector_names
        The ``Khối`` drop-down of the organisations template; default: the names in the data root's
        ``reference/sectors.csv``.
    body
        The reporting body whose words the instructions use (its Board, territory, the committee
        that sets its target); default: the data root's (:func:`ketnap.body.find`).

    Returns
    -------
    list of Path
        The written files: the return, organisations and targets templates.
    """
    folder = folder or paths().templates
    if sector_names is None:
        sector_names = _sector_names(paths().data_root())
    words = (body or read_body(find_body(paths().data_root()))).fields("vi")
    return [
        save_deterministic(_return_template(words), folder / TEMPLATE_FILES["return"]),
        save_deterministic(_organisations_template(sector_names, words), folder / TEMPLATE_FILES["organisations"]),
        save_deterministic(_targets_template(words), folder / TEMPLATE_FILES["targets"]),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m ketnap.workbook [--out DIR]`` writes the blank templates."""
    parser = argparse.ArgumentParser(prog="python -m ketnap.workbook", description=main.__doc__)
    parser.add_argument("--out", type=Path, default=None, help="folder (default data/templates)")
    args = parser.parse_args(argv)
    for file in write_templates(args.out):
        print(file)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
