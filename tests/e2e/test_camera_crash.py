"""The recorder process is killed (SIGKILL) mid-recording: every closed segment still plays
in full and its hash matches the journal; the half-written one is accounted for, and the
restarted recorder journals the hole between the last frame on disk and its own first frame."""

from __future__ import annotations

import datetime as _dt
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.camera.clip import count_frames
from app.camera.recorder import sha256_file
from app.camera.synthetic import write_test_video
from app.core.camera import RESTART_GAP_REASON
from app.services.camera import CameraService
from app.services.journal import JournalService
from tests.conftest import ADMIN_PASSWORD, PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]


def _env():
    env = dict(os.environ, EXAMSITE_PASSPHRASE=PASSPHRASE, EXAMSITE_PASSWORD=ADMIN_PASSWORD,
               PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return env


def test_sigkill_leaves_every_closed_segment_playable_and_journaled(site, admin, site_dir, tmp_path):
    video = write_test_video(tmp_path / "room.avi", frames=20, fps=20, size=(640, 480))
    svc = CameraService(admin)
    svc.add_camera("C1", "前方", "第1考场", "R01", str(video), loop=True)
    proc = subprocess.Popen([sys.executable, "-m", "app", "camera", "record", "--site", str(site_dir),
                             "--camera", "C1", "--segment-seconds", "1"],
                            cwd=ROOT, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while len(svc.segments(camera="C1")) < 2:
            assert proc.poll() is None, proc.stdout.read().decode()
            assert time.monotonic() < deadline, "recorder produced no segments"
            time.sleep(0.1)
        folder = site_dir / "media" / "video" / "R01"
        indexed = {x.path.name for x in svc.segments(camera="C1")}
        while not any(p.stat().st_size > 0 for p in folder.glob("C1_*.esv") if p.name not in indexed):
            assert time.monotonic() < deadline, "the segment in progress never reached the disk"
            time.sleep(0.05)  # wait until the segment being written has data on disk
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == -signal.SIGKILL
    segs = svc.segments(camera="C1")
    journal = {json.loads(e.payload)["path"]: json.loads(e.payload)
               for e in JournalService(admin).recent(1000, "camera.segment") if e.action == "camera.segment"}
    assert len(segs) >= 2
    for s in segs:
        assert count_frames(s.path, admin.store.keys.file_key) == s.frames == 20
        rel = s.path.relative_to(site_dir).as_posix()
        assert sha256_file(s.path) == s.sha256 == journal[rel]["sha256"]
    assert JournalService(admin).verify().ok
    # the next start accounts for the file that was being written when the process died
    on_disk = sorted((site_dir / "media" / "video" / "R01").glob("C1_*.esv"))
    assert len(on_disk) > len(segs)
    svc.recover_orphans("C1")
    after = svc.segments(camera="C1")
    alerts = [json.loads(e.payload) for e in JournalService(admin).recent(1000, "camera.alert")]
    recovered = [s for s in after if s.status == "recovered"]
    unreadable = [a for a in alerts if a["kind"] == "segment_unreadable"]
    # FFmpeg's writer flushes every 256 KiB: the killed segment keeps all but its last few frames
    assert len(recovered) >= 1 and len(recovered) + len(unreadable) == len(on_disk) - len(segs)
    assert {s.path for s in after} == set((site_dir / "media" / "video" / "R01").glob("C1_*.esv"))
    for s in recovered:
        assert count_frames(s.path, admin.store.keys.file_key) == s.frames > 0
    assert svc.verify_segments() == []

    # restarted: one gap, from the real end of the recovered frames to the new run's first frame
    assert svc.gaps(camera="C1") == []
    last = max(after, key=lambda s: s.end)
    assert last.status == "recovered"
    real_end = last.start + _dt.timedelta(seconds=count_frames(last.path, admin.store.keys.file_key) / last.fps)
    restart_at = admin.now()
    svc.recorder("C1", segment_seconds=1, max_seconds=1.5).start().join(30)
    new = [s for s in svc.segments(camera="C1") if s.start >= restart_at]
    gaps = svc.gaps(camera="C1")
    assert len(gaps) == 1 and new
    gap = gaps[0]
    assert abs((gap.start - real_end).total_seconds()) <= 1 / last.fps
    assert gap.end >= restart_at and gap.end == min(s.start for s in new)
    assert gap.reason == RESTART_GAP_REASON and gap.room == "第1考场"
    logged = [json.loads(e.payload) for e in JournalService(admin).recent(1000, "camera.gap")]
    assert [g["reason"] for g in logged] == [RESTART_GAP_REASON]
    # that run stopped cleanly: a later start is not a gap (the recorder was deliberately off)
    svc.recorder("C1", segment_seconds=1, max_seconds=1).start().join(30)
    assert svc.gaps(camera="C1") == gaps
    assert JournalService(admin).verify().ok
