"""Before scoring (the office, the admin, the room head): the 评分记录表 template, the 考评组
and avoidance (回避)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import select

from app.core import codes, graders
from app.core import scoring as rules
from app.core.errors import Conflict, DomainError
from app.core.roles import Role, assignment_conflict
from app.formats import xlsx
from app.services.base import Service, find_batch, requires
from app.services.scoring import queries as q
from app.services.profile import site_profile
from app.services.results_common import subjects as batch_subjects
from app.services.scoring.views import GROUP_NAMES, PRACTICAL, REVIEW, ConflictView, GroupView, RotationRow, canonical
from app.store import models
from app.store import scoring_tables as t


class ScoringSetupService(Service):
    # ------------------------------------------------------------ template
    @requires("scoring.template")
    def import_template(self, plan_no: str, path: Path | str, subject: str = PRACTICAL) -> rules.Template:
        """All or nothing; replaceable until the first sheet of the group is saved.  ``subject``
        'review': the 综合评审 panel's score sheet (the batch must have a 综合评审)."""
        path = Path(path)
        template = rules.parse_template(xlsx.read_workbook(path))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            _check_subject(s, batch, subject)
            if q.started(s, batch, subject):
                raise Conflict("评分已开始，不能更换评分记录表")
            members = q.members(s, batch, subject)
            if members:
                problem = rules.group_problem([st.username for _, st in members],
                                              next((st.username for m, st in members if m.is_chief), ""), template.rules)
                if problem:
                    raise DomainError(f"评分记录表与现有考评组不符：{problem}")
            row = q.template_row(s, batch, subject)
            before = row.file_sha256 if row else None
            if row is None:
                row = t.ScoringTemplate(batch_id=batch.id, subject=subject)
                s.add(row)
            row.title, row.definition, row.file_sha256, row.created_at = (template.title, template.to_dict(), digest,
                                                                          self.ctx.now())
            uow.journal("scoring.template", plan_no, {**_subject_field(subject), "file": path.name,
                                                      "file_sha256": digest, "replaced": before,
                                                      "definition_sha256": hashlib.sha256(
                                                          canonical(template.to_dict())).hexdigest(),
                                                      "tasks": len(template.tasks), "items": len(template.items())})
        return template

    @requires("scoring.view")
    def batches(self) -> list[tuple[str, str]]:
        """Batches that have a scoring template: (plan_no, label)."""
        with self.ctx.reading() as s:
            rows = s.execute(select(models.Batch, t.ScoringTemplate.title)
                             .join(t.ScoringTemplate, t.ScoringTemplate.batch_id == models.Batch.id)
                             .order_by(models.Batch.exam_start, t.ScoringTemplate.subject))   # practical first
            out: dict[str, str] = {}
            for b, title in rows:
                out.setdefault(b.plan_no,
                               f"{codes.batch_label(b.plan_no, b.occupation_name, b.level, b.work_type)} — {title}")
            return list(out.items())

    @requires("scoring.view")
    def subjects(self, plan_no: str) -> list[str]:
        """The scoring groups of the batch: 'practical', and 'review' when it has a 综合评审."""
        with self.ctx.reading() as s:
            return [PRACTICAL, REVIEW] if REVIEW in batch_subjects(s, find_batch(s, plan_no)) else [PRACTICAL]

    @requires("scoring.view")
    def all_batches(self) -> list[tuple[str, str]]:
        """Every batch of the roster, with or without a template: (plan_no, label)."""
        with self.ctx.reading() as s:
            return [(b.plan_no, codes.batch_label(b.plan_no, b.occupation_name, b.level, b.work_type))
                    for b in s.scalars(select(models.Batch).order_by(models.Batch.exam_start))]

    @requires("scoring.view")
    def template(self, plan_no: str, subject: str = PRACTICAL) -> rules.Template:
        with self.ctx.reading() as s:
            return q.template(s, find_batch(s, plan_no), subject)

    # ------------------------------------------------------------ group and avoidance
    @requires("scoring.group")
    def set_group(self, plan_no: str, members: list[str], chief: str, subject: str = PRACTICAL) -> list[ConflictView]:
        """Form (or, before scoring starts, re-form) the 考评组 (``subject`` 'review': the 综合评审
        panel, formed and checked the same way).  Returns the avoidance conflicts it raises; they
        must be resolved before scoring starts."""
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            _check_subject(s, batch, subject)
            if q.started(s, batch, subject):
                raise Conflict(f"评分已开始，{GROUP_NAMES[subject]}已锁定，不能更改")
            row = q.template_row(s, batch, subject)
            r = rules.Template.from_dict(row.definition).rules if row else rules.Rules()
            problem = rules.group_problem(members, chief, r)
            if problem:
                raise DomainError(problem)
            staff = {u: q.staff(s, u) for u in members}
            for u, st in staff.items():
                if not st.active:
                    raise DomainError(f"「{st.name}」的账户已停用")
                if u == chief and Role.CHIEF_GRADER.value not in st.roles:
                    raise DomainError(f"「{st.name}」的账户没有「考评组长」角色")
                if not ({Role.GRADER.value, Role.CHIEF_GRADER.value} & set(st.roles)):
                    raise DomainError(f"「{st.name}」的账户没有「考评员」角色")
            _check_qualified_and_rotated(s, batch, list(staff.values()))
            for u, st in staff.items():
                want = {Role.GRADER.value, Role.CHIEF_GRADER.value} if u == chief else {Role.GRADER.value}
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
            chief_ids = {staff[chief].id}
            for m in s.scalars(select(t.ScoringGroupMember).where(t.ScoringGroupMember.batch_id == batch.id)):
                if m.subject == subject:
                    s.delete(m)
                else:   # the batch's other group keeps its people
                    new_ids.add(m.staff_id)
                    if m.is_chief:
                        chief_ids.add(m.staff_id)
            # the batch's grading assignments are its groups: drop those of people no longer in one
            for a in s.scalars(select(models.BatchAssignment).where(
                    models.BatchAssignment.batch_id == batch.id,
                    models.BatchAssignment.role.in_((Role.GRADER.value, Role.CHIEF_GRADER.value)))):
                if a.staff_id not in new_ids or (a.role == Role.CHIEF_GRADER.value and a.staff_id not in chief_ids):
                    s.delete(a)
            s.flush()
            for u, st in staff.items():
                s.add(t.ScoringGroupMember(batch_id=batch.id, subject=subject, staff_id=st.id, is_chief=(u == chief)))
            s.flush()
            conflicts = q.conflicts(s, batch, subject)
            uow.journal("scoring.group", plan_no, {**_subject_field(subject), "members": sorted(members),
                                                   "chief": chief,
                                                   "conflicts": [[c.grader, c.ticket_no, c.reason] for c in conflicts]})
            return conflicts

    @requires("scoring.view")
    def group(self, plan_no: str, subject: str = PRACTICAL) -> GroupView:
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            members = q.members(s, batch, subject)
            return GroupView(plan_no, tuple((st.username, st.name, st.unit) for _, st in members),
                             next((st.username for m, st in members if m.is_chief), None),
                             q.started(s, batch, subject))

    @requires("scoring.view")
    def rotation(self, plan_no: str) -> list[RotationRow]:
        """轮换: every active grader account, its qualification against this batch, and the earlier
        batches of the same occupation whose 考评组 it sat in (the most recent first)."""
        with self.ctx.reading() as s:
            batch = find_batch(s, plan_no)
            history = _occupation_history(s, batch)
            prev = history[0][0] if history else None
            required = site_profile(s).rotation_required
            out = []
            for st in s.scalars(select(models.Staff).where(models.Staff.active.is_(True))
                                .order_by(models.Staff.username)):
                if not ({Role.GRADER.value, Role.CHIEF_GRADER.value} & set(st.roles)):
                    continue
                plans = tuple(b.plan_no for b, ids in history if st.id in ids)
                out.append(RotationRow(st.username, st.name, _qualification_text(st),
                                       _qualification_problem(st, batch) or "", plans,
                                       prev is not None and prev.plan_no in plans, required))
            return out

    @requires("scoring.group")
    def declare_relation(self, plan_no: str, username: str, ticket_no: str, note: str) -> None:
        """Record that a grader is related to a candidate (亲属、师徒、同一培训班 …)."""
        if not note.strip():
            raise DomainError("请写明利害关系")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            st, c = q.staff(s, username), q.candidate(s, batch, ticket_no)
            if s.scalars(select(t.ScoringRelation).where(t.ScoringRelation.batch_id == batch.id,
                                                         t.ScoringRelation.staff_id == st.id,
                                                         t.ScoringRelation.candidate_id == c.id)).first():
                return
            s.add(t.ScoringRelation(batch_id=batch.id, staff_id=st.id, candidate_id=c.id, note=note.strip()))
            uow.journal("scoring.relation", plan_no, {"username": username, "ticket_no": ticket_no, "note": note})

    @requires("scoring.view")
    def avoidance(self, plan_no: str, subject: str = PRACTICAL) -> list[ConflictView]:
        with self.ctx.reading() as s:
            return q.conflicts(s, find_batch(s, plan_no), subject)

    @requires("scoring.avoidance")
    def allow_avoidance(self, plan_no: str, username: str, ticket_no: str, reason: str,
                        subject: str = PRACTICAL) -> None:
        """The room head lets a flagged grader score the candidate, with a written reason."""
        if len(reason.strip()) < 4:
            raise DomainError("请写明允许的理由（至少 4 个字）")
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            batch = find_batch(s, plan_no)
            st, c = q.staff(s, username), q.candidate(s, batch, ticket_no)
            if not any(x.grader == username and x.ticket_no == ticket_no for x in q.conflicts(s, batch, subject)):
                raise DomainError("该考评员与该考生之间没有需回避的情形")
            if s.scalars(select(t.AvoidanceWaiver).where(t.AvoidanceWaiver.batch_id == batch.id,
                                                         t.AvoidanceWaiver.staff_id == st.id,
                                                         t.AvoidanceWaiver.candidate_id == c.id)).first():
                raise Conflict("已允许过")
            s.add(t.AvoidanceWaiver(batch_id=batch.id, staff_id=st.id, candidate_id=c.id, reason=reason.strip(),
                                    allowed_by=self.ctx.actor.staff_id, allowed_at=self.ctx.now()))
            uow.journal("scoring.avoidance_allow", plan_no, {"username": username, "ticket_no": ticket_no,
                                                             "reason": reason.strip()})


def _check_subject(s, batch: models.Batch, subject: str) -> None:
    """A 综合评审 panel only where the batch has a 综合评审 (by the profile, or added by the institution)."""
    if subject == PRACTICAL:
        return
    if subject != REVIEW:
        raise DomainError(f"没有「{subject}」评分组")
    if REVIEW not in batch_subjects(s, batch):
        raise DomainError(f"认定计划「{batch.plan_no}」没有综合评审，不能设综合评审组")


def _subject_field(subject: str) -> dict:
    """The journal names the group only when it is not the practical one (older entries stay as they were)."""
    return {} if subject == PRACTICAL else {"subject": subject}


# ------------------------------------------------------------ qualification and rotation
def _qualification(st: models.Staff) -> graders.Qualification:
    return graders.Qualification(st.grader_card_no or "", st.grader_level, st.grader_occupation or "")


def _qualification_problem(st: models.Staff, batch: models.Batch) -> str | None:
    """考评人员资格 [002 L3834; 000 L93, L686] (app.core.graders)."""
    return graders.qualification_problem(st.name, _qualification(st), batch.occupation_code,
                                         batch.occupation_name, batch.level)


def _qualification_text(st: models.Staff) -> str:
    return graders.describe(_qualification(st))


def _occupation_history(s, batch: models.Batch) -> list[tuple[models.Batch, set[int]]]:
    """Earlier batches of the same occupation that formed a 考评组, the most recent first, with the
    staff ids of their groups.  "Earlier": an earlier exam start, or the same start and made before."""
    rows = s.scalars(select(models.Batch).where(models.Batch.occupation_code == batch.occupation_code,
                                                models.Batch.id != batch.id))
    earlier = [b for b in rows if (b.exam_start, b.id) < (batch.exam_start, batch.id)]
    out = []
    for b in sorted(earlier, key=lambda b: (b.exam_start, b.id), reverse=True):
        ids = set(s.scalars(select(t.ScoringGroupMember.staff_id).where(t.ScoringGroupMember.batch_id == b.id)))
        if ids:
            out.append((b, ids))
    return out


def _check_qualified_and_rotated(s, batch: models.Batch, members: list[models.Staff]) -> None:
    """Every member qualified for the batch's occupation and level; where the profile requires rotation
    (Nanxun "派遣遵循回避制、轮换制、考评组长负责制" [003 L326]), nobody of the immediately previous batch of
    the same occupation.  One Chinese line naming the grader."""
    for st in members:
        problem = _qualification_problem(st, batch)
        if problem:
            raise DomainError(problem)
    if not site_profile(s).rotation_required:
        return
    history = _occupation_history(s, batch)
    if history:
        prev, ids = history[0]
        for st in members:
            if st.id in ids:
                raise Conflict(graders.rotation_problem(st.name, prev.plan_no))
