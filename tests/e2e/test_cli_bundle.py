"""`examsite export / countersign / keys public / verify / exports` as a person runs them."""

import os
import subprocess
import sys
import zipfile

from app.services.demo import DEMO_PASSPHRASE, DEMO_STAFF

PW = {u: p for u, _, _, p, _ in DEMO_STAFF}


def run(*args, env_extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EXAMSITE_")}
    env.update(env_extra or {})
    return subprocess.run([sys.executable, "-m", "app", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def test_export_countersign_keys_verify(demo_site_dir, tmp_path):
    site = demo_site_dir
    out = tmp_path / "bundle.zip"
    as_admin = {"EXAMSITE_PASSPHRASE": DEMO_PASSPHRASE, "EXAMSITE_PASSWORD": PW["admin"]}
    r = run("export", "--site", site, "--out", out, env_extra=as_admin)
    assert r.returncode == 0, r.stderr
    assert "已导出第 1 号上报包" in r.stdout and out.exists()
    r = run("export", "--site", site, "--out", tmp_path / "x.zip", "--batch", "NO-SUCH-PLAN", env_extra=as_admin)
    assert r.returncode == 1 and "不存在" in r.stderr
    r = run("countersign", out, "--seq", "1", "--site", site, "--user", "neidu",
            env_extra={"EXAMSITE_PASSPHRASE": DEMO_PASSPHRASE, "EXAMSITE_PASSWORD": PW["neidu"]})
    assert r.returncode == 0, r.stderr
    trust = tmp_path / "trust.txt"
    r = run("keys", "public", "--site", site, "--out", trust, env_extra={"EXAMSITE_PASSPHRASE": DEMO_PASSPHRASE})
    assert r.returncode == 0, r.stderr
    text = trust.read_text(encoding="utf-8")
    assert text.startswith("examsite-trust 1") and " admin " in text and " internal_supervisor " in text
    assert "PRIVATE" not in text

    r = run("verify", out, "--trust", trust)  # no site, no passphrase
    assert r.returncode == 0, r.stderr
    assert "校验通过" in r.stdout and "内部质量督导员（neidu）" in r.stdout

    with zipfile.ZipFile(out) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(bad, "w") as zf:
        for n, data in members.items():
            if n.endswith("data/staff/assignments.json"):
                data = data.replace("刘芳".encode(), "刘方".encode())
            zf.writestr(n, data)
    r = run("verify", bad, "--trust", trust)
    assert r.returncode == 1
    assert r.stderr.strip().count("\n") == 0 and "data/staff/assignments.json" in r.stderr

    r = run("exports", "check", out, "--seq", "1", "--site", site, env_extra=as_admin)
    assert r.returncode == 0, r.stderr
    r = run("exports", "list", "--site", site, env_extra=as_admin)
    assert r.returncode == 0 and "已校验" in r.stdout and "site,admin,internal_supervisor" in r.stdout
