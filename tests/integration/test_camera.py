"""Recording from real video files through the real recorder into the real store."""

from __future__ import annotations

import datetime as _dt
import json
import threading
import time

import cv2
import numpy as np
import pytest

from app.camera.segment_file import open_segment
from app.camera.clip import count_frames
from app.camera.recorder import sha256_file
from app.camera.sources import SourceUnavailable
from app.camera.synthetic import read_index, write_test_video
from app.core.errors import DomainError, PermissionDenied
from app.services.base import ServiceContext
from app.services.camera import CameraService
from app.services.journal import JournalService


def journal_payloads(ctx, action):
    return [json.loads(e.payload) for e in JournalService(ctx).recent(1000, action) if e.action == action]


def index_of(frame) -> int:
    return read_index(frame)


@pytest.fixture
def cams(admin, tmp_path):
    video = write_test_video(tmp_path / "room1.avi", frames=40, fps=20, label="R01")
    svc = CameraService(admin)
    svc.add_camera("C1", "前方全景", "第1考场", "R01", str(video))
    return svc, video


def test_records_a_file_across_segments_hashed_into_the_journal(cams, admin):
    svc, video = cams
    worker = svc.recorder("C1", segment_seconds=0.5).start()
    worker.join(30)
    assert not worker.is_alive()
    segs = svc.segments(camera="C1")
    assert len(segs) == 4  # 40 frames at 20 fps, 0.5 s segments
    assert sum(s.frames for s in segs) == 40 == worker.stats.offered == worker.stats.recorded
    journal = {p["path"]: p for p in journal_payloads(admin, "camera.segment")}
    for s in segs:
        assert s.path.is_relative_to(svc.site_dir / "media")
        assert count_frames(s.path, admin.store.keys.file_key) == s.frames == 10
        assert sha256_file(s.path) == s.sha256 == journal[s.path.relative_to(svc.site_dir).as_posix()]["sha256"]
        assert s.end > s.start and s.room == "第1考场"
    assert [s.start for s in segs] == sorted(s.start for s in segs)
    assert svc.verify_segments() == []
    # the overlay is burned in: the bottom-left strip is dark text background, not the source picture
    cap = open_segment(segs[0].path, admin.store.keys.file_key)
    ok, frame = cap.read()
    cap.release()
    src = cv2.VideoCapture(str(video))
    _, original = src.read()
    src.release()
    assert ok and index_of(frame) == 0
    strip = (slice(frame.shape[0] - 14, frame.shape[0] - 4), slice(2, 10))
    assert frame[strip].mean() < 40 < original[strip].mean()
    assert JournalService(admin).verify().ok


def test_a_changed_segment_is_caught_by_verify(cams):
    svc, _ = cams
    svc.recorder("C1", segment_seconds=1).start().join(30)
    seg = svc.segments(camera="C1")[0]
    data = bytearray(seg.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    seg.path.write_bytes(bytes(data))
    problems = svc.verify_segments()
    assert len(problems) == 1 and "哈希不符" in problems[0]


def test_a_source_that_disappears_is_reconnected_and_the_gap_journaled(admin, tmp_path):
    video = write_test_video(tmp_path / "loop.avi", frames=10, fps=20)
    svc = CameraService(admin)
    svc.add_camera("C2", "后方", "第2考场", "R02", str(video), loop=True)
    events: list[tuple[str, str]] = []
    lost, back = threading.Event(), threading.Event()

    def status(code, state, message):
        events.append((state, message))
        if state == "lost":
            lost.set()
        if state == "live" and message == "已重新连接":
            back.set()

    worker = svc.recorder("C2", segment_seconds=0.4, backoff=(0.05, 2, 0.2), on_status=status).start()
    try:
        deadline = time.monotonic() + 30
        while worker.stats.offered < 1 and time.monotonic() < deadline:  # the camera is up before it drops
            time.sleep(0.01)
        assert worker.stats.offered >= 1
        hidden = video.with_suffix(".gone")
        video.rename(hidden)  # the loop reopens the file at its end: the camera "drops"
        assert lost.wait(10)
        hidden.rename(video)
        assert back.wait(10)
        deadline = time.monotonic() + 30
        while worker.stats.offered < 40 and time.monotonic() < deadline:
            back.wait(0.05)
        assert worker.stats.offered >= 40
    finally:
        worker.stop()
    gaps = svc.gaps(camera="C2")
    assert len(gaps) == 1 and gaps[0].end > gaps[0].start and gaps[0].room == "第2考场"
    assert worker.stats.reconnects >= 1
    payload = journal_payloads(admin, "camera.gap")[0]
    assert payload["seconds"] > 0 and payload["room"] == "第2考场"
    segs = svc.segments(camera="C2")
    # Recording stops at the drop and resumes after it: one segment began before the gap, one after.
    # (Segment ends are nominal, start + frames/fps; when a loaded machine delivers a file's frames in a
    # burst, that can pass the wall-clock gap start, so the ends are not compared here.)
    assert any(s.start < gaps[0].start for s in segs) and any(s.start >= gaps[0].end for s in segs)
    assert all(count_frames(s.path, admin.store.keys.file_key) == s.frames for s in segs)


def test_disk_watchdog_warns_then_stops_cleanly(cams, admin):
    svc, _ = cams
    readings = iter([10_000, 400, 50])  # bytes free: read before each segment and each second of video

    def free_space(_path):
        return next(readings, 50)

    states = []
    worker = svc.recorder("C1", segment_seconds=0.5, warn_below=500, stop_below=100, free_space=free_space,
                          on_status=lambda code, state, message: states.append(state)).start()
    worker.join(30)
    alerts = [p["kind"] for p in reversed(journal_payloads(admin, "camera.alert"))]
    assert alerts == ["disk_warn", "disk_stop"]
    assert worker.state == "disk_full"
    assert states.index("recording_disk_low") < states.index("disk_full")  # warned early, shown on the tile
    stop = journal_payloads(admin, "camera.record_stop")[0]
    assert stop["disk_full"] is True and stop["recorded"] == 20 and journal_payloads(admin, "camera.record_start")
    segs = svc.segments(camera="C1")
    assert len(segs) == 2 and worker.stats.recorded == 20
    assert all(count_frames(s.path, admin.store.keys.file_key) == s.frames for s in segs)
    assert svc.verify_segments() == []


def test_clip_for_an_incident_window_has_the_right_frames(cams, admin, tmp_path):
    svc, _ = cams
    svc.recorder("C1", segment_seconds=0.5).start().join(30)
    segs = svc.segments(camera="C1")
    t0 = segs[0].start
    bid = svc.bookmark("第1考场", "考生离座", at=t0 + _dt.timedelta(seconds=1))
    video = svc.bookmark_video(bid, before=0.65, after=0.6)
    assert list(video.by_camera) == ["C1"] and len(video.by_camera["C1"]) == 4
    clip = svc.export_clip("C1", video.start, video.end, tmp_path / "incident.avi", bookmark_id=bid)
    cap = cv2.VideoCapture(str(clip.path))
    fps = cap.get(cv2.CAP_PROP_FPS)
    frames = []
    while True:
        ok, f = cap.read()
        if not ok:
            break
        frames.append(f)
    cap.release()
    assert fps == 20 and len(frames) / fps == pytest.approx(1.25, abs=0.051)
    assert index_of(frames[0]) == 7  # 0.35 s into the recording, across three segments
    indices = [index_of(f) for f in frames]
    assert indices == list(range(7, 7 + len(frames)))  # no frame lost or repeated at the joins
    logged = journal_payloads(admin, "camera.clip")[0]
    assert logged["sha256"] == sha256_file(clip.path) and logged["bookmark"] == bid
    with pytest.raises(DomainError):
        svc.export_clip("C1", t0 + _dt.timedelta(hours=1), t0 + _dt.timedelta(hours=2), tmp_path / "none.avi")


def test_snapshot_for_other_workplaces(cams):
    svc, video = cams
    jpeg = svc.snapshot("C1")
    img = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert jpeg[:2] == b"\xff\xd8" and img.shape == (240, 320, 3)
    assert svc.test_source(str(video))[:2] == b"\xff\xd8"
    with pytest.raises(SourceUnavailable, match="不存在"):
        svc.snapshot(str(video.with_name("missing.avi")))


def test_roles_are_enforced_in_the_service(demo_login):
    from app.services.camera import CameraService

    grader = CameraService(demo_login("kaoping1"))
    with pytest.raises(PermissionDenied):
        grader.bookmark("第1考场", "x")
    with pytest.raises(PermissionDenied):
        grader.segments()
    proctor = CameraService(demo_login("jiankao1"))
    proctor.bookmark("第1考场", "考生举手示意")
    with pytest.raises(PermissionDenied):
        proctor.purge([], confirmed=True)
    with pytest.raises(PermissionDenied):
        proctor.add_camera("C9", "x", "第1考场", "R01", "0")


class _Clock:
    def __init__(self, t):
        self.t = t

    def now(self):
        return self.t


def test_retention_purges_only_verified_batches_after_a_year(demo_login, tmp_path):
    from app.camera.recorder import ClosedSegment
    from app.services.demo import DEMO_PLAN
    from app.store.camera_tables import BatchExportStatus

    admin = demo_login("admin")
    svc = CameraService(admin)
    svc.add_camera("C1", "前方", "第1考场", "R01", "0")
    batch = [b for b in __import__("app.services.roster", fromlist=["x"]).RosterService(admin).batches()
             if b.plan_no == DEMO_PLAN][0]
    start = _dt.datetime.combine(batch.exam_start, _dt.time(9, 0)).astimezone()
    path = write_test_video(svc.media_dir / "R01" / "C1_old.avi", frames=5, fps=5)
    seg_id = svc.index_segment("C1", ClosedSegment("C1", path, start, start + _dt.timedelta(seconds=1), 5, 5,
                                                   path.stat().st_size, sha256_file(path)))
    assert svc.segments()[0].plan_no == DEMO_PLAN
    assert svc.retention_plan() == []  # too young

    later = CameraService(ServiceContext(admin.store, admin.actor, _Clock(start + _dt.timedelta(days=400))))
    plan = later.retention_plan()
    assert [(i.segment_id, i.purgeable) for i in plan] == [(seg_id, False)]
    with pytest.raises(DomainError, match="不满足删除条件"):
        later.purge([seg_id], confirmed=True)
    # the export feature records a verified bundle for the batch
    with admin.store.write() as s:
        s.add(BatchExportStatus(plan_no=DEMO_PLAN, bundle_sha256="ab" * 32, made_at=start, verified_at=start))
    assert later.retention_plan()[0].purgeable
    with pytest.raises(DomainError, match="确认"):
        later.purge([seg_id], confirmed=False)
    assert path.exists()
    assert later.purge([seg_id], confirmed=True) == 1
    assert not path.exists() and svc.segments() == []
    assert svc.segments(include_purged=True)[0].status == "purged"
    purge = journal_payloads(admin, "camera.purge")[0]
    assert purge["segments"][0]["id"] == seg_id and len(purge["segments"][0]["sha256"]) == 64
    assert later.retention_plan(export_verified=lambda p: False) == []


def test_every_camera_service_method_is_guarded():
    import inspect

    from app.services.camera import FaceReviewService

    for cls in (CameraService, FaceReviewService):
        for name, fn in inspect.getmembers(cls, inspect.isfunction):
            if not name.startswith("_"):
                assert hasattr(fn, "capability"), f"{cls.__name__}.{name} has no @requires"


def test_a_camera_code_stands_for_its_source(cams):
    """What the face review snapshots: a configured camera's source by its code, else the text
    itself (the public ``source_of``; issue 15: no service calls another's private method)."""
    svc, video = cams
    spec = svc.source_of("C1")
    assert (spec.kind, spec.value) == ("file", str(video))
    assert (svc.source_of("0").kind, svc.source_of("rtsp://cam/1").kind) == ("index", "url")


def test_settings_keep_at_least_a_year_and_feed_the_recorder(admin, cams):
    from app.core.camera import CameraSettings

    svc, _ = cams
    with pytest.raises(DomainError, match="一年"):
        svc.set_settings(CameraSettings(retention_days=180))
    svc.set_settings(CameraSettings(segment_seconds=30, retention_days=3 * 365, warn_free_gb=20, stop_free_gb=5))
    assert svc.settings().retention_days == 3 * 365
    worker = svc.recorder("C1")
    assert worker.plan.segment_seconds == 30 and worker.plan.stop_below == 5 * 1024 ** 3
    assert journal_payloads(admin, "camera.settings")[0]["after"]["retention_days"] == 1095


def test_a_clean_stop_then_a_later_start_is_not_a_gap(cams, admin):
    svc, _ = cams
    svc.recorder("C1", segment_seconds=0.5).start().join(30)
    worker = svc.recorder("C1", segment_seconds=0.5).start()
    worker.join(30)
    assert len(journal_payloads(admin, "camera.record_stop")) == 2
    assert len(svc.segments(camera="C1")) == 8 and svc.gaps(camera="C1") == [] and worker.stats.gaps == 0


def test_a_run_that_never_journaled_its_stop_leaves_a_gap_up_to_the_next_first_frame(cams, admin):
    from app.core.camera import RESTART_GAP_REASON

    svc, _ = cams
    killed = svc.recorder("C1", segment_seconds=0.5)
    killed.sink.stopped = lambda *a, **k: None  # the process died: its stop never reached the journal
    killed.start().join(30)
    before = svc.segments(camera="C1")
    assert journal_payloads(admin, "camera.record_start") and not journal_payloads(admin, "camera.record_stop")
    svc.recorder("C1", segment_seconds=0.5).start().join(30)
    new = [s for s in svc.segments(camera="C1") if s.id not in {b.id for b in before}]
    gaps = svc.gaps(camera="C1")
    assert len(gaps) == 1 and gaps[0].reason == RESTART_GAP_REASON and gaps[0].room == "第1考场"
    assert gaps[0].start == max(s.end for s in before) and gaps[0].end == min(s.start for s in new)
    logged = journal_payloads(admin, "camera.gap")
    assert len(logged) == 1 and logged[0]["reason"] == RESTART_GAP_REASON and logged[0]["seconds"] >= 0
    # that run stopped cleanly: the next start adds nothing
    svc.recorder("C1", segment_seconds=0.5).start().join(30)
    assert svc.gaps(camera="C1") == gaps


def test_a_run_killed_before_its_first_frame_after_a_clean_stop_counts_from_its_own_start(cams, admin):
    svc, _ = cams
    svc.recorder("C1", segment_seconds=0.5).start().join(30)
    first = svc.segments(camera="C1")
    # A segment ends one frame period after its last frame was taken, so just after a clean stop its
    # end can still lie ahead of the clock; the killed run below starts after it (CI on 2640e5f
    # journaled that start 3.5 ms before the first run's last frame ended, and the gap, rightly,
    # began at the frame's end).
    while admin.now() <= max(s.end for s in first):
        time.sleep(0.005)
    svc.record_run("C1", "start", {})  # what a recorder killed before any frame reached disk leaves behind
    started = JournalService(admin).recent(10, "camera.record_start")[0]
    svc.recorder("C1", segment_seconds=0.5).start().join(30)
    new = [s for s in svc.segments(camera="C1") if s.id not in {f.id for f in first}]
    gaps = svc.gaps(camera="C1")
    assert len(gaps) == 1 and gaps[0].end == min(s.start for s in new)
    # the time between the clean stop and that start was deliberately off: the gap begins at that start
    assert gaps[0].start == _dt.datetime.fromisoformat(started.ts.replace("Z", "+00:00"))
    assert gaps[0].start >= max(s.end for s in first)


def test_disk_watchdog_resumes_when_space_returns(admin, tmp_path):
    """Issue 20 item 6: a full disk is said in one line and recording goes on when space
    returns; the hole is journaled as a gap, and every segment before and after is intact."""
    video = write_test_video(tmp_path / "long.avi", frames=120, fps=20, label="R01")
    svc = CameraService(admin)
    svc.add_camera("C1", "前方全景", "第1考场", "R01", str(video))
    readings = iter([10_000, 10_000, 50, 50, 50])  # full for three looks, then space again

    def free_space(_path):
        return next(readings, 10_000)

    worker = svc.recorder("C1", segment_seconds=0.5, warn_below=500, stop_below=100, free_space=free_space).start()
    worker.join(30)
    alerts = [p["kind"] for p in reversed(journal_payloads(admin, "camera.alert"))]
    assert alerts == ["disk_stop", "disk_resume"]
    gaps = svc.gaps(camera="C1")
    assert [g.reason for g in gaps] == ["磁盘空间不足，录像暂停"]
    segs = svc.segments(camera="C1")
    assert any(s.start < gaps[0].start for s in segs) and any(s.start >= gaps[0].end for s in segs)
    assert svc.verify_segments() == []
    assert journal_payloads(admin, "camera.record_stop")[0]["disk_full"] is False
