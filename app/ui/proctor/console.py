"""监考台: the live table of terminals and the proctor's actions.

Refreshed every two seconds off the UI thread.  Room actions ask for confirmation;
per-candidate actions need a reason; everything goes through ProctorService, which
checks the role, journals who did it and sends command records to the terminals.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QFormLayout, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QMessageBox, QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from shiboken6 import isValid

from app.core import sitetime
from app.core.roles import allowed
from app.services.net import NetService, ProctorService
from app.ui.common.tasks import run_task
from app.ui.common.widgets import confirm, error_text, show_error

REFRESH_MS = 2000
LINK_PORT = 8443


def _minutes(seconds) -> str:
    if seconds is None:
        return "—"
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


class ProctorWorkplace(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.service = ProctorService(ctx)
        self.net = NetService(ctx)
        self.rows = []
        self._loading = False
        can_control = allowed(ctx.actor.role, "room.control")
        headers = [self.tr("终端"), self.tr("名称"), self.tr("状态"), self.tr("最后心跳"), self.tr("考生"),
                   self.tr("进度"), self.tr("剩余时间"), self.tr("切屏次数"), self.tr("待发送"), self.tr("主机已收")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setAccessibleName(self.tr("终端实时状态"))
        self.summary = QLabel("")

        room = QHBoxLayout()
        self.room_buttons = {}
        for action, label in (("start", self.tr("开考")), ("pause", self.tr("暂停")), ("resume", self.tr("继续")),
                              ("end", self.tr("结束考试"))):
            b = QPushButton(label)
            b.setEnabled(can_control)
            b.clicked.connect(lambda _=False, a=action, text=label: self.room_action(a, text))
            room.addWidget(b)
            self.room_buttons[action] = b
        room.addStretch(1)
        self.link_label = QLabel("")
        self.link_button = QPushButton(self.tr("开启考场链路"))
        self.link_button.setEnabled(allowed(ctx.actor.role, "net.serve"))
        self.link_button.clicked.connect(self.start_link)
        room.addWidget(self.link_label)
        room.addWidget(self.link_button)
        cand = QHBoxLayout()
        self.extend_button = QPushButton(self.tr("延长时间…"))
        self.submit_button = QPushButton(self.tr("强制交卷…"))
        self.move_button = QPushButton(self.tr("换机…"))
        for b, fn in ((self.extend_button, self.extend), (self.submit_button, self.force_submit),
                      (self.move_button, self.move)):
            b.setEnabled(can_control)
            b.clicked.connect(fn)
            cand.addWidget(b)
        cand.addStretch(1)

        incident = QGroupBox(self.tr("考场情况记录"))
        form = QFormLayout(incident)
        self.incident_candidate = QLineEdit()
        self.incident_candidate.setPlaceholderText(self.tr("准考证号（可空）"))
        self.incident_text = QPlainTextEdit()
        self.incident_text.setMaximumHeight(70)
        self.incident_button = QPushButton(self.tr("记录"))
        self.incident_button.setEnabled(can_control)
        self.incident_button.clicked.connect(self.record_incident)
        form.addRow(self.tr("考生"), self.incident_candidate)
        form.addRow(self.tr("情况"), self.incident_text)
        form.addRow("", self.incident_button)

        layout = QVBoxLayout(self)
        layout.addLayout(room)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(cand)
        layout.addWidget(incident)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self._show_link(self.net.link_address() if allowed(ctx.actor.role, "net.view") else None)
        self.refresh()

    # -- the link ---------------------------------------------------------------------
    def _show_link(self, address) -> None:
        if address:
            url, fingerprint = address
            self.link_label.setText(self.tr("链路服务：{0}（证书指纹 {1}…）").format(url, fingerprint[:16]))
            self.link_button.hide()
        else:
            self.link_label.setText(self.tr("链路服务：未开启"))

    def start_link(self) -> None:
        run_task(self, lambda: self.net.serve(port=LINK_PORT), self._show_link, lambda exc: show_error(self, exc),
                 self.tr("正在开启考场链路…"))

    # -- the live table ---------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        run_task(self, self.service.terminals, self._show, self._failed)

    def _failed(self, exc) -> None:
        self._loading = False
        if not isValid(self) or not isValid(self.summary):
            return
        self.summary.setText(error_text(exc))

    def _show(self, rows) -> None:
        self._loading = False
        if not isValid(self) or not isValid(self.table):  # the workplace closed while the call ran
            return
        selected = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        offline = 0
        for r, row in enumerate(rows):
            state = self.tr("在线") if row.online else self.tr("离线")
            offline += not row.online
            values = [row.machine_id, row.name, state,
                      sitetime.text(row.last_heartbeat, "%H:%M:%S"),
                      row.candidate, row.progress, _minutes(row.time_left), row.focus_losses, row.backlog,
                      row.records_held]
            for c, v in enumerate(values):
                item = QTableWidgetItem(str(v))
                if c == 2 and not row.online:
                    item.setForeground(QColor("#b00020"))
                self.table.setItem(r, c, item)
            if selected and row.machine_id == selected.machine_id:
                self.table.selectRow(r)
        self.summary.setText(self.tr("终端 {0} 台，在线 {1}，离线 {2}").format(len(rows), len(rows) - offline, offline))

    def selected(self):
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    # -- actions ------------------------------------------------------------------------
    def _call(self, fn, done_text: str) -> None:
        run_task(self, fn, lambda _: (self.summary.setText(done_text), self.refresh()),
                 lambda exc: show_error(self, exc))

    def room_action(self, action: str, label: str) -> None:
        if not confirm(self, self.tr("考场操作"), self.tr("确定对全部终端执行「{0}」？").format(label)):
            return
        self._call(lambda: self.service.room(action), self.tr("已发出「{0}」").format(label))

    def _tell(self, text: str) -> None:
        QMessageBox.information(self, self.tr("监考台"), text)

    def _need_candidate(self):
        row = self.selected()
        if row is None or not row.candidate:
            self._tell(self.tr("请先在表中选择有考生的终端"))
            return None
        return row

    def _reason(self, title: str) -> str | None:
        text, ok = QInputDialog.getText(self, title, self.tr("原因（必填）："))
        return text if ok and text.strip() else None

    def extend(self) -> None:
        row = self._need_candidate()
        if row is None:
            return
        minutes, ok = QInputDialog.getInt(self, self.tr("延长时间"), self.tr("延长分钟数："), 5, 1, 120)
        reason = self._reason(self.tr("延长时间")) if ok else None
        if reason:
            self._call(lambda: self.service.extend(row.machine_id, row.candidate, minutes, reason),
                       self.tr("已为 {0} 延长 {1} 分钟").format(row.candidate, minutes))

    def force_submit(self) -> None:
        row = self._need_candidate()
        if row is None:
            return
        reason = self._reason(self.tr("强制交卷"))
        if reason and confirm(self, self.tr("强制交卷"), self.tr("确定为考生 {0} 强制交卷？").format(row.candidate)):
            self._call(lambda: self.service.force_submit(row.machine_id, row.candidate, reason),
                       self.tr("已为 {0} 强制交卷").format(row.candidate))

    def move(self) -> None:
        row = self._need_candidate()
        if row is None:
            return
        spares = [r.machine_id for r in self.rows if r.online and not r.candidate and r.machine_id != row.machine_id]
        if not spares:
            self._tell(self.tr("没有在线的空闲终端"))
            return
        target, ok = QInputDialog.getItem(self, self.tr("换机"), self.tr("换到终端："), spares, 0, False)
        reason = self._reason(self.tr("换机")) if ok else None
        if reason and confirm(self, self.tr("换机"), self.tr("确定把考生 {0} 从 {1} 换到 {2}？").format(
                row.candidate, row.machine_id, target)):
            self._call(lambda: self.service.move(row.candidate, row.machine_id, target, reason),
                       self.tr("已通知 {0} 接续考生 {1}").format(target, row.candidate))

    def record_incident(self) -> None:
        text = self.incident_text.toPlainText()
        candidate = self.incident_candidate.text().strip()

        def done(_):
            self.incident_text.clear()
            self.incident_candidate.clear()
            self.summary.setText(self.tr("情况记录已保存"))

        run_task(self, lambda: self.service.record_incident(text, candidate=candidate), done,
                 lambda exc: show_error(self, exc))
