"""Review aids, never sanctions: no face / more than one face in front of a terminal camera.
The result is a flag for a person to look at, with the snapshot it came from.

Detectors, first available wins:
1. OpenCV's bundled Haar cascade (``cv2.data.haarcascades``), in OpenCV 4 builds;
2. YuNet (``cv2.FaceDetectorYN``) with ``resources/models/face_detection_yunet.onnx`` if the site
   ships that model (OpenCV 5 dropped ``CascadeClassifier`` and bundles no face model);
otherwise ``FaceDetectionUnavailable`` says so plainly and no flag is raised.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from app import paths
from app.core.errors import DomainError

FLAG_TEXT = {"no_face": "未检测到人脸（仅供复核，可能因光线或角度）", "several_faces": "检测到多于一张人脸（仅供复核）"}


class FaceDetectionUnavailable(DomainError):
    pass


def yunet_model() -> Path:
    return paths.resources() / "models" / "face_detection_yunet.onnx"


@lru_cache(maxsize=1)
def _haar():
    if not hasattr(cv2, "CascadeClassifier"):
        return None
    c = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
    return None if c.empty() else c


def detector_name() -> str | None:
    if _haar() is not None:
        return "haar"
    if hasattr(cv2, "FaceDetectorYN") and yunet_model().is_file():
        return "yunet"
    return None


def count_faces(image: np.ndarray | bytes) -> int:
    kind = detector_name()
    if kind is not None and isinstance(image, (bytes, bytearray)):
        image = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_COLOR)
    h, w = image.shape[:2] if kind is not None else (0, 0)
    if kind == "haar":
        gray = cv2.equalizeHist(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY))
        side = max(24, min(h, w) // 10)
        return len(_haar().detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(side, side)))
    if kind == "yunet":
        det = cv2.FaceDetectorYN.create(str(yunet_model()), "", (w, h), 0.8)
        _, faces = det.detect(image)
        return 0 if faces is None else len(faces)
    raise FaceDetectionUnavailable(f"本机 OpenCV {cv2.__version__} 未附带人脸检测模型"
                                   f"（可放置 {yunet_model().name} 到 resources/models/）；人脸复核提示不可用")


def face_flag(image: np.ndarray | bytes) -> str | None:
    """None when exactly one face is seen; otherwise a flag for the proctor to review."""
    n = count_faces(image)
    if n == 0:
        return "no_face"
    if n > 1:
        return "several_faces"
    return None
