"""The data contract (ketnap.schema) against its documentation, the test corpus and the rest of the code.

``docs/data-dictionary.md`` documents the contract and ``tests/defects/corpus.py`` keeps literal
headers on purpose (so a change to the contract breaks tests loudly); both must say what
``schema.py`` says. And nothing else under ``lib/`` restates a header or the list of rule ids.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from defects import corpus

from ketnap import schema
from ketnap.schema import RULES, TABLES, WARNING_RULES, Column

ROOT = Path(__file__).resolve().parents[1]
DICTIONARY = (ROOT / "docs" / "data-dictionary.md").read_text(encoding="utf-8")
LIB = ROOT / "lib" / "ketnap"


def md_table(heading: str) -> list[list[str]]:
    """The rows (cells stripped) of the first Markdown table under the heading that starts with ``heading``."""
    section = DICTIONARY.split(f"\n{heading}", 1)[1]
    rows: list[list[str]] = []
    for line in section.split("\n")[1:]:
        if line.startswith("|"):
            rows.append([cell.strip() for cell in line.strip().strip("|").split("|")])
        elif rows:
            break
    return rows[2:]  # header and separator


def names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


SHEETS = {
    "### Sheet `Kết nạp`": schema.ADMISSION_COLUMNS,
    "### Sheet `Bồi dưỡng`": schema.TRAINING_COLUMNS,
    "### Sheet `Chuyển chính thức`": schema.CONVERSION_COLUMNS,
    "### `reference/organisations.xlsx`": schema.ORGANISATION_COLUMNS,
    "### `reference/targets.xlsx`": schema.TARGET_COLUMNS,
    "### Sheet `Lịch sử`": schema.HISTORY_COLUMNS,
}


@pytest.mark.parametrize("heading", SHEETS)
def test_every_sheet_in_the_data_dictionary_is_the_schema(heading: str) -> None:
    documented: list[tuple[str, str, bool]] = []
    for header, column, _type, required, *_ in md_table(heading):
        # "T1 … T12" stands for twelve columns of the same kind.
        expanded = [f"T{m}" for m in range(1, 13)] if header == "T1 … T12" else [header]
        documented += [(h, column, required.startswith("yes")) for h in expanded]
    columns: tuple[Column, ...] = SHEETS[heading]
    assert [(h, r) for h, _, r in documented] == [(c.header, c.required) for c in columns]
    for (header, column, _), col in zip(documented, columns, strict=True):
        # Personal and ignored fields go nowhere ("–"); every other field is named.
        expected = [] if col.personal or col.field in {"row_number", "note"} else [col.field]
        if col.field.startswith("month_"):
            expected = ["monthly_plans"]
        assert names(column) == expected, header


def test_sector_columns_are_documented() -> None:
    line = "`" + ",".join(c.header for c in schema.SECTOR_COLUMNS) + "`"
    assert line in DICTIONARY


def test_sheet_names_and_info_labels_are_documented() -> None:
    for name in (schema.INFO_SHEET, schema.ADMISSIONS_SHEET, schema.TRAINING_SHEET, schema.CONVERSIONS_SHEET):
        assert f"| `{name}` |" in DICTIONARY
    for label in (schema.ORG_LABEL, schema.YEAR_LABEL):
        assert f"`{label}`" in DICTIONARY
    assert f"sheet `{schema.ORGANISATIONS_SHEET}`" in DICTIONARY
    assert f"sheet `{schema.TARGETS_SHEET}`" in DICTIONARY


DOC_DTYPES = {"string": "string", "int": "int64", "Int64": "Int64", "bool": "bool", "date": "datetime64[ns]"}


def test_processed_tables_in_the_data_dictionary_are_the_schema() -> None:
    documented: dict[str, list[str]] = {}
    table = ""
    for row in md_table("## Processed tables"):
        table = row[0] or table
        columns = names(row[1])
        documented.setdefault(table, []).extend(columns)
        dtype = row[2].split(",")[0].strip()
        if dtype in DOC_DTYPES or dtype == "int32":
            for column in columns:
                expected = "int32" if column == schema.PERSON_CODE else schema.DTYPES[table][column]
                assert DOC_DTYPES.get(dtype, dtype) == expected, (table, column)
    assert documented == TABLES


def test_rules_in_the_data_dictionary_are_the_schema() -> None:
    documented = {names(rule)[0]: level for rule, level, _ in md_table("## Quarantine rules")}
    assert documented == {rule: "warning" if rule in WARNING_RULES else "error" for rule in RULES}


def test_the_corpus_pins_the_same_headers() -> None:
    assert {name: list(headers) for name, headers in corpus.SHEET_HEADERS.items()} == {
        sheet.sheet: [c.header for c in sheet.columns] for sheet in schema.RETURN_SHEETS
    }


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [(n.lineno, n.value) for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


HEADERS = {
    *(c.header for s in schema.RETURN_SHEETS for c in s.columns),
    *(c.header for c in (*schema.ORGANISATION_COLUMNS, *schema.TARGET_COLUMNS, *schema.HISTORY_COLUMNS)),
    schema.HISTORY_SHEET,
    schema.INFO_SHEET,
    schema.ORGANISATIONS_SHEET,
    schema.TARGETS_SHEET,
    schema.ORG_LABEL,
    schema.YEAR_LABEL,
    *(s.sheet for s in schema.RETURN_SHEETS),
}
# Words that happen to equal a header without being one: report text is the label catalog's (its files
# labels.py, indicator_labels.py, receipt_labels.py);
# quality.py lists the words a unit's name starts with ("Chi bộ …", "Khối …"), and the synthetic
# catalogues build names from them ("Chi bộ Trường THPT …", "Chi bộ Công ty … số 12"); the sample
# labels its synthetic-data note "Ghi chú" on the Thông tin sheet, a row ingestion does not read.
NOT_HEADERS = {
    "labels.py": None,
    "indicator_labels.py": None,
    "receipt_labels.py": None,
    "group_labels.py": None,  # "Tổ công tác" is also the working groups' word in the reports
    "quality.py": {"Chi bộ", "Khối"},
    "population.py": {"Chi bộ"},
    "national.py": {"Chi bộ"},
    "city.py": {"Ghi chú"},
    # The example ward writes the organisations' "Lịch sử" sheet, whose headers join the schema with
    # the code that reads them (issue 17, the registry with history); until then they are written here.
    "ward.py": {"Mã tổ chức", "Ghi chú"},
}


def test_headers_are_written_only_in_the_schema() -> None:
    found = []
    for path in sorted(LIB.rglob("*.py")):
        if path.name == "schema.py" or NOT_HEADERS.get(path.name, set()) is None:
            continue
        allowed = NOT_HEADERS.get(path.name, set())
        found += [
            f"{path.relative_to(LIB)}:{line} {value!r}"
            for line, value in _string_constants(path)
            if value in HEADERS and value not in allowed
        ]
    assert not found, "headers restated outside ketnap.schema:\n" + "\n".join(found)


def test_rule_ids_are_listed_only_in_the_schema() -> None:
    """Code names single rules where it raises them; no module keeps a list of its own."""
    restated = []
    for path in sorted(LIB.rglob("*.py")):
        if path.name == "schema.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Tuple | ast.List | ast.Set | ast.Dict):
                items = node.keys if isinstance(node, ast.Dict) else node.elts
                ids = [i.value for i in items if isinstance(i, ast.Constant) and i.value in RULES]
                if len(ids) >= 3:
                    restated.append(f"{path.relative_to(LIB)}:{node.lineno} {ids}")
    assert not restated, "rule ids listed outside ketnap.schema:\n" + "\n".join(restated)


def test_personal_fields_are_the_ones_dropped() -> None:
    personal = {c.field for s in schema.RETURN_SHEETS for c in s.columns if c.personal}
    assert personal == {"full_name", "birth_date", "id_number"}
    assert not personal & {column for columns in TABLES.values() for column in columns}


CATEGORIES = {name: value for name, value in vars(schema).items() if isinstance(value, schema.Category)}


def test_no_two_categories_of_a_list_share_a_key() -> None:
    """Folded, or without diacritics, every label of a list names one stored value (else "Nu" could mean two)."""
    assert set(CATEGORIES) == {
        "SEXES",
        "YOUTH_UNION",
        "RELIGIONS",
        "OCCUPATIONS",
        "EDUCATION",
        "KINDS",
        "HISTORY_EVENTS",
    }
    for name, category in CATEGORIES.items():
        assert category.clashes == [], name
        values = set(category.labels.values())
        assert {category.get(label) for label in category.labels} == values, name


def test_a_key_two_labels_share_matches_neither_loosely() -> None:
    # Made up: two labels apart only by their tone marks, as a real list never may be.
    category = schema.Category({"Nữ": "F", "Nủ": "X", "Đại học": "U"})
    assert category.clashes == ["nu"]
    assert (category.get("NỮ"), category.get("nủ"), category.get("Nu")) == ("F", "X", None)
    assert category.get("dai hoc") == "U"
