"""One exam terminal with scripted candidates, as its own process: the real exam engine on
a provisioned, enrolled terminal store, streaming every answer to the master and following
its commands.  The candidates seated here sit one after another; each answers every question
by a fixed rule (``choice_for``), now and then first picking another option and changing
their mind, so a checker knows what each candidate's final answers must be.

    python -m app.rehearsal.terminal_candidate FOLDER --tails FILE [--ticket T ...]
        [--plan PLAN] [--pace S] [--change-rate R] [--fault FILE]

Without ``--ticket`` the terminal is a spare: it waits for a candidate moved in by the
proctor.  Killed and started again with the same arguments, it logs the same candidates in
again (the engine resumes their papers) and goes on.  ``--fault FILE``: while FILE exists the
link is cut on this side.  Prints one JSON line at the end, after the master holds every
record this terminal made."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import threading
import time
from pathlib import Path


def choice_for(ticket: str, qno: int, labels: list[str], qtype: str) -> str:
    """The scripted candidate's final answer (shown labels), the same on any terminal."""
    h = int(hashlib.sha256(f"{ticket}:{qno}".encode()).hexdigest(), 16)
    if qtype == "multiple":
        return "".join(sorted({labels[h % len(labels)], labels[(h // 7) % len(labels)], labels[0]}))
    return labels[h % len(labels)]


def ability(ticket: str) -> int:
    """How often (per cent) a skilled scripted candidate knows the answer: 50–97."""
    return 50 + int(hashlib.sha256(f"{ticket}:ability".encode()).hexdigest(), 16) % 48


def final_answer(ticket: str, qno: int, order: str, qtype: str, correct: frozenset[str] | None) -> str:
    """The candidate's final answer in shown labels.  ``order`` maps shown position to bank
    label; with ``correct`` (bank labels) the candidate knows it ``ability`` per cent of the
    time and otherwise answers by ``choice_for``."""
    labels = list("ABCDEFGH"[:len(order)])
    if correct is not None:
        h = int(hashlib.sha256(f"{ticket}:{qno}:knows".encode()).hexdigest(), 16)
        if h % 100 < ability(ticket):
            return "".join(sorted(labels[order.index(c)] for c in correct))
    return choice_for(ticket, qno, labels, qtype)


def first_thought(ticket: str, qno: int, labels: list[str], rate: float) -> str | None:
    """An option picked before the final one (a change of mind), for a ``rate`` share of questions."""
    h = int(hashlib.sha256(f"{ticket}:{qno}:first".encode()).hexdigest(), 16)
    if (h % 1000) >= rate * 1000:
        return None
    return labels[(h // 1000) % len(labels)]


def main(argv=None) -> int:
    from sqlalchemy import select

    from app.core.actor import Actor
    from app.core.errors import Conflict, PermissionDenied
    from app.net.terminal import TerminalNode
    from app.services.base import ServiceContext
    from app.services.demo import DEMO_PLAN
    from app.services.exam import ExamTerminal
    from app.store import models
    from app.store import theory_tables as tt

    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--tails", required=True, help="JSON {ticket: last 6 of the ID number}, inline or a file")
    ap.add_argument("--ticket", action="append", default=[])
    ap.add_argument("--plan", default=DEMO_PLAN)
    ap.add_argument("--proctor", default="jiankao1", help="the account the terminal runs as")
    ap.add_argument("--fault")
    ap.add_argument("--pace", type=float, default=0.25, help="seconds between answers")
    ap.add_argument("--change-rate", type=float, default=0.0)
    ap.add_argument("--heartbeat", type=float, default=2.0, help="seconds between heartbeats (the terminal's default)")
    ap.add_argument("--skilled", action="store_true", help="candidates know most answers (see ability)")
    a = ap.parse_args(argv)
    tails = json.loads(Path(a.tails).read_text() if not a.tails.lstrip().startswith("{") else a.tails)

    node = TerminalNode.open(a.folder, os.environ["EXAMSITE_TERMINAL_PASSPHRASE"])
    node.heartbeat_every = a.heartbeat
    with node.store.read() as s:
        staff = s.scalars(select(models.Staff).where(models.Staff.username == a.proctor)).one()
        actor = Actor(staff.id, staff.username, staff.name, "proctor", node.store.machine)
    term = ExamTerminal(ServiceContext(node.store, actor), link=node)
    lock = threading.Lock()

    def follow(_record=None):
        with lock:
            term.follow(node.commands())

    follow()  # commands received before a crash are applied now, once
    node.on_command.append(follow)
    node.start()
    offline = [0]
    node.on_online_changed.append(lambda up: offline.__setitem__(0, offline[0] + (not up)))

    def link_fault():
        if a.fault:
            node.client.fault = os.path.exists(a.fault)

    # prepared the evening before while the papers were sealed: the key the custodians unlocked
    # on the master comes over the link as a command (followed above); nobody touches this terminal
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with node.store.read() as s:
            if s.scalars(select(tt.PaperSeal.paper_key)).first() is not None:
                break
        node._wake.set()
        time.sleep(0.1)
    tickets = list(a.ticket)
    while not tickets:  # a spare: wait for the proctor to move a candidate here
        with node.store.read() as s:
            moved = s.scalars(select(tt.ExamSession.ticket_no)).first()
        if moved:
            tickets = [moved]
        time.sleep(0.1)
    correct = None
    if a.skilled:
        from app.core.exam.questions import Question
        from app.services.theory import open_package

        with node.store.read() as s:
            package = open_package(node.store, a.plan, s.scalars(select(tt.PaperSeal)).one())
        correct = {c: Question.from_dict(d).answer for c, d in package["questions"].items()}
    sittings = []
    for ticket in tickets:
        sit = term.login(a.plan, ticket, tails[ticket])
        with node.store.read() as s:
            items = {qno: (code, order) for qno, code, _, order in s.scalars(
                select(tt.ExamSession.items).where(tt.ExamSession.ticket_no == ticket)).one()}
        for q in sit.questions:
            link_fault()
            if sit.status in ("submitted", "released"):
                break
            labels = [lbl for lbl, _ in q.options]
            code, order = items[q.qno]
            final = final_answer(ticket, q.qno, order, q.qtype, correct[code] if correct else None)
            if sit.answers.get(q.qno) == final:
                continue  # answered before a crash or on the terminal the candidate came from
            first = first_thought(ticket, q.qno, labels, a.change_rate)
            for choice in ([first] if first and first != final and not sit.answers.get(q.qno) else []) + [final]:
                while True:
                    try:
                        term.answer(sit, q.qno, choice)
                        break
                    except PermissionDenied:  # paused or released: wait for the master
                        if sit.status == "released":
                            break
                        time.sleep(0.1)
                    except Conflict:
                        break
            time.sleep(a.pace)
        if sit.status not in ("submitted", "released"):
            term.submit(sit)
        sittings.append({"ticket": ticket, "status": sit.status, "total": (sit.result or {}).get("total")})
    while node.acked < node.last_seq():
        link_fault()
        node._wake.set()
        time.sleep(0.1)
    print(json.dumps({"machine": node.machine_id, "sittings": sittings, "offline_spells": offline[0],
                      "records": node.last_seq()}), flush=True)
    node.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
