"""Reading and verifying the journal."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core import sitetime
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

    @requires("journal.view")
    def search(self, limit: int = 500, actor: str = "", area: str = "", day_from: _dt.date | None = None,
               day_to: _dt.date | None = None) -> list[JournalLine]:
        """Newest first, filtered by who (username), what (the action's area, e.g. ``scoring``) and
        when (site days, China Standard Time, both ends included)."""
        with self.ctx.reading() as s:
            q = select(models.JournalEntry).order_by(models.JournalEntry.seq.desc()).limit(limit)
            if actor:
                q = q.where(models.JournalEntry.actor == actor)
            if area:
                q = q.where(models.JournalEntry.action.startswith(area + "."))
            if day_from:
                q = q.where(models.JournalEntry.ts >= _iso(sitetime.at(day_from, 0)))
            if day_to:
                q = q.where(models.JournalEntry.ts < _iso(sitetime.at(day_to + _dt.timedelta(days=1), 0)))
            return [JournalLine(r.seq, r.ts, r.actor, r.role, r.machine, r.action, r.subject, r.payload)
                    for r in s.scalars(q)]

    @requires("journal.view")
    def people(self) -> dict[str, str]:
        """username -> name of every account, for showing who did what."""
        with self.ctx.reading() as s:
            return {u: n for u, n in s.execute(select(models.Staff.username, models.Staff.name))}

    @requires("journal.checkpoint")
    def checkpoint(self) -> int | None:
        return self.ctx.store.journal.checkpoint_if_behind()


def _iso(ts: _dt.datetime) -> str:
    """The journal's own timestamp text (UTC, milliseconds, ``Z``) so text comparison orders by time."""
    return ts.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
