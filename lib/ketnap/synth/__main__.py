"""``python -m ketnap.synth``: the command line of the synthetic data (see :func:`ketnap.synth.city.main`)."""

from ketnap.synth.city import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
