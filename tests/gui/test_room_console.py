"""The room console's screen (监考台, issue 17) with pytest-qt, on a real console store enrolled to
a real master link over TLS loopback: the room head confirms, on the console, a finding two
proctors signed there (违纪指引 第十六条 [002 L1758–1776]: "经2名（含）以上工作人员签字报考场负责人确认");
the password check (Argon2) and the write never run on the UI thread."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import select

from app.core import stations as st
from app.net.master import MasterLink
from app.net.room_console import RoomConsole
from app.net.terminal import TerminalNode
from app.services.demo import DEMO_PLAN
from app.services.misconduct import MisconductService
from app.services.room_consoles import RoomConsoleService
from app.services.stations import StationService
from app.store import models
from app.store.keys import TEST_KDF
from app.ui.stations.room import RoomConsoleView, SignerDialog
from tests.gui.ui_thread_guard import UiThreadGuard

CONSOLE_PASS = "room-console-pass-1"
PROCTOR_PW, HEAD_PW = "Demo-jiankao-2026", "Demo-kaochang-2026"


@pytest.fixture
def console(demo, demo_login, tmp_path):
    link = MasterLink(demo).start()
    node = TerminalNode.create(tmp_path / "console1", CONSOLE_PASS, TEST_KDF, machine="console1")
    code = node.request_enrollment(link.url, "一号监考台")
    admin = demo_login("admin")
    mid = StationService(admin).enroll(code, st.ROOM_CONSOLE, "一号监考台", "第1考场")
    assert node.complete_enrollment()
    node.close()
    RoomConsoleService(admin).provision_room_console(mid, DEMO_PLAN)
    c = RoomConsole.open(tmp_path / "console1", CONSOLE_PASS)
    c.node.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not (c.status()["staff"] == 3 and c.node.online):
        time.sleep(0.05)
    yield c
    c.close()
    link.stop()


def answer(who: str, password: str, seen: list) -> None:
    """Fill the signer dialog when it opens (it is modal): pick the person, type the password."""
    def fill():
        d = QApplication.activeModalWidget()
        if not isinstance(d, SignerDialog):
            QTimer.singleShot(50, fill)
            return
        seen.append([d.person.itemData(i) for i in range(d.person.count())])
        d.person.setCurrentIndex(d.person.findData(who))
        d.password.setText(password)
        d.accept()
    QTimer.singleShot(50, fill)


def test_the_room_head_confirms_a_finding_on_the_console(qtbot, demo, demo_login, console, monkeypatch):
    with demo.store.read() as s:
        ticket = s.scalars(select(models.Candidate.ticket_no).where(models.Candidate.room == "第1考场")
                           .order_by(models.Candidate.ticket_no)).first()
    ref = console.open_finding("jiankao1", PROCTOR_PW, ticket, 6, 1, "09:40 发现考生使用手机查看答案，当场收缴")
    console.sign(ref, "jiankao1", PROCTOR_PW)
    console.sign(ref, "jiankao2", PROCTOR_PW)
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    view = RoomConsoleView(console)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitUntil(lambda: view.findings.rowCount() == 1 and view.findings.item(0, 4).text() == "待考场负责人确认",
                    timeout=20000)
    assert "第1考场" in view.title.text() and view.link.text() == "已连接主机"
    assert view.findings.item(0, 5).text() == "赵敏、孙浩"
    view.findings.selectRow(0)
    assert view.confirm_button.isEnabled()
    # a wrong password: one line, nothing saved
    seen: list = []
    answer("kaochang", "not-the-password", seen)
    qtbot.mouseClick(view.confirm_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(warnings) == 1, timeout=20000)
    assert "密码错误" in warnings[0] and "\n" not in warnings[0]
    assert seen == [["kaochang"]]  # only the room head is offered to confirm
    guard = UiThreadGuard(monkeypatch)
    try:
        with guard.watch("the room head confirms on the console", expects={"argon2", "write"}):
            answer("kaochang", HEAD_PW, seen)
            view.findings.selectRow(0)
            qtbot.mouseClick(view.confirm_button, Qt.LeftButton)
            qtbot.waitUntil(lambda: "已由考场负责人确认" in view.summary.text(), timeout=20000)
    finally:
        guard.close()
    qtbot.waitUntil(lambda: view.findings.item(0, 7).text() == "主机已收存"
                    and view.findings.item(0, 6).text() == "周建国", timeout=20000)
    assert view.findings.item(0, 4).text() == "已确认（待告知）"
    [f] = MisconductService(demo_login("admin")).findings(DEMO_PLAN)
    assert (f.status, f.witnesses, f.confirmed_by) == ("confirmed", ("赵敏", "孙浩"), "周建国")
    assert not view.confirm_button.isEnabled()


def test_the_station_shell_opens_a_room_console_on_its_kind(qtbot, console):
    """The station window picks its body from the one list (``STATION_VIEWS``) by the station's
    kind: a room console opens the room console screen, opened off the UI thread."""
    from app.ui.stations import view_factory
    from app.ui.stations.opening import OpeningPage
    page = view_factory(st.ROOM_CONSOLE)(console.node, None)
    qtbot.addWidget(page)
    assert isinstance(page, OpeningPage)
    qtbot.waitUntil(lambda: isinstance(page.view, RoomConsoleView), timeout=20000)
