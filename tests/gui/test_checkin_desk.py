"""The check-in desk driven from the keyboard, offscreen, on the real demo store, with
the desk camera reading a real MJPG video file."""

from __future__ import annotations

import datetime as _dt
import json

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.core import sitetime
from app.services.bans import BanService
from app.services.checkin import CheckinService, Override
from app.services.demo import DEMO_PLAN
from app.store import models
from app.camera.frames import FrameSource
from app.ui.checkin.desk import CheckinWorkplace

UTC = _dt.timezone.utc
START = _dt.datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


class StepClock:
    def __init__(self, t):
        self.t = t

    def now(self):
        return self.t


def desk_video(path, frames=40):
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 15, (320, 240))
    for i in range(frames):
        img = np.full((240, 320, 3), 200, np.uint8)
        cv2.circle(img, (160, 110), 60, (120, 170, 220), -1)  # a face-ish blob
        cv2.putText(img, str(i), (10, 230), cv2.FONT_HERSHEY_SIMPLEX, 1, (0, 0, 0), 2)
        out.write(img)
    out.release()
    return path


@pytest.fixture
def setup(demo, demo_login, tmp_path):
    clock = StepClock(START - _dt.timedelta(minutes=15))
    demo.clock = clock
    admin = demo_login("admin")
    sid = CheckinService(admin).create_session(DEMO_PLAN, "理论知识考试", "theory", START, 30)
    with demo.store.read() as s:
        cands = s.query(models.Candidate).order_by(models.Candidate.ticket_no).all()
    return dict(clock=clock, admin=admin, sid=sid, cands=cands, staff=demo_login("kaowu"),
                video=desk_video(tmp_path / "desk.avi"))


@pytest.fixture
def desk(qtbot, setup):
    w = CheckinWorkplace(setup["staff"], frame_source=FrameSource(setup["video"], loop=True))
    qtbot.addWidget(w)
    w.resize(1280, 900)
    with qtbot.waitSignal(w.sessions_loaded, timeout=10000):
        w.show()
    qtbot.waitUntil(lambda: w.feed is not None and w.feed.latest is not None, timeout=10000)
    yield w
    w.stop_camera()


def scan(qtbot, w, text):
    w.scan.setText(text)  # a USB scanner types the whole code, then Enter
    qtbot.keyClick(w.scan, Qt.Key_Return)


def journal(demo, action):
    with demo.store.read() as s:
        return [(e.subject, json.loads(e.payload)) for e in s.query(models.JournalEntry).filter_by(action=action)]


def test_scan_photo_confirm_seat_then_double_checkin_refused(qtbot, demo, setup, desk, monkeypatch):
    c = setup["cands"][2]
    code = CheckinService(setup["admin"]).ticket_code(c.ticket_no)
    assert desk.focusWidget() is desk.scan  # the scan field keeps the focus
    with qtbot.waitSignal(desk.candidate_shown, timeout=10000) as sig:
        scan(qtbot, desk, code)
    assert sig.args == [c.ticket_no]
    assert not desk.photo.pixmap().isNull()  # the roster photo beside ...
    assert not desk.live.pixmap().isNull()  # ... the live frame from the video file
    assert desk.name.text() == c.name and c.room in desk.seat.text()
    beeps = []
    monkeypatch.setattr("app.ui.checkin.desk.QApplication.beep", lambda: beeps.append(1))
    with qtbot.waitSignal(desk.checked_in, timeout=10000) as sig:
        qtbot.keyClick(desk.scan, Qt.Key_Return)  # Enter on the empty field: identity confirmed
    assert sig.args == [c.ticket_no, c.seat]
    assert f"{c.seat} 号座位" in desk.banner.text() and c.seat in desk.seat.text()
    [(ticket, payload)] = journal(demo, "checkin.present")
    assert ticket == c.ticket_no and payload["photo_sha256"]  # the live frame kept as the check-in photo
    qtbot.waitUntil(lambda: desk.counts.rowCount() == 2 and desk.counts.item(0, 2).text() == "1", timeout=10000)
    # the same ticket again: refused, naming when and by whom, red and a beep
    with qtbot.waitSignal(desk.refused, timeout=10000) as sig:
        scan(qtbot, desk, c.ticket_no)
    assert "重复检录" in sig.args[0] and "李静" in sig.args[0] and "08:45" in sig.args[0]
    assert "#b3261e" in desk.banner.styleSheet() and beeps
    assert desk.focusWidget() is desk.scan
    with qtbot.waitSignal(desk.refused, timeout=10000):
        qtbot.keyClick(desk.scan, Qt.Key_Return)
    assert len(journal(demo, "checkin.present")) == 1


def test_forged_qr_refused(qtbot, demo, setup, desk):
    a, b = setup["cands"][:2]
    code = CheckinService(setup["admin"]).ticket_code(a.ticket_no)
    with qtbot.waitSignal(desk.refused, timeout=10000) as sig:
        scan(qtbot, desk, code.replace(a.ticket_no, b.ticket_no))
    assert "签名无效" in sig.args[0] and desk.current is None and desk.name.text() == ""


def test_banned_candidate_stopped(qtbot, demo, setup, desk):
    c = setup["cands"][4]
    BanService(setup["admin"]).add(c.id_no, "201", c.name, _dt.date(2026, 1, 1), _dt.date(2028, 12, 31),
                                   "由他人冒名顶替参加评价")
    with qtbot.waitSignal(desk.refused, timeout=10000) as sig:
        scan(qtbot, desk, c.id_no)
    assert "禁考名单" in sig.args[0] and "冒名顶替" in sig.args[0]
    qtbot.waitUntil(lambda: [r for _, r in journal(demo, "checkin.refused")] != [], timeout=10000)
    assert journal(demo, "checkin.refused")[0] == (c.ticket_no, {"session_id": setup["sid"], "rule": "banned",
                                                                 "stage": "lookup", "message": sig.args[0]})
    with qtbot.waitSignal(desk.refused, timeout=10000):
        qtbot.keyClick(desk.scan, Qt.Key_Return)
    assert journal(demo, "checkin.present") == []


def test_tail_choice_mismatch_undo_and_late_override(qtbot, demo, setup, desk):
    a, b, c = setup["cands"][5:8]
    with demo.store.write() as s:  # two candidates share the last six digits
        s.get(models.Candidate, b.id).id_no = b.id_no[:12] + a.id_no[-6:]
    with qtbot.waitSignal(desk.choices_shown, timeout=10000) as sig:
        scan(qtbot, desk, a.id_no[-6:])
    assert sig.args == [2] and desk.choices.isVisible()
    with qtbot.waitSignal(desk.candidate_shown, timeout=10000) as sig:
        scan(qtbot, desk, "2")
    chosen = sig.args[0]
    # F8: not the same person -> asked once, then an incident, no check-in
    desk.confirm = lambda *_: False
    qtbot.keyClick(desk.scan, Qt.Key_F8)
    assert journal(demo, "checkin.mismatch") == [] and desk.current is not None
    desk.confirm = lambda *_: True
    with qtbot.waitSignal(desk.mismatch_recorded, timeout=10000):
        qtbot.keyClick(desk.scan, Qt.Key_F8)
    assert [t for t, _ in journal(demo, "checkin.mismatch")] == [chosen]
    # check one in and undo it (confirmation answered yes)
    desk.confirm = lambda *_: True
    with qtbot.waitSignal(desk.candidate_shown, timeout=10000):
        scan(qtbot, desk, a.ticket_no)
    with qtbot.waitSignal(desk.checked_in, timeout=10000):
        qtbot.keyClick(desk.scan, Qt.Key_Return)
    with qtbot.waitSignal(desk.undone, timeout=10000) as sig:
        qtbot.keyClick(desk.scan, Qt.Key_Z, Qt.ControlModifier)
    assert sig.args == [a.ticket_no]
    # late: refused, then F9 with the room head's credential lets the candidate in
    setup["clock"].t = START + _dt.timedelta(minutes=40)
    with qtbot.waitSignal(desk.refused, timeout=10000) as sig:
        scan(qtbot, desk, c.ticket_no)
    assert "迟到" in sig.args[0]
    desk.ask_override = lambda message: Override("kaochang", "Demo-kaochang-2026", "公交延误，有证明")
    with qtbot.waitSignal(desk.checked_in, timeout=10000):
        qtbot.keyClick(desk.scan, Qt.Key_F9)
    assert journal(demo, "checkin.override")[0][1]["room_head"] == "kaochang"


def test_id_card_reader_file_drives_lookup_and_flags_name(qtbot, setup, tmp_path):
    from app.formats.idreader import FileReader

    folder = tmp_path / "cards"
    folder.mkdir()
    c = setup["cands"][9]
    w = CheckinWorkplace(setup["staff"], frame_source=FrameSource(setup["video"], loop=True),
                         id_reader=FileReader(folder))
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.sessions_loaded, timeout=10000):
        w.show()
    (folder / "card.json").write_text(json.dumps({"name": "别人", "id_no": c.id_no}), encoding="utf-8")
    with qtbot.waitSignal(w.candidate_shown, timeout=10000) as sig:
        pass  # the reader is polled by the desk
    assert sig.args == [c.ticket_no]
    assert "证件姓名「别人」与名册不符" in w.banner.text()
    w.stop_camera()


def test_cutoff_prompt_and_absent_marking(qtbot, demo, setup, desk):
    assert "09:30 起不得入场" in desk.cutoff_label.text()
    setup["clock"].t = START + _dt.timedelta(minutes=31)
    desk.refresh_counts()
    qtbot.waitUntil(lambda: "尚有 40 人未到：按 F10 记缺考" in desk.cutoff_label.text(), timeout=10000)
    asked = []
    desk.confirm = lambda title, text: asked.append(text) or True
    qtbot.keyClick(desk.scan, Qt.Key_F10)
    # counts refreshed by the timer may arrive first; wait for the ones after the marking
    qtbot.waitUntil(lambda: desk.counts.item(1, 3) is not None and
                    [desk.counts.item(i, 3).text() for i in range(2)] == ["20", "20"], timeout=10000)
    assert asked and "记为缺考" in asked[0]
    assert "已记缺考 40 名" in desk.banner.text()
    assert len(journal(demo, "checkin.absent")[0][1]["tickets"]) == 40


def test_workplace_tabs_seat_and_print(qtbot, demo, setup, tmp_path, demo_login):
    import subprocess

    from app.ui import workplaces

    area = workplaces.factory("checkin")(setup["staff"], None)
    qtbot.addWidget(area)
    assert area.count() == 2 and area.printing is not None
    panel = area.printing
    panel.room.setCurrentIndex(panel.room.findData("第1考场"))
    panel.rows.setValue(4)
    panel.cols.setValue(5)
    panel.confirm = lambda *_: True
    with qtbot.waitSignal(panel.seated, timeout=10000) as sig:
        qtbot.mouseClick(panel.seat_button, Qt.LeftButton)
    assert sig.args == [20]
    for kind in ("chart", "tickets", "signin"):
        out = tmp_path / f"{kind}.pdf"
        panel.ask_path = lambda suggested, out=out: str(out)
        with qtbot.waitSignal(panel.written, timeout=20000):
            qtbot.mouseClick(panel.buttons[kind], Qt.LeftButton)
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert {"chart": "座位表", "tickets": "准考证", "signin": "考生签到表"}[kind] in text
    assert "DG26040001" in text or "DG26040002" in text
    # a new session from the panel reaches the desk's list
    from PySide6.QtCore import QDateTime

    panel.session_name.setText("操作技能考核")
    panel.subject.setCurrentIndex(panel.subject.findData("practical"))
    panel.starts.setDateTime(QDateTime(2026, 11, 23, 14, 0, 0))
    qtbot.mouseClick(panel.session_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: area.desk.session_combo.count() == 2, timeout=10000)
    [made] = [s for s in CheckinService(setup["admin"]).sessions() if s.name == "操作技能考核"]
    assert made.starts_at == _dt.datetime(2026, 11, 23, 6, 0, tzinfo=UTC) and made.subject == "practical"
    # a room head works the desk and sees what the desk reported, but does not print or seat
    c = setup["cands"][0]
    from app.services.roster import RosterService

    photo = RosterService(setup["admin"]).photo(c.ticket_no)
    CheckinService(setup["staff"]).report_mismatch(setup["sid"], c.ticket_no, photo=photo)
    head = workplaces.factory("checkin")(demo_login("kaochang"), None)
    qtbot.addWidget(head)
    assert head.printing is None and head.incidents is not None and head.count() == 2
    with qtbot.waitSignal(head.incidents.loaded, timeout=10000) as sig:
        head.setCurrentWidget(head.incidents)
        head.show()
    assert sig.args == [1] and head.incidents.table.item(0, 2).text() == c.ticket_no
    assert "冒名顶替" in head.incidents.table.item(0, 4).text()
    with qtbot.waitSignal(head.incidents.photos_shown, timeout=10000):
        head.incidents.table.setCurrentCell(0, 0)
    assert not head.incidents.door_photo.pixmap().isNull() and not head.incidents.roster_photo.pixmap().isNull()
    area.desk.stop_camera()
    head.desk.stop_camera()


def test_a_session_of_another_day_is_flagged_at_the_desk(qtbot, demo, setup, desk):
    """Issue 19 item 7: check-in warns when the chosen session is not today (site time)."""
    assert "不是今天" not in desk.cutoff_label.text()
    setup["clock"].t = START - _dt.timedelta(days=1)
    desk.refresh_counts()
    qtbot.waitUntil(lambda: "不是今天" in desk.cutoff_label.text(), timeout=10000)
    assert f"{sitetime.local(START):%m月%d日}" in desk.cutoff_label.text()
