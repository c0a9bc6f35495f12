"""The checks of a report's figures block, shared by two test files.

tests/test_consistency.py runs them over every built report; tests/test_figure_checks.py runs them on
pages made by hand (and from real fragments), to show that they fail when a figure disagrees:

- :func:`clashes`: one indicator for one scope and period with two values, within a report or across
  reports (so a sentence that states 2 where a table states 1 is caught, now that sentences record
  their figures);
- :func:`not_in_text`: a figure of the block whose value, formatted as the reports format it
  (:func:`ketnap.indicators.display`: "1.253", "28,3%"), is nowhere in the report's visible text.
"""

from __future__ import annotations

import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from ketnap import indicators

BLOCK = re.compile(r'<script(?=[^>]*\bid="ketnap-figures")(?=[^>]*\btype="application/json")[^>]*>(.*?)</script>', re.S)
_HIDDEN = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]+>")
Key = tuple[str, str, str]


def figures_in(page: str) -> list[dict[str, Any]]:
    """The figures block of a report page (exactly one block)."""
    found = BLOCK.findall(page)
    assert len(found) == 1, f"{len(found)} ketnap-figures blocks"
    figures = json.loads(found[0])
    assert isinstance(figures, list)
    return figures


def visible_text(page: str) -> str:
    """What a reader sees of a page: no scripts, styles or head, no tags, entities decoded, spaces collapsed."""
    text = _TAG.sub(" ", _HIDDEN.sub(" ", page))
    return " ".join(html.unescape(text).split())


def shown(figure: Mapping[str, Any], lang: str = "vi") -> str:
    """A figure's value as the reports show it: rounded and formatted by the catalogue."""
    return indicators.display(str(figure["code"]), figure["value"], lang)


def _as_number(text: str) -> re.Pattern[str]:
    """``text`` as a whole number in running text: "1" does not match inside "16,7%", "231" or "2.1"."""
    return re.compile(rf"(?<![\d])(?<![\d][.,]){re.escape(text)}(?![\d])(?![.,][\d])")


def not_in_text(page: str, lang: str = "vi") -> list[dict[str, Any]]:
    """The figures of ``page``'s block with a number for value that its visible text does not show."""
    text = visible_text(page)
    return [
        figure
        for figure in figures_in(page)
        if isinstance(figure["value"], int | float) and not _as_number(shown(figure, lang)).search(text)
    ]


def clashes(sources: Mapping[str, Iterable[Mapping[str, Any]]]) -> list[str]:
    """Every code, scope and period given two values by the figures of ``sources`` (name -> figures).

    One line per clash, naming each value and where it is; empty when every figure agrees.
    """
    values: dict[Key, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name, figures in sources.items():
        for f in figures:
            values[(str(f["code"]), str(f["scope"]), str(f["period"]))][json.dumps(f["value"])].add(name)
    return sorted(
        f"{key}: " + "; ".join(f"{value} in {', '.join(sorted(where))}" for value, where in seen.items())
        for key, seen in values.items()
        if len(seen) > 1
    )
