"""Practical scoring speed on a real SQLCipher demo site.

    .venv/bin/python bench/scoring.py [--candidates 300] [--runs 5]

1. Draft save latency (one keystroke at a grader station: GradingService.save_sheet),
   against one journaled one-row write in the same store (SiteService.set_institution).
2. The practical summary for N candidates with 3 signed sheets each
   (ChiefGraderService.practical_summary), against reading the same roster
   (RosterService.candidates).
Prints the median of each run, the median of the runs and the ratios.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import cv2
import numpy as np

from app.formats.scoring_template import write_template
from app.services.demo import DEMO_PLAN, DEMO_STAFF, build_demo_site
from app.services.roster import RosterService
from app.services.scoring import ChiefGraderService, GradingService, ScoringSetupService
from app.services.site import SiteService, open_site
from app.store.keys import TEST_KDF

PW = {u: p for u, _, _, p, _ in DEMO_STAFF}
FULL = {"1.1": 20, "1.2": 30, "1.3": 50, "1.4": "否", "2.1": 40, "2.2": 60, "2.3": "否"}


def ms(fn, n: int) -> list[float]:
    out = []
    for i in range(n):
        t = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=300)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--saves", type=int, default=60)
    args = ap.parse_args()
    img = np.full((80, 240, 3), 255, np.uint8)
    cv2.line(img, (10, 60), (230, 20), (0, 0, 0), 3)
    sig = cv2.imencode(".png", img)[1].tobytes()
    with tempfile.TemporaryDirectory() as tmp:
        info = build_demo_site(Path(tmp) / "site", candidates=args.candidates, seed=3, kdf=TEST_KDF)
        handle = open_site(info.site_dir, info.passphrase)
        admin_ctx = handle.login("admin", PW["admin"])
        admin = ScoringSetupService(admin_ctx)
        write_template(Path(tmp) / "t.xlsx")
        admin.import_template(DEMO_PLAN, Path(tmp) / "t.xlsx")
        admin.set_group(DEMO_PLAN, ["kaoping1", "kaoping2", "zuzhang"], "zuzhang")
        graders = {u: GradingService(handle.login(u, PW[u], "grader")) for u in ("kaoping1", "kaoping2", "zuzhang")}
        tickets = [c.ticket_no for c in RosterService(admin_ctx).candidates(DEMO_PLAN)]
        t0 = time.perf_counter()
        for n, ticket in enumerate(tickets):
            for k, (u, svc) in enumerate(graders.items()):
                svc.save_sheet(DEMO_PLAN, ticket, {**FULL, "1.3": 40 + (n + k) % 10})
                svc.sign_sheet(DEMO_PLAN, ticket, PW[u], sig)
        fill = time.perf_counter() - t0
        print(f"filled {len(tickets) * 3} signed sheets in {fill:.1f} s "
              f"({fill * 1000 / (len(tickets) * 3):.1f} ms per save+sign, Argon2 test parameters)")

        site = SiteService(admin_ctx)
        inst = site.institution()
        g1 = graders["kaoping1"]
        g1.start_correction(DEMO_PLAN, tickets[0], "基准测试：更正草稿")
        save_runs, base_runs, sum_runs, read_runs = [], [], [], []
        for _ in range(args.runs):
            save_runs.append(statistics.median(ms(
                lambda i: g1.save_sheet(DEMO_PLAN, tickets[0], {**FULL, "1.3": 40 + i % 10}), args.saves)))
            base_runs.append(statistics.median(ms(lambda i: site.set_institution(inst), args.saves)))
            sum_runs.append(statistics.median(ms(lambda i: ChiefGraderService(admin_ctx).practical_summary(DEMO_PLAN), 3)))
            read_runs.append(statistics.median(ms(lambda i: RosterService(admin_ctx).candidates(DEMO_PLAN), 3)))
        handle.close()
    f = lambda xs: " ".join(f"{x:.2f}" for x in xs)  # noqa: E731
    s, b, m, r = (statistics.median(x) for x in (save_runs, base_runs, sum_runs, read_runs))
    print(f"draft save (keystroke)      medians per run ms: {f(save_runs)}  -> {s:.2f} ms")
    print(f"baseline journaled write    medians per run ms: {f(base_runs)}  -> {b:.2f} ms   ratio {s / b:.2f}x")
    print(f"practical summary, {len(tickets)} cand. medians per run ms: {f(sum_runs)}  -> {m:.1f} ms")
    print(f"baseline roster read        medians per run ms: {f(read_runs)}  -> {r:.1f} ms   ratio {m / r:.1f}x")


if __name__ == "__main__":
    main()
