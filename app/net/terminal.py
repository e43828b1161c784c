"""A terminal's side of the site link: its own encrypted store, the outbox, the sender.

A terminal is a site-like folder (``create_store``) with its own passphrase, set when
the room is prepared and typed (or supplied by the launcher) when the terminal starts.
We chose a passphrase over a key held only in memory because a terminal that crashes
or loses power must reopen its store and keep every answer without the master; and
over a key in a plain file because nothing secret may sit on disk in the clear.  The
terminal's Ed25519 private key and the machine key granted at enrollment live inside
that store (setting ``net.terminal``).

Every record is first committed to the outbox (with its journal entry) and only then
sent.  A background thread sends what the master does not yet hold, in seq order,
whenever something new is saved or every heartbeat; when the master is unreachable
it keeps trying with a short back-off and ``online`` turns False (the UI shows a
discreet indicator through ``on_online_changed``).
"""

from __future__ import annotations

import base64
import json
import os
import threading
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import func, select

from app.core import enrollment
from app.core import records as rec
from app.core.actor import system_actor
from app.core.errors import DomainError
from app.net import protocol, tls
from app.net.packs import PackRoad
from app.store import engine as store_engine
from app.store import models
from app.store.journal import iso
from app.store.keys import SITE_FILE
from app.store.net_tables import OutboxRecord, ReceivedRecord
from app.store.unit import Clock, ServiceContext

IDENTITY = "net.terminal"
PENDING = "net.enroll_pending"
AUTHCODES = "net.authcodes"
BATCH = 50  # records per push: a long backlog never holds up the room's other terminals
# The master answers a push only once its records are durable.  A slow answer is still an
# answer: waiting for it costs the master nothing, while giving up and sending again makes it
# verify and write the same records twice, just when it is slowest.  So the timeout is long,
# and a timed-out request is never sent again at once: the sender backs off.
TIMEOUT = 30.0
BACKOFF_FIRST = 0.5
BACKOFF_UNREACHABLE = 3.0  # a master that is down costs nothing to knock on again soon
BACKOFF_SLOW = 8.0         # a master that is there but slow (timed out, busy) is given room
RECENT_MAX = 2000  # records kept in memory for the sender (older ones are read from the outbox)
_LAST_OUT = "SELECT max(seq) FROM outbox_record WHERE recipient = ''"
_INSERT_OUT = ("INSERT INTO outbox_record (recipient, seq, kind, created_at, content_hash, envelope) "
               "VALUES ('', ?, ?, ?, ?, ?)")
_OUTBOX = "SELECT envelope FROM outbox_record WHERE recipient = '' AND seq > ? ORDER BY seq"


class NotEnrolled(DomainError):
    pass


class LinkError(Exception):
    """The link failed.  ``status`` and ``code`` say why when the master answered (its
    refusal ``code``, see ``protocol``); ``retry_after`` is how long it asked us to wait."""

    def __init__(self, message: str, status: int | None = None, code: str = "", retry_after: float | None = None,
                 slow: bool = False):
        super().__init__(message)
        self.status, self.code, self.retry_after = status, code, retry_after
        self.slow = slow or code == protocol.BUSY


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def _raw_private(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                             serialization.NoEncryption())


def _raw_public(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


class Client:
    """One keep-alive HTTPS connection to the master, certificate pinned, requests signed."""

    def __init__(self, url: str, pin: str | None, key: Ed25519PrivateKey, machine_id: str, timeout: float = TIMEOUT):
        parts = urlsplit(url)
        self.host, self.port = parts.hostname, parts.port or 443
        self.pin, self.key, self.machine_id, self.timeout = pin, key, machine_id, timeout
        self._conn: tls.PinnedHTTPSConnection | None = None
        self.fault = False  # a switch for tests and drills: behave as if the cable were pulled
        self.clock_offset = 0.0  # master clock minus ours, learnt when the master refuses our time
        self.seen_fingerprint = ""

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def post(self, path: str, data: dict, signed: bool = True) -> dict:
        if self.fault:
            self.close()
            raise LinkError("链路已断开（故障开关）")
        body = json.dumps(data, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json"}
        def sign():
            if signed:
                headers.update(protocol.sign_headers(self.key, self.machine_id, "POST", path, body,
                                                     now=time.time() + self.clock_offset))

        sign()
        clock_fixed = False
        for attempt in (1, 2, 3):  # a keep-alive connection the master closed: retry once on a fresh one
            fresh = self._conn is None
            if fresh:
                self._conn = tls.PinnedHTTPSConnection(self.host, self.port, self.pin, self.timeout)
            try:
                self._conn.request("POST", path, body, headers)
                resp = self._conn.getresponse()
                payload = resp.read()
                self.seen_fingerprint = self._conn.seen_fingerprint
            except tls.PinMismatch:
                self.close()
                raise
            except TimeoutError as exc:  # the master is slow, not gone: no resend into it (the sender backs off)
                self.close()
                raise LinkError(f"主机应答超时（{self.timeout:.0f} 秒）", slow=True) from exc
            except (OSError, ConnectionError, Exception) as exc:  # http.client raises many kinds
                self.close()
                if attempt >= 2 or fresh:  # only a kept-alive connection that went stale is worth one retry
                    raise LinkError(f"无法连接主机：{exc}") from exc
                sign()  # a fresh nonce: the master may have seen the first one
                continue
            try:
                reply = json.loads(payload or b"{}")
            except ValueError:
                reply = {"error": payload[:200].decode("utf-8", "replace")}
            code = reply.get("code", "") if isinstance(reply, dict) else ""
            if resp.status == 401 and code == protocol.CLOCK and not clock_fixed:
                self.clock_offset = float(reply["server_time"]) - time.time()
                clock_fixed = True
                sign()
                continue
            if resp.status != 200:
                retry_after = reply.get("retry_after")
                raise LinkError(f"主机拒绝（{resp.status}）：{reply.get('error', '')}", resp.status, code,
                                float(retry_after) if isinstance(retry_after, (int, float)) else None)
            return reply
        raise LinkError("无法连接主机")


class _RolledBack(Exception):
    pass


def _safely(cb, arg) -> None:
    """A listener's fault (a closed window, a bug in a screen) must never stop the sender."""
    try:
        cb(arg)
    except Exception:
        import logging

        logging.getLogger(__name__).exception("link listener failed")


class TerminalNode(PackRoad):
    def __init__(self, store: store_engine.Store, clock: Clock | None = None):
        self.store = store
        self.clock = clock or Clock()
        self.ctx = ServiceContext(store, system_actor(store.machine), self.clock)
        self.identity: dict | None = self._setting(IDENTITY)
        self._key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.identity["private_key"])) \
            if self.identity else None
        self._seq_lock = threading.Lock()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.client: Client | None = None
        self._online = False
        self.on_online_changed: list[Callable[[bool], None]] = []
        self.on_command: list[Callable[[rec.Record], None]] = []
        self.acked = 0  # master holds every seq 1..acked
        self.commands_seen = self._commands_seen()
        self.status: dict = {}
        self.heartbeat_every = 2.0
        self.last_error = ""
        self._last_seq: int | None = None
        self._recent: dict[int, dict] = {}  # seq -> envelope, made in this run and not yet acknowledged
        self._recent_lock = threading.Lock()
        self.pull_after_push = False  # pull the master's commands right after each push (door desks)

    # -- folders ------------------------------------------------------------------------
    @classmethod
    def create(cls, folder: Path | str, passphrase: str, kdf: dict | None = None, machine: str | None = None):
        return cls(store_engine.create_store(folder, passphrase, kdf, machine))

    @classmethod
    def open(cls, folder: Path | str, passphrase: str, machine: str | None = None):
        return cls(store_engine.open_store(folder, passphrase, machine))

    @staticmethod
    def made(folder: Path | str) -> bool:
        """Whether ``folder`` already holds a terminal's or station's store."""
        return (Path(folder) / SITE_FILE).exists()

    @classmethod
    def open_or_create(cls, folder: Path | str, passphrase: str):
        """A station's first start makes its encrypted store; every later start opens it."""
        return cls.open(folder, passphrase) if cls.made(folder) else cls.create(folder, passphrase)

    def close(self) -> None:
        self.stop()
        self.store.close()

    def _setting(self, key: str):
        with self.store.read() as s:
            row = s.get(models.Setting, key)
            return row.value if row else None

    def _put_setting(self, uow, key: str, value) -> None:
        row = uow.session.get(models.Setting, key)
        if row is None:
            uow.session.add(models.Setting(key=key, value=value))
        else:
            row.value = value

    @property
    def machine_id(self) -> str:
        if not self.identity:
            raise NotEnrolled("本机尚未登记到考点主机")
        return self.identity["machine_id"]

    @property
    def machine_key(self) -> bytes:
        return base64.b64decode(self.identity["machine_key"])

    # -- enrollment ---------------------------------------------------------------------
    def request_enrollment(self, url: str, name: str) -> str:
        """Make a key pair, send it to the master and return the code to show on screen."""
        pending = self._setting(PENDING)
        if pending is None or pending.get("url") != url:
            key = Ed25519PrivateKey.generate()
            pending = {"url": url, "name": name, "private_key": _b64(_raw_private(key)),
                       "nonce": _b64(os.urandom(12))}
            with self.ctx.unit_of_work() as uow:
                self._put_setting(uow, PENDING, pending)
                uow.journal("net.enroll_requested", name, {"url": url})
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(pending["private_key"]))
        public, nonce = _raw_public(key), base64.b64decode(pending["nonce"])
        client = Client(url, None, key, public.hex())
        try:
            client.post(protocol.API + "/enroll/request",
                        {"public_key": _b64(public), "nonce": pending["nonce"], "name": pending["name"]}, signed=False)
        finally:
            client.close()
        return enrollment.enrollment_code(public, nonce)

    def complete_enrollment(self) -> str | None:
        """Ask whether the operator granted the key; on a grant, pin and keep it.  Returns the
        confirmation code both screens show, or None while still pending."""
        pending = self._setting(PENDING)
        if pending is None:
            raise NotEnrolled("没有待完成的登记")
        key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(pending["private_key"]))
        public = _raw_public(key)
        client = Client(pending["url"], None, key, public.hex())
        try:
            reply = client.post(protocol.API + "/enroll/status", {})
            seen = client.seen_fingerprint
        finally:
            client.close()
        if reply.get("state") != "granted":
            return None
        if reply["master_fingerprint"] != seen:
            raise LinkError("主机证书与登记答复不符")
        site_key = base64.b64decode(reply["site_public_keys"][reply["site_key_id"]])
        Ed25519PublicKey.from_public_bytes(site_key).verify(
            base64.b64decode(reply["grant_signature"]),
            enrollment.grant_message(reply["site_id"], reply["machine_id"], public, seen))
        identity = {"machine_id": reply["machine_id"], "name": reply["name"], "site_id": reply["site_id"],
                    "url": pending["url"], "master_fingerprint": seen, "private_key": pending["private_key"],
                    "machine_key": reply["machine_key"], "site_public_keys": reply["site_public_keys"]}
        with self.ctx.unit_of_work() as uow:
            self._put_setting(uow, IDENTITY, identity)
            uow.session.delete(uow.session.get(models.Setting, PENDING))
            uow.journal("net.enrolled", reply["machine_id"], {"master_fingerprint": seen})
        self.identity, self._key = identity, key
        return enrollment.confirmation_code(seen, public)

    # -- records ------------------------------------------------------------------------
    def record(self, kind: str, payload: dict) -> rec.Envelope:
        """Commit one record to the outbox (durable when this returns), then wake the sender."""
        with self._seq_lock, self.ctx.unit_of_work() as uow:
            env = self._add_outbox(uow, kind, payload)
            uow.journal("net.record", f"{env.header.machine_id}#{env.header.seq}",
                        {"kind": kind, "hash": env.content_hash})
        self._committed(env)
        return env

    def record_in(self, uow, kind: str, payload: dict) -> rec.Envelope:
        """Add one record to the outbox inside the caller's transaction (the exam engine's own
        answer, flag or submit), so the record exists if and only if the change does.  The
        store's writers take the write lock up front (``BEGIN IMMEDIATE``), so ``max(seq) + 1``
        read here cannot be taken by another writer before this one commits.  The sender is
        woken only after the commit."""
        from sqlalchemy import event

        env = self._add_outbox(uow, kind, payload)
        event.listen(uow.session, "after_commit", lambda _session: self._committed(env), once=True)
        return env

    def _add_outbox(self, uow, kind: str, payload: dict) -> rec.Envelope:
        """Seal the next record and insert it, in plain SQL (this is on every answer's path)."""
        ident = self.identity
        if not ident:
            raise NotEnrolled("本机尚未登记到考点主机")
        conn = store_engine.driver(uow.session)
        last = conn.execute(_LAST_OUT).fetchone()[0] or 0
        header = rec.Header(ident["site_id"], ident["machine_id"], last + 1, kind, iso(self.clock.now()))
        env = rec.seal(header, payload, self.machine_key, self._key)
        conn.execute(_INSERT_OUT, (header.seq, kind, header.created_at, env.content_hash, env.to_json()))
        return env

    def _committed(self, env: rec.Envelope) -> None:
        """A record is durable: keep it at hand for the sender (no read of the store to send
        what was just written) and wake the sender."""
        seq = env.header.seq
        with self._recent_lock:
            self._recent[seq] = env.to_dict()
            if len(self._recent) > RECENT_MAX:
                for old in sorted(self._recent)[:len(self._recent) - RECENT_MAX]:
                    del self._recent[old]
            self._last_seq = max(self._last_seq or 0, seq)
        self._wake.set()

    def _to_send(self, after: int) -> list[dict]:
        """The next records after ``after`` in seq order (at most ``BATCH``): from memory when
        they were made in this run, else from the outbox."""
        with self._recent_lock:
            for old in [q for q in self._recent if q <= after]:
                del self._recent[old]
            batch = []
            while len(batch) < BATCH and after + len(batch) + 1 in self._recent:
                batch.append(self._recent[after + len(batch) + 1])
        if batch:
            return batch
        return [json.loads(text) for text in self._outbox_texts(after, BATCH)]

    def _outbox_texts(self, after: int, limit: int | None) -> list[str]:
        with self.store.read() as s:
            conn = s.connection()
            if limit:
                return [t for (t,) in conn.exec_driver_sql(_OUTBOX + " LIMIT ?", (after, limit))]
            return [t for (t,) in conn.exec_driver_sql(_OUTBOX, (after,))]

    def outbox(self, after: int = 0, limit: int | None = None) -> list[rec.Envelope]:
        return [rec.Envelope.from_json(t) for t in self._outbox_texts(after, limit)]

    def last_seq(self) -> int:
        if self._last_seq is None:
            with self.store.read() as s:
                self._last_seq = s.scalar(select(func.max(OutboxRecord.seq)).where(OutboxRecord.recipient == "")) or 0
        return self._last_seq

    def backlog(self) -> int:
        return self.last_seq() - self.acked

    # -- offline authorisation ------------------------------------------------------------
    def _verifier(self):
        from app.core import authcodes

        state = self._setting(AUTHCODES) or {"last_counter": 0, "used": []}
        return authcodes.Verifier(authcodes.authcode_key(self.machine_key), self.machine_id,
                                  used=set(state["used"]), last_counter=state["last_counter"])

    def _save_verifier(self, uow, v) -> None:
        self._put_setting(uow, AUTHCODES, {"last_counter": v.last_counter, "used": sorted(v.used)[-1000:]})

    def authorisation_challenge(self, candidate: str, action: str):
        """A challenge to show the proctor (``challenge.display()``); its counter is never issued again."""
        import secrets

        with self._seq_lock:
            v = self._verifier()
            challenge = v.challenge(candidate, action, f"{secrets.randbelow(10000):04d}", self.clock.now())
            with self.ctx.unit_of_work() as uow:
                self._save_verifier(uow, v)
                uow.journal("net.authcode_challenge", candidate, {"action": action, "counter": challenge.counter})
        return challenge

    def authorise(self, challenge, action: str, code: str) -> None:
        """Accept the proctor's code once (raises ``AuthCodeRefused``); remembered across restarts."""
        with self._seq_lock:
            v = self._verifier()
            v.accept(challenge, action, code, self.clock.now())
            with self.ctx.unit_of_work() as uow:
                self._save_verifier(uow, v)
                uow.journal("net.authorised", challenge.candidate, {"action": action, "counter": challenge.counter})

    # -- commands from the master -----------------------------------------------------------
    def _commands_seen(self) -> int:
        with self.store.read() as s:
            return s.scalar(select(func.max(ReceivedRecord.seq)).where(ReceivedRecord.machine_id == rec.MASTER)) or 0

    def commands(self) -> list[rec.Record]:
        with self.store.read() as s:
            rows = s.scalars(select(ReceivedRecord).where(ReceivedRecord.machine_id == rec.MASTER)
                             .order_by(ReceivedRecord.seq))
            return [rec.Record(rec.Envelope.from_json(r.envelope).header, r.payload) for r in rows]

    def last_command(self, kind: str) -> dict | None:
        """The payload of the latest command of ``kind`` the master sent this machine (a
        station's profile: what it is, where), or None."""
        with self.store.read() as s:
            return s.scalar(select(ReceivedRecord.payload).where(ReceivedRecord.machine_id == rec.MASTER,
                                                                 ReceivedRecord.kind == kind)
                            .order_by(ReceivedRecord.seq.desc()).limit(1))

    def _take_commands(self, dicts: list[dict], via: str = "lan") -> None:
        keys = [base64.b64decode(v) for v in self.identity["site_public_keys"].values()]
        fresh = []
        for d in dicts:
            env = rec.Envelope.from_dict(d)
            if env.header.machine_id != rec.MASTER or env.header.recipient != self.machine_id:
                raise rec.RecordRejected("指令不是发给本机的")
            if env.header.seq != self.commands_seen + len(fresh) + 1:
                break  # in order only; the rest comes on the next pull
            record = None
            for k in keys:
                try:
                    record = rec.open_envelope(env, k, self.machine_key, self.identity["site_id"])
                    break
                except rec.RecordRejected:
                    continue
            if record is None:
                raise rec.RecordRejected("指令签名无效")
            fresh.append((env, record))
        if not fresh:
            return
        with self.ctx.unit_of_work() as uow:
            for env, record in fresh:
                if uow.session.get(ReceivedRecord, env.key) is None:
                    uow.session.add(ReceivedRecord(machine_id=rec.MASTER, seq=env.header.seq, kind=env.header.kind,
                                                   created_at=env.header.created_at, content_hash=env.content_hash,
                                                   envelope=env.to_json(), payload=record.payload,
                                                   received_at=self.clock.now(), via=via))
            uow.journal("net.commands_received", rec.MASTER, {"first": fresh[0][0].header.seq,
                                                              "last": fresh[-1][0].header.seq, "via": via})
        self.commands_seen = fresh[-1][0].header.seq
        for _, record in fresh:
            for cb in list(self.on_command):
                _safely(cb, record)

    # -- the link -------------------------------------------------------------------------
    @property
    def online(self) -> bool:
        return self._online

    def _set_online(self, value: bool) -> None:
        if value != self._online:
            self._online = value
            for cb in list(self.on_online_changed):
                _safely(cb, value)

    @property
    def running(self) -> bool:
        """The sender thread is started (``start``) and not stopped."""
        return self._thread is not None

    def start(self) -> "TerminalNode":
        ident = self.identity
        if not ident:
            raise NotEnrolled("本机尚未登记到考点主机")
        self.client = Client(ident["url"], ident["master_fingerprint"], self._key, ident["machine_id"])
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="terminal-link", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        if self.client is not None:
            self.client.close()

    def wake(self) -> None:
        """Send what is waiting now rather than at the next heartbeat."""
        self._wake.set()

    def set_status(self, **status) -> None:
        self.status.update(status)

    def sync_once(self) -> int:
        """Heartbeat, send the backlog in seq order, pull commands.  Returns records sent."""
        hb = self.client.post(protocol.API + "/heartbeat", {"status": {**self.status, "backlog": self.backlog()}})
        self.acked = hb["contiguous"]
        sent = 0
        while not self._stop.is_set():
            batch = self._to_send(self.acked)
            if not batch:
                break
            reply = self.client.post(protocol.API + "/records", {"records": batch})
            sent += len(batch)
            progressed = reply["contiguous"] > self.acked
            self.acked = reply["contiguous"]
            if not progressed:
                break  # should not happen (we send in order from what the master holds); no hot loop
        if hb.get("commands_upto", 0) > self.commands_seen:
            self._take_commands(self.client.post(protocol.API + "/commands", {"after": self.commands_seen})["records"])
        return sent

    def _run(self) -> None:
        import random

        warm_up(self)
        delay = BACKOFF_FIRST
        last_beat = 0.0
        while not self._stop.is_set():
            woke = self._wake.wait(timeout=max(0.0, self.heartbeat_every - (time.monotonic() - last_beat)))
            self._wake.clear()
            if self._stop.is_set():
                break
            try:
                if woke and self._online and self.backlog() > 0:
                    self._push_only()
                    if self.pull_after_push:  # a station waits for the master's answer to its record
                        self.sync_once()
                else:
                    self.sync_once()
                    last_beat = time.monotonic()
                self._set_online(True)
                self.last_error = ""
                delay = BACKOFF_FIRST
            except (LinkError, OSError, rec.RecordRejected) as exc:
                self.last_error = str(exc)
                busy = isinstance(exc, LinkError) and exc.code == protocol.BUSY
                if not busy:  # a busy master is there: the terminal is not offline
                    self._set_online(False)
                wait = exc.retry_after if isinstance(exc, LinkError) and exc.retry_after else delay
                # jittered, so a room that lost the master together does not come back in step
                self._stop.wait(wait * random.uniform(0.75, 1.25))
                slow = isinstance(exc, LinkError) and exc.slow
                delay = min(delay * 2, BACKOFF_SLOW if slow else BACKOFF_UNREACHABLE)
                self._wake.set()  # try again (after the back-off)

    def _push_only(self) -> None:
        while not self._stop.is_set() and self.acked < self.last_seq():
            batch = self._to_send(self.acked)
            if not batch:
                return
            reply = self.client.post(protocol.API + "/records", {"records": batch})
            progressed = reply["contiguous"] > self.acked
            self.acked = reply["contiguous"]
            if not progressed:
                return


def warm_up(node: TerminalNode) -> None:
    """Once, as the sender starts: a journal line that the link started (which also opens
    the store's write-ahead log) and one record's whole path -- seal, sign, insert,
    journal -- rolled back.  A room's terminals start together and their first answers land
    together; cold, each paid three times what the second costs (first statements, first
    pages, the log's creation) just when the master had the whole room to take."""
    try:
        with node._seq_lock:
            with node.ctx.unit_of_work() as uow:
                uow.journal("net.terminal_started", node.machine_id, {"url": node.identity["url"]})
            try:
                with node.ctx.unit_of_work() as uow:
                    env = node._add_outbox(uow, "warm", {})
                    uow.journal("net.record", "warm", {"kind": "warm", "hash": env.content_hash})
                    raise _RolledBack
            except _RolledBack:
                pass
    except Exception:  # a store that cannot write now says so on the first real record
        import logging

        logging.getLogger(__name__).warning("terminal warm-up failed", exc_info=True)


def enroll_and_wait(node: TerminalNode, master: str, name: str, wait: float,
                    on_code: Callable[[str], None], stop: threading.Event | None = None,
                    poll: float = 1.0) -> str | None:
    """Ask the master to enroll this machine (terminal or station), hand the code to show to
    ``on_code`` and wait for the operator's grant.  Returns the confirmation code both screens
    show, or None when ``wait`` seconds passed (or ``stop`` was set) first.  The one road for
    the command line and the station's window."""
    code = node.request_enrollment(master, name)
    on_code(code)
    stop = stop or threading.Event()
    deadline = time.monotonic() + wait
    while not stop.is_set():
        confirm = node.complete_enrollment()
        if confirm:
            return confirm
        if time.monotonic() >= deadline:
            return None
        stop.wait(min(poll, max(0.0, deadline - time.monotonic())))
    return None
