import datetime as dt

import pytest

from app.core.errors import Conflict, DomainError, PermissionDenied
from app.services.base import Clock
from app.services.staff import StaffService


class FixedClock(Clock):
    def __init__(self):
        self.t = dt.datetime(2026, 12, 5, 8, 0, tzinfo=dt.timezone.utc)

    def now(self):
        return self.t


def test_lockout_after_repeated_failures_and_unlock(site, admin):
    site.clock = clock = FixedClock()
    StaffService(admin).add("kaowu", "李静", "Right-pass-1", ["staff"])
    for _ in range(4):
        with pytest.raises(PermissionDenied):
            site.login("kaowu", "wrong")
    with pytest.raises(PermissionDenied) as err:
        site.login("kaowu", "wrong")
    assert "锁定" in str(err.value)
    with pytest.raises(PermissionDenied) as err:
        site.login("kaowu", "Right-pass-1")  # even the right password, while locked
    assert "锁定" in str(err.value)
    clock.t += dt.timedelta(minutes=16)
    assert site.login("kaowu", "Right-pass-1").actor.username == "kaowu"


def test_admin_unlock_and_failures_are_journaled(site, admin):
    StaffService(admin).add("kaowu", "李静", "Right-pass-1", ["staff"])
    for _ in range(5):
        with pytest.raises(PermissionDenied):
            site.login("kaowu", "wrong")
    StaffService(admin).unlock("kaowu")
    assert site.login("kaowu", "Right-pass-1")
    from app.services.journal import JournalService
    actions = [e.action for e in JournalService(admin).recent()]
    assert actions.count("auth.failed") == 4 and "auth.locked" in actions and "staff.unlock" in actions


def test_password_is_not_stored_in_clear(site, admin, site_dir):
    StaffService(admin).add("kaowu", "李静", "Right-pass-1", ["staff"])
    with site.store.read() as s:
        from app.store import models
        h = s.query(models.Staff).filter_by(username="kaowu").one().password_hash
    assert h.startswith("argon2id$") and "Right-pass-1" not in h


def test_role_choice_at_login(site, admin):
    StaffService(admin).add("zuzhang", "陈", "Right-pass-1", ["chief_grader", "grader"])
    assert site.login("zuzhang", "Right-pass-1", "grader").actor.role == "grader"
    with pytest.raises(PermissionDenied):
        site.login("zuzhang", "Right-pass-1", "admin")


def test_supervisor_needs_a_valid_card(admin):
    svc = StaffService(admin)
    with pytest.raises(DomainError, match="证卡"):
        svc.add("neidu", "刘", "Right-pass-1", ["internal_supervisor"])
    with pytest.raises(DomainError, match="H/Y/S"):
        svc.add("neidu", "刘", "Right-pass-1", ["internal_supervisor"], card_no="R41210012")
    svc.add("neidu", "刘", "Right-pass-1", ["internal_supervisor"], card_no="S010123260001")


def test_grader_and_supervisor_never_in_same_batch(demo, demo_login):
    admin = demo_login("admin")
    svc = StaffService(admin)
    svc.add("both", "两者", "Right-pass-1", ["grader", "internal_supervisor"], card_no="S010123260009")
    svc.assign("2026-41-DG-0001", "both", "grader")
    with pytest.raises(Conflict, match="第十六条"):
        svc.assign("2026-41-DG-0001", "both", "internal_supervisor")
    # the demo's supervisors cannot be made graders either
    svc.set_roles("neidu", ["internal_supervisor", "grader"])
    with pytest.raises(Conflict):
        svc.assign("2026-41-DG-0001", "neidu", "grader")


def test_weak_password_and_duplicate_user(admin):
    svc = StaffService(admin)
    with pytest.raises(DomainError, match="至少8位"):
        svc.add("x1", "甲", "short", ["staff"])
    svc.add("x1", "甲", "Long-enough-1", ["staff"])
    with pytest.raises(Conflict):
        svc.add("x1", "乙", "Long-enough-1", ["staff"])
