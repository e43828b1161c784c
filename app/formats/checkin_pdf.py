"""Printables of the check-in desk (reportlab, the shipped WenQuanYi Micro Hei font):
准考证 with photo and signed QR, 考生签到表 with a signature column, the door list with
masked ID numbers, and the 座位表."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Iterable, Sequence

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.lib.styles import ParagraphStyle

from app import paths
from app.core.checkin import local
from app.core.idcard import mask_id_no

FONT = "WQY"
TICKET_RULES = (
    "凭本准考证和有效身份证件入场，对号入座，将两证放在桌面左上角备查。",
    "开考后 {late} 分钟不得入场。",
    "手机、智能手表、耳机等电子设备及与考试有关的资料不得带至座位，须放在指定位置。",
    "由他人冒名顶替或替他人参加评价的，取消当次全部科目成绩，2年或5年内不得参加评价。",
    "遵守考场纪律，服从工作人员管理；违纪违规按《技能人才评价违纪违规行为处理指引》处理。",
)


def register_font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(paths.cjk_font()), subfontIndex=0))
    return FONT


def qr_image(payload: str, box: int = 6) -> ImageReader:
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=box, border=4)
    qr.add_data(payload)
    qr.make(fit=True)
    buf = io.BytesIO()
    qr.make_image(fill_color="black", back_color="white").save(buf, format="PNG")
    buf.seek(0)
    return ImageReader(buf)


def _style(size: float = 10, leading: float | None = None, **kw) -> ParagraphStyle:
    return ParagraphStyle("cjk", fontName=FONT, fontSize=size, leading=leading or size * 1.35,
                          wordWrap="CJK", **kw)


# -- 准考证 -----------------------------------------------------------------------

def _ticket(c: Canvas, t, x: float, y: float, w: float, h: float) -> None:
    """One ticket in the box (x, y) bottom-left, w x h."""
    c.setLineWidth(1)
    c.rect(x, y, w, h)
    top = y + h
    c.setFont(FONT, 17)
    c.drawCentredString(x + w / 2, top - 12 * mm, "职业技能等级认定 准考证")
    c.setFont(FONT, 10)
    c.drawCentredString(x + w / 2, top - 18 * mm, t.institution)
    # photo (一寸 25 x 35 mm), right
    px, py, pw, ph = x + w - 38 * mm, top - 62 * mm, 28 * mm, 38 * mm
    if t.photo:
        try:
            c.drawImage(ImageReader(io.BytesIO(t.photo)), px, py, pw, ph, preserveAspectRatio=True, anchor="c")
        except Exception:  # noqa: BLE001 - a broken photo leaves the box for a glued one
            pass
    c.rect(px, py, pw, ph)
    rows = [("准考证号", t.ticket_no), ("姓　　名", t.name), ("性　　别", t.sex),
            (t.id_type_name[:6] or "证件号码", mask_id_no(t.id_no)), ("职业（工种）", t.occupation),
            ("等　　级", t.level), ("认定计划", t.plan_no), ("考　　场", t.room or "—"),
            ("座  位  号", t.seat or "—")]
    ly = top - 28 * mm
    room = px - (x + 36 * mm) - 2 * mm  # the values end before the photo
    for label, value in rows:
        c.setFont(FONT, 10)
        c.drawString(x + 10 * mm, ly, label)
        size = 13 if label.startswith(("准考证号", "考", "座")) else 11
        while size > 7 and pdfmetrics.stringWidth(str(value), FONT, size) > room:
            size -= 0.5  # a long value (a foreign ID, a long occupation) stays on its one line
        c.setFont(FONT, size)
        c.drawString(x + 36 * mm, ly, str(value))
        ly -= 6.6 * mm
    # sessions
    c.setFont(FONT, 10)
    sy = ly - 2 * mm
    for name, start, cutoff in t.sessions[:3]:
        c.drawString(x + 10 * mm, sy, f"{name}：{local(start):%Y年%m月%d日 %H:%M} 开考，{local(cutoff):%H:%M} 后不得入场")
        sy -= 5.5 * mm
    # QR, bottom-right
    q = 40 * mm
    c.drawImage(qr_image(t.qr), x + w - q - 6 * mm, y + 6 * mm, q, q)
    c.setFont(FONT, 7)
    c.drawCentredString(x + w - q / 2 - 6 * mm, y + 4 * mm, "检录扫码（考点签名）")
    # rules
    late = 30
    if t.sessions:
        late = int((t.sessions[0][2] - t.sessions[0][1]).total_seconds() // 60)
    c.setFont(FONT, 10)
    c.drawString(x + 10 * mm, sy - 2 * mm, "考生须知")
    paras, heights = fit_rules([r.format(late=late) for r in TICKET_RULES], w - q - 22 * mm,
                               (sy - 4 * mm) - (y + 3 * mm))
    cy = sy - 4 * mm
    for para, height in zip(paras, heights):
        para.drawOn(c, x + 10 * mm, cy - height)
        cy -= height


def fit_rules(rules: Sequence[str], width: float, height: float) -> tuple[list[Paragraph], list[float]]:
    """The numbered notice as paragraphs that fit ``width`` x ``height`` (points): the type gets smaller
    until they do, so the notice always stays inside the ticket's border."""
    for size in (8.5, 8, 7.5, 7, 6.5, 6, 5.5):
        paras = [Paragraph(f"{i}. {r}", _style(size)) for i, r in enumerate(rules, 1)]
        heights = [para.wrap(width, 10_000)[1] for para in paras]
        if sum(heights) <= height:
            break
    return paras, heights


def tickets_pdf(path: Path | str, sheets: Iterable) -> int:
    """Two tickets per A4 page.  Returns the number of tickets."""
    register_font()
    c = Canvas(str(path), pagesize=A4)
    c.setTitle("准考证")
    pw, ph = A4
    n = 0
    for n, t in enumerate(sheets, 1):
        slot = (n - 1) % 2
        if n > 1 and slot == 0:
            c.showPage()
        _ticket(c, t, 15 * mm, ph / 2 + 6 * mm if slot == 0 else 10 * mm, pw - 30 * mm, ph / 2 - 18 * mm)
    if n == 0:
        c.setFont(FONT, 14)
        c.drawString(20 * mm, ph - 30 * mm, "（没有考生）")
    c.save()
    return n


# -- tables: 签到表 and door list -------------------------------------------------------

def _by_room(rows) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in rows:
        out.setdefault(r.room or "未分考场", []).append(r)
    return out


def _doc(path, title: str, pagesize=A4) -> SimpleDocTemplate:
    register_font()
    return SimpleDocTemplate(str(path), pagesize=pagesize, title=title, leftMargin=14 * mm, rightMargin=14 * mm,
                             topMargin=14 * mm, bottomMargin=14 * mm)


def _table(data, widths, font_size=10, row_height=None, repeat=1) -> Table:
    t = Table(data, colWidths=widths, rowHeights=row_height, repeatRows=repeat)
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT), ("FONTSIZE", (0, 0), (-1, -1), font_size),
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"), ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
    ]))
    return t


def signin_sheet_pdf(path: Path | str, heading: str, session: str, rows) -> int:
    """考生签到表: one section per room; the candidate signs beside their own line."""
    doc = _doc(path, "考生签到表")
    story = []
    for i, (room, items) in enumerate(sorted(_by_room(rows).items())):
        if i:
            from reportlab.platypus import PageBreak
            story.append(PageBreak())
        story.append(Paragraph("考生签到表", _style(18, alignment=1)))
        story.append(Paragraph(f"{heading}　{session}　考场：{room}　应到 {len(items)} 人", _style(10, alignment=1)))
        story.append(Spacer(1, 4 * mm))
        data = [["序号", "准考证号", "姓名", "证件号码", "座位号", "考生签名", "备注"]]
        for n, r in enumerate(items, 1):
            note = {"present": "已检录", "absent": "缺考"}.get(r.status, "")
            data.append([str(n), r.ticket_no, r.name, mask_id_no(r.id_no), r.seat, "", note])
        story.append(_table(data, [12 * mm, 32 * mm, 24 * mm, 42 * mm, 16 * mm, 36 * mm, 20 * mm],
                            row_height=[8 * mm] + [11 * mm] * len(items)))
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph("实到＿＿＿人　缺考＿＿＿人　　监考人员签名：＿＿＿＿＿＿　＿＿＿＿＿＿　"
                               "考场负责人签名：＿＿＿＿＿＿", _style(10)))
    doc.build(story or [Paragraph("（没有考生）", _style(12))])
    return len(rows)


def door_list_pdf(path: Path | str, heading: str, rows) -> int:
    """考场门贴名单: posted at the door; ID numbers masked (first 6, last 4)."""
    doc = _doc(path, "考场考生名单")
    story = []
    for i, (room, items) in enumerate(sorted(_by_room(rows).items())):
        if i:
            from reportlab.platypus import PageBreak
            story.append(PageBreak())
        story.append(Paragraph(f"{room}　考生名单", _style(22, alignment=1)))
        story.append(Paragraph(heading, _style(11, alignment=1)))
        story.append(Spacer(1, 5 * mm))
        data = [["座位号", "准考证号", "姓名", "证件号码"]]
        data += [[r.seat, r.ticket_no, r.name, mask_id_no(r.id_no)] for r in items]
        story.append(_table(data, [22 * mm, 44 * mm, 36 * mm, 60 * mm], font_size=12,
                            row_height=[9 * mm] + [9 * mm] * len(items)))
    doc.build(story or [Paragraph("（没有考生）", _style(12))])
    return len(rows)


# -- 座位表 ---------------------------------------------------------------------------

def seat_chart_pdf(path: Path | str, heading: str, chart) -> None:
    """The room from above: the front (讲台) at the top, seats row by row; or the list of
    terminals for a computer room."""
    doc = _doc(path, "座位表", pagesize=landscape(A4))
    mode = "随机排座" + (f"（种子 {chart.seed}）" if chart.seed is not None else "") if chart.mode == "random" else "按准考证号顺序排座"
    story = [Paragraph(f"{chart.room}　座位表", _style(20, alignment=1)),
             Paragraph(f"{heading}　{mode}", _style(10, alignment=1)), Spacer(1, 4 * mm)]
    plan = chart.plan
    if plan.terminals:
        data = [["机位", "准考证号", "姓名"]]
        data += [[t, *chart.seats.get(t, ("", ""))] for t in plan.terminals]
        story.append(_table(data, [30 * mm, 50 * mm, 40 * mm]))
    else:
        story.append(Paragraph("讲　台", _style(14, alignment=1)))
        story.append(Spacer(1, 3 * mm))
        grid = []
        labels = plan.labels()
        for r in range(plan.rows):
            line = []
            for col in range(plan.cols):
                label = labels[r * plan.cols + col]
                ticket, name = chart.seats.get(label, ("", ""))
                line.append(Paragraph(f"<b>{label}</b><br/>{name}<br/><font size=7>{ticket}</font>",
                                      _style(9, alignment=1)))
            grid.append(line)
        width = min(38 * mm, (landscape(A4)[0] - 30 * mm) / plan.cols)
        t = Table(grid, colWidths=[width] * plan.cols, rowHeights=[16 * mm] * plan.rows)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(t)
    doc.build(story)
