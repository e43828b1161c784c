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
from typing import Callable

from sqlalchemy import select

from app.core.sitetime import site_date
from app.core.actor import Actor
from app.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from app.core.exam import assembly, timing
from app.core.exam.blueprint import Blueprint
from app.core.exam.questions import LABELS, Question
from app.core.exam.scoring import ScoreReport, score
from app.services.exam_room import ExamRoom
from app.services.exam_sitting import (CANDIDATE_ROLE, FOLLOWED_SETTING, PROCTOR_ROLES, ShownQuestion,  # noqa: F401
                                       Sitting, _TimeUp, read_boot_id)
from app.services.base import Service, find_batch, requires
from app.services.theory import open_package, proctor_code
from app.store import models
from app.store import theory_tables as tt
from app.store.engine import driver

# The click's statements, in plain SQL (the answer path runs them for every click).
_SITTING = "SELECT status, extension_ms, consumed_ms, mono_ns, boot_id FROM exam_session WHERE id = ?"
_MARK = "UPDATE exam_session SET consumed_ms = ?, mono_ns = ?, boot_id = ?, wall_ms = ? WHERE id = ?"
_UPSERT_ANSWER = ("INSERT INTO exam_answer (session_id, qno, choice, flagged, revision, consumed_ms) "
                  "VALUES (?, ?, ?, 0, 1, ?) ON CONFLICT (session_id, qno) DO UPDATE SET "
                  "choice = excluded.choice, revision = exam_answer.revision + 1, consumed_ms = excluded.consumed_ms "
                  "RETURNING revision")


class ExamTerminal(ExamRoom, Service):
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
                conn = driver(uow.session)
                row = conn.execute(_SITTING, (sit.session_id,)).fetchone()
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
                conn.execute(_MARK, (consumed, mono, self.boot_id(), int(self.ctx.now().timestamp() * 1000),
                                             sit.session_id))
                revision = conn.execute(_UPSERT_ANSWER, (sit.session_id, qno, bank, consumed)).fetchone()[0]
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
    # -- for the proctor ---------------------------------------------------------
