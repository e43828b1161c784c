"""操作日志: the latest entries and a one-click verification of the whole chain."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core.roles import allowed
from app.services.journal import JournalService
from app.ui.admin.site_admin import _fill, _table
from app.ui.common.tasks import run_task
from app.ui.common.widgets import error_text


class JournalWorkplace(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.service = JournalService(ctx)
        self.verify_button = QPushButton(self.tr("校验日志完整性"))
        self.verify_button.clicked.connect(self.verify)
        self.verify_button.setEnabled(allowed(ctx.actor.role, "journal.verify"))
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("校验结果"))
        self.table = _table([self.tr("序号"), self.tr("时间（UTC）"), self.tr("操作人"), self.tr("角色"),
                             self.tr("机器"), self.tr("操作"), self.tr("对象")])
        self.table.setAccessibleName(self.tr("日志条目"))
        top = QHBoxLayout()
        top.addWidget(self.verify_button)
        top.addWidget(refresh)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.result)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        _fill(self.table, [[e.seq, e.ts, e.actor, e.role, e.machine, e.action, e.subject]
                           for e in self.service.recent(300)])

    def verify(self) -> None:
        self.verify_button.setEnabled(False)
        run_task(self, self.service.verify, self._verified, self._failed, label=self.tr("正在校验日志…"))

    def _verified(self, report) -> None:
        self.verify_button.setEnabled(True)
        if report.ok:
            self.result.setStyleSheet("color: #1b5e20;")
            self.result.setText(self.tr("日志完好：{0} 条，签名检查点 {1} 个，最后一个在第 {2} 条。").format(
                report.entries, report.checkpoints, report.last_checkpoint_seq))
        else:
            self.result.setStyleSheet("color: #b00020; font-weight: bold;")
            self.result.setText(self.tr("日志校验失败：{0}").format(report.fault))

    def _failed(self, exc) -> None:
        self.verify_button.setEnabled(True)
        self.result.setText(error_text(exc))
