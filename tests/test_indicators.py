"""The indicator catalogue: complete, labelled in both languages, and ``docs/indicators.md`` generated from it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ketnap import indicators, present
from ketnap.cli import JSON_KEYS
from ketnap.labels import CATALOG, LANGS

ROOT = Path(__file__).resolve().parents[1]


def test_docs_are_the_catalogue() -> None:
    doc = (ROOT / "docs" / "indicators.md").read_text(encoding="utf-8")
    assert doc == indicators.markdown(), "docs/indicators.md differs from the catalogue: `make docs` regenerates it"


def test_the_summary_json_keys_are_codes() -> None:
    numbers = [key for key in JSON_KEYS if key not in ("period", "sector")]
    assert set(numbers) <= set(indicators.INDICATORS)


@pytest.mark.parametrize("code", list(indicators.INDICATORS))
def test_every_indicator_has_its_texts(code: str) -> None:
    item = indicators.INDICATORS[code]
    texts = (item.name, item.definition, f"indicator.{code}.formula", f"indicator.rounding.{item.rounding}",
             f"indicator.counts.{item.counts}")  # fmt: skip
    for key in texts:
        assert key in CATALOG and len(CATALOG[key]) == len(LANGS) and all(text.strip() for text in CATALOG[key]), key


def test_one_rounding_rule_per_indicator() -> None:
    assert indicators.rounded("shortfall_vs_pace", 0.9999999999) == 1  # float noise is not a lost person
    assert indicators.rounded("expected", 136.2) == 136  # whole people due, rounded down (ketnap.rules)
    assert indicators.rounded("shortfall_vs_pace", -0.4) == 0
    assert indicators.rounded("attainment_pct", 104.03) == 104.0
    assert indicators.rounded("admitted", 735.0) == 735 and isinstance(indicators.rounded("admitted", 735.0), int)


def test_a_table_records_its_coded_columns_by_row_scope() -> None:
    import pandas as pd

    frame = pd.DataFrame(
        {"org_code": ["A1", "A2"], "name": ["An", "Bình"], "admitted": [3, 0], "gap": [2.0, -0.4]}
    ).set_index("org_code", drop=False)
    fragment = present.table(frame, columns=["name", "admitted", "gap"], figures="2024-02")
    assert {(f["code"], f["scope"], f["value"]) for f in fragment.figures} == {
        ("admitted", "A1", 3), ("admitted", "A2", 0), ("shortfall_vs_pace", "A1", 2), ("shortfall_vs_pace", "A2", 0),
    }  # fmt: skip
    assert '<td class="num">2</td>' in fragment.html  # shown as the catalogue rounds it
    assert indicators.FIGURES_MIME in fragment._repr_mimebundle_()


def test_a_long_table_records_only_the_rows_it_shows() -> None:
    """At province or national size a table shows its first rows (the Excel file has all): so does its block."""
    import pandas as pd

    frame = pd.DataFrame({"org_code": ["A1", "A2", "A3"], "name": ["An", "Bình", "Chi"], "admitted": [5, 4, 3]})
    fragment = present.table(frame.set_index("org_code", drop=False), columns=["name", "admitted"], max_rows=2,
                             figures="2023")  # fmt: skip
    assert [(f["scope"], f["value"]) for f in fragment.figures] == [("A1", 5), ("A2", 4)]
    assert "Chi" not in fragment.html


def test_the_notes_name_each_indicator_once() -> None:
    html = present.indicator_notes(["target", "admitted", "admitted"], "vi")
    assert 'id="giai-thich-so-lieu"' in html and html.count('class="indicator"') == 2
    assert html.index("chi-so-admitted") < html.index("chi-so-target")
    assert present.indicator_notes([], "vi") == ""


def test_a_tables_own_total_row_is_no_scopes_figure() -> None:
    """A sum of organisations (or of sectors' assigned targets) is not the city's figure: not recorded."""
    import pandas as pd

    from ketnap import scorecard

    rows = pd.DataFrame(
        {"org_code": ["A1", "A2"], "name": ["An", "Bình"], "admitted": [3, 1], "target": [4.0, 2.0],
         "attainment_pct": [75.0, 50.0], "is_total": [False, False]}
    ).set_index("org_code", drop=False)  # fmt: skip
    fragment = present.table(scorecard.with_total(rows), columns=["name", "admitted", "target"], figures="2023")
    assert {(f["code"], f["scope"], f["value"]) for f in fragment.figures} == {
        ("admitted", "A1", 3), ("admitted", "A2", 1), ("target", "A1", 4), ("target", "A2", 2),
    }  # fmt: skip
    assert "Cộng" in fragment.html  # shown, not recorded


def test_the_notes_speak_the_words_of_the_period() -> None:
    from ketnap.periods import parse_period

    codes = ["organisations_behind_pace", "admitted_last_year"]  # listed in the catalogue's order

    def names(period: str) -> list[str]:
        html = present.indicator_notes(codes, "vi", period=parse_period(period))
        return [html.split("<h3>")[i].split(" <code>")[0] for i in (1, 2)]

    assert names("2024-02") == ["Cùng kỳ năm trước", "Tổ chức chưa đạt tiến độ"]
    assert names("2023") == ["Kết nạp năm trước", "Tổ chức không đạt chỉ tiêu"]
    # a quarter is no year: the same quarter last year, and its own target (a quarter of the year's)
    assert names("2023-Q3") == ["Cùng kỳ năm trước", "Tổ chức không đạt chỉ tiêu quý"]
    assert "Chỉ tiêu quý − số đã kết nạp trong quý (không âm)" in present.indicator_notes(
        ["shortfall_vs_pace"], period=parse_period("2023-Q4")
    )
    assert "Chỉ tiêu − số đã kết nạp (không âm)" in present.indicator_notes(
        ["shortfall_vs_pace"], period=parse_period("2023")
    )
