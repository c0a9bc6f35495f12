"""The checks tests/test_consistency.py runs over the built reports fail when they should.

Pages are put together here as the build does (a notebook's outputs -> ``collect_figures`` ->
``figures_json`` in the page), from real fragments: a table of organisations and the sentence above
it, agreeing or not; and by hand, a page whose block says a number its text does not.
"""

from __future__ import annotations

import nbformat
import pandas as pd
from figure_checks import clashes, figures_in, not_in_text, visible_text

from ketnap import indicators, present
from ketnap.build.export import collect_figures, figures_json
from ketnap.indicators import Stated

PERIOD = "2024-02"


def page(*fragments: present.HTMLFragment) -> str:
    """A report page as the build makes it: the fragments' HTML and the figures block of their outputs."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", data=f._repr_mimebundle_())])
        for f in fragments
    ]
    body = "".join(f.html for f in fragments)
    block = figures_json(collect_figures(notebook))
    return f'<html><body>{body}<script type="application/json" id="ketnap-figures">{block}</script></body></html>'


def behind_table() -> present.HTMLFragment:
    """The behind-pace table of a sector report: Chi bộ Phòng Giáo dục short by 1 person."""
    rows = pd.DataFrame(
        {"org_code": ["HC05"], "sector": ["admin-units"], "name": ["Chi bộ Phòng Giáo dục"], "gap_people": [1.0]}
    ).set_index("org_code", drop=False)
    return present.table(rows, columns=["name", "gap_people"], figures=PERIOD)


def behind_sentence(gap: float) -> present.HTMLFragment:
    """The sentence above it, naming the organisation and its shortfall, as ketnap.narrative builds it."""
    said = Stated("admin-units", PERIOD)
    text = f"Còn thiếu nhiều nhất: Chi bộ Phòng Giáo dục (còn thiếu {said('shortfall_vs_pace', gap, scope='HC05')})."
    return present.paragraph(said.text(text))


def test_a_sentence_that_agrees_with_its_table_passes_both_checks() -> None:
    report = page(behind_sentence(1), behind_table())
    assert figures_in(report) == [indicators.figure("shortfall_vs_pace", "HC05", PERIOD, 1)]  # one, not two
    assert clashes({"sector-admin-units": figures_in(report)}) == []
    assert not_in_text(report) == []


def test_a_sentence_that_says_2_beside_a_table_that_says_1_is_caught() -> None:
    # Problem 2 of the review: "(thiếu 2)" in the narrative, 1 in the table just below it.
    report = page(behind_sentence(2), behind_table())
    found = clashes({"city-overview": figures_in(report)})
    assert found == ["('shortfall_vs_pace', 'HC05', '2024-02'): 1 in city-overview; 2 in city-overview"]
    # Across reports as well: the same organisation, 2 on one page and 1 on another.
    other = page(behind_table())
    assert len(clashes({"city-overview": figures_in(page(behind_sentence(2))), "sector": figures_in(other)})) == 1


def test_a_figure_the_text_does_not_show_is_caught() -> None:
    # By hand: the block says 231 admitted and 28,3%, the page says 230 and 28,2%.
    block = '[{"code": "admitted", "scope": "city", "period": "2024-02", "value": 231},' + (
        '{"code": "attainment_pct", "scope": "city", "period": "2024-02", "value": 28.3},'
        '{"code": "target", "scope": "city", "period": "2024-02", "value": null}]'
    )
    report = (
        "<html><head><title>231</title></head><body><p>Đã kết nạp được 230 đảng viên mới, đạt 28,2% chỉ tiêu "
        f'(1.231 lượt; 2.231; 28,35%).</p><script type="application/json" id="ketnap-figures">{block}</script>'
        "</body></html>"
    )
    # 231 only in the title, the block and inside other numbers; 28,3 only inside 28,35: neither counts.
    assert [f["code"] for f in not_in_text(report)] == ["admitted", "attainment_pct"]  # a null is no number
    assert not_in_text(report.replace("230", "231").replace("28,2%", "28,3%")) == []


def test_the_visible_text_leaves_out_scripts_styles_and_tags() -> None:
    html = "<style>p{margin:1}</style><p>Đạt <b>28,3%</b> &amp; 1.253</p><script>var x = 7;</script>"
    assert visible_text(html) == "Đạt 28,3% & 1.253"
