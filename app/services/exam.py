"""The terminal side of the theory exam: one candidate's sitting, kept durable.

``ExamTerminal`` runs on the terminal's own encrypted store (a site-like store; the
single-terminal case uses the site store itself).  Its methods are called in the
context of the staff member who opened the terminal (``exam.terminal``); what the
candidate does is journaled under the candidate's own name.

Durability: every answer, flag and time record is one SQLCipher transaction (WAL,
``synchronous=FULL``) that has returned before the method returns, so a caller that
shows "saved" only after the return never shows an answer that could be lost.

Time: see ``app.core.exam.timing``.  The consumed time advances on the monotonic
clock and is written with every record and every ``tick`` (the UI ticks each second).
"""

from __future__ import annotations

import base64
import hmac
import time
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable

from sqlalchemy import select

from app.core.sitetime import site_date
from app.core.actor import Actor
from app.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from app.core.exam import assembly, timing
from app.core.exam.blueprint import Blueprint
from app.core.exam.questions import LABELS, Question
from app.core.exam.scoring import ScoreReport, score
from app.core.roles import Role
from app import platform
from app.services.base import PasswordCheck, Service, check_password_early, find_batch, requires
from app.services.theory import open_package, proctor_code
from app.store import models
from app.store import theory_tables as tt

CANDIDATE_ROLE = "candidate"
FOLLOWED_SETTING = "exam.commands_applied"  # the last master command seq this terminal's exam applied
PROCTOR_ROLES = {Role.PROCTOR.value, Role.ROOM_HEAD.value}


def read_boot_id() -> str:
    return platform.boot_id()


# The click's statements, in plain SQL (the answer path runs them for every click).
_SITTING = "SELECT status, extension_ms, consumed_ms, mono_ns, boot_id FROM exam_session WHERE id = ?"
_MARK = "UPDATE exam_session SET consumed_ms = ?, mono_ns = ?, boot_id = ?, wall_ms = ? WHERE id = ?"
_UPSERT_ANSWER = ("INSERT INTO exam_answer (session_id, qno, choice, flagged, revision, consumed_ms) "
                  "VALUES (?, ?, ?, 0, 1, ?) ON CONFLICT (session_id, qno) DO UPDATE SET "
                  "choice = excluded.choice, revision = exam_answer.revision + 1, consumed_ms = excluded.consumed_ms "
                  "RETURNING revision")


class _TimeUp(Exception):
    """Rolls the answer's transaction back: the time ran out before the click."""


@dataclass(frozen=True)
class ShownQuestion:
    """A question as the candidate sees it: options already in the candidate's order."""

    qno: int
    qtype: str
    stem: str
    options: tuple[tuple[str, str], ...]  # (shown label, text)
    points: Decimal
    image: bytes | None = None


@dataclass
class Sitting:
    """A candidate's open sitting on this terminal (held by the UI)."""

    session_id: int
    plan_no: str
    ticket_no: str
    name: str
    questions: list[ShownQuestion]
    answers: dict[int, str]  # qno -> shown labels, e.g. "AC"
    flags: set[int]
    status: str
    duration_ms: int
    remaining_ms: int
    gap_ms: int = 0
    needs_proctor: bool = False
    extension_ms: int = 0
    result: dict | None = None
    # private: mapping shown label <-> bank label per question, the clock anchor
    _to_bank: dict[int, dict[str, str]] = field(default_factory=dict, repr=False)
    _from_bank: dict[int, dict[str, str]] = field(default_factory=dict, repr=False)
    _anchor: tuple[int, int] = (0, 0)  # (consumed_ms, mono_ns) when the clock last ran from
    _actor: Actor | None = None

    @property
    def unanswered(self) -> list[int]:
        return [q.qno for q in self.questions if not self.answers.get(q.qno)]


class ExamTerminal(Service):
    def __init__(self, ctx, monotonic_ns: Callable[[], int] = time.monotonic_ns,
                 boot_id: Callable[[], str] = read_boot_id, link=None):
        """``link``: the terminal's site link (``app.net.terminal.TerminalNode`` on the same
        store), or None for a terminal that is not enrolled.  With a link, every durable exam
        event also becomes a record in the link's outbox *in the same transaction*: the answer
        and the record that carries it to the master commit together or not at all, so the
        master can never miss an answer the terminal showed as saved."""
        super().__init__(ctx)
        self.monotonic_ns = monotonic_ns
        self.boot_id = boot_id
        self.link = link

    # -- helpers ---------------------------------------------------------------
    def _consumed(self, sit: Sitting) -> int:
        if sit.status != "running":
            return sit._anchor[0]
        return timing.advance(sit._anchor[0], sit._anchor[1], self.monotonic_ns())

    def _mark(self, row: tt.ExamSession, consumed: int, mono: int) -> None:
        row.consumed_ms = consumed
        row.mono_ns = mono
        row.boot_id = self.boot_id()
        row.wall_ms = int(self.ctx.now().timestamp() * 1000)

    def _journal(self, uow, sit_or_actor, action, subject, payload):
        actor = sit_or_actor._actor if isinstance(sit_or_actor, Sitting) else sit_or_actor
        uow.entries.append(self.ctx.store.journal.append(uow.session, actor, action, subject, payload,
                                                         self.ctx.now()))

    def _row(self, s, sit: Sitting) -> tt.ExamSession:
        row = s.get(tt.ExamSession, sit.session_id)
        if row is None:
            raise NotFound("考试记录不存在")
        return row

    def _event(self, s, row, kind, consumed, data=None):
        s.add(tt.ExamEvent(session_id=row.id, kind=kind, consumed_ms=consumed, at=self.ctx.now(), data=data or {}))

    def _emit(self, uow, kind: str, plan_no: str, ticket_no: str, consumed: int, payload: dict) -> None:
        """One record for the master (kinds ``exam.answer``, ``exam.event``, ``exam.submit``)."""
        if self.link is None:
            return
        self.link.record_in(uow, kind, {"plan_no": plan_no, "candidate": ticket_no, "consumed_ms": consumed,
                                        "at": self.ctx.now().isoformat(), **payload})

    # -- login -------------------------------------------------------------------
    @requires("exam.terminal")
    def login(self, plan_no: str, ticket_no: str, second_factor: str) -> Sitting:
        """Ticket number plus the last 6 characters of the ID number or the proctor's code.
        Resumes an existing sitting (same paper, every saved answer, the right time)."""
        ticket_no, second_factor = ticket_no.strip().upper(), second_factor.strip().upper()
        now_mono = self.monotonic_ns()
        failure = None
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            cand = s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id,
                                                            models.Candidate.ticket_no == ticket_no)).first()
            code_ok = cand is not None and hmac.compare_digest(
                second_factor, proctor_code(self.ctx.store, plan_no, ticket_no, site_date(self.ctx.now())))
            if cand is None or not (code_ok or (len(second_factor) == 6
                                                and cand.id_no.upper().endswith(second_factor))):
                uow.journal("exam.login_failed", ticket_no, {"plan_no": plan_no})
                failure = PermissionDenied("准考证号或验证信息不正确")
            else:
                actor = Actor(None, ticket_no, cand.name, CANDIDATE_ROLE, self.ctx.actor.machine)
                seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
                if seal is None or seal.paper_key is None:
                    raise DomainError("试卷尚未解封，请等待监考人员通知")
                package = open_package(self.ctx.store, plan_no, seal)
                bp = Blueprint.from_dict(package["blueprint"])
                questions = {c: Question.from_dict(d) for c, d in package["questions"].items()}
                row = s.scalars(select(tt.ExamSession).where(tt.ExamSession.batch_id == batch.id,
                                                             tt.ExamSession.ticket_no == ticket_no)).first()
                gap = None
                if row is None:
                    if bp.mode == "ab":
                        tickets = sorted(s.scalars(select(models.Candidate.ticket_no)
                                                   .where(models.Candidate.batch_id == batch.id)))
                        variant = assembly.ab_variant(tickets.index(ticket_no))
                    else:
                        variant = ""
                    items = assembly.personalise(package["papers"][variant], questions, bp, package["seed"], ticket_no)
                    row = tt.ExamSession(batch_id=batch.id, ticket_no=ticket_no, variant=variant,
                                         items=[[i.qno, i.code, i.section, "".join(i.option_order)] for i in items],
                                         status="running", duration_ms=bp.duration_min * 60_000,
                                         terminal=self.ctx.store.machine, started_at=self.ctx.now())
                    self._mark(row, 0, now_mono)
                    s.add(row)
                    s.flush()
                    self._event(s, row, "start", 0, {"variant": variant, "terminal": row.terminal,
                                                     "by": self.ctx.actor.username})
                    self._journal(uow, actor, "exam.start", ticket_no,
                                  {"plan_no": plan_no, "variant": variant, "seed": package["seed"],
                                   "terminal": row.terminal, "second_factor": "proctor_code" if code_ok else "id"})
                    self._emit(uow, "exam.event", plan_no, ticket_no, 0,
                               {"event": "start", "variant": variant, "items": row.items,
                                "duration_ms": row.duration_ms, "extension_ms": row.extension_ms or 0})
                elif row.status in ("running", "held"):
                    last = timing.Mark(row.consumed_ms, row.boot_id, row.mono_ns, row.wall_ms)
                    gap = timing.gap(last, self.boot_id(), now_mono, int(self.ctx.now().timestamp() * 1000),
                                     bp.resume_limit_min * 60_000)
                    held = row.status == "held" or gap.needs_proctor
                    row.paused_ms += gap.ms
                    row.status = "held" if held else "running"
                    self._mark(row, row.consumed_ms, now_mono)
                    self._event(s, row, "resume", row.consumed_ms,
                                {"gap_ms": gap.ms, "reliable": gap.reliable, "held": held,
                                 "terminal": self.ctx.store.machine})
                    self._journal(uow, actor, "exam.resume", ticket_no,
                                  {"plan_no": plan_no, "gap_ms": gap.ms, "gap_measured": gap.reliable,
                                   "consumed_ms": row.consumed_ms, "needs_proctor": held,
                                   "terminal": self.ctx.store.machine})
                    self._emit(uow, "exam.event", plan_no, ticket_no, row.consumed_ms,
                               {"event": "resume", "gap_ms": gap.ms, "reliable": gap.reliable, "held": held,
                                "items": row.items, "duration_ms": row.duration_ms,
                                "extension_ms": row.extension_ms or 0})
                sit = self._sitting(s, row, plan_no, cand.name, questions, bp, actor, now_mono,
                                    package.get("images", {}))
                if gap is not None:
                    sit.gap_ms = gap.ms
                return sit
        raise failure

    def _sitting(self, s, row, plan_no, name, questions, bp: Blueprint, actor, now_mono, images: dict) -> Sitting:
        """Images come from the sealed package, like the questions."""
        shown, to_bank, from_bank = [], {}, {}
        for qno, code, section, order in row.items:
            q = questions[code]
            text = {o.label: o.text for o in q.options}
            to_bank[qno] = {LABELS[i]: lbl for i, lbl in enumerate(order)}
            from_bank[qno] = {lbl: LABELS[i] for i, lbl in enumerate(order)}
            img = base64.b64decode(images[q.image]) if q.image and q.image in images else None
            shown.append(ShownQuestion(qno, q.qtype.value, q.stem,
                                       tuple((LABELS[i], text[lbl]) for i, lbl in enumerate(order)),
                                       bp.sections[section].points, img))
        answers, flags = {}, set()
        for a in s.scalars(select(tt.ExamAnswer).where(tt.ExamAnswer.session_id == row.id)):
            if a.choice:
                answers[a.qno] = "".join(sorted(from_bank[a.qno][c] for c in a.choice))
            if a.flagged:
                flags.add(a.qno)
        sit = Sitting(row.id, plan_no, row.ticket_no, name, shown, answers, flags, row.status, row.duration_ms,
                      timing.remaining_ms(row.duration_ms, row.extension_ms, row.consumed_ms),
                      needs_proctor=row.status == "held", result=row.result, extension_ms=row.extension_ms or 0)
        sit._to_bank, sit._from_bank, sit._anchor, sit._actor = to_bank, from_bank, (row.consumed_ms, now_mono), actor
        return sit

    # -- during the exam -------------------------------------------------------
    def _sync(self, sit: Sitting) -> None:
        """Take up what a master command changed in the row (pause, resume, extension, submit)
        since this sitting object last saw it: one read, the row is the truth."""
        with self.ctx.reading() as s:
            row = s.get(tt.ExamSession, sit.session_id)
            if row is None:
                return
            status, ext, anchor, boot = row.status, row.extension_ms or 0, (row.consumed_ms, row.mono_ns), row.boot_id
            result = row.result
        self._take_up(sit, status, ext, anchor, boot, result)

    def _take_up(self, sit: Sitting, status: str, ext: int, anchor: tuple[int, int], boot: str, result) -> None:
        sit.extension_ms = ext
        if status != sit.status or (status == "running" and anchor != sit._anchor and boot == self.boot_id()):
            sit.status, sit._anchor = status, anchor
            sit.needs_proctor = status == "held"
            if status == "submitted":
                sit.result = result
        sit.remaining_ms = timing.remaining_ms(sit.duration_ms, ext, self._consumed(sit))

    def _running(self, sit: Sitting) -> None:
        self._sync(sit)
        self._refuse_unless_running(sit)

    @staticmethod
    def _refuse_unless_running(sit: Sitting) -> None:
        if sit.status == "paused":
            raise PermissionDenied("考场已暂停，请等待监考人员宣布继续")
        if sit.status == "released":
            raise PermissionDenied("考生已换到其他终端作答")
        if sit.status == "submitted":
            raise Conflict("试卷已提交，不能再作答")
        if sit.status == "held":
            raise PermissionDenied("终端中断时间超过规定，须监考人员授权后继续作答")

    @requires("exam.terminal")
    def answer(self, sit: Sitting, qno: int, shown_labels: str) -> int:
        """Save one answer durably; returns the remaining milliseconds.  Past the time the
        paper is submitted instead and the answer is refused.

        The click's path is one write transaction and nothing else: the sitting's row is
        read inside it (what a master command changed is taken up there), then one UPDATE
        of the row, one upsert of the answer and the journal entry, set-based."""
        try:
            with self.ctx.unit_of_work() as uow:
                conn = uow.session.connection()
                row = conn.exec_driver_sql(_SITTING, (sit.session_id,)).first()
                if row is None:
                    raise NotFound("考试记录不存在")
                status, ext, consumed_then, mono_then, boot = row
                result = uow.session.get(tt.ExamSession, sit.session_id).result if status == "submitted" else None
                self._take_up(sit, status, ext or 0, (consumed_then, mono_then), boot, result)
                self._refuse_unless_running(sit)
                if qno not in sit._to_bank:
                    raise NotFound(f"第 {qno} 题不存在")
                shown = "".join(sorted(set(shown_labels.upper())))
                if any(c not in sit._to_bank[qno] for c in shown):
                    raise DomainError("选项不存在")
                bank = "".join(sorted(sit._to_bank[qno][c] for c in shown))
                mono = self.monotonic_ns()
                consumed = timing.advance(sit._anchor[0], sit._anchor[1], mono)
                remaining = timing.remaining_ms(sit.duration_ms, sit.extension_ms, consumed)
                if remaining <= 0:
                    raise _TimeUp()
                conn.exec_driver_sql(_MARK, (consumed, mono, self.boot_id(), int(self.ctx.now().timestamp() * 1000),
                                             sit.session_id))
                revision = conn.exec_driver_sql(_UPSERT_ANSWER, (sit.session_id, qno, bank, consumed)).scalar_one()
                self._journal(uow, sit, "exam.answer", sit.ticket_no,
                              {"qno": qno, "choice": bank, "revision": revision, "consumed_ms": consumed})
                self._emit(uow, "exam.answer", sit.plan_no, sit.ticket_no, consumed,
                           {"qno": qno, "choice": bank, "revision": revision})
        except _TimeUp:
            self._time_up(sit)
            raise Conflict("考试时间已到，试卷已自动提交") from None
        # committed: only now does the sitting (and the window) show it
        sit._anchor = (consumed, mono)
        if shown:
            sit.answers[qno] = shown
        else:
            sit.answers.pop(qno, None)
        sit.remaining_ms = remaining
        return remaining

    @requires("exam.terminal")
    def flag(self, sit: Sitting, qno: int, flagged: bool) -> None:
        self._running(sit)
        mono = self.monotonic_ns()
        consumed = timing.advance(sit._anchor[0], sit._anchor[1], mono)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            row = self._row(s, sit)
            a = s.get(tt.ExamAnswer, (row.id, qno))
            if a is None:
                s.add(tt.ExamAnswer(session_id=row.id, qno=qno, choice="", flagged=flagged, revision=0,
                                    consumed_ms=consumed))
            else:
                a.flagged = flagged
            self._mark(row, consumed, mono)
            self._journal(uow, sit, "exam.flag", sit.ticket_no, {"qno": qno, "flagged": flagged})
            self._emit(uow, "exam.event", sit.plan_no, sit.ticket_no, consumed,
                       {"event": "flag", "qno": qno, "flagged": flagged})
        sit._anchor = (consumed, mono)
        (sit.flags.add if flagged else sit.flags.discard)(qno)

    @requires("exam.terminal")
    def tick(self, sit: Sitting) -> int:
        """Write the consumed time (the UI calls this every second); submit at time up.
        The time counter is accounting, not an act: it is not journaled each second, but
        every journaled exam event carries the consumed time at that instant."""
        self._sync(sit)
        if sit.status != "running":
            return sit.remaining_ms
        mono = self.monotonic_ns()
        consumed = timing.advance(sit._anchor[0], sit._anchor[1], mono)
        remaining = timing.remaining_ms(sit.duration_ms, sit.extension_ms, consumed)
        with self.ctx.unit_of_work() as uow:
            row = self._row(uow.session, sit)
            if row.status != "running":
                return sit.remaining_ms
            self._mark(row, consumed, mono)
            remaining = timing.remaining_ms(row.duration_ms, row.extension_ms, consumed)
        sit._anchor = (consumed, mono)
        sit.remaining_ms = remaining
        if remaining <= 0:
            self._time_up(sit)
        return remaining

    def _time_up(self, sit: Sitting) -> bool:
        self._submit(sit, "time_up")
        return True

    @requires("exam.terminal")
    def focus_lost(self, sit: Sitting, what: str = "window") -> None:
        consumed = self._consumed(sit)
        with self.ctx.unit_of_work() as uow:
            row = self._row(uow.session, sit)
            row.focus_losses += 1
            self._event(uow.session, row, "focus_lost", consumed, {"what": what})
            self._journal(uow, sit, "exam.focus_lost", sit.ticket_no,
                          {"what": what, "count": row.focus_losses, "consumed_ms": consumed})
            self._emit(uow, "exam.event", sit.plan_no, sit.ticket_no, consumed,
                       {"event": "focus_lost", "what": what, "count": row.focus_losses})

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
    def submit(self, sit: Sitting) -> dict:
        self._running(sit)
        return self._submit(sit, "candidate")

    def _submit(self, sit: Sitting, reason: str) -> dict:
        mono = self.monotonic_ns()
        consumed = min(self._consumed(sit), sit.duration_ms + sit.extension_ms) if sit.status == "running" \
            else sit._anchor[0]
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            row = self._row(s, sit)
            if row.status == "submitted":
                sit.status, sit.result = "submitted", row.result
                return row.result
            batch = s.get(models.Batch, row.batch_id)
            seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == row.batch_id)).first()
            package = open_package(self.ctx.store, batch.plan_no, seal)
            bp = Blueprint.from_dict(package["blueprint"])
            questions = {c: Question.from_dict(d) for c, d in package["questions"].items()}
            items = [(qno, questions[code], bp.sections[sec].points) for qno, code, sec, _ in row.items]
            responses = {a.qno: frozenset(a.choice) for a in
                         s.scalars(select(tt.ExamAnswer).where(tt.ExamAnswer.session_id == row.id))}
            report: ScoreReport = score(items, responses, bp)
            result = report.to_dict()
            result["reason"] = reason
            row.status, row.submitted_at, row.result = "submitted", self.ctx.now(), result
            self._mark(row, consumed, mono)
            self._event(s, row, "submit", consumed, {"reason": reason, "total": result["total"]})
            self._journal(uow, sit, "exam.submit", sit.ticket_no,
                          {"plan_no": batch.plan_no, "reason": reason, "total": result["total"],
                           "passed": result["passed"], "by_kp": result["by_kp"], "consumed_ms": consumed,
                           "answered": sum(1 for v in responses.values() if v)})
            answers = {str(a.qno): [a.choice, a.revision, a.consumed_ms] for a in
                       s.scalars(select(tt.ExamAnswer).where(tt.ExamAnswer.session_id == row.id))}
            self._emit(uow, "exam.submit", batch.plan_no, sit.ticket_no, consumed,
                       {"reason": reason, "total": result["total"], "passed": result["passed"],
                        "answers": answers, "items": row.items})
        sit.status, sit.result, sit._anchor = "submitted", result, (consumed, mono)
        sit.remaining_ms = timing.remaining_ms(sit.duration_ms, sit.extension_ms, consumed)
        return result

    # -- commands from the master (issue 5) ----------------------------------------
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

    # -- for the proctor ---------------------------------------------------------
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
    def events_since(self, after_id: int = 0, limit: int = 500) -> list[dict]:
        """Durable events of this terminal after ``after_id``, oldest first: the records a
        terminal can stream to the master (issue 5).  Answers travel as the journal does."""
        with self.ctx.reading() as s:
            rows = s.execute(select(tt.ExamEvent, tt.ExamSession.ticket_no)
                             .join(tt.ExamSession, tt.ExamSession.id == tt.ExamEvent.session_id)
                             .where(tt.ExamEvent.id > after_id).order_by(tt.ExamEvent.id).limit(limit)).all()
            return [{"id": e.id, "ticket_no": t, "kind": e.kind, "consumed_ms": e.consumed_ms,
                     "at": e.at.isoformat(), "data": e.data} for e, t in rows]
