"""The working groups (tổ công tác): their figures on the hand-built city, their reference data, their jobs.

Every expected figure is worked out by hand from ``small_city.py``, with O1 and O2 in group G1 and O3
in group G2 (G3 has no organisation). In 2023: O1 has a target of 2 and admitted p2 and p3 (2, 100%);
O2 has a target of 0 (none) and admitted p4 and p10 (2); O3 has a target of 2 and admitted p5 (1,
50%): short of its target by 1.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from defects.corpus import ORGANISATIONS, write_reference
from small_city import D, small_city

from ketnap import groups
from ketnap.build.batch import job_line, parse_job_line
from ketnap.build.catalog import jobs_for
from ketnap.ingest import ReferenceDataError, ingest
from ketnap.io import Tables, empty_table

GROUPS = pd.DataFrame(
    {
        "group": ["G1", "G2", "G3"],
        "order": [1, 2, 3],
        "name_vi": ["Tổ công tác số 1", "Tổ công tác số 2", "Tổ công tác số 3"],
        "name_en": ["Working group 1", "Working group 2", "Working group 3"],
        "head_vi": ["Phó Bí thư Thường trực", "Trưởng Ban Tổ chức", "Chánh Văn phòng"],
        "head_en": ["Standing Deputy Secretary", "Head of the Organisation Board", "Chief of the Office"],
    }
)


@pytest.fixture
def city() -> Tables:
    tables = small_city()
    orgs = tables.organisations.assign(group=["G1", "G1", "G2"])
    return dataclasses.replace(tables, organisations=orgs, groups=GROUPS)


def with_december_returns(tables: Tables, statuses: dict[str, str]) -> Tables:
    rows = pd.DataFrame(
        {
            "year": 2023,
            "month": 12,
            "org_code": list(statuses),
            "status": list(statuses.values()),
            "due": D("2024-01-05"),
            "received_at": [D("2024-01-03") if s == "on_time" else pd.NaT for s in statuses.values()],
            "version": pd.array([1 if s == "on_time" else None for s in statuses.values()], dtype="Int64"),
        }
    )
    return dataclasses.replace(tables, return_months=rows.astype(empty_table("return_months").dtypes.to_dict()))


def test_groups_with_an_organisation_in_the_period_get_a_report(city: Tables) -> None:
    assert groups.group_codes(city, "2023") == ["G1", "G2"]  # G3 follows nobody
    assert groups.group_codes(small_city(), "2023") == []  # no groups in the reference data


def test_the_group_s_headline_sums_its_organisations(city: Tables) -> None:
    g1 = groups.headline(city, "2023", "G1")
    assert (g1["admitted"], g1["target"], g1["attainment_pct"]) == (4, 2.0, 200.0)  # 2 + 2 over 2 + 0
    assert (g1["organisations"], g1["organisations_with_target"], g1["organisations_behind_pace"]) == (2, 1, 0)
    assert g1["scope"] == "group-G1" and g1["period"] == "2023"
    g2 = groups.headline(city, "2023", "G2")
    assert (g2["admitted"], g2["target"], g2["attainment_pct"], g2["organisations_behind_pace"]) == (1, 2.0, 50.0, 1)


def test_the_organisations_are_ranked_by_attainment_those_without_a_target_last(city: Tables) -> None:
    ranked = groups.ranked(groups.group_organisations(city, "2023", "G1"))
    assert ranked["org_code"].tolist() == ["O1", "O2"]
    assert ranked["rank_in_group"].tolist()[0] == 1.0 and np.isnan(ranked["rank_in_group"].tolist()[1])


def test_ties_share_the_best_rank_and_a_missing_return_is_not_ranked() -> None:
    frame = pd.DataFrame(
        {
            "name": ["Chi bộ Đông", "Chi bộ Bắc", "Chi bộ An", "Chi bộ Cầu"],
            "admitted": [3, 1, 2, 9],
            "attainment_pct": [60.0, 20.0, 60.0, 90.0],
            "flag_not_reported": [False, False, False, True],
        }
    )
    out = groups.ranked(frame)
    # 60% twice share rank 1 (names in Vietnamese order: An before Đông); Cầu's return is missing.
    assert out["name"].tolist() == ["Chi bộ An", "Chi bộ Đông", "Chi bộ Bắc", "Chi bộ Cầu"]
    assert out["rank_in_group"].tolist()[:3] == [1.0, 1.0, 3.0] and np.isnan(out["rank_in_group"].iloc[3])


def test_behind_lists_those_short_of_the_target_with_the_shortfall(city: Tables) -> None:
    assert groups.behind(groups.group_organisations(city, "2023", "G1")).empty
    behind = groups.behind(groups.group_organisations(city, "2023", "G2"))
    assert behind["org_code"].tolist() == ["O3"] and behind["gap"].tolist() == [1]


def test_returns_missing_are_the_group_s_own(city: Tables) -> None:
    assert groups.missing_returns(city, "2023", "G1").empty  # nothing known: no register
    known = with_december_returns(city, {"O1": "missing", "O2": "on_time", "O3": "on_time"})
    assert groups.missing_returns(known, "2023", "G1")["org_code"].tolist() == ["O1"]
    assert groups.missing_returns(known, "2023", "G2").empty
    # O1's return is missing: it shows no figure and is not ranked (not 0, not behind).
    ranked = groups.ranked(groups.group_organisations(known, "2023", "G1"))
    assert ranked["rank_in_group"].isna().all() and np.isnan(ranked.set_index("org_code").loc["O1", "admitted"])


def test_the_city_overview_rows_link_to_the_group_reports(city: Tables) -> None:
    from ketnap import present

    rows = groups.overview(city, "2023")
    assert rows["group"].tolist() == ["G1", "G2"] and rows["head"].tolist()[0] == "Phó Bí thư Thường trực"
    html = present.table(rows, columns=["name", "admitted", "target", "attainment_pct"], figures="2023",
                         links="organisations/")  # fmt: skip
    assert 'href="group-G1.html"' in html.html and 'href="group-G2.html"' in html.html
    assert {"code": "attainment_pct", "scope": "group-G2", "period": "2023", "value": 50.0} in html.figures
    assert groups.overview(small_city(), "2023").empty


def test_no_groups_means_no_group_jobs_and_a_group_job_reads_back() -> None:
    without = jobs_for("2023", year_period=True, sectors=["A"], organisations=["O1"])
    assert not [job for job in without if job.report.per_group]
    with_groups = [job for job in jobs_for("2023", year_period=True, sectors=["A"], groups=["G1", "G2"])
                   if job.report.per_group]  # fmt: skip
    assert [job.stem for job in with_groups] == ["group-G1", "group-G2"]
    assert with_groups[0].parameters("vi") == {"period": "2023", "group": "G1", "lang": "vi"}
    assert parse_job_line(job_line(with_groups[0])) == with_groups[0]


# --- the reference data ------------------------------------------------------------------------------

GROUPS_CSV = "code,order,name_vi,name_en,head_vi,head_en\nTCT1,1,Tổ công tác số 1,Group 1,Trưởng Ban,Head\n"


def reference(tmp_path: Path, groups_in: list[str | None] | None, *, groups_file: bool = True) -> Path:
    """A data root whose organisations have a ``Tổ công tác`` column (values in order), or none."""
    root = tmp_path / "data"
    write_reference(root)
    if groups_file:
        (root / "reference" / "groups.csv").write_text(GROUPS_CSV, encoding="utf-8")
    if groups_in is not None:
        path = root / "reference" / "organisations.xlsx"
        workbook = openpyxl.load_workbook(path)
        sheet = workbook["Tổ chức"]
        sheet.cell(row=1, column=sheet.max_column + 1, value="Tổ công tác")
        for row, value in enumerate(groups_in, start=2):
            sheet.cell(row=row, column=sheet.max_column, value=value)
        workbook.save(path)
    return root


def run(tmp_path: Path, root: Path) -> pd.DataFrame:
    result = ingest(root, tmp_path / "processed", tmp_path / "interim", key="k", today=D("2024-03-01").date())
    return result.tables["organisations"].set_index("org_code")


def test_groups_are_read_by_code_or_name(tmp_path: Path) -> None:
    orgs = run(tmp_path, reference(tmp_path, ["TCT1", "to cong tac so 1", None]))
    first, second, third = (code for code, *_ in ORGANISATIONS[:3])
    assert orgs.loc[[first, second], "group"].tolist() == ["TCT1", "TCT1"]  # by code; by name without diacritics
    assert pd.isna(orgs.loc[third, "group"]) and orgs["group"].notna().sum() == 2


def test_an_unknown_group_stops_the_run_naming_file_row_and_column(tmp_path: Path) -> None:
    root = reference(tmp_path, ["TCT1", "Tổ 9"])
    with pytest.raises(ReferenceDataError) as raised:
        run(tmp_path, root)
    message = str(raised.value)
    assert "reference/organisations.xlsx" in message and "dòng 3" in message and "cột Tổ công tác" in message
    assert "'Tổ 9' không có trong reference/groups.csv" in message and "TCT1 (Tổ công tác số 1)" in message


def test_a_group_column_without_the_groups_file_stops_the_run(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match=r"dòng 2 › cột Tổ công tác: .*không có tệp reference/groups\.csv"):
        run(tmp_path, reference(tmp_path, ["TCT1"], groups_file=False))


def test_no_group_column_means_no_groups(tmp_path: Path) -> None:
    root = reference(tmp_path, None, groups_file=False)
    orgs = run(tmp_path, root)
    assert orgs["group"].isna().all()
    assert pd.read_parquet(tmp_path / "processed" / "groups.parquet").empty
