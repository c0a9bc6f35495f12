"""The synthetic population both generators draw from: who the organisations are, when people are admitted, who.

What lives here: the period the data cover and the default seed; the four sectors (written to
``reference/sectors.csv``); the city's organisation catalogue (real-sounding names, codes, relative
admissions capacity), the :class:`Organisation` record and :func:`draw_organisations`, which draws the
city sample's list; the seasonality of admissions (month weights, ceremony days); the distributions
of a new member's sex, age, ethnicity, religion, occupation and education; and
:func:`largest_remainder`, which splits a total into integers. All of it is plain data or small
helpers over a given ``numpy`` generator.

What does not: Faker and the fake people themselves (:mod:`ketnap.synth.people`), the calibrated city
sample (:mod:`ketnap.synth.city`), the national-size tables (:mod:`ketnap.synth.national`). This
module imports neither Faker nor the workbook writer, so the national generator can use it freely.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

__all__ = [
    "ADMIN_UNITS",
    "AGE",
    "CAPACITY",
    "CODE_PREFIX",
    "COMMUNES",
    "DEFAULT_SEED",
    "EDUCATION_CHOICES",
    "ENTERPRISES",
    "FEMALE_SHARE",
    "GROUPS",
    "MINORITY_CHOICES",
    "MONTH_WEIGHTS",
    "OCCUPATION_CHOICES",
    "PEAK_DAYS",
    "PEAK_SHARE",
    "PERIOD_END",
    "PERIOD_START",
    "RELIGION_CHOICES",
    "SCHOOLS",
    "SCHOOL_MONTH_WEIGHTS",
    "SECTORS",
    "TEACHER_SHARE",
    "WARDS",
    "YEARS",
    "Choices",
    "Group",
    "Organisation",
    "Sector",
    "cells",
    "draw_organisations",
    "group_of",
    "largest_remainder",
    "month_end",
]

#: The city sample covers 01/01/2022 to the article's "now": data stop at 29/02/2024 (the national set
#: starts earlier and stops there too).
PERIOD_START = dt.date(2022, 1, 1)
PERIOD_END = dt.date(2024, 2, 29)
YEARS: tuple[int, ...] = (2022, 2023, 2024)
DEFAULT_SEED = 20240318  # the article's publication date


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
class Group:
    """One of the Standing Board's working groups (tổ công tác), as written to ``reference/groups.csv``.

    Its head is named by post (a Standing Board member's), never by a person's name.
    """

    code: str
    order: int
    name_vi: str
    name_en: str
    head_vi: str
    head_en: str
    subtypes: tuple[str, ...]  # the organisations it follows, by their subtype


#: The article's five working groups, each headed by a member of the Standing Board, following the
#: sectors (the wards and the communes apart): every organisation of the sample is in exactly one.
GROUPS: tuple[Group, ...] = (
    Group("TCT1", 1, "Tổ công tác số 1", "Working group 1", "Phó Bí thư Thường trực Thành ủy",
          "Standing Deputy Secretary of the City Committee", ("ward",)),
    Group("TCT2", 2, "Tổ công tác số 2", "Working group 2", "Trưởng Ban Tổ chức Thành ủy",
          "Head of the City Committee's Organisation Board", ("commune",)),
    Group("TCT3", 3, "Tổ công tác số 3", "Working group 3", "Chủ nhiệm Ủy ban Kiểm tra Thành ủy",
          "Chair of the City Committee's Inspection Commission", ("admin",)),
    Group("TCT4", 4, "Tổ công tác số 4", "Working group 4", "Trưởng Ban Tuyên giáo Thành ủy",
          "Head of the City Committee's Propaganda Board", ("school", "centre")),
    Group("TCT5", 5, "Tổ công tác số 5", "Working group 5", "Chánh Văn phòng Thành ủy",
          "Chief of the City Committee's Office", ("state", "private")),
)  # fmt: skip


def group_of(subtype: str) -> str:
    """The code of the working group that follows organisations of ``subtype``.

    >>> group_of("ward"), group_of("centre"), group_of("private")
    ('TCT1', 'TCT4', 'TCT5')
    """
    return next(g.code for g in GROUPS if subtype in g.subtypes)


# --- the organisation catalogue -------------------------------------------------------------------

WARDS = (
    "Ba Đình", "Điện Biên", "Lam Sơn", "Trường Thi", "Nam Ngạn", "Hàm Rồng", "Đông Thọ", "Đông Vệ",
    "Đông Sơn", "Đông Hương", "Đông Hải", "Quảng Hưng", "Quảng Thắng", "Quảng Thành", "Tào Xuyên",
    "Quảng Phú", "Phú Sơn", "Ngọc Trạo", "An Hưng", "Đông Cương", "Đông Lĩnh", "Đông Tân",
)  # fmt: skip
COMMUNES = (
    "Thiệu Dương", "Thiệu Khánh", "Thiệu Vân", "Hoằng Quang", "Hoằng Đại", "Đông Vinh", "Long Anh",
    "Quảng Cát", "Quảng Thịnh", "Quảng Minh", "Quảng Đông", "Quảng Tâm",
)  # fmt: skip
SCHOOLS = (
    "Trường THPT Chuyên Lam Sơn", "Trường THPT Hàm Rồng", "Trường THPT Đào Duy Từ",
    "Trường THPT Nguyễn Trãi", "Trường THPT Đông Sơn", "Trường THPT Trường Thi",
    "Trường THPT Tô Hiến Thành", "Trường THPT Lý Thường Kiệt", "Trường THPT Nguyễn Huệ",
    "Trường THPT Đào Duy Anh", "Trung tâm GDNN-GDTX thành phố",
)  # fmt: skip
# (name, kind): đảng bộ cơ sở for the larger units, chi bộ cơ sở for the rest.
ADMIN_UNITS = (
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
ENTERPRISES = (
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
#: Organisation codes: a prefix per sector and a zero-padded number (``PX01``, ``DN12``).
CODE_PREFIX: dict[str, str] = {"wards-communes": "PX", "admin-units": "HC", "high-schools": "TH", "enterprises": "DN"}
#: Mean admissions capacity of one organisation, relative; schools admit the most (students).
CAPACITY: dict[str, float] = {"wards-communes": 9.0, "admin-units": 3.4, "high-schools": 19.0, "enterprises": 3.2}


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
            last = month_end(year, month)
            if first > PERIOD_END:
                break
            if (self.active_from is None or self.active_from <= last) and (
                self.active_to is None or self.active_to >= first
            ):
                months.append(month)
        return months


def month_end(year: int, month: int) -> dt.date:
    """The last day of ``month`` of ``year``."""
    return (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


def _catalogue() -> list[tuple[str, str, str, str, str]]:
    """(sector, name, kind, subtype, special) for every organisation of the city."""
    rows: list[tuple[str, str, str, str, str]] = []
    rows += [("wards-communes", f"Đảng bộ phường {n}", "dang-bo-co-so", "ward", "") for n in WARDS]
    rows += [("wards-communes", f"Đảng bộ xã {n}", "dang-bo-co-so", "commune", "") for n in COMMUNES]
    rows += [("admin-units", f"{_kind_prefix(k)} {n}", k, "admin", "") for n, k in ADMIN_UNITS]
    for name in SCHOOLS:
        subtype = "centre" if name.startswith("Trung tâm") else "school"
        rows.append(("high-schools", f"Chi bộ {name}", "chi-bo-co-so", subtype, ""))
    for name, kind, state, special in ENTERPRISES:
        rows.append(("enterprises", f"{_kind_prefix(kind)} {name}", kind, "state" if state else "private", special))
    return rows


def _kind_prefix(kind: str) -> str:
    return "Đảng bộ" if kind == "dang-bo-co-so" else "Chi bộ"


def draw_organisations(rng: np.random.Generator, scale: float) -> list[Organisation]:
    """The city sample's organisations; ``scale`` replicates (or trims) each sector's list.

    Draws each organisation's capacity from ``rng``; the dormant, dissolved and newly founded
    organisations of the sample's story are marked in :data:`ENTERPRISES`.
    """
    by_sector: dict[str, list[tuple[str, str, str, str, str]]] = {s.code: [] for s in SECTORS}
    for row in _catalogue():
        by_sector[row[0]].append(row)
    result: list[Organisation] = []
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
        capacities = CAPACITY[sector.code] * np.clip(rng.lognormal(0.0, 0.4, size=len(rows)), 0.6, 2.2)
        for i, ((name, kind, subtype, special), capacity) in enumerate(zip(rows, capacities, strict=True)):
            result.append(
                Organisation(
                    code=f"{CODE_PREFIX[sector.code]}{i + 1:0{width}d}",
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
    return result


def cells(organisation: Organisation) -> list[str]:
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


# --- seasonality ----------------------------------------------------------------------------------

#: Admissions cluster before 3/2 (Party founding day), 19/5 (Hồ Chí Minh's birthday) and 2/9
#: (National Day); schools admit during the school year, most before the graduation exams.
MONTH_WEIGHTS: np.ndarray = np.array([0.9, 1.8, 1.0, 0.9, 1.7, 0.9, 0.6, 0.7, 1.9, 0.9, 0.9, 1.1])
SCHOOL_MONTH_WEIGHTS: np.ndarray = np.array([1.3, 1.8, 1.4, 1.3, 1.7, 0.2, 0.0, 0.0, 0.4, 0.5, 0.8, 1.2])
#: The days just before each anniversary (month -> first and last day), when the admission
#: ceremonies are held, and the share of a peak month's admissions that fall on them.
PEAK_DAYS: dict[int, tuple[int, int]] = {2: (1, 3), 5: (15, 19), 9: (1, 2)}
PEAK_SHARE = 0.45


# --- who is admitted ------------------------------------------------------------------------------

#: Share of women among the people admitted, per sector.
FEMALE_SHARE: dict[str, float] = {
    "wards-communes": 0.55,
    "admin-units": 0.58,
    "high-schools": 0.63,
    "enterprises": 0.48,
}
#: (value, weight) pairs a category is drawn from; values as the returns spell them (occupations by
#: their code: ``ketnap.schema.OCCUPATIONS.label`` gives the label). EDUCATION_CHOICES, OCCUPATION_CHOICES
#: and AGE are keyed by role: an organisation's subtype (ward, commune, admin, state, private) or
#: teacher (education has one "enterprise" entry for both kinds of company).
Choices = tuple[tuple[str, float], ...]
#: Ethnic minorities of the province (about 3.5% of the city's new members are of one).
MINORITY_CHOICES: Choices = (("Mường", 0.55), ("Thái", 0.3), ("Thổ", 0.1), ("Dao", 0.05))
#: Religions of the religious (about 4.5% of new members).
RELIGION_CHOICES: Choices = (("Công giáo", 0.6), ("Phật giáo", 0.35), ("Tin lành", 0.05))
EDUCATION_CHOICES: dict[str, Choices] = {
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
OCCUPATION_CHOICES: dict[str, Choices] = {
    "ward": (("self-employed", 0.3), ("private-enterprise-worker", 0.24), ("civil-servant", 0.16),
             ("student", 0.08), ("farmer", 0.04), ("other", 0.18)),
    "commune": (("farmer", 0.3), ("self-employed", 0.25), ("private-enterprise-worker", 0.2),
                ("civil-servant", 0.1), ("student", 0.05), ("other", 0.1)),
    "admin": (("civil-servant", 0.92), ("other", 0.08)),
    "state": (("state-enterprise-worker", 1.0),),
    "private": (("private-enterprise-worker", 1.0),),
}  # fmt: skip
#: Age at admission (mean, sd, min) for adults; students are 18.
AGE: dict[str, tuple[float, float, float]] = {
    "ward": (27, 6, 19), "commune": (26, 5, 19), "admin": (28, 4.5, 22), "teacher": (29, 5, 23),
    "state": (28, 5, 20), "private": (27, 5, 20),
}  # fmt: skip
#: Share of teachers among those a school (or the education centre) admits; the rest are students.
TEACHER_SHARE: dict[str, float] = {"school": 0.08, "centre": 0.2}


# --- arithmetic -----------------------------------------------------------------------------------


def largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    """Integers proportional to ``weights`` that add up to ``total`` exactly."""
    shares = total * weights / weights.sum()
    counts = np.floor(shares).astype(int)
    order = np.argsort(-(shares - counts), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts
