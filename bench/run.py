"""`make bench`: the report suite's speed, as ratios measured side by side in one run.

Figures (each a pair of times measured here, their ratio and the goal):

- suite: the reports of the default periods (city, sectors, organisations, returns, ...; the
  organisation cards left out) built from a clean reports/ by the build `make reports` runs
  (`python -m ketnap.build batch --period P ... --no-cards`), against the naive pipeline a user
  would write by hand over the same reports, notebooks, parameters and data: for each report in
  turn the `papermill` command, then `jupyter nbconvert --to html --no-input`, then a Chromium
  print to PDF. The cards are not in either side, so the figure compares like with like and stays
  comparable with the figures before the cards. Goal: at least 3x faster.
- cards: right after the suite, `make reports` in the same scratch project: the reports are up to
  date, so make queues exactly the organisation cards of the default periods, which are built cold
  (no card built before, fresh workers); against the same naive pipeline per card, one card after
  another. When the naive pipeline over every card would take more than 20 minutes (estimated
  from the naive per-report mean just measured), it runs on a deterministic sample: every k-th
  card of the cards listed period by period (default periods in order, codes in order), k chosen
  so that about 30 cards (at least 20) are run; its time per card is scaled to all the cards, and
  the figure records `naive_sampled: "n of N"`. Goal: at least 4x faster.
- peak memory: a separate cold `make reports` (reports and cards) in a fresh scratch project, its
  whole process tree (make, the batch, its workers, their kernels, Chromium) sampled from /proc:
  the sum of every descendant's PSS (a shared page counts 1/n in each of the n processes sharing
  it, so the sum is what the tree occupies) every second, and the sum of their RSS (a shared
  page counts in full in each process: an upper bound) every 0.2 s. It has its own build because
  reading PSS costs CPU the timed builds should not pay. Goal: PSS under 2 GiB.
- no-op: `make reports` with nothing changed (cards included), best of 3, against the full cold
  build (suite + cards). Goal: at least 100x faster and under one second.
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
import threading
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
PY = sys.executable
BIN = Path(sys.executable).parent
NAIVE_LIMIT_S = 20 * 60  # above this (estimated), the naive pipeline runs on a sample of the cards
CARD_SAMPLE = 30  # about this many cards in the sample (never fewer than 20)
MEMORY_GOAL_GIB = 2.0
PAGE = os.sysconf("SC_PAGE_SIZE")


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
    # make must see the environment and the processed data as up to date (the return deadline's stamp
    # included: without it, make would ingest again before building).
    os.utime(home / "pyproject.toml", (0, 0))
    stamp = home / ".make" / f"return-deadline-{os.environ.get('KETNAP_RETURN_DEADLINE') or 'default'}"
    stamp.parent.mkdir()
    stamp.touch()
    os.utime(stamp, (0, 0))
    now = time.time()
    for file in (home / "data" / "processed").iterdir():
        os.utime(file, (now, now))
    return home


def env_for(home: Path) -> dict[str, str]:
    return {**os.environ, "KETNAP_HOME": str(home), "PYTHONDONTWRITEBYTECODE": "1"}


class TreeMemory(threading.Thread):
    """The peak memory of a process and all its descendants, sampled from /proc every ``interval`` seconds.

    ``kind="rss"``: the sum of each process's RSS (``statm``); a page shared by n processes (a library,
    Chromium's code and shared memory) counts n times, so this over-counts. ``kind="pss"``: the sum of
    each process's PSS (``smaps_rollup``), where a shared page counts 1/n in each of its n processes,
    so the sum is what the tree occupies. Reading PSS walks the page tables (0.2-0.4 s for the ~25
    processes of a build here), so it is sampled less often.
    """

    def __init__(self, root: int, kind: str = "rss", interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.root, self.kind, self.interval, self.peak, self.samples = root, kind, interval, 0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while True:
            self.peak = max(self.peak, sum(self.size(pid) for pid in self.tree()))
            self.samples += 1
            if self.done.wait(self.interval):
                return

    def tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                stat = Path(f"/proc/{entry.name}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
        found, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += children.get(pid, [])
        return found

    def size(self, pid: int) -> int:
        try:
            if self.kind == "rss":
                return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
            lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            return next(int(line.split()[1]) * 1024 for line in lines if line.startswith("Pss:"))
        except (OSError, IndexError, ValueError, StopIteration):
            return 0  # the process ended meanwhile

    def stop(self) -> int:
        self.done.set()
        self.join()
        return self.peak


def timed(
    command: list[str],
    *,
    cwd: Path,
    env: dict[str, str],
    memory: list[int] | None = None,
    output: list[str] | None = None,
) -> float:
    """Run ``command`` and return its wall time.

    ``memory``, if given, receives the peak summed RSS and PSS of its process tree (:class:`TreeMemory`);
    ``output`` its stdout.
    """
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samplers = [TreeMemory(process.pid, "rss", 0.2), TreeMemory(process.pid, "pss", 1.0)] if memory is not None else []
    for sampler in samplers:
        sampler.start()
    stdout, stderr = process.communicate()
    seconds = time.perf_counter() - started
    if memory is not None:
        memory += [sampler.stop() for sampler in samplers]
    if output is not None:
        output.append(stdout)
    if process.returncode != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}\n{stdout[-2000:]}\n{stderr[-2000:]}")
    return seconds


def jobs(home: Path) -> tuple[list[str], list]:
    """The default periods and every job of them (reports and cards), in period order."""
    from datetime import datetime

    from ketnap.build.batch import default_periods, jobs_for_period
    from ketnap.config import paths
    from ketnap.io import read_manifest

    os.environ["KETNAP_HOME"] = str(home)

    p = paths()
    as_of = datetime.fromisoformat(str(read_manifest(p.processed)["as_of"]))
    periods = default_periods(as_of)
    return periods, [job for period in periods for job in jobs_for_period(period, p)]


def naive(home: Path, job_list: list) -> float:
    """The pipeline a user writes by hand: three commands per report, one report after another."""
    from ketnap.build.runner import find_browser

    browser = find_browser()
    out = home / "naive"
    out.mkdir(exist_ok=True)
    env = env_for(home)
    started = time.perf_counter()
    for job in job_list:
        executed = out / f"{job.period}-{job.stem.replace('/', '-')}.ipynb"
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


def card_sample(cards: list, per_job_s: float) -> tuple[list, int]:
    """Every card, or every k-th card when the naive pipeline over all would exceed NAIVE_LIMIT_S.

    ``cards`` are listed period by period, so every k-th one spreads the sample over the periods;
    k = floor(N / CARD_SAMPLE) gives between CARD_SAMPLE and 2 * CARD_SAMPLE cards (at least 20).
    Returns the sample and k (1: every card).
    """
    if len(cards) * per_job_s <= NAIVE_LIMIT_S:
        return cards, 1
    step = max(1, len(cards) // CARD_SAMPLE)
    return cards[::step], step


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
        periods, job_list = jobs(home)
        reports = [job for job in job_list if not job.report.per_org]
        cards = [job for job in job_list if job.report.per_org]
        env = env_for(home)
        print(f"{len(reports)} reports and {len(cards)} cards for {', '.join(periods)}; {os.cpu_count()} CPUs",
              flush=True)  # fmt: skip

        print("suite: the reports without the cards, from a clean reports/ ...", flush=True)
        batch = [PY, "-m", "ketnap.build", "batch", "--no-cards", *(x for p in periods for x in ("--period", p))]
        suite = timed(batch, cwd=home, env=env)
        print(f"  {suite:.1f} s", flush=True)
        print("cards: make reports, which now builds only the cards, cold ...", flush=True)
        output: list[str] = []
        cards_s = timed(["make", "reports"], cwd=home, env=env, output=output)
        print(f"  {cards_s:.1f} s", flush=True)
        if f"building {len(cards)} report(s)" not in output[0]:
            raise SystemExit(f"make reports after the suite did not build exactly the {len(cards)} cards:\n{output[0]}")
        built = [job for job in cards if (home / "reports" / job.period / f"{job.stem}.pdf").exists()]
        if len(built) != len(cards):
            raise SystemExit(f"only {len(built)} of {len(cards)} cards have a PDF")
        print("no-op: make reports again (cards included) ...", flush=True)
        noop = min(timed(["make", "reports"], cwd=home, env=env) for _ in range(3))
        print(f"  {noop:.3f} s", flush=True)
        print(f"naive: papermill, nbconvert and chromium per report, in turn ({len(reports)} reports) ...", flush=True)
        baseline = naive(home, reports)
        print(f"  {baseline:.1f} s", flush=True)
        sample, step = card_sample(cards, baseline / len(reports))
        print(f"naive: the same per card, in turn ({len(sample)} of {len(cards)} cards) ...", flush=True)
        naive_cards = naive(home, sample)
        naive_cards_all = naive_cards / len(sample) * len(cards)
        print(f"  {naive_cards:.1f} s, {naive_cards_all:.1f} s for all {len(cards)}", flush=True)
        print(f"floor: {len(reports)} empty notebooks through the same build ...", flush=True)
        empty = floor(home, len(reports))
        print(f"  {empty:.1f} s", flush=True)
    with tempfile.TemporaryDirectory(prefix="ketnap-bench-") as tmp:
        home = scratch_project(Path(tmp))
        print(
            "memory: make reports from a clean reports/ (reports and cards), its process tree sampled ...", flush=True
        )
        memory: list[int] = []
        sampled = timed(["make", "reports"], cwd=home, env=env_for(home), memory=memory)
        rss, pss = memory
        print(f"  {sampled:.1f} s, peak {pss / 2**30:.2f} GiB (PSS), {rss / 2**30:.2f} GiB (RSS)", flush=True)

    figures.append(figure("suite", suite, baseline, ">= 3x faster than the naive pipeline", baseline / suite >= 3,
                          jobs=len(reports)))  # fmt: skip
    figures.append(figure("cards", cards_s, naive_cards_all, ">= 4x faster than the naive pipeline",
                          naive_cards_all / cards_s >= 4, jobs=len(cards),
                          naive_sampled=f"{len(sample)} of {len(cards)}",
                          naive_sample_rule=f"every {step}th card, periods in order" if step > 1 else "every card",
                          naive_sample_s=round(naive_cards, 3)))  # fmt: skip
    figures.append({"figure": "peak memory", "peak_gib": round(pss / 2**30, 3), "rss_sum_gib": round(rss / 2**30, 3),
                    "build_s": round(sampled, 1), "jobs": len(job_list),
                    "goal": f"< {MEMORY_GOAL_GIB:g} GiB (summed PSS of the cold build's process tree)",
                    "met": pss / 2**30 < MEMORY_GOAL_GIB})  # fmt: skip
    full = suite + cards_s
    figures.append(figure("no-op", noop, full, ">= 100x faster than the full build, < 1 s",
                          full / noop >= 100 and noop < 1))  # fmt: skip
    per_report, per_floor = suite / len(reports), empty / len(reports)
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
    result = {"cpu_count": os.cpu_count(), "commit": commit, "periods": periods, "reports": len(reports),
              "cards": len(cards), "figures": figures}  # fmt: skip
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print()
    print(f"{'figure':<28} {'ours':>10} {'baseline':>10} {'ratio':>8}  {'goal':<44} met")
    for f in figures:
        if "ours_s" in f:
            times = f"{f['ours_s']:>9.3f}s {f['baseline_s']:>9.3f}s {f['ratio']:>8.2f}"
            print(f"{f['figure']:<28} {times}  {f['goal']:<44} {'yes' if f['met'] else 'NO'}")
        elif "peak_gib" in f:
            sizes = f"PSS {f['peak_gib']:.3f} GiB (RSS summed {f['rss_sum_gib']:.3f} GiB)"
            print(f"{f['figure']:<28} {sizes:<40}  {f['goal']:<44} {'yes' if f['met'] else 'NO'}")
        else:  # the national-size report sizes
            sizes = ", ".join(f"{name} {mb:.2f} MB" for name, mb in f["html_mb"].items())
            print(f"{f['figure']:<28} {sizes:<40}  {f['goal']:<44} {'yes' if f['met'] else 'NO'}")
    print(f"\nwritten {RESULTS / 'latest.json'} (commit {commit[:10]}, {os.cpu_count()} CPUs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
