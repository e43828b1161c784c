"""A still from a camera for the work-piece photo (考件照片).

``source`` is a device index (int) or a file/stream path; tests and sites without a
camera read a video file through the same ``cv2.VideoCapture`` interface.
"""

from __future__ import annotations

import cv2


def grab_still(source: int | str, warmup_frames: int = 5, quality: int = 90) -> bytes:
    """Open the source, let exposure settle for a few frames, return one frame as JPEG."""
    cap = cv2.VideoCapture(source)
    try:
        if not cap.isOpened():
            raise OSError(f"无法打开摄像头或视频源：{source}")
        frame = None
        for _ in range(max(1, warmup_frames)):
            ok, f = cap.read()
            if not ok:
                break
            frame = f
        if frame is None:
            raise OSError("摄像头没有画面")
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
        if not ok:
            raise OSError("照片编码失败")
        return buf.tobytes()
    finally:
        cap.release()
