"""The desk camera on a worker thread: frames come to the UI thread as signals, so the
UI never waits on the camera."""

from __future__ import annotations

import threading

import numpy as np
from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap

from app.camera.frames import FrameSource


def to_pixmap(frame: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(frame[:, :, ::-1])
    h, w = rgb.shape[:2]
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888).copy()
    return QPixmap.fromImage(image)


class CameraFeed(QObject):
    frame = Signal(object)  # np.ndarray (BGR), delivered on the UI thread
    ended = Signal(str)  # why the feed stopped (no camera, end of file)

    def __init__(self, source: FrameSource, fps: float = 12.0, parent: QObject | None = None):
        super().__init__(parent)
        self.source = source
        self.interval = 1.0 / fps
        self.latest: np.ndarray | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._raw.connect(self._on_frame, Qt.QueuedConnection)

    _raw = Signal(object)

    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="desk-camera", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        got_any = False
        while not self._stop.is_set():
            frame = self.source.read()
            if frame is None:
                reason = "end" if got_any else "none"
                self._raw.emit(reason)
                break
            got_any = True
            self._raw.emit(frame)
            self._stop.wait(self.interval)
        self.source.close()

    @Slot(object)
    def _on_frame(self, value) -> None:
        if isinstance(value, str):
            self.ended.emit(value)
            return
        self.latest = value
        self.frame.emit(value)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
