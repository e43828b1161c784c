"""The `examsite` commands as a person runs them, in real processes."""

import hashlib
import os
import subprocess
import sys

from openpyxl import load_workbook

PASS = "cli-site-passphrase"


def run(*args, env_extra=None, input_text=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXAMSITE_")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          env=env, input=input_text, timeout=120)


def test_init_import_user_verify(tmp_path):
    site = tmp_path / "site"
    env = {"EXAMSITE_PASSPHRASE": PASS, "EXAMSITE_ADMIN_PASSWORD": "Admin-pass-1"}
    r = run("init", "--site", site, "--name", "郑州示例认定中心", "--category", "S", "--province", "41",
            "--site-serial", "010123", env_extra=env)
    assert r.returncode == 0, r.stderr
    assert not (site / "site.db").read_bytes().startswith(b"SQLite format 3")

    import datetime as dt
    from app.services.demo import demo_roster
    roster = demo_roster(tmp_path / "in", 6, 1, dt.date(2026, 12, 5))
    wb = load_workbook(roster)
    good = wb["考生名册"]["F4"].value
    wb["考生名册"]["F4"] = good[:6] + "19991340" + good[14:]  # an impossible birth date
    wb.save(roster)
    env_user = {**env, "EXAMSITE_PASSWORD": "Admin-pass-1"}
    r = run("import", "roster", roster, "--site", site, "--photos", tmp_path / "in" / "photos", env_extra=env_user)
    assert r.returncode == 1
    assert "第 4 行「证件号码」列" in r.stderr and "出生日期" in r.stderr
    wb["考生名册"]["F4"] = good
    wb.save(roster)
    r = run("import", "roster", roster, "--site", site, "--photos", tmp_path / "in" / "photos", env_extra=env_user)
    assert r.returncode == 0, r.stderr
    assert "考生 6 名" in r.stdout and "照片 6 张" in r.stdout

    r = run("user", "add", "kaowu", "--site", site, "--name", "李静", "--roles", "staff",
            env_extra={**env_user, "EXAMSITE_NEW_PASSWORD": "Staff-pass-1"})
    assert r.returncode == 0, r.stderr
    r = run("user", "list", "--site", site, env_extra=env_user)
    assert "kaowu" in r.stdout and "考务人员" in r.stdout
    r = run("user", "add", "x", "--site", site, "--name", "x", "--roles", "staff", "--user", "kaowu",
            env_extra={**env, "EXAMSITE_PASSWORD": "Staff-pass-1", "EXAMSITE_NEW_PASSWORD": "Other-pass-1"})
    assert r.returncode == 1 and "无权" in r.stderr

    r = run("journal", "verify", "--site", site, env_extra=env)
    assert r.returncode == 0 and "日志完好" in r.stdout


def test_wrong_passphrase_one_line_and_no_byte_changed(tmp_path):
    site = tmp_path / "site"
    r = run("demo", "--site", site, "--candidates", "4")
    assert r.returncode == 0, r.stderr
    assert "Demo-admin-2026" in r.stdout
    digest = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.iterdir()}
    r = run("journal", "verify", "--site", site, env_extra={"EXAMSITE_PASSPHRASE": "wrong-passphrase"})
    assert r.returncode == 3
    assert len(r.stderr.strip().splitlines()) == 1 and "口令错误" in r.stderr
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in site.iterdir()} == digest


def test_passphrase_file_and_missing_secret(tmp_path):
    site = tmp_path / "site"
    run("demo", "--site", site, "--candidates", "2")
    pf = tmp_path / "pass.txt"
    pf.write_text("demo-site-2026\n")
    assert run("journal", "verify", "--site", site, "--passphrase-file", pf).returncode == 0
    r = run("journal", "verify", "--site", site)  # no tty, no env: clear refusal
    assert r.returncode == 2 and "EXAMSITE_PASSPHRASE" in r.stderr


def test_template_and_version(tmp_path):
    out = tmp_path / "t.xlsx"
    assert run("template", out).returncode == 0
    assert set(load_workbook(out).sheetnames) == {"认定计划", "考生名册"}
    r = run("--version")
    assert r.returncode == 0 and "ExamSite" in r.stdout
