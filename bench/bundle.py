"""Export and verify time of a sealed bundle for a 500-candidate batch, and hashing
throughput on 1 GB of camera-segment-sized files against `sha256sum` in the same run.

    .venv/bin/python bench/bundle.py [--candidates 500] [--runs 5] [--gb 1]

The site is built with TEST_KDF and a synthetic roster (the demo generator).  Synthetic
theory and results providers add 500 candidates' answers to a 100-question paper, so the
verifier's recomputation is part of the measured time, and 50,000 journal entries stand
for an exam day's answer saves (the whole chain is exported and re-verified).  Targets (issue 9): export <= 5 s,
verify <= 3 s, hashing >= 70% of sha256sum.  The 1 GB of segment files is written under
/tmp and deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import verifier  # noqa: E402
from app.core import bundle as layout  # noqa: E402
from app.core.journal import key_id  # noqa: E402
from app.formats.bundle import hash_file  # noqa: E402
from app.services import bundle as svc  # noqa: E402
from app.services.demo import DEMO_PASSPHRASE, DEMO_STAFF, build_demo_site  # noqa: E402
from app.services.site import open_site  # noqa: E402
from app.store.keys import TEST_KDF  # noqa: E402

PW = {u: p for u, _, _, p, _ in DEMO_STAFF}
QUESTIONS = 100


def synthetic_theory(candidates: int, seed: int = 1):
    rng = random.Random(seed)
    qs = []
    for i in range(QUESTIONS):
        kind = "judge" if i < 20 else ("single" if i < 80 else "multiple")
        opts = ["T", "F"] if kind == "judge" else ["A", "B", "C", "D"]
        answer = sorted(rng.sample(opts, 2)) if kind == "multiple" else [rng.choice(opts)]
        qs.append({"qid": f"Q{i:04d}", "type": kind, "answer": answer, "points": "2" if kind == "multiple" else "1"})
    rows, scores = [], {}
    for n in range(1, candidates + 1):
        ticket = f"DG2604{n:04d}"
        chosen, score = [], 0
        for q in qs:
            opts = ["T", "F"] if q["type"] == "judge" else ["A", "B", "C", "D"]
            pick = q["answer"] if rng.random() < 0.7 else [rng.choice(opts)]
            chosen.append({"qid": q["qid"], "chosen": pick})
            score += int(q["points"]) if sorted(pick) == q["answer"] else 0
        rows.append({"ticket_no": ticket, "paper_id": "P1", "answers": chosen})
        scores[ticket] = str(score)

    def theory(ctx, plan_no, folder):
        (folder / "theory").mkdir(exist_ok=True)
        (folder / layout.THEORY_PAPERS).write_text(json.dumps({"paper_id": "P1", "seed": 20261205,
                                                               "questions": qs}) + "\n", encoding="utf-8")
        (folder / layout.THEORY_ANSWERS).write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        return [layout.THEORY_PAPERS, layout.THEORY_ANSWERS]

    def results(ctx, plan_no, folder):
        (folder / "results").mkdir(exist_ok=True)
        (folder / layout.RESULTS_JSON).write_text(json.dumps({"plan_no": plan_no, "candidates": [
            {"ticket_no": t, "theory": s} for t, s in scores.items()]}), encoding="utf-8")
        return [layout.RESULTS_JSON]

    return theory, results


def pad_journal(site: Path, entries: int, candidates: int) -> None:
    """An exam day's worth of journal: answer saves by candidates (system actor, 1000 per commit)."""
    from app.core.actor import system_actor

    handle = open_site(site, DEMO_PASSPHRASE)
    try:
        store, actor = handle.store, system_actor("bench")
        done = 0
        while done < entries:
            with store.write() as s:
                for _ in range(min(1000, entries - done)):
                    done += 1
                    store.journal.append(s, actor, "theory.answer", f"DG2604{done % candidates + 1:04d}",
                                         {"qid": f"Q{done % QUESTIONS:04d}", "chosen": ["A"], "n": done})
    finally:
        handle.close()


def bench_bundle(candidates: int, runs: int, tmp: Path, journal: int) -> None:
    t = time.perf_counter()
    build_demo_site(tmp / "site", candidates=candidates, seed=3, kdf=TEST_KDF)
    pad_journal(tmp / "site", journal, candidates)
    print(f"site built: {candidates} candidates with photos, +{journal} journal entries, TEST_KDF "
          f"({time.perf_counter() - t:.1f} s, not timed below)")
    theory, results = synthetic_theory(candidates)
    svc.register_provider("theory", theory)
    svc.register_provider("results", results)
    handle = open_site(tmp / "site", DEMO_PASSPHRASE)
    try:
        from app.core import supervision as sv
        from app.services.official_tables import TablesService
        # an export needs the signed 内部督导情况报告 (issue 18)
        TablesService(handle.login("neidu", PW["neidu"])).save_supervision(
            "2026-41-DG-0001", {x.key: x.max_points for x in sv.FORM}, [], "", PW["neidu"])
        admin = svc.ExportService(handle.login("admin", PW["admin"]))
        for photos in (False, True):
            times, cpu, last = [], [], None
            for i in range(runs):
                out = tmp / f"bundle-{photos}-{i}.zip"
                t, c = time.perf_counter(), time.process_time()
                last = admin.make(out, PW["admin"], include_photos=photos)
                times.append(time.perf_counter() - t)
                cpu.append(time.process_time() - c)
            print(f"export ({'with' if photos else 'without'} photos): median {statistics.median(times):.3f} s wall, "
                  f"{statistics.median(cpu):.3f} s CPU (runs {', '.join(f'{x:.3f}' for x in times)}); "
                  f"{last.size / 1e6:.2f} MB")
        sup = svc.ExportService(handle.login("neidu", PW["neidu"]))
        path = tmp / "bundle-False-0.zip"
        sup.countersign(1, path, PW["neidu"])
        trust_text = admin.public_keys()
    finally:
        handle.close()
    trust_path = tmp / "trust.txt"
    trust_path.write_text(trust_text, encoding="utf-8")
    trust = layout.parse_trust(trust_text, key_id)
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        report = verifier.verify_file(path, trust)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
        assert report.ok, report.fault
    print(f"verify in-process: median {statistics.median(times):.3f} s wall, {statistics.median(cpu):.3f} s CPU "
          f"(theory recomputed for {report.theory_checked} candidates, {report.journal_entries} journal entries)")
    times, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), os.times()
        r = subprocess.run([sys.executable, "-m", "app.verifier", str(path), "--trust", str(trust_path)],
                           cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - t)
        c2 = os.times()
        cpu.append(c2.children_user - c.children_user + c2.children_system - c.children_system)
        assert r.returncode == 0, r.stderr
    print(f"verify as a clerk runs it (new process, interpreter start included): "
          f"median {statistics.median(times):.3f} s wall, {statistics.median(cpu):.3f} s CPU")


def bench_hashing(gb: float, runs: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="examsite-segments-", dir="/tmp"))
    try:
        seg = 64 * 1024 * 1024
        n = max(1, int(gb * 1024 ** 3) // seg)
        block = os.urandom(seg)
        files = []
        for i in range(n):
            p = folder / f"cam01-{i:04d}.avi"
            p.write_bytes(block[i:] + block[:i])  # distinct content per file
            files.append(p)
        total = n * seg
        print(f"segment files: {n} x 64 MiB = {total / 1024 ** 3:.2f} GiB under {folder}")
        shasum = shutil.which("sha256sum")
        res = {"sha256sum": [], "ours sha256": [], "ours sha256+sm3": []}
        for _ in range(runs):  # interleaved, so cache and load affect all alike
            t = time.perf_counter()
            subprocess.run([shasum, *map(str, files)], check=True, capture_output=True)
            res["sha256sum"].append(time.perf_counter() - t)
            t = time.perf_counter()
            for p in files:
                hash_file(p, ("sha256",))
            res["ours sha256"].append(time.perf_counter() - t)
            t = time.perf_counter()
            for p in files:
                hash_file(p, ("sha256", "sm3"))
            res["ours sha256+sm3"].append(time.perf_counter() - t)
        base = statistics.median(res["sha256sum"])
        for name, ts in res.items():
            med = statistics.median(ts)
            print(f"hash {name:<16} median {med:.3f} s  {total / med / 1e6:8.1f} MB/s  "
                  f"= {base / med * 100:5.1f}% of sha256sum")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        print(f"deleted {folder}")


def load() -> str:
    return "load average %.2f %.2f %.2f" % os.getloadavg()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--gb", type=float, default=1.0)
    ap.add_argument("--journal", type=int, default=50000, help="journal entries added (an exam day's answer saves)")
    ap.add_argument("--skip-hash", action="store_true")
    args = ap.parse_args()
    print(f"cpus: {os.cpu_count()}  python {sys.version.split()[0]}  {load()} (the machine is shared: "
          f"CPU seconds are printed beside wall time)")
    with tempfile.TemporaryDirectory(prefix="examsite-bench-") as tmp:
        bench_bundle(args.candidates, args.runs, Path(tmp), args.journal)
    print(load())
    if not args.skip_hash:
        bench_hashing(args.gb, max(3, args.runs // 2 + 1))


if __name__ == "__main__":
    main()
