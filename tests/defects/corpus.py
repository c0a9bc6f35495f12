"""The defect corpus: defective returns, each with the exact errors ingestion must report.

The files are not committed: :func:`build_corpus` writes them deterministically at test time
(``tests/test_ingest.py`` does, into a temporary folder), so the corpus is reviewable as code and
has no binary diffs. ``python tests/defects/corpus.py DIR`` writes it to ``DIR`` to open the files
in Excel. Each :class:`Case` is one defect (a few need two files, or a file that is not a
workbook); valid rows sit around every bad row, so the tests also check that they still load.

Also here, for the other ingestion tests: the reference data (:func:`write_reference`), a return
writer (:func:`write_return`) and valid rows (:func:`admission`, :func:`training`,
:func:`conversion`). None of this is the sample generator (``ketnap.sample``); it is deliberately
independent of it, so a bug in one is not mirrored in the other.
"""

from __future__ import annotations

import hashlib
import io
import sys
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

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
)


# --- writers ---------------------------------------------------------------------------------


def write_reference(root: Path, *, targets: Sequence[Sequence[Any]] | None = None) -> None:
    """Write ``reference/`` (sectors, organisations, targets) under ``root``."""
    reference = root / "reference"
    reference.mkdir(parents=True, exist_ok=True)
    (reference / "sectors.csv").write_text(SECTORS_CSV, encoding="utf-8")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tổ chức"
    sheet.append(["Mã tổ chức", "Tên tổ chức", "Khối", "Loại hình", "Trực thuộc", "Ngày thành lập", "Ngày giải thể"])
    for code, name, sector, kind in ORGANISATIONS:
        sheet.append([code, name, sector, kind, None, datetime(2000, 1, 1), None])
    workbook.save(reference / "organisations.xlsx")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chỉ tiêu"
    sheet.append(["Năm", "Mã tổ chức", "Chỉ tiêu kết nạp", "Kế hoạch bồi dưỡng", *(f"T{m}" for m in range(1, 13))])
    default = [[2023, "TP", 20, 40], [2024, "TP", 25, 45]] + [
        [year, code, 5, 10, *([1] * 5)] for year in (2023, 2024) for code, *_ in ORGANISATIONS
    ]
    for row in default if targets is None else targets:
        sheet.append(list(row))
    workbook.save(reference / "targets.xlsx")


def write_return(
    path: Path,
    *,
    organisation: Any = "P01",
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
        The ``Thông tin`` values (ignored when ``info`` is given).
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
    """One error the case must produce (``file`` relative to the data root; default: the case's file)."""

    rule: str
    sheet: str = ""
    row: int | None = None
    column: str | None = None
    file: str | None = None


@dataclass(frozen=True)
class Case:
    """One defect: how to write it, and exactly what ingestion must say and still load."""

    name: str
    build: Callable[[Path], None]  # writes the case's file(s) given the case's main file path
    errors: tuple[Expected, ...]
    loaded: Mapping[str, int] = field(default_factory=dict)  # sheet -> rows loaded from the main file
    suffix: str = ".xlsx"
    folder: str = "2023"

    @property
    def file(self) -> str:
        """The case's main file, relative to the data root."""
        return f"returns/{self.folder}/{self.name}{self.suffix}"


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


def _entity_bomb(path: Path) -> None:
    """A workbook whose Kết nạp sheet declares XML entities (the start of a billion-laughs attack)."""
    _admissions_ok("bomb")(path)
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = data.decode("utf-8")
                declaration_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
                bomb = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                data = (text[:declaration_end] + bomb + text[declaration_end:]).encode("utf-8")
            target.writestr(item, data)
    path.write_bytes(out.getvalue())


def _duplicate_across_files(path: Path) -> None:
    # The first file sorts before the case's own file, so its row is the one kept.
    first = path.with_name("dup_across_a.xlsx")
    write_return(first, sheets={"Kết nạp": [admission("dup_across", 1)]})
    write_return(path, sheets={"Kết nạp": [admission("dup_across_b", 1), admission("dup_across", 1, STT=2)]})


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
_INFO = "Thông tin"
_ADM = "Kết nạp"

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
        (Expected("unreadable-file"),),
    ),
    Case("missing_admissions_sheet", lambda p: write_return(p, omit=[_ADM]), (Expected("unreadable-file"),)),
    Case(
        "missing_info_sheet",
        _admissions_ok("missing_info_sheet", omit=[_INFO]),
        (Expected("unreadable-file"),),
    ),
    Case("not_a_workbook", _bytes("Họ và tên;Số CCCD\n".encode()), (Expected("unreadable-file"),)),
    Case("corrupt_zip", _truncated, (Expected("unreadable-file"),)),
    Case("encrypted", _bytes(_OLE), (Expected("unreadable-file"),)),
    Case("empty_file", _bytes(b""), (Expected("unreadable-file"),)),
    Case("old_format", _bytes(_OLE), (Expected("unreadable-file"),), suffix=".xls"),
    Case("scanned_pdf", _bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), (Expected("unreadable-file"),), suffix=".pdf"),
    Case("csv_return", _bytes("STT,Họ và tên\n1,A\n".encode()), (Expected("unreadable-file"),), suffix=".csv"),
    Case("entity_bomb", _entity_bomb, (Expected("unreadable-file"),)),
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
