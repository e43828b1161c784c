"""Real exam engines in terminal processes on loopback: three candidates answer by a fixed
rule while one terminal's link is cut, one terminal is killed and restarted, the master is
killed and restarted, and one terminal dies for good and its candidate is moved to the
spare.  At the end the master holds exactly what each candidate answered, and the theory
score in results is the score of those answers."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from decimal import Decimal

from sqlalchemy import select

from app.core.exam.blueprint import Blueprint
from app.core.exam.questions import LABELS, Question
from app.core.exam.scoring import score
from app.net.master import MasterLink
from app.net.simulate import free_port
from app.net.terminal import TerminalNode
from app.services.base import find_batch
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN
from app.services.net import NetService, ProctorService
from app.services.results import ResultsService
from app.services.room import RoomService
from app.services.terminal import TerminalService
from app.services.theory import open_package
from app.store import theory_tables as tt
from app.rehearsal.terminal_candidate import choice_for
from tests.e2e.room_support import ROOT, process_env, start_master
from tests.theory_support import demo_id_tail, prepare_exam

TPASS = "terminal-pass-e2e"
TICKETS = ["DG26040001", "DG26040002", "DG26040003"]


def _env():
    return process_env(DEMO_PASSPHRASE, TPASS)


def _master(site_dir, port):
    return start_master(site_dir, port, _env())


def _terminal(folder, tails, ticket=None, fault=None, pace=0.25):
    cmd = [sys.executable, "-m", "app.rehearsal.terminal_candidate", str(folder), "--tails", json.dumps(tails)]
    if ticket:
        cmd += ["--ticket", ticket]
    if fault:
        cmd += ["--fault", str(fault)]
    cmd += ["--pace", str(pace), "--heartbeat", "0.3"]
    return subprocess.Popen(cmd, env=_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _answered(proctor, ticket):
    return {v.ticket_no: v.answered for v in RoomService(proctor).sittings(DEMO_PLAN)}.get(ticket, 0)


def _wait(pred, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if pred():
            return
        time.sleep(0.1)
    raise AssertionError("timed out")


def test_real_exam_engines_survive_kills_cuts_and_a_move(demo, demo_login, tmp_path):
    prepare_exam(demo, demo_login, tmp_path)
    office = demo_login("kaowu")
    office.clock = demo.clock
    port = free_port()
    folders = [tmp_path / f"t{i}" for i in range(1, 5)]
    link = MasterLink(demo, "127.0.0.1", port).start()
    ids = []
    try:
        for f in folders:
            TerminalService(office).provision(f, TPASS, DEMO_PLAN)
            node = TerminalNode.open(f, TPASS)
            NetService(demo_login("admin")).grant(node.request_enrollment(link.url, f.name))
            node.complete_enrollment()
            ids.append(node.machine_id)
            node.close()
    finally:
        link.stop()
    tails = {t: demo_id_tail(demo, t) for t in TICKETS}
    proctor = demo_login("jiankao1")
    fault = tmp_path / "cut-t1"
    master = _master(demo.store.site_dir, port)
    procs = [master]
    terms = {0: _terminal(folders[0], tails, TICKETS[0], fault), 1: _terminal(folders[1], tails, TICKETS[1]),
             2: _terminal(folders[2], tails, TICKETS[2], pace=1.2), 3: _terminal(folders[3], tails)}
    try:
        _wait(lambda: _answered(proctor, TICKETS[0]) >= 3)
        fault.write_text("cut")  # t1's cable pulled: the exam goes on on its own store
        _wait(lambda: _answered(proctor, TICKETS[1]) >= 5)
        terms[1].send_signal(signal.SIGKILL)  # t2 dies and is restarted: the candidate logs in again
        terms[1].wait()
        terms[1] = _terminal(folders[1], tails, TICKETS[1])
        _wait(lambda: _answered(proctor, TICKETS[2]) >= 6)
        master.send_signal(signal.SIGKILL)  # the master dies mid-stream
        master.wait()
        time.sleep(1.0)
        fault.unlink()
        master = _master(demo.store.site_dir, port)
        procs.append(master)
        _wait(lambda: _answered(proctor, TICKETS[2]) >= 10)
        # t3 dies for good (slow enough that it is still answering when the master, back after its
        # restart and the terminals' back-off, has seen 10 of its answers)
        terms[2].send_signal(signal.SIGKILL)
        terms[2].wait()
        ProctorService(proctor).move(TICKETS[2], ids[2], ids[3], "终端死机，换备用机")
        reports = {}
        for i in (0, 1, 3):
            out, err = terms[i].communicate(timeout=180)
            assert terms[i].returncode == 0, err[-3000:]
            reports[i] = json.loads(out.strip().splitlines()[-1])
        assert reports[0]["offline_spells"] >= 1
        assert reports[3]["sittings"] == [{"ticket": TICKETS[2], "status": "submitted",
                                           "total": reports[3]["sittings"][0]["total"]}]
    finally:
        for p in list(terms.values()) + procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    # the dead terminal's disk: its answer pack, imported twice, changes nothing that matters
    dead = TerminalNode.open(folders[2], TPASS)
    pack = dead.write_pack(tmp_path / "t3.espack")
    dead.close()
    NetService(demo_login("admin")).import_pack(pack)
    assert NetService(demo_login("admin")).import_pack(pack).new == 0

    with demo.store.read() as s:
        seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == find_batch(s, DEMO_PLAN).id)).one()
        package = open_package(demo.store, DEMO_PLAN, seal)
    bp = Blueprint.from_dict(package["blueprint"])
    qs = {c: Question.from_dict(d) for c, d in package["questions"].items()}
    from app.store.room_tables import RoomSitting

    with demo.store.read() as s:
        items = {r.ticket_no: r.items for r in s.scalars(select(RoomSitting))}
    theory = {r.ticket_no: r.scores.get("theory") for r in ResultsService(demo_login("kaowu")).results(DEMO_PLAN)}
    views = {v.ticket_no: v for v in RoomService(proctor).sittings(DEMO_PLAN)}
    for ticket in TICKETS:
        expected = {}
        for qno, code, sec, order in items[ticket]:
            shown = choice_for(ticket, qno, list(LABELS[:len(order)]), qs[code].qtype.value)
            expected[qno] = "".join(sorted(order[LABELS.index(c)] for c in shown))
        assert RoomService(proctor).answers(DEMO_PLAN, ticket) == expected, ticket
        marks = [(qno, qs[code], bp.sections[sec].points) for qno, code, sec, _ in items[ticket]]
        total = score(marks, {q: frozenset(c) for q, c in expected.items()}, bp).total
        assert views[ticket].status == "submitted"
        assert theory[ticket] == Decimal(total) and views[ticket].recorded_total == str(total), ticket
    assert views[TICKETS[2]].machine_id == ids[3]
