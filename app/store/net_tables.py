"""Tables of the site link: the machine registry and enrollment (master), records
received and records to send (both sides), incidents written by the proctor."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class Machine(Base):
    """An enrolled terminal (or grader station).  Its machine key never leaves the encrypted store."""

    __tablename__ = "machine"
    machine_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="terminal")
    public_key: Mapped[bytes] = mapped_column(LargeBinary, unique=True)
    machine_key: Mapped[bytes] = mapped_column(LargeBinary)
    enrolled_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    enrolled_by: Mapped[str] = mapped_column(String(40))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    contiguous_seq: Mapped[int] = mapped_column(Integer, default=0)  # every seq 1..n received


class EnrollmentRequest(Base):
    __tablename__ = "enrollment_request"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    nonce: Mapped[bytes] = mapped_column(LargeBinary)
    name: Mapped[str] = mapped_column(String(64))
    code: Mapped[str] = mapped_column(String(16), index=True)
    requested_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    machine_id: Mapped[str | None] = mapped_column(String(32), nullable=True)


class ReceivedRecord(Base):
    """A record as received, keyed by who sent it and its number: never overwritten."""

    __tablename__ = "received_record"
    machine_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[str] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    envelope: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict] = mapped_column(JSONText)
    received_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    via: Mapped[str] = mapped_column(String(16))


class OutboxRecord(Base):
    """A record this machine made, committed here before it is sent (numbered per recipient)."""

    __tablename__ = "outbox_record"
    recipient: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[str] = mapped_column(String(40))
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    envelope: Mapped[str] = mapped_column(Text)


class Incident(Base):
    """考场情况记录."""

    __tablename__ = "incident"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occurred_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    room: Mapped[str] = mapped_column(String(40), default="")
    candidate: Mapped[str] = mapped_column(String(40), default="")
    text: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(40))
    recorded_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
