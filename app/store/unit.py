"""The unit of work: one durable transaction and the journal entries written through it.

It lives with the store because everything that changes data uses it -- the services, and
the site link's group commit, which sits below the services and may not import them.
``app.services.base`` re-exports these names; services keep importing them from there."""

from __future__ import annotations

import datetime as _dt
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from sqlalchemy.orm import Session

from app.core.actor import Actor
from app.store.engine import Store


class Clock:
    """The only place services read the time (tests give a fixed or stepping clock)."""

    def now(self) -> _dt.datetime:
        return _dt.datetime.now(_dt.timezone.utc)


@dataclass
class UnitOfWork:
    session: Session
    ctx: "ServiceContext"
    entries: list = field(default_factory=list)

    def journal(self, action: str, subject: str = "", payload: dict | None = None):
        entry = self.ctx.store.journal.append(self.session, self.ctx.actor, action, subject, payload,
                                              self.ctx.clock.now())
        self.entries.append(entry)
        return entry


@dataclass
class ServiceContext:
    store: Store
    actor: Actor
    clock: Clock = field(default_factory=Clock)

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        """One durable transaction; journal entries written through it commit with the change."""
        with self.store.write() as session:
            yield UnitOfWork(session, self)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.store.read() as session:
            yield session

    def now(self) -> _dt.datetime:
        return self.clock.now()
