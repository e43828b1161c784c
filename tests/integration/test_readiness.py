"""The readiness self-test (考前自检) on a real SQLCipher site: every check's ok and failing path
where it can fail honestly (a real disk, real video files, a real master link and terminal, a
tampered journal), the stand-ins only for what cannot exist here (a battery, a printer), the
signed and stored report, the bundle slot and the `examsite selftest` exit codes."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import time
import zipfile

import pytest
from sqlalchemy import text

from app.camera.synthetic import write_test_video
from app.core import readiness as core
from app.core.errors import NotFound, PermissionDenied
from app.net.master import MasterLink
from app.net.terminal import TerminalNode
from app.services.camera import CameraService
from app.services.net import NetService
from app.services.readiness import Probes, ReadinessService, verify_signature
from app.services.site import create_site
from app.store.keys import TEST_KDF, unb64
from tests.conftest import ADMIN_PASSWORD, INSTITUTION, PASSPHRASE


@pytest.fixture
def demo(demo):
    """The demo site with its 内部督导情况报告 signed: an export needs it (issue 18 item 7)."""
    from tests.conftest import sign_supervision_report
    sign_supervision_report(demo)
    return demo



def by_key(stored) -> dict[str, core.CheckResult]:
    return {c.key: c for c in stored.checks}


class Stand(Probes):
    """Real probes, except what is set on the instance."""

    def __init__(self, **override):
        self.override = override

    def disk_free(self, path):
        return self.override["disk"] if "disk" in self.override else super().disk_free(path)

    def power_supplies(self):
        return self.override["power"] if "power" in self.override else super().power_supplies()

    def master_clock(self, url, pin, timeout=5.0):
        return self.override["clock"] if "clock" in self.override else super().master_clock(url, pin, timeout)

    def printer(self, name):
        return self.override["printer"] if "printer" in self.override else super().printer(name)


@pytest.fixture
def video(tmp_path):
    return write_test_video(tmp_path / "room.avi", 10, 15.0, (320, 240), "R1")


def test_fresh_site_real_checks_signed_stored_journaled(site, admin):
    svc = ReadinessService(admin)
    stored = svc.run()
    checks = by_key(stored)
    assert list(checks) == list(core.CHECKS)
    assert checks["store"].status == core.OK and checks["store"].figures["db_bytes"] > 0
    assert checks["keys"].status == core.OK and checks["keys"].figures["key_id"] == site.store.journal.key_id
    assert checks["journal"].status == core.OK and checks["journal"].figures["entries"] >= 3
    assert checks["clock"].status == core.OK and checks["clock"].figures["is_master"]
    assert checks["cameras"].status == core.WARN  # none configured
    assert checks["terminals"].status == core.WARN  # none enrolled
    assert checks["printer"].status == core.SKIPPED
    disk = checks["disk"].figures
    assert disk["cameras"] == 0 and disk["needed_bytes"] == 0
    assert abs(disk["free_bytes"] - shutil.disk_usage(site.store.site_dir).free) < 2 ** 30
    assert stored.report["verdict"] in (core.WARN, core.FAIL)
    assert stored.report["hours"] == core.DEFAULT_HOURS_PER_DAY
    # stored, journaled, verifiable with the key registered in site.json
    assert [r.id for r in svc.reports()] == [stored.id]
    assert svc.verify(stored.id)
    with site.store.read() as s:
        last = s.execute(text("select action, payload from journal order by seq desc limit 1")).one()
    assert last[0] == "readiness.report" and json.loads(last[1])["verdict"] == stored.report["verdict"]
    assert site.store.journal.verify().ok
    with pytest.raises(NotFound):
        svc.verify(999)


def test_signature_verifies_and_a_one_byte_edit_fails(site, admin):
    stored = ReadinessService(admin).run()
    public = unb64(site.store.site.public_keys[stored.key_id])
    body = stored.body.encode("utf-8")
    assert body == core.canonical(stored.report)
    assert verify_signature(stored.report, stored.signature, public)
    edited = bytearray(body)
    i = body.index(b'"hours":') + len(b'"hours":')
    edited[i] = ord("9") if edited[i] != ord("9") else ord("7")
    assert not verify_signature(json.loads(bytes(edited)), stored.signature, public)
    # and in the store: the same edit makes the stored report fail verification
    with site.store.write() as s:
        s.execute(text("update readiness_report set body = :b where id = :i"),
                  {"b": bytes(edited).decode(), "i": stored.id})
    assert not ReadinessService(admin).verify(stored.id)


def test_cameras_real_video_gives_frames_missing_file_fails(site, admin, video, tmp_path):
    cams = CameraService(admin)
    cams.add_camera("CAM01", "前门", "第一考场", "R1", str(video))
    cams.add_camera("CAM02", "后门", "第一考场", "R1", str(tmp_path / "gone.avi"))
    checks = by_key(ReadinessService(admin).run(hours=2))
    cam = checks["cameras"]
    assert cam.status == core.FAIL and "CAM02" in cam.message and "CAM01" not in cam.message
    rows = {c["code"]: c for c in cam.figures["cameras"]}
    assert rows["CAM01"]["ok"] and (rows["CAM01"]["width"], rows["CAM01"]["height"]) == (320, 240)
    assert not rows["CAM02"]["ok"] and "不存在" in rows["CAM02"]["error"]
    assert checks["disk"].figures["cameras"] == 2
    assert checks["disk"].figures["needed_bytes"] == 2 * 2 * core.DEFAULT_BYTES_PER_CAMERA_HOUR
    cams.set_active("CAM02", False)
    checks = by_key(ReadinessService(admin).run(hours=2))
    assert checks["cameras"].status == core.OK and checks["cameras"].figures["giving_frames"] == 1


def test_disk_real_free_space_against_huge_hours_and_thresholds(site, admin, video):
    CameraService(admin).add_camera("CAM01", "前门", "第一考场", "R1", str(video))
    free = shutil.disk_usage(site.store.site_dir).free
    huge = free / core.DEFAULT_BYTES_PER_CAMERA_HOUR + 1000  # more hours than the real disk holds
    disk = by_key(ReadinessService(admin).run(hours=huge))["disk"]
    assert disk.status == core.FAIL and "停录线" in disk.message
    assert disk.figures["needed_bytes"] > disk.figures["free_bytes"]
    svc = ReadinessService(admin, Stand(disk=int(core.DEFAULT_BYTES_PER_CAMERA_HOUR * 8 + 5 * core.GB)))
    assert by_key(svc.run(hours=8))["disk"].status == core.WARN  # 5 GB left: under the 10 GB warning
    svc = ReadinessService(admin, Stand(disk=100 * core.GB))
    assert by_key(svc.run(hours=8))["disk"].status == core.OK


def test_power_real_reading_and_an_injected_battery(site, admin):
    real = by_key(ReadinessService(admin).run())["power"]
    assert real.status in (core.OK, core.WARN, core.FAIL) and "supplies" in real.figures
    bat = lambda pct, status: [core.PowerSupply("BAT0", "Battery", capacity=pct, status=status),  # noqa: E731
                               core.PowerSupply("AC", "Mains", online=status != "Discharging")]
    for supplies, expect in ((bat(15, "Discharging"), core.FAIL), (bat(60, "Discharging"), core.WARN),
                             (bat(95, "Discharging"), core.OK), (bat(15, "Charging"), core.OK), ([], core.OK)):
        power = by_key(ReadinessService(admin, Stand(power=supplies)).run())["power"]
        assert power.status == expect, (supplies, power.message)
    assert "电池" in power.message  # no battery found: mains or unknown, with a note


def test_tampered_journal_fails(site, admin):
    with site.store.write() as s:  # an insider edits an entry without going through the journal
        s.execute(text("update journal set subject = subject || 'x' where seq = 2"))
    stored = ReadinessService(admin).run()
    journal = by_key(stored)["journal"]
    assert journal.status == core.FAIL and "第 2 条" in journal.message
    assert stored.report["verdict"] == core.FAIL


def test_printer_configured_missing_fails_and_injected_queue_passes(site, admin):
    svc = ReadinessService(admin)
    svc.set_printer("examsite-no-such-queue")
    printer = by_key(svc.run())["printer"]
    assert printer.status == core.FAIL and "examsite-no-such-queue" in printer.message  # no CUPS or no queue
    printer = by_key(ReadinessService(admin, Stand(printer=(True, "printer x is idle."))).run())["printer"]
    assert printer.status == core.OK


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_clock_against_a_real_master_and_terminals_on_its_live_board(site, admin, tmp_path):
    link = MasterLink(site).start()
    node = None
    other = create_site(tmp_path / "laptop2", PASSPHRASE, INSTITUTION, "admin", "管理员", ADMIN_PASSWORD,
                        kdf=TEST_KDF)
    try:
        ctx2 = other.login("admin", ADMIN_PASSWORD)
        clock = by_key(ReadinessService(ctx2).run(master_url=link.url, master_pin=link.fingerprint))["clock"]
        assert clock.status == core.OK, clock.message
        assert not clock.figures["is_master"] and abs(clock.figures["skew_seconds"]) < core.SKEW_WARN_SECONDS
        for skew, expect in ((5.0, core.WARN), (-45.0, core.FAIL)):
            clock = by_key(ReadinessService(ctx2, Stand(clock=(skew, 0.01))).run(master_url=link.url))["clock"]
            assert clock.status == expect and clock.figures["skew_seconds"] == skew
        clock = by_key(ReadinessService(ctx2).run(master_url=f"https://127.0.0.1:{_closed_port()}"))["clock"]
        assert clock.status == core.FAIL and "无法" in clock.message

        # terminals: enrolled but never seen fails; after its heartbeat it is on the board
        node = TerminalNode.create(tmp_path / "t1", "terminal-pass-1", TEST_KDF, machine="t1")
        code = node.request_enrollment(link.url, "t1")
        node.complete_enrollment()
        NetService(admin).grant(code)
        node.complete_enrollment()
        terms = by_key(ReadinessService(admin).run())["terminals"]
        assert terms.status == core.FAIL and terms.figures["enrolled"] == 1
        node.start()
        for _ in range(200):
            if node.machine_id in link.board.rows():
                break
            time.sleep(0.05)
        terms = by_key(ReadinessService(admin).run())["terminals"]
        assert terms.status == core.OK and terms.figures["machines"][0]["machine_id"] == node.machine_id
    finally:
        if node is not None:
            node.close()
        link.stop()
        other.close()
    terms = by_key(ReadinessService(admin).run())["terminals"]  # link no longer served here
    assert terms.status == core.WARN and not terms.figures["link_served_here"]


def test_roles(demo_login):
    with pytest.raises(PermissionDenied):
        ReadinessService(demo_login("jiankao1")).run()
    stored = ReadinessService(demo_login("kaowu")).run()
    assert [r.id for r in ReadinessService(demo_login("neidu")).reports()] == [stored.id]


def test_report_goes_into_the_export_bundle_and_still_verifies(demo, demo_login, tmp_path):
    from app import verifier
    from app.core import bundle as layout
    from app.core.journal import key_id
    from app.services.bundle import ExportService
    from app.services.demo import DEMO_PLAN, DEMO_STAFF

    pw = {u: p for u, _, _, p, _ in DEMO_STAFF}
    admin = demo_login("admin")
    stored = ReadinessService(admin).run(DEMO_PLAN)
    ReadinessService(admin).run()  # not for the batch: stays out of its bundle
    assert stored.report["plan_no"] == DEMO_PLAN and stored.report["hours"] > 0
    out = tmp_path / "bundle.zip"
    view = ExportService(admin).make(out, pw["admin"])
    view = ExportService(demo_login("neidu")).countersign(view.seq, out, pw["neidu"])
    trust = layout.parse_trust(ExportService(admin).public_keys(), key_id)
    assert verifier.verify_file(out, trust).ok
    with zipfile.ZipFile(out) as zf:
        name = next(n for n in zf.namelist() if n.endswith("data/supervision/readiness.json"))
        slot = json.loads(zf.read(name))
        keys_txt = zf.read(next(n for n in zf.namelist() if n.endswith("data/keys/public-keys.txt"))).decode()
    assert slot["plan_no"] == DEMO_PLAN and [r["id"] for r in slot["reports"]] == [stored.id]
    entry = slot["reports"][0]
    assert entry["key_id"] in keys_txt
    public = unb64(demo.store.site.public_keys[entry["key_id"]])
    signature = base64.b64decode(entry["signature"])
    assert verify_signature(entry["report"], signature, public)
    entry["report"]["checks"][0]["message"] += "。"
    assert not verify_signature(entry["report"], signature, public)


def _cli(*args, password=ADMIN_PASSWORD):
    env = {"EXAMSITE_PASSPHRASE": PASSPHRASE, "EXAMSITE_PASSWORD": password, "PATH": "/usr/bin:/bin",
           "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([sys.executable, "-m", "app", "selftest", *map(str, args)], capture_output=True,
                          text=True, env=env, timeout=120)


def test_cli_exit_codes_lines_and_outputs(site, admin, site_dir, video, tmp_path):
    CameraService(admin).add_camera("CAM01", "前门", "第一考场", "R1", str(video))
    site.close()
    r = _cli("--site", site_dir, "--hours", 1, "--out", tmp_path / "r.json")
    lines = r.stdout.splitlines()
    assert r.returncode == 0, r.stdout + r.stderr
    assert any(line.startswith("✓ 数据库完整性") for line in lines)
    assert any(line.startswith("✓ 摄像头画面") and "CAM01 320x240" in line for line in lines)
    assert any(line.startswith("- 打印机") for line in lines)
    saved = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert saved["report"]["verdict"] != core.FAIL and saved["key_id"]

    r = _cli("--site", site_dir, "--hours", 10 ** 9, "--out", tmp_path / "r.pdf")
    assert r.returncode == 1 and any(line.startswith("✗ 录像磁盘空间") for line in r.stdout.splitlines())
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    assert _cli("--site", site_dir, "--out", tmp_path / "r.txt").returncode == 2
    assert _cli("--site", site_dir, "--batch", "NO-SUCH").returncode == 1


def test_disk_uses_the_rate_measured_on_recorded_segments(site, admin, video):
    import datetime as dt

    from app.camera.recorder import ClosedSegment, sha256_file

    cams = CameraService(admin)
    cams.add_camera("CAM01", "前门", "第一考场", "R1", str(video))
    seg = write_test_video(cams.media_dir / "R1" / "CAM01_seg.avi", 900, 15.0, (320, 240), "R1")  # 60 s
    start = dt.datetime(2026, 12, 1, 8, 0, tzinfo=dt.timezone.utc)
    size = seg.stat().st_size
    cams.index_segment("CAM01", ClosedSegment("CAM01", seg, start, start + dt.timedelta(seconds=60), 15.0, 900,
                                              size, sha256_file(seg)))
    disk = by_key(ReadinessService(admin).run(hours=3))["disk"]
    assert disk.figures["rate_measured"] and disk.figures["bytes_per_camera_hour"] == size * 60
    assert disk.figures["needed_bytes"] == size * 60 * 3
