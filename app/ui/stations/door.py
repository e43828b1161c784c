"""The door desk's body (检录台, issue 17) on ``app.net.station.DoorDesk``: the ticket number
or ID number typed (or scanned: a scanner types and presses Enter), then the candidate's photo,
name, room and seat when admitted, or one big line saying why not (重复检录, 已在其他检录台
检录, 迟到 …); below, today's check-ins at this desk with what the master made of each.

Every call runs through ``run_task``; the check-ins share one lane so they keep their order."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPixmap
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QTableWidget,
                               QVBoxLayout, QWidget)

from app.core import sitetime
from app.core import stations as st
from app.core.errors import DomainError
from app.net.station import DeskRefused, DoorDesk, VerdictPending
from app.ui.common.tables import fill_table
from app.ui.common.tasks import run_task
from app.ui.common.widgets import error_text

LIST_MS = 2000
LANE = "door-desk"
PHOTO_W, PHOTO_H = 180, 240


class DoorDeskView(QWidget):
    def __init__(self, node, parent=None):
        super().__init__(parent)
        self.node = node
        self.desk: DoorDesk | None = None
        self.names: dict[str, str] = {}
        self._loading = False
        self.entry = QLineEdit()
        self.entry.setPlaceholderText(self.tr("扫描或输入准考证号、证件号码，按回车"))
        self.entry.setAccessibleName(self.tr("准考证号或证件号码"))
        self.entry.setStyleSheet("font-size: 18pt; padding: 6px;")
        self.entry.returnPressed.connect(self.check_in)
        self.entry.setEnabled(False)
        self.go = QPushButton(self.tr("检录"))
        self.go.setStyleSheet("font-size: 16pt; padding: 6px 24px;")
        self.go.clicked.connect(self.check_in)
        self.go.setEnabled(False)
        self.session = QLabel(self.tr("正在打开检录台…"))
        self.session.setStyleSheet("font-size: 13pt; color: #333;")
        self.session.setAccessibleName(self.tr("场次"))
        self.photo = QLabel(self.tr("照片"))
        self.photo.setFixedSize(PHOTO_W, PHOTO_H)
        self.photo.setAlignment(Qt.AlignCenter)
        self.photo.setStyleSheet("border: 1px solid #bbb; background: #fafafa; color: #999;")
        self.photo.setAccessibleName(self.tr("考生照片"))
        self.verdict = QLabel("")
        self.verdict.setWordWrap(True)
        self.verdict.setAccessibleName(self.tr("检录结果"))
        self.who = QLabel("")
        self.who.setWordWrap(True)
        self.who.setStyleSheet("font-size: 20pt;")
        self.who.setAccessibleName(self.tr("考生"))
        card_text = QVBoxLayout()
        card_text.addWidget(self.verdict)
        card_text.addWidget(self.who)
        card_text.addStretch(1)
        card = QHBoxLayout()
        card.addWidget(self.photo)
        card.addLayout(card_text, 1)
        headers = [self.tr("时间"), self.tr("准考证号"), self.tr("姓名"), self.tr("状态")]
        self.table = QTableWidget(0, len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setAccessibleName(self.tr("今日检录"))
        self.count = QLabel("")
        self.count.setAccessibleName(self.tr("今日检录人数"))
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.entry, 1)
        entry_row.addWidget(self.go)
        layout = QVBoxLayout(self)
        layout.addWidget(self.session)
        layout.addLayout(entry_row)
        layout.addLayout(card)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(LIST_MS)
        self.timer.timeout.connect(self.refresh)
        run_task(self, lambda: DoorDesk(node), self._opened, self._open_failed, lane=LANE)

    # -- opening -----------------------------------------------------------------------------
    def _opened(self, desk: DoorDesk) -> None:
        self.desk = desk
        self.entry.setEnabled(True)
        self.go.setEnabled(True)
        self.entry.setFocus()
        self.timer.start()
        self.refresh()

    def _open_failed(self, exc: Exception) -> None:
        self.session.setText(error_text(exc))

    # -- checking in ---------------------------------------------------------------------------
    def check_in(self) -> None:
        text = self.entry.text().strip()
        if not text or self.desk is None:
            return
        self.entry.clear()
        desk = self.desk

        def work():
            result = desk.check_in(text)
            return result, desk.candidate(result.ticket_no).photo

        self._show_verdict(self.tr("正在检录 {0}…").format(text), "#555")
        run_task(self, work, self._admitted, self._refused, lane=LANE, changes={"checkin"})

    def _admitted(self, answer) -> None:
        result, photo = answer
        self.who.setStyleSheet("font-size: 20pt;")
        if result.state == st.ADMITTED:
            self._show_verdict(self.tr("准予入场"), "#1b5e20")
        else:
            self._show_verdict(self.tr("准予入场（离线，待主机确认）"), "#1b5e20")
        self.who.setText(self.tr("{0}\n准考证号 {1}\n考场 {2}　座位 {3}").format(
            result.name, result.ticket_no, result.room or "—", result.seat or "—"))
        pix = QPixmap()
        if photo and pix.loadFromData(photo):
            self.photo.setPixmap(pix.scaled(PHOTO_W, PHOTO_H, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        else:
            self.photo.setText(self.tr("无照片"))
        self.refresh()

    def _refused(self, exc: Exception) -> None:
        self.photo.clear()
        self.photo.setText(self.tr("照片"))
        self.who.setText("")
        self.who.setStyleSheet("font-size: 20pt; color: #b00020;")
        if isinstance(exc, VerdictPending):
            self._show_verdict(str(exc), "#e65100")
        elif isinstance(exc, DeskRefused):
            self._show_verdict(self.tr("不准入场"), "#b00020")
            self.who.setText(str(exc))
        else:
            self._show_verdict(str(exc) if isinstance(exc, DomainError) else error_text(exc), "#b00020")
        self.refresh()

    def _show_verdict(self, text: str, color: str) -> None:
        self.verdict.setStyleSheet(f"font-size: 26pt; font-weight: bold; color: {color};")
        self.verdict.setText(text)

    # -- today's list --------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading or self.desk is None:
            return
        self._loading = True
        desk, names = self.desk, self.names

        def load():
            today = sitetime.site_date(desk.node.clock.now())
            rows = [r for r in desk.check_ins() if sitetime.site_date(r.at) == today]
            for r in rows:
                if r.ticket_no not in names:
                    try:
                        names[r.ticket_no] = desk.candidate(r.ticket_no).name
                    except DomainError:
                        names[r.ticket_no] = ""
            return desk.profile or {}, rows

        run_task(self, load, self._show_list, self._list_failed)

    def _list_failed(self, exc: Exception) -> None:
        self._loading = False
        self.count.setText(error_text(exc))

    def _state(self, r) -> tuple[str, str]:
        if r.verdict in (st.ADMITTED, st.SAME_DESK):
            return self.tr("已入场"), "#1b5e20"
        if r.verdict == st.FLAGGED:
            return self.tr("已入场（重复检录已报考场负责人）"), "#e65100"
        if r.verdict == "pending":
            return (self.tr("离线入场待主机确认"), "#e65100") if not r.online else (self.tr("等待主机确认"), "#555")
        if r.verdict == st.ALREADY:
            return self.tr("主机拒绝：已在其他检录台检录"), "#b00020"
        return self.tr("主机拒绝"), "#b00020"

    def _show_list(self, data) -> None:
        self._loading = False
        profile, rows = data
        if profile:
            self.session.setText(self.tr("场次：{0} {1}（{2} 开考）　名册 {3} 人").format(
                profile.get("plan_no", ""), profile.get("session_name", ""),
                sitetime.text(profile.get("starts_at"), "%m-%d %H:%M"), profile.get("candidates", 0)))
        else:
            self.session.setText(self.tr("等待主机下发场次和名册…"))
        rows = sorted(rows, key=lambda r: r.seq, reverse=True)
        states = [self._state(r) for r in rows]
        fill_table(self.table, [[sitetime.text(r.at, "%H:%M:%S"), r.ticket_no, self.names.get(r.ticket_no, ""), state]
                                for r, (state, _) in zip(rows, states)])
        for i, (_, color) in enumerate(states):
            self.table.item(i, 3).setForeground(QColor(color))
        self.count.setText(self.tr("今日本检录台检录 {0} 人").format(len(rows)))
