"""A small hand-built city whose every figure is worked out by hand, for the tests of the reports' modules.

The city: sector A (organisations O1, O2), sector B (O3, founded 01/07/2023). Admissions,
certificates and conversions are listed in :func:`small_city` with what each one is there to test.
Used by ``test_training.py`` and ``test_review.py``.
"""

from __future__ import annotations

import pandas as pd

from ketnap.io import Tables

D = pd.Timestamp


def _frame(rows: list[tuple], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=columns)


def small_city() -> Tables:
    """The hand-built city; every figure the tests expect is worked out from the comments below."""
    sectors = _frame(
        [("A", 1, "Khối A", "Sector A", "#E69F00"), ("B", 2, "Khối B", "Sector B", "#0072B2")],
        ["sector", "order", "name_vi", "name_en", "colour"],
    )
    organisations = _frame(
        [
            ("O1", "Chi bộ An", "A", "chi-bo-co-so", None, pd.NaT, pd.NaT),
            ("O2", "Chi bộ Bình", "A", "chi-bo-co-so", None, pd.NaT, pd.NaT),
            ("O3", "Chi bộ Cường", "B", "chi-bo-co-so", None, D("2023-07-01"), pd.NaT),  # created mid-2023
        ],
        ["org_code", "name", "sector", "kind", "parent_code", "active_from", "active_to"],
    )
    targets = _frame(
        [
            (2023, None, 5, 10),  # the city's own target and plan
            (2023, "O1", 2, 4),
            (2023, "O2", 0, None),  # a target of 0 is no target; no plan
            (2023, "O3", 2, 2),
            (2022, "O1", 1, 2),
        ],
        ["year", "org_code", "admissions_target", "training_plan"],
    ).astype({"admissions_target": "Int64", "training_plan": "Int64"})
    admissions = _frame(
        [
            ("p1", "O1", D("2022-03-10")),  # due 10/03/2023, converted 12/03/2023
            ("p9", "O1", D("2022-12-20")),  # due 20/12/2023, converted only on 10/01/2024
            ("p7", "O2", D("2022-01-15")),  # due 15/01/2023, never converted: overdue from 2024
            ("p2", "O1", D("2023-02-01")),  # due 01/02/2024, converted 05/02/2024
            ("p3", "O1", D("2023-05-05")),  # due 05/05/2024
            ("p4", "O2", D("2023-06-01")),  # certificate only after admission
            ("p5", "O3", D("2023-09-01")),
            ("p10", "O2", D("2023-10-10")),  # no certificate
            ("p6", "O1", D("2024-02-29")),  # leap day: due 28/02/2025
        ],
        ["person_key", "org_code", "admission_date"],
    )
    for column, value in {
        "cell": None,
        "sex": "F",
        "birth_year": 2000,
        "age_at_admission": 23,
        "ethnic_group": "Kinh",
        "ethnic_minority": False,
        "religion": "Không",
        "religious": False,
        "youth_union": True,
        "occupation": "student",
        "education": "THPT",
        "source_file": "x.xlsx",
    }.items():
        admissions[column] = value
    training = _frame(
        [
            ("p2", "O1", D("2022-11-01")),  # 92 days before admission
            ("p3", "O1", D("2023-01-05")),
            ("p3", "O1", D("2023-03-01")),  # the latest before admission: 65 days
            ("p4", "O2", D("2023-07-01")),  # after the admission: not counted
            ("p8", "O2", D("2023-04-01")),  # trained, never admitted
            ("p5", "O3", D("2023-08-01")),  # 31 days
        ],
        ["person_key", "org_code", "completion_date"],
    ).assign(class_name="Lớp", sex="F", birth_year=2000, source_file="x.xlsx")
    conversions = _frame(
        [
            ("p1", "O1", D("2022-03-10"), D("2023-03-12")),
            ("p9", "O1", D("2022-12-20"), D("2024-01-10")),
            ("p2", "O1", D("2023-02-01"), D("2024-02-05")),
        ],
        ["person_key", "org_code", "admission_date", "conversion_date"],
    ).assign(source_file="x.xlsx")
    monthly_plans = pd.DataFrame(
        {
            "year": pd.Series(dtype="int64"),
            "org_code": pd.Series(dtype=object),
            "month": pd.Series(dtype="int64"),
            "planned_admissions": pd.Series(dtype="int64"),
        }
    )
    return Tables(
        sectors=sectors,
        organisations=organisations,
        targets=targets,
        monthly_plans=monthly_plans,
        admissions=admissions,
        training=training,
        conversions=conversions,
        manifest={"as_of": "2024-02-29"},
    )
