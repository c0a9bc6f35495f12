"""Small counts (ketnap.privacy): no hidden count can be read off a table, nor worked out from it.

The cases of the report review (problem 10) are made by hand: an organisation that admitted two
people with "< 3" beside its sensitive columns, one that admitted one person with a zero beside
"< 3", and a total row from which the one hidden organisation's count is a subtraction away. A
property test then draws random sectors and checks the two promises on every table.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ketnap import privacy
from ketnap.charts import composition_bars
from ketnap.metrics import COMPOSITION, composition_long

GROUPS = ["women", "religious"]


def organisations(rows: list[tuple[str, int, int, int]]) -> pd.DataFrame:
    """Organisations (code, admitted, women, religious) as ketnap.metrics.composition gives them."""
    frame = pd.DataFrame(rows, columns=["org_code", "admitted", "women", "religious"]).set_index("org_code")
    frame.insert(0, "name", [f"Chi bộ {code}" for code in frame.index])
    for group in GROUPS:
        frame[f"{group}_pct"] = frame[group] / frame["admitted"].where(frame["admitted"] > 0) * 100
    return frame


def test_the_threshold_holds_on_both_sides_of_a_group() -> None:
    # 1 religious of 10, or 9 of 10 (the one who is not), or 2 admitted with none: each points at someone.
    assert [privacy.disclosive(c, n, 3) for c, n in [(1, 10), (9, 10), (0, 2), (2, 2), (3, 10), (0, 10), (10, 10)]] == [
        True, True, True, True, False, False, False,
    ]  # fmt: skip


def test_an_organisation_that_admitted_one_or_two_people_shows_no_breakdown() -> None:
    # The review's cases: Đông Sơn admitted 1 (a woman: "Nữ < 3" beside "Đoàn viên 0"); Đông Hương 2.
    units = organisations([("DS", 1, 1, 0), ("DH", 2, 1, 1), ("A", 20, 10, 4), ("B", 30, 15, 5)])
    table = privacy.breakdown(units, GROUPS, lang="vi", below=3)
    # Together the two are 3 people, 2 of them women (and 1 not): small, so the next smallest (A)
    # joins them: 23 people, 12 women, 5 religious. B is shown; the total is 53, 27, 10.
    assert table.index.tolist() == ["B", "others", "total"]
    assert table.loc["others", "name"] == "Các tổ chức khác (3 tổ chức, không công bố riêng)"
    assert table[["admitted", "women", "religious"]].values.tolist() == [[30, 15, 5], [23, 12, 5], [53, 27, 10]]
    text = privacy.as_text(table, GROUPS, lang="vi")
    assert text["religious"].tolist() == ["5 (16,7%)", "5 (21,7%)", "10 (18,9%)"]


def test_the_total_minus_the_organisations_shown_gives_nobody_away() -> None:
    # H is hidden (2 women of 4), B too (1 religious of 10). Together 2 religious of 14 is small
    # (79 - 65 would give it), so C joins them: 39 people, 19 women, 7 religious. D is shown.
    units = organisations([("H", 4, 2, 1), ("B", 10, 5, 1), ("C", 25, 12, 5), ("D", 40, 20, 0)])
    table = privacy.breakdown(units, GROUPS, lang="en", below=3)
    assert table.index.tolist() == ["D", "others", "total"]
    assert table.loc["others", "name"] == "Other organisations (3, not shown one by one)"
    assert table[["admitted", "women", "religious"]].values.tolist() == [[40, 20, 0], [39, 19, 7], [79, 39, 7]]
    assert privacy.as_text(table, GROUPS, lang="vi").loc["total", "religious"] == "7 (8,9%)"


def test_a_group_the_total_hides_is_not_worked_out_from_the_rest() -> None:
    # The total's 1 religious is hidden. H (2 women of 4) can only hide inside D: nobody is shown.
    units = organisations([("H", 4, 2, 1), ("D", 40, 20, 0)])
    table = privacy.breakdown(units, GROUPS, lang="vi", below=3)
    assert table.index.tolist() == ["total"]
    assert table.loc["total", "women"] == 22 and pd.isna(table.loc["total", "religious"])
    assert privacy.as_text(table, GROUPS, lang="vi").loc["total", "religious"] == "ẩn"
    # When the sector hides women for the city's sake, H no longer needs D to hide in.
    table = privacy.breakdown(units, GROUPS, hidden_total={"women"}, lang="vi", below=3)
    assert table.index.tolist() == ["D", "others", "total"]
    assert pd.isna(table.loc["others", "women"]) and pd.isna(table.loc["total", "women"])


def test_sector_totals_hide_what_the_city_total_would_give_away() -> None:
    sectors = pd.DataFrame(
        {"admitted": [95, 32, 77, 27], "religious": [3, 1, 2, 1], "women": [47, 17, 54, 8]},
        index=["wards-communes", "admin-units", "high-schools", "enterprises"],
    )
    hidden = privacy.hidden_totals(sectors, ["religious", "women"], 3)
    # 1, 2 and 1 are small; together 4 of 136 is not: the wards' 3 can be shown (7 - 4 = 3).
    assert hidden == {"wards-communes": set(), "admin-units": {"religious"}, "high-schools": {"religious"},
                      "enterprises": {"religious"}}  # fmt: skip
    # A city total that is itself small hides the group in every sector.
    sectors["religious"] = [1, 0, 0, 0]
    assert all("religious" in groups for groups in privacy.hidden_totals(sectors, ["religious"], 3).values())


def test_the_city_chart_hides_a_small_group_and_merges_a_small_age_band() -> None:
    counts = {g: 50 for g in COMPOSITION} | {"religious": 2, "age_18_30": 192, "age_31_40": 38, "age_41_plus": 1}
    city = pd.DataFrame({"admitted": [231]} | {g: [n] for g, n in counts.items()}, index=["city"])
    for group in COMPOSITION:
        city[f"{group}_pct"] = city[group] / city["admitted"] * 100
    shown = privacy.protect_long(composition_long(city), 231, 3)
    # 41+ alone is 1; hidden, it would be 231 - 192 - 38: it joins 31-40, the smaller neighbour.
    assert shown["group"].tolist()[-2:] == ["age_18_30", "age_31_plus"] and shown["count"].tolist()[-1] == 39
    assert pd.isna(shown.set_index("group").loc["religious", "count"])
    ax = composition_bars(shown, period="2024-02", lang="vi")
    texts = [text.get_text() for text in ax.texts]
    assert "Từ 31 tuổi trở lên" in texts and "39 · 16,9%" in texts and texts.count("ẩn") == 1
    assert [bar.get_width() for bar in ax.patches][list(shown["group"]).index("religious")] == 0


def test_small_bands_merge_until_none_is_small() -> None:
    long = pd.DataFrame({"group": ["age_18_30", "age_31_40", "age_41_plus"], "count": [2, 1, 7]})
    long["share"] = long["count"] / 10
    shown = privacy.protect_long(long, 10, 3)  # 18-30 (2) joins 31-40 (1): 3 of 10, 7 of 10
    assert shown[["group", "count"]].values.tolist() == [["age_18_40", 3.0], ["age_41_plus", 7.0]]
    assert privacy.protect_long(long.assign(count=[1, 1, 0]), 2, 3)["group"].tolist() == ["age_18_plus"]


counts = st.integers(min_value=0, max_value=12)


@st.composite
def sectors_of_organisations(draw: st.DrawFn) -> pd.DataFrame:
    rows = []
    for i in range(draw(st.integers(min_value=1, max_value=9))):
        admitted = draw(counts)
        women = draw(st.integers(min_value=0, max_value=admitted))
        religious = draw(st.integers(min_value=0, max_value=admitted))
        rows.append((f"O{i}", admitted, women, religious))
    return organisations(rows)


@settings(max_examples=300, deadline=None)
@given(units=sectors_of_organisations(), below=st.integers(min_value=2, max_value=4), total_hides=st.booleans())
def test_no_count_shown_or_worked_out_is_small(units: pd.DataFrame, below: int, total_hides: bool) -> None:
    table = privacy.breakdown(units, GROUPS, hidden_total={"women"} if total_hides else (), lang="vi", below=below)
    organisations_shown = table.drop(index=[i for i in ("others", "total") if i in table.index])
    assert (organisations_shown["admitted"] > 0).all()
    for group in GROUPS:
        # An organisation shown is shown whole, and nothing shown is small on either side.
        assert organisations_shown[group].notna().all()
        for unit, row in table.iterrows():
            if pd.notna(row[group]):
                assert not privacy.disclosive(row[group], row["admitted"], below), (unit, group)
        # What the total minus the organisations shown leaves is the others' count: not small either.
        if pd.notna(table.loc["total", group]):
            rest = units[group].sum() - organisations_shown[group].sum()
            rest_admitted = units["admitted"].sum() - organisations_shown["admitted"].sum()
            assert not privacy.disclosive(rest, rest_admitted, below), (group, rest, rest_admitted)
    assert np.isclose(table.loc["total", "admitted"], units["admitted"].sum())


@pytest.mark.parametrize(("lang", "word"), [("vi", "ẩn"), ("en", "hidden")])
def test_hidden_cells_read_as_hidden(lang: str, word: str) -> None:
    units = organisations([("A", 2, 1, 0), ("B", 0, 0, 0)])  # B admitted nobody: not listed
    text = privacy.as_text(privacy.breakdown(units, GROUPS, lang=lang, below=3), GROUPS, lang=lang)
    assert text.index.tolist() == ["total"] and text.loc["total", ["women", "religious"]].tolist() == [word, word]
