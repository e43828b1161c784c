"""PDF building blocks (reportlab): the CJK font, and a titled table document for the official forms."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app import paths

FONT = "WQYMicroHei"
_registered = False


def register_font() -> str:
    global _registered
    if not _registered:
        pdfmetrics.registerFont(TTFont(FONT, str(paths.cjk_font()), subfontIndex=0))
        _registered = True
    return FONT


def _esc(text) -> str:
    return (str("" if text is None else text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br/>"))


@dataclass
class TableDoc:
    """A form: title, header lines above the table, the table, footer lines (signature lines)."""

    title: str
    columns: Sequence[str]
    rows: Sequence[Sequence]
    header: Sequence[str] = ()
    footer: Sequence[str] = ()
    widths_mm: Sequence[float] | None = None
    wide: bool = False
    paragraphs_after: Sequence[str] = field(default_factory=tuple)


def write_table_pdf(path: Path | str, doc: TableDoc) -> Path:
    font = register_font()
    path = Path(path)
    page = landscape(A4) if doc.wide else A4
    title = ParagraphStyle("t", fontName=font, fontSize=16, leading=22, alignment=1, spaceAfter=6)
    normal = ParagraphStyle("n", fontName=font, fontSize=10, leading=14)
    cell = ParagraphStyle("c", fontName=font, fontSize=8.5, leading=11, wordWrap="CJK")
    story = [Paragraph(_esc(doc.title), title)]
    for line in doc.header:
        story.append(Paragraph(_esc(line), normal))
    story.append(Spacer(1, 4 * mm))
    data = [[Paragraph(_esc(c), cell) for c in doc.columns]]
    data += [[Paragraph(_esc(v), cell) for v in row] for row in doc.rows]
    width = page[0] - 30 * mm
    if doc.widths_mm:
        total = sum(doc.widths_mm)
        col_w = [w / total * width for w in doc.widths_mm]
    else:
        col_w = [width / len(doc.columns)] * len(doc.columns)
    table = Table(data, colWidths=col_w, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#DDEBF7")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story.append(table)
    for text in doc.paragraphs_after:
        story.append(Spacer(1, 3 * mm))
        story.append(Paragraph(_esc(text), normal))
    if doc.footer:
        story.append(Spacer(1, 8 * mm))
        for line in doc.footer:
            story.append(Paragraph(_esc(line), normal))
            story.append(Spacer(1, 3 * mm))
    SimpleDocTemplate(str(path), pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title=doc.title).build(story)
    return path


def write_text_pdf(path: Path | str, title: str, paragraphs: Sequence[str]) -> Path:
    """A letter (处理决定告知书 and the like): title and paragraphs."""
    font = register_font()
    path = Path(path)
    t = ParagraphStyle("t", fontName=font, fontSize=18, leading=26, alignment=1, spaceAfter=10)
    p = ParagraphStyle("p", fontName=font, fontSize=12, leading=20, wordWrap="CJK", spaceAfter=6)
    story = [Paragraph(_esc(title), t)] + [Paragraph(_esc(x), p) for x in paragraphs]
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=25 * mm, topMargin=25 * mm,
                      bottomMargin=20 * mm, title=title).build(story)
    return path
