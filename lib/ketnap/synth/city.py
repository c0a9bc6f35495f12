"""The calibrated synthetic sample: fake returns that reproduce the published figures of Thanh Hóa city.

Everything here is synthetic. People are made up (Faker ``vi_VN`` names, fake ID numbers), the
organisations are real-sounding names of the city's wards, schools, offices and companies, and the
counts are drawn at random, except that the totals are *calibration targets*: the generator
allocates each total across organisations and months with a seeded multinomial and then writes
one record per person, so the published figures (735 admissions in 2023 against 707, 1.253
trainees from 109 organisations against a plan of 1.071, 231 admissions in January-February 2024
against 817) emerge from the records rather than being written anywhere.

What lives here: the sector list and organisation catalogue of the sample, the calibration
figures, :func:`build` (the sample in memory), :func:`write` (the files, in the return format of
``docs/data-dictionary.md``) and the command line ``python -m ketnap.sample [--out DIR] [--seed N]
[--scale F]``. Also :func:`build_national` / :func:`write_national` (``--national``): a national-size
set written straight as the processed tables, vectorised, for benchmarks (``bench/scale.py``).
Workbook layout and byte-reproducible saving live in ``ketnap.workbook``.
``docs/sample-data.md`` describes the sample and lists its deliberately faulty rows.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import shutil
import time
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
from faker import Faker

from ketnap.config import paths
from ketnap.workbook import (
    KINDS,
    OCCUPATIONS,
    ReturnLayout,
    write_organisations,
    write_return,
    write_targets,
)

__all__ = [
    "DEFAULT_SEED",
    "FAULT_RULES",
    "PERIOD_END",
    "PERIOD_START",
    "SECTORS",
    "Calibration",
    "Fault",
    "Organisation",
    "Sample",
    "Sector",
    "build",
    "build_national",
    "generate",
    "main",
    "write",
    "write_national",
]

#: The sample covers 01/01/2022 to the article's "now": data stop at 29/02/2024.
PERIOD_START = dt.date(2022, 1, 1)
PERIOD_END = dt.date(2024, 2, 29)
YEARS: tuple[int, ...] = (2022, 2023, 2024)
DEFAULT_SEED = 20240318  # the article's publication date

#: Rule ids the ingestion uses for quarantined rows (the sample's faults use a subset).
FAULT_RULES: tuple[str, ...] = (
    "unknown-organisation", "unparsable-date", "impossible-date", "date-outside-period", "future-date",
    "under-18", "duplicate-person", "missing-field", "unknown-category", "bad-id-number",
)  # fmt: skip

SYNTHETIC_NOTE = "DỮ LIỆU MÔ PHỎNG – không phải số liệu thật (synthetic data, not real figures)"


@dataclass(frozen=True)
class Sector:
    """One sector (khối), as written to ``reference/sectors.csv``."""

    code: str
    order: int
    name_vi: str
    name_en: str
    colour: str


#: The article's four sectors; colours from the Okabe-Ito palette (safe for colour-blind readers).
SECTORS: tuple[Sector, ...] = (
    Sector("wards-communes", 1, "Khối phường - xã", "Wards and communes", "#E69F00"),
    Sector("admin-units", 2, "Khối hành chính - sự nghiệp", "Administrative and public-service units", "#0072B2"),
    Sector("high-schools", 3, "Khối trường THPT", "Upper-secondary schools", "#009E73"),
    Sector("enterprises", 4, "Khối doanh nghiệp", "Enterprises", "#CC79A7"),
)


@dataclass(frozen=True)
class Calibration:
    """The totals the sample must reproduce, per year (2024 = 01/01–29/02 only).

    Parameters
    ----------
    admissions
        Valid admissions per year.
    admissions_target
        The city's admissions target (row ``TP`` of the targets workbook).
    training
        Valid training-class rows per year (by certificate date).
    training_plan
        The city's training plan.
    training_orgs
        Years in which the number of organisations that sent trainees is fixed, and that number.
    """

    admissions: Mapping[int, int] = field(default_factory=lambda: {2022: 690, 2023: 735, 2024: 231})
    admissions_target: Mapping[int, int] = field(default_factory=lambda: {2022: 680, 2023: 707, 2024: 817})
    training: Mapping[int, int] = field(default_factory=lambda: {2022: 1182, 2023: 1253, 2024: 164})
    training_plan: Mapping[int, int] = field(default_factory=lambda: {2022: 1100, 2023: 1071, 2024: 1150})
    training_orgs: Mapping[int, int] = field(default_factory=lambda: {2023: 109})

    def scaled(self, factor: float) -> Calibration:
        """The same figures multiplied by ``factor`` (for larger or smaller synthetic sets)."""
        if factor == 1:
            return self

        def scale(figures: Mapping[int, int]) -> dict[int, int]:
            return {year: max(1, round(value * factor)) for year, value in figures.items()}

        return Calibration(
            admissions=scale(self.admissions),
            admissions_target=scale(self.admissions_target),
            training=scale(self.training),
            training_plan=scale(self.training_plan),
            training_orgs=scale(self.training_orgs),
        )


# --- the organisation catalogue -------------------------------------------------------------------

_WARDS = (
    "Ba Đình", "Điện Biên", "Lam Sơn", "Trường Thi", "Nam Ngạn", "Hàm Rồng", "Đông Thọ", "Đông Vệ",
    "Đông Sơn", "Đông Hương", "Đông Hải", "Quảng Hưng", "Quảng Thắng", "Quảng Thành", "Tào Xuyên",
    "Quảng Phú", "Phú Sơn", "Ngọc Trạo", "An Hưng", "Đông Cương", "Đông Lĩnh", "Đông Tân",
)  # fmt: skip
_COMMUNES = (
    "Thiệu Dương", "Thiệu Khánh", "Thiệu Vân", "Hoằng Quang", "Hoằng Đại", "Đông Vinh", "Long Anh",
    "Quảng Cát", "Quảng Thịnh", "Quảng Minh", "Quảng Đông", "Quảng Tâm",
)  # fmt: skip
_SCHOOLS = (
    "Trường THPT Chuyên Lam Sơn", "Trường THPT Hàm Rồng", "Trường THPT Đào Duy Từ",
    "Trường THPT Nguyễn Trãi", "Trường THPT Đông Sơn", "Trường THPT Trường Thi",
    "Trường THPT Tô Hiến Thành", "Trường THPT Lý Thường Kiệt", "Trường THPT Nguyễn Huệ",
    "Trường THPT Đào Duy Anh", "Trung tâm GDNN-GDTX thành phố",
)  # fmt: skip
# (name, kind): đảng bộ cơ sở for the larger units, chi bộ cơ sở for the rest.
_ADMIN_UNITS = (
    ("Cơ quan Thành ủy", "dang-bo-co-so"), ("Cơ quan Ủy ban nhân dân thành phố", "dang-bo-co-so"),
    ("Cơ quan Mặt trận Tổ quốc và các đoàn thể thành phố", "chi-bo-co-so"),
    ("Văn phòng HĐND và UBND thành phố", "chi-bo-co-so"), ("Phòng Tài chính - Kế hoạch", "chi-bo-co-so"),
    ("Phòng Giáo dục và Đào tạo", "chi-bo-co-so"), ("Phòng Tài nguyên và Môi trường", "chi-bo-co-so"),
    ("Phòng Quản lý đô thị", "chi-bo-co-so"), ("Phòng Lao động - Thương binh và Xã hội", "chi-bo-co-so"),
    ("Phòng Văn hóa và Thông tin", "chi-bo-co-so"), ("Phòng Kinh tế", "chi-bo-co-so"),
    ("Phòng Nội vụ", "chi-bo-co-so"), ("Phòng Tư pháp", "chi-bo-co-so"),
    ("Thanh tra thành phố", "chi-bo-co-so"),
    ("Trung tâm Y tế thành phố", "dang-bo-co-so"), ("Bệnh viện Đa khoa thành phố", "dang-bo-co-so"),
    ("Chi cục Thuế thành phố", "dang-bo-co-so"), ("Kho bạc Nhà nước thành phố", "chi-bo-co-so"),
    ("Chi cục Thi hành án dân sự thành phố", "chi-bo-co-so"), ("Tòa án nhân dân thành phố", "chi-bo-co-so"),
    ("Viện Kiểm sát nhân dân thành phố", "chi-bo-co-so"), ("Chi cục Thống kê thành phố", "chi-bo-co-so"),
    ("Bảo hiểm xã hội thành phố", "chi-bo-co-so"), ("Ngân hàng Chính sách xã hội thành phố", "chi-bo-co-so"),
    ("Ban Quản lý dự án đầu tư xây dựng thành phố", "chi-bo-co-so"),
    ("Trung tâm Văn hóa - Thông tin - Thể thao thành phố", "chi-bo-co-so"),
    ("Trung tâm Phát triển quỹ đất thành phố", "chi-bo-co-so"),
    ("Ban Quản lý di tích Hàm Rồng", "chi-bo-co-so"),
    ("Đội Quản lý trật tự đô thị thành phố", "chi-bo-co-so"),
    ("Trung tâm Chính trị thành phố", "chi-bo-co-so"),
    ("Hội Chữ thập đỏ thành phố", "chi-bo-co-so"),
)  # fmt: skip
# (name, kind, state-owned?, special): special marks the organisations the sample's story needs.
_ENTERPRISES = (
    ("Công ty CP Môi trường và Công trình đô thị Thanh Hóa", "dang-bo-co-so", True, ""),
    ("Điện lực thành phố Thanh Hóa", "dang-bo-co-so", True, ""),
    ("Bưu điện thành phố Thanh Hóa", "chi-bo-co-so", True, ""),
    ("Công ty TNHH MTV Thủy lợi Sông Chu - Xí nghiệp Thành phố", "chi-bo-co-so", True, ""),
    ("Công ty CP Cấp nước Hạc Thành", "chi-bo-co-so", True, ""),
    ("Công ty CP Vận tải Hàm Rồng", "chi-bo-co-so", False, ""),
    ("Công ty CP Xây dựng Trường Thi", "chi-bo-co-so", False, ""),
    ("Công ty TNHH May mặc Đông Hương", "dang-bo-co-so", False, ""),
    ("Công ty CP Thương mại Lam Sơn", "chi-bo-co-so", False, ""),
    ("Công ty CP Bê tông Đông Sơn", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Giày da Quảng Thắng", "dang-bo-co-so", False, ""),
    ("Công ty CP Dược phẩm Sông Mã", "chi-bo-co-so", False, ""),
    ("Công ty CP Đầu tư và Phát triển đô thị Đông Vệ", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Cơ khí Tào Xuyên", "chi-bo-co-so", False, ""),
    ("Công ty CP In và Bao bì Ba Đình", "chi-bo-co-so", False, ""),
    ("Công ty CP Thực phẩm Nam Ngạn", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Điện tử Đông Lĩnh", "dang-bo-co-so", False, ""),
    ("Công ty CP Du lịch Hạc Thành", "chi-bo-co-so", False, ""),
    ("Công ty CP Khách sạn Lam Kinh", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Xây lắp điện Đông Tân", "chi-bo-co-so", False, ""),
    ("Công ty CP Vật liệu xây dựng Đông Cương", "chi-bo-co-so", False, ""),
    ("Công ty CP Tư vấn thiết kế Điện Biên", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Dệt may Quảng Phú", "chi-bo-co-so", False, ""),
    ("Công ty CP Chế biến nông sản Thiệu Dương", "chi-bo-co-so", False, ""),
    ("Công ty CP Siêu thị Phú Sơn", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Logistics Hoằng Quang", "chi-bo-co-so", False, ""),
    ("Công ty CP Bất động sản Đông Hải", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Thiết bị y tế Ngọc Trạo", "chi-bo-co-so", False, ""),
    ("Công ty CP Xăng dầu Quảng Hưng", "chi-bo-co-so", False, ""),
    ("Ngân hàng TMCP Bắc Trung Bộ - Chi nhánh Thanh Hóa", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Nội thất An Hưng", "chi-bo-co-so", False, ""),
    ("Công ty CP Viễn thông số Hạc Thành", "chi-bo-co-so", False, ""),
    ("Công ty TNHH Xây dựng Long Anh", "chi-bo-co-so", False, "dormant"),
    ("Công ty TNHH Thương mại Bến Ngự", "chi-bo-co-so", False, "dissolved"),
    ("Công ty CP Công nghệ phần mềm Sông Mã", "chi-bo-co-so", False, "created"),
    ("Công ty CP Nước giải khát Đông Thọ", "chi-bo-co-so", False, ""),
)  # fmt: skip

_DISSOLVED_ON = dt.date(2022, 9, 30)  # merged into another company's party cell
_CREATED_ON = dt.date(2023, 4, 15)
_CODE_PREFIX = {"wards-communes": "PX", "admin-units": "HC", "high-schools": "TH", "enterprises": "DN"}
# Mean admissions capacity of one organisation, relative; schools admit the most (students).
_CAPACITY = {"wards-communes": 9.0, "admin-units": 3.4, "high-schools": 19.0, "enterprises": 3.2}


@dataclass(frozen=True)
class Organisation:
    """One grassroots party organisation of the sample (with the hidden traits that drive its numbers)."""

    code: str
    name: str
    sector: str
    kind: str
    subtype: str  # ward, commune, school, centre, admin, state, private: drives who is admitted
    capacity: float
    active_from: dt.date | None = None
    active_to: dt.date | None = None
    dormant: bool = False  # admits nobody and runs no class: "no admissions for years"

    def active_on(self, day: dt.date) -> bool:
        """Whether the organisation exists on ``day``."""
        return (self.active_from is None or day >= self.active_from) and (
            self.active_to is None or day <= self.active_to
        )

    def active_in(self, year: int) -> bool:
        """Whether the organisation exists at some point of ``year`` within the period."""
        first = max(dt.date(year, 1, 1), PERIOD_START)
        last = min(dt.date(year, 12, 31), PERIOD_END)
        return (self.active_from is None or self.active_from <= last) and (
            self.active_to is None or self.active_to >= first
        )

    def active_months(self, year: int) -> list[int]:
        """The months of ``year`` (within the period) in which the organisation exists."""
        months = []
        for month in range(1, 13):
            first = dt.date(year, month, 1)
            last = _month_end(year, month)
            if first > PERIOD_END:
                break
            if (self.active_from is None or self.active_from <= last) and (
                self.active_to is None or self.active_to >= first
            ):
                months.append(month)
        return months


def _month_end(year: int, month: int) -> dt.date:
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def _catalogue() -> list[tuple[str, str, str, str, str]]:
    """(sector, name, kind, subtype, special) for every organisation of the city."""
    rows: list[tuple[str, str, str, str, str]] = []
    rows += [("wards-communes", f"Đảng bộ phường {n}", "dang-bo-co-so", "ward", "") for n in _WARDS]
    rows += [("wards-communes", f"Đảng bộ xã {n}", "dang-bo-co-so", "commune", "") for n in _COMMUNES]
    rows += [("admin-units", f"{_kind_prefix(k)} {n}", k, "admin", "") for n, k in _ADMIN_UNITS]
    for name in _SCHOOLS:
        subtype = "centre" if name.startswith("Trung tâm") else "school"
        rows.append(("high-schools", f"Chi bộ {name}", "chi-bo-co-so", subtype, ""))
    for name, kind, state, special in _ENTERPRISES:
        rows.append(("enterprises", f"{_kind_prefix(kind)} {name}", kind, "state" if state else "private", special))
    return rows


def _kind_prefix(kind: str) -> str:
    return "Đảng bộ" if kind == "dang-bo-co-so" else "Chi bộ"


def _organisations(rng: np.random.Generator, scale: float) -> list[Organisation]:
    """The sample's organisations; ``scale`` replicates (or trims) each sector's list."""
    by_sector: dict[str, list[tuple[str, str, str, str, str]]] = {s.code: [] for s in SECTORS}
    for row in _catalogue():
        by_sector[row[0]].append(row)
    organisations: list[Organisation] = []
    for sector in SECTORS:
        base = by_sector[sector.code]
        wanted = max(1, round(len(base) * scale))
        rows = []
        for i in range(wanted):
            _, name, kind, subtype, special = base[i % len(base)]
            copy = i // len(base)
            # Copies beyond the real list get a number, so names stay unique at larger scales.
            rows.append((f"{name} ({copy + 1})" if copy else name, kind, subtype, special if not copy else ""))
        width = max(2, len(str(len(rows))))
        # Bounded spread: even the smallest organisation has a few candidates a year.
        capacities = _CAPACITY[sector.code] * np.clip(rng.lognormal(0.0, 0.4, size=len(rows)), 0.6, 2.2)
        for i, ((name, kind, subtype, special), capacity) in enumerate(zip(rows, capacities, strict=True)):
            organisations.append(
                Organisation(
                    code=f"{_CODE_PREFIX[sector.code]}{i + 1:0{width}d}",
                    name=name,
                    sector=sector.code,
                    kind=kind,
                    subtype=subtype,
                    capacity=float(capacity),
                    active_from=_CREATED_ON if special == "created" else None,
                    active_to=_DISSOLVED_ON if special == "dissolved" else None,
                    dormant=special == "dormant",
                )
            )
    return organisations


# --- seasonality ----------------------------------------------------------------------------------

# Admissions cluster before 3/2 (Party founding day), 19/5 (Hồ Chí Minh's birthday) and 2/9
# (National Day); schools admit during the school year, most before the graduation exams.
_MONTH_WEIGHTS = np.array([0.9, 1.8, 1.0, 0.9, 1.7, 0.9, 0.6, 0.7, 1.9, 0.9, 0.9, 1.1])
_SCHOOL_MONTH_WEIGHTS = np.array([1.3, 1.8, 1.4, 1.3, 1.7, 0.2, 0.0, 0.0, 0.4, 0.5, 0.8, 1.2])
# The days just before each anniversary, when the admission ceremonies are held.
_PEAK_DAYS = {2: (1, 3), 5: (15, 19), 9: (1, 2)}
_PEAK_SHARE = 0.45


def _month_weights(organisation: Organisation, year: int) -> np.ndarray:
    base = _SCHOOL_MONTH_WEIGHTS if organisation.sector == "high-schools" else _MONTH_WEIGHTS
    mask = np.zeros(12)
    mask[[m - 1 for m in organisation.active_months(year)]] = 1.0
    return base * mask


def _admission_day(organisation: Organisation, year: int, month: int, rng: np.random.Generator) -> dt.date:
    first = dt.date(year, month, 1)
    last = min(_month_end(year, month), PERIOD_END)
    if organisation.active_from and organisation.active_from > first:
        first = organisation.active_from
    if organisation.active_to and organisation.active_to < last:
        last = organisation.active_to
    window = _PEAK_DAYS.get(month)
    if window and rng.random() < _PEAK_SHARE:
        low, high = max(first.day, window[0]), min(last.day, window[1])
        if low <= high:
            return dt.date(year, month, int(rng.integers(low, high + 1)))
    return dt.date(year, month, int(rng.integers(first.day, last.day + 1)))


# --- people ---------------------------------------------------------------------------------------

_FEMALE_SHARE = {"wards-communes": 0.55, "admin-units": 0.58, "high-schools": 0.63, "enterprises": 0.48}
_MINORITIES = (("Mường", 0.55), ("Thái", 0.3), ("Thổ", 0.1), ("Dao", 0.05))
_RELIGIONS = (("Công giáo", 0.6), ("Phật giáo", 0.35), ("Tin lành", 0.05))
_EDUCATION = {
    "ward": (("THPT", 0.35), ("Trung cấp", 0.15), ("Cao đẳng", 0.14), ("Đại học", 0.34), ("Thạc sĩ", 0.02)),
    "commune": (("THPT", 0.45), ("Trung cấp", 0.18), ("Cao đẳng", 0.12), ("Đại học", 0.25)),
    "admin": (
        ("Trung cấp", 0.04),
        ("Cao đẳng", 0.05),
        ("Đại học", 0.74),
        ("Thạc sĩ", 0.16),
        ("Tiến sĩ", 0.01),
    ),
    "teacher": (("Đại học", 0.8), ("Thạc sĩ", 0.2)),
    "enterprise": (
        ("THPT", 0.25),
        ("Trung cấp", 0.2),
        ("Cao đẳng", 0.2),
        ("Đại học", 0.33),
        ("Thạc sĩ", 0.02),
    ),
}
_OCCUPATIONS = {
    "ward": (("self-employed", 0.3), ("private-enterprise-worker", 0.24), ("civil-servant", 0.16),
             ("student", 0.08), ("farmer", 0.04), ("other", 0.18)),
    "commune": (("farmer", 0.3), ("self-employed", 0.25), ("private-enterprise-worker", 0.2),
                ("civil-servant", 0.1), ("student", 0.05), ("other", 0.1)),
    "admin": (("civil-servant", 0.92), ("other", 0.08)),
    "state": (("state-enterprise-worker", 1.0),),
    "private": (("private-enterprise-worker", 1.0),),
}  # fmt: skip
# Age at admission (mean, sd, min) for adults; students are 18.
_AGE = {"ward": (27, 6, 19), "commune": (26, 5, 19), "admin": (28, 4.5, 22), "teacher": (29, 5, 23),
        "state": (28, 5, 20), "private": (27, 5, 20)}  # fmt: skip
_TEACHER_SHARE = {"school": 0.08, "centre": 0.2}
_FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thùy", "Minh", "Hồng", "Phương", "Thanh")
_MALE_MIDDLE = ("Văn", "Văn", "Đức", "Quang", "Minh", "Hữu", "Xuân", "Trọng", "Thế", "Ngọc")


def _choice(rng: np.random.Generator, options: Sequence[tuple[str, float]]) -> str:
    weights = np.array([w for _, w in options])
    return options[int(rng.choice(len(options), p=weights / weights.sum()))][0]


class _People:
    """Makes fake people: names, birth dates and unique 12-digit ID numbers."""

    def __init__(self, rng: np.random.Generator, fake: Faker) -> None:
        self.rng = rng
        self.fake = fake
        self.used_ids: set[str] = set()

    def name(self, sex: str) -> str:
        fake = self.fake
        if sex == "Nữ":
            return f"{fake.last_name()} {fake.random_element(_FEMALE_MIDDLE)} {fake.first_name_female()}"
        return f"{fake.last_name()} {fake.random_element(_MALE_MIDDLE)} {fake.first_name_male()}"

    def id_number(self, birth: dt.date, sex: str) -> str:
        """A fake CCCD laid out like a real one, but in province 099, which no real card has.

        Century-and-sex digit, birth year, then 6 random digits.
        """
        century_sex = (0 if birth.year < 2000 else 2) + (1 if sex == "Nữ" else 0)
        while True:
            number = f"099{century_sex}{birth.year % 100:02d}{int(self.rng.integers(0, 1_000_000)):06d}"
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def birth_for_age(self, on: dt.date, age: float) -> dt.date:
        """A birth date giving ``age`` (in years, fractional) on ``on``."""
        return on - dt.timedelta(days=int(age * 365.25))

    def sex(self, sector: str) -> str:
        return "Nữ" if self.rng.random() < _FEMALE_SHARE[sector] else "Nam"


def _role(organisation: Organisation, rng: np.random.Generator) -> str:
    """Who is admitted: student or teacher in schools, else the organisation's subtype."""
    if organisation.subtype in _TEACHER_SHARE:
        return "teacher" if rng.random() < _TEACHER_SHARE[organisation.subtype] else "student"
    return organisation.subtype


def _adult_age(role: str, rng: np.random.Generator) -> float:
    mean, sd, low = _AGE[role]
    return float(np.clip(rng.normal(mean, sd), low, 55)) + float(rng.random())


def _attributes(role: str, age: float, rng: np.random.Generator) -> dict[str, Any]:
    """Ethnicity, religion, Youth Union, occupation and education of one new member."""
    ethnic = _choice(rng, _MINORITIES) if rng.random() < 0.035 else "Kinh"
    religion = _choice(rng, _RELIGIONS) if rng.random() < 0.045 else "Không"
    # Youth Union membership ends at 30, so older people are rarely still members.
    youth = rng.random() < (0.99 if role == "student" else 0.93 if age < 31 else 0.04)
    if role == "student":
        occupation, education = "student", "THPT"
    elif role == "teacher":
        occupation, education = "teacher", _choice(rng, _EDUCATION["teacher"])
    else:
        occupation = _choice(rng, _OCCUPATIONS[role])
        education = _choice(rng, _EDUCATION[role if role in _EDUCATION else "enterprise"])
    return {
        "ethnic_group": ethnic,
        "religion": religion,
        "youth_union": "Có" if youth else "Không",
        "occupation": occupation,
        "education": education,
    }


def _cells(organisation: Organisation) -> list[str]:
    """Subordinate cells (chi bộ trực thuộc): only đảng bộ cơ sở have them."""
    if organisation.kind != "dang-bo-co-so":
        return []
    if organisation.subtype == "ward":
        names = [f"Chi bộ phố {n}" for n in ("Tân Nam", "Tân Bắc", "Hạc Thành", "Đình Hương", "Tây Sơn")]
        return names + [f"Chi bộ khu phố {i}" for i in range(1, 6)]
    if organisation.subtype == "commune":
        return [f"Chi bộ thôn {i}" for i in range(1, 9)]
    if organisation.subtype == "admin":
        return [f"Chi bộ {n}" for n in ("Văn phòng", "Phòng Tổng hợp", "Phòng Nghiệp vụ 1", "Phòng Nghiệp vụ 2")]
    return [f"Chi bộ {n}" for n in ("Văn phòng công ty", "Phân xưởng 1", "Phân xưởng 2", "Đội kỹ thuật")]


# --- the sample in memory -------------------------------------------------------------------------


@dataclass
class Fault:
    """One deliberately faulty row (never counted): where it is and which ingestion rule rejects it.

    ``row`` is the Excel row number, known once the file is written.
    """

    file: str
    sheet: str
    column: str
    rule: str
    note: str
    record: dict[str, Any]
    year: int
    org_code: str | None
    after_id: str | None = None  # place the row right after this person's row (duplicates)
    row: int | None = None


@dataclass
class Sample:
    """The synthetic sample in memory. Frames hold valid records only; faulty rows are in ``faults``.

    Attributes
    ----------
    organisations
        One :class:`Organisation` per grassroots organisation.
    targets
        ``year, org_code`` (``"TP"`` = city), ``admissions_target``, ``training_plan`` (nullable ints) and
        ``T1`` … ``T12`` monthly plans (nullable).
    admissions, training, conversions
        One row per person (valid rows only), with the personal fields returns carry.
    faults
        The deliberately faulty rows.
    calibration, seed, scale
        What the sample was built from.
    layouts, org_labels
        Per return ``(year, org_code)``: its quirks, and how its ``Thông tin`` names the organisation.
    """

    organisations: list[Organisation]
    targets: pd.DataFrame
    admissions: pd.DataFrame
    training: pd.DataFrame
    conversions: pd.DataFrame
    faults: list[Fault]
    calibration: Calibration
    seed: int
    scale: float
    layouts: dict[tuple[int, str], ReturnLayout] = field(default_factory=dict)
    org_labels: dict[tuple[int, str], str] = field(default_factory=dict)


def _largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` that add up to ``total`` exactly."""
    shares = total * weights / weights.sum()
    counts = np.floor(shares).astype(int)
    order = np.argsort(-(shares - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts


def _targets(organisations: list[Organisation], calibration: Calibration, rng: np.random.Generator) -> pd.DataFrame:
    """The targets table: the city row and one row per active organisation and year."""
    rows: list[dict[str, Any]] = []
    total_capacity = sum(o.capacity for o in organisations if o.active_in(2023))
    # A few organisations keep their own monthly plans: the largest of each sector, as in practice.
    planners: set[str] = set()
    for sector, count in (("wards-communes", 2), ("admin-units", 1), ("high-schools", 2), ("enterprises", 1)):
        members = sorted((o for o in organisations if o.sector == sector), key=lambda o: -o.capacity)
        planners |= {o.code for o in members[:count]}
    for year in YEARS:
        rows.append(
            {"year": year, "org_code": "TP", "admissions_target": calibration.admissions_target[year],
             "training_plan": calibration.training_plan[year]}
        )  # fmt: skip
        for org in organisations:
            if not org.active_in(year):
                continue
            if org.active_from and org.active_from.year == year:
                # Founded during the year: no target was set for it.
                rows.append({"year": year, "org_code": org.code})
                continue
            share = org.capacity / total_capacity
            # Each organisation is asked for a little more than its share, so that the sum of the
            # organisations' targets exceeds the city's, as the Province's target must be met.
            target = max(1, round(calibration.admissions_target[year] * share * rng.uniform(1.04, 1.18)))
            plan = max(1, round(calibration.training_plan[year] * share * rng.uniform(1.0, 1.12)))
            row: dict[str, Any] = {"year": year, "org_code": org.code, "admissions_target": target,
                                   "training_plan": plan}  # fmt: skip
            if org.code in planners and year >= 2023:
                weights = _SCHOOL_MONTH_WEIGHTS if org.sector == "high-schools" else _MONTH_WEIGHTS
                for month, planned in enumerate(_largest_remainder(target, weights), start=1):
                    row[f"T{month}"] = int(planned)
            rows.append(row)
    frame = pd.DataFrame(rows)
    columns = ["year", "org_code", "admissions_target", "training_plan", *(f"T{m}" for m in range(1, 13))]
    frame = frame.reindex(columns=columns)
    for column in columns[2:]:
        frame[column] = frame[column].astype("Int64")
    return frame


def _allocate_admissions(
    organisations: list[Organisation],
    calibration: Calibration,
    targets: pd.DataFrame,
    rng: np.random.Generator,
) -> list[tuple[Organisation, dt.date]]:
    """(organisation, admission date) for every valid admission: totals split by multinomial draws."""
    admitted: list[tuple[Organisation, dt.date]] = []
    eligible = [o for o in organisations if not o.dormant and o.sector != "high-schools"]
    idle_before: set[int] = set()
    for year in YEARS:
        target = targets.set_index(["year", "org_code"])["admissions_target"]
        weights = []
        for org in organisations:
            if not org.active_in(year) or org.dormant:
                weights.append(0.0)
                continue
            expected = target.get((year, org.code))
            base = float(expected) if pd.notna(expected) else org.capacity
            # Performance varies: most organisations land near target, some well behind.
            weights.append(base * rng.lognormal(0.0, 0.3))
        weights_arr = np.array(weights)
        # A few organisations admit nobody in a given year (a named concern in the reviews).
        # Never the same twice: the dormant organisation is the one with none for years running.
        candidates = [i for i in range(len(eligible)) if i not in idle_before]
        idle = [candidates[i] for i in rng.choice(len(candidates), size=2, replace=False)]
        idle_before.update(idle)
        for i in idle:
            weights_arr[organisations.index(eligible[i])] = 0.0
        counts = rng.multinomial(calibration.admissions[year], weights_arr / weights_arr.sum())
        for org, count in zip(organisations, counts, strict=True):
            if count == 0:
                continue
            months = _month_weights(org, year)
            per_month = rng.multinomial(count, months / months.sum())
            for month, n in enumerate(per_month, start=1):
                admitted.extend((org, _admission_day(org, year, month, rng)) for _ in range(n))
    return admitted


def _class_dates(rng: np.random.Generator) -> dict[tuple[int, int], dt.date]:
    """Certificate date of the city's monthly awareness class, (year, month) -> date."""
    dates = {}
    for year in YEARS:
        for month in range(1, 13):
            if dt.date(year, month, 1) > PERIOD_END:
                break
            dates[(year, month)] = dt.date(year, month, int(rng.integers(12, 27)))
    return dates


def _shift_months(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) - by
    return index // 12, index % 12 + 1


def _trainers(organisations: list[Organisation], calibration: Calibration, year: int) -> set[str]:
    """Organisations that send trainees in ``year``: all active ones, trimmed to the calibrated count."""
    active = [o for o in organisations if o.active_in(year) and not o.dormant]
    wanted = calibration.training_orgs.get(year)
    if wanted is None:
        return {o.code for o in active}
    if wanted > len(active):
        raise ValueError(f"{year}: {wanted} organisations must send trainees but only {len(active)} can")
    # Those founded during the year had no class yet; then the smallest ones miss out.
    order = sorted(active, key=lambda o: (not (o.active_from and o.active_from.year == year), o.capacity))
    return {o.code for o in order[len(active) - wanted :]}


def build(seed: int = DEFAULT_SEED, scale: float = 1.0, calibration: Calibration | None = None) -> Sample:
    """Build the synthetic sample in memory.

    Parameters
    ----------
    seed
        Seed of every random draw (numpy and Faker); the same seed gives the same sample.
    scale
        Multiplies the number of organisations and every calibrated total (1 = Thanh Hóa city).
    calibration
        The figures to reproduce at ``scale=1``; default: the article's.

    Returns
    -------
    Sample
        Organisations, targets, valid admissions/training/conversions and the faulty rows.
    """
    calibration = (calibration or Calibration()).scaled(scale)
    streams = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(8)]
    rng_orgs, rng_targets, rng_admit, rng_people, rng_train, rng_conv, rng_faults, rng_layout = streams
    fake = Faker("vi_VN")
    fake.seed_instance(seed)
    people = _People(rng_people, fake)

    organisations = _organisations(rng_orgs, scale)
    by_code = {o.code: o for o in organisations}
    targets = _targets(organisations, calibration, rng_targets)
    admitted = _allocate_admissions(organisations, calibration, targets, rng_admit)
    classes = _class_dates(rng_train)
    trainers = {year: _trainers(organisations, calibration, year) for year in YEARS}

    admissions: list[dict[str, Any]] = []
    training: list[dict[str, Any]] = []
    for org, admitted_on in admitted:
        role = _role(org, rng_people)
        certificate = _linked_class(org, role, admitted_on, classes, trainers, rng_train)
        sex = people.sex(org.sector)
        if role == "student":
            # Students are admitted in the school year they turn 18, and are 18 by the class too.
            reference = certificate or admitted_on
            birth = people.birth_for_age(reference, 18 + rng_people.uniform(0.02, 0.55))
        else:
            birth = people.birth_for_age(admitted_on, _adult_age(role, rng_people))
        age = (admitted_on - birth).days / 365.25
        person = {
            "org_code": org.code,
            "name": people.name(sex),
            "birth_date": birth,
            "id_number": people.id_number(birth, sex),
            "sex": sex,
            **_attributes(role, age, rng_people),
            "admission_date": admitted_on,
            "cell": _pick(_cells(org), rng_people),
        }
        admissions.append(person)
        if certificate is not None:
            training.append(_training_row(person, certificate))

    training += _extra_trainees(organisations, calibration, training, classes, trainers, people, rng_train)
    admissions_frame = pd.DataFrame(admissions).sort_values(["admission_date", "id_number"], ignore_index=True)
    training_frame = pd.DataFrame(training).sort_values(["completion_date", "id_number"], ignore_index=True)
    conversions_frame = _conversions(admissions_frame, by_code, rng_conv)
    faults = _faults(organisations, admissions_frame, training_frame, people, rng_faults)
    layouts, labels = _layouts(organisations, faults, rng_layout)
    sample = Sample(
        organisations=organisations,
        targets=targets,
        admissions=admissions_frame,
        training=training_frame,
        conversions=conversions_frame,
        faults=faults,
        calibration=calibration,
        seed=seed,
        scale=scale,
        layouts=layouts,
        org_labels=labels,
    )
    _check(sample)
    return sample


def _pick(options: Sequence[str], rng: np.random.Generator) -> str | None:
    return options[int(rng.integers(len(options)))] if options else None


def _linked_class(
    org: Organisation,
    role: str,
    admitted_on: dt.date,
    classes: Mapping[tuple[int, int], dt.date],
    trainers: Mapping[int, set[str]],
    rng: np.random.Generator,
) -> dt.date | None:
    """Certificate date of the class this person attended before admission, if it is in the period.

    Most people attend the class 1-9 months before admission (students 1-4). When their
    organisation ran no class that year, they went to last year's. Classes before the period
    (or before the organisation existed) leave no row: the person was trained earlier.
    """
    if rng.random() > (0.97 if role == "student" else 0.9):
        return None
    if role == "student":
        lag = int(rng.choice([1, 2, 3, 4], p=[0.35, 0.35, 0.2, 0.1]))
    else:
        lag = int(rng.choice(np.arange(1, 10), p=np.array([9, 9, 8, 7, 6, 5, 4, 3, 2]) / 53))
    year, month = _shift_months(admitted_on.year, admitted_on.month, lag)
    while (year, month) in classes and org.code not in trainers[year]:
        year -= 1
    certificate = classes.get((year, month))
    if certificate is None or not org.active_on(certificate):
        return None
    return certificate


def _training_row(person: Mapping[str, Any], certificate: dt.date) -> dict[str, Any]:
    return {
        "org_code": person["org_code"],
        "name": person["name"],
        "birth_date": person["birth_date"],
        "id_number": person["id_number"],
        "sex": person["sex"],
        "class_name": f"Lớp {certificate.month:02d}/{certificate.year}",
        "completion_date": certificate,
    }


def _extra_trainees(
    organisations: list[Organisation],
    calibration: Calibration,
    linked: list[dict[str, Any]],
    classes: Mapping[tuple[int, int], dt.date],
    trainers: Mapping[int, set[str]],
    people: _People,
    rng: np.random.Generator,
) -> list[dict[str, Any]]:
    """Trainees not admitted within the period (admitted later, or not yet ready).

    Their number per year tops the people later admitted up to the calibrated total; every
    organisation that sends trainees that year gets at least one.
    """
    rows: list[dict[str, Any]] = []
    for year in YEARS:
        linked_by_org: dict[str, int] = {}
        for row in linked:
            if row["completion_date"].year == year:
                linked_by_org[row["org_code"]] = linked_by_org.get(row["org_code"], 0) + 1
        senders = [o for o in organisations if o.code in trainers[year]]
        extra_total = calibration.training[year] - sum(linked_by_org.values())
        empty = [o for o in senders if o.code not in linked_by_org]
        if extra_total < len(empty):
            raise ValueError(f"{year}: training total {calibration.training[year]} is too small to calibrate")
        counts = np.array([1 if o.code not in linked_by_org else 0 for o in senders])
        capacity = np.array([o.capacity for o in senders])
        counts += rng.multinomial(extra_total - counts.sum(), capacity / capacity.sum())
        for org, count in zip(senders, counts, strict=True):
            months = [m for m in org.active_months(year) if (year, m) in classes]
            months = [m for m in months if org.active_on(classes[(year, m)])]
            for _ in range(count):
                certificate = classes[(year, months[int(rng.integers(len(months)))])]
                sex = people.sex(org.sector)
                if org.sector == "high-schools" and rng.random() < 0.9:
                    age = 18 + rng.uniform(0.02, 0.6)
                else:
                    age = float(np.clip(rng.normal(28, 6), 19, 50))
                birth = people.birth_for_age(certificate, age)
                person = {"org_code": org.code, "name": people.name(sex), "birth_date": birth,
                          "id_number": people.id_number(birth, sex), "sex": sex}  # fmt: skip
                rows.append(_training_row(person, certificate))
    return rows


def _conversions(
    admissions: pd.DataFrame, by_code: Mapping[str, Organisation], rng: np.random.Generator
) -> pd.DataFrame:
    """Full-membership conversions: 12 months after admission, in the year they fall due.

    A few probationers are not converted on time (probation extended): the "due" report shows them.
    """
    rows = []
    for person in admissions.itertuples(index=False):
        admitted = person.admission_date
        try:
            due = admitted.replace(year=admitted.year + 1)
        except ValueError:  # admitted on 29/02
            due = dt.date(admitted.year + 1, 3, 1)
        if due > PERIOD_END or rng.random() < 0.02:
            continue
        converted = min(due + dt.timedelta(days=int(rng.integers(0, 15))), dt.date(due.year, 12, 31), PERIOD_END)
        if not by_code[person.org_code].active_on(converted):
            continue  # the organisation was dissolved: its members moved elsewhere
        rows.append(
            {"org_code": person.org_code, "name": person.name, "id_number": person.id_number,
             "admission_date": admitted, "conversion_date": converted}
        )  # fmt: skip
    return pd.DataFrame(rows).sort_values(["conversion_date", "id_number"], ignore_index=True)


# --- faulty rows ----------------------------------------------------------------------------------

_UNKNOWN_ORG_NAME = "Chi bộ Công ty TNHH Thương mại Thiên Long Hưng"
_UNKNOWN_ORG_FILE = "cty-thien-long-hung.xlsx"


def _admission_record(person: Mapping[str, Any]) -> dict[str, Any]:
    """A valid admissions row, keyed by the return's headers."""
    return {
        "Họ và tên": person["name"],
        "Ngày sinh": person["birth_date"],
        "Số CCCD": person["id_number"],
        "Giới tính": person["sex"],
        "Dân tộc": person["ethnic_group"],
        "Tôn giáo": person["religion"],
        "Đoàn viên": person["youth_union"],
        "Nghề nghiệp": OCCUPATIONS[person["occupation"]],
        "Trình độ": person["education"],
        "Ngày kết nạp": person["admission_date"],
        "Chi bộ": person.get("cell"),
    }


def _training_record(person: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "Họ và tên": person["name"],
        "Ngày sinh": person["birth_date"],
        "Số CCCD": person["id_number"],
        "Giới tính": person["sex"],
        "Lớp bồi dưỡng": person["class_name"],
        "Ngày cấp giấy chứng nhận": person["completion_date"],
    }


def _fake_adult(org: Organisation, on: dt.date, people: _People, rng: np.random.Generator) -> dict[str, Any]:
    """An otherwise valid new member of ``org`` admitted ``on`` (the base of a faulty row)."""
    roles = {"admin-units": "admin", "high-schools": "teacher"}
    role = roles.get(org.sector, org.subtype)
    sex = people.sex(org.sector)
    birth = people.birth_for_age(on, _adult_age(role, rng))
    return {
        "name": people.name(sex),
        "birth_date": birth,
        "id_number": people.id_number(birth, sex),
        "sex": sex,
        **_attributes(role, (on - birth).days / 365.25, rng),
        "admission_date": on,
        "cell": _pick(_cells(org), rng),
    }


def _faults(
    organisations: list[Organisation],
    admissions: pd.DataFrame,
    training: pd.DataFrame,
    people: _People,
    rng: np.random.Generator,
) -> list[Fault]:
    """The deliberately faulty rows: each breaks exactly one ingestion rule and is never counted.

    They go into returns of organisations that also have valid rows, so they add no organisation
    to any count.
    """
    admission_year = pd.to_datetime(admissions["admission_date"]).dt.year
    admitted_2023 = set(admissions.loc[admission_year == 2023, "org_code"])
    by_sector: dict[str, list[Organisation]] = {}
    for org in organisations:
        if org.code in admitted_2023 and org.active_in(2024):
            by_sector.setdefault(org.sector, []).append(org)

    def pick(sector: str) -> Organisation:
        options = by_sector[sector]
        return options[int(rng.integers(len(options)))]

    faults: list[Fault] = []

    def add(year: int, org: Organisation, sheet: str, column: str, rule: str, note: str, record: dict) -> None:
        faults.append(Fault(f"returns/{year}/{org.code}.xlsx", sheet, column, rule, note, record, year, org.code))

    ward, school, admin, enterprise = (
        pick(s) for s in ("wards-communes", "high-schools", "admin-units", "enterprises")
    )
    record = _admission_record(_fake_adult(ward, dt.date(2023, 2, 28), people, rng))
    record["Ngày kết nạp"] = "31/02/2023"  # typed as text: Excel cannot hold the date
    add(2023, ward, "Kết nạp", "Ngày kết nạp", "impossible-date", "ngày 31/02/2023 không tồn tại", record)

    on = dt.date(2023, 3, 24)
    sex = people.sex(school.sector)
    birth = people.birth_for_age(on, 17.4)
    student = {
        "name": people.name(sex),
        "birth_date": birth,
        "id_number": people.id_number(birth, sex),
        "sex": sex,
        **_attributes("student", 17.4, rng),
        "admission_date": on,
        "cell": None,
    }
    add(2023, school, "Kết nạp", "Ngày sinh", "under-18", "học sinh 17 tuổi tại ngày kết nạp",
        _admission_record(student))  # fmt: skip

    own = admissions[(admissions["org_code"] == admin.code) & (admission_year == 2023)]
    original = own.iloc[int(rng.integers(len(own)))].to_dict()
    note = "dòng lặp lại của người ở dòng ngay trên (dòng trên hợp lệ, được tính)"
    add(2023, admin, "Kết nạp", "Số CCCD", "duplicate-person", note, _admission_record(original))
    faults[-1].after_id = original["id_number"]

    record = _admission_record(_fake_adult(enterprise, dt.date(2023, 9, 1), people, rng))
    record["Giới tính"] = "Không rõ"
    add(2023, enterprise, "Kết nạp", "Giới tính", "unknown-category",
        "giới tính 'Không rõ' không thuộc danh mục Nam/Nữ", record)  # fmt: skip

    ward2 = pick("wards-communes")
    record = _admission_record(_fake_adult(ward2, dt.date(2022, 6, 15), people, rng))
    add(2023, ward2, "Kết nạp", "Ngày kết nạp", "date-outside-period",
        "ngày kết nạp 15/06/2022 trong báo cáo năm 2023", record)  # fmt: skip

    record = _admission_record(_fake_adult(admin, dt.date(2024, 2, 2), people, rng))
    record["Số CCCD"] = None
    add(2024, admin, "Kết nạp", "Số CCCD", "missing-field", "thiếu số CCCD", record)

    ward_codes = [o.code for o in by_sector["wards-communes"]]
    trainees = training[
        (pd.to_datetime(training["completion_date"]).dt.year == 2023) & training["org_code"].isin(ward_codes)
    ]
    template = trainees.iloc[int(rng.integers(len(trainees)))]
    trainee_org = next(o for o in organisations if o.code == template["org_code"])
    for column, rule, note, value in (
        ("Số CCCD", "bad-id-number", "số CMND cũ 9 chữ số thay cho CCCD 12 chữ số", "173456789"),
        ("Ngày cấp giấy chứng nhận", "unparsable-date", "ghi 'chưa cấp' thay cho ngày", "chưa cấp"),
    ):
        sex = people.sex(trainee_org.sector)
        birth = people.birth_for_age(template["completion_date"], _adult_age("ward", rng))
        person = {
            "name": people.name(sex),
            "birth_date": birth,
            "id_number": people.id_number(birth, sex),
            "sex": sex,
            "class_name": template["class_name"],
            "completion_date": template["completion_date"],
        }
        record = _training_record(person)
        record[column] = value
        add(2023, trainee_org, "Bồi dưỡng", column, rule, note, record)

    # A return from an organisation that is not on the list (a company cell that reports to the
    # district, sent here by mistake): the whole file is rejected; it holds one admission.
    stranger = Organisation("??", _UNKNOWN_ORG_NAME, "enterprises", "chi-bo-co-so", "private", 1.0)
    record = _admission_record(_fake_adult(stranger, dt.date(2023, 5, 17), people, rng))
    note = f"tổ chức '{_UNKNOWN_ORG_NAME}' không có trong danh sách; cả tệp (1 dòng kết nạp) bị loại"
    # Reported on the Thông tin row that names the organisation (its label is the "column").
    file = f"returns/2023/{_UNKNOWN_ORG_FILE}"
    label = "Tổ chức cơ sở đảng"
    faults.append(Fault(file, "Thông tin", label, "unknown-organisation", note, record, 2023, None))
    return faults


# --- how each file looks ---------------------------------------------------------------------------


def _old_tone(text: str) -> str:
    """Old-style tone placement ("hoá", "thuỷ") as many offices still type it."""
    pairs = {"óa": "oá", "òa": "oà", "ỏa": "oả", "õa": "oã", "ọa": "oạ", "úy": "uý", "ùy": "uỳ",
             "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ", "óe": "oé", "òe": "oè", "Ủy": "Uỷ"}  # fmt: skip
    for new, old in pairs.items():
        text = text.replace(new, old)
    return text


def _layouts(
    organisations: list[Organisation], faults: list[Fault], rng: np.random.Generator
) -> tuple[dict[tuple[int, str], ReturnLayout], dict[tuple[int, str], str]]:
    """Per return: its quirks (title rows, text dates, one extra column) and how it names its organisation."""
    layouts: dict[tuple[int, str], ReturnLayout] = {}
    labels: dict[tuple[int, str], str] = {}
    for year in YEARS:
        for org in organisations:
            if not org.active_in(year):
                continue
            layouts[(year, org.code)] = ReturnLayout(title_row=rng.random() < 0.3, text_dates=rng.random() < 0.2)
            draw = rng.random()
            # Most returns give the code; some the name, typed in NFD or with old tone marks.
            if draw < 0.7:
                labels[(year, org.code)] = org.code
            elif draw < 0.8:
                labels[(year, org.code)] = unicodedata.normalize("NFD", org.name)
            elif draw < 0.9 and _old_tone(org.name) != org.name:
                labels[(year, org.code)] = _old_tone(org.name)
            else:
                labels[(year, org.code)] = org.name
    # And at least one names itself with old tone marks ("Văn hoá"), which matching must fold.
    old_style = next(o for o in organisations if _old_tone(o.name) != o.name and o.active_in(2023))
    labels[(2023, old_style.code)] = _old_tone(old_style.name)
    # One office added a column of its own (the admission decision number).
    ward = next(o for o in organisations if o.subtype == "ward")
    old = layouts[(2023, ward.code)]
    layouts[(2023, ward.code)] = ReturnLayout(old.title_row, old.text_dates, {"Kết nạp": ("Số quyết định",)})
    return layouts, labels


# --- checks ---------------------------------------------------------------------------------------


def _check(sample: Sample) -> None:
    """Fail loudly if the calibrated totals did not come out (a bug, never expected)."""
    cal = sample.calibration
    admitted = pd.to_datetime(sample.admissions["admission_date"]).dt.year.value_counts()
    trained = sample.training.assign(year=pd.to_datetime(sample.training["completion_date"]).dt.year)
    for year in YEARS:
        if admitted.get(year, 0) != cal.admissions[year]:
            raise AssertionError(f"{year}: {admitted.get(year, 0)} admissions, expected {cal.admissions[year]}")
        rows = trained[trained["year"] == year]
        if len(rows) != cal.training[year]:
            raise AssertionError(f"{year}: {len(rows)} trainees, expected {cal.training[year]}")
        if year in cal.training_orgs and rows["org_code"].nunique() != cal.training_orgs[year]:
            raise AssertionError(f"{year}: {rows['org_code'].nunique()} organisations sent trainees")
        own = sample.targets[(sample.targets["year"] == year) & (sample.targets["org_code"] != "TP")]
        if own["admissions_target"].sum() <= cal.admissions_target[year]:
            raise AssertionError(f"{year}: organisations' targets do not exceed the city's")


# --- writing --------------------------------------------------------------------------------------

_TITLES = {
    "Kết nạp": "DANH SÁCH ĐẢNG VIÊN MỚI ĐƯỢC KẾT NẠP NĂM {year}",
    "Bồi dưỡng": "DANH SÁCH QUẦN CHÚNG ĐƯỢC CẤP GIẤY CHỨNG NHẬN BỒI DƯỠNG NHẬN THỨC VỀ ĐẢNG NĂM {year}",
    "Chuyển chính thức": "DANH SÁCH ĐẢNG VIÊN ĐƯỢC CHUYỂN CHÍNH THỨC NĂM {year}",
}
_SORT_COLUMN = {"Kết nạp": "Ngày kết nạp", "Bồi dưỡng": "Ngày cấp giấy chứng nhận",
                "Chuyển chính thức": "Ngày chuyển chính thức"}  # fmt: skip


def _sort_key(sheet: str, record: Mapping[str, Any]) -> tuple[dt.date, str]:
    value = record.get(_SORT_COLUMN[sheet])
    if not isinstance(value, dt.date):
        value = dt.date(2023, 2, 28)  # the unreadable dates sit where the clerk typed them
    return value, str(record.get("Số CCCD") or "")


_Records = dict[str, dict[tuple[int, str], list[dict[str, Any]]]]


def _records_by_return(sample: Sample) -> _Records:
    """Valid records grouped by return: frame name -> (year, org_code) -> records (one pass per frame)."""
    grouped: _Records = {}
    for name, frame, column in (
        ("admissions", sample.admissions, "admission_date"),
        ("training", sample.training, "completion_date"),
        ("conversions", sample.conversions, "conversion_date"),
    ):
        grouped[name] = {}
        for record in frame.to_dict("records"):
            grouped[name].setdefault((record[column].year, record["org_code"]), []).append(record)
    return grouped


def _sheet_rows(
    records: _Records, year: int, org_code: str | None, extra: Sequence[Fault]
) -> tuple[dict[str, list[dict[str, Any]]], dict[int, tuple[str, int]]]:
    """Rows of each data sheet of one return (faulty rows placed among them) and where each fault went."""

    def of(name: str) -> list[dict[str, Any]]:
        return records[name].get((year, org_code), []) if org_code else []

    sheets: dict[str, list[dict[str, Any]]] = {
        "Kết nạp": [_admission_record(p) for p in of("admissions")],
        "Bồi dưỡng": [_training_record(p) for p in of("training")],
        "Chuyển chính thức": [
            {
                "Họ và tên": p["name"],
                "Số CCCD": p["id_number"],
                "Ngày kết nạp": p["admission_date"],
                "Ngày chuyển chính thức": p["conversion_date"],
            }
            for p in of("conversions")
        ],
    }
    for name, rows in sheets.items():
        rows.sort(key=lambda r, name=name: _sort_key(name, r))
    placed: dict[int, tuple[str, int]] = {}
    for fault in extra:
        sheet = "Kết nạp" if fault.sheet == "Thông tin" else fault.sheet
        rows = sheets[sheet]
        if fault.after_id:
            index = next(i for i, r in enumerate(rows) if r["Số CCCD"] == fault.after_id) + 1
        else:
            key = _sort_key(sheet, fault.record)
            index = next((i for i, r in enumerate(rows) if _sort_key(sheet, r) > key), len(rows))
        rows.insert(index, {**fault.record, "_fault": id(fault)})
    for sheet, rows in sheets.items():
        for number, row in enumerate(rows, start=1):
            row["STT"] = number
            if "_fault" in row:
                placed[row.pop("_fault")] = (sheet, number)
    return sheets, placed


def _write_return(
    out: Path, sample: Sample, records: _Records, year: int, org: Organisation | None, faults: Sequence[Fault]
) -> None:
    code = org.code if org else None
    relative = faults[0].file if org is None else f"returns/{year}/{code}.xlsx"
    sheets, placed = _sheet_rows(records, year, code, faults)
    layout = sample.layouts.get((year, code), ReturnLayout()) if code else ReturnLayout()
    if "Số quyết định" in layout.extra_columns.get("Kết nạp", ()):
        for row in sheets["Kết nạp"]:
            row["Số quyết định"] = f"{1000 + row['STT'] * 7}-QĐ/TU"
    label = sample.org_labels.get((year, code), code) if code else _UNKNOWN_ORG_NAME
    as_of = min(dt.date(year, 12, 31), PERIOD_END)
    header_rows = write_return(
        out / relative,
        organisation=label,
        year=year,
        sheets=sheets,
        info=[("Số liệu tính đến ngày", as_of), ("Ghi chú", SYNTHETIC_NOTE)],
        layout=layout,
        titles={name: title.format(year=year) for name, title in _TITLES.items()},
    )
    for fault in faults:
        sheet, number = placed[id(fault)]
        # The unknown-organisation fault is reported on the Thông tin row that names the organisation.
        fault.row = 1 if fault.rule == "unknown-organisation" else header_rows[sheet] + number


def _organisation_rows(organisations: Sequence[Organisation]) -> list[dict[str, Any]]:
    names = {s.code: s.name_vi for s in SECTORS}
    return [
        {"Mã tổ chức": o.code, "Tên tổ chức": o.name, "Khối": names[o.sector], "Loại hình": KINDS[o.kind],
         "Trực thuộc": None, "Ngày thành lập": o.active_from, "Ngày giải thể": o.active_to}
        for o in organisations
    ]  # fmt: skip


def _target_rows(targets: pd.DataFrame) -> list[dict[str, Any]]:
    headers = {"year": "Năm", "org_code": "Mã tổ chức", "admissions_target": "Chỉ tiêu kết nạp",
               "training_plan": "Kế hoạch bồi dưỡng", **{f"T{m}": f"T{m}" for m in range(1, 13)}}  # fmt: skip
    rows = []
    for record in targets.to_dict("records"):
        rows.append({headers[k]: (None if pd.isna(v) else int(v) if k != "org_code" else v) for k, v in record.items()})
    return rows


def _readme(sample: Sample) -> str:
    cal = sample.calibration
    return "\n".join(
        [
            "# Synthetic sample (DỮ LIỆU MÔ PHỎNG)",
            "",
            "**Everything in this folder is synthetic.** The people are made up (fake names, fake ID",
            "numbers, fake birth dates); the counts are random draws calibrated to the figures published",
            "for Thanh Hóa city in March 2024. Organisation names are real-sounding but their numbers are",
            "not theirs. Do not read any of it as real party-building results.",
            "",
            "Regenerate with `python -m ketnap.sample` (see `docs/sample-data.md`); never edit by hand.",
            f"Seed {sample.seed}, scale {sample.scale:g}. Data run from {PERIOD_START:%d/%m/%Y} to",
            f"{PERIOD_END:%d/%m/%Y}.",
            "",
            "Calibrated figures (valid rows only):",
            "",
            *(
                f"- {year}: {cal.admissions[year]} admissions (city target {cal.admissions_target[year]}), "
                f"{cal.training[year]} trainees (plan {cal.training_plan[year]})"
                for year in YEARS
            ),
            *(f"- {year}: {n} organisations sent trainees" for year, n in cal.training_orgs.items()),
            "",
            f"`faults.csv` lists the {len(sample.faults)} deliberately faulty rows that ingestion must",
            "quarantine.",
            "ID numbers are hashed with the public demo key (`ketnap.config.DEMO_PERSON_KEY`).",
            "",
        ]
    )


def write(sample: Sample, out: Path | None = None) -> list[Path]:
    """Write ``sample`` in the return format under ``out`` (default ``data/sample``).

    Replaces ``reference/``, ``returns/``, ``README.md`` and ``faults.csv`` in ``out``; nothing else
    there is touched.

    Parameters
    ----------
    sample
        From :func:`build`.
    out
        The data root to write.

    Returns
    -------
    list of Path
        Every written file, sorted.
    """
    out = out or paths().sample
    for sub in ("reference", "returns"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    (out / "reference").mkdir(parents=True, exist_ok=True)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "order", "name_vi", "name_en", "colour"])
    writer.writerows([s.code, s.order, s.name_vi, s.name_en, s.colour] for s in SECTORS)
    (out / "reference" / "sectors.csv").write_text(buffer.getvalue(), encoding="utf-8")

    note = [
        SYNTHETIC_NOTE,
        "",
        "Danh sách tổ chức cơ sở đảng của bộ dữ liệu mẫu; tên có thật, số liệu không có thật.",
        "Tạo bởi: python -m ketnap.sample",
    ]
    write_organisations(out / "reference" / "organisations.xlsx", _organisation_rows(sample.organisations), note=note)
    write_targets(out / "reference" / "targets.xlsx", _target_rows(sample.targets), note=[SYNTHETIC_NOTE])

    records = _records_by_return(sample)
    by_file: dict[tuple[int, str | None], list[Fault]] = {}
    for fault in sample.faults:
        by_file.setdefault((fault.year, fault.org_code), []).append(fault)
    for year in YEARS:
        for org in sample.organisations:
            if org.active_in(year):
                _write_return(out, sample, records, year, org, by_file.get((year, org.code), []))
        if (year, None) in by_file:
            _write_return(out, sample, records, year, None, by_file[(year, None)])

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "sheet", "row", "column", "rule", "note"])
    writer.writerows([f.file, f.sheet, f.row, f.column, f.rule, f.note] for f in sample.faults)
    (out / "faults.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (out / "README.md").write_text(_readme(sample), encoding="utf-8")
    return sorted(p for p in out.rglob("*") if p.is_file())


def generate(out: Path | None = None, *, seed: int = DEFAULT_SEED, scale: float = 1.0) -> Sample:
    """Build the sample and write it: what ``python -m ketnap.sample`` runs.

    Parameters
    ----------
    out
        The data root to write (default ``data/sample``).
    seed
        Random seed.
    scale
        Size factor (1 = Thanh Hóa city; larger values make more organisations and people).

    Returns
    -------
    Sample
        The sample, with each fault's Excel row filled in.
    """
    sample = build(seed=seed, scale=scale)
    write(sample, out)
    return sample


# --- the national-size set (vectorised; processed tables, no returns) ------------------------------

#: The national set covers ten full years and, like the city sample, January-February 2024.
NATIONAL_ORGANISATIONS = 52_000
NATIONAL_YEARS = 10
NATIONAL_ADMISSIONS_PER_YEAR = 200_000
NATIONAL_TRAINING_PER_YEAR = 350_000
NATIONAL_DATA_ROOT = "synthetic:national"

# Share of the national grassroots organisations per sector (admin units and enterprises dominate),
# with the share of đảng bộ cơ sở (the rest are chi bộ cơ sở).
_NATIONAL_SECTOR_SHARE = {"wards-communes": 0.21, "admin-units": 0.45, "high-schools": 0.06, "enterprises": 0.28}
_NATIONAL_DANG_BO_SHARE = {"wards-communes": 1.0, "admin-units": 0.2, "high-schools": 0.0, "enterprises": 0.25}
_NATIONAL_STEMS = {
    "wards-communes": ("phường", _WARDS + _COMMUNES),
    "admin-units": ("cơ quan", tuple(n for n, _ in _ADMIN_UNITS)),
    "high-schools": ("", _SCHOOLS),
    "enterprises": ("", tuple(e[0] for e in _ENTERPRISES)),
}
# Categories of a new member, as (value, weight); roles: 0 student, 1 teacher, 2 ward/commune, 3 admin,
# 4 enterprise.
_NATIONAL_MINORITIES = ("Tày", "Thái", "Mường", "Khmer", "H'Mông", "Nùng", "Dao")
_NATIONAL_OCCUPATIONS: dict[int, tuple[tuple[str, float], ...]] = {
    0: (("student", 1.0),),
    1: (("teacher", 1.0),),
    2: _OCCUPATIONS["ward"],
    3: _OCCUPATIONS["admin"],
    4: (("private-enterprise-worker", 0.7), ("state-enterprise-worker", 0.3)),
}
_NATIONAL_EDUCATION: dict[int, tuple[tuple[str, float], ...]] = {
    0: (("THPT", 1.0),),
    1: _EDUCATION["teacher"],
    2: _EDUCATION["ward"],
    3: _EDUCATION["admin"],
    4: _EDUCATION["enterprise"],
}
_NATIONAL_AGE = {1: (29, 5, 23), 2: (27, 6, 19), 3: (28, 4.5, 22), 4: (27, 5, 20)}  # mean, sd, min


def _person_ids(rng: np.random.Generator, n: int) -> np.ndarray:
    """``n`` random 64-bit person ids; :func:`_hex_keys` spells them as person keys (same sort order)."""
    return rng.integers(0, np.iinfo(np.uint64).max, size=n, dtype=np.uint64, endpoint=True)


def _hex_keys(ids: np.ndarray) -> pd.Series:
    """Person keys: each id as 16 lowercase hex digits (the shape of an HMAC prefix), a ``string`` column.

    The Arrow array is assembled from its buffers (fixed 16-byte offsets): building it from Python
    or numpy byte strings costs seconds per million.
    """
    octets = ids.astype(">u8").view(np.uint8).reshape(-1, 8)  # big-endian: most significant first
    digits = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
    data = np.empty((len(ids), 16), dtype=np.uint8)
    data[:, 0::2] = digits[octets >> 4]
    data[:, 1::2] = digits[octets & 0xF]
    offsets = np.arange(0, 16 * (len(ids) + 1), 16, dtype=np.int64)
    array = pa.Array.from_buffers(pa.large_string(), len(ids), [None, pa.py_buffer(offsets), pa.py_buffer(data)])
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([array])))


def _strings(values: Sequence[str], codes: np.ndarray) -> pd.Series:
    """A pyarrow-backed ``string`` column from a dictionary of values and one code per row (-1 = missing).

    Built through an Arrow dictionary array so millions of rows never become Python objects.
    """
    dictionary = pa.array(list(values), type=pa.large_string())
    indices = pa.array(codes.astype(np.int32), mask=codes < 0)
    array = pa.DictionaryArray.from_arrays(indices, dictionary).cast(pa.large_string())
    return pd.Series(pd.arrays.ArrowStringArray(pa.chunked_array([array])))


def _draw(rng: np.random.Generator, options: Sequence[tuple[str, float]], n: int) -> np.ndarray:
    weights = np.array([w for _, w in options], dtype=float)
    return rng.choice(len(options), size=n, p=weights / weights.sum())


def _categorical(
    rng: np.random.Generator, groups: np.ndarray, options: Mapping[int, Sequence[tuple[str, float]]]
) -> tuple[list[str], np.ndarray]:
    """Draw one category per row from the options of the row's group: (dictionary, codes)."""
    dictionary = sorted({value for choices in options.values() for value, _ in choices})
    position = {value: i for i, value in enumerate(dictionary)}
    codes = np.full(len(groups), -1, dtype=np.int32)
    for group, choices in options.items():
        rows = np.flatnonzero(groups == group)
        mapping = np.array([position[value] for value, _ in choices], dtype=np.int32)
        codes[rows] = mapping[_draw(rng, choices, len(rows))]
    return dictionary, codes


def _source_files(years: np.ndarray, org_index: np.ndarray, codes: np.ndarray) -> pd.Series:
    """``returns/<year>/<org_code>.xlsx`` per row, through a dictionary of the (year, org) pairs used."""
    pair = (years.astype(np.int64) - 1900) * len(codes) + org_index
    unique, inverse = np.unique(pair, return_inverse=True)
    names = [f"returns/{p // len(codes) + 1900}/{codes[p % len(codes)]}.xlsx" for p in unique.tolist()]
    return _strings(names, inverse.astype(np.int32))


def _days(values: np.ndarray) -> pd.Series:
    """``datetime64[D]`` values (NaT allowed) as the ``datetime64[ns]`` column ingestion writes."""
    return pd.Series(values.astype("datetime64[ns]"))


def build_national(
    *,
    organisations: int = NATIONAL_ORGANISATIONS,
    years: int = NATIONAL_YEARS,
    seed: int = DEFAULT_SEED,
    admissions_per_year: int = NATIONAL_ADMISSIONS_PER_YEAR,
    training_per_year: int = NATIONAL_TRAINING_PER_YEAR,
) -> dict[str, pd.DataFrame]:
    """A national-size synthetic data set, built straight as the processed tables (no returns, no names).

    For benchmarks and scale tests, not for the published figures. Vectorised with numpy: no loop
    over people, no Faker, no workbook. The data cover the ``years`` full calendar years before
    2024 and January-February 2024 (as the city sample, they stop at :data:`PERIOD_END`), so the
    reports' usual periods (``2024-02``, ``2023``) exist. Defaults: 52,000 grassroots organisations
    in the four sectors, 200,000 admissions and 350,000 training-class certificates a year (2
    million and 3,5 million over the ten full years), the conversions 12 months on, one national
    target row per year (``org_code`` missing) and a target for each organisation active in the
    year, and monthly plans for the largest 2% of organisations from 2023. Person keys are random
    16-hex strings; most of the admitted hold a certificate 1-9 months older than their admission.

    Parameters
    ----------
    organisations
        Number of grassroots organisations.
    years
        Number of full years of data (ending 2023).
    seed
        Seed of every random draw: the same arguments give the same tables.
    admissions_per_year, training_per_year
        Totals of a full year.

    Returns
    -------
    dict
        Table name -> frame, with exactly the columns of :data:`ketnap.io.TABLES` and the dtypes
        ingestion writes (:data:`ketnap.ingest.DTYPES`), rows in ingestion's order.
    """
    from ketnap.ingest import DTYPES  # late: ingestion is a large module the city sample does not need
    from ketnap.io import person_codes

    if organisations < len(SECTORS) or years < 2:
        raise ValueError("need at least one organisation per sector and two years")
    rng_orgs, rng_targets, rng_admit, rng_people, rng_train, rng_conv = (
        np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(6)
    )
    first_year = PERIOD_END.year - years
    year_list = list(range(first_year, PERIOD_END.year + 1))
    start = np.datetime64(f"{first_year}-01-01")
    end = np.datetime64(PERIOD_END.isoformat())

    # --- organisations -----------------------------------------------------------------------
    sector_codes = [s.code for s in SECTORS]
    per_sector = _largest_remainder(organisations, np.array([_NATIONAL_SECTOR_SHARE[c] for c in sector_codes]))
    sector = np.repeat(np.arange(len(SECTORS)), per_sector)
    n_orgs = len(sector)
    number = np.concatenate([np.arange(1, n + 1) for n in per_sector])
    width = len(str(per_sector.max()))
    org_codes = np.array(
        [f"{_CODE_PREFIX[sector_codes[s]]}{i:0{width}d}" for s, i in zip(sector.tolist(), number.tolist(), strict=True)]
    )
    dang_bo = rng_orgs.random(n_orgs) < np.array([_NATIONAL_DANG_BO_SHARE[c] for c in sector_codes])[sector]
    subtype = np.where(sector == 0, np.where(rng_orgs.random(n_orgs) < 0.6, 1, 0), 0)  # wards: 0 phường, 1 xã
    names = []
    for s, i, db, sub in zip(sector.tolist(), number.tolist(), dang_bo.tolist(), subtype.tolist(), strict=True):
        word, pool = _NATIONAL_STEMS[sector_codes[s]]
        word = "xã" if sector_codes[s] == "wards-communes" and sub else word
        stem = f"{word} {pool[i % len(pool)]}".strip()
        names.append(f"{'Đảng bộ' if db else 'Chi bộ'} {stem} số {i}")
    capacity = np.array([_CAPACITY[c] for c in sector_codes])[sector] * np.clip(
        rng_orgs.lognormal(0.0, 0.4, n_orgs), 0.6, 2.2
    )
    # About 1% founded and 1% dissolved during the span; 0.5% dormant (no admission, no class, ever).
    span_days = int((end - start).astype(int))
    active_from = np.full(n_orgs, np.datetime64("NaT"), dtype="datetime64[D]")
    active_to = active_from.copy()
    founded = rng_orgs.random(n_orgs) < 0.01
    dissolved = ~founded & (rng_orgs.random(n_orgs) < 0.01)
    active_from[founded] = start + rng_orgs.integers(365, span_days, founded.sum())
    active_to[dissolved] = start + rng_orgs.integers(0, span_days - 365, dissolved.sum())
    dormant = rng_orgs.random(n_orgs) < 0.005
    frames: dict[str, pd.DataFrame] = {
        "sectors": pd.DataFrame(
            {
                "sector": [s.code for s in SECTORS],
                "order": [s.order for s in SECTORS],
                "name_vi": [s.name_vi for s in SECTORS],
                "name_en": [s.name_en for s in SECTORS],
                "colour": [s.colour for s in SECTORS],
            }
        ),
        "organisations": pd.DataFrame(
            {
                "org_code": org_codes,
                "name": names,
                "sector": np.array(sector_codes)[sector],
                "kind": np.where(dang_bo, "dang-bo-co-so", "chi-bo-co-so"),
                "parent_code": None,
                "active_from": _days(active_from),
                "active_to": _days(active_to),
            }
        ),
    }

    # --- targets and monthly plans -----------------------------------------------------------
    def active_in(year: int) -> np.ndarray:
        first, last = np.datetime64(f"{year}-01-01"), min(np.datetime64(f"{year}-12-31"), end)
        return (np.isnat(active_from) | (active_from <= last)) & (np.isnat(active_to) | (active_to >= first))

    target_parts, plan_parts, yearly_admissions, org_targets = [], [], {}, {}
    planners = np.argsort(-capacity, kind="stable")[: max(1, n_orgs // 50)]
    for year in year_list:
        months = 12 if year < PERIOD_END.year else PERIOD_END.month
        # Admissions drift a little from year to year; the national target is met about 103% of the time.
        total = round(admissions_per_year * months / 12 * rng_targets.uniform(0.95, 1.05))
        yearly_admissions[year] = total
        national = round(admissions_per_year * rng_targets.uniform(0.97, 1.06))
        plan_total = round(training_per_year * rng_targets.uniform(0.85, 0.95))
        active = active_in(year)
        share = np.where(active, capacity, 0.0) / capacity[active].sum()
        # As in the city: each organisation is asked for a little more than its share.
        target = np.maximum(1, np.round(national * share * rng_targets.uniform(1.04, 1.18, n_orgs)))
        plan = np.maximum(1, np.round(plan_total * share * rng_targets.uniform(1.0, 1.12, n_orgs)))
        # Founded during the year (and a few others): no target set.
        founded_now = ~np.isnat(active_from) & (active_from.astype("datetime64[Y]").astype(int) + 1970 == year)
        unset = founded_now | (rng_targets.random(n_orgs) < 0.01)
        rows = np.flatnonzero(active)
        org_targets[year] = np.where(active & ~unset, target, np.nan)
        target_parts.append(
            pd.DataFrame(
                {
                    "year": year,
                    "org_code": np.concatenate([[None], org_codes[rows]]),
                    "admissions_target": pd.array(
                        np.concatenate([[national], np.where(unset[rows], np.nan, target[rows])]), dtype="Int64"
                    ),
                    "training_plan": pd.array(
                        np.concatenate([[plan_total], np.where(unset[rows], np.nan, plan[rows])]), dtype="Int64"
                    ),
                }
            )
        )
        if year >= 2023:
            planned = planners[active[planners] & ~unset[planners]]
            weights = np.where(sector[planned, None] == 2, _SCHOOL_MONTH_WEIGHTS, _MONTH_WEIGHTS)
            shares = target[planned, None] * weights / weights.sum(axis=1, keepdims=True)
            counts = np.floor(shares).astype(np.int64)
            # Largest remainder, row by row: the months with the largest fractions get the leftovers.
            leftover = (target[planned] - counts.sum(axis=1)).astype(np.int64)
            order = np.argsort(-(shares - counts), axis=1, kind="stable")
            bump = np.arange(12)[None, :] < leftover[:, None]
            np.put_along_axis(counts, order, np.take_along_axis(counts, order, axis=1) + bump, axis=1)
            plan_parts.append(
                pd.DataFrame(
                    {
                        "year": year,
                        "org_code": np.repeat(org_codes[planned], 12),
                        "month": np.tile(np.arange(1, 13), len(planned)),
                        "planned_admissions": counts.ravel(),
                    }
                )
            )
    frames["targets"] = pd.concat(target_parts, ignore_index=True)
    frames["monthly_plans"] = pd.concat(plan_parts, ignore_index=True)

    # --- admissions --------------------------------------------------------------------------
    org_parts, date_parts = [], []
    for year in year_list:
        weights = np.where(active_in(year) & ~dormant, np.nan_to_num(org_targets[year], nan=capacity), 0.0)
        weights *= rng_admit.lognormal(0.0, 0.3, n_orgs)
        weights[rng_admit.random(n_orgs) < 0.03] = 0.0  # some admit nobody in a given year
        counts = rng_admit.multinomial(yearly_admissions[year], weights / weights.sum())
        org = np.repeat(np.arange(n_orgs), counts)
        last_month = 12 if year < PERIOD_END.year else PERIOD_END.month
        month = np.empty(len(org), dtype=np.int64)
        for school in (False, True):
            rows = np.flatnonzero((sector[org] == 2) == school)
            w = (_SCHOOL_MONTH_WEIGHTS if school else _MONTH_WEIGHTS)[:last_month]
            month[rows] = rng_admit.choice(last_month, size=len(rows), p=w / w.sum())
        month_start = np.datetime64(f"{year}-01", "M") + month
        length = ((month_start + 1).astype("datetime64[D]") - month_start.astype("datetime64[D]")).astype(int)
        day = (rng_admit.random(len(org)) * length).astype(np.int64)
        # Ceremonies cluster just before 3/2, 19/5 and 2/9.
        for peak_month, (low, high) in _PEAK_DAYS.items():
            peak = (month == peak_month - 1) & (rng_admit.random(len(org)) < _PEAK_SHARE)
            day[peak] = rng_admit.integers(low - 1, high, peak.sum())
        date = month_start.astype("datetime64[D]") + day
        # Keep every admission within its organisation's lifetime.
        date = np.where(np.isnat(active_from[org]), date, np.maximum(date, active_from[org]))
        date = np.where(np.isnat(active_to[org]), date, np.minimum(date, active_to[org]))
        org_parts.append(org)
        date_parts.append(np.minimum(date, end))
    adm_org = np.concatenate(org_parts)
    adm_date = np.concatenate(date_parts)
    n_adm = len(adm_org)
    adm_year = adm_date.astype("datetime64[Y]").astype(np.int64) + 1970

    sector_of = sector[adm_org]
    role = np.select(
        [sector_of == 0, sector_of == 1, sector_of == 3],
        [2, 3, 4],
        default=np.where(rng_people.random(n_adm) < _TEACHER_SHARE["school"], 1, 0),
    )
    female = rng_people.random(n_adm) < np.array([_FEMALE_SHARE[c] for c in sector_codes])[sector_of]
    age = np.full(n_adm, 18, dtype=np.int64)
    for r, (mean, sd, low) in _NATIONAL_AGE.items():
        rows = np.flatnonzero(role == r)
        age[rows] = np.clip(rng_people.normal(mean, sd, len(rows)), low, 55).astype(np.int64)
    day_of_year = (adm_date - adm_date.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
    birthday_later = rng_people.random(n_adm) * 365 > day_of_year  # not yet had this year's birthday
    minority = rng_people.random(n_adm) < 0.1
    religious = rng_people.random(n_adm) < 0.045
    youth = rng_people.random(n_adm) < np.where(role == 0, 0.99, np.where(age < 31, 0.93, 0.04))
    occupations, occupation_codes = _categorical(rng_people, role, _NATIONAL_OCCUPATIONS)
    educations, education_codes = _categorical(rng_people, role, _NATIONAL_EDUCATION)
    ethnic_codes = np.where(minority, rng_people.integers(1, len(_NATIONAL_MINORITIES) + 1, n_adm), 0)
    religion_codes = np.where(religious, _draw(rng_people, _RELIGIONS, n_adm) + 1, 0)
    cell_codes = np.where(dang_bo[adm_org], rng_people.integers(0, 8, n_adm), -1)
    adm_keys = _person_ids(rng_people, n_adm)
    # Ingestion's order: date, organisation, return, person (org codes are zero-padded: sortable).
    org_rank = np.argsort(np.argsort(org_codes, kind="stable"), kind="stable")
    order = np.lexsort((adm_keys, org_rank[adm_org], adm_date))
    frames["admissions"] = pd.DataFrame(
        {
            "person_key": _hex_keys(adm_keys[order]),
            "org_code": _strings(org_codes, adm_org[order]),
            "cell": _strings([f"Chi bộ số {i}" for i in range(1, 9)], cell_codes[order]),
            "admission_date": _days(adm_date[order]),
            "sex": _strings(["M", "F"], female[order].astype(np.int32)),
            "birth_year": (adm_year - age - birthday_later)[order],
            "age_at_admission": age[order],
            "ethnic_group": _strings(["Kinh", *_NATIONAL_MINORITIES], ethnic_codes[order]),
            "ethnic_minority": minority[order],
            "religion": _strings(["Không", *(r for r, _ in _RELIGIONS)], religion_codes[order]),
            "religious": religious[order],
            "youth_union": youth[order],
            "occupation": _strings(occupations, occupation_codes[order]),
            "education": _strings(educations, education_codes[order]),
            "source_file": _source_files(adm_year[order], adm_org[order], org_codes),
        }
    )

    # --- training: most of the admitted, 1-9 months before (students 1-4), plus those not (yet) admitted
    linked = rng_train.random(n_adm) < 0.95
    lead = np.where(role == 0, rng_train.integers(30, 120, n_adm), rng_train.integers(30, 270, n_adm))
    certificate = adm_date - lead
    linked &= certificate >= start
    certificate_year = certificate.astype("datetime64[Y]").astype(np.int64) + 1970
    extra_parts, extra_org_parts = [], []
    for year in year_list:
        last_month = 12 if year < PERIOD_END.year else PERIOD_END.month
        wanted = round(training_per_year * last_month / 12)
        extra = max(0, wanted - int((linked & (certificate_year == year)).sum()))
        weights = np.where(active_in(year) & ~dormant, capacity, 0.0)
        org = rng_train.choice(n_orgs, size=extra, p=weights / weights.sum())
        # One class a month per organisation, certificates mid-month.
        month = rng_train.integers(0, last_month, extra)
        extra_parts.append(
            (np.datetime64(f"{year}-01", "M") + month).astype("datetime64[D]") + rng_train.integers(11, 26, extra)
        )
        extra_org_parts.append(org)
    extra_date = np.minimum(np.concatenate(extra_parts), end)
    extra_org = np.concatenate(extra_org_parts)
    n_extra = len(extra_date)
    extra_year = extra_date.astype("datetime64[Y]").astype(np.int64) + 1970
    train_keys = np.concatenate([adm_keys[linked], _person_ids(rng_train, n_extra)])
    train_org = np.concatenate([adm_org[linked], extra_org])
    train_date = np.concatenate([certificate[linked], extra_date])
    train_female = np.concatenate([female[linked], rng_train.random(n_extra) < 0.55])
    train_birth = np.concatenate(
        [(adm_year - age - birthday_later)[linked], extra_year - np.clip(rng_train.normal(26, 6, n_extra), 18, 55)]
    ).astype(np.int64)
    train_month = train_date.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    train_year = train_month // 12 + 1970
    classes = np.unique(train_month)
    order = np.lexsort((train_keys, org_rank[train_org], train_date))
    frames["training"] = pd.DataFrame(
        {
            "person_key": _hex_keys(train_keys[order]),
            "org_code": _strings(org_codes, train_org[order]),
            "class_name": _strings(
                [f"Lớp {m % 12 + 1:02d}/{m // 12 + 1970}" for m in classes.tolist()],
                np.searchsorted(classes, train_month[order]).astype(np.int32),
            ),
            "completion_date": _days(train_date[order]),
            "sex": _strings(["M", "F"], train_female[order].astype(np.int32)),
            "birth_year": train_birth[order],
            "source_file": _source_files(train_year[order], train_org[order], org_codes),
        }
    )

    # --- conversions: 12 months on (a few weeks later), 2% extended probation; none after the data end
    due = (adm_date.astype("datetime64[M]") + 12).astype("datetime64[D]") + (
        adm_date - adm_date.astype("datetime64[M]").astype("datetime64[D]")
    )
    converted_on = due + rng_conv.integers(0, 15, n_adm)
    converts = (converted_on <= end) & (rng_conv.random(n_adm) >= 0.02)
    converts &= np.isnat(active_to[adm_org]) | (converted_on <= active_to[adm_org])
    rows = np.flatnonzero(converts)
    order = rows[np.lexsort((adm_keys[rows], org_rank[adm_org[rows]], converted_on[rows]))]
    frames["conversions"] = pd.DataFrame(
        {
            "person_key": _hex_keys(adm_keys[order]),
            "org_code": _strings(org_codes, adm_org[order]),
            "admission_date": _days(adm_date[order]),
            "conversion_date": _days(converted_on[order]),
            "source_file": _source_files(
                converted_on[order].astype("datetime64[Y]").astype(np.int64) + 1970, adm_org[order], org_codes
            ),
        }
    )
    return person_codes({name: frames[name][list(DTYPES[name])].astype(DTYPES[name]) for name in DTYPES})


def write_national(out: Path, **options: Any) -> dict[str, Any]:
    """Build :func:`build_national` and write it as a processed folder: the Parquet tables and ``manifest.json``.

    ``out`` can then be read with :func:`ketnap.io.load` like ``data/processed``. The manifest has
    the keys ingestion writes; ``data_root`` is :data:`NATIONAL_DATA_ROOT`, no input files, and no
    timestamps, so the same options write the same bytes.

    Returns
    -------
    dict
        The manifest.
    """
    from ketnap import __version__
    from ketnap.io import write_json_atomic, write_table

    tables = build_national(**options)
    for name, frame in tables.items():
        write_table(frame, name, out)
    last = max(tables["admissions"]["admission_date"].max(), tables["training"]["completion_date"].max(),
               tables["conversions"]["conversion_date"].max())  # fmt: skip
    manifest: dict[str, Any] = {
        "data_root": NATIONAL_DATA_ROOT,
        "as_of": last.date().isoformat(),
        "inputs": [],
        "row_counts": {name: len(frame) for name, frame in tables.items()},
        "rows_quarantined": 0,
        "errors": 0,
        "warnings": 0,
        "unreadable_files": [],
        "person_key_source": "synthetic",
        "generator": {"seed": options.get("seed", DEFAULT_SEED), **{k: v for k, v in options.items() if k != "seed"}},
        "ketnap_version": __version__,
    }
    write_json_atomic(manifest, out / "manifest.json")
    return manifest


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m ketnap.sample [--out DIR] [--seed N] [--scale F]``.

    With ``--national``: ``python -m ketnap.sample --national --out DIR [--organisations N]
    [--years N] [--seed N]`` writes the national-size processed tables (:func:`write_national`).
    """
    parser = argparse.ArgumentParser(prog="python -m ketnap.sample", description=__doc__.splitlines()[0])
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
