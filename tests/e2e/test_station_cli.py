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


def test_packs_both_ways_from_the_command_line(demo, demo_login, demo_site_dir, tmp_path):
    """The USB road with the link down all along: the master's provisioning carried to the desk,
    the desk's check-in carried back; carried twice, it is one admission [003 L48]."""
    from app.core import stations as st
    from app.services.stations import StationService

    start = _dt.datetime.now(_dt.timezone.utc) + _dt.timedelta(hours=1)
    sid = CheckinService(demo_login("admin")).create_session(DEMO_PLAN, "理论知识考试", "theory", start, 30)
    with demo.store.read() as s:
        ticket = s.scalars(select(models.Candidate.ticket_no).order_by(models.Candidate.ticket_no)).first()
    desk = tmp_path / "desk1"
    link = MasterLink(demo).start()
    try:  # enrollment needs the link once
        node = TerminalNode.create(desk, DESK_PASS, TEST_KDF, machine="desk1")
        mid = StationService(demo_login("admin")).enroll(node.request_enrollment(link.url, "desk1"), st.DOOR_DESK)
        assert node.complete_enrollment()
        node.close()
    finally:
        link.stop()
    site = ("--site", str(demo_site_dir), "--user", "admin")
    assert _run("station", "provision", mid, "--session", str(sid), *site).returncode == 0
    cmds = tmp_path / "to-desk1.espack"
    out = _run("station", "pack-commands", mid, "--out", str(cmds), *site)
    assert out.returncode == 0 and out.stdout.strip().endswith("指令 3 条"), out.stdout + out.stderr
    took = _run("station", "pack-import", "--folder", str(desk), str(cmds))
    assert took.returncode == 0 and took.stdout.strip().endswith("新增指令 3 条"), took.stdout + took.stderr
    status = json.loads(_run("station", "status", "--folder", str(desk)).stdout)
    assert (status["kind"], status["session_id"], status["candidates"]) == ("door_desk", sid, 40)
    checked = _run("station", "check-in", "--folder", str(desk), ticket, "--connect", "0")
    assert checked.returncode == 0 and checked.stdout.startswith("ADMITTED_LOCAL"), checked.stdout + checked.stderr
    back = tmp_path / "desk1.espack"
    wrote = _run("station", "pack-export", "--folder", str(desk), "--out", str(back))
    assert wrote.returncode == 0 and wrote.stdout.strip().endswith("记录 1 条"), wrote.stdout + wrote.stderr
    first = _run("link", "import-pack", str(back), *site)
    again = _run("link", "import-pack", str(back), *site)
    assert first.stdout.strip().endswith("新增 1\t重复 0") and again.stdout.strip().endswith("新增 0\t重复 1"), \
        first.stdout + first.stderr + again.stdout + again.stderr
    with demo.store.read() as s:
        from app.store.checkin_tables import Checkin

        assert s.query(Checkin).filter(Checkin.session_id == sid, Checkin.undone_at.is_(None)).count() == 1
    # the desk's own pack is not a pack of commands for it: one Chinese line, no traceback
    wrong = _run("station", "pack-import", "--folder", str(desk), str(back))
    assert wrong.returncode != 0 and "不是主机发给本机" in wrong.stderr and "Traceback" not in wrong.stderr
