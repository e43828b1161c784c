"""Recordings are sealed with the site file key, frame by frame (issue 20, item 5): no
plain video of a candidate's face on disk, a killed recorder's complete frames stay
readable, and a changed or foreign frame is caught."""

from __future__ import annotations

import os
import struct

import cv2
import numpy as np
import pytest

from app.camera.clip import count_frames
from app.camera.segment_file import SegmentReader, SegmentWriter
from app.camera.synthetic import write_test_video
from app.services.camera import CameraService


def _frames(n, size=(160, 120)):
    rng = np.random.default_rng(5)
    return [rng.integers(0, 255, (size[1], size[0], 3), dtype=np.uint8) for _ in range(n)]


def test_recorded_segments_are_not_plain_video(admin, tmp_path):
    video = write_test_video(tmp_path / "room.avi", frames=20, fps=20, label="R01")
    svc = CameraService(admin)
    svc.add_camera("C1", "前方全景", "第1考场", "R01", str(video))
    svc.recorder("C1", segment_seconds=0.5).start().join(30)
    segs = svc.segments(camera="C1")
    assert segs and all(s.path.suffix == ".esv" for s in segs)
    for s in segs:
        raw = s.path.read_bytes()
        assert b"\xff\xd8\xff" not in raw and b"RIFF" not in raw[:16]  # no JPEG, no AVI in the clear
        cap = cv2.VideoCapture(str(s.path))
        assert not cap.read()[0]  # a player without the key sees nothing
        cap.release()
        assert count_frames(s.path, admin.store.keys.file_key) == s.frames
        assert count_frames(s.path, os.urandom(32)) == 0  # another site's key opens nothing
    assert svc.verify_segments() == []


def test_killed_writer_keeps_every_complete_frame(tmp_path):
    key = os.urandom(32)
    path = tmp_path / "C1_x.esv"
    w = SegmentWriter(path, key, 15.0, (160, 120), 75, "C1")
    for f in _frames(10):
        w.write(f)
    w.release()
    whole = path.read_bytes()
    path.write_bytes(whole[:-7])  # the process died in the middle of the last frame
    r = SegmentReader(path, key)
    assert sum(1 for _ in iter(lambda: r.read()[0] or None, None)) == 9 and not r.damaged


@pytest.mark.parametrize("where", ["flip", "swap"])
def test_changed_or_moved_frame_is_caught(tmp_path, where):
    key = os.urandom(32)
    path = tmp_path / "C1_x.esv"
    w = SegmentWriter(path, key, 15.0, (160, 120), 75, "C1")
    for f in _frames(3):
        w.write(f)
    w.release()
    data = bytearray(path.read_bytes())
    (meta_len,) = struct.unpack(">I", data[20:24])
    p0 = 24 + meta_len  # the first frame's record: u32 length, sealed JPEG
    (l0,) = struct.unpack(">I", data[p0:p0 + 4])
    p1 = p0 + 4 + l0
    (l1,) = struct.unpack(">I", data[p1:p1 + 4])
    if where == "flip":
        data[p1 - 5] ^= 1
    else:  # frames 0 and 1 swapped: each is sealed to its place
        data[p0:p1 + 4 + l1] = bytes(data[p1:p1 + 4 + l1]) + bytes(data[p0:p1])
    path.write_bytes(bytes(data))
    r = SegmentReader(path, key)
    while r.read()[0]:
        pass
    assert r.damaged
