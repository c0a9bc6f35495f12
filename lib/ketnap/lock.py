"""One build at a time: an exclusive lock file with a bounded wait.

Unattended runs (cron, systemd timers) can overlap when a run is slow; ingestion and the report
build take :func:`exclusive` on the same file, so a second run waits up to a bound and then gives
up with a clear message instead of writing beside the first.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ketnap.config import settings

__all__ = ["LockTimeout", "exclusive"]


class LockTimeout(RuntimeError):
    """Another run held the lock for longer than the wait."""


@contextmanager
def exclusive(lock_file: Path, *, wait: float | None = None, what: str = "build") -> Iterator[None]:
    """Hold ``lock_file`` exclusively; wait up to ``wait`` seconds (default: the ``KETNAP_LOCK_WAIT`` setting)."""
    wait = settings().lock_wait if wait is None else wait
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_file, "a+") as fh:
        deadline = time.monotonic() + wait
        announced = False
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
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
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(f"{os.getpid()}\n")  # who holds it, for a person looking
            fh.flush()
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
