"""The 视频监控 workplace offscreen, with real capture workers on real video files."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.camera.synthetic import write_test_video
from app.services.camera import CameraService
from app.ui import workplaces


def _cameras(admin, tmp_path, n=2):
    svc = CameraService(admin)
    for i in range(1, n + 1):
        video = write_test_video(tmp_path / f"r{i}.avi", frames=20, fps=20, label=f"R0{i}")
        svc.add_camera(f"C{i}", f"前方{i}", f"第{i}考场", f"R0{i}", str(video), loop=True)
    return svc


def test_wall_shows_frames_records_and_stops_after_confirmation(qtbot, admin, tmp_path, monkeypatch):
    svc = _cameras(admin, tmp_path)
    cls = workplaces.factory("cameras")
    page = cls(admin, None)
    qtbot.addWidget(page)
    wall = page.wall
    wall.segment_seconds = 0.5
    assert set(wall.tiles) == {"C1", "C2"}
    qtbot.waitUntil(lambda: all(t.frames_shown > 0 for t in wall.tiles.values()), timeout=10000)
    assert all(t.clock.text() != "--:--:--" for t in wall.tiles.values())
    assert not wall.recording and wall.tiles["C1"].light.text() != "● 录像中"
    qtbot.mouseClick(wall.start_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: all(t.state == "recording" for t in wall.tiles.values()), timeout=10000)
    assert wall.tiles["C1"].light.text() == "● 录像中"
    qtbot.waitUntil(lambda: len(svc.segments()) >= 2, timeout=15000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    qtbot.mouseClick(wall.stop_button, Qt.LeftButton)
    assert wall.recording
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    qtbot.mouseClick(wall.stop_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: not wall.recording and wall.start_button.isEnabled(), timeout=15000)
    assert svc.verify_segments() == []
    page.close()
    assert not wall.workers


def test_config_test_button_and_add(qtbot, admin, tmp_path, monkeypatch):
    from app.ui.cameras.config import CameraConfig

    video = write_test_video(tmp_path / "x.avi", frames=5, fps=10)
    page = CameraConfig(admin)
    qtbot.addWidget(page)
    page.room.setCurrentText("第3考场")
    page.room_code.setText("R03")
    page.code.setText("C3")
    page.name.setText("后方")
    page.source.setText(str(video))
    qtbot.mouseClick(page.test_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: getattr(page, "last_test_size", None) == (320, 240), timeout=10000)
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)     # added off the UI thread
    assert page.table.item(0, 0).text() == "C3"
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    page.code.setText("第三")
    page.name.setText("x")
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings), timeout=10000)
    assert "ASCII" in warnings[0] and page.table.rowCount() == 1


def test_incident_list_records_and_shows_video(qtbot, admin, tmp_path):
    from app.ui.cameras.incidents import IncidentList

    svc = _cameras(admin, tmp_path, n=1)
    svc.recorder("C1", segment_seconds=0.5, max_seconds=1.5).start().join(30)
    page = IncidentList(admin)
    qtbot.addWidget(page)
    page.room.setCurrentText("第1考场")
    page.text.setText("考生举手")
    qtbot.mouseClick(page.add_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10000)
    assert page.table.item(0, 2).text() == "考生举手"
    page.table.selectRow(0)
    page.show_video()
    qtbot.waitUntil(lambda: bool(page.dialogs) and page.dialogs[0].frames_shown >= 3, timeout=15000)
    for d in page.dialogs:
        d.reject()


def test_recordings_view_shows_segments_and_gaps(qtbot, admin, tmp_path):
    import datetime as _dt

    from app.ui.cameras.recordings import RecordingsView

    svc = _cameras(admin, tmp_path, n=1)
    svc.recorder("C1", segment_seconds=0.5, max_seconds=1.2).start().join(30)
    segs = svc.segments()
    svc.record_gap("C1", segs[-1].end, segs[-1].end + _dt.timedelta(seconds=3), "视频源中断")
    page = RecordingsView(admin)
    qtbot.addWidget(page)
    page.room.setCurrentText("第1考场")
    page.reload()
    kinds = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    assert kinds.count("录像") == len(segs) and kinds[-1] == "中断"
    assert "中断 1 处" in page.info.text()


def test_retention_tab_lists_and_refuses_non_admins(qtbot, admin, demo_login):
    from app.ui.cameras.retention import RetentionView

    page = RetentionView(admin)
    qtbot.addWidget(page)
    qtbot.mouseClick(page.list_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: page.info.text() == "没有到期的录像", timeout=10000)
    assert not page.purge_button.isEnabled()
    other = RetentionView(demo_login("jiankao1"))
    qtbot.addWidget(other)
    qtbot.mouseClick(other.list_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "无权" in other.info.text(), timeout=10000)
