"""The calibrated synthetic sample: fake returns that reproduce the published figures of Thanh Hóa city.

Everything here is synthetic. People are made up (Faker ``vi_VN`` names, fake ID numbers), the
organisations are real-sounding names of the city's wards, schools, offices and companies, and the
counts are drawn at random, except that the totals are *calibration targets*: the generator
allocates each total across organisations and months with a seeded multinomial and then writes
one record per person, so the published figures (735 admissions in 2023 against 707, 1.253
trainees from 109 organisations against a plan of 1.071, 231 admissions in January-February 2024
against 817) emerge from the records rather than being written anywhere.

What lives here: the calibration figures, :func:`build` (the sample in memory: targets, admissions,
training, conversions and the deliberately faulty rows), :func:`write` (the files, in the return
format of ``docs/data-dictionary.md``) and :func:`generate` (both; what ``make sample`` runs through
``python -m ketnap.synth``).

What does not: the sectors, organisation catalogue, seasonality and trait distributions
(:mod:`ketnap.synth.population`); names and ID numbers (:mod:`ketnap.synth.people`, with Faker);
the national-size set for benchmarks (:mod:`ketnap.synth.national`); the command line
(:mod:`ketnap.synth.__main__`); workbook layout and byte-reproducible saving (``ketnap.workbook``).
``docs/sample-data.md`` describes the sample and lists its deliberately faulty rows.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import shutil
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, cast

import numpy as np
import pandas as pd

from ketnap import schema
from ketnap.config import paths
from ketnap.schema import (
    ADMISSIONS_SHEET,
    CITY_CODE,
    CONVERSIONS_SHEET,
    INFO_SHEET,
    ORG_LABEL,
    REGISTER_NAME,
    RETURN_SHEETS,
    TRAINING_SHEET,
)
from ketnap.synth.history import FIRST_COPY_FOLDER, JANUARY_FOLDER, first_copy, plan_cycle
from ketnap.synth.people import People, adult_age, attributes, role_of
from ketnap.synth.population import (
    DEFAULT_SEED,
    GROUPS,
    MONTH_WEIGHTS,
    PEAK_DAYS,
    PEAK_SHARE,
    PERIOD_END,
    PERIOD_START,
    SCHOOL_MONTH_WEIGHTS,
    SECTORS,
    YEARS,
    Organisation,
    cells,
    draw_organisations,
    group_of,
    largest_remainder,
    month_end,
)
from ketnap.workbook import (
    ReturnLayout,
    write_organisations,
    write_return,
    write_targets,
)

__all__ = [
    "SYNTHETIC_NOTE",
    "Calibration",
    "Fault",
    "Sample",
    "build",
    "generate",
    "write",
]

SYNTHETIC_NOTE = "DỮ LIỆU MÔ PHỎNG – không phải số liệu thật (synthetic data, not real figures)"
#: The ``Thông tin`` row that carries :data:`SYNTHETIC_NOTE` (a label ingestion does not read; the
#: same words as the ``note`` column's header, but not that column).
_NOTE_LABEL = "Ghi chú"


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


# --- seasonality ----------------------------------------------------------------------------------


def _month_weights(organisation: Organisation, year: int) -> np.ndarray:
    base = SCHOOL_MONTH_WEIGHTS if organisation.sector == "high-schools" else MONTH_WEIGHTS
    mask = np.zeros(12)
    mask[[m - 1 for m in organisation.active_months(year)]] = 1.0
    return base * mask


def _admission_day(organisation: Organisation, year: int, month: int, rng: np.random.Generator) -> dt.date:
    first = dt.date(year, month, 1)
    last = min(month_end(year, month), PERIOD_END)
    if organisation.active_from and organisation.active_from > first:
        first = organisation.active_from
    if organisation.active_to and organisation.active_to < last:
        last = organisation.active_to
    window = PEAK_DAYS.get(month)
    if window and rng.random() < PEAK_SHARE:
        low, high = max(first.day, window[0]), min(last.day, window[1])
        if low <= high:
            return dt.date(year, month, int(rng.integers(low, high + 1)))
    return dt.date(year, month, int(rng.integers(first.day, last.day + 1)))


# --- the sample in memory -------------------------------------------------------------------------


@dataclass
class Fault:
    """One deliberately faulty row (never counted): where it is and which ingestion rule rejects it.

    ``field`` is the field of the faulty cell (``record`` is keyed by field, as the writer takes it);
    ``None`` for a fault of the whole file, reported on the ``Thông tin`` row naming the organisation.
    ``row`` is the Excel row number, known once the file is written.
    """

    file: str
    sheet: str
    field: str | None
    rule: str
    note: str
    record: dict[str, Any]
    year: int
    org_code: str | None
    after_id: str | None = None  # place the row right after this person's row (duplicates)
    row: int | None = None

    @property
    def column(self) -> str:
        """The faulty column's header, as the quarantine file names it (the organisation's label for a file)."""
        if self.field is None:
            return ORG_LABEL
        sheet = next(s for s in RETURN_SHEETS if s.sheet == self.sheet)
        return schema.column(sheet.columns, self.field).header


@dataclass
class Sample:
    """The synthetic sample in memory. Frames hold valid records only; faulty rows are in ``faults``.

    Attributes
    ----------
    organisations
        One :class:`Organisation` per grassroots organisation.
    targets
        ``year, org_code`` (``"TP"`` = city), ``admissions_target``, ``training_plan`` (nullable ints) and
        ``month_1`` … ``month_12`` monthly plans (nullable; columns ``T1`` … ``T12`` of the workbook).
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
    #: The organisations' history (sheet ``Lịch sử``): rows keyed by field, ``event`` as stored.
    events: list[dict[str, Any]] = field(default_factory=list)
    #: Organisations merged into another (code -> successor's code): their returns cycle is drawn as before.
    merged: dict[str, str] = field(default_factory=dict)
    #: The records the merger moved to the successor: (table, id number, date) -> the code they were drawn for.
    drawn_for: dict[tuple[str, str, Any], str] = field(default_factory=dict)


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """``frame``'s rows as dicts. Our column labels are strings; pandas types them as any ``Hashable``."""
    return cast("list[dict[str, Any]]", frame.to_dict("records"))


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
            {"year": year, "org_code": CITY_CODE, "admissions_target": calibration.admissions_target[year],
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
                weights = SCHOOL_MONTH_WEIGHTS if org.sector == "high-schools" else MONTH_WEIGHTS
                for month, planned in enumerate(largest_remainder(target, weights), start=1):
                    row[f"month_{month}"] = int(planned)
            rows.append(row)
    frame = pd.DataFrame(rows)
    columns = ["year", "org_code", "admissions_target", "training_plan", *(f"month_{m}" for m in range(1, 13))]
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
    people = People(rng_people, seed)

    organisations = draw_organisations(rng_orgs, scale)
    by_code = {o.code: o for o in organisations}
    targets = _targets(organisations, calibration, rng_targets)
    admitted = _allocate_admissions(organisations, calibration, targets, rng_admit)
    classes = _class_dates(rng_train)
    trainers = {year: _trainers(organisations, calibration, year) for year in YEARS}

    admissions: list[dict[str, Any]] = []
    training: list[dict[str, Any]] = []
    for org, admitted_on in admitted:
        role = role_of(org, rng_people)
        certificate = _linked_class(org, role, admitted_on, classes, trainers, rng_train)
        sex = people.sex(org.sector)
        if role == "student":
            # Students are admitted in the school year they turn 18, and are 18 by the class too.
            reference = certificate or admitted_on
            birth = people.birth_for_age(reference, 18 + rng_people.uniform(0.02, 0.55))
        else:
            birth = people.birth_for_age(admitted_on, adult_age(role, rng_people))
        age = (admitted_on - birth).days / 365.25
        person = {
            "org_code": org.code,
            "name": people.name(sex),
            "birth_date": birth,
            "id_number": people.id_number(birth, sex),
            "sex": sex,
            **attributes(role, age, rng_people),
            "admission_date": admitted_on,
            "cell": _pick(cells(org), rng_people),
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
    return _with_history(sample)


#: The sample's history (``docs/sample-data.md``): a ward merged into its neighbour on 01/01/2024 (one that
#: admitted nobody in 2024: its trainees and full memberships of January-February go to its successor, and
#: its 2024 target and plan are added to the successor's), an office renamed on 01/07/2023, and the catalogue's
#: enterprises founded in 2023 and dissolved in 2022 (their validity was already there; now with events).
_MERGED = ("Đảng bộ phường Quảng Thành", "Đảng bộ phường Quảng Thắng", dt.date(2024, 1, 1))
_RENAMED = ("Chi bộ Phòng Văn hóa và Thông tin", "Chi bộ Phòng Văn hóa, Thể thao và Du lịch", dt.date(2023, 7, 1))


def _dated_frames(sample: Sample) -> list[tuple[str, pd.DataFrame, str]]:
    """Each record table of ``sample``: its name, frame and the date that places a record in a return."""
    return [
        ("admissions", sample.admissions, "admission_date"),
        ("training", sample.training, "completion_date"),
        ("conversions", sample.conversions, "conversion_date"),
    ]


def _with_history(sample: Sample) -> Sample:
    """``sample`` with its history applied after every draw, so the records and the returns cycle stay as drawn."""
    by_name = {o.name: o for o in sample.organisations}
    events: list[dict[str, Any]] = []
    absorbed, successor, day = _MERGED
    if absorbed in by_name and successor in by_name:
        old, new = by_name[absorbed], by_name[successor]
        ended = dataclasses.replace(old, active_to=day - dt.timedelta(days=1))
        sample.organisations = [ended if o is old else o for o in sample.organisations]
        for name, frame, column in _dated_frames(sample):
            after = (frame["org_code"] == old.code) & (pd.to_datetime(frame[column]) >= pd.Timestamp(day))
            for record in _records(frame[after]):
                sample.drawn_for[(name, record["id_number"], record[column])] = old.code
            frame.loc[after, "org_code"] = new.code
        targets = sample.targets
        for year in range(day.year, YEARS[-1] + 1):
            gone = (targets["year"] == year) & (targets["org_code"] == old.code)
            kept = (targets["year"] == year) & (targets["org_code"] == new.code)
            numbers = [c for c in targets.columns if c not in ("year", "org_code")]
            targets.loc[kept, numbers] = targets.loc[kept | gone, numbers].sum(min_count=1).to_numpy()
            targets = targets[~gone]
        sample.targets = targets.reset_index(drop=True)
        sample.merged[old.code] = new.code
        events.append({"date": day, "event": "merged_into", "org_code": old.code, "related_code": new.code})
    old_name, new_name, renamed_on = _RENAMED
    if old_name in by_name:
        events.append({"date": renamed_on, "event": "renamed", "org_code": by_name[old_name].code,
                       "new_name": new_name})  # fmt: skip
    for org in sample.organisations:
        if org.active_from is not None:
            events.append({"date": org.active_from, "event": "founded", "org_code": org.code})
        if org.active_to is not None and org.code not in sample.merged:
            events.append({"date": org.active_to + dt.timedelta(days=1), "event": "dissolved", "org_code": org.code})
    sample.events = sorted(events, key=lambda e: (e["date"], e["org_code"]))
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
    people: People,
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
    for person in _records(admissions):
        admitted: dt.date = person["admission_date"]
        try:
            due = admitted.replace(year=admitted.year + 1)
        except ValueError:  # admitted on 29/02
            due = dt.date(admitted.year + 1, 3, 1)
        if due > PERIOD_END or rng.random() < 0.02:
            continue
        converted = min(due + dt.timedelta(days=int(rng.integers(0, 15))), dt.date(due.year, 12, 31), PERIOD_END)
        if not by_code[person["org_code"]].active_on(converted):
            continue  # the organisation was dissolved: its members moved elsewhere
        rows.append(
            {"org_code": person["org_code"], "name": person["name"], "id_number": person["id_number"],
             "admission_date": admitted, "conversion_date": converted}
        )  # fmt: skip
    return pd.DataFrame(rows).sort_values(["conversion_date", "id_number"], ignore_index=True)


# --- faulty rows ----------------------------------------------------------------------------------

_UNKNOWN_ORG_NAME = "Chi bộ Công ty TNHH Thương mại Thiên Long Hưng"
_UNKNOWN_ORG_FILE = "cty-thien-long-hung.xlsx"
#: The column one office adds to its admissions sheet (not in the format: keyed by its header).
_DECISION_NUMBER = "Số quyết định"


def _admission_record(person: Mapping[str, Any]) -> dict[str, Any]:
    """A valid admissions row as returns write it, keyed by field."""
    return {
        "full_name": person["name"],
        "birth_date": person["birth_date"],
        "id_number": person["id_number"],
        "sex": person["sex"],
        "ethnic_group": person["ethnic_group"],
        "religion": person["religion"],
        "youth_union": person["youth_union"],
        "occupation": schema.OCCUPATIONS.label(person["occupation"]),
        "education": person["education"],
        "admission_date": person["admission_date"],
        "cell": person.get("cell"),
    }


def _training_record(person: Mapping[str, Any]) -> dict[str, Any]:
    """A valid training row as returns write it, keyed by field."""
    return {
        "full_name": person["name"],
        "birth_date": person["birth_date"],
        "id_number": person["id_number"],
        "sex": person["sex"],
        "class_name": person["class_name"],
        "completion_date": person["completion_date"],
    }


def _conversion_record(person: Mapping[str, Any]) -> dict[str, Any]:
    """A valid conversion row as returns write it, keyed by field."""
    return {
        "full_name": person["name"],
        "id_number": person["id_number"],
        "admission_date": person["admission_date"],
        "conversion_date": person["conversion_date"],
    }


def _fake_adult(org: Organisation, on: dt.date, people: People, rng: np.random.Generator) -> dict[str, Any]:
    """An otherwise valid new member of ``org`` admitted ``on`` (the base of a faulty row)."""
    roles = {"admin-units": "admin", "high-schools": "teacher"}
    role = roles.get(org.sector, org.subtype)
    sex = people.sex(org.sector)
    birth = people.birth_for_age(on, adult_age(role, rng))
    return {
        "name": people.name(sex),
        "birth_date": birth,
        "id_number": people.id_number(birth, sex),
        "sex": sex,
        **attributes(role, (on - birth).days / 365.25, rng),
        "admission_date": on,
        "cell": _pick(cells(org), rng),
    }


def _faults(
    organisations: list[Organisation],
    admissions: pd.DataFrame,
    training: pd.DataFrame,
    people: People,
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

    def add(year: int, org: Organisation, sheet: str, field: str, rule: str, note: str, record: dict) -> None:
        faults.append(Fault(f"returns/{year}/{org.code}.xlsx", sheet, field, rule, note, record, year, org.code))

    ward, school, admin, enterprise = (
        pick(s) for s in ("wards-communes", "high-schools", "admin-units", "enterprises")
    )
    record = _admission_record(_fake_adult(ward, dt.date(2023, 2, 28), people, rng))
    record["admission_date"] = "31/02/2023"  # typed as text: Excel cannot hold the date
    add(2023, ward, ADMISSIONS_SHEET, "admission_date", "impossible-date", "ngày 31/02/2023 không tồn tại", record)

    on = dt.date(2023, 3, 24)
    sex = people.sex(school.sector)
    birth = people.birth_for_age(on, 17.4)
    student = {
        "name": people.name(sex),
        "birth_date": birth,
        "id_number": people.id_number(birth, sex),
        "sex": sex,
        **attributes("student", 17.4, rng),
        "admission_date": on,
        "cell": None,
    }
    add(2023, school, ADMISSIONS_SHEET, "birth_date", "under-18", "học sinh 17 tuổi tại ngày kết nạp",
        _admission_record(student))  # fmt: skip

    own = admissions[(admissions["org_code"] == admin.code) & (admission_year == 2023)]
    original = _records(own)[int(rng.integers(len(own)))]
    note = "dòng lặp lại của người ở dòng ngay trên (dòng trên hợp lệ, được tính)"
    add(2023, admin, ADMISSIONS_SHEET, "id_number", "duplicate-person", note, _admission_record(original))
    faults[-1].after_id = original["id_number"]

    record = _admission_record(_fake_adult(enterprise, dt.date(2023, 9, 1), people, rng))
    record["sex"] = "Không rõ"
    add(2023, enterprise, ADMISSIONS_SHEET, "sex", "unknown-category",
        "giới tính 'Không rõ' không thuộc danh mục Nam/Nữ", record)  # fmt: skip

    ward2 = pick("wards-communes")
    record = _admission_record(_fake_adult(ward2, dt.date(2022, 6, 15), people, rng))
    add(2023, ward2, ADMISSIONS_SHEET, "admission_date", "date-outside-period",
        "ngày kết nạp 15/06/2022 trong báo cáo năm 2023", record)  # fmt: skip

    record = _admission_record(_fake_adult(admin, dt.date(2024, 2, 2), people, rng))
    record["id_number"] = None
    add(2024, admin, ADMISSIONS_SHEET, "id_number", "missing-field", "thiếu số CCCD", record)

    ward_codes = [o.code for o in by_sector["wards-communes"]]
    trainees = training[
        (pd.to_datetime(training["completion_date"]).dt.year == 2023) & training["org_code"].isin(ward_codes)
    ]
    template = trainees.iloc[int(rng.integers(len(trainees)))]
    trainee_org = next(o for o in organisations if o.code == template["org_code"])
    for field_name, rule, note, value in (
        ("id_number", "bad-id-number", "số CMND cũ 9 chữ số thay cho CCCD 12 chữ số", "173456789"),
        ("completion_date", "unparsable-date", "ghi 'chưa cấp' thay cho ngày", "chưa cấp"),
    ):
        sex = people.sex(trainee_org.sector)
        birth = people.birth_for_age(template["completion_date"], adult_age("ward", rng))
        person = {
            "name": people.name(sex),
            "birth_date": birth,
            "id_number": people.id_number(birth, sex),
            "sex": sex,
            "class_name": template["class_name"],
            "completion_date": template["completion_date"],
        }
        record = _training_record(person)
        record[field_name] = value
        add(2023, trainee_org, TRAINING_SHEET, field_name, rule, note, record)

    # A return from an organisation that is not on the list (a company cell that reports to the
    # district, sent here by mistake): the whole file is rejected; it holds one admission.
    stranger = Organisation("??", _UNKNOWN_ORG_NAME, "enterprises", "chi-bo-co-so", "private", 1.0)
    record = _admission_record(_fake_adult(stranger, dt.date(2023, 5, 17), people, rng))
    note = f"tổ chức '{_UNKNOWN_ORG_NAME}' không có trong danh sách; cả tệp (1 dòng kết nạp) bị loại"
    # Reported on the Thông tin row that names the organisation (its label is the "column").
    file = f"returns/2023/{_UNKNOWN_ORG_FILE}"
    faults.append(Fault(file, INFO_SHEET, None, "unknown-organisation", note, record, 2023, None))
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
    layouts[(2023, ward.code)] = ReturnLayout(old.title_row, old.text_dates, {ADMISSIONS_SHEET: (_DECISION_NUMBER,)})
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
        own = sample.targets[(sample.targets["year"] == year) & (sample.targets["org_code"] != CITY_CODE)]
        if own["admissions_target"].sum() <= cal.admissions_target[year]:
            raise AssertionError(f"{year}: organisations' targets do not exceed the city's")


# --- writing --------------------------------------------------------------------------------------

_TITLES = {
    ADMISSIONS_SHEET: "DANH SÁCH ĐẢNG VIÊN MỚI ĐƯỢC KẾT NẠP NĂM {year}",
    TRAINING_SHEET: "DANH SÁCH QUẦN CHÚNG ĐƯỢC CẤP GIẤY CHỨNG NHẬN BỒI DƯỠNG NHẬN THỨC VỀ ĐẢNG NĂM {year}",
    CONVERSIONS_SHEET: "DANH SÁCH ĐẢNG VIÊN ĐƯỢC CHUYỂN CHÍNH THỨC NĂM {year}",
}
#: The field each data sheet's rows are in order of.
_SORT_FIELD = {ADMISSIONS_SHEET: "admission_date", TRAINING_SHEET: "completion_date",
               CONVERSIONS_SHEET: "conversion_date"}  # fmt: skip


def _sort_key(sheet: str, record: Mapping[str, Any]) -> tuple[dt.date, str]:
    value = record.get(_SORT_FIELD[sheet])
    if not isinstance(value, dt.date):
        value = dt.date(2023, 2, 28)  # the unreadable dates sit where the clerk typed them
    return value, str(record.get("id_number") or "")


_Records = dict[str, dict[tuple[int, str], list[dict[str, Any]]]]


def _records_by_return(sample: Sample) -> _Records:
    """Valid records grouped by return: frame name -> (year, org_code) -> records (one pass per frame)."""
    grouped: _Records = {}
    for name, frame, column in _dated_frames(sample):
        grouped[name] = {}
        for record in _records(frame):
            grouped[name].setdefault((record[column].year, record["org_code"]), []).append(record)
    return grouped


def _records_as_drawn(sample: Sample) -> _Records:
    """:func:`_records_by_return` with the records a merger moved back where they were drawn (for the cycle)."""
    grouped: _Records = {}
    for name, frame, column in _dated_frames(sample):
        grouped[name] = {}
        for record in _records(frame):
            code = sample.drawn_for.get((name, record["id_number"], record[column]), record["org_code"])
            grouped[name].setdefault((record[column].year, code), []).append(record)
    return grouped


def _sheet_rows(
    records: _Records, year: int, org_code: str | None, extra: Sequence[Fault]
) -> tuple[dict[str, list[dict[str, Any]]], dict[int, tuple[str, int]]]:
    """Rows of each data sheet of one return (faulty rows placed among them) and where each fault went."""

    def of(name: str) -> list[dict[str, Any]]:
        return records[name].get((year, org_code), []) if org_code else []

    sheets: dict[str, list[dict[str, Any]]] = {
        ADMISSIONS_SHEET: [_admission_record(p) for p in of("admissions")],
        TRAINING_SHEET: [_training_record(p) for p in of("training")],
        CONVERSIONS_SHEET: [_conversion_record(p) for p in of("conversions")],
    }
    for name, rows in sheets.items():
        rows.sort(key=partial(_sort_key, name))
    placed: dict[int, tuple[str, int]] = {}
    for fault in extra:
        sheet = ADMISSIONS_SHEET if fault.sheet == INFO_SHEET else fault.sheet
        rows = sheets[sheet]
        if fault.after_id:
            index = next(i for i, r in enumerate(rows) if r["id_number"] == fault.after_id) + 1
        else:
            key = _sort_key(sheet, fault.record)
            index = next((i for i, r in enumerate(rows) if _sort_key(sheet, r) > key), len(rows))
        rows.insert(index, {**fault.record, "_fault": id(fault)})
    for sheet, rows in sheets.items():
        for number, row in enumerate(rows, start=1):
            row["row_number"] = number
            if "_fault" in row:
                placed[row.pop("_fault")] = (sheet, number)
    return sheets, placed


def _write_return(
    out: Path,
    sample: Sample,
    records: _Records,
    year: int,
    org: Organisation | None,
    faults: Sequence[Fault],
    *,
    sent: dt.date | None = None,
    through: dt.date | None = None,
    folder: str = "",
    nil: bool = False,
    change: Callable[[dict[str, list[dict[str, Any]]]], dict[str, list[dict[str, Any]]]] | None = None,
) -> None:
    """One return: the final version, or an earlier one (rows ``through`` a date, kept in ``folder``).

    ``nil`` leaves the Kết nạp sheet out (a nil return); ``change`` rewrites the rows (a first copy).
    """
    code = org.code if org else None
    relative = faults[0].file if org is None else "/".join(filter(None, ("returns", str(year), folder, f"{code}.xlsx")))
    sheets, placed = _sheet_rows(records, year, code, faults)
    if through is not None:
        sheets = {
            name: _renumbered([r for r in rows if _sort_key(name, r)[0] <= through]) for name, rows in sheets.items()
        }
    if change is not None:
        sheets = change(sheets)
    layout = sample.layouts.get((year, code), ReturnLayout()) if code else ReturnLayout()
    if _DECISION_NUMBER in layout.extra_columns.get(ADMISSIONS_SHEET, ()):
        for row in sheets[ADMISSIONS_SHEET]:
            row[_DECISION_NUMBER] = f"{1000 + row['row_number'] * 7}-QĐ/TU"
    label = sample.org_labels.get((year, code), code) if code else _UNKNOWN_ORG_NAME
    as_of = through or min(dt.date(year, 12, 31), PERIOD_END)
    header_rows = write_return(
        out / relative,
        organisation=label,
        year=year,
        sheets=sheets,
        info=[("Số liệu tính đến ngày", as_of), *([(schema.SENT_LABEL, sent)] if sent else []),
              (_NOTE_LABEL, SYNTHETIC_NOTE)],
        layout=layout,
        titles={name: title.format(year=year) for name, title in _TITLES.items()},
        omit=(ADMISSIONS_SHEET,) if nil else (),
    )  # fmt: skip
    for fault in faults:
        sheet, number = placed[id(fault)]
        # The unknown-organisation fault is reported on the Thông tin row that names the organisation.
        fault.row = 1 if fault.rule == "unknown-organisation" else header_rows[sheet] + number


def _renumbered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for number, row in enumerate(rows, start=1):
        row["row_number"] = number
    return rows


def _write_returns(
    out: Path, sample: Sample, records: _Records, by_file: Mapping[tuple[int, str | None], list[Fault]]
) -> None:
    """Every return of the sample, with the dates and versions of its returns cycle (:mod:`ketnap.synth.history`)."""
    latest = YEARS[-1]
    # The cycle is drawn as if no organisation had merged (its draws stay as they were); the merged one sends
    # nothing after its merger.
    with_returns = {
        year: [o.code for o in sample.organisations if o.active_in(year) or o.code in sample.merged] for year in YEARS
    }
    flat = {name: {key: rows for key, rows in groups.items()} for name, groups in _records_as_drawn(sample).items()}
    cycle = plan_cycle(sample.seed, latest, with_returns, flat, {k for k in by_file if k[1] is not None})  # type: ignore[misc]
    for year in YEARS:
        for org in sample.organisations:
            if not org.active_in(year):
                continue
            faults = by_file.get((year, org.code), [])
            nil = year == latest and org.code == cycle.nil_return
            if (year, org.code) in cycle.sent:
                _write_return(out, sample, records, year, org, faults, sent=cycle.sent[(year, org.code)], nil=nil)
            if year == latest:
                january = dt.date(year, 1, 31)
                _write_return(out, sample, records, year, org, [], sent=cycle.january_sent[org.code], through=january,
                              folder=JANUARY_FOLDER, nil=nil)  # fmt: skip
            if year == latest and org.code == cycle.corrected:
                training = records["training"].get((year, org.code), [])
                mistaken = partial(first_copy, admissions_sheet=ADMISSIONS_SHEET, training=training,
                                   admissions=records["admissions"])  # fmt: skip
                _write_return(out, sample, records, year, org, faults, sent=cycle.first_copy_sent,
                              folder=FIRST_COPY_FOLDER, change=mistaken)  # fmt: skip
        if (year, None) in by_file:
            _write_return(out, sample, records, year, None, by_file[(year, None)])


def _organisation_rows(organisations: Sequence[Organisation]) -> list[dict[str, Any]]:
    """The organisations workbook's rows, keyed by field."""
    names = {s.code: s.name_vi for s in SECTORS}
    return [
        {"org_code": o.code, "name": o.name, "sector": names[o.sector], "kind": schema.KINDS.label(o.kind),
         "parent_code": None, "active_from": o.active_from, "active_to": o.active_to,
         "group": group_of(o.subtype)}
        for o in organisations
    ]  # fmt: skip


def _history_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """A row of the ``Lịch sử`` sheet, keyed by field: the event in words, as the Board types it."""
    return {**event, "event": schema.HISTORY_EVENTS.label(event["event"]).lower()}


def _target_rows(targets: pd.DataFrame) -> list[dict[str, Any]]:
    """The targets workbook's rows, keyed by field (the frame's columns): numbers as ints, blanks as ``None``."""
    rows = []
    for record in _records(targets):
        rows.append({k: (None if pd.isna(v) else int(v) if k != "org_code" else v) for k, v in record.items()})
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
            "Regenerate with `make sample` (`python -m ketnap.synth`; see `docs/sample-data.md`); never edit by hand.",
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

    Replaces ``reference/`` (but its ``body.toml``), ``returns/``, ``README.md`` and ``faults.csv`` in
    ``out`` and removes its returns register (``register.sqlite``); nothing else there is touched.

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
    # The reporting body (reference/body.toml) is configuration, not generated: it is kept.
    body = out / "reference" / "body.toml"
    kept = body.read_bytes() if body.exists() else None
    for sub in ("reference", "returns"):
        if (out / sub).exists():
            shutil.rmtree(out / sub)
    # The register of the returns written before: its versions are gone with them.
    (out / REGISTER_NAME).unlink(missing_ok=True)
    (out / "reference").mkdir(parents=True, exist_ok=True)
    if kept is not None:
        body.write_bytes(kept)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["code", "order", "name_vi", "name_en", "colour"])
    writer.writerows([s.code, s.order, s.name_vi, s.name_en, s.colour] for s in SECTORS)
    (out / "reference" / "sectors.csv").write_text(buffer.getvalue(), encoding="utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.header for c in schema.GROUP_COLUMNS])
    writer.writerows([g.code, g.order, g.name_vi, g.name_en, g.head_vi, g.head_en] for g in GROUPS)
    (out / "reference" / schema.GROUPS_FILE).write_text(buffer.getvalue(), encoding="utf-8")

    note = [
        SYNTHETIC_NOTE,
        "",
        "Danh sách tổ chức cơ sở đảng của bộ dữ liệu mẫu; tên có thật, số liệu không có thật.",
        "Tạo bởi: make sample (python -m ketnap.synth)",
    ]
    write_organisations(
        out / "reference" / "organisations.xlsx",
        _organisation_rows(sample.organisations),
        note=note,
        history=[_history_row(e) for e in sample.events],
    )
    write_targets(out / "reference" / "targets.xlsx", _target_rows(sample.targets), note=[SYNTHETIC_NOTE])

    records = _records_by_return(sample)
    by_file: dict[tuple[int, str | None], list[Fault]] = {}
    for fault in sample.faults:
        by_file.setdefault((fault.year, fault.org_code), []).append(fault)
    _write_returns(out, sample, records, by_file)

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["file", "sheet", "row", "column", "rule", "note"])
    writer.writerows([f.file, f.sheet, f.row, f.column, f.rule, f.note] for f in sample.faults)
    (out / "faults.csv").write_text(buffer.getvalue(), encoding="utf-8")
    (out / "README.md").write_text(_readme(sample), encoding="utf-8")
    return sorted(p for p in out.rglob("*") if p.is_file())


def generate(out: Path | None = None, *, seed: int = DEFAULT_SEED, scale: float = 1.0) -> Sample:
    """Build the sample and write it: what ``make sample`` (``python -m ketnap.synth``) runs.

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
