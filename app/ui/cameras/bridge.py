"""Bringing worker callbacks into the UI thread as signals (queued across threads)."""

from __future__ import annotations

import datetime as _dt

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from shiboken6 import isValid

from app.core import sitetime


def to_qimage(rgb: np.ndarray) -> QImage:
    """Built on the worker thread; the copy owns its pixels, so the array may go."""
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888).copy()


class CameraBridge(QObject):
    frame = Signal(str, QImage, str)  # camera code, picture, local time text
    status = Signal(str, str, str)  # camera code, state, message

    def on_preview(self, code: str, rgb: np.ndarray, at: _dt.datetime) -> None:
        if not isValid(self):  # the window closed while the recorder was still running
            return
        try:
            self.frame.emit(code, to_qimage(rgb), sitetime.text(at, "%H:%M:%S"))
        except RuntimeError:  # deleted between the check and the emit
            pass

    def on_status(self, code: str, state: str, message: str) -> None:
        self.status.emit(code, state, message)
