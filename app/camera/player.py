"""Playing recorded pieces back (incident review) on a worker thread, at their own rate."""

from __future__ import annotations

import threading
import time
from typing import Callable

import cv2
import numpy as np

from app.camera.clip import PieceFile
from app.camera.segment_file import open_segment


class PiecePlayer:
    def __init__(self, pieces: list[PieceFile], on_frame: Callable[[np.ndarray, int], None],
                 on_done: Callable[[], None] | None = None, width: int = 640):
        self.pieces = pieces
        self.on_frame = on_frame
        self.on_done = on_done
        self.width = width
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="camera-player", daemon=True)

    def start(self) -> "PiecePlayer":
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        shown = 0
        try:
            for piece in self.pieces:
                cap = open_segment(piece.path, piece.file_key)
                nxt = time.monotonic()
                try:
                    index = 0
                    while index < piece.last_frame and not self._stop.is_set():
                        ok, frame = cap.read()
                        if not ok:
                            break
                        if index >= piece.first_frame:
                            h, w = frame.shape[:2]
                            width = min(self.width, w)
                            small = cv2.resize(frame, (width, h * width // w), interpolation=cv2.INTER_AREA)
                            self.on_frame(cv2.cvtColor(small, cv2.COLOR_BGR2RGB), shown)
                            shown += 1
                            nxt += 1.0 / piece.fps
                            delay = nxt - time.monotonic()
                            if delay > 0:
                                self._stop.wait(delay)
                        index += 1
                finally:
                    cap.release()
                if self._stop.is_set():
                    break
        finally:
            if self.on_done:
                self.on_done()
