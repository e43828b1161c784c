"""A real exam terminal process for the room e2e test: the exam engine on a provisioned,
enrolled terminal store, streaming to the master, following its commands, with a scripted
candidate who answers every question by a fixed rule (``choice_for``).

    python -m tests.e2e.exam_terminal_child FOLDER TAILS_JSON [TICKET] [--fault FILE] [--pace S]

Without TICKET the terminal is a spare: it waits for a candidate moved in by the proctor.
Prints one JSON line at the end, after the master holds every record this terminal made."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import threading
import time


def choice_for(ticket: str, qno: int, labels: list[str], qtype: str) -> str:
    """The scripted candidate's answer (shown labels), the same on any terminal."""
    h = int(hashlib.sha256(f"{ticket}:{qno}".encode()).hexdigest(), 16)
    if qtype == "multiple":
        return "".join(sorted({labels[h % len(labels)], labels[(h // 7) % len(labels)], labels[0]}))
    return labels[h % len(labels)]


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
    ap.add_argument("tails")
    ap.add_argument("ticket", nargs="?")
    ap.add_argument("--fault")
    ap.add_argument("--pace", type=float, default=0.25)
    a = ap.parse_args(argv)
    tails = json.loads(a.tails)

    node = TerminalNode.open(a.folder, os.environ["EXAMSITE_TERMINAL_PASSPHRASE"])
    node.heartbeat_every = 0.3
    with node.store.read() as s:
        staff = s.scalars(select(models.Staff).where(models.Staff.username == "jiankao1")).one()
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

    ticket = a.ticket
    while ticket is None:  # a spare: wait for the proctor to move a candidate here
        with node.store.read() as s:
            ticket = s.scalars(select(tt.ExamSession.ticket_no)).first()
        time.sleep(0.1)
    sit = term.login(DEMO_PLAN, ticket, tails[ticket])
    for q in sit.questions:
        if a.fault:
            node.client.fault = os.path.exists(a.fault)
        if sit.answers.get(q.qno) or sit.status == "submitted":
            continue  # answered before a crash or on the terminal the candidate came from
        choice = choice_for(ticket, q.qno, [lbl for lbl, _ in q.options], q.qtype)
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
        if sit.status == "released":
            break
        time.sleep(a.pace)
    if sit.status not in ("submitted", "released"):
        term.submit(sit)
    while node.acked < node.last_seq():
        if a.fault:
            node.client.fault = os.path.exists(a.fault)
        node._wake.set()
        time.sleep(0.1)
    print(json.dumps({"machine": node.machine_id, "ticket": ticket, "status": sit.status,
                      "total": (sit.result or {}).get("total"), "offline_spells": offline[0]}), flush=True)
    node.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
