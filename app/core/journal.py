"""The tamper-evident journal: canonical entry bytes, the hash chain, and its verification.

Every entry carries the hash of the one before.  Checkpoints sign (seq, hash) with
the site's Ed25519 key.  Verification walks the chain and names the first bad entry:
an edit breaks its hash, a deletion or insertion breaks the sequence or the link,
reordering breaks the link, and truncation past a checkpoint leaves a signed
checkpoint pointing at an entry that is no longer there.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Iterable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

GENESIS = "0" * 64


@dataclass(frozen=True)
class Entry:
    seq: int
    ts: str  # ISO 8601 UTC with milliseconds
    actor: str
    role: str
    machine: str
    action: str
    subject: str
    payload: dict
    prev_hash: str
    hash: str = ""


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    entry_hash: str
    ts: str
    signature: bytes
    key_id: str


def canonical(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_hash(e: Entry) -> str:
    body = canonical([e.seq, e.ts, e.actor, e.role, e.machine, e.action, e.subject, e.payload, e.prev_hash])
    return hashlib.sha256(body).hexdigest()


def checkpoint_message(site_id: str, seq: int, entry_hash_hex: str) -> bytes:
    return f"examsite-journal-checkpoint|{site_id}|{seq}|{entry_hash_hex}".encode()


def key_id(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:16]


@dataclass(frozen=True)
class VerifyReport:
    ok: bool
    entries: int
    checkpoints: int
    last_checkpoint_seq: int
    fault: str = ""
    bad_seq: int | None = None


def verify(site_id: str, entries: Iterable[Entry], checkpoints: Iterable[Checkpoint],
           public_keys: dict[str, bytes], anchored: Iterable[tuple[int, str]] = ()) -> VerifyReport:
    """Verify the chain.  ``anchored`` are (seq, hash) pairs known from outside the store
    (the checkpoint side file); each must match the chain."""
    by_seq: dict[int, str] = {}
    prev = GENESIS
    expected_seq = 1
    count = 0
    for e in entries:
        count += 1
        if e.seq != expected_seq:
            if e.seq > expected_seq:
                return VerifyReport(False, count, 0, 0, f"第 {expected_seq} 条日志缺失（下一条为第 {e.seq} 条）", expected_seq)
            return VerifyReport(False, count, 0, 0, f"第 {e.seq} 条日志序号重复或顺序错乱", e.seq)
        if e.prev_hash != prev:
            return VerifyReport(False, count, 0, 0, f"第 {e.seq} 条日志与前一条的链接不符（被插入、删除或调换）", e.seq)
        if entry_hash(e) != e.hash:
            return VerifyReport(False, count, 0, 0, f"第 {e.seq} 条日志内容被改动（哈希不符）", e.seq)
        by_seq[e.seq] = e.hash
        prev = e.hash
        expected_seq += 1
    last_seq = expected_seq - 1
    n_cp = 0
    last_cp = 0
    for cp in sorted(checkpoints, key=lambda c: c.seq):
        n_cp += 1
        pub = public_keys.get(cp.key_id)
        if pub is None:
            return VerifyReport(False, count, n_cp, last_cp, f"第 {cp.seq} 条处的签名检查点使用了未知密钥", cp.seq)
        try:
            Ed25519PublicKey.from_public_bytes(pub).verify(cp.signature, checkpoint_message(site_id, cp.seq, cp.entry_hash))
        except InvalidSignature:
            return VerifyReport(False, count, n_cp, last_cp, f"第 {cp.seq} 条处的检查点签名无效", cp.seq)
        if cp.seq > last_seq:
            return VerifyReport(False, count, n_cp, last_cp,
                                f"日志被截断：签名检查点指向第 {cp.seq} 条，但日志只到第 {last_seq} 条", last_seq + 1)
        if by_seq[cp.seq] != cp.entry_hash:
            return VerifyReport(False, count, n_cp, last_cp, f"第 {cp.seq} 条日志与签名检查点不符", cp.seq)
        last_cp = max(last_cp, cp.seq)
    for seq, h in anchored:
        if seq > last_seq:
            return VerifyReport(False, count, n_cp, last_cp,
                                f"日志被截断：外部检查点记录到第 {seq} 条，但日志只到第 {last_seq} 条", last_seq + 1)
        if by_seq[seq] != h:
            return VerifyReport(False, count, n_cp, last_cp, f"第 {seq} 条日志与外部检查点记录不符", seq)
        if seq > last_cp:
            return VerifyReport(False, count, n_cp, last_cp, f"第 {seq} 条处的签名检查点已从存储中删除", seq)
    return VerifyReport(True, count, n_cp, last_cp)
