"""ketnap: admissions of new Party members (kết nạp đảng viên) by sector against target.

Every module, in the order the data flows: returns → ``ingest`` → ``data/processed`` → the
analytics a notebook imports → ``build`` → ``reports/``. The top level is what notebooks import;
the three wings (``ingest``, ``synth``, ``build``) sit on either side of the processed data and
never import one another (``tests/test_layout.py`` checks this map, that and the 1,200-line limit).

Foundations, read by everything:

=========================  =========================================================================
``config``                 paths and :class:`~ketnap.config.Settings` (every ``KETNAP_*`` variable)
``body``                   the reporting body (``reference/body.toml``): its names, level, parent,
                           document header; the label catalog fills its words in
``schema``                 the data contract: return sheets, columns, categories, processed tables,
                           rule ids (documented in ``docs/data-dictionary.md``)
``text``                   Vietnamese text normalisation: NFC, tone placement, matching keys
``io``                     the processed tables on disk (the one reader and writer), atomic files
``lock``                   one build or ingestion at a time
``workbook``               writing workbooks in the return format: templates, the sample's files
``receipt``                what a receipt for a received return says (filled by ``ingest``,
                           rendered by ``build``)
=========================  =========================================================================

Returns in, processed tables out (``make data``), the ``ingest`` wing, in the order a file
travels: ``ingest.limits`` (safety limits), ``ingest.files`` (what a file is, opening it),
``ingest.sheets`` (header rows and columns), ``ingest.values`` (one cell), ``ingest.rows`` (one
row), ``ingest.reference`` (sectors, working groups, organisations, targets), ``ingest.history`` (the
organisations' history: events checked, validity for the returns), ``ingest.returns`` (one return),
``ingest.person`` (the anonymous person key), ``ingest.issues`` (what is reported),
``ingest.register`` (the returns register: every version received), ``ingest.timeliness`` (which
month a return reports, deadlines, on time, late or missing), ``ingest.run`` (the whole run),
``ingest.receive`` (``ketnap receive``: one return checked, stored, registered, its receipt's
content) and ``ingest.cli`` (``python -m ketnap.ingest``).

Synthetic data (``make sample``, ``bench/``), the ``synth`` wing: ``synth.population`` (what both
generators draw from), ``synth.people`` (fake people; the only user of Faker), ``synth.city`` (the
calibrated sample), ``synth.history`` (the sample's returns cycle: dates, versions, the cases the
Board meets), ``synth.ward`` (the example ward in ``data/examples/``, from the city's generator)
and ``synth.national`` (a national-size set for the benchmark).

What notebooks import, from figures to words and pictures:

=========================  =========================================================================
``periods``                reporting periods (month to date, quarter, year) and the whole-year rule
``completeness``           whose monthly return is in, late or missing: what the figures rest on
``lineage``                the organisations over time: names and sectors on a day, predecessors and
                           successors, last year through mergers, the notes saying so
``metrics``                attainment, pace, projection, flags, training, composition
``rules``                  the counting rules written once: behind pace, shortfall in whole people,
                           no admission, under 10%, and their note in the reports
``training``               training class → admission → full membership
``trend``                  month by month (each month's own figure beside the cumulative, the
                           monthly plans) and over the years (the same span each year), per sector
``review``                 the annual review for the grading
``scorecard``              organisation tables of the sector and scorecard reports
``card``                   one organisation's card: its figures, months, pool, due members, returns
``groups``                 the Standing Board's working groups: a group's figures, its organisations
                           ranked, behind pace, returns missing
``quality``                data quality of an ingestion run
``privacy``                small counts that could point at a person
``labels``                 the label catalog: every visible text, Vietnamese and English
``indicator_labels``       the indicator catalogue's texts (merged into the label catalog)
``receipt_labels``         the receipts' texts (merged into the label catalog)
``publish_labels``         the index's and the printed document format's texts (merged likewise)
``trend_labels``           the month-by-month and trend sections' texts, and a finished quarter's
                           words (merged likewise)
``card_labels``            the organisation card's, the pages' links' and the index search's texts
                           (merged likewise)
``group_labels``           the working groups' reports' texts (merged likewise)
``issue_labels``           issuing's and the revisions section's texts (merged likewise)
``history_labels``         the organisations' history's texts: ingestion's messages, the lineage
                           notes (merged likewise)
``indicators``             the indicator catalogue: codes, definitions, rounding, the figures block
``fmt``                    numbers, percentages, dates and Vietnamese order for display
``narrative``              headline sentences in the register of party-committee reports
``columns``                the column catalog: a table column's heading and format
``present``                cards, tables, charts and text as HTML for the report pages
``charts``                 the chart theme and every report chart
``trend_chart``            the chart of the same span of each year, one line per sector
``card_chart``             the organisation card's chart: months against its own plan
``chart_parts``            what frames a chart: its title (period or class), the target and
                           expected-by-now lines, the legend above, the measure of text
``cli``                    the ``ketnap`` command: headline figures, and returns received
=========================  =========================================================================

Notebooks in, reports out (``make reports``), the ``build`` wing: ``build.catalog`` (which
notebooks are reports), ``build.batch`` (make rules, queue, workers, run log), ``build.runner``
(one report: papermill, nbconvert, Chromium), ``build.export`` (Excel), ``build.index``
(``reports/index.html``), ``build.document`` (the Party's document format on paper: the official
header block, running title, page numbers), ``build.word`` (the Board's report as Word,
``bao-cao.docx``, in the Party's format), ``build.receipts`` (the receipt sent back for a
received return, HTML and PDF), ``build.issue`` (``make issue``: a period's reports frozen under
``reports/issued/``, checked by ``make verify-issued``), ``build.revisions`` (figures changed since
an issue, and the returns that changed them) and ``build.sources`` (which files ingestion is made
of, for make).
"""

import os as _os

__version__ = "0.1.0"

# python-docx (the Word report, ``build.word``) brings lxml, and openpyxl, seeing lxml, would parse
# workbooks with it instead of defusedxml and write its files differently. Kept on defusedxml: a
# hostile return is refused as before (``ingest.files``) and the Excel exports stay byte for byte.
# Set before openpyxl is first imported (every entry point imports ketnap first); a caller's own
# setting wins.
_os.environ.setdefault("OPENPYXL_LXML", "False")
