"""The grader station's screen (实操评分站, issue 17), built on ``app.net.grader_station.GraderStation``.

Top, what the station is (kind, room, batch) and its link state, at all times.  A grader logs in
once per sitting: the password opens their signing key (one Argon2, off the UI thread); every
sheet signed in the sitting then asks only for the drawing.  Left, the group's candidates
coloured by the state of *my* sheet (white not started, yellow draft, green signed, red refused
by the master) under the scan field: a USB scanner types the ticket QR and Enter, or the grader
types the ticket number.  Right, the sheet (the scoring workplace's table and signature pad).
A sheet signed here and accepted by the master is corrected with 更正 (F8): a reason, then a new
version to edit and sign again in the sitting.  Every save, signature and correction runs off the
UI thread, in order (one lane per station)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QSplitter, QStackedWidget, QVBoxLayout, QWidget)

from app.core import grader_station as gs
from app.core import scoring as rules
from app.core.errors import DomainError
from app.ui.common.tasks import pending, run_task
from app.net.grader_station import GraderStation
from app.ui.common.widgets import error_text
from app.ui.scoring.common import GREEN, RED, TASK_ROW, WHITE, YELLOW, item, table
from app.ui.scoring.signature import SignaturePad
from app.ui.stations.opening import OpeningPage

REFRESH_MS = 1000


class DrawDialog(QDialog):
    """The drawing for one sheet; the sitting's key signs it (no password again)."""

    def __init__(self, parent, who: str, what: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("签字确认"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(self.tr("{0}：{1}\n签字后不能修改。").format(who, what)))
        self.pad = SignaturePad(self)
        lay.addWidget(self.pad)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #B00020")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("签字"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        clear = QPushButton(self.tr("清除签名(&C)"))
        clear.clicked.connect(self.pad.clear)
        row = QHBoxLayout()
        row.addWidget(clear)
        row.addWidget(self.message, 1)
        row.addWidget(buttons)
        lay.addLayout(row)

    def _accept(self):
        if self.pad.is_empty():
            self.message.setText(self.tr("请手写签名"))
            return
        self.accept()


class CorrectionDialog(QDialog):
    """The reason for correcting a signed sheet (the master's rule: at least 4 characters); the
    signed version stays as it is, the correction is a new version signed again."""

    def __init__(self, parent, ticket: str):
        super().__init__(parent)
        self.setWindowTitle(self.tr("更正评分表"))
        self.setModal(True)
        lay = QVBoxLayout(self)
        self.setMinimumWidth(560)
        text = QLabel(self.tr("准考证号 {0}：已签字的评分表不会被改动，更正将另存为新版本，"
                              "修改后须重新签字；考评组长签字汇总后主机不再接受更正。").format(ticket))
        text.setWordWrap(True)
        lay.addWidget(text)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("更正理由"))
        self.reason.setPlaceholderText(self.tr("更正理由（至少 4 个字，如：第1.1项复核后应为16分）"))
        lay.addWidget(self.reason)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #B00020")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("开始更正"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(buttons)
        lay.addLayout(row)

    def _accept(self):
        problem = rules.correction_problem(self.reason.text())
        if problem:
            self.message.setText(problem)
            return
        self.accept()


class ChiefDialog(QDialog):
    """The chief's part of the station: the candidates every grader has signed (sent to this
    station only), and the reasoned decision on a discrepancy."""

    def __init__(self, parent, station):
        super().__init__(parent)
        self.station = station
        self.setWindowTitle(self.tr("已公开的评分（考评组长）"))
        self.resize(900, 520)
        self.list = table([self.tr("准考证号"), self.tr("状态"), self.tr("各考评员合计"), self.tr("汇总"),
                           self.tr("分差"), self.tr("认定分")])
        self.list.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.score = QLineEdit()
        self.score.setPlaceholderText(self.tr("裁定分"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("裁定理由（如：复看考件照片后认定）"))
        self.decide_button = QPushButton(self.tr("裁定所选考生"))
        self.decide_button.clicked.connect(self.decide)
        refresh = QPushButton(self.tr("向主机刷新"))
        refresh.clicked.connect(self.ask)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.score)
        row.addWidget(self.reason, 1)
        row.addWidget(self.decide_button)
        row.addWidget(refresh)
        lay = QVBoxLayout(self)
        lay.addWidget(self.list, 1)
        lay.addLayout(row)
        lay.addWidget(self.message)
        self.fill()

    def fill(self) -> None:
        names = {"final": self.tr("一致"), "discrepancy": self.tr("超出分差，待裁定"), "reconciled": self.tr("组长已裁定"),
                 "absent": self.tr("缺考")}
        rows = self.station.revealed()
        self.list.setRowCount(len(rows))
        for r, c in enumerate(rows):
            totals = "　".join(f"{sh['name']} {sh['total']}" for sh in c["sheets"])
            cells = (c["ticket_no"], names.get(c["status"], c["status"]), totals, c["aggregated"] or "",
                     c["spread"] or "", c["score"] or "")
            for col, v in enumerate(cells):
                it = item(v, data=c["ticket_no"])
                it.setBackground(RED if c["status"] == "discrepancy" else WHITE)
                self.list.setItem(r, col, it)
        if not rows:
            self.message.setText(self.tr("尚无全部考评员都已签字的考生"))

    def ask(self) -> None:
        run_task(self, self.station.ask_revealed, lambda _seq: QTimer.singleShot(1500, self.fill),
                 lambda exc: self.message.setText(error_text(exc)))

    def decide(self) -> None:
        items = self.list.selectedItems()
        if not items:
            self.message.setText(self.tr("请先选择考生"))
            return
        ticket, score, reason = items[0].data(Qt.UserRole), self.score.text().strip(), self.reason.text().strip()

        def done(_seq):
            self.message.setText(self.tr("裁定已保存并发往主机；主机确认后列表更新"))
            QTimer.singleShot(1500, self.fill)

        run_task(self, lambda: self.station.reconcile(ticket, score, reason), done,
                 lambda exc: self.message.setText(error_text(exc)), self.tr("正在保存裁定…"))


class GraderStationView(QWidget):
    SCORE_COL = 3

    def __init__(self, station, parent=None):
        super().__init__(parent)
        self.station = station
        self.lane = f"grader-station-{id(self):x}"
        self.ticket: str | None = None
        self.who = ""
        self.draw_dialog: DrawDialog | None = None
        self.correction_dialog: CorrectionDialog | None = None
        self._loading = False
        self.banner = QLabel("")
        self.banner.setStyleSheet("font-weight: bold")
        self.link = QLabel("")
        self.logout_button = QPushButton(self.tr("退出登录"))
        self.logout_button.clicked.connect(self.logout)
        self.chief_button = QPushButton(self.tr("已公开的评分（组长）"))
        self.chief_button.clicked.connect(self.open_chief)
        self.chief_button.hide()
        self.chief_dialog: ChiefDialog | None = None
        top = QHBoxLayout()
        top.addWidget(self.banner, 1)
        top.addWidget(self.link)
        top.addWidget(self.chief_button)
        top.addWidget(self.logout_button)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._login_page())
        self.pages.addWidget(self._work_page())
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.pages, 1)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.tick)
        self.timer.start(REFRESH_MS)
        self.tick()

    # -- pages ---------------------------------------------------------------------------
    def _login_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout()
        self.user = QLineEdit()
        self.user.setAccessibleName(self.tr("考评员账户"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.returnPressed.connect(self.login)
        form.addRow(self.tr("考评员账户(&U)："), self.user)
        form.addRow(self.tr("密码(&P)："), self.password)
        self.login_button = QPushButton(self.tr("登录，开始本次评分"))
        self.login_button.clicked.connect(self.login)
        self.login_message = QLabel(self.tr("本次登录期间签字只需手写签名，无需再输入密码；离开时请退出登录。"))
        self.login_message.setWordWrap(True)
        box = QVBoxLayout(page)
        box.addStretch(1)
        box.addLayout(form)
        box.addWidget(self.login_button)
        box.addWidget(self.login_message)
        box.addStretch(2)
        return page

    def _work_page(self) -> QWidget:
        self.scan = QLineEdit()
        self.scan.setAccessibleName(self.tr("扫码或输入准考证号"))
        self.scan.setPlaceholderText(self.tr("扫描准考证二维码，或输入准考证号，回车"))
        self.scan.returnPressed.connect(self.scanned)
        self.candidates = table([self.tr("准考证号"), self.tr("考场/工位"), self.tr("姓名"), self.tr("我的评分")])
        self.candidates.setAccessibleName(self.tr("考生列表"))
        self.candidates.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.candidates.itemSelectionChanged.connect(self._chosen)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.scan)
        ll.addWidget(self.candidates, 1)
        self.sheet = table([self.tr("编号"), self.tr("评分项目"), self.tr("配分"), self.tr("得分"),
                            self.tr("评分标准 / 扣分说明")])
        self.sheet.setAccessibleName(self.tr("评分表"))
        self.sheet.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.sheet.setEditTriggers(QAbstractItemView.AnyKeyPressed | QAbstractItemView.DoubleClicked
                                   | QAbstractItemView.EditKeyPressed)
        self.sheet.setWordWrap(True)
        self.sheet.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        self.sheet.itemChanged.connect(self._score_changed)
        self.header = QLabel(self.tr("请扫码或选择考生"))
        self.header.setStyleSheet("font-size: 14pt; font-weight: bold")
        self.total = QLabel("")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.sign_button = QPushButton(self.tr("签字"))
        self.sign_button.clicked.connect(self.start_signing)
        self.correct_button = QPushButton(self.tr("更正（F8）"))
        self.correct_button.setToolTip(self.tr("更正本人在本评分站已签字、主机已接收的评分表：写明理由，另存为新版本后重新签字"))
        self.correct_button.clicked.connect(self.start_correction)
        QShortcut(QKeySequence("F8"), self, activated=self.start_correction)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.header)
        rl.addWidget(self.sheet, 1)
        rl.addWidget(self.total)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.correct_button)
        row.addWidget(self.sign_button)
        rl.addLayout(row)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([440, 840])
        split.setChildrenCollapsible(False)
        return split

    # -- station and sitting ---------------------------------------------------------------
    def tick(self) -> None:
        """The station's kind, room, batch and link, and the list's colours (the master's answers)."""
        p = self.station.profile or {}
        room = p.get("room") or self.tr("未指定考场")
        self.banner.setText(self.tr("实操评分站 {0}　{1}　{2}").format(
            p.get("name", ""), room, p.get("batch_label") or p.get("plan_no") or self.tr("尚未下发考评任务")))
        self.link.setText(self.tr("● 已连接主机") if self.station.node.online else self.tr("○ 未连接主机（离线评分，恢复后自动上传）"))
        if self.pages.currentIndex() == 1:
            if self.station.grader is None:  # the sitting ran out
                self._signed_out(self.tr("长时间未操作，已退出登录；请重新输入密码"))
            elif not pending(self.lane):
                self.fill()

    def login(self) -> None:
        user, password = self.user.text().strip(), self.password.text()
        if not user or not password:
            self.login_message.setText(self.tr("请输入账户和密码"))
            return
        self.password.clear()

        def done(name):
            self.who = name
            self.chief_button.setVisible(self.station.is_chief)
            self.pages.setCurrentIndex(1)
            self._build_sheet()
            self.fill()
            self.scan.setFocus()

        run_task(self, lambda: self.station.login(user, password), done,
                 lambda exc: self.login_message.setText(error_text(exc)), self.tr("正在核验密码…"), lane=self.lane)

    def logout(self) -> None:
        self._signed_out(self.tr("已退出登录"))
        run_task(self, self.station.logout, lambda _: None, lambda exc: self.login_message.setText(error_text(exc)),
                 lane=self.lane)  # in order with the next login

    def open_chief(self) -> None:
        self.chief_dialog = ChiefDialog(self, self.station)
        self.chief_dialog.open()

    def _signed_out(self, text: str) -> None:
        self.ticket = None
        self.chief_button.hide()
        self.pages.setCurrentIndex(0)
        self.login_message.setText(text)

    # -- the list --------------------------------------------------------------------------
    def state_of(self, ticket: str) -> str:
        for r in range(self.candidates.rowCount()):
            if self.candidates.item(r, 0).text() == ticket:
                return self.candidates.item(r, 0).data(Qt.UserRole + 1)
        raise KeyError(ticket)

    def fill(self) -> None:
        try:
            rows = self.station.rows()
        except DomainError as exc:
            self.message.setText(str(exc))
            return
        names = {"none": self.tr("未开始"), "draft": self.tr("评分中"), "signed": self.tr("已签字")}
        self.candidates.blockSignals(True)
        self.candidates.setRowCount(len(rows))
        for r, row in enumerate(rows):
            state = "refused" if row.verdict in gs.REFUSED else row.status
            text = names[row.status]
            if row.status == "draft":
                text += f" {row.scored}/{row.items}"
            elif row.verdict == "pending":
                text += self.tr("（待主机确认）")
            elif state == "refused":
                text = {gs.SIGNED_TWICE: self.tr("主机拒收：该评分表已有签字"),
                        gs.NOT_CURRENT: self.tr("主机拒收更正：所更正的不是当前版本"),
                        gs.SUMMARY_SIGNED: self.tr("主机拒收更正：汇总表已签字")}.get(
                            row.verdict, self.tr("主机拒收，请报告考评组长"))
            colour = {"none": WHITE, "draft": YELLOW, "signed": GREEN, "refused": RED}[state]
            for c, v in enumerate((row.ticket_no, f"{row.room} {row.seat}".strip(), row.name or self.tr("（隐藏）"),
                                   text)):
                it = item(v, data=row.ticket_no)
                it.setBackground(colour)
                self.candidates.setItem(r, c, it)
            self.candidates.item(r, 0).setData(Qt.UserRole + 1, state)
            if row.ticket_no == self.ticket:
                self.candidates.selectRow(r)
        self.candidates.blockSignals(False)
        self.candidates.setColumnHidden(2, not any(row.name for row in rows))  # names hidden by the template

    def scanned(self) -> None:
        """The scanner's QR text or a typed ticket number opens that sheet."""
        text = self.scan.text().strip()
        self.scan.clear()
        if not text:
            return
        try:
            ticket = self.station.ticket_of(text)
        except DomainError as exc:
            self.message.setText(str(exc))
            return
        self.open_sheet(ticket)

    def _chosen(self) -> None:
        items = self.candidates.selectedItems()
        if items and items[0].data(Qt.UserRole) != self.ticket:
            self.open_sheet(items[0].data(Qt.UserRole))

    def open_sheet(self, ticket: str) -> None:
        self.ticket = ticket
        self.header.setText(self.tr("准考证号 {0}　考评员 {1}").format(ticket, self.who))
        self.message.setText("")
        self._show(self.station.sheet(ticket))
        for r in range(self.candidates.rowCount()):
            if self.candidates.item(r, 0).text() == ticket:
                self.candidates.blockSignals(True)
                self.candidates.selectRow(r)
                self.candidates.blockSignals(False)
        first = next((r for r, code in enumerate(self._rows) if code and not self.sheet.item(r, self.SCORE_COL).text()),
                     None)
        if first is not None:
            self.sheet.setCurrentCell(first, self.SCORE_COL)
        self.sheet.setFocus()

    # -- the sheet -------------------------------------------------------------------------
    def _build_sheet(self) -> None:
        template: rules.Template = self.station.template
        self._loading = True
        self.sheet.setRowCount(0)
        self._rows: list[str | None] = []
        bold = QFont(self.font())
        bold.setBold(True)
        last = None
        for task, it in template.items():
            if task.code != last:
                last = task.code
                r = self.sheet.rowCount()
                self.sheet.insertRow(r)
                band = item(self.tr("考核项目 {0}　{1}").format(task.code, task.title))
                band.setBackground(TASK_ROW)
                band.setFont(bold)
                self.sheet.setItem(r, 0, band)
                self.sheet.setSpan(r, 0, 1, self.sheet.columnCount())
                self._rows.append(None)
            r = self.sheet.rowCount()
            self.sheet.insertRow(r)
            self.sheet.setItem(r, 0, item(it.code))
            self.sheet.setItem(r, 1, item(it.title))
            self.sheet.setItem(r, 2, item(self.tr("否决项") if it.is_veto else f"{it.points.normalize():f}"))
            self.sheet.setItem(r, 4, item("；".join(x for x in (it.criteria, it.deductions) if x)))
            score = item("", editable=True, data=it.code)
            score.setTextAlignment(Qt.AlignCenter)
            self.sheet.setItem(r, self.SCORE_COL, score)
            self._rows.append(it.code)
        self.sheet.resizeRowsToContents()
        self._loading = False
        self._show(None)

    def _show(self, sheet) -> None:
        self._loading = True
        entries = sheet.entries if sheet is not None else {}
        signed = sheet is not None and sheet.status == "signed"
        for r, code in enumerate(self._rows):
            if code is None:
                continue
            v = entries.get(code)
            it = self.sheet.item(r, self.SCORE_COL)
            it.setText("" if v is None else ("是" if v is True else "否" if v is False else str(v)))
            it.setFlags(Qt.ItemIsSelectable | Qt.ItemIsEnabled | (Qt.NoItemFlags if signed else Qt.ItemIsEditable))
            it.setBackground(WHITE)
        self._loading = False
        n = sum(1 for c in self._rows if c)
        version = "" if sheet is None or sheet.version == 1 else self.tr("（第 {0} 版，更正理由：{1}）").format(
            sheet.version, sheet.correction_reason)
        if sheet is None:
            self.total.setText(self.tr("未开始") if self.ticket else "")
        elif signed:
            self.total.setText(self.tr("合计 {0} 分　已签字").format(sheet.total) + version)
        elif len(sheet.entries) == n:
            self.total.setText(self.tr("合计 {0} 分　已全部评分，请核对后签字").format(sheet.total))
        else:
            self.total.setText(self.tr("合计 {0} 分　未签字，尚有 {1} 项未评").format(sheet.total, n - len(sheet.entries)))
        if version and not signed:
            self.total.setText(self.total.text() + version)
        self.sign_button.setEnabled(sheet is not None and not signed and len(sheet.entries) == n)
        self.correct_button.setEnabled(signed and sheet.verdict == gs.ACCEPTED)

    def entries(self) -> dict[str, str]:
        return {code: self.sheet.item(r, self.SCORE_COL).text().strip() for r, code in enumerate(self._rows)
                if code is not None and self.sheet.item(r, self.SCORE_COL).text().strip()}

    def set_score(self, code: str, text: str) -> None:
        """Type one score into the sheet (what the keyboard does)."""
        self.sheet.item(self._rows.index(code), self.SCORE_COL).setText(str(text))

    def _score_changed(self, it) -> None:
        if self._loading or it.column() != self.SCORE_COL or not self.ticket:
            return
        ticket, entries = self.ticket, self.entries()

        def saved(sheet):
            if ticket == self.ticket and not pending(self.lane):
                self._show(sheet)
                self.fill()

        def refused(exc):
            self.message.setText(error_text(exc))
            if ticket == self.ticket:
                self._loading = True
                it.setBackground(RED)
                self._loading = False

        run_task(self, lambda: self.station.save(ticket, entries), saved, refused, lane=self.lane)

    def start_signing(self) -> None:
        if not self.ticket or not self.sign_button.isEnabled():
            return
        self.draw_dialog = DrawDialog(self, self.who, self.tr("准考证号 {0} 的评分表").format(self.ticket))
        self.draw_dialog.accepted.connect(lambda: self.sign_with(self.draw_dialog.pad.png()))
        self.draw_dialog.open()

    def sign_with(self, png: bytes) -> None:
        """Sign the open sheet with the sitting's key and this drawing (off the UI thread)."""
        ticket = self.ticket

        def done(sheet):
            self.message.setText(self.tr("已签字，记录已保存；主机确认后变为绿色"))
            if ticket == self.ticket:
                self._show(sheet)
            self.fill()

        run_task(self, lambda: self.station.sign(ticket, png), done,
                 lambda exc: self.message.setText(error_text(exc)), self.tr("正在签字…"), lane=self.lane)

    def start_correction(self) -> None:
        """Ask the reason, then open the correction (a new version, to edit and sign again)."""
        if not self.ticket or not self.correct_button.isEnabled():
            return
        self.correction_dialog = CorrectionDialog(self, self.ticket)
        self.correction_dialog.accepted.connect(lambda: self.correct_with(self.correction_dialog.reason.text()))
        self.correction_dialog.open()

    def correct_with(self, reason: str) -> None:
        ticket = self.ticket

        def done(sheet):
            self.message.setText(self.tr("已另存为第 {0} 版，请修改后重新签字").format(sheet.version))
            if ticket == self.ticket:
                self._show(sheet)
            self.fill()

        run_task(self, lambda: self.station.start_correction(ticket, reason), done,
                 lambda exc: self.message.setText(error_text(exc)), self.tr("正在更正…"), lane=self.lane)


def grader_station_page(node, parent: QWidget | None = None) -> QWidget:
    """The station shell's body for a grader station (``app.ui.stations.STATION_VIEWS``)."""
    return OpeningPage(node, parent, GraderStation, GraderStationView,
                       QCoreApplication.translate("GraderStationView", "正在打开实操评分站…"))
