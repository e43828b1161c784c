"""`examsite station ...` as the administrator and a room console run them (issue 17): a console
enrolled for 第1考场 and provisioned from the command line; two proctors sign a finding there and
the room head confirms it (违纪指引 第十六条 [002 L1758–1776]: "经2名（含）以上工作人员签字报考场负责人确认");
the room head signing as a witness is refused with the rule's code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN
from app.services.misconduct import MisconductService
from app.services.stations import StationService
from app.store import models
from app.store.keys import TEST_KDF

ROOT = Path(__file__).resolve().parents[2]
CONSOLE_PASS = "room-console-pass-1"


def _run(*args, password="Demo-admin-2026"):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "EXAMSITE_PASSPHRASE": DEMO_PASSPHRASE,
           "EXAMSITE_PASSWORD": password, "EXAMSITE_STATION_PASSPHRASE": CONSOLE_PASS}
    return subprocess.run([sys.executable, "-m", "app", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=180)


def test_a_room_console_from_the_command_line(demo, demo_login, demo_site_dir, tmp_path):
    folder = tmp_path / "console1"
    with demo.store.read() as s:
        ticket = s.scalars(select(models.Candidate.ticket_no).where(models.Candidate.room == "第1考场")
                           .order_by(models.Candidate.ticket_no)).first()
    link = MasterLink(demo).start()
    try:
        node = TerminalNode.create(folder, CONSOLE_PASS, TEST_KDF, machine="console1")
        code = node.request_enrollment(link.url, "一号监考台")
        mid = StationService(demo_login("admin")).enroll(code, "room_console", "一号监考台", "第1考场")
        assert node.complete_enrollment()
        node.close()
        p = _run("station", "provision-room", "--machine", mid, "--batch", DEMO_PLAN, "--site", str(demo_site_dir),
                 "--user", "admin")
        assert p.returncode == 0 and "考生 20 名" in p.stdout, p.stderr
        status = _run("station", "room-status", "--folder", str(folder), "--wait", "5")
        st = json.loads(status.stdout)
        assert (st["kind"], st["room"], st["candidates"], st["staff"]) == ("room_console", "第1考场", 20, 3)
        proctor, head = "Demo-jiankao-2026", "Demo-kaochang-2026"
        opened = _run("station", "finding-open", "--folder", str(folder), "--by", "jiankao1", "--ticket", ticket,
                      "--article", "6", "--item", "1", "--facts", "09:40 发现考生使用手机", "--connect", "10",
                      password=proctor)
        assert opened.returncode == 0 and opened.stdout.startswith("SAVED"), opened.stdout + opened.stderr
        ref = opened.stdout.split()[1]
        refused = _run("station", "finding-sign", "--folder", str(folder), "--by", "kaochang", ref, password=head)
        assert refused.returncode == 3 and refused.stdout.startswith("REFUSED room_head_witness"), refused.stdout
        for who in ("jiankao1", "jiankao2"):
            signed = _run("station", "finding-sign", "--folder", str(folder), "--by", who, ref, "--connect", "10",
                          password=proctor)
            assert signed.returncode == 0 and "\theld\t" in signed.stdout, signed.stdout + signed.stderr
        confirmed = _run("station", "finding-confirm", "--folder", str(folder), "--by", "kaochang", ref,
                         "--connect", "10", password=head)
        assert confirmed.returncode == 0 and "\theld\t" in confirmed.stdout, confirmed.stdout + confirmed.stderr
        [f] = MisconductService(demo_login("admin")).findings(DEMO_PLAN)
        assert (f.ticket_no, f.status, f.confirmed_by) == (ticket, "confirmed", "周建国")
        listed = _run("station", "findings", "--folder", str(folder))
        assert listed.stdout.split("\t")[:4] == [ref, ticket, f.name, "confirmed"], listed.stdout
    finally:
        link.stop()
