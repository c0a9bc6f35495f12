"""The layout of the package stays what ``ketnap/__init__.py`` says it is.

The top level of ``ketnap`` is what notebooks import; the wings (``ingest``, ``synth``, ``build``)
hold the machinery on either side of the processed data and never import one another, so the
effect of ingestion or synthetic data reaches reports only through ``data/processed``.
"""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from pathlib import Path

import pytest

import ketnap

ROOT = Path(__file__).resolve().parents[1]
LIB = ROOT / "lib" / "ketnap"
WINGS = ("ingest", "synth", "build")
MAX_LINES = 1200


def module_name(path: Path) -> str:
    parts = path.relative_to(LIB).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(LIB.rglob("*.py")) if p.stem != "__main__" and module_name(p)}


@cache
def ketnap_imports(path: Path) -> set[str]:
    """The ``ketnap`` modules ``path`` imports (``from ketnap import x`` counts as ``x`` when it is a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "ketnap":
            base = node.module.removeprefix("ketnap").lstrip(".")
            for alias in node.names:
                name = f"{base}.{alias.name}".lstrip(".")
                found.add(name if name in MODULES else base)
        elif isinstance(node, ast.Import):
            found |= {a.name.removeprefix("ketnap.") for a in node.names if a.name.startswith("ketnap.")}
    return {name for name in found if name}


def test_the_package_docstring_names_every_module() -> None:
    doc = ketnap.__doc__ or ""
    named = set(re.findall(r"``([a-z_.]+)``", doc))
    missing = sorted(set(MODULES) - named)
    assert not missing, f"ketnap/__init__.py does not name: {missing}"
    assert not sorted(named - set(MODULES) - {"ketnap"}), "ketnap/__init__.py names modules that do not exist"


@pytest.mark.parametrize("path", sorted(LIB.rglob("*.py")), ids=lambda p: str(p.relative_to(LIB)))
def test_no_module_is_longer_than_the_limit(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


@pytest.mark.parametrize("path", sorted(LIB.rglob("*.py")), ids=lambda p: str(p.relative_to(LIB)))
def test_every_module_says_what_lives_there(path: Path) -> None:
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))


def test_wings_do_not_import_each_other_and_the_top_level_imports_no_wing() -> None:
    wrong = []
    for name, path in MODULES.items():
        wing = name.split(".")[0] if name.split(".")[0] in WINGS else None
        for imported in ketnap_imports(path):
            other = imported.split(".")[0]
            # The command line's `receive` runs ingestion and then prints receipts with the build wing.
            if other in WINGS and other != wing and name != "cli":
                wrong.append(f"{name} imports {imported}")
    assert not wrong, "\n".join(wrong)


def test_notebooks_import_only_the_top_level() -> None:
    wrong = []
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            if cell["cell_type"] != "code":
                continue
            for line in "".join(cell["source"]).splitlines():
                if re.match(rf"\s*(from|import) ketnap\.({'|'.join(WINGS)})\b", line):
                    wrong.append(f"{notebook.name}: {line.strip()}")
    assert not wrong, "\n".join(wrong)


def test_no_code_outside_synth_names_the_city() -> None:
    """The reporting body is configuration (reference/body.toml): only the synthetic sample's generator
    names the city, in any spelling (NFC or NFD, old or new tone placement, any case)."""
    from ketnap.text import bare

    city = bare("Thanh Hóa")
    found = [
        f"{path.relative_to(LIB.parent)}:{n}"
        for path in sorted(LIB.rglob("*"))
        if path.is_file() and path.suffix in {".py", ".j2", ".css", ".html"} and "synth" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if city in bare(line)
    ]
    assert not found, "the city named in code:\n" + "\n".join(found)
