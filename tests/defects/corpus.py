"""The defect corpus: defective returns, each with the exact errors ingestion must report.

The files are not committed: :func:`build_corpus` writes them deterministically at test time
(``tests/test_ingest.py`` does, into a temporary folder), so the corpus is reviewable as code and
has no binary diffs. ``python tests/defects/corpus.py DIR`` writes it to ``DIR`` to open the files
in Excel. Each :class:`Case` is one defect (a few need two files, or a file that is not a
workbook); valid rows sit around every bad row, so the tests also check that they still load.

Also here, for the other ingestion tests: the reference data (:func:`write_reference`), a return
writer (:func:`write_return`) and valid rows (:func:`admission`, :func:`training`,
:func:`conversion`). None of this is the sample generator (``ketnap.synth``); it is deliberately
independent of it, so a bug in one is not mirrored in the other.
"""

from __future__ import annotations

import csv
import hashlib
import io
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl import Workbook

from ketnap.text import fold

__all__ = [
    "ADMISSION_HEADERS",
    "CASES",
    "CONVERSION_HEADERS",
    "KEY",
    "TODAY",
    "TRAINING_HEADERS",
    "Case",
    "Expected",
    "admission",
    "build_corpus",
    "conversion",
    "person_id",
    "training",
    "write_reference",
    "write_return",
]

#: The day the corpus is ingested on (``future-date`` is relative to it).
TODAY = date(2024, 3, 15)
#: The person key the tests hash with.
KEY = "test-person-key"

ADMISSION_HEADERS: tuple[str, ...] = (
    "STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Giới tính", "Dân tộc", "Tôn giáo", "Đoàn viên",
    "Nghề nghiệp", "Trình độ", "Ngày kết nạp", "Chi bộ", "Ghi chú",
)  # fmt: skip
TRAINING_HEADERS: tuple[str, ...] = (
    "STT", "Họ và tên", "Ngày sinh", "Số CCCD", "Giới tính", "Lớp bồi dưỡng", "Ngày cấp giấy chứng nhận",
    "Ghi chú",
)  # fmt: skip
CONVERSION_HEADERS: tuple[str, ...] = (
    "STT", "Họ và tên", "Số CCCD", "Ngày kết nạp", "Ngày chuyển chính thức", "Ghi chú",
)  # fmt: skip
SHEET_HEADERS: dict[str, tuple[str, ...]] = {
    "Kết nạp": ADMISSION_HEADERS,
    "Bồi dưỡng": TRAINING_HEADERS,
    "Chuyển chính thức": CONVERSION_HEADERS,
}

SECTORS_CSV = """code,order,name_vi,name_en,colour
wards-communes,1,Khối phường - xã,Wards and communes,#0072B2
admin-units,2,Khối hành chính - sự nghiệp,Administrative and public-service units,#E69F00
high-schools,3,Khối trường THPT,Upper-secondary schools,#009E73
enterprises,4,Khối doanh nghiệp,Enterprises,#CC79A7
"""
#: (code, name, sector as written, kind as written). Sectors by code and by Vietnamese name.
ORGANISATIONS: tuple[tuple[str, str, str, str], ...] = (
    ("P01", "Đảng bộ phường Hàm Rồng", "wards-communes", "Đảng bộ cơ sở"),
    ("P02", "Đảng bộ phường Đông Thọ", "Khối phường - xã", "Đảng bộ cơ sở"),
    ("H01", "Chi bộ Trung tâm Y tế thành phố Thanh Hóa", "admin-units", "Chi bộ cơ sở"),
    ("T01", "Chi bộ Trường THPT Đào Duy Từ", "high-schools", "Chi bộ cơ sở"),
    ("D01", "Chi bộ Công ty Cổ phần Hòa Bình", "enterprises", "Chi bộ cơ sở"),
    # One organisation per test file: files of one organisation and year are versions of one
    # return (the newest is read), so files meant to be read side by side belong to different ones.
    *((f"C{n:02d}", f"Chi bộ Hợp tác xã Đông Hương {n}", "enterprises", "Chi bộ cơ sở") for n in range(1, 100)),
    ("H02", "Chi bộ Bệnh viện Đa khoa thành phố Thanh Hóa", "admin-units", "Chi bộ cơ sở"),
)

#: ``write_return(organisation=OWN)``: the file's own organisation, the same for the same file name.
OWN: Any = object()
_OWN_CODES: dict[str, str] = {}


def own_organisation(path: Path) -> str:
    """The organisation of its own that a test file named ``path.name`` gets (C01, C02, … in order of first use)."""
    if path.name not in _OWN_CODES:
        _OWN_CODES[path.name] = f"C{len(_OWN_CODES) % 99 + 1:02d}"
    return _OWN_CODES[path.name]


# --- writers ---------------------------------------------------------------------------------


def write_reference(
    root: Path,
    *,
    targets: Sequence[Sequence[Any]] | None = None,
    organisations: Sequence[tuple[str, str, str, str]] = ORGANISATIONS,
) -> None:
    """Write ``reference/`` (sectors, organisations, targets) under ``root``: by default the corpus's
    organisations and targets for the first five of them."""
    reference = root / "reference"
    reference.mkdir(parents=True, exist_ok=True)
    (reference / "sectors.csv").write_text(SECTORS_CSV, encoding="utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tổ chức"
    sheet.append(["Mã tổ chức", "Tên tổ chức", "Khối", "Loại hình", "Trực thuộc", "Ngày thành lập", "Ngày giải thể"])
    for code, name, sector, kind in organisations:
        sheet.append([code, name, sector, kind, None, datetime(2000, 1, 1), None])
    workbook.save(reference / "organisations.xlsx")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chỉ tiêu"
    sheet.append(["Năm", "Mã tổ chức", "Chỉ tiêu kết nạp", "Kế hoạch bồi dưỡng", *(f"T{m}" for m in range(1, 13))])
    default = [[2023, "TP", 20, 40], [2024, "TP", 25, 45]] + [
        [year, code, 5, 10, *([1] * 5)] for year in (2023, 2024) for code, *_ in ORGANISATIONS[:5]
    ]
    for row in default if targets is None else targets:
        sheet.append(list(row))
    workbook.save(reference / "targets.xlsx")


def write_return(
    path: Path,
    *,
    organisation: Any = OWN,
    year: Any = 2023,
    sheets: Mapping[str, Sequence[Mapping[str, Any] | None]] | None = None,
    headers: Mapping[str, Sequence[str]] | None = None,
    titles: Mapping[str, Sequence[Sequence[Any]]] | None = None,
    info: Sequence[tuple[Any, Any]] | None = None,
    sheet_names: Mapping[str, str] | None = None,
    omit: Sequence[str] = (),
) -> Path:
    """Write one return workbook the way a secretary's file may look.

    Parameters
    ----------
    path
        Destination ``.xlsx``.
    organisation, year
        The ``Thông tin`` values (ignored when ``info`` is given); by default an organisation of the
        file's own (:func:`own_organisation`), so that test files are not versions of one return.
    sheets
        Sheet -> rows (dicts keyed by header; ``None`` is a blank row). Missing sheets get only a header.
    headers
        Sheet -> the header row as written (default: the data dictionary's).
    titles
        Sheet -> rows written above the header row (title rows).
    info
        The ``Thông tin`` rows as ``(label, value)``.
    sheet_names
        Canonical sheet name -> the name written (e.g. in NFD).
    omit
        Sheets (canonical names, including ``Thông tin``) not to write at all.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if organisation is OWN:
        organisation = own_organisation(path)
    workbook = Workbook()
    workbook.remove(workbook.active)
    names = dict(sheet_names or {})
    if "Thông tin" not in omit:
        sheet = workbook.create_sheet(names.get("Thông tin", "Thông tin"))
        for label, value in info if info is not None else [("Tổ chức cơ sở đảng", organisation), ("Năm báo cáo", year)]:
            sheet.append([label, value])
    for canonical, default_headers in SHEET_HEADERS.items():
        if canonical in omit:
            continue
        sheet = workbook.create_sheet(names.get(canonical, canonical))
        for title_row in (titles or {}).get(canonical, ()):
            sheet.append(list(title_row))
        written = list((headers or {}).get(canonical, default_headers))
        sheet.append(written)
        for row in (sheets or {}).get(canonical, ()):
            sheet.append([None] * len(written) if row is None else [_value(row, h) for h in written])
    workbook.save(path)
    return path


def _value(row: Mapping[str, Any], header: str) -> Any:
    # Rows are keyed by canonical headers; a test that rewrites a header keeps the same data.
    if header in row:
        return row[header]
    return next((v for k, v in row.items() if fold(k) == fold(header).rstrip(" *:")), None)


# --- valid rows ------------------------------------------------------------------------------


def person_id(tag: str, n: int) -> str:
    """A deterministic 12-digit ID number, distinct per ``(tag, n)``; starts with 038 (Thanh Hóa)."""
    digest = int(hashlib.sha256(f"{tag}/{n}".encode()).hexdigest(), 16)
    return f"038{digest % 10**9:09d}"


def admission(tag: str, n: int, **changes: Any) -> dict[str, Any]:
    """A valid ``Kết nạp`` row of 2023 (person ``n`` of ``tag``); ``changes`` override headers."""
    row = {
        "STT": n,
        "Họ và tên": f"Người Thử {tag} {n}",
        "Ngày sinh": datetime(1995, 1 + n % 12, 1 + n % 28),
        "Số CCCD": person_id(tag, n),
        "Giới tính": "Nữ" if n % 2 else "Nam",
        "Dân tộc": "Kinh" if n % 3 else "Mường",
        "Tôn giáo": "Không",
        "Đoàn viên": "Có",
        "Nghề nghiệp": "Giáo viên",
        "Trình độ": "Đại học",
        "Ngày kết nạp": datetime(2023, 1 + n % 12, 10),
        "Chi bộ": "Chi bộ phố Tân Nam",
    }
    return row | changes


def training(tag: str, n: int, **changes: Any) -> dict[str, Any]:
    """A valid ``Bồi dưỡng`` row of 2023."""
    row = {
        "STT": n,
        "Họ và tên": f"Người Học {tag} {n}",
        "Ngày sinh": datetime(2001, 1 + n % 12, 2),
        "Số CCCD": person_id(f"training-{tag}", n),
        "Giới tính": "Nam",
        "Lớp bồi dưỡng": "Lớp 03/2023",
        "Ngày cấp giấy chứng nhận": datetime(2023, 3, 20),
    }
    return row | changes


def conversion(tag: str, n: int, **changes: Any) -> dict[str, Any]:
    """A valid ``Chuyển chính thức`` row of 2023 (admitted in 2022)."""
    row = {
        "STT": n,
        "Họ và tên": f"Người Chuyển {tag} {n}",
        "Số CCCD": person_id(f"conversion-{tag}", n),
        "Ngày kết nạp": datetime(2022, 2, 3),
        "Ngày chuyển chính thức": datetime(2023, 2, 10),
    }
    return row | changes


# --- the cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Expected:
    """One issue the case must produce (``file`` relative to the data root; default: the case's file).

    ``says`` is a phrase the message must contain (the precise reason, for whole-file rejections).
    """

    rule: str
    sheet: str = ""
    row: int | None = None
    column: str | None = None
    file: str | None = None
    says: str | None = None


@dataclass(frozen=True)
class Case:
    """One defect: how to write it, and exactly what ingestion must say and still load."""

    name: str
    build: Callable[[Path], None]  # writes the case's file(s) given the case's main file path
    errors: tuple[Expected, ...]  # exactly the errors of the main file (empty: a tolerated defect)
    loaded: Mapping[str, int] = field(default_factory=dict)  # sheet -> rows loaded from the main file
    suffix: str = ".xlsx"
    folder: str = "2023"
    warnings: tuple[Expected, ...] = ()  # exactly the warnings of the main file
    stem: str | None = None  # the file name when it is not the case's name (CSV returns: the organisation)

    @property
    def file(self) -> str:
        """The case's main file, relative to the data root."""
        return f"returns/{self.folder}/{self.stem or self.name}{self.suffix}"


def _three(
    tag: str,
    bad: Mapping[str, Any],
    sheet: str = "Kết nạp",
    common: Mapping[str, Any] | None = None,
    **kw: Any,
) -> Callable[[Path], None]:
    """A return whose ``sheet`` has a valid row, the bad row (Excel row 3), and another valid row."""
    make = {"Kết nạp": admission, "Bồi dưỡng": training, "Chuyển chính thức": conversion}[sheet]
    common = dict(common or {})

    def build(path: Path) -> None:
        rows = [make(tag, 1, **common), make(tag, 2, **(common | dict(bad))), make(tag, 3, **common)]
        write_return(path, sheets={sheet: rows}, **kw)

    return build


def _admissions_ok(tag: str, **kw: Any) -> Callable[[Path], None]:
    return lambda path: write_return(path, sheets={"Kết nạp": [admission(tag, 1), admission(tag, 2)]}, **kw)


def _bytes(content: bytes) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)

    return build


def _truncated(path: Path) -> None:
    _admissions_ok("truncated")(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _rezip(
    path: Path, change: Callable[[str, bytes], bytes | None], extra: Callable[[zipfile.ZipFile], None] | None = None
) -> None:
    """Rewrite the workbook at ``path`` member by member (``change`` returns new bytes, or ``None`` to keep)."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, change(item.filename, data) or data)
        if extra is not None:
            extra(target)
    path.write_bytes(out.getvalue())


def _entity_bomb_in(member: str, tag: str, seed: str) -> Callable[[Path], None]:
    """A workbook whose ``member`` declares XML entities (the start of a billion-laughs attack)."""

    def build(path: Path) -> None:
        _admissions_ok(seed)(path)

        def change(name: str, data: bytes) -> bytes | None:
            if name != member:
                return None
            text = data.decode("utf-8")
            declaration_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
            bomb = f'<!DOCTYPE {tag} [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
            return (text[:declaration_end] + bomb + text[declaration_end:]).encode("utf-8")

        _rezip(path, change)

    return build


_entity_bomb = _entity_bomb_in("xl/worksheets/sheet2.xml", "worksheet", "bomb")


def _zip_bomb(megabytes: int, seed: str) -> Callable[[Path], None]:
    """A real return whose Kết nạp sheet inflates to ``megabytes`` MB: its XML, then that many spaces.

    Whitespace after the root element is legal XML, so this is a workbook a careless reader would
    inflate in full. Streamed, so writing it never holds the inflated size in memory.
    """

    def build(path: Path) -> None:
        _admissions_ok(seed)(path)
        source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
        out = io.BytesIO()
        chunk = b" " * 2**20
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename != "xl/worksheets/sheet2.xml":
                    target.writestr(item, data)
                    continue
                info = zipfile.ZipInfo(item.filename)
                info.compress_type = zipfile.ZIP_DEFLATED
                with target.open(info, "w", force_zip64=True) as member:
                    member.write(data)
                    for _ in range(megabytes):
                        member.write(chunk)
        path.write_bytes(out.getvalue())

    return build


def _zip_many_parts(path: Path) -> None:
    _admissions_ok("many_parts")(path)

    def extra(target: zipfile.ZipFile) -> None:
        for n in range(1500):
            target.writestr(f"customXml/item{n}.xml", "<a/>")

    _rezip(path, lambda name, data: None, extra)


def _too_many_rows(path: Path) -> None:
    """A Kết nạp sheet of 20,001 filled rows (written streaming, one cell each: the cap counts rows)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook(write_only=True)
    info = workbook.create_sheet("Thông tin")
    info.append(["Tổ chức cơ sở đảng", "P01"])
    info.append(["Năm báo cáo", 2023])
    sheet = workbook.create_sheet("Kết nạp")
    sheet.append(list(ADMISSION_HEADERS))
    for n in range(1, 20_002):
        sheet.append([n, "Người Thử"])
    workbook.save(path)


def _formula_cells(path: Path) -> None:
    """Row 3's Giới tính is a formula never computed (no saved result); row 4's has its saved result."""
    rows = [
        admission("formula", 1),
        admission("formula", 2, **{"Giới tính": '=IF(1,"Nam","Nữ")'}),
        admission("formula", 3, **{"Giới tính": '="Nữ"'}),
    ]
    write_return(path, sheets={"Kết nạp": rows})

    def change(name: str, data: bytes) -> bytes | None:
        if name != "xl/worksheets/sheet2.xml":
            return None
        # As Excel saves it: the formula and, beside it, its result as text.
        cell = '<c r="E4"><f>"Nữ"</f><v /></c>'.encode()
        assert cell in data, "openpyxl changed how it writes formulas"
        return data.replace(cell, '<c r="E4" t="str"><f>"Nữ"</f><v>Nữ</v></c>'.encode())

    _rezip(path, change)


def _merged_cells(path: Path) -> None:
    """Nghề nghiệp merged down rows 2-4 and Chi bộ on rows 5-6: read for each row (a warning per range);
    Số CCCD merged on rows 3-4: personal, so row 4 has no ID number and fails."""
    write_return(path, sheets={"Kết nạp": [admission("merged", n) for n in range(1, 6)]})
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Kết nạp"]
    sheet.merge_cells("I2:I4")
    sheet.merge_cells("L5:L6")
    sheet.merge_cells("D3:D4")
    workbook.save(path)


def _hidden_sheet(path: Path) -> None:
    _three("hidden", {"Trình độ": "Cấp 3"})(path)
    workbook = openpyxl.load_workbook(path)
    workbook["Kết nạp"].sheet_state = "hidden"
    workbook["Bồi dưỡng"].sheet_state = "veryHidden"
    workbook.save(path)


def _ole(*streams: str) -> bytes:
    """An OLE compound file (Office 97-2003 container) stub: the header, then a directory of ``streams``.

    Just enough for what ingestion looks at: the signature and the UTF-16 stream names.
    """
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    header += bytes(512 - len(header))
    entries = b""
    for name in ("Root Entry", *streams):
        encoded = (name + "\x00").encode("utf-16-le")
        entries += encoded + bytes(64 - len(encoded)) + len(encoded).to_bytes(2, "little") + bytes(62)
    return header + entries + bytes(-len(entries) % 512)


def _zip_of(members: Mapping[str, str]) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in members.items():
                archive.writestr(name, text)

    return build


def _cp1258(text: str) -> bytes:
    """Vietnamese text as Windows-1258 stores it: vowels with their shape marks, then a combining tone."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in parts if c in _TONE_MARKS)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONE_MARKS)) + tones)
    return "".join(out).encode("cp1258")


_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def _csv_cells(row: Mapping[str, Any]) -> list[str]:
    """A row as a CSV holds it: dates as dd/mm/yyyy text, everything else as typed."""
    cells = []
    for header in ADMISSION_HEADERS:
        value = row.get(header)
        cells.append(value.strftime("%d/%m/%Y") if isinstance(value, datetime) else "" if value is None else str(value))
    return cells


def _csv_return(
    tag: str, bad: Mapping[str, Any], *, delimiter: str, encode: Callable[[str], bytes]
) -> Callable[[Path], None]:
    """A CSV return (the Kết nạp table alone): a valid row, the bad row (line 3), another valid row."""

    def build(path: Path) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(ADMISSION_HEADERS)
        for n, changes in ((1, {}), (2, bad), (3, {})):
            writer.writerow(_csv_cells(admission(tag, n, **changes)))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(encode(buffer.getvalue()))

    return build


def _nfd(value: Any) -> Any:
    return unicodedata.normalize("NFD", value) if isinstance(value, str) else value


def _mixed_nfc_nfd(path: Path) -> None:
    """Every other cell and header in NFD, the organisation's name in NFD with the old tone (Hoá)."""
    rows = []
    for n, changes in ((1, {}), (2, {"Nghề nghiệp": "Bộ đội"}), (3, {}), (4, {})):
        row = admission("mixed", n, **changes)
        rows.append({k: _nfd(v) if (i + n) % 2 else v for i, (k, v) in enumerate(row.items())})
    write_return(
        path,
        organisation=_nfd("Chi bộ Bệnh viện Đa khoa thành phố Thanh Hoá"),
        sheets={"Kết nạp": rows},
        headers={"Kết nạp": [_nfd(h) if i % 2 else h for i, h in enumerate(ADMISSION_HEADERS)]},
    )


#: Text fields holding markup: loaded verbatim (escaping is the output side's job).
HTML_CELL = "<script>alert('chi bộ')</script>Chi bộ <b>phố</b> & \"Tân Nam\""
HTML_CLASS = '<img src=x onerror="alert(1)">Lớp <i>03/2023</i> &amp; K2'


def _html_in_text(path: Path) -> None:
    write_return(
        path,
        sheets={
            "Kết nạp": [
                admission("html", 1, **{"Chi bộ": HTML_CELL, "Ghi chú": "<iframe src=//x>"}),
                admission("html", 2),
            ],
            "Bồi dưỡng": [training("html", 1, **{"Lớp bồi dưỡng": HTML_CLASS})],
        },
    )


def _numbers_as_text(path: Path) -> None:
    """Year, STT, ID numbers as text (and as a number that lost its leading zero); one ID in E-notation."""
    ident = person_id("numbers", 4)
    rows = [
        admission("numbers", 1, STT="1"),
        admission("numbers", 2, STT="2", **{"Số CCCD": "3,81234E+10"}),  # a CSV round trip through Excel
        admission("numbers", 3, STT="3.0", **{"Số CCCD": float(person_id("numbers", 3))}),
        admission("numbers", 4, STT=" 4 ", **{"Số CCCD": f"{ident[:3]}.{ident[3:6]}.{ident[6:9]}.{ident[9:]}"}),
    ]
    write_return(path, year="2023", sheets={"Kết nạp": rows})


_HTML_EXPORT = """<html xmlns:x="urn:schemas-microsoft-com:office:excel"><head><meta charset="utf-8"></head>
<body><table><tr><td>STT</td><td>Họ và tên</td></tr><tr><td>1</td><td>Người Thử</td></tr></table></body></html>
"""
_XML_2003 = """<?xml version="1.0"?>
<?mso-application progid="Excel.Sheet"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"
 xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="Kết nạp"><Table>
<Row><Cell><Data ss:Type="String">STT</Data></Cell></Row></Table></Worksheet></Workbook>
"""


def _duplicate_across_files(path: Path) -> None:
    # The first file sorts before the case's own file, so its row is the one kept.
    first = path.with_name("dup_across_a.xlsx")
    write_return(first, sheets={"Kết nạp": [admission("dup_across", 1)]})
    write_return(path, sheets={"Kết nạp": [admission("dup_across_b", 1), admission("dup_across", 1, STT=2)]})


_INFO = "Thông tin"
_ADM = "Kết nạp"
_TRN = "Bồi dưỡng"


def _unreadable(says: str, sheet: str = "") -> tuple[Expected, ...]:
    return (Expected("unreadable-file", sheet, says=says),)


CASES: tuple[Case, ...] = (
    # --- row rules in Kết nạp: bad row is Excel row 3, rows 2 and 4 load ---
    Case(
        "unparsable_date",
        _three("unparsable_date", {"Ngày kết nạp": "mười lăm tháng ba"}),
        (Expected("unparsable-date", _ADM, 3, "Ngày kết nạp"),),
        {_ADM: 2},
    ),
    Case(
        "impossible_date",
        _three("impossible_date", {"Ngày kết nạp": "31/02/2023"}),
        (Expected("impossible-date", _ADM, 3, "Ngày kết nạp"),),
        {_ADM: 2},
    ),
    Case(
        "impossible_birth_date",
        _three("impossible_birth_date", {"Ngày sinh": "30/02/1999"}),
        (Expected("impossible-date", _ADM, 3, "Ngày sinh"),),
        {_ADM: 2},
    ),
    Case(
        "date_outside_period",
        _three("date_outside_period", {"Ngày kết nạp": datetime(2022, 12, 15)}),
        (Expected("date-outside-period", _ADM, 3, "Ngày kết nạp"),),
        {_ADM: 2},
    ),
    Case(
        "future_date",
        _three(
            "future_date",
            {"Ngày kết nạp": "20/04/2024"},
            common={"Ngày kết nạp": datetime(2024, 2, 1)},
            year=2024,
        ),
        (Expected("future-date", _ADM, 3, "Ngày kết nạp"),),
        {_ADM: 2},
        folder="2024",
    ),
    Case(
        "under_18",
        _three("under_18", {"Ngày sinh": datetime(2005, 6, 1), "Ngày kết nạp": datetime(2023, 5, 31)}),
        (Expected("under-18", _ADM, 3, "Ngày sinh"),),
        {_ADM: 2},
    ),
    Case(
        "duplicate_person",
        _three("duplicate_person", {"Số CCCD": person_id("duplicate_person", 1)}),
        (Expected("duplicate-person", _ADM, 3, "Số CCCD"),),
        {_ADM: 2},
    ),
    Case(
        "duplicate_across_files",
        _duplicate_across_files,
        (Expected("duplicate-person", _ADM, 3, "Số CCCD"),),
        {_ADM: 1},
    ),
    Case(
        "missing_name",
        _three("missing_name", {"Họ và tên": None}),
        (Expected("missing-field", _ADM, 3, "Họ và tên"),),
        {_ADM: 2},
    ),
    Case(
        "missing_two_fields",
        _three("missing_two_fields", {"Giới tính": "  ", "Trình độ": None}),
        (Expected("missing-field", _ADM, 3, "Giới tính"), Expected("missing-field", _ADM, 3, "Trình độ")),
        {_ADM: 2},
    ),
    Case(
        "unknown_sex",
        _three("unknown_sex", {"Giới tính": "Nam giới"}),
        (Expected("unknown-category", _ADM, 3, "Giới tính"),),
        {_ADM: 2},
    ),
    Case(
        "unknown_religion",
        _three("unknown_religion", {"Tôn giáo": "Hồi giáo"}),
        (Expected("unknown-category", _ADM, 3, "Tôn giáo"),),
        {_ADM: 2},
    ),
    Case(
        "unknown_youth_union",
        _three("unknown_youth_union", {"Đoàn viên": "x"}),
        (Expected("unknown-category", _ADM, 3, "Đoàn viên"),),
        {_ADM: 2},
    ),
    Case(
        "unknown_occupation",
        _three("unknown_occupation", {"Nghề nghiệp": "Bộ đội"}),
        (Expected("unknown-category", _ADM, 3, "Nghề nghiệp"),),
        {_ADM: 2},
    ),
    Case(
        "unknown_education",
        _three("unknown_education", {"Trình độ": "Lớp 12"}),
        (Expected("unknown-category", _ADM, 3, "Trình độ"),),
        {_ADM: 2},
    ),
    Case(
        "bad_id_short",
        _three("bad_id_short", {"Số CCCD": "03812345"}),
        (Expected("bad-id-number", _ADM, 3, "Số CCCD"),),
        {_ADM: 2},
    ),
    Case(
        "bad_id_letters",
        _three("bad_id_letters", {"Số CCCD": "03812345678A"}),
        (Expected("bad-id-number", _ADM, 3, "Số CCCD"),),
        {_ADM: 2},
    ),
    Case(
        "every_violation",
        _three("every_violation", {"Ngày sinh": "1995", "Số CCCD": 12345, "Giới tính": "?", "Ngày kết nạp": None}),
        (
            Expected("unparsable-date", _ADM, 3, "Ngày sinh"),
            Expected("bad-id-number", _ADM, 3, "Số CCCD"),
            Expected("unknown-category", _ADM, 3, "Giới tính"),
            Expected("missing-field", _ADM, 3, "Ngày kết nạp"),
        ),
        {_ADM: 2},
    ),
    # --- the other sheets ---
    Case(
        "training_outside_period",
        _three("training_outside_period", {"Ngày cấp giấy chứng nhận": "15/11/2022"}, sheet="Bồi dưỡng"),
        (Expected("date-outside-period", "Bồi dưỡng", 3, "Ngày cấp giấy chứng nhận"),),
        {"Bồi dưỡng": 2},
    ),
    Case(
        "certificate_twice",
        _three(
            "certificate_twice", {"Số CCCD": person_id("training-certificate_twice", 1)}, sheet="Bồi dưỡng"
        ),  # the same person and the same certificate date as row 2
        (Expected("duplicate-certificate", "Bồi dưỡng", 3, "Số CCCD", says="already in"),),
        {"Bồi dưỡng": 2},
    ),
    Case(
        "conversion_before_admission",
        _three(
            "conversion_before_admission",
            {"Ngày kết nạp": "01/03/2023", "Ngày chuyển chính thức": "01/02/2023"},
            sheet="Chuyển chính thức",
        ),
        (Expected("date-order", "Chuyển chính thức", 3, "Ngày chuyển chính thức"),),
        {"Chuyển chính thức": 2},
    ),
    Case(
        "conversion_twice",
        _three(
            "conversion_twice",
            {"Số CCCD": person_id("conversion-conversion_twice", 1)},
            sheet="Chuyển chính thức",
        ),
        (Expected("duplicate-person", "Chuyển chính thức", 3, "Số CCCD"),),
        {"Chuyển chính thức": 2},
    ),
    # --- Thông tin: the whole return is rejected, its rows counted as quarantined ---
    Case(
        "unknown_organisation",
        _admissions_ok("unknown_organisation", organisation="Đảng bộ phường Không Có"),
        (Expected("unknown-organisation", _INFO, 1, "Tổ chức cơ sở đảng"),),
        {_ADM: 0},
    ),
    Case(
        "missing_organisation",
        _admissions_ok("missing_organisation", organisation=None),
        (Expected("missing-field", _INFO, 1, "Tổ chức cơ sở đảng"),),
        {_ADM: 0},
    ),
    Case(
        "year_mismatch",
        _admissions_ok("year_mismatch", year=2024),
        (Expected("year-mismatch", _INFO, 2, "Năm báo cáo"),),
        {_ADM: 0},
    ),
    Case(
        "bad_year",
        _admissions_ok("bad_year", year="năm nay"),
        (Expected("bad-number", _INFO, 2, "Năm báo cáo"),),
        {_ADM: 0},
    ),
    # --- files that cannot be read at all ---
    Case(
        "missing_id_header",
        _admissions_ok("missing_id_header", headers={_ADM: [h for h in ADMISSION_HEADERS if h != "Số CCCD"]}),
        _unreadable("no header row with Số CCCD", _ADM),
    ),
    # A nil return: no admissions sheet means no admissions; the other sheets load.
    Case(
        "missing_admissions_sheet",
        lambda p: write_return(p, omit=[_ADM]),
        (),
        warnings=(Expected("nil-return", _ADM),),
    ),
    Case(
        "missing_info_sheet",
        _admissions_ok("missing_info_sheet", omit=[_INFO]),
        _unreadable("no sheet 'Thông tin'"),
    ),
    Case("not_a_workbook", _bytes("Họ và tên;Số CCCD\n".encode()), _unreadable("a text (CSV) file")),
    Case("corrupt_zip", _truncated, _unreadable("corrupt")),
    Case(
        "encrypted",
        _bytes(_ole("\x06DataSpaces", "EncryptionInfo", "EncryptedPackage")),
        _unreadable("password-protected"),
    ),
    Case("empty_file", _bytes(b""), _unreadable("empty")),
    Case(
        "old_format",
        _bytes(_ole("Workbook", "\x05SummaryInformation")),
        _unreadable("old Excel 97-2003 (.xls) workbook:"),
        suffix=".xls",
    ),
    # A scan beside the returns is an attachment: listed, not read, not an error.
    Case(
        "scanned_pdf",
        _bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        (),
        suffix=".pdf",
        warnings=(Expected("attachment"),),
    ),
    Case("csv_return", _bytes("STT,Họ và tên\n1,A\n".encode()), _unreadable("header row", _ADM), suffix=".csv"),
    Case("entity_bomb", _entity_bomb, _unreadable("XML entity")),
    # --- hostile or absurd files: refused by a safety limit, never inflated or read whole ---
    Case(
        "entity_bomb_in_workbook_part",
        _entity_bomb_in("xl/workbook.xml", "workbook", "bomb_workbook"),
        _unreadable("possible XML bomb"),
    ),
    Case("zip_bomb", _zip_bomb(110, "zip_bomb"), _unreadable("would inflate to 110 MB")),
    Case("zip_bomb_ratio", _zip_bomb(8, "zip_ratio"), _unreadable("(xl/worksheets/sheet2.xml) is compressed")),
    Case("zip_of_many_parts", _zip_many_parts, _unreadable("holds 1,5")),
    Case("sheet_far_too_long", _too_many_rows, _unreadable("more than 20,000 filled rows", _ADM)),
    # --- other file formats behind a spreadsheet name ---
    Case(
        "renamed_xls", _bytes(_ole("Workbook", "\x05SummaryInformation")), _unreadable(".xls) workbook renamed .xlsx")
    ),
    Case("word_97_renamed", _bytes(_ole("WordDocument", "1Table")), _unreadable("a Word document")),
    Case("html_export_as_xls", _bytes(_HTML_EXPORT.encode()), _unreadable("an HTML page")),
    Case("xml_spreadsheet_2003", _bytes(_XML_2003.encode()), _unreadable("Excel 2003 XML spreadsheet")),
    Case(
        "docx_renamed",
        _zip_of({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w/>"}),
        _unreadable("Word document (.docx)"),
    ),
    Case(
        "ods_renamed",
        _zip_of({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<c/>"}),
        _unreadable("OpenDocument"),
    ),
    # --- what spreadsheets do to cells ---
    Case(
        "formula_cells",
        _formula_cells,
        (Expected("formula-cell", _ADM, 3, "Giới tính"),),
        {_ADM: 2},
    ),
    Case(
        "merged_cells",
        _merged_cells,
        (Expected("missing-field", _ADM, 4, "Số CCCD", says="merged cells D3:D4"),),
        {_ADM: 4},
        warnings=(
            Expected("merged-value", _ADM, 2, "Nghề nghiệp", says="read for each of rows 2, 3, 4"),
            Expected("merged-value", _ADM, 5, "Chi bộ", says="merged over L5:L6"),
        ),
    ),
    Case(
        "hidden_sheets",
        _hidden_sheet,
        (Expected("unknown-category", _ADM, 3, "Trình độ"),),
        {_ADM: 2},
        warnings=(Expected("hidden-sheet", _ADM), Expected("hidden-sheet", _TRN)),
    ),
    Case("mixed_nfc_nfd", _mixed_nfc_nfd, (Expected("unknown-category", _ADM, 3, "Nghề nghiệp"),), {_ADM: 3}),
    Case("html_in_text_fields", _html_in_text, (), {_ADM: 2, _TRN: 1}),
    Case(
        "numbers_stored_as_text",
        _numbers_as_text,
        (Expected("bad-id-number", _ADM, 3, "Số CCCD"),),
        {_ADM: 3},
        warnings=(Expected("id-number-restored", _ADM, 4, "Số CCCD"),),
    ),
    # --- CSV returns: the Kết nạp table alone, named after the organisation, in a year folder ---
    Case(
        "csv_utf8_bom",
        _csv_return("csv_bom", {"Trình độ": "Cử nhân"}, delimiter=",", encode=lambda t: t.encode("utf-8-sig")),
        (Expected("unknown-category", _ADM, 3, "Trình độ"),),
        {_ADM: 2},
        suffix=".csv",
        stem="P02",
    ),
    Case(
        "csv_utf16_tabs",
        _csv_return("csv_utf16", {"Ngày kết nạp": "30/02/2023"}, delimiter="\t", encode=lambda t: t.encode("utf-16")),
        (Expected("impossible-date", _ADM, 3, "Ngày kết nạp"),),
        {_ADM: 2},
        suffix=".csv",
        stem="T01",
    ),
    Case(
        "csv_windows_1258",
        _csv_return("csv_1258", {"Dân tộc": ""}, delimiter=";", encode=_cp1258),
        (Expected("missing-field", _ADM, 3, "Dân tộc"),),
        {_ADM: 2},
        suffix=".csv",
        stem="Chi bộ Công ty Cổ phần Hòa Bình",
        warnings=(Expected("legacy-encoding", _ADM),),
    ),
    Case(
        "csv_unknown_organisation",
        _csv_return("csv_unknown", {}, delimiter=",", encode=lambda t: t.encode("utf-8")),
        (Expected("unknown-organisation", "", None, "file name"),),
        {_ADM: 0},
        suffix=".csv",
    ),
)


def build_corpus(root: Path) -> list[Case]:
    """Write the reference data, one valid return and every case under ``root``; return the cases."""
    write_reference(root)
    write_return(
        root / "returns" / "2023" / "valid.xlsx",
        organisation="Chi bộ Trung tâm Y tế thành phố Thanh Hóa",
        sheets={
            "Kết nạp": [admission("valid", n) for n in range(1, 6)],
            "Bồi dưỡng": [training("valid", n) for n in range(1, 4)],
            "Chuyển chính thức": [conversion("valid", 1)],
        },
    )
    for case in CASES:
        case.build(root / case.file)
    return list(CASES)


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "defect-corpus")
    print(f"{len(build_corpus(target))} cases written to {target}")
