"""Tables of results, review, misconduct, certificates, publication and supervision (issue 8)."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class SubjectScore(Base):
    """One subject score of one candidate: the single entry point for theory, practical and manual scores."""

    __tablename__ = "subject_score"
    __table_args__ = (UniqueConstraint("candidate_id", "subject"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16))  # theory / practical / review
    score: Mapped[str | None] = mapped_column(String(8), nullable=True)  # decimal text, one place
    absent: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(24))  # theory-exam / practical-summary / manual / import
    entered_by: Mapped[str] = mapped_column(String(32))
    entered_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class ScoreEntry(Base):
    """双人复核: two people type the same paper score; it becomes a SubjectScore only when they agree."""

    __tablename__ = "score_entry"
    __table_args__ = (UniqueConstraint("candidate_id", "subject"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16))
    first_score: Mapped[str | None] = mapped_column(String(8), nullable=True)
    first_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    second_score: Mapped[str | None] = mapped_column(String(8), nullable=True)
    second_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    state: Mapped[str] = mapped_column(String(12), default="waiting")  # waiting / mismatch / agreed
    updated_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class ResultReview(Base):
    """The review chain of one batch: entered → checked → first_review → approved."""

    __tablename__ = "result_review"
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True)
    stage: Mapped[str] = mapped_column(String(16), default="entered")
    signatures: Mapped[list] = mapped_column(JSONText, default=list)  # [{step, username, name, role, at}]
    reopened: Mapped[list] = mapped_column(JSONText, default=list)  # [{by, reason, at}]
    approved_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class MisconductFinding(Base):
    """违纪违规认定 of one candidate, from the first record to the decision (第十六–二十条)."""

    __tablename__ = "misconduct_finding"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(String(16))
    article: Mapped[int] = mapped_column(Integer)
    item: Mapped[int] = mapped_column(Integer)
    facts: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="")
    bookmark_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    warning: Mapped[dict | None] = mapped_column(JSONText, nullable=True)  # {at, by, response} — 提醒
    severity: Mapped[str | None] = mapped_column(String(8), nullable=True)  # minor / serious (第七条)
    occurred_on: Mapped[_dt.date] = mapped_column(Date)
    after_exam: Mapped[bool] = mapped_column(Boolean, default=False)  # 第八条
    status: Mapped[str] = mapped_column(String(12), default="draft")
    penalty: Mapped[dict | None] = mapped_column(JSONText, nullable=True)
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    notified: Mapped[dict | None] = mapped_column(JSONText, nullable=True)  # {at, method, by}
    decision: Mapped[dict | None] = mapped_column(JSONText, nullable=True)  # {at, by, text}


class FindingSignature(Base):
    __tablename__ = "finding_signature"
    __table_args__ = (UniqueConstraint("finding_id", "staff_id", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("misconduct_finding.id", ondelete="CASCADE"), index=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"))
    username: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(12))  # witness / confirm
    signed_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class Appeal(Base):
    """陈述和申辩 / 复核 (第十九条)."""

    __tablename__ = "misconduct_appeal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("misconduct_finding.id", ondelete="CASCADE"), index=True)
    filed_on: Mapped[_dt.date] = mapped_column(Date)
    statement: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(32))
    outcome: Mapped[str | None] = mapped_column(String(12), nullable=True)  # upheld / revoked
    review_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    reviewed_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class CertificateSerial(Base):
    """The last serial given per institution prefix, issue year and level.  Only ever goes up."""

    __tablename__ = "certificate_serial"
    prefix: Mapped[str] = mapped_column(String(13), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    level: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_serial: Mapped[int] = mapped_column(Integer, default=0)


class Certificate(Base):
    __tablename__ = "certificate"
    __table_args__ = (UniqueConstraint("prefix", "year", "level", "serial"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    certificate_no: Mapped[str] = mapped_column(String(22), unique=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    prefix: Mapped[str] = mapped_column(String(13))
    year: Mapped[int] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    serial: Mapped[int] = mapped_column(Integer)
    issue_date: Mapped[_dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="issued")  # issued / cancelled
    cancel_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    cancelled_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    cancelled_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    allocated_by: Mapped[str] = mapped_column(String(32))
    allocated_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    printed_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class CorrectionPending(Base):
    """Certificate data already reported that the next export must correct (第八条)."""

    __tablename__ = "correction_pending"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id"), index=True)
    certificate_no: Mapped[str | None] = mapped_column(String(22), nullable=True)
    action: Mapped[str] = mapped_column(String(16))  # void / restore
    reason: Mapped[str] = mapped_column(Text)
    finding_id: Mapped[int | None] = mapped_column(ForeignKey("misconduct_finding.id"), nullable=True)
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    exported_in: Mapped[str | None] = mapped_column(String(64), nullable=True)


class Publication(Base):
    """公示 of one batch's results."""

    __tablename__ = "publication"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[_dt.date] = mapped_column(Date)
    workdays: Mapped[int] = mapped_column(Integer)
    end_date: Mapped[_dt.date] = mapped_column(Date)
    rows: Mapped[list] = mapped_column(JSONText, default=list)  # the masked list as published
    objections: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default="open")  # open / closed
    created_by: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    closed_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class SupervisionReport(Base):
    """内部督导情况报告 (Nanxun 附件2), filled in by the internal supervisor."""

    __tablename__ = "supervision_report"
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True)
    scores: Mapped[dict] = mapped_column(JSONText, default=dict)
    vetoes: Mapped[list] = mapped_column(JSONText, default=list)
    opinion: Mapped[str] = mapped_column(Text, default="")
    total: Mapped[int] = mapped_column(Integer, default=0)
    supervisor: Mapped[str] = mapped_column(String(32))
    supervisor_name: Mapped[str] = mapped_column(String(40))
    signed_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class RoomRecord(Base):
    """考场情况记录单: one per room per subject session; the counts come from the data, notes are typed."""

    __tablename__ = "room_record"
    __table_args__ = (UniqueConstraint("batch_id", "room", "subject"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"))
    room: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(16))
    session: Mapped[str] = mapped_column(String(60), default="")  # e.g. 09:00–10:30
    proctors: Mapped[str] = mapped_column(String(120), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(32))
    updated_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
