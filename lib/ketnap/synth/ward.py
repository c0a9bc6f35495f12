"""The example ward: a small synthetic Party Committee of a ward, shipped in ``data/examples/phuong-van-an``.

A second reporting body beside the city, to show that the body is configuration: the Party
Committee of a (fictional) ward, "Đảng bộ phường Vạn An" of "tỉnh Hòa Giang", of the kind formed
when communes and wards were merged in 2025. Its reporting units are 19 chi bộ in four sectors of
its own (khu dân cư, trường học, cơ quan, doanh nghiệp), in three working groups; one of them,
``KP08``, merged into ``KP07`` on 01/07/2023 (written in the ``Lịch sử`` sheet of
``reference/organisations.xlsx``, with ``KP08``'s ``Ngày giải thể`` the day before). Everything is
made up; the years are the city sample's (01/2022 to 29/02/2024).

The people, admissions, training classes, returns and their faults are made by the city's
generator (:func:`ketnap.synth.city.build`, with :mod:`ketnap.synth.people` and
:mod:`ketnap.synth.population`) run on this ward's organisations and totals, so the returns have
the same format and the same kinds of mistakes. The generator knows its four sectors by the city's
codes; the ward's own codes, names and working groups are written over them in the reference
files, and ``reference/body.toml`` names the ward. ``make examples`` (``python -m ketnap.synth.ward``)
regenerates the folder, byte for byte the same.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

import numpy as np
import openpyxl

from ketnap import schema
from ketnap.config import paths
from ketnap.synth import city
from ketnap.synth.population import Organisation
from ketnap.workbook import save_deterministic, write_organisations

__all__ = ["CALIBRATION", "EXAMPLE", "MERGE", "SECTORS", "WARD_SEED", "build", "generate", "main"]

#: The example's folder name under ``data/examples/``.
EXAMPLE = "phuong-van-an"
WARD_SEED = 20250701  # the day the merged wards began
#: What the ward admits and trains each year (2024: January and February only).
CALIBRATION = city.Calibration(
    admissions={2022: 46, 2023: 52, 2024: 14},
    admissions_target={2022: 44, 2023: 50, 2024: 55},
    training={2022: 78, 2023: 84, 2024: 20},
    training_plan={2022: 72, 2023: 80, 2024: 82},
    training_orgs={},
)


@dataclass(frozen=True)
class WardSector:
    """One of the ward's sectors, and the city generator's sector it is drawn as."""

    code: str
    order: int
    name_vi: str
    name_en: str
    colour: str
    drawn_as: str


SECTORS: tuple[WardSector, ...] = (
    WardSector("khu-dan-cu", 1, "Khối khu dân cư", "Residential quarters", "#E69F00", "wards-communes"),
    WardSector("truong-hoc", 2, "Khối trường học", "Schools", "#009E73", "high-schools"),
    WardSector("co-quan", 3, "Khối cơ quan", "Public offices", "#0072B2", "admin-units"),
    WardSector("doanh-nghiep", 4, "Khối doanh nghiệp", "Enterprises", "#CC79A7", "enterprises"),
)
_SECTOR_OF = {s.drawn_as: s for s in SECTORS}

#: (code, name, city sector drawn as, subtype, capacity, working group)
_ORGANISATIONS: tuple[tuple[str, str, str, str, float, str], ...] = (
    *((f"KP{i:02d}", f"Chi bộ khu phố {i}", "wards-communes", "ward", 1.9 + 0.1 * (i % 4), "TCT1")
      for i in range(1, 9)),
    ("TH01", "Chi bộ Trường THPT Vạn An", "high-schools", "school", 5.5, "TCT2"),
    ("TH02", "Chi bộ Trường THPT Lê Quý Đôn", "high-schools", "school", 4.2, "TCT2"),
    ("TH03", "Chi bộ Trường THCS Vạn An", "high-schools", "centre", 1.2, "TCT2"),
    ("CQ01", "Chi bộ Cơ quan Đảng ủy - Mặt trận phường", "admin-units", "admin", 1.1, "TCT2"),
    ("CQ02", "Chi bộ Ủy ban nhân dân phường", "admin-units", "admin", 1.4, "TCT2"),
    ("CQ03", "Chi bộ Công an phường", "admin-units", "admin", 1.6, "TCT2"),
    ("CQ04", "Chi bộ Quân sự phường", "admin-units", "admin", 1.0, "TCT2"),
    ("CQ05", "Chi bộ Trạm Y tế phường", "admin-units", "admin", 0.9, "TCT2"),
    ("DN01", "Chi bộ Công ty CP Cấp nước Vạn An", "enterprises", "state", 1.2, "TCT3"),
    ("DN02", "Chi bộ Công ty TNHH May mặc Hòa Phát Vạn An", "enterprises", "private", 1.5, "TCT3"),
    ("DN03", "Chi bộ Công ty CP Xây dựng và Thương mại Bến Đò", "enterprises", "private", 0.9, "TCT3"),
)  # fmt: skip

#: The merge: ``KP08`` joined ``KP07`` on this day (its last day is the one before).
MERGE = ("KP08", "KP07", dt.date(2023, 7, 1))

_GROUPS = (
    ("TCT1", 1, "Tổ công tác số 1", "Working group 1", "Phó Bí thư Thường trực Đảng ủy phường",
     "Standing Deputy Secretary of the Ward Committee"),
    ("TCT2", 2, "Tổ công tác số 2", "Working group 2", "Trưởng Ban Tổ chức Đảng ủy phường",
     "Head of the Ward Committee's Organisation Board"),
    ("TCT3", 3, "Tổ công tác số 3", "Working group 3", "Chủ nhiệm Ủy ban Kiểm tra Đảng ủy phường",
     "Chair of the Ward Committee's Inspection Commission"),
)  # fmt: skip

BODY_TOML = """\
# The reporting body of this example: a ward's Party Committee (fictional; synthetic data).
# Every key is described in docs/data-dictionary.md ("reference/body.toml").

level = "ward"

[vi]
name = "Đảng bộ phường Vạn An"
short = "Đảng bộ phường"
territory = "phường"
committee = "Đảng ủy phường"
parent = "Đảng bộ tỉnh Hòa Giang"
parent_committee = "Tỉnh ủy"
board = "Ban Tổ chức Đảng ủy phường Vạn An"
header = ["Đảng bộ tỉnh Hòa Giang", "Đảng ủy phường Vạn An", "Ban Tổ chức"]
number = "Số …-BC/ĐU"
place = "Vạn An"

[en]
name = "Vạn An Ward Party Committee"
short = "the Ward Party Committee"
territory = "ward"
committee = "Ward Party Committee"
parent = "Hòa Giang Provincial Party Organisation"
parent_committee = "Provincial Party Committee"
board = "Organisation Board, Vạn An Ward Party Committee"
header = ["Hòa Giang Provincial Party Organisation", "Vạn An Ward Party Committee", "Organisation Board"]
number = "No. …-BC/ĐU"
place = "Vạn An"
"""

#: The ``Lịch sử`` sheet's header row (read by ingestion's organisation history).
HISTORY_HEADER = tuple(column.header for column in schema.HISTORY_COLUMNS)


def _organisations(rng: np.random.Generator, scale: float) -> list[Organisation]:
    """The ward's chi bộ, in the city generator's terms (its sector codes); ``scale`` is ignored."""
    merged, _, on = MERGE
    spread = np.clip(rng.lognormal(0.0, 0.25, size=len(_ORGANISATIONS)), 0.7, 1.5)
    return [
        Organisation(
            code=code,
            name=name,
            sector=sector,
            kind="chi-bo-co-so",
            subtype=subtype,
            capacity=float(capacity * factor),
            active_to=on - dt.timedelta(days=1) if code == merged else None,
        )
        for (code, name, sector, subtype, capacity, _), factor in zip(_ORGANISATIONS, spread, strict=True)
    ]


def build(seed: int = WARD_SEED) -> city.Sample:
    """The ward's sample in memory: the city generator run on the ward's chi bộ and totals."""
    with mock.patch.object(city, "draw_organisations", _organisations):
        return city.build(seed=seed, calibration=CALIBRATION)


def _csv(rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def _write_reference(out: Path, sample: city.Sample) -> None:
    """The ward's own sectors, groups, organisations (with the ``Lịch sử`` sheet) and body."""
    reference = out / "reference"
    sectors: list[list[Any]] = [["code", "order", "name_vi", "name_en", "colour"]]
    sectors += [[s.code, s.order, s.name_vi, s.name_en, s.colour] for s in SECTORS]
    (reference / "sectors.csv").write_text(_csv(sectors), encoding="utf-8")
    groups: list[list[Any]] = [[c.header for c in schema.GROUP_COLUMNS], *(list(g) for g in _GROUPS)]
    (reference / schema.GROUPS_FILE).write_text(_csv(groups), encoding="utf-8")
    group_of = {code: group for code, *_, group in _ORGANISATIONS}
    rows = [
        {"org_code": o.code, "name": o.name, "sector": _SECTOR_OF[o.sector].name_vi,
         "kind": schema.KINDS.label(o.kind), "parent_code": None, "active_from": o.active_from,
         "active_to": o.active_to, "group": group_of[o.code]}
        for o in sample.organisations
    ]  # fmt: skip
    note = [
        city.SYNTHETIC_NOTE,
        "",
        "Danh sách chi bộ của đảng bộ phường mẫu (không có thật); số liệu không có thật.",
        "Tạo bởi: make examples (python -m ketnap.synth.ward)",
    ]
    file = reference / "organisations.xlsx"
    write_organisations(file, rows, note=note)
    workbook = openpyxl.load_workbook(file)
    history = workbook.create_sheet(schema.HISTORY_SHEET, 1)
    history.append(HISTORY_HEADER)
    merged, into, on = MERGE
    history.append([on, "sáp nhập vào", merged, into, None, None, "Hai khu phố sáp nhập thành một"])
    save_deterministic(workbook, file)
    (reference / "body.toml").write_text(BODY_TOML, encoding="utf-8")


def _readme(sample: city.Sample) -> str:
    cal = sample.calibration
    merged, into, on = MERGE
    return "\n".join(
        [
            "# Example: a ward's Party Committee (DỮ LIỆU MÔ PHỎNG)",
            "",
            "**Everything in this folder is synthetic**, the ward included: Đảng bộ phường Vạn An, tỉnh Hòa",
            "Giang, is made up. People, names, ID numbers and counts are random draws.",
            "",
            "Regenerate with `make examples` (`python -m ketnap.synth.ward`); never edit by hand. Build its",
            "reports with `make reports DATA=data/examples/phuong-van-an OUT=<folder>`.",
            f"Seed {sample.seed}; {len(sample.organisations)} chi bộ in {len(SECTORS)} sectors; the data run from",
            "01/01/2022 to 29/02/2024.",
            "",
            f"- `reference/body.toml` names the ward; `{merged}` merged into `{into}` on {on:%d/%m/%Y}",
            "  (`reference/organisations.xlsx`, sheet `Lịch sử`).",
            *(
                f"- {year}: {cal.admissions[year]} admissions (ward target {cal.admissions_target[year]}), "
                f"{cal.training[year]} trainees (plan {cal.training_plan[year]})"
                for year in sorted(cal.admissions)
            ),
            f"- `faults.csv` lists the {len(sample.faults)} deliberately faulty rows ingestion must quarantine.",
            "",
        ]
    )


def generate(out: Path | None = None, *, seed: int = WARD_SEED) -> city.Sample:
    """Build the ward and write it under ``out`` (default ``data/examples/phuong-van-an``)."""
    out = out or paths().data / "examples" / EXAMPLE
    sample = build(seed)
    city.write(sample, out)
    _write_reference(out, sample)
    (out / "README.md").write_text(_readme(sample), encoding="utf-8")
    return sample


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ketnap.synth.ward [--out DIR]``: write the example ward."""
    parser = argparse.ArgumentParser(prog="python -m ketnap.synth.ward", description="Write the example ward.")
    parser.add_argument("--out", type=Path, default=None, help=f"folder (default data/examples/{EXAMPLE})")
    args = parser.parse_args(argv)
    sample = generate(args.out)
    print(
        f"wrote {args.out or paths().data / 'examples' / EXAMPLE}: {len(sample.organisations)} chi bộ, "
        f"{len(sample.admissions)} admissions, {len(sample.training)} trainees, {len(sample.faults)} faulty rows"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
