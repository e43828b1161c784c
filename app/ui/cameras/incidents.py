"""Incidents (考场情况) with their video: record a moment, see the cameras of that room then,
export a playable clip for the supervisor."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (QHeaderView, QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.core import sitetime
from app.camera.player import PiecePlayer
from app.services.camera import CameraService
from app.ui.cameras.bridge import to_qimage
from app.ui.common.tasks import on_changes, run_task

WINDOW_SECONDS = 60


class _PlayerSignals(QObject):
    frame = Signal(object, int)
    done = Signal()


class PlaybackDialog(QDialog):
    """Plays the recorded pieces of one camera around an incident (decoding off the UI thread)."""

    def __init__(self, title: str, pieces, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.picture = QLabel(self.tr("加载中…"))
        self.picture.setMinimumSize(480, 270)
        self.picture.setAlignment(Qt.AlignCenter)
        self.position = QLabel()
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.picture, 1)
        lay.addWidget(self.position)
        lay.addWidget(close)
        self.frames_shown = 0
        self.signals = _PlayerSignals(self)
        self.signals.frame.connect(self._show)
        self.signals.done.connect(lambda: self.position.setText(self.position.text() + self.tr("（播放结束）")))
        fps = pieces[0].fps if pieces else 1
        self.fps = fps
        self.player = PiecePlayer(pieces, lambda rgb, i: self.signals.frame.emit(to_qimage(rgb), i),
                                  self.signals.done.emit).start()

    def _show(self, image, index: int) -> None:
        self.picture.setPixmap(QPixmap.fromImage(image).scaled(self.picture.size(), Qt.KeepAspectRatio))
        self.position.setText(self.tr("第 {0:.1f} 秒").format(index / self.fps))
        self.frames_shown += 1

    def done(self, result: int) -> None:
        self.player.stop()
        super().done(result)


class IncidentList(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = CameraService(ctx)
        self.room = QComboBox()
        self.text = QLineEdit()
        self.text.setPlaceholderText(self.tr("情况说明，如：12号考生离开座位"))
        self.text.setAccessibleName(self.tr("情况说明，如：12号考生离开座位"))
        self.add_button = QPushButton(self.tr("记录情况(&B)"))
        self.add_button.clicked.connect(self.add)
        self.text.returnPressed.connect(self.add)
        self.table = QTableWidget(0, 5)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # columns fit their titles
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("情况记录"))
        self.table.setHorizontalHeaderLabels([self.tr("时间"), self.tr("考场"), self.tr("情况"), self.tr("来源"),
                                              self.tr("记录人")])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.show_button = QPushButton(self.tr("查看录像(&V)"))
        self.export_button = QPushButton(self.tr("导出片段(&E)"))
        self.show_button.clicked.connect(self.show_video)
        self.export_button.clicked.connect(self.export)
        self.info = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.room)
        top.addWidget(self.text, 1)
        top.addWidget(self.add_button)
        bottom = QHBoxLayout()
        bottom.addWidget(self.show_button)
        bottom.addWidget(self.export_button)
        bottom.addWidget(self.info, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(bottom)
        self.dialogs = []
        self.reload()
        on_changes(self, {"cameras"}, lambda _: self.reload())

    def reload(self) -> None:
        keep = self.room.currentText()
        self.room.clear()
        self.room.addItems(self.service.rooms())
        if keep:
            self.room.setCurrentText(keep)
        self.items = self.service.bookmarks()
        self.table.setRowCount(len(self.items))
        origins = {"incident": self.tr("监控台记录"), "checkin": self.tr("检录"), "misconduct": self.tr("违纪记录"),
                   "flag": self.tr("标记")}
        for r, b in enumerate(self.items):
            values = (sitetime.text(b.at, "%Y-%m-%d %H:%M:%S"), b.room, b.text, origins.get(b.origin, self.tr("其他")),
                      b.who)
            for c, v in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(v))

    def add(self) -> None:
        room, text, svc = self.room.currentText(), self.text.text(), self.service
        run_task(self, lambda: svc.bookmark(room, text), lambda _: self.text.clear(),
                 lambda exc: QMessageBox.warning(self, self.tr("记录情况"), str(exc)), changes={"cameras"})

    def _selected(self):
        row = self.table.currentRow()
        if row < 0 or row >= len(self.items):
            QMessageBox.information(self, self.tr("情况记录"), self.tr("请先选择一条情况记录"))
            return None
        return self.items[row]

    def show_video(self) -> None:
        b = self._selected()
        if b is None:
            return

        def load():
            video = self.service.bookmark_video(b.id, WINDOW_SECONDS, WINDOW_SECONDS)
            return video, {code: self.service.playback(code, video.start, video.end) for code in video.by_camera}

        def done(result):
            video, pieces = result
            shown = 0
            for code, p in pieces.items():
                if p:
                    d = PlaybackDialog(self.tr("{0} {1} 前后 {2} 秒").format(b.room, code, WINDOW_SECONDS), p, self)
                    d.show()
                    self.dialogs.append(d)
                    shown += 1
            gaps = len(video.gaps)
            self.info.setText(self.tr("该考场 {0} 路摄像头有录像").format(shown)
                              + (self.tr("；期间有 {0} 处录像中断").format(gaps) if gaps else ""))
            if not shown:
                QMessageBox.information(self, self.tr("查看录像"), self.tr("该时间段没有录像"))

        run_task(self, load, done, lambda e: QMessageBox.warning(self, self.tr("查看录像"), str(e)),
                 self.tr("正在查找录像…"))

    def export(self) -> None:
        b = self._selected()
        if b is None:
            return
        start, end = b.at - _dt.timedelta(seconds=WINDOW_SECONDS), b.at + _dt.timedelta(seconds=WINDOW_SECONDS)

        def work():
            video = self.service.bookmark_video(b.id, WINDOW_SECONDS, WINDOW_SECONDS)
            out = []
            for code, segs in video.by_camera.items():
                if segs:
                    out.append(self.service.export_clip(code, start, end, bookmark_id=b.id))
            return out

        def done(clips):
            if not clips:
                QMessageBox.information(self, self.tr("导出片段"), self.tr("该时间段没有录像"))
                return
            self.info.setText(self.tr("已导出：") + "；".join(f"{c.path}（{c.seconds:.0f} 秒）" for c in clips))

        run_task(self, work, done, lambda e: QMessageBox.warning(self, self.tr("导出片段"), str(e)),
                 self.tr("正在导出录像片段…"), changes={"cameras"})

    def closeEvent(self, event) -> None:
        for d in self.dialogs:
            d.player.stop()
        super().closeEvent(event)
