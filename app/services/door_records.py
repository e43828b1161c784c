"""The master's side of a door desk's records (issue 17): each ``door.checkin`` applied once,
in the link's ingest transaction, through ``CheckinService.admit_from_station``; the desk
is answered with a ``door.verdict`` command record carrying a code (data, never text)."""

from __future__ import annotations

import base64
import datetime as _dt

from app.core import records as rec
from app.core import stations as st
from app.core.errors import DomainError
from app.net import ingest
from app.services.checkin import CheckinService
from app.store.net_tables import Machine


def apply_door_checkin(uow, record: rec.Record) -> None:
    """Once per ``door.checkin`` record, in the link's ingest transaction."""
    p = record.payload
    desk = record.header.machine_id
    machine = uow.session.get(Machine, desk)
    if machine is None or machine.kind != st.DOOR_DESK:
        uow.journal("station.record_ignored", f"{desk}#{record.header.seq}", {"kind": record.header.kind,
                                                                             "why": "not a door desk"})
        return
    at = _dt.datetime.fromisoformat(p["at"])
    photo = base64.b64decode(p["photo"]) if p.get("photo") else None
    try:
        verdict = CheckinService(uow.ctx).admit_from_station(
            uow, session_id=int(p["session_id"]), ticket_no=str(p["ticket_no"]), at=at, desk=desk,
            desk_name=machine.name, online=bool(p.get("online")), photo=photo)
    except DomainError as exc:  # not in the roster, no such session, a bad photo: the desk hears why
        uow.journal("station.record_refused", f"{desk}#{record.header.seq}", {"error": str(exc)})
        verdict = "invalid"
    ingest.queue_command(uow, desk, st.DOOR_VERDICT, {"seq": record.header.seq, "ticket_no": p.get("ticket_no"),
                                                      "verdict": verdict}, uow.ctx.now())


APPLIERS = {st.DOOR_CHECKIN: apply_door_checkin}
