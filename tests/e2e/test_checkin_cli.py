"""检录 commands in real processes on a copy of the demo site."""

from __future__ import annotations

import subprocess

from tests.e2e.test_cli import run

from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN

ENV = {"EXAMSITE_PASSPHRASE": DEMO_PASSPHRASE, "EXAMSITE_PASSWORD": "Demo-admin-2026"}


def text_of(pdf):
    return subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout


def test_session_seats_tickets_sheets_and_bans(demo_site_dir, tmp_path):
    site = demo_site_dir
    r = run("checkin", "session", "add", "--site", site, "--batch", DEMO_PLAN, "--name", "理论知识考试",
            "--subject", "theory", "--start", "2026-11-23 09:00", env_extra=ENV)
    assert r.returncode == 0, r.stderr
    r = run("seats", "assign", "--site", site, "--batch", DEMO_PLAN, "--room", "第1考场", "--rows", "4", "--cols", "5",
            "--seed", "11", env_extra=ENV)
    assert r.returncode == 0 and "已排座 20 人" in r.stdout, r.stderr
    out = tmp_path / "seats.pdf"
    assert run("seats", "chart", "--site", site, "--batch", DEMO_PLAN, "--room", "第1考场", "--out", out,
               env_extra=ENV).returncode == 0
    assert "种子 11" in text_of(out)
    out = tmp_path / "tickets.pdf"
    r = run("tickets", "--site", site, "--batch", DEMO_PLAN, "--out", out, "--ticket", "DG26040001", env_extra=ENV)
    assert r.returncode == 0 and "1 张" in r.stdout, r.stderr
    assert "DG26040001" in text_of(out) and "准考证" in text_of(out)
    out = tmp_path / "signin.pdf"
    assert run("sheets", "signin", "--site", site, "--batch", DEMO_PLAN, "--session", "1", "--out", out,
               env_extra=ENV).returncode == 0
    assert "考生签到表" in text_of(out)
    r = run("ban", "add", "--site", site, "--id-no", "410102199003071230", "--reason", "替考", "--from", "2026-01-01",
            "--until", "2027-12-31", env_extra=ENV)
    assert r.returncode == 0, r.stderr
    r = run("ban", "check", "--site", site, "--id-no", "410102199003071230", "--on", "2026-11-23", env_extra=ENV)
    assert r.returncode == 1 and "禁考：替考" in r.stdout
    r = run("journal", "verify", "--site", site, env_extra=ENV)
    assert r.returncode == 0, r.stdout + r.stderr
