"""Paths and settings: the project's folders, and every ``KETNAP_*`` environment variable.

Everything that names a folder of the project lives here, built from the package's own location
(never from the current directory), so notebooks, tests and the command line agree on where data
and reports are. Set ``KETNAP_HOME`` to point the package at another checkout or a scratch copy
(tests and benchmarks do).

Every setting the environment can change is listed once in :data:`SETTINGS` (name, default,
meaning; the README's table is checked against it) and read by :func:`settings`, which checks
each value and says which variable is wrong. Nothing else in the package reads ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "DEFAULT_PERSON_KEY_FILE",
    "DEMO_PERSON_KEY",
    "SETTINGS",
    "Paths",
    "Setting",
    "SettingError",
    "Settings",
    "paths",
    "settings",
]

#: The public key the synthetic sample is hashed with. Never use it for real returns.
DEMO_PERSON_KEY = "ketnap-demo-key-NOT-SECRET"
#: Where the person key is read from when ``KETNAP_PERSON_KEY`` is not set.
DEFAULT_PERSON_KEY_FILE = "~/.config/ketnap/person.key"


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
    def receipts(self) -> Path:
        """Where ``ketnap receive`` writes the receipts sent back to organisations."""
        return self.data / "receipts"

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
        """Where returns are read from: ``KETNAP_DATA`` when set, else ``data/raw`` when it holds real
        reference data, else the sample."""
        chosen = settings().data
        if chosen is not None:
            return chosen
        if (self.raw / "reference" / "organisations.xlsx").exists():
            return self.raw
        return self.sample


def paths() -> Paths:
    """The project's paths, from ``KETNAP_HOME`` or the checkout this package lives in."""
    return Paths(settings().home)


@dataclass(frozen=True)
class Setting:
    """One environment variable: its name, its default as text, and what it changes."""

    name: str
    default: str
    meaning: str
    secret: bool = False


#: Every ``KETNAP_*`` variable the package reads, in the order the README lists them.
SETTINGS: tuple[Setting, ...] = (
    Setting("KETNAP_HOME", "the checkout", "the project folder: data, reports and logs are under it"),
    Setting(
        "KETNAP_DATA",
        "data/raw, else data/sample",
        "the data root returns and reference data are read from (`make reports DATA=… OUT=…` sets it)",
    ),
    Setting(
        "KETNAP_PERSON_KEY",
        "unset",
        "the secret key ID numbers are hashed with (not needed for the shipped sample)",
        secret=True,
    ),
    Setting("KETNAP_PERSON_KEY_FILE", DEFAULT_PERSON_KEY_FILE, "a file holding the person key instead"),
    Setting("KETNAP_WORKERS", "one per core", "how many reports are built at once"),
    Setting("KETNAP_LOCK_WAIT", "900", "seconds a run waits for another build or ingestion before giving up"),
    Setting("KETNAP_BROWSER", "chromium on PATH", "the Chrome or Chromium that prints the PDFs"),
    Setting(
        "KETNAP_REQUIRE_PDF",
        "0",
        "1: `make reports` fails (exit 2, nothing built) when no browser can print the PDFs; 0: it builds the "
        "HTML and Excel, says how to install a browser and marks the PDFs missing in the index",
    ),
    Setting("KETNAP_SMALL_COUNT", "3", "composition counts below this (of a group or the rest) are not published"),
    Setting(
        "KETNAP_RETURN_DEADLINE",
        "5",
        "a month's return is due by this day of the next month (1–28); after it the return is late, "
        "and without one it is missing (`make data` ingests again when it changes)",
    ),
)


class SettingError(ValueError):
    """A ``KETNAP_*`` variable holds a value that cannot be used; the message names it."""


@dataclass(frozen=True)
class Settings:
    """The values of :data:`SETTINGS` for one run (see :func:`settings`)."""

    home: Path
    data: Path | None  # None: data/raw when it holds reference data, else data/sample
    person_key: str | None
    person_key_file: Path
    workers: int | None  # None: one per core
    lock_wait: float
    browser: str | None
    require_pdf: bool
    small_count: int
    return_deadline: int

    def for_log(self) -> dict[str, Any]:
        """The settings as recorded in a run log: secrets say only whether they are set."""
        values = {s.name: getattr(self, s.name.removeprefix("KETNAP_").lower()) for s in SETTINGS}
        return {
            name: ("set" if value else "unset") if _SECRET[name] else (str(value) if value is not None else None)
            for name, value in values.items()
        }


_SECRET = {s.name: s.secret for s in SETTINGS}


def _number(env: Mapping[str, str], name: str, default: float | None, *, kind: type = int, least: float = 0) -> Any:
    text = env.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or value < least:
        what = "a whole number" if kind is int else "a number"
        raise SettingError(f"{name} must be {what} ≥ {least:g} (got {text!r})")
    return value


def settings(env: Mapping[str, str] | None = None) -> Settings:
    """The settings from ``env`` (default ``os.environ``), read afresh at every call.

    >>> s = settings({"KETNAP_WORKERS": "3"})
    >>> s.workers, s.lock_wait, s.small_count
    (3, 900.0, 3)
    >>> settings({"KETNAP_WORKERS": "many"})
    Traceback (most recent call last):
    ...
    ketnap.config.SettingError: KETNAP_WORKERS must be a whole number ≥ 1 (got 'many')
    """
    env = os.environ if env is None else env
    home = env.get("KETNAP_HOME", "").strip()
    return Settings(
        home=Path(home).resolve() if home else Path(__file__).resolve().parents[2],
        data=Path(env["KETNAP_DATA"].strip()).resolve() if env.get("KETNAP_DATA", "").strip() else None,
        person_key=env.get("KETNAP_PERSON_KEY", "").strip() or None,
        person_key_file=Path(env.get("KETNAP_PERSON_KEY_FILE") or DEFAULT_PERSON_KEY_FILE).expanduser(),
        workers=_number(env, "KETNAP_WORKERS", None, least=1),
        lock_wait=_number(env, "KETNAP_LOCK_WAIT", 900.0, kind=float),
        browser=env.get("KETNAP_BROWSER", "").strip() or None,
        require_pdf=_flag(env, "KETNAP_REQUIRE_PDF"),
        small_count=_number(env, "KETNAP_SMALL_COUNT", 3, least=1),
        return_deadline=_return_deadline(env),
    )


_TRUE, _FALSE = ("1", "true", "yes", "on"), ("", "0", "false", "no", "off")


def _flag(env: Mapping[str, str], name: str) -> bool:
    """A yes/no setting: ``1``/``true``/``yes``/``on`` or ``0``/``false``/``no``/``off`` (unset: no).

    >>> _flag({"KETNAP_REQUIRE_PDF": "yes"}, "KETNAP_REQUIRE_PDF"), _flag({}, "KETNAP_REQUIRE_PDF")
    (True, False)
    >>> _flag({"KETNAP_REQUIRE_PDF": "maybe"}, "KETNAP_REQUIRE_PDF")
    Traceback (most recent call last):
    ...
    ketnap.config.SettingError: KETNAP_REQUIRE_PDF must be 1 or 0 (got 'maybe')
    """
    text = env.get(name, "").strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise SettingError(f"{name} must be 1 or 0 (got {env.get(name)!r})")


def _return_deadline(env: Mapping[str, str]) -> int:
    """``KETNAP_RETURN_DEADLINE``: a day every month has (1–28).

    >>> _return_deadline({"KETNAP_RETURN_DEADLINE": "31"})
    Traceback (most recent call last):
    ...
    ketnap.config.SettingError: KETNAP_RETURN_DEADLINE must be a day of the month from 1 to 28 (got '31')
    """
    day = _number(env, "KETNAP_RETURN_DEADLINE", 5, least=1)
    if day > 28:
        raise SettingError(f"KETNAP_RETURN_DEADLINE must be a day of the month from 1 to 28 (got '{day}')")
    return int(day)
