"""``python -m ketnap.build``: the report build's command line (:func:`ketnap.build.batch.main`)."""

import sys

from ketnap.build.batch import main

__all__ = ["main"]

if __name__ == "__main__":
    sys.exit(main())
