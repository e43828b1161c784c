"""What every service shares: the context (store, actor, clock), role checks, the unit of work."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core import passwords
from app.core.errors import NotFound, PermissionDenied
from app.core.roles import CAPABILITIES, ROLE_NAMES, Role, allowed
from app.store import models
from app.store.unit import Clock, ServiceContext, UnitOfWork  # noqa: F401 - re-exported for the services

# Every guarded service method, for the test that tries each one with each role.
REGISTRY: list[tuple[str, str, Callable]] = []


def requires(capability: str):
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}")

    def wrap(fn):
        @functools.wraps(fn)
        def guarded(self, *args, **kwargs):
            role = self.ctx.actor.role
            try:
                ok = allowed(role, capability)
            except ValueError:  # 'system' or an unknown role string
                ok = False
            if not ok:
                name = ROLE_NAMES.get(Role(role), str(role)) if role in set(Role) else str(role)
                raise PermissionDenied(f"「{name}」无权执行此操作（{capability}）")
            return fn(self, *args, **kwargs)

        guarded.capability = capability
        REGISTRY.append((fn.__qualname__, capability, guarded))
        return guarded

    return wrap


class Service:
    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx


@dataclass(frozen=True)
class PasswordCheck:
    """A password checked *before* the write transaction, against the hash stored then.

    Argon2id is slow on purpose (~200 ms with the site KDF) and ``unit_of_work`` holds the
    store's only write lock, so the hash is computed outside it (``check_password_early``)
    and the verdict is used inside with ``holds(hash_as_stored_now)``.  The same hash gives
    the verdict already reached; a hash that changed in between (a password reset racing
    the signature) is checked again, so an old password never passes against a new hash.
    Lockout counting stays with the caller, inside its transaction."""
    password: str = field(repr=False)
    checked_hash: str | None   # None: not checked early (no such account, inactive or locked)
    ok: bool

    def holds(self, stored_hash: str | None) -> bool:
        if not stored_hash:
            return False
        if stored_hash == self.checked_hash:
            return self.ok
        return passwords.check_password(self.password, stored_hash)


def check_password_early(ctx: ServiceContext, password: str, *, staff_id: int | None = None,
                         username: str | None = None, mind_lock: bool = True) -> PasswordCheck:
    """Read the account's hash (a read, no write lock) and verify ``password`` against it.
    An account that is unknown, inactive or (with ``mind_lock``) locked right now is not
    hashed at all: the transaction refuses it, or (if it changed meanwhile) ``holds``
    checks it there.  Checks that do not count toward the lockout pass ``mind_lock=False``."""
    with ctx.reading() as s:
        if staff_id is not None:
            staff = s.get(models.Staff, staff_id)
        else:
            staff = s.scalars(select(models.Staff).where(models.Staff.username == username)).first()
        stored = staff.password_hash if staff is not None and staff.active else None
        locked = mind_lock and staff is not None and bool(staff.locked_until) and staff.locked_until > ctx.now()
    if not stored or locked:
        return PasswordCheck(password, None, False)
    return PasswordCheck(password, stored, passwords.check_password(password, stored))


def find_batch(session: Session, plan_no: str) -> models.Batch:
    """The batch (认定批次) with this plan number, or NotFound naming it."""
    batch = session.scalars(select(models.Batch).where(models.Batch.plan_no == plan_no)).first()
    if batch is None:
        raise NotFound(f"认定计划「{plan_no}」不存在")
    return batch
