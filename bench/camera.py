"""Camera bench: two 1280x720 streams at 15 fps recorded while the camera wall shows them.

Prints, as medians over several runs:
- frames recorded / frames offered by the source, and offered / expected (15 fps x seconds);
- CPU per stream (process CPU while recording, minus the idle baseline, over two streams);
- the longest stall of the UI thread (a 10 ms QTimer's lateness), idle vs preview vs recording;
and the machine's load average around the measurement (the machine is shared).

First, sealed against plain recording (issue 20, item 5): the same two streams recorded by
the recorder alone, once into sealed segments (AES-GCM per JPEG frame, what a site records)
and once into plain MJPG .avi as before (the baseline), alternating in the same run; it
prints frames kept and CPU per stream for each and the ratio sealed / plain (targets:
>= 99 % of frames, <= 1.3x the CPU).

    PYTHONPATH=$PWD QT_QPA_PLATFORM=offscreen .venv/bin/python bench/camera.py [--seconds 20] [--runs 3] [--http]

--http also runs the two streams as IP cameras: ffmpeg serving MJPEG over HTTP on loopback
(ffmpeg cannot serve RTSP by itself and no RTSP server is installed here, so RTSP is not measured).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from app.camera.synthetic import write_test_video
from app.core.site import Institution
from app.services.camera import CameraService
from app.services.site import create_site
from app.store.keys import TEST_KDF
from app.ui.cameras.wall import CameraWall

FPS = 15
SIZE = (1280, 720)


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_loop(app, seconds: float) -> dict:
    """Spin the event loop for ``seconds`` with a 10 ms timer; return its worst lateness and CPU use."""
    interval = 0.010
    late = []
    last = [time.perf_counter()]

    def tick():
        now = time.perf_counter()
        late.append(max(0.0, now - last[0] - interval))
        last[0] = now

    timer = QTimer()
    timer.setInterval(int(interval * 1000))
    timer.timeout.connect(tick)
    loop = QEventLoop()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    c0, t0 = cpu(), time.perf_counter()
    timer.start()
    loop.exec()
    timer.stop()
    wall = time.perf_counter() - t0
    late.sort()
    return {"stall_ms": late[-1] * 1000 if late else 0.0,
            "p99_ms": late[int(len(late) * 0.99)] * 1000 if late else 0.0,
            "cpu": (cpu() - c0) / wall, "wall": wall}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_run(app, ctx, seconds: float, codes: list[str]) -> dict:
    idle = run_loop(app, min(5.0, seconds / 2))
    wall = CameraWall(ctx, segment_seconds=10)
    wall.resize(1280, 800)
    wall.show()
    preview = run_loop(app, min(5.0, seconds / 2))
    wall.start_recording()
    t0 = time.monotonic()
    rec = run_loop(app, seconds)
    workers = list(wall.workers)
    elapsed = time.monotonic() - t0
    wall.shutdown()  # joins: the writers drain their queues and close the last segments
    frames = [(w.stats.offered, w.stats.recorded, w.stats.dropped) for w in workers]
    wall.close()
    wall.deleteLater()
    app.processEvents()
    offered = sum(f[0] for f in frames)
    recorded = sum(f[1] for f in frames)
    return {"idle": idle, "preview": preview, "rec": rec, "offered": offered, "recorded": recorded,
            "dropped": sum(f[2] for f in frames), "expected": FPS * elapsed * len(codes),
            "cpu_per_stream": (rec["cpu"] - idle["cpu"]) / len(codes)}


def record_only(folder: Path, videos: list[Path], seconds: float, file_key: bytes | None) -> dict:
    """The two streams recorded by bare workers (no wall): frames kept and CPU per stream."""
    from app.camera.recorder import CameraWorker, RecordingPlan
    from app.camera.sources import SourceSpec

    folder.mkdir(parents=True, exist_ok=True)
    c0, t0 = cpu(), time.perf_counter()
    workers = [CameraWorker(f"C{i}", SourceSpec.parse(str(v), True),
                            plan=RecordingPlan("BENCH", f"R0{i}", folder, 10.0, 0, 0, lambda _p: 1 << 40,
                                               seconds, file_key=file_key, plain_baseline=file_key is None)).start()
               for i, v in enumerate(videos, 1)]
    for w in workers:
        w.join(seconds + 60)
    wall = time.perf_counter() - t0
    offered = sum(w.stats.offered for w in workers)
    recorded = sum(w.stats.recorded for w in workers)
    return {"cpu_per_stream": (cpu() - c0) / wall / len(workers), "offered": offered, "recorded": recorded,
            "bytes": sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())}


def compare_sealed(tmp: Path, videos: list[Path], seconds: float, runs: int, file_key: bytes) -> None:
    med = statistics.median
    plain, sealed = [], []
    for i in range(runs):  # alternate, so both see the same machine
        plain.append(record_only(tmp / f"plain{i}", videos, seconds, None))
        sealed.append(record_only(tmp / f"sealed{i}", videos, seconds, file_key))
    print(f"\n== sealed vs plain recording: 2 streams {SIZE[0]}x{SIZE[1]} {FPS} fps, {seconds:.0f} s, "
          f"{runs} runs each, medians ==")
    for name, rs in (("plain MJPG .avi (baseline)", plain), ("sealed .esv (AES-GCM)", sealed)):
        kept = med([r["recorded"] / r["offered"] for r in rs if r["offered"]] or [0.0])
        print(f"{name:<28}: frames kept {kept * 100:6.2f} %  CPU per stream {med([r['cpu_per_stream'] for r in rs]) * 100:5.1f} % "
              f"of one core  ({med([r['bytes'] for r in rs]) / 1e6:.1f} MB written)")
    ratio = med([r["cpu_per_stream"] for r in sealed]) / med([r["cpu_per_stream"] for r in plain])
    print(f"CPU sealed / plain: x{ratio:.2f}  (target <= 1.3)")


def report(title: str, runs: list[dict]) -> None:
    med = lambda xs: statistics.median(xs)  # noqa: E731
    if not all(r["offered"] for r in runs):
        print(f"\n== {title}: no frames offered in some run(s): {[r['offered'] for r in runs]} ==")
        return
    rec_ratio = med([r["recorded"] / r["offered"] for r in runs])
    off_ratio = med([r["offered"] / r["expected"] for r in runs])
    print(f"\n== {title}: {len(runs)} runs, medians ==")
    worst = min(r["recorded"] / r["offered"] for r in runs)
    print(f"frames recorded / offered : {rec_ratio * 100:6.2f} %   worst run {worst * 100:.2f} %   (per run: "
          + ", ".join(f"{r['recorded']}/{r['offered']}" for r in runs) + ")")
    print(f"frames offered / expected : {off_ratio * 100:6.2f} %   (15 fps x 2 streams x seconds; dropped in queue: "
          + ", ".join(str(r["dropped"]) for r in runs) + ")")
    print(f"CPU per stream (recording): {med([r['cpu_per_stream'] for r in runs]) * 100:6.1f} % of one core "
          f"(process total recording {med([r['rec']['cpu'] for r in runs]) * 100:.0f} %, "
          f"preview only {med([r['preview']['cpu'] for r in runs]) * 100:.0f} %, idle {med([r['idle']['cpu'] for r in runs]) * 100:.0f} %)")
    idle_stall = med([r["idle"]["stall_ms"] for r in runs])
    for key, name in (("idle", "idle (baseline)"), ("preview", "wall, preview only"), ("rec", "wall + recording")):
        stall = med([r[key]["stall_ms"] for r in runs])
        p99 = med([r[key]["p99_ms"] for r in runs])
        print(f"UI thread longest stall, {name:<20}: {stall:7.1f} ms  (p99 {p99:5.1f} ms, x{stall / idle_stall if idle_stall else float('nan'):.1f} of idle)")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=20)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--http", action="store_true")
    ap.add_argument("--http-only", action="store_true", help="skip the file phase")
    ap.add_argument("--sealed-only", action="store_true", help="only compare sealed with plain recording")
    args = ap.parse_args()
    app = QApplication.instance() or QApplication([])
    load0 = os.getloadavg()
    print(f"machine: {os.cpu_count()} CPUs, load average {load0[0]:.2f} {load0[1]:.2f} {load0[2]:.2f} (shared machine)")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t = time.perf_counter()
        videos = [write_test_video(tmp / f"room{i}.avi", frames=FPS * 10, fps=FPS, size=SIZE, label=f"R0{i}")
                  for i in (1, 2)]
        print(f"generated 2 x {SIZE[0]}x{SIZE[1]} {FPS} fps MJPG files in {time.perf_counter() - t:.1f} s")
        inst = Institution(name="基准测试中心", category="S", institution_code="0000", province="41",
                           site_serial="010123")
        handle = create_site(tmp / "site", "bench-passphrase", inst, "admin", "管理员", "Bench-admin-1", kdf=TEST_KDF)
        ctx = handle.login("admin", "Bench-admin-1")
        svc = CameraService(ctx)
        for i, v in enumerate(videos, 1):
            svc.add_camera(f"C{i}", f"考场{i}", f"第{i}考场", f"R0{i}", str(v), loop=True)
        compare_sealed(tmp, videos, args.seconds, args.runs, handle.store.keys.file_key)
        if args.sealed_only:
            handle.close()
            return 0
        if not args.http_only:
            runs = [one_run(app, ctx, args.seconds, ["C1", "C2"]) for _ in range(args.runs)]
            report(f"two files, {args.seconds:.0f} s each", runs)
        if args.http or args.http_only:
            if shutil.which("ffmpeg") is None:
                print("\n(ffmpeg not found: HTTP cameras skipped)")
            else:
                http_runs = []
                for _ in range(args.runs):
                    servers = []
                    for i, v in enumerate(videos, 1):
                        port = free_port()
                        # `-listen 1` serves one client at a time: restart it for each connection
                        # (the wall's previewer, then the recorder)
                        cmd = (f"while :; do ffmpeg -hide_banner -loglevel quiet -re -stream_loop -1 -i '{v}' -c copy "
                               f"-f mpjpeg -listen 1 http://127.0.0.1:{port}/c.mjpg </dev/null; done")
                        servers.append(subprocess.Popen(["bash", "-c", cmd], start_new_session=True))
                        svc.set_source(f"C{i}", f"http://127.0.0.1:{port}/c.mjpg")
                    time.sleep(0.5)
                    try:
                        http_runs.append(one_run(app, ctx, args.seconds, ["C1", "C2"]))
                    finally:
                        for s in servers:
                            os.killpg(s.pid, 9)
                            s.wait()
                report("two IP cameras (ffmpeg MJPEG over HTTP, loopback; ffmpeg's own CPU not counted)", http_runs)
        segs = svc.segments()
        bad = svc.verify_segments()
        print(f"\nsegments written: {len(segs)}, hash check: {'all match' if not bad else bad[:3]}")
        handle.close()
    load1 = os.getloadavg()
    print(f"load average after: {load1[0]:.2f} {load1[1]:.2f} {load1[2]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
