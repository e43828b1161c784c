"""Tables of the check-in desk (检录): sessions, check-ins, door photos, door incidents and
seat plans.  Everything lives in the encrypted store.  The ban list is issue 8's (``bans_tables``)."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base, Candidate
from app.store.types import JSONText, UTCDateTime


class CheckinSession(Base):
    """场次: one subject of one batch at one time; check-in happens per session."""

    __tablename__ = "checkin_session"
    __table_args__ = (UniqueConstraint("batch_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    late_minutes: Mapped[int] = mapped_column(Integer, default=30)
    absent_marked_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class DoorPhoto(Base):
    """The picture taken at the desk when a person decided (kept as evidence)."""

    __tablename__ = "door_photo"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    taken_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    sha256: Mapped[str] = mapped_column(String(64))
    jpeg: Mapped[bytes] = mapped_column(LargeBinary)


class Checkin(Base):
    """One candidate's state at the door of one session: present or absent.
    An undone check-in stays, marked undone; only one live row per candidate and session."""

    __tablename__ = "checkin"
    __table_args__ = (
        Index("uq_checkin_live", "session_id", "candidate_id", unique=True,
              sqlite_where=text("undone_at IS NULL")),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("checkin_session.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(16))  # present | absent
    at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    by_username: Mapped[str] = mapped_column(String(32))
    by_name: Mapped[str] = mapped_column(String(40))
    room: Mapped[str] = mapped_column(String(40), default="")  # where admitted (counters read this table only)
    seat: Mapped[str] = mapped_column(String(20), default="")
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("door_photo.id"), nullable=True)
    override_by: Mapped[str] = mapped_column(String(32), default="")
    override_reason: Mapped[str] = mapped_column(Text, default="")
    undone_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    undone_by: Mapped[str] = mapped_column(String(32), default="")


class DoorIncident(Base):
    """Something at the door the room head must see (e.g. suspected 冒名顶替)."""

    __tablename__ = "door_incident"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("checkin_session.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    note: Mapped[str] = mapped_column(Text, default="")
    reported_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    reported_by: Mapped[str] = mapped_column(String(32))
    photo_id: Mapped[int | None] = mapped_column(ForeignKey("door_photo.id"), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default="open")
    bookmark_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # camera_bookmark.id (evidence)


class SeatPlanRow(Base):
    """座位/机位 plan of one room in one batch, and how it was assigned."""

    __tablename__ = "seat_plan"
    __table_args__ = (UniqueConstraint("batch_id", "room"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"))
    room: Mapped[str] = mapped_column(String(40))
    rows: Mapped[int] = mapped_column(Integer, default=0)
    cols: Mapped[int] = mapped_column(Integer, default=0)
    terminals: Mapped[list] = mapped_column(JSONText, default=list)
    mode: Mapped[str] = mapped_column(String(16))
    seed: Mapped[int | None] = mapped_column(Integer, nullable=True)
    assigned_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    assigned_by: Mapped[str] = mapped_column(String(32))


# Expected counts per room read this narrow index, never the candidate rows (which carry photos).
Index("ix_candidate_batch_room", Candidate.batch_id, Candidate.room)
