"""Stations (issue 17, first slice): machines enrolled as a kind of station, and the door
desk (检录台).

The administrator grants a station's enrollment request as for a terminal (same code,
pinning and signed records: ``NetService.grant`` with a kind) and provisions a door desk
with one session's roster slice: the session, then the batch's candidates (of one room
if the desk serves one room) with their photos, as command records sealed to that desk
with its own machine key and signed by the site.  Nothing else of the site reaches it.

A door desk sends each check-in as a ``door.checkin`` record (durable in its own store
first).  ``app.services.door_records.apply_door_checkin`` -- registered at the composition
root (``app.services.appliers``) -- applies it once through
``CheckinService.admit_from_station`` and answers the desk with a ``door.verdict`` command
record carrying a code.  (It lives apart from this module so that the composition root does
not import ``NetService``, which imports the composition root: no import circle.)"""

from __future__ import annotations

import base64
import datetime as _dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import undefer

from app.core import stations as st
from app.core.errors import DomainError, NotFound
from app.net import ingest
from app.services.base import Service, requires
from app.services.net import NetService
from app.store import models
from app.store.checkin_tables import CheckinSession
from app.store.net_tables import Machine
from app.store.station_tables import Station


@dataclass(frozen=True)
class StationView:
    machine_id: str
    name: str
    kind: str
    room: str
    session_id: int | None
    candidates: int
    provisioned_at: _dt.datetime | None

    @property
    def kind_name(self) -> str:
        return st.kind_name(self.kind)


class StationService(Service):
    @requires("net.enroll")
    def enroll(self, code: str, kind: str, name: str = "", room: str = "") -> str:
        """Grant the enrollment request that shows ``code`` as a station of ``kind``."""
        if kind not in st.STATION_KINDS:
            raise DomainError(f"未知的站点类型「{kind}」（可选：{'、'.join(st.STATION_KINDS)}）")
        machine_id = NetService(self.ctx).grant(code, name, kind)
        with self.ctx.unit_of_work() as uow:
            uow.session.add(Station(machine_id=machine_id, kind=kind, room=(room or "").strip(), candidates=0))
            uow.journal("station.enrolled", machine_id, {"kind": kind, "room": room, "name": name})
        return machine_id

    @requires("net.view")
    def stations(self) -> list[StationView]:
        with self.ctx.reading() as s:
            return [StationView(r.machine_id, m.name, r.kind, r.room, r.session_id, r.candidates, r.provisioned_at)
                    for r, m in s.execute(select(Station, Machine).join(Machine, Machine.machine_id == Station.machine_id)
                                          .order_by(Station.machine_id))]

    @requires("checkin.manage")
    def provision_door_desk(self, machine_id: str, session_id: int) -> int:
        """Send a door desk the session and its roster slice (the batch's candidates, of the
        desk's room if it has one, with photos; nothing more).  Sent again, the desk replaces
        what it holds.  Returns how many candidates were sent."""
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            row = s.get(Station, machine_id)
            if row is None:
                raise NotFound(f"站点 {machine_id} 未登记")
            if row.kind != st.DOOR_DESK:
                raise DomainError(f"{machine_id} 是{st.kind_name(row.kind)}，不是检录台")
            sess = s.get(CheckinSession, session_id)
            if sess is None:
                raise NotFound(f"场次 {session_id} 不存在")
            batch = s.get(models.Batch, sess.batch_id)
            q = (select(models.Candidate).options(undefer(models.Candidate.photo))
                 .where(models.Candidate.batch_id == batch.id).order_by(models.Candidate.ticket_no))
            if row.room:
                q = q.where(models.Candidate.room == row.room)
            cands = list(s.scalars(q))
            machine = s.get(Machine, machine_id)
            ingest.queue_command(uow, machine_id, st.STATION_PROFILE, {
                "kind": row.kind, "name": machine.name, "room": row.room, "plan_no": batch.plan_no,
                "session_id": sess.id, "session_name": sess.name, "starts_at": sess.starts_at.isoformat(),
                "late_minutes": sess.late_minutes, "candidates": len(cands)}, now)
            for i in range(0, len(cands), st.ROSTER_CHUNK):
                ingest.queue_command(uow, machine_id, st.STATION_ROSTER, {"session_id": sess.id, "candidates": [
                    {"ticket_no": c.ticket_no, "name": c.name, "sex": c.sex, "id_no": c.id_no, "room": c.room,
                     "seat": c.seat, "photo": base64.b64encode(c.photo).decode() if c.photo else None}
                    for c in cands[i:i + st.ROSTER_CHUNK]]}, now)
            row.session_id, row.provisioned_at, row.candidates = sess.id, now, len(cands)
            uow.journal("station.provisioned", machine_id, {"session_id": sess.id, "plan_no": batch.plan_no,
                                                            "room": row.room, "candidates": len(cands)})
            return len(cands)
