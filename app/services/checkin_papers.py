"""考务资料 behind the check-in desk: the signed ticket codes, the data of the printed 准考证
and 签到表, and the seat plan of a room.  Mixed into CheckinService (callers use that)."""

from __future__ import annotations

import datetime as _dt
import secrets
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import undefer

from app.core import checkin as rules
from app.core import codes
from app.core.errors import Conflict, DomainError, NotFound
from app.services.base import Service, find_batch, requires
from app.store import models
from app.store.checkin_tables import Checkin, CheckinSession, SeatPlanRow


@dataclass(frozen=True)
class TicketSheet:
    """Everything printed on one 准考证."""

    institution: str
    plan_no: str
    occupation: str
    level: str
    ticket_no: str
    name: str
    sex: str
    id_type_name: str
    id_no: str
    unit: str
    room: str
    seat: str
    photo: bytes | None
    qr: str
    sessions: list[tuple[str, _dt.datetime, _dt.datetime]] = field(default_factory=list)  # name, start, cutoff


@dataclass(frozen=True)
class SheetRow:
    ticket_no: str
    name: str
    sex: str
    id_no: str
    unit: str
    room: str
    seat: str
    status: str  # "" | present | absent


@dataclass(frozen=True)
class SeatChart:
    plan_no: str
    room: str
    plan: rules.SeatPlan
    mode: str
    seed: int | None
    seats: dict[str, tuple[str, str]]  # seat label -> (ticket_no, name)


class CheckinPapers(Service):
    """Mixed into CheckinService; the office's side (checkin.manage), not the door's."""

    def _sign(self, plan_no: str, ticket_no: str) -> str:
        journal = self.ctx.store.journal
        sig = journal.sign(rules.ticket_message(self.ctx.store.site_id, plan_no, ticket_no))
        return rules.qr_payload(plan_no, ticket_no, journal.key_id, sig)

    @requires("checkin.manage")
    def ticket_code(self, ticket_no: str) -> str:
        with self.ctx.reading() as s:
            row = s.execute(select(models.Candidate.ticket_no, models.Batch.plan_no).join(models.Candidate.batch)
                            .where(models.Candidate.ticket_no == ticket_no)).first()
        if row is None:
            raise NotFound(f"准考证号「{ticket_no}」不存在")
        return self._sign(row.plan_no, row.ticket_no)

    @requires("checkin.manage")
    def tickets(self, plan_no: str, only: list[str] | None = None) -> list[TicketSheet]:
        """The data of every 准考证 of a batch, each with its signed QR code.  Journaled
        (tickets are credentials)."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            inst = s.get(models.Setting, "institution")
            sessions = [(x.name, x.starts_at, rules.late_cutoff(x.starts_at, x.late_minutes))
                        for x in s.scalars(select(CheckinSession).where(CheckinSession.batch_id == b.id)
                                           .order_by(CheckinSession.starts_at))]
            q = (select(models.Candidate).options(undefer(models.Candidate.photo))
                 .where(models.Candidate.batch_id == b.id).order_by(models.Candidate.ticket_no))
            if only:
                q = q.where(models.Candidate.ticket_no.in_(only))
            occupation = b.occupation_name + (f"（{b.work_type}）" if b.work_type else "")
            out = [TicketSheet(inst.value["name"] if inst else "", plan_no, occupation, codes.level_label(b.level),
                               c.ticket_no, c.name, c.sex, codes.ID_TYPES.get(c.id_type, c.id_type), c.id_no,
                               c.unit, c.room, c.seat, c.photo, self._sign(plan_no, c.ticket_no), sessions)
                   for c in s.scalars(q)]
            if only and len(out) != len(set(only)):
                missing = sorted(set(only) - {t.ticket_no for t in out})
                raise NotFound(f"准考证号不在本批次：{'、'.join(missing[:5])}")
            uow.journal("checkin.tickets_printed", plan_no, {"tickets": [t.ticket_no for t in out]})
            return out

    @requires("checkin.manage")
    def sheet_rows(self, plan_no: str, room: str | None = None, session_id: int | None = None) -> list[SheetRow]:
        """Rows of the 签到表 / door list, ordered by room and seat."""
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            status: dict[int, str] = {}
            if session_id is not None:
                status = dict(s.execute(select(Checkin.candidate_id, Checkin.status).where(
                    Checkin.session_id == session_id, Checkin.undone_at.is_(None))).all())
            q = select(models.Candidate).where(models.Candidate.batch_id == b.id)
            if room:
                q = q.where(models.Candidate.room == room)
            rows = [SheetRow(c.ticket_no, c.name, c.sex, c.id_no, c.unit, c.room, c.seat, status.get(c.id, ""))
                    for c in s.scalars(q)]
        return sorted(rows, key=lambda r: (r.room, r.seat.zfill(6), r.ticket_no))

    @requires("checkin.manage")
    def assign_seats(self, plan_no: str, room: str, *, rows: int = 0, cols: int = 0,
                     terminals: list[str] | tuple[str, ...] = (), mode: str = "random",
                     seed: int | None = None) -> dict[str, str]:
        """Lay out the room (rows x cols, or a list of terminals) and give every candidate
        of that room a seat: in ticket order (fixed) or shuffled with a stored seed."""
        plan = rules.SeatPlan(room, rows, cols, tuple(t.strip() for t in terminals))
        problems = plan.problems()
        if problems:
            raise DomainError("；".join(problems))
        if mode == "random" and seed is None:
            seed = secrets.randbelow(2 ** 31)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            sessions = [x.id for x in s.scalars(select(CheckinSession).where(CheckinSession.batch_id == b.id))]
            if sessions and s.scalar(select(func.count()).select_from(Checkin).where(
                    Checkin.session_id.in_(sessions), Checkin.undone_at.is_(None))):
                raise Conflict("本批次已开始检录，不能重新排座")
            cands = list(s.scalars(select(models.Candidate).where(models.Candidate.batch_id == b.id,
                                                                  models.Candidate.room == room)))
            if not cands:
                raise NotFound(f"考场「{room}」没有考生")
            try:
                seats = rules.assign_seats([c.ticket_no for c in cands], plan, mode, seed)
            except ValueError as exc:
                raise DomainError(str(exc)) from None
            before = {c.ticket_no: c.seat for c in cands}
            for c in cands:
                c.seat = seats[c.ticket_no]
            row = s.scalars(select(SeatPlanRow).where(SeatPlanRow.batch_id == b.id, SeatPlanRow.room == room)).first()
            if row is None:
                row = SeatPlanRow(batch_id=b.id, room=room)
                s.add(row)
            row.rows, row.cols, row.terminals = rows if not plan.terminals else 0, cols if not plan.terminals else 0, \
                list(plan.terminals)
            row.mode, row.seed = mode, seed if mode == "random" else None
            row.assigned_at, row.assigned_by = self.ctx.now(), self.ctx.actor.username
            uow.journal("seats.assign", f"{plan_no}/{room}", {
                "rows": row.rows, "cols": row.cols, "terminals": row.terminals, "mode": mode, "seed": row.seed,
                "seats": seats, "before": before})
            return seats

    @requires("roster.view")
    def seat_chart(self, plan_no: str, room: str) -> SeatChart:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            row = s.scalars(select(SeatPlanRow).where(SeatPlanRow.batch_id == b.id, SeatPlanRow.room == room)).first()
            if row is None:
                raise NotFound(f"考场「{room}」还没有座位安排")
            seats = {c.seat: (c.ticket_no, c.name) for c in s.scalars(select(models.Candidate).where(
                models.Candidate.batch_id == b.id, models.Candidate.room == room)) if c.seat}
            return SeatChart(plan_no, room, rules.SeatPlan(room, row.rows, row.cols, tuple(row.terminals)),
                             row.mode, row.seed, seats)
