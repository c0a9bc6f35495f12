"""Safety limits: an untrusted file is refused, unread, when it exceeds one (rule ``unreadable-file``).

A real return is a few hundred kB; these are orders of magnitude above any of them. They are read
as ``limits.MAX_…`` at the moment of use, so a test may lower one with ``monkeypatch``.
"""

from __future__ import annotations

__all__ = [
    "MAX_COMPRESSION_RATIO",
    "MAX_FILE_BYTES",
    "MAX_SHEET_ROWS",
    "MAX_UNCOMPRESSED_BYTES",
    "MAX_ZIP_MEMBERS",
    "RATIO_CHECKED_FROM",
]

#: Largest file read at all (bytes on disk).
MAX_FILE_BYTES = 50 * 2**20
#: Largest total uncompressed size an .xlsx may declare in its zip directory (checked before inflating).
MAX_UNCOMPRESSED_BYTES = 100 * 2**20
#: Largest compression ratio of one zip member; members under :data:`RATIO_CHECKED_FROM` are exempt.
MAX_COMPRESSION_RATIO = 100
#: Members smaller than this (uncompressed) are not ratio-checked: small XML compresses very well.
RATIO_CHECKED_FROM = 2**20
#: Most members an .xlsx may hold (a real one has about 10 to 30).
MAX_ZIP_MEMBERS = 1000
#: Most filled rows one sheet (or CSV return) may hold: a whole city's yearly admissions are a few
#: hundred, one organisation's a few dozen.
MAX_SHEET_ROWS = 20_000
