"""A grader station in a process of its own, for the kill test: one sitting, then for each
ticket given a full sheet saved and signed, printing ``ACK seq ticket`` once the signed sheet
is durable.  The test SIGKILLs it in the middle."""

from __future__ import annotations

import sys
import time

from app.net.grader_station import GraderStation
from tests.scoring_support import FULL, PASSWORDS, signature_png


def main(folder: str, passphrase: str, grader: str, tickets: list[str]) -> None:
    station = GraderStation.open(folder, passphrase)
    station.node.start()
    deadline = time.monotonic() + 30
    while not station.node.online and time.monotonic() < deadline:
        time.sleep(0.05)
    station.login(grader, PASSWORDS[grader])
    print("READY", flush=True)
    for i, t in enumerate(tickets):
        station.save(t, FULL)
        sheet = station.sign(t, signature_png(i + 1))
        print(f"ACK {sheet.seq} {t}", flush=True)
    time.sleep(600)  # the test kills us


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:])
