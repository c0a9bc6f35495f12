"""The measuring parts of ``make bench`` (bench/run.py): the card sample and the process-tree memory."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "bench" / "run.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_card_sample_every_kth_card_spread_over_the_periods() -> None:
    run = bench_run()
    # 333 cards over three periods (111 each), 7 s a card: 2,331 s > 20 min, so a sample.
    cards = [(period, code) for period in ("2024-02", "2023-Q4", "2023") for code in range(111)]
    sample, step = run.card_sample(cards, 7.0)
    assert step == 11  # 333 // 30
    assert len(sample) == 31  # indices 0, 11, ..., 330
    assert sample[:2] == [("2024-02", 0), ("2024-02", 11)] and sample[-1] == ("2023", 330 - 222)
    assert {period for period, _ in sample} == {"2024-02", "2023-Q4", "2023"}
    # Cheap enough to run them all: no sample.
    assert run.card_sample(cards, 3.0) == (cards, 1)


@pytest.mark.skipif(not Path("/proc/self/smaps_rollup").exists(), reason="needs Linux /proc")
def test_tree_memory_counts_a_grandchild() -> None:
    run = bench_run()
    # A child that starts a grandchild holding 300 MiB: the tree's peak includes the grandchild's memory.
    grandchild = "import time; b = bytearray(300 * 2**20); time.sleep(1.5)"
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {grandchild!r}])"
    memory: list[int] = []
    run.timed([sys.executable, "-c", child], cwd=ROOT, env={}, memory=memory)
    rss, pss = memory
    assert 300 * 2**20 < pss <= rss < 600 * 2**20


def test_timed_fails_loudly() -> None:
    run = bench_run()
    with pytest.raises(SystemExit, match="benchmark command failed"):
        run.timed([sys.executable, "-c", "import sys; sys.exit(3)"], cwd=ROOT, env={})
