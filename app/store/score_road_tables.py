"""Corrections of a recorded score (成绩更正): two people, the same value, each with a reason.
The score before stays here (and in the journal); the new one arrives by the correction road."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import UTCDateTime


class ScoreCorrection(Base):
    __tablename__ = "score_correction"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(12), default="waiting")  # waiting / mismatch / applied
    old_score: Mapped[str | None] = mapped_column(String(8), nullable=True)
    old_absent: Mapped[bool] = mapped_column(Boolean, default=False)
    old_source: Mapped[str] = mapped_column(String(24))
    first_by: Mapped[str] = mapped_column(String(32))
    first_value: Mapped[str] = mapped_column(String(8))        # decimal text or 缺考
    first_reason: Mapped[str] = mapped_column(Text)
    second_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    second_value: Mapped[str | None] = mapped_column(String(8), nullable=True)
    second_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    applied_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
