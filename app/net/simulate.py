"""Simulated candidates at terminals, for drills, the end-to-end test and ``bench/room.py``.

    EXAMSITE_TERMINAL_PASSPHRASE=... python -m app.net.simulate \
        --terminal FOLDER:CANDIDATE [--terminal ...] --questions 40 --pace 8 [--spare FOLDER]

Each terminal (its own enrolled store, key and connection) answers questions at human
pace: a pause drawn around ``--pace`` seconds, now and then a burst of quick changes.
Every answer is a record of kind ``answer`` {candidate, q, a, t} (``t``: just before the
terminal saves it; how long its own durable save took is in the final JSON line, per seq,
so a bench can count from "saved on the terminal"); ``a`` is a fixed
function of (candidate, q), so a checker knows what every candidate answered.  A
terminal that is restarted resumes after its last saved answer.  A spare terminal waits
for a ``candidate.move_in`` command and continues that candidate's paper.  A terminal
told ``candidate.release`` stops.  ``--fault-file``: while that file exists the link is
cut on the client side.  Exits 0 when every terminal has finished and the master holds
every record it made; prints one JSON line per terminal.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import threading
import time
from pathlib import Path

from app.net.terminal import TerminalNode


def answer_for(candidate: str, q: int) -> str:
    return "ABCD"[hashlib.sha256(f"{candidate}|{q}".encode()).digest()[0] % 4]


class SimCandidate:
    def __init__(self, node: TerminalNode, candidate: str | None, questions: int, pace: float, seed: int,
                 fault_file: str | None, duration: float | None = None):
        self.node, self.candidate, self.questions, self.pace = node, candidate, questions, pace
        self.rng = random.Random(seed)
        self.fault_file = fault_file
        self.deadline = time.monotonic() + duration if duration else None
        self.next_q = 0
        self.released = False
        self.move_in = threading.Event()
        self.offline_spells = 0
        self.saves: list[tuple[int, float]] = []  # (seq, seconds its own durable save took)
        node.on_online_changed.append(lambda up: setattr(self, "offline_spells", self.offline_spells + (not up)))
        node.on_command.append(self._command)
        last = node.outbox()
        answers = [e for e in last if e.header.kind == "answer"]
        if answers:  # restarted: resume after the last saved answer
            from app.core import records as rec
            r = rec.open_envelope(answers[-1], node._key.public_key(), node.machine_key, node.identity["site_id"])
            self.candidate, self.next_q = r.payload["candidate"], r.payload["q"] + 1
        for cmd in node.commands():
            self._command(cmd, replay=True)

    def _command(self, record, replay: bool = False) -> None:
        kind, p = record.header.kind, record.payload
        if kind == "candidate.release" and p.get("candidate") == self.candidate:
            self.released = True
        elif kind == "candidate.move_in":
            if self.candidate is None:
                self.candidate = p["candidate"]
                last = (p.get("handover") or {}).get("last") or {}
                self.next_q = int(last.get("q", -1)) + 1
            self.move_in.set()

    def _status(self) -> None:
        self.node.set_status(candidate=self.candidate or "", progress=f"{self.next_q}/{self.questions}",
                             time_left=max(0, int((self.questions - self.next_q) * self.pace)), focus_losses=0)

    def run(self) -> None:
        while self.candidate is None:
            self._status()
            self.move_in.wait(0.2)
        while self.next_q < self.questions and not self.released:
            if self.deadline and time.monotonic() > self.deadline:
                break
            if self.fault_file:
                self.node.client.fault = os.path.exists(self.fault_file)
            burst = self.rng.random() < 0.1
            n = self.rng.randint(3, 6) if burst else 1
            for _ in range(n):
                if self.next_q >= self.questions or self.released:
                    break
                q = self.next_q
                t = time.time()
                env = self.node.record("answer", {"candidate": self.candidate, "q": q,
                                                  "a": answer_for(self.candidate, q), "t": t})
                self.saves.append((env.header.seq, round(time.time() - t, 6)))
                self.next_q += 1
                self._status()
                if burst:
                    time.sleep(self.rng.uniform(0.05, 0.3) * min(1.0, self.pace))
            time.sleep(self.rng.expovariate(1.0 / self.pace) if self.pace > 0 else 0)
        self._status()
        while True:  # wait until the master holds everything this terminal made
            if self.fault_file:
                self.node.client.fault = os.path.exists(self.fault_file)
            if self.node.acked >= self.node.last_seq():
                return
            self.node.wake()
            time.sleep(0.1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--terminal", action="append", default=[], help="FOLDER:CANDIDATE")
    ap.add_argument("--spare", action="append", default=[], help="FOLDER of a spare terminal")
    ap.add_argument("--questions", type=int, default=40)
    ap.add_argument("--pace", type=float, default=8.0, help="mean seconds between answers")
    ap.add_argument("--heartbeat", type=float, default=2.0)
    ap.add_argument("--fault-file")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--duration", type=float, help="stop answering after this many seconds")
    ap.add_argument("--go-file", help="start answering once this file exists")
    args = ap.parse_args(argv)
    passphrase = os.environ["EXAMSITE_TERMINAL_PASSPHRASE"]
    sims = []
    for i, spec in enumerate(args.terminal + [f"{s}:" for s in args.spare]):
        folder, _, candidate = spec.rpartition(":")
        node = TerminalNode.open(folder, passphrase, machine=Path(folder).name)
        node.heartbeat_every = args.heartbeat
        node.start()
        sims.append(SimCandidate(node, candidate or None, args.questions, args.pace, args.seed * 1000 + i,
                                 args.fault_file, args.duration))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not all(s.node.online for s in sims):
        time.sleep(0.05)  # the room connects before the exam starts
    print("READY", flush=True)
    while args.go_file and not os.path.exists(args.go_file):
        time.sleep(0.05)  # the proctor starts the room
    for s in sims:
        if s.deadline:
            s.deadline = time.monotonic() + args.duration
    threads = [threading.Thread(target=s.run, daemon=True) for s in sims]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in sims:
        print(json.dumps({"machine": s.node.machine_id, "candidate": s.candidate, "answered": s.next_q,
                          "last_seq": s.node.last_seq(), "acked": s.node.acked,
                          "offline_spells": s.offline_spells, "saves": s.saves}), flush=True)
        s.node.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())


def provision(site_handle, grant, folders: list[Path], passphrase: str, port: int,
              kdf: dict | None = None) -> list[str]:
    """Create and enroll terminal folders against a link served for the occasion on ``port``
    (the same port the master process will use); ``grant(code)`` is the operator granting a
    terminal's code (``NetService(ctx).grant``).  Returns the machine ids."""
    from app.net.master import MasterLink

    link = MasterLink(site_handle, "127.0.0.1", port).start()
    ids = []
    try:
        for folder in folders:
            node = TerminalNode.create(folder, passphrase, kdf, machine=Path(folder).name)
            try:
                code = node.request_enrollment(link.url, Path(folder).name)
                grant(code)
                node.complete_enrollment()
                ids.append(node.machine_id)
            finally:
                node.close()
    finally:
        link.stop()
    return ids


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
