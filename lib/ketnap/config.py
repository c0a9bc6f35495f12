"""Paths and settings, built from the package's own location (never from the current directory).

Everything that names a folder of the project lives here, so notebooks, tests and the command
line agree on where data and reports are. Set ``KETNAP_HOME`` to point the package at another
checkout or a scratch copy (tests and benchmarks do).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DEMO_PERSON_KEY", "Paths", "paths"]

#: The public key the synthetic sample is hashed with. Never use it for real returns.
DEMO_PERSON_KEY = "ketnap-demo-key-NOT-SECRET"


@dataclass(frozen=True)
class Paths:
    """The project's folders, all absolute."""

    home: Path

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def raw(self) -> Path:
        return self.data / "raw"

    @property
    def sample(self) -> Path:
        return self.data / "sample"

    @property
    def interim(self) -> Path:
        return self.data / "interim"

    @property
    def processed(self) -> Path:
        return self.data / "processed"

    @property
    def templates(self) -> Path:
        return self.data / "templates"

    @property
    def notebooks(self) -> Path:
        return self.home / "notebooks"

    @property
    def reports(self) -> Path:
        return self.home / "reports"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    def data_root(self) -> Path:
        """Where returns are read from: ``data/raw`` when it holds real reference data, else the sample."""
        if (self.raw / "reference" / "organisations.xlsx").exists():
            return self.raw
        return self.sample


def paths() -> Paths:
    """The project's paths, from ``KETNAP_HOME`` or the checkout this package lives in."""
    home = os.environ.get("KETNAP_HOME")
    return Paths(Path(home).resolve() if home else Path(__file__).resolve().parents[2])
