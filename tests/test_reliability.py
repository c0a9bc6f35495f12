"""Unattended runs: overlapping builds wait or give up clearly, and a build killed at any point leaves
no corrupted report and is finished by the next run."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ketnap.build.__main__ import EXIT_LOCKED
from ketnap.build.batch import jobs_for_period
from ketnap.config import Paths

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("reports")]


@pytest.fixture
def home(tmp_path: Path) -> Paths:
    for folder in ("notebooks", "data/processed", "data/interim"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return Paths(tmp_path)


def _batch(home: Paths, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        # Without the 111 organisation cards: the build's robustness is the same, in a tenth of the time.
        [sys.executable, "-m", "ketnap.build", "batch", "--no-pdf", "--no-cards", *args],
        env={**os.environ, "KETNAP_HOME": str(home.home), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def _complete(html: Path) -> bool:
    return html.read_text(encoding="utf-8").rstrip().endswith("</html>")


def test_a_second_build_waits_then_gives_up_with_a_clear_message(home: Paths) -> None:
    first = _batch(home, "--period", "2023")
    time.sleep(2)  # the first holds the lock while it builds
    second = _batch(home, "--period", "2023", KETNAP_LOCK_WAIT="1")
    _, err = second.communicate(timeout=60)
    assert second.returncode == EXIT_LOCKED
    assert "another build is running" in err and len(err.strip().splitlines()) == 1
    first.communicate(timeout=300)
    assert first.returncode == 0


@pytest.mark.parametrize("after", [1.5, 6.0, 12.0])
def test_a_build_killed_at_any_point_corrupts_nothing_and_the_next_run_finishes(home: Paths, after: float) -> None:
    killed = _batch(home, "--period", "2023")
    time.sleep(after)
    os.killpg(killed.pid, signal.SIGKILL)  # the whole process group, as a killed cron job would lose
    killed.wait(timeout=30)
    for html in home.reports.glob("2023/*.html"):
        assert _complete(html), f"{html.name} was left half-written"

    rerun = _batch(home, "--period", "2023")
    _, err = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, err
    reports = sorted(home.reports.glob("2023/*.html"))
    # Every report of a year (the working groups' included), the cards left out (--no-cards).
    expected = len([job for job in jobs_for_period("2023", home) if not job.report.per_org])
    assert len(reports) == expected and all(_complete(html) for html in reports)
    assert not list(home.reports.rglob(".build-*")) and not list(home.reports.rglob(".*.tmp")), "leftovers"
