"""No Argon2 and no write transaction on the UI thread while each workplace's main actions
are driven (issue 15 item 4): real widgets offscreen over the real demo store, with the
real Argon2id entry points and the store's BEGIN IMMEDIATE instrumented
(``tests/gui/ui_thread_guard.py``).  Each watch also expects the slow work to have
happened (off the UI thread), so a test that drives nothing cannot pass.

The rule: architecture.md / DEVELOPERS.md "nothing slow on the UI thread
(app.ui.common.tasks.run_task)"; issue 15: "no Argon2 and no write transaction ever runs
on the UI thread (a test fails if one does)"."""

from __future__ import annotations

import datetime as _dt

import pytest
from PySide6.QtCore import Qt

from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, DEMO_STAFF
from tests.gui.ui_thread_guard import UiThreadGuard
from tests.integration.test_results_flow import flow  # noqa: F401 - a fixture

ARGON2, WRITE = "argon2", "write"
PASSWORDS = {u: p for u, _, _, p, _ in DEMO_STAFF}


@pytest.fixture
def guard(monkeypatch):
    g = UiThreadGuard(monkeypatch)
    yield g
    g.close()


def test_guard_sees_the_ui_thread(guard, demo_login):
    """The instrument itself: a login called straight on the UI thread is caught."""
    with pytest.raises(AssertionError, match="ran on the UI thread"), guard.watch("direct call"):
        demo_login("kaowu")


# -- login and every workplace of every role --------------------------------------------------
ROLES = [("admin", None), ("kaowu", None), ("kaochang", None), ("jiankao1", None), ("kaoping1", None),
         ("zuzhang", "chief_grader"), ("neidu", None), ("waidu", None)]


def test_login_and_every_workplace_of_every_role(qtbot, guard, demo_site_dir, monkeypatch):
    from app.ui.login import LoginWindow

    monkeypatch.setenv("EXAMSITE_DESK_CAMERA", str(demo_site_dir / "no-such-camera.avi"))
    login = LoginWindow()
    qtbot.addWidget(login)
    login.site_edit.setText(str(demo_site_dir))
    login.passphrase_edit.setText(DEMO_PASSPHRASE)
    with guard.watch("open the site", expects={ARGON2}):
        qtbot.mouseClick(login.open_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: login.handle is not None, timeout=20000)
    try:
        for username, role in ROLES:
            login.user_edit.setText(username)
            login.role_combo.setCurrentIndex(0)  # the account's default role
            if role:
                login.role_combo.setCurrentIndex(login.role_combo.findData(role))
            login.password_edit.setText(PASSWORDS[username])
            with guard.watch(f"log in as {username}", expects={ARGON2, WRITE}):
                qtbot.mouseClick(login.login_button, Qt.LeftButton)
                qtbot.waitUntil(lambda: login.main_window is not None, timeout=20000)
            window = login.main_window
            with guard.watch(f"every workplace of {username}"):
                for row in range(window.nav.count()):
                    window.nav.setCurrentRow(row)
                    qtbot.wait(20)
            window.close()
            window._leave()
            window.deleteLater()
            assert login.main_window is None
    finally:
        login.handle.close()


# -- check-in desk -----------------------------------------------------------------------------
def test_checkin_desk(qtbot, guard, demo, demo_login, tmp_path):
    from app.camera.frames import FrameSource
    from app.services.checkin import CheckinService, Override
    from app.store import models
    from app.ui.checkin.desk import CheckinWorkplace
    from tests.gui.test_checkin_desk import START, StepClock, desk_video

    clock = StepClock(START - _dt.timedelta(minutes=15))
    demo.clock = clock
    sid = CheckinService(demo_login("admin")).create_session(DEMO_PLAN, "理论知识考试", "theory", START, 30)
    assert sid
    with demo.store.read() as s:
        a, b, c = s.query(models.Candidate).order_by(models.Candidate.ticket_no).all()[:3]
    desk = CheckinWorkplace(demo_login("kaowu"), frame_source=FrameSource(desk_video(tmp_path / "d.avi"), loop=True))
    qtbot.addWidget(desk)
    with qtbot.waitSignal(desk.sessions_loaded, timeout=10000):
        desk.show()
    desk.confirm = lambda *_: True

    def scan(text):
        desk.scan.setText(text)
        qtbot.keyClick(desk.scan, Qt.Key_Return)

    with guard.watch("check-in: confirm, mismatch, undo", expects={WRITE}):
        with qtbot.waitSignal(desk.candidate_shown, timeout=10000):
            scan(a.ticket_no)
        with qtbot.waitSignal(desk.checked_in, timeout=10000):
            qtbot.keyClick(desk.scan, Qt.Key_Return)
        with qtbot.waitSignal(desk.candidate_shown, timeout=10000):
            scan(b.ticket_no)
        with qtbot.waitSignal(desk.mismatch_recorded, timeout=10000):
            qtbot.keyClick(desk.scan, Qt.Key_F8)
        with qtbot.waitSignal(desk.undone, timeout=10000):
            qtbot.keyClick(desk.scan, Qt.Key_Z, Qt.ControlModifier)
    clock.t = START + _dt.timedelta(minutes=40)
    with guard.watch("check-in: the room head lets a late candidate in", expects={ARGON2, WRITE}):
        with qtbot.waitSignal(desk.refused, timeout=10000):
            scan(c.ticket_no)
        desk.ask_override = lambda message: Override("kaochang", PASSWORDS["kaochang"], "公交延误，有证明")
        with qtbot.waitSignal(desk.checked_in, timeout=10000):
            qtbot.keyClick(desk.scan, Qt.Key_F9)
    with guard.watch("check-in: absentees", expects={WRITE}):
        qtbot.keyClick(desk.scan, Qt.Key_F10)
        qtbot.waitUntil(lambda: "已记缺考" in desk.banner.text(), timeout=10000)
    desk.stop_camera()


# -- exam kiosk ----------------------------------------------------------------------------------
def test_exam_kiosk(qtbot, guard, demo, demo_login, tmp_path):
    from app.services.exam import ExamTerminal
    from app.ui.exam.kiosk import ExamWindow
    from tests.theory_support import FixedClock, demo_id_tail, prepare_exam

    prepare_exam(demo, demo_login, tmp_path)
    ctx = demo_login("jiankao1")
    ctx.clock = FixedClock(demo.clock.now())
    w = ExamWindow(ExamTerminal(ctx), DEMO_PLAN, tick_ms=50)
    qtbot.addWidget(w)
    w.show()
    ticket = "DG26040003"
    with guard.watch("kiosk: log in, answer, flag, submit", expects={WRITE}):
        qtbot.keyClicks(w.ticket, ticket)
        qtbot.keyClicks(w.factor, demo_id_tail(demo, ticket))
        qtbot.mouseClick(w.login_btn, Qt.LeftButton)
        qtbot.waitUntil(lambda: w.stack.currentWidget() is w.exam_page, timeout=10000)
        w.option_widgets[0].click()
        qtbot.waitUntil(lambda: w.state_of(1) == "answered", timeout=10000)
        w.flag_box.setChecked(True)
        qtbot.waitUntil(lambda: w.state_of(1) == "flagged", timeout=10000)
        w._ask_submit()
        with qtbot.waitSignal(w.submitted, timeout=10000):
            qtbot.mouseClick(w.confirm_btn, Qt.LeftButton)
    with guard.watch("kiosk: a proctor closes it", expects={ARGON2}):
        w.ask_release()
        qtbot.keyClicks(w.release_user, "jiankao1")
        qtbot.keyClicks(w.release_pw, PASSWORDS["jiankao1"])
        qtbot.mouseClick(w.release_btn, Qt.LeftButton)
        qtbot.waitUntil(lambda: not w.isVisible(), timeout=10000)


# -- site administration, theory papers, cameras ---------------------------------------------------
def test_site_admin_accounts(qtbot, guard, demo_login, monkeypatch):
    from app.ui.admin import site_admin

    w = site_admin.SiteAdminWorkplace(demo_login("admin"))
    qtbot.addWidget(w)

    class Filled(site_admin.AddStaffDialog):
        def exec(self):
            self.username.setText("kaowu9")
            self.name.setText("新考务")
            self.password.setText("Staff-pass-99")
            self.role_boxes["staff"].setChecked(True)
            return site_admin.QDialog.Accepted

    class Qualified(site_admin.QualificationDialog):
        def exec(self):
            self.fields.card.setText("KP-0009")
            self.fields.level.setCurrentIndex(self.fields.level.findData(3))
            self.fields.occupation.setText("电工")
            return site_admin.QDialog.Accepted

    monkeypatch.setattr(site_admin, "AddStaffDialog", Filled)
    monkeypatch.setattr(site_admin, "QualificationDialog", Qualified)
    monkeypatch.setattr(site_admin, "confirm", lambda *_: True)
    rows = w.staff.table.rowCount()
    with guard.watch("site admin: add, qualify, unlock, deactivate an account", expects={ARGON2, WRITE}):
        w.staff.add()
        qtbot.waitUntil(lambda: w.staff.table.rowCount() == rows + 1, timeout=10000)
        w.staff.table.selectRow(rows)
        w.staff.qualify()
        qtbot.waitUntil(lambda: w.staff.table.item(rows, 5).text() == "电工 三级/高级工 KP-0009", timeout=10000)
        w.staff.table.selectRow(rows)
        w.staff.unlock()
        w.staff.deactivate()
        qtbot.waitUntil(lambda: "已停用" in w.staff.table.item(rows, 6).text(), timeout=10000)


def test_theory_blueprint_seal_unlock(qtbot, guard, demo, demo_login, tmp_path):
    from app.core.exam.questions import QType
    from app.formats.bank_xlsx import write_bank
    from app.ui.admin.theory_view import TheoryWorkplace
    from tests.theory_support import PASSWORDS as CUSTODIANS
    from tests.theory_support import exam_day_clock, make_questions

    ctx = demo_login("admin")
    ctx.clock = exam_day_clock(demo)
    w = TheoryWorkplace(ctx, confirm=lambda *_: True)
    qtbot.addWidget(w)
    path = tmp_path / "bank.xlsx"
    write_bank(path, make_questions())
    with guard.watch("theory: import the bank, save the blueprint, seal, unlock", expects={ARGON2, WRITE}):
        w.import_file(str(path))
        qtbot.waitUntil(lambda: "已导入" in w.message.text(), timeout=20000)
        for qt, n, pts in ((QType.TRUE_FALSE, 10, 2), (QType.SINGLE, 10, 4), (QType.MULTIPLE, 5, 8)):
            w.counts[qt].setValue(n)
            w.points[qt].setValue(pts)
        w.save_blueprint()
        qtbot.waitUntil(lambda: w.message.text() == "组卷方案已保存", timeout=10000)
        for i, user in enumerate(("admin", "kaowu")):
            w.users[i].setText(user)
            w.pws[i].setText(CUSTODIANS[user])
        w.seal()
        qtbot.waitUntil(lambda: "已封存" in w.seal_info.text(), timeout=20000)
        for i, user in enumerate(("kaowu", "admin")):
            w.users[i].setText(user)
            w.pws[i].setText(CUSTODIANS[user])
        w.unlock()
        qtbot.waitUntil(lambda: "已解封" in w.seal_info.text(), timeout=20000)


def test_cameras(qtbot, guard, demo_login, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.camera.synthetic import write_test_video
    from app.ui import workplaces

    admin = demo_login("admin")
    page = workplaces.factory("cameras")(admin, None)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    video = write_test_video(tmp_path / "c.avi", frames=20, fps=20, label="R01")
    config, wall, incidents = page.config, page.wall, page.incidents
    with guard.watch("cameras: add a camera", expects={WRITE}):
        config.room.setCurrentText("第1考场")
        config.room_code.setText("R01")
        config.code.setText("C1")
        config.name.setText("前方")
        config.source.setText(str(video))
        qtbot.mouseClick(config.add_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: config.table.rowCount() == 1, timeout=10000)
    wall.segment_seconds = 0.5
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    with guard.watch("cameras: record and stop", expects={WRITE}):
        wall.reload()
        qtbot.mouseClick(wall.start_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: wall.recording, timeout=15000)
        qtbot.wait(800)
        qtbot.mouseClick(wall.stop_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: not wall.recording and wall.start_button.isEnabled(), timeout=15000)
    with guard.watch("cameras: record an incident", expects={WRITE}):
        page.tabs.setCurrentWidget(incidents)
        incidents.room.setCurrentText("第1考场")
        incidents.text.setText("考生举手")
        qtbot.mouseClick(incidents.add_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: incidents.table.rowCount() == 1, timeout=10000)
    page.close()


# -- results, review, misconduct, supervision -------------------------------------------------------
def test_results(qtbot, guard, flow):  # the results flow fixture
    results_flow = flow
    from app.ui.results.workplace import ResultsWorkplace

    login = results_flow["login"]
    neidu = ResultsWorkplace(login("neidu"))
    qtbot.addWidget(neidu)
    with qtbot.waitSignal(neidu.loaded, timeout=10000):
        pass
    with guard.watch("results: supervision report signed", expects={ARGON2, WRITE}), \
            qtbot.waitSignal(neidu.supervision.saved, timeout=10000):
        neidu.supervision.save(PASSWORDS["neidu"])
    with guard.watch("results: review signed (内督审核)", expects={ARGON2, WRITE}):
        neidu._password = lambda title: PASSWORDS["neidu"]
        with qtbot.waitSignal(neidu.loaded, timeout=10000):
            qtbot.mouseClick(neidu.sign_button, Qt.LeftButton)
    head = ResultsWorkplace(login("kaochang"))
    qtbot.addWidget(head)
    with qtbot.waitSignal(head.loaded, timeout=10000):
        pass
    p = head.misconduct
    with guard.watch("results: a finding recorded, signed, confirmed", expects={ARGON2, WRITE}):
        p.ticket.setText(results_flow["cands"][12].ticket_no)
        p.item.setCurrentIndex(p.item.findData("6-2"))
        p.facts.setPlainText("考生抄袭邻座答案，监考当场制止")
        with qtbot.waitSignal(head.loaded, timeout=10000):
            p.record()
        for creds in (("jiankao1", PASSWORDS["jiankao1"]), ("jiankao2", PASSWORDS["jiankao2"])):
            head.findings_table.setCurrentCell(0, 0)
            with qtbot.waitSignal(head.loaded, timeout=10000):
                p.sign(creds)
        head.findings_table.setCurrentCell(0, 0)
        with qtbot.waitSignal(head.loaded, timeout=10000):
            p.confirm(("kaochang", PASSWORDS["kaochang"]))
    assert head.findings_table.item(0, 5).text() == "已确认（待告知）"
    staff = ResultsWorkplace(login("kaowu"))
    qtbot.addWidget(staff)
    with qtbot.waitSignal(staff.loaded, timeout=10000):
        pass
    with guard.watch("results: a paper score typed", expects={WRITE}):
        staff.tabs.setCurrentIndex(1)
        staff.entry_ticket.setText(results_flow["cands"][4].ticket_no)
        staff.entry_score.setText("69")
        with qtbot.waitSignal(staff.loaded, timeout=10000):
            qtbot.keyClick(staff.entry_score, "\r")


# -- practical scoring ----------------------------------------------------------------------------
def test_scoring(qtbot, guard, demo, demo_login, tmp_path):
    from app.services.roster import RosterService
    from app.services.staff import StaffService
    from app.ui.scoring.workplace import ScoringWorkplace
    from tests.gui.test_scoring_gui import _draw
    from tests.scoring_support import FULL, write_template

    def workplace(ctx):
        w = ScoringWorkplace(ctx, None, DEMO_PLAN)
        qtbot.addWidget(w)
        w.show()
        return w

    cands = [c.ticket_no for c in RosterService(demo_login("admin")).candidates(DEMO_PLAN)]
    ticket, absent = cands[0], cands[-1]
    office = workplace(demo_login("kaowu"))
    with guard.watch("scoring: the office imports the template", expects={WRITE}):
        office.setup.import_template(str(write_template(tmp_path / "t.xlsx")))
        qtbot.waitUntil(lambda: "已导入" in office.message.text(), timeout=20000)
    admin = workplace(demo_login("admin"))
    assert admin.guide is not None                              # no group yet: the guide comes first
    admin.tabs.setCurrentWidget(admin.setup)
    with guard.watch("scoring: the admin forms the group", expects={WRITE}):
        for r in range(admin.setup.members.rowCount()):
            if admin.setup.members.item(r, 1).text() in {"kaoping1", "kaoping2", "zuzhang"}:
                admin.setup.members.selectRow(r)
        admin.setup.chief.setCurrentIndex(admin.setup.chief.findData("zuzhang"))
        qtbot.mouseClick(admin.setup.group_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: "考评组已组建" in admin.message.text(), timeout=20000)
    values = {"kaoping1": FULL, "kaoping2": {**FULL, "1.3": 10}, "zuzhang": {**FULL, "1.3": 40}}
    for username, v in values.items():
        st = workplace(demo_login(username, "grader")).station
        with guard.watch(f"scoring: {username} scans, scores and signs", expects={ARGON2, WRITE}):
            st.scan.setText(ticket)
            qtbot.keyClick(st.scan, Qt.Key_Return)
            for code, x in v.items():
                st.set_score(code, x)
            qtbot.waitUntil(lambda st=st: "尚有 0 项未评" in st.total.text(), timeout=20000)
            qtbot.mouseClick(st.sign_button, Qt.LeftButton)
            qtbot.keyClicks(st.sign_dialog.password, PASSWORDS[username])
            _draw(st.sign_dialog.pad)
            st.sign_dialog.buttons.accepted.emit()
            qtbot.waitUntil(lambda st=st: "已签字" in st.total.text(), timeout=20000)
    chief = workplace(demo_login("zuzhang", "chief_grader"))
    with guard.watch("scoring: the chief reconciles and records an absence", expects={WRITE}):
        chief.chief.table.selectRow(0)
        qtbot.mouseClick(chief.chief.reconcile_button, Qt.LeftButton)
        chief.chief.dialog.reason.insertPlainText("复核考件与录像后认定")
        chief.chief.dialog.accept()
        qtbot.waitUntil(lambda: "已裁定" in chief.chief.message.text(), timeout=20000)
        last = chief.progress.table.rowCount() - 1
        assert chief.progress.table.item(last, 1).text() == absent
        chief.progress.table.selectRow(last)
        chief.progress.mark_absent("未到场", confirmed=True)
        qtbot.waitUntil(lambda: "缺考" in chief.progress.message.text(), timeout=20000)
    with guard.watch("scoring: the chief signs the summary", expects={ARGON2, WRITE}):
        panel = chief.summary
        qtbot.mouseClick(panel.sign_button, Qt.LeftButton)
        qtbot.keyClicks(panel.sign_dialog.password, PASSWORDS["zuzhang"])
        _draw(panel.sign_dialog.pad)
        panel.sign_dialog.buttons.accepted.emit()
        qtbot.waitUntil(lambda: panel.message.text() != "", timeout=20000)
    StaffService(demo_login("admin")).add("kaowu2", "录入二", PASSWORDS["kaowu"], ["staff"])
    paper = workplace(demo_login("kaowu")).paper
    with guard.watch("scoring: a paper sheet typed", expects={WRITE}):
        paper.ticket.setText(cands[1])
        paper.grader.setCurrentIndex(paper.grader.findData("kaoping1"))
        paper.load()
        for code, x in FULL.items():
            paper.set_score(code, x)
        qtbot.mouseClick(paper.save_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: paper.status.text() != "", timeout=20000)
