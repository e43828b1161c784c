"""职业技能等级证书 PDF, 样式2021 (人社鉴发〔2021〕1号): A4 single page, every required field,
the holder's photo, a 30 mm QR code carrying the signed payload, '--' where there is no work type.

The prescribed 仿宋/楷体 faces are not shipped; the certificate uses the bundled CJK font at the
prescribed sizes (title 30 pt, body 16 pt, fields 小四 = 12 pt).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from app.core import certificate as cert
from app.formats.pdf import register_font

W, H = A4
rl_config.useA85 = 0  # images stored as binary streams (ASCII85 only inflates them and costs time)


def qr_modules(text: str) -> np.ndarray:
    """The QR matrix (True = dark), error correction M, UTF-8 byte mode.  The mask is fixed: any of the
    eight masks is valid for every reader, and trying all eight (the library default) costs most of
    the time of a batch print."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    qr.add_data(text.encode("utf-8"))
    qr.make(fit=True)
    return np.array(qr.modules, dtype=bool)


def qr_reader(text: str, scale: int = 6) -> ImageReader:
    """The QR as a small lossless image (2-module quiet zone), each module ``scale`` pixels."""
    m = np.pad(qr_modules(text), 2)
    pixels = np.where(m, 0, 255).astype(np.uint8).repeat(scale, 0).repeat(scale, 1)
    return ImageReader(Image.fromarray(pixels, mode="L"))


def _page(c: canvas.Canvas, data: cert.CertificateData, photo: bytes | None, qr_text: str) -> None:
    font = register_font()
    c.setLineWidth(2.25)
    c.rect(11 * mm, 14 * mm, W - 22 * mm, H - 28 * mm)
    c.setFont(font, 30)
    c.drawCentredString(W / 2, H - 48 * mm, cert.TITLE)
    c.setFont("Times-Roman", 16)
    c.drawCentredString(W / 2, H - 58 * mm, cert.TITLE_EN)
    body = ParagraphStyle("b", fontName=font, fontSize=16, leading=26, firstLineIndent=32, wordWrap="CJK")
    p = Paragraph(cert.body_text(data.institution_name), body)
    _, ph = p.wrap(W - 50 * mm, 80 * mm)
    p.drawOn(c, 25 * mm, H - 70 * mm - ph)
    top = H - 80 * mm - ph
    # photo (1 寸: 25 × 35 mm) and QR (30 × 30 mm) on the right
    px, py = W - 25 * mm - 25 * mm, top - 35 * mm
    if not photo:   # 样式2021: "持证人照片" is required content [002 L2747]; never a blank box
        raise ValueError(f"证书 {data.certificate_no} 缺少持证人照片")
    c.drawImage(ImageReader(io.BytesIO(photo)), px, py, 25 * mm, 35 * mm, preserveAspectRatio=True, anchor="c")
    qx, qy = W - 25 * mm - cert.QR_MM * mm, py - 8 * mm - cert.QR_MM * mm
    c.drawImage(qr_reader(qr_text), qx, qy, cert.QR_MM * mm, cert.QR_MM * mm)
    # fields, 小四 (12 pt)
    y = top - 4 * mm
    for label, en, value in data.fields():
        c.setFont(font, 12)
        c.drawString(25 * mm, y, f"{label}")
        c.setFont("Times-Roman", 9)
        c.drawString(25 * mm, y - 4.2 * mm, en)
        c.setFont(font, 12)
        c.drawString(62 * mm, y, str(value))
        y -= 13 * mm
    # issuer(s) and date under the seal positions (样式2021: 机构 left, 分支机构 right); nothing else there
    seals = cert.seal_positions(data.seal_names or (data.institution_name,), W / mm)
    for seal in seals:
        c.setFont(font, 14 if len(seal.holder) <= 16 else 11)
        c.drawCentredString(seal.cx * mm, (seal.cy + 4) * mm, seal.holder)
    last = seals[-1]
    c.setFont(font, 12)
    c.drawCentredString(last.cx * mm, (last.cy - 5) * mm, f"发证日期：{data.issue_date_text}")
    c.setFont("Times-Roman", 10)
    c.drawCentredString(last.cx * mm, (last.cy - 10) * mm, f"Issued date: {data.issue_date.isoformat()}")
    # query URLs
    c.setFont(font, 11)
    c.drawString(25 * mm, 32 * mm, f"证书信息查询网址（Certificate Information）：{cert.CERT_QUERY_URL}")
    c.drawString(25 * mm, 25 * mm, f"机构信息查询网址（Assessment Information）：{cert.INSTITUTION_QUERY_URL}")
    if data.print_serial:
        c.setFont("Times-Roman", 10)
        c.drawRightString(W - 16 * mm, 18 * mm, f"No.{data.print_serial}")
    c.showPage()


def render(path: Path | str, items: Iterable[tuple[cert.CertificateData, bytes | None, str]],
           progress: Callable[[int], None] | None = None) -> int:
    """One PDF, one certificate per page.  ``items``: (data, photo, signed QR text).  Returns pages."""
    path = Path(path)
    c = canvas.Canvas(str(path), pagesize=A4, pageCompression=1)
    c.setTitle(cert.TITLE)
    n = 0
    for data, photo, qr_text in items:
        _page(c, data, photo, qr_text)
        n += 1
        if progress:
            progress(n)
    c.save()
    return n
