"""Camera configuration per room, with a test button that shows one frame."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (QHeaderView, QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from app.services.camera import CameraService
from app.ui.common.tasks import on_changes, run_task


class CameraConfig(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.service = CameraService(ctx)
        self.table = QTableWidget(0, 5)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # columns fit their titles
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("摄像头配置"))
        self.table.setHorizontalHeaderLabels([self.tr("编号"), self.tr("名称"), self.tr("考场"), self.tr("考场编号"),
                                              self.tr("视频源")])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.room = QComboBox()
        self.room.setEditable(True)
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("如 R01-F（英文字母与数字）"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("如 前方全景"))
        self.room_code = QLineEdit()
        self.room_code.setPlaceholderText(self.tr("如 R01（烧录到画面）"))
        self.source = QLineEdit()
        self.source.setPlaceholderText(self.tr("摄像头序号 0、rtsp://… 或视频文件路径"))
        self.loop = QCheckBox(self.tr("视频文件循环播放（演示）"))
        self.test_button = QPushButton(self.tr("测试(&T)"))
        self.add_button = QPushButton(self.tr("添加摄像头(&A)"))
        self.preview = QLabel(self.tr("点击「测试」查看一帧画面"))
        self.preview.setMinimumSize(320, 180)
        self.preview.setAlignment(Qt.AlignCenter)
        self.test_button.clicked.connect(self.test)
        self.add_button.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow(self.tr("考场"), self.room)
        form.addRow(self.tr("考场编号"), self.room_code)
        form.addRow(self.tr("摄像头编号"), self.code)
        form.addRow(self.tr("名称/位置"), self.name)
        form.addRow(self.tr("视频源"), self.source)
        form.addRow("", self.loop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.add_button)
        form.addRow("", buttons)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.preview, 1)
        lay = QHBoxLayout(self)
        lay.addWidget(self.table, 3)
        lay.addLayout(right, 2)
        self.reload()
        on_changes(self, {"cameras"}, lambda _: self.reload())

    def reload(self) -> None:
        cams = self.service.cameras(include_inactive=True)
        self.table.setRowCount(len(cams))
        for r, c in enumerate(cams):
            for col, value in enumerate((c.code, c.name, c.room, c.room_code, f"{c.source_kind}: {c.source}")):
                self.table.setItem(r, col, QTableWidgetItem(value))
        current = self.room.currentText()
        self.room.clear()
        self.room.addItems(self.service.rooms())
        if current:
            self.room.setCurrentText(current)

    def test(self) -> None:
        source = self.source.text().strip()
        if not source:
            QMessageBox.information(self, self.tr("测试"), self.tr("请先填写视频源"))
            return
        self.test_button.setEnabled(False)
        self.preview.setText(self.tr("正在连接…"))

        def done(jpeg: bytes):
            self.test_button.setEnabled(True)
            img = QImage.fromData(jpeg, "JPG")
            self.preview.setPixmap(QPixmap.fromImage(img).scaled(self.preview.size(), Qt.KeepAspectRatio))
            self.last_test_size = (img.width(), img.height())

        def failed(exc):
            self.test_button.setEnabled(True)
            self.preview.setText(self.tr("测试失败：{0}").format(exc))

        run_task(self, lambda: self.service.test_source(source), done, failed, self.tr("正在从视频源取一帧画面…"))

    def add(self) -> None:
        args = (self.code.text().strip(), self.name.text().strip(), self.room.currentText().strip(),
                self.room_code.text().strip(), self.source.text().strip())
        loop, svc = self.loop.isChecked(), self.service

        def done(_):
            self.code.clear()
            self.name.clear()

        run_task(self, lambda: svc.add_camera(*args, loop=loop), done,
                 lambda exc: QMessageBox.warning(self, self.tr("添加摄像头"), str(exc)), changes={"cameras"})
