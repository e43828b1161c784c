"""Reading QR codes back from images and PDFs (OpenCV; poppler's pdftoppm for PDFs)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np

from app import platform


def decode_image(image: np.ndarray) -> list[str]:
    detector = cv2.QRCodeDetector()
    ok, texts, _, _ = detector.detectAndDecodeMulti(image)
    found = [t for t in (texts or ()) if t] if ok else []
    if not found:
        text, _, _ = detector.detectAndDecode(image)
        if text:
            found = [text]
    return found


def _decode_robust(image: np.ndarray) -> list[str]:
    found = decode_image(image)
    if found:
        return found
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY) if image.ndim == 3 else image
    _, bw = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    found = decode_image(bw)
    if found:
        return found
    for fx in (0.5, 0.75, 1.5):
        found = decode_image(cv2.resize(gray, None, fx=fx, fy=fx, interpolation=cv2.INTER_AREA))
        if found:
            return found
    aruco = getattr(cv2, "QRCodeDetectorAruco", None)
    if aruco is not None:
        ok, texts, _, _ = aruco().detectAndDecodeMulti(gray)
        found = [t for t in (texts or ()) if t] if ok else []
    return found


def decode_jpeg(data: bytes) -> list[str]:
    """The QR codes in one camera still (a grader holding a 准考证 up to the station's camera)."""
    image = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    return _decode_robust(image) if image is not None else []


def decode_file(path: Path | str, dpi: int = 300) -> list[str]:
    """Every QR text on a .png/.jpg, or on each page of a .pdf (one list entry per code found)."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        img = cv2.imread(platform.native_path(path))
        if img is None:
            raise ValueError(f"无法读取图像 {path}")
        return _decode_robust(img)
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(Path(tmp) / "p")], check=True,
                       capture_output=True)
        for png in sorted(Path(tmp).glob("p*.png")):
            out += _decode_robust(cv2.imread(str(png)))
    return out
