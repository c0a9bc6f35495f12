"""Tests of the training-pipeline and annual-review charts in ketnap.charts, on the drawn artists."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.patches import Rectangle

from ketnap import charts

pytestmark = pytest.mark.usefixtures("house_charts")


@pytest.fixture
def sectors() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "sector": ["wards", "schools"],
            "order": [1, 2],
            "name_vi": ["Khối phường - xã", "Khối trường THPT"],
            "name_en": ["Wards and communes", "Upper-secondary schools"],
            "colour": ["#E69F00", "#009E73"],
        }
    )


def _bars(ax) -> list[Rectangle]:
    return [p for p in ax.patches if isinstance(p, Rectangle) and p.get_gid()]


def _texts(ax) -> list[str]:
    return [text.get_text() for text in ax.texts]


def _title(ax) -> str:
    return ax.figure.get_suptitle().replace("\n", " ")


def _legend(ax) -> list[str]:
    return [text.get_text() for text in ax.get_legend().get_texts()]


def test_training_by_sector_bars(sectors: pd.DataFrame) -> None:
    training = pd.DataFrame(
        {
            "sector": [None, "wards", "schools"],  # the total first: it must still be drawn last
            "name": ["Đảng bộ thành phố", "Khối phường - xã", "Khối trường THPT"],
            "trained": [1253, 475, 40],
            "training_plan": [1071, 435, np.nan],
            "training_attainment_pct": [1253 / 1071 * 100, 475 / 435 * 100, np.nan],
            "is_total": [True, False, False],
        }
    )
    ax = charts.training_by_sector_bars(training, sectors=sectors, period="2023", lang="vi")
    bars = _bars(ax)
    assert [b.get_gid() for b in bars] == ["wards", "total"]  # schools has no plan: no bar
    assert bars[0].get_width() == pytest.approx(109.195, abs=1e-3)
    assert bars[0].get_facecolor()[:3] == pytest.approx((0xE6 / 255, 0x9F / 255, 0))
    assert [tick.get_text() for tick in ax.get_yticklabels()] == [
        "Khối phường - xã",
        "Khối trường THPT",
        "Đảng bộ thành phố",
    ]
    texts = _texts(ax)
    assert "475/435 · 109,2%" in texts
    assert "1.253/1.071 · 117,0%" in texts
    assert "Học 40 · không giao kế hoạch" in texts
    assert _legend(ax) == ["Kế hoạch năm (100%)"]  # a finished year: the plan line alone
    assert _title(ax) == "Số người học lớp bồi dưỡng so với kế hoạch, năm 2023"
    assert ax.get_xlim()[1] >= 110


def test_training_by_sector_bars_in_progress_draw_the_expected_by_now_line(sectors: pd.DataFrame) -> None:
    training = pd.DataFrame(
        {"sector": ["wards"], "name": ["Khối phường - xã"], "trained": [52], "training_plan": [435],
         "training_attainment_pct": [52 / 435 * 100]}
    )  # fmt: skip
    ax = charts.training_by_sector_bars(training, sectors=sectors, period="2024-02", lang="vi")
    (expected,) = [line for line in ax.lines if line.get_gid() == "expected"]
    assert list(expected.get_xdata()) == pytest.approx([100 * 2 / 12] * 2)
    assert _legend(ax) == ["Tiến độ cần đạt đến tháng 2/2024 (16,7%)", "Kế hoạch năm (100%)"]


def test_training_by_sector_bars_english(sectors: pd.DataFrame) -> None:
    training = pd.DataFrame(
        {
            "sector": ["wards"],
            "name": ["Wards and communes"],
            "trained": [1253],
            "training_plan": [1071],
            "training_attainment_pct": [117.0],
        }
    )
    ax = charts.training_by_sector_bars(training, sectors=sectors, period="2023", lang="en")
    assert "1,253/1,071 · 117.0%" in _texts(ax)
    assert ax.get_xlabel() == "Attendance against the annual plan"


def test_training_by_sector_bars_requires_columns(sectors: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="training_plan"):
        charts.training_by_sector_bars(
            pd.DataFrame({"sector": [], "name": [], "trained": []}), sectors=sectors, period="2023"
        )


def test_days_to_admission_bars() -> None:
    bands = pd.DataFrame(
        {"band": ["0_3", "3_6", "6_12", "12_24", "24_plus"], "count": [2, 1, 1, 0, 0], "share": [0.5, 0.25, 0.25, 0, 0]}
    )
    ax = charts.days_to_admission_bars(bands, period="2024-02", lang="vi")
    assert _title(ax) == "Thời gian từ bồi dưỡng đến kết nạp, 2 tháng đầu năm 2024"
    widths = [p.get_width() for p in ax.patches if isinstance(p, Rectangle)]
    assert widths == pytest.approx([50, 25, 25, 0, 0])
    texts = _texts(ax)
    assert "Dưới 3 tháng" in texts and "Từ 24 tháng trở lên" in texts
    assert "2 · 50,0%" in texts


def test_days_to_admission_bars_empty_and_invalid() -> None:
    empty = pd.DataFrame({"band": ["0_3"], "count": [0], "share": [np.nan]})
    ax = charts.days_to_admission_bars(empty, period="2024-02", lang="en")
    assert [p.get_width() for p in ax.patches if isinstance(p, Rectangle)] == [0]
    with pytest.raises(ValueError, match="fraction"):
        charts.days_to_admission_bars(pd.DataFrame({"band": ["0_3"], "count": [3], "share": [56.0]}), period="2024")


def test_review_status_by_sector() -> None:
    summary = pd.DataFrame(
        {
            "name": ["Khối phường - xã", "Khối trường THPT", "Toàn thành phố"],
            "met": [15, 7, 22],
            "missed": [19, 4, 23],
            "no_target": [0, 1, 1],
            "is_total": [False, False, True],
        }
    )
    ax = charts.review_status_by_sector(summary, period="2023", lang="vi")
    assert _title(ax) == "Số tổ chức đạt, không đạt chỉ tiêu kết nạp, năm 2023"
    bars = {b.get_gid(): b for b in _bars(ax)}
    assert set(bars) == {f"{s}:{i}" for s in ("met", "missed", "no_target") for i in (0, 1)}  # no total row
    assert bars["missed:0"].get_x() == pytest.approx(15) and bars["missed:0"].get_width() == pytest.approx(19)
    assert bars["no_target:1"].get_x() == pytest.approx(11)
    assert [tick.get_text() for tick in ax.get_yticklabels()] == ["Khối phường - xã", "Khối trường THPT"]
    assert [text.get_text() for text in ax.get_legend().get_texts()] == [
        "Đạt chỉ tiêu",
        "Không đạt chỉ tiêu",
        "Chưa được giao chỉ tiêu",
    ]
    assert {"15", "19"} <= set(_texts(ax))
    # The axes keep a usable share of the figure (a wide legend must not squeeze them).
    ax.figure.canvas.draw()
    assert ax.get_position().width > 0.4
