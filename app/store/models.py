"""Tables of the site store.  Names follow the domain's words (see architecture.md)."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from app.store.types import JSONText, UTCDateTime


class Base(DeclarativeBase):
    pass


class Setting(Base):
    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[object] = mapped_column(JSONText)


class SiteKey(Base):
    """The site's Ed25519 signing keys.  The private half never leaves the encrypted store."""

    __tablename__ = "site_key"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    algorithm: Mapped[str] = mapped_column(String(16), default="ed25519")
    purpose: Mapped[str] = mapped_column(String(32), default="site")
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Staff(Base):
    __tablename__ = "staff"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    id_type: Mapped[str] = mapped_column(String(3), default="201")
    id_no: Mapped[str] = mapped_column(String(40), default="")
    unit: Mapped[str] = mapped_column(String(120), default="")
    roles: Mapped[list] = mapped_column(JSONText, default=list)
    card_no: Mapped[str] = mapped_column(String(20), default="")
    # 考评员资格 (issue 18 item 7): 考评员证号, the grader's own level (1–5), 考评职业 (code or name)
    grader_card_no: Mapped[str] = mapped_column(String(30), default="")
    grader_level: Mapped[int | None] = mapped_column(Integer, nullable=True)
    grader_occupation: Mapped[str] = mapped_column(String(60), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class Batch(Base):
    __tablename__ = "batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_no: Mapped[str] = mapped_column(String(40), unique=True)
    occupation_code: Mapped[str] = mapped_column(String(16))
    occupation_name: Mapped[str] = mapped_column(String(60))
    work_type: Mapped[str | None] = mapped_column(String(60), nullable=True)
    level: Mapped[int] = mapped_column(Integer)
    exam_start: Mapped[_dt.date] = mapped_column(Date)
    exam_end: Mapped[_dt.date] = mapped_column(Date)
    pass_marks: Mapped[dict] = mapped_column(JSONText, default=dict)
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)

    rooms: Mapped[list["Room"]] = relationship(back_populates="batch", cascade="all, delete-orphan",
                                               order_by="Room.name")
    candidates: Mapped[list["Candidate"]] = relationship(back_populates="batch", cascade="all, delete-orphan")


class Room(Base):
    """考场."""

    __tablename__ = "room"
    __table_args__ = (UniqueConstraint("batch_id", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))
    batch: Mapped[Batch] = relationship(back_populates="rooms")


class Candidate(Base):
    __tablename__ = "candidate"
    __table_args__ = (UniqueConstraint("batch_id", "id_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    ticket_no: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    sex: Mapped[str] = mapped_column(String(2))
    id_type: Mapped[str] = mapped_column(String(3))
    id_no: Mapped[str] = mapped_column(String(40), index=True)
    unit: Mapped[str] = mapped_column(String(120), default="")
    room: Mapped[str] = mapped_column(String(40), default="")
    seat: Mapped[str] = mapped_column(String(20), default="")
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)  # loaded on use
    batch: Mapped[Batch] = relationship(back_populates="candidates")


class BatchAssignment(Base):
    """A person's role in one batch (grader, supervisor, proctor, room head)."""

    __tablename__ = "batch_assignment"
    __table_args__ = (UniqueConstraint("batch_id", "staff_id", "role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"))
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    role: Mapped[str] = mapped_column(String(32))


class JournalEntry(Base):
    __tablename__ = "journal"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ts: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(32))
    machine: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)  # canonical JSON, hashed as stored
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class JournalCheckpoint(Base):
    __tablename__ = "journal_checkpoint"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    entry_hash: Mapped[str] = mapped_column(String(64))
    ts: Mapped[str] = mapped_column(String(32))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str] = mapped_column(String(32))


# Feature tables: each feature area adds one import line here (see DEVELOPERS.md).
from app.store import bundle_tables  # noqa: E402,F401
from app.store import scoring_tables  # noqa: E402,F401
from app.store import theory_tables  # noqa: E402,F401
from app.store import results_tables  # noqa: E402,F401
from app.store import bans_tables  # noqa: E402,F401
from app.store import checkin_tables  # noqa: E402,F401
from app.store import camera_tables  # noqa: E402,F401
from app.store import net_tables  # noqa: E402,F401
from app.store import room_tables  # noqa: E402,F401
from app.store import readiness_tables  # noqa: E402,F401
from app.store import score_road_tables  # noqa: E402,F401
from app.store import rules_tables  # noqa: E402,F401
from app.store import station_tables  # noqa: E402,F401
from app.store import room_console_tables  # noqa: E402,F401
from app.store import grader_station_tables  # noqa: E402,F401
