"""Grader stations (实操评分站, issue 17): the master provisions a station enrolled as a grader
station with one batch's 考评组 -- the batch, the scoring template, the group's candidates
(ticket, name, room, seat: what a grader needs to find the work-piece, no ID numbers) and the
accounts of the group's graders and chief (username, name, password hash, and the signing key
sealed with the person's password exactly as the master stores it), as command records sealed
to that station.  Nothing of other batches or groups, and never a grader's values: blindness
holds on the station because the master sends none (``app.core.grader_station``).

The station's records come back through ``app.services.grader_records`` (registered at the
composition root)."""

from __future__ import annotations

import base64

from sqlalchemy import select

from app.core import codes
from app.core import grader_station as gs
from app.core import stations as st
from app.core.errors import DomainError, NotFound
from app.net import ingest
from app.services.base import Service, find_batch, requires
from app.services.scoring import queries as q
from app.store import models
from app.store.bundle_tables import StaffKey
from app.store.net_tables import Machine
from app.store.station_tables import Station

GROUPS = (1,)  # a batch has one 考评组 today; the number is kept so a second group needs no new road


def _b64(raw: bytes | None) -> str | None:
    return base64.b64encode(raw).decode() if raw else None


def account_of(s, staff: models.Staff, is_chief: bool) -> dict:
    """What a grader station holds of one member: enough to check the password and to sign."""
    key = s.scalars(select(StaffKey).where(StaffKey.staff_id == staff.id, StaffKey.role == gs.GRADER_ROLE,
                                           StaffKey.active.is_(True)).order_by(StaffKey.id.desc())).first()
    return {"username": staff.username, "name": staff.name, "is_chief": is_chief,
            "password_hash": staff.password_hash,
            "key": None if key is None else {"key_id": key.key_id, "public_key": _b64(key.public_key),
                                             "sealed_private": _b64(key.sealed_private), "kdf": key.kdf}}


class GraderStationService(Service):
    @requires("scoring.group")
    def provision_grader_station(self, machine_id: str, plan_no: str, group: int = 1) -> int:
        """Send a grader station the batch, the template, the group's candidates and accounts.
        Sent again, the station replaces what it holds.  Returns how many candidates were sent."""
        if group not in GROUPS:
            raise NotFound(f"认定计划「{plan_no}」没有第 {group} 考评组（本批次只有 1 个考评组）")
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            row = s.get(Station, machine_id)
            if row is None:
                raise NotFound(f"站点 {machine_id} 未登记")
            if row.kind != st.GRADER_STATION:
                raise DomainError(f"{machine_id} 是{st.kind_name(row.kind)}，不是实操评分站")
            batch = find_batch(s, plan_no)
            if q.template_row(s, batch) is None:
                raise DomainError(f"认定计划「{plan_no}」尚未导入评分记录表，不能下发评分站")
            members = q.members(s, batch)
            if not members:
                raise DomainError(f"认定计划「{plan_no}」尚未组成考评组，不能下发评分站")
            template = q.template(s, batch)
            cands = q.candidates(s, batch, by_seat=True)
            machine = s.get(Machine, machine_id)
            ingest.queue_command(uow, machine_id, gs.GRADER_PROFILE, {
                "kind": row.kind, "name": machine.name, "room": row.room, "plan_no": plan_no, "group": group,
                "batch_label": codes.batch_label(plan_no, batch.occupation_name, batch.level, batch.work_type),
                "template": template.to_dict(), "template_sha256": q.template_hash(s, batch),
                "candidates": len(cands)}, now)
            for i in range(0, len(cands), gs.ROSTER_CHUNK):
                ingest.queue_command(uow, machine_id, gs.GRADER_ROSTER, {"plan_no": plan_no, "candidates": [
                    {"ticket_no": c.ticket_no, "name": c.name if template.rules.show_names else "",
                     "room": c.room, "seat": c.seat} for c in cands[i:i + gs.ROSTER_CHUNK]]}, now)
            ingest.queue_command(uow, machine_id, gs.GRADER_ACCOUNTS, {"plan_no": plan_no, "accounts": [
                account_of(s, staff, m.is_chief) for m, staff in members]}, now)
            row.session_id, row.provisioned_at, row.candidates = None, now, len(cands)
            uow.journal("station.provisioned", machine_id, {"plan_no": plan_no, "group": group,
                                                            "kind": row.kind, "candidates": len(cands),
                                                            "graders": [staff.username for _, staff in members]})
            return len(cands)
