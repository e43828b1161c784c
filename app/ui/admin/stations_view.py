"""站点管理 → 站点与终端 (issue 17): the enrollment requests waiting, each with the code its
screen shows; granting one as a kind of machine (考试终端 / 检录台 / 实操评分站 / 监考台) in a
room, answered with the confirmation code both screens show; the stations' board (kind, room,
link, last heard, records not yet sent); a door desk provisioned with a session's roster; and
the USB road both ways (the master's commands for a station written to a pack, a station's
answer pack imported).  Every call goes through ``run_task``."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from app.core import sitetime
from app.core import stations as st
from app.services.checkin import CheckinService
from app.services.grader_stations import GraderStationService
from app.services.net import NetService
from app.services.room_consoles import RoomConsoleService
from app.services.station_admin import StationAdmin
from app.services.stations import StationService
from app.ui.admin.console_staff import ConsoleStaffDialog
from app.ui.common.tables import fill_table, list_table
from app.ui.common.tasks import on_changes, run_task
from app.ui.common.widgets import error_text, tr

REFRESH_MS = 5000
GRANT_KINDS = (st.TERMINAL, *st.STATION_KINDS)


class StationsTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.admin, self.net = StationAdmin(ctx), NetService(ctx)
        self.stations, self.door = StationService(ctx), CheckinService(ctx)
        self._loading = False
        self.board_rows = []

        # -- requests waiting for a grant
        requests = QGroupBox(self.tr("等待登记的终端和站点（核对对方屏幕上的登记码）"))
        self.requests = list_table(single=True, headers=[self.tr("登记码"), self.tr("名称"), self.tr("请求时间")])
        self.requests.setAccessibleName(self.tr("等待登记的请求"))
        self.requests.setStyleSheet("font-family: monospace;")
        self.kind = QComboBox()
        for k in GRANT_KINDS:
            self.kind.addItem(tr(st.KIND_NAMES[k]), k)
        self.kind.setCurrentIndex(GRANT_KINDS.index(st.DOOR_DESK))
        self.kind.setAccessibleName(self.tr("类型"))
        self.room = QComboBox()
        self.room.setEditable(True)
        self.room.setAccessibleName(self.tr("考场"))
        self.room.setMinimumWidth(140)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("默认用对方报来的名称"))
        self.name.setAccessibleName(self.tr("名称"))
        self.name.setMinimumWidth(220)
        self.grant_button = QPushButton(self.tr("准予登记"))
        self.grant_button.clicked.connect(self.grant)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        form = QHBoxLayout()
        for label, w in ((self.tr("类型"), self.kind), (self.tr("考场"), self.room), (self.tr("名称"), self.name)):
            form.addWidget(QLabel(label))
            form.addWidget(w)
        form.addWidget(self.grant_button)
        form.addStretch(1)
        self.granted = QLabel("")
        self.granted.setWordWrap(True)
        self.granted.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.granted.setAccessibleName(self.tr("登记结果"))
        rv = QVBoxLayout(requests)
        rv.addWidget(self.requests, 1)
        rv.addLayout(form)
        rv.addWidget(self.granted)

        # -- the stations
        board = QGroupBox(self.tr("已登记的站点"))
        self.table = list_table(single=True, headers=[self.tr("编号"), self.tr("名称"), self.tr("类型"), self.tr("考场"), self.tr("连接"),
                             self.tr("最后联系"), self.tr("待发送"), self.tr("场次"), self.tr("名册人数")])
        self.table.setAccessibleName(self.tr("站点列表"))
        self.session = QComboBox()
        self.session.setAccessibleName(self.tr("场次"))
        self.session.setMinimumWidth(260)
        self.session.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        self.provision_button = QPushButton(self.tr("向选中的站点下发"))
        self.provision_button.clicked.connect(self.provision)
        self.pack_out_button = QPushButton(self.tr("写出发给选中站点的指令包…"))
        self.pack_out_button.clicked.connect(self.write_pack)
        self.pack_in_button = QPushButton(self.tr("导入站点数据包…"))
        self.pack_in_button.clicked.connect(self.import_pack)
        actions = QHBoxLayout()
        actions.addWidget(QLabel(self.tr("场次")))
        actions.addWidget(self.session)
        actions.addWidget(self.provision_button)
        actions.addStretch(1)
        actions.addWidget(self.pack_out_button)
        actions.addWidget(self.pack_in_button)
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("操作结果"))
        bv = QVBoxLayout(board)
        bv.addWidget(self.table, 1)
        bv.addLayout(actions)
        bv.addWidget(self.result)

        layout = QVBoxLayout(self)
        layout.addWidget(requests, 2)
        layout.addWidget(board, 3)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        on_changes(self, {"checkin"}, lambda _: self.refresh())
        self.refresh()

    # -- loading ----------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        run_task(self, self._load, self._show, self._failed)

    def _load(self):
        return (self.net.pending_enrollments(), self.admin.board(), self.admin.rooms(), self.door.sessions())

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self._say(self.result, error_text(exc), ok=False)

    def _show(self, data) -> None:
        self._loading = False
        pending, board, rooms, sessions = data
        chosen = self._selected_code()
        fill_table(self.requests, [[p.code, p.name, sitetime.text(p.requested_at, "%m-%d %H:%M:%S")] for p in pending])
        for r, p in enumerate(pending):
            if p.code == chosen:
                self.requests.selectRow(r)
        if self.requests.currentRow() < 0 and pending:
            self.requests.selectRow(0)
        typed = self.room.currentText()
        self.room.blockSignals(True)
        self.room.clear()
        self.room.addItem(self.tr("（不限考场）"), "")
        for name in rooms:
            self.room.addItem(name, name)
        if typed and typed != self.room.itemText(0):
            self.room.setEditText(typed)
        self.room.blockSignals(False)
        current = self.session.currentData()
        self.session.clear()
        self.session_plans = {s.id: s.plan_no for s in sessions}
        for s in sessions:
            self.session.addItem(s.label, s.id)
        if current is not None and self.session.findData(current) >= 0:
            self.session.setCurrentIndex(self.session.findData(current))
        picked = self._selected_station()
        self.board_rows = board
        labels = {s.id: s.label for s in sessions}
        fill_table(self.table, [[b.machine_id, b.name, tr(b.kind_name), b.room or self.tr("不限"),
                            self.tr("在线") if b.online else self.tr("离线"),
                            sitetime.text(b.last_seen, "%H:%M:%S", self.tr("未联系")),
                            "—" if b.backlog is None else str(b.backlog),
                            labels.get(b.session_id, self.tr("未下发")), str(b.candidates)] for b in board])
        for r, b in enumerate(board):
            item = self.table.item(r, 4)
            item.setForeground(Qt.darkGreen if b.online else Qt.red)
            if b.machine_id == picked:
                self.table.selectRow(r)
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.room.setEnabled(self.kind.currentData() != st.TERMINAL)

    # -- what is selected ---------------------------------------------------------------
    def _selected_code(self) -> str | None:
        r = self.requests.currentRow()
        item = self.requests.item(r, 0) if r >= 0 else None
        return item.text() if item else None

    def _selected_station(self) -> str | None:
        r = self.table.currentRow()
        item = self.table.item(r, 0) if r >= 0 else None
        return item.text() if item else None

    @staticmethod
    def _say(label: QLabel, text: str, ok: bool = True) -> None:
        label.setStyleSheet("font-weight: bold; color: %s;" % ("#1b5e20" if ok else "#b00020"))
        label.setText(text)

    # -- actions ---------------------------------------------------------------------------
    def grant(self) -> None:
        code = self._selected_code()
        if not code:
            self._say(self.granted, self.tr("请先在表中选中对方屏幕上显示的登记码"), ok=False)
            return
        kind, name = self.kind.currentData(), self.name.text().strip()
        room = self.room.currentText().strip()
        room = "" if room == self.room.itemText(0) else room
        self.grant_button.setEnabled(False)
        run_task(self, lambda: self.admin.grant(code, kind, name, room), self._granted, self._grant_failed,
                 self.tr("正在准予登记…"))

    def _granted(self, g) -> None:
        self.grant_button.setEnabled(True)
        self.name.clear()
        where = self.tr("，{0}").format(g.room) if g.room else ""
        text = self.tr("已准予登记为 {0}（{1}{2}）。").format(g.machine_id, tr(st.kind_name(g.kind)), where)
        if g.confirmation:
            text += self.tr("请核对对方屏幕上的确认码：{0}").format(g.confirmation)
        self._say(self.granted, text)
        self.granted.setStyleSheet(self.granted.styleSheet() + " font-size: 15pt;")
        self.refresh()

    def _grant_failed(self, exc: Exception) -> None:
        self.grant_button.setEnabled(True)
        self._say(self.granted, error_text(exc), ok=False)

    def provision(self) -> None:
        """Send the selected station what its kind needs for the chosen session's batch: a door
        desk the session's roster, a grader station the batch's 考评组, a room console its room."""
        mid, session_id = self._selected_station(), self.session.currentData()
        row = next((b for b in getattr(self, "board_rows", []) if b.machine_id == mid), None)
        if row is None or session_id is None:
            self._say(self.result, self.tr("请先选中一个站点和场次"), ok=False)
            return
        plan_no = self.session_plans.get(session_id, "")
        if row.kind == st.DOOR_DESK:
            def work():
                return self.tr("已向 {0} 下发 {1} 名考生（含照片）").format(
                    mid, self.stations.provision_door_desk(mid, session_id))
        elif row.kind == st.GRADER_STATION:
            def work():
                return self.tr("已向 {0} 下发评分表、考评组账户和 {1} 名考生").format(
                    mid, GraderStationService(self.ctx).provision_grader_station(mid, plan_no))
        elif row.kind == st.ROOM_CONSOLE:
            consoles = RoomConsoleService(self.ctx)
            run_task(self, lambda: consoles.staff_choices(mid, plan_no),
                     lambda choices: self._provision_console(mid, row.room, plan_no, choices),
                     lambda exc: self._say(self.result, error_text(exc), ok=False))
            return
        else:
            self._say(self.result, self.tr("考试终端在理论考试工作台准备，不在这里下发"), ok=False)
            return
        self._send(work)

    def _send(self, work) -> None:
        """Run one provisioning off the UI thread; its one line of result, then the board again."""
        run_task(self, work, lambda text: (self._say(self.result, text), self.refresh()),
                 lambda exc: self._say(self.result, error_text(exc), ok=False),
                 self.tr("正在下发…"), changes={"checkin"})

    def choose_console_staff(self, mid: str, room: str, choices) -> list[str] | None:
        """Whom the room console gets (None: the administrator cancelled)."""
        dialog = ConsoleStaffDialog(mid, room, choices, self)
        return dialog.chosen() if dialog.exec() == ConsoleStaffDialog.Accepted else None

    def _provision_console(self, mid: str, room: str, plan_no: str, choices) -> None:
        staff = self.choose_console_staff(mid, room, choices)
        if staff is None:
            return
        if not staff:
            self._say(self.result, self.tr("请至少勾选一名考场负责人"), ok=False)
            return

        def work():
            c = RoomConsoleService(self.ctx).provision_room_console(mid, plan_no, staff)
            return self.tr("已向 {0} 下发本考场 {1} 名考生、{2} 名工作人员、{3} 台终端").format(
                mid, c["candidates"], c["staff"], c["terminals"])
        self._send(work)

    def write_pack(self) -> None:
        mid = self._selected_station()
        if not mid:
            self._say(self.result, self.tr("请先选中一个站点"), ok=False)
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("写出指令包"), f"{mid}-指令.espack",
                                              self.tr("数据包 (*.espack)"))
        if path:
            self.write_pack_to(mid, path)

    def write_pack_to(self, mid: str, path: str) -> None:
        run_task(self, lambda: self.admin.write_command_pack(mid, path),
                 lambda n: self._say(self.result, self.tr("已写出发给 {0} 的指令 {1} 条：{2}").format(mid, n, path)),
                 lambda exc: self._say(self.result, error_text(exc), ok=False), self.tr("正在写出指令包…"))

    def import_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入站点数据包"), "", self.tr("数据包 (*.espack)"))
        if path:
            self.import_pack_from(path)

    def import_pack_from(self, path: str) -> None:
        run_task(self, lambda: self.net.import_pack(path),
                 lambda r: (self._say(self.result, self.tr("已导入：新增 {0} 条，重复 {1} 条（重复的不会再计入）")
                                      .format(r.new, r.duplicates)), self.refresh()),
                 lambda exc: self._say(self.result, error_text(exc), ok=False), self.tr("正在导入数据包…"),
                 changes={"checkin", "sittings", "scoring"})
