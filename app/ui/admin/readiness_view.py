"""考前自检: the evening before, run the readiness self-test on this laptop and see each check."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QProgressBar, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from app.core.codes import batch_label
from app.core import readiness as core
from app.services.readiness import ReadinessService
from app.services.roster import RosterService
from app.ui.common.files import offer_file
from app.ui.common.tasks import run_task
from app.ui.common.widgets import error_text, show_error, tr

_COLOURS = {core.OK: "#1b5e20", core.WARN: "#8a6d00", core.FAIL: "#b00020", core.SKIPPED: "#555555"}


class ReadinessTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.last = None
        self.batch = QComboBox()
        self.batch.setAccessibleName(self.tr("认定计划"))
        self.batch.addItem(self.tr("（不指定认定计划）"), "")
        for b in RosterService(ctx).batches():
            self.batch.addItem(batch_label(b.plan_no, b.occupation_name, b.level, b.work_type), b.plan_no)
        if self.batch.count() > 1:
            self.batch.setCurrentIndex(1)
        self.hours = QDoubleSpinBox()
        self.hours.setRange(0, 200)
        self.hours.setDecimals(1)
        self.hours.setSpecialValueText(self.tr("按考试日计算（每日 8 小时）"))
        self.hours.setValue(0)
        self.hours.setAccessibleName(self.tr("预计录像小时数"))
        form = QFormLayout()
        form.addRow(self.tr("认定计划"), self.batch)
        form.addRow(self.tr("预计录像小时数"), self.hours)
        self.run_button = QPushButton(self.tr("考前自检"))
        self.run_button.setAccessibleName(self.tr("考前自检"))
        self.run_button.clicked.connect(self.start)
        self.pdf_button = QPushButton(self.tr("导出 PDF 报告…"))
        self.pdf_button.setAccessibleName(self.tr("导出 PDF 报告"))
        self.pdf_button.setEnabled(False)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.busy = QProgressBar()
        self.busy.setRange(0, 1)
        self.busy.setValue(0)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName(self.tr("自检进度"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.busy, 1)
        self.verdict = QLabel(self.tr("晚上开考前在每台计算机上运行一次：检查磁盘、摄像头、供电、时钟、数据库、密钥、终端和打印机。"))
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("自检结论"))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("检查项"), self.tr("结果"), self.tr("说明")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setWordWrap(True)
        self.table.setAccessibleName(self.tr("自检结果列表"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)

    def start(self) -> None:
        plan_no = self.batch.currentData() or None
        hours = self.hours.value() or None
        self.run_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        self.busy.setRange(0, 0)  # busy
        self.table.setRowCount(0)
        self.verdict.setStyleSheet("")
        self.verdict.setText(self.tr("正在自检…"))
        run_task(self, lambda: ReadinessService(self.ctx).run(plan_no, hours), self._done, self._failed,
                 label=self.tr("正在进行考前自检…"))

    def _idle(self) -> None:
        self.busy.setRange(0, 1)
        self.busy.setValue(1)
        self.run_button.setEnabled(True)

    def _done(self, stored) -> None:
        self._idle()
        self.last = stored
        checks = stored.checks
        self.table.setRowCount(len(checks))
        for r, c in enumerate(checks):
            status = QTableWidgetItem(f"{c.mark} {tr(core.STATUS_NAMES[c.status])}")
            status.setForeground(QColor(_COLOURS[c.status]))
            message = QTableWidgetItem(c.message)
            message.setToolTip(core.figure_summary(c.figures, limit=12))
            for col, item in enumerate((QTableWidgetItem(tr(c.title)), status, message)):
                item.setData(Qt.UserRole, c.key)
                self.table.setItem(r, col, item)
        self.table.resizeRowsToContents()
        report = stored.report
        self.verdict.setStyleSheet(f"color: {_COLOURS[report['verdict']]};")
        self.verdict.setText(self.tr("{0} {1}（用时 {2:.1f} 秒；第 {3} 号报告，已由站点密钥 {4} 签名并保存）").format(
            core.MARKS[report["verdict"]], tr(core.VERDICT_TEXT[report["verdict"]]), report["seconds"], stored.id,
            stored.key_id))
        self.pdf_button.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self._idle()
        self.verdict.setStyleSheet(f"color: {_COLOURS[core.FAIL]};")
        self.verdict.setText(error_text(exc))

    def save_pdf(self) -> None:
        if self.last is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出 PDF 报告"), f"考前自检-{self.last.id}.pdf",
                                              "PDF (*.pdf)")
        if path:
            self.write_pdf(path)

    def write_pdf(self, path: str) -> None:
        from app.formats.readiness_pdf import write_readiness_pdf
        from app.services.site import SiteService

        stored = self.last

        def write():
            inst = SiteService(self.ctx).institution()
            return write_readiness_pdf(path, stored.report, stored.signature, stored.key_id,
                                       inst.name if inst else "")

        run_task(self, write, lambda p: (self.verdict.setToolTip(self.tr("报告已写出：{0}").format(p)), offer_file(self, p)),
                 lambda exc: show_error(self, exc), label=self.tr("正在写出 PDF 报告…"))
