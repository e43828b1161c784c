"""The master's link as its own process, started and watched by the master app.

Why a process: the link does TLS, a signature check of every request and record,
decryption and JSON in one thread per terminal.  In the master app's process those
threads share the GIL with the screen, so a busy room stalls the proctor console.  In
its own process they share nothing with it but the encrypted store (SQLCipher in WAL
mode, one writer at a time through ``BEGIN IMMEDIATE``).

The supervisor (in the master app) starts the child with the site's derived keys on its
standard input -- never on the command line or in the environment -- and keeps that pipe
open: when the master app goes away, the child sees the pipe close and stops.  The child
writes one JSON object per line on its standard output:

  {"ready": url, "fingerprint": fp, "pid": n}   the link is up
  {"board": [...], "stats": {...}}               the live board and the link's figures, twice a second

If the child dies, the supervisor starts it again (after 0.5 s, doubling up to 10 s while
it keeps dying) and calls ``on_restart`` so the master app journals it.  The terminals
meanwhile back off and resend what the master does not hold; nothing is lost.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Callable

from app.core.errors import DomainError
from app.net.master import LiveBoard, clear_current, set_current
from app.store.keys import SiteKeys

log = logging.getLogger(__name__)

READY_TIMEOUT = 60.0
RESTART_FIRST, RESTART_MAX = 0.5, 10.0
STABLE_SECONDS = 60.0  # a child that ran this long resets the restart back-off


class LinkNotStarted(DomainError):
    pass


def keys_line(site_keys: SiteKeys) -> bytes:
    return (json.dumps({"db_key": site_keys.db_key.hex(), "file_key": site_keys.file_key.hex()}) + "\n").encode()


def read_keys(stream) -> SiteKeys:
    data = json.loads(stream.readline())
    return SiteKeys(bytes.fromhex(data["db_key"]), bytes.fromhex(data["file_key"]))


class LinkSupervisor:
    """Runs ``command`` (the link host: ``app.services.link_host``) and keeps it running.

    Looks like an in-process link to the rest of the master app: ``url``, ``fingerprint``,
    ``board`` (mirrored from the child), ``stats`` (the child's figures) and ``stop()``."""

    def __init__(self, command: list[str], site_keys: SiteKeys, *, cwd: Path | str | None = None,
                 env: dict | None = None, log_path: Path | str | None = None,
                 on_restart: Callable[[dict], None] | None = None):
        self.command = list(command)
        self._keys = site_keys
        self.cwd, self.env, self.log_path = cwd, env, log_path
        self.on_restart = on_restart
        self.board = LiveBoard()
        self.stats: dict = {}
        self.url = ""
        self.fingerprint = ""
        self.pid: int | None = None
        self.restarts = 0
        self._proc: subprocess.Popen | None = None
        self._ready = threading.Event()
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._watcher: threading.Thread | None = None

    # -- life ---------------------------------------------------------------------------
    def start(self, timeout: float = READY_TIMEOUT) -> "LinkSupervisor":
        if not self._spawn_until_ready(time.monotonic() + timeout):
            self.stop()
            raise LinkNotStarted("考点链路进程未能启动（详见站点目录中的 link.log）")
        self._watcher = threading.Thread(target=self._watch, name="link-supervisor", daemon=True)
        self._watcher.start()
        set_current(self)
        return self

    def stop(self, timeout: float = 15.0) -> None:
        self._stopping.set()
        clear_current(self)
        with self._lock:
            proc = self._proc
        if proc is None:
            return
        try:
            proc.stdin.close()  # the child's signal to stop cleanly
        except OSError:
            pass
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if self._watcher is not None and self._watcher is not threading.current_thread():
            self._watcher.join(timeout=5)

    @property
    def alive(self) -> bool:
        with self._lock:
            return self._proc is not None and self._proc.poll() is None

    def kill(self) -> None:
        """End the child abruptly (drills and tests: the supervisor starts it again)."""
        with self._lock:
            if self._proc is not None:
                self._proc.kill()

    # -- the child ----------------------------------------------------------------------
    def _spawn(self) -> None:
        self._ready.clear()
        stderr = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        try:
            proc = subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr,
                                    cwd=self.cwd, env=self.env if self.env is not None else dict(os.environ))
        finally:
            if stderr is not subprocess.DEVNULL:
                stderr.close()
        proc.stdin.write(keys_line(self._keys))
        proc.stdin.flush()
        with self._lock:
            self._proc = proc
        self.pid = proc.pid
        threading.Thread(target=self._read, args=(proc,), name="link-supervisor-reader", daemon=True).start()

    def _spawn_until_ready(self, deadline: float) -> bool:
        """Start the child; one that ends before it is ready (the port still held by the one
        before it, say) is started again until ``deadline``."""
        while True:
            self._spawn()
            while time.monotonic() < deadline:
                if self._ready.wait(0.1):
                    return True
                if not self.alive:
                    break
            if time.monotonic() >= deadline or self._stopping.wait(0.5):
                return False

    def _read(self, proc: subprocess.Popen) -> None:
        for line in proc.stdout:
            try:
                msg = json.loads(line)
            except ValueError:
                continue
            if "ready" in msg:
                self.url, self.fingerprint = msg["ready"], msg["fingerprint"]
                self._ready.set()
            if "board" in msg:
                self.board.load(msg["board"])
            if "stats" in msg:
                self.stats = msg["stats"]

    def _watch(self) -> None:
        delay = RESTART_FIRST
        while not self._stopping.is_set():
            with self._lock:
                proc = self._proc
            started = time.monotonic()
            code = proc.wait()
            if self._stopping.is_set():
                return
            ran = time.monotonic() - started
            if ran > STABLE_SECONDS:
                delay = RESTART_FIRST
            log.warning("site link process %s ended (%s); restarting in %.1f s", proc.pid, code, delay)
            if self._stopping.wait(delay):
                return
            self.restarts += 1
            try:
                ready = self._spawn_until_ready(time.monotonic() + READY_TIMEOUT)
            except OSError:
                ready = False
            if self.on_restart is not None:
                try:
                    self.on_restart({"exit_code": code, "previous_pid": proc.pid, "pid": self.pid,
                                     "restarts": self.restarts, "ready": ready, "after_s": round(ran, 1)})
                except Exception:  # journaling must never stop the supervision
                    log.exception("could not journal the link restart")
            delay = min(delay * 2, RESTART_MAX)
