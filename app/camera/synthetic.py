"""Synthetic room video for demos, tests and the bench (MJPG .avi, any size and rate).

Frame ``i`` carries its index in 12 black/white 16x16 squares along the top-left edge (bit
0 first), which survive JPEG, and as text beside them, so a reader can tell which frame it got."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from app import platform
from app.camera.recorder import FOURCC


BITS = 12
SQ = 16


def read_index(frame: np.ndarray) -> int:
    value = 0
    for bit in range(BITS):
        if frame[4:SQ - 4, bit * SQ + 4:(bit + 1) * SQ - 4].mean() > 128:
            value |= 1 << bit
    return value


_TEXTURE: dict = {}


def _texture(size: tuple[int, int]) -> np.ndarray:
    """A fixed grainy room (real camera pictures compress far less than flat colour)."""
    if size not in _TEXTURE:
        w, h = size
        rng = np.random.default_rng(7)
        base = np.empty((h, w, 3), np.uint8)
        base[:] = (60, 90, 70)
        noise = rng.integers(-3, 4, (h, w, 1), dtype=np.int16)
        _TEXTURE[size] = np.clip(base.astype(np.int16) + noise, 0, 255).astype(np.uint8)
    return _TEXTURE[size]


def make_frame(index: int, size: tuple[int, int], label: str = "") -> np.ndarray:
    w, h = size
    img = _texture(size).copy()
    for r in range(3):  # desks
        for c in range(4):
            x0, y0 = int(w * (0.12 + c * 0.2)), int(h * (0.35 + r * 0.2))
            cv2.rectangle(img, (x0, y0), (x0 + w // 8, y0 + h // 14), (140, 150, 160), -1)
    x = int((index * 4) % max(1, w - 40))
    cv2.rectangle(img, (x, h // 5), (x + 40, h // 5 + 30), (20, 180, 240), -1)  # someone walking
    for bit in range(BITS):
        img[0:SQ, bit * SQ:(bit + 1) * SQ] = 255 if index >> bit & 1 else 0
    cv2.putText(img, f"{label} #{index}", (8, 48), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (255, 255, 255), 2)
    return img


def write_test_video(path: Path, frames: int, fps: float = 15.0, size: tuple[int, int] = (320, 240),
                     label: str = "ROOM") -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(platform.native_path(path), FOURCC, fps, size)
    if not writer.isOpened():
        raise RuntimeError(f"cannot write {path}")
    for i in range(frames):
        writer.write(make_frame(i, size, label))
    writer.release()
    return path
