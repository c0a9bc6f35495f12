"""The shipped sample, ingested as `make data` does: the article's figures emerge, only the documented
faulty rows are quarantined, and no personal data from the raw returns reaches the processed tables."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest

from ketnap import metrics
from ketnap.cli import main as cli_main
from ketnap.config import paths
from ketnap.ingest import ingest
from ketnap.io import Tables, load

pytestmark = pytest.mark.slow  # whole-sample or property-based: not in `make test-fast`

SAMPLE = paths().sample


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    home = tmp_path_factory.mktemp("home")
    out, interim = home / "data" / "processed", home / "data" / "interim"
    ingest(SAMPLE, out, interim, today=dt.date(2024, 3, 18))
    return out, interim


@pytest.fixture(scope="module")
def tables(ingested: tuple[Path, Path]) -> Tables:
    return load(ingested[0])


@pytest.mark.parametrize(
    ("period", "column", "expected"),
    [
        ("2023", "admitted", 735),
        ("2023", "trained", 1253),
        ("2023", "organisations_with_trainees", 109),
        ("2024-02", "admitted", 231),
        ("2024-02", "target", 817),
    ],
)
def test_published_counts(tables: Tables, period: str, column: str, expected: int) -> None:
    assert metrics.summary(tables, period)[column] == expected


def test_published_percentages(tables: Tables) -> None:
    year = metrics.summary(tables, "2023")
    assert round(year["attainment_pct"]) == 104
    assert round(year["training_attainment_pct"]) == 117
    assert round(metrics.summary(tables, "2024-02")["attainment_pct"], 1) == 28.3


def test_data_runs_to_the_articles_now(tables: Tables) -> None:
    assert tables.as_of == pd.Timestamp("2024-02-29")


def test_cli_summary_json(
    ingested: tuple[Path, Path], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KETNAP_HOME", str(ingested[0].parents[1]))
    assert cli_main(["summary", "--period", "2023", "--json"]) == 0
    year = json.loads(capsys.readouterr().out)
    assert (year["admitted"], round(year["attainment_pct"]), year["trained"]) == (735, 104, 1253)
    assert (round(year["training_attainment_pct"]), year["organisations_with_trainees"]) == (117, 109)
    assert cli_main(["summary", "--period", "2024-02", "--json"]) == 0
    ytd = json.loads(capsys.readouterr().out)
    assert (ytd["admitted"], ytd["target"], ytd["attainment_pct"]) == (231, 817, 28.3)


def test_only_the_documented_faults_are_quarantined(ingested: tuple[Path, Path]) -> None:
    with (SAMPLE / "faults.csv").open(encoding="utf-8") as fh:
        documented = {(r["file"], r["sheet"], int(r["row"]), r["column"], r["rule"]) for r in csv.DictReader(fh)}
    quarantine = pd.read_csv(ingested[1] / "quarantine.csv", encoding="utf-8-sig")
    found = set(quarantine[["file", "sheet", "row", "column", "rule"]].itertuples(index=False, name=None))
    assert found == documented


def test_reconciliation_balances(ingested: tuple[Path, Path]) -> None:
    rec = pd.read_csv(ingested[1] / "reconciliation.csv", encoding="utf-8-sig")
    assert (rec["rows_read"] == rec["loaded"] + rec["quarantined"] + rec["superseded"]).all()
    assert rec["quarantined"].sum() == 9


def test_no_personal_data_reaches_processed_or_interim(
    ingested: tuple[Path, Path], personal_values: tuple[set[str], set[str], set[dt.date]]
) -> None:
    names, ids, births = personal_values
    assert len(names) > 1000 and len(ids) > 1000 and len(births) > 1000
    out, interim = ingested
    for file in sorted(out.glob("*.parquet")):
        frame = pd.read_parquet(file)
        for column in frame.columns:
            values = set(frame[column].dropna().astype(str))
            assert not values & names, f"{file.name}:{column} holds names"
            assert not values & ids, f"{file.name}:{column} holds ID numbers"
        assert not {c for c in frame.columns if "birth" in c and "year" not in c}, f"{file.name} keeps birth dates"
    text = "\n".join(f.read_text(encoding="utf-8-sig") for f in [*interim.glob("*.csv"), out / "manifest.json"])
    leaked_names = [n for n in names if n in text]
    leaked_ids = [i for i in ids if i in text]
    leaked_births = [b for b in births if f"{b:%d/%m/%Y}" in text]
    assert not leaked_names and not leaked_ids and not leaked_births


def test_the_sample_has_its_history(tables: Tables, ingested: tuple[Path, Path]) -> None:
    """docs/sample-data.md, "The organisations' history": four events, none quarantined, followed by the metrics."""
    events = tables.organisation_events
    assert [
        (f"{d:%d/%m/%Y}", e, o, None if pd.isna(r) else r)
        for d, e, o, r in events[["date", "event", "org_code", "related_code"]].itertuples(index=False)
    ] == [
        ("01/10/2022", "dissolved", "DN34", None),
        ("15/04/2023", "founded", "DN35", None),
        ("01/07/2023", "renamed", "HC10", None),
        ("01/01/2024", "merged_into", "PX14", "PX13"),
    ]
    with open(ingested[1] / "quarantine.csv", encoding="utf-8") as file:
        assert not [row for row in csv.DictReader(file) if row["sheet"] == "Lịch sử"]
    now = metrics.metrics(tables, "2024-02", by="organisation")
    assert "PX14" not in now.index and len(now) == 110
    adm = tables.admissions
    early_2023 = adm[(adm["admission_date"] >= "2023-01-01") & (adm["admission_date"] <= "2023-02-28")]
    merged_last_year = int(early_2023["org_code"].isin(["PX13", "PX14"]).sum())
    assert now.loc["PX13", "admitted_last_year"] == merged_last_year
    assert metrics.metrics(tables, "2023", by="organisation").loc["HC10", "name"] == (
        "Chi bộ Phòng Văn hóa, Thể thao và Du lịch"
    )
    assert metrics.metrics(tables, "2022", by="organisation").loc["HC10", "name"] == "Chi bộ Phòng Văn hóa và Thông tin"
