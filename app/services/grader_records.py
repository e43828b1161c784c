"""The master's side of a grader station's records (issue 17), each applied once in the link's
ingest transaction:

* ``scoring.sheet_signed`` -> ``GradingService.receive_signed_sheet`` (the sheet's own Ed25519
  signature verified against the grader's key, then stored as a sheet signed on the master);
* ``scoring.draft``        -> the draft's hash journaled (never its values: blindness);
* ``scoring.grader_key``   -> a signing key made on the station at a grader's first sitting,
  stored as the master stores every person's key (sealed with their password).

Each sheet record is answered with a ``scoring.verdict`` command record carrying a code (data,
never text), sent to that station only."""

from __future__ import annotations

import base64
import datetime as _dt

from sqlalchemy import select

from app.core import grader_station as gs
from app.core import records as rec
from app.core import stations as st
from app.core.errors import DomainError
from app.core.journal import key_id as make_key_id
from app.net import ingest
from app.services.scoring.grading import GradingService
from app.store import models
from app.store.bundle_tables import StaffKey
from app.store.net_tables import Machine


def _station(uow, record: rec.Record) -> str | None:
    mid = record.header.machine_id
    machine = uow.session.get(Machine, mid)
    if machine is None or machine.kind != st.GRADER_STATION:
        uow.journal("station.record_ignored", f"{mid}#{record.header.seq}", {"kind": record.header.kind,
                                                                            "why": "not a grader station"})
        return None
    return mid


def _answer(uow, station: str, record: rec.Record, verdict: str) -> None:
    p = record.payload
    ingest.queue_command(uow, station, gs.SCORING_VERDICT, {
        "seq": record.header.seq, "kind": record.header.kind, "ticket_no": p.get("ticket_no"),
        "grader": p.get("grader"), "verdict": verdict}, uow.ctx.now())


def apply_sheet_signed(uow, record: rec.Record) -> None:
    station = _station(uow, record)
    if station is None:
        return
    p = record.payload
    try:
        verdict = GradingService(uow.ctx).receive_signed_sheet(
            uow, station=station, content=p["content"], content_sha256=str(p["content_sha256"]),
            signature_png=base64.b64decode(p["signature_png"]), ed25519=base64.b64decode(p["ed25519"]),
            key_id=str(p["key_id"]), signed_at=_dt.datetime.fromisoformat(p["signed_at"]))
    except DomainError as exc:  # not in the group, no such candidate, absent: the station hears a code
        uow.journal("station.record_refused", f"{station}#{record.header.seq}", {"error": str(exc)})
        verdict = gs.INVALID
    _answer(uow, station, record, verdict)


def apply_draft(uow, record: rec.Record) -> None:
    station = _station(uow, record)
    if station is None:
        return
    p = record.payload
    uow.journal("scoring.station_draft", str(p.get("ticket_no", "")), {
        "station": station, "grader": p.get("grader"), "plan_no": p.get("plan_no"),
        "entries_sha256": p.get("entries_sha256"), "items": p.get("items")})


def apply_grader_key(uow, record: rec.Record) -> None:
    """A key the station made (the grader had none): kept, so the sheets it signs verify here.
    It becomes the active key unless one was made meanwhile (then it is kept inactive)."""
    station = _station(uow, record)
    if station is None:
        return
    p = record.payload
    s = uow.session
    staff = s.scalars(select(models.Staff).where(models.Staff.username == p.get("username"))).first()
    raw_pub = base64.b64decode(p["public_key"])
    if staff is None or make_key_id(raw_pub) != p.get("key_id") or p.get("role") != gs.GRADER_ROLE:
        uow.journal("station.record_refused", f"{station}#{record.header.seq}", {"error": "bad key record"})
        return
    if s.scalars(select(StaffKey).where(StaffKey.key_id == p["key_id"])).first() is not None:
        return
    active = s.scalars(select(StaffKey).where(StaffKey.staff_id == staff.id, StaffKey.role == gs.GRADER_ROLE,
                                              StaffKey.active.is_(True))).first()
    s.add(StaffKey(staff_id=staff.id, role=gs.GRADER_ROLE, key_id=p["key_id"], public_key=raw_pub,
                   sealed_private=base64.b64decode(p["sealed_private"]), kdf=p["kdf"],
                   created_at=uow.ctx.now(), active=active is None))
    uow.journal("staff_key.create", staff.username, {"role": gs.GRADER_ROLE, "key_id": p["key_id"],
                                                     "public_key": p["public_key"], "station": station,
                                                     "active": active is None})


APPLIERS = {gs.SCORING_SHEET_SIGNED: apply_sheet_signed, gs.SCORING_DRAFT: apply_draft,
            gs.SCORING_KEY: apply_grader_key}
