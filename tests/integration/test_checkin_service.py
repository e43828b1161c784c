"""The check-in desk against the real encrypted store (demo site: 40 candidates, 2 rooms)."""

from __future__ import annotations

import datetime as _dt
import json

import pytest

from app.core.errors import DomainError, ImportRejected, NotFound, PermissionDenied
from app.services.bans import BanService
from app.services.checkin import BanImportService, CheckinService, DoorRefused, Override, QRRefused
from app.services.demo import DEMO_PLAN
from app.store import models
from app.store.checkin_tables import Checkin, DoorPhoto

UTC = _dt.timezone.utc
START = _dt.datetime(2026, 11, 23, 1, 0, tzinfo=UTC)


class StepClock:
    def __init__(self, t):
        self.t = t

    def now(self):
        return self.t

    def advance(self, **kw):
        self.t += _dt.timedelta(**kw)


@pytest.fixture
def clock(demo):
    c = StepClock(START - _dt.timedelta(minutes=20))
    demo.clock = c
    return c


@pytest.fixture
def desk(demo, demo_login, clock):
    admin = CheckinService(demo_login("admin"))
    sid = admin.create_session(DEMO_PLAN, "理论知识考试", "theory", START, 30)
    svc = CheckinService(demo_login("kaowu"))
    svc.sid = sid
    svc.admin = admin
    return svc


MARKER = b"door-photo-marker-6f1c"


def door_jpeg(marker: bytes = MARKER) -> bytes:
    """A real JPEG (as the desk camera gives) carrying a marker in a comment segment."""
    import cv2
    import numpy as np

    ok, buf = cv2.imencode(".jpg", np.full((48, 64, 3), 128, np.uint8))
    jpeg = buf.tobytes()
    return jpeg[:2] + b"\xff\xfe" + (len(marker) + 2).to_bytes(2, "big") + marker + jpeg[2:]


def journal(demo, action):
    with demo.store.read() as s:
        return [(e.subject, json.loads(e.payload)) for e in
                s.query(models.JournalEntry).filter_by(action=action).order_by(models.JournalEntry.seq)]


def candidates(demo):
    with demo.store.read() as s:
        return s.query(models.Candidate).order_by(models.Candidate.ticket_no).all()


def test_lookup_by_qr_ticket_id_and_tail(demo, desk):
    c = candidates(demo)[3]
    code = desk.admin.ticket_code(c.ticket_no)
    found = desk.lookup(desk.sid, code)
    assert found.via == "qr" and [m.ticket_no for m in found.matches] == [c.ticket_no]
    card = found.matches[0]
    assert card.photo and card.photo[:2] == b"\xff\xd8" and card.refusal is None and card.room == c.room
    assert desk.lookup(desk.sid, c.ticket_no.lower()).via == "ticket_no"
    by_id = desk.lookup(desk.sid, c.id_no)
    assert by_id.via == "id_no" and by_id.matches[0].ticket_no == c.ticket_no
    tail = desk.lookup(desk.sid, c.id_no[-6:])
    assert tail.via == "id_tail" and c.ticket_no in [m.ticket_no for m in tail.matches]
    with pytest.raises(NotFound):
        desk.lookup(desk.sid, "NOPE0001")


def test_tail_shared_by_two_candidates_gives_a_choice_list(demo, desk):
    a, b = candidates(demo)[:2]
    with demo.store.write() as s:  # make b share a's last six digits (a fixture change, not a service one)
        row = s.get(models.Candidate, b.id)
        row.id_no = b.id_no[:12] + a.id_no[-6:]
    found = desk.lookup(desk.sid, a.id_no[-6:])
    assert sorted(m.ticket_no for m in found.matches) == sorted([a.ticket_no, b.ticket_no])


def test_forged_or_altered_qr_refused(demo, desk):
    c1, c2 = candidates(demo)[:2]
    code = desk.admin.ticket_code(c1.ticket_no)
    with pytest.raises(QRRefused, match="签名无效"):
        desk.lookup(desk.sid, code.replace(c1.ticket_no, c2.ticket_no))
    with pytest.raises(QRRefused, match="不是本考点"):
        desk.lookup(desk.sid, code.replace(f"|{demo.store.journal.key_id}|", "|0123456789abcdef|"))
    refused = journal(demo, "checkin.qr_refused")
    assert [(t, p["claimed_plan_no"]) for t, p in refused] == [(c2.ticket_no, DEMO_PLAN), (c1.ticket_no, DEMO_PLAN)]
    assert "签名无效" in refused[0][1]["reason"] and len(refused[0][1]["code_sha256"]) == 64


def test_check_in_then_second_check_in_refused_with_when_and_by_whom(demo, desk, clock):
    c = candidates(demo)[0]
    with pytest.raises(DomainError, match="不是有效的 JPEG"):
        desk.check_in(desk.sid, c.ticket_no, photo=b"\xff\xd8not-a-picture")
    res = desk.check_in(desk.sid, c.ticket_no, photo=door_jpeg())
    assert res.seat == c.seat and res.room == c.room
    clock.advance(minutes=2)
    other = CheckinService(desk.ctx.__class__(desk.ctx.store, desk.admin.ctx.actor, desk.ctx.clock))
    with pytest.raises(DoorRefused) as err:
        other.check_in(desk.sid, c.ticket_no)
    assert err.value.code == "already" and "李静（kaowu）" in str(err.value) and "08:40:00" in str(err.value)
    assert desk.lookup(desk.sid, c.ticket_no).matches[0].refusal.code == "already"
    assert [s for s, _ in journal(demo, "checkin.present")] == [c.ticket_no]
    assert journal(demo, "checkin.refused")[0][1]["rule"] == "already"
    with demo.store.read() as s:  # the photo is kept with the record, inside the encrypted store
        photo = s.query(DoorPhoto).one()
        assert photo.jpeg == door_jpeg()
        assert s.query(Checkin).one().photo_id == photo.id
    demo.store.journal.checkpoint_if_behind()
    on_disk = b"".join(p.read_bytes() for p in demo.site_dir.glob("site.db*"))  # the db and its WAL
    assert MARKER not in on_disk
    counts = {r.room: r for r in desk.counts(desk.sid)}
    assert counts[c.room].present == 1 and counts[c.room].expected == 20


def test_banned_candidate_stopped(demo, desk, demo_login):
    c = candidates(demo)[5]
    bans = BanService(demo_login("admin"))
    bans.add(c.id_no, "201", c.name, _dt.date(2025, 6, 1), _dt.date(2030, 5, 31), "替他人参加评价（违纪指引第七条）")
    assert bans.is_banned(c.id_no, _dt.date(2026, 11, 23)).reason.startswith("替他人")
    assert bans.is_banned(c.id_no, _dt.date(2030, 6, 1)) is None
    shown = desk.lookup(desk.sid, c.ticket_no).matches[0].refusal
    assert shown.code == "banned" and journal(demo, "checkin.refused") == []  # a lookup only reads
    assert desk.record_refusal(desk.sid, c.ticket_no) == shown  # the desk journals what it showed
    assert journal(demo, "checkin.refused") == [(c.ticket_no, {"session_id": desk.sid, "rule": "banned",
                                                               "stage": "lookup", "message": shown.message})]
    assert desk.record_refusal(desk.sid, candidates(demo)[6].ticket_no) is None
    with pytest.raises(DoorRefused, match="禁考名单") as err:
        desk.check_in(desk.sid, c.ticket_no)
    assert not err.value.overridable
    with pytest.raises(DoorRefused):  # not even a room head lets a banned person in
        desk.check_in(desk.sid, c.ticket_no, override=Override("kaochang", "Demo-kaochang-2026", "领导同意"))
    assert journal(demo, "checkin.present") == []
    with pytest.raises(PermissionDenied):
        BanService(demo_login("kaowu")).add(c.id_no, "201", c.name, _dt.date(2026, 1, 1), _dt.date(2027, 1, 1), "x")


def test_ban_import_all_or_nothing(demo, demo_login, tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "禁考名单"
    ws.append(["证件号码", "姓名", "原因", "开始日期", "结束日期"])
    ws.append(["410102199003071234", "张三", "冒名顶替", "2026-01-01", "2028-01-01"])
    ws.append(["410102199003075678", "李四", "", "2026-01-01", "2027-12-31"])
    wb.save(tmp_path / "bans.xlsx")
    svc = BanImportService(demo_login("admin"))
    with pytest.raises(ImportRejected, match="第 3 行「原因」列"):
        svc.import_file(tmp_path / "bans.xlsx")
    assert BanService(demo_login("admin")).list() == []
    ws["C3"] = "替考"
    wb.save(tmp_path / "bans.xlsx")
    assert svc.import_file(tmp_path / "bans.xlsx") == 2
    assert len(journal(demo, "ban.add")) == 2


def test_late_refused_unless_room_head_overrides(demo, desk, clock):
    c = candidates(demo)[7]
    clock.t = START + _dt.timedelta(minutes=31)
    with pytest.raises(DoorRefused, match="迟到") as err:
        desk.check_in(desk.sid, c.ticket_no)
    assert err.value.overridable
    with pytest.raises(PermissionDenied, match="密码错误"):
        desk.check_in(desk.sid, c.ticket_no, override=Override("kaochang", "wrong-password", "交通管制"))
    with pytest.raises(PermissionDenied, match="密码错误"):  # a staff member is not a room head
        desk.check_in(desk.sid, c.ticket_no, override=Override("kaowu", "Demo-kaowu-2026", "交通管制"))
    res = desk.check_in(desk.sid, c.ticket_no, override=Override("kaochang", "Demo-kaochang-2026", "交通管制，有证明"))
    assert res.override_by == "kaochang"
    assert journal(demo, "checkin.override")[0][1]["reason"] == "交通管制，有证明"
    assert len(journal(demo, "checkin.override_refused")) == 2


def test_mismatch_opens_incident_for_room_head(demo, desk, demo_login):
    c = candidates(demo)[9]
    iid = desk.report_mismatch(desk.sid, c.ticket_no, photo=door_jpeg(b"face"))
    head = CheckinService(demo_login("kaochang"))
    [inc] = head.incidents(desk.sid)
    assert (inc.id, inc.ticket_no, inc.kind, inc.reported_by) == (iid, c.ticket_no, "impersonation_suspected", "kaowu")
    assert "冒名顶替" in inc.note and head.door_photo(inc.photo_id) == door_jpeg(b"face")
    assert journal(demo, "checkin.present") == []  # the app never checks a mismatch in
    with pytest.raises(PermissionDenied):
        desk.incidents()


def test_undo_within_a_minute_only(demo, desk, clock):
    a, b = candidates(demo)[10:12]
    desk.check_in(desk.sid, a.ticket_no)
    clock.advance(seconds=50)
    assert desk.undo_last().ticket_no == a.ticket_no
    assert desk.lookup(desk.sid, a.ticket_no).matches[0].refusal is None  # may check in again
    desk.check_in(desk.sid, b.ticket_no)
    clock.advance(seconds=61)
    with pytest.raises(DomainError, match="不能撤销"):
        desk.undo_last()
    assert [s for s, _ in journal(demo, "checkin.undo")] == [a.ticket_no]


def test_absent_marked_at_cutoff_and_counters(demo, desk, clock):
    cs = candidates(demo)
    desk.check_in(desk.sid, cs[0].ticket_no)
    with pytest.raises(DomainError, match="未到"):
        desk.mark_absent(desk.sid)
    clock.t = START + _dt.timedelta(minutes=31)
    absent = desk.mark_absent(desk.sid)
    assert len(absent) == 39 and cs[0].ticket_no not in absent
    total = desk.counts(desk.sid)
    assert sum(r.present for r in total) == 1 and sum(r.absent for r in total) == 39
    assert sum(r.waiting for r in total) == 0
    with pytest.raises(DoorRefused):
        desk.check_in(desk.sid, cs[1].ticket_no)
    desk.check_in(desk.sid, cs[1].ticket_no, override=Override("kaochang", "Demo-kaochang-2026", "身体不适就医后返回"))
    total = desk.counts(desk.sid)
    assert sum(r.present for r in total) == 2 and sum(r.absent for r in total) == 38
    desk.undo_last()  # undoing the late entry puts the absence back
    total = desk.counts(desk.sid)
    assert sum(r.present for r in total) == 1 and sum(r.absent for r in total) == 39


def test_seats_random_seeded_stored_and_journaled(demo, desk):
    seats = desk.admin.assign_seats(DEMO_PLAN, "第1考场", rows=4, cols=6, mode="random", seed=99)
    assert len(seats) == 20 and len(set(seats.values())) == 20
    chart = desk.admin.seat_chart(DEMO_PLAN, "第1考场")
    assert chart.seed == 99 and {t for t, _ in chart.seats.values()} == set(seats)
    [(_, payload)] = journal(demo, "seats.assign")
    assert payload["seed"] == 99 and payload["seats"] == seats
    again = desk.admin.assign_seats(DEMO_PLAN, "第1考场", rows=4, cols=6, mode="random", seed=99)
    assert again == seats
    with pytest.raises(DomainError, match="座位只有 12 个"):
        desk.admin.assign_seats(DEMO_PLAN, "第1考场", rows=3, cols=4, mode="fixed")
    term = desk.admin.assign_seats(DEMO_PLAN, "第2考场", terminals=[f"PC-{i:02d}" for i in range(1, 21)], mode="fixed")
    assert sorted(term.values())[0] == "PC-01"
    desk.check_in(desk.sid, sorted(seats)[0])
    with pytest.raises(DomainError, match="已开始检录"):
        desk.admin.assign_seats(DEMO_PLAN, "第1考场", rows=4, cols=6)
    with pytest.raises(PermissionDenied):
        desk.assign_seats  # kaowu (staff) may manage; a proctor may not:
        CheckinService(desk.ctx.__class__(desk.ctx.store, _proctor(), desk.ctx.clock)).assign_seats(
            DEMO_PLAN, "第1考场", rows=4, cols=6)


def _proctor():
    from app.core.actor import Actor
    from app.core.roles import Role

    return Actor(3, "jiankao1", "赵敏", Role.PROCTOR)


def test_roles_enforced_on_desk(demo, desk):
    proctor = CheckinService(desk.ctx.__class__(desk.ctx.store, _proctor(), desk.ctx.clock))
    with pytest.raises(PermissionDenied):
        proctor.check_in(desk.sid, "DG26040001")
    with pytest.raises(PermissionDenied):
        proctor.lookup(desk.sid, "DG26040001")


def test_override_guesses_lock_the_room_head_out(demo, desk, clock):
    c = candidates(demo)[12]
    clock.t = START + _dt.timedelta(minutes=45)
    for _ in range(5):
        with pytest.raises(PermissionDenied, match="密码错误"):
            desk.check_in(desk.sid, c.ticket_no, override=Override("kaochang", "guess-1234", "理由理由"))
    with pytest.raises(PermissionDenied, match="已锁定"):  # even the right password, now
        desk.check_in(desk.sid, c.ticket_no, override=Override("kaochang", "Demo-kaochang-2026", "理由理由"))
    assert journal(demo, "auth.locked")[0][0] == "kaochang"


def test_two_desks_at_once_check_in_the_same_candidate_exactly_once(demo, desk, demo_login):
    import threading

    c = candidates(demo)[20]
    head = CheckinService(demo_login("kaochang"))
    outcomes, barrier = [], threading.Barrier(2)

    def go(svc):
        barrier.wait()
        try:
            svc.check_in(desk.sid, c.ticket_no)
            outcomes.append("in")
        except DoorRefused as exc:
            outcomes.append(exc.code)

    threads = [threading.Thread(target=go, args=(svc,)) for svc in (desk, head)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["already", "in"]
    with demo.store.read() as s:
        assert s.query(Checkin).filter_by(undone_at=None).count() == 1
    assert demo.store.journal.verify().ok


def test_the_store_itself_refuses_a_second_live_checkin(demo, desk):
    import sqlalchemy.exc

    c = candidates(demo)[21]
    desk.check_in(desk.sid, c.ticket_no)
    with pytest.raises(sqlalchemy.exc.IntegrityError):
        with demo.store.write() as s:
            s.add(Checkin(session_id=desk.sid, candidate_id=c.id, status="present", at=START, by_username="x",
                          by_name="x", seat=""))
