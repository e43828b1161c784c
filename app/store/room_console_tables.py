"""Tables of the room console (监考台, issue 17).

On the master: which console serves which room of which batch, with what it was last sent
(``room_console``), and which misconduct finding a console's own finding number became
(``console_finding_ref``).  In a console's own encrypted store: the room's staff (password
hashes only), candidates and terminals it was provisioned with, and its findings and
signatures, each tied to the signed record it sent (``seq``) and the master's verdict."""

from __future__ import annotations

import datetime as _dt

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.store.models import Base
from app.store.types import JSONText, UTCDateTime


class RoomConsole(Base):
    """Master side: a room console provisioned for one room of one batch."""

    __tablename__ = "room_console"
    machine_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    plan_no: Mapped[str] = mapped_column(String(40))
    room: Mapped[str] = mapped_column(String(40))
    staff: Mapped[list] = mapped_column(JSONText, default=list)      # usernames sent
    terminals: Mapped[list] = mapped_column(JSONText, default=list)  # machine ids named at provisioning ([]: heard)
    provisioned_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    board_hash: Mapped[str] = mapped_column(String(64), default="")     # of the last room.board sent
    findings_hash: Mapped[str] = mapped_column(String(64), default="")  # of the last room.findings sent


class ConsoleFindingRef(Base):
    """Master side: a console's finding number (``S002-3``) -> the misconduct finding it opened."""

    __tablename__ = "console_finding_ref"
    ref: Mapped[str] = mapped_column(String(48), primary_key=True)
    machine_id: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer)
    finding_id: Mapped[int] = mapped_column(Integer, index=True)


class ConsoleStaff(Base):
    """Console side: a person of the room (proctor, room head) who may sign here."""

    __tablename__ = "console_staff"
    username: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    roles: Mapped[list] = mapped_column(JSONText, default=list)
    batch_roles: Mapped[list] = mapped_column(JSONText, default=list)
    password_hash: Mapped[str] = mapped_column(String(200))


class ConsoleCandidate(Base):
    __tablename__ = "console_candidate"
    ticket_no: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    seat: Mapped[str] = mapped_column(String(20), default="")


class ConsoleTerminal(Base):
    __tablename__ = "console_terminal"
    machine_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), default="")
    seat: Mapped[str] = mapped_column(String(20), default="")


class ConsoleFinding(Base):
    """Console side: a finding of the room -- opened here (``seq`` its record) or heard from the
    master (opened at the master or on another console).  ``status`` as this console knows it."""

    __tablename__ = "console_finding"
    ref: Mapped[str] = mapped_column(String(48), primary_key=True)
    master_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    ticket_no: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(40), default="")
    subject: Mapped[str] = mapped_column(String(16))
    article: Mapped[int] = mapped_column(Integer)
    item: Mapped[int] = mapped_column(Integer)
    facts: Mapped[str] = mapped_column(Text)
    severity: Mapped[str | None] = mapped_column(String(8), nullable=True)
    status: Mapped[str] = mapped_column(String(12), default="draft")
    opened_by: Mapped[str] = mapped_column(String(32), default="")
    opened_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    verdict: Mapped[str] = mapped_column(String(32), default="pending")


class ConsoleSignature(Base):
    """Console side: a witness signature or the confirmation, made here (``seq``) or heard."""

    __tablename__ = "console_signature"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ref: Mapped[str] = mapped_column(String(48), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # witness / confirm
    username: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(40), default="")
    signed_at: Mapped[_dt.datetime] = mapped_column(UTCDateTime)
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True, unique=True)
    verdict: Mapped[str] = mapped_column(String(32), default="pending")
