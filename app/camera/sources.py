"""Video sources: a camera index, an RTSP/HTTP URL, or a video file.

A file plays at its native rate (paced against a monotonic clock) and can loop;
each loop reopens the file, so a file that disappears behaves like a camera that
drops.  ``snapshot`` gives one JPEG for other workplaces (check-in, work-piece photo).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from app import platform
from app.core.camera import source_problem
from app.core.errors import DomainError

DEFAULT_FPS = 15.0


class SourceUnavailable(DomainError):
    pass


@dataclass(frozen=True)
class SourceSpec:
    kind: str  # index / url / file
    value: str
    loop: bool = False
    fps: float | None = None  # override of what the source reports

    def __post_init__(self):
        problem = source_problem(self.kind, self.value)
        if problem:
            raise DomainError(problem)

    @staticmethod
    def parse(text: str, loop: bool = False) -> "SourceSpec":
        """'0' -> camera 0; 'rtsp://...' / 'http://...' -> URL; anything else -> a file."""
        text = text.strip()
        if text.isascii() and text.isdigit():
            return SourceSpec("index", text, loop)
        if "://" in text:
            return SourceSpec("url", text, loop)
        return SourceSpec("file", text, loop)

    def describe(self) -> str:
        return {"index": "摄像头 ", "url": "", "file": "文件 "}[self.kind] + self.value


class Capture:
    """One open source.  ``read`` returns a BGR frame or None when the source is lost/ended."""

    def __init__(self, spec: SourceSpec):
        self.spec = spec
        self.cap: cv2.VideoCapture | None = None
        self.fps = DEFAULT_FPS
        self.size = (0, 0)
        self._next = 0.0
        self.fps_trusted = False

    def open(self) -> None:
        spec = self.spec
        if spec.kind == "file" and not Path(spec.value).is_file():
            raise SourceUnavailable(f"视频文件不存在：{spec.value}")
        target = int(spec.value) if spec.kind == "index" else platform.native_path(spec.value)
        if spec.kind == "url":
            cap = cv2.VideoCapture(target, cv2.CAP_FFMPEG,
                                   [cv2.CAP_PROP_OPEN_TIMEOUT_MSEC, 5000, cv2.CAP_PROP_READ_TIMEOUT_MSEC, 5000])
        else:
            cap = cv2.VideoCapture(target)
        if not cap.isOpened():
            cap.release()
            raise SourceUnavailable(f"无法打开视频源：{spec.describe()}")
        reported = cap.get(cv2.CAP_PROP_FPS) or 0.0
        self.fps = float(spec.fps or (reported if 1.0 <= reported <= 120.0 else DEFAULT_FPS))
        # a file's rate is in its header; a camera's or a stream's must be measured (an MJPEG
        # stream over HTTP reports 25 whatever it sends)
        self.fps_trusted = bool(spec.fps) or spec.kind == "file"
        self.size = (int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT)))
        self.cap = cap
        self._next = time.monotonic()

    def read(self) -> np.ndarray | None:
        if self.cap is None:
            return None
        if self.spec.kind == "file":  # play at the native rate
            delay = self._next - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            self._next = max(self._next + 1.0 / self.fps, time.monotonic() - 1.0)
        ok, frame = self.cap.read()
        if not ok or frame is None:
            return None
        return frame

    def at_end_of_file(self) -> bool:
        if self.spec.kind != "file" or self.cap is None:
            return False
        total = self.cap.get(cv2.CAP_PROP_FRAME_COUNT)
        pos = self.cap.get(cv2.CAP_PROP_POS_FRAMES)
        return total > 0 and pos >= total

    def close(self) -> None:
        if self.cap is not None:
            self.cap.release()
            self.cap = None


def snapshot(spec: SourceSpec, quality: int = 90, warmup: int = 2) -> bytes:
    """One JPEG from the source (a few frames are skipped so a camera's exposure settles)."""
    cap = Capture(SourceSpec(spec.kind, spec.value, False, spec.fps or 1000.0))
    cap.open()
    try:
        frame = None
        for _ in range(1 + (warmup if spec.kind != "file" else 0)):
            got = cap.read()
            if got is None:
                break
            frame = got
        if frame is None:
            raise SourceUnavailable(f"未能从视频源取得画面：{spec.describe()}")
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if not ok:
            raise SourceUnavailable("画面编码失败")
        return buf.tobytes()
    finally:
        cap.close()
