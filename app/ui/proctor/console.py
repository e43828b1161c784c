"""监考台: the room at a glance and the proctor's actions.

A seat map (each terminal's state: not logged in, answering, paused, submitted, offline since
when), the live table of terminals, the sittings as the master holds them (answered, time left),
and a guided panel to connect the terminals (address, fingerprint, enrolment codes to grant).
Every room command says how many terminals received it and which did not: a terminal has
received a command when it has called the master since it was sent (each call fetches the
commands waiting for it).  Refreshed every two seconds off the UI thread.
"""

from __future__ import annotations

import datetime as _dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QHeaderView, QInputDialog,
                               QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QTableWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from shiboken6 import isValid

from app.core import sitetime
from app.core.roles import allowed
from app.services.net import NetService, ProctorService
from app.services.room import RoomService
from app.services.roster import RosterService
from app.ui.common.tables import fill_table
from app.ui.common.tasks import run_task
from app.ui.common.widgets import confirm, error_text, show_error
from app.ui.proctor.seat_map import SeatMap

REFRESH_MS = 2000
LINK_PORT = 8443
DELIVERY_WAIT_S = 30  # after this, terminals that have not called are reported as not reached


def _minutes(seconds) -> str:
    if seconds is None:
        return "—"
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def _ago(now: _dt.datetime, then: _dt.datetime | None) -> int | None:
    return None if then is None else max(0, int((now - then).total_seconds()))


class ProctorBoard:
    """考场看板, mixed into ProctorWorkplace: the seats, the sittings, the pending requests and who has received a command, drawn from one load."""

    def _seat_state(self, row, sitting, now) -> tuple[str, str]:
        """(key, the seat's second and third lines) for one terminal."""
        if not row.online:
            ago = _ago(now, row.last_heartbeat)
            if ago is None:
                return "offline", self.tr("离线（从未连接）")
            return "offline", self.tr("离线 {0} 前").format(self._span(ago))
        status = sitting.status if sitting is not None and sitting.ticket_no == row.candidate else ""
        if not row.candidate:
            return "idle", self.tr("未登录")
        if status == "submitted":
            return "submitted", self.tr("{0}\n已交卷").format(row.candidate)
        if status == "paused":
            return "paused", self.tr("{0}\n已暂停").format(row.candidate)
        return "answering", self.tr("{0}\n作答中 {1}").format(row.candidate, row.progress)

    def _span(self, seconds: int) -> str:
        if seconds < 60:
            return self.tr("{0} 秒").format(seconds)
        if seconds < 3600:
            return self.tr("{0} 分钟").format(seconds // 60)
        return self.tr("{0} 小时").format(seconds // 3600)

    def _show_seats(self, rows, by_machine, now) -> None:
        seats = []
        for row in rows:
            key, text = self._seat_state(row, by_machine.get(row.machine_id), now)
            seats.append((key, f"{row.name or row.machine_id}\n{text}"))
        self.seat_map.show_seats(seats)
        self.seat_map.pick(self.table.currentRow())
        if not rows:
            self.seat_legend.setText(self.tr("还没有登记的考试终端：请在「连接终端」中开启链路并批准终端。"))
        else:
            self.seat_legend.setText(self.tr("灰：未登录　绿：作答中　黄：已暂停　蓝：已交卷　红：离线"))

    def _pick_seat(self, i: int) -> None:
        self.table.selectRow(i)
        self.seat_map.pick(i)

    def _show_sittings(self, sittings) -> None:
        names = {"running": self.tr("作答中"), "paused": self.tr("已暂停"), "submitted": self.tr("已交卷"),
                 "released": self.tr("已放行"), "waiting": self.tr("等待开考")}
        rows = []
        for st in sittings:
            left = None if st.remaining_ms is None or st.status == "submitted" else st.remaining_ms // 1000
            rows.append([st.ticket_no, st.machine_id, names.get(st.status, self.tr("其他")), st.answered, _minutes(left),
                         st.focus_losses])
        fill_table(self.sitting_table, rows)
        self.sitting_note.setText(self.tr("主机已收到 {0} 名考生的作答：已交卷 {1} 名。").format(
            len(sittings), sum(1 for s in sittings if s.status == "submitted")) if sittings else
            self.tr("开考后，这里列出主机收到的每位考生的作答情况。"))

    def _show_requests(self, pending) -> None:
        fill_table(self.requests, [[p.code, p.name, sitetime.text(p.requested_at, "%H:%M:%S")] for p in pending])

    def _show_delivery(self, rows, now) -> None:
        """After a room command: which terminals have called the master since (and so fetched it)."""
        if self._pending is None:
            return
        label, sent_at, targets = self._pending
        by_id = {r.machine_id: r for r in rows}
        got = [m for m in targets if by_id.get(m) and by_id[m].last_heartbeat and by_id[m].last_heartbeat >= sent_at]
        missing = [m for m in targets if m not in got]
        text = self.tr("「{0}」已发往 {1} 台终端：已收到 {2} 台").format(label, len(targets), len(got))
        waited = (now - sent_at).total_seconds()
        if missing:
            names = []
            for m in missing:
                r = by_id.get(m)
                ago = _ago(now, r.last_heartbeat) if r else None
                where = f"{r.name}（{m}）" if r and r.name else m
                names.append(self.tr("{0} 离线 {1}").format(where, self._span(ago)) if r and not r.online and ago
                             is not None else where)
            if waited < DELIVERY_WAIT_S and any(by_id.get(m) and by_id[m].online for m in missing):
                text += self.tr("，等待 {0} 台……").format(len(missing))
            else:
                text += self.tr("；未收到：{0}。联系恢复后终端会自动收到。").format("、".join(names))
        else:
            text += self.tr("，全部收到。")
            self._pending = None
        self.summary.setStyleSheet("font-weight: bold; color: %s;" % ("#1b5e20" if not missing else "#b00020"))
        self.summary.setText(text)


class ProctorWorkplace(ProctorBoard, QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = ProctorService(ctx)
        self.net = NetService(ctx)
        self.room_service = RoomService(ctx)
        self.rows = []
        self.sittings = []
        self._loading = False
        self._first_load = True
        self._pending = None  # (label, sent_at, [machine ids]) of the last room command
        self.plans = [b.plan_no for b in RosterService(ctx).batches()] if allowed(ctx.actor.role, "roster.view") \
            else []
        can_control = allowed(ctx.actor.role, "room.control")
        self.can_grant = allowed(ctx.actor.role, "net.enroll")

        # -- the room's commands and what became of them
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
        self.counts = QLabel("")
        self.counts.setAccessibleName(self.tr("终端统计"))
        room.addWidget(self.counts)
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("操作反馈"))
        self.summary.setStyleSheet("font-weight: bold;")

        # -- seat map
        self.seat_map = SeatMap()
        self.seat_map.setAccessibleName(self.tr("座位图"))
        self.seat_map.picked.connect(self._pick_seat)
        self.seat_legend = QLabel(self.tr("灰：未登录　绿：作答中　黄：已暂停　蓝：已交卷　红：离线"))
        seats_page = QWidget()
        sv = QVBoxLayout(seats_page)
        sv.addWidget(self.seat_legend)
        sv.addWidget(self.seat_map, 1)

        # -- the terminals' table
        headers = [self.tr("终端"), self.tr("名称"), self.tr("状态"), self.tr("最后联系"), self.tr("考生"),
                   self.tr("进度"), self.tr("剩余时间"), self.tr("切屏次数"), self.tr("待发送"), self.tr("主机已收")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setAccessibleName(self.tr("终端实时状态"))
        self.table.currentCellChanged.connect(lambda r, *_: self.seat_map.pick(r))

        # -- the sittings as the master holds them
        sheaders = [self.tr("准考证号"), self.tr("终端"), self.tr("状态"), self.tr("已答题数"), self.tr("剩余时间"),
                    self.tr("切屏次数")]
        self.sitting_table = QTableWidget(0, len(sheaders))
        self.sitting_table.setHorizontalHeaderLabels(sheaders)
        self.sitting_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.sitting_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.sitting_table.setAccessibleName(self.tr("主机上的考生作答"))
        self.sitting_note = QLabel(self.tr("开考后，这里列出主机收到的每位考生的作答情况。"))
        sittings_page = QWidget()
        stv = QVBoxLayout(sittings_page)
        stv.addWidget(self.sitting_note)
        stv.addWidget(self.sitting_table, 1)

        # -- connecting the terminals, step by step
        connect_page = QWidget()
        cv = QVBoxLayout(connect_page)
        self.link_label = QLabel("")
        self.link_label.setWordWrap(True)
        self.link_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.link_button = QPushButton(self.tr("开启考场链路"))
        self.link_button.setEnabled(allowed(ctx.actor.role, "net.serve"))
        self.link_button.clicked.connect(self.start_link)
        steps = QLabel(self.tr("第一步：在本机开启考场链路。\n"
                               "第二步：在每台考试终端上输入下面的主机地址，并核对终端显示的证书指纹与这里一致。\n"
                               "第三步：终端屏幕会显示一个登记码；在下表中找到相同的登记码，点「批准」。"))
        steps.setWordWrap(True)
        self.fingerprint = QLabel("")
        self.fingerprint.setWordWrap(True)
        self.fingerprint.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.fingerprint.setStyleSheet("font-family: monospace; font-size: 13pt;")
        self.fingerprint.setAccessibleName(self.tr("证书指纹"))
        self.requests = QTableWidget(0, 3)
        self.requests.setHorizontalHeaderLabels([self.tr("登记码"), self.tr("终端名称"), self.tr("请求时间")])
        self.requests.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.requests.horizontalHeader().setStretchLastSection(True)
        self.requests.setEditTriggers(QTableWidget.NoEditTriggers)
        self.requests.setSelectionBehavior(QTableWidget.SelectRows)
        self.requests.setAccessibleName(self.tr("等待批准的终端"))
        self.grant_button = QPushButton(self.tr("批准选中的终端"))
        self.grant_button.setEnabled(self.can_grant)
        self.grant_button.clicked.connect(self.grant_selected)
        self.grant_note = QLabel("" if self.can_grant else self.tr("批准终端接入须由考场负责人或管理员操作。"))
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_button)
        link_row.addWidget(self.link_label, 1)
        grant_row = QHBoxLayout()
        grant_row.addWidget(self.grant_button)
        grant_row.addWidget(self.grant_note, 1)
        cv.addWidget(steps)
        cv.addLayout(link_row)
        cv.addWidget(self.fingerprint)
        cv.addWidget(self.requests, 1)
        cv.addLayout(grant_row)

        self.tabs = QTabWidget()
        self.tabs.addTab(seats_page, self.tr("座位图"))
        self.tabs.addTab(self.table, self.tr("终端列表"))
        self.tabs.addTab(sittings_page, self.tr("考生作答"))
        self.tabs.addTab(connect_page, self.tr("连接终端"))

        cand = QHBoxLayout()
        self.extend_button = QPushButton(self.tr("延长时间…"))
        self.submit_button = QPushButton(self.tr("强制交卷…"))
        self.move_button = QPushButton(self.tr("换机…"))
        for b, fn in ((self.extend_button, self.extend), (self.submit_button, self.force_submit),
                      (self.move_button, self.move)):
            b.setEnabled(can_control)
            b.clicked.connect(fn)
            cand.addWidget(b)
        cand.addWidget(QLabel(self.tr("（先在座位图或终端列表中选中考生）")))
        cand.addStretch(1)

        incident = QGroupBox(self.tr("考场情况记录"))
        form = QHBoxLayout(incident)
        self.incident_candidate = QLineEdit()
        self.incident_candidate.setPlaceholderText(self.tr("准考证号（可空）"))
        self.incident_candidate.setAccessibleName(self.tr("考生"))
        self.incident_candidate.setMaximumWidth(180)
        self.incident_text = QPlainTextEdit()
        self.incident_text.setMaximumHeight(54)
        self.incident_text.setPlaceholderText(self.tr("发生了什么"))
        self.incident_text.setAccessibleName(self.tr("情况"))
        self.incident_button = QPushButton(self.tr("记录"))
        self.incident_button.setEnabled(can_control)
        self.incident_button.clicked.connect(self.record_incident)
        form.addWidget(self.incident_candidate)
        form.addWidget(self.incident_text, 1)
        form.addWidget(self.incident_button)

        layout = QVBoxLayout(self)
        layout.addLayout(room)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
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
        if not isValid(self):
            return
        if address:
            url, fingerprint = address
            self.link_label.setText(self.tr("链路服务：{0}（证书指纹 {1}…）").format(url, fingerprint[:16]))
            groups = " ".join(fingerprint[i:i + 4] for i in range(0, min(len(fingerprint), 64), 4))
            self.fingerprint.setText(self.tr("主机地址：{0}\n证书指纹：{1}").format(url, groups))
            self.link_button.hide()
        else:
            self.link_label.setText(self.tr("链路服务：未开启"))
            self.fingerprint.setText(self.tr("链路开启后，这里显示主机地址和证书指纹。"))

    def start_link(self) -> None:
        run_task(self, lambda: self.net.serve(port=LINK_PORT), self._show_link, lambda exc: show_error(self, exc),
                 self.tr("正在开启考场链路…"))

    def grant_selected(self) -> None:
        r = self.requests.currentRow()
        if r < 0 or self.requests.item(r, 0) is None:
            self._tell(self.tr("请先在表中选中终端屏幕上显示的登记码"))
            return
        code, name = self.requests.item(r, 0).text(), self.requests.item(r, 1).text()
        run_task(self, lambda: self.net.grant(code, name),
                 lambda mid: (self.summary.setText(self.tr("已批准登记码 {0}：{1} 登记为终端 {2}").format(code, name, mid)),
                              self.refresh()),
                 lambda exc: show_error(self, exc))

    # -- the live view ------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        run_task(self, self._load, self._show, self._failed)

    def _load(self):
        rows = self.service.terminals()
        sittings = []
        for plan in self.plans:
            sittings += self.room_service.sittings(plan)
        pending = self.net.pending_enrollments() if self.can_grant else []
        return rows, sittings, pending, _dt.datetime.now(_dt.timezone.utc)

    def _failed(self, exc) -> None:
        self._loading = False
        if not isValid(self) or not isValid(self.summary):
            return
        self.summary.setText(error_text(exc))

    def _show(self, loaded) -> None:
        self._loading = False
        if not isValid(self) or not isValid(self.table):  # the workplace closed while the call ran
            return
        rows, sittings, pending, now = loaded
        if self._first_load and not rows:  # nothing to watch yet: start with connecting the terminals
            self.tabs.setCurrentIndex(3)
        self._first_load = False
        selected = self.selected()
        self.rows, self.sittings = rows, sittings
        by_machine = {}
        for st in sittings:
            by_machine[st.machine_id] = st
        fill_table(self.table, [[row.machine_id, row.name, self.tr("在线") if row.online else self.tr("离线"),
                                 sitetime.text(row.last_heartbeat, "%H:%M:%S"), row.candidate, row.progress,
                                 _minutes(row.time_left), row.focus_losses, row.backlog, row.records_held]
                                for row in rows])
        offline = 0
        for r, row in enumerate(rows):
            offline += not row.online
            state = self.table.item(r, 2)
            if row.online:
                state.setData(Qt.ForegroundRole, None)
            else:
                state.setForeground(QColor("#b00020"))
            if selected and row.machine_id == selected.machine_id:
                self.table.selectRow(r)
        self._show_seats(rows, by_machine, now)
        self._show_sittings(sittings)
        self._show_requests(pending)
        self.counts.setText(self.tr("终端 {0} 台：在线 {1}，离线 {2}").format(len(rows), len(rows) - offline, offline))
        self._show_delivery(rows, now)

    def selected(self):
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    # -- actions ------------------------------------------------------------------------
    def _call(self, fn, done_text: str) -> None:
        run_task(self, fn, lambda _: (self.summary.setText(done_text), self.refresh()),
                 lambda exc: show_error(self, exc), changes={"sittings"})

    def room_action(self, action: str, label: str) -> None:
        if not confirm(self, self.tr("考场操作"), self.tr("确定对全部终端执行「{0}」？").format(label)):
            return
        targets = [r.machine_id for r in self.rows]
        sent_at = _dt.datetime.now(_dt.timezone.utc)

        def sent(n):
            self._pending = (label, sent_at, targets)
            self.summary.setText(self.tr("「{0}」已发往 {1} 台终端，等待终端接收……").format(label, n))
            self.refresh()

        run_task(self, lambda: self.service.room(action), sent, lambda exc: show_error(self, exc))

    def _tell(self, text: str) -> None:
        QMessageBox.information(self, self.tr("监考台"), text)

    def _need_candidate(self):
        row = self.selected()
        if row is None or not row.candidate:
            self._tell(self.tr("请先在座位图或终端列表中选中有考生的终端"))
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
                 lambda exc: show_error(self, exc), changes={"cameras"})
