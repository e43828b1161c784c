"""The stations' GUI roads (issue 17): a station asks to be enrolled from its own window and
shows its code; the administrator grants it in 站点管理 → 站点与终端 as a door desk of a room;
both screens show the same confirmation code; the station shell's header shows the kind, the
room and the link; the door desk admits a candidate and refuses the same candidate again.

The rule the desk keeps (rules-digest.md §7.1): "职工**凭准考证和身份证**进入考场" (Nanxun)
[003 L48] -- one admission per candidate: the second check-in of a ticket is refused, in one
big Chinese line.  Real master link on TLS loopback, real stores, real Qt widgets."""

from __future__ import annotations

import datetime as _dt
import re

import pytest
from PySide6.QtCore import Qt

from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.checkin import CheckinService
from app.services.demo import DEMO_PLAN
from app.store.keys import TEST_KDF

DESK_PASS = "door-desk-pass-1"


@pytest.fixture
def master(demo):
    link = MasterLink(demo).start()
    yield link
    link.stop()


@pytest.fixture
def session_id(demo_login):
    start = _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(hours=1)
    return CheckinService(demo_login("admin")).create_session(DEMO_PLAN, "理论知识考试", "theory", start, 30)


def test_station_enrolled_in_site_admin_then_checks_candidates_in(qtbot, demo, demo_login, master, session_id,
                                                                  tmp_path):
    from app.ui.admin.site_admin import SiteAdminWorkplace
    from app.ui.stations.app import StationWindow
    from app.ui.stations.door import DoorDeskView

    node = TerminalNode.create(tmp_path / "desk1", DESK_PASS, TEST_KDF, machine="desk1")
    station = StationWindow(node, master.url)
    qtbot.addWidget(station)
    try:
        screen = station.enrollment
        screen.name.setText("一号门检录台")
        # a wrong address is one Chinese line on the screen, and the station may try again
        screen.master.setText("主机")
        qtbot.mouseClick(screen.ask, Qt.LeftButton)
        assert screen.status.text().startswith("请填写主机地址")
        screen.master.setText(f"https://127.0.0.1:{_closed_port()}")
        qtbot.mouseClick(screen.ask, Qt.LeftButton)
        qtbot.waitUntil(lambda: screen.status.text().startswith("无法连接主机") and screen.ask.isEnabled(),
                        timeout=15000)
        assert screen.code.text() == ""
        screen.master.setText(master.url)
        qtbot.mouseClick(screen.ask, Qt.LeftButton)
        qtbot.waitUntil(lambda: bool(re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", screen.code.text())), timeout=15000)
        code = screen.code.text()

        # the administrator sees the request with the same code, grants it as a door desk of a room
        admin = SiteAdminWorkplace(demo_login("admin"))
        qtbot.addWidget(admin)
        tab = admin.stations
        tab.refresh()
        qtbot.waitUntil(lambda: tab.requests.rowCount() == 1 and tab.room.count() > 1, timeout=10000)
        assert tab.requests.item(0, 0).text() == code
        tab.requests.selectRow(0)
        tab.kind.setCurrentIndex(tab.kind.findText("检录台"))
        room = tab.room.itemText(1)
        tab.room.setCurrentIndex(1)
        qtbot.mouseClick(tab.grant_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: "S001" in tab.granted.text(), timeout=10000)
        assert "检录台" in tab.granted.text() and room in tab.granted.text()
        shown = re.search(r"确认码：(\d{6})", tab.granted.text()).group(1)

        # the station shows the same confirmation code, then its shell
        qtbot.waitUntil(lambda: "S001" in screen.code_hint.text(), timeout=15000)
        assert screen.code.text() == shown
        station.open_shell()
        shell = station.shell
        qtbot.waitUntil(lambda: "在线" in shell.link_label.text(), timeout=15000)
        assert shell.kind_label.text() == "站点（等待主机下发）"
        assert shell.body.currentWidget() is shell.waiting and "等待主机下发" in shell.waiting.text()

        # provisioned from 站点管理: the header says what it is and where; the body is the door desk
        qtbot.waitUntil(lambda: tab.table.rowCount() == 1 and tab.session.count() == 1, timeout=10000)
        tab.table.selectRow(0)
        qtbot.mouseClick(tab.provision_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: "已向 S001 下发" in tab.result.text(), timeout=10000)
        qtbot.waitUntil(lambda: shell.kind_label.text() == "检录台", timeout=15000)
        assert shell.room_label.text() == f"考场：{room}"
        assert "S001" in shell.machine_label.text() and "一号门检录台" in shell.machine_label.text()
        assert re.search(r"在线 · 待发送 \d+ 条", shell.link_label.text())
        door = shell.body.currentWidget()
        assert isinstance(door, DoorDeskView)
        qtbot.waitUntil(lambda: door.entry.isEnabled() and "名册" in door.session.text(), timeout=15000)

        # admitted: name, room and seat with the photo; the same ticket again: refused in one big line
        from app.services.stations import StationService

        ticket = _ticket_in(demo, room)
        door.entry.setText(ticket)
        qtbot.keyClick(door.entry, Qt.Key_Return)
        qtbot.waitUntil(lambda: door.verdict.text() == "准予入场", timeout=15000)
        assert ticket in door.who.text() and room in door.who.text()
        assert not door.photo.pixmap().isNull()
        qtbot.waitUntil(lambda: door.table.rowCount() == 1 and door.table.item(0, 3).text() == "已入场",
                        timeout=10000)
        door.entry.setText(ticket)
        qtbot.keyClick(door.entry, Qt.Key_Return)
        qtbot.waitUntil(lambda: door.verdict.text() == "不准入场", timeout=15000)
        assert door.who.text().startswith("重复检录") and ticket not in door.who.text()
        assert door.photo.pixmap().isNull()
        assert door.table.rowCount() == 1
        assert [v.candidates for v in StationService(demo_login("admin")).stations()] == [door_count(door)]

        # the station list in 站点管理 shows it on line, with its kind and room
        tab.refresh()
        qtbot.waitUntil(lambda: tab.table.item(0, 4).text() == "在线", timeout=15000)
        assert [tab.table.item(0, c).text() for c in (0, 2, 3)] == ["S001", "检录台", room]
    finally:
        station.close()
        node.close()


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nobody listens there once closed


def door_count(door) -> int:
    return int(re.search(r"名册 (\d+) 人", door.session.text()).group(1))


def _ticket_in(demo, room: str) -> str:
    from sqlalchemy import select

    from app.store import models

    with demo.store.read() as s:
        return s.scalars(select(models.Candidate.ticket_no).where(models.Candidate.room == room)
                         .order_by(models.Candidate.ticket_no)).first()


def test_site_admin_sends_each_kind_of_station_what_its_kind_needs(qtbot, demo, demo_login, master, session_id,
                                                                   tmp_path, monkeypatch):
    """One 下发 button in 站点管理 → 站点与终端: a grader station gets the batch's 考评组 (template,
    the group's accounts and candidates), a room console its room (candidates, staff, terminals)."""
    from app.core import stations as st
    from app.services.stations import StationService
    from app.ui.admin.site_admin import SiteAdminWorkplace
    from tests.scoring_support import setup_scoring

    setup_scoring(tmp_path, demo_login)
    admin_ctx = demo_login("admin")
    for name, kind, room in (("g1", st.GRADER_STATION, "实操车间"), ("c1", st.ROOM_CONSOLE, "第1考场")):
        node = TerminalNode.create(tmp_path / name, DESK_PASS, TEST_KDF, machine=name)
        StationService(admin_ctx).enroll(node.request_enrollment(master.url, name), kind, name, room)
        node.close()
    admin = SiteAdminWorkplace(admin_ctx)
    qtbot.addWidget(admin)
    tab = admin.stations
    tab.refresh()
    qtbot.waitUntil(lambda: tab.table.rowCount() == 2 and tab.session.count() == 1, timeout=10000)
    assert [tab.table.item(r, 2).text() for r in range(2)] == ["实操评分站", "监考台"]
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.provision_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "已向 S001 下发评分表" in tab.result.text(), timeout=15000)
    assert "40 名考生" in tab.result.text()
    # a room console: the administrator ticks who works in that room (everyone, the first time)
    from app.ui.admin.console_staff import ConsoleStaffDialog

    seen = []

    def answer(dialog):
        seen.append([(dialog.people.item(i).data(Qt.UserRole), dialog.people.item(i).checkState() == Qt.Checked,
                      dialog.people.item(i).text()) for i in range(dialog.people.count())])
        for i in range(dialog.people.count()):   # this room: everyone but the first proctor
            if dialog.people.item(i).data(Qt.UserRole) == "jiankao1":
                dialog.people.item(i).setCheckState(Qt.Unchecked)
        return ConsoleStaffDialog.Accepted
    monkeypatch.setattr(ConsoleStaffDialog, "exec", answer)
    tab.table.selectRow(1)
    qtbot.mouseClick(tab.provision_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "已向 S002 下发本考场" in tab.result.text(), timeout=15000)
    assert re.search(r"本考场 [1-9]\d* 名考生、2 名工作人员", tab.result.text()), tab.result.text()
    assert [(u, ticked) for u, ticked, _ in seen[0]] == [("jiankao1", True), ("jiankao2", True), ("kaochang", True)]
    assert "监考人员" in seen[0][0][2] and "考场负责人" in seen[0][2][2]
    # sent again: the dialog starts from whom the console got last time
    tab.result.clear()
    qtbot.mouseClick(tab.provision_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "已向 S002 下发本考场" in tab.result.text(), timeout=15000)
    assert [(u, ticked) for u, ticked, _ in seen[1]] == [("jiankao1", False), ("jiankao2", True), ("kaochang", True)]


def test_station_asks_its_passphrase_on_screen(qtbot, tmp_path, monkeypatch):
    """Nobody at a station sets an environment variable: the first start sets the station's
    passphrase (typed twice, at least 8 characters -- the store's own rule), a later start asks
    for it and a wrong one is one line, nothing opened."""
    from app.net import terminal
    from app.ui.stations.unlock import StationUnlock

    real_create = terminal.TerminalNode.create
    monkeypatch.setattr(terminal.TerminalNode, "create",
                        classmethod(lambda cls, folder, passphrase: real_create.__func__(cls, folder, passphrase,
                                                                                          TEST_KDF)))
    folder = tmp_path / "desk"
    first = StationUnlock(folder)
    qtbot.addWidget(first)
    assert first.first and first.again.isVisibleTo(first)
    qtbot.keyClicks(first.passphrase, "short")
    qtbot.keyClick(first.passphrase, Qt.Key_Return)
    qtbot.keyClicks(first.again, "short")
    qtbot.keyClick(first.again, Qt.Key_Return)
    assert "至少 8 位" in first.message.text() and not TerminalNode.made(folder)
    first.passphrase.setText(DESK_PASS)
    first.again.setText(DESK_PASS + "x")
    qtbot.keyClick(first.again, Qt.Key_Return)
    assert "不一致" in first.message.text() and not TerminalNode.made(folder)
    first.again.setText(DESK_PASS)
    qtbot.keyClick(first.again, Qt.Key_Return)
    qtbot.waitUntil(lambda: first.node is not None, timeout=20000)
    assert first.result() == StationUnlock.Accepted
    first.node.close()

    later = StationUnlock(folder)
    qtbot.addWidget(later)
    assert not later.first and not later.again.isVisibleTo(later)
    qtbot.keyClicks(later.passphrase, "wrong-passphrase")
    qtbot.keyClick(later.passphrase, Qt.Key_Return)
    qtbot.waitUntil(lambda: "口令错误" in later.message.text(), timeout=20000)
    assert later.node is None and later.open_button.isEnabled()
    later.passphrase.setText(DESK_PASS)
    qtbot.keyClick(later.passphrase, Qt.Key_Return)
    qtbot.waitUntil(lambda: later.node is not None, timeout=20000)
    later.node.close()
