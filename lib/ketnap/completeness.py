"""Completeness of the figures: whose monthly return is in, late or missing, and how many versions came.

What lives here: pure functions of the returns register (:attr:`ketnap.io.Tables.returns`, one row
per registered version of an organisation's return for a year) and of each organisation-month's
status (:attr:`ketnap.io.Tables.return_months`: ``on_time``, ``late``, ``missing`` or
``not_expected``, see ``docs/data-dictionary.md``), for a period of :mod:`ketnap.periods`.

The month that counts
    A period's figures rest on the returns for its **last month** (``2024-02``: February 2024;
    ``2023`` and ``2023-Q4``: December 2023): a return is re-sent each month with every row so far,
    so the one reporting the last month holds the whole period.
Reported and expected
    ``reported = on_time + late``; ``expected`` = every organisation whose status for that month is
    not ``not_expected``. "Số liệu của 108/111 tổ chức" is ``reported/expected``.
Nothing known
    When ``return_months`` holds no row for the period's last month (no register yet, or a year
    before it), nothing is known about returns: :func:`coverage` is ``None``, the sentences are
    ``""``, :func:`not_reported_codes` is empty, and every report reads as it did before.
Not reported is not zero
    An organisation whose return for the last month is ``missing`` has no figure for the period:
    :func:`ketnap.metrics.metrics` raises none of its warning flags for it (``flag_not_reported``
    instead), and :mod:`ketnap.scorecard` shows it as "chưa báo cáo", never as 0 or behind pace.

The quarantine per organisation (:func:`quarantined_by_organisation`) reads the frames of
:mod:`ketnap.quality` (the ingestion log), not the disk. Labels come from :mod:`ketnap.labels`
(``returns.*``).

>>> from ketnap.io import Tables, empty_table
>>> tables = Tables(**{n: empty_table(n) for n in ("sectors", "organisations", "targets", "monthly_plans",
...                    "admissions", "training", "conversions")}, manifest={"as_of": "2024-02-29"})
>>> coverage(tables, "2024-02") is None, coverage_sentence(tables, "2024-02"), not_reported_codes(tables, "2024-02")
(True, '', frozenset())
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np
import pandas as pd

from ketnap import fmt
from ketnap.indicators import Stated, Text
from ketnap.io import Tables
from ketnap.labels import t
from ketnap.periods import Period, parse_period

__all__ = [
    "GRID_SYMBOLS",
    "STATUSES",
    "Coverage",
    "blank_not_reported",
    "corrections",
    "coverage",
    "coverage_sentence",
    "grid_by_sector",
    "grid_note",
    "headline",
    "is_known",
    "month_headings",
    "month_phrase",
    "month_status",
    "not_reported",
    "not_reported_codes",
    "quarantined_by_organisation",
    "short_name",
    "status_grid",
    "status_words",
    "unjudged_months",
    "versions",
    "versions_sentence",
    "versions_summary",
]

#: The statuses of ``return_months``, in the order they are listed.
STATUSES: Final[tuple[str, ...]] = ("on_time", "late", "missing", "not_expected")

#: A status as one character in the months × organisations grid: told apart by shape in print, not
#: only by colour.
GRID_SYMBOLS: Final[dict[str, str]] = {"on_time": "✓", "late": "!", "missing": "✗", "not_expected": "·"}

#: Long prefixes of organisation names shortened in the grid (first match), where the sector is
#: already the table's heading.
_SHORT_PREFIXES: Final[tuple[tuple[str, str], ...]] = (
    ("Đảng bộ phường ", "P. "),
    ("Đảng bộ xã ", "X. "),
    ("Chi bộ Trường ", ""),
    ("Chi bộ Công ty ", "Cty "),
    ("Đảng bộ Công ty ", "Cty "),
    ("Chi bộ Ngân hàng ", "NH "),
    ("Chi bộ ", ""),
    ("Đảng bộ ", "ĐB "),
)


@dataclass(frozen=True)
class Coverage:
    """How many organisations' returns for one month the figures rest on.

    >>> Coverage(2024, 2, expected=111, on_time=100, late=8, missing=3).reported
    108
    """

    year: int
    month: int
    expected: int
    on_time: int
    late: int
    missing: int

    @property
    def reported(self) -> int:
        """Returns in for the month: on time plus late."""
        return self.on_time + self.late


def _last_month(period: Period | str) -> tuple[int, int]:
    period = parse_period(period)
    return period.year, period.end_month


def short_name(name: str) -> str:
    """An organisation's name without the words its sector already says, for the grid.

    >>> short_name("Đảng bộ phường Hàm Rồng"), short_name("Chi bộ Trường THPT Đào Duy Từ")
    ('P. Hàm Rồng', 'THPT Đào Duy Từ')
    >>> short_name("Chi bộ Thanh tra thành phố")
    'Thanh tra TP'
    """
    name = name.replace(" thành phố", " TP")
    for prefix, short in _SHORT_PREFIXES:
        if name.startswith(prefix):
            return short + name[len(prefix) :]
    return name


def _in_sector(tables: Tables, codes: pd.Series, sector: str | None, group: str | None = None) -> pd.Series:
    """Which of ``codes`` are organisations of ``sector`` and of the working group ``group`` (each if given)."""
    keep = pd.Series(True, index=codes.index)
    orgs = tables.organisations
    for column, value in (("sector", sector), ("group", group)):
        if value is not None:
            keep &= codes.isin(set(orgs.loc[(orgs[column] == value).fillna(False), "org_code"]))
    return keep


def _month_rows(tables: Tables, period: Period | str, sector: str | None, group: str | None = None) -> pd.DataFrame:
    year, month = _last_month(period)
    rows = tables.return_months
    rows = rows[(rows["year"] == year) & (rows["month"] == month)]
    return rows[_in_sector(tables, rows["org_code"], sector, group)]


def is_known(tables: Tables, period: Period | str) -> bool:
    """Whether ``return_months`` says anything about the period's last month."""
    return not _month_rows(tables, period, None).empty


def coverage(
    tables: Tables, period: Period | str, *, sector: str | None = None, group: str | None = None
) -> Coverage | None:
    """Returns on time, late and missing for the period's last month (of a sector or a working group, if
    given); ``None`` when nothing is known."""
    rows = _month_rows(tables, period, sector, group)
    if rows.empty:
        return None
    counts = rows["status"].value_counts()
    year, month = _last_month(period)
    get = lambda status: int(counts.get(status, 0))  # noqa: E731
    return Coverage(
        year=year,
        month=month,
        expected=int((rows["status"] != "not_expected").sum()),
        on_time=get("on_time"),
        late=get("late"),
        missing=get("missing"),
    )


def _month_phrase(year: int, month: int, lang: str) -> str:
    return t("returns.month", lang, month=month, year=year)


def month_phrase(period: Period | str, lang: str = "vi") -> str:
    """The month that counts, in words: "tháng 2/2024".

    >>> month_phrase("2024-02"), month_phrase("2023"), month_phrase("2023-Q3", "en")
    ('tháng 2/2024', 'tháng 12/2023', '9/2023')
    """
    return _month_phrase(*_last_month(period), lang)


def status_words(lang: str = "vi") -> dict[str, str]:
    """Each status of :data:`STATUSES` in words ("Đúng hạn", "Gửi muộn", "Chưa báo cáo", …)."""
    return {status: _status_label(status, lang) for status in STATUSES}


def month_headings(grid: pd.DataFrame, lang: str = "vi") -> list[str]:
    """The column headings of a :func:`status_grid`: "T1", "T2"… (vi) / "Jan", "Feb"… (en)."""
    return [t(f"chart.month.{int(month)}", lang) for month in grid.columns]


def _stated_counts(found: Coverage, scope: str, period: Period | str, lang: str) -> tuple[Stated, dict[str, str]]:
    """The reported and missing counts of ``found`` formatted, and recorded for ``scope`` as far as stated.

    All in: the sentence states the organisations due ("tất cả 111"), which are then all reported;
    no missing count is stated.
    """
    said = Stated(scope, parse_period(period).label, lang)
    reported = said("organisations_reported", found.reported)
    missing = said("organisations_not_reported", found.missing) if found.missing else fmt.integer(0, lang)
    return said, {"reported": reported, "missing": missing, "expected": fmt.integer(found.expected, lang)}


def coverage_sentence(
    tables: Tables, period: Period | str, *, sector: str | None = None, group: str | None = None, lang: str = "vi"
) -> Text:
    """The line under a city, sector or group figure saying how many returns it rests on; "" when nothing is known.

    E.g. "Số liệu tổng hợp từ báo cáo tháng 2/2024 của 108/111 tổ chức cơ sở đảng; còn 3 tổ chức chưa
    báo cáo.", or "… của cả 111 tổ chức cơ sở đảng." when every return is in. It records
    ``organisations_reported`` and (when some are) ``organisations_not_reported`` of the city, sector
    or working group (scope ``group-<code>``, as :mod:`ketnap.groups` records a group's figures).
    """
    found = coverage(tables, period, sector=sector, group=group)
    if found is None:
        return Text("")
    scope = f"group-{group}" if group is not None else sector or "city"
    said, counts = _stated_counts(found, scope, period, lang)
    return said.text(
        t(
            "returns.coverage_missing" if found.missing else "returns.coverage",
            lang,
            month=_month_phrase(found.year, found.month, lang),
            **counts,
        )
    )


def headline(tables: Tables, period: Period | str, *, lang: str = "vi") -> Text:
    """The returns report's lead: on time, late and missing for the last month; "" when nothing is known.

    It records the city's ``organisations_reported`` and (when some are) ``organisations_not_reported``.
    """
    found = coverage(tables, period)
    if found is None:
        return Text("")
    said, counts = _stated_counts(found, "city", period, lang)
    return said.text(
        t(
            "returns.headline" if found.missing else "returns.headline_all",
            lang,
            month=_month_phrase(found.year, found.month, lang),
            on_time=fmt.integer(found.on_time, lang),
            late=fmt.integer(found.late, lang),
            **counts,
        )
    )


def not_reported_codes(tables: Tables, period: Period | str) -> frozenset[str]:
    """The organisations whose return for the period's last month is ``missing``."""
    rows = _month_rows(tables, period, None)
    return frozenset(rows.loc[rows["status"] == "missing", "org_code"].astype(str))


def _ordered(tables: Tables, frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """``frame`` (with ``org_code``) joined to the organisations' name and sector, in sector then name order."""
    orgs = tables.organisations.set_index("org_code")
    out = frame.copy()
    out["name"] = out["org_code"].map(orgs["name"]).fillna(out["org_code"]).astype(str)
    out["sector"] = out["org_code"].map(orgs["sector"]).astype(object)
    sectors = tables.sectors.set_index("sector")
    out["sector_name"] = out["sector"].map(sectors["name_vi" if lang == "vi" else "name_en"]).astype(object)
    out = fmt.sort_vi(out, "name")
    order = out["sector"].map(sectors["order"]).astype(float).fillna(np.inf)
    return out.iloc[np.argsort(order.to_numpy(), kind="stable")].reset_index(drop=True)


def _status_label(status: str, lang: str) -> str:
    return t(f"returns.status.{status}", lang) if status in STATUSES else str(status)


def month_status(tables: Tables, period: Period | str, *, sector: str | None = None, lang: str = "vi") -> pd.DataFrame:
    """Each organisation's return for the period's last month.

    Returns
    -------
    pandas.DataFrame
        ``org_code``, ``name``, ``sector``, ``sector_name``, ``status`` (the code),
        ``return_status`` (in words), ``return_due``, ``received_at``, ``version``; in sector order,
        then Vietnamese name. Empty when nothing is known.
    """
    rows = _month_rows(tables, period, sector)[["org_code", "status", "due", "received_at", "version"]]
    out = _ordered(tables, rows.rename(columns={"due": "return_due"}), lang)
    out["return_status"] = [_status_label(s, lang) for s in out["status"]]
    columns = ["org_code", "name", "sector", "sector_name", "status", "return_status", "return_due", "received_at",
               "version"]  # fmt: skip
    return out[columns]


def _last_received(tables: Tables, year: int) -> pd.DataFrame:
    """Per organisation: when its latest return of the year (any version) arrived, and the month it reported to."""
    returns = tables.returns[tables.returns["year"] == year]
    if returns.empty:
        return pd.DataFrame({"last_received": pd.Series(dtype="datetime64[ns]"),
                             "last_reports_through": pd.Series(dtype="Int64")})  # fmt: skip
    latest = returns.sort_values(["org_code", "received_at", "version"]).groupby("org_code").tail(1)
    latest = latest.set_index("org_code")
    return pd.DataFrame(
        {"last_received": latest["received_at"], "last_reports_through": latest["reports_through"].astype("Int64")}
    )


def not_reported(
    tables: Tables, period: Period | str, *, sector: str | None = None, group: str | None = None, lang: str = "vi"
) -> pd.DataFrame:
    """The organisations whose return for the period's last month is missing, with their last return.

    Of one sector, or one working group, when given.

    Returns
    -------
    pandas.DataFrame
        ``org_code``, ``name``, ``sector``, ``sector_name``, ``return_due``, ``last_received`` (when its
        latest return of the year arrived; NaT when none came), ``last_reports_through`` (the month
        that return reported to) and ``last_return`` (both in words: "05/02/2024 (đến tháng 1)" or
        "chưa gửi báo cáo nào"); in sector order, then name.
    """
    year, _ = _last_month(period)
    rows = _month_rows(tables, period, sector, group)
    rows = rows.loc[rows["status"] == "missing", ["org_code", "due"]].rename(columns={"due": "return_due"})
    out = _ordered(tables, rows, lang)
    columns = ["org_code", "name", "sector", "sector_name", "return_due", "last_received", "last_reports_through",
               "last_return"]  # fmt: skip
    if out.empty:
        return out.reindex(columns=columns)
    # No return at all yet for the year: nothing to map (mapping on an empty frame fails in pandas).
    last = _last_received(tables, year).reindex(pd.Index(out["org_code"].astype(str)))
    out["last_received"] = last["last_received"].to_numpy(dtype="datetime64[ns]")
    out["last_reports_through"] = pd.array(last["last_reports_through"].to_numpy(), dtype="Int64")
    out["last_return"] = [
        t("returns.none_received", lang)
        if pd.isna(received)
        else t("returns.last_return", lang, date=fmt.date(received, lang), month=through)
        for received, through in zip(out["last_received"], out["last_reports_through"], strict=True)
    ]
    return out[columns]


def status_grid(tables: Tables, period: Period | str, *, sector: str | None = None) -> pd.DataFrame:
    """Months × organisations: each organisation-month's status, January to the period's last month.

    Returns
    -------
    pandas.DataFrame
        Index ``org_code`` (the organisations ``return_months`` lists for the year, in sector then
        name order), one column per month number (1, 2, …), values the status ("" where
        ``return_months`` has no row); no rows when nothing is known.
    """
    year, last = _last_month(period)
    rows = tables.return_months
    rows = rows[(rows["year"] == year) & (rows["month"] <= last)]
    rows = rows[_in_sector(tables, rows["org_code"], sector)]
    months = list(range(1, last + 1))
    if rows.empty:
        return pd.DataFrame(columns=months, index=pd.Index([], name="org_code", dtype=object), dtype=object)
    wide = rows.pivot_table(index="org_code", columns="month", values="status", aggfunc="first")
    order = _ordered(tables, pd.DataFrame({"org_code": wide.index.astype(str)}), "vi")["org_code"]
    grid = wide.reindex(index=order, columns=months).astype(object)
    grid = grid.where(grid.notna(), "")
    grid.index.name = "org_code"
    grid.columns.name = "month"
    return grid


def grid_by_sector(
    tables: Tables, period: Period | str, *, lang: str = "vi"
) -> list[tuple[str, pd.DataFrame, dict[str, str]]]:
    """The grid cut by sector, for one table per sector: ``(sector name, grid, short names)``.

    Sectors come in their order; a sector with no organisation in the grid is left out. The short
    names (:func:`short_name`) are keyed by ``org_code``. Months no organisation was expected to
    report (:func:`unjudged_months`: a register that holds only the year's final returns) are left
    out of every part; :func:`grid_note` says so.
    """
    grid = status_grid(tables, period)
    if grid.empty:
        return []
    grid = grid.drop(columns=list(unjudged_months(tables, period)))
    orgs = tables.organisations.set_index("org_code")
    sector_of = pd.Series(grid.index, index=grid.index).map(orgs["sector"])
    out = []
    for _, row in tables.sectors.sort_values(["order", "sector"]).iterrows():
        part = grid[(sector_of == row["sector"]).to_numpy()]
        if part.empty:
            continue
        names = {code: short_name(str(orgs["name"].get(code, code))) for code in part.index}
        out.append((str(row["name_vi" if lang == "vi" else "name_en"]), part, names))
    return out


def unjudged_months(tables: Tables, period: Period | str) -> tuple[int, ...]:
    """The months of :func:`status_grid` in which no organisation was expected to report, bar the last.

    A register that holds only a year's final returns (sent in January of the next year) judges
    December alone: January to November are ``not_expected`` for everyone and say nothing.
    """
    grid = status_grid(tables, period)
    if grid.empty:
        return ()
    silent = grid.isin(["not_expected", ""]).all(axis=0)
    return tuple(int(month) for month in grid.columns[:-1] if silent[month])


def _month_span(months: tuple[int, ...]) -> str:
    """1, 2, 3, 5 -> "1–3, 5"."""
    runs: list[list[int]] = []
    for month in months:
        if runs and month == runs[-1][-1] + 1:
            runs[-1].append(month)
        else:
            runs.append([month])
    return ", ".join(f"{run[0]}–{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)


def grid_note(tables: Tables, period: Period | str, *, lang: str = "vi") -> str:
    """What the grid shows, and which months it leaves out (:func:`unjudged_months`)."""
    text = t("returns.grid_note", lang)
    left_out = unjudged_months(tables, period)
    if left_out:
        year, _ = _last_month(period)
        text += " " + t("returns.grid_months_left_out", lang, months=_month_span(left_out), year=year)
    return text


def blank_not_reported(matrix: pd.DataFrame, tables: Tables, period: Period | str) -> pd.DataFrame:
    """A per-organisation monthly figure with the months whose return is missing blanked (NaN).

    ``matrix`` is indexed by ``org_code`` with one column per month of the period's year (Timestamps
    or month numbers 1–12), as :func:`ketnap.metrics.org_month_matrix` returns it. A cell whose
    organisation-month is ``missing`` in ``return_months`` is unknown, not 0; every other cell
    stays. Floats out (NaN needs them).

    >>> from ketnap.io import Tables, empty_table
    >>> months = pd.DataFrame({"year": [2024, 2024], "month": [1, 2], "org_code": ["O1", "O1"],
    ...                        "status": ["on_time", "missing"]})
    >>> tables = Tables(**{n: empty_table(n) for n in ("sectors", "organisations", "targets",
    ...                    "monthly_plans", "admissions", "training", "conversions")},
    ...                 return_months=months, manifest={})
    >>> blank_not_reported(pd.DataFrame({1: [2, 1], 2: [0, 3]}, index=["O1", "O2"]), tables, "2024-02")
          1    2
    O1  2.0  NaN
    O2  1.0  3.0
    """
    year, _ = _last_month(period)
    out = matrix.astype(float)
    rows = tables.return_months
    rows = rows[(rows["year"] == year) & (rows["status"] == "missing")]
    months = [column.month if isinstance(column, pd.Timestamp) else int(column) for column in out.columns]
    for code, month in zip(rows["org_code"].astype(str), rows["month"].astype(int), strict=True):
        if code in out.index and month in months:
            out.loc[code, out.columns[months.index(month)]] = np.nan
    return out


def corrections(tables: Tables, period: Period | str, *, lang: str = "vi") -> pd.DataFrame:
    """The corrected re-sends of the period's year: one row per organisation and month reported more than once.

    Returns
    -------
    pandas.DataFrame
        ``org_code``, ``name``, ``sector``, ``sector_name``, ``return_month`` (the month the copies report
        to, in words: "Tháng 2"), ``copies`` (versions reporting that month), ``first_copy_received``
        (the first copy), ``correction_received`` and ``last_version`` (the copy that replaced it, the one
        the figures come from when it is the latest); in sector order, then name.
    """
    year, last = _last_month(period)
    returns = tables.returns[(tables.returns["year"] == year) & (tables.returns["reports_through"] <= last)]
    columns = ["org_code", "name", "sector", "sector_name", "return_month", "copies", "first_copy_received",
               "correction_received", "last_version"]  # fmt: skip
    grouped = returns.groupby(["org_code", "reports_through"])
    per_month = pd.DataFrame(
        {
            "copies": grouped["version"].nunique(),
            "first_copy_received": grouped["received_at"].min(),
            "correction_received": grouped["received_at"].max(),
            "last_version": grouped["version"].max(),
        }
    ).reset_index()
    per_month = per_month[per_month["copies"] > 1]
    if per_month.empty:
        return _ordered(tables, pd.DataFrame({"org_code": pd.Series(dtype=object)}), lang).reindex(columns=columns)
    per_month["return_month"] = [t("returns.month_only", lang, month=int(m)) for m in per_month["reports_through"]]
    per_month["last_version"] = per_month["last_version"].astype("Int64")
    return _ordered(tables, per_month, lang)[columns]


def versions_sentence(tables: Tables, period: Period | str, *, lang: str = "vi") -> str:
    """The versions received in the period's year, month by month, and the corrections; "" when none came.

    E.g. "Năm 2024 đã nhận 222 lần gửi báo cáo của 111 tổ chức: báo cáo tháng 1 của 111 tổ chức, báo
    cáo tháng 2 của 110 tổ chức; 1 tổ chức gửi lại bản sửa cho báo cáo đã gửi. …"
    """
    year, last = _last_month(period)
    returns = tables.returns[(tables.returns["year"] == year) & (tables.returns["reports_through"] <= last)]
    if returns.empty:
        return ""
    by_month = returns.groupby("reports_through")["org_code"].nunique()
    months = ", ".join(
        t("returns.versions_month", lang, month=int(month), count=fmt.integer(int(count), lang))
        for month, count in by_month.items()
        if month > 0
    )
    corrected = corrections(tables, period, lang=lang)["org_code"].nunique()
    return t(
        "returns.versions_note",
        lang,
        year=year,
        versions=fmt.integer(len(returns), lang),
        organisations=fmt.integer(returns["org_code"].nunique(), lang),
        months=months,
        corrected=t("returns.versions_corrected", lang, count=fmt.integer(corrected, lang))
        if corrected
        else t("returns.versions_no_correction", lang),
    )


def versions(tables: Tables, period: Period | str, *, sector: str | None = None, lang: str = "vi") -> pd.DataFrame:
    """The versions received of each organisation's return for the period's year (all of them, to date).

    Returns
    -------
    pandas.DataFrame
        One row per organisation with a return: ``org_code``, ``name``, ``sector``,
        ``sector_name``, ``versions`` (how many), ``corrections`` (versions re-sent for a month
        already reported: ``versions`` minus the distinct ``reports_through``), ``used_version``, ``used_received_at``,
        ``used_reports_through``, ``first_received``, ``last_received``, ``rows_read`` and
        ``quarantined`` (of the version used); in sector order, then name.
    """
    year, _ = _last_month(period)
    returns = tables.returns
    returns = returns[returns["year"] == year]
    returns = returns[_in_sector(tables, returns["org_code"], sector)]
    columns = ["org_code", "name", "sector", "sector_name", "versions", "corrections", "used_version",
               "used_received_at", "used_reports_through", "first_received", "last_received", "rows_read",
               "quarantined"]  # fmt: skip
    if returns.empty:
        return _ordered(tables, pd.DataFrame({"org_code": pd.Series(dtype=object)}), lang).reindex(columns=columns)
    grouped = returns.groupby("org_code")
    per_org = pd.DataFrame(
        {
            "versions": grouped["version"].nunique(),
            "corrections": grouped["version"].nunique() - grouped["reports_through"].nunique(),
            "first_received": grouped["received_at"].min(),
            "last_received": grouped["received_at"].max(),
        }
    )
    used = returns[returns["used"].astype(bool)].sort_values("version").groupby("org_code").tail(1)
    used = used.set_index("org_code")
    per_org["used_version"] = used["version"].astype("Int64")
    per_org["used_received_at"] = used["received_at"]
    per_org["used_reports_through"] = used["reports_through"].astype("Int64")
    per_org["rows_read"] = used["rows_read"].astype("Int64")
    per_org["quarantined"] = used["quarantined"].astype("Int64")
    out = _ordered(tables, per_org.reset_index(), lang)
    return out[columns]


def versions_summary(frame: pd.DataFrame) -> dict[str, int]:
    """Figures of :func:`versions`: ``organisations``, ``several`` (more than one version), ``corrected``
    (at least one correction), ``versions``, ``most``.

    >>> versions_summary(pd.DataFrame({"versions": [1, 3, 2], "corrections": [0, 1, 0]}))
    {'organisations': 3, 'several': 2, 'corrected': 1, 'versions': 6, 'most': 3}
    """
    counts = frame["versions"].astype(int)
    return {
        "organisations": len(frame),
        "several": int((counts > 1).sum()),
        "corrected": int((frame["corrections"].astype(int) > 0).sum()),
        "versions": int(counts.sum()),
        "most": int(counts.max()) if len(counts) else 0,
    }


def quarantined_by_organisation(
    files: pd.DataFrame, detail: pd.DataFrame, tables: Tables, period: Period | str, *, lang: str = "vi"
) -> pd.DataFrame:
    """What ingestion rejected from each organisation's returns of the period's year.

    Parameters
    ----------
    files : pandas.DataFrame
        :func:`ketnap.quality.file_summary` (files attributed to organisations, rows quarantined).
    detail : pandas.DataFrame
        :func:`ketnap.quality.quarantine_detail` (the rules broken, by file).
    tables : Tables
    period : Period or str

    Returns
    -------
    pandas.DataFrame
        One row per organisation with something quarantined: ``org_code``, ``name``, ``sector``,
        ``sector_name``, ``files`` (its files with rows rejected or unreadable), ``quarantined``
        (rows rejected) and ``rules`` (the rules' names, most frequent first); in sector then name
        order.
    """
    year, _ = _last_month(period)
    mine = files[(files["kind"] == "return") & (files["year"] == year) & files["org_code"].notna()]
    mine = mine[(mine["quarantined"] > 0) | mine["unreadable"].astype(bool)]
    columns = ["org_code", "name", "sector", "sector_name", "files", "quarantined", "rules"]
    if mine.empty:
        return _ordered(tables, pd.DataFrame({"org_code": pd.Series(dtype=object)}), lang).reindex(columns=columns)
    grouped = mine.groupby("org_code")
    per_org = pd.DataFrame({"files": grouped["file"].nunique(), "quarantined": grouped["quarantined"].sum()})
    org_of = mine.set_index("file")["org_code"]
    issues = detail[detail["file"].isin(org_of.index)]
    rules: dict[str, str] = {}
    for code, lines in issues.assign(org_code=issues["file"].map(org_of)).groupby("org_code"):
        rules[str(code)] = ", ".join(lines["rule_name"].value_counts(sort=True).index.astype(str))
    unreadable = set(mine.loc[mine["unreadable"].astype(bool), "org_code"])
    for code in unreadable:
        extra = t("returns.unreadable", lang)
        rules[code] = f"{rules[code]}, {extra}" if rules.get(code) else extra
    per_org["rules"] = pd.Series(rules, dtype=object)
    out = _ordered(tables, per_org.reset_index(), lang)
    out["rules"] = out["rules"].fillna("")
    return out[columns]
