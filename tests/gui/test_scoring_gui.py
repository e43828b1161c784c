"""The scoring workplace on real widgets (offscreen) over the real demo store."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.core.scoring import aggregate
from app.services.roster import RosterService
from app.services.scoring import ScoringServices
from app.services.demo import demo_grader_qualification
from app.services.staff import StaffService
from app.ui.scoring.workplace import GREEN, RED, ScoringWorkplace
from app.ui.workplaces import factory
from tests.scoring_support import FULL, PASSWORDS, PLAN, login_any, setup_scoring


def _draw(pad):
    """A real drag with the left button, as the mouse/pen/touch would do."""
    def send(kind, x, y, buttons):
        ev = QMouseEvent(kind, QPointF(x, y), pad.mapToGlobal(QPointF(x, y)), Qt.LeftButton, buttons, Qt.NoModifier)
        QApplication.sendEvent(pad, ev)
    send(QEvent.MouseButtonPress, 20, 90, Qt.LeftButton)
    for x in range(25, 300, 15):
        send(QEvent.MouseMove, x, 90 - (x % 60), Qt.LeftButton)
    send(QEvent.MouseButtonRelease, 300, 60, Qt.NoButton)


def _type_sheet(qtbot, station, values: dict):
    """Keyboard: the cursor starts on the first score cell; type the value, Enter moves down."""
    table = station.sheet
    for code in station.codes:
        r = station.row_of(code)
        qtbot.waitUntil(lambda: table.currentRow() == r and table.currentColumn() == station.SCORE_COL, timeout=10000)
        table.editItem(table.currentItem())
        editors = [e for e in table.viewport().findChildren(QLineEdit) if e.isVisible()]
        assert len(editors) == 1
        qtbot.keyClicks(editors[0], str(values[code]))       # values are ASCII ("是/否" typed as y/n)
        qtbot.keyClick(editors[0], Qt.Key_Return)


def _fill(qtbot, station, values: dict):
    """Scores set cell by cell (each saved off the UI thread, in order), until the sheet is complete."""
    for code, x in values.items():
        station.set_score(code, x)
    qtbot.waitUntil(lambda: "尚有 0 项未评" in station.total.text(), timeout=10000)


def _sign(qtbot, station, username):
    qtbot.mouseClick(station.sign_button, Qt.LeftButton)
    dlg = station.sign_dialog
    assert dlg is not None and dlg.isVisible()
    qtbot.keyClicks(dlg.password, PASSWORDS[username])
    _draw(dlg.pad)
    assert not dlg.pad.is_empty()
    dlg.buttons.accepted.emit()


@pytest.fixture
def scoring(tmp_path, demo_login):
    svc = setup_scoring(tmp_path, demo_login)
    ticket = RosterService(demo_login("admin")).candidates(PLAN)[0].ticket_no
    return svc, ticket


def _station(qtbot, ctx):
    w = ScoringWorkplace(ctx, None, PLAN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_three_graders_score_on_their_stations_and_summary_equals_aggregation(qtbot, scoring, demo_login):
    svc, ticket = scoring
    assert factory("scoring") is ScoringWorkplace
    ascii_full = {k: ("n" if v == "否" else v) for k, v in FULL.items()}
    values = {"kaoping1": {**ascii_full, "1.2": 25}, "kaoping2": {**ascii_full, "2.2": "55.5"}, "zuzhang": ascii_full}
    windows = {u: _station(qtbot, demo_login(u, "grader")) for u in values}
    for u, w in windows.items():
        st = w.station
        st.select_ticket(ticket)
        assert ticket in st.header.text() and "工位" in st.header.text()
        assert st.candidates.item(0, 2).text() == "（隐藏）"          # name hidden by default
        _type_sheet(qtbot, st, values[u])
        qtbot.waitUntil(lambda: "尚有 0 项未评" in st.total.text(), timeout=10000)
        _sign(qtbot, st, u)
        qtbot.waitUntil(lambda: "已签字" in st.total.text(), timeout=10000)
        assert not st.sheet.item(st.row_of("1.1"), st.SCORE_COL).flags() & Qt.ItemIsEditable
        assert st.state_of(ticket) == "signed" and st.candidates.item(0, 0).background().color() == GREEN
    expected = aggregate([Decimal("97.00"), Decimal("98.20"), Decimal("100.00")])
    chief = _station(qtbot, demo_login("zuzhang", "chief_grader"))
    chief.summary.refresh()
    row = next(r for r in range(chief.summary.table.rowCount()) if chief.summary.table.item(r, 1).text() == ticket)
    assert chief.summary.table.item(row, 3).text() == str(expected) == "98.4"
    assert svc["admin"].chief.result(PLAN, ticket).score == expected
    # completeness per workstation and grader
    prog = chief.progress.table
    prow = next(r for r in range(prog.rowCount()) if prog.item(r, 1).text() == ticket)
    assert [prog.item(prow, c).text() for c in range(2, 5)] == ["已签字"] * 3


def test_bad_score_is_highlighted_and_not_saved(qtbot, scoring, demo_login):
    _, ticket = scoring
    w = _station(qtbot, demo_login("kaoping1", "grader"))
    st = w.station
    st.select_ticket(ticket)
    st.set_score("1.1", "25")
    qtbot.waitUntil(lambda: "0—20" in st.message.text(), timeout=10000)
    assert st.sheet.item(st.row_of("1.1"), st.SCORE_COL).background().color() == RED
    assert ScoringServices.of(demo_login("kaoping1", "grader")).grading.my_sheet(PLAN, ticket) is None
    st.set_score("1.1", "18.5")
    qtbot.waitUntil(lambda: st.message.text() == "", timeout=10000)
    assert ScoringServices.of(demo_login("kaoping1", "grader")).grading.my_sheet(PLAN, ticket).entries == {"1.1": "18.5"}


def test_discrepancy_goes_to_chief_who_reconciles(qtbot, scoring, demo_login):
    svc, ticket = scoring
    values = {"kaoping1": FULL, "kaoping2": {**FULL, "1.3": 10}, "zuzhang": {**FULL, "1.3": 40}}   # 100, 76, 94
    for u, v in values.items():
        w = _station(qtbot, demo_login(u, "grader"))
        w.station.select_ticket(ticket)
        _fill(qtbot, w.station, v)
        _sign(qtbot, w.station, u)
        qtbot.waitUntil(lambda w=w: "已签字" in w.station.total.text(), timeout=10000)
    chief = _station(qtbot, demo_login("zuzhang", "chief_grader"))
    panel = chief.chief
    assert panel.table.rowCount() == 1 and panel.table.item(0, 0).text() == ticket
    assert panel.table.item(0, 2).text() == "24.00" and "分差超限" in panel.table.item(0, 4).text()
    panel.table.selectRow(0)
    assert panel.sheets.rowCount() == 3                       # all signed: the chief sees every sheet
    qtbot.mouseClick(panel.reconcile_button, Qt.LeftButton)
    dlg = panel.dialog
    assert dlg.score.text() == "90.0"                         # the mean is offered
    dlg.score.setText("")
    qtbot.keyClicks(dlg.score, "94")
    dlg.reason.setFocus()
    dlg.reason.insertPlainText("复核考件与录像：通电试验一次成功，按94分认定")   # IME text; QTest types ASCII only
    dlg.accept()
    qtbot.waitUntil(lambda: panel.table.item(0, 4).text() == "组长已裁定", timeout=10000)
    assert "94" in panel.message.text()
    res = svc["admin"].chief.result(PLAN, ticket)
    assert res.status == "reconciled" and res.score == Decimal("94.0")
    chief.summary.refresh()
    row = next(r for r in range(chief.summary.table.rowCount()) if chief.summary.table.item(r, 1).text() == ticket)
    assert chief.summary.table.item(row, 3).text() == "94.0" and "组长裁定" in chief.summary.table.item(row, 5).text()


def test_avoidance_conflict_is_flagged_and_room_head_allows(qtbot, tmp_path, demo_login, demo):
    cand = RosterService(demo_login("admin")).candidates(PLAN)[0]
    StaffService(demo_login("admin")).add("kaoping9", "同单位考评员", "Demo-kaoping-2026", ["grader"], unit=cand.unit,
                                          **demo_grader_qualification("kaoping9"))
    PASSWORDS["kaoping9"] = "Demo-kaoping-2026"
    login = login_any(demo)
    admin = ScoringServices.of(login("admin"))
    from tests.scoring_support import write_template
    admin.setup.import_template(PLAN, write_template(tmp_path / "t.xlsx"))
    conflicts = admin.setup.set_group(PLAN, ["kaoping1", "kaoping9", "zuzhang"], "zuzhang")
    assert conflicts
    w = _station(qtbot, login("kaoping9", "grader"))
    st = w.station
    r = next(i for i in range(st.candidates.rowCount()) if st.candidates.item(i, 0).text() == cand.ticket_no)
    assert "同一单位" in st.candidates.item(r, 4).text()
    st.select_ticket(cand.ticket_no)
    st.set_score("1.1", "10")
    qtbot.waitUntil(lambda: "回避" in st.message.text(), timeout=10000)
    head = _station(qtbot, login("kaochang", "room_head"))
    panel = head.avoid
    head.tabs.setCurrentWidget(panel)
    assert panel.allow_button.isVisible() and panel.table.rowCount() == len(conflicts)
    assert w.avoid.allow_button.isHidden()                       # only the room head may allow
    assert all(panel.table.item(i, 3).text() == "未处理" for i in range(panel.table.rowCount()))
    for i in range(panel.table.rowCount()):
        panel.table.selectRow(i)
        panel.allow_selected("本工种考评员不足，经批准评分，督导员在场")
        qtbot.waitUntil(lambda i=i: "允许" in panel.table.item(i, 3).text(), timeout=10000)
    assert all("允许" in panel.table.item(i, 3).text() for i in range(panel.table.rowCount()))
    st.set_score("1.1", "12")
    qtbot.waitUntil(lambda: "评分中" in st.candidates.item(r, 3).text(), timeout=10000)
    assert st.message.text() == ""


def test_admin_imports_template_and_forms_group_in_the_workplace(qtbot, tmp_path, demo_login):
    from tests.scoring_support import write_template

    w = _station(qtbot, demo_login("admin"))
    assert w.setup is not None and w.station is None          # no template yet: setup only
    bad = write_template(tmp_path / "bad.xlsx", tasks=[["1", "装调", 70, 120, ""], ["2", "测量", 40, 60, ""]])
    w.setup.import_template(str(bad))
    qtbot.waitUntil(lambda: "合计须为 100%" in w.setup.message.text(), timeout=10000)
    w.setup.import_template(str(write_template(tmp_path / "t.xlsx")))
    qtbot.waitUntil(lambda: w.progress is not None and "已导入" in w.message.text(), timeout=10000)
    setup = w.setup
    wanted = {"kaoping1", "kaoping2", "zuzhang"}
    for r in range(setup.members.rowCount()):
        if setup.members.item(r, 1).text() in wanted:
            setup.members.selectRow(r)
    assert set(setup.selected_members()) == wanted
    setup.chief.setCurrentIndex(setup.chief.findData("zuzhang"))
    qtbot.mouseClick(setup.group_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "考评组已组建" in w.message.text(), timeout=10000)
    group = ScoringServices.of(demo_login("admin")).setup.group(PLAN)
    assert {u for u, _, _ in group.members} == wanted and group.chief == "zuzhang"


def test_paper_sheet_mismatches_highlighted_until_typists_agree(qtbot, scoring, demo_login, demo):
    from app.ui.scoring.workplace import RED

    svc, ticket = scoring
    StaffService(demo_login("admin")).add("kaowu2", "录入二", "Demo-kaowu-2026", ["staff"])
    PASSWORDS["kaowu2"] = "Demo-kaowu-2026"
    a = _station(qtbot, demo_login("kaowu")).paper
    b = _station(qtbot, login_any(demo)("kaowu2")).paper
    for panel, values in ((a, FULL), (b, {**FULL, "1.2": 25})):
        panel.ticket.setText(ticket)
        panel.grader.setCurrentIndex(panel.grader.findData("kaoping1"))
        panel.load()
        for code, v in values.items():
            panel.set_score(code, v)
        panel.status.setText("")
        qtbot.mouseClick(panel.save_button, Qt.LeftButton)
        qtbot.waitUntil(lambda panel=panel: panel.status.text() != "", timeout=10000)
    row = b.codes.index("1.2")
    assert b.sheet.item(row, b.SCORE_COL).background().color() == RED and "1 处不一致" in b.status.text()
    assert b.sheet.item(0, b.SCORE_COL).background().color() != RED
    a.load()
    assert a.sheet.item(row, a.SCORE_COL).background().color() == RED     # highlighted for both typists
    b.set_score("1.2", "30")
    qtbot.mouseClick(b.save_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "一致" in b.status.text() and "不一致" not in b.status.text(), timeout=10000)
    assert ScoringServices.of(demo_login("kaoping2", "grader")).grading.station(PLAN)[0].status == "none"
    assert {r.statuses["kaoping1"] for r in svc["chief"].chief.progress(PLAN) if r.ticket_no == ticket} == {"signed"}


def test_chief_signs_summary_and_grader_photographs_work_piece(qtbot, scoring, demo_login, tmp_path):
    import cv2
    import numpy as np


    svc, ticket = scoring
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    video = tmp_path / "bench-cam.avi"
    wr = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 10, (320, 240))
    for i in range(8):
        wr.write(np.full((240, 320, 3), 30 * i, np.uint8))
    wr.release()
    g = ScoringWorkplace(demo_login("kaoping1", "grader"), None, PLAN, camera_source=str(video))
    qtbot.addWidget(g)
    g.station.select_ticket(ticket)
    qtbot.mouseClick(g.station.photo_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: "考件照片已保存" in g.station.message.text(), timeout=10000)
    assert [p.taken_by for p in svc["chief"].photos.photos(PLAN, ticket)] == ["吴晓东"]
    for u in ("kaoping1", "kaoping2", "zuzhang"):
        from tests.scoring_support import score
        score(svc[u], u, ticket, FULL)
    for c in cands[1:]:
        svc["chief"].chief.mark_absent(PLAN, c.ticket_no, "未到场")
    w = _station(qtbot, demo_login("zuzhang", "chief_grader"))
    panel = w.summary
    w.tabs.setCurrentWidget(panel)
    qtbot.mouseClick(panel.sign_button, Qt.LeftButton)
    dlg = panel.sign_dialog
    qtbot.keyClicks(dlg.password, "wrong-password")
    _draw(dlg.pad)
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "密码错误" in panel.message.text(), timeout=10000)   # checked off the UI thread
    qtbot.mouseClick(panel.sign_button, Qt.LeftButton)
    dlg = panel.sign_dialog
    dlg.buttons.accepted.emit()                      # nothing drawn, no password: refused in the dialog
    assert dlg.isVisible() and "密码" in dlg.message.text()
    qtbot.keyClicks(dlg.password, PASSWORDS["zuzhang"])
    _draw(dlg.pad)
    dlg.buttons.accepted.emit()
    qtbot.waitUntil(lambda: "已签署汇总表" in panel.message.text(), timeout=10000)
    assert "陈德明（考评组长）" in panel.signatures.text()
    sigs = svc["admin"].chief.summary_signatures(PLAN)
    assert [(s.username, s.role, s.valid) for s in sigs] == [("zuzhang", "chief", True)]
    assert sigs[0].signature.startswith(b"\x89PNG")


def test_internal_supervisor_sees_completeness_but_cannot_score(qtbot, scoring, demo_login):
    from app.ui.workplaces import workplaces_for

    svc, ticket = scoring
    svc["kaoping1"].grading.save_sheet(PLAN, ticket, {"1.1": 5})
    assert "scoring" in workplaces_for("internal_supervisor")
    w = _station(qtbot, demo_login("neidu"))
    assert w.station is None and w.chief is None and w.progress is not None
    prog = w.progress.table
    row = next(r for r in range(prog.rowCount()) if prog.item(r, 1).text() == ticket)
    assert [prog.item(row, c).text() for c in range(2, 5)] == ["评分中", "未开始", "未开始"]
    assert "5" not in "".join(prog.item(row, c).text() for c in range(prog.columnCount()))


def test_chief_marks_absent_from_completeness(qtbot, scoring, demo_login):
    svc, ticket = scoring
    w = _station(qtbot, demo_login("zuzhang", "chief_grader"))
    panel = w.progress
    assert not panel.absent_button.isHidden()
    last = panel.table.rowCount() - 1
    absent_ticket = panel.table.item(last, 1).text()
    panel.table.selectRow(last)
    panel.mark_absent("未到场", confirmed=True)
    qtbot.waitUntil(lambda: panel.table.item(last, panel.table.columnCount() - 1).text() == "缺考", timeout=10000)
    rows = {r.ticket_no: r for r in svc["admin"].chief.practical_summary(PLAN)}
    assert rows[absent_ticket].status == "absent" and "未到场" in rows[absent_ticket].remark
    g = _station(qtbot, demo_login("kaoping2", "grader"))
    assert g.progress is None and g.station is not None        # graders see no completeness of others


def test_a_grader_works_from_the_keyboard(qtbot, scoring, demo_login):
    """Keyboard only, except the signature itself (a drawing, by the rules of the sheet)."""
    svc, ticket = scoring
    w = _station(qtbot, demo_login("kaoping1", "grader"))
    st = w.station
    st.select_ticket(ticket)
    _type_sheet(qtbot, st, {k: ("n" if v == "否" else v) for k, v in FULL.items()})
    qtbot.waitUntil(lambda: "尚有 0 项未评" in st.total.text(), timeout=10000)
    st.sheet.setFocus()
    qtbot.keyClick(st.sheet, Qt.Key_Return, Qt.ControlModifier)          # Ctrl+Enter: sign
    qtbot.waitUntil(lambda: st.sign_dialog is not None and st.sign_dialog.isVisible(), timeout=10000)
    dlg = st.sign_dialog
    qtbot.keyClicks(dlg.password, PASSWORDS["kaoping1"])
    _draw(dlg.pad)
    qtbot.keyClick(dlg.password, Qt.Key_Return)                            # Enter confirms
    qtbot.waitUntil(lambda: "已签字" in st.total.text(), timeout=10000)


def test_review_panel_scores_in_the_same_workplace(qtbot, tmp_path, demo_login):
    """"技师以上级别可增加综合评审环节" [002 L4065]: where the batch has a 综合评审 the workplace shows a
    评分组 selector, and the 综合评审 panel's member scores and signs on the same station as a practical
    grader; a batch without 综合评审 shows no selector."""
    from app.services.results import ResultsService
    from tests.integration.test_comprehensive_review import TECHNICIAN_PLAN, TICKETS, _technician_batch
    from tests.scoring_support import write_template

    admin = demo_login("admin")
    _technician_batch(admin, tmp_path)
    ResultsService(admin).add_comprehensive_review(TECHNICIAN_PLAN)
    panel = ["kaoping1", "kaoping2", "zuzhang"]
    for n, u in enumerate(panel, 1):
        StaffService(admin).set_grader_qualification(u, f"KP-2026-3{n}", "高级技师", "电工")
    office = ScoringServices.of(admin)
    office.setup.import_template(TECHNICIAN_PLAN, write_template(tmp_path / "review.xlsx"), subject="review")
    office.setup.set_group(TECHNICIAN_PLAN, panel, "zuzhang", subject="review")
    w = ScoringWorkplace(demo_login("kaoping1", "grader"), None, PLAN)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert not w.subject.isVisible()                                  # 四级: no 综合评审
    w.batch.setCurrentIndex(w.batch.findData(TECHNICIAN_PLAN))
    assert w.subject.isVisible() and w.station is None                # not in the practical 考评组
    w.subject.setCurrentIndex(w.subject.findData("review"))
    st = w.station
    assert st is not None and w.paper is None
    st.select_ticket(TICKETS[0])
    _fill(qtbot, st, FULL)
    _sign(qtbot, st, "kaoping1")
    qtbot.waitUntil(lambda: "已签字" in st.total.text(), timeout=10000)
    w.grab().save(str(tmp_path / "review_station.png"))
    mine = ScoringServices.of(demo_login("kaoping1", "grader")).grading
    assert mine.my_sheet(TECHNICIAN_PLAN, TICKETS[0], subject="review").status == "signed"
    assert mine.station(TECHNICIAN_PLAN, subject="review")[0].status == "signed"
