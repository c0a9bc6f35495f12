"""ketnap.synth: synthetic data, for the shipped sample and for benchmarks; nothing here is real.

What lives in this wing, in the order the modules use each other:

- :mod:`ketnap.synth.population`: what both generators draw from (the period, sectors, organisation
  catalogue, seasonality, distributions of new members' traits); no Faker;
- :mod:`ketnap.synth.people`: fake names, birth dates and ID numbers (the one module importing Faker);
- :mod:`ketnap.synth.city`: the calibrated sample of Thanh Hóa city, written in the return format
  to ``data/sample`` (``make sample``; ``docs/sample-data.md``);
- :mod:`ketnap.synth.national`: a national-size set written straight as the processed tables, for
  ``bench/scale.py``;
- ``python -m ketnap.synth``: the command line of both (:mod:`ketnap.synth.__main__`).

What does not: reading returns (``ketnap.ingest``), the workbook layout (``ketnap.workbook``) and
anything a report imports. Reports never depend on this wing: its effect reaches them only through
the processed data. Making fake people needs Faker, an optional extra (``pip install -e '.[synth]'``,
included in ``dev``); nothing is imported here, so ``import ketnap.synth`` is free.
"""

__all__: list[str] = []
