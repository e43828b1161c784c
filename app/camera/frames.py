"""A minimal frame source for one camera or one video file (OpenCV ``VideoCapture``).

The check-in desk reads its live picture through this; camera recording (issue 7)
may build on or replace it.  The interface is the whole contract:
``FrameSource(source).read() -> np.ndarray | None`` (BGR) and ``close()``.
"""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np

from app import platform


def parse_source(value: str | int | Path) -> int | str:
    """"0" or 0 -> camera index 0; anything else is a file path or stream URL."""
    if isinstance(value, int):
        return value
    text = str(value).strip()
    return int(text) if text.isascii() and text.isdigit() else text


class FrameSource:
    """A camera index or a video file.  ``loop=True`` replays a file from the start
    when it ends (demos); otherwise ``read()`` returns None at the end."""

    def __init__(self, source: str | int | Path, loop: bool = False):
        self.source = parse_source(source)
        self.loop = loop
        self._lock = threading.Lock()
        self._cap: cv2.VideoCapture | None = None

    @property
    def is_file(self) -> bool:
        return isinstance(self.source, str)

    def describe(self) -> str:
        return f"摄像头 {self.source}" if not self.is_file else f"视频文件 {Path(self.source).name}"

    def open(self) -> bool:
        with self._lock:
            if self._cap is None:
                if self.is_file and not Path(self.source).exists() and "://" not in self.source:
                    return False
                self._cap = cv2.VideoCapture(platform.native_path(self.source) if self.is_file else self.source)
            return bool(self._cap.isOpened())

    def read(self) -> np.ndarray | None:
        if not self.open():
            return None
        with self._lock:
            ok, frame = self._cap.read()
            if not ok and self.loop and self.is_file:
                self._cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, frame = self._cap.read()
            return frame if ok else None

    def close(self) -> None:
        with self._lock:
            if self._cap is not None:
                self._cap.release()
                self._cap = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def encode_jpeg(frame: np.ndarray, quality: int = 85, max_width: int = 640) -> bytes:
    """A frame as a JPEG small enough to keep with a record."""
    h, w = frame.shape[:2]
    if w > max_width:
        frame = cv2.resize(frame, (max_width, int(h * max_width / w)), interpolation=cv2.INTER_AREA)
    ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise ValueError("无法编码图像")
    return buf.tobytes()
