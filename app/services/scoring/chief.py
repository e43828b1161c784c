"""The chief grader (考评组长) and the group once sheets are signed: progress, the revealed
sheets, reconciliation of discrepancies, absences, the signed summary (实操汇总表) and its
transfer to results."""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from app.core import results as results_rules
from app.core import practical_recheck
from app.core import scoring as rules
from app.core.errors import Conflict, DomainError, PermissionDenied
from app.core.roles import Role
from app.services.base import Service, check_password_early, find_batch, requires
from app.services.results import ROAD_PRACTICAL_SUMMARY, ROAD_REVIEW_SUMMARY, ResultsService
from app.services.scoring import queries as q
from app.services.scoring.views import (
    R_ABSENT,
    R_DISCREPANCY,
    R_FINAL,
    R_PENDING,
    R_RECONCILED,
    PRACTICAL,
    ST_DRAFT,
    SUMMARY_NAMES,
    ST_NONE,
    ST_SIGNED,
    CandidateResult,
    PracticalScore,
    ProgressRow,
    SheetsSealed,
    SheetView,
    SummarySignatureView,
    canonical,
    signature_problem,
    workstation,
)
from app.store import models
from app.store import results_tables as rt
from app.store import scoring_tables as t


class ChiefGraderService(Service):
    # ------------------------------------------------------------ reading (sealed until all signed)
    @requires("scoring.view")
    def sheets(self, plan_no: str, ticket_no: str, subject: str = PRACTICAL) -> list[SheetView]:
        """Every version of every grader's sheet for one candidate, once all have signed."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            c = q.candidate(s, batch, ticket_no)
            sheets = q.sheets(s, c.id, subject)
            members = q.members(s, batch, subject)
            if not q.revealed(members, sheets):
                raise SheetsSealed("该考生尚有考评员未签字，评分表暂不公开")
            staff = {st.id: st for _, st in members}
            return [q.sheet_view(sh, template, ticket_no, staff.get(sh.grader_id) or s.get(models.Staff, sh.grader_id))
                    for sh in sheets]

    @requires("scoring.view")
    def result(self, plan_no: str, ticket_no: str, subject: str = PRACTICAL) -> CandidateResult:
        """Status of one candidate; scores only once every grader signed."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            return q.result(s, batch, q.template(s, batch, subject), q.candidate(s, batch, ticket_no),
                            q.members(s, batch, subject), subject=subject)

    @requires("scoring.progress")
    def progress(self, plan_no: str, subject: str = PRACTICAL) -> list[ProgressRow]:
        """Live completeness per workstation and grader (statuses only, never scores)."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            members = q.members(s, batch, subject)
            by_cand: dict[int, dict[int, str]] = {}
            for sh in s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.batch_id == batch.id,
                                                           t.ScoreSheet.subject == subject)):
                cur = by_cand.setdefault(sh.candidate_id, {})
                if cur.get(sh.grader_id) != ST_SIGNED:
                    cur[sh.grader_id] = sh.status
            absent = set(s.scalars(select(t.ScoreAbsence.candidate_id).where(t.ScoreAbsence.batch_id == batch.id,
                                                                             t.ScoreAbsence.subject == subject)))
            out = []
            for c in q.candidates(s, batch, by_seat=True):
                st = {m.username: by_cand.get(c.id, {}).get(m.id, ST_NONE) for _, m in members}
                done = members and all(v == ST_SIGNED for v in st.values())
                out.append(ProgressRow(c.ticket_no, workstation(c), st,
                                       R_ABSENT if c.id in absent else (ST_SIGNED if done else ST_DRAFT)))
            return out

    # ------------------------------------------------------------ reconciliation, absence
    @requires("scoring.reconcile")
    def discrepancies(self, plan_no: str, subject: str = PRACTICAL) -> list[CandidateResult]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = q.template(s, batch, subject)
            members = q.members(s, batch, subject)
            out = []
            for c in q.candidates(s, batch):
                r = q.result(s, batch, template, c, members, subject=subject)
                if r.status in (R_DISCREPANCY, R_RECONCILED):
                    out.append(r)
            return out

    @requires("scoring.reconcile")
    def reconcile(self, plan_no: str, ticket_no: str, score: Any, reason: str,
                  subject: str = PRACTICAL) -> CandidateResult:
        """The chief's reasoned decision; the graders' sheets are not touched."""
        problem = rules.decision_problem(score, reason)
        if problem:
            raise DomainError(problem)
        with self.ctx.unit_of_work() as uow:
            return self._decide(uow, plan_no, ticket_no, score, reason, self.ctx.actor.staff_id, subject=subject)

    def _decide(self, uow, plan_no: str, ticket_no: str, score: Any, reason: str, chief_id: int,
                station: str = "", subject: str = PRACTICAL) -> CandidateResult:
        """The decision itself, in the caller's transaction (the master's screen or a station's record)."""
        s = uow.session
        batch = find_batch(s, plan_no)
        template = q.template(s, batch, subject)
        m = q.member(s, batch, chief_id, subject)
        if not m.is_chief:
            raise PermissionDenied("只有本考评组的考评组长可以裁定")
        c = q.candidate(s, batch, ticket_no)
        transferred = _transferred(s, c, subject)
        if transferred and not _results_may_change(s, c):
            raise Conflict(f"该考生的{SUMMARY_NAMES[subject][:-3]}成绩已转入成绩且成绩已复审定稿；"
                           "须由管理员在成绩审核中填写理由重新打开后再裁定")
        members = q.members(s, batch, subject)
        r = q.result(s, batch, template, c, members, subject=subject)
        if r.status not in (R_DISCREPANCY, R_RECONCILED):
            raise Conflict("该考生的评分没有超出分差阈值，无需裁定")
        eff = q.effective(q.sheets(s, c.id, subject))
        basis = {st.username: [eff[st.id].id, str(rules.score_sheet(template, eff[st.id].entries).total)]
                 for _, st in members}
        value = str(Decimal(str(score).strip()).quantize(rules.FINAL_Q))
        s.add(t.ScoreDecision(batch_id=batch.id, subject=subject, candidate_id=c.id, score=value,
                              reason=reason.strip(), basis=basis, chief_id=chief_id, decided_at=self.ctx.now()))
        uow.journal("scoring.reconcile", ticket_no, {**_subject_field(subject), "plan_no": plan_no,
                                                     "score": value, "reason": reason.strip(),
                                                     "basis": basis, "aggregated": str(r.aggregated),
                                                     "spread": str(r.spread),
                                                     **({"station": station} if station else {})})
        s.flush()
        if transferred:
            # already in results: the new decision follows at once, under results' rules (a review in
            # progress goes back to 'entered'), so results never keep a superseded score
            ResultsService(self.ctx).receive_score(uow, ROADS[subject], ticket_no, subject, value,
                                                   note=f"{'考评' if subject == PRACTICAL else '评审'}组长重新裁定"
                                                        f"（{SUMMARY_NAMES[subject]}已转入成绩）")
        return q.result(s, batch, template, c, members, subject=subject)

    # ------------------------------------------------------------ the chief at a grader station (issue 17)
    def revealed_for_station(self, uow, plan_no: str, chief: str, newly: str | None = None) -> list[dict] | None:
        """The values of every candidate whose graders have all signed, for the chief's station
        only (the caller -- the link's applier -- checked the chief's signature).  Nothing of a
        candidate some grader has not signed yet: blindness holds.  With ``newly`` (a ticket):
        None unless that candidate's graders have now all signed, else that candidate alone."""
        s = uow.session
        batch = find_batch(s, plan_no)
        members = q.members(s, batch)
        if not any(m.is_chief and st.username == chief for m, st in members):
            raise PermissionDenied("只有本考评组的考评组长可以查看已公开的评分表")
        if newly is not None and not q.revealed(members, q.sheets(s, q.candidate(s, batch, newly).id)):
            return None
        template = q.template(s, batch)
        names = {st.username: st.name for _, st in members}
        out = []
        # with ``newly``: that candidate alone (the station adds it to what it holds), so the work
        # under the link's write lock does not grow with the batch (sending all each time did)
        cands = [q.candidate(s, batch, newly)] if newly is not None else q.candidates(s, batch, by_seat=True)
        for c in cands:
            rows = q.sheets(s, c.id)
            if not q.revealed(members, rows):
                continue
            r = q.result(s, batch, template, c, members, rows=rows)
            eff = q.effective(rows)
            out.append({"ticket_no": c.ticket_no, "status": r.status,
                        "score": None if r.score is None else str(r.score),
                        "aggregated": None if r.aggregated is None else str(r.aggregated),
                        "spread": None if r.spread is None else str(r.spread), "reason": r.decision_reason,
                        "sheets": [{"grader": st.username, "name": names[st.username], "total": eff[st.id].total,
                                    "entries": eff[st.id].entries} for _, st in members]})
        uow.journal("scoring.revealed_to_station", plan_no, {"chief": chief, "candidates": len(out)})
        return out

    def receive_reconciliation(self, uow, *, station: str, plan_no: str, ticket_no: str, chief: str, score: Any,
                               reason: str) -> CandidateResult:
        """The chief's decision made at a grader station (the caller checked the chief's
        signature): the same rules as ``reconcile`` on the master, in the link's transaction."""
        problem = rules.decision_problem(score, reason)
        if problem:
            raise DomainError(problem)
        return self._decide(uow, plan_no, ticket_no, score, reason, q.staff(uow.session, chief).id, station)

    @requires("scoring.reconcile")
    def mark_absent(self, plan_no: str, ticket_no: str, reason: str = "未参加实操考核", subject: str = PRACTICAL) -> None:
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            q.member(s, batch, self.ctx.actor.staff_id, subject)
            c = q.candidate(s, batch, ticket_no)
            if any(sh.status == ST_SIGNED for sh in q.sheets(s, c.id, subject)):
                raise Conflict("该考生已有签字的评分表，不能登记缺考")
            if q.absence(s, c.id, subject):
                return
            s.add(t.ScoreAbsence(batch_id=batch.id, subject=subject, candidate_id=c.id, reason=reason.strip() or "缺考",
                                 recorded_by=self.ctx.actor.staff_id, recorded_at=self.ctx.now()))
            uow.journal("scoring.absent", ticket_no, {**_subject_field(subject), "plan_no": plan_no, "reason": reason})

    # ------------------------------------------------------------ summary and its transfer to results
    @requires("scoring.summary")
    def practical_summary(self, plan_no: str, subject: str = PRACTICAL) -> list[PracticalScore]:
        """Per candidate: the final practical score (None until final), status and remark."""
        with self.ctx.reading() as s:
            return q.summary_rows(s, find_batch(s, plan_no), subject)

    @requires("scoring.grade")
    def sign_summary(self, plan_no: str, password: str, signature_png: bytes,
                     subject: str = PRACTICAL) -> SummarySignatureView:
        """考评组长 (in the chief role) or 考评组成员 signs the current summary."""
        problem = signature_problem(signature_png)
        if problem:
            raise DomainError(problem)
        check = check_password_early(self.ctx, password, staff_id=self.ctx.actor.staff_id)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            m = q.member(s, batch, self.ctx.actor.staff_id, subject)
            rows = q.summary_rows(s, batch, subject)
            open_rows = [r.ticket_no for r in rows if r.status in (R_PENDING, R_DISCREPANCY)]
            if open_rows:
                raise Conflict(f"尚有 {len(open_rows)} 名考生的成绩未确定（如 {open_rows[0]}），不能签署汇总表")
            failure = q.check_signing_password(uow, self.ctx, check, "sign_summary")
            if failure:
                uow.journal("scoring.sign_refused", plan_no, {"reason": "password", "what": "summary"})
            else:
                role = "chief" if (m.is_chief and self.ctx.actor.role_value == Role.CHIEF_GRADER.value) else "member"
                h = q.summary_hash(rows, subject)
                if s.scalars(select(t.SummarySignature).where(t.SummarySignature.batch_id == batch.id,
                                                              t.SummarySignature.subject == subject,
                                                              t.SummarySignature.staff_id == m.staff_id,
                                                              t.SummarySignature.summary_sha256 == h)).first():
                    raise Conflict("您已签署过当前汇总表")
                now = self.ctx.now()
                s.add(t.SummarySignature(batch_id=batch.id, subject=subject, staff_id=m.staff_id, role=role,
                                         summary_sha256=h,
                                         signature=signature_png, signed_at=now))
                uow.journal("scoring.summary_sign", plan_no, {**_subject_field(subject), "role": role,
                                                              "summary_sha256": h,
                                                              "signature_sha256": hashlib.sha256(signature_png).hexdigest(),
                                                              "candidates": len(rows)})
                if role == "chief":
                    self._transfer_to_results(uow, batch, rows, h, subject)
                return SummarySignatureView(self.ctx.actor.username, self.ctx.actor.name, role, now, True, signature_png)
        raise PermissionDenied(failure)

    def _transfer_to_results(self, uow, batch, rows: list[PracticalScore], summary_sha256: str,
                             subject: str = PRACTICAL) -> int:
        """The chief's signature hands the summary to results, in the signature's transaction.

        Every final/reconciled score arrives by the group's summary road (practical-summary, or
        review-summary for the 综合评审 panel), absent candidates as
        absent.  Results' entry is idempotent (an unchanged score writes nothing) and applies
        results' rules: once the batch's results are approved it refuses, and the signature is
        rolled back with it.  Returns how many scores changed."""
        results = ResultsService(self.ctx)
        changed = []
        for r in rows:
            if r.status not in (R_FINAL, R_RECONCILED, R_ABSENT):
                continue
            absent = r.status == R_ABSENT
            try:
                if results.receive_score(uow, ROADS[subject], r.ticket_no, subject,
                                         None if absent else r.score, absent=absent,
                                         note=f"{SUMMARY_NAMES[subject]} {summary_sha256[:12]}"):
                    changed.append(r.ticket_no)
            except Conflict as exc:
                raise Conflict(f"{SUMMARY_NAMES[subject][:-3]}成绩不能转入成绩（考生 {r.ticket_no}）：{exc}") from None
        uow.journal("scoring.transfer", batch.plan_no, {**_subject_field(subject), "summary_sha256": summary_sha256,
                                                        "changed": changed,
                                                         "candidates": sum(r.status in (R_FINAL, R_RECONCILED, R_ABSENT)
                                                                           for r in rows)})
        return len(changed)

    @requires("scoring.summary")
    def summary_signatures(self, plan_no: str, subject: str = PRACTICAL) -> list[SummarySignatureView]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            h = q.summary_hash(q.summary_rows(s, batch, subject))
            return [SummarySignatureView(st.username, st.name, sig.role, sig.signed_at, sig.summary_sha256 == h,
                                         sig.signature)
                    for sig, st in s.execute(select(t.SummarySignature, models.Staff)
                                             .join(models.Staff, models.Staff.id == t.SummarySignature.staff_id)
                                             .where(t.SummarySignature.batch_id == batch.id,
                                                    t.SummarySignature.subject == subject)
                                             .order_by(t.SummarySignature.id))]

    @requires("scoring.summary")
    def verify_sheets(self, plan_no: str, subject: str = PRACTICAL) -> list[str]:
        """Every signed sheet against the hash recorded in the journal when it was signed.
        Returns the problems found (empty when every sheet is as signed)."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            recorded: dict[int, str] = {}
            for payload in s.scalars(select(models.JournalEntry.payload).where(
                    models.JournalEntry.action.in_(("scoring.sheet_sign", "scoring.paper_agreed",
                                                 "scoring.sheet_import")))):
                p = json.loads(payload)
                recorded[p.get("sheet")] = p.get("content_sha256")
            template_sha256 = q.template_hash(s, batch, subject)
            problems = []
            for sh, c, g in s.execute(select(t.ScoreSheet, models.Candidate, models.Staff)
                                      .join(models.Candidate, models.Candidate.id == t.ScoreSheet.candidate_id)
                                      .join(models.Staff, models.Staff.id == t.ScoreSheet.grader_id)
                                      .where(t.ScoreSheet.batch_id == batch.id, t.ScoreSheet.subject == subject,
                                             t.ScoreSheet.status == ST_SIGNED)):
                if sh.source == "paper":
                    content = {"plan_no": plan_no, "ticket_no": c.ticket_no, "grader": g.username,
                               "entries": sh.entries, "total": sh.total, "typists": sh.typists, "source": "paper"}
                    content = practical_recheck.with_subject(content, subject)
                else:
                    content = {"sheet": sh.detail.get("origin_sheet", sh.id), "plan_no": plan_no,
                               "ticket_no": c.ticket_no, "grader": g.username,
                               "version": sh.version, "entries": sh.entries, "total": sh.total,
                               "template": template_sha256,
                               "signature_sha256": hashlib.sha256(sh.signature or b"").hexdigest(),
                               "supersedes": sh.detail.get("origin_supersedes", sh.supersedes_id),
                               "correction_reason": sh.correction_reason}
                    content = practical_recheck.with_subject(content, subject)
                found = hashlib.sha256(canonical(content)).hexdigest()
                if found != sh.content_sha256 or recorded.get(sh.id) != found:
                    problems.append(f"考生「{c.ticket_no}」考评员「{g.name}」第 {sh.version} 版评分表与签字时的记录不符")
            return problems


ROADS = {PRACTICAL: ROAD_PRACTICAL_SUMMARY, "review": ROAD_REVIEW_SUMMARY}   # the group's summary -> results


def _subject_field(subject: str) -> dict:
    return {} if subject == PRACTICAL else {"subject": subject}


def _transferred(s, candidate: models.Candidate, subject: str = PRACTICAL) -> bool:
    """True when the group's summary already handed this candidate's score to results."""
    return s.scalars(select(rt.SubjectScore.id).where(rt.SubjectScore.candidate_id == candidate.id,
                                                      rt.SubjectScore.subject == subject,
                                                      rt.SubjectScore.source == ROADS[subject])).first() is not None


def _results_may_change(s, candidate: models.Candidate) -> bool:
    rev = s.get(rt.ResultReview, candidate.batch_id)
    return rev is None or results_rules.may_change(rev.stage)
