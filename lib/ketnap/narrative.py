"""Headline sentences in the register of party-committee reports, in Vietnamese or English.

Each sentence is assembled from label templates (:mod:`ketnap.labels`, keys ``narrative.*``) and
numbers formatted by :mod:`ketnap.fmt`; nothing here writes report text inline or computes a
metric of its own (the numbers come from :mod:`ketnap.metrics`). For example, for ``2024-02``::

    Trong 2 tháng đầu năm 2024, Đảng bộ thành phố đã kết nạp được 231 đảng viên mới, đạt 28,3%
    chỉ tiêu năm (817 đảng viên).

Pace is read in months (:func:`ketnap.periods.pace_share`: 2/12 = 16,7% at the end of February),
as the reports reason, not in days.

Every sentence is a :class:`ketnap.indicators.Text`: it carries the catalogue figures it states
(the city's or the sector's admitted, target, attainment, the counts of organisations behind pace
or with no admission, each named organisation's shortfall…), formatted and recorded in one step by
:class:`ketnap.indicators.Stated`, so the report's figures block holds what its text says. A figure
about no scope (the sum of the targets assigned, a table's own total) is stated but not recorded.
"""

from __future__ import annotations

import math

from ketnap import fmt
from ketnap.indicators import Stated, Text, joined
from ketnap.io import Tables
from ketnap.labels import period_key, t
from ketnap.metrics import Level, behind_pace, metrics, seasonal_shares
from ketnap.periods import Period, as_at, pace_share, parse_period

__all__ = [
    "admissions_sentence",
    "behind_pace_sentence",
    "headline",
    "pace_sentence",
    "period_phrase",
    "projection_sentence",
    "reporting_period",
    "sector_sentences",
    "sectors_sentence",
    "targets_sentence",
    "time_progress",
    "training_sentence",
]


def reporting_period(tables: Tables, period: Period | str) -> Period:
    """``period`` cut at the data-as-of date of ``tables`` (:func:`ketnap.periods.as_at`), as every figure is."""
    return as_at(parse_period(period), tables.manifest.get("as_of"))


def period_phrase(period: Period | str, lang: str = "vi") -> str:
    """The opening of a sentence: "Trong 2 tháng đầu năm 2024" / "In the first 2 months of 2024".

    Also "Trong tháng 1/2024", "Trong quý I/2024", "Năm 2023" (and for ``2023-12``, which is the
    whole year).
    """
    period = parse_period(period)
    if period.whole_year:
        return t("narrative.when.year", lang, year=period.year)
    if period.kind == "quarter":
        assert period.quarter is not None
        return t(
            "narrative.when.quarter",
            lang,
            roman=fmt.ROMAN_QUARTERS[period.quarter],
            quarter=period.quarter,
            year=period.year,
        )
    if period.end_month == 1:
        return t("narrative.when.month_first", lang, year=period.year)
    return t("narrative.when.month_ytd", lang, months=period.end_month, year=period.year)


def admissions_sentence(
    period: Period | str,
    admitted: int,
    target: float | None,
    *,
    subject: str | None = None,
    lang: str = "vi",
    scope: str | None = None,
) -> Text:
    """One sentence on admissions against the target.

    Parameters
    ----------
    period : Period or str
    admitted : int
        Admissions in the period.
    target : float or None
        The annual target; missing or 0 reads "không giao chỉ tiêu".
    subject : str, optional
        Who admitted (default the City Party Committee, "Đảng bộ thành phố").
    lang : {"vi", "en"}
    scope : str, optional
        Whose figures these are (``"city"``, a sector code, an org code): the sentence then records
        ``admitted``, ``target`` and ``attainment_pct`` for it; ``None`` records none.

    Returns
    -------
    Text
        The sentence, with the figures it states for ``scope``.

    Examples
    --------
    >>> admissions_sentence("2023", 735, 707)
    'Năm 2023, Đảng bộ thành phố đã kết nạp được 735 đảng viên mới, đạt 104,0% chỉ tiêu (707 đảng viên).'
    >>> [(f["code"], f["value"]) for f in admissions_sentence("2023", 735, 707, scope="city").figures]
    [('admitted', 735), ('attainment_pct', 104.0), ('target', 707)]
    """
    period = parse_period(period)
    said = Stated(scope, period.label, lang)
    fields = {
        "when": period_phrase(period, lang),
        "subject": subject if subject is not None else t("narrative.subject.city", lang),
        "admitted": said("admitted", admitted),
    }
    whole = period.whole_year
    annual = float("nan") if target is None else float(target)
    has_target = annual > 0  # False for NaN as well
    if admitted == 0:
        note = t("metric.no_target", lang)
        if has_target:
            key = "narrative.target_note.year" if whole else "narrative.target_note.in_year"
            note = t(key, lang, target=said("target", target))
        return said.text(
            t("narrative.admitted.none_year" if whole else "narrative.admitted.none", lang, target_note=note, **fields)
        )
    if not has_target:
        return said.text(t("narrative.admitted.no_target", lang, no_target=t("metric.no_target", lang), **fields))
    return said.text(
        t(
            "narrative.admitted.year" if whole else "narrative.admitted.in_year",
            lang,
            pct=said("attainment_pct", admitted / annual * 100),
            target=said("target", target),
            **fields,
        )
    )


def _sector_subject(name: str, lang: str) -> str:
    # Mid-sentence a sector is "khối phường - xã", in lower case, as the source article writes it.
    return t("narrative.subject.sector", lang, name=name[:1].lower() + name[1:])


def headline(tables: Tables, period: Period | str, *, sector: str | None = None, lang: str = "vi") -> Text:
    """The headline sentence for the city, or for one sector with ``sector=``.

    For ``2024-02`` on the sample: "Trong 2 tháng đầu năm 2024, Đảng bộ thành phố đã kết nạp được
    231 đảng viên mới, đạt 28,3% chỉ tiêu năm (817 đảng viên)." It records the city's (or the
    sector's) ``admitted``, ``target`` and ``attainment_pct``.
    """
    period = reporting_period(tables, period)
    if sector is None:
        row = metrics(tables, period, by="city", lang=lang).iloc[0]
        return admissions_sentence(period, int(row["admitted"]), row["target"], lang=lang, scope="city")
    row = metrics(tables, period, by="sector", sector=sector, lang=lang).iloc[0]
    subject = _sector_subject(row["name"], lang)
    return admissions_sentence(period, int(row["admitted"]), row["target"], subject=subject, lang=lang, scope=sector)


def sector_sentences(tables: Tables, period: Period | str, *, lang: str = "vi") -> list[Text]:
    """One admissions sentence per sector, in the sectors' display order, each with its sector's figures."""
    period = reporting_period(tables, period)
    rows = metrics(tables, period, by="sector", lang=lang)
    return [
        admissions_sentence(
            period,
            int(row["admitted"]),
            row["target"],
            subject=_sector_subject(row["name"], lang),
            lang=lang,
            scope=str(code),
        )
        for code, row in rows.iterrows()
    ]


def pace_sentence(tables: Tables, period: Period | str, *, sector: str | None = None, lang: str = "vi") -> Text:
    """Attainment against the calendar, and the monthly rate still needed; "" for a whole year or no target.

    Example: "Kết quả này vượt tiến độ thời gian (16,7% thời gian của năm). Để hoàn thành chỉ tiêu,
    từ nay đến cuối năm bình quân mỗi tháng cần kết nạp 59 đảng viên." The needed rate is rounded
    up: people are whole. It records the time gone (``months_elapsed_pct``, see :func:`time_progress`);
    the needed rate has no catalogue code.
    """
    period = reporting_period(tables, period)
    by: Level = "city" if sector is None else "sector"
    row = metrics(tables, period, by=by, sector=sector, lang=lang).iloc[0]
    if period.closed or row["flag_no_target"]:
        return Text("")
    key = "narrative.pace.behind" if row["flag_behind_pace"] else "narrative.pace.ahead"
    elapsed = time_progress(period, lang, inline=True, scope=sector or "city")
    parts: list[str] = [Text(t(key, lang, elapsed=elapsed), elapsed.figures)]
    if row["admitted_ytd"] >= row["target"]:
        parts.append(t("narrative.pace.done", lang))
    else:
        needed = math.ceil(round(row["needed_per_month"], 9))
        parts.append(t("narrative.pace.needed", lang, needed=fmt.integer(needed, lang)))
    return joined(parts)


def training_sentence(tables: Tables, period: Period | str, *, sector: str | None = None, lang: str = "vi") -> Text:
    """The awareness-training sentence: organisations that sent people, attendees, share of the plan.

    For 2023 on the sample: "Năm 2023, có 109 đảng bộ, chi bộ cơ sở đã cử được 1.253 quần chúng ưu
    tú tham gia lớp bồi dưỡng nhận thức về Đảng, đạt 117,0% so với kế hoạch." It records
    ``organisations_with_trainees``, ``trained`` and ``training_attainment_pct`` of the city (or sector).
    """
    period = reporting_period(tables, period)
    by: Level = "city" if sector is None else "sector"
    row = metrics(tables, period, by=by, sector=sector, lang=lang).iloc[0]
    said = Stated(sector or "city", period.label, lang)
    when = period_phrase(period, lang)
    if row["trained"] == 0:
        return Text(t("narrative.training.none", lang, when=when))
    fields = {
        "when": when,
        "organisations": said("organisations_with_trainees", row["organisations_with_trainees"]),
        "trained": said("trained", row["trained"]),
    }
    if fmt.is_missing(row["training_attainment_pct"]):
        return said.text(t("narrative.training.no_plan", lang, no_plan=t("metric.no_plan", lang), **fields))
    key = "narrative.training.year" if period.whole_year else "narrative.training.in_year"
    return said.text(t(key, lang, pct=said("training_attainment_pct", row["training_attainment_pct"]), **fields))


def behind_pace_sentence(
    tables: Tables,
    period: Period | str,
    *,
    sector: str | None = None,
    lang: str = "vi",
    limit: int = 3,
) -> Text:
    """How many organisations with a target are behind pace, and the ``limit`` furthest behind.

    For a closed period "behind pace" means the target was missed. Gaps are the whole people of
    :mod:`ketnap.rules`. Organisations without a target are left out. It records, for the city (or
    the sector), ``organisations_with_target``, ``organisations_behind_pace``,
    ``organisations_no_admissions`` and the time gone, and for each organisation named its
    ``shortfall_vs_pace`` (for a closed period the pace is the target: the same people short).
    """
    period = reporting_period(tables, period)
    orgs = metrics(tables, period, by="organisation", sector=sector, lang=lang)
    with_target = orgs[~orgs["flag_no_target"]]
    said = Stated(sector or "city", period.label, lang)
    when = period_phrase(period, lang)
    whole = period.closed
    if with_target.empty:
        return Text(t("narrative.behind.no_targets", lang, when=when))
    total = said("organisations_with_target", len(with_target))
    behind = behind_pace(orgs)
    if behind.empty:
        return said.text(
            t(
                period_key("narrative.behind.all_done", period) if whole else "narrative.behind.all_on_pace",
                lang,
                when=when,
                total=total,
            )
        )
    furthest = behind.head(limit)  # equal gaps keep the display order (sector, then name)
    names = ", ".join(
        t(
            period_key("narrative.behind.item_year", period) if whole else "narrative.behind.item",
            lang,
            name=row["name"],
            gap=said("shortfall_vs_pace", row["gap"], scope=str(code)),
        )
        for code, row in furthest.iterrows()
    )
    none = int(orgs["flag_no_admissions"].sum())  # with a target (ketnap.rules): closed, all are behind
    none_clause = ""
    if none:
        key = period_key("narrative.behind.none_clause_year", period) if whole else "narrative.behind.none_clause"
        none_clause = t(key, lang, none=said("organisations_no_admissions", none))
    count = said("organisations_behind_pace", len(behind))
    pace = time_progress(period, lang, inline=True, scope=sector or "city")
    if not whole:  # the closed wording does not state the time gone
        said.figures.extend(pace.figures)
    return said.text(
        t(
            period_key("narrative.behind.some_year", period) if whole else "narrative.behind.some",
            lang,
            when=when,
            count=count,
            total=total,
            pace=pace,
            none_clause=none_clause,
            names=names,
        )
    )


def time_progress(period: Period | str, lang: str = "vi", *, inline: bool = False, scope: str | None = None) -> Text:
    """Months gone, as reports say it: "2/12 tháng (16,7%)"; a quarter counts its own months.

    With a ``scope`` (the city or a sector) it records ``months_elapsed_pct`` for it, when that is
    what it states: a period from 1 January (a quarter after the first counts its own months,
    which the indicator does not).

    >>> time_progress("2024-02")
    '2/12 tháng (16,7%)'
    >>> time_progress("2024-02", scope="city").figures[0]["value"]
    16.7
    """
    period = parse_period(period)
    share = pace_share(period)
    said = Stated(scope if period.start == period.year_start else None, period.label, lang)
    key = "narrative.time_progress_inline" if inline else "narrative.time_progress"
    return said.text(t(key, lang, months=round(share * 12), pct=said("months_elapsed_pct", share * 100)))


def sectors_sentence(tables: Tables, period: Period | str, *, lang: str = "vi") -> Text:
    """The sectors in one sentence: "Trong đó: khối phường - xã kết nạp 95 đảng viên (đạt 27,5% chỉ tiêu); …".

    It records each sector's ``admitted`` and ``attainment_pct``.
    """
    period = reporting_period(tables, period)
    rows = metrics(tables, period, by="sector", lang=lang)
    said = Stated(None, period.label, lang)
    parts = []
    for number, (code, row) in enumerate(rows.iterrows()):
        name = row["name"][:1].lower() + row["name"][1:]
        if row["target"] > 0:
            share = said("attainment_pct", row["attainment_pct"], scope=str(code))
            share = t("narrative.sectors.share_first", lang, pct=share) if number == 0 else share
        else:
            share = t("metric.no_target", lang)
        key = "narrative.sectors.first" if number == 0 else "narrative.sectors.other"
        admitted = said("admitted", row["admitted"], scope=str(code))
        parts.append(t(key, lang, name=name, admitted=admitted, result=share))
    return said.text(t("narrative.sectors.sentence", lang, parts="; ".join(parts)))


def targets_sentence(tables: Tables, period: Period | str, *, lang: str = "vi") -> Text:
    """Why the sectors' attainment and the city's differ: the sum of the assigned targets against the city's own.

    "" when they are equal, or either is missing. It records the city's ``target``; the sum of the
    assigned targets is no scope's figure (as a table's total row) and the difference has no code.
    """
    period = reporting_period(tables, period)
    city = metrics(tables, period, by="city", lang=lang).iloc[0]["target"]
    assigned = metrics(tables, period, by="sector", lang=lang)["target"].sum(min_count=1)
    if not (city > 0 and assigned > 0) or round(city) == round(assigned):
        return Text("")
    said = Stated("city", period.label, lang)
    return said.text(
        t(
            "narrative.targets.more" if assigned > city else "narrative.targets.less",
            lang,
            assigned=fmt.integer(assigned, lang),
            city=said("target", city),
            difference=fmt.integer(abs(assigned - city), lang),
        )
    )


def projection_sentence(tables: Tables, period: Period | str, *, lang: str = "vi") -> Text:
    """The year-end estimate of a period in progress, with its method and share of the target; "" when closed.

    "Ước cả năm: khoảng 1.080 đảng viên (≈132% chỉ tiêu) nếu giữ nhịp như các năm trước; chỉ để tham khảo."
    Rounded to tens: it is an estimate, not a count. It records no figure: the estimate is not an
    indicator of the catalogue (``ketnap summary --json`` gives it unrounded as ``projection``).
    """
    period = reporting_period(tables, period)
    row = metrics(tables, period, by="city", lang=lang).iloc[0]
    if period.closed or not row["projection"] > 0:
        return Text("")
    method = "past_years" if seasonal_shares(tables.admissions, period) else "linear"
    share = (
        t("narrative.projection.share", lang, pct=fmt.integer(row["projection"] / row["target"] * 100, lang))
        if row["target"] > 0
        else ""
    )
    return Text(
        t(
            f"narrative.projection.{method}",
            lang,
            estimate=fmt.integer(round(row["projection"], -1), lang),
            share=share,
        )
    )
