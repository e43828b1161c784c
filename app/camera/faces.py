"""Review aids, never sanctions: no face / more than one face in front of a terminal camera,
with the Haar cascade bundled in OpenCV.  The result is a flag for a person to look at."""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np


@lru_cache(maxsize=1)
def _cascade() -> cv2.CascadeClassifier:
    path = cv2.data.haarcascades + "haarcascade_frontalface_default.xml"
    c = cv2.CascadeClassifier(path)
    if c.empty():
        raise RuntimeError(f"人脸检测模型未能加载：{path}")
    return c


def count_faces(image: np.ndarray | bytes) -> int:
    if isinstance(image, (bytes, bytearray)):
        image = cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_COLOR)
    gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    gray = cv2.equalizeHist(gray)
    h, w = gray.shape[:2]
    side = max(24, min(h, w) // 10)
    faces = _cascade().detectMultiScale(gray, scaleFactor=1.1, minNeighbors=5, minSize=(side, side))
    return len(faces)


def face_flag(image: np.ndarray | bytes) -> str | None:
    """None when exactly one face is seen; otherwise a flag for the proctor to review."""
    n = count_faces(image)
    if n == 0:
        return "no_face"
    if n > 1:
        return "several_faces"
    return None


FLAG_TEXT = {"no_face": "未检测到人脸（仅供复核，可能因光线或角度）", "several_faces": "检测到多于一张人脸（仅供复核）"}
