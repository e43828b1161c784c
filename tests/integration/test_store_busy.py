"""A busy store is never an error a person sees as a traceback (issue 16, item 3): a writer
that cannot get the write lock retries with back-off; if another writer still holds the lock
when its bound has passed, the operation is refused with one Chinese line (a DomainError)
and nothing is written.  A second, real SQLCipher connection holds the lock."""

from __future__ import annotations

import threading

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import func, select

from app.core.errors import DomainError
from app.services.staff import StaffService
from app.store import models
from app.store.engine import StoreBusy
from tests.conftest import ADMIN_PASSWORD


class Holder:
    """Another connection to the same store holding the write lock (BEGIN IMMEDIATE)."""

    def __init__(self, store):
        self.conn = sqlcipher.connect(str(store.db_path), isolation_level=None, check_same_thread=False)
        self.conn.execute(store.keys.sqlcipher_pragma())
        self.conn.execute("BEGIN IMMEDIATE")

    def release(self):
        self.conn.execute("ROLLBACK")
        self.conn.close()


def _entries(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(models.JournalEntry))


def test_a_writer_held_out_past_its_bound_gets_one_chinese_line_and_writes_nothing(site, admin):
    site.store.busy_bound_s = 0.3
    staff = StaffService(admin)
    before = _entries(site.store)
    holder = Holder(site.store)
    try:
        with pytest.raises(StoreBusy) as info:
            staff.unlock("admin")
    finally:
        holder.release()
    message = str(info.value)
    assert isinstance(info.value, DomainError)
    assert "\n" not in message and "站点数据库正忙" in message and "未作任何改动" in message
    assert "Traceback" not in message and "locked" not in message
    assert _entries(site.store) == before
    staff.unlock("admin")                      # the same call goes through once the lock is free
    assert _entries(site.store) == before + 1


def test_a_login_retries_and_succeeds_when_the_other_writer_lets_go(site):
    """The lock is held when the login starts; it is let go only once the login has failed
    to take it and tries again.  The login succeeds, with no error at all."""
    holder = Holder(site.store)
    attempts = []
    second = threading.Event()
    real = site.store._write

    def counting():
        attempts.append(1)
        if len(attempts) == 2:
            second.set()
        return real()

    site.store._write = counting
    t = threading.Thread(target=lambda: (second.wait(60), holder.release()))
    t.start()
    try:
        ctx = site.login("admin", ADMIN_PASSWORD)
    finally:
        second.set()
        t.join()
        site.store._write = real
    assert ctx.actor.username == "admin" and len(attempts) >= 2
    with site.store.read() as s:
        assert s.scalars(select(models.JournalEntry.action).order_by(models.JournalEntry.seq.desc())).first() \
            == "auth.login"
