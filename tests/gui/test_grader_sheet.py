"""The grader's sheet as a grader meets it on a 1366×768 laptop (issue 19 item 4): the ticket
QR opens the sheet, the score column is on screen, each task's text once, the list coloured
by the state of the sheet, and a page saying who must do what before anything is set up."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt

from app.services.checkin import CheckinService
from app.services.roster import RosterService
from app.ui.scoring.workplace import BLUE, GREEN, GREY, YELLOW, ScoringWorkplace
from tests.scoring_support import FULL, PLAN, score, setup_scoring


def _grader(qtbot, ctx, width=1366, height=768):
    w = ScoringWorkplace(ctx, None, PLAN)
    qtbot.addWidget(w)
    w.resize(width - 240, height - 90)        # the main window's list of workplaces, title and status bars
    w.show()
    qtbot.waitExposed(w)
    return w


def test_scanning_a_ticket_qr_opens_that_candidates_sheet(qtbot, tmp_path, demo_login):
    setup_scoring(tmp_path, demo_login)
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    third = cands[2].ticket_no
    qr = CheckinService(demo_login("admin")).ticket_code(third)      # what the printed 准考证 carries
    assert qr.startswith("ES1|") and third in qr
    st = _grader(qtbot, demo_login("kaoping1", "grader")).station
    assert st.ticket is None
    st.scan.setFocus()
    qtbot.keyClicks(st.scan, qr)                                     # a USB scanner types the code ...
    qtbot.keyClick(st.scan, Qt.Key_Return)                           # ... and Enter
    assert st.ticket == third and third in st.header.text()
    assert st.candidates.item(st.candidates.currentRow(), 0).text() == third
    assert st.focusWidget() is st.sheet and st.sheet.currentColumn() == st.SCORE_COL   # ready to type a score
    # the ticket number typed by hand works too, and a ticket not on this station is named
    st.scan.setFocus()                                               # F6 in the window
    qtbot.keyClicks(st.scan, cands[0].ticket_no.lower())
    qtbot.keyClick(st.scan, Qt.Key_Return)
    assert st.ticket == cands[0].ticket_no
    qtbot.keyClicks(st.scan, "DG99999999")
    qtbot.keyClick(st.scan, Qt.Key_Return)
    assert "DG99999999" in st.message.text() and st.ticket == cands[0].ticket_no
    other_plan = qr.replace(f"|{PLAN}|", "|9999999999|")
    qtbot.keyClicks(st.scan, other_plan)
    qtbot.keyClick(st.scan, Qt.Key_Return)
    assert "9999999999" in st.message.text() and st.ticket == cands[0].ticket_no


def test_the_sheet_fits_a_1366_screen_and_shows_each_task_once(qtbot, tmp_path, demo_login):
    setup_scoring(tmp_path, demo_login)
    ticket = RosterService(demo_login("admin")).candidates(PLAN)[0].ticket_no
    st = _grader(qtbot, demo_login("kaoping1", "grader")).station
    st.select_ticket(ticket)
    sheet = st.sheet
    visible = sheet.viewport().rect()
    for code in st.codes:                                        # every score cell on screen, not clipped
        rect = sheet.visualRect(sheet.model().index(st.row_of(code), st.SCORE_COL))
        assert visible.contains(QRect(rect.left(), rect.top(), rect.width(), 1)), code
    x = sheet.viewport().mapTo(st, QPoint(sheet.columnViewportPosition(st.SCORE_COL), 0)).x()
    assert x + sheet.columnWidth(st.SCORE_COL) <= st.width()
    bands = [sheet.item(r, 0).text() for r, c in enumerate(st._rows) if c is None]
    assert len(bands) == len(st.template.tasks) and all(sheet.columnSpan(st._rows.index(None), 0) > 1 for _ in bands)
    for task in st.template.tasks:                               # the task's text once, not on every row
        text = "\n".join(sheet.item(r, c).text() for r in range(sheet.rowCount()) for c in range(sheet.columnCount())
                         if sheet.item(r, c) is not None)
        assert text.count(task.title) == 1, task.title


def test_candidates_coloured_by_the_state_of_the_sheet(qtbot, tmp_path, demo_login):
    svc = setup_scoring(tmp_path, demo_login)
    cands = [c.ticket_no for c in RosterService(demo_login("admin")).candidates(PLAN)]
    draft, signed, reconciled, absent = cands[:4]
    svc["kaoping1"].grading.save_sheet(PLAN, draft, {"1.1": 5})
    score(svc["kaoping1"], "kaoping1", signed, FULL)
    for u, v in (("kaoping1", FULL), ("kaoping2", {**FULL, "1.3": 10}), ("zuzhang", {**FULL, "1.3": 40})):
        score(svc[u], u, reconciled, v)
    svc["chief"].chief.reconcile(PLAN, reconciled, "94", "复核考件与录像后认定")
    svc["chief"].chief.mark_absent(PLAN, absent, "未到场")
    st = _grader(qtbot, demo_login("kaoping1", "grader")).station
    assert [st.state_of(t) for t in (draft, signed, reconciled, absent, cands[4])] == \
        ["draft", "signed", "reconciled", "absent", "none"]
    colour = {t: st.candidates.item(r, 0).background().color() for r in range(st.candidates.rowCount())
              for t in [st.candidates.item(r, 0).text()]}
    assert [colour[t] for t in (draft, signed, reconciled, absent)] == [YELLOW, GREEN, BLUE, GREY]


def test_nothing_set_up_says_who_must_do_what(qtbot, demo_login):
    w = _grader(qtbot, demo_login("kaoping1", "grader"))
    assert w.station is None and w.guide is not None and w.tabs.currentWidget() is w.guide
    text = w.guide.text()
    assert "还不能评分" in text
    assert "考务人员" in text and "导入评分记录表" in text and "管理员" in text and "组建考评组" in text
    assert "✘" in text
    office = _grader(qtbot, demo_login("kaowu"))
    assert office.guide is not None and office.setup is not None       # the office can act right there
    assert "尚未导入评分记录表" in office.guide.text()


def test_the_ticket_qr_held_to_the_camera_opens_that_candidates_sheet(qtbot, tmp_path, demo_login):
    """Issue 19 item 4: "the ticket QR (scanner or camera) opens the sheet" — the camera road: a
    video file stands in for the station's camera, showing the printed 准考证's QR code."""
    import cv2
    import numpy as np

    from app.formats.qr_matrix import qr_matrix

    setup_scoring(tmp_path, demo_login)
    fifth = RosterService(demo_login("admin")).candidates(PLAN)[4].ticket_no
    modules = np.pad(qr_matrix(CheckinService(demo_login("admin")).ticket_code(fifth).encode()), 4)
    picture = np.where(modules, 0, 255).astype(np.uint8).repeat(8, 0).repeat(8, 1)
    frame = cv2.cvtColor(cv2.copyMakeBorder(picture, 40, 40, 120, 120, cv2.BORDER_CONSTANT, value=255),
                         cv2.COLOR_GRAY2BGR)
    camera = tmp_path / "station-camera.avi"
    writer = cv2.VideoWriter(str(camera), cv2.VideoWriter_fourcc(*"MJPG"), 5, (frame.shape[1], frame.shape[0]))
    for _ in range(5):
        writer.write(frame)
    writer.release()
    w = ScoringWorkplace(demo_login("kaoping1", "grader"), None, PLAN, camera_source=str(camera))
    qtbot.addWidget(w)
    w.show()
    st = w.station
    qtbot.mouseClick(st.camera_scan_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: st.ticket == fifth, timeout=15000)
    assert fifth in st.header.text()
    # nothing in the picture: one clear line, the sheet stays where it was
    blank = tmp_path / "blank.avi"
    writer = cv2.VideoWriter(str(blank), cv2.VideoWriter_fourcc(*"MJPG"), 5, (320, 240))
    for _ in range(5):
        writer.write(np.full((240, 320, 3), 255, np.uint8))
    writer.release()
    st.camera_source = str(blank)
    qtbot.keyClick(st, Qt.Key_F7)
    qtbot.waitUntil(lambda: "没有找到准考证二维码" in st.message.text(), timeout=15000)
    assert st.ticket == fifth
