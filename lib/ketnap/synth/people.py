"""The fake people of the city sample: names, birth dates, ID numbers, and the traits of a new member.

What lives here: :class:`People`, which makes names with Faker's ``vi_VN`` locale (Vietnamese
family, middle and given names), birth dates for a given age and unique fake 12-digit ID numbers
(CCCD) in a province that no real card has; :func:`role_of` (who an organisation admits),
:func:`adult_age` and :func:`attributes` (ethnicity, religion, Youth Union, occupation, education).

What does not: the distributions those draws follow (:mod:`ketnap.synth.population`), and the
records and files of the sample (:mod:`ketnap.synth.city`). This is the only module that imports
Faker, an optional dependency (the ``synth`` extra, which ``dev`` includes): the national-size
generator makes no names and does not import it, nor does anything a report runs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np
from faker import Faker

from ketnap.schema import MAJORITY_ETHNIC_GROUP, NO_RELIGION, YOUTH_UNION
from ketnap.synth.population import (
    AGE,
    EDUCATION_CHOICES,
    FEMALE_SHARE,
    MINORITY_CHOICES,
    OCCUPATION_CHOICES,
    RELIGION_CHOICES,
    TEACHER_SHARE,
    Organisation,
)

__all__ = ["People", "adult_age", "attributes", "role_of"]

_FEMALE_MIDDLE = ("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thùy", "Minh", "Hồng", "Phương", "Thanh")
_MALE_MIDDLE = ("Văn", "Văn", "Đức", "Quang", "Minh", "Hữu", "Xuân", "Trọng", "Thế", "Ngọc")


def _choice(rng: np.random.Generator, options: Sequence[tuple[str, float]]) -> str:
    """One value of ``options`` ((value, weight) pairs), drawn with their weights."""
    weights = np.array([w for _, w in options])
    return options[int(rng.choice(len(options), p=weights / weights.sum()))][0]


class People:
    """Makes fake people: names, birth dates and unique 12-digit ID numbers.

    Parameters
    ----------
    rng
        The generator of sex, ID-number digits (and nothing else here).
    seed
        Seeds Faker's own generator (names); the same ``rng`` state and seed give the same people.
    """

    def __init__(self, rng: np.random.Generator, seed: int) -> None:
        self.rng = rng
        self.fake = Faker("vi_VN")
        self.fake.seed_instance(seed)
        self.used_ids: set[str] = set()

    def name(self, sex: str) -> str:
        """A full name for ``sex`` (``"Nam"`` or ``"Nữ"``): family, a common middle name, given name."""
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
        """``"Nữ"`` or ``"Nam"``, with the share of women of ``sector``."""
        return "Nữ" if self.rng.random() < FEMALE_SHARE[sector] else "Nam"


def role_of(organisation: Organisation, rng: np.random.Generator) -> str:
    """Who is admitted: student or teacher in schools, else the organisation's subtype."""
    if organisation.subtype in TEACHER_SHARE:
        return "teacher" if rng.random() < TEACHER_SHARE[organisation.subtype] else "student"
    return organisation.subtype


def adult_age(role: str, rng: np.random.Generator) -> float:
    """Age at admission (fractional years) of an adult in ``role``, from :data:`~ketnap.synth.population.AGE`."""
    mean, sd, low = AGE[role]
    return float(np.clip(rng.normal(mean, sd), low, 55)) + float(rng.random())


def attributes(role: str, age: float, rng: np.random.Generator) -> dict[str, Any]:
    """Ethnicity, religion, Youth Union, occupation and education of one new member."""
    ethnic = _choice(rng, MINORITY_CHOICES) if rng.random() < 0.035 else MAJORITY_ETHNIC_GROUP
    religion = _choice(rng, RELIGION_CHOICES) if rng.random() < 0.045 else NO_RELIGION
    # Youth Union membership ends at 30, so older people are rarely still members.
    youth = rng.random() < (0.99 if role == "student" else 0.93 if age < 31 else 0.04)
    if role == "student":
        occupation, education = "student", "THPT"
    elif role == "teacher":
        occupation, education = "teacher", _choice(rng, EDUCATION_CHOICES["teacher"])
    else:
        occupation = _choice(rng, OCCUPATION_CHOICES[role])
        education = _choice(rng, EDUCATION_CHOICES[role if role in EDUCATION_CHOICES else "enterprise"])
    return {
        "ethnic_group": ethnic,
        "religion": religion,
        "youth_union": YOUTH_UNION.label(youth),
        "occupation": occupation,
        "education": education,
    }
