"""排座与打印: seat a room, print 准考证, 签到表, door lists and 座位表 (office roles)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (QComboBox, QDateTimeEdit, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from app.core.codes import SUBJECTS
from app.formats import checkin_pdf
from app.services.checkin import CheckinService
from app.services.roster import RosterService
from app.ui.common.files import offer_file
from app.ui.common.tasks import on_changes, run_task
from app.ui.common.widgets import confirm, error_text, tr


CST = _dt.timezone(_dt.timedelta(hours=8))


class PrintPanel(QWidget):
    session_created = Signal(int)
    written = Signal(str)  # path of a PDF written
    seated = Signal(int)  # candidates seated
    failed = Signal(str)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.service = CheckinService(ctx)
        self.ask_path = self._ask_path
        self.confirm = lambda title, text: confirm(self, title, text)
        self.batches = RosterService(ctx).batches()
        self.batch = QComboBox()
        self.batch.setAccessibleName(self.tr("认定批次"))
        for b in self.batches:
            self.batch.addItem(f"{b.plan_no}  {b.occupation_name}", b.plan_no)
        self.room = QComboBox()
        self.room.setAccessibleName(self.tr("考场"))
        self.session = QComboBox()
        self.session.setAccessibleName(self.tr("场次（签到表用）"))
        self.rows, self.cols = QSpinBox(), QSpinBox()
        for box, name, value in ((self.rows, self.tr("行数"), 5), (self.cols, self.tr("列数"), 6)):
            box.setRange(0, 50)
            box.setValue(value)
            box.setAccessibleName(name)
        self.terminals = QLineEdit()
        self.terminals.setAccessibleName(self.tr("机位编号"))
        self.terminals.setPlaceholderText(self.tr("机房：机位编号，逗号分隔（填写后不用行列）"))
        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("排座方式"))
        self.mode.addItem(self.tr("随机排座（种子留存，可复现）"), "random")
        self.mode.addItem(self.tr("按准考证号顺序"), "fixed")
        self.seat_button = QPushButton(self.tr("排座(&S)"))
        self.session_name = QLineEdit(self.tr("理论知识考试"))
        self.session_name.setAccessibleName(self.tr("场次名称"))
        self.subject = QComboBox()
        self.subject.setAccessibleName(self.tr("科目"))
        for key, name in SUBJECTS.items():
            self.subject.addItem(tr(name), key)
        self.starts = QDateTimeEdit(QDateTime(QDate.currentDate().addDays(1), QTime(9, 0)))
        self.starts.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.starts.setCalendarPopup(True)
        self.starts.setAccessibleName(self.tr("开考时间（北京时间）"))
        self.late = QSpinBox()
        self.late.setRange(0, 240)
        self.late.setValue(30)
        self.late.setAccessibleName(self.tr("开考后多少分钟不得入场"))
        self.session_button = QPushButton(self.tr("新建场次(&N)"))
        self.buttons = {}
        for key, label in (("tickets", self.tr("准考证(&T)")), ("signin", self.tr("签到表(&G)")),
                           ("door", self.tr("门贴名单(&D)")), ("chart", self.tr("座位表(&C)"))):
            self.buttons[key] = QPushButton(label)
            self.buttons[key].clicked.connect(lambda _=False, k=key: self.print(k))
        self.result = QLabel("")
        self.result.setWordWrap(True)
        self.result.setAccessibleName(self.tr("结果"))

        form = QFormLayout()
        form.addRow(self.tr("认定批次"), self.batch)
        form.addRow(self.tr("考场"), self.room)
        form.addRow(self.tr("签到表场次"), self.session)
        seats = QGroupBox(self.tr("排座"))
        sf = QFormLayout(seats)
        grid = QHBoxLayout()
        grid.addWidget(self.rows)
        grid.addWidget(QLabel("×"))
        grid.addWidget(self.cols)
        sf.addRow(self.tr("行 × 列"), grid)
        sf.addRow(self.tr("或机位"), self.terminals)
        sf.addRow(self.tr("方式"), self.mode)
        sf.addRow(self.seat_button)
        sessions = QGroupBox(self.tr("场次"))
        nf = QFormLayout(sessions)
        nf.addRow(self.tr("名称"), self.session_name)
        nf.addRow(self.tr("科目"), self.subject)
        nf.addRow(self.tr("开考时间（北京时间）"), self.starts)
        nf.addRow(self.tr("开考后不得入场（分钟）"), self.late)
        nf.addRow(self.session_button)
        prints = QGroupBox(self.tr("打印（PDF）"))
        pl = QHBoxLayout(prints)
        for b in self.buttons.values():
            pl.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(sessions)
        layout.addWidget(seats)
        layout.addWidget(prints)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.batch.currentIndexChanged.connect(self._batch_changed)
        self.seat_button.clicked.connect(self.assign)
        self.session_button.clicked.connect(self.create_session)
        self._batch_changed()
        on_changes(self, {"checkin"}, lambda _: self._load_sessions())

    @property
    def plan_no(self) -> str | None:
        return self.batch.currentData()

    def _batch_changed(self, *_):
        b = next((b for b in self.batches if b.plan_no == self.plan_no), None)
        self.room.clear()
        self.room.addItem(self.tr("（全部考场）"), None)
        for r in (b.rooms if b else ()):
            self.room.addItem(r, r)
        self._load_sessions()

    def _load_sessions(self) -> None:
        keep = self.session.currentData()
        self.session.clear()
        self.session.addItem(self.tr("（不指定）"), None)
        if self.plan_no:
            for s in self.service.sessions(self.plan_no):
                self.session.addItem(s.label, s.id)
        self.session.setCurrentIndex(max(0, self.session.findData(keep)))

    def create_session(self) -> None:
        plan_no = self.plan_no
        if not plan_no:
            return
        local = self.starts.dateTime().toPython().replace(tzinfo=CST)
        name, subject, late = self.session_name.text().strip(), self.subject.currentData(), self.late.value()

        def done(sid):
            self.result.setText(self.tr("已创建场次「{0}」").format(name))
            self.session_created.emit(sid)

        run_task(self, lambda: self.service.create_session(plan_no, name, subject, local, late), done, self._failed,
                 changes={"checkin"})

    def _ask_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("保存 PDF"), suggested, "PDF (*.pdf)")
        return path or None

    def _failed(self, exc: Exception) -> None:
        self.result.setText(error_text(exc))
        self.failed.emit(error_text(exc))

    def assign(self) -> None:
        plan_no, room = self.plan_no, self.room.currentData()
        if not plan_no or not room:
            self.result.setText(self.tr("请先选择一个考场"))
            return
        if not self.confirm(self.tr("排座"), self.tr("为「{0}」重新排座？已有座位号将被覆盖（记入日志）。").format(room)):
            return
        terminals = [t.strip() for t in self.terminals.text().replace("，", ",").split(",") if t.strip()]
        rows, cols, mode = self.rows.value(), self.cols.value(), self.mode.currentData()

        def done(seats):
            self.result.setText(self.tr("「{0}」已排座 {1} 人").format(room, len(seats)))
            self.seated.emit(len(seats))

        run_task(self, lambda: self.service.assign_seats(plan_no, room, rows=rows, cols=cols, terminals=terminals,
                                                          mode=mode), done, self._failed, label=self.tr("正在排座…"),
                 changes={"checkin"})

    def print(self, kind: str) -> None:
        plan_no, room, sid = self.plan_no, self.room.currentData(), self.session.currentData()
        if not plan_no:
            return
        if kind == "chart" and not room:
            self.result.setText(self.tr("座位表须选择一个考场"))
            return
        names = {"tickets": "准考证", "signin": "签到表", "door": "门贴名单", "chart": "座位表"}
        path = self.ask_path(str(Path.home() / f"{plan_no}-{room or '全部'}-{names[kind]}.pdf"))
        if not path:
            return
        svc = self.service
        session_name = self.session.currentText() if sid else ""

        def work():
            if kind == "tickets":
                sheets = svc.tickets(plan_no)
                if room:
                    sheets = [t for t in sheets if t.room == room]
                return checkin_pdf.tickets_pdf(path, sheets)
            if kind == "chart":
                checkin_pdf.seat_chart_pdf(path, plan_no, svc.seat_chart(plan_no, room))
                return 1
            rows = svc.sheet_rows(plan_no, room, sid)
            if kind == "signin":
                return checkin_pdf.signin_sheet_pdf(path, plan_no, session_name, rows)
            return checkin_pdf.door_list_pdf(path, plan_no, rows)

        def done(n):
            self.result.setText(self.tr("已写出 {0}（{1}）").format(path, n))
            offer_file(self, path)
            self.written.emit(path)

        run_task(self, work, done, self._failed, label=self.tr("正在生成 PDF…"))
