"""The site link on loopback inside one process: enrollment, pinned TLS, signed and
replay-safe requests, records applied once, answer packs, commands, the proctor service."""

from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from app.core import authcodes
from app.core import records as rec
from app.core.errors import DomainError, NotFound, PermissionDenied
from app.formats.answer_pack import PackRejected
from app.net import protocol, tls
from app.net.master import MasterLink
from app.net.terminal import Client, LinkError, TerminalNode
from app.services.net import NetService, ProctorService
from app.store.keys import TEST_KDF
from app.store.net_tables import ReceivedRecord

TERMINAL_PASS = "terminal-pass-1"


@pytest.fixture
def master(site):
    link = MasterLink(site).start()
    yield link
    link.stop()


def enroll(tmp_path, master, admin, name):
    node = TerminalNode.create(tmp_path / name, TERMINAL_PASS, TEST_KDF, machine=name)
    code = node.request_enrollment(master.url, name)
    assert node.complete_enrollment() is None  # pending until the operator types the code
    NetService(admin).grant(code.lower().replace("-", ""))
    confirm = node.complete_enrollment()
    assert confirm and len(confirm) == 6
    assert node.identity["master_fingerprint"] == master.fingerprint
    return node


@pytest.fixture
def terminals(tmp_path, master, admin):
    nodes = [enroll(tmp_path, master, admin, f"t{i}") for i in (1, 2)]
    yield nodes
    for n in nodes:
        n.close()


def held(store):
    with store.read() as s:
        return sorted((r.machine_id, r.seq, r.content_hash, json.dumps(r.payload, sort_keys=True))
                      for r in s.scalars(select(ReceivedRecord)))


def test_enroll_then_records_reach_the_master_once(master, terminals, admin):
    t1, t2 = terminals
    assert {t1.machine_id, t2.machine_id} == {"T001", "T002"}
    for i in range(5):
        t1.record("answer", {"q": i, "a": "A"})
    t2.record("answer", {"q": 0, "a": "对"})
    t1.start(), t2.start()
    for _ in range(100):
        if t1.acked == 5 and t2.acked == 1:
            break
        time.sleep(0.05)
    assert (t1.acked, t2.acked) == (5, 1) and t1.online
    # sending everything again changes nothing
    t1.stop()
    again = Client(master.url, master.fingerprint, t1._key, t1.machine_id)
    reply = again.post(protocol.API + "/records", {"records": [e.to_dict() for e in t1.outbox()]})
    assert reply == {"contiguous": 5, "missing": [], "new": 0, "duplicates": 5}
    svc = NetService(admin)
    assert [p for _, _, p in svc.received("T002")] == [{"q": 0, "a": "对"}]
    assert [m.records_held for m in svc.machines()] == [5, 1]


def test_one_terminal_cannot_send_anothers_records(master, terminals):
    t1, t2 = terminals
    env = t2.record("answer", {"q": 1})
    c = Client(master.url, master.fingerprint, t1._key, t1.machine_id)
    with pytest.raises(LinkError, match="422"):
        c.post(protocol.API + "/records", {"records": [env.to_dict()]})
    # nor sign requests in its name
    c2 = Client(master.url, master.fingerprint, t1._key, t2.machine_id)
    with pytest.raises(LinkError, match="401"):
        c2.post(protocol.API + "/heartbeat", {"status": {}})
    assert held(master.store) == []


def test_replayed_old_unsigned_and_unknown_requests_refused(master, terminals):
    t1, _ = terminals
    body = json.dumps({"status": {"candidate": "x"}}).encode()
    headers = protocol.sign_headers(t1._key, t1.machine_id, "POST", "/v1/heartbeat", body)

    def send(h, b=body):
        conn = tls.PinnedHTTPSConnection("127.0.0.1", master.port, master.fingerprint)
        conn.request("POST", "/v1/heartbeat", b, h)
        r = conn.getresponse()
        r.read()
        conn.close()
        return r.status

    assert send(headers) == 200
    assert send(headers) == 401  # the same nonce again
    old = protocol.sign_headers(t1._key, t1.machine_id, "POST", "/v1/heartbeat", body, now=time.time() - 600)
    assert send(old) == 401
    assert send({}) == 401
    fresh = protocol.sign_headers(t1._key, t1.machine_id, "POST", "/v1/heartbeat", body)
    assert send(fresh, b=body + b" ") == 401  # body changed after signing
    stranger = protocol.sign_headers(t1._key, "T999", "POST", "/v1/heartbeat", body)
    assert send(stranger) == 403


def test_pinned_certificate_mismatch_refuses_to_send(master, terminals):
    t1, _ = terminals
    c = Client(master.url, "0" * 64, t1._key, t1.machine_id)
    with pytest.raises(tls.PinMismatch):
        c.post(protocol.API + "/heartbeat", {"status": {}})


def test_grant_needs_the_right_code(tmp_path, master, admin):
    node = TerminalNode.create(tmp_path / "tx", TERMINAL_PASS, TEST_KDF)
    code = node.request_enrollment(master.url, "备用机")
    with pytest.raises(NotFound):
        NetService(admin).grant("ZZZZZ-ZZZZZ")
    assert [p.code for p in NetService(admin).pending_enrollments()] == [code]
    node.close()


def test_answer_packs_twice_in_any_order_give_the_same_state(tmp_path, site, admin, terminals):
    t1, t2 = terminals
    for i in range(4):
        t1.record("answer", {"q": i, "a": "B"})
    for i in range(3):
        t2.record("answer", {"q": i, "a": "C"})
    p1 = t1.write_pack(tmp_path / "t1.espack")
    p2 = t2.write_pack(tmp_path / "t2.espack")
    states = []
    for order in ([p1, p2, p1, p2], [p2, p1, p2, p1], [p1, p1, p2, p2]):
        with site.store.write() as s:  # a fresh master state for each order
            s.query(ReceivedRecord).delete()
            from app.store.net_tables import Machine
            for m in s.scalars(select(Machine)):
                m.contiguous_seq = 0
        results = [NetService(admin).import_pack(p) for p in order]
        assert sum(r.new for r in results) == 7 and sum(r.duplicates for r in results) == 7
        states.append(held(site.store))
    assert states[0] == states[1] == states[2] and len(states[0]) == 7


def test_a_damaged_or_foreign_pack_is_refused_whole(tmp_path, admin, terminals, site):
    t1, _ = terminals
    for i in range(3):
        t1.record("answer", {"q": i})
    p = t1.write_pack(tmp_path / "t1.espack")
    data = p.read_bytes()
    (tmp_path / "cut.espack").write_bytes(data[: len(data) // 2])
    with pytest.raises(PackRejected, match="截断"):
        NetService(admin).import_pack(tmp_path / "cut.espack")
    # a record altered inside a pack whose checksum was recomputed: the signature catches it
    lines = data.decode().split("\n")
    d = json.loads(lines[2])
    d["seq"] = 9
    from app.formats.answer_pack import write_pack
    write_pack(tmp_path / "forged.espack", site.store.site_id, "T001",
               [rec.Envelope.from_json(lines[1]), rec.Envelope.from_dict(d)])
    with pytest.raises(PackRejected, match="签名"):
        NetService(admin).import_pack(tmp_path / "forged.espack")
    assert held(site.store) == []


def test_gap_is_reported_and_filled(master, terminals):
    t1, _ = terminals
    envs = [t1.record("answer", {"q": i}) for i in range(5)]
    c = Client(master.url, master.fingerprint, t1._key, t1.machine_id)
    reply = c.post(protocol.API + "/records", {"records": [envs[0].to_dict(), envs[3].to_dict()]})
    assert reply["contiguous"] == 1 and reply["missing"] == [2, 3]
    t1.start()
    for _ in range(100):
        if t1.acked == 5:
            break
        time.sleep(0.05)
    assert [s for _, s, _, _ in held(master.store)] == [1, 2, 3, 4, 5]


def test_a_restarted_link_knows_each_terminals_gaps_before_its_first_heartbeat(master, terminals, site):
    """What the master holds from every terminal is read once when a link starts (one read for
    the room, not one per terminal in the start burst): a terminal whose records 1 and 4 arrived
    hears on its first heartbeat to a newly started link that 2 and 3 are missing."""
    from app.net import ingest

    t1, t2 = terminals
    envs = [t1.record("answer", {"q": i}) for i in range(4)]
    c = Client(master.url, master.fingerprint, t1._key, t1.machine_id)
    assert c.post(protocol.API + "/records", {"records": [envs[0].to_dict(), envs[3].to_dict()]})["missing"] == [2, 3]
    assert ingest.status_all(site.store) == {m: ingest.status_of(site.store, m) for m in (t1.machine_id, t2.machine_id)}
    again = MasterLink(site).start()          # a second link on the same store, as after a restart
    try:
        assert set(again._held) == {t1.machine_id, t2.machine_id}
        reply = Client(again.url, again.fingerprint, t1._key, t1.machine_id).post(protocol.API + "/heartbeat",
                                                                                   {"status": {}})
        assert (reply["contiguous"], reply["missing"]) == (1, [2, 3])
    finally:
        again.stop()


def test_a_command_written_before_a_push_is_in_the_next_heartbeat(master, terminals, site):
    """The heartbeats share one read of the commands' numbers; a push's group commit may write
    commands (a door desk's verdict), so it must not be hidden behind that shared read: the
    station that pushed pulls its answer on the heartbeat right after, not a heartbeat later."""
    import datetime as _dt

    from app.core.actor import Actor
    from app.net import ingest
    from app.services.base import ServiceContext

    t1, _ = terminals
    master.commands_index.ttl = 3600   # without the commit's refresh the shared read would stay as it is
    c = Client(master.url, master.fingerprint, t1._key, t1.machine_id)
    before = c.post(protocol.API + "/heartbeat", {"status": {}})["commands_upto"]
    office = ServiceContext(site.store, Actor(10, "kaowu", "考务", "staff", "m"))
    with office.unit_of_work() as uow:
        ingest.queue_command(uow, t1.machine_id, "room.start", {}, _dt.datetime.now(_dt.timezone.utc))
    assert c.post(protocol.API + "/heartbeat", {"status": {}})["commands_upto"] == before
    env = t1.record("answer", {"q": 1})
    assert c.post(protocol.API + "/records", {"records": [env.to_dict()]})["contiguous"] == 1
    assert c.post(protocol.API + "/heartbeat", {"status": {}})["commands_upto"] == before + 1


def test_proctor_actions_reach_terminals_as_commands_and_are_journaled(master, terminals, site):
    t1, t2 = terminals
    from app.core.actor import Actor
    from app.services.base import ServiceContext
    proctor = ServiceContext(site.store, Actor(9, "jiankao", "监考甲", "proctor", "m"))
    svc = ProctorService(proctor, master.board)
    got = []
    t2.on_command.append(got.append)
    t1.set_status(candidate="2641000001", progress="12/100", time_left=3000, focus_losses=1)
    t1.start(), t2.start()
    assert svc.room("start", "第1考场") == 2
    svc.extend("T002", "2641000002", 10, "停电补时")
    svc.move("2641000002", "T002", "T001", "机器故障")
    svc.record_incident("考生 2641000002 所用终端死机，换至 T001", candidate="2641000002", room="第1考场")
    for _ in range(100):
        if len(got) == 3 and any(r.candidate for r in svc.terminals()):
            break
        time.sleep(0.05)
    assert [r.header.kind for r in got] == ["room.start", "candidate.extend", "candidate.release"]
    assert got[1].payload["minutes"] == 10 and got[1].payload["reason"] == "停电补时"
    row = {r.machine_id: r for r in svc.terminals()}["T001"]
    assert row.online and row.candidate == "2641000001" and row.focus_losses == 1 and row.time_left == 3000
    assert [i.recorded_by for i in svc.incidents()] == ["jiankao"]
    assert site.store.journal.verify().ok
    actions = [e.action for e in _journal(site)]
    for a in ("room.start", "candidate.extend", "candidate.move", "room.incident"):
        assert a in actions
    with pytest.raises(DomainError, match="原因"):
        svc.extend("T001", "2641000001", 5, " ")
    clerk = ServiceContext(site.store, Actor(10, "kaowu", "考务", "staff", "m"))
    with pytest.raises(PermissionDenied):
        ProctorService(clerk, master.board).room("pause")


def _journal(site):
    from app.store import models
    with site.store.read() as s:
        return list(s.scalars(select(models.JournalEntry)))


def test_authorisation_code_from_master_unlocks_terminal_once(master, terminals, site):
    t1, _ = terminals
    from app.core.actor import Actor
    from app.services.base import ServiceContext
    proctor = ServiceContext(site.store, Actor(9, "jiankao", "监考甲", "proctor", "m"))
    ch = t1.authorisation_challenge("2641000001", "resume")
    assert ch.display().startswith("T001-RESUME-0001-")
    code = ProctorService(proctor).authorisation_code(t1.machine_id, "2641000001", "resume", ch.counter, ch.nonce)
    with pytest.raises(authcodes.AuthCodeRefused, match="操作不符"):
        t1.authorise(ch, "unlock", code)
    t1.authorise(ch, "resume", code)
    # single use, even after the terminal restarts
    folder = t1.store.site_dir
    t1.close()
    again = TerminalNode.open(folder, TERMINAL_PASS)
    try:
        with pytest.raises(authcodes.AuthCodeRefused, match="已使用"):
            again.authorise(ch, "resume", code)
        assert again.authorisation_challenge("2641000001", "unlock").counter == 2
    finally:
        again.close()


def test_a_terminal_with_a_wrong_clock_learns_the_masters_time(master, terminals):
    t1, _ = terminals
    c = Client(master.url, master.fingerprint, t1._key, t1.machine_id)
    c.clock_offset = -900.0  # our clock 15 minutes slow
    reply = c.post(protocol.API + "/heartbeat", {"status": {}})
    assert reply["contiguous"] == 0 and abs(c.clock_offset) < 5
