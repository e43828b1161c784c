"""The ban list (不得参加评价), kept across batches; check-in asks ``is_banned``."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from sqlalchemy import select

from app.core.errors import DomainError, NotFound
from app.core import codes, identity
from app.core.idcard import normalise
from app.services.base import Service, requires
from app.store.bans_tables import Ban


@dataclass(frozen=True)
class BanView:
    id: int
    id_no: str
    id_type: str
    name: str
    from_date: _dt.date
    until_date: _dt.date
    reason: str
    finding_ref: str | None
    lifted: bool


def _view(b: Ban) -> BanView:
    return BanView(b.id, b.id_no, b.id_type, b.name, b.from_date, b.until_date, b.reason, b.finding_ref,
                   b.lifted_at is not None)


def active_ban(session, id_no: str, on_date: _dt.date) -> Ban | None:
    return session.scalars(select(Ban).where(Ban.id_no == normalise(id_no), Ban.lifted_at.is_(None),
                                             Ban.from_date <= on_date, Ban.until_date >= on_date)
                           .order_by(Ban.until_date.desc())).first()


def add_ban(uow, id_no: str, id_type: str, name: str, from_date: _dt.date, until_date: _dt.date, reason: str,
            finding_ref: str | None) -> Ban:
    """Inside the caller's unit of work (a misconduct decision adds its ban in the same transaction)."""
    if until_date < from_date:
        raise DomainError("禁考截止日期早于开始日期")
    id_no = identity.clean_id_no(id_no, id_type) if id_type in codes.ID_TYPES else identity.clean("id_no", id_no)
    name = identity.clean("name", name) if (name or "").strip() else ""
    ban = Ban(id_no=normalise(id_no), id_type=id_type, name=name, from_date=from_date, until_date=until_date,
              reason=reason, finding_ref=finding_ref, created_by=uow.ctx.actor.username, created_at=uow.ctx.now())
    uow.session.add(ban)
    uow.session.flush()
    uow.journal("ban.add", normalise(id_no), {"ban": ban.id, "name": name, "from": from_date.isoformat(),
                                              "until": until_date.isoformat(), "reason": reason,
                                              "finding": finding_ref})
    return ban


def lift_bans(uow, finding_ref: str, reason: str) -> int:
    n = 0
    for ban in uow.session.scalars(select(Ban).where(Ban.finding_ref == finding_ref, Ban.lifted_at.is_(None))):
        ban.lifted_at, ban.lifted_reason = uow.ctx.now(), reason
        uow.journal("ban.lift", ban.id_no, {"ban": ban.id, "reason": reason})
        n += 1
    return n


class BanService(Service):
    @requires("ban.check")
    def is_banned(self, id_no: str, on_date: _dt.date) -> BanView | None:
        """The ban in force for this ID number on that day, or None."""
        with self.ctx.reading() as s:
            b = active_ban(s, id_no, on_date)
            return _view(b) if b else None

    @requires("ban.check")
    def list(self, include_lifted: bool = False) -> list[BanView]:
        with self.ctx.reading() as s:
            q = select(Ban).order_by(Ban.from_date.desc(), Ban.id.desc())
            if not include_lifted:
                q = q.where(Ban.lifted_at.is_(None))
            return [_view(b) for b in s.scalars(q)]

    @requires("ban.manage")
    def add(self, id_no: str, id_type: str, name: str, from_date: _dt.date, until_date: _dt.date, reason: str,
            finding_ref: str | None = None) -> int:
        """A ban decided elsewhere (another institution, the supervising department)."""
        if not (reason or "").strip():
            raise DomainError("须填写禁考原因及依据")
        with self.ctx.unit_of_work() as uow:
            return add_ban(uow, id_no, id_type, name, from_date, until_date, reason.strip(), finding_ref).id

    @requires("ban.manage")
    def lift(self, ban_id: int, reason: str) -> None:
        if not (reason or "").strip():
            raise DomainError("解除禁考须填写理由")
        with self.ctx.unit_of_work() as uow:
            ban = uow.session.get(Ban, ban_id)
            if ban is None:
                raise NotFound("禁考记录不存在")
            ban.lifted_at, ban.lifted_reason = self.ctx.now(), reason.strip()
            uow.journal("ban.lift", ban.id_no, {"ban": ban.id, "reason": reason.strip()})
