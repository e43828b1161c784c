"""Subject scores, 双人复核 manual entry, results, the review chain, calendar and deadlines.

``ResultsService.record_subject_score`` is the one entry point for every score: the theory
exam (source "theory-exam"), the practical summary ("practical-summary") and agreed manual
entries ("manual") all arrive through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from app.core import codes
from app.core import results as core
from app.core.errors import Conflict, DomainError
from app.core.workdays import HolidayCalendar, batch_deadlines
from app.services import results_common as rc
from app.services.gates import check_internal_reviewer
from app.services.base import Service, find_batch, requires
from app.store import models
from app.store import results_tables as rt

# Findings whose penalty applies: only the institution's decision applies it (违纪指引 第十七条),
# never the room head's confirmation of the facts.
ACTIVE_FINDING = ("decided", "appealed", "reviewed")
ABSENT_WORDS = ("缺考", "缺", "absent")


@dataclass(frozen=True)
class CandidateResult:
    ticket_no: str
    name: str
    sex: str
    id_type: str
    id_no: str
    unit: str
    room: str
    scores: dict  # subject -> Decimal | None
    result: core.Result
    certificate_no: str | None = None

    @property
    def passed(self) -> bool:
        return self.result.passed

    def score_text(self, subject: str) -> str:
        o = self.result.outcome(subject)
        if o is None:
            return "--"
        if o.void:
            return "取消"
        if o.absent:
            return "缺考"
        return core.fmt_score(o.score)


@dataclass(frozen=True)
class EntryView:
    ticket_no: str
    name: str
    subject: str
    state: str  # waiting / mismatch / agreed
    first_by: str | None
    second_by: str | None
    first_score: str | None  # shown only when the two disagree
    second_score: str | None


@dataclass(frozen=True)
class ReviewState:
    stage: str
    stage_name: str
    signatures: list = field(default_factory=list)
    reopened: list = field(default_factory=list)


def void_subjects(session, candidate_ids) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    ids = list(candidate_ids)
    if not ids:
        return out
    for f in session.scalars(select(rt.MisconductFinding).where(rt.MisconductFinding.candidate_id.in_(ids),
                                                                 rt.MisconductFinding.status.in_(ACTIVE_FINDING))):
        if f.penalty:
            out.setdefault(f.candidate_id, set()).update(f.penalty.get("void_subjects", []))
    return out


def batch_results(session, batch: models.Batch) -> list[CandidateResult]:
    cands = list(session.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                                 .order_by(models.Candidate.ticket_no)))
    ids = [c.id for c in cands]
    scores: dict[int, dict[str, rt.SubjectScore]] = {}
    if ids:
        for s in session.scalars(select(rt.SubjectScore).where(rt.SubjectScore.candidate_id.in_(ids))):
            scores.setdefault(s.candidate_id, {})[s.subject] = s
    certs = {}
    if ids:
        for c in session.scalars(select(rt.Certificate).where(rt.Certificate.candidate_id.in_(ids),
                                                              rt.Certificate.status == "issued")):
            certs[c.candidate_id] = c.certificate_no
    voids = void_subjects(session, ids)
    out = []
    for c in cands:
        mine = scores.get(c.id, {})
        vals = {k: (Decimal(v.score) if v.score is not None else None) for k, v in mine.items()}
        absent = {k for k, v in mine.items() if v.absent}
        res = core.compute(batch.level, vals, batch.pass_marks, voids.get(c.id, set()), absent)
        out.append(CandidateResult(c.ticket_no, c.name, c.sex, c.id_type, c.id_no, c.unit, c.room, vals, res,
                                   certs.get(c.id)))
    return out


class ResultsService(Service):
    # -- the entry point for scores ---------------------------------------------------
    @requires("score.record")
    def record_subject_score(self, ticket_no: str, subject: str, score, source: str, *,
                             absent: bool = False, note: str = "") -> None:
        """Record (or replace) one subject score.  Scores of an approved batch change only after a reopen;
        a change during review sends the batch back to 'entered'."""
        if source not in core.SOURCES:
            raise DomainError(f"未知成绩来源「{source}」")
        with self.ctx.unit_of_work() as uow:
            self._record(uow, ticket_no, subject, score, source, absent, self.ctx.actor.username, note)

    def _record(self, uow, ticket_no, subject, score, source, absent, entered_by, note=""):
        s = uow.session
        cand = rc.candidate(s, ticket_no)
        batch = s.get(models.Batch, cand.batch_id)
        if subject not in core.required_subjects(batch.level):
            raise DomainError(f"{codes.level_label(batch.level)}没有「{codes.SUBJECTS.get(subject, subject)}」科目")
        value = None
        if not absent:
            try:
                value = core.parse_score(score)
            except ValueError as exc:
                raise DomainError(f"准考证号 {ticket_no}「{codes.SUBJECTS[subject]}」：{exc}") from None
        rev = rc.review(s, batch.id)
        if not core.may_change(rev.stage):
            raise Conflict("本批次成绩已复审定稿；修改须由管理员填写理由重新打开")
        row = s.scalars(select(rt.SubjectScore).where(rt.SubjectScore.candidate_id == cand.id,
                                                      rt.SubjectScore.subject == subject)).first()
        before = None if row is None else ("缺考" if row.absent else row.score)
        text = None if value is None else str(value)
        if row is None:
            row = rt.SubjectScore(candidate_id=cand.id, subject=subject)
            s.add(row)
        elif row.score == text and row.absent == absent:
            return
        row.score, row.absent, row.source = text, absent, source
        row.entered_by, row.entered_at = entered_by, self.ctx.now()
        uow.journal("score.record", ticket_no, {"subject": subject, "before": before,
                                                "after": "缺考" if absent else text, "source": source,
                                                "entered_by": entered_by, "note": note})
        if rev.stage != "entered":
            uow.journal("results.review_reset", batch.plan_no, {"from": rev.stage, "because": ticket_no})
            rev.stage, rev.signatures = "entered", []

    # -- 双人复核 manual entry ---------------------------------------------------------
    @requires("score.enter")
    def enter_manual(self, ticket_no: str, subject: str, score) -> str:
        """One person's typing of a paper score.  Returns 'waiting', 'mismatch' or 'agreed'.
        The score counts only when a second person typed the same value."""
        text = str(score).strip()
        absent = text in ABSENT_WORDS
        if not absent:
            try:
                value = core.parse_score(text)
            except ValueError as exc:
                raise DomainError(f"准考证号 {ticket_no}：{exc}") from None
            text = str(value)
        else:
            text = "缺考"
        me = self.ctx.actor.username
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            cand = rc.candidate(s, ticket_no)
            e = s.scalars(select(rt.ScoreEntry).where(rt.ScoreEntry.candidate_id == cand.id,
                                                      rt.ScoreEntry.subject == subject)).first()
            if e is None or (e.state == "agreed"):
                if e is None:
                    e = rt.ScoreEntry(candidate_id=cand.id, subject=subject)
                    s.add(e)
                e.first_score, e.first_by, e.second_score, e.second_by = text, me, None, None
            elif e.first_by == me:
                e.first_score = text
            elif e.second_by in (None, me):
                e.second_score, e.second_by = text, me
            else:
                raise Conflict("已有两人录入该成绩；请由原录入人之一修改")
            e.updated_at = self.ctx.now()
            if e.first_score is None or e.second_score is None:
                e.state = "waiting"
            else:
                e.state = "agreed" if e.first_score == e.second_score else "mismatch"
            uow.journal("score.entry", ticket_no, {"subject": subject, "by": me, "state": e.state,
                                                   "round": "second" if e.second_by == me else "first"})
            if e.state == "agreed":
                absent_v = e.first_score == "缺考"
                self._record(uow, ticket_no, subject, None if absent_v else e.first_score, "manual", absent_v,
                             f"{e.first_by}+{e.second_by}", "双人复核一致")
            return e.state

    @requires("results.view")
    def entries(self, plan_no: str, subject: str | None = None) -> list[EntryView]:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            q = (select(rt.ScoreEntry, models.Candidate).join(models.Candidate,
                                                               models.Candidate.id == rt.ScoreEntry.candidate_id)
                 .where(models.Candidate.batch_id == b.id).order_by(models.Candidate.ticket_no))
            out = []
            for e, c in s.execute(q):
                if subject and e.subject != subject:
                    continue
                show = e.state == "mismatch"
                out.append(EntryView(c.ticket_no, c.name, e.subject, e.state, e.first_by, e.second_by,
                                     e.first_score if show else None, e.second_score if show else None))
            return out

    # -- results ---------------------------------------------------------------------
    @requires("results.view")
    def results(self, plan_no: str) -> list[CandidateResult]:
        with self.ctx.reading() as s:
            return batch_results(s, find_batch(s, plan_no))

    @requires("results.view")
    def distribution(self, plan_no: str, subject: str, bins: int = 10) -> list[int]:
        """Counts of scores in [0,10), [10,20) … [90,100]."""
        counts = [0] * bins
        for r in self.results(plan_no):
            v = r.scores.get(subject)
            o = r.result.outcome(subject)
            if v is None or o is None or o.absent:
                continue
            counts[min(int(v // (Decimal(100) / bins)), bins - 1)] += 1
        return counts

    # -- review chain -----------------------------------------------------------------
    @requires("results.view")
    def review_state(self, plan_no: str) -> ReviewState:
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            r = s.get(rt.ResultReview, b.id)
            stage = r.stage if r else "entered"
            return ReviewState(stage, core.STAGE_NAMES[stage], list(r.signatures) if r else [],
                               list(r.reopened) if r else [])

    @requires("results.sign")
    def sign_review(self, plan_no: str, password: str) -> str:
        """Sign the next step of the chain (内督审核 → 初审 → 复审) by re-entering the password."""
        actor = self.ctx.actor
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rc.reauthenticate(s, actor.username, password, actor.role_value)
            b = find_batch(s, plan_no)
            rev = rc.review(s, b.id)
            if rev.stage == "entered" and actor.role_value == "internal_supervisor":
                check_internal_reviewer(s, b, actor.staff_id, actor.name)   # 督导规程 第十六条, at the signature
            rows = batch_results(s, b)
            mism = s.scalar(select(models.Candidate.id).join(rt.ScoreEntry, rt.ScoreEntry.candidate_id == models.Candidate.id)
                            .where(models.Candidate.batch_id == b.id, rt.ScoreEntry.state == "mismatch").limit(1))
            try:
                target = core.next_stage(rev.stage)
                core.check_sign(rev.stage, target, actor.username, actor.role_value,
                                [x["username"] for x in rev.signatures], bool(rows) and all(r.result.complete for r in rows),
                                1 if mism else 0)
            except core.ReviewError as exc:
                raise Conflict(str(exc)) from None
            sig = {"step": target, "username": actor.username, "name": actor.name, "role": actor.role_value,
                   "at": self.ctx.now().isoformat()}
            rev.signatures = list(rev.signatures) + [sig]
            rev.stage = target
            if target == "approved":
                rev.approved_at = self.ctx.now()
            summary = {"candidates": len(rows), "passed": sum(r.passed for r in rows)}
            uow.journal("results.sign", plan_no, {**sig, **summary})
            return target

    @requires("results.reopen")
    def reopen(self, plan_no: str, reason: str, password: str) -> None:
        if len((reason or "").strip()) < 4:
            raise DomainError("重新打开须填写理由（至少4个字）")
        actor = self.ctx.actor
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rc.reauthenticate(s, actor.username, password)
            b = find_batch(s, plan_no)
            rev = rc.review(s, b.id)
            if rev.stage == "entered":
                raise Conflict("成绩尚未进入审核，无需重新打开")
            entry = {"by": actor.username, "reason": reason.strip(), "at": self.ctx.now().isoformat(),
                     "from": rev.stage}
            rev.reopened = list(rev.reopened) + [entry]
            rev.stage, rev.signatures, rev.approved_at = "entered", [], None
            uow.journal("results.reopen", plan_no, entry)

    # -- site settings this area needs ------------------------------------------------------
    @requires("site.configure")
    def set_calendar(self, holidays, workdays=()) -> None:
        cal = HolidayCalendar.from_lists(holidays, workdays)
        with self.ctx.unit_of_work() as uow:
            before = rc.put_setting(uow.session, rc.HOLIDAYS, cal.to_dict())
            uow.journal("settings.holidays", "", {"before": before, "after": cal.to_dict()})

    @requires("site.configure")
    def set_publication_workdays(self, n: int) -> None:
        if not 1 <= int(n) <= 30:
            raise DomainError("公示期应为1—30个工作日")
        with self.ctx.unit_of_work() as uow:
            from app.core.profiles import publication_period_problem
            from app.services.site import site_profile
            problem = publication_period_problem(site_profile(uow.session), int(n))
            if problem:
                raise DomainError(problem)
            before = rc.put_setting(uow.session, rc.PUBLICATION_WORKDAYS, int(n))
            uow.journal("settings.publication_workdays", "", {"before": before, "after": int(n)})

    @requires("site.configure")
    def set_machine_role(self, role: str) -> None:
        if role not in ("master", "terminal", "station"):
            raise DomainError("机器角色应为 master（考务主机）、terminal 或 station")
        with self.ctx.unit_of_work() as uow:
            before = rc.put_setting(uow.session, rc.MACHINE_ROLE, role)
            uow.journal("settings.machine_role", self.ctx.store.machine, {"before": before, "after": role})

    @requires("results.view")
    def deadlines(self, plan_no: str) -> list[dict]:
        """The dashboard: results due (10 working days), supervision report (5), end of publication."""
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            cal = rc.calendar(s)
            rev = s.get(rt.ResultReview, b.id)
            report = s.get(rt.SupervisionReport, b.id)
            pub = s.scalars(select(rt.Publication).where(rt.Publication.batch_id == b.id)
                            .order_by(rt.Publication.id.desc())).first()
            today = rc.local_today(self.ctx.now())
            items = batch_deadlines(b.exam_end, cal, publication=(pub.start_date, pub.end_date) if pub else None,
                                    results_done=bool(rev and rev.stage == "approved"), report_done=report is not None)
            out = []
            for d in items:
                done = d.done or (d.key == "publication" and pub is not None and pub.status == "closed")
                d2 = type(d)(d.key, d.label, d.due, done)
                out.append({"key": d.key, "label": d.label, "due": d.due, "status": d2.status(today, cal),
                            "workdays_left": d2.workdays_left(today, cal)})
            return out


def record_machine_score(uow, ticket_no: str, subject: str, score, source: str, entered_by: str,
                         note: str = "") -> None:
    """A score computed by the system itself (the theory exam scored on the master from the
    records an enrolled terminal signed), recorded inside the caller's transaction as one
    authoritative entry.  Not a person's typing, so no second typing: the record's signature
    and the journal entry written here are its trace.  The same rules as every score apply
    (known source, required subject, an approved batch is not changed)."""
    if source not in core.SOURCES or source == "manual":
        raise DomainError(f"成绩来源「{source}」不能由系统直接记录")
    ResultsService(uow.ctx)._record(uow, ticket_no, subject, score, source, False, entered_by, note)
