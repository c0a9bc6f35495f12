"""ketnap.completeness over the hand-built small city (tests/small_city.py) with a hand-built returns register.

The register, for 2024 (period ``2024-02``: February counts):

========  ===========  ==============  ==================================================
org       January      February        versions of the 2024 return
========  ===========  ==============  ==================================================
O1        on time      late (08/03)    v1 05/02 (through 1), v2 08/03 (through 2, used)
O2        on time      missing         v1 03/02 (through 1, used)
O3        on time      on time         v1 04/02 (1), v2 05/02 (1, a corrected copy), v3 04/03 (2, used)
========  ===========  ==============  ==================================================

So for February: expected 3, reported 2 (1 on time, 1 late), missing 1 (O2, last return 03/02/2024
reporting January). 2023 has one row only: O3 not expected in January (founded in July).
"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest
from small_city import small_city

from ketnap import completeness as c
from ketnap import metrics as m
from ketnap import quality as q
from ketnap import scorecard as sc
from ketnap.io import empty_table
from ketnap.labels import t
from ketnap.schema import DTYPES

D = pd.Timestamp


def _register() -> tuple[pd.DataFrame, pd.DataFrame]:
    na = pd.NaT
    months = pd.DataFrame(
        [
            (2023, 1, "O3", "not_expected", D("2023-02-05"), na, None),
            (2024, 1, "O1", "on_time", D("2024-02-05"), D("2024-02-05 10:00"), 1),
            (2024, 1, "O2", "on_time", D("2024-02-05"), D("2024-02-03 09:00"), 1),
            (2024, 1, "O3", "on_time", D("2024-02-05"), D("2024-02-04 08:00"), 1),
            (2024, 2, "O1", "late", D("2024-03-05"), D("2024-03-08 10:00"), 2),
            (2024, 2, "O2", "missing", D("2024-03-05"), na, None),
            (2024, 2, "O3", "on_time", D("2024-03-05"), D("2024-03-04 08:00"), 3),
        ],
        columns=list(DTYPES["return_months"]),
    ).astype(DTYPES["return_months"])
    rows = [
        ("O1", 2024, 1, "r/O1.xlsx", D("2024-02-05 10:00"), 1, False, 2, 10, 0),
        ("O1", 2024, 2, "r/O1b.xlsx", D("2024-03-08 10:00"), 2, True, None, 12, 1),
        ("O2", 2024, 1, "r/O2.xlsx", D("2024-02-03 09:00"), 1, True, None, 5, 0),
        ("O3", 2024, 1, "r/O3.xlsx", D("2024-02-04 08:00"), 1, False, 2, 4, 0),
        ("O3", 2024, 2, "r/O3b.xlsx", D("2024-02-05 08:00"), 1, False, 3, 4, 0),
        ("O3", 2024, 3, "r/O3c.xlsx", D("2024-03-04 08:00"), 2, True, None, 6, 0),
    ]
    returns = pd.DataFrame(
        [
            (org, year, v, f, "0" * 64, at, "file-time", pd.NaT, through, used, sup, read, q)
            for org, year, v, f, at, through, used, sup, read, q in rows
        ],
        columns=list(DTYPES["returns"]),
    ).astype(DTYPES["returns"])
    return returns, months


@pytest.fixture(scope="module")
def city():
    returns, months = _register()
    return dataclasses.replace(small_city(), returns=returns, return_months=months)


def test_coverage_counts_the_period_s_last_month(city) -> None:
    assert c.coverage(city, "2024-02") == c.Coverage(2024, 2, expected=3, on_time=1, late=1, missing=1)
    assert c.coverage(city, "2024-02").reported == 2
    assert c.coverage(city, "2024-01") == c.Coverage(2024, 1, expected=3, on_time=3, late=0, missing=0)
    # A quarter's last month is March: nothing known.
    assert c.coverage(city, "2024-Q1") is None
    # By sector: A holds O1 and O2, B holds O3.
    assert c.coverage(city, "2024-02", sector="A") == c.Coverage(2024, 2, expected=2, on_time=0, late=1, missing=1)
    assert c.coverage(city, "2024-02", sector="B").reported == 1
    # Not expected is not counted as expected.
    assert c.coverage(city, "2023-01") == c.Coverage(2023, 1, expected=0, on_time=0, late=0, missing=0)


def test_coverage_sentence(city) -> None:
    assert c.coverage_sentence(city, "2024-02") == (
        "Số liệu tổng hợp từ báo cáo tháng 2/2024 của 2/3 tổ chức cơ sở đảng; còn 1 tổ chức chưa báo cáo."
    )
    assert (
        c.coverage_sentence(city, "2024-01")
        == "Số liệu tổng hợp từ báo cáo tháng 1/2024 của tất cả 3 tổ chức cơ sở đảng."
    )
    assert c.coverage_sentence(city, "2024-02", sector="B", lang="en") == (
        "Figures compiled from the 2/2024 returns of all 1 grassroots organisations."
    )
    assert c.coverage_sentence(small_city(), "2024-02") == ""


def test_headline(city) -> None:
    assert c.headline(city, "2024-01") == (
        "Báo cáo tháng 1/2024: đã nhận báo cáo của tất cả 3 tổ chức cơ sở đảng, trong đó 3 tổ chức gửi đúng hạn, "
        "0 tổ chức gửi muộn."
    )
    assert c.headline(city, "2024-02") == (
        "Báo cáo tháng 2/2024: đã nhận báo cáo của 2/3 tổ chức cơ sở đảng, trong đó 1 tổ chức gửi đúng hạn, "
        "1 tổ chức gửi muộn; còn 1 tổ chức chưa báo cáo."
    )


def test_the_coverage_sentences_record_the_returns_counts(city) -> None:
    # February: 2 of 3 reported, 1 missing (O2); in sector B (O3 alone) all in: 1 reported, no missing stated.
    def stated(text: object) -> list[tuple[str, str, object]]:
        return sorted((f["code"], f["scope"], f["value"]) for f in getattr(text, "figures", ()))

    assert stated(c.coverage_sentence(city, "2024-02")) == [
        ("organisations_not_reported", "city", 1),
        ("organisations_reported", "city", 2),
    ]
    assert stated(c.headline(city, "2024-02")) == stated(c.coverage_sentence(city, "2024-02"))
    assert stated(c.coverage_sentence(city, "2024-02", sector="B")) == [("organisations_reported", "B", 1)]
    assert stated(c.coverage_sentence(small_city(), "2024-02")) == []


def test_month_status_and_not_reported(city) -> None:
    status = c.month_status(city, "2024-02")
    assert status[["org_code", "status", "return_status"]].values.tolist() == [
        ["O1", "late", "Gửi muộn"],
        ["O2", "missing", "Chưa báo cáo"],
        ["O3", "on_time", "Đúng hạn"],
    ]
    assert c.not_reported_codes(city, "2024-02") == frozenset({"O2"})
    assert c.not_reported_codes(city, "2024-01") == frozenset()
    missing = c.not_reported(city, "2024-02")
    assert missing["org_code"].tolist() == ["O2"]
    assert missing["last_received"].tolist() == [D("2024-02-03 09:00")]
    assert missing["last_return"].tolist() == ["03/02/2024 (số liệu đến tháng 1)"]


def test_status_grid(city) -> None:
    grid = c.status_grid(city, "2024-02")
    assert grid.columns.tolist() == [1, 2]
    assert grid.to_dict("index") == {
        "O1": {1: "on_time", 2: "late"},
        "O2": {1: "on_time", 2: "missing"},
        "O3": {1: "on_time", 2: "on_time"},
    }
    parts = c.grid_by_sector(city, "2024-02")
    assert [(name, part.index.tolist(), names) for name, part, names in parts] == [
        ("Khối A", ["O1", "O2"], {"O1": "An", "O2": "Bình"}),
        ("Khối B", ["O3"], {"O3": "Cường"}),
    ]
    assert c.status_grid(small_city(), "2024-02").empty
    assert c.month_headings(grid) == ["T1", "T2"]


def test_versions(city) -> None:
    frame = c.versions(city, "2024-02")
    assert frame[["org_code", "versions", "corrections", "used_version", "used_reports_through"]].values.tolist() == [
        ["O1", 2, 0, 2, 2],
        ["O2", 1, 0, 1, 1],
        ["O3", 3, 1, 3, 2],  # v2 corrected January
    ]
    assert c.versions_summary(frame) == {"organisations": 3, "several": 2, "corrected": 1, "versions": 6, "most": 3}
    assert c.versions(small_city(), "2024-02").empty


def test_corrections_and_versions_sentence(city) -> None:
    # O3 sent two copies reporting January (04/02 and 05/02): the one correction; O1 and O2 sent one per month.
    fixed = c.corrections(city, "2024-02")
    assert fixed[["org_code", "return_month", "copies", "last_version"]].values.tolist() == [["O3", "Tháng 1", 2, 2]]
    assert fixed["first_copy_received"].tolist() == [D("2024-02-04 08:00")]
    assert fixed["correction_received"].tolist() == [D("2024-02-05 08:00")]
    # 6 versions from 3 organisations: January from all 3, February from O1 and O3 (O2 missing).
    assert c.versions_sentence(city, "2024-02").startswith(
        "Năm 2024 đã nhận 6 lần gửi báo cáo của 3 tổ chức: báo cáo tháng 1 của 3 tổ chức, báo cáo tháng 2 của "
        "2 tổ chức; 1 tổ chức gửi lại bản sửa cho báo cáo đã gửi (bảng dưới). "
    )
    # Up to January only: the February returns are left out (4 versions).
    assert c.versions_sentence(city, "2024-01").startswith(
        "Năm 2024 đã nhận 4 lần gửi báo cáo của 3 tổ chức: báo cáo tháng 1 của 3 tổ chức; 1 tổ chức gửi lại"
    )
    assert c.versions_sentence(small_city(), "2024-02") == "" and c.corrections(small_city(), "2024-02").empty


def test_grid_leaves_out_months_nobody_had_to_report(city) -> None:
    # 2023 holds only O3's January, not expected: the one month is the last, so it stays.
    assert c.unjudged_months(city, "2023-01") == ()
    # A register holding only December's returns: January to November are left out and said so.
    months = pd.DataFrame(
        [(2023, m, code, "on_time" if m == 12 else "not_expected", D(f"{2023 + m // 12}-{m % 12 + 1:02d}-05"),
          pd.NaT, None) for m in range(1, 13) for code in ("O1", "O2")],
        columns=list(DTYPES["return_months"]),
    ).astype(DTYPES["return_months"])  # fmt: skip
    year_end = dataclasses.replace(city, return_months=months)
    assert c.unjudged_months(year_end, "2023") == tuple(range(1, 12))
    assert [part.columns.tolist() for _, part, _ in c.grid_by_sector(year_end, "2023")] == [[12]]
    assert c.grid_note(year_end, "2023").endswith(
        "Sổ theo dõi không có báo cáo riêng của tháng 1–11/2023 (số liệu các tháng này nằm trong báo cáo gửi sau), "
        "nên bảng không nêu các tháng này."
    )
    assert c.unjudged_months(city, "2024-02") == () and c.grid_note(city, "2024-02") == t("returns.grid_note")


def test_blank_not_reported(city) -> None:
    # O2's February is missing: its cell is unknown (NaN), not 0; January (reported) keeps its 0.
    matrix = pd.DataFrame(
        {D("2024-01-01"): [1, 0, 2], D("2024-02-01"): [0, 0, 1]}, index=pd.Index(["O1", "O2", "O3"], name="org_code")
    )
    out = c.blank_not_reported(matrix, city, "2024-02")
    assert out.loc["O2"].isna().tolist() == [False, True]
    assert out.loc["O2", D("2024-01-01")] == 0 and out.notna().sum().sum() == 5
    # Nothing known about 2023's months: nothing blanked.
    assert c.blank_not_reported(matrix, small_city(), "2024-02").notna().all().all()


def test_quarantined_by_organisation(city) -> None:
    files = pd.DataFrame(
        {
            "file": ["returns/2024/O1.xlsx", "returns/2024/O3.xlsx", "returns/2023/O1.xlsx", "reference/t.xlsx"],
            "kind": ["return", "return", "return", "reference"],
            "year": pd.array([2024, 2024, 2023, None], dtype="Int64"),
            "org_code": pd.array(["O1", "O3", "O1", None], dtype="string"),
            "quarantined": [2, 0, 5, 0],
            "unreadable": [False, True, False, False],
        }
    )
    detail = pd.DataFrame(
        {"file": ["returns/2024/O1.xlsx"] * 3, "rule_name": ["Thiếu thông tin", "Ngày sai", "Thiếu thông tin"]}
    )
    out = c.quarantined_by_organisation(files, detail, city, "2024-02")
    assert out[["org_code", "files", "quarantined", "rules"]].values.tolist() == [
        ["O1", 1, 2, "Thiếu thông tin, Ngày sai"],
        ["O3", 1, 0, "tệp không đọc được"],
    ]


def test_a_missing_return_is_never_zero_nor_behind_pace(city) -> None:
    # 2024-02 on the small city has only O1 with a 2024 admission (p6) and no 2024 targets, so give
    # everyone a target of 12: pace expects 2 by February; O2 admitted nobody (behind, no admissions)
    # but its February return is missing.
    targets = pd.concat(
        [city.targets, pd.DataFrame({"year": [2024] * 3, "org_code": ["O1", "O2", "O3"],
                                     "admissions_target": [12, 12, 12], "training_plan": [None] * 3})],
        ignore_index=True,
    ).astype({"admissions_target": "Int64", "training_plan": "Int64"})  # fmt: skip
    tables = dataclasses.replace(city, targets=targets)
    orgs = m.metrics(tables, "2024-02")
    flags = ["flag_not_reported", "flag_behind_pace", "flag_no_admissions", "flag_below_10pct"]
    assert orgs.loc["O2", flags].tolist() == [True, False, False, False]
    assert orgs.loc["O3", flags[:3]].tolist() == [False, True, True]
    assert "O2" not in m.behind_pace(orgs).index
    assert m.summary(tables, "2024-02")["organisations_not_reported"] == 1
    shown = sc.with_display_columns(orgs, "2024-02")
    assert shown.loc["O2", "pace"] == "Chưa báo cáo" and shown.loc["O2", "flags"] == "chưa báo cáo"
    assert pd.isna(shown.loc["O2", "admitted"]) and pd.isna(shown.loc["O2", "attainment_pct"])
    card = sc.scorecard(orgs, tables.sectors, "2024-02").set_index("org_code")
    assert card.loc["O2", "pace"] == "Chưa báo cáo" and pd.isna(card.loc["O2", "admitted"])
    assert card.loc["O3", "pace"] == "Chưa đạt tiến độ" and card.loc["O3", "admitted"] == 0
    assert sc.behind_row_class(card.loc["O2"]) == ""


def test_without_a_register_nothing_changes() -> None:
    plain = small_city()
    with_empty = dataclasses.replace(plain, returns=empty_table("returns"), return_months=empty_table("return_months"))
    pd.testing.assert_frame_equal(m.metrics(plain, "2024-02"), m.metrics(with_empty, "2024-02"))
    assert not m.metrics(plain, "2024-02")["flag_not_reported"].any()
    assert c.not_reported(plain, "2024-02").empty and c.month_status(plain, "2024-02").empty


def test_data_quality_lists_the_returns_report_s_missing_organisations(city) -> None:
    # Files of 2024: O1 usable, O2 none, O3 only a file rejected as a whole (the register counts it as sent).
    files = pd.DataFrame(
        {
            "file": ["r/O1.xlsx", "r/O3.xlsx"],
            "kind": ["return", "return"],
            "year": pd.array([2024, 2024], dtype="Int64"),
            "org_code": pd.array(["O1", "O3"], dtype="string"),
            "rejected_whole": [False, True],
        }
    )
    listed = q.not_reported(files, city, "2024-02")
    assert listed[["org_code", "status"]].values.tolist() == [
        ["O2", "Chưa gửi báo cáo tháng 2/2024; lần gửi gần nhất: 03/02/2024 (số liệu đến tháng 1)"],
        ["O3", "Có tệp nhưng cả tệp bị loại: r/O3.xlsx"],
    ]
    # The register's part is exactly the returns report's list.
    assert set(listed["org_code"]) >= set(c.not_reported(city, "2024-02")["org_code"])
    # Without a register: no usable return for the year, as before.
    plain = q.not_reported(files, small_city(), "2024-02")
    assert plain[["org_code", "status"]].values.tolist() == [
        ["O2", "Chưa gửi báo cáo"],
        ["O3", "Có tệp nhưng cả tệp bị loại: r/O3.xlsx"],
    ]
