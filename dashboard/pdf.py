"""PDF documents (fpdf2, pure Python): tables (aging report, statement of account) and
one-record documents (the copy of an invoice attached to a statement e-mail).

Texts arrive translated and numbers formatted (the caller's language); this module
only lays them out. The core PDF fonts cover Latin-1 (Spanish included); other
characters are replaced so a stray symbol never breaks a document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fpdf import FPDF
from fpdf.enums import XPos, YPos

SUBSTITUTES = {"\u202f": " ", "\u2009": " ", "€": "EUR", "—": "-", "–": "-", "…": "..."}


def latin1(text: object) -> str:
    """``text`` with characters outside Latin-1 replaced (the core fonts' range)."""
    value = "" if text is None else str(text)
    for char, substitute in SUBSTITUTES.items():
        value = value.replace(char, substitute)
    return value.encode("latin-1", "replace").decode("latin-1")


@dataclass(frozen=True)
class TableDocument:
    """A titled table: header lines above, a totals row below, numbers right-aligned."""

    title: str
    subtitle_lines: Sequence[str]
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    numeric: Sequence[bool]
    totals: Sequence[str] | None = None
    footer: str = ""
    landscape: bool = False
    summary_title: str = ""  # a small label/amount table after the totals (aging buckets)
    summary: Sequence[tuple[str, str]] = ()


def _document(landscape: bool) -> FPDF:
    pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.set_margins(12, 12, 12)
    pdf.add_page()
    return pdf


def _widths(pdf: FPDF, doc: TableDocument) -> list[float]:
    pdf.set_font("Helvetica", size=8)
    sample = [doc.columns, *doc.rows[:200], *([doc.totals] if doc.totals else [])]
    natural = [
        max(pdf.get_string_width(latin1(row[i])) for row in sample) + 3
        for i in range(len(doc.columns))
    ]
    scale = min(1.0, pdf.epw / sum(natural))
    return [width * scale for width in natural]


def _row(pdf: FPDF, cells: Sequence[str], widths: Sequence[float], numeric: Sequence[bool]) -> None:
    for text, width, is_number in zip(cells, widths, numeric, strict=True):
        pdf.cell(width, 5, latin1(text), border="B", align="R" if is_number else "L")
    pdf.ln(5)


def _summary(pdf: FPDF, title: str, pairs: Sequence[tuple[str, str]]) -> None:
    pdf.ln(4)
    if title:
        pdf.set_font("Helvetica", style="B", size=9)
        pdf.cell(0, 6, latin1(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=8)
    for label, value in pairs:
        pdf.cell(45, 5, latin1(label), border="B")
        pdf.cell(35, 5, latin1(value), border="B", align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


@dataclass(frozen=True)
class FieldsDocument:
    """A one-record document: a title, lines under it, then label/value pairs and a note."""

    title: str
    subtitle_lines: Sequence[str]
    fields: Sequence[tuple[str, str]]
    note: str = ""


def fields_pdf(doc: FieldsDocument) -> bytes:
    """The record as PDF bytes: labels on the left, values on the right, one per line."""
    pdf = _document(False)
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.cell(0, 10, latin1(doc.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=9)
    for line in doc.subtitle_lines:
        pdf.multi_cell(0, 5, latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    for label, value in doc.fields:
        pdf.set_font("Helvetica", style="B", size=10)
        pdf.cell(55, 7, latin1(label), border="B")
        pdf.set_font("Helvetica", size=10)
        pdf.multi_cell(0, 7, latin1(value), border="B", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if doc.note:
        pdf.ln(6)
        pdf.set_font("Helvetica", style="I", size=8)
        pdf.multi_cell(0, 4, latin1(doc.note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def table_pdf(doc: TableDocument) -> bytes:
    """The document as PDF bytes; the header row repeats on every page."""
    pdf = _document(doc.landscape)
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.cell(0, 8, latin1(doc.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font("Helvetica", size=9)
    for line in doc.subtitle_lines:
        pdf.multi_cell(0, 5, latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    widths = _widths(pdf, doc)
    header_numeric = list(doc.numeric)

    def header() -> None:
        pdf.set_font("Helvetica", style="B", size=8)
        _row(pdf, doc.columns, widths, header_numeric)
        pdf.set_font("Helvetica", size=8)

    header()
    for cells in doc.rows:
        if pdf.will_page_break(5):
            pdf.add_page()
            header()
        _row(pdf, cells, widths, doc.numeric)
    if doc.totals:
        pdf.set_font("Helvetica", style="B", size=8)
        _row(pdf, doc.totals, widths, doc.numeric)
    if doc.summary:
        _summary(pdf, doc.summary_title, doc.summary)
    if doc.footer:
        pdf.ln(4)
        pdf.set_font("Helvetica", size=8)
        pdf.multi_cell(0, 4, latin1(doc.footer), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())
