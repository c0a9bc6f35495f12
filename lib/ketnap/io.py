"""Disk access: the one place that reads and writes ``data/processed``, and the one atomic write.

The processed tables' columns are the data contract's (:data:`ketnap.schema.TABLES`, documented
in ``docs/data-dictionary.md``); :func:`load` is the only reader of the Parquet files and
:func:`write_table` the only writer. Every file the package publishes (tables, manifests, interim
CSVs, reports, logs) is written through :func:`atomic_file`: a temporary file beside the target,
then a rename, so a reader never sees half a file. Everything else works on in-memory frames.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ketnap.config import paths
from ketnap.schema import DTYPES, PERSON_CODE, PERSON_TABLES, TABLES

__all__ = [
    "FORMULA_PREFIXES",
    "Tables",
    "atomic_file",
    "empty_table",
    "file_mode",
    "load",
    "person_codes",
    "read_csv_text",
    "read_manifest",
    "read_table",
    "spreadsheet_safe",
    "write_csv",
    "write_json_atomic",
    "write_table",
    "write_text_atomic",
]


def person_codes(frames: Mapping[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The :data:`PERSON_TABLES` of ``frames`` with ``person_code`` set from ``person_key``.

    ``person_code`` is a person's number within one set of processed tables: the rank (0, 1, ...)
    of their ``person_key`` among the distinct keys of all three tables, so the same person has the
    same code in each, and the same keys always get the same codes. A missing key gets -1. It
    exists for speed: joining people on an ``int32`` costs a fraction of hashing the key strings
    again in every report (see ``docs/benchmarks.md``). Other tables are returned unchanged.
    """
    keys = pd.concat([frames[name]["person_key"] for name in PERSON_TABLES], ignore_index=True)
    codes, _ = pd.factorize(keys, sort=True)  # NaN gets -1
    out = dict(frames)
    start = 0
    for name in PERSON_TABLES:
        frame = frames[name].drop(columns=PERSON_CODE, errors="ignore")
        codes_here = codes[start : start + len(frame)].astype("int32")
        frame.insert(frame.columns.get_loc("person_key") + 1, PERSON_CODE, codes_here)
        out[name] = frame
        start += len(frame)
    return out


def file_mode() -> int:
    """The permissions a new file gets under the current umask (``mkstemp`` would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def empty_table(name: str) -> pd.DataFrame:
    """A processed table with no rows: its columns and dtypes (:data:`ketnap.schema.DTYPES`).

    >>> empty_table("return_months").dtypes["month"]
    dtype('int64')
    """
    return pd.DataFrame({column: pd.Series(dtype=dtype) for column, dtype in DTYPES[name].items()})


@dataclass(frozen=True)
class Tables:
    """All processed tables, as loaded by :func:`load`. Dates are ``datetime64[ns]`` columns.

    Built by hand, the person tables may leave out ``person_code``: it is then numbered here
    (:func:`person_codes`), so that everything downstream can rely on it.
    """

    sectors: pd.DataFrame
    organisations: pd.DataFrame
    targets: pd.DataFrame
    monthly_plans: pd.DataFrame
    admissions: pd.DataFrame
    training: pd.DataFrame
    conversions: pd.DataFrame
    manifest: dict[str, Any]
    # The returns register as used, and each organisation-month's status. Tables built by hand
    # (tests, small examples) may leave them out: nothing is then known about returns, and the
    # metrics state no completeness (see :mod:`ketnap.completeness`).
    returns: pd.DataFrame = field(default_factory=lambda: empty_table("returns"))
    return_months: pd.DataFrame = field(default_factory=lambda: empty_table("return_months"))
    # The working groups (reference/groups.csv, optional). Organisations built by hand may also
    # leave out their ``group`` column: they are then in no group.
    groups: pd.DataFrame = field(default_factory=lambda: empty_table("groups"))
    # The organisations' history (sheet Lịch sử, optional; :mod:`ketnap.lineage`): none when left out.
    organisation_events: pd.DataFrame = field(default_factory=lambda: empty_table("organisation_events"))

    def __post_init__(self) -> None:
        if "group" not in self.organisations.columns:
            orgs = self.organisations.copy()
            orgs["group"] = pd.Series(pd.NA, index=orgs.index, dtype="string")
            object.__setattr__(self, "organisations", orgs)
        # Loaded tables have complete codes and skip this.
        frames = {name: getattr(self, name) for name in PERSON_TABLES}
        if all("person_key" in f for f in frames.values()) and not all(
            PERSON_CODE in f and f[PERSON_CODE].notna().all() for f in frames.values()
        ):
            for name, frame in person_codes(frames).items():
                object.__setattr__(self, name, frame)

    @property
    def as_of(self) -> pd.Timestamp:
        """The data-as-of date: the latest date in any return."""
        return pd.Timestamp(self.manifest["as_of"])


def write_table(frame: pd.DataFrame, name: str, folder: Path | None = None) -> Path:
    """Write one processed table as Parquet, with exactly the columns of :data:`ketnap.schema.TABLES`."""
    missing = [c for c in TABLES[name] if c not in frame.columns]
    if missing:
        raise ValueError(f"table {name!r} lacks columns {missing}")
    target = (folder or paths().processed) / f"{name}.parquet"
    with atomic_file(target) as tmp:
        frame[TABLES[name]].to_parquet(tmp, index=False)
    return target


@contextmanager
def atomic_file(target: Path) -> Iterator[Path]:
    """A temporary file beside ``target`` that replaces it when the ``with`` block ends without an error.

    Write the yielded path by any means (text, a workbook, a PDF printed by a browser). On a clean
    exit it gets the permissions of a new file (:func:`file_mode`) and is renamed onto ``target`` in
    one step, so a reader sees the old file or the new one, never a part; on an error it is removed
    and ``target`` is left as it was. Entered together (``contextlib.ExitStack``), several files are
    published as a set: all are made before the first rename, and the renames run in reverse order of
    entry. The temporary name is ``.<target name>.<random>.tmp``, so a killed run's leftovers match
    ``.*.tmp``.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, file_mode())
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def write_text_atomic(text: str, target: Path) -> Path:
    """Write UTF-8 ``text`` to ``target`` atomically (:func:`atomic_file`)."""
    with atomic_file(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return target


def write_json_atomic(obj: Any, target: Path) -> Path:
    """Write JSON (UTF-8, sorted keys, stable) to ``target`` atomically."""
    return write_text_atomic(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n", target)


#: A text cell starting with one of these is run as a formula by Excel or LibreOffice (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell value that no spreadsheet will evaluate: risky text gets a leading apostrophe.

    >>> spreadsheet_safe("=SUM(A1)"), spreadsheet_safe("-5"), spreadsheet_safe(-5), spreadsheet_safe("Nam")
    ("'=SUM(A1)", "'-5", -5, 'Nam')
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _from_spreadsheet(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES) else text


def write_csv(rows: Iterable[Sequence[Any]], header: Sequence[str], target: Path) -> Path:
    """Write a CSV for people who open it in Excel: UTF-8 with a byte-order mark, every cell formula-safe.

    Written atomically (:func:`atomic_file`); :func:`read_csv_text` reads it back as it was meant.
    """
    with atomic_file(target) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([spreadsheet_safe(h) for h in header])
        writer.writerows([spreadsheet_safe(v) for v in row] for row in rows)
    return target


def read_csv_text(file: Path) -> pd.DataFrame:
    """A CSV written by :func:`write_csv`, every cell as text (none as NaN), formula guards removed."""
    if not file.exists():
        raise FileNotFoundError(f"{file} not found: run `make data` first")
    frame = pd.read_csv(file, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame.columns = [_from_spreadsheet(c) for c in frame.columns]
    return frame.apply(lambda column: column.map(_from_spreadsheet))


def read_manifest(folder: Path | None = None) -> dict[str, Any]:
    """The ingestion manifest (``manifest.json``) of the processed folder."""
    folder = folder or paths().processed
    manifest = folder / "manifest.json"
    if not manifest.exists():
        raise FileNotFoundError(f"{manifest} not found: run `make data` first")
    return json.loads(manifest.read_text(encoding="utf-8"))


#: The last tables loaded, with the signature of the files they came from (see :func:`load`).
_loaded: tuple[tuple[Any, ...], Tables] | None = None


#: Tables a processed folder may lack (written before they existed): loaded empty.
_OPTIONAL_TABLES = frozenset({"organisation_events"})


def _present(folder: Path) -> list[str]:
    return [n for n in TABLES if n not in _OPTIONAL_TABLES or (folder / f"{n}.parquet").exists()]


def _signature(folder: Path) -> tuple[Any, ...]:
    files = [folder / f"{name}.parquet" for name in _present(folder)] + [folder / "manifest.json"]
    for file in files:
        if not file.exists():
            raise FileNotFoundError(f"{file} not found: run `make data` first")
    return (str(folder.resolve()), *((f.stat().st_mtime_ns, f.stat().st_size) for f in files))


def read_table(name: str, folder: Path | None = None) -> pd.DataFrame:
    """One processed table (default folder ``data/processed``), for code that needs only it.

    Raises a ``FileNotFoundError`` that says to run ``make data`` when the table is missing.
    """
    file = (folder or paths().processed) / f"{name}.parquet"
    if not file.exists():
        raise FileNotFoundError(f"{file} not found: run `make data` first")
    return pd.read_parquet(file)


def load(folder: Path | None = None) -> Tables:
    """Load every processed table from ``folder`` (default ``data/processed``).

    The same :class:`Tables` is returned again while the files are unchanged (same modification
    times and sizes): a report kernel that runs several notebooks reads the data once, and the
    metrics computed on it are cached with it. Treat the tables as read-only.
    Raises a ``FileNotFoundError`` that says to run ``make data`` when a table is missing.
    """
    global _loaded
    folder = folder or paths().processed
    signature = _signature(folder)
    if _loaded is not None and _loaded[0] == signature:
        return _loaded[1]
    frames = {name: read_table(name, folder) for name in _present(folder)}
    tables = Tables(**frames, manifest=read_manifest(folder))
    _loaded = (signature, tables)
    return tables
