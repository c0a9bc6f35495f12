"""Tests of ketnap.charts: the theme, the palette and each report chart, checked on the drawn artists.

Figures are asserted on (bar widths, line data, tick and label texts, colours), not on pixels;
two tests cover what pixels would: byte-identical output and no missing Vietnamese glyphs.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import unicodedata
import warnings
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.patches import Rectangle

from ketnap import charts
from ketnap.charts import _int, _pct, _wrap
from ketnap.fmt import period_label
from ketnap.labels import t

# Every Vietnamese letter, lower and upper case: the base letters with their tone marks.
VIETNAMESE_LETTERS = (
    "".join(
        unicodedata.normalize("NFC", base + tone)
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    )
    + "đĐ"
)

LONG_NAME = "Đảng bộ Công ty cổ phần Xi măng Công Thanh chi nhánh Thanh Hóa và các đơn vị trực thuộc"


pytestmark = pytest.mark.usefixtures("house_charts")


@pytest.fixture
def sectors() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sector": ["wards", "schools", "enterprises"],
            "order": [2, 1, 3],
            "name_vi": ["Khối phường, xã", "Khối trường THPT", "Khối doanh nghiệp ngoài nhà nước"],
            "name_en": ["Wards and communes", "Upper-secondary schools", "Private enterprises"],
            "colour": ["#E69F00", "#009E73", None],  # enterprises: no configured colour
        }
    )


@pytest.fixture
def unit_metrics() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "sector": ["wards", "wards", "wards", "schools", "schools", "enterprises"],
            "org_code": ["W1", "W2", "W3", "S1", "S2", "E1"],
            "name": [
                "Đảng bộ phường Hàm Rồng",
                "Đảng bộ phường Điện Biên",
                "Đảng bộ xã Quảng Tâm",
                "Chi bộ Trường THPT chuyên Lam Sơn",
                LONG_NAME,
                "Chi bộ Công ty TNHH Hòa Bình",
            ],
            "admitted": [1200, 53, 7, 30, 12, 4],
            "target": pd.array([1000, 100, None, 40, 0, None], dtype="Int64"),
        }
    )
    target = frame["target"].astype(float)
    frame["attainment_pct"] = (frame["admitted"] / target * 100).where(target > 0)
    frame["flag_behind_pace"] = [False, True, False, True, False, False]
    return frame


@pytest.fixture
def monthly() -> pd.DataFrame:
    months = pd.date_range("2025-01-01", periods=12, freq="MS")
    cumulative = np.array([5, 12, 20, 31, 40, 52, 60, 71, np.nan, np.nan, np.nan, np.nan])
    return pd.DataFrame(
        {
            "month": months,
            "admitted": np.r_[5, np.diff(cumulative)],
            "cumulative": cumulative,
            "pace": np.arange(1, 13) * 10.0,
            "cumulative_last_year": np.arange(1, 13) * 8.0,
        }
    )


@pytest.fixture
def matrix() -> pd.DataFrame:
    months = pd.date_range("2025-01-01", periods=12, freq="MS")
    values = np.zeros((3, 12))
    values[0, 0], values[0, 4], values[1, 2], values[2, 11] = 3, 1253, 1, 2
    values[:, 10] = np.nan  # a month with no returns
    return pd.DataFrame(values, index=["Đảng bộ phường Hàm Rồng", LONG_NAME, "Chi bộ Trường THPT"], columns=months)


@pytest.fixture
def composition() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "group": ["women", "youth_union", "ethnic_minority"],
            "count": [710, 1105, 38],
            "share": [710 / 1253, 1105 / 1253, 38 / 1253],
        }
    )


def _bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() > 0]


def _texts(ax) -> list[str]:
    return [text.get_text() for text in ax.texts]


def _ticks(labels) -> list[str]:
    return [label.get_text() for label in labels]


def _title(ax) -> str:
    """The chart's title on one line (it is on the figure, wrapped to its width)."""
    return ax.figure.get_suptitle().replace("\n", " ")


def _legend(ax) -> list[str]:
    return [text.get_text() for text in ax.get_legend().get_texts()]


def _line(ax, gid: str):
    (line,) = [line for line in ax.lines if line.get_gid() == gid]
    return line


# --- theme ----------------------------------------------------------------------------------------


def test_use_theme_is_idempotent_and_sets_the_house_values():
    charts.use_theme()
    first = {key: mpl.rcParams[key] for key in charts.THEME}
    charts.use_theme()
    assert {key: mpl.rcParams[key] for key in charts.THEME} == first
    assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert mpl.rcParams["svg.fonttype"] == "path"
    assert mpl.rcParams["svg.hashsalt"]
    assert not mpl.rcParams["axes.spines.top"] and not mpl.rcParams["axes.spines.right"]


def test_theme_font_is_matplotlibs_bundled_dejavu_sans():
    path = findfont(FontProperties(family=mpl.rcParams["font.family"]), fallback_to_default=False)
    assert Path(path).name == "DejaVuSans.ttf"
    assert Path(mpl.get_data_path()) in Path(path).parents


def test_figure_has_the_house_size_and_rows_make_it_taller():
    fig, _ = charts.figure()
    assert tuple(fig.get_size_inches()) == (charts.FIG_WIDTH, charts.FIG_HEIGHT)
    fig30, _ = charts.figure(rows=30)
    assert fig30.get_size_inches()[1] == pytest.approx(charts.heatmap_height(30))
    assert charts.heatmap_height(40) > charts.heatmap_height(30) > charts.heatmap_height(5)


def test_save_metadata_rejects_formats_it_cannot_make_deterministic():
    with pytest.raises(ValueError, match="eps"):
        charts.save_metadata("eps")


# --- palette --------------------------------------------------------------------------------------


def test_sector_palette_uses_configured_colours_and_an_unused_okabe_ito_fallback(sectors):
    palette = charts.sector_palette(sectors)
    assert list(palette) == ["schools", "wards", "enterprises"]  # in configured order
    assert palette["wards"] == "#e69f00" and palette["schools"] == "#009e73"
    assert palette["enterprises"] in charts.OKABE_ITO
    assert palette["enterprises"].lower() not in {"#e69f00", "#009e73"}
    assert charts.sector_palette(sectors) == palette  # fixed: same colour every time


def test_sector_palette_from_codes_gives_distinct_okabe_ito_colours():
    palette = charts.sector_palette(["a", "b", "c"])
    assert list(palette.values()) == list(charts.OKABE_ITO[:3])


# --- attainment by sector -------------------------------------------------------------------------


def test_attainment_by_sector_bars_labels_and_target_line(sectors, unit_metrics):
    ax = charts.attainment_by_sector(unit_metrics, sectors=sectors, period="2025", lang="vi")
    bars = {bar.get_gid(): bar for bar in _bars(ax)}
    # wards: (1200 + 53 + 7) / (1000 + 100); schools: (30 + 12) / 40; enterprises: no target, no bar
    assert bars["wards"].get_width() == pytest.approx(1260 / 1100 * 100)
    assert bars["schools"].get_width() == pytest.approx(42 / 40 * 100)
    assert "enterprises" not in bars
    palette = charts.sector_palette(sectors)
    assert mpl.colors.to_hex(bars["wards"].get_facecolor()) == palette["wards"]
    assert mpl.colors.to_hex(bars["schools"].get_facecolor()) == palette["schools"]

    ticks = _ticks(ax.get_yticklabels())
    assert ticks[0] == "Khối trường THPT" and ticks[1] == "Khối phường, xã"  # by `order`
    assert ticks[2].replace("\n", " ") == "Khối doanh nghiệp ngoài nhà nước"
    texts = _texts(ax)
    assert "1.260/1.100 · 114,5%" in texts  # Vietnamese separators
    assert "Kết nạp 4 · chưa được giao chỉ tiêu" in texts
    # A closed year: its title names it, and the 100% line is the only reference (no pace).
    assert _title(ax) == "Tỷ lệ đạt chỉ tiêu kết nạp theo khối, năm 2025"
    assert [line.get_gid() for line in ax.lines] == ["target"]
    assert list(_line(ax, "target").get_xdata()) == [100, 100]
    assert _legend(ax) == ["Chỉ tiêu năm (100%)"]


def test_attainment_by_sector_in_progress_draws_the_expected_by_now_line(sectors, unit_metrics):
    # Three months of 2025 gone: 3/12 of the target is due, the line at 25%, named with its month.
    ax = charts.attainment_by_sector(unit_metrics, sectors=sectors, period="2025-03", lang="vi")
    assert list(_line(ax, "expected").get_xdata()) == [25.0, 25.0]
    assert list(_line(ax, "target").get_xdata()) == [100, 100]
    assert _legend(ax) == ["Tiến độ cần đạt đến tháng 3/2025 (25,0%)", "Chỉ tiêu năm (100%)"]
    assert _title(ax) == "Tỷ lệ đạt chỉ tiêu kết nạp theo khối, 3 tháng đầu năm 2025"
    english = charts.attainment_by_sector(unit_metrics, sectors=sectors, period="2025-03", lang="en")
    assert _legend(english) == ["Expected by March 2025 (25.0%)", "Annual target (100%)"]
    assert _title(english) == "Target attainment by sector, January–March 2025"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_chart_title_fits_the_figure_in_two_lines_at_most(lang):
    # On a phone the figure is the screen's width: a title breaks after its comma (what, then the
    # period), and each part must fit one line of the house figure, or words end up alone on a line.
    from ketnap.chart_parts import TITLE_SIZE, _fit
    from ketnap.labels import CATALOG

    width = charts.FIG_WIDTH * 72 - 8
    keys = sorted(key for key in CATALOG if key.startswith("chart.title.") and key != "chart.title.funnel")
    assert len(keys) == 8
    for key in keys:
        for period in ("2024-02", "2023", "2024-Q1", "2024-12"):
            text = t(key, lang, period=period_label(period, lang))
            assert len(_fit(text, width, TITLE_SIZE)) <= 2, text
    funnel = t("chart.title.funnel", lang, cohort=2023, end="29/02/2024")
    assert len(_fit(funnel, width, TITLE_SIZE)) <= 2


def test_expected_share_is_the_pace_of_the_rules():
    assert charts.expected_share("2024-02") == pytest.approx(2 / 12)
    assert charts.expected_share("2023") is None and charts.expected_share("2023-12") is None
    assert charts.expected_share("2023-Q3") == pytest.approx(3 / 12)  # a quarter's own months


def test_a_long_title_breaks_after_its_comma_and_fits_the_figure(sectors, unit_metrics):
    ax = charts.attainment_by_sector(unit_metrics, sectors=sectors, period="2024-02", lang="vi")
    lines = ax.figure.get_suptitle().split("\n")
    assert lines == ["Tỷ lệ đạt chỉ tiêu kết nạp theo khối,", "2 tháng đầu năm 2024"]
    ax.figure.canvas.draw()
    title = ax.figure._suptitle.get_window_extent()
    assert title.x0 >= 0 and title.x1 <= ax.figure.bbox.x1  # not cut at either edge


def test_attainment_by_sector_in_english(sectors, unit_metrics):
    ax = charts.attainment_by_sector(unit_metrics, sectors=sectors, period="2025", lang="en")
    assert "1,260/1,100 · 114.5%" in _texts(ax)
    assert "4 admitted · no target" in _texts(ax)
    assert _ticks(ax.get_yticklabels())[0].replace("\n", " ") == "Upper-secondary schools"


def test_attainment_by_sector_rejects_sectors_missing_from_the_table(sectors, unit_metrics):
    with pytest.raises(ValueError, match="army"):
        charts.attainment_by_sector(unit_metrics.assign(sector="army"), sectors=sectors, period="2025")


def test_attainment_by_sector_draws_on_the_given_axes(sectors, unit_metrics):
    _, ax = plt.subplots()
    figures_before = plt.get_fignums()
    assert charts.attainment_by_sector(unit_metrics, sectors=sectors, period="2025", ax=ax) is ax
    assert plt.get_fignums() == figures_before
    assert _title(ax).endswith("năm 2025")  # the only Axes of its figure: the title goes on the figure


# --- cumulative vs pace ---------------------------------------------------------------------------


def test_cumulative_vs_pace_lines_and_month_labels(monthly):
    ax = charts.cumulative_vs_pace(monthly, period="2025-08", lang="vi")
    pace, last_year, cumulative = ax.lines
    assert list(pace.get_ydata()) == list(monthly["pace"])
    assert list(last_year.get_ydata()) == list(monthly["cumulative_last_year"])
    np.testing.assert_array_equal(cumulative.get_ydata(), monthly["cumulative"].to_numpy())
    assert list(cumulative.get_xdata()) == list(range(1, 13))
    assert _ticks(ax.get_xticklabels()) == [f"T{m}" for m in range(1, 13)]
    assert "71" in _texts(ax)  # the latest cumulative value is labelled
    assert "120" in _texts(ax)  # and, the period being in progress, the year's target where the pace ends
    assert _legend(ax) == ["Tiến độ theo chỉ tiêu", "Lũy kế năm 2024", "Lũy kế năm 2025"]
    assert _title(ax) == "Số đảng viên kết nạp lũy kế, 8 tháng đầu năm 2025"


def test_cumulative_vs_pace_spans_the_year_while_the_line_of_the_year_stops_at_the_data():
    # February's series run on to December (metrics.monthly_series(..., to_span_end=True)): the pace
    # reaches the target of 120 in December, the line of the year stops at February.
    monthly = pd.DataFrame(
        {
            "month": pd.date_range("2024-01-01", periods=12, freq="MS"),
            "cumulative": [4.0, 9.0, *[np.nan] * 10],
            "pace": np.arange(1, 13) * 10.0,
        }
    )
    ax = charts.cumulative_vs_pace(monthly, period="2024-02", lang="vi")
    assert list(_line(ax, "pace").get_xdata()) == list(range(1, 13))
    assert _line(ax, "pace").get_ydata()[-1] == 120.0
    drawn = _line(ax, "cumulative").get_ydata()
    assert list(drawn[:2]) == [4.0, 9.0] and np.isnan(drawn[2:]).all()
    assert ax.get_xlim() == (0.5, 12.5)
    assert _ticks(ax.get_xticklabels())[-1] == "T12"


def test_cumulative_vs_pace_of_two_months_still_spans_the_year():
    # Given only the period's own months, the axis still runs to December (nothing drawn there).
    monthly = pd.DataFrame(
        {"month": pd.date_range("2024-01-01", periods=2, freq="MS"), "cumulative": [4.0, 9.0], "pace": [10.0, 20.0]}
    )
    ax = charts.cumulative_vs_pace(monthly, period="2024-02", lang="en")
    assert _ticks(ax.get_xticklabels()) == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                            "Nov", "Dec"]  # fmt: skip
    quarter = charts.cumulative_vs_pace(monthly.assign(month=monthly["month"] + pd.DateOffset(months=3)),
                                        period="2024-Q2", lang="vi", ax=charts.figure()[1])  # fmt: skip
    assert _ticks(quarter.get_xticklabels()) == ["T4", "T5", "T6"]  # a quarter spans its own months


def test_cumulative_vs_pace_in_english_without_last_year_or_target(monthly):
    ax = charts.cumulative_vs_pace(
        monthly.drop(columns="cumulative_last_year").assign(pace=np.nan), period="2025", lang="en"
    )
    assert len(ax.lines) == 1  # no last year given, and no target means no pace line
    assert _ticks(ax.get_xticklabels())[:3] == ["Jan", "Feb", "Mar"]
    assert _ticks(ax.get_xticklabels())[-1] == "Dec"


# --- heat map -------------------------------------------------------------------------------------


def test_org_month_heatmap_annotates_non_zero_counts_and_labels_every_row(matrix):
    ax = charts.org_month_heatmap(matrix, period="2025", lang="vi")
    assert _title(ax) == "Số đảng viên kết nạp theo tháng, năm 2025"
    assert sorted(filter(None, _texts(ax))) == sorted(["3", "1.253", "1", "2"])  # zeros, NaN: blank
    rows = _ticks(ax.get_yticklabels())
    assert rows[0] == "Phường Hàm Rồng"  # the sector says they are Party organisations: no "Đảng bộ"
    assert len(rows[1].split("\n")) == 2 and rows[1].endswith("…")  # wrapped, then shortened
    assert _ticks(ax.get_xticklabels()) == [str(m) for m in range(1, 13)]
    assert ax.get_xlabel() == "Tháng"
    big = next(text for text in ax.texts if text.get_text() == "1.253")
    assert big.get_fontsize() < next(t for t in ax.texts if t.get_text() == "3").get_fontsize()


def test_org_month_heatmap_keeps_all_of_many_rows_and_maps_codes_to_names():
    months = pd.date_range("2025-01-01", periods=12, freq="MS")
    codes = [f"ORG{i:02d}" for i in range(35)]
    matrix = pd.DataFrame(np.ones((35, 12), dtype=int), index=codes, columns=months)
    names = {code: f"Chi bộ phường Đông Thọ số {i}" for i, code in enumerate(codes)}
    _, ax = charts.figure(rows=len(matrix))
    charts.org_month_heatmap(matrix, period="2025", lang="en", ax=ax, names=names)
    rows = _ticks(ax.get_yticklabels())
    assert len(rows) == 35 and rows[34].replace("\n", " ") == "Phường Đông Thọ số 34"
    assert ax.get_xlabel() == "Month"


# --- funnel ---------------------------------------------------------------------------------------


def test_training_funnel_bars_and_labels():
    ax = charts.training_funnel(1253, 620, 410, cohort=2023, until="2024-02-29", lang="vi")
    assert [bar.get_width() for bar in _bars(ax)] == [1253, 620, 410]
    texts = _texts(ax)
    assert "Học lớp bồi dưỡng nhận thức về Đảng" in texts
    assert "620 · 49,5% số đã bồi dưỡng" in texts
    assert "1.253" in texts
    # The class year the bars are of, and the day its admissions are counted to.
    assert _title(ax) == "Lớp bồi dưỡng nhận thức về Đảng năm 2023, kết nạp đến ngày 29/02/2024"


def test_training_funnel_without_conversions_and_with_bad_counts():
    ax = charts.training_funnel(10, 4, cohort=2022, until="2023-12-31", lang="en")
    assert len(_bars(ax)) == 2
    assert "4 · 40.0% of trained" in _texts(ax)
    assert _title(ax) == "Party awareness class of 2022, admitted by 31/12/2023"
    with pytest.raises(ValueError, match="admitted"):
        charts.training_funnel(10, -1, cohort=2022, until="2023-12-31")


# --- composition ----------------------------------------------------------------------------------


def test_composition_bars_widths_and_labels(composition):
    ax = charts.composition_bars(composition, period="2024-Q1", lang="vi")
    assert _title(ax) == "Cơ cấu đảng viên mới kết nạp, quý I/2024"
    widths = [bar.get_width() for bar in _bars(ax)]
    np.testing.assert_allclose(widths, composition["share"] * 100)
    texts = _texts(ax)
    assert {"Nữ", "Đoàn viên thanh niên", "Dân tộc thiểu số"} <= set(texts)
    assert "1.105 · 88,2%" in texts


def test_composition_bars_checks_shares_and_warns_on_unknown_groups(composition):
    with pytest.raises(ValueError, match="between 0 and 1"):
        charts.composition_bars(composition.assign(share=composition["share"] * 100), period="2025")
    with pytest.warns(UserWarning, match="chart.group.left_handed"):
        charts.composition_bars(composition.assign(group=["women", "youth_union", "left_handed"]), period="2025")


# --- ranked attainment ----------------------------------------------------------------------------


def test_ranked_attainment_ranks_highlights_and_lists_no_target(unit_metrics):
    wards = unit_metrics[unit_metrics["sector"] == "wards"]
    ax = charts.ranked_attainment(wards, sector_colour="#E69F00", period="2025-06", lang="vi")
    on_pace, behind = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert on_pace.get_offsets().tolist() == [[120.0, 0.0]]  # Hàm Rồng, 1200/1000
    assert behind.get_offsets().tolist() == [[53.0, 1.0]]  # Điện Biên, behind pace
    assert mpl.colors.to_hex(on_pace.get_facecolor()[0]) == "#e69f00"
    assert mpl.colors.to_hex(behind.get_facecolor()[0]) == "#ffffff"  # hollow, not only a colour
    assert mpl.colors.to_hex(behind.get_edgecolor()[0]) == "#e69f00"

    rows = [row.replace("\n", " ") for row in _ticks(ax.get_yticklabels())]
    assert rows == ["Phường Hàm Rồng", "Phường Điện Biên", "Xã Quảng Tâm"]  # without the repeated "Đảng bộ"
    assert ax.get_yticklabels()[2].get_color() != ax.get_yticklabels()[0].get_color()  # greyed
    texts = _texts(ax)
    assert "1.200/1.000 · 120,0%" in texts and "Kết nạp 7 · chưa được giao chỉ tiêu" in texts
    # June: half the year gone, the expected-by-now line at 50%, then the 100% line.
    assert _legend(ax) == [
        "Đạt tiến độ",
        "Chưa đạt tiến độ",
        "Tiến độ cần đạt đến tháng 6/2025 (50,0%)",
        "Chỉ tiêu năm (100%)",
    ]
    assert list(_line(ax, "expected").get_xdata()) == [50.0, 50.0]
    assert _title(ax) == "Tỷ lệ đạt chỉ tiêu của từng tổ chức, 6 tháng đầu năm 2025"


def test_ranked_attainment_of_a_closed_year_names_results_and_draws_no_pace(unit_metrics):
    wards = unit_metrics[unit_metrics["sector"] == "wards"]
    ax = charts.ranked_attainment(wards, sector_colour="#E69F00", period="2025", lang="vi")
    assert [line.get_gid() for line in ax.lines if line.get_gid()] == ["target"]  # (the other: the no-target rule)
    assert _legend(ax) == ["Đạt chỉ tiêu", "Không đạt chỉ tiêu", "Chỉ tiêu năm (100%)"]
    assert _title(ax) == "Tỷ lệ đạt chỉ tiêu của từng tổ chức, năm 2025"
    # A finished quarter is measured on its own three months of the annual target.
    quarter = charts.ranked_attainment(wards, sector_colour="#E69F00", period="2025-Q3", lang="vi")
    assert list(_line(quarter, "expected").get_xdata()) == [25.0, 25.0]
    assert _legend(quarter)[2] == "Phần chỉ tiêu của quý III/2025 (25,0%)"


def test_ranked_attainment_wants_one_sector(unit_metrics):
    with pytest.raises(ValueError, match="filter to one sector"):
        charts.ranked_attainment(unit_metrics, sector_colour="#0072B2", period="2025")


# --- shared checks --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("draw", "frame"),
    [
        (lambda f, s: charts.attainment_by_sector(f, sectors=s, period="2025"), "unit_metrics"),
        (lambda f, s: charts.ranked_attainment(f, sector_colour="#000000", period="2025"), "unit_metrics"),
        (lambda f, s: charts.cumulative_vs_pace(f, period="2025"), "monthly"),
        (lambda f, s: charts.composition_bars(f, period="2025"), "composition"),
    ],
)
def test_missing_columns_are_named(request, sectors, draw, frame):
    data = request.getfixturevalue(frame)
    dropped = data.columns[0] if frame != "unit_metrics" else "admitted"
    with pytest.raises(ValueError, match=f"missing column.*{dropped}"):
        draw(data.drop(columns=dropped), sectors)


def test_wrap_limits_width_and_lines_and_normalises_to_nfc():
    wrapped = _wrap(unicodedata.normalize("NFD", LONG_NAME), 20, 2)
    lines = wrapped.split("\n")
    assert len(lines) == 2 and all(len(line) <= 20 for line in lines)
    assert lines[-1].endswith("…")
    assert unicodedata.is_normalized("NFC", wrapped)
    assert _wrap("Khối y tế", 20, 2) == "Khối y tế"


def test_number_formatting_follows_the_language():
    assert _int(1253, "vi") == "1.253" and _int(1253, "en") == "1,253"
    assert _pct(28.25, "vi") == "28,3%" and _pct(28.25, "en") == "28.3%"  # half up
    assert _pct(1234.56, "vi") == "1.234,6%"
    assert _pct(float("nan"), "vi") == "–"


def _every_chart(sectors, unit_metrics, monthly, matrix, composition, lang="vi"):
    wards = unit_metrics[unit_metrics["sector"] == "wards"]
    return [
        charts.attainment_by_sector(unit_metrics, sectors=sectors, period="2025-08", lang=lang),
        charts.cumulative_vs_pace(monthly, period="2025-08", lang=lang),
        charts.org_month_heatmap(matrix, period="2025", lang=lang),
        charts.training_funnel(1253, 620, 410, cohort=2024, until="2025-08-31", lang=lang),
        charts.composition_bars(composition, period="2025-08", lang=lang),
        charts.ranked_attainment(wards, sector_colour="#E69F00", period="2025-08", lang=lang),
    ]


@pytest.mark.slow  # fresh processes
def test_saving_twice_gives_identical_bytes(tmp_path, sectors, unit_metrics, monthly, matrix, composition):
    axes = _every_chart(sectors, unit_metrics, monthly, matrix, composition)
    for i, ax in enumerate(axes):
        for fmt in ("svg", "png", "pdf"):
            first = charts.savefig(ax.figure, tmp_path / f"{i}a.{fmt}").read_bytes()
            second = charts.savefig(ax.figure, tmp_path / f"{i}b.{fmt}").read_bytes()
            assert first == second, (i, fmt)
    svg = (tmp_path / "0a.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert "<text" not in svg  # glyphs are paths: no dependence on the reader's fonts


_SAVE_IN_A_FRESH_PROCESS = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from ketnap import charts

    monthly = pd.DataFrame({
        "month": pd.date_range("2025-01-01", periods=12, freq="MS"),
        "cumulative": [3.0, 9, 15, 22, 30, 41, None, None, None, None, None, None],
        "pace": [10.0 * m for m in range(1, 13)],
    })
    ax = charts.cumulative_vs_pace(monthly, period="2025-06", lang="vi")
    for fmt in ("svg", "png", "pdf"):
        charts.savefig(ax.figure, f"{sys.argv[1]}/chart.{fmt}")
    """
)


@pytest.mark.slow  # fresh processes
def test_fresh_processes_write_identical_files(tmp_path):
    # What reproducible reports need: two separate runs (new process, new clock) give the same bytes.
    runs = [tmp_path / "run1", tmp_path / "run2"]
    for run in runs:
        run.mkdir()
        subprocess.run([sys.executable, "-c", _SAVE_IN_A_FRESH_PROCESS, str(run)], check=True, timeout=120)
    for fmt in ("svg", "png", "pdf"):
        assert (runs[0] / f"chart.{fmt}").read_bytes() == (runs[1] / f"chart.{fmt}").read_bytes(), fmt


def test_vietnamese_text_renders_without_missing_glyphs(sectors, unit_metrics, monthly, matrix, composition):
    _, ax = charts.figure()
    ax.set_title(VIETNAMESE_LETTERS[: len(VIETNAMESE_LETTERS) // 2])
    ax.set_xlabel(VIETNAMESE_LETTERS[len(VIETNAMESE_LETTERS) // 2 :])
    ax.text(0.1, 0.5, unicodedata.normalize("NFD", VIETNAMESE_LETTERS[:40]))
    axes = [ax, *_every_chart(sectors, unit_metrics, monthly, matrix, composition)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        for chart in axes:
            chart.figure.canvas.draw()
    assert not [str(w.message) for w in caught if "missing from font" in str(w.message)]


def test_missing_glyph_check_does_detect_a_missing_glyph():
    # The check above is only worth something if a missing glyph does produce the warning.
    fig, ax = charts.figure()
    ax.set_title("漢")
    with pytest.warns(UserWarning, match="missing from font"):
        fig.canvas.draw()


def test_org_month_heatmap_hatches_a_missing_return_and_says_so():
    # O2's February return is missing (NaN from completeness.blank_not_reported): one hatched cell,
    # no number, and a legend "Chưa báo cáo"; the zeros stay plain pale cells.
    matrix = pd.DataFrame({1: [1.0, 0.0], 2: [0.0, np.nan]}, index=["O1", "O2"])
    ax = charts.org_month_heatmap(matrix, period="2024-02", lang="vi")
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert [(p.get_x(), p.get_y()) for p in hatched] == [(1, 1)]
    assert sorted(filter(None, _texts(ax))) == ["1"]
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["Chưa báo cáo"]
    plain = charts.org_month_heatmap(matrix.fillna(0), period="2024-02", lang="vi", ax=charts.figure()[1])
    assert plain.get_legend() is None and not [p for p in plain.patches if p.get_hatch()]
