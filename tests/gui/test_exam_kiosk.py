"""pytest-qt drives a whole exam in the kiosk window: login, answer, flag, navigate,
submit with the confirmation, score — against the real encrypted store."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import select

from app.services.demo import DEMO_PLAN
from app.services.exam import ExamTerminal
from app.store import theory_tables as tt
from tests.theory_support import FixedClock, demo_id_tail, prepare_exam

TICKET = "DG26040003"


@pytest.fixture
def kiosk(qtbot, demo, demo_login, tmp_path):
    from app.ui.exam.kiosk import ExamWindow

    prepare_exam(demo, demo_login, tmp_path)
    ctx = demo_login("jiankao1")
    ctx.clock = FixedClock(demo.clock.now())
    w = ExamWindow(ExamTerminal(ctx), DEMO_PLAN, tick_ms=50)
    qtbot.addWidget(w)
    w.show()
    yield w
    w.may_close = True
    w.worker.wait()


def _tick_option(qtbot, w, i):
    """Click on the option's indicator, as a person would."""
    b = w.option_widgets[i]
    qtbot.mouseClick(b, Qt.LeftButton, pos=QPoint(8, b.height() // 2))


def _login(qtbot, w, demo):
    qtbot.keyClicks(w.ticket, TICKET)
    qtbot.keyClicks(w.factor, demo_id_tail(demo, TICKET))
    qtbot.mouseClick(w.login_btn, Qt.LeftButton)
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.exam_page, timeout=10000)


def test_full_exam_in_the_kiosk(qtbot, kiosk, demo):
    w = kiosk
    qtbot.keyClicks(w.ticket, TICKET)
    qtbot.keyClicks(w.factor, "123456")
    qtbot.mouseClick(w.login_btn, Qt.LeftButton)
    qtbot.waitUntil(lambda: "不正确" in w.login_msg.text(), timeout=10000)
    w.ticket.clear()
    _login(qtbot, w, demo)
    assert len(w.nav_buttons) == 25 and w.qtitle.text().startswith("第 1 题")
    # answer question 1 by clicking its first option: answered only once saved
    _tick_option(qtbot, w, 0)
    qtbot.waitUntil(lambda: w.saved.text() == "已保存" and w.state_of(1) == "answered", timeout=10000)
    # flag question 2 without answering, via next
    qtbot.mouseClick(w.next_btn, Qt.LeftButton)
    assert w.current == 2
    w.flag_box.click()
    qtbot.waitUntil(lambda: w.state_of(2) == "flagged", timeout=10000)
    # navigate with the navigator to the last question (a multiple choice) and tick two options
    qtbot.mouseClick(w.nav_buttons[25], Qt.LeftButton)
    assert w.current == 25 and isinstance(w.option_widgets[0], type(w.flag_box))
    _tick_option(qtbot, w, 0)
    _tick_option(qtbot, w, 1)
    qtbot.waitUntil(lambda: w.sit.answers.get(25) == "AB", timeout=10000)
    # keyboard: PageUp to 24, press B
    qtbot.keyClick(w, Qt.Key_PageUp)
    assert w.current == 24
    qtbot.keyClick(w, Qt.Key_B)
    qtbot.waitUntil(lambda: w.sit.answers.get(24) == "B", timeout=10000)
    # the font grows
    before = w.stem.font().pointSize()
    qtbot.mouseClick(w.larger, Qt.LeftButton)
    assert w.stem.font().pointSize() == before + 2
    # the candidate cannot close the window
    w.close()
    assert w.isVisible()
    # the timer runs and is shown
    qtbot.waitUntil(lambda: w.clock.text().startswith("剩余 01:"), timeout=10000)
    # submit: the confirmation lists what is unanswered, going back is possible
    qtbot.mouseClick(w.submit_btn, Qt.LeftButton)
    assert w.stack.currentWidget() is w.confirm_page
    text = w.confirm_msg.text()
    assert "还有 22 题未作答" in text and "第 2、3、4" in text and "已标记待查：第 2 题" in text
    qtbot.mouseClick(w.back_btn, Qt.LeftButton)
    assert w.stack.currentWidget() is w.exam_page
    qtbot.mouseClick(w.submit_btn, Qt.LeftButton)
    with qtbot.waitSignal(w.submitted, timeout=10000) as sig:
        qtbot.mouseClick(w.confirm_btn, Qt.LeftButton)
    result = sig.args[0]
    assert w.stack.currentWidget() is w.result_page
    assert f"成绩：{result['total']} 分" in w.result_msg.text()
    with demo.store.read() as s:
        row = s.scalars(select(tt.ExamSession).where(tt.ExamSession.ticket_no == TICKET)).one()
        answers = {a.qno: a.choice for a in s.scalars(select(tt.ExamAnswer).where(tt.ExamAnswer.session_id == row.id))}
    assert row.status == "submitted" and row.result["total"] == result["total"]
    assert {q for q, c in answers.items() if c} == {1, 24, 25}
    assert Decimal(result["total"]) <= Decimal(2) + Decimal(4) + Decimal(8)
    w.close()
    assert not w.isVisible()


def test_warnings_and_focus_loss(qtbot, kiosk, demo):
    w = kiosk
    _login(qtbot, w, demo)
    w.timer.stop()
    w.sit.remaining_ms = 14 * 60_000
    w._show_clock()
    assert "15 分钟" in w.warning.text()
    w.sit.remaining_ms = 4 * 60_000 + 59_000
    w._show_clock()
    assert "5 分钟" in w.warning.text()
    w.record_focus_loss()
    w.worker.wait()
    with demo.store.read() as s:
        row = s.scalars(select(tt.ExamSession).where(tt.ExamSession.ticket_no == TICKET)).one()
    assert row.focus_losses >= 1


def test_only_a_proctor_closes_the_kiosk(qtbot, kiosk, demo):
    from tests.theory_support import PASSWORDS

    w = kiosk
    _login(qtbot, w, demo)
    qtbot.keyClick(w, Qt.Key_F12, Qt.ControlModifier | Qt.ShiftModifier)
    assert w.stack.currentWidget() is w.release_page
    qtbot.keyClicks(w.release_user, "kaowu")
    qtbot.keyClicks(w.release_pw, PASSWORDS["kaowu"])  # staff, not a proctor
    qtbot.mouseClick(w.release_btn, Qt.LeftButton)
    qtbot.waitUntil(lambda: "验证失败" in w.release_msg.text(), timeout=10000)
    assert w.isVisible()
    w.release_user.clear()
    qtbot.keyClicks(w.release_user, "jiankao1")
    qtbot.keyClicks(w.release_pw, PASSWORDS["jiankao1"])
    qtbot.mouseClick(w.release_btn, Qt.LeftButton)
    qtbot.waitUntil(lambda: not w.isVisible(), timeout=10000)


def test_a_paused_room_shows_a_banner_on_the_kiosk(qtbot, kiosk, demo):
    """Issue 19 item 3: the master's pause reaches the kiosk and the candidate sees it plainly."""
    from app.core import records as rec

    w = kiosk
    _login(qtbot, w, demo)
    assert w.paused_banner.isHidden()

    def command(seq, kind):
        return rec.Record(rec.Header(demo.store.site_id, rec.MASTER, seq, kind, "2026-01-01T01:00:00Z", "T001"),
                          {"room": "", "at": ""})

    w.terminal.follow([command(1, "room.pause")])
    qtbot.waitUntil(lambda: w.paused_banner.isVisible(), timeout=10000)
    assert "暂停" in w.paused_banner.text()
    w.terminal.follow([command(2, "room.resume")])
    qtbot.waitUntil(lambda: w.paused_banner.isHidden(), timeout=10000)
