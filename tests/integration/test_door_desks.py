"""Two door desks (检录台) against a real master link on TLS loopback (issue 17, first slice).

The rule the desks keep, from the seeds (rules-digest.md §7.1):
  "职工**凭准考证和身份证**进入考场" (Nanxun) [003 L48] -- one admission per candidate, by
  ticket and ID card;
  "由他人冒名顶替参加评价或替他人参加评价的" → void + 2/5-year ban [002 L1679] -- so a second
  admission of the same ticket is never merged silently: refused, or flagged for the room head.
"""

from __future__ import annotations

import datetime as _dt
import json

import pytest
from sqlalchemy import func, select

from app.core import stations as st
from app.core.errors import DomainError
from app.net.master import MasterLink
from app.net.station import DeskRefused, DoorDesk
from app.net.terminal import TerminalNode
from app.services.checkin import CheckinService
from app.services.demo import DEMO_PLAN
from app.services.net import NetService
from app.services.stations import StationService
from app.store import models
from app.store.checkin_tables import Checkin, DoorIncident
from app.store.keys import TEST_KDF
from app.store.net_tables import ReceivedRecord
from app.store.station_tables import StationCandidate
from tests.station_support import enroll_station, wait_for

DESK_PASS = "door-desk-pass-1"


@pytest.fixture
def master(demo, request):
    link = MasterLink(demo, writer=getattr(request, "param", "thread")).start()
    yield link
    link.stop()


@pytest.fixture
def session_id(demo_login):
    start = _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(hours=1)
    return CheckinService(demo_login("admin")).create_session(DEMO_PLAN, "理论知识考试", "theory", start, 30)


def enroll_desk(tmp_path, master, admin_ctx, name, room=""):
    node, machine_id = enroll_station(tmp_path, master, admin_ctx, name, st.DOOR_DESK, room, DESK_PASS)
    node.close()
    return machine_id


@pytest.fixture
def desks(tmp_path, master, demo_login, session_id):
    admin = demo_login("admin")
    ids = [enroll_desk(tmp_path, master, admin, f"desk{i}") for i in (1, 2)]
    svc = StationService(admin)
    for mid in ids:
        assert svc.provision_door_desk(mid, session_id) == 40
    opened = [DoorDesk.open(tmp_path / f"desk{i}", DESK_PASS) for i in (1, 2)]
    for d in opened:
        d.node.start()
    assert wait_for(lambda: all(d.status()["candidates"] == 40 and d.node.online for d in opened))
    yield opened
    for d in opened:
        d.close()


def door_jpeg(marker: bytes) -> bytes:
    """A real JPEG (as a desk camera gives) carrying a marker in a comment segment."""
    import cv2
    import numpy as np

    ok, buf = cv2.imencode(".jpg", np.full((48, 64, 3), 128, np.uint8))
    jpeg = buf.tobytes()
    return jpeg[:2] + b"\xff\xfe" + (len(marker) + 2).to_bytes(2, "big") + marker + jpeg[2:]


def tickets(demo):
    with demo.store.read() as s:
        return list(s.scalars(select(models.Candidate.ticket_no).order_by(models.Candidate.ticket_no)))


def master_checkins(demo, session_id):
    with demo.store.read() as s:
        return sorted((t, by) for t, by in s.execute(
            select(models.Candidate.ticket_no, Checkin.by_username).join(Checkin, Checkin.candidate_id == models.Candidate.id)
            .where(Checkin.session_id == session_id, Checkin.undone_at.is_(None))))


def door_records(demo):
    with demo.store.read() as s:
        return list(s.execute(select(ReceivedRecord.machine_id, ReceivedRecord.seq)
                              .where(ReceivedRecord.kind == st.DOOR_CHECKIN)))


def journal(demo, action):
    with demo.store.read() as s:
        return [(e.subject, json.loads(e.payload)) for e in
                s.query(models.JournalEntry).filter_by(action=action).order_by(models.JournalEntry.seq)]


def test_station_kind_is_shown_and_the_slice_is_the_sessions_roster(demo, demo_login, desks):
    machines = {m.machine_id: m.kind for m in NetService(demo_login("admin")).machines()}
    assert set(machines.values()) == {st.DOOR_DESK}
    views = StationService(demo_login("admin")).stations()
    assert [(v.kind_name, v.candidates) for v in views] == [("检录台", 40), ("检录台", 40)]
    status = desks[0].status()
    assert status["kind"] == st.DOOR_DESK and status["online"]
    # the roster slice, with photos, and nothing of the site beyond it
    with desks[0].node.store.read() as s:
        assert s.scalar(select(func.count()).select_from(StationCandidate).where(StationCandidate.photo.is_not(None))) == 40
        assert s.scalar(select(func.count()).select_from(models.Candidate)) == 0
        assert s.scalar(select(func.count()).select_from(models.Staff)) == 0


def test_checkins_at_both_desks_reach_the_master_once_each(demo, desks, session_id):
    """凭准考证和身份证进入考场 [003 L48]: each candidate admitted once, by the desk that did it."""
    t = tickets(demo)
    d1, d2 = desks
    for x in t[:5]:
        assert d1.check_in(x).state == st.ADMITTED
    for x in t[5:10]:
        assert d2.check_in(x).state == st.ADMITTED
    expected = sorted([(x, f"machine:{d1.node.machine_id}") for x in t[:5]]
                      + [(x, f"machine:{d2.node.machine_id}") for x in t[5:10]])
    assert master_checkins(demo, session_id) == expected
    records = door_records(demo)
    assert len(records) == len(set(records)) == 10


@pytest.mark.parametrize("master", ["thread", "process"], indirect=True)  # the link's writer as deployed too
def test_same_candidate_refused_at_the_other_desk_while_the_link_is_up(demo, master, desks, session_id):
    """由他人冒名顶替参加评价…的 [002 L1679]: a ticket already admitted at one door is refused at
    the other, by the master's code (not its words), and the refusal is journaled."""
    x = tickets(demo)[0]
    d1, d2 = desks
    assert d1.check_in(x).state == st.ADMITTED
    with pytest.raises(DeskRefused) as refused:
        d2.check_in(x)
    assert refused.value.code == st.ALREADY
    # and the desk itself now knows: asked again, it refuses without waiting for the master
    with pytest.raises(DeskRefused) as again:
        d2.check_in(x, wait=0)
    assert again.value.code == st.ALREADY
    with pytest.raises(DeskRefused):
        d1.check_in(x)  # the same desk twice
    assert master_checkins(demo, session_id) == [(x, f"machine:{d1.node.machine_id}")]
    assert [p["rule"] for s, p in journal(demo, "checkin.refused") if s == x] == ["already"]
    with demo.store.read() as s:
        assert s.scalar(select(func.count()).select_from(DoorIncident)) == 0


def test_double_checkin_while_cut_off_is_flagged_never_merged(demo, demo_login, desks, session_id):
    """Both desks keep working from their replica when the link is cut; the master then holds
    one admission and an incident for the room head naming both desks and times."""
    x = tickets(demo)[1]
    d1, d2 = desks
    for d in desks:
        d.node.client.fault = True
    assert wait_for(lambda: not d1.node.online and not d2.node.online)
    r1 = d1.check_in(x, photo=door_jpeg(b"desk-one"))
    r2 = d2.check_in(x, photo=door_jpeg(b"desk-two"))
    assert (r1.state, r2.state) == ("admitted_local", "admitted_local")
    assert master_checkins(demo, session_id) == []
    for d in desks:
        d.node.client.fault = False
    assert wait_for(lambda: len(door_records(demo)) == 2 and all(r.verdict != "pending"
                                                                  for d in desks for r in d.check_ins()))
    assert len(master_checkins(demo, session_id)) == 1
    verdicts = sorted(r.verdict for d in desks for r in d.check_ins())
    assert verdicts == [st.ADMITTED, st.FLAGGED]
    incidents = CheckinService(demo_login("kaochang")).incidents(session_id)
    assert [(i.ticket_no, i.kind, i.status) for i in incidents] == [(x, "double_checkin", "open")]
    note = incidents[0].note
    assert "desk1" in note and "desk2" in note
    from app.core.sitetime import local
    assert f"{local(r1.at):%H:%M:%S}" in note and f"{local(r2.at):%H:%M:%S}" in note
    # both photos: the second desk's on the incident, the first's on the admission it names
    [(_, flagged)] = journal(demo, "checkin.station_flagged")
    room_head = CheckinService(demo_login("kaochang"))
    photos = {room_head.door_photo(incidents[0].photo_id), room_head.door_photo(flagged["first_photo_id"])}
    assert {b"desk-one" in p for p in photos} == {True, False} and any(b"desk-two" in p for p in photos)


def test_a_desk_closed_and_reopened_loses_nothing_it_acknowledged(demo, tmp_path, desks, session_id):
    t = tickets(demo)
    d1, _ = desks
    d1.node.client.fault = True
    assert wait_for(lambda: not d1.node.online)
    done = [d1.check_in(x).seq for x in t[20:25]]
    d1.close()
    again = DoorDesk.open(tmp_path / "desk1", DESK_PASS)
    try:
        assert again.status()["candidates"] == 40  # the replica is enough to work without the master
        assert [r.seq for r in again.check_ins()] == done
        again.node.start()
        assert wait_for(lambda: len(door_records(demo)) == 5)
        assert [x for x, _ in master_checkins(demo, session_id)] == t[20:25]
        with pytest.raises(DomainError):
            again.check_in(t[20])
    finally:
        again.close()
    desks[0] = DoorDesk.open(tmp_path / "desk1", DESK_PASS)  # the fixture closes it


def test_a_desk_killed_mid_stream_loses_nothing_it_acknowledged(demo, tmp_path, desks, session_id):
    """A desk process SIGKILLed while checking candidates in: every check-in it acknowledged
    (and any it made durable after) reaches the master exactly once when it is started again."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    t = tickets(demo)[10:30]
    desks[1].close()  # desk2's folder is driven by the child process now
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen([sys.executable, "-m", "tests.integration.door_desk_child", str(tmp_path / "desk2"),
                              DESK_PASS, *t], cwd=root, env=env, stdout=subprocess.PIPE, text=True)
    acked: list[str] = []
    try:
        assert child.stdout.readline().strip() == "READY"
        while len(acked) < 6:
            line = child.stdout.readline()
            assert line, "the desk process ended early"
            if line.startswith("ACK"):
                acked.append(line.split()[2])
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    again = DoorDesk.open(tmp_path / "desk2", DESK_PASS)
    desks[1] = again
    made = [r.ticket_no for r in again.check_ins()]
    assert set(acked) <= set(made)
    again.node.start()
    assert wait_for(lambda: len(door_records(demo)) == len(made))
    held = [x for x, _ in master_checkins(demo, session_id)]
    assert sorted(held) == sorted(made) and len(held) == len(set(held))
    assert set(acked) <= set(held)


def test_a_checkin_the_master_did_not_answer_is_never_admitted_twice(demo, desks, session_id):
    """Link up but no answer (the sender stalled): the desk does not say done; asked again
    once cut off, it admits from the replica; the master then holds one admission, the
    second record recognised as the same desk's retry -- not a second admission, not an
    incident."""
    from app.net.station import VerdictPending

    x = tickets(demo)[3]
    d1, _ = desks
    d1.node.stop()  # the sender stalls with the desk still believing the link is up
    with pytest.raises(VerdictPending):
        d1.check_in(x, wait=0.3)
    d1.node._online = False  # what the sender concludes when the next heartbeat fails
    assert d1.check_in(x).state == "admitted_local"
    with pytest.raises(DeskRefused):
        d1.check_in(x)  # admitted here already
    d1.node.start()
    assert wait_for(lambda: [r.verdict for r in d1.check_ins()] == [st.ADMITTED, st.SAME_DESK])
    assert master_checkins(demo, session_id) == [(x, f"machine:{d1.node.machine_id}")]
    with demo.store.read() as s:
        assert s.scalar(select(func.count()).select_from(DoorIncident)) == 0


def test_declared_kinds_enroll_but_only_a_door_desk_checks_in(demo, demo_login, tmp_path, master, session_id):
    admin = demo_login("admin")
    node = TerminalNode.create(tmp_path / "grader", DESK_PASS, TEST_KDF, machine="grader")
    try:
        code = node.request_enrollment(master.url, "评分站1")
        with pytest.raises(DomainError):
            StationService(admin).enroll(code, "coffee_machine")
        mid = StationService(admin).enroll(code, st.GRADER_STATION, "评分站1", "实操车间")
        assert node.complete_enrollment()
        assert [(v.machine_id, v.kind, v.room) for v in StationService(admin).stations()] == \
            [(mid, st.GRADER_STATION, "实操车间")]
        with pytest.raises(DomainError):
            StationService(admin).provision_door_desk(mid, session_id)  # not a door desk
        # a check-in record from a machine that is not a door desk is held but admits no one
        x = tickets(demo)[0]
        node.record(st.DOOR_CHECKIN, {"session_id": session_id, "ticket_no": x, "online": True,
                                      "at": _dt.datetime.now(_dt.timezone.utc).isoformat()})
        node.start()
        assert wait_for(lambda: node.acked == 1)
        assert master_checkins(demo, session_id) == []
        assert [s for s, _ in journal(demo, "station.record_ignored")] == [f"{mid}#1"]
    finally:
        node.close()
