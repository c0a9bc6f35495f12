"""Receiving returns: the register, versions, receipts, and receives run at once or killed half-way.

Every return here is made by hand (openpyxl, through the defect corpus's helpers), never by the
project's own writer. The data root is ``data/raw`` of a temporary home with the corpus's reference.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest
from defects.corpus import ADMISSION_HEADERS, KEY, TODAY, admission, write_reference, write_return

from ketnap import cli
from ketnap.ingest import ingest
from ketnap.ingest.receive import receive
from ketnap.schema import REGISTER_NAME

ORG = "P01"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_reference(tmp_path / "data" / "raw")
    monkeypatch.setenv("KETNAP_HOME", str(tmp_path))
    monkeypatch.setenv("KETNAP_PERSON_KEY", KEY)
    return tmp_path


def raw(home: Path) -> Path:
    return home / "data" / "raw"


def make(path: Path, people: list[dict], sent: datetime | None = None) -> Path:
    """A return of P01 for 2023 with these admissions, dated ``sent`` on its Thông tin sheet."""
    info = [("Tổ chức cơ sở đảng", ORG), ("Năm báo cáo", 2023)] + ([("Ngày gửi", sent)] if sent else [])
    return write_return(path, sheets={"Kết nạp": people}, info=info)


def registered(home: Path) -> list[tuple]:
    with sqlite3.connect(raw(home) / REGISTER_NAME) as db:
        return db.execute("SELECT org_code, year, version, file, received_how FROM versions ORDER BY id").fetchall()


def stored(home: Path) -> list[str]:
    return sorted(p.relative_to(raw(home)).as_posix() for p in (raw(home) / "returns").rglob("*") if p.is_file())


FIRST = [admission("v", 1), admission("v", 2), admission("v", 3)]
# The correction: person 2's date fixed, person 3 removed (admitted by mistake), person 4 added.
SECOND = [admission("v", 1), admission("v", 2, **{"Ngày kết nạp": datetime(2023, 6, 20)}), admission("v", 4, STT=3)]


def test_a_return_is_stored_registered_and_the_same_bytes_again_change_nothing(home: Path, tmp_path: Path) -> None:
    sent = make(tmp_path / "in" / "bao cao P01.xlsx", FIRST, datetime(2024, 1, 3))
    [first] = receive([sent], root=raw(home), received=datetime(2024, 1, 3, 9, 30), today=TODAY)
    assert first.new and first.entry.version == 1 and first.entry.outcome == "accepted"
    sha = first.entry.sha256
    assert first.entry.file == f"returns/2023/P01--{sha[:12]}.xlsx"
    assert (raw(home) / first.entry.file).read_bytes() == sent.read_bytes()
    receipt = first.receipt
    assert (receipt.file_name, receipt.org_code, receipt.year, receipt.version) == ("bao cao P01.xlsx", ORG, 2023, 1)
    assert receipt.changes is None and receipt.previous_version is None
    assert next((s.sheet, s.rows_read, s.accepted, s.quarantined) for s in receipt.sheets) == ("Kết nạp", 3, 3, 0)
    assert (receipt.reports_through, receipt.due, receipt.late) == (12, datetime(2024, 1, 5).date(), False)

    [again] = receive([sent], root=raw(home), received=datetime(2024, 1, 9), today=TODAY)
    assert not again.new and again.entry == first.entry
    assert registered(home) == [(ORG, 2023, 1, first.entry.file, "receive")]
    assert stored(home) == [first.entry.file]


def test_a_corrected_return_replaces_the_first_and_its_receipt_lists_the_changes(home: Path, tmp_path: Path) -> None:
    receive([make(tmp_path / "a.xlsx", FIRST, datetime(2024, 1, 3))], root=raw(home), today=TODAY)
    [second] = receive([make(tmp_path / "b.xlsx", SECOND, datetime(2024, 1, 8))], root=raw(home), today=TODAY)
    assert second.entry.version == 2 and second.entry.supersedes == 1 and second.receipt.previous_version == 1
    changes = {(c.kind, c.row, c.previous_row, c.columns) for c in second.receipt.changes or ()}
    # Rows: header on row 1, so person n of a return sits on row n + 1.
    assert changes == {("corrected", 3, 3, ("Ngày kết nạp",)), ("removed", None, 4, ()), ("added", 4, None, ())}
    assert second.receipt.late is True  # dated and received after 5 January
    result = ingest(raw(home), tmp_path / "processed", tmp_path / "interim", today=TODAY, key=KEY)
    dates = sorted(result.tables["admissions"]["admission_date"].dt.strftime("%d/%m/%Y"))
    assert len(dates) == 3 and "20/06/2023" in dates  # persons 1, 2 (corrected) and 4; 3 is gone
    recon = result.reconciliation.set_index(["file", "sheet"])
    first_file = registered(home)[0][3]
    line = recon.loc[(first_file, "Kết nạp")]
    assert line["superseded"] == 3 and not line["used"] and line["loaded"] == 0
    assert "replaced by version 2" in line["note"]
    assert {i.rule for i in result.warnings if i.file == first_file} == {"superseded-version"}


def test_an_older_version_arriving_after_a_newer_one_does_not_win(home: Path, tmp_path: Path) -> None:
    newer = make(tmp_path / "newer.xlsx", SECOND, datetime(2024, 1, 8))
    older = make(tmp_path / "older.xlsx", FIRST, datetime(2024, 1, 3))
    receive([newer], root=raw(home), received=datetime(2024, 1, 8, 10), today=TODAY)
    [late] = receive([older], root=raw(home), received=datetime(2024, 1, 10, 10), today=TODAY)
    assert late.entry.version == 2 and late.entry.supersedes is None  # registered second, dated first
    result = ingest(raw(home), tmp_path / "processed", tmp_path / "interim", today=TODAY, key=KEY)
    used = result.tables["returns"].set_index("version")
    assert bool(used.loc[1, "used"]) and not bool(used.loc[2, "used"]) and used.loc[2, "superseded_by"] == 1
    assert "20/06/2023" in set(result.tables["admissions"]["admission_date"].dt.strftime("%d/%m/%Y"))
    assert len(result.tables["admissions"]) == 3


def test_a_hand_dropped_file_is_registered_at_ingestion_dated_by_its_return_then_its_file_time(
    home: Path, tmp_path: Path
) -> None:
    make(raw(home) / "returns" / "2023" / "P01.xlsx", FIRST, datetime(2024, 1, 4))
    undated = write_return(raw(home) / "returns" / "2023" / "P02.xlsx", organisation="P02",
                           sheets={"Kết nạp": [admission("w", 1)]})  # fmt: skip
    os.utime(undated, (datetime(2024, 1, 7, 8).timestamp(),) * 2)
    result = ingest(raw(home), tmp_path / "processed", tmp_path / "interim", today=TODAY, key=KEY)
    how = {r.org_code: (r.received_how, r.received_at) for r in result.tables["returns"].itertuples()}
    assert how == {"P01": ("info-sheet", datetime(2024, 1, 4)), "P02": ("file-time", datetime(2024, 1, 7, 8))}
    months = result.tables["return_months"].set_index(["org_code", "month"])["status"]
    assert months[("P01", 12)] == "on_time" and months[("P02", 12)] == "late" and months[("P01", 11)] == "not_expected"
    assert months[("T01", 12)] == "missing"


def _receive_cli(home: Path, *files: Path) -> subprocess.Popen:
    env = {**os.environ, "KETNAP_HOME": str(home), "KETNAP_PERSON_KEY": KEY}
    code = "import sys; from ketnap.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.Popen(
        [sys.executable, "-c", code, "receive", "--no-pdf", *map(str, files)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_receives_at_once_both_land_with_distinct_versions(home: Path, tmp_path: Path) -> None:
    one = make(tmp_path / "one.xlsx", FIRST, datetime(2024, 1, 3))
    two = make(tmp_path / "two.xlsx", SECOND, datetime(2024, 1, 8))
    runs = [_receive_cli(home, one), _receive_cli(home, two), _receive_cli(home, one)]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    rows = registered(home)
    assert sorted(r[2] for r in rows) == [1, 2]  # the same bytes twice are one version
    assert len(stored(home)) == 2
    assert sum("nothing changed" in out for out, _ in outputs) == 1


def test_a_receive_killed_at_any_point_leaves_no_half_and_a_rerun_completes(home: Path, tmp_path: Path) -> None:
    sent = make(tmp_path / "sent.xlsx", FIRST, datetime(2024, 1, 3))
    # Kill at moments spread over the run (start-up, reading, registering, copying), then rerun each time.
    for delay in (0.3, 0.8, 1.2, 1.6, 2.0, 2.5, 3.0):
        run = _receive_cli(home, sent)
        time.sleep(delay)
        run.send_signal(signal.SIGKILL)
        run.wait()
        if (raw(home) / REGISTER_NAME).exists():
            with sqlite3.connect(raw(home) / REGISTER_NAME) as db:
                assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            for _, _, _, file, _ in registered(home):  # an entry always has its whole file
                assert (raw(home) / file).read_bytes() == sent.read_bytes()
        for file in stored(home):  # a stored file is whole, registered or not (hidden .tmp files aside)
            if not Path(file).name.startswith("."):
                assert (raw(home) / file).read_bytes() == sent.read_bytes()
        rerun = _receive_cli(home, sent)
        _, err = rerun.communicate(timeout=120)
        assert rerun.returncode == 0, err
        assert len(registered(home)) == 1
        (raw(home) / REGISTER_NAME).unlink()  # start the next round afresh
        for path in (raw(home) / "returns").rglob("*"):
            if path.is_file():
                path.unlink()


def test_the_command_refuses_the_sample_and_an_organisation_that_is_not_the_returns(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = make(tmp_path / "x.xlsx", FIRST, datetime(2024, 1, 3))
    assert cli.main(["receive", "--no-pdf", "--org", "P02", str(sent)]) == 2
    assert "the return is P01's, not P02's" in capsys.readouterr().err
    (raw(home) / "reference" / "organisations.xlsx").unlink()
    assert cli.main(["receive", "--no-pdf", str(sent)]) == 2
    assert "no reference data" in capsys.readouterr().err
    assert not (raw(home) / "returns").exists()


def test_a_file_that_cannot_be_placed_is_kept_apart_with_a_receipt(home: Path, tmp_path: Path, capsys) -> None:
    junk = tmp_path / "scan.xlsx"
    junk.write_bytes(b"%PDF-1.4 not a workbook")
    assert cli.main(["receive", "--no-pdf", str(junk)]) == 0
    out = capsys.readouterr().out
    assert "unplaced: refused (unreadable)" in out and "receipt:" in out
    [(org, year, version, file, _)] = registered(home)
    assert (org, year, version) == (None, None, None) and file.startswith("refused/")
    receipt = next((home / "data" / "receipts").glob("unplaced-*.html")).read_text(encoding="utf-8")
    assert "scan.xlsx" in receipt


@pytest.mark.slow  # prints the receipts with Chromium
def test_receiving_a_correction_prints_the_receipt_and_changes_the_figures(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["receive", str(make(tmp_path / "a.xlsx", FIRST, datetime(2024, 1, 3)))]) == 0
    capsys.readouterr()
    assert cli.main(["receive", "--received", "08/01/2024 10:15", str(make(tmp_path / "b.xlsx", SECOND))]) == 0
    out = capsys.readouterr().out
    assert "P01 2023: version 2, replaces version 1, late" in out
    pdf = Path(out.split("receipt: ")[1].split()[0])
    assert pdf.suffix == ".pdf" and pdf.exists()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Ngày kết nạp" in text and "Người Thử" not in text  # what changed, and no name
    result = ingest(raw(home), tmp_path / "processed", tmp_path / "interim", today=TODAY, key=KEY)
    assert len(result.tables["admissions"]) == 3
    assert "20/06/2023" in set(result.tables["admissions"]["admission_date"].dt.strftime("%d/%m/%Y"))


def test_receipts_for_files_dropped_in_by_hand_say_what_changed(home: Path, capsys) -> None:
    make(raw(home) / "returns" / "2023" / "P01.xlsx", FIRST, datetime(2024, 1, 3))
    make(raw(home) / "returns" / "2023" / "P01 (sửa).xlsx", SECOND, datetime(2024, 1, 8))
    ingest(raw(home), home / "processed", home / "interim", today=TODAY, key=KEY)  # registers both
    assert cli.main(["receipts", "--no-pdf", "--org", "P01"]) == 0
    assert "2 receipts" in capsys.readouterr().out
    first, second = sorted((home / "data" / "receipts").glob("P01-2023-v*.html"))
    assert "v1" in first.name and "v2" in second.name
    text = second.read_text(encoding="utf-8")
    assert "P01 (sửa).xlsx" in text and "Ngày kết nạp" in text and "Người Thử" not in text


def test_a_csv_return_takes_its_organisation_and_year_from_the_command(home: Path, tmp_path: Path, capsys) -> None:
    people = [admission("csv", 1), admission("csv", 2)]
    lines = [",".join(ADMISSION_HEADERS)] + [
        ",".join(v.strftime("%d/%m/%Y") if isinstance(v, datetime) else str(v) for v in p.values()) for p in people
    ]
    sent = tmp_path / "danh sach ket nap.csv"
    sent.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert cli.main(["receive", "--no-pdf", "--org", "Đảng bộ phường Hàm Rồng", "--year", "2023", str(sent)]) == 0
    assert "P01 2023: version 1" in capsys.readouterr().out
    [(org, year, version, file, _)] = registered(home)
    assert (org, year, version) == ("P01", 2023, 1) and file.startswith("returns/2023/P01--") and file.endswith(".csv")
    result = ingest(raw(home), home / "processed", home / "interim", today=TODAY, key=KEY)
    assert len(result.tables["admissions"]) == 2 and set(result.tables["admissions"]["org_code"]) == {"P01"}
