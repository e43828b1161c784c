"""The camera wall: every configured camera in a grid with its name, a recording light and
the time; frames arrive from the capture workers at a modest rate (5 fps) through signals.
Recording starts with one click and runs by itself; stopping asks first."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout,
                               QWidget)

from app.services.camera import CameraService
from app.ui.cameras.bridge import CameraBridge
from app.ui.common.tasks import run_task

STATE_TEXT = {
    "connecting": ("连接中", "#9e9e9e"),
    "live": ("实时", "#2e7d32"),
    "recording": ("● 录像中", "#c62828"),
    "recording_disk_low": ("● 录像中（磁盘将满）", "#ef6c00"),
    "lost": ("信号中断", "#ef6c00"),
    "disk_full": ("磁盘将满，录像已停止", "#b71c1c"),
    "ended": ("已结束", "#9e9e9e"),
    "stopped": ("未录像", "#9e9e9e"),
}


class CameraTile(QFrame):
    def __init__(self, code: str, name: str, room: str, parent=None):
        super().__init__(parent)
        self.code = code
        self.setFrameShape(QFrame.StyledPanel)
        self.setFocusPolicy(Qt.StrongFocus)
        self.title = QLabel(f"{room} · {name}（{code}）")
        self.light = QLabel()
        self.clock = QLabel("--:--:--")
        self.picture = QLabel()
        self.picture.setMinimumSize(240, 135)
        self.picture.setAlignment(Qt.AlignCenter)
        self.picture.setStyleSheet("background:#111;color:#bbb")
        self.message = QLabel()
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.light)
        top.addWidget(self.clock)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.picture, 1)
        lay.addWidget(self.message)
        self.frames_shown = 0
        self.set_state("connecting", "")

    def set_state(self, state: str, message: str) -> None:
        text, colour = STATE_TEXT.get(state, (state, "#9e9e9e"))
        self.state = state
        self.light.setText(text)
        self.light.setStyleSheet(f"color:{colour};font-weight:bold")
        self.message.setText(message if state in ("lost", "disk_full", "connecting", "recording_disk_low") else "")
        if state == "lost":
            self.picture.setText(self.tr("信号中断，正在自动重连"))

    def show_frame(self, image, time_text: str) -> None:
        pix = QPixmap.fromImage(image).scaled(self.picture.size(), Qt.KeepAspectRatio, Qt.FastTransformation)
        self.picture.setPixmap(pix)
        self.clock.setText(time_text)
        self.frames_shown += 1


class CameraWall(QWidget):
    recording_changed = Signal(bool)

    def __init__(self, ctx, parent=None, *, segment_seconds: float | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = CameraService(ctx)
        self.segment_seconds = segment_seconds
        self.bridge = CameraBridge(self)
        self.bridge.frame.connect(self._on_frame)
        self.bridge.status.connect(self._on_status)
        self.tiles: dict[str, CameraTile] = {}
        self.workers = []
        self.recording = False
        self.start_button = QPushButton(self.tr("开始录像(&R)"))
        self.stop_button = QPushButton(self.tr("停止录像(&S)"))
        self.refresh_button = QPushButton(self.tr("刷新摄像头列表"))
        self.start_button.clicked.connect(self.start_recording)
        self.stop_button.clicked.connect(self.confirm_stop)
        self.refresh_button.clicked.connect(self.reload)
        self.summary = QLabel()
        bar = QHBoxLayout()
        for w in (self.start_button, self.stop_button, self.refresh_button):
            bar.addWidget(w)
        bar.addWidget(self.summary, 1)
        self.grid = QGridLayout()
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addLayout(self.grid, 1)
        self.reload()

    # -- cameras -----------------------------------------------------------
    def reload(self) -> None:
        self._stop_workers()
        for tile in self.tiles.values():
            tile.setParent(None)
            tile.deleteLater()
        self.tiles.clear()
        cams = self.service.cameras()
        cols = max(1, math.ceil(math.sqrt(len(cams))))
        for i, cam in enumerate(cams):
            tile = CameraTile(cam.code, cam.name, cam.room, self)
            self.tiles[cam.code] = tile
            self.grid.addWidget(tile, i // cols, i % cols)
        if not cams:
            self.summary.setText(self.tr("尚未配置摄像头：请在「摄像头配置」中添加"))
        self._start_workers(record=False)

    def _worker_options(self) -> dict:
        return {"on_preview": self.bridge.on_preview, "on_status": self.bridge.on_status, "preview_fps": 5.0}

    def _make_workers(self, codes: list[str], record: bool):
        """Create and start the workers (on a worker thread when recording: it journals)."""
        made, failed = [], []
        for code in codes:
            try:
                if record:
                    w = self.service.recorder(code, segment_seconds=self.segment_seconds, **self._worker_options())
                else:
                    w = self.service.previewer(code, **self._worker_options())
                made.append(w.start())
            except Exception as exc:  # noqa: BLE001 - shown to the person, the others keep going
                failed.append(f"{code}：{exc}")
        return made, failed

    def _start_workers(self, record: bool) -> None:
        self._running(*self._make_workers(list(self.tiles), record), record)

    def _running(self, made, failed, record: bool) -> None:
        self.workers = made
        self.recording = record and bool(self.workers)
        self.start_button.setEnabled(not self.recording)
        self.stop_button.setEnabled(self.recording)
        self.refresh_button.setEnabled(not self.recording)
        n = len(self.tiles)
        self.summary.setText(self.tr("共 {0} 路，{1}").format(n, self.tr("录像中") if self.recording else self.tr("仅预览"))
                             + ("；" + "；".join(failed) if failed else ""))
        self.recording_changed.emit(self.recording)

    def _stop_workers(self) -> None:
        """Previewers are only asked to stop (a stream read may take seconds to time out and
        nothing of theirs needs closing); recorders are waited for, so their last segment is
        closed and journaled (only at shutdown: stopping from the button runs as a task)."""
        workers, self.workers = self.workers, []
        for w in workers:
            w._stop.set()  # ask all first, then wait: segments close in parallel
        for w in workers:
            if w.plan is not None:
                w.join(15)

    # -- actions -------------------------------------------------------------
    def start_recording(self) -> None:
        previewers = list(self.workers)
        self._stop_workers()
        self.start_button.setEnabled(False)
        codes = list(self.tiles)

        def work():
            for p in previewers:  # a USB camera opens once: let the previewer let go first
                p.join(10)
            return self._make_workers(codes, True)

        run_task(self, work, lambda r: self._running(*r, True),
                 lambda exc: QMessageBox.warning(self, self.tr("开始录像"), str(exc)), self.tr("正在启动录像…"),
                 changes={"cameras"})

    def confirm_stop(self) -> None:
        answer = QMessageBox.question(self, self.tr("停止录像"),
                                      self.tr("考试期间应全程录像。确定停止全部摄像头的录像吗？"),
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer == QMessageBox.Yes:
            self.stop_recording()

    def stop_recording(self) -> None:
        workers, self.workers = self.workers, []

        def stop_all():
            for w in workers:
                w._stop.set()
            for w in workers:
                w.join(15)

        self.start_button.setEnabled(False)
        self.stop_button.setEnabled(False)
        run_task(self, stop_all, lambda _: self._start_workers(record=False),
                 lambda exc: QMessageBox.warning(self, self.tr("停止录像"), str(exc)),
                 self.tr("正在关闭录像分段…"), changes={"cameras"})

    # -- signals from workers ---------------------------------------------
    def _on_frame(self, code: str, image, time_text: str) -> None:
        tile = self.tiles.get(code)
        if tile is not None:
            tile.show_frame(image, time_text)

    def _on_status(self, code: str, state: str, message: str) -> None:
        tile = self.tiles.get(code)
        if tile is not None:
            tile.set_state(state, message)
            if state == "disk_full" and not getattr(tile, "alerted", False):
                tile.alerted = True
                box = QMessageBox(QMessageBox.Critical, self.tr("磁盘空间不足"),
                                  self.tr("摄像头 {0}：{1}").format(code, message or self.tr("录像已停止")),
                                  QMessageBox.Ok, self)
                box.open()

    def shutdown(self) -> None:
        self._stop_workers()

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)
