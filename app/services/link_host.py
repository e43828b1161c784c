"""The master's link process: ``python -m app.services.link_host --site DIR --host H --port P``.

Started by ``LinkSupervisor`` (``app.net.supervisor``), never by hand: the site's derived
keys arrive on standard input (one JSON line), and the end of standard input means the
master app is gone, so the link stops.  The records are applied with the composition
root's appliers (``app.services.appliers``).  See ``app.net.supervisor`` for the lines
this process writes on standard output."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
import threading


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="app.services.link_host")
    ap.add_argument("--site", required=True)
    ap.add_argument("--host", default="0.0.0.0")
    ap.add_argument("--port", type=int, default=8443)
    ap.add_argument("--machine")
    ap.add_argument("--clock-offset", type=float, default=0.0, help="a rehearsed day's clock (seconds)")
    ap.add_argument("--every", type=float, default=0.5, help="seconds between board lines")
    a = ap.parse_args(argv)

    from app.net.lan_http import tune_link_process
    from app.net.master import MasterLink
    from app.net.supervisor import read_keys
    from app.services.site import SiteHandle
    from app.store.engine import open_store_keys

    tune_link_process()
    keys = read_keys(sys.stdin)
    store = open_store_keys(a.site, keys, a.machine)
    handle = SiteHandle(store, _OffsetClock(a.clock_offset) if a.clock_offset else None)
    link = MasterLink(handle, a.host, a.port, writer="process").start()
    out = sys.stdout

    def emit(msg: dict) -> None:
        out.write(json.dumps(msg, ensure_ascii=False) + "\n")
        out.flush()

    gone = threading.Event()

    def watch_parent() -> None:
        sys.stdin.read()  # returns at end of input: the master app closed the pipe or died
        gone.set()

    threading.Thread(target=watch_parent, name="parent-watch", daemon=True).start()
    emit({"ready": link.url, "fingerprint": link.fingerprint, "pid": os.getpid()})
    rooms = _RoomBoards(handle, link)
    try:
        while not gone.wait(a.every):
            emit({"board": link.board.snapshot(), "stats": link.stats.summary()})
            rooms.tick()
    except BrokenPipeError:
        pass
    link.stop()
    store.close()
    return 0


class _RoomBoards:
    """Every few seconds, the room consoles whose room changed (terminals online, incidents,
    findings) are sent the new ``room.board`` / ``room.findings`` (nothing when nothing changed)."""

    EVERY = 3.0

    def __init__(self, handle, link):
        import time

        self.handle, self.link, self._time, self._last = handle, link, time.monotonic, 0.0

    def tick(self) -> None:
        if self._time() - self._last < self.EVERY:
            return
        self._last = self._time()
        from app.services.room_consoles import refresh_boards

        try:
            refresh_boards(self.link.system_context(), self.link.board.rows())
        except Exception:  # the store busy, a fault: the link goes on; the next tick sends it
            import logging

            logging.getLogger(__name__).exception("room boards not sent")


class _OffsetClock:
    """A rehearsed day's wall clock: real time shifted by a fixed offset."""

    def __init__(self, offset_s: float):
        self.offset = _dt.timedelta(seconds=offset_s)

    def now(self) -> _dt.datetime:
        return _dt.datetime.now(_dt.timezone.utc) + self.offset


def command(site_dir, host: str, port: int, clock_offset: float = 0.0) -> list[str]:
    """The command line the supervisor runs (a source tree or a venv; see DEVELOPERS.md)."""
    cmd = [sys.executable, "-m", "app.services.link_host", "--site", str(site_dir), "--host", host,
           "--port", str(port)]
    if clock_offset:
        cmd += ["--clock-offset", str(clock_offset)]
    return cmd


if __name__ == "__main__":
    sys.exit(main())
