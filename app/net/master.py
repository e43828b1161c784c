"""The master's side of the site link: an HTTPS service on the site LAN.

Transport: HTTPS (TLS 1.2+, the master's self-signed certificate, pinned by terminals at
enrollment) served by ``app.net.lan_http``: every keep-alive connection in one asyncio
loop of the standard library, in one thread, which also checks each request (JSON, the
request's signature, each record's signature and decryption) in a row; new records go to
the group commit (``app.net.writer``) and the loop answers once they are durable.  It
needs no Qt event loop: the master runs it headless, in its own process.

Endpoints (JSON in, JSON out, every one but enrollment signed by the machine key):
  POST /v1/enroll/request   a terminal asks to be enrolled (shows its code meanwhile)
  POST /v1/enroll/status    the terminal, signing with the requested key, fetches its grant
  POST /v1/records          a batch of records -> what is now held contiguously, gaps
  POST /v1/commands         master->terminal records after a given seq
  POST /v1/heartbeat        who sits there, progress, time left, focus losses
"""

from __future__ import annotations

import asyncio
import base64
import collections
import datetime as _dt
import json
import queue
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass

from sqlalchemy import func, select

from app.core import enrollment
from app.core import records as rec
from app.core.actor import system_actor
from app.net import ingest, protocol, tls
from app.net.lan_http import LoopServer
from app.store.net_tables import EnrollmentRequest, Machine
from app.store.unit import Clock, ServiceContext

MAX_BODY = 8 * 1024 * 1024
GROUP_MAX = 128  # pushes committed together in one durable transaction
GROUP_RECORDS = 600  # records in one group at most: a room catching up after a master restart
                     # (every terminal a full batch) once held the write lock 0.76 s for 3,000
MAX_PENDING = 500
ONLINE_SECONDS = 10.0
BUSY_RETRY_AFTER = 2.0  # seconds a terminal waits before trying a busy master again
FINGERPRINT_SETTING = "net.master_fingerprint"


@dataclass
class LiveRow:
    machine_id: str
    status: dict
    last_seen: float  # monotonic seconds on the master
    last_seen_utc: _dt.datetime


class LiveBoard:
    """What terminals said in their last heartbeat (volatile by nature: rebuilt within seconds
    of a master restart, so it is kept in memory and never journaled)."""

    def __init__(self):
        self._rows: dict[str, LiveRow] = {}
        self._lock = threading.Lock()

    def update(self, machine_id: str, status: dict) -> None:
        with self._lock:
            self._rows[machine_id] = LiveRow(machine_id, dict(status), time.monotonic(),
                                             _dt.datetime.now(_dt.timezone.utc))

    def rows(self) -> dict[str, LiveRow]:
        with self._lock:
            return dict(self._rows)

    @staticmethod
    def online(row: LiveRow | None) -> bool:
        return row is not None and time.monotonic() - row.last_seen <= ONLINE_SECONDS

    def snapshot(self) -> list[dict]:
        """The board as data, for another process (the link's supervisor mirrors it)."""
        now = time.monotonic()
        return [{"machine_id": r.machine_id, "status": r.status, "age": round(now - r.last_seen, 3),
                 "last_seen_utc": r.last_seen_utc.isoformat()} for r in self.rows().values()]

    def load(self, snapshot: list[dict]) -> None:
        """Replace the board with a snapshot taken in the link's process."""
        now = time.monotonic()
        rows = {d["machine_id"]: LiveRow(d["machine_id"], dict(d["status"]), now - float(d["age"]),
                                         _dt.datetime.fromisoformat(d["last_seen_utc"])) for d in snapshot}
        with self._lock:
            self._rows = rows


def quantiles_ms(values) -> dict:
    """Median, 99th percentile and maximum of seconds, in milliseconds."""
    v = sorted(values)
    if not v:
        return {}
    return {"p50": round(v[len(v) // 2] * 1000, 1), "p99": round(v[min(len(v) - 1, int(len(v) * 0.99))] * 1000, 1),
            "max": round(v[-1] * 1000, 1)}


class LinkStats:
    """How the link is doing, kept by the link itself (benches and the supervisor read it):
    each push from arrival to its durable answer, and each group commit's write-lock hold
    (from ``BEGIN IMMEDIATE`` granted to the commit's return) and size; for the longest hold,
    the kinds of record its group carried."""

    def __init__(self, keep: int = 200_000):
        self._lock = threading.Lock()
        self.push = collections.deque(maxlen=keep)
        self.hold = collections.deque(maxlen=keep)
        self.group_size = collections.deque(maxlen=keep)
        self.busy_refusals = 0
        self.longest = (0.0, "")

    def pushed(self, seconds: float) -> None:
        with self._lock:
            self.push.append(seconds)

    def committed(self, hold_seconds: float, size: int, kinds: str = "") -> None:
        with self._lock:
            self.hold.append(hold_seconds)
            self.group_size.append(size)
            if hold_seconds > self.longest[0]:
                self.longest = (hold_seconds, kinds)

    def summary(self) -> dict:
        with self._lock:
            push, hold, sizes = list(self.push), list(self.hold), list(self.group_size)
        return {"pushes": len(push), "push_ms": quantiles_ms(push), "group_commit_ms": quantiles_ms(hold),
                "groups": len(hold), "group_size_max": max(sizes, default=0),
                "lock_hold_max_ms": round(max(hold, default=0.0) * 1000, 1), "lock_hold_max_kinds": self.longest[1]}


_CURRENT = None  # the link this process serves or supervises (MasterLink or LinkSupervisor)


def lan_address() -> str:
    """This machine's address on the site LAN (what terminals are told to use)."""
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))  # no packet is sent; picks the outgoing interface
            return s.getsockname()[0]
        except OSError:
            return "127.0.0.1"


def current():
    """The link this process serves in-process or supervises (``url``, ``fingerprint``, ``board``,
    ``stop()``), or None."""
    return _CURRENT


def set_current(link) -> None:
    global _CURRENT
    _CURRENT = link


def clear_current(link) -> None:
    global _CURRENT
    if _CURRENT is link:
        _CURRENT = None


def current_board() -> LiveBoard | None:
    """The live board of the link served or supervised by this process (the proctor console reads it)."""
    return _CURRENT.board if _CURRENT is not None else None


class MasterLink:
    """The link served from this process.  ``site`` is the open site (its ``store`` and ``clock``);
    ``appliers`` turn each new record into the features' rows (default: the site's
    ``record_appliers``, which the services' composition root provides).  ``writer="process"``
    runs the group commit in a child process (the link's own process uses it; see
    ``app.net.writer`` for why)."""

    def __init__(self, site, host: str = "127.0.0.1", port: int = 0, appliers: ingest.Appliers | None = None,
                 writer: str = "thread"):
        self.writer = writer  # "thread", or "process": the group commit in a process of its own (app.net.writer)
        self._committer = None
        self.store = site.store
        self.clock: Clock = getattr(site, "clock", None) or Clock()
        self.appliers: ingest.Appliers = appliers if appliers is not None else site.record_appliers
        self.registry = ingest.Registry(self.store).load_all()
        self.commands_index = ingest.CommandsIndex(self.store)
        self.replay = protocol.ReplayGuard()
        self.board = LiveBoard()
        self.stats = LinkStats()
        self.write_lock = threading.Lock()
        cert, key, self.fingerprint = tls.ensure_certificate(self.store.site_dir, self.store.keys.file_key,
                                                             self.store.site_id)
        self._remember_fingerprint()
        self.server = LoopServer(host, port, tls.server_context(cert, key, self.store.keys.file_key), self._answer,
                                 MAX_BODY, {"error": "请求过大", "code": protocol.TOO_LARGE}, _busy())
        self._queue: queue.Queue = queue.Queue()
        self._held: dict[str, tuple[int, list[int]]] = {}  # machine -> (contiguous, gaps), as last committed
        self._writer: threading.Thread | None = None

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    @property
    def url(self) -> str:
        host = self.server.server_address[0]
        return f"https://{lan_address() if host in ('0.0.0.0', '') else host}:{self.port}"

    def _remember_fingerprint(self) -> None:
        from app.store import models

        with self.store.read() as s:
            row = s.get(models.Setting, FINGERPRINT_SETTING)
            if row is not None and row.value == self.fingerprint:
                return
        ctx = self.system_context()
        with ctx.unit_of_work() as uow:
            row = uow.session.get(models.Setting, FINGERPRINT_SETTING)
            if row is None:
                uow.session.add(models.Setting(key=FINGERPRINT_SETTING, value=self.fingerprint))
            else:
                row.value = self.fingerprint
            uow.journal("net.certificate", self.fingerprint[:16], {"fingerprint": self.fingerprint})

    def start(self) -> "MasterLink":
        from app.net.writer import GroupCommitter, WriterProcess

        if self.writer == "process":
            self._committer = WriterProcess(self.store, self.clock, self.appliers)
        else:
            self._committer = GroupCommitter(self.store, self.clock, self.appliers)
        self._held.update(ingest.status_all(self.store))
        self._writer = threading.Thread(target=self._write_loop, name="site-link-writer", daemon=True)
        self._writer.start()
        self.server.start()
        set_current(self)
        return self

    def stop(self) -> None:
        clear_current(self)
        self.server.stop()
        self._queue.put(None)
        if self._writer is not None:
            self._writer.join(timeout=10)
        if hasattr(self._committer, "close"):
            self._committer.close()

    # -- handlers ---------------------------------------------------------------------
    def system_context(self) -> ServiceContext:
        return ServiceContext(self.store, system_actor(self.store.machine), self.clock)

    def machine_ctx(self, machine_id: str) -> ServiceContext:
        keys = self.registry.get(machine_id)
        return ServiceContext(self.store, ingest.machine_actor(machine_id, keys.name if keys else ""), self.clock)

    def enroll_request(self, body: dict) -> dict:
        public = base64.b64decode(body["public_key"])
        nonce = base64.b64decode(body["nonce"])
        if len(public) != 32 or not 8 <= len(nonce) <= 32:
            raise protocol.RequestRefused("登记请求无效", 400, protocol.BAD_REQUEST)
        name = str(body.get("name", ""))[:64] or "终端"
        code = enrollment.enrollment_code(public, nonce)
        ctx = self.system_context()
        with self.write_lock, ctx.unit_of_work() as uow:
            s = uow.session
            existing = s.scalars(select(EnrollmentRequest).where(EnrollmentRequest.public_key == public)).first()
            if existing is None:
                pending = s.scalar(select(func.count()).select_from(EnrollmentRequest)
                                   .where(EnrollmentRequest.state == "pending"))
                if pending >= MAX_PENDING:
                    raise protocol.RequestRefused("待登记请求过多", 429, protocol.TOO_MANY)
                s.add(EnrollmentRequest(public_key=public, nonce=nonce, name=name, code=code,
                                        requested_at=ctx.now(), state="pending"))
                uow.journal("net.enroll_requested", code, {"name": name})
        return {"ok": True, "state": "pending" if existing is None else existing.state}

    def enroll_status(self, headers, path: str, raw: bytes) -> dict:
        public_hex = headers.get("X-ES-Machine") or ""
        try:
            public = bytes.fromhex(public_hex)
        except ValueError:
            raise protocol.RequestRefused("登记请求无效", 400, protocol.BAD_REQUEST) from None
        self.replay.check(headers, "POST", path, raw, lambda _m: public if len(public) == 32 else None, time.time())
        with self.store.read() as s:
            req = s.scalars(select(EnrollmentRequest).where(EnrollmentRequest.public_key == public)).first()
            if req is None:
                raise protocol.RequestRefused("没有该登记请求", 404, protocol.NOT_FOUND)
            if req.state != "granted":
                return {"state": req.state}
            machine = s.get(Machine, req.machine_id)
        message = enrollment.grant_message(self.store.site_id, machine.machine_id, public, self.fingerprint)
        return {"state": "granted", "machine_id": machine.machine_id, "name": machine.name,
                "site_id": self.store.site_id, "machine_key": base64.b64encode(machine.machine_key).decode(),
                "master_fingerprint": self.fingerprint,
                "site_public_keys": {k: base64.b64encode(v).decode() for k, v in self.store.journal.public_keys().items()},
                "site_key_id": self.store.journal.key_id,
                "grant_signature": base64.b64encode(self.store.journal.sign(message)).decode()}

    # -- requests ---------------------------------------------------------------------
    async def _answer(self, path: str, headers, raw: bytes) -> tuple[int, dict]:
        """One request, in the server's loop: checked here, in a row with the others (see
        ``app.net.lan_http`` for why); enrollment, which writes, in a worker thread; new
        records to the writer, answered once durable."""
        try:
            if path in (protocol.API + "/enroll/request", protocol.API + "/enroll/status"):
                body = _json_object(raw)
                if path == protocol.API + "/enroll/request":
                    work = lambda: self.enroll_request(body)  # noqa: E731
                else:
                    work = lambda: self.enroll_status(headers, path, raw)  # noqa: E731
                return 200, await asyncio.get_running_loop().run_in_executor(None, work)
            t0 = time.perf_counter()
            body = _json_object(raw)
            machine = self.replay.check(headers, "POST", path, raw, self.registry.public_key, time.time())
            if path == protocol.API + "/records":
                envelopes = [rec.Envelope.from_dict(d) for d in body.get("records", [])]
                opened = ingest.open_all(envelopes, self.registry, self.store.site_id, only_machine=machine)
                outcome = None
                if opened:
                    done: Future = Future()
                    self._queue.put((machine, opened, done))
                    outcome = await asyncio.wait_for(asyncio.shield(asyncio.wrap_future(done)), 120)
                reply = self.push_reply(machine, outcome)
                self.stats.pushed(time.perf_counter() - t0)
                return 200, reply
            if path == protocol.API + "/commands":
                return 200, self.commands(machine, body)
            if path == protocol.API + "/heartbeat":
                return 200, self.heartbeat(machine, body)
            return 404, {"error": "无此接口", "code": protocol.NOT_FOUND}
        except protocol.RequestRefused as exc:
            # the master's clock, so a terminal whose clock is off can sign in the master's time
            return exc.status, {"error": str(exc), "code": exc.code, "server_time": time.time()}
        except rec.RecordRejected as exc:
            return 422, {"error": str(exc), "code": protocol.RECORD_REJECTED}
        except (KeyError, TypeError, ValueError) as exc:
            return 400, {"error": f"请求无效：{exc}", "code": protocol.BAD_REQUEST}
        except Exception as exc:  # e.g. the store busy: nothing was acknowledged, the terminal retries
            import logging

            logging.getLogger(__name__).exception("site link request failed")
            return 503, _busy(type(exc).__name__)

    def push_reply(self, machine_id: str, outcome) -> dict:
        """The answer to a push: what the master now holds from ``machine_id``."""
        if isinstance(outcome, ingest.ApplyResult):
            return {"contiguous": outcome.contiguous[machine_id], "missing": outcome.missing[machine_id],
                    "new": outcome.new, "duplicates": outcome.duplicates}
        contiguous, gaps = ingest.status_of(self.store, machine_id)
        return {"contiguous": contiguous, "missing": gaps[:500], "new": 0, "duplicates": 0}

    # -- group commit -------------------------------------------------------------------
    def _write_loop(self) -> None:
        """One writer: the pushes waiting when it is free go into the same transaction, so a
        hundred terminals cost one fsync per round rather than one each; a group is bounded
        (``take_group``) so that the write lock it holds stays short."""
        carried = None  # the push that did not fit in the last group: it opens the next one
        while True:
            item = carried if carried is not None else self._queue.get()
            if item is None:
                return
            items, carried = take_group(self._queue, item)
            self._apply_group(items)

    def _apply_group(self, items) -> None:
        try:
            with self.write_lock:
                results, holds = self._committer.commit([(mid, opened) for mid, opened, _ in items])
        except (EOFError, OSError) as exc:  # the writer process is gone: this link cannot write any more
            for _, _, done in items:
                if not done.done():
                    done.set_exception(exc)
            self._writer_lost(exc)
            return
        for hold, size, kinds in holds:
            self.stats.committed(hold, size, kinds)
        self.commands_index.invalidate()
        for (mid, _, done), result in zip(items, results):
            if done.done():  # its request gave up waiting (it is sent again)
                continue
            if isinstance(result, Exception):
                done.set_exception(result)
            else:
                self._held[mid] = (result.contiguous[mid], result.missing[mid])
                done.set_result(result)

    def _writer_lost(self, exc) -> None:
        """Without its writer the link would take records it can never make durable: end the
        process, and the supervisor starts a whole new link (terminals resend meanwhile)."""
        import logging
        import os

        logging.getLogger(__name__).critical("site link writer process lost (%s); ending the link", exc)
        os._exit(70)

    def commands(self, machine_id: str, body: dict) -> dict:
        after = int(body.get("after", 0))
        return {"records": ingest.commands_after(self.store, machine_id, after)}

    def heartbeat(self, machine_id: str, body: dict) -> dict:
        status = body.get("status") or {}
        if not isinstance(status, dict):
            raise protocol.RequestRefused("状态无效", 400, protocol.BAD_REQUEST)
        self.board.update(machine_id, status)
        held = self._held.get(machine_id)
        if held is None:  # enrolled since the link started (packs imported meanwhile are seen on the next push)
            held = self._held[machine_id] = ingest.status_of(self.store, machine_id)
        contiguous, gaps = held
        return {"contiguous": contiguous, "missing": gaps[:500], "commands_upto": self.commands_index.upto(machine_id),
                "server_time": time.time()}


def take_group(waiting: queue.Queue, first, max_pushes: int = GROUP_MAX, max_records: int = GROUP_RECORDS):
    """``first`` and the pushes waiting behind it, as one group: at most ``max_pushes`` pushes and
    ``max_records`` records (a push is ``(machine, opened records, future)``).  Returns the group
    and the push taken that did not fit (None if none): it opens the next group.  The end
    marker (None) is left in the queue."""
    items, records = [first], len(first[1])
    while len(items) < max_pushes:
        try:
            nxt = waiting.get_nowait()
        except queue.Empty:
            break
        if nxt is None:
            waiting.put(None)
            break
        if records + len(nxt[1]) > max_records:
            return items, nxt
        items.append(nxt)
        records += len(nxt[1])
    return items, None


def _busy(what: str = "") -> dict:
    """The refusal that asks a terminal to come back after ``BUSY_RETRY_AFTER`` seconds."""
    detail = f"（{what}）" if what else ""
    return {"error": f"主机暂时无法处理{detail}，稍后自动重试", "code": protocol.BUSY, "retry_after": BUSY_RETRY_AFTER}


def _json_object(raw: bytes) -> dict:
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise protocol.RequestRefused("请求不是 JSON 对象", 400, protocol.BAD_REQUEST)
    return body
