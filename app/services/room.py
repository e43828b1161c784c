"""The master's merged truth of a theory room, built from the terminals' exam records.

Terminals send ``exam.event`` (start, resume, flag, focus loss, authorised), ``exam.answer``
and ``exam.submit`` records (``ExamTerminal`` writes them in the same transaction as the
answer itself).  ``app.net.ingest.apply_opened`` calls the appliers below exactly once per
new record, with the ingest transaction's unit of work, whether the record came over the LAN
or in an answer pack (they are registered in ``app.services.appliers``).

Merging never depends on arrival order: the latest answer to a question is the one with
the greatest ``(consumed_ms, revision, machine_id, seq)`` -- the exam's own time first --
so LAN, packs, a moved candidate's two terminals and any import order give one state.

On submit the master scores the candidate itself from the merged answers (the sealed
package unlocked at the site, the candidate's own paper order from the start record) and
records that score in results as one authoritative machine entry (source
``theory-exam``).  The terminal's own total is kept beside it; a difference is journaled
with both figures (the master's may be larger when a pack brought answers the terminal
that submitted never had).  A score that results refuses (an approved batch) does not
block the link: the refusal is kept on the sitting and journaled.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import records as rec
from app.core.errors import DomainError
from app.core.exam.blueprint import Blueprint
from app.core.exam.questions import Question
from app.core.exam.scoring import score
from app.services.base import Service, UnitOfWork, find_batch, requires
from app.store import theory_tables as tt
from app.store.room_tables import RoomAnswer, RoomSitting

SUBJECT, SOURCE = "theory", "theory-exam"


# What this transaction holds of the room, read once per sitting (``Session.info`` lives as long
# as the session, and the store opens one session per transaction).  The link applies a group of
# pushes -- after a master restart, hundreds of a room's answers -- in one transaction under the
# write lock; looking each answer up with ``Session.get`` flushed the one before and read one row,
# two statements per answer: about 1 ms an answer, a 600-record group held the lock 0.6 s.
_HELD = "room.held"


def _held(s: Session) -> dict:
    return s.info.setdefault(_HELD, {})


def _sitting(s: Session, p: dict, machine_id: str) -> RoomSitting:
    key = (str(p["plan_no"]), str(p["candidate"]))
    held = _held(s)
    row = held.get(key)
    if row is None:
        with s.no_autoflush:  # what this transaction added is in ``held``: nothing to flush first
            row = s.get(RoomSitting, key)
    if row is None:
        row = RoomSitting(plan_no=key[0], ticket_no=key[1], variant="", items=[], machine_id=machine_id,
                          status="running", duration_ms=0, extension_ms=0, consumed_ms=0, focus_losses=0, events=0,
                          submit_reason="", record_error="")
        s.add(row)
    held[key] = row
    return row


def _answers(s: Session, plan_no: str, ticket: str) -> dict[int, RoomAnswer]:
    """The sitting's answers by question number, read in one query the first time this
    transaction needs them; answers added later in the transaction are added here too."""
    held = _held(s)
    key = ("answers", plan_no, ticket)
    answers = held.get(key)
    if answers is None:
        with s.no_autoflush:  # none of this sitting's answers were added yet: they go through here
            answers = held[key] = {a.qno: a for a in s.scalars(
                select(RoomAnswer).where(RoomAnswer.plan_no == plan_no, RoomAnswer.ticket_no == ticket))}
    return answers


def _paper(s: Session, uow, plan_no: str) -> tuple[Blueprint, dict[str, Question]]:
    """The unlocked paper of ``plan_no`` (blueprint and questions), opened once per transaction:
    when a room ends, its submits arrive together and each used to decrypt and parse the whole
    package under the write lock."""
    held = _held(s)
    key = ("paper", plan_no)
    if key not in held:
        batch = find_batch(s, plan_no)
        seal = s.scalars(select(tt.PaperSeal).where(tt.PaperSeal.batch_id == batch.id)).first()
        if seal is None or seal.paper_key is None:
            raise DomainError("主机上的试卷尚未解封，不能评分")
        from app.services.theory import open_package

        package = open_package(uow.ctx.store, plan_no, seal)
        held[key] = (Blueprint.from_dict(package["blueprint"]),
                     {c: Question.from_dict(d) for c, d in package["questions"].items()})
    return held[key]


def _touch(row: RoomSitting, p: dict, record: rec.Record, now) -> None:
    consumed = int(p.get("consumed_ms", 0) or 0)
    if consumed >= (row.consumed_ms or 0):
        row.consumed_ms = consumed
        row.machine_id = record.header.machine_id
    row.events = (row.events or 0) + 1
    row.updated_at = now
    if p.get("items") and not row.items:
        row.items = p["items"]
    if p.get("duration_ms"):
        row.duration_ms = int(p["duration_ms"])
    for key in ("extension_ms", "total_extension_ms"):
        if key in p:
            row.extension_ms = max(row.extension_ms or 0, int(p[key] or 0))


def _merge_answer(s: Session, plan_no: str, ticket: str, qno: int, choice: str, revision: int, consumed: int,
                  machine_id: str, seq: int) -> bool:
    """Keep the answer with the greatest (consumed, revision, machine, seq); True if it changed."""
    answers = _answers(s, plan_no, ticket)
    a = answers.get(qno)
    new_key = (consumed, revision, machine_id, seq)
    if a is None:
        answers[qno] = RoomAnswer(plan_no=plan_no, ticket_no=ticket, qno=qno, choice=choice, flagged=False,
                                  consumed_ms=consumed, revision=revision, machine_id=machine_id, seq=seq)
        s.add(answers[qno])
        return True
    if new_key <= (a.consumed_ms, a.revision, a.machine_id, a.seq):
        return False
    changed = a.choice != choice
    a.choice, a.consumed_ms, a.revision, a.machine_id, a.seq = choice, consumed, revision, machine_id, seq
    return changed


def _now(uow):
    return uow.ctx.now()


def apply_answer(uow: UnitOfWork, record: rec.Record) -> None:
    session, p, h = uow.session, record.payload, record.header
    row = _sitting(session, p, h.machine_id)
    _touch(row, p, record, _now(uow))
    changed = _merge_answer(session, row.plan_no, row.ticket_no, int(p["qno"]), str(p.get("choice", "")),
                            int(p.get("revision", 0)), int(p.get("consumed_ms", 0)), h.machine_id, h.seq)
    if changed and row.status == "submitted":
        session.flush()
        _score(session, uow, row)  # an answer from before the submit that arrived after it


def apply_event(uow: UnitOfWork, record: rec.Record) -> None:
    session, p, h = uow.session, record.payload, record.header
    row = _sitting(session, p, h.machine_id)
    _touch(row, p, record, _now(uow))
    ev = p.get("event")
    if ev == "start" and p.get("items"):
        row.items, row.variant = p["items"], str(p.get("variant", ""))
    elif ev == "focus_lost":
        row.focus_losses = max(row.focus_losses or 0, int(p.get("count", 0)))
    elif ev == "flag":
        qno = int(p["qno"])
        answers = _answers(session, row.plan_no, row.ticket_no)
        a = answers.get(qno)
        if a is None:
            answers[qno] = RoomAnswer(plan_no=row.plan_no, ticket_no=row.ticket_no, qno=qno, choice="",
                                      flagged=bool(p.get("flagged")), consumed_ms=-1, revision=0,
                                      machine_id=h.machine_id, seq=h.seq)
            session.add(answers[qno])
        else:
            a.flagged = bool(p.get("flagged"))
    elif ev == "resume" and row.status != "submitted":
        row.status = "held" if p.get("held") else "running"
    elif ev == "moved_in" and row.status != "submitted":
        row.machine_id, row.status = h.machine_id, "running"
    elif ev == "pause" and row.status != "submitted":
        row.status = "paused"
    elif ev == "authorised" and row.status != "submitted":
        row.status = "running"


def apply_submit(uow: UnitOfWork, record: rec.Record) -> None:
    session, p, h = uow.session, record.payload, record.header
    row = _sitting(session, p, h.machine_id)
    _touch(row, p, record, _now(uow))
    consumed = int(p.get("consumed_ms", 0))
    for qno, (choice, revision, at) in (p.get("answers") or {}).items():
        # the terminal's final state: the same keys as its answer records, so a duplicate changes nothing
        _merge_answer(session, row.plan_no, row.ticket_no, int(qno), str(choice), int(revision), int(at),
                      h.machine_id, 0)
    if row.status == "submitted" and (row.submit_consumed_ms or 0) >= consumed:
        session.flush()
        _score(session, uow, row)
        return
    row.status, row.submit_reason, row.submit_consumed_ms = "submitted", str(p.get("reason", "")), consumed
    row.terminal_total = str(p.get("total"))
    session.flush()
    _score(session, uow, row)


def _score(s: Session, uow, row: RoomSitting) -> None:
    from app.services.results import record_machine_score

    try:
        bp, questions = _paper(s, uow, row.plan_no)
    except DomainError as exc:
        row.record_error = str(exc)[:200]
        uow.journal("room.score_pending", row.ticket_no, {"plan_no": row.plan_no, "error": row.record_error})
        return
    items = [(qno, questions[code], bp.sections[sec].points) for qno, code, sec, _ in row.items]
    responses = {qno: frozenset(a.choice) for qno, a in _answers(s, row.plan_no, row.ticket_no).items()}
    result = score(items, responses, bp).to_dict()
    row.result, row.master_total = result, result["total"]
    if row.master_total != row.terminal_total:
        uow.journal("room.score_differs", row.ticket_no,
                    {"plan_no": row.plan_no, "master": row.master_total, "terminal": row.terminal_total})
    if row.recorded_total == row.master_total:
        return
    try:
        record_machine_score(uow, row.ticket_no, SUBJECT, row.master_total, SOURCE,
                             f"machine:{row.machine_id}", f"终端 {row.machine_id} 交卷（{row.submit_reason}）")
    except DomainError as exc:
        row.record_error = str(exc)[:200]
        uow.journal("room.score_not_recorded", row.ticket_no, {"plan_no": row.plan_no, "total": row.master_total,
                                                               "error": row.record_error})
        return
    row.recorded_total, row.record_error = row.master_total, ""


def handover_state(s: Session, ticket_no: str) -> dict | None:
    """What a spare terminal needs to continue a candidate's sitting: the paper (variant and
    the candidate's own question and option order), every answer and flag, the time used and
    granted, as the master holds them.  None when the master has heard nothing of them.  Time
    between the last record the master heard and the old terminal's death is not charged."""
    row = s.scalars(select(RoomSitting).where(RoomSitting.ticket_no == ticket_no)
                    .order_by(RoomSitting.updated_at.desc())).first()
    if row is None or not row.items:
        return None
    answers = {str(a.qno): [a.choice, a.revision, a.consumed_ms, a.flagged] for a in s.scalars(
        select(RoomAnswer).where(RoomAnswer.plan_no == row.plan_no, RoomAnswer.ticket_no == ticket_no))}
    return {"plan_no": row.plan_no, "ticket_no": ticket_no, "variant": row.variant, "items": row.items,
            "status": row.status, "duration_ms": row.duration_ms, "extension_ms": row.extension_ms or 0,
            "consumed_ms": row.consumed_ms, "answers": answers}


def _remaining(r) -> int | None:
    if not r.duration_ms:  # not yet heard from the terminal
        return None
    return max(0, int(r.duration_ms) + int(r.extension_ms or 0) - int(r.consumed_ms or 0))


APPLIERS = {"exam.answer": apply_answer, "exam.event": apply_event, "exam.submit": apply_submit}


@dataclass(frozen=True)
class SittingView:
    plan_no: str
    ticket_no: str
    machine_id: str
    status: str
    consumed_ms: int
    focus_losses: int
    answered: int
    terminal_total: str | None
    master_total: str | None
    recorded_total: str | None
    record_error: str
    remaining_ms: int | None = None  # duration + extension - consumed, as the master last heard it


class RoomService(Service):
    """What the master holds of each candidate's sitting (for the proctor console and checks)."""

    @requires("room.console")
    def sittings(self, plan_no: str) -> list[SittingView]:
        # The proctor console asks every 2 s.  Only the columns shown (not each sitting's paper
        # order) and the answers counted by the store: loading every answer of a room as an object
        # to count them (7,300 in a rehearsed day) kept the master's screen waiting for the
        # interpreter lock while a refresh ran.
        c = RoomSitting
        with self.ctx.reading() as s:
            rows = s.execute(select(c.plan_no, c.ticket_no, c.machine_id, c.status, c.consumed_ms, c.focus_losses,
                                    c.terminal_total, c.master_total, c.recorded_total, c.record_error,
                                    c.duration_ms, c.extension_ms)
                             .where(c.plan_no == plan_no).order_by(c.ticket_no)).all()
            answered = dict(s.execute(select(RoomAnswer.ticket_no, func.count())
                                      .where(RoomAnswer.plan_no == plan_no, RoomAnswer.choice != "")
                                      .group_by(RoomAnswer.ticket_no)).all())
            return [SittingView(r.plan_no, r.ticket_no, r.machine_id, r.status, r.consumed_ms, r.focus_losses,
                                answered.get(r.ticket_no, 0), r.terminal_total, r.master_total, r.recorded_total,
                                r.record_error, _remaining(r)) for r in rows]

    @requires("room.console")
    def answers(self, plan_no: str, ticket_no: str) -> dict[int, str]:
        """Latest answer per question number (bank labels), as merged on the master."""
        with self.ctx.reading() as s:
            return {a.qno: a.choice for a in s.scalars(
                select(RoomAnswer).where(RoomAnswer.plan_no == plan_no, RoomAnswer.ticket_no == ticket_no)
                .order_by(RoomAnswer.qno)) if a.choice}

    @requires("room.console")
    def snapshot(self, plan_no: str) -> dict:
        """The whole merged state, for comparing two ways of delivering the same records."""
        with self.ctx.reading() as s:
            sittings = {r.ticket_no: {"status": r.status, "items": r.items, "consumed_ms": r.consumed_ms,
                                      "focus_losses": r.focus_losses, "terminal_total": r.terminal_total,
                                      "master_total": r.master_total, "recorded_total": r.recorded_total}
                        for r in s.scalars(select(RoomSitting).where(RoomSitting.plan_no == plan_no))}
            answers = sorted((a.ticket_no, a.qno, a.choice, a.flagged, a.consumed_ms) for a in s.scalars(
                select(RoomAnswer).where(RoomAnswer.plan_no == plan_no)))
        return {"sittings": sittings, "answers": answers}
