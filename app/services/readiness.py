"""The readiness self-test (考前自检, issue 10): the evening before, the administrator runs it
on every laptop and gets a report signed with the site key, stored with the batch, journaled
(``readiness.report``) and carried in the export bundle (``data/supervision/readiness.json``).

What can only be measured on real hardware (free disk, frames from a camera, the battery, the
master's clock, the printer, the live board of the site link) goes through ``Probes``, so a test
can stand in for a battery or a physical camera behind the same interface; the verdicts are
``app.core.readiness``.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from sqlalchemy import func, select

from app.core import readiness as core
from app.core.camera import CameraSettings
from app.core.errors import DomainError, NotFound
from app.services.base import Service, find_batch, requires
from app.store import models
from app.store.camera_tables import Camera, CameraSegment
from app.store.keys import unb64
from app.store.net_tables import Machine
from app.store.readiness_tables import ReadinessReport

PRINTER_SETTING = "readiness.printer"
TERMINAL_IDENTITY = "net.terminal"  # app.net.terminal.IDENTITY: this store is a terminal laptop
CAMERA_TIMEOUT = 8.0
MASTER_TIMEOUT = 5.0
POWER_SUPPLY_DIR = Path("/sys/class/power_supply")


class Probes:
    """The measurements that touch hardware.  Each returns plain values; none decides anything."""

    def disk_free(self, path: Path) -> int:
        return shutil.disk_usage(path).free

    def camera(self, kind: str, value: str, timeout: float = CAMERA_TIMEOUT) -> tuple[int, int, int]:
        """(width, height, jpeg bytes) of one frame, or raise with a one-line reason."""
        import cv2
        import numpy as np

        from app.camera.sources import SourceSpec, snapshot

        box: dict = {}

        def grab():
            try:
                box["jpeg"] = snapshot(SourceSpec(kind, value))
            except Exception as exc:  # noqa: BLE001 - reported as the camera's fault
                box["error"] = exc

        worker = threading.Thread(target=grab, name="readiness-camera", daemon=True)
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            raise DomainError(f"{timeout:g} 秒内没有画面")
        if "error" in box:
            raise box["error"]
        jpeg = box["jpeg"]
        image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR)
        if image is None:
            raise DomainError("画面无法解码")
        return int(image.shape[1]), int(image.shape[0]), len(jpeg)

    def power_supplies(self) -> list[core.PowerSupply]:
        out = []
        if not POWER_SUPPLY_DIR.is_dir():
            return out

        def read(p: Path, name: str) -> str:
            try:
                return (p / name).read_text(encoding="utf-8").strip()
            except OSError:
                return ""

        for p in sorted(POWER_SUPPLY_DIR.iterdir()):
            kind = read(p, "type")
            if kind == "Battery" and read(p, "scope") == "Device":
                continue  # a wireless mouse's battery says nothing about this laptop
            online = read(p, "online")
            capacity = read(p, "capacity")
            out.append(core.PowerSupply(p.name, kind or "Unknown",
                                        online=(online == "1") if online else None,
                                        capacity=int(capacity) if capacity.isascii() and capacity.isdigit() else None,
                                        status=read(p, "status")))
        return out

    def master_clock(self, url: str, pin: str | None, timeout: float = MASTER_TIMEOUT) -> tuple[float, float]:
        """(master clock minus ours, round trip) in seconds.  An unsigned request is refused by the
        master, and every refusal carries its clock (``server_time``); half the round trip is
        allowed for."""
        from urllib.parse import urlsplit

        from app.net import protocol, tls

        parts = urlsplit(url)
        conn = tls.PinnedHTTPSConnection(parts.hostname, parts.port or 443, pin, timeout)
        try:
            conn.connect()
            t0 = time.time()
            conn.request("POST", protocol.API + "/heartbeat", b"{}", {"Content-Type": "application/json"})
            reply = json.loads(conn.getresponse().read() or b"{}")
            t1 = time.time()
        finally:
            conn.close()
        if "server_time" not in reply:
            raise DomainError("主机的应答中没有时间")
        return float(reply["server_time"]) - (t0 + t1) / 2, t1 - t0

    def live_ages(self) -> dict[str, float] | None:
        """Seconds since each terminal's last heartbeat, from the site link this process serves."""
        from app.net.master import current_board

        board = current_board()
        if board is None:
            return None
        now = time.monotonic()
        return {m: max(0.0, now - row.last_seen) for m, row in board.rows().items()}

    def printer(self, name: str) -> tuple[bool, str]:
        """Is the CUPS queue ``name`` there and accepting?  (QtPrintSupport is for the UI.)"""
        lpstat = shutil.which("lpstat")
        if lpstat is None:
            return False, "未安装 CUPS（找不到 lpstat）"
        try:
            r = subprocess.run([lpstat, "-p", name], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return False, f"lpstat 无应答：{exc}"
        text = (r.stdout or r.stderr).strip().splitlines()
        first = text[0] if text else ""
        if r.returncode != 0:
            return False, first or "CUPS 中没有该打印机"
        if "disabled" in first or "停用" in first:
            return False, first
        return True, first


@dataclass(frozen=True)
class StoredReport:
    id: int
    plan_no: str
    machine: str
    created_by: str
    created_at: object
    verdict: str
    report: dict
    body: str  # the canonical bytes that were signed, as text
    signature: bytes
    key_id: str

    @property
    def checks(self) -> list[core.CheckResult]:
        return [core.CheckResult(c["key"], c["status"], c["message"], c.get("figures", {}))
                for c in self.report["checks"]]

    def bundle_entry(self) -> dict:
        return {"id": self.id, "report": self.report, "signature": base64.b64encode(self.signature).decode(),
                "key_id": self.key_id, "algorithm": "ed25519",
                "sha256": hashlib.sha256(self.body.encode("utf-8")).hexdigest()}


def _stored(r: ReadinessReport) -> StoredReport:
    return StoredReport(r.id, r.plan_no, r.machine, r.created_by, r.created_at, r.verdict, json.loads(r.body),
                        r.body, r.signature, r.key_id)


def verify_signature(report: dict, signature: bytes, public_key: bytes) -> bool:
    """The site key's signature over the report's canonical bytes."""
    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, core.canonical(report))
    except (InvalidSignature, ValueError):
        return False
    return True


class ReadinessService(Service):
    def __init__(self, ctx, probes: Probes | None = None):
        super().__init__(ctx)
        self.probes = probes or Probes()

    # -- configuration -----------------------------------------------------------------
    @requires("site.configure")
    def set_printer(self, name: str) -> None:
        """The CUPS queue the site prints on ("" = none): the self-test checks it is there."""
        name = (name or "").strip()
        with self.ctx.unit_of_work() as uow:
            row = uow.session.get(models.Setting, PRINTER_SETTING)
            before = row.value if row else None
            if row is None:
                uow.session.add(models.Setting(key=PRINTER_SETTING, value=name))
            else:
                row.value = name
            uow.journal("readiness.printer", name, {"before": before, "after": name})

    # -- the run ------------------------------------------------------------------------
    @requires("readiness.run")
    def run(self, plan_no: str | None = None, hours: float | None = None, master_url: str | None = None,
            master_pin: str | None = None, progress: Callable[[str], None] | None = None) -> StoredReport:
        """Run every check, sign the report with the site key, store it with the batch and journal it."""
        started = time.monotonic()
        at = self.ctx.now()
        plan_no = plan_no or ""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no) if plan_no else None
            days = (batch.exam_end - batch.exam_start).days + 1 if batch else 1
            rooms = [r.name for r in batch.rooms] if batch else []
            cams = [(c.code, c.room, c.source_kind, c.source) for c in
                    s.scalars(select(Camera).where(Camera.active.is_(True)).order_by(Camera.room, Camera.code))]
            if rooms and any(room in rooms for _, room, _, _ in cams):
                cams = [c for c in cams if c[1] in rooms]  # the batch's rooms only, when it has cameras
            rate = s.execute(select(func.sum(CameraSegment.size), func.sum(CameraSegment.frames / CameraSegment.fps))
                             .where(CameraSegment.fps > 0)).first()
            conf = s.get(models.Setting, "camera")
            conf = CameraSettings(**conf.value) if conf else CameraSettings()
            printer = s.get(models.Setting, PRINTER_SETTING)
            printer = printer.value if printer else ""
            identity = s.get(models.Setting, TERMINAL_IDENTITY)
            identity = identity.value if identity else None
            enrolled = [(m.machine_id, m.name) for m in
                        s.scalars(select(Machine).where(Machine.active.is_(True)).order_by(Machine.machine_id))]
        hours = float(hours) if hours is not None else core.DEFAULT_HOURS_PER_DAY * days
        if hours < 0:
            raise DomainError("录像时长不能为负数")

        def step(text: str) -> None:
            if progress is not None:
                progress(text)

        checks = []
        step(core.CHECKS["disk"])
        checks.append(self._disk(cams, hours, rate, conf))
        step(core.CHECKS["cameras"])
        checks.append(self._cameras(cams))
        step(core.CHECKS["power"])
        checks.append(self._power())
        step(core.CHECKS["clock"])
        checks.append(self._clock(master_url, master_pin, identity))
        step(core.CHECKS["store"])
        checks.append(self._store())
        step(core.CHECKS["keys"])
        checks.append(self._keys())
        step(core.CHECKS["journal"])
        checks.append(self._journal())
        step(core.CHECKS["terminals"])
        checks.append(self._terminals(enrolled, identity))
        step(core.CHECKS["printer"])
        checks.append(self._printer(printer))
        actor = self.ctx.actor
        report = core.build_report(site_id=self.ctx.store.site_id, plan_no=plan_no, machine=self.ctx.store.machine,
                                   at=at.isoformat(), by={"username": actor.username, "name": actor.name,
                                                          "role": actor.role_value},
                                   hours=hours, checks=checks, seconds=time.monotonic() - started)
        body = core.canonical(report)
        journal = self.ctx.store.journal
        signature = journal.sign(body)
        with self.ctx.unit_of_work() as uow:
            row = ReadinessReport(plan_no=plan_no, machine=self.ctx.store.machine[:64], created_by=actor.username,
                                  created_at=at, verdict=report["verdict"], body=body.decode("utf-8"),
                                  signature=signature, key_id=journal.key_id)
            uow.session.add(row)
            uow.session.flush()
            uow.journal("readiness.report", plan_no or self.ctx.store.machine,
                        {"id": row.id, "verdict": report["verdict"], "machine": report["machine"], "hours": hours,
                         "statuses": {c.key: c.status for c in checks}, "key_id": journal.key_id,
                         "sha256": hashlib.sha256(body).hexdigest()})
            return _stored(row)

    # -- reading ------------------------------------------------------------------------
    @requires("readiness.view")
    def reports(self, plan_no: str | None = None) -> list[StoredReport]:
        """Stored reports, newest first (of one batch when ``plan_no`` is given)."""
        with self.ctx.reading() as s:
            q = select(ReadinessReport).order_by(ReadinessReport.id.desc())
            if plan_no:
                q = q.where(ReadinessReport.plan_no == plan_no)
            return [_stored(r) for r in s.scalars(q)]

    @requires("readiness.view")
    def verify(self, report_id: int) -> bool:
        """Does the stored report still verify with the site's registered public key?"""
        with self.ctx.reading() as s:
            row = s.get(ReadinessReport, report_id)
            if row is None:
                raise NotFound(f"没有第 {report_id} 号自检报告")
            r = _stored(row)
        public = self.ctx.store.site.public_keys.get(r.key_id)
        return public is not None and verify_signature(r.report, r.signature, unb64(public))

    # -- the checks ---------------------------------------------------------------------
    def _disk(self, cams, hours: float, rate, conf: CameraSettings) -> core.CheckResult:
        size, seconds = (rate or (None, None))
        measured = bool(size and seconds and seconds >= 60)
        per_hour = size / seconds * 3600 if measured else core.DEFAULT_BYTES_PER_CAMERA_HOUR
        try:
            free = self.probes.disk_free(Path(self.ctx.store.site_dir))
        except OSError as exc:
            return core.CheckResult("disk", core.FAIL, f"无法读取磁盘剩余空间：{exc}", {})
        return core.disk_check(free, len(cams), hours, per_hour, int(conf.warn_free_gb * core.GB),
                               int(conf.stop_free_gb * core.GB), measured)

    def _cameras(self, cams) -> core.CheckResult:
        probes = []
        for code, _room, kind, value in cams:
            t0 = time.monotonic()
            try:
                w, h, n = self.probes.camera(kind, value)
            except Exception as exc:  # noqa: BLE001 - any failure is this camera's
                probes.append(core.CameraProbe(code, f"{kind}:{value}", False, seconds=round(time.monotonic() - t0, 3),
                                               error=str(exc)[:200]))
            else:
                probes.append(core.CameraProbe(code, f"{kind}:{value}", True, w, h, n, round(time.monotonic() - t0, 3)))
        return core.cameras_check(probes)

    def _power(self) -> core.CheckResult:
        try:
            return core.power_check(self.probes.power_supplies())
        except OSError as exc:
            return core.CheckResult("power", core.WARN, f"无法读取电源状态：{exc}", {})

    def _clock(self, url: str | None, pin: str | None, identity: dict | None) -> core.CheckResult:
        if not url and identity:  # a terminal laptop knows its master
            url, pin = identity.get("url"), identity.get("master_fingerprint")
        if not url:
            return core.clock_check(0.0, True)
        try:
            skew, rtt = self.probes.master_clock(url, pin)
        except Exception as exc:  # noqa: BLE001 - the master unreachable is the finding
            return core.clock_check(None, False, str(exc)[:200])
        return core.clock_check(skew, False, round_trip=rtt)

    def _store(self) -> core.CheckResult:
        t0 = time.monotonic()
        try:
            problems = self.ctx.store.integrity_check()
        except Exception as exc:  # noqa: BLE001 - a store that cannot even be checked
            problems = [str(exc)]
        size = sum(os.path.getsize(p) for p in (self.ctx.store.db_path, Path(f"{self.ctx.store.db_path}-wal"))
                   if os.path.exists(p))
        return core.store_check(problems, size, time.monotonic() - t0)

    def _keys(self) -> core.CheckResult:
        journal = self.ctx.store.journal
        message = f"examsite-readiness-key-test|{self.ctx.store.site_id}|{os.urandom(8).hex()}".encode()
        try:
            signature = journal.sign(message)
        except Exception as exc:  # noqa: BLE001
            return core.keys_check(journal.key_id, False, False, False, str(exc))
        public = self.ctx.store.site.public_keys.get(journal.key_id)
        verified = False
        if public is not None:
            try:
                Ed25519PublicKey.from_public_bytes(unb64(public)).verify(signature, message)
                verified = True
            except (InvalidSignature, ValueError):
                verified = False
        return core.keys_check(journal.key_id, True, verified, public is not None)

    def _journal(self) -> core.CheckResult:
        r = self.ctx.store.journal.verify()
        return core.journal_check(r.ok, r.entries, r.checkpoints, r.last_checkpoint_seq, r.fault)

    def _terminals(self, enrolled, identity) -> core.CheckResult:
        if identity and not enrolled:
            mid = identity.get("machine_id", "")
            return core.CheckResult("terminals", core.SKIPPED, f"本机为考试终端 {mid}，由考点主机检查终端", {})
        return core.terminals_check(enrolled, self.probes.live_ages())

    def _printer(self, name: str) -> core.CheckResult:
        if not name:
            return core.printer_check("", None)
        try:
            ok, detail = self.probes.printer(name)
        except Exception as exc:  # noqa: BLE001
            ok, detail = False, str(exc)
        return core.printer_check(name, ok, detail)
