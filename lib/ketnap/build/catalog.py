"""The report catalog: which notebooks are reports, their parameters, titles and output names.

Adding a report is a notebook in ``notebooks/`` plus one entry in ``REPORTS``. A report run once per
organisation (``per_org``: the organisation card) is published under ``organisations/<org_code>``; one
run once per working group (``per_group``, only when the reference data have groups) as ``group-<code>``. The build
(:mod:`ketnap.build.batch`, :mod:`ketnap.build.index`) and the tests read this list; nothing else
names report notebooks, and no notebook imports it. Running a job lives in
:mod:`ketnap.build.runner`, not here: this module is plain data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["ORG_FOLDER", "REPORTS", "WORD_FILE", "Job", "ReportSpec", "find_report", "jobs_for"]


@dataclass(frozen=True)
class ReportSpec:
    """One report notebook and how it is run."""

    id: str
    title_key: str
    per_sector: bool = False
    per_org: bool = False  # one job per organisation of the period, published as organisations/<org_code>
    per_group: bool = False  # one job per working group of the period, published as group-<code>
    year_only: bool = False  # the period parameter is a year (only full-year periods get it)
    has_lang: bool = True
    has_charts: bool = True  # tables-only reports (scorecards, data quality) say False
    word: bool = False  # also writes the Board's report as Word, bao-cao.docx (ketnap.build.word)

    @property
    def notebook(self) -> str:
        """The notebook's file name in ``notebooks/``."""
        return f"{self.id}.ipynb"


REPORTS: tuple[ReportSpec, ...] = (
    ReportSpec("city-overview", "report.city_overview.title", word=True),
    ReportSpec("sector", "report.sector.title", per_sector=True),
    ReportSpec("organisations", "report.organisations.title", has_charts=False),
    ReportSpec("training-pipeline", "report.training_pipeline.title"),
    ReportSpec("annual-review", "report.annual_review.title", year_only=True),
    ReportSpec("data-quality", "report.data_quality.title", has_lang=False, has_charts=False),
    ReportSpec("returns", "report.returns.title", has_charts=False),
    ReportSpec("organisation-card", "report.organisation_card.title", per_org=True),
    ReportSpec("group", "report.group.title", per_group=True, has_charts=False),
)

#: The Board's report as Word, inside ``reports/<period>/``, written beside a report whose spec says ``word``.
WORD_FILE = "bao-cao.docx"

#: The folder, inside ``reports/<period>/``, of the per-organisation reports (the cards).
ORG_FOLDER = "organisations"


def find_report(report_id: str) -> ReportSpec:
    """The report with this id; a ``ValueError`` lists the valid ids."""
    for spec in REPORTS:
        if spec.id == report_id:
            return spec
    raise ValueError(f"unknown report {report_id!r}; valid: {', '.join(s.id for s in REPORTS)}")


@dataclass(frozen=True)
class Job:
    """One rendering of one report for one period (and sector, organisation or working group)."""

    report: ReportSpec
    period: str
    sector: str | None = None
    org_code: str | None = None
    group: str | None = None

    @property
    def stem(self) -> str:
        """Output name inside ``reports/<period>/``: the report id, ``sector-<code>``, ``group-<code>`` or
        ``organisations/<code>``."""
        if self.org_code:
            return f"{ORG_FOLDER}/{self.org_code}"
        if self.group:
            return f"group-{self.group}"
        return f"{self.report.id}-{self.sector}" if self.sector else self.report.id

    @property
    def depth(self) -> int:
        """Folders between ``reports/<period>/`` and the output: 1 for a card, else 0 (for relative links)."""
        return self.stem.count("/")

    def parameters(self, lang: str) -> dict[str, str]:
        """The papermill parameters of this job."""
        params: dict[str, str] = {"year" if self.report.year_only else "period": self.period}
        if self.sector:
            params["sector"] = self.sector
        if self.org_code:
            params["org_code"] = self.org_code
        if self.group:
            params["group"] = self.group
        if self.report.has_lang:
            params["lang"] = lang
        return params


def jobs_for(
    period: str,
    *,
    year_period: bool,
    sectors: list[str],
    organisations: Sequence[str] = (),
    groups: Sequence[str] = (),
) -> list[Job]:
    """Every report job for ``period``; year-only reports only for a year period (``2023``, not ``2023-12``).

    ``organisations`` are the codes that get a per-organisation report (the cards), ``groups`` the
    working groups that get one (none when the reference data have no groups).
    """
    jobs: list[Job] = []
    for spec in REPORTS:
        if spec.year_only and not year_period:
            continue
        if spec.per_org:
            jobs.extend(Job(spec, period, org_code=code) for code in organisations)
        elif spec.per_group:
            jobs.extend(Job(spec, period, group=code) for code in groups)
        elif spec.per_sector:
            jobs.extend(Job(spec, period, sector) for sector in sectors)
        else:
            jobs.append(Job(spec, period))
    return jobs
