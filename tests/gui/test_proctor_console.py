"""监考台 widget: the live table fills from a real link and terminal; room start and an
incident go through the service (journaled, command reaches the terminal)."""

import time

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.net import NetService, ProctorService
from app.services.staff import StaffService
from app.store.keys import TEST_KDF


def test_console_shows_terminals_and_sends_room_start(qtbot, site, admin, tmp_path, monkeypatch):
    link = MasterLink(site).start()
    node = TerminalNode.create(tmp_path / "t1", "terminal-pass-1", TEST_KDF)
    try:
        NetService(admin).grant(node.request_enrollment(link.url, "一号机"))
        node.complete_enrollment()
        node.heartbeat_every = 0.3
        node.set_status(candidate="2641000001", progress="3/100", time_left=3599, focus_losses=2)
        got = []
        node.on_command.append(got.append)
        node.start()
        StaffService(admin).add("jiankao", "监考甲", "Proctor-pass-1", ["proctor"])
        proctor = site.login("jiankao", "Proctor-pass-1")
        from app.ui.proctor import console

        w = console.ProctorWorkplace(proctor)
        qtbot.addWidget(w)
        w.timer.setInterval(200)
        qtbot.waitUntil(lambda: w.table.rowCount() == 1 and w.table.item(0, 4).text() == "2641000001",
                        timeout=10000)
        assert [w.table.item(0, c).text() for c in (0, 2, 5, 6, 7)] == ["T001", "在线", "3/100", "59:59", "2"]
        monkeypatch.setattr(console, "confirm", lambda *a: True)
        qtbot.mouseClick(w.room_buttons["start"], Qt.LeftButton)
        qtbot.waitUntil(lambda: [r.header.kind for r in got] == ["room.start"], timeout=10000)
        w.incident_candidate.setText("2641000001")
        w.incident_text.setPlainText("考生举手报告鼠标失灵，已更换")
        qtbot.mouseClick(w.incident_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: "已保存" in w.summary.text(), timeout=10000)
        [incident] = ProctorService(proctor).incidents()
        assert (incident.candidate, incident.recorded_by) == ("2641000001", "jiankao")
        node.stop()
        time.sleep(0.1)
    finally:
        node.close()
        link.stop()


def test_link_indicator_follows_the_terminal(qtbot, site, admin, tmp_path):
    from app.ui.common.link_indicator import LinkIndicator

    link = MasterLink(site).start()
    node = TerminalNode.create(tmp_path / "t1", "terminal-pass-1", TEST_KDF)
    try:
        NetService(admin).grant(node.request_enrollment(link.url, "一号机"))
        node.complete_enrollment()
        node.heartbeat_every = 0.2
        w = LinkIndicator(node)
        qtbot.addWidget(w)
        assert w.text().startswith("离线")  # not yet connected
        node.start()
        qtbot.waitUntil(lambda: w.text() == "", timeout=10000)
        node.client.fault = True  # the cable is pulled
        node.record("answer", {"q": 1})
        qtbot.waitUntil(lambda: w.text() == "离线 · 待发送 1", timeout=10000)
        node.client.fault = False
        qtbot.waitUntil(lambda: w.text() == "" and node.backlog() == 0, timeout=10000)
    finally:
        node.close()
        link.stop()


def test_console_starts_the_link_in_this_process(qtbot, site, admin, monkeypatch):
    from app.net import master
    from app.ui.proctor import console

    StaffService(admin).add("kaochang", "考场负责人甲", "Roomhead-pass-1", ["room_head"])
    head = site.login("kaochang", "Roomhead-pass-1")
    monkeypatch.setattr(console, "LINK_PORT", 0)
    w = console.ProctorWorkplace(head)
    qtbot.addWidget(w)
    assert "未开启" in w.link_label.text() and master.current() is None
    qtbot.mouseClick(w.link_button, Qt.LeftButton)
    try:
        qtbot.waitUntil(lambda: master.current() is not None and "https://" in w.link_label.text(), timeout=10000)
        assert master.current().fingerprint[:16] in w.link_label.text()
    finally:
        if master.current() is not None:
            master.current().stop()


def test_console_guides_connection_shows_seats_and_reports_who_received_a_command(qtbot, site, admin, tmp_path,
                                                                                   monkeypatch):
    """Issue 19 item 3: the room head grants a terminal's code from the console; the seat map tells
    a logged-in seat from an empty one and an offline one; a pause says which terminal did not get it."""
    from app.ui.proctor import console, seat_map

    link = MasterLink(site).start()
    a = TerminalNode.create(tmp_path / "a", "terminal-pass-1", TEST_KDF)
    b = TerminalNode.create(tmp_path / "b", "terminal-pass-1", TEST_KDF)
    c = TerminalNode.create(tmp_path / "c", "terminal-pass-1", TEST_KDF)
    try:
        StaffService(admin).add("kaochang", "考场负责人甲", "Roomhead-pass-1", ["room_head"])
        head = site.login("kaochang", "Roomhead-pass-1")
        w = console.ProctorWorkplace(head)
        qtbot.addWidget(w)
        w.timer.setInterval(200)
        code_a = a.request_enrollment(link.url, "一号机")
        qtbot.waitUntil(lambda: w.requests.rowCount() == 1, timeout=10000)
        assert w.requests.item(0, 0).text() == code_a and w.requests.item(0, 1).text() == "一号机"
        assert link.fingerprint[:4] in w.fingerprint.text() and link.url in w.fingerprint.text()
        w.requests.selectRow(0)
        qtbot.mouseClick(w.grant_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: "登记为终端 T001" in w.summary.text(), timeout=10000)
        a.complete_enrollment()
        NetService(admin).grant(b.request_enrollment(link.url, "二号机"))
        b.complete_enrollment()
        NetService(admin).grant(c.request_enrollment(link.url, "三号机"))
        c.complete_enrollment()  # enrolled but never started: offline
        for node in (a, b):
            node.heartbeat_every = 0.2
        a.set_status(candidate="2641000001", progress="3/100", time_left=3000)
        a.start()
        b.start()
        seats = w.seat_map
        qtbot.waitUntil(lambda: seats.count() == 3 and seats.state(1) == "idle", timeout=10000)
        assert [seats.state(i) for i in range(3)] == ["answering", "idle", "offline"]
        assert "2641000001" in seats.text(0) and "未登录" in seats.text(1)
        assert "离线" in seats.text(2)
        # what the proctor sees: each seat painted in its state's colour
        w.tabs.setCurrentIndex(0)
        seats.resize(1000, 400)
        seats.doItemsLayout()

        def painted(i):  # the state whose colour is nearest to what the seat shows
            r = seats.seat_rect(i)
            c = seats.viewport().grab(r).toImage().pixelColor(r.width() - 8, r.height() - 8)
            return min(seat_map.COLOURS, key=lambda k: sum(
                (a - b) ** 2 for a, b in zip(c.getRgb()[:3], QColor(seat_map.COLOURS[k]).getRgb()[:3])))
        assert [painted(i) for i in range(3)] == ["answering", "idle", "offline"]
        # picking a seat with the keyboard picks the terminal in the list (the commands act on it)
        seats.setFocus()
        seats.pick(0)
        qtbot.keyClick(seats, Qt.Key_Right)
        qtbot.keyClick(seats, Qt.Key_Return)
        assert w.table.currentRow() == 1 and w.selected().name == "二号机"
        monkeypatch.setattr(console, "confirm", lambda *args: True)
        qtbot.mouseClick(w.room_buttons["pause"], Qt.LeftButton)
        qtbot.waitUntil(lambda: "已收到 2 台" in w.summary.text() and "未收到" in w.summary.text(), timeout=15000)
        assert "发往 3 台" in w.summary.text() and "三号机" in w.summary.text()
        assert "一号机" not in w.summary.text()
    finally:
        for node in (a, b, c):
            node.close()
        link.stop()
