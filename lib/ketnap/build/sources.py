"""Which source files a part of the package is made of, for make: a module and everything it imports.

``make`` reruns ingestion when a file ingestion is made of changes, and only then. That list is
not kept by hand: it is the package ``ketnap.ingest`` with every ``ketnap`` module its files import,
followed to the end. Only the standard library is used and nothing is imported (the files are
parsed), so make can run this with the system ``python3`` before any environment exists::

    python3 lib/ketnap/build/sources.py ketnap.ingest INGEST_SOURCES > .make/ingest-sources.mk

writes ``INGEST_SOURCES := lib/ketnap/__init__.py lib/ketnap/config.py …``.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["main", "sources"]

#: ``lib/``: the folder the ``ketnap`` package is in.
LIB = Path(__file__).resolve().parents[2]


def _files(module: str, lib: Path) -> list[Path]:
    """The files of ``module``: a module's file, or every file of a package (``__main__`` aside)."""
    path = lib.joinpath(*module.split("."))
    if path.is_dir():
        return sorted(p for p in path.glob("*.py") if p.name != "__main__.py")
    file = path.with_suffix(".py")
    return [file] if file.is_file() else []


def _imports(file: Path, lib: Path) -> set[str]:
    """The ``ketnap`` modules ``file`` imports (``from ketnap import x`` is module ``ketnap.x`` when one exists)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "ketnap":
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names if _files(f"{node.module}.{a.name}", lib)}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "ketnap"}
    return found


def sources(start: str, lib: Path = LIB) -> list[Path]:
    """Every file of ``start`` and of the ``ketnap`` modules it imports, transitively, sorted.

    A package counts with its ``__init__.py`` only when reached by an import (``from ketnap import
    fmt`` needs ``ketnap/__init__.py`` and ``ketnap/fmt.py``, not the whole package); ``start``
    counts whole.
    """
    files: set[Path] = set(_files(start, lib))
    todo = list(files)
    while todo:
        for module in _imports(todo.pop(), lib):
            parts = module.split(".")
            # Importing ketnap.a.b runs ketnap/__init__.py and ketnap/a/__init__.py first.
            reached = [lib.joinpath(*parts[:n], "__init__.py") for n in range(1, len(parts))]
            path = lib.joinpath(*parts)
            reached.append(path / "__init__.py" if path.is_dir() else path.with_suffix(".py"))
            for file in reached:
                if file.is_file() and file not in files:
                    files.add(file)
                    todo.append(file)
    return sorted(files)


def main(argv: Sequence[str] | None = None) -> int:
    """Print ``<VARIABLE> := <files>``, paths relative to the project folder."""
    start, variable = argv if argv is not None else sys.argv[1:]
    home = LIB.parent
    print(f"{variable} := " + " ".join(p.relative_to(home).as_posix() for p in sources(start)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
