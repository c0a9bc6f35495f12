"""Files as they arrive: safety limits, what a file really is, opening workbooks, decoding CSV text.

An untrusted file is identified by its content before anything parses it: empty, an OLE container
(old ``.xls``, password-protected ``.xlsx``, Word), not a zip (PDF, HTML, CSV renamed), a zip that
is no workbook (``.docx``, ``.ods``, ``.xlsb``), or a zip beyond the safety limits (``MAX_*``).
Each refusal is an :class:`~ketnap.ingest.issues.Unreadable` whose message tells the sender what
to do. Also here: finding the return files under a data root, and reading them into memory.
"""

from __future__ import annotations

import csv
import hashlib
import io as _bytes_io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException

from ketnap.ingest import limits
from ketnap.ingest.issues import Issue, Unreadable, legacy_encoding

__all__ = [
    "ATTACHMENT_SUFFIXES",
    "CSV_SUFFIX",
    "OLE_MAGIC",
    "Input",
    "check_zip_budget",
    "csv_records",
    "decode_text",
    "describe_failure",
    "is_attachment",
    "load_input",
    "open_workbook",
    "read_csv_rows",
    "return_files",
    "wrong_extension",
    "year_of_folder",
]


OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 and encrypted OOXML files


_SPREADSHEET_SUFFIXES = (".xlsx", ".xlsm")


CSV_SUFFIX = ".csv"


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _describe_ole(data: bytes, suffix: str) -> str:
    """Why an OLE compound file (Office 97-2003 container) is not read: which kind of file it is.

    The stream names sit in the container's directory in UTF-16; encrypted .xlsx files are an OLE
    container holding ``EncryptionInfo`` and ``EncryptedPackage``.
    """
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return (
            "the workbook is password-protected (encrypted): open it in Excel, remove the password "
            "(File › Info › Protect Workbook › Encrypt with Password, empty) and send it again as .xlsx"
        )
    if _utf16("Workbook") in data or _utf16("Book") in data:
        renamed = f" renamed {suffix}" if suffix in _SPREADSHEET_SUFFIXES else ""
        return f"an old Excel 97-2003 (.xls) workbook{renamed}: open it in Excel and save as .xlsx (Excel Workbook)"
    if _utf16("WordDocument") in data:
        return "a Word document, not a workbook: send the return as .xlsx"
    return "an old Microsoft Office (97-2003) file, not an .xlsx workbook: save the return as .xlsx"


def _describe_not_zip(data: bytes) -> str:
    """Why content that is not a zip archive is not an .xlsx workbook, naming what it looks like."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").lower()
    if head.startswith(b"%pdf"):
        return "a PDF document, not a workbook: send the return as .xlsx"
    if b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        return "an Excel 2003 XML spreadsheet: open it in Excel and save as .xlsx"
    if head.startswith(b"<") and (b"<html" in head or b"<table" in head or b"<!doctype html" in head):
        return (
            "an HTML page (an export from a web system) saved with a spreadsheet name: "
            "open it in Excel and save as .xlsx"
        )
    if data[:4096].count(b"\x00") == 0 and (b"," in head or b";" in head or b"\t" in head):
        return "a text (CSV) file saved with an .xlsx name: send it as .csv, or save it in Excel as .xlsx"
    return "not an .xlsx workbook (the content is not a zip archive)"


def check_zip_budget(data: bytes) -> zipfile.ZipFile:
    """Open an .xlsx as a zip after checking its directory against the safety limits; never inflates.

    Python's :mod:`zipfile` stops inflating a member at the size its directory declares (and then
    fails on the checksum), so the declared sizes checked here bound what any later read inflates.

    Raises
    ------
    Unreadable
        Too many members, a total declared uncompressed size over :data:`limits.MAX_UNCOMPRESSED_BYTES`,
        or a member compressed more than :data:`limits.MAX_COMPRESSION_RATIO` times (a zip bomb), or no
        readable zip directory at all.
    """
    try:
        archive = zipfile.ZipFile(_bytes_io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise Unreadable(f"the workbook is corrupt and cannot be read ({type(exc).__name__})") from exc
    members = archive.infolist()
    if len(members) > limits.MAX_ZIP_MEMBERS:
        raise Unreadable(
            f"the workbook holds {len(members):,} parts, over the limit of {limits.MAX_ZIP_MEMBERS:,} "
            f"(a real one has a few dozen): refused unread"
        )
    total = sum(m.file_size for m in members)
    if total > limits.MAX_UNCOMPRESSED_BYTES:
        raise Unreadable(
            f"the workbook would inflate to {total / 2**20:,.0f} MB, over the limit of "
            f"{limits.MAX_UNCOMPRESSED_BYTES // 2**20} MB (possible zip bomb): refused unread"
        )
    for member in members:
        if member.file_size >= limits.RATIO_CHECKED_FROM and member.file_size > limits.MAX_COMPRESSION_RATIO * max(
            member.compress_size, 1
        ):
            ratio = member.file_size / max(member.compress_size, 1)
            raise Unreadable(
                f"a part of the workbook ({member.filename}) is compressed {ratio:,.0f} times, over the "
                f"limit of {limits.MAX_COMPRESSION_RATIO} (possible zip bomb): refused unread"
            )
    return archive


def _describe_zip(archive: zipfile.ZipFile) -> str | None:
    """Why a zip archive is not an Excel workbook (a .docx, .ods, .xlsb…), or ``None`` when it is one."""
    names = set(archive.namelist())
    if "xl/workbook.xml" in names or any(n.lower() == "xl/workbook.xml" for n in names):
        return None
    if "xl/workbook.bin" in names:
        return "an Excel binary workbook (.xlsb): open it in Excel and save as .xlsx"
    if "word/document.xml" in names:
        return "a Word document (.docx), not a workbook: send the return as .xlsx"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file (.ods, LibreOffice): save it as .xlsx (Excel 2007-365)"
    return "a zip archive that is not an Excel workbook: send the return as .xlsx"


def open_workbook(data: bytes, suffix: str) -> Any:
    """Open workbook bytes read-only (cached values, not formulas), or raise :class:`Unreadable`.

    Order: what the content is (empty, an OLE container, not a zip), the zip's safety limits
    (:func:`check_zip_budget`), that the zip is a workbook, and only then openpyxl. The extension
    does not decide: a workbook saved under another name is a workbook (:func:`wrong_extension`).
    """
    if not data:
        raise Unreadable("the file is empty")
    if data.startswith(OLE_MAGIC):
        raise Unreadable(_describe_ole(data, suffix))
    if not data.startswith(b"PK"):
        raise Unreadable(_describe_not_zip(data))
    with check_zip_budget(data) as archive:
        if (why := _describe_zip(archive)) is not None:
            raise Unreadable(why)
    try:
        # openpyxl parses with defusedxml when it is installed (a dependency), so hostile XML is
        # refused rather than expanded.
        return openpyxl.load_workbook(_bytes_io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # any failure of one untrusted file must not stop the others
        raise Unreadable(describe_failure(exc)) from exc


def describe_failure(exc: BaseException) -> str:
    """Why a workbook could not be read, naming the exception class (never its text: it may quote cells)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    if any(isinstance(e, DefusedXmlException) for e in chain):
        return "the workbook contains XML entity declarations, refused for safety (possible XML bomb)"
    return f"the workbook is corrupt and cannot be read ({type(chain[-1]).__name__})"


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode a CSV file: UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode Text"), else Windows-1258.

    Returns
    -------
    tuple of (str, str)
        The text and the encoding used: ``"utf-8"``, ``"utf-16"`` or ``"cp1258"`` (Excel's plain
        "CSV" on Vietnamese Windows, which callers report as ``legacy-encoding``).
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass  # an odd byte count or a lone surrogate: not really UTF-16
    head = data[:512]
    if len(head) >= 4 and head.count(b"\x00") * 3 >= len(head):  # UTF-16 without its BOM
        odd_zeros = head[1::2].count(0) >= head[0::2].count(0)
        try:
            return data.decode("utf-16-le" if odd_zeros else "utf-16-be"), "utf-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1258", errors="replace"), "cp1258"


def csv_records(text: str, delimiter: str = ",") -> list[tuple[Any, ...]]:
    # NUL characters make the csv module raise; they are noise in a typed file.
    return [tuple(r) for r in csv.reader(_bytes_io.StringIO(text.replace("\x00", ""), newline=""), delimiter=delimiter)]


def read_csv_rows(data: bytes, file: str, issues: list[Issue]) -> list[tuple[Any, ...]]:
    text, encoding = decode_text(data)
    if encoding == "cp1258":
        issues.append(legacy_encoding(file, Path(file).name))
    return csv_records(text)


@dataclass
class Input:
    file: str
    path: Path
    data: bytes  # empty when the file is over limits.MAX_FILE_BYTES
    size: int = -1
    digest: str | None = None

    def __post_init__(self) -> None:
        if self.size < 0:
            self.size = len(self.data)

    @property
    def sha256(self) -> str:
        return self.digest or hashlib.sha256(self.data).hexdigest()


def load_input(root: Path, path: Path) -> Input:
    size = path.stat().st_size
    if size <= limits.MAX_FILE_BYTES:
        return Input(path.relative_to(root).as_posix(), path, path.read_bytes())
    # Too large to read: hashed for the manifest as it streams, never held in memory.
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(2**20), b""):
            digest.update(chunk)
    return Input(path.relative_to(root).as_posix(), path, b"", size, digest.hexdigest())


#: What people save beside a return that is not one: scans, photos, documents, mail (by extension).
ATTACHMENT_SUFFIXES = frozenset(
    {".pdf", ".jpg", ".jpeg", ".png", ".gif", ".bmp", ".tif", ".tiff", ".heic", ".webp", ".doc", ".docx", ".odt",
     ".rtf", ".txt", ".msg", ".eml", ".zip", ".rar", ".7z"}
)  # fmt: skip
#: Files the system makes in a folder: Windows thumbnails and folder settings.
_SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})


def is_attachment(path: Path) -> bool:
    """Whether a file beside the returns is not a return: a scan or document, Excel's ``~$`` lock file, Thumbs.db."""
    name = path.name.lower()
    return name.startswith("~$") or name in _SYSTEM_FILES or path.suffix.lower() in ATTACHMENT_SUFFIXES


def return_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The files under ``root/returns`` in path order: the returns, and the attachments beside them.

    Hidden files and notes (``README…``) are neither. Anything else that is not an attachment
    (:func:`is_attachment`) is read as a return, so a return with a wrong extension is still read
    by its content, or refused with a message that says what it really is.
    """
    folder = root / "returns"
    if not folder.is_dir():
        return [], []
    files = sorted(
        (p for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".")
         and not p.name.lower().startswith("readme")),
        key=lambda p: p.relative_to(root).as_posix(),
    )  # fmt: skip
    return [p for p in files if not is_attachment(p)], [p for p in files if is_attachment(p)]


def wrong_extension(suffix: str) -> bool:
    """Whether a file read as a workbook has a name that says otherwise."""
    return suffix not in _SPREADSHEET_SUFFIXES


def year_of_folder(file: str) -> int | None:
    parts = file.split("/")
    return int(parts[1]) if len(parts) >= 3 and re.fullmatch(r"\d{4}", parts[1], re.ASCII) else None
