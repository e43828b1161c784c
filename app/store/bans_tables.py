"""The ban list (不得参加评价), kept across batches; checked at check-in (issue 8 side)."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import UTCDateTime


class Ban(Base):
    __tablename__ = "ban"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id_no: Mapped[str] = mapped_column(String(40), index=True)
    id_type: Mapped[str] = mapped_column(String(3))
    name: Mapped[str] = mapped_column(String(40))
    from_date: Mapped[_dt.date] = mapped_column(Date)
    until_date: Mapped[_dt.date] = mapped_column(Date)  # inclusive
    reason: Mapped[str] = mapped_column(Text)
    finding_ref: Mapped[str | None] = mapped_column(String(64), nullable=True)  # "misconduct:12" or outside ref
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    lifted_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    lifted_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
