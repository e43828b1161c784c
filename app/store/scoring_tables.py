"""Tables of practical scoring (实操评分).  Signed sheets are never updated: a correction
is a new row (version + 1) that names the one it supersedes.

``subject`` names the scoring group a row belongs to: 'practical' (the 考评组 of 实操) or
'review' (the 综合评审 panel, which scores and signs the same way) [000 L668; 002 L4065]."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class ScoringTemplate(Base):
    """评分记录表 of one batch (replaceable until scoring starts)."""

    __tablename__ = "scoring_template"
    __table_args__ = (UniqueConstraint("batch_id", "subject"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(16), default="practical", server_default="practical")
    title: Mapped[str] = mapped_column(String(120))
    definition: Mapped[dict] = mapped_column(JSONText)
    file_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class ScoringGroupMember(Base):
    """考评组 member of one batch; ``is_chief`` marks the 考评组长."""

    __tablename__ = "scoring_group_member"
    __table_args__ = (UniqueConstraint("batch_id", "subject", "staff_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16), default="practical", server_default="practical")
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    is_chief: Mapped[bool] = mapped_column(Boolean, default=False)


class ScoringRelation(Base):
    """A declared relation between a grader and a candidate (回避)."""

    __tablename__ = "scoring_relation"
    __table_args__ = (UniqueConstraint("batch_id", "staff_id", "candidate_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(Text, default="")


class AvoidanceWaiver(Base):
    """The room head allowed a flagged grader to score a candidate, with a reason."""

    __tablename__ = "avoidance_waiver"
    __table_args__ = (UniqueConstraint("batch_id", "staff_id", "candidate_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    allowed_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    allowed_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class ScoreSheet(Base):
    """One grader's sheet for one candidate, one version."""

    __tablename__ = "score_sheet"
    __table_args__ = (UniqueConstraint("candidate_id", "subject", "grader_id", "version"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16), default="practical", server_default="practical")
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    grader_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    source: Mapped[str] = mapped_column(String(16), default="station")  # station | paper
    entries: Mapped[dict] = mapped_column(JSONText, default=dict)
    total: Mapped[str] = mapped_column(String(16), default="")
    detail: Mapped[dict] = mapped_column(JSONText, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="draft")  # draft | signed
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    signed_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    signature: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("score_sheet.id"), nullable=True)
    correction_reason: Mapped[str] = mapped_column(Text, default="")
    after_reveal: Mapped[bool] = mapped_column(Boolean, default=False)
    typists: Mapped[list] = mapped_column(JSONText, default=list)


class PaperEntry(Base):
    """One typist's copy of a paper sheet (双人复核)."""

    __tablename__ = "paper_entry"
    __table_args__ = (UniqueConstraint("candidate_id", "subject", "grader_id", "typist_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16), default="practical", server_default="practical")
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    grader_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    typist_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    entries: Mapped[dict] = mapped_column(JSONText, default=dict)
    updated_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class ScoreDecision(Base):
    """The chief grader's reasoned decision on a discrepancy; the sheets stay as they are."""

    __tablename__ = "score_decision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16), default="practical", server_default="practical")
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    score: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    basis: Mapped[dict] = mapped_column(JSONText, default=dict)
    chief_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    decided_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class ScoreAbsence(Base):
    """缺考 in the practical part, recorded by the chief grader."""

    __tablename__ = "score_absence"
    __table_args__ = (UniqueConstraint("candidate_id", "subject"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16), default="practical", server_default="practical")
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    recorded_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class SummarySignature(Base):
    """A signature on the practical summary (考评组长 / 考评组成员) over its content hash."""

    __tablename__ = "summary_signature"
    __table_args__ = (UniqueConstraint("batch_id", "subject", "staff_id", "summary_sha256"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16), default="practical", server_default="practical")
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    role: Mapped[str] = mapped_column(String(16))  # chief | member
    summary_sha256: Mapped[str] = mapped_column(String(64))
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    signed_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class WorkpiecePhoto(Base):
    """考件 photo attached to a candidate's practical record."""

    __tablename__ = "workpiece_photo"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    image: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    taken_by: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    taken_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
