"""`examsite station provision-grader` and `examsite station grade ...` as the administrator
and a grader's script run them, against a master link on TLS loopback: one sitting signs a
run of sheets, each reaches the master once, and a second signature of the same sheet is
refused with its code ("操作技能考核评分由考评人员签字负责" [002 L3858], rules-digest L424)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from app.core import stations as st
from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.roster import RosterService
from app.services.stations import StationService
from app.store.keys import TEST_KDF
from tests.scoring_support import FULL, PASSWORDS, PLAN, setup_scoring, signature_png

ROOT = Path(__file__).resolve().parents[2]
STATION_PASS = "grader-station-pass-1"


def _run(demo_site_dir, *args, password="Demo-admin-2026", grader=""):
    from app.services.demo import DEMO_PASSPHRASE

    env = {**os.environ, "PYTHONPATH": str(ROOT), "EXAMSITE_PASSPHRASE": DEMO_PASSPHRASE,
           "EXAMSITE_PASSWORD": password, "EXAMSITE_STATION_PASSPHRASE": STATION_PASS,
           "EXAMSITE_GRADER_PASSWORD": grader}
    return subprocess.run([sys.executable, "-m", "app", *args], env=env, cwd=ROOT, capture_output=True,
                          text=True, timeout=180)


def test_a_grader_script_signs_a_run_of_sheets(demo, demo_login, demo_site_dir, tmp_path):
    setup_scoring(tmp_path, demo_login)
    tickets = [c.ticket_no for c in RosterService(demo_login("admin")).candidates(PLAN)[:3]]
    folder = tmp_path / "grader1"
    link = MasterLink(demo).start()
    try:
        node = TerminalNode.create(folder, STATION_PASS, TEST_KDF, machine="grader1")
        code = node.request_enrollment(link.url, "评分站1")
        mid = StationService(demo_login("admin")).enroll(code, st.GRADER_STATION, "评分站1", "实操车间")
        assert node.complete_enrollment()
        node.close()
        p = _run(demo_site_dir, "station", "provision-grader", "--machine", mid, "--batch", PLAN, "--group", "1",
                 "--site", str(demo_site_dir), "--user", "admin")
        assert p.returncode == 0 and "40" in p.stdout, p.stderr
        status = _run(demo_site_dir, "station", "status", "--folder", str(folder), "--wait", "5")
        assert status.returncode == 0, status.stderr
        assert (json.loads(status.stdout)["kind"], json.loads(status.stdout)["candidates"]) == (st.GRADER_STATION, 40)
        grade = ("station", "grade", "--folder", str(folder), "--user", "kaoping1", "--connect", "10")
        pw = PASSWORDS["kaoping1"]
        for x in tickets:
            s = _run(demo_site_dir, *grade, "save", x, *[f"{k}={v}" for k, v in FULL.items()], grader=pw)
            assert s.returncode == 0 and s.stdout.startswith("SAVED"), s.stdout + s.stderr
        bad = _run(demo_site_dir, *grade, "save", tickets[0], "1.1=999", grader=pw)
        assert bad.returncode != 0 and "Traceback" not in bad.stderr and "0—20" in bad.stderr, bad.stderr
        png = tmp_path / "sig.png"
        png.write_bytes(signature_png(3))
        signed = _run(demo_site_dir, *grade, "sign", *tickets, "--signature", str(png), "--wait", "15", grader=pw)
        assert signed.returncode == 0, signed.stdout + signed.stderr
        assert signed.stdout.count("VERDICT accepted") == 3, signed.stdout
        again = _run(demo_site_dir, *grade, "sign", tickets[0], "--signature", str(png), grader=pw)
        assert again.returncode != 0 and "没有待签字的评分表" in again.stderr
        listed = _run(demo_site_dir, *grade, "list", grader=pw)
        rows = [line.split("\t") for line in listed.stdout.splitlines()]
        assert sorted(r[0] for r in rows if r[4] == "signed" and r[5] == "accepted") == sorted(tickets)
        wrong = _run(demo_site_dir, *grade, "list", grader="not-the-password")
        assert wrong.returncode != 0 and "密码错误" in wrong.stderr and "Traceback" not in wrong.stderr
        # the two other graders sign the first ticket (one far apart), then the chief decides
        x = tickets[0]
        for user, entries in (("kaoping2", {**FULL, "1.3": 10}), ("zuzhang", FULL)):
            other = ("station", "grade", "--folder", str(folder), "--user", user, "--connect", "10")
            s = _run(demo_site_dir, *other, "save", x, *[f"{k}={v}" for k, v in entries.items()],
                     grader=PASSWORDS[user])
            assert s.returncode == 0, s.stderr
            s = _run(demo_site_dir, *other, "sign", x, "--signature", str(png), "--wait", "15", grader=PASSWORDS[user])
            assert s.returncode == 0 and "VERDICT accepted" in s.stdout, s.stdout + s.stderr
        chief = ("station", "grade", "--folder", str(folder), "--user", "zuzhang", "--connect", "10", "--wait", "15")
        seen = _run(demo_site_dir, *chief, "revealed", grader=PASSWORDS["zuzhang"])
        assert seen.returncode == 0 and seen.stdout.startswith(f"{x}\tdiscrepancy"), seen.stdout + seen.stderr
        not_chief = _run(demo_site_dir, *grade, "revealed", grader=pw)
        assert not_chief.returncode != 0 and "考评组长" in not_chief.stderr
        decided = _run(demo_site_dir, *chief, "reconcile", x, "94", "--reason", "复看考件照片，按94分认定",
                       grader=PASSWORDS["zuzhang"])
        assert decided.returncode == 0 and "VERDICT accepted" in decided.stdout, decided.stdout + decided.stderr
    finally:
        link.stop()
