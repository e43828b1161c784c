"""Tables of the rule gates (issue 18): 公示 objections, the 鉴定中心's review of the results,
batch suspensions (内督 veto) and the 外督 registration form.

Only foreign keys to foundation tables (batch, candidate): feature migrations sit side by side."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class PublicationObjection(Base):
    """An objection (异议) recorded during 公示 about one candidate; it blocks numbering that
    candidate's certificate until resolved with a reason."""

    __tablename__ = "publication_objection"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidate.id", ondelete="CASCADE"), index=True)
    publication_id: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(12), nullable=True)  # upheld / dismissed
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    resolved_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class CenterReview(Base):
    """The 鉴定中心's review of the batch's results (考核鉴定成绩须经当地鉴定中心审核认定 [002 L3862]):
    who reviewed, when, and the reply's document number; typed from the reply or imported."""

    __tablename__ = "center_review"
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True)
    reviewer: Mapped[str] = mapped_column(String(80))
    reviewed_on: Mapped[_dt.date] = mapped_column(Date)
    reply_no: Mapped[str] = mapped_column(String(80))
    imported: Mapped[bool] = mapped_column(Boolean, default=False)
    recorded_by: Mapped[str] = mapped_column(String(32))
    recorded_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class BatchSuspension(Base):
    """A batch suspended by a 内督 veto (否决项: "暂停本次认定" [003 L371]) until resolved with a reason."""

    __tablename__ = "batch_suspension"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), index=True)
    vetoes: Mapped[list] = mapped_column(JSONText, default=list)
    opened_by: Mapped[str] = mapped_column(String(32))
    opened_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_by: Mapped[str | None] = mapped_column(String(32), nullable=True)
    resolved_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ExternalSupervision(Base):
    """技能人才评价外督情况登记表 (Nanxun 附件3 [003 L402–687]), signed by the 外督."""

    __tablename__ = "external_supervision"
    batch_id: Mapped[int] = mapped_column(ForeignKey("batch.id", ondelete="CASCADE"), primary_key=True)
    scores: Mapped[dict] = mapped_column(JSONText, default=dict)
    vetoes: Mapped[list] = mapped_column(JSONText, default=list)
    opinion: Mapped[str] = mapped_column(Text, default="")
    total: Mapped[int] = mapped_column(Integer, default=0)
    supervisor: Mapped[str] = mapped_column(String(32))
    supervisor_name: Mapped[str] = mapped_column(String(40))
    card_no: Mapped[str] = mapped_column(String(16))
    signed_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
