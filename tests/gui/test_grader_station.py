"""The grader station's screen (issue 17) on a real station store and a real master link over
loopback: a grader logs in once, scans a ticket QR (a USB scanner types it, then Enter), scores
every item, draws the signature and signs without typing the password again; the sheet reaches
the master, verified, and the list turns green ("操作技能考核评分由考评人员签字负责" [002 L3858])."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPointF, Qt

from app.core import stations as st
from app.net.grader_station import GraderStation
from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.checkin import CheckinService
from app.services.grader_stations import GraderStationService
from app.services.roster import RosterService
from app.services.stations import StationService
from app.store.keys import TEST_KDF
from app.ui.scoring.common import GREEN
from app.ui.stations.grader import GraderStationView
from tests.scoring_support import FULL, PASSWORDS, PLAN, setup_scoring

STATION_PASS = "grader-station-pass-1"


@pytest.fixture
def station(tmp_path, demo, demo_login):
    setup_scoring(tmp_path, demo_login)
    link = MasterLink(demo).start()
    opened = None
    try:
        node = TerminalNode.create(tmp_path / "g1", STATION_PASS, TEST_KDF, machine="g1")
        code = node.request_enrollment(link.url, "评分站1")
        mid = StationService(demo_login("admin")).enroll(code, st.GRADER_STATION, "评分站1", "实操车间")
        assert node.complete_enrollment()
        node.close()
        GraderStationService(demo_login("admin")).provision_grader_station(mid, PLAN, 1)
        opened = GraderStation.open(tmp_path / "g1", STATION_PASS)
        opened.node.start()
        deadline = time.monotonic() + 20
        while opened.status()["candidates"] != 40 and time.monotonic() < deadline:
            time.sleep(0.05)
        yield opened
    finally:
        if opened is not None:
            opened.close()
        link.stop()


def _view(qtbot, station):
    view = GraderStationView(station)
    qtbot.addWidget(view)
    view.resize(1126, 678)                   # a 1366×768 laptop less the window's frame
    view.show()
    qtbot.waitExposed(view)
    return view


def _login(qtbot, view, user):
    view.user.clear()
    qtbot.keyClicks(view.user, user)
    qtbot.keyClicks(view.password, PASSWORDS[user])
    qtbot.mouseClick(view.login_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=10000)


def test_grader_station_opened_by_scanning_a_ticket_qr(qtbot, demo, demo_login, station):
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    ticket = cands[2].ticket_no
    qr = CheckinService(demo_login("admin")).ticket_code(ticket)      # what the printed 准考证 carries
    view = _view(qtbot, station)
    assert "实操评分站" in view.banner.text() and "实操车间" in view.banner.text()
    qtbot.waitUntil(lambda: "已连接" in view.link.text(), timeout=10000)
    qtbot.keyClicks(view.user, "kaoping1")
    qtbot.keyClicks(view.password, "wrong")
    qtbot.keyClick(view.password, Qt.Key_Return)
    qtbot.waitUntil(lambda: "密码错误" in view.login_message.text(), timeout=10000)
    qtbot.keyClicks(view.password, PASSWORDS["kaoping1"])
    qtbot.mouseClick(view.login_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: view.pages.currentIndex() == 1, timeout=10000)
    view.scan.setFocus()
    qtbot.keyClicks(view.scan, qr)                                # a USB scanner types the code ...
    qtbot.keyClick(view.scan, Qt.Key_Return)                      # ... and Enter
    assert view.ticket == ticket and ticket in view.header.text()
    qtbot.keyClicks(view.scan, "DG99999999")
    qtbot.keyClick(view.scan, Qt.Key_Return)
    assert "DG99999999" in view.message.text() and view.ticket == ticket
    for code_, value in FULL.items():
        view.set_score(code_, value)
    qtbot.waitUntil(lambda: view.sign_button.isEnabled(), timeout=10000)
    assert view.state_of(ticket) == "draft"
    view.start_signing()
    pad = view.draw_dialog.pad
    pad.stroke([QPointF(10, 10), QPointF(120, 60), QPointF(200, 20)])
    view.draw_dialog._accept()                                    # the 签字 button
    qtbot.waitUntil(lambda: "已签字" in view.total.text(), timeout=10000)
    qtbot.waitUntil(lambda: station.sheet(ticket).verdict == "accepted", timeout=20000)
    view.tick()
    assert view.state_of(ticket) == "signed"
    row = next(r for r in range(view.candidates.rowCount()) if view.candidates.item(r, 0).text() == ticket)
    assert view.candidates.item(row, 0).background().color() == GREEN
    assert "待主机确认" not in view.candidates.item(row, 3).text()
    from app.services.scoring import ChiefGraderService
    chief = ChiefGraderService(demo_login("zuzhang", "chief_grader"))
    assert [r.statuses["kaoping1"] for r in chief.progress(PLAN) if r.ticket_no == ticket] == ["signed"]
    assert chief.verify_sheets(PLAN) == []
    view.logout()
    assert view.pages.currentIndex() == 0
    qtbot.waitUntil(lambda: station.grader is None, timeout=10000)


def test_the_chief_reconciles_a_discrepancy_at_the_station(qtbot, demo_login, station):
    """After every grader signed, the chief's sitting sees the values and decides with a reason."""
    from app.services.scoring import ChiefGraderService
    from tests.scoring_support import signature_png

    x = RosterService(demo_login("admin")).candidates(PLAN)[0].ticket_no
    for user, entries in (("kaoping1", {**FULL, "1.3": 10}), ("kaoping2", FULL)):
        station.login(user, PASSWORDS[user])
        station.save(x, entries)
        station.sign(x, signature_png())
        station.logout()
    view = _view(qtbot, station)
    _login(qtbot, view, "kaoping1")
    assert not view.chief_button.isVisible()               # a grader's sitting: no one's values
    view.logout()
    qtbot.waitUntil(lambda: station.grader is None, timeout=10000)
    _login(qtbot, view, "zuzhang")
    assert view.chief_button.isVisible()
    view.open_sheet(x)
    for code_, value in FULL.items():
        view.set_score(code_, value)
    qtbot.waitUntil(lambda: view.sign_button.isEnabled(), timeout=10000)
    view.sign_with(signature_png(4))
    qtbot.waitUntil(lambda: (station.sheet(x).verdict == "accepted"), timeout=20000)
    qtbot.mouseClick(view.chief_button, Qt.LeftButton)
    dialog = view.chief_dialog
    dialog.ask()
    qtbot.waitUntil(lambda: dialog.list.rowCount() == 1, timeout=20000)
    assert "待裁定" in dialog.list.item(0, 1).text() and "76.00" in dialog.list.item(0, 2).text()
    dialog.list.selectRow(0)
    qtbot.keyClicks(dialog.score, "94")
    dialog.reason.setText("复看考件照片，按94分认定")             # typed with an input method
    qtbot.mouseClick(dialog.decide_button, Qt.LeftButton)
    chief = ChiefGraderService(demo_login("zuzhang", "chief_grader"))
    qtbot.waitUntil(lambda: chief.result(PLAN, x).status == "reconciled", timeout=20000)
    qtbot.waitUntil(lambda: "组长已裁定" in dialog.list.item(0, 1).text(), timeout=20000)
    assert str(chief.result(PLAN, x).score) == "94.0"


def test_the_station_shell_opens_a_grader_station_on_its_kind(qtbot, station):
    """The station window picks its body from the one list (``STATION_VIEWS``) by kind: a grader
    station opens the grader station screen (opened off the UI thread) at its login page."""
    from app.ui.stations import view_factory
    from app.ui.stations.opening import OpeningPage
    page = view_factory(st.GRADER_STATION)(station.node, None)
    qtbot.addWidget(page)
    assert isinstance(page, OpeningPage)
    qtbot.waitUntil(lambda: isinstance(page.view, GraderStationView), timeout=20000)
    assert page.view.pages.currentIndex() == 0


def test_a_grader_corrects_a_signed_sheet_at_the_station(qtbot, demo, demo_login, station):
    """更正 (F8) on a sheet signed here and accepted: a reason (at least 4 characters, the master's
    rule), a new version to edit, the drawing again (no password: the sitting's key signs); the
    master holds both versions, the second with its reason."""
    from sqlalchemy import select

    from app.services.scoring import ChiefGraderService
    from app.store import models
    from app.store import scoring_tables as t
    from tests.scoring_support import signature_png

    x = RosterService(demo_login("admin")).candidates(PLAN)[0].ticket_no
    view = _view(qtbot, station)
    _login(qtbot, view, "kaoping1")
    view.open_sheet(x)
    assert not view.correct_button.isEnabled()                      # nothing signed yet
    station.save(x, {**FULL, "1.1": 15})
    station.sign(x, signature_png())
    qtbot.waitUntil(lambda: station.sheet(x).verdict == "accepted", timeout=20000)
    view.open_sheet(x)
    assert view.correct_button.isEnabled()
    view.sheet.setFocus()
    qtbot.keyClick(view.sheet, Qt.Key_F8)
    qtbot.waitUntil(lambda: view.correction_dialog is not None and view.correction_dialog.isVisible(), timeout=5000)
    dialog = view.correction_dialog
    dialog.reason.setText("改分")
    dialog._accept()                                                # the 开始更正 button
    assert "至少 4 个字" in dialog.message.text() and dialog.isVisible()
    dialog.reason.setText("第1.1项复核后应为16分")
    dialog._accept()
    qtbot.waitUntil(lambda: station.sheet(x).version == 2, timeout=10000)
    qtbot.waitUntil(lambda: "第 2 版" in view.message.text(), timeout=10000)
    assert not view.correct_button.isEnabled()
    view.set_score("1.1", "16")
    qtbot.waitUntil(lambda: station.sheet(x).entries.get("1.1") == "16", timeout=10000)
    qtbot.waitUntil(lambda: view.sign_button.isEnabled(), timeout=10000)
    view.sign_with(signature_png(4))
    qtbot.waitUntil(lambda: station.sheet(x).status == "signed" and station.sheet(x).verdict == "accepted",
                    timeout=20000)
    with demo.store.read() as s:
        rows = [(sh.version, sh.total, sh.correction_reason) for sh in s.scalars(
            select(t.ScoreSheet).join(models.Staff, models.Staff.id == t.ScoreSheet.grader_id)
            .where(models.Staff.username == "kaoping1").order_by(t.ScoreSheet.version))]
    assert rows == [(1, "97.00", ""), (2, "97.60", "第1.1项复核后应为16分")]
    assert ChiefGraderService(demo_login("zuzhang", "chief_grader")).verify_sheets(PLAN) == []
