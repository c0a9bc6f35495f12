"""Issuing a period (make issue), the revisions a later return brings, and make verify-issued.

The end-to-end test builds a small city of its own (four organisations, one per sector, returns
made by hand with openpyxl through the defect corpus's helpers), issues February 2024, receives a
corrected return for February, rebuilds, and reads the revision section as the leaders see it. The
unit tests take the archive and the comparison apart on hand-made inputs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT
from defects.corpus import KEY, admission, write_reference, write_return

from ketnap.build import issue as issuing
from ketnap.build import revisions
from ketnap.build.index import read_figures
from ketnap.config import Paths

PERIOD = "2024-02"
#: (code, name, sector): one organisation per sector.
ORGS = (
    ("P01", "Đảng bộ phường Hàm Rồng", "wards-communes"),
    ("H01", "Chi bộ Trung tâm Y tế thành phố", "admin-units"),
    ("T01", "Chi bộ Trường THPT Đào Duy Từ", "high-schools"),
    ("D01", "Chi bộ Công ty Cổ phần Hòa Bình", "enterprises"),
)
CITY_TARGET_2024 = 20
#: Admissions in the first return of 2024: January and February dates per organisation.
FIRST_2024 = {"P01": [(1, 12), (2, 6), (2, 20)], "H01": [(1, 15)], "T01": [(2, 9)], "D01": [(1, 25), (2, 27)]}


def _reference(root: Path) -> None:
    targets = [
        [year, code, *numbers]
        for year, city in ((2023, 16), (2024, CITY_TARGET_2024))
        for code, numbers in [("TP", [city, 40]), *((code, [5, 10, *([1] * 5)]) for code, *_ in ORGS)]
    ]
    write_reference(root, targets=targets, organisations=[(*org, "Đảng bộ cơ sở") for org in ORGS])


def _return(path: Path, org: str, year: int, dates: list[tuple[int, int]], sent: datetime) -> Path:
    people = [
        admission(f"{org}{year}", n, **{"STT": n, "Ngày kết nạp": datetime(year, month, day)})
        for n, (month, day) in enumerate(dates, start=1)
    ]
    info = [("Tổ chức cơ sở đảng", org), ("Năm báo cáo", year), ("Ngày gửi", sent)]
    return write_return(path, sheets={"Kết nạp": people}, info=info)


def _run(home: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KETNAP_HOME": str(home), "KETNAP_PERSON_KEY": KEY, "KETNAP_WORKERS": "2"}
    done = subprocess.run([sys.executable, "-m", *args], env=env, capture_output=True, text=True, check=False)
    if check:
        assert done.returncode == 0, f"{args} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


def _ingest(home: Path) -> None:
    _run(home, "ketnap.ingest", "--today", "2024-03-15")


def _build(home: Path) -> None:
    _run(home, "ketnap.build", "batch", "--period", PERIOD)


def _text(page: Path) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def _section_rows(page: Path) -> list[list[str]]:
    """The revision section's table rows, each cell's text."""
    found = re.search(r'<section class="revisions".*?</section>', page.read_text(encoding="utf-8"), re.DOTALL)
    assert found, f"no revision section in {page}"
    rows = re.findall(r"<tr>(.*?)</tr>", found.group(0), re.DOTALL)[1:]
    return [[unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in rows]


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small city built for February 2024: 4 organisations, returns for 2023 and for January-February 2024."""
    home = tmp_path_factory.mktemp("issue-city")
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    raw = home / "data" / "raw"
    _reference(raw)
    for code, *_ in ORGS:
        _return(raw / "returns" / "2023" / f"{code}.xlsx", code, 2023, [(3, 10), (9, 2)], datetime(2024, 1, 4))
        _return(raw / "returns" / "2024" / f"{code}.xlsx", code, 2024, FIRST_2024[code], datetime(2024, 3, 3))
    _ingest(home)
    _build(home)
    return home


@pytest.mark.slow  # two builds of a period, an issue, a correction
def test_issue_then_a_corrected_return_shows_exactly_what_changed_and_verify_catches_an_edit(city: Path) -> None:
    home = city
    reports = home / "reports"
    # Issue 1: the archive and its checksums.
    done = _run(home, "ketnap.build", "issue", "--period", PERIOD, "--by", "Nguyễn Văn Thử")
    first = reports / "issued" / PERIOD / "1"
    assert "lần 1" in done.stdout and first.is_dir()
    sums = dict(reversed(line.split("  ", 1)) for line in (first / "SHA256SUMS").read_text().splitlines())
    for name in ("city-overview.html", "city-overview.pdf", "city-overview.xlsx", "organisations/P01.html",
                 "figures.json", "data-manifest.json", "returns.json", "issue.json"):  # fmt: skip
        assert sums[name] == hashlib.sha256((first / name).read_bytes()).hexdigest(), name
    assert not any(name.startswith((".status", "executed")) for name in sums)
    record = json.loads((first / "issue.json").read_text(encoding="utf-8"))
    # Data as of the last admission in the returns (27/02/2024).
    assert (record["number"], record["issued_by"], record["as_of"]) == (1, "Nguyễn Văn Thử", "2024-02-27")
    assert record["code"]["digest"] and "ketnap" in record["code"]
    assert (first / "city-overview.html").stat().st_mode & 0o222 == 0  # read-only
    index = _text(reports / "index.html")
    assert "Đã ban hành lần 1 ngày" in index and "Số liệu đã điều chỉnh" not in index
    assert (reports / "issued" / PERIOD / "index.html").is_file()

    # Nothing changed: refused, one line, and nothing written; a number already issued: refused.
    again = _run(home, "ketnap.build", "issue", "--period", PERIOD, check=False)
    assert again.returncode == 4 and len(again.stderr.strip().splitlines()) == 1
    assert "không thay đổi so với lần 1" in again.stderr
    taken = _run(home, "ketnap.build", "issue", "--period", PERIOD, "--number", "1", check=False)
    assert taken.returncode == 4 and "không bao giờ bị ghi đè" in taken.stderr
    assert sorted(p.name for p in first.parent.iterdir()) == ["1", "index.html"]

    # A corrected return of P01 for 2024 arrives: one more admission in February.
    corrected = FIRST_2024["P01"] + [(2, 24)]
    _return(home / "data" / "raw" / "returns" / "2024" / "P01-sua.xlsx", "P01", 2024, corrected, datetime(2024, 3, 12))
    _ingest(home)
    stale = _run(home, "ketnap.build", "issue", "--period", PERIOD, check=False)
    assert stale.returncode == 4 and "cũ hơn dữ liệu" in stale.stderr
    _build(home)

    page = reports / PERIOD / "city-overview.html"
    rows = _section_rows(page)
    text = _text(page)
    assert re.search(r"Số liệu điều chỉnh so với bản đã ban hành ngày \d\d/\d\d/\d{4} \(lần 1\)", text)
    by_figure = {tuple(r[0].split(" · ")): r[1:] for r in rows}
    # By hand: 7 admitted in Jan-Feb 2024 became 8; 7/20 = 35,0% became 8/20 = 40,0%; the wards
    # sector (P01 alone, target 5): 3 → 4, 60,0% → 80,0%. The target did not change, so it is not listed.
    assert by_figure[("Số đảng viên kết nạp", "Toàn thành phố")] == ["7", "8", "+1"]
    assert by_figure[("Tỷ lệ đạt chỉ tiêu", "Toàn thành phố")] == ["35,0%", "40,0%", "+5,0 điểm %"]
    assert by_figure[("Số đảng viên kết nạp", "Khối phường - xã")] == ["3", "4", "+1"]
    assert not any(figure == "Chỉ tiêu năm" for figure, _ in by_figure)
    # Exactly the figures that differ between the issued block and the page's block, no more, no fewer.
    issued = json.loads((first / "figures.json").read_text(encoding="utf-8"))["city-overview"]
    now = read_figures(page)
    old = {(f["code"], f["scope"], f["period"]): f["value"] for f in issued}
    new = {(f["code"], f["scope"], f["period"]): f["value"] for f in now}
    differ = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    assert len(rows) == len(differ) > 0
    assert "Đảng bộ phường Hàm Rồng: báo cáo năm 2024, bản lần 2 nhận ngày 12/03/2024, thay bản lần 1" in text
    assert "Chi bộ Công ty Cổ phần Hòa Bình: báo cáo" not in text  # its return did not change
    # The card of P01 says so too; an organisation whose figures did not change carries no section.
    assert _section_rows(reports / PERIOD / "organisations" / "P01.html")
    assert 'class="revisions"' not in (reports / PERIOD / "organisations" / "D01.html").read_text(encoding="utf-8")
    assert "Số liệu đã điều chỉnh so với bản đã ban hành" in _text(reports / "index.html")
    # The archive of issue 1 is untouched: verify passes; then an edit and a deletion are named.
    assert _run(home, "ketnap.build", "verify-issued").returncode == 0
    assert old[("admitted", "city", PERIOD)] == 7

    # Issue 2 carries the section (what it revises); the current pages then compare with issue 2.
    done = _run(home, "ketnap.build", "issue", "--period", PERIOD)
    second = reports / "issued" / PERIOD / "2"
    assert _section_rows(second / "city-overview.html") == rows
    assert 'class="revisions"' not in page.read_text(encoding="utf-8")
    assert "Đã ban hành lần 2 ngày" in _text(reports / "index.html")

    altered = first / "city-overview.html"
    altered.chmod(0o644)
    altered.write_text(altered.read_text(encoding="utf-8").replace(">7<", ">9<", 1), encoding="utf-8")
    (second / "city-overview.xlsx").chmod(0o644)
    (second / "city-overview.xlsx").unlink()
    checked = _run(home, "ketnap.build", "verify-issued", check=False)
    assert checked.returncode == 1
    assert f"ĐÃ BỊ SỬA: {altered}" in checked.stderr
    assert f"BỊ MẤT: {second / 'city-overview.xlsx'}" in checked.stderr


# --- the parts, on hand-made inputs ----------------------------------------------------------


def _archive(tmp_path: Path) -> Paths:
    """A project with one hand-made archive: two files and their SHA256SUMS."""
    folder = tmp_path / "reports" / "issued" / "2024-02" / "1"
    folder.mkdir(parents=True)
    (folder / "a.html").write_text("<p>231</p>", encoding="utf-8")
    (folder / "sub").mkdir()
    (folder / "sub" / "b.pdf").write_bytes(b"%PDF-1.4")
    sums = "".join(f"{hashlib.sha256(f.read_bytes()).hexdigest()}  {f.relative_to(folder)}\n"
                   for f in sorted(folder.rglob("*")) if f.is_file())  # fmt: skip
    (folder / "SHA256SUMS").write_text(sums, encoding="utf-8")
    return Paths(tmp_path)


def test_verify_names_each_file_changed_missing_or_added(tmp_path: Path) -> None:
    p = _archive(tmp_path)
    checked, problems = issuing.verify(p)
    assert [c.number for c in checked] == [1] and problems == []
    folder = p.reports / "issued" / "2024-02" / "1"
    (folder / "a.html").write_text("<p>232</p>", encoding="utf-8")
    (folder / "sub" / "b.pdf").unlink()
    (folder / "extra.txt").write_text("x", encoding="utf-8")
    _, problems = issuing.verify(p)
    assert sorted((x.kind, x.file.name) for x in problems) == [("added", "extra.txt"), ("changed", "a.html"),
                                                               ("missing", "b.pdf")]  # fmt: skip


def test_figure_changes_pair_by_code_scope_and_period() -> None:
    old = [
        {"code": "admitted", "scope": "city", "period": "2024-02", "value": 231},
        {"code": "admitted", "scope": "PX10", "period": "2024-02", "value": 0},
        {"code": "target", "scope": "city", "period": "2024-02", "value": 817},
    ]
    new = [
        {"code": "admitted", "scope": "city", "period": "2024-02", "value": 232},
        {"code": "target", "scope": "city", "period": "2024-02", "value": 817},
        {"code": "admitted", "scope": "DN01", "period": "2024-02", "value": 1},
    ]
    changes = revisions.figure_changes(old, new)
    assert [(c.scope, c.old, c.new) for c in changes] == [("city", 231, 232), ("DN01", None, 1), ("PX10", 0, None)]
    assert changes[0].difference == 1.0 and changes[1].difference is None


def test_the_section_writes_old_new_and_change_as_the_reports_do() -> None:
    changes = [
        revisions.FigureChange("admitted", "city", "2024-02", 1253, 1260),
        revisions.FigureChange("attainment_pct", "wards-communes", "2024-02", 28.3, 28.0),
        revisions.FigureChange("admitted", "PX10", "2023-02", 4, None),
    ]
    causes = [revisions.ReturnChange("PX10", 2024, "replaced", 3, 2, "2024-03-12"),
              revisions.FileChange("returns/2024/DN01.xlsx", "added")]  # fmt: skip
    names = {"PX10": "Đảng bộ phường Đông Hương", "wards-communes": "Khối phường - xã"}
    section = revisions.section_html(
        changes, causes, issued_on="2024-03-06T09:00:00+07:00", number=2, period="2024-02", names=names, lang="vi"
    )
    text = unescape(re.sub(r"<[^>]+>", "|", section))
    assert "Số liệu điều chỉnh so với bản đã ban hành ngày 06/03/2024 (lần 2)" in text
    assert "|Số đảng viên kết nạp| · Toàn thành phố|" in text
    assert "|1.253|" in text and "|1.260|" in text and "|+7|" in text
    assert "|28,3%|" in text and "|28,0%|" in text and "|\u22120,3 điểm %|" in text
    assert " · Đảng bộ phường Đông Hương|" in text and "|—|" in text  # the org's name; gone from the page
    assert "Đảng bộ phường Đông Hương: báo cáo năm 2024, bản lần 3 nhận ngày 12/03/2024, thay bản lần 2" in text
    assert "Tệp mới: returns/2024/DN01.xlsx" in text
    assert revisions.section_html([], causes, issued_on="2024-03-06", number=1, period="2024-02", names={}) == ""


def test_the_ketnap_command_refuses_a_period_never_built_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from conftest import scratch_home

    from ketnap import cli

    home = scratch_home(tmp_path / "home")
    monkeypatch.setenv("KETNAP_HOME", str(home.home))
    assert cli.main(["issue", "2024-02", "--by", "Tester"]) == 4
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "không ban hành kỳ 2024-02" in err[0] and "chưa được dựng" in err[0]
    assert "make reports PERIOD=2024-02" in err[0]
    assert not (home.reports / "issued").exists()
    assert cli.main(["verify-issued"]) == 0
    assert "chưa có bản nào được ban hành" in capsys.readouterr().out
