"""Stations at work on a realistic day (issue 17): is a station action durable on the master fast
enough, and does the master's screen stay responsive meanwhile?

    PYTHONPATH=$PWD .venv/bin/python bench/stations.py [--candidates 300] [--rooms 3] [--terminals 60]
        [--desks 2] [--grader-stations 9] [--consoles 2] [--cameras 2] [--findings 6] [--sheet-pace 1]
        [--runs 1] [--quick]

One run builds a demo site with the REAL key derivation (Argon2id) for its store, the stations'
stores and every password, and runs, each with the master as its own process (the link in its
supervised child, a 10 ms stall meter on its UI thread, the cameras recording from video files),
the stations as their own processes (app.rehearsal.station_worker) and ``--terminals`` simulated
terminals (app.net.simulate, answering at human pace over the same link) the whole time:
  * the door: ``--desks`` door desks check every arriving candidate in (a check-in returns only
    when the master holds it and has answered); then some of desk 1's candidates show their
    ticket at desk 2 (door-to-door double check-in: until desk 2 refuses it);
  * the practical: the 考评组 of 3 (two graders and the chief) at ``--grader-stations`` grader
    stations (each grader at 1/3 of them, one sitting each: the signing key unsealed once) signs
    every present candidate's sheet (3 per candidate), a sheet every ``--sheet-pace`` seconds at
    each station (9 stations at 1 s: ~500 times a real day's rate); sheet signed -> the master's answer heard
    back at the station; the chief decides the one discrepancy at the chief's station;
  * findings: ``--consoles`` room consoles (in this process, over the same link), each recording
    ``--findings`` findings (opened, signed by two proctors, confirmed by the room head); the
    signed record written -> the master's answer heard back (the password check before it is
    an Argon2 and is printed apart).
Each phase's master has 5 s to build its screen before its stall meter counts.  The baseline, in
the same run: the master alone (its screen, its link, its cameras recording; no terminal or
station yet) for 10 s after the same 5 s.  Printed: medians over the runs, with the issue's
targets beside them.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_ACTION_P99_MS = 250
TARGET_STALL_MS = 50
TARGET_SIGNING_S = 120
BASELINE_S = 5.0   # the master's first seconds: its screen is built, not measured
IDLE_S = 10.0      # the idle master, measured
TPASS = "bench-terminal-2026"


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * q))] if v else float("nan")


def _terminals(day, work: Path, n: int, port: int, kdf) -> tuple[list[Path], list[subprocess.Popen]]:
    """``n`` simulated terminals enrolled to the master's address; started later (they keep
    reconnecting while the phases' masters come and go)."""
    from app.net.simulate import provision
    from app.services.net import NetService

    folders = [work / "terminals" / f"T{i + 1:03d}" for i in range(n)]
    provision(day.handle, NetService(day.login("admin")).grant, folders, TPASS, port, kdf)
    return folders, []


def _start_terminals(folders: list[Path], per_process: int = 10) -> list[subprocess.Popen]:
    from app import platform

    env = {**os.environ, "PYTHONPATH": str(ROOT), "EXAMSITE_TERMINAL_PASSPHRASE": TPASS}
    procs = []
    for g in range(0, len(folders), per_process):
        args = [sys.executable, "-m", "app.net.simulate", "--questions", "100000", "--pace", "8",
                "--heartbeat", "3", "--seed", str(g)]
        for f in folders[g:g + per_process]:
            args += ["--terminal", f"{f}:C{f.name}"]
        procs.append(subprocess.Popen(args, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                      **platform.child_kwargs(10)))
    return procs


def _findings(day, work: Path, port: int, consoles: int, findings: int, kdf, stats_out: dict) -> dict:
    """Room consoles in this process over the link, each in its own room, recording findings."""
    from app.core import room_console as rcn
    from app.core import stations as st
    from app.net.room_console import RoomConsole
    from app.rehearsal.stations import STATION_PASSPHRASE, StationFloor
    from app.services.room_consoles import RoomConsoleService
    from app.services.roster import RosterService

    floor = StationFloor(day, work / "consoles", port, baseline_seconds=BASELINE_S, record_cameras=True, kdf=kdf)
    floor.start_master()
    link_s, call_s, errors, opened = [], [], [], []
    try:
        cands = RosterService(day.login("kaowu")).candidates(day.plan_no)
        rooms = sorted({c.room for c in cands})[:consoles]
        stations = []
        for i, room in enumerate(rooms):
            folder = work / "consoles" / f"console{i + 1}"
            mid = floor.enroll(folder, st.ROOM_CONSOLE, f"监考台{i + 1}", room)
            RoomConsoleService(day.login("admin")).provision_room_console(mid, day.plan_no)
            from app.net.terminal import TerminalNode

            console = RoomConsole(TerminalNode.open(folder, STATION_PASSPHRASE))
            console.node.start()
            opened.append(console)
            stations.append((console, [c.ticket_no for c in cands if c.room == room][:findings]))
        for console, _ in stations:
            deadline = time.monotonic() + 120
            while not (console.node.online and console.status()["staff"] >= 3):
                if time.monotonic() > deadline:
                    raise RuntimeError("监考台未收到考场名单与人员")
                time.sleep(0.05)
        pw = day.passwords
        lock = threading.Lock()

        def work_at(console, tickets):
            def timed(fn):
                t0 = time.perf_counter()
                out = fn()
                t1 = time.perf_counter()
                if not console.wait_answered(30):
                    raise RuntimeError("主机 30 秒内未答复监考台")
                with lock:
                    call_s.append(t1 - t0)
                    link_s.append(time.perf_counter() - t1)
                return out
            try:
                for t in tickets:
                    ref = timed(lambda: console.open_finding("jiankao1", pw["jiankao1"], t, 6, 1, "09:40 发现考生使用手机"))
                    timed(lambda: console.sign(ref, "jiankao1", pw["jiankao1"]))
                    timed(lambda: console.sign(ref, "jiankao2", pw["jiankao2"]))
                    timed(lambda: console.confirm(ref, "kaochang", pw["kaochang"]))
                if not all(f.verdict == rcn.HELD for f in console.findings()):
                    raise RuntimeError("主机未保存全部违纪记录")
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(f"{type(exc).__name__}: {exc}")

        threads = [threading.Thread(target=work_at, args=s) for s in stations]
        for th in threads:
            th.start()
        for th in threads:
            th.join()
    finally:
        for c in opened:
            c.close()
        stats_out.update(floor.stop())
    if errors:
        raise RuntimeError("；".join(errors))
    return {"link_s": link_s, "call_s": call_s}


def one_run(args, run: int) -> dict:
    import datetime as _dt

    from app.core.sitetime import site_date
    from app.net.simulate import free_port
    from app.rehearsal import door, practical
    from app.rehearsal.common import cst_at
    from app.rehearsal.day import Day, DayClock
    from app.rehearsal.run import DayPlan, _cameras
    from app.rehearsal.stations import StationFloor
    from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, DEMO_STAFF, build_demo_site
    from app.services.site import open_site

    work = Path(tempfile.mkdtemp(prefix="stations-bench-"))
    kdf = None  # the real Argon2id parameters, everywhere
    exam_day = site_date(_dt.datetime.now(_dt.timezone.utc)) + _dt.timedelta(days=1)
    info = build_demo_site(work / "site", candidates=args.candidates, seed=args.seed + run, kdf=kdf,
                           exam_day=exam_day, rooms=[f"第{i}考场" for i in range(1, args.rooms + 1)])
    handle = open_site(work / "site", DEMO_PASSPHRASE)
    sims: list[subprocess.Popen] = []
    out: dict = {}
    try:
        day = Day(handle, DEMO_PLAN, DayClock(cst_at(exam_day, 7, 30)), exam_day, work / "out",
                  {u: p for u, _, _, p, _ in DEMO_STAFF}, say=(print if args.verbose else (lambda _l: None)),
                  seed=args.seed + run, passphrase=info.passphrase)
        _cameras(day, DayPlan(cameras=args.cameras))
        port = free_port()
        # the baseline: the same master alone (screen, link, cameras), before anything works with it
        idle = StationFloor(day, work / "idle", port, baseline_seconds=BASELINE_S, record_cameras=args.cameras > 0,
                            kdf=kdf)
        idle.start_master()
        time.sleep(IDLE_S)
        out["idle_master"] = idle.stop()
        folders, _ = _terminals(day, work, args.terminals, port, kdf)
        sims = _start_terminals(folders)
        floor = {"baseline_seconds": BASELINE_S, "record_cameras": args.cameras > 0, "kdf": kdf}
        doubles = max(1, args.candidates // 15)
        d = door.run_door(day, absent=max(2, args.candidates // 50), late=1, mismatch=1, desks=args.desks,
                          port=port, double=doubles, floor_options=floor)
        out["checkin_s"] = [s for r in d.desks.values() for s in r["checkin_seconds"]]
        out["double_s"] = [v[1] for v in d.doubles.values()]
        out["doubles_refused"] = sum(v[0] == "already" for v in d.doubles.values())
        out["by_desk"] = d.by_desk
        out["door_master"] = d.desk_stats
        per = max(1, args.grader_stations // 3)
        p = practical.run_practical(day, present=d.checked_in, graders=["kaoping1", "kaoping2"], chief="zuzhang",
                                    port=port, stations_per_grader=per, sheet_pace=args.sheet_pace, floor_options=floor,
                                    members_sign_summary=False)
        out["sheet_s"] = [s for r in p.stations.values() for s in r["answer_seconds"]]
        out["sheets"] = p.sheets_at_stations
        out["grader_stations"] = len(p.stations)
        out["unseal_s"] = [r["unseal_seconds"] for r in p.stations.values()]
        out["sign_each_s"] = [s for r in p.stations.values() for s in r["sign_seconds"]]
        out["signing_total_s"] = p.sign_seconds
        out["practical_ok"] = p.consistent
        out["practical_master"] = p.station_stats
        if args.consoles:
            fstats: dict = {}
            f = _findings(day, work, port, args.consoles, args.findings, kdf, fstats)
            out["finding_s"], out["finding_call_s"], out["findings_master"] = f["link_s"], f["call_s"], fstats
    finally:
        for s in sims:
            s.kill()
            s.wait()
        handle.close()
        if args.keep:
            print(f"  kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return out


def _stall(r: dict) -> tuple[float, float]:
    """The longest UI stall of the master over the phases, and the idle master's in the same run."""
    masters = [r[k] for k in ("door_master", "practical_master", "findings_master") if r.get(k)]
    return (max(m.get("ui_stall_max_ms") or 0 for m in masters), r["idle_master"].get("ui_stall_max_ms") or 0)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--candidates", type=int, default=300)
    ap.add_argument("--rooms", type=int, default=3)
    ap.add_argument("--terminals", type=int, default=60)
    ap.add_argument("--desks", type=int, default=2)
    ap.add_argument("--grader-stations", type=int, default=9, help="a multiple of 3 (the 考评组 has 3)")
    ap.add_argument("--consoles", type=int, default=2)
    ap.add_argument("--cameras", type=int, default=2)
    ap.add_argument("--findings", type=int, default=6, help="per room console")
    ap.add_argument("--sheet-pace", type=float, default=1.0,
                    help="seconds a grader takes between two sheets at a station (0: sign as fast as possible, a "
                         "burst; a real day is ~900 sheets over 4 hours)")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--quick", action="store_true", help="a small smoke run (30 candidates, 6 terminals, 3 grader "
                                                         "stations, 1 console, 1 camera)")
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(argv)
    if args.quick:
        args.candidates, args.terminals, args.grader_stations = 30, 6, 3
        args.consoles, args.cameras, args.findings = 1, 1, 2
    print(f"stations bench: {args.candidates} candidates, {args.rooms} rooms, {args.terminals} simulated terminals, "
          f"{args.desks} door desks, {args.grader_stations} grader stations, {args.consoles} room consoles, "
          f"{args.cameras} cameras (video files stand in for cameras; terminals are app.net.simulate), "
          f"a sheet every {args.sheet_pace:g} s at each grader station, "
          f"{args.runs} run(s), real Argon2id", flush=True)
    runs = []
    for run in range(args.runs):
        load = os.getloadavg()
        t0 = time.perf_counter()
        r = one_run(args, run)
        r["seconds"], r["load"] = time.perf_counter() - t0, (load, os.getloadavg())
        runs.append(r)
        print(f"  run {run + 1}: {r['seconds']:.0f} s, load average before {load[0]:.2f}/{load[1]:.2f}/{load[2]:.2f}, "
              f"after {r['load'][1][0]:.2f}/{r['load'][1][1]:.2f}/{r['load'][1][2]:.2f}", flush=True)

    def med(fn):
        return statistics.median(fn(r) for r in runs)

    def ms(x):
        return f"{x * 1000:8.1f} ms"

    def mark(ok):
        return "ok " if ok else "MISSED"

    print(f"\nmedians over {len(runs)} run(s)                        figure      target")
    ok = True
    for key, label in (("checkin_s", "door check-in -> master (answered)"), ("sheet_s", "sheet signed -> master (answered)"),
                       ("finding_s", "finding record -> master (answered)")):
        if not runs[0].get(key):
            print(f"  {label:<44} not measured")
            continue
        p50, p99 = med(lambda r: statistics.median(r[key])), med(lambda r: pct(r[key], 0.99))
        good = p99 * 1000 <= TARGET_ACTION_P99_MS
        ok &= good
        print(f"  {label:<36} p50 {ms(p50)}")
        print(f"  {'':<36} p99 {ms(p99)}   <= {TARGET_ACTION_P99_MS} ms  {mark(good)}"
              f"   (n={len(runs[0][key])})")
    if runs[0].get("finding_call_s"):
        print(f"  finding action at the console, whole call (an Argon2 password check first) p50 "
              f"{ms(med(lambda r: statistics.median(r['finding_call_s'])))}")
    print(f"  door-to-door double check-in refused     max {ms(med(lambda r: max(r['double_s'])))}"
          f"   (p50 {ms(med(lambda r: statistics.median(r['double_s'])))}; refused "
          f"{runs[-1]['doubles_refused']}/{len(runs[-1]['double_s'])})")
    print(f"  check-ins per desk (last run): {runs[-1]['by_desk']}")
    stall, base = med(lambda r: _stall(r)[0]), med(lambda r: _stall(r)[1])
    good = stall <= TARGET_STALL_MS
    ok &= good
    print(f"  master UI longest stall                   {stall:8.1f} ms   <= {TARGET_STALL_MS} ms  {mark(good)}"
          f"   (the idle master in the same run {base:.1f} ms, p99 "
          f"{med(lambda r: r['idle_master'].get('ui_stall_p99_ms') or 0):.1f} ms; ratio "
          f"{stall / base if base else float('nan'):.1f}x)")
    for key, label in (("door_master", "door"), ("practical_master", "practical"), ("findings_master", "findings")):
        if runs[0].get(key):
            print(f"    {label:<10} stall max {med(lambda r: r[key].get('ui_stall_max_ms') or 0):7.1f} ms, p99 "
                  f"{med(lambda r: r[key].get('ui_stall_p99_ms') or 0):6.1f} ms, first 5 s (screen built) max "
                  f"{med(lambda r: r[key].get('ui_stall_baseline_max_ms') or 0):6.1f} ms; link write-lock hold max "
                  f"{med(lambda r: r[key].get('lock_hold_max_ms') or 0):6.1f} ms (its group, last run: "
                  f"{runs[-1][key].get('lock_hold_max_kinds') or '-'})")
    signing = med(lambda r: r["signing_total_s"])
    good = signing <= TARGET_SIGNING_S
    ok &= good
    print(f"  all practical signatures (real KDF)       {signing:8.1f} s    <= {TARGET_SIGNING_S} s  {mark(good)}"
          f"   ({runs[-1]['sheets']} sheets at {runs[-1]['grader_stations']} stations; unseal p50 "
          f"{ms(med(lambda r: statistics.median(r['unseal_s'])))}, sign p50 "
          f"{ms(med(lambda r: statistics.median(r['sign_each_s'])))})")
    print(f"  practical recomputed == reported: {all(r['practical_ok'] for r in runs)}")
    print("  simulated: cameras (video files), terminals (app.net.simulate answering at human pace); the room "
          "consoles run in this process (each its own store and TLS connection), the other stations as processes.")
    print("  door, grading and findings are separate phases of the day here (the theory exam with terminal processes "
          "is bench/exam_day.py)")
    return 0 if ok and all(r["practical_ok"] for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
