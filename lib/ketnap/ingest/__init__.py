"""Ingestion: the returns and reference workbooks in, the processed tables out (``make data``).

Reads the data root laid out in ``docs/data-dictionary.md`` (``data/raw`` when it holds real
reference data, else ``data/sample``), checks every row against the data contract
(:mod:`ketnap.schema`), and writes

- ``data/processed/<table>.parquet`` for every table in :data:`ketnap.schema.TABLES`, and ``manifest.json``;
- ``data/interim/quarantine.csv`` (one line per rejected row and rule, and per unreadable file),
  ``data/interim/warnings.csv`` (ignored columns and sheets) and ``data/interim/reconciliation.csv``
  (``rows_read = loaded + quarantined`` per file and sheet).

Tolerant where people differ (title rows, NFC/NFD text, tone placement, case, spacing, categories
typed without diacritics, values merged down a column, dates as Excel dates or ``dd/mm/yyyy`` text,
extra columns, organisations by code or name); strict where the
data is wrong, and then it collects every violation with file, sheet, Excel row, column and a
stable rule id. Personal data (names, ID numbers, exact birth dates) stops here: only the keyed hash
``person_key``, ``birth_year`` and ``age_at_admission`` go on.

The wing, in the order a file travels through it:

======================  ==================================================================
``files``               safety limits, what a file really is, opening workbooks, CSV text
``sheets``              header rows, columns, data rows, formulas and merged cells
``values``              one cell: dates, ID numbers, whole numbers
``rows``                one row against its columns; the row readers per table
``reference``           sectors, organisations, targets
``returns``             one return (workbook or CSV): Thông tin, then its data sheets
``person``              the person key (ID number -> anonymous hash)
``issues``              issues, counts, results and the errors that stop a run
``run``                 :func:`ingest`: the whole run, duplicates across returns, and what it writes
``cli``                 ``python -m ketnap.ingest``
======================  ==================================================================

Run as ``python -m ketnap.ingest [--root DIR] [--out DIR] [--interim DIR] [--today YYYY-MM-DD]``.
"""

from __future__ import annotations

from ketnap.ingest.cli import main
from ketnap.ingest.issues import IngestResult, Issue, PersonKeyError, ReferenceDataError
from ketnap.ingest.person import person_key, resolve_person_key
from ketnap.ingest.run import ingest
from ketnap.ingest.values import parse_date

__all__ = [
    "IngestResult",
    "Issue",
    "PersonKeyError",
    "ReferenceDataError",
    "ingest",
    "main",
    "parse_date",
    "person_key",
    "resolve_person_key",
]
