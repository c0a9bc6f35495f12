"""The front page of the reports: ``reports/index.html``, every period and report with its status.

Each job records its outcome under ``reports/<period>/.status/`` (:func:`ketnap.build.runner.status_file`);
:func:`write_index` reads those records, so the index is right after any mix of full, partial and
failed builds. Which reports exist, and their order, is the catalog's (:mod:`ketnap.build.catalog`);
building them is :mod:`ketnap.build.batch`'s.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from ketnap.build import catalog
from ketnap.build.runner import TEMPLATES
from ketnap.config import Paths, paths
from ketnap.io import write_text_atomic
from ketnap.labels import t
from ketnap.lock import FOREVER, exclusive

__all__ = ["write_index"]


def write_index(p: Paths | None = None, lang: str = "vi") -> Path:
    """Write ``reports/index.html``: every period and report, with data-as-of, build time and status."""
    p = p or paths()
    statuses = [json.loads(f.read_text(encoding="utf-8")) for f in p.reports.glob("*/.status/*.json")]
    by_period: dict[str, list[dict[str, Any]]] = {}
    for status in statuses:
        by_period.setdefault(status["period"], []).append(status)
    order = {spec.id: i for i, spec in enumerate(catalog.REPORTS)}
    sections = []
    for period in sorted(by_period, reverse=True):
        rows = []
        for s in sorted(by_period[period], key=lambda s: (order.get(s["report"], 99), s["stem"])):
            ok = s["status"] == "ok"
            stem = html.escape(s["stem"])
            link = f'<a href="{html.escape(period)}/{stem}.html">{stem}</a>'
            pdf = f' · <a href="{html.escape(period)}/{stem}.pdf">PDF</a>' if ok else ""
            state = t("index.ok", lang) if ok else f"{t('index.failed', lang)}: {html.escape(s.get('error') or '')}"
            rows.append(
                f'<tr class="{"ok" if ok else "failed"}"><td>{link}{pdf}</td>'
                f"<td>{html.escape(str(s.get('as_of')))}</td>"
                f"<td>{html.escape(s['built'])} ({s['seconds']} s)</td><td>{state}</td></tr>"
            )
        sections.append(
            f"<h2>{html.escape(period)}</h2><div class='table-scroll'><table><thead><tr>"
            f"<th>{t('index.report', lang)}</th><th>{t('report.as_of', lang)}</th>"
            f"<th>{t('index.built', lang)}</th><th>{t('index.status', lang)}</th></tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table></div>"
        )
    css = (TEMPLATES / "ketnap" / "report.css").read_text(encoding="utf-8")
    page = (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{t('index.title', lang)}</title>"
        f"<style>{css} tr.failed td {{ color: #b3261e; }}</style></head>"
        f'<body><header class="report-header"><p class="report-org">{t("org.board", lang)}</p>'
        f'<h1 class="report-title">{t("index.title", lang)}</h1></header>'
        f'<main class="report-body">{"".join(sections) or t("index.empty", lang)}</main></body></html>\n'
    )
    target = p.reports / "index.html"
    with exclusive(p.reports / ".index.lock", wait=FOREVER, what="index"):  # builds and `index` take turns
        write_text_atomic(page, target)
    return target
