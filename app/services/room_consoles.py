"""Room consoles (监考台 / 考场负责人 of one room, issue 17): the master's side.

``RoomConsoleService.provision_room_console`` sends a console enrolled for a room (``examsite
station grant --kind room_console --room 第1考场``) what that room needs and nothing more, as
command records sealed to that console and signed by the site: the batch and room
(``room.profile``), the room's candidates (ticket, name, seat), its terminals (machine id,
name, seat) and the accounts of the batch's proctors and room heads (username, name, roles,
password hash: signing a finding is a password, no sealed key).

The room's live state follows when it changes, never on a timer of its own: ``room.board``
(terminals online, who sits there, sitting state; the room's incidents) and ``room.findings``
(the room's findings as the master holds them).  Each is hashed and sent only when the hash
differs from the last one sent to that console (``refresh_boards``: the link process calls it
every few seconds with its live board; the console records' applier calls ``refresh_findings``
in its own transaction).  The console's own records are applied by
``app.services.room_console_records``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select

from app.core import room_console as rcn
from app.core import stations as st
from app.core.errors import DomainError, NotFound
from app.services import results_common as rc
from app.net import ingest
from app.services.base import Service, ServiceContext, find_batch, requires
from app.store import models
from app.store import results_tables as rt
from app.store.checkin_tables import CheckinSession, DoorIncident, SeatPlanRow
from app.store.net_tables import Incident, Machine
from app.store.room_console_tables import ConsoleFindingRef, RoomConsole
from app.store.room_tables import RoomSitting
from app.store.station_tables import Station


def _digest(data) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def _room_candidates(s, batch_id: int, room: str) -> list[models.Candidate]:
    return list(s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch_id,
                                                         models.Candidate.room == room)
                          .order_by(models.Candidate.ticket_no)))


def _room_staff(s, batch_id: int, only: list[str] | None) -> list[tuple[models.Staff, list[str]]]:
    """The batch's proctors and room heads (of ``only`` if named), with their roles in the batch."""
    roles: dict[int, list[str]] = {}
    for staff_id, role in s.execute(select(models.BatchAssignment.staff_id, models.BatchAssignment.role)
                                    .where(models.BatchAssignment.batch_id == batch_id)):
        roles.setdefault(staff_id, []).append(role)
    people = [x for x in s.scalars(select(models.Staff).where(models.Staff.id.in_(list(roles)),
                                                              models.Staff.active.is_(True))
                                   .order_by(models.Staff.username))
              if set(roles[x.id]) & set(rcn.STAFF_ROLES)]
    if only:
        unknown = sorted(set(only) - {x.username for x in people})
        if unknown:
            raise DomainError(f"{'、'.join(unknown)} 不是本批次的监考人员或考场负责人")
        people = [x for x in people if x.username in set(only)]
    return [(x, sorted(roles[x.id])) for x in people]


def _terminals(s, row: RoomConsole, batch_id: int, cands: list[models.Candidate], live: dict | None) -> list[dict]:
    """The room's terminals: those named at provisioning, else those of the room's seat plan and
    those heard serving one of the room's candidates (their sittings, the live board)."""
    by_ticket = {c.ticket_no: c for c in cands}
    machines = {m.machine_id: m for m in s.scalars(select(Machine).where(Machine.kind == st.TERMINAL,
                                                                         Machine.active.is_(True)))}
    plan = s.scalars(select(SeatPlanRow).where(SeatPlanRow.batch_id == batch_id, SeatPlanRow.room == row.room)).first()
    labels = set(plan.terminals or []) if plan is not None else set()
    sittings = {r.machine_id: r for r in s.scalars(select(RoomSitting).where(
        RoomSitting.plan_no == row.plan_no, RoomSitting.ticket_no.in_(list(by_ticket))))}
    live = live or {}
    if row.terminals:
        ids = [m for m in row.terminals if m in machines]
    else:
        ids = sorted({m for m, x in machines.items() if x.machine_id in labels or x.name in labels}
                     | {m for m in sittings if m in machines}
                     | {m for m, r in live.items() if m in machines and str(r.status.get("candidate", "")) in by_ticket})
    out = []
    for mid in ids:
        m, sit, lr = machines[mid], sittings.get(mid), live.get(mid)
        status = lr.status if lr is not None else {}
        ticket = str(status.get("candidate") or (sit.ticket_no if sit is not None else ""))
        cand = by_ticket.get(ticket)
        seat = m.name if m.name in labels else mid if mid in labels else (cand.seat if cand is not None else "")
        out.append({"machine_id": mid, "name": m.name, "seat": seat,
                    "online": bool(lr is not None and _online(lr)), "candidate": ticket if cand else "",
                    "candidate_name": cand.name if cand else "", "sitting": sit.status if sit is not None else "",
                    "focus_losses": int(status.get("focus_losses", sit.focus_losses if sit else 0) or 0)})
    return out


def _online(live_row) -> bool:
    from app.net.master import LiveBoard

    return LiveBoard.online(live_row)


def _incidents(s, row: RoomConsole, batch_id: int, cands: list[models.Candidate]) -> list[dict]:
    tickets = {c.ticket_no for c in cands}
    by_id = {c.id: c for c in cands}
    out = [{"at": i.occurred_at.isoformat(), "candidate": i.candidate, "text": i.text, "by": i.recorded_by,
            "kind": "room"}
           for i in s.scalars(select(Incident).order_by(Incident.occurred_at, Incident.id))
           if i.room == row.room or (i.candidate and i.candidate in tickets)]
    for inc in s.scalars(select(DoorIncident).join(CheckinSession, CheckinSession.id == DoorIncident.session_id)
                         .where(CheckinSession.batch_id == batch_id).order_by(DoorIncident.id)):
        c = by_id.get(inc.candidate_id)
        if c is not None:
            out.append({"at": inc.reported_at.isoformat(), "candidate": c.ticket_no, "text": f"检录异常：{inc.note}",
                        "by": inc.reported_by, "kind": "door"})
    return sorted(out, key=lambda x: x["at"])


def findings_of_room(s, batch_id: int, room: str) -> list[dict]:
    """The room's findings as the master holds them, named as consoles name them."""
    cands = {c.id: c for c in _room_candidates(s, batch_id, room)}
    if not cands:
        return []
    refs = {r.finding_id: r.ref for r in s.scalars(select(ConsoleFindingRef))}
    out = []
    for f in s.scalars(select(rt.MisconductFinding).where(rt.MisconductFinding.candidate_id.in_(list(cands)))
                       .order_by(rt.MisconductFinding.id)):
        c = cands[f.candidate_id]
        sigs = list(s.scalars(select(rt.FindingSignature).where(rt.FindingSignature.finding_id == f.id)
                              .order_by(rt.FindingSignature.id)))
        out.append({"ref": refs.get(f.id, rcn.master_ref(f.id)), "master_id": f.id, "ticket_no": c.ticket_no,
                    "name": c.name, "subject": f.subject, "article": f.article, "item": f.item, "facts": f.facts,
                    "severity": f.severity, "status": f.status, "opened_by": f.created_by,
                    "opened_at": f.created_at.isoformat(),
                    "signatures": [{"kind": x.kind, "username": x.username, "name": x.name,
                                    "at": x.signed_at.isoformat()} for x in sigs]})
    return out


def _queue_if_changed(uow, row: RoomConsole, kind: str, attr: str, payload: dict) -> bool:
    h = _digest(payload)
    if getattr(row, attr) == h:
        return False
    ingest.queue_command(uow, row.machine_id, kind, payload, uow.ctx.now())
    setattr(row, attr, h)
    return True


def refresh_findings(uow, plan_no: str, room: str) -> int:
    """Inside the caller's transaction: send ``room.findings`` to the room's consoles whose copy is
    stale.  Returns how many were sent."""
    s = uow.session
    rows = list(s.scalars(select(RoomConsole).where(RoomConsole.plan_no == plan_no, RoomConsole.room == room)))
    if not rows:
        return 0
    b = find_batch(s, plan_no)
    payload = {"plan_no": plan_no, "room": room, "findings": findings_of_room(s, b.id, room)}
    return sum(_queue_if_changed(uow, r, rcn.FINDINGS, "findings_hash", payload) for r in rows)


def _payloads(s, row: RoomConsole, live: dict | None) -> tuple[dict, dict]:
    b = find_batch(s, row.plan_no)
    cands = _room_candidates(s, b.id, row.room)
    board = {"plan_no": row.plan_no, "room": row.room, "terminals": _terminals(s, row, b.id, cands, live),
             "incidents": _incidents(s, row, b.id, cands)}
    return board, {"plan_no": row.plan_no, "room": row.room, "findings": findings_of_room(s, b.id, row.room)}


def refresh_boards(ctx: ServiceContext, live: dict | None = None) -> int:
    """Send every console whose room changed its ``room.board`` / ``room.findings``.  Reads first
    (no write lock); writes only when something changed.  ``live``: the link's live board rows
    (None: this process has no link; only the findings are sent).  Returns commands sent."""
    with ctx.reading() as s:
        stale = []
        for row in s.scalars(select(RoomConsole).order_by(RoomConsole.machine_id)):
            try:
                board, findings = _payloads(s, row, live)
            except NotFound:  # the batch was removed meanwhile
                continue
            if (live is not None and _digest(board) != row.board_hash) or _digest(findings) != row.findings_hash:
                stale.append(row.machine_id)
    if not stale:
        return 0
    sent = 0
    with ctx.unit_of_work() as uow:
        for mid in stale:
            row = uow.session.get(RoomConsole, mid)
            board, findings = _payloads(uow.session, row, live)
            if live is not None:  # without the link's live board, terminals' state is not known here
                sent += _queue_if_changed(uow, row, rcn.BOARD, "board_hash", board)
            sent += _queue_if_changed(uow, row, rcn.FINDINGS, "findings_hash", findings)
        uow.journal("room_console.boards_sent", "", {"consoles": stale, "commands": sent})
    return sent


@dataclass(frozen=True)
class ConsoleStaff:
    """One of the batch's proctors or room heads, as the administrator chooses whom a room
    console gets: ``chosen`` when the console was last sent this person (everyone, the first time)."""
    username: str
    name: str
    batch_roles: tuple[str, ...]
    chosen: bool


class RoomConsoleService(Service):
    @requires("exam.provision")
    def staff_choices(self, machine_id: str, plan_no: str) -> list[ConsoleStaff]:
        """Whom ``provision_room_console`` may send this console: the batch's proctors and room
        heads, those sent to it last time for this batch chosen (all of them the first time)."""
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            row = s.get(RoomConsole, machine_id)
            before = set(row.staff or []) if row is not None and row.plan_no == b.plan_no else None
            return [ConsoleStaff(x.username, x.name, tuple(roles), before is None or x.username in before)
                    for x, roles in _room_staff(s, b.id, None)]

    @requires("exam.provision")
    def provision_room_console(self, machine_id: str, plan_no: str, staff: list[str] | None = None,
                               terminals: list[str] | None = None) -> dict:
        """Send a room console its room of the batch: candidates, terminals, the accounts of the
        room's proctors and room head (``staff``: usernames; default every proctor and room head
        of the batch), then the room's board and findings.  Sent again, the console replaces what
        it holds.  Returns the counts sent."""
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            station = s.get(Station, machine_id)
            if station is None:
                raise NotFound(f"站点 {machine_id} 未登记")
            if station.kind != st.ROOM_CONSOLE:
                raise DomainError(f"{machine_id} 是{st.kind_name(station.kind)}，不是监考台")
            if not station.room:
                raise DomainError(f"监考台 {machine_id} 登记时未指定考场，请重新登记并指定考场")
            b = find_batch(s, plan_no)
            cands = _room_candidates(s, b.id, station.room)
            if not cands:
                raise NotFound(f"认定计划「{plan_no}」的考场「{station.room}」没有考生")
            people = _room_staff(s, b.id, staff)
            if not any("room_head" in x.roles for x, _ in people):
                raise DomainError("本批次尚未委派考场负责人，监考台无人可以确认违纪记录")
            named = [t.strip() for t in (terminals or []) if t.strip()]
            for t in named:
                m = s.get(Machine, t)
                if m is None or m.kind != st.TERMINAL:
                    raise NotFound(f"考试终端 {t} 未登记")
            row = s.get(RoomConsole, machine_id)
            if row is None:
                row = RoomConsole(machine_id=machine_id)
                s.add(row)
            row.plan_no, row.room, row.staff, row.terminals = b.plan_no, station.room, [x.username for x, _ in people], named
            row.provisioned_at, row.board_hash, row.findings_hash = now, "", ""
            s.flush()
            ingest.queue_command(uow, machine_id, rcn.PROFILE, {
                "kind": st.ROOM_CONSOLE, "name": s.get(Machine, machine_id).name, "plan_no": b.plan_no,
                "room": station.room, "occupation": b.occupation_name, "level": b.level,
                "subjects": list(rc.subjects(s, b)), "exam_start": b.exam_start.isoformat(),
                "candidates": len(cands), "staff": len(people)}, now)
            for i in range(0, len(cands), rcn.ROSTER_CHUNK):
                ingest.queue_command(uow, machine_id, rcn.ROSTER, {"first": i == 0, "candidates": [
                    {"ticket_no": c.ticket_no, "name": c.name, "seat": c.seat} for c in cands[i:i + rcn.ROSTER_CHUNK]]},
                    now)
            board, findings = _payloads(s, row, self._live())
            ingest.queue_command(uow, machine_id, rcn.TERMINALS, {"terminals": [
                {"machine_id": t["machine_id"], "name": t["name"], "seat": t["seat"]} for t in board["terminals"]]}, now)
            ingest.queue_command(uow, machine_id, rcn.STAFF, {"staff": [
                {"username": x.username, "name": x.name, "roles": list(x.roles), "batch_roles": roles,
                 "password_hash": x.password_hash} for x, roles in people]}, now)
            _queue_if_changed(uow, row, rcn.BOARD, "board_hash", board)
            _queue_if_changed(uow, row, rcn.FINDINGS, "findings_hash", findings)
            station.provisioned_at, station.candidates = now, len(cands)
            counts = {"candidates": len(cands), "staff": len(people), "terminals": len(board["terminals"])}
            uow.journal("room_console.provisioned", machine_id, {"plan_no": b.plan_no, "room": station.room,
                                                                 "staff": row.staff, **counts})
            return counts

    @requires("room.console")
    def send_boards(self) -> int:
        """Send now what changed in the rooms (the link process also does, every few seconds)."""
        return refresh_boards(self.ctx, self._live())

    @staticmethod
    def _live() -> dict | None:
        from app.net.master import current_board

        board = current_board()
        return board.rows() if board is not None else None
