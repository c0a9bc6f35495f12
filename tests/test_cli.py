"""The command line, end to end on Parquet tables written to a scratch KETNAP_HOME."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from ketnap import cli
from ketnap.io import empty_table, person_codes, write_json_atomic, write_table
from ketnap.schema import TABLES


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("home")
    processed = home / "data" / "processed"
    frames = {
        "sectors": [
            ("wards", 1, "Khối phường - xã", "Wards and communes", "#1"),
            ("firms", 2, "Khối doanh nghiệp", "Enterprises", "#2"),
        ],
        "organisations": [
            ("O1", "Phường Ba Đình", "wards", "dang-bo-co-so", None, None, None),
            ("O2", "Công ty B", "firms", "chi-bo-co-so", None, None, None),
        ],
        "targets": [(2024, None, 817, 100), (2024, "O1", 50, None)],
        "monthly_plans": [],
        "admissions": [
            (
                f"K{i:03d}",
                "O1",
                None,
                pd.Timestamp("2024-01-15"),
                "F",
                2000,
                24,
                "Kinh",
                False,
                "Không",
                False,
                True,
                "student",
                "THPT",
                "f",
            )
            for i in range(231)
        ],
        "training": [
            (f"T{i:02d}", "O1" if i % 2 else "O2", "Lớp 1", pd.Timestamp("2024-02-01"), "M", 2000, "f")
            for i in range(25)
        ],
        "conversions": [],
    }
    tables = {}
    for name, rows in frames.items():
        frame = pd.DataFrame(rows, columns=[c for c in TABLES[name] if c not in ("person_code", "group")])
        for column in frame.columns:
            if column.endswith(("_date", "active_from", "active_to")):
                frame[column] = pd.to_datetime(frame[column])
        if name == "targets":
            frame = frame.astype({"admissions_target": "Int64", "training_plan": "Int64"})
        if name == "organisations":
            frame["group"] = None  # no working groups
        tables[name] = frame
    for name, frame in person_codes(tables).items():
        write_table(frame, name, processed)
    for name in ("returns", "return_months", "groups"):  # nothing known about returns; no working groups
        write_table(empty_table(name), name, processed)
    write_json_atomic({"as_of": "2024-02-29"}, processed / "manifest.json")
    return home


@pytest.fixture
def in_home(home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KETNAP_HOME", str(home))
    return home


def test_summary_json(in_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["summary", "--period", "2024-02", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(cli.JSON_KEYS) <= set(out)
    assert out["period"] == "2024-02" and out["sector"] is None
    assert out["admitted"] == 231 and isinstance(out["admitted"], int)
    assert out["target"] == 817 and isinstance(out["target"], int)
    assert out["attainment_pct"] == 28.3
    assert (out["trained"], out["training_plan"], out["training_attainment_pct"]) == (25, 100, 25.0)
    assert out["organisations_with_trainees"] == 2
    assert out["admitted_last_year"] is None  # no 2023 data: null, not 0


def test_summary_json_sector_without_target(in_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["summary", "--period", "2024-Q1", "--sector", "firms", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["sector"] == "firms" and out["admitted"] == 0
    assert out["target"] is None and out["attainment_pct"] is None


def test_summary_table(in_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["summary", "--period", "2024-02"]) == 0
    out = capsys.readouterr().out
    assert "2 tháng đầu năm 2024" in out
    assert "28,3%" in out and "817" in out and "16,7%" in out
    assert cli.main(["summary", "--period", "2024-02", "--sector", "firms", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "January–February 2024" in out and "Enterprises" in out and "no target set" in out


def test_bad_period_is_a_one_line_usage_error(in_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["summary", "--period", "2024-13"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("ketnap: error: invalid period '2024-13'")
    assert "YYYY-MM" in err


def test_unknown_sector_lists_the_valid_ones(in_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["summary", "--period", "2024-02", "--sector", "army"]) == 2
    err = capsys.readouterr().err
    assert err == "ketnap: error: unknown sector 'army'; valid: wards, firms\n"


def test_missing_data_says_to_run_make_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KETNAP_HOME", str(tmp_path))
    assert cli.main(["summary", "--period", "2024-02"]) == 1
    assert "make data" in capsys.readouterr().err


def test_parser_needs_a_command() -> None:
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 2


@pytest.mark.slow  # a fresh process
def test_console_entry_point(home: Path) -> None:
    # The installed `ketnap` script is `ketnap.cli:main`; run the module the same way, in a subprocess.
    done = subprocess.run(
        [sys.executable, "-m", "ketnap.cli", "summary", "--period", "2024", "--json"],
        capture_output=True,
        text=True,
        env={"KETNAP_HOME": str(home), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["period"] == "2024"
