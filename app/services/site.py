"""Creating and opening a site; the institution's settings; logging in."""

from __future__ import annotations

import datetime as _dt
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select

from app.core import codes
from app.core import passwords
from app.core import profiles
from app.core.actor import Actor, system_actor
from app.core.errors import DomainError, PermissionDenied
from app.core.roles import ROLE_NAMES, Role
from app.core.site import LOCK_MINUTES, MAX_FAILED_LOGINS, Institution, password_problem, username_problem
from app.services.profile import PROFILE_SETTING, site_profile
from app.services.base import Clock, Service, ServiceContext, check_password_early, requires
from app.store import engine as store_engine
from app.store import models
from app.store.keys import NotASite, WrongPassphrase

__all__ = ["SiteHandle", "create_site", "open_site", "SiteService", "WrongPassphrase", "NotASite",
           "site_profile", "PROFILE_SETTING"]


@dataclass(frozen=True)
class SiteSummary:
    site_id: str
    institution: Institution | None
    batches: list[tuple[str, str]]  # (plan_no, label)


class SiteHandle:
    """An open site, before and after login.  The UI holds this, never the store."""

    def __init__(self, store: store_engine.Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()

    @property
    def site_dir(self) -> Path:
        return self.store.site_dir

    @property
    def migration_backup(self) -> str | None:
        return self.store.migration_backup

    def system_context(self) -> ServiceContext:
        return ServiceContext(self.store, system_actor(self.store.machine), self.clock)

    @property
    def record_appliers(self):
        """What the site link applies each record kind with (the composition root's list)."""
        from app.services.appliers import RECORD_APPLIERS

        return RECORD_APPLIERS

    def summary(self) -> SiteSummary:
        with self.store.read() as s:
            inst = s.get(models.Setting, "institution")
            batches = [(b.plan_no, codes.batch_label(b.plan_no, b.occupation_name, b.level, b.work_type))
                       for b in s.scalars(select(models.Batch).order_by(models.Batch.exam_start))]
        return SiteSummary(self.store.site_id, Institution(**inst.value) if inst else None, batches)

    def roles_of(self, username: str) -> list[str]:
        """Roles offered at the login screen (reveals nothing for unknown names)."""
        with self.store.read() as s:
            staff = s.scalars(select(models.Staff).where(models.Staff.username == username)).first()
            return list(staff.roles) if staff and staff.active else []

    def login(self, username: str, password: str, role: Role | str | None = None) -> ServiceContext:
        """Check the password; lock the account after repeated failures.  Returns the
        context the person works in, in one role."""
        now = self.clock.now()
        ctx_sys = self.system_context()
        failure: PermissionDenied | None = None
        actor: Actor | None = None
        # Argon2 before BEGIN IMMEDIATE: a login must not hold every other writer (the
        # room's answers included) for the length of a hash.
        check = check_password_early(ctx_sys, password, username=username)
        with ctx_sys.unit_of_work() as uow:
            staff = uow.session.scalars(select(models.Staff).where(models.Staff.username == username)).first()
            if staff is None or not staff.active:
                uow.journal("auth.failed", username, {"reason": "unknown"})
                failure = PermissionDenied("用户名或密码错误")
            elif staff.locked_until and staff.locked_until > now:
                left = int((staff.locked_until - now).total_seconds() // 60) + 1
                uow.journal("auth.refused_locked", username, {})
                failure = PermissionDenied(f"账户已锁定，请 {left} 分钟后再试或请管理员解锁")
            elif not check.holds(staff.password_hash):
                staff.failed_logins += 1
                payload = {"failed_logins": staff.failed_logins}
                if staff.failed_logins >= MAX_FAILED_LOGINS:
                    staff.locked_until = now + _dt.timedelta(minutes=LOCK_MINUTES)
                    staff.failed_logins = 0
                    payload["locked_until"] = staff.locked_until.isoformat()
                    uow.journal("auth.locked", username, payload)
                    failure = PermissionDenied(f"密码连续错误 {MAX_FAILED_LOGINS} 次，账户已锁定 {LOCK_MINUTES} 分钟")
                else:
                    uow.journal("auth.failed", username, payload)
                    failure = PermissionDenied("用户名或密码错误")
            else:
                roles = list(staff.roles)
                chosen = str(Role(role).value) if role else (roles[0] if roles else "")
                if chosen not in roles:
                    uow.journal("auth.failed", username, {"reason": "role", "role": chosen})
                    failure = PermissionDenied(f"该账户没有「{ROLE_NAMES.get(Role(chosen), chosen)}」角色")
                else:
                    staff.failed_logins = 0
                    staff.locked_until = None
                    actor = Actor(staff.id, staff.username, staff.name, Role(chosen), self.store.machine)
                    uow.journal("auth.login", username, {"role": chosen})
        if failure is not None:
            raise failure
        return ServiceContext(self.store, actor, self.clock)

    def close(self, checkpoint: bool = True) -> None:
        self.store.close(checkpoint)


def open_site(site_dir: Path | str, passphrase: str, clock: Clock | None = None) -> SiteHandle:
    handle = SiteHandle(store_engine.open_store(site_dir, passphrase), clock)
    from app.services.export_recovery import recover_interrupted_exports

    recover_interrupted_exports(handle.system_context())  # an export killed mid-way: failed, staging gone
    return handle


def create_site(site_dir: Path | str, passphrase: str, institution: Institution, admin_username: str,
                admin_name: str, admin_password: str, kdf: dict | None = None,
                clock: Clock | None = None, profile: str = profiles.DEFAULT) -> SiteHandle:
    """A new site folder with its first administrator.  Everything is journaled.

    ``profile``: the province profile (app.core.profiles) whose rules the site follows; stored as
    the ``profile`` setting, in the journal (hash chain with signed checkpoints) and the bundle."""
    try:
        chosen = profiles.get(profile)
    except profiles.ProfileError as exc:
        raise DomainError(str(exc)) from None
    problems = institution.problems()
    if problems:
        raise DomainError("评价机构信息有误：" + "；".join(problems))
    for problem in (username_problem(admin_username), password_problem(admin_password)):
        if problem:
            raise DomainError(problem)
    store = store_engine.create_store(site_dir, passphrase, kdf)
    handle = SiteHandle(store, clock)
    ctx = handle.system_context()
    admin_hash = passwords.hash_password(admin_password, store.site.kdf)  # before the write lock
    with ctx.unit_of_work() as uow:
        uow.session.add(models.Setting(key="institution", value=asdict(institution)))
        uow.session.add(models.Setting(key="password_kdf", value=dict(store.site.kdf)))
        uow.session.add(models.Setting(key=PROFILE_SETTING, value={"key": chosen.key}))
        uow.journal("site.profile", chosen.key, {"profile": chosen.to_dict()})
        uow.journal("site.create", store.site_id, {"institution": asdict(institution),
                                                   "public_keys": dict(store.site.public_keys)})
        uow.session.add(models.Staff(username=admin_username, name=admin_name, roles=[Role.ADMIN.value],
                                     password_hash=admin_hash,
                                     created_at=ctx.now()))
        uow.journal("staff.create", admin_username, {"name": admin_name, "roles": [Role.ADMIN.value]})
    return handle


class SiteService(Service):
    @requires("site.view")
    def institution(self) -> Institution | None:
        with self.ctx.reading() as s:
            row = s.get(models.Setting, "institution")
            return Institution(**row.value) if row else None

    @requires("site.configure")
    def set_institution(self, institution: Institution) -> None:
        problems = institution.problems()
        if problems:
            raise DomainError("评价机构信息有误：" + "；".join(problems))
        with self.ctx.unit_of_work() as uow:
            row = uow.session.get(models.Setting, "institution")
            before = row.value if row else None
            if row is None:
                uow.session.add(models.Setting(key="institution", value=asdict(institution)))
            else:
                row.value = asdict(institution)
            uow.journal("site.institution", institution.name, {"before": before, "after": asdict(institution)})

    @requires("site.view")
    def profile(self) -> profiles.Profile:
        """The province profile the site follows (read-only once the site exists)."""
        with self.ctx.reading() as s:
            return site_profile(s)

    @requires("site.view")
    def filed_scope(self) -> list:
        """备案范围: the occupations, 工种 and levels the institution is filed for (app.core.scope)."""
        from app.core import scope

        with self.ctx.reading() as s:
            row = s.get(models.Setting, scope.SETTING)
            return scope.parse_rows(row.value) if row else []

    @requires("site.configure")
    def set_filed_scope(self, rows: list[dict]) -> None:
        """Record the filed scope as the 备案 lists it: one row per 工种, levels "5、4、3"."""
        from app.core import scope

        try:
            parsed = scope.parse_rows(rows)
        except (KeyError, ValueError) as exc:
            raise DomainError(f"备案范围有误：{exc}") from None
        for r in parsed:
            problem = scope.row_problem(r)
            if problem:
                raise DomainError(f"备案范围有误：{problem}")
        if not parsed:
            raise DomainError("备案范围至少一行")
        value = [r.to_dict() for r in parsed]
        with self.ctx.unit_of_work() as uow:
            row = uow.session.get(models.Setting, scope.SETTING)
            before = row.value if row else None
            if row is None:
                uow.session.add(models.Setting(key=scope.SETTING, value=value))
            else:
                row.value = value
            uow.journal("site.filed_scope", "", {"before": before, "after": value})

    @requires("site.view")
    def counts(self) -> dict[str, int]:
        with self.ctx.reading() as s:
            return {
                "batches": s.scalar(select(func.count()).select_from(models.Batch)),
                "candidates": s.scalar(select(func.count()).select_from(models.Candidate)),
                "staff": s.scalar(select(func.count()).select_from(models.Staff)),
            }
