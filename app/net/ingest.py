"""The master's side of the record format: merged truth in the master store.

``apply_envelopes`` takes records from the LAN or from an answer pack and applies
each one at most once, inside one transaction with its journal entry.  Records are
kept under ``(machine_id, seq)``; a record already held is a no-op, a different
record under a held key is refused, and a machine's records are only ever checked
against that machine's enrolled key, so one terminal can never write under another's
name.  Verifying and decrypting (``open_all``) happens before the write transaction;
inside it ``apply_opened`` does one set-based insert of the new records and calls each
kind's applier with the unit of work, so the applier's own rows and journal entries
commit with the records, exactly once.  The appliers are handed in (``Appliers``): the
features register them at one composition root (``app.services.appliers``) and net
imports no service.

``queue_command`` seals a record from the master to one terminal (room start, pause,
extend, ...), numbered per terminal and signed with the site key.
"""

from __future__ import annotations

import datetime as _dt
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core import records as rec
from app.core.actor import Actor
from app.store.engine import driver
from app.store.journal import iso
from app.store.net_tables import Machine, OutboxRecord, ReceivedRecord
from app.store.unit import UnitOfWork

# kind -> fn(uow, record), called once, when a record is first applied, inside the ingest transaction
Applier = Callable[[UnitOfWork, rec.Record], None]
Appliers = Mapping[str, Applier]


def machine_actor(machine_id: str, name: str = "") -> Actor:
    return Actor(None, f"machine:{machine_id}", name or machine_id, "terminal", machine_id)


@dataclass
class ApplyResult:
    new: int = 0
    duplicates: int = 0
    contiguous: dict[str, int] = field(default_factory=dict)
    missing: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"new": self.new, "duplicates": self.duplicates, "contiguous": self.contiguous,
                "missing": self.missing}


@dataclass(frozen=True)
class MachineKeys:
    machine_id: str
    name: str
    public_key: bytes
    machine_key: bytes


class Registry:
    """Enrolled machines' keys, cached (the LAN server asks on every request)."""

    def __init__(self, store):
        self.store = store
        self._cache: dict[str, MachineKeys] = {}
        self._lock = threading.Lock()

    def get(self, machine_id: str) -> MachineKeys | None:
        with self._lock:
            hit = self._cache.get(machine_id)
        if hit:
            return hit
        with self.store.read() as s:
            m = s.get(Machine, machine_id)
            if m is None or not m.active:
                return None
            keys = MachineKeys(m.machine_id, m.name, m.public_key, m.machine_key)
        with self._lock:
            self._cache[machine_id] = keys
        return keys

    def load_all(self) -> "Registry":
        """Every enrolled machine's keys in one read (a link starting up: the room's first
        pushes then find them cached instead of each reading its machine, the writer's inside
        the write lock)."""
        with self.store.read() as s:
            keys = {m.machine_id: MachineKeys(m.machine_id, m.name, m.public_key, m.machine_key)
                    for m in s.scalars(select(Machine).where(Machine.active.is_(True)))}
        with self._lock:
            self._cache.update(keys)
        return self

    def public_key(self, machine_id: str) -> bytes | None:
        k = self.get(machine_id)
        return k.public_key if k else None

    def forget(self, machine_id: str) -> None:
        with self._lock:
            self._cache.pop(machine_id, None)


def open_all(envelopes: list[rec.Envelope], registry: Registry, site_id: str,
             only_machine: str | None = None) -> list[tuple[rec.Envelope, rec.Record]]:
    """Verify and decrypt every envelope first (all or nothing): one bad record refuses the lot."""
    opened = []
    for env in envelopes:
        mid = env.header.machine_id
        if only_machine is not None and mid != only_machine:
            raise rec.RecordRejected(f"机器 {only_machine} 不能提交机器 {mid} 的记录")
        if env.header.recipient:
            raise rec.RecordRejected(f"记录 {mid}#{env.header.seq} 不是发给主机的")
        keys = registry.get(mid)
        if keys is None:
            raise rec.RecordRejected(f"记录来自未登记的机器 {mid}")
        opened.append((env, rec.open_envelope(env, keys.public_key, keys.machine_key, site_id)))
    return opened


def apply_opened(uow: UnitOfWork, opened: list[tuple[rec.Envelope, rec.Record]], via: str, now: _dt.datetime,
                 appliers: Appliers) -> ApplyResult:
    """Inside the caller's unit of work: apply one batch (an answer pack, say) and report per machine."""
    by_machine: dict[str, list[tuple[rec.Envelope, rec.Record]]] = {}
    for env, record in opened:
        by_machine.setdefault(env.header.machine_id, []).append((env, record))
    result = ApplyResult()
    for r in apply_group(uow.session, [(uow, items) for _, items in sorted(by_machine.items())], via, now, appliers):
        result.new += r.new
        result.duplicates += r.duplicates
        result.contiguous.update(r.contiguous)
        result.missing.update(r.missing)
    return result


_HELD = "SELECT seq, content_hash FROM received_record WHERE machine_id = ? AND seq IN ({})"
_INSERT_RECEIVED = ("INSERT INTO received_record (machine_id, seq, kind, created_at, content_hash, envelope, payload, "
                    "received_at, via) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_MARKS = "SELECT machine_id, contiguous_seq FROM machine WHERE machine_id IN ({})"
_ABOVE = "SELECT seq FROM received_record WHERE machine_id = ? AND seq > ?"
_MOVE_MARK = "UPDATE machine SET contiguous_seq = ? WHERE machine_id = ?"


def _db_time(ts: _dt.datetime) -> str:
    """A UTC time as the store keeps it (``UTCDateTime``: naive UTC, SQLAlchemy's SQLite text)."""
    return ts.astimezone(_dt.timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _db_json(value: dict) -> str:
    """JSON as the store keeps it (``JSONText``)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _marks(n: int) -> str:
    return ", ".join("?" * n)


def apply_group(session: Session, pushes: list[tuple[UnitOfWork, list[tuple[rec.Envelope, rec.Record]]]],
                via: str, now: _dt.datetime, appliers: Appliers) -> list[ApplyResult]:
    """Several pushes in one transaction (the link's group commit), each with its own unit of
    work (its machine's actor) and its own result.  Set-based, in plain SQL (this runs under
    the write lock for every group, and SQLAlchemy's statement building cost more than the
    statements): one query per machine for what is already held, one insert of everything
    new, the appliers (their own rows), one query per machine for what lies above its
    contiguous mark, one update of the marks, one journal entry per push.  Nothing here
    verifies or decrypts: ``open_all`` did that before the write lock."""
    conn = driver(session)
    pairs = sorted({(env.header.machine_id, env.header.seq) for _, items in pushes for env, _ in items})
    by_machine: dict[str, list[int]] = {}
    for m, q in pairs:
        by_machine.setdefault(m, []).append(q)
    held: dict[tuple[str, int], str] = {}
    for m, seqs in by_machine.items():
        # machine_id = ? AND seq IN (...): a search of the primary key.  (A row-value IN over
        # (machine_id, seq) pairs is a full scan of the table in SQLite -- measured: it made
        # every group read the whole, growing, encrypted table under the write lock.)
        for i in range(0, len(seqs), 500):
            part = seqs[i:i + 500]
            held.update({(m, q): h for q, h in conn.execute(_HELD.format(_marks(len(part))), (m, *part))})
    rows: list[tuple] = []
    plans: list[tuple[ApplyResult, list[rec.Record]]] = []
    received_at = _db_time(now)
    for uow, items in pushes:
        result, fresh = ApplyResult(), []
        for env, record in items:
            key = (env.header.machine_id, env.header.seq)
            if rec.classify(held.get(key), env.content_hash) == "duplicate":
                result.duplicates += 1
                continue
            held[key] = env.content_hash
            rows.append((key[0], key[1], env.header.kind, env.header.created_at, env.content_hash, env.to_json(),
                         _db_json(record.payload), received_at, via))
            fresh.append(record)
        result.new = len(fresh)
        plans.append((result, fresh))
    if rows:
        conn.executemany(_INSERT_RECEIVED, rows)
    for (uow, _), (_, fresh) in zip(pushes, plans):
        for record in fresh:
            applier = appliers.get(record.header.kind)
            if applier is not None:
                applier(uow, record)
    machines = sorted(by_machine)
    marks = dict(conn.execute(_MARKS.format(_marks(len(machines))), tuple(machines)).fetchall()) \
        if machines else {}
    moved = []
    state: dict[str, tuple[int, list[int]]] = {}
    for m in machines:
        start = marks.get(m, 0)
        above = {q for (q,) in conn.execute(_ABOVE, (m, start))} if m in marks else set()
        contiguous = rec.contiguous_upto(above, start)
        state[m] = (contiguous, rec.missing(above, contiguous))
        if contiguous != start:
            moved.append((contiguous, m))
    if moved:
        conn.executemany(_MOVE_MARK, moved)
    results = []
    for (uow, items), (result, fresh) in zip(pushes, plans):
        for mid in sorted({env.header.machine_id for env, _ in items}):
            contiguous, gaps = state[mid]
            result.contiguous[mid] = contiguous
            result.missing[mid] = gaps[:500]
            numbers = [r.header.seq for r in fresh if r.header.machine_id == mid]
            if numbers:
                uow.journal("net.records_received", mid, {"via": via, "count": len(numbers), "first": min(numbers),
                                                          "last": max(numbers), "contiguous": contiguous,
                                                          "gaps": len(gaps)})
        results.append(result)
    return results


def handover(session: Session, candidate: str) -> dict:
    """What the master holds for a candidate who moves to another terminal: how many records
    name them and the latest one (the exam engine resumes from its own rows later)."""
    q = select(ReceivedRecord).where(func.json_extract(ReceivedRecord.payload, "$.candidate") == candidate)
    rows = list(session.scalars(q.order_by(ReceivedRecord.created_at.desc(), ReceivedRecord.seq.desc())))
    return {"records": len(rows), "last": rows[0].payload if rows else None}


def status_all(store) -> dict[str, tuple[int, list[int]]]:
    """``status_of`` for every enrolled machine in one read (what the link knows before the
    room's first heartbeats arrive, so the start burst costs no read per terminal)."""
    with store.read() as s:
        contiguous = dict(s.execute(select(Machine.machine_id, Machine.contiguous_seq)).all())
        above: dict[str, set[int]] = {}
        for mid, seq in s.execute(select(ReceivedRecord.machine_id, ReceivedRecord.seq)
                                  .join(Machine, Machine.machine_id == ReceivedRecord.machine_id)
                                  .where(ReceivedRecord.seq > Machine.contiguous_seq)):
            above.setdefault(mid, set()).add(seq)
    return {mid: (c, rec.missing(above.get(mid, set()), c)) for mid, c in contiguous.items()}


def status_of(store, machine_id: str) -> tuple[int, list[int]]:
    with store.read() as s:
        m = s.get(Machine, machine_id)
        if m is None:
            return 0, []
        seqs = set(s.scalars(select(ReceivedRecord.seq).where(ReceivedRecord.machine_id == machine_id,
                                                              ReceivedRecord.seq > m.contiguous_seq)))
        return m.contiguous_seq, rec.missing(seqs, m.contiguous_seq)


# -- master -> terminal ---------------------------------------------------------------

class _SiteSigner:
    def __init__(self, store):
        self.store = store

    def sign(self, data: bytes) -> bytes:
        return self.store.journal.sign(data)


def queue_command(uow, recipient: str, kind: str, payload: dict, now: _dt.datetime) -> rec.Envelope:
    """A record from the master to one terminal, committed with the caller's change."""
    s: Session = uow.session
    store = uow.ctx.store
    machine = s.get(Machine, recipient)
    if machine is None or not machine.active:
        from app.core.errors import NotFound

        raise NotFound(f"终端 {recipient} 未登记")
    last = s.scalar(select(func.max(OutboxRecord.seq)).where(OutboxRecord.recipient == recipient)) or 0
    header = rec.Header(store.site_id, rec.MASTER, last + 1, kind, iso(now), recipient)
    env = rec.seal(header, payload, machine.machine_key, _SiteSigner(store))
    s.add(OutboxRecord(recipient=recipient, seq=header.seq, kind=kind, created_at=header.created_at,
                       content_hash=env.content_hash, envelope=env.to_json()))
    return env


class CommandsIndex:
    """The last command's number for every recipient, read for all of them at once and
    reused for ``ttl`` seconds.  Every heartbeat of every terminal asks for its own; reading it
    per heartbeat took a pooled connection and an ORM query each time, and in a room's start
    burst a hundred of them queued for the pool's dozen connections.  A command written
    meanwhile (by the master app, another process) reaches its terminal at most ``ttl`` later."""

    def __init__(self, store, ttl: float = 0.2):
        self.store, self.ttl = store, ttl
        self._upto: dict[str, int] = {}
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def upto(self, recipient: str) -> int:
        with self._lock:  # one reader at a time; the others take what it read
            if time.monotonic() - self._read_at > self.ttl:
                with self.store.read() as s:
                    rows = driver(s).execute(_COMMANDS_UPTO).fetchall()
                self._upto = {r[0]: r[1] for r in rows}
                self._read_at = time.monotonic()
            return self._upto.get(recipient, 0)

    def invalidate(self) -> None:
        """The link committed a group (whose appliers may have written commands, a door desk's
        verdict say): the next heartbeat reads afresh, so the station that pushed pulls its answer
        at once rather than a heartbeat later."""
        with self._lock:
            self._read_at = float("-inf")


_COMMANDS_UPTO = "SELECT recipient, max(seq) FROM outbox_record GROUP BY recipient"


def commands_after(store, recipient: str, after: int, limit: int = 200) -> list[dict]:
    with store.read() as s:
        rows = s.scalars(select(OutboxRecord).where(OutboxRecord.recipient == recipient, OutboxRecord.seq > after)
                         .order_by(OutboxRecord.seq).limit(limit))
        return [json.loads(r.envelope) for r in rows]

