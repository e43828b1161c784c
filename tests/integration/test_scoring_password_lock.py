"""Signing re-checks the password with Argon2 (slow on purpose); the store's write lock must
not be held meanwhile, or every other writer on the master waits behind each signature.

The Argon2 check is wrapped: while it runs, another connection to the same store tries to
take the write lock (BEGIN IMMEDIATE) with a short busy timeout and commit.  That must
succeed.  No timing is asserted: only whether a write could commit during the check."""

from __future__ import annotations

import threading

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select

from app.core import passwords
from app.core.errors import PermissionDenied
from app.services.roster import RosterService
from app.services.staff import StaffService
from app.store import models
from tests.scoring_support import FULL, PASSWORDS, PLAN, score, setup_scoring, signature_png


def _try_write(store) -> bool:
    """From another thread and connection: take the write lock within 0.2 s and commit."""
    result = []

    def run():
        conn = sqlcipher.connect(str(store.db_path), timeout=0.2, isolation_level=None, check_same_thread=False)
        try:
            conn.execute(store.keys.sqlcipher_pragma())
            conn.execute("PRAGMA busy_timeout = 200")
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("COMMIT")
            result.append(True)
        except sqlcipher.OperationalError:  # database is locked
            result.append(False)
        finally:
            conn.close()

    th = threading.Thread(target=run)
    th.start()
    th.join()
    return result[0]


@pytest.fixture
def probe(monkeypatch, demo):
    """Wrap the Argon2 check; each call records whether a write could commit while it ran."""
    seen: list[bool] = []
    real = passwords.check_password

    def wrapped(password, stored):
        seen.append(_try_write(demo.store))
        return real(password, stored)

    monkeypatch.setattr(passwords, "check_password", wrapped)
    return seen


def _staff(demo, username):
    with demo.store.read() as s:
        return s.scalars(select(models.Staff).where(models.Staff.username == username)).first()


def test_sign_sheet_does_not_hold_the_write_lock_during_the_password_check(tmp_path, demo_login, demo, probe):
    svc = setup_scoring(tmp_path, demo_login)
    t1 = RosterService(demo_login("admin")).candidates(PLAN)[0].ticket_no
    g = svc["kaoping1"]
    g.grading.save_sheet(PLAN, t1, FULL)
    probe.clear()
    with pytest.raises(PermissionDenied, match="密码错误，未签字"):
        g.grading.sign_sheet(PLAN, t1, "guess-1234", signature_png())
    assert probe == [True]
    assert _staff(demo, "kaoping1").failed_logins == 1          # still counted toward the lockout
    probe.clear()
    signed = g.grading.sign_sheet(PLAN, t1, PASSWORDS["kaoping1"], signature_png())
    assert signed.status == "signed"
    assert probe == [True]                                      # one check, and outside the transaction
    assert _staff(demo, "kaoping1").failed_logins == 0


def test_sign_summary_does_not_hold_the_write_lock_during_the_password_check(tmp_path, demo_login, demo, probe):
    svc = setup_scoring(tmp_path, demo_login)
    cands = RosterService(demo_login("admin")).candidates(PLAN)
    for u in ("kaoping1", "kaoping2", "zuzhang"):
        score(svc[u], u, cands[0].ticket_no, FULL)
    for c in cands[1:]:
        svc["chief"].chief.mark_absent(PLAN, c.ticket_no, "未到场")
    probe.clear()
    with pytest.raises(PermissionDenied, match="密码错误，未签字"):
        svc["chief"].chief.sign_summary(PLAN, "guess-1234", signature_png())
    probe_wrong = list(probe)
    probe.clear()
    sig = svc["chief"].chief.sign_summary(PLAN, PASSWORDS["zuzhang"], signature_png())
    assert sig.role == "chief" and probe_wrong == [True] and probe == [True]
    with demo.store.read() as s:
        actions = list(s.scalars(select(models.JournalEntry.action).where(
            models.JournalEntry.action.like("scoring.s%"))))
    assert "scoring.sign_refused" in actions and "scoring.summary_sign" in actions


def test_password_reset_racing_a_signature_does_not_let_the_old_password_sign(tmp_path, demo_login, demo,
                                                                               monkeypatch):
    """The hash is re-read in the transaction; if it changed after the early check, the
    password is checked again against the new hash (an old password is refused, and counted)."""
    svc = setup_scoring(tmp_path, demo_login)
    t1 = RosterService(demo_login("admin")).candidates(PLAN)[0].ticket_no
    g = svc["kaoping1"]
    g.grading.save_sheet(PLAN, t1, FULL)
    staff_admin = StaffService(demo_login("admin"))
    real = passwords.check_password
    calls = []

    def racing(password, stored):
        ok = real(password, stored)
        calls.append(ok)
        if len(calls) == 1:        # the early check passed; the admin resets the password right then
            staff_admin.reset_password("kaoping1", "Brand-new-pass-9")
        return ok

    monkeypatch.setattr(passwords, "check_password", racing)
    with pytest.raises(PermissionDenied, match="密码错误，未签字"):
        g.grading.sign_sheet(PLAN, t1, PASSWORDS["kaoping1"], signature_png())
    assert calls == [True, False]  # checked early against the old hash, again against the new one
    assert g.grading.my_sheet(PLAN, t1).status == "draft"
    assert _staff(demo, "kaoping1").failed_logins == 1
    monkeypatch.setattr(passwords, "check_password", real)
    assert g.grading.sign_sheet(PLAN, t1, "Brand-new-pass-9", signature_png()).status == "signed"


def test_locked_account_is_refused_without_hashing(tmp_path, demo_login, demo, probe):
    from app.services.site import MAX_FAILED_LOGINS

    svc = setup_scoring(tmp_path, demo_login)
    t1 = RosterService(demo_login("admin")).candidates(PLAN)[0].ticket_no
    g = svc["kaoping1"]
    g.grading.save_sheet(PLAN, t1, FULL)
    for _ in range(MAX_FAILED_LOGINS - 1):
        with pytest.raises(PermissionDenied, match="密码错误"):
            g.grading.sign_sheet(PLAN, t1, "guess-1234", signature_png())
    with pytest.raises(PermissionDenied, match=f"连续错误 {MAX_FAILED_LOGINS} 次"):
        g.grading.sign_sheet(PLAN, t1, "guess-1234", signature_png())
    probe.clear()
    with pytest.raises(PermissionDenied, match="账户已锁定，未签字"):
        g.grading.sign_sheet(PLAN, t1, PASSWORDS["kaoping1"], signature_png())
    assert probe == []
    with demo.store.read() as s:
        locked = list(s.scalars(select(models.JournalEntry.payload).where(models.JournalEntry.action == "auth.locked",
                                                                          models.JournalEntry.subject == "kaoping1")))
    assert len(locked) == 1 and '"during":"sign"' in locked[0].replace(" ", "")
