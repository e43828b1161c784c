"""A grader station (实操评分站): its own encrypted store, its group's candidates and accounts,
the sheets scored here (issue 17).

A station is a ``TerminalNode`` with a kind.  The master provisions it with command records
(``grader.profile``, ``grader.roster`` chunks, ``grader.accounts``: see
``app.services.grader_stations``); the station copies them into its own tables -- and again on
every start, from the command records it holds, so a station killed in between loses nothing.

A grader opens a **sitting** (``login``): their password opens their signing key, sealed with it
as the master stores it -- one Argon2 for the sitting, which is also the password check.  The
key stays in memory until ``logout`` or ``SITTING_IDLE_MINUTES`` without use; every sheet signed
in the sitting gets its own Ed25519 signature and drawing.  A grader who has no key yet (first
sitting anywhere) has the password checked against the replicated hash and a key made and sealed
here; the key goes to the master as a ``scoring.grader_key`` record.

``save`` keeps a draft (values stay on the station; the master hears its hash only, in a
``scoring.draft`` record); ``sign`` writes the signed sheet and its ``scoring.sheet_signed``
record in one transaction (durable before it returns).  The master answers each signed sheet
with a ``scoring.verdict`` code (``accepted`` with the master's id of the sheet, ``signed_twice``,
...).  ``start_correction`` corrects a sheet signed here and accepted: a new version with a
reason, signed again in the sitting, applied by the master as its own correction.  Nothing of another
grader's values ever reaches the station: the master sends none.
"""

from __future__ import annotations

import base64
import datetime as _dt
import threading
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import delete, select

from app.core import grader_station as gs
from app.core import identity, passwords, staff_keys
from app.core import records as rec
from app.core import scoring as rules
from app.core.checkin import qr_ticket
from app.core.errors import DomainError, NotFound, PermissionDenied
from app.core.journal import key_id as make_key_id
from app.core.site import LOCK_MINUTES, MAX_FAILED_LOGINS
from app.net import replica
from app.net.terminal import TerminalNode
from app.store import models
from app.store.grader_station_tables import GraderAccount, GraderCandidate, GraderSheet
from app.store.net_tables import ReceivedRecord

PROFILE = "grader.profile"      # Setting: the batch, template and group this station serves
APPLIED = "grader.applied"      # Setting: the last master command copied into the station's tables
REVEALED = "grader.revealed"    # Setting: what the master sent the chief's sitting (all graders signed)
ANSWERS = "grader.answers"      # Setting: the master's codes for records that are not sheets (seq -> code)
HEARTBEAT = 0.5
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


class NotProvisioned(DomainError):
    pass


class NoSitting(PermissionDenied):
    """No grader is signed in (or the sitting ran out): log in again."""


@dataclass(frozen=True)
class Row:
    ticket_no: str
    name: str
    room: str
    seat: str
    status: str   # none | draft | signed
    verdict: str  # "" (not signed) | pending | accepted | a refusal code
    scored: int
    items: int


@dataclass
class _Sitting:
    username: str
    name: str
    is_chief: bool
    key_id: str
    key: Ed25519PrivateKey
    last_used: _dt.datetime


def _kdf_params(password_hash: str) -> dict:
    """The site's Argon2 parameters, as the replicated password hash names them."""
    kv = dict(item.split("=") for item in password_hash.split("$")[1].split(","))
    return {k: int(kv[k]) for k in ("m", "t", "p")}


class GraderStation:
    def __init__(self, node: TerminalNode):
        self.node = node
        self.node.heartbeat_every = HEARTBEAT
        self.node.pull_after_push = True
        self._lock = threading.Lock()
        self._sitting: _Sitting | None = None
        self._failures: dict[str, tuple[int, _dt.datetime | None]] = {}  # wrong passwords here, per account
        self.catch_up()
        node.on_command.append(lambda _record: self.catch_up())

    @classmethod
    def open(cls, folder, passphrase: str, machine: str | None = None) -> "GraderStation":
        return cls(TerminalNode.open(folder, passphrase, machine))

    @staticmethod
    def provisioned(node: TerminalNode) -> bool:
        """The station in this store was provisioned as a grader station."""
        with node.store.read() as s:
            return s.get(models.Setting, PROFILE) is not None or s.scalar(
                select(ReceivedRecord.seq).where(ReceivedRecord.machine_id == rec.MASTER,
                                                 ReceivedRecord.kind == gs.GRADER_PROFILE).limit(1)) is not None

    def close(self) -> None:
        self.logout()
        self.node.close()

    def _setting(self, key: str):
        return replica.setting(self.node, key)

    @property
    def profile(self) -> dict | None:
        return self._setting(PROFILE)

    def _profile(self) -> dict:
        p = self.profile
        if not p:
            raise NotProvisioned("本评分站尚未由主机下发考评组与评分记录表")
        return p

    @property
    def template(self) -> rules.Template:
        return rules.Template.from_dict(self._profile()["template"])

    # -- what the master sent --------------------------------------------------------------
    def catch_up(self) -> None:
        """Copy master commands not yet copied into the station's tables (idempotent)."""
        with self._lock:
            replica.copy_commands(self.node, APPLIED, self._copy)

    def _copy(self, uow, kind: str, p: dict) -> None:
        s = uow.session
        if kind == gs.GRADER_PROFILE:
            replica.put_setting(uow.session, PROFILE, p)
            s.execute(delete(GraderCandidate).where(GraderCandidate.plan_no != p["plan_no"]))
        elif kind == gs.GRADER_ROSTER:
            for c in p["candidates"]:
                s.merge(GraderCandidate(ticket_no=c["ticket_no"], plan_no=p["plan_no"], name=c["name"],
                                        room=c["room"], seat=c["seat"]))
        elif kind == gs.GRADER_ACCOUNTS:
            sent = {a["username"] for a in p["accounts"]}
            s.execute(delete(GraderAccount).where(GraderAccount.username.not_in(sent)))
            for a in p["accounts"]:
                row = s.get(GraderAccount, a["username"]) or GraderAccount(username=a["username"])
                row.name, row.is_chief, row.password_hash = a["name"], bool(a["is_chief"]), a["password_hash"]
                key = a.get("key")
                if key:  # the master's key wins; a key made here stays until the master sends one
                    row.key_id, row.kdf = key["key_id"], key["kdf"]
                    row.public_key = base64.b64decode(key["public_key"])
                    row.sealed_private = base64.b64decode(key["sealed_private"])
                s.merge(row)
        elif kind == gs.GRADER_REVEALED:
            held = s.get(models.Setting, REVEALED)
            if p.get("merge") and held is not None and held.value.get("chief") == p["chief"]:
                fresh = {c["ticket_no"]: c for c in p["candidates"]}  # newly revealed: added to what is held
                kept = [fresh.pop(c["ticket_no"], c) for c in held.value.get("candidates", [])]
                p = {**held.value, "candidates": kept + list(fresh.values())}
            replica.put_setting(uow.session, REVEALED, p)
        elif kind == gs.SCORING_VERDICT:
            row = s.scalars(select(GraderSheet).where(GraderSheet.seq == p["seq"])).first()
            if row is None:
                held = s.get(models.Setting, ANSWERS)
                answers = dict(held.value) if held else {}
                answers[str(p["seq"])] = p["verdict"]
                replica.put_setting(uow.session, ANSWERS, answers)
            else:
                row.verdict = p["verdict"]
                if p.get("sheet") is not None:
                    row.master_sheet = int(p["sheet"])  # what a correction made here supersedes
                if p["verdict"] in gs.REFUSED:
                    uow.journal("station.sheet_refused_by_master", row.ticket_no,
                                {"seq": row.seq, "grader": row.grader, "verdict": p["verdict"]})

    # -- the sitting -----------------------------------------------------------------------
    def login(self, username: str, password: str) -> str:
        """Open a sitting: one Argon2 (the key unsealed, which proves the password).  Slow on
        purpose: call it off the UI thread.  Returns the grader's name."""
        self._profile()
        username = (username or "").strip()
        with self.node.store.read() as s:
            a = s.get(GraderAccount, username)
            if a is not None:
                s.expunge(a)
        if a is None:
            raise NotFound(f"本评分站的考评组中没有账户「{username}」")
        _, until = self._failures.get(username, (0, None))
        if until is not None and until > self.node.clock.now():
            raise PermissionDenied(f"密码连续错误 {MAX_FAILED_LOGINS} 次，本评分站已锁定该账户，请 {LOCK_MINUTES} 分钟后再试")
        site_id = self.node.identity["site_id"]
        if a.sealed_private:
            raw = staff_keys.open_sealed(a.sealed_private, password or "", a.kdf, site_id, a.username,
                                         gs.GRADER_ROLE, a.key_id)
            if raw is None:
                self._refused(username)
            key_id = a.key_id
        else:
            if not passwords.check_password(password or "", a.password_hash):
                self._refused(username)
            key_id, raw_pub, sealed, kdf, raw = staff_keys.new_sealed(
                password, _kdf_params(a.password_hash), site_id, a.username, gs.GRADER_ROLE, make_key_id)
            with self.node.ctx.unit_of_work() as uow:
                row = uow.session.get(GraderAccount, username)
                row.key_id, row.public_key, row.sealed_private, row.kdf = key_id, raw_pub, sealed, kdf
                self.node.record_in(uow, gs.SCORING_KEY, {
                    "username": username, "role": gs.GRADER_ROLE, "key_id": key_id,
                    "public_key": base64.b64encode(raw_pub).decode(),
                    "sealed_private": base64.b64encode(sealed).decode(), "kdf": kdf})
                uow.journal("staff_key.create", username, {"role": gs.GRADER_ROLE, "key_id": key_id})
        self._failures.pop(username, None)
        self._sitting = _Sitting(a.username, a.name, a.is_chief, key_id, Ed25519PrivateKey.from_private_bytes(raw),
                                 self.node.clock.now())
        with self.node.ctx.unit_of_work() as uow:
            uow.journal("station.sitting_opened", username, {"key_id": key_id})
        if a.is_chief:
            self.ask_revealed()
        return a.name

    def _refused(self, username: str):
        failed = self._failures.get(username, (0, None))[0] + 1
        locked = failed >= MAX_FAILED_LOGINS
        until = self.node.clock.now() + _dt.timedelta(minutes=LOCK_MINUTES) if locked else None
        self._failures[username] = (0, until) if locked else (failed, None)
        with self.node.ctx.unit_of_work() as uow:
            uow.journal("station.login_failed", username, {"locked_until": until.isoformat() if until else None})
        if locked:
            raise PermissionDenied(f"密码连续错误 {MAX_FAILED_LOGINS} 次，本评分站已锁定该账户 {LOCK_MINUTES} 分钟")
        raise PermissionDenied("密码错误，未登录")

    def logout(self) -> None:
        if self._sitting is not None:
            who, self._sitting = self._sitting.username, None
            with self.node.ctx.unit_of_work() as uow:
                uow.journal("station.sitting_closed", who, {})

    @property
    def grader(self) -> str | None:
        """The grader of the sitting (None when nobody is signed in or it ran out)."""
        s = self._sitting
        if s is None:
            return None
        if self.node.clock.now() - s.last_used > _dt.timedelta(minutes=gs.SITTING_IDLE_MINUTES):
            self._sitting = None  # the key is forgotten at once; nothing is written here (a screen may ask)
            return None
        return s.username

    @property
    def is_chief(self) -> bool:
        """The sitting is the 考评组长's."""
        return self.grader is not None and self._sitting.is_chief

    def _me(self) -> _Sitting:
        if self.grader is None:
            raise NoSitting("请先登录（输入密码）")
        self._sitting.last_used = self.node.clock.now()
        return self._sitting

    # -- the sheets ------------------------------------------------------------------------
    @staticmethod
    def _latest(s, ticket_no: str, grader: str) -> GraderSheet | None:
        """The grader's current version of this candidate's sheet (an open correction, else the last signed)."""
        return s.scalars(select(GraderSheet).where(GraderSheet.ticket_no == ticket_no, GraderSheet.grader == grader)
                         .order_by(GraderSheet.version.desc())).first()

    def rows(self) -> list[Row]:
        """The group's candidates, each with the state of the signed-in grader's own sheet."""
        me = self._me()
        n = len(self.template.items())
        with self.node.store.read() as s:
            mine = {x.ticket_no: x for x in s.scalars(select(GraderSheet).where(GraderSheet.grader == me.username)
                                                      .order_by(GraderSheet.version))}  # the latest version wins
            out = []
            for c in s.scalars(select(GraderCandidate).order_by(GraderCandidate.room, GraderCandidate.seat,
                                                                GraderCandidate.ticket_no)):
                sh = mine.get(c.ticket_no)
                scored = 0 if sh is None else len(sh.entries)
                out.append(Row(c.ticket_no, c.name, c.room, c.seat, "none" if sh is None else sh.status,
                               "" if sh is None else sh.verdict, scored, n))
            return out

    def ticket_of(self, text: str) -> str:
        """A typed ticket number or the ticket QR's text -> a ticket of this station's group."""
        plan_no = self._profile()["plan_no"]
        code = qr_ticket(text)
        if code is not None:
            if code[0] != plan_no:
                raise DomainError(f"该准考证属于认定计划「{code[0]}」，不是本评分站的批次")
            ticket = code[1]
        else:
            ticket = identity.clean("ticket_no", text or "").upper()
        with self.node.store.read() as s:
            if s.get(GraderCandidate, ticket) is None:
                raise NotFound(f"本评分站的考生名单中没有准考证号「{ticket}」")
        return ticket

    def sheet(self, ticket_no: str) -> GraderSheet | None:
        me = self._me()
        with self.node.store.read() as s:
            sh = self._latest(s, ticket_no, me.username)
            if sh is not None:
                s.expunge(sh)
            return sh

    def save(self, ticket_no: str, entries: dict) -> GraderSheet:
        """Keep the grader's draft here; the master hears its hash, not its values."""
        me = self._me()
        profile = self._profile()
        ticket_no = self.ticket_of(ticket_no)
        template = self.template
        cleaned = rules.entries_to_json(rules.clean_entries(template, entries))
        now = self.node.clock.now()
        with self.node.ctx.unit_of_work() as uow:
            s = uow.session
            sh = self._latest(s, ticket_no, me.username)
            if sh is not None and sh.status == "signed":
                raise DomainError("评分表已签字，不能修改；如需更正请发起更正并写明理由")
            if sh is None:
                sh = GraderSheet(plan_no=profile["plan_no"], ticket_no=ticket_no, grader=me.username, status="draft",
                                 entries={}, updated_at=now)
                s.add(sh)
            if sh.entries != cleaned:
                sh.entries, sh.updated_at = cleaned, now
                sh.total = str(rules.score_sheet(template, cleaned).total)
                self.node.record_in(uow, gs.SCORING_DRAFT, {
                    "plan_no": profile["plan_no"], "ticket_no": ticket_no, "grader": me.username,
                    "entries_sha256": gs.digest(cleaned), "items": len(cleaned)})
                uow.journal("station.sheet_save", ticket_no, {"grader": me.username, "items": sorted(cleaned),
                                                              "entries_sha256": gs.digest(cleaned)})
            s.flush()
            s.expunge(sh)
            return sh

    def sign(self, ticket_no: str, signature_png: bytes) -> GraderSheet:
        """Sign the grader's complete draft with the sitting's key and the drawing (no Argon2)."""
        me = self._me()
        profile = self._profile()
        if not signature_png or not signature_png.startswith(PNG_MAGIC):
            raise DomainError("签名须为手写签名图像（PNG）")
        ticket_no = self.ticket_of(ticket_no)
        now = self.node.clock.now()
        with self.node.ctx.unit_of_work() as uow:
            s = uow.session
            sh = self._latest(s, ticket_no, me.username)
            if sh is None or sh.status != "draft":
                raise DomainError("没有待签字的评分表")
            score = rules.score_sheet(self.template, sh.entries)
            if score.missing:
                raise DomainError(f"尚有 {len(score.missing)} 个评分项未评分（{'、'.join(score.missing[:5])}），不能签字")
            content = gs.sheet_content(sheet=f"{self.node.machine_id}#{sh.id}", plan_no=profile["plan_no"],
                                       ticket_no=ticket_no, grader=me.username, version=sh.version,
                                       entries=sh.entries, total=str(score.total),
                                       template_sha256=profile["template_sha256"], signature_png=signature_png,
                                       supersedes=sh.supersedes, correction_reason=sh.correction_reason)
            content_sha256 = gs.digest(content)
            env = self.node.record_in(uow, gs.SCORING_SHEET_SIGNED, {
                "ticket_no": ticket_no, "grader": me.username, "content": content, "content_sha256": content_sha256,
                "signature_png": base64.b64encode(signature_png).decode(), "key_id": me.key_id,
                "ed25519": base64.b64encode(me.key.sign(gs.canonical(content))).decode(),
                "signed_at": now.isoformat()})
            sh.status, sh.signed_at, sh.signature, sh.total = "signed", now, signature_png, str(score.total)
            sh.content_sha256, sh.seq, sh.verdict, sh.updated_at = content_sha256, env.header.seq, "pending", now
            uow.journal("station.sheet_sign", ticket_no, {"grader": me.username, "seq": env.header.seq,
                                                          "version": sh.version, "content_sha256": content_sha256,
                                                          "key_id": me.key_id})
            s.flush()
            s.expunge(sh)
            return sh

    def start_correction(self, ticket_no: str, reason: str) -> GraderSheet:
        """Correct a sheet the grader signed here: a new version (the values kept, to edit; then
        ``sign`` in this sitting) superseding the one the master accepted, with its reason.  The
        master applies it as its own correction -- refused (a code) if that version is no longer
        the grader's current one there, or once the chief signed the summary."""
        me = self._me()
        problem = rules.correction_problem(reason)
        if problem:
            raise DomainError(problem)
        ticket_no = self.ticket_of(ticket_no)
        now = self.node.clock.now()
        with self.node.ctx.unit_of_work() as uow:
            s = uow.session
            sh = self._latest(s, ticket_no, me.username)
            if sh is None or sh.status != "signed":
                raise DomainError("只有在本评分站签字的评分表需要更正；未签字的可直接修改")
            if sh.verdict != gs.ACCEPTED or sh.master_sheet is None:
                raise DomainError("主机尚未接收该评分表，不能更正" if sh.verdict in ("", "pending")
                                  else "主机拒收了该评分表，不能在评分站更正，请报告考评组长")
            new = GraderSheet(plan_no=sh.plan_no, ticket_no=ticket_no, grader=me.username, status="draft",
                              entries=dict(sh.entries), total=sh.total, updated_at=now, version=sh.version + 1,
                              supersedes=sh.master_sheet, correction_reason=reason.strip())
            s.add(new)
            s.flush()
            uow.journal("station.sheet_correct", ticket_no, {"grader": me.username, "version": new.version,
                                                             "supersedes": sh.master_sheet,
                                                             "reason": new.correction_reason})
            s.expunge(new)
            return new

    # -- the chief (考评组长) ------------------------------------------------------------------
    def _chief(self) -> _Sitting:
        me = self._me()
        if not me.is_chief:
            raise PermissionDenied("只有本考评组的考评组长可以查看已公开的评分表和裁定")
        return me

    def _chief_record(self, uow, kind: str, purpose: str, **more) -> rec.Envelope:
        me = self._chief()
        content = gs.chief_request(purpose, self._profile()["plan_no"], me.username,
                                   self.node.clock.now().isoformat(), **more)
        return self.node.record_in(uow, kind, {"content": content, "key_id": me.key_id,
                                               "ed25519": base64.b64encode(me.key.sign(gs.canonical(content))).decode()})

    def ask_revealed(self) -> int:
        """Ask the master for the values of the candidates all graders have signed (the chief's
        own signature shows who asks); they come to this station only."""
        with self.node.ctx.unit_of_work() as uow:
            env = self._chief_record(uow, gs.CHIEF_SITTING, "chief_sitting")
            uow.journal("station.revealed_asked", self._sitting.username, {"seq": env.header.seq})
        return env.header.seq

    def revealed(self) -> list[dict]:
        """Candidates every grader has signed, with each grader's total and values (chief only)."""
        self._chief()
        return list((self._setting(REVEALED) or {}).get("candidates", []))

    def reconcile(self, ticket_no: str, score, reason: str) -> int:
        """The chief's reasoned decision on a discrepancy, signed with the chief's key; the master
        applies it under its own rules and answers with a code (``answer(seq)``)."""
        problem = rules.decision_problem(score, reason)
        if problem:
            raise DomainError(problem)
        ticket_no = self.ticket_of(ticket_no)
        with self.node.ctx.unit_of_work() as uow:
            env = self._chief_record(uow, gs.SCORING_RECONCILE, "reconcile", ticket_no=ticket_no,
                                     score=str(score).strip(), reason=reason.strip())
            uow.journal("station.reconcile", ticket_no, {"seq": env.header.seq, "score": str(score).strip()})
        return env.header.seq

    def answer(self, seq: int) -> str:
        """The master's code for a record that is not a sheet ("" until heard)."""
        return (self._setting(ANSWERS) or {}).get(str(seq), "")

    def status(self) -> dict:
        profile = self.profile or {}
        with self.node.store.read() as s:
            held = s.query(GraderCandidate).count()
            sheets = list(s.scalars(select(GraderSheet).order_by(GraderSheet.version)))
        current = list({(x.ticket_no, x.grader): x for x in sheets}.values())  # each grader's latest version
        return {"machine_id": self.node.machine_id if self.node.identity else "",
                "kind": profile.get("kind", ""), "name": profile.get("name", ""), "room": profile.get("room", ""),
                "plan_no": profile.get("plan_no", ""), "group": profile.get("group"), "candidates": held,
                "grader": self.grader or "", "drafts": sum(1 for x in current if x.status == "draft"),
                "signed": sum(1 for x in current if x.status == "signed"),
                "pending": sum(1 for x in sheets if x.verdict == "pending"),
                "refused": sum(1 for x in sheets if x.verdict in gs.REFUSED),
                "online": self.node.online, "backlog": self.node.backlog() if self.node.identity else 0}
