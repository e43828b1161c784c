"""A door desk (检录台) station: its own encrypted store, its roster slice, its check-ins.

A station is a ``TerminalNode`` (same store, enrollment, pinning, outbox and sender) with
a kind.  The master provisions a door desk with command records (``station.profile`` then
``station.roster`` chunks, see ``app.services.stations``); the desk copies them into its
own tables (``station_candidate``) -- and again on every start, from the command records it
holds, so a desk killed between the two loses nothing.

``DoorDesk.check_in`` writes the check-in and its signed, numbered ``door.checkin`` record
in one transaction (durable before it returns), then:
  * link up: waits (``VERDICT_WAIT``) for the master's ``door.verdict``: ``admitted``, or a
    refusal code (``already``: checked in at another desk), raised as ``DeskRefused``;
  * link down: admits from the replica (``admitted_local``); the master applies the record
    when the link is back, and a double check-in is flagged there as an incident.
A desk refuses by itself a candidate it has already admitted (or the master said is in).
"""

from __future__ import annotations

import base64
import datetime as _dt
import threading
import time
from dataclasses import dataclass

from sqlalchemy import delete, select

from app.core import checkin as door_rules
from app.core import stations as st
from app.core.errors import DomainError, NotFound
from app.net import replica
from app.net.terminal import TerminalNode
from app.store.station_tables import StationCandidate, StationCheckin

PROFILE = "station.profile"     # Setting: what the master said this station is
APPLIED = "station.applied"     # Setting: the last master command copied into the station's tables
VERDICT_WAIT = 3.0              # seconds a desk with the link up waits for the master's answer
HEARTBEAT = 0.5                 # a desk notices a cut link quickly (its verdicts come right after each push)


class NotProvisioned(DomainError):
    pass


class DeskRefused(DomainError):
    """The candidate may not enter at this desk; ``code`` says why (data, not text)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


class VerdictPending(DomainError):
    pass


@dataclass(frozen=True)
class DeskResult:
    ticket_no: str
    name: str
    room: str
    seat: str
    at: _dt.datetime
    seq: int
    state: str  # admitted (the master holds it) | admitted_local (link down: from the replica)


_HELD = {st.ADMITTED, st.SAME_DESK, st.FLAGGED}


class DoorDesk:
    def __init__(self, node: TerminalNode):
        self.node = node
        self.node.heartbeat_every = HEARTBEAT
        self.node.pull_after_push = True
        self._lock = threading.Lock()
        self._heard = threading.Condition()
        self.catch_up()
        node.on_command.append(lambda _record: self.catch_up())

    @classmethod
    def open(cls, folder, passphrase: str, machine: str | None = None) -> "DoorDesk":
        return cls(TerminalNode.open(folder, passphrase, machine))

    def close(self) -> None:
        self.node.close()

    @property
    def profile(self) -> dict | None:
        return self._setting(PROFILE)

    def _setting(self, key: str):
        return replica.setting(self.node, key)

    # -- what the master sent --------------------------------------------------------------
    def catch_up(self) -> None:
        """Copy master commands not yet copied into the desk's tables (idempotent)."""
        with self._heard:
            if replica.copy_commands(self.node, APPLIED, self._copy):
                self._heard.notify_all()

    def _copy(self, uow, kind: str, p: dict) -> None:
        s = uow.session
        if kind == st.STATION_PROFILE:
            replica.put_setting(s, PROFILE, p)
            s.execute(delete(StationCandidate).where(StationCandidate.session_id != p["session_id"]))
        elif kind == st.STATION_ROSTER:
            for c in p["candidates"]:
                row = s.get(StationCandidate, c["ticket_no"]) or StationCandidate(ticket_no=c["ticket_no"])
                row.session_id, row.name, row.sex, row.id_no = p["session_id"], c["name"], c["sex"], c["id_no"]
                row.room, row.seat = c["room"], c["seat"]
                row.photo = base64.b64decode(c["photo"]) if c.get("photo") else None
                s.merge(row)
        elif kind == st.DOOR_VERDICT:
            row = s.scalars(select(StationCheckin).where(StationCheckin.seq == p["seq"])).first()
            if row is not None:
                row.verdict = p["verdict"]
                if row.verdict not in _HELD:
                    uow.journal("station.door_refused_by_master", row.ticket_no,
                                {"seq": row.seq, "verdict": row.verdict})

    # -- the desk --------------------------------------------------------------------------
    def candidate(self, ticket_or_id: str) -> StationCandidate:
        text = (ticket_or_id or "").strip()
        with self.node.store.read() as s:
            c = s.get(StationCandidate, text) or s.scalars(select(StationCandidate)
                                                           .where(StationCandidate.id_no == text.upper())).first()
            if c is None:
                raise NotFound(f"本检录台的名册中没有「{text}」")
            s.expunge(c)
            return c

    def check_ins(self) -> list[StationCheckin]:
        with self.node.store.read() as s:
            rows = list(s.scalars(select(StationCheckin).order_by(StationCheckin.seq)))
            for r in rows:
                s.expunge(r)
            return rows

    def _verdict(self, seq: int) -> str:
        with self.node.store.read() as s:
            return s.scalar(select(StationCheckin.verdict).where(StationCheckin.seq == seq)) or "pending"

    def check_in(self, ticket_or_id: str, photo: bytes | None = None, by_name: str = "",
                 wait: float = VERDICT_WAIT) -> DeskResult:
        profile = self.profile
        if not profile:
            raise NotProvisioned("本检录台尚未由主机下发场次名册")
        c = self.candidate(ticket_or_id)
        with self._lock:
            now = self.node.clock.now()
            prior = [r for r in self.check_ins() if r.ticket_no == c.ticket_no]
            for r in prior:
                if r.verdict in _HELD or (r.verdict == "pending" and not r.online):
                    raise DeskRefused(st.ALREADY, f"重复检录：该考生已于 {door_rules.local(r.at):%H:%M:%S} 在本检录台检录")
                if r.verdict not in _HELD and r.verdict != "pending":
                    raise DeskRefused(r.verdict, f"主机拒绝该考生入场（{r.verdict}），请报告考场负责人")
            refusal = door_rules.door_refusal(now=now, starts_at=_dt.datetime.fromisoformat(profile["starts_at"]),
                                              late_minutes=int(profile["late_minutes"]), ban=None, prior=None)
            if refusal is not None:
                raise DeskRefused(refusal.code, refusal.message)
            online = self.node.online
            with self.node.ctx.unit_of_work() as uow:
                env = self.node.record_in(uow, st.DOOR_CHECKIN, {
                    "session_id": int(profile["session_id"]), "ticket_no": c.ticket_no, "at": now.isoformat(),
                    "online": online, "by_name": by_name,
                    "photo": base64.b64encode(photo).decode() if photo else None})
                uow.session.add(StationCheckin(seq=env.header.seq, session_id=int(profile["session_id"]),
                                               ticket_no=c.ticket_no, at=now, by_name=by_name[:40], online=online,
                                               verdict="pending"))
                uow.journal("station.door_checkin", c.ticket_no, {"seq": env.header.seq, "online": online})
            seq = env.header.seq  # durable from here on
        result = DeskResult(c.ticket_no, c.name, c.room, c.seat, now, seq, "admitted_local")
        if not online:
            return result
        deadline = time.monotonic() + wait
        with self._heard:
            while (verdict := self._verdict(seq)) == "pending" and time.monotonic() < deadline:
                self._heard.wait(timeout=max(0.0, min(0.2, deadline - time.monotonic())))
        if verdict == "pending":
            raise VerdictPending("主机尚未答复，请稍候再次确认（记录已保存，不会重复）")
        if verdict in _HELD:
            return DeskResult(c.ticket_no, c.name, c.room, c.seat, now, seq, st.ADMITTED)
        raise DeskRefused(verdict, "该考生已在其他检录台检录入场" if verdict == st.ALREADY
                          else f"主机拒绝该考生入场（{verdict}）")

    def status(self) -> dict:
        profile = self.profile or {}
        rows = self.check_ins()
        with self.node.store.read() as s:
            held = s.query(StationCandidate).count()
        return {"machine_id": self.node.machine_id if self.node.identity else "",
                "kind": profile.get("kind", ""), "room": profile.get("room", ""),
                "session_id": profile.get("session_id"), "candidates": held, "check_ins": len(rows),
                "pending": sum(1 for r in rows if r.verdict == "pending"), "online": self.node.online,
                "backlog": self.node.backlog() if self.node.identity else 0}
