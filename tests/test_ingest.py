"""Tests of ketnap.ingest: the defect corpus, each tolerance, unreadable files, the person key, privacy.

Inputs are built with openpyxl in temporary folders (``tests/defects/corpus.py`` writes them); the
corpus is ingested once per module and every case asserts its exact errors and what still loaded.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import random
import unicodedata
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from defects.corpus import (
    ADMISSION_HEADERS,
    CASES,
    HTML_CELL,
    HTML_CLASS,
    KEY,
    ORGANISATIONS,
    TODAY,
    Case,
    admission,
    build_corpus,
    conversion,
    person_id,
    training,
    write_reference,
    write_return,
)
from faker import Faker

from ketnap import quality
from ketnap.config import DEMO_PERSON_KEY
from ketnap.ingest import (
    IngestResult,
    PersonKeyError,
    ReferenceDataError,
    ingest,
    limits,
    main,
    parse_date,
    person_key,
    resolve_person_key,
)
from ketnap.ingest.files import decode_text
from ketnap.io import load
from ketnap.schema import RECONCILIATION_COLUMNS, REGISTER_NAME, RULES, TABLES


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def run(base: Path, **kwargs: Any) -> IngestResult:
    """Ingest ``base/data`` into ``base/processed`` and ``base/interim``."""
    kwargs.setdefault("today", TODAY)
    kwargs.setdefault("key", KEY)
    return ingest(base / "data", base / "processed", base / "interim", **kwargs)


def errors_of(result: IngestResult, file: str | None = None) -> set[tuple[Any, ...]]:
    return {(i.sheet, i.row, i.column, i.rule) for i in result.errors if file is None or i.file == file}


def loaded(result: IngestResult, file: str, sheet: str = "Kết nạp") -> int:
    recon = result.reconciliation
    return int(recon.loc[(recon["file"] == file) & (recon["sheet"] == sheet), "loaded"].sum())


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """A data root with the reference data and no returns yet."""
    write_reference(tmp_path / "data")
    return tmp_path


def returns(base: Path, name: str, year: int = 2023) -> Path:
    return base / "data" / "returns" / str(year) / name


# --- the defect corpus -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> IngestResult:
    base = tmp_path_factory.mktemp("corpus")
    build_corpus(base / "data")
    return run(base)


def test_corpus_has_at_least_40_distinct_defect_kinds(corpus: IngestResult) -> None:
    assert len(CASES) >= 40
    assert len({c.name for c in CASES}) == len(CASES)
    assert len({c.file for c in CASES}) == len(CASES)
    # Every case pins its outcome: exact errors, or (a tolerated defect) exact warnings and rows loaded.
    assert all(c.errors or c.warnings or c.loaded for c in CASES)
    defective = {i.file for i in corpus.errors}
    assert len(defective) >= 40
    assert {c.file for c in CASES if c.errors} <= defective
    # Whole-file rejections say precisely why, each in its own words.
    reasons = [e.says for c in CASES for e in c.errors if e.rule == "unreadable-file"]
    assert None not in reasons and len(set(reasons)) == len(reasons)


def _issue_keys(issues: list[Any], file: str) -> set[tuple[Any, ...]]:
    return {(i.file, i.sheet, i.row, i.column, i.rule) for i in issues if i.file == file}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_defect_gives_its_exact_errors_and_the_valid_rows_still_load(case: Case, corpus: IngestResult) -> None:
    got = _issue_keys(corpus.errors, case.file)
    expected = {(e.file or case.file, e.sheet, e.row, e.column, e.rule) for e in case.errors}
    assert got == expected
    expected_warnings = {(e.file or case.file, e.sheet, e.row, e.column, e.rule) for e in case.warnings}
    assert _issue_keys(corpus.warnings, case.file) == expected_warnings
    for want in (*case.errors, *case.warnings):
        if want.says is not None:
            messages = [i.message for i in corpus.issues if i.file == (want.file or case.file) and i.rule == want.rule]
            assert any(want.says in m for m in messages), (want.says, messages)
    for sheet, count in case.loaded.items():
        assert loaded(corpus, case.file, sheet) == count
    assert all(rule in RULES for *_, rule in got)


def test_corpus_valid_return_loads_whole_beside_unreadable_files(corpus: IngestResult) -> None:
    valid = "returns/2023/valid.xlsx"
    assert not errors_of(corpus, valid)
    assert loaded(corpus, valid, "Kết nạp") == 5
    assert loaded(corpus, valid, "Bồi dưỡng") == 3
    assert loaded(corpus, valid, "Chuyển chính thức") == 1
    assert set(corpus.tables["admissions"].loc[lambda t: t.source_file == valid, "org_code"]) == {"H01"}


def test_reconciliation_accounts_for_every_row(corpus: IngestResult) -> None:
    recon = corpus.reconciliation
    assert (recon["rows_read"] == recon["loaded"] + recon["quarantined"] + recon["superseded"]).all()
    assert recon["superseded"].sum() == 0  # every test file is a return of its own
    per_table = recon[recon["file"].str.startswith("returns/")].groupby("sheet")["loaded"].sum()
    assert per_table["Kết nạp"] == len(corpus.tables["admissions"])
    assert per_table["Bồi dưỡng"] == len(corpus.tables["training"])
    assert per_table["Chuyển chính thức"] == len(corpus.tables["conversions"])
    # A rejected row is quarantined once, however many rules it breaks.
    row_errors = {(i.file, i.sheet, i.row) for i in corpus.errors if i.row is not None and i.sheet != "Thông tin"}
    # Whole returns rejected for their organisation or year: by Thông tin, or a CSV return's file name.
    whole = {i.file for i in corpus.errors if i.sheet == "Thông tin" or (i.row is None and i.rule != "unreadable-file")}
    info_rejected = recon[recon["file"].isin(whole)]
    assert recon["quarantined"].sum() == len(row_errors) + info_rejected["rows_read"].sum()


def test_written_files_match_the_result(tmp_path: Path) -> None:
    build_corpus(tmp_path / "data")
    result = run(tmp_path)
    tables = load(tmp_path / "processed")
    for name, columns in TABLES.items():
        frame = getattr(tables, name)
        assert list(frame.columns) == columns
        pd.testing.assert_frame_equal(frame, result.tables[name], check_dtype=False)
    for column in ("admission_date",):
        assert str(tables.admissions[column].dtype) == "datetime64[ns]"
    quarantine = pd.read_csv(tmp_path / "interim" / "quarantine.csv", dtype=str, keep_default_na=False)
    assert list(quarantine.columns) == ["file", "sheet", "row", "column", "rule", "message", "value"]
    assert len(quarantine) == len(result.errors)
    recon = pd.read_csv(tmp_path / "interim" / "reconciliation.csv", keep_default_na=False)
    assert list(recon.columns) == RECONCILIATION_COLUMNS
    assert (recon["rows_read"] == recon["loaded"] + recon["quarantined"] + recon["superseded"]).all()
    manifest = json.loads((tmp_path / "processed" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["as_of"] == "2024-02-01"  # the latest loaded date (future_date.xlsx's valid rows)
    assert manifest["row_counts"] == {name: len(result.tables[name]) for name in TABLES}
    data = tmp_path / "data"
    on_disk = {p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file() and p.name != REGISTER_NAME}
    assert {i["file"] for i in manifest["inputs"]} == on_disk
    for item in manifest["inputs"]:
        data = (tmp_path / "data" / item["file"]).read_bytes()
        assert item["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["person_key_source"] == "argument"
    assert "ingested_at" in manifest


@pytest.mark.slow  # ingests the corpus or hundreds of files
def test_outputs_are_deterministic(tmp_path: Path) -> None:
    build_corpus(tmp_path / "data")
    first = run(tmp_path)
    snapshot = {
        p.name: p.read_bytes() for p in [*(tmp_path / "processed").iterdir(), *(tmp_path / "interim").iterdir()]
    }
    second = run(tmp_path)
    for path in [*(tmp_path / "processed").iterdir(), *(tmp_path / "interim").iterdir()]:
        if path.name != "manifest.json":
            assert path.read_bytes() == snapshot[path.name], path.name
    strip = {"ingested_at"}
    assert {k: v for k, v in first.manifest.items() if k not in strip} == {
        k: v for k, v in second.manifest.items() if k not in strip
    }
    assert first.tables["admissions"]["admission_date"].is_monotonic_increasing


# --- the secretary scenario --------------------------------------------------------------------


def test_secretary_edited_return_loads_with_one_precise_error(base: Path) -> None:
    """NFD text everywhere, a title row, dates typed as text and one bad row: one error, nothing else lost."""
    rows = []
    for n in range(1, 9):
        row = admission("secretary", n)
        row = {k: nfd(v) if isinstance(v, str) else v for k, v in row.items()}
        row["Ngày sinh"] = row["Ngày sinh"].strftime("%d/%m/%Y")
        row["Ngày kết nạp"] = f"{row['Ngày kết nạp'].day}/{row['Ngày kết nạp'].month}/2023"  # d/m/yyyy
        rows.append(row)
    rows[4]["Ngày kết nạp"] = "31/04/2023"  # April has 30 days; the row is Excel row 4 + 3 = 7
    rows[2]["Tôn giáo"] = nfd("Hoà Hảo")  # old tone placement, NFD
    write_return(
        returns(base, "chi-bo-truong-thpt.xlsx"),
        info=[
            (nfd("Tổ chức cơ sở đảng"), nfd("Chi bộ Trường THPT Đào Duy Từ")),
            (nfd("Năm báo cáo"), "2023"),
        ],
        sheets={"Kết nạp": rows},
        headers={"Kết nạp": [nfd(h) for h in ADMISSION_HEADERS]},
        titles={"Kết nạp": [[nfd("DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2023")]]},
        sheet_names={name: nfd(name) for name in ("Thông tin", "Kết nạp", "Bồi dưỡng", "Chuyển chính thức")},
    )
    result = run(base)
    file = "returns/2023/chi-bo-truong-thpt.xlsx"
    assert [(i.file, i.sheet, i.row, i.column, i.rule, i.value) for i in result.issues] == [
        (file, nfd("Kết nạp"), 7, "Ngày kết nạp", "impossible-date", "31/04/2023")
    ]
    admissions = result.tables["admissions"]
    assert len(admissions) == 7
    assert set(admissions["org_code"]) == {"T01"}
    assert "Hòa Hảo" in set(admissions["religion"])
    recon = result.reconciliation.set_index("file").loc[file]
    assert recon["rows_read"].sum() == 8 and recon["quarantined"].sum() == 1


# --- tolerances --------------------------------------------------------------------------------


def test_title_rows_above_the_header_are_skipped_and_rows_keep_excel_numbers(base: Path) -> None:
    rows = [admission("title", 1), admission("title", 2, **{"Giới tính": "Khác"}), admission("title", 3)]
    write_return(
        returns(base, "title.xlsx"),
        sheets={"Kết nạp": rows},
        titles={"Kết nạp": [["BÁO CÁO KẾT NẠP ĐẢNG VIÊN"], ["Đảng bộ phường Hàm Rồng", None, "Năm 2023"], []]},
    )
    result = run(base)
    # Three title rows, the header on row 4, so the bad second row is row 6.
    assert errors_of(result) == {("Kết nạp", 6, "Giới tính", "unknown-category")}
    assert loaded(result, "returns/2023/title.xlsx") == 2


def test_headers_in_nfd_any_case_and_stray_spaces(base: Path) -> None:
    headers = [
        f"  {nfd(h).upper()}  *" if i % 2 else nfd(h).replace(" ", "   ") for i, h in enumerate(ADMISSION_HEADERS)
    ]
    write_return(
        returns(base, "headers.xlsx"),
        sheets={"Kết nạp": [admission("headers", n) for n in range(1, 4)]},
        headers={"Kết nạp": headers},
        sheet_names={"Kết nạp": " kết NẠP "},
    )
    result = run(base)
    assert not result.issues
    assert loaded(result, "returns/2023/headers.xlsx", " kết NẠP ") == 3


def test_values_in_nfd_old_tone_case_and_spaces(base: Path) -> None:
    row = admission(
        "values",
        1,
        **{
            "Giới tính": " NỮ ",
            "Tôn giáo": nfd("Hoà  Hảo"),
            "Nghề nghiệp": " học sinh,  sinh viên",
            "Trình độ": "đại HỌC",
            "Đoàn viên": nfd("không"),
            "Dân tộc": nfd(" Mường "),
        },
    )
    write_return(
        returns(base, "values.xlsx"),
        organisation=nfd("chi bộ trung tâm y tế  thành phố THANH HOÁ"),
        sheets={"Kết nạp": [row]},
    )
    result = run(base)
    assert not result.issues
    record = result.tables["admissions"].iloc[0]
    assert record["org_code"] == "H01"
    assert (record["sex"], record["religion"], record["occupation"], record["education"]) == (
        "F",
        "Hòa Hảo",
        "student",
        "Đại học",
    )
    assert not record["youth_union"] and record["religious"] and record["ethnic_minority"]
    assert record["ethnic_group"] == "Mường"


def test_dates_as_excel_dates_or_text(base: Path) -> None:
    cells = [datetime(2023, 3, 5), date(2023, 3, 5), "05/03/2023", "5/3/2023", " 5/03/2023 ", "05.03.2023"]
    rows = [admission("dates", n, **{"Ngày kết nạp": cell}) for n, cell in enumerate(cells, start=1)]
    write_return(returns(base, "dates.xlsx"), sheets={"Kết nạp": rows})
    result = run(base)
    assert not result.issues
    dates = result.tables["admissions"]["admission_date"]
    assert str(dates.dtype) == "datetime64[ns]"
    assert set(dates) == {pd.Timestamp(2023, 3, 5)}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("31/12/2023", (date(2023, 12, 31), None)),
        ("1/2/2023", (date(2023, 2, 1), None)),
        ("2023-02-01", (date(2023, 2, 1), None)),
        (datetime(2023, 2, 1, 13, 5), (date(2023, 2, 1), None)),
        ("29/02/2023", (None, "impossible-date")),
        ("29/02/2024", (date(2024, 2, 29), None)),
        ("13/13/2023", (None, "impossible-date")),
        ("01/01/0203", (None, "impossible-date")),
        ("1/2/23", (None, "unparsable-date")),
        ("tháng 2/2023", (None, "unparsable-date")),
        (45000, (None, "unparsable-date")),
        (True, (None, "unparsable-date")),
    ],
)
def test_parse_date(cell: Any, expected: tuple[date | None, str | None]) -> None:
    assert parse_date(cell) == expected


def test_extra_columns_are_a_warning_and_ignored(base: Path) -> None:
    headers = [*ADMISSION_HEADERS[:3], "Số điện thoại", *ADMISSION_HEADERS[3:], "Quê quán"]
    rows = [admission("extra", n, **{"Số điện thoại": "0912345678", "Quê quán": "Hoằng Hóa"}) for n in (1, 2)]
    write_return(returns(base, "extra.xlsx"), sheets={"Kết nạp": rows}, headers={"Kết nạp": headers})
    result = run(base)
    assert not result.errors
    assert {(w.sheet, w.column, w.rule) for w in result.warnings} == {
        ("Kết nạp", "Số điện thoại", "extra-column"),
        ("Kết nạp", "Quê quán", "extra-column"),
    }
    assert loaded(result, "returns/2023/extra.xlsx") == 2
    warnings = pd.read_csv(base / "interim" / "warnings.csv")
    assert set(warnings["rule"]) == {"extra-column"}
    assert pd.read_csv(base / "interim" / "quarantine.csv").empty


def test_extra_sheet_with_content_is_reported(base: Path) -> None:
    path = write_return(returns(base, "sheet.xlsx"), sheets={"Kết nạp": [admission("sheet", 1)]})
    workbook = openpyxl.load_workbook(path)
    workbook.create_sheet("Sheet1").append(["Danh sách bổ sung"])
    workbook.create_sheet("Trống")  # an empty extra sheet says nothing
    workbook.save(path)
    result = run(base)
    assert [(w.sheet, w.rule) for w in result.warnings] == [("Sheet1", "extra-sheet")]


def test_optional_sheets_may_be_missing(base: Path) -> None:
    write_return(returns(base, "only.xlsx"), sheets={"Kết nạp": [admission("only", 1)]}, omit=["Bồi dưỡng"])
    result = run(base)
    assert not result.errors
    assert [(w.sheet, w.rule) for w in result.warnings] == [("Bồi dưỡng", "missing-sheet")]
    assert loaded(result, "returns/2023/only.xlsx") == 1


@pytest.mark.parametrize("named_as", ["P02", " p02 ", "Đảng bộ phường Đông Thọ", nfd("đảng bộ  PHƯỜNG đông thọ")])
def test_organisation_by_code_or_by_name(base: Path, named_as: str) -> None:
    write_return(returns(base, "org.xlsx"), organisation=named_as, sheets={"Kết nạp": [admission("org", 1)]})
    result = run(base)
    assert not result.issues
    assert list(result.tables["admissions"]["org_code"]) == ["P02"]


def test_blank_rows_and_numbered_empty_rows_are_not_rows(base: Path) -> None:
    rows: list[dict[str, Any] | None] = [
        admission("blank", 1),
        None,
        {"Họ và tên": "   "},
        admission("blank", 2),
    ]
    rows += [{"STT": n} for n in range(5, 40)]  # a template pre-numbered down the page
    write_return(returns(base, "blank.xlsx"), sheets={"Kết nạp": rows})
    result = run(base)
    assert not result.issues
    recon = result.reconciliation.set_index(["file", "sheet"]).loc[("returns/2023/blank.xlsx", "Kết nạp")]
    assert (recon["rows_read"], recon["loaded"], recon["quarantined"]) == (2, 2, 0)


def test_id_numbers_typed_as_numbers_or_with_spaces_are_the_same_person(base: Path) -> None:
    ident = person_id("ids", 1)
    assert ident.startswith("0")
    write_return(returns(base, "a.xlsx"), sheets={"Kết nạp": [admission("ids", 1, **{"Số CCCD": int(ident)})]})
    spaced = f"{ident[:3]} {ident[3:6]} {ident[6:9]} {ident[9:]}"
    write_return(returns(base, "b.xlsx"), sheets={"Kết nạp": [admission("ids", 2, **{"Số CCCD": spaced})]})
    result = run(base)
    assert errors_of(result) == {("Kết nạp", 2, "Số CCCD", "duplicate-person")}
    assert [(w.file, w.rule) for w in result.warnings] == [("returns/2023/a.xlsx", "id-number-restored")]
    assert list(result.tables["admissions"]["person_key"]) == [person_key(ident, KEY)]


def test_admission_columns(base: Path) -> None:
    row = admission("cols", 1, **{"Ngày sinh": datetime(2005, 3, 6), "Ngày kết nạp": datetime(2023, 3, 6)})
    write_return(returns(base, "cols.xlsx"), sheets={"Kết nạp": [row], "Chuyển chính thức": [conversion("c", 1)]})
    result = run(base)
    assert not result.issues
    record = result.tables["admissions"].iloc[0].to_dict()
    assert record["age_at_admission"] == 18 and record["birth_year"] == 2005
    assert record["cell"] == "Chi bộ phố Tân Nam"
    assert record["source_file"] == "returns/2023/cols.xlsx"
    assert len(record["person_key"]) == 16
    for name in TABLES:
        assert list(result.tables[name].columns) == TABLES[name]
    targets = result.tables["targets"]
    assert targets["org_code"].isna().sum() == 2  # the city's rows ("TP") for 2023 and 2024
    assert str(targets["admissions_target"].dtype) == "Int64"
    assert len(result.tables["monthly_plans"]) == 2 * 5 * 5


def test_person_codes_number_the_people_of_all_three_tables(base: Path) -> None:
    write_return(
        returns(base, "codes.xlsx"),
        sheets={
            "Kết nạp": [admission("codes", 1), admission("codes", 2)],
            # Admitted person 1 was trained and converted; training's person 1 was not admitted.
            "Bồi dưỡng": [training("codes", 1), training("codes", 9, **{"Số CCCD": person_id("codes", 1)})],
            "Chuyển chính thức": [conversion("codes", 1, **{"Số CCCD": person_id("codes", 1)})],
        },
    )
    result = run(base)
    assert not result.issues
    frames = [result.tables[name] for name in ("admissions", "training", "conversions")]
    keys = sorted({key for frame in frames for key in frame["person_key"]})
    assert len(keys) == 3
    admitted = frames[0].loc[frames[0]["person_key"] == frames[2]["person_key"].iloc[0], "person_code"]
    assert admitted.tolist() == frames[2]["person_code"].tolist()
    assert admitted.iloc[0] in frames[1]["person_code"].tolist()
    for frame in frames:
        # The rank of the key among all distinct keys: one person, one code, in every table.
        assert frame["person_code"].tolist() == [keys.index(key) for key in frame["person_key"]]
        assert frame["person_code"].dtype == "int32"


# --- reference data ----------------------------------------------------------------------------


def test_bad_reference_rows_are_quarantined_and_the_rest_load(base: Path) -> None:
    path = base / "data" / "reference" / "organisations.xlsx"
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Tổ chức"]
    first = sheet.max_row + 1  # the first bad row, after the header and the corpus's organisations
    sheet.append(["P01", "Tên khác", "enterprises", "Chi bộ cơ sở"])  # row first: duplicate code
    sheet.append(["X09", "Đảng bộ xã Mới", "Khối vũ trang", "Chi bộ cơ sở"])  # first + 1: unknown sector
    sheet.append(["X10", "Chi bộ Thôn Một", "wards-communes", "Chi bộ", "P01"])  # first + 2: unknown kind
    sheet.append(["X11", "Chi bộ Thôn Hai", "wards-communes", "Chi bộ cơ sở", "Z99"])  # first + 3: unknown parent
    sheet.append(["X12", "Chi bộ Thôn Ba", "wards-communes", "Chi bộ cơ sở", "Đảng bộ phường Hàm Rồng"])
    workbook.save(path)
    write_reference_targets = [
        [2023, "TP", 20, 40],
        [2023, "P01", 5, -1],  # row 3: negative plan
        [2023, "Q77", 5, 10],  # row 4: unknown organisation
        [2023, "Chi bộ Trường THPT Đào Duy Từ", 3, None],  # by name: fine
        [2023, "T01", 4, None],  # row 6: duplicate of row 5
    ]
    targets = openpyxl.Workbook()
    targets.active.title = "Chỉ tiêu"
    targets.active.append(["Năm", "Mã tổ chức", "Chỉ tiêu kết nạp", "Kế hoạch bồi dưỡng"])
    for row in write_reference_targets:
        targets.active.append(row)
    targets.save(base / "data" / "reference" / "targets.xlsx")
    result = run(base)
    assert errors_of(result) == {
        ("Tổ chức", first + 0, "Mã tổ chức", "duplicate-row"),
        ("Tổ chức", first + 1, "Khối", "unknown-category"),
        ("Tổ chức", first + 2, "Loại hình", "unknown-category"),
        ("Tổ chức", first + 3, "Trực thuộc", "unknown-organisation"),
        ("Chỉ tiêu", 3, "Kế hoạch bồi dưỡng", "bad-number"),
        ("Chỉ tiêu", 4, "Mã tổ chức", "unknown-organisation"),
        ("Chỉ tiêu", 6, "Mã tổ chức", "duplicate-row"),
    }
    organisations = result.tables["organisations"].set_index("org_code")
    assert len(organisations) == len(ORGANISATIONS) + 1
    assert organisations.loc["X12", "parent_code"] == "P01"
    assert organisations.loc["P02", "sector"] == "wards-communes"  # sector given by its Vietnamese name
    assert list(result.tables["targets"]["org_code"].fillna("TP")) == ["TP", "T01"]


@pytest.mark.parametrize("broken", ["organisations.xlsx", "sectors.csv", "targets.xlsx"])
def test_unusable_reference_data_stops_the_run_and_main_exits_2(
    base: Path, broken: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KETNAP_PERSON_KEY", "reference-test-key")
    (base / "data" / "reference" / broken).write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(ReferenceDataError, match=broken):
        run(base)
    assert not (base / "processed" / "manifest.json").exists()
    code = main(["--root", str(base / "data"), "--out", str(base / "processed"), "--interim", str(base / "interim")])
    assert code == 2
    assert broken in capsys.readouterr().err


def test_missing_reference_file_is_unusable(base: Path) -> None:
    (base / "data" / "reference" / "targets.xlsx").unlink()
    with pytest.raises(ReferenceDataError, match=r"targets\.xlsx"):
        run(base)


# --- the person key ----------------------------------------------------------------------------


def test_person_key_is_the_truncated_hmac() -> None:
    expected = hmac.new(b"secret", b"038123456789", hashlib.sha256).hexdigest()[:16]
    assert person_key("038123456789", "secret") == expected
    assert person_key("038123456789", "other") != expected


def test_person_key_sources(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETNAP_HOME", str(tmp_path))
    monkeypatch.delenv("KETNAP_PERSON_KEY", raising=False)
    monkeypatch.setenv("KETNAP_PERSON_KEY_FILE", str(tmp_path / "no-such.key"))
    raw, sample = tmp_path / "data" / "raw", tmp_path / "data" / "sample"
    with pytest.raises(PersonKeyError, match="KETNAP_PERSON_KEY"):
        resolve_person_key(raw)
    assert resolve_person_key(sample) == (DEMO_PERSON_KEY, "demo")
    assert resolve_person_key(raw, "given") == ("given", "argument")
    key_file = tmp_path / "person.key"
    key_file.write_text("from-file\n", encoding="utf-8")
    monkeypatch.setenv("KETNAP_PERSON_KEY_FILE", str(key_file))
    assert resolve_person_key(raw) == ("from-file", "file")
    monkeypatch.setenv("KETNAP_PERSON_KEY", "from-env")
    assert resolve_person_key(raw) == ("from-env", "environment")
    assert resolve_person_key(sample) == (DEMO_PERSON_KEY, "demo")  # the sample always hashes the same
    monkeypatch.delenv("KETNAP_PERSON_KEY")
    key_file.write_text("  \n", encoding="utf-8")
    with pytest.raises(PersonKeyError, match="empty"):
        resolve_person_key(raw)


def test_raw_data_without_a_key_is_a_clear_error(base: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.delenv("KETNAP_PERSON_KEY", raising=False)
    monkeypatch.setenv("KETNAP_PERSON_KEY_FILE", str(base / "absent.key"))
    with pytest.raises(PersonKeyError, match=r"person\.key"):
        ingest(base / "data", base / "processed", base / "interim", today=TODAY)
    assert main(["--root", str(base / "data"), "--out", str(base / "out"), "--interim", str(base / "tmp")]) == 2
    assert "KETNAP_PERSON_KEY" in capsys.readouterr().err


def test_the_sample_root_is_hashed_with_the_demo_key(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KETNAP_HOME", str(base))
    sample = base / "data" / "sample"
    write_reference(sample)
    write_return(sample / "returns" / "2023" / "a.xlsx", sheets={"Kết nạp": [admission("demo", 1)]})
    result = ingest(sample, base / "processed", base / "interim", today=TODAY)
    assert result.manifest["person_key_source"] == "demo"
    assert list(result.tables["admissions"]["person_key"]) == [person_key(person_id("demo", 1), DEMO_PERSON_KEY)]


# --- privacy -----------------------------------------------------------------------------------


def test_no_name_id_number_or_birth_date_reaches_processed_or_interim(base: Path) -> None:
    fake = Faker("vi_VN")
    Faker.seed(13)
    rng = random.Random(13)
    names: list[str] = []
    ids: list[str] = []
    births: list[date] = []

    def person() -> dict[str, Any]:
        name = fake.name()
        ident = "038" + "".join(rng.choice("0123456789") for _ in range(9))
        born = fake.date_between(date(1975, 1, 1), date(2004, 12, 31))
        names.append(name)
        ids.append(ident)
        births.append(born)
        return {"Họ và tên": name, "Số CCCD": ident, "Ngày sinh": datetime(born.year, born.month, born.day)}

    admissions = [admission("privacy", n, **person()) for n in range(1, 16)]
    admissions[3] |= {"Giới tính": "?"}  # quarantined rows must not leak either
    admissions[5] |= {"Số CCCD": ids[5][:-1] + "X"}
    admissions[7] |= {"Ngày sinh": f"31/02/{births[7].year}"}
    admissions[9] |= {"Ngày sinh": datetime(2010, 1, 1)}  # under 18
    admissions[11] |= {"Số CCCD": ids[0]}  # duplicate person
    trained = [training("privacy", n, **person()) for n in range(1, 6)]
    converted = [conversion("privacy", n, **person()) for n in range(1, 4)]
    for item in converted:
        births.pop()  # conversions carry no birth date
        item.pop("Ngày sinh")
    write_return(
        returns(base, "privacy.xlsx"),
        sheets={"Kết nạp": admissions, "Bồi dưỡng": trained, "Chuyển chính thức": converted},
    )
    result = run(base)
    assert len(result.errors) == 5

    texts = []
    for path in [*(base / "processed").iterdir(), *(base / "interim").iterdir()]:
        if path.suffix == ".parquet":
            frame = pd.read_parquet(path)
            texts.append(frame.astype(str).to_csv())
            for column in frame.select_dtypes("datetime").columns:
                assert not set(frame[column].dt.date) & set(births), (path.name, column)
        else:
            texts.append(path.read_text(encoding="utf-8-sig"))
    everything = "\n".join(texts)
    for name in names:
        assert name not in everything
        assert nfd(name) not in everything
    for ident in ids:
        assert ident not in everything and ident[3:] not in everything
    for born in births:
        for shown in (born.isoformat(), born.strftime("%d/%m/%Y"), f"{born.day}/{born.month}/{born.year}"):
            assert shown not in everything
        assert f"31/02/{born.year}" not in everything


# --- the command line and scale ----------------------------------------------------------------


def test_main_prints_the_reconciliation_and_errors(base: Path, monkeypatch, capsys) -> None:
    write_return(returns(base, "ok.xlsx"), sheets={"Kết nạp": [admission("cli", 1), admission("cli", 2)]})
    bad = admission("cli", 3, **{"Ngày kết nạp": "31/02/2023"})
    write_return(returns(base, "bad.xlsx"), organisation="P02", sheets={"Kết nạp": [bad]})
    returns(base, "broken.xlsx").write_bytes(b"")
    monkeypatch.setenv("KETNAP_PERSON_KEY", "cli-key")
    out = ["--out", str(base / "processed"), "--interim", str(base / "interim"), "--today", "2024-03-15"]
    assert main(["--root", str(base / "data"), *out]) == 0
    printed = capsys.readouterr().out
    assert "returns/2023/ok.xlsx" in printed and "total" in printed
    assert "returns/2023/bad.xlsx › Kết nạp › row 2 › Ngày kết nạp: impossible-date" in printed
    assert "returns/2023/broken.xlsx: unreadable-file — the file is empty" in printed
    total = next(line for line in printed.splitlines() if line.startswith("total")).split()
    reference = 4 + len(ORGANISATIONS) + 12  # sectors, organisations, targets (2 city + 2 × 5 organisations)
    assert total[1:] == [str(reference + 3), str(reference + 2), "1", "0"]  # + 3 return rows read, 1 rejected


@pytest.mark.slow  # ingests hundreds of files
def test_hundreds_of_returns_keep_the_first_of_each_person_and_report_progress(base: Path) -> None:
    people = [admission("speed", n) for n in range(1, 6)]
    for n in range(150):  # 150 returns (99 organisations, two years), the same people: duplicates, more work
        year, code = (2023, n + 1) if n < 99 else (2022, n - 98)
        sheets = {"Kết nạp": [{**p, "Ngày kết nạp": p["Ngày kết nạp"].replace(year=year)} for p in people]}
        write_return(returns(base, f"r{n:03}.xlsx", year), organisation=f"C{code:02d}", year=year, sheets=sheets)
    progress: list[str] = []
    result = run(base, progress=progress.append)
    assert len(result.tables["admissions"]) == 5
    assert sum(i.rule == "duplicate-person" for i in result.errors) == 149 * 5
    assert progress == ["… 50/150 returns read", "… 100/150 returns read", "… 150/150 returns read"]


def test_openpyxl_parses_with_defusedxml() -> None:
    assert openpyxl.xml.DEFUSEDXML is True
    assert RULES["unreadable-file"]


# --- bad input: what the corpus's tolerated defects load as ---------------------------------------


def test_markup_in_text_fields_loads_verbatim(corpus: IngestResult) -> None:
    """HTML and script are text like any other: kept as typed (escaping is the output side's job)."""
    file = "returns/2023/html_in_text_fields.xlsx"
    admissions = corpus.tables["admissions"]
    assert HTML_CELL in set(admissions.loc[admissions["source_file"] == file, "cell"])
    training_rows = corpus.tables["training"]
    assert list(training_rows.loc[training_rows["source_file"] == file, "class_name"]) == [HTML_CLASS]


def test_csv_returns_decode_to_the_same_text_in_every_encoding(corpus: IngestResult) -> None:
    admissions = corpus.tables["admissions"]
    by_file = {
        "returns/2023/P02.csv": "P02",
        "returns/2023/T01.csv": "T01",
        "returns/2023/Chi bộ Công ty Cổ phần Hòa Bình.csv": "D01",  # organisation by name, Windows-1258
    }
    for file, org in by_file.items():
        rows = admissions[admissions["source_file"] == file]
        assert len(rows) == 2 and set(rows["org_code"]) == {org}, file
        assert set(rows["cell"]) == {"Chi bộ phố Tân Nam"}, file
        assert set(rows["education"]) <= {"Đại học"} and set(rows["occupation"]) == {"teacher"}, file
    mixed = admissions[admissions["source_file"] == "returns/2023/mixed_nfc_nfd.xlsx"]
    assert set(mixed["org_code"]) == {"H02"} and set(mixed["ethnic_group"]) <= {"Kinh", "Mường"}


def test_numbers_stored_as_text_are_the_same_person_as_numbers(corpus: IngestResult) -> None:
    admissions = corpus.tables["admissions"]
    keys = set(admissions.loc[admissions["source_file"] == "returns/2023/numbers_stored_as_text.xlsx", "person_key"])
    assert keys == {person_key(person_id("numbers", n), KEY) for n in (1, 3, 4)}


def test_a_file_over_the_size_limit_is_refused_unread(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_return(returns(base, "ok.xlsx"), sheets={"Kết nạp": [admission("size", 1)]})
    big = write_return(returns(base, "big.xlsx"), sheets={"Kết nạp": [admission("size", n) for n in range(2, 400)]})
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", (big.stat().st_size + returns(base, "ok.xlsx").stat().st_size) // 2)
    result = run(base)
    assert [(i.file, i.rule) for i in result.errors] == [("returns/2023/big.xlsx", "unreadable-file")]
    assert "over the limit" in result.errors[0].message
    assert loaded(result, "returns/2023/ok.xlsx") == 1
    item = next(i for i in result.manifest["inputs"] if i["file"] == "returns/2023/big.xlsx")
    assert item["bytes"] == big.stat().st_size
    assert item["sha256"] == hashlib.sha256(big.read_bytes()).hexdigest()


def test_formatted_empty_rows_do_not_count_against_the_row_cap(base: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cap = len(ORGANISATIONS) + 1  # the reference sheets have fewer rows
    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", cap)
    path = write_return(returns(base, "styled.xlsx"), sheets={"Kết nạp": [admission("styled", n) for n in (1, 2)]})
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Kết nạp"]
    for row in range(10, 500):
        sheet.cell(row, 2).number_format = "@"  # formatted down the page, nothing typed
    workbook.save(path)
    write_return(returns(base, "long.xlsx"), sheets={"Kết nạp": [admission("long", n) for n in range(1, cap + 1)]})
    result = run(base)
    assert errors_of(result) == {("Kết nạp", None, None, "unreadable-file")}
    assert {i.file for i in result.errors} == {"returns/2023/long.xlsx"}
    assert loaded(result, "returns/2023/styled.xlsx") == 2


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Dân tộc".encode("utf-8-sig"), ("Dân tộc", "utf-8")),
        ("Dân tộc".encode("utf-16"), ("Dân tộc", "utf-16")),
        ("Dân tộc".encode("utf-16-le"), ("Dân tộc", "utf-16")),
        ("Dân tộc".encode(), ("Dân tộc", "utf-8")),
        (b"D\xe2n t\xf4\xf2c", ("Dân tô\u0323c", "cp1258")),
    ],
)
def test_decode_text(data: bytes, expected: tuple[str, str]) -> None:
    assert decode_text(data) == expected


def test_interim_files_are_formula_safe_for_excel_and_read_back_as_typed(base: Path) -> None:
    """Text from a return that a spreadsheet would run (=, +, -, @) gets an apostrophe in the CSVs.

    (A cell typed ``=…`` is a formula in the workbook itself, refused as ``formula-cell``.)
    """
    write_return(
        returns(base, "formula.xlsx"),
        sheets={"Kết nạp": [admission("fx", 1, **{"Giới tính": "-2+3+cmd|' /C calc'!A0"})]},
        headers={"Kết nạp": [*ADMISSION_HEADERS, "@extra"]},
    )
    run(base)
    quarantine = (base / "interim" / "quarantine.csv").read_text(encoding="utf-8-sig")
    warnings = (base / "interim" / "warnings.csv").read_text(encoding="utf-8-sig")
    assert ",'-2+3+cmd" in quarantine and ",-2+3+cmd" not in quarantine
    assert ",'@extra," in warnings
    log = quality.load_interim(base / "interim")
    assert "-2+3+cmd|' /C calc'!A0" in set(log.quarantine["value"])
    assert "@extra" in set(log.warnings["column"])


def test_footer_rows_under_the_table_are_not_data_and_their_names_go_nowhere(base: Path) -> None:
    """Totals, the preparer's line, a signature name and the place-and-date line, as secretaries add them."""
    footer = [
        {"STT": "Tổng cộng", "Họ và tên": 2},
        None,
        {"Họ và tên": "Người lập biểu", "Chi bộ": "T/M CHI ỦY"},
        None,
        {"Họ và tên": "Nguyễn Văn Lập", "Chi bộ": "Trần Thị Ký"},
        {"Chi bộ": "Thanh Hóa, ngày 05 tháng 3 năm 2024"},
    ]
    rows = [admission("ft", 1), admission("ft", 2), *footer, admission("ft", 3)]
    write_return(returns(base, "footer.xlsx"), sheets={"Kết nạp": rows})
    result = run(base)
    assert errors_of(result, "returns/2023/footer.xlsx") == set()
    assert loaded(result, "returns/2023/footer.xlsx") == 3  # the complete row under the footer is kept
    [warning] = [w for w in result.warnings if w.rule == "footer-rows"]
    assert (warning.sheet, warning.row, warning.value) == ("Kết nạp", 4, None)
    assert "4 row(s) from row 4 on" in warning.message
    recon = result.reconciliation.set_index(["file", "sheet"]).loc[("returns/2023/footer.xlsx", "Kết nạp")]
    assert (recon["rows_read"], recon["loaded"], recon["quarantined"]) == (3, 3, 0)
    written = [p.read_bytes() for folder in ("processed", "interim") for p in (base / folder).iterdir()]
    for text in ("Nguyễn Văn Lập", "Trần Thị Ký", "Người lập biểu", "Tổng cộng"):
        assert not any(text.encode() in data for data in written), text


def test_a_csv_return_keeps_its_rows_and_leaves_its_footer(base: Path) -> None:
    header = ",".join(ADMISSION_HEADERS)
    row = "1,Người Thử csv 1,05/03/1995,038095000111,Nam,Kinh,Không,Có,Giáo viên,Đại học,10/04/2023,,"
    footer = ["Tổng cộng,1", "", ",Người lập biểu", ",Lê Văn Biểu", '"Thanh Hóa, ngày 05 tháng 3 năm 2024"']
    path = returns(base, "P01.csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([header, row, *footer]) + "\n", encoding="utf-8")
    result = run(base)
    assert errors_of(result) == set()
    assert loaded(result, "returns/2023/P01.csv") == 1
    assert [(w.row, w.rule) for w in result.warnings if w.file == "returns/2023/P01.csv"] == [(3, "footer-rows")]


def test_id_numbers_that_lost_their_leading_zeros_are_restored_with_a_warning(base: Path) -> None:
    """Excel keeps a CCCD as a number: in a CSV it saves, and in a number cell. Unambiguous ones come back."""
    header = ",".join(ADMISSION_HEADERS)
    rows = [
        "1,Người Thử zero 1,05/03/1995,38095000111,Nam,Kinh,Không,Có,Giáo viên,Đại học,10/04/2023,,",  # 038…
        "2,Người Thử zero 2,05/03/1996,1096000222,Nữ,Kinh,Không,Có,Giáo viên,Đại học,11/04/2023,,",  # 001…
        "3,Người Thử zero 3,05/03/1997,3809700033,Nam,Kinh,Không,Có,Giáo viên,Đại học,12/04/2023,,",  # 003 8…: no
    ]
    path = returns(base, "P01.csv")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    write_return(returns(base, "numbers.xlsx"), sheets={"Kết nạp": [admission("zero", 4, **{"Số CCCD": 38097000444})]})
    result = run(base, key=KEY)
    restored = sorted((w.file, w.row) for w in result.warnings if w.rule == "id-number-restored")
    assert restored == [("returns/2023/P01.csv", 2), ("returns/2023/P01.csv", 3), ("returns/2023/numbers.xlsx", 2)]
    assert errors_of(result) == {("Kết nạp", 4, "Số CCCD", "bad-id-number")}
    keys = set(result.tables["admissions"]["person_key"])
    assert {person_key("038095000111", KEY), person_key("001096000222", KEY), person_key("038097000444", KEY)} <= keys
    assert all(w.value is None for w in result.warnings if w.rule == "id-number-restored")  # personal: never shown


def test_scans_lock_files_and_thumbs_beside_the_returns_are_attachments_not_errors(base: Path) -> None:
    write_return(returns(base, "ok.xlsx"), sheets={"Kết nạp": [admission("att", 1)]})
    folder = returns(base, "x").parent
    (folder / "bien-ban-ket-nap.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo of the minutes")
    (folder / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0 thumbnails")
    (folder / "~$ok.xlsx").write_bytes(b"\x00lock")
    (folder / "To trinh.docx").write_bytes(b"PK\x03\x04 a letter")
    result = run(base)
    assert errors_of(result) == set()
    attachments = sorted(w.file for w in result.warnings if w.rule == "attachment")
    assert attachments == [
        "returns/2023/Thumbs.db",
        "returns/2023/To trinh.docx",
        "returns/2023/bien-ban-ket-nap.jpg",
        "returns/2023/~$ok.xlsx",
    ]
    assert set(attachments) <= {i["file"] for i in result.manifest["inputs"]}
    assert loaded(result, "returns/2023/ok.xlsx") == 1


@pytest.mark.parametrize("name", ["P01.xls", "P01.csv", "P01", "P01.xlsx.bak"])
def test_a_workbook_under_another_extension_is_read_by_its_content(base: Path, name: str) -> None:
    made = returns(base, "made.xlsx")
    write_return(made, sheets={"Kết nạp": [admission("ext", 1), admission("ext", 2)]})
    made.rename(returns(base, name))
    result = run(base)
    assert errors_of(result) == set()
    assert loaded(result, f"returns/2023/{name}") == 2
    assert [(w.file, w.rule) for w in result.warnings] == [(f"returns/2023/{name}", "wrong-extension")]


def test_something_else_under_a_return_name_is_refused_saying_what_it_is(base: Path) -> None:
    returns(base, "P01").parent.mkdir(parents=True, exist_ok=True)
    returns(base, "P01.bak").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    result = run(base)
    [error] = result.errors
    assert (error.file, error.rule) == ("returns/2023/P01.bak", "unreadable-file")
    assert "a PDF document" in error.message


def test_an_unknown_organisation_is_answered_with_the_closest_one(base: Path) -> None:
    write_return(returns(base, "typo.xlsx"), organisation="Đảng bộ phường Hàm Rông", sheets={"Kết nạp": []})
    write_return(returns(base, "other.xlsx"), organisation="Chi bộ Công ty TNHH Sao Mai", sheets={"Kết nạp": []})
    result = run(base)
    messages = {e.file: e.message for e in result.errors if e.rule == "unknown-organisation"}
    assert "(did you mean P01 Đảng bộ phường Hàm Rồng?)" in messages["returns/2023/typo.xlsx"]
    assert "did you mean" not in messages["returns/2023/other.xlsx"]


@pytest.mark.parametrize("how", ["cleared", "deleted"])
def test_a_nil_return_has_no_admissions_and_keeps_its_trainees(base: Path, how: str) -> None:
    """A secretary with nobody to admit clears the Kết nạp sheet (header and all) or deletes it."""
    path = returns(base, "nil.xlsx")
    write_return(path, sheets={"Bồi dưỡng": [training("nil", 1), training("nil", 2)]})
    workbook = openpyxl.load_workbook(path)
    if how == "deleted":
        del workbook["Kết nạp"]
    else:
        workbook["Kết nạp"].delete_rows(1, workbook["Kết nạp"].max_row)
    workbook.save(path)
    result = run(base)
    assert errors_of(result) == set()
    assert [(w.sheet, w.rule) for w in result.warnings] == [("Kết nạp", "nil-return")]
    assert loaded(result, "returns/2023/nil.xlsx", "Bồi dưỡng") == 2
    assert result.tables["admissions"].empty and len(result.tables["training"]) == 2


# --- category spellings: case, spacing, diacritics ------------------------------------------------

#: Per column of Kết nạp: spellings as typed (by hand: capitals, stray and non-breaking spaces, no or
#: other diacritics, a comma without its space) and what each must be stored as.
SPELLINGS: dict[str, tuple[str, list[tuple[str, Any]]]] = {
    "Giới tính": (
        "sex",
        [("NỮ", "F"), (" nữ ", "F"), ("Nu", "F"), ("nữ\u00a0", "F"), ("NAM", "M"), ("\u00a0nam", "M")],
    ),
    "Đoàn viên": ("youth_union", [("co", True), ("CÓ", True), ("Khong", False), (" KHÔNG  ", False)]),
    "Tôn giáo": (
        "religion",
        [
            ("khong", "Không"),
            ("phat giao", "Phật giáo"),
            ("CÔNG  GIÁO", "Công giáo"),
            ("tin lanh", "Tin lành"),
            ("Cao dai", "Cao Đài"),
            ("Hoa Hao", "Hòa Hảo"),
            ("hoà hảo", "Hòa Hảo"),
            ("KHAC", "Khác"),
        ],
    ),
    "Nghề nghiệp": (
        "occupation",
        [
            ("hoc sinh,sinh vien", "student"),
            ("Học sinh ,  sinh viên", "student"),
            ("GIAO VIEN", "teacher"),
            ("can bo, cong chuc, vien chuc", "civil-servant"),
            ("Người lao động\u00a0doanh nghiệp tư nhân", "private-enterprise-worker"),
            ("nguoi lao dong doanh nghiep nha nuoc", "state-enterprise-worker"),
            ("nong dan", "farmer"),
            ("LAO ĐỘNG  TỰ DO", "self-employed"),
            ("khac", "other"),
        ],
    ),
    "Trình độ": (
        "education",
        [
            ("thpt", "THPT"),
            ("trung cap", "Trung cấp"),
            ("Cao dang", "Cao đẳng"),
            ("dai hoc", "Đại học"),
            ("ĐẠI  HỌC", "Đại học"),
            ("thac si", "Thạc sĩ"),
            ("Tiến\u00a0sĩ", "Tiến sĩ"),
        ],
    ),
    "Dân tộc": ("ethnic_group", [("kinh", "Kinh"), (" KINH ", "Kinh"), ("Kính", "Kinh"), ("mường", "Mường")]),
}


def test_category_spellings_that_differ_in_case_spacing_or_diacritics_are_the_one_category(base: Path) -> None:
    rows, expected = [], {}
    n = 0
    for header, (field, spellings) in SPELLINGS.items():
        for typed, stored in spellings:
            n += 1
            rows.append(admission("spell", n, **{header: typed}))
            expected[(person_key(person_id("spell", n), KEY), field)] = stored
    write_return(returns(base, "spell.xlsx"), sheets={"Kết nạp": rows})
    result = run(base)
    assert not result.issues
    table = result.tables["admissions"].set_index("person_key")
    assert len(table) == n
    for (key, field), stored in expected.items():
        assert table.loc[key, field] == stored, (field, stored)
    last_four = [person_key(person_id("spell", m), KEY) for m in range(n - 3, n + 1)]  # kinh, KINH, Kính, mường
    assert list(table.loc[last_four, "ethnic_minority"]) == [False, False, False, True]


def test_spellings_that_are_not_a_category_still_fail(base: Path) -> None:
    typed = {"Giới tính": "Không rõ", "Trình độ": "Cu nhan", "Tôn giáo": "Hoi giao", "Nghề nghiệp": "Bo doi"}
    rows = [admission("nots", n, **{header: value}) for n, (header, value) in enumerate(typed.items(), start=1)]
    write_return(returns(base, "nots.xlsx"), sheets={"Kết nạp": rows})
    result = run(base)
    assert errors_of(result) == {("Kết nạp", n + 1, header, "unknown-category") for n, header in enumerate(typed, 1)}
    assert loaded(result, "returns/2023/nots.xlsx") == 0


def test_reference_kinds_and_sectors_without_diacritics(base: Path) -> None:
    path = base / "data" / "reference" / "organisations.xlsx"
    workbook = openpyxl.load_workbook(path)
    workbook["Tổ chức"].append(["X20", "Chi bộ Thôn Bốn", "Khoi phuong - xa", "chi bo co so"])
    workbook["Tổ chức"].append(["X21", "Đảng bộ Thôn Năm", "KHỐI PHƯỜNG  - XÃ", "DANG BO CO SO"])
    workbook.save(path)
    result = run(base)
    assert not result.errors
    organisations = result.tables["organisations"].set_index("org_code")
    assert list(organisations.loc[["X20", "X21"], "kind"]) == ["chi-bo-co-so", "dang-bo-co-so"]
    assert set(organisations.loc[["X20", "X21"], "sector"]) == {"wards-communes"}


# --- merged cells ----------------------------------------------------------------------------------


def _merge(path: Path, sheet: str, *ranges: str) -> None:
    workbook = openpyxl.load_workbook(path)
    for cells in ranges:
        workbook[sheet].merge_cells(cells)
    workbook.save(path)


def test_a_value_merged_down_a_data_column_is_read_for_each_row_with_one_warning_per_range(base: Path) -> None:
    """As secretaries do it: one Chi bộ, one admission date, one Dân tộc for the three people listed under it.

    Excel keeps a merged value in the first cell only, so rows 4 and 5 hold nothing in F, K and L (the
    rows below are written with those cells empty, as Excel saves them). The title merged across the
    columns, the Ghi chú header merged across two, a Chi bộ merged with Ghi chú on one row and the STT
    merged down keep working and say nothing.
    """
    shared = {"Dân tộc": None, "Ngày kết nạp": None, "Chi bộ": None}
    rows = [
        admission("mrg", 1, **{"Dân tộc": "Thái", "Ngày kết nạp": datetime(2023, 6, 15), "Chi bộ": "Chi bộ Khu phố 3"}),
        admission("mrg", 2, **shared),
        admission("mrg", 3, **shared, STT=None),
        admission("mrg", 4, **{"Chi bộ": "Chi bộ Khu phố 6", "Ngày kết nạp": datetime(2023, 7, 1)}),
        admission("mrg", 5, **{"Ngày kết nạp": datetime(2023, 8, 2)}),
    ]
    path = write_return(
        returns(base, "merged.xlsx"),
        sheets={"Kết nạp": rows},
        titles={"Kết nạp": [["DANH SÁCH ĐẢNG VIÊN MỚI KẾT NẠP NĂM 2023"]]},
    )
    _merge(path, "Kết nạp", "A1:M1", "M2:N2", "F3:F5", "K3:K5", "L3:L5", "L6:M6", "A3:A5")
    result = run(base)
    assert errors_of(result) == set()
    file = "returns/2023/merged.xlsx"
    assert loaded(result, file) == 5
    warnings = [(w.sheet, w.row, w.column, w.rule, w.value) for w in result.warnings]
    assert sorted(warnings) == [
        ("Kết nạp", 3, "Chi bộ", "merged-value", "Chi bộ Khu phố 3"),
        ("Kết nạp", 3, "Dân tộc", "merged-value", "Thái"),
        ("Kết nạp", 3, "Ngày kết nạp", "merged-value", "15/06/2023"),
    ]
    by_column = {w.column: w.message for w in result.warnings}
    assert "merged over L3:L5" in by_column["Chi bộ"] and "read for each of rows 3, 4, 5" in by_column["Chi bộ"]
    table = result.tables["admissions"].set_index("person_key")
    people = [person_key(person_id("mrg", n), KEY) for n in range(1, 6)]
    assert list(table.loc[people, "ethnic_group"]) == ["Thái", "Thái", "Thái", "Kinh", "Kinh"]
    assert list(table.loc[people, "ethnic_minority"]) == [True, True, True, False, False]
    assert list(table.loc[people, "admission_date"].dt.strftime("%d/%m/%Y")) == [
        "15/06/2023", "15/06/2023", "15/06/2023", "01/07/2023", "02/08/2023",
    ]  # fmt: skip
    assert list(table.loc[people, "cell"]) == [*["Chi bộ Khu phố 3"] * 3, "Chi bộ Khu phố 6", "Chi bộ phố Tân Nam"]


def test_merged_personal_columns_and_blocks_are_not_spread_and_stay_errors(base: Path) -> None:
    """One ID number, birth date or name for several people is a mistake: those rows fail, naming the range.

    A block over two columns (Tôn giáo and Đoàn viên on rows 6-7) is not spread either: only its
    first cell has a value, which belongs to neither column of the rows below.
    """
    rows = [admission("mrgp", n) for n in range(1, 7)]
    for row, header in ((2, "Số CCCD"), (3, "Số CCCD"), (2, "Ngày sinh"), (4, "Họ và tên")):
        rows[row - 1][header] = None  # Excel rows 3-5: below the first cell of each range
    rows[4]["Đoàn viên"] = rows[5]["Tôn giáo"] = rows[5]["Đoàn viên"] = None
    path = write_return(returns(base, "personal.xlsx"), sheets={"Kết nạp": rows})
    _merge(path, "Kết nạp", "D2:D4", "C2:C3", "B4:B5", "G6:H7")
    result = run(base)
    assert errors_of(result) == {
        ("Kết nạp", 3, "Số CCCD", "missing-field"),
        ("Kết nạp", 4, "Số CCCD", "missing-field"),
        ("Kết nạp", 3, "Ngày sinh", "missing-field"),
        ("Kết nạp", 5, "Họ và tên", "missing-field"),
        ("Kết nạp", 6, "Đoàn viên", "missing-field"),
        ("Kết nạp", 7, "Tôn giáo", "missing-field"),
        ("Kết nạp", 7, "Đoàn viên", "missing-field"),
    }
    messages = {(e.row, e.column): e.message for e in result.errors}
    assert "inside the merged cells D2:D4" in messages[(4, "Số CCCD")]
    assert "inside the merged cells C2:C3" in messages[(3, "Ngày sinh")]
    assert "inside the merged cells B4:B5" in messages[(5, "Họ và tên")]
    assert "inside the merged cells G6:H7" in messages[(7, "Tôn giáo")]
    assert all(e.value is None for e in result.errors)
    assert not [w for w in result.warnings if w.rule == "merged-value"]
    assert loaded(result, "returns/2023/personal.xlsx") == 1  # row 2; rows 3-7 each fail


# --- the same certificate twice ----------------------------------------------------------------------


def test_the_same_certificate_twice_is_counted_once_in_one_return_or_across_organisations(base: Path) -> None:
    """Same ID number and same Ngày cấp giấy chứng nhận: one certificate, however the repeat is typed.

    a.xlsx (P01): row 4 repeats row 2 (the date typed as text, the name spelled otherwise); row 5 is the
    same person's certificate of another date, a second certificate. b.xlsx (P02): row 2 repeats a.xlsx
    row 3 (the ID number typed with spaces).
    """
    first, second = person_id("training-cert", 1), person_id("training-cert", 2)
    write_return(
        returns(base, "a.xlsx"),
        organisation="P01",
        sheets={
            "Bồi dưỡng": [
                training("cert", 1),
                training("cert", 2),
                training("cert", 9, **{"Số CCCD": first, "Họ và tên": "NGƯỜI HỌC CERT 1", "STT": 3,
                                       "Ngày cấp giấy chứng nhận": "20/03/2023"}),
                training("cert", 1, **{"STT": 4, "Ngày cấp giấy chứng nhận": datetime(2023, 9, 12)}),
            ]
        },
    )  # fmt: skip
    spaced = f"{second[:3]} {second[3:6]} {second[6:9]} {second[9:]}"
    write_return(
        returns(base, "b.xlsx"),
        organisation="P02",
        sheets={"Bồi dưỡng": [training("cert", 2, **{"Số CCCD": spaced}), training("cert", 3, STT=2)]},
    )
    result = run(base)
    got = {(e.file, e.sheet, e.row, e.column, e.rule, e.value) for e in result.errors}
    assert got == {
        ("returns/2023/a.xlsx", "Bồi dưỡng", 4, "Số CCCD", "duplicate-certificate", "20/03/2023"),
        ("returns/2023/b.xlsx", "Bồi dưỡng", 2, "Số CCCD", "duplicate-certificate", "20/03/2023"),
    }
    messages = {e.file: e.message for e in result.errors}
    assert "already in returns/2023/a.xlsx row 2: counted once" in messages["returns/2023/a.xlsx"]
    assert "already in returns/2023/a.xlsx row 3: counted once" in messages["returns/2023/b.xlsx"]
    for message in messages.values():
        assert first not in message and second not in message and "Người Học" not in message
    training_rows = result.tables["training"]
    assert len(training_rows) == 4
    keys = [person_key(person_id("training-cert", n), KEY) for n in (1, 2, 3)]
    assert training_rows.groupby("person_key").size().to_dict() == {keys[0]: 2, keys[1]: 1, keys[2]: 1}
    assert list(training_rows.loc[training_rows["person_key"] == keys[1], "org_code"]) == ["P01"]
    recon = result.reconciliation.set_index(["file", "sheet"])
    for file, counts in {"returns/2023/a.xlsx": (4, 3, 1), "returns/2023/b.xlsx": (2, 1, 1)}.items():
        row = recon.loc[(file, "Bồi dưỡng")]
        assert (row["rows_read"], row["loaded"], row["quarantined"], row["superseded"]) == (*counts, 0)


def test_a_class_and_certificate_date_merged_down_the_training_sheet(base: Path) -> None:
    """One class and one certificate date for the three people who attended it; different people, so no repeat."""
    shared = {"Lớp bồi dưỡng": None, "Ngày cấp giấy chứng nhận": None}
    rows = [
        training("mt", 1, **{"Lớp bồi dưỡng": "Lớp 05/2023", "Ngày cấp giấy chứng nhận": datetime(2023, 5, 26)}),
        training("mt", 2, **shared),
        training("mt", 3, **shared),
    ]
    path = write_return(returns(base, "mt.xlsx"), sheets={"Bồi dưỡng": rows})
    _merge(path, "Bồi dưỡng", "F2:F4", "G2:G4")
    result = run(base)
    assert errors_of(result) == set()
    assert sorted((w.sheet, w.row, w.column, w.rule, w.value) for w in result.warnings) == [
        ("Bồi dưỡng", 2, "Lớp bồi dưỡng", "merged-value", "Lớp 05/2023"),
        ("Bồi dưỡng", 2, "Ngày cấp giấy chứng nhận", "merged-value", "26/05/2023"),
    ]
    trained = result.tables["training"]
    assert len(trained) == 3 and set(trained["class_name"]) == {"Lớp 05/2023"}
    assert set(trained["completion_date"]) == {pd.Timestamp(2023, 5, 26)}
