"""保存期限: what a purge would remove (only batches whose export bundle is verified, never
under a year), removed only after an administrator confirms; every purge is journaled."""

from __future__ import annotations

from PySide6.QtWidgets import (QHeaderView, QHBoxLayout, QLabel, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from app.core import sitetime
from app.core.errors import PermissionDenied
from app.services.camera import CameraService
from app.ui.common.tasks import run_task


class RetentionView(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.service = CameraService(ctx)
        self.items = []
        self.list_button = QPushButton(self.tr("列出到期录像(&L)"))
        self.purge_button = QPushButton(self.tr("删除可删除的录像(&D)…"))
        self.purge_button.setEnabled(False)
        self.list_button.clicked.connect(self.list_plan)
        self.purge_button.clicked.connect(self.confirm_purge)
        self.info = QLabel(self.tr("录像至少保存一年；只有上报数据包已生成并校验的批次，其录像才可删除。"))
        self.info.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)  # columns fit their titles
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setAccessibleName(self.tr("保存期限"))
        self.table.setHorizontalHeaderLabels([self.tr("处理"), self.tr("摄像头"), self.tr("认定计划"), self.tr("开始"),
                                              self.tr("原因")])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        bar = QHBoxLayout()
        bar.addWidget(self.list_button)
        bar.addWidget(self.purge_button)
        bar.addStretch(1)
        lay = QVBoxLayout(self)
        lay.addWidget(self.info)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)

    def list_plan(self) -> None:
        def done(items):
            self.items = items
            self.table.setRowCount(len(items))
            for r, i in enumerate(items):
                values = (self.tr("删除") if i.purgeable else self.tr("保留"), i.camera_code, i.plan_no or "-",
                          sitetime.text(i.start), i.reason)
                for c, v in enumerate(values):
                    self.table.setItem(r, c, QTableWidgetItem(v))
            n = sum(1 for i in items if i.purgeable)
            self.purge_button.setEnabled(n > 0)
            self.info.setText(self.tr("可删除 {0} 个分段，保留 {1} 个").format(n, len(items) - n) if items
                              else self.tr("没有到期的录像"))

        def failed(exc):
            self.info.setText(self.tr("无权查看保存期限：仅管理员可操作") if isinstance(exc, PermissionDenied) else str(exc))

        run_task(self, self.service.retention_plan, done, failed, self.tr("正在整理到期录像…"))

    def confirm_purge(self) -> None:
        ids = [i.segment_id for i in self.items if i.purgeable]
        if not ids:
            return
        answer = QMessageBox.question(self, self.tr("删除录像"),
                                      self.tr("将永久删除 {0} 个录像分段的视频文件（索引与操作日志保留）。确定吗？")
                                      .format(len(ids)), QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        if answer != QMessageBox.Yes:
            return
        run_task(self, lambda: self.service.purge(ids, confirmed=True),
                 lambda n: (self.list_plan(), self.info.setText(self.tr("已删除 {0} 个录像分段").format(n))),
                 lambda e: QMessageBox.warning(self, self.tr("删除录像"), str(e)), self.tr("正在删除…"),
                 changes={"cameras"})
