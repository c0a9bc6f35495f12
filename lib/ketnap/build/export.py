"""Excel exports of a report's key tables, collected from its executed notebook.

Notebooks mark a table for export with ``present.table(..., export="sheet name")``; the table's raw
values travel in the executed notebook under :data:`ketnap.present.TABLE_MIME`, and the build
writes them here as one workbook per report. Text that a spreadsheet would run as a formula is
neutralised; numbers stay numbers. Saving byte for byte the same is :func:`ketnap.workbook.save_deterministic`'s
job, publishing the file atomically the runner's (:mod:`ketnap.build.runner`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ketnap import indicators
from ketnap.io import spreadsheet_safe
from ketnap.labels import t
from ketnap.present import TABLE_MIME
from ketnap.workbook import save_deterministic

__all__ = ["collect_figures", "collect_tables", "figures_json", "figures_table", "write_workbook"]

_MAX_SHEET_TITLE = 31  # Excel's limit
_BAD_TITLE_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})


def collect_tables(notebook: Any) -> list[dict[str, Any]]:
    """The exported tables of an executed notebook, in display order."""
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            table = output.get("data", {}).get(TABLE_MIME)
            if table:
                found.append(table)
    return found


def collect_figures(notebook: Any) -> list[dict[str, Any]]:
    """The figures an executed notebook shows (:data:`ketnap.indicators.FIGURES_MIME`), collected once each."""
    return indicators.collect(
        output.get("data", {}).get(indicators.FIGURES_MIME) or []
        for cell in notebook.cells
        for output in cell.get("outputs", [])
    )


def figures_table(figures: list[dict[str, Any]], lang: str = "vi") -> dict[str, Any]:
    """The figures as the workbook's sheet "Số liệu": code, scope, period, value (the block's list)."""
    return {
        "sheet": t("indicator.sheet", lang),
        "columns": [t(f"indicator.sheet.{key}", lang) for key in ("code", "scope", "period", "value")],
        "rows": [[f["code"], f["scope"], f["period"], f["value"]] for f in figures],
    }


def figures_json(figures: list[dict[str, Any]]) -> str:
    """The figures block's JSON, safe inside ``<script>`` (no ``</``), one figure a line, stable."""
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, sort_keys=False) for f in figures)
    return ("[\n" + lines + "\n]" if figures else "[]").replace("<", "\\u003c")


def write_workbook(tables: list[dict[str, Any]], target: Path, *, title: str = "") -> Path:
    """Write ``tables`` as one sheet each (unique titles), with a bold header row and frozen panes."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        name = str(table["sheet"]).translate(_BAD_TITLE_CHARS).strip()[:_MAX_SHEET_TITLE] or "Sheet"
        base, n = name, 2
        while name.casefold() in used:
            suffix = f" ({n})"
            name, n = base[: _MAX_SHEET_TITLE - len(suffix)] + suffix, n + 1
        used.add(name.casefold())
        sheet = workbook.create_sheet(name)
        sheet.append([spreadsheet_safe(str(c)) for c in table["columns"]])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            sheet.append([spreadsheet_safe(v) for v in row])
        for i, column in enumerate(table["columns"], start=1):
            width = max([len(str(column))] + [len(str(r[i - 1])) for r in table["rows"] if r[i - 1] is not None])
            sheet.column_dimensions[get_column_letter(i)].width = min(60, max(8, width + 2))
        sheet.freeze_panes = "A2"
    if not tables:
        workbook.create_sheet("Sheet").append([title])
    if title:
        workbook.properties.title = title
    return save_deterministic(workbook, target)
