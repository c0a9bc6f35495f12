"""Report building blocks: HTML tables and cards (escaped, capped), Excel exports (safe), chart and list caps."""

from __future__ import annotations

import io
import re
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import openpyxl
import pandas as pd
import pytest

from ketnap import charts, columns, present, scorecard
from ketnap.build import export
from ketnap.io import spreadsheet_safe

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    matplotlib.pyplot.close("all")


def test_table_escapes_formats_and_aligns_numbers() -> None:
    frame = pd.DataFrame({"name": ["<b>x</b>"], "admitted": [1253], "attainment_pct": [28.26]})
    html = present.table(frame, columns=["name", "admitted", "attainment_pct"]).html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x" not in html
    assert '<td class="num">1.253</td>' in html and '<td class="num">28,3%</td>' in html
    assert html.startswith('<div class="table-scroll short">')  # one row: kept on one printed page


def test_table_heads_and_formats_columns_from_the_catalog() -> None:
    frame = pd.DataFrame(
        {"name": ["Phường Ba Đình"], "target": [12.0], "last_admission": [pd.Timestamp("2024-02-05")],
         "difference": [-3.0], "year": [2023], "flags": ["chậm tiến độ"]}
    )  # fmt: skip
    html = present.table(frame, columns=list(frame.columns), lang="en").html
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert head == (
        '<thead><tr><th>Organisation</th><th class="num">Annual target</th><th>Last admission</th>'
        "<th>Over (+) / under (−)</th><th>Year</th><th>Flags</th></tr>"
    )
    body = html[html.index("<tbody>") :]
    assert body.startswith(
        '<tbody><tr><td>Phường Ba Đình</td><td class="num">12</td><td>05/02/2024</td>'
        "<td>\u22123</td><td>2023</td><td>chậm tiến độ</td></tr>"
    )


def test_table_text_is_what_the_table_shows() -> None:
    """The Word report's tables (ketnap.build.word) show the cells of the HTML one, for the same arguments."""
    frame = scorecard.with_total(
        pd.DataFrame({"name": ["Phường Ba Đình", "Khối <THPT>"], "admitted": [1253, 7], "target": [4000.0, np.nan],
                      "attainment_pct": [31.325, np.nan]}, index=pd.Index(["W1", "H1"])),
    )  # fmt: skip
    how = {"columns": ["name", "attainment_pct", "admitted", "target"], "labels": {"name": "column.sector"}}
    shown = present.table_text(frame, **how, figures="2024-02")
    html = present.table(frame, **how, figures="2024-02").html
    cells = [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row)]
             for row in re.findall(r"<tr[^>]*>(.*?)</tr>", html[html.index("<tbody>") :])]  # fmt: skip
    assert shown.headings == ("Khối", "Tỷ lệ đạt chỉ tiêu", "Số đảng viên kết nạp", "Chỉ tiêu năm")
    # 1253/4000 = 31.325% rounds half up to 31,3%; the total adds 1253 + 7 over the one target, 31,5%
    assert shown.rows == (
        ("Phường Ba Đình", "31,3%", "1.253", "4.000"),
        ("Khối <THPT>", "–", "7", "–"),
        ("Cộng", "31,5%", "1.260", "4.000"),
    )
    assert [list(row) for row in shown.rows] == [[c.replace("&lt;", "<").replace("&gt;", ">") for c in row]
                                                 for row in cells]  # fmt: skip
    assert shown.numeric == (False, True, True, True) and shown.totals == (False, False, True)


def test_table_labels_override_the_heading_not_the_format() -> None:
    frame = pd.DataFrame({"name": ["Khối phường, xã"], "admitted": [5], "admitted_last_year": [7.0]})
    html = present.table(
        frame,
        columns=["name", "admitted", "admitted_last_year"],
        labels=columns.REVIEW_LABELS | {"name": "column.sector"},
        label_fields={"year": 2022},
    ).html
    assert "<th>Khối</th>" in html and '<th class="num">Kết nạp</th>' in html
    assert '<th class="num">Kết nạp năm 2022</th>' in html and '<td class="num">7</td>' in html


def test_table_formats_replace_the_catalog_format() -> None:
    frame = pd.DataFrame({"admitted": [1253]})
    html = present.table(frame, columns=["admitted"], formats={"admitted": lambda v: f"<{v}>"}).html
    assert "<td>&lt;1253&gt;</td>" in html  # a function's text is escaped and not aligned


def test_table_shows_at_most_max_rows_and_exports_all() -> None:
    frame = pd.DataFrame({"admitted": range(10)})
    fragment = present.table(frame, columns=["admitted"], max_rows=4, export="Sheet")
    assert fragment.html.count("<tr>") == 1 + 4  # header + shown rows
    assert "… và 6 dòng nữa" in fragment.html
    bundle = fragment._repr_mimebundle_()
    assert bundle[present.TABLE_MIME] == {
        "sheet": "Sheet",
        "columns": ["Số đảng viên kết nạp"],
        "rows": [[i] for i in range(10)],
    }


def test_table_export_uses_the_headings_shown() -> None:
    frame = pd.DataFrame({"name": ["A"], "admitted_last_year": [3.0]})
    fragment = present.table(
        frame, columns=["name", "admitted_last_year"], labels=columns.REVIEW_LABELS, label_fields={"year": 2022},
        lang="en", export="Review",
    )  # fmt: skip
    assert fragment.export == {"sheet": "Review", "columns": ["Organisation", "Admitted in 2022"], "rows": [["A", 3.0]]}


def test_table_rejects_unknown_columns_formats_and_labels() -> None:
    frame = pd.DataFrame({"admitted": [1], "mystery": [2]})
    with pytest.raises(ValueError, match="lacks columns"):
        present.table(frame, columns=["target"])
    with pytest.raises(KeyError, match=r"not in ketnap\.columns\.COLUMNS"):
        present.table(frame, columns=["mystery"])
    with pytest.raises(ValueError, match="unknown format"):
        present.table(frame, columns=["admitted"], formats={"admitted": "money"})
    with pytest.raises(KeyError, match=r"no label 'column\.nope'"):
        present.table(frame, columns=["admitted"], labels={"admitted": "column.nope"})
    with pytest.raises(ValueError, match="needs label_fields for year"):
        present.table(frame, columns=["admitted"], labels={"admitted": "review.column.last_year"})
    with pytest.raises(TypeError, match="list of column names"):
        present.table(frame, columns={"admitted": "Số"})  # type: ignore[arg-type]
    # A column outside the catalog is shown when labels heads it; it is shown as it is.
    html = present.table(frame, columns=["mystery"], labels={"mystery": "column.count"}).html
    assert "<th>Số người</th>" in html and "<td>2</td>" in html


def test_heading_names_what_it_is_of() -> None:
    assert present.heading("Kết quả theo khối", of="năm 2023").html == "<h2>Kết quả theo khối, năm 2023</h2>"
    assert present.heading("By sector", level=3, of="2023", lang="en").html == "<h3>By sector, 2023</h3>"
    assert present.heading("A < B").html == "<h2>A &lt; B</h2>"


def test_cards_escape_text() -> None:
    html = present.cards([present.Card("<i>label</i>", "1.253", "note & more")]).html
    assert "&lt;i&gt;label" in html and "note &amp; more" in html


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+2", "'=1+2"), ("+84", "'+84"), ("-x", "'-x"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
     ("plain", "plain"), (-5, -5), (3.5, 3.5), (None, None)],
)  # fmt: skip
def test_safe_cell_neutralises_formulas_and_keeps_numbers(value, expected) -> None:
    assert spreadsheet_safe(value) == expected


def test_workbook_is_deterministic_and_typed(tmp_path: Path) -> None:
    tables = [{"sheet": "A/B:C", "columns": ["Tên", "Số"], "rows": [["=cmd", 12], ["x", 3.5]]}]
    first, second = (
        export.write_workbook(tables, tmp_path / "a.xlsx"),
        export.write_workbook(tables, tmp_path / "b.xlsx"),
    )
    assert first.read_bytes() == second.read_bytes()
    sheet = openpyxl.load_workbook(first).worksheets[0]
    assert sheet.title == "A B C"
    assert [c.value for c in sheet[2]] == ["'=cmd", 12] and sheet["B3"].data_type == "n"


def _ranked_metrics(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": [f"Đảng bộ {i:03d}" for i in range(n)],
            "admitted": np.arange(n),
            "target": np.full(n, 100),
            "attainment_pct": np.arange(n, dtype=float),
            "flag_behind_pace": np.arange(n) < n // 2,
        }
    )


def test_ranked_attainment_caps_rows_to_the_lowest() -> None:
    ax = charts.ranked_attainment(_ranked_metrics(200), sector_colour="#009E73", period="2024-02", max_rows=50)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert len(labels) == 50 and "000" in labels and "199" not in labels  # "Đảng bộ 000" without "Đảng bộ"
    assert ax.figure.get_suptitle().split("\n")[-1].startswith("50 trên 200")  # the title's last line


def test_heatmap_caps_rows_to_the_fewest_admissions() -> None:
    months = pd.date_range("2024-01-01", periods=2, freq="MS")
    matrix = pd.DataFrame([[i, i] for i in range(100)], index=[f"O{i}" for i in range(100)], columns=months)
    ax = charts.org_month_heatmap(matrix, period="2024-02", max_rows=10)
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert len(labels) == 10 and "O0" in labels and "O99" not in labels


def test_flag_lists_name_at_most_max_listed() -> None:
    n = scorecard.MAX_LISTED + 5
    frame = pd.DataFrame(
        {"name": [f"T{i}" for i in range(n)], "flag_no_admissions": True, "flag_below_10pct": False,
         "flag_none_2y": False}
    )  # fmt: skip
    line = scorecard.flag_lists(frame, "2024-02")[0]
    assert f"T{scorecard.MAX_LISTED - 1} và 5 tổ chức khác." in line
    assert f"T{scorecard.MAX_LISTED}," not in line


def test_names_with_dollar_signs_print_as_typed() -> None:
    # "$...$" in a name from the returns must not turn into mathtext (or fail to parse) in a chart.
    charts.use_theme()
    frame = _ranked_metrics(2).assign(name=["Công ty $x^2$", "Chi bộ $\\frac{"])
    ax = charts.ranked_attainment(frame, sector_colour="#009E73", period="2024-02")
    ax.figure.savefig(io.BytesIO(), format="png")
    assert "Công ty $x^2$" in [tick.get_text() for tick in ax.get_yticklabels()]


def test_a_ranked_chart_for_paper_is_wider_with_one_line_names_and_shorter_rows() -> None:
    # 36 names of 40-odd characters: two lines at the phone's 22 characters, one on paper (56).
    names = [f"Chi bộ Công ty CP Vật liệu xây dựng Đông Cương {i:02d}" for i in range(36)]
    frame = _ranked_metrics(36).assign(name=names)
    phone = charts.ranked_attainment(frame, sector_colour="#009E73", period="2024-02")
    paper = charts.ranked_attainment(frame, sector_colour="#009E73", period="2024-02", paper=True)
    assert phone.figure.get_size_inches()[0] == charts.FIG_WIDTH
    assert paper.figure.get_size_inches()[0] == 7.2
    assert all("\n" in tick.get_text() for tick in phone.get_yticklabels())
    names = [tick.get_text() for tick in paper.get_yticklabels()]
    assert "Công ty CP Vật liệu xây dựng Đông Cương 35" in names and not any("\n" in n for n in names)
    # rows of 0.36 inch for two-line names, 0.25 for one line; the same frame, title and legend room
    assert phone.figure.get_size_inches()[1] - paper.figure.get_size_inches()[1] == pytest.approx(36 * 0.11)
    plt.close("all")


def test_a_tall_chart_from_a_chart_function_is_drawn_for_each_medium() -> None:
    from functools import partial

    html = present.tall_chart(
        partial(charts.ranked_attainment, _ranked_metrics(3), sector_colour="#009E73", period="2024-02"), alt="x"
    ).html
    assert html.count("<figure") == 2
    assert '<figure class="chart tall screen-only"' in html and '<figure class="chart tall print-only"' in html
    widths = [float(w) for w in re.findall(r'data-width-in="([\d.]+)"', html)]
    assert widths[1] > widths[0] + 2  # 7.2 against 4.5 inches, less what tight cropping takes
    one = present.tall_chart(charts.ranked_attainment(_ranked_metrics(3), sector_colour="#009E73", period="2024-02"),
                             alt="x").html  # fmt: skip
    assert one.count("<figure") == 1 and '<figure class="chart tall"' in one


def test_a_short_table_is_marked_to_stay_on_one_page() -> None:
    short = pd.DataFrame({"name": [f"T{i}" for i in range(present.SHORT_TABLE_ROWS)]})
    long = pd.DataFrame({"name": [f"T{i}" for i in range(present.SHORT_TABLE_ROWS + 1)]})
    assert '<div class="table-scroll short">' in present.table(short, columns=["name"]).html
    assert '<div class="table-scroll">' in present.table(long, columns=["name"]).html


def test_a_chart_is_embedded_as_a_palette_png_of_the_same_picture() -> None:
    import base64

    import matplotlib.pyplot as plt
    from PIL import Image, ImageChops

    charts.use_theme()
    figure, ax = plt.subplots(figsize=(3, 2))
    ax.bar(["T1", "T2"], [1, 2], color="#0072B2")
    full = io.BytesIO()
    figure.savefig(full, format="png", dpi=present.CHART_DPI, bbox_inches="tight")
    html = present.chart(figure, alt="x").html
    embedded = Image.open(io.BytesIO(base64.b64decode(html.split("base64,")[1].split('"')[0])))
    original = Image.open(full).convert("RGB")
    assert embedded.mode == "P" and embedded.size == original.size
    assert len(base64.b64decode(html.split("base64,")[1].split('"')[0])) < full.getbuffer().nbytes
    difference = ImageChops.difference(original, embedded.convert("RGB")).getextrema()
    assert max(high for _, high in difference) <= 24  # 256 colours: no visible change to fills or text
