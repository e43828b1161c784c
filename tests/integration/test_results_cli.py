"""`examsite verify-cert` offline (a real process, only site.json), and the results commands."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from app.cli import main
from app.services.certificates import CertificateService
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN
from tests.integration.test_results_flow import _approve, _publish_and_close, flow  # noqa: F401

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("EXAMSITE_PASSPHRASE", None)
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, env=env, cwd=ROOT)


def test_verify_cert_offline_from_pdf_and_text(flow, tmp_path):
    admin = _approve(flow)
    _publish_and_close(flow, admin)
    out = CertificateService(admin).allocate(DEMO_PLAN)
    CertificateService(admin).render(DEMO_PLAN, tmp_path / "one.pdf", numbers=[out[0][1]])
    site_json = flow["demo"].site_dir / "site.json"
    copy = tmp_path / "site.json"
    copy.write_bytes(site_json.read_bytes())  # only the public file travels
    r = _cli("verify-cert", "--site-json", str(copy), "--file", str(tmp_path / "one.pdf"))
    assert r.returncode == 0, r.stderr
    assert "有效" in r.stdout and out[0][1] in r.stdout
    from app.formats.qr import decode_file
    text = decode_file(tmp_path / "one.pdf")[0]
    forged = text.replace(out[0][1], out[1][1])
    r = _cli("verify-cert", "--site-json", str(copy), "--text", forged)
    assert r.returncode == 7 and "签名无效" in r.stdout


def test_results_commands(flow, tmp_path, monkeypatch, capsys):
    flow["demo"].close()
    monkeypatch.setenv("EXAMSITE_PASSPHRASE", DEMO_PASSPHRASE)
    monkeypatch.setenv("EXAMSITE_PASSWORD", "Demo-admin-2026")
    site = str(flow["demo"].site_dir)
    t = flow["cands"][0].ticket_no
    t = flow["cands"][3].ticket_no    # its theory score arrived by the theory exam: typing is a correction
    assert main(["results", "correct", "--site", site, "--batch", DEMO_PLAN, "--ticket", t, "--subject", "theory",
                 "--score", "77.5", "--reason", "复核答题卡发现漏记"]) == 1
    assert "不能手工更正" in capsys.readouterr().err
    assert main(["results", "show", "--site", site, "--batch", DEMO_PLAN]) == 0
    out = capsys.readouterr().out
    assert f"{t}\t" in out and "77.5" not in out and "共 40 人" in out
    assert main(["results", "score", "--site", site, "--batch", DEMO_PLAN, "--ticket", t, "--subject", "theory",
                 "--score", "101"]) == 1
    assert "0—100" in capsys.readouterr().err
    assert main(["results", "deadlines", "--site", site, "--batch", DEMO_PLAN]) == 0
    assert "10个工作日" in capsys.readouterr().out
