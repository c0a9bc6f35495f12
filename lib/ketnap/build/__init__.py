"""The report build: notebooks in, HTML, PDF and Excel reports out (``make reports``).

- :mod:`ketnap.build.catalog`: which notebooks are reports, their parameters and output names;
- :mod:`ketnap.build.batch`: make rules, the queue, parallel workers, the run log;
- :mod:`ketnap.build.runner`: one report: papermill executes, nbconvert renders, Chromium prints;
- :mod:`ketnap.build.export`: a report's key tables as an Excel workbook;
- :mod:`ketnap.build.index`: ``reports/index.html``, the leaders' front page;
- :mod:`ketnap.build.document`: the Party's document format on paper (official header, page numbers);
- :mod:`ketnap.build.receipts`: the receipt an organisation gets back for a received return (HTML, PDF);
- :mod:`ketnap.build.sources`: which files ingestion is made of (its import closure), for make;
- :mod:`ketnap.build.__main__`: the command line, ``python -m ketnap.build``;
- ``templates/``: the nbconvert template and CSS of the report pages (and of the index and the
  official header block), and the receipt's CSS.

Notebooks never import this wing, and it never imports ``ingest`` or ``synth``: the data reaches
it through ``data/processed`` only, which is why the Makefile rebuilds reports when this folder,
the top-level modules or the processed data change, and not otherwise.
"""

__all__: list[str] = []
