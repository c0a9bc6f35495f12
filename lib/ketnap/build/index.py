"""The front page of the reports: ``reports/index.html``, written for the leaders who open it on a phone.

Each period is a section, the latest first and marked so: its name as a heading ("Tháng 2/2024
(lũy kế 2 tháng)", "Năm 2023", :func:`ketnap.fmt.period_heading`), data-as-of and build time in
Viet Nam's local time (:func:`ketnap.fmt.local_time`), its headline (admitted, target, % of target
from the city report's embedded figures block, and how many organisations' returns the figures rest
on, from :func:`ketnap.completeness.coverage`), whether it was issued (ban hành) and when, with a
flag when figures changed since (:mod:`ketnap.build.issue`), then its reports by title in the
catalog's order, sectors in their report order, each with links to its HTML, PDF and Excel (the
city report also to the Board's report as Word, :mod:`ketnap.build.word`) and its status. Nothing is
a table, so nothing scrolls sideways on a 375 px screen; a PDF that was not printed (no browser) is
marked missing.

Reading is :func:`collect` (the statuses each job records under ``reports/<period>/.status/``,
:func:`ketnap.build.runner.status_file`, and the published files), rendering :func:`render_index`
(pure: a list of :class:`PeriodEntry` in, the page out; its ``tools`` slot at the top of the page
holds the organisation search, :func:`search_tool`), writing :func:`write_index`.

The search finds an organisation's card (``<period>/organisations/<org_code>.html``, of the latest
period with cards) as the leader types, ignoring case and diacritics ("dong huong" finds "Đảng bộ
phường Đông Hương"): each name's key is :func:`ketnap.text.bare`, the query is folded the same way
by a few lines of inline JavaScript, and every word typed must begin a word of the name ("huong"
finds "Hương", not "phường"); names with the words together come first, then the shortest. No
network: the names travel inside the page. Which reports exist is the catalog's business
(:mod:`ketnap.build.catalog`), building them :mod:`ketnap.build.batch`'s.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ketnap import fmt, indicators
from ketnap.build import catalog
from ketnap.build.issue import ISSUED, last_issue
from ketnap.build.runner import TEMPLATES, report_title
from ketnap.config import Paths, paths
from ketnap.io import write_text_atomic
from ketnap.labels import t
from ketnap.lock import FOREVER, exclusive
from ketnap.periods import PeriodError, parse_period

__all__ = [
    "Headline",
    "PeriodEntry",
    "ReportEntry",
    "collect",
    "headline",
    "read_figures",
    "render_index",
    "search_tool",
    "write_index",
]

#: The report whose figures give a period its headline.
HEADLINE_REPORT = "city-overview"
_FIGURES = re.compile(r'<script[^>]*\bid="ketnap-figures"[^>]*>(.*?)</script>', re.DOTALL)


@dataclass(frozen=True)
class Headline:
    """A period's headline, as the index shows it: the city's figures and the returns they rest on."""

    admitted: str
    target: str
    attainment: str
    reported: int | None = None
    expected: int | None = None
    returns_month: str = ""


@dataclass(frozen=True)
class ReportEntry:
    """One report of a period: its title, status and which of its files exist."""

    stem: str
    title: str
    ok: bool
    error: str | None = None
    html: bool = True
    pdf: bool = True
    xlsx: bool = True
    word: bool = False  # the period's Board's report as Word (catalog.WORD_FILE) is beside it


@dataclass(frozen=True)
class PeriodEntry:
    """One period of the index, with its reports in reading order."""

    period: str
    heading: str
    as_of: str
    built: str
    reports: tuple[ReportEntry, ...]
    headline: Headline | None = None
    issued: tuple[int, str] | None = None  # the last issue's number and time (ISO)
    revised: tuple[int, int] = (0, 0)  # figures changed since that issue, and in how many reports


def read_figures(page: Path) -> list[dict[str, Any]]:
    """The figures block a report page embeds (``<script id="ketnap-figures">``); ``[]`` when none."""
    try:
        found = _FIGURES.search(page.read_text(encoding="utf-8"))
    except OSError:
        return []
    return json.loads(found.group(1)) if found else []


def headline(
    figures: list[dict[str, Any]], lang: str = "vi", *, coverage: tuple[int, int, str] | None = None
) -> Headline | None:
    """The headline of a period from its city report's figures; ``None`` without the city's admissions.

    Parameters
    ----------
    figures : list of dict
        The city report's figures block (:func:`read_figures`).
    lang : str
        ``"vi"`` or ``"en"``.
    coverage : tuple of (int, int, str), optional
        Organisations reported, expected, and the month in words, when the returns register knows them.

    Returns
    -------
    Headline or None
        Admitted, target and % of target formatted as the reports show them.

    Examples
    --------
    >>> block = [{"code": "admitted", "scope": "city", "period": "2024-02", "value": 231},
    ...          {"code": "target", "scope": "city", "period": "2024-02", "value": 817},
    ...          {"code": "attainment_pct", "scope": "city", "period": "2024-02", "value": 28.3}]
    >>> headline(block)
    Headline(admitted='231', target='817', attainment='28,3%', reported=None, expected=None, returns_month='')
    """
    city = {f["code"]: f["value"] for f in figures if f.get("scope") == "city"}
    if "admitted" not in city:
        return None
    shown = {code: indicators.display(code, city.get(code), lang) for code in ("admitted", "target", "attainment_pct")}
    reported, expected, month = coverage if coverage else (None, None, "")
    return Headline(shown["admitted"], shown["target"], shown["attainment_pct"], reported, expected, month)


def _coverage(p: Paths, period: str, lang: str) -> tuple[int, int, str] | None:
    """Returns reported/expected for the period's last month, or ``None`` when the register knows nothing."""
    from ketnap import completeness
    from ketnap.io import load

    try:
        found = completeness.coverage(load(p.processed), period)
    except (FileNotFoundError, KeyError, ValueError):  # no processed data (yet): no coverage line
        return None
    if found is None:
        return None
    return found.reported, found.expected, completeness.month_phrase(period, lang)


def _period_order(period: str) -> tuple[int, int, str]:
    """Latest end first; for the same end, the longer period (the year before its last quarter)."""
    try:
        parsed = parse_period(period)
    except PeriodError:
        return (0, 0, period)
    return (-parsed.end.toordinal(), parsed.start.toordinal(), period)


def _sector_order(p: Paths) -> dict[str, int]:
    from ketnap.io import read_table

    try:
        sectors = read_table("sectors", p.processed)
    except FileNotFoundError:
        return {}
    return {str(code): int(order) for code, order in zip(sectors["sector"], sectors["order"], strict=True)}


def _title(status: dict[str, Any], lang: str, p: Paths) -> str:
    """The report's Vietnamese title (the runner's), falling back to the catalog's when the data is gone."""
    try:
        spec = catalog.find_report(status["report"])
    except ValueError:
        return str(status["stem"])
    sector = status["stem"].removeprefix(f"{spec.id}-") if spec.per_sector else None
    group = status["stem"].removeprefix(f"{spec.id}-") if spec.per_group else None
    try:
        return report_title(catalog.Job(spec, status["period"], sector, group=group), lang, p)
    except (FileNotFoundError, KeyError):
        return t(spec.title_key, lang)


def collect(p: Paths | None = None, lang: str = "vi") -> list[PeriodEntry]:
    """Every period with a recorded report, latest first, from the statuses and the published files."""
    p = p or paths()
    statuses = [json.loads(f.read_text(encoding="utf-8")) for f in p.reports.glob("*/.status/*.json")]
    by_period: dict[str, list[dict[str, Any]]] = {}
    for status in statuses:
        by_period.setdefault(status["period"], []).append(status)
    order = {spec.id: i for i, spec in enumerate(catalog.REPORTS)}
    with_word = {spec.id for spec in catalog.REPORTS if spec.word}
    sectors = _sector_order(p)

    def reading_order(s: dict[str, Any]) -> tuple[int, int, str]:
        sector = s["stem"].split("-", 1)[1] if s["report"] == "sector" and "-" in s["stem"] else ""
        return order.get(s["report"], len(order)), sectors.get(sector, len(sectors)), s["stem"]

    periods = []
    for period in sorted(by_period, key=_period_order):
        folder = p.reports / period
        reports = tuple(
            ReportEntry(
                stem=s["stem"],
                title=_title(s, lang, p),
                ok=s["status"] == "ok",
                error=s.get("error"),
                html=(folder / f"{s['stem']}.html").is_file(),
                pdf=(folder / f"{s['stem']}.pdf").is_file(),
                xlsx=(folder / f"{s['stem']}.xlsx").is_file(),
                word=s["report"] in with_word and (folder / catalog.WORD_FILE).is_file(),
            )
            for s in sorted(by_period[period], key=reading_order)
        )
        figures = read_figures(folder / f"{HEADLINE_REPORT}.html")
        as_of = max((str(s.get("as_of") or "") for s in by_period[period]), default="")
        last = last_issue(period, p)
        revised = [int(s.get("revised") or 0) for s in by_period[period]] if last else []
        periods.append(
            PeriodEntry(
                period=period,
                heading=_heading(period, lang),
                as_of=fmt.date(as_of, lang) if as_of else "",
                built=max(str(s["built"]) for s in by_period[period]),
                reports=reports,
                headline=headline(figures, lang, coverage=_coverage(p, period, lang)) if figures else None,
                issued=(last.number, last.issued_at) if last else None,
                revised=(sum(revised), sum(1 for n in revised if n)),
            )
        )
    return periods


def _heading(period: str, lang: str) -> str:
    try:
        return fmt.period_heading(period, lang)
    except PeriodError:
        return period


def _e(value: object) -> str:
    return html.escape(str(value))


def _card(value: str, label: str) -> str:
    return f'<div class="card"><div class="value">{_e(value)}</div><div class="label">{_e(label)}</div></div>'


def _headline_html(entry: PeriodEntry, lang: str) -> str:
    found = entry.headline
    if found is None:
        return f'<p class="no-headline">{_e(t("index.no_headline", lang))}</p>'
    cards = [
        _card(found.admitted, t("index.admitted", lang)),
        _card(found.target, t("index.target", lang)),
        _card(found.attainment, t("index.attainment", lang)),
    ]
    if found.reported is not None and found.expected is not None:
        value = t("index.returns_value", lang, reported=fmt.integer(found.reported, lang),
                  expected=fmt.integer(found.expected, lang))  # fmt: skip
        cards.append(_card(value, t("index.returns", lang, month=found.returns_month)))
    return f'<div class="cards headline">{"".join(cards)}</div>'


def _report_html(entry: PeriodEntry, report: ReportEntry, lang: str) -> str:
    base = f"{_e(entry.period)}/{_e(report.stem)}"
    title = (
        f'<a class="report-link" href="{base}.html">{_e(report.title)}</a>'
        if report.html
        else f'<span class="report-link">{_e(report.title)}</span>'
    )
    files = []
    if report.html:
        files.append(f'<a class="file" href="{base}.pdf">{_e(t("index.pdf", lang))}</a>' if report.pdf else
                     f'<span class="file missing">{_e(t("index.pdf_missing", lang))}</span>')  # fmt: skip
        if report.xlsx:
            files.append(f'<a class="file" href="{base}.xlsx">{_e(t("index.excel", lang))}</a>')
        if report.word:
            word = f"{_e(entry.period)}/{_e(catalog.WORD_FILE)}"
            files.append(f'<a class="file" href="{word}">{_e(t("word.link", lang))}</a>')
    if report.ok:
        state = f'<span class="state ok">{_e(t("index.ok", lang))}</span>'
    else:
        key = "index.failed_kept" if report.html else "index.failed_none"
        state = f'<p class="failed">{_e(t(key, lang, error=report.error or ""))}</p>'
    css = "report ok" if report.ok else "report not-ok"
    files_html = f'<div class="report-files">{"".join(files)}{state}</div>'
    return f'<li class="{css}" data-report="{_e(report.stem)}">{title}{files_html}</li>'


def _issued_html(entry: PeriodEntry, lang: str) -> str:
    """ "Đã ban hành lần n ngày …" with a link to the period's archives, and the flag when figures changed since."""
    if entry.issued is None:
        return ""
    number, when = entry.issued
    words = t("issue.index.issued", lang, number=number, date=fmt.local_time(when, lang))
    link = f'<a href="{ISSUED}/{_e(entry.period)}/index.html">{_e(t("issue.index.archive", lang))}</a>'
    flag = ""
    if entry.revised[0]:
        figures, reports = (fmt.integer(n, lang) for n in entry.revised)
        flag = f'<p class="revised">{_e(t("issue.index.revised", lang, figures=figures, reports=reports))}</p>'
    return f'<p class="issued">{_e(words)} · {link}</p>{flag}'


def _period_html(entry: PeriodEntry, lang: str, *, latest: bool) -> str:
    badge = f' <span class="badge">{_e(t("index.latest", lang))}</span>' if latest else ""
    meta = [t("index.as_of", lang, date=entry.as_of)] if entry.as_of else []
    meta.append(t("index.built_at", lang, time=fmt.local_time(entry.built, lang)))
    reports = "".join(_report_html(entry, r, lang) for r in entry.reports)
    return (
        f'<section class="period{" latest" if latest else ""}" id="ky-{_e(entry.period)}">'
        f"<h2>{_e(entry.heading)}{badge}</h2>"
        f'<p class="period-meta">{" · ".join(_e(m) for m in meta)}</p>'
        f"{_issued_html(entry, lang)}"
        f"{_headline_html(entry, lang)}"
        f'<ul class="report-list">{reports}</ul></section>'
    )


def render_index(periods: list[PeriodEntry], lang: str = "vi", *, tools: str = "") -> str:
    """The index page for ``periods`` (latest first, as :func:`collect` returns them).

    Parameters
    ----------
    periods : list of PeriodEntry
        The periods, in the order to show; the first is marked as the latest.
    lang : str
        ``"vi"`` or ``"en"``.
    tools : str
        HTML placed at the top of the page, above the periods (the organisation search's place).

    Returns
    -------
    str
        One self-contained page: styles inline, nothing loaded; the only script is the one ``tools``
        brings (the search).
    """
    sections = "".join(_period_html(entry, lang, latest=i == 0) for i, entry in enumerate(periods))
    missing_pdf = any(r.html and not r.pdf for entry in periods for r in entry.reports)
    note = f'<p class="pdf-note">{_e(t("index.pdf_missing_note", lang))}</p>' if missing_pdf else ""
    updated = max((entry.built for entry in periods), default="")
    meta = (
        f'<p class="report-meta">{_e(t("index.updated", lang, time=fmt.local_time(updated, lang)))}</p>'
        if updated
        else ""
    )
    css = "".join((TEMPLATES / "ketnap" / name).read_text(encoding="utf-8") for name in ("report.css", "index.css"))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(t('index.title', lang))}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f'<header class="report-header"><p class="report-org">{_e(t("org.board", lang))}</p>'
        f'<h1 class="report-title">{_e(t("index.title", lang))}</h1>{meta}</header>\n'
        f'<main class="report-body index">{tools}{sections or _e(t("index.empty", lang))}{note}</main>\n'
        "</body>\n</html>\n"
    )


#: Folds a query as :func:`ketnap.text.bare` folds a name: lower case, no marks, đ as d, spaces collapsed.
_SEARCH_SCRIPT = r"""(() => {
  const box = document.getElementById('org-search');
  const list = document.getElementById('org-results');
  const none = document.getElementById('org-none');
  const orgs = JSON.parse(document.getElementById('org-data').textContent);
  for (const o of orgs) o.words = o.key.split(' ');
  const bare = (s) => s.toLowerCase().replace(/đ/g, 'd').normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ').trim();
  const show = () => {
    const words = bare(box.value).split(' ').filter(Boolean);
    list.replaceChildren();
    if (!words.length) { none.hidden = true; return; }
    const phrase = words.join(' ');
    // Each word typed begins a word of the name; the closest first: the words as typed, together,
    // then the shortest name (least else in it).
    const found = orgs.filter((o) => words.every((w) => o.words.some((k) => k.startsWith(w))))
      .map((o) => [o.key.includes(phrase) ? 0 : 1, o.key.length, o])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]).slice(0, 20).map((x) => x[2]);
    for (const o of found) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = o.href; link.textContent = o.name;
      const sector = document.createElement('span');
      sector.className = 'org-sector'; sector.textContent = ' · ' + o.sector;
      item.append(link, sector); list.append(item);
    }
    none.hidden = found.length > 0;
  };
  box.addEventListener('input', show);
  box.form.addEventListener('submit', (e) => {
    e.preventDefault();
    const first = list.querySelector('a');
    if (first) first.click();
  });
  show();
})();"""


def _card_period(p: Paths) -> str | None:
    """The latest period (index order) that has organisation cards."""
    periods = [folder.parent.name for folder in p.reports.glob(f"*/{catalog.ORG_FOLDER}") if any(folder.glob("*.html"))]
    return min(periods, key=_period_order) if periods else None


def search_tool(p: Paths | None = None, lang: str = "vi") -> str:
    """The organisation search of the index: a box, the matching cards as links, all inline; ``""`` without cards.

    Returns
    -------
    str
        A ``<form>`` with the box, the result list, the names as JSON (``name``, ``sector``, ``href``
        relative to the index, ``key`` = :func:`ketnap.text.bare` of the name) and the script.
    """
    from ketnap.io import read_table
    from ketnap.text import bare

    p = p or paths()
    period = _card_period(p)
    if period is None:
        return ""
    try:
        orgs = read_table("organisations", p.processed)
        sectors = read_table("sectors", p.processed).set_index("sector")
    except FileNotFoundError:
        return ""
    sector_name = sectors["name_vi" if lang == "vi" else "name_en"]
    folder = p.reports / period / catalog.ORG_FOLDER
    entries = [
        {
            "name": str(name),
            "sector": str(sector_name.get(sector, "")),
            "href": f"{period}/{catalog.ORG_FOLDER}/{code}.html",
            "key": bare(str(name)),
        }
        for code, name, sector in zip(orgs["org_code"], orgs["name"], orgs["sector"], strict=True)
        if (folder / f"{code}.html").is_file()
    ]
    entries.sort(key=lambda e: fmt.vi_sort_key(e["name"]))
    data = json.dumps(entries, ensure_ascii=False).replace("<", "\\u003c")
    return (
        f'<form class="org-search" role="search"><label for="org-search">{_e(t("search.label", lang))} '
        f'<span class="hint">{_e(t("search.hint", lang, period=_heading(period, lang)))}</span></label>'
        f'<input id="org-search" type="search" autocomplete="off" placeholder="{_e(t("search.placeholder", lang))}">'
        f'<ul id="org-results" class="org-results"></ul><p id="org-none" class="org-none" hidden>'
        f"{_e(t('search.none', lang))}</p></form>"
        f'<script type="application/json" id="org-data">{data}</script>'
        f"<script>{_SEARCH_SCRIPT}</script>"
    )


def write_index(p: Paths | None = None, lang: str = "vi", *, tools: str | None = None) -> Path:
    """Write ``reports/index.html`` from the recorded statuses (see :func:`collect`, :func:`render_index`).

    ``tools`` defaults to the organisation search (:func:`search_tool`).
    """
    p = p or paths()
    tools = search_tool(p, lang) if tools is None else tools
    page = render_index(collect(p, lang), lang, tools=tools)
    target = p.reports / "index.html"
    with exclusive(p.reports / ".index.lock", wait=FOREVER, what="index"):  # builds and `index` take turns
        write_text_atomic(page, target)
    return target
