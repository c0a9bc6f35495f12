"""Shared test fixtures: the chart theme for chart tests, and the personal data written in the raw
sample returns (to prove it never leaks)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import openpyxl
import pytest

from ketnap.config import paths

SAMPLE = paths().sample


@pytest.fixture
def house_charts() -> Iterator[None]:
    """The house chart theme for a test, and every figure closed after it."""
    import matplotlib.pyplot as plt

    from ketnap import charts

    charts.use_theme()
    yield
    plt.close("all")


@pytest.fixture(scope="session")
def personal_values() -> tuple[set[str], set[str], set[dt.date]]:
    return _personal_values()


def _personal_values() -> tuple[set[str], set[str], set[dt.date]]:
    """Every name, ID number and birth date written in the raw sample returns."""
    names, ids, births = set(), set(), set()
    for file in sorted((SAMPLE / "returns").rglob("*.xlsx")):
        workbook = openpyxl.load_workbook(file, read_only=True, data_only=True)
        for sheet in workbook.worksheets:
            rows = list(sheet.iter_rows(values_only=True))
            header_at = next((i for i, r in enumerate(rows) if "Họ và tên" in r), None)
            if header_at is None:
                continue
            header = rows[header_at]
            for row in rows[header_at + 1 :]:
                record = dict(zip(header, row, strict=False))
                if record.get("Họ và tên"):
                    names.add(str(record["Họ và tên"]))
                if record.get("Số CCCD"):
                    ids.add(str(record["Số CCCD"]))
                born = record.get("Ngày sinh")
                if isinstance(born, dt.datetime):
                    births.add(born.date())
                elif isinstance(born, str) and born.count("/") == 2:
                    day, month, year = born.split("/")
                    births.add(dt.date(int(year), int(month), int(day)))
        workbook.close()
    return names, ids, births
