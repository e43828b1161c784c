"""Wiring: check-in mismatches and misconduct findings bookmark the room's camera; a verified
export bundle releases the batch's video for retention (real demo site, real SQLCipher store)."""

from __future__ import annotations

import datetime as _dt
import json

import pytest
from sqlalchemy import select

from app.camera.recorder import ClosedSegment, sha256_file
from app.services.base import ServiceContext
from app.services.bundle import ExportService
from app.services.camera import CameraService
from app.services.checkin import CheckinService
from app.services.demo import DEMO_PLAN, DEMO_STAFF
from app.services.misconduct import MisconductService
from app.services.roster import RosterService
from app.store import models
from app.store.camera_tables import BatchExportStatus, CameraBookmark
from tests.integration.test_camera import write_test_video


@pytest.fixture
def demo(demo):
    """The demo site with its 内部督导情况报告 signed: an export needs it (issue 18 item 7)."""
    from tests.conftest import sign_supervision_report
    sign_supervision_report(demo)
    return demo


PW = {u: p for u, _, _, p, _ in DEMO_STAFF}
UTC = _dt.timezone.utc


class _Clock:
    def __init__(self, t):
        self.t = t

    def now(self):
        return self.t


def _journal(demo, action):
    with demo.store.read() as s:
        return [(e.subject, json.loads(e.payload)) for e in s.scalars(
            select(models.JournalEntry).where(models.JournalEntry.action == action).order_by(models.JournalEntry.seq))]


def _candidates(demo, room):
    with demo.store.read() as s:
        return list(s.scalars(select(models.Candidate).where(models.Candidate.room == room)
                              .order_by(models.Candidate.ticket_no)))


@pytest.fixture
def room1_camera(demo_login):
    """A camera on 第1考场 only; 第2考场 has none."""
    CameraService(demo_login("admin")).add_camera("C1", "前方全景", "第1考场", "R01", "0")


def test_checkin_mismatch_bookmarks_the_room_camera(demo, demo_login, room1_camera):
    now = _dt.datetime(2026, 11, 23, 0, 45, tzinfo=UTC)
    demo.clock = _Clock(now)
    admin = CheckinService(demo_login("admin"))
    sid = admin.create_session(DEMO_PLAN, "理论知识考试", "theory", now + _dt.timedelta(minutes=15), 30)
    desk = CheckinService(demo_login("kaowu"))
    in_room1 = _candidates(demo, "第1考场")[0]
    in_room2 = _candidates(demo, "第2考场")[0]

    iid = desk.report_mismatch(sid, in_room1.ticket_no)
    iid2 = desk.report_mismatch(sid, in_room2.ticket_no)     # no camera there: incident still opened
    incidents = {i.id: i for i in CheckinService(demo_login("kaochang")).incidents(sid)}
    assert incidents[iid2].bookmark_id is None and incidents[iid2].ticket_no == in_room2.ticket_no
    bm_id = incidents[iid].bookmark_id
    assert bm_id is not None
    [bm] = CameraService(demo_login("kaochang")).bookmarks("第1考场")
    assert bm.id == bm_id and bm.origin == "checkin" and in_room1.ticket_no in bm.text
    assert bm.at == now
    assert CameraService(demo_login("kaochang")).bookmarks("第2考场") == []
    mism = dict((subj, p) for subj, p in _journal(demo, "checkin.mismatch"))
    assert mism[in_room1.ticket_no]["bookmark"] == bm_id and mism[in_room2.ticket_no]["bookmark"] is None
    assert [p["id"] for _, p in _journal(demo, "camera.bookmark")] == [bm_id]


def test_camera_trouble_never_fails_the_checkin_incident(demo, demo_login, room1_camera):
    """Even with the bookmark table gone, the incident is recorded (savepoint), just without a bookmark."""
    now = _dt.datetime(2026, 11, 23, 0, 45, tzinfo=UTC)
    demo.clock = _Clock(now)
    sid = CheckinService(demo_login("admin")).create_session(DEMO_PLAN, "理论知识考试", "theory",
                                                             now + _dt.timedelta(minutes=15), 30)
    with demo.store.write() as s:
        s.execute(CameraBookmark.__table__.delete())
        s.connection().exec_driver_sql("DROP TABLE camera_bookmark")
    c = _candidates(demo, "第1考场")[1]
    iid = CheckinService(demo_login("kaowu")).report_mismatch(sid, c.ticket_no)
    [inc] = CheckinService(demo_login("kaochang")).incidents(sid)
    assert inc.id == iid and inc.bookmark_id is None and inc.ticket_no == c.ticket_no
    assert _journal(demo, "camera.bookmark") == []
    assert demo.store.journal.verify().ok


def test_misconduct_finding_bookmarks_the_room_camera(demo, demo_login, room1_camera):
    batch = [b for b in RosterService(demo_login("admin")).batches() if b.plan_no == DEMO_PLAN][0]
    now = _dt.datetime.combine(batch.exam_start, _dt.time(9, 40)).astimezone().astimezone(UTC)
    demo.clock = _Clock(now)
    proctor = MisconductService(demo_login("jiankao1"))
    c1, c2 = _candidates(demo, "第1考场")[2], _candidates(demo, "第2考场")[2]
    fid = proctor.open_finding(c1.ticket_no, "theory", 6, 1, "09:40 监考发现考生使用手机查看答案，当场收缴")
    fid2 = proctor.open_finding(c2.ticket_no, "theory", 6, 1, "09:41 监考发现考生使用手机查看答案，当场收缴")
    views = {f.id: f for f in proctor.findings(DEMO_PLAN)}
    assert views[fid2].bookmark_id is None
    [bm] = CameraService(demo_login("jiankao1")).bookmarks("第1考场")
    assert views[fid].bookmark_id == str(bm.id)
    assert bm.origin == "misconduct" and c1.ticket_no in bm.text and bm.at == now
    opened = {subj: p for subj, p in _journal(demo, "misconduct.open")}
    assert opened[c1.ticket_no]["bookmark"] == str(bm.id) and opened[c2.ticket_no]["bookmark"] is None
    # a bookmark the proctor already made is kept, not doubled
    fid3 = proctor.open_finding(_candidates(demo, "第1考场")[3].ticket_no, "theory", 6, 1,
                                "09:45 监考发现考生夹带纸条，当场收缴", bookmark_id="77")
    assert {f.id: f for f in proctor.findings(DEMO_PLAN)}[fid3].bookmark_id == "77"
    assert len(CameraService(demo_login("jiankao1")).bookmarks("第1考场")) == 1


def test_verified_export_lets_the_batch_video_go_after_a_year(demo, demo_login, tmp_path):
    admin = demo_login("admin")
    cams = CameraService(admin)
    cams.add_camera("C1", "前方", "第1考场", "R01", "0")
    batch = [b for b in RosterService(admin).batches() if b.plan_no == DEMO_PLAN][0]
    start = _dt.datetime.combine(batch.exam_start, _dt.time(9, 0)).astimezone()
    path = write_test_video(cams.media_dir / "R01" / "C1_old.avi", frames=5, fps=5)
    seg_id = cams.index_segment("C1", ClosedSegment("C1", path, start, start + _dt.timedelta(seconds=1), 5, 5,
                                                    path.stat().st_size, sha256_file(path)))
    later = CameraService(ServiceContext(admin.store, admin.actor, _Clock(start + _dt.timedelta(days=400))))
    assert [(i.segment_id, i.purgeable) for i in later.retention_plan()] == [(seg_id, False)]

    out = tmp_path / "b.zip"
    export = ExportService(admin)
    view = export.make(out, PW["admin"])
    assert not export.verify(view.seq, out).ok                  # not countersigned: nothing released
    assert [(i.segment_id, i.purgeable) for i in later.retention_plan()] == [(seg_id, False)]
    ExportService(demo_login("neidu")).countersign(view.seq, out, PW["neidu"])
    assert export.verify(view.seq, out).ok
    assert [(i.segment_id, i.purgeable) for i in later.retention_plan()] == [(seg_id, True)]
    with demo.store.read() as s:
        st = s.get(BatchExportStatus, DEMO_PLAN)
        assert st.verified_at is not None and st.bundle_sha256 == export.history()[0].file_sha256
    [(subj, p)] = _journal(demo, "camera.export_verified")
    assert subj == DEMO_PLAN and p["bundle_sha256"] == st.bundle_sha256
    export.verify(view.seq, out)                                 # verifying again changes nothing
    assert len(_journal(demo, "camera.export_verified")) == 1
    assert later.purge([seg_id], confirmed=True) == 1 and not path.exists()
    assert demo.store.journal.verify().ok
