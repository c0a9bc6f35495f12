"""Notebooks: committed clean, parameters documented, thin, and every one runs end to end on the sample."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import papermill
import pytest

from ketnap.build.catalog import REPORTS, jobs_for

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PARAM_LINE = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*): (?P<type>[A-Za-z_][\w\[\], |]*) = (?P<default>.+?)  # (?P<help>\S.*)$"
)


def _code_cells(path: Path) -> list[nbformat.NotebookNode]:
    return [c for c in nbformat.read(path, as_version=4).cells if c.cell_type == "code"]


def test_there_are_notebooks_for_every_report() -> None:
    names = {p.name for p in NOTEBOOKS}
    for spec in REPORTS:
        assert spec.notebook in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    for cell in _code_cells(path):
        assert cell.outputs == [] and cell.execution_count is None, f"{path.name}: clear outputs before committing"
    metadata = nbformat.read(path, as_version=4).metadata
    assert metadata.get("kernelspec", {}).get("name") == "ketnap"
    assert set(metadata) <= {"kernelspec", "language_info"}, f"{path.name}: strip extra notebook metadata"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_thin_no_definitions(path: Path) -> None:
    for cell in _code_cells(path):
        source = "\n".join(line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!")))
        for node in ast.walk(ast.parse(source)):
            assert not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda), (
                f"{path.name}: move definitions into the ketnap library"
            )


@pytest.mark.parametrize("spec", REPORTS, ids=lambda s: s.id)
def test_parameters_cell_is_tagged_and_documented(spec) -> None:
    path = ROOT / "notebooks" / spec.notebook
    first = _code_cells(path)[0]
    assert "parameters" in first.metadata.get("tags", []), "first code cell must be tagged `parameters`"
    lines = [line for line in first.source.splitlines() if line.strip() and not line.startswith("#")]
    assert lines, "the parameters cell is empty"
    for line in lines:
        assert PARAM_LINE.match(line), f"{spec.notebook}: parameter line not `name: type = default  # help`: {line!r}"
    inspected = papermill.inspect_notebook(str(path))
    expected = {"year" if spec.year_only else "period"} | ({"lang"} if spec.has_lang else set())
    expected |= {"sector"} if spec.per_sector else set()
    assert expected <= set(inspected)
    for name, info in inspected.items():
        assert info["help"], f"{spec.notebook}: parameter {name} has no help"
        assert info["inferred_type_name"] != "None", f"{spec.notebook}: parameter {name} has no type"


def _sample_jobs() -> list:
    import pandas as pd

    sectors = pd.read_parquet(ROOT / "data" / "processed" / "sectors.parquet").sort_values("order")["sector"].tolist()
    # One working group's report (the first), not all five: they run the same notebook.
    groups = pd.read_parquet(ROOT / "data" / "processed" / "groups.parquet").sort_values("order")["group"].tolist()
    jobs = []
    for period, year_period in (("2024-02", False), ("2023", True)):
        jobs += jobs_for(period, year_period=year_period, sectors=sectors, groups=groups[:1])
    return jobs


@pytest.mark.slow
@pytest.mark.parametrize("job", _sample_jobs(), ids=lambda j: f"{j.period}-{j.stem}")
def test_report_notebook_runs_clean_on_the_sample(job, tmp_path: Path) -> None:
    out = tmp_path / f"{job.stem}.ipynb"
    papermill.execute_notebook(
        str(ROOT / "notebooks" / job.report.notebook),
        str(out),
        parameters=job.parameters("vi"),
        kernel_name="ketnap",
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
    )
    executed = nbformat.read(out, as_version=4)
    for cell in executed.cells:
        for output in cell.get("outputs", []):
            # Printed text or warnings would be hidden in the report; a report notebook must not make any.
            assert output.output_type != "stream", f"{job.stem}: stray output {output.get('text', '')[:200]!r}"
            assert output.output_type != "error"


@pytest.mark.slow  # a papermill process per notebook
@pytest.mark.parametrize("spec", REPORTS, ids=lambda s: s.id)
def test_papermill_help_documents_the_parameters(spec) -> None:
    import subprocess
    import sys

    path = ROOT / "notebooks" / spec.notebook
    out = subprocess.run(
        [sys.executable, "-m", "papermill", "--help-notebook", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(out.split())  # papermill wraps long help text onto the next line
    for name, info in papermill.inspect_notebook(str(path)).items():
        assert f"{name}: {info['inferred_type_name']}" in flat, f"{spec.id}: {name} has no type in: {out}"
        assert " ".join(info["help"].split()) in flat, f"{spec.id}: {name} has no help in: {out}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["run", "sector", "--period", "2023", "--sector", "armed-forces"],
            "unknown sector 'armed-forces'; valid:",
        ),
        (["run", "city-overview", "--period", "2023-13"], "invalid period '2023-13'"),
        (
            ["run", "city-overview", "--period", "2023", "--lang", "fr"],
            "unknown language 'fr'; valid: vi, en",
        ),
    ],
)
def test_invalid_parameters_fail_before_any_kernel_starts(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ketnap.build.__main__ import main

    monkeypatch.setattr(papermill, "execute_notebook", lambda *a, **k: pytest.fail("a kernel was started"))
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_undeclared_parameter_is_refused(tmp_path: Path) -> None:
    from ketnap.build import runner

    with pytest.raises(runner.BuildError, match="has no parameter 'peroid'; declared: period, lang"):
        runner.check_parameters(ROOT / "notebooks" / "city-overview.ipynb", {"peroid": "2023"})


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.name not in {s.notebook for s in REPORTS}], ids=lambda p: p.name
)
def test_other_notebooks_run_on_the_sample(path: Path, tmp_path: Path) -> None:
    papermill.execute_notebook(
        str(path),
        str(tmp_path / path.name),
        kernel_name="ketnap",
        cwd=str(ROOT / "notebooks"),
        progress_bar=False,
    )
