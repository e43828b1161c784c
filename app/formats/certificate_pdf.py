"""职业技能等级证书 PDF, 样式2021 (人社鉴发〔2021〕1号): A4 single page, every required field,
the holder's photo, a 30 mm QR code carrying the signed payload, '--' where there is no work type.

The prescribed 仿宋/楷体 faces are not shipped; the certificate uses the bundled CJK font at the
prescribed sizes (title 30 pt, body 16 pt, fields 小四 = 12 pt).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph

from app.core import certificate as cert
from app.formats.pdf import register_font
from app.formats.qr_matrix import qr_matrix

W, H = A4
rl_config.useA85 = 0  # images stored as binary streams (ASCII85 only inflates them and costs time)


def qr_modules(text: str) -> np.ndarray:
    """The QR matrix (True = dark), error correction M, UTF-8 bytes in byte mode without an ECI
    designator (OpenCV's reader, which ``verify-cert`` uses, takes UTF-8 from the bytes and does
    not handle ECI), mask 0 (any of the eight is valid for every reader).  Vectorised
    (``app.formats.qr_matrix``): a pure Python encoder took most of the time of a batch print."""
    return qr_matrix(text.encode("utf-8"))


@functools.lru_cache(maxsize=16)
def _body(text: str, font: str) -> tuple[Paragraph, float]:
    """The certificate's body paragraph, laid out once per institution (it is the same on every page)."""
    body = ParagraphStyle("b", fontName=font, fontSize=16, leading=26, firstLineIndent=32, wordWrap="CJK")
    p = Paragraph(text, body)
    _, ph = p.wrap(W - 50 * mm, 80 * mm)
    return p, ph


def qr_path(modules: np.ndarray) -> str:
    """The dark modules as one PDF path of row runs, one unit per module, row 0 at the top
    (``x y w 1 re`` each, filled once: crisp at any size, a few kB, no image to compress)."""
    n = modules.shape[0]
    edges = np.diff(np.pad(modules.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    rows, starts = np.nonzero(edges == 1)
    _, ends = np.nonzero(edges == -1)
    return "\n".join(f"{s} {n - 1 - r} {e - s} 1 re" for r, s, e in zip(rows.tolist(), starts.tolist(),
                                                                       ends.tolist())) + "\nf"


def draw_qr(c: canvas.Canvas, text: str, x: float, y: float, size: float) -> None:
    """The QR code as vector graphics in the square (x, y, size), with a 2-module quiet zone."""
    modules = qr_modules(text)
    unit = size / (modules.shape[0] + 4)
    c.saveState()
    c.translate(x + 2 * unit, y + 2 * unit)
    c.scale(unit, unit)
    c.setFillColorRGB(0, 0, 0)
    c.addLiteral(qr_path(modules))
    c.restoreState()


class _Photo(ImageReader):
    """The holder's photo.  A JPEG goes into the PDF as it is (DCTDecode); reportlab would still
    decode it to name it in its image cache, so it is named by its own bytes instead."""

    def __init__(self, data: bytes):
        super().__init__(io.BytesIO(data))
        self._raw = data

    def getRGBData(self):
        if getattr(self._image, "format", None) == "JPEG":
            self._dataA = None  # a JPEG has no alpha
            return self._raw
        return super().getRGBData()


def _layout(ph: float) -> tuple[float, float, float, float, float]:
    """(top, photo x, photo y, QR x, QR y) below a body paragraph ``ph`` high."""
    top = H - 80 * mm - ph
    px, py = W - 25 * mm - 25 * mm, top - 35 * mm     # photo (1 寸: 25 × 35 mm) on the right
    qx, qy = W - 25 * mm - cert.QR_MM * mm, py - 8 * mm - cert.QR_MM * mm   # QR (30 × 30 mm) below it
    return top, px, py, qx, qy


def _static(c: canvas.Canvas, data: cert.CertificateData, font: str) -> str:
    """What every certificate of one institution shares (frame, titles, body, field labels,
    query URLs), drawn once per PDF as a form and placed on each page."""
    labels = tuple((label, en) for label, en, _ in data.fields())
    key = (data.institution_name, labels)
    forms = c.__dict__.setdefault("_certificate_forms", {})
    if key in forms:
        return forms[key]
    name = f"certificate{len(forms)}"
    c.beginForm(name)
    c.setLineWidth(2.25)
    c.rect(11 * mm, 14 * mm, W - 22 * mm, H - 28 * mm)
    c.setFont(font, 30)
    c.drawCentredString(W / 2, H - 48 * mm, cert.TITLE)
    c.setFont("Times-Roman", 16)
    c.drawCentredString(W / 2, H - 58 * mm, cert.TITLE_EN)
    p, ph = _body(cert.body_text(data.institution_name), font)
    p.drawOn(c, 25 * mm, H - 70 * mm - ph)
    top, _, _, _, qy = _layout(ph)
    y = top - 4 * mm
    for label, en in labels:  # fields, 小四 (12 pt)
        c.setFont(font, 12)
        c.drawString(25 * mm, y, f"{label}")
        c.setFont("Times-Roman", 9)
        c.drawString(25 * mm, y - 4.2 * mm, en)
        y -= 13 * mm
    c.setFont(font, 11)  # query URLs
    c.drawString(25 * mm, 32 * mm, f"证书信息查询网址（Certificate Information）：{cert.CERT_QUERY_URL}")
    c.drawString(25 * mm, 25 * mm, f"机构信息查询网址（Assessment Information）：{cert.INSTITUTION_QUERY_URL}")
    c.endForm()
    forms[key] = name
    return name


def _page(c: canvas.Canvas, data: cert.CertificateData, photo: bytes | None, qr_text: str) -> None:
    font = register_font()
    c.doForm(_static(c, data, font))
    _, ph = _body(cert.body_text(data.institution_name), font)
    top, px, py, qx, qy = _layout(ph)
    if not photo:   # 样式2021: "持证人照片" is required content [002 L2747]; never a blank box
        raise ValueError(f"证书 {data.certificate_no} 缺少持证人照片")
    c.drawImage(_Photo(photo), px, py, 25 * mm, 35 * mm, preserveAspectRatio=True, anchor="c")
    draw_qr(c, qr_text, qx, qy, cert.QR_MM * mm)
    # the values beside the labels, 小四 (12 pt)
    y = top - 4 * mm
    c.setFont(font, 12)
    for _, _, value in data.fields():
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
    if data.print_serial:
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
