"""The report build: make rules, atomic publishing, failure handling, the index and the browser lookup."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import nbformat
import pytest

from ketnap.build import batch, runner
from ketnap.build.__main__ import main
from ketnap.build.catalog import REPORTS, Job
from ketnap.build.index import write_index
from ketnap.config import Paths

ROOT = Path(__file__).resolve().parents[1]
CITY = next(spec for spec in REPORTS if spec.id == "city-overview")


@pytest.fixture
def home(tmp_path: Path) -> Paths:
    """A scratch project: the real processed data and notebooks, its own reports folder."""
    shutil.copytree(ROOT / "data" / "processed", tmp_path / "data" / "processed")
    shutil.copytree(ROOT / "notebooks", tmp_path / "notebooks")
    return Paths(tmp_path)


def test_default_periods_are_latest_month_last_complete_quarter_and_last_full_year() -> None:
    assert batch.default_periods(datetime(2024, 2, 29)) == ["2024-02", "2023-Q4", "2023"]
    assert batch.default_periods(datetime(2024, 3, 31)) == ["2024-03", "2024-Q1", "2023"]
    assert batch.default_periods(datetime(2024, 12, 31)) == ["2024-12", "2024-Q4", "2023"]


def test_makefile_has_one_rule_per_report_and_the_index(home: Paths) -> None:
    rules = batch.makefile(["2024-02", "2023"], home)
    assert "reports/2024-02/city-overview.html: notebooks/city-overview.ipynb" in rules
    assert "\t@echo 'city-overview 2023 -' >> $(BUILD_QUEUE)" in rules
    assert "\t@echo 'sector 2023 high-schools' >> $(BUILD_QUEUE)" in rules
    assert rules.count("reports/index.html:") == 1
    assert "then $(PY) -m ketnap.build batch --queue $(BUILD_QUEUE);" in rules


def test_a_malformed_period_is_a_one_line_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["makefile", "--period", "2024-13"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "2024-13" in err and len(err.splitlines()) == 1


def test_unknown_report_lists_the_valid_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "nonsense", "--period", "2023"]) == 2
    assert "city-overview" in capsys.readouterr().err


def test_missing_browser_says_how_to_install_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KETNAP_BROWSER", raising=False)
    monkeypatch.setattr(runner.shutil, "which", lambda name: None)
    with pytest.raises(runner.BuildError, match="apt-get install chromium"):
        runner.find_browser()


@pytest.mark.slow
def test_a_failing_notebook_keeps_the_previous_report(home: Paths, capsys: pytest.CaptureFixture[str]) -> None:
    out = home.reports / "2023"
    out.mkdir(parents=True)
    (out / "city-overview.html").write_text("previous good report", encoding="utf-8")
    notebook = nbformat.read(home.notebooks / CITY.notebook, as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("raise RuntimeError('deliberate failure')"))
    nbformat.write(notebook, home.notebooks / CITY.notebook)

    with runner.Runner(home, pdf=False) as run:
        outcome = run.run(Job(CITY, "2023"))
    write_index(home)

    assert not outcome.ok and outcome.error == "RuntimeError: deliberate failure"

    assert (out / "city-overview.html").read_text(encoding="utf-8") == "previous good report"
    assert (out / "executed" / "city-overview.ipynb").exists(), "the failed run record is kept"
    index = (home.reports / "index.html").read_text(encoding="utf-8")
    assert 'class="failed"' in index and "deliberate failure" in index
    assert not list(out.glob(".*.tmp")), "no temporary file left behind"
