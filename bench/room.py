"""A theory room on loopback: one master process and N simulated terminals.

    .venv/bin/python bench/room.py [--terminals 100] [--rooms 1] [--seconds 30] [--per-process 10]
                                   [--pace 8] [--backlog-minutes 10] [--backlog-rate 1.0] [--runs 1] [--worst 0]
                                   [--sim-niceness 19]

Every terminal has its own encrypted store, key and TLS connection; to keep 100 of them
affordable on a small machine they run ``--per-process`` to a Python process
(``--per-process 1`` gives one process per terminal), at niceness ``--sim-niceness`` (19: they
stand for other machines and take only what the master leaves of its cores).  Candidates answer at human pace
(a pause around ``--pace`` s, one time in ten a burst of 3-6 quick answers).

``--rooms R`` splits the ``--terminals`` into R rooms served by the one master, all starting
at once (``--rooms 3 --terminals 300``: three rooms of 100; target p99 <= 500 ms).  The latency includes the start burst (every terminal's first answers at the same
moment).  Prints, for a 1-terminal baseline and for N terminals measured in the same run:
record-to-master latency (saved on the terminal -> in the master's group commit: the time
the master stamps on it as received, inside that transaction) median and p99, records per
second, master CPU (% of one core), and the ratio to the baseline.  The terminal's own
durable save comes before and is printed apart: here all N terminal stores share this
machine's one disk, where on a site each terminal saves to its own.
Then the catch-up time of a terminal cut off for ``--backlog-minutes`` (its backlog made
offline at ``--backlog-rate`` records/s, then the link restored while the room runs).
"""

from __future__ import annotations

import argparse
import json
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app import platform  # noqa: E402
from app.core.site import Institution  # noqa: E402
from app.net.simulate import free_port, provision  # noqa: E402
from app.net.terminal import TerminalNode  # noqa: E402
from app.services.net import NetService  # noqa: E402
from app.services.site import create_site  # noqa: E402
from app.store.keys import TEST_KDF  # noqa: E402
from app.store.net_tables import ReceivedRecord  # noqa: E402

# The simulated terminals stand for other machines: on a site each has its own processor and the
# master's two cores are the master's.  Here 30 simulator processes (10 terminals each) share the
# master's two cores; at niceness 0 they weigh 15 times the master's link in the start burst and
# the figure measures the simulators' share of this machine (bench/room.py 300 terminals, niceness
# 0: p99 781 ms with the master's own push p99 512-1006 ms).  At 19 they take what the master
# leaves, as the rehearsed exam day's terminals do (app.rehearsal.theory.TERMINAL_NICENESS).
SIM_NICENESS = 19

PASS, TPASS, ADMIN_PW = "bench-passphrase-1", "bench-terminal-1", "Admin-pass-1"
INST = Institution(name="基准测试评价中心", category="S", institution_code="0000", province="41", site_serial="010123")


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] if s else float("nan")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def env():
    return {**os.environ, "PYTHONPATH": str(ROOT), "EXAMSITE_PASSPHRASE": PASS, "EXAMSITE_TERMINAL_PASSPHRASE": TPASS}


def latencies(store, machines: set[str], since: float, saves: dict) -> tuple[list[float], list[float]]:
    """Per answer of this run: saved on the terminal -> committed on the master, and the
    terminal's own save (``saves``: (machine, seq) -> seconds, from the simulators' reports)."""
    out, own = [], []
    DETAIL.clear()
    with store.read() as s:
        for r in s.scalars(select(ReceivedRecord).where(ReceivedRecord.kind == "answer")):
            if r.machine_id in machines and r.payload.get("t", 0) >= since:
                save = saves.get((r.machine_id, r.seq), 0.0)
                out.append(r.received_at.timestamp() - r.payload["t"] - save)
                own.append(save)
                DETAIL.append((r.payload["t"] - since, out[-1], r.machine_id, r.seq))
    return out, own


DETAIL: list = []
MASTER_STATS: list = []
LOADS: list = []  # the load average before/after each room run
SAVES: list = []  # per room run: each answer's own save on its terminal (seconds)


def run_room(site, site_dir, port, folders, seconds, per_process, pace, catchup=None, niceness=0):
    master = subprocess.Popen([sys.executable, "-m", "app", "link", "serve", "--site", str(site_dir), "--host",
                               "127.0.0.1", "--port", str(port)], env=env(), cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    assert master.stdout.readline().startswith("READY")
    groups = [folders[i:i + per_process] for i in range(0, len(folders), per_process)]
    # a go file of this run's own: with one name for every run, the second run's terminals
    # found it already there and started answering as each came up -- no start burst, and their
    # first answers fell before ``start`` and out of the figures
    go = Path(site_dir).parent / f"go-{len(folders)}-{len(MASTER_STATS)}"
    assert not go.exists()
    sims = []
    for g, group in enumerate(groups):
        args = [sys.executable, "-m", "app.net.simulate", "--questions", "100000", "--pace", str(pace),
                "--duration", str(seconds), "--heartbeat", "3", "--seed", str(g), "--go-file", str(go)]
        for f in group:
            args += ["--terminal", f"{f}:C{f.name}"]
        sims.append(subprocess.Popen(args, env=env(), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True, **platform.child_kwargs(niceness)))
    for p in sims:  # every terminal connected (the room is set up before the exam starts)
        assert p.stdout.readline().startswith("READY")
    start = time.time()
    go.write_text("start")  # the proctor starts the room
    cpu0, t0 = cpu_seconds(master.pid), time.monotonic()
    catch = {}
    if catchup is not None:
        def later():
            time.sleep(min(5.0, seconds / 3))
            node = catchup
            t = time.monotonic()
            node.start()
            while node.acked < node.last_seq():
                time.sleep(0.02)
            catch["seconds"] = time.monotonic() - t
            catch["at"] = t - t0
            catch["records"] = node.last_seq()
            node.stop()
        th = threading.Thread(target=later)
        th.start()
    saves = {}
    for p in sims:
        out, err = p.communicate(timeout=seconds + 300)
        if p.returncode:
            print(err[-2000:], file=sys.stderr)
        for x in out.splitlines():
            if x.startswith("{"):
                report = json.loads(x)
                saves.update({(report["machine"], seq): sec for seq, sec in report.get("saves", [])})
    cpu = (cpu_seconds(master.pid) - cpu0) / (time.monotonic() - t0)
    if catchup is not None:
        th.join()
    master.terminate()
    out, _ = master.communicate()
    stats = next((json.loads(x[6:]) for x in out.splitlines() if x.startswith("STATS ")), {})
    MASTER_STATS.append(stats)
    lat, own = latencies(site.store, {f"T{int(f.name[1:]):03d}" for f in folders}, start, saves)
    SAVES.append(own)
    return lat, cpu, catch


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--terminals", type=int, default=100, help="terminals in all (split evenly into the rooms)")
    ap.add_argument("--rooms", type=int, default=1, help="rooms served by the one master (all start together)")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--per-process", type=int, default=10)
    ap.add_argument("--pace", type=float, default=8.0)
    ap.add_argument("--backlog-minutes", type=float, default=10)
    ap.add_argument("--backlog-rate", type=float, default=1.0, help="records per second while cut off")
    ap.add_argument("--runs", type=int, default=1, help="repeat the N-terminal room (the catch-up runs in the first)")
    ap.add_argument("--worst", type=int, default=0, help="also list the N slowest records")
    ap.add_argument("--sim-niceness", type=int, default=SIM_NICENESS,
                    help="run the simulated terminals at this niceness (they stand for other machines; "
                         f"default {SIM_NICENESS}, 0: they take the master's cores as equals)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        site_dir = tmp / "site"
        site = create_site(site_dir, PASS, INST, "admin", "管理员", ADMIN_PW, kdf=TEST_KDF)
        admin = site.login("admin", ADMIN_PW)
        port = free_port()
        total = args.terminals
        n = total + 2
        folders = [tmp / f"t{i:03d}" for i in range(1, n + 1)]
        t = time.monotonic()
        ids = provision(site, NetService(admin).grant, folders, TPASS, port, TEST_KDF)
        assert ids[-1] == f"T{n:03d}"
        print(f"enrolled {n} terminals in {time.monotonic() - t:.1f} s")

        # the cut-off terminal's backlog, made offline
        cut = TerminalNode.open(folders[-1], TPASS)
        cut.heartbeat_every = 3
        count = int(args.backlog_minutes * 60 * args.backlog_rate)
        t = time.monotonic()
        for i in range(count):
            cut.record("answer", {"candidate": "CUT", "q": i, "a": "A", "t": time.time()})
        print(f"backlog of {count} records ({args.backlog_minutes:g} min at {args.backlog_rate:g}/s) "
              f"saved offline in {time.monotonic() - t:.1f} s")

        base_lat, base_cpu, _ = run_room(site, site_dir, port, folders[:1], min(10.0, args.seconds), 1, 1.0)
        runs = []
        for i in range(args.runs):
            load = os.getloadavg()[0]
            runs.append(run_room(site, site_dir, port, folders[1:1 + total], args.seconds,
                                 args.per_process, args.pace, catchup=cut if i == 0 else None,
                                 niceness=args.sim_niceness))
            LOADS.append((load, os.getloadavg()[0]))
        lat, cpu, catch = runs[0]
        cut.close()
        site.close()

    def line(name, values, cpu_share, seconds):
        print(f"{name:<26} records {len(values):>6}  {len(values) / seconds:7.1f}/s  "
              f"latency median {statistics.median(values) * 1000:7.1f} ms  p99 {pct(values, 99) * 1000:7.1f} ms  "
              f"max {max(values) * 1000:7.1f} ms  master CPU {cpu_share * 100:5.1f}%")

    print(f"\nroom on loopback, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, "
          f"simulated terminals at niceness {args.sim_niceness}")
    line("baseline: 1 terminal", base_lat, base_cpu, min(10.0, args.seconds))
    for i, (lat_i, cpu_i, _) in enumerate(runs, 1):
        line(f"{total} terminals, run {i}", lat_i, cpu_i, args.seconds)
        st = MASTER_STATS[i] if i < len(MASTER_STATS) else {}
        print(f"    master link: push {st.get('push_ms')}, group commit (write-lock hold) {st.get('group_commit_ms')},"
              f" largest group {st.get('group_size_max')}; load average before/after {LOADS[i - 1][0]:.1f}/"
              f"{LOADS[i - 1][1]:.1f}")
        own = SAVES[i] if i < len(SAVES) else []
        if own:
            print(f"    the terminals' own saves before that (not counted above; {total} stores on this one disk): "
                  f"median {statistics.median(own) * 1000:.1f} ms, p99 {pct(own, 99) * 1000:.1f} ms, "
                  f"max {max(own) * 1000:.1f} ms")
    p99 = statistics.median(pct(r[0], 99) for r in runs)
    med = statistics.median(statistics.median(r[0]) for r in runs)
    cpu_med = statistics.median(r[1] for r in runs)
    print(f"median of {len(runs)} run(s): latency median {med * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
          f"master CPU {cpu_med * 100:.1f}%")
    target = 0.25 if total <= 100 else 0.5
    print(f"p99 ratio N/baseline: {p99 / pct(base_lat, 99):.2f}   "
          f"target p99 <= {target * 1000:.0f} ms at N={total} ({args.rooms} room(s), start burst included): "
          f"{'met' if p99 <= target else 'NOT met'}")
    if args.worst:
        for t_, lat_, m, s in sorted(DETAIL, key=lambda d: -d[1])[:args.worst]:
            print(f"  worst: t+{t_:6.2f}s  {lat_ * 1000:7.1f} ms  {m}#{s}")
    if catch:
        print(f"catch-up: {catch['records']} records after {args.backlog_minutes:g} min cut off, "
              f"sent in {catch['seconds']:.2f} s while the room ran "
              f"(link restored at t+{catch['at']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
