"""The 视频监控 workplace: wall, configuration, incidents."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from app.ui.cameras.config import CameraConfig
from app.ui.cameras.incidents import IncidentList
from app.ui.cameras.recordings import RecordingsView
from app.ui.cameras.retention import RetentionView
from app.ui.cameras.wall import CameraWall


class CamerasWorkplace(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.tabs = QTabWidget()
        self.wall = CameraWall(ctx, self)
        self.config = CameraConfig(ctx, self)
        self.incidents = IncidentList(ctx, self)
        self.recordings = RecordingsView(ctx, self)
        self.retention = RetentionView(ctx, self)
        self.tabs.addTab(self.wall, self.tr("监控墙"))
        self.tabs.addTab(self.config, self.tr("摄像头配置"))
        self.tabs.addTab(self.incidents, self.tr("考场情况与录像"))
        self.tabs.addTab(self.recordings, self.tr("录像记录"))
        self.tabs.addTab(self.retention, self.tr("保存期限"))
        self.tabs.currentChanged.connect(self._tab_changed)
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.incidents:
            self.incidents.reload()
        elif page is self.config:
            self.config.reload()
        elif page is self.recordings:
            self.recordings.refresh_rooms()

    def closeEvent(self, event) -> None:
        self.wall.shutdown()
        super().closeEvent(event)
