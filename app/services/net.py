"""The site link as people use it: enrolling terminals, importing answer packs (NetService),
and the proctor console (ProctorService): the live table of terminals, room and candidate
actions sent to terminals as command records, incidents, offline authorisation codes."""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.core import authcodes
from app.core import records as rec
from app.core.enrollment import normalise_code
from app.core.errors import Conflict, DomainError, NotFound
from app.net import ingest
from app.services.base import Service, requires
from app.services.paper_key import queue_paper_key
from app.store.net_tables import EnrollmentRequest, Incident, Machine, ReceivedRecord

ROOM_ACTIONS = {"start": "开考", "pause": "暂停", "resume": "继续", "end": "结束考试"}


@dataclass(frozen=True)
class PendingEnrollment:
    code: str
    name: str
    requested_at: _dt.datetime


@dataclass(frozen=True)
class MachineView:
    machine_id: str
    name: str
    enrolled_at: _dt.datetime
    enrolled_by: str
    records_held: int
    contiguous_seq: int
    kind: str = "terminal"  # app.core.stations: terminal | door_desk | grader_station | room_console


@dataclass(frozen=True)
class TerminalRow:
    machine_id: str
    name: str
    online: bool
    last_heartbeat: _dt.datetime | None
    candidate: str
    progress: str
    time_left: int | None  # seconds
    focus_losses: int
    backlog: int
    records_held: int


@dataclass(frozen=True)
class IncidentView:
    id: int
    occurred_at: _dt.datetime
    room: str
    candidate: str
    text: str
    recorded_by: str


class NetService(Service):
    @requires("net.enroll")
    def pending_enrollments(self) -> list[PendingEnrollment]:
        with self.ctx.reading() as s:
            rows = s.scalars(select(EnrollmentRequest).where(EnrollmentRequest.state == "pending")
                             .order_by(EnrollmentRequest.requested_at))
            return [PendingEnrollment(r.code, r.name, r.requested_at) for r in rows]

    @requires("net.enroll")
    def grant(self, code: str, name: str = "", kind: str = "terminal") -> str:
        """The operator typed (or scanned) the code a terminal shows: grant that terminal's key.
        ``kind``: a theory terminal, or a station of a kind (``app.core.stations``)."""
        from app.core.stations import KIND_NAMES, machine_prefix

        if kind not in KIND_NAMES:
            raise DomainError(f"未知的机器类型「{kind}」")
        prefix = machine_prefix(kind)
        code = normalise_code(code or "")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            req = s.scalars(select(EnrollmentRequest).where(EnrollmentRequest.code == code)).first()
            if req is None:
                raise NotFound(f"没有登记码为「{code}」的终端请求，请核对终端屏幕上的登记码")
            if req.state == "granted":
                raise Conflict(f"登记码「{code}」已登记为 {req.machine_id}")
            n = (s.scalar(select(func.count()).select_from(Machine)) or 0) + 1
            machine_id = f"{prefix}{n:03d}"
            while s.get(Machine, machine_id) is not None:
                n += 1
                machine_id = f"{prefix}{n:03d}"
            s.add(Machine(machine_id=machine_id, name=(name or req.name)[:64], kind=kind, public_key=req.public_key,
                          machine_key=os.urandom(32), enrolled_at=self.ctx.now(),
                          enrolled_by=self.ctx.actor.username, active=True, contiguous_seq=0))
            req.state, req.machine_id = "granted", machine_id
            uow.journal("net.enroll_granted", machine_id, {"code": code, "name": name or req.name, "kind": kind})
        return machine_id

    @requires("net.serve")
    def serve(self, host: str = "0.0.0.0", port: int = 8443) -> tuple[str, str]:
        """Serve the site link (the master's console): the link runs as its own process, sharing
        the encrypted store, started and watched from here and started again if it dies (each
        restart journaled).  Returns (url, fingerprint); if it is already served, says where."""
        from app.net.master import current

        link = current()
        if link is None:
            link = start_link_process(self.ctx.store, self.ctx.clock, host, port)
            with self.ctx.unit_of_work() as uow:
                uow.journal("net.link_started", link.url, {"fingerprint": link.fingerprint, "pid": link.pid})
        return link.url, link.fingerprint

    @requires("net.view")
    def link_address(self) -> tuple[str, str] | None:
        from app.net.master import current

        link = current()
        return (link.url, link.fingerprint) if link else None

    @requires("net.view")
    def machines(self) -> list[MachineView]:
        with self.ctx.reading() as s:
            held = dict(s.execute(select(ReceivedRecord.machine_id, func.count()).group_by(ReceivedRecord.machine_id)).all())
            return [MachineView(m.machine_id, m.name, m.enrolled_at, m.enrolled_by, held.get(m.machine_id, 0),
                                m.contiguous_seq, m.kind)
                    for m in s.scalars(select(Machine).order_by(Machine.machine_id))]

    @requires("net.import_pack")
    def import_pack(self, path: Path | str) -> ingest.ApplyResult:
        """An answer pack from removable media: every record checked first, then applied once."""
        from app.formats.answer_pack import PackRejected, read_pack
        from app.services.appliers import RECORD_APPLIERS

        _, envelopes = read_pack(path, self.ctx.store.site_id)
        registry = ingest.Registry(self.ctx.store)
        try:
            opened = ingest.open_all(envelopes, registry, self.ctx.store.site_id)
        except rec.RecordRejected as exc:
            raise PackRejected(f"答题包 {Path(path).name}：{exc}") from None
        with self.ctx.unit_of_work() as uow:
            result = ingest.apply_opened(uow, opened, "pack", self.ctx.now(), RECORD_APPLIERS)
            uow.journal("net.pack_imported", Path(path).name, {"records": len(envelopes), "new": result.new,
                                                              "duplicates": result.duplicates})
        return result

    @requires("papers.unlock")
    def send_paper_key(self, plan_no: str) -> int:
        """Terminals prepared while the papers were sealed get the paper key once the custodians
        have unlocked on the master: one command record to every enrolled terminal, encrypted
        with that terminal's own machine key and signed by the site (the link carries it on the
        next heartbeat).  The terminal keeps it only if it opens its own sealed papers.
        Returns how many terminals it was sent to."""
        from app.services.base import find_batch
        from app.store import theory_tables as tt

        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
            if seal is None or seal.paper_key is None:
                raise Conflict("试卷尚未由两名保管人在主机上共同解封，不能下发")
            return len(queue_paper_key(uow, plan_no, seal, self.ctx.now()))

    @requires("net.view")
    def received(self, machine_id: str, kind: str | None = None) -> list[tuple[int, str, dict]]:
        with self.ctx.reading() as s:
            q = select(ReceivedRecord).where(ReceivedRecord.machine_id == machine_id).order_by(ReceivedRecord.seq)
            if kind:
                q = q.where(ReceivedRecord.kind == kind)
            return [(r.seq, r.kind, r.payload) for r in s.scalars(q)]


def start_link_process(store, clock, host: str, port: int, clock_offset: float = 0.0, log_path=None):
    """Start the master's link as its own process (``app.services.link_host``) under a
    ``LinkSupervisor``; a restart after the child died is journaled by the system."""
    from app import paths
    from app.core.actor import system_actor
    from app.net.supervisor import LinkSupervisor
    from app.services import link_host
    from app.services.base import ServiceContext

    system = ServiceContext(store, system_actor(store.machine), clock)

    def restarted(info: dict) -> None:
        with system.unit_of_work() as uow:
            uow.journal("net.link_restarted", str(info.get("pid") or ""), info)

    return LinkSupervisor(link_host.command(store.site_dir, host, port, clock_offset), store.keys,
                          cwd=paths.root(), log_path=log_path or store.site_dir / "link.log",
                          on_restart=restarted).start()


class ProctorService(Service):
    """The proctor console.  ``board`` is the master link's live board (None: nobody heard yet)."""

    def __init__(self, ctx, board=None):
        super().__init__(ctx)
        self._board = board

    @property
    def board(self):
        if self._board is not None:
            return self._board
        from app.net.master import current_board

        return current_board()

    @requires("room.console")
    def terminals(self) -> list[TerminalRow]:
        from app.net.master import LiveBoard

        live = self.board.rows() if self.board is not None else {}
        with self.ctx.reading() as s:
            held = dict(s.execute(select(ReceivedRecord.machine_id, func.count()).group_by(ReceivedRecord.machine_id)).all())
            machines = list(s.scalars(select(Machine).where(Machine.active.is_(True)).order_by(Machine.machine_id)))
        rows = []
        for m in machines:
            row = live.get(m.machine_id)
            st = row.status if row else {}
            time_left = st.get("time_left")
            rows.append(TerminalRow(m.machine_id, m.name, LiveBoard.online(row), row.last_seen_utc if row else None,
                                    str(st.get("candidate", "")), str(st.get("progress", "")),
                                    int(time_left) if isinstance(time_left, (int, float)) else None,
                                    int(st.get("focus_losses", 0) or 0), int(st.get("backlog", 0) or 0),
                                    held.get(m.machine_id, 0)))
        return rows

    def _targets(self, s, machine_ids) -> list[str]:
        if machine_ids:
            return list(machine_ids)
        return list(s.scalars(select(Machine.machine_id).where(Machine.active.is_(True)).order_by(Machine.machine_id)))

    @requires("room.control")
    def room(self, action: str, room: str = "", machine_ids: list[str] | None = None) -> int:
        """Start, pause, resume or end the room: one command record to every terminal (time is the master's)."""
        if action not in ROOM_ACTIONS:
            raise DomainError(f"未知的考场操作「{action}」")
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            targets = self._targets(uow.session, machine_ids)
            for mid in targets:
                ingest.queue_command(uow, mid, f"room.{action}", {"room": room, "at": now.isoformat()}, now)
            uow.journal(f"room.{action}", room, {"terminals": targets, "at": now.isoformat()})
        return len(targets)

    def _candidate_command(self, kind: str, machine_id: str, candidate: str, payload: dict, journal: dict) -> None:
        if not candidate:
            raise DomainError("请指定考生")
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            ingest.queue_command(uow, machine_id, kind, {"candidate": candidate, **payload}, now)
            uow.journal(kind, candidate, {"terminal": machine_id, **journal})

    @requires("room.control")
    def extend(self, machine_id: str, candidate: str, minutes: int, reason: str) -> None:
        if not isinstance(minutes, int) or not 1 <= minutes <= 120:
            raise DomainError("延长时间须为 1～120 分钟")
        if not (reason or "").strip():
            raise DomainError("延长时间必须填写原因")
        self._candidate_command("candidate.extend", machine_id, candidate, {"minutes": minutes, "reason": reason},
                                {"minutes": minutes, "reason": reason})

    @requires("room.control")
    def force_submit(self, machine_id: str, candidate: str, reason: str) -> None:
        if not (reason or "").strip():
            raise DomainError("强制交卷必须填写原因")
        self._candidate_command("candidate.force_submit", machine_id, candidate, {"reason": reason},
                                {"reason": reason})

    @requires("room.control")
    def move(self, candidate: str, from_machine: str, to_machine: str, reason: str) -> None:
        """Move a candidate to a spare terminal: the old one is told to release, the new one to take over."""
        if from_machine == to_machine:
            raise DomainError("目标终端与原终端相同")
        if not (reason or "").strip():
            raise DomainError("换机必须填写原因")
        now = self.ctx.now()
        from app.services.room import handover_state

        with self.ctx.unit_of_work() as uow:
            handover = ingest.handover(uow.session, candidate)
            sitting = handover_state(uow.session, candidate)
            if sitting is not None:
                if sitting["status"] == "submitted":
                    raise Conflict(f"考生 {candidate} 已交卷，不能换机")
                handover["sitting"] = sitting  # the exam continues from this on the spare terminal
            ingest.queue_command(uow, from_machine, "candidate.release", {"candidate": candidate, "to": to_machine}, now)
            ingest.queue_command(uow, to_machine, "candidate.move_in",
                                 {"candidate": candidate, "from": from_machine, "reason": reason,
                                  "handover": handover}, now)
            uow.journal("candidate.move", candidate, {"from": from_machine, "to": to_machine, "reason": reason})

    @requires("room.control")
    def record_incident(self, text: str, candidate: str = "", room: str = "",
                        occurred_at: _dt.datetime | None = None) -> int:
        """考场情况记录: time, candidate, what happened; who wrote it comes from the login."""
        if not (text or "").strip():
            raise DomainError("情况记录内容不能为空")
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            row = Incident(occurred_at=occurred_at or now, room=room or "", candidate=candidate or "",
                           text=text.strip(), recorded_by=self.ctx.actor.username, recorded_at=now)
            uow.session.add(row)
            uow.session.flush()
            uow.journal("room.incident", candidate or room, {"id": row.id, "text": row.text,
                                                             "occurred_at": row.occurred_at.isoformat()})
            return row.id

    @requires("room.console")
    def incidents(self) -> list[IncidentView]:
        with self.ctx.reading() as s:
            return [IncidentView(i.id, i.occurred_at, i.room, i.candidate, i.text, i.recorded_by)
                    for i in s.scalars(select(Incident).order_by(Incident.occurred_at, Incident.id))]

    @requires("room.authorise")
    def authorisation_code(self, machine_id: str, candidate: str, action: str, counter: int, nonce: str) -> str:
        """The code the proctor reads back to a terminal that shows this challenge (journaled)."""
        if action not in authcodes.ACTIONS:
            raise DomainError(f"未知的授权操作「{action}」")
        with self.ctx.unit_of_work() as uow:
            m = uow.session.get(Machine, machine_id)
            if m is None:
                raise NotFound(f"终端 {machine_id} 未登记")
            challenge = authcodes.Challenge(machine_id, candidate, action, int(counter), str(nonce), self.ctx.now())
            code = authcodes.code_for(authcodes.authcode_key(m.machine_key), challenge)
            uow.journal("room.authcode", candidate, {"terminal": machine_id, "action": action, "counter": counter})
        return code
