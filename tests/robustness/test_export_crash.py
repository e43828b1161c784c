"""A killed export (issue 20 item 4): "A killed export leaves the candidates' names and ID
numbers in plain JSON in the temp folder, and the export record stays 生成中 for ever."
Done means: staging encrypted and cleaned on start; the record left 生成中 by a crash is
marked failed at the next open.  A real process, killed with SIGKILL mid-export."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from app.services.bundle import ExportService
from app.services.demo import DEMO_PASSPHRASE, DEMO_STAFF
from app.services.site import open_site
from tests.conftest import sign_supervision_report

ROOT = Path(__file__).resolve().parents[2]
PW = {u: p for u, _, _, p, _ in DEMO_STAFF}


def _files_holding(folder: Path, needles: list[bytes]) -> list[str]:
    hits = []
    for p in folder.rglob("*"):
        if p.is_file():
            data = p.read_bytes()
            if any(n in data for n in needles):
                hits.append(str(p))
    return hits


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL")
def test_killed_export_leaves_nothing_readable_and_is_marked_failed(demo_site_dir, tmp_path):
    site = demo_site_dir
    handle = open_site(site, DEMO_PASSPHRASE)
    try:
        from app.services.roster import RosterService

        cands = RosterService(handle.login("admin", PW["admin"])).candidates()
        sign_supervision_report(handle)  # an export needs the 内督 report on record (issue 18)
    finally:
        handle.close()
    needles = [c.id_no.encode() for c in cands] + [c.name.encode() for c in cands if len(c.name) >= 3]
    temp = tmp_path / "tmp"
    temp.mkdir()
    out = tmp_path / "usb" / "bundle.zip"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(temp), "TMP": str(temp), "TEMP": str(temp)}
    child = subprocess.Popen([sys.executable, str(ROOT / "tests" / "robustness" / "export_child.py"), str(site),
                              str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = child.stdout.readline()
        assert line.strip() == "READY", child.stderr.read()
        # every earlier provider (results, rosters with names and ID numbers …) has run
        staging = site / "staging"
        assert any(staging.rglob("*.sealed"))
        assert _files_holding(staging, needles) == [] and _files_holding(temp, needles) == []
        # the export is running: another process opening the site leaves it alone
        other = open_site(site, DEMO_PASSPHRASE)
        try:
            assert [v.status for v in ExportService(other.login("admin", PW["admin"])).history()] == ["building"]
        finally:
            other.close()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert _files_holding(site, needles) == [] and _files_holding(temp, needles) == []
    # the heartbeat stops with the process; once it is stale the next open marks the record failed
    alive = next(staging.glob("*/alive"))
    os.utime(alive, (alive.stat().st_atime - 3600, alive.stat().st_mtime - 3600))
    handle = open_site(site, DEMO_PASSPHRASE)
    try:
        admin = handle.login("admin", PW["admin"])
        (view,) = ExportService(admin).history()
        assert view.status == "failed"
        from app.services.journal import JournalService

        assert "export.failed" in [e.action for e in JournalService(admin).recent()]
        assert handle.store.journal.verify().ok
    finally:
        handle.close()
    assert not any(staging.iterdir()) and not out.with_name(out.name + ".part").exists()
