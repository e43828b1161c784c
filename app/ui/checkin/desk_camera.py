"""检录台的摄像头: the live picture beside the roster photo, and the snapshot kept with a check-in or a mismatch."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from app.camera.frames import FrameSource, encode_jpeg
from app.ui.checkin.camera import CameraFeed, to_pixmap


def default_frame_source() -> FrameSource:
    """The desk camera: ``EXAMSITE_DESK_CAMERA`` (an index or a video file), else camera 0."""
    return FrameSource(os.environ.get("EXAMSITE_DESK_CAMERA", "0"), loop=True)


class DeskCamera:
    """Mixed into CheckinWorkplace: needs ``self.frame_source``, ``self.feed`` and the ``self.live`` label."""

    def start_camera(self) -> None:
        if self.feed is not None:
            return
        source = self.frame_source or default_frame_source()
        self.feed = CameraFeed(source, parent=self)
        self.feed.frame.connect(self._show_frame)
        self.feed.ended.connect(self._camera_ended)
        self.feed.start()

    def stop_camera(self) -> None:
        if self.feed is not None:
            self.feed.stop()
            self.feed = None

    def _show_frame(self, frame) -> None:
        self.live.setPixmap(to_pixmap(frame).scaled(self.live.size(), Qt.KeepAspectRatio, Qt.SmoothTransformation))

    def _camera_ended(self, why: str) -> None:
        if why == "none":
            self.live.setText(self.tr("未连接摄像头\n（检录照片将无法留存）"))

    def snapshot(self) -> bytes | None:
        frame = self.feed.latest if self.feed is not None else None
        return encode_jpeg(frame) if frame is not None else None

    def closeEvent(self, event):
        self.stop_camera()
        super().closeEvent(event)
