"""`examsite station ...` as the administrator and the door desks run them: two desks
enrolled and provisioned from the command line against a master link on TLS loopback; a
candidate checked in at one desk is refused at the other (rules-digest §7.1:
"职工**凭准考证和身份证**进入考场" [003 L48], one admission per candidate)."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.checkin import CheckinService
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN
from app.store import models
from app.store.keys import TEST_KDF

ROOT = Path(__file__).resolve().parents[2]
DESK_PASS = "door-desk-pass-1"


def _env():
    return {**os.environ, "PYTHONPATH": str(ROOT), "EXAMSITE_PASSPHRASE": DEMO_PASSPHRASE,
            "EXAMSITE_PASSWORD": "Demo-admin-2026", "EXAMSITE_STATION_PASSPHRASE": DESK_PASS}


def _run(*args):
    return subprocess.run([sys.executable, "-m", "app", *args], env=_env(), cwd=ROOT, capture_output=True,
                          text=True, timeout=180)


def _enroll(link, demo_site_dir, folder: Path, name: str) -> str:
    TerminalNode.create(folder, DESK_PASS, TEST_KDF, machine=name).close()  # cheap KDF for the test
    child = subprocess.Popen([sys.executable, "-m", "app", "station", "enroll", "--folder", str(folder),
                              "--master", link.url, "--name", name, "--wait", "120"],
                             env=_env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        line = child.stdout.readline()
        assert line.startswith("登记码："), child.stderr.read() if not line else line
        code = line.split("：", 1)[1].strip()
        g = _run("station", "grant", code, "--kind", "door_desk", "--name", name, "--site", str(demo_site_dir),
                 "--user", "admin")
        assert g.returncode == 0, g.stderr
        out, err = child.communicate(timeout=120)
        assert child.returncode == 0, err
        return g.stdout.strip()
    finally:
        if child.poll() is None:
            child.kill()


def test_two_desks_from_the_command_line(demo, demo_login, demo_site_dir, tmp_path):
    start = _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(hours=1)
    sid = CheckinService(demo_login("admin")).create_session(DEMO_PLAN, "理论知识考试", "theory", start, 30)
    with demo.store.read() as s:
        ticket = s.scalars(select(models.Candidate.ticket_no).order_by(models.Candidate.ticket_no)).first()
    link = MasterLink(demo).start()
    try:
        ids = [_enroll(link, demo_site_dir, tmp_path / f"desk{i}", f"desk{i}") for i in (1, 2)]
        for mid in ids:
            p = _run("station", "provision", mid, "--session", str(sid), "--site", str(demo_site_dir),
                     "--user", "admin")
            assert p.returncode == 0 and "40" in p.stdout, p.stderr
        listed = _run("station", "list", "--site", str(demo_site_dir), "--user", "admin")
        assert [line.split("\t")[2] for line in listed.stdout.splitlines()] == ["door_desk", "door_desk"]
        machines = _run("link", "machines", "--site", str(demo_site_dir), "--user", "admin")
        assert all(line.endswith("\tdoor_desk") for line in machines.stdout.splitlines()), machines.stdout
        status = _run("station", "status", "--folder", str(tmp_path / "desk1"), "--wait", "5")
        assert status.returncode == 0, status.stderr
        st = json.loads(status.stdout)
        assert (st["kind"], st["session_id"], st["candidates"]) == ("door_desk", sid, 40)
        first = _run("station", "check-in", "--folder", str(tmp_path / "desk1"), ticket, "--connect", "10")
        assert first.returncode == 0 and first.stdout.startswith("ADMITTED"), first.stdout + first.stderr
        second = _run("station", "check-in", "--folder", str(tmp_path / "desk2"), ticket, "--connect", "10")
        assert second.returncode == 3 and second.stdout.startswith("REFUSED already"), second.stdout + second.stderr
    finally:
        link.stop()
