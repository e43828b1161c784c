"""The theory exam engine joined to the site link: a provisioned, enrolled terminal runs real
exams; every answer, flag, focus loss and submit travels as a record (LAN over loopback TLS,
or an answer pack) and the master keeps the merged truth, scores it and records the score."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.actor import Actor
from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.base import ServiceContext
from app.services.demo import DEMO_PLAN
from app.services.exam import ExamTerminal
from app.services.net import NetService
from app.services.results import ResultsService
from app.services.room import RoomService
from app.services.terminal import TerminalService
from app.store import models
from app.store import results_tables as rt
from app.store import theory_tables as tt
from app.store.net_tables import OutboxRecord
from tests.theory_support import FixedClock, demo_id_tail, prepare_exam

TPASS = "terminal-pass-31"
TICKETS = ["DG26040001", "DG26040002"]


class Mono:
    def __init__(self):
        self.ns = 5_000_000_000_000

    def __call__(self):
        return self.ns

    def step(self, seconds: float):
        self.ns += int(seconds * 1e9)


def _terminal(demo, demo_login, tmp_path, name, link_url):
    """Provision a terminal store for the batch, then enroll it to the master."""
    office = demo_login("kaowu")
    office.clock = demo.clock
    tdir = tmp_path / name
    TerminalService(office).provision(tdir, TPASS, DEMO_PLAN)
    node = TerminalNode.open(tdir, TPASS)
    code = node.request_enrollment(link_url, name)
    NetService(demo_login("admin")).grant(code)
    node.complete_enrollment()
    return node


def _engine(node, demo, mono):
    with node.store.read() as s:
        staff = s.scalars(select(models.Staff).where(models.Staff.username == "jiankao1")).one()
        actor = Actor(staff.id, staff.username, staff.name, "proctor", node.store.machine)
    ctx = ServiceContext(node.store, actor, FixedClock(demo.clock.now()))
    return ExamTerminal(ctx, monotonic_ns=mono, boot_id=lambda: "boot-A", link=node)


def _sit_exam(term, mono, demo, ticket, pattern, submit=True):
    """A scripted candidate: answers every question, changes their mind on some, flags one,
    loses focus once.  Returns the terminal's result (or None) and the final shown answers."""
    sit = term.login(DEMO_PLAN, ticket, demo_id_tail(demo, ticket))
    for i, q in enumerate(sit.questions):
        labels = [lbl for lbl, _ in q.options]
        choice = labels[(i + pattern) % len(labels)]
        if q.qtype == "multiple":
            choice = "".join(labels[:2 + (i + pattern) % 2])
        term.answer(sit, q.qno, choice)
        mono.step(3)
    term.answer(sit, sit.questions[0].qno, sit.questions[0].options[1][0])  # a change of mind
    term.flag(sit, sit.questions[2].qno, True)
    term.focus_lost(sit, "window")
    mono.step(5)
    result = term.submit(sit) if submit else None
    return sit, result


def _sat_on_a_new_terminal(demo, demo_login, tmp_path, room, name, ticket, pattern):
    """A terminal enrolled to the room's link on which ``ticket`` sits the whole exam."""
    link, nodes = room
    node = _terminal(demo, demo_login, tmp_path, name, link.url)
    nodes.append(node)
    mono = Mono()
    sit, result = _sit_exam(_engine(node, demo, mono), mono, demo, ticket, pattern)
    return node, sit, result


def _wait(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError("the master did not catch up")


def _bank_answers(node, ticket):
    with node.store.read() as s:
        row = s.scalars(select(tt.ExamSession).where(tt.ExamSession.ticket_no == ticket)).one()
        return {a.qno: a.choice for a in s.scalars(select(tt.ExamAnswer).where(tt.ExamAnswer.session_id == row.id))
                if a.choice}


@pytest.fixture
def room(demo, demo_login, tmp_path):
    prepare_exam(demo, demo_login, tmp_path)
    link = MasterLink(demo, "127.0.0.1", 0).start()
    nodes = []
    yield link, nodes
    for n in nodes:
        n.close()
    link.stop()


def test_exam_records_reach_the_master_and_the_score_is_recorded(demo, demo_login, tmp_path, room):
    link, nodes = room
    node = _terminal(demo, demo_login, tmp_path, "T-room-1", link.url)
    nodes.append(node)
    node.heartbeat_every = 0.3
    node.start()
    mono = Mono()
    term = _engine(node, demo, mono)
    sit, result = _sit_exam(term, mono, demo, TICKETS[0], pattern=1)

    # every durable exam event is in the outbox, committed with the change itself
    with node.store.read() as s:
        kinds = [k for k in s.scalars(select(OutboxRecord.kind).where(OutboxRecord.recipient == "")
                                      .order_by(OutboxRecord.seq))]
    assert kinds[0] == "exam.event" and kinds[-1] == "exam.submit"
    assert kinds.count("exam.answer") == len(sit.questions) + 1
    assert kinds.count("exam.event") == 3  # start, flag, focus loss

    proctor = demo_login("jiankao1")
    _wait(lambda: any(v.status == "submitted" for v in RoomService(proctor).sittings(DEMO_PLAN)))
    view = {v.ticket_no: v for v in RoomService(proctor).sittings(DEMO_PLAN)}[TICKETS[0]]
    assert view.master_total == result["total"] == view.terminal_total == view.recorded_total
    assert view.focus_losses == 1 and view.machine_id == node.machine_id and view.record_error == ""
    assert RoomService(proctor).answers(DEMO_PLAN, TICKETS[0]) == _bank_answers(node, TICKETS[0])

    # results hold the theory score, once, from the exam, as one entry
    office = demo_login("kaowu")
    res = {r.ticket_no: r for r in ResultsService(office).results(DEMO_PLAN)}
    assert res[TICKETS[0]].scores["theory"] == Decimal(result["total"])
    with demo.store.read() as s:
        row = s.scalars(select(rt.SubjectScore).join(models.Candidate, models.Candidate.id == rt.SubjectScore.candidate_id)
                        .where(models.Candidate.ticket_no == TICKETS[0], rt.SubjectScore.subject == "theory")).one()
        assert row.source == "theory-exam" and row.entered_by == f"machine:{node.machine_id}"
        actions = [e.action for e in s.scalars(select(models.JournalEntry).where(
            models.JournalEntry.subject == TICKETS[0], models.JournalEntry.action == "score.record"))]
    assert actions == ["score.record"]
    assert demo.store.journal.verify().ok

    # the export bundle carries this candidate's paper and answers, and the verifier's own
    # scoring of them equals the result the bundle reports
    import json

    from app.core import bundle as layout
    from app.services.bundle_providers import provide_results, provide_theory

    out = tmp_path / "bag-data"
    admin = demo_login("admin")
    provide_theory(admin, DEMO_PLAN, out)
    provide_results(admin, DEMO_PLAN, out)
    papers, answers = (out / layout.THEORY_PAPERS).read_bytes(), (out / layout.THEORY_ANSWERS).read_bytes()
    results = (out / layout.RESULTS_JSON).read_bytes()
    assert layout.recompute_theory(papers, answers, results) == (1, None)
    row = next(r for r in json.loads(results)["candidates"] if r["ticket_no"] == TICKETS[0])
    assert Decimal(row["theory"]) == Decimal(result["total"])
    # one changed answer in the bundle is caught: the first question flipped between right and wrong
    record, paper = json.loads(answers), json.loads(papers)
    first = paper["questions"][0]
    given = next((a["chosen"] for a in record["answers"] if a["qid"] == first["qid"]), [])
    flipped = [] if given == first["answer"] else first["answer"]
    record["answers"] = [a for a in record["answers"] if a["qid"] != first["qid"]] + \
        [{"qid": first["qid"], "chosen": flipped}]
    checked, fault = layout.recompute_theory(papers, (json.dumps(record) + "\n").encode(), results)
    assert checked == 0 and fault and "理论复算不符" in fault


def test_submit_before_answers_gives_the_same_score(demo, demo_login, tmp_path, room):
    """Records delivered by pack after the LAN: the submit came first; nothing is lost or doubled."""
    node, _, result = _sat_on_a_new_terminal(demo, demo_login, tmp_path, room, "T-room-2", TICKETS[1], 2)
    envs = node.outbox()
    # deliver the submit (and start) first through a pack, the answers afterwards
    from app.formats.answer_pack import write_pack

    first = write_pack(tmp_path / "first.espack", node.identity["site_id"], node.machine_id,
                       [envs[0], envs[-1]])
    rest = write_pack(tmp_path / "rest.espack", node.identity["site_id"], node.machine_id, envs[1:-1])
    admin = demo_login("admin")
    NetService(admin).import_pack(first)
    proctor = demo_login("jiankao1")
    view = RoomService(proctor).sittings(DEMO_PLAN)[0]
    assert view.status == "submitted" and view.master_total == result["total"]  # the submit carries the answers
    NetService(admin).import_pack(rest)
    NetService(admin).import_pack(first)
    view = RoomService(proctor).sittings(DEMO_PLAN)[0]
    assert view.master_total == view.terminal_total == view.recorded_total == result["total"]
    assert RoomService(proctor).answers(DEMO_PLAN, TICKETS[1]) == _bank_answers(node, TICKETS[1])


@pytest.mark.parametrize("order", [
    ["A", "B", "A", "B"],
    ["B-part", "A", "B", "A-part", "B-part"],
    ["A-part", "B-part", "B", "A", "A", "B"],
])
def test_two_terminals_packs_imported_twice_in_any_order_give_the_same_master_state(
        demo, demo_login, tmp_path, room, order):
    """Two offline terminals; each writes a pack mid-exam and another at the end.  Whatever the
    order and however often they are imported, the master holds exactly the terminals' truth."""
    link, nodes = room
    packs, truth, terms = {}, {}, {}
    for name, ticket, pattern in (("A", TICKETS[0], 1), ("B", TICKETS[1], 3)):
        node = _terminal(demo, demo_login, tmp_path, f"T-pack-{name}", link.url)
        nodes.append(node)
        mono = Mono()
        term = _engine(node, demo, mono)
        sit = term.login(DEMO_PLAN, ticket, demo_id_tail(demo, ticket))
        for q in sit.questions[:5]:
            term.answer(sit, q.qno, q.options[0][0])
            mono.step(2)
        packs[f"{name}-part"] = node.write_pack(tmp_path / f"{name}-part.espack")
        terms[name] = (node, term, mono, ticket, pattern)
    for name, (node, term, mono, ticket, pattern) in terms.items():
        _, result = _sit_exam(term, mono, demo, ticket, pattern)  # resumes the same sitting
        packs[name] = node.write_pack(tmp_path / f"{name}.espack")
        truth[ticket] = (result["total"], _bank_answers(node, ticket), node.machine_id)
    admin = demo_login("admin")
    for key in order:
        NetService(admin).import_pack(packs[key])
    proctor = demo_login("jiankao1")
    views = {v.ticket_no: v for v in RoomService(proctor).sittings(DEMO_PLAN)}
    assert set(views) == set(truth)
    for ticket, (total, answers, machine) in truth.items():
        v = views[ticket]
        assert (v.status, v.master_total, v.terminal_total, v.recorded_total) == ("submitted", total, total, total)
        assert (v.machine_id, v.focus_losses) == (machine, 1)
        assert RoomService(proctor).answers(DEMO_PLAN, ticket) == answers
    res = {r.ticket_no: r.scores.get("theory") for r in ResultsService(demo_login("kaowu")).results(DEMO_PLAN)}
    assert {t: res[t] for t in truth} == {t: Decimal(v[0]) for t, v in truth.items()}
    with demo.store.read() as s:
        recorded = list(s.scalars(select(models.JournalEntry.subject).where(
            models.JournalEntry.action == "score.record")))
    assert sorted(recorded) == sorted(truth)  # each score recorded once, however often a pack came


def _commands_arrive(node, n):
    _wait(lambda: len(node.commands()) >= n)
    return node.commands()


def test_master_pause_resume_extend_and_end_govern_the_exam_clock(demo, demo_login, tmp_path, room):
    from app.core.errors import PermissionDenied
    from app.services.net import ProctorService

    link, nodes = room
    node = _terminal(demo, demo_login, tmp_path, "T-time", link.url)
    nodes.append(node)
    node.heartbeat_every = 0.2
    node.start()
    mono = Mono()
    term = _engine(node, demo, mono)
    a = term.login(DEMO_PLAN, TICKETS[0], demo_id_tail(demo, TICKETS[0]))
    b = term.login(DEMO_PLAN, TICKETS[1], demo_id_tail(demo, TICKETS[1]))
    full = a.duration_ms
    proctor = demo_login("jiankao1")
    console = ProctorService(proctor, board=link.board)
    console.room("start", machine_ids=[node.machine_id])
    mono.step(60)
    term.answer(a, a.questions[0].qno, "A")
    console.room("pause", machine_ids=[node.machine_id])
    assert term.follow(_commands_arrive(node, 2)) == 2
    assert term.follow(node.commands()) == 0  # applied once
    mono.step(600)  # ten minutes of power cut: not counted
    with pytest.raises(PermissionDenied):
        term.answer(a, a.questions[1].qno, "A")
    assert term.tick(a) == full - 60_000
    console.room("resume", machine_ids=[node.machine_id])
    console.extend(node.machine_id, TICKETS[1], 15, "助听设备故障，经考场负责人同意")
    term.follow(_commands_arrive(node, 4))
    mono.step(30)
    assert term.answer(a, a.questions[1].qno, "B") == full - 90_000
    assert term.tick(b) == full + 15 * 60_000 - 90_000  # b's clock also stood still, and b got 15 minutes
    console.force_submit(node.machine_id, TICKETS[1], "考生身体不适，本人要求交卷")
    term.follow(_commands_arrive(node, 5))
    term.tick(b)
    assert b.status == "submitted" and b.result["reason"] == "force" and a.status == "running"
    mono.step(10)
    console.room("end", machine_ids=[node.machine_id])
    term.follow(_commands_arrive(node, 6))
    term.tick(a)
    assert a.status == "submitted" and a.result["reason"] == "room_end"
    with node.store.read() as s:
        consumed = {r.ticket_no: r.consumed_ms for r in s.scalars(select(tt.ExamSession))}
    assert consumed == {TICKETS[0]: 100_000, TICKETS[1]: 90_000}
    # the master heard both submits and recorded both scores
    _wait(lambda: sum(v.status == "submitted" and v.recorded_total is not None
                      for v in RoomService(proctor).sittings(DEMO_PLAN)) == 2)


def test_a_candidate_moved_to_a_spare_terminal_continues_with_every_answer_and_the_right_time(
        demo, demo_login, tmp_path, room):
    from app.core.errors import PermissionDenied
    from app.core.exam.blueprint import Blueprint
    from app.core.exam.questions import Question
    from app.core.exam.scoring import score
    from app.services.net import ProctorService
    from app.services.theory import open_package

    link, nodes = room
    old = _terminal(demo, demo_login, tmp_path, "T-old", link.url)
    spare = _terminal(demo, demo_login, tmp_path, "T-spare", link.url)
    nodes += [old, spare]
    for n in (old, spare):
        n.heartbeat_every = 0.2
        n.start()
    mono_old, mono_spare = Mono(), Mono()
    mono_spare.ns += 777 * 10**9  # another machine: its own monotonic clock
    t_old, t_spare = _engine(old, demo, mono_old), _engine(spare, demo, mono_spare)
    ticket = TICKETS[0]
    tail = demo_id_tail(demo, ticket)
    sit = t_old.login(DEMO_PLAN, ticket, tail)
    proctor = demo_login("jiankao1")
    console = ProctorService(proctor, board=link.board)
    console.extend(old.machine_id, ticket, 10, "开考时终端故障")
    t_old.follow(_commands_arrive(old, 1))
    for q in sit.questions[:10]:
        t_old.answer(sit, q.qno, q.options[1][0])
        mono_old.step(20)
    t_old.answer(sit, sit.questions[0].qno, "A")  # change of mind before the machine dies
    t_old.flag(sit, sit.questions[4].qno, True)
    used = 200_000
    _wait(lambda: old.backlog() == 0 and old.acked == old.last_seq())
    mono_old.step(40)  # the screen freezes: 40 s later the proctor moves the candidate

    console.move(ticket, old.machine_id, spare.machine_id, "终端死机，换备用机")
    t_spare.follow(_commands_arrive(spare, 1))
    mono_spare.step(90)  # walking to the spare terminal: not counted
    moved = t_spare.login(DEMO_PLAN, ticket, tail)
    assert [q.qno for q in moved.questions] == [q.qno for q in sit.questions]
    assert [q.options for q in moved.questions] == [q.options for q in sit.questions]  # same option order
    assert moved.answers == sit.answers and moved.flags == {sit.questions[4].qno}
    assert moved.remaining_ms == sit.duration_ms + 10 * 60_000 - used
    # the old terminal, if it comes back, no longer takes answers for the candidate
    t_old.follow(_commands_arrive(old, 2))
    with pytest.raises(PermissionDenied):
        t_old.answer(sit, sit.questions[11].qno, "A")

    for q in moved.questions[10:]:
        t_spare.answer(moved, q.qno, q.options[0][0])
        mono_spare.step(5)
    result = t_spare.submit(moved)
    assert len([a for a in moved.answers.values() if a]) == len(moved.questions)

    _wait(lambda: (RoomService(proctor).sittings(DEMO_PLAN) or [None])[0] is not None
          and RoomService(proctor).sittings(DEMO_PLAN)[0].recorded_total is not None)
    view = RoomService(proctor).sittings(DEMO_PLAN)[0]
    assert view.machine_id == spare.machine_id
    assert view.master_total == view.terminal_total == result["total"]
    # and the total is the score of exactly what the candidate chose, on both terminals
    with demo.store.read() as s:
        from app.store import theory_tables as tt2
        from app.services.base import find_batch
        seal = s.scalars(select(tt2.PaperSeal).where(tt2.PaperSeal.batch_id == find_batch(s, DEMO_PLAN).id)).one()
        package = open_package(demo.store, DEMO_PLAN, seal)
    bp = Blueprint.from_dict(package["blueprint"])
    qs = {c: Question.from_dict(d) for c, d in package["questions"].items()}
    master_answers = RoomService(proctor).answers(DEMO_PLAN, ticket)
    assert master_answers == _bank_answers(spare, ticket)
    items = [(qno, qs[code], bp.sections[sec].points) for qno, code, sec, _ in result_items(spare, ticket)]
    expected = score(items, {q: frozenset(c) for q, c in master_answers.items()}, bp)
    assert str(expected.total) == result["total"]


def result_items(node, ticket):
    with node.store.read() as s:
        return s.scalars(select(tt.ExamSession).where(tt.ExamSession.ticket_no == ticket)).one().items


def test_a_whole_sitting_applied_in_one_transaction_reads_its_answers_once(demo, demo_login, tmp_path, room):
    """The link applies a group of pushes in one transaction under the write lock (after a master
    restart, hundreds of a room's answers at once): the room's appliers read a sitting's answers
    once, not once per answer (issue 16: "the write transaction does only set-based inserts and the
    appliers' own rows"; one read and one flush per answer held a 600-record group's lock 0.6 s)."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    node, sit, result = _sat_on_a_new_terminal(demo, demo_login, tmp_path, room, "T-room-once", TICKETS[0], 1)
    pack = node.write_pack(tmp_path / "whole.espack")
    reads = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "FROM room_answer" in statement:
            reads.append(statement)

    admin = NetService(demo_login("admin"))
    event.listen(Engine, "before_cursor_execute", seen)
    try:
        admin.import_pack(pack)
    finally:
        event.remove(Engine, "before_cursor_execute", seen)
    proctor = demo_login("jiankao1")
    assert RoomService(proctor).answers(DEMO_PLAN, TICKETS[0]) == _bank_answers(node, TICKETS[0])
    view = RoomService(proctor).sittings(DEMO_PLAN)[0]
    assert view.master_total == result["total"]
    assert len(sit.questions) >= 20
    # one read of the sitting's answers, which the score on submit uses too
    assert len(reads) <= 1, reads
