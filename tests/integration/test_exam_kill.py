"""kill -9 at random moments, many times: no acknowledged answer is lost, the paper is
the same, and the remaining time is right after every restart."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.theory_support import demo_id_tail, prepare_exam

KILLS = 20
TICKET = "DG26040007"
ROOT = Path(__file__).resolve().parents[2]


def _spawn(site_dir, tail, seed, finish=False):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "tests.integration.exam_child", str(site_dir), TICKET, tail, str(seed)]
    if finish:
        args.append("finish")
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_sigkill_many_times_loses_no_acknowledged_answer(demo, demo_login, tmp_path, demo_site_dir):
    prepare_exam(demo, demo_login, tmp_path)
    tail = demo_id_tail(demo, TICKET)
    demo.close()
    rng = random.Random(20261122)
    acked: dict[str, str] = {}
    pending: tuple[str, str] | None = None  # a write tried but not acknowledged when the child died
    acked_consumed = 0
    alive_total = 0.0  # parent-measured time the children ran: consumed time can never exceed it
    resumes = 0
    history: list[tuple] = []  # (run, kind, qno, choice) for the failure message
    for run in range(KILLS + 1):
        started = time.monotonic()
        child = _spawn(demo_site_dir, tail, seed=run, finish=run == KILLS)
        head: list[str] = []
        if run < KILLS:
            if rng.random() < 0.25:  # during start-up, store opening, login, resume record
                time.sleep(rng.uniform(0.0, 1.0))
            else:  # while answering: after a random number of acknowledged answers, mid-commit
                target = rng.randint(0, 30)
                while sum(1 for x in head if x.startswith("ACK")) < target:
                    line = child.stdout.readline()
                    if not line:
                        break
                    head.append(line.rstrip("\n"))
                time.sleep(rng.uniform(0, 0.01))
            child.send_signal(signal.SIGKILL)
        # read on through the same buffered reader (communicate() would read the raw pipe and
        # skip lines readline() had already buffered)
        out = child.stdout.read()
        err = child.stderr.read()
        child.wait(timeout=120)
        out = "\n".join(head + [out])
        alive_total += time.monotonic() - started
        if run == KILLS:
            assert child.returncode == 0, err
        else:
            assert child.returncode == -signal.SIGKILL, err
        lines = out.splitlines()
        resume = next((json.loads(x[7:]) for x in lines if x.startswith("RESUME ")), None)
        if resume is not None:
            resumes += 1
            got = resume["answers"]
            history += [(run, "RESUME", q, c) for q, c in got.items()]
            # every acknowledged answer is there; a write that was cut off may or may not be
            for q, choice in acked.items():
                if pending and pending[0] == q and got.get(q) == pending[1]:
                    continue
                assert got.get(q) == choice, (f"run {run}: answer to {q} lost ({got.get(q)!r} != {choice!r}); "
                                              f"history {[h for h in history if h[2] == q]}")
            extra = set(got) - set(acked)
            assert not extra or (pending and extra == {pending[0]}), f"run {run}: unexpected answers {extra}"
            acked = dict(got)  # the store is the truth from here on
            # time: nothing acknowledged is given back, nothing counts beyond what really ran
            assert resume["consumed_ms"] >= acked_consumed
            assert resume["consumed_ms"] <= alive_total * 1000
            assert resume["remaining_ms"] == resume["duration_ms"] - resume["consumed_ms"]
            assert resume["status"] == "running"
            acked_consumed = resume["consumed_ms"]
            pending = None  # resolved: the store said what it holds
        for line in lines:
            kind, *rest = line.split()
            if kind in ("TRY", "ACK"):
                history.append((run, kind, rest[0], rest[1]))
            if kind == "TRY":
                pending = (rest[0], rest[1])
            elif kind == "ACK":
                acked[rest[0]] = rest[1]
                acked_consumed = int(rest[2])
                pending = None
            elif kind == "TICK":
                acked_consumed = int(rest[0])
        if run == KILLS:
            result = next(json.loads(x[7:]) for x in lines if x.startswith("RESULT "))
            assert len(result["questions"]) == 25
    assert resumes >= KILLS // 2  # most runs got as far as resuming (each resume checked above)
    assert len(acked) > 5
