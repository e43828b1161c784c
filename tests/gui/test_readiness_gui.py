"""The 「考前自检」 button of the site administrator's workplace: runs off the UI thread, shows
the busy bar, then the table of checks and the signed report's verdict."""

from PySide6.QtCore import Qt

from app.camera.synthetic import write_test_video
from app.core import readiness as core
from app.services.camera import CameraService
from app.services.readiness import ReadinessService
from app.ui.admin.site_admin import SiteAdminWorkplace
from app.ui.common.tasks import wait_for_tasks


def test_readiness_button_runs_and_shows_every_check(qtbot, admin, tmp_path):
    video = write_test_video(tmp_path / "room.avi", 10, 15.0, (320, 240), "R1")
    CameraService(admin).add_camera("CAM01", "前门", "第一考场", "R1", str(video))
    w = SiteAdminWorkplace(admin)
    qtbot.addWidget(w)
    tab = w.readiness
    w.setCurrentWidget(tab)
    w.show()
    assert tab.run_button.text() == "考前自检" and not tab.pdf_button.isEnabled()
    qtbot.mouseClick(tab.run_button, Qt.LeftButton)
    assert not tab.run_button.isEnabled() and tab.busy.maximum() == 0  # busy while the worker runs
    qtbot.waitUntil(lambda: tab.table.rowCount() == len(core.CHECKS), timeout=30000)
    assert tab.run_button.isEnabled() and tab.busy.maximum() == 1
    rows = {tab.table.item(r, 0).data(Qt.UserRole): (tab.table.item(r, 1).text(), tab.table.item(r, 2).text())
            for r in range(tab.table.rowCount())}
    assert rows["cameras"][0].startswith("✓") and "CAM01 320x240" in rows["cameras"][1]
    assert rows["store"][0].startswith("✓") and rows["printer"][0].startswith("-")
    assert "签名并保存" in tab.verdict.text()
    stored = ReadinessService(admin).reports()
    assert len(stored) == 1 and ReadinessService(admin).verify(stored[0].id)
    assert tab.pdf_button.isEnabled()
    tab.write_pdf(str(tmp_path / "r.pdf"))
    assert wait_for_tasks()
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
