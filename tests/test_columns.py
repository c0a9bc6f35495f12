"""The column catalog (ketnap.columns): every entry resolves in both languages; notebooks name only its columns."""

from __future__ import annotations

import ast
import doctest
import importlib
import json
import string
from pathlib import Path

import pytest

from ketnap import columns, fmt, present
from ketnap.columns import COLUMNS, REVIEW_LABELS, TRAINING_LABELS, Column
from ketnap.labels import CATALOG, LANGS

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def _fields(key: str) -> set[str]:
    return {field for text in CATALOG[key] for _, field, _, _ in string.Formatter().parse(text) if field}


def test_every_label_key_is_in_the_label_catalog_in_both_languages() -> None:
    keys = [entry.label for entry in COLUMNS.values()] + [*REVIEW_LABELS.values(), *TRAINING_LABELS.values()]
    for key in keys:
        assert key in CATALOG, key
        assert len(CATALOG[key]) == len(LANGS) and all(text.strip() for text in CATALOG[key]), key


def test_every_format_is_known_to_the_table_and_to_fmt() -> None:
    assert set(columns.FORMATS) == set(present.FORMATS)
    for name, entry in COLUMNS.items():
        assert entry.format is None or entry.format in present.FORMATS, name
    for function in present.FORMATS.values():
        assert callable(getattr(fmt, function))


def test_named_label_sets_only_rename_catalog_columns() -> None:
    for labels in (REVIEW_LABELS, TRAINING_LABELS):
        assert set(labels) <= set(COLUMNS)
        assert all(COLUMNS[name].label != key for name, key in labels.items())  # each one really differs


def test_only_the_review_year_labels_have_fields() -> None:
    with_fields = {key for key in [e.label for e in COLUMNS.values()] + list(REVIEW_LABELS.values()) if _fields(key)}
    assert with_fields == {"review.column.change", "review.column.last_year"}
    assert all(_fields(key) == {"year"} for key in with_fields)


def test_hand_written_entries() -> None:
    assert COLUMNS["attainment_pct"] == Column("metric.attainment_pct", "pct")
    assert COLUMNS["gap"] == Column("column.gap", "number")
    assert COLUMNS["last_admission"] == Column("scorecard.column.last_admission", "date")
    assert COLUMNS["difference"] == Column("review.column.difference", "signed")
    assert COLUMNS["year"].format is None and COLUMNS["women"].format is None  # a year; suppressed text


def test_headings_in_both_languages_with_overrides_and_fields() -> None:
    assert columns.heading("name") == "Tổ chức cơ sở đảng"
    assert columns.heading("name", "en", labels={"name": "column.sector"}) == "Sector"
    assert columns.heading("trained", labels=TRAINING_LABELS) == "Số người học"
    assert columns.heading("change", "en", label_fields={"year": 2022}) == "Change on 2022"
    assert columns.heading("target", labels={"name": "column.sector"}) == "Chỉ tiêu năm"  # other entries ignored
    with pytest.raises(ValueError, match="needs label_fields for year"):
        columns.heading("change")
    with pytest.raises(KeyError):
        columns.heading("no_such_column")


def test_column_outside_the_catalog_needs_a_heading() -> None:
    assert columns.column("extra", labels={"extra": "column.count"}) == Column("column.count", None)
    with pytest.raises(KeyError, match="add it there"):
        columns.column("extra")


def _table_columns(path: Path) -> list[str]:
    """The column names the notebook's ``present.table`` calls list (string literals)."""
    names = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "table":
                (listed,) = [k.value for k in node.keywords if k.arg == "columns"]
                assert isinstance(listed, ast.List), f"{path.name}: columns= is a list of names"
                names += [e.value for e in listed.elts if isinstance(e, ast.Constant)]
    return names


@pytest.mark.parametrize("path", sorted(NOTEBOOKS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_notebook_tables_name_catalog_columns(path: Path) -> None:
    assert set(_table_columns(path)) <= set(COLUMNS)


@pytest.mark.parametrize(
    "module", ["columns", "fmt", "narrative", "periods", "present", "review", "scorecard", "training"]
)
def test_doctests(module: str) -> None:
    result = doctest.testmod(importlib.import_module(f"ketnap.{module}"), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
