"""A door desk in a process of its own, for the kill test: checks in the tickets given, one
after another, printing ``ACK seq ticket state`` once each check-in is durable (and answered,
while the link is up).  The test SIGKILLs it in the middle."""

from __future__ import annotations

import sys
import time

from app.net.station import DeskRefused, DoorDesk


def main(folder: str, passphrase: str, tickets: list[str]) -> None:
    desk = DoorDesk.open(folder, passphrase)
    desk.node.start()
    deadline = time.monotonic() + 30
    while not desk.node.online and time.monotonic() < deadline:
        time.sleep(0.05)
    print("READY", flush=True)
    for t in tickets:
        try:
            r = desk.check_in(t)
        except DeskRefused as exc:
            print(f"REFUSED {exc.code} {t}", flush=True)
            continue
        print(f"ACK {r.seq} {t} {r.state}", flush=True)
    time.sleep(600)  # the test kills us


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
