"""``python -m ketnap.ingest``: see :mod:`ketnap.ingest.cli`."""

import sys

from ketnap.ingest.cli import main

sys.exit(main())
