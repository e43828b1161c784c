"""Tables of video monitoring: cameras per room, the segment index, gaps, alerts, bookmarks,
and the export status that retention consults (filled by the export bundle feature)."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, Float, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import UTCDateTime


class Camera(Base):
    __tablename__ = "camera"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(24), unique=True)  # ASCII, burned into the frame
    name: Mapped[str] = mapped_column(String(60))
    room: Mapped[str] = mapped_column(String(40), index=True)  # 考场 name, as in the roster
    room_code: Mapped[str] = mapped_column(String(24))  # ASCII room code for the overlay
    position: Mapped[str] = mapped_column(String(40), default="")
    source_kind: Mapped[str] = mapped_column(String(8))  # index / url / file
    source: Mapped[str] = mapped_column(Text)
    loop: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class CameraSegment(Base):
    """One closed recording segment.  ``path`` is relative to the site folder."""

    __tablename__ = "camera_segment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_code: Mapped[str] = mapped_column(String(24), index=True)
    room: Mapped[str] = mapped_column(String(40), index=True)
    plan_no: Mapped[str] = mapped_column(String(40), default="")
    path: Mapped[str] = mapped_column(Text, unique=True)
    start: Mapped[_dt.datetime] = mapped_column(UTCDateTime, index=True)
    end: Mapped[_dt.datetime] = mapped_column(UTCDateTime, index=True)
    fps: Mapped[float] = mapped_column(Float)
    frames: Mapped[int] = mapped_column(Integer)
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12), default="kept")  # kept / recovered / purged
    journal_seq: Mapped[int] = mapped_column(Integer, default=0)


class CameraGap(Base):
    __tablename__ = "camera_gap"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    camera_code: Mapped[str] = mapped_column(String(24), index=True)
    room: Mapped[str] = mapped_column(String(40), index=True)
    start: Mapped[_dt.datetime] = mapped_column(UTCDateTime, index=True)
    end: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(Text, default="")


class CameraBookmark(Base):
    """An incident moment (from the proctor console, check-in desk or misconduct form)."""

    __tablename__ = "camera_bookmark"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room: Mapped[str] = mapped_column(String(40), index=True)
    at: Mapped[_dt.datetime] = mapped_column(UTCDateTime, index=True)
    text: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(24), default="incident")  # incident / checkin / misconduct / flag
    who: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)


class BatchExportStatus(Base):
    """Whether a batch's sealed export bundle was made and verified (issue 9 fills this).
    Retention purges recordings of a batch only when ``verified_at`` is set."""

    __tablename__ = "batch_export_status"
    plan_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    bundle_sha256: Mapped[str] = mapped_column(String(64), default="")
    made_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
    verified_at: Mapped[_dt.datetime | None] = mapped_column(UTCDateTime, nullable=True)
