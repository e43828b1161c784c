"""Practical scoring (实操评分): templates, the grader group, blind sheets, signatures,
reconciliation, paper double entry, work-piece photos, completeness and the summary.

Blindness: the values of a grader's sheet are readable by that grader alone until every
member of the group has signed a sheet for that candidate ("revealed").  No method here
returns another grader's values, a candidate's totals, or a summary score before then.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

import cv2
import numpy as np
from sqlalchemy import func, select

from app.core import codes
from app.core import scoring as rules
from app.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from app.core.roles import Role, assignment_conflict
from app.formats import xlsx
from app.services.base import PasswordCheck, Service, check_password_early, find_batch, requires
from app.store import models
from app.store import scoring_tables as t

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_SIGNATURE_BYTES = 512 * 1024
EXCHANGE_FORMAT = "examsite-scoring-sheets/1"
EXCHANGE_MAGIC = b"EXSCORE1"

ST_NONE, ST_DRAFT, ST_SIGNED = "none", "draft", "signed"
STATUS_NAMES = {ST_NONE: "未开始", ST_DRAFT: "评分中", ST_SIGNED: "已签字"}

R_PENDING, R_FINAL, R_DISCREPANCY, R_RECONCILED, R_ABSENT = "pending", "final", "discrepancy", "reconciled", "absent"
RESULT_NAMES = {R_PENDING: "评分未完成", R_FINAL: "已汇总", R_DISCREPANCY: "分差超限待裁定",
                R_RECONCILED: "组长已裁定", R_ABSENT: "缺考"}


class SheetsSealed(PermissionDenied):
    """Another grader's sheet asked for before every grader signed."""


# ---------------------------------------------------------------- views

@dataclass(frozen=True)
class GroupView:
    plan_no: str
    members: tuple[tuple[str, str, str], ...]  # (username, name, unit)
    chief: str | None
    locked: bool


@dataclass(frozen=True)
class ConflictView:
    grader: str
    grader_name: str
    ticket_no: str
    reason: str
    allowed_by: str = ""
    allow_reason: str = ""

    @property
    def resolved(self) -> bool:
        return bool(self.allowed_by)


@dataclass(frozen=True)
class StationRow:
    ticket_no: str
    workstation: str
    name: str          # "" unless the template shows names
    status: str        # none | draft | signed
    scored: int
    items: int
    conflict: str = ""


@dataclass(frozen=True)
class SheetView:
    id: int
    ticket_no: str
    grader: str
    grader_name: str
    version: int
    status: str
    source: str
    entries: dict[str, Any]
    total: Decimal | None
    tasks: dict[str, str]
    vetoes: tuple[str, ...]
    failed: bool
    missing: tuple[str, ...]
    signed_at: Any = None
    signature: bytes | None = None
    correction_reason: str = ""
    after_reveal: bool = False
    supersedes: int | None = None
    typists: tuple[str, ...] = ()


@dataclass(frozen=True)
class CandidateResult:
    ticket_no: str
    status: str
    score: Decimal | None
    totals: tuple[tuple[str, Decimal], ...] = ()   # (grader username, total) once revealed
    spread: Decimal | None = None
    aggregated: Decimal | None = None
    decision_reason: str = ""
    signed: int = 0
    graders: int = 0
    remark: str = ""


@dataclass(frozen=True)
class PracticalScore:
    """One row of the practical summary, for results (issue 8)."""

    seq: int
    ticket_no: str
    name: str
    id_no: str
    unit: str
    score: Decimal | None
    status: str
    remark: str = ""


@dataclass(frozen=True)
class ProgressRow:
    ticket_no: str
    workstation: str
    statuses: dict[str, str]   # grader username -> none | draft | signed
    result: str


@dataclass(frozen=True)
class PaperStatus:
    mine_saved: bool
    mine_complete: bool
    others: int
    mismatches: tuple[str, ...]
    agreed: bool
    sheet_id: int | None = None


@dataclass(frozen=True)
class PhotoView:
    id: int
    ticket_no: str
    note: str
    taken_by: str
    taken_at: Any
    sha256: str
    size: int


@dataclass(frozen=True)
class SummarySignatureView:
    username: str
    name: str
    role: str
    signed_at: Any
    valid: bool
    signature: bytes = field(repr=False, default=b"")


# ---------------------------------------------------------------- helpers

def _workstation(c: models.Candidate) -> str:
    return f"{c.room} {c.seat}".strip() if c.seat else (c.room or "")


def _canonical(obj) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def _digest(obj) -> str:
    return hashlib.sha256(_canonical(obj)).hexdigest()


def _signature_problem(png: bytes) -> str | None:
    if not png or not png.startswith(b"\x89PNG\r\n\x1a\n"):
        return "签名须为手写签名图像（PNG）"
    if len(png) > MAX_SIGNATURE_BYTES:
        return "签名图像过大"
    img = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    if img is None:
        return "签名图像无法识别"
    ink = int((img < 128).sum())
    if ink < 30:
        return "签名为空，请手写签名"
    if ink > img.size * 0.6:
        return "签名图像无效"
    return None


class ScoringService(Service):
    # ------------------------------------------------------------ lookups
    def _template_row(self, s, batch) -> t.ScoringTemplate | None:
        return s.scalars(select(t.ScoringTemplate).where(t.ScoringTemplate.batch_id == batch.id)).first()

    def _template(self, s, batch) -> rules.Template:
        row = self._template_row(s, batch)
        if row is None:
            raise NotFound(f"认定计划「{batch.plan_no}」尚未导入评分记录表")
        return rules.Template.from_dict(row.definition)

    def _candidate(self, s, batch, ticket_no: str) -> models.Candidate:
        c = s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id,
                                                     models.Candidate.ticket_no == ticket_no)).first()
        if c is None:
            raise NotFound(f"准考证号「{ticket_no}」不在认定计划「{batch.plan_no}」中")
        return c

    def _staff(self, s, username: str) -> models.Staff:
        st = s.scalars(select(models.Staff).where(models.Staff.username == username)).first()
        if st is None:
            raise NotFound(f"用户「{username}」不存在")
        return st

    def _members(self, s, batch) -> list[tuple[t.ScoringGroupMember, models.Staff]]:
        return list(s.execute(select(t.ScoringGroupMember, models.Staff)
                              .join(models.Staff, models.Staff.id == t.ScoringGroupMember.staff_id)
                              .where(t.ScoringGroupMember.batch_id == batch.id).order_by(models.Staff.username)))

    def _me(self, s, batch) -> t.ScoringGroupMember:
        m = s.scalars(select(t.ScoringGroupMember).where(t.ScoringGroupMember.batch_id == batch.id,
                                                         t.ScoringGroupMember.staff_id == self.ctx.actor.staff_id)).first()
        if m is None:
            raise PermissionDenied(f"您不是认定计划「{batch.plan_no}」考评组的成员")
        return m

    def _started(self, s, batch) -> bool:
        return bool(s.scalar(select(func.count()).select_from(t.ScoreSheet).where(t.ScoreSheet.batch_id == batch.id)))

    def _sheets(self, s, candidate_id: int) -> list[t.ScoreSheet]:
        return list(s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.candidate_id == candidate_id)
                              .order_by(t.ScoreSheet.grader_id, t.ScoreSheet.version)))

    @staticmethod
    def _effective(sheets: list[t.ScoreSheet]) -> dict[int, t.ScoreSheet]:
        """grader id -> the latest signed version (or the draft when nothing is signed yet)."""
        out: dict[int, t.ScoreSheet] = {}
        for sh in sheets:
            cur = out.get(sh.grader_id)
            if cur is None or (sh.status == ST_SIGNED and (cur.status != ST_SIGNED or sh.version > cur.version)):
                out[sh.grader_id] = sh
        return out

    @staticmethod
    def _working(sheets: list[t.ScoreSheet], grader_id: int) -> t.ScoreSheet | None:
        mine = [sh for sh in sheets if sh.grader_id == grader_id]
        drafts = [sh for sh in mine if sh.status == ST_DRAFT]
        if drafts:
            return drafts[-1]
        return mine[-1] if mine else None

    def _revealed(self, members, sheets) -> bool:
        if not members:
            return False
        signed = {sh.grader_id for sh in sheets if sh.status == ST_SIGNED}
        return all(st.id in signed for _, st in members)

    def _conflicts(self, s, batch) -> list[ConflictView]:
        members = self._members(s, batch)
        cands = list(s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)))
        by_id = {c.id: c for c in cands}
        staff_by_id = {st.id: st for _, st in members}
        related = {(staff_by_id[r.staff_id].username, by_id[r.candidate_id].ticket_no)
                   for r in s.scalars(select(t.ScoringRelation).where(t.ScoringRelation.batch_id == batch.id))
                   if r.staff_id in staff_by_id and r.candidate_id in by_id}
        found = rules.avoidance_conflicts([(st.username, st.unit) for _, st in members],
                                          [(c.ticket_no, c.unit) for c in cands], related)
        waivers = {}
        for w, head in s.execute(select(t.AvoidanceWaiver, models.Staff)
                                 .join(models.Staff, models.Staff.id == t.AvoidanceWaiver.allowed_by)
                                 .where(t.AvoidanceWaiver.batch_id == batch.id)):
            if w.staff_id in staff_by_id and w.candidate_id in by_id:
                waivers[(staff_by_id[w.staff_id].username, by_id[w.candidate_id].ticket_no)] = (head.name, w.reason)
        names = {st.username: st.name for _, st in members}
        out = []
        for f in found:
            by, why = waivers.get((f.grader, f.ticket_no), ("", ""))
            out.append(ConflictView(f.grader, names[f.grader], f.ticket_no, f.reason, by, why))
        return out

    def _view(self, s, sh: t.ScoreSheet, template: rules.Template, ticket: str, grader: models.Staff,
              typists: tuple[str, ...] = ()) -> SheetView:
        score = rules.score_sheet(template, sh.entries)
        return SheetView(sh.id, ticket, grader.username, grader.name, sh.version, sh.status, sh.source,
                         dict(sh.entries), score.total, {k: str(v) for k, v in score.tasks.items()}, score.vetoes,
                         score.failed, score.missing, sh.signed_at, sh.signature, sh.correction_reason,
                         sh.after_reveal, sh.supersedes_id, tuple(sh.typists or ()))

    _UNSET = object()

    def _result(self, s, batch, template, c: models.Candidate, members, sheets=None, absent=_UNSET,
                decision=_UNSET) -> CandidateResult:
        if absent is self._UNSET:
            absent = s.scalars(select(t.ScoreAbsence).where(t.ScoreAbsence.candidate_id == c.id)).first()
        sheets = self._sheets(s, c.id) if sheets is None else sheets
        signed_ids = {sh.grader_id for sh in sheets if sh.status == ST_SIGNED}
        n_signed = sum(1 for _, st in members if st.id in signed_ids)
        if absent is not None:
            return CandidateResult(c.ticket_no, R_ABSENT, None, remark=f"缺考：{absent.reason}",
                                   signed=n_signed, graders=len(members))
        if not self._revealed(members, sheets):
            return CandidateResult(c.ticket_no, R_PENDING, None, signed=n_signed, graders=len(members))
        eff = self._effective(sheets)
        by_id = {st.id: st for _, st in members}
        totals = []
        remarks = []
        basis = {}
        for gid, st in by_id.items():
            sc = rules.score_sheet(template, eff[gid].entries)
            totals.append((st.username, sc.total))
            basis[st.username] = [eff[gid].id, str(sc.total)]
            if sc.failed:
                remarks.append(f"{st.name}判否决项不合格")
        values = [v for _, v in totals]
        agg = rules.aggregate(values, template.rules.aggregation)
        spr = rules.spread(values)
        if rules.discrepant(values, template.rules.spread):
            dec = decision if decision is not self._UNSET else s.scalars(
                select(t.ScoreDecision).where(t.ScoreDecision.candidate_id == c.id)
                .order_by(t.ScoreDecision.id.desc())).first()
            if dec is not None and dec.basis == basis:
                return CandidateResult(c.ticket_no, R_RECONCILED, Decimal(dec.score), tuple(totals), spr, agg,
                                       dec.reason, n_signed, len(members), "组长裁定：" + dec.reason)
            return CandidateResult(c.ticket_no, R_DISCREPANCY, None, tuple(totals), spr, agg, "", n_signed,
                                   len(members), "；".join(remarks))
        return CandidateResult(c.ticket_no, R_FINAL, agg, tuple(totals), spr, agg, "", n_signed, len(members),
                               "；".join(remarks))

    def _summary_rows(self, s, batch) -> list[PracticalScore]:
        template = self._template(s, batch)
        members = self._members(s, batch)
        cands = list(s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                               .order_by(models.Candidate.ticket_no)))
        all_sheets: dict[int, list] = {}
        for sh in s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.batch_id == batch.id)
                            .order_by(t.ScoreSheet.grader_id, t.ScoreSheet.version)):
            all_sheets.setdefault(sh.candidate_id, []).append(sh)
        absences = {a.candidate_id: a for a in s.scalars(select(t.ScoreAbsence).where(t.ScoreAbsence.batch_id == batch.id))}
        decisions = {d.candidate_id: d for d in s.scalars(select(t.ScoreDecision)
                                                          .where(t.ScoreDecision.batch_id == batch.id)
                                                          .order_by(t.ScoreDecision.id))}   # latest wins
        out = []
        for n, c in enumerate(cands, 1):
            r = self._result(s, batch, template, c, members, all_sheets.get(c.id, []), absences.get(c.id),
                             decisions.get(c.id))
            out.append(PracticalScore(n, c.ticket_no, c.name, c.id_no, c.unit, r.score, r.status, r.remark))
        return out

    @staticmethod
    def _summary_hash(rows: list[PracticalScore]) -> str:
        return hashlib.sha256(_canonical([(r.ticket_no, str(r.score), r.status) for r in rows])).hexdigest()

    def _chief_signed(self, s, batch) -> bool:
        rows = self._summary_rows(s, batch)
        h = self._summary_hash(rows)
        return bool(s.scalars(select(t.SummarySignature).where(t.SummarySignature.batch_id == batch.id,
                                                               t.SummarySignature.role == "chief",
                                                               t.SummarySignature.summary_sha256 == h)).first())

    def _check_password(self, uow, check: PasswordCheck, action: str) -> str | None:
        """Re-entering the password to sign counts toward the same lockout as logging in.

        ``check`` was computed before the transaction (``check_password_early``: Argon2 must
        not hold the write lock); its verdict is applied here to the hash as stored now, and
        the failure is counted here, on the row as it is inside the transaction."""
        from app.services.site import LOCK_MINUTES, MAX_FAILED_LOGINS

        me = uow.session.get(models.Staff, self.ctx.actor.staff_id)
        now = self.ctx.now()
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

    # ------------------------------------------------------------ template
    @requires("scoring.template")
    def import_template(self, plan_no: str, path: Path | str) -> rules.Template:
        """All or nothing; replaceable until the first sheet of the batch is saved."""
        path = Path(path)
        template = rules.parse_template(xlsx.read_workbook(path))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            if self._started(s, batch):
                raise Conflict("评分已开始，不能更换评分记录表")
            members = self._members(s, batch)
            if members:
                problem = rules.group_problem([st.username for _, st in members],
                                              next((st.username for m, st in members if m.is_chief), ""), template.rules)
                if problem:
                    raise DomainError(f"评分记录表与现有考评组不符：{problem}")
            row = self._template_row(s, batch)
            before = row.file_sha256 if row else None
            if row is None:
                row = t.ScoringTemplate(batch_id=batch.id)
                s.add(row)
            row.title, row.definition, row.file_sha256, row.created_at = (template.title, template.to_dict(), digest,
                                                                          self.ctx.now())
            uow.journal("scoring.template", plan_no, {"file": path.name, "file_sha256": digest, "replaced": before,
                                                      "definition_sha256": hashlib.sha256(
                                                          _canonical(template.to_dict())).hexdigest(),
                                                      "tasks": len(template.tasks), "items": len(template.items())})
        return template

    @requires("scoring.view")
    def batches(self) -> list[tuple[str, str]]:
        """Batches that have a scoring template: (plan_no, label)."""
        with self.ctx.reading() as s:
            rows = s.execute(select(models.Batch, t.ScoringTemplate.title)
                             .join(t.ScoringTemplate, t.ScoringTemplate.batch_id == models.Batch.id)
                             .order_by(models.Batch.exam_start))
            return [(b.plan_no, f"{codes.batch_label(b.plan_no, b.occupation_name, b.level, b.work_type)} — {title}")
                    for b, title in rows]

    @requires("scoring.view")
    def template(self, plan_no: str) -> rules.Template:
        with self.ctx.reading() as s:
            return self._template(s, find_batch(s, plan_no))

    # ------------------------------------------------------------ group and avoidance
    @requires("scoring.group")
    def set_group(self, plan_no: str, members: list[str], chief: str) -> list[ConflictView]:
        """Form (or, before scoring starts, re-form) the 考评组.  Returns the avoidance
        conflicts it raises; they must be resolved before scoring starts."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            if self._started(s, batch):
                raise Conflict("评分已开始，考评组已锁定，不能更改")
            row = self._template_row(s, batch)
            r = rules.Template.from_dict(row.definition).rules if row else rules.Rules()
            problem = rules.group_problem(members, chief, r)
            if problem:
                raise DomainError(problem)
            staff = {u: self._staff(s, u) for u in members}
            for u, st in staff.items():
                if not st.active:
                    raise DomainError(f"「{st.name}」的账户已停用")
                want = {Role.GRADER.value, Role.CHIEF_GRADER.value} if u == chief else {Role.GRADER.value}
                if u == chief and Role.CHIEF_GRADER.value not in st.roles:
                    raise DomainError(f"「{st.name}」的账户没有「考评组长」角色")
                if not ({Role.GRADER.value, Role.CHIEF_GRADER.value} & set(st.roles)):
                    raise DomainError(f"「{st.name}」的账户没有「考评员」角色")
                existing = {Role(a.role) for a in s.scalars(select(models.BatchAssignment).where(
                    models.BatchAssignment.batch_id == batch.id, models.BatchAssignment.staff_id == st.id))}
                for role in sorted(want):
                    if Role(role) in existing:
                        continue
                    p = assignment_conflict(existing, Role(role))
                    if p:
                        raise Conflict(f"「{st.name}」：{p}")
                    if role in st.roles:
                        s.add(models.BatchAssignment(batch_id=batch.id, staff_id=st.id, role=role))
                        existing.add(Role(role))
            new_ids = {st.id for st in staff.values()}
            chief_id = staff[chief].id
            for m in s.scalars(select(t.ScoringGroupMember).where(t.ScoringGroupMember.batch_id == batch.id)):
                s.delete(m)
            # the batch's grading assignments are the group: drop those of people no longer in it
            for a in s.scalars(select(models.BatchAssignment).where(
                    models.BatchAssignment.batch_id == batch.id,
                    models.BatchAssignment.role.in_((Role.GRADER.value, Role.CHIEF_GRADER.value)))):
                if a.staff_id not in new_ids or (a.role == Role.CHIEF_GRADER.value and a.staff_id != chief_id):
                    s.delete(a)
            s.flush()
            for u, st in staff.items():
                s.add(t.ScoringGroupMember(batch_id=batch.id, staff_id=st.id, is_chief=(u == chief)))
            s.flush()
            conflicts = self._conflicts(s, batch)
            uow.journal("scoring.group", plan_no, {"members": sorted(members), "chief": chief,
                                                   "conflicts": [[c.grader, c.ticket_no, c.reason] for c in conflicts]})
            return conflicts

    @requires("scoring.view")
    def group(self, plan_no: str) -> GroupView:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            members = self._members(s, batch)
            return GroupView(plan_no, tuple((st.username, st.name, st.unit) for _, st in members),
                             next((st.username for m, st in members if m.is_chief), None), self._started(s, batch))

    @requires("scoring.group")
    def declare_relation(self, plan_no: str, username: str, ticket_no: str, note: str) -> None:
        """Record that a grader is related to a candidate (亲属、师徒、同一培训班 …)."""
        if not note.strip():
            raise DomainError("请写明利害关系")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            st, c = self._staff(s, username), self._candidate(s, batch, ticket_no)
            if s.scalars(select(t.ScoringRelation).where(t.ScoringRelation.batch_id == batch.id,
                                                         t.ScoringRelation.staff_id == st.id,
                                                         t.ScoringRelation.candidate_id == c.id)).first():
                return
            s.add(t.ScoringRelation(batch_id=batch.id, staff_id=st.id, candidate_id=c.id, note=note.strip()))
            uow.journal("scoring.relation", plan_no, {"username": username, "ticket_no": ticket_no, "note": note})

    @requires("scoring.view")
    def avoidance(self, plan_no: str) -> list[ConflictView]:
        with self.ctx.reading() as s:
            return self._conflicts(s, find_batch(s, plan_no))

    @requires("scoring.avoidance")
    def allow_avoidance(self, plan_no: str, username: str, ticket_no: str, reason: str) -> None:
        """The room head lets a flagged grader score the candidate, with a written reason."""
        if len(reason.strip()) < 4:
            raise DomainError("请写明允许的理由（至少 4 个字）")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            st, c = self._staff(s, username), self._candidate(s, batch, ticket_no)
            if not any(x.grader == username and x.ticket_no == ticket_no for x in self._conflicts(s, batch)):
                raise DomainError("该考评员与该考生之间没有需回避的情形")
            if s.scalars(select(t.AvoidanceWaiver).where(t.AvoidanceWaiver.batch_id == batch.id,
                                                         t.AvoidanceWaiver.staff_id == st.id,
                                                         t.AvoidanceWaiver.candidate_id == c.id)).first():
                raise Conflict("已允许过")
            s.add(t.AvoidanceWaiver(batch_id=batch.id, staff_id=st.id, candidate_id=c.id, reason=reason.strip(),
                                    allowed_by=self.ctx.actor.staff_id, allowed_at=self.ctx.now()))
            uow.journal("scoring.avoidance_allow", plan_no, {"username": username, "ticket_no": ticket_no,
                                                             "reason": reason.strip()})

    # ------------------------------------------------------------ grader station
    @requires("scoring.grade")
    def station(self, plan_no: str) -> list[StationRow]:
        """The candidates this grader scores: ticket and workstation, own progress only."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            me = self._me(s, batch)
            conflicts = {c.ticket_no: c.reason for c in self._conflicts(s, batch)
                         if c.grader == self.ctx.actor.username and not c.resolved}
            mine: dict[int, list] = {}
            for sh in s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.batch_id == batch.id,
                                                           t.ScoreSheet.grader_id == me.staff_id)
                                .order_by(t.ScoreSheet.version)):
                mine.setdefault(sh.candidate_id, []).append(sh)
            out = []
            n_items = len(template.items())
            for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                               .order_by(models.Candidate.room, models.Candidate.seat, models.Candidate.ticket_no)):
                sheets = mine.get(c.id, [])
                w = self._working(sheets, me.staff_id)
                status = ST_NONE if w is None else w.status
                scored = n_items - len(rules.score_sheet(template, w.entries).missing) if w else 0
                out.append(StationRow(c.ticket_no, _workstation(c), c.name if template.rules.show_names else "",
                                      status, scored, n_items, conflicts.get(c.ticket_no, "")))
            return out

    @requires("scoring.grade")
    def my_sheet(self, plan_no: str, ticket_no: str) -> SheetView | None:
        """The caller's own working sheet (open correction, else latest version)."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            self._me(s, batch)
            c = self._candidate(s, batch, ticket_no)
            w = self._working(self._sheets(s, c.id), self.ctx.actor.staff_id)
            return None if w is None else self._view(s, w, template, ticket_no, s.get(models.Staff, w.grader_id))

    @requires("scoring.grade")
    def save_sheet(self, plan_no: str, ticket_no: str, entries: Mapping[str, Any]) -> SheetView:
        """Save the caller's draft (every keystroke may come here; nothing is lost)."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            me = self._me(s, batch)
            c = self._candidate(s, batch, ticket_no)
            if s.scalars(select(t.ScoreAbsence).where(t.ScoreAbsence.candidate_id == c.id)).first():
                raise Conflict(f"考生「{ticket_no}」已登记缺考")
            sheets = self._sheets(s, c.id)
            w = self._working(sheets, me.staff_id)
            cleaned = rules.clean_entries(template, entries)
            now = self.ctx.now()
            if w is not None and w.status == ST_SIGNED:
                raise Conflict("评分表已签字，不能修改；如需更正请发起更正并写明理由")
            if w is None:
                unresolved = [x for x in self._conflicts(s, batch) if not x.resolved]
                mine = [x for x in unresolved if x.grader == self.ctx.actor.username and x.ticket_no == ticket_no]
                if mine:
                    raise Conflict(f"您与考生「{ticket_no}」存在回避情形（{mine[0].reason}），须更换考评员或由考场负责人允许")
                if unresolved and not self._started(s, batch):
                    raise Conflict(f"考评组尚有 {len(unresolved)} 处回避情形未处理，不能开始评分")
                w = t.ScoreSheet(batch_id=batch.id, candidate_id=c.id, grader_id=me.staff_id, version=1,
                                 source="station", entries={}, status=ST_DRAFT, created_at=now, updated_at=now)
                s.add(w)
                s.flush()
                uow.journal("scoring.sheet_open", ticket_no, {"sheet": w.id, "plan_no": plan_no, "version": 1})
            before = dict(w.entries)
            w.entries = rules.entries_to_json(cleaned)  # the whole sheet as the station holds it
            score = rules.score_sheet(template, w.entries)
            w.total, w.detail, w.updated_at = str(score.total), {k: str(v) for k, v in score.tasks.items()}, now
            changed = {k: [before.get(k), w.entries.get(k)] for k in set(before) | set(w.entries)
                       if before.get(k) != w.entries.get(k)}
            if changed:
                # values stay out of the journal until every grader has signed (journal readers are
                # not graders, but blindness must not depend on who reads the journal)
                uow.journal("scoring.sheet_save", ticket_no, {"sheet": w.id, "version": w.version,
                                                              "changed_items": sorted(changed),
                                                              "entries_sha256": _digest(w.entries)})
            s.flush()
            return self._view(s, w, template, ticket_no, s.get(models.Staff, me.staff_id))

    @requires("scoring.grade")
    def sign_sheet(self, plan_no: str, ticket_no: str, password: str, signature_png: bytes) -> SheetView:
        """Re-enter the password and draw a signature; the sheet becomes immutable."""
        problem = _signature_problem(signature_png)
        if problem:
            raise DomainError(problem)
        failure = None
        check = check_password_early(self.ctx, password, staff_id=self.ctx.actor.staff_id)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            me = self._me(s, batch)
            c = self._candidate(s, batch, ticket_no)
            w = self._working(self._sheets(s, c.id), me.staff_id)
            if w is None or w.status != ST_DRAFT:
                raise Conflict("没有待签字的评分表")
            score = rules.score_sheet(template, w.entries)
            if score.missing:
                raise DomainError(f"尚有 {len(score.missing)} 个评分项未评分（{'、'.join(score.missing[:5])}），不能签字")
            failure = self._check_password(uow, check, "sign")
            if failure:
                uow.journal("scoring.sign_refused", ticket_no, {"sheet": w.id, "reason": "password"})
            else:
                if w.supersedes_id and self._chief_signed(s, batch):
                    raise Conflict("汇总表已由考评组长签字，不能再更正")
                now = self.ctx.now()
                content = {"sheet": w.id, "plan_no": plan_no, "ticket_no": ticket_no, "grader": self.ctx.actor.username,
                           "version": w.version, "entries": w.entries, "total": str(score.total),
                           "template": hashlib.sha256(_canonical(template.to_dict())).hexdigest(),
                           "signature_sha256": hashlib.sha256(signature_png).hexdigest(),
                           "supersedes": w.supersedes_id, "correction_reason": w.correction_reason}
                w.status, w.signed_at, w.signature = ST_SIGNED, now, signature_png
                w.total = str(score.total)
                w.content_sha256 = hashlib.sha256(_canonical(content)).hexdigest()
                sealed = {k: v for k, v in content.items() if k not in ("entries", "total")}
                uow.journal("scoring.sheet_sign", ticket_no, {**sealed, "entries_sha256": _digest(w.entries),
                                                              "content_sha256": w.content_sha256})
                s.flush()
                return self._view(s, w, template, ticket_no, s.get(models.Staff, me.staff_id))
        raise PermissionDenied(failure)

    @requires("scoring.grade")
    def start_correction(self, plan_no: str, ticket_no: str, reason: str) -> SheetView:
        """A signed sheet is never changed: the correction is a new version with a reason."""
        if len(reason.strip()) < 4:
            raise DomainError("请写明更正理由（至少 4 个字）")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            me = self._me(s, batch)
            c = self._candidate(s, batch, ticket_no)
            sheets = self._sheets(s, c.id)
            w = self._working(sheets, me.staff_id)
            if w is None or w.status != ST_SIGNED:
                raise Conflict("只有已签字的评分表需要更正；未签字的可直接修改")
            if self._chief_signed(s, batch):
                raise Conflict("汇总表已由考评组长签字，不能再更正")
            revealed = self._revealed(self._members(s, batch), sheets)
            now = self.ctx.now()
            new = t.ScoreSheet(batch_id=batch.id, candidate_id=c.id, grader_id=me.staff_id, version=w.version + 1,
                               source=w.source, entries=dict(w.entries), total=w.total,
                               detail={k: v for k, v in w.detail.items()
                                       if k not in ("origin_sheet", "origin_supersedes", "imported_from")},
                               status=ST_DRAFT, created_at=now, updated_at=now, supersedes_id=w.id,
                               correction_reason=reason.strip(), after_reveal=revealed)
            s.add(new)
            s.flush()
            uow.journal("scoring.sheet_correct", ticket_no, {"sheet": new.id, "supersedes": w.id,
                                                             "version": new.version, "reason": reason.strip(),
                                                             "after_reveal": revealed})
            return self._view(s, new, template, ticket_no, s.get(models.Staff, me.staff_id))

    # ------------------------------------------------------------ reading sheets (sealed until all signed)
    @requires("scoring.view")
    def sheets(self, plan_no: str, ticket_no: str) -> list[SheetView]:
        """Every version of every grader's sheet for one candidate, once all have signed."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            c = self._candidate(s, batch, ticket_no)
            sheets = self._sheets(s, c.id)
            members = self._members(s, batch)
            if not self._revealed(members, sheets):
                raise SheetsSealed("该考生尚有考评员未签字，评分表暂不公开")
            staff = {st.id: st for _, st in members}
            return [self._view(s, sh, template, ticket_no, staff.get(sh.grader_id) or s.get(models.Staff, sh.grader_id))
                    for sh in sheets]

    @requires("scoring.view")
    def result(self, plan_no: str, ticket_no: str) -> CandidateResult:
        """Status of one candidate; scores only once every grader signed."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            return self._result(s, batch, self._template(s, batch), self._candidate(s, batch, ticket_no),
                                self._members(s, batch))

    @requires("scoring.progress")
    def progress(self, plan_no: str) -> list[ProgressRow]:
        """Live completeness per workstation and grader (statuses only, never scores)."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            members = self._members(s, batch)
            by_cand: dict[int, dict[int, str]] = {}
            for sh in s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.batch_id == batch.id)):
                cur = by_cand.setdefault(sh.candidate_id, {})
                if cur.get(sh.grader_id) != ST_SIGNED:
                    cur[sh.grader_id] = sh.status
            absent = set(s.scalars(select(t.ScoreAbsence.candidate_id).where(t.ScoreAbsence.batch_id == batch.id)))
            out = []
            for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                               .order_by(models.Candidate.room, models.Candidate.seat, models.Candidate.ticket_no)):
                st = {m.username: by_cand.get(c.id, {}).get(m.id, ST_NONE) for _, m in members}
                done = members and all(v == ST_SIGNED for v in st.values())
                out.append(ProgressRow(c.ticket_no, _workstation(c), st,
                                       R_ABSENT if c.id in absent else (ST_SIGNED if done else ST_DRAFT)))
            return out

    # ------------------------------------------------------------ chief grader
    @requires("scoring.reconcile")
    def discrepancies(self, plan_no: str) -> list[CandidateResult]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            members = self._members(s, batch)
            out = []
            for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                               .order_by(models.Candidate.ticket_no)):
                r = self._result(s, batch, template, c, members)
                if r.status in (R_DISCREPANCY, R_RECONCILED):
                    out.append(r)
            return out

    @requires("scoring.reconcile")
    def reconcile(self, plan_no: str, ticket_no: str, score: Any, reason: str) -> CandidateResult:
        """The chief's reasoned decision; the graders' sheets are not touched."""
        problem = rules.decision_problem(score, reason)
        if problem:
            raise DomainError(problem)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            m = self._me(s, batch)
            if not m.is_chief:
                raise PermissionDenied("只有本考评组的考评组长可以裁定")
            c = self._candidate(s, batch, ticket_no)
            transferred = self._transferred(s, c)
            if transferred and not self._results_may_change(s, c):
                raise Conflict("该考生的实操成绩已转入成绩且成绩已复审定稿；须由管理员在成绩审核中填写理由重新打开后再裁定")
            members = self._members(s, batch)
            r = self._result(s, batch, template, c, members)
            if r.status not in (R_DISCREPANCY, R_RECONCILED):
                raise Conflict("该考生的评分没有超出分差阈值，无需裁定")
            eff = self._effective(self._sheets(s, c.id))
            basis = {st.username: [eff[st.id].id, str(rules.score_sheet(template, eff[st.id].entries).total)]
                     for _, st in members}
            value = str(Decimal(str(score).strip()).quantize(rules.FINAL_Q))
            s.add(t.ScoreDecision(batch_id=batch.id, candidate_id=c.id, score=value, reason=reason.strip(),
                                  basis=basis, chief_id=self.ctx.actor.staff_id, decided_at=self.ctx.now()))
            uow.journal("scoring.reconcile", ticket_no, {"plan_no": plan_no, "score": value, "reason": reason.strip(),
                                                         "basis": basis, "aggregated": str(r.aggregated),
                                                         "spread": str(r.spread)})
            s.flush()
            if transferred:
                # already in results: the new decision follows at once, under results' rules (a review in
                # progress goes back to 'entered'), so results never keep a superseded practical score
                from app.services.results import ResultsService
                ResultsService(self.ctx)._record(uow, ticket_no, "practical", value, "practical-summary", False,
                                                 self.ctx.actor.username, "考评组长重新裁定（实操汇总表已转入成绩）")
            return self._result(s, batch, template, c, members)

    @requires("scoring.reconcile")
    def mark_absent(self, plan_no: str, ticket_no: str, reason: str = "未参加实操考核") -> None:
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            self._me(s, batch)
            c = self._candidate(s, batch, ticket_no)
            if any(sh.status == ST_SIGNED for sh in self._sheets(s, c.id)):
                raise Conflict("该考生已有签字的评分表，不能登记缺考")
            if s.scalars(select(t.ScoreAbsence).where(t.ScoreAbsence.candidate_id == c.id)).first():
                return
            s.add(t.ScoreAbsence(batch_id=batch.id, candidate_id=c.id, reason=reason.strip() or "缺考",
                                 recorded_by=self.ctx.actor.staff_id, recorded_at=self.ctx.now()))
            uow.journal("scoring.absent", ticket_no, {"plan_no": plan_no, "reason": reason})

    # ------------------------------------------------------------ summary
    @requires("scoring.summary")
    def practical_summary(self, plan_no: str) -> list[PracticalScore]:
        """Per candidate: the final practical score (None until final), status and remark."""
        with self.ctx.reading() as s:
            return self._summary_rows(s, find_batch(s, plan_no))

    @requires("scoring.grade")
    def sign_summary(self, plan_no: str, password: str, signature_png: bytes) -> SummarySignatureView:
        """考评组长 (in the chief role) or 考评组成员 signs the current summary."""
        problem = _signature_problem(signature_png)
        if problem:
            raise DomainError(problem)
        check = check_password_early(self.ctx, password, staff_id=self.ctx.actor.staff_id)
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            m = self._me(s, batch)
            rows = self._summary_rows(s, batch)
            open_rows = [r.ticket_no for r in rows if r.status in (R_PENDING, R_DISCREPANCY)]
            if open_rows:
                raise Conflict(f"尚有 {len(open_rows)} 名考生的成绩未确定（如 {open_rows[0]}），不能签署汇总表")
            failure = self._check_password(uow, check, "sign_summary")
            if failure:
                uow.journal("scoring.sign_refused", plan_no, {"reason": "password", "what": "summary"})
            else:
                role = "chief" if (m.is_chief and self.ctx.actor.role_value == Role.CHIEF_GRADER.value) else "member"
                h = self._summary_hash(rows)
                if s.scalars(select(t.SummarySignature).where(t.SummarySignature.batch_id == batch.id,
                                                              t.SummarySignature.staff_id == m.staff_id,
                                                              t.SummarySignature.summary_sha256 == h)).first():
                    raise Conflict("您已签署过当前汇总表")
                now = self.ctx.now()
                s.add(t.SummarySignature(batch_id=batch.id, staff_id=m.staff_id, role=role, summary_sha256=h,
                                         signature=signature_png, signed_at=now))
                uow.journal("scoring.summary_sign", plan_no, {"role": role, "summary_sha256": h,
                                                              "signature_sha256": hashlib.sha256(signature_png).hexdigest(),
                                                              "candidates": len(rows)})
                if role == "chief":
                    self._transfer_to_results(uow, batch, rows, h)
                return SummarySignatureView(self.ctx.actor.username, self.ctx.actor.name, role, now, True, signature_png)
        raise PermissionDenied(failure)

    def _transfer_to_results(self, uow, batch, rows: list[PracticalScore], summary_sha256: str) -> int:
        """The chief's signature hands the summary to results, in the signature's transaction.

        Every final/reconciled score goes in with source "practical-summary", absent candidates as absent.
        ResultsService._record is idempotent (an unchanged score writes nothing) and applies results'
        rules: once the batch's results are approved it refuses, and the signature is rolled back with it.
        Returns how many scores changed."""
        from app.services.results import ResultsService
        from app.store import results_tables as rt

        results = ResultsService(self.ctx)
        s = uow.session
        changed = []
        for r in rows:
            if r.status not in (R_FINAL, R_RECONCILED, R_ABSENT):
                continue
            absent = r.status == R_ABSENT
            before = s.scalars(select(rt.SubjectScore).join(models.Candidate,
                                                              models.Candidate.id == rt.SubjectScore.candidate_id)
                               .where(models.Candidate.ticket_no == r.ticket_no,
                                      rt.SubjectScore.subject == "practical")).first()
            state = None if before is None else (before.score, before.absent)
            try:
                results._record(uow, r.ticket_no, "practical", None if absent else r.score, "practical-summary",
                                absent, self.ctx.actor.username, f"实操汇总表 {summary_sha256[:12]}")
            except Conflict as exc:
                raise Conflict(f"实操成绩不能转入成绩（考生 {r.ticket_no}）：{exc}") from None
            s.flush()
            after = s.scalars(select(rt.SubjectScore).join(models.Candidate,
                                                             models.Candidate.id == rt.SubjectScore.candidate_id)
                              .where(models.Candidate.ticket_no == r.ticket_no,
                                     rt.SubjectScore.subject == "practical")).first()
            if state != (after.score, after.absent):
                changed.append(r.ticket_no)
        uow.journal("scoring.transfer", batch.plan_no, {"summary_sha256": summary_sha256, "changed": changed,
                                                         "candidates": sum(r.status in (R_FINAL, R_RECONCILED, R_ABSENT)
                                                                           for r in rows)})
        return len(changed)

    @staticmethod
    def _transferred(s, candidate: models.Candidate) -> bool:
        """True when the practical summary already handed this candidate's score to results."""
        from app.store import results_tables as rt

        return s.scalars(select(rt.SubjectScore.id).where(rt.SubjectScore.candidate_id == candidate.id,
                                                          rt.SubjectScore.subject == "practical",
                                                          rt.SubjectScore.source == "practical-summary")).first() is not None

    @staticmethod
    def _results_may_change(s, candidate: models.Candidate) -> bool:
        from app.core import results as results_rules
        from app.store import results_tables as rt

        rev = s.get(rt.ResultReview, candidate.batch_id)
        return rev is None or results_rules.may_change(rev.stage)

    @requires("scoring.summary")
    def summary_signatures(self, plan_no: str) -> list[SummarySignatureView]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            h = self._summary_hash(self._summary_rows(s, batch))
            return [SummarySignatureView(st.username, st.name, sig.role, sig.signed_at, sig.summary_sha256 == h,
                                         sig.signature)
                    for sig, st in s.execute(select(t.SummarySignature, models.Staff)
                                             .join(models.Staff, models.Staff.id == t.SummarySignature.staff_id)
                                             .where(t.SummarySignature.batch_id == batch.id)
                                             .order_by(t.SummarySignature.id))]

    @requires("scoring.summary")
    def verify_sheets(self, plan_no: str) -> list[str]:
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
            problems = []
            for sh, c, g in s.execute(select(t.ScoreSheet, models.Candidate, models.Staff)
                                      .join(models.Candidate, models.Candidate.id == t.ScoreSheet.candidate_id)
                                      .join(models.Staff, models.Staff.id == t.ScoreSheet.grader_id)
                                      .where(t.ScoreSheet.batch_id == batch.id, t.ScoreSheet.status == ST_SIGNED)):
                if sh.source == "paper":
                    content = {"plan_no": plan_no, "ticket_no": c.ticket_no, "grader": g.username,
                               "entries": sh.entries, "total": sh.total, "typists": sh.typists, "source": "paper"}
                else:
                    content = {"sheet": sh.detail.get("origin_sheet", sh.id), "plan_no": plan_no,
                               "ticket_no": c.ticket_no, "grader": g.username,
                               "version": sh.version, "entries": sh.entries, "total": sh.total,
                               "template": self._template_hash(s, batch),
                               "signature_sha256": hashlib.sha256(sh.signature or b"").hexdigest(),
                               "supersedes": sh.detail.get("origin_supersedes", sh.supersedes_id),
                               "correction_reason": sh.correction_reason}
                digest = hashlib.sha256(_canonical(content)).hexdigest()
                if digest != sh.content_sha256 or recorded.get(sh.id) != digest:
                    problems.append(f"考生「{c.ticket_no}」考评员「{g.name}」第 {sh.version} 版评分表与签字时的记录不符")
            return problems

    def _template_hash(self, s, batch) -> str:
        return hashlib.sha256(_canonical(self._template(s, batch).to_dict())).hexdigest()

    # ------------------------------------------------------------ paper sheets (双人复核)
    @requires("scoring.paper")
    def paper_entry(self, plan_no: str, ticket_no: str, grader: str, entries: Mapping[str, Any]) -> PaperStatus:
        """One typist's copy of a grader's paper sheet.  When two typists' complete copies
        agree, the sheet is recorded as signed on paper; until then mismatches are listed."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            c = self._candidate(s, batch, ticket_no)
            g = self._staff(s, grader)
            if g.id not in {st.id for _, st in self._members(s, batch)}:
                raise DomainError(f"「{g.name}」不是本批次考评组成员")
            if g.id == self.ctx.actor.staff_id:
                raise PermissionDenied("考评员不能录入自己的纸质评分表")
            existing = [sh for sh in self._sheets(s, c.id) if sh.grader_id == g.id]
            if existing:
                raise Conflict(f"「{g.name}」对该考生已有评分表（{'纸质' if existing[0].source == 'paper' else '机评'}），不能重复录入")
            cleaned = rules.entries_to_json(rules.clean_entries(template, entries))
            copies = list(s.scalars(select(t.PaperEntry).where(t.PaperEntry.candidate_id == c.id,
                                                               t.PaperEntry.grader_id == g.id)))
            mine = next((p for p in copies if p.typist_id == self.ctx.actor.staff_id), None)
            if mine is None:
                if len(copies) >= 2:
                    raise Conflict("该纸质评分表已有两人录入")
                mine = t.PaperEntry(batch_id=batch.id, candidate_id=c.id, grader_id=g.id,
                                    typist_id=self.ctx.actor.staff_id, entries={}, updated_at=self.ctx.now())
                s.add(mine)
                copies.append(mine)
            mine.entries, mine.updated_at = cleaned, self.ctx.now()
            s.flush()
            uow.journal("scoring.paper_entry", ticket_no, {"grader": grader, "items": len(cleaned),
                                                           "entries_sha256": _digest(cleaned)})
            status = self._paper_status(template, copies, mine)
            if status.agreed:
                now = self.ctx.now()
                score = rules.score_sheet(template, cleaned)
                typists = [s.get(models.Staff, p.typist_id).name for p in copies]
                sh = t.ScoreSheet(batch_id=batch.id, candidate_id=c.id, grader_id=g.id, version=1, source="paper",
                                  entries=cleaned, total=str(score.total),
                                  detail={k: str(v) for k, v in score.tasks.items()}, status=ST_SIGNED,
                                  created_at=now, updated_at=now, signed_at=now, typists=typists)
                content = {"plan_no": plan_no, "ticket_no": ticket_no, "grader": grader, "entries": cleaned,
                           "total": str(score.total), "typists": typists, "source": "paper"}
                sh.content_sha256 = hashlib.sha256(_canonical(content)).hexdigest()
                s.add(sh)
                s.flush()
                sealed = {k: v for k, v in content.items() if k not in ("entries", "total")}
                uow.journal("scoring.paper_agreed", ticket_no, {**sealed, "sheet": sh.id,
                                                                "entries_sha256": _digest(cleaned),
                                                                "content_sha256": sh.content_sha256})
                return PaperStatus(True, True, 1, (), True, sh.id)
            return status

    @staticmethod
    def _paper_status(template, copies, mine) -> PaperStatus:
        n = len(template.items())
        others = [p for p in copies if p is not mine]
        mine_complete = len(mine.entries) == n
        mismatches: tuple[str, ...] = ()
        agreed = False
        if others and mine_complete and len(others[0].entries) == n:
            mismatches = tuple(code for _, i in template.items() for code in [i.code]
                               if mine.entries.get(code) != others[0].entries.get(code))
            agreed = not mismatches
        return PaperStatus(True, mine_complete, len(others), mismatches, agreed)

    @requires("scoring.paper")
    def my_paper_entry(self, plan_no: str, ticket_no: str, grader: str) -> tuple[dict, PaperStatus]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            c = self._candidate(s, batch, ticket_no)
            g = self._staff(s, grader)
            copies = list(s.scalars(select(t.PaperEntry).where(t.PaperEntry.candidate_id == c.id,
                                                               t.PaperEntry.grader_id == g.id)))
            mine = next((p for p in copies if p.typist_id == self.ctx.actor.staff_id), None)
            if mine is None:
                return {}, PaperStatus(False, False, len(copies), (), False)
            sheet = s.scalars(select(t.ScoreSheet.id).where(t.ScoreSheet.candidate_id == c.id,
                                                            t.ScoreSheet.grader_id == g.id,
                                                            t.ScoreSheet.source == "paper")).first()
            st = self._paper_status(template, copies, mine)
            if sheet:
                st = PaperStatus(True, True, st.others, (), True, sheet)
            return dict(mine.entries), st

    # ------------------------------------------------------------ signed file exchange between stations
    @requires("scoring.grade")
    def export_sheets(self, plan_no: str, path: Path | str) -> int:
        """The caller's signed sheets of this batch as a file for the main station: signed with
        the site key (Ed25519) and encrypted with the site file key (AES-GCM).  For stations
        that work on a copy of the site while the site link is not available."""
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        from app.store.engine import active_site_key
        from app.store.keys import b64

        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            me = self._me(s, batch)
            rows = list(s.execute(select(t.ScoreSheet, models.Candidate.ticket_no)
                                  .join(models.Candidate, models.Candidate.id == t.ScoreSheet.candidate_id)
                                  .where(t.ScoreSheet.batch_id == batch.id, t.ScoreSheet.grader_id == me.staff_id,
                                         t.ScoreSheet.status == ST_SIGNED, t.ScoreSheet.source == "station")
                                  .order_by(models.Candidate.ticket_no, t.ScoreSheet.version)))
            if not rows:
                raise DomainError("没有已签字的评分表可导出")
            body = {"format": EXCHANGE_FORMAT, "site_id": self.ctx.store.site_id, "plan_no": plan_no,
                    "grader": self.ctx.actor.username, "template": self._template_hash(s, batch),
                    "exported_at": self.ctx.now().isoformat(),
                    "sheets": [{"ticket_no": tk, "version": sh.version, "entries": sh.entries, "total": sh.total,
                                "signed_at": sh.signed_at.isoformat(), "signature": b64(sh.signature or b""),
                                "content_sha256": sh.content_sha256,
                                "origin_sheet": sh.detail.get("origin_sheet", sh.id),
                                "origin_supersedes": sh.detail.get("origin_supersedes", sh.supersedes_id),
                                "correction_reason": sh.correction_reason, "after_reveal": sh.after_reveal}
                               for sh, tk in rows]}
            key = active_site_key(s)
            signed = {"body": body, "key_id": key.key_id,
                      "signature": b64(Ed25519PrivateKey.from_private_bytes(key.private_key).sign(_canonical(body)))}
            nonce = os.urandom(12)
            blob = EXCHANGE_MAGIC + nonce + AESGCM(self.ctx.store.keys.file_key).encrypt(
                nonce, _canonical(signed), EXCHANGE_FORMAT.encode() + b"|" + self.ctx.store.site_id.encode())
            from app.store.keys import atomic_write

            atomic_write(Path(path), blob)
            uow.journal("scoring.export_sheets", plan_no, {"sheets": len(rows), "file": Path(path).name,
                                                           "file_sha256": hashlib.sha256(blob).hexdigest()})
            return len(rows)

    @requires("scoring.template")
    def import_sheets(self, plan_no: str, path: Path | str) -> int:
        """Take in a grader station's exported sheets: all or nothing; the signature, the site,
        the template and every sheet's content hash must match.  Sheets already here are skipped."""
        from cryptography.exceptions import InvalidSignature, InvalidTag
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        from app.store.keys import unb64

        path = Path(path)
        blob = path.read_bytes()
        if not blob.startswith(EXCHANGE_MAGIC) or len(blob) < len(EXCHANGE_MAGIC) + 28:
            raise DomainError(f"「{path.name}」不是评分表交换文件")
        nonce = blob[len(EXCHANGE_MAGIC):len(EXCHANGE_MAGIC) + 12]
        try:
            signed = json.loads(AESGCM(self.ctx.store.keys.file_key).decrypt(
                nonce, blob[len(EXCHANGE_MAGIC) + 12:],
                EXCHANGE_FORMAT.encode() + b"|" + self.ctx.store.site_id.encode()))
        except InvalidTag:
            raise DomainError(f"「{path.name}」不属于本站点或已被改动，未导入") from None
        body = signed["body"]
        trusted = self.ctx.store.site.public_keys.get(signed.get("key_id"))
        try:
            if trusted is None:
                raise InvalidSignature()
            Ed25519PublicKey.from_public_bytes(unb64(trusted)).verify(unb64(signed["signature"]), _canonical(body))
        except (InvalidSignature, ValueError):
            raise DomainError(f"「{path.name}」的站点签名无效，未导入") from None
        if body.get("format") != EXCHANGE_FORMAT or body.get("plan_no") != plan_no:
            raise DomainError(f"「{path.name}」不是认定计划「{plan_no}」的评分表")
        added = 0
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            if body["template"] != self._template_hash(s, batch):
                raise DomainError("文件中的评分表与本站的评分记录表不一致，未导入")
            g = self._staff(s, body["grader"])
            if g.id not in {st.id for _, st in self._members(s, batch)}:
                raise DomainError(f"「{g.name}」不是本批次考评组成员，未导入")
            problems = []
            local_by_origin: dict[int, int] = {}
            for x in body["sheets"]:
                c = self._candidate(s, batch, x["ticket_no"])
                content = {"sheet": x["origin_sheet"], "plan_no": plan_no, "ticket_no": x["ticket_no"],
                           "grader": g.username, "version": x["version"], "entries": x["entries"], "total": x["total"],
                           "template": body["template"],
                           "signature_sha256": hashlib.sha256(unb64(x["signature"])).hexdigest(),
                           "supersedes": x["origin_supersedes"], "correction_reason": x["correction_reason"]}
                if _digest(content) != x["content_sha256"]:
                    problems.append(f"考生「{x['ticket_no']}」第 {x['version']} 版：内容与签字时的哈希不符")
                    continue
                here = s.scalars(select(t.ScoreSheet).where(t.ScoreSheet.candidate_id == c.id,
                                                            t.ScoreSheet.grader_id == g.id,
                                                            t.ScoreSheet.version == x["version"])).first()
                if here is not None:
                    if here.content_sha256 != x["content_sha256"]:
                        problems.append(f"考生「{x['ticket_no']}」第 {x['version']} 版：本站已有不同的评分表")
                    local_by_origin[x["origin_sheet"]] = here.id
                    continue
                sh = t.ScoreSheet(batch_id=batch.id, candidate_id=c.id, grader_id=g.id, version=x["version"],
                                  source="station", entries=x["entries"], total=x["total"],
                                  detail={"origin_sheet": x["origin_sheet"],
                                          "origin_supersedes": x["origin_supersedes"], "imported_from": path.name},
                                  status=ST_SIGNED, created_at=self.ctx.now(), updated_at=self.ctx.now(),
                                  signed_at=_dt.datetime.fromisoformat(x["signed_at"]),
                                  signature=unb64(x["signature"]), content_sha256=x["content_sha256"],
                                  supersedes_id=local_by_origin.get(x["origin_supersedes"]),
                                  correction_reason=x["correction_reason"], after_reveal=x["after_reveal"])
                s.add(sh)
                s.flush()
                local_by_origin[x["origin_sheet"]] = sh.id
                uow.journal("scoring.sheet_import", x["ticket_no"], {
                    "sheet": sh.id, "origin_sheet": x["origin_sheet"], "grader": g.username,
                    "version": x["version"], "content_sha256": x["content_sha256"],
                    "file_sha256": hashlib.sha256(blob).hexdigest()})
                added += 1
            if problems:
                raise DomainError("评分表交换文件未导入：" + "；".join(problems[:5]))
        return added

    # ------------------------------------------------------------ work-piece photos
    @requires("scoring.photo")
    def add_photo(self, plan_no: str, ticket_no: str, image: bytes, note: str = "") -> int:
        if not image or len(image) > MAX_PHOTO_BYTES:
            raise DomainError("照片为空或超过 8 MB")
        if cv2.imdecode(np.frombuffer(image, np.uint8), cv2.IMREAD_COLOR) is None:
            raise DomainError("照片无法识别为图片")
        digest = hashlib.sha256(image).hexdigest()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            c = self._candidate(s, batch, ticket_no)
            if self.ctx.actor.role_value in (Role.GRADER.value, Role.CHIEF_GRADER.value):
                self._me(s, batch)
            p = t.WorkpiecePhoto(batch_id=batch.id, candidate_id=c.id, image=image, sha256=digest, note=note.strip(),
                                 taken_by=self.ctx.actor.staff_id, taken_at=self.ctx.now())
            s.add(p)
            s.flush()
            uow.journal("scoring.photo", ticket_no, {"photo": p.id, "sha256": digest, "bytes": len(image),
                                                     "note": note.strip()})
            return p.id

    @requires("scoring.view")
    def photos(self, plan_no: str, ticket_no: str) -> list[PhotoView]:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            c = self._candidate(s, batch, ticket_no)
            return [PhotoView(p.id, ticket_no, p.note, st.name, p.taken_at, p.sha256, len(p.image))
                    for p, st in s.execute(select(t.WorkpiecePhoto, models.Staff)
                                           .join(models.Staff, models.Staff.id == t.WorkpiecePhoto.taken_by)
                                           .where(t.WorkpiecePhoto.candidate_id == c.id)
                                           .order_by(t.WorkpiecePhoto.id))]

    @requires("scoring.view")
    def photo(self, photo_id: int) -> bytes:
        with self.ctx.reading() as s:
            p = s.get(t.WorkpiecePhoto, photo_id)
            if p is None:
                raise NotFound("照片不存在")
            return p.image

    # ------------------------------------------------------------ printables
    def _header(self, s, batch) -> dict:
        inst = s.get(models.Setting, "institution")
        occupation = batch.occupation_name + (f"（{batch.work_type}）" if batch.work_type else "")
        level_names = {1: "一级/高级技师", 2: "二级/技师", 3: "三级/高级工", 4: "四级/中级工", 5: "五级/初级工"}
        return {"institution": inst.value["name"] if inst else "", "occupation": occupation,
                "level": level_names.get(batch.level, str(batch.level)), "plan_no": batch.plan_no,
                "date": batch.exam_end.strftime("%Y 年 %m 月 %d 日")}

    @requires("scoring.summary")
    def summary_pdf(self, plan_no: str, path: Path | str, contact: str = "", phone: str = "") -> Path:
        """实操（综合成绩）汇总表 (Nanxun 附件1) with signature lines."""
        from app.formats import scoring_pdf

        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            rows = self._summary_rows(s, batch)
            members = self._members(s, batch)
            header = self._header(s, batch)
            chief = next((st.name for m, st in members if m.is_chief), "")
            others = [st.name for m, st in members if not m.is_chief]
            h = self._summary_hash(rows)
            sigs = {}
            for sig, st in s.execute(select(t.SummarySignature, models.Staff)
                                     .join(models.Staff, models.Staff.id == t.SummarySignature.staff_id)
                                     .where(t.SummarySignature.batch_id == batch.id,
                                            t.SummarySignature.summary_sha256 == h)):
                sigs[st.name] = sig.signature
            out = scoring_pdf.summary_table(Path(path), header, rows, chief, others, contact, phone, sigs)
            uow.journal("scoring.print_summary", plan_no, {"summary_sha256": h, "file": Path(path).name,
                                                           "pdf_sha256": hashlib.sha256(out.read_bytes()).hexdigest()})
            return out

    @requires("scoring.view")
    def blank_sheets_pdf(self, plan_no: str, path: Path | str) -> Path:
        """One blank 评分记录表 per candidate per grader, with signature lines."""
        from app.formats import scoring_pdf

        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            members = self._members(s, batch)
            header = self._header(s, batch)
            pages = [scoring_pdf.SheetPage(c.ticket_no, _workstation(c), c.name if template.rules.show_names else "",
                                           st.name)
                     for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                                        .order_by(models.Candidate.ticket_no))
                     for _, st in members]
        return scoring_pdf.sheets(Path(path), header, template, pages)

    @requires("scoring.summary")
    def filled_sheets_pdf(self, plan_no: str, path: Path | str) -> Path:
        """Every signed sheet (all versions) of every candidate whose sheets are all signed."""
        from app.formats import scoring_pdf

        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            template = self._template(s, batch)
            members = self._members(s, batch)
            header = self._header(s, batch)
            staff = {st.id: st for _, st in members}
            pages = []
            for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                               .order_by(models.Candidate.ticket_no)):
                sheets = self._sheets(s, c.id)
                if not self._revealed(members, sheets):
                    continue
                for sh in sheets:
                    if sh.status != ST_SIGNED:
                        continue
                    g = staff.get(sh.grader_id) or s.get(models.Staff, sh.grader_id)
                    pages.append(scoring_pdf.SheetPage(
                        c.ticket_no, _workstation(c), c.name, g.name, dict(sh.entries),
                        rules.score_sheet(template, sh.entries).total, sh.signed_at, sh.signature, sh.version,
                        sh.correction_reason, tuple(sh.typists or ())))
            out = scoring_pdf.sheets(Path(path), header, template, pages)
            uow.journal("scoring.print_sheets", plan_no, {"pages": len(pages), "file": Path(path).name,
                                                          "pdf_sha256": hashlib.sha256(out.read_bytes()).hexdigest()})
            return out
