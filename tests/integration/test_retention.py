"""Retention by province profile (issue 18 item 8): the strictest floor wins, nothing is purged
before it, and a register shows what is kept until when."""

from __future__ import annotations

import datetime as _dt

from app.camera.recorder import ClosedSegment, sha256_file
from app.services.base import ServiceContext
from app.services.bundle import ExportService
from app.services.camera import CameraService
from app.services.demo import DEMO_PLAN, build_demo_site
from app.services.retention import RetentionService
from app.services.roster import RosterService
from app.services.site import open_site
from app.store.keys import TEST_KDF
from tests.conftest import sign_supervision_report
from tests.integration.test_camera import write_test_video


class _Clock:
    def __init__(self, when):
        self.when = when

    def now(self):
        return self.when


def test_hunan_video_kept_five_years_not_one(tmp_path):
    """Hunan "电子材料不少于5年" [000 L97] is stricter than video "保留一年以上" [002 L3820]: on a Hunan
    site a verified batch's video is still kept after two years, and may go after five."""
    info = build_demo_site(tmp_path / "hn", candidates=4, seed=5, kdf=TEST_KDF, profile="hunan",
                           exam_day=_dt.date(2026, 6, 1))
    handle = open_site(info.site_dir, info.passphrase)
    try:
        admin = handle.login("admin", "Demo-admin-2026")
        cams = CameraService(admin)
        cams.add_camera("C1", "前方", "第1考场", "R01", "0")
        batch = RosterService(admin).batches()[0]
        start = _dt.datetime.combine(batch.exam_start, _dt.time(9, 0)).astimezone()
        path = write_test_video(cams.media_dir / "R01" / "C1_old.avi", frames=5, fps=5)
        seg = cams.index_segment("C1", ClosedSegment("C1", path, start, start + _dt.timedelta(seconds=1), 5, 5,
                                                     path.stat().st_size, sha256_file(path)))
        sign_supervision_report(handle)
        out = tmp_path / "b.zip"
        view = ExportService(admin).make(out, "Demo-admin-2026")
        ExportService(handle.login("neidu", "Demo-neidu-2026")).countersign(view.seq, out, "Demo-neidu-2026")
        assert ExportService(admin).verify(view.seq, out).ok

        def at(days):
            return CameraService(ServiceContext(admin.store, admin.actor, _Clock(start + _dt.timedelta(days=days))))
        assert at(2 * 365).retention_plan() == []                       # not even a candidate for purge
        assert [(i.segment_id, i.purgeable) for i in at(5 * 365 + 2).retention_plan()] == [(seg, True)]
        rows = {r.what: r for r in RetentionService(admin).register() if r.plan_no == DEMO_PLAN}
        video = rows["考场视频录像"]
        assert video.years == 5 and video.ref == "000 L97" and video.count == 1
        assert video.keep_until == _dt.date(2031, 6, 1)
    finally:
        handle.close()


def test_retention_register_shows_what_is_kept_until_when(demo, demo_login):
    """Henan site: video 1 year [002 L3820], answers 3 years [002 L3856], scoring records 3 years and
    work pieces 1 year [002 L3858]."""
    rows = {r.what: r for r in RetentionService(demo_login("admin")).register() if r.plan_no == DEMO_PLAN}
    end = RosterService(demo_login("admin")).batches()[0].exam_end
    assert (rows["考场视频录像"].years, rows["考场视频录像"].ref) == (1, "002 L3820")
    assert (rows["理论考试答题记录"].years, rows["理论考试答题记录"].ref) == (3, "002 L3856")
    assert rows["实操评分记录（考评员签字）"].years == 3 and rows["考件照片"].years == 1
    assert rows["理论考试答题记录"].keep_until == end.replace(year=end.year + 3)
