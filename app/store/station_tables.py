"""Tables of stations (issue 17).  On the master: which station is what, where, for which
session (``station``).  In a door desk's own encrypted store: the roster slice it was
provisioned with (``station_candidate``) and its own check-ins (``station_checkin``), each
tied to the signed record it sent (``seq``)."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import UTCDateTime


class Station(Base):
    """Master side: a machine enrolled as a station of a kind."""

    __tablename__ = "station"
    machine_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))
    room: Mapped[str] = mapped_column(String(40), default="")
    session_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    provisioned_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    candidates: Mapped[int] = mapped_column(Integer, default=0)


class StationCandidate(Base):
    """Desk side: one candidate of the session's roster slice, with the photo."""

    __tablename__ = "station_candidate"
    ticket_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    session_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(40))
    sex: Mapped[str] = mapped_column(String(8), default="")
    id_no: Mapped[str] = mapped_column(String(40), index=True)
    room: Mapped[str] = mapped_column(String(40), default="")
    seat: Mapped[str] = mapped_column(String(20), default="")
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)


class StationCheckin(Base):
    """Desk side: a check-in this desk made; ``seq`` is its record's number, ``verdict`` the
    master's answer once heard (``pending`` until then)."""

    __tablename__ = "station_checkin"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    session_id: Mapped[int] = mapped_column(Integer)
    ticket_no: Mapped[str] = mapped_column(String(40), index=True)
    at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    by_name: Mapped[str] = mapped_column(String(40), default="")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    verdict: Mapped[str] = mapped_column(String(24), default="pending")
    note: Mapped[str] = mapped_column(Text, default="")
