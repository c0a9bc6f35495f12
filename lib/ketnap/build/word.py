"""The Board's report as a Word document (``reports/<period>/bao-cao.docx``) in the Party's format.

The "Báo cáo" the Organisation Board sends up, which staff used to retype from the city overview:
the first page's header block of Hướng dẫn 36-HD/VPTW (the issuing body left, "ĐẢNG CỘNG SẢN VIỆT
NAM" right with the place and date, as :mod:`ketnap.build.document` prints it on the report pages),
the title and subject, then the narrative of ``notebooks/city-overview.ipynb``, the very sentences
and tables it shows, called with the same arguments (I results, II by sector with its table and
chart, III training, IV organisations behind with their table), V a headed, empty section for the
Board's proposals, "Nơi nhận" and the signature. Times New Roman 14 pt on A4 with the guidance's
margins; pages numbered from the second, top centre. Every text comes from the label catalog
(``doc.*``, ``word.*`` and the report's own keys).

The number and the date stay dotted blanks, to be filled when the report is issued (ban hành). The
file is the same bytes for the same data: its zip entries carry a fixed time and its document
properties the data-as-of date, never the build's.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from docx import Document as new_document
from docx.document import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from ketnap import charts, completeness, fmt, narrative, rules
from ketnap import metrics as m
from ketnap import scorecard as sc
from ketnap.build.catalog import WORD_FILE
from ketnap.io import Tables
from ketnap.labels import period_key, t
from ketnap.present import CHART_DPI, SHORT_TABLE_ROWS, TableText, png, table_text

__all__ = ["FILE_NAME", "NARRATIVE_STYLE", "board_report", "write_board_report"]

#: The file's name inside ``reports/<period>/`` (the catalog's, which the runner and the index read).
FILE_NAME = WORD_FILE
#: The paragraph style of the narrative: the sentences the city overview shows, word for word.
NARRATIVE_STYLE = "Body Text"
FONT = "Times New Roman"
#: Body text, and the smaller size of tables and the recipients' list (points).
BODY_PT, TABLE_PT, SMALL_PT = 14, 12, 12
#: A4 and the margins of Hướng dẫn 36-HD/VPTW (top and bottom 20-25 mm, left 30-35, right 15-20).
PAGE_MM = (210, 297)
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
#: The width the text runs in, mm.
TEXT_MM = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
#: Columns of the first page's header block and of the closing block (issuer | Party title), mm.
HEAD_COLUMNS_MM = (72, TEXT_MM - 72)
#: The first column (names) of the sector table and of the organisations' table, mm; the other columns
#: share the rest by the square root of their heading's length, so a long heading wraps to fewer lines.
SECTOR_NAME_MM, ORGANISATION_NAME_MM = 50, 68
#: Dotted lines left in the proposals section for the Board to write in; empty lines under the signer's title.
PROPOSAL_LINES, SIGNATURE_LINES = 4, 4
ROMAN = ("I", "II", "III", "IV", "V", "VI")
#: The zip entries' time: fixed, so two builds of the same data give the same bytes.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def board_report(tables: Tables, period: str, lang: str = "vi") -> Document:
    """The Board's report on ``period`` as a python-docx document (see the module docstring).

    Parameters
    ----------
    tables : Tables
        The processed tables (:func:`ketnap.io.load`).
    period : str
        The reporting period (``2024-02``, ``2023-Q4``, ``2023``).
    lang : str
        ``"vi"`` or ``"en"``.

    Returns
    -------
    Document
        Unsaved; :func:`write_board_report` saves it reproducibly.
    """
    charts.use_theme()
    reporting = narrative.reporting_period(tables, period)  # cut at the data-as-of date, as the notebook
    closed = reporting.closed
    city = m.summary(tables, period, lang=lang)
    period_label = fmt.period_label(reporting, lang)
    doc = new_document()
    _set_up(
        doc,
        tables,
        title=t("word.title", lang, period=period_label),
        subject=t("word.subject", lang, period=period_label),
        lang=lang,
    )
    as_of = t("word.as_of", lang, date=fmt.date(tables.manifest["as_of"], lang))
    _first_page(doc, subject=t("word.subject", lang, period=period_label), as_of=as_of, lang=lang)
    sections = iter(ROMAN)

    # I. Results: the lead, the pace, the returns it rests on, the projection (city-overview's first cells).
    _section_heading(doc, next(sections), t("section.headline", lang), lang)
    _narrative(doc, narrative.headline(tables, period, lang=lang))
    _narrative(doc, narrative.pace_sentence(tables, period, lang=lang))
    _narrative(doc, completeness.coverage_sentence(tables, period, lang=lang))
    _narrative(doc, narrative.projection_sentence(tables, period, lang=lang))

    # II. By sector: the chart and the table of the sectors section, then its sentences.
    by_sector = m.metrics(tables, period, by="sector", lang=lang)
    _section_heading(doc, next(sections), t("section.sectors", lang), lang)
    chart = charts.attainment_by_sector(by_sector, sectors=tables.sectors, period=reporting, lang=lang)
    _image(doc, png(chart), alt=t("alt.sectors", lang))
    sectors = table_text(
        sc.sector_table(by_sector, m.metrics(tables, period, by="city", lang=lang), lang=lang),
        columns=["name", "attainment_pct", "organisations", "admitted", "target", "trained"],
        labels={"name": "column.sector"},
        lang=lang,
        figures=str(city["period"]),
    )
    _table(doc, sectors, name_mm=SECTOR_NAME_MM)
    _narrative(doc, narrative.sectors_sentence(tables, period, lang=lang))
    _narrative(doc, narrative.targets_sentence(tables, period, lang=lang))

    # III. Training: the sentence and the note on the last full class.
    _section_heading(doc, next(sections), t("section.training", lang), lang)
    _narrative(doc, narrative.training_sentence(tables, period, lang=lang))
    _narrative(
        doc,
        t(
            "report.funnel_note",
            lang,
            cohort=city["conversion_cohort"],
            trained=fmt.integer(city["conversion_trained"], lang),
            admitted=fmt.integer(city["conversion_admitted"], lang),
            pct=fmt.pct(city["conversion_pct"], lang),
            end=fmt.date(city["end"], lang),
            days=fmt.integer(city["median_days_to_admission"], lang),
        ),
    )

    # IV. Organisations behind: the sentence, the table, the counting rules.
    organisations = m.metrics(tables, period, by="organisation", lang=lang)
    behind = m.behind_pace(organisations)
    heading = t(period_key("report.sector.section.behind_year", reporting) if closed else "section.behind", lang)
    _section_heading(doc, next(sections), heading, lang)
    _narrative(doc, narrative.behind_pace_sentence(tables, period, lang=lang, limit=5))
    if not behind.empty:
        _table(
            doc,
            table_text(
                sc.with_total(behind, lang=lang),
                columns=["name", "attainment_pct", "gap", "admitted", "target"],
                labels={"gap": period_key("column.gap_year", reporting) if closed else "column.gap"},
                lang=lang,
            ),
            name_mm=ORGANISATION_NAME_MM,
        )
    _narrative(doc, rules.rules_note(reporting, lang=lang))

    # V. Proposals: headed and left for the Board to write.
    _section_heading(doc, next(sections), t("word.proposals", lang), lang)
    for _ in range(PROPOSAL_LINES):
        _dotted_line(doc)

    _closing(doc, lang)
    return doc


def write_board_report(tables: Tables, period: str, target: Path, lang: str = "vi") -> Path:
    """Write :func:`board_report` to ``target``: the same data gives the same bytes (see the module docstring)."""
    buffer = io.BytesIO()
    board_report(tables, period, lang).save(buffer)
    target.write_bytes(_reproducible(buffer.getvalue()))
    return target


# --- the page, the styles, the document's properties -------------------------------------------------------


def _fonts(rpr: Any, size: float | None = None, *, lang: str | None = None) -> None:
    """Times New Roman for every script (ascii, hAnsi, cs, eastAsia; no theme font) in an ``rPr``; size, language.

    Elements go where the schema puts them (Word refuses a file with one out of order).
    """
    fonts = rpr.get_or_add_rFonts()
    for attribute in list(fonts.attrib):
        del fonts.attrib[attribute]  # a theme font (asciiTheme=minorHAnsi) would win over the named one
    for script in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{script}"), FONT)
    if size is not None:
        rpr.get_or_add_sz().set(qn("w:val"), str(round(size * 2)))
        _child(rpr, "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
               "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")  # fmt: skip
        rpr.find(qn("w:szCs")).set(qn("w:val"), str(round(size * 2)))
    if lang is not None:
        found = _child(rpr, "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
        for attribute in list(found.attrib):
            del found.attrib[attribute]
        found.set(qn("w:val"), lang)


def _child(parent: Any, tag: str, *successors: str) -> Any:
    """``parent``'s ``tag`` child, added before the first of ``successors`` when it has none."""
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *successors)
    return found


def _set_up(doc: Document, tables: Tables, *, title: str, subject: str, lang: str) -> None:
    """A4, the margins, the fonts of every style in use, page numbers from page 2, the properties."""
    language = "vi-VN" if lang == "vi" else "en-GB"
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    _fonts(defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")), BODY_PT, lang=language)
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    for name in ("Normal", NARRATIVE_STYLE, "Header"):
        style = doc.styles[name]
        _fonts(style.element.get_or_add_rPr(), BODY_PT, lang=language)
        style.font.color.rgb = None
    narrative_style = doc.styles[NARRATIVE_STYLE].paragraph_format
    narrative_style.first_line_indent = Mm(10)
    narrative_style.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    narrative_style.space_before, narrative_style.space_after = Pt(6), Pt(0)
    narrative_style.line_spacing = 1.15

    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_MM[0]), Mm(PAGE_MM[1])
    for side, mm in MARGINS_MM.items():
        setattr(section, f"{side}_margin", Mm(mm))
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True  # the first page carries the header block, no number
    section.first_page_header.is_linked_to_previous = False
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _page_field(number)

    # No thumbnail: python-docx's template carries the picture of an empty page.
    package = doc.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package.rels[key]
    as_of = dt.datetime.combine(pd.Timestamp(tables.manifest["as_of"]).date(), dt.time(), tzinfo=dt.UTC)
    properties = doc.core_properties
    properties.title = title
    properties.subject = subject
    properties.author = properties.last_modified_by = t("org.board", lang)
    properties.created = properties.modified = as_of
    properties.revision = 1
    properties.language = language
    properties.keywords = properties.comments = properties.category = ""


def _page_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word and LibreOffice print the page's number in its place ("2" until they do)."""

    def char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    paragraph.add_run()._r.append(instruction)
    char("separate")
    paragraph.add_run("2")
    char("end")


def _reproducible(docx: bytes) -> bytes:
    """The package rewritten with every entry at :data:`ZIP_TIME` (python-docx stamps the current time)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


# --- blocks -------------------------------------------------------------------------------------------------


def _text(value: str) -> str:
    """Text as Word should keep it: composed Vietnamese letters (NFC), no control character XML cannot hold.

    >>> _text("Tho\u0302n\x0b A")
    'Thôn A'
    """
    return _CONTROL.sub("", unicodedata.normalize("NFC", str(value)))


#: Characters an XML document cannot hold (a name typed in a CSV return may carry one): dropped.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run(paragraph: Paragraph, text: str, *, size: float | None = None, bold: bool = False,
         italic: bool = False, underline: bool = False) -> None:  # fmt: skip
    run = paragraph.add_run(_text(text))
    run.bold, run.italic = bold or None, italic or None
    run.underline = underline or None
    if size is not None:
        run.font.size = Pt(size)


def _narrative(doc: Document, text: str) -> None:
    """One sentence of the city overview, in the narrative style; nothing when the report shows none."""
    if text:
        doc.add_paragraph(_text(text), style=NARRATIVE_STYLE)


def _section_heading(doc: Document, number: str, heading: str, lang: str) -> None:
    """ "I- KẾT QUẢ CHUNG": the number and the heading in capitals, bold, kept with what follows."""
    paragraph = doc.add_paragraph()
    form = paragraph.paragraph_format
    form.first_line_indent, form.space_before, form.keep_with_next = Mm(10), Pt(12), True
    _run(paragraph, t("word.section", lang, number=number, heading=heading.upper()), bold=True)


def _borderless(table: Table) -> None:
    """No borders at all (the header and closing blocks are laid out in a table, not drawn as one)."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    # in the schema's order (Word refuses a misplaced element): after tblInd, before tblLayout and tblLook
    properties.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )


def _widths(table: Table, widths_mm: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)


def _lines(cell: _Cell, lines: Sequence[tuple[str, dict[str, Any]]], *, align: Any = WD_ALIGN_PARAGRAPH.CENTER,
           space: float = 0) -> None:  # fmt: skip
    """Fill a cell with one paragraph per line, each ``(text, run options)``."""
    first = True
    for text, options in lines:
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        paragraph.alignment = align
        paragraph.paragraph_format.space_before = Pt(options.pop("space_before", space))
        _run(paragraph, text, **options)


def _first_page(doc: Document, *, subject: str, as_of: str, lang: str) -> None:
    """The header block (issuer | Party title, place and date), then the kind of document, its subject and
    the data-as-of date."""
    block = doc.add_table(rows=1, cols=2)
    _borderless(block)
    _widths(block, HEAD_COLUMNS_MM)
    issuer, party = block.rows[0].cells
    *above, body = t("doc.issuer", lang).split("\n")
    _lines(
        issuer,
        [*((line.upper(), {"size": BODY_PT}) for line in above), (body.upper(), {"size": BODY_PT, "bold": True}),
         ("*", {"size": BODY_PT}), (t("doc.number", lang), {"size": BODY_PT})],
    )  # fmt: skip
    _lines(
        party,
        [(t("doc.party", lang).upper(), {"size": 15, "bold": True, "underline": True}),
         (t("doc.place_date", lang), {"size": BODY_PT, "italic": True, "space_before": 8})],
    )  # fmt: skip
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_before = Pt(24)
    _run(title, t("doc.kind", lang).upper(), size=16, bold=True)
    about = doc.add_paragraph()
    about.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(about, subject, size=BODY_PT, bold=True)
    note = doc.add_paragraph()
    note.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(note, as_of, size=BODY_PT, italic=True)
    rule = doc.add_paragraph()
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER
    rule.paragraph_format.space_after = Pt(6)
    _run(rule, t("word.rule", lang), size=BODY_PT)


def _dotted_line(doc: Document) -> None:
    """A line to write on: a tab to the right margin with a dotted leader (typing in it shortens the dots).

    Kept with what follows, down to the signature: the signature never stands alone on the last page.
    """
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True
    paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(TEXT_MM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
    paragraph.add_run("\t")


def _table(doc: Document, shown: TableText, *, name_mm: float) -> None:
    """A data table: the headings bold and repeated on each page, numbers right, total rows bold."""
    table = doc.add_table(rows=1 + len(shown.rows), cols=len(shown.headings))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    weights = [len(heading) ** 0.5 for heading in shown.headings[1:]]
    _widths(table, [name_mm, *((TEXT_MM - name_mm) * w / sum(weights) for w in weights)])
    head = table.rows[0]
    head_properties = head._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    head_properties.append(repeat)
    for cell, heading in zip(head.cells, shown.headings, strict=True):
        _cell(cell, heading, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for row, cells, total in zip(table.rows[1:], shown.rows, shown.totals, strict=True):
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for cell, text, numeric in zip(row.cells, cells, shown.numeric, strict=True):
            _cell(cell, text, bold=total, align=WD_ALIGN_PARAGRAPH.RIGHT if numeric else WD_ALIGN_PARAGRAPH.LEFT)
    if len(shown.rows) <= SHORT_TABLE_ROWS:  # a short table stays on one page, as on the report page
        for row in table.rows[:-1]:
            for cell in row.cells:
                cell.paragraphs[0].paragraph_format.keep_with_next = True
    doc.add_paragraph().paragraph_format.space_after = Pt(0)


def _cell(cell: _Cell, text: str, *, bold: bool, align: Any) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(1)
    _run(paragraph, text, size=TABLE_PT, bold=bold)


def _image(doc: Document, image: bytes, *, alt: str) -> None:
    """A chart at its own size (as drawn for the report pages), no wider than the text, centred, with alt text."""
    width_in = int.from_bytes(image[16:20], "big") / CHART_DPI  # the PNG's IHDR width, in pixels
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_before = Pt(6)
    shape = paragraph.add_run().add_picture(io.BytesIO(image), width=Mm(min(width_in * 25.4, TEXT_MM)))
    shape._inline.docPr.set("descr", _text(alt))  # what a screen reader says (python-docx puts "image.png")


def _closing(doc: Document, lang: str) -> None:
    """ "Nơi nhận:" and its list bottom left, the signer's title right, room to sign, the name left blank."""
    block = doc.add_table(rows=1, cols=2)
    _borderless(block)
    _widths(block, HEAD_COLUMNS_MM)
    recipients, signer = block.rows[0].cells
    _lines(
        recipients,
        [(t("word.recipients", lang), {"size": BODY_PT, "underline": True, "space_before": 18}),
         *((line, {"size": SMALL_PT}) for line in t("word.recipient_lines", lang).split("\n"))],
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )  # fmt: skip
    _lines(signer, [(t("word.signer", lang).upper(), {"size": BODY_PT, "bold": True, "space_before": 18})])
    for _ in range(SIGNATURE_LINES):  # room to sign; the name goes under it when the report is issued
        signer.add_paragraph()
    for row in block.rows:
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
