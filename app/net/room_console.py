"""A room console (监考台 / 考场负责人 of one room) station: its own encrypted store, its room.

A station is a ``TerminalNode`` with a kind.  The master provisions a room console with
command records (``room.profile``, ``room.roster``, ``room.terminals``, ``room.staff``, see
``app.services.room_consoles``) and keeps it current with ``room.board`` (terminals, incidents)
and ``room.findings``; the console copies them into its own tables -- again on every start,
from the command records it holds, so a console killed between two loses nothing.

Proctors open a misconduct finding and sign it here; the room head confirms it here.  Each
person types their password, checked against the hash the master sent *before* anything is
written (Argon2 never runs under the store's write lock); the rules are
``app.core.misconduct``'s (two different staff sign, the room head never one of them).  Each
action is a signed, numbered record written with its row in one transaction -- durable before
the call returns -- then streamed to the master, which answers with ``room.verdict`` (a code).
"""

from __future__ import annotations

import datetime as _dt
import threading

from sqlalchemy import delete, select

from app.core import identity
from app.core import misconduct as mc
from app.core import passwords
from app.core import room_console as rcn
from app.core.errors import DomainError, NotFound, PermissionDenied
from app.net import replica
from app.net.terminal import TerminalNode
from app.store.room_console_tables import (ConsoleCandidate, ConsoleFinding, ConsoleSignature, ConsoleStaff,
                                           ConsoleTerminal)

PROFILE = "room_console.profile"  # Setting: the room this console serves
BOARD = "room_console.board"      # Setting: the last room.board heard
APPLIED = "room_console.applied"  # Setting: the last master command copied into the tables
HEARTBEAT = 1.0
_STAGE = {"draft": 0, "signed": 1, "confirmed": 2}  # how far a finding got on the console before the master heard


class NotProvisioned(DomainError):
    pass


class ConsoleRefused(DomainError):
    """The rules refuse the signature here; ``code`` (``app.core.misconduct``) says which."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


def _detached(s, rows):
    for r in rows:
        s.expunge(r)
    return rows


class RoomConsole:
    def __init__(self, node: TerminalNode):
        self.node = node
        self.node.heartbeat_every = HEARTBEAT
        self.node.pull_after_push = True
        self._lock = threading.Lock()
        self._heard = threading.Condition()
        self.on_changed: list = []  # callables (no argument): the console's tables changed (a screen refreshes)
        self.catch_up()
        node.on_command.append(lambda _record: self.catch_up())

    @classmethod
    def open(cls, folder, passphrase: str, machine: str | None = None) -> "RoomConsole":
        return cls(TerminalNode.open(folder, passphrase, machine))

    def close(self) -> None:
        self.node.close()

    def _setting(self, key: str):
        return replica.setting(self.node, key)

    @property
    def profile(self) -> dict | None:
        return self._setting(PROFILE)

    @property
    def board(self) -> dict:
        return self._setting(BOARD) or {"terminals": [], "incidents": []}

    # -- what the master sent --------------------------------------------------------------
    def catch_up(self) -> None:
        """Copy master commands not yet copied into the console's tables (idempotent)."""
        with self._heard:
            if not replica.copy_commands(self.node, APPLIED, self._apply):
                return
            self._heard.notify_all()
        for cb in list(self.on_changed):
            try:
                cb()
            except Exception:  # noqa: BLE001 - a closed screen must never stop the console
                pass

    def _apply(self, uow, kind: str, p: dict) -> None:
        s = uow.session
        if kind == rcn.PROFILE:
            replica.put_setting(s, PROFILE, p)
        elif kind == rcn.ROSTER:
            if p.get("first"):
                s.execute(delete(ConsoleCandidate))
            for c in p["candidates"]:
                s.merge(ConsoleCandidate(ticket_no=c["ticket_no"], name=c["name"], seat=c.get("seat", "")))
        elif kind == rcn.TERMINALS:
            s.execute(delete(ConsoleTerminal))
            for t in p["terminals"]:
                s.add(ConsoleTerminal(machine_id=t["machine_id"], name=t.get("name", ""), seat=t.get("seat", "")))
        elif kind == rcn.STAFF:
            s.execute(delete(ConsoleStaff))
            for x in p["staff"]:
                s.add(ConsoleStaff(username=x["username"], name=x["name"], roles=list(x["roles"]),
                                   batch_roles=list(x["batch_roles"]), password_hash=x["password_hash"]))
        elif kind == rcn.BOARD:
            replica.put_setting(s, BOARD, p)
        elif kind == rcn.FINDINGS:
            self._merge_findings(s, p["findings"])
        elif kind == rcn.VERDICT:
            for row in (s.scalars(select(ConsoleFinding).where(ConsoleFinding.seq == p["seq"])).first(),
                        s.scalars(select(ConsoleSignature).where(ConsoleSignature.seq == p["seq"])).first()):
                if row is not None:
                    row.verdict = p["verdict"]
                    if isinstance(row, ConsoleFinding) and p.get("master_id"):
                        row.master_id = int(p["master_id"])
            if p["verdict"] != rcn.HELD:
                uow.journal("room_console.refused_by_master", str(p.get("ref") or ""),
                            {"seq": p["seq"], "verdict": p["verdict"]})

    def _merge_findings(self, s, findings: list[dict]) -> None:
        """The master's view of the room's findings: its status and signatures win for what it
        holds; signatures made here and not yet answered stay beside them."""
        for f in findings:
            row = s.get(ConsoleFinding, f["ref"])
            if row is None:
                row = ConsoleFinding(ref=f["ref"], ticket_no=f["ticket_no"], name=f["name"], subject=f["subject"],
                                     article=int(f["article"]), item=int(f["item"]), facts=f["facts"],
                                     severity=f.get("severity"), opened_by=f.get("opened_by", ""),
                                     opened_at=_dt.datetime.fromisoformat(f["opened_at"]), seq=None, verdict=rcn.HELD)
                s.add(row)
            mine = list(s.scalars(select(ConsoleSignature).where(ConsoleSignature.ref == f["ref"])))
            held = {(x.kind, x.username) for x in mine}
            ahead = row.status if any(x.verdict == rcn.PENDING for x in mine) else ""  # not yet answered
            row.master_id = f["master_id"]
            row.status = ahead if _STAGE.get(ahead, -1) > _STAGE.get(f["status"], 99) else f["status"]
            for x in f["signatures"]:
                if (x["kind"], x["username"]) not in held:
                    s.add(ConsoleSignature(ref=f["ref"], kind=x["kind"], username=x["username"], name=x["name"],
                                           signed_at=_dt.datetime.fromisoformat(x["at"]), seq=None,
                                           verdict=rcn.HELD))

    # -- reading ---------------------------------------------------------------------------
    def candidates(self) -> list[ConsoleCandidate]:
        with self.node.store.read() as s:
            return _detached(s, list(s.scalars(select(ConsoleCandidate).order_by(ConsoleCandidate.ticket_no))))

    def staff(self) -> list[ConsoleStaff]:
        with self.node.store.read() as s:
            return _detached(s, list(s.scalars(select(ConsoleStaff).order_by(ConsoleStaff.username))))

    def terminals(self) -> list[dict]:
        """The room's terminals: as the last board said, else as provisioned (state unknown)."""
        board = self.board.get("terminals") or []
        if board:
            return board
        with self.node.store.read() as s:
            return [{"machine_id": t.machine_id, "name": t.name, "seat": t.seat, "online": False, "candidate": "",
                     "candidate_name": "", "sitting": "", "focus_losses": 0}
                    for t in s.scalars(select(ConsoleTerminal).order_by(ConsoleTerminal.machine_id))]

    def incidents(self) -> list[dict]:
        return list(self.board.get("incidents") or [])

    def findings(self) -> list[ConsoleFinding]:
        with self.node.store.read() as s:
            return _detached(s, list(s.scalars(select(ConsoleFinding).order_by(ConsoleFinding.opened_at,
                                                                              ConsoleFinding.ref))))

    def signatures(self, ref: str) -> list[ConsoleSignature]:
        with self.node.store.read() as s:
            return _detached(s, list(s.scalars(select(ConsoleSignature).where(ConsoleSignature.ref == ref)
                                               .order_by(ConsoleSignature.signed_at, ConsoleSignature.id))))

    # -- acting ----------------------------------------------------------------------------
    def _person(self, username: str, password: str) -> tuple[ConsoleStaff, str]:
        """Check the password against the hash the master sent -- before any write lock."""
        with self.node.store.read() as s:
            staff = s.get(ConsoleStaff, (username or "").strip())
            if staff is not None:
                s.expunge(staff)
        if staff is None or not passwords.check_password(password or "", staff.password_hash):
            raise PermissionDenied(f"「{username}」签字失败：用户名或密码错误")
        return staff, staff.password_hash

    def _still(self, s, username: str, checked_hash: str) -> ConsoleStaff:
        staff = s.get(ConsoleStaff, username)
        if staff is None or staff.password_hash != checked_hash:  # re-provisioned meanwhile
            raise PermissionDenied(f"「{username}」的账户刚由主机更新，请重新输入密码")
        return staff

    def _ready(self) -> dict:
        profile = self.profile
        if not profile:
            raise NotProvisioned("本监考台尚未由主机下发考场信息")
        return profile

    def open_finding(self, username: str, password: str, ticket_no: str, article: int, item: int, facts: str, *,
                     subject: str = "theory", severity: str | None = None, warning: dict | None = None,
                     evidence: str = "") -> str:
        """A proctor records what happened (违纪指引 第五—七条).  Returns the finding's name."""
        profile = self._ready()
        facts = (facts or "").strip()
        if len(facts) < 6:
            raise DomainError("须写明违纪事实（时间、地点、经过）")
        ticket_no = identity.clean("ticket_no", ticket_no)
        now = self.node.clock.now()
        try:
            mc.penalty(int(article), int(item), subject=subject, subjects=tuple(profile["subjects"]),
                       on=(now + _dt.timedelta(hours=8)).date(), warning_refused=bool(warning and warning.get("refused")),
                       severity=severity)
        except mc.MisconductError as exc:
            raise DomainError(str(exc)) from None
        staff, checked = self._person(username, password)
        with self._lock, self.node.ctx.unit_of_work() as uow:
            s = uow.session
            self._still(s, staff.username, checked)
            cand = s.get(ConsoleCandidate, ticket_no)
            if cand is None:
                raise NotFound(f"本考场名册中没有准考证号「{ticket_no}」")
            number = 1 + len(list(s.scalars(select(ConsoleFinding.ref).where(ConsoleFinding.seq.is_not(None)))))
            ref = rcn.console_ref(self.node.machine_id, number)
            env = self.node.record_in(uow, rcn.FINDING_OPENED, {
                "ref": ref, "by": staff.username, "at": now.isoformat(), "ticket_no": ticket_no, "subject": subject,
                "article": int(article), "item": int(item), "facts": facts, "severity": severity,
                "warning": warning, "evidence": evidence, "plan_no": profile["plan_no"]})
            s.add(ConsoleFinding(ref=ref, ticket_no=ticket_no, name=cand.name, subject=subject, article=int(article),
                                 item=int(item), facts=facts, severity=severity, status="draft",
                                 opened_by=staff.username, opened_at=now, seq=env.header.seq, verdict=rcn.PENDING))
            uow.journal("room_console.finding_opened", ref, {"seq": env.header.seq, "ticket_no": ticket_no,
                                                             "by": staff.username})
        self._changed()
        return ref

    def _finding(self, s, ref: str) -> ConsoleFinding:
        f = s.get(ConsoleFinding, ref)
        if f is None:
            raise NotFound(f"本监考台没有违纪记录「{ref}」")
        if f.verdict not in (rcn.HELD, rcn.PENDING):  # the master refused to open it: nothing to sign
            raise ConsoleRefused(f.verdict, f"违纪记录「{ref}」未被主机收存（{rcn.verdict_name(f.verdict)}），不能签字")
        return f

    @staticmethod
    def _witnesses(s, ref: str) -> list[str]:
        return [x.username for x in s.scalars(select(ConsoleSignature).where(
            ConsoleSignature.ref == ref, ConsoleSignature.kind == "witness"))
            if x.verdict in (rcn.HELD, rcn.PENDING)]

    def sign(self, ref: str, username: str, password: str) -> int:
        """A proctor signs the finding as a witness (第十六条).  Returns the witnesses now."""
        self._ready()
        staff, checked = self._person(username, password)
        now = self.node.clock.now()
        with self._lock, self.node.ctx.unit_of_work() as uow:
            s = uow.session
            staff = self._still(s, staff.username, checked)
            f = self._finding(s, ref)
            witnesses = self._witnesses(s, ref)
            refusal = mc.witness_refusal(name=staff.name, username=staff.username, roles=staff.roles,
                                         batch_roles=staff.batch_roles, witnesses=witnesses, status=f.status)
            if refusal is not None:
                raise ConsoleRefused(refusal.code, refusal.message)
            env = self.node.record_in(uow, rcn.FINDING_SIGNED, {"ref": ref, "by": staff.username,
                                                                "at": now.isoformat()})
            s.add(ConsoleSignature(ref=ref, kind="witness", username=staff.username, name=staff.name, signed_at=now,
                                   seq=env.header.seq, verdict=rcn.PENDING))
            n = len(witnesses) + 1
            if n >= 2:
                f.status = "signed"
            uow.journal("room_console.finding_signed", ref, {"seq": env.header.seq, "by": staff.username,
                                                             "witnesses": n})
        self._changed()
        return n

    def confirm(self, ref: str, username: str, password: str) -> None:
        """The room head confirms the finding (第十六条): never one of its witnesses."""
        self._ready()
        staff, checked = self._person(username, password)
        now = self.node.clock.now()
        with self._lock, self.node.ctx.unit_of_work() as uow:
            s = uow.session
            staff = self._still(s, staff.username, checked)
            f = self._finding(s, ref)
            refusal = mc.confirm_refusal(name=staff.name, username=staff.username, roles=staff.roles,
                                         witnesses=self._witnesses(s, ref), status=f.status)
            if refusal is not None:
                raise ConsoleRefused(refusal.code, refusal.message)
            env = self.node.record_in(uow, rcn.FINDING_CONFIRMED, {"ref": ref, "by": staff.username,
                                                                   "at": now.isoformat()})
            s.add(ConsoleSignature(ref=ref, kind="confirm", username=staff.username, name=staff.name, signed_at=now,
                                   seq=env.header.seq, verdict=rcn.PENDING))
            f.status = "confirmed"
            uow.journal("room_console.finding_confirmed", ref, {"seq": env.header.seq, "by": staff.username})
        self._changed()

    def _changed(self) -> None:
        for cb in list(self.on_changed):
            try:
                cb()
            except Exception:  # noqa: BLE001 - a closed screen must never stop the console
                pass

    def wait_answered(self, timeout: float = 5.0) -> bool:
        """Until the master has answered every record of this console (or ``timeout``)."""
        import time

        deadline = time.monotonic() + timeout
        with self._heard:
            while self.pending() and time.monotonic() < deadline:
                self._heard.wait(timeout=min(0.2, max(0.0, deadline - time.monotonic())))
        return not self.pending()

    def pending(self) -> int:
        with self.node.store.read() as s:
            return (len(list(s.scalars(select(ConsoleFinding.ref).where(ConsoleFinding.verdict == rcn.PENDING))))
                    + len(list(s.scalars(select(ConsoleSignature.id).where(ConsoleSignature.verdict == rcn.PENDING)))))

    def screen(self) -> dict:
        """Everything the console's screen shows, as plain data, in one read (off the UI thread)."""
        findings = []
        for f in self.findings():
            sigs = [x for x in self.signatures(f.ref) if x.verdict in (rcn.HELD, rcn.PENDING)]
            mine = [f.verdict] if f.seq is not None else []
            mine += [x.verdict for x in self.signatures(f.ref) if x.seq is not None]
            refused = [v for v in mine if v not in (rcn.HELD, rcn.PENDING)]
            answer = refused[-1] if refused else rcn.PENDING if rcn.PENDING in mine else rcn.HELD
            findings.append({"ref": f.ref, "ticket_no": f.ticket_no, "name": f.name, "article": f.article,
                             "item": f.item, "facts": f.facts, "status": f.status, "opened_at": f.opened_at,
                             "witnesses": [x.name for x in sigs if x.kind == "witness"],
                             "confirmed_by": next((x.name for x in sigs if x.kind == "confirm"), ""),
                             "answer": answer})
        return {"profile": self.profile or {}, "terminals": self.terminals(), "incidents": self.incidents(),
                "findings": findings, "online": self.node.online,
                "backlog": self.node.backlog() if self.node.identity else 0,
                "staff": [{"username": x.username, "name": x.name, "roles": list(x.roles),
                           "batch_roles": list(x.batch_roles)} for x in self.staff()],
                "candidates": [(c.ticket_no, c.name, c.seat) for c in self.candidates()]}

    def status(self) -> dict:
        profile = self.profile or {}
        findings = self.findings()
        return {"machine_id": self.node.machine_id if self.node.identity else "", "kind": profile.get("kind", ""),
                "plan_no": profile.get("plan_no", ""), "room": profile.get("room", ""),
                "candidates": len(self.candidates()), "staff": len(self.staff()), "terminals": len(self.terminals()),
                "incidents": len(self.incidents()), "findings": len(findings),
                "confirmed": sum(1 for f in findings if f.status == "confirmed"), "pending": self.pending(),
                "online": self.node.online, "backlog": self.node.backlog() if self.node.identity else 0}
