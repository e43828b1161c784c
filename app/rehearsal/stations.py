"""The stations of a rehearsed day (issue 17): the master as its own process (the link in its
supervised child, a stall meter on its UI thread -- ``app.rehearsal.master_host``), and door
desks or grader stations each enrolled to it, provisioned through the services and run as
their own processes (``app.rehearsal.station_worker``) from their own encrypted stores."""

from __future__ import annotations

import datetime as _dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from app import platform
from app.net.simulate import free_port
from app.net.terminal import TerminalNode
from app.rehearsal.day import Day
from app.services.stations import StationService

ROOT = Path(__file__).resolve().parents[2]
STATION_PASSPHRASE = "rehearsal-station-2026"
STATION_NICENESS = 10  # each station is its own PC on a site; here they share the master's cores


class StationFloor:
    """One phase's master process and stations.  ``start_master`` before enrolling; ``stop``
    at the end returns the master's figures (its UI stall against the idle baseline)."""

    def __init__(self, day: Day, work: Path, port: int | None = None, *, baseline_seconds: float = 0.0,
                 record_cameras: bool = False, kdf: dict | None = None):
        self.day, self.work = day, Path(work)
        self.work.mkdir(parents=True, exist_ok=True)
        self.port = port or free_port()
        self.baseline_seconds, self.record_cameras, self.kdf = baseline_seconds, record_cameras, kdf
        self.master: subprocess.Popen | None = None
        self.url = ""
        self.offset = 0.0
        self.procs: dict[str, tuple[subprocess.Popen, Path]] = {}

    def _env(self) -> dict:
        users = [u for u in ("jiankao1", "kaowu") if u in self.day.passwords]
        return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                "EXAMSITE_PASSPHRASE": self.day.passphrase, "EXAMSITE_STATION_PASSPHRASE": STATION_PASSPHRASE,
                "EXAMSITE_REHEARSAL_PASSWORDS": json.dumps({u: self.day.passwords[u] for u in users})}

    def start_master(self) -> None:
        self.offset = (self.day.clock.now() - _dt.datetime.now(_dt.timezone.utc)).total_seconds()
        cmd = [sys.executable, "-m", "app.rehearsal.master_host", "--site", str(self.day.handle.site_dir),
               "--port", str(self.port), "--stats", str(self.work / "master.json"),
               "--clock-offset", f"{self.offset:.3f}", "--baseline-seconds", str(self.baseline_seconds)]
        if self.record_cameras:
            cmd.append("--record")
        with open(self.work / "master.log", "w") as log:
            self.master = subprocess.Popen(cmd, env=self._env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=log,
                                           text=True, **platform.child_kwargs())
        line = self.master.stdout.readline()
        if not line.startswith("READY"):
            raise RuntimeError(f"考务主机未能启动：{line!r}（见 {self.work}/master.log）")
        self.url = line.split()[1]
        time.sleep(self.baseline_seconds)  # the master idle: the baseline of its UI stall

    def enroll(self, folder: Path, kind: str, name: str, room: str = "") -> str:
        """A station's encrypted store made and enrolled to the master as ``kind``."""
        node = TerminalNode.create(folder, STATION_PASSPHRASE, self.kdf, machine=name)
        try:
            code = node.request_enrollment(self.url, name)
            machine_id = StationService(self.day.login("admin")).enroll(code, kind, name, room)
            deadline = time.monotonic() + 30
            while not node.complete_enrollment():
                if time.monotonic() > deadline:
                    raise RuntimeError(f"站点 {name} 登记未完成")
                time.sleep(0.1)
            return machine_id
        finally:
            node.close()

    def spawn(self, name: str, job: dict) -> None:
        path = self.work / f"{name}.job.json"
        path.write_text(json.dumps({**job, "clock_offset": self.offset}, ensure_ascii=False), encoding="utf-8")
        with open(self.work / f"{name}.log", "w") as log:
            proc = subprocess.Popen([sys.executable, "-m", "app.rehearsal.station_worker", str(path)], env=self._env(),
                                    cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True,
                                    **platform.child_kwargs(STATION_NICENESS))
        self.procs[name] = (proc, self.work / f"{name}.log")

    def collect(self, timeout: float = 1800) -> dict[str, dict]:
        """Every station's report once it has finished (a failed station stops the day)."""
        out = {}
        deadline = time.monotonic() + timeout
        for name, (proc, log) in self.procs.items():
            try:
                stdout, _ = proc.communicate(timeout=max(1.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                raise RuntimeError(f"站点 {name} 未在 {timeout:.0f} 秒内完成（见 {log}）") from None
            if proc.returncode != 0 or not stdout.strip():
                raise RuntimeError(f"站点 {name} 异常退出（{proc.returncode}），见 {log}")
            out[name] = json.loads(stdout.strip().splitlines()[-1])
        self.procs.clear()
        return out

    def stop(self) -> dict:
        """Stop every station still running and the master; the master's last figures."""
        for proc, _ in self.procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.procs.clear()
        if self.master is not None and self.master.poll() is None:
            platform.ask_to_stop(self.master)
            try:
                self.master.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.master.kill()
                self.master.wait()
        try:
            return json.loads((self.work / "master.json").read_text())
        except (OSError, ValueError):
            return {}
