"""The master's merged truth of the theory room: every candidate's latest answer per
question and their sitting (paper order, time, submit, both scores), built from the
records terminals send (LAN or answer pack)."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class RoomSitting(Base):
    __tablename__ = "room_sitting"
    plan_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    ticket_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    variant: Mapped[str] = mapped_column(String(4), default="")
    items: Mapped[list] = mapped_column(JSONText, default=list)  # [qno, code, section, option order]
    machine_id: Mapped[str] = mapped_column(String(32), default="")  # the terminal heard from last
    status: Mapped[str] = mapped_column(String(16), default="running")
    duration_ms: Mapped[int] = mapped_column(Integer, default=0)
    extension_ms: Mapped[int] = mapped_column(Integer, default=0)  # granted by the proctor, in total
    consumed_ms: Mapped[int] = mapped_column(Integer, default=0)  # the largest consumed time heard
    focus_losses: Mapped[int] = mapped_column(Integer, default=0)
    events: Mapped[int] = mapped_column(Integer, default=0)
    submit_reason: Mapped[str] = mapped_column(String(32), default="")
    submit_consumed_ms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    terminal_total: Mapped[str | None] = mapped_column(String(16), nullable=True)
    master_total: Mapped[str | None] = mapped_column(String(16), nullable=True)
    result: Mapped[dict | None] = mapped_column(JSONText, nullable=True)  # the master's own scoring
    recorded_total: Mapped[str | None] = mapped_column(String(16), nullable=True)  # what results holds
    record_error: Mapped[str] = mapped_column(String(200), default="")
    updated_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class RoomAnswer(Base):
    """Latest answer per (candidate, question), ordered by the exam's own time (consumed_ms,
    then revision, then machine and seq), so arrival order never matters."""

    __tablename__ = "room_answer"
    plan_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    ticket_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    qno: Mapped[int] = mapped_column(Integer, primary_key=True)
    choice: Mapped[str] = mapped_column(String(16), default="")  # bank labels
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    consumed_ms: Mapped[int] = mapped_column(Integer, default=0)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    machine_id: Mapped[str] = mapped_column(String(32), default="")
    seq: Mapped[int] = mapped_column(Integer, default=0)
