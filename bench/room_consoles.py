"""A room console (监考台) against a master link on TLS loopback (issue 17).

    .venv/bin/python bench/room_consoles.py [--findings 15] [--runs 3]

Each run builds a demo site (the test KDF: the signers' password checks are cheap here, so the
figure is the link's and the stores', not Argon2's), serves its link in this process, enrolls
and provisions one console for 第1考场 and records findings there: each opened by a proctor,
signed by two, confirmed by the room head.  Printed, as medians over the runs:
  * console action -> durable on the master and answered (``room.verdict`` heard back),
    p50 / p99 over every action (4 per finding);
  * baseline, measured in the same run: one signed heartbeat round trip on the same link;
and each as a ratio to the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402

from app.core import room_console as rcn  # noqa: E402
from app.core import stations as st  # noqa: E402
from app.net import protocol  # noqa: E402
from app.net.master import MasterLink  # noqa: E402
from app.net.room_console import RoomConsole  # noqa: E402
from app.net.terminal import Client, TerminalNode  # noqa: E402
from app.services.demo import DEMO_PASSPHRASE, DEMO_PLAN, build_demo_site  # noqa: E402
from app.services.room_consoles import RoomConsoleService  # noqa: E402
from app.services.site import open_site  # noqa: E402
from app.services.stations import StationService  # noqa: E402
from app.store import models  # noqa: E402
from app.store.keys import TEST_KDF  # noqa: E402

PROCTOR, HEAD = "Demo-jiankao-2026", "Demo-kaochang-2026"


def pct(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, int(len(v) * q))]


def one_run(findings: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_demo_site(tmp / "site", candidates=max(40, 2 * findings), seed=7, kdf=TEST_KDF)
        site = open_site(tmp / "site", DEMO_PASSPHRASE)
        admin = site.login("admin", "Demo-admin-2026")
        link = MasterLink(site).start()
        console = None
        try:
            node = TerminalNode.create(tmp / "console", "console-pass", TEST_KDF, machine="console")
            mid = StationService(admin).enroll(node.request_enrollment(link.url, "console"), st.ROOM_CONSOLE,
                                               "console", "第1考场")
            node.complete_enrollment()
            RoomConsoleService(admin).provision_room_console(mid, DEMO_PLAN)
            console = RoomConsole(node)
            node.start()
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and not (node.online and console.status()["staff"] == 3):
                time.sleep(0.05)
            with site.store.read() as s:
                tickets = list(s.scalars(select(models.Candidate.ticket_no).where(models.Candidate.room == "第1考场")
                                         .order_by(models.Candidate.ticket_no)))[:findings]
            took = []

            def timed(fn):
                t0 = time.perf_counter()
                out = fn()
                assert console.wait_answered(30)
                took.append(time.perf_counter() - t0)
                return out

            for t in tickets:
                ref = timed(lambda: console.open_finding("jiankao1", PROCTOR, t, 6, 1, "09:40 发现考生使用手机"))
                timed(lambda: console.sign(ref, "jiankao1", PROCTOR))
                timed(lambda: console.sign(ref, "jiankao2", PROCTOR))
                timed(lambda: console.confirm(ref, "kaochang", HEAD))
            assert all(f.verdict == rcn.HELD for f in console.findings())
            probe = Client(link.url, link.fingerprint, node._key, node.machine_id)  # the console key: bench only
            base = []
            for _ in range(30):
                t0 = time.perf_counter()
                probe.post(protocol.API + "/heartbeat", {"status": {}})
                base.append(time.perf_counter() - t0)
            probe.close()
        finally:
            if console is not None:
                console.close()
            link.stop()
            site.close()
    return {"p50": statistics.median(took), "p99": pct(took, 0.99), "baseline": statistics.median(base)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--findings", type=int, default=15)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    runs = [one_run(args.findings) for _ in range(args.runs)]
    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    base = med["baseline"]
    print(f"room console: {args.findings} findings x 4 actions, {args.runs} runs (medians of the runs)")
    print(f"  baseline signed heartbeat round trip   {base * 1000:8.1f} ms")
    for key, label in (("p50", "console action -> master, answered  p50"),
                       ("p99", "console action -> master, answered  p99")):
        print(f"  {label}  {med[key] * 1000:8.1f} ms   x{med[key] / base:6.1f} baseline")


if __name__ == "__main__":
    main()
