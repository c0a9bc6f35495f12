"""Data quality summaries (ketnap.quality) on small hand-built frames, and the interim loader."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ketnap import quality as q
from ketnap.io import Tables
from ketnap.labels import CATALOG, t
from ketnap.schema import ISSUE_COLUMNS, RECONCILIATION_COLUMNS, RULES

WITHHELD = t("quality.value.withheld")


def _issues(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=ISSUE_COLUMNS)
    frame["row"] = frame["row"].astype("Int64")
    return frame


@pytest.fixture
def tables() -> Tables:
    sectors = pd.DataFrame(
        {"sector": ["wards", "firms"], "order": [1, 2], "name_vi": ["Khối phường", "Khối doanh nghiệp"],
         "name_en": ["Wards", "Firms"], "colour": ["#000", "#111"]}
    )  # fmt: skip
    organisations = pd.DataFrame(
        {
            "org_code": ["P01", "P02", "D01", "D02"],
            "name": ["Đảng bộ phường An", "Đảng bộ phường Bình", "Chi bộ Công ty Cường", "Chi bộ Công ty Dũng"],
            "sector": ["wards", "wards", "firms", "firms"],
            "kind": ["dang-bo-co-so"] * 2 + ["chi-bo-co-so"] * 2,
            "parent_code": [None] * 4,
            "active_from": pd.to_datetime([None, None, None, "2024-06-01"]),
            "active_to": pd.to_datetime([None, None, "2023-06-30", None]),
        }
    )
    admissions = pd.DataFrame(
        {"org_code": ["P01", "P01"], "source_file": ["returns/2024/bao-cao-an.xlsx", "returns/2023/P01.xlsx"]}
    )
    empty = pd.DataFrame({"org_code": pd.Series(dtype="string"), "source_file": pd.Series(dtype="string")})
    return Tables(
        sectors=sectors,
        organisations=organisations,
        targets=pd.DataFrame(),
        monthly_plans=pd.DataFrame(),
        admissions=admissions,
        training=empty,
        conversions=empty,
        manifest={"as_of": "2024-02-29", "today": "2024-03-05"},
    )


@pytest.fixture
def log() -> q.IngestionLog:
    counts = pd.DataFrame(
        [
            ("reference/organisations.xlsx", "Tổ chức", 4, 4, 0),
            ("returns/2023/P01.xlsx", "Kết nạp", 3, 3, 0),
            ("returns/2024/bao-cao-an.xlsx", "Kết nạp", 5, 3, 2),
            ("returns/2024/bao-cao-an.xlsx", "Bồi dưỡng", 2, 2, 0),
            ("returns/2024/P02.xlsx", "Kết nạp", 1, 0, 1),  # rejected as a whole at Thông tin
            ("returns/2024/broken.xlsx", "", 0, 0, 0),
            ("returns/2024/la.xlsx", "Kết nạp", 1, 0, 1),
            ("returns/2025/P01.xlsx", "Kết nạp", 9, 9, 0),  # after the period: out of scope
        ],
        columns=["file", "sheet", "rows_read", "loaded", "quarantined"],
    )
    reconciliation = counts.assign(org_code="", year=None, version=None, used=True, superseded=0, note="")[
        RECONCILIATION_COLUMNS
    ]
    quarantine = _issues(
        [
            ("returns/2024/bao-cao-an.xlsx", "Kết nạp", 3, "Giới tính", "unknown-category", "allowed", "Không rõ"),
            ("returns/2024/bao-cao-an.xlsx", "Kết nạp", 3, "Dân tộc", "missing-field", "required", ""),
            ("returns/2024/bao-cao-an.xlsx", "Kết nạp", 5, "Giới tính", "unknown-category", "allowed",
             "Nguyễn Văn Bình"),
            ("returns/2024/P02.xlsx", "Thông tin", 2, "Năm báo cáo", "year-mismatch", "folder", "2023"),
            ("returns/2024/broken.xlsx", "", None, None, "unreadable-file", "the file is empty", ""),
            ("returns/2024/la.xlsx", "Kết nạp", 2, "Ngày kết nạp", "date-outside-period", "year", "03/04/1999"),
            ("returns/2025/P01.xlsx", "Kết nạp", 2, "Giới tính", "unknown-category", "allowed", "X"),
        ]
    )  # fmt: skip
    warnings = _issues(
        [("returns/2024/bao-cao-an.xlsx", "Kết nạp", None, "Số quyết định", "extra-column", "ignored", "")]
    )
    return q.IngestionLog(quarantine, warnings, reconciliation)


def test_every_rule_has_a_vietnamese_name_and_fix() -> None:
    for rule in RULES:
        assert f"quality.rule.{rule}" in CATALOG
        assert f"quality.fix.{rule}" in CATALOG


def test_file_year() -> None:
    assert q.file_year("returns/2024/x.xlsx") == 2024
    assert q.file_year("reference/targets.xlsx") is None
    assert q.file_year("returns/x.xlsx") is None


def test_attribution_by_loaded_rows_then_by_file_name(tables: Tables) -> None:
    files = ["returns/2024/bao-cao-an.xlsx", "returns/2024/p02.xlsx", "returns/2024/Chi bộ Công ty Cường.xlsx",
             "returns/2024/unknown.xlsx", "reference/organisations.xlsx"]  # fmt: skip
    got = q.attribute_files(files, tables)
    assert got.tolist()[:3] == ["P01", "P02", "D01"]
    assert got.isna().tolist()[3:] == [True, True]


def test_file_summary_scope_counts_and_flags(log: q.IngestionLog, tables: Tables) -> None:
    files = q.file_summary(log, tables, "2024-02").set_index("file")
    assert "returns/2025/P01.xlsx" not in files.index
    an = files.loc["returns/2024/bao-cao-an.xlsx"]
    assert (an["rows_read"], an["loaded"], an["quarantined"], an["errors"], an["warnings"]) == (7, 5, 2, 3, 1)
    assert an["org_code"] == "P01" and an["group"] == "Khối phường"
    assert files.loc["returns/2024/P02.xlsx", "rejected_whole"]
    assert not files.loc["returns/2024/P02.xlsx", "unreadable"]
    assert files.loc["returns/2024/broken.xlsx", "unreadable"]
    assert files.loc["returns/2024/broken.xlsx", "group"] == t("quality.group.unattributed")
    assert files.loc["reference/organisations.xlsx", "kind"] == "reference"
    total = q.totals(files.reset_index())
    assert total["files"] == 6 and total["returns"] == 5 and total["reference"] == 1
    assert (total["rows_read"], total["loaded"], total["quarantined"]) == (16, 12, 4)
    assert total["files_quarantined"] == 4  # bao-cao-an, P02, la, broken (unreadable)
    assert total["unbalanced"] == 0


def test_reconciliation_by_group_and_year(log: q.IngestionLog, tables: Tables) -> None:
    recon = q.reconciliation(q.file_summary(log, tables, "2024-02"), tables.sectors)
    assert recon["group"].tolist()[0] == t("quality.group.reference")
    wards = recon[recon["group"] == "Khối phường"].set_index("year")
    assert wards.loc[2023, "rows_read"] == 3 and wards.loc[2024, "files"] == 2
    assert wards.loc[2024, "quarantined"] == 3
    assert recon["group"].tolist()[-1] == t("quality.group.unattributed")
    assert recon["rows_read"].sum() == recon["loaded"].sum() + recon["quarantined"].sum()


def test_quarantine_detail_withholds_personal_values(log: q.IngestionLog, tables: Tables) -> None:
    detail = q.quarantine_detail(log, q.file_summary(log, tables, "2024-02"))
    assert "unreadable-file" not in set(detail["rule"])
    assert "returns/2025/P01.xlsx" not in set(detail["file"])
    keys = zip(detail["file"], detail["row"], detail["column"], strict=True)
    values = dict(zip(keys, detail["value"], strict=True))
    assert values[("returns/2024/bao-cao-an.xlsx", 3, "Giới tính")] == "Không rõ"
    assert values[("returns/2024/bao-cao-an.xlsx", 5, "Giới tính")] == WITHHELD  # a name in the wrong column
    assert values[("returns/2024/la.xlsx", 2, "Ngày kết nạp")] == WITHHELD  # a birth date, by its year
    assert detail.loc[detail["rule"] == "year-mismatch", "rule_name"].item() == t("quality.rule.year-mismatch")


def test_rule_counts_lines_rows_and_files(log: q.IngestionLog, tables: Tables) -> None:
    counts = q.rule_counts(q.quarantine_detail(log, q.file_summary(log, tables, "2024-02"))).set_index("rule")
    assert counts.index[0] == "unknown-category"
    assert counts.loc["unknown-category", ["lines", "rows", "files"]].tolist() == [2, 2, 1]
    assert counts.loc["missing-field", "explanation"] == t("quality.fix.missing-field")
    assert q.rule_counts(q.quarantine_detail(log, q.file_summary(log, tables, "2024-02")).iloc[:0]).empty


def test_warnings_and_unreadable(log: q.IngestionLog, tables: Tables) -> None:
    files = q.file_summary(log, tables, "2024-02")
    warnings = q.warning_detail(log, files)
    assert warnings["column"].tolist() == ["Số quyết định"]
    assert q.unreadable_files(log, files)["file"].tolist() == ["returns/2024/broken.xlsx"]


def test_missing_returns(log: q.IngestionLog, tables: Tables) -> None:
    files = q.file_summary(log, tables, "2024-02")
    missing = q.missing_returns(files, tables, "2024-02")
    # P01 sent one; P02's was rejected as a whole; D01 was dissolved in 2023; D02 starts in June 2024.
    assert missing["org_code"].tolist() == ["P02"]
    assert missing["status"].item() == t("quality.status.rejected", files="returns/2024/P02.xlsx")
    assert q.missing_returns(files, tables, "2024")["org_code"].tolist() == ["P02", "D02"]
    assert missing.columns.tolist() == ["org_code", "name", "sector", "sector_name", "year", "status"]


@pytest.mark.parametrize(
    ("value", "column", "year", "shown"),
    [
        ("Không rõ", "Giới tính", None, True),
        ("Chi bộ Công ty TNHH Thương mại Thiên Long Hưng", "Tổ chức cơ sở đảng", None, True),
        ("Phường Đông Thọ", "Tổ chức cơ sở đảng", None, True),
        ("15/06/2022", "Ngày kết nạp", 2023, True),
        ("chưa cấp", "Ngày cấp giấy chứng nhận", 2023, True),
        ("Nguyễn Thị Lan", "Dân tộc", None, False),
        ("038 095 001 234", "Ghi chú", None, False),
        ("173456789", "Tôn giáo", None, False),
        ("anything", "Họ và tên", None, False),
        ("01/01/2000", "Ngày sinh *", None, False),
        ("05/03/2001", "Ngày kết nạp", 2023, False),
    ],
)
def test_safe_value(value: str, column: str, year: int | None, shown: bool) -> None:
    assert (q.safe_value(value, column, year=year) == value) is shown


def test_load_interim(tmp_path: Path, log: q.IngestionLog) -> None:
    for name, frame in (("quarantine", log.quarantine), ("warnings", log.warnings)):
        frame.to_csv(tmp_path / f"{name}.csv", index=False, encoding="utf-8-sig")
    log.reconciliation.to_csv(tmp_path / "reconciliation.csv", index=False, encoding="utf-8-sig")
    loaded = q.load_interim(tmp_path)
    assert loaded.quarantine["row"].dtype == "Int64"
    assert loaded.quarantine["value"].tolist() == log.quarantine["value"].fillna("").tolist()
    assert loaded.reconciliation["rows_read"].dtype == "int64"
    assert loaded.reconciliation["sheet"].tolist()[5] == ""
    (tmp_path / "warnings.csv").unlink()
    with pytest.raises(FileNotFoundError, match="make data"):
        q.load_interim(tmp_path)
