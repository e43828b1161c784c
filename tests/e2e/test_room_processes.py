"""A theory room on loopback with real processes: a master and four terminals (one spare).

Mid-exam a terminal is killed (SIGKILL) and restarted, the master is killed and restarted,
one terminal's link is cut and restored, and one terminal dies for good: its candidate is
moved to the spare, and its disk's answer pack is imported (twice).  At the end the master
holds every record each terminal made exactly once, and every candidate's answers are
exactly what the simulated candidate answered."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

from sqlalchemy import select

from app.core.actor import Actor
from app.net.simulate import answer_for, free_port, provision
from app.net.terminal import TerminalNode
from app.services.base import ServiceContext
from app.services.net import NetService, ProctorService
from app.store.keys import TEST_KDF
from app.store.net_tables import ReceivedRecord
from tests.conftest import PASSPHRASE
from tests.e2e.room_support import ROOT, process_env, start_master

TPASS = "terminal-pass-1"
QUESTIONS = 30


def _env():
    return process_env(PASSPHRASE, TPASS)


def _master(site_dir, port):
    return start_master(site_dir, port, _env())


def _sim(args, fault=None):
    cmd = [sys.executable, "-m", "app.net.simulate", "--questions", str(QUESTIONS), "--pace", "0.3",
           "--heartbeat", "0.5", *args]
    if fault:
        cmd += ["--fault-file", str(fault)]
    return subprocess.Popen(cmd, env=_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_answers(store, machine, n, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with store.read() as s:
            if len(list(s.scalars(select(ReceivedRecord.seq).where(ReceivedRecord.machine_id == machine)))) >= n:
                return
        time.sleep(0.1)
    raise AssertionError(f"{machine} did not reach {n} records")


def test_room_survives_kills_cuts_and_a_move(tmp_path, site, admin):
    site_dir = site.site_dir
    port = free_port()
    folders = [tmp_path / f"t{i}" for i in range(1, 5)]
    ids = provision(site, NetService(admin).grant, folders, TPASS, port, TEST_KDF)
    assert ids == ["T001", "T002", "T003", "T004"]
    cands = {"T001": "2641000001", "T002": "2641000002", "T003": "2641000003"}
    fault = tmp_path / "cut-T001"
    procs = []
    master = _master(site_dir, port)
    procs.append(master)
    sims = {mid: _sim(["--terminal", f"{f}:{cands[mid]}", "--seed", str(i)], fault if mid == "T001" else None)
            for i, (mid, f) in enumerate(zip(ids[:3], folders))}
    sims["T004"] = _sim(["--spare", str(folders[3])])
    try:
        _wait_answers(site.store, "T001", 3)
        fault.write_text("cut")  # T001's cable pulled: it keeps answering on its own store
        _wait_answers(site.store, "T002", 5)
        sims["T002"].send_signal(signal.SIGKILL)
        sims["T002"].wait()
        sims["T002"] = _sim(["--terminal", f"{folders[1]}:{cands['T002']}", "--seed", "9"])
        _wait_answers(site.store, "T003", 8)
        master.send_signal(signal.SIGKILL)  # the master dies mid-stream
        master.wait()
        time.sleep(1.5)
        fault.unlink()
        master = _master(site_dir, port)
        procs.append(master)
        _wait_answers(site.store, "T003", 12)
        sims["T003"].send_signal(signal.SIGKILL)  # T003 dies for good
        sims["T003"].wait()
        proctor = ServiceContext(site.store, Actor(9, "jiankao", "监考甲", "proctor", "m"))
        ProctorService(proctor).move(cands["T003"], "T003", "T004", "终端死机")
        reports = {}
        for mid in ("T001", "T002", "T004"):
            out, err = sims[mid].communicate(timeout=120)
            assert sims[mid].returncode == 0, err[-2000:]
            reports[mid] = json.loads(out.strip().splitlines()[-1])
        assert reports["T001"]["offline_spells"] >= 1  # the cut was noticed and shown
        assert reports["T004"]["candidate"] == cands["T003"]  # the spare took the moved candidate
    finally:
        for p in list(sims.values()) + procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    # the dead terminal's disk still has everything: its answer pack, imported twice
    dead = TerminalNode.open(folders[2], TPASS)
    pack = dead.write_pack(tmp_path / "T003.espack")
    dead.close()
    NetService(admin).import_pack(pack)
    again = NetService(admin).import_pack(pack)
    assert again.new == 0

    with site.store.read() as s:
        rows = list(s.scalars(select(ReceivedRecord)))
    for mid, folder in zip(ids, folders):
        node = TerminalNode.open(folder, TPASS)
        made = {e.header.seq: e.content_hash for e in node.outbox()}
        node.close()
        got = {r.seq: r.content_hash for r in rows if r.machine_id == mid}
        assert got == made, mid  # every record exactly once (keyed by (machine, seq); same content)
    latest: dict[tuple[str, int], tuple[str, str]] = {}
    for r in sorted(rows, key=lambda r: r.created_at):
        if r.kind == "answer":
            latest[(r.payload["candidate"], r.payload["q"])] = r.payload["a"]
    for c in cands.values():
        answered = {q: a for (cc, q), a in latest.items() if cc == c}
        assert answered == {q: answer_for(c, q) for q in range(QUESTIONS)}, c
    assert site.store.journal.verify().ok
