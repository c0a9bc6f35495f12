"""`make bench`: the report suite's speed, as ratios measured side by side in one run.

Figures (each a pair of times measured here, their ratio and the goal):

- suite: `make reports` for the default periods from a clean reports/, against the naive pipeline a
  user would write by hand over the same notebooks, parameters and data: for each report in turn
  the `papermill` command, then `jupyter nbconvert --to html --no-input`, then a Chromium print to PDF.
  Goal: at least 3x faster.
- no-op: `make reports` with nothing changed, against the full build. Goal: at least 100x faster and
  under one second.
- per-report overhead: the suite's time per report against the floor, the same number of empty
  notebooks taken through the same build (same workers, same execute/render/print path). Goal: at
  most 2x the floor.
- scale: see bench/scale.py (run from here; its figures are merged in).

Everything runs in scratch copies of the project (KETNAP_HOME), so the checkout's reports/ is not
touched. Results: a table on stdout and bench/results/latest.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
BIN = Path(sys.executable).parent


def scratch_project(base: Path) -> Path:
    """A copy of what `make reports` reads, with the processed data already in place (mtimes kept)."""
    home = base / "home"
    home.mkdir()
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy2(ROOT / name, home / name)
    for name in ("notebooks", "lib", "data/processed", "data/interim", "data/sample"):
        shutil.copytree(ROOT / name, home / name, copy_function=shutil.copy2)
    # Use this interpreter's environment: the Makefile's stamp is the venv's own.
    (home / ".venv").symlink_to(BIN.parent)
    # make must see the environment and the processed data as up to date.
    os.utime(home / "pyproject.toml", (0, 0))
    now = time.time()
    for file in (home / "data" / "processed").iterdir():
        os.utime(file, (now, now))
    return home


def env_for(home: Path) -> dict[str, str]:
    return {**os.environ, "KETNAP_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}


def timed(command: list[str], *, cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds


def jobs(home: Path) -> list:
    from datetime import datetime

    from ketnap.build.batch import default_periods, jobs_for_period
    from ketnap.config import paths
    from ketnap.io import read_manifest

    os.environ["KETNAP_HOME"] = str(home)

    p = paths()
    as_of = datetime.fromisoformat(str(read_manifest(p.processed)["as_of"]))
    return [job for period in default_periods(as_of) for job in jobs_for_period(period, p)]


def naive(home: Path, job_list: list) -> float:
    """The pipeline a user writes by hand: three commands per report, one report after another."""
    from ketnap.build.runner import find_browser

    browser = find_browser()
    out = home / "naive"
    out.mkdir()
    env = env_for(home)
    started = time.perf_counter()
    for job in job_list:
        executed = out / f"{job.period}-{job.stem}.ipynb"
        params = [x for name, value in job.parameters("vi").items() for x in ("-p", name, value)]
        timed([str(BIN / "papermill"), str(home / "notebooks" / job.report.notebook), str(executed), "-k", "ketnap",
               "--cwd", str(home / "notebooks"), "--no-progress-bar", *params], cwd=home, env=env)  # fmt: skip
        timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(executed)], cwd=home, env=env)
        with tempfile.TemporaryDirectory() as profile:
            timed([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                   "--disable-background-networking", "--disable-component-update", f"--user-data-dir={profile}",
                   "--no-pdf-header-footer", f"--print-to-pdf={executed.with_suffix('.pdf')}",
                   executed.with_suffix(".html").as_uri()], cwd=home, env=env)  # fmt: skip
    return time.perf_counter() - started


def floor(home: Path, count: int) -> float:
    """`count` empty notebooks through the same build path as the suite (same workers)."""
    empty = nbformat.v4.new_notebook()
    empty.metadata = {"kernelspec": {"name": "ketnap", "display_name": "Python 3 (ketnap)", "language": "python"}}
    parameters = nbformat.v4.new_code_cell('period: str = "2024-02"  # period\nlang: str = "vi"  # language')
    parameters.metadata["tags"] = ["parameters"]
    empty.cells = [parameters]
    nbformat.write(empty, home / "notebooks" / "empty.ipynb")
    lines = [f"empty 2024-{month:02d} -" for month in range(1, count + 1)] if count <= 12 else []
    lines += [f"empty {year} -" for year in range(2000, 2000 + count - len(lines))]
    queue = home / ".make" / "floor-queue"
    queue.parent.mkdir(exist_ok=True)
    queue.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = (
        "import sys; from ketnap.build import catalog; "
        "catalog.REPORTS = catalog.REPORTS + (catalog.ReportSpec('empty', 'report.city_overview.title'),); "
        "from ketnap.build.__main__ import main; sys.exit(main(['batch', '--queue', sys.argv[1]]))"
    )
    return timed([PY, "-c", code, str(queue)], cwd=home, env=env_for(home))


def figure(name: str, ours: float, baseline: float, goal: str, met: bool, **extra: object) -> dict:
    ratio = baseline / ours if ours else float("inf")
    return {"figure": name, "ours_s": round(ours, 3), "baseline_s": round(baseline, 3), "ratio": round(ratio, 2),
            "goal": goal, "met": bool(met), **extra}  # fmt: skip


def main() -> int:
    RESULTS.mkdir(parents=True, exist_ok=True)
    figures = []
    with tempfile.TemporaryDirectory(prefix="ketnap-bench-") as tmp:
        home = scratch_project(Path(tmp))
        job_list = jobs(home)
        env = env_for(home)
        print(f"{len(job_list)} reports for the default periods; {os.cpu_count()} CPUs", flush=True)

        print("suite: make reports from a clean reports/ ...", flush=True)
        suite = timed(["make", "reports"], cwd=home, env=env)
        print(f"  {suite:.1f} s", flush=True)
        print("no-op: make reports again ...", flush=True)
        noop = min(timed(["make", "reports"], cwd=home, env=env) for _ in range(3))
        print(f"  {noop:.3f} s", flush=True)
        print("naive: papermill, nbconvert and chromium per report, in turn ...", flush=True)
        baseline = naive(home, job_list)
        print(f"  {baseline:.1f} s", flush=True)
        print(f"floor: {len(job_list)} empty notebooks through the same build ...", flush=True)
        empty = floor(home, len(job_list))
        print(f"  {empty:.1f} s", flush=True)

    figures.append(figure("suite", suite, baseline, ">= 3x faster than the naive pipeline", baseline / suite >= 3))
    figures.append(figure("no-op", noop, suite, ">= 100x faster than the full build, < 1 s",
                          suite / noop >= 100 and noop < 1))  # fmt: skip
    per_report, per_floor = suite / len(job_list), empty / len(job_list)
    figures.append({"figure": "per-report overhead", "ours_s": round(per_report, 3), "baseline_s": round(per_floor, 3),
                    "ratio": round(per_report / per_floor, 2), "goal": "<= 2x the floor",
                    "met": per_report / per_floor <= 2})  # fmt: skip

    scale_file = RESULTS / "scale.json"
    if os.environ.get("KETNAP_BENCH_SCALE", "1") != "0" and (ROOT / "bench" / "scale.py").exists():
        print("scale: bench/scale.py ...", flush=True)
        subprocess.run([PY, str(ROOT / "bench" / "scale.py")], check=True)
    if scale_file.exists():
        scale = json.loads(scale_file.read_text(encoding="utf-8"))
        figures += scale.get("figures", [])
        figures += [scale["report_size"]] if "report_size" in scale else []

    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    result = {"cpu_count": os.cpu_count(), "commit": commit, "reports": len(job_list), "figures": figures}
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print()
    print(f"{'figure':<28} {'ours':>10} {'baseline':>10} {'ratio':>8}  {'goal':<44} met")
    for f in figures:
        if "ours_s" in f:
            times = f"{f['ours_s']:>9.3f}s {f['baseline_s']:>9.3f}s {f['ratio']:>8.2f}"
            print(f"{f['figure']:<28} {times}  {f['goal']:<44} {'yes' if f['met'] else 'NO'}")
        else:  # the national-size report sizes
            sizes = ", ".join(f"{name} {mb:.2f} MB" for name, mb in f["html_mb"].items())
            print(f"{f['figure']:<28} {sizes:<40}  {f['goal']:<44} {'yes' if f['met'] else 'NO'}")
    print(f"\nwritten {RESULTS / 'latest.json'} (commit {commit[:10]}, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
