"""The national-size synthetic set: the processed tables of a whole country's admissions, for benchmarks.

What lives here: :func:`build_national` (52,000 grassroots organisations and ten years by default,
built straight as the processed tables, vectorised with numpy and Arrow) and :func:`write_national`
(those tables as a processed folder with its ``manifest.json``, readable with ``ketnap.io.load``);
``bench/scale.py`` runs it through ``python -m ketnap.synth --national``.

What does not: the calibrated city sample and its returns (:mod:`ketnap.synth.city`), the shared
sectors, organisation names, seasonality and trait distributions (:mod:`ketnap.synth.population`),
which this module draws from. No names, no ID numbers, no workbooks: it needs neither Faker nor the
workbook writer, and never feeds the published figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from ketnap import __version__
from ketnap.io import empty_table, person_codes, write_json_atomic, write_table
from ketnap.schema import DTYPES, MAJORITY_ETHNIC_GROUP, NO_RELIGION
from ketnap.synth.population import (
    ADMIN_UNITS,
    CAPACITY,
    CODE_PREFIX,
    COMMUNES,
    DEFAULT_SEED,
    EDUCATION_CHOICES,
    ENTERPRISES,
    FEMALE_SHARE,
    MONTH_WEIGHTS,
    OCCUPATION_CHOICES,
    PEAK_DAYS,
    PEAK_SHARE,
    PERIOD_END,
    RELIGION_CHOICES,
    SCHOOL_MONTH_WEIGHTS,
    SCHOOLS,
    SECTORS,
    TEACHER_SHARE,
    WARDS,
    Choices,
    largest_remainder,
)

__all__ = [
    "NATIONAL_ADMISSIONS_PER_YEAR",
    "NATIONAL_DATA_ROOT",
    "NATIONAL_ORGANISATIONS",
    "NATIONAL_TRAINING_PER_YEAR",
    "NATIONAL_YEARS",
    "build_national",
    "write_national",
]

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
    "wards-communes": ("phường", WARDS + COMMUNES),
    "admin-units": ("cơ quan", tuple(n for n, _ in ADMIN_UNITS)),
    "high-schools": ("", SCHOOLS),
    "enterprises": ("", tuple(e[0] for e in ENTERPRISES)),
}
# Categories of a new member (value, weight pairs) by role: 0 student, 1 teacher, 2 ward/commune, 3 admin,
# 4 enterprise.
_NATIONAL_MINORITIES = ("Tày", "Thái", "Mường", "Khmer", "H'Mông", "Nùng", "Dao")
_NATIONAL_OCCUPATIONS: dict[int, Choices] = {
    0: (("student", 1.0),),
    1: (("teacher", 1.0),),
    2: OCCUPATION_CHOICES["ward"],
    3: OCCUPATION_CHOICES["admin"],
    4: (("private-enterprise-worker", 0.7), ("state-enterprise-worker", 0.3)),
}
_NATIONAL_EDUCATION: dict[int, Choices] = {
    0: (("THPT", 1.0),),
    1: EDUCATION_CHOICES["teacher"],
    2: EDUCATION_CHOICES["ward"],
    3: EDUCATION_CHOICES["admin"],
    4: EDUCATION_CHOICES["enterprise"],
}
# Age at admission (mean, sd, min) by role; students are 18.
_NATIONAL_AGE: dict[int, tuple[float, float, float]] = {
    1: (29, 5, 23),
    2: (27, 6, 19),
    3: (28, 4.5, 22),
    4: (27, 5, 20),
}


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


def _strings(values: Sequence[str] | np.ndarray, codes: np.ndarray) -> pd.Series:
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
        Table name -> frame, with exactly the columns of :data:`ketnap.schema.TABLES` and the dtypes
        ingestion writes (:data:`ketnap.schema.DTYPES`), rows in ingestion's order.
    """
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
    per_sector = largest_remainder(organisations, np.array([_NATIONAL_SECTOR_SHARE[c] for c in sector_codes]))
    sector = np.repeat(np.arange(len(SECTORS)), per_sector)
    n_orgs = len(sector)
    number = np.concatenate([np.arange(1, n + 1) for n in per_sector])
    width = len(str(per_sector.max()))
    org_codes = np.array(
        [f"{CODE_PREFIX[sector_codes[s]]}{i:0{width}d}" for s, i in zip(sector.tolist(), number.tolist(), strict=True)]
    )
    dang_bo = rng_orgs.random(n_orgs) < np.array([_NATIONAL_DANG_BO_SHARE[c] for c in sector_codes])[sector]
    subtype = np.where(sector == 0, np.where(rng_orgs.random(n_orgs) < 0.6, 1, 0), 0)  # wards: 0 phường, 1 xã
    names = []
    for s, i, db, sub in zip(sector.tolist(), number.tolist(), dang_bo.tolist(), subtype.tolist(), strict=True):
        word, pool = _NATIONAL_STEMS[sector_codes[s]]
        word = "xã" if sector_codes[s] == "wards-communes" and sub else word
        stem = f"{word} {pool[i % len(pool)]}".strip()
        names.append(f"{'Đảng bộ' if db else 'Chi bộ'} {stem} số {i}")
    capacity = np.array([CAPACITY[c] for c in sector_codes])[sector] * np.clip(
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
                "group": None,  # no working groups at national scale
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
            weights = np.where(sector[planned, None] == 2, SCHOOL_MONTH_WEIGHTS, MONTH_WEIGHTS)
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
        expected = np.where(np.isnan(org_targets[year]), capacity, org_targets[year])  # no target: capacity
        weights = np.where(active_in(year) & ~dormant, expected, 0.0)
        weights *= rng_admit.lognormal(0.0, 0.3, n_orgs)
        weights[rng_admit.random(n_orgs) < 0.03] = 0.0  # some admit nobody in a given year
        counts = rng_admit.multinomial(yearly_admissions[year], weights / weights.sum())
        org = np.repeat(np.arange(n_orgs), counts)
        last_month = 12 if year < PERIOD_END.year else PERIOD_END.month
        month = np.empty(len(org), dtype=np.int64)
        for school in (False, True):
            rows = np.flatnonzero((sector[org] == 2) == school)
            w = (SCHOOL_MONTH_WEIGHTS if school else MONTH_WEIGHTS)[:last_month]
            month[rows] = rng_admit.choice(last_month, size=len(rows), p=w / w.sum())
        month_start = np.datetime64(f"{year}-01", "M") + month
        length = ((month_start + 1).astype("datetime64[D]") - month_start.astype("datetime64[D]")).astype(int)
        day = (rng_admit.random(len(org)) * length).astype(np.int64)
        # Ceremonies cluster just before 3/2, 19/5 and 2/9.
        for peak_month, (low, high) in PEAK_DAYS.items():
            peak = (month == peak_month - 1) & (rng_admit.random(len(org)) < PEAK_SHARE)
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
        default=np.where(rng_people.random(n_adm) < TEACHER_SHARE["school"], 1, 0),
    )
    female = rng_people.random(n_adm) < np.array([FEMALE_SHARE[c] for c in sector_codes])[sector_of]
    age = np.full(n_adm, 18, dtype=np.int64)
    for r, (mean, sd, youngest) in _NATIONAL_AGE.items():
        rows = np.flatnonzero(role == r)
        age[rows] = np.clip(rng_people.normal(mean, sd, len(rows)), youngest, 55).astype(np.int64)
    day_of_year = (adm_date - adm_date.astype("datetime64[Y]").astype("datetime64[D]")).astype(np.int64)
    birthday_later = rng_people.random(n_adm) * 365 > day_of_year  # not yet had this year's birthday
    minority = rng_people.random(n_adm) < 0.1
    religious = rng_people.random(n_adm) < 0.045
    youth = rng_people.random(n_adm) < np.where(role == 0, 0.99, np.where(age < 31, 0.93, 0.04))
    occupations, occupation_codes = _categorical(rng_people, role, _NATIONAL_OCCUPATIONS)
    educations, education_codes = _categorical(rng_people, role, _NATIONAL_EDUCATION)
    ethnic_codes = np.where(minority, rng_people.integers(1, len(_NATIONAL_MINORITIES) + 1, n_adm), 0)
    religion_codes = np.where(religious, _draw(rng_people, RELIGION_CHOICES, n_adm) + 1, 0)
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
            "ethnic_group": _strings([MAJORITY_ETHNIC_GROUP, *_NATIONAL_MINORITIES], ethnic_codes[order]),
            "ethnic_minority": minority[order],
            "religion": _strings([NO_RELIGION, *(r for r, _ in RELIGION_CHOICES)], religion_codes[order]),
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
    # No register, no groups, no history (its founded and dissolved organisations have their dates only).
    frames |= {name: empty_table(name) for name in ("returns", "return_months", "groups", "organisation_events")}
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
