"""Power cuts, many times at random moments, on a filesystem that loses every write that was
not fsynced (tests/robustness/lazyfs.py, after Jepsen's LazyFS).

Issue 20, item 6: "after each cut every acknowledged answer, every journaled segment and
site.json are intact and journal verify passes".  An answer is acknowledged when the kiosk
tells the candidate it is saved (ExamTerminal.answer returned); a segment is journaled when
its hash is in the journal; site.json is the one file a site cannot be opened without.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.robustness.power_support import ROOT, sha256
from tests.theory_support import demo_id_tail, prepare_exam

pytestmark = pytest.mark.slow

TICKET = "DG26040007"
TERMINAL_CUTS = int(os.environ.get("EXAMSITE_TERMINAL_CUTS", "12"))
RECORDER_CUTS = int(os.environ.get("EXAMSITE_RECORDER_CUTS", "6"))


def _journal_ok(site_dir: Path, passphrase: str) -> None:
    from app.services.site import open_site

    handle = open_site(site_dir, passphrase)
    try:
        report = handle.store.journal.verify()
        assert report.ok, f"journal broken after a power cut: {report.fault} at {report.bad_seq}"
        assert not handle.store.integrity_check()
    finally:
        handle.close(checkpoint=False)


def test_lazyfs_loses_exactly_what_was_not_fsynced(tmp_path, powered):
    """The tool itself: unsynced data and a commit without fsync are lost, fsynced ones kept
    (otherwise the tests below would prove nothing)."""
    disk = powered("fs")
    with open(disk.path / "f", "wb") as f:
        f.write(b"kept")
        f.flush()
        os.fsync(f.fileno())
        f.write(b"+lost")
    assert (disk.path / "f").read_bytes() == b"kept+lost"  # the page cache has it
    for sync, name in (("FULL", "full.db"), ("OFF", "off.db")):
        db = sqlite3.connect(disk.path / name)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute(f"PRAGMA synchronous={sync}")
        db.execute("CREATE TABLE t(x)")
        db.commit()
        for i in range(50):
            db.execute("INSERT INTO t VALUES (?)", (i,))
            db.commit()
        db.close() if sync == "FULL" else None  # OFF: the process "dies" holding its WAL
    disk.cut()
    disk.boot()
    assert (disk.path / "f").read_bytes() == b"kept"
    assert sqlite3.connect(disk.path / "full.db").execute("SELECT count(*) FROM t").fetchone() == (50,)
    try:
        lost = sqlite3.connect(disk.path / "off.db").execute("SELECT count(*) FROM t").fetchone()[0] < 50
    except sqlite3.DatabaseError:
        lost = True
    assert lost, "synchronous=OFF kept every commit: the filesystem did not drop unsynced writes"


class _Answers:
    """What the candidate was told (ACK: saved) against what the terminal holds after a boot
    (RESUME).  An answer acknowledged must be there; the one write in flight when the power
    went (TRY without ACK) may or may not be, as with a real disk."""

    def __init__(self):
        self.acked: dict[str, str] = {}
        self.pending: tuple[str, str] | None = None
        self.acks = self.resumed = 0

    def line(self, line: str, when: str) -> None:
        kind, *rest = line.split() or [""]
        if kind == "TRY":
            self.pending = (rest[0], rest[1])
        elif kind == "ACK":
            self.acked[rest[0]] = rest[1]
            self.pending = None
            self.acks += 1
        elif kind == "RESUME":
            got = json.loads(line[7:])["answers"]
            for q, choice in self.acked.items():
                if self.pending and self.pending[0] == q and got.get(q) == self.pending[1]:
                    continue  # the write in flight made it to the disk before the cut
                assert got.get(q) == choice, f"{when}: acknowledged answer to {q} lost ({got.get(q)!r} != {choice!r})"
            extra = set(got) - set(self.acked)
            assert not extra or (self.pending and extra == {self.pending[0]}), f"{when}: unexpected answers {extra}"
            self.acked, self.pending = dict(got), None
            self.resumed += 1


def _kill(proc) -> None:
    if proc is not None and proc.poll() is None:
        proc.kill()
        proc.wait()


def _spawn_candidate(site_dir, tail, seed):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [sys.executable, "-m", "tests.integration.exam_child", str(site_dir), TICKET, tail, str(seed)]
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_power_cut_exam_terminal_keeps_every_acknowledged_answer(demo, demo_login, tmp_path, demo_site_dir, powered):
    """The candidate's terminal loses power mid-exam, again and again: every answer the
    kiosk acknowledged is there after each boot, site.json is byte for byte the same, and
    the journal verifies."""
    from app.services.demo import DEMO_PASSPHRASE

    prepare_exam(demo, demo_login, tmp_path)
    tail = demo_id_tail(demo, TICKET)
    demo.close()
    disk = powered("terminal", source=demo_site_dir)
    site_json = sha256(disk.backing / "site.json")
    rng = random.Random(20261202)
    seen = _Answers()
    child = None
    try:
        for run in range(TERMINAL_CUTS):
            child = _spawn_candidate(disk.path, tail, seed=run)
            if rng.random() < 0.2:  # while the store opens, the candidate logs in, the paper resumes
                time.sleep(rng.uniform(0.2, 2.5))
            else:  # while answering, mid-commit
                target, start = rng.randint(1, 25), seen.acks
                while seen.acks - start < target:
                    line = child.stdout.readline()
                    if not line:
                        break
                    seen.line(line, f"cut {run}")
                time.sleep(rng.uniform(0, 0.02))
            if rng.random() < 0.5:
                disk.cut()  # the power goes ...
            else:
                disk.cut_in_flight()  # ... or goes while an answer is being written
            child.send_signal(signal.SIGKILL)  # ... and with it the process
            child.wait(timeout=60)
            for line in child.stdout.read().splitlines():  # what the candidate saw before the cut
                seen.line(line, f"cut {run}")
            disk.boot()
            assert sha256(disk.path / "site.json") == site_json
            _journal_ok(disk.path, DEMO_PASSPHRASE)
        # the last boot: the candidate logs in once more and finds every acknowledged answer
        child = _spawn_candidate(disk.path, tail, seed=999)
        line = child.stdout.readline()
        child.kill()
        child.wait()
        assert line.startswith("RESUME "), child.stderr.read()[-2000:]
        seen.line(line, f"after {disk.cuts} cuts")
        acked, resumed = seen.acked, seen.resumed
        assert disk.cuts == TERMINAL_CUTS and resumed >= TERMINAL_CUTS // 2 and len(acked) >= 5
        # the cuts hit writes in flight, not only an idle disk
        assert any(lost for lost in disk.lost), disk.lost
        print(f"terminal: {disk.cuts} power cuts survived, {len(acked)} acknowledged answers kept, "
              f"unsynced data dropped at {sum(1 for x in disk.lost if x)} cuts")
    finally:
        _kill(child)


def test_power_cut_recorder_keeps_every_journaled_segment(site, admin, site_dir, tmp_path, powered):
    """The camera laptop loses power while recording short segments, again and again: every
    segment whose hash is in the journal is on disk with that hash after each boot, and the
    journal verifies.  (A segment being written at the cut is not journaled; its gap is the
    recorder's business at the next start.)"""
    from app.camera.synthetic import write_test_video
    from app.services.camera import CameraService
    from app.services.site import open_site
    from tests.conftest import ADMIN_PASSWORD, PASSPHRASE

    video = tmp_path / "room.avi"
    write_test_video(video, frames=20, fps=10, size=(320, 240))
    CameraService(admin).add_camera("C1", "前方", "第1考场", "R01", str(video), loop=True)
    site.close()
    disk = powered("camera", source=site_dir)
    site_json = sha256(disk.backing / "site.json")
    env = dict(os.environ, PYTHONPATH=str(ROOT), EXAMSITE_PASSPHRASE=PASSPHRASE, EXAMSITE_PASSWORD=ADMIN_PASSWORD)
    rng = random.Random(7)
    journaled = 0
    rec = None
    try:
        for run in range(RECORDER_CUTS):
            rec = subprocess.Popen([sys.executable, "-m", "app", "camera", "record", "--site", str(disk.path),
                                    "--camera", "C1", "--segment-seconds", "0.3"],
                                   cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(rng.uniform(4.0, 7.0))
            disk.cut()
            rec.send_signal(signal.SIGKILL)
            rec.wait(timeout=60)
            disk.boot()
            assert sha256(disk.path / "site.json") == site_json
            _journal_ok(disk.path, PASSPHRASE)
            handle = open_site(disk.path, PASSPHRASE)
            try:
                svc = CameraService(handle.login("admin", ADMIN_PASSWORD))
                assert svc.verify_segments() == [], f"cut {run}"
                now = len(svc.segments(camera="C1"))
            finally:
                handle.close(checkpoint=False)
            assert now >= journaled  # nothing journaled before a cut disappears
            journaled = now
        assert journaled > 0, "no segment was ever journaled: the test saw nothing"
        print(f"recorder: {disk.cuts} power cuts survived, {journaled} journaled segments intact, "
              f"unsynced data dropped at {sum(1 for x in disk.lost if x)} cuts")
    finally:
        _kill(rec)


MASTER_CUTS = int(os.environ.get("EXAMSITE_MASTER_CUTS", "4"))
MASTER_TICKETS = ["DG26040001", "DG26040002"]


def test_power_cut_master_loses_no_acknowledged_record(demo, demo_login, tmp_path, demo_site_dir, powered):
    """The master laptop loses power while two terminals stream answers to it, several times:
    a terminal forgets a record once the master acknowledged it, so a record the master lost
    would be missing at the end.  After the last boot the master holds exactly the answers
    each candidate gave, and its journal verifies after every cut."""
    from sqlalchemy import select

    from app.core.exam.questions import LABELS, Question
    from app.net.master import MasterLink
    from app.net.simulate import free_port
    from app.net.terminal import TerminalNode
    from app.rehearsal.terminal_candidate import choice_for
    from app.services.base import find_batch
    from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN
    from app.services.net import NetService
    from app.services.room import RoomService
    from app.services.site import open_site
    from app.services.terminal import TerminalService
    from app.services.theory import open_package
    from app.store import theory_tables as tt
    from app.store.room_tables import RoomSitting
    from tests.e2e.room_support import process_env, start_master

    tpass = "terminal-pass-cut"
    prepare_exam(demo, demo_login, tmp_path)
    office = demo_login("kaowu")
    office.clock = demo.clock
    port = free_port()
    folders = [tmp_path / f"t{i}" for i in range(len(MASTER_TICKETS))]
    link = MasterLink(demo, "127.0.0.1", port).start()
    try:
        for f in folders:
            TerminalService(office).provision(f, tpass, DEMO_PLAN)
            node = TerminalNode.open(f, tpass)
            NetService(demo_login("admin")).grant(node.request_enrollment(link.url, f.name))
            node.complete_enrollment()
            node.close()
    finally:
        link.stop()
    tails = {t: demo_id_tail(demo, t) for t in MASTER_TICKETS}
    demo.close()
    disk = powered("master", source=demo_site_dir)
    site_json = sha256(disk.backing / "site.json")
    env = process_env(DEMO_PASSPHRASE, tpass)
    rng = random.Random(11)
    master = start_master(disk.path, port, env)
    terms = [subprocess.Popen([sys.executable, "-m", "app.rehearsal.terminal_candidate", str(f), "--tails",
                               json.dumps(tails), "--ticket", t, "--pace", "0.3", "--heartbeat", "0.3"],
                              env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for f, t in zip(folders, MASTER_TICKETS)]
    try:
        for _ in range(MASTER_CUTS):
            time.sleep(rng.uniform(1.0, 2.5))
            disk.cut()
            master.send_signal(signal.SIGKILL)
            master.wait(timeout=60)
            disk.boot()
            assert sha256(disk.path / "site.json") == site_json
            _journal_ok(disk.path, DEMO_PASSPHRASE)
            master = start_master(disk.path, port, env)
        for t in terms:
            out, err = t.communicate(timeout=240)
            assert t.returncode == 0, err[-3000:]
    finally:
        for p in terms + [master]:
            if p.poll() is None:
                p.kill()
                p.wait()
    handle = open_site(disk.path, DEMO_PASSPHRASE)
    try:
        proctor = handle.login("jiankao1", "Demo-jiankao-2026")
        with handle.store.read() as s:
            items = {r.ticket_no: r.items for r in s.scalars(select(RoomSitting))}
            seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == find_batch(s, DEMO_PLAN).id)).one()
            qtype = {c: Question.from_dict(d).qtype.value
                     for c, d in open_package(handle.store, DEMO_PLAN, seal)["questions"].items()}
        views = {v.ticket_no: v for v in RoomService(proctor).sittings(DEMO_PLAN)}
        for ticket in MASTER_TICKETS:
            expected = {}
            for qno, code, sec, order in items[ticket]:
                shown = choice_for(ticket, qno, list(LABELS[:len(order)]), qtype[code])
                expected[qno] = "".join(sorted(order[LABELS.index(c)] for c in shown))
            assert RoomService(proctor).answers(DEMO_PLAN, ticket) == expected, ticket
            assert views[ticket].status == "submitted"
    finally:
        handle.close()
    print(f"master: {disk.cuts} power cuts survived, every answer of {len(MASTER_TICKETS)} candidates on the master, "
          f"unsynced data dropped at {sum(1 for x in disk.lost if x)} cuts")
