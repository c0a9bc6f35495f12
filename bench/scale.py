"""Scale: load + every metric of the city overview and organisations reports at national size, against a plain read.

The national-size synthetic set (``ketnap.synth.national.write_national``: 52,000 grassroots
organisations, about 2 million admissions and 3.5 million training certificates over ten years)
is written to a temporary folder. Then, in fresh subprocesses, side by side and for each period
(the latest month, year to date, and the last full year):

- read: every Parquet table read with ``pandas.read_parquet``, as ``ketnap.io.load`` does, and
  nothing else: the floor;
- report: ``ketnap.io.load`` and every number the ``city-overview`` and ``organisations``
  notebooks compute (summary, sentences, monthly series, sector and organisation metrics,
  composition, the behind-pace table, flag counts, the scorecard), without rendering.

Each child first reads every file once and touches, then releases, 2 GiB of memory, untimed (see
:func:`_prime`: on this virtual machine both swamped the difference between the two sides), then
reports its wall time (imports excluded on both sides) and its peak RSS over the timed work
(``VmHWM``, reset after priming). Goals: report time at most 3x the read time, peak RSS at most
4 GiB. Each measurement is the best of ``--repeat`` runs (default 3), alternating read and
report. Results: a table on stdout and ``bench/results/scale.json`` (merged into
``bench/run.py``'s figures).

Usage: ``.venv/bin/python bench/scale.py [--organisations N] [--years N] [--repeat N] [--keep DIR]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PERIODS = ("2024-02", "2023")  # the latest month (year to date) and the last full year of the national set
RATIO_GOAL = 3.0
RSS_GOAL_GIB = 4.0
HTML_GOAL_MB = 2.0


PRIME_GIB = 2.0  # above either child's peak RSS (about 1.5 GiB)
_STATUS = Path("/proc/self/status")


def _peak_rss_gib() -> float:
    """Peak RSS since the last :func:`_prime` (Linux: VmHWM), else since the process started."""
    if _STATUS.exists():
        kib = next(int(line.split()[1]) for line in _STATUS.read_text().splitlines() if line.startswith("VmHWM:"))
        return kib / 2**20
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**30


def _prime(folder: Path) -> None:
    """Bring both children to the same start, untimed: the files in the page cache, memory at hand.

    On this virtual machine the kernel evicts idle file pages within seconds, and memory a process
    touches for the first time after it was handed back to the host is slow to fault in: the same
    plain read took 0.7 to 2.3 s from run to run. So each child reads every file once, then
    touches and releases ``PRIME_GIB`` of memory; memory just released faults in fast. The peak
    RSS counter is reset afterwards, so it measures the work alone.
    """
    import numpy as np

    for file in sorted(folder.iterdir()):
        with file.open("rb") as fh:
            while fh.read(1 << 24):
                pass
    block = np.ones(int(PRIME_GIB * 2**30) // 8)
    del block
    clear_refs = Path("/proc/self/clear_refs")
    if clear_refs.exists():
        clear_refs.write_text("5")  # resets VmHWM (Linux >= 4.0)


def child_read(folder: Path) -> dict[str, Any]:
    """Only read every processed table, the way ``ketnap.io.load`` reads them."""
    import pandas as pd

    from ketnap.schema import TABLES

    _prime(folder)
    started = time.perf_counter()
    frames = {name: pd.read_parquet(folder / f"{name}.parquet") for name in TABLES}
    json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    elapsed = time.perf_counter() - started
    return {"seconds": elapsed, "rss_gib": _peak_rss_gib(), "rows": sum(len(f) for f in frames.values())}


def child_report(folder: Path, period: str) -> dict[str, Any]:
    """Load, then every figure of the city overview and the organisations scorecard for ``period``."""
    from ketnap import metrics as m
    from ketnap import narrative
    from ketnap import scorecard as sc
    from ketnap.io import load

    lang = "vi"
    _prime(folder)
    started = time.perf_counter()
    tables = load(folder)
    loaded = time.perf_counter()
    # notebooks/city-overview.ipynb, cell by cell
    city = m.summary(tables, period, lang=lang)
    sentences = [narrative.headline(tables, period, lang=lang), narrative.pace_sentence(tables, period, lang=lang)]
    series = m.monthly_series(tables, period)
    by_sector = m.metrics(tables, period, by="sector", lang=lang)
    sentences += narrative.sector_sentences(tables, period, lang=lang)
    sentences.append(narrative.training_sentence(tables, period, lang=lang))
    mix = m.composition_long(m.composition(tables, period, by="city", lang=lang))
    organisations = m.metrics(tables, period, by="organisation", lang=lang)
    behind = m.behind_pace(organisations, kind="quicksort").head(15)
    sentences.append(narrative.behind_pace_sentence(tables, period, lang=lang, limit=5))
    overview = time.perf_counter()
    # notebooks/organisations.ipynb
    organisations = m.metrics(tables, period, by="organisation", lang=lang)
    counts = sc.flag_counts(organisations)
    sentences.append(sc.summary_sentence(organisations, period, lang=lang))
    sentences.append(sc.pace_note(period, key="report.organisations.highlight", lang=lang))
    card = sc.scorecard(organisations, tables.sectors, period, lang=lang)
    finished = time.perf_counter()
    return {
        "seconds": finished - started,
        "load_s": loaded - started,
        "city_overview_s": overview - loaded,
        "organisations_s": finished - overview,
        "rss_gib": _peak_rss_gib(),
        "check": {
            "admitted": city["admitted"],
            "target": city["target"],
            "series_rows": len(series),
            "sectors": len(by_sector),
            "composition_rows": len(mix),
            "organisations": counts["organisations"],
            "behind_rows": len(behind),
            "scorecard_rows": len(card),
            "sentences": sum(len(s) for s in sentences),
        },
    }


def _run_child(*args: str) -> dict[str, Any]:
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--child", *args],
        check=True,
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    best = min(runs, key=lambda r: r["seconds"])
    return {**best, "rss_gib": max(r["rss_gib"] for r in runs)}


def measure(folder: Path, repeat: int) -> list[dict[str, Any]]:
    figures = []
    for period in PERIODS:
        reads, reports = [], []
        for _ in range(repeat):
            # Alternated, so both sides see the same page cache and machine load.
            reads.append(_run_child("read", str(folder)))
            reports.append(_run_child("report", str(folder), period))
        read, report = _best(reads), _best(reports)
        ratio = report["seconds"] / read["seconds"]
        rss = report["rss_gib"]
        figures.append(
            {
                "figure": f"scale {period}",
                "ours_s": round(report["seconds"], 3),
                "baseline_s": round(read["seconds"], 3),
                "ratio": round(ratio, 2),
                "goal": f"<= {RATIO_GOAL:g}x the read time, RSS <= {RSS_GOAL_GIB:g} GiB",
                "met": bool(ratio <= RATIO_GOAL and rss <= RSS_GOAL_GIB),
                "period": period,
                "read_s": round(read["seconds"], 3),
                "report_s": round(report["seconds"], 3),
                "load_s": round(report["load_s"], 3),
                "city_overview_s": round(report["city_overview_s"], 3),
                "organisations_s": round(report["organisations_s"], 3),
                "ratio_goal": RATIO_GOAL,
                "ratio_met": bool(ratio <= RATIO_GOAL),
                "rss_gib": round(rss, 3),
                "read_rss_gib": round(read["rss_gib"], 3),
                "rss_goal_gib": RSS_GOAL_GIB,
                "rss_met": bool(rss <= RSS_GOAL_GIB),
                "check": report["check"],
            }
        )
    return figures


def html_sizes(folder: Path) -> dict[str, Any]:
    """Render the city overview, the scorecard and the largest sector's report on the national set.

    The reports must stay aggregate-sized: tables show at most ``present.MAX_TABLE_ROWS`` rows (the
    Excel file has them all) and row-per-organisation charts at most ``charts.MAX_CHART_ROWS``.
    """
    import pandas as pd

    with tempfile.TemporaryDirectory(prefix="ketnap-scale-home-") as tmp:
        home = Path(tmp)
        shutil.copytree(ROOT / "notebooks", home / "notebooks")
        (home / "data").mkdir()
        (home / "data" / "processed").symlink_to(folder)
        sectors = pd.read_parquet(folder / "organisations.parquet", columns=["sector"])["sector"]
        largest = str(sectors.value_counts().idxmax())
        queue = home / "queue"
        queue.write_text(
            f"city-overview 2024-02 -\norganisations 2024-02 -\nsector 2024-02 {largest}\n", encoding="utf-8"
        )
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "ketnap.build", "batch", "--no-pdf", "--queue", str(queue)],
            env={**os.environ, "KETNAP_HOME": str(home)}, capture_output=True, text=True, check=False,
        )  # fmt: skip
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"national reports failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
        sizes = {
            f.stem: round(f.stat().st_size / 1e6, 3) for f in sorted((home / "reports" / "2024-02").glob("*.html"))
        }
    largest_mb = max(sizes.values())
    return {
        "figure": "scale report size",
        "goal": f"every HTML < {HTML_GOAL_MB:g} MB",
        "met": bool(largest_mb < HTML_GOAL_MB),
        "html_mb": sizes,
        "largest_sector": largest,
        "build_s": round(seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--organisations", type=int, default=None, help="grassroots organisations (default 52,000)")
    parser.add_argument("--years", type=int, default=None, help="full years of data (default 10)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each child; the best time counts (default 3)")
    parser.add_argument("--keep", type=Path, default=None, help="write (or reuse) the national set here")
    args = parser.parse_args(argv)

    if args.child:
        kind, folder, *rest = args.child
        result = child_read(Path(folder)) if kind == "read" else child_report(Path(folder), *rest)
        print(json.dumps(result, default=str))
        return 0

    options = [f"--{k}={v}" for k, v in (("organisations", args.organisations), ("years", args.years)) if v]
    with tempfile.TemporaryDirectory(prefix="ketnap-scale-") as tmp:
        folder = args.keep or Path(tmp)
        started = time.perf_counter()
        if (folder / "manifest.json").exists():
            print(f"reusing {folder}", flush=True)
        else:
            print("writing the national-size set ...", flush=True)
            # In a subprocess: a child's ru_maxrss starts from its parent's at fork, so the parent
            # must stay small for the children's peaks to be their own.
            command = [sys.executable, "-m", "ketnap.synth", "--national", "--out", str(folder), *options]
            subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
        generated = time.perf_counter() - started
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        size = sum(p.stat().st_size for p in folder.glob("*.parquet"))
        counts = ", ".join(f"{k} {v:,}" for k, v in manifest["row_counts"].items())
        print(f"  {counts}; {size / 1e6:.0f} MB Parquet; {generated:.1f} s", flush=True)
        figures = measure(folder, args.repeat)
        print("rendering national-size reports (city overview, scorecard, largest sector) ...", flush=True)
        sizes = html_sizes(folder)

    RESULTS.mkdir(parents=True, exist_ok=True)
    result = {
        "cpu_count": os.cpu_count(),
        "row_counts": manifest["row_counts"],
        "parquet_mb": round(size / 1e6, 1),
        "generate_s": round(generated, 1),
        "figures": figures,
        "report_size": sizes,
    }
    (RESULTS / "scale.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(f"{'figure':<16} {'read':>8} {'report':>8} {'ratio':>6} {'RSS GiB':>8}  {'goal':<38} met")
    for f in figures:
        print(
            f"{f['figure']:<16} {f['read_s']:>7.2f}s {f['report_s']:>7.2f}s {f['ratio']:>6.2f} {f['rss_gib']:>8.2f}  "
            f"{f['goal']:<38} {'yes' if f['met'] else 'NO'}"
        )
        print(
            f"{'':<16} load {f['load_s']:.2f}s, city overview {f['city_overview_s']:.2f}s, "
            f"organisations {f['organisations_s']:.2f}s; read RSS {f['read_rss_gib']:.2f} GiB"
        )
    print(f"report HTML at national size (MB): {sizes['html_mb']} in {sizes['build_s']} s; goal {sizes['goal']}: "
          f"{'yes' if sizes['met'] else 'NO'}")  # fmt: skip
    print(f"\nwritten {RESULTS / 'scale.json'} ({os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
