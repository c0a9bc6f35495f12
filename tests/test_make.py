"""make follows the wings: what reruns ingestion, what rebuilds a report, and what rebuilds nothing.

A scratch copy of the project gets reports that are up to date (their files made newer than
everything they depend on), then one file at a time is touched and ``make -n reports`` says what
would run: ingestion (``-m ketnap.ingest``) and queued reports (``>> .make/queue``). One real run
checks that a queued report is built.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow  # runs make, and builds two reports


def make(home: Path, *args: str) -> str:
    env = {**os.environ, "KETNAP_HOME": str(home), "KETNAP_WORKERS": "1"}
    done = subprocess.run(["make", *args], cwd=home, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, f"make {' '.join(args)}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout


#: When the copy's sources were last changed; then the data, then the reports. A touched file gets
#: the time now. (A time in the future would make make remake its included rules again and again.)
SOURCES, DATA, REPORTS = -3000, -2000, -1000


def touch(path: Path, when: float = 0) -> None:
    stamp = time.time() + when
    os.utime(path, (stamp, stamp))


def queued(dry_run: str) -> list[str]:
    return sorted(re.findall(r"echo '([^']+)' >> \.make/queue", dry_run))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy whose processed data and reports are all up to date."""
    home = tmp_path_factory.mktemp("make") / "home"
    home.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, home / name)
    for name in ("notebooks", "lib", "data/processed", "data/interim", "data/sample"):
        shutil.copytree(
            ROOT / name, home / name, copy_function=shutil.copy2, ignore=shutil.ignore_patterns("__pycache__")
        )
    (home / ".make").mkdir()
    (home / ".make" / "return-deadline-default").touch()  # the deadline the data were ingested with
    for file in home.rglob("*"):
        if file.is_file():
            touch(file, DATA if "processed" in file.parts else SOURCES)
    # The real environment, seen as up to date: an older pyproject.toml than its install stamp, so
    # make never reinstalls the package from this copy (into the real .venv).
    (home / ".venv").symlink_to(Path(sys.executable).parents[1])
    os.utime(home / "pyproject.toml", (0, 0))
    fragment = make(home, "-n", "reports")  # writes the generated rules (.make/reports-default.mk)
    assert "-m ketnap.ingest" not in fragment
    rules = (home / ".make" / "reports-default.mk").read_text(encoding="utf-8")
    for report in re.findall(r"^(reports/\S+\.html):", rules, re.MULTILINE):
        (home / report).parent.mkdir(parents=True, exist_ok=True)
        (home / report).write_text("stand-in", encoding="utf-8")
        touch(home / report, REPORTS)
    return home


def test_nothing_changed_nothing_runs(home: Path) -> None:
    dry_run = make(home, "-n", "reports")
    assert queued(dry_run) == [] and "-m ketnap.ingest" not in dry_run


@pytest.mark.parametrize(
    "changed", ["lib/ketnap/synth/city.py", "lib/ketnap/synth/__main__.py", "data/sample/README.md"]
)
def test_synthetic_data_code_reaches_reports_only_through_the_data(home: Path, changed: str) -> None:
    touch(home / changed)
    dry_run = make(home, "-n", "reports")
    assert queued(dry_run) == [] and "-m ketnap.ingest" not in dry_run


@pytest.mark.parametrize("changed", ["lib/ketnap/ingest/rows.py", "lib/ketnap/schema.py", "lib/ketnap/text.py"])
def test_ingestion_reruns_when_a_module_it_is_made_of_changes(home: Path, changed: str) -> None:
    """``make -n data``: with ``reports`` make would rebuild its generated rules, and so ingest, for real."""
    touch(home / changed)
    assert "-m ketnap.ingest" in make(home, "-n", "data")
    touch(home / changed, SOURCES)


@pytest.mark.parametrize(
    "unrelated", ["lib/ketnap/charts.py", "lib/ketnap/build/runner.py", "lib/ketnap/synth/people.py"]
)
def test_ingestion_does_not_rerun_for_modules_it_does_not_import(home: Path, unrelated: str) -> None:
    touch(home / unrelated)
    assert "-m ketnap.ingest" not in make(home, "-n", "data")
    touch(home / unrelated, SOURCES)


def test_ingestion_reruns_when_the_deadline_for_returns_changes(home: Path) -> None:
    """Which returns are late or missing depends on KETNAP_RETURN_DEADLINE: a new value, a new ingestion."""
    assert "-m ketnap.ingest" in make(home, "-n", "data", "KETNAP_RETURN_DEADLINE=10")
    assert "-m ketnap.ingest" not in make(home, "-n", "data")


def test_a_received_file_under_any_name_reruns_ingestion(home: Path) -> None:
    received = home / "data/sample/returns/2024/P01--0123456789ab.xls"  # a workbook under a wrong name
    received.write_bytes(b"")
    try:
        assert "-m ketnap.ingest" in make(home, "-n", "data")
    finally:
        received.unlink()


def test_a_notebook_rebuilds_its_reports_only(home: Path) -> None:
    touch(home / "notebooks/training-pipeline.ipynb")
    assert queued(make(home, "-n", "reports")) == [
        "training-pipeline 2023 -",
        "training-pipeline 2023-Q4 -",
        "training-pipeline 2024-02 -",
    ]


def test_queued_reports_are_built(home: Path) -> None:
    """The queue is built even though queueing leaves the stale HTML's time as it was."""
    touch(home / "notebooks/data-quality.ipynb")
    make(home, "reports")
    for period in ("2023", "2024-02"):
        assert "Lần nạp số liệu" in (home / "reports" / period / "data-quality.html").read_text(encoding="utf-8")
    assert not (home / ".make" / "queue").exists()
