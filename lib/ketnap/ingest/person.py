"""The person key: ID numbers become an anonymous keyed hash, and where the key comes from.

An ID number (CCCD) never leaves ingestion: :func:`person_key` turns it into the first 16 hex
digits of HMAC-SHA256 under a secret key, which links the same person across returns and years
without storing who they are. :func:`resolve_person_key` finds the key (argument, the public demo
key for the shipped sample, ``KETNAP_PERSON_KEY``, or the key file).
"""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from ketnap.config import DEFAULT_PERSON_KEY_FILE, DEMO_PERSON_KEY, paths, settings
from ketnap.ingest.issues import PersonKeyError

__all__ = [
    "person_key",
    "resolve_person_key",
]


#: The shipped examples' data roots live here (``data/examples/<name>`` of this checkout): synthetic,
#: hashed with the demo key like the sample.
EXAMPLES = Path(__file__).resolve().parents[3] / "data" / "examples"


def resolve_person_key(root: Path, key: str | None = None) -> tuple[str, str]:
    """The key ID numbers are hashed with, and where it came from.

    Order: the ``key`` argument; the demo key when ``root`` is the shipped sample or one of the
    shipped examples (:data:`EXAMPLES`; so they always hash the same, whatever the environment);
    ``$KETNAP_PERSON_KEY``; the file named by ``$KETNAP_PERSON_KEY_FILE`` (default ``~/.config/ketnap/person.key``).

    Parameters
    ----------
    root : Path
        The data root being ingested.
    key : str, optional
        An explicit key (tests, scripts).

    Returns
    -------
    tuple of (str, str)
        The key, and its source: ``"argument"``, ``"demo"``, ``"environment"`` or ``"file"``.

    Raises
    ------
    PersonKeyError
        When no key is configured for a root other than the sample, or the key file is empty.
    """
    if key:
        return key, "argument"
    if root.resolve() == paths().sample.resolve() or root.resolve().parent == EXAMPLES:
        return DEMO_PERSON_KEY, "demo"
    configured = settings()
    if configured.person_key:
        return configured.person_key, "environment"
    key_file = configured.person_key_file
    if key_file.is_file():
        from_file = key_file.read_text(encoding="utf-8").strip()
        if from_file:
            return from_file, "file"
        raise PersonKeyError(f"the person key file {key_file} is empty")
    raise PersonKeyError(
        f"no person key to hash ID numbers of {root} with. Set the environment variable KETNAP_PERSON_KEY, or "
        f"write the key to {DEFAULT_PERSON_KEY_FILE} (or to the file named by KETNAP_PERSON_KEY_FILE), e.g.\n"
        f"  mkdir -p ~/.config/ketnap && python -c 'import secrets; print(secrets.token_hex(32))' "
        f"> ~/.config/ketnap/person.key && chmod 600 ~/.config/ketnap/person.key\n"
        f"Keep the same key for every run (it links people across years) and never put it in git."
    )


def person_key(id_number: str, key: str) -> str:
    """The anonymous person key: the first 16 hex digits of HMAC-SHA256(key, ID number).

    Parameters
    ----------
    id_number : str
        A normalised 12-digit ID number (CCCD).
    key : str
        The secret key (see :func:`resolve_person_key`).

    Returns
    -------
    str
        16 lowercase hex digits.

    Examples
    --------
    >>> len(person_key("038123456789", "k"))
    16
    """
    return hmac.new(key.encode("utf-8"), id_number.encode("ascii"), hashlib.sha256).hexdigest()[:16]
