"""Appending to the journal and signing its checkpoints, inside the caller's transaction.

An entry is written in the same transaction as the change it records, so there is
never a change without its trace.  Every ``CHECKPOINT_EVERY`` entries, and on close,
the latest entry hash is signed with the site key.  Signed checkpoints are also
appended to ``journal-checkpoints.log`` beside the store (hashes and signatures only,
nothing secret) so that cutting the end off the store is noticed even if the
checkpoint rows go with it.

The every-``CHECKPOINT_EVERY`` checkpoint is not signed in the transaction that wrote
the entry (that would make every 100th answer of an exam pay for re-checking the
segment, a signature and a second fsync'd file): the commit hands it to one background
worker, which signs it in its own short transaction.  A tampered segment found there is
raised by the next ``append`` (no further entry is written on a rewritten tail).
``settle()`` waits for the worker; ``checkpoint_if_behind`` and closing the store do.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import logging
import os
import queue
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from app.core import journal as core
from app.core.actor import Actor
from app.core.errors import DomainError
from app.store import models
from app.store.keys import ANCHOR_FILE, unb64

if TYPE_CHECKING:
    from app.store.engine import Store

CHECKPOINT_EVERY = 100
_LAST = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"
_INSERT = ("INSERT INTO journal (seq, ts, actor, role, machine, action, subject, payload, prev_hash, hash) "
           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
log = logging.getLogger(__name__)


class JournalTampered(DomainError):
    pass


def utc_now() -> _dt.datetime:
    return _dt.datetime.now(_dt.timezone.utc)


def iso(ts: _dt.datetime) -> str:
    return ts.astimezone(_dt.timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _to_entry(row: models.JournalEntry) -> core.Entry:
    return core.Entry(row.seq, row.ts, row.actor, row.role, row.machine, row.action, row.subject,
                      json.loads(row.payload), row.prev_hash, row.hash)


class Journal:
    def __init__(self, store: "Store"):
        self.store = store
        self._signer: Ed25519PrivateKey | None = None
        self.key_id = ""
        self.anchor_path = Path(store.site_dir) / ANCHOR_FILE
        self.fault: JournalTampered | None = None     # found by the background checkpoint
        self._due: queue.Queue = queue.Queue()
        self._worker: threading.Thread | None = None
        self._worker_lock = threading.Lock()
        event.listen(store._write, "after_commit", self._after_commit)
        event.listen(store._write, "after_rollback", self._after_rollback)

    # -- keys ---------------------------------------------------------------
    def load_signer(self) -> None:
        from app.store.engine import StoreCorrupt, active_site_key

        with self.store.read() as s:
            key = active_site_key(s)
            if key is None:
                raise StoreCorrupt("站点签名密钥缺失")
            trusted = self.store.site.public_keys.get(key.key_id)
            if trusted is None or unb64(trusted) != key.public_key:
                raise StoreCorrupt("站点签名密钥与 site.json 中登记的公钥不符")
            self._signer = Ed25519PrivateKey.from_private_bytes(key.private_key)
            self.key_id = key.key_id

    def sign(self, message: bytes) -> bytes:
        assert self._signer is not None
        return self._signer.sign(message)

    def public_keys(self) -> dict[str, bytes]:
        return {kid: unb64(v) for kid, v in self.store.site.public_keys.items()}

    # -- writing ------------------------------------------------------------
    def append(self, session: Session, actor: Actor, action: str, subject: str = "",
               payload: dict | None = None, now: _dt.datetime | None = None) -> core.Entry:
        if self.fault is not None:
            raise self.fault
        from app.store.engine import driver

        conn = driver(session)  # plain SQL: this runs in every write transaction of the site
        tail = session.info.get("journal_tail")  # (seq, hash) appended earlier in this transaction
        if tail is None:
            last = conn.execute(_LAST).fetchone()
            tail = (last[0], last[1]) if last else (0, core.GENESIS)
        seq, prev = tail[0] + 1, tail[1]
        payload_text = core.canonical(payload or {}).decode()
        entry = core.Entry(seq, iso(now or utc_now()), actor.username, actor.role_value,
                           actor.machine or self.store.machine, action, subject[:120],
                           json.loads(payload_text), prev)
        h = core.entry_hash(entry)
        conn.execute(_INSERT, (seq, entry.ts, entry.actor, entry.role, entry.machine, action, entry.subject,
                                       payload_text, prev, h))
        # the write lock is held from BEGIN IMMEDIATE to commit, so the tail cannot move under us:
        # the next entry of this transaction needs no query to find it
        session.info["journal_tail"] = (seq, h)
        if seq % CHECKPOINT_EVERY == 0:
            session.info.setdefault("checkpoints_due", []).append((seq, h))
        return core.Entry(**{**entry.__dict__, "hash": h})

    def _segment_fault(self, session: Session, upto: int) -> str | None:
        """Re-check the entries since the last signed checkpoint before signing more of them,
        so a checkpoint never blesses a rewritten tail."""
        last_cp = session.scalars(select(models.JournalCheckpoint)
                                  .order_by(models.JournalCheckpoint.seq.desc()).limit(1)).first()
        start, prev = (last_cp.seq, last_cp.entry_hash) if last_cp else (0, core.GENESIS)
        expected = start + 1
        for row in session.scalars(select(models.JournalEntry).where(models.JournalEntry.seq > start,
                                                                     models.JournalEntry.seq <= upto)
                                   .order_by(models.JournalEntry.seq)):
            e = _to_entry(row)
            if e.seq != expected or e.prev_hash != prev or core.entry_hash(e) != e.hash:
                return f"第 {e.seq} 条日志未通过校验"
            prev, expected = e.hash, expected + 1
        if expected != upto + 1:
            return f"第 {expected} 条日志缺失"
        return None

    def _checkpoint(self, session: Session, seq: int, h: str, now: _dt.datetime | None = None) -> None:
        fault = self._segment_fault(session, seq)
        if fault:
            raise JournalTampered(f"操作日志已被改动，拒绝签名检查点：{fault}。请立即报告内部质量督导员，并在「操作日志」中点「校验日志完整性」")
        ts = iso(now or utc_now())
        sig = self.sign(core.checkpoint_message(self.store.site_id, seq, h))
        session.add(models.JournalCheckpoint(seq=seq, entry_hash=h, ts=ts, signature=sig, key_id=self.key_id))
        session.info.setdefault("pending_anchors", []).append((seq, h, ts, sig, self.key_id))

    # -- the background checkpoint ------------------------------------------
    def _hand_off(self, due: list[tuple[int, str]]) -> None:
        with self._worker_lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="journal-checkpoint", daemon=True)
                self._worker.start()
        for item in due:
            self._due.put(item)

    def _work(self) -> None:
        while True:
            item = self._due.get()
            try:
                if item is None:
                    return
                self._sign_due(*item)
            except JournalTampered as exc:
                self.fault = exc
                log.error("journal checkpoint refused: %s", exc)
            except Exception:  # e.g. the store busy or closing: the close signs the tail
                log.exception("journal checkpoint at %s not signed", item[0] if item else None)
            finally:
                self._due.task_done()

    def _sign_due(self, seq: int, h: str) -> None:
        with self.store.write() as s:
            done = s.scalar(select(func.max(models.JournalCheckpoint.seq))) or 0
            if done >= seq:
                return
            self._checkpoint(s, seq, h)

    def settle(self) -> None:
        """Wait until every checkpoint handed to the background worker is signed (or refused)."""
        if self._worker is not None and threading.current_thread() is not self._worker:
            self._due.join()

    def stop(self) -> None:
        self.settle()
        with self._worker_lock:
            if self._worker is not None and self._worker.is_alive():
                self._due.put(None)
                self._worker.join()
            self._worker = None

    def checkpoint_if_behind(self) -> int | None:
        """Sign the latest entry unless it is already covered.  Returns the seq signed."""
        self.settle()
        if self.fault is not None:
            raise self.fault
        with self.store.write() as s:
            last = s.scalars(select(models.JournalEntry).order_by(models.JournalEntry.seq.desc()).limit(1)).first()
            if last is None:
                return None
            cp = s.get(models.JournalCheckpoint, last.seq)
            if cp is not None:
                return None
            self._checkpoint(s, last.seq, last.hash)
            return last.seq

    def _after_commit(self, session: Session) -> None:
        session.info.pop("journal_tail", None)
        session.info.pop("driver", None)
        due = session.info.pop("checkpoints_due", None)
        if due:
            self._hand_off(due)
        pending = session.info.pop("pending_anchors", None)
        if not pending:
            return
        lines = "".join(
            json.dumps({"seq": seq, "hash": h, "ts": ts, "sig": base64.b64encode(sig).decode(), "key_id": kid}) + "\n"
            for seq, h, ts, sig, kid in pending)
        with open(self.anchor_path, "a", encoding="utf-8") as fh:
            fh.write(lines)
            fh.flush()
            os.fsync(fh.fileno())

    def _after_rollback(self, session: Session) -> None:
        session.info.pop("pending_anchors", None)
        session.info.pop("journal_tail", None)
        session.info.pop("driver", None)
        session.info.pop("checkpoints_due", None)

    # -- reading ------------------------------------------------------------
    def entries(self, session: Session) -> Iterator[core.Entry]:
        for row in session.scalars(select(models.JournalEntry).order_by(models.JournalEntry.seq)):
            yield _to_entry(row)

    def anchors(self) -> tuple[list[tuple[int, str]], str | None]:
        """Signed (seq, hash) pairs from the side file; a fault text if a line is bad."""
        out: list[tuple[int, str]] = []
        if not self.anchor_path.exists():
            return out, None
        keys = self.public_keys()
        for n, line in enumerate(self.anchor_path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                pub = keys[rec["key_id"]]
                Ed25519PublicKey.from_public_bytes(pub).verify(
                    base64.b64decode(rec["sig"]), core.checkpoint_message(self.store.site_id, rec["seq"], rec["hash"]))
            except (ValueError, KeyError, InvalidSignature):
                return out, f"{ANCHOR_FILE} 第 {n} 行无效或签名不符"
            out.append((int(rec["seq"]), rec["hash"]))
        return out, None

    def verify(self) -> core.VerifyReport:
        anchored, fault = self.anchors()
        if fault:
            return core.VerifyReport(False, 0, 0, 0, fault)
        with self.store.read() as s:
            rows = s.execute(select(models.JournalEntry).order_by(models.JournalEntry.seq)).scalars()
            cps = [core.Checkpoint(c.seq, c.entry_hash, c.ts, c.signature, c.key_id)
                   for c in s.scalars(select(models.JournalCheckpoint))]
            return core.verify(self.store.site_id, (_to_entry(r) for r in rows), cps, self.public_keys(), anchored)
