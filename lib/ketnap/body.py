"""The reporting body: the Party committee whose Organisation Board the reports are made for.

Its names, level, parent, the header lines of its documents, the number form and the place of the
date line are configuration, not code: ``reference/body.toml`` in the data root (documented in
``docs/data-dictionary.md``), read with the standard library's ``tomllib`` and checked by
:func:`read` (a wrong or missing key is refused with a Vietnamese message naming the file and the
key). Ingestion writes the body into ``data/processed/manifest.json`` (``"body"``), and reports
read it from there, like every other input (:func:`current`). A data root without ``body.toml``
gets the shipped sample's (``data/sample/reference/body.toml``, the city's values).

The label catalog takes the body's words from here: :func:`ketnap.labels.t` fills the fields of
:meth:`Body.fields` (``{body_name}``, ``{body_territory}``, ...) into every label that holds them.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final

from ketnap.config import paths

__all__ = ["BODY_FILE", "FIELDS", "LEVELS", "Body", "BodyError", "current", "default_file", "find", "read"]

#: The body's file, under the data root.
BODY_FILE: Final = "reference/body.toml"
#: The levels a reporting body can be at.
LEVELS: Final = ("province", "city", "ward", "commune")
#: The texts every body names in Vietnamese (table ``[vi]``) and English (``[en]``), and what each is.
TEXT_KEYS: Final[dict[str, str]] = {
    "name": "tên đảng bộ",
    "short": "tên ngắn dùng trong câu",
    "territory": "từ chỉ địa bàn",
    "committee": "tên cấp ủy",
    "parent": "tên đảng bộ cấp trên",
    "parent_committee": "tên cấp ủy cấp trên",
    "board": "tên Ban Tổ chức",
    "number": "số hiệu văn bản",
    "place": "địa danh ghi ngày tháng",
}
#: The label fields :func:`ketnap.labels.t` fills from the body (see :meth:`Body.fields`).
FIELDS: Final = (
    *(f"body_{key}" for key in TEXT_KEYS),
    "body_Territory",
    "body_Committee",
    "body_header",
)


class BodyError(ValueError):
    """``body.toml`` cannot be used; the message (Vietnamese) names the file and the key."""


@dataclass(frozen=True)
class Body:
    """The reporting body, as ``reference/body.toml`` gives it (``vi`` and ``en`` hold the texts)."""

    level: str
    vi: dict[str, str]
    en: dict[str, str]
    header_vi: tuple[str, ...]
    header_en: tuple[str, ...]

    def fields(self, lang: str = "vi") -> dict[str, str]:
        """The label fields in ``lang``: ``body_<key>`` for each text, capitalised ``body_Territory`` and
        ``body_Committee``, and ``body_header`` (the header lines, one per line).

        >>> body = read(default_file())
        >>> f = body.fields()
        >>> f["body_territory"], f["body_Territory"], f["body_committee"]
        ('thành phố', 'Thành phố', 'Thành ủy')
        """
        texts = self.vi if lang == "vi" else self.en
        values = {f"body_{key}": texts[key] for key in TEXT_KEYS}
        values["body_Territory"] = _capital(texts["territory"])
        values["body_Committee"] = _capital(texts["committee"])
        values["body_header"] = "\n".join(self.header_vi if lang == "vi" else self.header_en)
        return values

    def as_json(self) -> dict[str, Any]:
        """The body as written into ``manifest.json`` (read back by :func:`from_json`)."""
        data = asdict(self)
        data["header_vi"], data["header_en"] = list(self.header_vi), list(self.header_en)
        return data


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def from_json(data: dict[str, Any]) -> Body:
    """The body from its ``manifest.json`` entry (:meth:`Body.as_json`)."""
    return Body(
        level=str(data["level"]),
        vi={k: str(v) for k, v in data["vi"].items()},
        en={k: str(v) for k, v in data["en"].items()},
        header_vi=tuple(data["header_vi"]),
        header_en=tuple(data["header_en"]),
    )


def _text(file: Path, table: dict[str, Any], where: str, key: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise BodyError(f"{file}: thiếu khóa “{where}{key}” ({TEXT_KEYS.get(key, key)}) hoặc khóa này không phải chuỗi")
    if "{" in value or "}" in value:
        raise BodyError(f"{file}: khóa “{where}{key}” không được chứa dấu ngoặc nhọn {{ }}")
    return value.strip()


def _lines(file: Path, table: dict[str, Any], where: str) -> tuple[str, ...]:
    value = table.get("header")
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise BodyError(
            f"{file}: khóa “{where}header” (các dòng tên cơ quan ban hành ở đầu văn bản) phải là danh sách "
            "các dòng chữ, ít nhất một dòng"
        )
    if any("{" in v or "}" in v or "\n" in v for v in value):
        raise BodyError(f"{file}: khóa “{where}header” không được chứa dấu ngoặc nhọn hay xuống dòng trong một dòng")
    return tuple(v.strip() for v in value)


def read(file: Path) -> Body:
    """Read and check ``body.toml``; :class:`BodyError` names the file and the key when it is wrong.

    >>> read(default_file()).level
    'city'
    """
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BodyError(f"{file}: không tìm thấy tệp cấu hình đảng bộ") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BodyError(f"{file}: tệp không đúng cú pháp TOML ({exc})") from None
    level = data.get("level")
    if level not in LEVELS:
        raise BodyError(
            f"{file}: khóa “level” (cấp của đảng bộ) phải là một trong {', '.join(LEVELS)} (đang là {level!r})"
        )
    texts: dict[str, dict[str, str]] = {}
    headers: dict[str, tuple[str, ...]] = {}
    for lang in ("vi", "en"):
        table = data.get(lang)
        if not isinstance(table, dict):
            language = "tiếng Việt" if lang == "vi" else "tiếng Anh"
            raise BodyError(f"{file}: thiếu bảng “[{lang}]” (các tên của đảng bộ bằng {language})")
        unknown = sorted(set(table) - set(TEXT_KEYS) - {"header"})
        if unknown:
            raise BodyError(f"{file}: khóa không dùng được trong “[{lang}]”: {', '.join(unknown)}")
        texts[lang] = {key: _text(file, table, f"{lang}.", key) for key in TEXT_KEYS}
        headers[lang] = _lines(file, table, f"{lang}.")
    unknown = sorted(set(data) - {"level", "vi", "en"})
    if unknown:
        raise BodyError(f"{file}: khóa không dùng được: {', '.join(unknown)}")
    return Body(level=str(level), vi=texts["vi"], en=texts["en"], header_vi=headers["vi"], header_en=headers["en"])


def default_file() -> Path:
    """The shipped sample's ``body.toml`` (the city's values): what a data root without one gets."""
    shipped = paths().sample / BODY_FILE
    if shipped.exists():
        return shipped
    # A scratch KETNAP_HOME without the sample: the checkout this package lives in.
    return Path(__file__).resolve().parents[2] / "data" / "sample" / BODY_FILE


def find(root: Path) -> Path:
    """The ``body.toml`` that applies to the data root ``root``: its own, else :func:`default_file`."""
    own = root / BODY_FILE
    return own if own.exists() else default_file()


_cache: dict[Path, tuple[int, Any]] = {}


def _cached(file: Path, load: Any) -> Any:
    stamp = file.stat().st_mtime_ns
    hit = _cache.get(file)
    if hit is None or hit[0] != stamp:
        hit = (stamp, load(file))
        _cache[file] = hit
    return hit[1]


def current() -> Body:
    """The body the reports are made for: from the processed data (``manifest.json``'s ``"body"``),
    else the data root's ``body.toml``, else the sample's. Read again only when the file changes.
    """
    p = paths()
    manifest = p.processed / "manifest.json"
    if manifest.exists():
        entry = _cached(manifest, _from_manifest)
        if entry is not None:
            return entry
    return _cached(find(p.data_root()), read)


def _from_manifest(file: Path) -> Body | None:
    data = json.loads(file.read_text(encoding="utf-8")).get("body")
    return from_json(data) if isinstance(data, dict) else None
