"""Tables of the readiness self-test (考前自检, issue 10): each signed report, with its batch."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import UTCDateTime


class ReadinessReport(Base):
    """One run of the self-test on one machine: the canonical report JSON exactly as signed,
    the site key's Ed25519 signature over those bytes, and the key id."""

    __tablename__ = "readiness_report"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_no: Mapped[str] = mapped_column(String(40), index=True, default="")  # "" = not for one batch
    machine: Mapped[str] = mapped_column(String(64))
    created_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    verdict: Mapped[str] = mapped_column(String(8))  # ok | warn | fail
    body: Mapped[str] = mapped_column(Text)  # canonical JSON (app.core.readiness.canonical)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    key_id: Mapped[str] = mapped_column(String(32))
