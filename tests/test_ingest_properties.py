"""Property-based tests of ketnap.ingest (Hypothesis): random returns, and random mutations of them.

Whatever a return looks like, ingestion never raises (a bad file is an ``unreadable-file`` issue,
a bad row a quarantined row), ``rows_read = loaded + quarantined`` holds for every file and sheet,
and the rows that are valid load, beside the faulty ones and beside a faulty file.

Each example writes two small returns with openpyxl and ingests them (about 0.1 s); the example
counts are kept modest so the whole module runs in well under a minute in ``make test``.
"""

from __future__ import annotations

import csv
import io
import shutil
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from defects.corpus import ADMISSION_HEADERS, KEY, TODAY, _cp1258, _csv_cells, admission, write_reference, write_return
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ketnap.ingest import IngestResult, ingest, person_key
from ketnap.schema import RULES
from ketnap.text import clean

pytestmark = pytest.mark.slow  # whole-sample or property-based: not in `make test-fast`

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,  # the same examples on every run: a failure in CI reproduces locally
)

REQUIRED = ("Họ và tên", "Ngày sinh", "Số CCCD", "Giới tính", "Dân tộc", "Tôn giáo", "Đoàn viên", "Nghề nghiệp",
            "Trình độ", "Ngày kết nạp")  # fmt: skip
CATEGORIES = ("Giới tính", "Tôn giáo", "Đoàn viên", "Nghề nghiệp", "Trình độ")
DATES = ("Ngày sinh", "Ngày kết nạp")
FREE_TEXT = ("Chi bộ", "Ghi chú")

# Text a person could type: any printable character (XML cannot hold control characters, surrogates
# or non-characters, and Excel cannot either).
typed_text = st.text(
    st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\ufffe\uffff"),
    max_size=40,
)

#: Mutations that make a row invalid (the row must be quarantined, the others must load).
breaking = st.one_of(
    st.tuples(st.just("blank"), st.sampled_from(REQUIRED), st.sampled_from([None, "", "   "])),
    st.tuples(
        st.just("date"),
        st.sampled_from(DATES),
        st.sampled_from(["31/02/2023", "mười lăm", "2023", "1/2/23", "00/00/0000", 45000, True]),
    ),
    st.tuples(st.just("category"), st.sampled_from(CATEGORIES), st.sampled_from(["?", "Nam giới", "Khác nữa", "12"])),
    st.tuples(st.just("id"), st.just("Số CCCD"), st.sampled_from(["12345", "03812345678X", 1.5, "3,81E+10"])),
)
#: Mutations that must not change the outcome (a valid row stays valid).
harmless = st.one_of(
    st.tuples(st.just("nfd"), st.none(), st.none()),
    st.tuples(st.just("free-text"), st.sampled_from(FREE_TEXT), typed_text),
    st.tuples(st.just("spaces"), st.sampled_from(CATEGORIES), st.none()),
)


@st.composite
def valid_rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 6))
    tag = draw(st.text("abcdefgh", min_size=3, max_size=6))
    rows = []
    for n in range(1, count + 1):
        admitted = draw(st.dates(date(2023, 1, 1), date(2023, 12, 31)))
        born = draw(st.dates(date(1950, 1, 1), date(2004, 12, 31)))  # 18 or older all through 2023
        rows.append(
            admission(
                tag,
                n,
                **{
                    "Ngày kết nạp": datetime(admitted.year, admitted.month, admitted.day),
                    "Ngày sinh": born.strftime("%d/%m/%Y") if n % 2 else datetime(born.year, born.month, born.day),
                    "Giới tính": draw(st.sampled_from(["Nam", "Nữ"])),
                    "Tôn giáo": draw(st.sampled_from(["Không", "Phật giáo", "Công giáo", "Hòa Hảo"])),
                    "Dân tộc": draw(st.sampled_from(["Kinh", "Mường", "Thái"])),
                },
            )
        )
    return rows


def _apply(row: dict[str, Any], mutation: tuple[str, Any, Any]) -> dict[str, Any]:
    kind, column, value = mutation
    row = dict(row)
    if kind == "nfd":
        return {k: unicodedata.normalize("NFD", v) if isinstance(v, str) else v for k, v in row.items()}
    if kind == "spaces":
        row[column] = f"  {str(row[column]).upper()} "
        return row
    row[column] = value
    return row


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("reference") / "data"
    write_reference(root)
    return root


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, reference: Path) -> Iterator[Any]:
    """A fresh data root per example (Hypothesis reuses the test's fixtures across examples)."""
    base = tmp_path_factory.mktemp("examples")
    counter = iter(range(10**9))

    def fresh() -> Path:
        root = base / f"e{next(counter)}"
        shutil.copytree(reference, root / "data")
        return root

    yield fresh


def run(root: Path) -> IngestResult:
    result = ingest(root / "data", root / "processed", root / "interim", today=TODAY, key=KEY)
    recon = result.reconciliation
    assert (recon["rows_read"] == recon["loaded"] + recon["quarantined"]).all()
    assert all(i.rule in RULES for i in result.issues)
    return result


def file_counts(result: IngestResult, file: str) -> tuple[int, int, int]:
    recon = result.reconciliation[result.reconciliation["file"] == file]
    return int(recon["rows_read"].sum()), int(recon["loaded"].sum()), int(recon["quarantined"].sum())


def loaded_keys(result: IngestResult, file: str) -> set[str]:
    admissions = result.tables["admissions"]
    return set(admissions.loc[admissions["source_file"] == file, "person_key"])


def _valid_beside(root: Path) -> set[str]:
    """Write a valid return beside the mutated one; the keys it must load."""
    rows = [admission("beside", n) for n in (1, 2)]
    write_return(root / "data" / "returns" / "2023" / "beside.xlsx", organisation="P02", sheets={"Kết nạp": rows})
    return {person_key(str(r["Số CCCD"]), KEY) for r in rows}


@SETTINGS
@given(
    rows=valid_rows(),
    mutations=st.lists(st.tuples(st.integers(0, 5), st.one_of(breaking, harmless)), max_size=6),
    duplicates=st.lists(st.integers(0, 5), max_size=2),
    title_rows=st.integers(0, 3),
    extra_column=st.booleans(),
    nfd_headers=st.booleans(),
)
def test_mutated_returns_quarantine_exactly_the_broken_rows(
    workspace: Any,
    rows: list[dict[str, Any]],
    mutations: list[tuple[int, tuple[str, Any, Any]]],
    duplicates: list[int],
    title_rows: int,
    extra_column: bool,
    nfd_headers: bool,
) -> None:
    root = workspace()
    broken: set[int] = set()
    for index, mutation in mutations:
        index %= len(rows)
        rows[index] = _apply(rows[index], mutation)
        if breaks(mutation):
            broken.add(index)
    # A copy of a row at the end: quarantined either way (broken like its original, or a duplicate person).
    copies = [dict(rows[i % len(rows)]) for i in duplicates]
    headers = list(rows[0])
    if extra_column:
        headers.insert(3, "Số điện thoại")
    if nfd_headers:
        headers = [unicodedata.normalize("NFD", h) for h in headers]
    titles = [["DANH SÁCH KẾT NẠP ĐẢNG VIÊN"]] * title_rows
    file = "returns/2023/mutated.xlsx"
    write_return(
        root / "data" / file,
        sheets={"Kết nạp": [*rows, *copies]},
        headers={"Kết nạp": headers},
        titles={"Kết nạp": titles},
    )
    beside = _valid_beside(root)

    result = run(root)

    expected_loaded = len(rows) - len(broken)
    assert file_counts(result, file) == (
        len(rows) + len(copies),
        expected_loaded,
        len(rows) + len(copies) - expected_loaded,
    )
    assert loaded_keys(result, "returns/2023/beside.xlsx") == beside
    assert not [i for i in result.errors if i.file != file]


def breaks(mutation: tuple[str, Any, Any]) -> bool:
    """Whether a mutation makes its row invalid (once broken, later mutations never mend it)."""
    kind, column, value = mutation
    return kind in ("blank", "date", "category", "id") or (
        kind == "free-text" and column in REQUIRED and not clean(value)
    )


@SETTINGS
@given(rows=valid_rows(), cut=st.floats(0, 1, exclude_max=True), flips=st.lists(st.integers(0, 10**6), max_size=4))
def test_truncated_or_corrupted_files_never_raise(
    workspace: Any, rows: list[dict[str, Any]], cut: float, flips: list[int]
) -> None:
    root = workspace()
    path = write_return(root / "data" / "returns" / "2023" / "damaged.xlsx", sheets={"Kết nạp": rows})
    data = bytearray(path.read_bytes())
    for position in flips:
        data[position % len(data)] ^= 0xFF
    path.write_bytes(bytes(data[: max(int(len(data) * cut), 1)] if cut else data))
    beside = _valid_beside(root)

    result = run(root)

    read, loaded, quarantined = file_counts(result, "returns/2023/damaged.xlsx")
    assert read == loaded + quarantined
    assert loaded_keys(result, "returns/2023/beside.xlsx") == beside


@SETTINGS
@given(
    rows=valid_rows(),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1258"]),
    delimiter=st.sampled_from([",", ";", "\t"]),
    noise=st.binary(max_size=64),
    noise_at=st.floats(0, 1),
)
def test_csv_returns_in_any_encoding_and_noise_never_raise(
    workspace: Any, rows: list[dict[str, Any]], encoding: str, delimiter: str, noise: bytes, noise_at: float
) -> None:
    root = workspace()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(ADMISSION_HEADERS)
    for row in rows:
        writer.writerow(_csv_cells(row))
    data = _cp1258(buffer.getvalue()) if encoding == "cp1258" else buffer.getvalue().encode(encoding)
    file = "returns/2023/P01.csv"
    path = root / "data" / file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    beside = _valid_beside(root)

    clean_result = run(root)
    assert file_counts(clean_result, file) == (len(rows), len(rows), 0)
    assert not clean_result.errors

    at = int(len(data) * noise_at)
    path.write_bytes(data[:at] + noise + data[at:])
    noisy = run(root)
    read, loaded, quarantined = file_counts(noisy, file)
    assert read == loaded + quarantined
    assert loaded_keys(noisy, "returns/2023/beside.xlsx") == beside
