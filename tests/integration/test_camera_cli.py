"""`examsite camera ...` against a real site, in-process."""

from __future__ import annotations


import cv2
import pytest

from app.camera.clip import count_frames
from app.camera.synthetic import write_test_video
from app.cli import main
from app.services.camera import CameraService, FaceReviewService
from tests.conftest import ADMIN_PASSWORD, PASSPHRASE


def test_cli_add_record_clip_verify(site, admin, site_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("EXAMSITE_PASSWORD", ADMIN_PASSWORD)
    video = tmp_path / "r.avi"
    assert main(["camera", "demo-video", str(video), "--seconds", "1.5", "--fps", "20", "--size", "320x240"]) == 0
    assert count_frames(video) == 30
    s = ["--site", str(site_dir)]
    assert main(["camera", "add", *s, "--code", "C1", "--name", "前方", "--room", "第1考场", "--room-code", "R01",
                 "--source", str(video)]) == 0
    assert main(["camera", "record", *s, "--room", "第1考场", "--segment-seconds", "0.5"]) == 0
    out = capsys.readouterr().out
    assert "分段 3" in out and "录制帧 30/30" in out
    segs = CameraService(admin).segments(camera="C1")
    start = segs[0].start.astimezone().isoformat()
    clip = tmp_path / "clip.avi"
    assert main(["camera", "clip", *s, "--camera", "C1", "--start", start, "--seconds", "1", "--out", str(clip)]) == 0
    assert count_frames(clip) == 20
    assert main(["camera", "verify", *s]) == 0
    assert main(["camera", "purge", *s]) == 0
    assert "没有可删除的录像" in capsys.readouterr().out
    snap = tmp_path / "snap.jpg"
    assert main(["camera", "snapshot", *s, "--source", "C1", "--out", str(snap)]) == 0
    assert cv2.imread(str(snap)).shape == (240, 320, 3)
    assert main(["camera", "add", *s, "--code", "第一", "--name", "x", "--room", "第1考场", "--room-code", "R01",
                 "--source", "0"]) == 1
    assert "ASCII" in capsys.readouterr().err


def test_face_review_flags_an_empty_seat_or_says_it_cannot(admin, tmp_path):
    from app.camera.faces import FaceDetectionUnavailable, detector_name

    video = write_test_video(tmp_path / "seat.avi", frames=3, fps=5)
    if detector_name() is None:  # OpenCV 5 wheels bundle no face model: say so, never guess
        with pytest.raises(FaceDetectionUnavailable, match="不可用"):
            FaceReviewService(admin).review(str(video))
        return
    review = FaceReviewService(admin).review(str(video))
    assert review.flag == "no_face" and "仅供复核" in review.text and review.jpeg[:2] == b"\xff\xd8"
