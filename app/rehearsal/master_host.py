"""The site master of a rehearsed day, as its own process: the room cameras recording (from
video files standing in for cameras) and the proctor console on screen, with a stall meter on
the UI thread; the LAN link the terminals stream to runs as this process's supervised child,
as in the master app (``NetService.serve``).

    EXAMSITE_PASSPHRASE=... EXAMSITE_REHEARSAL_PASSWORDS='{"jiankao1": ..., "kaowu": ...}' \
    python -m app.rehearsal.master_host --site DIR --port P --stats FILE
        [--clock-offset S] [--record] [--segment-seconds N] [--disk-fault FILE]

Prints ``READY url`` once the link is up.  Every half second, and at the end, it writes
``--stats`` (JSON, replaced atomically, from a thread of its own): the longest and
99th-percentile lateness of a 10 ms UI timer (the warm-up apart: until ``--ready-file``
exists, then ``--warmup-seconds``; then ``--baseline-seconds`` of the idle master apart), the
five longest with when they came, how often the process waited for the disk meanwhile
(``platform.disk_waits``) and how long the UI thread ran and waited for a processor meanwhile
(``platform.thread_cpu_waits``), the garbage collector's longest pause (``GcWatch``), peak
memory, the cameras' counters and the link's figures (push latency, the longest write-lock
hold of its group commits and the kinds of record it carried).  While ``--disk-fault`` exists
the recorders see a disk that is nearly full (below the warning threshold, above the stop
one).  SIGTERM stops it cleanly: recorders close their segments, the link stops.

With ``EXAMSITE_STALL_DUMP_MS=N`` in the environment, a stall of the UI thread longer than N ms
(measured, after the warm-up) writes every thread's stack to ``--stats`` + ``.stalls.txt``
(``faulthandler.dump_traceback_later``, re-armed on every tick; "Current thread" is the one that
holds the interpreter lock): where the screen waited, for the diagnosis of a slow day."""

from __future__ import annotations

import argparse
import datetime as _dt
import faulthandler
import json
import os
import sys
import threading
import time
from pathlib import Path

from app import platform


class OffsetClock:
    """The rehearsed day's wall clock in this process: real time shifted by a fixed offset."""

    def __init__(self, offset_s: float):
        self.offset = _dt.timedelta(seconds=offset_s)

    def now(self) -> _dt.datetime:
        return _dt.datetime.now(_dt.timezone.utc) + self.offset


def write_json_atomically(path: Path, data: dict) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


class GcWatch:
    """Times the garbage collector's pauses in this process: a full collection stops every thread,
    the UI's too (where the UI thread waits otherwise, py-spy shows: ``py-spy record --native``)."""

    def __init__(self):
        import gc

        self.pause_max = 0.0
        self.pause_generation = None
        self._started = 0.0
        gc.callbacks.append(self._gc)

    def _gc(self, phase, info) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        elif self._started:
            pause = time.perf_counter() - self._started
            if pause > self.pause_max:
                self.pause_max, self.pause_generation = pause, info.get("generation")


def main(argv=None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    ap = argparse.ArgumentParser()
    ap.add_argument("--site", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--stats", required=True)
    ap.add_argument("--clock-offset", type=float, default=0.0)
    ap.add_argument("--record", action="store_true", help="record every active camera")
    ap.add_argument("--segment-seconds", type=float, default=20)
    ap.add_argument("--disk-fault")
    ap.add_argument("--proctor", default="jiankao1")
    ap.add_argument("--office", default="kaowu")
    ap.add_argument("--warmup-seconds", type=float, default=0.0,
                    help="the seconds after READY (after --ready-file, when given) are not measured (the screen is being built)")
    ap.add_argument("--ready-file", help="the warm-up lasts until this file exists, then --warmup-seconds more "
                                         "(the room's terminals connecting before the exam)")
    ap.add_argument("--baseline-seconds", type=float, default=0.0,
                    help="the seconds after the warm-up are the idle baseline (reported apart)")
    a = ap.parse_args(argv)

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from app.camera.recorder import free_bytes
    from app.core.camera import GB
    from app.services.camera import CameraService
    from app.services.net import start_link_process
    from app.services.site import open_site
    from app.ui.common.tasks import screen_built
    from app.ui.main import setup_application
    from app.ui.proctor.console import ProctorWorkplace

    passwords = json.loads(os.environ.get("EXAMSITE_REHEARSAL_PASSWORDS", "{}"))
    handle = open_site(a.site, os.environ["EXAMSITE_PASSPHRASE"], OffsetClock(a.clock_offset))
    # the link in its own process, as the master app runs it (NetService.serve): this process
    # keeps the screen and the cameras; the link's figures come back from it
    link = start_link_process(handle.store, handle.clock, "127.0.0.1", a.port, a.clock_offset,
                              log_path=Path(a.stats).with_suffix(".link.log"))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app, "zh_CN")  # as the master app: its font, its turns at the interpreter lock
    window = QMainWindow()
    window.setWindowTitle("监考台（演练）")
    window.setCentralWidget(ProctorWorkplace(handle.login(a.proctor, passwords[a.proctor], "proctor"), window))
    window.resize(1280, 800)
    window.show()
    screen_built()

    workers = []
    if a.record:
        cams = CameraService(handle.login(a.office, passwords[a.office]))
        settings = cams.settings()
        warn_below = int(settings.warn_free_gb * GB)
        stop_below = int(settings.stop_free_gb * GB)

        def free_space(path):
            if a.disk_fault and os.path.exists(a.disk_fault):
                return (warn_below + stop_below) // 2  # nearly full: warn, keep recording
            return free_bytes(path)

        for cam in cams.cameras():
            workers.append(cams.recorder(cam.code, segment_seconds=a.segment_seconds, free_space=free_space,
                                         warn_below=warn_below, stop_below=stop_below).start())

    faults = [platform.disk_waits()]  # the process's disk waits at the last tick (see platform.disk_waits)
    sched = [platform.thread_cpu_waits()]  # the UI thread's running and run-queue seconds at the last tick
    lateness = [0] * 4001  # ticks per half millisecond of lateness (the last: 2 s or more): O(1) a tick
    # the five longest: ms, seconds after the start, disk waits, and the UI thread's ms on a processor
    # and waiting for one meanwhile (the rest of a stall it slept: the interpreter lock, a blocking call)
    worst: list[tuple] = []
    longest = [0.0]
    warm = [0.0]  # the longest lateness while the screen is being built (the warm-up)
    baseline = [0.0]  # the longest lateness of the idle master
    last = [time.perf_counter()]
    started = time.monotonic()
    origin = [None if a.ready_file else 0.0]  # seconds after the start when the room was ready

    def measuring_age() -> float:
        """Seconds since the warm-up ended, negative during it."""
        age = time.monotonic() - started
        if origin[0] is None:
            if not os.path.exists(a.ready_file):
                return -1.0
            origin[0] = age
        return age - origin[0] - a.warmup_seconds

    gc_watch = GcWatch()
    stats_path = Path(a.stats)

    dump_after = float(os.environ.get("EXAMSITE_STALL_DUMP_MS") or 0) / 1000
    dumps = open(stats_path.with_suffix(".stalls.txt"), "w") if dump_after else None

    def tick():
        now = time.perf_counter()
        age = measuring_age()
        if dumps is not None and age >= a.baseline_seconds:
            dumps.write(f"-- armed at {time.monotonic() - started:.2f} s\n")
            dumps.flush()
            faulthandler.dump_traceback_later(dump_after, file=dumps)
        late = max(0.0, now - last[0] - 0.010)
        last[0] = now
        waits, cpu = platform.disk_waits(), platform.thread_cpu_waits()
        if age < 0:
            warm[0] = max(warm[0], late)
        elif age < a.baseline_seconds:
            baseline[0] = max(baseline[0], late)
        else:
            lateness[min(len(lateness) - 1, int(late * 2000))] += 1
            longest[0] = max(longest[0], late)
            if late > 0.030:
                ran, queued = (None, None) if cpu is None or sched[0] is None else (
                    round((cpu[0] - sched[0][0]) * 1000, 1), round((cpu[1] - sched[0][1]) * 1000, 1))
                worst.append((round(late * 1000, 1), round(time.monotonic() - started, 1),
                              None if waits is None else waits - faults[0], ran, queued))
                worst.sort(reverse=True)
                del worst[5:]
        faults[0], sched[0] = waits, cpu

    def p99_ms() -> float:
        counts = list(lateness)
        left = sum(counts) * 0.01
        for bucket in range(len(counts) - 1, -1, -1):
            left -= counts[bucket]
            if left < 0:
                return bucket / 2
        return 0.0

    def stats() -> dict:
        return {"ui_stall_baseline_max_ms": round(baseline[0] * 1000, 1), "pid": os.getpid(),
                "uptime_s": round(time.monotonic() - started, 1),
                "ui_stall_max_ms": round(longest[0] * 1000, 1), "ui_stall_p99_ms": p99_ms(),
                "ui_stall_warmup_max_ms": round(warm[0] * 1000, 1), "ui_stall_worst": list(worst),
                "ui_ticks": sum(lateness), "peak_rss_mb": platform.peak_rss_mb(),
                "gc_pause_max_ms": round(gc_watch.pause_max * 1000, 1),
                "gc_pause_generation": gc_watch.pause_generation,
                "cameras": {w.code: dict(w.stats.__dict__) for w in workers},
                "link_pid": link.pid, "link_restarts": link.restarts,
                **{k: link.stats.get(k) for k in ("pushes", "push_ms", "group_commit_ms", "group_size_max",
                                                  "lock_hold_max_ms", "lock_hold_max_kinds")}}

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)
    timer.start()
    done = threading.Event()

    def write_stats() -> None:  # not on the UI thread: the meter would measure its own file writes
        while not done.wait(0.5):
            write_json_atomically(stats_path, stats())

    threading.Thread(target=write_stats, name="stats-writer", daemon=True).start()
    platform.on_stop(lambda *_: app.quit())
    wake = QTimer()  # lets Python see the signal while Qt's loop runs
    wake.setInterval(200)
    wake.timeout.connect(lambda: None)
    wake.start()
    print(f"READY {link.url}", flush=True)
    app.exec()
    timer.stop()
    if dumps is not None:
        faulthandler.cancel_dump_traceback_later()
        dumps.close()
    done.set()
    for w in workers:
        w.stop()
    link.stop()
    import gc

    final = {**stats(), "gc_tracked_gen2": len(gc.get_objects(2)), "gc_frozen": gc.get_freeze_count(),
             "gc_stats": gc.get_stats()}
    window.close()
    handle.close()
    write_json_atomically(stats_path, final)
    return 0


if __name__ == "__main__":
    sys.exit(main())
