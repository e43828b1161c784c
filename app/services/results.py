"""Subject scores, 双人复核 manual entry, corrections, results, the review chain, calendar and deadlines.

A score reaches results only by a road (``app.core.results.ROADS``), and the road sets its
``source``: the master's scoring of the signed theory answers, the chief grader's signed
practical summary, 双人复核 (two different people typing the same value), a door absence
recorded by check-in, and a correction (two people, the same value, each with a reason; the
old value kept).  ``ResultsService.receive_score`` is the one entry the roads use.
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
from app.store.score_road_tables import ScoreCorrection

ROAD_THEORY_EXAM = core.ROAD_THEORY_EXAM
ROAD_PRACTICAL_SUMMARY = core.ROAD_PRACTICAL_SUMMARY
ROAD_REVIEW_SUMMARY = core.ROAD_REVIEW_SUMMARY
ROAD_DOUBLE_ENTRY = core.ROAD_DOUBLE_ENTRY
ROAD_DOOR_ABSENCE = core.ROAD_DOOR_ABSENCE
ROAD_CORRECTION = core.ROAD_CORRECTION
# the roads whose proof another service holds (signed answers, the signed summary, the door)
EXTERNAL_ROADS = (ROAD_THEORY_EXAM, ROAD_PRACTICAL_SUMMARY, ROAD_REVIEW_SUMMARY, ROAD_DOOR_ABSENCE)

# Findings whose penalty applies: only the institution's decision applies it (违纪指引 第十七条),
# never the room head's confirmation of the facts.
ACTIVE_FINDING = rc.ACTIVE_FINDING
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


@dataclass(frozen=True)
class CorrectionView:
    ticket_no: str
    subject: str
    state: str  # waiting / mismatch / applied
    before: str | None
    before_source: str
    first_by: str
    first_reason: str
    second_by: str | None
    second_reason: str | None
    first_value: str | None  # shown once the second person typed
    second_value: str | None
    applied_at: object = None


def _typed(ticket_no: str, score) -> str:
    """A person's typing of a score: decimal text with one place, or 缺考."""
    text = str(score if score is not None else "").strip()
    if text in ABSENT_WORDS:
        return "缺考"
    try:
        return str(core.parse_score(text))
    except ValueError as exc:
        raise DomainError(f"准考证号 {ticket_no}：{exc}") from None


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
    voids = rc.void_subjects(session, ids)
    subjects = rc.subjects(session, batch)
    out = []
    for c in cands:
        mine = scores.get(c.id, {})
        vals = {k: (Decimal(v.score) if v.score is not None else None) for k, v in mine.items()}
        absent = {k for k, v in mine.items() if v.absent}
        res = core.compute(batch.level, vals, batch.pass_marks, voids.get(c.id, set()), absent, subjects)
        out.append(CandidateResult(c.ticket_no, c.name, c.sex, c.id_type, c.id_no, c.unit, c.room, vals, res,
                                   certs.get(c.id)))
    return out


class ResultsService(Service):
    # -- the one entry for scores: every road comes here ---------------------------------
    def receive_score(self, uow, road: str, ticket_no: str, subject: str, score, *, absent: bool = False,
                      entered_by: str | None = None, note: str = "") -> bool:
        """The one entry for a score that arrives by a road (``EXTERNAL_ROADS``), inside the caller's
        unit of work: the calling service checked its own role and made the road's proof (the
        signed answers, the chief's signed summary, the door's cut-off).  The road is the score's source.
        Results' rules apply (required subject, an approved batch is not changed, a change during
        review sends the batch back to 'entered').  Returns whether the stored score changed."""
        if road not in EXTERNAL_ROADS:   # 双人复核 and corrections are proven here, by two people
            raise DomainError(f"成绩不能经「{road}」进入成绩")
        return self._record(uow, ticket_no, subject, score, road, absent, entered_by or self.ctx.actor.username, note)

    def _record(self, uow, ticket_no, subject, score, source, absent, entered_by, note="") -> bool:
        s = uow.session
        cand = rc.candidate(s, ticket_no)
        batch = s.get(models.Batch, cand.batch_id)
        if subject not in rc.subjects(s, batch):
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
            return False
        else:
            problem = core.replace_problem(row.source, source)
            if problem:
                raise Conflict(problem)
        row.score, row.absent, row.source = text, absent, source
        row.entered_by, row.entered_at = entered_by, self.ctx.now()
        uow.journal("score.record", ticket_no, {"subject": subject, "before": before,
                                                "after": "缺考" if absent else text, "source": source,
                                                "entered_by": entered_by, "note": note})
        if rev.stage != "entered":
            uow.journal("results.review_reset", batch.plan_no, {"from": rev.stage, "because": ticket_no})
            rev.stage, rev.signatures = "entered", []
        return True

    # -- 双人复核 manual entry ---------------------------------------------------------
    @requires("score.enter")
    def enter_manual(self, ticket_no: str, subject: str, score) -> str:
        """One person's typing of a paper score.  Returns 'waiting', 'mismatch' or 'agreed'.
        The score counts only when a second person typed the same value."""
        text = _typed(ticket_no, score)
        me = self.ctx.actor.username
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            cand = rc.candidate(s, ticket_no)
            batch = s.get(models.Batch, cand.batch_id)
            if subject not in rc.subjects(s, batch):   # refused at the first typing, not at the second
                raise DomainError(f"本批次（{codes.level_label(batch.level)}）没有「{codes.SUBJECTS.get(subject, subject)}」科目")
            if subject == "review" and rc.review_panel(s, batch):
                raise DomainError("本批次设有综合评审组：综合评审成绩由评审组评分签字、组长签署汇总表后转入，不再双人录入")
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
                self._record(uow, ticket_no, subject, None if absent_v else e.first_score, ROAD_DOUBLE_ENTRY,
                             absent_v, f"{e.first_by}+{e.second_by}", "双人复核一致")
            return e.state

    # -- corrections: two people, the same value, each with a reason; the old value kept ---------
    @requires("score.correct")
    def correct_score(self, ticket_no: str, subject: str, score, reason: str) -> str:
        """One person's side of a correction of a recorded score.  Returns 'waiting', 'mismatch'
        or 'applied': it applies only when a second, different person typed the same value with
        their own reason.  The score before is kept in the correction and in the journal."""
        reason = (reason or "").strip()
        if len(reason) < 4:
            raise DomainError("更正成绩须写明理由（至少4个字）")
        text = _typed(ticket_no, score)
        me = self.ctx.actor.username
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            cand = rc.candidate(s, ticket_no)
            row = s.scalars(select(rt.SubjectScore).where(rt.SubjectScore.candidate_id == cand.id,
                                                          rt.SubjectScore.subject == subject)).first()
            problem = core.correction_problem(row.source if row else None)
            if problem:
                raise Conflict(problem)
            now = self.ctx.now()
            c = s.scalars(select(ScoreCorrection).where(ScoreCorrection.candidate_id == cand.id,
                                                        ScoreCorrection.subject == subject,
                                                        ScoreCorrection.state != "applied")).first()
            if c is None:
                c = ScoreCorrection(candidate_id=cand.id, subject=subject, state="waiting", old_score=row.score,
                                    old_absent=row.absent, old_source=row.source, first_by=me, first_value=text,
                                    first_reason=reason, created_at=now)
                s.add(c)
            elif c.first_by == me:
                c.first_value, c.first_reason = text, reason
            elif c.second_by in (None, me):
                c.second_by, c.second_value, c.second_reason = me, text, reason
            else:
                raise Conflict("已有两人录入该更正；请由原录入人之一修改")
            if c.second_value is None:
                c.state = "waiting"
            else:
                c.state = "applied" if c.first_value == c.second_value else "mismatch"
            s.flush()
            uow.journal("score.correct_entry", ticket_no, {"subject": subject, "by": me, "state": c.state,
                                                           "correction": c.id, "reason": reason})
            if c.state == "applied":
                absent = c.first_value == "缺考"
                before = "缺考" if row.absent else row.score
                self._record(uow, ticket_no, subject, None if absent else c.first_value, ROAD_CORRECTION, absent,
                             f"{c.first_by}+{c.second_by}", f"{c.first_reason}；{c.second_reason}")
                c.applied_at = now
                uow.journal("score.corrected", ticket_no, {
                    "subject": subject, "correction": c.id, "before": before, "before_source": c.old_source,
                    "after": c.first_value, "by": [c.first_by, c.second_by],
                    "reasons": [c.first_reason, c.second_reason]})
            return c.state

    @requires("results.view")
    def corrections(self, plan_no: str) -> list[CorrectionView]:
        """Every correction of the batch, the old value beside the new one."""
        with self.ctx.reading() as s:
            b = find_batch(s, plan_no)
            out = []
            for c, cand in s.execute(select(ScoreCorrection, models.Candidate)
                                     .join(models.Candidate, models.Candidate.id == ScoreCorrection.candidate_id)
                                     .where(models.Candidate.batch_id == b.id).order_by(ScoreCorrection.id)):
                shown = c.state != "waiting"
                out.append(CorrectionView(cand.ticket_no, c.subject, c.state,
                                          "缺考" if c.old_absent else c.old_score, c.old_source,
                                          c.first_by, c.first_reason, c.second_by, c.second_reason,
                                          c.first_value if shown else None, c.second_value if shown else None,
                                          c.applied_at))
            return out

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
        check = rc.password_check(self.ctx, actor.username, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rc.reauthenticate(s, actor.username, check, actor.role_value)
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
        check = rc.password_check(self.ctx, actor.username, password)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            rc.reauthenticate(s, actor.username, check)
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
            from app.services.profile import site_profile
            problem = publication_period_problem(site_profile(uow.session), int(n))
            if problem:
                raise DomainError(problem)
            before = rc.put_setting(uow.session, rc.PUBLICATION_WORKDAYS, int(n))
            uow.journal("settings.publication_workdays", "", {"before": before, "after": int(n)})

    @requires("site.configure")
    def add_comprehensive_review(self, plan_no: str) -> bool:
        """The institution adds a 综合评审 to a 技师/高级技师 batch where the profile leaves it optional
        (Henan "技师以上级别可增加综合评审环节" [002 L4065]).  Its score then counts like the other subjects
        and certificates wait for it.  Returns False when the batch already has one."""
        from app.core.profiles import review_applies
        from app.services.profile import site_profile

        with self.ctx.unit_of_work() as uow:
            s = uow.session
            b = find_batch(s, plan_no)
            profile = site_profile(s)
            if b.level not in profile.review_levels:
                raise DomainError(f"{codes.level_label(b.level)}不设综合评审（仅技师、高级技师）")
            if review_applies(profile, b.level, rc.review_added(s, plan_no)):
                return False
            if not core.may_change(rc.review(s, b.id).stage):
                raise Conflict("本批次成绩已复审定稿；须先填写理由重新打开")
            added = sorted({*(rc.setting(s, rc.REVIEW_ADDED) or []), plan_no})
            rc.put_setting(s, rc.REVIEW_ADDED, added)
            uow.journal("results.review_added", plan_no, {"level": b.level, "profile": profile.key})
            return True

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
    records an enrolled terminal signed), recorded inside the caller's transaction: the
    theory-exam road into ``ResultsService.receive_score``.  Not a person's typing, so no
    second typing: the record's signature and the journal entry written here are its trace."""
    if source != ROAD_THEORY_EXAM:
        raise DomainError(f"成绩来源「{source}」不能由系统直接记录")
    ResultsService(uow.ctx).receive_score(uow, ROAD_THEORY_EXAM, ticket_no, subject, score, entered_by=entered_by,
                                          note=note)
