"""Room consoles (监考台 / 考场负责人 of one room) against a real master link on TLS loopback
(issue 17): real console stores, real records, real Argon2 on the replicated hashes.

The rule the consoles keep, from the seeds (rules-digest.md §3.4, 违纪指引 第十六条 [002 L1758–1776]):
  "参评人员涉及本指引所列违纪违规行为的，经2名（含）以上工作人员签字报考场负责人确认" --
  two *different* staff sign, then the room head confirms; the room head is never one of the two.
"""

from __future__ import annotations

import datetime as _dt
import json

import pytest
from sqlalchemy import func, select

from app.core import misconduct as mc
from app.core import room_console as rcn
from app.core import stations as st
from app.core.errors import DomainError, PermissionDenied
from app.net.master import MasterLink
from app.net.room_console import ConsoleRefused, RoomConsole
from app.services.demo import DEMO_PLAN
from app.services.misconduct import MisconductService
from app.services.net import ProctorService
from app.services.room_consoles import RoomConsoleService
from app.store import models
from app.store import results_tables as rt
from app.store.net_tables import ReceivedRecord
from app.store.room_console_tables import ConsoleCandidate, ConsoleStaff
from tests.integration.test_no_hash_under_write_lock import watch  # noqa: F401 - a fixture
from tests.station_support import enroll_station, wait_for

CONSOLE_PASS = "room-console-pass-1"
ROOM1, ROOM2 = "第1考场", "第2考场"
PROCTOR_PW = "Demo-jiankao-2026"
HEAD_PW = "Demo-kaochang-2026"
FACTS = "09:40 监考发现考生使用手机查看答案，当场收缴"


@pytest.fixture
def master(demo):
    link = MasterLink(demo).start()
    yield link
    link.stop()


def enroll(tmp_path, master, admin_ctx, name, kind, room=""):
    return enroll_station(tmp_path, master, admin_ctx, name, kind, room, CONSOLE_PASS)


def room_tickets(demo, room):
    with demo.store.read() as s:
        return list(s.scalars(select(models.Candidate.ticket_no).where(models.Candidate.room == room)
                              .order_by(models.Candidate.ticket_no)))


@pytest.fixture
def setup(tmp_path, master, demo, demo_login):
    """Two terminals (one serving room 1), a console for room 1 (and one more for room 1, cold)."""
    admin = demo_login("admin")
    t1, t1_id = enroll(tmp_path, master, admin, "terminal-a", st.TERMINAL)
    t2, t2_id = enroll(tmp_path, master, admin, "terminal-b", st.TERMINAL)
    consoles = []
    for name in ("console1", "console1b"):
        node, mid = enroll(tmp_path, master, admin, name, st.ROOM_CONSOLE, ROOM1)
        node.close()
        consoles.append(mid)
    counts = RoomConsoleService(admin).provision_room_console(consoles[0], DEMO_PLAN, terminals=[t1_id])
    assert counts == {"candidates": 20, "staff": 3, "terminals": 1}
    c1 = RoomConsole.open(tmp_path / "console1", CONSOLE_PASS)
    c1.node.start()
    assert wait_for(lambda: c1.status()["candidates"] == 20 and c1.node.online)
    yield {"admin": admin, "console": c1, "ids": consoles, "terminals": (t1, t1_id, t2, t2_id), "tmp": tmp_path}
    c1.close()
    t1.close()
    t2.close()


def master_findings(demo_login):
    return MisconductService(demo_login("admin")).findings(DEMO_PLAN)


def console_records(demo, kind=None):
    with demo.store.read() as s:
        q = select(ReceivedRecord.machine_id, ReceivedRecord.seq).where(ReceivedRecord.kind.in_(rcn.RECORD_KINDS))
        if kind:
            q = q.where(ReceivedRecord.kind == kind)
        return list(s.execute(q))


def journal(demo, action):
    with demo.store.read() as s:
        return [(e.subject, json.loads(e.payload)) for e in
                s.query(models.JournalEntry).filter_by(action=action).order_by(models.JournalEntry.seq)]


def test_only_the_rooms_data_reaches_the_console(demo, demo_login, master, setup):
    c1 = setup["console"]
    t1, t1_id, t2, t2_id = setup["terminals"]
    status = c1.status()
    assert (status["kind"], status["room"], status["plan_no"]) == (st.ROOM_CONSOLE, ROOM1, DEMO_PLAN)
    # the room's candidates, nothing of the other room, nothing of the site beyond
    assert [c.ticket_no for c in c1.candidates()] == room_tickets(demo, ROOM1)
    with c1.node.store.read() as s:
        assert s.scalar(select(func.count()).select_from(models.Candidate)) == 0
        assert s.scalar(select(func.count()).select_from(models.Staff)) == 0
        assert not set(room_tickets(demo, ROOM2)) & set(s.scalars(select(ConsoleCandidate.ticket_no)))
        # the accounts of the room's proctors and room head: password hashes, not passwords
        staff = {x.username: x for x in s.scalars(select(ConsoleStaff))}
    assert set(staff) == {"jiankao1", "jiankao2", "kaochang"}
    assert staff["kaochang"].batch_roles == ["room_head"] and staff["kaochang"].password_hash.startswith("argon2id$")
    assert [t["machine_id"] for t in c1.terminals()] == [t1_id]
    # the room's terminal state and incidents follow, when they change; the other room's never
    room1, room2 = room_tickets(demo, ROOM1)[0], room_tickets(demo, ROOM2)[0]
    proctor = ProctorService(demo_login("jiankao1"))
    proctor.record_incident("考生举手报告终端黑屏，已换机", candidate=room1, room=ROOM1)
    proctor.record_incident("第2考场空调故障", candidate=room2, room=ROOM2)
    t1.set_status(candidate=room1)
    t1.start()
    t2.set_status(candidate=room2)
    t2.start()
    assert wait_for(lambda: t1.online and t2.online)
    assert RoomConsoleService(demo_login("jiankao1")).send_boards() >= 1
    assert wait_for(lambda: [t["online"] for t in c1.terminals()] == [True])
    [term] = c1.terminals()
    assert (term["candidate"], term["machine_id"]) == (room1, t1_id)
    assert [i["text"] for i in c1.incidents()] == ["考生举手报告终端黑屏，已换机"]
    # nothing changed: nothing is sent again
    assert RoomConsoleService(demo_login("jiankao1")).send_boards() == 0
    # the link process looks every few seconds and sends what changed
    from app.services.link_host import _RoomBoards

    proctor.record_incident("考生申请如厕，监考陪同", candidate=room1, room=ROOM1)
    _RoomBoards(demo, master).tick()
    assert wait_for(lambda: len(c1.incidents()) == 2)


def test_two_proctors_sign_the_room_head_confirms_the_master_holds_it_once(demo, demo_login, setup):
    """第十六条: 经2名（含）以上工作人员签字报考场负责人确认 -- on the console, streamed to the master."""
    c1 = setup["console"]
    ticket = room_tickets(demo, ROOM1)[3]
    ref = c1.open_finding("jiankao1", PROCTOR_PW, ticket, 6, 1, FACTS)
    assert c1.sign(ref, "jiankao1", PROCTOR_PW) == 1
    with pytest.raises(ConsoleRefused) as twice:
        c1.sign(ref, "jiankao1", PROCTOR_PW)
    assert twice.value.code == mc.SIGNED_TWICE
    with pytest.raises(ConsoleRefused) as early:
        c1.confirm(ref, "kaochang", HEAD_PW)
    assert early.value.code == mc.TOO_FEW_WITNESSES
    with pytest.raises(PermissionDenied):
        c1.sign(ref, "jiankao2", "wrong-password")
    assert c1.sign(ref, "jiankao2", PROCTOR_PW) == 2
    c1.confirm(ref, "kaochang", HEAD_PW)
    assert c1.wait_answered(20)
    [f] = master_findings(demo_login)
    assert (f.ticket_no, f.status, f.witnesses, f.confirmed_by) == (ticket, "confirmed", ("赵敏", "孙浩"), "周建国")
    assert f.penalty["proposed"] and f.penalty["tier"] == "B"
    assert len(console_records(demo)) == len(set(console_records(demo))) == 4
    # the console hears the master's view back: the finding under its own name, with the master's number
    assert wait_for(lambda: [(x.ref, x.master_id, x.status) for x in c1.findings()] == [(ref, f.id, "confirmed")])
    assert [(x.kind, x.username, x.verdict) for x in c1.signatures(ref)] == [
        ("witness", "jiankao1", rcn.HELD), ("witness", "jiankao2", rcn.HELD), ("confirm", "kaochang", rcn.HELD)]
    opened = [p for _, p in journal(demo, "misconduct.open")]
    assert opened[-1]["origin"]["console"] == c1.node.machine_id


def test_the_room_head_is_never_a_witness_on_the_console_nor_on_the_master(demo, demo_login, setup):
    """第十六条: the 考场负责人 confirms; he is never one of the two staff who sign."""
    c1 = setup["console"]
    ref = c1.open_finding("jiankao1", PROCTOR_PW, room_tickets(demo, ROOM1)[4], 6, 1, FACTS)
    with pytest.raises(ConsoleRefused) as refused:
        c1.sign(ref, "kaochang", HEAD_PW)
    assert refused.value.code == mc.ROOM_HEAD_WITNESS
    assert c1.wait_answered(20)
    # a console that skipped its own check (an old build, a forged screen): the master refuses by the same rule
    seq = c1.node.record(rcn.FINDING_SIGNED, {"ref": ref, "by": "kaochang",
                                              "at": _dt.datetime.now(_dt.timezone.utc).isoformat()}).header.seq
    assert wait_for(lambda: any(v == mc.ROOM_HEAD_WITNESS for v in verdicts(c1, seq)))
    [f] = master_findings(demo_login)
    assert f.witnesses == () and f.status == "draft"
    assert [p["code"] for _, p in journal(demo, "misconduct.console_refused")] == [mc.ROOM_HEAD_WITNESS]


def test_a_console_records_findings_of_its_own_room_only(demo, demo_login, setup):
    """A record naming a candidate of another room (a forged or stale console) opens nothing:
    the console hears ``invalid`` and cannot sign it."""
    c1 = setup["console"]
    other = room_tickets(demo, ROOM2)[0]
    with pytest.raises(DomainError):
        c1.open_finding("jiankao1", PROCTOR_PW, other, 6, 1, FACTS)  # not in this console's roster
    now = _dt.datetime.now(_dt.timezone.utc).isoformat()
    seq = c1.node.record(rcn.FINDING_OPENED, {"ref": "forged-1", "by": "jiankao1", "at": now, "ticket_no": other,
                                              "subject": "theory", "article": 6, "item": 1, "facts": FACTS}).header.seq
    assert wait_for(lambda: verdicts(c1, seq) == [rcn.INVALID])
    assert master_findings(demo_login) == []
    assert [s for s, _ in journal(demo, "misconduct.console_invalid")] == ["forged-1"]


def verdicts(console, seq):
    return [r.payload["verdict"] for r in console.node.commands() if r.header.kind == rcn.VERDICT
            and r.payload["seq"] == seq]


def test_a_finding_confirmed_on_two_consoles_the_second_is_refused_with_its_code(demo, demo_login, setup):
    c1 = setup["console"]
    other = setup["ids"][1]
    RoomConsoleService(setup["admin"]).provision_room_console(other, DEMO_PLAN)
    c2 = RoomConsole.open(setup["tmp"] / "console1b", CONSOLE_PASS)
    try:
        c2.node.start()
        ref = c1.open_finding("jiankao1", PROCTOR_PW, room_tickets(demo, ROOM1)[5], 6, 2, FACTS)
        c1.sign(ref, "jiankao1", PROCTOR_PW)
        c1.sign(ref, "jiankao2", PROCTOR_PW)
        assert c1.wait_answered(20)
        # the other console of the room hears the signed finding from the master
        assert wait_for(lambda: [(x.ref, x.status) for x in c2.findings()] == [(ref, "signed")])
        for c in (c1, c2):  # both cut off: each room head's screen confirms
            c.node.client.fault = True
        assert wait_for(lambda: not c1.node.online and not c2.node.online)
        c1.confirm(ref, "kaochang", HEAD_PW)
        c2.confirm(ref, "kaochang", HEAD_PW)
        c1.node.client.fault = False
        assert c1.wait_answered(20)
        c2.node.client.fault = False
        assert c2.wait_answered(20)
        [mine] = [x for x in c2.signatures(ref) if x.kind == "confirm" and x.seq is not None]
        assert mine.verdict == mc.ALREADY_CONFIRMED
        [f] = master_findings(demo_login)
        assert f.status == "confirmed" and f.confirmed_by == "周建国"
        with demo.store.read() as s:
            assert s.scalar(select(func.count()).select_from(rt.FindingSignature)
                            .where(rt.FindingSignature.kind == "confirm")) == 1
    finally:
        c2.close()


def test_cut_link_then_reconnect_delivers_each_record_once(demo, demo_login, setup):
    c1 = setup["console"]
    c1.node.client.fault = True
    assert wait_for(lambda: not c1.node.online)
    tickets = room_tickets(demo, ROOM1)
    refs = [c1.open_finding("jiankao1", PROCTOR_PW, tickets[i], 6, 1, FACTS) for i in (7, 8)]
    for ref in refs:
        c1.sign(ref, "jiankao1", PROCTOR_PW)
        c1.sign(ref, "jiankao2", PROCTOR_PW)
        c1.confirm(ref, "kaochang", HEAD_PW)
    assert master_findings(demo_login) == []
    # closed and reopened while cut off: durable before the screen said saved
    c1.close()
    again = RoomConsole.open(setup["tmp"] / "console1", CONSOLE_PASS)
    setup["console"] = again
    assert [f.status for f in again.findings()] == ["confirmed", "confirmed"]
    again.node.start()
    assert again.wait_answered(20)
    assert len(console_records(demo)) == len(set(console_records(demo))) == 8
    found = master_findings(demo_login)
    assert sorted(f.ticket_no for f in found) == [tickets[7], tickets[8]]
    assert all(f.status == "confirmed" and len(f.witnesses) == 2 for f in found)
    again.close()


def test_the_room_record_reports_the_finding_recorded_on_the_console(demo, demo_login, setup, tmp_path):
    """考场情况记录单: the master's record of each room includes what that room's console recorded."""
    from app.services.official_tables import TablesService
    from app.formats.xlsx import read_workbook

    c1 = setup["console"]
    ticket = room_tickets(demo, ROOM1)[9]
    ref = c1.open_finding("jiankao2", PROCTOR_PW, ticket, 6, 1, FACTS)
    c1.sign(ref, "jiankao1", PROCTOR_PW)
    c1.sign(ref, "jiankao2", PROCTOR_PW)
    c1.confirm(ref, "kaochang", HEAD_PW)
    assert c1.wait_answered(20)
    xlsx, _ = TablesService(demo_login("admin")).room_records(tmp_path / "考场情况记录单", DEMO_PLAN)
    rows = read_workbook(xlsx)
    flat = [[str(v or "") for v in r] for sheet in rows.values() for r in sheet]
    mine = [r for r in flat if r and r[0] == ROOM1 and ticket in "".join(r)]
    assert mine and "第六条（一）" in "".join(mine[0])
    assert not [r for r in flat if r and r[0] == ROOM2 and ticket in "".join(r)]


def test_provisioning_refuses_what_is_not_a_room_console(demo, demo_login, setup):
    admin = setup["admin"]
    t1, t1_id, _, _ = setup["terminals"]
    with pytest.raises(DomainError):
        RoomConsoleService(admin).provision_room_console(t1_id, DEMO_PLAN)  # a terminal, not a station
    with pytest.raises(DomainError):
        RoomConsoleService(admin).provision_room_console(setup["ids"][0], DEMO_PLAN, staff=["kaoping1"])
    with pytest.raises(PermissionDenied):
        RoomConsoleService(demo_login("jiankao1")).provision_room_console(setup["ids"][0], DEMO_PLAN)


def test_passwords_are_checked_before_the_consoles_write_lock(demo, setup, watch):
    """Nothing slow under the write lock (DEVELOPERS.md): each signature's Argon2 runs before the
    console's transaction opens, a wrong password included."""
    c1 = setup["console"]
    with watch.on():
        ref = c1.open_finding("jiankao1", PROCTOR_PW, room_tickets(demo, ROOM1)[11], 6, 1, FACTS)
        c1.sign(ref, "jiankao1", PROCTOR_PW)
        with pytest.raises(PermissionDenied):
            c1.sign(ref, "jiankao2", "Not-the-password-1")
        c1.sign(ref, "jiankao2", PROCTOR_PW)
        c1.confirm(ref, "kaochang", HEAD_PW)
    assert len(watch.hashes) >= 5 and watch.under_lock() == []


def test_a_console_killed_mid_stream_loses_nothing_it_acknowledged(demo, demo_login, setup):
    """A console process SIGKILLed while its proctors sign: every step it acknowledged (and any it
    made durable after) reaches the master exactly once when it is started again."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    tickets = room_tickets(demo, ROOM1)[12:18]
    setup["console"].close()  # the folder is driven by the child process now
    env = {**os.environ, "PYTHONPATH": str(root)}
    child = subprocess.Popen([sys.executable, "-m", "tests.integration.room_console_child",
                              str(setup["tmp"] / "console1"), CONSOLE_PASS, *tickets], cwd=root, env=env,
                             stdout=subprocess.PIPE, text=True)
    acked: list[tuple[str, str]] = []
    try:
        assert child.stdout.readline().strip() == "READY"
        while len(acked) < 9:
            line = child.stdout.readline()
            assert line, "the console process ended early"
            if line.startswith("ACK"):
                acked.append(tuple(line.split()[1:3]))
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    again = RoomConsole.open(setup["tmp"] / "console1", CONSOLE_PASS)
    setup["console"] = again
    made = {f.ref: f for f in again.findings()}
    assert {ref for ref, _ in acked} <= set(made)
    again.node.start()
    assert again.wait_answered(30)
    records = console_records(demo)
    assert len(records) == len(set(records)) == again.node.last_seq()  # every record it made, once
    held = {f.ticket_no: f for f in master_findings(demo_login)}
    assert sorted(held) == sorted(f.ticket_no for f in made.values())
    for ref, f in made.items():  # the master holds each step the console made, once
        mine = [x for x in again.signatures(ref) if x.seq is not None]
        master = held[f.ticket_no]
        assert len(master.witnesses) == sum(1 for x in mine if x.kind == "witness")
        assert (master.confirmed_by is not None) == any(x.kind == "confirm" for x in mine)
    confirmed = {ref for ref, step in acked if step == "confirmed"}
    assert confirmed and all(held[made[r].ticket_no].status == "confirmed" for r in confirmed)
