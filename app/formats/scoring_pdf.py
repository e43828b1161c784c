"""Printable scoring forms (reportlab, embedded WenQuanYi Micro Hei).

* 实操（综合成绩）汇总表 in the layout of Nanxun 附件1.
* 评分记录表: blank (one per candidate per grader) or filled (signed sheets).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Sequence

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (Image, KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table,
                                TableStyle)

from app.core import sitetime
from app import paths

FONT = "WQYMicroHei"


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_font_path()), subfontIndex=0))
    return FONT


def _font_path() -> Path:
    return paths.cjk_font()


def _styles():
    f = _font()
    return {
        "title": ParagraphStyle("title", fontName=f, fontSize=16, leading=22, alignment=1, spaceAfter=4 * mm),
        "head": ParagraphStyle("head", fontName=f, fontSize=10.5, leading=15),
        "cell": ParagraphStyle("cell", fontName=f, fontSize=9, leading=12),
        "small": ParagraphStyle("small", fontName=f, fontSize=8, leading=10),
    }


def _sig_image(png: bytes | None, width=30 * mm, height=10 * mm):
    if not png:
        return ""
    img = Image(io.BytesIO(png), width=width, height=height)
    img.hAlign = "LEFT"
    return img


def _fmt(v: Decimal | str | None) -> str:
    if v is None:
        return ""
    if isinstance(v, str):   # 缺考
        return v
    return f"{Decimal(v):.1f}" if Decimal(v) != Decimal(v).to_integral() else f"{Decimal(v):.0f}"


def summary_table(path: Path, header: dict, rows: Sequence[Any], chief: str, members: Sequence[str],
                  contact: str = "", phone: str = "", signatures: dict[str, bytes] | None = None) -> Path:
    """Nanxun 附件1《职业技能等级认定实操（综合成绩）汇总表》."""
    st = _styles()
    signatures = signatures or {}
    doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=14 * mm, bottomMargin=14 * mm, title="实操（综合成绩）汇总表")
    story: list = [Paragraph("职业技能等级认定实操（综合成绩）汇总表", st["title"])]
    head = Table([
        [Paragraph(f"企业名称（盖章）：{header.get('institution', '')}", st["head"]),
         Paragraph(f"日期：{header.get('date', '　　年　　月　　日')}", st["head"])],
        [Paragraph(f"认定职业（工种）：{header.get('occupation', '')}", st["head"]),
         Paragraph(f"等级：{header.get('level', '')}　　认定计划号：{header.get('plan_no', '')}", st["head"])],
    ], colWidths=[150 * mm, 117 * mm])
    head.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), _font()), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    story += [head, Spacer(1, 3 * mm)]
    data = [["序号", "准考证号码", "姓名", "身份证号码", "所在单位", "实操成绩", "综合成绩", "备注"]]
    for r in rows:
        remark = r.remark or ("" if r.status in ("final", "reconciled") else {"pending": "评分未完成",
                                                                                "discrepancy": "待组长裁定",
                                                                                "absent": "缺考"}.get(r.status, ""))
        # 综合成绩 is the 综合评审 score (技师/高级技师); the practical part never fills it.
        data.append([str(r.seq), r.ticket_no, r.name, r.id_no, Paragraph(r.unit, st["cell"]), _fmt(r.score),
                     _fmt(getattr(r, "combined", None)), Paragraph(remark, st["small"])])
    table = Table(data, colWidths=[12 * mm, 32 * mm, 22 * mm, 45 * mm, 62 * mm, 20 * mm, 20 * mm, 54 * mm],
                  repeatRows=1)
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), _font()), ("FONTSIZE", (0, 0), (-1, -1), 9),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"), ("ALIGN", (0, 1), (0, -1), "CENTER"),
        ("ALIGN", (5, 1), (6, -1), "CENTER"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE")),
    ]))
    story += [table, Spacer(1, 6 * mm)]
    member_cells: list = []
    for name in members:
        member_cells += [_sig_image(signatures.get(name), 24 * mm, 8 * mm) or "____________",
                         Paragraph(f"（{name}）", st["small"])]
    footer = Table([
        ["考评组长（签字）：", _sig_image(signatures.get(chief)) or "________________", Paragraph(f"（{chief}）", st["small"]),
         "", "考务联系人：", contact or "____________"],
        ["考评组成员（签字）：", Table([member_cells or [""]], style=[("FONTNAME", (0, 0), (-1, -1), _font())]), "", "",
         "联系方式：", phone or "____________"],
        ["", "", "", "", "", "　　年　　月　　日"],
    ], colWidths=[35 * mm, 110 * mm, 25 * mm, 5 * mm, 25 * mm, 65 * mm])
    footer.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), _font()), ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("SPAN", (1, 1), (3, 1)),
                                ("TOPPADDING", (0, 0), (-1, -1), 5)]))
    story.append(KeepTogether(footer))
    doc.build(story)
    return path


@dataclass(frozen=True)
class SheetPage:
    ticket_no: str
    workstation: str
    name: str
    grader: str
    entries: dict | None = None
    total: Decimal | None = None
    signed_at: Any = None
    signature: bytes | None = None
    version: int = 1
    correction_reason: str = ""
    typists: tuple[str, ...] = ()


def sheets(path: Path, header: dict, template, pages: Sequence[SheetPage]) -> Path:
    """评分记录表: one page per (candidate, grader); blank when ``entries`` is None."""
    st = _styles()
    doc = SimpleDocTemplate(str(path), pagesize=A4, leftMargin=14 * mm, rightMargin=14 * mm, topMargin=12 * mm,
                            bottomMargin=12 * mm, title=template.title)
    story: list = []
    for n, page in enumerate(pages):
        if n:
            story.append(PageBreak())
        story.append(Paragraph(template.title, st["title"]))
        who = (f"认定计划号：{header.get('plan_no', '')}　　职业（工种）：{header.get('occupation', '')}　　"
               f"等级：{header.get('level', '')}<br/>准考证号：{page.ticket_no}　　工位：{page.workstation or '____'}"
               + (f"　　姓名：{page.name}" if page.name else "") + f"　　考评员：{page.grader}")
        if page.version > 1:
            who += f"<br/>更正版本 {page.version}，更正理由：{page.correction_reason}"
        story += [Paragraph(who, st["head"]), Spacer(1, 2 * mm)]
        data = [["项目", "评分项目", "配分", "评分标准", "扣分说明", "得分"]]
        for task in template.tasks:
            limit = f"（{task.time_limit} 分钟）" if task.time_limit else ""
            data.append([Paragraph(f"{task.code} {task.title}{limit} 比重 {task.weight.normalize():f}%", st["cell"]),
                         "", "", "", "", ""])
            for item in task.items:
                v = (page.entries or {}).get(item.code)
                if item.is_veto:
                    shown = "" if page.entries is None else ("是" if v is True else "否")
                    pts = "否决"
                else:
                    shown = "" if v is None else str(v)
                    pts = f"{item.points.normalize():f}"
                data.append([item.code, Paragraph(item.title, st["cell"]), pts, Paragraph(item.criteria, st["small"]),
                             Paragraph(item.deductions, st["small"]), shown])
        table = Table(data, colWidths=[14 * mm, 38 * mm, 14 * mm, 50 * mm, 52 * mm, 14 * mm], repeatRows=1)
        style = [("FONTNAME", (0, 0), (-1, -1), _font()), ("FONTSIZE", (0, 0), (-1, -1), 9),
                 ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#EEEEEE"))]
        r = 1
        for task in template.tasks:
            style += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), colors.HexColor("#F6F6F6"))]
            r += 1 + len(task.items)
        table.setStyle(TableStyle(style))
        story += [table, Spacer(1, 4 * mm)]
        total = _fmt(page.total) if page.total is not None else "________"
        signed = sitetime.text(page.signed_at) if page.signed_at else "　　年　　月　　日"
        sig = _sig_image(page.signature) or "________________"
        foot = [["总分：", total, "考评员（签字）：", sig, "日期：", signed]]
        if page.typists:
            foot.append(["", "", "录入（双人复核）：", "、".join(page.typists), "", ""])
        ft = Table(foot, colWidths=[14 * mm, 22 * mm, 32 * mm, 50 * mm, 14 * mm, 40 * mm])
        ft.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), _font()), ("FONTSIZE", (0, 0), (-1, -1), 10.5),
                                ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(KeepTogether(ft))
    if not story:
        story.append(Paragraph("（没有可打印的评分表）", st["head"]))
    doc.build(story)
    return path
