"""The project's setup: pyproject.toml and environment.yml agree; kernel and Makefile are as documented."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ ;\[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_requirements() -> dict[str, str]:
    # The runtime dependencies and the dev extra, with the project's own extras it names
    # ("ketnap[synth]") replaced by their requirements: the conda environment is a dev environment.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project["optional-dependencies"]
    requirements, pending = list(project["dependencies"]), ["dev"]
    while pending:
        for requirement in extras[pending.pop()]:
            if _name(requirement) == project["name"]:
                pending += re.findall(r"[\w-]+", requirement.split("[", 1)[1])
            else:
                requirements.append(requirement)
    return {_name(r): r.replace(" ", "") for r in requirements}


def _conda_requirements() -> dict[str, str]:
    # environment.yml is simple enough to read without a YAML library: "  - name>=version" lines
    # before the pip section.
    found: dict[str, str] = {}
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:\n", 1)[1].splitlines():
        match = re.fullmatch(r"  - ([A-Za-z0-9_.\-]+.*)", line.rstrip())
        if match and not match.group(1).startswith(("python=", "pip")):
            found[_name(match.group(1))] = match.group(1).replace(" ", "")
    return found


def test_environment_yml_mirrors_pyproject() -> None:
    assert _conda_requirements() == _pyproject_requirements()


def test_environment_yml_installs_the_project_editable() -> None:
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert re.search(r"^name: ketnap$", text, re.M)
    assert re.search(r"^\s+- -e \.$", text, re.M)


def test_ketnap_kernel_is_registered() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager().find_kernel_specs()
    assert "ketnap" in specs, f"kernel 'ketnap' not installed; found {sorted(specs)}"


def test_make_help_lists_the_front_door_targets() -> None:
    out = subprocess.run(["make", "--no-print-directory"], cwd=ROOT, capture_output=True, text=True, check=True)
    for target in ("reports", "test", "lab", "lint", "clean", "data"):
        assert re.search(rf"^\s+\S*{target}\S*\s+\S", out.stdout, re.M), f"`make` help lacks {target}"


@pytest.mark.parametrize(
    "pattern", [r"^SHELL := bash$", r"^\.SHELLFLAGS := -eu -o pipefail -c$", r"^\.DELETE_ON_ERROR:$"]
)
def test_makefile_is_strict(pattern: str) -> None:
    assert re.search(pattern, (ROOT / "Makefile").read_text(encoding="utf-8"), re.M)


@pytest.mark.parametrize("module", ["lib/ketnap/__init__.py", "lib/ketnap/build/__init__.py"])
def test_gitignore_keeps_the_library(module: str) -> None:
    out = subprocess.run(["git", "check-ignore", "-q", module], cwd=ROOT, capture_output=True, check=False)
    assert out.returncode == 1, f"{module} is git-ignored"


def test_openpyxl_parses_with_defusedxml_though_lxml_is_installed() -> None:
    """python-docx brings lxml; ketnap keeps openpyxl on defusedxml (ketnap/__init__.py), here and in a new process."""
    import openpyxl.xml

    assert openpyxl.xml.LXML is False and openpyxl.xml.DEFUSEDXML is True
    fresh = subprocess.run(
        [sys.executable, "-c", "import ketnap, lxml, openpyxl.xml; print(openpyxl.xml.LXML)"],
        capture_output=True, text=True, check=True, env={k: v for k, v in os.environ.items() if k != "OPENPYXL_LXML"},
    )  # fmt: skip
    assert fresh.stdout.strip() == "False"
