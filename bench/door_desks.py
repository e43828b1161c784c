"""Two door desks (检录台) against a master link on TLS loopback (issue 17, first slice).

    .venv/bin/python bench/door_desks.py [--candidates 120] [--runs 3]

Each run builds a demo site, serves its link in this process, enrolls and provisions two
desks (each its own encrypted store and TLS connection) and prints, as medians over the
runs:
  * check-in -> durable on the master and answered (the desk's ``check_in`` returns
    ``admitted`` only then), p50 / p99 over the candidates checked in at both desks;
  * door-to-door double check-in refusal: a ticket admitted at desk 1, then shown at desk 2,
    until desk 2 refuses it (the issue asks for "within a second while the link is up");
  * baseline, measured in the same run: one signed heartbeat round trip on the same link;
and each as a ratio to the baseline.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app.core import stations as st  # noqa: E402
from app.net import protocol  # noqa: E402
from app.net.master import MasterLink  # noqa: E402
from app.net.station import DeskRefused, DoorDesk  # noqa: E402
from app.net.terminal import Client, TerminalNode  # noqa: E402
from app.services.checkin import CheckinService  # noqa: E402
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, build_demo_site  # noqa: E402
from app.services.site import open_site  # noqa: E402
from app.services.stations import StationService  # noqa: E402
from app.store import models  # noqa: E402
from app.store.keys import TEST_KDF  # noqa: E402


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * q))]


def one_run(candidates: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_demo_site(tmp / "site", candidates=candidates, seed=7, kdf=TEST_KDF)
        site = open_site(tmp / "site", DEMO_PASSPHRASE)
        admin = site.login("admin", "Demo-admin-2026")
        start = dt.datetime.now(dt.timezone.utc) + dt.timedelta(hours=1)
        sid = CheckinService(admin).create_session(DEMO_PLAN, "理论知识考试", "theory", start, 30)
        link = MasterLink(site).start()
        desks = []
        try:
            for i in (1, 2):
                node = TerminalNode.create(tmp / f"desk{i}", "desk-pass", TEST_KDF, machine=f"desk{i}")
                mid = StationService(admin).enroll(node.request_enrollment(link.url, f"desk{i}"), st.DOOR_DESK,
                                                   f"desk{i}")
                node.complete_enrollment()
                StationService(admin).provision_door_desk(mid, sid)
                desk = DoorDesk(node)
                node.start()
                desks.append(desk)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not all(d.node.online and d.status()["candidates"] == candidates
                                                          for d in desks):
                time.sleep(0.05)
            with site.store.read() as s:
                tickets = list(s.scalars(select(models.Candidate.ticket_no).order_by(models.Candidate.ticket_no)))
            d1, d2 = desks
            admitted, refused = [], []
            for i, t in enumerate(tickets):
                desk = d1 if i % 2 == 0 else d2
                t0 = time.perf_counter()
                assert desk.check_in(t).state == st.ADMITTED
                admitted.append(time.perf_counter() - t0)
            for t in tickets[: max(5, candidates // 10)]:
                t0 = time.perf_counter()
                try:
                    (d2 if t not in tickets[1::2] else d1).check_in(t)  # at the desk that did not admit them
                except DeskRefused as exc:
                    assert exc.code == st.ALREADY
                refused.append(time.perf_counter() - t0)
            probe = Client(link.url, link.fingerprint, d1.node._key, d1.node.machine_id)  # the desk key: bench only
            base = []
            for _ in range(30):
                t0 = time.perf_counter()
                probe.post(protocol.API + "/heartbeat", {"status": {}})
                base.append(time.perf_counter() - t0)
            probe.close()
        finally:
            for d in desks:
                d.close()
            link.stop()
            site.close()
    return {"admit_p50": statistics.median(admitted), "admit_p99": pct(admitted, 0.99),
            "refuse_p50": statistics.median(refused), "refuse_max": max(refused),
            "baseline": statistics.median(base)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--candidates", type=int, default=120)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = [one_run(args.candidates) for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    base = med["baseline"]
    print(f"door desks: {args.candidates} candidates, 2 desks, {args.runs} runs (medians of the runs)")
    print(f"  baseline signed heartbeat round trip   {base * 1000:8.1f} ms")
    for key, label in (("admit_p50", "check-in -> master, answered  p50"), ("admit_p99", "check-in -> master, answered  p99"),
                       ("refuse_p50", "door-to-door double refusal   p50"), ("refuse_max", "door-to-door double refusal   max")):
        print(f"  {label}  {med[key] * 1000:8.1f} ms   x{med[key] / base:6.1f} baseline")


if __name__ == "__main__":
    main()
