"""The desk camera reads a real video file; ID-card readers without hardware."""

from __future__ import annotations

import base64
import json

import cv2
import numpy as np

from app.camera.frames import FrameSource, encode_jpeg, parse_source
from app.formats.idreader import FileReader, KeyboardWedgeReader

ID = "410102199003071230"


def write_video(path, frames=12, size=(160, 120)):
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, size)
    for i in range(frames):
        img = np.zeros((size[1], size[0], 3), np.uint8)
        img[:, :, 2] = 20 * i  # red rises frame by frame
        out.write(img)
    out.release()
    return path


def test_frame_source_reads_video_file_and_loops(tmp_path):
    path = write_video(tmp_path / "desk.avi")
    src = FrameSource(path)
    frames = []
    while (f := src.read()) is not None:
        frames.append(f)
    assert len(frames) == 12 and frames[0].shape == (120, 160, 3)
    assert frames[-1][:, :, 2].mean() > frames[0][:, :, 2].mean() + 150
    src.close()
    looping = FrameSource(str(path), loop=True)
    assert sum(looping.read() is not None for _ in range(30)) == 30
    looping.close()
    assert FrameSource(tmp_path / "missing.avi").read() is None
    assert parse_source("0") == 0 and parse_source(str(path)) == str(path)
    jpeg = encode_jpeg(frames[5])
    assert jpeg[:2] == b"\xff\xd8" and cv2.imdecode(np.frombuffer(jpeg, np.uint8), 1).shape == (120, 160, 3)


def test_keyboard_wedge_reader():
    r = KeyboardWedgeReader()
    assert r.feed("DG26040001") is None
    card = r.feed(f"张三| {ID} |男")
    assert (card.name, card.id_no, card.sex) == ("张三", ID, "男")
    assert r.poll() == card and r.poll() is None
    assert r.parse("410102199003071238") is None  # bad check digit


def test_file_reader_consumes_each_card_once(tmp_path):
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps({"name": "李四", "id_no": ID, "photo": base64.b64encode(b"jpg").decode()}),
                                   encoding="utf-8")
    (folder / "b.json").write_text("{broken", encoding="utf-8")
    reader = FileReader(folder)
    card = reader.poll()
    assert (card.name, card.id_no, card.photo) == ("李四", ID, b"jpg")
    assert reader.poll() is None and reader.rejected == [("b.json", "JSONDecodeError")]
    assert list(folder.iterdir()) == []
