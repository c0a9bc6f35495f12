"""Tests of the synthetic sample (``ketnap.synth.city``) and the workbook writer (``ketnap.workbook``).

The sample is regenerated once per session into a temporary folder; the tests check that the
committed ``data/sample/`` and ``data/templates/`` are byte-identical to a fresh run, that the
calibrated figures come out of the valid records, and that the records have a realistic shape.
They read the generator's records (and the written workbooks with openpyxl), not ``ketnap.ingest``.
"""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from ketnap.config import paths
from ketnap.schema import REGISTER_NAME, RETURN_SHEETS, RULES, TABLES, WARNING_RULES
from ketnap.synth.city import Sample, generate
from ketnap.synth.history import JANUARY_FOLDER
from ketnap.synth.national import build_national
from ketnap.synth.population import PERIOD_END, SECTORS
from ketnap.workbook import TEMPLATE_FILES, save_deterministic, write_templates

pytestmark = pytest.mark.slow  # generates the whole sample: not in `make test-fast`

#: Each data sheet of a return, with its headers in order.
RETURN_HEADERS = {s.sheet: tuple(c.header for c in s.columns) for s in RETURN_SHEETS}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Sample]:
    out = tmp_path_factory.mktemp("sample")
    # The reporting body is configuration, not generated: regenerating keeps the one already there
    # (`make sample` over data/sample), which the byte-for-byte comparison then checks.
    (out / "reference").mkdir()
    shutil.copy2(paths().sample / "reference" / "body.toml", out / "reference" / "body.toml")
    return out, generate(out)


@pytest.fixture(scope="module")
def sample(generated: tuple[Path, Sample]) -> Sample:
    return generated[1]


def _year(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(frame[column]).dt.year


def _whole_years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _files(root: Path) -> dict[str, bytes]:
    """The sample's files (not its returns register, which ``make data`` writes beside them)."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(REGISTER_NAME)
    }


# --- reproducibility ---


def test_committed_sample_is_byte_identical_to_a_fresh_run(generated: tuple[Path, Sample]) -> None:
    out, _ = generated
    fresh, committed = _files(out), _files(paths().sample)
    assert sorted(fresh) == sorted(committed), "file lists differ: run `make sample`"
    differing = [name for name in fresh if fresh[name] != committed[name]]
    assert not differing, f"regenerate data/sample: {differing[:5]}"


def test_the_sample_is_small(generated: tuple[Path, Sample]) -> None:
    out, _ = generated
    assert sum(len(b) for b in _files(out).values()) < 5_000_000


def test_templates_are_byte_identical(tmp_path: Path) -> None:
    with (paths().sample / "reference" / "sectors.csv").open(encoding="utf-8") as fh:
        names = [row["name_vi"] for row in sorted(csv.DictReader(fh), key=lambda r: int(r["order"]))]
    write_templates(tmp_path, sector_names=names)
    assert _files(tmp_path) == {
        name: data for name, data in _files(paths().templates).items() if name.endswith(".xlsx")
    }


def test_save_deterministic_ignores_the_clock(tmp_path: Path) -> None:
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for file in (first, second):
        workbook = openpyxl.Workbook()
        workbook.active["A1"] = "Kết nạp"
        save_deterministic(workbook, file)
        time.sleep(1.1)  # zip dates have a 2-second resolution
    assert first.read_bytes() == second.read_bytes()


def test_templates_have_instructions_and_drop_downs() -> None:
    workbook = openpyxl.load_workbook(paths().templates / TEMPLATE_FILES["return"])
    assert workbook.sheetnames == ["Thông tin", *RETURN_HEADERS, "Hướng dẫn"]
    for name, headers in RETURN_HEADERS.items():
        sheet = workbook[name]
        assert [c.value for c in sheet[1]] == list(headers)
    rules = workbook["Kết nạp"].data_validations.dataValidation
    validated = {str(rule.sqref).split(":")[0].rstrip("0123456789") for rule in rules}
    # Giới tính (E), Tôn giáo (G), Đoàn viên (H), Nghề nghiệp (I), Trình độ (J) and the dates and ID.
    assert {"C", "D", "E", "G", "H", "I", "J", "K"} <= validated


# --- calibration ---


def test_admissions_reproduce_the_published_figures(sample: Sample) -> None:
    years = _year(sample.admissions, "admission_date").value_counts()
    assert years[2023] == 735
    assert years[2024] == 231
    assert sample.admissions["admission_date"].max() <= PERIOD_END
    assert 650 <= years[2022] <= 750
    city = sample.targets[sample.targets["org_code"] == "TP"].set_index("year")["admissions_target"]
    assert city[2023] == 707 and round(100 * 735 / city[2023]) == 104
    assert city[2024] == 817 and round(100 * 231 / 817, 1) == 28.3


def test_training_reproduces_the_published_figures(sample: Sample) -> None:
    in_2023 = sample.training[_year(sample.training, "completion_date") == 2023]
    assert len(in_2023) == 1253
    assert in_2023["org_code"].nunique() == 109
    plan = sample.targets[(sample.targets["org_code"] == "TP") & (sample.targets["year"] == 2023)]
    assert round(100 * 1253 / plan["training_plan"].iloc[0]) == 117


def test_organisations_targets_exceed_the_city_target(sample: Sample) -> None:
    targets = sample.targets
    own = targets[targets["org_code"] != "TP"].groupby("year")["admissions_target"].sum()
    city = targets[targets["org_code"] == "TP"].set_index("year")["admissions_target"]
    assert (own > city).all()
    assert targets.dropna(subset=["month_1"])["org_code"].nunique() >= 3  # a few monthly plans


def test_returns_hold_valid_rows_plus_the_faults(generated: tuple[Path, Sample]) -> None:
    out, sample = generated
    counted: dict[tuple[int, str], int] = {}
    # The newest version of each return: the final ones (earlier versions are in sub-folders), and the
    # January return of the organisation that sent none for February.
    latest = {(f.parent.name, f.name): f for f in sorted((out / "returns").glob("*/*.xlsx"))}
    for file in sorted((out / "returns").glob(f"*/{JANUARY_FOLDER}/*.xlsx")):
        latest.setdefault((file.parent.parent.name, file.name), file)
    for (folder, _), file in sorted(latest.items()):
        workbook = openpyxl.load_workbook(file, read_only=True)
        year = int(folder)
        for name, headers in RETURN_HEADERS.items():
            if name not in workbook.sheetnames:  # the nil return has no Kết nạp sheet
                continue
            rows = list(workbook[name].iter_rows(values_only=True))
            header = next(i for i, row in enumerate(rows) if row[: len(headers)] == headers)
            data = [row for row in rows[header + 1 :] if any(v is not None for v in row)]
            counted[(year, name)] = counted.get((year, name), 0) + len(data)
        workbook.close()
    faults: dict[tuple[int, str], int] = {}
    for fault in sample.faults:
        key = (fault.year, "Kết nạp" if fault.sheet == "Thông tin" else fault.sheet)
        faults[key] = faults.get(key, 0) + 1
    for year in (2022, 2023, 2024):
        valid = {
            "Kết nạp": (_year(sample.admissions, "admission_date") == year).sum(),
            "Bồi dưỡng": (_year(sample.training, "completion_date") == year).sum(),
            "Chuyển chính thức": (_year(sample.conversions, "conversion_date") == year).sum(),
        }
        for name, count in valid.items():
            assert counted[(year, name)] == count + faults.get((year, name), 0), (year, name)


# --- faults ---


def test_faults_are_few_known_and_where_they_say(generated: tuple[Path, Sample]) -> None:
    out, sample = generated
    assert 6 <= len(sample.faults) <= 10
    assert {f.rule for f in sample.faults} <= set(RULES) - WARNING_RULES  # each one rejects its row
    assert len({f.rule for f in sample.faults}) >= 8
    valid_ids = set(sample.admissions["id_number"]) | set(sample.training["id_number"])
    for fault in sample.faults:
        sheet = openpyxl.load_workbook(out / fault.file)[fault.sheet]
        if fault.sheet == "Thông tin":
            column = 2
        else:
            header = next(r for r in range(1, fault.row) if sheet.cell(row=r, column=1).value == "STT")
            column = [c.value for c in sheet[header]].index(fault.column) + 1
        value = sheet.cell(row=fault.row, column=column).value
        expected = fault.record.get(fault.field) if fault.field else None
        if isinstance(expected, dt.date):
            assert value.date() == expected
        elif fault.sheet != "Thông tin":
            assert value == expected
        else:
            assert value  # names an organisation that is not on the list
        if fault.rule != "duplicate-person":
            assert fault.record.get("id_number") not in valid_ids  # a faulty row is never a counted person


def test_faults_are_documented() -> None:
    doc = (paths().home / "docs" / "sample-data.md").read_text(encoding="utf-8")
    with (paths().sample / "faults.csv").open(encoding="utf-8") as fh:
        for fault in csv.DictReader(fh):
            where = f"| `{fault['file']}` | {fault['sheet']} | {fault['row']} | {fault['column']} |"
            line = f"{where} `{fault['rule']}` |"
            assert line in doc, f"docs/sample-data.md lacks: {line}"


# --- shape ---


def test_everyone_valid_is_an_adult(sample: Sample) -> None:
    ages = [
        _whole_years(b, a)
        for b, a in zip(sample.admissions["birth_date"], sample.admissions["admission_date"], strict=True)
    ]
    assert min(ages) >= 18
    trained = [
        _whole_years(b, c)
        for b, c in zip(sample.training["birth_date"], sample.training["completion_date"], strict=True)
    ]
    assert min(trained) >= 18


def test_school_admissions_are_mostly_students_aged_18(sample: Sample) -> None:
    schools = {o.code for o in sample.organisations if o.sector == "high-schools"}
    admitted = sample.admissions[sample.admissions["org_code"].isin(schools)]
    assert (admitted["occupation"] == "student").mean() > 0.85
    ages = [_whole_years(b, a) for b, a in zip(admitted["birth_date"], admitted["admission_date"], strict=True)]
    assert sum(age == 18 for age in ages) / len(ages) > 0.75
    months = pd.to_datetime(admitted["admission_date"]).dt.month
    assert not months.isin([7, 8]).any()  # summer holidays


def test_admissions_peak_around_the_anniversaries(sample: Sample) -> None:
    full_years = sample.admissions[_year(sample.admissions, "admission_date") < 2024]
    by_month = pd.to_datetime(full_years["admission_date"]).dt.month.value_counts()
    assert set(by_month.nlargest(2).index) == {2, 5}  # 3/2 and 19/5
    assert by_month[9] > by_month[8] and by_month[9] > by_month[10]  # 2/9


def test_composition_is_plausible(sample: Sample) -> None:
    admitted = sample.admissions
    assert 0.5 <= (admitted["sex"] == "Nữ").mean() <= 0.62
    assert (admitted["youth_union"] == "Có").mean() >= 0.7
    assert 0.005 <= (admitted["ethnic_group"] != "Kinh").mean() <= 0.08
    assert 0.01 <= (admitted["religion"] != "Không").mean() <= 0.08
    enterprises = {o.code for o in sample.organisations if o.sector == "enterprises"}
    assert (
        admitted.loc[admitted["org_code"].isin(enterprises), "occupation"] == "private-enterprise-worker"
    ).mean() > 0.6
    assert admitted["id_number"].is_unique
    assert admitted["id_number"].str.fullmatch(r"\d{12}").all()


def test_training_precedes_admission_for_most(sample: Sample) -> None:
    admitted = sample.admissions[_year(sample.admissions, "admission_date") >= 2023]
    trained = sample.training.set_index("id_number")["completion_date"]
    linked = admitted[admitted["id_number"].isin(trained.index)]
    assert len(linked) / len(admitted) > 0.8
    assert (linked["admission_date"].to_numpy() > trained[linked["id_number"]].to_numpy()).all()
    assert (
        linked["org_code"].to_numpy() == sample.training.set_index("id_number").loc[linked["id_number"], "org_code"]
    ).all()


def test_conversions_follow_twelve_months_of_probation(sample: Sample) -> None:
    conversions = sample.conversions.merge(sample.admissions[["id_number", "admission_date"]], on="id_number")
    for admitted, converted in zip(conversions["admission_date_x"], conversions["admission_date_y"], strict=True):
        assert admitted == converted
    gap = pd.to_datetime(conversions["conversion_date"]) - pd.to_datetime(conversions["admission_date_x"])
    assert gap.dt.days.between(365, 366 + 14).all()
    assert conversions["conversion_date"].max() <= PERIOD_END


def test_the_organisations_tell_the_story(sample: Sample) -> None:
    organisations = sample.organisations
    assert 100 <= len(organisations) <= 120
    assert {o.sector for o in organisations} == {s.code for s in SECTORS}
    assert any(o.active_to for o in organisations) and any(o.active_from for o in organisations)
    years = _year(sample.admissions, "admission_date")
    admitting = {y: set(sample.admissions.loc[years == y, "org_code"]) for y in (2022, 2023)}
    for year in (2022, 2023):
        idle = [o for o in organisations if o.active_in(year) and o.code not in admitting[year]]
        assert 2 <= len(idle) <= 10
    both = [
        o for o in organisations
        if o.active_in(2022) and o.active_in(2023) and o.code not in admitting[2022] | admitting[2023]
    ]  # fmt: skip
    assert len(both) == 1


# --- Faker is optional; the national set ---


def test_faker_is_an_optional_extra_that_dev_includes() -> None:
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    assert not [r for r in project["dependencies"] if r.lower().startswith("faker")]
    assert project["optional-dependencies"]["synth"] == ["faker>=25"]
    assert "ketnap[synth]" in project["optional-dependencies"]["dev"]


def test_nothing_but_the_city_sample_imports_faker() -> None:
    # Every module of the package, in a fresh interpreter, except the three that make people.
    code = """
import importlib, pkgutil, sys, ketnap
people = {"ketnap.synth.city", "ketnap.synth.people", "ketnap.synth.ward"}  # the ward is made by the city's
for module in pkgutil.walk_packages(ketnap.__path__, "ketnap."):
    if module.name not in people and not module.name.endswith("__main__"):
        importlib.import_module(module.name)
importlib.import_module("ketnap.synth.__main__")
print(sorted(m for m in sys.modules if m == "faker" or m.startswith("faker.")))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_national_set_is_reproducible_in_the_processed_schema() -> None:
    options = {"organisations": 400, "years": 2, "seed": 3, "admissions_per_year": 3000, "training_per_year": 5000}
    first, second = build_national(**options), build_national(**options)
    assert list(first) == list(TABLES)
    for name, frame in first.items():
        assert list(frame.columns) == TABLES[name], name
        pd.testing.assert_frame_equal(frame, second[name])
    assert first["organisations"]["org_code"].is_unique and len(first["organisations"]) == 400
    assert first["admissions"]["admission_date"].between(pd.Timestamp(2021, 1, 1), pd.Timestamp(PERIOD_END)).all()
    assert first["admissions"]["person_key"].is_unique
