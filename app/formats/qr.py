"""Reading QR codes back from images and PDFs (OpenCV; poppler's pdftoppm for PDFs)."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import cv2
import numpy as np


def decode_image(image: np.ndarray) -> list[str]:
    detector = cv2.QRCodeDetector()
    ok, texts, _, _ = detector.detectAndDecodeMulti(image)
    found = [t for t in (texts or ()) if t] if ok else []
    if not found:
        text, _, _ = detector.detectAndDecode(image)
        if text:
            found = [text]
    return found


def decode_file(path: Path | str, dpi: int = 200) -> list[str]:
    """Every QR text on a .png/.jpg, or on each page of a .pdf."""
    path = Path(path)
    if path.suffix.lower() != ".pdf":
        img = cv2.imread(str(path))
        if img is None:
            raise ValueError(f"无法读取图像 {path}")
        return decode_image(img)
    out: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(Path(tmp) / "p")], check=True,
                       capture_output=True)
        for png in sorted(Path(tmp).glob("p*.png")):
            out += decode_image(cv2.imread(str(png)))
    return out
