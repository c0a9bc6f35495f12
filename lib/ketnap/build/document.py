"""The Party's document format on paper: the official header block, the running title and page numbers.

Reports and receipts that leave the Board as documents follow Hướng dẫn 36-HD/VPTW: on the first
page the issuing body at top left (the levels above it, then the body in bold, a star, the number
"Số …-BC/BTCTU"), "ĐẢNG CỘNG SẢN VIỆT NAM" at top right, underlined, with the place and date line
in italics below it; the pages numbered. :func:`official_header` writes that block as HTML (its
styles are ``templates/ketnap/document.css``, shared by the report pages and the receipts);
:func:`page_css` writes the CSS page-margin boxes that print the running title on every page but
the first, and "Trang x/y" on every page.

The issuer lines, the number form and the place come from the reporting body
(``reference/body.toml``, :mod:`ketnap.body`). The number and the date are left as dotted blanks
("Số …-BC/BTCTU", "Hà Nội, ngày … tháng … năm …" for a body in Hà Nội): they are given when the
report is issued (ban hành), and a build date would make two builds of the same data differ.
Every text comes from the label catalog (``doc.*``).
"""

from __future__ import annotations

import html
from pathlib import Path

from ketnap.labels import t

__all__ = ["CSS", "css_string", "official_header", "page_css"]

#: The styles of the official header block (inlined into report pages and receipts).
CSS = Path(__file__).resolve().parent / "templates" / "ketnap" / "document.css"


def official_header(lang: str = "vi", *, number: bool = True, place_date: bool = True, css: str = "") -> str:
    """The first page's header block of the Party's document format, as HTML.

    Parameters
    ----------
    lang : str
        ``"vi"`` or ``"en"``.
    number : bool
        Whether to print the document number line under the issuing body ("Số …-BC/BTCTU").
    place_date : bool
        Whether to print the place and date line under "ĐẢNG CỘNG SẢN VIỆT NAM".
    css : str
        Extra classes for the block (``"print-only"`` hides it on screen).

    Returns
    -------
    str
        ``<div class="doc-head">`` with the issuer on the left and the Party's title on the right.

    Examples
    --------
    >>> from ketnap.body import current
    >>> block, body = official_header(), current()
    >>> f"<strong>{body.header_vi[-1]}</strong>" in block, body.vi["number"] in block
    (True, True)
    >>> f"{body.vi['place']}, ngày … tháng … năm …" in block
    True
    """
    *above, body = t("doc.issuer", lang).split("\n")
    issuer = "".join(f'<span class="above">{html.escape(line)}</span>' for line in above)
    issuer += f'<span class="body"><strong>{html.escape(body)}</strong></span><span class="star">*</span>'
    if number:
        issuer += f'<span class="number">{html.escape(t("doc.number", lang))}</span>'
    party = f'<span class="party">{html.escape(t("doc.party", lang))}</span>'
    if place_date:
        party += f'<span class="place-date">{html.escape(t("doc.place_date", lang))}</span>'
    classes = " ".join(["doc-head", *css.split()])
    return f'<div class="{classes}"><p class="issuer">{issuer}</p><p class="party-block">{party}</p></div>'


def css_string(text: str) -> str:
    r"""``text`` as a CSS string literal, safe inside ``<style>``.

    >>> css_string('Kết quả "A" </style>')
    '"Kết quả \\"A\\" \\3C /style>"'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ").replace("<", "\\3C ")
    return f'"{escaped}"'


def page_css(lang: str = "vi", *, running: str | None = None, footer: str | None = None) -> str:
    """The ``@page`` margin boxes: "Trang x/y" bottom right, the running title and a footer note.

    Parameters
    ----------
    lang : str
        ``"vi"`` or ``"en"``.
    running : str, optional
        The running title, printed at the top of every page but the first (which carries the
        official header instead).
    footer : str, optional
        A note printed bottom left of every page (e.g. "Số liệu đến ngày 29/02/2024"), so a loose
        page can be placed.

    Returns
    -------
    str
        CSS for a ``<style>`` block. Margin-box text sets its own font and size: it inherits nothing
        from the page.

    Examples
    --------
    >>> 'counter(page) "/" counter(pages)' in page_css()
    True
    """
    font = 'font: 8.5pt "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; color: #444;'
    word = css_string(t("doc.page", lang) + " ")
    boxes = [f'@bottom-right {{ content: {word} counter(page) "/" counter(pages); {font} }}']
    if footer:
        boxes.append(f"@bottom-left {{ content: {css_string(footer)}; {font} }}")
    rules = []
    if running:
        boxes.append(f"@top-center {{ content: {css_string(running)}; {font} }}")
        rules.append("@page :first { @top-center { content: none; } }")
    return "\n".join([f"@page {{ {' '.join(boxes)} }}", *rules])
