"""The vectorised QR encoder used for certificates gives, module for module, the symbol the
``qrcode`` library makes for the same bytes (byte mode, error correction M, mask 0), and
OpenCV reads the text back, Chinese included."""

from __future__ import annotations

import random

import cv2
import numpy as np
import pytest
import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.util import MODE_8BIT_BYTE, QRData

from app.formats.qr_matrix import qr_matrix


def reference(data: bytes) -> np.ndarray:
    q = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    q.add_data(QRData(data, mode=MODE_8BIT_BYTE))  # byte mode even for digits only
    q.make(fit=True)
    return np.array(q.modules, dtype=bool)


def payloads():
    rng = random.Random(16)
    yield "ZS1|S000041010123264001314|张三丰|410102********1234|4|电工|--|2026-12-10|测试职业技能等级认定中心"
    for n in (1, 7, 14, 30, 60, 120, 200, 300, 500, 900):
        yield "".join(rng.choice("证书编号0123456789ABCDEFabcdef|-_") for _ in range(n))


@pytest.mark.parametrize("text", list(payloads()))
def test_same_modules_as_the_reference_encoder(text):
    data = text.encode("utf-8")
    ours = qr_matrix(data)
    assert ours.shape == reference(data).shape
    assert (ours == reference(data)).all()


def test_opencv_reads_it_back():
    text = next(payloads())
    m = np.pad(qr_matrix(text.encode("utf-8")), 4)
    img = np.where(m, 0, 255).astype(np.uint8).repeat(8, 0).repeat(8, 1)
    assert cv2.QRCodeDetector().detectAndDecode(img)[0] == text
