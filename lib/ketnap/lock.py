"""One build at a time: an exclusive lock file with a bounded wait.

Unattended runs (cron, systemd timers) can overlap when a run is slow; ingestion and the report
build take :func:`exclusive` on the same file, so a second run waits up to a bound and then gives
up with a clear message instead of writing beside the first. Short sections that only need to
take turns (rewriting the report index) wait as long as it takes: ``wait=FOREVER``.
"""

from __future__ import annotations

import fcntl
import math
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ketnap.config import settings

__all__ = ["FOREVER", "LockTimeout", "exclusive"]

#: A ``wait`` with no bound: block until the lock is free, silently (for locks held a moment).
FOREVER = math.inf


class LockTimeout(RuntimeError):
    """Another run held the lock for longer than the wait."""


def _acquire(fh: IO[str], lock_file: Path, wait: float, what: str) -> None:
    """Take the lock on the open ``fh``, polling until ``wait`` seconds have passed."""
    if wait == FOREVER:
        fcntl.flock(fh, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + wait
    announced = False
    while True:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise LockTimeout(
                    f"another {what} is running (lock {lock_file} held for more than {wait:.0f} s); "
                    "try again later, or raise KETNAP_LOCK_WAIT"
                ) from None
            if not announced:
                print(f"waiting for another {what} to finish (lock {lock_file}) ...", flush=True)
                announced = True
            time.sleep(0.2)


@contextmanager
def exclusive(lock_file: Path, *, wait: float | None = None, what: str = "build") -> Iterator[None]:
    """Hold ``lock_file`` exclusively; wait up to ``wait`` seconds (default: the ``KETNAP_LOCK_WAIT`` setting).

    A bounded wait says once that it is waiting and raises :class:`LockTimeout` when the time is up;
    ``wait=FOREVER`` blocks without a word until the holder lets go.
    """
    wait = settings().lock_wait if wait is None else wait
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as fh:
        _acquire(fh, lock_file, wait, what)
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"{os.getpid()}\n")  # who holds it, for a person looking
            fh.flush()
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
