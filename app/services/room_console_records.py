"""The master's side of a room console's records (issue 17): each ``room.finding_opened``,
``room.finding_signed`` and ``room.finding_confirmed`` applied once, in the link's ingest
transaction, through ``MisconductService.receive_from_console``; the console is answered with
a ``room.verdict`` command record carrying a code (data, never text), and the room's consoles
are sent the room's findings as they now stand (``room.findings``)."""

from __future__ import annotations

import datetime as _dt

from app.core import records as rec
from app.core import room_console as rcn
from app.core import stations as st
from app.net import ingest
from app.services.misconduct import MisconductService
from app.services.room_consoles import refresh_findings
from app.store.net_tables import Machine
from app.store.room_console_tables import RoomConsole


def apply_console_record(uow, record: rec.Record) -> None:
    """Once per console record, in the link's ingest transaction."""
    p, h = record.payload, record.header
    console = h.machine_id
    machine = uow.session.get(Machine, console)
    row = uow.session.get(RoomConsole, console)
    if machine is None or machine.kind != st.ROOM_CONSOLE or row is None:
        uow.journal("station.record_ignored", f"{console}#{h.seq}", {"kind": h.kind, "why": "not a room console"})
        code, finding_id = rcn.NOT_A_CONSOLE, None
    else:
        try:
            at = _dt.datetime.fromisoformat(str(p["at"]))
            act = rcn.ConsoleAct(console, h.seq, str(p["by"]), at, row.room)
        except (KeyError, ValueError):
            act = None
        if act is None:
            uow.journal("station.record_refused", f"{console}#{h.seq}", {"kind": h.kind, "error": "bad record"})
            code, finding_id = rcn.INVALID, None
        else:
            code, finding_id = MisconductService(uow.ctx).receive_from_console(uow, act, h.kind, p)
    ingest.queue_command(uow, console, rcn.VERDICT, {"seq": h.seq, "ref": p.get("ref"), "verdict": code,
                                                      "master_id": finding_id}, uow.ctx.now())
    if row is not None:
        refresh_findings(uow, row.plan_no, row.room)


APPLIERS = {kind: apply_console_record for kind in rcn.RECORD_KINDS}
