"""Synthetic data: the calibrated city sample (into data/sample) or a national-size processed set.

What lives here: :func:`main`, the command line that ``make sample`` runs:

- ``python -m ketnap.synth [--out DIR] [--seed N] [--scale F]`` writes the city sample
  (:func:`ketnap.synth.city.generate`; default ``data/sample``);
- ``python -m ketnap.synth --national --out DIR [--organisations N] [--years N] [--seed N]`` writes
  the national-size processed tables (:func:`ketnap.synth.national.write_national`), as
  ``bench/scale.py`` does.

What does not: the generators themselves (:mod:`ketnap.synth.city`, :mod:`ketnap.synth.national`).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from ketnap.config import paths
from ketnap.synth.national import NATIONAL_ORGANISATIONS, NATIONAL_YEARS, write_national
from ketnap.synth.population import DEFAULT_SEED

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Parse ``argv`` (default: the command line), write the data asked for and print a one-line summary.

    Returns
    -------
    int
        The exit status (0); bad arguments exit with status 2 through :mod:`argparse`.
    """
    parser = argparse.ArgumentParser(prog="python -m ketnap.synth", description=(__doc__ or "").partition("\n")[0])
    parser.add_argument("--out", type=Path, default=None, help="data root to write (default data/sample)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})")
    parser.add_argument("--scale", type=float, default=1.0, help="size factor; 1 = Thanh Hóa city (default 1)")
    national = parser.add_argument_group("national-size processed tables (benchmarks)")
    national.add_argument(
        "--national", action="store_true", help="write processed Parquet tables + manifest.json to --out (required)"
    )
    national.add_argument(
        "--organisations",
        type=int,
        default=NATIONAL_ORGANISATIONS,
        help=f"grassroots organisations (default {NATIONAL_ORGANISATIONS:,})",
    )
    national.add_argument(
        "--years", type=int, default=NATIONAL_YEARS, help=f"full years of data, ending 2023 (default {NATIONAL_YEARS})"
    )
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.national:
        if args.out is None:
            parser.error("--national needs --out DIR (it never writes into data/)")
        manifest = write_national(args.out, organisations=args.organisations, years=args.years, seed=args.seed)
        size = sum(p.stat().st_size for p in args.out.glob("*.parquet"))
        counts = ", ".join(f"{k} {v:,}" for k, v in manifest["row_counts"].items())
        print(f"wrote {args.out}: {counts}; {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s")
        return 0
    # Imported here: the city sample makes people with Faker (the optional ``synth`` extra), which
    # the national set does not need.
    try:
        from ketnap.synth.city import generate
    except ModuleNotFoundError as error:
        if error.name != "faker":
            raise
        parser.error("the city sample needs Faker: pip install -e '.[synth]' (or '.[dev]', as make env does)")

    sample = generate(args.out, seed=args.seed, scale=args.scale)
    out = args.out or paths().sample
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(
        f"wrote {out}: {len(sample.organisations)} organisations, {len(sample.admissions)} admissions, "
        f"{len(sample.training)} trainees, {len(sample.conversions)} conversions, "
        f"{len(sample.faults)} faulty rows; {size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
