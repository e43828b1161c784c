"""Recorded segments, encrypted frame by frame with the site file key (``.esv``).

Recordings show every candidate's face, so a segment on disk is never plain video.  A
segment file is a header and a run of frames, each a JPEG sealed with AES-GCM:

    b"ESV1" | file id (16 random bytes) | u32 n | n bytes of JSON (fps, width, height, camera)
    then per frame:  u32 n | n bytes = AES-GCM(frame key, nonce = frame index, JPEG,
                                              aad = header + frame index)

The frame key is HKDF-SHA256 of the site file key with the file id as salt, so no two files
share a key and a frame's index is its nonce.  Each frame is sealed on its own: a recorder
killed mid-write leaves every complete frame before the cut readable (the torn tail is
simply where the file ends), and a frame moved, changed or taken from another file fails.

``open_segment`` reads ``.esv`` files and, for clips and recordings made before, plain
``.avi`` through OpenCV, behind the same small ``VideoCapture``-like surface
(``isOpened``, ``read``, ``get``, ``release``) the player and the clip writer use.
"""

from __future__ import annotations

import json
import os
import struct
from pathlib import Path

import cv2
import numpy as np
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app import platform

MAGIC = b"ESV1"
SUFFIX = ".esv"
MAX_FRAME_BYTES = 64 * 1024 * 1024  # a JPEG frame larger than this is a damaged length field
_U32 = struct.Struct(">I")


def _frame_key(file_key: bytes, file_id: bytes) -> AESGCM:
    return AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=file_id,
                       info=b"examsite-video-segment-v1").derive(file_key))


def _nonce(index: int) -> bytes:
    return index.to_bytes(12, "big")


class SegmentWriter:
    """Writes one encrypted segment; the same calls as ``cv2.VideoWriter`` (write, release,
    isOpened).  The caller fsyncs the closed file, as before."""

    def __init__(self, path: Path, file_key: bytes, fps: float, size: tuple[int, int], quality: int,
                 camera: str = ""):
        self.path = Path(path)
        self.quality = int(quality)
        file_id = os.urandom(16)
        meta = json.dumps({"fps": fps, "width": size[0], "height": size[1], "camera": camera},
                          sort_keys=True).encode()
        self._header = MAGIC + file_id + _U32.pack(len(meta)) + meta
        self._aead = _frame_key(file_key, file_id)
        self._index = 0
        self._fh = open(self.path, "wb")
        self._fh.write(self._header)

    def isOpened(self) -> bool:  # cv2.VideoWriter's name
        return self._fh is not None

    def write(self, frame: np.ndarray) -> None:
        ok, jpeg = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, self.quality])
        if not ok:
            raise ValueError("JPEG encoding failed")
        sealed = self._aead.encrypt(_nonce(self._index), jpeg.tobytes(), self._header + _U32.pack(self._index))
        self._fh.write(_U32.pack(len(sealed)) + sealed)
        self._index += 1

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


class SegmentReader:
    """Reads one encrypted segment frame by frame; ``damaged`` is set when a complete frame
    fails its seal (a torn last frame is just the end)."""

    def __init__(self, path: Path, file_key: bytes):
        self.path = Path(path)
        self.damaged = False
        self._fh = None
        self._index = 0
        self.meta: dict = {}
        try:
            fh = open(self.path, "rb")
        except OSError:
            return
        head = fh.read(len(MAGIC) + 16 + 4)
        if len(head) < 24 or head[:4] != MAGIC:
            fh.close()
            return
        (n,) = _U32.unpack(head[20:24])
        meta = fh.read(n) if n <= 64 * 1024 else b""
        try:
            self.meta = json.loads(meta)
        except ValueError:
            fh.close()
            return
        self._header = head + meta
        self._aead = _frame_key(file_key, head[4:20])
        self._fh = fh

    def isOpened(self) -> bool:  # cv2.VideoCapture's name
        return self._fh is not None

    def read_jpeg(self) -> bytes | None:
        if self._fh is None:
            return None
        head = self._fh.read(4)
        if len(head) < 4:
            return None
        (n,) = _U32.unpack(head)
        if n > MAX_FRAME_BYTES:
            self.damaged = True
            return None
        sealed = self._fh.read(n)
        if len(sealed) < n:
            return None  # the recorder stopped mid-frame: the segment ends before it
        try:
            jpeg = self._aead.decrypt(_nonce(self._index), sealed, self._header + _U32.pack(self._index))
        except Exception:  # noqa: BLE001 - InvalidTag: changed, moved or foreign frame
            self.damaged = True
            return None
        self._index += 1
        return jpeg

    def read(self) -> tuple[bool, np.ndarray | None]:
        jpeg = self.read_jpeg()
        if jpeg is None:
            return False, None
        frame = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
        return (frame is not None), frame

    def get(self, prop: int) -> float:
        return float({cv2.CAP_PROP_FPS: self.meta.get("fps", 0.0),
                      cv2.CAP_PROP_FRAME_WIDTH: self.meta.get("width", 0),
                      cv2.CAP_PROP_FRAME_HEIGHT: self.meta.get("height", 0)}.get(prop, 0.0))

    def release(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None


def open_segment(path: Path, file_key: bytes | None):
    """A reader for a recorded segment or a clip: ``.esv`` needs the site file key."""
    path = Path(path)
    if path.suffix == SUFFIX:
        if file_key is None:
            raise ValueError("an encrypted segment needs the site file key")
        return SegmentReader(path, file_key)
    return cv2.VideoCapture(platform.native_path(path))
