"""The organisations' history (sheet Lịch sử): each bad history refused with its exact message, and the returns.

Bad histories are written by hand with openpyxl into the reference data of the defect corpus
(:func:`defects.corpus.write_reference`), then ingested; every expectation is typed out here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from defects.corpus import KEY, TODAY, admission, write_reference, write_return

from ketnap.ingest import IngestResult, ingest

FILE = "reference/organisations.xlsx"
SHEET = "Lịch sử"
HEADER = ["Ngày", "Sự kiện", "Mã tổ chức", "Mã tổ chức liên quan", "Tên mới", "Khối mới", "Ghi chú"]


def history_root(
    base: Path,
    events: Sequence[Sequence[Any]],
    validity: dict[str, tuple[date | None, date | None]] | None = None,
) -> Path:
    """The corpus's reference data with ``validity`` (code -> Ngày thành lập, Ngày giải thể) and ``events``.

    Unless given, P02 ends on 31/12/2023 (merged into P01 on 01/01/2024) and H02 begins on
    01/07/2023 (split from H01); everything else is active from 01/01/2000.
    """
    root = base / "data"
    write_reference(root)
    dates = {"P02": (date(2000, 1, 1), date(2023, 12, 31)), "H02": (date(2023, 7, 1), None)}
    dates |= validity or {}
    book = openpyxl.load_workbook(root / FILE)
    sheet = book["Tổ chức"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in dates:
            start, end = dates[row[0].value]
            row[5].value = None if start is None else datetime.combine(start, datetime.min.time())
            row[6].value = None if end is None else datetime.combine(end, datetime.min.time())
    history = book.create_sheet(SHEET)
    history.append(HEADER)
    for event in events:
        history.append(list(event) + [None] * (len(HEADER) - len(event)))
    book.save(root / FILE)
    return base


def run(base: Path) -> IngestResult:
    return ingest(base / "data", base / "processed", base / "interim", today=TODAY, key=KEY)


def history_issues(result: IngestResult) -> list[tuple[int | None, str | None, str, str]]:
    return [(i.row, i.column, i.rule, i.message) for i in result.errors if i.file == FILE and i.sheet == SHEET]


MERGE = (datetime(2024, 1, 1), "Sáp nhập vào", "P02", "P01")
SPLIT = (datetime(2023, 7, 1), "Chia tách từ", "H02", "H01")


def test_a_good_history_loads_every_event(tmp_path: Path) -> None:
    base = history_root(
        tmp_path,
        [
            MERGE,
            SPLIT,
            (datetime(2023, 3, 1), "đổi tên", "T01", None, "Chi bộ Trường THPT Đào Duy Từ mới"),
            # Typed loosely: NFD, capitals, extra spaces, old tone placement, a sector by its name.
            (
                datetime(2023, 9, 1),
                unicodedata.normalize("NFD", "  CHUYỂN   khối "),
                "D01",
                None,
                None,
                "Khối hành chính - sự nghiệp",
            ),
            (datetime(2023, 5, 1), "thành lập", "C01"),
            (datetime(2023, 5, 2), "giải thể", "C02"),
        ],
        {"C01": (date(2023, 5, 1), None), "C02": (date(2000, 1, 1), date(2023, 5, 1))},
    )
    result = run(base)
    assert history_issues(result) == []
    events = result.tables["organisation_events"]
    assert list(events["event"]) == ["renamed", "founded", "dissolved", "split_from", "moved", "merged_into"]
    assert events.set_index("event").loc["moved", "new_sector"] == "admin-units"
    assert events.set_index("event").loc["merged_into", "related_code"] == "P01"
    # A return may name the organisation by its new name.
    write_return(
        base / "data" / "returns" / "2023" / "t01.xlsx",
        organisation="Chi bộ Trường THPT Đào Duy Từ mới",
        sheets={"Kết nạp": [admission("t", 1)]},
    )
    assert {r["org_code"] for r in run(base).tables["admissions"].to_dict("records")} == {"T01"}


def test_without_the_sheet_the_history_is_empty(tmp_path: Path) -> None:
    write_reference(tmp_path / "data")
    result = run(tmp_path)
    assert len(result.tables["organisation_events"]) == 0
    assert list(result.tables["organisation_events"].columns) == [
        "date", "event", "org_code", "related_code", "new_name", "new_sector",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        pytest.param(
            [(datetime(2023, 3, 1), "sáp nhâp", "T01")],
            [
                (
                    2,
                    "Sự kiện",
                    "unknown-category",
                    "sự kiện “sáp nhâp” không có trong danh mục; ghi một trong: thành lập; "
                    "đổi tên; sáp nhập vào; chia tách từ; chuyển khối; giải thể",
                )
            ],
            id="unknown-event",
        ),
        pytest.param(
            [(datetime(2023, 3, 1), "Đổi tên", "T01")],
            [(2, "Tên mới", "missing-field", "sự kiện “đổi tên” cần cột Tên mới (tên của tổ chức từ ngày đó)")],
            id="rename-without-name",
        ),
        pytest.param(
            [(datetime(2023, 3, 1), "Chuyển khối", "T01", None, None, "Khối lực lượng vũ trang")],
            [
                (
                    2,
                    "Khối mới",
                    "unknown-category",
                    "khối “Khối lực lượng vũ trang” không có trong reference/sectors.csv; "
                    "ghi mã hoặc tên một khối: Khối phường - xã; Khối hành chính - sự nghiệp; Khối trường THPT; "
                    "Khối doanh nghiệp",
                )
            ],
            id="unknown-sector",
        ),
        pytest.param(
            [(datetime(2024, 1, 1), "Sáp nhập vào", "P02", "P99")],
            [
                (
                    2,
                    "Mã tổ chức liên quan",
                    "unknown-organisation",
                    "“P99” không phải mã hay tên một tổ chức của trang Tổ chức",
                )
            ],
            id="unknown-successor",
        ),
        pytest.param(
            [(datetime(2024, 1, 1), "Sáp nhập vào", "P02")],
            [
                (
                    2,
                    "Mã tổ chức liên quan",
                    "missing-field",
                    "sự kiện “sáp nhập vào” cần cột Mã tổ chức liên quan (tổ chức nhận sáp nhập)",
                )
            ],
            id="merge-without-successor",
        ),
        pytest.param(
            [(datetime(2024, 1, 1), "Sáp nhập vào", "P02", "C05")],
            [
                (
                    2,
                    "Mã tổ chức liên quan",
                    "history-related-inactive",
                    "C05 (Chi bộ Hợp tác xã Đông Hương 5) không hoạt động ngày 01/01/2024 (hoạt động 01/01/2000 – "
                    "30/06/2023 theo trang Tổ chức): không thể sáp nhập vào một "
                    "tổ chức chưa thành lập hoặc đã kết thúc",
                )
            ],
            id="successor-not-active",
        ),
        pytest.param(
            [(datetime(2023, 7, 1), "Chia tách từ", "H02", "C06")],
            [
                (
                    2,
                    "Mã tổ chức liên quan",
                    "history-related-inactive",
                    "C06 (Chi bộ Hợp tác xã Đông Hương 6) không hoạt động ngày 30/06/2023 (hoạt động 01/07/2023 – nay "
                    "theo trang Tổ chức): tổ chức được chia tách ra phải còn hoạt động ngày trước khi chia tách",
                )
            ],
            id="split-from-not-active",
        ),
        pytest.param(
            [(datetime(2024, 3, 1), "Đổi tên", "P02", None, "Đảng bộ phường Đông Thọ mới")],
            [
                (
                    2,
                    "Ngày",
                    "history-validity",
                    "ngày 01/03/2024 ngoài thời gian hoạt động của P02 (Đảng bộ "
                    "phường Đông Thọ): hoạt động 01/01/2000 – "
                    "31/12/2023 theo trang Tổ chức",
                )
            ],
            id="event-outside-validity",
        ),
        pytest.param(
            [(datetime(2024, 2, 1), "Sáp nhập vào", "P02", "P01")],
            [
                (
                    2,
                    "Ngày",
                    "history-validity",
                    "P02 (Đảng bộ phường Đông Thọ) sáp nhập vào từ ngày "
                    "01/02/2024 nên hoạt động đến hết ngày 31/01/2024, "
                    "nhưng trang Tổ chức ghi Ngày giải thể 31/12/2023: hai nơi "
                    "phải khớp (ghi 31/01/2024 ở cột Ngày giải "
                    "thể)",
                )
            ],
            id="merge-disagrees-with-end",
        ),
        pytest.param(
            [(datetime(2023, 8, 1), "Chia tách từ", "H02", "H01")],
            [
                (
                    2,
                    "Ngày",
                    "history-validity",
                    "H02 (Chi bộ Bệnh viện Đa khoa thành phố Thanh Hóa) chia "
                    "tách từ ngày 01/08/2023 nhưng trang Tổ chức "
                    "ghi Ngày thành lập 01/07/2023: hai nơi phải khớp (ghi 01/08/2023 ở cột Ngày thành lập)",
                )
            ],
            id="split-disagrees-with-start",
        ),
        pytest.param(
            [MERGE, (datetime(2024, 1, 1), "Giải thể", "P02")],
            [
                (
                    3,
                    "Sự kiện",
                    "history-overlap",
                    "P02 đã sáp nhập vào ngày 01/01/2024 (dòng 2): một mã chỉ có "
                    "một thời gian hoạt động, hai lần kết thúc "
                    "(sáp nhập, giải thể) làm các thời gian hoạt động chồng lên nhau",
                )
            ],
            id="ended-twice",
        ),
        pytest.param(
            [SPLIT, (datetime(2023, 7, 1), "Thành lập", "H02")],
            [
                (
                    3,
                    "Sự kiện",
                    "history-overlap",
                    "H02 đã chia tách từ ngày 01/07/2023 (dòng 2): một mã chỉ có "
                    "một thời gian hoạt động, hai lần bắt đầu "
                    "(thành lập, chia tách) làm các thời gian hoạt động chồng lên nhau",
                )
            ],
            id="begun-twice",
        ),
        pytest.param(
            [MERGE, (datetime(2024, 1, 1), "Sáp nhập vào", "P01", "P02")],
            [
                (
                    3,
                    "Mã tổ chức liên quan",
                    "history-cycle",
                    "vòng lặp sáp nhập vào: P01 → P02 → P01; một tổ chức không thể là tiền thân của chính nó",
                )
            ],
            id="merge-cycle",
        ),
        pytest.param(
            [(datetime(2024, 1, 1), "Sáp nhập vào", "P02", "Đảng bộ phường Đông Thọ")],
            [(2, "Mã tổ chức liên quan", "history-cycle", "P02 không thể sáp nhập vào chính nó (vòng lặp)")],
            id="merged-into-itself",
        ),
    ],
)
def test_a_bad_history_is_refused_with_its_message(
    tmp_path: Path, events: list[tuple[Any, ...]], expected: list[tuple[Any, ...]]
) -> None:
    base = history_root(
        tmp_path, events, {"C05": (date(2000, 1, 1), date(2023, 6, 30)), "C06": (date(2023, 7, 1), None)}
    )
    result = run(base)
    assert history_issues(result) == expected
    # The bad row is quarantined; the good ones load.
    assert len(result.tables["organisation_events"]) == len(events) - len(expected)
    counted = result.reconciliation.set_index(["file", "sheet"]).loc[(FILE, SHEET)]
    assert (counted["rows_read"], counted["quarantined"]) == (len(events), len(expected))


def test_a_return_of_a_merged_organisation_names_its_successor(tmp_path: Path) -> None:
    base = history_root(tmp_path, [MERGE], {"D01": (date(2000, 1, 1), date(2023, 6, 30))})
    write_return(
        base / "data" / "returns" / "2024" / "p02.xlsx", organisation="P02", year=2024,
        sheets={"Kết nạp": [admission("a", 1, **{"Ngày kết nạp": datetime(2024, 2, 2)})]},
    )  # fmt: skip
    write_return(
        base / "data" / "returns" / "2023" / "d01.xlsx", organisation="D01", year=2023,
        sheets={"Kết nạp": [admission("b", 1, **{"Ngày kết nạp": datetime(2023, 6, 30)}),
                            admission("b", 2, **{"Ngày kết nạp": datetime(2023, 8, 15)})]},
    )  # fmt: skip
    result = run(base)
    found = {(i.file, i.sheet, i.row, i.column, i.rule, i.message) for i in result.errors}
    merged = (
        "Đảng bộ phường Đông Thọ đã sáp nhập vào Đảng bộ phường Hàm Rồng từ ngày 01/01/2024: báo cáo thuộc Đảng bộ "
        "phường Hàm Rồng"
    )
    dissolved = "Chi bộ Công ty Cổ phần Hòa Bình đã giải thể từ ngày 01/07/2023 (hoạt động đến hết ngày 30/06/2023)"
    # Their 2024 targets (rows 10 and 13 of the corpus's targets) belong to no organisation that existed.
    targets = "reference/targets.xlsx"
    refused = "không có chỉ tiêu năm 2024 cho tổ chức này: dòng bị loại"
    assert found - {f for f in found if f[0] != targets} == {
        (targets, "Chỉ tiêu", 10, "Mã tổ chức", "organisation-inactive", f"{merged}; {refused}"),
        (targets, "Chỉ tiêu", 13, "Mã tổ chức", "organisation-inactive", f"{dissolved}; {refused}"),
    }
    assert {f for f in found if f[0] != targets} == {
        ("returns/2024/p02.xlsx", "Thông tin", 1, "Tổ chức cơ sở đảng", "organisation-inactive",
         "Đảng bộ phường Đông Thọ đã sáp nhập vào Đảng bộ phường Hàm Rồng từ ngày 01/01/2024: báo cáo thuộc Đảng bộ "
         "phường Hàm Rồng; không có báo cáo năm 2024: cả báo cáo bị loại"),
        ("returns/2023/d01.xlsx", "Kết nạp", 3, "Ngày kết nạp", "organisation-inactive",
         "Chi bộ Công ty Cổ phần Hòa Bình đã giải thể từ ngày 01/07/2023 (hoạt động đến hết ngày 30/06/2023); dòng "
         "ngày 15/08/2023 bị loại"),
    }  # fmt: skip
    admitted = result.tables["admissions"]
    assert list(admitted["org_code"]) == ["D01"]  # the row of 30/06/2023, its last day, stands
