"""The reads every scoring service shares, as plain functions of a session.

They check no role (the calling service did) and write nothing, except ``check_signing_password``
which counts a failed signature toward the account's lockout inside the caller's transaction.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from decimal import Decimal

from sqlalchemy import func, select

from app.core import practical_recheck
from app.core import scoring as rules
from app.core.errors import NotFound, PermissionDenied
from app.services.base import PasswordCheck
from app.services.scoring.views import (
    R_ABSENT,
    R_DISCREPANCY,
    R_FINAL,
    R_PENDING,
    R_RECONCILED,
    GROUP_NAMES,
    PRACTICAL,
    ST_DRAFT,
    ST_SIGNED,
    CandidateResult,
    ConflictView,
    PracticalScore,
    SheetView,
    canonical,
)
from app.store import models
from app.store import scoring_tables as t


# ------------------------------------------------------------ lookups
def template_row(s, batch, subject: str = PRACTICAL) -> t.ScoringTemplate | None:
    return s.scalars(select(t.ScoringTemplate).where(t.ScoringTemplate.batch_id == batch.id,
                                                     t.ScoringTemplate.subject == subject)).first()


def template(s, batch, subject: str = PRACTICAL) -> rules.Template:
    row = template_row(s, batch, subject)
    if row is None:
        what = "评分记录表" if subject == PRACTICAL else "综合评审评分表"
        raise NotFound(f"认定计划「{batch.plan_no}」尚未导入{what}")
    return rules.Template.from_dict(row.definition)


def template_hash(s, batch, subject: str = PRACTICAL) -> str:
    return hashlib.sha256(canonical(template(s, batch, subject).to_dict())).hexdigest()


def candidate(s, batch, ticket_no: str) -> models.Candidate:
    c = s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id,
                                                 models.Candidate.ticket_no == ticket_no)).first()
    if c is None:
        raise NotFound(f"准考证号「{ticket_no}」不在认定计划「{batch.plan_no}」中")
    return c


def candidates(s, batch, by_seat: bool = False) -> list[models.Candidate]:
    order = ((models.Candidate.room, models.Candidate.seat, models.Candidate.ticket_no) if by_seat
             else (models.Candidate.ticket_no,))
    return list(s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id).order_by(*order)))


def staff(s, username: str) -> models.Staff:
    st = s.scalars(select(models.Staff).where(models.Staff.username == username)).first()
    if st is None:
        raise NotFound(f"用户「{username}」不存在")
    return st


def members(s, batch, subject: str = PRACTICAL) -> list[tuple[t.ScoringGroupMember, models.Staff]]:
    return list(s.execute(select(t.ScoringGroupMember, models.Staff)
                          .join(models.Staff, models.Staff.id == t.ScoringGroupMember.staff_id)
                          .where(t.ScoringGroupMember.batch_id == batch.id, t.ScoringGroupMember.subject == subject)
                          .order_by(models.Staff.username)))


def member(s, batch, staff_id: int, subject: str = PRACTICAL) -> t.ScoringGroupMember:
    """The caller's place in the batch's 考评组 (or 综合评审组), or PermissionDenied."""
    m = s.scalars(select(t.ScoringGroupMember).where(t.ScoringGroupMember.batch_id == batch.id,
                                                     t.ScoringGroupMember.subject == subject,
                                                     t.ScoringGroupMember.staff_id == staff_id)).first()
    if m is None:
        raise PermissionDenied(f"您不是认定计划「{batch.plan_no}」{GROUP_NAMES.get(subject, subject)}的成员")
    return m


def started(s, batch, subject: str = PRACTICAL) -> bool:
    return bool(s.scalar(select(func.count()).select_from(t.ScoreSheet).where(t.ScoreSheet.batch_id == batch.id,
                                                                              t.ScoreSheet.subject == subject)))


def sheets(s, candidate_id: int, subject: str = PRACTICAL) -> list[t.ScoreSheet]:
    return list(s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.candidate_id == candidate_id,
                                                     t.ScoreSheet.subject == subject)
                          .order_by(t.ScoreSheet.grader_id, t.ScoreSheet.version)))


def absence(s, candidate_id: int, subject: str = PRACTICAL) -> t.ScoreAbsence | None:
    return s.scalars(select(t.ScoreAbsence).where(t.ScoreAbsence.candidate_id == candidate_id,
                                                  t.ScoreAbsence.subject == subject)).first()


def effective(rows: list[t.ScoreSheet]) -> dict[int, t.ScoreSheet]:
    """grader id -> the latest signed version (or the draft when nothing is signed yet)."""
    out: dict[int, t.ScoreSheet] = {}
    for sh in rows:
        cur = out.get(sh.grader_id)
        if cur is None or (sh.status == ST_SIGNED and (cur.status != ST_SIGNED or sh.version > cur.version)):
            out[sh.grader_id] = sh
    return out


def working(rows: list[t.ScoreSheet], grader_id: int) -> t.ScoreSheet | None:
    """A grader's open correction or draft, else their latest version."""
    mine = [sh for sh in rows if sh.grader_id == grader_id]
    drafts = [sh for sh in mine if sh.status == ST_DRAFT]
    if drafts:
        return drafts[-1]
    return mine[-1] if mine else None


def revealed(group, rows) -> bool:
    """Every member of the group has signed a sheet for the candidate."""
    if not group:
        return False
    signed = {sh.grader_id for sh in rows if sh.status == ST_SIGNED}
    return all(st.id in signed for _, st in group)


def conflicts(s, batch, subject: str = PRACTICAL, candidate=None) -> list[ConflictView]:
    """The group's avoidance (回避) cases, each with the room head's waiver if given (a relation
    and a waiver concern the grader and the candidate, whichever group the grader sits in);
    with ``candidate``, that candidate's only (a sheet arriving from a station)."""
    group = members(s, batch, subject)
    cands = [candidate] if candidate is not None else \
        list(s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)))
    by_id = {c.id: c for c in cands}
    staff_by_id = {st.id: st for _, st in group}
    related = {(staff_by_id[r.staff_id].username, by_id[r.candidate_id].ticket_no)
               for r in s.scalars(select(t.ScoringRelation).where(t.ScoringRelation.batch_id == batch.id))
               if r.staff_id in staff_by_id and r.candidate_id in by_id}
    found = rules.avoidance_conflicts([(st.username, st.unit) for _, st in group],
                                      [(c.ticket_no, c.unit) for c in cands], related)
    waivers = {}
    for w, head in s.execute(select(t.AvoidanceWaiver, models.Staff)
                             .join(models.Staff, models.Staff.id == t.AvoidanceWaiver.allowed_by)
                             .where(t.AvoidanceWaiver.batch_id == batch.id)):
        if w.staff_id in staff_by_id and w.candidate_id in by_id:
            waivers[(staff_by_id[w.staff_id].username, by_id[w.candidate_id].ticket_no)] = (head.name, w.reason)
    names = {st.username: st.name for _, st in group}
    out = []
    for f in found:
        by, why = waivers.get((f.grader, f.ticket_no), ("", ""))
        out.append(ConflictView(f.grader, names[f.grader], f.ticket_no, f.reason, by, why))
    return out


def sheet_view(sh: t.ScoreSheet, tpl: rules.Template, ticket: str, grader: models.Staff) -> SheetView:
    score = rules.score_sheet(tpl, sh.entries)
    return SheetView(sh.id, ticket, grader.username, grader.name, sh.version, sh.status, sh.source,
                     dict(sh.entries), score.total, {k: str(v) for k, v in score.tasks.items()}, score.vetoes,
                     score.failed, score.missing, sh.signed_at, sh.signature, sh.correction_reason,
                     sh.after_reveal, sh.supersedes_id, tuple(sh.typists or ()))


# ------------------------------------------------------------ one candidate's result, the summary
_UNSET = object()


def result(s, batch, tpl, c: models.Candidate, group, rows=None, absent=_UNSET, decision=_UNSET,
           subject: str = PRACTICAL) -> CandidateResult:
    """Status of one candidate; the scores only once every grader signed (blindness)."""
    if absent is _UNSET:
        absent = absence(s, c.id, subject)
    rows = sheets(s, c.id, subject) if rows is None else rows
    signed_ids = {sh.grader_id for sh in rows if sh.status == ST_SIGNED}
    n_signed = sum(1 for _, st in group if st.id in signed_ids)
    if absent is not None:
        return CandidateResult(c.ticket_no, R_ABSENT, None, remark=f"缺考：{absent.reason}",
                               signed=n_signed, graders=len(group))
    if not revealed(group, rows):
        return CandidateResult(c.ticket_no, R_PENDING, None, signed=n_signed, graders=len(group))
    eff = effective(rows)
    by_id = {st.id: st for _, st in group}
    totals = []
    remarks = []
    basis = {}
    for gid, st in by_id.items():
        sc = rules.score_sheet(tpl, eff[gid].entries)
        totals.append((st.username, sc.total))
        basis[st.username] = [eff[gid].id, str(sc.total)]
        if sc.failed:
            remarks.append(f"{st.name}判否决项不合格")
    values = [v for _, v in totals]
    agg = rules.aggregate(values, tpl.rules.aggregation)
    spr = rules.spread(values)
    if rules.discrepant(values, tpl.rules.spread):
        dec = decision if decision is not _UNSET else s.scalars(
            select(t.ScoreDecision).where(t.ScoreDecision.candidate_id == c.id, t.ScoreDecision.subject == subject)
            .order_by(t.ScoreDecision.id.desc())).first()
        if dec is not None and dec.basis == basis:
            return CandidateResult(c.ticket_no, R_RECONCILED, Decimal(dec.score), tuple(totals), spr, agg,
                                   dec.reason, n_signed, len(group), "组长裁定：" + dec.reason)
        return CandidateResult(c.ticket_no, R_DISCREPANCY, None, tuple(totals), spr, agg, "", n_signed,
                               len(group), "；".join(remarks))
    return CandidateResult(c.ticket_no, R_FINAL, agg, tuple(totals), spr, agg, "", n_signed, len(group),
                           "；".join(remarks))


def summary_rows(s, batch, subject: str = PRACTICAL) -> list[PracticalScore]:
    """The group's summary (实操汇总表, 综合评审汇总表) as it stands: one row per candidate, in ticket order."""
    tpl = template(s, batch, subject)
    group = members(s, batch, subject)
    all_sheets: dict[int, list] = {}
    for sh in s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.batch_id == batch.id, t.ScoreSheet.subject == subject)
                        .order_by(t.ScoreSheet.grader_id, t.ScoreSheet.version)):
        all_sheets.setdefault(sh.candidate_id, []).append(sh)
    absences = {a.candidate_id: a for a in s.scalars(select(t.ScoreAbsence).where(t.ScoreAbsence.batch_id == batch.id,
                                                                                  t.ScoreAbsence.subject == subject))}
    decisions = {d.candidate_id: d for d in s.scalars(select(t.ScoreDecision)
                                                      .where(t.ScoreDecision.batch_id == batch.id,
                                                             t.ScoreDecision.subject == subject)
                                                      .order_by(t.ScoreDecision.id))}   # latest wins
    out = []
    for n, c in enumerate(candidates(s, batch), 1):
        r = result(s, batch, tpl, c, group, all_sheets.get(c.id, []), absences.get(c.id), decisions.get(c.id),
                   subject)
        out.append(PracticalScore(n, c.ticket_no, c.name, c.id_no, c.unit, r.score, r.status, r.remark))
    return out


def summary_hash(rows: list[PracticalScore], subject: str = PRACTICAL) -> str:
    """What the group signs (app.core.practical_recheck.summary_sha256 recomputes it)."""
    return practical_recheck.summary_sha256([(r.ticket_no, r.score, r.status) for r in rows], subject)


def chief_signed(s, batch, subject: str = PRACTICAL) -> bool:
    """The chief signed the summary as it stands now."""
    h = summary_hash(summary_rows(s, batch, subject), subject)
    return bool(s.scalars(select(t.SummarySignature).where(t.SummarySignature.batch_id == batch.id,
                                                           t.SummarySignature.subject == subject,
                                                           t.SummarySignature.role == "chief",
                                                           t.SummarySignature.summary_sha256 == h)).first())


# ------------------------------------------------------------ signing
def check_signing_password(uow, ctx, check: PasswordCheck, action: str) -> str | None:
    """Re-entering the password to sign counts toward the same lockout as logging in.

    ``check`` was computed before the transaction (``check_password_early``: Argon2 must
    not hold the write lock); its verdict is applied here to the hash as stored now, and
    the failure is counted here, on the row as it is inside the transaction.  Returns the
    refusal to show, or None."""
    from app.core.site import LOCK_MINUTES, MAX_FAILED_LOGINS

    me = uow.session.get(models.Staff, ctx.actor.staff_id)
    now = ctx.now()
    if me is None or not me.active:
        return "账户不可用，未签字"
    if me.locked_until and me.locked_until > now:
        return "账户已锁定，未签字；请稍后再试或请管理员解锁"
    if not check.holds(me.password_hash):
        me.failed_logins += 1
        if me.failed_logins >= MAX_FAILED_LOGINS:
            me.locked_until = now + _dt.timedelta(minutes=LOCK_MINUTES)
            me.failed_logins = 0
            uow.journal("auth.locked", me.username, {"locked_until": me.locked_until.isoformat(),
                                                     "during": action})
            return f"密码连续错误 {MAX_FAILED_LOGINS} 次，账户已锁定 {LOCK_MINUTES} 分钟，未签字"
        return "密码错误，未签字"
    me.failed_logins = 0
    return None
