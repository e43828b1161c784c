"""One station of the site in a process of its own, for tests/e2e/test_site_stations.py.

    python -m tests.e2e.site_station_child KIND FOLDER [--fault FILE]

KIND is door_desk, grader_station or room_console; the store's passphrase comes from
EXAMSITE_STATION_PASSPHRASE.  While FILE exists the station's cable is pulled (the client's
fault switch, as the simulated terminals do it).  The station reads one JSON command a line
on stdin and answers one JSON line on stdout per step, once that step is durable in the
station's own store (``{"ack": ...}``); runs of steps (``checkin_run``, ``sign_run``) print
one line per step, so the test can SIGKILL the process in the middle of a run.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time

from sqlalchemy import select


def _door_jpeg(marker: str) -> bytes:
    """A real JPEG (as a desk camera gives) carrying a marker in a comment segment."""
    import cv2
    import numpy as np

    ok, buf = cv2.imencode(".jpg", np.full((48, 64, 3), 128, np.uint8))
    jpeg, m = buf.tobytes(), marker.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(m) + 2).to_bytes(2, "big") + m + jpeg[2:]


def _say(**kw) -> None:
    print(json.dumps(kw, ensure_ascii=False, default=str), flush=True)


class Desk:
    def __init__(self, folder, passphrase):
        from app.net.station import DoorDesk

        self.station = DoorDesk.open(folder, passphrase)

    def checkin(self, ticket: str, photo: str = "") -> None:
        from app.net.station import DeskRefused, VerdictPending

        try:
            r = self.station.check_in(ticket, photo=_door_jpeg(photo) if photo else None, by_name="检录员")
        except DeskRefused as exc:
            _say(ack="refused", ticket=ticket, code=exc.code)
        except VerdictPending:
            _say(ack="pending", ticket=ticket)   # durable; the master answers when it can
        else:
            _say(ack=r.state, ticket=ticket, seq=r.seq)

    def op_checkin(self, c):
        self.checkin(c["ticket"], c.get("photo", ""))

    def op_checkin_run(self, c):
        for t in c["tickets"]:
            self.checkin(t)

    def op_made(self, _c):
        _say(ack="made", tickets=[r.ticket_no for r in self.station.check_ins()])

    def op_verdicts(self, _c):
        _say(ack="verdicts", verdicts=[(r.ticket_no, r.verdict) for r in self.station.check_ins()])

    def settled(self) -> bool:
        return all(r.verdict != "pending" for r in self.station.check_ins())


class Grader:
    def __init__(self, folder, passphrase):
        from app.net.grader_station import GraderStation

        self.station = GraderStation.open(folder, passphrase)

    def op_login(self, c):
        _say(ack="login", name=self.station.login(c["user"], c["password"]))

    def op_sign_run(self, c):
        from app.rehearsal.common import signature_png

        for i, t in enumerate(c["tickets"]):
            self.station.save(t, c["entries"])
            sheet = self.station.sign(t, signature_png(c.get("seed", 1) + i))
            _say(ack="signed", ticket=t, seq=sheet.seq)

    def op_made(self, _c):
        from app.store.grader_station_tables import GraderSheet

        with self.station.node.store.read() as s:
            signed = sorted(s.scalars(select(GraderSheet.ticket_no).where(GraderSheet.status == "signed")))
        _say(ack="made", tickets=signed)

    def op_reconcile(self, c):
        _say(ack="reconcile", seq=self.station.reconcile(c["ticket"], c["score"], c["reason"]))

    def op_answer(self, c):
        _say(ack="answer", answer=self.station.answer(c["seq"]))

    def op_revealed(self, _c):
        _say(ack="revealed", candidates=[(c["ticket_no"], c["status"], len(c["sheets"]))
                                         for c in self.station.revealed()])

    def op_verdicts(self, _c):
        from app.store.grader_station_tables import GraderSheet

        with self.station.node.store.read() as s:
            rows = [(x.ticket_no, x.grader, x.verdict) for x in s.scalars(select(GraderSheet))]
        _say(ack="verdicts", verdicts=rows)

    def settled(self) -> bool:
        return self.station.status()["pending"] == 0


class Console:
    def __init__(self, folder, passphrase):
        from app.net.room_console import RoomConsole

        self.station = RoomConsole.open(folder, passphrase)

    def op_open(self, c):
        ref = self.station.open_finding(c["by"], c["password"], c["ticket"], c["article"], c["item"], c["facts"])
        _say(ack="opened", ref=ref)

    def op_sign(self, c):
        _say(ack="signed", ref=c["ref"], witnesses=self.station.sign(c["ref"], c["by"], c["password"]))

    def op_confirm(self, c):
        self.station.confirm(c["ref"], c["by"], c["password"])
        _say(ack="confirmed", ref=c["ref"])

    def op_made(self, _c):
        _say(ack="made", findings=[(f.ref, f.ticket_no, f.status) for f in self.station.findings()])

    def op_verdicts(self, _c):
        screen = self.station.screen()
        _say(ack="verdicts", verdicts=[(f["ref"], f["status"], f["answer"]) for f in screen["findings"]])

    def settled(self) -> bool:
        return self.station.pending() == 0


KINDS = {"door_desk": Desk, "grader_station": Grader, "room_console": Console}


def main(argv: list[str]) -> int:
    kind, folder = argv[0], argv[1]
    fault = argv[argv.index("--fault") + 1] if "--fault" in argv else None
    station = KINDS[kind](folder, os.environ["EXAMSITE_STATION_PASSPHRASE"])
    node = station.station.node
    node.start()

    def watch_cable():
        while True:
            if node.client is not None:
                node.client.fault = os.path.exists(fault)
            time.sleep(0.05)

    if fault:
        threading.Thread(target=watch_cable, daemon=True).start()
    _say(ack="ready", machine=node.machine_id)
    for line in sys.stdin:
        c = json.loads(line)
        if c["op"] == "status":
            # the master holds every record this station made, and has answered each one
            _say(ack="status", online=node.online, backlog=node.backlog(), settled=station.settled())
        elif c["op"] == "quit":
            station.station.close()
            _say(ack="bye")
            return 0
        else:
            try:
                getattr(station, "op_" + c["op"])(c)
            except Exception as exc:  # noqa: BLE001 - the test reads the refusal, never a dead pipe
                _say(ack="error", error=f"{type(exc).__name__}: {exc}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
