"""`examsite demo --full` on a fresh folder: the whole day runs (the door on two door desk
processes, theory on terminal processes over loopback, a finding, practical at grader station
processes with the chief's decision at the chief's station, results, certificates, bundle), every artefact
it names exists, nothing the candidates answered is missing on the master, and
`examsite verify` passes on its bundle and fails on a copy with one byte changed."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def _examsite(*args, timeout=900):
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=timeout, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})


def test_demo_full_runs_the_day_and_its_bundle_verifies(tmp_path):
    site, out = tmp_path / "site", tmp_path / "day"
    r = _examsite("demo", "--full", "--site", str(site), "--out", str(out), "--terminals", "2")
    assert r.returncode == 0, r.stdout[-4000:] + r.stderr[-4000:]
    assert "一日演练完成" in r.stdout and "检录" in r.stdout and "理论机考" in r.stdout
    # plain Chinese for a newcomer (issue 19 item 8): no stage, subject, status or role codes
    for code in ("「checked」", "first_review", "自检 ok", "practical、theory", "internal_supervisor", "组长 zuzhang"):
        assert code not in r.stdout, code
    accounts = site.with_name(site.name + ".accounts.txt")
    assert f"演示账户和密码：已保存到 {accounts.resolve()}" in r.stdout
    assert "Demo-admin-2026" in accounts.read_text(encoding="utf-8")
    assert "OpenCV" not in r.stderr and "WARN" not in r.stderr
    summary = json.loads((out / "演练报告.json").read_text(encoding="utf-8"))
    assert summary["ok"] is True
    door, theory = summary["door"], summary["theory"]
    assert len(door["absent"]) == 2 and len(door["refused_late"]) == 1 and len(door["mismatched"]) == 1
    assert theory["candidates"] == door["checked_in"] == 36 and theory["terminals"] == 4
    assert theory["answers_offered"] == theory["answers_on_master"] == 36 * 25 and theory["wrong_on_master"] == []
    assert theory["scores_equal"] is True
    assert summary["finding"]["ticket_no"] not in door["absent"]
    assert len(summary["practical"]["reconciled"]) == 1 and summary["practical"]["mismatches"] == []
    # the door ran on two desks: both admitted candidates, together exactly those checked in, and
    # a ticket shown at the second desk after the first had admitted it was refused there
    assert sorted(door["by_desk"]) == ["检录台1", "检录台2"] and all(n > 0 for n in door["by_desk"].values())
    assert sum(door["by_desk"].values()) == door["checked_in"]
    assert list(door["doubles_refused"].values()) == ["already"]
    # every sheet was signed at a grader station (one per grader: 3 graders and the chief) and
    # accepted by the master; the chief's decision was made at the chief's station
    practical = summary["practical"]
    assert practical["stations"] == 4
    assert practical["sheets_at_stations"] == practical["sheets_signed"] == 36 * 4
    assert practical["reconciled_at_station"] == practical["reconciled"]
    closing = summary["closing"]
    assert closing["passed"] + closing["failed"] == 40 and closing["certificates"] == closing["passed"]
    for label, path in summary["artefacts"].items():
        assert Path(path).is_file() and Path(path).stat().st_size > 0, label
    with zipfile.ZipFile(closing["bundle"]) as zf:
        names = zf.namelist()
    assert any(n.endswith("data/supervision/readiness.json") for n in names)
    assert any(n.endswith("data/theory/answers.jsonl") for n in names)

    ok = _examsite("verify", closing["bundle"], "--trust", closing["trust"], timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "理论成绩复算一致 36 人" in ok.stdout
    # one byte of the results changed in a copy: the verifier names the fault
    bad = tmp_path / "tampered.zip"
    with zipfile.ZipFile(closing["bundle"]) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith("data/results/results.json"):
                data = data.replace(b'"passed": true', b'"passed": fals3', 1)
            dst.writestr(info, data)
    no = _examsite("verify", str(bad), "--trust", closing["trust"], timeout=120)
    assert no.returncode != 0 and "results.json" in (no.stdout + no.stderr)
    # the site itself is intact after the day: its journal verifies
    env_ok = subprocess.run([sys.executable, "-m", "app", "journal", "verify", "--site", str(site)], cwd=ROOT,
                            capture_output=True, text=True, env={**__import__("os").environ,
                                                                 "EXAMSITE_PASSPHRASE": "demo-site-2026"})
    assert env_ok.returncode == 0, env_ok.stdout + env_ok.stderr
