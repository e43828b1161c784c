"""The room's side of a sitting on the terminal: the proctor's authorisations (resume,
release the kiosk, the proctor code), the master's commands followed here (pause, extend,
move-in, the paper key) and what the proctor reads back."""

from __future__ import annotations

import base64

from sqlalchemy import select

from app.core.actor import Actor
from app.core.errors import PermissionDenied
from app.core.exam import timing
from app.core.roles import Role
from app.core.sitetime import site_date
from app.services.base import PasswordCheck, Service, check_password_early, find_batch, requires
from app.services.exam_sitting import FOLLOWED_SETTING, PROCTOR_ROLES, Sitting
from app.services.theory import open_package, proctor_code
from app.store import models
from app.store import theory_tables as tt


class ExamRoom(Service):
    """Mixed into ExamTerminal (callers use that); uses its clock and journal helpers."""

    @requires("exam.terminal")
    def authorise_resume(self, sit: Sitting, proctor_username: str, proctor_password: str) -> None:
        """A proctor lets a held sitting continue (the gap stays paused, and is recorded)."""
        check = self._proctor_check(proctor_username, proctor_password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            staff = self._proctor(s, proctor_username, check)
            ok = staff is not None
            row = self._row(s, sit)
            if not ok:
                uow.journal("exam.resume_refused", sit.ticket_no, {"proctor": proctor_username})
            else:
                mono = self.monotonic_ns()
                row.status = "running"
                self._mark(row, row.consumed_ms, mono)
                self._event(s, row, "authorised", row.consumed_ms, {"proctor": staff.username, "name": staff.name})
                self._journal(uow, Actor(staff.id, staff.username, staff.name, Role.PROCTOR, self.ctx.actor.machine),
                              "exam.resume_authorised", sit.ticket_no,
                              {"consumed_ms": row.consumed_ms, "paused_ms": row.paused_ms})
                self._emit(uow, "exam.event", sit.plan_no, sit.ticket_no, row.consumed_ms,
                           {"event": "authorised", "proctor": staff.username})
                sit.status, sit.needs_proctor, sit._anchor = "running", False, (row.consumed_ms, mono)
        if not ok:
            raise PermissionDenied("监考人员身份验证失败")

    def _proctor_check(self, username: str, password: str) -> PasswordCheck:
        """The proctor's password, hashed before the write transaction (Argon2 is slow)."""
        return check_password_early(self.ctx, password or "", username=username, mind_lock=False)

    @staticmethod
    def _proctor(s, username: str, check: PasswordCheck):
        staff = s.scalars(select(models.Staff).where(models.Staff.username == username)).first()
        if (staff is not None and staff.active and PROCTOR_ROLES & set(staff.roles)
                and check.holds(staff.password_hash)):
            return staff
        return None

    @requires("exam.terminal")
    def release_kiosk(self, sit: Sitting | None, proctor_username: str, proctor_password: str) -> None:
        """A proctor closes the exam window on this terminal (the sitting stays as it is and
        can be resumed here or elsewhere).  Journaled with the proctor's name."""
        check = self._proctor_check(proctor_username, proctor_password)
        with self.ctx.unit_of_work() as uow:
            staff = self._proctor(uow.session, proctor_username, check)
            subject = sit.ticket_no if sit else self.ctx.store.machine
            if staff is None:
                uow.journal("exam.kiosk_release_refused", subject, {"proctor": proctor_username})
            else:
                self._journal(uow, Actor(staff.id, staff.username, staff.name, Role.PROCTOR, self.ctx.actor.machine),
                              "exam.kiosk_released", subject,
                              {"status": sit.status if sit else "", "consumed_ms": self._consumed(sit) if sit else 0})
        if staff is None:
            raise PermissionDenied("监考人员身份验证失败")

    @requires("exam.terminal")
    def follow(self, commands) -> int:
        """Apply the master's command records (``app.core.records.Record``, in seq order) that
        this terminal's exam has not applied yet: room start/pause/resume/end and per-candidate
        extend and force-submit.  Each is applied once, in one transaction with the mark of the
        last one applied (so a crash between receiving and applying loses nothing and doubles
        nothing).  The master's time governs the room: a pause stops every running clock here
        (paused time is not counted), the end submits every open paper.  Returns how many."""
        done = 0
        for record in sorted(commands, key=lambda r: r.header.seq):
            with self.ctx.unit_of_work() as uow:
                mark = uow.session.get(models.Setting, FOLLOWED_SETTING)
                if mark is not None and int(mark.value) >= record.header.seq:
                    continue
                submit = self._apply_command(uow, record)
                if not submit:
                    self._set_followed(uow, record.header.seq)
            if submit:
                # each submit is its own transaction (it scores the paper) and is idempotent; the
                # command counts as applied only after every paper it ends is submitted
                for sit, reason in submit:
                    self._submit(sit, reason)
                with self.ctx.unit_of_work() as uow:
                    self._set_followed(uow, record.header.seq)
            done += 1
        return done

    @staticmethod
    def _set_followed(uow, seq: int) -> None:
        mark = uow.session.get(models.Setting, FOLLOWED_SETTING)
        if mark is None:
            uow.session.add(models.Setting(key=FOLLOWED_SETTING, value=seq))
        else:
            mark.value = seq

    def _rows(self, s, ticket_no: str | None = None):
        q = select(tt.ExamSession, models.Batch.plan_no).join(models.Batch, models.Batch.id == tt.ExamSession.batch_id)
        if ticket_no is not None:
            q = q.where(tt.ExamSession.ticket_no == ticket_no)
        return s.execute(q.where(tt.ExamSession.status.notin_(("submitted", "released")))).all()

    def _row_consumed(self, row, mono: int) -> int:
        if row.status == "running" and row.boot_id == self.boot_id():
            return timing.advance(row.consumed_ms, row.mono_ns, mono)
        return row.consumed_ms

    def _take_paper_key(self, uow, p: dict, by: dict) -> None:
        """The paper key the custodians unlocked on the master (``NetService.send_paper_key``),
        which came sealed to this terminal (the record is encrypted with its machine key and
        signed by the site): kept only if it opens this terminal's own sealed papers."""
        from cryptography.exceptions import InvalidTag

        s, plan_no = uow.session, str(p.get("plan_no", ""))
        batch = s.scalars(select(models.Batch).where(models.Batch.plan_no == plan_no)).first()
        seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first() if batch else None
        if seal is None or seal.paper_key is not None:
            return
        if p.get("content_sha256") != seal.content_sha256:
            uow.journal("exam.paper_key_refused", plan_no, {**by, "reason": "sealed papers differ"})
            return
        seal.paper_key = base64.b64decode(p.get("paper_key", ""))
        try:
            open_package(self.ctx.store, plan_no, seal)
        except (InvalidTag, ValueError):
            seal.paper_key = None
            uow.journal("exam.paper_key_refused", plan_no, {**by, "reason": "key does not open the papers"})
            return
        seal.unlocked_at = self.ctx.now()
        seal.unlocked_by = [{"username": "master", "name": "考务主机（解封后下发）"}]
        uow.journal("exam.paper_key_received", plan_no, by)

    def _apply_command(self, uow, record) -> list[tuple[Sitting, str]]:
        s, kind, p = uow.session, record.header.kind, record.payload
        mono = self.monotonic_ns()
        by = {"by": "master", "command": record.header.seq, "at": p.get("at", "")}
        submit: list[tuple[Sitting, str]] = []
        if kind in ("room.start", "room.pause", "room.resume", "room.end"):
            action = kind.split(".", 1)[1]
            uow.journal(f"exam.{kind}", self.ctx.store.machine, {**by, "room": p.get("room", "")})
            for row, plan_no in self._rows(s):
                consumed = self._row_consumed(row, mono)
                if action == "pause" and row.status == "running":
                    row.status = "paused"
                elif action in ("resume", "start") and row.status == "paused":
                    row.status = "running"
                elif action == "end":
                    submit.append((self._command_sitting(row, plan_no, consumed, mono), "room_end"))
                    continue
                else:
                    continue
                self._mark(row, consumed, mono)
                self._event(s, row, action, consumed, by)
                self._emit(uow, "exam.event", plan_no, row.ticket_no, consumed, {"event": action, **by})
        elif kind in ("candidate.extend", "candidate.force_submit"):
            ticket = str(p.get("candidate", "")).strip().upper()
            for row, plan_no in self._rows(s, ticket):
                consumed = self._row_consumed(row, mono)
                if kind == "candidate.extend":
                    ms = int(p["minutes"]) * 60_000
                    row.extension_ms = (row.extension_ms or 0) + ms
                    self._mark(row, consumed, mono)
                    data = {**by, "extension_ms": ms, "reason": p.get("reason", "")}
                    self._event(s, row, "extend", consumed, data)
                    self._emit(uow, "exam.event", plan_no, ticket, consumed,
                               {"event": "extend", "total_extension_ms": row.extension_ms, **data})
                    uow.journal("exam.extended", ticket, {**data, "total_extension_ms": row.extension_ms})
                else:
                    uow.journal("exam.force_submit", ticket, {**by, "reason": p.get("reason", "")})
                    submit.append((self._command_sitting(row, plan_no, consumed, mono), "force"))
        elif kind == "paper.key":
            self._take_paper_key(uow, p, by)
        elif kind == "candidate.release":
            ticket = str(p.get("candidate", "")).strip().upper()
            for row, plan_no in self._rows(s, ticket):
                consumed = self._row_consumed(row, mono)
                row.status = "released"
                self._mark(row, consumed, mono)
                data = {**by, "to": p.get("to", "")}
                self._event(s, row, "released", consumed, data)
                self._emit(uow, "exam.event", plan_no, ticket, consumed, {"event": "released", **data})
                uow.journal("exam.released", ticket, data)
        elif kind == "candidate.move_in":
            self._move_in(uow, p, mono, by)
        return submit

    def _move_in(self, uow, p: dict, mono: int, by: dict) -> None:
        """Take over a candidate moved here from a failed terminal: the same paper in the same
        order, every answer and flag, the time used and granted, as the master holds them.  The
        candidate then logs in here as usual; the time until they do is not counted."""
        s = uow.session
        state = (p.get("handover") or {}).get("sitting")
        ticket = str(p.get("candidate", "")).strip().upper()
        data = {**by, "from": p.get("from", ""), "reason": p.get("reason", "")}
        if not state:
            uow.journal("exam.moved_in", ticket, {**data, "state": "none"})  # a fresh start at login
            return
        batch = find_batch(s, state["plan_no"])
        row = s.scalars(select(tt.ExamSession).where(tt.ExamSession.batch_id == batch.id,
                                                     tt.ExamSession.ticket_no == ticket)).first()
        if row is not None and row.status == "submitted":
            uow.journal("exam.moved_in", ticket, {**data, "state": "already_submitted"})
            return
        consumed = int(state["consumed_ms"])
        if row is None:
            row = tt.ExamSession(batch_id=batch.id, ticket_no=ticket, variant=state["variant"], items=state["items"],
                                 status="running", duration_ms=int(state["duration_ms"]),
                                 terminal=self.ctx.store.machine, started_at=self.ctx.now())
            s.add(row)
            s.flush()
        else:  # came back to a terminal it sat at before: the master's state is the newer one
            consumed = max(consumed, row.consumed_ms)
        row.status = "paused" if state.get("status") == "paused" else "running"
        row.extension_ms = int(state.get("extension_ms", 0))
        self._mark(row, consumed, mono)
        for qno, (choice, revision, at, flagged) in state["answers"].items():
            a = s.get(tt.ExamAnswer, (row.id, int(qno)))
            if a is None:
                s.add(tt.ExamAnswer(session_id=row.id, qno=int(qno), choice=choice, flagged=bool(flagged),
                                    revision=int(revision), consumed_ms=max(0, int(at))))
            elif (int(at), int(revision)) > (a.consumed_ms, a.revision):
                a.choice, a.flagged, a.revision, a.consumed_ms = choice, bool(flagged), int(revision), int(at)
        self._event(s, row, "moved_in", consumed, data)
        self._emit(uow, "exam.event", state["plan_no"], ticket, consumed,
                   {"event": "moved_in", **data, "items": row.items, "duration_ms": row.duration_ms,
                    "extension_ms": row.extension_ms})
        uow.journal("exam.moved_in", ticket, {**data, "consumed_ms": consumed, "answers": len(state["answers"])})

    def _command_sitting(self, row, plan_no: str, consumed: int, mono: int) -> Sitting:
        """Enough of a sitting to submit a paper on the master's word (no window needed)."""
        sit = Sitting(row.id, plan_no, row.ticket_no, "", [], {}, set(), row.status, row.duration_ms,
                      timing.remaining_ms(row.duration_ms, row.extension_ms or 0, consumed),
                      extension_ms=row.extension_ms or 0)
        sit._anchor = (consumed, mono) if row.status == "running" else (row.consumed_ms, row.mono_ns)
        sit._actor = self.ctx.actor
        return sit

    @requires("exam.proctor")
    def issue_proctor_code(self, plan_no: str, ticket_no: str) -> str:
        with self.ctx.unit_of_work() as uow:
            find_batch(uow.session, plan_no)
            code = proctor_code(self.ctx.store, plan_no, ticket_no.strip().upper(), site_date(self.ctx.now()))
            uow.journal("exam.proctor_code", ticket_no, {"plan_no": plan_no})
        return code

    @requires("exam.results")
    def results(self, plan_no: str) -> list[tuple[str, str, dict | None]]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            return [(r.ticket_no, r.status, r.result) for r in s.scalars(
                select(tt.ExamSession).where(tt.ExamSession.batch_id == batch.id).order_by(tt.ExamSession.ticket_no))]

    @requires("exam.terminal")
    def papers_open(self) -> bool:
        """Whether this terminal holds the paper key the custodians unlocked on the master (it
        arrives over the link with the unlock; until then the papers stay sealed here)."""
        with self.ctx.reading() as s:
            return s.scalars(select(tt.PaperSeal.paper_key).where(tt.PaperSeal.paper_key.is_not(None))).first() \
                is not None

    @requires("exam.terminal")
    def tickets_here(self, plan_no: str) -> list[str]:
        """The candidates whose sitting is on this terminal, in the order each began here (one
        the proctor moved in from another terminal included, before they log in here)."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            return list(s.scalars(select(tt.ExamSession.ticket_no).where(tt.ExamSession.batch_id == batch.id)
                                  .order_by(tt.ExamSession.id)))

    @requires("exam.terminal")
    def events_since(self, after_id: int = 0, limit: int = 500) -> list[dict]:
        """Durable events of this terminal after ``after_id``, oldest first: the records a
        terminal can stream to the master (issue 5).  Answers travel as the journal does."""
        with self.ctx.reading() as s:
            rows = s.execute(select(tt.ExamEvent, tt.ExamSession.ticket_no)
                             .join(tt.ExamSession, tt.ExamSession.id == tt.ExamEvent.session_id)
                             .where(tt.ExamEvent.id > after_id).order_by(tt.ExamEvent.id).limit(limit)).all()
            return [{"id": e.id, "ticket_no": t, "kind": e.kind, "consumed_ms": e.consumed_ms,
                     "at": e.at.isoformat(), "data": e.data} for e, t in rows]
