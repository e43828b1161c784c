"""The master's side of a grader station's records (issue 17), each applied once in the link's
ingest transaction:

* ``scoring.sheet_signed`` -> ``GradingService.receive_signed_sheet`` (the sheet's own Ed25519
  signature verified against the grader's key, then stored as a sheet signed on the master; a
  correction signed at the station as the master's own correction of the current version);
* ``scoring.draft``        -> the draft's hash journaled (never its values: blindness);
* ``scoring.grader_key``   -> a signing key made on the station at a grader's first sitting,
  stored as the master stores every person's key (sealed with their password);
* ``scoring.chief_sitting`` -> the chief (their own signature checked) opened a sitting at this
  station: the values of the candidates every grader has signed go to this station only (and,
  after each accepted sheet that was a candidate's last, again to the chief's last station);
* ``scoring.reconcile_at_station`` -> ``ChiefGraderService.receive_reconciliation``.

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
from app.services.scoring.chief import ChiefGraderService
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


def _answer(uow, station: str, record: rec.Record, verdict: str, sheet: int | None = None) -> None:
    """The code for one record; an accepted sheet also names the master's id of it (what a
    correction made at the station supersedes)."""
    p = record.payload
    ingest.queue_command(uow, station, gs.SCORING_VERDICT, {
        "seq": record.header.seq, "kind": record.header.kind, "ticket_no": p.get("ticket_no"),
        "grader": p.get("grader"), "verdict": verdict, **({} if sheet is None else {"sheet": sheet})},
        uow.ctx.now())


def apply_sheet_signed(uow, record: rec.Record) -> None:
    station = _station(uow, record)
    if station is None:
        return
    p = record.payload
    sheet = None
    try:
        verdict, sheet = GradingService(uow.ctx).receive_signed_sheet(
            uow, station=station, content=p["content"], content_sha256=str(p["content_sha256"]),
            signature_png=base64.b64decode(p["signature_png"]), ed25519=base64.b64decode(p["ed25519"]),
            key_id=str(p["key_id"]), signed_at=_dt.datetime.fromisoformat(p["signed_at"]))
    except DomainError as exc:  # not in the group, no such candidate, absent: the station hears a code
        uow.journal("station.record_refused", f"{station}#{record.header.seq}", {"error": str(exc)})
        verdict = gs.INVALID
    _answer(uow, station, record, verdict, sheet)
    if verdict == gs.ACCEPTED:
        _reveal_to_chief(uow, p["content"]["plan_no"], p["content"]["ticket_no"])


def _chief_signed(uow, p: dict) -> bool:
    """The request carries the chief's own Ed25519 signature, made with their key."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    s = uow.session
    content = p.get("content") or {}
    key = s.scalars(select(StaffKey).join(models.Staff, models.Staff.id == StaffKey.staff_id)
                    .where(StaffKey.key_id == str(p.get("key_id")), models.Staff.username == content.get("chief"))).first()
    try:
        if key is None:
            return False
        Ed25519PublicKey.from_public_bytes(key.public_key).verify(base64.b64decode(p["ed25519"]), gs.canonical(content))
        return True
    except (InvalidSignature, ValueError, KeyError):
        return False


CHIEF_STATION = "scoring.chief_station."  # Setting + plan_no: where the chief last opened a sitting


def _reveal(uow, station: str, content: dict, newly: str | None = None) -> None:
    candidates = ChiefGraderService(uow.ctx).revealed_for_station(uow, content["plan_no"], content["chief"], newly)
    if candidates is None:
        return
    ingest.queue_command(uow, station, gs.GRADER_REVEALED, {"plan_no": content["plan_no"], "chief": content["chief"],
                                                            "candidates": candidates, "merge": newly is not None},
                         uow.ctx.now())
    key = CHIEF_STATION + content["plan_no"]
    row = uow.session.get(models.Setting, key)
    where = {"station": station, "chief": content["chief"]}
    if row is None:
        uow.session.add(models.Setting(key=key, value=where))
    elif row.value != where:
        row.value = where


def _reveal_to_chief(uow, plan_no: str, ticket_no: str) -> None:
    """A sheet just accepted may have been the candidate's last: the chief's station hears at once."""
    row = uow.session.get(models.Setting, CHIEF_STATION + plan_no)
    if row is None:
        return
    try:
        _reveal(uow, row.value["station"], {"plan_no": plan_no, "chief": row.value["chief"]}, newly=ticket_no)
    except DomainError as exc:  # the group changed since: the chief asks again from their station
        uow.journal("station.reveal_skipped", ticket_no, {"station": row.value["station"], "error": str(exc)})


def apply_chief_sitting(uow, record: rec.Record) -> None:
    """The chief opened a sitting at this station: send it -- and only it -- the revealed sheets."""
    station = _station(uow, record)
    if station is None:
        return
    p = record.payload
    try:
        if not _chief_signed(uow, p) or p["content"].get("purpose") != "chief_sitting":
            raise DomainError("考评组长的签名无法核验")
        _reveal(uow, station, p["content"])
    except DomainError as exc:
        uow.journal("station.record_refused", f"{station}#{record.header.seq}", {"error": str(exc)})


def apply_reconcile(uow, record: rec.Record) -> None:
    """The chief's decision made at the station: the master's rules, answered with a code."""
    station = _station(uow, record)
    if station is None:
        return
    p = record.payload
    c = p.get("content") or {}
    try:
        if not _chief_signed(uow, p) or c.get("purpose") != "reconcile":
            raise DomainError("考评组长的签名无法核验")
        ChiefGraderService(uow.ctx).receive_reconciliation(
            uow, station=station, plan_no=c["plan_no"], ticket_no=str(c["ticket_no"]), chief=c["chief"],
            score=c["score"], reason=str(c["reason"]))
        verdict = gs.ACCEPTED
        _reveal(uow, station, c)
    except DomainError as exc:
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
            gs.SCORING_KEY: apply_grader_key, gs.CHIEF_SITTING: apply_chief_sitting,
            gs.SCORING_RECONCILE: apply_reconcile}
