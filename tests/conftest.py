"""Shared test fixtures: the chart theme for chart tests, the personal data written in the raw
sample returns (to prove it never leaks), and one build of every report of the default periods
(``built``: shared by the output tests, built once per test run whatever the xdist workers)."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ketnap.config import Paths, paths

SAMPLE = paths().sample
#: The Chromium the browser tests drive (Debian's package), or None.
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
ROOT = Path(__file__).resolve().parents[1]
#: The default periods of the sample, built by ``make reports``.
PERIODS = ("2024-02", "2023-Q4", "2023")


def scratch_home(base: Path) -> Paths:
    """A scratch project (``KETNAP_HOME``) with the notebooks and the processed data of this one."""
    for folder in ("notebooks", "data/processed", "data/interim"):
        shutil.copytree(ROOT / folder, base / folder)
    return Paths(base)


def build_all(home: Paths, cards_each: int | None = None) -> list[Any]:
    """Every report of the default periods, built in one batch as `make reports` does; the jobs.

    With ``cards_each``, only the first ``cards_each`` organisation cards of each period (the
    reproducibility twin: cards are built the way the reports are, 333 of them are not needed twice).
    """
    from ketnap.build.batch import job_line, jobs_for_period

    jobs = [job for period in PERIODS for job in jobs_for_period(period, home)]
    args = [arg for period in PERIODS for arg in ("--period", period)]
    if cards_each is not None:
        per_period = [[j for j in jobs if j.period == period and j.org_code] for period in PERIODS]
        cards = [job for jobs_of in per_period for job in jobs_of[:cards_each]]
        queue = home.home / "cards-queue"
        queue.write_text("".join(job_line(job) + "\n" for job in cards), encoding="utf-8")
        args += ["--no-cards", "--queue", str(queue)]
        jobs = [job for job in jobs if not job.org_code] + cards
    env = {**os.environ, "KETNAP_HOME": str(home.home)}
    done = subprocess.run(
        [sys.executable, "-m", "ketnap.build", "batch", *args], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"the build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return jobs


def shared_build(tmp_path_factory: pytest.TempPathFactory, worker_id: str, name: str, **how: Any) -> Paths:
    """A scratch project built once per test run (:func:`build_all` with ``how``), whichever xdist
    worker asks first; the others wait for it (a lock file beside it) and share it."""
    base = tmp_path_factory.getbasetemp()
    root = (base if worker_id == "master" else base.parent) / name  # the run's folder under xdist
    return _built_once(root, **how)


def _built_once(root: Path, **how: Any) -> Paths:
    done = root / ".built"
    root.parent.mkdir(parents=True, exist_ok=True)
    with open(root.parent / f"{root.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(root, ignore_errors=True)
            build_all(scratch_home(root), **how)
            done.touch()
    return Paths(root)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> tuple[Paths, list[Any]]:
    """One build of every report of the default periods in a scratch project, and its jobs.

    ``KETNAP_TEST_BUILT=<folder>`` builds into that folder once and reuses it on later runs (to iterate
    on the output tests; delete the folder after changing the library or the notebooks).
    """
    from ketnap.build.batch import jobs_for_period

    kept = os.environ.get("KETNAP_TEST_BUILT")
    home = _built_once(Path(kept).resolve()) if kept else shared_build(tmp_path_factory, worker_id, "build-a")
    return home, [job for period in PERIODS for job in jobs_for_period(period, home)]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Chromium for every browser test of the run (per xdist worker)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )  # fmt: skip
        yield launched
        launched.close()


@pytest.fixture
def house_charts() -> Iterator[None]:
    """The house chart theme for a test, and every figure closed after it."""
    import matplotlib.pyplot as plt

    from ketnap import charts

    charts.use_theme()
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def personal_values() -> tuple[set[str], set[str], set[dt.date]]:
    return _personal_values()


def _personal_values() -> tuple[set[str], set[str], set[dt.date]]:
    """Every name, ID number and birth date written in the raw sample returns."""
    import openpyxl  # here, not at the top: ketnap is imported first and keeps openpyxl off lxml (its __init__)

    names, ids, births = set(), set(), set()
    for file in sorted((SAMPLE / "returns").rglob("*.xlsx")):
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            header_at = next((i for i, r in enumerate(rows) if "Họ và tên" in r), None)
            if header_at is None:
                continue
            header = rows[header_at]
            for row in rows[header_at + 1 :]:
                record = dict(zip(header, row, strict=False))
                if record.get("Họ và tên"):
                    names.add(str(record["Họ và tên"]))
                if record.get("Số CCCD"):
                    ids.add(str(record["Số CCCD"]))
                born = record.get("Ngày sinh")
                if isinstance(born, dt.datetime):
                    births.add(born.date())
                elif isinstance(born, str) and born.count("/") == 2:
                    day, month, year = born.split("/")
                    births.add(dt.date(int(year), int(month), int(day)))
        workbook.close()
    return names, ids, births
