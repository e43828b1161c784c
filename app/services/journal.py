"""Reading and verifying the journal."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core.journal import VerifyReport
from app.services.base import Service, requires
from app.store import models


@dataclass(frozen=True)
class JournalLine:
    seq: int
    ts: str
    actor: str
    role: str
    machine: str
    action: str
    subject: str
    payload: str


class JournalService(Service):
    @requires("journal.verify")
    def verify(self) -> VerifyReport:
        return self.ctx.store.journal.verify()

    @requires("journal.view")
    def recent(self, limit: int = 200, action_prefix: str = "") -> list[JournalLine]:
        with self.ctx.reading() as s:
            q = select(models.JournalEntry).order_by(models.JournalEntry.seq.desc()).limit(limit)
            if action_prefix:
                q = q.where(models.JournalEntry.action.startswith(action_prefix))
            return [JournalLine(r.seq, r.ts, r.actor, r.role, r.machine, r.action, r.subject, r.payload)
                    for r in s.scalars(q)]

    @requires("journal.checkpoint")
    def checkpoint(self) -> int | None:
        return self.ctx.store.journal.checkpoint_if_behind()
