"""Tables of the theory exam (机考): bank, blueprint, sealed papers, exam sessions."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class BankImport(Base):
    """One import of questions into the bank of an occupation and level."""

    __tablename__ = "bank_import"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occupation_code: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    count: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class Question(Base):
    __tablename__ = "question"
    __table_args__ = (UniqueConstraint("occupation_code", "level", "code"),
                      Index("ix_question_bank", "occupation_code", "level"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occupation_code: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    qtype: Mapped[str] = mapped_column(String(16))
    kp_code: Mapped[str] = mapped_column(String(40))
    difficulty: Mapped[int] = mapped_column(Integer)
    points: Mapped[str] = mapped_column(String(8))
    content: Mapped[dict] = mapped_column(JSONText)  # Question.to_dict()
    import_id: Mapped[int] = mapped_column(ForeignKey("bank_import.id"))


class BankImage(Base):
    __tablename__ = "bank_image"
    __table_args__ = (UniqueConstraint("occupation_code", "level", "name"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    occupation_code: Mapped[str] = mapped_column(String(16))
    level: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Blueprint(Base):
    __tablename__ = "paper_blueprint"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), unique=True)
    data: Mapped[dict] = mapped_column(JSONText)
    updated_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class PaperSeal(Base):
    """The papers of a batch, encrypted with a paper key that exists only as two shares,
    each wrapped by a key derived from one custodian's password (双人双锁)."""

    __tablename__ = "paper_seal"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), unique=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)  # nonce || AES-GCM(paper package)
    content_sha256: Mapped[str] = mapped_column(String(64))
    shares: Mapped[list] = mapped_column(JSONText)  # [{username, salt, kdf, wrapped}, ...]
    sealed_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    unlocked_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    unlocked_by: Mapped[list] = mapped_column(JSONText, default=list)
    paper_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)  # only while unlocked


class ExamSession(Base):
    """One candidate's sitting at a terminal."""

    __tablename__ = "exam_session"
    __table_args__ = (UniqueConstraint("batch_id", "ticket_no"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"))
    ticket_no: Mapped[str] = mapped_column(String(30))
    variant: Mapped[str] = mapped_column(String(4), default="")
    items: Mapped[list] = mapped_column(JSONText)  # [[qno, code, section, "CADB"], ...]
    status: Mapped[str] = mapped_column(String(16), default="running")  # running/held/submitted
    duration_ms: Mapped[int] = mapped_column(Integer)
    extension_ms: Mapped[int] = mapped_column(Integer, default=0)
    consumed_ms: Mapped[int] = mapped_column(Integer, default=0)
    paused_ms: Mapped[int] = mapped_column(Integer, default=0)
    boot_id: Mapped[str] = mapped_column(String(64), default="")
    mono_ns: Mapped[int] = mapped_column(Integer, default=0)
    wall_ms: Mapped[int] = mapped_column(Integer, default=0)
    terminal: Mapped[str] = mapped_column(String(64), default="")
    focus_losses: Mapped[int] = mapped_column(Integer, default=0)
    proctor_code: Mapped[str] = mapped_column(String(200), default="")
    started_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    result: Mapped[dict | None] = mapped_column(JSONText, nullable=True)


class ExamAnswer(Base):
    __tablename__ = "exam_answer"
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id", ondelete="CASCADE"), primary_key=True)
    qno: Mapped[int] = mapped_column(Integer, primary_key=True)
    choice: Mapped[str] = mapped_column(String(8), default="")  # bank labels, sorted
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    consumed_ms: Mapped[int] = mapped_column(Integer, default=0)


class ExamEvent(Base):
    """Durable events of a sitting (start, resume with the gap, proctor authorisation,
    focus loss, submit); the records the LAN side can stream to the master."""

    __tablename__ = "exam_event"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("exam_session.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    consumed_ms: Mapped[int] = mapped_column(Integer)
    at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    data: Mapped[dict] = mapped_column(JSONText, default=dict)
