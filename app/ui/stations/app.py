"""The station's window (``examsite station gui --folder DIR``): the enrollment screen on the
first run (the master's address, the enrollment code shown large, the wait for the grant,
then the confirmation code to compare with the master's screen), then the station shell.

The shell's header always shows what the station is (kind, room), its machine id and the
link (在线 / 离线, records not yet sent), refreshed by a timer off the UI thread; its body is
the view ``app.ui.stations.STATION_VIEWS`` lists for the kind the master provisioned, or a
waiting page.  The header also carries the USB road: the station's records written to a pack
for the master, and a pack of the master's commands read in."""

from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QApplication, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from app.core import stations as st
from app.net import terminal
from app.ui.common.tasks import run_task, screen_built
from app.ui.common.widgets import error_text, tr
from app.ui.stations import view_factory

ENROLL_WAIT = 3600.0  # seconds the screen waits for the administrator's grant
HEADER_MS = 1000


def _big(text: str = "", size: int = 16, bold: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignCenter)
    label.setStyleSheet(f"font-size: {size}pt;" + (" font-weight: bold;" if bold else ""))
    return label


class EnrollmentScreen(QWidget):
    """First run: ask the master to enroll this station and wait for the grant."""

    enrolled = Signal(str)   # the confirmation code, once granted
    code_ready = Signal(str)

    def __init__(self, node, master: str = "", parent=None):
        super().__init__(parent)
        self.node = node
        self._stop = threading.Event()
        self.title = _big(self.tr("登记本站点到考点主机"), 20)
        self.master = QLineEdit(master)
        self.master.setPlaceholderText("https://192.168.1.10:8443")
        self.master.setAccessibleName(self.tr("主机地址"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("例如：一号门检录台"))
        self.name.setAccessibleName(self.tr("本机名称"))
        self.ask = QPushButton(self.tr("申请登记"))
        self.ask.clicked.connect(self.request)
        box = QWidget()
        box.setFixedWidth(600)
        form = QFormLayout(box)
        form.addRow(self.tr("主机地址"), self.master)
        form.addRow(self.tr("本机名称"), self.name)
        form.addRow("", self.ask)
        self.code_hint = _big("", 13, bold=False)
        self.code = _big("", 44)
        self.code.setStyleSheet("font-size: 44pt; font-weight: bold; font-family: monospace; letter-spacing: 4px;")
        self.code.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.code.setAccessibleName(self.tr("登记码"))
        self.status = _big("", 14, bold=False)
        self.status.setAccessibleName(self.tr("登记状态"))
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(box, 0, Qt.AlignHCenter)
        layout.addWidget(self.code_hint)
        layout.addWidget(self.code)
        layout.addWidget(self.status)
        layout.addStretch(2)
        self.code_ready.connect(self._show_code, Qt.QueuedConnection)

    def request(self) -> None:
        url, name = self.master.text().strip(), self.name.text().strip()
        try:
            where = urlsplit(url)
            ok = where.scheme == "https" and bool(where.hostname) and where.port is not None
        except ValueError:  # a port that is not a number
            ok = False
        if not ok or not name:
            self._tell(self.tr("请填写主机地址（形如 https://192.168.1.10:8443）和本机名称"), ok=False)
            return
        self.ask.setEnabled(False)
        self._tell(self.tr("正在联系主机…"))
        node, stop, said = self.node, self._stop, self.code_ready.emit
        run_task(self, lambda: terminal.enroll_and_wait(node, url, name, ENROLL_WAIT, said, stop),
                 self._done, self._failed)

    def _show_code(self, code: str) -> None:
        self.code_hint.setText(self.tr("请把下面的登记码报给主机管理员，在「站点管理 → 站点与终端」中准予："))
        self.code.setText(code)
        self._tell(self.tr("等待主机准予登记…"))

    def _done(self, confirm) -> None:
        if not confirm:
            self.ask.setEnabled(True)
            self._tell(self.tr("等待超时，主机未准予登记；请重新申请"), ok=False)
            return
        self.code_hint.setText(self.tr("已登记为 {0}。请核对主机屏幕上的确认码与此一致：").format(self.node.machine_id))
        self.code.setText(confirm)
        self._tell(self.tr("核对无误后点「进入站点」"))
        go = QPushButton(self.tr("进入站点"))
        go.clicked.connect(lambda: self.enrolled.emit(confirm))
        self.layout().insertWidget(self.layout().count() - 1, go, 0, Qt.AlignCenter)

    def _failed(self, exc: Exception) -> None:
        self.ask.setEnabled(True)
        self._tell(str(exc) if isinstance(exc, terminal.LinkError) else error_text(exc), ok=False)

    def _tell(self, text: str, ok: bool = True) -> None:
        self.status.setStyleSheet("font-size: 14pt; color: %s;" % ("#333" if ok else "#b00020"))
        self.status.setText(text)

    def stop(self) -> None:
        self._stop.set()


class StationShell(QWidget):
    """The header (kind, room, machine id, link) and the kind's body."""

    def __init__(self, node, parent=None):
        super().__init__(parent)
        self.node = node
        self.kind = ""
        self._loading = False
        self.body_widget: QWidget | None = None
        self.kind_label = QLabel("")
        self.kind_label.setStyleSheet("font-size: 18pt; font-weight: bold;")
        self.kind_label.setAccessibleName(self.tr("站点类型"))
        self.room_label = QLabel("")
        self.room_label.setStyleSheet("font-size: 14pt;")
        self.room_label.setAccessibleName(self.tr("考场"))
        self.machine_label = QLabel("")
        self.machine_label.setStyleSheet("font-size: 12pt; color: #444;")
        self.machine_label.setAccessibleName(self.tr("机器编号"))
        self.link_label = QLabel("")
        self.link_label.setAccessibleName(self.tr("与主机的连接"))
        self.export_button = QPushButton(self.tr("导出数据包…"))
        self.export_button.setToolTip(self.tr("链路断开时：把本站点的记录写到U盘，交主机导入"))
        self.export_button.clicked.connect(self.export_pack)
        self.import_button = QPushButton(self.tr("导入主机指令包…"))
        self.import_button.setToolTip(self.tr("链路断开时：导入主机写到U盘的下发内容和答复"))
        self.import_button.clicked.connect(self.import_pack)
        header = QHBoxLayout()
        for w in (self.kind_label, self.room_label, self.machine_label):
            header.addWidget(w)
            header.addSpacing(18)
        header.addStretch(1)
        header.addWidget(self.link_label)
        header.addSpacing(12)
        header.addWidget(self.export_button)
        header.addWidget(self.import_button)
        bar = QWidget()
        bar.setObjectName("stationHeader")
        bar.setStyleSheet("#stationHeader { background: #eef3f8; border-bottom: 1px solid #c5d3e0; }")
        bar.setLayout(header)
        self.notice = QLabel("")
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName(self.tr("数据包结果"))
        self.notice.hide()
        self.body = QStackedWidget()
        self.waiting = _big(self.tr("等待主机下发…\n\n本站点已登记；主机管理员下发场次或工作内容后，这里自动显示。"), 18)
        self.body.addWidget(self.waiting)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.body, 1)
        self.timer = QTimer(self)
        self.timer.setInterval(HEADER_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # -- the header -------------------------------------------------------------------
    def refresh(self) -> None:
        if self._loading:
            return
        self._loading = True
        run_task(self, self._state, self._show, self._failed)

    def _state(self) -> dict:
        node = self.node
        profile = node.last_command(st.STATION_PROFILE) or {}
        return {"machine_id": node.machine_id, "name": node.identity.get("name", ""), "kind": profile.get("kind", ""),
                "room": profile.get("room", ""), "online": node.online, "backlog": node.backlog()}

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.link_label.setText(error_text(exc))

    def _show(self, state: dict) -> None:
        self._loading = False
        kind = state["kind"]
        self.kind_label.setText(tr(st.kind_name(kind)) if kind else self.tr("站点（等待主机下发）"))
        self.room_label.setText(self.tr("考场：{0}").format(state["room"]) if state["room"]
                                else self.tr("考场：不限"))
        self.machine_label.setText(self.tr("机器 {0}（{1}）").format(state["machine_id"], state["name"]))
        if state["online"]:
            text, color = self.tr("● 在线 · 待发送 {0} 条").format(state["backlog"]), "#1b5e20"
        else:
            text, color = self.tr("● 离线 · 待发送 {0} 条").format(state["backlog"]), "#b00020"
        self.link_label.setText(text)
        self.link_label.setStyleSheet(f"font-size: 13pt; font-weight: bold; color: {color};")
        if kind != self.kind:
            self._open_body(kind)

    def _open_body(self, kind: str) -> None:
        factory = view_factory(kind)
        if factory is None:
            return  # a kind without a view here: keep waiting
        self.kind = kind
        self.body_widget = factory(self.node, self.body)
        self.body.addWidget(self.body_widget)
        self.body.setCurrentWidget(self.body_widget)

    # -- the USB road -------------------------------------------------------------------
    def export_pack(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出数据包"), f"{self.node.machine_id}.espack",
                                              self.tr("数据包 (*.espack)"))
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> None:
        node = self.node
        run_task(self, lambda: (node.write_pack(path), len(node.outbox()))[1],
                 lambda n: self._say(self.tr("已写出本站点记录 {0} 条：{1}（交主机「导入站点数据包」）").format(n, path)),
                 lambda exc: self._say(error_text(exc), ok=False), self.tr("正在写出数据包…"))

    def import_pack(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("导入主机指令包"), "", self.tr("数据包 (*.espack)"))
        if path:
            self.import_from(path)

    def import_from(self, path: str) -> None:
        node = self.node
        run_task(self, lambda: node.read_command_pack(path),
                 lambda n: (self._say(self.tr("已导入主机指令 {0} 条（已有的不会重复）").format(n)), self.refresh()),
                 lambda exc: self._say(error_text(exc), ok=False), self.tr("正在导入指令包…"), changes={"checkin"})

    def _say(self, text: str, ok: bool = True) -> None:
        self.notice.setStyleSheet("font-weight: bold; padding: 4px; color: %s;" % ("#1b5e20" if ok else "#b00020"))
        self.notice.setText(text)
        self.notice.show()


class StationWindow(QWidget):
    def __init__(self, node, master: str = "", parent=None):
        super().__init__(parent)
        self.node = node
        self.setWindowTitle(self.tr("ExamSite 站点"))
        self.pages = QStackedWidget()
        self.enrollment: EnrollmentScreen | None = None
        self.shell: StationShell | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        if node.identity:
            self.open_shell()
        else:
            self.enrollment = EnrollmentScreen(node, master)
            self.enrollment.enrolled.connect(lambda _confirm: self.open_shell())
            self.pages.addWidget(self.enrollment)

    def open_shell(self) -> None:
        if not self.node.running:
            self.node.start()
        self.shell = StationShell(self.node)
        self.pages.addWidget(self.shell)
        self.pages.setCurrentWidget(self.shell)

    def closeEvent(self, event) -> None:
        if self.enrollment is not None:
            self.enrollment.stop()
        super().closeEvent(event)


def run(folder, passphrase: str = "", master: str = "") -> int:
    """Open (or, the first time, make) the station's encrypted store and show its window.
    Without ``passphrase`` the station asks for it on screen (``StationUnlock``)."""
    from app.ui.common.display import apply_display, display_settings
    from app.ui.main import setup_application

    app = QApplication.instance() or QApplication(["examsite-station"])
    setup_application(app)
    apply_display(app, *display_settings())
    if passphrase:
        node = terminal.TerminalNode.open_or_create(Path(folder), passphrase)
    else:
        from app.ui.stations.unlock import StationUnlock

        unlock = StationUnlock(folder)
        if unlock.exec() != StationUnlock.Accepted or unlock.node is None:
            return 1
        node = unlock.node
    window = StationWindow(node, master)
    window.resize(1280, 800)
    window.show()
    screen_built()
    try:
        return app.exec()
    finally:
        window.close()
        node.close()
