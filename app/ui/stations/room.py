"""监考台 (room console) screen: one room's terminals, incidents and misconduct findings, on a
station of the site LAN (issue 17).

Built on ``app.net.room_console.RoomConsole`` (the console's own store and link).  Proctors
record a finding and sign it here; the room head confirms it here -- each person picks their
name and types their password in a dialog; the check (Argon2 against the hash the master sent)
and the write run off the UI thread through ``run_task``, and the screen says 已保存 only once
the record is durable in the console's store.  The master's answer (主机已收存, or why it
refused) shows beside each finding.  Refreshed when the master sends something and every few
seconds (link state)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget,
                               QTabWidget, QVBoxLayout, QWidget)

from app.core import misconduct as mc
from app.core import room_console as rcn
from app.core import sitetime
from app.core.codes import level_label
from app.net.room_console import RoomConsole
from app.ui.common.tables import fill_table, list_table
from app.ui.common.tasks import run_task
from app.ui.common.widgets import show_error
from app.ui.stations.opening import OpeningPage

REFRESH_MS = 3000
LANE = "room-console"  # the console's writes keep their order


def _table(parent: QWidget, headers: list[str], name: str) -> QTableWidget:
    return list_table(headers, name, parent, single=True, row_numbers=False)


def _fill(table: QTableWidget, rows: list[list]) -> None:
    fill_table(table, rows, tooltips=True)


class SignerDialog(QDialog):
    """Who signs, and their password (checked by the console, off the UI thread)."""

    def __init__(self, parent: QWidget, title: str, text: str, people: list[dict]):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        note = QLabel(text)
        note.setWordWrap(True)
        form.addRow(note)
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("签字人"))
        for p in people:
            self.person.addItem(p["name"], p["username"])
        form.addRow(self.tr("签字人"), self.person)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setAccessibleName(self.tr("密码"))
        form.addRow(self.tr("密码"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("签字"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.password.setFocus()

    def values(self) -> tuple[str, str]:
        return self.person.currentData() or "", self.password.text()


class FindingDialog(QDialog):
    """违纪记录: the candidate, the article and item of 违纪指引, the facts; the proctor's password."""

    def __init__(self, parent: QWidget, candidates: list[tuple], people: list[dict], subjects: list[str]):
        super().__init__(parent)
        self.setWindowTitle(self.tr("记录违纪"))
        self.setMinimumWidth(620)
        form = QFormLayout(self)
        self.candidate = QComboBox()
        self.candidate.setAccessibleName(self.tr("考生"))
        for ticket, name, seat in candidates:
            self.candidate.addItem(self.tr("{0}　{1}　座位 {2}").format(ticket, name, seat or "—"), ticket)
        form.addRow(self.tr("考生"), self.candidate)
        self.subject = QComboBox()
        self.subject.setAccessibleName(self.tr("科目"))
        for code in subjects:
            self.subject.addItem(self.tr("理论知识") if code == "theory" else self.tr("操作技能"), code)
        form.addRow(self.tr("科目"), self.subject)
        self.item = QComboBox()
        self.item.setAccessibleName(self.tr("违纪情形"))
        for it in mc.ITEMS:
            text = it.text if len(it.text) <= 26 else it.text[:25] + "…"
            self.item.addItem(f"{it.ref} {text}", (it.article, it.item))
            self.item.setItemData(self.item.count() - 1, it.text, Qt.ToolTipRole)
        form.addRow(self.tr("违纪情形"), self.item)
        self.warned = QCheckBox(self.tr("已提醒，考生拒不改正"))
        form.addRow("", self.warned)
        self.severity = QComboBox()
        self.severity.setAccessibleName(self.tr("情节"))
        self.severity.addItem(self.tr("不适用（仅第七条须认定）"), None)
        for code, name in mc.SEVERITIES.items():
            self.severity.addItem(name, code)
        form.addRow(self.tr("情节"), self.severity)
        self.facts = QPlainTextEdit()
        self.facts.setAccessibleName(self.tr("违纪事实"))
        self.facts.setPlaceholderText(self.tr("时间、地点、经过，如：09:40 发现考生使用手机查看答案，当场收缴"))
        self.facts.setFixedHeight(90)
        form.addRow(self.tr("违纪事实"), self.facts)
        self.person = QComboBox()
        self.person.setAccessibleName(self.tr("记录人"))
        for p in people:
            self.person.addItem(p["name"], p["username"])
        form.addRow(self.tr("记录人"), self.person)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setAccessibleName(self.tr("密码"))
        form.addRow(self.tr("密码"), self.password)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(self.tr("保存"))
        buttons.button(QDialogButtonBox.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        article, item = self.item.currentData()
        return {"username": self.person.currentData() or "", "password": self.password.text(),
                "ticket_no": self.candidate.currentData() or "", "article": article, "item": item,
                "facts": self.facts.toPlainText(), "subject": self.subject.currentData() or "theory",
                "severity": self.severity.currentData(),
                "warning": {"refused": True} if self.warned.isChecked() else None}


class RoomConsoleView(QWidget):
    """The room console's screen, on an open ``RoomConsole``."""

    heard = Signal()  # the console's tables changed (from the link's thread)

    def __init__(self, console, parent: QWidget | None = None):
        super().__init__(parent)
        self.console = console
        self.data: dict = {}
        self._loading = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self.tr("监考台"))
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.title.setAccessibleName(self.tr("本站点"))
        self.link = QLabel()
        self.link.setAccessibleName(self.tr("与主机的连接"))
        top.addWidget(self.title, 1)
        top.addWidget(self.link)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.terminals = _table(self, [self.tr("座位"), self.tr("终端"), self.tr("准考证号"), self.tr("姓名"),
                                       self.tr("连接"), self.tr("作答"), self.tr("切屏次数")], self.tr("考场终端"))
        self.incidents = _table(self, [self.tr("时间"), self.tr("准考证号"), self.tr("情况"), self.tr("记录人")],
                                self.tr("考场情况"))
        findings = QWidget()
        fl = QVBoxLayout(findings)
        self.findings = _table(self, [self.tr("编号"), self.tr("准考证号"), self.tr("姓名"), self.tr("条款"),
                                      self.tr("状态"), self.tr("签字的工作人员"), self.tr("考场负责人"),
                                      self.tr("主机答复"), self.tr("违纪事实")], self.tr("违纪记录"))
        fl.addWidget(self.findings)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self.tr("记录违纪…"))
        self.sign_button = QPushButton(self.tr("监考人员签字…"))
        self.confirm_button = QPushButton(self.tr("考场负责人确认…"))
        for b in (self.open_button, self.sign_button, self.confirm_button):
            b.setAccessibleName(b.text().rstrip("…"))
            buttons.addWidget(b)
        buttons.addStretch(1)
        fl.addLayout(buttons)
        self.tabs.addTab(findings, self.tr("违纪记录"))
        self.tabs.addTab(self.terminals, self.tr("考场终端"))
        self.tabs.addTab(self.incidents, self.tr("考场情况"))
        layout.addWidget(self.tabs, 1)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("操作结果"))
        layout.addWidget(self.summary)
        self.open_button.clicked.connect(self.open_finding)
        self.sign_button.clicked.connect(self.sign)
        self.confirm_button.clicked.connect(self.confirm)
        self.findings.itemSelectionChanged.connect(self._enable)
        self.heard.connect(self.refresh, Qt.QueuedConnection)
        self._hook = self.heard.emit
        console.on_changed.append(self._hook)
        hook = self._hook
        self.destroyed.connect(lambda *_: console.on_changed.remove(hook) if hook in console.on_changed else None)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self._enable()
        self.refresh()

    # -- loading -------------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True

        def done(data):
            self._loading = False
            self.show_data(data)

        def failed(exc):
            self._loading = False
            self.summary.setText(self.tr("读取本机数据失败：{0}").format(exc))

        run_task(self, self.console.screen, done, failed)

    def show_data(self, data: dict) -> None:
        self.data = data
        p = data["profile"]
        if p:
            self.title.setText(self.tr("监考台 · {0} · {1}{2}（认定计划 {3}）").format(
                p["room"], p.get("occupation", ""), level_label(int(p["level"])) if p.get("level") else "",
                p["plan_no"]))
        else:
            self.title.setText(self.tr("监考台 · 尚未由主机下发考场信息"))
        self.link.setText(self.tr("已连接主机") if data["online"] else
                          self.tr("离线 · 待发送 {0}").format(data["backlog"]))
        self.link.setStyleSheet("color: #2e7d32;" if data["online"] else "color: #b71c1c;")
        _fill(self.terminals, [[t["seat"] or "—", t["name"] or t["machine_id"], t["candidate"] or "—",
                                t["candidate_name"] or "—", self.tr("在线") if t["online"] else self.tr("离线"),
                                self._sitting(t["sitting"]), t["focus_losses"]] for t in data["terminals"]])
        _fill(self.incidents, [[sitetime.text(i["at"], "%H:%M"), i["candidate"] or "—", i["text"], i["by"]]
                               for i in data["incidents"]])
        selected = self._selected_ref()
        _fill(self.findings, [[f["ref"], f["ticket_no"], f["name"], mc.item(f["article"], f["item"]).ref,
                               mc.STATUS_NAMES.get(f["status"], f["status"]), "、".join(f["witnesses"]) or "—",
                               f["confirmed_by"] or "—", rcn.verdict_name(f["answer"]), f["facts"]]
                              for f in data["findings"]])
        for r, f in enumerate(data["findings"]):
            if f["ref"] == selected:
                self.findings.selectRow(r)
        self.tabs.setTabText(0, self.tr("违纪记录（{0}）").format(len(data["findings"])))
        self.tabs.setTabText(1, self.tr("考场终端（{0}）").format(len(data["terminals"])))
        self.tabs.setTabText(2, self.tr("考场情况（{0}）").format(len(data["incidents"])))
        self._enable()

    def _sitting(self, status: str) -> str:
        return {"running": self.tr("作答中"), "paused": self.tr("已暂停"), "submitted": self.tr("已交卷"),
                "held": self.tr("待授权")}.get(status, "—")

    def _selected_ref(self) -> str | None:
        rows = self.findings.selectionModel().selectedRows() if self.findings.selectionModel() else []
        if not rows:
            return None
        item = self.findings.item(rows[0].row(), 0)
        return item.text() if item is not None else None

    def _selected(self) -> dict | None:
        ref = self._selected_ref()
        return next((f for f in self.data.get("findings", []) if f["ref"] == ref), None)

    def _enable(self) -> None:
        f = self._selected()
        ready = bool(self.data.get("profile"))
        self.open_button.setEnabled(ready)
        self.sign_button.setEnabled(ready and f is not None and f["status"] in ("draft", "signed"))
        self.confirm_button.setEnabled(ready and f is not None and f["status"] == "signed")

    def _people(self, role: str) -> list[dict]:
        return [p for p in self.data.get("staff", []) if role in p["roles"]]

    # -- acting --------------------------------------------------------------------------
    def _saved(self, text: str) -> None:
        self.summary.setText(text)
        self.refresh()

    def _refused(self, exc: Exception) -> None:
        self.summary.setText("")
        show_error(self, exc, self.tr("未保存"))
        self.refresh()

    def open_finding(self) -> None:
        d = FindingDialog(self, self.data.get("candidates", []), self._people("proctor"),
                          list(self.data.get("profile", {}).get("subjects", ["theory"])))
        if d.exec() != QDialog.Accepted:
            return
        v = d.values()
        run_task(self, lambda: self.console.open_finding(
            v["username"], v["password"], v["ticket_no"], v["article"], v["item"], v["facts"], subject=v["subject"],
            severity=v["severity"], warning=v["warning"]),
            lambda ref: self._saved(self.tr("已保存：违纪记录 {0}，请两名监考人员签字").format(ref)),
            self._refused, self.tr("正在保存…"), lane=LANE)

    def sign(self) -> None:
        f = self._selected()
        if f is None:
            return
        d = SignerDialog(self, self.tr("监考人员签字"),
                         self.tr("{0} {1}：{2}\n须经2名（含）以上工作人员签字（第十六条）。").format(
                             f["ticket_no"], f["name"], f["facts"]), self._people("proctor"))
        if d.exec() != QDialog.Accepted:
            return
        who, password = d.values()
        ref = f["ref"]
        run_task(self, lambda: self.console.sign(ref, who, password),
                 lambda n: self._saved(self.tr("已保存：{0} 已有 {1} 名工作人员签字").format(ref, n)),
                 self._refused, self.tr("正在核对密码并保存…"), lane=LANE)

    def confirm(self) -> None:
        f = self._selected()
        if f is None:
            return
        d = SignerDialog(self, self.tr("考场负责人确认"),
                         self.tr("{0} {1}：{2}\n签字的工作人员：{3}。考场负责人不能是签字人之一（第十六条）。").format(
                             f["ticket_no"], f["name"], f["facts"], "、".join(f["witnesses"])),
                         self._people("room_head"))
        if d.exec() != QDialog.Accepted:
            return
        who, password = d.values()
        ref = f["ref"]
        run_task(self, lambda: self.console.confirm(ref, who, password),
                 lambda _: self._saved(self.tr("已保存：{0} 已由考场负责人确认").format(ref)),
                 self._refused, self.tr("正在核对密码并保存…"), lane=LANE)


def room_console_page(node, parent: QWidget | None = None) -> QWidget:
    """The station shell's body for a room console (``app.ui.stations.STATION_VIEWS``)."""
    return OpeningPage(node, parent, RoomConsole, RoomConsoleView,
                       QCoreApplication.translate("RoomConsoleView", "正在打开监考台…"))
