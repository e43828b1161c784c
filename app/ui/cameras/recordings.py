"""录像记录: the segment index and the gaps of a room, in time order, with hashes."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QHeaderView, QComboBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from app.core import sitetime
from app.services.camera import CameraService
from app.ui.common.tasks import run_task


class RecordingsView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.service = CameraService(ctx)
        self.room = QComboBox()
        self.room.currentTextChanged.connect(lambda _: self.reload())
        self.verify_button = QPushButton(self.tr("核对哈希(&H)"))
        self.verify_button.clicked.connect(self.verify)
        self.info = QLabel()
        self.table = QTableWidget(0, 6)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # columns fit their titles
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("录像记录"))
        self.table.setHorizontalHeaderLabels([self.tr("类型"), self.tr("摄像头"), self.tr("开始"), self.tr("结束"),
                                              self.tr("帧数"), self.tr("SHA-256 / 原因")])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("考场")))
        top.addWidget(self.room, 1)
        top.addWidget(self.verify_button)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.info)
        self.refresh_rooms()

    def refresh_rooms(self) -> None:
        current = self.room.currentText()
        self.room.blockSignals(True)
        self.room.clear()
        self.room.addItems(self.service.rooms())
        if current:
            self.room.setCurrentText(current)
        self.room.blockSignals(False)
        self.reload()

    def reload(self) -> None:
        room = self.room.currentText()
        if not room:
            self.table.setRowCount(0)
            return
        rows = [(s.start, self.tr("录像"), s.camera_code, s.start, s.end, str(s.frames), s.sha256[:16] + "…", False)
                for s in self.service.segments(room=room)]
        rows += [(g.start, self.tr("中断"), g.camera_code, g.start, g.end, "", g.reason, True)
                 for g in self.service.gaps(room=room)]
        rows.sort(key=lambda r: r[0])
        self.table.setRowCount(len(rows))
        for r, (_, kind, cam, start, end, frames, note, gap) in enumerate(rows):
            values = (kind, cam, sitetime.text(start, "%m-%d %H:%M:%S"), sitetime.text(end, "%H:%M:%S"),
                      frames, note)
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if gap:
                    item.setBackground(QColor("#ffe0b2"))
                self.table.setItem(r, c, item)
        gaps = sum(1 for r in rows if r[-1])
        self.info.setText(self.tr("录像分段 {0} 个，中断 {1} 处").format(len(rows) - gaps, gaps))

    def verify(self) -> None:
        def done(problems):
            if problems:
                QMessageBox.warning(self, self.tr("核对哈希"), "\n".join(problems[:20]))
            else:
                self.info.setText(self.tr("全部录像分段的哈希与操作日志一致"))

        run_task(self, self.service.verify_segments, done,
                 lambda e: QMessageBox.warning(self, self.tr("核对哈希"), str(e)), self.tr("正在核对录像哈希…"))
