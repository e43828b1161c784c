"""Lookups and settings shared by the results, misconduct, certificate and publication services."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import profiles
from app.core import results as core_results
from app.core.errors import NotFound, PermissionDenied
from app.core.site import Institution
from app.core.workdays import DEFAULT_PUBLICATION_WORKDAYS, HolidayCalendar
from app.services.base import PasswordCheck, ServiceContext, check_password_early
from app.services.profile import site_profile
from app.store import models
from app.store import results_tables as rt
from app.store import scoring_tables as st

MACHINE_ROLE = "machine_role"  # "master" on the site master laptop
HOLIDAYS = "holiday_calendar"
PUBLICATION_WORKDAYS = "publication_workdays"
ISSUER = "certificate_issuer"  # 发证机构 (defaults to the institution's name)


def candidate(session: Session, ticket_no: str) -> models.Candidate:
    c = session.scalars(select(models.Candidate).where(models.Candidate.ticket_no == ticket_no)).first()
    if c is None:
        raise NotFound(f"准考证号「{ticket_no}」不存在")
    return c


def setting(session: Session, key: str, default=None):
    row = session.get(models.Setting, key)
    return row.value if row is not None else default


def put_setting(session: Session, key: str, value) -> object:
    row = session.get(models.Setting, key)
    before = row.value if row else None
    if row is None:
        session.add(models.Setting(key=key, value=value))
    else:
        row.value = value
    return before


def calendar(session: Session) -> HolidayCalendar:
    value = setting(session, HOLIDAYS, {}) or {}
    return HolidayCalendar.from_lists(value.get("holidays", ()), value.get("workdays", ()))


def publication_workdays(session: Session) -> int:
    return int(setting(session, PUBLICATION_WORKDAYS, DEFAULT_PUBLICATION_WORKDAYS))


def institution(session: Session) -> Institution:
    row = session.get(models.Setting, "institution")
    if row is None:
        raise NotFound("尚未登记评价机构信息")
    return Institution(**row.value)


def review(session: Session, batch_id: int) -> rt.ResultReview:
    r = session.get(rt.ResultReview, batch_id)
    if r is None:
        r = rt.ResultReview(batch_id=batch_id, stage="entered", signatures=[], reopened=[])
        session.add(r)
        session.flush()
    return r


ACTIVE_FINDING = ("decided", "appealed", "reviewed")   # misconduct findings whose penalty applies


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


REVIEW_ADDED = "review_added"   # setting: plan numbers whose 综合评审 the institution added (可增加)


def review_added(session: Session, plan_no: str) -> bool:
    return plan_no in (setting(session, REVIEW_ADDED) or [])


def subjects(session: Session, batch: models.Batch) -> tuple[str, ...]:
    """The batch's subjects: 综合评审 where the site's profile requires it for the level, or where the
    institution added it (app.core.profiles.review_applies)."""
    applies = profiles.review_applies(site_profile(session), batch.level, review_added(session, batch.plan_no))
    return core_results.required_subjects(batch.level, review=applies)


def review_panel(session: Session, batch: models.Batch) -> bool:
    """The batch has a 综合评审 panel (a scoring group of subject 'review'): its signed summary is then
    the road of the review score, not 双人复核."""
    return session.scalars(select(st.ScoringGroupMember.id).where(
        st.ScoringGroupMember.batch_id == batch.id, st.ScoringGroupMember.subject == "review")).first() is not None


def password_check(ctx: ServiceContext, username: str, password: str) -> PasswordCheck:
    """Hash the signer's password *before* the write transaction (Argon2 is slow on purpose
    and the transaction holds the store's only write lock); pass the result to
    ``reauthenticate`` inside it."""
    return check_password_early(ctx, password or "", username=username, mind_lock=False)


def reauthenticate(session: Session, username: str, password: "PasswordCheck | str",
                   role: str | None = None) -> models.Staff:
    """A signature: the person types their password again.  Raises PermissionDenied.
    ``password`` is normally a ``password_check`` made before the transaction; the hash
    is computed here only if the stored one changed in between (or for a bare string)."""
    staff = session.scalars(select(models.Staff).where(models.Staff.username == username)).first()
    check = password if isinstance(password, PasswordCheck) else PasswordCheck(password or "", None, False)
    if staff is None or not staff.active or not check.holds(staff.password_hash):
        raise PermissionDenied(f"「{username}」签字失败：用户名或密码错误")
    if role and role not in staff.roles:
        raise PermissionDenied(f"「{staff.name}」没有签署此项所需的角色")
    return staff


def local_today(now: _dt.datetime) -> _dt.date:
    """The site's calendar day (China Standard Time, UTC+8)."""
    return (now + _dt.timedelta(hours=8)).date()
