"""Stations as the administrator of the site sees them (issue 17): the enrollment requests
waiting (terminals and stations alike, each with the code its screen shows), the grant of a
request as a kind of machine in a room -- answered with the confirmation code both screens
show --, the stations' board (kind, room, link, last heard, records not yet sent), and the
master's commands for one station written to a pack for removable media (the road when the
link is down; the station reads it with ``TerminalNode.read_command_pack``).

The records a station writes come back to the master the way a terminal's do: an answer pack
imported with ``NetService.import_pack``, each record applied once whichever road it took."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.core import enrollment
from app.core import records as rec
from app.core import stations as st
from app.core.errors import DomainError, NotFound
from app.net import ingest
from app.net.master import FINGERPRINT_SETTING
from app.services.base import Service, requires
from app.services.net import NetService
from app.services.stations import StationService
from app.store import models
from app.store.net_tables import EnrollmentRequest, Machine


@dataclass(frozen=True)
class Granted:
    machine_id: str
    kind: str
    room: str
    confirmation: str  # the 6 digits the machine's screen shows too ("" before the link first ran)


@dataclass(frozen=True)
class StationRow:
    machine_id: str
    name: str
    kind: str
    room: str
    online: bool
    last_seen: _dt.datetime | None
    backlog: int | None  # records the station said it still holds for the master (None: never heard)
    session_id: int | None
    candidates: int
    provisioned_at: _dt.datetime | None

    @property
    def kind_name(self) -> str:
        return st.kind_name(self.kind)


class StationAdmin(Service):
    @requires("net.enroll")
    def grant(self, code: str, kind: str, name: str = "", room: str = "") -> Granted:
        """Grant the request whose screen shows ``code`` as a machine of ``kind`` (a theory
        terminal, or a station in ``room``)."""
        if kind == st.TERMINAL:
            machine_id = NetService(self.ctx).grant(code, name, st.TERMINAL)
        else:
            machine_id = StationService(self.ctx).enroll(code, kind, name, room)
        return Granted(machine_id, kind, (room or "").strip() if kind != st.TERMINAL else "",
                       self.confirmation_code(machine_id))

    @requires("net.enroll")
    def confirmation_code(self, machine_id: str) -> str:
        """The code the granted machine shows once it has fetched its grant; the operator compares."""
        with self.ctx.reading() as s:
            req = s.scalars(select(EnrollmentRequest).where(EnrollmentRequest.machine_id == machine_id)).first()
            fp = s.get(models.Setting, FINGERPRINT_SETTING)
            if req is None:
                raise NotFound(f"{machine_id} 不是经登记码准予的机器")
            return enrollment.confirmation_code(fp.value, req.public_key) if fp is not None and fp.value else ""

    @requires("net.view")
    def board(self) -> list[StationRow]:
        """Every station with what its last heartbeat said (the link's live board)."""
        from app.net.master import LiveBoard, current_board

        board = current_board()
        live = board.rows() if board is not None else {}
        rows = []
        for v in StationService(self.ctx).stations():
            heard = live.get(v.machine_id)
            backlog = heard.status.get("backlog") if heard else None
            rows.append(StationRow(v.machine_id, v.name, v.kind, v.room, LiveBoard.online(heard),
                                   heard.last_seen_utc if heard else None,
                                   int(backlog) if isinstance(backlog, (int, float)) else None,
                                   v.session_id, v.candidates, v.provisioned_at))
        return rows

    @requires("net.view")
    def rooms(self) -> list[str]:
        """The rooms a station may serve: those of the roster (and rooms set up by name)."""
        with self.ctx.reading() as s:
            names = set(s.scalars(select(models.Room.name))) | set(s.scalars(select(models.Candidate.room).distinct()))
        return sorted(n for n in names if n)

    @requires("net.import_pack")
    def write_command_pack(self, machine_id: str, path: Path | str) -> int:
        """The master's commands for one station (its provisioning, the answers to its records)
        in one pack for a USB stick.  Returns how many commands it holds."""
        from app.formats.answer_pack import write_pack

        with self.ctx.reading() as s:
            machine = s.get(Machine, machine_id)
            if machine is None or not machine.active:
                raise NotFound(f"站点 {machine_id} 未登记")
        envelopes, after = [], 0
        while True:
            chunk = [rec.Envelope.from_dict(d) for d in ingest.commands_after(self.ctx.store, machine_id, after)]
            if not chunk:
                break
            envelopes += chunk
            after = chunk[-1].header.seq
        try:
            path = write_pack(path, self.ctx.store.site_id, rec.MASTER, envelopes, recipient=machine_id)
        except OSError as exc:
            raise DomainError(f"无法写入数据包 {Path(path).name}：{exc.strerror or exc}") from None
        with self.ctx.unit_of_work() as uow:
            uow.journal("station.pack_written", machine_id, {"file": Path(path).name, "count": len(envelopes),
                                                             "last": after})
        return len(envelopes)
