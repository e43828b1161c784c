"""操作日志: who did what and when, in plain words (Beijing time), filtered by person, kind of
work and days; and a one-click verification of the whole chain."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from app.core import sitetime
from app.core.roles import ROLE_NAMES, Role, allowed
from app.services.journal import JournalService
from app.ui.admin.journal_words import AREAS, SYSTEM, action_name, area_name
from app.ui.common.tables import fill_table, list_table
from app.ui.common.tasks import run_task
from app.ui.common.widgets import error_text, tr


def role_name(role: str) -> str:
    try:
        return tr(ROLE_NAMES[Role(role)])
    except ValueError:
        return tr(SYSTEM)


def _qdate(day: _dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class JournalWorkplace(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.service = JournalService(ctx)
        self.verify_button = QPushButton(self.tr("校验日志完整性"))
        self.verify_button.clicked.connect(self.verify)
        self.verify_button.setEnabled(allowed(ctx.actor.role, "journal.verify"))
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        self.people = self.service.people()
        self.who = QComboBox()
        self.who.setAccessibleName(self.tr("操作人"))
        self.who.addItem(self.tr("全部人员"), "")
        for username, name in sorted(self.people.items(), key=lambda p: p[1]):
            self.who.addItem(name, username)
        self.what = QComboBox()
        self.what.setAccessibleName(self.tr("操作类别"))
        self.what.addItem(self.tr("全部操作"), "")
        for area in AREAS:
            self.what.addItem(area_name(area), area)
        today = sitetime.site_date(ctx.now())
        self.use_days = QCheckBox(self.tr("只看日期"))
        self.day_from, self.day_to = QDateEdit(_qdate(today)), QDateEdit(_qdate(today))
        for edit, name in ((self.day_from, self.tr("起始日期")), (self.day_to, self.tr("截止日期"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
            edit.setEnabled(False)
            edit.dateChanged.connect(self.refresh)
        self.use_days.toggled.connect(self.day_from.setEnabled)
        self.use_days.toggled.connect(self.day_to.setEnabled)
        self.use_days.toggled.connect(self.refresh)
        self.who.currentIndexChanged.connect(self.refresh)
        self.what.currentIndexChanged.connect(self.refresh)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("校验结果"))
        self.count = QLabel("")
        self.table = list_table([self.tr("序号"), self.tr("时间（北京时间）"), self.tr("操作人"), self.tr("身份"),
                             self.tr("操作"), self.tr("对象"), self.tr("计算机")])
        self.table.setAccessibleName(self.tr("日志条目"))
        self.table.verticalHeader().hide()
        filters = QHBoxLayout()
        for w in (QLabel(self.tr("操作人")), self.who, QLabel(self.tr("操作")), self.what, self.use_days,
                  self.day_from, QLabel(self.tr("至")), self.day_to):
            filters.addWidget(w)
        filters.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.verify_button)
        top.addWidget(refresh)
        top.addWidget(self.count)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.result)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        days = {}
        if self.use_days.isChecked():
            days = {"day_from": self.day_from.date().toPython(), "day_to": self.day_to.date().toPython()}
        lines = self.service.search(500, actor=self.who.currentData() or "", area=self.what.currentData() or "",
                                    **days)
        fill_table(self.table, [self._row(e) for e in lines])
        self.count.setText(self.tr("显示最近 {0} 条").format(len(lines)))

    def _row(self, e) -> list:
        who, role = self.person(e.actor), role_name(e.role)
        if e.action.startswith("auth.") and e.subject in self.people:  # a sign-in is written by the program
            who, role = self.people[e.subject], "—"
        return [e.seq, sitetime.text(e.ts, "%Y-%m-%d %H:%M:%S"), who, role, action_name(e.action),
                self.people.get(e.subject, e.subject), e.machine]

    def person(self, username: str) -> str:
        name = self.people.get(username)
        if name:
            return name
        return tr(SYSTEM) if username in ("system", "") else username

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
