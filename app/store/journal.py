"""Appending to the journal and signing its checkpoints, inside the caller's transaction.

An entry is written in the same transaction as the change it records, so there is
never a change without its trace.  Every ``CHECKPOINT_EVERY`` entries, and on close,
the latest entry hash is signed with the site key.  Signed checkpoints are also
appended to ``journal-checkpoints.log`` beside the store (hashes and signatures only,
nothing secret) so that cutting the end off the store is noticed even if the
checkpoint rows go with it.
"""

from __future__ import annotations

import base64
import datetime as _dt
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from app.core import journal as core
from app.core.actor import Actor
from app.core.errors import DomainError
from app.store import models
from app.store.keys import ANCHOR_FILE, unb64

if TYPE_CHECKING:
    from app.store.engine import Store

CHECKPOINT_EVERY = 100


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
        last = session.scalars(select(models.JournalEntry).order_by(models.JournalEntry.seq.desc()).limit(1)).first()
        seq = (last.seq + 1) if last else 1
        prev = last.hash if last else core.GENESIS
        payload_text = core.canonical(payload or {}).decode()
        entry = core.Entry(seq, iso(now or utc_now()), actor.username, actor.role_value,
                           actor.machine or self.store.machine, action, subject[:120],
                           json.loads(payload_text), prev)
        h = core.entry_hash(entry)
        session.add(models.JournalEntry(seq=seq, ts=entry.ts, actor=entry.actor, role=entry.role,
                                        machine=entry.machine, action=action, subject=entry.subject,
                                        payload=payload_text, prev_hash=prev, hash=h))
        if seq % CHECKPOINT_EVERY == 0:
            self._checkpoint(session, seq, h, now)
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

    def checkpoint_if_behind(self) -> int | None:
        """Sign the latest entry unless it is already covered.  Returns the seq signed."""
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
