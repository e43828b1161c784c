"""The check-in desk (检录): sessions, lookup, the person's decision, rules at the door,
the ban list; the seats and the data behind the printed tickets and sheets are in
app.services.checkin_papers (CheckinService inherits them).

Every refusal, check-in, mismatch, override, undo and absence is journaled in the
same transaction as the change (a refusal is journaled, then raised).
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import undefer

from app.core import checkin as rules
from app.core import codes
from app.services import results_common as rc
from app.core.errors import Conflict, DomainError, ImportRejected, NotFound, PermissionDenied
from app.core.idcard import mask_id_no
from app.core.roles import Role
from app.services.checkin_papers import CheckinPapers, SeatChart, SheetRow, TicketSheet  # noqa: F401 - callers import these from here
from app.services.base import PasswordCheck, Service, check_password_early, find_batch, requires
from app.core.site import LOCK_MINUTES, MAX_FAILED_LOGINS
from app.store import models
from app.services.bans import active_ban, add_ban
from app.services.results import ROAD_DOOR_ABSENCE, ResultsService
from app.store.checkin_tables import Checkin, DoorIncident, DoorPhoto, CheckinSession

MAX_DOOR_PHOTO = 1024 * 1024
IMPERSONATION = "impersonation_suspected"


class DoorRefused(DomainError):
    """The candidate may not enter; ``code`` says why, ``overridable`` whether a room head may."""

    def __init__(self, refusal: rules.Refusal):
        super().__init__(refusal.message)
        self.code = refusal.code
        self.overridable = refusal.overridable


class QRRefused(DomainError):
    pass


@dataclass(frozen=True)
class SessionView:
    id: int
    plan_no: str
    name: str
    subject: str
    starts_at: _dt.datetime
    late_minutes: int
    absent_marked_at: _dt.datetime | None

    @property
    def cutoff(self) -> _dt.datetime:
        return rules.late_cutoff(self.starts_at, self.late_minutes)

    @property
    def label(self) -> str:
        return f"{self.plan_no} {self.name}（{rules.local(self.starts_at):%m-%d %H:%M} 开考）"


@dataclass(frozen=True)
class DeskCandidate:
    ticket_no: str
    plan_no: str
    name: str
    sex: str
    id_type: str
    id_no: str
    unit: str
    room: str
    seat: str
    photo: bytes | None
    prior: rules.PriorCheckin | None
    ban: rules.Ban | None
    refusal: rules.Refusal | None

    @property
    def id_no_masked(self) -> str:
        return mask_id_no(self.id_no)

    @property
    def id_type_name(self) -> str:
        return codes.ID_TYPES.get(self.id_type, self.id_type)


@dataclass(frozen=True)
class Lookup:
    via: str  # qr | ticket_no | id_no | id_tail
    matches: list[DeskCandidate]


@dataclass(frozen=True)
class CheckinResult:
    ticket_no: str
    name: str
    room: str
    seat: str
    at: _dt.datetime
    override_by: str = ""


@dataclass(frozen=True)
class Override:
    """A room head's consent, given at the desk with their own credential."""

    username: str
    password: str
    reason: str


@dataclass(frozen=True)
class IncidentView:
    id: int
    session: str
    ticket_no: str
    name: str
    kind: str
    note: str
    reported_at: _dt.datetime
    reported_by: str
    photo_id: int | None
    status: str
    bookmark_id: int | None = None


def _session(s, session_id: int) -> tuple[CheckinSession, models.Batch]:
    row = s.get(CheckinSession, session_id)
    if row is None:
        raise NotFound(f"场次 {session_id} 不存在")
    return row, s.get(models.Batch, row.batch_id)


def _candidate(s, batch: models.Batch, ticket_no: str) -> models.Candidate:
    c = s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id,
                                                 models.Candidate.ticket_no == ticket_no)).first()
    if c is None:
        raise NotFound(f"准考证号「{ticket_no}」不在本批次名册中")
    return c


def _live(s, session_id: int, candidate_id: int) -> Checkin | None:
    return s.scalars(select(Checkin).where(Checkin.session_id == session_id, Checkin.candidate_id == candidate_id,
                                           Checkin.undone_at.is_(None))).first()


def _ban(s, id_no: str, day: _dt.date) -> rules.Ban | None:
    """The ban list is issue 8's (misconduct findings and bans decided elsewhere)."""
    b = active_ban(s, id_no, day)
    return rules.Ban(b.id_no, b.name, b.reason, b.from_date, b.until_date) if b else None


def _prior(row: Checkin | None) -> rules.PriorCheckin | None:
    return rules.PriorCheckin(row.at, row.by_name, row.by_username, row.status) if row else None


def _day(ts: _dt.datetime) -> _dt.date:
    return rules.local(ts).date()


class DoorViews(Service):
    """What the office and the room head read of the door: counts per room, incidents, late
    arrivals waiting for a decision, the photos the door took (CheckinService's reads)."""

    @requires("checkin.desk")
    def counts(self, session_id: int) -> list[rules.RoomCount]:
        with self.ctx.reading() as s:
            sess, batch = _session(s, session_id)
            expected = dict(s.execute(select(models.Candidate.room, func.count()).where(
                models.Candidate.batch_id == batch.id).group_by(models.Candidate.room)).all())
            by_status: dict[tuple[str, str], int] = {}
            for room, status, n in s.execute(
                    select(Checkin.room, Checkin.status, func.count())
                    .where(Checkin.session_id == sess.id, Checkin.undone_at.is_(None))
                    .group_by(Checkin.room, Checkin.status)):
                by_status[(room, status)] = n
            return [rules.RoomCount(room or "未分考场", n, by_status.get((room, "present"), 0),
                                    by_status.get((room, "absent"), 0)) for room, n in sorted(expected.items())]

    # -- incidents for the room head ------------------------------------------------
    @requires("checkin.incidents")
    def incidents(self, session_id: int | None = None) -> list[IncidentView]:
        with self.ctx.reading() as s:
            q = (select(DoorIncident, CheckinSession.name, models.Candidate.ticket_no, models.Candidate.name)
                 .join(CheckinSession, CheckinSession.id == DoorIncident.session_id)
                 .join(models.Candidate, models.Candidate.id == DoorIncident.candidate_id).order_by(DoorIncident.id))
            if session_id is not None:
                q = q.where(DoorIncident.session_id == session_id)
            return [IncidentView(i.id, sn, t, n, i.kind, i.note, i.reported_at, i.reported_by, i.photo_id, i.status,
                                 i.bookmark_id)
                    for i, sn, t, n in s.execute(q)]

    @requires("checkin.incidents")
    def late_arrivals(self, limit: int = 200) -> list[tuple[str, _dt.datetime, str]]:
        """Candidates the door refused for lateness and who have not been let in since:
        (ticket_no, when, the refusal's words), newest first.  Read from the journal, where every
        refusal and check-in is written; for the room head, who decides on late arrivals."""
        with self.ctx.reading() as s:
            rows = list(s.scalars(select(models.JournalEntry)
                                  .where(models.JournalEntry.action.in_(("checkin.refused", "checkin.present",
                                                                         "checkin.override")))
                                  .order_by(models.JournalEntry.seq.desc()).limit(5000)))
        settled, out = set(), []
        for e in rows:  # newest first: a check-in after the refusal settles it
            if e.action != "checkin.refused":
                settled.add(e.subject)
                continue
            payload = json.loads(e.payload or "{}")
            if payload.get("rule") == "late" and e.subject not in settled:
                settled.add(e.subject)
                out.append((e.subject, _dt.datetime.fromisoformat(e.ts.replace("Z", "+00:00")),
                            str(payload.get("message", ""))))
        return out[:limit]

    @requires("checkin.incidents")
    def door_photo(self, photo_id: int) -> bytes:
        with self.ctx.reading() as s:
            row = s.get(DoorPhoto, photo_id)
            if row is None:
                raise NotFound("照片不存在")
            return row.jpeg


class CheckinService(DoorViews, CheckinPapers, Service):
    # -- sessions -----------------------------------------------------------------
    @requires("checkin.manage")
    def create_session(self, plan_no: str, name: str, subject: str, starts_at: _dt.datetime,
                       late_minutes: int = rules.DEFAULT_LATE_MINUTES) -> int:
        if subject not in codes.SUBJECTS:
            raise DomainError(f"未知科目「{subject}」")
        if not name.strip():
            raise DomainError("场次名称不能为空")
        if starts_at.tzinfo is None:
            raise DomainError("开考时间须带时区")
        if not 0 <= late_minutes <= 240:
            raise DomainError("迟到截止时间应在开考后0—240分钟之间")
        with self.ctx.unit_of_work() as uow:
            b = find_batch(uow.session, plan_no)
            from app.services.gates import check_start
            check_start(uow.session, b)   # filed scope (违纪指引 第十五条), no 内督 veto pending
            if uow.session.scalars(select(CheckinSession).where(CheckinSession.batch_id == b.id,
                                                             CheckinSession.name == name.strip())).first():
                raise Conflict(f"场次「{name}」已存在")
            row = CheckinSession(batch_id=b.id, name=name.strip(), subject=subject, starts_at=starts_at,
                              late_minutes=late_minutes, created_at=self.ctx.now())
            uow.session.add(row)
            uow.session.flush()
            uow.journal("checkin.session", plan_no, {"session_id": row.id, "name": row.name, "subject": subject,
                                                     "starts_at": starts_at.isoformat(), "late_minutes": late_minutes})
            return row.id

    @requires("checkin.desk")
    def sessions(self, plan_no: str | None = None) -> list[SessionView]:
        with self.ctx.reading() as s:
            q = (select(CheckinSession, models.Batch.plan_no).join(models.Batch, models.Batch.id == CheckinSession.batch_id)
                 .order_by(CheckinSession.starts_at))
            if plan_no:
                q = q.where(models.Batch.plan_no == plan_no)
            return [SessionView(r.id, pn, r.name, r.subject, r.starts_at, r.late_minutes, r.absent_marked_at)
                    for r, pn in s.execute(q)]

    # -- lookup -------------------------------------------------------------------
    def _card(self, s, sess: CheckinSession, plan_no: str, c: models.Candidate, now: _dt.datetime) -> DeskCandidate:
        prior = _prior(_live(s, sess.id, c.id))
        ban = _ban(s, c.id_no, _day(now))
        refusal = rules.door_refusal(now=now, starts_at=sess.starts_at, late_minutes=sess.late_minutes,
                                     ban=ban, prior=prior)
        return DeskCandidate(c.ticket_no, plan_no, c.name, c.sex, c.id_type, c.id_no, c.unit, c.room, c.seat,
                             c.photo, prior, ban, refusal)

    @requires("checkin.desk")
    def lookup(self, session_id: int, raw: str) -> Lookup:
        """By scanned ticket QR, ticket_no, full ID number, or the last six of an ID number
        (several matches come back as a choice list).  A bad QR is refused, not guessed at."""
        q = rules.classify(raw)
        if not q.text:
            raise DomainError("请扫描准考证二维码，或输入准考证号、证件号码（或后6位）")
        now = self.ctx.now()
        with self.ctx.reading() as s:
            sess, batch = _session(s, session_id)
            base = (select(models.Candidate).options(undefer(models.Candidate.photo))
                    .where(models.Candidate.batch_id == batch.id))
            if q.kind == "qr":
                try:
                    code = rules.verify_qr(q.text, self.ctx.store.site_id, self.ctx.store.journal.public_keys())
                except rules.QRRejected as exc:
                    self._record_qr_refusal(sess.id, q.text, str(exc))
                    raise QRRefused(str(exc)) from None
                if code.plan_no != batch.plan_no:
                    raise QRRefused(f"该准考证属于认定计划「{code.plan_no}」，不是本场次（{batch.plan_no}）的考生")
                found = s.scalars(base.where(models.Candidate.ticket_no == code.ticket_no)).all()
                if not found:
                    raise NotFound(f"准考证号「{code.ticket_no}」不在本批次名册中")
                via = "qr"
            else:
                via = "ticket_no"
                # Every branch goes through an index: the rows carry photos, so a table scan
                # would decrypt thousands of pages.
                typed = raw.strip()
                found = s.scalars(base.where(models.Candidate.ticket_no.in_({typed, q.text}))).all()
                if not found and q.maybe_id:
                    via, found = "id_no", s.scalars(base.where(models.Candidate.id_no == q.text)).all()
                if not found and q.maybe_tail:
                    via = "id_tail"
                    # scan the narrow id_no index only (covering), then fetch the few rows
                    ids = list(s.scalars(select(models.Candidate.id).where(
                        models.Candidate.id_no.like(f"%{q.text}")).limit(200)))
                    found = s.scalars(base.where(models.Candidate.id.in_(ids))
                                      .order_by(models.Candidate.ticket_no).limit(20)).all() if ids else []
                if not found:
                    raise NotFound(f"本批次名册中没有「{q.text}」（准考证号 / 证件号码 / 证件号码后6位）")
            return Lookup(via, [self._card(s, sess, batch.plan_no, c, now) for c in found])

    @requires("checkin.desk")
    def record_refusal(self, session_id: int, ticket_no: str) -> rules.Refusal | None:
        """A banned person, or a ticket already used, was shown at the door: journal it.
        The desk calls this right after the screen is up, so the write (fsync) never
        delays what the person at the desk sees.  The rules are evaluated again here."""
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            sess, batch = _session(s, session_id)
            c = _candidate(s, batch, ticket_no)
            refusal = self._card(s, sess, batch.plan_no, c, now).refusal
            if refusal is not None:
                uow.journal("checkin.refused", ticket_no, {"session_id": session_id, "rule": refusal.code,
                                                           "message": refusal.message, "stage": "lookup"})
            return refusal

    def _record_qr_refusal(self, session_id: int, text: str, reason: str) -> None:
        """A forged or altered ticket code is evidence: its digest and what it claims are kept."""
        parts = text.split("|")
        with self.ctx.unit_of_work() as uow:
            uow.journal("checkin.qr_refused", parts[2][:30] if len(parts) > 2 else "", {
                "session_id": session_id, "reason": reason, "claimed_plan_no": parts[1][:40] if len(parts) > 1 else "",
                "code_sha256": hashlib.sha256(text.encode()).hexdigest()})

    # -- the person's decision ------------------------------------------------------
    def _photo(self, s, jpeg: bytes | None, now: _dt.datetime) -> DoorPhoto | None:
        if not jpeg:
            return None
        if len(jpeg) > MAX_DOOR_PHOTO:
            raise DomainError("检录照片过大")
        if not jpeg.startswith(b"\xff\xd8") or cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR) is None:
            raise DomainError("检录照片不是有效的 JPEG 图像")
        row = DoorPhoto(taken_at=now, sha256=hashlib.sha256(jpeg).hexdigest(), jpeg=jpeg)
        s.add(row)
        s.flush()
        return row

    def _check_override(self, uow, batch: models.Batch, override: Override, ticket_no: str,
                        check: PasswordCheck) -> str:
        """The room head's own credential, checked and journaled.  Returns their username.
        ``check`` was hashed before the write transaction (Argon2 is slow on purpose)."""
        s = uow.session
        reason = (override.reason or "").strip()
        staff = s.scalars(select(models.Staff).where(models.Staff.username == override.username)).first()
        assigned = set(s.scalars(select(models.BatchAssignment.staff_id).where(
            models.BatchAssignment.batch_id == batch.id, models.BatchAssignment.role == Role.ROOM_HEAD.value)))
        problem = None
        now = self.ctx.now()
        locked = staff is not None and bool(staff.locked_until) and staff.locked_until > now
        password_ok = staff is not None and not locked and check.holds(staff.password_hash)
        if len(reason) < 2:
            problem = "须填写同意理由"
        elif locked:
            problem = "该考场负责人账户已锁定，请稍后再试或请管理员解锁"
        elif staff is None or not staff.active or Role.ROOM_HEAD.value not in staff.roles or not password_ok:
            problem = "考场负责人用户名或密码错误"
            if staff is not None and not password_ok:  # the same lockout as at login
                staff.failed_logins += 1
                if staff.failed_logins >= MAX_FAILED_LOGINS:
                    staff.locked_until = now + _dt.timedelta(minutes=LOCK_MINUTES)
                    staff.failed_logins = 0
                    uow.journal("auth.locked", staff.username, {"locked_until": staff.locked_until.isoformat(),
                                                                "via": "checkin.override"})
        elif assigned and staff.id not in assigned:
            problem = f"「{staff.name}」不是本批次的考场负责人"
        if problem:
            uow.journal("checkin.override_refused", ticket_no, {"room_head": override.username, "reason": problem})
        return problem or staff.username

    @requires("checkin.desk")
    def check_in(self, session_id: int, ticket_no: str, photo: bytes | None = None,
                 override: Override | None = None) -> CheckinResult:
        """The person at the desk confirmed the identity.  Door rules are checked again
        inside the write transaction; a refusal is journaled and raised."""
        now = self.ctx.now()
        refusal: rules.Refusal | None = None
        denied: str | None = None
        check = check_password_early(self.ctx, override.password, username=override.username) \
            if override is not None else None
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            sess, batch = _session(s, session_id)
            c = _candidate(s, batch, ticket_no)
            live = _live(s, sess.id, c.id)
            ban = _ban(s, c.id_no, _day(now))
            refusal = rules.door_refusal(now=now, starts_at=sess.starts_at, late_minutes=sess.late_minutes,
                                         ban=ban, prior=_prior(live))
            override_by = ""
            if refusal is not None and refusal.overridable and override is not None:
                checked = self._check_override(uow, batch, override, ticket_no, check)
                if checked == override.username:
                    override_by = checked
                    uow.journal("checkin.override", ticket_no, {"session_id": sess.id, "rule": refusal.code,
                                                                "room_head": checked, "reason": override.reason.strip()})
                    refusal = None
                else:
                    denied = checked
            if refusal is not None or denied is not None:
                if denied is None:
                    uow.journal("checkin.refused", ticket_no, {"session_id": sess.id, "rule": refusal.code,
                                                               "message": refusal.message})
            else:
                pic = self._photo(s, photo, now)
                if live is not None:  # an absence overridden by the room head
                    live.undone_at, live.undone_by = now, override_by
                    s.flush()
                row = Checkin(session_id=sess.id, candidate_id=c.id, status="present", at=now,
                              by_username=self.ctx.actor.username, by_name=self.ctx.actor.name, room=c.room,
                              seat=c.seat, photo_id=pic.id if pic else None, override_by=override_by,
                              override_reason=override.reason.strip() if override_by else "")
                s.add(row)
                s.flush()
                uow.journal("checkin.present", ticket_no, {
                    "session_id": sess.id, "checkin_id": row.id, "room": c.room, "seat": c.seat,
                    "photo_sha256": pic.sha256 if pic else None, "override_by": override_by})
                return CheckinResult(c.ticket_no, c.name, c.room, c.seat, now, override_by)
        if denied is not None:
            raise PermissionDenied(denied)
        raise DoorRefused(refusal)

    def admit_from_station(self, uow, *, session_id: int, ticket_no: str, at: _dt.datetime, desk: str,
                           desk_name: str, online: bool, photo: bytes | None = None) -> str:
        """A door desk's check-in record, applied once on the master inside the link's ingest
        transaction (``uow``; the actor is the desk's machine, whose record is signed, so no
        login role applies here).  The door rules are the master's, evaluated at the desk's
        time.  Returns the verdict (``app.core.stations``): ``admitted``; a refusal code
        (``already``, ``banned``, ``late``, ...) when the desk had the link up and waited for
        this answer; ``flagged`` when the desk admitted while cut off and the rules say no --
        never merged silently: a door incident for the room head names both desks and times;
        ``same_desk`` when this desk had already admitted them (a retry)."""
        from app.core import stations as st

        s = uow.session
        sess, batch = _session(s, session_id)
        c = _candidate(s, batch, ticket_no)
        live = _live(s, sess.id, c.id)
        if live is not None and live.status == "present" and live.by_username == f"machine:{desk}":
            uow.journal("checkin.station_repeat", ticket_no, {"session_id": sess.id, "desk": desk})
            return st.SAME_DESK
        refusal = rules.door_refusal(now=at, starts_at=sess.starts_at, late_minutes=sess.late_minutes,
                                     ban=_ban(s, c.id_no, _day(at)), prior=_prior(live))
        pic = self._photo(s, photo, at) if photo else None
        if refusal is None:
            row = Checkin(session_id=sess.id, candidate_id=c.id, status="present", at=at,
                          by_username=f"machine:{desk}", by_name=desk_name[:40], room=c.room, seat=c.seat,
                          photo_id=pic.id if pic else None)
            s.add(row)
            s.flush()
            uow.journal("checkin.present", ticket_no, {"session_id": sess.id, "checkin_id": row.id, "room": c.room,
                                                       "seat": c.seat, "desk": desk, "online": online,
                                                       "photo_sha256": pic.sha256 if pic else None})
            return st.ADMITTED
        if online:
            uow.journal("checkin.refused", ticket_no, {"session_id": sess.id, "rule": refusal.code,
                                                       "message": refusal.message, "desk": desk})
            return refusal.code
        if refusal.code == "already":
            kind = "double_checkin"
            note = (f"两个检录台重复检录：{live.by_name} 于 {rules.local(live.at):%H:%M:%S}、"
                    f"{desk_name} 于 {rules.local(at):%H:%M:%S}（断网期间）均已放行，请考场负责人核实")
        else:
            kind = f"offline_{refusal.code}"
            note = f"{desk_name} 断网期间于 {rules.local(at):%H:%M:%S} 放行，但{refusal.message}"
        row = DoorIncident(session_id=sess.id, candidate_id=c.id, kind=kind, note=note, reported_at=at,
                           reported_by=f"machine:{desk}", photo_id=pic.id if pic else None)
        s.add(row)
        s.flush()
        uow.journal("checkin.station_flagged", ticket_no, {
            "session_id": sess.id, "incident_id": row.id, "rule": refusal.code, "desk": desk,
            "desk_at": at.isoformat(), "first_at": live.at.isoformat() if live is not None else None,
            "first_by": live.by_username if live is not None else None,
            "first_photo_id": live.photo_id if live is not None else None})
        return st.FLAGGED

    @requires("checkin.desk")
    def report_mismatch(self, session_id: int, ticket_no: str, photo: bytes | None = None, note: str = "") -> int:
        """人证不符: the person at the desk judged the face does not match.  No check-in;
        an incident (suspected 冒名顶替) is opened for the room head, with the photo."""
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            sess, batch = _session(s, session_id)
            c = _candidate(s, batch, ticket_no)
            pic = self._photo(s, photo, now)
            row = DoorIncident(session_id=sess.id, candidate_id=c.id, kind=IMPERSONATION,
                               note=note.strip() or "检录时人证不符，疑似冒名顶替", reported_at=now,
                               reported_by=self.ctx.actor.username, photo_id=pic.id if pic else None)
            s.add(row)
            s.flush()
            from app.services.camera import bookmark_for
            row.bookmark_id = bookmark_for(uow, c.room, f"检录人证不符，疑似冒名顶替：准考证号 {ticket_no}", now, "checkin")
            uow.journal("checkin.mismatch", ticket_no, {"session_id": sess.id, "incident_id": row.id,
                                                        "note": row.note, "photo_sha256": pic.sha256 if pic else None,
                                                        "bookmark": row.bookmark_id})
            return row.id

    @requires("checkin.desk")
    def undo_last(self) -> CheckinResult:
        """Undo this person's own last check-in, within one minute."""
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            row = s.scalars(select(Checkin).where(Checkin.by_username == self.ctx.actor.username,
                                                  Checkin.status == "present", Checkin.undone_at.is_(None))
                            .order_by(Checkin.at.desc(), Checkin.id.desc()).limit(1)).first()
            if row is None:
                raise DomainError("没有可撤销的检录")
            problem = rules.undo_problem(now, row.at)
            if problem:
                raise DomainError(problem)
            c = s.get(models.Candidate, row.candidate_id)
            row.undone_at, row.undone_by = now, self.ctx.actor.username
            s.flush()
            # a late entry over a recorded absence: undoing it puts the absence back
            absence = s.scalars(select(Checkin).where(
                Checkin.session_id == row.session_id, Checkin.candidate_id == row.candidate_id,
                Checkin.status == "absent", Checkin.undone_at == row.at)).first() if row.override_by else None
            if absence is not None:
                absence.undone_at, absence.undone_by = None, ""
            uow.journal("checkin.undo", c.ticket_no, {"session_id": row.session_id, "checkin_id": row.id,
                                                      "checked_in_at": row.at.isoformat(),
                                                      "absence_restored": absence.id if absence else None})
            return CheckinResult(c.ticket_no, c.name, c.room, row.seat, row.at)

    @requires("checkin.desk")
    def mark_absent(self, session_id: int) -> list[str]:
        """At the cut-off: everyone of the batch not checked in is recorded absent, and their
        缺考 in the session's subject reaches results by the door's road (in this transaction)."""
        now = self.ctx.now()
        with self.ctx.unit_of_work() as uow:
            s = uow.session
            sess, batch = _session(s, session_id)
            problem = rules.can_mark_absent(now, sess.starts_at, sess.late_minutes)
            if problem:
                raise DomainError(problem)
            seen = set(s.scalars(select(Checkin.candidate_id).where(Checkin.session_id == sess.id,
                                                                    Checkin.undone_at.is_(None))))
            absent = [c for c in s.scalars(select(models.Candidate).where(models.Candidate.batch_id == batch.id)
                                           .order_by(models.Candidate.ticket_no)) if c.id not in seen]
            for c in absent:
                s.add(Checkin(session_id=sess.id, candidate_id=c.id, status="absent", at=now,
                              by_username=self.ctx.actor.username, by_name=self.ctx.actor.name, room=c.room,
                              seat=c.seat))
            sess.absent_marked_at = now
            uow.journal("checkin.absent", batch.plan_no, {"session_id": sess.id, "tickets": [c.ticket_no for c in absent]})
            s.flush()
            if sess.subject in rc.subjects(s, batch):
                results = ResultsService(self.ctx)
                for c in absent:
                    try:
                        results.receive_score(uow, ROAD_DOOR_ABSENCE, c.ticket_no, sess.subject, None, absent=True,
                                              note=f"检录截止未入场（{sess.name}）")
                    except Conflict as exc:
                        raise Conflict(f"考生 {c.ticket_no} 的缺考不能记入成绩：{exc}") from None
            return [c.ticket_no for c in absent]


class BanImportService(Service):
    """Importing a ban list decided elsewhere (earlier batches, other institutions, the
    supervising department) into issue 8's ban list: all or nothing."""

    @requires("ban.manage")
    def import_file(self, path: Path | str) -> int:
        from app.core.errors import CellError
        from app.core.idcard import is_valid_id_number
        from app.formats import xlsx

        path = Path(path)
        sheets = xlsx.read_workbook(path)
        rows = sheets.get(rules.BAN_SHEET)
        if rows is None and len(sheets) == 1:
            rows = next(iter(sheets.values()))  # a one-sheet file (or a .csv) is the list itself
        if rows is None:
            found = "、".join(f"「{n}」" for n in sheets) or "（无）"
            raise ImportRejected([CellError(rules.BAN_SHEET, 0, "",
                                            f"文件中没有名为「{rules.BAN_SHEET}」的工作表（找到的工作表：{found}）")])
        bans, errors = rules.parse_bans(rows)
        if errors:
            raise ImportRejected(errors)
        with self.ctx.unit_of_work() as uow:
            for ban in bans:
                id_type = codes.ID_TYPE_RESIDENT_CARD if is_valid_id_number(ban.id_no) else "299"
                add_ban(uow, ban.id_no, id_type, ban.name, ban.starts_on, ban.ends_on, ban.reason,
                        f"import:{path.name}"[:64])
        return len(bans)
