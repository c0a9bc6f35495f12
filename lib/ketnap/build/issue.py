"""Issuing (ban hành) a period's reports: the frozen archive under ``reports/issued/``, and its check.

:func:`issue` copies what the period's last build published (every report's HTML, PDF and Excel,
the cards, the Board's Word report) into ``reports/issued/<period>/<n>/`` (``n`` = 1, 2, … for
"lần 1", "lần 2"), beside:

- ``figures.json``: each report's figures block, by report (what the revisions compare with);
- ``data-manifest.json``: the ingestion manifest, every input file with its SHA-256;
- ``returns.json``: the return version each organisation's figures rest on (the returns register's);
- ``issue.json``: the period, the number, when and by whom, the data-as-of date and the code version;
- ``SHA256SUMS``: a SHA-256 for every file above (``sha256sum -c SHA256SUMS`` reads it too).

The archive is written in a scratch folder and renamed into place in one step; its files are made
read-only and nothing here ever writes into an existing one. It refuses (:class:`IssueRefused`,
one line) when a report of the period is missing, failed at its last build or is older than the
data, notebooks or library; when neither the data nor any figure changed since the last issue; and
when asked for a number already issued. ``reports/issued/<period>/index.html`` lists the issues of
a period (the archived pages' "index" link lands there).

:func:`last_issue` and :func:`revision_section` give the build what a report of an issued period
shows about it (:mod:`ketnap.build.revisions`); :func:`verify` checks every archive against its
``SHA256SUMS``.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from ketnap import fmt
from ketnap.build import revisions
from ketnap.build.catalog import WORD_FILE, Job
from ketnap.config import Paths, paths
from ketnap.io import read_manifest, read_table, write_text_atomic
from ketnap.labels import t

__all__ = [
    "ISSUED",
    "Issue",
    "IssueRefused",
    "Problem",
    "issue",
    "issues",
    "last_issue",
    "revised_jobs",
    "revision_section",
    "verify",
]

#: The folder of the issued archives, inside ``reports/``.
ISSUED = "issued"
SUMS = "SHA256SUMS"
RECORD = "issue.json"
FIGURES = "figures.json"
RETURNS = "returns.json"
DATA_MANIFEST = "data-manifest.json"
_CHUNK = 1 << 20
#: The library the reports are made by (the installed package, wherever the project's data is).
_LIB = Path(__file__).resolve().parents[1]


class IssueRefused(RuntimeError):
    """The period cannot be issued now; the message is the one-line reason."""


@dataclass(frozen=True)
class Issue:
    """One issued archive: ``reports/issued/<period>/<number>/`` and its record."""

    period: str
    number: int
    folder: Path
    record: dict[str, Any]

    @property
    def issued_at(self) -> str:
        return str(self.record["issued_at"])

    def read(self, name: str) -> Any:
        """One of the archive's JSON files (``figures.json``, ``returns.json``, ``data-manifest.json``)."""
        return json.loads((self.folder / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Problem:
    """A file of an archive that is not as issued: ``changed``, ``missing`` or ``added``."""

    kind: str
    file: Path


# --- reading archives ----------------------------------------------------------------------


def issues(period: str, p: Paths | None = None) -> list[Issue]:
    """The issues of ``period``, oldest first (folders with a record; a scratch folder is not one)."""
    p = p or paths()
    found = []
    for folder in (p.reports / ISSUED / period).glob("*"):
        if folder.name.isdigit() and (folder / RECORD).is_file():
            record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
            found.append(Issue(period, int(folder.name), folder, record))
    return sorted(found, key=lambda i: i.number)


def last_issue(period: str, p: Paths | None = None) -> Issue | None:
    """The latest issue of ``period``, or ``None`` if it was never issued."""
    found = issues(period, p)
    return found[-1] if found else None


def sha256(file: Path) -> str:
    """The file's SHA-256, hex."""
    digest = hashlib.sha256()
    with open(file, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_sums(folder: Path) -> dict[str, str]:
    sums = {}
    for line in (folder / SUMS).read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split("  ", 1)
            sums[name] = digest
    return sums


def _files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder``, relative, sorted."""
    yield from sorted(f.relative_to(folder) for f in folder.rglob("*") if f.is_file())


def verify(p: Paths | None = None) -> tuple[list[Issue], list[Problem]]:
    """Check every archive's files against its ``SHA256SUMS``: what is changed, missing or added."""
    p = p or paths()
    root = p.reports / ISSUED
    checked, problems = [], []
    for folder in sorted(root.glob("*/*")) if root.is_dir() else []:
        if not folder.name.isdigit() or not (folder / SUMS).is_file():
            continue
        checked.append(Issue(folder.parent.name, int(folder.name), folder, {}))
        sums = _read_sums(folder)
        for name, digest in sums.items():
            file = folder / name
            if not file.is_file():
                problems.append(Problem("missing", file))
            elif sha256(file) != digest:
                problems.append(Problem("changed", file))
        problems += [Problem("added", folder / f) for f in _files(folder) if str(f) not in sums and str(f) != SUMS]
    return checked, problems


# --- issuing -------------------------------------------------------------------------------


def _git(*args: str) -> str:
    """A git command's output in the library's checkout (an ``OSError`` or ``SubprocessError`` without one)."""
    done = subprocess.run(["git", *args], cwd=_LIB, capture_output=True, text=True, timeout=10, check=True)
    return done.stdout.strip()


def _code_version(p: Paths) -> dict[str, Any]:
    """The code the reports were made by: ketnap's version, the git commit when known, a digest of the code."""
    import ketnap

    digest = hashlib.sha256()
    code = [(f, f.relative_to(_LIB)) for f in sorted(_LIB.rglob("*"))]
    code += [(f, f.relative_to(p.home)) for f in sorted(p.notebooks.glob("*.ipynb"))]
    for file, name in code:
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(str(name).encode() + b"\0" + file.read_bytes())
    version: dict[str, Any] = {"ketnap": ketnap.__version__, "digest": digest.hexdigest()}
    try:
        version["commit"] = _git("rev-parse", "HEAD")
        version["uncommitted_changes"] = bool(_git("status", "--porcelain", "--", "."))
    except (OSError, subprocess.SubprocessError):
        version["commit"] = None
    return version


def _published(period: str, p: Paths) -> list[Path]:
    """The period's published files, relative to ``reports/<period>/`` (not the statuses or executed notebooks)."""
    folder = p.reports / period
    return [f for f in _files(folder) if f.parts[0] not in {".status", "executed"} and not f.name.startswith(".")]


def _shared_inputs(p: Paths) -> list[Path]:
    """What make rebuilds every report for (besides its notebook): the top-level library, the build wing, the data."""
    build = [f for f in (_LIB / "build").rglob("*.*") if "__pycache__" not in f.parts]
    return [*_LIB.glob("*.py"), *build, p.processed / "manifest.json"]


def check_built(period: str, p: Paths, lang: str = "vi") -> list[Job]:
    """The period's jobs, each built without failure and newer than its inputs; else :class:`IssueRefused`."""
    from ketnap.build.batch import jobs_for_period
    from ketnap.build.runner import status_file

    jobs = jobs_for_period(period, p)
    make = t("issue.make_reports", lang, period=period)
    for job in jobs:
        status = status_file(p, period, job.stem)
        page = p.reports / period / f"{job.stem}.html"
        if not status.is_file() or not page.is_file():
            raise IssueRefused(t("issue.refused.not_built", lang, period=period, report=job.stem, make=make))
        recorded = json.loads(status.read_text(encoding="utf-8"))
        if recorded.get("status") != "ok":
            raise IssueRefused(t("issue.refused.failed", lang, period=period, report=job.stem,
                                 error=recorded.get("error") or "", make=make))  # fmt: skip
    newest = max(f.stat().st_mtime for f in _shared_inputs(p) if f.is_file())
    for job in jobs:
        page = p.reports / period / f"{job.stem}.html"
        notebook = (p.notebooks / job.report.notebook).stat().st_mtime
        if page.stat().st_mtime < max(newest, notebook):
            raise IssueRefused(t("issue.refused.stale", lang, period=period, report=job.stem, make=make))
    return jobs


def _snapshot(period: str, jobs: list[Job], p: Paths) -> dict[str, Any]:
    """What an issue records besides the files: figures by report, the data manifest, the returns used."""
    from ketnap.build.index import read_figures

    manifest = read_manifest(p.processed)
    try:
        returns = revisions.returns_snapshot(read_table("returns", p.processed))
    except FileNotFoundError:
        returns = []
    figures = {job.stem: read_figures(p.reports / period / f"{job.stem}.html") for job in jobs}
    return {FIGURES: figures, DATA_MANIFEST: manifest, RETURNS: returns}


def _unchanged(last: Issue, snapshot: dict[str, Any]) -> bool:
    """Neither the data (every input file's SHA-256) nor any report's figures changed since ``last``."""
    inputs = {f["file"]: f["sha256"] for f in last.read(DATA_MANIFEST).get("inputs", [])}
    now = {f["file"]: f["sha256"] for f in snapshot[DATA_MANIFEST].get("inputs", [])}
    return inputs == now and last.read(FIGURES) == snapshot[FIGURES]


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"


def issue(
    period: str,
    *,
    by: str | None = None,
    number: int | None = None,
    lang: str = "vi",
    p: Paths | None = None,
    now: datetime | None = None,
) -> Issue:
    """Freeze ``period``'s reports as its next issue; see the module docstring.

    Parameters
    ----------
    period : str
        The period as built (``2024-02``, ``2023-Q4``, ``2023``).
    by : str, optional
        Who issues it (recorded and shown beside the date).
    number : int, optional
        The issue's number; by default the next one. A number already issued is refused.
    lang : str
        The language of the refusals and the period's issues page.
    now : datetime, optional
        The issue time (default: now, local time zone).

    Raises
    ------
    IssueRefused
        With the one-line reason; nothing is written then.
    """
    from ketnap.lock import exclusive

    p = p or paths()
    with exclusive(p.home / ".make" / "build.lock", what="build"):
        jobs = check_built(period, p, lang)
        earlier = issues(period, p)
        last = earlier[-1] if earlier else None
        if number is not None and any(i.number == number for i in earlier):
            taken = next(i for i in earlier if i.number == number)
            raise IssueRefused(t("issue.refused.exists", lang, period=period, number=number,
                                 date=fmt.local_time(taken.issued_at, lang)))  # fmt: skip
        snapshot = _snapshot(period, jobs, p)
        if last is not None and _unchanged(last, snapshot):
            raise IssueRefused(t("issue.refused.unchanged", lang, period=period, number=last.number,
                                 date=fmt.local_time(last.issued_at, lang)))  # fmt: skip
        number = number or (last.number + 1 if last else 1)
        moment = (now or datetime.now()).astimezone()
        manifest = snapshot[DATA_MANIFEST]
        record = {
            "period": period,
            "number": number,
            "issued_at": moment.isoformat(timespec="seconds"),
            "issued_by": by or None,
            "as_of": manifest.get("as_of"),
            "data_root": manifest.get("data_root"),
            "code": _code_version(p),
            "reports": [job.stem for job in jobs],
            "previous": last.number if last else None,
        }
        folder = _write_archive(period, number, record, snapshot, p)
        made = Issue(period, number, folder, record)
        write_text_atomic(period_page(issues(period, p), lang), p.reports / ISSUED / period / "index.html")
    return made


def _write_archive(period: str, number: int, record: dict[str, Any], snapshot: dict[str, Any], p: Paths) -> Path:
    """Copy, record and checksum in a scratch folder, make it read-only, rename it into place."""
    parent = p.reports / ISSUED / period
    parent.mkdir(parents=True, exist_ok=True)
    target = parent / str(number)
    scratch = parent / f".{number}.{os.getpid()}.tmp"
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        for published in _published(period, p):
            (scratch / published).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(p.reports / period / published, scratch / published)
        for name, content in {**snapshot, RECORD: record}.items():
            (scratch / name).write_text(_json(content), encoding="utf-8")
        sums = "".join(f"{sha256(scratch / f)}  {f}\n" for f in _files(scratch))
        (scratch / SUMS).write_text(sums, encoding="utf-8")
        for file in scratch.rglob("*"):
            if file.is_file():
                file.chmod(0o444)
        try:
            os.rename(scratch, target)  # an existing (non-empty) number is never replaced
        except OSError:
            raise IssueRefused(f"reports/{ISSUED}/{period}/{number} already exists") from None
    finally:
        if scratch.exists():
            for file in scratch.rglob("*"):
                file.chmod(0o644 if file.is_file() else 0o755)
            shutil.rmtree(scratch, ignore_errors=True)
    return target


def period_page(found: list[Issue], lang: str = "vi") -> str:
    """``reports/issued/<period>/index.html``: the issues of one period, the latest first, with links."""
    from ketnap.build.runner import TEMPLATES

    def e(value: object) -> str:
        return html.escape(str(value))

    period = found[0].period if found else ""
    items = []
    for item in reversed(found):
        record = item.record
        what = t("issue.page.item", lang, number=item.number, date=fmt.local_time(item.issued_at, lang),
                 as_of=fmt.date(record.get("as_of"), lang))  # fmt: skip
        who = f" · {e(t('issue.page.by', lang, by=record['issued_by']))}" if record.get("issued_by") else ""
        links = [(f"{item.number}/city-overview.html", t("nav.city", lang)), (f"{item.number}/{SUMS}", SUMS)]
        if (item.folder / WORD_FILE).is_file():
            links.insert(1, (f"{item.number}/{WORD_FILE}", t("issue.page.word", lang)))
        anchors = " · ".join(f'<a href="{e(href)}">{e(words)}</a>' for href, words in links)
        items.append(f"<li><strong>{e(what)}</strong>{who}<br>{anchors}</li>")
    css = (TEMPLATES / "ketnap" / "report.css").read_text(encoding="utf-8")
    title = t("issue.page.title", lang, period=fmt.period_heading(period, lang) if period else "")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{e(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n"
        f'<header class="report-header"><nav class="report-nav">'
        f'<a href="../../index.html">{e(t("nav.index", lang))}</a></nav>'
        f'<h1 class="report-title">{e(title)}</h1></header>\n'
        f'<main class="report-body"><p>{e(t("issue.page.lead", lang))}</p><ul>{"".join(items)}</ul></main>\n'
        "</body>\n</html>\n"
    )


# --- what a report of an issued period shows -------------------------------------------------


@lru_cache(maxsize=8)
def _archive(folder: str, mtime: float) -> tuple[dict[str, Any], dict[str, Any], list[Any], list[Any]]:
    """An archive's record, figures, returns and inputs, read once per worker (keyed by its record's time)."""
    del mtime  # part of the cache key only
    found = Issue("", 0, Path(folder), {})
    record = found.read(RECORD)
    return record, found.read(FIGURES), found.read(RETURNS), found.read(DATA_MANIFEST).get("inputs", [])


def _organisations_of(job: Job, p: Paths) -> set[str] | None:
    """The organisations a report covers: its own for a card, its sector's, its group's; ``None``: all."""
    if job.org_code:
        return {job.org_code}
    orgs = read_table("organisations", p.processed)
    if job.sector:
        return set(orgs.loc[orgs["sector"] == job.sector, "org_code"].astype(str))
    if job.group:
        return set(orgs.loc[orgs["group"] == job.group, "org_code"].astype(str)) if "group" in orgs else None
    return None


def revision_section(job: Job, figures: list[dict[str, Any]], lang: str, p: Paths) -> tuple[str, int]:
    """The report's section "Số liệu điều chỉnh so với bản đã ban hành ngày …" and how many figures changed.

    ``("", 0)`` when the period was never issued, the report was not in the last issue, or no figure
    of it changed. The causes are the returns whose used version changed, for the organisations the
    report covers, in the period's year and the year before (the data manifest's files instead when
    the issue recorded no returns).
    """
    from ketnap.periods import parse_period

    last = last_issue(job.period, p)
    if last is None:
        return "", 0
    record, issued_figures, issued_returns, issued_inputs = _archive(
        str(last.folder), (last.folder / RECORD).stat().st_mtime
    )
    if job.stem not in issued_figures:
        return "", 0
    changes = revisions.figure_changes(issued_figures[job.stem], figures)
    if not changes:
        return "", 0
    current = read_table("returns", p.processed)
    causes: list[revisions.ReturnChange | revisions.FileChange]
    if issued_returns and len(current):
        year = parse_period(job.period).year
        now = revisions.returns_snapshot(current)
        orgs = _organisations_of(job, p)
        causes = list(revisions.return_changes(issued_returns, now, organisations=orgs, years={year - 1, year}))
    else:
        causes = list(revisions.file_changes(issued_inputs, read_manifest(p.processed).get("inputs", [])))
    names = _names(p, lang)
    section = revisions.section_html(changes, causes, issued_on=str(record["issued_at"]), number=last.number,
                                     period=job.period, names=names, lang=lang)  # fmt: skip
    return section, len(changes)


def revised_jobs(period: str, p: Paths | None = None) -> list[Job]:
    """The period's reports whose last build showed figures changed since an issue (their status's ``revised``)."""
    from ketnap.build.batch import jobs_for_period
    from ketnap.build.runner import status_file

    p = p or paths()
    found = []
    for job in jobs_for_period(period, p):
        status = status_file(p, period, job.stem)
        if status.is_file() and json.loads(status.read_text(encoding="utf-8")).get("revised"):
            found.append(job)
    return found


def _names(p: Paths, lang: str) -> dict[str, str]:
    """Sector and organisation codes to their names."""
    sectors = read_table("sectors", p.processed)
    orgs = read_table("organisations", p.processed)
    sector_names = sectors["name_vi" if lang == "vi" else "name_en"].astype(str)
    names = dict(zip(sectors["sector"].astype(str), sector_names, strict=True))
    names.update(zip(orgs["org_code"].astype(str), orgs["name"].astype(str), strict=True))
    return names
