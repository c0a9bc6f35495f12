"""Settings: every KETNAP_* variable read in one place, checked, documented and logged without secrets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ketnap.config import SETTINGS, SettingError, settings
from ketnap.ingest import main as ingest_main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
LIB = Path(__file__).resolve().parents[1] / "lib" / "ketnap"


def test_defaults() -> None:
    s = settings({})
    assert (s.workers, s.lock_wait, s.small_count, s.browser, s.person_key) == (None, 900.0, 3, None, None)
    assert s.person_key_file == Path("~/.config/ketnap/person.key").expanduser()
    assert (s.home / "lib" / "ketnap" / "config.py").is_file()


def test_values_from_the_environment(tmp_path: Path) -> None:
    s = settings(
        {
            "KETNAP_HOME": str(tmp_path),
            "KETNAP_WORKERS": " 4 ",
            "KETNAP_LOCK_WAIT": "2.5",
            "KETNAP_SMALL_COUNT": "5",
            "KETNAP_BROWSER": "/opt/chrome",
            "KETNAP_PERSON_KEY": "s3cret",
        }
    )
    assert (s.home, s.workers, s.lock_wait, s.small_count, s.browser, s.person_key) == (
        tmp_path.resolve(), 4, 2.5, 5, "/opt/chrome", "s3cret",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "value"),
    [("KETNAP_WORKERS", "many"), ("KETNAP_WORKERS", "0"), ("KETNAP_LOCK_WAIT", "-1"), ("KETNAP_SMALL_COUNT", "2.5")],
)
def test_a_bad_value_names_its_variable(name: str, value: str) -> None:
    with pytest.raises(SettingError, match=rf"^{name} must be .* \(got '{re.escape(value)}'\)$"):
        settings({name: value})


def test_the_log_never_holds_the_person_key() -> None:
    logged = settings({"KETNAP_PERSON_KEY": "s3cret", "KETNAP_WORKERS": "2"}).for_log()
    assert logged["KETNAP_PERSON_KEY"] == "set"
    assert logged["KETNAP_WORKERS"] == "2"
    assert set(logged) == {s.name for s in SETTINGS}
    assert "s3cret" not in repr(logged)


def test_the_readme_lists_every_setting() -> None:
    rows = re.findall(r"^\| `(KETNAP_[A-Z_]+)` \| (.*?) \| (.*?) \|$", README, re.MULTILINE)
    assert rows == [(s.name, s.default, s.meaning) for s in SETTINGS]


def test_nothing_else_reads_the_environment() -> None:
    readers = [
        str(p.relative_to(LIB))
        for p in LIB.rglob("*.py")
        if p.name != "config.py" and re.search(r"os\.environ\.get|os\.getenv|environ\[", p.read_text(encoding="utf-8"))
    ]
    assert readers == []


def test_a_bad_setting_stops_ingestion_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("KETNAP_LOCK_WAIT", "soon")
    assert ingest_main([]) == 2
    assert capsys.readouterr().err == "error: KETNAP_LOCK_WAIT must be a number ≥ 0 (got 'soon')\n"


def test_a_bad_setting_is_a_usage_error_for_the_build_and_the_ketnap_command(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ketnap.build.__main__ import main as build_main
    from ketnap.cli import main as ketnap_main

    monkeypatch.setenv("KETNAP_WORKERS", "many")
    assert build_main(["index"]) == 2
    assert ketnap_main(["summary", "--period", "2024-02"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert [line.endswith("KETNAP_WORKERS must be a whole number ≥ 1 (got 'many')") for line in err] == [True, True]
