"""One exam terminal with scripted candidates, as its own process: the real exam engine on
a provisioned, enrolled terminal store, streaming every answer to the master and following
its commands.  The candidates seated here sit one after another; each answers every question
by a fixed rule (``choice_for``), now and then first picking another option and changing
their mind, so a checker knows what each candidate's final answers must be.

    python -m app.rehearsal.terminal_candidate FOLDER --tails FILE [--ticket T ...]
        [--plan PLAN] [--pace S] [--change-rate R] [--fault FILE] [--knows FILE]

Without ``--ticket`` the terminal is a spare: it waits for a candidate moved in by the
proctor.  Killed and started again with the same arguments, it logs the same candidates in
again (the engine resumes their papers) and goes on.  ``--fault FILE``: while FILE exists the
link is cut on this side.  ``--knows FILE``: the candidates are skilled and give the right
answer to a question they know, most of the time (``knowledge``, written by the rehearsal from
the master's answer key: the terminal's own services never hand out answers).  The terminal is
opened by a proctor logging in with their password.  Prints ``READY`` once its papers are open
and it waits for the room's start (``--go FILE``: until FILE exists), and one JSON line at the
end, after the master holds every record this terminal made."""

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


def final_answer(ticket: str, qno: int, labels: list[str], qtype: str, correct: str | None) -> str:
    """The candidate's final answer in shown labels.  With ``correct`` (the right answer in shown
    labels, for a question the candidate knows) they give it ``ability`` per cent of the time
    and otherwise answer by ``choice_for``."""
    if correct is not None:
        h = int(hashlib.sha256(f"{ticket}:{qno}:knows".encode()).hexdigest(), 16)
        if h % 100 < ability(ticket):
            return correct
    return choice_for(ticket, qno, labels, qtype)


def knowledge(questions) -> dict[str, list[str]]:
    """What a skilled candidate knows, as a person would: each question's stem -> the texts of
    its correct options.  Made on the master's side from the answer key
    (``PaperService.answer_key``) and handed to the terminals as a file; a stem that is not
    unique, or a question whose options repeat a text, is left out (nobody knows it)."""
    seen: dict[str, int] = {}
    for q in questions:
        seen[q.stem] = seen.get(q.stem, 0) + 1
    return {q.stem: sorted(o.text for o in q.options if o.label in q.answer) for q in questions
            if seen[q.stem] == 1 and len({o.text for o in q.options}) == len(q.options)}


def known_answer(stem: str, options, knows: dict[str, list[str]] | None) -> str | None:
    """The right answer in shown labels (``options``: (shown label, text) pairs) if ``knows``
    holds this question, else None."""
    if not knows or stem not in knows:
        return None
    right = set(knows[stem])
    return "".join(sorted(label for label, text in options if text in right))


def first_thought(ticket: str, qno: int, labels: list[str], rate: float) -> str | None:
    """An option picked before the final one (a change of mind), for a ``rate`` share of questions."""
    h = int(hashlib.sha256(f"{ticket}:{qno}:first".encode()).hexdigest(), 16)
    if (h % 1000) >= rate * 1000:
        return None
    return labels[(h // 1000) % len(labels)]


def main(argv=None) -> int:
    from app.core.errors import Conflict, PermissionDenied
    from app.net.terminal import TerminalNode
    from app.services.demo import DEMO_PLAN, DEMO_STAFF
    from app.services.exam import ExamTerminal
    from app.services.site import SiteHandle

    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--tails", required=True, help="JSON {ticket: last 6 of the ID number}, inline or a file")
    ap.add_argument("--ticket", action="append", default=[])
    ap.add_argument("--plan", default=DEMO_PLAN)
    ap.add_argument("--proctor", default="jiankao1",
                    help="the account that opens the terminal (its password: EXAMSITE_REHEARSAL_PASSWORDS, "
                         "else the demo site's)")
    ap.add_argument("--fault")
    ap.add_argument("--pace", type=float, default=0.25, help="seconds between answers")
    ap.add_argument("--change-rate", type=float, default=0.0)
    ap.add_argument("--heartbeat", type=float, default=2.0, help="seconds between heartbeats (the terminal's default)")
    ap.add_argument("--go", help="the room's start: until this file exists the candidates wait at the login screen")
    ap.add_argument("--knows", help="skilled candidates: JSON file {stem: [correct option texts]} (see knowledge)")
    a = ap.parse_args(argv)
    tails = json.loads(Path(a.tails).read_text() if not a.tails.lstrip().startswith("{") else a.tails)
    knows = json.loads(Path(a.knows).read_text(encoding="utf-8")) if a.knows else None
    passwords = {u: p for u, _, _, p, _ in DEMO_STAFF}
    passwords.update(json.loads(os.environ.get("EXAMSITE_REHEARSAL_PASSWORDS", "{}")))

    node = TerminalNode.open(a.folder, os.environ["EXAMSITE_TERMINAL_PASSPHRASE"])
    node.heartbeat_every = a.heartbeat
    # the proctor opens the terminal with their own password, as at the kiosk (examsite exam)
    proctor = SiteHandle(node.store, node.clock).login(a.proctor, passwords[a.proctor], "proctor")
    term = ExamTerminal(proctor, link=node)
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
    while time.monotonic() < deadline and not term.papers_open():
        node.wake()
        time.sleep(0.1)
    # switched on before the exam (as at a site, where each terminal boots on its own PC): ready,
    # the candidates wait at the login screen until the proctor starts the room
    print("READY", flush=True)
    while a.go and not os.path.exists(a.go):
        link_fault()
        time.sleep(0.1)
    tickets = list(a.ticket)
    while not tickets:  # a spare: wait for the proctor to move a candidate here
        tickets = term.tickets_here(a.plan)[:1]
        time.sleep(0.1)
    sittings = []
    for ticket in tickets:
        sit = term.login(a.plan, ticket, tails[ticket])
        for q in sit.questions:
            link_fault()
            if sit.status in ("submitted", "released"):
                break
            labels = [lbl for lbl, _ in q.options]
            final = final_answer(ticket, q.qno, labels, q.qtype, known_answer(q.stem, q.options, knows))
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
        node.wake()
        time.sleep(0.1)
    print(json.dumps({"machine": node.machine_id, "sittings": sittings, "offline_spells": offline[0],
                      "records": node.last_seq()}), flush=True)
    node.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
