"""Tables of the export bundle (issue 9): each person's signing key and the export history."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class StaffKey(Base):
    """A person's Ed25519 signing key.  The private half is sealed with AES-256-GCM under a
    key derived from the person's password (Argon2id, the site's parameters, its own salt);
    the store itself is encrypted as well.  Made on first use, after re-authentication."""

    __tablename__ = "staff_key"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff.id"), index=True)
    role: Mapped[str] = mapped_column(String(32))  # the role the person signs in
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    algorithm: Mapped[str] = mapped_column(String(16), default="ed25519")
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    sealed_private: Mapped[bytes] = mapped_column(LargeBinary)  # nonce(12) || AES-GCM ciphertext
    kdf: Mapped[dict] = mapped_column(JSONText)  # {"alg": "argon2id", m, t, p, salt(b64)}
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class ExportRecord(Base):
    """One export bundle: numbered per site, with its hashes and where it has got to."""

    __tablename__ = "export_record"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    plan_no: Mapped[str] = mapped_column(String(40), index=True)
    external_id: Mapped[str] = mapped_column(String(160))
    path: Mapped[str] = mapped_column(Text)  # where the bundle was written
    tagmanifest_sha256: Mapped[str] = mapped_column(String(64), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16))  # made | verified | copied | acknowledged | failed
    supersedes_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    superseded_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    signers: Mapped[list] = mapped_column(JSONText, default=list)  # ["site", "admin", ...]
    created_by: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    copied_to: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
