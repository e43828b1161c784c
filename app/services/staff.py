"""Staff accounts and their roles in batches."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core import codes, graders, identity, passwords
from app.core.errors import Conflict, DomainError, NotFound
from app.core.idcard import id_number_problem
from app.core.roles import ROLE_NAMES, Role, assignment_conflict
from app.core.site import password_problem, username_problem
from app.core.supervisor_card import card_problem
from app.services.base import Service, find_batch, requires
from app.store import models


@dataclass(frozen=True)
class StaffView:
    id: int
    username: str
    name: str
    roles: tuple[str, ...]
    unit: str
    card_no: str
    active: bool
    locked: bool
    grader_card_no: str = ""
    grader_level: int | None = None
    grader_occupation: str = ""

    @property
    def qualification_text(self) -> str:
        """'电工 三级/高级工 KP-0001', or '' when nothing is recorded."""
        return graders.describe(graders.Qualification(self.grader_card_no, self.grader_level,
                                                      self.grader_occupation))


def _card_checks(roles: list[str], card_no: str) -> None:
    for role, kind in ((Role.INTERNAL_SUPERVISOR, "internal"), (Role.EXTERNAL_SUPERVISOR, "external")):
        if role.value in roles:
            if not card_no:
                raise DomainError(f"{ROLE_NAMES[role]}须登记证卡编号（持证上岗）")
            problem = card_problem(card_no, kind)
            if problem:
                raise DomainError(problem)
    if Role.INTERNAL_SUPERVISOR.value in roles and Role.EXTERNAL_SUPERVISOR.value in roles:
        raise DomainError("同一人不能同时为内督和外督")


def _qualification(card_no: str, level, occupation: str) -> tuple[str, int | None, str]:
    """考评员证号, level and 考评职业 as entered (all optional here; the 考评组 requires them)."""
    card = identity.clean("grader_card_no", card_no) if (card_no or "").strip() else ""
    if level in (None, ""):
        lvl = None
    else:
        try:
            lvl = codes.parse_level(level)
        except ValueError:
            raise DomainError(f"考评员等级「{level}」无法识别（如 三级、高级工、3）") from None
    occ = identity.clean("occupation_name", occupation) if (occupation or "").strip() else ""
    return card, lvl, occ


def _roles(roles) -> list[str]:
    out = []
    for r in roles:
        try:
            out.append(Role(r).value)
        except ValueError:
            raise DomainError(f"未知角色「{r}」") from None
    if not out:
        raise DomainError("至少需要一个角色")
    return sorted(set(out), key=[x.value for x in Role].index)


class StaffService(Service):
    @requires("staff.manage")
    def add(self, username: str, name: str, password: str, roles: list[str], *, id_no: str = "",
            unit: str = "", card_no: str = "", grader_card_no: str = "", grader_level: int | str | None = None,
            grader_occupation: str = "") -> int:
        for problem in (username_problem(username), password_problem(password)):
            if problem:
                raise DomainError(problem)
        name = identity.clean("staff_name", name)
        unit = identity.clean("unit", unit)
        role_list = _roles(roles)
        card_no = identity.clean("card_no", card_no) if (card_no or "").strip() else ""
        _card_checks(role_list, card_no)
        g_card, g_level, g_occ = _qualification(grader_card_no, grader_level, grader_occupation)
        if (id_no or "").strip():
            id_no = identity.clean_id_no(id_no)
            problem = id_number_problem(id_no)
            if problem:
                raise DomainError(problem)
        else:
            id_no = ""
        params = self.ctx.store.site.kdf
        hashed = passwords.hash_password(password, params)
        with self.ctx.unit_of_work() as uow:
            if uow.session.scalars(select(models.Staff).where(models.Staff.username == username)).first():
                raise Conflict(f"用户名「{username}」已存在")
            staff = models.Staff(username=username, name=name.strip(), roles=role_list, id_no=id_no.upper(),
                                 unit=unit, card_no=card_no, grader_card_no=g_card, grader_level=g_level,
                                 grader_occupation=g_occ, password_hash=hashed, created_at=self.ctx.now())
            uow.session.add(staff)
            uow.session.flush()
            uow.journal("staff.create", username, {"name": staff.name, "roles": role_list, "unit": unit,
                                                   "card_no": card_no, "grader_card_no": g_card,
                                                   "grader_level": g_level, "grader_occupation": g_occ})
            return staff.id

    @requires("staff.manage")
    def set_roles(self, username: str, roles: list[str], card_no: str | None = None) -> None:
        role_list = _roles(roles)
        with self.ctx.unit_of_work() as uow:
            staff = self._get(uow.session, username)
            card = identity.normalise("card_no", card_no if card_no is not None else staff.card_no)
            if card and identity.problem("card_no", card):
                raise DomainError(identity.problem("card_no", card))
            _card_checks(role_list, card)
            before = list(staff.roles)
            staff.roles, staff.card_no = role_list, card
            uow.journal("staff.roles", username, {"before": before, "after": role_list, "card_no": card})

    @requires("staff.manage")
    def set_grader_qualification(self, username: str, card_no: str, level: int | str | None,
                                 occupation: str) -> None:
        """Record (or correct) a grader's 考评员证号, level and 考评职业 (Henan form "考评员证书情况：
        考评职业 / 证书编号" [002 L3112–3113]); the 考评组 checks them against the batch."""
        g_card, g_level, g_occ = _qualification(card_no, level, occupation)
        with self.ctx.unit_of_work() as uow:
            staff = self._get(uow.session, username)
            before = [staff.grader_card_no, staff.grader_level, staff.grader_occupation]
            staff.grader_card_no, staff.grader_level, staff.grader_occupation = g_card, g_level, g_occ
            uow.journal("staff.grader_qualification", username, {"before": before,
                                                                 "after": [g_card, g_level, g_occ]})

    @requires("staff.manage")
    def reset_password(self, username: str, new_password: str) -> None:
        problem = password_problem(new_password)
        if problem:
            raise DomainError(problem)
        hashed = passwords.hash_password(new_password, self.ctx.store.site.kdf)
        with self.ctx.unit_of_work() as uow:
            staff = self._get(uow.session, username)
            staff.password_hash = hashed
            staff.failed_logins = 0
            staff.locked_until = None
            uow.journal("staff.password_reset", username, {})

    @requires("staff.manage")
    def unlock(self, username: str) -> None:
        with self.ctx.unit_of_work() as uow:
            staff = self._get(uow.session, username)
            staff.failed_logins, staff.locked_until = 0, None
            uow.journal("staff.unlock", username, {})

    @requires("staff.manage")
    def set_active(self, username: str, active: bool) -> None:
        if username == self.ctx.actor.username and not active:
            raise DomainError("不能停用自己的账户")
        with self.ctx.unit_of_work() as uow:
            staff = self._get(uow.session, username)
            staff.active = active
            uow.journal("staff.activate" if active else "staff.deactivate", username, {})

    @requires("staff.list")
    def list(self) -> list[StaffView]:
        now = self.ctx.now()
        with self.ctx.reading() as s:
            return [StaffView(x.id, x.username, x.name, tuple(x.roles), x.unit, x.card_no, x.active,
                              bool(x.locked_until and x.locked_until > now), x.grader_card_no, x.grader_level,
                              x.grader_occupation)
                    for x in s.scalars(select(models.Staff).order_by(models.Staff.username))]

    @requires("batch.assign")
    def assign(self, plan_no: str, username: str, role: str) -> None:
        """Give a person a role in one batch.  A supervisor never grades in the same batch."""
        role_v = Role(role)
        with self.ctx.unit_of_work() as uow:
            staff = self._get(uow.session, username)
            if role_v.value not in staff.roles:
                raise DomainError(f"「{staff.name}」的账户没有「{ROLE_NAMES[role_v]}」角色")
            batch = find_batch(uow.session, plan_no)
            existing = {Role(a.role) for a in uow.session.scalars(
                select(models.BatchAssignment).where(models.BatchAssignment.batch_id == batch.id,
                                                     models.BatchAssignment.staff_id == staff.id))}
            if role_v in existing:
                return
            problem = assignment_conflict(existing, role_v)
            if problem:
                raise Conflict(f"「{staff.name}」：{problem}")
            uow.session.add(models.BatchAssignment(batch_id=batch.id, staff_id=staff.id, role=role_v.value))
            uow.journal("batch.assign", plan_no, {"username": username, "role": role_v.value})

    @requires("batch.assign")
    def assignments(self, plan_no: str) -> list[tuple[str, str]]:
        with self.ctx.reading() as s:
            rows = s.execute(select(models.Staff.username, models.BatchAssignment.role)
                             .join(models.BatchAssignment, models.BatchAssignment.staff_id == models.Staff.id)
                             .join(models.Batch, models.Batch.id == models.BatchAssignment.batch_id)
                             .where(models.Batch.plan_no == plan_no).order_by(models.Staff.username))
            return [(u, r) for u, r in rows]

    @staticmethod
    def _get(session, username: str) -> models.Staff:
        staff = session.scalars(select(models.Staff).where(models.Staff.username == username)).first()
        if staff is None:
            raise NotFound(f"用户「{username}」不存在")
        return staff
