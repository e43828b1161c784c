"""Tables of a grader station's own encrypted store (issue 17): the group's candidates it was
provisioned with (``grader_candidate``), the group's accounts (``grader_account``: password
hash and sealed signing key, as the master stores them) and the sheets scored here
(``grader_sheet``, one row per version), each signed one tied to the record it sent (``seq``) and the master's
answer (``verdict``)."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class GraderCandidate(Base):
    __tablename__ = "grader_candidate"
    ticket_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    plan_no: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(40), default="")
    room: Mapped[str] = mapped_column(String(40), default="")
    seat: Mapped[str] = mapped_column(String(20), default="")


class GraderAccount(Base):
    """One member of the group: what the master stores to check the password and to sign."""

    __tablename__ = "grader_account"
    username: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), default="")
    is_chief: Mapped[bool] = mapped_column(Boolean, default=False)
    password_hash: Mapped[str] = mapped_column(Text)
    key_id: Mapped[str] = mapped_column(String(32), default="")
    public_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sealed_private: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    kdf: Mapped[dict] = mapped_column(JSONText, default=dict)


class GraderSheet(Base):
    """One version of a sheet scored at this station by one grader: version 1, or a correction
    made here (a new version superseding the master's sheet ``supersedes``, with its reason)."""

    __tablename__ = "grader_sheet"
    __table_args__ = (UniqueConstraint("ticket_no", "grader", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    plan_no: Mapped[str] = mapped_column(String(40))
    ticket_no: Mapped[str] = mapped_column(String(40), index=True)
    grader: Mapped[str] = mapped_column(String(40))
    entries: Mapped[dict] = mapped_column(JSONText, default=dict)
    total: Mapped[str] = mapped_column(String(16), default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | signed
    updated_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    signed_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # the drawing (PNG)
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the signed record's number
    verdict: Mapped[str] = mapped_column(String(24), default="")     # the master's answer ("" until signed)
    version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the master's id of the corrected sheet
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    master_sheet: Mapped[int | None] = mapped_column(Integer, nullable=True)  # the master's id, once accepted
