"""Receipts: the acknowledgement sent back to an organisation for one received return, as HTML and PDF.

A :class:`ketnap.receipt.Receipt` (filled by ingestion) becomes one self-contained page addressed
to the organisation's secretary: what was received and when, whether on time, rows read, accepted
and rejected per sheet, every problem with its sheet, Excel row and column and how to fix it,
what changed since the previous version, and what to do next. Every visible text comes from the
label catalog (``receipt.*``, and ``quality.rule.*``/``quality.fix.*`` for the rules), so the
page exists in Vietnamese and English. The Receipt carries no name, birth date or ID number, and
neither does the page: rows are named by their Excel row number only.

The page opens with the official header block of the Party's document format and is numbered
"Trang x/y" when printed (:mod:`ketnap.build.document`, shared with the reports). It is printed on
A4 by the same Chromium as the reports (:class:`ketnap.build.runner.Printer`);
HTML and PDF are published together, atomically (:func:`ketnap.io.atomic_file`), under a stem
made of the organisation, year, version and the file's checksum (:func:`receipt_stem`).

>>> from datetime import datetime
>>> bare = Receipt("bc.xlsx", "bc.xlsx", "1a2b3c4d" + "0" * 56, datetime(2024, 3, 5, 9, 0), "receive",
...                "P01", "Đảng bộ phường Ba Đình", 2024, 2, 1, 2, None, None, (), (), ())
>>> receipt_stem(bare)
'P01-2024-v2-1a2b3c4d'
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from contextlib import ExitStack
from datetime import date
from pathlib import Path

from ketnap import fmt
from ketnap.build.document import CSS as DOCUMENT_CSS
from ketnap.build.document import official_header, page_css
from ketnap.build.runner import TEMPLATES, Printer
from ketnap.io import atomic_file
from ketnap.labels import CATALOG, LANGS, t
from ketnap.receipt import Change, Receipt, ReceiptIssue

__all__ = ["CSS", "receipt_stem", "render_receipt", "write_receipt"]

#: The receipt's styles (inlined into every page).
CSS = TEMPLATES / "receipt" / "receipt.css"
#: The order the kinds of change are listed in.
CHANGE_ORDER = ("added", "corrected", "removed")
NA = "–"


def _e(value: object) -> str:
    return html.escape(str(value))


def receipt_stem(receipt: Receipt) -> str:
    """The file name (without extension) of a receipt: ``P01-2024-v2-1a2b3c4d``, or ``unplaced-1a2b3c4d``.

    Made of the organisation code, the year, the version and the first 8 hex digits of the file's
    SHA-256, so it is the same every time for the same received file, and two versions never share
    one. A file not placed with an organisation and a year is ``unplaced-<sha8>``.

    >>> from datetime import datetime
    >>> lost = Receipt("x.pdf", "x.pdf", "ABCDEF0123" * 6 + "0000", datetime(2024, 3, 5), "file-time",
    ...                None, None, None, None, None, None, None, None, (), (), None, "not a workbook")
    >>> receipt_stem(lost)
    'unplaced-abcdef01'
    """
    sha8 = receipt.sha256[:8].lower()
    if not re.fullmatch(r"[0-9a-f]{8}", sha8):
        raise ValueError(f"receipt for {receipt.file_name!r}: sha256 is not hexadecimal: {receipt.sha256!r}")
    if receipt.org_code is None or receipt.year is None:
        return f"unplaced-{sha8}"
    code = re.sub(r"[^A-Za-z0-9_-]+", "_", receipt.org_code.strip()) or "_"
    version = f"-v{receipt.version}" if receipt.version is not None else ""
    return f"{code}-{receipt.year}{version}-{sha8}"


def _label_or(key: str, fallback: str, lang: str) -> str:
    """The label ``key``, or ``fallback`` when the catalog lacks it (a rule or method added later)."""
    return t(key, lang) if key in CATALOG else fallback


def _org(receipt: Receipt) -> str | None:
    return receipt.org_name or receipt.org_code


def _when(receipt: Receipt, lang: str) -> str:
    return f"{fmt.date(receipt.received_at, lang)} {receipt.received_at:%H:%M}"


def _due(receipt: Receipt, lang: str) -> str:
    """The deadline and whether the return met it: ``05/03/2024 (gửi chậm 3 ngày)``, status in bold."""
    assert receipt.due is not None
    if receipt.late is None:
        return _e(fmt.date(receipt.due, lang))
    if receipt.late:
        days = (receipt.received_at.date() - receipt.due).days
        status = (
            t("receipt.late_day", lang)
            if days == 1
            else t("receipt.late_days", lang, days=days)
            if days > 1
            else t("receipt.late", lang)
        )
        css = "late"
    else:
        status, css = t("receipt.on_time", lang), "on-time"
    return _e(t("receipt.due_value", lang, due=fmt.date(receipt.due, lang), status="\x00")).replace(
        "\x00", f'<span class="{css}">{_e(status)}</span>'
    )


def _facts(receipt: Receipt, lang: str) -> str:
    """Who and what: organisation, year, file, stored name, time received, version, month, deadline."""
    rows: list[tuple[str, str]] = []
    if receipt.org_code is not None:
        org = (
            t("receipt.fact.org_value", lang, name=receipt.org_name, code=receipt.org_code)
            if receipt.org_name
            else receipt.org_code
        )
        rows.append((t("receipt.fact.organisation", lang), _e(org)))
    if receipt.year is not None:
        rows.append((t("receipt.fact.year", lang), _e(receipt.year)))
    rows.append((t("receipt.fact.file", lang), _e(receipt.file_name)))
    rows.append((t("receipt.fact.stored", lang), _e(receipt.stored_as)))
    how = _label_or(f"receipt.how.{receipt.received_how}", receipt.received_how, lang)
    rows.append(
        (
            t("receipt.fact.received", lang),
            _e(t("receipt.fact.received_value", lang, when=_when(receipt, lang), how=how)),
        )
    )
    if receipt.version is not None:
        version = (
            t("receipt.version.replaces", lang, version=receipt.version, previous=receipt.previous_version)
            if receipt.previous_version is not None
            else t("receipt.version.first", lang, version=receipt.version)
        )
        rows.append((t("receipt.fact.version", lang), _e(version)))
    if receipt.reports_through is not None and receipt.year is not None:
        through = fmt.month(date(receipt.year, receipt.reports_through, 1), lang)
        rows.append((t("receipt.fact.through", lang), _e(through)))
    if receipt.due is not None:
        rows.append((t("receipt.fact.due", lang), _due(receipt, lang)))
    body = "".join(f'<tr><th scope="row">{_e(label)}</th><td>{value}</td></tr>' for label, value in rows)
    return f'<table class="facts"><tbody>{body}</tbody></table>'


def _table(head: Sequence[tuple[str, str]], body: str, css: str = "") -> str:
    """A table in its scrolling box; ``head`` is (text, css class) per column."""
    cells = "".join(
        f'<th scope="col"{f" class={chr(34)}{c}{chr(34)}" if c else ""}>{_e(text)}</th>' for text, c in head
    )
    return f'<div class="scroll"><table class="{css}"><thead><tr>{cells}</tr></thead>{body}</table></div>'


def _sheets(receipt: Receipt, lang: str) -> str:
    """Rows read, accepted and rejected per sheet, with a total when there is more than one sheet."""
    if not receipt.sheets:
        return ""

    def row(name: str, read: int, accepted: int, rejected: int, css: str = "") -> str:
        figures = "".join(f'<td class="num">{fmt.integer(n, lang)}</td>' for n in (read, accepted, rejected))
        return f"<tr{f' class={chr(34)}{css}{chr(34)}' if css else ''}><td>{_e(name)}</td>{figures}</tr>"

    rows = [row(s.sheet, s.rows_read, s.accepted, s.quarantined) for s in receipt.sheets]
    if len(receipt.sheets) > 1:
        rows.append(
            row(
                t("receipt.total", lang),
                sum(s.rows_read for s in receipt.sheets),
                sum(s.accepted for s in receipt.sheets),
                sum(s.quarantined for s in receipt.sheets),
                "total",
            )
        )
    head = [
        (t("receipt.column.sheet", lang), ""),
        (t("receipt.column.rows_read", lang), "num"),
        (t("receipt.column.accepted", lang), "num"),
        (t("receipt.column.rejected", lang), "num"),
    ]
    return f"<h2>{_e(t('receipt.section.sheets', lang))}</h2>" + _table(
        head, f"<tbody>{''.join(rows)}</tbody>", "sheets"
    )


def _sorted_issues(receipt: Receipt, issues: Iterable[ReceiptIssue]) -> list[ReceiptIssue]:
    """In the order a secretary works through the file: sheet as in the file, then row, then column."""
    order = {s.sheet: i for i, s in enumerate(receipt.sheets)}
    return sorted(
        issues,
        key=lambda i: (order.get(i.sheet, len(order)), i.sheet, i.row if i.row is not None else -1, i.column or ""),
    )


def _issues(receipt: Receipt, level: str, lang: str) -> str:
    """The errors (rows rejected) or the warnings (accepted anyway), grouped by rule.

    Each rule is one band, its name, count and how to fix it, followed by one line per place it
    was found (sheet, Excel row, column, and the value when it is not personal data); the fix is
    said once per rule, which keeps a typical receipt on one page.
    """
    found = _sorted_issues(receipt, (i for i in receipt.issues if i.level == level))
    if not found:
        return ""
    groups: dict[str, list[ReceiptIssue]] = {}
    for issue in found:
        groups.setdefault(issue.rule, []).append(issue)
    with_value = any(i.value not in (None, "") for i in found)
    columns = 4 if with_value else 3
    bodies = []
    for rule, places in groups.items():
        name = _label_or(f"quality.rule.{rule}", rule, lang)
        title = t("receipt.rule_count", lang, name=name, count=len(places)) if len(places) > 1 else name
        fix_key = f"quality.fix.{rule}"
        fix = (
            f'<span class="fix">{_e(t("receipt.fix", lang, fix=t(fix_key, lang)))}</span>' if fix_key in CATALOG else ""
        )
        lines = [
            f'<tr class="rule" data-rule="{_e(rule)}"><td colspan="{columns}">'
            f'<span class="rule-name">{_e(title)}</span>{fix}</td></tr>'
        ]
        for issue in places:
            sheet = issue.sheet or t("receipt.whole_file", lang)
            row = str(issue.row) if issue.row is not None else t("receipt.whole_sheet", lang) if issue.sheet else NA
            value = f"<td>{_e(issue.value) if issue.value not in (None, '') else NA}</td>" if with_value else ""
            lines.append(
                f'<tr class="place"><td>{_e(sheet)}</td><td class="row">{_e(row)}</td>'
                f"<td>{_e(issue.column or NA)}</td>{value}</tr>"
            )
        bodies.append(f"<tbody>{''.join(lines)}</tbody>")
    head = [
        (t("receipt.column.sheet", lang), "sheet"),
        (t("receipt.column.row", lang), "row"),
        (t("receipt.column.column", lang), "col"),
    ]
    if with_value:
        head.append((t("receipt.column.value", lang), "value"))
    heading = t(f"receipt.section.{level}s", lang, count=fmt.integer(len(found), lang))
    return (
        f'<section class="issues {level}s"><h2 class="{level}">{_e(heading)}</h2>'
        f"{_table(head, ''.join(bodies), 'issues')}</section>"
    )


def _change_rows(kind: str, changes: Sequence[Change], lang: str) -> str:
    """The rows of one kind of change in one sheet, as a line: ``7 (Ngày kết nạp); 12 (Số CCCD)``."""
    if kind == "removed":
        rows = sorted(c.previous_row for c in changes if c.previous_row is not None)
        return t("receipt.change.previous_rows", lang, rows=", ".join(map(str, rows))) if rows else NA
    if kind == "added":
        return ", ".join(str(r) for r in sorted(c.row for c in changes if c.row is not None)) or NA
    items = []
    for change in sorted(changes, key=lambda c: c.row if c.row is not None else -1):
        notes = [", ".join(change.columns)] if change.columns else []
        if change.previous_row is not None and change.previous_row != change.row:
            notes.append(t("receipt.change.moved", lang, previous=change.previous_row))
        where = str(change.row) if change.row is not None else NA
        items.append(f"{where} ({'; '.join(notes)})" if notes else where)
    return "; ".join(items)


def _changes(receipt: Receipt, lang: str) -> str:
    """What differs from the previous version, per sheet and kind, by Excel row number only."""
    if receipt.unreadable is not None and receipt.changes is None:
        return ""
    heading = (
        t("receipt.section.changes", lang, previous=receipt.previous_version)
        if receipt.previous_version is not None
        else t("receipt.section.changes_first", lang)
    )
    out = f"<section class='changes'><h2>{_e(heading)}</h2>"
    if receipt.changes is None:
        return out + f"<p>{_e(t('receipt.changes.first', lang))}</p></section>"
    if not receipt.changes:
        return out + f"<p>{_e(t('receipt.changes.none', lang))}</p></section>"
    order = {s.sheet: i for i, s in enumerate(receipt.sheets)}
    grouped: dict[tuple[str, str], list[Change]] = {}
    for change in receipt.changes:
        grouped.setdefault((change.sheet, change.kind), []).append(change)
    lines = []
    for sheet, kind in sorted(grouped, key=lambda k: (order.get(k[0], len(order)), k[0], CHANGE_ORDER.index(k[1]))):
        changes = grouped[(sheet, kind)]
        what = t(f"receipt.change.{kind}", lang, count=fmt.integer(len(changes), lang))
        lines.append(
            f"<tr><td>{_e(sheet)}</td><td>{_e(what)}</td><td>{_e(_change_rows(kind, changes, lang))}</td></tr>"
        )
    head = [
        (t("receipt.column.sheet", lang), ""),
        (t("receipt.column.change", lang), ""),
        (t("receipt.column.rows", lang), ""),
    ]
    return out + _table(head, f"<tbody>{''.join(lines)}</tbody>", "changes") + "</section>"


def _unreadable(receipt: Receipt, lang: str) -> str:
    """Why the file was refused whole, and what to send instead."""
    if receipt.unreadable is None:
        return ""
    return (
        f'<section class="unreadable"><h2>{_e(t("receipt.section.unreadable", lang))}</h2>'
        f"<p>{_e(t('receipt.unreadable.lead', lang))}</p>"
        f"<p>{_e(t('receipt.unreadable.reason', lang, reason=receipt.unreadable))}</p>"
        f"<p><strong>{_e(t('receipt.unreadable.send', lang))}</strong></p></section>"
    )


def _closing(receipt: Receipt, lang: str) -> str:
    """What the secretary should do now."""
    levels = {i.level for i in receipt.issues}
    if receipt.unreadable is not None:
        key, css = "receipt.close.unreadable", ""
    elif "error" in levels:
        key, css = "receipt.close.errors", ""
    elif "warning" in levels:
        key, css = "receipt.close.warnings", " done"
    else:
        key, css = "receipt.close.clean", " done"
    return f'<p class="closing{css}">{_e(t(key, lang))}</p>'


def render_receipt(receipt: Receipt, *, lang: str = "vi") -> str:
    """The receipt as one self-contained HTML page (styles inline, nothing loaded) in ``lang``."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; valid: {', '.join(LANGS)}")
    org = _org(receipt)
    to = t("receipt.to", lang, org=org) if org else t("receipt.to_unplaced", lang, file=receipt.file_name)
    if org and receipt.year is not None and receipt.version is not None:
        lead = t("receipt.lead", lang, year=receipt.year, org=org, version=receipt.version)
    elif org and receipt.year is not None:
        lead = t("receipt.lead_unversioned", lang, year=receipt.year, org=org)
    elif org:
        lead = t("receipt.lead_no_year", lang, file=receipt.file_name, org=org)
    else:
        lead = t("receipt.lead_unplaced", lang, file=receipt.file_name)
    has_issues = bool(receipt.issues)
    body = [
        official_header(lang, number=False, place_date=False),
        f"<h1>{_e(t('receipt.title', lang))}</h1>",
        f'<p class="to">{_e(to)}</p>',
        f'<p class="lead">{_e(lead)}</p>',
        _facts(receipt, lang),
        _unreadable(receipt, lang),
        _sheets(receipt, lang),
        _issues(receipt, "error", lang),
        _issues(receipt, "warning", lang),
        ""
        if has_issues or receipt.unreadable is not None
        else f'<p class="no-issues">{_e(t("receipt.none.issues", lang))}</p>',
        _changes(receipt, lang),
        _closing(receipt, lang),
        '<footer class="receipt-footer">',
        f"<p>{_e(t('receipt.privacy', lang))}</p> ",
        f"<p>{_e(t('receipt.footer', lang, sha=chr(0)))}</p>".replace(
            chr(0), f'<span class="sha">{_e(receipt.sha256)}</span>'
        ),
        "</footer>",
    ]
    title = f"{t('receipt.title', lang)} · {receipt_stem(receipt)}"
    css = DOCUMENT_CSS.read_text(encoding="utf-8") + CSS.read_text(encoding="utf-8")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="ketnap">\n'
        f"<title>{_e(title)}</title>\n<style>\n{css}{page_css(lang)}\n</style>\n</head>\n"
        f'<body>\n<main class="receipt">\n{"".join(part for part in body if part)}\n</main>\n</body>\n</html>\n'
    )


def write_receipt(
    receipt: Receipt, folder: Path, *, lang: str = "vi", pdf: bool = True, printer: Printer | None = None
) -> list[Path]:
    """Write ``<stem>.html`` (and ``<stem>.pdf``, A4) for ``receipt`` into ``folder``; return their paths.

    Both are made as temporary files beside their targets and renamed into place together, the
    HTML last, so a failure leaves the previous receipt (if any) whole. ``printer`` lets a caller
    writing many receipts start Chromium once; without it one is started and stopped here.
    """
    stem = receipt_stem(receipt)
    html_text = render_receipt(receipt, lang=lang)
    html_path, pdf_path = folder / f"{stem}.html", folder / f"{stem}.pdf"
    with ExitStack() as publish:  # renamed on leaving, in reverse order of entry: the HTML last
        html_file = publish.enter_context(atomic_file(html_path))
        html_file.write_text(html_text, encoding="utf-8")
        if pdf:
            pdf_file = publish.enter_context(atomic_file(pdf_path))
            with ExitStack() as own:
                use = printer if printer is not None else own.enter_context(Printer())
                use.print_pdf(html_text, pdf_file)
    return [html_path, pdf_path] if pdf else [html_path]
