"""Vietnamese text normalisation: the keys that names, headers and categories are matched on.

Returns are typed by hand on many machines, so the same word may arrive in NFC or NFD Unicode, with
the tone mark in the old or the new place ("hoà" / "hòa", "Khánh Hoà" / "Khánh Hòa", "thuỷ" /
"thủy"), in any case and with stray spaces, or with no diacritics at all ("Dai hoc" for "Đại học",
typed without a Vietnamese keyboard). Everything here is pure ``str -> str``: :func:`nfc` and
:func:`clean` for text that is kept and shown, :func:`fold` for the matching key only (never shown),
and :func:`bare`, the looser key without diacritics, for closed lists whose items it keeps apart.
Reading files, and what a matched key means, live in :mod:`ketnap.ingest`.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["bare", "clean", "fold", "modern_tone", "nfc"]

# The five tone marks as combining characters (NFD). Vowel-quality marks (circumflex, breve, horn)
# are not tones and never move.
_TONES = "\u0300\u0301\u0303\u0309\u0323"

# Open syllables with the glides oa, oe, uy: the old style puts the tone on the second vowel
# ("hoà", "thuỷ"), the style used throughout this project's labels puts it on the first ("hòa",
# "thủy"). With a final consonant or vowel ("hoàng", "ngoài", "khuyến") both styles agree, hence
# the "no letter follows" look-ahead. In NFD a plain vowel is the bare letter directly followed by
# the tone, so "oầ" or "ươ" never match.
_OA_OE = re.compile(rf"([oO])([aAeE])([{_TONES}])(?![^\W\d_])")
# "qu" is a consonant, so in "quý" the tone sits on y in both styles.
_UY = re.compile(rf"(?<![qQ])([uU])([yY])([{_TONES}])(?![^\W\d_])")

# Characters that look like nothing but break equality: zero-width space/joiners and the BOM
# (Excel's "CSV UTF-8" starts with one).
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def nfc(text: str) -> str:
    """The text in Unicode normal form C (composed), as every kept text is stored.

    Parameters
    ----------
    text : str
        Any text, NFC or NFD.

    Returns
    -------
    str
        The NFC form.

    Examples
    --------
    >>> nfc("Tho\u0302n") == "Thôn"
    True
    """
    return unicodedata.normalize("NFC", text)


def modern_tone(text: str) -> str:
    """Move tone marks in open ``oa``/``oe``/``uy`` syllables to the first vowel ("hoà" -> "hòa").

    This is the placement the project's labels use ("Khánh Hòa", "Hòa Hảo"); the result is NFC.
    Case is kept.

    Parameters
    ----------
    text : str
        Vietnamese text in either tone style, NFC or NFD.

    Returns
    -------
    str
        The text with the tone on the first vowel of those glides, in NFC.

    Examples
    --------
    >>> modern_tone("Khánh Hoá, thuỷ lợi, khoẻ, HOÀ, hoàng, quý")
    'Khánh Hóa, thủy lợi, khỏe, HÒA, hoàng, quý'
    """
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _OA_OE.sub(r"\1\3\2", decomposed)
    decomposed = _UY.sub(r"\1\3\2", decomposed)
    return nfc(decomposed)


def clean(text: str) -> str:
    """Text as it is kept: NFC, invisible characters removed, whitespace collapsed and trimmed.

    Tone placement and case are left as typed; use :func:`fold` to compare.

    Parameters
    ----------
    text : str
        Text from a cell or a file name.

    Returns
    -------
    str
        The cleaned text.

    Examples
    --------
    >>> clean("  Chi bộ\\u00a0 phố\\nTân Nam ")
    'Chi bộ phố Tân Nam'
    """
    return " ".join(nfc(text).translate(_INVISIBLE).split())


def fold(text: str) -> str:
    """The matching key: NFC, modern tone placement, case-folded, whitespace collapsed.

    Two texts name the same thing when their keys are equal, whatever the Unicode form, tone style,
    case or spacing they were typed in. The key is for comparing only; never show it.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The key.

    Examples
    --------
    >>> fold(" KHÁNH  Hoá ") == fold("Khánh Hóa")
    True
    """
    # casefold can change the Unicode form (e.g. of "İ"), so compose again afterwards.
    return nfc(modern_tone(clean(text)).casefold())


def bare(text: str) -> str:
    """The key without diacritics: :func:`fold`, then every accent and tone mark dropped and ``đ`` read as ``d``.

    Much looser than :func:`fold`: in Vietnamese the marks tell words apart ("Nữ" and "nủ", "Không" and
    "khóng" are one key), so use it only to match against a short closed list, and only where it keeps
    the list's items apart (:class:`ketnap.schema.Category` checks that).

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    str
        The key: lowercase ASCII letters for Vietnamese text, spaces collapsed.

    Examples
    --------
    >>> bare(" ĐẠI  Học "), bare("Nu"), bare("Hoà Hảo") == bare("hoa hao")
    ('dai hoc', 'nu', True)
    """
    decomposed = unicodedata.normalize("NFD", fold(text).replace("đ", "d"))
    return nfc("".join(ch for ch in decomposed if not unicodedata.combining(ch)))
